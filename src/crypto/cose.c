/* COSE_Sign1 (RFC 9052 section 4.2): structure, header buckets and Sig_structure.
 * The signature is checked over the protected header exactly as received, never re-encoded. */
#include "crypto/cose.h"

#include <string.h>

#include "util/cbor.h"
#include "util/limits.h"
#include "util/mem.h"

#define COSE_SIGN1_TAG 18

/* The empty external_aad. */
static const uint8_t empty[1];

/*
 * Labels this library understands when a producer lists them in crit (RFC 9052 section 3.1):
 * the basic parameters it reads or that cannot change how the signature is checked: alg (1),
 * content type (3), kid (4), typ (16, RFC 9596), x5chain (33, RFC 9360). A crit entry that is any
 * other label, a text label, or a label absent from the protected header makes crit_ok false, so
 * the message never verifies. crit itself must be in the protected header: in the unprotected
 * one it is not understood either.
 */
static const int64_t understood_crit[] = {
    WRP_COSE_LABEL_ALG, WRP_COSE_LABEL_CONTENT_TYPE, WRP_COSE_LABEL_KID, WRP_COSE_LABEL_TYP,
    WRP_COSE_LABEL_X5CHAIN,
};

static bool crit_understood(int64_t label)
{
    for (size_t i = 0; i < sizeof understood_crit / sizeof understood_crit[0]; i++)
        if (understood_crit[i] == label)
            return true;
    return false;
}

/* A header label: an int (within int64) or a text string. */
typedef struct cose_label {
    bool is_int;
    int64_t i;
    const uint8_t *s;
    size_t n;
} cose_label;

static bool label_of(const cbor_item_t *item, cose_label *out)
{
    memset(out, 0, sizeof *out);
    if (wrp_cbor_int(item, &out->i)) {
        out->is_int = true;
        return true;
    }
    return wrp_cbor_tstr(item, &out->s, &out->n);
}

static bool label_eq(const cose_label *a, const cose_label *b)
{
    if (a->is_int != b->is_int)
        return false;
    if (a->is_int)
        return a->i == b->i;
    return a->n == b->n && (a->n == 0 || memcmp(a->s, b->s, a->n) == 0);
}

static bool map_has_label(const cbor_item_t *map, const cose_label *l)
{
    struct cbor_pair *pairs = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); i++) {
        cose_label k;
        if (label_of(pairs[i].key, &k) && label_eq(&k, l))
            return true;
    }
    return false;
}

/* Every key of both buckets is a label, and no label is in both (RFC 9052 section 3). Each bucket
 * holds at most WRP_MAX_COSE_HEADER_LABELS labels (real headers hold a handful), so comparing
 * every pair costs at most that limit squared, whatever the size of the message. */
static wrp_status check_buckets(const cbor_item_t *prot, const cbor_item_t *unprot, wrp_err *err)
{
    if (cbor_map_size(prot) > WRP_MAX_COSE_HEADER_LABELS)
        return wrp_fail(err, WRP_ERR_LIMIT, "COSE protected header: more than %u labels",
                        WRP_MAX_COSE_HEADER_LABELS);
    if (cbor_map_size(unprot) > WRP_MAX_COSE_HEADER_LABELS)
        return wrp_fail(err, WRP_ERR_LIMIT, "COSE unprotected header: more than %u labels",
                        WRP_MAX_COSE_HEADER_LABELS);
    struct cbor_pair *pp = cbor_map_handle(prot);
    for (size_t i = 0; i < cbor_map_size(prot); i++) {
        cose_label l;
        if (!label_of(pp[i].key, &l))
            return wrp_fail(err, WRP_ERR_MALFORMED, "COSE protected header key is not a label");
    }
    struct cbor_pair *up = cbor_map_handle(unprot);
    for (size_t i = 0; i < cbor_map_size(unprot); i++) {
        cose_label l;
        if (!label_of(up[i].key, &l))
            return wrp_fail(err, WRP_ERR_MALFORMED, "COSE unprotected header key is not a label");
        if (map_has_label(prot, &l))
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "COSE header label present in both protected and unprotected headers");
    }
    return WRP_OK;
}

/* crit: a non-empty array of distinct labels, each present in the protected header and
 * understood. Absent crit is fine. */
