/* The wrpcheck command. Uses nothing but the public header. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wrpcheck.h"

#define EXIT_USAGE 64
#define MAX_FILE (4u * 1024u * 1024u)
#define MAX_REPEAT 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wrpcheck [--version] [--help] COMMAND [ARGS]\n"
            "\n"
            "Judges an EUDI wallet relying party's request before anything is disclosed.\n"
            "\n"
            "commands:\n"
            "  rc FILE         verify a registration certificate (and its access certificate)\n"
            "                  see 'wrpcheck rc --help'\n"
            "\n"
            "options:\n"
            "  --version       print the library version and exit\n"
            "  --help          print this help and exit\n");
}

static void rc_usage(FILE *out)
{
    fprintf(out,
            "usage: wrpcheck rc [OPTIONS] FILE      (FILE: a registration certificate, JWT text or\n"
            "                                       CWT bytes; - for stdin)\n"
            "\n"
            "  --rc-anchors FILE      trust anchors of registration certificate providers (PEM/DER);\n"
            "                         also used for status list tokens; repeatable\n"
            "  --ac-anchors FILE      trust anchors for access certificates; repeatable\n"
            "  --ac-chain FILE        the relying party's access certificate chain (PEM, leaf first):\n"
            "                         binds the certificate's sub to it\n"
            "  --status-list FILE     a Token Status List token (JWT or CWT); repeatable\n"
            "  --crl FILE             a CRL for access certificate chains; repeatable\n"
            "  --no-revocation        skip status list and CRL checks (REVOCATION_SKIPPED)\n"
            "  --for-request          the certificate must allow requesting attributes\n"
            "                         (Service_Provider entitlement)\n"
            "  --time SECONDS         verification time as Unix seconds (default: now)\n"
            "  --format text|json     output (default text)\n"
            "\n"
            "exit status: 0 allow, 1 deny, 2 error (input unreadable), 64 usage error\n"
            "\n"
            "example:\n"
            "  wrpcheck rc --rc-anchors provider-root.pem --ac-chain rp-chain.pem \\\n"
            "      --status-list list.jwt --time 1798761600 --for-request --format json rc.jwt\n");
}

/* Reads a whole file ("-" = stdin) of at most MAX_FILE bytes. */
static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 65536, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf != NULL) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0 || n > MAX_FILE)
            break;
        if (n == cap) {
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
    int bad = ferror(f) || n > MAX_FILE;
    if (f != stdin)
        fclose(f);
    if (buf == NULL || bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

typedef struct rc_opts {
    const char *rc_anchors[MAX_REPEAT], *ac_anchors[MAX_REPEAT], *lists[MAX_REPEAT], *crls[MAX_REPEAT];
    size_t n_rc, n_ac, n_lists, n_crls;
    const char *ac_chain, *file;
    int revocation, for_request, json;
    int64_t time;
} rc_opts;

static int push(const char **v, size_t *n, const char *s)
{
    if (*n == MAX_REPEAT)
        return -1;
    v[(*n)++] = s;
    return 0;
}

static int parse_time(const char *s, int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || end == s || *end != 0 || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* 0 ok, 1 help printed, -1 usage error (message printed). */
static int parse_rc_args(int argc, char **argv, rc_opts *o)
{
    o->revocation = 1;
    o->time = (int64_t)time(NULL);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int r = 0, takes = 1;
        if (strcmp(a, "--help") == 0) {
            rc_usage(stdout);
            return 1;
        } else if (strcmp(a, "--no-revocation") == 0) {
            o->revocation = 0, takes = 0;
        } else if (strcmp(a, "--for-request") == 0) {
            o->for_request = 1, takes = 0;
        } else if (v == NULL && strncmp(a, "--", 2) == 0) {
            fprintf(stderr, "wrpcheck rc: %s needs a value\n", a);
            return -1;
        } else if (strcmp(a, "--rc-anchors") == 0) {
            r = push(o->rc_anchors, &o->n_rc, v);
        } else if (strcmp(a, "--ac-anchors") == 0) {
            r = push(o->ac_anchors, &o->n_ac, v);
        } else if (strcmp(a, "--status-list") == 0) {
            r = push(o->lists, &o->n_lists, v);
        } else if (strcmp(a, "--crl") == 0) {
            r = push(o->crls, &o->n_crls, v);
        } else if (strcmp(a, "--ac-chain") == 0) {
            o->ac_chain = v;
        } else if (strcmp(a, "--time") == 0) {
            r = parse_time(v, &o->time);
        } else if (strcmp(a, "--format") == 0) {
            if (strcmp(v, "json") == 0)
                o->json = 1;
            else if (strcmp(v, "text") != 0)
                r = -1;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "wrpcheck rc: unknown option %s\n", a);
            return -1;
        } else {
            if (o->file != NULL) {
                fprintf(stderr, "wrpcheck rc: more than one FILE\n");
                return -1;
            }
            o->file = a, takes = 0;
        }
        if (r != 0) {
            fprintf(stderr, "wrpcheck rc: bad value for %s\n", a);
            return -1;
        }
        i += takes;
    }
    if (o->file == NULL) {
        fprintf(stderr, "wrpcheck rc: no FILE given\n");
        return -1;
    }
    return 0;
}

typedef wrp_status (*adder)(wrp_config *, const uint8_t *, size_t);

static int add_files(wrp_config *cfg, adder add, const char *const *files, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        unsigned char *data = read_all(files[i], &len);
        if (data == NULL) {
            fprintf(stderr, "wrpcheck: cannot read %s %s\n", what, files[i]);
            return -1;
        }
        wrp_status st = add(cfg, data, len);
        free(data);
        if (st != WRP_OK) {
            fprintf(stderr, "wrpcheck: %s %s: %s: %s\n", what, files[i], wrp_status_str(st),
                    wrp_config_last_error(cfg));
            return -1;
        }
    }
    return 0;
}

