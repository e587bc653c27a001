/* UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing above U+10FFFF. */
#ifndef WRP_UTF8_H
#define WRP_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length (1 to 4) of the well-formed sequence that starts p[0..n), with its code point into *cp
 * when cp is not NULL; 0 when there is none (*cp left as it was). */
size_t wrp_utf8_seq(const uint8_t *p, size_t n, uint32_t *cp);

/* Whether p[0..n) is well-formed UTF-8 throughout. */
bool wrp_utf8_valid(const uint8_t *p, size_t n);

/* Replaces, in place, every byte of s that does not belong to a well-formed sequence with '?', so
 * that a text built from untrusted bytes can always be written out as JSON. */
void wrp_utf8_scrub(char *s);

#endif
