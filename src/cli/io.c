/* Reading input files and writing text that came from them, for every command. */
#include "io.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Reads a file ("-" = stdin), at most max + 1 bytes: one byte more than any input may hold, so
 * that the library, not the CLI, refuses a larger one (a request beyond the limit is the
 * contract's REQUEST_MALFORMED, not an unreadable file). NULL when it cannot be read, with errno
 * saying why (EISDIR for a directory). */
unsigned char *cli_read_all(const char *path, size_t *len, size_t max)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 65536, n = 0;
    int why = 0;
    unsigned char *buf = malloc(cap);
    while (buf != NULL && n <= max) {
        size_t want = cap - n < max + 1 - n ? cap - n : max + 1 - n;
        size_t r = fread(buf + n, 1, want, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap && n <= max) {
            unsigned char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    why = buf == NULL ? ENOMEM : bad ? (errno != 0 ? errno : EIO) : 0;
    if (f != stdin)
        fclose(f);
    if (buf == NULL || bad) {
        free(buf);
        errno = why;
        return NULL;
    }
    *len = n;
    return buf;
}

/* A byte that is not part of well-formed UTF-8 (a file name or an argument can hold any) becomes
 * '?', so that the output is always JSON. */
void cli_json_string(FILE *out, const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s), i = 0;
    fputc('"', out);
    while (i < n) {
        size_t k = wrp_utf8_decode(p + i, n - i, NULL);
        if (k == 0)
            fputc('?', out);
        else if (p[i] == '"' || p[i] == '\\')
            fprintf(out, "\\%c", p[i]);
        else if (p[i] < 0x20)
            fprintf(out, "\\u%04x", p[i]);
        else
            fwrite(p + i, 1, k, out);
        i += k ? k : 1;
    }
    fputc('"', out);
}

/*
 * Writes s for a human reader, left-aligned in at least width columns, so that text quoted from a
 * request (a type, a path, a message) can never start a line of its own, pass for the tool's
 * output or change how the rest is shown:
 *   \xNN       a byte outside well-formed UTF-8, and a C0 control or DEL (U+0000..U+001F, U+007F)
 *   \uNNNN     any other code point of wrp_text_shown_escaped up to U+FFFF (C1 controls such as U+0085 and
 *              U+009B, U+2028, U+2029, bidirectional controls, U+FEFF, ...)
 *   \UNNNNNNNN one above U+FFFF (the tag characters U+E0000..U+E007F, ...)
 * Hex digits are lower case. Every other character, é, ü, CJK or a backslash alike, is written as
 * it is: an escape only ever shows what would be hidden (text that merely looks like an escape
 * hides nothing); the JSON output is the exact one.
 */
void cli_text(FILE *out, const char *s, int width)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s), i = 0;
    int cols = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t k = wrp_utf8_decode(p + i, n - i, &cp);
        if (k == 0 || cp < 0x20 || cp == 0x7F) {
            fprintf(out, "\\x%02x", p[i]);
            cols += 4;
            k = 1;
        } else if (wrp_text_shown_escaped(cp) && cp <= 0xFFFF) {
            fprintf(out, "\\u%04" PRIx32, cp);
            cols += 6;
        } else if (wrp_text_shown_escaped(cp)) {
            fprintf(out, "\\U%08" PRIx32, cp);
            cols += 10;
        } else {
            fwrite(p + i, 1, k, out);
            cols++;
        }
        i += k;
    }
    for (; cols < width; cols++)
        fputc(' ', out);
}

void cli_unreadable_members(FILE *out, wrp_request_kind kind, const char *msg)
{
    const char *name = kind == WRP_KIND_MDOC ? "mdoc" : kind == WRP_KIND_OPENID4VP ? "openid4vp" : NULL;
    fprintf(out, "\"verdict\":\"error\",\"request_kind\":");
    if (name != NULL)
        cli_json_string(out, name);
    else
        fprintf(out, "null");
    fprintf(out, ",\"relying_party\":null,\"intermediary\":null,\"findings\":[{\"code\":\"INPUT_UNREADABLE\","
                 "\"severity\":\"error\",\"message\":");
    cli_json_string(out, msg);
    fprintf(out, "}],\"requested\":[]");
}

/* The log record of a request that was not judged (wrp_result_log_json's shape: nobody verified,
 * nothing known to be requested). */
void cli_unreadable_log(FILE *out, const char *msg)
{
    fprintf(out, "{\"interactingPartyIdentifier\":null,\"interactingPartyType\":\"ServiceProvider\","
                 "\"interactingPartyName\":null,\"interactingPartyContact\":null,\"isIntermediary\":null,"
                 "\"registrarURL\":null,\"purpose\":null,\"privacyPolicy\":null,\"dpaName\":null,"
                 "\"dpaCountry\":null,\"dpaContact\":null,\"listOfClaimsRequested\":[],"
                 "\"reasonOfNoncompletion\":");
    size_t n = strlen(msg) + 96;
    char *reason = malloc(n);
    if (reason != NULL)
        snprintf(reason, n, "verdict error: the request could not be judged (INPUT_UNREADABLE: %s)", msg);
    cli_json_string(out, reason != NULL ? reason : "verdict error: the request could not be judged "
                                                   "(INPUT_UNREADABLE)");
    free(reason);
    fprintf(out, "}");
}

void *cli_grow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return v;
    size_t want = *cap ? *cap * 2 : first;
    if (want < *cap || want > SIZE_MAX / size)
        return NULL;
    void *grown = realloc(v, want * size);
    if (grown != NULL)
        *cap = want;
    return grown;
}
