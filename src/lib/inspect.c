/* wrp_inspect: any artefact decoded for reading, without judging it. wrp_sniff's shape decides
 * which parser reads the bytes; what an artefact carries inside it (a registration certificate, a
 * reader's certificate chain, transaction data, tag 24 contents, COSE headers and payloads) is
 * decoded the same way, WRP_MAX_INSPECT_DEPTH artefacts deep at most. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/jws.h"
#include "crypto/x509.h"
#include "lib/inspect.h"
#include "model/statuslist.h"
#include "util/b64.h"
#include "util/cbor.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/sniff.h"
#include "wrpcheck.h"
#include "util/json_build.h"
#include "util/mem.h"

/* What one call was asked besides the bytes, and what it found of it. */
typedef struct ictx {
    int64_t index;       /* the status list index asked for, or -1 */
    bool list_seen;      /* a status list token was met */
    bool index_answered; /* the status at index was read from one */
    unsigned lists_read; /* status lists inflated so far */
} ictx;

static cJSON *inspect_bytes(ictx *c, const uint8_t *in, size_t len, unsigned depth);
static cJSON *embedded_cbor(ictx *c, const uint8_t *in, size_t len, unsigned depth);
static cJSON *cbor_json(ictx *c, const cbor_item_t *it, unsigned depth);

#define MAX_RFC3339_SECONDS INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

/* Unix seconds as RFC 3339 UTC into buf; false outside the years 1970-9999. */
static bool rfc3339(int64_t t, char buf[32])
{
    struct tm tm;
    time_t tt = (time_t)t;
    return t >= 0 && t <= MAX_RFC3339_SECONDS && gmtime_r(&tt, &tm) != NULL &&
           strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

static void add_hex(cJSON *o, const char *name, const uint8_t *p, size_t n)
{
    char *h = wrp_inspect_hex(p, n, 0);
    if (h != NULL)
        cJSON_AddStringToObject(o, name, h);
    free(h);
}

/* Attaches item under key and returns it, or NULL when it could not be attached (it is deleted
 * then, and the failure noted): what is read from an item after it is put is read from this. */
static cJSON *put(cJSON *o, const char *key, cJSON *item)
{
    if (item == NULL || o == NULL || !cJSON_AddItemToObject(o, key, item)) {
        cJSON_Delete(item);
        wrp_oom_note();
        return NULL;
    }
    return item;
}

static bool is_kind(const cJSON *view, const char *kind)
{
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(view, "kind");
    return cJSON_IsString(k) && strcmp(k->valuestring, kind) == 0;
}

static cJSON *unreadable(const char *looks_like, const char *error)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    cJSON_AddStringToObject(o, "kind", "unreadable");
    cJSON_AddStringToObject(o, "looks_like", looks_like);
    cJSON_AddStringToObject(o, "error", error);
    return o;
}

/* ---- dates -------------------------------------------------------------------------------- */

/* Beside a payload: its NumericDate claims (names[i]) in RFC 3339, under the payload's own key,
 * so that a reader sees the date beside the number. */
static void add_times(cJSON *o, const cJSON *claims, const char *const *names, size_t n)
{
    if (!cJSON_IsObject(claims))
        return;
    cJSON *t = NULL;
    for (size_t i = 0; i < n; i++) {
        int64_t v;
        char buf[32];
        if (!wrp_json_int(cJSON_GetObjectItemCaseSensitive(claims, names[i]), 0, MAX_RFC3339_SECONDS, &v) ||
            !rfc3339(v, buf))
            continue;
        if (t == NULL && (t = cJSON_AddObjectToObject(o, "times")) == NULL)
            return;
        cJSON_AddStringToObject(t, names[i], buf);
    }
}

static const char *const jwt_times[] = {"iat", "nbf", "exp"};
/* A CWT claims set (RFC 8392): iat 6, nbf 5, exp 4, or the JWT names, which certificates use. */
static const char *const cwt_times[] = {"iat", "nbf", "exp", "6", "5", "4"};

/* ---- what an artefact is -------------------------------------------------------------------- */

static const char *artefact_of_typ(const char *typ)
{
    static const struct {
        const char *typ, *what;
    } known[] = {
        {"oauth-authz-req+jwt", "OpenID4VP Request Object"},
        {"rc-wrp+jwt", "registration certificate (ETSI TS 119 475)"},
        {"rc-wrp+cwt", "registration certificate (ETSI TS 119 475)"},
        {"application/rc-wrp+cwt", "registration certificate (ETSI TS 119 475)"},
        {"statuslist+jwt", "status list token"},
        {"statuslist+cwt", "status list token"},
        {"application/statuslist+cwt", "status list token"},
    };
    for (size_t i = 0; typ != NULL && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(typ, known[i].typ) == 0)
            return known[i].what;
    return NULL;
}

