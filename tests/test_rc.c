/* Registration certificates (ETSI TS 119 475) and their revocation (IETF Token Status List).
 *
 * 1. Every line of testvectors/rc/manifest.tsv is one test: the vector is judged by
 *    wrp_check_ac / wrp_check_rc with the line's options, and the set of finding codes must equal
 *    the expected set exactly; the public wrp_check_registration must agree.
 * 2. The status list encodings and tokens of the IETF draft.
 * 3. The registration certificates and payloads published by others (testvectors/interop/wrprc). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <zlib.h>

#include "model/statuslist.h"
#include "model/token.h"
#include "policy/checks.h"
#include "support/testjwk.h"
#include "support/testmanifest.h"
#include "support/testutil.h"
#include "util/b64.h"
#include "util/cbor.h"
#include "util/json.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define T INT64_C(1798761600) /* 2027-01-01T00:00:00Z */
#define RC_DIR "testvectors/rc/"
#define SL_DIR "testvectors/interop/status-list/draft-ietf-oauth-status-list/"
#define WRPRC_DIR "testvectors/interop/wrprc/"
#define MAX_CODE 128
#define LEI "LEIXG-529900T8BM49AURSDO55"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */

static uint8_t *must_read(const char *dir, const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, rel);
    uint8_t *data = tu_read_file(path, len);
    if (data == NULL)
        fail_msg("cannot read %s", path);
    return data;
}

static cJSON *must_json(const char *dir, const char *rel)
{
    size_t len;
    uint8_t *data = must_read(dir, rel, &len);
    cJSON *json = NULL;
    wrp_err err = {{0}};
    wrp_status st = wrp_json_parse(data, len, &json, &err);
    free(data);
    if (st != WRP_OK)
        fail_msg("%s%s: %s", dir, rel, err.msg);
    return json;
}

/* A certificate chain from PEM blocks, leaf first. */
static void chain_from_pem(const uint8_t *pem, size_t len, wrp_chain *out)
{
    memset(out, 0, sizeof *out);
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    assert_non_null(bio);
    X509 *cert;
    while ((cert = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
        X509 **v = realloc(out->certs, (out->n + 1) * sizeof *v);
        assert_non_null(v);
        out->certs = v;
        out->certs[out->n++] = cert;
    }
    BIO_free(bio);
    ERR_clear_error();
    assert_true(out->n > 0);
}

static void anchors_from_file(wrp_anchors **a, const char *rel)
{
    size_t len;
    uint8_t *data = must_read(RC_DIR, rel, &len);
    if (*a == NULL)
        *a = wrp_anchors_new();
    assert_non_null(*a);
    wrp_err err = {{0}};
    if (wrp_anchors_add(*a, data, len, &err) != WRP_OK)
        fail_msg("anchors %s: %s", rel, err.msg);
    free(data);
}

static void ctx_free(wrp_ctx *ctx)
{
    wrp_anchors_free(ctx->ac_anchors);
    wrp_anchors_free(ctx->rc_anchors);
    wrp_crls_free(ctx->crls, ctx->n_crls);
    for (size_t i = 0; i < ctx->n_lists; i++)
        wrp_status_list_free(&ctx->lists[i]);
    free(ctx->lists);
    memset(ctx, 0, sizeof *ctx);
}

/* A context with only RC anchors, at T, revocation off. */
static void ctx_with_rc_anchor(wrp_ctx *ctx, X509 *anchor)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->ac_anchors = wrp_anchors_new();
    ctx->rc_anchors = wrp_anchors_new();
    assert_non_null(ctx->ac_anchors);
    assert_non_null(ctx->rc_anchors);
    assert_int_equal(wrp_anchors_add_cert(ctx->rc_anchors, anchor), WRP_OK);
    ctx->time = T;
}

/* The finding codes of f as text, in code order, each once ("none" when empty). */
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

static void findings_set(const wrp_findings *f, bool *set)
{
    memset(set, 0, MAX_CODE * sizeof *set);
    for (size_t i = 0; i < f->n; i++) {
        assert_true(f->v[i].code > 0 && f->v[i].code < MAX_CODE);
        set[f->v[i].code] = true;
    }
}

static void print_findings(const wrp_findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        print_message("    %s: %s\n", wrp_code_str(f->v[i].code), f->v[i].message);
}


/* ------------------------------------------------------------------------------------------ */
/* 1. The manifest                                                                               */

/* file, expected codes (CODE,CODE or none), options: space-separated key=value words */
static const char *const manifest_keys[] = {"ac", "status", "crl", "rc_anchors", "ac_anchors", "for_request",
                                            "revocation", "require_ac_policy", "time", NULL};
static const tm_format manifest_format = {.min_fields = 3, .max_fields = 3, .options_from = 2,
                                          .options_spaced = true, .keys = manifest_keys};

typedef struct options {
    const char *ac, *status, *crl, *rc_anchors, *ac_anchors;
    bool for_request, revocation, require_ac_policy;
    int64_t time;
} options;

static wrp_code code_by_name(const char *name)
{
    wrp_code code = wrp_code_from_str(name);
    if (code == 0)
        fail_msg("unknown finding code %s in the manifest", name);
    return code;
}

/* The expected codes in the canonical form of codes_text(). */
static void expected_text(const char *expected, bool extra_skipped, char *out, size_t size)
{
    bool set[MAX_CODE] = {false};
    if (strcmp(expected, "none") != 0) {
        char *copy = strdup(expected), *save = NULL;
        assert_non_null(copy);
        for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
            set[code_by_name(tok)] = true;
        free(copy);
    }
    if (extra_skipped)
        set[WRP_CODE_REVOCATION_SKIPPED] = true;
    codes_text(set, out, size);
}

