/* The floor: every signature that judging a request must verify, collected once from the same
 * bytes the library reads, then verified with nothing but EVP and pre-parsed keys.
 *
 * The artefacts are taken apart here without the library (a DER walk for certificates and CRLs,
 * a split for compact JWS, libcbor for COSE), so that the floor does not inherit the library's
 * costs. Which signatures count follows what the judgement does (SPEC.md sections 4-9):
 *  - the request: the Request Object's JWS, or the ReaderAuthentication COSE_Sign1 of each
 *    DocRequest;
 *  - each chain (access certificate to the AC anchors, registration certificate, status list and
 *    register signers to theirs): one signature per certificate on the path up to the first
 *    anchor; an anchor's own signature is never checked (X509_V_FLAG_PARTIAL_CHAIN, no
 *    X509_V_FLAG_CHECK_SS_SIGNATURE);
 *  - the CRL of the access certificate's issuer (when the certificate names a distribution point);
 *  - the registration certificate, the status list token for its status.status_list.uri, and each
 *    register document's signature.
 * Of these, the unavoidable ones: for a warm verifier judging the same request again, the
 * request's own (`own`: every other signature is over bytes it has verified before); for a new
 * verifier, one of each set of signatures over the same bytes with the same key
 * (bench_floor_distinct: the registration certificate and the status list token are signed by
 * one signer, whose chain is then the same certificate under the same anchor). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cbor.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "bench.h"

/* ---------------------------------------------------------------------------------------------
 * Small helpers */

void bench_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static int b64url_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-' || c == '+')
        return 62;
    if (c == '_' || c == '/')
        return 63;
    return -1;
}

/* base64url or standard base64, padding optional. */
uint8_t *bench_b64url_decode(const char *s, size_t len, size_t *out_len)
{
    while (len > 0 && s[len - 1] == '=')
        len--;
    uint8_t *out = malloc(len * 3 / 4 + 1);
    if (out == NULL)
        bench_die("out of memory");
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64url_value(s[i]);
        if (v < 0)
            bench_die("bad base64 character");
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (uint8_t)(acc >> bits);
        }
    }
    *out_len = n;
    return out;
}

char *bench_b64url_encode(const uint8_t *p, size_t n)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char *out = malloc(n * 4 / 3 + 4);
    if (out == NULL)
        bench_die("out of memory");
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        acc = (acc << 8) | p[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out[o++] = a[(acc >> bits) & 63];
        }
    }
    if (bits > 0)
        out[o++] = a[(acc << (6 - bits)) & 63];
    out[o] = 0;
    return out;
}

static uint8_t *dup_bytes(const uint8_t *p, size_t n)
{
    uint8_t *c = malloc(n ? n : 1);
    if (c == NULL)
        bench_die("out of memory");
    memcpy(c, p, n);
    return c;
}

/* ---------------------------------------------------------------------------------------------
 * Algorithms */

typedef struct alg {
    const EVP_MD *md;
    int pss;
    size_t ec_half; /* bytes of r (and of s) in a raw ECDSA signature; 0 when not ECDSA */
} alg;

static alg alg_jose(const char *name)
{
    static const struct {
        const char *name;
        int md_nid, pss;
        size_t ec_half;
    } t[] = {
        {"ES256", NID_sha256, 0, 32}, {"ES384", NID_sha384, 0, 48}, {"ES512", NID_sha512, 0, 66},
        {"PS256", NID_sha256, 1, 0},  {"PS384", NID_sha384, 1, 0},  {"PS512", NID_sha512, 1, 0},
        {"RS256", NID_sha256, 0, 0},  {"RS384", NID_sha384, 0, 0},  {"RS512", NID_sha512, 0, 0},
        {"EdDSA", NID_undef, 0, 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i].name, name) == 0)
            return (alg){t[i].md_nid == NID_undef ? NULL : EVP_get_digestbynid(t[i].md_nid),
                         t[i].pss, t[i].ec_half};
    bench_die("alg %s not handled by the floor", name);
}

