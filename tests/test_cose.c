/* COSE_Sign1: structure, header buckets, alg and crit decisions, Sig_structure over the protected
 * bytes as received, detached payloads. Messages are written here byte by byte (not with the
 * library's encoder), so that the library's Sig_structure is checked against an independent one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include "crypto/cose.h"
#include "util/cbor.h"
#include "util/limits.h"
#include "support/testcrypto.h"
#include "support/testutil.h"

#define UNTAGGED (-1)
#define NIL_PAYLOAD NULL, 0

static struct {
    EVP_PKEY *p256, *p384, *p521, *rsa2048, *ed25519;
} k;

static const uint8_t content[] = "This is the content.";
#define CONTENT content, (sizeof content - 1)

static int keys_up(void **state)
{
    (void)state;
    k.p256 = tc_keygen("P-256");
    k.p384 = tc_keygen("P-384");
    k.p521 = tc_keygen("P-521");
    k.rsa2048 = tc_keygen("RSA-2048");
    k.ed25519 = tc_keygen("Ed25519");
    return k.p256 && k.p384 && k.p521 && k.rsa2048 && k.ed25519 ? 0 : -1;
}

static int keys_down(void **state)
{
    (void)state;
    EVP_PKEY_free(k.p256);
    EVP_PKEY_free(k.p384);
    EVP_PKEY_free(k.p521);
    EVP_PKEY_free(k.rsa2048);
    EVP_PKEY_free(k.ed25519);
    return 0;
}

/* A minimal CBOR writer, independent of the library's. */
typedef struct buf {
    uint8_t b[2048];
    size_t n;
} buf;

