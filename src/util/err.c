#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

#include <openssl/err.h>

#include "util/utf8.h"

wrp_status wrp_fail(wrp_err *e, wrp_status st, const char *fmt, ...)
{
    if (st == WRP_ERR_NOMEM)
        wrp_oom_note();
    if (e != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
        /* a reason quotes the input and may be cut inside a character: always UTF-8 text */
        wrp_utf8_scrub(e->msg);
    }
    return st;
}

static _Thread_local int oom_noted;
static _Thread_local unsigned oom_depth;

void wrp_oom_note(void)
{
    oom_noted = 1;
}

wrp_status wrp_nomem(void)
{
    oom_noted = 1;
    return WRP_ERR_NOMEM;
}

void wrp_ossl_clear(void)
{
    for (unsigned long e; (e = ERR_get_error()) != 0;)
        if (ERR_GET_REASON(e) == ERR_GET_REASON(ERR_R_MALLOC_FAILURE))
            oom_noted = 1;
}

void wrp_oom_begin(void)
{
    if (oom_depth++ == 0) {
        wrp_ossl_clear();
        oom_noted = 0;
    }
}

int wrp_oom_end(void)
{
    wrp_ossl_clear();
    int noted = oom_noted;
    if (oom_depth > 0 && --oom_depth == 0)
        oom_noted = 0;
    return noted;
}