static const char *alg_cose_name(int64_t id)
{
    switch (id) {
    case -7: return "ES256";
    case -35: return "ES384";
    case -36: return "ES512";
    case -37: return "PS256";
    case -38: return "PS384";
    case -39: return "PS512";
    case -257: return "RS256";
    case -258: return "RS384";
    case -259: return "RS512";
    case -8: return "EdDSA";
    default: bench_die("COSE alg %lld not handled by the floor", (long long)id);
    }
}

/* Raw r||s -> DER, as EVP wants it. */
static uint8_t *ecdsa_der(const uint8_t *raw, size_t raw_len, size_t half, size_t *out_len)
{
    if (raw_len != 2 * half)
        bench_die("ECDSA signature of %zu bytes", raw_len);
    ECDSA_SIG *s = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(raw, (int)half, NULL), *ss = BN_bin2bn(raw + half, (int)half, NULL);
    if (s == NULL || r == NULL || ss == NULL || !ECDSA_SIG_set0(s, r, ss))
        bench_die("ECDSA_SIG");
    unsigned char *der = NULL;
    int n = i2d_ECDSA_SIG(s, &der);
    ECDSA_SIG_free(s);
    if (n <= 0)
        bench_die("i2d_ECDSA_SIG");
    uint8_t *out = dup_bytes(der, (size_t)n);
    OPENSSL_free(der);
    *out_len = (size_t)n;
    return out;
}

static void add(bench_floor *f, const char *what, EVP_PKEY *key, alg a, const uint8_t *tbs,
                size_t tbs_len, const uint8_t *sig, size_t sig_len)
{
    if (f->n == sizeof f->v / sizeof f->v[0])
        bench_die("too many signatures");
    bench_sig *s = &f->v[f->n++];
    snprintf(s->what, sizeof s->what, "%s", what);
    if (!EVP_PKEY_up_ref(key))
        bench_die("EVP_PKEY_up_ref");
    s->key = key;
    s->md = a.md;
    s->pss = a.pss;
    s->tbs = dup_bytes(tbs, tbs_len);
    s->tbs_len = tbs_len;
    if (a.ec_half > 0)
        s->sig = ecdsa_der(sig, sig_len, a.ec_half, &s->sig_len);
    else {
        s->sig = dup_bytes(sig, sig_len);
        s->sig_len = sig_len;
    }
}

/* ---------------------------------------------------------------------------------------------
 * DER: the three parts of a certificate or CRL */

static size_t der_tlv(const uint8_t *p, size_t n, uint8_t *tag, size_t *hdr)
{
    if (n < 2)
        bench_die("DER truncated");
    *tag = p[0];
    size_t len = p[1], h = 2;
    if (len & 0x80) {
        size_t k = len & 0x7f;
        if (k == 0 || k > 4 || n < 2 + k)
            bench_die("DER length");
        len = 0;
        for (size_t i = 0; i < k; i++)
            len = (len << 8) | p[2 + i];
        h += k;
    }
    if (h + len > n)
        bench_die("DER truncated");
    *hdr = h;
    return h + len;
}

/* Adds the signature of a certificate or CRL (SEQUENCE {tbs, AlgorithmIdentifier, BIT STRING})
 * as verified with the issuer's key. */
static void add_signed_der(bench_floor *f, const char *what, const uint8_t *der, size_t len,
                           EVP_PKEY *issuer_key)
{
    uint8_t tag;
    size_t hdr;
    der_tlv(der, len, &tag, &hdr);
    const uint8_t *p = der + hdr, *end = der + len;
    size_t tbs_len = der_tlv(p, (size_t)(end - p), &tag, &hdr);
    const uint8_t *tbs = p;
    p += tbs_len;
    size_t alg_len = der_tlv(p, (size_t)(end - p), &tag, &hdr);
    const unsigned char *oid = p + hdr;
    size_t oid_hdr;
    size_t oid_len = der_tlv(oid, alg_len - hdr, &tag, &oid_hdr);
    ASN1_OBJECT *obj = d2i_ASN1_OBJECT(NULL, &oid, (long)oid_len);
    int md_nid = 0, pkey_nid = 0;
    if (obj == NULL || !OBJ_find_sigid_algs(OBJ_obj2nid(obj), &md_nid, &pkey_nid))
        bench_die("%s: signature algorithm not handled", what);
    ASN1_OBJECT_free(obj);
    p += alg_len;
    size_t bits_len = der_tlv(p, (size_t)(end - p), &tag, &hdr);
    if (tag != 0x03 || p[hdr] != 0)
        bench_die("%s: signature is not a whole BIT STRING", what);
    alg a = {md_nid == NID_undef ? NULL : EVP_get_digestbynid(md_nid), 0, 0};
    if (pkey_nid == NID_rsassaPss)
        bench_die("%s: RSASSA-PSS certificates are not handled by the floor", what);
    add(f, what, issuer_key, a, tbs, tbs_len, p + hdr + 1, bits_len - hdr - 1);
}

