/* Strict base64 / base64url. Refuses whitespace, non-alphabet bytes, misplaced padding and
 * non-canonical trailing bits, so that every byte string has exactly one accepted encoding. */
#include "util/b64.h"

#include <stdlib.h>
#include <string.h>

static int val(uint8_t c, int url)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (url) {
        if (c == '-')
            return 62;
        if (c == '_')
            return 63;
    } else {
        if (c == '+')
            return 62;
        if (c == '/')
            return 63;
    }
    return -1;
}

static wrp_status decode(const uint8_t *in, size_t len, int url, uint8_t **out, size_t *outlen,
                         wrp_err *err)
{
    *out = NULL;
    *outlen = 0;
    if (in == NULL && len > 0)
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    size_t n = len;
    if (!url) {
        if (len % 4 != 0)
            return wrp_fail(err, WRP_ERR_MALFORMED, "base64 length is not a multiple of 4");
        if (n > 0 && in[n - 1] == '=')
            n--;
        if (n > 0 && in[n - 1] == '=')
            n--;
    }
    if (n % 4 == 1)
        return wrp_fail(err, WRP_ERR_MALFORMED, "base64 length is impossible");
    size_t total = n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1);
    uint8_t *buf = malloc(total + 1);
    if (buf == NULL)
        return WRP_ERR_NOMEM;
    size_t o = 0;
    uint32_t acc = 0;
    unsigned bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = val(in[i], url);
        if (v < 0) {
            free(buf);
            return wrp_fail(err, WRP_ERR_MALFORMED, "byte 0x%02x at offset %zu is not in the %s alphabet",
                            in[i], i, url ? "base64url" : "base64");
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1u;
        }
    }
    if (acc != 0) {
        free(buf);
        return wrp_fail(err, WRP_ERR_MALFORMED, "non-canonical trailing bits");
    }
    buf[o] = 0;
    *out = buf;
    *outlen = o;
    return WRP_OK;
}

wrp_status wrp_b64_decode(const uint8_t *in, size_t len, uint8_t **out, size_t *outlen, wrp_err *err)
{
    return decode(in, len, 0, out, outlen, err);
}

wrp_status wrp_b64url_decode(const uint8_t *in, size_t len, uint8_t **out, size_t *outlen, wrp_err *err)
{
    return decode(in, len, 1, out, outlen, err);
}

wrp_status wrp_b64url_encode(const uint8_t *in, size_t len, char **out)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    *out = NULL;
    if (len > (SIZE_MAX - 4) / 4 * 3)
        return WRP_ERR_LIMIT;
    char *s = malloc(len / 3 * 4 + 4 + 1);
    if (s == NULL)
        return WRP_ERR_NOMEM;
    size_t o = 0, i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        s[o++] = alpha[v >> 18 & 63];
        s[o++] = alpha[v >> 12 & 63];
        s[o++] = alpha[v >> 6 & 63];
        s[o++] = alpha[v & 63];
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        s[o++] = alpha[v >> 18 & 63];
        s[o++] = alpha[v >> 12 & 63];
    } else if (len - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        s[o++] = alpha[v >> 18 & 63];
        s[o++] = alpha[v >> 12 & 63];
        s[o++] = alpha[v >> 6 & 63];
    }
    s[o] = 0;
    *out = s;
    return WRP_OK;
}
