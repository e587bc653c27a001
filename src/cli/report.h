/* The reports of `wrpcheck audit` for people and spreadsheets: the HTML page of one judgement, the
 * HTML page and the CSV table of a batch. Everything they show of a result comes through the
 * public header. */
#ifndef WRP_CLI_REPORT_H
#define WRP_CLI_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "wrpcheck.h"

/* --format: text and json for every command; html and log (the TS10 record) for audit; csv for
 * audit --batch. */
typedef enum cli_format {
    CLI_FORMAT_TEXT = 0,
    CLI_FORMAT_JSON = 1,
    CLI_FORMAT_HTML = 2,
    CLI_FORMAT_CSV = 3,
    CLI_FORMAT_LOG = 4
} cli_format;

/* A file named on the command line (option the option that named it, "request" for the request),
 * listed with its SHA-256 so that the report can be reproduced from the same bytes. */
typedef struct cli_input {
    const char *option;
    const char *path;
} cli_input;

/* What a report states besides the result: the verification time (Unix seconds), the overasking
 * mode, and the files of the command line. */
typedef struct cli_facts {
    int64_t time;
    int warn_mode;
    const cli_input *inputs;
    size_t n_inputs;
} cli_facts;

/* The page of one judgement: r, or, when r is NULL, an input that could not be used (verdict
 * error, INPUT_UNREADABLE with msg; kind as far as known). req / req_len are the request's bytes
 * as judged (NULL when they could not be read): their SHA-256 stands for the request's file, which
 * may have been standard input. The page is written whole or not at all: 0, or -1 (out of memory,
 * or a file that was read for the judgement cannot be read again). */
int cli_html_report(FILE *out, const wrp_result *r, wrp_request_kind kind, const char *msg,
                    const uint8_t *req, size_t req_len, const cli_facts *f);

/* One line of a batch: a request judged (verdict, codes, ...), one that could not be used (error
 * set: verdict error, INPUT_UNREADABLE), or a file of a folder that is not a request (skipped set:
 * what it looks like; nothing else applies). */
typedef struct cli_row {
    const char *file;
    const char *skipped;
    const char *error;
    wrp_verdict verdict;
    const char *rp_name, *rp_identifier; /* the verified relying party; NULL when none */
    const char *intermediary;            /* its name, for an intermediated request */
    const char *ac_subject;              /* the access certificate's subject, verified or not */
    int ac_verified;
    const wrp_code *codes;
    size_t n_codes;
    const char *sha256; /* hex; NULL when the file could not be read */
} cli_row;

typedef struct cli_totals {
    size_t requests, skipped;
    size_t verdicts[4]; /* by wrp_verdict */
    size_t codes[256];  /* by wrp_code */
} cli_totals;

/* The batch page: rows are collected, then the page (verdicts first) is written at the end. folder:
 * the batch's folder (its path is left out of the files' paths shown), or NULL. */
typedef struct cli_html_batch cli_html_batch;
cli_html_batch *cli_html_batch_new(const char *folder);
void cli_html_batch_row(cli_html_batch *b, const cli_row *row);
/* Writes the page whole (0) or nothing (-1: out of memory) and frees b. */
int cli_html_batch_end(cli_html_batch *b, FILE *out, const char *batch, int folder, const cli_totals *t,
                       const cli_facts *f);

/* CSV (RFC 4180): a header, one record per row, then the totals (SPEC.md 1a). -1: out of memory
 * (the record may be cut short). */
void cli_csv_header(FILE *out);
int cli_csv_row(FILE *out, const cli_row *row);
int cli_csv_totals(FILE *out, const cli_totals *t);

#endif
