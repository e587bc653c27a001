/* JWS compact serialization: strict parts, strict header, alg and crit decisions, verification. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "crypto/jws.h"
#include "util/b64.h"
#include "util/limits.h"
#include "support/testcrypto.h"

static struct {
    EVP_PKEY *p256, *other256, *rsa2048, *ed25519;
} k;

static const char payload[] = "{\"client_id\":\"x509_hash:abc\",\"nonce\":\"n-0S6_WzA2Mj\"}";
#define PAYLOAD ((const uint8_t *)payload), (sizeof payload - 1)

static int keys_up(void **state)
{
    (void)state;
    k.p256 = tc_keygen("P-256");
    k.other256 = tc_keygen("P-256");
    k.rsa2048 = tc_keygen("RSA-2048");
    k.ed25519 = tc_keygen("Ed25519");
    return k.p256 && k.other256 && k.rsa2048 && k.ed25519 ? 0 : -1;
}

static int keys_down(void **state)
{
    (void)state;
    EVP_PKEY_free(k.p256);
    EVP_PKEY_free(k.other256);
    EVP_PKEY_free(k.rsa2048);
    EVP_PKEY_free(k.ed25519);
    return 0;
}

static wrp_status parse_str(const char *s, wrp_jws *j)
{
    wrp_err err = {{0}};
    return wrp_jws_parse((const uint8_t *)s, strlen(s), j, &err);
}

/* Parses and verifies a compact JWS text with key. */
static wrp_status parse_verify(const char *s, EVP_PKEY *key)
{
    wrp_jws j;
    wrp_status st = parse_str(s, &j);
    if (st == WRP_OK)
        st = wrp_jws_verify(&j, key, NULL);
    wrp_jws_free(&j);
    assert_int_equal(ERR_peek_error(), 0);
    return st;
}

/* A compact JWS made of three given parts, each already base64url. */
static char *join3(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 3;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s.%s.%s", a, b, c);
    return s;
}

static char *b64u(const void *p, size_t n)
{
    char *s = NULL;
    assert_int_equal(wrp_b64url_encode(p, n, &s), WRP_OK);
    return s;
}

/* A JWS text whose header is given as raw JSON, otherwise valid (ES256 over the real input). */
static char *signed_with_header(const char *header, EVP_PKEY *key)
{
    char *s = tc_jws(header, PAYLOAD, WRP_ALG_ES256, key);
    assert_non_null(s);
    return s;
}

static void valid_jws_parses_and_verifies(void **state)
{
    (void)state;
    char *s = tc_jws("{\"alg\":\"ES256\",\"typ\":\"oauth-authz-req+jwt\"}", PAYLOAD,
                     WRP_ALG_ES256, k.p256);
    wrp_jws j;
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_int_equal(j.alg, WRP_ALG_ES256);
    assert_string_equal(j.typ, "oauth-authz-req+jwt");
    assert_true(j.crit_ok);
    assert_int_equal(j.payload_len, sizeof payload - 1);
    assert_memory_equal(j.payload, payload, sizeof payload);  /* NUL-terminated */
    assert_int_equal(j.sig_len, 64);
    assert_int_equal(j.signing_input_len, (size_t)(strrchr(s, '.') - s));
    assert_string_equal(j.text, s);
    assert_int_equal(wrp_jws_verify(&j, k.p256, NULL), WRP_OK);
    assert_int_equal(wrp_jws_verify(&j, k.other256, NULL), WRP_ERR_CRYPTO);
    wrp_jws_free(&j);
    wrp_jws_free(&j); /* freeing twice is harmless: the struct is zeroed */
    wrp_jws_free(NULL);
    free(s);
}