static void add_artefact(cJSON *o, const char *what)
{
    if (what != NULL)
        cJSON_AddStringToObject(o, "artefact", what);
}

/* ---- status list tokens --------------------------------------------------------------------- */

static const char *status_meaning(unsigned v)
{
    switch (v) {
    case 0:
        return "VALID";
    case 1:
        return "INVALID";
    case 2:
        return "SUSPENDED";
    case 3:
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
        return "application-specific";
    }
    return "undefined";
}

/* At most this many indexes whose status is not VALID are listed (all are counted). */
#define LISTED_NOT_VALID 16u

static void status_list_entries(cJSON *v, const wrp_status_list *sl)
{
    uint8_t *raw = NULL;
    size_t n = 0;
    wrp_err err = {{0}};
    if (wrp_status_list_inflate(sl->lst, sl->lst_len, &raw, &n, &err) != WRP_OK) {
        cJSON_AddStringToObject(v, "error", err.msg);
        return;
    }
    unsigned per_byte = 8u / sl->bits, mask = (1u << sl->bits) - 1u;
    uint64_t entries = (uint64_t)n * per_byte;
    cJSON_AddNumberToObject(v, "entries", (double)entries);
    uint64_t counts[256] = {0};
    cJSON *listed = cJSON_CreateArray();
    for (uint64_t i = 0; i < entries; i++) {
        unsigned s = (unsigned)(raw[i / per_byte] >> ((unsigned)(i % per_byte) * sl->bits)) & mask;
        counts[s]++;
        if (s != 0 && cJSON_GetArraySize(listed) < (int)LISTED_NOT_VALID) {
            cJSON *e = cJSON_CreateObject();
            wrp_json_push(listed, e);
            cJSON_AddNumberToObject(e, "index", (double)i);
            cJSON_AddNumberToObject(e, "status", s);
            cJSON_AddStringToObject(e, "meaning", status_meaning(s));
        }
    }
    free(raw);
    cJSON *a = cJSON_AddArrayToObject(v, "counts");
    for (unsigned s = 0; a != NULL && s <= mask; s++) {
        if (counts[s] == 0)
            continue;
        cJSON *e = cJSON_CreateObject();
        wrp_json_push(a, e);
        cJSON_AddNumberToObject(e, "status", s);
        cJSON_AddStringToObject(e, "meaning", status_meaning(s));
        cJSON_AddNumberToObject(e, "entries", (double)counts[s]);
    }
    wrp_json_put(v, "not_valid", listed);
}

/* The token's list: its size and bits, what it holds, and the status at the index asked for.
 * `claimed`: the token says it is a status list (typ, or a status_list claim), so that a parse
 * failure is worth showing. */
static void status_list_view(ictx *c, cJSON *o, const uint8_t *in, size_t len, bool claimed)
{
    wrp_status_list sl;
    wrp_err err = {{0}};
    memset(&sl, 0, sizeof sl);
    if (wrp_status_list_parse(in, len, &sl, &err) != WRP_OK) {
        cJSON *v = claimed ? cJSON_AddObjectToObject(o, "status_list") : NULL;
        if (v != NULL)
            cJSON_AddStringToObject(v, "error", err.msg);
        wrp_status_list_free(&sl);
        return;
    }
    c->list_seen = true;
    cJSON *v = cJSON_AddObjectToObject(o, "status_list");
    if (v == NULL) {
        wrp_status_list_free(&sl);
        return;
    }
    cJSON_AddStringToObject(v, "uri", sl.sub);
    cJSON_AddNumberToObject(v, "bits", sl.bits);
    cJSON_AddNumberToObject(v, "compressed_bytes", (double)sl.lst_len);
    char buf[32];
    if (sl.has_ttl)
        cJSON_AddNumberToObject(v, "ttl", (double)sl.ttl);
    int64_t until = wrp_status_list_expiry(&sl);
    if (until != INT64_MAX && rfc3339(until, buf))
        cJSON_AddStringToObject(v, "use_until", buf);
    if (c->lists_read >= WRP_MAX_INSPECT_STATUS_LISTS) {
        cJSON_AddStringToObject(v, "error", "entries not read: the input holds more status lists than inspect reads");
        wrp_status_list_free(&sl);
        return;
    }
    c->lists_read++;
    status_list_entries(v, &sl);
    if (c->index >= 0) {
        cJSON *at = cJSON_AddObjectToObject(v, "at_index");
        unsigned value = 0;
        wrp_err gerr = {{0}};
        if (at != NULL) {
            cJSON_AddNumberToObject(at, "index", (double)c->index);
            if (wrp_status_list_get(&sl, (uint64_t)c->index, &value, &gerr) == WRP_OK) {
                cJSON_AddNumberToObject(at, "status", value);
                cJSON_AddStringToObject(at, "meaning", status_meaning(value));
                c->index_answered = true;
            } else {
                cJSON_AddStringToObject(at, "error", gerr.msg);
            }
        }
    }
    wrp_status_list_free(&sl);
}

