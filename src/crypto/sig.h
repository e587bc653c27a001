/* Signature algorithms accepted for JWS and COSE, and raw signature verification with EVP. */
#ifndef WRP_SIG_H
#define WRP_SIG_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include "util/err.h"

typedef enum wrp_alg {
    WRP_ALG_INVALID = 0, /* none, HMAC, unknown, or absent: always refused */
    WRP_ALG_ES256, WRP_ALG_ES384, WRP_ALG_ES512,
    WRP_ALG_PS256, WRP_ALG_PS384, WRP_ALG_PS512,
    WRP_ALG_RS256, WRP_ALG_RS384, WRP_ALG_RS512,
    WRP_ALG_EDDSA
} wrp_alg;

/* JOSE "alg" name -> algorithm; WRP_ALG_INVALID for "none", "HS*", anything else. Exact match. */
wrp_alg wrp_alg_from_jose(const char *name);
/* COSE algorithm id (-7/-35/-36, -37/-38/-39, -257/-258/-259, -8) -> algorithm. */
wrp_alg wrp_alg_from_cose(int64_t id);
const char *wrp_alg_name(wrp_alg alg);

/*
 * Verifies sig over msg with key. ECDSA signatures are the JOSE/COSE raw r||s form of exactly
 * 2 x field size bytes (converted to DER for EVP; any other length refused). The key type must
 * match the algorithm (ES256 needs P-256, ES384 P-384, ES512 P-521, PS/RS an RSA key of at least
 * 2048 bits, EdDSA Ed25519). Returns WRP_OK only for a valid signature; WRP_ERR_CRYPTO otherwise.
 * Leaves the OpenSSL error queue empty.
 */
wrp_status wrp_sig_verify(wrp_alg alg, EVP_PKEY *key, const uint8_t *msg, size_t msglen,
                          const uint8_t *sig, size_t siglen, wrp_err *err);

#ifdef WRP_FUZZ_NO_SIGNATURES
/* Fuzz builds only (SPEC.md, "Fuzzing"): after the algorithm and key checks, a signature counts
 * as valid iff its first byte is this value, so that fuzzers reach the code behind signatures. */
#define WRP_FUZZ_SIG_ACCEPT 0xA5u
#endif

#endif
