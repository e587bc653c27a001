/*
 * Allocation-failure injection: every allocation of a whole judgement (configuration, verifier,
 * judgement, result accessors and JSON, release) is made to fail in turn, one at a time (every
 * 7th beyond the 3000th). Each run must not crash, must give a consistent result when it gives
 * one (a verdict never more lenient than the clean run's, every finding and item complete, the
 * JSON), and must leave exactly as many live heap blocks as before it (no leak). A call should
 * then return WRP_OK or WRP_ERR_NOMEM; where one reports another status (an allocation failure
 * taken for bad input), the runs are counted and printed, not failed: see the summary lines.
 *
 * The executable defines malloc, calloc, realloc, free and the aligned allocators on top of glibc's
 * __libc_* entry points. Being defined in the executable (with default visibility), they interpose
 * for the static library and for the shared libraries it uses: OpenSSL, libcbor and cJSON all
 * allocate through plain malloc by default, and so does glibc itself (strdup, stdio).
 *
 * The counters count live blocks (+1 per successful allocation, -1 per free of a non-NULL pointer)
 * and allocation attempts. Armed with N, the Nth attempt after arming fails (NULL, errno ENOMEM),
 * and only that one. realloc(NULL, n) is a malloc; realloc(p, 0) with p non-NULL frees p and
 * returns NULL (glibc's behaviour), so it is a free and never fails; a failed realloc(p, n) leaves
 * p live.
 *
 * AddressSanitizer (make sanitize) replaces the allocator itself: under it nothing is interposed
 * and the test skips. Valgrind does the same at run time; `make valgrind` sets
 * WRP_NO_ALLOC_INJECTION, and the test skips when that is set.
 *
 * OpenSSL keeps some process-wide state allocated on first use (provider and algorithm caches, the
 * thread's error queue): the unarmed warm-up run comes first so that this state exists before the
 * baseline is taken. A failure can also make OpenSSL take a first-use path the warm-up never took
 * (and keep what it allocated there); a judgement may therefore re-baseline once, when the live
 * count after a run is above the baseline and a following unarmed run leaves it unchanged. The
 * test prints when it does so; a second shift is a failure.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/crypto.h>

#include "wrpcheck.h"
#include "testutil.h"

#if defined(__SANITIZE_ADDRESS__)
#define WRP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WRP_ASAN 1
#endif
#endif

#define T_DEMO 1798761600

/* Unused where the allocator cannot be interposed (AddressSanitizer builds skip the test). */
#define MAYBE_UNUSED __attribute__((unused))

static MAYBE_UNUSED long g_live;            /* live blocks */
static MAYBE_UNUSED unsigned long g_allocs; /* allocation attempts since the last reset */
static MAYBE_UNUSED unsigned long g_fail_at; /* 0: disarmed; else the attempt that fails */

#ifndef WRP_ASAN
#define WRP_EXPORT __attribute__((visibility("default")))

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);

/* One allocation attempt: 1 when it is the one to fail. */
static int attempt_fails(void)
{
    g_allocs++;
    if (g_fail_at != 0 && g_allocs == g_fail_at) {
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

static void *counted(void *p)
{
    if (p != NULL)
        g_live++;
    return p;
}

WRP_EXPORT void *malloc(size_t n)
{
    if (attempt_fails())
        return NULL;
    return counted(__libc_malloc(n));
}

WRP_EXPORT void *calloc(size_t n, size_t size)
{
    if (attempt_fails())
        return NULL;
    return counted(__libc_calloc(n, size));
}

WRP_EXPORT void *realloc(void *p, size_t n)
{
    if (p == NULL)
        return malloc(n);
    if (n == 0) {
        __libc_free(p);
        g_live--;
        return NULL;
    }
    if (attempt_fails())
        return NULL;
    return __libc_realloc(p, n);
}

WRP_EXPORT void *reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, n * size);
}

WRP_EXPORT void free(void *p)
{
    if (p == NULL)
        return;
    g_live--;
    __libc_free(p);
}

WRP_EXPORT void *memalign(size_t align, size_t n)
{
    if (attempt_fails())
        return NULL;
    return counted(__libc_memalign(align, n));
}

