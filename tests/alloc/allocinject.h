/*
 * Allocation-failure injection for the test programs that link tests/alloc/allocinject.c (and only
 * those: the object defines malloc and its kin for the whole executable).
 *
 * The executable's malloc, calloc, realloc, free and aligned allocators sit on top of glibc's
 * __libc_* entry points. Defined in the executable with default visibility, they interpose for the
 * static library and for the shared libraries it uses: OpenSSL, libcbor and cJSON all allocate
 * through plain malloc by default, and so does glibc itself (strdup, stdio).
 *
 * Counters: live blocks (+1 per successful allocation, -1 per free of a non-NULL pointer), their
 * bytes and the peak of those bytes, and allocation attempts since the last reset. Armed with N,
 * the Nth attempt fails (NULL, errno ENOMEM), and only that one. realloc(NULL, n) is a malloc;
 * realloc(p, 0) with p non-NULL frees p and returns NULL (glibc's behaviour), so it is a free and
 * never fails; a failed realloc(p, n) leaves p live.
 *
 * AddressSanitizer replaces the allocator itself: under it nothing is interposed and
 * ai_available() is 0. Valgrind does the same at run time; `make valgrind` sets
 * WRP_NO_ALLOC_INJECTION, which also makes ai_available() 0.
 */
#ifndef WRP_ALLOCINJECT_H
#define WRP_ALLOCINJECT_H

#include <stddef.h>

extern long ai_live;              /* live blocks */
extern size_t ai_bytes_live;      /* bytes of the live blocks (malloc_usable_size) */
extern size_t ai_bytes_peak;      /* the most ai_bytes_live has been since it was last reset */
extern unsigned long ai_allocs;   /* allocation attempts since the last reset */
extern unsigned long ai_fail_at;  /* 0: disarmed; else the attempt that fails */

/* 1 when allocations are interposed; else 0 and *why says why not. */
int ai_available(const char **why);

/* The outcome of one run of a sweep's subject: an ordered rank (higher is stricter: a failed
 * allocation may raise it, never lower it) and, optionally, the bytes it produced (a failed
 * allocation may only change them together with the rank). rank < 0: the run gave no outcome at
 * all (an out-of-memory status), which is always acceptable. */
typedef struct ai_outcome {
    int rank;
    char *text; /* from ai_copy, or NULL; released by the sweep */
    size_t len;
} ai_outcome;

typedef struct ai_sweep ai_sweep;
struct ai_sweep {
    const char *name;
    /* Runs the subject once. Must release everything it allocated before returning, except the
     * outcome's text. */
    ai_outcome (*run)(void *ctx);
    void *ctx;
    /* Failure points tested: every allocation attempt from `first` (1-based; 0 means 1) to the
     * clean run's count, stepping by `stride` (0 or 1: every one) starting at first + offset. */
    unsigned long first, stride, offset;
    /* Nonzero: `first` is the clean run's mark + 1 instead (1 when the run made no mark). */
    int from_mark;
    /* Nonzero: beyond this failure point, the stride grows so that at most `sparse_points` more
     * are run (a run of N allocations costs N runs of up to N allocations each: the few inputs
     * made of hundreds of thousands of items repeat one allocation pattern). */
    unsigned long dense_up_to, sparse_points;
    /* Ranks at or above this one are compared by rank only, not by text (the error verdict, whose
     * message names what failed). INT_MAX when every equal-rank outcome must match exactly. */
    int text_free_rank;
    /* Nonzero: a stricter rank below text_free_rank is a failure too (an allocation failure must
     * end as the clean run did, or with an error; never as another finding about the input). */
    int strict;
    /* Filled in by ai_sweep_run. */
    unsigned long allocs;    /* attempts in a clean run */
    unsigned long tested;    /* failure points run */
    unsigned long no_result; /* of them, rank < 0 */
    unsigned long stricter;  /* of them, a stricter rank than the clean run */
    unsigned long mark;      /* set by the subject through ai_mark(): see there */
};

/* A copy of n bytes (NUL-terminated) for an outcome's text, made outside the counters (never
 * fails: aborts). */
char *ai_copy(const void *p, size_t n);

/* The subject may call this at a point of its run; the sweep records the attempt count there in
 * the clean run (ai_sweep.mark). Used to start later sweeps of the same prefix past it. */
void ai_mark(void);

/* Warm-up run, clean run, then one run per failure point. Returns NULL when every run held (no
 * crash, the same number of live blocks after each run as before, no outcome more lenient than
 * the clean one, an equal outcome byte for byte the same), else a message (static storage) naming
 * the failure point. `clean` receives the clean run's rank. OpenSSL keeps some process-wide state
 * allocated on first use; a failure can make it take a first-use path the warm-up never took and
 * keep what it allocated there: the sweep then re-baselines once when a following clean run leaves
 * the count unchanged (and says so on stderr); a second shift is a failure. */
const char *ai_sweep_run(ai_sweep *s, int *clean);

/* A warm-up run, then one run with allocation n failing (0: none), for looking at one failure
 * point. Release the outcome with ai_outcome_free. */
ai_outcome ai_run_at(ai_sweep *s, unsigned long n);
void ai_outcome_free(ai_outcome *o);

#endif
