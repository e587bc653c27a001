/* X.509: decoding of x5c / x5chain, anchors, path validation at a given time, profile fields and
 * CRLs, on certificates built here and on real certificates from testvectors/interop/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "allocinject.h"
#include "crypto/x509.h"
#include "support/testanchors.h"
#include "support/testpki.h"
#include "support/testutil.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define INTEROP "testvectors/interop/openid4vp/"
#define WALT_LEAF INTEROP "walt-id-portal-x5c/wrpac-walt-id-issued-by-eudi-pid-issuer-ca-02-eu.pem"
#define ANCHOR_DIR INTEROP "real-request-objects/anchors-eudi-app-android-wallet-ui/"
#define JKS_CHAIN INTEROP "eudi-lib-jvm-openid4vp-kt/jks-verifierexample-chain.pem"
#define JKS_ROOT INTEROP "eudi-lib-jvm-openid4vp-kt/jks-cacert.pem"
#define T_2027 INT64_C(1798761600) /* 2027-01-01T00:00:00Z */
#define T_2025 INT64_C(1735689600) /* 2025-01-01T00:00:00Z */

/* ---------------------------------------------------------------------------------------------
 * Helpers */

static int setup_pki(void **state)
{
    tp_pki *p = calloc(1, sizeof *p);
    if (p == NULL || !tp_pki_make(p)) {
        if (p != NULL)
            tp_pki_free(p);
        free(p);
        return -1;
    }
    *state = p;
    return 0;
}

static int teardown_pki(void **state)
{
    tp_pki_free(*state);
    free(*state);
    return 0;
}

/* A chain holding its own references to the given certificates. */
static wrp_chain chain_of(size_t n, ...)
{
    wrp_chain c = {calloc(n, sizeof(X509 *)), n};
    assert_non_null(c.certs);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) {
        c.certs[i] = va_arg(ap, X509 *);
        assert_true(X509_up_ref(c.certs[i]));
    }
    va_end(ap);
    return c;
}

static wrp_anchors *anchors_of(size_t n, ...)
{
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(wrp_anchors_add_cert(a, va_arg(ap, X509 *)), WRP_OK);
    va_end(ap);
    return a;
}

static wrp_chain_result verify(wrp_anchors *a, wrp_chain *c, int64_t t, wrp_err *err)
{
    X509 *issuer = NULL;
    wrp_chain_result r = wrp_chain_verify(a, c, t, &issuer, err);
    X509_free(issuer);
    return r;
}

static wrp_anchors *anchors_from_file(const char *path)
{
    wrp_anchors *a = tu_anchors_from_file(path);
    assert_non_null(a);
    return a;
}

static char *b64(const uint8_t *p, size_t len)
{
    char *out = malloc(4 * ((len + 2) / 3) + 1);
    assert_non_null(out);
    EVP_EncodeBlock((unsigned char *)out, p, (int)len);
    return out;
}

static cJSON *x5c_of(size_t n, X509 *const *certs)
{
    cJSON *arr = cJSON_CreateArray();
    assert_non_null(arr);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        uint8_t *der = tp_der(certs[i], &len);
        assert_non_null(der);
        char *s = b64(der, len);
        cJSON_AddItemToArray(arr, cJSON_CreateString(s));
        free(s);
        free(der);
    }
    return arr;
}

static cbor_item_t *bstr_of(X509 *x)
{
    size_t len = 0;
    uint8_t *der = tp_der(x, &len);
    assert_non_null(der);
    cbor_item_t *b = cbor_build_bytestring(der, len);
    assert_non_null(b);
    free(der);
    return b;
}

static void push_owned(cbor_item_t *arr, cbor_item_t *item)
{
    assert_true(cbor_array_push(arr, item));
    cbor_decref(&item);
}

/* ---------------------------------------------------------------------------------------------
 * Decoding */

static void der_decodes_when_exact(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    X509 *x = NULL;
    assert_int_equal(wrp_cert_from_der(der, len, &x, NULL), WRP_OK);
    assert_int_equal(X509_cmp(x, p->leaf), 0);
    X509_free(x);
    free(der);
}

static void der_trailing_bytes_refused(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    uint8_t *longer = malloc(len + 1);
    assert_non_null(longer);
    memcpy(longer, der, len);
    longer[len] = 0;
    X509 *x = (X509 *)1;
    wrp_err err = {{0}};
    assert_int_equal(wrp_cert_from_der(longer, len + 1, &x, &err), WRP_ERR_MALFORMED);
    assert_null(x);
    assert_non_null(strstr(err.msg, "1 bytes after"));
    free(longer);
    free(der);
}

/* The certificate cache: a hit is the very object decoded before, only while entered. */
static void der_cache_hit_while_entered(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    wrp_cert_cache *c = wrp_cert_cache_new(4);
    assert_non_null(c);
    X509 *a = NULL, *b = NULL, *outside = NULL;
    wrp_cert_cache *prev = wrp_cert_cache_enter(c);
    assert_null(prev);
    assert_int_equal(wrp_cert_from_der(der, len, &a, NULL), WRP_OK);
    assert_int_equal(wrp_cert_from_der(der, len, &b, NULL), WRP_OK);
    assert_ptr_equal(a, b);
    wrp_cert_cache_leave(prev);
    assert_int_equal(wrp_cert_from_der(der, len, &outside, NULL), WRP_OK);
    assert_ptr_not_equal(outside, a);
    assert_int_equal(X509_cmp(outside, a), 0);
    X509_free(a);
    X509_free(b);
    X509_free(outside);
    wrp_cert_cache_free(c);
    free(der);
}

/* A cached certificate does not make the same bytes with a byte appended acceptable. */
static void der_cache_keeps_trailing_bytes_refused(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    uint8_t *longer = malloc(len + 1);
    assert_non_null(longer);
    memcpy(longer, der, len);
    longer[len] = 0;
    wrp_cert_cache *c = wrp_cert_cache_new(4);
    assert_non_null(c);
    wrp_cert_cache *prev = wrp_cert_cache_enter(c);
    X509 *x = NULL;
    assert_int_equal(wrp_cert_from_der(der, len, &x, NULL), WRP_OK);
    X509_free(x);
    x = (X509 *)1;
    assert_int_equal(wrp_cert_from_der(longer, len + 1, &x, NULL), WRP_ERR_MALFORMED);
    assert_null(x);
    assert_int_equal(wrp_cert_from_der(longer, len + 1, &x, NULL), WRP_ERR_MALFORMED);
    wrp_cert_cache_leave(prev);
    wrp_cert_cache_free(c);
    free(longer);
    free(der);
}

/* Beyond its capacity the least recently used certificate is dropped, and decoded again when met. */
static void der_cache_bounded_least_recently_used(void **state)
{
    tp_pki *p = *state;
    X509 *certs[3] = {p->root, p->ca, p->leaf};
    uint8_t *der[3];
    size_t len[3];
    for (size_t i = 0; i < 3; i++)
        der[i] = tp_der(certs[i], &len[i]);
    wrp_cert_cache *c = wrp_cert_cache_new(2);
    assert_non_null(c);
    wrp_cert_cache *prev = wrp_cert_cache_enter(c);
    X509 *first[3], *again = NULL;
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(wrp_cert_from_der(der[i], len[i], &first[i], NULL), WRP_OK);
    assert_int_equal(wrp_cert_from_der(der[2], len[2], &again, NULL), WRP_OK);
    assert_ptr_equal(again, first[2]);
    X509_free(again);
    assert_int_equal(wrp_cert_from_der(der[0], len[0], &again, NULL), WRP_OK);
    assert_ptr_not_equal(again, first[0]);
    X509_free(again);
    wrp_cert_cache_leave(prev);
    wrp_cert_cache_free(c);
    for (size_t i = 0; i < 3; i++) {
        X509_free(first[i]);
        free(der[i]);
    }
}

/* A shared cache is one cache: what one owner decodes the other finds, and it lives until its
 * last owner frees it. */
static void der_cache_shared_by_owners(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    wrp_cert_cache *c = wrp_cert_cache_new(4);
    assert_non_null(c);
    wrp_cert_cache *d = wrp_cert_cache_share(c);
    assert_ptr_equal(d, c);
    assert_null(wrp_cert_cache_share(NULL));
    X509 *first = NULL, *again = NULL;
    wrp_cert_cache *prev = wrp_cert_cache_enter(c);
    assert_int_equal(wrp_cert_from_der(der, len, &first, NULL), WRP_OK);
    wrp_cert_cache_leave(prev);
    wrp_cert_cache_free(c); /* d still owns it */
    prev = wrp_cert_cache_enter(d);
    assert_int_equal(wrp_cert_from_der(der, len, &again, NULL), WRP_OK);
    wrp_cert_cache_leave(prev);
    assert_ptr_equal(again, first);
    X509_free(again);
    wrp_cert_cache_free(d);
    X509_free(first); /* the last reference: the cache has let go of it */
    free(der);
}

typedef struct cache_share {
    wrp_cert_cache *cache;
    uint8_t *der[3];
    size_t len[3];
    int failures;
    pthread_mutex_t lock;
} cache_share;

static void *decode_many(void *arg)
{
    cache_share *s = arg;
    wrp_cert_cache *prev = wrp_cert_cache_enter(s->cache);
    int bad = 0;
    for (size_t i = 0; i < 300; i++) {
        X509 *x = NULL;
        if (wrp_cert_from_der(s->der[i % 3], s->len[i % 3], &x, NULL) != WRP_OK)
            bad++;
        X509_free(x);
    }
    wrp_cert_cache_leave(prev);
    pthread_mutex_lock(&s->lock);
    s->failures += bad;
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* One cache serves several threads at once (capacity below the working set, so that entries are
 * dropped while others hold them). */
static void der_cache_shared_by_threads(void **state)
{
    tp_pki *p = *state;
    cache_share s = {.cache = wrp_cert_cache_new(2)};
    assert_non_null(s.cache);
    assert_int_equal(pthread_mutex_init(&s.lock, NULL), 0);
    X509 *certs[3] = {p->root, p->ca, p->leaf};
    for (size_t i = 0; i < 3; i++)
        s.der[i] = tp_der(certs[i], &s.len[i]);
    pthread_t th[4];
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, decode_many, &s), 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    assert_int_equal(s.failures, 0);
    pthread_mutex_destroy(&s.lock);
    wrp_cert_cache_free(s.cache);
    for (size_t i = 0; i < 3; i++)
        free(s.der[i]);
}

static void der_truncated_empty_or_garbage_refused(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    X509 *x = NULL;
    assert_int_equal(wrp_cert_from_der(der, len - 1, &x, NULL), WRP_ERR_MALFORMED);
    assert_int_equal(wrp_cert_from_der(der, 0, &x, NULL), WRP_ERR_MALFORMED);
    const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    assert_int_equal(wrp_cert_from_der(junk, sizeof junk, &x, NULL), WRP_ERR_MALFORMED);
    assert_int_equal(wrp_cert_from_der(NULL, 5, &x, NULL), WRP_ERR_ARG);
    assert_null(x);
    free(der);
}