/* Asserts that the codes of f are exactly `expected` (comma-separated names in any order, or
 * "none"). */
static void assert_codes(const wrp_findings *f, const char *expected)
{
    bool set[MAX_CODE];
    char got[1024], want[1024];
    findings_set(f, set);
    codes_text(set, got, sizeof got);
    expected_text(expected, false, want, sizeof want);
    if (strcmp(got, want) != 0) {
        print_findings(f);
        fail_msg("finding codes %s, expected %s", got, want);
    }
}

/* The options of a manifest line; the returned strings are the line's. */
static options parse_options(const tm_line *l)
{
    options o = {.revocation = true, .time = T, .rc_anchors = "pki/rc-root.pem",
                 .ac_anchors = "pki/ac-root.pem"};
    for (size_t i = 0; i < l->n_options; i++) {
        const char *k = l->option[i].key, *v = l->option[i].value;
        if (strcmp(k, "ac") == 0)
            o.ac = v;
        else if (strcmp(k, "status") == 0)
            o.status = v;
        else if (strcmp(k, "crl") == 0)
            o.crl = v;
        else if (strcmp(k, "rc_anchors") == 0)
            o.rc_anchors = v;
        else if (strcmp(k, "ac_anchors") == 0)
            o.ac_anchors = v;
        else if (strcmp(k, "for_request") == 0)
            o.for_request = strcmp(v, "1") == 0;
        else if (strcmp(k, "revocation") == 0)
            o.revocation = strcmp(v, "0") != 0;
        else if (strcmp(k, "require_ac_policy") == 0)
            o.require_ac_policy = strcmp(v, "1") == 0;
        else if (strcmp(k, "time") == 0)
            o.time = strtoll(v, NULL, 10);
        else
            fail_msg("unknown manifest option %s", k);
    }
    return o;
}

/* Calls fn(file, arg) for each file of a comma-separated list (may be NULL). */
static void each_file(const char *list, void (*fn)(const char *, void *), void *arg)
{
    if (list == NULL)
        return;
    char *copy = strdup(list), *save = NULL;
    assert_non_null(copy);
    for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
        fn(tok, arg);
    free(copy);
}

static void add_crl_file(const char *rel, void *arg)
{
    wrp_ctx *ctx = arg;
    size_t len;
    uint8_t *data = must_read(RC_DIR, rel, &len);
    X509_CRL **v = NULL;
    size_t n = 0;
    wrp_err err = {{0}};
    if (wrp_crls_parse(data, len, &v, &n, &err) != WRP_OK)
        fail_msg("CRL %s: %s", rel, err.msg);
    free(data);
    X509_CRL **all = realloc(ctx->crls, (ctx->n_crls + n) * sizeof *all);
    assert_non_null(all);
    memcpy(all + ctx->n_crls, v, n * sizeof *v);
    free(v);
    ctx->crls = all;
    ctx->n_crls += n;
}

static void add_list_file(const char *rel, void *arg)
{
    wrp_ctx *ctx = arg;
    size_t len;
    uint8_t *data = must_read(RC_DIR, rel, &len);
    wrp_status_list *v = realloc(ctx->lists, (ctx->n_lists + 1) * sizeof *v);
    assert_non_null(v);
    ctx->lists = v;
    wrp_err err = {{0}};
    wrp_status st = wrp_status_list_parse(data, len, &ctx->lists[ctx->n_lists], &err);
    free(data);
    if (st != WRP_OK) {
        wrp_status_list_free(&ctx->lists[ctx->n_lists]);
        fail_msg("status list %s: %s", rel, err.msg);
    }
    ctx->n_lists++;
}

/* The same judgement through the public API (configuration, verifier, wrp_check_registration). */
typedef struct api_args {
    wrp_config *cfg;
    wrp_status (*add)(wrp_config *, const uint8_t *, size_t);
} api_args;

static void api_add_file(const char *rel, void *arg)
{
    api_args *a = arg;
    size_t len;
    uint8_t *data = must_read(RC_DIR, rel, &len);
    wrp_status st = a->add(a->cfg, data, len);
    free(data);
    if (st != WRP_OK)
        fail_msg("%s: %s", rel, wrp_config_last_error(a->cfg));
}

