/* The one signer check (signer.h). */
#include "crypto/signer.h"

#include <string.h>

wrp_signed wrp_signed_jws(const wrp_jws *jws)
{
    return (wrp_signed){.jws = jws, .alg = jws->alg, .crit_ok = jws->crit_ok};
}

wrp_signed wrp_signed_cose(const wrp_cose_sign1 *c, const uint8_t *detached, size_t detached_len)
{
    return (wrp_signed){.cose = c, .detached = detached, .detached_len = detached_len,
                        .alg = c->alg, .crit_ok = c->crit_ok};
}

wrp_status wrp_signed_verify(const wrp_signed *s, EVP_PKEY *key, wrp_err *err)
{
    if (s->alg == WRP_ALG_INVALID)
        return wrp_fail(err, WRP_ERR_CRYPTO, "alg absent, none, HMAC or not supported");
    if (!s->crit_ok)
        return wrp_fail(err, WRP_ERR_CRYPTO, "crit names a header parameter not understood");
    if (s->jws != NULL)
        return wrp_jws_verify(s->jws, key, err);
    if (s->cose != NULL)
        return wrp_cose_sign1_verify(s->cose, s->detached, s->detached_len, key, err);
    if (s->input == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "nothing signed");
    return wrp_sig_verify(s->alg, key, s->input, s->input_len, s->sig, s->sig_len, err);
}

wrp_signer_outcome wrp_signer_verify(const wrp_signed *s, const wrp_chain *chain,
                                     const wrp_anchors *anchors, int64_t t, wrp_signer_result *out)
{
    wrp_signer_result r;
    memset(&r, 0, sizeof r);
    r.chain = WRP_CHAIN_OK;
    if (s->alg == WRP_ALG_INVALID) {
        r.outcome = WRP_SIGNER_ALG;
    } else if (!s->crit_ok) {
        r.outcome = WRP_SIGNER_CRIT;
    } else if (chain == NULL || chain->n == 0 || chain->certs[0] == NULL) {
        r.outcome = WRP_SIGNER_NO_CHAIN;
    } else {
        wrp_err chain_why = {{0}};
        if (anchors != NULL)
            r.chain = wrp_chain_verify(anchors, chain, t, NULL, &chain_why);
        EVP_PKEY *key = X509_get0_pubkey(chain->certs[0]);
        if (key == NULL) {
            r.outcome = WRP_SIGNER_BAD_KEY;
        } else {
            wrp_status st = wrp_signed_verify(s, key, &r.why);
            r.nomem = st == WRP_ERR_NOMEM;
            if (st != WRP_OK)
                r.outcome = WRP_SIGNER_BAD_SIGNATURE;
        }
        if (r.outcome == WRP_SIGNER_OK && r.chain != WRP_CHAIN_OK) {
            r.outcome = WRP_SIGNER_UNTRUSTED;
            r.why = chain_why;
        }
    }
    wrp_ossl_clear(); /* a key that does not decode leaves an error for whoever is next */
    if (out != NULL)
        *out = r;
    return r.outcome;
}
