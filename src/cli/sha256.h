/* SHA-256 of the files a report names, so that an auditor can show which bytes were judged
 * (sha256sum gives the same hex): the library's digest (wrp_sha256_hex, OpenSSL's), over bytes
 * in memory or a file read whole. */
#ifndef WRP_CLI_SHA256_H
#define WRP_CLI_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CLI_SHA256_HEX 65 /* 64 lowercase hex digits and the NUL */

/* The largest file whose digest a report gives (read whole into memory): far beyond any input the
 * tool judges (WRP_MAX_INPUT_BYTES), for a file of a batch folder that is too large to judge. */
#define CLI_SHA256_MAX_FILE (256u << 20)

/* The digest of data[0..len) as lowercase hex into hex; "" when it could not be computed (out of
 * memory). */
void cli_sha256_hex(const uint8_t *data, size_t len, char hex[CLI_SHA256_HEX]);

/* The digest of the file at path and its size; -1 when it cannot be read (or is larger than
 * CLI_SHA256_MAX_FILE). */
int cli_sha256_file(const char *path, char hex[CLI_SHA256_HEX], uint64_t *size);

#endif
