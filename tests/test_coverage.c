/* The overasking engine, rule by rule (../shared/docs/cli-contract.md, "Overasking" 1-6). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "policy/coverage.h"
#include "support/testutil.h"
#include "util/cbor.h"
#include "util/cbor_json.h"
#include "util/json.h"
#include "util/limits.h"

typedef struct outcome {
    wrp_findings f;
    wrp_coverage cov;
} outcome;

/* Parses a registered set and a DCQL query, evaluates, and returns the findings. */
static void eval(const char *registered, const char *query, outcome *o)
{
    cJSON *rj = NULL, *qj = NULL;
    assert_int_equal(wrp_json_parse((const uint8_t *)registered, strlen(registered), &rj, NULL), WRP_OK);
    assert_int_equal(wrp_json_parse((const uint8_t *)query, strlen(query), &qj, NULL), WRP_OK);
    wrp_regset reg;
    wrp_err err = {{0}};
    assert_int_equal(wrp_regset_from_json(rj, WRP_REGSET_CERT, &reg, &err), WRP_OK);
    wrp_dcql q;
    assert_int_equal(wrp_dcql_parse(qj, &q, &err), WRP_OK);
    wrp_cov_index *ix = NULL;
    assert_int_equal(wrp_cov_index_new(&reg, &ix), WRP_OK);
    memset(o, 0, sizeof *o);
    assert_int_equal(wrp_coverage_init(&q, &o->cov), WRP_OK);
    assert_int_equal(wrp_coverage_eval(&q, ix, WRP_SRC_RC, &o->cov, &o->f), WRP_OK);
    wrp_cov_index_free(ix);
    wrp_dcql_free(&q);
    wrp_regset_free(&reg);
    cJSON_Delete(rj);
    cJSON_Delete(qj);
}

static void done(outcome *o)
{
    wrp_findings_free(&o->f);
    wrp_coverage_free(&o->cov);
}

/* The finding codes, in order, as "CODE CODE ..." (for compact assertions). */
static const char *codes(const outcome *o)
{
    static char buf[1024];
    size_t off = 0;
    buf[0] = 0;
    for (size_t i = 0; i < o->f.n && off < sizeof buf; i++)
        off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s", i ? " " : "", wrp_code_str(o->f.v[i].code));
    return buf;
}

#define PID_SD(claims) "[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"urn:eudi:pid:1\"]}" claims "}]"
#define Q_SD(claims)                                                                                 \
    "{\"credentials\":[{\"id\":\"pid\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"urn:eudi:pid:1\"]}" \
    claims "}]}"

static void registered_claim_is_covered(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(",\"claim\":[{\"path\":[\"given_name\"]}]"), Q_SD(",\"claims\":[{\"path\":[\"given_name\"]}]"), &o);
    assert_string_equal(codes(&o), "");
    assert_int_equal(o.cov.n, 1);
    assert_true(o.cov.items[0].registered);
    done(&o);
}

static void unregistered_claim_is_overask_with_details(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(",\"claim\":[{\"path\":[\"given_name\"]}]"),
         Q_SD(",\"claims\":[{\"path\":[\"given_name\"]},{\"path\":[\"birthdate\"]}]"), &o);
    assert_string_equal(codes(&o), "OVERASK");
    assert_string_equal(o.f.v[0].credential_id, "pid");
    assert_string_equal(o.f.v[0].type, "urn:eudi:pid:1");
    assert_int_equal(o.f.v[0].source, WRP_SRC_RC);
    assert_true(o.f.v[0].has_path);
    assert_int_equal(o.f.v[0].path.n, 1);
    assert_string_equal(o.f.v[0].path.e[0].str, "birthdate");
    assert_true(o.cov.items[0].registered);
    assert_false(o.cov.items[1].registered);
    done(&o);
}

/* Rule 4: a registered parent covers its children, never the reverse. */
static void parent_covers_child_not_reverse(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(",\"claim\":[{\"path\":[\"address\"]}]"), Q_SD(",\"claims\":[{\"path\":[\"address\",\"street_address\"]}]"), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    eval(PID_SD(",\"claim\":[{\"path\":[\"address\",\"street_address\"]}]"), Q_SD(",\"claims\":[{\"path\":[\"address\"]}]"), &o);
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
}

