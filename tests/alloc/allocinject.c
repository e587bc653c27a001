/* Allocation-failure injection: the interposed allocator and the sweep (see allocinject.h). */
#include "allocinject.h"

#include <errno.h>
#include <execinfo.h>
#include <malloc.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#if defined(__SANITIZE_ADDRESS__)
#define AI_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AI_ASAN 1
#endif
#endif

long ai_live;
size_t ai_bytes_live;
size_t ai_bytes_peak;
unsigned long ai_allocs;
unsigned long ai_fail_at;

#ifndef AI_ASAN
#define AI_EXPORT __attribute__((visibility("default")))

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);

/* WRP_ALLOC_TRACE=FILE: the call stack of every failed allocation (of allocation N only, with
 * WRP_ALLOC_TRACE_AT=N) is appended to FILE (symbols by address; `addr2line -e` turns them into
 * lines). For looking at one failure point. */
static void trace(void)
{
    static int fd = -2;
    static unsigned long only;
    if (fd == -2) {
        const char *path = getenv("WRP_ALLOC_TRACE"), *at = getenv("WRP_ALLOC_TRACE_AT");
        fd = path != NULL ? open(path, O_WRONLY | O_CREAT | O_APPEND, 0600) : -1;
        only = at != NULL ? strtoul(at, NULL, 10) : 0;
    }
    if (fd < 0 || (only != 0 && ai_fail_at != only))
        return;
    void *frames[48];
    int n = backtrace(frames, 48);
    backtrace_symbols_fd(frames, n, fd);
    (void)!write(fd, "--\n", 3);
}

/* One allocation attempt: 1 when it is the one to fail. */
static int attempt_fails(void)
{
    ai_allocs++;
    if (ai_fail_at != 0 && ai_allocs == ai_fail_at) {
        trace();
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

static void bytes_add(void *p)
{
    ai_bytes_live += malloc_usable_size(p);
    if (ai_bytes_live > ai_bytes_peak)
        ai_bytes_peak = ai_bytes_live;
}

static void *counted(void *p)
{
    if (p != NULL) {
        ai_live++;
        bytes_add(p);
    }
    return p;
}

AI_EXPORT void *malloc(size_t n)
{
    if (attempt_fails())
        return NULL;
    return counted(__libc_malloc(n));
}

AI_EXPORT void *calloc(size_t n, size_t size)
{
    if (attempt_fails())
        return NULL;
    return counted(__libc_calloc(n, size));
}

AI_EXPORT void *realloc(void *p, size_t n)
{
    if (p == NULL)
        return malloc(n);
    if (n == 0) {
        ai_bytes_live -= malloc_usable_size(p);
        __libc_free(p);
        ai_live--;
        return NULL;
    }
    if (attempt_fails())
        return NULL;
    size_t before = malloc_usable_size(p);
    void *q = __libc_realloc(p, n);
    if (q != NULL) {
        ai_bytes_live -= before;
        bytes_add(q);
    }
    return q;
}

AI_EXPORT void *reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, n * size);
}

AI_EXPORT void free(void *p)
{
    if (p == NULL)
        return;
    ai_live--;
    ai_bytes_live -= malloc_usable_size(p);
    __libc_free(p);
}

AI_EXPORT void *memalign(size_t align, size_t n)
{
    if (attempt_fails())
        return NULL;
    return counted(__libc_memalign(align, n));
}

AI_EXPORT void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

AI_EXPORT int posix_memalign(void **out, size_t align, size_t n)
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

int ai_available(const char **why)
{
#ifdef AI_ASAN
    *why = "built with AddressSanitizer, whose allocator cannot be interposed";
    return 0;
#else
    if (getenv("WRP_NO_ALLOC_INJECTION") != NULL) {
        *why = "WRP_NO_ALLOC_INJECTION is set (valgrind replaces the allocator)";
        return 0;
    }
    *why = NULL;
    return 1;
#endif
}

static ai_sweep *g_recording; /* the sweep whose clean run is under way, for ai_mark */

void ai_mark(void)
{
    if (g_recording != NULL)
        g_recording->mark = ai_allocs;
}

/* One run. The thread's OpenSSL state (error queue and its message buffers, per-thread DRBGs) is
 * allocated on use and kept; released after each run, it is made afresh, and counted, by every
 * run. */
static ai_outcome run_one(ai_sweep *s, unsigned long fail_at)
{
    ai_allocs = 0;
    ai_fail_at = fail_at;
    ai_outcome o = s->run(s->ctx);
    ai_fail_at = 0;
    OPENSSL_thread_stop();
    return o;
}

