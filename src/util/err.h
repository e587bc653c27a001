/* A caller-provided buffer for a human-readable reason; every function accepts NULL. */
#ifndef WRP_ERR_H
#define WRP_ERR_H

#include "wrpcheck.h"

typedef struct wrp_err {
    char msg[256];
} wrp_err;

/* Sets the message (printf-style) when e is non-NULL; returns st so that callers can write
 * `return wrp_fail(err, WRP_ERR_MALFORMED, "...")`. The message is always well-formed UTF-8: cut
 * at 255 bytes, a character the cut splits (or any malformed byte it quotes) becomes '?'. */
wrp_status wrp_fail(wrp_err *e, wrp_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Allocation failures that the code seeing them cannot hand up as WRP_ERR_NOMEM (inside OpenSSL,
 * whose failing calls look like bad input; or where a status becomes a finding) are noted for the
 * thread. Every public entry point that judges or loads input brackets its work with
 * wrp_oom_begin() / wrp_oom_end() and returns WRP_ERR_NOMEM, and no result, when the end says one
 * was noted: an allocation failure is never reported as a property of the input.
 */
void wrp_oom_note(void);
/* Notes an allocation failure and returns WRP_ERR_NOMEM: `return wrp_nomem();`. */
wrp_status wrp_nomem(void);
/* Starts a bracket: empties the thread's OpenSSL error queue (what an earlier, unrelated call left
 * there is not this call's) and forgets earlier notes. Brackets nest; only the outermost counts. */
void wrp_oom_begin(void);
/* Ends a bracket: 1 when an allocation failure was noted within it (the OpenSSL error queue is
 * read first, and emptied). */
int wrp_oom_end(void);
/* Empties the thread's OpenSSL error queue, noting an allocation failure found in it. Use instead
 * of wrp_ossl_clear(). */
void wrp_ossl_clear(void);

#endif
