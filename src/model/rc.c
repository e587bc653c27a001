/* Registration certificate payload (TS 119 475 tables 7-10) and its JWT / CWT envelope. */
#include "model/rc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/mem.h"

static void problem(wrp_rc_problems *p, const char *claim, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(wrp_rc_problems *p, const char *claim, const char *fmt, ...)
{
    if (p->n == sizeof p->v / sizeof p->v[0])
        return;
    wrp_rc_problem *x = &p->v[p->n++];
    snprintf(x->claim, sizeof x->claim, "%s", claim);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->reason, sizeof x->reason, fmt, ap);
    va_end(ap);
}

/* Reads an optional string claim; a present claim of another type is a problem. Returns false
 * only on allocation failure. */
static bool opt_str(const cJSON *obj, const char *name, const char *label, char **out,
                    wrp_rc_problems *p)
{
    const cJSON *v = wrp_json_get(obj, name);
    if (v == NULL)
        return true;
    if (!cJSON_IsString(v)) {
        problem(p, label, "%s is not a string", label);
        return true;
    }
    *out = wrp_strdup(v->valuestring);
    return *out != NULL;
}

static bool req_str(const cJSON *obj, const char *name, char **out, wrp_rc_problems *p)
{
    if (wrp_json_get(obj, name) == NULL) {
        problem(p, name, "mandatory claim %s is missing", name);
        return true;
    }
    return opt_str(obj, name, name, out, p);
}

static wrp_status add_text(wrp_texts *t, const cJSON *e)
{
    const char *lang = wrp_json_get_str(e, "lang");
    const char *value = wrp_json_get_str(e, "value");
    if (value == NULL)
        value = wrp_json_get_str(e, "content");
    if (lang == NULL || value == NULL)
        return WRP_ERR_MALFORMED;
    wrp_text *v = wrp_realloc(t->v, (t->n + 1) * sizeof *v);
    if (v == NULL)
        return wrp_nomem();
    t->v = v;
    v[t->n].lang = wrp_strdup(lang);
    v[t->n].value = wrp_strdup(value);
    t->n++;
    return v[t->n - 1].lang && v[t->n - 1].value ? WRP_OK : wrp_nomem();
}

/* Localised texts: an array of {lang, value|content}, or an array of such arrays. */
static wrp_status texts(const cJSON *arr, wrp_texts *t)
{
    if (!cJSON_IsArray(arr) || arr->child == NULL)
        return WRP_ERR_MALFORMED;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        wrp_status st;
        if (cJSON_IsArray(e)) {
            const cJSON *inner;
            if (e->child == NULL)
                return WRP_ERR_MALFORMED;
            cJSON_ArrayForEach(inner, e)
            {
                if ((st = add_text(t, inner)) != WRP_OK)
                    return st;
            }
        } else if ((st = add_text(t, e)) != WRP_OK) {
            return st;
        }
    }
    return WRP_OK;
}

static bool text_claim(const cJSON *obj, const char *name, bool mandatory, wrp_texts *t,
                       wrp_rc_problems *p)
{
    const cJSON *v = wrp_json_get(obj, name);
    if (v == NULL) {
        if (mandatory)
            problem(p, name, "mandatory claim %s is missing", name);
        return true;
    }
    wrp_status st = texts(v, t);
    if (st == WRP_ERR_MALFORMED)
        problem(p, name, "%s is not a non-empty array (or array of arrays) of {lang, value}", name);
    return st != WRP_ERR_NOMEM;
}

/* A string or a non-empty array of strings (policy_id), or a non-empty array of strings
 * (entitlements). WRP_ERR_MALFORMED for any other shape, WRP_ERR_NOMEM. */
static wrp_status str_list(const cJSON *v, bool single_ok, char ***out, size_t *n)
{
    if (single_ok && cJSON_IsString(v)) {
        *out = wrp_malloc(sizeof **out);
        if (*out == NULL)
            return wrp_nomem();
        (*out)[0] = wrp_strdup(v->valuestring);
        if ((*out)[0] == NULL)
            return wrp_nomem();
        *n = 1;
        return WRP_OK;
    }
    if (!cJSON_IsArray(v) || v->child == NULL)
        return WRP_ERR_MALFORMED;
    size_t cnt = (size_t)cJSON_GetArraySize(v);
    *out = wrp_calloc(cnt, sizeof **out);
    if (*out == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        if (!cJSON_IsString(e))
            return WRP_ERR_MALFORMED;
        (*out)[*n] = wrp_strdup(e->valuestring);
        if ((*out)[*n] == NULL)
            return wrp_nomem();
        (*n)++;
    }
    return WRP_OK;
}

