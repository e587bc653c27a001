/* OpenID4VP 1.0 requests (model/openid4vp.h).
 *
 * 1. Every line of testvectors/o4vp/manifest.tsv is one test: the vector is judged by
 *    wrp_o4vp_check with the line's options; the set of finding codes must equal the expected set
 *    exactly, and parsed / authenticated / n_rc / the carried certificate / has_dcql must be as the
 *    line says.
 * 2. Rules whose messages, counts or sizes matter, on requests built here (hostile sizes included).
 * 3. Requests published by others: testvectors/interop/openid4vp/ (real Request Objects of the EC
 *    verifier backend, the specification's examples). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "policy/request_check.h"
#include "support/testcrypto.h"
#include "support/testmanifest.h"
#include "support/testutil.h"
#include "util/json.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define T INT64_C(1798761600) /* 2027-01-01T00:00:00Z */
#define O4VP_DIR "testvectors/o4vp/"
#define PKI_DIR "testvectors/pki/"
#define INTEROP "testvectors/interop/openid4vp/"
#define REAL INTEROP "real-request-objects/"
#define ANCHOR_DIR REAL "anchors-eudi-app-android-wallet-ui/"
#define SPEC INTEROP "spec-examples/"
#define REAL_2025 REAL "eudi-verifier-backend-2025-05-19-x509_san_dns.jwt"
#define REAL_2024 REAL "eudi-verifier-backend-2024-05-17-x509_san_dns.jwt"
#define MAX_CODE 128
#define MAX_TX_TYPES 8

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */

static uint8_t *must_read(const char *path, size_t *len)
{
    uint8_t *data = tu_read_file(path, len);
    if (data == NULL)
        fail_msg("cannot read %s (run the tests from the repository root)", path);
    return data;
}

static void codes_text(const bool *set, char *out, size_t size)
{
    out[0] = 0;
    for (int c = 0; c < MAX_CODE; c++) {
        if (!set[c])
            continue;
        size_t n = strlen(out);
        snprintf(out + n, size - n, "%s%s", n ? "," : "", wrp_code_str((wrp_code)c));
    }
    if (out[0] == 0)
        snprintf(out, size, "none");
}

static wrp_code code_by_name(const char *name)
{
    wrp_code code = wrp_code_from_str(name);
    if (code == 0)
        fail_msg("unknown finding code %s", name);
    return code;
}

static void expected_set(const char *expected, bool *set)
{
    memset(set, 0, MAX_CODE * sizeof *set);
    if (strcmp(expected, "none") == 0)
        return;
    char *copy = strdup(expected), *save = NULL;
    assert_non_null(copy);
    for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
        set[code_by_name(tok)] = true;
    free(copy);
}

static void print_findings(const wrp_findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        print_message("    %s: %s\n", wrp_code_str(f->v[i].code), f->v[i].message);
}

/* Asserts that the codes of f are exactly `expected` (comma-separated names, or "none"). */
static void assert_codes(const wrp_findings *f, const char *expected)
{
    bool got_set[MAX_CODE] = {false}, want_set[MAX_CODE];
    for (size_t i = 0; i < f->n; i++) {
        assert_true(f->v[i].code > 0 && f->v[i].code < MAX_CODE);
        got_set[f->v[i].code] = true;
    }
    expected_set(expected, want_set);
    char got[1024], want[1024];
    codes_text(got_set, got, sizeof got);
    codes_text(want_set, want, sizeof want);
    if (strcmp(got, want) != 0) {
        print_findings(f);
        fail_msg("finding codes %s, expected %s", got, want);
    }
}

static size_t count_code(const wrp_findings *f, wrp_code code)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += f->v[i].code == code;
    return n;
}

static const wrp_finding *first_of(const wrp_findings *f, wrp_code code)
{
    static const wrp_finding none = {.message = (char *)""};
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].code == code)
            return &f->v[i];
    fail_msg("no %s finding", wrp_code_str(code));
    return &none;
}

/* Judges bytes; the call must run and leave no OpenSSL error behind. */
static void check_bytes(const uint8_t *in, size_t len, const wrp_o4vp_opts *opts, wrp_o4vp *out,
                        wrp_findings *f)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(wrp_o4vp_check(in, len, opts, out, f), WRP_OK);
    assert_false(f->oom);
    assert_int_equal(ERR_peek_error(), 0);
}

static void check_text(const char *text, const wrp_o4vp_opts *opts, wrp_o4vp *out, wrp_findings *f)
{
    check_bytes((const uint8_t *)text, strlen(text), opts, out, f);
}

static void check_file(const char *path, const wrp_o4vp_opts *opts, wrp_o4vp *out, wrp_findings *f)
{
    size_t len;
    uint8_t *data = must_read(path, &len);
    check_bytes(data, len, opts, out, f);
    free(data);
}

/* What the invariants of a judgement are, whatever the request. */
static void assert_consistent(const wrp_o4vp *r, const wrp_findings *f)
{
    if (!r->parsed) {
        assert_int_equal(f->n, 1);
        assert_int_equal(f->v[0].code, WRP_CODE_REQUEST_MALFORMED);
        assert_false(r->is_signed);
        assert_false(r->authenticated);
        assert_int_equal(r->chain.n, 0);
        assert_null(r->client_id);
        assert_false(r->has_dcql);
        assert_int_equal(r->n_rc, 0);
        assert_null(r->rc);
        return;
    }
    assert_int_equal(r->is_signed, !wrp_findings_has(f, WRP_CODE_REQUEST_UNSIGNED));
    if (r->is_signed)
        assert_int_equal(r->signature_verified, !wrp_findings_has(f, WRP_CODE_REQUEST_SIGNATURE));
    else
        assert_false(r->signature_verified || r->authenticated || r->client_id != NULL);
    if (r->authenticated) {
        assert_true(r->signature_verified);
        assert_true(r->chain.n > 0);
        assert_non_null(r->client_id);
        assert_false(wrp_findings_has(f, WRP_CODE_REQUEST_TYP) || wrp_findings_has(f, WRP_CODE_REQUEST_ALG) ||
                     wrp_findings_has(f, WRP_CODE_CLIENT_ID_PREFIX));
    }
    if (r->rc != NULL)
        assert_true(r->n_rc > 0 && r->rc_len > 0);
    /* Every finding has its code's severity, except REQUEST_PARAMETER about where the response
     * goes or the state, which is a warning. */
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].code != WRP_CODE_REQUEST_PARAMETER || f->v[i].severity != WRP_SEV_ERROR)
            assert_int_equal(f->v[i].severity, wrp_code_severity(f->v[i].code));
}

/* ------------------------------------------------------------------------------------------ */
/* 1. The manifest                                                                               */

