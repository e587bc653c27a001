/* ETSI TS 119 602 LoTE in JSON: the list model, its signature (compact JAdES, or the WeBuild
 * detached form over a canonical serialisation), and its certificates as anchors. */
#include "model/lote.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>

#include "util/b64.h"
#include "util/datetime.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"
#include "util/sniff.h"

/* A location inside the document for messages ("data[2].intendedUse[0]"); cut short when long. */
static void at(char *w, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void at(char *w, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w, size, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------------------------------------
 * Freeing */

static void service_free(wrp_lote_service *s)
{
    free(s->type);
    free(s->name);
    free(s->status);
    for (size_t i = 0; i < s->n_certs; i++)
        X509_free(s->certs[i]);
    free(s->certs);
}

void wrp_lote_free(wrp_lote *l)
{
    if (l == NULL)
        return;
    free(l->type);
    free(l->territory);
    free(l->operator_name);
    for (size_t i = 0; i < l->n_entities; i++) {
        free(l->entities[i].name);
        free(l->entities[i].trade_name);
        for (size_t k = 0; k < l->entities[i].n_services; k++)
            service_free(&l->entities[i].services[k]);
        free(l->entities[i].services);
    }
    free(l->entities);
    wrp_jws_free(&l->jws);
    wrp_jws_free(&l->jws_utf8);
    memset(l, 0, sizeof *l);
}

/* ---------------------------------------------------------------------------------------------
 * Members */

/* A multiLangString array [{lang, value}]: the first value is kept (names are only reported). */
static wrp_status first_value(const cJSON *obj, const char *name, const char *where, char **out,
                              wrp_err *err)
{
    const cJSON *v = wrp_json_get(obj, name);
    if (v == NULL)
        return WRP_OK;
    const char *value = cJSON_IsArray(v) ? wrp_json_get_str(v->child, "value") : NULL;
    if (value == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.%s is not an array of {lang, value}", where, name);
    *out = wrp_strdup(value);
    return *out != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status date_time(const cJSON *obj, const char *name, int64_t *out, wrp_err *err)
{
    const char *s = wrp_json_get_str(obj, name);
    if (s == NULL || !wrp_datetime_parse(s, WRP_DT_DATE_TIME, out))
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "ListAndSchemeInformation.%s is missing or not an RFC 3339 date-time", name);
    return WRP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * The list */

static wrp_status certificates(const cJSON *sdi, const char *where, wrp_lote_service *s,
                               size_t *total, wrp_err *err)
{
    const cJSON *list = wrp_json_get(sdi, "X509Certificates");
    if (list == NULL)
        return WRP_OK;
    size_t n;
    wrp_status st = wrp_json_array_len(list, WRP_MAX_LOTE_LIST, where, "X509Certificates", &n, err);
    if (st != WRP_OK)
        return st;
    if ((*total += n) > WRP_MAX_ANCHORS)
        return wrp_fail(err, WRP_ERR_LIMIT, "the list holds more than %u certificates",
                        WRP_MAX_ANCHORS);
    if ((s->certs = wrp_calloc(n ? n : 1, sizeof *s->certs)) == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        const char *val = wrp_json_get_str(e, "val");
        if (val == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.X509Certificates[%zu].val is missing", where,
                            s->n_certs);
        uint8_t *der = NULL;
        size_t der_len = 0;
        wrp_err cerr = {{0}};
        st = wrp_b64_decode((const uint8_t *)val, strlen(val), &der, &der_len, &cerr);
        if (st == WRP_OK)
            st = wrp_cert_from_der(der, der_len, &s->certs[s->n_certs], &cerr);
        free(der);
        if (st == WRP_ERR_NOMEM)
            return st;
        if (st != WRP_OK)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.X509Certificates[%zu]: %s", where,
                            s->n_certs, cerr.msg);
        s->n_certs++;
    }
    return WRP_OK;
}

static wrp_status parse_service(const cJSON *e, const char *where, wrp_lote_service *s,
                                size_t *total, wrp_err *err)
{
    const cJSON *si = wrp_json_get(e, "ServiceInformation");
    if (!cJSON_IsObject(si))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.ServiceInformation is missing or not an object",
                        where);
    char w[160];
    at(w, sizeof w, "%s.ServiceInformation", where);
    wrp_status st = wrp_json_opt_str(si, "ServiceTypeIdentifier", w, false, &s->type, err);
    if (st == WRP_OK)
        st = first_value(si, "ServiceName", w, &s->name, err);
    if (st == WRP_OK)
        st = wrp_json_opt_str(si, "ServiceStatus", w, false, &s->status, err);
    if (st != WRP_OK)
        return st;
    const cJSON *start = wrp_json_get(si, "StatusStartingTime");
    if (start != NULL) {
        if (!cJSON_IsString(start) ||
            !wrp_datetime_parse(start->valuestring, WRP_DT_DATE_TIME, &s->status_start))
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "%s.StatusStartingTime is not an RFC 3339 date-time", w);
        s->has_status_start = true;
    }
    const cJSON *sdi = wrp_json_get(si, "ServiceDigitalIdentity");
    if (!cJSON_IsObject(sdi))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.ServiceDigitalIdentity is missing or not an "
                                                "object", w);
    at(w, sizeof w, "%s.ServiceInformation.ServiceDigitalIdentity", where);
    return certificates(sdi, w, s, total, err);
}