static void judge_with_public_api(const tm_line *l, const options *o, const uint8_t *rc, size_t rc_len)
{
    wrp_config *cfg = wrp_config_new();
    assert_non_null(cfg);
    api_args a = {cfg, wrp_config_add_ac_anchors};
    api_add_file(o->ac_anchors, &a);
    a.add = wrp_config_add_rc_anchors;
    api_add_file(o->rc_anchors, &a);
    a.add = wrp_config_add_crl;
    each_file(o->crl, api_add_file, &a);
    a.add = wrp_config_add_status_list;
    each_file(o->status, api_add_file, &a);
    wrp_config_set_time(cfg, o->time);
    wrp_config_set_revocation(cfg, o->revocation);
    wrp_config_set_require_ac_policy(cfg, o->require_ac_policy);
    wrp_verifier *ver = NULL;
    assert_int_equal(wrp_verifier_new(cfg, &ver), WRP_OK);
    wrp_config_free(cfg);

    size_t ac_len = 0;
    uint8_t *ac = o->ac ? must_read(RC_DIR, o->ac, &ac_len) : NULL;
    wrp_result *r = NULL;
    assert_int_equal(wrp_check_registration(ver, rc, rc_len, ac, ac_len, o->for_request, &r), WRP_OK);
    bool set[MAX_CODE] = {false};
    for (size_t i = 0; i < wrp_result_finding_count(r); i++) {
        wrp_code c = wrp_result_finding_code(r, i);
        assert_true(c > 0 && c < MAX_CODE);
        set[c] = true;
    }
    char got[1024], want[1024];
    codes_text(set, got, sizeof got);
    expected_text(l->field[1], !o->revocation, want, sizeof want);
    if (strcmp(got, want) != 0)
        fail_msg("public API: finding codes %s, expected %s", got, want);
    bool errors = false;
    for (size_t i = 0; i < wrp_result_finding_count(r); i++)
        errors |= wrp_result_finding_severity(r, i) == WRP_SEV_ERROR;
    assert_int_equal(wrp_result_verdict(r), errors ? WRP_VERDICT_DENY : WRP_VERDICT_ALLOW);
    wrp_result_free(r);
    free(ac);
    wrp_verifier_free(ver);
}

static void manifest_vector(void **state)
{
    const tm_line *l = *state;
    options o = parse_options(l);

    wrp_ctx ctx = {0};
    anchors_from_file(&ctx.ac_anchors, o.ac_anchors);
    anchors_from_file(&ctx.rc_anchors, o.rc_anchors);
    each_file(o.crl, add_crl_file, &ctx);
    each_file(o.status, add_list_file, &ctx);
    ctx.time = o.time;
    ctx.revocation = o.revocation;
    ctx.require_ac_policy = o.require_ac_policy;

    size_t rc_len;
    uint8_t *rc = must_read(RC_DIR, l->field[0], &rc_len);
    wrp_findings f = {0};
    wrp_ac_result ac = {0};
    const char *ac_id = NULL;
    if (o.ac != NULL) {
        size_t len;
        uint8_t *pem = must_read(RC_DIR, o.ac, &len);
        wrp_chain chain;
        chain_from_pem(pem, len, &chain);
        free(pem);
        assert_int_equal(wrp_check_ac(&ctx, &chain, &ac, &f), WRP_OK);
        wrp_chain_free(&chain);
        ac_id = ac.identifier;
    }
    wrp_rc_result res;
    assert_int_equal(wrp_check_rc(&ctx, rc, rc_len, o.for_request, ac_id, &res, &f), WRP_OK);
    assert_false(f.oom);
    assert_int_equal(ERR_peek_error(), 0);

    assert_codes(&f, l->field[1]);
    /* Authentic exactly when nothing was said against the signature or the signer; a token that
     * did not even parse is neither. */
    bool signer_findings = wrp_findings_has(&f, WRP_CODE_RC_SIGNATURE) ||
                           wrp_findings_has(&f, WRP_CODE_RC_UNTRUSTED) ||
                           wrp_findings_has(&f, WRP_CODE_RC_ALG);
    if (res.authentic)
        assert_false(signer_findings);
    else
        assert_true(signer_findings || wrp_findings_has(&f, WRP_CODE_RC_MALFORMED));
    /* Only an unreadable certificate leaves nothing to judge coverage against. */
    if (!wrp_findings_has(&f, WRP_CODE_RC_MALFORMED))
        assert_true(res.parsed);

    judge_with_public_api(l, &o, rc, rc_len);

    wrp_rc_result_free(&res);
    wrp_ac_result_free(&ac);
    wrp_findings_free(&f);
    free(rc);
    ctx_free(&ctx);
}

/* ------------------------------------------------------------------------------------------ */
/* 2. IETF Token Status List: encodings and the draft's tokens                                   */

typedef struct encoding {
    unsigned bits;
    const char *stem; /* status_list_encoding<stem>.{json,cbor.hex,expected_status.txt} */
} encoding;

static const encoding encodings[] = {{1, "1_long"}, {2, "2_long"}, {4, "4"}, {8, "8"}};

/* lst from the JSON example (base64url text) and from the CBOR example (bstr). */
static void lst_from_json(const char *stem, unsigned bits, uint8_t **lst, size_t *len)
{
    char rel[128];
    snprintf(rel, sizeof rel, "encoding/status_list_encoding%s.json", stem);
    cJSON *j = must_json(SL_DIR, rel);
    int64_t b;
    assert_true(wrp_json_int(wrp_json_get(j, "bits"), 1, 8, &b));
    assert_int_equal(b, bits);
    const char *s = wrp_json_get_str(j, "lst");
    assert_non_null(s);
    assert_int_equal(wrp_b64url_decode((const uint8_t *)s, strlen(s), lst, len, NULL), WRP_OK);
    cJSON_Delete(j);
}

static void lst_from_cbor(const char *stem, unsigned bits, uint8_t **lst, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, SL_DIR "encoding/status_list_encoding%s.cbor.hex", stem);
    size_t n;
    uint8_t *bytes = tu_read_hex_file(path, &n);
    assert_non_null(bytes);
    cbor_item_t *map = NULL;
    wrp_err err = {{0}};
    if (wrp_cbor_parse(bytes, n, &map, &err) != WRP_OK)
        fail_msg("%s: %s", path, err.msg);
    int64_t b;
    const uint8_t *p;
    assert_true(wrp_cbor_int(wrp_cbor_map_get_str(map, "bits"), &b));
    assert_int_equal(b, bits);
    assert_true(wrp_cbor_bstr(wrp_cbor_map_get_str(map, "lst"), &p, len));
    *lst = malloc(*len);
    assert_non_null(*lst);
    memcpy(*lst, p, *len);
    cbor_decref(&map);
    free(bytes);
}