static bool same_cert(X509 *a, X509 *b)
{
    return X509_cmp(a, b) == 0;
}

/* The path OpenSSL validates: from the leaf, an issuer among the anchors first, else among the
 * untrusted certificates; it ends at the first anchor. Returns the leaf's issuer on that path
 * (borrowed), or NULL when the leaf is itself an anchor. ders[i] is the DER of chain[i]. */
static X509 *add_path(bench_floor *f, const char *who, X509 **chain, bench_blob *ders, size_t n,
                      STACK_OF(X509) *anchors)
{
    X509 *leaf_issuer = NULL;
    size_t cur = 0;
    for (size_t depth = 0; depth <= n; depth++) {
        for (int i = 0; i < sk_X509_num(anchors); i++)
            if (same_cert(sk_X509_value(anchors, i), chain[cur]))
                return leaf_issuer;
        char what[64];
        for (int i = 0; i < sk_X509_num(anchors); i++) {
            X509 *a = sk_X509_value(anchors, i);
            if (X509_check_issued(a, chain[cur]) == X509_V_OK) {
                snprintf(what, sizeof what, "%s chain: [%zu] <- anchor", who, cur);
                add_signed_der(f, what, ders[cur].p, ders[cur].n, X509_get0_pubkey(a));
                return leaf_issuer != NULL ? leaf_issuer : a;
            }
        }
        size_t next = n;
        for (size_t k = 1; k < n && next == n; k++)
            if (k != cur && X509_check_issued(chain[k], chain[cur]) == X509_V_OK)
                next = k;
        if (next == n)
            bench_die("%s: no path from certificate %zu to an anchor", who, cur);
        snprintf(what, sizeof what, "%s chain: [%zu] <- [%zu]", who, cur, next);
        add_signed_der(f, what, ders[cur].p, ders[cur].n, X509_get0_pubkey(chain[next]));
        if (leaf_issuer == NULL)
            leaf_issuer = chain[next];
        cur = next;
    }
    bench_die("%s: path longer than the chain", who);
}

static STACK_OF(X509) *read_anchors(const bench_blob *b)
{
    BIO *bio = BIO_new_mem_buf(b->p, (int)b->n);
    STACK_OF(X509) *sk = sk_X509_new_null();
    X509 *x;
    while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL)
        sk_X509_push(sk, x);
    ERR_clear_error();
    BIO_free(bio);
    if (sk_X509_num(sk) == 0)
        bench_die("anchor file without certificates");
    return sk;
}

/* A signer chain held as DER blobs (x5c or x5chain). */
typedef struct chain {
    X509 *certs[10];
    bench_blob der[10];
    size_t n;
} chain;

static void chain_add(chain *c, const uint8_t *der, size_t len)
{
    if (c->n == 10)
        bench_die("chain too long");
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    if (x == NULL)
        bench_die("certificate does not decode");
    c->certs[c->n] = x;
    c->der[c->n] = (bench_blob){dup_bytes(der, len), len};
    c->n++;
}

static void chain_free(chain *c)
{
    for (size_t i = 0; i < c->n; i++) {
        X509_free(c->certs[i]);
        free(c->der[i].p);
    }
    c->n = 0;
}

/* ---------------------------------------------------------------------------------------------
 * Tokens: compact JWS and COSE_Sign1 */

typedef struct token {
    chain signer;
    cJSON *claims;         /* JWT payload */
    cbor_item_t *cbor;     /* CWT: the whole COSE_Sign1 (claims below) */
    cbor_item_t *cwt_claims;
} token;