WRP_EXPORT void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

WRP_EXPORT int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)) != 0)
        return EINVAL;
    void *p = memalign(align, n);
    if (p == NULL)
        return ENOMEM;
    *out = p;
    return 0;
}
#endif

/* ---------------------------------------------------------------------------------------------- */

typedef struct blob {
    uint8_t *data;
    size_t len;
} blob;

typedef wrp_status (*add_fn)(wrp_config *, const uint8_t *, size_t);

typedef struct cfg_input {
    add_fn add;
    const char *path;
    blob b;
} cfg_input;

#define MAX_INPUTS 8

/* One judgement: its configuration and what it judges. */
typedef struct judgement {
    const char *name;
    cfg_input inputs[MAX_INPUTS];
    enum { J_AUDIT, J_REGISTRATION } kind;
    const char *client_id;  /* audit: wrp_request_set_client_id (NULL: none) */
    const char *subject;    /* the request, or the registration certificate */
    const char *transcript; /* audit: wrp_request_set_transcript (NULL: none) */
    const char *ac_chain;   /* registration: the access certificate chain */
    blob subject_b, transcript_b, ac_chain_b;
} judgement;

static unsigned long g_n; /* the failure point of the current run, for messages */

/* Disarms first: cmocka's report, and the tests after this one, allocate normally. */
#define FAIL(...)                 \
    do {                          \
        g_fail_at = 0;            \
        fail_msg(__VA_ARGS__);    \
    } while (0)

static void load(const char *path, blob *b)
{
    b->data = tu_read_file(path, &b->len);
    if (b->data == NULL)
        FAIL("cannot read %s", path);
}

static MAYBE_UNUSED void load_all(judgement *j)
{
    for (size_t i = 0; i < MAX_INPUTS && j->inputs[i].add != NULL; i++)
        load(j->inputs[i].path, &j->inputs[i].b);
    load(j->subject, &j->subject_b);
    if (j->transcript != NULL)
        load(j->transcript, &j->transcript_b);
    if (j->ac_chain != NULL)
        load(j->ac_chain, &j->ac_chain_b);
}

static MAYBE_UNUSED void free_all(judgement *j)
{
    for (size_t i = 0; i < MAX_INPUTS && j->inputs[i].add != NULL; i++)
        free(j->inputs[i].b.data);
    free(j->subject_b.data);
    free(j->transcript_b.data);
    free(j->ac_chain_b.data);
}

/* Calls that ran out of memory but said otherwise (known, listed in the summary). */
static unsigned long g_misreported, g_first_misreported;

/* 1 when the call ran, 0 when it did not. WRP_ERR_NOMEM is the expected failure; another status
 * is counted and printed (a failed allocation reported as bad input), not a test failure. */
static int ran(wrp_status st, const char *what)
{
    if (st == WRP_OK)
        return 1;
    if (st != WRP_ERR_NOMEM) {
        if (g_misreported++ == 0)
            g_first_misreported = g_n;
        if (g_misreported <= 5) {
            unsigned long armed = g_fail_at;
            g_fail_at = 0;
            print_message("allocation %lu failing: %s returned %s\n", g_n, what, wrp_status_str(st));
            g_fail_at = armed;
        }
    }
    return 0;
}

