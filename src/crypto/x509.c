/* X.509 through OpenSSL 3: strict decoding of x5c / x5chain, path validation against a fixed set
 * of anchors at the caller's time, the profile fields, and CRLs. Every public function leaves the
 * thread's OpenSSL error queue empty. */
#include "crypto/x509.h"

#include <arpa/inet.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>

#include "util/b64.h"
#include "util/limits.h"
#include "util/mem.h"

/* A chain a set validated: the SHA-256 of the DER of each certificate presented, and the chain
 * OpenSSL built from them (leaf first, ending at an anchor). */
typedef struct path_memo {
    uint8_t key[WRP_MAX_CHAIN_LEN][SHA256_DIGEST_LENGTH];
    size_t n;
    STACK_OF(X509) *built;
    int64_t *not_before, *not_after; /* of each certificate of built, in Unix seconds */
    uint64_t used;                   /* tick of the last hit or insertion */
} path_memo;

typedef struct path_memos {
    pthread_mutex_t lock; /* never held while OpenSSL validates */
    path_memo v[WRP_CHAIN_MEMO_SIZE];
    size_t n;
    uint64_t tick, hits;
} path_memos;

/* The anchors are a plain stack handed to each verification as its trusted set: verifying only
 * reads it (and takes references on certificates), so one filled set serves many threads, and no
 * X509_STORE exists that could fall back to default paths or lookups. The paths it validated are
 * remembered beside it, under their own lock. */
struct wrp_anchors {
    STACK_OF(X509) *certs;
    EVP_MD *sha256; /* fetched once for the set: the digests of the memo's keys */
    path_memos *memo;
};

/* ---------------------------------------------------------------------------------------------
 * The certificate cache */

typedef struct cache_entry {
    uint8_t key[SHA256_DIGEST_LENGTH];
    uint8_t *der;
    size_t len;
    X509 *cert;
    uint64_t used; /* tick of the last hit or insertion */
} cache_entry;

struct wrp_cert_cache {
    pthread_mutex_t lock;
    cache_entry *v;
    size_t n, cap;
    uint64_t tick;
    size_t owners; /* wrp_cert_cache_new and each wrp_cert_cache_share; under lock */
    EVP_MD *sha256; /* fetched once for the cache: SHA256() would fetch it by name on every key */
};

static _Thread_local wrp_cert_cache *entered;

wrp_cert_cache *wrp_cert_cache_new(size_t capacity)
{
    if (capacity == 0)
        return NULL;
    wrp_cert_cache *c = wrp_calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->v = wrp_calloc(capacity, sizeof *c->v);
    c->sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    if (c->v == NULL || c->sha256 == NULL || pthread_mutex_init(&c->lock, NULL) != 0) {
        wrp_ossl_clear();
        EVP_MD_free(c->sha256);
        free(c->v);
        free(c);
        return NULL;
    }
    c->cap = capacity;
    c->owners = 1;
    return c;
}

wrp_cert_cache *wrp_cert_cache_share(wrp_cert_cache *c)
{
    if (c == NULL)
        return NULL;
    pthread_mutex_lock(&c->lock);
    c->owners++;
    pthread_mutex_unlock(&c->lock);
    return c;
}

void wrp_cert_cache_free(wrp_cert_cache *c)
{
    if (c == NULL)
        return;
    pthread_mutex_lock(&c->lock);
    bool last = --c->owners == 0;
    pthread_mutex_unlock(&c->lock);
    if (!last)
        return;
    for (size_t i = 0; i < c->n; i++) {
        X509_free(c->v[i].cert);
        free(c->v[i].der);
    }
    free(c->v);
    EVP_MD_free(c->sha256);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

wrp_cert_cache *wrp_cert_cache_enter(wrp_cert_cache *c)
{
    wrp_cert_cache *prev = entered;
    entered = c;
    return prev;
}

void wrp_cert_cache_leave(wrp_cert_cache *prev)
{
    entered = prev;
}

static cache_entry *cache_find(wrp_cert_cache *c, const uint8_t *key, const uint8_t *der, size_t len)
{
    for (size_t i = 0; i < c->n; i++)
        if (memcmp(c->v[i].key, key, sizeof c->v[i].key) == 0 && c->v[i].len == len &&
            memcmp(c->v[i].der, der, len) == 0)
            return &c->v[i];
    return NULL;
}

/* A new reference to the cached certificate for der, or NULL. */
static X509 *cache_get(wrp_cert_cache *c, const uint8_t *key, const uint8_t *der, size_t len)
{
    X509 *x = NULL;
    pthread_mutex_lock(&c->lock);
    cache_entry *e = cache_find(c, key, der, len);
    if (e != NULL && X509_up_ref(e->cert)) {
        e->used = ++c->tick;
        x = e->cert;
    }
    pthread_mutex_unlock(&c->lock);
    return x;
}

/* Keeps a reference to x for der, in place of the least recently used entry when full. Failing to
 * keep it is not an error: the next call decodes again. */
static void cache_put(wrp_cert_cache *c, const uint8_t *key, const uint8_t *der, size_t len, X509 *x)
{
    uint8_t *copy = wrp_malloc(len);
    if (copy == NULL)
        return;
    memcpy(copy, der, len);
    pthread_mutex_lock(&c->lock);
    cache_entry *e = NULL;
    if (cache_find(c, key, der, len) == NULL && X509_up_ref(x)) {
        if (c->n < c->cap) {
            e = &c->v[c->n++];
        } else {
            e = &c->v[0];
            for (size_t i = 1; i < c->n; i++)
                if (c->v[i].used < e->used)
                    e = &c->v[i];
            X509_free(e->cert);
            free(e->der);
        }
        *e = (cache_entry){.der = copy, .len = len, .cert = x, .used = ++c->tick};
        memcpy(e->key, key, sizeof e->key);
        copy = NULL;
    }
    pthread_mutex_unlock(&c->lock);
    free(copy);
}

/* ---------------------------------------------------------------------------------------------
 * Decoding */

/* Whether OpenSSL's error queue records an allocation failure; empties the queue. A decoder that
 * ran out of memory fails like one that met bad input: only the queue tells them apart. */
/* What OpenSSL fills in while decoding, or on first use, and keeps for good even when it failed
 * for want of memory: the extension data and what it derives from them (a failed step leaves
 * EXFLAG_INVALID or EXFLAG_NO_FINGERPRINT, or a self-issued certificate without EXFLAG_SS, which
 * path building then takes for an ordinary one), and the public key (a key that does not decode
 * is left out without an error, since a certificate may carry a key type OpenSSL does not know).
 * Any of these may also be what the certificate is: suspect, not proof. */
static bool cached_state_suspect(X509 *x)
{
    uint32_t f = X509_get_extension_flags(x);
    return (f & (EXFLAG_INVALID | EXFLAG_NO_FINGERPRINT)) != 0 ||
           ((f & EXFLAG_SI) != 0 && (f & EXFLAG_SS) == 0) || X509_get0_pubkey(x) == NULL;
}

/* Decodes the DER again and fills in its extension data and key: 1 when the fresh copy ends in
 * another state than x (x's was then made short of memory). */
static bool decodes_otherwise(X509 *x, const uint8_t *der, size_t len)
{
    const unsigned char *p = der;
    X509 *again = d2i_X509(NULL, &p, (long)len);
    bool other = false;
    if (again != NULL) {
        (void)X509_check_purpose(again, -1, 0);
        other = X509_get_extension_flags(again) != X509_get_extension_flags(x) ||
                (X509_get0_pubkey(again) == NULL) != (X509_get0_pubkey(x) == NULL);
    }
    X509_free(again);
    wrp_ossl_clear();
    return other;
}

static bool ossl_out_of_memory(void)
{
    bool oom = false;
    for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error())
        if (ERR_GET_REASON(e) == ERR_R_MALLOC_FAILURE)
            oom = true;
    return oom;
}

