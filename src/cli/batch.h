/* `wrpcheck audit --batch` (SPEC.md 1a). */
#ifndef WRP_CLI_BATCH_H
#define WRP_CLI_BATCH_H

#include <stddef.h>

#include "report.h"
#include "wrpcheck.h"

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
