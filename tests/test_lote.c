/* Trusted lists (ETSI TS 119 602 LoTE, JSON).
 *
 * 1. Every line of testvectors/register/lote/manifest.tsv: the list is read (or refused as
 *    malformed / beyond a limit), judged by wrp_lote_check with the line's list signers and time,
 *    and yields the named number of anchors per service type.
 * 2. Anchors from a list verify what they should: a register response and a registration
 *    certificate signer.
 * 3. The lists published by others (testvectors/interop/lote): the WeBuild list with its detached
 *    signature, and the European Commission's WRPAC providers list payload. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "allocinject.h"
#include "policy/lote_check.h"
#include "policy/register.h"
#include "support/testcrypto.h"
#include "support/testmanifest.h"
#include "support/testpki.h"
#include "support/testutil.h"
#include "util/b64.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define T INT64_C(1798761600) /* 2027-01-01T00:00:00Z */
#define NOV28 INT64_C(1795824000)        /* 2026-11-28T00:00:00Z */
#define OCT01 INT64_C(1790812800)        /* 2026-10-01T00:00:00Z */
#define JUN01 INT64_C(1780272000)        /* 2026-06-01T00:00:00Z */
#define WEBUILD_ISSUED INT64_C(1778025600) /* 2026-05-06T00:00:00Z */
#define WEBUILD_NEXT INT64_C(1793923200)   /* 2026-11-06T00:00:00Z */
#define EC_ISSUED INT64_C(1775121694)      /* 2026-04-02T09:21:34Z */
#define EC_NEXT INT64_C(1790846494)        /* 2026-10-01T09:21:34Z */
#define REG_DIR "testvectors/register/"
#define LOTE_DIR "testvectors/register/lote/"
#define INTEROP "testvectors/interop/lote/"

static uint8_t *must_read(const char *dir, const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, rel);
    uint8_t *data = tu_read_file(path, len);
    if (data == NULL)
        fail_msg("cannot read %s", path);
    return data;
}

static void must_parse(const char *dir, const char *rel, wrp_lote *l)
{
    size_t len;
    uint8_t *data = must_read(dir, rel, &len);
    wrp_err err = {{0}};
    if (wrp_lote_parse(data, len, l, &err) != WRP_OK)
        fail_msg("%s%s: %s", dir, rel, err.msg);
    free(data);
}

static wrp_anchors *anchors_from(const char *rel)
{
    if (rel == NULL)
        return NULL;
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    size_t len;
    uint8_t *data = must_read(REG_DIR, rel, &len);
    assert_int_equal(wrp_anchors_add(a, data, len, NULL), WRP_OK);
    free(data);
    return a;
}

/* The number of anchors a list gives for one service type at time t. */
static size_t anchors_at(const wrp_lote *l, const char *svc, int64_t t)
{
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    size_t added = 99;
    assert_int_equal(wrp_lote_add_anchors(l, svc, t, a, &added), WRP_OK);
    size_t n = wrp_anchors_count(a);
    assert_int_equal(added, n);
    wrp_anchors_free(a);
    return n;
}

static size_t anchors_for(const wrp_lote *l, const char *svc)
{
    return anchors_at(l, svc, T);
}

/* ------------------------------------------------------------------------------------------ */
/* 1. The manifest                                                                               */

static wrp_lote_result result_by_name(const char *name)
{
    static const struct {
        const char *name;
        wrp_lote_result r;
    } names[] = {{"ok", WRP_LOTE_OK},
                 {"unsigned", WRP_LOTE_UNSIGNED},
                 {"bad_signature", WRP_LOTE_BAD_SIGNATURE},
                 {"untrusted", WRP_LOTE_UNTRUSTED},
                 {"not_yet_issued", WRP_LOTE_NOT_YET_ISSUED},
                 {"outdated", WRP_LOTE_OUTDATED}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].name, name) == 0)
            return names[i].r;
    fail_msg("unknown expected result %s", name);
    return WRP_LOTE_OK;
}

static void check_count(const tm_line *line, const wrp_lote *l, const char *key, const char *svc)
{
    const char *want = tm_opt(line, key), *t = tm_opt(line, "time");
    if (want != NULL)
        assert_int_equal(anchors_at(l, svc, t ? (int64_t)strtoll(t, NULL, 10) : T),
                         strtoul(want, NULL, 10));
}

