/* The options of `wrpcheck audit` and `wrpcheck rc`: one table that the parser, the help texts and
 * every usage message are built from, so that a value added to a choice (a --format, a --mode) is
 * offered, accepted and named in messages at once. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

const char *const cli_format_names[] = {"text", "json", "html", "csv", "log", NULL};
/* html, csv (audit --batch) and log (a record of a presentation request) are audit's only */
static const char *const rc_format_names[] = {"text", "json", NULL};
static const char *const mode_names[] = {"enforce", "warn", NULL};
static const char *const kind_names[] = {"openid4vp", "mdoc", NULL};

typedef enum opt_id {
    O_AC_ANCHORS, O_RC_ANCHORS, O_RC, O_STATUS_LIST, O_LOTE, O_LOTE_SIGNER, O_CRL, O_NO_REVOCATION,
    O_REGISTER, O_REGISTER_ANCHORS, O_TRANSCRIPT, O_CLIENT_ID, O_ORIGIN, O_TX_TYPE, O_POLICY, O_KIND,
    O_LANG, O_TIME, O_MODE, O_FORMAT, O_BATCH, O_AC_CHAIN, O_FOR_REQUEST, O_HELP
} opt_id;

#define BOTH (CLI_AUDIT | CLI_RC)

typedef struct option {
    opt_id id;
    const char *name;
    const char *arg;                 /* what the value is, NULL for a flag (or choices) */
    const char *const *choices;      /* the values allowed, or NULL */
    unsigned commands;               /* CLI_AUDIT | CLI_RC */
    bool repeatable;
    const char *help;                /* lines after the first start with \n */
} option;

static const option options[] = {
    {O_AC_ANCHORS, "--ac-anchors", "FILE", NULL, BOTH, true,
     "trust anchors for access certificates (PEM/DER); repeatable"},
    {O_RC_ANCHORS, "--rc-anchors", "FILE", NULL, BOTH, true,
     "trust anchors for registration certificate providers and\nstatus list tokens; repeatable"},
    {O_RC, "--rc", "FILE", NULL, CLI_AUDIT, false,
     "a registration certificate held out of band (used only\nwhen the request carries none)"},
    {O_STATUS_LIST, "--status-list", "FILE", NULL, BOTH, true,
     "a Token Status List token (JWT or CWT); repeatable"},
    {O_LOTE, "--lote", "FILE", NULL, BOTH, true,
     "an ETSI TS 119 602 trusted list (JSON): its WRPAC, WRPRC and\n"
     "register services become anchors; repeatable"},
    {O_LOTE_SIGNER, "--lote-signer", "FILE", NULL, BOTH, true,
     "a certificate trusted to sign trusted lists; repeatable"},
    {O_CRL, "--crl", "FILE", NULL, BOTH, true, "a CRL for access certificate chains; repeatable"},
    {O_NO_REVOCATION, "--no-revocation", NULL, NULL, BOTH, false,
     "skip status list and CRL checks (REVOCATION_SKIPPED)"},
    {O_REGISTER, "--register", "FILE", NULL, CLI_AUDIT, true,
     "a register response (TS5 SignedWRP / SignedWRPArray, signed\n"
     "or unsigned); repeatable for the pages of a listing"},
    {O_REGISTER_ANCHORS, "--register-anchors", "FILE", NULL, CLI_AUDIT, true,
     "certificates trusted to sign register responses; repeatable"},
    {O_TRANSCRIPT, "--transcript", "FILE", NULL, CLI_AUDIT, false,
     "ISO 18013-5 SessionTranscript (CBOR or tag-24 wrapped)"},
    {O_CLIENT_ID, "--client-id", "STRING", NULL, CLI_AUDIT, false,
     "the client_id seen outside the Request Object"},
    {O_ORIGIN, "--origin", "STRING", NULL, CLI_AUDIT, false,
     "the web origin that passed the request (DC API): a signed\n"
     "request must then name it in expected_origins"},
    {O_TX_TYPE, "--transaction-data-type", "TYPE", NULL, CLI_AUDIT, true,
     "a transaction data type the wallet handles; repeatable"},
    {O_POLICY, "--disclosure-policy", "FILE", NULL, CLI_AUDIT, true,
     "the embedded disclosure policy (JSON) of a credential the\n"
     "wallet holds; repeatable (with --batch: for every request)"},
    {O_KIND, "--kind", NULL, kind_names, CLI_AUDIT, false, "force the request kind"},
    {O_LANG, "--lang", "LIST", NULL, CLI_AUDIT, false,
     "the user's languages (BCP 47 tags, comma separated, most\n"
     "preferred first): the result gains display, the purpose\n"
     "and service description to show (RFC 4647 lookup)"},
    {O_TIME, "--time", "TIME", NULL, BOTH, false,
     "verification time (default: now): Unix seconds, or RFC 3339\nUTC exactly as 2027-01-01T00:00:00Z"},
    {O_MODE, "--mode", NULL, mode_names, CLI_AUDIT, false, "overasking policy (default enforce)"},
    {O_FORMAT, "--format", NULL, cli_format_names, CLI_AUDIT, false,
     "output (default text): text, json, html (one page for a\n"
     "case file), csv (one row per request of a --batch), or\n"
     "log (the pre-disclosure part of the EUDI TS10 transaction\n"
     "log record, a Presentation)"},
    {O_FORMAT, "--format", NULL, rc_format_names, CLI_RC, false, "output (default text)"},
    {O_BATCH, "--batch", "FILE|DIR", NULL, CLI_AUDIT, false,
     "instead of REQUEST: a JSON Lines file, one request per line\n"
     "{\"request\": PATH, \"client_id\", \"origin\", \"transcript\",\n"
     "\"rc\", \"kind\"} (paths relative to the file), or a directory\n"
     "of requests (subfolders too; files that are clearly not\n"
     "requests skipped); one result per line, then a summary"},
    {O_AC_CHAIN, "--ac-chain", "FILE", NULL, CLI_RC, false,
     "the relying party's access certificate chain (PEM, leaf\nfirst): binds the certificate's sub to it"},
    {O_FOR_REQUEST, "--for-request", NULL, NULL, CLI_RC, false,
     "the certificate must allow requesting attributes\n(Service_Provider entitlement)"},
    {O_HELP, "--help", NULL, NULL, BOTH, false, "print this help and exit (also -h)"},
};

