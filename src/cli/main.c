/* The wrpcheck command (cli-contract.md). Uses nothing but the public header. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/batch.h"
#include "cli/inspect.h"
#include "util/utf8.h"
#include "wrpcheck.h"

#define EXIT_USAGE 64
#define EXIT_ERROR 2
#define MAX_REPEAT 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wrpcheck [--version] [--help] COMMAND [ARGS]\n"
            "\n"
            "Judges an EUDI wallet relying party's request before anything is disclosed.\n"
            "\n"
            "commands:\n"
            "  audit REQUEST   verify a request and report overasking ('wrpcheck audit --help')\n"
            "  rc FILE         verify a registration certificate on its own ('wrpcheck rc --help')\n"
            "  inspect FILE    decode and print any artefact without judging it (request, registration\n"
            "                  certificate, status list, register response, trusted list, DeviceRequest,\n"
            "                  certificates, CRLs); - for stdin\n"
            "\n"
            "options:\n"
            "  --version       print the library version and exit\n"
            "  --help          print this help and exit\n");
}

static void audit_usage(FILE *out)
{
    fprintf(out,
            "usage: wrpcheck audit [OPTIONS] REQUEST   (a file, or - for stdin)\n"
            "\n"
            "REQUEST: an OpenID4VP Request Object (compact JWS), an unsigned OpenID4VP request or DC API\n"
            "envelope (JSON), or an ISO/IEC 18013-5 DeviceRequest (CBOR); the kind is detected.\n"
            "\n"
            "  --ac-anchors FILE             trust anchors for access certificates (PEM/DER); repeatable\n"
            "  --rc-anchors FILE             trust anchors for registration certificate providers and\n"
            "                                status list tokens; repeatable\n"
            "  --rc FILE                     a registration certificate held out of band (used only\n"
            "                                when the request carries none)\n"
            "  --status-list FILE            a Token Status List token (JWT or CWT); repeatable\n"
            "  --lote FILE                   an ETSI TS 119 602 trusted list (JSON): its WRPAC, WRPRC and\n"
            "                                register services become anchors; repeatable\n"
            "  --lote-signer FILE            a certificate trusted to sign trusted lists; repeatable\n"
            "  --crl FILE                    a CRL for access certificate chains; repeatable\n"
            "  --no-revocation               skip status list and CRL checks (REVOCATION_SKIPPED)\n"
            "  --register FILE               a register response (TS5 SignedWRP / SignedWRPArray, signed\n"
            "                                or unsigned); repeatable for the pages of a listing\n"
            "  --register-anchors FILE       certificates trusted to sign register responses; repeatable\n"
            "  --transcript FILE             ISO 18013-5 SessionTranscript (CBOR or tag-24 wrapped)\n"
            "  --client-id STRING            the client_id seen outside the Request Object\n"
            "  --origin STRING               the web origin that passed the request (DC API): a signed\n"
            "                                request must then name it in expected_origins\n"
            "  --transaction-data-type TYPE  a transaction data type the wallet handles; repeatable\n"
            "  --disclosure-policy FILE      the embedded disclosure policy (JSON) of a credential the\n"
            "                                wallet holds; repeatable (with --batch: for every request)\n"
            "  --kind openid4vp|mdoc         force the request kind\n"
            "  --lang LIST                   the user's languages (BCP 47 tags, comma separated, most\n"
            "                                preferred first): the result gains display, the purpose\n"
            "                                and service description to show (RFC 4647 lookup)\n"
            "  --time SECONDS                verification time, Unix seconds (default: now)\n"
            "  --mode enforce|warn           overasking policy (default enforce)\n"
            "  --format FORMAT               output (default text): text, json, html (one page for a\n"
            "                                case file), csv (one row per request of a --batch), or\n"
            "                                log (the pre-disclosure part of the EUDI TS10 transaction\n"
            "                                log record, a Presentation)\n"
            "  --batch FILE|DIR              instead of REQUEST: a JSON Lines file, one request per line\n"
            "                                {\"request\": PATH, \"client_id\", \"origin\", \"transcript\",\n"
            "                                \"rc\", \"kind\"} (paths relative to the file), or a directory\n"
            "                                of requests (subfolders too; files that are clearly not\n"
            "                                requests skipped); one result per line, then a summary\n"
            "\n"
            "exit status: 0 allow, 1 deny, 2 error (request malformed or input unreadable),\n"
            "             3 warn (--mode warn, overasking only), 64 usage error\n"
            "\n"
            "example:\n"
            "  wrpcheck audit --ac-anchors ac-root.pem --rc-anchors rc-root.pem \\\n"
            "      --status-list list.jwt --time 1798761600 --format json request.jwt\n");
}

static void rc_usage(FILE *out)
{
    fprintf(out,
            "usage: wrpcheck rc [OPTIONS] FILE   (a registration certificate, JWT text or CWT bytes;\n"
            "                                    - for stdin)\n"
            "\n"
            "  --rc-anchors, --ac-anchors, --status-list, --crl, --no-revocation, --time, --format\n"
            "                         as for audit\n"
            "  --ac-chain FILE        the relying party's access certificate chain (PEM, leaf first):\n"
            "                         binds the certificate's sub to it\n"
            "  --for-request          the certificate must allow requesting attributes\n"
            "                         (Service_Provider entitlement)\n"
            "\n"
            "exit status: 0 allow, 1 deny, 2 error (input unreadable), 64 usage error\n"
            "\n"
            "example:\n"
            "  wrpcheck rc --rc-anchors provider-root.pem --ac-chain rp-chain.pem \\\n"
            "      --status-list list.jwt --time 1798761600 --for-request --format json rc.jwt\n");
}

/* ---- options ---- */

