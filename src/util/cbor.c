/* Strict CBOR over libcbor 0.8.
 *
 * An iterative walk validates the raw bytes (heads, lengths against the bytes that remain, depth,
 * item count, simple values, UTF-8) before libcbor allocates anything, because cbor_load sizes
 * arrays and maps by their declared counts: 9 bytes could demand gigabytes.
 *
 * The same walk, run a second time, writes the copy that libcbor actually loads, with two rewrites
 * that leave the meaning unchanged but keep libcbor 0.8 away from code paths it gets wrong:
 *  - the one-byte heads of tags 6..20 (0xc6..0xd4), which it refuses as "unassigned" although they
 *    include COSE_Encrypt0/Mac0/Sign1 (16, 17, 18), become the two-byte form 0xd8 nn;
 *  - indefinite-length items become definite ones (strings joined from their chunks), because on
 *    an allocation failure libcbor 0.8 silently drops elements of indefinite arrays and chunks of
 *    indefinite strings, and crashes on indefinite maps;
 *  - half-precision floats (0xf9) become single-precision ones (0xfa) of exactly the same value,
 *    and negative integers with a two-byte argument (0x39) take the four-byte form (0x3a),
 *    because libcbor 0.8 writes through a NULL item when the allocation of either fails (its
 *    builders for every other width check for NULL).
 * The loaded tree is then checked for duplicate map keys and for having exactly the items walked.
 * The encoder writes preferred (shortest) heads only. */
#include "util/cbor.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>

#include "util/limits.h"
#include "util/mem.h"
#include "util/utf8.h"

/* ---- walk ------------------------------------------------------------------------------------ */

enum frame_kind {
    FR_DEFINITE,   /* definite array or map, or a tag: `left` items are still expected */
    FR_INDEFINITE, /* indefinite array or map: `left` counts items seen */
    FR_CHUNKS      /* indefinite byte or text string: definite chunks of `major` until break */
};

typedef struct frame {
    uint8_t kind, major;
    uint64_t left;
    uint64_t bytes; /* FR_CHUNKS: length of the joined string */
    size_t out_at;  /* indefinite: where its placeholder head sits in the output */
} frame;

/* With out == NULL the walk only validates and measures the output (o); with out it writes it. */
typedef struct walk {
    const uint8_t *p;
    size_t n, i;
    size_t items, nodes, depth;
    uint8_t *out;
    size_t o;
    frame st[WRP_MAX_CBOR_DEPTH];
    wrp_err *err;
} walk;

typedef struct head {
    size_t at;
    uint8_t major, ai;
    uint64_t val;
} head;

static wrp_status bad(const walk *w, size_t at, const char *what)
{
    return wrp_fail(w->err, WRP_ERR_MALFORMED, "CBOR: %s at offset %zu", what, at);
}

static size_t remaining(const walk *w)
{
    return w->n - w->i;
}

static void emit(walk *w, const uint8_t *p, size_t n)
{
    if (w->out != NULL && n > 0)
        memcpy(w->out + w->o, p, n);
    w->o += n;
}

/* The bytes of the head just read, unchanged. */
static void emit_head(walk *w, const head *h)
{
    emit(w, w->p + h->at, w->i - h->at);
}

static wrp_status read_head(walk *w, head *h)
{
    h->at = w->i;
    if (w->i >= w->n)
        return bad(w, h->at, "truncated input");
    if (++w->items > WRP_MAX_CBOR_ITEMS)
        return wrp_fail(w->err, WRP_ERR_LIMIT, "CBOR: more than %u items at offset %zu",
                        WRP_MAX_CBOR_ITEMS, h->at);
    uint8_t b = w->p[w->i++];
    h->major = (uint8_t)(b >> 5);
    h->ai = (uint8_t)(b & 0x1F);
    h->val = h->ai;
    if (h->ai >= 28 && h->ai <= 30)
        return bad(w, h->at, "reserved additional information");
    if (h->ai == 31)
        return (h->major == 0 || h->major == 1 || h->major == 6)
                   ? bad(w, h->at, "indefinite length on a major type without one")
                   : WRP_OK;
    if (h->ai < 24)
        return WRP_OK;
    size_t k = (size_t)1 << (h->ai - 24);
    if (remaining(w) < k)
        return bad(w, h->at, "truncated head");
    h->val = 0;
    for (size_t j = 0; j < k; j++)
        h->val = h->val << 8 | w->p[w->i++];
    return WRP_OK;
}

