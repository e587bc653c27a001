/* DCQL queries: one test per rule of OpenID4VP 1.0 sections 6, 7 and appendix B, hostile inputs,
 * and every query under testvectors/interop/dcql/. Queries are written with ' for " to stay readable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "model/dcql.h"
#include "util/json.h"
#include "util/limits.h"
#include "support/testutil.h"

#define INTEROP_DCQL "testvectors/interop/dcql"

/* Credential query prefixes: append members and close with "}". */
#define SDJWT(id) "{'id':'" id "','format':'dc+sd-jwt','meta':{'vct_values':['urn:eudi:pid:1']}"
#define MDOC(id) "{'id':'" id "','format':'mso_mdoc','meta':{'doctype_value':'org.iso.18013.5.1.mDL'}"
#define Q1(cred) "{'credentials':[" cred "]}"

/* ---- helpers -------------------------------------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(need >= 0);
    if (b->n + (size_t)need + 1 > b->cap) {
        b->cap = (b->n + (size_t)need + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
}

/* Strict JSON text (with ' for ") -> status of wrp_dcql_parse. The JSON itself must be valid. */
static wrp_status parse_text(const char *tmpl, wrp_dcql *q, wrp_err *err)
{
    char *text = strdup(tmpl);
    assert_non_null(text);
    for (char *c = text; *c; c++)
        if (*c == '\'')
            *c = '"';
    cJSON *root = NULL;
    wrp_err jerr = {{0}};
    wrp_status st = wrp_json_parse((const uint8_t *)text, strlen(text), &root, &jerr);
    free(text);
    if (st != WRP_OK)
        fail_msg("test JSON refused by the JSON parser: %s", jerr.msg);
    st = wrp_dcql_parse(root, q, err);
    cJSON_Delete(root);
    return st;
}

static void expect_ok(const char *tmpl, wrp_dcql *q)
{
    wrp_err err = {{0}};
    wrp_status st = parse_text(tmpl, q, &err);
    if (st != WRP_OK)
        fail_msg("refused: %s", err.msg);
}

static void expect_refused(const char *tmpl, wrp_status want, const char *msg)
{
    wrp_dcql q;
    wrp_err err = {{0}};
    assert_int_equal(parse_text(tmpl, &q, &err), want);
    assert_string_equal(err.msg, msg);
    assert_null(q.creds);
    assert_int_equal(q.n_creds, 0);
    assert_null(q.sets);
    wrp_dcql_free(&q);
}

static void expect_malformed(const char *tmpl, const char *msg)
{
    expect_refused(tmpl, WRP_ERR_MALFORMED, msg);
}

/* ---- top level (6) --------------------------------------------------------------------------- */

static void query_must_be_an_object(void **state)
{
    (void)state;
    expect_malformed("[]", "query: must be an object");
    expect_malformed("'credentials'", "query: must be an object");
    wrp_dcql q;
    wrp_err err = {{0}};
    assert_int_equal(wrp_dcql_parse(NULL, &q, &err), WRP_ERR_MALFORMED);
    assert_int_equal(wrp_dcql_parse(NULL, NULL, NULL), WRP_ERR_ARG);
}

static void credentials_is_required(void **state)
{
    (void)state;
    expect_malformed("{}", "credentials: is required");
    expect_malformed("{'Credentials':[" SDJWT("a") "}]}", "credentials: is required");
}

static void credentials_is_a_non_empty_array(void **state)
{
    (void)state;
    expect_malformed("{'credentials':[]}",
                     "credentials: must be a non-empty array of credential queries");
    expect_malformed("{'credentials':" SDJWT("a") "}}",
                     "credentials: must be a non-empty array of credential queries");
    expect_malformed("{'credentials':null}",
                     "credentials: must be a non-empty array of credential queries");
}

static void credential_query_is_an_object(void **state)
{
    (void)state;
    expect_malformed("{'credentials':[" SDJWT("a") "},'b']}", "credentials[1]: must be an object");
}

/* ---- credential query (6.1) ------------------------------------------------------------------ */

static void minimal_query_and_defaults(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1(SDJWT("pid") "}"), &q);
    assert_int_equal(q.n_creds, 1);
    const wrp_dcql_cred *c = &q.creds[0];
    assert_string_equal(c->id, "pid");
    assert_string_equal(c->format, "dc+sd-jwt");
    assert_int_equal(c->n_types, 1);
    assert_string_equal(c->types[0], "urn:eudi:pid:1");
    assert_false(c->has_claims);
    assert_int_equal(c->n_claims, 0);
    assert_int_equal(c->n_claim_sets, 0);
    assert_false(c->multiple);
    assert_true(c->require_cryptographic_holder_binding);
    assert_false(c->has_trusted_authorities);
    assert_int_equal(q.n_sets, 0);
    wrp_dcql_free(&q);
    wrp_dcql_free(&q);
    wrp_dcql_free(NULL);
}

static void credential_id_is_required(void **state)
{
    (void)state;
    expect_malformed(Q1("{'format':'dc+sd-jwt','meta':{'vct_values':['x']}}"),
                     "credentials[0].id: is required");
}

static void credential_id_charset(void **state)
{
    (void)state;
    const char *msg = "credentials[0].id: must be a non-empty string of A-Z, a-z, 0-9, '_' and '-'";
    expect_malformed(Q1(SDJWT("") "}"), msg);
    expect_malformed(Q1(SDJWT("a b") "}"), msg);
    expect_malformed(Q1(SDJWT("a.b") "}"), msg);
    expect_malformed(Q1(SDJWT("caf\\u00e9") "}"), msg);
    expect_malformed(Q1(SDJWT("x\\u0130") "}"), msg);
    expect_malformed(Q1("{'id':7,'format':'dc+sd-jwt','meta':{'vct_values':['x']}}"), msg);
    wrp_dcql q;
    expect_ok(Q1(SDJWT("AZaz09_-") "}"), &q);
    wrp_dcql_free(&q);
}

static void credential_ids_are_unique(void **state)
{
    (void)state;
    expect_malformed("{'credentials':[" SDJWT("a") "}," SDJWT("pid") "}," SDJWT("b") "}," SDJWT("pid")
                     "}]}",
                     "credentials[3].id: \"pid\" is already the id of credentials[1]");
    /* Escapes are compared after unescaping: "\u0070id" is "pid". */
    expect_malformed("{'credentials':[" SDJWT("pid") "}," SDJWT("\\u0070id") "}]}",
                     "credentials[1].id: \"pid\" is already the id of credentials[0]");
    /* Case matters. */
    wrp_dcql q;
    expect_ok("{'credentials':[" SDJWT("pid") "}," SDJWT("PID") "}]}", &q);
    assert_int_equal(q.n_creds, 2);
    wrp_dcql_free(&q);
}

static void duplicate_member_names_are_refused_by_the_json_parser(void **state)
{
    (void)state;
    const char *text = "{\"credentials\":[],\"credential\\u0073\":[]}";
    cJSON *root = NULL;
    assert_int_equal(wrp_json_parse((const uint8_t *)text, strlen(text), &root, NULL),
                     WRP_ERR_MALFORMED);
    assert_null(root);
}