/* ---- payloads and embedded artefacts -------------------------------------------------------- */

/* Bytes a signature covers: JSON when they are, else any artefact they hold, else hex. */
static cJSON *payload_json(ictx *c, const uint8_t *p, size_t n, unsigned depth)
{
    cJSON *j = NULL;
    if (wrp_json_parse(p, n, &j, NULL) == WRP_OK)
        return j;
    if (n > 0) {
        cJSON *inner = inspect_bytes(c, p, n, depth + 1);
        if (inner != NULL && !is_kind(inner, "unreadable"))
            return inner;
        cJSON_Delete(inner);
    }
    cJSON *o = cJSON_CreateObject();
    if (o != NULL)
        add_hex(o, "hex", p, n);
    return o;
}

static void push_embedded(cJSON *list, const char *at, const char *what, cJSON *value)
{
    cJSON *e = cJSON_CreateObject();
    wrp_json_push(list, e);
    if (e == NULL) {
        cJSON_Delete(value);
        return;
    }
    cJSON_AddStringToObject(e, "at", at);
    cJSON_AddStringToObject(e, "what", what);
    wrp_json_put(e, "value", value);
}

/* A verifier_info registration certificate: the compact JWS itself, or base64url of the
 * serialized certificate (JWS text or CWT bytes). */
static cJSON *certificate_in_text(ictx *c, const char *data, unsigned depth)
{
    size_t n = strlen(data);
    wrp_input_shape shape = wrp_sniff_shape((const uint8_t *)data, n);
    if (shape == WRP_SHAPE_JWS)
        return inspect_bytes(c, (const uint8_t *)data, n, depth + 1);
    uint8_t *bytes = NULL;
    size_t len = 0;
    wrp_err err = {{0}};
    if (wrp_b64url_decode((const uint8_t *)data, n, &bytes, &len, &err) != WRP_OK) {
        char why[320];
        snprintf(why, sizeof why, "neither a compact JWS nor base64url: %s", err.msg);
        return unreadable(wrp_input_shape_str(shape), why);
    }
    cJSON *v = inspect_bytes(c, bytes, len, depth + 1);
    free(bytes);
    return v;
}

/* transaction_data: base64url of a JSON object. */
static cJSON *transaction_data(const char *data)
{
    uint8_t *bytes = NULL;
    size_t len = 0;
    wrp_err err = {{0}};
    cJSON *v = NULL;
    char why[320];
    if (wrp_b64url_decode((const uint8_t *)data, strlen(data), &bytes, &len, &err) != WRP_OK) {
        snprintf(why, sizeof why, "not base64url: %s", err.msg);
    } else if (wrp_json_parse(bytes, len, &v, &err) != WRP_OK) {
        snprintf(why, sizeof why, "base64url of bytes that are not JSON: %s", err.msg);
        v = NULL;
    }
    free(bytes);
    if (v != NULL)
        return v;
    return unreadable(wrp_input_shape_str(wrp_sniff_shape((const uint8_t *)data, strlen(data))), why);
}

/* The artefacts inside OpenID4VP request parameters (`base` names the parameters' member): each
 * registration certificate of verifier_info and each transaction_data entry, decoded. */
static void request_embedded(ictx *c, cJSON *o, const cJSON *params, const char *base, unsigned depth)
{
    const cJSON *vi = cJSON_GetObjectItemCaseSensitive(params, "verifier_info");
    const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "transaction_data");
    if (!cJSON_IsObject(params) || (!cJSON_IsArray(vi) && !cJSON_IsArray(td)))
        return;
    cJSON *list = cJSON_CreateArray();
    if (list == NULL)
        return;
    char at[128];
    int i = 0;
    for (const cJSON *e = cJSON_IsArray(vi) ? vi->child : NULL; e != NULL && i < (int)WRP_MAX_VERIFIER_INFO;
         e = e->next, i++) {
        const char *format = wrp_json_get_str(e, "format"), *data = wrp_json_get_str(e, "data");
        if (format == NULL || data == NULL || strcmp(format, "registration_cert") != 0)
            continue;
        snprintf(at, sizeof at, "%s.verifier_info[%d].data", base, i);
        push_embedded(list, at, "registration certificate", certificate_in_text(c, data, depth));
    }
    i = 0;
    for (const cJSON *e = cJSON_IsArray(td) ? td->child : NULL; e != NULL && i < (int)WRP_MAX_TRANSACTION_DATA;
         e = e->next, i++) {
        if (!cJSON_IsString(e))
            continue;
        snprintf(at, sizeof at, "%s.transaction_data[%d]", base, i);
        push_embedded(list, at, "transaction data", transaction_data(e->valuestring));
    }
    if (cJSON_GetArraySize(list) > 0)
        wrp_json_put(o, "embedded", list);
    else
        cJSON_Delete(list);
}

