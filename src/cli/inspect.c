/* wrpcheck inspect: decodes a file with wrp_inspect_ex and prints it; uses nothing but the public
 * header (and the CLI's file reader). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "inspect.h"
#include "wrpcheck.h"

#define EXIT_ERROR 2
#define EXIT_USAGE 64

static void inspect_usage(FILE *out)
{
    fprintf(out,
            "usage: wrpcheck inspect [OPTIONS] FILE   (- for stdin)\n"
            "\n"
            "Decodes a request, registration certificate, status list token, register response,\n"
            "trusted list, DeviceRequest, or certificates / CRLs (PEM or DER), also as hex or base64\n"
            "text, with what they carry (the registration certificate of verifier_info or euWrprc,\n"
            "reader certificates, transaction data), and prints it without judging it.\n"
            "\n"
            "  --format text|json   output (default text: an indented outline)\n"
            "  --index N            also the status at index N of a status list token\n"
            "\n"
            "exit status: 0 decoded, 2 the file cannot be read or decoded, or has no status at\n"
            "             --index N, 64 usage error\n"
            "\n"
            "example:\n"
            "  wrpcheck inspect --index 5 testvectors/rc/sl-valid.jwt\n");
}

/* An option's value: the next argument, or the text after '=' in --name=value. NULL when
 * absent (message printed). */
static const char *inspect_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (a[n] == '=')
        return a + n + 1;
    if (*i + 1 < argc)
        return argv[++*i];
    fprintf(stderr, "wrpcheck inspect: %s needs a value\n", name);
    return NULL;
}

static bool inspect_option(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == 0 || a[n] == '=');
}

int cli_inspect(int argc, char **argv)
{
    const char *path = NULL, *v;
    wrp_inspect_format format = WRP_INSPECT_TEXT;
    int64_t index = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            inspect_usage(stdout);
            return 0;
        }
        if (inspect_option(a, "--format")) {
            if ((v = inspect_value(argc, argv, &i, "--format")) == NULL)
                return EXIT_USAGE;
            if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0) {
                fprintf(stderr, "wrpcheck inspect: --format takes text or json, not '%s'\n", v);
                return EXIT_USAGE;
            }
            format = strcmp(v, "json") == 0 ? WRP_INSPECT_JSON : WRP_INSPECT_TEXT;
        } else if (inspect_option(a, "--index")) {
            if ((v = inspect_value(argc, argv, &i, "--index")) == NULL)
                return EXIT_USAGE;
            char *end = NULL;
            errno = 0;
            long long x = v[0] >= '0' && v[0] <= '9' ? strtoll(v, &end, 10) : -1;
            if (x < 0 || errno != 0 || end == NULL || *end != 0) {
                fprintf(stderr, "wrpcheck inspect: --index takes an entry number (decimal digits), not '%s'\n",
                        v);
                return EXIT_USAGE;
            }
            index = x;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "wrpcheck inspect: unknown option %s (options: --format text|json, --index N, --help)\n",
                    a);
            return EXIT_USAGE;
        } else if (path != NULL) {
            fprintf(stderr, "wrpcheck inspect: more than one input file (%s, %s)\n", path, a);
            return EXIT_USAGE;
        } else {
            path = a;
        }
    }
    if (path == NULL) {
        fprintf(stderr, "usage: wrpcheck inspect [--format text|json] [--index N] FILE (see --help)\n");
        return EXIT_USAGE;
    }
    size_t len = 0;
    errno = 0;
    unsigned char *data = cli_read_all(path, &len, wrp_max_input_bytes());
    if (data == NULL) {
        fprintf(stderr, "wrpcheck inspect: cannot read %s%s%s\n", path, errno ? ": " : "",
                errno ? strerror(errno) : "");
        return EXIT_ERROR;
    }
    char *text = NULL;
    wrp_status st = wrp_inspect_ex(data, len, format, index, &text);
    wrp_input_shape shape = wrp_sniff(data, len);
    free(data);
    bool printed = text != NULL;
    if (printed) {
        fputs(text, stdout);
        if (format == WRP_INSPECT_JSON)
            fputc('\n', stdout);
        wrp_string_free(text);
    }
    if (st == WRP_OK)
        return 0;
    if (st == WRP_ERR_MALFORMED)
        fprintf(stderr, "wrpcheck inspect: %s cannot be decoded: it looks like %s (the output says why)\n", path,
                wrp_input_shape_str(shape));
    else if (st == WRP_ERR_ARG && printed)
        fprintf(stderr, "wrpcheck inspect: %s has no status at index %lld (the output says why)\n", path,
                (long long)index);
    else
        fprintf(stderr, "wrpcheck inspect: %s: %s\n", path, wrp_status_str(st));
    return EXIT_ERROR;
}