static void format_is_a_non_empty_string(void **state)
{
    (void)state;
    expect_malformed(Q1("{'id':'a','meta':{}}"), "credentials[0].format: is required");
    expect_malformed(Q1("{'id':'a','format':'','meta':{}}"),
                     "credentials[0].format: must be a non-empty string");
    expect_malformed(Q1("{'id':'a','format':['dc+sd-jwt'],'meta':{}}"),
                     "credentials[0].format: must be a non-empty string");
}

static void meta_is_a_required_object(void **state)
{
    (void)state;
    expect_malformed(Q1("{'id':'a','format':'dc+sd-jwt'}"), "credentials[0].meta: is required");
    expect_malformed(Q1("{'id':'a','format':'other','meta':[]}"),
                     "credentials[0].meta: must be an object");
    expect_malformed(Q1("{'id':'a','format':'mso_mdoc','meta':'{}'}"),
                     "credentials[0].meta: must be an object");
}

static void multiple_is_a_boolean(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'multiple':'true'}"), "credentials[0].multiple: must be a boolean");
    expect_malformed(Q1(SDJWT("a") ",'multiple':1}"), "credentials[0].multiple: must be a boolean");
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'multiple':true}"), &q);
    assert_true(q.creds[0].multiple);
    wrp_dcql_free(&q);
}

static void require_cryptographic_holder_binding_is_a_boolean(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'require_cryptographic_holder_binding':null}"),
                     "credentials[0].require_cryptographic_holder_binding: must be a boolean");
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'require_cryptographic_holder_binding':false}"), &q);
    assert_false(q.creds[0].require_cryptographic_holder_binding);
    wrp_dcql_free(&q);
}

static void trusted_authorities_shape(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'trusted_authorities':[{'type':'aki','values':['s9tIpPmhxdiuNkHMEWNpYim8S8Y']},"
                            "{'type':'etsi_tl','values':['https://lotl.example.com'],'x':1}]}"),
              &q);
    assert_true(q.creds[0].has_trusted_authorities);
    wrp_dcql_free(&q);
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':[]}"),
                     "credentials[0].trusted_authorities: must be a non-empty array of objects");
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':{'type':'aki','values':['x']}}"),
                     "credentials[0].trusted_authorities: must be a non-empty array of objects");
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':['aki']}"),
                     "credentials[0].trusted_authorities[0]: must be an object");
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':[{'values':['x']}]}"),
                     "credentials[0].trusted_authorities[0].type: is required");
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':[{'type':1,'values':['x']}]}"),
                     "credentials[0].trusted_authorities[0].type: must be a string");
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':[{'type':'aki'}]}"),
                     "credentials[0].trusted_authorities[0].values: is required");
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':[{'type':'aki','values':[]}]}"),
                     "credentials[0].trusted_authorities[0].values: must be a non-empty array of strings");
    expect_malformed(Q1(SDJWT("a") ",'trusted_authorities':[{'type':'aki','values':['x']},"
                                   "{'type':'aki','values':['y',2]}]}"),
                     "credentials[0].trusted_authorities[1].values[1]: must be a string");
}

/* ---- meta per format (appendix B) ------------------------------------------------------------ */

static void sd_jwt_vc_requires_vct_values(void **state)
{
    (void)state;
    expect_malformed(Q1("{'id':'a','format':'dc+sd-jwt','meta':{'vct':'x'}}"),
                     "credentials[0].meta.vct_values: is required for dc+sd-jwt");
    expect_malformed(Q1("{'id':'a','format':'dc+sd-jwt','meta':{'vct_values':[]}}"),
                     "credentials[0].meta.vct_values: must be a non-empty array of strings");
    expect_malformed(Q1("{'id':'a','format':'dc+sd-jwt','meta':{'vct_values':'urn:x'}}"),
                     "credentials[0].meta.vct_values: must be a non-empty array of strings");
    expect_malformed(Q1("{'id':'a','format':'dc+sd-jwt','meta':{'vct_values':['urn:x',null]}}"),
                     "credentials[0].meta.vct_values[1]: must be a string");
    wrp_dcql q;
    expect_ok(Q1("{'id':'a','format':'dc+sd-jwt','meta':{'vct_values':['urn:x','urn:y']}}"), &q);
    assert_int_equal(q.creds[0].n_types, 2);
    assert_string_equal(q.creds[0].types[1], "urn:y");
    wrp_dcql_free(&q);
}

static void pre_1_0_vc_sd_jwt_is_read_like_dc_sd_jwt(void **state)
{
    (void)state;
    expect_malformed(Q1("{'id':'a','format':'vc+sd-jwt','meta':{}}"),
                     "credentials[0].meta.vct_values: is required for vc+sd-jwt");
    wrp_dcql q;
    expect_ok(Q1("{'id':'a','format':'vc+sd-jwt','meta':{'vct_values':['urn:x']}}"), &q);
    assert_string_equal(q.creds[0].types[0], "urn:x");
    wrp_dcql_free(&q);
}

static void mdoc_requires_doctype_value_string(void **state)
{
    (void)state;
    expect_malformed(Q1("{'id':'a','format':'mso_mdoc','meta':{'vct_values':['x']}}"),
                     "credentials[0].meta.doctype_value: is required for mso_mdoc");
    expect_malformed(Q1("{'id':'a','format':'mso_mdoc','meta':{'doctype_value':['org.iso.18013.5.1.mDL']}}"),
                     "credentials[0].meta.doctype_value: must be a string");
    wrp_dcql q;
    expect_ok(Q1(MDOC("m") "}"), &q);
    assert_int_equal(q.creds[0].n_types, 1);
    assert_string_equal(q.creds[0].types[0], "org.iso.18013.5.1.mDL");
    wrp_dcql_free(&q);
}

static void w3c_requires_type_values_sets(void **state)
{
    (void)state;
    expect_malformed(Q1("{'id':'a','format':'jwt_vc_json','meta':{}}"),
                     "credentials[0].meta.type_values: is required for jwt_vc_json");
    expect_malformed(Q1("{'id':'a','format':'ldp_vc','meta':{'type_values':[]}}"),
                     "credentials[0].meta.type_values: must be a non-empty array of non-empty arrays "
                     "of strings");
    expect_malformed(Q1("{'id':'a','format':'ldp_vc','meta':{'type_values':['IdentityCredential']}}"),
                     "credentials[0].meta.type_values[0]: must be a non-empty array of strings");
    expect_malformed(Q1("{'id':'a','format':'ldp_vc','meta':{'type_values':[['A'],[]]}}"),
                     "credentials[0].meta.type_values[1]: must be a non-empty array of strings");
    expect_malformed(Q1("{'id':'a','format':'jwt_vc_json','meta':{'type_values':[['A',1]]}}"),
                     "credentials[0].meta.type_values[0][1]: must be a string");
    wrp_dcql q;
    expect_ok(Q1("{'id':'a','format':'jwt_vc_json','meta':{'type_values':[['B','A','B'],['IdentityCredential']]}}"),
              &q);
    assert_int_equal(q.creds[0].n_types, 2);
    assert_string_equal(q.creds[0].types[0], "[\"A\",\"B\"]");
    assert_string_equal(q.creds[0].types[1], "[\"IdentityCredential\"]");
    wrp_dcql_free(&q);
}