typedef struct files {
    const char *v[MAX_REPEAT];
    size_t n;
} files;

typedef struct opts {
    files ac_anchors, rc_anchors, lists, crls, tx_types, registers, register_anchors, lotes, lote_signers;
    files policies;
    const char *rc, *transcript, *client_id, *origin, *ac_chain, *input, *batch, *lang;
    int revocation, for_request, warn;
    cli_format format;
    wrp_request_kind kind;
    int64_t time;
} opts;

static int push(files *f, const char *s)
{
    if (f->n == MAX_REPEAT)
        return -1;
    f->v[f->n++] = s;
    return 0;
}

/* Decimal digits only: no sign, no surrounding space, no other base. */
static int parse_time(const char *s, int64_t *out)
{
    if (s[0] < '0' || s[0] > '9')
        return -1;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || end == s || *end != 0 || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* text and json for every command, html for audit, csv for audit --batch (checked with the other
 * arguments). */
static int parse_format(opts *o, int audit, const char *v)
{
    /* in cli_format's order; html, csv and log (a record of a presentation request) audit only */
    static const char *const names[] = {"text", "json", "html", "csv", "log"};
    for (size_t i = 0; i < (audit ? 5u : 2u); i++) {
        if (strcmp(v, names[i]) == 0) {
            o->format = (cli_format)i;
            return 0;
        }
    }
    return -1;
}

static int parse_choice(const char *v, const char *a, const char *b, int *out)
{
    if (strcmp(v, a) == 0)
        *out = 0;
    else if (strcmp(v, b) == 0)
        *out = 1;
    else
        return -1;
    return 0;
}

/* A language list the library takes (BCP 47 tags, comma separated). */
static bool valid_lang(const char *v)
{
    wrp_request *rq = wrp_request_new();
    bool ok = rq != NULL && wrp_request_set_lang(rq, v) == WRP_OK;
    wrp_request_free(rq);
    return ok;
}

/* One option with a value; -1 unknown or bad value. `audit` tells which command's set applies. */
static int option_value(opts *o, int audit, const char *a, const char *v)
{
    int x;
    if (strcmp(a, "--ac-anchors") == 0)
        return push(&o->ac_anchors, v);
    if (strcmp(a, "--rc-anchors") == 0)
        return push(&o->rc_anchors, v);
    if (strcmp(a, "--status-list") == 0)
        return push(&o->lists, v);
    if (strcmp(a, "--lote") == 0)
        return push(&o->lotes, v);
    if (strcmp(a, "--lote-signer") == 0)
        return push(&o->lote_signers, v);
    if (strcmp(a, "--crl") == 0)
        return push(&o->crls, v);
    if (strcmp(a, "--time") == 0)
        return parse_time(v, &o->time);
    if (strcmp(a, "--format") == 0)
        return parse_format(o, audit, v);
    if (!audit) {
        if (strcmp(a, "--ac-chain") == 0)
            return (o->ac_chain = v) != NULL ? 0 : -1;
        return -1;
    }
    if (strcmp(a, "--rc") == 0)
        return (o->rc = v) != NULL ? 0 : -1;
    if (strcmp(a, "--transcript") == 0)
        return (o->transcript = v) != NULL ? 0 : -1;
    if (strcmp(a, "--client-id") == 0)
        return (o->client_id = v) != NULL ? 0 : -1;
    if (strcmp(a, "--origin") == 0)
        return (o->origin = v) != NULL ? 0 : -1;
    if (strcmp(a, "--lang") == 0)
        return valid_lang(v) ? ((o->lang = v), 0) : -1;
    if (strcmp(a, "--transaction-data-type") == 0)
        return push(&o->tx_types, v);
    if (strcmp(a, "--disclosure-policy") == 0)
        return push(&o->policies, v);
    if (strcmp(a, "--batch") == 0)
        return (o->batch = v) != NULL ? 0 : -1;
    if (strcmp(a, "--register") == 0)
        return push(&o->registers, v);
    if (strcmp(a, "--register-anchors") == 0)
        return push(&o->register_anchors, v);
    if (strcmp(a, "--mode") == 0)
        return parse_choice(v, "enforce", "warn", &o->warn);
    if (strcmp(a, "--kind") == 0) {
        if (parse_choice(v, "openid4vp", "mdoc", &x) != 0)
            return -1;
        o->kind = x ? WRP_KIND_MDOC : WRP_KIND_OPENID4VP;
        return 0;
    }
    return -1;
}

/* 0 ok, 1 help printed, -1 usage error (message printed). */
static int parse_args(int argc, char **argv, int audit, opts *o)
{
    const char *cmd = audit ? "audit" : "rc";
    o->revocation = 1;
    o->time = (int64_t)time(NULL);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0) {
            (audit ? audit_usage : rc_usage)(stdout);
            return 1;
        }
        if (strcmp(a, "--no-revocation") == 0) {
            o->revocation = 0;
        } else if (!audit && strcmp(a, "--for-request") == 0) {
            o->for_request = 1;
        } else if (strncmp(a, "--", 2) == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "wrpcheck %s: %s needs a value\n", cmd, a);
                return -1;
            }
            if (option_value(o, audit, a, argv[i + 1]) != 0) {
                fprintf(stderr,
                        "wrpcheck %s: unknown option, bad value, or a repeatable option given more "
                        "than %d times: %s %s\n",
                        cmd, MAX_REPEAT, a, argv[i + 1]);
                return -1;
            }
            i++;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "wrpcheck %s: unknown option %s\n", cmd, a);
            return -1;
        } else if (o->input != NULL) {
            fprintf(stderr, "wrpcheck %s: more than one input file\n", cmd);
            return -1;
        } else {
            o->input = a;
        }
    }
    if (o->batch != NULL && o->input != NULL) {
        fprintf(stderr, "wrpcheck %s: give either --batch or REQUEST, not both\n", cmd);
        return -1;
    }
    if (o->input == NULL && o->batch == NULL) {
        fprintf(stderr, "wrpcheck %s: no input file given (see --help)\n", cmd);
        return -1;
    }
    if (o->format == CLI_FORMAT_CSV && o->batch == NULL) {
        fprintf(stderr, "wrpcheck %s: --format csv is one row per request of a --batch; for one request "
                        "use text, json or html\n", cmd);
        return -1;
    }
    return 0;
}

