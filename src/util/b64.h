/* Strict base64 (RFC 4648 section 4, for x5c) and base64url (section 5, unpadded, for JOSE). */
#ifndef WRP_B64_H
#define WRP_B64_H

#include <stddef.h>
#include <stdint.h>
#include "util/err.h"

/* Standard alphabet, padding required to a multiple of 4, no whitespace, canonical trailing bits.
 * *out is malloc'ed (never NULL on success, even for empty output); caller frees. */
wrp_status wrp_b64_decode(const uint8_t *in, size_t len, uint8_t **out, size_t *outlen, wrp_err *err);

/* URL-safe alphabet, no padding, no whitespace, length mod 4 != 1, canonical trailing bits. */
wrp_status wrp_b64url_decode(const uint8_t *in, size_t len, uint8_t **out, size_t *outlen, wrp_err *err);

/* Unpadded base64url into a malloc'ed NUL-terminated string. */
wrp_status wrp_b64url_encode(const uint8_t *in, size_t len, char **out);

#endif