/* The outcome's text is not the subject's: made and released outside the counters. */
char *ai_copy(const void *p, size_t n)
{
#ifdef AI_ASAN
    char *c = malloc(n + 1);
#else
    char *c = __libc_malloc(n + 1);
#endif
    if (c == NULL)
        abort();
    if (n != 0)
        memcpy(c, p, n);
    c[n] = 0;
    return c;
}

static void drop(ai_outcome *o)
{
#ifdef AI_ASAN
    free(o->text);
#else
    __libc_free(o->text);
#endif
    o->text = NULL;
}

ai_outcome ai_run_at(ai_sweep *s, unsigned long n)
{
    ai_outcome warm = run_one(s, 0);
    drop(&warm);
    return run_one(s, n);
}

void ai_outcome_free(ai_outcome *o)
{
    drop(o);
}

static size_t first_difference(const ai_outcome *a, const ai_outcome *b)
{
    size_t i = 0;
    while (i < a->len && i < b->len && a->text[i] == b->text[i])
        i++;
    return i;
}

const char *ai_sweep_run(ai_sweep *s, int *clean)
{
    static char msg[1024];
    s->tested = s->no_result = s->stricter = 0;
    s->mark = 0;

    ai_outcome warm = run_one(s, 0);
    drop(&warm);
    long l0 = ai_live;
    g_recording = s;
    ai_outcome want = run_one(s, 0);
    g_recording = NULL;
    s->allocs = ai_allocs;
    *clean = want.rank;
    if (want.rank < 0 || want.rank != warm.rank) {
        drop(&want);
        snprintf(msg, sizeof msg, "%s: the clean run gave rank %d, the warm-up %d", s->name, want.rank,
                 warm.rank);
        return msg;
    }
    if (ai_live != l0) {
        drop(&want);
        snprintf(msg, sizeof msg, "%s: a clean run leaves %+ld blocks", s->name, ai_live - l0);
        return msg;
    }

    const char *bad = NULL;
    int rebaselined = 0;
    unsigned long step = s->stride > 1 ? s->stride : 1;
    unsigned long first = s->from_mark ? s->mark + 1 : s->first ? s->first : 1;
    unsigned long sparse_step = step;
    if (s->dense_up_to != 0 && s->allocs > s->dense_up_to && s->sparse_points != 0) {
        unsigned long spread = (s->allocs - s->dense_up_to) / s->sparse_points;
        if (spread > sparse_step)
            sparse_step = spread;
    }
    for (unsigned long n = first + s->offset; n <= s->allocs && bad == NULL;
         n += s->dense_up_to != 0 && n > s->dense_up_to ? sparse_step : step) {
        ai_outcome got = run_one(s, n);
        s->tested++;
        if (got.rank < 0) {
            s->no_result++;
        } else if (got.rank < want.rank) {
            snprintf(msg, sizeof msg, "%s: allocation %lu failing: rank %d, more lenient than %d",
                     s->name, n, got.rank, want.rank);
            bad = msg;
        } else if (got.rank > want.rank && s->strict && got.rank < s->text_free_rank) {
            snprintf(msg, sizeof msg, "%s: allocation %lu failing: rank %d, not %d or an error: %.*s",
                     s->name, n, got.rank, want.rank, (int)(got.len < 300 ? got.len : 300), got.text);
            bad = msg;
        } else if (got.rank > want.rank) {
            s->stricter++;
        } else if (got.rank < s->text_free_rank &&
                   (got.len != want.len || memcmp(got.text, want.text, got.len) != 0)) {
            size_t at = first_difference(&got, &want);
            size_t from = at > 40 ? at - 40 : 0;
            snprintf(msg, sizeof msg,
                     "%s: allocation %lu failing: the same rank %d with another output (%zu bytes, "
                     "not %zu); from byte %zu: \"%.*s\" instead of \"%.*s\"",
                     s->name, n, got.rank, got.len, want.len, from,
                     (int)((got.len - from) < 120 ? got.len - from : 120), got.text + from,
                     (int)((want.len - from) < 120 ? want.len - from : 120), want.text + from);
            bad = msg;
        }
        drop(&got);
        if (bad == NULL && ai_live != l0) {
            long after = ai_live;
            ai_outcome again = run_one(s, 0);
            drop(&again);
            if (rebaselined || after < l0 || ai_live != after) {
                snprintf(msg, sizeof msg,
                         "%s: allocation %lu failing leaves %+ld blocks (%+ld after a clean run)",
                         s->name, n, after - l0, ai_live - l0);
                bad = msg;
            } else {
                fprintf(stderr, "%s: allocation %lu failing: %+ld blocks kept by a first use; "
                        "re-baselined\n", s->name, n, after - l0);
                l0 = after;
                rebaselined = 1;
            }
        }
    }
    drop(&want);
    return bad;
}