/* file, expected codes (CODE,CODE or none), options: space-separated key=value words */
static const char *const manifest_keys[] = {"client_id", "origin", "rc", "tx_type", "auth", "parsed", "dcql",
                                            "n_rc", NULL};
static const tm_format manifest_format = {.min_fields = 3, .max_fields = 3, .options_from = 2,
                                          .options_spaced = true, .keys = manifest_keys};

typedef struct options {
    const char *client_id, *origin, *rc;
    const char *tx_types[MAX_TX_TYPES];
    size_t n_tx_types;
    int auth, parsed, dcql;
    long n_rc;
} options;

/* The options of a manifest line; the returned strings point into buf, which holds the values
 * that are lists. */
static options parse_options(const tm_line *l, char *buf, size_t size)
{
    options o = {.parsed = 1, .dcql = -1};
    for (size_t i = 0; i < l->n_options; i++) {
        const char *k = l->option[i].key, *val = l->option[i].value;
        if (strcmp(k, "client_id") == 0) {
            o.client_id = val;
        } else if (strcmp(k, "origin") == 0) {
            o.origin = val;
        } else if (strcmp(k, "rc") == 0) {
            o.rc = val;
        } else if (strcmp(k, "tx_type") == 0) {
            assert_true(strlen(val) < size);
            snprintf(buf, size, "%s", val);
            char *tsave = NULL;
            for (char *t = strtok_r(buf, ",", &tsave); t != NULL; t = strtok_r(NULL, ",", &tsave)) {
                assert_true(o.n_tx_types < MAX_TX_TYPES);
                o.tx_types[o.n_tx_types++] = t;
            }
        } else if (strcmp(k, "auth") == 0) {
            o.auth = atoi(val);
        } else if (strcmp(k, "parsed") == 0) {
            o.parsed = atoi(val);
        } else if (strcmp(k, "dcql") == 0) {
            o.dcql = atoi(val);
        } else if (strcmp(k, "n_rc") == 0) {
            o.n_rc = atol(val);
        } else {
            fail_msg("unknown manifest option %s", k);
        }
    }
    return o;
}

static void manifest_vector(void **state)
{
    const tm_line *l = *state;
    char optbuf[512];
    options o = parse_options(l, optbuf, sizeof optbuf);
    wrp_o4vp_opts opts = {.client_id = o.client_id, .origin = o.origin, .tx_types = o.tx_types,
                          .n_tx_types = o.n_tx_types};

    char path[512];
    snprintf(path, sizeof path, O4VP_DIR "%s", l->field[0]);
    wrp_o4vp r;
    wrp_findings f;
    check_file(path, &opts, &r, &f);

    assert_codes(&f, l->field[1]);
    assert_consistent(&r, &f);
    assert_int_equal(r.parsed, o.parsed);
    assert_int_equal(r.authenticated, o.auth);
    assert_int_equal(r.n_rc, o.n_rc);
    bool want_set[MAX_CODE];
    expected_set(l->field[1], want_set);
    int dcql = o.dcql >= 0 ? o.dcql : o.parsed && !want_set[WRP_CODE_DCQL_INVALID];
    assert_int_equal(r.has_dcql, dcql);
    if (o.rc != NULL) {
        size_t len;
        uint8_t *want = must_read(o.rc, &len);
        assert_non_null(r.rc);
        assert_int_equal(r.rc_len, len);
        assert_memory_equal(r.rc, want, len);
        free(want);
    }
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* 2. Rules on requests built here                                                               */

/* The foundation PKI's access certificate and key: a Request Object signer. */
typedef struct signer {
    EVP_PKEY *key;
    char *x5c0; /* standard base64 of the DER */
} signer;

static void signer_load(signer *s)
{
    size_t len;
    uint8_t *pem = must_read(PKI_DIR "ac-leaf.key", &len);
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    assert_non_null(bio);
    s->key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    BIO_free(bio);
    free(pem);
    assert_non_null(s->key);
    uint8_t *der = must_read(PKI_DIR "ac-leaf.der", &len);
    s->x5c0 = tc_b64(der, len);
    free(der);
    assert_non_null(s->x5c0);
}

static void signer_free(signer *s)
{
    EVP_PKEY_free(s->key);
    free(s->x5c0);
}

/* A Request Object with the given claims (JSON text), signed by the access certificate. */
static char *sign_request(const signer *s, const char *payload)
{
    char header[4096];
    snprintf(header, sizeof header, "{\"alg\":\"ES256\",\"typ\":\"oauth-authz-req+jwt\",\"x5c\":[\"%s\"]}",
             s->x5c0);
    char *jws = tc_jws(header, (const uint8_t *)payload, strlen(payload), WRP_ALG_ES256, s->key);
    assert_non_null(jws);
    return jws;
}

#define QUERY "{\"credentials\":[{\"id\":\"pid\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"urn:eudi:pid:1\"]},\"claims\":[{\"path\":[\"age_over_18\"]}]}]}"
#define BASE "\"client_id\":\"x509_san_dns:rp.example.com\",\"response_mode\":\"dc_api\"," \
             "\"nonce\":\"n-0S6_WzA2Mj\",\"dcql_query\":" QUERY
#define ORIGINS "\"expected_origins\":[\"https://rp.example.com\"]"

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s)
{
    size_t len = strlen(s);
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->n, s, len + 1);
    b->n += len;
}

/* {BASE,ORIGINS,"name":[item,item,...]} with n items (ORIGINS unless name is expected_origins). */
static char *with_array(const char *name, const char *item, size_t n)
{
    sbuf b = {0};
    sb_add(&b, "{" BASE ",");
    if (strcmp(name, "expected_origins") != 0)
        sb_add(&b, ORIGINS ",");
    sb_add(&b, "\"");
    sb_add(&b, name);
    sb_add(&b, "\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_add(&b, ",");
        sb_add(&b, item);
    }
    sb_add(&b, "]}");
    return b.p;
}

static const wrp_o4vp_opts dc_opts = {.origin = "https://rp.example.com"};

