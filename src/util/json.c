/* Strict JSON: an RFC 8259 validator runs over the bytes first (grammar, UTF-8, escapes, depth);
 * only input it accepts is handed to cJSON, whose tree is then checked for duplicate names. */
#include "util/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/limits.h"
#include "util/mem.h"

typedef struct scan {
    const uint8_t *p;
    size_t n, i;
    wrp_err *err;
    bool fractional; /* some number has a fraction or an exponent */
} scan;

static void ws(scan *s)
{
    while (s->i < s->n && (s->p[s->i] == ' ' || s->p[s->i] == '\t' || s->p[s->i] == '\n' ||
                           s->p[s->i] == '\r'))
        s->i++;
}

static wrp_status bad(scan *s, const char *what)
{
    return wrp_fail(s->err, WRP_ERR_MALFORMED, "JSON: %s at offset %zu", what, s->i);
}

/* One UTF-8 sequence starting at s->i (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
static wrp_status utf8(scan *s)
{
    const uint8_t *p = s->p + s->i;
    size_t left = s->n - s->i;
    uint8_t c = p[0];
    size_t len;
    uint32_t min, cp;
    if (c < 0x80) {
        s->i++;
        return WRP_OK;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2, min = 0x80, cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, min = 0x800, cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, min = 0x10000, cp = c & 0x07u;
    } else {
        return bad(s, "invalid UTF-8 lead byte");
    }
    if (left < len)
        return bad(s, "truncated UTF-8 sequence");
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return bad(s, "invalid UTF-8 continuation byte");
        cp = cp << 6 | (p[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return bad(s, "invalid UTF-8 code point");
    s->i += len;
    return WRP_OK;
}

static int hex4(const uint8_t *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        uint8_t c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static wrp_status string(scan *s)
{
    s->i++; /* opening quote */
    while (s->i < s->n) {
        uint8_t c = s->p[s->i];
        if (c == '"') {
            s->i++;
            return WRP_OK;
        }
        if (c < 0x20)
            return bad(s, "control character in string");
        if (c != '\\') {
            wrp_status st = utf8(s);
            if (st != WRP_OK)
                return st;
            continue;
        }
        if (s->i + 1 >= s->n)
            return bad(s, "truncated escape");
        uint8_t e = s->p[s->i + 1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
            e == 't') {
            s->i += 2;
            continue;
        }
        if (e != 'u')
            return bad(s, "invalid escape");
        uint32_t u;
        if (s->n - s->i < 6 || !hex4(s->p + s->i + 2, &u))
            return bad(s, "invalid \\u escape");
        if (u == 0)
            return bad(s, "\\u0000 in string");
        if (u >= 0xDC00 && u <= 0xDFFF)
            return bad(s, "lone low surrogate escape");
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo;
            if (s->n - s->i < 12 || s->p[s->i + 6] != '\\' || s->p[s->i + 7] != 'u' ||
                !hex4(s->p + s->i + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                return bad(s, "lone high surrogate escape");
            s->i += 12;
        } else {
            s->i += 6;
        }
    }
    return bad(s, "unterminated string");
}

static bool digit_at(uint8_t c)
{
    return c >= '0' && c <= '9';
}

static int digit(scan *s) { return s->i < s->n && digit_at(s->p[s->i]); }

static wrp_status number(scan *s)
{
    if (s->p[s->i] == '-')
        s->i++;
    if (!digit(s))
        return bad(s, "invalid number");
    if (s->p[s->i] == '0') {
        s->i++;
        if (digit(s))
            return bad(s, "leading zero in number");
    } else {
        while (digit(s))
            s->i++;
    }
    if (s->i < s->n && s->p[s->i] == '.') {
        s->i++;
        s->fractional = true;
        if (!digit(s))
            return bad(s, "invalid fraction");
        while (digit(s))
            s->i++;
    }
    if (s->i < s->n && (s->p[s->i] == 'e' || s->p[s->i] == 'E')) {
        s->i++;
        s->fractional = true;
        if (s->i < s->n && (s->p[s->i] == '+' || s->p[s->i] == '-'))
            s->i++;
        if (!digit(s))
            return bad(s, "invalid exponent");
        while (digit(s))
            s->i++;
    }
    return WRP_OK;
}