static bool crit_ok(const cbor_item_t *prot, const cbor_item_t *unprot)
{
    if (wrp_cbor_map_get_int(unprot, WRP_COSE_LABEL_CRIT) != NULL)
        return false;
    const cbor_item_t *crit = wrp_cbor_map_get_int(prot, WRP_COSE_LABEL_CRIT);
    if (crit == NULL)
        return true;
    if (!cbor_isa_array(crit) || cbor_array_size(crit) == 0)
        return false;
    cbor_item_t **v = cbor_array_handle(crit);
    size_t n = cbor_array_size(crit);
    for (size_t i = 0; i < n; i++) {
        int64_t l;
        if (!wrp_cbor_int(v[i], &l) || !crit_understood(l) ||
            wrp_cbor_map_get_int(prot, l) == NULL)
            return false;
        for (size_t j = 0; j < i; j++) {
            int64_t prev;
            if (wrp_cbor_int(v[j], &prev) && prev == l)
                return false;
        }
    }
    return true;
}

/* alg from the protected header only, and only as an integer id. */
static wrp_alg alg_of(const cbor_item_t *prot)
{
    int64_t id;
    const cbor_item_t *a = wrp_cbor_map_get_int(prot, WRP_COSE_LABEL_ALG);
    if (a == NULL || !wrp_cbor_int(a, &id))
        return WRP_ALG_INVALID;
    return wrp_alg_from_cose(id);
}

static wrp_status parse_protected(wrp_cose_sign1 *c, const cbor_item_t *item, wrp_err *err)
{
    if (!wrp_cbor_bstr(item, &c->protected_raw, &c->protected_len))
        return wrp_fail(err, WRP_ERR_MALFORMED, "COSE protected header is not a byte string");
    if (c->protected_len == 0) {
        c->protected_map = cbor_new_definite_map(0);
        return c->protected_map != NULL ? WRP_OK : wrp_nomem();
    }
    wrp_status st = wrp_cbor_parse(c->protected_raw, c->protected_len, &c->protected_map, err);
    if (st != WRP_OK)
        return st;
    if (!cbor_isa_map(c->protected_map))
        return wrp_fail(err, WRP_ERR_MALFORMED, "COSE protected header is not a map");
    return WRP_OK;
}

static wrp_status parse(wrp_cose_sign1 *c, const cbor_item_t *item, wrp_err *err)
{
    if (cbor_isa_tag(item)) {
        if (cbor_tag_value(item) != COSE_SIGN1_TAG)
            return wrp_fail(err, WRP_ERR_MALFORMED, "COSE_Sign1 under tag %llu, 18 expected",
                            (unsigned long long)cbor_tag_value(item));
        c->root = cbor_tag_item(item); /* a new reference, which we own */
    } else {
        c->root = cbor_incref((cbor_item_t *)(uintptr_t)item);
    }
    if (!cbor_isa_array(c->root) || cbor_array_size(c->root) != 4)
        return wrp_fail(err, WRP_ERR_MALFORMED, "COSE_Sign1 is not an array of four items");
    cbor_item_t **v = cbor_array_handle(c->root);
    wrp_status st = parse_protected(c, v[0], err);
    if (st != WRP_OK)
        return st;
    if (!cbor_isa_map(v[1]))
        return wrp_fail(err, WRP_ERR_MALFORMED, "COSE unprotected header is not a map");
    c->unprotected = v[1];
    if (wrp_cbor_is_null(v[2])) {
        c->payload = NULL;
    } else if (!wrp_cbor_bstr(v[2], &c->payload, &c->payload_len)) {
        return wrp_fail(err, WRP_ERR_MALFORMED, "COSE payload is neither a byte string nor nil");
    }
    if (!wrp_cbor_bstr(v[3], &c->sig, &c->sig_len))
        return wrp_fail(err, WRP_ERR_MALFORMED, "COSE signature is not a byte string");
    if ((st = check_buckets(c->protected_map, c->unprotected, err)) != WRP_OK)
        return st;
    c->alg = alg_of(c->protected_map);
    c->crit_ok = crit_ok(c->protected_map, c->unprotected);
    return WRP_OK;
}

