/* Runs every line of testvectors/manifest.tsv against the library and compares the outcome with
 * the expected one. One cmocka test per kind; a failing line is printed with its file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/x509.h>

#include "crypto/cose.h"
#include "crypto/jws.h"
#include "crypto/x509.h"
#include "testmanifest.h"
#include "testutil.h"
#include "util/b64.h"
#include "util/cbor.h"
#include "util/json.h"

/* kind, file (- for none), expected outcome, then key=value options */
static const char *const manifest_keys[] = {"alg", "anchors", "c", "cert", "chain_len", "cn", "crl_dps", "dns",
                                            "has_ku", "input", "input_hex", "is_ca", "issuer", "ku_ds", "o",
                                            "org_id", "output_hex", "payload", "policies", "serial_number",
                                            "sha256", "time", NULL};
static const tm_format manifest_format = {.min_fields = 3, .max_fields = TM_MAX_FIELDS, .options_from = 3,
                                          .keys = manifest_keys};
static tm_manifest g_manifest;

/* Calls fn for every manifest line of `kind`; returns the number of mismatches. */
static int for_each(const char *kind, const char *(*fn)(const tm_line *))
{
    int bad = 0, seen = 0;
    for (size_t i = 0; i < g_manifest.n; i++) {
        const tm_line *l = &g_manifest.v[i];
        if (strcmp(l->field[0], kind) != 0)
            continue;
        seen++;
        const char *got = fn(l);
        if (strcmp(got, l->field[2]) != 0) {
            printf("MISMATCH %s %s (line %d): expected %s, got %s\n", kind, l->field[1], l->lineno,
                   l->field[2], got);
            bad++;
        }
    }
    assert_true(seen > 0);
    return bad;
}

static const char *status_name(wrp_status st)
{
    switch (st) {
    case WRP_OK:
        return "ok";
    case WRP_ERR_LIMIT:
        return "limit";
    case WRP_ERR_MALFORMED:
        return "malformed";
    default:
        return wrp_status_str(st);
    }
}

static const char *run_b64(const tm_line *l)
{
    const char *in = tm_opt(l, "input"), *hex = tm_opt(l, "input_hex"), *want = tm_opt(l, "output_hex");
    uint8_t *bytes = NULL;
    size_t n = 0;
    if (hex != NULL)
        bytes = tu_hex_decode(hex, &n);
    uint8_t *out = NULL;
    size_t outlen = 0;
    const uint8_t *p = bytes ? bytes : (const uint8_t *)in;
    size_t len = bytes ? n : (in ? strlen(in) : 0);
    wrp_status st = strcmp(l->field[0], "b64") == 0 ? wrp_b64_decode(p, len, &out, &outlen, NULL)
                                                 : wrp_b64url_decode(p, len, &out, &outlen, NULL);
    const char *res = status_name(st);
    if (st == WRP_OK && want != NULL) {
        size_t wn = 0;
        uint8_t *w = tu_hex_decode(want, &wn);
        if (w == NULL || wn != outlen || (wn > 0 && memcmp(w, out, wn) != 0))
            res = "wrong-output";
        free(w);
    }
    free(out);
    free(bytes);
    return res;
}

static const char *run_json(const tm_line *l)
{
    size_t n;
    uint8_t *data = tu_read_file(l->field[1], &n);
    if (data == NULL)
        return "unreadable";
    cJSON *j = NULL;
    wrp_status st = wrp_json_parse(data, n, &j, NULL);
    cJSON_Delete(j);
    free(data);
    return status_name(st);
}

static const char *run_cbor(const tm_line *l)
{
    size_t n;
    uint8_t *data = tu_read_file(l->field[1], &n);
    if (data == NULL)
        return "unreadable";
    cbor_item_t *item = NULL;
    wrp_status st = wrp_cbor_parse(data, n, &item, NULL);
    if (item != NULL)
        cbor_decref(&item);
    free(data);
    return status_name(st);
}

/* The certificate of a PEM file, to compare with the first chain certificate. */
static int same_cert(X509 *c, const char *path)
{
    if (path == NULL)
        return 1;
    size_t n;
    uint8_t *data = tu_read_file(path, &n);
    if (data == NULL)
        return 0;
    wrp_chain want;
    int same = wrp_chain_parse(data, n, &want, NULL) == WRP_OK && X509_cmp(c, want.certs[0]) == 0;
    if (same)
        wrp_chain_free(&want);
    free(data);
    return same;
}

static const char *judge_signed(const tm_line *l, wrp_alg alg, bool crit_ok, const wrp_chain *chain)
{
    if (alg == WRP_ALG_INVALID)
        return "alg";
    if (!crit_ok)
        return "crit";
    const char *want_alg = tm_opt(l, "alg"), *want_len = tm_opt(l, "chain_len");
    if (want_alg != NULL && strcmp(wrp_alg_name(alg), want_alg) != 0)
        return "wrong-alg";
    if (want_len != NULL && (size_t)atoi(want_len) != chain->n)
        return "wrong-chain-length";
    if (!same_cert(chain->certs[0], tm_opt(l, "cert")))
        return "wrong-cert";
    return NULL;
}

