/* COSE_Sign1 (RFC 9052). */
#ifndef WRP_COSE_H
#define WRP_COSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cbor.h>
#include <openssl/evp.h>
#include "crypto/sig.h"
#include "crypto/x509.h"
#include "util/err.h"

#define WRP_COSE_LABEL_ALG 1
#define WRP_COSE_LABEL_CRIT 2
#define WRP_COSE_LABEL_CONTENT_TYPE 3
#define WRP_COSE_LABEL_KID 4
#define WRP_COSE_LABEL_TYP 16
#define WRP_COSE_LABEL_X5CHAIN 33

typedef struct wrp_cose_sign1 {
    cbor_item_t *root;            /* reference to the parsed array (owned) */
    const uint8_t *protected_raw; /* the protected header's original bytes (inside root) */
    size_t protected_len;
    cbor_item_t *protected_map;   /* decoded protected header (owned; an empty map for h'') */
    const cbor_item_t *unprotected; /* the unprotected header map (inside root) */
    const uint8_t *payload;       /* NULL when detached (nil) */
    size_t payload_len;
    const uint8_t *sig;
    size_t sig_len;
    wrp_alg alg;                  /* from the protected header only; WRP_ALG_INVALID otherwise */
    bool crit_ok;                 /* false when crit names a label not understood */
} wrp_cose_sign1;

/*
 * item: a COSE_Sign1 array, untagged or with tag 18. The protected header is a bstr holding a map
 * (or empty), decoded with the strict CBOR front end; the unprotected header a map; a label present
 * in both headers is refused; payload a bstr or nil; signature a bstr.
 */
wrp_status wrp_cose_sign1_parse(const cbor_item_t *item, wrp_cose_sign1 *out, wrp_err *err);

/* A header parameter: the protected header first, then (unless protected_only) the unprotected. */
const cbor_item_t *wrp_cose_header(const wrp_cose_sign1 *c, int64_t label, bool protected_only);

/* x5chain (label 33) from either header as a chain. */
wrp_status wrp_cose_x5chain(const wrp_cose_sign1 *c, wrp_chain *out, wrp_err *err);

/* Verifies over Sig_structure ["Signature1", protected_raw, h'' (external_aad), payload], where
 * payload is the attached one, or `detached` when the payload is nil (passing `detached` for an
 * attached payload, or none for a detached one, is WRP_ERR_ARG). */
wrp_status wrp_cose_sign1_verify(const wrp_cose_sign1 *c, const uint8_t *detached,
                                 size_t detached_len, EVP_PKEY *key, wrp_err *err);

void wrp_cose_sign1_free(wrp_cose_sign1 *c);

#endif