wrp_status wrp_cert_from_der(const uint8_t *der, size_t len, X509 **out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    *out = NULL;
    if (der == NULL && len > 0)
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    if (len == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "empty certificate");
    if (len > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "certificate of %zu bytes exceeds %u", len,
                        WRP_MAX_INPUT_BYTES);
    wrp_cert_cache *cache = entered;
    uint8_t key[SHA256_DIGEST_LENGTH];
    if (cache != NULL && EVP_Digest(der, len, key, NULL, cache->sha256, NULL) != 1) {
        wrp_ossl_clear();
        cache = NULL; /* decoded without the cache */
    }
    if (cache != NULL && (*out = cache_get(cache, key, der, len)) != NULL)
        return WRP_OK;
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    bool oom = x == NULL && ossl_out_of_memory();
    wrp_ossl_clear();
    if (oom)
        return wrp_nomem();
    if (x == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "certificate does not decode as DER X.509");
    if (p != der + len) {
        X509_free(x);
        return wrp_fail(err, WRP_ERR_MALFORMED, "%zu bytes after the certificate",
                        (size_t)(der + len - p));
    }
    /* OpenSSL fills a certificate's extension data (flags, key identifiers) on first use, under a
     * lock but visible to readers that did not take it; certificates are shared (anchor sets, the
     * cache), so that happens now, while this one is still private to the thread. */
    (void)X509_check_purpose(x, -1, 0);
    wrp_ossl_clear();
    if (cached_state_suspect(x) && decodes_otherwise(x, der, len)) {
        /* OpenSSL keeps what it could not fill in for want of memory, for good, and says nothing
         * more: when a fresh decoding of the same bytes ends otherwise, the first one ran out of
         * memory. */
        X509_free(x);
        return wrp_fail(err, WRP_ERR_NOMEM, "out of memory while decoding a certificate");
    }
    if (cache != NULL)
        cache_put(cache, key, der, len, x);
    *out = x;
    return WRP_OK;
}

void wrp_chain_free(wrp_chain *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++)
        X509_free(c->certs[i]);
    free(c->certs);
    c->certs = NULL;
    c->n = 0;
}

static wrp_status chain_alloc(wrp_chain *out, size_t n)
{
    out->certs = wrp_calloc(n, sizeof *out->certs);
    if (out->certs == NULL)
        return wrp_nomem();
    out->n = n;
    return WRP_OK;
}

wrp_status wrp_chain_from_x5c(const cJSON *x5c, wrp_chain *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    out->certs = NULL;
    out->n = 0;
    if (!cJSON_IsArray(x5c))
        return wrp_fail(err, WRP_ERR_MALFORMED, "x5c is not an array");
    size_t n = 0;
    for (const cJSON *e = x5c->child; e != NULL; e = e->next)
        if (++n > WRP_MAX_CHAIN_LEN)
            return wrp_fail(err, WRP_ERR_LIMIT, "x5c holds more than %u certificates",
                            WRP_MAX_CHAIN_LEN);
    if (n == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "x5c is empty");
    wrp_status st = chain_alloc(out, n);
    if (st != WRP_OK)
        return st;
    size_t i = 0;
    for (const cJSON *e = x5c->child; e != NULL; e = e->next, i++) {
        if (!cJSON_IsString(e) || e->valuestring == NULL) {
            st = wrp_fail(err, WRP_ERR_MALFORMED, "x5c[%zu] is not a string", i);
            break;
        }
        uint8_t *der = NULL;
        size_t der_len = 0;
        wrp_err sub = {{0}};
        st = wrp_b64_decode((const uint8_t *)e->valuestring, strlen(e->valuestring), &der,
                            &der_len, &sub);
        if (st == WRP_OK)
            st = wrp_cert_from_der(der, der_len, &out->certs[i], &sub);
        free(der);
        if (st != WRP_OK) {
            wrp_fail(err, st, "x5c[%zu]: %s", i, sub.msg);
            break;
        }
    }
    if (st != WRP_OK)
        wrp_chain_free(out);
    return st;
}

static wrp_status cert_from_bstr(const cbor_item_t *item, size_t i, X509 **out, wrp_err *err)
{
    if (!cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item))
        return wrp_fail(err, WRP_ERR_MALFORMED, "x5chain[%zu] is not a definite byte string", i);
    wrp_err sub = {{0}};
    wrp_status st = wrp_cert_from_der(cbor_bytestring_handle(item), cbor_bytestring_length(item),
                                      out, &sub);
    if (st != WRP_OK)
        return wrp_fail(err, st, "x5chain[%zu]: %s", i, sub.msg);
    return WRP_OK;
}

/* Elements are read through cbor_array_handle rather than cbor_array_get: the input is const and
 * may be shared, and cbor_array_get writes reference counts. */
wrp_status wrp_chain_from_x5chain(const cbor_item_t *x5chain, wrp_chain *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    out->certs = NULL;
    out->n = 0;
    if (x5chain == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "no x5chain");
    if (cbor_isa_bytestring(x5chain)) {
        wrp_status st = chain_alloc(out, 1);
        if (st == WRP_OK)
            st = cert_from_bstr(x5chain, 0, &out->certs[0], err);
        if (st != WRP_OK)
            wrp_chain_free(out);
        return st;
    }
    if (!cbor_isa_array(x5chain))
        return wrp_fail(err, WRP_ERR_MALFORMED, "x5chain is neither a byte string nor an array");
    size_t n = cbor_array_size(x5chain);
    if (n == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "x5chain is an empty array");
    if (n > WRP_MAX_CHAIN_LEN)
        return wrp_fail(err, WRP_ERR_LIMIT, "x5chain holds %zu certificates, more than %u", n,
                        WRP_MAX_CHAIN_LEN);
    cbor_item_t **items = cbor_array_handle(x5chain);
    if (items == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "x5chain array has no elements");
    wrp_status st = chain_alloc(out, n);
    for (size_t i = 0; st == WRP_OK && i < n; i++) {
        if (items[i] == NULL)
            st = wrp_fail(err, WRP_ERR_MALFORMED, "x5chain[%zu] is missing", i);
        else
            st = cert_from_bstr(items[i], i, &out->certs[i], err);
    }
    if (st != WRP_OK)
        wrp_chain_free(out);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * PEM or DER files: one DER object, or PEM blocks all carrying the expected label. */

typedef wrp_status (*der_sink)(const uint8_t *der, size_t len, void *ctx, wrp_err *err);

static bool contains(const uint8_t *p, size_t len, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= len; i++)
        if (memcmp(p + i, needle, m) == 0)
            return true;
    return false;
}

static bool pem_at_end(void)
{
    unsigned long e = ERR_peek_last_error();
    return ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE;
}

/* OpenSSL reads a failed allocation inside PEM_read_bio as a malformed block, without an error
 * that says so: input that reads whole on a second pass was not malformed. */
static bool pem_reads_whole(const uint8_t *data, size_t len)
{
    BIO *bio = BIO_new_mem_buf(data, (int)len);
    bool whole = bio != NULL;
    while (whole) {
        char *name = NULL, *header = NULL;
        unsigned char *body = NULL;
        long body_len = 0;
        wrp_ossl_clear();
        if (PEM_read_bio(bio, &name, &header, &body, &body_len) != 1) {
            whole = pem_at_end();
            break;
        }
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(body);
    }
    BIO_free(bio);
    wrp_ossl_clear();
    return whole;
}

static wrp_status read_pem(const uint8_t *data, size_t len, const char *label, der_sink sink,
                           void *ctx, wrp_err *err)
{
    BIO *bio = BIO_new_mem_buf(data, (int)len);
    if (bio == NULL)
        return wrp_nomem();
    wrp_status st = WRP_OK;
    size_t found = 0;
    for (size_t block = 0; st == WRP_OK; block++) {
        char *name = NULL, *header = NULL;
        unsigned char *body = NULL;
        long body_len = 0;
        wrp_ossl_clear();
        if (PEM_read_bio(bio, &name, &header, &body, &body_len) != 1) {
            if (pem_at_end())
                break;
            st = ossl_out_of_memory() || pem_reads_whole(data, len)
                     ? wrp_nomem()
                     : wrp_fail(err, WRP_ERR_MALFORMED, "PEM block %zu is malformed", block);
            break;
        }
        if (strcmp(name, label) != 0)
            st = wrp_fail(err, WRP_ERR_MALFORMED, "PEM block %zu is a %s, not a %s", block, name,
                          label);
        else if (header[0] != '\0')
            st = wrp_fail(err, WRP_ERR_MALFORMED, "PEM block %zu has headers", block);
        else if (body_len <= 0)
            st = wrp_fail(err, WRP_ERR_MALFORMED, "PEM block %zu is empty", block);
        else
            st = sink(body, (size_t)body_len, ctx, err);
        found++;
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(body);
    }
    BIO_free(bio);
    wrp_ossl_clear();
    if (st == WRP_OK && found == 0)
        st = wrp_fail(err, WRP_ERR_MALFORMED, "no %s PEM block", label);
    return st;
}

static wrp_status read_pem_or_der(const uint8_t *data, size_t len, const char *label,
                                  der_sink sink, void *ctx, wrp_err *err)
{
    if (data == NULL && len > 0)
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    if (len == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "empty input: no %s", label);
    if (len > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "input of %zu bytes exceeds %u", len,
                        WRP_MAX_INPUT_BYTES);
    if (contains(data, len, "-----BEGIN "))
        return read_pem(data, len, label, sink, ctx, err);
    return sink(data, len, ctx, err);
}