static void print_text(const wrp_result *r)
{
    const char *name = wrp_result_rp_name(r), *id = wrp_result_rp_identifier(r);
    printf("registration certificate of: %s (%s)\n", name ? name : "(unknown)", id ? id : "no identifier");
    size_t n = wrp_result_finding_count(r);
    for (size_t i = 0; i < n; i++)
        printf("  %-7s %-24s %s\n", wrp_severity_str(wrp_result_finding_severity(r, i)),
               wrp_code_str(wrp_result_finding_code(r, i)), wrp_result_finding_message(r, i));
    if (n == 0)
        printf("  no findings\n");
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
        return 2;
    }
    return 2;
}

static int cmd_rc(int argc, char **argv)
{
    rc_opts o;
    memset(&o, 0, sizeof o);
    int pr = parse_rc_args(argc, argv, &o);
    if (pr != 0)
        return pr > 0 ? 0 : EXIT_USAGE;
    wrp_config *cfg = wrp_config_new();
    if (cfg == NULL)
        return 2;
    wrp_config_set_time(cfg, o.time);
    wrp_config_set_revocation(cfg, o.revocation);
    int rc = 2;
    size_t rc_len = 0, ac_len = 0;
    unsigned char *rc_data = NULL, *ac_data = NULL;
    wrp_verifier *v = NULL;
    wrp_result *r = NULL;
    if (add_files(cfg, wrp_config_add_rc_anchors, o.rc_anchors, o.n_rc, "RC anchors") != 0 ||
        add_files(cfg, wrp_config_add_ac_anchors, o.ac_anchors, o.n_ac, "AC anchors") != 0 ||
        add_files(cfg, wrp_config_add_status_list, o.lists, o.n_lists, "status list") != 0 ||
        add_files(cfg, wrp_config_add_crl, o.crls, o.n_crls, "CRL") != 0)
        goto out;
    if ((rc_data = read_all(o.file, &rc_len)) == NULL) {
        fprintf(stderr, "wrpcheck: cannot read %s\n", o.file);
        goto out;
    }
    if (o.ac_chain != NULL && (ac_data = read_all(o.ac_chain, &ac_len)) == NULL) {
        fprintf(stderr, "wrpcheck: cannot read %s\n", o.ac_chain);
        goto out;
    }
    wrp_status st = wrp_verifier_new(cfg, &v);
    if (st == WRP_OK)
        st = wrp_check_registration(v, rc_data, rc_len, ac_data, ac_len, o.for_request, &r);
    if (st != WRP_OK) {
        fprintf(stderr, "wrpcheck: %s\n", wrp_status_str(st));
        goto out;
    }
    if (o.json)
        printf("%s\n", wrp_result_json(r));
    else
        print_text(r);
    rc = exit_code(wrp_result_verdict(r));
out:
    wrp_result_free(r);
    wrp_verifier_free(v);
    wrp_config_free(cfg);
    free(rc_data);
    free(ac_data);
    return rc;
}

int main(int argc, char **argv)
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
    if (strcmp(argv[1], "rc") == 0)
        return cmd_rc(argc - 2, argv + 2);
    fprintf(stderr, "wrpcheck: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
