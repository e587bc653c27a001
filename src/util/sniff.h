/* What an input looks like by its bytes alone (the shape behind wrp_sniff of the public API): one
 * rule for every caller that has to say what it was given, so that the command line can name a
 * PEM file given as a transcript, a hex dump or a deep link given as a request, and a report can
 * skip what is clearly no request. */
#ifndef WRP_SNIFF_H
#define WRP_SNIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "wrpcheck.h"

/* The compact JWS form by its bytes alone, exactly as given (no whitespace around it): three
 * base64url parts separated by two dots, the first non-empty (RFC 7515 section 7.1). */
bool wrp_sniff_compact_jws(const uint8_t *p, size_t n);

/* The shape of in[0..len); see wrp_input_shape in include/wrpcheck.h. */
wrp_input_shape wrp_sniff_shape(const uint8_t *in, size_t len);

#endif