/* ---- input ---- */

/* Reads a file ("-" = stdin), at most max + 1 bytes: one byte more than any input may hold, so
 * that the library, not the CLI, refuses a larger one (a request beyond the limit is the
 * contract's REQUEST_MALFORMED, not an unreadable file). NULL when it cannot be read. */
unsigned char *cli_read_all(const char *path, size_t *len, size_t max)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 65536, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf != NULL && n <= max) {
        size_t want = cap - n < max + 1 - n ? cap - n : max + 1 - n;
        size_t r = fread(buf + n, 1, want, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap && n <= max) {
            unsigned char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (buf == NULL || bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static unsigned char *read_all(const char *path, size_t *len)
{
    return cli_read_all(path, len, CLI_MAX_FILE);
}

/* Why an input could not be used, for INPUT_UNREADABLE. */
typedef struct problem {
    char msg[512];
} problem;

typedef wrp_status (*adder)(wrp_config *, const uint8_t *, size_t);

static int add_files(wrp_config *cfg, adder add, const files *fs, const char *what, problem *p)
{
    for (size_t i = 0; i < fs->n; i++) {
        size_t len = 0;
        unsigned char *data = read_all(fs->v[i], &len);
        if (data == NULL) {
            snprintf(p->msg, sizeof p->msg, "cannot read %s file %s", what, fs->v[i]);
            return -1;
        }
        wrp_status st = add(cfg, data, len);
        free(data);
        if (st != WRP_OK) {
            snprintf(p->msg, sizeof p->msg, "%s file %s cannot be used: %s%s%s", what, fs->v[i],
                     wrp_status_str(st), wrp_config_last_error(cfg)[0] ? ": " : "",
                     wrp_config_last_error(cfg));
            return -1;
        }
    }
    return 0;
}

static wrp_config *build_config(const opts *o, problem *p)
{
    wrp_config *cfg = wrp_config_new();
    if (cfg == NULL) {
        snprintf(p->msg, sizeof p->msg, "out of memory");
        return NULL;
    }
    wrp_config_set_time(cfg, o->time);
    wrp_config_set_revocation(cfg, o->revocation);
    wrp_config_set_mode(cfg, o->warn ? WRP_MODE_WARN : WRP_MODE_ENFORCE);
    for (size_t i = 0; i < o->tx_types.n; i++) {
        if (wrp_config_add_transaction_data_type(cfg, o->tx_types.v[i]) != WRP_OK) {
            snprintf(p->msg, sizeof p->msg, "too many transaction data types");
            wrp_config_free(cfg);
            return NULL;
        }
    }
    if (add_files(cfg, wrp_config_add_lote_signer, &o->lote_signers, "trusted list signer", p) != 0 ||
        add_files(cfg, wrp_config_add_ac_anchors, &o->ac_anchors, "AC anchors", p) != 0 ||
        add_files(cfg, wrp_config_add_rc_anchors, &o->rc_anchors, "RC anchors", p) != 0 ||
        add_files(cfg, wrp_config_add_status_list, &o->lists, "status list", p) != 0 ||
        add_files(cfg, wrp_config_add_crl, &o->crls, "CRL", p) != 0 ||
        add_files(cfg, wrp_config_add_register, &o->registers, "register", p) != 0 ||
        add_files(cfg, wrp_config_add_register_anchors, &o->register_anchors, "register anchors", p) != 0 ||
        add_files(cfg, wrp_config_add_lote, &o->lotes, "trusted list", p) != 0) {
        wrp_config_free(cfg);
        return NULL;
    }
    return cfg;
}

/* ---- output ---- */

/* A byte that is not part of well-formed UTF-8 (a file name or an argument can hold any) becomes
 * '?', so that the output is always JSON. */
void cli_json_string(FILE *out, const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s), i = 0;
    fputc('"', out);
    while (i < n) {
        size_t k = wrp_utf8_seq(p + i, n - i);
        if (k == 0)
            fputc('?', out);
        else if (p[i] == '"' || p[i] == '\\')
            fprintf(out, "\\%c", p[i]);
        else if (p[i] < 0x20)
            fprintf(out, "\\u%04x", p[i]);
        else
            fwrite(p + i, 1, k, out);
        i += k ? k : 1;
    }
    fputc('"', out);
}

/* The code points a report writes as an escape rather than as themselves: Unicode's general
 * categories Cc (C0, DEL and C1 controls), Zl and Zp (U+2028, U+2029: line and paragraph
 * separators) and Cf (format characters: bidirectional marks, embeddings, overrides and isolates,
 * zero-width characters, U+FEFF, the tag characters, ...). Each of them can start what a terminal
 * or a log viewer shows as a new line or an escape sequence, reorder what is shown, or hide a
 * difference between two texts that look the same. Unicode 15.1 (U+2065, unassigned and
 * default-ignorable, with its neighbours). */
static bool text_escaped(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0x0000, 0x001F}, {0x007F, 0x009F}, {0x00AD, 0x00AD}, {0x0600, 0x0605},
        {0x061C, 0x061C}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x0890, 0x0891},
        {0x08E2, 0x08E2}, {0x180E, 0x180E}, {0x200B, 0x200F}, {0x2028, 0x202E},
        {0x2060, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD},
        {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
        {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return true;
    return false;
}

/* The code point of the well-formed sequence of k bytes at p. */
static uint32_t code_point(const uint8_t *p, size_t k)
{
    static const uint8_t lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t cp = p[0] & lead_mask[k];
    for (size_t j = 1; j < k; j++)
        cp = cp << 6 | (p[j] & 0x3Fu);
    return cp;
}

/*
 * Writes s for a human reader, left-aligned in at least width columns, so that text quoted from a
 * request (a type, a path, a message) can never start a line of its own, pass for the tool's
 * output or change how the rest is shown:
 *   \xNN       a byte outside well-formed UTF-8, and a C0 control or DEL (U+0000..U+001F, U+007F)
 *   \uNNNN     any other code point of text_escaped up to U+FFFF (C1 controls such as U+0085 and
 *              U+009B, U+2028, U+2029, bidirectional controls, U+FEFF, ...)
 *   \UNNNNNNNN one above U+FFFF (the tag characters U+E0000..U+E007F, ...)
 * Hex digits are lower case. Every other character, é, ü, CJK or a backslash alike, is written as
 * it is: an escape only ever shows what would be hidden (text that merely looks like an escape
 * hides nothing); the JSON output is the exact one.
 */
void cli_text(FILE *out, const char *s, int width)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s), i = 0;
    int cols = 0;
    while (i < n) {
        size_t k = wrp_utf8_seq(p + i, n - i);
        uint32_t cp = k != 0 ? code_point(p + i, k) : 0;
        if (k == 0 || cp < 0x20 || cp == 0x7F) {
            fprintf(out, "\\x%02x", p[i]);
            cols += 4;
            k = 1;
        } else if (text_escaped(cp) && cp <= 0xFFFF) {
            fprintf(out, "\\u%04" PRIx32, cp);
            cols += 6;
        } else if (text_escaped(cp)) {
            fprintf(out, "\\U%08" PRIx32, cp);
            cols += 10;
        } else {
            fwrite(p + i, 1, k, out);
            cols++;
        }
        i += k;
    }
    for (; cols < width; cols++)
        fputc(' ', out);
}

