/* wrp_inspect: any artefact decoded for reading, without judging it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "crypto/jws.h"
#include "crypto/x509.h"
#include "util/b64.h"
#include "util/cbor.h"
#include "util/json.h"
#include "util/limits.h"
#include "wrpcheck.h"
#include "util/json_build.h"
#include "util/mem.h"

/* Decoding nested bytes (tag 24, COSE payloads, JWS in JSON) stops at this depth. */
#define MAX_NESTING 4

static cJSON *inspect_bytes(const uint8_t *in, size_t len, int depth);

static char *hex(const uint8_t *p, size_t n)
{
    char *s = wrp_malloc(n * 2 + 1);
    for (size_t i = 0; s != NULL && i < n; i++)
        snprintf(s + 2 * i, 3, "%02x", p[i]);
    if (s != NULL)
        s[n * 2] = 0;
    return s;
}

static void add_hex(cJSON *o, const char *name, const uint8_t *p, size_t n)
{
    char *h = hex(p, n);
    if (h != NULL)
        cJSON_AddStringToObject(o, name, h);
    free(h);
}

static void add_time(cJSON *o, const char *name, const ASN1_TIME *t)
{
    char buf[32];
    if (wrp_asn1_time_rfc3339(t, buf))
        cJSON_AddStringToObject(o, name, buf);
}

static void add_name(cJSON *o, const char *key, const X509_NAME *name)
{
    char *s = X509_NAME_oneline(name, NULL, 0);
    if (s != NULL)
        cJSON_AddStringToObject(o, key, s);
    OPENSSL_free(s);
}

static void add_strs(cJSON *o, const char *name, char **v, size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(o, name);
    for (size_t i = 0; a != NULL && i < n; i++)
        wrp_json_push(a, cJSON_CreateString(v[i]));
}

static cJSON *cert_json(X509 *c)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add_name(o, "subject", X509_get_subject_name(c));
    add_name(o, "issuer", X509_get_issuer_name(c));
    add_time(o, "not_before", X509_get0_notBefore(c));
    add_time(o, "not_after", X509_get0_notAfter(c));
    wrp_cert_info i;
    wrp_err err = {{0}};
    if (wrp_cert_info_get(c, &i, &err) == WRP_OK) {
        if (i.org_id != NULL)
            cJSON_AddStringToObject(o, "organization_identifier", i.org_id);
        if (i.serial_number != NULL)
            cJSON_AddStringToObject(o, "serial_number", i.serial_number);
        add_strs(o, "dns_names", i.dns_sans, i.n_dns_sans);
        add_strs(o, "crl_distribution_points", i.crl_dps, i.n_crl_dps);
        add_strs(o, "policies", i.policies, i.n_policies);
        cJSON_AddBoolToObject(o, "ca", i.is_ca);
        add_hex(o, "sha256", i.sha256, sizeof i.sha256);
        wrp_cert_info_free(&i);
    } else {
        cJSON_AddStringToObject(o, "fields_error", err.msg);
    }
    return o;
}

static cJSON *chain_json(const wrp_chain *c)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a != NULL && i < c->n; i++)
        wrp_json_push(a, cert_json(c->certs[i]));
    return a;
}

static cJSON *pem(const uint8_t *in, size_t len)
{
    cJSON *o = cJSON_CreateObject();
    wrp_chain chain;
    X509_CRL **crls = NULL;
    size_t n = 0;
    wrp_err err = {{0}};
    if (wrp_chain_parse(in, len, &chain, &err) == WRP_OK) {
        cJSON_AddStringToObject(o, "kind", "certificates");
        wrp_json_put(o, "certificates", chain_json(&chain));
        wrp_chain_free(&chain);
    } else if (wrp_crls_parse(in, len, &crls, &n, NULL) == WRP_OK) {
        cJSON_AddStringToObject(o, "kind", "crls");
        cJSON *a = cJSON_AddArrayToObject(o, "crls");
        for (size_t i = 0; a != NULL && i < n; i++) {
            cJSON *c = cJSON_CreateObject();
            wrp_json_push(a, c);
            add_name(c, "issuer", X509_CRL_get_issuer(crls[i]));
            add_time(c, "this_update", X509_CRL_get0_lastUpdate(crls[i]));
            add_time(c, "next_update", X509_CRL_get0_nextUpdate(crls[i]));
            STACK_OF(X509_REVOKED) *rev = X509_CRL_get_REVOKED(crls[i]);
            cJSON_AddNumberToObject(c, "revoked", rev ? sk_X509_REVOKED_num(rev) : 0);
        }
        wrp_crls_free(crls, n);
    } else {
        cJSON_AddStringToObject(o, "kind", "unreadable");
        cJSON_AddStringToObject(o, "error", err.msg);
    }
    wrp_ossl_clear();
    return o;
}