/* ---- JWS -------------------------------------------------------------------------------------- */

static cJSON *jws(ictx *c, const uint8_t *in, size_t len, unsigned depth)
{
    wrp_jws t;
    wrp_err err = {{0}};
    if (wrp_jws_parse(in, len, &t, &err) != WRP_OK)
        return unreadable(wrp_input_shape_str(WRP_SHAPE_JWS), err.msg);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        wrp_jws_free(&t);
        return NULL;
    }
    cJSON_AddStringToObject(o, "kind", "jws");
    add_artefact(o, artefact_of_typ(t.typ));
    wrp_json_put(o, "header", cJSON_Duplicate(t.header, 1));
    cJSON *payload = put(o, "payload", payload_json(c, t.payload, t.payload_len, depth));
    add_times(o, payload, jwt_times, sizeof jwt_times / sizeof *jwt_times);
    cJSON_AddNumberToObject(o, "signature_bytes", (double)t.sig_len);
    wrp_chain chain;
    wrp_err xerr = {{0}};
    if (wrp_jws_x5c(&t, &chain, &xerr) == WRP_OK) {
        wrp_json_put(o, "x5c", wrp_inspect_chain(&chain));
        wrp_chain_free(&chain);
    } else if (cJSON_GetObjectItemCaseSensitive(t.header, "x5c") != NULL) {
        cJSON_AddStringToObject(o, "x5c_error", xerr.msg);
    }
    bool claimed = (t.typ != NULL && strstr(t.typ, "statuslist") != NULL) ||
                   cJSON_GetObjectItemCaseSensitive(payload, "status_list") != NULL;
    if (claimed)
        status_list_view(c, o, in, len, true);
    request_embedded(c, o, payload, "payload", depth);
    wrp_jws_free(&t);
    wrp_ossl_clear();
    return o;
}

/* ---- CBOR ------------------------------------------------------------------------------------- */

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

