#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

wrp_status wrp_fail(wrp_err *e, wrp_status st, const char *fmt, ...)
{
    if (e != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}
