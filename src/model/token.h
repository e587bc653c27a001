/* A signed token as JWT (compact JWS with a JSON payload) or CWT (COSE_Sign1 with a CBOR claims
 * set): the common envelope of registration certificates and status list tokens. */
#ifndef WRP_TOKEN_H
#define WRP_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include <cbor.h>
#include "crypto/cose.h"
#include "crypto/jws.h"
#include "crypto/signer.h"
#include "crypto/x509.h"
#include "util/cbor_json.h"
#include "util/err.h"

typedef enum wrp_token_encoding { WRP_TOKEN_JWT = 0, WRP_TOKEN_CWT = 1 } wrp_token_encoding;

typedef struct wrp_token {
    wrp_token_encoding encoding;
    wrp_jws jws;           /* WRP_TOKEN_JWT */
    wrp_cose_sign1 cose;   /* WRP_TOKEN_CWT */
    cbor_item_t *cose_root;
    const char *typ;       /* JWT header typ / COSE label 16 (either header), or NULL */
    bool typ_in_protected; /* the typ was found in the protected header */
    wrp_alg alg;
    bool crit_ok;
    cJSON *payload;        /* the payload as a JSON object, or NULL when it is not one */
    char payload_error[256];
} wrp_token;

/*
 * Detects JWT (text: base64url parts and dots) or CWT (binary COSE_Sign1: untagged, tag 18, or
 * tag 61 around tag 18) and parses the envelope. CWT claims are converted with wrp_cbor_to_json
 * (keys, bstr_ok). A payload that is not a JSON object / CBOR map leaves env->payload NULL with
 * the reason in env->payload_error; the envelope is still returned with WRP_OK.
 * WRP_ERR_MALFORMED / WRP_ERR_LIMIT when the envelope itself cannot be parsed.
 */
wrp_status wrp_token_parse(const uint8_t *in, size_t len, const wrp_cbor_json_key *keys,
                           size_t n_keys, bool bstr_ok, wrp_token *env, wrp_err *err);

/* The signer's certificate chain (x5c, or x5chain in either COSE header). */
wrp_status wrp_token_chain(const wrp_token *env, wrp_chain *out, wrp_err *err);

/* What the envelope signs, for wrp_signer_verify (the CWT payload is attached). */
wrp_signed wrp_token_signed(const wrp_token *env);

void wrp_token_free(wrp_token *env);

#endif