static void token_free(token *t)
{
    chain_free(&t->signer);
    cJSON_Delete(t->claims);
    if (t->cwt_claims != NULL)
        cbor_decref(&t->cwt_claims);
    if (t->cbor != NULL)
        cbor_decref(&t->cbor);
}

static void jws_take(bench_floor *f, const char *what, const char *text, size_t len, token *t)
{
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' ' || text[len - 1] == '\r'))
        len--;
    const char *d1 = memchr(text, '.', len);
    const char *d2 = d1 ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - text)) : NULL;
    if (d2 == NULL)
        bench_die("%s: not a compact JWS", what);
    size_t hl, pl, sl;
    uint8_t *h = bench_b64url_decode(text, (size_t)(d1 - text), &hl);
    uint8_t *p = bench_b64url_decode(d1 + 1, (size_t)(d2 - d1 - 1), &pl);
    uint8_t *s = bench_b64url_decode(d2 + 1, len - (size_t)(d2 + 1 - text), &sl);
    cJSON *hdr = cJSON_ParseWithLength((const char *)h, hl);
    t->claims = cJSON_ParseWithLength((const char *)p, pl);
    const cJSON *x5c = cJSON_GetObjectItemCaseSensitive(hdr, "x5c");
    const char *alg_name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(hdr, "alg"));
    if (t->claims == NULL || alg_name == NULL || !cJSON_IsArray(x5c))
        bench_die("%s: header without alg or x5c, or payload not JSON", what);
    const cJSON *e;
    cJSON_ArrayForEach(e, x5c)
    {
        size_t n;
        uint8_t *der = bench_b64url_decode(e->valuestring, strlen(e->valuestring), &n);
        chain_add(&t->signer, der, n);
        free(der);
    }
    add(f, what, X509_get0_pubkey(t->signer.certs[0]), alg_jose(alg_name), (const uint8_t *)text,
        (size_t)(d2 - text), s, sl);
    cJSON_Delete(hdr);
    free(h);
    free(p);
    free(s);
}

static const cbor_item_t *cbor_map_get(const cbor_item_t *map, const char *text, int64_t label)
{
    if (map == NULL || !cbor_isa_map(map))
        return NULL;
    struct cbor_pair *pairs = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); i++) {
        const cbor_item_t *k = pairs[i].key;
        if (text != NULL && cbor_isa_string(k) && cbor_string_length(k) == strlen(text) &&
            memcmp(cbor_string_handle(k), text, strlen(text)) == 0)
            return pairs[i].value;
        if (text == NULL && cbor_isa_uint(k) && label >= 0 && (int64_t)cbor_get_int(k) == label)
            return pairs[i].value;
        if (text == NULL && cbor_isa_negint(k) && label < 0 &&
            -1 - (int64_t)cbor_get_int(k) == label)
            return pairs[i].value;
    }
    return NULL;
}

static int64_t cbor_int_value(const cbor_item_t *i)
{
    if (cbor_isa_uint(i))
        return (int64_t)cbor_get_int(i);
    if (cbor_isa_negint(i))
        return -1 - (int64_t)cbor_get_int(i);
    bench_die("COSE: integer expected");
}

static size_t put_head(uint8_t *out, unsigned major, size_t v)
{
    uint8_t m = (uint8_t)(major << 5);
    if (v < 24) {
        out[0] = m | (uint8_t)v;
        return 1;
    }
    if (v <= 0xff) {
        out[0] = m | 24;
        out[1] = (uint8_t)v;
        return 2;
    }
    if (v <= 0xffff) {
        out[0] = m | 25;
        out[1] = (uint8_t)(v >> 8);
        out[2] = (uint8_t)v;
        return 3;
    }
    out[0] = m | 26;
    for (int i = 0; i < 4; i++)
        out[1 + i] = (uint8_t)(v >> (24 - 8 * i));
    return 5;
}