static void x5c_decodes_in_order(void **state)
{
    tp_pki *p = *state;
    X509 *certs[] = {p->leaf, p->ca, p->root};
    cJSON *x5c = x5c_of(3, certs);
    wrp_chain c = {0};
    assert_int_equal(wrp_chain_from_x5c(x5c, &c, NULL), WRP_OK);
    assert_int_equal(c.n, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(X509_cmp(c.certs[i], certs[i]), 0);
    wrp_chain_free(&c);
    assert_null(c.certs);
    assert_int_equal(c.n, 0);
    cJSON_Delete(x5c);
}

static void x5c_garbage_base64_refused(void **state)
{
    tp_pki *p = *state;
    const char *bad[] = {"!!!!", "MII", "MIIB\n", "TWFu===", "TWFu YQ==", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *x5c = x5c_of(1, &p->leaf);
        cJSON_AddItemToArray(x5c, cJSON_CreateString(bad[i]));
        wrp_chain c = {0};
        wrp_err err = {{0}};
        assert_int_equal(wrp_chain_from_x5c(x5c, &c, &err), WRP_ERR_MALFORMED);
        assert_null(c.certs);
        assert_non_null(strstr(err.msg, "x5c[1]"));
        cJSON_Delete(x5c);
    }
}

static void x5c_base64url_refused(void **state)
{
    (void)state;
    /* a DER whose base64 needs '+' or '/' would pass as base64url only if the decoder were lax */
    cJSON *x5c = cJSON_CreateArray();
    cJSON_AddItemToArray(x5c, cJSON_CreateString("MIIB-_8A"));
    wrp_chain c = {0};
    assert_int_equal(wrp_chain_from_x5c(x5c, &c, NULL), WRP_ERR_MALFORMED);
    cJSON_Delete(x5c);
}

static void x5c_must_be_nonempty_array_of_strings(void **state)
{
    tp_pki *p = *state;
    wrp_chain c = {0};
    wrp_err err = {{0}};
    cJSON *empty = cJSON_CreateArray();
    assert_int_equal(wrp_chain_from_x5c(empty, &c, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "empty"));
    cJSON_Delete(empty);

    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    char *s = b64(der, len);
    cJSON *str = cJSON_CreateString(s);
    assert_int_equal(wrp_chain_from_x5c(str, &c, NULL), WRP_ERR_MALFORMED);
    cJSON_Delete(str);
    assert_int_equal(wrp_chain_from_x5c(NULL, &c, NULL), WRP_ERR_MALFORMED);

    cJSON *mixed = x5c_of(1, &p->leaf);
    cJSON_AddItemToArray(mixed, cJSON_CreateNumber(1));
    assert_int_equal(wrp_chain_from_x5c(mixed, &c, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "x5c[1] is not a string"));
    assert_null(c.certs);
    cJSON_Delete(mixed);
    free(s);
    free(der);
}

static void x5c_longest_chain_accepted_eleven_refused(void **state)
{
    tp_pki *p = *state;
    X509 *certs[WRP_MAX_CHAIN_LEN + 1];
    for (size_t i = 0; i <= WRP_MAX_CHAIN_LEN; i++)
        certs[i] = p->leaf;
    wrp_chain c = {0};
    cJSON *ten = x5c_of(WRP_MAX_CHAIN_LEN, certs);
    assert_int_equal(wrp_chain_from_x5c(ten, &c, NULL), WRP_OK);
    assert_int_equal(c.n, WRP_MAX_CHAIN_LEN);
    wrp_chain_free(&c);
    cJSON_Delete(ten);
    cJSON *eleven = x5c_of(WRP_MAX_CHAIN_LEN + 1, certs);
    wrp_err err = {{0}};
    assert_int_equal(wrp_chain_from_x5c(eleven, &c, &err), WRP_ERR_LIMIT);
    assert_null(c.certs);
    cJSON_Delete(eleven);
}

static void x5c_trailing_bytes_refused(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    uint8_t *longer = calloc(1, len + 3);
    memcpy(longer, der, len);
    char *s = b64(longer, len + 3);
    cJSON *x5c = cJSON_CreateArray();
    cJSON_AddItemToArray(x5c, cJSON_CreateString(s));
    wrp_chain c = {0};
    wrp_err err = {{0}};
    assert_int_equal(wrp_chain_from_x5c(x5c, &c, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "bytes after"));
    cJSON_Delete(x5c);
    free(s);
    free(longer);
    free(der);
}

static void x5chain_single_bstr(void **state)
{
    tp_pki *p = *state;
    cbor_item_t *b = bstr_of(p->leaf);
    wrp_chain c = {0};
    assert_int_equal(wrp_chain_from_x5chain(b, &c, NULL), WRP_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(X509_cmp(c.certs[0], p->leaf), 0);
    wrp_chain_free(&c);
    cbor_decref(&b);
}

static void x5chain_array_in_order(void **state)
{
    tp_pki *p = *state;
    cbor_item_t *arr = cbor_new_definite_array(2);
    push_owned(arr, bstr_of(p->leaf));
    push_owned(arr, bstr_of(p->ca));
    wrp_chain c = {0};
    assert_int_equal(wrp_chain_from_x5chain(arr, &c, NULL), WRP_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(X509_cmp(c.certs[0], p->leaf), 0);
    assert_int_equal(X509_cmp(c.certs[1], p->ca), 0);
    assert_int_equal(cbor_refcount(arr), 1);
    wrp_chain_free(&c);
    cbor_decref(&arr);
}

static void x5chain_shapes_refused(void **state)
{
    tp_pki *p = *state;
    wrp_chain c = {0};
    wrp_err err = {{0}};

    cbor_item_t *empty = cbor_new_definite_array(0);
    assert_int_equal(wrp_chain_from_x5chain(empty, &c, &err), WRP_ERR_MALFORMED);
    cbor_decref(&empty);

    cbor_item_t *text = cbor_build_string("MIIB");
    assert_int_equal(wrp_chain_from_x5chain(text, &c, NULL), WRP_ERR_MALFORMED);
    cbor_decref(&text);

    cbor_item_t *mixed = cbor_new_definite_array(2);
    push_owned(mixed, bstr_of(p->leaf));
    push_owned(mixed, cbor_build_uint8(1));
    assert_int_equal(wrp_chain_from_x5chain(mixed, &c, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "x5chain[1]"));
    assert_null(c.certs);
    cbor_decref(&mixed);

    /* a chunked byte string is not the definite bstr COSE requires */
    cbor_item_t *chunked = cbor_new_indefinite_bytestring();
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    cbor_item_t *chunk = cbor_build_bytestring(der, len);
    assert_true(cbor_bytestring_add_chunk(chunked, chunk));
    cbor_decref(&chunk);
    assert_int_equal(wrp_chain_from_x5chain(chunked, &c, NULL), WRP_ERR_MALFORMED);
    cbor_decref(&chunked);

    uint8_t *longer = calloc(1, len + 1);
    memcpy(longer, der, len);
    cbor_item_t *trailing = cbor_build_bytestring(longer, len + 1);
    assert_int_equal(wrp_chain_from_x5chain(trailing, &c, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "bytes after"));
    cbor_decref(&trailing);

    cbor_item_t *inner = bstr_of(p->leaf);
    cbor_item_t *tagged = cbor_build_tag(24, inner);
    cbor_decref(&inner); /* the tag holds its own reference */
    assert_int_equal(wrp_chain_from_x5chain(tagged, &c, NULL), WRP_ERR_MALFORMED);
    cbor_decref(&tagged);
    assert_int_equal(wrp_chain_from_x5chain(NULL, &c, NULL), WRP_ERR_MALFORMED);
    free(longer);
    free(der);
}

static void x5chain_eleven_refused(void **state)
{
    tp_pki *p = *state;
    cbor_item_t *arr = cbor_new_definite_array(WRP_MAX_CHAIN_LEN + 1);
    for (size_t i = 0; i <= WRP_MAX_CHAIN_LEN; i++)
        push_owned(arr, bstr_of(p->leaf));
    wrp_chain c = {0};
    assert_int_equal(wrp_chain_from_x5chain(arr, &c, NULL), WRP_ERR_LIMIT);
    assert_null(c.certs);
    cbor_decref(&arr);
}

/* ---------------------------------------------------------------------------------------------
 * Anchors */

static void anchors_pem_blocks_with_text_between(void **state)
{
    tp_pki *p = *state;
    char *a = tp_pem(p->root), *b = tp_pem(p->ca);
    size_t cap = strlen(a) + strlen(b) + 200;
    char *file = malloc(cap);
    snprintf(file, cap, "subject=Test Root\n%s\nBag Attributes: none\n%s-- end --\n", a, b);
    wrp_anchors *an = wrp_anchors_new();
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)file, strlen(file), NULL), WRP_OK);
    assert_int_equal(wrp_anchors_count(an), 2);
    /* the same certificates again change nothing */
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)file, strlen(file), NULL), WRP_OK);
    assert_int_equal(wrp_anchors_add_cert(an, p->root), WRP_OK);
    assert_int_equal(wrp_anchors_count(an), 2);
    wrp_anchors_free(an);
    free(file);
    free(a);
    free(b);
}

static void anchors_single_der(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->root, &len);
    wrp_anchors *an = wrp_anchors_new();
    assert_int_equal(wrp_anchors_add(an, der, len, NULL), WRP_OK);
    assert_int_equal(wrp_anchors_count(an), 1);
    wrp_err err = {{0}};
    assert_int_equal(wrp_anchors_add(an, der, len - 1, &err), WRP_ERR_MALFORMED);
    wrp_anchors_free(an);
    free(der);
}

/* A duplicate is a snapshot holding the same certificates: adding to the original or freeing it
 * leaves the duplicate as it was. */
static void anchors_dup_is_a_snapshot(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *root = tp_der(p->root, &len);
    wrp_anchors *an = wrp_anchors_new();
    assert_int_equal(wrp_anchors_add(an, root, len, NULL), WRP_OK);
    wrp_anchors *dup = wrp_anchors_dup(an);
    assert_non_null(dup);
    assert_ptr_equal(wrp_anchors_get0(dup, 0), wrp_anchors_get0(an, 0));
    free(root);
    uint8_t *ca = tp_der(p->ca, &len);
    assert_int_equal(wrp_anchors_add(an, ca, len, NULL), WRP_OK);
    assert_int_equal(wrp_anchors_count(an), 2);
    assert_int_equal(wrp_anchors_count(dup), 1);
    wrp_anchors_free(an);
    wrp_chain c = chain_of(2, p->leaf, p->ca);
    assert_int_equal(wrp_chain_verify(dup, &c, TP_T0, NULL, NULL), WRP_CHAIN_OK);
    wrp_chain_free(&c);
    wrp_anchors_free(dup);
    assert_null(wrp_anchors_dup(NULL));
    free(ca);
}

static void anchors_without_certificate_refused(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *an = wrp_anchors_new();
    wrp_err err = {{0}};
    const char *text = "no certificate here\n";
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)text, strlen(text), &err),
                     WRP_ERR_MALFORMED);
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)"", 0, &err), WRP_ERR_MALFORMED);
    const char *broken = "-----BEGIN CERTIFICATE-----\nMIIB\n";
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)broken, strlen(broken), &err),
                     WRP_ERR_MALFORMED);
    const char *not_der = "-----BEGIN CERTIFICATE-----\nTWFu\n-----END CERTIFICATE-----\n";
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)not_der, strlen(not_der), &err),
                     WRP_ERR_MALFORMED);

    /* a CRL is not a certificate, and one bad block spoils the file: nothing is added */
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0, TP_T0 + TP_DAY, NULL, 0);
    char *crl_pem = tp_crl_pem(crl), *cert_pem = tp_pem(p->root);
    size_t cap = strlen(crl_pem) + strlen(cert_pem) + 1;
    char *both = malloc(cap);
    snprintf(both, cap, "%s%s", cert_pem, crl_pem);
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)both, strlen(both), &err),
                     WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "X509 CRL"));
    assert_int_equal(wrp_anchors_count(an), 0);
    assert_int_equal(ERR_peek_error(), 0);
    assert_int_equal(wrp_anchors_add(an, NULL, 0, NULL), WRP_ERR_MALFORMED);
    assert_int_equal(wrp_anchors_add(NULL, (const uint8_t *)text, 1, NULL), WRP_ERR_ARG);

    /* an encrypted-PEM header on a certificate block is not a plain certificate */
    const char *begin = "-----BEGIN CERTIFICATE-----\n";
    cap = strlen(cert_pem) + 128;
    char *with_header = malloc(cap);
    snprintf(with_header, cap, "%sProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
             "00112233445566778899AABBCCDDEEFF\n\n%s", begin, cert_pem + strlen(begin));
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)with_header, strlen(with_header), &err),
                     WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "headers"));
    free(with_header);
    free(both);
    free(cert_pem);
    free(crl_pem);
    X509_CRL_free(crl);
    wrp_anchors_free(an);
}

