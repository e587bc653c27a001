#include "util/lang.h"

#include <stdint.h>
#include <string.h>

static bool alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool alnum(char c)
{
    return alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The next tag of the list from *p on: its start and length; false at the end. */
static bool next_tag(const char **p, const char **start, size_t *len)
{
    const char *s = *p;
    while (*s == ' ' || *s == ',')
        s++;
    if (*s == 0)
        return false;
    const char *e = s;
    while (*e != 0 && *e != ',' && *e != ' ')
        e++;
    *start = s;
    *len = (size_t)(e - s);
    *p = e;
    return true;
}

wrp_status wrp_lang_list_check(const char *langs, wrp_err *err)
{
    if (langs == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "no language list");
    size_t tags = 0;
    const char *p = langs;
    bool comma = true; /* a tag may come */
    while (*p != 0) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p == ',') {
            if (comma)
                return wrp_fail(err, WRP_ERR_MALFORMED, "an empty tag in the language list");
            comma = true;
            p++;
            continue;
        }
        if (!comma)
            return wrp_fail(err, WRP_ERR_MALFORMED, "language tags must be separated by commas");
        const char *s = p;
        size_t sub = 0, subtags = 0;
        for (; *p != 0 && *p != ',' && *p != ' '; p++) {
            if (*p == '-') {
                if (sub == 0)
                    return wrp_fail(err, WRP_ERR_MALFORMED, "an empty subtag in the language tag %.*s",
                                    (int)(p - s + 1), s);
                sub = 0;
                continue;
            }
            if (sub == 0)
                subtags++;
            if (!alnum(*p) || (subtags == 1 && !alpha(*p)))
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "%.*s: a language tag is subtags of letters and digits joined by '-' "
                                "(the first letters only)", (int)(p - s + 1), s);
            if (++sub > 8)
                return wrp_fail(err, WRP_ERR_MALFORMED, "a subtag longer than 8 characters in %.*s",
                                (int)(p - s + 1), s);
        }
        if (sub == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED, "a language tag ending in '-'");
        if ((size_t)(p - s) > WRP_MAX_LANG_TAG_BYTES)
            return wrp_fail(err, WRP_ERR_MALFORMED, "a language tag longer than %u characters",
                            WRP_MAX_LANG_TAG_BYTES);
        if (++tags > WRP_MAX_LANG_TAGS)
            return wrp_fail(err, WRP_ERR_LIMIT, "more than %u language tags", WRP_MAX_LANG_TAGS);
        comma = false;
    }
    if (tags == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "an empty language list");
    if (comma)
        return wrp_fail(err, WRP_ERR_MALFORMED, "a language list ending in ','");
    return WRP_OK;
}

static bool same_tag(const char *range, size_t len, const char *tag)
{
    if (tag == NULL || strlen(tag) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (lower(range[i]) != lower(tag[i]))
            return false;
    return true;
}

size_t wrp_lang_lookup(const char *langs, size_t n, const char *(*tag)(const void *ctx, size_t i),
                       const void *ctx)
{
    if (n == 0)
        return SIZE_MAX;
    const char *p = langs != NULL ? langs : "", *s;
    size_t len;
    while (next_tag(&p, &s, &len)) {
        for (;;) {
            for (size_t i = 0; i < n; i++)
                if (same_tag(s, len, tag(ctx, i)))
                    return i;
            while (len > 0 && s[len - 1] != '-')
                len--;
            if (len == 0)
                break;
            len--; /* the '-' */
        }
    }
    return 0;
}
