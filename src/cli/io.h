/* What the commands share: reading an input file, writing text that came from an input (as JSON,
 * or for a human reader), the result of an input that cannot be used, and growing an array. */
#ifndef WRP_CLI_IO_H
#define WRP_CLI_IO_H

#include <stddef.h>
#include <stdio.h>

#include "wrpcheck.h"

/* Reads a whole file ("-" = stdin) of at most max bytes; NULL when it cannot. */
unsigned char *cli_read_all(const char *path, size_t *len, size_t max);

/* Writes s as a JSON string (bytes outside well-formed UTF-8 as '?'). */
void cli_json_string(FILE *out, const char *s);

/* Writes s for a human reader, padded to width columns: C0 controls, DEL and bytes outside
 * well-formed UTF-8 as \xNN, the other controls, line and paragraph separators and format
 * characters (C1, U+2028, U+2029, bidirectional controls, U+FEFF, ...) as \uNNNN or \UNNNNNNNN. */
void cli_text(FILE *out, const char *s, int width);

/* Writes the members of the result object for input that cannot be used (verdict error, the
 * finding INPUT_UNREADABLE with msg), without the braces; kind WRP_KIND_AUTO is a null
 * request_kind. */
void cli_unreadable_members(FILE *out, wrp_request_kind kind, const char *msg);

/* Writes the log record (wrp_result_log_json's shape, braces included) of a request that could not
 * be judged because an input cannot be used; msg says why. */
void cli_unreadable_log(FILE *out, const char *msg);

/* Room for element n of the array v of *cap elements of size bytes each: v itself while n < *cap,
 * else v grown to twice *cap (to first when empty), *cap updated. NULL when out of memory (v is
 * then unchanged and still the caller's). */
void *cli_grow(void *v, size_t n, size_t *cap, size_t size, size_t first);

#endif