static void every_jose_alg_round_trips(void **state)
{
    (void)state;
    static const char *const hdr[] = {"{\"alg\":\"RS256\"}", "{\"alg\":\"PS384\"}",
                                      "{\"alg\":\"EdDSA\"}", "{\"alg\":\"ES256\"}"};
    static const wrp_alg alg[] = {WRP_ALG_RS256, WRP_ALG_PS384, WRP_ALG_EDDSA, WRP_ALG_ES256};
    EVP_PKEY *key[] = {k.rsa2048, k.rsa2048, k.ed25519, k.p256};
    for (size_t i = 0; i < 4; i++) {
        char *s = tc_jws(hdr[i], PAYLOAD, alg[i], key[i]);
        assert_non_null(s);
        assert_int_equal(parse_verify(s, key[i]), WRP_OK);
        free(s);
    }
}

static void payload_may_be_any_bytes(void **state)
{
    (void)state;
    static const uint8_t bin[] = {0x00, 0xff, 0xa0, 0x00, 0x7b};
    char *s = tc_jws("{\"alg\":\"ES256\"}", bin, sizeof bin, WRP_ALG_ES256, k.p256);
    wrp_jws j;
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_int_equal(j.payload_len, sizeof bin);
    assert_memory_equal(j.payload, bin, sizeof bin);
    assert_int_equal(wrp_jws_verify(&j, k.p256, NULL), WRP_OK);
    wrp_jws_free(&j);
    free(s);
}

static void surrounding_whitespace_is_trimmed(void **state)
{
    (void)state;
    char *s = signed_with_header("{\"alg\":\"ES256\"}", k.p256);
    size_t n = strlen(s) + 16;
    char *t = malloc(n);
    snprintf(t, n, " \t\r\n%s\r\n \t", s);
    wrp_jws j;
    assert_int_equal(parse_str(t, &j), WRP_OK);
    assert_string_equal(j.text, s);
    assert_int_equal(wrp_jws_verify(&j, k.p256, NULL), WRP_OK);
    wrp_jws_free(&j);
    /* vertical tab and form feed are not among the trimmed bytes */
    snprintf(t, n, "\v%s", s);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    free(t);
    free(s);
}

static void whitespace_inside_is_malformed(void **state)
{
    (void)state;
    char *s = signed_with_header("{\"alg\":\"ES256\"}", k.p256);
    static const char ws[] = {' ', '\t', '\r', '\n'};
    size_t n = strlen(s);
    char *t = malloc(n + 2);
    size_t cuts[] = {1, (size_t)(strchr(s, '.') - s) + 1, (size_t)(strrchr(s, '.') - s), n - 1};
    for (size_t w = 0; w < sizeof ws; w++) {
        for (size_t c = 0; c < 4; c++) {
            memcpy(t, s, cuts[c]);
            t[cuts[c]] = ws[w];
            memcpy(t + cuts[c] + 1, s + cuts[c], n - cuts[c] + 1);
            wrp_jws j;
            wrp_err err = {{0}};
            assert_int_equal(wrp_jws_parse((const uint8_t *)t, n + 1, &j, &err), WRP_ERR_MALFORMED);
            assert_null(j.text);
            assert_null(j.header);
        }
    }
    free(t);
    free(s);
}

static void exactly_three_parts(void **state)
{
    (void)state;
    char *h = b64u("{\"alg\":\"ES256\"}", 15);
    char *p = b64u(payload, sizeof payload - 1);
    size_t n = strlen(h) + strlen(p) + 64;
    char *t = malloc(n);
    wrp_jws j;
    snprintf(t, n, "%s.%s", h, p);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    snprintf(t, n, "%s.%s.AAAA.AAAA", h, p);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    snprintf(t, n, "%s.%s..", h, p);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    snprintf(t, n, "%s", h);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    assert_int_equal(parse_str("", &j), WRP_ERR_MALFORMED);
    assert_int_equal(parse_str(" \n ", &j), WRP_ERR_MALFORMED);
    assert_int_equal(parse_str("..", &j), WRP_ERR_MALFORMED);
    /* header and payload may not be empty */
    snprintf(t, n, ".%s.AAAA", p);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    snprintf(t, n, "%s..AAAA", h);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    free(t);
    free(h);
    free(p);
}