static void anchors_capped(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *an = wrp_anchors_new();
    tp_spec s = {.cn = "Anchor", .ca = 1};
    for (long i = 1; i <= (long)WRP_MAX_ANCHORS; i++) {
        s.serial = i;
        X509 *x = tp_cert(&s, p->root_key, NULL, NULL);
        assert_non_null(x);
        assert_int_equal(wrp_anchors_add_cert(an, x), WRP_OK);
        X509_free(x);
    }
    assert_int_equal(wrp_anchors_count(an), WRP_MAX_ANCHORS);
    assert_int_equal(wrp_anchors_add_cert(an, p->ca), WRP_ERR_LIMIT);
    char *pem = tp_pem(p->ca);
    wrp_err err = {{0}};
    assert_int_equal(wrp_anchors_add(an, (const uint8_t *)pem, strlen(pem), &err), WRP_ERR_LIMIT);
    assert_int_equal(wrp_anchors_count(an), WRP_MAX_ANCHORS);
    free(pem);
    wrp_anchors_free(an);
}

static void anchors_interop_files_all_load(void **state)
{
    (void)state;
    const char *files[] = {"dc4eu.pem", "multipaz.pem", "pidissuerca02_cz.pem",
                           "pidissuerca02_ee.pem", "pidissuerca02_eu.pem", "pidissuerca02_lu.pem",
                           "pidissuerca02_nl.pem", "pidissuerca02_pt.pem", "pidissuerca02_ut.pem",
                           "r45_staging.pem"};
    wrp_anchors *all = wrp_anchors_new();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s%s", ANCHOR_DIR, files[i]);
        size_t len = 0;
        uint8_t *data = tu_read_file(path, &len);
        assert_non_null(data);
        wrp_err err = {{0}};
        assert_int_equal(wrp_anchors_add(all, data, len, &err), WRP_OK);
        free(data);
    }
    assert_int_equal(wrp_anchors_count(all), 12);
    wrp_anchors_free(all);
}

/* ---------------------------------------------------------------------------------------------
 * Path validation */

static void chain_to_root_ok_and_issuer_returned(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(2, p->leaf, p->ca);
    X509 *issuer = NULL;
    assert_int_equal(wrp_chain_verify(a, &c, TP_T0, &issuer, NULL), WRP_CHAIN_OK);
    assert_non_null(issuer);
    assert_int_equal(X509_cmp(issuer, p->ca), 0);
    X509_free(issuer);
    assert_int_equal(wrp_chain_verify(a, &c, TP_T0, NULL, NULL), WRP_CHAIN_OK);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
}

static void partial_chain_anchor_is_intermediate(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *a = anchors_of(1, p->ca);
    wrp_chain c = chain_of(1, p->leaf);
    X509 *issuer = NULL;
    assert_int_equal(wrp_chain_verify(a, &c, TP_T0, &issuer, NULL), WRP_CHAIN_OK);
    assert_non_null(issuer);
    assert_int_equal(X509_cmp(issuer, p->ca), 0);
    X509_free(issuer);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
}

static void anchor_is_leaf_itself(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *a = anchors_of(1, p->leaf);
    wrp_chain c = chain_of(1, p->leaf);
    X509 *issuer = (X509 *)1;
    assert_int_equal(wrp_chain_verify(a, &c, TP_T0, &issuer, NULL), WRP_CHAIN_OK);
    assert_null(issuer);
    wrp_chain_free(&c);
    /* an anchored leaf still has to be valid at the time */
    c = chain_of(1, p->leaf);
    assert_int_equal(verify(a, &c, TP_T0 + 2 * TP_YEAR, NULL), WRP_CHAIN_EXPIRED);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
}

static void untrusted_without_path_to_anchor(void **state)
{
    tp_pki *p = *state;
    EVP_PKEY *k = tp_key();
    tp_spec other_spec = {.cn = "Other Root", .ca = 1};
    X509 *other = tp_cert(&other_spec, k, NULL, NULL);
    wrp_anchors *a = anchors_of(1, other);
    wrp_err err = {{0}};

    wrp_chain c = chain_of(2, p->leaf, p->ca);
    assert_int_equal(verify(a, &c, TP_T0, &err), WRP_CHAIN_UNTRUSTED);
    assert_non_null(strstr(err.msg, "depth 1"));
    wrp_chain_free(&c);

    c = chain_of(3, p->leaf, p->ca, p->root); /* a self-signed root in the chain is not an anchor */
    assert_int_equal(verify(a, &c, TP_T0, &err), WRP_CHAIN_UNTRUSTED);
    wrp_chain_free(&c);

    c = chain_of(1, p->root);
    assert_int_equal(verify(a, &c, TP_T0, &err), WRP_CHAIN_UNTRUSTED);
    wrp_chain_free(&c);

    wrp_anchors *none = wrp_anchors_new();
    c = chain_of(2, p->leaf, p->ca);
    assert_int_equal(verify(none, &c, TP_T0, &err), WRP_CHAIN_UNTRUSTED);
    wrp_chain_free(&c);
    wrp_anchors_free(none);
    wrp_anchors_free(a);
    X509_free(other);
    EVP_PKEY_free(k);
}

static void expired_leaf(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Old RP", .org_id = "NTRNL-1", .ca = 0, .serial = 7,
                 .not_before = TP_T0 - 2 * TP_YEAR, .not_after = TP_T0 - 1};
    X509 *leaf = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(2, leaf, p->ca);
    wrp_err err = {{0}};
    X509 *issuer = (X509 *)1;
    assert_int_equal(wrp_chain_verify(a, &c, TP_T0, &issuer, &err), WRP_CHAIN_EXPIRED);
    assert_null(issuer);
    assert_non_null(strstr(err.msg, "depth 0"));
    assert_non_null(strstr(err.msg, "expired"));
    /* valid before its notAfter (OpenSSL counts the notAfter second itself as expired) */
    assert_int_equal(verify(a, &c, TP_T0 - 2, NULL), WRP_CHAIN_OK);
    assert_int_equal(verify(a, &c, TP_T0 - 1, NULL), WRP_CHAIN_EXPIRED);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(leaf);
}

static void expired_intermediate(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Test Access CA", .o = "Test PKI", .c = "NL", .ca = 1, .serial = 8,
                 .key_usage = "critical,keyCertSign,cRLSign",
                 .not_before = TP_T0 - 2 * TP_YEAR, .not_after = TP_T0 - TP_DAY};
    X509 *ca = tp_cert(&s, p->ca_key, p->root, p->root_key);
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(2, p->leaf, ca);
    wrp_err err = {{0}};
    assert_int_equal(verify(a, &c, TP_T0, &err), WRP_CHAIN_EXPIRED);
    assert_non_null(strstr(err.msg, "depth 1"));
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(ca);
}

static void expired_anchor(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Test Access CA", .o = "Test PKI", .c = "NL", .ca = 1, .serial = 2,
                 .key_usage = "critical,keyCertSign,cRLSign",
                 .not_before = TP_T0 - 2 * TP_YEAR, .not_after = TP_T0 - TP_DAY};
    X509 *old_ca = tp_cert(&s, p->ca_key, p->root, p->root_key);
    wrp_anchors *a = anchors_of(1, old_ca); /* trusted as given, but not outside its validity */
    wrp_chain c = chain_of(1, p->leaf);
    wrp_err err = {{0}};
    assert_int_equal(verify(a, &c, TP_T0, &err), WRP_CHAIN_EXPIRED);
    assert_non_null(strstr(err.msg, "depth 1"));
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(old_ca);
}

static void not_yet_valid(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Future RP", .org_id = "NTRNL-2", .ca = 0, .serial = 9,
                 .not_before = TP_T0 + TP_DAY, .not_after = TP_T0 + TP_YEAR};
    X509 *leaf = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    wrp_anchors *a = anchors_of(1, p->ca);
    wrp_chain c = chain_of(1, leaf);
    assert_int_equal(verify(a, &c, TP_T0, NULL), WRP_CHAIN_NOT_YET_VALID);
    assert_int_equal(verify(a, &c, TP_T0 + TP_DAY, NULL), WRP_CHAIN_OK);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(leaf);
}

static void bad_signature(void **state)
{
    tp_pki *p = *state;
    size_t len = 0;
    uint8_t *der = tp_der(p->leaf, &len);
    der[len - 1] ^= 0x01; /* last byte of the ECDSA s value */
    X509 *forged = NULL;
    assert_int_equal(wrp_cert_from_der(der, len, &forged, NULL), WRP_OK);
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(2, forged, p->ca);
    wrp_err err = {{0}};
    assert_int_equal(verify(a, &c, TP_T0, &err), WRP_CHAIN_BAD_SIGNATURE);
    assert_non_null(strstr(err.msg, "depth 0"));
    assert_int_equal(ERR_peek_error(), 0);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(forged);
    free(der);
}

static void issuer_name_is_not_enough(void **state)
{
    tp_pki *p = *state;
    /* an impostor root with the anchor's name signs an intermediate */
    EVP_PKEY *k = tp_key();
    tp_spec s = {.cn = "Test Root", .o = "Test PKI", .c = "NL", .serial = 1, .ca = 1,
                 .key_usage = "critical,keyCertSign,cRLSign"};
    X509 *impostor = tp_cert(&s, k, NULL, NULL);
    s.cn = "Test Access CA";
    s.serial = 2;
    X509 *ca = tp_cert(&s, p->ca_key, impostor, k);
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(2, p->leaf, ca);
    wrp_err err = {{0}};
    assert_int_equal(verify(a, &c, TP_T0, &err), WRP_CHAIN_BAD_SIGNATURE);
    assert_non_null(strstr(err.msg, "depth 1"));
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(ca);
    X509_free(impostor);
    EVP_PKEY_free(k);
}

static void issuer_must_be_a_ca(void **state)
{
    tp_pki *p = *state;
    EVP_PKEY *k = tp_key();
    tp_spec s = {.cn = "Below a leaf", .org_id = "NTRNL-3", .ca = 0, .serial = 10};
    X509 *below = tp_cert(&s, k, p->leaf, p->leaf_key);
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(3, below, p->leaf, p->ca);
    assert_int_equal(verify(a, &c, TP_T0, NULL), WRP_CHAIN_INVALID);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(below);
    EVP_PKEY_free(k);
}

static void anchor_repeated_in_chain(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(4, p->leaf, p->ca, p->root, p->root);
    assert_int_equal(verify(a, &c, TP_T0, NULL), WRP_CHAIN_OK);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
}