static const char *run_jws(const tm_line *l)
{
    size_t n;
    uint8_t *data = tu_read_file(l->field[1], &n);
    if (data == NULL)
        return "unreadable";
    wrp_jws jws;
    const char *res = "malformed";
    wrp_status st = wrp_jws_parse(data, n, &jws, NULL);
    free(data);
    if (st != WRP_OK) /* a refused structure, whether malformed or beyond a limit */
        return st == WRP_ERR_LIMIT ? "malformed" : status_name(st);
    wrp_chain chain;
    if (wrp_jws_x5c(&jws, &chain, NULL) == WRP_OK) {
        res = judge_signed(l, jws.alg, jws.crit_ok, &chain);
        if (res == NULL)
            res = wrp_jws_verify(&jws, X509_get0_pubkey(chain.certs[0]), NULL) == WRP_OK ? "ok"
                                                                                       : "signature";
        wrp_chain_free(&chain);
    }
    wrp_jws_free(&jws);
    return res;
}

static const char *run_cose(const tm_line *l)
{
    size_t n, pn = 0;
    uint8_t *data = tu_read_file(l->field[1], &n), *payload = NULL;
    if (data == NULL)
        return "unreadable";
    if (tm_opt(l, "payload") != NULL && (payload = tu_read_file(tm_opt(l, "payload"), &pn)) == NULL) {
        free(data);
        return "unreadable";
    }
    cbor_item_t *item = NULL;
    const char *res = "malformed";
    wrp_status st = wrp_cbor_parse(data, n, &item, NULL);
    wrp_cose_sign1 c;
    if (st == WRP_OK && wrp_cose_sign1_parse(item, &c, NULL) == WRP_OK) {
        wrp_chain chain;
        if (wrp_cose_x5chain(&c, &chain, NULL) == WRP_OK) {
            res = judge_signed(l, c.alg, c.crit_ok, &chain);
            if (res == NULL)
                res = wrp_cose_sign1_verify(&c, payload, pn, X509_get0_pubkey(chain.certs[0]), NULL) ==
                              WRP_OK
                          ? "ok"
                          : "signature";
            wrp_chain_free(&chain);
        }
        wrp_cose_sign1_free(&c);
    } else if (st != WRP_OK) {
        res = status_name(st);
    }
    if (item != NULL)
        cbor_decref(&item);
    free(data);
    free(payload);
    return res;
}