static void null_covers_index_not_reverse(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(",\"claim\":[{\"path\":[\"nationalities\",null]}]"), Q_SD(",\"claims\":[{\"path\":[\"nationalities\",0]}]"), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    eval(PID_SD(",\"claim\":[{\"path\":[\"nationalities\",null]}]"), Q_SD(",\"claims\":[{\"path\":[\"nationalities\",null]}]"), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    eval(PID_SD(",\"claim\":[{\"path\":[\"nationalities\",0]}]"), Q_SD(",\"claims\":[{\"path\":[\"nationalities\",null]}]"), &o);
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
    eval(PID_SD(",\"claim\":[{\"path\":[\"nationalities\",0]}]"), Q_SD(",\"claims\":[{\"path\":[\"nationalities\",1]}]"), &o);
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
    /* a null deeper in the registered path, reached through an index and a key */
    eval(PID_SD(",\"claim\":[{\"path\":[\"a\",null,\"b\"]}]"), Q_SD(",\"claims\":[{\"path\":[\"a\",7,\"b\",\"c\"]}]"), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    eval(PID_SD(",\"claim\":[{\"path\":[\"a\",null,\"b\"]}]"), Q_SD(",\"claims\":[{\"path\":[\"a\",7,\"x\"]}]"), &o);
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
}

/* Rule 5: registered values cover only the same path with values all among them. */
static void values_rules(void **s)
{
    (void)s;
    outcome o;
    const char *reg = PID_SD(",\"claim\":[{\"path\":[\"age\"],\"values\":[18,\"x\",true]}]");
    eval(reg, Q_SD(",\"claims\":[{\"path\":[\"age\"],\"values\":[18,true]}]"), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    eval(reg, Q_SD(",\"claims\":[{\"path\":[\"age\"]}]"), &o); /* no values asked: the whole claim */
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
    eval(reg, Q_SD(",\"claims\":[{\"path\":[\"age\"],\"values\":[\"18\"]}]"), &o); /* "18" is not 18 */
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
    eval(reg, Q_SD(",\"claims\":[{\"path\":[\"age\"],\"values\":[1]}]"), &o); /* 1 is not true */
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
    eval(reg, Q_SD(",\"claims\":[{\"path\":[\"age\",\"sub\"],\"values\":[18]}]"), &o); /* not equal */
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
    /* without values, a registered claim covers requests with values */
    eval(PID_SD(",\"claim\":[{\"path\":[\"age\"]}]"), Q_SD(",\"claims\":[{\"path\":[\"age\"],\"values\":[18]}]"), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
}

/* Rules 1 and 3: an entry without a claim list registers everything; a query without claims asks
 * for the whole credential and only such an entry covers it. */
static void whole_credential_rules(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(""), Q_SD(",\"claims\":[{\"path\":[\"anything\",0]}]"), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    eval(PID_SD(""), Q_SD(""), &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    eval(PID_SD(",\"claim\":[{\"path\":[\"given_name\"]}]"), Q_SD(""), &o);
    assert_string_equal(codes(&o), "OVERASK");
    assert_int_equal(o.f.v[0].path.n, 0);
    assert_true(o.f.v[0].has_path);
    done(&o);
}

/* Rule 2: per type, same format only, entries add up. */
static void types_and_formats(void **s)
{
    (void)s;
    outcome o;
    const char *two = "{\"credentials\":[{\"id\":\"p\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\",\"B\"]},"
                      "\"claims\":[{\"path\":[\"x\"]}]}]}";
    eval("[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\"]},\"claim\":[{\"path\":[\"x\"]}]}]", two, &o);
    assert_string_equal(codes(&o), "OVERASK_CREDENTIAL");
    assert_string_equal(o.f.v[0].type, "B");
    assert_false(o.f.v[0].has_path);
    done(&o);
    /* same type under another format does not count */
    eval("[{\"format\":\"jwt_vc_json\",\"meta\":{\"type_values\":[[\"A\"]]}},"
         "{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\",\"B\"]},\"claim\":[{\"path\":[\"x\"]}]}]",
         two, &o);
    assert_string_equal(codes(&o), "");
    done(&o);
    /* entries add up */
    eval("[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\"]},\"claim\":[{\"path\":[\"x\"]}]},"
         "{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\"]},\"claims\":[{\"path\":[\"y\"]}]}]",
         "{\"credentials\":[{\"id\":\"p\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\"]},"
         "\"claims\":[{\"path\":[\"x\"]},{\"path\":[\"y\"]}]}]}",
         &o);
    assert_string_equal(codes(&o), "");
    done(&o);
}

/* A type listed twice in a query is reported once (one finding per (query, type, path)). */
static void repeated_type_is_one_finding(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(",\"claim\":[{\"path\":[\"x\"]}]"),
         "{\"credentials\":[{\"id\":\"p\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":"
         "[\"urn:eudi:pid:1\",\"urn:eudi:pid:1\"]},\"claims\":[{\"path\":[\"y\"]}]}]}",
         &o);
    assert_string_equal(codes(&o), "OVERASK");
    assert_int_equal(o.cov.n, 1);
    done(&o);
    eval(PID_SD(",\"claim\":[{\"path\":[\"x\"]}]"),
         "{\"credentials\":[{\"id\":\"p\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":"
         "[\"B\",\"B\"]},\"claims\":[{\"path\":[\"y\"]}]}]}",
         &o);
    assert_string_equal(codes(&o), "OVERASK_CREDENTIAL");
    done(&o);
}

/* A registered path index or value written with a fraction or an exponent is not an integer, nor
 * is a float that came from CBOR: the registered set is malformed. */
static void registered_integers_are_written_as_integers(void **s)
{
    (void)s;
    const char *bad[] = {
        PID_SD(",\"claim\":[{\"path\":[\"a\",1.0]}]"),
        PID_SD(",\"claim\":[{\"path\":[\"a\",1.00000000000000001]}]"),
        PID_SD(",\"claim\":[{\"path\":[\"a\"],\"values\":[18.0]}]"),
        PID_SD(",\"claim\":[{\"path\":[\"a\"],\"values\":[1.8e1]}]"),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *rj = NULL;
        assert_int_equal(wrp_json_parse((const uint8_t *)bad[i], strlen(bad[i]), &rj, NULL), WRP_OK);
        wrp_regset reg;
        wrp_err err = {{0}};
        assert_int_equal(wrp_regset_from_json(rj, WRP_REGSET_CERT, &reg, &err), WRP_ERR_MALFORMED);
        cJSON_Delete(rj);
    }
    /* the same through CBOR: {"p": [1, 1.0]} with 1.0 a double */
    size_t len;
    uint8_t *cb = tu_hex_decode("a1 61 70 82 01 fb 3f f0 00 00 00 00 00 00", &len);
    assert_non_null(cb);
    cbor_item_t *item = NULL;
    assert_int_equal(wrp_cbor_parse(cb, len, &item, NULL), WRP_OK);
    cJSON *j = NULL;
    assert_int_equal(wrp_cbor_to_json(item, NULL, 0, false, &j, NULL), WRP_OK);
    const cJSON *p = wrp_json_get(j, "p");
    int64_t v;
    assert_true(wrp_json_int(cJSON_GetArrayItem(p, 0), 0, 10, &v));
    assert_int_equal(v, 1);
    assert_true(cJSON_IsNumber(cJSON_GetArrayItem(p, 1)));
    assert_false(wrp_json_int(cJSON_GetArrayItem(p, 1), 0, 10, &v));
    cJSON_Delete(j);
    cbor_decref(&item);
    free(cb);
}

static void mdoc_and_type_values(void **s)
{
    (void)s;
    outcome o;
    const char *reg = "[{\"format\":\"mso_mdoc\",\"meta\":{\"doctype_value\":\"org.iso.18013.5.1.mDL\"},"
                      "\"claim\":[{\"path\":[\"org.iso.18013.5.1\",\"family_name\"]}]},"
                      "{\"format\":\"jwt_vc_json\",\"meta\":{\"type_values\":[[\"VC\",\"Diploma\"]]}}]";
    eval(reg,
         "{\"credentials\":[{\"id\":\"m\",\"format\":\"mso_mdoc\",\"meta\":{\"doctype_value\":\"org.iso.18013.5.1.mDL\"},"
         "\"claims\":[{\"path\":[\"org.iso.18013.5.1\",\"family_name\"]},{\"path\":[\"org.iso.18013.5.1\",\"portrait\"]}]},"
         "{\"id\":\"d\",\"format\":\"jwt_vc_json\",\"meta\":{\"type_values\":[[\"Diploma\",\"VC\"]]}}]}",
         &o);
    assert_string_equal(codes(&o), "OVERASK");
    assert_string_equal(o.f.v[0].credential_id, "m");
    assert_string_equal(o.f.v[0].path.e[1].str, "portrait");
    done(&o);
}

/* Rule 3: claim_sets do not reduce what counts as requested. */
static void claim_sets_all_count(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(",\"claim\":[{\"path\":[\"a\"]}]"),
         Q_SD(",\"claims\":[{\"id\":\"a\",\"path\":[\"a\"]},{\"id\":\"b\",\"path\":[\"b\"]}],\"claim_sets\":[[\"a\"],[\"b\"]]"),
         &o);
    assert_string_equal(codes(&o), "OVERASK");
    done(&o);
}

/* A format without types can never be covered (fail closed). */
static void typeless_format_is_never_covered(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(""), "{\"credentials\":[{\"id\":\"x\",\"format\":\"something_new\",\"meta\":{}}]}", &o);
    assert_string_equal(codes(&o), "OVERASK_CREDENTIAL");
    assert_null(o.f.v[0].type);
    assert_false(o.cov.items[0].registered);
    done(&o);
}

/* Many integer positions: a walk, whatever their number. */
static void many_indexes(void **s)
{
    (void)s;
    outcome o;
    eval(PID_SD(",\"claim\":[{\"path\":[\"a\",null,null,null,null,null,null,null,null,null,null]}]"),
         Q_SD(",\"claims\":[{\"path\":[\"a\",1,2,3,4,5,6,7,8,9,10]},{\"path\":[\"b\",1,2,3,4,5,6,7,8,9,10]}]"), &o);
    assert_string_equal(codes(&o), "OVERASK");
    assert_string_equal(o.f.v[0].path.e[0].str, "b");
    done(&o);
}


/* Rule 4 through the automaton: null and an index side by side, prefixes, strings never matched
 * by null. */
static void null_and_index_side_by_side(void **s)
{
    (void)s;
    outcome o;
    const char *reg = PID_SD(",\"claim\":[{\"path\":[\"a\",null,\"b\"]},{\"path\":[\"a\",0,\"c\"]},"
                             "{\"path\":[\"x\",0]},{\"path\":[\"y\",null]},{\"path\":[\"z\"]},"
                             "{\"path\":[\"z\",0,\"deep\"]}]");
    eval(reg,
         Q_SD(",\"claims\":[{\"path\":[\"a\",0,\"b\"]},{\"path\":[\"a\",0,\"c\"]},{\"path\":[\"a\",1,\"c\"]},"
              "{\"path\":[\"a\",null,\"b\",7]},{\"path\":[\"a\",null,\"c\"]},{\"path\":[\"a\",\"0\",\"b\"]},"
              "{\"path\":[\"x\",null]},{\"path\":[\"x\",0,null,1]},{\"path\":[\"y\",\"k\"]},{\"path\":[\"y\",5,\"k\"]},"
              "{\"path\":[\"z\",3]},{\"path\":[\"a\"]},{\"path\":[\"a\",0]}]"),
         &o);
    /* uncovered: [a,1,c] (0 is not 1, and null is followed by b), [a,null,c] (0 does not cover
     * null), [a,"0",b] (null covers no string), [x,null], [y,"k"], [a], [a,0] (prefixes of
     * registered paths) */
    assert_string_equal(codes(&o), "OVERASK OVERASK OVERASK OVERASK OVERASK OVERASK OVERASK");
    const bool want[] = {true, true, false, true, false, false, false, true, false, true, true, false, false};
    assert_int_equal(o.cov.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < o.cov.n; i++)
        assert_int_equal(o.cov.items[i].registered, want[i]);
    done(&o);
}

/* Rule 5 for values of every JSON type: compared by type and value, requested repeats counted
 * once, a claim with values covering only its own path, whatever the prefixes around it. */
static void values_of_every_type(void **s)
{
    (void)s;
    outcome o;
    const char *reg = PID_SD(",\"claim\":[{\"path\":[\"v\"],\"values\":[\"x\",18,true,0,\"\",-3]},"
                             "{\"path\":[\"v\"],\"values\":[false,\"y\"]},"
                             "{\"path\":[\"n\",null],\"values\":[1]},{\"path\":[\"p\"]}]");
    struct {
        const char *claim;
        bool ok;
    } cases[] = {
        {"{\"path\":[\"v\"],\"values\":[\"x\",18,true,0,\"\",-3]}", true},
        {"{\"path\":[\"v\"],\"values\":[18,18,18]}", true},
        {"{\"path\":[\"v\"],\"values\":[false,\"y\"]}", true},
        {"{\"path\":[\"v\"],\"values\":[\"x\",false]}", false},  /* values of two claims */
        {"{\"path\":[\"v\"],\"values\":[\"18\"]}", false},
        {"{\"path\":[\"v\"],\"values\":[1]}", false},            /* 1 is not true */
        {"{\"path\":[\"v\"],\"values\":[false]}", true},
        {"{\"path\":[\"v\"],\"values\":[0]}", true},
        {"{\"path\":[\"v\"],\"values\":[\"true\"]}", false},
        {"{\"path\":[\"v\"],\"values\":[-3,\"\"]}", true},
        {"{\"path\":[\"v\"],\"values\":[3]}", false},
        {"{\"path\":[\"v\"]}", false},
        {"{\"path\":[\"v\",\"w\"],\"values\":[18]}", false},
        {"{\"path\":[\"n\",null],\"values\":[1]}", true},
        {"{\"path\":[\"n\",0],\"values\":[1]}", false},           /* not its own path */
        {"{\"path\":[\"p\",0],\"values\":[\"anything\"]}", true}, /* a claim without values */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char q[512];
        snprintf(q, sizeof q, Q_SD(",\"claims\":[%s]"), cases[i].claim);
        eval(reg, q, &o);
        if (o.cov.items[0].registered != cases[i].ok)
            fail_msg("%s: registered %d", cases[i].claim, o.cov.items[0].registered);
        done(&o);
    }
}

/* Rule 5 per type: a claim with values covers only for the types of its own entry. */
static void values_cover_for_their_own_types(void **s)
{
    (void)s;
    outcome o;
    eval("[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\",\"B\"]},\"claim\":[{\"path\":[\"v\"],\"values\":[1,2]}]},"
         "{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"C\"]},\"claim\":[{\"path\":[\"w\"]}]},"
         "{\"format\":\"vc+sd-jwt\",\"meta\":{\"vct_values\":[\"C\"]},\"claim\":[{\"path\":[\"v\"],\"values\":[1]}]}]",
         "{\"credentials\":[{\"id\":\"p\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"A\",\"C\",\"B\"]},"
         "\"claims\":[{\"path\":[\"v\"],\"values\":[2,1]}]},"
         "{\"id\":\"q\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"C\",\"A\"]},"
         "\"claims\":[{\"path\":[\"v\"],\"values\":[2,1]}]}]}",
         &o);
    assert_string_equal(codes(&o), "OVERASK OVERASK");
    assert_string_equal(o.f.v[0].credential_id, "p");
    assert_string_equal(o.f.v[0].type, "C");
    assert_string_equal(o.f.v[1].credential_id, "q");
    assert_string_equal(o.f.v[1].type, "C");
    done(&o);
}

/* ---------------------------------------------------------------------------------------------
 * The engine against a naive reading of rules 1-6 on random sets and queries */

static uint32_t rng_state;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state % n;
}

typedef struct sbuf {
    char b[8192];
    size_t n;
} sbuf;

static void put(sbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sbuf *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(s->b + s->n, sizeof s->b - s->n, fmt, ap);
    va_end(ap);
    assert_true(k >= 0 && (size_t)k < sizeof s->b - s->n);
    s->n += (size_t)k;
}

static const char *const ELEMS[] = {"\"a\"", "\"b\"", "\"0\"", "0", "1", "2", "null"};
static const char *const VALUES[] = {"\"x\"", "\"18\"", "18", "1", "0", "true", "false", "\"true\"", "-1"};
static const char *const TYPES[] = {"\"T1\"", "\"T2\"", "\"T3\"", "\"T4\""};

static void random_path(sbuf *s, uint32_t max_len)
{
    uint32_t n = 1 + rnd(max_len);
    put(s, "\"path\":[");
    for (uint32_t i = 0; i < n; i++)
        put(s, "%s%s", i ? "," : "", ELEMS[rnd(sizeof ELEMS / sizeof ELEMS[0])]);
    put(s, "]");
}

static void random_values(sbuf *s)
{
    uint32_t n = 1 + rnd(3);
    put(s, ",\"values\":[");
    for (uint32_t i = 0; i < n; i++)
        put(s, "%s%s", i ? "," : "", VALUES[rnd(sizeof VALUES / sizeof VALUES[0])]);
    put(s, "]");
}

static void random_types(sbuf *s, uint32_t pool)
{
    uint32_t n = 1 + rnd(3);
    put(s, "\"vct_values\":[");
    for (uint32_t i = 0; i < n; i++)
        put(s, "%s%s", i ? "," : "", TYPES[rnd(pool)]);
    put(s, "]");
}

static const char *random_format(void)
{
    return rnd(8) == 0 ? "vc+sd-jwt" : "dc+sd-jwt";
}

static void random_registered(sbuf *s)
{
    uint32_t n = 1 + rnd(4);
    put(s, "[");
    for (uint32_t e = 0; e < n; e++) {
        put(s, "%s{\"format\":\"%s\",\"meta\":{", e ? "," : "", random_format());
        random_types(s, 3);
        put(s, "}");
        if (rnd(6) != 0) {
            uint32_t k = rnd(7);
            put(s, ",\"claims\":[");
            for (uint32_t c = 0; c < k; c++) {
                put(s, "%s{", c ? "," : "");
                random_path(s, 4);
                if (rnd(3) == 0)
                    random_values(s);
                put(s, "}");
            }
            put(s, "]");
        }
        put(s, "}");
    }
    put(s, "]");
}

static void random_query(sbuf *s)
{
    uint32_t n = 1 + rnd(3);
    put(s, "{\"credentials\":[");
    for (uint32_t q = 0; q < n; q++) {
        put(s, "%s{\"id\":\"q%u\",\"format\":\"%s\",\"meta\":{", q ? "," : "", q, random_format());
        random_types(s, 4);
        put(s, "}");
        if (rnd(6) != 0) {
            uint32_t k = 1 + rnd(6);
            put(s, ",\"claims\":[");
            for (uint32_t c = 0; c < k; c++) {
                put(s, "%s{", c ? "," : "");
                random_path(s, 5);
                if (rnd(3) == 0)
                    random_values(s);
                put(s, "}");
            }
            put(s, "]");
        }
        put(s, "}");
    }
    put(s, "]}");
}

static bool naive_value_equal(const cJSON *a, const cJSON *b)
{
    if (cJSON_IsString(a) && cJSON_IsString(b))
        return strcmp(a->valuestring, b->valuestring) == 0;
    if (cJSON_IsBool(a) && cJSON_IsBool(b))
        return cJSON_IsTrue(a) == cJSON_IsTrue(b);
    if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
        return a->valuedouble == b->valuedouble;
    return false;
}

static bool naive_elem_equal(const wrp_path_elem *a, const wrp_path_elem *b)
{
    return a->kind == b->kind && (a->kind == WRP_PATH_NULL || (a->kind == WRP_PATH_INT && a->idx == b->idx) ||
                                  (a->kind == WRP_PATH_STR && strcmp(a->str, b->str) == 0));
}

/* Rules 4 and 5, as the contract words them. */
static bool naive_claim_covers(const wrp_reg_claim *r, const wrp_dcql_claim *q)
{
    if (r->values != NULL) {
        if (r->path.n != q->path.n || q->values == NULL)
            return false;
        for (size_t i = 0; i < r->path.n; i++)
            if (!naive_elem_equal(&r->path.e[i], &q->path.e[i]))
                return false;
        const cJSON *v, *w;
        cJSON_ArrayForEach(v, q->values)
        {
            bool found = false;
            cJSON_ArrayForEach(w, r->values) found = found || naive_value_equal(v, w);
            if (!found)
                return false;
        }
        return true;
    }
    if (r->path.n > q->path.n)
        return false;
    for (size_t i = 0; i < r->path.n; i++) {
        const wrp_path_elem *a = &r->path.e[i], *b = &q->path.e[i];
        if (naive_elem_equal(a, b))
            continue;
        if (a->kind == WRP_PATH_NULL && b->kind == WRP_PATH_INT)
            continue;
        return false;
    }
    return true;
}

static bool entry_has(const wrp_reg_cred *e, const char *format, const char *type)
{
    if (strcmp(e->format, format) != 0)
        return false;
    for (size_t t = 0; t < e->n_types; t++)
        if (strcmp(e->types[t], type) == 0)
            return true;
    return false;
}

/* The findings of rules 2 and 6 and the registered flags, read naively. */
static void naive(const wrp_regset *reg, const wrp_dcql *q, char *codes_out, size_t size, bool *flags)
{
    size_t item = 0, off = 0;
    codes_out[0] = 0;
    for (size_t c = 0; c < q->n_creds; c++) {
        const wrp_dcql_cred *cr = &q->creds[c];
        for (size_t t = 0; t < cr->n_types; t++) {
            bool any = false, all = false;
            for (size_t e = 0; e < reg->n; e++)
                if (entry_has(&reg->v[e], cr->format, cr->types[t])) {
                    any = true;
                    all = all || reg->v[e].all_claims;
                }
            if (!any)
                off += (size_t)snprintf(codes_out + off, size - off, "%sOVERASK_CREDENTIAL", off ? " " : "");
            size_t nk = cr->has_claims ? cr->n_claims : 1;
            for (size_t k = 0; k < nk; k++, item++) {
                bool ok = any && all;
                for (size_t e = 0; any && !ok && cr->has_claims && e < reg->n; e++) {
                    if (!entry_has(&reg->v[e], cr->format, cr->types[t]))
                        continue;
                    for (size_t r = 0; !ok && r < reg->v[e].n_claims; r++)
                        ok = naive_claim_covers(&reg->v[e].claims[r], &cr->claims[k]);
                }
                flags[item] = ok;
                if (any && !ok)
                    off += (size_t)snprintf(codes_out + off, size - off, "%sOVERASK", off ? " " : "");
            }
        }
    }
}

static void engine_agrees_with_naive_reading(void **s)
{
    (void)s;
    rng_state = 0x2545f491u;
    size_t judged = 0, covered = 0;
    for (int round = 0; round < 4000; round++) {
        sbuf r = {{0}, 0}, qs = {{0}, 0};
        random_registered(&r);
        random_query(&qs);
        cJSON *rj = NULL, *qj = NULL;
        assert_int_equal(wrp_json_parse((const uint8_t *)r.b, r.n, &rj, NULL), WRP_OK);
        assert_int_equal(wrp_json_parse((const uint8_t *)qs.b, qs.n, &qj, NULL), WRP_OK);
        wrp_regset reg;
        wrp_dcql q;
        wrp_err err = {{0}};
        assert_int_equal(wrp_regset_from_json(rj, WRP_REGSET_CERT, &reg, &err), WRP_OK);
        if (wrp_dcql_parse(qj, &q, &err) != WRP_OK) { /* two claims of one path */
            wrp_regset_free(&reg);
            cJSON_Delete(rj);
            cJSON_Delete(qj);
            continue;
        }
        wrp_cov_index *ix = NULL;
        outcome o;
        memset(&o, 0, sizeof o);
        assert_int_equal(wrp_cov_index_new(&reg, &ix), WRP_OK);
        assert_int_equal(wrp_coverage_init(&q, &o.cov), WRP_OK);
        assert_int_equal(wrp_coverage_eval(&q, ix, WRP_SRC_RC, &o.cov, &o.f), WRP_OK);
        char want[1024];
        bool flags[256];
        assert_true(o.cov.n <= sizeof flags / sizeof flags[0]);
        naive(&reg, &q, want, sizeof want, flags);
        if (strcmp(codes(&o), want) != 0)
            fail_msg("round %d: %s\n%s\nengine: %s\nnaive:  %s", round, r.b, qs.b, codes(&o), want);
        for (size_t i = 0; i < o.cov.n; i++) {
            if (o.cov.items[i].registered != flags[i])
                fail_msg("round %d item %zu: %s\n%s", round, i, r.b, qs.b);
            covered += flags[i];
        }
        judged += o.cov.n;
        done(&o);
        wrp_cov_index_free(ix);
        wrp_dcql_free(&q);
        wrp_regset_free(&reg);
        cJSON_Delete(rj);
        cJSON_Delete(qj);
    }
    /* Not vacuous: both outcomes are common. */
    assert_true(covered > judged / 10 && covered < judged * 9 / 10);
}

/* ---------------------------------------------------------------------------------------------
 * Limits of the registered side (WRP_MAX_REGISTERED_ITEMS, the list caps, the automaton) */

static wrp_status read_set(const char *text, wrp_err *err)
{
    cJSON *rj = NULL;
    assert_int_equal(wrp_json_parse((const uint8_t *)text, strlen(text), &rj, NULL), WRP_OK);
    wrp_regset reg;
    wrp_status st = wrp_regset_from_json(rj, WRP_REGSET_CERT, &reg, err);
    if (st == WRP_OK)
        wrp_regset_free(&reg);
    else
        assert_int_equal(reg.n, 0); /* nothing left registered */
    cJSON_Delete(rj);
    return st;
}

/* One entry of n_types types (some listed twice) and n_claims claims, n_values values each. */
static char *entry_text(size_t n_types, size_t repeat, size_t n_claims, size_t n_values)
{
    size_t cap = 64 + (n_types + repeat) * 16 + n_claims * (32 + n_values * 8);
    char *b = malloc(cap);
    assert_non_null(b);
    size_t off = (size_t)snprintf(b, cap, "{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[");
    for (size_t t = 0; t < n_types + repeat; t++)
        off += (size_t)snprintf(b + off, cap - off, "%s\"t%zu\"", t ? "," : "", t % n_types);
    off += (size_t)snprintf(b + off, cap - off, "]}");
    if (n_claims > 0) {
        off += (size_t)snprintf(b + off, cap - off, ",\"claim\":[");
        for (size_t c = 0; c < n_claims; c++) {
            off += (size_t)snprintf(b + off, cap - off, "%s{\"path\":[\"c%zu\"]", c ? "," : "", c);
            if (n_values > 0) {
                off += (size_t)snprintf(b + off, cap - off, ",\"values\":[");
                for (size_t v = 0; v < n_values; v++)
                    off += (size_t)snprintf(b + off, cap - off, "%s%zu", v ? "," : "", v);
                off += (size_t)snprintf(b + off, cap - off, "]");
            }
            off += (size_t)snprintf(b + off, cap - off, "}");
        }
        off += (size_t)snprintf(b + off, cap - off, "]");
    }
    snprintf(b + off, cap - off, "}");
    return b;
}

static wrp_status read_entries(char *a, char *b, wrp_err *err)
{
    size_t n = strlen(a) + (b ? strlen(b) : 0) + 8;
    char *t = malloc(n);
    assert_non_null(t);
    snprintf(t, n, "[%s%s%s]", a, b ? "," : "", b ? b : "");
    wrp_status st = read_set(t, err);
    free(t);
    free(a);
    free(b);
    return st;
}

static void registered_items_are_limited(void **s)
{
    (void)s;
    wrp_err err = {{0}};
    /* 64 types (each listed twice: counted once) x 64 claims: the limit, accepted */
    assert_int_equal(read_entries(entry_text(64, 64, 64, 0), NULL, &err), WRP_OK);
    /* one more claim in another entry: refused */
    assert_int_equal(read_entries(entry_text(64, 0, 64, 0), entry_text(1, 0, 1, 0), &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "more than 4096 items"));
    /* an entry without claims counts once per type */
    assert_int_equal(read_entries(entry_text(64, 0, 63, 0), entry_text(64, 0, 0, 0), &err), WRP_OK);
    assert_int_equal(read_entries(entry_text(64, 0, 64, 0), entry_text(1, 0, 0, 0), &err), WRP_ERR_LIMIT);
    /* 1,024 types x 5 claims */
    assert_int_equal(read_entries(entry_text(1024, 0, 5, 0), NULL, &err), WRP_ERR_LIMIT);
    /* the lists: 1,025 types, 1,025 claims, 1,025 values */
    assert_int_equal(read_entries(entry_text(1025, 0, 1, 0), NULL, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "vct_values has more than 1024"));
    assert_int_equal(read_entries(entry_text(1, 0, 1025, 0), NULL, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "claim has more than 1024"));
    assert_int_equal(read_entries(entry_text(1, 0, 1, 1025), NULL, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "values has more than 1024"));
    assert_int_equal(read_entries(entry_text(1024, 0, 4, 1024), NULL, &err), WRP_OK);
    /* 4,097 entries */
    size_t cap = 4097 * 64;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t off = (size_t)snprintf(t, cap, "[");
    for (size_t i = 0; i < 4097; i++)
        off += (size_t)snprintf(t + off, cap - off, "%s{\"format\":\"x\",\"meta\":{}}", i ? "," : "");
    snprintf(t + off, cap - off, "]");
    assert_int_equal(read_set(t, &err), WRP_ERR_LIMIT);
    t[off - strlen(",{\"format\":\"x\",\"meta\":{}}")] = ']';
    t[off - strlen(",{\"format\":\"x\",\"meta\":{}}") + 1] = 0;
    assert_int_equal(read_set(t, &err), WRP_OK);
    free(t);
}

/* Indexes beside a null under which many paths go: each index state holds a copy of the null's
 * subtree. Refused beyond WRP_REGISTERED_MATCH_GROWTH; a set as large without that shape is
 * accepted. */
static void matching_automaton_is_limited(void **s)
{
    (void)s;
    for (int shape = 0; shape < 2; shape++) {
        size_t cap = 65536, off = 0;
        char *t = malloc(cap);
        assert_non_null(t);
        off += (size_t)snprintf(t + off, cap - off,
                                "[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"T\"]},\"claim\":[");
        for (size_t i = 0; i < 200; i++)
            off += (size_t)snprintf(t + off, cap - off, "%s{\"path\":[%zu,\"a\"]},{\"path\":[%s,\"s%zu\"]}",
                                    i ? "," : "", i, shape ? "\"n\"" : "null", i);
        snprintf(t + off, cap - off, "]}]");
        wrp_err err = {{0}};
        if (shape == 0) {
            assert_int_equal(read_set(t, &err), WRP_ERR_LIMIT);
            assert_non_null(strstr(err.msg, "automaton"));
        } else {
            assert_int_equal(read_set(t, &err), WRP_OK);
        }
        free(t);
    }
}

/* The steps of a judgement stay in proportion to its two sides: many values on both (the
 * quadratic rule 5 took items x registered claims x values x values), many integers in long
 * paths against many registered claims. */
static void work_is_bounded(void **s)
{
    (void)s;
    enum { N_TYPES = 64, N_VALUES = 1024, REG = 16 };
    size_t cap = 1 << 20, off = 0;
    char *reg = malloc(cap), *q = malloc(cap);
    assert_non_null(reg);
    assert_non_null(q);
    off += (size_t)snprintf(reg + off, cap - off, "[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[");
    for (int t = 0; t < N_TYPES; t++)
        off += (size_t)snprintf(reg + off, cap - off, "%s\"t%d\"", t ? "," : "", t);
    off += (size_t)snprintf(reg + off, cap - off, "]},\"claim\":[");
    for (int r = 0; r < REG; r++) {
        off += (size_t)snprintf(reg + off, cap - off, "%s{\"path\":[\"v\"],\"values\":[", r ? "," : "");
        for (int v = 0; v < N_VALUES - 1; v++)
            off += (size_t)snprintf(reg + off, cap - off, "%d,", v);
        off += (size_t)snprintf(reg + off, cap - off, "%d]}", 1000000 + r);
    }
    snprintf(reg + off, cap - off, "]}]");
    size_t reg_len = strlen(reg);
    off = (size_t)snprintf(q, cap, "{\"credentials\":[");
    for (int c = 0; c < 4; c++) {
        off += (size_t)snprintf(q + off, cap - off, "%s{\"id\":\"q%d\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[",
                                c ? "," : "", c);
        for (int t = 0; t < N_TYPES; t++)
            off += (size_t)snprintf(q + off, cap - off, "%s\"t%d\"", t ? "," : "", t);
        off += (size_t)snprintf(q + off, cap - off, "]},\"claims\":[{\"path\":[\"v\"],\"values\":[");
        for (int v = 0; v < N_VALUES; v++)
            off += (size_t)snprintf(q + off, cap - off, "%s%d", v ? "," : "", v);
        off += (size_t)snprintf(q + off, cap - off, "]},{\"path\":[");
        for (int i = 0; i < 31; i++)
            off += (size_t)snprintf(q + off, cap - off, "%d,", i % 3);
        off += (size_t)snprintf(q + off, cap - off, "\"x\"]}]}");
    }
    snprintf(q + off, cap - off, "]}");
    size_t q_len = strlen(q);
    outcome o;
    eval(reg, q, &o);
    /* every requested value but the last of each registered claim is there: OVERASK for each
     * query and type, twice */
    assert_int_equal(o.f.n, 4 * N_TYPES * 2);
    if (o.cov.work > 8 * (reg_len + q_len))
        fail_msg("%zu steps for %zu + %zu bytes", o.cov.work, reg_len, q_len);
    done(&o);
    free(reg);
    free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(registered_claim_is_covered),
        cmocka_unit_test(unregistered_claim_is_overask_with_details),
        cmocka_unit_test(parent_covers_child_not_reverse),
        cmocka_unit_test(null_covers_index_not_reverse),
        cmocka_unit_test(values_rules),
        cmocka_unit_test(whole_credential_rules),
        cmocka_unit_test(types_and_formats),
        cmocka_unit_test(repeated_type_is_one_finding),
        cmocka_unit_test(registered_integers_are_written_as_integers),
        cmocka_unit_test(mdoc_and_type_values),
        cmocka_unit_test(claim_sets_all_count),
        cmocka_unit_test(typeless_format_is_never_covered),
        cmocka_unit_test(many_indexes),
        cmocka_unit_test(null_and_index_side_by_side),
        cmocka_unit_test(values_of_every_type),
        cmocka_unit_test(values_cover_for_their_own_types),
        cmocka_unit_test(engine_agrees_with_naive_reading),
        cmocka_unit_test(registered_items_are_limited),
        cmocka_unit_test(matching_automaton_is_limited),
        cmocka_unit_test(work_is_bounded),
    };
    return cmocka_run_group_tests_name("coverage", tests, NULL, NULL);
}
