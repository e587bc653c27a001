/* COSE_Sign1 (crypto/cose.h): structure, header buckets, crit, x5chain, Sig_structure and
 * verification, attached and detached. Invariants: alg is the protected header's; no label is in
 * both headers; the payload and signature point into the parsed item; a signature that verifies
 * had an accepted alg and crit; detached and attached payloads are never confused. */
#include <string.h>

#include "fuzz.h"
#include "util/cbor.h"

static void check_fields(const wrp_cose_sign1 *c)
{
    FUZZ_ASSERT(c->root != NULL && c->protected_map != NULL && cbor_isa_map(c->protected_map));
    FUZZ_ASSERT(c->unprotected != NULL && cbor_isa_map(c->unprotected));
    if (c->protected_len == 0)
        FUZZ_ASSERT(cbor_map_size(c->protected_map) == 0);
    int64_t id;
    const cbor_item_t *alg = wrp_cbor_map_get_int(c->protected_map, WRP_COSE_LABEL_ALG);
    FUZZ_ASSERT(c->alg == (alg != NULL && wrp_cbor_int(alg, &id) ? wrp_alg_from_cose(id)
                                                                   : WRP_ALG_INVALID));
    const struct cbor_pair *up = cbor_map_handle(c->unprotected);
    for (size_t i = 0; i < cbor_map_size(c->unprotected); i++) {
        int64_t label;
        if (wrp_cbor_int(up[i].key, &label)) {
            FUZZ_ASSERT(wrp_cose_header(c, label, true) == NULL);
            FUZZ_ASSERT(wrp_cose_header(c, label, false) == up[i].value);
        }
    }
    FUZZ_ASSERT(c->sig != NULL);
}

static void verify(const wrp_cose_sign1 *c, EVP_PKEY *key, const uint8_t *detached, size_t n)
{
    if (key == NULL) { /* a certificate whose key OpenSSL cannot decode */
        FUZZ_ASSERT(wrp_cose_sign1_verify(c, detached, n, key, NULL) == WRP_ERR_ARG);
        return;
    }
    wrp_status st = wrp_cose_sign1_verify(c, c->payload == NULL ? detached : NULL, n, key, NULL);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_CRYPTO);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    if (st == WRP_OK)
        FUZZ_ASSERT(c->alg != WRP_ALG_INVALID && c->crit_ok && c->sig_len > 0);
    /* the wrong kind of payload is an argument error before any cryptography */
    st = wrp_cose_sign1_verify(c, c->payload == NULL ? NULL : detached, n, key, NULL);
    FUZZ_ASSERT(st == WRP_ERR_ARG);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cbor_item_t *item = NULL;
    if (wrp_cbor_parse(data, size, &item, NULL) != WRP_OK)
        return 0;
    wrp_cose_sign1 c;
    if (wrp_cose_sign1_parse(item, &c, NULL) != WRP_OK) {
        FUZZ_ASSERT(c.root == NULL && c.protected_map == NULL);
        cbor_decref(&item);
        return 0;
    }
    check_fields(&c);
    /* For a detached payload the input itself is offered, which is never what was signed. */
    wrp_chain chain;
    if (wrp_cose_x5chain(&c, &chain, NULL) == WRP_OK) {
        FUZZ_ASSERT(chain.n >= 1);
        verify(&c, fuzz_key_of(chain.certs[0]), data, size);
        wrp_chain_free(&chain);
    } else {
        FUZZ_ASSERT(chain.certs == NULL && chain.n == 0);
    }
    for (size_t i = 0; i < FUZZ_N_KEYS; i++)
        verify(&c, fuzz_keys()[i], data, size);
    wrp_cose_sign1_free(&c);
    cbor_decref(&item);
    return 0;
}
