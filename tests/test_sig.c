/* Signature algorithms: names and ids, raw signature formats, and keys that must match. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "crypto/sig.h"
#include "support/testcrypto.h"

static struct {
    EVP_PKEY *p256, *p384, *p521, *rsa2048, *rsa1024, *rsapss, *ed25519, *ed448;
} k;

static const uint8_t msg[] = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0";
#define MSGLEN (sizeof msg - 1)

static int keys_up(void **state)
{
    (void)state;
    k.p256 = tc_keygen("P-256");
    k.p384 = tc_keygen("P-384");
    k.p521 = tc_keygen("P-521");
    k.rsa2048 = tc_keygen("RSA-2048");
    k.rsa1024 = tc_keygen("RSA-1024");
    k.rsapss = tc_keygen("RSA-PSS-2048");
    k.ed25519 = tc_keygen("Ed25519");
    k.ed448 = tc_keygen("Ed448");
    return k.p256 && k.p384 && k.p521 && k.rsa2048 && k.rsa1024 && k.rsapss && k.ed25519 && k.ed448
               ? 0
               : -1;
}

static int keys_down(void **state)
{
    (void)state;
    EVP_PKEY_free(k.p256);
    EVP_PKEY_free(k.p384);
    EVP_PKEY_free(k.p521);
    EVP_PKEY_free(k.rsa2048);
    EVP_PKEY_free(k.rsa1024);
    EVP_PKEY_free(k.rsapss);
    EVP_PKEY_free(k.ed25519);
    EVP_PKEY_free(k.ed448);
    return 0;
}

/* Signs msg with key under alg and returns the verification status of (alg, vkey). */
static wrp_status sign_then_verify(wrp_alg alg, EVP_PKEY *skey, EVP_PKEY *vkey)
{
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(alg, skey, msg, MSGLEN, &sig, &siglen), 0);
    wrp_err err = {{0}};
    wrp_status st = wrp_sig_verify(alg, vkey, msg, MSGLEN, sig, siglen, &err);
    free(sig);
    assert_int_equal(ERR_peek_error(), 0);
    return st;
}

static void jose_names_match_exactly(void **state)
{
    (void)state;
    static const char *const names[] = {"ES256", "ES384", "ES512", "PS256", "PS384",
                                        "PS512", "RS256", "RS384", "RS512", "EdDSA"};
    static const wrp_alg want[] = {WRP_ALG_ES256, WRP_ALG_ES384, WRP_ALG_ES512, WRP_ALG_PS256,
                                   WRP_ALG_PS384, WRP_ALG_PS512, WRP_ALG_RS256, WRP_ALG_RS384,
                                   WRP_ALG_RS512, WRP_ALG_EDDSA};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_int_equal(wrp_alg_from_jose(names[i]), want[i]);
        assert_string_equal(wrp_alg_name(want[i]), names[i]);
    }
    static const char *const refused[] = {"es256", "ES256 ", " ES256", "EDDSA", "eddsa", "ES",
                                          "ES2566", "Ed25519", "ES256K", ""};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_equal(wrp_alg_from_jose(refused[i]), WRP_ALG_INVALID);
    assert_int_equal(wrp_alg_from_jose(NULL), WRP_ALG_INVALID);
    assert_string_equal(wrp_alg_name(WRP_ALG_INVALID), "invalid");
}

static void jose_none_and_hmac_refused(void **state)
{
    (void)state;
    assert_int_equal(wrp_alg_from_jose("none"), WRP_ALG_INVALID);
    assert_int_equal(wrp_alg_from_jose("None"), WRP_ALG_INVALID);
    assert_int_equal(wrp_alg_from_jose("HS256"), WRP_ALG_INVALID);
    assert_int_equal(wrp_alg_from_jose("HS384"), WRP_ALG_INVALID);
    assert_int_equal(wrp_alg_from_jose("HS512"), WRP_ALG_INVALID);
}