/* Every "status[i] = 0b..." line holds for sl; returns how many lines had a non-zero value. */
static size_t check_expected_statuses(const wrp_status_list *sl, const char *stem)
{
    char rel[128];
    snprintf(rel, sizeof rel, "encoding/status_list_encoding%s.expected_status.txt", stem);
    size_t len;
    char *text = (char *)must_read(SL_DIR, rel, &len);
    size_t lines = 0, nonzero = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        unsigned long long idx;
        char value[16];
        if (sscanf(line, "status[%llu] = 0b%15[01]", &idx, value) != 2)
            fail_msg("%s: unreadable line \"%s\"", rel, line);
        unsigned want = (unsigned)strtoul(value, NULL, 2), got = 99;
        wrp_err err = {{0}};
        if (wrp_status_list_get(sl, idx, &got, &err) != WRP_OK)
            fail_msg("%s: status[%llu]: %s", rel, idx, err.msg);
        if (got != want)
            fail_msg("%s: status[%llu] = %u, expected %u", rel, idx, got, want);
        lines++;
        nonzero += want != 0;
    }
    free(text);
    assert_true(lines > 0);
    return nonzero;
}

/* The number of non-zero entries of an inflated list (LSB-first packing, per the draft). */
static size_t count_nonzero(const uint8_t *raw, size_t n, unsigned bits)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        for (unsigned shift = 0; shift < 8; shift += bits)
            count += ((raw[i] >> shift) & ((1u << bits) - 1u)) != 0;
    return count;
}

static void status_list_encodings_json_and_cbor(void **state)
{
    (void)state;
    for (size_t e = 0; e < sizeof encodings / sizeof encodings[0]; e++) {
        const encoding *enc = &encodings[e];
        uint8_t *raw[2];
        size_t rawlen[2];
        for (int form = 0; form < 2; form++) {
            wrp_status_list sl;
            memset(&sl, 0, sizeof sl);
            sl.bits = enc->bits;
            if (form == 0)
                lst_from_json(enc->stem, enc->bits, &sl.lst, &sl.lst_len);
            else
                lst_from_cbor(enc->stem, enc->bits, &sl.lst, &sl.lst_len);
            size_t listed_nonzero = check_expected_statuses(&sl, enc->stem);
            assert_int_equal(wrp_status_list_inflate(sl.lst, sl.lst_len, &raw[form], &rawlen[form], NULL),
                             WRP_OK);
            /* 2^17 entries at 1 bit ... 2^20 at 8 bits: 131072 << log2(bits) bytes. */
            assert_int_equal(rawlen[form], (size_t)131072 * enc->bits);
            /* The draft lists every entry that is not VALID. */
            assert_int_equal(count_nonzero(raw[form], rawlen[form], enc->bits), listed_nonzero);
            free(sl.lst);
        }
        assert_int_equal(rawlen[0], rawlen[1]);
        assert_memory_equal(raw[0], raw[1], rawlen[0]);
        free(raw[0]);
        free(raw[1]);
    }
}

/* A list inflated once (wrp_status_list_prepare, as a verifier does) answers every index as the
 * list inflated on each call does, errors and messages included, and no longer reads the
 * compressed bytes; a list that does not inflate keeps its reason. */
static void status_list_prepared_answers_as_inflated(void **state)
{
    (void)state;
    static const struct {
        unsigned bits;
        const char *stem;
    } ex[] = {{1, ""}, {2, "2"}};
    for (size_t e = 0; e < 2; e++) {
        wrp_status_list plain, once;
        memset(&plain, 0, sizeof plain);
        memset(&once, 0, sizeof once);
        plain.bits = once.bits = ex[e].bits;
        lst_from_json(ex[e].stem, ex[e].bits, &plain.lst, &plain.lst_len);
        lst_from_json(ex[e].stem, ex[e].bits, &once.lst, &once.lst_len);
        assert_int_equal(wrp_status_list_prepare(&once), WRP_OK);
        memset(once.lst, 0, once.lst_len); /* not inflated again */
        for (uint64_t idx = 0; idx < 40; idx++) {
            unsigned a = 99, b = 98;
            wrp_err ea = {{0}}, eb = {{0}};
            wrp_status sa = wrp_status_list_get(&plain, idx, &a, &ea);
            wrp_status sb = wrp_status_list_get(&once, idx, &b, &eb);
            if (sa != sb || (sa == WRP_OK && a != b) || strcmp(ea.msg, eb.msg) != 0)
                fail_msg("bits %u, index %llu: inflated each time %d %u (%s), once %d %u (%s)",
                         ex[e].bits, (unsigned long long)idx, sa, a, ea.msg, sb, b, eb.msg);
        }
        wrp_status_list_free(&plain);
        wrp_status_list_free(&once);
    }
    wrp_status_list bad;
    memset(&bad, 0, sizeof bad);
    bad.bits = 1;
    bad.lst_len = 8;
    assert_non_null(bad.lst = calloc(1, bad.lst_len));
    unsigned v = 0;
    wrp_err e1 = {{0}}, e2 = {{0}};
    wrp_status s1 = wrp_status_list_get(&bad, 0, &v, &e1);
    assert_int_equal(s1, WRP_ERR_MALFORMED);
    assert_int_equal(wrp_status_list_prepare(&bad), WRP_OK);
    assert_int_equal(wrp_status_list_get(&bad, 0, &v, &e2), s1);
    assert_string_equal(e2.msg, e1.msg);
    wrp_status_list_free(&bad);
}