static wrp_anchors *load_anchors(const char *list)
{
    wrp_anchors *a = wrp_anchors_new();
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", list ? list : "");
    char *save = NULL;
    for (char *p = strtok_r(copy, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
        size_t n;
        uint8_t *data = tu_read_file(p, &n);
        assert_non_null(data);
        assert_int_equal(wrp_anchors_add(a, data, n, NULL), WRP_OK);
        free(data);
    }
    return a;
}

static const char *chain_result_name(wrp_chain_result r)
{
    switch (r) {
    case WRP_CHAIN_OK:
        return "ok";
    case WRP_CHAIN_UNTRUSTED:
        return "untrusted";
    case WRP_CHAIN_EXPIRED:
        return "expired";
    case WRP_CHAIN_NOT_YET_VALID:
        return "not_yet_valid";
    case WRP_CHAIN_BAD_SIGNATURE:
        return "bad_signature";
    case WRP_CHAIN_INVALID:
        return "invalid";
    }
    return "?";
}

static const char *run_chain(const tm_line *l)
{
    size_t n;
    uint8_t *data = tu_read_file(l->field[1], &n);
    if (data == NULL)
        return "unreadable";
    wrp_chain chain;
    wrp_status st = wrp_chain_parse(data, n, &chain, NULL);
    free(data);
    if (st != WRP_OK)
        return st == WRP_ERR_LIMIT ? "malformed" : status_name(st);
    wrp_anchors *a = load_anchors(tm_opt(l, "anchors"));
    const char *t = tm_opt(l, "time");
    wrp_chain_result r = wrp_chain_verify(a, &chain, t ? atoll(t) : 0, NULL, NULL);
    wrp_anchors_free(a);
    wrp_chain_free(&chain);
    return chain_result_name(r);
}

static X509 *load_cert(const char *path)
{
    size_t n;
    uint8_t *data = tu_read_file(path, &n);
    assert_non_null(data);
    wrp_chain c;
    assert_int_equal(wrp_chain_parse(data, n, &c, NULL), WRP_OK);
    free(data);
    X509 *x = c.certs[0];
    X509_up_ref(x);
    wrp_chain_free(&c);
    return x;
}

static const char *run_crl(const tm_line *l)
{
    size_t n;
    uint8_t *data = tu_read_file(l->field[1], &n);
    if (data == NULL)
        return "unreadable";
    X509_CRL **crls = NULL;
    size_t ncrl = 0;
    wrp_status st = wrp_crls_parse(data, n, &crls, &ncrl, NULL);
    free(data);
    if (st != WRP_OK)
        return status_name(st);
    X509 *cert = load_cert(tm_opt(l, "cert")), *issuer = load_cert(tm_opt(l, "issuer"));
    const char *t = tm_opt(l, "time");
    wrp_crl_result r = wrp_crl_check(cert, issuer, crls, ncrl, t ? atoll(t) : 0, NULL);
    for (size_t i = 0; i < ncrl; i++)
        X509_CRL_free(crls[i]);
    free(crls);
    X509_free(cert);
    X509_free(issuer);
    return r == WRP_CRL_GOOD ? "good" : r == WRP_CRL_REVOKED ? "revoked" : "unknown";
}

static int str_field(const char *want, const char *got)
{
    if (want == NULL)
        return 1;
    if (*want == 0)
        return got == NULL;
    return got != NULL && strcmp(want, got) == 0;
}

/* A comma-separated expectation against a list of strings, in order. */
static int list_field(const char *want, char **got, size_t n)
{
    if (want == NULL)
        return 1;
    char buf[1024] = "";
    size_t off = 0;
    for (size_t i = 0; i < n && off < sizeof buf; i++)
        off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s", i ? "," : "", got[i]);
    return strcmp(want, buf) == 0;
}

static int bool_field(const char *want, bool got)
{
    return want == NULL || (atoi(want) != 0) == got;
}

static const char *run_certinfo(const tm_line *l)
{
    X509 *c = load_cert(l->field[1]);
    wrp_cert_info i;
    wrp_status st = wrp_cert_info_get(c, &i, NULL);
    X509_free(c);
    if (st != WRP_OK)
        return status_name(st);
    char sha[65];
    for (int k = 0; k < 32; k++)
        snprintf(sha + 2 * k, 3, "%02x", i.sha256[k]);
    const char *sha_want = tm_opt(l, "sha256");
    int ok = str_field(tm_opt(l, "org_id"), i.org_id) && str_field(tm_opt(l, "serial_number"), i.serial_number) &&
             str_field(tm_opt(l, "cn"), i.common_name) && str_field(tm_opt(l, "o"), i.org_name) &&
             str_field(tm_opt(l, "c"), i.country) && list_field(tm_opt(l, "dns"), i.dns_sans, i.n_dns_sans) &&
             list_field(tm_opt(l, "crl_dps"), i.crl_dps, i.n_crl_dps) &&
             list_field(tm_opt(l, "policies"), i.policies, i.n_policies) && bool_field(tm_opt(l, "is_ca"), i.is_ca) &&
             bool_field(tm_opt(l, "has_ku"), i.has_key_usage) &&
             bool_field(tm_opt(l, "ku_ds"), i.ku_digital_signature) &&
             (sha_want == NULL || strcmp(sha_want, sha) == 0);
    wrp_cert_info_free(&i);
    return ok ? "ok" : "wrong-fields";
}

static void b64_vectors(void **s) { (void)s; assert_int_equal(for_each("b64", run_b64), 0); }
static void b64url_vectors(void **s) { (void)s; assert_int_equal(for_each("b64url", run_b64), 0); }
static void json_vectors(void **s) { (void)s; assert_int_equal(for_each("json", run_json), 0); }
static void cbor_vectors(void **s) { (void)s; assert_int_equal(for_each("cbor", run_cbor), 0); }
static void jws_vectors(void **s) { (void)s; assert_int_equal(for_each("jws", run_jws), 0); }
static void cose_vectors(void **s) { (void)s; assert_int_equal(for_each("cose", run_cose), 0); }
static void chain_vectors(void **s) { (void)s; assert_int_equal(for_each("chain", run_chain), 0); }
static void crl_vectors(void **s) { (void)s; assert_int_equal(for_each("crl", run_crl), 0); }
static void certinfo_vectors(void **s) { (void)s; assert_int_equal(for_each("certinfo", run_certinfo), 0); }

/* The kinds the tests above run: a line of any other kind would be run by none of them. */
static void every_line_is_of_a_kind_that_runs(void **state)
{
    (void)state;
    static const char *const kinds[] = {"b64", "b64url", "json", "cbor", "jws", "cose", "chain", "crl",
                                        "certinfo"};
    for (size_t i = 0; i < g_manifest.n; i++) {
        bool known = false;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !known; k++)
            known = strcmp(g_manifest.v[i].field[0], kinds[k]) == 0;
        if (!known)
            fail_msg("testvectors/manifest.tsv:%d: kind %s is run by no test", g_manifest.v[i].lineno,
                     g_manifest.v[i].field[0]);
    }
}

int main(void)
{
    if (tm_load("testvectors/manifest.tsv", &manifest_format, &g_manifest) != 0) {
        fprintf(stderr, "%s\n", g_manifest.error);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(b64_vectors),   cmocka_unit_test(b64url_vectors), cmocka_unit_test(json_vectors),
        cmocka_unit_test(cbor_vectors),  cmocka_unit_test(jws_vectors),    cmocka_unit_test(cose_vectors),
        cmocka_unit_test(chain_vectors), cmocka_unit_test(crl_vectors),    cmocka_unit_test(certinfo_vectors),
        cmocka_unit_test(every_line_is_of_a_kind_that_runs),
    };
    int failed = cmocka_run_group_tests_name("vectors", tests, NULL, NULL);
    tm_free(&g_manifest);
    return failed;
}
