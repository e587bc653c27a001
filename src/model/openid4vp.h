/* OpenID4VP 1.0 requests as read: a compact JWS Request Object (directly or in the DC API envelope
 * {"request": JWS}) or an unsigned request (a JSON object), and the Request Object's x5c. Facts
 * only: policy/request_check.c judges them. */
#ifndef WRP_OPENID4VP_H
#define WRP_OPENID4VP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "crypto/jws.h"
#include "crypto/x509.h"
#include "util/err.h"

typedef struct wrp_o4vp_input {
    bool is_signed;       /* a compact JWS (directly or in the envelope) */
    bool envelope;        /* it came in the DC API envelope {"request": JWS} */
    wrp_jws jws;          /* the Request Object (signed requests) */
    cJSON *json;          /* the JSON input: an unsigned request or the envelope */
    cJSON *payload;       /* the Request Object's claims (signed requests) */
    const cJSON *params;  /* the request parameters: payload, or json when unsigned */
} wrp_o4vp_input;

/* Why a request could not be read: what (e.g. "Request Object payload"), and, when there is one,
 * the reader's reason. */
typedef struct wrp_o4vp_unread {
    char what[128];
    bool has_reason;
    wrp_err reason;
} wrp_o4vp_unread;

/*
 * Reads bytes as received; surrounding ASCII whitespace is ignored. A JSON object is an unsigned
 * request unless it holds `request` (the envelope, whose other members are ignored; its request
 * must be a string in the compact JWS form, wrp_sniff_compact_jws); anything not starting with
 * '{' or '[' must be a compact JWS whose payload is a strict JSON object. A request by reference
 * (request_uri) is not read. Status: WRP_OK; WRP_ERR_MALFORMED with *why filled; WRP_ERR_NOMEM.
 * The input is to be freed in every case.
 */
wrp_status wrp_o4vp_read(const uint8_t *in, size_t len, wrp_o4vp_input *out, wrp_o4vp_unread *why);

/* The Request Object's x5c as a chain, and x5c[0]'s DER exactly as received (malloc'ed). */
wrp_status wrp_o4vp_x5c(const wrp_o4vp_input *r, wrp_chain *chain, uint8_t **x5c0, size_t *x5c0_len,
                        wrp_err *err);

void wrp_o4vp_input_free(wrp_o4vp_input *r);

#endif