/* The draft's two short examples: the raw bytes, and each status as the draft's text lists it. */
static void status_list_short_examples(void **state)
{
    (void)state;
    static const struct {
        unsigned bits;
        const char *stem;
        uint8_t bytes[3];
        size_t n;
        unsigned status[12];
        size_t n_status;
    } ex[] = {
        {1, "", {0xb9, 0xa3}, 2, {1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0}, 12},
        {2, "2", {0xc9, 0x44, 0xf9}, 3, {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3}, 12},
    };
    for (size_t e = 0; e < 2; e++) {
        for (int form = 0; form < 2; form++) {
            wrp_status_list sl;
            memset(&sl, 0, sizeof sl);
            sl.bits = ex[e].bits;
            if (form == 0)
                lst_from_json(ex[e].stem, ex[e].bits, &sl.lst, &sl.lst_len);
            else
                lst_from_cbor(ex[e].stem, ex[e].bits, &sl.lst, &sl.lst_len);
            uint8_t *raw;
            size_t n;
            assert_int_equal(wrp_status_list_inflate(sl.lst, sl.lst_len, &raw, &n, NULL), WRP_OK);
            assert_int_equal(n, ex[e].n);
            assert_memory_equal(raw, ex[e].bytes, n);
            free(raw);
            for (size_t i = 0; i < ex[e].n_status; i++) {
                unsigned v = 99;
                assert_int_equal(wrp_status_list_get(&sl, i, &v, NULL), WRP_OK);
                assert_int_equal(v, ex[e].status[i]);
            }
            unsigned v;
            size_t entries = n * 8 / ex[e].bits;
            assert_int_equal(wrp_status_list_get(&sl, entries - 1, &v, NULL), WRP_OK);
            assert_int_equal(wrp_status_list_get(&sl, entries, &v, NULL), WRP_ERR_LIMIT);
            assert_int_equal(wrp_status_list_get(&sl, UINT64_MAX, &v, NULL), WRP_ERR_LIMIT);
            free(sl.lst);
        }
    }
}

static uint8_t *deflate_zeros(size_t n, size_t *zlen)
{
    uint8_t *zeros = calloc(n, 1);
    assert_non_null(zeros);
    uLongf cap = compressBound((uLong)n);
    uint8_t *z = malloc(cap);
    assert_non_null(z);
    assert_int_equal(compress2(z, &cap, zeros, (uLong)n, 9), Z_OK);
    free(zeros);
    *zlen = cap;
    return z;
}

/* A list may inflate to exactly WRP_MAX_STATUS_LIST_BYTES and not one byte more. */
static void status_list_inflate_limit(void **state)
{
    (void)state;
    size_t zlen;
    uint8_t *z = deflate_zeros(WRP_MAX_STATUS_LIST_BYTES, &zlen), *raw = NULL;
    size_t n = 0;
    assert_int_equal(wrp_status_list_inflate(z, zlen, &raw, &n, NULL), WRP_OK);
    assert_int_equal(n, WRP_MAX_STATUS_LIST_BYTES);
    free(raw);
    free(z);

    z = deflate_zeros(WRP_MAX_STATUS_LIST_BYTES + 1u, &zlen);
    wrp_err err = {{0}};
    assert_int_equal(wrp_status_list_inflate(z, zlen, &raw, &n, &err), WRP_ERR_LIMIT);
    assert_null(raw);
    assert_int_equal(n, 0);
    assert_non_null(strstr(err.msg, "beyond"));
    free(z);
}

static void status_list_inflate_refuses_bad_streams(void **state)
{
    (void)state;
    size_t zlen;
    uint8_t *z = deflate_zeros(1000, &zlen), *raw = NULL;
    size_t n;
    assert_int_equal(wrp_status_list_inflate(z, zlen - 3, &raw, &n, NULL), WRP_ERR_MALFORMED);
    uint8_t *longer = malloc(zlen + 1);
    assert_non_null(longer);
    memcpy(longer, z, zlen);
    longer[zlen] = 0;
    assert_int_equal(wrp_status_list_inflate(longer, zlen + 1, &raw, &n, NULL), WRP_ERR_MALFORMED);
    z[0] ^= 0x01; /* the zlib header check fails */
    assert_int_equal(wrp_status_list_inflate(z, zlen, &raw, &n, NULL), WRP_ERR_MALFORMED);
    assert_int_equal(wrp_status_list_inflate((const uint8_t *)"", 0, &raw, &n, NULL), WRP_ERR_MALFORMED);
    free(longer);
    free(z);
}

/* 100 MB of zeros deflated (testvectors/rc/sl-bomb.*): a valid token whose list is refused. */
static void status_list_inflate_bomb_refused(void **state)
{
    (void)state;
    const char *files[] = {"sl-bomb.jwt", "sl-bomb.cwt"};
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        uint8_t *data = must_read(RC_DIR, files[i], &len);
        wrp_status_list sl;
        assert_int_equal(wrp_status_list_parse(data, len, &sl, NULL), WRP_OK);
        assert_true(sl.typ_ok);
        unsigned v;
        wrp_err err = {{0}};
        assert_int_equal(wrp_status_list_get(&sl, 3, &v, &err), WRP_ERR_LIMIT);
        wrp_status_list_free(&sl);
        free(data);
    }
}