static cJSON *cbor_map(ictx *c, const cbor_item_t *it, unsigned depth)
{
    cJSON *o = cJSON_CreateObject();
    struct cbor_pair *pairs = cbor_map_handle(it);
    for (size_t i = 0; o != NULL && i < cbor_map_size(it); i++) {
        char key[64];
        key_name(pairs[i].key, i, key);
        wrp_json_put(o, key, cbor_json(c, pairs[i].value, depth));
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

/* Beside the generic view of an ItemsRequest: its registration certificate (euWrprc) and its
 * registrar dataset decoded, and every requestInfo key a judgement does not read, with the key
 * that one differing only in letter case stands for (it is not read as that key). */
static void request_info_view(ictx *c, cJSON *o, const cbor_item_t *items, unsigned depth)
{
    const cbor_item_t *info = wrp_cbor_map_get_str(items, "requestInfo");
    if (info == NULL || !cbor_isa_map(info) || wrp_cbor_map_get_str(items, "docType") == NULL)
        return;
    cJSON *view = cJSON_CreateObject(), *ignored = cJSON_CreateArray();
    const uint8_t *p;
    size_t n;
    const cbor_item_t *rc = wrp_cbor_map_get_str(info, "euWrprc");
    if (rc != NULL)
        wrp_json_put(view, "registration_certificate",
                     wrp_cbor_bstr(rc, &p, &n) ? inspect_bytes(c, p, n, depth + 1)
                                               : unreadable("not a byte string",
                                                            "euWrprc is read as a byte string only"));
    const cbor_item_t *ds = wrp_cbor_map_get_str(info, "euWrpRegistrarInfo");
    if (ds != NULL)
        wrp_json_put(view, "registrar_dataset",
                     wrp_cbor_bstr(ds, &p, &n) ? payload_json(c, p, n, depth) : cbor_json(c, ds, depth));
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

/* The COSE_Sign1 array inside root (untagged, tag 18, or tag 61 around tag 18), or NULL when root
 * is not that shape: [bstr protected, map unprotected, bstr or nil payload, bstr signature]. */
static const cbor_item_t *cose_sign1_of(const cbor_item_t *root)
{
    const cbor_item_t *a = root;
    if (cbor_isa_tag(a) && cbor_tag_value(a) == 61)
        a = wrp_cbor_tag(a, 61);
    if (a != NULL && cbor_isa_tag(a) && cbor_tag_value(a) == 18)
        a = wrp_cbor_tag(a, 18);
    const uint8_t *p;
    size_t n;
    const cbor_item_t *payload = a != NULL ? wrp_cbor_array_at(a, 2) : NULL;
    if (a == NULL || !cbor_isa_array(a) || cbor_array_size(a) != 4 ||
        !wrp_cbor_bstr(wrp_cbor_array_at(a, 0), &p, &n) || !cbor_isa_map(wrp_cbor_array_at(a, 1)) ||
        !(wrp_cbor_bstr(payload, &p, &n) || wrp_cbor_is_null(payload)) ||
        !wrp_cbor_bstr(wrp_cbor_array_at(a, 3), &p, &n))
        return NULL;
    return a;
}

/* A COSE_Sign1 by its parts: headers, payload, signature size, and the x5chain certificates
 * (label 33, in either header). *typ (may be NULL) receives the protected typ (label 16) when it
 * is text, as a new string. */
static cJSON *cose_view(ictx *c, const cbor_item_t *a, unsigned depth, char **typ)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    const uint8_t *p;
    size_t n;
    cbor_item_t *ph = NULL;
    if (wrp_cbor_bstr(wrp_cbor_array_at(a, 0), &p, &n) && n > 0) {
        wrp_json_put(o, "protected", embedded_cbor(c, p, n, depth + 1));
        if (wrp_cbor_parse(p, n, &ph, NULL) != WRP_OK)
            ph = NULL;
    } else {
        wrp_json_put(o, "protected", cJSON_CreateObject());
    }
    const cbor_item_t *typ_item = ph != NULL ? wrp_cbor_map_get_int(ph, 16) : NULL;
    char *t = NULL;
    if (typ_item != NULL && wrp_cbor_tstr_dup(typ_item, &t) != WRP_OK)
        t = NULL;
    wrp_json_put(o, "unprotected", cbor_json(c, wrp_cbor_array_at(a, 1), depth));
    if (wrp_cbor_bstr(wrp_cbor_array_at(a, 2), &p, &n)) {
        cJSON *payload = put(o, "payload", payload_json(c, p, n, depth));
        const cJSON *claims = is_kind(payload, "cbor") ? cJSON_GetObjectItemCaseSensitive(payload, "value") : payload;
        bool cwt = t != NULL && strlen(t) >= 4 && strcmp(t + strlen(t) - 4, "+cwt") == 0;
        add_times(o, claims, cwt ? cwt_times : jwt_times,
                  cwt ? sizeof cwt_times / sizeof *cwt_times : sizeof jwt_times / sizeof *jwt_times);
    } else {
        cJSON_AddNullToObject(o, "payload");
    }
    if (wrp_cbor_bstr(wrp_cbor_array_at(a, 3), &p, &n))
        cJSON_AddNumberToObject(o, "signature_bytes", (double)n);
    const cbor_item_t *x5 = ph != NULL ? wrp_cbor_map_get_int(ph, 33) : NULL;
    if (x5 == NULL)
        x5 = wrp_cbor_map_get_int(wrp_cbor_array_at(a, 1), 33);
    wrp_chain chain;
    wrp_err err = {{0}};
    if (x5 != NULL && wrp_chain_from_x5chain(x5, &chain, &err) == WRP_OK) {
        wrp_json_put(o, "x5chain", wrp_inspect_chain(&chain));
        wrp_chain_free(&chain);
    } else if (x5 != NULL) {
        cJSON_AddStringToObject(o, "x5chain_error", err.msg);
    }
    if (ph != NULL)
        cbor_decref(&ph);
    wrp_ossl_clear();
    if (typ != NULL)
        *typ = t;
    else
        free(t);
    return o;
}

static cJSON *cose_member(ictx *c, const cbor_item_t *a, unsigned depth)
{
    cJSON *o = cJSON_CreateObject();
    if (o != NULL)
        wrp_json_put(o, "cose_sign1", cose_view(c, a, depth, NULL));
    return o;
}

static cJSON *cbor_json(ictx *c, const cbor_item_t *it, unsigned depth)
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
        if (o != NULL && wrp_cbor_bstr(it, &p, &n))
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
        /* a COSE_Sign1 inside a document (readerAuth, readerAuthAll) is shown by its parts */
        if (cose_sign1_of(it) != NULL)
            return cose_member(c, it, depth);
        cJSON *a = cJSON_CreateArray();
        for (size_t i = 0; a != NULL && i < cbor_array_size(it); i++)
            wrp_json_push(a, cbor_json(c, wrp_cbor_array_at(it, i), depth));
        return a;
    }
    case CBOR_TYPE_MAP:
        return cbor_map(c, it, depth);
    case CBOR_TYPE_TAG: {
        uint64_t tag = cbor_tag_value(it);
        cbor_item_t *inner = wrp_cbor_tag(it, tag);
        if (tag == 18 && cose_sign1_of(it) != NULL)
            return cose_member(c, inner, depth);
        cJSON *o = cJSON_CreateObject();
        if (o == NULL)
            return NULL;
        cJSON_AddNumberToObject(o, "tag", (double)tag);
        if (tag == 24 && wrp_cbor_bstr(inner, &p, &n))
            wrp_json_put(o, "embedded", embedded_cbor(c, p, n, depth + 1));
        else
            wrp_json_put(o, "value", cbor_json(c, inner, depth));
        return o;
    }
    case CBOR_TYPE_FLOAT_CTRL:
        if (cbor_float_ctrl_is_ctrl(it)) {
            uint8_t ctrl = cbor_ctrl_value(it);
            return ctrl == CBOR_CTRL_TRUE ? cJSON_CreateTrue()
                   : ctrl == CBOR_CTRL_FALSE ? cJSON_CreateFalse()
                                             : cJSON_CreateNull();
        }
        return cJSON_CreateNumber(cbor_float_get_float(it));
    }
    return cJSON_CreateNull();
}

