/* Shared pieces of the command line tool. */
#ifndef WRP_CLI_BATCH_H
#define WRP_CLI_BATCH_H

#include <stddef.h>
#include <stdio.h>

#include "cli/report.h"
#include "wrpcheck.h"

#define CLI_MAX_FILE (4u * 1024u * 1024u)

/* Reads a whole file ("-" = stdin) of at most max bytes; NULL when it cannot. */
unsigned char *cli_read_all(const char *path, size_t *len, size_t max);

/* Writes s as a JSON string (bytes outside well-formed UTF-8 as '?'). */
void cli_json_string(FILE *out, const char *s);

/* Writes the members of the result object for input that cannot be used (verdict error, the
 * finding INPUT_UNREADABLE with msg), without the braces; kind WRP_KIND_AUTO is a null
 * request_kind. */
void cli_unreadable_members(FILE *out, wrp_request_kind kind, const char *msg);

/* Writes the log record (wrp_result_log_json's shape, braces included) of a request that could not
 * be judged because an input cannot be used; msg says why. */
void cli_unreadable_log(FILE *out, const char *msg);

/* Writes s for a human reader, padded to width columns: C0 controls, DEL and bytes outside
 * well-formed UTF-8 as \xNN, the other controls, line and paragraph separators and format
 * characters (C1, U+2028, U+2029, bidirectional controls, U+FEFF, ...) as \uNNNN or \UNNNNNNNN. */
void cli_text(FILE *out, const char *s, int width);

typedef struct cli_batch_opts {
    const char *path; /* JSON Lines file, or a folder of requests (walked down its subfolders) */
    const char *client_id, *origin, *transcript, *rc; /* defaults for every request */
    wrp_request_kind kind;
    cli_format format;
    const char *const *policies; /* disclosure policy files, for every request */
    size_t n_policies;
    const cli_facts *facts; /* for the HTML page */
} cli_batch_opts;

/* Judges every request of the batch; returns the exit status (2 when any request had the verdict
 * error or the output could not be written in full, else 1 when any was denied, else 3 when any
 * was warned about, else 0), or -1 when the batch itself cannot be read or walked (why says
 * why). */
int cli_batch(const wrp_verifier *v, const cli_batch_opts *o, char *why, size_t why_size);

#endif