static bool numeric_string(const char *s, int64_t *out)
{
    if (*s == 0 || strlen(s) > 15)
        return false;
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

/* One status reference {idx, uri}: idx an integer or a string of digits, uri a string. */
static bool read_status_ref(const cJSON *obj, const char *where, int64_t *idx, const char **uri,
                            wrp_rc_problems *p)
{
    const cJSON *i = wrp_json_get(obj, "idx");
    *uri = wrp_json_get_str(obj, "uri");
    bool idx_ok = (cJSON_IsNumber(i) && wrp_json_int(i, 0, INT64_MAX, idx)) ||
                  (cJSON_IsString(i) && numeric_string(i->valuestring, idx));
    if (!idx_ok) {
        problem(p, "status", "%s.idx is not a non-negative integer or string of digits", where);
        return false;
    }
    if (*uri == NULL) {
        problem(p, "status", "%s.uri is not a string", where);
        return false;
    }
    return true;
}

/* The status reference in either shape (contract v1.1): status.status_list.{idx, uri} (TS 119 475
 * Annex C, the Token Status List claim) or status.{idx, uri} (GEN-6.2.6.1 read literally). Both
 * present and naming different statuses is a problem; the Annex C one is then the one checked, so
 * that what is reported says what it holds. */
static void read_status(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    const cJSON *status = wrp_json_get(payload, "status");
    if (status == NULL)
        return;
    if (!cJSON_IsObject(status)) {
        problem(p, "status", "status is not an object");
        return;
    }
    const cJSON *sl = wrp_json_get(status, "status_list");
    bool direct = wrp_json_get(status, "idx") != NULL || wrp_json_get(status, "uri") != NULL;
    int64_t list_idx = 0, direct_idx = 0;
    const char *list_uri = NULL, *direct_uri = NULL;
    if (sl == NULL && !direct) {
        problem(p, "status", "status holds neither status_list nor idx and uri");
        return;
    }
    if (sl != NULL && !cJSON_IsObject(sl)) {
        problem(p, "status", "status.status_list is not an object");
        return;
    }
    bool list_ok = sl != NULL && read_status_ref(sl, "status.status_list", &list_idx, &list_uri, p);
    bool direct_ok = direct && read_status_ref(status, "status", &direct_idx, &direct_uri, p);
    if ((sl != NULL && !list_ok) || (direct && !direct_ok))
        return;
    if (list_ok && direct_ok && (list_idx != direct_idx || strcmp(list_uri, direct_uri) != 0))
        problem(p, "status", "status.status_list and status.{idx, uri} name different statuses "
                             "(index %lld and %lld)", (long long)list_idx, (long long)direct_idx);
    rc->status_idx = list_ok ? list_idx : direct_idx;
    rc->status_uri = wrp_strdup(list_ok ? list_uri : direct_uri);
    rc->has_status = rc->status_uri != NULL;
}

static bool read_subject(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    if (!opt_str(payload, "sub_ln", "sub_ln", &rc->sub_ln, p) ||
        !opt_str(payload, "sub_gn", "sub_gn", &rc->sub_gn, p) ||
        !opt_str(payload, "sub_fn", "sub_fn", &rc->sub_fn, p))
        return false;
    if (rc->sub_ln == NULL && (rc->sub_gn == NULL || rc->sub_fn == NULL))
        problem(p, "sub_ln", "neither sub_ln (legal person) nor sub_gn and sub_fn (natural person)");
    return true;
}

static bool read_supervisory(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    const cJSON *sa = wrp_json_get(payload, "supervisory_authority");
    if (sa == NULL) {
        problem(p, "supervisory_authority", "mandatory claim supervisory_authority is missing");
        return true;
    }
    if (!cJSON_IsObject(sa)) {
        problem(p, "supervisory_authority", "supervisory_authority is not an object");
        return true;
    }
    if (!opt_str(sa, "email", "supervisory_authority.email", &rc->sa_email, p) ||
        !opt_str(sa, "phone", "supervisory_authority.phone", &rc->sa_phone, p) ||
        !opt_str(sa, "uri", "supervisory_authority.uri", &rc->sa_uri, p))
        return false;
    size_t n = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, sa)
    {
        if (cJSON_IsString(m))
            n++;
    }
    if (n == 0)
        return true;
    if ((rc->sa = wrp_calloc(n, sizeof *rc->sa)) == NULL)
        return false;
    cJSON_ArrayForEach(m, sa)
    {
        if (!cJSON_IsString(m))
            continue;
        wrp_kv *kv = &rc->sa[rc->n_sa++];
        if ((kv->key = wrp_strdup(m->string)) == NULL || (kv->value = wrp_strdup(m->valuestring)) == NULL)
            return false;
    }
    return true;
}