/* Bytes that are text: shown as JSON when they are, else as text or hex. */
static cJSON *payload_json(const uint8_t *p, size_t n, int depth)
{
    cJSON *j = NULL;
    if (wrp_json_parse(p, n, &j, NULL) == WRP_OK)
        return j;
    if (depth < MAX_NESTING && n > 0) {
        cJSON *inner = inspect_bytes(p, n, depth + 1);
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(inner, "kind");
        if (cJSON_IsString(k) && strcmp(k->valuestring, "unreadable") != 0)
            return inner;
        cJSON_Delete(inner);
    }
    cJSON *o = cJSON_CreateObject();
    add_hex(o, "hex", p, n);
    return o;
}

static cJSON *jws(const uint8_t *in, size_t len, int depth)
{
    wrp_jws t;
    wrp_err err = {{0}};
    cJSON *o = cJSON_CreateObject();
    if (wrp_jws_parse(in, len, &t, &err) != WRP_OK) {
        cJSON_AddStringToObject(o, "kind", "unreadable");
        cJSON_AddStringToObject(o, "error", err.msg);
        return o;
    }
    cJSON_AddStringToObject(o, "kind", "jws");
    wrp_json_put(o, "header", cJSON_Duplicate(t.header, 1));
    wrp_json_put(o, "payload", payload_json(t.payload, t.payload_len, depth));
    cJSON_AddNumberToObject(o, "signature_bytes", (double)t.sig_len);
    wrp_chain chain;
    if (wrp_jws_x5c(&t, &chain, NULL) == WRP_OK) {
        wrp_json_put(o, "x5c", chain_json(&chain));
        wrp_chain_free(&chain);
    }
    wrp_jws_free(&t);
    wrp_ossl_clear();
    return o;
}

static cJSON *cbor_json(const cbor_item_t *it, int depth);

/* A map key as the views name it: text (cut at 60 bytes), an integer, or "#i" for the i-th key
 * of another kind. */
static void key_name(const cbor_item_t *key, size_t i, char out[64])
{
    const uint8_t *p;
    size_t n;
    int64_t k;
    if (wrp_cbor_tstr(key, &p, &n))
        snprintf(out, 64, "%.*s", (int)(n < 60 ? n : 60), (const char *)p);
    else if (wrp_cbor_int(key, &k))
        snprintf(out, 64, "%lld", (long long)k);
    else
        snprintf(out, 64, "#%zu", i);
}

static cJSON *cbor_map(const cbor_item_t *it, int depth)
{
    cJSON *o = cJSON_CreateObject();
    struct cbor_pair *pairs = cbor_map_handle(it);
    for (size_t i = 0; o != NULL && i < cbor_map_size(it); i++) {
        char key[64];
        key_name(pairs[i].key, i, key);
        wrp_json_put(o, key, cbor_json(pairs[i].value, depth));
    }
    return o;
}

/* The requestInfo keys a judgement reads; they compare exactly. */
static const char *const request_info_keys[] = {"euWrprc", "euWrpRegistrarInfo",
                                                 "alternativeDataElements"};