static void unrelated_extra_certificates_ignored(void **state)
{
    tp_pki *p = *state;
    EVP_PKEY *k = tp_key();
    tp_spec s = {.cn = "Unrelated", .ca = 1};
    X509 *unrelated = tp_cert(&s, k, NULL, NULL);
    wrp_anchors *a = anchors_of(2, unrelated, p->root);
    wrp_chain c = chain_of(4, p->leaf, unrelated, p->ca, unrelated);
    X509 *issuer = NULL;
    assert_int_equal(wrp_chain_verify(a, &c, TP_T0, &issuer, NULL), WRP_CHAIN_OK);
    assert_int_equal(X509_cmp(issuer, p->ca), 0);
    X509_free(issuer);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
    X509_free(unrelated);
    EVP_PKEY_free(k);
}

static void verify_refuses_bad_arguments(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain empty = {0};
    assert_int_equal(verify(a, &empty, TP_T0, NULL), WRP_CHAIN_INVALID);
    assert_int_equal(verify(a, NULL, TP_T0, NULL), WRP_CHAIN_INVALID);
    wrp_chain c = chain_of(1, p->leaf);
    assert_int_equal(verify(NULL, &c, TP_T0, NULL), WRP_CHAIN_INVALID);
    wrp_chain_free(&c);
    X509 *certs[WRP_MAX_CHAIN_LEN + 1];
    for (size_t i = 0; i <= WRP_MAX_CHAIN_LEN; i++)
        certs[i] = p->leaf;
    wrp_chain too_long = {certs, WRP_MAX_CHAIN_LEN + 1};
    assert_int_equal(verify(a, &too_long, TP_T0, NULL), WRP_CHAIN_INVALID);
    wrp_anchors_free(a);
}

static void chain_result_strings(void **state)
{
    (void)state;
    assert_string_equal(wrp_chain_result_str(WRP_CHAIN_OK), "ok");
    assert_string_equal(wrp_chain_result_str(WRP_CHAIN_UNTRUSTED), "untrusted");
    assert_string_equal(wrp_chain_result_str(WRP_CHAIN_EXPIRED), "expired");
    assert_string_equal(wrp_chain_result_str(WRP_CHAIN_NOT_YET_VALID), "not yet valid");
    assert_string_equal(wrp_chain_result_str(WRP_CHAIN_BAD_SIGNATURE), "bad signature");
    assert_string_equal(wrp_chain_result_str(WRP_CHAIN_INVALID), "invalid");
    assert_string_equal(wrp_chain_result_str((wrp_chain_result)99), "unknown");
}

typedef struct shared_verify {
    wrp_anchors *a;
    wrp_chain *c;
    int failures;
} shared_verify;

static void *verify_many(void *arg)
{
    shared_verify *s = arg;
    for (int i = 0; i < 50; i++) {
        X509 *issuer = NULL;
        if (wrp_chain_verify(s->a, s->c, TP_T0, &issuer, NULL) != WRP_CHAIN_OK || issuer == NULL)
            __atomic_add_fetch(&s->failures, 1, __ATOMIC_RELAXED);
        X509_free(issuer);
    }
    return NULL;
}

static void anchors_shared_across_threads(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain c = chain_of(2, p->leaf, p->ca);
    shared_verify s = {a, &c, 0};
    pthread_t th[4];
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, verify_many, &s), 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    assert_int_equal(s.failures, 0);
    wrp_chain_free(&c);
    wrp_anchors_free(a);
}

/* ---------------------------------------------------------------------------------------------
 * Remembered paths */

static size_t memo_entries(const wrp_anchors *a)
{
    size_t n = 0;
    uint64_t hits = 0;
    wrp_anchors_memo_stats(a, &n, &hits);
    return n;
}

static uint64_t memo_hits(const wrp_anchors *a)
{
    size_t n = 0;
    uint64_t hits = 0;
    wrp_anchors_memo_stats(a, &n, &hits);
    return hits;
}

/* A leaf of the test PKI's CA, valid from nb to na, with its own serial. */
static X509 *leaf_valid(tp_pki *p, int64_t nb, int64_t na, long serial)
{
    tp_spec s = {.cn = "memo leaf", .ca = 0, .serial = serial, .not_before = nb, .not_after = na};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    assert_non_null(x);
    return x;
}

/* A remembered chain is answered at every time exactly as a full validation answers it: around
 * each validity bound of the leaf and of the CA, the remembered set (primed at TP_T0, so each of
 * these calls finds the chain) and a fresh set agree on the result, the message and the path. */
static void memo_hit_judges_validity_at_the_time(void **state)
{
    tp_pki *p = *state;
    int64_t nb = TP_T0 - TP_DAY, na = TP_T0 + TP_DAY;
    X509 *leaf = leaf_valid(p, nb, na, 501);
    wrp_chain c = chain_of(2, leaf, p->ca);
    wrp_anchors *memo = anchors_of(1, p->root);
    assert_int_equal(verify(memo, &c, TP_T0, NULL), WRP_CHAIN_OK);
    assert_int_equal(memo_entries(memo), 1);
    assert_int_equal(memo_hits(memo), 0);
    ASN1_TIME *t0 = ASN1_TIME_set(NULL, (time_t)TP_T0);
    int days = 0, secs = 0;
    assert_int_equal(ASN1_TIME_diff(&days, &secs, t0, X509_get0_notAfter(p->ca)), 1);
    ASN1_TIME_free(t0);
    int64_t ca_end = TP_T0 + days * TP_DAY + secs;
    const int64_t times[] = {TP_T0, nb - 1, nb, nb + 1, na - 1, na, na + 1, ca_end - 1, ca_end, ca_end + 1};
    uint64_t hits = 0;
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        wrp_anchors *fresh = anchors_of(1, p->root);
        wrp_err e1 = {{0}}, e2 = {{0}};
        wrp_chain p1 = {0}, p2 = {0};
        wrp_chain_result want = wrp_chain_verify_path(fresh, &c, times[i], &p1, &e1);
        wrp_chain_result got = wrp_chain_verify_path(memo, &c, times[i], &p2, &e2);
        if (got != want || strcmp(e1.msg, e2.msg) != 0 || p1.n != p2.n)
            fail_msg("time %lld: remembered %s (%s), validated %s (%s)", (long long)times[i],
                     wrp_chain_result_str(got), e2.msg, wrp_chain_result_str(want), e1.msg);
        for (size_t k = 0; k < p1.n; k++)
            assert_ptr_equal(p1.certs[k], p2.certs[k]);
        assert_int_equal(memo_hits(memo), ++hits); /* each call found the chain */
        wrp_chain_free(&p1);
        wrp_chain_free(&p2);
        wrp_anchors_free(fresh);
    }
    /* the leaf has expired after na: found, re-judged, and validated in full */
    wrp_err err = {{0}};
    assert_int_equal(verify(memo, &c, na + 1, &err), WRP_CHAIN_EXPIRED);
    assert_non_null(strstr(err.msg, "certificate has expired"));
    assert_int_equal(memo_hits(memo), hits + 1);
    assert_int_equal(memo_entries(memo), 1); /* a failure is not remembered */
    X509 *issuer = NULL;
    assert_int_equal(wrp_chain_verify(memo, &c, TP_T0, &issuer, NULL), WRP_CHAIN_OK);
    assert_ptr_equal(issuer, p->ca);
    X509_free(issuer);
    wrp_chain_free(&c);
    X509_free(leaf);
    wrp_anchors_free(memo);
}

/* The last byte of cert's DER changed (a byte of its signature), decoded again. */
static X509 *one_byte_changed(X509 *cert)
{
    size_t len = 0;
    uint8_t *der = tp_der(cert, &len);
    assert_non_null(der);
    der[len - 1] ^= 0x01;
    X509 *x = NULL;
    assert_int_equal(wrp_cert_from_der(der, len, &x, NULL), WRP_OK);
    free(der);
    return x;
}

/* A chain is found only when every certificate is the same to the byte: a chain whose leaf or
 * intermediate differs in one byte is validated in full (and its signature then fails). */
static void memo_chain_differing_in_one_byte_is_not_found(void **state)
{
    tp_pki *p = *state;
    wrp_anchors *a = anchors_of(1, p->root);
    wrp_chain good = chain_of(2, p->leaf, p->ca);
    assert_int_equal(verify(a, &good, TP_T0, NULL), WRP_CHAIN_OK);
    assert_int_equal(verify(a, &good, TP_T0, NULL), WRP_CHAIN_OK);
    assert_int_equal(memo_hits(a), 1);
    X509 *leaf2 = one_byte_changed(p->leaf), *ca2 = one_byte_changed(p->ca);
    wrp_chain bad_leaf = chain_of(2, leaf2, p->ca), bad_ca = chain_of(2, p->leaf, ca2);
    assert_int_equal(verify(a, &bad_leaf, TP_T0, NULL), WRP_CHAIN_BAD_SIGNATURE);
    assert_int_equal(verify(a, &bad_ca, TP_T0, NULL), WRP_CHAIN_BAD_SIGNATURE);
    assert_int_equal(memo_hits(a), 1);
    assert_int_equal(memo_entries(a), 1);
    /* the presented chain is the key, not only its leaf: the leaf alone is another chain */
    wrp_chain alone = chain_of(1, p->leaf);
    assert_int_equal(verify(a, &alone, TP_T0, NULL), WRP_CHAIN_UNTRUSTED);
    assert_int_equal(memo_hits(a), 1);
    wrp_chain_free(&alone);
    wrp_chain_free(&bad_leaf);
    wrp_chain_free(&bad_ca);
    X509_free(leaf2);
    X509_free(ca2);
    wrp_chain_free(&good);
    wrp_anchors_free(a);
}

/* At most WRP_CHAIN_MEMO_SIZE chains are remembered, the least recently used dropped; adding an
 * anchor forgets them all (the path OpenSSL builds may change); a snapshot starts empty. */
static void memo_is_bounded(void **state)
{
    tp_pki *p = *state;
    enum { N = WRP_CHAIN_MEMO_SIZE + 4 };
    X509 *leaves[N];
    wrp_chain chains[N];
    wrp_anchors *a = anchors_of(1, p->root);
    for (size_t i = 0; i < N; i++) {
        leaves[i] = leaf_valid(p, TP_T0 - TP_DAY, TP_T0 + TP_DAY, 600 + (long)i);
        chains[i] = chain_of(2, leaves[i], p->ca);
        assert_int_equal(verify(a, &chains[i], TP_T0, NULL), WRP_CHAIN_OK);
        assert_true(memo_entries(a) <= WRP_CHAIN_MEMO_SIZE);
    }
    assert_int_equal(memo_entries(a), WRP_CHAIN_MEMO_SIZE);
    assert_int_equal(memo_hits(a), 0);
    assert_int_equal(verify(a, &chains[N - 1], TP_T0, NULL), WRP_CHAIN_OK);
    assert_int_equal(memo_hits(a), 1);
    assert_int_equal(verify(a, &chains[0], TP_T0, NULL), WRP_CHAIN_OK); /* dropped: validated */
    assert_int_equal(memo_hits(a), 1);
    wrp_anchors *dup = wrp_anchors_dup(a);
    assert_non_null(dup);
    assert_int_equal(memo_entries(dup), 0);
    assert_int_equal(wrp_anchors_add_cert(a, p->ca), WRP_OK);
    assert_int_equal(memo_entries(a), 0);
    for (size_t i = 0; i < N; i++) {
        wrp_chain_free(&chains[i]);
        X509_free(leaves[i]);
    }
    wrp_anchors_free(dup);
    wrp_anchors_free(a);
}

typedef struct memo_threads {
    wrp_anchors *a;
    wrp_chain *chains;
    size_t n;
    X509 *issuer;
    int failures;
    int next; /* each thread starts at its own chain */
} memo_threads;

