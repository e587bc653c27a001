/* Counting allocator. The bench executable defines malloc and its relatives, so every allocation
 * of the process goes through here: the library's (linked statically) and those made inside the
 * shared OpenSSL, libcbor, cJSON and zlib, which a -Wl,--wrap=malloc would not see. Each call is
 * forwarded to glibc's own allocator (__libc_*); sizes are glibc's usable sizes, which is what the
 * heap really holds. Counting is off outside bench_alloc_start/stop so that timed runs pay nothing
 * but one branch. Single-threaded by design, like the benchmark. */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

static bool counting;
static bench_alloc stats;

static void grew(void *p)
{
    if (p == NULL)
        return;
    stats.calls++;
    stats.current += (int64_t)malloc_usable_size(p);
    if (stats.current > stats.peak)
        stats.peak = stats.current;
}

void bench_alloc_start(void)
{
    memset(&stats, 0, sizeof stats);
    counting = true;
}

bench_alloc bench_alloc_stop(void)
{
    counting = false;
    return stats;
}

void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    if (counting)
        grew(p);
    return p;
}

void *calloc(size_t n, size_t size)
{
    void *p = __libc_calloc(n, size);
    if (counting)
        grew(p);
    return p;
}

void *realloc(void *old, size_t n)
{
    if (!counting)
        return __libc_realloc(old, n);
    int64_t before = old != NULL ? (int64_t)malloc_usable_size(old) : 0;
    void *p = __libc_realloc(old, n);
    if (p == NULL && n > 0)
        return NULL; /* old is untouched */
    stats.current -= before;
    grew(p);
    return p;
}

void free(void *p)
{
    if (p != NULL && counting)
        stats.current -= (int64_t)malloc_usable_size(p);
    __libc_free(p);
}

void *memalign(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    if (counting)
        grew(p);
    return p;
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)) != 0)
        return EINVAL;
    void *p = memalign(align, n);
    if (p == NULL)
        return ENOMEM;
    *out = p;
    return 0;
}