static void manifest_line(void **state)
{
    const tm_line *line = *state;
    size_t len;
    uint8_t *data = must_read(LOTE_DIR, line->field[0], &len);
    const char *expected = line->field[1];
    wrp_lote l;
    wrp_err err = {{0}};
    wrp_status st = wrp_lote_parse(data, len, &l, &err);
    free(data);
    assert_int_equal(ERR_peek_error(), 0);
    if (strcmp(expected, "malformed") == 0 || strcmp(expected, "limit") == 0) {
        assert_int_equal(st, strcmp(expected, "limit") == 0 ? WRP_ERR_LIMIT : WRP_ERR_MALFORMED);
        assert_true(err.msg[0] != 0);
        return;
    }
    if (st != WRP_OK)
        fail_msg("%s: %s", line->field[0], err.msg);
    wrp_anchors *signers = anchors_from(tm_opt(line, "signers"));
    const char *t = tm_opt(line, "time");
    wrp_err why = {{0}};
    wrp_lote_result r = wrp_lote_check(&l, signers, t ? (int64_t)strtoll(t, NULL, 10) : T, &why);
    if (r != result_by_name(expected))
        fail_msg("%s, expected %s (%s)", wrp_lote_result_str(r), expected, why.msg);
    assert_int_equal(ERR_peek_error(), 0);
    check_count(line, &l, "wrpac", WRP_LOTE_SVC_WRPAC_ISSUANCE);
    check_count(line, &l, "wrprc", WRP_LOTE_SVC_WRPRC_ISSUANCE);
    check_count(line, &l, "wrprc_rev", WRP_LOTE_SVC_WRPRC_REVOCATION);
    check_count(line, &l, "register", WRP_LOTE_SVC_REGISTER);
    wrp_anchors_free(signers);
    wrp_lote_free(&l);
}

/* ------------------------------------------------------------------------------------------ */
/* 2. Anchors from a list                                                                       */

static void lote_model_content(void **state)
{
    (void)state;
    wrp_lote l;
    must_parse(LOTE_DIR, "detached.json", &l);
    assert_int_equal(l.sig_form, WRP_LOTE_SIG_DETACHED);
    assert_int_equal(l.n_detached_forms, 2); /* the operator name holds a non-ASCII letter */
    assert_int_equal(l.version, 1);
    assert_int_equal(l.sequence, 7);
    assert_string_equal(l.type, "http://uri.etsi.org/19602/LoTEType/EURegistrarsAndRegistersList");
    assert_string_equal(l.operator_name, "Test Scheme Operator Z\xc3\xbcrich");
    assert_string_equal(l.territory, "EU");
    assert_int_equal(l.issued, T - 31 * 86400);
    assert_int_equal(l.next_update, T + 151 * 86400);
    assert_int_equal(l.n_entities, 3);
    assert_string_equal(l.entities[0].name, "Test WRPAC Provider");
    assert_string_equal(l.entities[0].trade_name, "NTRNL-90000001");
    assert_int_equal(l.entities[1].n_services, 3);
    assert_string_equal(l.entities[1].services[2].status,
                        "http://uri.etsi.org/19602/SvcStatus/withdrawn");
    assert_string_equal(l.entities[2].services[0].type, WRP_LOTE_SVC_REGISTER);
    assert_string_equal(l.entities[2].services[0].name, "Register of relying parties");
    assert_int_equal(l.entities[2].services[0].n_certs, 1);
    assert_int_equal(anchors_for(&l, "http://uri.etsi.org/19602/SvcType/WRPAC/Revocation"), 1);
    assert_int_equal(anchors_for(&l, "http://uri.etsi.org/19602/SvcType/wrpac/issuance"), 0);
    assert_int_equal(anchors_for(&l, "http://uri.etsi.org/19602/SvcType/WRPAC/Issuance/"), 0);
    wrp_lote_free(&l);
}

/* The list's Register service anchors the register responses; its WRPRC services anchor the
 * registration certificate signer and the status list signer. */
