/* The resource oracle of the fuzz targets (fuzz/README.md): what one stretch of code allocated,
 * counted by the sanitizer allocator's hooks, so that an input making the library do more than
 * a bound proportional to its size is a crash report, not a slow run. */
#ifndef WRP_FUZZ_RESOURCE_H
#define WRP_FUZZ_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct fuzz_res {
    bool counted;  /* false without AddressSanitizer's allocator: nothing was counted */
    size_t allocs; /* allocations made */
    size_t bytes;  /* bytes allocated in all */
    size_t peak;   /* the most bytes live at once, over those live at the start */
} fuzz_res;

/* Starts counting (not nested). While counting, an allocation that takes the count beyond
 * max_allocs or the live bytes beyond max_peak (0: no bound) fails the input at once with `what`,
 * so that a judgement that would allocate without end is stopped where it crosses the bound, not
 * left to the timeout. */
void fuzz_res_begin(size_t max_allocs, size_t max_peak, const char *what);
/* Stops counting and returns the counts. */
fuzz_res fuzz_res_end(void);

#endif
