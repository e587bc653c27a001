/* Keys and signatures made inside the tests with OpenSSL, in the forms JOSE and COSE use. */
#ifndef WRP_TESTCRYPTO_H
#define WRP_TESTCRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include "crypto/sig.h"

/* kind: "P-256", "P-384", "P-521", "RSA-1024", "RSA-2048", "RSA-PSS-2048", "Ed25519", "Ed448".
 * NULL on failure. */
EVP_PKEY *tc_keygen(const char *kind);

/* Signs msg as alg would: ECDSA as raw r||s (field size each), RSA PKCS#1 v1.5 or PSS (salt =
 * hash length), Ed25519 pure. *sig is malloc'ed; 0 on success. */
int tc_sign(wrp_alg alg, EVP_PKEY *key, const uint8_t *msg, size_t len, uint8_t **sig,
            size_t *siglen);

/* ECDSA signature in DER (what EVP_DigestSign produces), for refusal tests. */
int tc_sign_der(const char *md, EVP_PKEY *key, const uint8_t *msg, size_t len, uint8_t **sig,
                size_t *siglen);

/* HMAC-SHA256 of msg with secret; out holds 32 bytes. */
int tc_hmac_sha256(const uint8_t *secret, size_t secretlen, const uint8_t *msg, size_t len,
                   uint8_t out[32]);

/* The DER SubjectPublicKeyInfo of key; malloc'ed. */
uint8_t *tc_spki_der(EVP_PKEY *key, size_t *len);

/* A self-signed certificate for key (SHA-256 signature, one day of validity); its DER, malloc'ed,
 * in *der when der is non-NULL. NULL on failure. */
X509 *tc_self_signed(EVP_PKEY *key, const char *cn, uint8_t **der, size_t *derlen);

/* Standard base64 (padded) of in, as a malloc'ed string. */
char *tc_b64(const uint8_t *in, size_t len);

/* Compact JWS BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature), signed with
 * key under alg (no signature part content when key is NULL). malloc'ed string. */
char *tc_jws(const char *header, const uint8_t *payload, size_t payload_len, wrp_alg alg,
             EVP_PKEY *key);

#endif
