/* The one signer check: a JWS, a COSE_Sign1 or a signing input built by the caller, signed by the
 * first certificate of a chain, optionally with that chain validated to anchors at a time. Every
 * signed artefact (the Request Object, reader authentication, the registration certificate, a
 * status list token, a register document, a trusted list) is verified here, so that the order of
 * the checks and the source of the key are the same everywhere. */
#ifndef WRP_SIGNER_H
#define WRP_SIGNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/cose.h"
#include "crypto/jws.h"
#include "crypto/sig.h"
#include "crypto/x509.h"
#include "util/err.h"

/* What was signed: exactly one of jws, cose or input. */
typedef struct wrp_signed {
    const wrp_jws *jws;             /* a compact JWS (its own signing input), or */
    const wrp_cose_sign1 *cose;     /* a COSE_Sign1, with */
    const uint8_t *detached;        /*   its payload when the structure carries none (nil) */
    size_t detached_len;
    const uint8_t *input;           /* or a signing input the caller built (a JWS JSON
                                     * serialization's BASE64URL(protected) '.' BASE64URL(payload)), */
    size_t input_len;
    const uint8_t *sig;             /*   with its signature */
    size_t sig_len;
    wrp_alg alg;                    /* the algorithm of the protected header */
    bool crit_ok;                   /* false when crit names a parameter not understood */
} wrp_signed;

/* The signed artefacts' three shapes. */
wrp_signed wrp_signed_jws(const wrp_jws *jws);
wrp_signed wrp_signed_cose(const wrp_cose_sign1 *c, const uint8_t *detached, size_t detached_len);

/* The signature of s with a key known otherwise (a test's JWK): WRP_OK only when it verifies;
 * WRP_ERR_CRYPTO otherwise (alg and crit refused as by wrp_signer_verify), WRP_ERR_NOMEM. */
wrp_status wrp_signed_verify(const wrp_signed *s, EVP_PKEY *key, wrp_err *err);

/* The outcome of a signer check, the first that applies in this order. */
typedef enum wrp_signer_outcome {
    WRP_SIGNER_OK = 0,
    WRP_SIGNER_ALG,           /* alg absent, none, HMAC or not supported */
    WRP_SIGNER_CRIT,          /* a critical header parameter is not understood */
    WRP_SIGNER_NO_CHAIN,      /* no certificate to verify with */
    WRP_SIGNER_BAD_KEY,       /* the leaf's public key does not decode */
    WRP_SIGNER_BAD_SIGNATURE, /* the signature does not verify with the leaf's key */
    WRP_SIGNER_UNTRUSTED      /* signature good, but the chain does not validate to the anchors at
                               * the time (wrp_signer_result.chain says why) */
} wrp_signer_outcome;

typedef struct wrp_signer_result {
    wrp_signer_outcome outcome;
    wrp_chain_result chain;   /* the chain's result (WRP_CHAIN_OK when no anchors were given) */
    wrp_err why;              /* the reason behind a signature or chain failure (may be empty) */
    bool nomem;               /* the verification ran out of memory (reported as BAD_SIGNATURE) */
} wrp_signer_result;

/*
 * What a verifier remembers of the signatures it verified, so that the same registration
 * certificate and status list token are not verified again on every judgement: positive outcomes
 * only, each kept as the SHA-256 of what decides the outcome (the algorithm, the signed bytes, the
 * signature and the signer certificate's DER), at most `capacity` of them (the oldest replaced).
 * A signature verifies or not by those bytes alone, so a remembered one would verify again; the
 * chain, and with it every time-dependent rule, is still judged on every call. Safe for any
 * number of threads at once (one mutex, never held while OpenSSL verifies).
 */
typedef struct wrp_sig_memo wrp_sig_memo;
wrp_sig_memo *wrp_sig_memo_new(size_t capacity); /* NULL when out of memory */
void wrp_sig_memo_free(wrp_sig_memo *m);
/* How many signatures a memo answered without verifying (for tests and the benchmark). */
size_t wrp_sig_memo_hits(wrp_sig_memo *m);

/*
 * Checks that chain->certs[0] signed s. With anchors, chain is first validated to them at Unix
 * time t (wrp_chain_verify: certs[1..] untrusted intermediates); the key is then taken from
 * certs[0], the leaf of that validation, and the signature is verified whatever the chain's
 * result, so that a bad signature is reported as such on an untrusted chain too. Without anchors
 * only the signature is checked (the caller judges the chain elsewhere). chain may be NULL or
 * empty (NO_CHAIN). Leaves the OpenSSL error queue empty. Returns the outcome, also in *out
 * (which may be NULL).
 */
wrp_signer_outcome wrp_signer_verify(const wrp_signed *s, const wrp_chain *chain,
                                     const wrp_anchors *anchors, int64_t t, wrp_signer_result *out);

/* As wrp_signer_verify, with the signature's outcome looked up in, and a good one kept in, memo
 * (NULL: none). Only for signatures over bytes a verifier meets again: the request's own
 * signature is verified on every judgement. */
wrp_signer_outcome wrp_signer_verify_memo(const wrp_signed *s, const wrp_chain *chain,
                                          const wrp_anchors *anchors, int64_t t, wrp_sig_memo *memo,
                                          wrp_signer_result *out);

#endif
