/* A certificate chain or anchor file given by the caller: PEM CERTIFICATE blocks or one DER
 * certificate (wrp_chain_parse, wrp_anchors_add). Invariants: fuzz_check_chain; an anchor set
 * takes all of a file or nothing; a single certificate that is itself the anchor is never
 * untrusted. (With more certificates OpenSSL prefers a path through an anchored issuer, so a leaf
 * with a bad signature fails even when it is an anchor too: stricter, and not asserted.) */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrp_chain chain;
    wrp_status st = wrp_chain_parse(data, size, &chain, NULL);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    wrp_anchors *anchors = wrp_anchors_new();
    FUZZ_ASSERT(anchors != NULL);
    wrp_status ast = wrp_anchors_add(anchors, data, size, NULL);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(ast == WRP_OK ? wrp_anchors_count(anchors) > 0 : wrp_anchors_count(anchors) == 0);
    if (st == WRP_OK) {
        fuzz_check_chain(&chain);
        if (ast == WRP_OK && chain.n == 1) {
            wrp_chain_result r = wrp_chain_verify(anchors, &chain, FUZZ_TIME, NULL, NULL);
            FUZZ_ASSERT(r != WRP_CHAIN_UNTRUSTED && r != WRP_CHAIN_BAD_SIGNATURE);
        }
        wrp_chain_free(&chain);
    } else {
        FUZZ_ASSERT(chain.certs == NULL && chain.n == 0);
    }
    wrp_anchors_free(anchors);
    return 0;
}
