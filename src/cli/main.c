/* The wrpcheck command (cli-contract.md). Uses nothing but the public header. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "inspect.h"
#include "io.h"
#include "wrpcheck.h"

#define EXIT_ERROR 2

/* ---- input ---- */

/* Why an input could not be used, for INPUT_UNREADABLE. */
typedef struct problem {
    char msg[512];
} problem;

/* What one kind of input file is and the shapes (wrp_sniff) such a file has, so that a file of
 * another kind can be named for what it looks like. */
typedef struct input_kind {
    const char *option; /* NULL: the command's REQUEST or FILE */
    const char *what;   /* as messages name it */
    const char *expected;
    unsigned shapes;    /* bit s set for each wrp_input_shape s it may have */
} input_kind;

#define SHAPE(s) (1u << (s))
#define CERTS (SHAPE(WRP_SHAPE_PEM) | SHAPE(WRP_SHAPE_BINARY))
#define TOKEN (SHAPE(WRP_SHAPE_JWS) | SHAPE(WRP_SHAPE_BINARY))

static const input_kind k_ac_anchors = {"--ac-anchors", "AC anchors", "PEM or DER certificates", CERTS};
static const input_kind k_rc_anchors = {"--rc-anchors", "RC anchors", "PEM or DER certificates", CERTS};
static const input_kind k_lists = {"--status-list", "status list", "a status list token (compact JWS or CWT)",
                                   TOKEN};
static const input_kind k_crls = {"--crl", "CRL", "a CRL (PEM or DER)", CERTS};
static const input_kind k_registers = {"--register", "register",
                                       "a register response (compact JWS or JSON)",
                                       SHAPE(WRP_SHAPE_JWS) | SHAPE(WRP_SHAPE_JSON)};
static const input_kind k_register_anchors = {"--register-anchors", "register anchors",
                                              "PEM or DER certificates", CERTS};
static const input_kind k_lotes = {"--lote", "trusted list", "a trusted list (JSON, or compact JAdES)",
                                   SHAPE(WRP_SHAPE_JWS) | SHAPE(WRP_SHAPE_JSON)};
static const input_kind k_lote_signers = {"--lote-signer", "trusted list signer", "PEM or DER certificates",
                                          CERTS};
static const input_kind k_policies = {"--disclosure-policy", "disclosure policy",
                                      "a disclosure policy (JSON)", SHAPE(WRP_SHAPE_JSON)};
static const input_kind k_transcript = {"--transcript", "transcript", "a CBOR SessionTranscript",
                                        SHAPE(WRP_SHAPE_BINARY)};
static const input_kind k_rc = {"--rc", "registration certificate",
                                "a registration certificate (compact JWS or CWT)", TOKEN};
static const input_kind k_ac_chain = {"--ac-chain", "access certificate chain", "PEM or DER certificates",
                                      CERTS};
static const input_kind k_request = {NULL, "request", NULL, 0};
static const input_kind k_rc_file = {NULL, "registration certificate", NULL, 0};

/* " (it looks like X, expected Y)" into buf when data's shape is not one of k's, else "". */
static const char *shape_hint(const input_kind *k, const uint8_t *data, size_t len, char *buf, size_t size)
{
    wrp_input_shape s = wrp_sniff(data, len);
    buf[0] = 0;
    if (k->expected != NULL && !(k->shapes & SHAPE(s)))
        snprintf(buf, size, " (it looks like %s, expected %s)", wrp_input_shape_str(s), k->expected);
    return buf;
}

/* A run's files: read, named in messages, and listed with their SHA-256 for the text report. */
typedef struct reader {
    problem *p;
    cli_digests *ds; /* NULL: no digests wanted */
} reader;

/* Reads path as an input of kind k; NULL (rd->p says why, with the system's reason) when it
 * cannot be read, or when the digest cannot be taken. */
