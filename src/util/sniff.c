#include "util/sniff.h"

#include <stdbool.h>
#include <string.h>

#include "util/utf8.h"

static bool space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool b64url(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static bool hexdigit(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

static bool starts_nocase(const uint8_t *p, size_t n, const char *word)
{
    size_t w = strlen(word);
    if (n < w)
        return false;
    for (size_t i = 0; i < w; i++)
        if (lower(p[i]) != (uint8_t)word[i])
            return false;
    return true;
}

bool wrp_sniff_compact_jws(const uint8_t *p, size_t n)
{
    size_t dots = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.')
            dots++;
        else if (!b64url(p[i]))
            return false;
    }
    return dots == 2 && n > 0 && p[0] != '.';
}

/* scheme:... (RFC 3986 scheme) of a wallet invocation: a scheme naming openid4vp or haip, or a
 * web URL whose query carries a request (request, request_uri or client_id). */
static bool link(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n && ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
                     (i > 0 && ((p[i] >= '0' && p[i] <= '9') || p[i] == '+' || p[i] == '-' || p[i] == '.'))))
        i++;
    if (i == 0 || i >= n || p[i] != ':')
        return false;
    for (size_t k = 0; k < n; k++)
        if (space(p[k]) || p[k] < 0x20)
            return false;
    bool web = (i == 4 && starts_nocase(p, n, "http")) || (i == 5 && starts_nocase(p, n, "https"));
    if (!web) {
        for (size_t k = 0; k + 4 <= i; k++)
            if (starts_nocase(p + k, i - k, "openid4vp") || starts_nocase(p + k, i - k, "haip"))
                return true;
    }
    for (size_t k = i; k < n; k++)
        if ((p[k] == '?' || p[k] == '&') &&
            (starts_nocase(p + k + 1, n - k - 1, "request=") || starts_nocase(p + k + 1, n - k - 1, "request_uri=") ||
             starts_nocase(p + k + 1, n - k - 1, "client_id=")))
            return true;
    return false;
}

wrp_input_shape wrp_sniff_shape(const uint8_t *in, size_t len)
{
    if (in == NULL || len == 0)
        return WRP_SHAPE_EMPTY;
    if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
        return WRP_SHAPE_BOM;
    size_t a = 0, b = len;
    while (a < b && space(in[a]))
        a++;
    while (b > a && space(in[b - 1]))
        b--;
    if (a == b)
        return WRP_SHAPE_EMPTY;
    const uint8_t *p = in + a;
    size_t n = b - a;
    if (p[0] == '{' || p[0] == '[')
        return WRP_SHAPE_JSON;
    if (starts_nocase(p, n, "-----begin"))
        return WRP_SHAPE_PEM;
    if (wrp_sniff_compact_jws(p, n))
        return WRP_SHAPE_JWS;
    if (p[0] == '<')
        return WRP_SHAPE_HTML;
    if (link(p, n))
        return WRP_SHAPE_LINK;
    size_t hex = 0, b64 = 0, other = 0, blanks = 0;
    for (size_t i = 0; i < n; i++) {
        if (hexdigit(p[i]))
            hex++;
        else if (b64url(p[i]) || p[i] == '+' || p[i] == '/' || p[i] == '=')
            b64++;
        else if (p[i] == ' ' || p[i] == '\t')
            blanks++;
        else if (!space(p[i]))
            other++;
    }
    if (other == 0 && b64 == 0 && hex >= 2 && hex % 2 == 0)
        return WRP_SHAPE_HEX;
    /* base64 breaks lines but never puts blanks between its characters (words do) */
    if (other == 0 && blanks == 0 && hex + b64 >= 12)
        return WRP_SHAPE_BASE64;
    if (!wrp_utf8_valid(in, len))
        return WRP_SHAPE_BINARY;
    for (size_t i = 0; i < len; i++)
        if (in[i] < 0x20 && !space(in[i]))
            return WRP_SHAPE_BINARY;
    return in[a] == 0x7F ? WRP_SHAPE_BINARY : WRP_SHAPE_TEXT;
}