static void other_formats_take_any_meta_object_and_have_no_types(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1("{'id':'a','format':'ac_vp','meta':{'vct_values':5}}"), &q);
    assert_string_equal(q.creds[0].format, "ac_vp");
    assert_int_equal(q.creds[0].n_types, 0);
    wrp_dcql_free(&q);
    expect_ok(Q1("{'id':'a','format':'DC+SD-JWT','meta':{}}"), &q);
    assert_int_equal(q.creds[0].n_types, 0);
    wrp_dcql_free(&q);
}

/* ---- claims (6.3) and claims path pointers (7) ----------------------------------------------- */

static void claims_is_a_non_empty_array_of_objects(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'claims':[]}"),
                     "credentials[0].claims: must be a non-empty array of objects");
    expect_malformed(Q1(SDJWT("a") ",'claims':{'path':['x']}}"),
                     "credentials[0].claims: must be a non-empty array of objects");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x']},['y']]}"),
                     "credentials[0].claims[1]: must be an object");
}

static void claims_are_read(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'claims':[{'path':['address','street_address']},"
                            "{'id':'n','path':['nationalities',null]},{'path':['degrees',1,'type']}]}"),
              &q);
    const wrp_dcql_cred *c = &q.creds[0];
    assert_true(c->has_claims);
    assert_int_equal(c->n_claims, 3);
    assert_null(c->claims[0].id);
    assert_int_equal(c->claims[0].path.n, 2);
    assert_string_equal(c->claims[0].path.e[1].str, "street_address");
    assert_string_equal(c->claims[1].id, "n");
    assert_int_equal(c->claims[1].path.e[1].kind, WRP_PATH_NULL);
    assert_int_equal(c->claims[2].path.e[1].kind, WRP_PATH_INT);
    assert_int_equal(c->claims[2].path.e[1].idx, 1);
    assert_null(c->claims[0].values);
    assert_int_equal(c->claims[0].intent_to_retain, -1);
    wrp_dcql_free(&q);
}

static void path_is_required_and_non_empty(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'x'}]}"), "credentials[0].claims[0].path: is required");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':[]}]}"),
                     "credentials[0].claims[0].path: must be a non-empty array");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':'family_name'}]}"),
                     "credentials[0].claims[0].path: must be a non-empty array");
}

static void path_elements_are_strings_non_negative_integers_or_null(void **state)
{
    (void)state;
    expect_malformed("{'credentials':[" SDJWT("a") "}," SDJWT("b") "}," SDJWT("c")
                     ",'claims':[{'path':['x',true]}]}]}",
                     "credentials[2].claims[0].path[1]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['a',-1]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['a',1.5]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['a',1e300]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['a',18014398509481984]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':[{'a':1}]}]}"),
                     "credentials[0].claims[0].path[0]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':[['a']]}]}"),
                     "credentials[0].claims[0].path[0]: must be a string, a non-negative integer or null");
    /* An integer is written as one: no fraction, no exponent, however the number rounds. */
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['a',2.0]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['a',2e0]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['a',1.00000000000000001]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
    /* digits, dots and exponents inside strings and member names are not numbers */
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'x1.5':'2.5e1','claims':[{'path':['a.1e0',2]},{'path':['b',0]},"
                 "{'path':['c\\'1.0',-0]}]}"),
              &q);
    assert_int_equal(q.creds[0].claims[0].path.e[1].idx, 2);
    assert_int_equal(q.creds[0].claims[2].path.e[1].idx, 0);
    wrp_dcql_free(&q);
}

static void path_length_is_limited(void **state)
{
    (void)state;
    sbuf b = {0};
    for (unsigned n = WRP_MAX_PATH_LEN; n <= WRP_MAX_PATH_LEN + 1; n++) {
        b.n = 0;
        sb_printf(&b, "{'credentials':[" SDJWT("a") ",'claims':[{'path':[");
        for (unsigned i = 0; i < n; i++)
            sb_printf(&b, "%s'k%u'", i ? "," : "", i);
        sb_printf(&b, "]}]}]}");
        if (n == WRP_MAX_PATH_LEN) {
            wrp_dcql q;
            expect_ok(b.p, &q);
            assert_int_equal(q.creds[0].claims[0].path.n, WRP_MAX_PATH_LEN);
            wrp_dcql_free(&q);
        } else {
            expect_refused(b.p, WRP_ERR_LIMIT, "credentials[0].claims[0].path: more than 32 elements");
        }
    }
    free(b.p);
}

static void mdoc_path_is_exactly_two_strings(void **state)
{
    (void)state;
    const char *two = "credentials[0].claims[0].path: must be exactly two strings [namespace, element] "
                      "for mso_mdoc";
    expect_malformed(Q1(MDOC("m") ",'claims':[{'path':['org.iso.18013.5.1']}]}"), two);
    expect_malformed(Q1(MDOC("m") ",'claims':[{'path':['org.iso.18013.5.1','a','b']}]}"), two);
    expect_malformed(Q1(MDOC("m") ",'claims':[{'path':['org.iso.18013.5.1',null]}]}"),
                     "credentials[0].claims[0].path[1]: must be a string for mso_mdoc");
    expect_malformed(Q1(MDOC("m") ",'claims':[{'path':[0,'family_name']}]}"),
                     "credentials[0].claims[0].path[0]: must be a string for mso_mdoc");
    wrp_dcql q;
    expect_ok(Q1(MDOC("m") ",'claims':[{'path':['org.iso.18013.5.1','family_name']}]}"), &q);
    assert_string_equal(q.creds[0].claims[0].path.e[0].str, "org.iso.18013.5.1");
    wrp_dcql_free(&q);
}

static void intent_to_retain_is_a_boolean_for_mdoc(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1(MDOC("m") ",'claims':[{'path':['ns','a'],'intent_to_retain':true},"
                           "{'path':['ns','b'],'intent_to_retain':false},{'path':['ns','c']}]}"),
              &q);
    assert_int_equal(q.creds[0].claims[0].intent_to_retain, 1);
    assert_int_equal(q.creds[0].claims[1].intent_to_retain, 0);
    assert_int_equal(q.creds[0].claims[2].intent_to_retain, -1);
    wrp_dcql_free(&q);
    expect_malformed(Q1(MDOC("m") ",'claims':[{'path':['ns','a'],'intent_to_retain':'false'}]}"),
                     "credentials[0].claims[0].intent_to_retain: must be a boolean");
    expect_malformed(Q1(MDOC("m") ",'claims':[{'path':['ns','a'],'intent_to_retain':0}]}"),
                     "credentials[0].claims[0].intent_to_retain: must be a boolean");
}

