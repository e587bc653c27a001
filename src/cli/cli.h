/* The command line's options, its text report and the inputs a report names. */
#ifndef WRP_CLI_H
#define WRP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"
#include "wrpcheck.h"

#define CLI_EXIT_USAGE 64
#define CLI_MAX_REPEAT 64

typedef enum cli_command { CLI_AUDIT = 1, CLI_RC = 2 } cli_command;

/* --format (cli_format, cli/report.h): the values are cli_format_names, in the enum's order (the
 * one table that parsing, the help and the messages read); rc takes a prefix of them. */
extern const char *const cli_format_names[];

typedef struct cli_files {
    const char *v[CLI_MAX_REPEAT];
    size_t n;
} cli_files;

typedef struct cli_opts {
    cli_files ac_anchors, rc_anchors, lists, crls, tx_types, registers, register_anchors, lotes, lote_signers;
    cli_files policies;
    const char *rc, *transcript, *client_id, *origin, *ac_chain, *input, *batch, *lang;
    int revocation, for_request, warn;
    cli_format format;
    wrp_request_kind kind;
    int64_t time;
} cli_opts;

/* Reads the options of `wrpcheck audit` or `wrpcheck rc` (argv without the command) into o: 0,
 * or 1 when the help was printed (-h, --help), or -1 after a usage error, its message on stderr
 * naming the option and what it allows. Options take their value as the next argument or after
 * `=` (--format=json). */
int cli_parse_args(int argc, char **argv, cli_command cmd, cli_opts *o);

/* The help of a command (0: wrpcheck itself), built from the option table. */
void cli_help(FILE *out, int cmd);

/* The top-level word that is no command: a message naming the closest command, or saying that
 * an option needs a command before it. */
void cli_unknown_command(const char *word);

/* An input file the text report names, with the SHA-256 of the bytes that were read and judged. */
typedef struct cli_digest {
    const char *option; /* "--ac-anchors", ...; NULL for the command's FILE or REQUEST */
    const char *path;
    char sha256[WRP_SHA256_HEX_BUF];
} cli_digest;

typedef struct cli_digests {
    cli_digest *v;
    size_t n, cap;
} cli_digests;

/* Appends path with the SHA-256 of data; WRP_ERR_NOMEM when it cannot. */
wrp_status cli_digests_add(cli_digests *ds, const char *option, const char *path, const uint8_t *data,
                           size_t len);
void cli_digests_free(cli_digests *ds);

/* The text report of a judgement (SPEC.md 1a): who asks, why, what is asked against what is
 * registered and the alternatives the request offers, the findings, then what the report was made
 * from (the time, the tool, the input files) and, last, the verdict. */
void cli_print_text(FILE *out, const wrp_result *r, const cli_opts *o, const cli_digests *ds);

#endif