#define N_OPTIONS (sizeof options / sizeof options[0])

static const char *command_name(int cmd)
{
    return cmd == CLI_AUDIT ? "audit" : cmd == CLI_RC ? "rc" : "";
}

/* ---- help ---- */

/* "a|b|c" into buf. */
static const char *choices_text(const char *const *choices, char *buf, size_t size)
{
    buf[0] = 0;
    for (size_t i = 0; choices[i] != NULL; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? "|" : "", choices[i]);
    return buf;
}

static void option_help(FILE *out, const option *op)
{
    char head[128], list[128];
    const char *arg = op->choices != NULL ? choices_text(op->choices, list, sizeof list) : op->arg;
    snprintf(head, sizeof head, "%s%s%s", op->name, arg != NULL ? " " : "", arg != NULL ? arg : "");
    fprintf(out, "  %-29s ", head);
    for (const char *p = op->help; *p; p++) {
        fputc(*p, out);
        if (*p == '\n')
            fprintf(out, "%32s", "");
    }
    fputc('\n', out);
}

void cli_help(FILE *out, int cmd)
{
    if (cmd == CLI_AUDIT)
        fprintf(out, "usage: wrpcheck audit [OPTIONS] REQUEST   (a file, or - for stdin)\n"
                     "       wrpcheck audit [OPTIONS] --batch FILE|DIR\n"
                     "\n"
                     "REQUEST: an OpenID4VP Request Object (compact JWS), an unsigned OpenID4VP request or DC API\n"
                     "envelope (JSON), or an ISO/IEC 18013-5 DeviceRequest (CBOR); the kind is detected.\n"
                     "Options take their value as the next argument or after '=' (--format=json).\n\n");
    else if (cmd == CLI_RC)
        fprintf(out, "usage: wrpcheck rc [OPTIONS] FILE   (a registration certificate, JWT text or CWT bytes;\n"
                     "                                    - for stdin)\n"
                     "Options take their value as the next argument or after '=' (--format=json).\n\n");
    else
        fprintf(out, "usage: wrpcheck [--version] [--help] COMMAND [ARGS]\n"
                     "\n"
                     "Judges an EUDI wallet relying party's request before anything is disclosed.\n"
                     "\n"
                     "commands:\n"
                     "  audit REQUEST   verify a request and report overasking ('wrpcheck audit --help')\n"
                     "  rc FILE         verify a registration certificate on its own ('wrpcheck rc --help')\n"
                     "  inspect FILE    decode and print any artefact without judging it (request, registration\n"
                     "                  certificate, status list, register response, trusted list, DeviceRequest,\n"
                     "                  certificates, CRLs); - for stdin ('wrpcheck inspect --help')\n"
                     "\n"
                     "options:\n"
                     "  --version       print the library version and exit\n"
                     "  --help, -h      print this help and exit\n");
    for (size_t i = 0; cmd != 0 && i < N_OPTIONS; i++)
        if (options[i].commands & (unsigned)cmd)
            option_help(out, &options[i]);
    if (cmd == CLI_AUDIT)
        fprintf(out, "\n"
                     "exit status: 0 allow, 1 deny, 2 error (request malformed or input unreadable),\n"
                     "             3 warn (--mode warn, overasking only), 64 usage error\n"
                     "\n"
                     "example:\n"
                     "  wrpcheck audit --ac-anchors ac-root.pem --rc-anchors rc-root.pem \\\n"
                     "      --status-list list.jwt --time 2027-01-01T00:00:00Z --format json request.jwt\n");
    else if (cmd == CLI_RC)
        fprintf(out, "\n"
                     "exit status: 0 allow, 1 deny, 2 error (input unreadable), 64 usage error\n"
                     "\n"
                     "example:\n"
                     "  wrpcheck rc --rc-anchors provider-root.pem --ac-chain rp-chain.pem \\\n"
                     "      --status-list list.jwt --time 1798761600 --for-request --format json rc.jwt\n");
}

