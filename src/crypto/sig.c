/* Signature algorithms of JOSE (RFC 7518, RFC 8037) and COSE (RFC 9053), verified with EVP.
 * One table maps names and ids to what the key must be and how the signature is laid out;
 * the key is checked against the algorithm before OpenSSL sees the signature, so that a key of
 * one kind can never be used to verify a signature made for another (alg confusion). */
#include "crypto/sig.h"

#include <stdbool.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>

#if defined(WRP_FUZZ_NO_SIGNATURES) && !defined(FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
#error "WRP_FUZZ_NO_SIGNATURES accepts forged signatures: fuzz builds only"
#endif

#define WRP_RSA_MIN_BITS 2048

typedef enum sig_kind { KIND_ECDSA, KIND_RSA_PKCS1, KIND_RSA_PSS, KIND_EDDSA } sig_kind;

typedef struct alg_info {
    wrp_alg alg;
    const char *jose;
    int64_t cose;
    sig_kind kind;
    const char *md;   /* digest name; NULL for EdDSA (the hash is part of the scheme) */
    int curve_nid;    /* ECDSA only */
    int field_bytes;  /* ECDSA only: ceil(field bits / 8); the raw signature is twice this */
} alg_info;

static const alg_info algs[] = {
    {WRP_ALG_ES256, "ES256", -7, KIND_ECDSA, "SHA256", NID_X9_62_prime256v1, 32},
    {WRP_ALG_ES384, "ES384", -35, KIND_ECDSA, "SHA384", NID_secp384r1, 48},
    {WRP_ALG_ES512, "ES512", -36, KIND_ECDSA, "SHA512", NID_secp521r1, 66},
    {WRP_ALG_PS256, "PS256", -37, KIND_RSA_PSS, "SHA256", 0, 0},
    {WRP_ALG_PS384, "PS384", -38, KIND_RSA_PSS, "SHA384", 0, 0},
    {WRP_ALG_PS512, "PS512", -39, KIND_RSA_PSS, "SHA512", 0, 0},
    {WRP_ALG_RS256, "RS256", -257, KIND_RSA_PKCS1, "SHA256", 0, 0},
    {WRP_ALG_RS384, "RS384", -258, KIND_RSA_PKCS1, "SHA384", 0, 0},
    {WRP_ALG_RS512, "RS512", -259, KIND_RSA_PKCS1, "SHA512", 0, 0},
    {WRP_ALG_EDDSA, "EdDSA", -8, KIND_EDDSA, NULL, 0, 0},
};

#define N_ALGS (sizeof algs / sizeof algs[0])

static const alg_info *info_of(wrp_alg alg)
{
    for (size_t i = 0; i < N_ALGS; i++)
        if (algs[i].alg == alg)
            return &algs[i];
    return NULL;
}

wrp_alg wrp_alg_from_jose(const char *name)
{
    if (name == NULL)
        return WRP_ALG_INVALID;
    for (size_t i = 0; i < N_ALGS; i++)
        if (strcmp(algs[i].jose, name) == 0)
            return algs[i].alg;
    return WRP_ALG_INVALID;
}

wrp_alg wrp_alg_from_cose(int64_t id)
{
    for (size_t i = 0; i < N_ALGS; i++)
        if (algs[i].cose == id)
            return algs[i].alg;
    return WRP_ALG_INVALID;
}

const char *wrp_alg_name(wrp_alg alg)
{
    const alg_info *a = info_of(alg);
    return a != NULL ? a->jose : "invalid";
}

static int ec_curve_nid(EVP_PKEY *key)
{
    char name[64];
    size_t len = 0;
    if (!EVP_PKEY_get_group_name(key, name, sizeof name, &len))
        return NID_undef; /* explicit curve parameters: never accepted */
    int nid = OBJ_sn2nid(name);
    return nid != NID_undef ? nid : EC_curve_nist2nid(name);
}

/* The key must be of the kind the algorithm names; RSA-PSS keys (id-RSASSA-PSS) only for PS*,
 * where OpenSSL also enforces any restrictions the key carries. */
static wrp_status key_matches(const alg_info *a, EVP_PKEY *key, wrp_err *err)
{
    switch (a->kind) {
    case KIND_ECDSA:
        if (!EVP_PKEY_is_a(key, "EC") || ec_curve_nid(key) != a->curve_nid)
            return wrp_fail(err, WRP_ERR_CRYPTO, "%s needs an EC key on %s", a->jose,
                            OBJ_nid2sn(a->curve_nid));
        return WRP_OK;
    case KIND_RSA_PKCS1:
    case KIND_RSA_PSS:
        if (!EVP_PKEY_is_a(key, "RSA") && !(a->kind == KIND_RSA_PSS && EVP_PKEY_is_a(key, "RSA-PSS")))
            return wrp_fail(err, WRP_ERR_CRYPTO, "%s needs an RSA key", a->jose);
        if (EVP_PKEY_get_bits(key) <= 0) /* an RSA key has a size: asking for it ran out of memory */
            return wrp_fail(err, WRP_ERR_NOMEM, "out of memory while reading an RSA key");
        if (EVP_PKEY_get_bits(key) < WRP_RSA_MIN_BITS)
            return wrp_fail(err, WRP_ERR_CRYPTO, "%s: RSA key of %d bits, at least %d required",
                            a->jose, EVP_PKEY_get_bits(key), WRP_RSA_MIN_BITS);
        return WRP_OK;
    case KIND_EDDSA:
        if (!EVP_PKEY_is_a(key, "ED25519"))
            return wrp_fail(err, WRP_ERR_CRYPTO, "EdDSA needs an Ed25519 key");
        return WRP_OK;
    }
    return wrp_fail(err, WRP_ERR_INTERNAL, "unknown signature kind");
}