static unsigned char *read_input(const reader *rd, const input_kind *k, const char *path, size_t *len)
{
    unsigned char *data = cli_read_all(path, len, wrp_max_input_bytes());
    if (data == NULL) {
        int why = errno;
        if (why == EISDIR && k == &k_request)
            snprintf(rd->p->msg, sizeof rd->p->msg,
                     "cannot read %s: it is a directory (to judge every request in it, use --batch %s)", path,
                     path);
        else if (k->option == NULL)
            snprintf(rd->p->msg, sizeof rd->p->msg, "cannot read %s: %s", path, strerror(why));
        else
            snprintf(rd->p->msg, sizeof rd->p->msg, "cannot read %s file %s: %s", k->what, path,
                     strerror(why));
        return NULL;
    }
    if (rd->ds != NULL && cli_digests_add(rd->ds, k->option, path, data, *len) != WRP_OK) {
        snprintf(rd->p->msg, sizeof rd->p->msg, "out of memory");
        free(data);
        return NULL;
    }
    return data;
}

/* The message for a file the library refused: what the file looks like when that is not what was
 * expected, then the library's reason, last as it always is. */
static void refused(const reader *rd, const input_kind *k, const char *path, wrp_status st, const char *why,
                    const uint8_t *data, size_t len)
{
    char hint[160];
    snprintf(rd->p->msg, sizeof rd->p->msg, "%s file %s cannot be used%s: %s%s%s", k->what, path,
             shape_hint(k, data, len, hint, sizeof hint), wrp_status_str(st), why[0] ? ": " : "", why);
}

typedef wrp_status (*adder)(wrp_config *, const uint8_t *, size_t);

static int add_files(wrp_config *cfg, adder add, const cli_files *fs, const input_kind *k, const reader *rd)
{
    for (size_t i = 0; i < fs->n; i++) {
        size_t len = 0;
        unsigned char *data = read_input(rd, k, fs->v[i], &len);
        if (data == NULL)
            return -1;
        wrp_status st = add(cfg, data, len);
        if (st != WRP_OK)
            refused(rd, k, fs->v[i], st, wrp_config_last_error(cfg), data, len);
        free(data);
        if (st != WRP_OK)
            return -1;
    }
    return 0;
}

static wrp_config *build_config(const cli_opts *o, const reader *rd)
{
    wrp_config *cfg = wrp_config_new();
    if (cfg == NULL) {
        snprintf(rd->p->msg, sizeof rd->p->msg, "out of memory");
        return NULL;
    }
    wrp_config_set_time(cfg, o->time);
    wrp_config_set_revocation(cfg, o->revocation);
    wrp_config_set_mode(cfg, o->warn ? WRP_MODE_WARN : WRP_MODE_ENFORCE);
    for (size_t i = 0; i < o->tx_types.n; i++) {
        if (wrp_config_add_transaction_data_type(cfg, o->tx_types.v[i]) != WRP_OK) {
            snprintf(rd->p->msg, sizeof rd->p->msg, "too many transaction data types");
            wrp_config_free(cfg);
            return NULL;
        }
    }
    if (add_files(cfg, wrp_config_add_lote_signer, &o->lote_signers, &k_lote_signers, rd) != 0 ||
        add_files(cfg, wrp_config_add_ac_anchors, &o->ac_anchors, &k_ac_anchors, rd) != 0 ||
        add_files(cfg, wrp_config_add_rc_anchors, &o->rc_anchors, &k_rc_anchors, rd) != 0 ||
        add_files(cfg, wrp_config_add_status_list, &o->lists, &k_lists, rd) != 0 ||
        add_files(cfg, wrp_config_add_crl, &o->crls, &k_crls, rd) != 0 ||
        add_files(cfg, wrp_config_add_register, &o->registers, &k_registers, rd) != 0 ||
        add_files(cfg, wrp_config_add_register_anchors, &o->register_anchors, &k_register_anchors, rd) != 0 ||
        add_files(cfg, wrp_config_add_lote, &o->lotes, &k_lotes, rd) != 0) {
        wrp_config_free(cfg);
        return NULL;
    }
    return cfg;
}

/* ---- output ---- */

/* The request kind as far as it is known without judging: forced with --kind, or detected from
 * the request's bytes when they could be read; WRP_KIND_AUTO otherwise. */
static wrp_request_kind known_kind(const cli_opts *o, const unsigned char *in, size_t len)
{
    return o->kind != WRP_KIND_AUTO ? o->kind
           : in != NULL             ? wrp_detect_kind(in, len)
                                    : WRP_KIND_AUTO;
}

