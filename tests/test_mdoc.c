/* ISO/IEC 18013-5 DeviceRequests and SessionTranscripts.
 *
 * 1. Every line of testvectors/mdoc/manifest.tsv is one test: the DeviceRequest is checked with
 *    its transcript, and the set of finding codes must equal the expected set exactly.
 * 2. The requested items, the registration certificate and the reader chain of chosen vectors.
 * 3. ISO 18013-5 Annex D (testvectors/interop/iso18013-5/iso-18013-5-annex-d).
 * 4. SessionTranscript builders against OpenID4VP 1.0 appendix B and ISO 18013-7, and RFC 7638. */
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

#include "policy/reader_auth.h"
#include "policy/coverage.h"
#include "support/testmanifest.h"
#include "support/testutil.h"
#include "util/b64.h"
#include "util/json.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define T INT64_C(1798761600) /* 2027-01-01T00:00:00Z */
#define MDOC_DIR "testvectors/mdoc/"
#define TV_DIR "testvectors/"
#define ANNEX_D "testvectors/interop/iso18013-5/iso-18013-5-annex-d/"
#define O4VP_ST "testvectors/interop/iso18013-5/openid4vp-session-transcript/"
#define MAX_CODE 128
#define MDL "org.iso.18013.5.1.mDL"
#define MDL_NS "org.iso.18013.5.1"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */

static uint8_t *must_read(const char *path, size_t *len)
{
    uint8_t *data = tu_read_file(path, len);
    if (data == NULL)
        fail_msg("cannot read %s", path);
    return data;
}

static uint8_t *must_read_hex(const char *path, size_t *len)
{
    uint8_t *data = tu_read_hex_file(path, len);
    if (data == NULL)
        fail_msg("cannot read hex %s", path);
    return data;
}

static uint8_t *read_in(const char *dir, const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, rel);
    return must_read(path, len);
}

static X509 *pem_cert(const char *path)
{
    size_t len;
    uint8_t *data = must_read(path, &len);
    BIO *bio = BIO_new_mem_buf(data, (int)len);
    assert_non_null(bio);
    X509 *cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
    BIO_free(bio);
    free(data);
    ERR_clear_error();
    if (cert == NULL)
        fail_msg("no certificate in %s", path);
    return cert;
}

static void codes_text(const wrp_findings *f, char *out, size_t size)
{
    bool set[MAX_CODE] = {false};
    for (size_t i = 0; i < f->n; i++) {
        assert_true(f->v[i].code > 0 && f->v[i].code < MAX_CODE);
        set[f->v[i].code] = true;
    }
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

/* Canonical form of a comma-separated list of codes (any order), as codes_text writes it. */
static void expected_text(const char *expected, char *out, size_t size)
{
    wrp_findings f = {0};
    if (strcmp(expected, "none") != 0) {
        char *copy = strdup(expected), *save = NULL;
        assert_non_null(copy);
        for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
            assert_non_null(wrp_findings_add(&f, code_by_name(tok), "expected"));
        free(copy);
    }
    codes_text(&f, out, size);
    wrp_findings_free(&f);
}

static void print_findings(const wrp_findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        print_message("    %s [%s]: %s\n", wrp_code_str(f->v[i].code),
                      f->v[i].credential_id ? f->v[i].credential_id : "-", f->v[i].message);
}

static void assert_codes(const wrp_findings *f, const char *expected)
{
    char got[1024], want[1024];
    codes_text(f, got, sizeof got);
    expected_text(expected, want, sizeof want);
    if (strcmp(got, want) != 0) {
        print_findings(f);
        fail_msg("finding codes %s, expected %s", got, want);
    }
}

/* Checks a DeviceRequest file of testvectors/mdoc/ with a transcript file there (NULL: none). */
static void check_file(const char *file, const char *transcript, wrp_mdoc *m, wrp_findings *f)
{
    size_t len, tlen = 0;
    uint8_t *in = read_in(MDOC_DIR, file, &len);
    uint8_t *st = transcript != NULL ? read_in(MDOC_DIR, transcript, &tlen) : NULL;
    memset(f, 0, sizeof *f);
    assert_int_equal(wrp_mdoc_check(in, len, st, tlen, m, f), WRP_OK);
    free(in);
    free(st);
}

/* One requested item, as the tests spell them: "namespace/element" and the intent. */
typedef struct item {
    const char *ns, *el;
    int intent;
} item;

static void assert_cred(const wrp_dcql_cred *c, const char *id, const char *doc_type,
                        const item *want, size_t n)
{
    assert_string_equal(c->id, id);
    assert_string_equal(c->format, "mso_mdoc");
    assert_int_equal(c->n_types, 1);
    assert_string_equal(c->types[0], doc_type);
    assert_true(c->has_claims);
    assert_int_equal(c->n_claim_sets, 0);
    if (c->n_claims != n) {
        for (size_t i = 0; i < c->n_claims; i++)
            print_message("    %s/%s\n", c->claims[i].path.e[0].str, c->claims[i].path.e[1].str);
        fail_msg("%zu claims, expected %zu", c->n_claims, n);
    }
    for (size_t i = 0; i < n; i++) {
        const wrp_dcql_claim *cl = &c->claims[i];
        assert_null(cl->id);
        assert_null(cl->values);
        assert_int_equal(cl->path.n, 2);
        assert_int_equal(cl->path.e[0].kind, WRP_PATH_STR);
        assert_int_equal(cl->path.e[1].kind, WRP_PATH_STR);
        assert_string_equal(cl->path.e[0].str, want[i].ns);
        assert_string_equal(cl->path.e[1].str, want[i].el);
        assert_int_equal(cl->intent_to_retain, want[i].intent);
    }
}

static void assert_bytes_equal_file(const uint8_t *p, size_t n, const char *path)
{
    size_t len;
    uint8_t *want = must_read(path, &len);
    assert_int_equal(n, len);
    assert_memory_equal(p, want, len);
    free(want);
}

static void assert_out_equal_hex(const wrp_cbor_out *o, const char *path)
{
    size_t len;
    uint8_t *want = must_read_hex(path, &len);
    assert_int_equal(o->len, len);
    assert_memory_equal(o->p, want, len);
    free(want);
}

/* ------------------------------------------------------------------------------------------ */
/* 1. The manifest                                                                               */

/* request, transcript (- for none), expected codes (CODE,CODE or none), then optionally
 * space-separated key=value words, each checked against the outcome by check_option */
static const char *const manifest_keys[] = {"auth", "parsed", "docs", "n_rc", "rc", "chain", "leaf", "cid",
                                            NULL};
static const tm_format manifest_format = {.min_fields = 3, .max_fields = 4, .options_from = 3,
                                          .options_spaced = true, .keys = manifest_keys};

static const wrp_finding *finding_of(const wrp_findings *f, wrp_code code)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].code == code)
            return &f->v[i];
    return NULL;
}