static void raw(buf *o, const void *p, size_t n)
{
    assert_true(o->n + n <= sizeof o->b);
    if (n > 0)
        memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void head(buf *o, uint8_t major, uint64_t v)
{
    uint8_t h[9];
    size_t n;
    if (v < 24) {
        h[0] = (uint8_t)((uint64_t)major << 5 | v);
        n = 1;
    } else if (v <= 0xff) {
        h[0] = (uint8_t)(major << 5 | 24);
        h[1] = (uint8_t)v;
        n = 2;
    } else if (v <= 0xffff) {
        h[0] = (uint8_t)(major << 5 | 25);
        h[1] = (uint8_t)(v >> 8);
        h[2] = (uint8_t)v;
        n = 3;
    } else {
        h[0] = (uint8_t)(major << 5 | 26);
        for (int i = 0; i < 4; i++)
            h[1 + i] = (uint8_t)(v >> (24 - 8 * i));
        n = 5;
    }
    raw(o, h, n);
}

/* libcbor 0.8 refuses the one-byte heads of tags 6..20 (0xc6..0xd4, "unassigned" in its decoder),
 * tag 18 among them; those tags are written with a one-byte argument (0xd8 nn) here. */
static void tag_head(buf *o, uint64_t tag)
{
    if (tag >= 6 && tag <= 20) {
        uint8_t h[2] = {0xd8, (uint8_t)tag};
        raw(o, h, 2);
    } else {
        head(o, 6, tag);
    }
}

static void bstr(buf *o, const void *p, size_t n)
{
    head(o, 2, n);
    raw(o, p, n);
}

static void hex(buf *o, const char *h)
{
    size_t n = 0;
    uint8_t *b = tu_hex_decode(h, &n);
    assert_non_null(b);
    raw(o, b, n);
    free(b);
}

/* Sig_structure for COSE_Sign1 with empty external_aad. */
static void tbs(buf *o, const char *prot_hex, const uint8_t *payload, size_t plen)
{
    size_t n = 0;
    uint8_t *prot = tu_hex_decode(prot_hex, &n);
    assert_non_null(prot);
    raw(o, "\x84\x6a" "Signature1", 12);
    bstr(o, prot, n);
    bstr(o, "", 0);
    bstr(o, payload, plen);
    free(prot);
}

/* Signs the Sig_structure of (prot_hex, payload) under alg. */
static uint8_t *sign_over(wrp_alg alg, EVP_PKEY *key, const char *prot_hex, const uint8_t *payload,
                          size_t plen, size_t *siglen)
{
    buf t = {.n = 0};
    tbs(&t, prot_hex, payload, plen);
    uint8_t *sig = NULL;
    assert_int_equal(tc_sign(alg, key, t.b, t.n, &sig, siglen), 0);
    return sig;
}

/* tag (or UNTAGGED) [ bstr(prot), unprot (raw CBOR), payload bstr or nil, bstr(sig) ] */
static void message(buf *o, int64_t tag, const char *prot_hex, const char *unprot_hex,
                    const uint8_t *payload, size_t plen, const uint8_t *sig, size_t siglen)
{
    size_t n = 0;
    uint8_t *prot = tu_hex_decode(prot_hex, &n);
    assert_non_null(prot);
    if (tag >= 0)
        tag_head(o, (uint64_t)tag);
    head(o, 4, 4);
    bstr(o, prot, n);
    hex(o, unprot_hex);
    if (payload != NULL)
        bstr(o, payload, plen);
    else
        raw(o, "\xf6", 1);
    bstr(o, sig, siglen);
    free(prot);
}

/* A message signed over what it carries (payload NULL: detached, signed over `signed_payload`). */
static void signed_message(buf *o, int64_t tag, const char *prot_hex, const char *unprot_hex,
                           const uint8_t *payload, size_t plen, wrp_alg alg, EVP_PKEY *key)
{
    size_t siglen = 0;
    uint8_t *sig = sign_over(alg, key, prot_hex, payload != NULL ? payload : content,
                             payload != NULL ? plen : sizeof content - 1, &siglen);
    message(o, tag, prot_hex, unprot_hex, payload, plen, sig, siglen);
    free(sig);
}

/* wrp_cbor_parse then wrp_cose_sign1_parse; the parsed CBOR is released right away, so the
 * COSE_Sign1 must hold its own reference. */
static wrp_status parse(const buf *o, wrp_cose_sign1 *c)
{
    cbor_item_t *item = NULL;
    wrp_err err = {{0}};
    wrp_status st = wrp_cbor_parse(o->b, o->n, &item, &err);
    if (st != WRP_OK) {
        memset(c, 0, sizeof *c);
        return st;
    }
    st = wrp_cose_sign1_parse(item, c, &err);
    cbor_decref(&item);
    return st;
}

static wrp_status parse_verify(const buf *o, const uint8_t *detached, size_t dlen, EVP_PKEY *key)
{
    wrp_cose_sign1 c;
    wrp_status st = parse(o, &c);
    if (st == WRP_OK)
        st = wrp_cose_sign1_verify(&c, detached, dlen, key, NULL);
    wrp_cose_sign1_free(&c);
    assert_int_equal(ERR_peek_error(), 0);
    return st;
}

static EVP_PKEY *rfc9052_key_11(void)
{
    size_t n = 0;
    uint8_t *pub = tu_hex_decode("04"
                                 "bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff"
                                 "20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e",
                                 &n);
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, n);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *key = NULL;
    assert_int_equal(EVP_PKEY_fromdata_init(ctx), 1);
    assert_int_equal(EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params), 1);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    free(pub);
    return key;
}

/* RFC 9052 appendix C.2.1: the published message verifies with the published key. */
static void rfc9052_c21_known_answer(void **state)
{
    (void)state;
    buf o = {.n = 0};
    hex(&o, "D8128443A10126A10442313154546869732069732074686520636F6E74656E742E5840"
            "8EB33E4CA31D1C465AB05AAC34CC6B23D58FEF5C083106C4D25A91AEF0B0117E"
            "2AF9A291AA32E14AB834DC56ED2A223444547E01F11D3B0916E5A4C345CACB36");
    EVP_PKEY *key = rfc9052_key_11();
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_int_equal(c.alg, WRP_ALG_ES256);
    assert_true(c.crit_ok);
    assert_int_equal(c.protected_len, 3);
    assert_memory_equal(c.protected_raw, "\xa1\x01\x26", 3);
    assert_int_equal(c.payload_len, sizeof content - 1);
    assert_memory_equal(c.payload, content, sizeof content - 1);
    assert_int_equal(c.sig_len, 64);
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, key, NULL), WRP_OK);
    wrp_cose_sign1_free(&c);
    /* the same bytes with the last signature byte changed */
    o.b[o.n - 1] ^= 0x01;
    assert_int_equal(parse_verify(&o, NULL, 0, key), WRP_ERR_CRYPTO);
    EVP_PKEY_free(key);
}