/* Reads everything a result offers; fails on an inconsistent result. */
static void read_result(const wrp_result *r)
{
    wrp_verdict v = wrp_result_verdict(r);
    if (v != WRP_VERDICT_ALLOW && v != WRP_VERDICT_WARN && v != WRP_VERDICT_DENY &&
        v != WRP_VERDICT_ERROR)
        FAIL("allocation %lu failing: verdict %d", g_n, (int)v);
    (void)wrp_result_request_kind(r);
    for (size_t i = 0; i < wrp_result_finding_count(r); i++) {
        if (wrp_result_finding_code(r, i) == 0 || wrp_result_finding_message(r, i) == NULL)
            FAIL("allocation %lu failing: finding %zu incomplete", g_n, i);
        (void)wrp_result_finding_severity(r, i);
        (void)wrp_result_finding_credential_id(r, i);
        (void)wrp_result_finding_type(r, i);
        (void)wrp_result_finding_path(r, i);
        (void)wrp_result_finding_source(r, i);
    }
    for (size_t i = 0; i < wrp_result_requested_count(r); i++) {
        if (wrp_result_requested_path(r, i) == NULL)
            FAIL("allocation %lu failing: requested item %zu without a path", g_n, i);
        (void)wrp_result_requested_credential_id(r, i);
        (void)wrp_result_requested_format(r, i);
        (void)wrp_result_requested_type(r, i);
        (void)wrp_result_requested_registered(r, i);
    }
    (void)wrp_result_rp_name(r);
    (void)wrp_result_rp_identifier(r);
    (void)wrp_result_rp_verified(r);
    (void)wrp_result_rp_country(r);
    (void)wrp_result_rp_intended_use(r);
    (void)wrp_result_rp_privacy_policy(r);
    (void)wrp_result_rp_registry_uri(r);
    (void)wrp_result_rp_info_uri(r);
    (void)wrp_result_rp_support_uri(r);
    for (size_t i = 0; i < wrp_result_rp_purpose_count(r); i++) {
        (void)wrp_result_rp_purpose_lang(r, i);
        (void)wrp_result_rp_purpose_text(r, i);
    }
    if (wrp_result_json(r) == NULL)
        FAIL("allocation %lu failing: wrp_result_json gave NULL", g_n);
}

/* The whole judgement once; the verdict, or -1 when no result was made. */
static int run_once(const judgement *j)
{
    int verdict = -1;
    wrp_config *cfg = wrp_config_new();
    wrp_verifier *v = NULL;
    wrp_request *rq = NULL;
    wrp_result *r = NULL;
    if (cfg == NULL)
        goto out;
    wrp_config_set_time(cfg, T_DEMO);
    for (size_t i = 0; i < MAX_INPUTS && j->inputs[i].add != NULL; i++)
        if (!ran(j->inputs[i].add(cfg, j->inputs[i].b.data, j->inputs[i].b.len), j->inputs[i].path))
            goto out;
    if (!ran(wrp_verifier_new(cfg, &v), "wrp_verifier_new"))
        goto out;
    wrp_config_free(cfg);
    cfg = NULL;
    if (j->kind == J_AUDIT) {
        rq = wrp_request_new();
        if (rq == NULL)
            goto out;
        if (j->client_id != NULL && !ran(wrp_request_set_client_id(rq, j->client_id), "wrp_request_set_client_id"))
            goto out;
        if (j->transcript != NULL &&
            !ran(wrp_request_set_transcript(rq, j->transcript_b.data, j->transcript_b.len),
                 "wrp_request_set_transcript"))
            goto out;
        if (!ran(wrp_audit(v, rq, j->subject_b.data, j->subject_b.len, &r), "wrp_audit"))
            goto out;
    } else {
        if (!ran(wrp_check_registration(v, j->subject_b.data, j->subject_b.len, j->ac_chain_b.data,
                                        j->ac_chain_b.len, 1, &r),
                 "wrp_check_registration"))
            goto out;
    }
    if (r == NULL)
        FAIL("allocation %lu failing: WRP_OK without a result", g_n);
    read_result(r);
    verdict = (int)wrp_result_verdict(r);
out:
    wrp_result_free(r);
    wrp_request_free(rq);
    wrp_verifier_free(v);
    wrp_config_free(cfg);
    /* The thread's OpenSSL state (error queue and its message buffers, per-thread DRBGs) is
     * allocated on use and kept; released here, it is made afresh, and counted, by every run. */
    OPENSSL_thread_stop();
    return verdict;
}