/* A token's signature with a key given as such (the draft's JWK), not a certificate's. */
static wrp_status token_verify(const wrp_token *t, EVP_PKEY *key, wrp_err *err)
{
    wrp_signed s = wrp_token_signed(t);
    return wrp_signed_verify(&s, key, err);
}

static EVP_PKEY *draft_issuer_key(void)
{
    cJSON *jwk = must_json(SL_DIR, "example_issuer_key.public.jwk.json");
    EVP_PKEY *key = tj_ec_jwk_to_pkey(jwk);
    cJSON_Delete(jwk);
    assert_non_null(key);
    return key;
}

static void check_draft_token(const uint8_t *data, size_t len, wrp_token_encoding enc)
{
    wrp_status_list sl;
    wrp_err err = {{0}};
    if (wrp_status_list_parse(data, len, &sl, &err) != WRP_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(sl.token.encoding, enc);
    assert_true(sl.typ_ok);
    assert_string_equal(sl.sub, "https://example.com/statuslists/1");
    assert_int_equal(sl.iat, 1686920170);
    assert_true(sl.has_exp);
    assert_int_equal(sl.exp, INT64_C(2291720170));
    assert_true(sl.has_ttl);
    assert_int_equal(sl.ttl, 43200);
    assert_int_equal(sl.bits, 1);
    assert_int_equal(wrp_status_list_expiry(&sl), INT64_C(2291720170));
    unsigned v;
    assert_int_equal(wrp_status_list_get(&sl, 0, &v, NULL), WRP_OK);
    assert_int_equal(v, 1);
    assert_int_equal(wrp_status_list_get(&sl, 1, &v, NULL), WRP_OK);
    assert_int_equal(v, 0);

    EVP_PKEY *key = draft_issuer_key();
    if (token_verify(&sl.token, key, &err) != WRP_OK)
        fail_msg("the draft's token does not verify with its key: %s", err.msg);
    EVP_PKEY_free(key);
    EVP_PKEY *other = EVP_EC_gen("P-256");
    assert_non_null(other);
    assert_int_equal(token_verify(&sl.token, other, NULL), WRP_ERR_CRYPTO);
    EVP_PKEY_free(other);
    wrp_status_list_free(&sl);
    assert_int_equal(ERR_peek_error(), 0);
}

static void status_list_draft_jwt_verifies_with_jwk(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = must_read(SL_DIR, "status_list_token.jwt", &len);
    check_draft_token(data, len, WRP_TOKEN_JWT);

    /* One changed character in the signature and it no longer holds. */
    char *dot = strrchr((char *)data, '.');
    assert_non_null(dot);
    dot[10] = dot[10] == 'A' ? 'B' : 'A';
    wrp_status_list sl;
    assert_int_equal(wrp_status_list_parse(data, len, &sl, NULL), WRP_OK);
    EVP_PKEY *key = draft_issuer_key();
    assert_int_equal(token_verify(&sl.token, key, NULL), WRP_ERR_CRYPTO);
    EVP_PKEY_free(key);
    wrp_status_list_free(&sl);
    free(data);
}

static void status_list_draft_cwt_verifies_with_jwk(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = tu_read_hex_file(SL_DIR "status_list_token_cwt.hex", &len);
    assert_non_null(data);
    check_draft_token(data, len, WRP_TOKEN_CWT);
    free(data);
}

static void jwk_import_refuses_bad_keys(void **state)
{
    (void)state;
    cJSON *jwk = must_json(SL_DIR, "example_issuer_key.public.jwk.json");
    cJSON *bad = cJSON_Duplicate(jwk, 1);
    cJSON_ReplaceItemInObjectCaseSensitive(bad, "y", cJSON_CreateString("I3HWm_0Ds1dPMI-IWmf4mBmH-YaeAVbPVu7vB27CxXo"));
    assert_null(tj_ec_jwk_to_pkey(bad)); /* (x, x) is not on the curve */
    cJSON_ReplaceItemInObjectCaseSensitive(bad, "y", cJSON_CreateString("AAAA"));
    assert_null(tj_ec_jwk_to_pkey(bad));
    cJSON_Delete(bad);
    bad = cJSON_Duplicate(jwk, 1);
    cJSON_ReplaceItemInObjectCaseSensitive(bad, "crv", cJSON_CreateString("P-384"));
    assert_null(tj_ec_jwk_to_pkey(bad));
    cJSON_Delete(bad);
    cJSON_Delete(jwk);
}

/* ------------------------------------------------------------------------------------------ */
/* 3. Registration certificates published by others                                             */

/* Judges an interop WRPRC with its own x5c[0] as the only RC anchor, at T, revocation off. */
static void judge_self_anchored(const char *rel, bool for_request, const char *ac_id, bool revocation,
                                const char *expected, wrp_rc_result *res)
{
    size_t len;
    uint8_t *data = must_read(WRPRC_DIR, rel, &len);
    wrp_token t;
    assert_int_equal(wrp_token_parse(data, len, NULL, 0, false, &t, NULL), WRP_OK);
    wrp_chain chain;
    assert_int_equal(wrp_token_chain(&t, &chain, NULL), WRP_OK);
    wrp_ctx ctx;
    ctx_with_rc_anchor(&ctx, chain.certs[0]);
    ctx.revocation = revocation;
    wrp_chain_free(&chain);
    wrp_token_free(&t);

    wrp_findings f = {0};
    assert_int_equal(wrp_check_rc(&ctx, data, len, for_request, ac_id, res, &f), WRP_OK);
    assert_codes(&f, expected);
    wrp_findings_free(&f);
    ctx_free(&ctx);
    free(data);
}

static void interop_eudi_wrprc_verifies(void **state)
{
    (void)state;
    const char *rel = "eudi-lib-jvm-openid4vp-kt/wrprc.txt";
    wrp_rc_result res;
    judge_self_anchored(rel, true, NULL, false, "none", &res);
    assert_true(res.parsed);
    assert_true(res.authentic);
    const wrp_rc *rc = &res.rc;
    assert_string_equal(rc->sub, "LEIEU-987654321");
    assert_string_equal(wrp_rc_display_name(rc), "Verifier Dev");
    assert_int_equal(rc->iat, 1784634642);
    assert_false(rc->has_exp);
    assert_true(rc->has_status);
    assert_int_equal(rc->status_idx, 910);
    assert_int_equal(rc->srv_description.n, 1); /* a flat array */
    assert_true(rc->has_credentials);
    assert_true(rc->credentials.n >= 1);
    const wrp_reg_cred *sd = &rc->credentials.v[0];
    assert_string_equal(sd->format, "dc+sd-jwt");
    assert_int_equal(sd->n_types, 1);
    assert_string_equal(sd->types[0], "urn:eudi:pid:1");
    bool wildcard = false; /* ["nationalities", null] */
    for (size_t i = 0; i < sd->n_claims; i++) {
        const wrp_path *p = &sd->claims[i].path;
        wildcard |= p->n == 2 && p->e[0].kind == WRP_PATH_STR &&
                    strcmp(p->e[0].str, "nationalities") == 0 && p->e[1].kind == WRP_PATH_NULL;
    }
    assert_true(wildcard);
    wrp_rc_result_free(&res);

    /* Bound to an access certificate of another party; and with revocation on but no list. */
    judge_self_anchored(rel, true, LEI, false, "RC_SUBJECT_MISMATCH", &res);
    wrp_rc_result_free(&res);
    judge_self_anchored(rel, true, "LEIEU-987654321", true, "RC_STATUS_UNKNOWN", &res);
    wrp_rc_result_free(&res);
}

/* The same certificate with an empty signature part. */
static void interop_eudi_wrprc_unsigned_refused(void **state)
{
    (void)state;
    size_t len;
    uint8_t *signed_data = must_read(WRPRC_DIR, "eudi-lib-jvm-openid4vp-kt/wrprc.txt", &len);
    wrp_token t;
    assert_int_equal(wrp_token_parse(signed_data, len, NULL, 0, false, &t, NULL), WRP_OK);
    wrp_chain chain;
    assert_int_equal(wrp_token_chain(&t, &chain, NULL), WRP_OK);
    wrp_ctx ctx;
    ctx_with_rc_anchor(&ctx, chain.certs[0]);
    wrp_chain_free(&chain);
    wrp_token_free(&t);
    free(signed_data);

    uint8_t *data = must_read(WRPRC_DIR, "eudi-lib-jvm-openid4vp-kt/wrprc_unsigned.txt", &len);
    wrp_findings f = {0};
    wrp_rc_result res;
    assert_int_equal(wrp_check_rc(&ctx, data, len, true, NULL, &res, &f), WRP_OK);
    assert_codes(&f, "RC_SIGNATURE");
    assert_false(res.authentic);
    assert_true(res.parsed);
    wrp_rc_result_free(&res);
    wrp_findings_free(&f);
    ctx_free(&ctx);
    free(data);
}

/* An attestation provider's certificate: genuine, but it does not entitle a request. */
static void interop_provider_wrprc_not_entitled(void **state)
{
    (void)state;
    const char *rel = "eudi-srv-verifier-endpoint/wrprc-provider-kotlin-issuer-signer-dev.jwt";
    wrp_rc_result res;
    judge_self_anchored(rel, true, NULL, false, "RC_ENTITLEMENT", &res);
    assert_true(res.authentic);
    assert_true(res.rc.provides_attestations);
    assert_false(res.rc.has_credentials);
    assert_int_equal(res.rc.n_entitlements, 3);
    wrp_rc_result_free(&res);
    judge_self_anchored(rel, false, NULL, false, "none", &res);
    wrp_rc_result_free(&res);
}

/* The claims that have problems, in order, as "a,b,c". */
static void problem_claims(const wrp_rc_problems *p, char *out, size_t size)
{
    out[0] = 0;
    for (size_t i = 0; i < p->n; i++) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, "%s%s", i ? "," : "", p->v[i].claim);
    }
}

