/* The parts of wrp_inspect: the view of an artefact (a cJSON tree, src/lib/inspect.c), the view of
 * certificates and CRLs (inspect_x509.c), and the view written as an indented outline
 * (inspect_text.c). Every part notes an allocation failure (util/err.h) and leaves out what it
 * could not build; wrp_inspect_ex then returns WRP_ERR_NOMEM. */
#ifndef WRP_INSPECT_H
#define WRP_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include <openssl/x509.h>

#include "crypto/x509.h"

/* Lower-case hex of p[0..n), the bytes separated by sep unless it is 0; NULL when out of memory
 * (noted). */
char *wrp_inspect_hex(const uint8_t *p, size_t n, char sep);

/* One certificate: names, serial, validity, key, extensions, SHA-256. */
cJSON *wrp_inspect_cert(X509 *cert);
/* The certificates of a chain, leaf first. */
cJSON *wrp_inspect_chain(const wrp_chain *chain);
/* PEM certificates or CRLs, or one DER certificate or CRL: the view ("kind" "certificates" or
 * "crls"), or NULL (nothing noted) when the bytes are neither; err then says why. */
cJSON *wrp_inspect_x509(const uint8_t *in, size_t len, wrp_err *err);

/* The view as an outline for a reader (SPEC.md 1a escapes); NULL when out of memory. */
char *wrp_inspect_outline(const cJSON *view);

#endif