void cli_unreadable_members(FILE *out, wrp_request_kind kind, const char *msg)
{
    const char *name = kind == WRP_KIND_MDOC ? "mdoc" : kind == WRP_KIND_OPENID4VP ? "openid4vp" : NULL;
    fprintf(out, "\"verdict\":\"error\",\"request_kind\":");
    if (name != NULL)
        cli_json_string(out, name);
    else
        fprintf(out, "null");
    fprintf(out, ",\"relying_party\":null,\"intermediary\":null,\"findings\":[{\"code\":\"INPUT_UNREADABLE\","
                 "\"severity\":\"error\",\"message\":");
    cli_json_string(out, msg);
    fprintf(out, "}],\"requested\":[]");
}

/* The log record of a request that was not judged (wrp_result_log_json's shape: nobody verified,
 * nothing known to be requested). */
void cli_unreadable_log(FILE *out, const char *msg)
{
    fprintf(out, "{\"interactingPartyIdentifier\":null,\"interactingPartyType\":\"ServiceProvider\","
                 "\"interactingPartyName\":null,\"interactingPartyContact\":null,\"isIntermediary\":null,"
                 "\"registrarURL\":null,\"purpose\":null,\"privacyPolicy\":null,\"dpaName\":null,"
                 "\"dpaCountry\":null,\"dpaContact\":null,\"listOfClaimsRequested\":[],"
                 "\"reasonOfNoncompletion\":");
    size_t n = strlen(msg) + 96;
    char *reason = malloc(n);
    if (reason != NULL)
        snprintf(reason, n, "verdict error: the request could not be judged (INPUT_UNREADABLE: %s)", msg);
    cli_json_string(out, reason != NULL ? reason : "verdict error: the request could not be judged "
                                                   "(INPUT_UNREADABLE)");
    free(reason);
    fprintf(out, "}");
}