static void empty_signature_parses_but_never_verifies(void **state)
{
    (void)state;
    char *h = b64u("{\"alg\":\"ES256\"}", 15);
    char *p = b64u(payload, sizeof payload - 1);
    char *t = join3(h, p, "");
    wrp_jws j;
    assert_int_equal(parse_str(t, &j), WRP_OK);
    assert_int_equal(j.sig_len, 0);
    assert_non_null(j.sig);
    assert_int_equal(wrp_jws_verify(&j, k.p256, NULL), WRP_ERR_CRYPTO);
    wrp_jws_free(&j);
    free(t);
    free(h);
    free(p);
}

static void base64url_must_be_strict(void **state)
{
    (void)state;
    char *s = signed_with_header("{\"alg\":\"ES256\"}", k.p256);
    char *h = b64u("{\"alg\":\"ES256\"}", 15); /* 20 chars: padding would be "==" */
    const char *rest = strchr(s, '.');
    size_t n = strlen(s) + 8;
    char *t = malloc(n);
    wrp_jws j;
    snprintf(t, n, "%s==%s", h, rest);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    /* padding on the signature part */
    snprintf(t, n, "%s=", s);
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    /* standard alphabet */
    snprintf(t, n, "%s", s);
    t[strlen(t) - 2] = '+';
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    snprintf(t, n, "%s", s);
    t[1] = '/';
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    /* non-canonical trailing bits: a 16-byte header encodes to 22 characters, the last of which
     * carries 4 unused bits that must be zero */
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char *h16 = b64u("{\"alg\":\"ES256\" }", 16);
    assert_int_equal(strlen(h16), 22);
    size_t v = (size_t)(strchr(alpha, h16[21]) - alpha);
    assert_int_equal(v & 0x0f, 0);
    h16[21] = alpha[v | 1];
    snprintf(t, n, "%s%s", h16, rest);
    wrp_err err = {{0}};
    assert_int_equal(wrp_jws_parse((const uint8_t *)t, strlen(t), &j, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "trailing bits"));
    free(h16);
    /* a byte outside ASCII */
    snprintf(t, n, "%s", s);
    t[2] = (char)0xC3;
    assert_int_equal(parse_str(t, &j), WRP_ERR_MALFORMED);
    free(t);
    free(h);
    free(s);
}

static void header_must_be_a_json_object(void **state)
{
    (void)state;
    static const char *const bad[] = {"[\"ES256\"]", "\"ES256\"", "null", "{\"alg\":\"ES256\"",
                                      "{\"alg\":\"ES256\",}", "\xEF\xBB\xBF{\"alg\":\"ES256\"}",
                                      "{'alg':'ES256'}", "{\"alg\":\"ES256\"} x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *s = tc_jws(bad[i], PAYLOAD, WRP_ALG_ES256, k.p256);
        wrp_jws j;
        assert_int_equal(parse_str(s, &j), WRP_ERR_MALFORMED);
        free(s);
    }
}

static void duplicate_header_member_refused(void **state)
{
    (void)state;
    /* "\u0061lg" is "alg": a parser that keeps the first would see ES256, one that keeps the last none */
    char *s = signed_with_header("{\"alg\":\"ES256\",\"\\u0061lg\":\"none\"}", k.p256);
    wrp_jws j;
    wrp_err err = {{0}};
    assert_int_equal(wrp_jws_parse((const uint8_t *)s, strlen(s), &j, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "duplicate"));
    free(s);
    s = signed_with_header("{\"alg\":\"ES256\",\"typ\":\"a\",\"typ\":\"b\"}", k.p256);
    assert_int_equal(parse_str(s, &j), WRP_ERR_MALFORMED);
    free(s);
}

static void b64_false_refused(void **state)
{
    (void)state;
    wrp_jws j;
    char *s = signed_with_header("{\"alg\":\"ES256\",\"b64\":false,\"crit\":[\"b64\"]}", k.p256);
    assert_int_equal(parse_str(s, &j), WRP_ERR_MALFORMED);
    free(s);
    s = signed_with_header("{\"alg\":\"ES256\",\"b64\":false}", k.p256);
    assert_int_equal(parse_str(s, &j), WRP_ERR_MALFORMED);
    free(s);
    s = signed_with_header("{\"alg\":\"ES256\",\"b64\":\"false\"}", k.p256);
    assert_int_equal(parse_str(s, &j), WRP_ERR_MALFORMED);
    free(s);
    /* true is the default meaning and changes nothing */
    s = signed_with_header("{\"alg\":\"ES256\",\"b64\":true}", k.p256);
    assert_int_equal(parse_verify(s, k.p256), WRP_OK);
    free(s);
}