static void *verify_round_robin(void *arg)
{
    memo_threads *s = arg;
    size_t start = (size_t)__atomic_fetch_add(&s->next, 11, __ATOMIC_RELAXED);
    for (size_t i = 0; i < 4 * s->n; i++) {
        wrp_chain *c = &s->chains[(start + i * 7) % s->n];
        X509 *issuer = NULL;
        wrp_chain path = {0};
        int64_t t = (i % 5 == 4) ? TP_T0 + 2 * TP_DAY : TP_T0; /* every fifth: expired */
        wrp_chain_result want = t == TP_T0 ? WRP_CHAIN_OK : WRP_CHAIN_EXPIRED;
        if (wrp_chain_verify(s->a, c, t, &issuer, NULL) != want ||
            (want == WRP_CHAIN_OK && issuer != s->issuer) ||
            wrp_chain_verify_path(s->a, c, t, &path, NULL) != want ||
            (want == WRP_CHAIN_OK && (path.n != 3 || path.certs[0] != c->certs[0])))
            __atomic_add_fetch(&s->failures, 1, __ATOMIC_RELAXED);
        X509_free(issuer);
        wrp_chain_free(&path);
    }
    return NULL;
}

/* Four threads on one set, more chains than it remembers: hits, misses, evictions and expired
 * re-judgements at once, every answer the one a full validation gives. */
static void memo_shared_across_threads(void **state)
{
    tp_pki *p = *state;
    enum { N = WRP_CHAIN_MEMO_SIZE + 8 };
    X509 *leaves[N];
    wrp_chain chains[N];
    for (size_t i = 0; i < N; i++) {
        leaves[i] = leaf_valid(p, TP_T0 - TP_DAY, TP_T0 + TP_DAY, 700 + (long)i);
        chains[i] = chain_of(2, leaves[i], p->ca);
    }
    wrp_anchors *a = anchors_of(1, p->root);
    memo_threads s = {a, chains, N, p->ca, 0, 0};
    pthread_t th[4];
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, verify_round_robin, &s), 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    assert_int_equal(s.failures, 0);
    assert_true(memo_hits(a) > 0);
    assert_int_equal(memo_entries(a), WRP_CHAIN_MEMO_SIZE);
    for (size_t i = 0; i < N; i++) {
        wrp_chain_free(&chains[i]);
        X509_free(leaves[i]);
    }
    wrp_anchors_free(a);
}

/* ---------------------------------------------------------------------------------------------
 * Certificate fields */

static void info_access_certificate_fields(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Example RP", .o = "Example BV", .c = "NL", .org_id = "LEIXG-529900T8BM49AURSDO55",
                 .ca = 0, .serial = 11, .key_usage = "critical,digitalSignature,keyEncipherment",
                 .san = "DNS:rp.example,URI:https://rp.example,DNS:www.rp.example",
                 .crl_dp = "URI:http://crl.example/a.crl,URI:ldap://crl.example/a",
                 .policies = "0.4.0.194118.1.1,0.4.0.194118.1.3"};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    wrp_cert_info i;
    assert_int_equal(wrp_cert_info_get(x, &i, NULL), WRP_OK);
    assert_string_equal(i.org_id, "LEIXG-529900T8BM49AURSDO55");
    assert_null(i.serial_number);
    assert_string_equal(i.common_name, "Example RP");
    assert_string_equal(i.org_name, "Example BV");
    assert_string_equal(i.country, "NL");
    assert_int_equal(i.n_dns_sans, 2);
    assert_string_equal(i.dns_sans[0], "rp.example");
    assert_string_equal(i.dns_sans[1], "www.rp.example");
    assert_true(i.has_crl_dp);
    assert_int_equal(i.n_crl_dps, 2);
    assert_string_equal(i.crl_dps[0], "http://crl.example/a.crl");
    assert_string_equal(i.crl_dps[1], "ldap://crl.example/a");
    assert_int_equal(i.n_policies, 2);
    assert_string_equal(i.policies[0], "0.4.0.194118.1.1");
    assert_string_equal(i.policies[1], "0.4.0.194118.1.3");
    assert_false(i.is_ca);
    assert_true(i.has_key_usage);
    assert_true(i.ku_digital_signature);
    size_t len = 0;
    uint8_t *der = tp_der(x, &len), md[32];
    assert_true(EVP_Digest(der, len, md, NULL, EVP_sha256(), NULL));
    assert_memory_equal(i.sha256, md, 32);
    wrp_cert_info_free(&i);
    assert_null(i.org_id);
    assert_int_equal(i.n_dns_sans, 0);
    free(der);
    X509_free(x);
}

static void info_serial_number_only(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Jan Jansen", .serial_number = "PNONL-123456789", .ca = -1, .serial = 12};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    wrp_cert_info i;
    assert_int_equal(wrp_cert_info_get(x, &i, NULL), WRP_OK);
    assert_null(i.org_id);
    assert_string_equal(i.serial_number, "PNONL-123456789");
    assert_null(i.org_name);
    assert_null(i.country);
    assert_false(i.is_ca);
    assert_false(i.has_key_usage);
    assert_false(i.ku_digital_signature);
    assert_false(i.has_crl_dp);
    assert_int_equal(i.n_dns_sans + i.n_crl_dps + i.n_policies, 0);
    wrp_cert_info_free(&i);
    X509_free(x);
}

static void info_ca_true(void **state)
{
    tp_pki *p = *state;
    wrp_cert_info i;
    assert_int_equal(wrp_cert_info_get(p->root, &i, NULL), WRP_OK);
    assert_true(i.is_ca);
    assert_true(i.has_key_usage);
    assert_false(i.ku_digital_signature);
    assert_string_equal(i.common_name, "Test Root");
    wrp_cert_info_free(&i);
    tp_spec s = {.cn = "CA false", .ca = 0, .serial = 13};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    assert_int_equal(wrp_cert_info_get(x, &i, NULL), WRP_OK);
    assert_false(i.is_ca);
    wrp_cert_info_free(&i);
    X509_free(x);
}

/* Of a repeated display attribute the first is read; an identifying attribute (what a
 * registration certificate's sub is bound to) must be there once and not empty. */
static X509 *with_subject_attr(tp_pki *p, int serial, int nid, int type, const char *value)
{
    tp_spec s = {.cn = "First", .org_id = "VATNL-1", .ca = 0, .serial = serial};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    assert_true(X509_NAME_add_entry_by_NID(X509_get_subject_name(x), nid, type,
                                           (const unsigned char *)value, -1, -1, 0));
    assert_true(tp_sign(x, p->ca_key));
    return x;
}

static void info_identifying_subject_attributes_once_and_not_empty(void **state)
{
    tp_pki *p = *state;
    wrp_cert_info i;
    wrp_err err = {{0}};
    X509 *x = with_subject_attr(p, 14, NID_commonName, MBSTRING_UTF8, "Second");
    assert_int_equal(wrp_cert_info_get(x, &i, NULL), WRP_OK);
    assert_string_equal(i.common_name, "First");
    assert_string_equal(i.org_id, "VATNL-1");
    wrp_cert_info_free(&i);
    X509_free(x);
    x = with_subject_attr(p, 40, NID_organizationIdentifier, MBSTRING_UTF8, "VATNL-2");
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_ERR_MALFORMED);
    assert_string_equal(err.msg, "subject organizationIdentifier appears more than once");
    X509_free(x);
    x = with_subject_attr(p, 41, NID_serialNumber, V_ASN1_PRINTABLESTRING, "");
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_ERR_MALFORMED);
    assert_string_equal(err.msg, "subject serialNumber is empty");
    X509_free(x);
    tp_spec s = {.cn = "Empty", .org_id = "", .ca = 0, .serial = 42};
    x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_ERR_MALFORMED);
    assert_string_equal(err.msg, "subject organizationIdentifier is empty");
    X509_free(x);
}

static void info_subject_converted_to_utf8(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.ca = 0, .serial = 15};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    /* "Café" as a BMPString */
    const unsigned char bmp[] = {0, 'C', 0, 'a', 0, 'f', 0, 0xE9};
    assert_true(X509_NAME_add_entry_by_NID(X509_get_subject_name(x), NID_organizationName,
                                           V_ASN1_BMPSTRING, bmp, sizeof bmp, -1, 0));
    assert_true(tp_sign(x, p->ca_key));
    wrp_cert_info i;
    assert_int_equal(wrp_cert_info_get(x, &i, NULL), WRP_OK);
    assert_string_equal(i.org_name, "Caf\xc3\xa9");
    wrp_cert_info_free(&i);
    X509_free(x);
}

static X509 *leaf_with_sans(tp_pki *p, const char *dns, size_t len)
{
    tp_spec s = {.cn = "SAN", .org_id = "NTRNL-4", .ca = 0, .serial = 16};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    GENERAL_NAMES *gens = sk_GENERAL_NAME_new_null();
    GENERAL_NAME *g = GENERAL_NAME_new();
    ASN1_IA5STRING *ia5 = ASN1_IA5STRING_new();
    assert_true(ASN1_STRING_set(ia5, dns, (int)len));
    GENERAL_NAME_set0_value(g, GEN_DNS, ia5);
    assert_true(sk_GENERAL_NAME_push(gens, g));
    assert_int_equal(X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0, X509V3_ADD_DEFAULT), 1);
    GENERAL_NAMES_free(gens);
    assert_true(tp_sign(x, p->ca_key));
    return x;
}

static void info_san_with_nul_refused(void **state)
{
    tp_pki *p = *state;
    X509 *x = leaf_with_sans(p, "rp.example\0.evil.example", 24);
    wrp_cert_info i;
    wrp_err err = {{0}};
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "NUL"));
    assert_null(i.dns_sans);
    assert_int_equal(i.n_dns_sans, 0);
    X509_free(x);
    x = leaf_with_sans(p, "caf\xc3\xa9.example", 13);
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_ERR_MALFORMED);
    X509_free(x);
    x = leaf_with_sans(p, "rp.example", 10);
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_OK);
    assert_string_equal(i.dns_sans[0], "rp.example");
    wrp_cert_info_free(&i);
    X509_free(x);
}

/* A report names the access certificate by its subjectAltNames of every type; a NUL byte inside a
 * name is shown, not a place where the name ends. */
static void summary_names_every_san(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "SANs", .org_id = "NTRNL-6", .ca = 0, .serial = 43,
                 .san = "DNS:rp.example,URI:https://rp.example/x,email:dpo@rp.example,IP:192.0.2.1,"
                        "IP:2001:db8::1,RID:1.2.3.4"};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    wrp_cert_summary sum;
    assert_int_equal(wrp_cert_summary_get(x, &sum), WRP_OK);
    static const char *const want[] = {"DNS:rp.example", "URI:https://rp.example/x", "email:dpo@rp.example",
                                       "IP:192.0.2.1", "IP:2001:db8::1", "RID:1.2.3.4"};
    assert_int_equal(sum.n_sans, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sum.n_sans; i++)
        assert_string_equal(sum.sans[i], want[i]);
    wrp_cert_summary_free(&sum);
    assert_null(sum.sans);
    X509_free(x);
    x = leaf_with_sans(p, "rp.example\0.evil.example", 24);
    assert_int_equal(wrp_cert_summary_get(x, &sum), WRP_OK);
    assert_int_equal(sum.n_sans, 1);
    assert_string_equal(sum.sans[0], "DNS:rp.example\\x00.evil.example");
    wrp_cert_summary_free(&sum);
    X509_free(x);
    tp_spec none = {.cn = "No SAN", .org_id = "NTRNL-7", .ca = 0, .serial = 44};
    x = tp_cert(&none, p->leaf_key, p->ca, p->ca_key);
    assert_int_equal(wrp_cert_summary_get(x, &sum), WRP_OK);
    assert_int_equal(sum.n_sans, 0);
    assert_null(sum.sans);
    wrp_cert_summary_free(&sum);
    X509_free(x);
}