static void intent_to_retain_is_an_unknown_member_outside_mdoc(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'claims':[{'path':['x'],'intent_to_retain':'maybe'}]}"), &q);
    assert_int_equal(q.creds[0].claims[0].intent_to_retain, -1);
    wrp_dcql_free(&q);
}

static void claim_id_charset(void **state)
{
    (void)state;
    const char *msg = "credentials[0].claims[1].id: must be a non-empty string of A-Z, a-z, 0-9, '_' "
                      "and '-'";
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'ok','path':['x']},{'id':'','path':['y']}]}"), msg);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'ok','path':['x']},{'id':'a/b','path':['y']}]}"), msg);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'ok','path':['x']},{'id':null,'path':['y']}]}"), msg);
}

static void claim_ids_are_unique_within_a_claims_array(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'a','path':['x']},{'id':'b','path':['y']},"
                                   "{'id':'\\u0061','path':['z']}]}"),
                     "credentials[0].claims[2].id: \"a\" is already the id of credentials[0].claims[0]");
    /* The same claim id in two credential queries is allowed (the spec's complex_mdoc example). */
    wrp_dcql q;
    expect_ok("{'credentials':[" SDJWT("a") ",'claims':[{'id':'x','path':['p']}]}," SDJWT("b")
              ",'claims':[{'id':'x','path':['p']}]}]}",
              &q);
    assert_int_equal(q.n_creds, 2);
    wrp_dcql_free(&q);
}

static void a_claim_is_pointed_to_once(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x',0]},{'path':['y']},{'path':['x',0],'values':[1]}]}"),
                     "credentials[0].claims[2].path: points to the same claim as credentials[0].claims[0]");
    expect_malformed(Q1(MDOC("m") ",'claims':[{'path':['ns','\\u0061']},{'path':['ns','a']}]}"),
                     "credentials[0].claims[1].path: points to the same claim as credentials[0].claims[0]");
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'claims':[{'path':['x',0]},{'path':['x',null]},{'path':['x','0']},{'path':['x']}]}"),
              &q);
    assert_int_equal(q.creds[0].n_claims, 4);
    wrp_dcql_free(&q);
}

static void values_are_strings_integers_or_booleans(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['Doe',18,true,-3]}]}"), &q);
    const cJSON *v = q.creds[0].claims[0].values;
    assert_non_null(v);
    assert_int_equal(cJSON_GetArraySize(v), 4);
    assert_string_equal(cJSON_GetArrayItem(v, 0)->valuestring, "Doe");
    assert_true(cJSON_IsTrue(cJSON_GetArrayItem(v, 2)));
    wrp_dcql_free(&q);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':[]}]}"),
                     "credentials[0].claims[0].values: must be a non-empty array of strings, integers "
                     "or booleans");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':'Doe'}]}"),
                     "credentials[0].claims[0].values: must be a non-empty array of strings, integers "
                     "or booleans");
    const char *bad1 = "credentials[0].claims[0].values[1]: must be a string, an integer or a boolean";
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',1.5]}]}"), bad1);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',null]}]}"), bad1);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',['b']]}]}"), bad1);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',{'b':1}]}]}"), bad1);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',1e300]}]}"), bad1);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',18.0]}]}"), bad1);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',18.000000000000001]}]}"), bad1);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'path':['x'],'values':['a',1E1]}]}"), bad1);
}

/* A type listed twice is one type: one requested item per (query, type, path). */
static void repeated_types_count_once(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1("{'id':'a','format':'dc+sd-jwt','meta':{'vct_values':['A','B','A','B']},"
                 "'claims':[{'path':['x']}]}"),
              &q);
    assert_int_equal(q.creds[0].n_types, 2);
    assert_string_equal(q.creds[0].types[0], "A");
    assert_string_equal(q.creds[0].types[1], "B");
    wrp_dcql_free(&q);
    expect_ok(Q1("{'id':'a','format':'jwt_vc_json','meta':{'type_values':[['V','W'],['W','V'],['V']]}}"),
              &q);
    assert_int_equal(q.creds[0].n_types, 2);
    wrp_dcql_free(&q);
    expect_malformed(Q1("{'id':'a','format':'jwt_vc_json','meta':{'type_values':[['V'],['V'],[1]]}}"),
                     "credentials[0].meta.type_values[2][0]: must be a string");
}

/* ---- claim_sets (6.1, 6.4.1) ----------------------------------------------------------------- */

static void claim_sets_resolve_to_claim_indexes(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok(Q1(SDJWT("a") ",'claims':[{'id':'x','path':['x']},{'id':'y','path':['y']},{'id':'z','path':['z']}],"
                            "'claim_sets':[['z','x'],['y']]}"),
              &q);
    const wrp_dcql_cred *c = &q.creds[0];
    assert_int_equal(c->n_claim_sets, 2);
    assert_int_equal(c->claim_sets[0].n, 2);
    assert_int_equal(c->claim_sets[0].idx[0], 2);
    assert_int_equal(c->claim_sets[0].idx[1], 0);
    assert_int_equal(c->claim_sets[1].n, 1);
    assert_int_equal(c->claim_sets[1].idx[0], 1);
    wrp_dcql_free(&q);
}

static void claim_sets_only_with_claims(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'claim_sets':[['x']]}"),
                     "credentials[0].claim_sets: must not be present without claims");
}

static void claim_ids_are_required_with_claim_sets(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'x','path':['x']},{'path':['y']}],'claim_sets':[['x']]}"),
                     "credentials[0].claims[1].id: is required when claim_sets is present");
}

static void claim_sets_shape(void **state)
{
    (void)state;
    const char *shape = "credentials[0].claim_sets: must be a non-empty array of non-empty arrays of claim ids";
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'x','path':['x']}],'claim_sets':[]}"), shape);
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'x','path':['x']}],'claim_sets':['x']}"),
                     "credentials[0].claim_sets[0]: must be a non-empty array of claim ids");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'x','path':['x']}],'claim_sets':[['x'],[]]}"),
                     "credentials[0].claim_sets[1]: must be a non-empty array of claim ids");
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'x','path':['x']}],'claim_sets':[['x',0]]}"),
                     "credentials[0].claim_sets[0][1]: must be a string");
}

static void claim_sets_reference_existing_claim_ids(void **state)
{
    (void)state;
    expect_malformed(Q1(SDJWT("a") ",'claims':[{'id':'x','path':['x']},{'id':'y','path':['y']}],"
                                   "'claim_sets':[['x','y'],['y','zz']]}"),
                     "credentials[0].claim_sets[1][1]: \"zz\" is not the id of any claim");
    /* Ids of another credential query's claims do not count. */
    expect_malformed("{'credentials':[" SDJWT("a") ",'claims':[{'id':'x','path':['x']}]}," SDJWT("b")
                     ",'claims':[{'id':'y','path':['y']}],'claim_sets':[['x']]}]}",
                     "credentials[1].claim_sets[0][0]: \"x\" is not the id of any claim");
}

/* ---- credential_sets (6.2) ------------------------------------------------------------------- */