static void alg_none_and_hmac_refused(void **state)
{
    (void)state;
    char *h = b64u("{\"alg\":\"none\"}", 14);
    char *p = b64u(payload, sizeof payload - 1);
    char *t = join3(h, p, "");
    wrp_jws j;
    assert_int_equal(parse_str(t, &j), WRP_OK);
    assert_int_equal(j.alg, WRP_ALG_INVALID);
    assert_int_equal(wrp_jws_verify(&j, k.p256, NULL), WRP_ERR_CRYPTO);
    wrp_jws_free(&j);
    free(t);
    free(h);
    static const char *const hdrs[] = {"{\"alg\":\"HS256\"}", "{\"alg\":\"HS384\"}",
                                       "{\"alg\":\"HS512\"}", "{\"typ\":\"JWT\"}",
                                       "{\"alg\":-7}", "{\"alg\":\"es256\"}", "{\"alg\":null}"};
    for (size_t i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++) {
        h = b64u(hdrs[i], strlen(hdrs[i]));
        t = join3(h, p, "AAAA");
        assert_int_equal(parse_str(t, &j), WRP_OK);
        assert_int_equal(j.alg, WRP_ALG_INVALID);
        assert_int_equal(wrp_jws_verify(&j, k.p256, NULL), WRP_ERR_CRYPTO);
        wrp_jws_free(&j);
        free(t);
        free(h);
    }
    free(p);
}

/* HS256 keyed with the signer's public key bytes (SPKI DER, and the PEM text) must not verify. */
static void hmac_alg_confusion_does_not_verify(void **state)
{
    (void)state;
    char *h = b64u("{\"alg\":\"HS256\"}", 15);
    char *p = b64u(payload, sizeof payload - 1);
    size_t inlen = strlen(h) + 1 + strlen(p);
    char *input = malloc(inlen + 1);
    snprintf(input, inlen + 1, "%s.%s", h, p);
    EVP_PKEY *keys[] = {k.p256, k.rsa2048, k.ed25519};
    for (size_t i = 0; i < 3; i++) {
        size_t spkilen = 0;
        uint8_t *spki = tc_spki_der(keys[i], &spkilen);
        char *spki_b64 = malloc(spkilen * 2 + 4);
        int b64len = EVP_EncodeBlock((unsigned char *)spki_b64, spki, (int)spkilen);
        size_t pemcap = (size_t)b64len + 128;
        char *pem = malloc(pemcap);
        snprintf(pem, pemcap, "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n", spki_b64);
        const uint8_t *secrets[] = {spki, (const uint8_t *)pem};
        size_t lens[] = {spkilen, strlen(pem)};
        for (size_t sidx = 0; sidx < 2; sidx++) {
            uint8_t mac[32];
            assert_int_equal(tc_hmac_sha256(secrets[sidx], lens[sidx], (const uint8_t *)input, inlen,
                                            mac), 0);
            char *m = b64u(mac, sizeof mac);
            char *t = join3(h, p, m);
            assert_int_equal(parse_verify(t, keys[i]), WRP_ERR_CRYPTO);
            free(t);
            free(m);
        }
        free(pem);
        free(spki_b64);
        free(spki);
    }
    free(input);
    free(h);
    free(p);
}

static void crit_sigT_understood(void **state)
{
    (void)state;
    char *s = signed_with_header(
        "{\"alg\":\"ES256\",\"sigT\":\"2026-01-01T00:00:00Z\",\"crit\":[\"sigT\"]}", k.p256);
    wrp_jws j;
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_true(j.crit_ok);
    assert_int_equal(wrp_jws_verify(&j, k.p256, NULL), WRP_OK);
    wrp_jws_free(&j);
    free(s);
}