/* ["Signature1", protected, h'', payload], shortest-form heads. */
static uint8_t *sig_structure(const uint8_t *prot, size_t prot_len, const uint8_t *payload,
                              size_t payload_len, size_t *out_len)
{
    uint8_t *out = malloc(32 + prot_len + payload_len);
    if (out == NULL)
        bench_die("out of memory");
    size_t o = 0;
    out[o++] = 0x84;
    o += put_head(out + o, 3, 10);
    memcpy(out + o, "Signature1", 10);
    o += 10;
    o += put_head(out + o, 2, prot_len);
    memcpy(out + o, prot, prot_len);
    o += prot_len;
    out[o++] = 0x40;
    o += put_head(out + o, 2, payload_len);
    memcpy(out + o, payload, payload_len);
    o += payload_len;
    *out_len = o;
    return out;
}

/* A COSE_Sign1 (untagged, tag 18, or tag 61 around it): its signature over the attached payload
 * or over `detached`, and its x5chain. */
static void cose_take(bench_floor *f, const char *what, const cbor_item_t *item,
                      const uint8_t *detached, size_t detached_len, chain *signer)
{
    while (cbor_isa_tag(item))
        item = cbor_tag_item(item); /* borrowed: libcbor keeps the reference in the tag */
    if (!cbor_isa_array(item) || cbor_array_size(item) != 4)
        bench_die("%s: not a COSE_Sign1", what);
    cbor_item_t **a = cbor_array_handle(item);
    const uint8_t *prot = cbor_bytestring_handle(a[0]);
    size_t prot_len = cbor_bytestring_length(a[0]);
    struct cbor_load_result res;
    cbor_item_t *ph = cbor_load(prot, prot_len, &res);
    const cbor_item_t *alg_item = cbor_map_get(ph, NULL, 1);
    if (alg_item == NULL)
        bench_die("%s: no alg in the protected header", what);
    const cbor_item_t *x5 = cbor_map_get(ph, NULL, 33);
    if (x5 == NULL)
        x5 = cbor_map_get(a[1], NULL, 33);
    if (x5 == NULL)
        bench_die("%s: no x5chain", what);
    if (cbor_isa_bytestring(x5))
        chain_add(signer, cbor_bytestring_handle(x5), cbor_bytestring_length(x5));
    else
        for (size_t i = 0; i < cbor_array_size(x5); i++) {
            const cbor_item_t *c = cbor_array_handle(x5)[i];
            chain_add(signer, cbor_bytestring_handle(c), cbor_bytestring_length(c));
        }
    const uint8_t *payload = detached;
    size_t payload_len = detached_len;
    if (cbor_isa_bytestring(a[2])) {
        payload = cbor_bytestring_handle(a[2]);
        payload_len = cbor_bytestring_length(a[2]);
    }
    size_t tbs_len;
    uint8_t *tbs = sig_structure(prot, prot_len, payload, payload_len, &tbs_len);
    add(f, what, X509_get0_pubkey(signer->certs[0]), alg_jose(alg_cose_name(cbor_int_value(alg_item))),
        tbs, tbs_len, cbor_bytestring_handle(a[3]), cbor_bytestring_length(a[3]));
    free(tbs);
    cbor_decref(&ph);
}

/* libcbor 0.8 refuses the one-byte head of tags 6-20 (d2 is tag 18, COSE_Sign1): the leading tags
 * are rewritten with the two-byte head before loading. */
static cbor_item_t *load_cose(const uint8_t *p, size_t n)
{
    uint8_t *c = malloc(n + 2);
    if (c == NULL)
        bench_die("out of memory");
    size_t i = 0, o = 0;
    while (i + 1 < n && p[i] == 0xd8 && p[i + 1] != 0x12) {
        c[o++] = p[i++];
        c[o++] = p[i++];
    }
    if (i < n && p[i] >= 0xc6 && p[i] <= 0xd4) {
        c[o++] = 0xd8;
        c[o++] = (uint8_t)(p[i++] - 0xc0);
    }
    memcpy(c + o, p + i, n - i);
    struct cbor_load_result res;
    cbor_item_t *item = cbor_load(c, o + n - i, &res);
    free(c);
    return item;
}