static void credential_sets_resolve_to_credential_indexes(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok("{'credentials':[" SDJWT("a") "}," SDJWT("b") "}," SDJWT("c") "}],"
              "'credential_sets':[{'options':[['c'],['a','b']]},{'required':false,'options':[['b']],'purpose':'x'}]}",
              &q);
    assert_int_equal(q.n_sets, 2);
    assert_true(q.sets[0].required);
    assert_int_equal(q.sets[0].n_options, 2);
    assert_int_equal(q.sets[0].options[0].n, 1);
    assert_int_equal(q.sets[0].options[0].idx[0], 2);
    assert_int_equal(q.sets[0].options[1].n, 2);
    assert_int_equal(q.sets[0].options[1].idx[0], 0);
    assert_int_equal(q.sets[0].options[1].idx[1], 1);
    assert_false(q.sets[1].required);
    assert_int_equal(q.sets[1].options[0].idx[0], 1);
    wrp_dcql_free(&q);
}

static void credential_sets_shape(void **state)
{
    (void)state;
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[]}",
                     "credential_sets: must be a non-empty array of objects");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':{'options':[['a']]}}",
                     "credential_sets: must be a non-empty array of objects");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[['a']]},[['a']]]}",
                     "credential_sets[1]: must be an object");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[{'required':true}]}",
                     "credential_sets[0].options: is required");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[]}]}",
                     "credential_sets[0].options: must be a non-empty array of non-empty arrays of "
                     "credential query ids");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':['a']}]}",
                     "credential_sets[0].options[0]: must be a non-empty array of credential query ids");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[['a'],[]]}]}",
                     "credential_sets[0].options[1]: must be a non-empty array of credential query ids");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[[null]]}]}",
                     "credential_sets[0].options[0][0]: must be a string");
    expect_malformed("{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[['a']],'required':'no'}]}",
                     "credential_sets[0].required: must be a boolean");
}

static void credential_sets_reference_existing_credential_ids(void **state)
{
    (void)state;
    expect_malformed("{'credentials':[" SDJWT("a") "}," SDJWT("b") "}],'credential_sets':"
                     "[{'options':[['a']]},{'options':[['b'],['a','c']]}]}",
                     "credential_sets[1].options[1][1]: \"c\" is not the id of any credential query");
    /* A claim id is not a credential query id. */
    expect_malformed("{'credentials':[" SDJWT("a") ",'claims':[{'id':'n','path':['n']}]}],"
                     "'credential_sets':[{'options':[['n']]}]}",
                     "credential_sets[0].options[0][0]: \"n\" is not the id of any credential query");
}

/* ---- unknown members, look-up ---------------------------------------------------------------- */

static void unknown_members_are_ignored(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok("{'future':[1,{}],'credentials':[{'id':'a','format':'dc+sd-jwt','x-ext':null,"
              "'meta':{'vct_values':['urn:x'],'other':{}},"
              "'claims':[{'path':['p'],'namespace':7,'claim_name':[]}]}],"
              "'credential_sets':[{'options':[['a']],'purpose':{'en':'x'}}]}",
              &q);
    assert_int_equal(q.n_creds, 1);
    assert_int_equal(q.creds[0].n_claims, 1);
    assert_int_equal(q.n_sets, 1);
    wrp_dcql_free(&q);
}

static void find_by_id(void **state)
{
    (void)state;
    wrp_dcql q;
    expect_ok("{'credentials':[" SDJWT("a") "}," MDOC("b") "}]}", &q);
    assert_ptr_equal(wrp_dcql_find(&q, "b"), &q.creds[1]);
    assert_ptr_equal(wrp_dcql_find(&q, "a"), &q.creds[0]);
    assert_null(wrp_dcql_find(&q, "B"));
    assert_null(wrp_dcql_find(&q, ""));
    assert_null(wrp_dcql_find(&q, NULL));
    assert_null(wrp_dcql_find(NULL, "a"));
    wrp_dcql_free(&q);
}

/* The index of ids is kept: every credential query is found by its id, in a query of the most
 * credential queries, and ids that sort between, before and after them are not. */
static void find_uses_the_id_index(void **state)
{
    (void)state;
    sbuf b = {0};
    sb_printf(&b, "{'credentials':[");
    for (unsigned i = 0; i < WRP_MAX_DCQL_CREDENTIALS; i++) /* ids in reverse order */
        sb_printf(&b, "%s{'id':'c%04u','format':'x','meta':{}}", i ? "," : "",
                  WRP_MAX_DCQL_CREDENTIALS - 1 - i);
    sb_printf(&b, "]}");
    wrp_dcql q;
    expect_ok(b.p, &q);
    assert_non_null(q.by_id);
    for (unsigned i = 0; i < WRP_MAX_DCQL_CREDENTIALS; i++) {
        char id[16];
        snprintf(id, sizeof id, "c%04u", i);
        const wrp_dcql_cred *c = wrp_dcql_find(&q, id);
        assert_non_null(c);
        assert_string_equal(c->id, id);
        assert_ptr_equal(c, &q.creds[WRP_MAX_DCQL_CREDENTIALS - 1 - i]);
    }
    static const char *const absent[] = {"c", "b9999", "c00005", "c0005x", "c1024", "d0000", ""};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        assert_null(wrp_dcql_find(&q, absent[i]));
    wrp_dcql_free(&q);
    assert_null(q.by_id);
    /* a query built by hand, without the index: a linear search */
    wrp_dcql_cred creds[2] = {{.id = (char *)"b"}, {.id = (char *)"a"}};
    wrp_dcql manual = {.creds = creds, .n_creds = 2};
    assert_ptr_equal(wrp_dcql_find(&manual, "a"), &creds[1]);
    assert_null(wrp_dcql_find(&manual, "c"));
    free(b.p);
}

/* Strings that every requested item repeats: ids and formats (WRP_MAX_ID_BYTES), types
 * (WRP_MAX_TYPE_BYTES, a type_values set in canonical form), the strings of a path together
 * (WRP_MAX_PATH_BYTES). At the limit accepted, one byte more refused (WRP_ERR_LIMIT). */
static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, c, n);
    s[n] = 0;
    return s;
}

/* tmpl with its first @ replaced by a and the second by b. */
static void fill(sbuf *sb, const char *tmpl, const char *a, const char *b)
{
    sb->n = 0;
    sb_printf(sb, "%s", "");
    const char *args[2] = {a, b};
    size_t k = 0;
    for (const char *p = tmpl; *p; p++) {
        if (*p == '@' && k < 2)
            sb_printf(sb, "%s", args[k++]);
        else
            sb_printf(sb, "%c", *p);
    }
}

