/* The status list inflate path (wrp_status_list_inflate) on raw zlib bytes, against zlib's own
 * one-shot uncompress2 as the reference: both accept the same complete streams (with nothing after
 * them) up to WRP_MAX_STATUS_LIST_BYTES and produce the same bytes. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fuzz.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t *ref;
    if (ref == NULL && (ref = malloc(WRP_MAX_STATUS_LIST_BYTES + 1)) == NULL)
        abort();
    uint8_t *out = NULL;
    size_t n = 0;
    wrp_status st = wrp_status_list_inflate(data, size, &out, &n, NULL);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT);

    uLongf ref_len = WRP_MAX_STATUS_LIST_BYTES + 1;
    uLong src_len = (uLong)size;
    int z = uncompress2(ref, &ref_len, data, &src_len);
    bool ref_ok = z == Z_OK && src_len == size && ref_len <= WRP_MAX_STATUS_LIST_BYTES;
    if (st == WRP_OK) {
        FUZZ_ASSERT(out != NULL && n <= WRP_MAX_STATUS_LIST_BYTES);
        FUZZ_ASSERT(ref_ok && ref_len == n && (n == 0 || memcmp(ref, out, n) == 0));
    } else {
        FUZZ_ASSERT(out == NULL && n == 0);
        FUZZ_ASSERT(!ref_ok);
    }
    free(out);
    return 0;
}