static void payload_problems(const char *rel, wrp_rc *rc, char *claims, size_t size)
{
    cJSON *payload = must_json(WRPRC_DIR, rel);
    wrp_rc_problems p = {0};
    assert_int_equal(wrp_rc_from_json(payload, rc, &p), WRP_OK);
    problem_claims(&p, claims, size);
    cJSON_Delete(payload);
}

static void interop_annex_c_payload_parses(void **state)
{
    (void)state;
    wrp_rc rc;
    char claims[512];
    payload_problems("etsi-ts-119475-annexC/annexC-payload.json", &rc, claims, sizeof claims);
    assert_string_equal(claims, "");
    assert_string_equal(rc.sub, LEI);
    assert_int_equal(rc.srv_description.n, 2); /* an array of arrays, flattened */
    assert_string_equal(rc.srv_description.v[1].lang, "de-DE");
    assert_int_equal(rc.n_policy_ids, 1);
    assert_int_equal(rc.status_idx, 0);
    assert_int_equal(rc.credentials.n, 2);
    assert_string_equal(rc.credentials.v[1].types[0], "eu.europa.ec.eudi.pid.1");
    assert_string_equal(rc.intermediary_sub, "LEIXG-INTERMEDIARY-1234567890");
    assert_null(rc.intermediary_sname); /* the example says "name" where Table 10 says "sname" */
    assert_true(rc.provides_attestations);
    wrp_rc_free(&rc);
}