static void info_subject_with_nul_refused(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.ca = 0, .serial = 17};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    assert_true(X509_NAME_add_entry_by_NID(X509_get_subject_name(x), NID_organizationIdentifier,
                                           V_ASN1_UTF8STRING, (const unsigned char *)"NTRNL-1\0-2", 10,
                                           -1, 0));
    assert_true(tp_sign(x, p->ca_key));
    wrp_cert_info i;
    wrp_err err = {{0}};
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "organizationIdentifier"));
    assert_null(i.org_id);
    X509_free(x);
}

static void info_duplicate_extension_refused(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Dup", .org_id = "NTRNL-5", .ca = 0, .serial = 18, .san = "DNS:a.example"};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    assert_true(tp_add_ext(x, p->ca, NID_subject_alt_name, "DNS:b.example"));
    assert_true(tp_sign(x, p->ca_key));
    wrp_cert_info i;
    wrp_err err = {{0}};
    assert_int_equal(wrp_cert_info_get(x, &i, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "twice"));
    X509_free(x);
    assert_int_equal(wrp_cert_info_get(NULL, &i, NULL), WRP_ERR_ARG);
}

static void info_crl_dp_without_uri(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "DP", .org_id = "NTRNL-6", .ca = 0, .serial = 19,
                 .crl_dp = "DNS:crl.example"};
    X509 *x = tp_cert(&s, p->leaf_key, p->ca, p->ca_key);
    wrp_cert_info i;
    assert_int_equal(wrp_cert_info_get(x, &i, NULL), WRP_OK);
    assert_true(i.has_crl_dp);
    assert_int_equal(i.n_crl_dps, 0);
    wrp_cert_info_free(&i);
    X509_free(x);
}

/* ---------------------------------------------------------------------------------------------
 * CRLs */

static X509_CRL *resigned(X509_CRL *crl, EVP_PKEY *key)
{
    assert_true(X509_CRL_sign(crl, key, EVP_sha256()) > 0);
    size_t len = 0;
    uint8_t *der = tp_crl_der(crl, &len);
    X509_CRL **v = NULL;
    size_t n = 0;
    assert_int_equal(wrp_crls_parse(der, len, &v, &n, NULL), WRP_OK);
    assert_int_equal(n, 1);
    X509_CRL *out = v[0];
    free(v);
    free(der);
    X509_CRL_free(crl);
    return out;
}

static wrp_crl_result check1(tp_pki *p, X509_CRL *crl, int64_t t)
{
    return wrp_crl_check(p->leaf, p->ca, &crl, 1, t, NULL);
}

static void crls_parse_pem_and_der(void **state)
{
    tp_pki *p = *state;
    const long serials[] = {3};
    X509_CRL *a = tp_crl(p->ca, p->ca_key, TP_T0, TP_T0 + TP_DAY, serials, 1);
    X509_CRL *b = tp_crl(p->root, p->root_key, TP_T0, TP_T0 + TP_DAY, NULL, 0);
    char *pa = tp_crl_pem(a), *pb = tp_crl_pem(b);
    size_t cap = strlen(pa) + strlen(pb) + 64;
    char *file = malloc(cap);
    snprintf(file, cap, "# CRLs\n%s\ntext between\n%s", pa, pb);
    X509_CRL **v = NULL;
    size_t n = 0;
    assert_int_equal(wrp_crls_parse((const uint8_t *)file, strlen(file), &v, &n, NULL), WRP_OK);
    assert_int_equal(n, 2);
    assert_int_equal(X509_CRL_cmp(v[0], a), 0);
    assert_int_equal(X509_CRL_cmp(v[1], b), 0);
    wrp_crls_free(v, n);

    size_t len = 0;
    uint8_t *der = tp_crl_der(a, &len);
    assert_int_equal(wrp_crls_parse(der, len, &v, &n, NULL), WRP_OK);
    assert_int_equal(n, 1);
    wrp_crls_free(v, n);
    wrp_err err = {{0}};
    uint8_t *longer = calloc(1, len + 1);
    memcpy(longer, der, len);
    assert_int_equal(wrp_crls_parse(longer, len + 1, &v, &n, &err), WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "bytes after"));
    assert_null(v);
    assert_int_equal(n, 0);
    free(longer);
    free(der);
    free(file);
    free(pa);
    free(pb);
    X509_CRL_free(a);
    X509_CRL_free(b);
}

static void crls_parse_without_crl_refused(void **state)
{
    tp_pki *p = *state;
    X509_CRL **v = NULL;
    size_t n = 0;
    wrp_err err = {{0}};
    const char *text = "nothing\n";
    assert_int_equal(wrp_crls_parse((const uint8_t *)text, strlen(text), &v, &n, &err),
                     WRP_ERR_MALFORMED);
    assert_int_equal(wrp_crls_parse((const uint8_t *)"", 0, &v, &n, &err), WRP_ERR_MALFORMED);
    char *cert = tp_pem(p->root);
    assert_int_equal(wrp_crls_parse((const uint8_t *)cert, strlen(cert), &v, &n, &err),
                     WRP_ERR_MALFORMED);
    assert_non_null(strstr(err.msg, "CERTIFICATE"));
    size_t len = 0;
    uint8_t *der = tp_der(p->root, &len);
    assert_int_equal(wrp_crls_parse(der, len, &v, &n, &err), WRP_ERR_MALFORMED);
    assert_null(v);
    free(der);
    free(cert);
}

static void crl_revoked(void **state)
{
    tp_pki *p = *state;
    const long serials[] = {99, 3, 100};
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, serials, 3);
    wrp_err err = {{0}};
    assert_int_equal(wrp_crl_check(p->leaf, p->ca, &crl, 1, TP_T0, &err), WRP_CRL_REVOKED);
    assert_non_null(strstr(err.msg, "listed"));
    X509_CRL_free(crl);
}

static void crl_not_revoked(void **state)
{
    tp_pki *p = *state;
    const long serials[] = {99, 100};
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, serials, 2);
    assert_int_equal(check1(p, crl, TP_T0), WRP_CRL_GOOD);
    X509_CRL_free(crl);
    X509_CRL *empty = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    assert_int_equal(check1(p, empty, TP_T0), WRP_CRL_GOOD);
    X509_CRL_free(empty);
}

static void crl_current_window_is_half_open(void **state)
{
    tp_pki *p = *state;
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0, TP_T0 + TP_DAY, NULL, 0);
    assert_int_equal(check1(p, crl, TP_T0), WRP_CRL_GOOD);
    assert_int_equal(check1(p, crl, TP_T0 + TP_DAY - 1), WRP_CRL_GOOD);
    assert_int_equal(check1(p, crl, TP_T0 + TP_DAY), WRP_CRL_UNKNOWN); /* expired */
    assert_int_equal(check1(p, crl, TP_T0 - 1), WRP_CRL_UNKNOWN);      /* not yet current */
    X509_CRL_free(crl);
}

static void crl_expired_does_not_count(void **state)
{
    tp_pki *p = *state;
    const long serials[] = {3};
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0 - 10 * TP_DAY, TP_T0 - TP_DAY, serials, 1);
    wrp_err err = {{0}};
    assert_int_equal(wrp_crl_check(p->leaf, p->ca, &crl, 1, TP_T0, &err), WRP_CRL_UNKNOWN);
    assert_non_null(strstr(err.msg, "expired"));
    X509_CRL_free(crl);
}

static void crl_without_next_update_does_not_count(void **state)
{
    tp_pki *p = *state;
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, 0, NULL, 0);
    wrp_err err = {{0}};
    assert_int_equal(wrp_crl_check(p->leaf, p->ca, &crl, 1, TP_T0, &err), WRP_CRL_UNKNOWN);
    assert_non_null(strstr(err.msg, "nextUpdate"));
    X509_CRL_free(crl);
}