/* The key a judgement reads that `key` differs from in letter case only, or NULL. */
static const char *case_variant_of(const cbor_item_t *key)
{
    const uint8_t *p;
    size_t n;
    if (!wrp_cbor_tstr(key, &p, &n))
        return NULL;
    for (size_t k = 0; k < sizeof request_info_keys / sizeof *request_info_keys; k++) {
        const char *want = request_info_keys[k];
        bool same = strlen(want) == n;
        for (size_t i = 0; same && i < n; i++) {
            uint8_t a = p[i], b = (uint8_t)want[i];
            same = (a >= 'A' && a <= 'Z' ? a + 32 : a) == (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        if (same)
            return want;
    }
    return NULL;
}

/* Beside the generic view of an ItemsRequest: its registrar dataset (a byte string's JSON
 * decoded) and every requestInfo key a judgement does not read, with the key that one differing
 * only in letter case stands for (it is not read as that key). */
static void request_info_view(cJSON *o, const cbor_item_t *items, int depth)
{
    const cbor_item_t *info = wrp_cbor_map_get_str(items, "requestInfo");
    if (info == NULL || !cbor_isa_map(info) || wrp_cbor_map_get_str(items, "docType") == NULL)
        return;
    cJSON *view = cJSON_CreateObject(), *ignored = cJSON_CreateArray();
    const cbor_item_t *ds = wrp_cbor_map_get_str(info, "euWrpRegistrarInfo");
    const uint8_t *p;
    size_t n;
    if (ds != NULL)
        wrp_json_put(view, "registrar_dataset",
                     wrp_cbor_bstr(ds, &p, &n) ? payload_json(p, n, depth) : cbor_json(ds, depth));
    const struct cbor_pair *pairs = cbor_map_handle(info);
    for (size_t i = 0; ignored != NULL && i < cbor_map_size(info); i++) {
        const char *variant = case_variant_of(pairs[i].key);
        if (variant != NULL && wrp_cbor_tstr(pairs[i].key, &p, &n) && n == strlen(variant) &&
            memcmp(p, variant, n) == 0)
            continue;
        char key[64];
        key_name(pairs[i].key, i, key);
        cJSON *e = cJSON_CreateObject();
        wrp_json_push(ignored, e);
        cJSON_AddStringToObject(e, "key", key);
        if (variant != NULL)
            cJSON_AddStringToObject(e, "not_read_as", variant);
    }
    if (cJSON_GetArraySize(ignored) > 0)
        wrp_json_put(view, "ignored_keys", ignored);
    else
        cJSON_Delete(ignored);
    if (cJSON_GetArraySize(view) > 0)
        wrp_json_put(o, "request_info", view);
    else
        cJSON_Delete(view);
}

static cJSON *cbor_json(const cbor_item_t *it, int depth)
{
    const uint8_t *p;
    size_t n;
    int64_t v;
    switch (cbor_typeof(it)) {
    case CBOR_TYPE_UINT:
    case CBOR_TYPE_NEGINT:
        if (wrp_cbor_int(it, &v))
            return cJSON_CreateNumber((double)v);
        return cJSON_CreateString("(integer beyond 64 bits)");
    case CBOR_TYPE_BYTESTRING: {
        cJSON *o = cJSON_CreateObject();
        if (wrp_cbor_bstr(it, &p, &n))
            add_hex(o, "bstr", p, n);
        return o;
    }
    case CBOR_TYPE_STRING: {
        char *s = NULL;
        wrp_status st = wrp_cbor_tstr_dup(it, &s);
        cJSON *r = st == WRP_OK ? cJSON_CreateString(s)
                   : st == WRP_ERR_NOMEM ? NULL
                                         : cJSON_CreateString("(text with NUL)");
        free(s);
        return r;
    }
    case CBOR_TYPE_ARRAY: {
        cJSON *a = cJSON_CreateArray();
        for (size_t i = 0; a != NULL && i < cbor_array_size(it); i++)
            wrp_json_push(a, cbor_json(wrp_cbor_array_at(it, i), depth));
        return a;
    }
    case CBOR_TYPE_MAP:
        return cbor_map(it, depth);
    case CBOR_TYPE_TAG: {
        cJSON *o = cJSON_CreateObject();
        uint64_t tag = cbor_tag_value(it);
        cJSON_AddNumberToObject(o, "tag", (double)tag);
        cbor_item_t *inner = wrp_cbor_tag(it, tag);
        if (tag == 24 && depth < MAX_NESTING && wrp_cbor_bstr(inner, &p, &n))
            wrp_json_put(o, "embedded", inspect_bytes(p, n, depth + 1));
        else
            wrp_json_put(o, "value", cbor_json(inner, depth));
        return o;
    }
    case CBOR_TYPE_FLOAT_CTRL:
        if (cbor_float_ctrl_is_ctrl(it)) {
            uint8_t c = cbor_ctrl_value(it);
            return c == CBOR_CTRL_TRUE ? cJSON_CreateTrue()
                   : c == CBOR_CTRL_FALSE ? cJSON_CreateFalse()
                                          : cJSON_CreateNull();
        }
        return cJSON_CreateNumber(cbor_float_get_float(it));
    }
    return cJSON_CreateNull();
}

/* A COSE_Sign1 shape (tag 18, or a 4-array bstr/map/bstr-or-nil/bstr): headers and payload. */
static bool cose_view(cJSON *o, const cbor_item_t *root, int depth)
{
    const cbor_item_t *a = root;
    if (cbor_isa_tag(root) && cbor_tag_value(root) == 18)
        a = wrp_cbor_tag(root, 18);
    const uint8_t *p;
    size_t n;
    if (a == NULL || !cbor_isa_array(a) || cbor_array_size(a) != 4 ||
        !wrp_cbor_bstr(wrp_cbor_array_at(a, 0), &p, &n) || !cbor_isa_map(wrp_cbor_array_at(a, 1)))
        return false;
    cJSON *c = cJSON_AddObjectToObject(o, "cose_sign1");
    if (c == NULL)
        return false;
    wrp_json_put(c, "protected", n ? inspect_bytes(p, n, depth + 1) : cJSON_CreateObject());
    wrp_json_put(c, "unprotected", cbor_json(wrp_cbor_array_at(a, 1), depth));
    if (wrp_cbor_bstr(wrp_cbor_array_at(a, 2), &p, &n))
        wrp_json_put(c, "payload", payload_json(p, n, depth));
    else
        cJSON_AddNullToObject(c, "payload");
    if (wrp_cbor_bstr(wrp_cbor_array_at(a, 3), &p, &n))
        cJSON_AddNumberToObject(c, "signature_bytes", (double)n);
    cbor_item_t *ph = NULL;
    if (wrp_cbor_bstr(wrp_cbor_array_at(a, 0), &p, &n) && n > 0 && wrp_cbor_parse(p, n, &ph, NULL) != WRP_OK)
        ph = NULL;
    const cbor_item_t *x5 = ph != NULL ? wrp_cbor_map_get_int(ph, 33) : NULL;
    if (x5 == NULL)
        x5 = wrp_cbor_map_get_int(wrp_cbor_array_at(a, 1), 33);
    wrp_chain chain;
    if (x5 != NULL && wrp_chain_from_x5chain(x5, &chain, NULL) == WRP_OK) {
        wrp_json_put(c, "x5chain", chain_json(&chain));
        wrp_chain_free(&chain);
    }
    if (ph != NULL)
        cbor_decref(&ph);
    wrp_ossl_clear();
    return true;
}

static cJSON *cbor(const uint8_t *in, size_t len, int depth)
{
    cJSON *o = cJSON_CreateObject();
    cbor_item_t *it = NULL;
    wrp_err err = {{0}};
    if (wrp_cbor_parse(in, len, &it, &err) != WRP_OK) {
        cJSON_AddStringToObject(o, "kind", "unreadable");
        cJSON_AddStringToObject(o, "error", err.msg);
        return o;
    }
    /* A COSE_Sign1 is shown by its decoded parts rather than as raw bytes. */
    cJSON_AddStringToObject(o, "kind", "cbor");
    if (!cose_view(o, it, depth)) {
        wrp_json_put(o, "value", cbor_json(it, depth));
        request_info_view(o, it, depth);
    }
    cbor_decref(&it);
    return o;
}

static cJSON *json(const uint8_t *in, size_t len, int depth)
{
    cJSON *o = cJSON_CreateObject(), *v = NULL;
    wrp_err err = {{0}};
    if (wrp_json_parse(in, len, &v, &err) != WRP_OK) {
        cJSON_AddStringToObject(o, "kind", "unreadable");
        cJSON_AddStringToObject(o, "error", err.msg);
        return o;
    }
    cJSON_AddStringToObject(o, "kind", "json");
    const char *req = wrp_json_get_str(v, "request");
    if (req != NULL && depth < MAX_NESTING)
        wrp_json_put(o, "request", jws((const uint8_t *)req, strlen(req), depth + 1));
    const char *payload = wrp_json_get_str(v, "payload");
    uint8_t *dec = NULL;
    size_t n = 0;
    if (payload != NULL && wrp_b64url_decode((const uint8_t *)payload, strlen(payload), &dec, &n, NULL) == WRP_OK)
        wrp_json_put(o, "decoded_payload", payload_json(dec, n, depth));
    free(dec);
    wrp_json_put(o, "value", v);
    return o;
}

static bool looks_like_jws(const uint8_t *in, size_t len)
{
    size_t dots = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = in[i];
        if (c == '.')
            dots++;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                   c == '_' || c == ' ' || c == '\n' || c == '\r' || c == '\t'))
            return false;
    }
    return dots == 2;
}

