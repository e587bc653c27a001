/* JWS compact serialization (RFC 7515) with a strict header. */
#ifndef WRP_JWS_H
#define WRP_JWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include <openssl/x509.h>
#include "crypto/sig.h"
#include "crypto/x509.h"
#include "util/err.h"

typedef struct wrp_jws {
    char *text;              /* owned copy of the compact form (surrounding whitespace removed) */
    size_t signing_input_len; /* text[0..signing_input_len) = BASE64URL(header) '.' BASE64URL(payload) */
    cJSON *header;           /* the protected header: a JSON object */
    uint8_t *payload;        /* decoded payload bytes (NUL-terminated for convenience, not counted) */
    size_t payload_len;
    uint8_t *sig;            /* decoded signature bytes (may be empty) */
    size_t sig_len;
    wrp_alg alg;             /* WRP_ALG_INVALID when alg is absent, "none", HMAC or unknown */
    const char *typ;         /* header typ, or NULL (points into header) */
    bool crit_ok;            /* false when crit is present and names anything not understood */
} wrp_jws;

/*
 * Splits and decodes. Leading and trailing ASCII whitespace is ignored. Exactly three parts;
 * header and payload strict base64url (non-empty); header a strict JSON object (see json.h);
 * the signature part may be empty (decodes to zero bytes: verification then fails). A header with
 * "b64": false is refused. Does not judge alg, typ or crit: see the fields.
 */
wrp_status wrp_jws_parse(const uint8_t *in, size_t len, wrp_jws *out, wrp_err *err);

/*
 * One signature of a JWS JSON serialization (RFC 7515 section 7.2), whose signatures share one
 * payload: its protected header and its signature, each the BASE64URL text as written, read as
 * wrp_jws_parse reads those parts of a compact JWS (header non-empty, strict base64url, a strict
 * JSON object, b64 false refused; the signature may be empty). Fills header, alg, typ, crit_ok, sig
 * and sig_len; text and payload stay NULL, so wrp_jws_verify refuses the result: the caller
 * verifies over its own signing input BASE64URL(protected) '.' BASE64URL(payload).
 */
wrp_status wrp_jws_parse_signature(const char *protected_b64, size_t plen, const char *sig_b64,
                                   size_t slen, wrp_jws *out, wrp_err *err);

/* The header's x5c as a chain (WRP_ERR_MALFORMED when absent or malformed). */
wrp_status wrp_jws_x5c(const wrp_jws *jws, wrp_chain *out, wrp_err *err);

/* Verifies the signature with key. WRP_ERR_CRYPTO when alg is invalid, crit is not understood,
 * or the signature does not verify. */
wrp_status wrp_jws_verify(const wrp_jws *jws, EVP_PKEY *key, wrp_err *err);

void wrp_jws_free(wrp_jws *jws);

#endif