static void cwt_take(bench_floor *f, const char *what, const uint8_t *p, size_t n, token *t)
{
    struct cbor_load_result res;
    t->cbor = load_cose(p, n);
    if (t->cbor == NULL)
        bench_die("%s: CBOR does not load", what);
    cose_take(f, what, t->cbor, NULL, 0, &t->signer);
    const cbor_item_t *s = t->cbor;
    while (cbor_isa_tag(s))
        s = cbor_tag_item(s);
    const cbor_item_t *payload = cbor_array_handle(s)[2];
    t->cwt_claims = cbor_load(cbor_bytestring_handle(payload), cbor_bytestring_length(payload), &res);
}

/* A token given as text (JWT) or bytes (CWT). */
static void token_take(bench_floor *f, const char *what, const uint8_t *p, size_t n, token *t)
{
    memset(t, 0, sizeof *t);
    if (n > 0 && (p[0] == 'e' || p[0] == ' ' || p[0] == '\n'))
        jws_take(f, what, (const char *)p, n, t);
    else
        cwt_take(f, what, p, n, t);
}

/* status.status_list.uri of a registration certificate, JWT or CWT (claim 65535). */
static char *status_uri(const token *t)
{
    if (t->claims != NULL) {
        const cJSON *sl = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(t->claims, "status"), "status_list");
        const char *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sl, "uri"));
        return uri != NULL ? strdup(uri) : NULL;
    }
    const cbor_item_t *st = cbor_map_get(t->cwt_claims, "status", 0);
    if (st == NULL)
        st = cbor_map_get(t->cwt_claims, NULL, 65535);
    const cbor_item_t *uri = cbor_map_get(cbor_map_get(st, "status_list", 0), "uri", 0);
    if (uri == NULL || !cbor_isa_string(uri))
        return NULL;
    return strndup((const char *)cbor_string_handle(uri), cbor_string_length(uri));
}

/* ---------------------------------------------------------------------------------------------
 * The judgement's signatures */

/* The access certificate chain and the CRL of its issuer. */
static void add_ac(bench_floor *f, const bench_inputs *in, chain *req_chain)
{
    STACK_OF(X509) *anchors = read_anchors(&in->ac_anchors);
    X509 *issuer = add_path(f, "AC", req_chain->certs, req_chain->der, req_chain->n, anchors);
    X509 *leaf = req_chain->certs[0];
    int crit = -1;
    CRL_DIST_POINTS *dps = X509_get_ext_d2i(leaf, NID_crl_distribution_points, &crit, NULL);
    if (dps != NULL && issuer != NULL && in->crl.n > 0) {
        BIO *bio = BIO_new_mem_buf(in->crl.p, (int)in->crl.n);
        char *name = NULL, *header = NULL;
        unsigned char *der = NULL;
        long len = 0;
        while (PEM_read_bio(bio, &name, &header, &der, &len) == 1) {
            const unsigned char *q = der;
            X509_CRL *crl = d2i_X509_CRL(NULL, &q, len);
            if (crl != NULL &&
                X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(leaf)) == 0)
                add_signed_der(f, "CRL of the AC issuer", der, (size_t)len, X509_get0_pubkey(issuer));
            X509_CRL_free(crl);
            OPENSSL_free(name);
            OPENSSL_free(header);
            OPENSSL_free(der);
        }
        ERR_clear_error();
        BIO_free(bio);
    }
    CRL_DIST_POINTS_free(dps);
    sk_X509_pop_free(anchors, X509_free);
}

static void add_signer_path(bench_floor *f, const char *who, token *t, const bench_blob *anchors_pem)
{
    STACK_OF(X509) *anchors = read_anchors(anchors_pem);
    add_path(f, who, t->signer.certs, t->signer.der, t->signer.n, anchors);
    sk_X509_pop_free(anchors, X509_free);
}