static wrp_status push_chain_cert(const uint8_t *der, size_t len, void *ctx, wrp_err *err)
{
    wrp_chain *c = ctx;
    if (c->n >= WRP_MAX_CHAIN_LEN)
        return wrp_fail(err, WRP_ERR_LIMIT, "chain holds more than %u certificates", WRP_MAX_CHAIN_LEN);
    X509 **v = wrp_realloc(c->certs, (c->n + 1) * sizeof *v);
    if (v == NULL)
        return wrp_nomem();
    c->certs = v;
    wrp_err sub = {{0}};
    wrp_status st = wrp_cert_from_der(der, len, &c->certs[c->n], &sub);
    if (st != WRP_OK)
        return wrp_fail(err, st, "certificate %zu: %s", c->n, sub.msg);
    c->n++;
    return WRP_OK;
}

wrp_status wrp_chain_parse(const uint8_t *data, size_t len, wrp_chain *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    out->certs = NULL;
    out->n = 0;
    wrp_status st = read_pem_or_der(data, len, "CERTIFICATE", push_chain_cert, out, err);
    if (st != WRP_OK)
        wrp_chain_free(out);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Anchors */

static void memo_entry_free(path_memo *e)
{
    sk_X509_pop_free(e->built, X509_free);
    free(e->not_before);
    free(e->not_after);
}

static void memo_clear(path_memos *m)
{
    for (size_t i = 0; i < m->n; i++)
        memo_entry_free(&m->v[i]);
    m->n = 0;
}

static void anchors_free(wrp_anchors *a)
{
    if (a->memo != NULL) {
        memo_clear(a->memo);
        pthread_mutex_destroy(&a->memo->lock);
        free(a->memo);
    }
    EVP_MD_free(a->sha256);
    sk_X509_pop_free(a->certs, X509_free);
    free(a);
}

static wrp_anchors *anchors_around(STACK_OF(X509) *certs)
{
    wrp_anchors *a = wrp_calloc(1, sizeof *a);
    if (a == NULL) {
        sk_X509_pop_free(certs, X509_free);
        return NULL;
    }
    a->certs = certs;
    a->sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    path_memos *m = wrp_calloc(1, sizeof *m);
    if (m != NULL && pthread_mutex_init(&m->lock, NULL) != 0) {
        free(m);
        m = NULL;
    }
    a->memo = m;
    if (a->certs == NULL || a->sha256 == NULL || a->memo == NULL) {
        wrp_ossl_clear();
        anchors_free(a);
        return NULL;
    }
    return a;
}

wrp_anchors *wrp_anchors_new(void)
{
    return anchors_around(sk_X509_new_null());
}

void wrp_anchors_free(wrp_anchors *a)
{
    if (a != NULL)
        anchors_free(a);
}

/* The snapshot starts with no remembered path of its own. */
wrp_anchors *wrp_anchors_dup(const wrp_anchors *a)
{
    if (a == NULL)
        return NULL;
    STACK_OF(X509) *certs = X509_chain_up_ref(a->certs);
    if (certs == NULL) {
        wrp_ossl_clear();
        return NULL;
    }
    return anchors_around(certs);
}

size_t wrp_anchors_count(const wrp_anchors *a)
{
    return a == NULL ? 0 : (size_t)sk_X509_num(a->certs);
}

X509 *wrp_anchors_get0(const wrp_anchors *a, size_t i)
{
    return i < wrp_anchors_count(a) ? sk_X509_value(a->certs, (int)i) : NULL;
}

void wrp_anchors_memo_stats(const wrp_anchors *a, size_t *entries, uint64_t *hits)
{
    pthread_mutex_lock(&a->memo->lock);
    *entries = a->memo->n;
    *hits = a->memo->hits;
    pthread_mutex_unlock(&a->memo->lock);
}

static bool stack_has(STACK_OF(X509) *sk, int upto, X509 *x)
{
    for (int i = 0; i < upto; i++)
        if (X509_cmp(sk_X509_value(sk, i), x) == 0)
            return true;
    return false;
}

wrp_status wrp_anchors_add_cert(wrp_anchors *a, X509 *cert)
{
    if (a == NULL || cert == NULL)
        return WRP_ERR_ARG;
    wrp_status st = WRP_OK;
    if (stack_has(a->certs, sk_X509_num(a->certs), cert))
        st = WRP_OK;
    else if (wrp_anchors_count(a) >= WRP_MAX_ANCHORS)
        st = WRP_ERR_LIMIT;
    else if (!X509_up_ref(cert))
        st = WRP_ERR_INTERNAL;
    else if (sk_X509_push(a->certs, cert) <= 0) {
        X509_free(cert);
        st = wrp_nomem();
    }
    memo_clear(a->memo); /* another anchor may change the path OpenSSL builds */
    wrp_ossl_clear();
    return st;
}

static wrp_status push_cert(const uint8_t *der, size_t len, void *ctx, wrp_err *err)
{
    STACK_OF(X509) *sk = ctx;
    if ((size_t)sk_X509_num(sk) >= WRP_MAX_ANCHORS)
        return wrp_fail(err, WRP_ERR_LIMIT, "more than %u certificates", WRP_MAX_ANCHORS);
    X509 *x = NULL;
    wrp_err sub = {{0}};
    wrp_status st = wrp_cert_from_der(der, len, &x, &sub);
    if (st != WRP_OK)
        return wrp_fail(err, st, "certificate %d: %s", sk_X509_num(sk), sub.msg);
    if (sk_X509_push(sk, x) <= 0) {
        X509_free(x);
        return wrp_nomem();
    }
    return WRP_OK;
}

/* All or nothing: the file is decoded completely before the set changes. */
wrp_status wrp_anchors_add(wrp_anchors *a, const uint8_t *data, size_t len, wrp_err *err)
{
    if (a == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no anchor set");
    STACK_OF(X509) *fresh = sk_X509_new_null();
    if (fresh == NULL)
        return wrp_nomem();
    wrp_status st = read_pem_or_der(data, len, "CERTIFICATE", push_cert, fresh, err);
    int have = sk_X509_num(a->certs);
    size_t added = 0;
    for (int i = 0; st == WRP_OK && i < sk_X509_num(fresh); i++) {
        X509 *x = sk_X509_value(fresh, i);
        if (!stack_has(a->certs, have, x) && !stack_has(fresh, i, x))
            added++;
    }
    if (st == WRP_OK && (size_t)have + added > WRP_MAX_ANCHORS)
        st = wrp_fail(err, WRP_ERR_LIMIT, "more than %u anchors", WRP_MAX_ANCHORS);
    if (st == WRP_OK && added > 0 && !sk_X509_reserve(a->certs, (int)added))
        st = wrp_nomem();
    for (int i = 0; st == WRP_OK && i < sk_X509_num(fresh); i++) {
        X509 *x = sk_X509_value(fresh, i);
        if (stack_has(a->certs, sk_X509_num(a->certs), x))
            continue;
        sk_X509_push(a->certs, x); /* cannot fail after the reserve */
        sk_X509_set(fresh, i, NULL);
    }
    sk_X509_pop_free(fresh, X509_free);
    memo_clear(a->memo);
    wrp_ossl_clear();
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Path validation */

const char *wrp_chain_result_str(wrp_chain_result r)
{
    switch (r) {
    case WRP_CHAIN_OK:
        return "ok";
    case WRP_CHAIN_UNTRUSTED:
        return "untrusted";
    case WRP_CHAIN_EXPIRED:
        return "expired";
    case WRP_CHAIN_NOT_YET_VALID:
        return "not yet valid";
    case WRP_CHAIN_BAD_SIGNATURE:
        return "bad signature";
    case WRP_CHAIN_INVALID:
        return "invalid";
    }
    return "unknown";
}

static wrp_chain_result map_verify_error(int code)
{
    switch (code) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED:
        return WRP_CHAIN_UNTRUSTED;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return WRP_CHAIN_EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return WRP_CHAIN_NOT_YET_VALID;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
        return WRP_CHAIN_BAD_SIGNATURE;
    default:
        return WRP_CHAIN_INVALID;
    }
}

static wrp_chain_result chain_fail(wrp_err *err, wrp_chain_result r, const char *msg)
{
    wrp_ossl_clear();
    wrp_fail(err, WRP_ERR_CRYPTO, "%s", msg);
    return r;
}

static bool is_anchor(const wrp_anchors *anchors, const X509 *cert)
{
    for (int i = 0; i < sk_X509_num(anchors->certs); i++)
        if (X509_cmp(sk_X509_value(anchors->certs, i), cert) == 0)
            return true;
    return false;
}

/* The path OpenSSL validated, leaf first and the anchor it ends at last, as new references. With
 * partial chains OpenSSL may trust the leaf itself (or an intermediate) and still keep the
 * untrusted issuers it found above it: the path ends at the anchors, the first one met and those
 * right above it, and never takes in a certificate that only the sender vouched for beyond them. */
static wrp_status copy_path(const wrp_anchors *anchors, STACK_OF(X509) *built, wrp_chain *out)
{
    int n = sk_X509_num(built), first = 0;
    while (first < n && !is_anchor(anchors, sk_X509_value(built, first)))
        first++;
    if (first == n)
        return WRP_ERR_INTERNAL;
    while (first + 1 < n && is_anchor(anchors, sk_X509_value(built, first + 1)))
        first++;
    n = first + 1;
    wrp_status st = chain_alloc(out, (size_t)n);
    for (int i = 0; st == WRP_OK && i < n; i++) {
        X509 *c = sk_X509_value(built, i);
        if (!X509_up_ref(c))
            st = WRP_ERR_INTERNAL;
        else
            out->certs[i] = c;
    }
    if (st != WRP_OK)
        wrp_chain_free(out);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Remembered paths: what a validation found that the time does not change */

typedef struct chain_key {
    uint8_t d[WRP_MAX_CHAIN_LEN][SHA256_DIGEST_LENGTH];
    size_t n;
} chain_key;

/* The SHA-256 of the DER of each certificate presented; false when it cannot be made (the chain
 * is then validated as if nothing were remembered). */
static bool chain_key_of(const wrp_anchors *a, const wrp_chain *chain, chain_key *k)
{
    k->n = chain->n;
    for (size_t i = 0; i < chain->n; i++) {
        unsigned char *der = NULL;
        int len = i2d_X509(chain->certs[i], &der);
        unsigned int md_len = 0;
        bool ok = len > 0 && EVP_Digest(der, (size_t)len, k->d[i], &md_len, a->sha256, NULL) == 1 &&
                  md_len == SHA256_DIGEST_LENGTH;
        OPENSSL_free(der);
        if (!ok) {
            wrp_ossl_clear();
            return false;
        }
    }
    return true;
}

static path_memo *path_memo_find(path_memos *m, const chain_key *k)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].n == k->n && memcmp(m->v[i].key, k->d, k->n * sizeof k->d[0]) == 0)
            return &m->v[i];
    return NULL;
}

