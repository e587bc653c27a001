#include "sha256.h"

#include <stdio.h>
#include <stdlib.h>

#include "wrpcheck.h"

void cli_sha256_hex(const uint8_t *data, size_t len, char hex[CLI_SHA256_HEX])
{
    static const uint8_t none = 0;
    if (wrp_sha256_hex(data != NULL ? data : &none, len, hex) != WRP_OK)
        hex[0] = 0;
}

int cli_sha256_file(const char *path, char hex[CLI_SHA256_HEX], uint64_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    int rc = buf != NULL ? 0 : -1;
    while (rc == 0) {
        if (n == cap) {
            uint8_t *more = cap < CLI_SHA256_MAX_FILE ? realloc(buf, cap * 2) : NULL;
            if (more == NULL) {
                rc = -1;
                break;
            }
            buf = more;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            rc = ferror(f) ? -1 : 1;
    }
    fclose(f);
    if (rc == 1 && wrp_sha256_hex(buf, n, hex) == WRP_OK) {
        *size = n;
        rc = 0;
    } else {
        rc = -1;
    }
    free(buf);
    return rc;
}