/* The request kind as far as it is known without judging: forced with --kind, or detected from
 * the request's bytes when they could be read; WRP_KIND_AUTO otherwise. */
static wrp_request_kind known_kind(const opts *o, const unsigned char *in, size_t len)
{
    return o->kind != WRP_KIND_AUTO ? o->kind
           : in != NULL             ? wrp_detect_kind(in, len)
                                    : WRP_KIND_AUTO;
}

/* The result when an input file cannot be used: verdict error, INPUT_UNREADABLE. */
static int report_unreadable(const opts *o, int audit, wrp_request_kind kind, const problem *p,
                             const unsigned char *in, size_t in_len, const cli_facts *facts)
{
    fprintf(stderr, "wrpcheck: %s\n", p->msg);
    if (o->format == CLI_FORMAT_LOG) {
        cli_unreadable_log(stdout, p->msg);
        printf("\n");
    } else if (o->format == CLI_FORMAT_HTML) {
        if (cli_html_report(stdout, NULL, kind, p->msg, in, in_len, facts) != 0)
            fprintf(stderr, "wrpcheck: the HTML report could not be written (out of memory)\n");
    } else if (o->format == CLI_FORMAT_CSV) {
        cli_row row = {.file = o->batch, .error = p->msg, .verdict = WRP_VERDICT_ERROR};
        cli_csv_header(stdout);
        if (cli_csv_row(stdout, &row) != 0)
            fprintf(stderr, "wrpcheck: the CSV could not be written (out of memory)\n");
    } else if (o->format == CLI_FORMAT_JSON) {
        printf("{");
        cli_unreadable_members(stdout, kind, p->msg);
        printf("}\n");
    } else {
        printf("%s\n  error   INPUT_UNREADABLE  ", audit ? "audit" : "rc");
        cli_text(stdout, p->msg, 0);
        printf("\nverdict: error\n");
    }
    return EXIT_ERROR;
}