static wrp_status literal(scan *s, const char *word)
{
    size_t k = strlen(word);
    if (s->n - s->i < k || memcmp(s->p + s->i, word, k) != 0)
        return bad(s, "invalid literal");
    s->i += k;
    return WRP_OK;
}

/* Iterative validator: a stack of container kinds bounded by WRP_MAX_JSON_DEPTH. */
static wrp_status validate(scan *s)
{
    char stack[WRP_MAX_JSON_DEPTH];
    size_t depth = 0;
    wrp_status st;
    for (;;) {
        /* expecting a value */
        ws(s);
        if (s->i >= s->n)
            return bad(s, "unexpected end of input");
        uint8_t c = s->p[s->i];
        if (c == '{' || c == '[') {
            if (depth == WRP_MAX_JSON_DEPTH)
                return wrp_fail(s->err, WRP_ERR_LIMIT, "JSON: nesting deeper than %u",
                                WRP_MAX_JSON_DEPTH);
            stack[depth++] = (char)c;
            s->i++;
            ws(s);
            if (s->i < s->n && s->p[s->i] == (c == '{' ? '}' : ']')) {
                s->i++;
                depth--;
                goto after_value;
            }
            if (c == '{')
                goto member_name;
            continue;
        }
        if (c == '"')
            st = string(s);
        else if (c == '-' || (c >= '0' && c <= '9'))
            st = number(s);
        else if (c == 't')
            st = literal(s, "true");
        else if (c == 'f')
            st = literal(s, "false");
        else if (c == 'n')
            st = literal(s, "null");
        else
            return bad(s, "unexpected character");
        if (st != WRP_OK)
            return st;
    after_value:
        ws(s);
        if (depth == 0)
            return WRP_OK;
        if (s->i >= s->n)
            return bad(s, "unexpected end of input");
        c = s->p[s->i];
        if (c == ',') {
            s->i++;
            if (stack[depth - 1] == '[')
                continue;
            ws(s);
            goto member_name;
        }
        if (c == (stack[depth - 1] == '{' ? '}' : ']')) {
            s->i++;
            depth--;
            goto after_value;
        }
        return bad(s, "expected ',' or end of container");
    member_name:
        if (s->i >= s->n || s->p[s->i] != '"')
            return bad(s, "expected member name");
        if ((st = string(s)) != WRP_OK)
            return st;
        ws(s);
        if (s->i >= s->n || s->p[s->i] != ':')
            return bad(s, "expected ':'");
        s->i++;
    }
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Duplicate member names, compared after unescaping; depth is already bounded. */
static wrp_status no_duplicates(const cJSON *item, wrp_err *err)
{
    if (cJSON_IsObject(item)) {
        size_t n = 0;
        for (const cJSON *c = item->child; c != NULL; c = c->next)
            n++;
        if (n > 1) {
            const char **names = wrp_malloc(n * sizeof *names);
            if (names == NULL)
                return wrp_nomem();
            size_t k = 0;
            for (const cJSON *c = item->child; c != NULL; c = c->next)
                names[k++] = c->string;
            qsort(names, n, sizeof *names, name_cmp);
            for (k = 1; k < n; k++) {
                if (strcmp(names[k - 1], names[k]) == 0) {
                    wrp_status st = wrp_fail(err, WRP_ERR_MALFORMED,
                                             "JSON: duplicate member name \"%.64s\"", names[k]);
                    free(names);
                    return st;
                }
            }
            free(names);
        }
    }
    if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
        for (const cJSON *c = item->child; c != NULL; c = c->next) {
            wrp_status st = no_duplicates(c, err);
            if (st != WRP_OK)
                return st;
        }
    }
    return WRP_OK;
}

/* The next number token at or after *at in validated JSON text; true when it is written with a
 * fraction or an exponent. Strings (member names included) are skipped whole, so their digits
 * never count; the literals true, false and null hold neither digits nor '-'. */
static bool next_number_is_fractional(const uint8_t *p, size_t n, size_t *at)
{
    size_t i = *at;
    while (i < n && p[i] != '-' && !digit_at(p[i])) {
        if (p[i] == '"') {
            for (i++; i < n && p[i] != '"'; i++)
                if (p[i] == '\\')
                    i++;
        }
        i++;
    }
    bool fractional = false;
    for (; i < n && (digit_at(p[i]) || p[i] == '-' || p[i] == '+' || p[i] == '.' || p[i] == 'e' ||
                     p[i] == 'E');
         i++)
        if (p[i] == '.' || p[i] == 'e' || p[i] == 'E')
            fractional = true;
    *at = i;
    return fractional;
}