static void crit_not_understood_fails(void **state)
{
    (void)state;
    static const char *const hdrs[] = {
        /* an unknown extension, even when present */
        "{\"alg\":\"ES256\",\"exp\":1,\"crit\":[\"exp\"]}",
        /* names RFC 7515 defines must not be listed */
        "{\"alg\":\"ES256\",\"crit\":[\"alg\"]}",
        /* understood, but absent from the header */
        "{\"alg\":\"ES256\",\"crit\":[\"sigT\"]}",
        /* empty, not an array, not strings, repeated */
        "{\"alg\":\"ES256\",\"crit\":[]}",
        "{\"alg\":\"ES256\",\"sigT\":\"x\",\"crit\":\"sigT\"}",
        "{\"alg\":\"ES256\",\"sigT\":\"x\",\"crit\":[1]}",
        "{\"alg\":\"ES256\",\"sigT\":\"x\",\"crit\":[\"sigT\",\"sigT\"]}",
        "{\"alg\":\"ES256\",\"sigT\":\"x\",\"crit\":null}",
        /* one understood, one not */
        "{\"alg\":\"ES256\",\"sigT\":\"x\",\"ext\":1,\"crit\":[\"sigT\",\"ext\"]}",
        /* case matters */
        "{\"alg\":\"ES256\",\"sigt\":\"x\",\"crit\":[\"sigt\"]}",
    };
    for (size_t i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++) {
        char *s = signed_with_header(hdrs[i], k.p256);
        wrp_jws j;
        assert_int_equal(parse_str(s, &j), WRP_OK);
        assert_false(j.crit_ok);
        wrp_err err = {{0}};
        assert_int_equal(wrp_jws_verify(&j, k.p256, &err), WRP_ERR_CRYPTO);
        assert_non_null(strstr(err.msg, "crit"));
        wrp_jws_free(&j);
        free(s);
    }
}

static void typ_points_into_header(void **state)
{
    (void)state;
    char *s = signed_with_header("{\"alg\":\"ES256\",\"typ\":\"rc-wrp+jwt\"}", k.p256);
    wrp_jws j;
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_ptr_equal(j.typ, cJSON_GetObjectItemCaseSensitive(j.header, "typ")->valuestring);
    wrp_jws_free(&j);
    free(s);
    s = signed_with_header("{\"alg\":\"ES256\",\"typ\":7}", k.p256);
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_null(j.typ);
    wrp_jws_free(&j);
    free(s);
    s = signed_with_header("{\"alg\":\"ES256\",\"TYP\":\"rc-wrp+jwt\"}", k.p256);
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_null(j.typ);
    wrp_jws_free(&j);
    free(s);
}

static void payload_bit_flip_fails(void **state)
{
    (void)state;
    char *s = signed_with_header("{\"alg\":\"ES256\"}", k.p256);
    char *first = strchr(s, '.'), *last = strrchr(s, '.');
    uint8_t flipped[sizeof payload];
    memcpy(flipped, payload, sizeof payload);
    flipped[5] ^= 0x01;
    char *p = b64u(flipped, sizeof payload - 1);
    *first = 0;
    char *t = join3(s, p, last + 1);
    assert_int_equal(parse_verify(t, k.p256), WRP_ERR_CRYPTO);
    free(t);
    free(p);
    /* header changed (typ added), same payload and signature */
    static const char hdr[] = "{\"alg\":\"ES256\",\"typ\":\"x\"}";
    char *h = b64u(hdr, sizeof hdr - 1);
    *last = 0;
    t = join3(h, first + 1, last + 1);
    assert_int_equal(parse_verify(t, k.p256), WRP_ERR_CRYPTO);
    free(t);
    free(h);
    free(s);
}

static void input_size_limit(void **state)
{
    (void)state;
    size_t n = (size_t)WRP_MAX_INPUT_BYTES + 1;
    uint8_t *big = malloc(n);
    assert_non_null(big);
    memset(big, 'A', n);
    big[10] = '.';
    big[20] = '.';
    wrp_jws j;
    assert_int_equal(wrp_jws_parse(big, n, &j, NULL), WRP_ERR_LIMIT);
    free(big);
}

