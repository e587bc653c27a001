/* `--format csv` of a batch: RFC 4180 (CRLF line ends; a field holding a comma or a double quote
 * quoted, its double quotes doubled), one record per request, per skipped file and per total
 * (SPEC.md 1a). A text from an input is written as the text report writes it (cli_text: controls
 * and invisible characters made visible, so no field holds a line break), and one that a
 * spreadsheet would take for a formula (its first character = + - or @) gets a leading apostrophe. */
#include "report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"

static const char *const columns[] = {"record", "file", "verdict", "relying_party", "relying_party_identifier",
                                      "access_certificate_subject", "finding_codes", "sha256", "count"};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

/* One field; NULL is empty. Returns -1 when out of memory. */
static int field(FILE *out, const char *s, bool last)
{
    if (s != NULL && s[0] != 0) {
        char *vis = NULL;
        size_t n = 0;
        FILE *m = open_memstream(&vis, &n);
        if (m != NULL)
            cli_text(m, s, 0);
        if (m == NULL || fclose(m) != 0 || vis == NULL) {
            free(vis);
            return -1;
        }
        bool quote = strpbrk(vis, ",\"") != NULL;
        if (quote)
            fputc('"', out);
        if (vis[0] != 0 && strchr("=+-@", vis[0]) != NULL)
            fputc('\'', out);
        for (size_t i = 0; i < n; i++) {
            if (vis[i] == '"')
                fputc('"', out);
            fputc(vis[i], out);
        }
        if (quote)
            fputc('"', out);
        free(vis);
    }
    fputs(last ? "\r\n" : ",", out);
    return 0;
}

static int record(FILE *out, const char *const v[N_COLUMNS])
{
    int rc = 0;
    for (size_t i = 0; i < N_COLUMNS; i++)
        rc |= field(out, v[i], i + 1 == N_COLUMNS);
    return rc;
}

void cli_csv_header(FILE *out)
{
    for (size_t i = 0; i < N_COLUMNS; i++)
        fprintf(out, "%s%s", columns[i], i + 1 == N_COLUMNS ? "\r\n" : ",");
}

/* The codes separated by single spaces; NULL when out of memory. */
static char *codes_text(const cli_row *row)
{
    size_t cap = 1 + (row->error != NULL ? 17 : 0);
    for (size_t i = 0; i < row->n_codes; i++)
        cap += strlen(wrp_code_str(row->codes[i])) + 1;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = 0;
    if (row->error != NULL)
        strcat(s, "INPUT_UNREADABLE");
    for (size_t i = 0; i < row->n_codes; i++) {
        if (s[0] != 0)
            strcat(s, " ");
        strcat(s, wrp_code_str(row->codes[i]));
    }
    return s;
}

int cli_csv_row(FILE *out, const cli_row *row)
{
    if (row->skipped != NULL) {
        const char *v[N_COLUMNS] = {"skipped", row->file, NULL, NULL, NULL, NULL, NULL, row->sha256, "1"};
        return record(out, v);
    }
    char *codes = codes_text(row);
    if (codes == NULL)
        return -1;
    const char *v[N_COLUMNS] = {"request", row->file,
                                wrp_verdict_str(row->error != NULL ? WRP_VERDICT_ERROR : row->verdict),
                                row->rp_name, row->rp_identifier, row->ac_subject, codes, row->sha256, "1"};
    int rc = record(out, v);
    free(codes);
    return rc;
}

static int total(FILE *out, const char *verdict, const char *code, size_t n)
{
    char count[24];
    snprintf(count, sizeof count, "%zu", n);
    const char *v[N_COLUMNS] = {"total", NULL, verdict, NULL, NULL, NULL, code, NULL, count};
    return record(out, v);
}

int cli_csv_totals(FILE *out, const cli_totals *t)
{
    static const wrp_verdict order[] = {WRP_VERDICT_ALLOW, WRP_VERDICT_WARN, WRP_VERDICT_DENY, WRP_VERDICT_ERROR};
    int rc = total(out, NULL, NULL, t->requests);
    for (size_t i = 0; i < 4; i++)
        rc |= total(out, wrp_verdict_str(order[i]), NULL, t->verdicts[order[i]]);
    rc |= total(out, "skipped", NULL, t->skipped);
    for (unsigned c = 0; c < 256; c++)
        if (t->codes[c] != 0)
            rc |= total(out, NULL, wrp_code_str((wrp_code)c), t->codes[c]);
    return rc;
}