static const char *or_dash(const char *s)
{
    return s != NULL ? s : "-";
}

/* label, then each of the texts (NULL: "-"), then the end of the line */
static void text_line(const char *label, const char *a, const char *between, const char *b,
                      const char *end)
{
    fputs(label, stdout);
    cli_text(stdout, or_dash(a), 0);
    if (between != NULL) {
        fputs(between, stdout);
        cli_text(stdout, or_dash(b), 0);
    }
    fputs(end, stdout);
}

static void print_party(const wrp_result *r)
{
    text_line("relying party:  ", wrp_result_rp_name(r), " (", wrp_result_rp_identifier(r), "), ");
    cli_text(stdout, or_dash(wrp_result_rp_country(r)), 0);
    printf("%s\n", wrp_result_rp_verified(r) ? "" : "  [registration certificate NOT verified]");
    for (size_t i = 0; i < wrp_result_rp_purpose_count(r); i++)
        text_line("purpose [", wrp_result_rp_purpose_lang(r, i), "]:   ",
                  wrp_result_rp_purpose_text(r, i), "\n");
    text_line("intended use:   ", wrp_result_rp_intended_use(r), NULL, NULL, "\n");
    text_line("registration:   ", wrp_result_rp_registry_uri(r), NULL, NULL, "\n");
    text_line("privacy policy: ", wrp_result_rp_privacy_policy(r), NULL, NULL, "\n");
    if (wrp_result_intermediary_identifier(r) != NULL)
        text_line("intermediary:   ", wrp_result_intermediary_name(r), " (",
                  wrp_result_intermediary_identifier(r), "), asking on the relying party's behalf\n");
    if (wrp_result_rp_supervisory_authority_count(r) > 0) {
        const char *dpa = wrp_result_rp_supervisory_authority(r, "uri");
        if (dpa == NULL)
            dpa = wrp_result_rp_supervisory_authority(r, "email");
        text_line("supervised by:  ", dpa, NULL, NULL, "\n");
    }
    if (wrp_result_ac_subject(r) != NULL)
        text_line("access cert:    ", wrp_result_ac_subject(r), NULL, NULL,
                  wrp_result_ac_verified(r) ? "\n" : "  [NOT verified]\n");
}

static void print_text(const wrp_result *r)
{
    const char *kind = wrp_result_request_kind(r);
    if (kind != NULL)
        printf("request:        %s\n", kind);
    print_party(r);
    size_t n = wrp_result_requested_count(r);
    if (n > 0)
        printf("requested:\n");
    for (size_t i = 0; i < n; i++) {
        printf("  %-10s ", wrp_result_requested_registered(r, i) ? "registered" : "OVERASKED");
        cli_text(stdout, or_dash(wrp_result_requested_credential_id(r, i)), 8);
        fputc(' ', stdout);
        text_line("", wrp_result_requested_type(r, i), " ", wrp_result_requested_path(r, i), " ");
        text_line("", wrp_result_requested_format(r, i), NULL, NULL, "\n");
    }
    n = wrp_result_finding_count(r);
    printf("findings:%s\n", n == 0 ? " none" : "");
    for (size_t i = 0; i < n; i++) {
        printf("  %-7s %-28s ", wrp_severity_str(wrp_result_finding_severity(r, i)),
               wrp_code_str(wrp_result_finding_code(r, i)));
        text_line("", wrp_result_finding_message(r, i), NULL, NULL, "\n");
    }
    printf("verdict: %s\n", wrp_verdict_str(wrp_result_verdict(r)));
}