static bool read_parties(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    const cJSON *im = wrp_json_get(payload, "intermediary");
    if (im != NULL) {
        if (!cJSON_IsObject(im) || !cJSON_IsString(wrp_json_get(im, "sub"))) {
            problem(p, "intermediary", "intermediary is not an object with a string sub");
        } else if (!opt_str(im, "sub", "intermediary.sub", &rc->intermediary_sub, p) ||
                   !opt_str(im, "sname", "intermediary.sname", &rc->intermediary_sname, p) ||
                   !opt_str(im, "name", "intermediary.name", &rc->intermediary_name, p)) {
            return false;
        }
    }
    const cJSON *act = wrp_json_get(payload, "act");
    if (act != NULL) {
        if (!cJSON_IsObject(act) || !cJSON_IsString(wrp_json_get(act, "sub")))
            problem(p, "act", "act is not an object with a string sub");
        else if (!opt_str(act, "sub", "act.sub", &rc->act_sub, p))
            return false;
    }
    /* GEN-5.2.4-09: act.sub names the intermediary too; two names for it cannot both hold. */
    if (rc->intermediary_sub != NULL && rc->act_sub != NULL && strcmp(rc->intermediary_sub, rc->act_sub) != 0)
        problem(p, "intermediary", "intermediary.sub \"%.64s\" and act.sub \"%.64s\" differ",
                rc->intermediary_sub, rc->act_sub);
    if (wrp_rc_intermediary_id(rc) != NULL && wrp_rc_intermediary_id(rc)[0] == '\0')
        problem(p, "intermediary", "the intermediary's identifier is empty");
    const cJSON *pb = wrp_json_get(payload, "public_body");
    rc->public_body = -1;
    if (pb != NULL) {
        if (cJSON_IsBool(pb))
            rc->public_body = cJSON_IsTrue(pb) ? 1 : 0;
        else
            problem(p, "public_body", "public_body is not a boolean");
    }
    const cJSON *pa = wrp_json_get(payload, "provides_attestations");
    if (pa != NULL) {
        if (cJSON_IsArray(pa))
            rc->provides_attestations = true;
        else
            problem(p, "provides_attestations", "provides_attestations is not an array");
    }
    return true;
}

static bool read_times(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    const cJSON *iat = wrp_json_get(payload, "iat");
    if (iat == NULL)
        problem(p, "iat", "mandatory claim iat is missing");
    else if (!wrp_json_int(iat, 0, INT64_C(253402300799), &rc->iat))
        problem(p, "iat", "iat is not a NumericDate (integer seconds)");
    const cJSON *exp = wrp_json_get(payload, "exp");
    if (exp != NULL) {
        if (wrp_json_int(exp, 0, INT64_C(253402300799), &rc->exp))
            rc->has_exp = true;
        else
            problem(p, "exp", "exp is not a NumericDate (integer seconds)");
    }
    return true;
}

static bool read_lists(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    wrp_status st = WRP_OK;
    const cJSON *ent = wrp_json_get(payload, "entitlements");
    if (ent == NULL)
        problem(p, "entitlements", "mandatory claim entitlements is missing");
    else if ((st = str_list(ent, false, &rc->entitlements, &rc->n_entitlements)) == WRP_ERR_MALFORMED)
        problem(p, "entitlements", "entitlements is not a non-empty array of strings");
    if (st == WRP_ERR_NOMEM)
        return false;
    const cJSON *pol = wrp_json_get(payload, "policy_id");
    if (pol == NULL)
        problem(p, "policy_id", "mandatory claim policy_id is missing");
    else if ((st = str_list(pol, true, &rc->policy_ids, &rc->n_policy_ids)) == WRP_ERR_MALFORMED)
        problem(p, "policy_id", "policy_id is not a string or a non-empty array of strings");
    return st != WRP_ERR_NOMEM;
}