/* Applies one key=value option of the manifest to the outcome. */
static void check_option(const char *k, const char *v, const wrp_mdoc *m, const wrp_findings *f)
{
    if (strcmp(k, "auth") == 0) {
        assert_int_equal(m->authenticated, strcmp(v, "1") == 0);
    } else if (strcmp(k, "parsed") == 0) {
        assert_int_equal(m->parsed, strcmp(v, "1") == 0);
    } else if (strcmp(k, "docs") == 0) {
        assert_int_equal(m->items.n_creds, strtoul(v, NULL, 10));
    } else if (strcmp(k, "n_rc") == 0) {
        assert_int_equal(m->n_rc, strtoul(v, NULL, 10));
        if (m->n_rc == 0)
            assert_null(m->rc);
    } else if (strcmp(k, "rc") == 0) {
        char path[512];
        snprintf(path, sizeof path, TV_DIR "%s", v);
        assert_non_null(m->rc);
        assert_bytes_equal_file(m->rc, m->rc_len, path);
    } else if (strcmp(k, "chain") == 0) {
        assert_int_equal(m->chain.n, strtoul(v, NULL, 10));
    } else if (strcmp(k, "leaf") == 0) {
        char path[512];
        snprintf(path, sizeof path, TV_DIR "%s", v);
        X509 *want = pem_cert(path);
        assert_true(m->chain.n > 0);
        assert_int_equal(X509_cmp(m->chain.certs[0], want), 0);
        X509_free(want);
    } else if (strcmp(k, "cid") == 0) {
        char code[64];
        const char *colon = strchr(v, ':');
        assert_non_null(colon);
        snprintf(code, sizeof code, "%.*s", (int)(colon - v), v);
        const wrp_finding *x = finding_of(f, code_by_name(code));
        assert_non_null(x);
        if (strcmp(colon + 1, "-") == 0)
            assert_null(x->credential_id);
        else
            assert_string_equal(x->credential_id, colon + 1);
    } else {
        fail_msg("unknown manifest option %s", k);
    }
}

