/* Status list tokens (model/statuslist.h): the envelope (JWT or CWT, as bytes or in the
 * structured form of fuzz.h), the claims, the expiry rule and status lookup through the inflate
 * path. Invariants: a lookup agrees with the inflated list (same status, the value at the
 * position of the index, below 2^bits), fails exactly past the end, and a parse failure leaves
 * nothing allocated. */
#include <stdlib.h>

#include "fuzz.h"
#include "util/limits.h"

static void lookup(const wrp_status_list *sl, const uint8_t *raw, size_t n, wrp_status inflated,
                   uint64_t idx)
{
    unsigned v = 0;
    wrp_status st = wrp_status_list_get(sl, idx, &v, NULL);
    if (inflated != WRP_OK) {
        FUZZ_ASSERT(st == inflated);
        return;
    }
    uint64_t per_byte = 8u / sl->bits;
    if (idx / per_byte >= n) {
        FUZZ_ASSERT(st == WRP_ERR_LIMIT);
        return;
    }
    FUZZ_ASSERT(st == WRP_OK && v < (1u << sl->bits));
    FUZZ_ASSERT(v == ((unsigned)(raw[idx / per_byte] >> (idx % per_byte * sl->bits)) & ((1u << sl->bits) - 1u)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *token;
    size_t len;
    FUZZ_ASSERT(fuzz_token(data, size, &token, &len));
    wrp_status_list sl;
    wrp_status st = wrp_status_list_parse(token, len, &sl, NULL);
    free(token);
    if (st != WRP_OK) {
        wrp_status_list_free(&sl);
        return 0;
    }
    FUZZ_ASSERT(sl.sub != NULL && sl.lst != NULL);
    FUZZ_ASSERT(sl.bits == 1 || sl.bits == 2 || sl.bits == 4 || sl.bits == 8);
    int64_t expiry = wrp_status_list_expiry(&sl);
    if (sl.has_exp)
        FUZZ_ASSERT(expiry == sl.exp);
    else if (sl.has_ttl)
        FUZZ_ASSERT(expiry >= sl.iat);
    else
        FUZZ_ASSERT(expiry == INT64_MAX);

    uint8_t *raw = NULL;
    size_t n = 0;
    wrp_status inflated = wrp_status_list_inflate(sl.lst, sl.lst_len, &raw, &n, NULL);
    FUZZ_ASSERT(inflated != WRP_OK || n <= WRP_MAX_STATUS_LIST_BYTES);
    uint64_t entries = (uint64_t)n * (8u / sl.bits);
    const uint64_t probes[] = {0, 1, 3, 5, 7, 9, 11, entries ? entries - 1 : 0, entries, entries + 1,
                               UINT64_MAX / 2, UINT64_MAX};
    /* every lookup inflates again: one is enough to compare a failure */
    size_t n_probes = inflated == WRP_OK ? sizeof probes / sizeof probes[0] : 1;
    for (size_t i = 0; i < n_probes; i++)
        lookup(&sl, raw, n, inflated, probes[i]);
    free(raw);
    wrp_status_list_free(&sl);
    return 0;
}