/* ---- suggestions ---- */

/* Optimal string alignment distance (Levenshtein with adjacent transpositions), capped at 9. */
static size_t distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 40 || m > 40)
        return 9;
    size_t d[41][41];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m] < 9 ? d[n][m] : 9;
}

/* How far a word may be from a name to be taken for a slip: 1 for short words, up to 3. */
static size_t tolerance(const char *word)
{
    while (*word == '-')
        word++;
    size_t n = strlen(word);
    return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

/* The closest of the n names (NULL ones skipped) within the tolerance, else the first name that
 * the word begins (five characters of it at least), else NULL. */
static const char *closest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = tolerance(word) + 1, len = strlen(word);
    for (size_t i = 0; i < n; i++) {
        size_t d = names[i] != NULL ? distance(word, names[i]) : best_d;
        if (d < best_d) {
            best = names[i];
            best_d = d;
        }
    }
    for (size_t i = 0; best == NULL && len >= 5 && i < n; i++)
        if (names[i] != NULL && strncmp(names[i], word, len) == 0)
            best = names[i];
    return best;
}

static const char *const commands[] = {"audit", "rc", "inspect", "--help", "--version"};

void cli_unknown_command(const char *word)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        size_t n = strlen(options[i].name);
        if (strncmp(word, options[i].name, n) == 0 && (word[n] == 0 || word[n] == '=')) {
            fprintf(stderr, "wrpcheck: %s is an option of a command; give the command first "
                            "(wrpcheck %s %s ...)\n",
                    word, options[i].commands & CLI_AUDIT ? "audit" : "rc", options[i].name);
            return;
        }
    }
    const char *near = closest(word, commands, sizeof commands / sizeof commands[0]);
    fprintf(stderr, "wrpcheck: unknown command '%s'", word);
    if (near != NULL)
        fprintf(stderr, "; did you mean '%s'?", near);
    fprintf(stderr, " (commands: audit, rc, inspect; see wrpcheck --help)\n");
}

/* ---- parsing ---- */

static int usage_error(cli_command cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(cli_command cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "wrpcheck %s: ", command_name(cmd));
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return -1;
}

static int unknown_option(cli_command cmd, const char *name)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (strcmp(name, options[i].name) == 0)
            return usage_error(cmd, "%s is an option of wrpcheck %s, not of wrpcheck %s", name,
                               command_name(cmd == CLI_AUDIT ? CLI_RC : CLI_AUDIT), command_name(cmd));
    const char *names[N_OPTIONS];
    for (size_t i = 0; i < N_OPTIONS; i++)
        names[i] = options[i].commands & (unsigned)cmd ? options[i].name : NULL;
    const char *near = closest(name, names, N_OPTIONS);
    if (near != NULL)
        return usage_error(cmd, "unknown option %s; did you mean %s? (wrpcheck %s --help lists the options)",
                           name, near, command_name(cmd));
    return usage_error(cmd, "unknown option %s (wrpcheck %s --help lists the options)", name,
                       command_name(cmd));
}