/* JOSE/COSE ECDSA signatures are r||s, each left-padded to the field size; EVP wants DER. */
static wrp_status ecdsa_raw_to_der(const alg_info *a, const uint8_t *sig, size_t siglen,
                                   uint8_t **der, size_t *derlen, wrp_err *err)
{
    size_t half = (size_t)a->field_bytes;
    if (siglen != 2 * half)
        return wrp_fail(err, WRP_ERR_CRYPTO, "%s signature is %zu bytes, %zu expected", a->jose,
                        siglen, 2 * half);
    wrp_status st = WRP_ERR_NOMEM;
    BIGNUM *r = BN_bin2bn(sig, (int)half, NULL);
    BIGNUM *s = BN_bin2bn(sig + half, (int)half, NULL);
    ECDSA_SIG *es = ECDSA_SIG_new();
    if (r == NULL || s == NULL || es == NULL || !ECDSA_SIG_set0(es, r, s))
        goto out;
    r = s = NULL; /* owned by es */
    unsigned char *p = NULL;
    int n = i2d_ECDSA_SIG(es, &p);
    if (n <= 0)
        goto out;
    *der = p;
    *derlen = (size_t)n;
    st = WRP_OK;
out:
    if (st == WRP_ERR_NOMEM)
        wrp_oom_note();
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(es);
    return st;
}

static wrp_status set_padding(const alg_info *a, EVP_PKEY_CTX *pctx)
{
    if (a->kind == KIND_RSA_PKCS1)
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) > 0 ? WRP_OK : WRP_ERR_CRYPTO;
    if (a->kind != KIND_RSA_PSS)
        return WRP_OK;
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, a->md, NULL) <= 0)
        return WRP_ERR_CRYPTO;
    return WRP_OK;
}

static wrp_status verify(const alg_info *a, EVP_PKEY *key, const uint8_t *msg, size_t msglen,
                         const uint8_t *sig, size_t siglen, wrp_err *err)
{
    wrp_status st = key_matches(a, key, err);
    if (st != WRP_OK)
        return st;
#ifdef WRP_FUZZ_NO_SIGNATURES
    if (siglen > 0 && sig[0] == WRP_FUZZ_SIG_ACCEPT)
        return WRP_OK;
    return wrp_fail(err, WRP_ERR_CRYPTO, "%s signature does not verify (fuzz stub)", a->jose);
#endif
    uint8_t *der = NULL;
    if (a->kind == KIND_ECDSA) {
        if ((st = ecdsa_raw_to_der(a, sig, siglen, &der, &siglen, err)) != WRP_OK)
            return st;
        sig = der;
    } else if (siglen != (size_t)EVP_PKEY_get_size(key) && a->kind != KIND_EDDSA) {
        return wrp_fail(err, WRP_ERR_CRYPTO, "%s signature is %zu bytes, %d expected", a->jose,
                        siglen, EVP_PKEY_get_size(key));
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    st = WRP_ERR_NOMEM;
    if (ctx == NULL)
        goto out;
    st = wrp_fail(err, WRP_ERR_CRYPTO, "%s: verifier setup failed", a->jose);
    if (EVP_DigestVerifyInit_ex(ctx, &pctx, a->md, NULL, NULL, key, NULL) != 1 ||
        set_padding(a, pctx) != WRP_OK)
        goto out;
    if (EVP_DigestVerify(ctx, sig, siglen, msg, msglen) == 1)
        st = WRP_OK;
    else
        st = wrp_fail(err, WRP_ERR_CRYPTO, "%s signature does not verify", a->jose);
out:
    if (st == WRP_ERR_NOMEM)
        wrp_oom_note();
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    return st;
}

wrp_status wrp_sig_verify(wrp_alg alg, EVP_PKEY *key, const uint8_t *msg, size_t msglen,
                          const uint8_t *sig, size_t siglen, wrp_err *err)
{
    static const uint8_t empty[1];
    const alg_info *a = info_of(alg);
    wrp_status st;
    if (key == NULL || (msg == NULL && msglen > 0) || (sig == NULL && siglen > 0))
        st = wrp_fail(err, WRP_ERR_ARG, "signature verification: missing argument");
    else if (a == NULL)
        st = wrp_fail(err, WRP_ERR_CRYPTO, "algorithm refused");
    else {
        /* OpenSSL returns a failed allocation during verification (or while reading the key's
         * curve) as a signature or key that does not fit, often without an error: a failure that
         * a second try does not repeat word for word was no property of the input, the first try
         * ran out of memory. */
        wrp_err first = {{0}}, again = {{0}};
        if (msg == NULL)
            msg = empty;
        if (sig == NULL)
            sig = empty;
        st = verify(a, key, msg, msglen, sig, siglen, &first);
        if (st != WRP_OK && st != WRP_ERR_NOMEM &&
            (verify(a, key, msg, msglen, sig, siglen, &again) != st || strcmp(first.msg, again.msg) != 0))
            st = wrp_fail(&first, WRP_ERR_NOMEM, "out of memory while verifying a signature");
        if (st != WRP_OK)
            wrp_fail(err, st, "%s", first.msg);
    }
    /* whatever the outcome, no error is left for an unrelated later OpenSSL call to report */
    wrp_ossl_clear();
    return st;
}