static wrp_status parse_entity(const cJSON *e, const char *where, wrp_lote_entity *te,
                               size_t *total, wrp_err *err)
{
    const cJSON *info = wrp_json_get(e, "TrustedEntityInformation");
    const cJSON *svcs = wrp_json_get(e, "TrustedEntityServices");
    if (!cJSON_IsObject(e) || !cJSON_IsObject(info))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.TrustedEntityInformation is missing or not an "
                                                "object", where);
    char w[160];
    at(w, sizeof w, "%s.TrustedEntityInformation", where);
    wrp_status st = first_value(info, "TEName", w, &te->name, err);
    if (st == WRP_OK)
        st = first_value(info, "TETradeName", w, &te->trade_name, err);
    size_t n;
    if (st == WRP_OK)
        st = wrp_json_array_len(svcs, WRP_MAX_LOTE_LIST, where, "TrustedEntityServices", &n, err);
    if (st != WRP_OK)
        return st;
    if ((te->services = wrp_calloc(n ? n : 1, sizeof *te->services)) == NULL)
        return wrp_nomem();
    const cJSON *s;
    cJSON_ArrayForEach(s, svcs)
    {
        at(w, sizeof w, "%s.TrustedEntityServices[%zu]", where, te->n_services);
        if (!cJSON_IsObject(s))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object", w);
        if ((st = parse_service(s, w, &te->services[te->n_services++], total, err)) != WRP_OK)
            return st;
    }
    return WRP_OK;
}

static wrp_status parse_header(const cJSON *lsi, wrp_lote *l, wrp_err *err)
{
    const char *w = "ListAndSchemeInformation";
    if (!cJSON_IsObject(lsi))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s is missing or not an object", w);
    if (!wrp_json_int(wrp_json_get(lsi, "LoTEVersionIdentifier"), 0, INT64_MAX, &l->version))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.LoTEVersionIdentifier is missing or not a "
                                                "non-negative integer", w);
    if (!wrp_json_int(wrp_json_get(lsi, "LoTESequenceNumber"), 0, INT64_MAX, &l->sequence))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.LoTESequenceNumber is missing or not a "
                                                "non-negative integer", w);
    wrp_status st = wrp_json_opt_str(lsi, "LoTEType", w, false, &l->type, err);
    if (st == WRP_OK)
        st = wrp_json_opt_str(lsi, "SchemeTerritory", w, false, &l->territory, err);
    if (st == WRP_OK)
        st = first_value(lsi, "SchemeOperatorName", w, &l->operator_name, err);
    if (st == WRP_OK)
        st = date_time(lsi, "ListIssueDateTime", &l->issued, err);
    if (st == WRP_OK)
        st = date_time(lsi, "NextUpdate", &l->next_update, err);
    return st;
}