static void manifest_vector(void **state)
{
    const tm_line *l = *state;
    const char *transcript = l->field[1];
    wrp_mdoc m;
    wrp_findings f;
    check_file(l->field[0], strcmp(transcript, "-") == 0 ? NULL : transcript, &m, &f);
    if (getenv("WRP_MDOC_VERBOSE") != NULL)
        print_findings(&f);
    assert_codes(&f, l->field[2]);
    if (wrp_findings_has(&f, WRP_CODE_REQUEST_MALFORMED)) {
        assert_false(m.parsed);
        assert_false(m.authenticated);
        assert_int_equal(m.items.n_creds, 0);
        assert_int_equal(m.chain.n, 0);
        assert_null(m.rc);
    } else {
        assert_true(m.parsed);
        assert_true(m.items.n_creds > 0);
    }
    if (f.n > 0 && !wrp_findings_has(&f, WRP_CODE_RC_MULTIPLE))
        assert_false(m.authenticated);
    for (size_t i = 0; i < l->n_options; i++)
        check_option(l->option[i].key, l->option[i].value, &m, &f);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* 2. What chosen vectors ask for                                                               */

static void requested_items_one_query_per_doc_request(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    check_file("valid-two-docs.cbor", "transcript.cbor", &m, &f);
    assert_int_equal(f.n, 0);
    assert_int_equal(m.items.n_creds, 2);
    assert_int_equal(m.items.n_sets, 0);
    const item mdl[] = {{MDL_NS, "family_name", 1}, {MDL_NS, "birth_date", 1},
                        {MDL_NS, "portrait", 0}};
    const item pid[] = {{"eu.europa.ec.eudi.pid.1", "age_over_18", 0}};
    assert_cred(&m.items.creds[0], "0", MDL, mdl, 3);
    assert_cred(&m.items.creds[1], "1", "eu.europa.ec.eudi.pid.1", pid, 1);
    assert_ptr_equal(wrp_dcql_find(&m.items, "1"), &m.items.creds[1]);
    assert_true(m.items.creds[0].require_cryptographic_holder_binding);
    assert_false(m.items.creds[0].multiple);
    assert_int_equal(m.chain.n, 2);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* The IT-Wallet example's structure with a real WRPRC: euWrprc next to euWrpRegistrarInfo. */
static void eudiw_request_carries_its_registration_certificate(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    check_file("eudiw-mdl.cbor", "transcript.cbor", &m, &f);
    assert_int_equal(f.n, 0);
    assert_true(m.authenticated);
    assert_int_equal(m.n_rc, 1);
    assert_bytes_equal_file(m.rc, m.rc_len, TV_DIR "rc/valid.cwt");
    const item want[] = {{MDL_NS, "family_name", 1},     {MDL_NS, "document_number", 1},
                         {MDL_NS, "driving_privileges", 1}, {MDL_NS, "issue_date", 1},
                         {MDL_NS, "expiry_date", 1},     {MDL_NS, "portrait", 0}};
    assert_int_equal(m.items.n_creds, 1);
    assert_cred(&m.items.creds[0], "0", MDL, want, 6);
    X509 *leaf = pem_cert(TV_DIR "pki/ac-leaf.pem");
    assert_int_equal(X509_cmp(m.chain.certs[0], leaf), 0);
    X509_free(leaf);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* Every element named by alternativeDataElements counts as requested (once), with the intent to
 * retain of the element it stands in for; in version 1.0 requests as well. */
static void alternative_data_elements_count_as_requested(void **state)
{
    (void)state;
    const char *files[] = {"v11-alternatives.cbor", "v10-alternatives.cbor"};
    const item want[] = {
        {MDL_NS, "family_name", 0}, {MDL_NS, "birth_date", 1},   {MDL_NS, "age_over_18", 1},
        {MDL_NS, "age_in_years", 1}, {MDL_NS, "issue_date", 1}, {MDL_NS, "resident_address", -1},
    };
    for (size_t i = 0; i < 2; i++) {
        wrp_mdoc m;
        wrp_findings f;
        check_file(files[i], "transcript.cbor", &m, &f);
        assert_int_equal(f.n, 0);
        assert_cred(&m.items.creds[0], "0", MDL, want, 6);
        wrp_mdoc_free(&m);
        wrp_findings_free(&f);
    }
}

/* readerAuthAll covers every DocRequest; its findings name no DocRequest. */
static void reader_auth_all_covers_every_doc_request(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    check_file("v11-reader-auth-all.cbor", "transcript-tag24.cbor", &m, &f);
    assert_int_equal(f.n, 0);
    assert_true(m.authenticated);
    assert_int_equal(m.items.n_creds, 2);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    check_file("v11-no-reader-auth.cbor", "transcript.cbor", &m, &f);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.v[0].credential_id, "0");
    assert_string_equal(f.v[1].credential_id, "1");
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* A request whose ItemsRequest is not in preferred encoding verifies over those very bytes, and
 * the same request signed over a re-encoding of them does not. */
static void signature_is_over_the_items_request_as_sent(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    check_file("valid-noncanonical-items.cbor", "transcript.cbor", &m, &f);
    assert_int_equal(f.n, 0);
    assert_true(m.authenticated);
    const item want[] = {{MDL_NS, "family_name", 1}};
    assert_cred(&m.items.creds[0], "0", MDL, want, 1);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    check_file("signed-over-reencoded-items.cbor", "transcript.cbor", &m, &f);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.v[0].code, WRP_CODE_READER_AUTH_SIGNATURE);
    assert_string_equal(f.v[0].credential_id, "0");
    assert_false(m.authenticated);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* The transcript the vectors are signed over is what the OpenID4VP builder makes. */
static void vector_transcript_is_the_openid4vp_builders(void **state)
{
    (void)state;
    wrp_cbor_out o = {0};
    assert_int_equal(wrp_mdoc_transcript_openid4vp("x509_san_dns:rp.example.com",
                                                   "mdoc-vectors-nonce-0001", NULL,
                                                   "https://rp.example.com/response", &o),
                     WRP_OK);
    assert_bytes_equal_file(o.p, o.len, MDOC_DIR "transcript.cbor");
    wrp_cbor_out_free(&o);
}

static void malformed_request_reports_nothing_else(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    check_file("items-request-tag24-trailing.cbor", NULL, &m, &f);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.v[0].code, WRP_CODE_REQUEST_MALFORMED);
    assert_null(f.v[0].credential_id);
    assert_non_null(strstr(f.v[0].message, "docRequests[0].itemsRequest"));
    assert_false(m.parsed);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

static void arguments(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f = {0};
    assert_int_equal(wrp_mdoc_check(NULL, 0, NULL, 0, NULL, &f), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_check(NULL, 0, NULL, 0, &m, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_check(NULL, 5, NULL, 0, &m, &f), WRP_OK);
    assert_codes(&f, "REQUEST_MALFORMED");
    assert_false(m.parsed);
    wrp_mdoc_free(&m);
    wrp_mdoc_free(&m);
    wrp_mdoc_free(NULL);
    wrp_findings_free(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* 2b. Limits: DeviceRequests written here with the library's encoder (no reader authentication) */

static void put_text(wrp_cbor_out *o, const char *s)
{
    wrp_cbor_put_tstr(o, s, strlen(s));
}

/* One DocRequest as the test writes it: n elements "e<first>"... under ns, and alternatives
 * (requestedElement, one set of one element) given as pairs of [namespace, element]. */
typedef struct doc_spec {
    const char *doc_type, *ns;
    size_t first, n;
    const char *const (*alts)[2][2];
    size_t n_alts;
} doc_spec;

static void put_ref(wrp_cbor_out *o, const char *const ref[2])
{
    wrp_cbor_put_head(o, 4, 2);
    put_text(o, ref[0]);
    put_text(o, ref[1]);
}

static void put_doc(wrp_cbor_out *o, const doc_spec *d)
{
    wrp_cbor_out items = {0};
    wrp_cbor_put_head(&items, 5, d->n_alts > 0 ? 3 : 2);
    put_text(&items, "docType");
    put_text(&items, d->doc_type);
    put_text(&items, "nameSpaces");
    wrp_cbor_put_head(&items, 5, 1);
    put_text(&items, d->ns);
    wrp_cbor_put_head(&items, 5, d->n);
    for (size_t i = d->first; i < d->first + d->n; i++) {
        char el[24];
        snprintf(el, sizeof el, "e%zu", i);
        put_text(&items, el);
        wrp_cbor_put_head(&items, 7, 20); /* false */
    }
    if (d->n_alts > 0) {
        put_text(&items, "requestInfo");
        wrp_cbor_put_head(&items, 5, 1);
        put_text(&items, "alternativeDataElements");
        wrp_cbor_put_head(&items, 4, d->n_alts);
        for (size_t i = 0; i < d->n_alts; i++) {
            wrp_cbor_put_head(&items, 5, 2);
            put_text(&items, "requestedElement");
            put_ref(&items, d->alts[i][0]);
            put_text(&items, "alternativeElementSets");
            wrp_cbor_put_head(&items, 4, 1);
            wrp_cbor_put_head(&items, 4, 1);
            put_ref(&items, d->alts[i][1]);
        }
    }
    assert_false(items.oom);
    wrp_cbor_put_head(o, 5, 1);
    put_text(o, "itemsRequest");
    wrp_cbor_put_head(o, 6, 24);
    wrp_cbor_put_bstr(o, items.p, items.len);
    wrp_cbor_out_free(&items);
}

static void check_docs(const doc_spec *docs, size_t n, wrp_mdoc *m, wrp_findings *f)
{
    wrp_cbor_out o = {0};
    wrp_cbor_put_head(&o, 5, 2);
    put_text(&o, "version");
    put_text(&o, "1.0");
    put_text(&o, "docRequests");
    wrp_cbor_put_head(&o, 4, n);
    for (size_t i = 0; i < n; i++)
        put_doc(&o, &docs[i]);
    assert_false(o.oom);
    memset(f, 0, sizeof *f);
    assert_int_equal(wrp_mdoc_check(o.p, o.len, NULL, 0, m, f), WRP_OK);
    wrp_cbor_out_free(&o);
}

static size_t claims_in(const wrp_dcql *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->n_creds; i++)
        n += q->creds[i].n_claims;
    return n;
}

/* Over WRP_MAX_REQUESTED_ITEMS the data elements are counted, not built: the items hold each
 * DocRequest's count and no claim, and the item limit sees the exact number (repeats counted
 * once, as when they are built). Within it (however many references repeat) they are built. */
static void items_over_the_limit_are_counted_not_built(void **state)
{
    (void)state;
    static const char *const repeats[][2][2] = {
        {{MDL_NS, "e4000"}, {MDL_NS, "e4001"}}, {{MDL_NS, "e4001"}, {MDL_NS, "e4000"}},
        {{MDL_NS, "e4002"}, {MDL_NS, "e4002"}}, {{MDL_NS, "e4095"}, {MDL_NS, "e4000"}},
        {{"other", "x"}, {"other", "x"}},       {{"other", "x"}, {MDL_NS, "e4003"}},
    };
    /* 4 x 1,000 + 96 elements, 12 references more: 4,096 items with "other"/"x" left out, 4,097
     * with it */
    for (size_t with_other = 0; with_other <= 1; with_other++) {
        doc_spec docs[5];
        for (size_t k = 0; k < 4; k++)
            docs[k] = (doc_spec){MDL, MDL_NS, k * 1000, 1000, NULL, 0};
        docs[4] = (doc_spec){MDL, MDL_NS, 4000, 96, repeats, with_other ? 6 : 4};
        wrp_mdoc m;
        wrp_findings f;
        check_docs(docs, 5, &m, &f);
        assert_true(m.parsed);
        assert_false(wrp_findings_has(&f, WRP_CODE_REQUEST_MALFORMED));
        assert_int_equal(m.items.n_creds, 5);
        assert_int_equal(wrp_coverage_count(&m.items), WRP_MAX_REQUESTED_ITEMS + with_other);
        assert_int_equal(claims_in(&m.items), WRP_MAX_REQUESTED_ITEMS + with_other);
        assert_int_equal(m.items.counted_only, with_other == 1);
        for (size_t k = 0; k < 5; k++) {
            assert_string_equal(m.items.creds[k].types[0], MDL);
            if (with_other)
                assert_null(m.items.creds[k].claims);
            else
                assert_non_null(m.items.creds[k].claims);
        }
        assert_int_equal(m.items.creds[4].n_claims, 96 + with_other);
        wrp_mdoc_free(&m);
        wrp_findings_free(&f);
    }
    /* 16 x 1,024: counted, whatever the namespace holds */
    doc_spec big[16];
    for (size_t k = 0; k < 16; k++)
        big[k] = (doc_spec){MDL, k % 2 ? MDL_NS : "org.example.other", 0, 1024, NULL, 0};
    wrp_mdoc m;
    wrp_findings f;
    check_docs(big, 16, &m, &f);
    assert_true(m.items.counted_only);
    assert_int_equal(wrp_coverage_count(&m.items), 16 * 1024);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* The names every requested item repeats: docType at most WRP_MAX_TYPE_BYTES, a namespace with
 * its element identifier at most WRP_MAX_PATH_BYTES, in nameSpaces and in alternatives. */
static void names_every_item_repeats_are_limited(void **state)
{
    (void)state;
    char type[WRP_MAX_TYPE_BYTES + 2], ns[WRP_MAX_PATH_BYTES + 2], alt_ns[WRP_MAX_PATH_BYTES + 2];
    for (size_t extra = 0; extra <= 1; extra++) {
        memset(type, 't', WRP_MAX_TYPE_BYTES + extra);
        type[WRP_MAX_TYPE_BYTES + extra] = 0;
        /* with "e0" (2 bytes) */
        memset(ns, 'n', WRP_MAX_PATH_BYTES - 2 + extra);
        ns[WRP_MAX_PATH_BYTES - 2 + extra] = 0;
        /* with "alt" (3 bytes) */
        memset(alt_ns, 'a', WRP_MAX_PATH_BYTES - 3 + extra);
        alt_ns[WRP_MAX_PATH_BYTES - 3 + extra] = 0;
        const char *const alts[][2][2] = {{{MDL_NS, "e0"}, {alt_ns, "alt"}}};
        const doc_spec cases[] = {
            {type, MDL_NS, 0, 1, NULL, 0},
            {MDL, ns, 0, 1, NULL, 0},
            {MDL, MDL_NS, 0, 1, alts, 1},
        };
        const char *const msg[] = {
            "docRequests[0].itemsRequest.docType: longer than 256 bytes",
            "docRequests[0].itemsRequest.nameSpaces: a namespace and data element identifier longer "
            "than 256 bytes together",
            "docRequests[0].itemsRequest.requestInfo.alternativeDataElements[0]: a namespace and data "
            "element identifier longer than 256 bytes together",
        };
        for (size_t i = 0; i < 3; i++) {
            wrp_mdoc m;
            wrp_findings f;
            check_docs(&cases[i], 1, &m, &f);
            if (extra == 0) {
                assert_true(m.parsed);
                assert_codes(&f, "READER_AUTH_MISSING");
            } else {
                assert_false(m.parsed);
                assert_codes(&f, "REQUEST_MALFORMED");
                assert_string_equal(f.v[0].message, msg[i]);
            }
            wrp_mdoc_free(&m);
            wrp_findings_free(&f);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* 3. ISO 18013-5 Annex D                                                                        */

static void annex_d_check(const char *transcript, wrp_mdoc *m, wrp_findings *f)
{
    size_t len, tlen = 0;
    uint8_t *in = must_read_hex(ANNEX_D "device_request.hex", &len);
    uint8_t *st = NULL;
    if (transcript != NULL)
        st = strstr(transcript, ".hex") != NULL ? must_read_hex(transcript, &tlen)
                                                : must_read(transcript, &tlen);
    memset(f, 0, sizeof *f);
    assert_int_equal(wrp_mdoc_check(in, len, st, tlen, m, f), WRP_OK);
    free(in);
    free(st);
}

static void annex_d_reader_auth_verifies(void **state)
{
    (void)state;
    const char *transcripts[] = {ANNEX_D "session_transcript_bytes.hex",
                                 ANNEX_D "session_transcript.hex"};
    const item want[] = {{MDL_NS, "family_name", 1}, {MDL_NS, "document_number", 1},
                         {MDL_NS, "driving_privileges", 1}, {MDL_NS, "issue_date", 1},
                         {MDL_NS, "expiry_date", 1}, {MDL_NS, "portrait", 0}};
    for (size_t i = 0; i < 2; i++) {
        wrp_mdoc m;
        wrp_findings f;
        annex_d_check(transcripts[i], &m, &f);
        if (f.n > 0)
            print_findings(&f);
        assert_int_equal(f.n, 0);
        assert_true(m.parsed);
        assert_true(m.authenticated);
        assert_int_equal(m.n_rc, 0);
        assert_null(m.rc);
        assert_int_equal(m.items.n_creds, 1);
        assert_cred(&m.items.creds[0], "0", MDL, want, 6);
        X509 *reader = pem_cert(ANNEX_D "reader_cert.pem");
        assert_int_equal(m.chain.n, 1);
        assert_int_equal(X509_cmp(m.chain.certs[0], reader), 0);
        X509_free(reader);
        wrp_mdoc_free(&m);
        wrp_findings_free(&f);
    }
}

/* Its root is not published: with the reader certificate itself as the only anchor the chain
 * validates while the certificate is current (2020-10-01..2023-12-31) and is expired at T. */
static void annex_d_reader_chain_against_itself(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    annex_d_check(ANNEX_D "session_transcript_bytes.hex", &m, &f);
    assert_int_equal(f.n, 0);
    size_t len;
    uint8_t *pem = must_read(ANNEX_D "reader_cert.pem", &len);
    wrp_anchors *anchors = wrp_anchors_new();
    assert_non_null(anchors);
    wrp_err err = {{0}};
    assert_int_equal(wrp_anchors_add(anchors, pem, len, &err), WRP_OK);
    free(pem);
    assert_int_equal(wrp_chain_verify(anchors, &m.chain, INT64_C(1656633600) /* 2022-07-01 */,
                                      NULL, &err),
                     WRP_CHAIN_OK);
    assert_int_equal(wrp_chain_verify(anchors, &m.chain, T, NULL, &err), WRP_CHAIN_EXPIRED);
    wrp_anchors *other = wrp_anchors_new();
    assert_non_null(other);
    pem = must_read(TV_DIR "pki/ac-root.pem", &len);
    assert_int_equal(wrp_anchors_add(other, pem, len, &err), WRP_OK);
    free(pem);
    assert_int_equal(wrp_chain_verify(other, &m.chain, INT64_C(1656633600), NULL, &err),
                     WRP_CHAIN_UNTRUSTED);
    wrp_anchors_free(anchors);
    wrp_anchors_free(other);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

static void annex_d_wrong_or_no_transcript(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    /* a transcript of another session: the Annex D DeviceEngagement is in it no more */
    annex_d_check(MDOC_DIR "transcript.cbor", &m, &f);
    assert_codes(&f, "READER_AUTH_SIGNATURE");
    assert_string_equal(f.v[0].credential_id, "0");
    assert_false(m.authenticated);
    assert_int_equal(m.chain.n, 1);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    annex_d_check(NULL, &m, &f);
    assert_codes(&f, "READER_AUTH_UNVERIFIED");
    assert_int_equal(f.n, 1);
    assert_false(m.authenticated);
    assert_int_equal(m.items.n_creds, 1);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    /* ReaderAuthenticationBytes given as the transcript: tag 24 around an array of three, so
     * shaped like one, but not the transcript signed over */
    annex_d_check(ANNEX_D "reader_authentication_bytes.hex", &m, &f);
    assert_codes(&f, "READER_AUTH_SIGNATURE");
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    /* the DeviceRequest itself given as the transcript: not an array of three */
    annex_d_check(ANNEX_D "device_request.hex", &m, &f);
    assert_codes(&f, "READER_AUTH_UNVERIFIED");
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* A SessionTranscript of WRP_MAX_TRANSCRIPT_BYTES is used (the signature is checked over it, and
 * fails: another session's); one byte more is unusable, and the checks that need no transcript are
 * made all the same. */
static void transcript_longer_than_the_limit_is_unusable(void **state)
{
    (void)state;
    size_t len;
    uint8_t *in = must_read_hex(ANNEX_D "device_request.hex", &len);
    for (size_t extra = 0; extra <= 1; extra++) {
        /* [null, null, bstr of n bytes]: 1 + 2 + 5 bytes of heads */
        size_t tlen = WRP_MAX_TRANSCRIPT_BYTES + extra, n = tlen - 8;
        uint8_t *st = calloc(1, tlen);
        assert_non_null(st);
        st[0] = 0x83;
        st[1] = 0xf6;
        st[2] = 0xf6;
        st[3] = 0x5a;
        for (int i = 0; i < 4; i++)
            st[4 + i] = (uint8_t)(n >> (24 - 8 * i));
        wrp_mdoc m;
        wrp_findings f = {0};
        assert_int_equal(wrp_mdoc_check(in, len, st, tlen, &m, &f), WRP_OK);
        if (extra == 0) {
            assert_codes(&f, "READER_AUTH_SIGNATURE");
        } else {
            assert_codes(&f, "READER_AUTH_UNVERIFIED");
            assert_int_equal(f.n, 1);
            assert_string_equal(f.v[0].message,
                                "the SessionTranscript given is unusable: longer than 65536 bytes");
        }
        assert_false(m.authenticated);
        assert_int_equal(m.chain.n, 1);
        wrp_mdoc_free(&m);
        wrp_findings_free(&f);
        free(st);
    }
    free(in);
}

static uint8_t *find(uint8_t *p, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0)
            return p + i;
    return NULL;
}

/* One byte of the readerAuth signature changed: READER_AUTH_SIGNATURE. */
static void annex_d_tampered_signature(void **state)
{
    (void)state;
    size_t len, tlen;
    uint8_t *in = must_read_hex(ANNEX_D "device_request.hex", &len);
    uint8_t *st = must_read_hex(ANNEX_D "session_transcript_bytes.hex", &tlen);
    in[len - 1] ^= 1;
    wrp_mdoc m;
    wrp_findings f = {0};
    assert_int_equal(wrp_mdoc_check(in, len, st, tlen, &m, &f), WRP_OK);
    assert_codes(&f, "READER_AUTH_SIGNATURE");
    /* and one byte of the ItemsRequest (an element name): the same */
    in[len - 1] ^= 1;
    uint8_t *at = find(in, len, "portrait");
    if (at == NULL) {
        fail_msg("no portrait element in the Annex D request");
        return;
    }
    at[0] = 'P';
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    assert_int_equal(wrp_mdoc_check(in, len, st, tlen, &m, &f), WRP_OK);
    assert_codes(&f, "READER_AUTH_SIGNATURE");
    assert_string_equal(m.items.creds[0].claims[5].path.e[1].str, "Portrait");
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    free(in);
    free(st);
}

/* ------------------------------------------------------------------------------------------ */
/* 4. SessionTranscript builders                                                                 */

static void jwk_thumbprint_of(const char *path, uint8_t out[32])
{
    size_t len;
    uint8_t *text = must_read(path, &len);
    cJSON *jwk = NULL;
    wrp_err err = {{0}};
    assert_int_equal(wrp_json_parse(text, len, &jwk, &err), WRP_OK);
    free(text);
    assert_int_equal(wrp_jwk_thumbprint_sha256(jwk, out, &err), WRP_OK);
    cJSON_Delete(jwk);
}

#define O4VP_NONCE "exc7gBkxjx1rdc9udRrveKvSsJIq80avlXeLHhGwqtA"

static void openid4vp_redirect_transcript_matches_appendix_b(void **state)
{
    (void)state;
    uint8_t thumb[32];
    jwk_thumbprint_of(O4VP_ST "verifier_enc_jwk.json", thumb);
    wrp_cbor_out info = {0}, handover = {0}, st = {0};
    assert_int_equal(wrp_mdoc_openid4vp_handover_info("x509_san_dns:example.com", O4VP_NONCE,
                                                      thumb, "https://example.com/response",
                                                      &info),
                     WRP_OK);
    assert_out_equal_hex(&info, O4VP_ST "redirect_OpenID4VPHandoverInfo.hex");
    assert_int_equal(wrp_mdoc_handover("OpenID4VPHandover", info.p, info.len, &handover), WRP_OK);
    assert_out_equal_hex(&handover, O4VP_ST "redirect_OpenID4VPHandover.hex");
    assert_int_equal(wrp_mdoc_session_transcript(handover.p, handover.len, &st), WRP_OK);
    assert_out_equal_hex(&st, O4VP_ST "redirect_SessionTranscript.hex");
    wrp_cbor_out_free(&st);
    assert_int_equal(wrp_mdoc_transcript_openid4vp("x509_san_dns:example.com", O4VP_NONCE, thumb,
                                                   "https://example.com/response", &st),
                     WRP_OK);
    assert_out_equal_hex(&st, O4VP_ST "redirect_SessionTranscript.hex");
    wrp_cbor_out_free(&info);
    wrp_cbor_out_free(&handover);
    wrp_cbor_out_free(&st);
}

static void openid4vp_dcapi_transcript_matches_appendix_b(void **state)
{
    (void)state;
    uint8_t thumb[32];
    jwk_thumbprint_of(O4VP_ST "verifier_enc_jwk.json", thumb);
    wrp_cbor_out info = {0}, handover = {0}, st = {0};
    assert_int_equal(wrp_mdoc_openid4vp_dcapi_handover_info("https://example.com", O4VP_NONCE,
                                                            thumb, &info),
                     WRP_OK);
    assert_out_equal_hex(&info, O4VP_ST "dcapi_OpenID4VPDCAPIHandoverInfo.hex");
    assert_int_equal(wrp_mdoc_handover("OpenID4VPDCAPIHandover", info.p, info.len, &handover),
                     WRP_OK);
    assert_out_equal_hex(&handover, O4VP_ST "dcapi_OpenID4VPDCAPIHandover.hex");
    assert_int_equal(wrp_mdoc_transcript_openid4vp_dcapi("https://example.com", O4VP_NONCE, thumb,
                                                         &st),
                     WRP_OK);
    assert_out_equal_hex(&st, O4VP_ST "dcapi_SessionTranscript.hex");
    wrp_cbor_out_free(&info);
    wrp_cbor_out_free(&handover);
    wrp_cbor_out_free(&st);
}

/* Without encryption the thumbprint is null (f6). */
static void openid4vp_unencrypted_thumbprint_is_null(void **state)
{
    (void)state;
    wrp_cbor_out info = {0};
    assert_int_equal(wrp_mdoc_openid4vp_dcapi_handover_info("https://a.example", "n", NULL, &info),
                     WRP_OK);
    static const uint8_t want[] = {0x83, 0x71, 'h', 't', 't', 'p', 's', ':', '/', '/', 'a', '.',
                                   'e', 'x', 'a', 'm', 'p', 'l', 'e', 0x61, 'n', 0xf6};
    assert_int_equal(info.len, sizeof want);
    assert_memory_equal(info.p, want, sizeof want);
    wrp_cbor_out_free(&info);
}

static void iso18013_7_annex_b_transcript(void **state)
{
    (void)state;
    wrp_cbor_out st = {0};
    assert_int_equal(wrp_mdoc_transcript_iso18013_7_annex_b("example.com",
                                                            "https://example.com/12345/response",
                                                            "abcdefgh1234567890",
                                                            "1234567890abcdefgh", &st),
                     WRP_OK);
    assert_out_equal_hex(&st, MDOC_DIR "iso18013-7-annex-b-session-transcript.hex");
    wrp_cbor_out_free(&st);
}

static void iso18013_7_annex_c_transcript(void **state)
{
    (void)state;
    size_t len;
    char *b64 = (char *)must_read(MDOC_DIR "iso18013-7-annex-c-encryption-info.txt", &len);
    while (len > 0 && (b64[len - 1] == '\n' || b64[len - 1] == '\r'))
        b64[--len] = 0;
    wrp_cbor_out st = {0};
    assert_int_equal(wrp_mdoc_transcript_iso18013_7_annex_c(b64, "https://rp.example.com", &st),
                     WRP_OK);
    assert_out_equal_hex(&st, MDOC_DIR "iso18013-7-annex-c-session-transcript.hex");
    wrp_cbor_out_free(&st);
    free(b64);
}

/* A built transcript is accepted by the check as is and tag-24 wrapped. */
static void built_transcript_is_usable(void **state)
{
    (void)state;
    wrp_cbor_out st = {0}, wrapped = {0};
    assert_int_equal(wrp_mdoc_transcript_openid4vp("x509_san_dns:rp.example.com",
                                                   "mdoc-vectors-nonce-0001", NULL,
                                                   "https://rp.example.com/response", &st),
                     WRP_OK);
    wrp_cbor_put_head(&wrapped, 6, 24);
    wrp_cbor_put_bstr(&wrapped, st.p, st.len);
    assert_false(wrapped.oom);
    size_t len;
    uint8_t *in = read_in(MDOC_DIR, "valid-1.0.cbor", &len);
    const wrp_cbor_out *forms[] = {&st, &wrapped};
    for (size_t i = 0; i < 2; i++) {
        wrp_mdoc m;
        wrp_findings f = {0};
        assert_int_equal(wrp_mdoc_check(in, len, forms[i]->p, forms[i]->len, &m, &f), WRP_OK);
        assert_int_equal(f.n, 0);
        assert_true(m.authenticated);
        wrp_mdoc_free(&m);
        wrp_findings_free(&f);
    }
    free(in);
    wrp_cbor_out_free(&st);
    wrp_cbor_out_free(&wrapped);
}

static void builders_refuse_bad_arguments(void **state)
{
    (void)state;
    wrp_cbor_out o = {0};
    assert_int_equal(wrp_mdoc_openid4vp_handover_info(NULL, "n", NULL, "https://r", &o),
                     WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_openid4vp_handover_info("c", NULL, NULL, "https://r", &o),
                     WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_openid4vp_handover_info("c", "n", NULL, NULL, &o), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_openid4vp_handover_info("c", "n", NULL, "r", NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_openid4vp_dcapi_handover_info(NULL, "n", NULL, &o), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_transcript_openid4vp("c", "n", NULL, NULL, &o), WRP_ERR_ARG);
    assert_int_equal(o.len, 0);
    assert_null(o.p);
    assert_int_equal(wrp_mdoc_transcript_openid4vp_dcapi("o", NULL, NULL, &o), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_handover(NULL, (const uint8_t *)"x", 1, &o), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_handover("h", NULL, 1, &o), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_session_transcript(NULL, 0, &o), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_transcript_iso18013_7_annex_b("c", "r", "n", NULL, &o), WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_transcript_iso18013_7_annex_c(NULL, "o", &o), WRP_ERR_ARG);
    /* text that is not UTF-8 (an overlong '/', a lone continuation byte, a surrogate) */
    assert_int_equal(wrp_mdoc_transcript_openid4vp("x509_san_dns:\xc0\xaf", "n", NULL, "r", &o),
                     WRP_ERR_ARG);
    assert_null(o.p);
    assert_int_equal(wrp_mdoc_transcript_openid4vp_dcapi("https://a", "\x80", NULL, &o),
                     WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_transcript_iso18013_7_annex_b("c", "r", "n", "\xed\xa0\x80", &o),
                     WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_transcript_iso18013_7_annex_b("\xff", "r", "n", "m", &o),
                     WRP_ERR_ARG);
    assert_int_equal(wrp_mdoc_transcript_iso18013_7_annex_c("e", "\xc3", &o), WRP_ERR_ARG);
    assert_null(o.p);
    /* UTF-8 beyond ASCII is fine */
    assert_int_equal(wrp_mdoc_transcript_openid4vp_dcapi("https://b\xc3\xbc\x63her.example", "n",
                                                         NULL, &o),
                     WRP_OK);
    wrp_cbor_out_free(&o);
}

static void jwk_thumbprint_from_json(const char *json, uint8_t out[32], wrp_status want)
{
    cJSON *jwk = NULL;
    wrp_err err = {{0}};
    assert_int_equal(wrp_json_parse((const uint8_t *)json, strlen(json), &jwk, &err), WRP_OK);
    assert_int_equal(wrp_jwk_thumbprint_sha256(jwk, out, &err), want);
    cJSON_Delete(jwk);
}

static void assert_thumbprint(const uint8_t got[32], const char *b64url)
{
    uint8_t *want = NULL;
    size_t len = 0;
    wrp_err err = {{0}};
    assert_int_equal(wrp_b64url_decode((const uint8_t *)b64url, strlen(b64url), &want, &len, &err),
                     WRP_OK);
    assert_int_equal(len, 32);
    assert_memory_equal(got, want, 32);
    free(want);
}

/* RFC 7638 section 3.1 (RSA) and RFC 8037 appendix A.3 (Ed25519), as published. */
static void jwk_thumbprint_known_answers(void **state)
{
    (void)state;
    uint8_t got[32];
    jwk_thumbprint_from_json(
        "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT8"
        "6zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_"
        "RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91"
        "CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kE"
        "gU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}",
        got, WRP_OK);
    assert_thumbprint(got, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    jwk_thumbprint_from_json("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHO"
                             "g7hcvPapiMlrwIaaPcHURo\"}",
                             got, WRP_OK);
    assert_thumbprint(got, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

static void jwk_thumbprint_refusals(void **state)
{
    (void)state;
    uint8_t out[32];
    jwk_thumbprint_from_json("{\"kty\":\"oct\",\"k\":\"AAAA\"}", out, WRP_ERR_UNSUPPORTED);
    jwk_thumbprint_from_json("{\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}", out,
                             WRP_ERR_UNSUPPORTED);
    jwk_thumbprint_from_json("{\"kty\":\"ec\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}", out,
                             WRP_ERR_UNSUPPORTED);
    jwk_thumbprint_from_json("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\"}", out,
                             WRP_ERR_MALFORMED);
    jwk_thumbprint_from_json("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":7}", out,
                             WRP_ERR_MALFORMED);
    jwk_thumbprint_from_json("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\\\"b\",\"y\":\"c\"}", out,
                             WRP_ERR_MALFORMED);
    jwk_thumbprint_from_json("{\"kty\":\"RSA\",\"n\":\"a\\u00e9\",\"e\":\"AQAB\"}", out,
                             WRP_ERR_MALFORMED);
    jwk_thumbprint_from_json("{\"kty\":\"RSA\",\"n\":\"\",\"e\":\"AQAB\"}", out, WRP_ERR_MALFORMED);
    wrp_err err = {{0}};
    assert_int_equal(wrp_jwk_thumbprint_sha256(NULL, out, &err), WRP_ERR_ARG);
}

/* ------------------------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------------------------ */
/* Registrar datasets in requestInfo.euWrpRegistrarInfo (ETSI TS 119 472-2)                       */

#define E2E_DIR "testvectors/e2e/"

static void check_e2e(const char *name, wrp_mdoc *m, wrp_findings *f)
{
    size_t len, tlen;
    char file[256];
    snprintf(file, sizeof file, "req/%s.cbor", name);
    uint8_t *in = read_in(E2E_DIR, file, &len);
    uint8_t *st = read_in(E2E_DIR, "transcript.cbor", &tlen);
    memset(f, 0, sizeof *f);
    assert_int_equal(wrp_mdoc_check(in, len, st, tlen, m, f), WRP_OK);
    free(in);
    free(st);
    assert_true(m->parsed);
    assert_true(m->authenticated);
    assert_int_equal(f->n, 0);
}

static void assert_read(const wrp_rd_member *m, size_t n, const char *first)
{
    assert_int_equal(m->state, WRP_RD_READ);
    assert_int_equal(m->n, n);
    if (n > 0)
        assert_string_equal(m->v[0], first);
}

/* The IT-Wallet example's euWrpRegistrarInfo (a CBOR map) is read beside its euWrprc; a map with
 * none of the compared members is a dataset with nothing to compare; neither is reported here. */
static void registrar_dataset_map_is_read(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    check_file("eudiw-mdl.cbor", "transcript.cbor", &m, &f);
    assert_int_equal(f.n, 0);
    assert_int_equal(m.n_rc, 1);
    assert_int_equal(m.datasets.n, 1);
    const wrp_registrar_dataset *d = &m.datasets.v[0];
    assert_string_equal(d->where, "docRequests[0].requestInfo.euWrpRegistrarInfo");
    assert_string_equal(d->doc, "0");
    assert_null(d->unusable);
    assert_read(&d->identifier, 1, "LEIXG-529900T8BM49AURSDO55");
    assert_read(&d->intended_use, 1, "identity-verification");
    assert_read(&d->registry_uri, 1, "https://registry.example.org/entities/example-rp");
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    check_file("valid-unknown-keys.cbor", "transcript.cbor", &m, &f);
    assert_int_equal(f.n, 0);
    assert_int_equal(m.datasets.n, 1);
    d = &m.datasets.v[0];
    assert_null(d->unusable);
    assert_int_equal(d->identifier.state, WRP_RD_ABSENT);
    assert_int_equal(d->intended_use.state, WRP_RD_ABSENT);
    assert_int_equal(d->registry_uri.state, WRP_RD_ABSENT);
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* A byte string holding the JSON object is read as the map would be; text, or bytes that are not
 * a JSON object, are kept as unusable and never make the request malformed; each DocRequest's
 * dataset is kept on its own. */
static void registrar_dataset_other_encodings(void **state)
{
    (void)state;
    wrp_mdoc m;
    wrp_findings f;
    check_e2e("registrar-mdoc-bstr-json-agrees", &m, &f);
    assert_int_equal(m.datasets.n, 1);
    assert_null(m.datasets.v[0].unusable);
    assert_read(&m.datasets.v[0].identifier, 2, "NL.KVK.12345678");
    assert_string_equal(m.datasets.v[0].identifier.v[1], "LEIXG-529900T8BM49AURSDO55");
    assert_read(&m.datasets.v[0].intended_use, 1, "iu-age-check-001");
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    const char *unusable[] = {"registrar-mdoc-text-not-map", "registrar-mdoc-bstr-not-json"};
    for (size_t i = 0; i < 2; i++) {
        check_e2e(unusable[i], &m, &f);
        assert_int_equal(m.datasets.n, 1);
        assert_non_null(m.datasets.v[0].unusable);
        assert_int_equal(m.datasets.v[0].identifier.state, WRP_RD_ABSENT);
        assert_int_equal(m.n_rc, 1);
        wrp_mdoc_free(&m);
        wrp_findings_free(&f);
    }
    check_e2e("registrar-mdoc-two-docs-each-compared", &m, &f);
    assert_int_equal(m.datasets.n, 2);
    assert_string_equal(m.datasets.v[0].doc, "0");
    assert_string_equal(m.datasets.v[1].doc, "1");
    assert_read(&m.datasets.v[1].intended_use, 1, "iu-other");
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
}

/* requestInfo keys compare exactly: "eUWrprc" or "EUWRPRC" is not the registration certificate. */
static void certificate_key_is_exactly_euwrprc(void **state)
{
    (void)state;
    const char *names[] = {"registrar-mdoc-misspelt-certificate-key",
                           "registrar-mdoc-misspelt-certificate-key-with-dataset"};
    for (size_t i = 0; i < 2; i++) {
        wrp_mdoc m;
        wrp_findings f;
        check_e2e(names[i], &m, &f);
        assert_int_equal(m.n_rc, 0);
        assert_null(m.rc);
        assert_int_equal(m.datasets.n, i);
        wrp_mdoc_free(&m);
        wrp_findings_free(&f);
    }
}

int main(void)
{
    tm_manifest mf;
    if (tm_load(MDOC_DIR "manifest.tsv", &manifest_format, &mf) != 0) {
        fprintf(stderr, "%s\n", mf.error);
        return 1;
    }
    struct CMUnitTest *tests = calloc(mf.n, sizeof *tests);
    if (tests == NULL)
        return 1;
    for (size_t i = 0; i < mf.n; i++) {
        tests[i].name = mf.v[i].name;
        tests[i].test_func = manifest_vector;
        tests[i].initial_state = &mf.v[i];
    }
    int failed = _cmocka_run_group_tests("mdoc_manifest", tests, mf.n, NULL, NULL);
    free(tests);

    const struct CMUnitTest unit[] = {
        cmocka_unit_test(requested_items_one_query_per_doc_request),
        cmocka_unit_test(eudiw_request_carries_its_registration_certificate),
        cmocka_unit_test(alternative_data_elements_count_as_requested),
        cmocka_unit_test(reader_auth_all_covers_every_doc_request),
        cmocka_unit_test(signature_is_over_the_items_request_as_sent),
        cmocka_unit_test(vector_transcript_is_the_openid4vp_builders),
        cmocka_unit_test(malformed_request_reports_nothing_else),
        cmocka_unit_test(arguments),
        cmocka_unit_test(annex_d_reader_auth_verifies),
        cmocka_unit_test(annex_d_reader_chain_against_itself),
        cmocka_unit_test(annex_d_wrong_or_no_transcript),
        cmocka_unit_test(annex_d_tampered_signature),
        cmocka_unit_test(transcript_longer_than_the_limit_is_unusable),
        cmocka_unit_test(items_over_the_limit_are_counted_not_built),
        cmocka_unit_test(names_every_item_repeats_are_limited),
        cmocka_unit_test(openid4vp_redirect_transcript_matches_appendix_b),
        cmocka_unit_test(openid4vp_dcapi_transcript_matches_appendix_b),
        cmocka_unit_test(openid4vp_unencrypted_thumbprint_is_null),
        cmocka_unit_test(iso18013_7_annex_b_transcript),
        cmocka_unit_test(iso18013_7_annex_c_transcript),
        cmocka_unit_test(built_transcript_is_usable),
        cmocka_unit_test(builders_refuse_bad_arguments),
        cmocka_unit_test(jwk_thumbprint_known_answers),
        cmocka_unit_test(jwk_thumbprint_refusals),
        cmocka_unit_test(registrar_dataset_map_is_read),
        cmocka_unit_test(registrar_dataset_other_encodings),
        cmocka_unit_test(certificate_key_is_exactly_euwrprc),
    };
    failed += cmocka_run_group_tests_name("mdoc", unit, NULL, NULL);
    tm_free(&mf);
    return failed;
}