static wrp_status read_credentials(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    const cJSON *creds = wrp_json_get(payload, "credentials");
    if (creds == NULL)
        return WRP_OK;
    wrp_err err = {{0}};
    wrp_status st = wrp_regset_from_json(creds, WRP_REGSET_CERT, &rc->credentials, &err);
    if (st == WRP_OK)
        rc->has_credentials = true;
    else if (st != WRP_ERR_NOMEM)
        problem(p, "credentials", "%s", err.msg);
    return st == WRP_ERR_NOMEM ? st : WRP_OK;
}

wrp_status wrp_rc_from_json(const cJSON *payload, wrp_rc *rc, wrp_rc_problems *p)
{
    memset(rc, 0, sizeof *rc);
    rc->public_body = -1;
    if (!cJSON_IsObject(payload))
        return WRP_ERR_MALFORMED;
    bool ok = req_str(payload, "name", &rc->name, p) && read_subject(payload, rc, p) &&
              req_str(payload, "sub", &rc->sub, p) && req_str(payload, "country", &rc->country, p) &&
              req_str(payload, "registry_uri", &rc->registry_uri, p) &&
              text_claim(payload, "srv_description", true, &rc->srv_description, p) &&
              read_lists(payload, rc, p) &&
              req_str(payload, "privacy_policy", &rc->privacy_policy, p) &&
              req_str(payload, "info_uri", &rc->info_uri, p) &&
              req_str(payload, "support_uri", &rc->support_uri, p) && read_supervisory(payload, rc, p) &&
              req_str(payload, "certificate_policy", &rc->certificate_policy, p) &&
              read_times(payload, rc, p) && text_claim(payload, "purpose", false, &rc->purpose, p) &&
              opt_str(payload, "intended_use_id", "intended_use_id", &rc->intended_use_id, p) &&
              read_parties(payload, rc, p) && opt_str(payload, "jti", "jti", &rc->jti, p);
    if (!ok)
        return wrp_nomem();
    if (rc->sub != NULL && rc->sub[0] == '\0')
        problem(p, "sub", "sub is empty: it names no relying party");
    read_status(payload, rc, p);
    return read_credentials(payload, rc, p);
}

static void texts_free(wrp_texts *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].lang);
        free(t->v[i].value);
    }
    free(t->v);
}

static void strs_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void wrp_rc_free(wrp_rc *rc)
{
    if (rc == NULL)
        return;
    char *strs[] = {rc->name, rc->sub_ln, rc->sub_gn, rc->sub_fn, rc->sub, rc->country,
                    rc->registry_uri, rc->privacy_policy, rc->info_uri, rc->support_uri,
                    rc->sa_email, rc->sa_phone, rc->sa_uri, rc->certificate_policy, rc->status_uri,
                    rc->intended_use_id, rc->intermediary_sub, rc->intermediary_sname,
                    rc->intermediary_name, rc->act_sub, rc->jti};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(strs[i]);
    for (size_t i = 0; i < rc->n_sa; i++) {
        free(rc->sa[i].key);
        free(rc->sa[i].value);
    }
    free(rc->sa);
    texts_free(&rc->srv_description);
    texts_free(&rc->purpose);
    strs_free(rc->entitlements, rc->n_entitlements);
    strs_free(rc->policy_ids, rc->n_policy_ids);
    wrp_regset_free(&rc->credentials);
    memset(rc, 0, sizeof *rc);
}

const char *wrp_rc_display_name(const wrp_rc *rc)
{
    if (rc->name != NULL)
        return rc->name;
    if (rc->sub_ln != NULL)
        return rc->sub_ln;
    return rc->sub_gn;
}

const char *wrp_rc_intermediary_id(const wrp_rc *rc)
{
    return rc->intermediary_sub != NULL ? rc->intermediary_sub : rc->act_sub;
}

const char *wrp_rc_intermediary_name(const wrp_rc *rc)
{
    return rc->intermediary_sname != NULL ? rc->intermediary_sname : rc->intermediary_name;
}
