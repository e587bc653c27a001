/*
 * The library's own allocations. Each is the C library's, and notes a failure for the thread
 * (util/err.h, wrp_oom_note): whatever a caller then makes of the NULL, the public entry point
 * around it ends with WRP_ERR_NOMEM, so that an allocation failure is never reported as a property
 * of the input (a missing claim, a status that cannot be read, a type that is not registered).
 */
#ifndef WRP_MEM_H
#define WRP_MEM_H

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

static inline void *wrp_noted_alloc(void *p)
{
    if (p == NULL)
        wrp_oom_note();
    return p;
}

static inline void *wrp_malloc(size_t n)
{
    return wrp_noted_alloc(malloc(n != 0 ? n : 1));
}

static inline void *wrp_calloc(size_t n, size_t size)
{
    return wrp_noted_alloc(calloc(n != 0 ? n : 1, size != 0 ? size : 1));
}

/* As realloc, for n > 0. */
static inline void *wrp_realloc(void *p, size_t n)
{
    return wrp_noted_alloc(realloc(p, n != 0 ? n : 1));
}

static inline char *wrp_strdup(const char *s)
{
    return wrp_noted_alloc(strdup(s));
}

#endif