static cJSON *inspect_bytes(const uint8_t *in, size_t len, int depth)
{
    size_t i = 0;
    while (i < len && (in[i] == ' ' || in[i] == '\n' || in[i] == '\r' || in[i] == '\t'))
        i++;
    if (len - i >= 10 && memcmp(in + i, "-----BEGIN", 10) == 0)
        return pem(in, len);
    if (looks_like_jws(in, len))
        return jws(in, len, depth);
    if (i < len && (in[i] == '{' || in[i] == '['))
        return json(in, len, depth);
    return cbor(in, len, depth);
}

wrp_status wrp_inspect(const uint8_t *in, size_t len, char **out)
{
    if (out == NULL || (in == NULL && len > 0))
        return WRP_ERR_ARG;
    *out = NULL;
    if (len > WRP_MAX_INPUT_BYTES)
        return WRP_ERR_LIMIT;
    const uint8_t empty = 0;
    wrp_oom_begin();
    cJSON *o = inspect_bytes(in != NULL ? in : &empty, len, 0);
    char *s = o != NULL ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (wrp_oom_end()) {
        cJSON_free(s);
        s = NULL;
    }
    if (s == NULL)
        return wrp_nomem();
    *out = s;
    return WRP_OK;
}

void wrp_string_free(char *s)
{
    cJSON_free(s);
}