static void tag18_and_untagged_accepted(void **state)
{
    (void)state;
    buf o = {.n = 0};
    signed_message(&o, 18, "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    assert_int_equal(parse_verify(&o, NULL, 0, k.p256), WRP_OK);
    buf u = {.n = 0};
    signed_message(&u, UNTAGGED, "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    assert_int_equal(parse_verify(&u, NULL, 0, k.p256), WRP_OK);
}

static void other_tags_refused(void **state)
{
    (void)state;
    static const int64_t tags[] = {61, 17, 98, 96, 24, 998};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        buf o = {.n = 0};
        signed_message(&o, tags[i], "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_ERR_MALFORMED);
        assert_null(c.root);
        wrp_cose_sign1_free(&c);
    }
    /* tag 18 twice */
    buf o = {.n = 0};
    tag_head(&o, 18);
    signed_message(&o, 18, "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_ERR_MALFORMED);
}

static void every_cose_alg_round_trips(void **state)
{
    (void)state;
    static const char *const prot[] = {"a10126", "a1013822", "a1013823", "a1013824",
                                       "a101390100", "a101390102", "a10127"};
    static const wrp_alg alg[] = {WRP_ALG_ES256, WRP_ALG_ES384, WRP_ALG_ES512, WRP_ALG_PS256,
                                  WRP_ALG_RS256, WRP_ALG_RS512, WRP_ALG_EDDSA};
    EVP_PKEY *key[] = {k.p256, k.p384, k.p521, k.rsa2048, k.rsa2048, k.rsa2048, k.ed25519};
    for (size_t i = 0; i < sizeof alg / sizeof alg[0]; i++) {
        buf o = {.n = 0};
        signed_message(&o, 18, prot[i], "a0", CONTENT, alg[i], key[i]);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_OK);
        assert_int_equal(c.alg, alg[i]);
        assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, key[i], NULL), WRP_OK);
        wrp_cose_sign1_free(&c);
    }
}

static void must_be_array_of_four(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "8343a10126a054546869732069732074686520636f6e74656e742e",  /* three items */
        "8543a10126a0f6400000",                                   /* five items */
        "a0",                                                     /* a map */
        "43a10126",                                               /* a byte string */
        "d8128343a10126a0f6",                                     /* tag 18, three items */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf o = {.n = 0};
        hex(&o, bad[i]);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_ERR_MALFORMED);
    }
}

/* libcbor's cbor_is_null aborts on a float: the payload check must not reach it with one. */
static void payload_float_or_other_simple_is_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "d2844043a10126a0f93e0040",               /* payload: half float 1.5 */
        "d2844043a10126a0fa3fc0000040",           /* single float */
        "d2844043a10126a0fb3ff800000000000040",   /* double float */
        "d2844043a10126a0f540",                   /* true */
        "d2844043a10126a0f740",                   /* undefined */
        "d2844043a10126a0f81840",                 /* simple value 24 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf o = {.n = 0};
        hex(&o, bad[i]);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_ERR_MALFORMED);
    }
}

static void protected_must_be_bstr_holding_a_map(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "84a10126a0f640",     /* protected as a map, not wrapped */
        "844281 01a0f640",    /* bstr holding an array */
        "844401a10126a0f640", /* bstr holding two items (01, then a map) */
        "8444a10126ffa0f640", /* bstr holding a map and a trailing byte */
        "8445a201260126a0f640", /* duplicate label 1 */
        "8442a101a0f640",     /* truncated map */
        "84f6a0f640",         /* nil */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf o = {.n = 0};
        hex(&o, bad[i]);
        wrp_cose_sign1 c;
        assert_int_not_equal(parse(&o, &c), WRP_OK);
        wrp_cose_sign1_free(&c);
    }
}