/* A chain's validity periods read once, as Unix seconds. */
typedef struct validity {
    STACK_OF(X509) *built;
    int64_t *not_before, *not_after;
} validity;

/* A time of a certificate OpenSSL validated as seconds since the epoch (X509_cmp_time, which
 * OpenSSL's validation uses, compares the same calendar instants to the second). */
static bool seconds_of(const ASN1_TIME *epoch, const ASN1_TIME *t, int64_t *out)
{
    int days = 0, secs = 0;
    if (ASN1_TIME_diff(&days, &secs, epoch, t) != 1)
        return false;
    *out = (int64_t)days * 86400 + secs;
    return true;
}

static bool validity_of(STACK_OF(X509) *built, validity *v)
{
    size_t n = (size_t)sk_X509_num(built);
    v->not_before = wrp_malloc((n ? n : 1) * sizeof *v->not_before);
    v->not_after = wrp_malloc((n ? n : 1) * sizeof *v->not_after);
    ASN1_TIME *epoch = ASN1_TIME_set(NULL, 0);
    bool ok = v->not_before != NULL && v->not_after != NULL && epoch != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        X509 *x = sk_X509_value(built, (int)i);
        ok = seconds_of(epoch, X509_get0_notBefore(x), &v->not_before[i]) &&
             seconds_of(epoch, X509_get0_notAfter(x), &v->not_after[i]);
    }
    ASN1_TIME_free(epoch);
    v->built = ok ? X509_chain_up_ref(built) : NULL;
    if (v->built == NULL) {
        free(v->not_before);
        free(v->not_after);
        wrp_ossl_clear();
        return false;
    }
    return true;
}

/* A new reference to the chain built for k when every certificate of it is valid at t, as
 * OpenSSL's validation judges it (check_cert_time: notBefore at or before t, notAfter after t);
 * else NULL. */
static STACK_OF(X509) *path_memo_get(path_memos *m, const chain_key *k, int64_t t)
{
    STACK_OF(X509) *built = NULL;
    pthread_mutex_lock(&m->lock);
    path_memo *e = path_memo_find(m, k);
    if (e != NULL) {
        m->hits++;
        e->used = ++m->tick;
        bool valid = true;
        for (int i = 0; valid && i < sk_X509_num(e->built); i++)
            valid = e->not_before[i] <= t && t < e->not_after[i];
        if (valid)
            built = X509_chain_up_ref(e->built);
    }
    pthread_mutex_unlock(&m->lock);
    return built;
}

/* Remembers the chain built for k, in place of the least recently used entry when full. Failing
 * to remember is not an error: the chain is validated in full when met again. */
static void path_memo_put(path_memos *m, const chain_key *k, STACK_OF(X509) *built)
{
    validity v;
    if (!validity_of(built, &v))
        return;
    pthread_mutex_lock(&m->lock);
    if (path_memo_find(m, k) == NULL) {
        path_memo *e;
        if (m->n < WRP_CHAIN_MEMO_SIZE) {
            e = &m->v[m->n++];
        } else {
            e = &m->v[0];
            for (size_t i = 1; i < m->n; i++)
                if (m->v[i].used < e->used)
                    e = &m->v[i];
            memo_entry_free(e);
        }
        e->n = k->n;
        memcpy(e->key, k->d, k->n * sizeof k->d[0]);
        e->built = v.built;
        e->not_before = v.not_before;
        e->not_after = v.not_after;
        e->used = ++m->tick;
        v.built = NULL;
    }
    pthread_mutex_unlock(&m->lock);
    if (v.built != NULL) {
        sk_X509_pop_free(v.built, X509_free);
        free(v.not_before);
        free(v.not_after);
    }
}

/* The outputs of a validation from the chain it built: the issuer of the leaf on it, and the path
 * up to the anchors. */
static wrp_chain_result answer(const wrp_anchors *anchors, STACK_OF(X509) *built, X509 **issuer_out,
                               wrp_chain *path_out, wrp_err *err)
{
    if (path_out != NULL && copy_path(anchors, built, path_out) != WRP_OK)
        return chain_fail(err, WRP_CHAIN_INVALID, "the validated path could not be kept");
    if (issuer_out != NULL) {
        X509 *issuer = sk_X509_num(built) > 1 ? sk_X509_value(built, 1) : NULL;
        if (issuer != NULL && !X509_up_ref(issuer)) {
            if (path_out != NULL)
                wrp_chain_free(path_out);
            return chain_fail(err, WRP_CHAIN_INVALID, "issuer reference could not be taken");
        }
        *issuer_out = issuer;
    }
    return WRP_CHAIN_OK;
}

/* A chain validated before against these anchors and every certificate of the path it built valid
 * at t: OK with that path. Anything else (not remembered, or a certificate not valid at t) is for
 * the full validation to answer. */
static bool remembered(const wrp_anchors *anchors, const chain_key *k, int64_t t, X509 **issuer_out,
                       wrp_chain *path_out, wrp_chain_result *r, wrp_err *err)
{
    STACK_OF(X509) *built = path_memo_get(anchors->memo, k, t);
    if (built == NULL) {
        wrp_ossl_clear();
        return false;
    }
    *r = answer(anchors, built, issuer_out, path_out, err);
    sk_X509_pop_free(built, X509_free);
    return true;
}

static wrp_chain_result verify_once(const wrp_anchors *anchors, const wrp_chain *chain, time_t t,
                                    STACK_OF(X509) *untrusted, const chain_key *key,
                                    X509 **issuer_out, wrp_chain *path_out, wrp_err *err)
{
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (ctx == NULL) {
        wrp_oom_note();
        return chain_fail(err, WRP_CHAIN_INVALID, "out of memory");
    }
    wrp_chain_result r = WRP_CHAIN_INVALID;
    if (X509_STORE_CTX_init(ctx, NULL, chain->certs[0], untrusted) != 1) {
        wrp_oom_note(); /* it only allocates */
        wrp_fail(err, WRP_ERR_CRYPTO, "verification context could not be set up");
        goto done;
    }
    X509_STORE_CTX_set0_trusted_stack(ctx, anchors->certs);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    X509_VERIFY_PARAM_set_time(param, t);
    if (X509_verify_cert(ctx) == 1) {
        STACK_OF(X509) *built = X509_STORE_CTX_get0_chain(ctx);
        r = answer(anchors, built, issuer_out, path_out, err);
        if (r == WRP_CHAIN_OK && key != NULL)
            path_memo_put(anchors->memo, key, built);
        goto done;
    }
    int code = X509_STORE_CTX_get_error(ctx);
    if (code == X509_V_ERR_OUT_OF_MEM)
        wrp_oom_note();
    if (code == X509_V_OK) {
        wrp_fail(err, WRP_ERR_CRYPTO, "verification could not run");
        goto done;
    }
    r = map_verify_error(code);
    wrp_fail(err, WRP_ERR_CRYPTO, "certificate at depth %d: %s",
             X509_STORE_CTX_get_error_depth(ctx), X509_verify_cert_error_string(code));
done:
    X509_STORE_CTX_free(ctx);
    return r;
}

