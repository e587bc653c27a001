/* The allocation counts of fuzz/resource.h: hooks of the sanitizer allocator (compiler-rt and
 * GCC's libsanitizer both call them on every malloc and free). Without AddressSanitizer the
 * counts stay empty and `counted` is false. Single-threaded, like the targets. */
#include "resource.h"

#include <stdint.h>

#include "fuzz.h"

#if defined(__SANITIZE_ADDRESS__)
#define WRP_RES_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WRP_RES_ASAN 1
#endif
#endif

#ifdef WRP_RES_ASAN
/* The sanitizer allocator's interface (compiler-rt's sanitizer/allocator_interface.h, which GCC
 * does not install), declared here so that both compilers build it. */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));
size_t __sanitizer_get_allocated_size(const volatile void *p);

static bool on, installed;
static fuzz_res now;
static long long live;
static size_t limit_allocs, limit_peak;
static const char *limit_what;

static void on_malloc(const volatile void *ptr, size_t size)
{
    (void)ptr;
    if (!on)
        return;
    now.allocs++;
    now.bytes += size;
    live += (long long)size;
    if (live > 0 && (size_t)live > now.peak)
        now.peak = (size_t)live;
    if ((limit_allocs > 0 && now.allocs > limit_allocs) || (limit_peak > 0 && now.peak > limit_peak)) {
        on = false; /* fuzz_fail prints, which may allocate */
        fuzz_fail(__FILE__, __LINE__, limit_what);
    }
}

static void on_free(const volatile void *ptr)
{
    if (on && ptr != NULL)
        live -= (long long)__sanitizer_get_allocated_size(ptr);
}

void fuzz_res_begin(size_t max_allocs, size_t max_peak, const char *what)
{
    limit_allocs = max_allocs;
    limit_peak = max_peak;
    limit_what = what;
    if (!installed) {
        __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
        installed = true;
    }
    now = (fuzz_res){.counted = true};
    live = 0;
    on = true;
}

fuzz_res fuzz_res_end(void)
{
    on = false;
    return now;
}
#else
void fuzz_res_begin(size_t max_allocs, size_t max_peak, const char *what)
{
    (void)max_allocs;
    (void)max_peak;
    (void)what;
}

fuzz_res fuzz_res_end(void)
{
    return (fuzz_res){.counted = false};
}
#endif