static void empty_protected_is_empty_map_without_alg(void **state)
{
    (void)state;
    buf o = {.n = 0};
    signed_message(&o, 18, "", "a10126", CONTENT, WRP_ALG_ES256, k.p256);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_int_equal(c.protected_len, 0);
    assert_non_null(c.protected_map);
    assert_true(cbor_isa_map(c.protected_map));
    assert_int_equal(cbor_map_size(c.protected_map), 0);
    assert_int_equal(c.alg, WRP_ALG_INVALID);
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, NULL), WRP_ERR_CRYPTO);
    wrp_cose_sign1_free(&c);
    /* an encoded empty map (h'a0') is also an empty protected header */
    buf e = {.n = 0};
    signed_message(&e, 18, "a0", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    assert_int_equal(parse(&e, &c), WRP_OK);
    assert_int_equal(c.alg, WRP_ALG_INVALID);
    wrp_cose_sign1_free(&c);
}

static void alg_only_in_unprotected_is_invalid(void **state)
{
    (void)state;
    buf o = {.n = 0};
    signed_message(&o, 18, "a104423131", "a10126", CONTENT, WRP_ALG_ES256, k.p256);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_int_equal(c.alg, WRP_ALG_INVALID);
    assert_non_null(wrp_cose_header(&c, WRP_COSE_LABEL_ALG, false));
    assert_null(wrp_cose_header(&c, WRP_COSE_LABEL_ALG, true));
    wrp_err err = {{0}};
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, &err), WRP_ERR_CRYPTO);
    assert_non_null(strstr(err.msg, "alg"));
    wrp_cose_sign1_free(&c);
}

static void alg_as_text_or_unknown_is_invalid(void **state)
{
    (void)state;
    /* {1: "ES256"}, {1: 5 (HMAC 256/256)}, {1: -9}, {1: h'26'}, {1: 18446744073709551615} */
    static const char *const prot[] = {"a101654553323536", "a10105", "a10128", "a1014126",
                                       "a1011bffffffffffffffff"};
    for (size_t i = 0; i < sizeof prot / sizeof prot[0]; i++) {
        buf o = {.n = 0};
        signed_message(&o, 18, prot[i], "a0", CONTENT, WRP_ALG_ES256, k.p256);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_OK);
        assert_int_equal(c.alg, WRP_ALG_INVALID);
        assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, NULL), WRP_ERR_CRYPTO);
        wrp_cose_sign1_free(&c);
    }
}

static void label_in_both_headers_refused(void **state)
{
    (void)state;
    /* alg in both; kid in both; text label "a" in both */
    static const char *const prot[] = {"a10126", "a2012604423131", "a201266161f5"};
    static const char *const unprot[] = {"a10126", "a104423232", "a16161f4"};
    for (size_t i = 0; i < 3; i++) {
        buf o = {.n = 0};
        signed_message(&o, 18, prot[i], unprot[i], CONTENT, WRP_ALG_ES256, k.p256);
        wrp_cose_sign1 c;
        wrp_err err = {{0}};
        cbor_item_t *item = NULL;
        assert_int_equal(wrp_cbor_parse(o.b, o.n, &item, &err), WRP_OK);
        assert_int_equal(wrp_cose_sign1_parse(item, &c, &err), WRP_ERR_MALFORMED);
        assert_non_null(strstr(err.msg, "both"));
        assert_null(c.root);
        assert_null(c.protected_map);
        cbor_decref(&item);
    }
    /* 1 and "1" are different labels */
    buf o = {.n = 0};
    signed_message(&o, 18, "a10126", "a16131f5", CONTENT, WRP_ALG_ES256, k.p256);
    assert_int_equal(parse_verify(&o, NULL, 0, k.p256), WRP_OK);
}