static const char *cbor_artefact(const cbor_item_t *it)
{
    if (!cbor_isa_map(it))
        return NULL;
    if (wrp_cbor_map_get_str(it, "docRequests") != NULL)
        return "ISO/IEC 18013-5 DeviceRequest";
    if (wrp_cbor_map_get_str(it, "docType") != NULL && wrp_cbor_map_get_str(it, "nameSpaces") != NULL)
        return "ISO/IEC 18013-5 ItemsRequest";
    return NULL;
}

static cJSON *cbor_view(ictx *c, const cbor_item_t *it, const uint8_t *in, size_t len, unsigned depth)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    cJSON_AddStringToObject(o, "kind", "cbor");
    const cbor_item_t *cose = cose_sign1_of(it);
    if (cose == NULL) {
        add_artefact(o, cbor_artefact(it));
        wrp_json_put(o, "value", cbor_json(c, it, depth));
        request_info_view(c, o, it, depth);
        return o;
    }
    /* a COSE_Sign1 (a CWT) is shown by its decoded parts rather than as raw bytes */
    char *typ = NULL;
    cJSON *view = cose_view(c, cose, depth, &typ);
    add_artefact(o, artefact_of_typ(typ));
    view = put(o, "cose_sign1", view);
    const cJSON *payload = cJSON_GetObjectItemCaseSensitive(view, "payload");
    const cJSON *claims = is_kind(payload, "cbor") ? cJSON_GetObjectItemCaseSensitive(payload, "value") : payload;
    bool claimed = (typ != NULL && strstr(typ, "statuslist") != NULL) ||
                   cJSON_GetObjectItemCaseSensitive(claims, "65533") != NULL ||
                   cJSON_GetObjectItemCaseSensitive(claims, "status_list") != NULL;
    if (claimed)
        status_list_view(c, o, in, len, true);
    free(typ);
    return o;
}

static cJSON *cbor(ictx *c, const uint8_t *in, size_t len, unsigned depth, wrp_err *err)
{
    cbor_item_t *it = NULL;
    if (wrp_cbor_parse(in, len, &it, err) != WRP_OK)
        return NULL;
    cJSON *o = cbor_view(c, it, in, len, depth);
    cbor_decref(&it);
    return o;
}

/* ---- JSON ------------------------------------------------------------------------------------- */

static const char *json_artefact(const cJSON *v)
{
    if (!cJSON_IsObject(v))
        return NULL;
    if (cJSON_GetObjectItemCaseSensitive(v, "LoTE") != NULL)
        return "trusted list (ETSI TS 119 602 LoTE)";
    if (wrp_json_get_str(v, "request") != NULL)
        return "OpenID4VP request in a Digital Credentials API envelope";
    if (cJSON_GetObjectItemCaseSensitive(v, "dcql_query") != NULL ||
        cJSON_GetObjectItemCaseSensitive(v, "presentation_definition") != NULL)
        return "OpenID4VP request (unsigned)";
    if (cJSON_GetObjectItemCaseSensitive(v, "signatures") != NULL && wrp_json_get_str(v, "payload") != NULL)
        return "JWS JSON serialization";
    return NULL;
}

static cJSON *json(ictx *c, const uint8_t *in, size_t len, unsigned depth)
{
    cJSON *v = NULL;
    wrp_err err = {{0}};
    if (wrp_json_parse(in, len, &v, &err) != WRP_OK)
        return unreadable(wrp_input_shape_str(WRP_SHAPE_JSON), err.msg);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        cJSON_Delete(v);
        return NULL;
    }
    cJSON_AddStringToObject(o, "kind", "json");
    add_artefact(o, json_artefact(v));
    const char *req = wrp_json_get_str(v, "request");
    if (req != NULL)
        wrp_json_put(o, "request", inspect_bytes(c, (const uint8_t *)req, strlen(req), depth + 1));
    const char *payload = wrp_json_get_str(v, "payload");
    uint8_t *dec = NULL;
    size_t n = 0;
    if (payload != NULL && wrp_b64url_decode((const uint8_t *)payload, strlen(payload), &dec, &n, NULL) == WRP_OK)
        wrp_json_put(o, "decoded_payload", payload_json(c, dec, n, depth));
    free(dec);
    v = put(o, "value", v);
    add_times(o, v, jwt_times, sizeof jwt_times / sizeof *jwt_times);
    request_embedded(c, o, v, "value", depth);
    return o;
}