/* The registration certificate, its status list token, and the register. */
static void add_rc(bench_floor *f, const bench_inputs *in, const uint8_t *rc, size_t rc_len)
{
    token t;
    token_take(f, "RC signature", rc, rc_len, &t);
    add_signer_path(f, "RC", &t, &in->rc_anchors);
    char *uri = status_uri(&t);
    token_free(&t);
    if (uri != NULL && in->status_list.n > 0) {
        token sl;
        token_take(f, "status list signature", in->status_list.p, in->status_list.n, &sl);
        const char *sub = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sl.claims, "sub"));
        const cbor_item_t *csub = cbor_map_get(sl.cwt_claims, NULL, 2);
        bool same = sub != NULL ? strcmp(sub, uri) == 0
                                : csub != NULL && cbor_isa_string(csub) &&
                                      cbor_string_length(csub) == strlen(uri) &&
                                      memcmp(cbor_string_handle(csub), uri, strlen(uri)) == 0;
        if (!same)
            bench_die("the status list is not the registration certificate's");
        add_signer_path(f, "status list", &sl, &in->rc_anchors);
        token_free(&sl);
    }
    free(uri);
    if (in->reg.n > 0) {
        token reg;
        token_take(f, "register signature", in->reg.p, in->reg.n, &reg);
        add_signer_path(f, "register", &reg, &in->reg_anchors);
        token_free(&reg);
    }
}

static void build_openid4vp(const bench_inputs *in, bench_floor *f)
{
    token req;
    memset(&req, 0, sizeof req);
    jws_take(f, "request JWS", (const char *)in->request.p, in->request.n, &req);
    add_ac(f, in, &req.signer);
    const cJSON *vi = cJSON_GetObjectItemCaseSensitive(req.claims, "verifier_info");
    const cJSON *e;
    size_t n_rc = 0;
    cJSON_ArrayForEach(e, vi)
    {
        const char *format = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "format"));
        const char *data = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "data"));
        if (format == NULL || strcmp(format, "registration_cert") != 0 || data == NULL)
            continue;
        if (n_rc++ > 0)
            bench_die("more than one registration certificate");
        if (strchr(data, '.') != NULL) {
            add_rc(f, in, (const uint8_t *)data, strlen(data));
        } else {
            size_t n;
            uint8_t *cwt = bench_b64url_decode(data, strlen(data), &n);
            add_rc(f, in, cwt, n);
            free(cwt);
        }
    }
    token_free(&req);
}

/* ReaderAuthenticationBytes = #6.24(bstr .cbor ["ReaderAuthentication", SessionTranscript,
 * ItemsRequestBytes]). */
static uint8_t *reader_auth_bytes(const bench_blob *transcript, const uint8_t *items,
                                  size_t items_len, size_t *out_len)
{
    size_t cap = 64 + transcript->n + items_len;
    uint8_t *inner = malloc(cap), *out = malloc(cap + 16);
    if (inner == NULL || out == NULL)
        bench_die("out of memory");
    size_t o = 0;
    inner[o++] = 0x83;
    o += put_head(inner + o, 3, 20);
    memcpy(inner + o, "ReaderAuthentication", 20);
    o += 20;
    memcpy(inner + o, transcript->p, transcript->n);
    o += transcript->n;
    inner[o++] = 0xd8;
    inner[o++] = 0x18;
    o += put_head(inner + o, 2, items_len);
    memcpy(inner + o, items, items_len);
    o += items_len;
    size_t w = 0;
    out[w++] = 0xd8;
    out[w++] = 0x18;
    w += put_head(out + w, 2, o);
    memcpy(out + w, inner, o);
    w += o;
    free(inner);
    *out_len = w;
    return out;
}