wrp_status wrp_cose_sign1_parse(const cbor_item_t *item, wrp_cose_sign1 *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    memset(out, 0, sizeof *out);
    if (item == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no COSE item");
    wrp_status st = parse(out, item, err);
    if (st != WRP_OK)
        wrp_cose_sign1_free(out);
    return st;
}

const cbor_item_t *wrp_cose_header(const wrp_cose_sign1 *c, int64_t label, bool protected_only)
{
    if (c == NULL || c->protected_map == NULL)
        return NULL;
    const cbor_item_t *v = wrp_cbor_map_get_int(c->protected_map, label);
    if (v == NULL && !protected_only)
        v = wrp_cbor_map_get_int(c->unprotected, label);
    return v;
}

wrp_status wrp_cose_x5chain(const wrp_cose_sign1 *c, wrp_chain *out, wrp_err *err)
{
    if (c == NULL || out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no COSE_Sign1");
    const cbor_item_t *x5chain = wrp_cose_header(c, WRP_COSE_LABEL_X5CHAIN, false);
    if (x5chain == NULL) {
        memset(out, 0, sizeof *out);
        return wrp_fail(err, WRP_ERR_MALFORMED, "COSE header has no x5chain");
    }
    return wrp_chain_from_x5chain(x5chain, out, err);
}

static size_t head_len(uint64_t v)
{
    return v < 24 ? 1 : v <= 0xFF ? 2 : v <= 0xFFFF ? 3 : v <= 0xFFFFFFFF ? 5 : 9;
}

/* Sig_structure = ["Signature1", body_protected, external_aad, payload] (RFC 9052 section 4.4),
 * with the protected bytes as received and an empty external_aad, written into one buffer of
 * exactly its size (the payload may be large: it is copied once). */
static wrp_status sig_structure(const wrp_cose_sign1 *c, const uint8_t *payload, size_t payload_len,
                                wrp_cbor_out *o)
{
    static const char context[] = "Signature1";
    size_t n = head_len(4) + head_len(sizeof context - 1) + sizeof context - 1 +
               head_len(c->protected_len) + c->protected_len + head_len(0) +
               head_len(payload_len) + payload_len;
    *o = (wrp_cbor_out){0};
    if ((o->p = wrp_malloc(n)) == NULL)
        return wrp_nomem();
    o->cap = n;
    wrp_cbor_put_head(o, 4, 4);
    wrp_cbor_put_tstr(o, context, sizeof context - 1);
    wrp_cbor_put_bstr(o, c->protected_raw, c->protected_len);
    wrp_cbor_put_bstr(o, empty, 0);
    wrp_cbor_put_bstr(o, payload, payload_len);
    return o->oom ? wrp_nomem() : WRP_OK;
}

wrp_status wrp_cose_sign1_verify(const wrp_cose_sign1 *c, const uint8_t *detached,
                                 size_t detached_len, EVP_PKEY *key, wrp_err *err)
{
    if (c == NULL || c->root == NULL || key == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no COSE_Sign1 or key");
    const uint8_t *payload = c->payload;
    size_t payload_len = c->payload_len;
    if (payload != NULL && detached != NULL)
        return wrp_fail(err, WRP_ERR_ARG, "COSE payload is attached; no detached payload expected");
    if (payload == NULL) {
        if (detached == NULL)
            return wrp_fail(err, WRP_ERR_ARG, "COSE payload is detached and none was given");
        payload = detached;
        payload_len = detached_len;
    }
    if (c->alg == WRP_ALG_INVALID)
        return wrp_fail(err, WRP_ERR_CRYPTO, "COSE alg absent from the protected header or refused");
    if (!c->crit_ok)
        return wrp_fail(err, WRP_ERR_CRYPTO, "COSE crit names a header parameter not understood");
    wrp_cbor_out o = {0};
    wrp_status st = sig_structure(c, payload, payload_len, &o);
    if (st == WRP_OK)
        st = wrp_sig_verify(c->alg, key, o.p, o.len, c->sig, c->sig_len, err);
    else
        st = wrp_fail(err, st, "COSE Sig_structure: out of memory");
    wrp_cbor_out_free(&o);
    return st;
}

void wrp_cose_sign1_free(wrp_cose_sign1 *c)
{
    if (c == NULL)
        return;
    if (c->root != NULL)
        cbor_decref(&c->root);
    if (c->protected_map != NULL)
        cbor_decref(&c->protected_map);
    memset(c, 0, sizeof *c);
}