/* ---- text of another kind --------------------------------------------------------------------- */

/* Hex digits and white space (an even number of digits). */
static bool hex_decode(const uint8_t *in, size_t len, uint8_t **out, size_t *n)
{
    uint8_t *b = wrp_malloc(len / 2 + 1);
    if (b == NULL)
        return false;
    size_t k = 0;
    int hi = -1;
    for (size_t i = 0; i < len; i++) {
        uint8_t ch = in[i];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                                                  : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0)
            continue; /* white space, as the shape allows */
        if (hi < 0) {
            hi = d;
        } else {
            b[k++] = (uint8_t)(hi << 4 | d);
            hi = -1;
        }
    }
    *out = b;
    *n = k;
    return true;
}

/* base64 (standard, padded) or base64url (unpadded) text, white space aside. */
static wrp_status base64_decode(const uint8_t *in, size_t len, uint8_t **out, size_t *n, wrp_err *err)
{
    uint8_t *t = wrp_malloc(len + 1);
    if (t == NULL)
        return wrp_nomem();
    size_t k = 0;
    bool standard = false;
    for (size_t i = 0; i < len; i++) {
        if (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n')
            continue;
        standard = standard || in[i] == '+' || in[i] == '/' || in[i] == '=';
        t[k++] = in[i];
    }
    wrp_status st = standard ? wrp_b64_decode(t, k, out, n, err) : wrp_b64url_decode(t, k, out, n, err);
    free(t);
    return st;
}

/* Hex or base64 text: the bytes it encodes, inspected. */
static cJSON *encoded(ictx *c, const uint8_t *in, size_t len, wrp_input_shape shape, unsigned depth)
{
    const char *looks = wrp_input_shape_str(shape);
    uint8_t *bytes = NULL;
    size_t n = 0;
    wrp_err err = {{0}};
    char why[400];
    if (shape == WRP_SHAPE_HEX) {
        if (!hex_decode(in, len, &bytes, &n))
            return NULL;
    } else if (base64_decode(in, len, &bytes, &n, &err) != WRP_OK) {
        snprintf(why, sizeof why, "it does not decode as base64: %s", err.msg);
        return unreadable(looks, why);
    }
    cJSON *inner = inspect_bytes(c, bytes, n, depth + 1);
    free(bytes);
    if (inner == NULL)
        return NULL;
    if (is_kind(inner, "unreadable")) {
        const char *e = wrp_json_get_str(inner, "error");
        snprintf(why, sizeof why, "the %zu bytes it encodes are none of the artefacts inspect reads: %s", n,
                 e != NULL ? e : "");
        cJSON_Delete(inner);
        return unreadable(looks, why);
    }
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        cJSON_Delete(inner);
        return NULL;
    }
    cJSON_AddStringToObject(o, "kind", "encoded");
    cJSON_AddStringToObject(o, "encoding", shape == WRP_SHAPE_HEX ? "hex" : "base64");
    cJSON_AddNumberToObject(o, "bytes", (double)n);
    wrp_json_put(o, "decoded", inner);
    return o;
}

/* Input no parser reads: what it looks like (wrp_sniff), and why no parser took it. What begins
 * like a JOSE header ("eyJ", the base64url of '{"') is also said why it is no compact JWS. */
static cJSON *not_an_artefact(const uint8_t *in, size_t len, wrp_input_shape shape, const char *why)
{
    char msg[700], looks[160], jws_why[256] = "";
    snprintf(looks, sizeof looks, "%s", wrp_input_shape_str(shape));
    if (shape == WRP_SHAPE_BOM)
        snprintf(looks, sizeof looks, "%s, then %s", wrp_input_shape_str(shape),
                 wrp_input_shape_str(wrp_sniff_shape(in + 3, len - 3)));
    size_t i = 0;
    while (i < len && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n'))
        i++;
    wrp_jws t;
    wrp_err err = {{0}};
    if (len - i >= 3 && memcmp(in + i, "eyJ", 3) == 0) {
        if (wrp_jws_parse(in, len, &t, &err) == WRP_OK)
            wrp_jws_free(&t);
        else
            snprintf(jws_why, sizeof jws_why, "%s", err.msg);
    }
    if (why != NULL)
        snprintf(msg, sizeof msg, "%s", why);
    else if (jws_why[0] != 0)
        snprintf(msg, sizeof msg, "%s that begins like a compact JWS but is none: %s", looks, jws_why);
    else
        snprintf(msg, sizeof msg,
                 "%s is none of the artefacts inspect reads (a compact JWS, JSON, CBOR, PEM or DER, or "
                 "one of them as hex or base64 text)",
                 shape == WRP_SHAPE_BOM ? "text that begins with a byte order mark" : looks);
    cJSON *o = unreadable(looks, msg);
    if (o != NULL && jws_why[0] != 0)
        cJSON_AddStringToObject(o, "as_compact_jws", jws_why);
    return o;
}

/* Binary: CBOR, else a DER certificate or CRL. */
static cJSON *binary(ictx *c, const uint8_t *in, size_t len, unsigned depth)
{
    wrp_err err = {{0}};
    cJSON *o = cbor(c, in, len, depth, &err);
    if (o != NULL)
        return o;
    wrp_err xerr = {{0}};
    if ((o = wrp_inspect_x509(in, len, &xerr)) != NULL)
        return o;
    char why[400];
    snprintf(why, sizeof why, "not CBOR (%s), nor a DER certificate or CRL", err.msg);
    return not_an_artefact(in, len, WRP_SHAPE_BINARY, why);
}

static cJSON *too_deep(size_t len)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    cJSON_AddStringToObject(o, "kind", "not_decoded");
    cJSON_AddStringToObject(o, "reason", "an artefact nested deeper than inspect decodes");
    cJSON_AddNumberToObject(o, "bytes", (double)len);
    return o;
}