/* X509_verify_cert takes a failed allocation while checking a signature for a bad signature: a
 * chain whose failure a second try does not repeat word for word did not fail for what it is,
 * the first try ran out of memory (noted; the judgement ends with WRP_ERR_NOMEM). */
static wrp_chain_result run_verify(const wrp_anchors *anchors, const wrp_chain *chain, time_t t,
                                   STACK_OF(X509) *untrusted, const chain_key *key,
                                   X509 **issuer_out, wrp_chain *path_out, wrp_err *err)
{
    wrp_err first = {{0}}, again = {{0}};
    wrp_chain_result r = verify_once(anchors, chain, t, untrusted, key, issuer_out, path_out, &first);
    if (r != WRP_CHAIN_OK && (verify_once(anchors, chain, t, untrusted, NULL, NULL, NULL, &again) != r ||
                              strcmp(first.msg, again.msg) != 0))
        wrp_oom_note();
    if (r != WRP_CHAIN_OK)
        wrp_fail(err, WRP_ERR_CRYPTO, "%s", first.msg);
    return r;
}

static wrp_chain_result verify_chain(const wrp_anchors *anchors, const wrp_chain *chain, int64_t t,
                                     X509 **issuer_out, wrp_chain *path_out, wrp_err *err)
{
    if (issuer_out != NULL)
        *issuer_out = NULL;
    if (path_out != NULL)
        *path_out = (wrp_chain){NULL, 0};
    if (anchors == NULL || chain == NULL || chain->certs == NULL || chain->n == 0)
        return chain_fail(err, WRP_CHAIN_INVALID, "no chain or no anchor set");
    if (chain->n > WRP_MAX_CHAIN_LEN)
        return chain_fail(err, WRP_CHAIN_INVALID, "chain longer than the limit");
    for (size_t i = 0; i < chain->n; i++)
        if (chain->certs[i] == NULL)
            return chain_fail(err, WRP_CHAIN_INVALID, "chain has an empty slot");
    if ((int64_t)(time_t)t != t)
        return chain_fail(err, WRP_CHAIN_INVALID, "time out of range");
    if (wrp_anchors_count(anchors) == 0)
        return chain_fail(err, WRP_CHAIN_UNTRUSTED, "no trust anchors configured");
    chain_key key;
    bool keyed = chain_key_of(anchors, chain, &key);
    wrp_chain_result r;
    if (keyed && remembered(anchors, &key, t, issuer_out, path_out, &r, err))
        return r;
    STACK_OF(X509) *untrusted = sk_X509_new_reserve(NULL, (int)chain->n);
    if (untrusted == NULL)
        return chain_fail(err, WRP_CHAIN_INVALID, "out of memory");
    for (size_t i = 1; i < chain->n; i++)
        sk_X509_push(untrusted, chain->certs[i]); /* cannot fail after the reserve */
    r = run_verify(anchors, chain, (time_t)t, untrusted, keyed ? &key : NULL, issuer_out, path_out, err);
    sk_X509_free(untrusted);
    wrp_ossl_clear();
    return r;
}

wrp_chain_result wrp_chain_verify(const wrp_anchors *anchors, const wrp_chain *chain, int64_t t,
                                  X509 **issuer_out, wrp_err *err)
{
    return verify_chain(anchors, chain, t, issuer_out, NULL, err);
}

wrp_chain_result wrp_chain_verify_path(const wrp_anchors *anchors, const wrp_chain *chain, int64_t t,
                                       wrp_chain *path, wrp_err *err)
{
    return verify_chain(anchors, chain, t, NULL, path, err);
}

wrp_status wrp_cert_sha256(X509 *cert, uint8_t out[32])
{
    unsigned int md_len = 0;
    int ok = X509_digest(cert, EVP_sha256(), out, &md_len) == 1 && md_len == 32;
    wrp_ossl_clear();
    return ok ? WRP_OK : wrp_nomem(); /* it only allocates */
}

/* ---------------------------------------------------------------------------------------------
 * Certificate fields */

static void strv_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void wrp_cert_info_free(wrp_cert_info *i)
{
    if (i == NULL)
        return;
    free(i->org_id);
    free(i->serial_number);
    free(i->common_name);
    free(i->org_name);
    free(i->country);
    strv_free(i->dns_sans, i->n_dns_sans);
    strv_free(i->crl_dps, i->n_crl_dps);
    strv_free(i->policies, i->n_policies);
    memset(i, 0, sizeof *i);
}

/* A NUL-terminated copy of p[0..len), refused when it holds a NUL byte (a C string would be cut
 * short there); for IA5String values also when a byte is outside 7-bit ASCII, so that every
 * string handed out is valid UTF-8. */
static wrp_status copy_str(const unsigned char *p, size_t len, bool ia5, const char *what,
                           char **out, wrp_err *err)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s holds a NUL byte", what);
        if (ia5 && p[i] > 0x7F)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s holds a byte outside IA5", what);
    }
    char *s = wrp_malloc(len + 1);
    if (s == NULL)
        return wrp_nomem();
    if (len > 0)
        memcpy(s, p, len);
    s[len] = '\0';
    *out = s;
    return WRP_OK;
}

static wrp_status strv_push(char ***v, size_t *n, char *s)
{
    char **nv = wrp_realloc(*v, (*n + 1) * sizeof *nv);
    if (nv == NULL) {
        free(s);
        return wrp_nomem();
    }
    nv[(*n)++] = s;
    *v = nv;
    return WRP_OK;
}

static wrp_status push_ia5(char ***v, size_t *n, const ASN1_IA5STRING *s, const char *what,
                           wrp_err *err)
{
    if (s == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s is empty", what);
    char *c = NULL;
    wrp_status st = copy_str(ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s), true, what,
                             &c, err);
    return st == WRP_OK ? strv_push(v, n, c) : st;
}

/* The first value of a subject attribute. An identifying attribute (organizationIdentifier,
 * serialNumber: what a registration certificate's sub is bound to) must be there once and not
 * empty, or the subject would name more than one party, or none. */
static wrp_status subject_attr(const X509_NAME *name, int nid, const char *what, bool identifying,
                               char **out, wrp_err *err)
{
    int idx = X509_NAME_get_index_by_NID(name, nid, -1);
    if (idx < 0)
        return WRP_OK;
    if (identifying && X509_NAME_get_index_by_NID(name, nid, idx) >= 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "subject %s appears more than once", what);
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
    if (data == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "subject %s has no value", what);
    unsigned char *utf8 = NULL;
    int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "subject %s does not convert to UTF-8", what);
    if (identifying && len == 0) {
        OPENSSL_free(utf8);
        return wrp_fail(err, WRP_ERR_MALFORMED, "subject %s is empty", what);
    }
    char label[64];
    snprintf(label, sizeof label, "subject %s", what);
    wrp_status st = copy_str(utf8, (size_t)len, false, label, out, err);
    OPENSSL_free(utf8);
    return st;
}

/* An extension decoded when present; absent leaves *out NULL. Twice present or undecodable is
 * malformed, whatever the extension. */
static wrp_status get_ext(X509 *cert, int nid, const char *what, void **out, wrp_err *err)
{
    int crit = -1;
    *out = X509_get_ext_d2i(cert, nid, &crit, NULL);
    if (*out != NULL || crit == -1)
        return WRP_OK;
    return wrp_fail(err, WRP_ERR_MALFORMED, crit == -2 ? "%s extension appears twice"
                                                        : "%s extension does not decode", what);
}

static wrp_status info_sans(X509 *cert, wrp_cert_info *out, wrp_err *err)
{
    GENERAL_NAMES *gens = NULL;
    wrp_status st = get_ext(cert, NID_subject_alt_name, "subjectAltName", (void **)&gens, err);
    for (int i = 0; st == WRP_OK && i < sk_GENERAL_NAME_num(gens); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
        if (g->type == GEN_DNS)
            st = push_ia5(&out->dns_sans, &out->n_dns_sans, g->d.dNSName, "dNSName", err);
    }
    GENERAL_NAMES_free(gens);
    return st;
}