/* A payload wrapped in an unsigned JWT (alg none), to run the check-level rules over it. */
static void judge_unsigned_payload(const char *rel, const char *expected)
{
    size_t len;
    uint8_t *payload = must_read(WRPRC_DIR, rel, &len);
    static const char header[] = "{\"alg\":\"none\",\"typ\":\"rc-wrp+jwt\"}";
    char *h = NULL, *p = NULL;
    assert_int_equal(wrp_b64url_encode((const uint8_t *)header, strlen(header), &h), WRP_OK);
    assert_int_equal(wrp_b64url_encode(payload, len, &p), WRP_OK);
    size_t n = strlen(h) + strlen(p) + 3;
    char *jwt = malloc(n);
    assert_non_null(jwt);
    snprintf(jwt, n, "%s.%s.", h, p);

    wrp_ctx ctx = {0};
    ctx.ac_anchors = wrp_anchors_new();
    ctx.rc_anchors = wrp_anchors_new();
    ctx.time = T;
    wrp_findings f = {0};
    wrp_rc_result res;
    assert_int_equal(wrp_check_rc(&ctx, (const uint8_t *)jwt, strlen(jwt), true, NULL, &res, &f), WRP_OK);
    assert_true(res.parsed);
    assert_codes(&f, expected);
    wrp_rc_result_free(&res);
    wrp_findings_free(&f);
    ctx_free(&ctx);
    free(jwt);
    free(h);
    free(p);
    free(payload);
}

/* IT-Wallet: a complete payload that expired in 2025. */
static void interop_it_wallet_ci_payload(void **state)
{
    (void)state;
    wrp_rc rc;
    char claims[512];
    payload_problems("it-wallet-docs/wrprc-payload-ci.json", &rc, claims, sizeof claims);
    assert_string_equal(claims, "");
    assert_true(rc.has_exp);
    assert_int_equal(rc.exp, 1735689600);
    assert_int_equal(rc.public_body, 0);
    assert_int_equal(rc.srv_description.n, 2);
    wrp_rc_free(&rc);
    /* Expiry is a finding of the check, not a problem of the payload. */
    judge_unsigned_payload("it-wallet-docs/wrprc-payload-ci.json",
                           "RC_ALG,RC_SIGNATURE,RC_EXPIRED");
}

/* IT-Wallet: a payload for a party behind an intermediary, missing mandatory claims and with an
 * object where Table 10 wants the intermediary's identifier string. */
static void interop_it_wallet_rpi_payload(void **state)
{
    (void)state;
    wrp_rc rc;
    char claims[512];
    payload_problems("it-wallet-docs/wrprc-payload-rpi.json", &rc, claims, sizeof claims);
    assert_string_equal(claims, "registry_uri,srv_description,privacy_policy,info_uri,support_uri,"
                                "supervisory_authority,certificate_policy,intermediary");
    assert_null(rc.intermediary_sub);
    assert_string_equal(rc.sub, "VATDE-DE123456789");
    assert_true(rc.has_credentials);
    wrp_rc_free(&rc);
    judge_unsigned_payload("it-wallet-docs/wrprc-payload-rpi.json",
                           "RC_MALFORMED,RC_ALG,RC_SIGNATURE");
}

int main(void)
{
    tm_manifest m;
    if (tm_load(RC_DIR "manifest.tsv", &manifest_format, &m) != 0) {
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
    int failed = _cmocka_run_group_tests("rc_manifest", tests, m.n, NULL, NULL);
    free(tests);

    const struct CMUnitTest unit[] = {
        cmocka_unit_test(status_list_encodings_json_and_cbor),
        cmocka_unit_test(status_list_short_examples),
        cmocka_unit_test(status_list_prepared_answers_as_inflated),
        cmocka_unit_test(status_list_inflate_limit),
        cmocka_unit_test(status_list_inflate_refuses_bad_streams),
        cmocka_unit_test(status_list_inflate_bomb_refused),
        cmocka_unit_test(status_list_draft_jwt_verifies_with_jwk),
        cmocka_unit_test(status_list_draft_cwt_verifies_with_jwk),
        cmocka_unit_test(jwk_import_refuses_bad_keys),
        cmocka_unit_test(interop_eudi_wrprc_verifies),
        cmocka_unit_test(interop_eudi_wrprc_unsigned_refused),
        cmocka_unit_test(interop_provider_wrprc_not_entitled),
        cmocka_unit_test(interop_annex_c_payload_parses),
        cmocka_unit_test(interop_it_wallet_ci_payload),
        cmocka_unit_test(interop_it_wallet_rpi_payload),
    };
    failed += cmocka_run_group_tests_name("rc", unit, NULL, NULL);
    tm_free(&m);
    return failed;
}
