/* Text written for a human reader (the outline of wrp_inspect): a growable buffer, and the escapes
 * that keep text quoted from an input from starting a line of its own, moving the terminal or
 * hiding a difference (SPEC.md 1a). */
#ifndef WRP_TEXT_H
#define WRP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A zeroed struct is an empty buffer. A failed allocation is noted (util/mem.h) and sticks in
 * oom: later appends do nothing, and the caller checks oom once at the end. */
typedef struct wrp_textbuf {
    char *p; /* NUL-terminated while not oom */
    size_t len, cap;
    bool oom;
} wrp_textbuf;

void wrp_textbuf_put(wrp_textbuf *t, const char *s, size_t n);
void wrp_textbuf_puts(wrp_textbuf *t, const char *s);
void wrp_textbuf_printf(wrp_textbuf *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wrp_textbuf_spaces(wrp_textbuf *t, size_t n);

/* Whether a code point is written as an escape: Unicode's general categories Cc (C0, DEL, C1),
 * Zl, Zp and Cf (Unicode 15.1). */
bool wrp_text_escaped(uint32_t cp);

/* Appends s[0..n) with the escapes of SPEC.md 1a: a byte outside well-formed UTF-8, a C0 control
 * or DEL as \xNN; any other escaped code point as \uNNNN, or \UNNNNNNNN above U+FFFF (lower-case
 * hex); everything else as it is. quoted: also \" and \\, for text shown between quotes. */
void wrp_textbuf_escape(wrp_textbuf *t, const uint8_t *s, size_t n, bool quoted);

/* Hands the text over (NULL when oom) and empties t. */
char *wrp_textbuf_take(wrp_textbuf *t);

#endif
