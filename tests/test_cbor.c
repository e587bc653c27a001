/* The strict CBOR front end: pre-walk rules, strict load, duplicate keys, accessors, encoder. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>

#include "support/testutil.h"
#include "util/cbor.h"
#include "util/cbor_json.h"
#include "util/json.h"
#include "util/limits.h"

/*
 * Allocation accounting for the "no large allocation" tests.
 *
 * libcbor 0.8 as packaged here is built with CBOR_CUSTOM_ALLOC 0, so cbor_set_allocs does not
 * exist (see /usr/include/cbor/configuration.h). The counter therefore sits one level lower and
 * sees every allocation in the process while a window is open: libcbor's and ours alike.
 *  - Plain and valgrind builds: this program defines malloc/calloc/realloc, which take precedence
 *    over libc's for libcbor.so too, and forward to glibc's __libc_* entry points (which valgrind
 *    still replaces with its own allocator). free is left alone since pointers are unchanged.
 *  - ASan builds: ASan owns malloc, so its documented hook __sanitizer_install_malloc_and_free_hooks
 *    reports every allocation instead.
 * The window records the total bytes requested, which bounds the peak from above.
 * In plain builds the same wrappers can also make one chosen allocation fail.
 * Under valgrind, whose allocator replaces malloc in the executable as well, nothing is observed:
 * a probe at start-up finds that out, and the measuring tests are then skipped (the plain and
 * sanitizer runs make them).
 */
#if defined(__SANITIZE_ADDRESS__)
#define TU_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TU_ASAN 1
#endif
#endif

static volatile bool g_counting;
static volatile size_t g_requested, g_largest, g_calls;
static volatile size_t g_fail_at = SIZE_MAX;
static volatile bool g_failed;
static bool g_live; /* the counter observes this process's allocations */

static void note(size_t n)
{
    if (!g_counting)
        return;
    g_calls++;
    g_requested = n > SIZE_MAX - g_requested ? SIZE_MAX : g_requested + n;
    if (n > g_largest)
        g_largest = n;
}

static void count_begin(void)
{
    g_requested = g_largest = g_calls = 0;
    g_failed = false;
    g_counting = true;
}

static void count_end(void)
{
    g_counting = false;
    g_fail_at = SIZE_MAX;
}

#ifdef TU_ASAN
int __sanitizer_install_malloc_and_free_hooks(void (*on_malloc)(const volatile void *, size_t),
                                              void (*on_free)(const volatile void *));

static void asan_on_malloc(const volatile void *p, size_t n)
{
    (void)p;
    note(n);
}

static void asan_on_free(const volatile void *p)
{
    (void)p;
}

static void counter_install(void)
{
    __sanitizer_install_malloc_and_free_hooks(asan_on_malloc, asan_on_free);
}
#define CAN_INJECT false
#else
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

/* The build hides symbols by default; these must be visible to interpose for libcbor.so. */
#define TU_EXPORT __attribute__((visibility("default")))

/* True when this allocation is the one chosen to fail. */
static bool inject(void)
{
    if (!g_counting || g_calls != g_fail_at)
        return false;
    g_failed = true;
    g_calls++;
    return true;
}

TU_EXPORT void *malloc(size_t n)
{
    if (inject())
        return NULL;
    note(n);
    return __libc_malloc(n);
}

TU_EXPORT void *calloc(size_t n, size_t size)
{
    if (inject())
        return NULL;
    note(size != 0 && n > SIZE_MAX / size ? SIZE_MAX : n * size);
    return __libc_calloc(n, size);
}

TU_EXPORT void *realloc(void *p, size_t n)
{
    if (inject())
        return NULL;
    note(n);
    return __libc_realloc(p, n);
}

static void counter_install(void)
{
}
#define CAN_INJECT true
#endif

/* ---- helpers -------------------------------------------------------------------------------- */

static wrp_status prewalk_hex(const char *hex)
{
    size_t len;
    uint8_t *in = tu_hex_decode(hex, &len);
    assert_non_null(in);
    wrp_status st = wrp_cbor_prewalk(in, len, NULL);
    free(in);
    return st;
}

static wrp_status parse_hex(const char *hex, cbor_item_t **out)
{
    size_t len;
    uint8_t *in = tu_hex_decode(hex, &len);
    assert_non_null(in);
    wrp_status st = wrp_cbor_parse(in, len, out, NULL);
    free(in);
    return st;
}

/* Parses hex and drops the tree: the status is all that matters. */
static wrp_status parse_st(const char *hex)
{
    cbor_item_t *item = NULL;
    wrp_status st = parse_hex(hex, &item);
    if (st == WRP_OK)
        cbor_decref(&item);
    else
        assert_null(item);
    return st;
}

/* `n` copies of `open`, then `mid`, then `n` copies of `close` (close may be 0 for none). */
static uint8_t *nest(size_t n, uint8_t open, uint8_t mid, uint8_t close, size_t *len)
{
    size_t total = n + 1 + (close != 0 ? n : 0);
    uint8_t *p = malloc(total);
    assert_non_null(p);
    memset(p, open, n);
    p[n] = mid;
    if (close != 0)
        memset(p + n + 1, close, n);
    *len = total;
    return p;
}

static wrp_status prewalk_nest(size_t n, uint8_t open, uint8_t mid, uint8_t close)
{
    size_t len;
    uint8_t *p = nest(n, open, mid, close, &len);
    wrp_status st = wrp_cbor_prewalk(p, len, NULL);
    free(p);
    return st;
}

/* ---- pre-walk: heads ------------------------------------------------------------------------ */

static void reserved_additional_info_is_malformed(void **state)
{
    (void)state;
    for (unsigned major = 0; major < 8; major++) {
        for (unsigned ai = 28; ai <= 30; ai++) {
            uint8_t b[2] = {(uint8_t)(major << 5 | ai), 0};
            wrp_err e = {{0}};
            assert_int_equal(wrp_cbor_prewalk(b, sizeof b, &e), WRP_ERR_MALFORMED);
            assert_non_null(strstr(e.msg, "offset 0"));
        }
    }
}