static void crl_not_yet_current_does_not_count(void **state)
{
    tp_pki *p = *state;
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0 + 1, TP_T0 + TP_DAY, NULL, 0);
    assert_int_equal(check1(p, crl, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL_free(crl);
}

static void crl_forged_does_not_count(void **state)
{
    tp_pki *p = *state;
    EVP_PKEY *k = tp_key();
    const long serials[] = {3};
    /* the right issuer name, the wrong key */
    X509_CRL *forged_listing = tp_crl(p->ca, k, TP_T0 - TP_DAY, TP_T0 + TP_DAY, serials, 1);
    X509_CRL *forged_clean = tp_crl(p->ca, k, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    wrp_err err = {{0}};
    assert_int_equal(wrp_crl_check(p->leaf, p->ca, &forged_clean, 1, TP_T0, &err), WRP_CRL_UNKNOWN);
    assert_non_null(strstr(err.msg, "signature"));
    assert_int_equal(ERR_peek_error(), 0);
    assert_int_equal(check1(p, forged_listing, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL *genuine = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    X509_CRL *mix[] = {forged_listing, genuine};
    assert_int_equal(wrp_crl_check(p->leaf, p->ca, mix, 2, TP_T0, NULL), WRP_CRL_GOOD);
    X509_CRL *genuine_listing = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, serials, 1);
    X509_CRL *mix2[] = {forged_clean, genuine, genuine_listing};
    assert_int_equal(wrp_crl_check(p->leaf, p->ca, mix2, 3, TP_T0, NULL), WRP_CRL_REVOKED);
    X509_CRL_free(genuine_listing);
    X509_CRL_free(genuine);
    X509_CRL_free(forged_clean);
    X509_CRL_free(forged_listing);
    EVP_PKEY_free(k);
}

static void crl_of_another_issuer_does_not_count(void **state)
{
    tp_pki *p = *state;
    const long serials[] = {3};
    /* the root's CRL, signed by the root, is no statement about the intermediate's leaves */
    X509_CRL *crl = tp_crl(p->root, p->root_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, serials, 1);
    assert_int_equal(check1(p, crl, TP_T0), WRP_CRL_UNKNOWN);
    /* nor does a wrong issuer certificate make the intermediate's CRL count */
    X509_CRL *ca_crl = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    assert_int_equal(wrp_crl_check(p->leaf, p->root, &ca_crl, 1, TP_T0, NULL), WRP_CRL_UNKNOWN);
    assert_int_equal(wrp_crl_check(p->leaf, NULL, &ca_crl, 1, TP_T0, NULL), WRP_CRL_UNKNOWN);
    assert_int_equal(wrp_crl_check(p->leaf, p->ca, NULL, 0, TP_T0, NULL), WRP_CRL_UNKNOWN);
    X509_CRL_free(ca_crl);
    X509_CRL_free(crl);
}

static void crl_issuer_without_crl_sign_does_not_count(void **state)
{
    tp_pki *p = *state;
    tp_spec s = {.cn = "Test Access CA", .o = "Test PKI", .c = "NL", .serial = 2, .ca = 1,
                 .key_usage = "critical,keyCertSign",
                 .not_before = TP_T0 - TP_YEAR, .not_after = TP_T0 + TP_YEAR};
    X509 *ca = tp_cert(&s, p->ca_key, p->root, p->root_key);
    X509_CRL *crl = tp_crl(ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    assert_int_equal(wrp_crl_check(p->leaf, ca, &crl, 1, TP_T0, NULL), WRP_CRL_UNKNOWN);
    X509_CRL_free(crl);
    X509_free(ca);
}

static void crl_delta_or_unknown_critical_does_not_count(void **state)
{
    tp_pki *p = *state;
    X509_CRL *delta = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    ASN1_INTEGER *base = ASN1_INTEGER_new();
    assert_true(ASN1_INTEGER_set(base, 1));
    assert_int_equal(X509_CRL_add1_ext_i2d(delta, NID_delta_crl, base, 1, X509V3_ADD_DEFAULT), 1);
    ASN1_INTEGER_free(base);
    delta = resigned(delta, p->ca_key);
    assert_int_equal(check1(p, delta, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL_free(delta);

    X509_CRL *crit = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    ASN1_OBJECT *oid = OBJ_txt2obj("1.3.6.1.4.1.99999.1", 1);
    ASN1_OCTET_STRING *val = ASN1_OCTET_STRING_new();
    assert_true(ASN1_OCTET_STRING_set(val, (const unsigned char *)"\x05\x00", 2));
    X509_EXTENSION *ext = X509_EXTENSION_create_by_OBJ(NULL, oid, 1, val);
    assert_true(X509_CRL_add_ext(crit, ext, -1));
    crit = resigned(crit, p->ca_key);
    assert_int_equal(check1(p, crit, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL_free(crit);

    /* the same extension in a revoked entry */
    const long serials[] = {99};
    X509_CRL *entry = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, serials, 1);
    X509_REVOKED *rev = sk_X509_REVOKED_value(X509_CRL_get_REVOKED(entry), 0);
    assert_true(X509_REVOKED_add_ext(rev, ext, -1));
    entry = resigned(entry, p->ca_key);
    assert_int_equal(check1(p, entry, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL_free(entry);

    X509_EXTENSION_free(ext);
    ASN1_OCTET_STRING_free(val);
    ASN1_OBJECT_free(oid);
}

static X509_CRL *crl_with_idp(tp_pki *p, const char *uri, int some_reasons, int only_ca)
{
    X509_CRL *crl = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0);
    ISSUING_DIST_POINT *idp = ISSUING_DIST_POINT_new();
    if (uri != NULL) {
        idp->distpoint = DIST_POINT_NAME_new();
        idp->distpoint->type = 0;
        idp->distpoint->name.fullname = sk_GENERAL_NAME_new_null();
        GENERAL_NAME *g = GENERAL_NAME_new();
        ASN1_IA5STRING *s = ASN1_IA5STRING_new();
        assert_true(ASN1_STRING_set(s, uri, -1));
        GENERAL_NAME_set0_value(g, GEN_URI, s);
        assert_true(sk_GENERAL_NAME_push(idp->distpoint->name.fullname, g));
    }
    if (some_reasons) {
        idp->onlysomereasons = ASN1_BIT_STRING_new();
        assert_true(ASN1_BIT_STRING_set_bit(idp->onlysomereasons, 1, 1));
    }
    idp->onlyCA = only_ca ? 0xFF : 0;
    assert_int_equal(
        X509_CRL_add1_ext_i2d(crl, NID_issuing_distribution_point, idp, 1, X509V3_ADD_DEFAULT), 1);
    ISSUING_DIST_POINT_free(idp);
    return resigned(crl, p->ca_key);
}

static void crl_issuing_distribution_point_must_cover(void **state)
{
    tp_pki *p = *state;
    X509_CRL *same = crl_with_idp(p, "http://crl.example/access-ca.crl", 0, 0);
    assert_int_equal(check1(p, same, TP_T0), WRP_CRL_GOOD);
    X509_CRL_free(same);
    X509_CRL *no_name = crl_with_idp(p, NULL, 0, 0);
    assert_int_equal(check1(p, no_name, TP_T0), WRP_CRL_GOOD);
    X509_CRL_free(no_name);
    X509_CRL *other = crl_with_idp(p, "http://crl.example/partition-2.crl", 0, 0);
    assert_int_equal(check1(p, other, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL_free(other);
    X509_CRL *reasons = crl_with_idp(p, NULL, 1, 0);
    assert_int_equal(check1(p, reasons, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL_free(reasons);
    X509_CRL *only_ca = crl_with_idp(p, NULL, 0, 1);
    assert_int_equal(check1(p, only_ca, TP_T0), WRP_CRL_UNKNOWN);
    X509_CRL_free(only_ca);
}

/* ---------------------------------------------------------------------------------------------
 * Real certificates */

/* ---------------------------------------------------------------------------------------------
 * CRLs: each verified once per verifier and issuer; WRP_MAX_ANCHORS in a whole configuration */

/* A verifier's memo: a CRL's signature is verified once per issuer certificate, whether it
 * verified or not, and every later check gives the same outcome without verifying again. */
static void crl_memo_verifies_each_once(void **state)
{
    tp_pki *p = *state;
    enum { N = 64 };
    EVP_PKEY *k = tp_key();
    const long serials[] = {3};
    X509_CRL *crls[N + 2];
    for (size_t i = 0; i < N; i++) /* the issuer's name, another key */
        assert_non_null(crls[i] = tp_crl(p->ca, k, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0));
    assert_non_null(crls[N] = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0));
    assert_non_null(crls[N + 1] = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, serials, 1));
    wrp_crl_memo *m = wrp_crl_memo_new(N + 2);
    assert_non_null(m);
    size_t verified = 99;
    /* a failure is tried twice (an allocation failure looks like a bad signature) */
    assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, N + 1, TP_T0, m, &verified, NULL),
                     WRP_CRL_GOOD);
    assert_int_equal(verified, 2 * N + 1);
    for (int round = 0; round < 3; round++) {
        assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, N + 1, TP_T0, m, &verified, NULL),
                         WRP_CRL_GOOD);
        assert_int_equal(verified, 0);
    }
    wrp_err err = {{0}};
    assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, N + 2, TP_T0, m, &verified, &err),
                     WRP_CRL_REVOKED);
    assert_int_equal(verified, 1); /* only the CRL not seen before */
    assert_non_null(strstr(err.msg, "listed in CRL 65"));
    assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, N + 2, TP_T0, m, &verified, NULL),
                     WRP_CRL_REVOKED);
    assert_int_equal(verified, 0);
    /* the time is not remembered: only the signatures are */
    assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, N + 2, TP_T0 + TP_DAY, m, &verified,
                                        &err), WRP_CRL_UNKNOWN);
    assert_int_equal(verified, 0);
    assert_non_null(strstr(err.msg, "expired"));
    /* without a memo, every CRL every time */
    assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, N + 1, TP_T0, NULL, &verified, NULL),
                     WRP_CRL_GOOD);
    assert_int_equal(verified, 2 * N + 1);
    /* another issuer certificate of the same name, with another key: its own outcomes */
    X509 *other = X509_dup(p->ca);
    EVP_PKEY *k2 = tp_key();
    assert_true(X509_set_pubkey(other, k2) && tp_sign(other, p->root_key));
    assert_int_equal(wrp_crl_check_memo(p->leaf, other, crls, N + 1, TP_T0, m, &verified, NULL),
                     WRP_CRL_UNKNOWN);
    assert_int_equal(verified, 2 * (N + 1));
    assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, N + 1, TP_T0, m, &verified, NULL),
                     WRP_CRL_GOOD);
    assert_int_equal(verified, 0);
    assert_int_equal(ERR_peek_error(), 0);
    X509_free(other);
    EVP_PKEY_free(k2);
    wrp_crl_memo_free(m);
    wrp_crl_memo_free(NULL);
    for (size_t i = 0; i < N + 2; i++)
        X509_CRL_free(crls[i]);
    EVP_PKEY_free(k);
}

typedef struct memo_share {
    tp_pki *p;
    X509_CRL **crls;
    size_t n;
    wrp_crl_memo *memo;
    pthread_mutex_t lock;
    int failures;
} memo_share;

static void *check_many(void *arg)
{
    memo_share *s = arg;
    for (int i = 0; i < 50; i++)
        if (wrp_crl_check_memo(s->p->leaf, s->p->ca, s->crls, s->n, TP_T0, s->memo, NULL, NULL) !=
            WRP_CRL_GOOD) {
            pthread_mutex_lock(&s->lock);
            s->failures++;
            pthread_mutex_unlock(&s->lock);
        }
    return NULL;
}

static void crl_memo_shared_by_threads(void **state)
{
    tp_pki *p = *state;
    EVP_PKEY *k = tp_key();
    X509_CRL *crls[8];
    for (size_t i = 0; i < 7; i++)
        assert_non_null(crls[i] = tp_crl(p->ca, k, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0));
    assert_non_null(crls[7] = tp_crl(p->ca, p->ca_key, TP_T0 - TP_DAY, TP_T0 + TP_DAY, NULL, 0));
    memo_share s = {.p = p, .crls = crls, .n = 8, .memo = wrp_crl_memo_new(8)};
    assert_non_null(s.memo);
    assert_int_equal(pthread_mutex_init(&s.lock, NULL), 0);
    pthread_t th[4];
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, check_many, &s), 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    assert_int_equal(s.failures, 0);
    size_t verified = 99;
    assert_int_equal(wrp_crl_check_memo(p->leaf, p->ca, crls, 8, TP_T0, s.memo, &verified, NULL),
                     WRP_CRL_GOOD);
    assert_int_equal(verified, 0);
    pthread_mutex_destroy(&s.lock);
    wrp_crl_memo_free(s.memo);
    for (size_t i = 0; i < 8; i++)
        X509_CRL_free(crls[i]);
    EVP_PKEY_free(k);
}

/* n CRLs under issuer's name signed by key, as one PEM text. */
static char *crls_pem(X509 *issuer, EVP_PKEY *key, int64_t t, size_t n, size_t *len)
{
    size_t cap = 1024, used = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        X509_CRL *crl = tp_crl(issuer, key, t - TP_DAY, t + 30 * TP_DAY, NULL, 0);
        assert_non_null(crl);
        char *pem = tp_crl_pem(crl);
        assert_non_null(pem);
        size_t k = strlen(pem);
        if (used + k + 1 > cap) {
            cap = (used + k + 1) * 2;
            assert_non_null(out = realloc(out, cap));
        }
        memcpy(out + used, pem, k + 1);
        used += k;
        free(pem);
        X509_CRL_free(crl);
    }
    *len = used;
    return out;
}

/* WRP_MAX_ANCHORS CRLs in a configuration, however many files hold them. */
static void crl_limit_per_configuration(void **state)
{
    tp_pki *p = *state;
    size_t la, lb, lc, ld;
    char *a = crls_pem(p->ca, p->ca_key, TP_T0, WRP_MAX_ANCHORS - 24, &la);
    char *b = crls_pem(p->ca, p->ca_key, TP_T0, 25, &lb);
    char *c = crls_pem(p->ca, p->ca_key, TP_T0, 24, &lc);
    char *d = crls_pem(p->ca, p->ca_key, TP_T0, 1, &ld);
    wrp_config *cfg = wrp_config_new();
    assert_non_null(cfg);
    assert_int_equal(wrp_config_add_crl(cfg, (const uint8_t *)a, la), WRP_OK);
    assert_int_equal(wrp_config_add_crl(cfg, (const uint8_t *)b, lb), WRP_ERR_LIMIT);
    assert_non_null(strstr(wrp_config_last_error(cfg), "more than 1024 CRLs"));
    assert_int_equal(wrp_config_add_crl(cfg, (const uint8_t *)c, lc), WRP_OK);
    assert_int_equal(wrp_config_add_crl(cfg, (const uint8_t *)d, ld), WRP_ERR_LIMIT);
    wrp_verifier *v = NULL;
    assert_int_equal(wrp_verifier_new(cfg, &v), WRP_OK);
    wrp_verifier_free(v);
    wrp_config_free(cfg);
    free(a);
    free(b);
    free(c);
    free(d);
}

#define E2E_TIME INT64_C(1798761600)