static void lote_anchors_verify(void **state)
{
    (void)state;
    wrp_lote l;
    must_parse(LOTE_DIR, "jades.jwt", &l);
    wrp_anchors *signers = anchors_from("pki/lote-root.pem");
    assert_int_equal(wrp_lote_check(&l, signers, T, NULL), WRP_LOTE_OK);
    wrp_anchors *reg = wrp_anchors_new(), *rc = wrp_anchors_new();
    assert_int_equal(wrp_lote_add_anchors(&l, WRP_LOTE_SVC_REGISTER, T, reg, NULL), WRP_OK);
    assert_int_equal(wrp_lote_add_anchors(&l, WRP_LOTE_SVC_WRPRC_ISSUANCE, T, rc, NULL), WRP_OK);

    size_t len;
    uint8_t *doc = must_read(REG_DIR, "valid.jwt", &len);
    wrp_register_input in = {doc, len};
    wrp_findings f = {0};
    wrp_register_result r;
    assert_int_equal(wrp_check_register(reg, T, &in, 1, NULL, &r, &f), WRP_OK);
    assert_int_equal(f.n, 0);
    assert_true(r.doc_authentic[0]);
    wrp_register_result_free(&r);
    free(doc);

    uint8_t *pem = must_read("testvectors/rc/pki/", "rc-signer.pem", &len);
    wrp_chain chain;
    assert_int_equal(wrp_chain_parse(pem, len, &chain, NULL), WRP_OK);
    assert_int_equal(wrp_chain_verify(rc, &chain, T, NULL, NULL), WRP_CHAIN_OK);
    assert_int_equal(wrp_chain_verify(reg, &chain, T, NULL, NULL), WRP_CHAIN_UNTRUSTED);
    wrp_chain_free(&chain);
    free(pem);
    wrp_anchors_free(reg);
    wrp_anchors_free(rc);
    wrp_anchors_free(signers);
    wrp_lote_free(&l);
}

/* A list with more certificates than an anchor set may hold is refused whole. */
static void lote_certificate_limit(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = must_read(REG_DIR, "pki/reg-root.pem", &len);
    wrp_chain chain;
    assert_int_equal(wrp_chain_parse(pem, len, &chain, NULL), WRP_OK);
    free(pem);
    unsigned char *der = NULL;
    int der_len = i2d_X509(chain.certs[0], &der);
    assert_true(der_len > 0);
    char *b64 = tc_b64(der, (size_t)der_len);
    OPENSSL_free(der);
    wrp_chain_free(&chain);
    size_t entry = strlen(b64) + 16, cap = 512 + (WRP_MAX_ANCHORS + 1) * entry;
    char *doc = malloc(cap);
    assert_non_null(doc);
    size_t k = (size_t)snprintf(doc, cap,
                                "{\"LoTE\":{\"ListAndSchemeInformation\":{\"LoTEVersionIdentifier\":1,"
                                "\"LoTESequenceNumber\":1,\"ListIssueDateTime\":\"2026-01-01T00:00:00Z\","
                                "\"NextUpdate\":\"2028-01-01T00:00:00Z\"},\"TrustedEntitiesList\":[{"
                                "\"TrustedEntityInformation\":{},\"TrustedEntityServices\":[{"
                                "\"ServiceInformation\":{\"ServiceDigitalIdentity\":{"
                                "\"X509Certificates\":[");
    for (size_t i = 0; i <= WRP_MAX_ANCHORS; i++)
        k += (size_t)snprintf(doc + k, cap - k, "%s{\"val\":\"%s\"}", i ? "," : "", b64);
    snprintf(doc + k, cap - k, "]}}}]}]}}");
    wrp_lote l;
    wrp_err err = {{0}};
    assert_int_equal(wrp_lote_parse((const uint8_t *)doc, strlen(doc), &l, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "certificates"));
    free(doc);
    free(b64);
}