/* The hex of a header map of n labels: alg ES256 (when with_alg) then the integers from first
 * (uint or negint, one-byte argument) with value 0. */
static void label_map_hex(char *out, size_t size, size_t n, bool with_alg, int first)
{
    size_t at = 0;
    at += (size_t)snprintf(out + at, size - at, n < 24 ? "%02zx" : "b8%02zx", n < 24 ? 0xa0 + n : n);
    if (with_alg)
        at += (size_t)snprintf(out + at, size - at, "0126");
    for (size_t i = with_alg ? 1 : 0; i < n && at < size; i++) {
        int label = first + (int)i;
        at += (size_t)snprintf(out + at, size - at, "%s%02x00", label >= 0 ? "18" : "38",
                              (unsigned)(label >= 0 ? label : -1 - label));
    }
    assert_true(at < size);
}

/* At most WRP_MAX_COSE_HEADER_LABELS labels in each bucket (each pair of buckets is compared
 * label by label): at the limit the message verifies, one more is WRP_ERR_LIMIT. */
static void header_labels_limited(void **state)
{
    (void)state;
    char prot[512], unprot[512];
    for (size_t extra = 0; extra <= 1; extra++) {
        for (int bucket = 0; bucket < 2; bucket++) {
            size_t n = WRP_MAX_COSE_HEADER_LABELS + extra;
            label_map_hex(prot, sizeof prot, bucket == 0 ? n : 1, true, 100);
            label_map_hex(unprot, sizeof unprot, bucket == 1 ? n : 0, false, -100);
            buf o = {.n = 0};
            signed_message(&o, 18, prot, unprot, CONTENT, WRP_ALG_ES256, k.p256);
            wrp_cose_sign1 c;
            wrp_err err = {{0}};
            cbor_item_t *item = NULL;
            assert_int_equal(wrp_cbor_parse(o.b, o.n, &item, &err), WRP_OK);
            if (extra == 0) {
                assert_int_equal(wrp_cose_sign1_parse(item, &c, &err), WRP_OK);
                assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, &err), WRP_OK);
                wrp_cose_sign1_free(&c);
            } else {
                assert_int_equal(wrp_cose_sign1_parse(item, &c, &err), WRP_ERR_LIMIT);
                assert_string_equal(err.msg, bucket == 0 ? "COSE protected header: more than 64 labels"
                                                         : "COSE unprotected header: more than 64 labels");
                assert_null(c.root);
            }
            cbor_decref(&item);
        }
    }
}

static void header_keys_must_be_labels(void **state)
{
    (void)state;
    /* a byte-string key, a float key, an array key */
    static const char *const unprot[] = {"a14131f5", "a1f93c00f5", "a18001"};
    for (size_t i = 0; i < 3; i++) {
        buf o = {.n = 0};
        signed_message(&o, 18, "a10126", unprot[i], CONTENT, WRP_ALG_ES256, k.p256);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_ERR_MALFORMED);
    }
    buf o = {.n = 0};
    signed_message(&o, 18, "a201264131f5", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_ERR_MALFORMED);
}

static void element_types_checked(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "8443a1012680f64100",           /* unprotected an array */
        "8443a10126f6f64100",           /* unprotected nil */
        "8443a10126a061414100",         /* payload a text string */
        "8443a10126a0f66141",           /* signature a text string */
        "8443a10126a0f6f6",             /* signature nil */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf o = {.n = 0};
        hex(&o, bad[i]);
        wrp_cose_sign1 c;
        wrp_status st = parse(&o, &c);
        assert_int_not_equal(st, WRP_OK);
        wrp_cose_sign1_free(&c);
    }
}