/* The end-to-end configuration (testvectors/e2e: allow-basic.jwt is allowed under it), with
 * extra CRLs when extra is non-NULL. */
static wrp_verifier *e2e_verifier(const char *extra, size_t extra_len)
{
    static const char *const files[] = {"testvectors/pki/ac-root.pem", "testvectors/crl/current.pem",
                                        "testvectors/rc/pki/rc-root.pem", "testvectors/rc/sl-valid.jwt"};
    wrp_status (*const add[])(wrp_config *, const uint8_t *, size_t) = {
        wrp_config_add_ac_anchors, wrp_config_add_crl, wrp_config_add_rc_anchors,
        wrp_config_add_status_list};
    wrp_config *cfg = wrp_config_new();
    assert_non_null(cfg);
    wrp_config_set_time(cfg, E2E_TIME);
    for (size_t i = 0; i < 4; i++) {
        size_t len = 0;
        uint8_t *data = tu_read_file(files[i], &len);
        assert_non_null(data);
        assert_int_equal(add[i](cfg, data, len), WRP_OK);
        free(data);
    }
    if (extra != NULL)
        assert_int_equal(wrp_config_add_crl(cfg, (const uint8_t *)extra, extra_len), WRP_OK);
    wrp_verifier *v = NULL;
    assert_int_equal(wrp_verifier_new(cfg, &v), WRP_OK);
    wrp_config_free(cfg);
    return v;
}

/* Allocations of one judgement of the request, which must be allowed. */
static unsigned long judged(wrp_verifier *v, const uint8_t *req, size_t len)
{
    wrp_result *r = NULL;
    ai_allocs = 0;
    assert_int_equal(wrp_audit(v, NULL, req, len, &r), WRP_OK);
    unsigned long n = ai_allocs;
    assert_int_equal(wrp_result_verdict(r), WRP_VERDICT_ALLOW);
    wrp_result_free(r);
    return n;
}

/* A verifier given many CRLs in the name of the access certificate's issuer that do not verify
 * checks each once: the judgements after the first cost what they cost without them. */
static void crl_checked_once_per_verifier(void **state)
{
    (void)state;
    enum { N = 256 };
    X509 *ca = NULL;
    assert_int_equal(tp_read_pem_certs("testvectors/pki/ac-int.pem", &ca, 1), 1);
    EVP_PKEY *k = tp_key();
    size_t len = 0, req_len = 0;
    char *forged = crls_pem(ca, k, E2E_TIME, N, &len);
    uint8_t *req = tu_read_file("testvectors/e2e/req/allow-basic.jwt", &req_len);
    assert_non_null(req);
    wrp_verifier *plain = e2e_verifier(NULL, 0), *many = e2e_verifier(forged, len);
    judged(plain, req, req_len);
    unsigned long base = judged(plain, req, req_len);
    unsigned long first = judged(many, req, req_len), later = judged(many, req, req_len);
    unsigned long again = judged(many, req, req_len);
    const char *why = NULL;
    if (ai_available(&why)) {
        printf("allocations per judgement: %lu without the %d CRLs; with them %lu, then %lu, %lu\n",
               base, N, first, later, again);
        if (later > base + 64 || again > base + 64)
            fail_msg("%lu and %lu allocations after the first judgement, %lu without the %d CRLs "
                     "that do not verify", later, again, base, N);
        assert_true(first > later + N); /* the first judgement did verify them */
    } else {
        printf("allocations not counted: %s\n", why);
    }
    wrp_verifier_free(plain);
    wrp_verifier_free(many);
    free(req);
    free(forged);
    EVP_PKEY_free(k);
    X509_free(ca);
}

static void interop_walt_id_access_certificate(void **state)
{
    (void)state;
    X509 *leaf[2] = {0};
    assert_int_equal(tp_read_pem_certs(WALT_LEAF, leaf, 2), 1);
    wrp_anchors *a = anchors_from_file(ANCHOR_DIR "pidissuerca02_eu.pem");
    wrp_chain c = {leaf, 1};
    X509 *issuer = NULL;
    wrp_err err = {{0}};
    assert_int_equal(wrp_chain_verify(a, &c, T_2027, &issuer, &err), WRP_CHAIN_OK);
    assert_non_null(issuer);
    wrp_cert_info ii;
    assert_int_equal(wrp_cert_info_get(issuer, &ii, NULL), WRP_OK);
    assert_string_equal(ii.common_name, "PID Issuer CA 02");
    assert_true(ii.is_ca);
    wrp_cert_info_free(&ii);
    X509_free(issuer);
    /* issued on 2026-07-13 */
    assert_int_equal(verify(a, &c, TP_T0, NULL), WRP_CHAIN_NOT_YET_VALID);
    /* another member state's CA of the same reference implementation is no anchor for it */
    wrp_anchors *nl = anchors_from_file(ANCHOR_DIR "pidissuerca02_nl.pem");
    assert_int_equal(verify(nl, &c, T_2027, NULL), WRP_CHAIN_UNTRUSTED);
    wrp_anchors_free(nl);

    wrp_cert_info i;
    assert_int_equal(wrp_cert_info_get(leaf[0], &i, NULL), WRP_OK);
    assert_string_equal(i.org_id, "VATATU68174624");
    assert_null(i.serial_number);
    assert_string_equal(i.common_name, "walt.id Identity Verification");
    assert_string_equal(i.org_name, "walt.id GmbH");
    assert_string_equal(i.country, "AT");
    assert_int_equal(i.n_dns_sans, 0);
    assert_int_equal(i.n_policies, 1);
    assert_string_equal(i.policies[0], "0.4.0.194118.1.2");
    assert_int_equal(i.n_crl_dps, 1);
    assert_string_equal(i.crl_dps[0], "https://preprod.pki.eudiw.dev/crl/pid_CA_EU_02.crl");
    assert_false(i.is_ca);
    assert_true(i.ku_digital_signature);
    size_t n = 0;
    uint8_t *md = tu_hex_decode("2043f80d858f922de7ede89b4eb917ff359bf682028102836f51a5dededc2a69", &n);
    assert_memory_equal(i.sha256, md, 32);
    free(md);
    wrp_cert_info_free(&i);
    wrp_anchors_free(a);
    X509_free(leaf[0]);
}

static void interop_jks_verifier_chain(void **state)
{
    (void)state;
    X509 *certs[4] = {0};
    assert_int_equal(tp_read_pem_certs(JKS_CHAIN, certs, 4), 3);
    wrp_anchors *a = anchors_from_file(JKS_ROOT);
    wrp_chain full = {certs, 3}, two = {certs, 2};
    wrp_err err = {{0}};
    /* the root expired on 2025-12-07 */
    assert_int_equal(verify(a, &full, T_2027, &err), WRP_CHAIN_EXPIRED);
    assert_int_equal(verify(a, &two, T_2027, NULL), WRP_CHAIN_EXPIRED);
    assert_int_equal(verify(a, &full, T_2025, NULL), WRP_CHAIN_OK);
    assert_int_equal(verify(a, &two, T_2025, NULL), WRP_CHAIN_OK);
    wrp_chain leaf_only = {certs, 1};
    assert_int_equal(verify(a, &leaf_only, T_2025, NULL), WRP_CHAIN_UNTRUSTED);

    wrp_cert_info i;
    assert_int_equal(wrp_cert_info_get(certs[0], &i, NULL), WRP_OK);
    assert_int_equal(i.n_dns_sans, 1);
    assert_string_equal(i.dns_sans[0], "verifier.example.gr");
    assert_string_equal(i.common_name, "verifierExample");
    assert_string_equal(i.country, "GR");
    assert_null(i.org_id);
    assert_null(i.serial_number);
    assert_false(i.is_ca);
    assert_false(i.has_crl_dp);
    wrp_cert_info_free(&i);

    /* the same chain through x5c */
    cJSON *x5c = x5c_of(3, certs);
    wrp_chain c = {0};
    assert_int_equal(wrp_chain_from_x5c(x5c, &c, NULL), WRP_OK);
    assert_int_equal(verify(a, &c, T_2025, NULL), WRP_CHAIN_OK);
    wrp_chain_free(&c);
    cJSON_Delete(x5c);
    wrp_anchors_free(a);
    for (size_t k = 0; k < 3; k++)
        X509_free(certs[k]);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_pki, teardown_pki)
    const struct CMUnitTest tests[] = {
        T(der_decodes_when_exact),
        T(der_trailing_bytes_refused),
        T(der_cache_hit_while_entered),
        T(der_cache_keeps_trailing_bytes_refused),
        T(der_cache_bounded_least_recently_used),
        T(der_cache_shared_by_owners),
        T(der_cache_shared_by_threads),
        T(der_truncated_empty_or_garbage_refused),
        T(x5c_decodes_in_order),
        T(x5c_garbage_base64_refused),
        T(x5c_base64url_refused),
        T(x5c_must_be_nonempty_array_of_strings),
        T(x5c_longest_chain_accepted_eleven_refused),
        T(x5c_trailing_bytes_refused),
        T(x5chain_single_bstr),
        T(x5chain_array_in_order),
        T(x5chain_shapes_refused),
        T(x5chain_eleven_refused),
        T(anchors_pem_blocks_with_text_between),
        T(anchors_single_der),
        T(anchors_dup_is_a_snapshot),
        T(anchors_without_certificate_refused),
        T(anchors_capped),
        cmocka_unit_test(anchors_interop_files_all_load),
        T(chain_to_root_ok_and_issuer_returned),
        T(partial_chain_anchor_is_intermediate),
        T(anchor_is_leaf_itself),
        T(untrusted_without_path_to_anchor),
        T(expired_leaf),
        T(expired_intermediate),
        T(expired_anchor),
        T(not_yet_valid),
        T(bad_signature),
        T(issuer_name_is_not_enough),
        T(issuer_must_be_a_ca),
        T(anchor_repeated_in_chain),
        T(unrelated_extra_certificates_ignored),
        T(verify_refuses_bad_arguments),
        cmocka_unit_test(chain_result_strings),
        T(anchors_shared_across_threads),
        T(memo_hit_judges_validity_at_the_time),
        T(memo_chain_differing_in_one_byte_is_not_found),
        T(memo_is_bounded),
        T(memo_shared_across_threads),
        T(info_access_certificate_fields),
        T(info_serial_number_only),
        T(info_ca_true),
        T(info_identifying_subject_attributes_once_and_not_empty),
        T(info_subject_converted_to_utf8),
        T(info_san_with_nul_refused),
        T(summary_names_every_san),
        T(info_subject_with_nul_refused),
        T(info_duplicate_extension_refused),
        T(info_crl_dp_without_uri),
        T(crls_parse_pem_and_der),
        T(crls_parse_without_crl_refused),
        T(crl_revoked),
        T(crl_not_revoked),
        T(crl_current_window_is_half_open),
        T(crl_expired_does_not_count),
        T(crl_without_next_update_does_not_count),
        T(crl_not_yet_current_does_not_count),
        T(crl_forged_does_not_count),
        T(crl_of_another_issuer_does_not_count),
        T(crl_issuer_without_crl_sign_does_not_count),
        T(crl_delta_or_unknown_critical_does_not_count),
        T(crl_issuing_distribution_point_must_cover),
        T(crl_memo_verifies_each_once),
        T(crl_memo_shared_by_threads),
        T(crl_limit_per_configuration),
        cmocka_unit_test(crl_checked_once_per_verifier),
        cmocka_unit_test(interop_walt_id_access_certificate),
        cmocka_unit_test(interop_jks_verifier_chain),
    };
#undef T
    return cmocka_run_group_tests_name("x509", tests, NULL, NULL);
}