static bool is_break(const head *h)
{
    return h->major == 7 && h->ai == 31;
}

static frame *top(walk *w)
{
    return w->depth > 0 ? &w->st[w->depth - 1] : NULL;
}

/* An item just ended: count it against its parents, closing every definite one it fills. */
static void complete(walk *w)
{
    frame *f;
    while ((f = top(w)) != NULL) {
        if (f->kind != FR_DEFINITE) {
            f->left++;
            return;
        }
        if (--f->left > 0)
            return;
        w->depth--;
    }
}

/* Every container counts as a level, even an empty one that needs no frame. An indefinite one
 * leaves room for a nine-byte definite head, filled in at its break. */
static wrp_status open(walk *w, const head *h, uint8_t kind, uint64_t expect)
{
    if (w->depth >= WRP_MAX_CBOR_DEPTH)
        return wrp_fail(w->err, WRP_ERR_LIMIT, "CBOR: nesting deeper than %u at offset %zu",
                        WRP_MAX_CBOR_DEPTH, h->at);
    if (kind == FR_DEFINITE && expect == 0) {
        complete(w);
        return WRP_OK;
    }
    w->st[w->depth++] = (frame){kind, h->major, expect, 0, w->o};
    if (kind != FR_DEFINITE) {
        uint8_t placeholder[9] = {(uint8_t)(h->major << 5 | 27)};
        emit(w, placeholder, sizeof placeholder);
    }
    return WRP_OK;
}

static void patch_count(walk *w, const frame *f)
{
    uint64_t v = f->kind == FR_CHUNKS ? f->bytes : f->major == 5 ? f->left / 2 : f->left;
    if (w->out == NULL)
        return;
    for (size_t j = 0; j < 8; j++)
        w->out[f->out_at + 1 + j] = (uint8_t)(v >> (8 * (7 - j)));
}

static wrp_status on_break(walk *w, const head *h)
{
    const frame *f = top(w);
    if (f == NULL || f->kind == FR_DEFINITE)
        return bad(w, h->at, "break outside an indefinite-length item");
    if (f->kind == FR_INDEFINITE && f->major == 5 && f->left % 2 != 0)
        return bad(w, h->at, "indefinite map ends after a key");
    patch_count(w, f);
    w->depth--;
    complete(w);
    return WRP_OK;
}

/* A definite string, or a chunk of the indefinite string on top (whose head is dropped). */
static wrp_status on_string(walk *w, const head *h)
{
    if (h->ai == 31)
        return open(w, h, FR_CHUNKS, 0);
    if (h->val > remaining(w))
        return bad(w, h->at, "string longer than the remaining input");
    size_t len = (size_t)h->val;
    if (h->major == 3 && !wrp_utf8_valid(w->p + w->i, len))
        return bad(w, h->at, "text string is not valid UTF-8");
    frame *f = top(w);
    if (f != NULL && f->kind == FR_CHUNKS) {
        f->bytes += len;
    } else {
        emit_head(w, h);
        complete(w);
    }
    emit(w, w->p + w->i, len);
    w->i += len;
    return WRP_OK;
}

/* Each element takes at least one byte, so a count above the remaining bytes can never be met;
 * refusing it here is what keeps cbor_load from allocating by a forged count. */
static wrp_status on_container(walk *w, const head *h)
{
    if (h->ai == 31)
        return open(w, h, FR_INDEFINITE, 0);
    if (h->major == 4 && h->val > remaining(w))
        return bad(w, h->at, "array count exceeds the remaining input");
    if (h->major == 5 && h->val > remaining(w) / 2)
        return bad(w, h->at, "map count exceeds the remaining input");
    emit_head(w, h);
    return open(w, h, FR_DEFINITE, h->major == 5 ? h->val * 2 : h->val);
}

static wrp_status on_tag(walk *w, const head *h)
{
    if (h->ai >= 6 && h->ai <= 20) {
        uint8_t wide[2] = {0xd8, h->ai};
        emit(w, wide, sizeof wide);
    } else {
        emit_head(w, h);
    }
    return open(w, h, FR_DEFINITE, 1);
}

/* IEEE 754 binary16 to binary32: every half-precision value, subnormals, infinities and NaN
 * payloads included, has an exact single-precision form. */
