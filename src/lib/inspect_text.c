/* wrp_inspect's view as an indented outline: `key: value` lines, nested members two spaces in,
 * array elements after `- `, arrays of a few scalars on one line as [a, b]. Dates stand beside the
 * NumericDate claims they read (a view's "times"); long strings without a space (base64, hex) are
 * cut to their start and length; every text from the input is escaped (SPEC.md 1a). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/inspect.h"
#include "util/text.h"
#include "util/utf8.h"

/* A string longer than BLOB_BYTES without a space is shown by its first BLOB_SHOWN bytes. */
#define BLOB_BYTES 120u
#define BLOB_SHOWN 64u
/* An array of scalars goes on one line when that line stays within this many columns. */
#define INLINE_COLUMNS 100u
#define INDENT 2u

static bool is_blob(const char *s)
{
    size_t n = strlen(s);
    return n > BLOB_BYTES && strchr(s, ' ') == NULL;
}

static bool is_scalar(const cJSON *v)
{
    return !cJSON_IsObject(v) && !cJSON_IsArray(v);
}

static void number(wrp_textbuf *t, double d)
{
    if (d == floor(d) && fabs(d) < 9007199254740992.0)
        wrp_textbuf_printf(t, "%.0f", d);
    else
        wrp_textbuf_printf(t, "%.17g", d);
}

static void string(wrp_textbuf *t, const char *s, bool quoted)
{
    size_t n = strlen(s), shown = n;
    if (is_blob(s)) {
        shown = BLOB_SHOWN;
        while (shown > 0 && ((uint8_t)s[shown] & 0xC0) == 0x80)
            shown--; /* never cut inside a character */
    }
    if (quoted)
        wrp_textbuf_puts(t, "\"");
    wrp_textbuf_escape(t, (const uint8_t *)s, shown, quoted);
    if (quoted)
        wrp_textbuf_puts(t, "\"");
    if (shown < n)
        wrp_textbuf_printf(t, "... (%zu bytes)", n);
}

static void scalar(wrp_textbuf *t, const cJSON *v, bool quoted)
{
    if (cJSON_IsString(v))
        string(t, v->valuestring, quoted);
    else if (cJSON_IsNumber(v))
        number(t, v->valuedouble);
    else if (cJSON_IsTrue(v))
        wrp_textbuf_puts(t, "true");
    else if (cJSON_IsFalse(v))
        wrp_textbuf_puts(t, "false");
    else
        wrp_textbuf_puts(t, "null");
}

/* An array of scalars short enough for one line. */
static bool fits_inline(const cJSON *a)
{
    size_t width = 2;
    for (const cJSON *e = a->child; e != NULL; e = e->next) {
        if (!is_scalar(e) || (cJSON_IsString(e) && is_blob(e->valuestring)))
            return false;
        width += (cJSON_IsString(e) ? strlen(e->valuestring) + 2 : 20) + 2;
        if (width > INLINE_COLUMNS)
            return false;
    }
    return true;
}

static void inline_array(wrp_textbuf *t, const cJSON *a)
{
    wrp_textbuf_puts(t, "[");
    for (const cJSON *e = a->child; e != NULL; e = e->next) {
        scalar(t, e, true);
        if (e->next != NULL)
            wrp_textbuf_puts(t, ", ");
    }
    wrp_textbuf_puts(t, "]");
}

static void object_body(wrp_textbuf *t, size_t indent, const cJSON *obj, const cJSON *dates, bool dash);
static void array_body(wrp_textbuf *t, size_t indent, const cJSON *a);

/* What follows `key:` on its line, and the lines under it. */
static void value_of(wrp_textbuf *t, size_t indent, const cJSON *v, const char *date, const cJSON *child_dates)
{
    if (is_scalar(v)) {
        wrp_textbuf_puts(t, " ");
        scalar(t, v, false);
        if (date != NULL)
            wrp_textbuf_printf(t, " (%s)", date);
        wrp_textbuf_puts(t, "\n");
    } else if (v->child == NULL) {
        wrp_textbuf_puts(t, cJSON_IsArray(v) ? " []\n" : " {}\n");
    } else if (cJSON_IsArray(v) && fits_inline(v)) {
        wrp_textbuf_puts(t, " ");
        inline_array(t, v);
        wrp_textbuf_puts(t, "\n");
    } else if (cJSON_IsArray(v)) {
        wrp_textbuf_puts(t, "\n");
        array_body(t, indent + INDENT, v);
    } else {
        wrp_textbuf_puts(t, "\n");
        object_body(t, indent + INDENT, v, child_dates, false);
    }
}

/* A view keeps the dates of its payload's claims in "times", beside "payload" (or "value"). */
static const cJSON *times_of(const cJSON *obj)
{
    const cJSON *times = cJSON_GetObjectItemCaseSensitive(obj, "times");
    if (!cJSON_IsObject(times))
        return NULL;
    return cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(obj, "payload")) ||
                   cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(obj, "value"))
               ? times
               : NULL;
}

/* The members of obj, `dates` naming the dates of some of them; dash: obj is an array element,
 * its first member after `- `. */
static void object_body(wrp_textbuf *t, size_t indent, const cJSON *obj, const cJSON *dates, bool dash)
{
    const cJSON *times = times_of(obj);
    size_t at = indent + (dash ? INDENT : 0);
    bool first = true;
    for (const cJSON *m = obj->child; m != NULL; m = m->next) {
        if (m == times)
            continue;
        const char *key = m->string != NULL ? m->string : "";
        if (dash && first) {
            wrp_textbuf_spaces(t, indent);
            wrp_textbuf_puts(t, "- ");
        } else {
            wrp_textbuf_spaces(t, at);
        }
        first = false;
        wrp_textbuf_escape(t, (const uint8_t *)key, strlen(key), false);
        wrp_textbuf_puts(t, ":");
        const cJSON *d = cJSON_IsNumber(m) ? cJSON_GetObjectItemCaseSensitive(dates, key) : NULL;
        const cJSON *child = NULL;
        if (times != NULL && (strcmp(key, "payload") == 0 || strcmp(key, "value") == 0))
            child = times;
        else if (dates != NULL && strcmp(key, "value") == 0)
            child = dates; /* through the wrapper of a CBOR payload */
        value_of(t, at, m, cJSON_IsString(d) ? d->valuestring : NULL, child);
    }
    if (first && dash) {
        wrp_textbuf_spaces(t, indent);
        wrp_textbuf_puts(t, "- {}\n");
    }
}

static void array_body(wrp_textbuf *t, size_t indent, const cJSON *a)
{
    for (const cJSON *e = a->child; e != NULL; e = e->next) {
        if (cJSON_IsObject(e)) {
            object_body(t, indent, e, NULL, true);
            continue;
        }
        wrp_textbuf_spaces(t, indent);
        if (is_scalar(e)) {
            wrp_textbuf_puts(t, "- ");
            scalar(t, e, false);
            wrp_textbuf_puts(t, "\n");
        } else if (e->child == NULL) {
            wrp_textbuf_puts(t, "- []\n");
        } else if (fits_inline(e)) {
            wrp_textbuf_puts(t, "- ");
            inline_array(t, e);
            wrp_textbuf_puts(t, "\n");
        } else {
            wrp_textbuf_puts(t, "-\n");
            array_body(t, indent + INDENT, e);
        }
    }
}

char *wrp_inspect_outline(const cJSON *view)
{
    wrp_textbuf t = {0};
    if (cJSON_IsObject(view))
        object_body(&t, 0, view, NULL, false);
    return wrp_textbuf_take(&t);
}