static void arguments_are_checked(void **state)
{
    (void)state;
    wrp_o4vp r;
    wrp_findings f = {0};
    assert_int_equal(wrp_o4vp_check((const uint8_t *)"{}", 2, NULL, NULL, &f), WRP_ERR_ARG);
    assert_int_equal(wrp_o4vp_check((const uint8_t *)"{}", 2, NULL, &r, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_o4vp_check(NULL, 5, NULL, &r, &f), WRP_ERR_ARG);
    assert_int_equal(f.n, 0);
    check_bytes(NULL, 0, NULL, &r, &f);
    assert_codes(&f, "REQUEST_MALFORMED");
    assert_false(r.parsed);
    assert_string_equal(f.v[0].message, "empty request");
    wrp_findings_free(&f);
    wrp_o4vp_free(&r);
    wrp_o4vp_free(&r);
    wrp_o4vp_free(NULL);
}

static void request_larger_than_the_limit_is_malformed(void **state)
{
    (void)state;
    size_t len = WRP_MAX_INPUT_BYTES + 1;
    uint8_t *big = malloc(len);
    assert_non_null(big);
    memset(big, 'A', len);
    wrp_o4vp r;
    wrp_findings f;
    check_bytes(big, len, NULL, &r, &f);
    assert_codes(&f, "REQUEST_MALFORMED");
    assert_false(r.parsed);
    wrp_findings_free(&f);
    big[0] = '{';
    check_bytes(big, len, NULL, &r, &f);
    assert_codes(&f, "REQUEST_MALFORMED");
    wrp_findings_free(&f);
    free(big);
}

/* The message of DCQL_INVALID is the DCQL parser's own. */
static void dcql_message_is_the_parsers(void **state)
{
    (void)state;
    static const char query[] = "{\"credentials\":[{\"id\":\"pid\",\"format\":\"mso_mdoc\",\"meta\":"
                                "{\"doctype_value\":\"x\"},\"claims\":[{\"path\":[\"ns\",\"a\",\"b\"]}]}]}";
    cJSON *q = NULL;
    assert_int_equal(wrp_json_parse((const uint8_t *)query, sizeof query - 1, &q, NULL), WRP_OK);
    wrp_dcql dq;
    wrp_err err = {{0}};
    assert_int_equal(wrp_dcql_parse(q, &dq, &err), WRP_ERR_MALFORMED);
    cJSON_Delete(q);
    char req[1024];
    snprintf(req, sizeof req, "{\"response_mode\":\"dc_api\",\"nonce\":\"abc\",\"dcql_query\":%s}", query);
    wrp_o4vp r;
    wrp_findings f;
    check_text(req, NULL, &r, &f);
    assert_codes(&f, "REQUEST_UNSIGNED,DCQL_INVALID");
    assert_string_equal(first_of(&f, WRP_CODE_DCQL_INVALID)->message, err.msg);
    assert_false(r.has_dcql);
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

static void query_missing_says_why_it_cannot_be_checked(void **state)
{
    (void)state;
    static const struct {
        const char *json, *msg;
    } cases[] = {
        {"{\"response_mode\":\"dc_api\",\"nonce\":\"a\",\"scope\":\"pid\"}",
         "no dcql_query: a scope-only request cannot be checked"},
        {"{\"response_mode\":\"dc_api\",\"nonce\":\"a\",\"presentation_definition\":{}}",
         "no dcql_query: a pre-1.0 presentation_definition request cannot be checked"},
        {"{\"response_mode\":\"dc_api\",\"nonce\":\"a\",\"scope\":\"\"}",
         "no dcql_query: a request without a query cannot be checked"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wrp_o4vp r;
        wrp_findings f;
        check_text(cases[i].json, NULL, &r, &f);
        assert_codes(&f, "REQUEST_UNSIGNED,DCQL_INVALID");
        assert_string_equal(first_of(&f, WRP_CODE_DCQL_INVALID)->message, cases[i].msg);
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
    }
}

static void refused_prefixes_are_named_with_their_reason(void **state)
{
    (void)state;
    static const struct {
        const char *file, *part;
    } cases[] = {
        {"prefix-redirect-uri.jwt", "\"redirect_uri\" refused: requests with it cannot be signed"},
        {"prefix-origin.jwt", "\"origin\" refused: reserved"},
        {"prefix-decentralized-identifier.jwt", "\"decentralized_identifier\" refused: its key comes from DID"},
        {"prefix-verifier-attestation.jwt", "\"verifier_attestation\" refused: it is authenticated by a "
                                            "Verifier Attestation JWT"},
        {"prefix-openid-federation.jwt", "\"openid_federation\" refused: it is trusted through an OpenID "
                                         "Federation"},
        {"prefix-pre-registered.jwt", "\"pre-registered\" refused"},
        {"prefix-x509-san-dns-uppercase.jwt", "\"X509_SAN_DNS\" refused: it is not x509_san_dns or x509_hash"},
        {"prefix-empty.jwt", "prefix \"\" refused"},
        {"client-id-no-prefix.jwt", "client_id \"rp.example.com\" has no client identifier prefix"},
        {"client-id-scheme.jwt", "client_id_scheme is a pre-1.0 parameter"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, O4VP_DIR "%s", cases[i].file);
        wrp_o4vp r;
        wrp_findings f;
        check_file(path, NULL, &r, &f);
        const char *msg = first_of(&f, WRP_CODE_CLIENT_ID_PREFIX)->message;
        if (strstr(msg, cases[i].part) == NULL)
            fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].file, msg, cases[i].part);
        assert_true(r.signature_verified);
        assert_false(r.authenticated);
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
    }
}

static void each_bad_transaction_data_entry_is_one_finding(void **state)
{
    (void)state;
    const char *types[] = {"urn:wrpcheck:example:payment"};
    wrp_o4vp_opts opts = {.tx_types = types, .n_tx_types = 1};
    wrp_o4vp r;
    wrp_findings f;
    check_file(O4VP_DIR "tx-two-bad-one-good.jwt", &opts, &r, &f);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.v[0].message, "transaction_data[0] has a type the wallet does not handle (\"urn:x\")");
    assert_non_null(strstr(f.v[1].message, "transaction_data[2] credential_ids names no credential "
                                           "query of dcql_query (\"nope\")"));
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
    /* tx_types NULL with a count is treated as no types, not dereferenced */
    wrp_o4vp_opts broken = {.tx_types = NULL, .n_tx_types = 3};
    check_file(O4VP_DIR "tx-valid.jwt", &broken, &r, &f);
    assert_codes(&f, "TRANSACTION_DATA_UNSUPPORTED");
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

static void verifier_info_findings_are_counted(void **state)
{
    (void)state;
    wrp_o4vp r;
    wrp_findings f;
    check_file(O4VP_DIR "rc-verifier-info-64.jwt", NULL, &r, &f);
    assert_int_equal(count_code(&f, WRP_CODE_VERIFIER_INFO_IGNORED), 63);
    assert_int_equal(first_of(&f, WRP_CODE_VERIFIER_INFO_IGNORED)->severity, WRP_SEV_INFO);
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
    check_file(O4VP_DIR "rc-two.jwt", NULL, &r, &f);
    assert_int_equal(count_code(&f, WRP_CODE_RC_MULTIPLE), 1);
    assert_string_equal(first_of(&f, WRP_CODE_RC_MULTIPLE)->message,
                        "verifier_info carries 2 registration certificates; exactly one is allowed");
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

/* Arrays far beyond the limits are refused in one finding each, quickly and without a finding per
 * element. */
static void huge_arrays_are_refused_once(void **state)
{
    (void)state;
    signer s;
    signer_load(&s);
    static const struct {
        const char *name, *item, *code;
    } cases[] = {
        {"expected_origins", "\"x\"", "ORIGIN_MISMATCH"},
        {"verifier_info", "{\"format\":\"x\",\"data\":\"y\"}", "RC_MALFORMED"},
        {"transaction_data", "\"e30\"", "TRANSACTION_DATA_UNSUPPORTED"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *payload = with_array(cases[i].name, cases[i].item, 100000);
        char *jws = sign_request(&s, payload);
        wrp_o4vp r;
        wrp_findings f;
        check_text(jws, &dc_opts, &r, &f);
        assert_codes(&f, cases[i].code);
        assert_int_equal(f.n, 1);
        assert_true(r.authenticated);
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
        free(jws);
        free(payload);
    }
    /* a DCQL query of 100,000 credential queries and an unknown member of 100,000 elements */
    sbuf b = {0};
    sb_add(&b, "{\"client_id\":\"x509_san_dns:rp.example.com\",\"response_mode\":\"dc_api\","
               "\"nonce\":\"n\",\"expected_origins\":[\"https://rp.example.com\"],\"future\":[");
    for (size_t i = 0; i < 100000; i++)
        sb_add(&b, i ? ",0" : "0");
    sb_add(&b, "],\"dcql_query\":{\"credentials\":[");
    for (size_t i = 0; i < 100000; i++)
        sb_add(&b, i ? ",{}" : "{}");
    sb_add(&b, "]}}");
    char *jws = sign_request(&s, b.p);
    wrp_o4vp r;
    wrp_findings f;
    check_text(jws, &dc_opts, &r, &f);
    assert_codes(&f, "DCQL_INVALID");
    assert_true(r.authenticated);
    assert_false(r.has_dcql);
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
    free(jws);
    free(b.p);
    signer_free(&s);
}

/* --client-id against the Request Object's client_id (x509_san_dns:rp.example.com): the host
 * name compares case-insensitively, the prefix and an x509_hash value exactly. */
static void outer_client_id_host_compares_case_insensitively(void **state)
{
    (void)state;
    static const struct {
        const char *outer, *codes;
    } cases[] = {
        {"x509_san_dns:rp.example.com", "none"},
        {"x509_san_dns:RP.Example.COM", "none"},
        {"X509_SAN_DNS:rp.example.com", "CLIENT_ID_MISMATCH"},
        {"x509_san_dns:rp.example.co", "CLIENT_ID_MISMATCH"},
        {"x509_san_dns:rp.example.com.", "CLIENT_ID_MISMATCH"},
        {"x509_san_dns:", "CLIENT_ID_MISMATCH"},
        {"rp.example.com", "CLIENT_ID_MISMATCH"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wrp_o4vp_opts opts = {.client_id = cases[i].outer};
        wrp_o4vp r;
        wrp_findings f;
        check_file(O4VP_DIR "valid-san-dns.jwt", &opts, &r, &f);
        assert_codes(&f, cases[i].codes);
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
    }
}

static void chain_and_client_id_are_kept_for_the_pipeline(void **state)
{
    (void)state;
    wrp_o4vp r;
    wrp_findings f;
    check_file(O4VP_DIR "valid-with-intermediate.jwt", NULL, &r, &f);
    assert_codes(&f, "none");
    assert_int_equal(r.chain.n, 2);
    assert_string_equal(r.client_id, "x509_san_dns:rp.example.com");
    size_t len;
    uint8_t *pem = must_read(PKI_DIR "ac-root.pem", &len);
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    assert_int_equal(wrp_anchors_add(a, pem, len, NULL), WRP_OK);
    free(pem);
    assert_int_equal(wrp_chain_verify(a, &r.chain, T, NULL, NULL), WRP_CHAIN_OK);
    wrp_anchors_free(a);
    assert_int_equal(r.dcql.n_creds, 2);
    assert_string_equal(r.dcql.creds[0].id, "pid");
    assert_string_equal(r.dcql.creds[1].types[0], "eu.europa.ec.eudi.pid.1");
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
    /* the chain is kept even when nothing else could be trusted */
    check_file(O4VP_DIR "alg-none.jwt", NULL, &r, &f);
    assert_int_equal(r.chain.n, 1);
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

/* The DC API envelope is judged as its Request Object alone. */
static void envelope_is_its_request_object(void **state)
{
    (void)state;
    wrp_o4vp a, b;
    wrp_findings fa, fb;
    check_file(O4VP_DIR "envelope.json", &dc_opts, &a, &fa);
    check_file(O4VP_DIR "dc-api.jwt", &dc_opts, &b, &fb);
    assert_codes(&fa, "none");
    assert_codes(&fb, "none");
    assert_true(a.is_signed && a.authenticated && b.authenticated);
    assert_string_equal(a.client_id, b.client_id);
    assert_int_equal(a.rc_len, b.rc_len);
    assert_memory_equal(a.rc, b.rc, a.rc_len);
    wrp_o4vp_free(&a);
    wrp_o4vp_free(&b);
    wrp_findings_free(&fa);
    wrp_findings_free(&fb);
}

static void messages_name_the_problem(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        wrp_code code;
        const char *part;
    } cases[] = {
        {"san-dns-nul-in-san.jwt", WRP_CODE_CLIENT_ID_MISMATCH, "x5c[0] cannot be read for x509_san_dns"},
        {"san-dns-several-colons.jwt", WRP_CODE_CLIENT_ID_MISMATCH,
         "x509_san_dns value \"rp.example.com:443\" is not a DNS name"},
        {"san-dns-response-uri-userinfo-reversed.jwt", WRP_CODE_CLIENT_ID_MISMATCH,
         "response_uri has no host that can be compared"},
        {"san-dns-response-uri-other-host.jwt", WRP_CODE_CLIENT_ID_MISMATCH,
         "response_uri host \"evil.example.com\" is not the x509_san_dns value \"rp.example.com\""},
        {"hash-of-reencoding.jwt", WRP_CODE_CLIENT_ID_MISMATCH, "is not the SHA-256 of x5c[0]"},
        {"x5c-absent.jwt", WRP_CODE_REQUEST_SIGNATURE, "the header has no x5c"},
        {"x5c-garbage.jwt", WRP_CODE_REQUEST_SIGNATURE, "x5c[0]"},
        {"typ-jwt.jwt", WRP_CODE_REQUEST_TYP, "typ is \"JWT\", not oauth-authz-req+jwt"},
        {"nonce-space.jwt", WRP_CODE_REQUEST_PARAMETER, "nonce must be a non-empty string"},
        {"direct-post-with-redirect-uri.jwt", WRP_CODE_REQUEST_PARAMETER,
         "redirect_uri must not be present with response_mode direct_post"},
        {"rc-credential-ids.jwt", WRP_CODE_RC_MALFORMED, "must not carry credential_ids"},
        {"envelope-request-number.json", WRP_CODE_REQUEST_MALFORMED, "DC API envelope"},
        {"malformed-payload-duplicate-escaped.jwt", WRP_CODE_REQUEST_MALFORMED, "duplicate"},
        {"unsigned-request-uri.json", WRP_CODE_REQUEST_MALFORMED, "request_uri"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, O4VP_DIR "%s", cases[i].file);
        wrp_o4vp r;
        wrp_findings f;
        check_file(path, &dc_opts, &r, &f);
        const char *msg = first_of(&f, cases[i].code)->message;
        if (strstr(msg, cases[i].part) == NULL)
            fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].file, msg, cases[i].part);
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
    }
    wrp_o4vp r;
    wrp_findings f;
    check_file(O4VP_DIR "dc-api-no-origin-given.jwt", NULL, &r, &f);
    assert_string_equal(first_of(&f, WRP_CODE_ORIGIN_MISMATCH)->message,
                        "the request names expected_origins but no origin was given to check");
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

#define POST "\"client_id\":\"x509_san_dns:rp.example.com\",\"response_mode\":\"direct_post\"," \
             "\"response_uri\":\"https://rp.example.com/r\",\"nonce\":\"n-0S6_WzA2Mj\",\"dcql_query\":" QUERY

/* Contract v1.1, appendix A.2: a signed request that came through the DC API (an origin was given,
 * it is in the API's envelope, or its response_mode answers through the API) must carry
 * expected_origins holding the origin; one that carries them needs an origin to compare. */
static void origins_are_required_of_dc_api_requests(void **state)
{
    (void)state;
    signer s;
    signer_load(&s);
    char *post = sign_request(&s, "{" POST "}");
    char *post_eo = sign_request(&s, "{" POST "," ORIGINS "}");
    char *dc = sign_request(&s, "{" BASE "}");
    char *dc_jwt = sign_request(&s, "{\"client_id\":\"x509_san_dns:rp.example.com\",\"response_mode\":"
                                    "\"dc_api.jwt\",\"nonce\":\"n\",\"dcql_query\":" QUERY "}");
    char *dc_eo = sign_request(&s, "{" BASE "," ORIGINS "}");
    char env[4096], env_eo[4096], env_outer[4096];
    snprintf(env, sizeof env, "{\"request\":\"%s\"}", post);
    snprintf(env_eo, sizeof env_eo, "{\"request\":\"%s\"}", post_eo);
    snprintf(env_outer, sizeof env_outer, "{\"request\":\"%s\"," ORIGINS "}", post);
    static const wrp_o4vp_opts none = {0}, empty = {.origin = ""}, evil = {.origin = "https://evil.example"};
    const struct {
        const char *req;
        const wrp_o4vp_opts *opts;
        const char *codes, *msg;
    } cases[] = {
        /* an origin given: the request came through the API */
        {post, &dc_opts, "ORIGIN_MISMATCH", "an origin was given, so the request came through the DC API"},
        {post, &evil, "ORIGIN_MISMATCH", "an origin was given"},
        {post, &empty, "ORIGIN_MISMATCH", "an origin was given"},
        {post, &none, "none", NULL},
        {post_eo, &dc_opts, "none", NULL},
        {post_eo, &evil, "ORIGIN_MISMATCH", "origin \"https://evil.example\" is not in expected_origins"},
        {post_eo, &empty, "ORIGIN_MISMATCH", "origin \"\" is not in expected_origins"},
        {post_eo, &none, "ORIGIN_MISMATCH", "no origin was given to check"},
        /* the envelope, with or without an origin; its own members count for nothing */
        {env, &none, "ORIGIN_MISMATCH", "a signed request in the DC API envelope must carry expected_origins"},
        {env, &dc_opts, "ORIGIN_MISMATCH", "an origin was given"},
        {env_outer, &dc_opts, "ORIGIN_MISMATCH", "an origin was given"},
        {env_outer, &none, "ORIGIN_MISMATCH", "in the DC API envelope"},
        {env_eo, &dc_opts, "none", NULL},
        {env_eo, &none, "ORIGIN_MISMATCH", "no origin was given to check"},
        /* response_mode dc_api, dc_api.jwt */
        {dc, &none, "ORIGIN_MISMATCH", "a signed request with response_mode dc_api must carry expected_origins"},
        {dc_jwt, &none, "ORIGIN_MISMATCH", "response_mode dc_api.jwt must carry"},
        {dc, &dc_opts, "ORIGIN_MISMATCH", "an origin was given"},
        {dc_eo, &dc_opts, "none", NULL},
        {dc_eo, &none, "ORIGIN_MISMATCH", "no origin was given to check"},
        /* an unsigned request's expected_origins proves nothing: it is ignored, origin or not */
        {"{" BASE "}", &dc_opts, "REQUEST_UNSIGNED", NULL},
        {"{" POST "}", &dc_opts, "REQUEST_UNSIGNED", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wrp_o4vp r;
        wrp_findings f;
        check_text(cases[i].req, cases[i].opts, &r, &f);
        assert_codes(&f, cases[i].codes);
        if (cases[i].msg != NULL) {
            const char *msg = first_of(&f, WRP_CODE_ORIGIN_MISMATCH)->message;
            if (strstr(msg, cases[i].msg) == NULL)
                fail_msg("case %zu: \"%s\" does not say \"%s\"", i, msg, cases[i].msg);
            assert_int_equal(count_code(&f, WRP_CODE_ORIGIN_MISMATCH), 1);
        }
        assert_int_equal(r.authenticated, r.is_signed);
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
    }
    free(post);
    free(post_eo);
    free(dc);
    free(dc_jwt);
    free(dc_eo);
    signer_free(&s);
}

/* Contract v1.1: scope beside dcql_query is DCQL_INVALID whatever its JSON type; only the empty
 * string is no scope. The query is still read. Without a query, any such scope is a scope-only
 * request. */
static void scope_of_any_type_beside_dcql_is_invalid(void **state)
{
    (void)state;
    static const char *const scopes[] = {"null", "true", "false", "0", "1", "-1.5", "[]",
                                         "[\"eu.europa.ec.eudi.pid.1\"]", "{}", "{\"pid\":true}",
                                         "\" \"", "\"openid\"", "\"\\u0000\""};
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0] + 1; i++) {
        bool empty = i == sizeof scopes / sizeof scopes[0];
        const char *scope = empty ? "\"\"" : scopes[i];
        char req[2048];
        snprintf(req, sizeof req, "{" POST ",\"scope\":%s}", scope);
        wrp_o4vp r;
        wrp_findings f;
        memset(&f, 0, sizeof f);
        assert_int_equal(wrp_o4vp_check((const uint8_t *)req, strlen(req), NULL, &r, &f), WRP_OK);
        if (!r.parsed) { /* a \u0000 escape is refused by the strict parser */
            assert_string_equal(scope, "\"\\u0000\"");
            assert_codes(&f, "REQUEST_MALFORMED");
        } else if (empty) {
            assert_codes(&f, "REQUEST_UNSIGNED");
            assert_true(r.has_dcql);
        } else {
            assert_codes(&f, "REQUEST_UNSIGNED,DCQL_INVALID");
            assert_string_equal(first_of(&f, WRP_CODE_DCQL_INVALID)->message,
                                "dcql_query and scope together (OpenID4VP 1.0 section 5.1: not both)");
            assert_true(r.has_dcql);
        }
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
        snprintf(req, sizeof req, "{\"response_mode\":\"dc_api\",\"nonce\":\"a\",\"scope\":%s}", scope);
        check_text(req, NULL, &r, &f);
        if (r.parsed) {
            assert_codes(&f, "REQUEST_UNSIGNED,DCQL_INVALID");
            assert_string_equal(first_of(&f, WRP_CODE_DCQL_INVALID)->message,
                                empty ? "no dcql_query: a request without a query cannot be checked"
                                      : "no dcql_query: a scope-only request cannot be checked");
        }
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
    }
}

/* Every file of the manifest is a vector, and every vector is in the manifest. */
static void manifest_covers_every_vector(void **state)
{
    (void)state;
    tm_manifest m;
    if (tm_load(O4VP_DIR "manifest.tsv", &manifest_format, &m) != 0)
        fail_msg("%s", m.error);
    DIR *d = opendir(O4VP_DIR);
    assert_non_null(d);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "manifest.tsv") == 0 ||
            strcmp(e->d_name, "README.md") == 0 || strcmp(e->d_name, "pki") == 0)
            continue;
        bool listed = false;
        for (size_t i = 0; i < m.n && !listed; i++)
            listed = strcmp(m.v[i].field[0], e->d_name) == 0;
        if (!listed)
            fail_msg("%s is not in the manifest", e->d_name);
        n++;
    }
    closedir(d);
    assert_true(n > 100);
    tm_free(&m);
}