static uint32_t half_to_single(uint16_t half)
{
    uint32_t sign = (uint32_t)(half & 0x8000u) << 16;
    uint32_t exp = (uint32_t)(half >> 10) & 0x1Fu, mant = half & 0x3FFu;
    if (exp == 0x1F)
        return sign | 0x7F800000u | mant << 13;
    if (exp == 0) {
        if (mant == 0)
            return sign;
        exp = 127 - 15 + 1; /* mant * 2^-24: shift the leading one into the implicit bit */
        while ((mant & 0x400u) == 0) {
            mant <<= 1;
            exp--;
        }
        mant &= 0x3FFu;
    } else {
        exp += 127 - 15;
    }
    return sign | exp << 23 | mant << 13;
}

/* false, true, null and floats only: undefined and unassigned simple values have no meaning in
 * the structures we read, so they are refused rather than passed on. */
static wrp_status on_simple(walk *w, const head *h)
{
    switch (h->ai) {
    case 25: {
        uint32_t single = half_to_single((uint16_t)h->val);
        uint8_t wide[5] = {0xFA, (uint8_t)(single >> 24), (uint8_t)(single >> 16),
                           (uint8_t)(single >> 8), (uint8_t)single};
        emit(w, wide, sizeof wide);
        complete(w);
        return WRP_OK;
    }
    case 20: case 21: case 22: case 26: case 27:
        emit_head(w, h);
        complete(w);
        return WRP_OK;
    default:
        return bad(w, h->at, "simple value not accepted");
    }
}

static wrp_status on_item(walk *w, const head *h)
{
    const frame *f = top(w);
    if (f != NULL && f->kind == FR_CHUNKS && (h->major != f->major || h->ai == 31))
        return bad(w, h->at, "indefinite string chunk is not a definite string of its type");
    if (f == NULL || f->kind != FR_CHUNKS)
        w->nodes++;
    switch (h->major) {
    case 0: case 1:
        if (h->major == 1 && h->ai == 25) {
            uint8_t wide[5] = {0x3A, 0, 0, (uint8_t)(h->val >> 8), (uint8_t)h->val};
            emit(w, wide, sizeof wide);
        } else {
            emit_head(w, h);
        }
        complete(w);
        return WRP_OK;
    case 2: case 3:
        return on_string(w, h);
    case 4: case 5:
        return on_container(w, h);
    case 6:
        return on_tag(w, h);
    default:
        return on_simple(w, h);
    }
}

static wrp_status run(walk *w)
{
    if (w->p == NULL && w->n > 0)
        return wrp_fail(w->err, WRP_ERR_ARG, "no input");
    if (w->n > WRP_MAX_INPUT_BYTES)
        return wrp_fail(w->err, WRP_ERR_LIMIT, "CBOR: input larger than %u bytes",
                        WRP_MAX_INPUT_BYTES);
    do {
        head h;
        wrp_status st = read_head(w, &h);
        if (st == WRP_OK)
            st = is_break(&h) ? on_break(w, &h) : on_item(w, &h);
        if (st != WRP_OK)
            return st;
    } while (w->depth > 0);
    if (w->i != w->n)
        return bad(w, w->i, "trailing bytes after the item");
    return WRP_OK;
}

wrp_status wrp_cbor_prewalk(const uint8_t *in, size_t len, wrp_err *err)
{
    walk w = {.p = in, .n = len, .err = err};
    return run(&w);
}

/* Validates, then writes the copy for libcbor; *nodes is the number of items its tree must hold. */
static wrp_status normalize(const uint8_t *in, size_t len, uint8_t **out, size_t *out_len,
                            size_t *nodes, wrp_err *err)
{
    walk w = {.p = in, .n = len, .err = err};
    wrp_status st = run(&w);
    if (st != WRP_OK)
        return st;
    walk again = {.p = in, .n = len, .out = wrp_malloc(w.o)};
    if (again.out == NULL)
        return wrp_fail(err, WRP_ERR_NOMEM, "CBOR: out of memory");
    if (run(&again) != WRP_OK || again.o != w.o) {
        free(again.out);
        return wrp_fail(err, WRP_ERR_INTERNAL, "CBOR: second walk disagrees with the first");
    }
    *out = again.out;
    *out_len = w.o;
    *nodes = w.nodes;
    return WRP_OK;
}

/* ---- loaded tree: duplicate keys and completeness ----------------------------------------------- */

/* A map key reduced to what makes it equal to another: the major type plus either the integer
 * argument (uint n and negint -1-n never collide since the major type differs) or the bytes. */
typedef struct key_ref {
    uint8_t major;
    uint64_t v;
    const uint8_t *p;
    size_t len;
} key_ref;

