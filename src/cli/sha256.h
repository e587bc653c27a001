/* SHA-256 (FIPS 180-4) of the files a report names, so that an auditor can show which bytes were
 * judged (sha256sum gives the same hex). The public API has no hash of its own to offer, and the
 * command line uses nothing of the library but its public header. */
#ifndef WRP_CLI_SHA256_H
#define WRP_CLI_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CLI_SHA256_HEX 65 /* 64 lowercase hex digits and the NUL */

typedef struct cli_sha256 {
    uint32_t h[8];
    uint8_t block[64];
    size_t used;    /* bytes in block */
    uint64_t bytes; /* hashed so far */
} cli_sha256;

void cli_sha256_init(cli_sha256 *s);
void cli_sha256_update(cli_sha256 *s, const uint8_t *data, size_t len);
/* The digest as lowercase hex; s is spent. */
void cli_sha256_final(cli_sha256 *s, char hex[CLI_SHA256_HEX]);

/* The digest of data[0..len) as lowercase hex into hex. */
void cli_sha256_hex(const uint8_t *data, size_t len, char hex[CLI_SHA256_HEX]);

/* The digest of the file at path (read in pieces, whatever its size) and its size; -1 when it
 * cannot be read. */
int cli_sha256_file(const char *path, char hex[CLI_SHA256_HEX], uint64_t *size);

#endif