static void indefinite_length_only_on_strings_arrays_maps(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("1f"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("3f"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("df 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("5f ff"), WRP_OK);
    assert_int_equal(prewalk_hex("7f ff"), WRP_OK);
    assert_int_equal(prewalk_hex("9f ff"), WRP_OK);
    assert_int_equal(prewalk_hex("bf ff"), WRP_OK);
}

static void break_only_inside_an_indefinite_item(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("81 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("c1 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("9f 81 ff ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("9f 01 02 ff"), WRP_OK);
    assert_int_equal(prewalk_hex("9f 9f ff 80 ff"), WRP_OK);
    assert_int_equal(prewalk_hex("bf 01 02 ff"), WRP_OK);
    assert_int_equal(prewalk_hex("bf 01 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("bf 01 02 03 ff"), WRP_ERR_MALFORMED);
}

static void truncated_heads_are_malformed(void **state)
{
    (void)state;
    assert_int_equal(wrp_cbor_prewalk(NULL, 0, NULL), WRP_ERR_MALFORMED);
    assert_int_equal(wrp_cbor_prewalk(NULL, 1, NULL), WRP_ERR_ARG);
    assert_int_equal(prewalk_hex("18"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("19 01"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("1a 00 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("1b 00 00 00 00 00 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("f9 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("1b 00 00 00 00 00 00 00 01"), WRP_OK);
    assert_int_equal(prewalk_hex("3b ff ff ff ff ff ff ff ff"), WRP_OK);
}

static void string_length_within_remaining_bytes(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("41"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("42 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("42 00 00"), WRP_OK);
    assert_int_equal(prewalk_hex("63 61 62"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("63 61 62 63"), WRP_OK);
    assert_int_equal(prewalk_hex("5b 40 00 00 00 00 00 00 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("7b ff ff ff ff ff ff ff ff 00"), WRP_ERR_MALFORMED);
}

static void array_count_within_remaining_bytes(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("83 01 02"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("83 01 02 03"), WRP_OK);
    assert_int_equal(prewalk_hex("9b 10 00 00 00 00 00 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("9b ff ff ff ff ff ff ff ff 00"), WRP_ERR_MALFORMED);
    /* Each check only bounds one count; the full walk is what proves the items exist. */
    assert_int_equal(prewalk_hex("82 81 00"), WRP_ERR_MALFORMED);
}

static void map_count_needs_two_bytes_per_pair(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("a2 01 02 03"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("a2 01 02 03 04"), WRP_OK);
    assert_int_equal(prewalk_hex("bb 00 00 00 01 00 00 00 00"), WRP_ERR_MALFORMED);
    /* 2n would wrap to 0 and 2 in 64 bits. */
    assert_int_equal(prewalk_hex("bb 80 00 00 00 00 00 00 00 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("bb 80 00 00 00 00 00 00 01 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("bb ff ff ff ff ff ff ff ff 00 00"), WRP_ERR_MALFORMED);
}

/* ---- pre-walk: limits ----------------------------------------------------------------------- */

static void nesting_depth_limit_arrays_and_maps(void **state)
{
    (void)state;
    unsigned d = WRP_MAX_CBOR_DEPTH;
    assert_int_equal(prewalk_nest(d - 1, 0x81, 0x80, 0), WRP_OK);
    assert_int_equal(prewalk_nest(d, 0x81, 0x80, 0), WRP_ERR_LIMIT);
    assert_int_equal(prewalk_nest(d, 0x81, 0x00, 0), WRP_OK);
    assert_int_equal(prewalk_nest(d + 1, 0x81, 0x00, 0), WRP_ERR_LIMIT);
    assert_int_equal(prewalk_nest(d, 0x9f, 0x00, 0xff), WRP_OK);
    assert_int_equal(prewalk_nest(d + 1, 0x9f, 0x00, 0xff), WRP_ERR_LIMIT);

    /* {0: {0: ... {} }} with maps at every level. */
    size_t len = 2 * (d - 1) + 1;
    uint8_t *p = malloc(len + 2);
    assert_non_null(p);
    for (size_t k = 0; k < d - 1; k++)
        p[2 * k] = 0xa1, p[2 * k + 1] = 0x00;
    p[len - 1] = 0xa0;
    assert_int_equal(wrp_cbor_prewalk(p, len, NULL), WRP_OK);
    p[len - 1] = 0xa1, p[len] = 0x00, p[len + 1] = 0xa0;
    assert_int_equal(wrp_cbor_prewalk(p, len + 2, NULL), WRP_ERR_LIMIT);
    free(p);
}

static void nesting_depth_counts_tags_and_indefinite_strings(void **state)
{
    (void)state;
    unsigned d = WRP_MAX_CBOR_DEPTH;
    assert_int_equal(prewalk_nest(d, 0xc1, 0x00, 0), WRP_OK);
    assert_int_equal(prewalk_nest(d + 1, 0xc1, 0x00, 0), WRP_ERR_LIMIT);

    size_t len;
    uint8_t *p = nest(d - 1, 0x81, 0x5f, 0, &len);
    uint8_t *q = realloc(p, len + 1);
    assert_non_null(q);
    q[len] = 0xff;
    assert_int_equal(wrp_cbor_prewalk(q, len + 1, NULL), WRP_OK);
    q[0] = 0xc1;
    assert_int_equal(wrp_cbor_prewalk(q, len + 1, NULL), WRP_OK);
    free(q);
    p = nest(d, 0x81, 0x5f, 0, &len);
    q = realloc(p, len + 1);
    assert_non_null(q);
    q[len] = 0xff;
    wrp_err e = {{0}};
    assert_int_equal(wrp_cbor_prewalk(q, len + 1, &e), WRP_ERR_LIMIT);
    assert_non_null(strstr(e.msg, "offset 32"));
    free(q);
}

/* An array of n zeros: the array head plus n item heads. */
static wrp_status prewalk_items(size_t n)
{
    uint8_t *p = calloc(n + 5, 1);
    assert_non_null(p);
    p[0] = 0x9a;
    p[1] = (uint8_t)(n >> 24), p[2] = (uint8_t)(n >> 16), p[3] = (uint8_t)(n >> 8), p[4] = (uint8_t)n;
    wrp_status st = wrp_cbor_prewalk(p, n + 5, NULL);
    free(p);
    return st;
}

static void item_count_limit(void **state)
{
    (void)state;
    assert_int_equal(prewalk_items(WRP_MAX_CBOR_ITEMS - 1), WRP_OK);
    assert_int_equal(prewalk_items(WRP_MAX_CBOR_ITEMS), WRP_ERR_LIMIT);
}

static void input_size_limit(void **state)
{
    (void)state;
    size_t n = WRP_MAX_INPUT_BYTES;
    uint8_t *p = calloc(n + 1, 1);
    assert_non_null(p);
    size_t body = n - 5;
    p[0] = 0x5a;
    p[1] = (uint8_t)(body >> 24), p[2] = (uint8_t)(body >> 16), p[3] = (uint8_t)(body >> 8);
    p[4] = (uint8_t)body;
    assert_int_equal(wrp_cbor_prewalk(p, n, NULL), WRP_OK);
    assert_int_equal(wrp_cbor_prewalk(p, n + 1, NULL), WRP_ERR_LIMIT);
    free(p);
}

/* ---- pre-walk: strings, simple values, tags, framing ------------------------------------------ */

static void indefinite_strings_hold_definite_chunks_of_their_type(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("5f 41 00 40 42 01 02 ff"), WRP_OK);
    assert_int_equal(prewalk_hex("7f 61 61 60 ff"), WRP_OK);
    assert_int_equal(prewalk_hex("5f 61 00 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("7f 41 00 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("5f 5f ff ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("5f 01 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("5f 80 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("5f 41 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("5f 42 00"), WRP_ERR_MALFORMED);
}

static void text_strings_are_utf8(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("62 c3 a9"), WRP_OK);
    assert_int_equal(prewalk_hex("64 f0 9f 98 80"), WRP_OK);
    assert_int_equal(prewalk_hex("62 c3 28"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("62 c0 80"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("63 ed a0 80"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("64 f4 90 80 80"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("61 c3"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("7f 61 c3 61 a9 ff"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("42 c3 28"), WRP_OK);
}

static void simple_values_false_true_null_and_floats_only(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("f4"), WRP_OK);
    assert_int_equal(prewalk_hex("f5"), WRP_OK);
    assert_int_equal(prewalk_hex("f6"), WRP_OK);
    assert_int_equal(prewalk_hex("f9 3c 00"), WRP_OK);
    assert_int_equal(prewalk_hex("fa 3f 80 00 00"), WRP_OK);
    assert_int_equal(prewalk_hex("fb 3f f0 00 00 00 00 00 00"), WRP_OK);
    assert_int_equal(prewalk_hex("f7"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("f8 20"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("f8 ff"), WRP_ERR_MALFORMED);
    for (uint8_t v = 0; v < 20; v++) {
        uint8_t b = (uint8_t)(0xe0 | v);
        assert_int_equal(wrp_cbor_prewalk(&b, 1, NULL), WRP_ERR_MALFORMED);
    }
}

static void any_tag_number_is_walked(void **state)
{
    (void)state;
    assert_int_equal(prewalk_hex("c0 00"), WRP_OK);
    assert_int_equal(prewalk_hex("d8 18 41 00"), WRP_OK);
    assert_int_equal(prewalk_hex("db ff ff ff ff ff ff ff ff 00"), WRP_OK);
    assert_int_equal(prewalk_hex("d2"), WRP_ERR_MALFORMED);
}

static void exactly_one_item_no_trailing_bytes(void **state)
{
    (void)state;
    wrp_err e = {{0}};
    uint8_t two[] = {0x01, 0x01};
    assert_int_equal(wrp_cbor_prewalk(two, sizeof two, &e), WRP_ERR_MALFORMED);
    assert_non_null(strstr(e.msg, "trailing"));
    assert_non_null(strstr(e.msg, "offset 1"));
    assert_int_equal(prewalk_hex("80 00"), WRP_ERR_MALFORMED);
    assert_int_equal(prewalk_hex("9f ff ff"), WRP_ERR_MALFORMED);
}

static void errors_name_the_offset(void **state)
{
    (void)state;
    wrp_err e = {{0}};
    uint8_t b[] = {0x82, 0x01, 0x1c};
    assert_int_equal(wrp_cbor_prewalk(b, sizeof b, &e), WRP_ERR_MALFORMED);
    assert_string_equal(e.msg, "CBOR: reserved additional information at offset 2");
}

/* ---- hostile inputs: refused without large allocations ---------------------------------------- */

/* Guards the measurement itself: the counter must see libcbor's own allocations. */
static void counter_sees_libcbor_allocations(void **state)
{
    (void)state;
    if (!g_live)
        skip();
    uint8_t forged[] = {0x9a, 0x00, 0x10, 0x00, 0x00}; /* array of 2^20, no items */
    struct cbor_load_result r;
    count_begin();
    cbor_item_t *item = cbor_load(forged, sizeof forged, &r);
    count_end();
    assert_null(item);
    assert_true(g_largest >= ((size_t)1 << 20) * sizeof(cbor_item_t *));
    print_message("  raw cbor_load of a 5-byte forged array: %zu bytes requested\n",
                  (size_t)g_requested);
}

static void refused_cheaply(const char *what, const uint8_t *in, size_t len, wrp_status want)
{
    cbor_item_t *item = NULL;
    wrp_err e = {{0}};
    count_begin();
    wrp_status st = wrp_cbor_parse(in, len, &item, &e);
    count_end();
    assert_int_equal(st, want);
    assert_null(item);
    if (!g_live)
        return;
    assert_true(g_requested < 4096);
    print_message("  %-28s -> %s; %zu bytes requested (%s)\n", what, wrp_status_str(st),
                  (size_t)g_requested, e.msg);
}

static void hostile_counts_are_refused_without_allocating(void **state)
{
    (void)state;
    static const uint8_t array_2_60[] = {0x9b, 0x10, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t map_2_32[] = {0xbb, 0, 0, 0, 0x01, 0, 0, 0, 0};
    static const uint8_t bstr_2_62[] = {0x5b, 0x40, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t unclosed[] = {0x9f, 0x01, 0x02};
    refused_cheaply("array of 2^60", array_2_60, sizeof array_2_60, WRP_ERR_MALFORMED);
    refused_cheaply("map of 2^32 pairs", map_2_32, sizeof map_2_32, WRP_ERR_MALFORMED);
    refused_cheaply("bstr of 2^62 bytes", bstr_2_62, sizeof bstr_2_62, WRP_ERR_MALFORMED);
    refused_cheaply("unclosed indefinite array", unclosed, sizeof unclosed, WRP_ERR_MALFORMED);
}

static void hostile_nesting_is_refused_without_allocating(void **state)
{
    (void)state;
    size_t len;
    uint8_t *p = nest(10000, 0x81, 0x00, 0, &len);
    refused_cheaply("10,000-deep arrays", p, len, WRP_ERR_LIMIT);
    free(p);
    p = nest(10000, 0xc1, 0x00, 0, &len);
    refused_cheaply("10,000-deep tags", p, len, WRP_ERR_LIMIT);
    free(p);
    p = nest(10000, 0x9f, 0x00, 0xff, &len);
    refused_cheaply("10,000-deep indefinite arrays", p, len, WRP_ERR_LIMIT);
    free(p);
    p = nest(10000, 0x9f, 0x00, 0, &len);
    refused_cheaply("10,000 unclosed indefinite", p, len, WRP_ERR_LIMIT);
    free(p);
}

/* ---- strict load: duplicate keys and key types ---------------------------------------------- */

static void duplicate_integer_keys(void **state)
{
    (void)state;
    assert_int_equal(parse_st("a2 01 00 02 00"), WRP_OK);
    assert_int_equal(parse_st("a2 01 00 01 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 20 00 20 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("bf 01 00 01 00 ff"), WRP_ERR_MALFORMED);
    /* uint 0 and negint -1 share the argument 0 but are different keys. */
    assert_int_equal(parse_st("a2 00 00 20 00"), WRP_OK);
}

static void duplicate_integer_keys_across_encodings(void **state)
{
    (void)state;
    assert_int_equal(parse_st("a2 01 00 18 01 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 01 00 1b 00 00 00 00 00 00 00 01 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 20 00 38 00 00"), WRP_ERR_MALFORMED);
}

static void duplicate_text_and_byte_keys(void **state)
{
    (void)state;
    assert_int_equal(parse_st("a2 61 61 00 61 61 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 41 61 00 41 61 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 60 00 60 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 61 61 00 62 61 61 01"), WRP_OK);
    /* Text "a" and bytes 'a' are different keys. */
    assert_int_equal(parse_st("a2 61 61 00 41 61 00"), WRP_OK);
    assert_int_equal(parse_st("a3 01 00 61 61 00 41 61 00"), WRP_OK);
}

static void duplicate_keys_nested_three_deep(void **state)
{
    (void)state;
    assert_int_equal(parse_st("a1 01 a1 02 a2 03 00 04 00"), WRP_OK);
    assert_int_equal(parse_st("a1 01 a1 02 a2 03 00 03 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("81 81 a2 61 78 00 61 78 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("c1 9f a1 00 bf 05 00 05 01 ff ff"), WRP_ERR_MALFORMED);
}

static void map_keys_other_than_integers_and_strings_are_refused(void **state)
{
    (void)state;
    assert_int_equal(parse_st("a1 80 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a1 a0 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a1 c1 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a1 f9 3c 00 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a1 f5 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a1 f6 00"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 01 00 9f ff 00"), WRP_ERR_MALFORMED);
}

/* Indefinite-length string keys are joined from their chunks and compared by their bytes. */
static void indefinite_string_keys_compare_joined(void **state)
{
    (void)state;
    assert_int_equal(parse_st("a1 7f 61 61 ff 00"), WRP_OK);
    assert_int_equal(parse_st("a2 61 61 00 7f 61 61 ff 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 62 61 62 00 7f 61 61 61 62 ff 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 5f ff 00 40 01"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("a2 7f 61 61 ff 00 5f 41 61 ff 01"), WRP_OK);
    cbor_item_t *m = NULL;
    assert_int_equal(parse_hex("a1 7f 62 6b 69 61 64 ff 07", &m), WRP_OK);
    int64_t v;
    assert_true(wrp_cbor_int(wrp_cbor_map_get_str(m, "kid"), &v));
    assert_int_equal(v, 7);
    cbor_decref(&m);
}

static void parse_runs_the_prewalk_and_checks_arguments(void **state)
{
    (void)state;
    uint8_t b[] = {0x01};
    assert_int_equal(wrp_cbor_parse(b, 1, NULL, NULL), WRP_ERR_ARG);
    assert_int_equal(parse_st("01 02"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("f7"), WRP_ERR_MALFORMED);
    assert_int_equal(parse_st("9f 5f 41 00 ff 7f ff bf 61 61 f6 ff ff"), WRP_OK);
}

static void floats_are_accepted(void **state)
{
    (void)state;
    cbor_item_t *item = NULL;
    assert_int_equal(parse_hex("83 f9 3c 00 fa 3f c0 00 00 fb 40 09 21 fb 54 44 2d 18", &item),
                     WRP_OK);
    assert_true(cbor_is_float(wrp_cbor_array_at(item, 0)));
    assert_true(cbor_float_get_float(wrp_cbor_array_at(item, 1)) == 1.5);
    assert_true(cbor_float_get_float8(wrp_cbor_array_at(item, 2)) > 3.14159);
    cbor_decref(&item);
}

/* Negative integers of every head width keep their value (the two-byte form reaches libcbor in
 * the four-byte form). */
static void negative_integers_keep_their_value(void **state)
{
    (void)state;
    struct {
        const char *hex;
        int64_t v;
    } cases[] = {
        {"20", -1}, {"38 ff", -256}, {"39 01 00", -257}, {"39 ff fe", -65535}, {"39 ff ff", -65536},
        {"3a 00 01 00 00", -65537}, {"3b 00 00 00 01 00 00 00 00", -4294967297},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cbor_item_t *item = NULL;
        assert_int_equal(parse_hex(cases[k].hex, &item), WRP_OK);
        int64_t v;
        assert_true(wrp_cbor_int(item, &v));
        assert_true(v == cases[k].v);
        cbor_decref(&item);
    }
    /* as map keys, -257 written in two widths is one key */
    assert_int_equal(parse_st("a2 39 01 00 01 3a 00 00 01 00 02"), WRP_ERR_MALFORMED);
}

/* Half-precision floats reach libcbor as single-precision ones of exactly the same value. */
static void half_floats_keep_their_exact_value(void **state)
{
    (void)state;
    struct {
        const char *hex;
        double v;
    } cases[] = {
        {"f9 3c 00", 1.0},
        {"f9 c0 00", -2.0},
        {"f9 3e 00", 1.5},
        {"f9 7b ff", 65504.0},
        {"f9 04 00", 6.103515625e-05},          /* smallest normal, 2^-14 */
        {"f9 03 ff", 6.097555160522461e-05},    /* largest subnormal, 1023 * 2^-24 */
        {"f9 00 01", 5.9604644775390625e-08},   /* smallest subnormal, 2^-24 */
        {"f9 80 01", -5.9604644775390625e-08},
        {"f9 35 55", 0.333251953125},
        {"f9 00 00", 0.0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cbor_item_t *item = NULL;
        assert_int_equal(parse_hex(cases[k].hex, &item), WRP_OK);
        assert_true(cbor_is_float(item));
        assert_true(cbor_float_get_float(item) == cases[k].v);
        cbor_decref(&item);
    }
    struct {
        const char *hex;
        char kind; /* '+' infinity, '-' minus infinity, 'z' minus zero, 'n' NaN */
    } specials[] = {
        {"f9 7c 00", '+'}, {"f9 fc 00", '-'}, {"f9 80 00", 'z'}, {"f9 7e 00", 'n'}, {"f9 7c 01", 'n'},
    };
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        cbor_item_t *item = NULL;
        assert_int_equal(parse_hex(specials[k].hex, &item), WRP_OK);
        double d = cbor_float_get_float(item);
        switch (specials[k].kind) {
        case '+': assert_true(d == HUGE_VAL); break;
        case '-': assert_true(d == -HUGE_VAL); break;
        case 'z': assert_true(d == 0.0 && signbit(d)); break;
        default: assert_true(isnan(d)); break;
        }
        cbor_decref(&item);
    }
}

/* Every allocation of a parse is failed in turn: each run must end in WRP_ERR_NOMEM, never in a
 * crash or a tree with items missing. The document holds indefinite-length items on purpose:
 * libcbor 0.8 drops their elements or crashes when its own reallocations fail. */
static void allocation_failures_map_to_nomem(void **state)
{
    (void)state;
    if (!CAN_INJECT || !g_live)
        skip();
    size_t len;
    uint8_t *in = tu_hex_decode("d2 84 43 a1 01 26 a2 04 42 31 31 63 6b 65 79 7f 61 61 61 62 ff "
                                "9f 5f 41 00 41 01 ff f6 f9 3c 00 fa 3f c0 00 00 "
                                "fb 40 09 21 fb 54 44 2d 18 39 ff fe 19 01 00 bf 01 02 03 04 ff ff "
                                "58 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                                &len);
    assert_non_null(in);
    size_t nomem = 0;
    for (size_t k = 0; k < 1000; k++) {
        cbor_item_t *item = NULL;
        g_fail_at = k;
        count_begin();
        wrp_status st = wrp_cbor_parse(in, len, &item, NULL);
        bool failed = g_failed;
        count_end();
        if (!failed) {
            assert_int_equal(st, WRP_OK);
            cbor_decref(&item);
            break;
        }
        assert_int_equal(st, WRP_ERR_NOMEM);
        assert_null(item);
        nomem++;
    }
    free(in);
    print_message("  %zu allocation failures, each refused as out of memory\n", nomem);
    assert_true(nomem > 20);
}

/* ---- accessors ------------------------------------------------------------------------------ */

static void int_accessor_covers_int64(void **state)
{
    (void)state;
    struct {
        const char *hex;
        bool ok;
        int64_t v;
    } cases[] = {
        {"00", true, 0},
        {"20", true, -1},
        {"38 63", true, -100},
        {"1b 7f ff ff ff ff ff ff ff", true, INT64_MAX},
        {"1b 80 00 00 00 00 00 00 00", false, 0},
        {"3b 7f ff ff ff ff ff ff ff", true, INT64_MIN},
        {"3b 80 00 00 00 00 00 00 00", false, 0},
        {"61 31", false, 0},
        {"f9 3c 00", false, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cbor_item_t *item = NULL;
        assert_int_equal(parse_hex(cases[k].hex, &item), WRP_OK);
        int64_t v = 12345;
        assert_int_equal(wrp_cbor_int(item, &v), cases[k].ok);
        assert_true(v == (cases[k].ok ? cases[k].v : 12345));
        cbor_decref(&item);
    }
    int64_t v;
    assert_false(wrp_cbor_int(NULL, &v));
}

static void map_lookups(void **state)
{
    (void)state;
    cbor_item_t *m = NULL;
    /* {1: "one", -7: h'07', "alg": 2, h'616c67': 3} */
    assert_int_equal(parse_hex("a4 01 63 6f 6e 65 26 41 07 63 61 6c 67 02 43 61 6c 67 03", &m),
                     WRP_OK);
    const uint8_t *p;
    size_t len;
    int64_t v;
    assert_true(wrp_cbor_tstr(wrp_cbor_map_get_int(m, 1), &p, &len));
    assert_int_equal(len, 3);
    assert_memory_equal(p, "one", 3);
    assert_true(wrp_cbor_bstr(wrp_cbor_map_get_int(m, -7), &p, &len));
    assert_int_equal(len, 1);
    assert_true(wrp_cbor_int(wrp_cbor_map_get_str(m, "alg"), &v));
    assert_int_equal(v, 2);
    assert_null(wrp_cbor_map_get_str(m, "al"));
    assert_null(wrp_cbor_map_get_str(m, "algo"));
    assert_null(wrp_cbor_map_get_int(m, 2));
    assert_null(wrp_cbor_map_get_int(wrp_cbor_map_get_int(m, 1), 1));
    assert_null(wrp_cbor_map_get_str(NULL, "alg"));
    assert_null(wrp_cbor_map_get_str(m, NULL));
    cbor_decref(&m);
}

static void string_accessors_are_definite_only(void **state)
{
    (void)state;
    cbor_item_t *a = NULL;
    assert_int_equal(parse_hex("84 60 40 62 68 69 42 00 01", &a), WRP_OK);
    const uint8_t *p = NULL;
    size_t len = 99;
    assert_true(wrp_cbor_tstr(wrp_cbor_array_at(a, 0), &p, &len));
    assert_non_null(p);
    assert_int_equal(len, 0);
    assert_true(wrp_cbor_bstr(wrp_cbor_array_at(a, 1), &p, &len));
    assert_non_null(p);
    assert_int_equal(len, 0);
    assert_true(wrp_cbor_tstr(wrp_cbor_array_at(a, 2), &p, &len));
    assert_memory_equal(p, "hi", 2);
    assert_false(wrp_cbor_bstr(wrp_cbor_array_at(a, 2), &p, &len));
    assert_true(wrp_cbor_bstr(wrp_cbor_array_at(a, 3), &p, &len));
    assert_false(wrp_cbor_tstr(wrp_cbor_array_at(a, 3), &p, &len));
    assert_null(wrp_cbor_array_at(a, 4));
    assert_null(wrp_cbor_array_at(a, SIZE_MAX));
    assert_null(wrp_cbor_array_at(wrp_cbor_array_at(a, 2), 0));
    assert_false(wrp_cbor_bstr(NULL, &p, &len));
    cbor_decref(&a);

    /* Built by hand: wrp_cbor_parse never hands out an indefinite string (see below). */
    cbor_item_t *indef = cbor_new_indefinite_string();
    assert_non_null(indef);
    assert_false(wrp_cbor_tstr(indef, &p, &len));
    cbor_decref(&indef);
    indef = cbor_new_indefinite_bytestring();
    assert_non_null(indef);
    assert_false(wrp_cbor_bstr(indef, &p, &len));
    cbor_decref(&indef);
}

/* Indefinite-length items reach libcbor as definite ones: strings joined, containers counted. */
static void indefinite_items_load_as_definite(void **state)
{
    (void)state;
    cbor_item_t *a = NULL;
    assert_int_equal(parse_hex("9f 7f 61 61 60 62 62 63 ff 5f 41 00 42 01 02 ff "
                               "bf 01 9f 02 03 ff ff 9f ff ff", &a), WRP_OK);
    assert_int_equal(cbor_array_size(a), 4);
    const uint8_t *p;
    size_t len;
    assert_true(wrp_cbor_tstr(wrp_cbor_array_at(a, 0), &p, &len));
    assert_int_equal(len, 3);
    assert_memory_equal(p, "abc", 3);
    assert_true(wrp_cbor_bstr(wrp_cbor_array_at(a, 1), &p, &len));
    assert_int_equal(len, 3);
    assert_memory_equal(p, "\x00\x01\x02", 3);
    const cbor_item_t *inner = wrp_cbor_map_get_int(wrp_cbor_array_at(a, 2), 1);
    int64_t v;
    assert_int_equal(cbor_array_size(inner), 2);
    assert_true(wrp_cbor_int(wrp_cbor_array_at(inner, 1), &v));
    assert_int_equal(v, 3);
    assert_int_equal(cbor_array_size(wrp_cbor_array_at(a, 3)), 0);
    cbor_decref(&a);
}

/* libcbor 0.8 refuses the one-byte heads of tags 6..20; they carry COSE_Sign1 (18) and friends. */
static void one_byte_tags_6_to_20_load(void **state)
{
    (void)state;
    for (uint8_t t = 0; t < 24; t++) {
        uint8_t in[2] = {(uint8_t)(0xc0 | t), 0x00};
        cbor_item_t *item = NULL;
        assert_int_equal(wrp_cbor_parse(in, sizeof in, &item, NULL), WRP_OK);
        int64_t v = -1;
        assert_true(wrp_cbor_int(wrp_cbor_tag(item, t), &v));
        assert_int_equal(v, 0);
        cbor_decref(&item);
    }
    cbor_item_t *item = NULL;
    assert_int_equal(parse_hex("d1 d2 81 d0 41 ff", &item), WRP_OK);
    const uint8_t *p;
    size_t len;
    assert_true(wrp_cbor_bstr(wrp_cbor_tag(wrp_cbor_array_at(wrp_cbor_tag(wrp_cbor_tag(item, 17), 18), 0), 16),
                              &p, &len));
    assert_int_equal(len, 1);
    assert_int_equal(p[0], 0xff);
    cbor_decref(&item);
}

/* Tag 24 wraps encoded CBOR as a bstr: its bytes are opaque here (a duplicate key inside is the
 * caller's to find when it parses them) and come back exactly as sent. */
static void tag24_bstr_bytes_are_returned_unchanged(void **state)
{
    (void)state;
    static const uint8_t inner[] = {0xa2, 0x01, 0x00, 0x01, 0x00};
    cbor_item_t *item = NULL;
    assert_int_equal(parse_hex("d8 18 45 a2 01 00 01 00", &item), WRP_OK);
    assert_null(wrp_cbor_tag(item, 18));
    const uint8_t *p;
    size_t len;
    assert_true(wrp_cbor_bstr(wrp_cbor_tag(item, 24), &p, &len));
    assert_int_equal(len, sizeof inner);
    assert_memory_equal(p, inner, sizeof inner);
    cbor_item_t *again = NULL;
    assert_int_equal(wrp_cbor_parse(p, len, &again, NULL), WRP_ERR_MALFORMED);
    assert_null(wrp_cbor_tag(NULL, 24));
    cbor_decref(&item);
}

/* ---- encoder -------------------------------------------------------------------------------- */

static void expect_bytes(wrp_cbor_out *o, const char *hex)
{
    size_t len;
    uint8_t *want = tu_hex_decode(hex, &len);
    assert_non_null(want);
    assert_false(o->oom);
    assert_int_equal(o->len, len);
    if (len > 0)
        assert_memory_equal(o->p, want, len);
    free(want);
    wrp_cbor_out_free(o);
}

static void encoder_heads_are_preferred(void **state)
{
    (void)state;
    struct {
        uint8_t major;
        uint64_t v;
        const char *hex;
    } cases[] = {
        {0, 0, "00"},
        {0, 23, "17"},
        {0, 24, "18 18"},
        {0, 255, "18 ff"},
        {0, 256, "19 01 00"},
        {0, 65535, "19 ff ff"},
        {0, 65536, "1a 00 01 00 00"},
        {0, 0xffffffffu, "1a ff ff ff ff"},
        {0, (uint64_t)1 << 32, "1b 00 00 00 01 00 00 00 00"},
        {0, UINT64_MAX, "1b ff ff ff ff ff ff ff ff"},
        {1, 6, "26"},
        {2, 64, "58 40"},
        {3, 10, "6a"},
        {4, 4, "84"},
        {5, 24, "b8 18"},
        {6, 18, "d2"},
        {6, 24, "d8 18"},
        {7, 20, "f4"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        wrp_cbor_out o = {0};
        wrp_cbor_put_head(&o, cases[k].major, cases[k].v);
        expect_bytes(&o, cases[k].hex);
    }
}

static void encoder_sig_structure(void **state)
{
    (void)state;
    static const uint8_t prot[] = {0xa1, 0x01, 0x26};
    static const char payload[] = "This is the content.";
    wrp_cbor_out o = {0};
    wrp_cbor_put_head(&o, 4, 4);
    wrp_cbor_put_tstr(&o, "Signature1", 10);
    wrp_cbor_put_bstr(&o, prot, sizeof prot);
    wrp_cbor_put_bstr(&o, NULL, 0);
    wrp_cbor_put_bstr(&o, (const uint8_t *)payload, strlen(payload));
    expect_bytes(&o, "84 6a 5369676e617475726531 43 a10126 40 "
                     "54 546869732069732074686520636f6e74656e742e");
}

static void encoder_errors_are_sticky(void **state)
{
    (void)state;
    static const uint8_t one[] = {0x01};
    wrp_cbor_out o = {0};
    wrp_cbor_put_head(&o, 8, 0);
    assert_true(o.oom);
    wrp_cbor_put_raw(&o, one, 1);
    wrp_cbor_put_head(&o, 0, 1);
    assert_int_equal(o.len, 0);
    wrp_cbor_out_free(&o);
    assert_false(o.oom);
    assert_null(o.p);

    wrp_cbor_put_raw(&o, one, 1);
    wrp_cbor_put_raw(&o, one, SIZE_MAX);
    assert_true(o.oom);
    wrp_cbor_put_raw(&o, one, 1);
    assert_int_equal(o.len, 1);
    wrp_cbor_out_free(&o);

    wrp_cbor_put_raw(&o, NULL, 1);
    assert_true(o.oom);
    wrp_cbor_out_free(&o);
    wrp_cbor_out_free(NULL);
}

static void encoder_grows_past_its_first_buffer(void **state)
{
    (void)state;
    wrp_cbor_out o = {0};
    uint8_t chunk[100];
    memset(chunk, 0xab, sizeof chunk);
    for (int k = 0; k < 50; k++)
        wrp_cbor_put_raw(&o, chunk, sizeof chunk);
    assert_false(o.oom);
    assert_int_equal(o.len, 5000);
    assert_true(o.cap >= o.len);
    assert_int_equal(o.p[4999], 0xab);
    wrp_cbor_out_free(&o);
}

/* ---- round trip ----------------------------------------------------------------------------- */

#define COSE_SIGN1                                                                      \
    "d2 84 43 a10126 a1 04 42 3131 54 546869732069732074686520636f6e74656e742e 58 40 " \
    "8eb33e4ca31d1c465ab05aac34cc6b23d58fef5c083106c4d25a91aef0b0117e"                 \
    "2af9a291aa32e14ab834dc56ed2a223444547e01f11d3b0916e5a4c345cacb36"

static void reencode_sign1(wrp_cbor_out *o, const cbor_item_t *arr)
{
    const uint8_t *prot, *kid, *payload, *sig;
    size_t prot_len, kid_len, payload_len, sig_len;
    const cbor_item_t *unprot = wrp_cbor_array_at(arr, 1);
    assert_true(wrp_cbor_bstr(wrp_cbor_array_at(arr, 0), &prot, &prot_len));
    assert_true(wrp_cbor_bstr(wrp_cbor_map_get_int(unprot, 4), &kid, &kid_len));
    assert_true(wrp_cbor_bstr(wrp_cbor_array_at(arr, 2), &payload, &payload_len));
    assert_true(wrp_cbor_bstr(wrp_cbor_array_at(arr, 3), &sig, &sig_len));
    assert_int_equal(cbor_map_size(unprot), 1);
    wrp_cbor_put_head(o, 6, 18);
    wrp_cbor_put_head(o, 4, 4);
    wrp_cbor_put_bstr(o, prot, prot_len);
    wrp_cbor_put_head(o, 5, 1);
    wrp_cbor_put_head(o, 0, 4);
    wrp_cbor_put_bstr(o, kid, kid_len);
    wrp_cbor_put_bstr(o, payload, payload_len);
    wrp_cbor_put_bstr(o, sig, sig_len);
}

static void cose_sign1_round_trip(void **state)
{
    (void)state;
    cbor_item_t *doc = NULL;
    assert_int_equal(parse_hex(COSE_SIGN1, &doc), WRP_OK);
    const cbor_item_t *arr = wrp_cbor_tag(doc, 18);
    assert_non_null(arr);
    assert_int_equal(cbor_array_size(arr), 4);

    const uint8_t *prot;
    size_t prot_len;
    assert_true(wrp_cbor_bstr(wrp_cbor_array_at(arr, 0), &prot, &prot_len));
    cbor_item_t *hdr = NULL;
    assert_int_equal(wrp_cbor_parse(prot, prot_len, &hdr, NULL), WRP_OK);
    int64_t alg;
    assert_true(wrp_cbor_int(wrp_cbor_map_get_int(hdr, 1), &alg));
    assert_int_equal(alg, -7);
    cbor_decref(&hdr);

    wrp_cbor_out o = {0};
    reencode_sign1(&o, arr);
    expect_bytes(&o, COSE_SIGN1);
    cbor_decref(&doc);
}

static void counter_probe(void)
{
    counter_install();
    count_begin();
    cbor_item_t *probe = cbor_build_uint8(1);
    count_end();
    assert_non_null(probe);
    cbor_decref(&probe);
    g_live = g_calls > 0;
}

/* ---- claims sets as JSON (util/cbor_json.c) ---------------------------------------------------- */

static const wrp_cbor_json_key claim_keys[] = {{2, "sub"}, {4, "exp"}, {99, "sub"}};

/* wrp_cbor_to_json of the map in hex, with claim_keys (the first n of them). */
static wrp_status to_json(const char *hex, size_t n_keys, cJSON **out, wrp_err *err)
{
    cbor_item_t *item = NULL;
    assert_int_equal(parse_hex(hex, &item), WRP_OK);
    wrp_status st = wrp_cbor_to_json(item, claim_keys, n_keys, false, out, err);
    cbor_decref(&item);
    return st;
}

/* A name is taken once, whether by a text key or by a label renamed to it; other names are never
 * compared with each other (the CBOR layer has made the text keys distinct). */
static void claims_names_taken_once(void **state)
{
    (void)state;
    static const struct {
        const char *hex;
        size_t n_keys;
        const char *msg; /* NULL: converted */
    } cases[] = {
        {"a2026161" "6373756261 62", 2, "claim \"sub\" appears twice"},    /* {2: "a", "sub": "b"} */
        {"a2637375626162 026161", 2, "claim \"sub\" appears twice"},      /* {"sub": "b", 2: "a"} */
        {"a202616118636162", 3, "claim \"sub\" appears twice"},           /* {2: "a", 99: "b"} */
        {"a202616118636162", 2, NULL},                                      /* 99 not renamed: dropped */
        {"a3026161 04 01 63657870 02", 2, "claim \"exp\" appears twice"}, /* {2:"a", 4:1, "exp":2} */
        {"a2 63737562 6161 616e a2 0200 63737562 6162", 2, NULL}, /* {"sub":"a","n":{2:0,"sub":"b"}} */
        {"a2 63737562 a1 63737562 01 026161", 2, "claim \"sub\" appears twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char hex[128];
        size_t k = 0;
        for (const char *c = cases[i].hex; *c; c++) /* the spaces are for reading */
            if (*c != ' ')
                hex[k++] = *c;
        hex[k] = 0;
        cJSON *j = NULL;
        wrp_err err = {{0}};
        wrp_status st = to_json(hex, cases[i].n_keys, &j, &err);
        if (cases[i].msg == NULL) {
            if (st != WRP_OK)
                fail_msg("case %zu refused: %s", i, err.msg);
            assert_non_null(wrp_json_get(j, "sub"));
        } else {
            assert_int_equal(st, WRP_ERR_MALFORMED);
            assert_string_equal(err.msg, cases[i].msg);
            assert_null(j);
        }
        cJSON_Delete(j);
    }
}

/* Many distinct text keys all arrive, in order; more renamed labels than the names tracked (64)
 * is an argument error. */
static void claims_many_keys(void **state)
{
    (void)state;
    enum { N = 20000 };
    size_t len = 0;
    uint8_t *in = malloc(3 + N * 8 + 8);
    assert_non_null(in);
    in[len++] = 0xb9; /* a map of N + 1 pairs */
    in[len++] = (uint8_t)((N + 1) >> 8);
    in[len++] = (uint8_t)((N + 1) & 0xff);
    in[len++] = 0x02; /* 2: "a", renamed sub */
    in[len++] = 0x61;
    in[len++] = 'a';
    for (unsigned i = 0; i < N; i++) {
        char key[8];
        snprintf(key, sizeof key, "k%05u", i);
        in[len++] = 0x66;
        memcpy(in + len, key, 6);
        len += 6;
        in[len++] = 0xf5;
    }
    cbor_item_t *item = NULL;
    assert_int_equal(wrp_cbor_parse(in, len, &item, NULL), WRP_OK);
    cJSON *j = NULL;
    assert_int_equal(wrp_cbor_to_json(item, claim_keys, 2, false, &j, NULL), WRP_OK);
    assert_int_equal(cJSON_GetArraySize(j), N + 1);
    const cJSON *m = j->child;
    assert_string_equal(m->string, "sub");
    m = m->next;
    for (unsigned i = 0; i < N; i++, m = m->next) {
        char key[8];
        snprintf(key, sizeof key, "k%05u", i);
        assert_string_equal(m->string, key);
    }
    cJSON_Delete(j);
    static wrp_cbor_json_key many[65];
    for (size_t i = 0; i < 65; i++)
        many[i] = (wrp_cbor_json_key){(int64_t)i, "x"};
    wrp_err err = {{0}};
    assert_int_equal(wrp_cbor_to_json(item, many, 65, false, &j, &err), WRP_ERR_ARG);
    assert_null(j);
    assert_int_equal(wrp_cbor_to_json(item, many, 64, false, &j, &err), WRP_OK);
    assert_non_null(wrp_json_get(j, "x"));
    cJSON_Delete(j);
    cbor_decref(&item);
    free(in);
}

int main(void)
{
    counter_probe();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reserved_additional_info_is_malformed),
        cmocka_unit_test(indefinite_length_only_on_strings_arrays_maps),
        cmocka_unit_test(break_only_inside_an_indefinite_item),
        cmocka_unit_test(truncated_heads_are_malformed),
        cmocka_unit_test(string_length_within_remaining_bytes),
        cmocka_unit_test(array_count_within_remaining_bytes),
        cmocka_unit_test(map_count_needs_two_bytes_per_pair),
        cmocka_unit_test(nesting_depth_limit_arrays_and_maps),
        cmocka_unit_test(nesting_depth_counts_tags_and_indefinite_strings),
        cmocka_unit_test(item_count_limit),
        cmocka_unit_test(input_size_limit),
        cmocka_unit_test(indefinite_strings_hold_definite_chunks_of_their_type),
        cmocka_unit_test(text_strings_are_utf8),
        cmocka_unit_test(simple_values_false_true_null_and_floats_only),
        cmocka_unit_test(any_tag_number_is_walked),
        cmocka_unit_test(exactly_one_item_no_trailing_bytes),
        cmocka_unit_test(errors_name_the_offset),
        cmocka_unit_test(counter_sees_libcbor_allocations),
        cmocka_unit_test(hostile_counts_are_refused_without_allocating),
        cmocka_unit_test(hostile_nesting_is_refused_without_allocating),
        cmocka_unit_test(duplicate_integer_keys),
        cmocka_unit_test(duplicate_integer_keys_across_encodings),
        cmocka_unit_test(duplicate_text_and_byte_keys),
        cmocka_unit_test(duplicate_keys_nested_three_deep),
        cmocka_unit_test(map_keys_other_than_integers_and_strings_are_refused),
        cmocka_unit_test(indefinite_string_keys_compare_joined),
        cmocka_unit_test(parse_runs_the_prewalk_and_checks_arguments),
        cmocka_unit_test(claims_names_taken_once),
        cmocka_unit_test(claims_many_keys),
        cmocka_unit_test(floats_are_accepted),
        cmocka_unit_test(half_floats_keep_their_exact_value),
        cmocka_unit_test(negative_integers_keep_their_value),
        cmocka_unit_test(allocation_failures_map_to_nomem),
        cmocka_unit_test(int_accessor_covers_int64),
        cmocka_unit_test(map_lookups),
        cmocka_unit_test(string_accessors_are_definite_only),
        cmocka_unit_test(indefinite_items_load_as_definite),
        cmocka_unit_test(one_byte_tags_6_to_20_load),
        cmocka_unit_test(tag24_bstr_bytes_are_returned_unchanged),
        cmocka_unit_test(encoder_heads_are_preferred),
        cmocka_unit_test(encoder_sig_structure),
        cmocka_unit_test(encoder_errors_are_sticky),
        cmocka_unit_test(encoder_grows_past_its_first_buffer),
        cmocka_unit_test(cose_sign1_round_trip),
    };
    return cmocka_run_group_tests_name("cbor", tests, NULL, NULL);
}
