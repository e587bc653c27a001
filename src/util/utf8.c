#include "util/utf8.h"

#include <string.h>

size_t wrp_utf8_seq(const uint8_t *p, size_t n, uint32_t *cp_out)
{
    if (n == 0)
        return 0;
    uint8_t c = p[0];
    size_t k;
    uint32_t cp, min;
    if (c < 0x80)
        k = 1, cp = c, min = 0;
    else if ((c & 0xE0) == 0xC0)
        k = 2, cp = c & 0x1Fu, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        k = 3, cp = c & 0x0Fu, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        k = 4, cp = c & 0x07u, min = 0x10000;
    else
        return 0;
    if (n < k)
        return 0;
    for (size_t j = 1; j < k; j++) {
        if ((p[j] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[j] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp_out != NULL)
        *cp_out = cp;
    return k;
}

bool wrp_utf8_valid(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k = wrp_utf8_seq(p + i, n - i, NULL);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

void wrp_utf8_scrub(char *s)
{
    if (s == NULL)
        return;
    uint8_t *p = (uint8_t *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t k = wrp_utf8_seq(p + i, n - i, NULL);
        if (k == 0) {
            p[i] = '?';
            k = 1;
        }
        i += k;
    }
}