static void repeated_strings_are_limited(void **state)
{
    (void)state;
    sbuf b = {0};
    for (size_t extra = 0; extra <= 1; extra++) {
        char *id = repeat('i', WRP_MAX_ID_BYTES + extra), *fmt = repeat('f', WRP_MAX_ID_BYTES + extra);
        char *type = repeat('t', WRP_MAX_TYPE_BYTES + extra);
        char *half = repeat('p', WRP_MAX_PATH_BYTES / 2), *rest = repeat('q', WRP_MAX_PATH_BYTES / 2 + extra);
        /* the canonical form of ['a', T]: ["a","T"], 8 bytes more than T */
        char *set = repeat('s', WRP_MAX_TYPE_BYTES - 8 + extra);
        const char *const tmpl[] = {
            "{'credentials':[{'id':'@','format':'x','meta':{}}]}",
            "{'credentials':[{'id':'a','format':'@','meta':{}}]}",
            "{'credentials':[" SDJWT("a") ",'claims':[{'id':'@','path':['x']}]}]}",
            "{'credentials':[{'id':'a','format':'dc+sd-jwt','meta':{'vct_values':['u','@']}}]}",
            "{'credentials':[{'id':'a','format':'mso_mdoc','meta':{'doctype_value':'@'}}]}",
            "{'credentials':[{'id':'a','format':'ldp_vc','meta':{'type_values':[['b'],['a','@']]}}]}",
            "{'credentials':[" SDJWT("a") ",'claims':[{'path':['@',null,7,'@']}]}]}",
            "{'credentials':[" MDOC("a") ",'claims':[{'path':['@','@']}]}]}",
        };
        const char *const arg[] = {id, fmt, id, type, type, set, half, half};
        const char *const msg[] = {
            "credentials[0].id: longer than 128 bytes",
            "credentials[0].format: longer than 128 bytes",
            "credentials[0].claims[0].id: longer than 128 bytes",
            "credentials[0].meta.vct_values[1]: longer than 256 bytes",
            "credentials[0].meta.doctype_value: longer than 256 bytes",
            "credentials[0].meta.type_values[1]: longer than 256 bytes in canonical form",
            "credentials[0].claims[0].path: its strings hold more than 256 bytes",
            "credentials[0].claims[0].path: its strings hold more than 256 bytes",
        };
        for (size_t i = 0; i < sizeof tmpl / sizeof tmpl[0]; i++) {
            fill(&b, tmpl[i], arg[i], rest);
            if (extra == 0) {
                wrp_dcql q;
                expect_ok(b.p, &q);
                wrp_dcql_free(&q);
            } else {
                expect_refused(b.p, WRP_ERR_LIMIT, msg[i]);
            }
        }
        free(id);
        free(fmt);
        free(type);
        free(half);
        free(rest);
        free(set);
    }
    free(b.p);
}

/* ---- limits and hostile inputs --------------------------------------------------------------- */

/* Builds {'credentials':[ n credential queries ]} with distinct ids. */
static void build_creds(sbuf *b, unsigned n, const char *tail)
{
    b->n = 0;
    sb_printf(b, "{'credentials':[");
    for (unsigned i = 0; i < n; i++)
        sb_printf(b, "%s{'id':'c%u','format':'dc+sd-jwt','meta':{'vct_values':['t']}}", i ? "," : "", i);
    sb_printf(b, "]%s}", tail);
}

static void credential_count_is_limited(void **state)
{
    (void)state;
    sbuf b = {0};
    build_creds(&b, WRP_MAX_DCQL_CREDENTIALS, "");
    wrp_dcql q;
    expect_ok(b.p, &q);
    assert_int_equal(q.n_creds, WRP_MAX_DCQL_CREDENTIALS);
    assert_ptr_equal(wrp_dcql_find(&q, "c1023"), &q.creds[1023]);
    wrp_dcql_free(&q);
    build_creds(&b, WRP_MAX_DCQL_CREDENTIALS + 1, "");
    expect_refused(b.p, WRP_ERR_LIMIT, "credentials: more than 1024 elements");
    free(b.p);
}

static void claim_count_is_limited(void **state)
{
    (void)state;
    sbuf b = {0};
    for (unsigned n = WRP_MAX_DCQL_CLAIMS; n <= WRP_MAX_DCQL_CLAIMS + 1; n++) {
        b.n = 0;
        sb_printf(&b, "{'credentials':[" SDJWT("a") ",'claims':[");
        for (unsigned i = 0; i < n; i++)
            sb_printf(&b, "%s{'id':'k%u','path':['p%u']}", i ? "," : "", i, i);
        sb_printf(&b, "],'claim_sets':[[");
        for (unsigned i = 0; i < n && i < WRP_MAX_DCQL_CLAIMS; i++)
            sb_printf(&b, "%s'k%u'", i ? "," : "", n - 1 - i);
        sb_printf(&b, "]]}]}");
        if (n == WRP_MAX_DCQL_CLAIMS) {
            wrp_dcql q;
            expect_ok(b.p, &q);
            assert_int_equal(q.creds[0].n_claims, n);
            assert_int_equal(q.creds[0].claim_sets[0].n, n);
            assert_int_equal(q.creds[0].claim_sets[0].idx[0], n - 1);
            wrp_dcql_free(&q);
        } else {
            expect_refused(b.p, WRP_ERR_LIMIT, "credentials[0].claims: more than 1024 elements");
        }
    }
    free(b.p);
}