/* ------------------------------------------------------------------------------------------ */
/* 3. Requests published by others                                                              */

static wrp_anchors *anchor_dir(void)
{
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    DIR *d = opendir(ANCHOR_DIR);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".pem") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, ANCHOR_DIR "%s", e->d_name);
        size_t len;
        uint8_t *pem = must_read(path, &len);
        wrp_err err = {{0}};
        if (wrp_anchors_add(a, pem, len, &err) != WRP_OK)
            fail_msg("%s: %s", path, err.msg);
        free(pem);
    }
    closedir(d);
    assert_true(wrp_anchors_count(a) >= 10);
    return a;
}

/* The EC verifier backend, 2025: x509_san_dns bound to x5c[0] and to response_uri's host, but a
 * pre-1.0 presentation_definition instead of DCQL. */
static void interop_eudi_verifier_backend_2025(void **state)
{
    (void)state;
    wrp_o4vp r;
    wrp_findings f;
    check_file(REAL_2025, NULL, &r, &f);
    assert_codes(&f, "DCQL_INVALID");
    assert_consistent(&r, &f);
    assert_string_equal(f.v[0].message, "no dcql_query: a pre-1.0 presentation_definition request cannot be "
                                        "checked");
    assert_true(r.is_signed && r.signature_verified && r.authenticated);
    assert_string_equal(r.client_id, "x509_san_dns:verifier-backend.eudiw.dev");
    assert_int_equal(r.chain.n, 1);
    assert_int_equal(r.n_rc, 0);
    wrp_anchors *a = anchor_dir();
    const int64_t iat = 1747672288; /* 2025-05-19 */
    wrp_err err = {{0}};
    if (wrp_chain_verify(a, &r.chain, iat, NULL, &err) != WRP_CHAIN_OK)
        fail_msg("chain: %s", err.msg);
    assert_int_equal(wrp_chain_verify(a, &r.chain, INT64_C(1830297600) /* 2028, after notAfter */, NULL, NULL), WRP_CHAIN_EXPIRED);
    wrp_anchors_free(a);
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);

    /* the same bytes with --client-id as the wallet saw it in the deep link */
    wrp_o4vp_opts opts = {.client_id = "x509_san_dns:verifier-backend.eudiw.dev"};
    check_file(REAL_2025, &opts, &r, &f);
    assert_codes(&f, "DCQL_INVALID");
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

