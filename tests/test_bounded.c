/*
 * Bounded work (contract v1.1): the hostile requests of testvectors/hostile/ (gen_hostile.py) get
 * the contract's verdict and findings, and the judgement's work and memory stay within bounds
 * proportional to the request's size. Work is counted by the judgement itself (wrp_result.work:
 * items listed, index probes, claims and values compared, DCQL alternative references); memory by
 * the interposed allocator of tests/alloc/allocinject.c (allocations and peak live bytes). Nothing
 * here reads a clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "allocinject.h"
#include "lib/result.h"
#include "testmanifest.h"
#include "testutil.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define T_E2E INT64_C(1798761600) /* 2027-01-01T00:00:00Z, the time of the end-to-end vectors */
#define DIR "testvectors/hostile/"

/* The bounds. A judgement's own steps: a few per byte of the request (a reference or a value
 * costs at least two bytes of it; the items, types times claims, are at most
 * WRP_MAX_REQUESTED_ITEMS) plus a constant. Allocations: a few per byte, and the result's objects
 * and strings for each requested item. Heap: the goal of bench/README.md for any request within
 * the limits. */
#define WORK_PER_BYTE 8u
#define WORK_BASE 65536u
#define ALLOCS_PER_BYTE 2u
#define ALLOCS_PER_ITEM 32u
#define ALLOCS_BASE 20000u
#define MAX_PEAK_HEAP (16u * 1024u * 1024u)
/* String comparisons (strcmp and memcmp calls, counted below): the sorts and binary searches of a
 * judgement cost a few per byte times a logarithm; a search that scans what it searches costs a
 * comparison per entry for each look-up. The constant covers the certificate checks (OpenSSL
 * compares names and properties). */
#define COMPARES_PER_BYTE 8u
#define COMPARES_BASE 100000u

/*
 * strcmp and memcmp, defined in this executable so that they interpose for the static library and
 * for the shared libraries it calls (cJSON's member look-up compares with strcmp), and counted: a
 * quadratic search outside the judgement's own step count (wrp_result.work) shows here, as an
 * allocation does in tests/alloc/. AddressSanitizer intercepts them itself; then nothing is
 * defined and comparisons are not counted.
 */
#if defined(__SANITIZE_ADDRESS__)
#define COUNT_COMPARES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COUNT_COMPARES 0
#endif
#endif
#ifndef COUNT_COMPARES
#define COUNT_COMPARES 1
#endif

static size_t g_compares;

#if COUNT_COMPARES
__attribute__((visibility("default"))) int strcmp(const char *a, const char *b)
{
    g_compares++;
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    while (*x != 0 && *x == *y)
        x++, y++;
    return (int)*x - (int)*y;
}

__attribute__((visibility("default"))) int memcmp(const void *a, const void *b, size_t n)
{
    g_compares++;
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return (int)x[i] - (int)y[i];
    return 0;
}
#endif

typedef struct inputs {
    const char *path;
    wrp_status (*add)(wrp_config *, const uint8_t *, size_t);
} inputs;

static const inputs e2e_inputs[] = {
    {"testvectors/pki/ac-root.pem", wrp_config_add_ac_anchors},
    {"testvectors/crl/current.pem", wrp_config_add_crl},
    {"testvectors/rc/pki/rc-root.pem", wrp_config_add_rc_anchors},
    {"testvectors/rc/sl-valid.jwt", wrp_config_add_status_list},
};

static wrp_verifier *g_verifier;
static uint8_t *g_transcript;
static size_t g_transcript_len;

static int setup(void **state)
{
    (void)state;
    wrp_config *cfg = wrp_config_new();
    if (cfg == NULL)
        return -1;
    wrp_config_set_time(cfg, T_E2E);
    /* The end-to-end transaction data type (testvectors/hostile_parsers.py names it). */
    if (wrp_config_add_transaction_data_type(cfg, "urn:wrpcheck:e2e:payment") != WRP_OK) {
        wrp_config_free(cfg);
        return -1;
    }
    for (size_t i = 0; i < sizeof e2e_inputs / sizeof e2e_inputs[0]; i++) {
        size_t len = 0;
        uint8_t *data = tu_read_file(e2e_inputs[i].path, &len);
        if (data == NULL || e2e_inputs[i].add(cfg, data, len) != WRP_OK) {
            fprintf(stderr, "cannot configure %s\n", e2e_inputs[i].path);
            free(data);
            wrp_config_free(cfg);
            return -1;
        }
        free(data);
    }
    wrp_status st = wrp_verifier_new(cfg, &g_verifier);
    wrp_config_free(cfg);
    g_transcript = tu_read_file("testvectors/e2e/transcript.cbor", &g_transcript_len);
    return st == WRP_OK && g_transcript != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    wrp_verifier_free(g_verifier);
    free(g_transcript);
    return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The codes of r, comma separated, or "-". */
static void codes_of(const wrp_result *r, char *out, size_t size)
{
    size_t n = wrp_result_finding_count(r), used = 0;
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, used < size ? size - used : 0, "%s%s", i ? "," : "",
                                 wrp_code_str(wrp_result_finding_code(r, i)));
    if (n == 0)
        snprintf(out, size, "-");
}

typedef struct cost {
    size_t work, allocs, peak, compares;
} cost;

/* file, expected verdict, codes=CODE,CODE (- for none), what=what the request does */
static const char *const manifest_keys[] = {"codes", "what", NULL};
static const tm_format manifest_format = {.min_fields = 4, .max_fields = 4, .options_from = 2,
                                          .keys = manifest_keys};