static wrp_status info_constraints(X509 *cert, wrp_cert_info *out, wrp_err *err)
{
    BASIC_CONSTRAINTS *bc = NULL;
    wrp_status st = get_ext(cert, NID_basic_constraints, "basicConstraints", (void **)&bc, err);
    if (st != WRP_OK)
        return st;
    out->is_ca = bc != NULL && bc->ca != 0;
    BASIC_CONSTRAINTS_free(bc);
    ASN1_BIT_STRING *ku = NULL;
    st = get_ext(cert, NID_key_usage, "keyUsage", (void **)&ku, err);
    if (st != WRP_OK)
        return st;
    out->has_key_usage = ku != NULL;
    out->ku_digital_signature = ku != NULL && ASN1_BIT_STRING_get_bit(ku, 0) == 1;
    ASN1_BIT_STRING_free(ku);
    return WRP_OK;
}

static wrp_status info_crl_dps(X509 *cert, wrp_cert_info *out, wrp_err *err)
{
    CRL_DIST_POINTS *dps = NULL;
    wrp_status st = get_ext(cert, NID_crl_distribution_points, "cRLDistributionPoints",
                            (void **)&dps, err);
    out->has_crl_dp = dps != NULL;
    for (int i = 0; st == WRP_OK && i < sk_DIST_POINT_num(dps); i++) {
        const DIST_POINT *dp = sk_DIST_POINT_value(dps, i);
        if (dp->distpoint == NULL || dp->distpoint->type != 0)
            continue;
        const GENERAL_NAMES *full = dp->distpoint->name.fullname;
        for (int j = 0; st == WRP_OK && j < sk_GENERAL_NAME_num(full); j++) {
            const GENERAL_NAME *g = sk_GENERAL_NAME_value(full, j);
            if (g->type == GEN_URI)
                st = push_ia5(&out->crl_dps, &out->n_crl_dps, g->d.uniformResourceIdentifier,
                              "CRL distribution point URI", err);
        }
    }
    CRL_DIST_POINTS_free(dps);
    return st;
}

static wrp_status oid_text(const ASN1_OBJECT *obj, char **out, wrp_err *err)
{
    char small[80];
    int need = OBJ_obj2txt(small, sizeof small, obj, 1);
    if (need <= 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "policy OID does not convert to text");
    char *s = wrp_malloc((size_t)need + 1);
    if (s == NULL)
        return wrp_nomem();
    if ((size_t)need < sizeof small)
        memcpy(s, small, (size_t)need + 1);
    else if (OBJ_obj2txt(s, need + 1, obj, 1) != need) {
        free(s);
        return wrp_fail(err, WRP_ERR_MALFORMED, "policy OID does not convert to text");
    }
    *out = s;
    return WRP_OK;
}

static wrp_status info_policies(X509 *cert, wrp_cert_info *out, wrp_err *err)
{
    CERTIFICATEPOLICIES *pols = NULL;
    wrp_status st = get_ext(cert, NID_certificate_policies, "certificatePolicies", (void **)&pols,
                            err);
    for (int i = 0; st == WRP_OK && i < sk_POLICYINFO_num(pols); i++) {
        char *s = NULL;
        st = oid_text(sk_POLICYINFO_value(pols, i)->policyid, &s, err);
        if (st == WRP_OK)
            st = strv_push(&out->policies, &out->n_policies, s);
    }
    CERTIFICATEPOLICIES_free(pols);
    return st;
}

static wrp_status info_subject(X509 *cert, wrp_cert_info *out, wrp_err *err)
{
    const X509_NAME *name = X509_get_subject_name(cert);
    if (name == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "no subject");
    wrp_status st = subject_attr(name, NID_organizationIdentifier, "organizationIdentifier", true,
                                 &out->org_id, err);
    if (st == WRP_OK)
        st = subject_attr(name, NID_serialNumber, "serialNumber", true, &out->serial_number, err);
    if (st == WRP_OK)
        st = subject_attr(name, NID_commonName, "commonName", false, &out->common_name, err);
    if (st == WRP_OK)
        st = subject_attr(name, NID_organizationName, "organizationName", false, &out->org_name,
                          err);
    if (st == WRP_OK)
        st = subject_attr(name, NID_countryName, "countryName", false, &out->country, err);
    return st;
}

/* The digest is over OpenSSL's encoding of the certificate, which is the received DER byte for
 * byte whenever the input was DER. */
wrp_status wrp_cert_info_get(X509 *cert, wrp_cert_info *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    memset(out, 0, sizeof *out);
    if (cert == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no certificate");
    wrp_status st = info_subject(cert, out, err);
    if (st == WRP_OK)
        st = info_sans(cert, out, err);
    if (st == WRP_OK)
        st = info_constraints(cert, out, err);
    if (st == WRP_OK)
        st = info_crl_dps(cert, out, err);
    if (st == WRP_OK)
        st = info_policies(cert, out, err);
    unsigned int md_len = 0;
    if (st == WRP_OK && (X509_digest(cert, EVP_sha256(), out->sha256, &md_len) != 1 ||
                         md_len != sizeof out->sha256))
        st = wrp_fail(err, WRP_ERR_NOMEM, "SHA-256 of the certificate failed"); /* it only allocates */
    if (st != WRP_OK)
        wrp_cert_info_free(out);
    wrp_ossl_clear();
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * CRLs */

void wrp_crls_free(X509_CRL **crls, size_t n)
{
    if (crls == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        X509_CRL_free(crls[i]);
    free(crls);
}

static wrp_status push_crl(const uint8_t *der, size_t len, void *ctx, wrp_err *err)
{
    STACK_OF(X509_CRL) *sk = ctx;
    int idx = sk_X509_CRL_num(sk);
    if ((size_t)idx >= WRP_MAX_ANCHORS)
        return wrp_fail(err, WRP_ERR_LIMIT, "more than %u CRLs", WRP_MAX_ANCHORS);
    if (len > LONG_MAX)
        return wrp_fail(err, WRP_ERR_LIMIT, "CRL too large");
    const unsigned char *p = der;
    X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)len);
    bool oom = crl == NULL && ossl_out_of_memory();
    wrp_ossl_clear();
    if (oom)
        return wrp_nomem();
    if (crl == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "CRL %d does not decode as DER", idx);
    if (p != der + len) {
        X509_CRL_free(crl);
        return wrp_fail(err, WRP_ERR_MALFORMED, "%zu bytes after CRL %d", (size_t)(der + len - p),
                        idx);
    }
    /* Lookups sort the entries on first use; sorting now means that later checks only read. */
    sk_X509_REVOKED_sort(X509_CRL_get_REVOKED(crl));
    if (sk_X509_CRL_push(sk, crl) <= 0) {
        X509_CRL_free(crl);
        return wrp_nomem();
    }
    return WRP_OK;
}

wrp_status wrp_crls_parse(const uint8_t *data, size_t len, X509_CRL ***out, size_t *n, wrp_err *err)
{
    if (out == NULL || n == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    *out = NULL;
    *n = 0;
    STACK_OF(X509_CRL) *sk = sk_X509_CRL_new_null();
    if (sk == NULL)
        return wrp_nomem();
    wrp_status st = read_pem_or_der(data, len, "X509 CRL", push_crl, sk, err);
    size_t count = (size_t)sk_X509_CRL_num(sk);
    X509_CRL **v = NULL;
    if (st == WRP_OK && (v = wrp_malloc(count * sizeof *v)) == NULL)
        st = wrp_nomem();
    if (st != WRP_OK) {
        sk_X509_CRL_pop_free(sk, X509_CRL_free);
        return st;
    }
    for (size_t i = 0; i < count; i++)
        v[i] = sk_X509_CRL_value(sk, (int)i);
    sk_X509_CRL_free(sk);
    *out = v;
    *n = count;
    return WRP_OK;
}

/* RFC 5280 6.3.3: a CRL with a critical extension or entry extension we do not process must not
 * be used; a delta CRL only lists changes. Only the issuing distribution point (handled by
 * crl_scope_ok) and the certificate issuer entry extension are processed. */
static bool crl_extensions_ok(X509_CRL *crl)
{
    for (int i = 0; i < X509_CRL_get_ext_count(crl); i++) {
        X509_EXTENSION *ext = X509_CRL_get_ext(crl, i);
        int nid = OBJ_obj2nid(X509_EXTENSION_get_object(ext));
        if (nid == NID_delta_crl)
            return false;
        if (X509_EXTENSION_get_critical(ext) && nid != NID_issuing_distribution_point)
            return false;
    }
    STACK_OF(X509_REVOKED) *revoked = X509_CRL_get_REVOKED(crl);
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); i++) {
        const X509_REVOKED *rev = sk_X509_REVOKED_value(revoked, i);
        for (int j = 0; j < X509_REVOKED_get_ext_count(rev); j++) {
            X509_EXTENSION *ext = X509_REVOKED_get_ext(rev, j);
            if (X509_EXTENSION_get_critical(ext) &&
                OBJ_obj2nid(X509_EXTENSION_get_object(ext)) != NID_certificate_issuer)
                return false;
        }
    }
    return true;
}