/* The result when an input file cannot be used: verdict error, INPUT_UNREADABLE. */
static int report_unreadable(const cli_opts *o, cli_command cmd, wrp_request_kind kind, const problem *p,
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
        printf("%s\n  error   INPUT_UNREADABLE  ", cmd == CLI_AUDIT ? "audit" : "rc");
        cli_text(stdout, p->msg, 0);
        printf("\nverdict: error\n");
    }
    return EXIT_ERROR;
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

/* A per-request file (--transcript, --rc): one whose bytes cannot be of its kind at all (a PEM
 * certificate given as a SessionTranscript) cannot be used, rather than be judged as a broken
 * one. */
static int set_request_file(wrp_request *rq, wrp_status (*set)(wrp_request *, const uint8_t *, size_t),
                            const char *path, const input_kind *k, const reader *rd)
{
    if (path == NULL)
        return 0;
    size_t len = 0;
    unsigned char *data = read_input(rd, k, path, &len);
    if (data == NULL)
        return -1;
    wrp_input_shape shape = wrp_sniff(data, len);
    wrp_status st = k->shapes & SHAPE(shape) ? set(rq, data, len) : WRP_ERR_MALFORMED;
    if (!(k->shapes & SHAPE(shape)))
        snprintf(rd->p->msg, sizeof rd->p->msg, "%s file %s looks like %s; expected %s", k->what, path,
                 wrp_input_shape_str(shape), k->expected);
    else if (st != WRP_OK)
        snprintf(rd->p->msg, sizeof rd->p->msg, "%s file %s cannot be used: %s", k->what, path,
                 wrp_status_str(st));
    free(data);
    return st == WRP_OK ? 0 : -1;
}

/* The disclosure policies of --disclosure-policy; -1 (rd->p says why) when one cannot be used. */
static int add_policies(wrp_request *rq, const cli_opts *o, const reader *rd)
{
    for (size_t i = 0; i < o->policies.n; i++) {
        const char *path = o->policies.v[i];
        size_t len = 0;
        unsigned char *data = read_input(rd, &k_policies, path, &len);
        if (data == NULL)
            return -1;
        wrp_status st = wrp_request_add_disclosure_policy(rq, data, len);
        if (st != WRP_OK)
            refused(rd, &k_policies, path, st, wrp_request_last_error(rq), data, len);
        free(data);
        if (st != WRP_OK)
            return -1;
    }
    return 0;
}

static wrp_request *build_request(const cli_opts *o, const reader *rd)
{
    wrp_request *rq = wrp_request_new();
    if (rq == NULL) {
        snprintf(rd->p->msg, sizeof rd->p->msg, "out of memory");
        return NULL;
    }
    wrp_request_set_kind(rq, o->kind);
    if ((o->client_id != NULL && wrp_request_set_client_id(rq, o->client_id) != WRP_OK) ||
        (o->origin != NULL && wrp_request_set_origin(rq, o->origin) != WRP_OK) ||
        (o->lang != NULL && wrp_request_set_lang(rq, o->lang) != WRP_OK)) {
        snprintf(rd->p->msg, sizeof rd->p->msg, "out of memory");
        wrp_request_free(rq);
        return NULL;
    }
    if (set_request_file(rq, wrp_request_set_transcript, o->transcript, &k_transcript, rd) != 0 ||
        set_request_file(rq, wrp_request_set_registration, o->rc, &k_rc, rd) != 0 ||
        add_policies(rq, o, rd) != 0) {
        wrp_request_free(rq);
        return NULL;
    }
    return rq;
}

/* A batch reads its policy files for every request; they are checked once beforehand, so that
 * one that cannot be used makes the whole batch INPUT_UNREADABLE, as for a single request. */
static int check_policies(const cli_opts *o, const reader *rd)
{
    wrp_request *rq = wrp_request_new();
    if (rq == NULL) {
        snprintf(rd->p->msg, sizeof rd->p->msg, "out of memory");
        return -1;
    }
    int rc = add_policies(rq, o, rd);
    wrp_request_free(rq);
    return rc;
}

