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

/* The strict UTC form a tool writes and a command line takes: exactly YYYY-MM-DDThh:mm:ssZ (upper
 * case T and Z, no fraction, no offset, not even +00:00, and no leap second 60, which Unix seconds
 * cannot hold). */
bool wrp_datetime_parse_utc(const char *s, int64_t *out);

/* Room for t written by wrp_datetime_format, or as decimal seconds by wrp_datetime_str. */
#define WRP_DATETIME_BUF 32

/* t as YYYY-MM-DDThh:mm:ssZ into buf; false (buf untouched) outside the years 0000-9999. */
bool wrp_datetime_format(int64_t t, char buf[WRP_DATETIME_BUF]);

/* For a message: t as wrp_datetime_format writes it, else as decimal seconds; returns buf. */
const char *wrp_datetime_str(int64_t t, char buf[WRP_DATETIME_BUF]);

#endif