static int key_cmp(const void *a, const void *b)
{
    const key_ref *x = a, *y = b;
    if (x->major != y->major)
        return x->major < y->major ? -1 : 1;
    if (x->major < 2)
        return x->v < y->v ? -1 : x->v > y->v;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->len == 0 ? 0 : memcmp(x->p, y->p, x->len);
}

/* Only integers and strings are keys here: the COSE, CWT and mdoc structures use nothing else, and
 * comparing floats, tags or containers semantically is where decoders disagree. An indefinite-length
 * string key was joined from its chunks before loading, so it compares by its bytes like any other. */
static wrp_status key_of(const cbor_item_t *k, key_ref *out, wrp_err *err)
{
    switch (cbor_typeof(k)) {
    case CBOR_TYPE_UINT:
        *out = (key_ref){0, cbor_get_int(k), NULL, 0};
        return WRP_OK;
    case CBOR_TYPE_NEGINT:
        *out = (key_ref){1, cbor_get_int(k), NULL, 0};
        return WRP_OK;
    case CBOR_TYPE_BYTESTRING:
        *out = (key_ref){2, 0, NULL, 0};
        if (wrp_cbor_bstr(k, &out->p, &out->len))
            return WRP_OK;
        break;
    case CBOR_TYPE_STRING:
        *out = (key_ref){3, 0, NULL, 0};
        if (wrp_cbor_tstr(k, &out->p, &out->len))
            return WRP_OK;
        break;
    default:
        break;
    }
    return wrp_fail(err, WRP_ERR_MALFORMED, "CBOR: map key is not an integer or a string");
}

static wrp_status unique_keys(const struct cbor_pair *pairs, size_t n, wrp_err *err)
{
    key_ref *keys = wrp_calloc(n, sizeof *keys);
    if (keys == NULL)
        return wrp_fail(err, WRP_ERR_NOMEM, "CBOR: out of memory");
    wrp_status st = WRP_OK;
    for (size_t k = 0; k < n && st == WRP_OK; k++)
        st = key_of(pairs[k].key, &keys[k], err);
    if (st == WRP_OK) {
        qsort(keys, n, sizeof *keys, key_cmp);
        for (size_t k = 1; k < n && st == WRP_OK; k++)
            if (key_cmp(&keys[k - 1], &keys[k]) == 0)
                st = wrp_fail(err, WRP_ERR_MALFORMED, "CBOR: duplicate map key");
    }
    free(keys);
    return st;
}

typedef struct tree_check {
    size_t nodes;
    wrp_err *err;
} tree_check;

static wrp_status check_item(tree_check *c, const cbor_item_t *it, size_t depth);

static wrp_status incomplete(tree_check *c)
{
    return wrp_fail(c->err, WRP_ERR_NOMEM, "CBOR: libcbor built an incomplete tree");
}

static wrp_status check_map(tree_check *c, const cbor_item_t *map, size_t depth)
{
    const struct cbor_pair *pairs = cbor_map_handle(map);
    size_t n = cbor_map_size(map);
    if (n == 0)
        return WRP_OK;
    if (pairs == NULL)
        return incomplete(c);
    for (size_t k = 0; k < n; k++)
        if (pairs[k].key == NULL || pairs[k].value == NULL)
            return incomplete(c);
    c->nodes += n; /* the keys: accepted keys are leaves */
    wrp_status st = unique_keys(pairs, n, c->err);
    for (size_t k = 0; k < n && st == WRP_OK; k++)
        st = check_item(c, pairs[k].value, depth + 1);
    return st;
}

static wrp_status check_array(tree_check *c, const cbor_item_t *array, size_t depth)
{
    cbor_item_t **v = cbor_array_handle(array);
    size_t n = cbor_array_size(array);
    if (n > 0 && v == NULL)
        return incomplete(c);
    wrp_status st = WRP_OK;
    for (size_t k = 0; k < n && st == WRP_OK; k++)
        st = check_item(c, v[k], depth + 1);
    return st;
}

/* Recursion is bounded: the walk has already limited nesting to WRP_MAX_CBOR_DEPTH. */
static wrp_status check_item(tree_check *c, const cbor_item_t *it, size_t depth)
{
    if (it == NULL)
        return incomplete(c);
    if (depth > WRP_MAX_CBOR_DEPTH)
        return wrp_fail(c->err, WRP_ERR_INTERNAL, "CBOR: loaded tree deeper than walked");
    c->nodes++;
    switch (cbor_typeof(it)) {
    case CBOR_TYPE_ARRAY:
        return check_array(c, it, depth);
    case CBOR_TYPE_MAP:
        return check_map(c, it, depth);
    case CBOR_TYPE_TAG:
        /* Read the field directly: cbor_tag_item takes a reference and dereferences NULL. */
        return check_item(c, it->metadata.tag_metadata.tagged_item, depth + 1);
    default:
        return WRP_OK;
    }
}