static void set_counts_are_limited(void **state)
{
    (void)state;
    sbuf b = {0};
    /* claim_sets entries */
    sb_printf(&b, "{'credentials':[" SDJWT("a") ",'claims':[{'id':'x','path':['x']}],'claim_sets':[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_SETS; i++)
        sb_printf(&b, "%s['x']", i ? "," : "");
    sb_printf(&b, "]}]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credentials[0].claim_sets: more than 1024 elements");
    /* ids in one claim set */
    b.n = 0;
    sb_printf(&b, "{'credentials':[" SDJWT("a") ",'claims':[{'id':'x','path':['x']}],'claim_sets':[[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_CLAIMS; i++)
        sb_printf(&b, "%s'x'", i ? "," : "");
    sb_printf(&b, "]]}]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credentials[0].claim_sets[0]: more than 1024 elements");
    /* credential_sets entries */
    b.n = 0;
    sb_printf(&b, "{'credentials':[" SDJWT("a") "}],'credential_sets':[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_SETS; i++)
        sb_printf(&b, "%s{'options':[['a']]}", i ? "," : "");
    sb_printf(&b, "]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credential_sets: more than 1024 elements");
    /* options of one credential set */
    b.n = 0;
    sb_printf(&b, "{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_SETS; i++)
        sb_printf(&b, "%s['a']", i ? "," : "");
    sb_printf(&b, "]}]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credential_sets[0].options: more than 1024 elements");
    /* ids in one option */
    b.n = 0;
    sb_printf(&b, "{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_CREDENTIALS; i++)
        sb_printf(&b, "%s'a'", i ? "," : "");
    sb_printf(&b, "]]}]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credential_sets[0].options[0]: more than 1024 elements");
    free(b.p);
}

static void value_counts_are_limited(void **state)
{
    (void)state;
    sbuf b = {0};
    sb_printf(&b, "{'credentials':[{'id':'a','format':'dc+sd-jwt','meta':{'vct_values':[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_VALUES; i++)
        sb_printf(&b, "%s't%u'", i ? "," : "", i);
    sb_printf(&b, "]}}]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credentials[0].meta.vct_values: more than 1024 elements");
    b.n = 0;
    sb_printf(&b, "{'credentials':[{'id':'a','format':'ldp_vc','meta':{'type_values':[[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_VALUES; i++)
        sb_printf(&b, "%s't%u'", i ? "," : "", i);
    sb_printf(&b, "]]}}]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credentials[0].meta.type_values[0]: more than 1024 elements");
    b.n = 0;
    sb_printf(&b, "{'credentials':[" SDJWT("a") ",'claims':[{'path':['x'],'values':[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_VALUES; i++)
        sb_printf(&b, "%s%u", i ? "," : "", i);
    sb_printf(&b, "]}]}]}");
    expect_refused(b.p, WRP_ERR_LIMIT, "credentials[0].claims[0].values: more than 1024 elements");
    b.n = 0;
    sb_printf(&b, "{'credentials':[" SDJWT("a") ",'trusted_authorities':[{'type':'aki','values':[");
    for (unsigned i = 0; i <= WRP_MAX_DCQL_VALUES; i++)
        sb_printf(&b, "%s'v'", i ? "," : "");
    sb_printf(&b, "]}]}]}");
    expect_refused(b.p, WRP_ERR_LIMIT,
                   "credentials[0].trusted_authorities[0].values: more than 1024 elements");
    free(b.p);
}

static void duplicate_found_among_many(void **state)
{
    (void)state;
    /* The repetition reported is the first one in document order, whatever the sort did. */
    sbuf b = {0};
    sb_printf(&b, "{'credentials':[");
    for (unsigned i = 0; i < 600; i++)
        sb_printf(&b, "%s{'id':'c%u','format':'x','meta':{}}", i ? "," : "", i % 500);
    sb_printf(&b, "]}");
    expect_malformed(b.p, "credentials[500].id: \"c0\" is already the id of credentials[0]");
    free(b.p);
}

static void long_ids_are_cut_in_messages(void **state)
{
    (void)state;
    sbuf b = {0};
    sb_printf(&b, "{'credentials':[" SDJWT("a") "}],'credential_sets':[{'options':[['");
    for (unsigned i = 0; i < 5000; i++)
        sb_printf(&b, "z");
    sb_printf(&b, "']]}]}");
    wrp_dcql q;
    wrp_err err = {{0}};
    assert_int_equal(parse_text(b.p, &q, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "credential_sets[0].options[0][0]: \"zzzz"));
    assert_true(strlen(err.msg) < 200);
    wrp_dcql_free(&q);
    free(b.p);
}

/* ---- interop: every query under testvectors/interop/dcql/ -------------------------------------- */

typedef struct refusal {
    const char *file;
    const char *msg;
} refusal;

/* Files that break a MUST of OpenID4VP 1.0 (kept here with the reason). */
static const refusal interop_refusals[] = {
    /* mso_mdoc credential query with vct_values instead of the REQUIRED doctype_value (B.2.3). */
    {"eudi-lib-jvm-openid4vp-kt/complex_example.json",
     "credentials[1].meta.doctype_value: is required for mso_mdoc"},
};

/* Reads an interop file; a whole request (or a wrapper) holding dcql_query gives that member, as
 * an object or as JSON text. Returns the tree to free in *root. */
static const cJSON *load_query(const char *rel, cJSON **root)
{
    char path[512];
    snprintf(path, sizeof path, INTEROP_DCQL "/%s", rel);
    size_t len = 0;
    uint8_t *bytes = tu_read_file(path, &len);
    if (bytes == NULL)
        fail_msg("cannot read %s", path);
    wrp_err err = {{0}};
    wrp_status st = wrp_json_parse(bytes, len, root, &err);
    free(bytes);
    if (st != WRP_OK)
        fail_msg("%s: %s", rel, err.msg);
    const cJSON *dq = wrp_json_get(*root, "dcql_query");
    if (cJSON_IsString(dq)) {
        cJSON *inner = NULL;
        const char *s = dq->valuestring;
        assert_int_equal(wrp_json_parse((const uint8_t *)s, strlen(s), &inner, NULL), WRP_OK);
        cJSON_Delete(*root);
        *root = inner;
        return inner;
    }
    return dq != NULL ? dq : *root;
}

static wrp_status parse_interop(const char *rel, wrp_dcql *q, wrp_err *err)
{
    cJSON *root = NULL;
    const cJSON *query = load_query(rel, &root);
    wrp_status st = wrp_dcql_parse(query, q, err);
    cJSON_Delete(root);
    return st;
}

static size_t check_interop_dir(const char *sub)
{
    char dir[256];
    snprintf(dir, sizeof dir, INTEROP_DCQL "/%s", sub);
    DIR *d = opendir(dir);
    if (d == NULL)
        fail_msg("cannot open %s (tests run from the repository root)", dir);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 5, ".json") != 0)
            continue;
        char rel[512];
        snprintf(rel, sizeof rel, "%s/%s", sub, de->d_name);
        const char *want = NULL;
        for (size_t i = 0; i < sizeof interop_refusals / sizeof interop_refusals[0]; i++)
            if (strcmp(interop_refusals[i].file, rel) == 0)
                want = interop_refusals[i].msg;
        wrp_dcql q;
        wrp_err err = {{0}};
        wrp_status st = parse_interop(rel, &q, &err);
        if (want == NULL && st != WRP_OK)
            fail_msg("%s refused: %s", rel, err.msg);
        if (want != NULL) {
            assert_int_equal(st, WRP_ERR_MALFORMED);
            assert_string_equal(err.msg, want);
        }
        wrp_dcql_free(&q);
        n++;
    }
    closedir(d);
    return n;
}

static void interop_every_query_parses(void **state)
{
    (void)state;
    assert_true(check_interop_dir("openid4vp-spec") >= 7);
    assert_true(check_interop_dir("eudi-lib-jvm-openid4vp-kt") >= 6);
}

static void interop_claims_alternatives(void **state)
{
    (void)state;
    wrp_dcql q;
    assert_int_equal(parse_interop("openid4vp-spec/claims_alternatives.json", &q, NULL), WRP_OK);
    assert_int_equal(q.n_creds, 1);
    const wrp_dcql_cred *c = wrp_dcql_find(&q, "pid");
    assert_non_null(c);
    assert_string_equal(c->types[0], "https://credentials.example.com/identity_credential");
    assert_int_equal(c->n_claims, 5);
    assert_string_equal(c->claims[4].id, "e");
    assert_string_equal(c->claims[4].path.e[0].str, "date_of_birth");
    /* [["a","c","d","e"],["a","b","e"]] */
    assert_int_equal(c->n_claim_sets, 2);
    static const size_t s0[] = {0, 2, 3, 4}, s1[] = {0, 1, 4};
    assert_int_equal(c->claim_sets[0].n, 4);
    assert_memory_equal(c->claim_sets[0].idx, s0, sizeof s0);
    assert_int_equal(c->claim_sets[1].n, 3);
    assert_memory_equal(c->claim_sets[1].idx, s1, sizeof s1);
    wrp_dcql_free(&q);
}

static void interop_complex_mdoc(void **state)
{
    (void)state;
    wrp_dcql q;
    assert_int_equal(parse_interop("openid4vp-spec/complex_mdoc.json", &q, NULL), WRP_OK);
    assert_int_equal(q.n_creds, 4);
    const wrp_dcql_cred *c = wrp_dcql_find(&q, "photo_card-id");
    assert_ptr_equal(c, &q.creds[2]);
    assert_string_equal(c->format, "mso_mdoc");
    assert_string_equal(c->types[0], "org.iso.23220.photoid.1");
    assert_string_equal(c->claims[0].id, "given_name");
    assert_string_equal(c->claims[0].path.e[0].str, "org.iso.18013.5.1");
    assert_string_equal(c->claims[0].path.e[1].str, "given_name");
    assert_int_equal(q.n_sets, 2);
    assert_true(q.sets[0].required);
    assert_int_equal(q.sets[0].n_options, 2);
    assert_int_equal(q.sets[0].options[0].idx[0], 0);
    assert_int_equal(q.sets[0].options[1].idx[0], 2);
    assert_false(q.sets[1].required);
    assert_int_equal(q.sets[1].options[0].idx[0], 1);
    assert_int_equal(q.sets[1].options[1].idx[0], 3);
    wrp_dcql_free(&q);
}

static void interop_credentials_alternatives_and_values(void **state)
{
    (void)state;
    wrp_dcql q;
    assert_int_equal(parse_interop("openid4vp-spec/credentials_alternatives.json", &q, NULL), WRP_OK);
    assert_int_equal(q.n_creds, 5);
    assert_int_equal(q.sets[0].n_options, 3);
    assert_int_equal(q.sets[0].options[2].n, 2);
    assert_int_equal(q.sets[0].options[2].idx[0], 2);
    assert_int_equal(q.sets[0].options[2].idx[1], 3);
    wrp_dcql_free(&q);

    assert_int_equal(parse_interop("openid4vp-spec/value_matching_simple.json", &q, NULL), WRP_OK);
    const cJSON *v = q.creds[0].claims[3].values;
    assert_int_equal(cJSON_GetArraySize(v), 2);
    assert_string_equal(cJSON_GetArrayItem(v, 1)->valuestring, "90211");
    assert_null(q.creds[0].claims[1].values);
    wrp_dcql_free(&q);
}

static void interop_eudi_pid_mdoc(void **state)
{
    (void)state;
    wrp_dcql q;
    assert_int_equal(
        parse_interop("eudi-lib-jvm-openid4vp-kt/eudi_msomdoc_pid_dcql_query.json", &q, NULL), WRP_OK);
    const wrp_dcql_cred *c = wrp_dcql_find(&q, "query_0");
    assert_non_null(c);
    assert_string_equal(c->types[0], "eu.europa.ec.eudi.pid.1");
    assert_int_equal(c->n_claims, 29);
    for (size_t i = 0; i < c->n_claims; i++) {
        assert_int_equal(c->claims[i].intent_to_retain, 0);
        assert_int_equal(c->claims[i].path.n, 2);
    }
    assert_string_equal(c->claims[28].path.e[1].str, "trust_anchor");
    wrp_dcql_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(query_must_be_an_object),
        cmocka_unit_test(credentials_is_required),
        cmocka_unit_test(credentials_is_a_non_empty_array),
        cmocka_unit_test(credential_query_is_an_object),
        cmocka_unit_test(minimal_query_and_defaults),
        cmocka_unit_test(credential_id_is_required),
        cmocka_unit_test(credential_id_charset),
        cmocka_unit_test(credential_ids_are_unique),
        cmocka_unit_test(duplicate_member_names_are_refused_by_the_json_parser),
        cmocka_unit_test(format_is_a_non_empty_string),
        cmocka_unit_test(meta_is_a_required_object),
        cmocka_unit_test(multiple_is_a_boolean),
        cmocka_unit_test(require_cryptographic_holder_binding_is_a_boolean),
        cmocka_unit_test(trusted_authorities_shape),
        cmocka_unit_test(sd_jwt_vc_requires_vct_values),
        cmocka_unit_test(pre_1_0_vc_sd_jwt_is_read_like_dc_sd_jwt),
        cmocka_unit_test(mdoc_requires_doctype_value_string),
        cmocka_unit_test(w3c_requires_type_values_sets),
        cmocka_unit_test(other_formats_take_any_meta_object_and_have_no_types),
        cmocka_unit_test(claims_is_a_non_empty_array_of_objects),
        cmocka_unit_test(claims_are_read),
        cmocka_unit_test(path_is_required_and_non_empty),
        cmocka_unit_test(path_elements_are_strings_non_negative_integers_or_null),
        cmocka_unit_test(path_length_is_limited),
        cmocka_unit_test(repeated_types_count_once),
        cmocka_unit_test(mdoc_path_is_exactly_two_strings),
        cmocka_unit_test(intent_to_retain_is_a_boolean_for_mdoc),
        cmocka_unit_test(intent_to_retain_is_an_unknown_member_outside_mdoc),
        cmocka_unit_test(claim_id_charset),
        cmocka_unit_test(claim_ids_are_unique_within_a_claims_array),
        cmocka_unit_test(a_claim_is_pointed_to_once),
        cmocka_unit_test(values_are_strings_integers_or_booleans),
        cmocka_unit_test(claim_sets_resolve_to_claim_indexes),
        cmocka_unit_test(claim_sets_only_with_claims),
        cmocka_unit_test(claim_ids_are_required_with_claim_sets),
        cmocka_unit_test(claim_sets_shape),
        cmocka_unit_test(claim_sets_reference_existing_claim_ids),
        cmocka_unit_test(credential_sets_resolve_to_credential_indexes),
        cmocka_unit_test(credential_sets_shape),
        cmocka_unit_test(credential_sets_reference_existing_credential_ids),
        cmocka_unit_test(unknown_members_are_ignored),
        cmocka_unit_test(find_by_id),
        cmocka_unit_test(find_uses_the_id_index),
        cmocka_unit_test(repeated_strings_are_limited),
        cmocka_unit_test(credential_count_is_limited),
        cmocka_unit_test(claim_count_is_limited),
        cmocka_unit_test(set_counts_are_limited),
        cmocka_unit_test(value_counts_are_limited),
        cmocka_unit_test(duplicate_found_among_many),
        cmocka_unit_test(long_ids_are_cut_in_messages),
        cmocka_unit_test(interop_every_query_parses),
        cmocka_unit_test(interop_claims_alternatives),
        cmocka_unit_test(interop_complex_mdoc),
        cmocka_unit_test(interop_credentials_alternatives_and_values),
        cmocka_unit_test(interop_eudi_pid_mdoc),
    };
    return cmocka_run_group_tests_name("dcql", tests, NULL, NULL);
}