static void cose_ids_map(void **state)
{
    (void)state;
    assert_int_equal(wrp_alg_from_cose(-7), WRP_ALG_ES256);
    assert_int_equal(wrp_alg_from_cose(-35), WRP_ALG_ES384);
    assert_int_equal(wrp_alg_from_cose(-36), WRP_ALG_ES512);
    assert_int_equal(wrp_alg_from_cose(-37), WRP_ALG_PS256);
    assert_int_equal(wrp_alg_from_cose(-38), WRP_ALG_PS384);
    assert_int_equal(wrp_alg_from_cose(-39), WRP_ALG_PS512);
    assert_int_equal(wrp_alg_from_cose(-257), WRP_ALG_RS256);
    assert_int_equal(wrp_alg_from_cose(-258), WRP_ALG_RS384);
    assert_int_equal(wrp_alg_from_cose(-259), WRP_ALG_RS512);
    assert_int_equal(wrp_alg_from_cose(-8), WRP_ALG_EDDSA);
    /* HMAC 256/64 .. 512/512 (4..7), direct (-6), unassigned, and the positive mirror images */
    static const int64_t refused[] = {0, 4, 5, 6, 7, -6, 35, 257, -1, -9, -260, INT64_MIN, INT64_MAX};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_equal(wrp_alg_from_cose(refused[i]), WRP_ALG_INVALID);
}

static void every_alg_round_trips(void **state)
{
    (void)state;
    assert_int_equal(sign_then_verify(WRP_ALG_ES256, k.p256, k.p256), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_ES384, k.p384, k.p384), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_ES512, k.p521, k.p521), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_PS256, k.rsa2048, k.rsa2048), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_PS384, k.rsa2048, k.rsa2048), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_PS512, k.rsa2048, k.rsa2048), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_RS256, k.rsa2048, k.rsa2048), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_RS384, k.rsa2048, k.rsa2048), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_RS512, k.rsa2048, k.rsa2048), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_EDDSA, k.ed25519, k.ed25519), WRP_OK);
}

static void message_bit_flip_fails(void **state)
{
    (void)state;
    static const wrp_alg algs[] = {WRP_ALG_ES256, WRP_ALG_PS256, WRP_ALG_RS256, WRP_ALG_EDDSA};
    EVP_PKEY *keys[] = {k.p256, k.rsa2048, k.rsa2048, k.ed25519};
    for (size_t i = 0; i < 4; i++) {
        uint8_t *sig = NULL;
        size_t siglen = 0;
        uint8_t m[sizeof msg];
        memcpy(m, msg, sizeof msg);
        assert_int_equal(tc_sign(algs[i], keys[i], m, MSGLEN, &sig, &siglen), 0);
        m[3] ^= 0x01;
        assert_int_equal(wrp_sig_verify(algs[i], keys[i], m, MSGLEN, sig, siglen, NULL),
                         WRP_ERR_CRYPTO);
        m[3] ^= 0x01;
        sig[siglen - 1] ^= 0x80;
        assert_int_equal(wrp_sig_verify(algs[i], keys[i], m, MSGLEN, sig, siglen, NULL),
                         WRP_ERR_CRYPTO);
        free(sig);
        assert_int_equal(ERR_peek_error(), 0);
    }
}