/* libcbor reports an allocation failure as CBOR_ERR_MEMERROR; anything else it refuses after the
 * walk accepted is a disagreement between the two, refused as malformed. */
static wrp_status load(const uint8_t *in, size_t len, size_t nodes, cbor_item_t **out,
                       wrp_err *err)
{
    struct cbor_load_result r;
    cbor_item_t *item = cbor_load(in, len, &r);
    if (item != NULL && r.error.code == CBOR_ERR_NONE && r.read == len) {
        tree_check c = {0, err};
        wrp_status st = check_item(&c, item, 0);
        if (st == WRP_OK && c.nodes != nodes)
            st = incomplete(&c);
        if (st == WRP_OK)
            *out = item;
        else
            cbor_decref(&item);
        return st;
    }
    bool nomem = r.error.code == CBOR_ERR_MEMERROR || (item == NULL && r.error.code == CBOR_ERR_NONE);
    if (item != NULL)
        cbor_decref(&item);
    if (nomem)
        return wrp_fail(err, WRP_ERR_NOMEM, "CBOR: out of memory while loading");
    return wrp_fail(err, WRP_ERR_MALFORMED, "CBOR: libcbor refused the input");
}

wrp_status wrp_cbor_parse(const uint8_t *in, size_t len, cbor_item_t **out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    *out = NULL;
    uint8_t *copy;
    size_t copy_len, nodes;
    wrp_status st = normalize(in, len, &copy, &copy_len, &nodes, err);
    if (st != WRP_OK)
        return st;
    st = load(copy, copy_len, nodes, out, err);
    free(copy);
    return st;
}

/* ---- accessors --------------------------------------------------------------------------------- */

cbor_item_t *wrp_cbor_map_get_str(const cbor_item_t *map, const char *key)
{
    if (map == NULL || key == NULL || !cbor_isa_map(map))
        return NULL;
    const struct cbor_pair *pairs = cbor_map_handle(map);
    size_t n = cbor_map_size(map), klen = strlen(key);
    for (size_t k = 0; k < n; k++) {
        const uint8_t *p;
        size_t len;
        if (pairs[k].key != NULL && wrp_cbor_tstr(pairs[k].key, &p, &len) && len == klen &&
            memcmp(p, key, len) == 0)
            return pairs[k].value;
    }
    return NULL;
}

cbor_item_t *wrp_cbor_map_get_int(const cbor_item_t *map, int64_t key)
{
    if (map == NULL || !cbor_isa_map(map))
        return NULL;
    const struct cbor_pair *pairs = cbor_map_handle(map);
    size_t n = cbor_map_size(map);
    for (size_t k = 0; k < n; k++) {
        int64_t v;
        if (pairs[k].key != NULL && wrp_cbor_int(pairs[k].key, &v) && v == key)
            return pairs[k].value;
    }
    return NULL;
}

cbor_item_t *wrp_cbor_array_at(const cbor_item_t *array, size_t i)
{
    if (array == NULL || !cbor_isa_array(array) || i >= cbor_array_size(array))
        return NULL;
    cbor_item_t **v = cbor_array_handle(array);
    return v == NULL ? NULL : v[i];
}

cbor_item_t *wrp_cbor_tag(const cbor_item_t *item, uint64_t number)
{
    if (item == NULL || !cbor_isa_tag(item) || cbor_tag_value(item) != number)
        return NULL;
    return item->metadata.tag_metadata.tagged_item;
}

/* A simple value (not a float: cbor_ctrl_value asserts on those), or -1. */
static int simple_value(const cbor_item_t *item)
{
    if (item == NULL || !cbor_isa_float_ctrl(item) || !cbor_float_ctrl_is_ctrl(item))
        return -1;
    return cbor_ctrl_value(item);
}

bool wrp_cbor_bool(const cbor_item_t *item, bool *out)
{
    int v = simple_value(item);
    if (v != CBOR_CTRL_TRUE && v != CBOR_CTRL_FALSE)
        return false;
    if (out != NULL)
        *out = v == CBOR_CTRL_TRUE;
    return true;
}