/* Bytes that a structure says are CBOR (tag 24 contents, a COSE protected header). */
static cJSON *embedded_cbor(ictx *c, const uint8_t *in, size_t len, unsigned depth)
{
    if (depth > WRP_MAX_INSPECT_DEPTH)
        return too_deep(len);
    wrp_err err = {{0}};
    cJSON *o = cbor(c, in, len, depth, &err);
    return o != NULL ? o : unreadable(wrp_input_shape_str(wrp_sniff_shape(in, len)), err.msg);
}

static cJSON *inspect_bytes(ictx *c, const uint8_t *in, size_t len, unsigned depth)
{
    if (depth > WRP_MAX_INSPECT_DEPTH)
        return too_deep(len);
    wrp_input_shape shape = wrp_sniff_shape(in, len);
    wrp_err err = {{0}};
    cJSON *o;
    switch (shape) {
    case WRP_SHAPE_JSON:
        return json(c, in, len, depth);
    case WRP_SHAPE_JWS:
        return jws(c, in, len, depth);
    case WRP_SHAPE_PEM:
        o = wrp_inspect_x509(in, len, &err);
        return o != NULL ? o : unreadable(wrp_input_shape_str(shape), err.msg);
    case WRP_SHAPE_HEX:
    case WRP_SHAPE_BASE64:
        return encoded(c, in, len, shape, depth);
    case WRP_SHAPE_BINARY:
        return binary(c, in, len, depth);
    case WRP_SHAPE_EMPTY:
        return not_an_artefact(in, len, shape, "the input is empty");
    case WRP_SHAPE_BOM:
    case WRP_SHAPE_HTML:
    case WRP_SHAPE_LINK:
    case WRP_SHAPE_TEXT:
        break;
    }
    return not_an_artefact(in, len, shape, NULL);
}

wrp_status wrp_inspect_ex(const uint8_t *in, size_t len, wrp_inspect_format format, int64_t status_index,
                          char **out)
{
    if (out == NULL || (in == NULL && len > 0) || (format != WRP_INSPECT_JSON && format != WRP_INSPECT_TEXT))
        return WRP_ERR_ARG;
    *out = NULL;
    if (len > WRP_MAX_INPUT_BYTES)
        return WRP_ERR_LIMIT;
    const uint8_t empty = 0;
    ictx c = {.index = status_index >= 0 ? status_index : -1};
    wrp_oom_begin();
    cJSON *o = inspect_bytes(&c, in != NULL ? in : &empty, len, 0);
    bool readable = o != NULL && !is_kind(o, "unreadable");
    if (o != NULL && c.index >= 0 && !c.list_seen) {
        cJSON *at = cJSON_AddObjectToObject(o, "status_at_index");
        if (at != NULL) {
            cJSON_AddNumberToObject(at, "index", (double)c.index);
            cJSON_AddStringToObject(at, "error", "the input holds no status list token");
        }
    }
    char *s = o == NULL ? NULL : format == WRP_INSPECT_TEXT ? wrp_inspect_outline(o) : cJSON_Print(o);
    cJSON_Delete(o);
    if (wrp_oom_end()) {
        free(s);
        s = NULL;
    }
    if (s == NULL)
        return wrp_nomem();
    *out = s;
    if (!readable)
        return WRP_ERR_MALFORMED;
    return c.index >= 0 && !c.index_answered ? WRP_ERR_ARG : WRP_OK;
}

wrp_status wrp_inspect(const uint8_t *in, size_t len, char **out)
{
    wrp_status st = wrp_inspect_ex(in, len, WRP_INSPECT_JSON, -1, out);
    return st == WRP_ERR_MALFORMED ? WRP_OK : st;
}

void wrp_string_free(char *s)
{
    cJSON_free(s);
}