static void ecdsa_raw_length_must_be_exact(void **state)
{
    (void)state;
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(WRP_ALG_ES256, k.p256, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(siglen, 64);
    uint8_t buf[66] = {0};
    /* 63 bytes: the last byte dropped */
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, sig, 63, NULL),
                     WRP_ERR_CRYPTO);
    /* 65 bytes: a leading zero before r||s, then a trailing zero */
    memcpy(buf + 1, sig, 64);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, buf, 65, NULL),
                     WRP_ERR_CRYPTO);
    memcpy(buf, sig, 64);
    buf[64] = 0;
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, buf, 65, NULL),
                     WRP_ERR_CRYPTO);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, sig, 0, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
    /* P-521: 2 x 66 bytes, never 2 x 65 or 2 x 64 */
    assert_int_equal(tc_sign(WRP_ALG_ES512, k.p521, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(siglen, 132);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES512, k.p521, msg, MSGLEN, sig, 130, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
    assert_int_equal(tc_sign(WRP_ALG_ES384, k.p384, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(siglen, 96);
    free(sig);
    assert_int_equal(ERR_peek_error(), 0);
}

static void ecdsa_der_signature_refused(void **state)
{
    (void)state;
    uint8_t *der = NULL;
    size_t derlen = 0;
    assert_int_equal(tc_sign_der("SHA256", k.p256, msg, MSGLEN, &der, &derlen), 0);
    assert_int_equal(der[0], 0x30);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, der, derlen, NULL),
                     WRP_ERR_CRYPTO);
    free(der);
    assert_int_equal(ERR_peek_error(), 0);
}

static void ecdsa_degenerate_values_fail(void **state)
{
    (void)state;
    uint8_t sig[64];
    memset(sig, 0, sizeof sig);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, sig, 64, NULL),
                     WRP_ERR_CRYPTO);
    memset(sig, 0xff, sizeof sig); /* r, s >= the group order */
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, sig, 64, NULL),
                     WRP_ERR_CRYPTO);
    assert_int_equal(ERR_peek_error(), 0);
}