static int exit_code(wrp_verdict v)
{
    switch (v) {
    case WRP_VERDICT_ALLOW:
        return 0;
    case WRP_VERDICT_DENY:
        return 1;
    case WRP_VERDICT_WARN:
        return 3;
    case WRP_VERDICT_ERROR:
        return EXIT_ERROR;
    }
    return EXIT_ERROR;
}

/* ---- commands ---- */

static int set_request_file(wrp_request *rq, wrp_status (*set)(wrp_request *, const uint8_t *, size_t),
                            const char *path, const char *what, problem *p)
{
    if (path == NULL)
        return 0;
    size_t len = 0;
    unsigned char *data = read_all(path, &len);
    if (data == NULL) {
        snprintf(p->msg, sizeof p->msg, "cannot read %s file %s", what, path);
        return -1;
    }
    wrp_status st = set(rq, data, len);
    free(data);
    if (st != WRP_OK) {
        snprintf(p->msg, sizeof p->msg, "%s file %s cannot be used: %s", what, path, wrp_status_str(st));
        return -1;
    }
    return 0;
}

/* The disclosure policies of --disclosure-policy; -1 (p says why) when one cannot be used. */
static int add_policies(wrp_request *rq, const opts *o, problem *p)
{
    for (size_t i = 0; i < o->policies.n; i++) {
        const char *path = o->policies.v[i];
        size_t len = 0;
        unsigned char *data = read_all(path, &len);
        if (data == NULL) {
            snprintf(p->msg, sizeof p->msg, "cannot read disclosure policy file %s", path);
            return -1;
        }
        wrp_status st = wrp_request_add_disclosure_policy(rq, data, len);
        free(data);
        if (st != WRP_OK) {
            const char *why = wrp_request_last_error(rq);
            snprintf(p->msg, sizeof p->msg, "disclosure policy file %s cannot be used: %s%s%s", path,
                     wrp_status_str(st), why[0] ? ": " : "", why);
            return -1;
        }
    }
    return 0;
}

static wrp_request *build_request(const opts *o, problem *p)
{
    wrp_request *rq = wrp_request_new();
    if (rq == NULL) {
        snprintf(p->msg, sizeof p->msg, "out of memory");
        return NULL;
    }
    wrp_request_set_kind(rq, o->kind);
    if ((o->client_id != NULL && wrp_request_set_client_id(rq, o->client_id) != WRP_OK) ||
        (o->origin != NULL && wrp_request_set_origin(rq, o->origin) != WRP_OK) ||
        (o->lang != NULL && wrp_request_set_lang(rq, o->lang) != WRP_OK)) {
        snprintf(p->msg, sizeof p->msg, "out of memory");
        wrp_request_free(rq);
        return NULL;
    }
    if (set_request_file(rq, wrp_request_set_transcript, o->transcript, "transcript", p) != 0 ||
        set_request_file(rq, wrp_request_set_registration, o->rc, "registration certificate", p) != 0 ||
        add_policies(rq, o, p) != 0) {
        wrp_request_free(rq);
        return NULL;
    }
    return rq;
}

/* A batch reads its policy files for every request; they are checked once beforehand, so that
 * one that cannot be used makes the whole batch INPUT_UNREADABLE, as for a single request. */
static int check_policies(const opts *o, problem *p)
{
    wrp_request *rq = wrp_request_new();
    if (rq == NULL) {
        snprintf(p->msg, sizeof p->msg, "out of memory");
        return -1;
    }
    int rc = add_policies(rq, o, p);
    wrp_request_free(rq);
    return rc;
}

/* The files of the command line, for the HTML report's list of inputs. */
static size_t list_inputs(const opts *o, cli_input *v, size_t cap)
{
    const struct {
        const char *option;
        const files *many;
        const char *one;
    } given[] = {
        {"request", NULL, o->input}, {"--ac-anchors", &o->ac_anchors, NULL}, {"--rc-anchors", &o->rc_anchors, NULL},
        {"--rc", NULL, o->rc}, {"--status-list", &o->lists, NULL}, {"--lote", &o->lotes, NULL},
        {"--lote-signer", &o->lote_signers, NULL}, {"--crl", &o->crls, NULL}, {"--register", &o->registers, NULL},
        {"--register-anchors", &o->register_anchors, NULL}, {"--transcript", NULL, o->transcript},
        {"--disclosure-policy", &o->policies, NULL}, {"--ac-chain", NULL, o->ac_chain},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        for (size_t k = 0; given[i].many != NULL && k < given[i].many->n && n < cap; k++)
            v[n++] = (cli_input){given[i].option, given[i].many->v[k]};
        if (given[i].one != NULL && n < cap)
            v[n++] = (cli_input){given[i].option, given[i].one};
    }
    return n;
}