static void detached_payload(void **state)
{
    (void)state;
    buf o = {.n = 0};
    signed_message(&o, 18, "a10126", "a0", NIL_PAYLOAD, WRP_ALG_ES256, k.p256);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_null(c.payload);
    assert_int_equal(wrp_cose_sign1_verify(&c, CONTENT, k.p256, NULL), WRP_OK);
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_cose_sign1_verify(&c, content, 5, k.p256, NULL), WRP_ERR_CRYPTO);
    wrp_cose_sign1_free(&c);
    /* attached: a detached payload is an argument error */
    buf a = {.n = 0};
    signed_message(&a, 18, "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    assert_int_equal(parse(&a, &c), WRP_OK);
    assert_int_equal(wrp_cose_sign1_verify(&c, CONTENT, k.p256, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, NULL), WRP_OK);
    wrp_cose_sign1_free(&c);
}

static void empty_attached_payload_is_not_detached(void **state)
{
    (void)state;
    static const uint8_t none[1] = {0};
    buf o = {.n = 0};
    size_t siglen = 0;
    uint8_t *sig = sign_over(WRP_ALG_ES256, k.p256, "a10126", none, 0, &siglen);
    message(&o, 18, "a10126", "a0", none, 0, sig, siglen);
    free(sig);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_non_null(c.payload);
    assert_int_equal(c.payload_len, 0);
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, NULL), WRP_OK);
    assert_int_equal(wrp_cose_sign1_verify(&c, none, 0, k.p256, NULL), WRP_ERR_ARG);
    wrp_cose_sign1_free(&c);
}

static void crit_understood_labels(void **state)
{
    (void)state;
    /* {1: -7, 2: [1]} and {1: -7, 2: [1, 16], 16: "rc-wrp+cwt"} */
    static const char *const prot[] = {"a201260281 01",
                                       "a3012602820110106a72632d7772702b637774"};
    for (size_t i = 0; i < 2; i++) {
        buf o = {.n = 0};
        signed_message(&o, 18, prot[i], "a0", CONTENT, WRP_ALG_ES256, k.p256);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_OK);
        assert_true(c.crit_ok);
        assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, NULL), WRP_OK);
        wrp_cose_sign1_free(&c);
    }
}

static void crit_not_understood_fails(void **state)
{
    (void)state;
    static const struct {
        const char *prot, *unprot;
    } cases[] = {
        {"a3012602811863186301", "a0"},   /* label 99, present */
        {"a2012602818104", "a0"},         /* not a label: [[4]] */
        {"a20126028104", "a104423131"},   /* kid listed but only unprotected */
        {"a2012602816178", "a0"},         /* text label "x", absent */
        {"a3012602816178617801", "a0"},   /* text label "x", present: {1: -7, 2: ["x"], "x": 1} */
        {"a20126028102", "a0"},           /* crit lists itself */
        {"a201260280", "a0"},             /* empty */
        {"a201260201", "a0"},             /* not an array */
        {"a2012602820101", "a0"},         /* repeated */
        {"a10126", "a1028101"},           /* crit in the unprotected header */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf o = {.n = 0};
        signed_message(&o, 18, cases[i].prot, cases[i].unprot, CONTENT, WRP_ALG_ES256, k.p256);
        wrp_cose_sign1 c;
        assert_int_equal(parse(&o, &c), WRP_OK);
        assert_false(c.crit_ok);
        wrp_err err = {{0}};
        assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, &err), WRP_ERR_CRYPTO);
        assert_non_null(strstr(err.msg, "crit"));
        wrp_cose_sign1_free(&c);
    }
}

/* {1: -7} as a1 01 26 (preferred) and as a1 01 38 06 (-7 with a one-byte argument). */
static void protected_bytes_verified_as_received(void **state)
{
    (void)state;
    static const char canon[] = "a10126", loose[] = "a1013806";
    size_t siglen = 0;
    /* signed over the canonical bytes, carried non-canonically: fails */
    uint8_t *sig = sign_over(WRP_ALG_ES256, k.p256, canon, CONTENT, &siglen);
    buf o = {.n = 0};
    message(&o, 18, loose, "a0", CONTENT, sig, siglen);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_int_equal(c.alg, WRP_ALG_ES256);
    assert_int_equal(c.protected_len, 4);
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, k.p256, NULL), WRP_ERR_CRYPTO);
    wrp_cose_sign1_free(&c);
    free(sig);
    /* signed over the non-canonical bytes it carries: verifies */
    sig = sign_over(WRP_ALG_ES256, k.p256, loose, CONTENT, &siglen);
    buf p = {.n = 0};
    message(&p, 18, loose, "a0", CONTENT, sig, siglen);
    assert_int_equal(parse_verify(&p, NULL, 0, k.p256), WRP_OK);
    /* and that signature does not carry over to the canonical form */
    buf q = {.n = 0};
    message(&q, 18, canon, "a0", CONTENT, sig, siglen);
    assert_int_equal(parse_verify(&q, NULL, 0, k.p256), WRP_ERR_CRYPTO);
    free(sig);
}