/* Decimal digits only (no sign, space or other base), or the strict RFC 3339 UTC form. */
static int parse_time(cli_command cmd, const char *name, const char *v, int64_t *out)
{
    if (v[0] >= '0' && v[0] <= '9' && strspn(v, "0123456789") == strlen(v)) {
        char *end = NULL;
        errno = 0;
        long long t = strtoll(v, &end, 10);
        if (errno == 0 && *end == 0) {
            *out = t;
            return 0;
        }
        return usage_error(cmd, "%s %s: out of range (Unix seconds up to %lld)", name, v,
                           (long long)INT64_MAX);
    }
    int64_t t = 0;
    if (wrp_time_parse(v, &t) == WRP_OK && t >= 0) {
        *out = t;
        return 0;
    }
    if (wrp_time_parse(v, &t) == WRP_OK)
        return usage_error(cmd, "%s %s: before 1970-01-01T00:00:00Z (Unix seconds cannot be negative)", name,
                           v);
    return usage_error(cmd,
                       "%s %s: expected Unix seconds (digits only, e.g. 1798761600) or an RFC 3339 UTC "
                       "date-time written exactly as YYYY-MM-DDThh:mm:ssZ (e.g. 2027-01-01T00:00:00Z; no "
                       "fraction, no offset)",
                       name, v);
}

/* A language list as the library takes it (wrp_request_set_lang), its reason when it does not. */
static int parse_lang(cli_command cmd, const option *op, const char *v, const char **out)
{
    wrp_request *rq = wrp_request_new();
    wrp_status st = rq != NULL ? wrp_request_set_lang(rq, v) : WRP_ERR_NOMEM;
    int rc = st == WRP_OK ? 0
                          : usage_error(cmd, "%s %s: expected BCP 47 language tags separated by commas, most "
                                             "preferred first (e.g. nl-NL,nl,en): %s",
                                        op->name, v,
                                        rq != NULL ? wrp_request_last_error(rq) : wrp_status_str(st));
    wrp_request_free(rq);
    if (rc == 0)
        *out = v;
    return rc;
}

