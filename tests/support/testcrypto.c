#include "testcrypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "util/b64.h"

/* An id-RSASSA-PSS key without parameter restrictions. */
static EVP_PKEY *rsa_pss_keygen(void)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA-PSS", NULL);
    if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) <= 0 || EVP_PKEY_keygen(ctx, &k) <= 0)
        k = NULL;
    EVP_PKEY_CTX_free(ctx);
    return k;
}

EVP_PKEY *tc_keygen(const char *kind)
{
    EVP_PKEY *k = NULL;
    if (strncmp(kind, "P-", 2) == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", kind);
    else if (strcmp(kind, "RSA-1024") == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
    else if (strcmp(kind, "RSA-2048") == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
    else if (strcmp(kind, "RSA-PSS-2048") == 0)
        k = rsa_pss_keygen();
    else if (strcmp(kind, "Ed25519") == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    else if (strcmp(kind, "Ed448") == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "ED448");
    return k;
}

static const char *md_of(wrp_alg alg)
{
    switch (alg) {
    case WRP_ALG_ES256: case WRP_ALG_PS256: case WRP_ALG_RS256: return "SHA256";
    case WRP_ALG_ES384: case WRP_ALG_PS384: case WRP_ALG_RS384: return "SHA384";
    case WRP_ALG_ES512: case WRP_ALG_PS512: case WRP_ALG_RS512: return "SHA512";
    default: return NULL;
    }
}

int tc_sign_der(const char *md, EVP_PKEY *key, const uint8_t *msg, size_t len, uint8_t **sig,
                size_t *siglen)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int rc = -1;
    *sig = NULL;
    if (ctx == NULL || EVP_DigestSignInit_ex(ctx, NULL, md, NULL, NULL, key, NULL) != 1 ||
        EVP_DigestSign(ctx, NULL, siglen, msg, len) != 1 || (*sig = malloc(*siglen)) == NULL ||
        EVP_DigestSign(ctx, *sig, siglen, msg, len) != 1)
        goto out;
    rc = 0;
out:
    EVP_MD_CTX_free(ctx);
    if (rc != 0) {
        free(*sig);
        *sig = NULL;
    }
    return rc;
}

static int der_to_raw(uint8_t *der, size_t derlen, size_t half, uint8_t **sig, size_t *siglen)
{
    const unsigned char *p = der;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)derlen);
    uint8_t *raw = malloc(2 * half);
    int rc = -1;
    if (es != NULL && raw != NULL &&
        BN_bn2binpad(ECDSA_SIG_get0_r(es), raw, (int)half) == (int)half &&
        BN_bn2binpad(ECDSA_SIG_get0_s(es), raw + half, (int)half) == (int)half) {
        *sig = raw;
        *siglen = 2 * half;
        raw = NULL;
        rc = 0;
    }
    ECDSA_SIG_free(es);
    free(raw);
    return rc;
}

int tc_sign(wrp_alg alg, EVP_PKEY *key, const uint8_t *msg, size_t len, uint8_t **sig,
            size_t *siglen)
{
    uint8_t *der = NULL;
    size_t derlen = 0;
    int rc = -1;
    *sig = NULL;
    if (alg == WRP_ALG_ES256 || alg == WRP_ALG_ES384 || alg == WRP_ALG_ES512) {
        size_t half = alg == WRP_ALG_ES256 ? 32 : alg == WRP_ALG_ES384 ? 48 : 66;
        if (tc_sign_der(md_of(alg), key, msg, len, &der, &derlen) == 0)
            rc = der_to_raw(der, derlen, half, sig, siglen);
        free(der);
        return rc;
    }
    if (alg == WRP_ALG_EDDSA)
        return tc_sign_der(NULL, key, msg, len, sig, siglen);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    int pss = alg == WRP_ALG_PS256 || alg == WRP_ALG_PS384 || alg == WRP_ALG_PS512;
    if (ctx == NULL || EVP_DigestSignInit_ex(ctx, &pctx, md_of(alg), NULL, NULL, key, NULL) != 1)
        goto out;
    if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0))
        goto out;
    if (EVP_DigestSign(ctx, NULL, siglen, msg, len) != 1 || (*sig = malloc(*siglen)) == NULL ||
        EVP_DigestSign(ctx, *sig, siglen, msg, len) != 1)
        goto out;
    rc = 0;