static bool dp_names_cert(const GENERAL_NAMES *names, X509 *cert)
{
    CRL_DIST_POINTS *dps = X509_get_ext_d2i(cert, NID_crl_distribution_points, NULL, NULL);
    bool found = false;
    for (int i = 0; !found && i < sk_DIST_POINT_num(dps); i++) {
        const DIST_POINT *dp = sk_DIST_POINT_value(dps, i);
        if (dp->distpoint == NULL || dp->distpoint->type != 0)
            continue;
        const GENERAL_NAMES *full = dp->distpoint->name.fullname;
        for (int j = 0; !found && j < sk_GENERAL_NAME_num(full); j++)
            for (int k = 0; !found && k < sk_GENERAL_NAME_num(names); k++)
                found = GENERAL_NAME_cmp(sk_GENERAL_NAME_value(full, j),
                                         sk_GENERAL_NAME_value(names, k)) == 0;
    }
    CRL_DIST_POINTS_free(dps);
    return found;
}

/* A CRL scoped by an issuing distribution point is complete for cert only when it covers all
 * reasons, the certificate's kind, and (when it names a distribution point) one the certificate
 * names too: otherwise a partitioned CRL would vouch for certificates it never covers. */
static bool crl_scope_ok(X509_CRL *crl, X509 *cert)
{
    int crit = -1;
    ISSUING_DIST_POINT *idp = X509_CRL_get_ext_d2i(crl, NID_issuing_distribution_point, &crit, NULL);
    if (idp == NULL)
        return crit == -1;
    bool is_ca = X509_check_ca(cert) != 0;
    bool ok = idp->onlysomereasons == NULL && !idp->onlyattr && !(idp->onlyCA && !is_ca) &&
              !(idp->onlyuser && is_ca);
    if (ok && idp->distpoint != NULL)
        ok = idp->distpoint->type == 0 && dp_names_cert(idp->distpoint->name.fullname, cert);
    ISSUING_DIST_POINT_free(idp);
    return ok;
}

/* ---------------------------------------------------------------------------------------------
 * What a verifier remembers of its CRLs' signatures */

#define CRL_MEMO_ISSUERS 4 /* issuer certificates remembered per CRL (the oldest is replaced) */

typedef struct crl_memo_slot {
    X509 *issuer; /* a reference; NULL: empty */
    bool verified;
} crl_memo_slot;

struct wrp_crl_memo {
    pthread_mutex_t lock;
    size_t n;
    crl_memo_slot *slots; /* CRL_MEMO_ISSUERS per CRL */
    unsigned char *next;  /* per CRL: the slot to fill next */
};

wrp_crl_memo *wrp_crl_memo_new(size_t n)
{
    wrp_crl_memo *m = wrp_calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->n = n;
    m->slots = wrp_calloc(n ? n : 1, CRL_MEMO_ISSUERS * sizeof *m->slots);
    m->next = wrp_calloc(n ? n : 1, sizeof *m->next);
    if (m->slots == NULL || m->next == NULL || pthread_mutex_init(&m->lock, NULL) != 0) {
        free(m->slots);
        free(m->next);
        free(m);
        return NULL;
    }
    return m;
}

void wrp_crl_memo_free(wrp_crl_memo *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->n * CRL_MEMO_ISSUERS; i++)
        X509_free(m->slots[i].issuer);
    pthread_mutex_destroy(&m->lock);
    free(m->slots);
    free(m->next);
    free(m);
}

/* 1 or 0 when the outcome of CRL i with this issuer is known, else -1. X509_cmp compares the
 * whole DER of the two certificates when their digests agree, and allocates nothing. */
static int memo_get(wrp_crl_memo *m, size_t i, X509 *issuer)
{
    int known = -1;
    if (m == NULL || i >= m->n)
        return known;
    pthread_mutex_lock(&m->lock);
    crl_memo_slot *v = &m->slots[i * CRL_MEMO_ISSUERS];
    for (size_t k = 0; known < 0 && k < CRL_MEMO_ISSUERS; k++)
        if (v[k].issuer != NULL && X509_cmp(v[k].issuer, issuer) == 0)
            known = v[k].verified ? 1 : 0;
    pthread_mutex_unlock(&m->lock);
    return known;
}

static void memo_put(wrp_crl_memo *m, size_t i, X509 *issuer, bool verified)
{
    if (m == NULL || i >= m->n || !X509_up_ref(issuer))
        return;
    X509 *old = NULL;
    pthread_mutex_lock(&m->lock);
    crl_memo_slot *v = &m->slots[i * CRL_MEMO_ISSUERS];
    bool present = false;
    for (size_t k = 0; !present && k < CRL_MEMO_ISSUERS; k++)
        present = v[k].issuer != NULL && X509_cmp(v[k].issuer, issuer) == 0;
    if (!present) {
        crl_memo_slot *slot = &v[m->next[i]];
        m->next[i] = (unsigned char)((m->next[i] + 1) % CRL_MEMO_ISSUERS);
        old = slot->issuer;
        slot->issuer = issuer;
        slot->verified = verified;
        issuer = NULL;
    }
    pthread_mutex_unlock(&m->lock);
    X509_free(old);
    X509_free(issuer); /* the reference taken above, when another thread was first */
}

/* Whether CRL i's signature verifies with the issuer's key: remembered, or verified now. A failed
 * allocation looks like a bad signature, often without an error: one that verifies on a second
 * try was not bad (noted; the judgement ends with WRP_ERR_NOMEM). The second try runs only on a
 * failure, and an outcome that is remembered is not verified again. */
static bool crl_signed(X509_CRL *crl, size_t i, X509 *issuer, EVP_PKEY *key, wrp_crl_memo *memo,
                       size_t *verified)
{
    int known = memo_get(memo, i, issuer);
    if (known >= 0)
        return known == 1;
    /* a bracket of its own tells whether an allocation failure was noted (here, or earlier in the
     * enclosing one): an outcome that may be owed to one is not remembered */
    if (memo != NULL)
        wrp_oom_begin();
    bool ok = X509_CRL_verify(crl, key) == 1;
    ++*verified;
    if (!ok) {
        ++*verified;
        if (X509_CRL_verify(crl, key) == 1)
            wrp_oom_note();
    }
    if (memo != NULL && !wrp_oom_end())
        memo_put(memo, i, issuer, ok);
    return ok;
}

/* Why CRL i does not count for cert at t, or NULL when it counts. */
static const char *crl_not_counting(X509_CRL *crl, size_t i, X509 *cert, X509 *issuer, time_t t,
                                    wrp_crl_memo *memo, size_t *verified)
{
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(cert)) != 0)
        return "issued by another name";
    EVP_PKEY *key = X509_get0_pubkey(issuer);
    if (key == NULL || !crl_signed(crl, i, issuer, key, memo, verified))
        return "signature does not verify with the issuer's key";
    const ASN1_TIME *this_update = X509_CRL_get0_lastUpdate(crl);
    const ASN1_TIME *next_update = X509_CRL_get0_nextUpdate(crl);
    if (next_update == NULL)
        return "has no nextUpdate";
    if (this_update == NULL || X509_cmp_time(this_update, &t) != -1)
        return "not yet current (thisUpdate after the time)";
    if (X509_cmp_time(next_update, &t) != 1)
        return "expired (nextUpdate not after the time)";
    if (!crl_extensions_ok(crl))
        return "is a delta CRL or has an unprocessed critical extension";
    if (!crl_scope_ok(crl, cert))
        return "its issuing distribution point does not cover the certificate";
    return NULL;
}

static wrp_crl_result crl_unknown(wrp_err *err, const char *msg)
{
    wrp_ossl_clear();
    wrp_fail(err, WRP_ERR_CRYPTO, "%s", msg);
    return WRP_CRL_UNKNOWN;
}

wrp_crl_result wrp_crl_check(X509 *cert, X509 *issuer, X509_CRL *const *crls, size_t n, int64_t t,
                             wrp_err *err)
{
    return wrp_crl_check_memo(cert, issuer, crls, n, t, NULL, NULL, err);
}