static void missing_arguments(void **state)
{
    (void)state;
    wrp_jws j;
    assert_int_equal(wrp_jws_parse(NULL, 3, &j, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_jws_parse((const uint8_t *)"a.b.c", 5, NULL, NULL), WRP_ERR_ARG);
    char *s = signed_with_header("{\"alg\":\"ES256\"}", k.p256);
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_int_equal(wrp_jws_verify(&j, NULL, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_jws_verify(NULL, k.p256, NULL), WRP_ERR_ARG);
    wrp_jws_free(&j);
    free(s);
}

static void x5c_absent_is_malformed(void **state)
{
    (void)state;
    char *s = signed_with_header("{\"alg\":\"ES256\"}", k.p256);
    wrp_jws j;
    wrp_chain c;
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_int_equal(wrp_jws_x5c(&j, &c, NULL), WRP_ERR_MALFORMED);
    assert_null(c.certs);
    assert_int_equal(c.n, 0);
    wrp_jws_free(&j);
    free(s);
}

/* x5c: the leaf is the certificate whose key verifies the JWS. */
static void x5c_gives_the_signing_certificate(void **state)
{
    (void)state;
    uint8_t *der = NULL;
    size_t derlen = 0;
    X509 *cert = tc_self_signed(k.p256, "RP", &der, &derlen);
    assert_non_null(cert);
    char *b64 = tc_b64(der, derlen);
    size_t n = strlen(b64) + 64;
    char *hdr = malloc(n);
    snprintf(hdr, n, "{\"alg\":\"ES256\",\"x5c\":[\"%s\"]}", b64);
    char *s = signed_with_header(hdr, k.p256);
    wrp_jws j;
    wrp_chain c;
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_int_equal(wrp_jws_x5c(&j, &c, NULL), WRP_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(X509_cmp(c.certs[0], cert), 0);
    assert_int_equal(wrp_jws_verify(&j, X509_get0_pubkey(c.certs[0]), NULL), WRP_OK);
    wrp_chain_free(&c);
    wrp_jws_free(&j);
    free(s);
    /* x5c that is not an array of base64 DER */
    snprintf(hdr, n, "{\"alg\":\"ES256\",\"x5c\":\"%s\"}", b64);
    s = signed_with_header(hdr, k.p256);
    assert_int_equal(parse_str(s, &j), WRP_OK);
    assert_int_equal(wrp_jws_x5c(&j, &c, NULL), WRP_ERR_MALFORMED);
    wrp_jws_free(&j);
    free(s);
    free(hdr);
    free(b64);
    free(der);
    X509_free(cert);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_jws_parses_and_verifies),
        cmocka_unit_test(every_jose_alg_round_trips),
        cmocka_unit_test(payload_may_be_any_bytes),
        cmocka_unit_test(surrounding_whitespace_is_trimmed),
        cmocka_unit_test(whitespace_inside_is_malformed),
        cmocka_unit_test(exactly_three_parts),
        cmocka_unit_test(empty_signature_parses_but_never_verifies),
        cmocka_unit_test(base64url_must_be_strict),
        cmocka_unit_test(header_must_be_a_json_object),
        cmocka_unit_test(duplicate_header_member_refused),
        cmocka_unit_test(b64_false_refused),
        cmocka_unit_test(alg_none_and_hmac_refused),
        cmocka_unit_test(hmac_alg_confusion_does_not_verify),
        cmocka_unit_test(crit_sigT_understood),
        cmocka_unit_test(crit_not_understood_fails),
        cmocka_unit_test(typ_points_into_header),
        cmocka_unit_test(payload_bit_flip_fails),
        cmocka_unit_test(input_size_limit),
        cmocka_unit_test(missing_arguments),
        cmocka_unit_test(x5c_absent_is_malformed),
        cmocka_unit_test(x5c_gives_the_signing_certificate),
    };
    return cmocka_run_group_tests_name("jws", tests, keys_up, keys_down);
}