static wrp_status parse_list(const cJSON *lote, wrp_lote *l, wrp_err *err)
{
    if (!cJSON_IsObject(lote))
        return wrp_fail(err, WRP_ERR_MALFORMED, "LoTE is not an object");
    wrp_status st = parse_header(wrp_json_get(lote, "ListAndSchemeInformation"), l, err);
    const cJSON *tel = wrp_json_get(lote, "TrustedEntitiesList");
    if (st != WRP_OK || tel == NULL)
        return st;
    size_t n, total = 0;
    if ((st = wrp_json_array_len(tel, WRP_MAX_LOTE_LIST, "LoTE", "TrustedEntitiesList", &n, err)) != WRP_OK)
        return st;
    if ((l->entities = wrp_calloc(n ? n : 1, sizeof *l->entities)) == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, tel)
    {
        char w[96];
        at(w, sizeof w, "TrustedEntitiesList[%zu]", l->n_entities);
        if ((st = parse_entity(e, w, &l->entities[l->n_entities++], &total, err)) != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * The WeBuild detached signature: a JWS whose payload is BASE64URL of {"LoTE": ...} serialised
 * with sorted member names and no whitespace, as Python's json.dumps(sort_keys=True,
 * separators=(",", ":")) writes it: non-ASCII as \u escapes (ensure_ascii, the default), or,
 * as a second candidate, as UTF-8. Both are one-to-one over the parsed tree, so a signature over
 * either authenticates exactly what was parsed. Numbers must be integers within 2^53 (a float
 * cannot be re-serialised as its producer wrote it). */

typedef struct sbuf {
    char *p;
    size_t n, cap;
    bool oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *p = wrp_realloc(b->p, cap);
        if (p == NULL) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void sb_u(sbuf *b, unsigned cp)
{
    static const char hex[] = "0123456789abcdef";
    char tmp[6] = {'\\', 'u', hex[(cp >> 12) & 0xF], hex[(cp >> 8) & 0xF], hex[(cp >> 4) & 0xF],
                   hex[cp & 0xF]};
    sb_put(b, tmp, sizeof tmp);
}

/* Decodes one UTF-8 sequence (the strict parser has validated it); returns its length. */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] < 0xE0) {
        *cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (s[0] < 0xF0) {
        *cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    *cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    return 4;
}

static void sb_string(sbuf *b, const char *str, bool ascii)
{
    const unsigned char *s = (const unsigned char *)str;
    sb_put(b, "\"", 1);
    while (*s) {
        unsigned cp;
        size_t k = utf8_next(s, &cp);
        const char *esc = cp == '"' ? "\\\"" : cp == '\\' ? "\\\\" : cp == '\n' ? "\\n"
                        : cp == '\r' ? "\\r" : cp == '\t' ? "\\t" : cp == '\b' ? "\\b"
                        : cp == '\f' ? "\\f" : NULL;
        if (esc != NULL) {
            sb_put(b, esc, 2);
        } else if (cp < 0x20 || (ascii && cp == 0x7F)) {
            sb_u(b, cp);
        } else if (ascii && cp > 0x7F) {
            if (cp > 0xFFFF) {
                sb_u(b, 0xD800 + ((cp - 0x10000) >> 10));
                sb_u(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
            } else {
                sb_u(b, cp);
            }
        } else {
            sb_put(b, (const char *)s, k);
        }
        s += k;
    }
    sb_put(b, "\"", 1);
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

static bool sb_value(sbuf *b, const cJSON *v, bool ascii);

static bool sb_object(sbuf *b, const cJSON *v, bool ascii)
{
    size_t n = 0, i = 0;
    for (const cJSON *m = v->child; m != NULL; m = m->next)
        n++;
    const cJSON **members = wrp_calloc(n ? n : 1, sizeof *members);
    if (members == NULL) {
        b->oom = true;
        return false;
    }
    for (const cJSON *m = v->child; m != NULL; m = m->next)
        members[i++] = m;
    qsort(members, n, sizeof *members, by_name);
    bool ok = true;
    sb_put(b, "{", 1);
    for (i = 0; ok && i < n; i++) {
        if (i > 0)
            sb_put(b, ",", 1);
        sb_string(b, members[i]->string, ascii);
        sb_put(b, ":", 1);
        ok = sb_value(b, members[i], ascii);
    }
    sb_put(b, "}", 1);
    free(members);
    return ok;
}

static bool sb_value(sbuf *b, const cJSON *v, bool ascii)
{
    if (cJSON_IsObject(v))
        return sb_object(b, v, ascii);
    if (cJSON_IsArray(v)) {
        bool ok = true;
        sb_put(b, "[", 1);
        for (const cJSON *e = v->child; ok && e != NULL; e = e->next) {
            if (e != v->child)
                sb_put(b, ",", 1);
            ok = sb_value(b, e, ascii);
        }
        sb_put(b, "]", 1);
        return ok;
    }
    if (cJSON_IsString(v)) {
        sb_string(b, v->valuestring, ascii);
        return true;
    }
    int64_t i;
    if (cJSON_IsNumber(v)) {
        if (!wrp_json_int(v, INT64_MIN, INT64_MAX, &i))
            return false;
        char tmp[32];
        int k = snprintf(tmp, sizeof tmp, "%lld", (long long)i);
        sb_put(b, tmp, (size_t)k);
        return true;
    }
    const char *lit = cJSON_IsTrue(v) ? "true" : cJSON_IsFalse(v) ? "false" : "null";
    sb_put(b, lit, strlen(lit));
    return true;
}

static bool has_non_ascii(const cJSON *v)
{
    for (; v != NULL; v = v->next) {
        const char *strs[2] = {v->string, cJSON_IsString(v) ? v->valuestring : NULL};
        for (size_t k = 0; k < 2; k++)
            for (const unsigned char *s = (const unsigned char *)strs[k]; s != NULL && *s; s++)
                if (*s >= 0x7F)
                    return true;
        if (has_non_ascii(v->child))
            return true;
    }
    return false;
}

/* protected '.' BASE64URL(canonical {"LoTE": lote}) '.' signature, parsed as a compact JWS. */
static wrp_status detached_form(const cJSON *lote, const char *prot, const char *sig, bool ascii,
                                wrp_jws *out, wrp_lote *l)
{
    sbuf b = {0};
    sb_put(&b, "{\"LoTE\":", 8);
    bool ok = sb_value(&b, lote, ascii);
    sb_put(&b, "}", 1);
    if (b.oom) {
        free(b.p);
        return wrp_nomem();
    }
    if (!ok) {
        free(b.p);
        snprintf(l->detached_error, sizeof l->detached_error,
                 "the list holds a number that is not an integer within 2^53");
        return WRP_ERR_MALFORMED;
    }
    char *payload = NULL;
    wrp_status st = wrp_b64url_encode((const uint8_t *)b.p, b.n, &payload);
    free(b.p);
    if (st != WRP_OK)
        return st;
    size_t len = strlen(prot) + strlen(payload) + strlen(sig) + 2;
    char *text = wrp_malloc(len + 1);
    if (text == NULL) {
        free(payload);
        return wrp_nomem();
    }
    snprintf(text, len + 1, "%s.%s.%s", prot, payload, sig);
    free(payload);
    wrp_err jerr = {{0}};
    st = wrp_jws_parse((const uint8_t *)text, len, out, &jerr);
    free(text);
    if (st != WRP_OK && st != WRP_ERR_NOMEM)
        snprintf(l->detached_error, sizeof l->detached_error, "%.*s",
                 (int)sizeof l->detached_error - 1, jerr.msg); /* shortened on purpose */
    return st;
}

static wrp_status detached(const cJSON *lote, const cJSON *signature, wrp_lote *l, wrp_err *err)
{
    l->sig_form = WRP_LOTE_SIG_DETACHED;
    const char *prot = wrp_json_get_str(signature, "protected");
    const char *sig = wrp_json_get_str(signature, "signature");
    if (!cJSON_IsObject(signature) || prot == NULL || sig == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "signature is not {protected, signature} strings");
    wrp_status st = detached_form(lote, prot, sig, true, &l->jws, l);
    if (st == WRP_ERR_NOMEM)
        return st;
    if (st != WRP_OK)
        return WRP_OK; /* kept: the list reads, and its signature cannot verify (detached_error) */
    l->n_detached_forms = 1;
    if (!has_non_ascii(lote))
        return WRP_OK;
    st = detached_form(lote, prot, sig, false, &l->jws_utf8, l);
    if (st == WRP_OK)
        l->n_detached_forms = 2;
    return st == WRP_ERR_NOMEM ? st : WRP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Envelopes */

/* The list object of a document root: {"LoTE": {...}} or the inner object itself. */
static const cJSON *list_of(const cJSON *root)
{
    const cJSON *lote = wrp_json_get(root, "LoTE");
    if (lote != NULL)
        return lote;
    return wrp_json_get(root, "ListAndSchemeInformation") != NULL ? root : NULL;
}

static wrp_status parse_root(const cJSON *root, bool in_jws, wrp_lote *l, wrp_err *err)
{
    const cJSON *lote = cJSON_IsObject(root) ? list_of(root) : NULL;
    if (lote == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "not a LoTE: neither {\"LoTE\": ...} nor an object with "
                        "ListAndSchemeInformation");
    wrp_status st = parse_list(lote, l, err);
    const cJSON *signature = wrp_json_get(root, "signature");
    if (st != WRP_OK || signature == NULL)
        return st;
    if (in_jws || lote == root)
        return wrp_fail(err, WRP_ERR_MALFORMED, "a signature member belongs beside \"LoTE\" in a "
                                                "plain JSON list");
    return detached(lote, signature, l, err);
}


wrp_status wrp_lote_parse(const uint8_t *in, size_t len, wrp_lote *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    memset(out, 0, sizeof *out);
    if (in == NULL && len > 0)
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    if (len > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "list larger than %u bytes", WRP_MAX_INPUT_BYTES);
    cJSON *root = NULL;
    wrp_err jerr = {{0}};
    wrp_status st;
    bool in_jws = wrp_sniff_shape(in, len) != WRP_SHAPE_JSON;
    if (in_jws) {
        out->sig_form = WRP_LOTE_SIG_JADES;
        st = wrp_jws_parse(in, len, &out->jws, &jerr);
        if (st == WRP_OK)
            st = wrp_json_parse(out->jws.payload, out->jws.payload_len, &root, &jerr);
    } else {
        st = wrp_json_parse(in, len, &root, &jerr);
    }
    if (st == WRP_OK)
        st = parse_root(root, in_jws, out, err);
    else if (st != WRP_ERR_NOMEM)
        wrp_fail(err, st, "list: %s", jerr.msg);
    cJSON_Delete(root);
    if (st != WRP_OK)
        wrp_lote_free(out);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Anchors */

/* A status counts from its StatusStartingTime on; before that the service's earlier status
 * applies, which lives in ServiceHistory and is not read, so such a service grants nothing. */
static bool service_grants(const wrp_lote_service *s, int64_t t)
{
    if (s->has_status_start && s->status_start > t)
        return false;
    if (s->status == NULL)
        return true;
    const char *last = strrchr(s->status, '/');
    last = last != NULL ? last + 1 : s->status;
    return strcmp(last, "granted") == 0 || strcmp(last, "notified") == 0 ||
           strcmp(last, "active") == 0;
}

static int cert_cmp(const void *a, const void *b)
{
    return X509_cmp(*(X509 *const *)a, *(X509 *const *)b);
}

/* The certificates that the services of this type that do not grant at t list, sorted by
 * X509_cmp (the lookups below are binary searches). *v is NULL when there are none. */
static wrp_status denied_certs(const wrp_lote *l, const char *service_type, int64_t t, X509 ***v,
                               size_t *n, size_t *work)
{
    size_t total = 0;
    *v = NULL;
    *n = 0;
    for (size_t i = 0; i < l->n_entities; i++)
        for (size_t k = 0; k < l->entities[i].n_services; k++) {
            const wrp_lote_service *s = &l->entities[i].services[k];
            ++*work;
            if (s->type != NULL && strcmp(s->type, service_type) == 0 && !service_grants(s, t))
                total += s->n_certs;
        }
    if (total == 0)
        return WRP_OK;
    if ((*v = wrp_calloc(total, sizeof **v)) == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < l->n_entities; i++)
        for (size_t k = 0; k < l->entities[i].n_services; k++) {
            const wrp_lote_service *s = &l->entities[i].services[k];
            ++*work;
            if (s->type == NULL || strcmp(s->type, service_type) != 0 || service_grants(s, t))
                continue;
            for (size_t c = 0; c < s->n_certs; c++, ++*work)
                (*v)[(*n)++] = s->certs[c];
        }
    qsort(*v, *n, sizeof **v, cert_cmp);
    return WRP_OK;
}

/* Whether cert is among the sorted v[0..n). */
static bool denied(X509 *const *v, size_t n, X509 *cert, size_t *work)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = X509_cmp(v[mid], cert);
        ++*work;
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

wrp_status wrp_lote_add_anchors(const wrp_lote *l, const char *service_type, int64_t t,
                                wrp_anchors *to, size_t *added)
{
    return wrp_lote_add_anchors_counted(l, service_type, t, to, added, NULL);
}

wrp_status wrp_lote_add_anchors_counted(const wrp_lote *l, const char *service_type, int64_t t,
                                        wrp_anchors *to, size_t *added, size_t *work)
{
    size_t scratch;
    if (work == NULL)
        work = &scratch;
    *work = 0;
    if (added != NULL)
        *added = 0;
    if (l == NULL || service_type == NULL || to == NULL)
        return WRP_ERR_ARG;
    X509 **deny = NULL;
    size_t n_deny = 0;
    wrp_status st = denied_certs(l, service_type, t, &deny, &n_deny, work);
    for (size_t i = 0; st == WRP_OK && i < l->n_entities; i++) {
        const wrp_lote_entity *e = &l->entities[i];
        for (size_t k = 0; st == WRP_OK && k < e->n_services; k++) {
            const wrp_lote_service *s = &e->services[k];
            ++*work;
            if (s->type == NULL || strcmp(s->type, service_type) != 0 || !service_grants(s, t))
                continue;
            for (size_t c = 0; st == WRP_OK && c < s->n_certs; c++) {
                ++*work;
                if (denied(deny, n_deny, s->certs[c], work))
                    continue;
                st = wrp_anchors_add_cert(to, s->certs[c]);
                if (st == WRP_OK && added != NULL)
                    (*added)++;
            }
        }
    }
    free(deny);
    return st;
}
