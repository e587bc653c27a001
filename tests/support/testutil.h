/* Helpers shared by the test programs: files and hex (the manifests: testmanifest.h). */
#ifndef WRP_TESTUTIL_H
#define WRP_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Reads a whole file (relative to the repository root); NULL when unreadable. *len receives the
 * size; the buffer is NUL-terminated (not counted). Caller frees. */
uint8_t *tu_read_file(const char *path, size_t *len);

/* Reads a file of hex digits (whitespace ignored) and decodes it; NULL on error. */
uint8_t *tu_read_hex_file(const char *path, size_t *len);

/* Decodes a hex string (whitespace ignored); NULL on error. */
uint8_t *tu_hex_decode(const char *hex, size_t *len);

#endif
