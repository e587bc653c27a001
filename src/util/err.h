/* A caller-provided buffer for a human-readable reason; every function accepts NULL. */
#ifndef WRP_ERR_H
#define WRP_ERR_H

#include "wrpcheck.h"

typedef struct wrp_err {
    char msg[256];
} wrp_err;

/* Sets the message (printf-style) when e is non-NULL; returns st so that callers can write
 * `return wrp_fail(err, WRP_ERR_MALFORMED, "...")`. */
wrp_status wrp_fail(wrp_err *e, wrp_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
