/* The one signer check (signer.h). */
#include "crypto/signer.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct wrp_sig_memo {
    pthread_mutex_t lock;
    EVP_MD *sha256;       /* fetched once */
    uint8_t (*keys)[32];
    size_t n, cap, next;  /* next: the slot replaced when full */
    size_t hits;
};

wrp_sig_memo *wrp_sig_memo_new(size_t capacity)
{
    wrp_sig_memo *m = wrp_calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->cap = capacity ? capacity : 1;
    m->keys = wrp_calloc(m->cap, sizeof *m->keys);
    m->sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    if (m->keys == NULL || m->sha256 == NULL || pthread_mutex_init(&m->lock, NULL) != 0) {
        wrp_ossl_clear();
        EVP_MD_free(m->sha256);
        free(m->keys);
        free(m);
        return NULL;
    }
    return m;
}

void wrp_sig_memo_free(wrp_sig_memo *m)
{
    if (m == NULL)
        return;
    pthread_mutex_destroy(&m->lock);
    EVP_MD_free(m->sha256);
    free(m->keys);
    free(m);
}

size_t wrp_sig_memo_hits(wrp_sig_memo *m)
{
    pthread_mutex_lock(&m->lock);
    size_t h = m->hits;
    pthread_mutex_unlock(&m->lock);
    return h;
}

static bool put_part(EVP_MD_CTX *c, const void *p, size_t n)
{
    uint64_t len = n; /* each part framed by its length, so that no two inputs share a digest */
    return EVP_DigestUpdate(c, &len, sizeof len) == 1 && (n == 0 || EVP_DigestUpdate(c, p, n) == 1);
}

/* The memo's key of s signed by cert; false when it cannot be made (then nothing is remembered). */
static bool memo_key(const wrp_sig_memo *m, const wrp_signed *s, X509 *cert, uint8_t key[32])
{
    unsigned char *der = NULL;
    int der_len = i2d_X509(cert, &der);
    EVP_MD_CTX *c = der_len > 0 ? EVP_MD_CTX_new() : NULL;
    bool ok = c != NULL && EVP_DigestInit_ex(c, m->sha256, NULL) == 1;
    uint32_t alg = (uint32_t)s->alg;
    ok = ok && put_part(c, &alg, sizeof alg) && put_part(c, der, (size_t)der_len);
    if (s->jws != NULL) {
        ok = ok && put_part(c, "jws", 3) && put_part(c, s->jws->text, s->jws->signing_input_len) &&
             put_part(c, s->jws->sig, s->jws->sig_len);
    } else if (s->cose != NULL) {
        /* exactly one payload, as wrp_cose_sign1_verify requires: attached, or detached */
        bool attached = s->cose->payload != NULL;
        const uint8_t *payload = attached ? s->cose->payload : s->detached;
        size_t payload_len = attached ? s->cose->payload_len : s->detached_len;
        ok = ok && payload != NULL && !(attached && s->detached != NULL) && put_part(c, "cose", 4) &&
             put_part(c, s->cose->protected_raw, s->cose->protected_len) &&
             put_part(c, payload, payload_len) && put_part(c, s->cose->sig, s->cose->sig_len);
    } else {
        ok = ok && s->input != NULL && put_part(c, "input", 5) &&
             put_part(c, s->input, s->input_len) && put_part(c, s->sig, s->sig_len);
    }
    unsigned int len = 0;
    ok = ok && EVP_DigestFinal_ex(c, key, &len) == 1 && len == 32;
    EVP_MD_CTX_free(c);
    OPENSSL_free(der);
    wrp_ossl_clear();
    return ok;
}

/* Whether key is remembered; the caller holds the lock. */
static bool memo_find(const wrp_sig_memo *m, const uint8_t key[32])
{
    for (size_t i = 0; i < m->n; i++)
        if (memcmp(m->keys[i], key, 32) == 0)
            return true;
    return false;
}

static bool memo_has(wrp_sig_memo *m, const uint8_t key[32])
{
    pthread_mutex_lock(&m->lock);
    bool found = memo_find(m, key);
    if (found)
        m->hits++;
    pthread_mutex_unlock(&m->lock);
    return found;
}

static void memo_add(wrp_sig_memo *m, const uint8_t key[32])
{
    pthread_mutex_lock(&m->lock);
    if (!memo_find(m, key)) {
        size_t slot = m->n < m->cap ? m->n++ : m->next;
        if (m->n == m->cap)
            m->next = (slot + 1) % m->cap;
        memcpy(m->keys[slot], key, 32);
    }
    pthread_mutex_unlock(&m->lock);
}

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
    return wrp_signer_verify_memo(s, chain, anchors, t, NULL, out);
}

wrp_signer_outcome wrp_signer_verify_memo(const wrp_signed *s, const wrp_chain *chain,
                                          const wrp_anchors *anchors, int64_t t, wrp_sig_memo *memo,
                                          wrp_signer_result *out)
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
            uint8_t mk[32];
            bool keyed = memo != NULL && memo_key(memo, s, chain->certs[0], mk);
            if (!keyed || !memo_has(memo, mk)) {
                wrp_status st = wrp_signed_verify(s, key, &r.why);
                r.nomem = st == WRP_ERR_NOMEM;
                if (st != WRP_OK)
                    r.outcome = WRP_SIGNER_BAD_SIGNATURE;
                else if (keyed)
                    memo_add(memo, mk);
            }
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
