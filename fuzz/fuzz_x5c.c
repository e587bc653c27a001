/* JOSE x5c: a strict JSON array of standard base64 DER certificates (crypto/x509.h). Invariants:
 * every string of an accepted chain is standard base64 of a certificate whose re-encoding is
 * stable (fuzz_check_reencoding); fuzz_check_chain. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/b64.h"
#include "util/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *x5c = NULL;
    if (wrp_json_parse(data, size, &x5c, NULL) != WRP_OK)
        return 0;
    wrp_chain chain;
    if (wrp_chain_from_x5c(x5c, &chain, NULL) == WRP_OK) {
        size_t i = 0;
        for (const cJSON *e = x5c->child; e != NULL; e = e->next, i++) {
            FUZZ_ASSERT(i < chain.n);
            uint8_t *der = NULL;
            size_t n = 0;
            FUZZ_ASSERT(wrp_b64_decode((const uint8_t *)e->valuestring, strlen(e->valuestring),
                                       &der, &n, NULL) == WRP_OK);
            free(der);
            fuzz_check_reencoding(chain.certs[i]);
        }
        FUZZ_ASSERT(i == chain.n);
        fuzz_check_chain(&chain);
        wrp_chain_free(&chain);
    } else {
        FUZZ_ASSERT(chain.certs == NULL && chain.n == 0);
    }
    cJSON_Delete(x5c);
    return 0;
}
