#include "util/text.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/utf8.h"

/* Room for n more bytes. */
static bool grow(wrp_textbuf *t, size_t n)
{
    if (t->oom)
        return false;
    if (t->cap - t->len >= n)
        return true;
    size_t cap = t->cap ? t->cap : 256;
    while (cap - t->len < n) {
        if (cap > SIZE_MAX / 2) {
            t->oom = true;
            wrp_oom_note();
            return false;
        }
        cap *= 2;
    }
    char *p = wrp_realloc(t->p, cap);
    if (p == NULL) {
        t->oom = true;
        return false;
    }
    t->p = p;
    t->cap = cap;
    return true;
}

void wrp_textbuf_put(wrp_textbuf *t, const char *s, size_t n)
{
    if (!grow(t, n + 1))
        return;
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = 0;
}

void wrp_textbuf_puts(wrp_textbuf *t, const char *s)
{
    wrp_textbuf_put(t, s, strlen(s));
}

void wrp_textbuf_printf(wrp_textbuf *t, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        t->oom = true;
        wrp_oom_note();
        return;
    }
    if ((size_t)n < sizeof small) {
        wrp_textbuf_put(t, small, (size_t)n);
        return;
    }
    if (!grow(t, (size_t)n + 1))
        return;
    va_start(ap, fmt);
    vsnprintf(t->p + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

void wrp_textbuf_spaces(wrp_textbuf *t, size_t n)
{
    static const char blanks[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof blanks - 1 ? n : sizeof blanks - 1;
        wrp_textbuf_put(t, blanks, k);
        n -= k;
    }
}

bool wrp_text_escaped(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0x0000, 0x001F}, {0x007F, 0x009F}, {0x00AD, 0x00AD}, {0x0600, 0x0605},
        {0x061C, 0x061C}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x0890, 0x0891},
        {0x08E2, 0x08E2}, {0x180E, 0x180E}, {0x200B, 0x200F}, {0x2028, 0x202E},
        {0x2060, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD},
        {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
        {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return true;
    return false;
}

void wrp_textbuf_escape(wrp_textbuf *t, const uint8_t *s, size_t n, bool quoted)
{
    size_t i = 0, run = 0; /* s[i - run .. i) is plain text not yet written */
    while (i < n) {
        uint32_t cp = 0;
        size_t k = wrp_utf8_seq(s + i, n - i, &cp);
        bool plain = k != 0 && !wrp_text_escaped(cp) && !(quoted && (cp == '"' || cp == '\\'));
        if (plain) {
            i += k;
            run += k;
            continue;
        }
        wrp_textbuf_put(t, (const char *)s + i - run, run);
        run = 0;
        if (k == 0 || cp < 0x20 || cp == 0x7F) {
            wrp_textbuf_printf(t, "\\x%02x", s[i]);
            k = 1;
        } else if (quoted && (cp == '"' || cp == '\\')) {
            wrp_textbuf_printf(t, "\\%c", (char)cp);
        } else if (cp <= 0xFFFF) {
            wrp_textbuf_printf(t, "\\u%04" PRIx32, cp);
        } else {
            wrp_textbuf_printf(t, "\\U%08" PRIx32, cp);
        }
        i += k;
    }
    wrp_textbuf_put(t, (const char *)s + i - run, run);
}

char *wrp_textbuf_take(wrp_textbuf *t)
{
    if (t->p == NULL)
        wrp_textbuf_put(t, "", 0);
    char *p = t->oom ? NULL : t->p;
    if (p == NULL)
        free(t->p);
    memset(t, 0, sizeof *t);
    return p;
}

