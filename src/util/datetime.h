/* Dates and times as registers and trusted lists write them (RFC 3339), read into Unix seconds. */
#ifndef WRP_DATETIME_H
#define WRP_DATETIME_H

#include <stdbool.h>
#include <stdint.h>

typedef enum wrp_datetime_form {
    WRP_DT_DATE_TIME = 1,      /* RFC 3339 date-time only */
    WRP_DT_DATE_OR_TIME = 2    /* also a full-date YYYY-MM-DD, meaning 00:00:00 UTC of that day */
} wrp_datetime_form;

/*
 * Parses s (NUL-terminated) into Unix seconds. A date-time is
 * YYYY-MM-DD('T'|'t')hh:mm:ss[.fraction]('Z'|'z'|(+|-)hh:mm) with every field in range (the day
 * within its month, leap years included; second 60 is accepted as RFC 3339 allows). A fraction
 * rounds up to the next whole second, so that "at or before t" compares exactly against an integer
 * t. Nothing else is accepted: no space separator, no missing seconds or offset, no surrounding
 * whitespace. Years 0000-9999.
 */
bool wrp_datetime_parse(const char *s, wrp_datetime_form form, int64_t *out);

#endif