static void payload_bit_flip_fails(void **state)
{
    (void)state;
    uint8_t flipped[sizeof content];
    memcpy(flipped, content, sizeof content);
    flipped[0] ^= 0x20;
    size_t siglen = 0;
    uint8_t *sig = sign_over(WRP_ALG_ES256, k.p256, "a10126", CONTENT, &siglen);
    buf o = {.n = 0};
    message(&o, 18, "a10126", "a0", flipped, sizeof content - 1, sig, siglen);
    assert_int_equal(parse_verify(&o, NULL, 0, k.p256), WRP_ERR_CRYPTO);
    /* the unprotected header is not signed: changing it does not matter */
    buf u = {.n = 0};
    message(&u, 18, "a10126", "a104423939", CONTENT, sig, siglen);
    assert_int_equal(parse_verify(&u, NULL, 0, k.p256), WRP_OK);
    /* a signature bit flip */
    sig[10] ^= 0x04;
    buf s = {.n = 0};
    message(&s, 18, "a10126", "a0", CONTENT, sig, siglen);
    assert_int_equal(parse_verify(&s, NULL, 0, k.p256), WRP_ERR_CRYPTO);
    free(sig);
    /* wrong key, wrong curve for the alg */
    buf w = {.n = 0};
    signed_message(&w, 18, "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    assert_int_equal(parse_verify(&w, NULL, 0, k.p384), WRP_ERR_CRYPTO);
    assert_int_equal(parse_verify(&w, NULL, 0, k.rsa2048), WRP_ERR_CRYPTO);
}

static void header_lookup_prefers_protected(void **state)
{
    (void)state;
    /* protected {1: -7, 16: "a"}, unprotected {4: '11', 33: h'00'} */
    buf o = {.n = 0};
    signed_message(&o, 18, "a20126106161", "a2044231311821 4100", CONTENT, WRP_ALG_ES256, k.p256);
    wrp_cose_sign1 c;
    assert_int_equal(parse(&o, &c), WRP_OK);
    const cbor_item_t *typ = wrp_cose_header(&c, WRP_COSE_LABEL_TYP, true);
    const uint8_t *p;
    size_t n;
    assert_true(wrp_cbor_tstr(typ, &p, &n));
    assert_int_equal(n, 1);
    assert_non_null(wrp_cose_header(&c, WRP_COSE_LABEL_KID, false));
    assert_null(wrp_cose_header(&c, WRP_COSE_LABEL_KID, true));
    assert_non_null(wrp_cose_header(&c, WRP_COSE_LABEL_X5CHAIN, false));
    assert_null(wrp_cose_header(&c, WRP_COSE_LABEL_CONTENT_TYPE, false));
    assert_null(wrp_cose_header(NULL, WRP_COSE_LABEL_ALG, false));
    wrp_cose_sign1_free(&c);
}

static void x5chain_absent_is_malformed(void **state)
{
    (void)state;
    buf o = {.n = 0};
    signed_message(&o, 18, "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    wrp_cose_sign1 c;
    wrp_chain chain;
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_int_equal(wrp_cose_x5chain(&c, &chain, NULL), WRP_ERR_MALFORMED);
    assert_null(chain.certs);
    wrp_cose_sign1_free(&c);
}

/* x5chain from either header: one bstr, or an array of them. */
static void x5chain_gives_the_signing_certificate(void **state)
{
    (void)state;
    uint8_t *der = NULL;
    size_t derlen = 0;
    X509 *cert = tc_self_signed(k.p256, "reader", &der, &derlen);
    assert_non_null(cert);
    for (int where = 0; where < 3; where++) {
        /* protected {1: -7, 33: cert}; unprotected {33: cert}; unprotected {33: [cert]} */
        buf h = {.n = 0};
        head(&h, 5, where == 0 ? 2 : 1);
        if (where == 0)
            raw(&h, "\x01\x26", 2);
        raw(&h, "\x18\x21", 2);
        if (where == 2)
            head(&h, 4, 1);
        bstr(&h, der, derlen);
        char *hx = malloc(h.n * 2 + 1);
        for (size_t i = 0; i < h.n; i++)
            snprintf(hx + 2 * i, 3, "%02x", h.b[i]);
        buf o = {.n = 0};
        signed_message(&o, 18, where == 0 ? hx : "a10126", where == 0 ? "a0" : hx, CONTENT,
                       WRP_ALG_ES256, k.p256);
        free(hx);
        wrp_cose_sign1 c;
        wrp_chain chain;
        assert_int_equal(parse(&o, &c), WRP_OK);
        assert_int_equal(wrp_cose_x5chain(&c, &chain, NULL), WRP_OK);
        assert_int_equal(chain.n, 1);
        assert_int_equal(X509_cmp(chain.certs[0], cert), 0);
        assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, X509_get0_pubkey(chain.certs[0]), NULL),
                         WRP_OK);
        wrp_chain_free(&chain);
        wrp_cose_sign1_free(&c);
    }
    free(der);
    X509_free(cert);
}