#define MAX_INPUTS (11 * MAX_REPEAT + 4)

static int run(int argc, char **argv, int audit)
{
    opts o;
    memset(&o, 0, sizeof o);
    int pr = parse_args(argc, argv, audit, &o);
    if (pr != 0)
        return pr > 0 ? 0 : EXIT_USAGE;
    cli_input listed[MAX_INPUTS];
    cli_facts facts = {o.time, o.warn, listed, list_inputs(&o, listed, MAX_INPUTS)};
    problem p = {{0}};
    wrp_config *cfg = NULL;
    wrp_request *rq = NULL;
    wrp_verifier *v = NULL;
    wrp_result *r = NULL;
    unsigned char *in = NULL, *chain = NULL;
    size_t in_len = 0, chain_len = 0;
    int rc = EXIT_ERROR;
    if (o.batch != NULL) {
        if ((cfg = build_config(&o, &p)) == NULL || check_policies(&o, &p) != 0)
            goto unreadable;
        wrp_status bst = wrp_verifier_new(cfg, &v);
        cli_batch_opts bo = {o.batch, o.client_id, o.origin, o.transcript, o.rc, o.kind, o.format,
                             o.policies.v, o.policies.n, &facts};
        rc = bst == WRP_OK ? cli_batch(v, &bo, p.msg, sizeof p.msg) : EXIT_ERROR;
        if (rc < 0)
            goto unreadable;
        goto out;
    }
    if ((in = read_all(o.input, &in_len)) == NULL) {
        snprintf(p.msg, sizeof p.msg, "cannot read %s", o.input);
        goto unreadable;
    }
    if ((cfg = build_config(&o, &p)) == NULL || (audit && (rq = build_request(&o, &p)) == NULL))
        goto unreadable;
    if (o.ac_chain != NULL && (chain = read_all(o.ac_chain, &chain_len)) == NULL) {
        snprintf(p.msg, sizeof p.msg, "cannot read access certificate chain %s", o.ac_chain);
        goto unreadable;
    }
    wrp_status st = wrp_verifier_new(cfg, &v);
    if (st == WRP_OK)
        st = audit ? wrp_audit(v, rq, in, in_len, &r)
                   : wrp_check_registration(v, in, in_len, chain, chain_len, o.for_request, &r);
    if (st != WRP_OK) {
        fprintf(stderr, "wrpcheck: %s\n", wrp_status_str(st));
        goto out;
    }
    if (o.format == CLI_FORMAT_LOG) {
        printf("%s\n", wrp_result_log_json(r));
    } else if (o.format == CLI_FORMAT_HTML) {
        if (cli_html_report(stdout, r, o.kind, NULL, in, in_len, &facts) != 0) {
            fprintf(stderr, "wrpcheck: the HTML report could not be written (out of memory)\n");
            goto out;
        }
    } else if (o.format == CLI_FORMAT_JSON)
        printf("%s\n", wrp_result_json(r));
    else
        print_text(r);
    rc = exit_code(wrp_result_verdict(r));
    goto out;
unreadable:
    rc = report_unreadable(&o, audit, audit ? known_kind(&o, in, in_len) : WRP_KIND_AUTO, &p, in, in_len, &facts);
out:
    wrp_result_free(r);
    wrp_verifier_free(v);
    wrp_request_free(rq);
    wrp_config_free(cfg);
    free(in);
    free(chain);
    return rc;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("wrpcheck %s (ABI %u)\n", wrp_version(), wrp_abi_version());
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "audit") == 0)
        return run(argc - 2, argv + 2, 1);
    if (strcmp(argv[1], "rc") == 0)
        return run(argc - 2, argv + 2, 0);
    if (strcmp(argv[1], "inspect") == 0)
        return cli_inspect(argc - 2, argv + 2);
    fprintf(stderr, "wrpcheck: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}

/* A result that could not be written is not a result: exit 2 rather than the verdict's status. */
int main(int argc, char **argv)
{
    int rc = dispatch(argc, argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "wrpcheck: cannot write the output\n");
        return rc == EXIT_USAGE ? rc : EXIT_ERROR;
    }
    return rc;
}