out:
    EVP_MD_CTX_free(ctx);
    if (rc != 0) {
        free(*sig);
        *sig = NULL;
    }
    return rc;
}

int tc_hmac_sha256(const uint8_t *secret, size_t secretlen, const uint8_t *msg, size_t len,
                   uint8_t out[32])
{
    size_t outlen = 0;
    return EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, secret, secretlen, msg, len, out, 32,
                     &outlen) != NULL && outlen == 32 ? 0 : -1;
}

uint8_t *tc_spki_der(EVP_PKEY *key, size_t *len)
{
    unsigned char *p = NULL;
    int n = i2d_PUBKEY(key, &p);
    if (n <= 0)
        return NULL;
    uint8_t *out = malloc((size_t)n);
    if (out != NULL)
        memcpy(out, p, (size_t)n);
    OPENSSL_free(p);
    *len = (size_t)n;
    return out;
}

char *tc_jws(const char *header, const uint8_t *payload, size_t payload_len, wrp_alg alg,
             EVP_PKEY *key)
{
    char *h = NULL, *p = NULL, *s = NULL, *out = NULL;
    uint8_t *sig = NULL;
    size_t siglen = 0;
    if (wrp_b64url_encode((const uint8_t *)header, strlen(header), &h) != WRP_OK ||
        wrp_b64url_encode(payload, payload_len, &p) != WRP_OK)
        goto done;
    size_t inlen = strlen(h) + 1 + strlen(p);
    char *input = malloc(inlen + 1);
    if (input == NULL)
        goto done;
    snprintf(input, inlen + 1, "%s.%s", h, p);
    if (key != NULL && tc_sign(alg, key, (const uint8_t *)input, inlen, &sig, &siglen) != 0) {
        free(input);
        goto done;
    }
    if (wrp_b64url_encode(sig, siglen, &s) == WRP_OK && (out = malloc(inlen + 2 + strlen(s))) != NULL)
        snprintf(out, inlen + 2 + strlen(s), "%s.%s", input, s);
    free(input);
done:
    free(h);
    free(p);
    free(s);
    free(sig);
    return out;
}

X509 *tc_self_signed(EVP_PKEY *key, const char *cn, uint8_t **der, size_t *derlen)
{
    X509 *x = X509_new();
    X509_NAME *name = X509_NAME_new();
    int ok = x != NULL && name != NULL && X509_set_version(x, 2) &&
             ASN1_INTEGER_set(X509_get_serialNumber(x), 1) &&
             X509_gmtime_adj(X509_getm_notBefore(x), 0) != NULL &&
             X509_gmtime_adj(X509_getm_notAfter(x), 86400) != NULL &&
             X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1,
                                        0) &&
             X509_set_subject_name(x, name) && X509_set_issuer_name(x, name) &&
             X509_set_pubkey(x, key) &&
             X509_sign(x, key, EVP_PKEY_is_a(key, "ED25519") ? NULL : EVP_sha256()) > 0;
    X509_NAME_free(name);
    if (ok && der != NULL) {
        unsigned char *p = NULL;
        int n = i2d_X509(x, &p);
        ok = n > 0 && (*der = malloc((size_t)n)) != NULL;
        if (ok) {
            memcpy(*der, p, (size_t)n);
            *derlen = (size_t)n;
        }
        OPENSSL_free(p);
    }
    if (!ok) {
        X509_free(x);
        return NULL;
    }
    return x;
}

char *tc_b64(const uint8_t *in, size_t len)
{
    char *s = malloc(len / 3 * 4 + 5);
    if (s != NULL)
        EVP_EncodeBlock((unsigned char *)s, in, (int)len);
    return s;
}