static void inject(judgement *j)
{
#ifdef WRP_ASAN
    (void)j;
    (void)run_once;
    print_message("skipped: built with AddressSanitizer, whose allocator cannot be interposed\n");
    skip();
#else
    if (getenv("WRP_NO_ALLOC_INJECTION") != NULL) {
        print_message("skipped: WRP_NO_ALLOC_INJECTION is set (valgrind replaces the allocator)\n");
        skip();
    }
    load_all(j);

    /* Warm-up: OpenSSL's process-wide state; then the count A of one clean run. */
    g_n = 0;
    int want = run_once(j);
    assert_true(want >= 0);
    long l0 = g_live;
    g_allocs = 0;
    assert_int_equal(run_once(j), want);
    unsigned long a = g_allocs;
    assert_int_equal(g_live, l0);

    unsigned long tested = 0, nomem = 0, changed = 0;
    g_misreported = 0;
    int rebaselined = 0;
    for (unsigned long n = 1; n <= a; n += n < 3000 ? 1 : 7) {
        g_n = n;
        g_allocs = 0;
        g_fail_at = n;
        int got = run_once(j);
        g_fail_at = 0;
        tested++;
        if (got < 0)
            nomem++;
        else if (got != want)
            changed++;
        if (got >= 0 && got < want)
            FAIL("%s: allocation %lu failing: verdict %s, more lenient than %s", j->name, n,
                     wrp_verdict_str((wrp_verdict)got), wrp_verdict_str((wrp_verdict)want));
        if (g_live != l0) {
            long after = g_live;
            g_n = 0;
            (void)run_once(j);
            if (rebaselined || after < l0 || g_live != after)
                FAIL("%s: allocation %lu failing leaves %ld live blocks (baseline %ld; %ld "
                         "after a clean run)", j->name, n, after, l0, g_live);
            print_message("%s: allocation %lu failing: %+ld blocks kept by a first use; re-baselined\n",
                          j->name, n, after - l0);
            l0 = after;
            rebaselined = 1;
        }
    }
    print_message("%s: %lu allocations; %lu failure points tested: %lu without a result, %lu "
                  "another verdict (never more lenient), %lu verdict %s; %lu runs where a call "
                  "reported another status than WRP_ERR_NOMEM (first at allocation %lu)\n",
                  j->name, a, tested, nomem, changed, tested - nomem - changed,
                  wrp_verdict_str((wrp_verdict)want), g_misreported, g_first_misreported);
    free_all(j);
#endif
}

#define DEMO_INPUTS                                                                     \
    {wrp_config_add_ac_anchors, "testvectors/pki/ac-int.pem", {0}},                     \
    {wrp_config_add_crl, "testvectors/crl/current.pem", {0}},                          \
    {wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem", {0}},                \
    {wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt", {0}},                  \
    {wrp_config_add_register, "testvectors/register/valid.jwt", {0}},                  \
    {wrp_config_add_register_anchors, "testvectors/register/pki/reg-root.pem", {0}}

static void openid4vp_audit(void **state)
{
    (void)state;
    static judgement j = {
        .name = "openid4vp audit",
        .inputs = {DEMO_INPUTS},
        .kind = J_AUDIT,
        .client_id = "x509_san_dns:rp.example.com",
        .subject = "testvectors/o4vp/valid-san-dns.jwt",
    };
    inject(&j);
}

static void mdoc_audit(void **state)
{
    (void)state;
    static judgement j = {
        .name = "mdoc audit",
        .inputs = {{wrp_config_add_ac_anchors, "testvectors/pki/ac-root.pem", {0}},
                   {wrp_config_add_rc_anchors, "testvectors/pki/rc-root.pem", {0}}},
        .kind = J_AUDIT,
        .subject = "testvectors/mdoc/valid-1.0.cbor",
        .transcript = "testvectors/mdoc/transcript.cbor",
    };
    inject(&j);
}

static void registration_check(void **state)
{
    (void)state;
    static judgement j = {
        .name = "registration check",
        .inputs = {{wrp_config_add_ac_anchors, "testvectors/rc/pki/ac-root.pem", {0}},
                   {wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem", {0}},
                   {wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt", {0}}},
        .kind = J_REGISTRATION,
        .subject = "testvectors/rc/valid.cwt",
        .ac_chain = "testvectors/rc/pki/ac-leaf.pem",
    };
    inject(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(openid4vp_audit),
        cmocka_unit_test(mdoc_audit),
        cmocka_unit_test(registration_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
