/* The overasking engine, rule by rule (cli-contract.md "Overasking" 1-6). */
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

/* Many integer positions: the scan fallback gives the same answers as enumeration. */
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
    };
    return cmocka_run_group_tests_name("coverage", tests, NULL, NULL);
}