static int parse_choice(cli_command cmd, const option *op, const char *v, int *out)
{
    for (int i = 0; op->choices[i] != NULL; i++) {
        if (strcmp(v, op->choices[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    char list[128];
    choices_text(op->choices, list, sizeof list);
    size_t n = 0;
    while (op->choices[n] != NULL)
        n++;
    const char *near = closest(v, op->choices, n);
    if (near != NULL)
        return usage_error(cmd, "%s %s: allowed values are %s; did you mean %s?", op->name, v, list, near);
    return usage_error(cmd, "%s %s: allowed values are %s", op->name, v, list);
}

static int push(cli_command cmd, const option *op, cli_files *f, const char *v)
{
    if (f->n == CLI_MAX_REPEAT)
        return usage_error(cmd, "%s given more than %d times", op->name, CLI_MAX_REPEAT);
    f->v[f->n++] = v;
    return 0;
}

static cli_files *files_of(cli_opts *o, opt_id id)
{
    switch (id) {
    case O_AC_ANCHORS:
        return &o->ac_anchors;
    case O_RC_ANCHORS:
        return &o->rc_anchors;
    case O_STATUS_LIST:
        return &o->lists;
    case O_LOTE:
        return &o->lotes;
    case O_LOTE_SIGNER:
        return &o->lote_signers;
    case O_CRL:
        return &o->crls;
    case O_REGISTER:
        return &o->registers;
    case O_REGISTER_ANCHORS:
        return &o->register_anchors;
    case O_TX_TYPE:
        return &o->tx_types;
    case O_POLICY:
        return &o->policies;
    default:
        return NULL;
    }
}

static const char **single_of(cli_opts *o, opt_id id)
{
    switch (id) {
    case O_RC:
        return &o->rc;
    case O_TRANSCRIPT:
        return &o->transcript;
    case O_CLIENT_ID:
        return &o->client_id;
    case O_ORIGIN:
        return &o->origin;
    case O_BATCH:
        return &o->batch;
    case O_AC_CHAIN:
        return &o->ac_chain;
    default:
        return NULL;
    }
}

/* One option with its value; a value that is not one of the option's is a usage error. */
static int apply(cli_command cmd, const option *op, const char *v, cli_opts *o)
{
    int x = 0;
    cli_files *f = files_of(o, op->id);
    const char **one = single_of(o, op->id);
    if (f != NULL)
        return push(cmd, op, f, v);
    if (one != NULL) {
        *one = v;
        return 0;
    }
    switch (op->id) {
    case O_TIME:
        return parse_time(cmd, op->name, v, &o->time);
    case O_LANG:
        return parse_lang(cmd, op, v, &o->lang);
    case O_FORMAT:
        if (parse_choice(cmd, op, v, &x) != 0)
            return -1;
        o->format = (cli_format)x;
        return 0;
    case O_MODE:
        if (parse_choice(cmd, op, v, &x) != 0)
            return -1;
        o->warn = x;
        return 0;
    case O_KIND:
        if (parse_choice(cmd, op, v, &x) != 0)
            return -1;
        o->kind = x ? WRP_KIND_MDOC : WRP_KIND_OPENID4VP;
        return 0;
    default:
        return usage_error(cmd, "%s cannot be applied", op->name);
    }
}

/* The option of that name for the command, else of that name for another command, else NULL. */
static const option *find(const char *name, size_t len, cli_command cmd)
{
    const option *other = NULL;
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (strlen(options[i].name) != len || strncmp(options[i].name, name, len) != 0)
            continue;
        if (options[i].commands & (unsigned)cmd)
            return &options[i];
        other = &options[i];
    }
    return other;
}

/* A word that starts with -- (at argv[*i]); advances *i past a value taken from the next word.
 * 1 when it asked for the help. */
static int take_option(int argc, char **argv, int *i, cli_command cmd, cli_opts *o)
{
    const char *a = argv[*i], *eq = strchr(a, '=');
    size_t len = eq != NULL ? (size_t)(eq - a) : strlen(a);
    const option *op = find(a, len, cmd);
    if (op == NULL || !(op->commands & (unsigned)cmd)) {
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), a);
        return unknown_option(cmd, name);
    }
    bool takes_value = op->arg != NULL || op->choices != NULL;
    if (!takes_value) {
        if (eq != NULL)
            return usage_error(cmd, "%s takes no value (given '%s')", op->name, eq + 1);
        if (op->id == O_HELP)
            return 1;
        if (op->id == O_NO_REVOCATION)
            o->revocation = 0;
        else
            o->for_request = 1;
        return 0;
    }
    const char *v = eq != NULL ? eq + 1 : NULL;
    if (v == NULL && *i + 1 < argc)
        v = argv[++*i];
    if (v == NULL) {
        char list[128];
        return usage_error(cmd, "%s needs a value: %s", op->name,
                           op->choices != NULL ? choices_text(op->choices, list, sizeof list) : op->arg);
    }
    return apply(cmd, op, v, o);
}

int cli_parse_args(int argc, char **argv, cli_command cmd, cli_opts *o)
{
    o->revocation = 1;
    o->time = (int64_t)time(NULL);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int r = 0;
        if (strcmp(a, "-h") == 0)
            r = 1;
        else if (strncmp(a, "--", 2) == 0 && a[2] != 0)
            r = take_option(argc, argv, &i, cmd, o);
        else if (a[0] == '-' && a[1] != 0)
            r = unknown_option(cmd, a);
        else if (o->input != NULL)
            r = usage_error(cmd, "more than one input file: %s and %s (one per run; --batch judges many)",
                            o->input, a);
        else
            o->input = a;
        if (r == 1) {
            cli_help(stdout, cmd);
            return 1;
        }
        if (r != 0)
            return -1;
    }
    if (o->batch != NULL && o->input != NULL)
        return usage_error(cmd, "give either --batch or REQUEST, not both");
    if (o->input == NULL && o->batch == NULL)
        return usage_error(cmd, "no input file given: wrpcheck %s [OPTIONS] %s (see wrpcheck %s --help)",
                           command_name(cmd), cmd == CLI_AUDIT ? "REQUEST" : "FILE", command_name(cmd));
    if (o->format == CLI_FORMAT_CSV && o->batch == NULL)
        return usage_error(cmd, "--format csv is one row per request of a --batch; for one request use text, "
                                "json or html");
    return 0;
}
