/* The wrpcheck command. Uses nothing but the public header. */
#include <stdio.h>
#include <string.h>

#include "wrpcheck.h"

#define EXIT_USAGE 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wrpcheck [--version] [--help] COMMAND [ARGS]\n"
            "\n"
            "Judges an EUDI wallet relying party's request before anything is disclosed.\n"
            "\n"
            "commands:\n"
            "  audit REQUEST   verify a request and report overasking (see 'wrpcheck audit --help')\n"
            "\n"
            "options:\n"
            "  --version       print the library version and exit\n"
            "  --help          print this help and exit\n");
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
    fprintf(stderr, "wrpcheck: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
