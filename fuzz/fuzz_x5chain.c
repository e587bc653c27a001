/* COSE x5chain (label 33): one byte string or an array of them, each DER (crypto/x509.h).
 * Invariants: every element of an accepted chain is a certificate whose re-encoding is stable
 * (fuzz_check_reencoding); fuzz_check_chain. */
#include <string.h>

#include "fuzz.h"
#include "util/cbor.h"

static void same_der(X509 *cert, const cbor_item_t *bstr)
{
    const uint8_t *p;
    size_t n;
    FUZZ_ASSERT(wrp_cbor_bstr(bstr, &p, &n));
    FUZZ_ASSERT(n > 0);
    fuzz_check_reencoding(cert);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cbor_item_t *item = NULL;
    if (wrp_cbor_parse(data, size, &item, NULL) != WRP_OK)
        return 0;
    wrp_chain chain;
    if (wrp_chain_from_x5chain(item, &chain, NULL) == WRP_OK) {
        if (cbor_isa_bytestring(item)) {
            FUZZ_ASSERT(chain.n == 1);
            same_der(chain.certs[0], item);
        } else {
            FUZZ_ASSERT(cbor_isa_array(item) && chain.n == cbor_array_size(item));
            for (size_t i = 0; i < chain.n; i++)
                same_der(chain.certs[i], wrp_cbor_array_at(item, i));
        }
        fuzz_check_chain(&chain);
        wrp_chain_free(&chain);
    } else {
        FUZZ_ASSERT(chain.certs == NULL && chain.n == 0);
    }
    cbor_decref(&item);
    return 0;
}