static void build_mdoc(const bench_inputs *in, bench_floor *f)
{
    struct cbor_load_result res;
    cbor_item_t *dr = cbor_load(in->request.p, in->request.n, &res);
    const cbor_item_t *docs = cbor_map_get(dr, "docRequests", 0);
    if (docs == NULL || !cbor_isa_array(docs))
        bench_die("DeviceRequest without docRequests");
    if (in->transcript.n > 0 && in->transcript.p[0] == 0xd8)
        bench_die("give the SessionTranscript itself, not tag-24 wrapped");
    chain reader = {0};
    uint8_t *rc = NULL;
    size_t rc_len = 0;
    for (size_t i = 0; i < cbor_array_size(docs); i++) {
        const cbor_item_t *doc = cbor_array_handle(docs)[i];
        const cbor_item_t *items = cbor_tag_item(cbor_map_get(doc, "itemsRequest", 0));
        const uint8_t *ib = cbor_bytestring_handle(items);
        size_t il = cbor_bytestring_length(items);
        const cbor_item_t *auth = cbor_map_get(doc, "readerAuth", 0);
        if (auth != NULL) {
            size_t pl;
            uint8_t *payload = reader_auth_bytes(&in->transcript, ib, il, &pl);
            chain c = {0};
            char what[64];
            snprintf(what, sizeof what, "readerAuth of DocRequest %zu", i);
            cose_take(f, what, auth, payload, pl, &c);
            free(payload);
            if (reader.n == 0)
                reader = c;
            else
                chain_free(&c);
        }
        cbor_item_t *ir = cbor_load(ib, il, &res);
        const cbor_item_t *wrprc = cbor_map_get(cbor_map_get(ir, "requestInfo", 0), "euWrprc", 0);
        if (wrprc != NULL && rc == NULL) {
            rc_len = cbor_isa_bytestring(wrprc) ? cbor_bytestring_length(wrprc)
                                                : cbor_string_length(wrprc);
            rc = dup_bytes(cbor_isa_bytestring(wrprc) ? cbor_bytestring_handle(wrprc)
                                                      : cbor_string_handle(wrprc),
                           rc_len);
        }
        cbor_decref(&ir);
    }
    if (reader.n == 0)
        bench_die("DeviceRequest without reader authentication");
    add_ac(f, in, &reader);
    if (rc != NULL)
        add_rc(f, in, rc, rc_len);
    free(rc);
    chain_free(&reader);
    cbor_decref(&dr);
}

void bench_floor_build(const bench_inputs *in, bench_floor *out)
{
    memset(out, 0, sizeof *out);
    if (in->transcript.n > 0)
        build_mdoc(in, out);
    else
        build_openid4vp(in, out);
    for (size_t i = 0; i < out->n; i++)
        out->v[i].own = strcmp(out->v[i].what, "request JWS") == 0 ||
                        strncmp(out->v[i].what, "readerAuth of DocRequest", 24) == 0;
    if (!bench_floor_run(out))
        bench_die("a floor signature does not verify: the floor does not match the input");
}

bool bench_floor_run(const bench_floor *f)
{
    bool ok = true;
    for (size_t i = 0; i < f->n; i++) {
        const bench_sig *s = &f->v[i];
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        EVP_PKEY_CTX *pctx = NULL;
        int r = ctx != NULL && EVP_DigestVerifyInit(ctx, &pctx, s->md, NULL, s->key) == 1;
        if (r && s->pss)
            r = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
        if (r)
            r = EVP_DigestVerify(ctx, s->sig, s->sig_len, s->tbs, s->tbs_len) == 1;
        EVP_MD_CTX_free(ctx);
        ok = ok && r;
    }
    ERR_clear_error();
    return ok;
}

bench_floor bench_floor_own(const bench_floor *f)
{
    bench_floor own;
    memset(&own, 0, sizeof own);
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].own)
            own.v[own.n++] = f->v[i];
    if (own.n == 0)
        bench_die("no signature of the request itself among the floor's");
    return own;
}

static bool same_sig(const bench_sig *a, const bench_sig *b)
{
    return a->tbs_len == b->tbs_len && a->sig_len == b->sig_len &&
           memcmp(a->tbs, b->tbs, a->tbs_len) == 0 && memcmp(a->sig, b->sig, a->sig_len) == 0 &&
           EVP_PKEY_eq(a->key, b->key) == 1;
}

bench_floor bench_floor_distinct(const bench_floor *f)
{
    bench_floor d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < f->n; i++) {
        bool seen = false;
        for (size_t k = 0; k < d.n && !seen; k++)
            seen = same_sig(&d.v[k], &f->v[i]);
        if (!seen)
            d.v[d.n++] = f->v[i];
    }
    return d;
}

void bench_floor_free(bench_floor *f)
{
    for (size_t i = 0; i < f->n; i++) {
        EVP_PKEY_free(f->v[i].key);
        free(f->v[i].tbs);
        free(f->v[i].sig);
    }
    f->n = 0;
}