/* The EC verifier backend, 2024: the pre-1.0 client_id_scheme with a bare client_id. Its chain
 * ends at "PID Issuer CA - UT 01", which the EC wallet no longer ships: it verifies only with its
 * own x5c[1] as anchor. */
static void interop_eudi_verifier_backend_2024(void **state)
{
    (void)state;
    wrp_o4vp r;
    wrp_findings f;
    check_file(REAL_2024, NULL, &r, &f);
    assert_codes(&f, "CLIENT_ID_PREFIX,DCQL_INVALID");
    assert_consistent(&r, &f);
    assert_int_equal(count_code(&f, WRP_CODE_CLIENT_ID_PREFIX), 2); /* client_id_scheme, no prefix */
    assert_true(r.is_signed && r.signature_verified);
    assert_false(r.authenticated);
    assert_string_equal(r.client_id, "verifier-backend.eudiw.dev");
    assert_int_equal(r.chain.n, 2);
    const int64_t iat = 1715941949; /* 2024-05-17 */
    wrp_anchors *a = anchor_dir();
    assert_int_equal(wrp_chain_verify(a, &r.chain, iat, NULL, NULL), WRP_CHAIN_UNTRUSTED);
    wrp_anchors_free(a);
    a = wrp_anchors_new();
    assert_non_null(a);
    assert_int_equal(wrp_anchors_add_cert(a, r.chain.certs[1]), WRP_OK);
    wrp_err err = {{0}};
    if (wrp_chain_verify(a, &r.chain, iat, NULL, &err) != WRP_CHAIN_OK)
        fail_msg("chain: %s", err.msg);
    assert_int_equal(wrp_chain_verify(a, &r.chain, T, NULL, NULL), WRP_CHAIN_EXPIRED);
    wrp_anchors_free(a);
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

/* Each file of the specification's examples, read as a request: what it is and how it ends. */
static const struct spec_case {
    const char *file;
    int parsed;
    const char *codes;
    const char *why; /* part of the first finding's message */
} spec_cases[] = {
    /* client metadata and an error response: JSON objects, so unsigned requests without a nonce
     * or a query */
    {"client_metadata/mso_mdoc_verifier_metadata.json", 1, "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID",
     "not signed"},
    {"client_metadata/sd_jwt_vc_verifier_metadata.json", 1, "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID",
     "not signed"},
    {"client_metadata/w3c_jwt_verifier_metadata.json", 1, "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID",
     "not signed"},
    {"client_metadata/w3c_ldp_verifier_metadata.json", 1, "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID",
     "not signed"},
    {"digital_credentials_api/error_invalid_request.json", 1,
     "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID", "not signed"},
    /* the signed DC API payloads hold the placeholder "dcql_query": {...}: not JSON */
    {"digital_credentials_api/signed_request_payload.json", 0, "REQUEST_MALFORMED", "request: JSON: "},
    {"digital_credentials_api/signed_request_payload_compact.json", 0, "REQUEST_MALFORMED",
     "request: JSON: "},
    /* DCQL queries and a JOSE header are JSON objects too; the queries are checked below */
    {"request/dcql_jwt_vc.json", 1, "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID", "not signed"},
    {"request/dcql_ldp_vc.json", 1, "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID", "not signed"},
    {"request/request_header_client_id_did.json", 1, "REQUEST_UNSIGNED,REQUEST_PARAMETER,DCQL_INVALID",
     "not signed"},
    /* "dcql_query": { ... }: not JSON */
    {"request/request_object_client_id_did.json", 0, "REQUEST_MALFORMED", "request: JSON: "},
};

static const struct spec_case *spec_case_for(const char *rel)
{
    for (size_t i = 0; i < sizeof spec_cases / sizeof spec_cases[0]; i++)
        if (strcmp(spec_cases[i].file, rel) == 0)
            return &spec_cases[i];
    return NULL;
}

static void interop_spec_examples(void **state)
{
    (void)state;
    static const char *const dirs[] = {"client_metadata", "digital_credentials_api", "request"};
    size_t seen = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        char dir[256];
        snprintf(dir, sizeof dir, SPEC "%s", dirs[d]);
        DIR *dh = opendir(dir);
        assert_non_null(dh);
        struct dirent *e;
        while ((e = readdir(dh)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char rel[300], path[600];
            snprintf(rel, sizeof rel, "%s/%s", dirs[d], e->d_name);
            snprintf(path, sizeof path, SPEC "%s", rel);
            const struct spec_case *c = spec_case_for(rel);
            if (c == NULL) {
                fail_msg("%s has no expected outcome", rel);
                continue;
            }
            wrp_o4vp r;
            wrp_findings f;
            check_file(path, NULL, &r, &f);
            assert_codes(&f, c->codes);
            assert_consistent(&r, &f);
            assert_int_equal(r.parsed, c->parsed);
            const char *msg = f.n > 0 ? f.v[0].message : "";
            if (strstr(msg, c->why) == NULL)
                fail_msg("%s: \"%s\" does not say \"%s\"", rel, msg, c->why);
            if (!c->parsed) {
                /* the parser stops at the placeholder */
                size_t len;
                char *text = (char *)must_read(path, &len);
                const char *dots = strstr(text, "...");
                assert_non_null(dots);
                char where[64];
                snprintf(where, sizeof where, "at offset %zu", (size_t)(dots - text));
                if (strstr(msg, where) == NULL)
                    fail_msg("%s: \"%s\" does not say \"%s\"", rel, msg, where);
                free(text);
            }
            wrp_o4vp_free(&r);
            wrp_findings_free(&f);
            seen++;
        }
        closedir(dh);
    }
    assert_int_equal(seen, sizeof spec_cases / sizeof spec_cases[0]);
}

/* The two DCQL examples are valid queries, and valid inside an unsigned request. */
static void interop_spec_dcql_examples(void **state)
{
    (void)state;
    static const struct {
        const char *file, *format;
        size_t n_claims;
    } cases[] = {{"request/dcql_jwt_vc.json", "jwt_vc_json", 2}, {"request/dcql_ldp_vc.json", "ldp_vc", 7}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, SPEC "%s", cases[i].file);
        size_t len;
        char *query = (char *)must_read(path, &len);
        size_t cap = len + 128;
        char *req = malloc(cap);
        assert_non_null(req);
        snprintf(req, cap, "{\"response_mode\":\"dc_api\",\"nonce\":\"n-0S6_WzA2Mj\",\"dcql_query\":%s}", query);
        wrp_o4vp r;
        wrp_findings f;
        check_text(req, NULL, &r, &f);
        assert_codes(&f, "REQUEST_UNSIGNED");
        assert_true(r.has_dcql);
        assert_int_equal(r.dcql.n_creds, 1);
        assert_string_equal(r.dcql.creds[0].format, cases[i].format);
        assert_int_equal(r.dcql.creds[0].n_types, 1);
        assert_int_equal(r.dcql.creds[0].n_claims, cases[i].n_claims);
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
        free(req);
        free(query);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Registrar datasets (ETSI TS 119 472-2): kept for the comparison, never the certificate        */

#define REGISTRAR_2026 "testvectors/interop/2026/registrar-dataset/webuild-wp4-trust-group/"

static void assert_member(const wrp_rd_member *m, wrp_rd_state state, size_t n, const char *first)
{
    assert_int_equal(m->state, state);
    assert_int_equal(m->n, n);
    if (first != NULL)
        assert_string_equal(m->v[0], first);
}

/* A registrar_dataset entry is read (identifier as a string or as [{type, identifier}],
 * intendedUseIdentifier, registryURI; the other members accepted unread), whatever its shape it is
 * not VERIFIER_INFO_IGNORED here (the comparison reports an unusable one), it is never counted as
 * a registration certificate, and the certificate entry beside it is read as before. */
static void registrar_datasets_are_kept(void **state)
{
    (void)state;
    static const char req[] =
        "{\"nonce\":\"n-1\",\"verifier_info\":["
        "{\"format\":\"registrar_dataset\",\"data\":{\"identifier\":[{\"type\":\"EUID\","
        "\"identifier\":\"NL.KVK.1\"},{\"identifier\":\"LEIXG-1\"}],\"srvDescription\":[{\"lang\":"
        "\"en\",\"content\":\"s\"}],\"registryURI\":\"https://r.example\",\"intendedUseIdentifier\":"
        "\"iu-1\",\"purpose\":[{\"lang\":\"en\",\"content\":\"p\"}],\"policyURI\":\"https://p.example\","
        "\"credential\":[{\"format\":\"mso_mdoc\",\"claim\":[\"a/b\"]}]},\"credential_ids\":[\"x\"]},"
        "{\"format\":\"registrar_dataset\",\"data\":{\"identifier\":\"urn:eu:wrp:1\"}},"
        "{\"format\":\"registration_cert\",\"data\":\"eyJ.e30.c2ln\"},"
        "{\"format\":\"registrar_dataset\",\"data\":{\"identifier\":[\"LEIXG-1\"],"
        "\"intendedUseIdentifier\":null,\"registryURI\":[\"https://r.example\"]}},"
        "{\"format\":\"registrar_dataset\",\"data\":{\"identifier\":[]}},"
        "{\"format\":\"registrar_dataset\",\"data\":\"{}\"},"
        "{\"format\":\"registrar_dataset\"},"
        "{\"format\":\"Registrar_Dataset\",\"data\":{}}]}";
    wrp_o4vp r;
    wrp_findings f;
    check_text(req, NULL, &r, &f);
    assert_codes(&f, "REQUEST_UNSIGNED,DCQL_INVALID,VERIFIER_INFO_IGNORED");
    assert_int_equal(count_code(&f, WRP_CODE_VERIFIER_INFO_IGNORED), 1); /* the other spelling */
    assert_int_equal(r.n_rc, 1);
    assert_int_equal(r.rc_len, 12);
    assert_memory_equal(r.rc, "eyJ.e30.c2ln", 12);
    assert_int_equal(r.datasets.n, 6);
    const wrp_registrar_dataset *d = r.datasets.v;
    assert_string_equal(d[0].where, "verifier_info[0]");
    assert_string_equal(d[0].doc, "");
    assert_null(d[0].unusable);
    assert_member(&d[0].identifier, WRP_RD_READ, 2, "NL.KVK.1");
    assert_string_equal(d[0].identifier.v[1], "LEIXG-1");
    assert_member(&d[0].intended_use, WRP_RD_READ, 1, "iu-1");
    assert_member(&d[0].registry_uri, WRP_RD_READ, 1, "https://r.example");
    assert_member(&d[1].identifier, WRP_RD_READ, 1, "urn:eu:wrp:1");
    assert_member(&d[1].intended_use, WRP_RD_ABSENT, 0, NULL);
    assert_member(&d[1].registry_uri, WRP_RD_ABSENT, 0, NULL);
    assert_member(&d[2].identifier, WRP_RD_UNREADABLE, 0, NULL);
    assert_member(&d[2].intended_use, WRP_RD_UNREADABLE, 0, NULL);
    assert_member(&d[2].registry_uri, WRP_RD_UNREADABLE, 0, NULL);
    assert_member(&d[3].identifier, WRP_RD_READ, 0, NULL);
    assert_string_equal(d[4].where, "verifier_info[5]");
    assert_non_null(d[4].unusable);
    assert_non_null(d[5].unusable);
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
}

/* The WE BUILD technical report's direct and intermediated requests (unsigned, a placeholder
 * certificate): each dataset is read with its one-string identifier; the placeholder is still the
 * request's certificate entry. */
static void interop_webuild_registrar_datasets(void **state)
{
    (void)state;
    static const struct {
        const char *file, *identifier, *intended_use;
    } cases[] = {
        {"rp-intermediary-report-s10.1-direct-request.json", "urn:eu:wrp:eu:12345678901:0001",
         "urn:eu:wrp-intended-use:eu:municipality-login"},
        {"rp-intermediary-report-s10.2-intermediated-request.json", "urn:eu:wrp:eu:98765432109:0001",
         "urn:eu:wrp-intended-use:eu:cinema-age-check"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[512];
        snprintf(path, sizeof path, REGISTRAR_2026 "%s", cases[i].file);
        wrp_o4vp r;
        wrp_findings f;
        check_file(path, NULL, &r, &f);
        assert_codes(&f, "REQUEST_UNSIGNED,RC_MALFORMED");
        assert_int_equal(r.n_rc, 1);
        assert_int_equal(r.datasets.n, 1);
        const wrp_registrar_dataset *d = &r.datasets.v[0];
        assert_null(d->unusable);
        assert_member(&d->identifier, WRP_RD_READ, 1, cases[i].identifier);
        assert_member(&d->intended_use, WRP_RD_READ, 1, cases[i].intended_use);
        assert_member(&d->registry_uri, WRP_RD_READ, 1, "https://registry.example.eu/api/v1");
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
    }
}

int main(void)
{
    int failed = 0;
    tm_manifest m;
    if (tm_load(O4VP_DIR "manifest.tsv", &manifest_format, &m) != 0) {
        fprintf(stderr, "%s\n", m.error);
        return 1;
    }
    struct CMUnitTest *tests = calloc(m.n, sizeof *tests);
    if (tests == NULL)
        return 1;
    for (size_t i = 0; i < m.n; i++) {
        tests[i].name = m.v[i].name;
        tests[i].test_func = manifest_vector;
        tests[i].initial_state = &m.v[i];
    }
    failed += _cmocka_run_group_tests("o4vp_manifest", tests, m.n, NULL, NULL);
    free(tests);
    tm_free(&m);

    const struct CMUnitTest rules[] = {
        cmocka_unit_test(arguments_are_checked),
        cmocka_unit_test(request_larger_than_the_limit_is_malformed),
        cmocka_unit_test(dcql_message_is_the_parsers),
        cmocka_unit_test(query_missing_says_why_it_cannot_be_checked),
        cmocka_unit_test(refused_prefixes_are_named_with_their_reason),
        cmocka_unit_test(each_bad_transaction_data_entry_is_one_finding),
        cmocka_unit_test(verifier_info_findings_are_counted),
        cmocka_unit_test(huge_arrays_are_refused_once),
        cmocka_unit_test(outer_client_id_host_compares_case_insensitively),
        cmocka_unit_test(chain_and_client_id_are_kept_for_the_pipeline),
        cmocka_unit_test(envelope_is_its_request_object),
        cmocka_unit_test(messages_name_the_problem),
        cmocka_unit_test(origins_are_required_of_dc_api_requests),
        cmocka_unit_test(scope_of_any_type_beside_dcql_is_invalid),
        cmocka_unit_test(manifest_covers_every_vector),
        cmocka_unit_test(registrar_datasets_are_kept),
    };
    failed += cmocka_run_group_tests_name("o4vp_rules", rules, NULL, NULL);

    const struct CMUnitTest interop[] = {
        cmocka_unit_test(interop_eudi_verifier_backend_2025),
        cmocka_unit_test(interop_eudi_verifier_backend_2024),
        cmocka_unit_test(interop_spec_examples),
        cmocka_unit_test(interop_spec_dcql_examples),
        cmocka_unit_test(interop_webuild_registrar_datasets),
    };
    failed += cmocka_run_group_tests_name("o4vp_interop", interop, NULL, NULL);
    return failed ? 1 : 0;
}