static void lote_arguments(void **state)
{
    (void)state;
    wrp_lote l;
    assert_int_equal(wrp_lote_parse(NULL, 1, &l, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_lote_parse(NULL, 0, NULL, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_lote_parse((const uint8_t *)"", 0, &l, NULL), WRP_ERR_MALFORMED);
    assert_int_equal(wrp_lote_add_anchors(NULL, WRP_LOTE_SVC_REGISTER, T, NULL, NULL), WRP_ERR_ARG);
    assert_string_equal(wrp_lote_result_str(WRP_LOTE_OUTDATED), "past its next update");
    assert_string_equal(wrp_lote_result_str((wrp_lote_result)99), "unknown");
    wrp_lote_free(NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* 3. Interop                                                                                    */

/* WeBuild's WRPAC providers list: a detached JWS over the sorted compact JSON, signed by the
 * certificate in its protected header ("O=WP4, C=EU"); next update 2026-11-06. */
static void interop_webuild_list(void **state)
{
    (void)state;
    wrp_lote l;
    must_parse(INTEROP, "webuild-wrpac-providers-lote.json", &l);
    assert_int_equal(l.sig_form, WRP_LOTE_SIG_DETACHED);
    assert_int_equal(l.n_detached_forms, 1);
    assert_int_equal(l.version, 1);
    assert_int_equal(l.sequence, 1);
    assert_string_equal(l.type, "http://uri.etsi.org/19602/LoTEType/EUWRPACProvidersList");
    assert_string_equal(l.operator_name, "WP4");
    assert_int_equal(l.issued, WEBUILD_ISSUED);
    assert_int_equal(l.next_update, WEBUILD_NEXT);
    assert_int_equal(l.n_entities, 1);
    assert_string_equal(l.entities[0].name, "Raidiam Services Ltd");
    assert_string_equal(l.entities[0].trade_name, "NTRGB-10742851");
    assert_int_equal(l.entities[0].n_services, 2);
    assert_string_equal(l.entities[0].services[0].type, WRP_LOTE_SVC_WRPAC_ISSUANCE);
    assert_string_equal(l.entities[0].services[1].type,
                        "http://uri.etsi.org/19602/SvcType/WRPAC/Revocation");
    wrp_cert_info info;
    assert_int_equal(wrp_cert_info_get(l.entities[0].services[0].certs[0], &info, NULL), WRP_OK);
    assert_string_equal(info.common_name, "EUDI Sandbox Root CA - G1");
    assert_true(info.is_ca);
    wrp_cert_info_free(&info);
    assert_int_equal(anchors_for(&l, WRP_LOTE_SVC_WRPAC_ISSUANCE), 1);
    assert_int_equal(anchors_for(&l, WRP_LOTE_SVC_WRPRC_ISSUANCE), 0);

    /* The list signer: the certificate its protected header carries. */
    wrp_chain signer;
    assert_int_equal(wrp_jws_x5c(&l.jws, &signer, NULL), WRP_OK);
    wrp_anchors *signers = wrp_anchors_new();
    assert_int_equal(wrp_anchors_add_cert(signers, signer.certs[0]), WRP_OK);
    wrp_chain_free(&signer);
    wrp_err why = {{0}};
    assert_int_equal(wrp_lote_check(&l, signers, OCT01, &why), WRP_LOTE_OK);
    assert_int_equal(wrp_lote_check(&l, signers, WEBUILD_NEXT - 1, NULL), WRP_LOTE_OK);
    assert_int_equal(wrp_lote_check(&l, signers, WEBUILD_NEXT, NULL), WRP_LOTE_OUTDATED);
    assert_int_equal(wrp_lote_check(&l, signers, NOV28, &why), WRP_LOTE_OUTDATED);
    assert_non_null(strstr(why.msg, "must not be used"));
    assert_int_equal(wrp_lote_check(&l, NULL, OCT01, NULL), WRP_LOTE_OK);
    assert_int_equal(wrp_lote_check(&l, NULL, NOV28, NULL), WRP_LOTE_OUTDATED);
    wrp_anchors *other = anchors_from("pki/lote-root.pem");
    assert_int_equal(wrp_lote_check(&l, other, OCT01, NULL), WRP_LOTE_UNTRUSTED);
    wrp_anchors_free(other);
    wrp_lote_free(&l);

    /* One letter changed after signing: the signature no longer verifies. */
    size_t len;
    uint8_t *data = must_read(INTEROP, "webuild-wrpac-providers-lote.json", &len);
    char *p = strstr((char *)data, "Raidiam Services Ltd");
    assert_non_null(p);
    p[19] = 'x';
    assert_int_equal(wrp_lote_parse(data, len, &l, NULL), WRP_OK);
    assert_int_equal(wrp_lote_check(&l, signers, OCT01, &why), WRP_LOTE_BAD_SIGNATURE);
    wrp_lote_free(&l);
    free(data);
    wrp_anchors_free(signers);
}

/* The European Commission's non-production WRPAC providers list: the payload only (the inner
 * object, without its signature), sequence 2, next update 2026-10-01T09:21:34Z. */
static void interop_ec_payload(void **state)
{
    (void)state;
    wrp_lote l;
    must_parse(INTEROP, "ec-non-prod-lists-via-vck/ec-wrpac-providers-lote-payload-seq2.json", &l);
    assert_int_equal(l.sig_form, WRP_LOTE_SIG_NONE);
    assert_int_equal(l.sequence, 2);
    assert_string_equal(l.type, "http://uri.etsi.org/19602/LoTEType/EUWRPACProvidersList");
    assert_string_equal(l.operator_name, "European Commission");
    assert_int_equal(l.issued, EC_ISSUED);
    assert_int_equal(l.next_update, EC_NEXT);
    static const char *const names[] = {"eidas2sandkasse RP Access CA test", "Idakto", "Microsec Ltd.",
                                        "A-SIT", "WRPAC Provider - failing conformance checks"};
    assert_int_equal(l.n_entities, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(l.entities[i].name, names[i]);
        assert_int_equal(l.entities[i].n_services, 1);
        assert_string_equal(l.entities[i].services[0].type, WRP_LOTE_SVC_WRPAC_ISSUANCE);
        assert_int_equal(l.entities[i].services[0].n_certs, 1);
    }
    assert_int_equal(anchors_for(&l, WRP_LOTE_SVC_WRPAC_ISSUANCE), 5);
    assert_int_equal(anchors_for(&l, WRP_LOTE_SVC_REGISTER), 0);
    assert_int_equal(wrp_lote_check(&l, NULL, JUN01, NULL), WRP_LOTE_OK);
    assert_int_equal(wrp_lote_check(&l, NULL, NOV28, NULL), WRP_LOTE_OUTDATED);
    assert_int_equal(wrp_lote_check(&l, NULL, EC_ISSUED - 1, NULL), WRP_LOTE_NOT_YET_ISSUED);
    wrp_anchors *signers = anchors_from("pki/lote-root.pem");
    assert_int_equal(wrp_lote_check(&l, signers, JUN01, NULL), WRP_LOTE_UNSIGNED);
    wrp_anchors_free(signers);
    wrp_lote_free(&l);
}

/* ------------------------------------------------------------------------------------------ */
/* 4. Bounded work: list signers named by the header, the lookup of denied certificates        */

#define LIST_JSON                                                                                  \
    "{\"LoTE\":{\"ListAndSchemeInformation\":{\"LoTEVersionIdentifier\":1,\"LoTESequenceNumber\":1," \
    "\"ListIssueDateTime\":\"2026-12-01T00:00:00Z\",\"NextUpdate\":\"2027-06-01T00:00:00Z\"},"      \
    "\"TrustedEntitiesList\":[]}}"

/* A list signer certificate for key, self-signed and valid around T. */
static X509 *signer_cert(EVP_PKEY *key, long serial)
{
    tp_spec spec = {.cn = "List signer", .not_before = T - TP_YEAR, .not_after = T + TP_YEAR,
                    .serial = serial, .ca = -1};
    X509 *c = tp_cert(&spec, key, NULL, NULL);
    assert_non_null(c);
    return c;
}

/* {"alg":"ES256"}, with "x5t#S256" of cert when cert is non-NULL (bad: a value of 31 bytes). */
static char *header_naming(X509 *cert, bool bad)
{
    char *x5t = NULL, *out = malloc(160);
    assert_non_null(out);
    if (cert == NULL) {
        snprintf(out, 160, "{\"alg\":\"ES256\"}");
        return out;
    }
    uint8_t md[32];
    unsigned int len = 0;
    assert_int_equal(X509_digest(cert, EVP_sha256(), md, &len), 1);
    assert_int_equal(wrp_b64url_encode(md, bad ? 31 : 32, &x5t), WRP_OK);
    snprintf(out, 160, "{\"alg\":\"ES256\",\"x5t#S256\":\"%s\"}", x5t);
    free(x5t);
    return out;
}

/* The list signed by key as a compact JWS with that header, read. */
static void signed_list(const char *header, EVP_PKEY *key, wrp_lote *l)
{
    char *jws = tc_jws(header, (const uint8_t *)LIST_JSON, strlen(LIST_JSON), WRP_ALG_ES256, key);
    assert_non_null(jws);
    wrp_err err = {{0}};
    if (wrp_lote_parse((const uint8_t *)jws, strlen(jws), l, &err) != WRP_OK)
        fail_msg("signed list: %s", err.msg);
    free(jws);
}

enum { N_SIGNERS = 48 };

typedef struct signers {
    EVP_PKEY *keys[N_SIGNERS];
    X509 *certs[N_SIGNERS];
} signers;

static void signers_make(signers *s)
{
    for (size_t i = 0; i < N_SIGNERS; i++) {
        assert_non_null(s->keys[i] = tp_key());
        s->certs[i] = signer_cert(s->keys[i], (long)i + 1);
    }
}

static void signers_free(signers *s)
{
    for (size_t i = 0; i < N_SIGNERS; i++) {
        X509_free(s->certs[i]);
        EVP_PKEY_free(s->keys[i]);
    }
}

/* An anchor set of certs[from, to). */
static wrp_anchors *set_of(const signers *s, size_t from, size_t to)
{
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    for (size_t i = from; i < to; i++)
        assert_int_equal(wrp_anchors_add_cert(a, s->certs[i]), WRP_OK);
    return a;
}

/* A list without x5c whose header names its signer (x5t#S256) is checked against that signer
 * only: however many list signers are configured, one signature is verified. */
static void lote_signer_named_by_x5t(void **state)
{
    (void)state;
    signers s;
    signers_make(&s);
    wrp_anchors *all = set_of(&s, 0, N_SIGNERS), *one = set_of(&s, N_SIGNERS - 1, N_SIGNERS);
    char *hdr = header_naming(s.certs[N_SIGNERS - 1], false);
    wrp_lote l;
    signed_list(hdr, s.keys[N_SIGNERS - 1], &l);
    ai_allocs = 0;
    assert_int_equal(wrp_lote_check(&l, one, T, NULL), WRP_LOTE_OK);
    unsigned long with_one = ai_allocs;
    ai_allocs = 0;
    assert_int_equal(wrp_lote_check(&l, all, T, NULL), WRP_LOTE_OK);
    unsigned long with_all = ai_allocs;
    wrp_lote_free(&l);
    free(hdr);
    const char *why_not = NULL;
    if (ai_available(&why_not)) {
        printf("allocations checking the list: %lu with its signer alone, %lu among %d signers\n",
               with_one, with_all, N_SIGNERS);
        /* the other signers cost the digest of their certificate, never a verification */
        if (with_all > with_one + 16 * (N_SIGNERS - 1))
            fail_msg("%lu allocations among %d list signers, %lu with the signer alone", with_all,
                     N_SIGNERS, with_one);
    } else {
        printf("allocations not counted: %s\n", why_not);
    }

    /* x5t#S256 names another configured signer: the list's own signer is not tried */
    wrp_err why = {{0}};
    hdr = header_naming(s.certs[0], false);
    signed_list(hdr, s.keys[N_SIGNERS - 1], &l);
    assert_int_equal(wrp_lote_check(&l, all, T, &why), WRP_LOTE_BAD_SIGNATURE);
    assert_non_null(strstr(why.msg, "x5t#S256"));
    wrp_lote_free(&l);
    free(hdr);
    /* x5t#S256 that is no SHA-256 digest */
    hdr = header_naming(s.certs[N_SIGNERS - 1], true);
    signed_list(hdr, s.keys[N_SIGNERS - 1], &l);
    assert_int_equal(wrp_lote_check(&l, one, T, &why), WRP_LOTE_BAD_SIGNATURE);
    assert_non_null(strstr(why.msg, "x5t#S256"));
    /* without list signers there is nothing to check it against */
    assert_int_equal(wrp_lote_check(&l, NULL, T, NULL), WRP_LOTE_OK);
    wrp_lote_free(&l);
    free(hdr);
    wrp_anchors_free(all);
    wrp_anchors_free(one);
    signers_free(&s);
}

/* A list that names no signer (no x5c, no x5t#S256) is tried against at most
 * WRP_MAX_LOTE_SIGNER_TRIALS list signers: each try hashes the whole list. */
static void lote_signer_trials_limit(void **state)
{
    (void)state;
    signers s;
    signers_make(&s);
    wrp_anchors *at = set_of(&s, 0, WRP_MAX_LOTE_SIGNER_TRIALS),
                *over = set_of(&s, 0, WRP_MAX_LOTE_SIGNER_TRIALS + 1);
    char *hdr = header_naming(NULL, false);
    wrp_lote l;
    signed_list(hdr, s.keys[WRP_MAX_LOTE_SIGNER_TRIALS - 1], &l);
    assert_int_equal(wrp_lote_check(&l, at, T, NULL), WRP_LOTE_OK);
    wrp_err why = {{0}};
    assert_int_equal(wrp_lote_check(&l, over, T, &why), WRP_LOTE_BAD_SIGNATURE);
    assert_non_null(strstr(why.msg, "neither x5c nor x5t#S256 names the signer"));
    wrp_lote_free(&l);
    /* named, the same signer among as many is found */
    free(hdr);
    hdr = header_naming(s.certs[WRP_MAX_LOTE_SIGNER_TRIALS - 1], false);
    signed_list(hdr, s.keys[WRP_MAX_LOTE_SIGNER_TRIALS - 1], &l);
    assert_int_equal(wrp_lote_check(&l, over, T, NULL), WRP_LOTE_OK);
    wrp_lote_free(&l);
    free(hdr);
    wrp_anchors_free(at);
    wrp_anchors_free(over);
    signers_free(&s);
}

/* {"val": base64 DER} of a certificate for key. */
static char *cert_entry(EVP_PKEY *key, long serial)
{
    tp_spec spec = {.cn = "Provider CA", .serial = serial, .ca = 1};
    X509 *c = tp_cert(&spec, key, NULL, NULL);
    assert_non_null(c);
    size_t len = 0;
    uint8_t *der = tp_der(c, &len);
    char *b64 = tc_b64(der, len), *out = malloc(strlen(b64) + 16);
    assert_non_null(out);
    sprintf(out, "{\"val\":\"%s\"}", b64);
    free(b64);
    free(der);
    X509_free(c);
    return out;
}

/* A certificate that a service which does not grant also lists is looked up among the sorted
 * certificates of those services: the work grows with the list's services and certificates, not
 * with their product. */
static void lote_denied_lookup_work(void **state)
{
    (void)state;
    enum { GRANTED = 500, WITHDRAWN = 500, OTHER = 2000 };
    EVP_PKEY *key = tp_key();
    char **granted = calloc(GRANTED, sizeof *granted);
    assert_non_null(granted);
    size_t cap = 4096, n = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
#define APPEND(...)                                                                                \
    do {                                                                                           \
        int k_ = snprintf(NULL, 0, __VA_ARGS__);                                                  \
        if (n + (size_t)k_ + 1 > cap) {                                                            \
            cap = (n + (size_t)k_ + 1) * 2;                                                        \
            assert_non_null(doc = realloc(doc, cap));                                              \
        }                                                                                          \
        n += (size_t)snprintf(doc + n, cap - n, __VA_ARGS__);                                     \
    } while (0)
    APPEND("{\"LoTE\":{\"ListAndSchemeInformation\":{\"LoTEVersionIdentifier\":1,"
           "\"LoTESequenceNumber\":1,\"ListIssueDateTime\":\"2026-12-01T00:00:00Z\","
           "\"NextUpdate\":\"2027-06-01T00:00:00Z\"},\"TrustedEntitiesList\":[{"
           "\"TrustedEntityInformation\":{},\"TrustedEntityServices\":[");
    APPEND("{\"ServiceInformation\":{\"ServiceTypeIdentifier\":\"%s\",\"ServiceStatus\":"
           "\"http://uri.etsi.org/19602/SvcStatus/granted\",\"ServiceDigitalIdentity\":{"
           "\"X509Certificates\":[", WRP_LOTE_SVC_WRPAC_ISSUANCE);
    for (size_t i = 0; i < GRANTED; i++) {
        granted[i] = cert_entry(key, (long)i + 1);
        APPEND("%s%s", i ? "," : "", granted[i]);
    }
    APPEND("]}}}");
    /* each withdrawn service lists one certificate; the first lists a granted one */
    for (size_t i = 0; i < WITHDRAWN; i++) {
        char *e = i == 0 ? NULL : cert_entry(key, (long)(GRANTED + i) + 1);
        APPEND(",{\"ServiceInformation\":{\"ServiceTypeIdentifier\":\"%s\",\"ServiceStatus\":"
               "\"http://uri.etsi.org/19602/SvcStatus/withdrawn\",\"ServiceDigitalIdentity\":{"
               "\"X509Certificates\":[%s]}}}", WRP_LOTE_SVC_WRPAC_ISSUANCE, e ? e : granted[0]);
        free(e);
    }
    for (size_t i = 0; i < OTHER; i++)
        APPEND(",{\"ServiceInformation\":{\"ServiceTypeIdentifier\":\"%s\","
               "\"ServiceDigitalIdentity\":{}}}", WRP_LOTE_SVC_REGISTER);
    APPEND("]}]}}");
#undef APPEND
    wrp_lote l;
    wrp_err err = {{0}};
    if (wrp_lote_parse((const uint8_t *)doc, n, &l, &err) != WRP_OK)
        fail_msg("list: %s", err.msg);
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    size_t added = 0, work = 0;
    assert_int_equal(wrp_lote_add_anchors_counted(&l, WRP_LOTE_SVC_WRPAC_ISSUANCE, T, a, &added, &work),
                     WRP_OK);
    assert_int_equal(added, GRANTED - 1);
    assert_int_equal(wrp_anchors_count(a), GRANTED - 1);
    size_t services = 1 + WITHDRAWN + OTHER, certs = GRANTED + WITHDRAWN;
    printf("%zu services, %zu certificates: %zu steps\n", services, certs, work);
    if (work > 16 * (services + certs))
        fail_msg("%zu steps for %zu services and %zu certificates (at most 16 each)", work, services,
                 certs);
    assert_true(work >= services + certs);
    wrp_anchors_free(a);
    wrp_lote_free(&l);
    for (size_t i = 0; i < GRANTED; i++)
        free(granted[i]);
    free(granted);
    free(doc);
    EVP_PKEY_free(key);
}

/* file, expected result, then key=value options */
static const char *const manifest_keys[] = {"register", "signers", "time", "wrpac", "wrprc", "wrprc_rev",
                                            NULL};
static const tm_format manifest_format = {.min_fields = 2, .max_fields = TM_MAX_FIELDS,
                                          .options_from = 2, .keys = manifest_keys};

int main(void)
{
    tm_manifest m;
    if (tm_load(LOTE_DIR "manifest.tsv", &manifest_format, &m) != 0) {
        fprintf(stderr, "%s\n", m.error);
        return 1;
    }
    struct CMUnitTest *tests = calloc(m.n, sizeof *tests);
    if (tests == NULL)
        return 1;
    for (size_t i = 0; i < m.n; i++) {
        tests[i].name = m.v[i].name;
        tests[i].test_func = manifest_line;
        tests[i].initial_state = &m.v[i];
    }
    int failed = _cmocka_run_group_tests("lote_manifest", tests, m.n, NULL, NULL);
    free(tests);

    const struct CMUnitTest unit[] = {
        cmocka_unit_test(lote_model_content),
        cmocka_unit_test(lote_anchors_verify),
        cmocka_unit_test(lote_certificate_limit),
        cmocka_unit_test(lote_arguments),
        cmocka_unit_test(interop_webuild_list),
        cmocka_unit_test(interop_ec_payload),
        cmocka_unit_test(lote_signer_named_by_x5t),
        cmocka_unit_test(lote_signer_trials_limit),
        cmocka_unit_test(lote_denied_lookup_work),
    };
    failed += cmocka_run_group_tests_name("lote", unit, NULL, NULL);
    tm_free(&m);
    return failed;
}