/* The files of the command line, for the HTML report's list of inputs. */
static size_t list_inputs(const cli_opts *o, cli_input *v, size_t cap)
{
    const struct {
        const char *option;
        const cli_files *many;
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

#define MAX_INPUTS (11 * CLI_MAX_REPEAT + 4)

static int run(int argc, char **argv, cli_command cmd)
{
    cli_opts o;
    memset(&o, 0, sizeof o);
    int pr = cli_parse_args(argc, argv, cmd, &o);
    if (pr != 0)
        return pr > 0 ? 0 : CLI_EXIT_USAGE;
    cli_input listed[MAX_INPUTS];
    cli_facts facts = {o.time, o.warn, listed, list_inputs(&o, listed, MAX_INPUTS)};
    problem p = {{0}};
    cli_digests ds = {0};
    /* the text report names every input with its SHA-256 */
    reader rd = {&p, o.format == CLI_FORMAT_TEXT && o.batch == NULL ? &ds : NULL};
    wrp_config *cfg = NULL;
    wrp_request *rq = NULL;
    wrp_verifier *v = NULL;
    wrp_result *r = NULL;
    unsigned char *in = NULL, *chain = NULL;
    size_t in_len = 0, chain_len = 0;
    int rc = EXIT_ERROR;
    if (o.batch != NULL) {
        if ((cfg = build_config(&o, &rd)) == NULL || check_policies(&o, &rd) != 0)
            goto unreadable;
        wrp_status bst = wrp_verifier_new(cfg, &v);
        cli_batch_opts bo = {o.batch, o.client_id, o.origin, o.transcript, o.rc, o.kind, o.format,
                             o.policies.v, o.policies.n, &facts};
        rc = bst == WRP_OK ? cli_batch(v, &bo, p.msg, sizeof p.msg) : EXIT_ERROR;
        if (rc < 0)
            goto unreadable;
        goto out;
    }
    if ((in = read_input(&rd, cmd == CLI_AUDIT ? &k_request : &k_rc_file, o.input, &in_len)) == NULL)
        goto unreadable;
    if ((cfg = build_config(&o, &rd)) == NULL || (cmd == CLI_AUDIT && (rq = build_request(&o, &rd)) == NULL))
        goto unreadable;
    if (o.ac_chain != NULL && (chain = read_input(&rd, &k_ac_chain, o.ac_chain, &chain_len)) == NULL)
        goto unreadable;
    wrp_status st = wrp_verifier_new(cfg, &v);
    if (st == WRP_OK)
        st = cmd == CLI_AUDIT ? wrp_audit(v, rq, in, in_len, &r)
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
        cli_print_text(stdout, r, &o, &ds);
    rc = exit_code(wrp_result_verdict(r));
    goto out;
unreadable:
    rc = report_unreadable(&o, cmd, cmd == CLI_AUDIT ? known_kind(&o, in, in_len) : WRP_KIND_AUTO, &p, in, in_len,
                           &facts);
out:
    wrp_result_free(r);
    wrp_verifier_free(v);
    wrp_request_free(rq);
    wrp_config_free(cfg);
    cli_digests_free(&ds);
    free(in);
    free(chain);
    return rc;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        cli_help(stderr, 0);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("wrpcheck %s (ABI %u)\n", wrp_version(), wrp_abi_version());
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_help(stdout, 0);
        return 0;
    }
    if (strcmp(argv[1], "audit") == 0)
        return run(argc - 2, argv + 2, CLI_AUDIT);
    if (strcmp(argv[1], "rc") == 0)
        return run(argc - 2, argv + 2, CLI_RC);
    if (strcmp(argv[1], "inspect") == 0)
        return cli_inspect(argc - 2, argv + 2);
    cli_unknown_command(argv[1]);
    return CLI_EXIT_USAGE;
}

/* A result that could not be written is not a result: exit 2 rather than the verdict's status. */
int main(int argc, char **argv)
{
    int rc = dispatch(argc, argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "wrpcheck: cannot write the output\n");
        return rc == CLI_EXIT_USAGE ? rc : EXIT_ERROR;
    }
    return rc;
}