static void ecdsa_curve_must_match_alg(void **state)
{
    (void)state;
    /* the signature is valid for the key; only the alg/curve pairing is wrong */
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(WRP_ALG_ES384, k.p384, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p384, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES512, k.p384, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
    assert_int_equal(sign_then_verify(WRP_ALG_ES256, k.p256, k.p384), WRP_ERR_CRYPTO);
    assert_int_equal(sign_then_verify(WRP_ALG_ES512, k.p521, k.p256), WRP_ERR_CRYPTO);
}

static void key_kind_must_match_alg(void **state)
{
    (void)state;
    uint8_t *sig = NULL;
    size_t siglen = 0;
    wrp_err err = {{0}};
    assert_int_equal(tc_sign(WRP_ALG_RS256, k.rsa2048, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(wrp_sig_verify(WRP_ALG_RS256, k.p256, msg, MSGLEN, sig, siglen, &err),
                     WRP_ERR_CRYPTO);
    assert_non_null(strstr(err.msg, "RSA"));
    assert_int_equal(wrp_sig_verify(WRP_ALG_PS256, k.ed25519, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
    assert_int_equal(sign_then_verify(WRP_ALG_ES256, k.p256, k.rsa2048), WRP_ERR_CRYPTO);
    assert_int_equal(sign_then_verify(WRP_ALG_EDDSA, k.ed25519, k.p256), WRP_ERR_CRYPTO);
    assert_int_equal(sign_then_verify(WRP_ALG_EDDSA, k.ed448, k.ed448), WRP_ERR_CRYPTO);
    /* PKCS#1 v1.5 and PSS signatures are not interchangeable */
    assert_int_equal(sign_then_verify(WRP_ALG_RS256, k.rsa2048, k.rsa2048), WRP_OK);
    assert_int_equal(tc_sign(WRP_ALG_RS256, k.rsa2048, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(wrp_sig_verify(WRP_ALG_PS256, k.rsa2048, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    assert_int_equal(wrp_sig_verify(WRP_ALG_RS384, k.rsa2048, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
    assert_int_equal(ERR_peek_error(), 0);
}

static void rsa_below_2048_bits_refused(void **state)
{
    (void)state;
    wrp_err err = {{0}};
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(WRP_ALG_RS256, k.rsa1024, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(wrp_sig_verify(WRP_ALG_RS256, k.rsa1024, msg, MSGLEN, sig, siglen, &err),
                     WRP_ERR_CRYPTO);
    assert_non_null(strstr(err.msg, "1024"));
    free(sig);
    assert_int_equal(sign_then_verify(WRP_ALG_PS256, k.rsa1024, k.rsa1024), WRP_ERR_CRYPTO);
}

static void rsa_pss_key_only_for_ps(void **state)
{
    (void)state;
    assert_int_equal(sign_then_verify(WRP_ALG_PS256, k.rsapss, k.rsapss), WRP_OK);
    assert_int_equal(sign_then_verify(WRP_ALG_PS512, k.rsapss, k.rsapss), WRP_OK);
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(WRP_ALG_RS256, k.rsa2048, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(wrp_sig_verify(WRP_ALG_RS256, k.rsapss, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
}

/* PS*: the salt is as long as the hash; MGF1 uses the same hash. */
static void pss_salt_length_is_hash_length(void **state)
{
    (void)state;
    static const int salts[] = {0, 20, RSA_PSS_SALTLEN_MAX};
    for (size_t i = 0; i < sizeof salts / sizeof salts[0]; i++) {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        EVP_PKEY_CTX *pctx = NULL;
        uint8_t sig[256];
        size_t siglen = sizeof sig;
        assert_non_null(ctx);
        assert_int_equal(EVP_DigestSignInit_ex(ctx, &pctx, "SHA256", NULL, NULL, k.rsa2048, NULL), 1);
        assert_true(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0);
        assert_true(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salts[i]) > 0);
        assert_int_equal(EVP_DigestSign(ctx, sig, &siglen, msg, MSGLEN), 1);
        EVP_MD_CTX_free(ctx);
        assert_int_equal(wrp_sig_verify(WRP_ALG_PS256, k.rsa2048, msg, MSGLEN, sig, siglen, NULL),
                         WRP_ERR_CRYPTO);
    }
    /* MGF1 with SHA-1 instead of SHA-256 */
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    uint8_t sig[256];
    size_t siglen = sizeof sig;
    assert_int_equal(EVP_DigestSignInit_ex(ctx, &pctx, "SHA256", NULL, NULL, k.rsa2048, NULL), 1);
    assert_true(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0);
    assert_true(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) > 0);
    assert_true(EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, "SHA1", NULL) > 0);
    assert_int_equal(EVP_DigestSign(ctx, sig, &siglen, msg, MSGLEN), 1);
    EVP_MD_CTX_free(ctx);
    assert_int_equal(wrp_sig_verify(WRP_ALG_PS256, k.rsa2048, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    assert_int_equal(ERR_peek_error(), 0);
}

static void rsa_signature_length_is_modulus_length(void **state)
{
    (void)state;
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(WRP_ALG_RS256, k.rsa2048, msg, MSGLEN, &sig, &siglen), 0);
    uint8_t longer[257] = {0};
    memcpy(longer + 1, sig, siglen);
    assert_int_equal(wrp_sig_verify(WRP_ALG_RS256, k.rsa2048, msg, MSGLEN, longer, 257, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
}

static void invalid_alg_never_verifies(void **state)
{
    (void)state;
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(WRP_ALG_ES256, k.p256, msg, MSGLEN, &sig, &siglen), 0);
    assert_int_equal(wrp_sig_verify(WRP_ALG_INVALID, k.p256, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    assert_int_equal(wrp_sig_verify((wrp_alg)99, k.p256, msg, MSGLEN, sig, siglen, NULL),
                     WRP_ERR_CRYPTO);
    free(sig);
}

/* HS256 with the verifier's public key as the HMAC secret (the classic alg confusion) is refused
 * by name, and the MAC is no signature under any accepted alg. */
static void hmac_alg_confusion_does_not_verify(void **state)
{
    (void)state;
    EVP_PKEY *keys[] = {k.p256, k.rsa2048, k.ed25519};
    static const wrp_alg algs[] = {WRP_ALG_ES256, WRP_ALG_RS256, WRP_ALG_PS256, WRP_ALG_EDDSA};
    assert_int_equal(wrp_alg_from_jose("HS256"), WRP_ALG_INVALID);
    for (size_t i = 0; i < 3; i++) {
        size_t spkilen = 0;
        uint8_t *spki = tc_spki_der(keys[i], &spkilen);
        uint8_t mac[32];
        assert_non_null(spki);
        assert_int_equal(tc_hmac_sha256(spki, spkilen, msg, MSGLEN, mac), 0);
        for (size_t a = 0; a < 4; a++)
            assert_int_equal(wrp_sig_verify(algs[a], keys[i], msg, MSGLEN, mac, sizeof mac, NULL),
                             WRP_ERR_CRYPTO);
        free(spki);
    }
    assert_int_equal(ERR_peek_error(), 0);
}

static void missing_arguments(void **state)
{
    (void)state;
    uint8_t sig[64] = {0};
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, NULL, msg, MSGLEN, sig, 64, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, NULL, 5, sig, 64, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_sig_verify(WRP_ALG_ES256, k.p256, msg, MSGLEN, NULL, 64, NULL), WRP_ERR_ARG);
}

static void empty_message_round_trips(void **state)
{
    (void)state;
    uint8_t *sig = NULL;
    size_t siglen = 0;
    assert_int_equal(tc_sign(WRP_ALG_EDDSA, k.ed25519, msg, 0, &sig, &siglen), 0);
    assert_int_equal(wrp_sig_verify(WRP_ALG_EDDSA, k.ed25519, NULL, 0, sig, siglen, NULL), WRP_OK);
    free(sig);
}

static void error_queue_left_empty(void **state)
{
    (void)state;
    uint8_t junk[256];
    memset(junk, 0x5a, sizeof junk);
    ERR_clear_error();
    (void)wrp_sig_verify(WRP_ALG_RS256, k.rsa2048, msg, MSGLEN, junk, sizeof junk, NULL);
    assert_int_equal(ERR_peek_error(), 0);
    (void)wrp_sig_verify(WRP_ALG_PS256, k.rsa2048, msg, MSGLEN, junk, sizeof junk, NULL);
    assert_int_equal(ERR_peek_error(), 0);
    (void)wrp_sig_verify(WRP_ALG_EDDSA, k.ed25519, msg, MSGLEN, junk, 64, NULL);
    assert_int_equal(ERR_peek_error(), 0);
    (void)wrp_sig_verify(WRP_ALG_EDDSA, k.ed25519, msg, MSGLEN, junk, 63, NULL);
    assert_int_equal(ERR_peek_error(), 0);
    /* an error left by an earlier OpenSSL call does not survive a refused call either */
    const unsigned char *p = junk;
    assert_null(d2i_PUBKEY(NULL, &p, 16));
    assert_int_not_equal(ERR_peek_error(), 0);
    (void)wrp_sig_verify(WRP_ALG_ES256, NULL, msg, MSGLEN, junk, 64, NULL);
    assert_int_equal(ERR_peek_error(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jose_names_match_exactly),
        cmocka_unit_test(jose_none_and_hmac_refused),
        cmocka_unit_test(cose_ids_map),
        cmocka_unit_test(every_alg_round_trips),
        cmocka_unit_test(message_bit_flip_fails),
        cmocka_unit_test(ecdsa_raw_length_must_be_exact),
        cmocka_unit_test(ecdsa_der_signature_refused),
        cmocka_unit_test(ecdsa_degenerate_values_fail),
        cmocka_unit_test(ecdsa_curve_must_match_alg),
        cmocka_unit_test(key_kind_must_match_alg),
        cmocka_unit_test(rsa_below_2048_bits_refused),
        cmocka_unit_test(rsa_pss_key_only_for_ps),
        cmocka_unit_test(pss_salt_length_is_hash_length),
        cmocka_unit_test(rsa_signature_length_is_modulus_length),
        cmocka_unit_test(invalid_alg_never_verifies),
        cmocka_unit_test(hmac_alg_confusion_does_not_verify),
        cmocka_unit_test(missing_arguments),
        cmocka_unit_test(empty_message_round_trips),
        cmocka_unit_test(error_queue_left_empty),
    };
    return cmocka_run_group_tests_name("sig", tests, keys_up, keys_down);
}