static void missing_arguments(void **state)
{
    (void)state;
    wrp_cose_sign1 c;
    assert_int_equal(wrp_cose_sign1_parse(NULL, &c, NULL), WRP_ERR_ARG);
    assert_null(c.root);
    buf o = {.n = 0};
    signed_message(&o, 18, "a10126", "a0", CONTENT, WRP_ALG_ES256, k.p256);
    assert_int_equal(parse(&o, &c), WRP_OK);
    assert_int_equal(wrp_cose_sign1_verify(&c, NULL, 0, NULL, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_cose_sign1_verify(NULL, NULL, 0, k.p256, NULL), WRP_ERR_ARG);
    wrp_cose_sign1_free(&c);
    wrp_cose_sign1_free(&c);
    wrp_cose_sign1_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc9052_c21_known_answer),
        cmocka_unit_test(tag18_and_untagged_accepted),
        cmocka_unit_test(other_tags_refused),
        cmocka_unit_test(every_cose_alg_round_trips),
        cmocka_unit_test(must_be_array_of_four),
        cmocka_unit_test(payload_float_or_other_simple_is_malformed),
        cmocka_unit_test(protected_must_be_bstr_holding_a_map),
        cmocka_unit_test(empty_protected_is_empty_map_without_alg),
        cmocka_unit_test(alg_only_in_unprotected_is_invalid),
        cmocka_unit_test(alg_as_text_or_unknown_is_invalid),
        cmocka_unit_test(label_in_both_headers_refused),
        cmocka_unit_test(header_keys_must_be_labels),
        cmocka_unit_test(header_labels_limited),
        cmocka_unit_test(element_types_checked),
        cmocka_unit_test(detached_payload),
        cmocka_unit_test(empty_attached_payload_is_not_detached),
        cmocka_unit_test(crit_understood_labels),
        cmocka_unit_test(crit_not_understood_fails),
        cmocka_unit_test(protected_bytes_verified_as_received),
        cmocka_unit_test(payload_bit_flip_fails),
        cmocka_unit_test(header_lookup_prefers_protected),
        cmocka_unit_test(x5chain_absent_is_malformed),
        cmocka_unit_test(x5chain_gives_the_signing_certificate),
        cmocka_unit_test(missing_arguments),
    };
    return cmocka_run_group_tests_name("cose", tests, keys_up, keys_down);
}