/* Judges one request; fails the test unless verdict and codes are the manifest's. */
static cost judge(const tm_line *l, bool quiet)
{
    char path[600];
    snprintf(path, sizeof path, DIR "%s", l->field[0]);
    size_t len = 0;
    uint8_t *req = tu_read_file(path, &len);
    if (req == NULL)
        fail_msg("cannot read %s", path);
    wrp_request *rq = NULL;
    if (ends_with(l->field[0], ".cbor")) {
        assert_non_null(rq = wrp_request_new());
        assert_int_equal(wrp_request_set_transcript(rq, g_transcript, g_transcript_len), WRP_OK);
    }
    ai_allocs = 0;
    ai_bytes_peak = ai_bytes_live;
    size_t base = ai_bytes_live;
    wrp_result *r = NULL;
    g_compares = 0;
    assert_int_equal(wrp_audit(g_verifier, rq, req, len, &r), WRP_OK);
    cost c = {r->work, ai_allocs, ai_bytes_peak - base, g_compares};

    char codes[4096];
    codes_of(r, codes, sizeof codes);
    const char *want_codes = tm_opt(l, "codes");
    if (strcmp(wrp_verdict_str(wrp_result_verdict(r)), l->field[1]) != 0 ||
        want_codes == NULL || strcmp(codes, want_codes) != 0)
        fail_msg("%s: verdict %s with %s, the contract says %s with %s", l->field[0],
                 wrp_verdict_str(wrp_result_verdict(r)), codes, l->field[1], want_codes ? want_codes : "?");
    /* A request allowed was judged item by item (a refused query lists nothing). */
    if (strcmp(l->field[1], "allow") == 0 && wrp_result_requested_count(r) == 0)
        fail_msg("%s: judged but nothing requested", l->field[0]);
    wrp_result_free(r);
    wrp_request_free(rq);
    free(req);

    if (!quiet)
        printf("%-36s %8zu bytes  work %9zu (%.2f/byte)  allocations %7zu  peak heap %8zu"
               "  comparisons %9zu\n", l->field[0], len, c.work, (double)c.work / (double)len, c.allocs,
               c.peak, c.compares);
    if (c.work > WORK_PER_BYTE * len + WORK_BASE)
        fail_msg("%s: %zu steps for %zu bytes, over %u per byte + %u", l->field[0], c.work, len,
                 WORK_PER_BYTE, WORK_BASE);
    if (COUNT_COMPARES && c.compares > COMPARES_PER_BYTE * len + COMPARES_BASE)
        fail_msg("%s: %zu string comparisons for %zu bytes, over %u per byte + %u", l->field[0],
                 c.compares, len, COMPARES_PER_BYTE, COMPARES_BASE);
    return c;
}

static void hostile_requests_get_their_verdict_within_bounds(void **state)
{
    (void)state;
    const char *why = NULL;
    int counted = ai_available(&why);
    tm_manifest m;
    if (tm_load(DIR "manifest.tsv", &manifest_format, &m) != 0)
        fail_msg("%s", m.error);
    assert_true(m.n >= 10);
    for (size_t i = 0; i < m.n; i++) {
        cost c = judge(&m.v[i], false);
        size_t len = 0;
        char path[600];
        snprintf(path, sizeof path, DIR "%s", m.v[i].field[0]);
        free(tu_read_file(path, &len));
        if (!counted)
            continue;
        if (c.allocs > ALLOCS_PER_BYTE * len + ALLOCS_PER_ITEM * WRP_MAX_REQUESTED_ITEMS + ALLOCS_BASE)
            fail_msg("%s: %zu allocations for %zu bytes, over %u per byte + %u per item + %u",
                     m.v[i].field[0], c.allocs, len, ALLOCS_PER_BYTE, ALLOCS_PER_ITEM, ALLOCS_BASE);
        if (c.peak > MAX_PEAK_HEAP)
            fail_msg("%s: %zu bytes of heap at the peak, over %u", m.v[i].field[0], c.peak, MAX_PEAK_HEAP);
    }
    if (!counted)
        printf("allocations and heap not measured: %s (work and verdicts were checked)\n", why);
    if (!COUNT_COMPARES)
        printf("string comparisons not counted: AddressSanitizer intercepts strcmp and memcmp\n");
    tm_free(&m);
}

/* The work counter is not blind: a request that lists more items costs more steps, and the
 * hostile requests that are refused cost no more than a normal one. */
static void work_grows_with_items_and_refusals_are_cheap(void **state)
{
    (void)state;
    tm_manifest m;
    if (tm_load(DIR "manifest.tsv", &manifest_format, &m) != 0)
        fail_msg("%s", m.error);
    size_t at_limit = 0, over = 0, mdoc_at = 0, mdoc_over = 0;
    for (size_t i = 0; i < m.n; i++) {
        cost c = judge(&m.v[i], true);
        if (strcmp(m.v[i].field[0], "items-at-limit.jwt") == 0)
            at_limit = c.work;
        else if (strcmp(m.v[i].field[0], "items-types-by-claims.jwt") == 0)
            over = c.work;
        else if (strcmp(m.v[i].field[0], "mdoc-at-limit.cbor") == 0)
            mdoc_at = c.work;
        else if (strcmp(m.v[i].field[0], "mdoc-over-limit.cbor") == 0)
            mdoc_over = c.work;
    }
    assert_true(at_limit >= WRP_MAX_REQUESTED_ITEMS);
    assert_true(mdoc_at >= WRP_MAX_REQUESTED_ITEMS);
    assert_int_equal(over, 0);
    assert_int_equal(mdoc_over, 0);
    tm_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hostile_requests_get_their_verdict_within_bounds),
        cmocka_unit_test(work_grows_with_items_and_refusals_are_cheap),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