bool wrp_cbor_is_null(const cbor_item_t *item)
{
    return simple_value(item) == CBOR_CTRL_NULL;
}

bool wrp_cbor_int(const cbor_item_t *item, int64_t *out)
{
    if (item == NULL || out == NULL || !(cbor_isa_uint(item) || cbor_isa_negint(item)))
        return false;
    uint64_t n = cbor_get_int(item);
    if (n > (uint64_t)INT64_MAX)
        return false;
    /* negint n encodes -1-n; with n <= INT64_MAX the result is >= INT64_MIN. */
    *out = cbor_isa_uint(item) ? (int64_t)n : -1 - (int64_t)n;
    return true;
}

/* An empty string may have no storage in libcbor; hand out "" so callers can memcmp safely. */
static bool definite_bytes(cbor_mutable_data h, size_t n, const uint8_t **p, size_t *len)
{
    if (n > 0 && h == NULL)
        return false;
    *p = n > 0 ? h : (const uint8_t *)"";
    *len = n;
    return true;
}

bool wrp_cbor_tstr(const cbor_item_t *item, const uint8_t **p, size_t *len)
{
    if (item == NULL || p == NULL || len == NULL || !cbor_isa_string(item) ||
        !cbor_string_is_definite(item))
        return false;
    return definite_bytes(cbor_string_handle(item), cbor_string_length(item), p, len);
}

bool wrp_cbor_bstr(const cbor_item_t *item, const uint8_t **p, size_t *len)
{
    if (item == NULL || p == NULL || len == NULL || !cbor_isa_bytestring(item) ||
        !cbor_bytestring_is_definite(item))
        return false;
    return definite_bytes(cbor_bytestring_handle(item), cbor_bytestring_length(item), p, len);
}

wrp_status wrp_cbor_tstr_dup(const cbor_item_t *item, char **out)
{
    const uint8_t *p;
    size_t n;
    *out = NULL;
    if (!wrp_cbor_tstr(item, &p, &n) || memchr(p, 0, n) != NULL)
        return WRP_ERR_MALFORMED;
    char *s = wrp_malloc(n + 1);
    if (s == NULL)
        return wrp_nomem();
    memcpy(s, p, n);
    s[n] = 0;
    *out = s;
    return WRP_OK;
}

/* ---- encoder ----------------------------------------------------------------------------------- */

static bool reserve(wrp_cbor_out *o, size_t n)
{
    if (o->oom)
        return false;
    if (n > SIZE_MAX - o->len) {
        o->oom = true;
        return false;
    }
    size_t need = o->len + n;
    if (need <= o->cap)
        return true;
    size_t cap = o->cap > 0 ? o->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    uint8_t *p = wrp_realloc(o->p, cap);
    if (p == NULL) {
        o->oom = true;
        return false;
    }
    o->p = p;
    o->cap = cap;
    return true;
}

void wrp_cbor_put_head(wrp_cbor_out *o, uint8_t major, uint64_t value)
{
    if (major > 7) {
        o->oom = true;
        return;
    }
    uint8_t b[9];
    size_t k = value < 24 ? 0 : value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : value <= 0xFFFFFFFF ? 4 : 8;
    uint8_t ai = k == 0 ? (uint8_t)value : k == 1 ? 24 : k == 2 ? 25 : k == 4 ? 26 : 27;
    b[0] = (uint8_t)(major << 5 | ai);
    for (size_t j = 0; j < k; j++)
        b[1 + j] = (uint8_t)(value >> (8 * (k - 1 - j)));
    wrp_cbor_put_raw(o, b, 1 + k);
}

void wrp_cbor_put_raw(wrp_cbor_out *o, const uint8_t *p, size_t len)
{
    if (len > 0 && p == NULL)
        o->oom = true;
    if (len == 0 || !reserve(o, len))
        return;
    memcpy(o->p + o->len, p, len);
    o->len += len;
}

void wrp_cbor_put_bstr(wrp_cbor_out *o, const uint8_t *p, size_t len)
{
    wrp_cbor_put_head(o, 2, len);
    wrp_cbor_put_raw(o, p, len);
}

void wrp_cbor_put_tstr(wrp_cbor_out *o, const char *s, size_t len)
{
    wrp_cbor_put_head(o, 3, len);
    wrp_cbor_put_raw(o, (const uint8_t *)s, len);
}

void wrp_cbor_out_free(wrp_cbor_out *o)
{
    if (o == NULL)
        return;
    free(o->p);
    *o = (wrp_cbor_out){0};
}