/* cJSON keeps members and elements in document order, so its numbers meet the text's number
 * tokens one by one. Depth is already bounded. */
static void mark_fractional(cJSON *item, const uint8_t *p, size_t n, size_t *at)
{
    if (cJSON_IsNumber(item)) {
        if (next_number_is_fractional(p, n, at))
            wrp_json_mark_not_integer(item);
        return;
    }
    if (cJSON_IsObject(item) || cJSON_IsArray(item))
        for (cJSON *c = item->child; c != NULL; c = c->next)
            mark_fractional(c, p, n, at);
}

void wrp_json_mark_not_integer(cJSON *item)
{
    if (cJSON_IsNumber(item))
        item->type |= WRP_JSON_NOT_INTEGER;
}

wrp_status wrp_json_parse(const uint8_t *in, size_t len, cJSON **out, wrp_err *err)
{
    *out = NULL;
    if (in == NULL && len > 0)
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    if (len > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "JSON: input larger than %u bytes", WRP_MAX_INPUT_BYTES);
    if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
        return wrp_fail(err, WRP_ERR_MALFORMED, "JSON: byte order mark");
    scan s = {in, len, 0, err, false};
    wrp_status st = validate(&s);
    if (st != WRP_OK)
        return st;
    if (s.i != len)
        return wrp_fail(err, WRP_ERR_MALFORMED, "JSON: trailing bytes at offset %zu", s.i);
    char *copy = wrp_malloc(len + 1);
    if (copy == NULL)
        return wrp_nomem();
    memcpy(copy, in, len);
    copy[len] = 0;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    size_t consumed = end ? (size_t)(end - copy) : 0;
    free(copy);
    if (root == NULL)
        return wrp_fail(err, WRP_ERR_NOMEM, "JSON: parser failed on validated input");
    if (consumed != len) {
        cJSON_Delete(root);
        return wrp_fail(err, WRP_ERR_MALFORMED, "JSON: parser stopped at offset %zu", consumed);
    }
    st = no_duplicates(root, err);
    if (st != WRP_OK) {
        cJSON_Delete(root);
        return st;
    }
    size_t at = 0;
    if (s.fractional) /* else no number is to be marked: the walk over the text is skipped */
        mark_fractional(root, in, len, &at);
    *out = root;
    return WRP_OK;
}

const cJSON *wrp_json_get(const cJSON *obj, const char *name)
{
    if (!cJSON_IsObject(obj))
        return NULL;
    return cJSON_GetObjectItemCaseSensitive(obj, name);
}

const char *wrp_json_get_str(const cJSON *obj, const char *name)
{
    const cJSON *v = wrp_json_get(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool wrp_json_int(const cJSON *item, int64_t min, int64_t max, int64_t *out)
{
    if (!cJSON_IsNumber(item) || (item->type & WRP_JSON_NOT_INTEGER) != 0)
        return false;
    double d = item->valuedouble;
    if (!isfinite(d) || d != floor(d) || fabs(d) >= 9007199254740992.0)
        return false;
    int64_t v = (int64_t)d;
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

wrp_status wrp_json_array_len(const cJSON *arr, size_t max, const char *where, const char *name,
                              size_t *n, wrp_err *err)
{
    if (!cJSON_IsArray(arr))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.%s is not an array", where, name);
    *n = 0;
    for (const cJSON *e = arr->child; e != NULL; e = e->next)
        if (++*n > max)
            return wrp_fail(err, WRP_ERR_LIMIT, "%s.%s has more than %zu elements", where, name, max);
    return WRP_OK;
}

wrp_status wrp_json_opt_str(const cJSON *obj, const char *name, const char *where, bool null_is_absent,
                            char **out, wrp_err *err)
{
    const cJSON *v = wrp_json_get(obj, name);
    if (v == NULL || (null_is_absent && cJSON_IsNull(v)))
        return WRP_OK;
    if (!cJSON_IsString(v))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.%s is not a string", where, name);
    *out = wrp_strdup(v->valuestring);
    return *out != NULL ? WRP_OK : wrp_nomem();
}