wrp_crl_result wrp_crl_check_memo(X509 *cert, X509 *issuer, X509_CRL *const *crls, size_t n,
                                  int64_t t, wrp_crl_memo *memo, size_t *verified, wrp_err *err)
{
    size_t verifications = 0;
    if (verified == NULL)
        verified = &verifications;
    *verified = 0;
    if (cert == NULL || issuer == NULL)
        return crl_unknown(err, "no certificate or no issuer to check revocation against");
    if (crls == NULL && n > 0)
        return crl_unknown(err, "no CRLs");
    if ((int64_t)(time_t)t != t)
        return crl_unknown(err, "time out of range");
    if (X509_NAME_cmp(X509_get_subject_name(issuer), X509_get_issuer_name(cert)) != 0)
        return crl_unknown(err, "the given issuer did not issue the certificate");
    uint32_t ku = X509_get_key_usage(issuer);
    if (ku != UINT32_MAX && (ku & KU_CRL_SIGN) == 0)
        return crl_unknown(err, "the issuer's keyUsage does not allow signing CRLs");
    size_t counted = 0;
    const char *last_reason = "no CRLs given";
    wrp_crl_result r = WRP_CRL_UNKNOWN;
    for (size_t i = 0; i < n && r != WRP_CRL_REVOKED; i++) {
        if (crls[i] == NULL)
            continue;
        const char *why = crl_not_counting(crls[i], i, cert, issuer, (time_t)t, memo, verified);
        if (why != NULL) {
            last_reason = why;
            continue;
        }
        counted++;
        X509_REVOKED *rev = NULL;
        if (X509_CRL_get0_by_cert(crls[i], &rev, cert) != 0) {
            r = WRP_CRL_REVOKED;
            wrp_fail(err, WRP_ERR_CRYPTO, "listed in CRL %zu", i);
        }
    }
    wrp_ossl_clear();
    if (r == WRP_CRL_REVOKED)
        return r;
    if (counted > 0)
        return WRP_CRL_GOOD;
    wrp_fail(err, WRP_ERR_CRYPTO, "no current CRL signed by the issuer (%zu examined; last: %s)", n,
             last_reason);
    return WRP_CRL_UNKNOWN;
}

/* ---------------------------------------------------------------------------------------------
 * A certificate as a report shows it */

char *wrp_name_rfc4514(const X509_NAME *name)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL)
        return NULL;
    char *out = NULL;
    if (X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253) >= 0) {
        char *p = NULL;
        long n = BIO_get_mem_data(bio, &p);
        if (n >= 0 && (out = wrp_malloc((size_t)n + 1)) != NULL) {
            memcpy(out, p, (size_t)n);
            out[n] = 0;
        }
    }
    BIO_free(bio);
    return out;
}

bool wrp_asn1_time_rfc3339(const ASN1_TIME *t, char buf[32])
{
    struct tm tm;
    return t != NULL && ASN1_TIME_to_tm(t, &tm) == 1 && strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

/* *out NULL (and WRP_OK) when OpenSSL cannot convert the time; the conversion allocates nothing. */
static wrp_status time_rfc3339(const ASN1_TIME *t, char **out)
{
    char buf[32];
    *out = NULL;
    if (!wrp_asn1_time_rfc3339(t, buf))
        return WRP_OK;
    return (*out = wrp_strdup(buf)) != NULL ? WRP_OK : wrp_nomem();
}

static char *serial_hex(const X509 *cert)
{
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
    char *h = bn != NULL ? BN_bn2hex(bn) : NULL;
    BN_free(bn);
    if (h == NULL)
        return NULL;
    char *out = wrp_strdup(h);
    OPENSSL_free(h);
    for (char *c = out; c != NULL && *c != 0; c++)
        if (*c >= 'A' && *c <= 'F')
            *c = (char)(*c - 'A' + 'a');
    return out;
}

/* "TYPE:" then len bytes of p, a NUL byte written as the four characters \x00 so that nothing
 * after it is hidden. */
static char *san_text(const char *type, const unsigned char *p, size_t len)
{
    size_t n = strlen(type) + 1, nuls = 0;
    for (size_t i = 0; i < len; i++)
        nuls += p[i] == 0;
    char *s = wrp_malloc(n + len + 3 * nuls + 1);
    if (s == NULL)
        return NULL;
    snprintf(s, n + 1, "%s:", type);
    for (size_t i = 0; i < len; i++) {
        if (p[i] == 0) {
            memcpy(s + n, "\\x00", 4);
            n += 4;
        } else {
            s[n++] = (char)p[i];
        }
    }
    s[n] = 0;
    return s;
}

static char *san_string(const char *type, const ASN1_STRING *v)
{
    return v != NULL ? san_text(type, ASN1_STRING_get0_data(v), (size_t)ASN1_STRING_length(v))
                     : san_text(type, (const unsigned char *)"", 0);
}

static char *san_ip(const ASN1_OCTET_STRING *v)
{
    const unsigned char *p = v != NULL ? ASN1_STRING_get0_data(v) : NULL;
    int len = v != NULL ? ASN1_STRING_length(v) : 0;
    char buf[INET6_ADDRSTRLEN + 4] = "";
    if ((len == 4 && inet_ntop(AF_INET, p, buf, sizeof buf) != NULL) ||
        (len == 16 && inet_ntop(AF_INET6, p, buf, sizeof buf) != NULL))
        return san_text("IP", (const unsigned char *)buf, strlen(buf));
    for (int i = 0; i < len && i < 20; i++) /* not an address: its first bytes in hex */
        snprintf(buf + 2 * i, sizeof buf - 2 * (size_t)i, "%02x", p[i]);
    return san_text("IP (neither 4 nor 16 bytes)", (const unsigned char *)buf, strlen(buf));
}

static char *san_oid(const char *type, const ASN1_OBJECT *o)
{
    char buf[128];
    int n = o != NULL ? OBJ_obj2txt(buf, sizeof buf, o, 1) : -1;
    if (n < 0 || (size_t)n >= sizeof buf)
        buf[0] = 0;
    return san_text(type, (const unsigned char *)buf, strlen(buf));
}

/* As wrpcheck inspect writes a name (src/lib/inspect_x509.c), so that a report and inspect agree. */
static char *san_of(const GENERAL_NAME *g)
{
    switch (g->type) {
    case GEN_DNS:
        return san_string("DNS", g->d.dNSName);
    case GEN_URI:
        return san_string("URI", g->d.uniformResourceIdentifier);
    case GEN_EMAIL:
        return san_string("email", g->d.rfc822Name);
    case GEN_IPADD:
        return san_ip(g->d.iPAddress);
    case GEN_RID:
        return san_oid("RID", g->d.registeredID);
    case GEN_OTHERNAME:
        return san_oid("otherName", g->d.otherName != NULL ? g->d.otherName->type_id : NULL);
    case GEN_DIRNAME: {
        char *name = wrp_name_rfc4514(g->d.directoryName);
        char *s = name != NULL ? san_text("dirName", (const unsigned char *)name, strlen(name)) : NULL;
        free(name);
        return s;
    }
    case GEN_X400:
        return wrp_strdup("x400Address");
    case GEN_EDIPARTY:
        return wrp_strdup("ediPartyName");
    default:
        return wrp_strdup("(a name of an unknown type)");
    }
}

static wrp_status summary_sans(X509 *cert, wrp_cert_summary *out)
{
    GENERAL_NAMES *gens = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    int n = sk_GENERAL_NAME_num(gens);
    wrp_status st = WRP_OK;
    if (n > 0 && (out->sans = wrp_calloc((size_t)n, sizeof *out->sans)) == NULL)
        st = wrp_nomem();
    for (int i = 0; st == WRP_OK && i < n; i++) {
        if ((out->sans[i] = san_of(sk_GENERAL_NAME_value(gens, i))) == NULL)
            st = wrp_nomem();
        else
            out->n_sans++;
    }
    GENERAL_NAMES_free(gens);
    return st;
}

wrp_status wrp_cert_summary_get(X509 *cert, wrp_cert_summary *out)
{
    memset(out, 0, sizeof *out);
    uint8_t md[32];
    unsigned int md_len = 0;
    /* The certificate was decoded, so hashing it fails only for want of memory (OpenSSL's digest
     * fetch and context allocate). */
    if (!X509_digest(cert, EVP_sha256(), md, &md_len) || md_len != sizeof md) {
        wrp_ossl_clear();
        return wrp_nomem();
    }
    wrp_status st = wrp_b64url_encode(md, sizeof md, &out->sha256);
    out->subject = wrp_name_rfc4514(X509_get_subject_name(cert));
    out->issuer = wrp_name_rfc4514(X509_get_issuer_name(cert));
    out->serial = serial_hex(cert);
    if (st == WRP_OK)
        st = time_rfc3339(X509_get0_notBefore(cert), &out->not_before);
    if (st == WRP_OK)
        st = time_rfc3339(X509_get0_notAfter(cert), &out->not_after);
    if (st == WRP_OK)
        st = summary_sans(cert, out);
    wrp_ossl_clear();
    if (st == WRP_OK && (out->subject == NULL || out->issuer == NULL || out->serial == NULL))
        st = wrp_nomem();
    if (st != WRP_OK)
        wrp_cert_summary_free(out);
    return st;
}

void wrp_cert_summary_free(wrp_cert_summary *s)
{
    if (s == NULL)
        return;
    char *v[] = {s->subject, s->issuer, s->serial, s->not_before, s->not_after, s->sha256};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        free(v[i]);
    strv_free(s->sans, s->n_sans);
    memset(s, 0, sizeof *s);
}
