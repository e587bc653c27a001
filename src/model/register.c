/* Register documents (EUDI TS5): envelope (compact JWS, JWS JSON serialization, plain JSON) and
 * the relying party model. The TS5 JSON Schema and its OpenAPI disagree on several members; each
 * tolerance below is listed in docs-register.md. */
#include "model/register.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/b64.h"
#include "util/datetime.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"
#include "util/sniff.h"
#include "util/json_build.h"

#define WHERE_LEN 160

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

static void strv_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void texts_free(wrp_texts *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].lang);
        free(t->v[i].value);
    }
    free(t->v);
}

static void use_free(wrp_reg_use *u)
{
    free(u->id);
    texts_free(&u->purpose);
    for (size_t i = 0; i < u->n_privacy; i++) {
        free(u->privacy[i].type);
        free(u->privacy[i].uri);
    }
    free(u->privacy);
    free(u->created_at);
    free(u->revoked_at);
    wrp_regset_free(&u->credentials);
    free(u->credentials_text);
}

static void party_free(wrp_reg_party *p)
{
    for (size_t i = 0; i < p->n_ids; i++) {
        free(p->ids[i].type);
        free(p->ids[i].value);
    }
    free(p->ids);
    free(p->trade_name);
    strv_free(p->legal_names, p->n_legal_names);
    free(p->given_name);
    free(p->family_name);
    free(p->country);
    free(p->registry_uri);
    strv_free(p->entitlements, p->n_entitlements);
    for (size_t i = 0; i < p->n_uses; i++)
        use_free(&p->uses[i]);
    free(p->uses);
    for (size_t i = 0; i < p->n_services; i++) {
        free(p->services[i].id);
        free(p->services[i].trade_name);
        strv_free(p->services[i].entitlements, p->services[i].n_entitlements);
        for (size_t k = 0; k < p->services[i].n_intermediaries; k++)
            party_free(&p->services[i].intermediaries[k]);
        free(p->services[i].intermediaries);
    }
    free(p->services);
    for (size_t i = 0; i < p->n_intermediaries; i++)
        party_free(&p->intermediaries[i]);
    free(p->intermediaries);
}

void wrp_regdoc_free(wrp_regdoc *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n_sigs; i++) {
        wrp_jws_free(&d->sigs[i].jws);
        free(d->sigs[i].protected_b64);
        cJSON_Delete(d->sigs[i].unprotected);
    }
    free(d->sigs);
    free(d->payload_b64);
    free(d->iss);
    free(d->next_cursor);
    free(d->details);
    for (size_t i = 0; i < d->n_parties; i++)
        party_free(&d->parties[i]);
    free(d->parties);
    memset(d, 0, sizeof *d);
}

/* ---------------------------------------------------------------------------------------------
 * Members. An optional member whose value is null counts as absent: registrars that serialise
 * every field of their model write null for the ones they do not have. */

static const cJSON *member(const cJSON *obj, const char *name)
{
    const cJSON *v = wrp_json_get(obj, name);
    return cJSON_IsNull(v) ? NULL : v;
}

static wrp_status dup_str(const char *s, char **out)
{
    *out = wrp_strdup(s);
    return *out != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status opt_bool(const cJSON *obj, const char *name, const char *where, int *out,
                           wrp_err *err)
{
    const cJSON *v = member(obj, name);
    *out = -1;
    if (v == NULL)
        return WRP_OK;
    if (!cJSON_IsBool(v))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.%s is not a boolean", where, name);
    *out = cJSON_IsTrue(v) ? 1 : 0;
    return WRP_OK;
}

/* An array of strings, or (single_ok) one string standing for an array of one. */
static wrp_status str_list(const cJSON *v, bool single_ok, const char *where, const char *name,
                           char ***out, size_t *n, wrp_err *err)
{
    if (single_ok && cJSON_IsString(v)) {
        if ((*out = wrp_calloc(1, sizeof **out)) == NULL)
            return wrp_nomem();
        *n = 1;
        return dup_str(v->valuestring, &(*out)[0]);
    }
    size_t cnt;
    wrp_status st = wrp_json_array_len(v, WRP_MAX_REGISTER_LIST, where, name, &cnt, err);
    if (st != WRP_OK)
        return st;
    if ((*out = wrp_calloc(cnt ? cnt : 1, sizeof **out)) == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        if (!cJSON_IsString(e))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.%s[%zu] is not a string", where, name, *n);
        if (dup_str(e->valuestring, &(*out)[*n]) != WRP_OK)
            return wrp_nomem();
        (*n)++;
    }
    return WRP_OK;
}

static wrp_status add_text(wrp_texts *t, const cJSON *e, const char *where, const char *name,
                           wrp_err *err)
{
    const char *lang = wrp_json_get_str(e, "lang");
    const char *value = wrp_json_get_str(e, "content");
    if (value == NULL)
        value = wrp_json_get_str(e, "value");
    if (lang == NULL || value == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.%s holds an entry that is not {lang, content}",
                        where, name);
    if (t->n >= WRP_MAX_REGISTER_LIST)
        return wrp_fail(err, WRP_ERR_LIMIT, "%s.%s has more than %u texts", where, name,
                        WRP_MAX_REGISTER_LIST);
    wrp_text *v = wrp_realloc(t->v, (t->n + 1) * sizeof *v);
    if (v == NULL)
        return wrp_nomem();
    t->v = v;
    memset(&v[t->n], 0, sizeof v[t->n]);
    t->n++;
    if (dup_str(lang, &v[t->n - 1].lang) != WRP_OK || dup_str(value, &v[t->n - 1].value) != WRP_OK)
        return wrp_nomem();
    return WRP_OK;
}

/* MultiLangString[]: a flat array, or an array of arrays as srvDescription has. */
static wrp_status opt_texts(const cJSON *obj, const char *name, const char *where, wrp_texts *t,
                            wrp_err *err)
{
    const cJSON *v = member(obj, name);
    if (v == NULL)
        return WRP_OK;
    size_t n;
    wrp_status st = wrp_json_array_len(v, WRP_MAX_REGISTER_LIST, where, name, &n, err);
    const cJSON *e, *inner;
    cJSON_ArrayForEach(e, v)
    {
        if (!cJSON_IsArray(e)) {
            if (st == WRP_OK)
                st = add_text(t, e, where, name, err);
            continue;
        }
        cJSON_ArrayForEach(inner, e)
        {
            if (st == WRP_OK)
                st = add_text(t, inner, where, name, err);
        }
    }
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Intended uses */

static wrp_status privacy_entry(const cJSON *e, const char *where, wrp_reg_policy *out, wrp_err *err)
{
    if (!cJSON_IsObject(e))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.privacyPolicy holds a non-object", where);
    wrp_status st = wrp_json_opt_str(e, "type", where, true, &out->type, err);
    if (st == WRP_OK)
        st = wrp_json_opt_str(e, "policyURI", where, true, &out->uri, err);
    return st;
}

/* privacyPolicy: one Policy object (JSON Schema) or an array of them (OpenAPI, and the data). */
static wrp_status privacy(const cJSON *use, const char *where, wrp_reg_use *u, wrp_err *err)
{
    const cJSON *v = member(use, "privacyPolicy");
    if (v == NULL)
        return WRP_OK;
    size_t n = 1;
    if (cJSON_IsArray(v)) {
        wrp_status st = wrp_json_array_len(v, WRP_MAX_REGISTER_LIST, where, "privacyPolicy", &n, err);
        if (st != WRP_OK)
            return st;
    } else if (!cJSON_IsObject(v)) {
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.privacyPolicy is neither an object nor an array",
                        where);
    }
    if ((u->privacy = wrp_calloc(n ? n : 1, sizeof *u->privacy)) == NULL)
        return wrp_nomem();
    if (!cJSON_IsArray(v)) {
        u->n_privacy = 1;
        return privacy_entry(v, where, &u->privacy[0], err);
    }
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        wrp_status st = privacy_entry(e, where, &u->privacy[u->n_privacy++], err);
        if (st != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* createdAt / revokedAt: kept as text; a value of another type is remembered as unreadable. */
static wrp_status date_member(const cJSON *use, const char *name, bool *has, char **text)
{
    const cJSON *v = member(use, name);
    *has = v != NULL;
    if (cJSON_IsString(v))
        return dup_str(v->valuestring, text);
    return WRP_OK;
}

/* `credentials` (JSON Schema) or `credential` (OpenAPI); absent registers nothing. */
static wrp_status credentials(const cJSON *use, const char *where, wrp_reg_use *u, wrp_err *err)
{
    const cJSON *a = member(use, "credentials"), *b = member(use, "credential");
    if (a != NULL && b != NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s has both credentials and credential", where);
    const cJSON *list = a != NULL ? a : b;
    if (list == NULL)
        return dup_str("[]", &u->credentials_text);
    size_t n;
    wrp_status st = wrp_json_array_len(list, WRP_MAX_REGISTER_LIST, where, a ? "credentials" : "credential",
                              &n, err);
    if (st != WRP_OK)
        return st;
    wrp_err rerr = {{0}};
    st = wrp_regset_from_json(list, WRP_REGSET_REGISTER, &u->credentials, &rerr);
    if (st == WRP_ERR_NOMEM)
        return st;
    if (st != WRP_OK)
        return wrp_fail(err, st, "%s.%s", where, rerr.msg);
    u->credentials_text = cJSON_PrintUnformatted(list);
    return u->credentials_text != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status parse_use(const cJSON *e, const char *where, size_t service, wrp_reg_use *u,
                            wrp_err *err)
{
    u->service = service;
    if (!cJSON_IsObject(e))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object", where);
    const char *id = wrp_json_get_str(e, "intendedUseIdentifier");
    if (id == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.intendedUseIdentifier is missing or not a string",
                        where);
    wrp_status st = dup_str(id, &u->id);
    if (st == WRP_OK)
        st = opt_texts(e, "purpose", where, &u->purpose, err);
    if (st == WRP_OK)
        st = privacy(e, where, u, err);
    if (st == WRP_OK)
        st = date_member(e, "createdAt", &u->has_created_at, &u->created_at);
    if (st == WRP_OK)
        st = date_member(e, "revokedAt", &u->has_revoked_at, &u->revoked_at);
    if (st == WRP_OK)
        st = credentials(e, where, u, err);
    return st;
}

/* The intended use list of a party or a service: `intendedUse` (TS5 v1.3) or `intendedUses` (the
 * services[] drafts), whichever is present; both at once is refused. */
static wrp_status use_list(const cJSON *obj, const char *where, const cJSON **list, const char **name,
                           size_t *n, wrp_err *err)
{
    const cJSON *a = member(obj, "intendedUse"), *b = member(obj, "intendedUses");
    *n = 0;
    *list = NULL;
    if (a != NULL && b != NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s has both intendedUse and intendedUses", where);
    *list = a != NULL ? a : b;
    *name = a != NULL ? "intendedUse" : "intendedUses";
    if (*list == NULL)
        return WRP_OK;
    return wrp_json_array_len(*list, WRP_MAX_REGISTER_LIST, where, *name, n, err);
}

static wrp_status add_uses(const cJSON *obj, const char *where, size_t service, wrp_reg_party *p,
                           wrp_err *err)
{
    const cJSON *list;
    const char *name;
    size_t n;
    wrp_status st = use_list(obj, where, &list, &name, &n, err);
    if (st != WRP_OK || list == NULL)
        return st;
    size_t k = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        char w[WHERE_LEN];
        at(w, sizeof w, "%s.%s[%zu]", where, name, k++);
        st = parse_use(e, w, service, &p->uses[p->n_uses++], err);
        if (st != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Relying parties */

static wrp_status parse_party(const cJSON *obj, const char *where, wrp_reg_party *p, wrp_err *err);
static wrp_status intermediaries(const cJSON *obj, const char *where, wrp_reg_party **out,
                                 size_t *n_out, wrp_err *err);

static wrp_status identifiers(const cJSON *obj, const char *where, wrp_reg_party *p, wrp_err *err)
{
    const cJSON *v = member(obj, "identifier");
    if (v == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.identifier is missing", where);
    size_t n;
    wrp_status st = wrp_json_array_len(v, WRP_MAX_REGISTER_LIST, where, "identifier", &n, err);
    if (st != WRP_OK)
        return st;
    if ((p->ids = wrp_calloc(n ? n : 1, sizeof *p->ids)) == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        char w[WHERE_LEN];
        at(w, sizeof w, "%s.identifier[%zu]", where, p->n_ids);
        wrp_reg_identifier *id = &p->ids[p->n_ids++];
        const char *value = wrp_json_get_str(e, "identifier");
        if (!cJSON_IsObject(e) || value == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object with an identifier string", w);
        if ((st = dup_str(value, &id->value)) != WRP_OK ||
            (st = wrp_json_opt_str(e, "type", w, true, &id->type, err)) != WRP_OK)
            return st;
    }
    return WRP_OK;
}

static wrp_status names(const cJSON *obj, const char *where, wrp_reg_party *p, wrp_err *err)
{
    char w[WHERE_LEN];
    wrp_status st = wrp_json_opt_str(obj, "tradeName", where, true, &p->trade_name, err);
    const cJSON *lp = member(obj, "legalPerson"), *np = member(obj, "naturalPerson");
    if (st == WRP_OK && lp != NULL) {
        at(w, sizeof w, "%s.legalPerson", where);
        if (!cJSON_IsObject(lp))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object", w);
        const cJSON *ln = member(lp, "legalName");
        if (ln != NULL)
            st = str_list(ln, true, w, "legalName", &p->legal_names, &p->n_legal_names, err);
    }
    if (st == WRP_OK && np != NULL) {
        at(w, sizeof w, "%s.naturalPerson", where);
        if (!cJSON_IsObject(np))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object", w);
        st = wrp_json_opt_str(np, "givenName", w, true, &p->given_name, err);
        if (st == WRP_OK)
            st = wrp_json_opt_str(np, "familyName", w, true, &p->family_name, err);
    }
    return st;
}

static wrp_status entitlements(const cJSON *obj, const char *where, bool *has, char ***v, size_t *n,
                               wrp_err *err)
{
    const cJSON *e = member(obj, "entitlements");
    *has = e != NULL;
    return e != NULL ? str_list(e, false, where, "entitlements", v, n, err) : WRP_OK;
}

static wrp_status parse_service(const cJSON *e, const char *where, wrp_reg_service *s, wrp_err *err)
{
    if (!cJSON_IsObject(e))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object", where);
    wrp_status st = wrp_json_opt_str(e, "serviceIdentifier", where, true, &s->id, err);
    if (st == WRP_OK)
        st = wrp_json_opt_str(e, "serviceTradeName", where, true, &s->trade_name, err);
    if (st == WRP_OK)
        st = entitlements(e, where, &s->has_entitlements, &s->entitlements, &s->n_entitlements, err);
    if (st == WRP_OK)
        st = opt_bool(e, "isIntermediary", where, &s->is_intermediary, err);
    if (st == WRP_OK)
        st = intermediaries(e, where, &s->intermediaries, &s->n_intermediaries, err);
    return st;
}

/* Counts every intended use of the party (top level and per service) so that one allocation
 * holds them, then reads the services and the uses. */
static wrp_status services_and_uses(const cJSON *obj, const char *where, wrp_reg_party *p,
                                    wrp_err *err)
{
    const cJSON *list, *svcs = member(obj, "services"), *e;
    const char *name;
    size_t total, n_svcs = 0, n;
    wrp_status st = use_list(obj, where, &list, &name, &total, err);
    if (st == WRP_OK && svcs != NULL)
        st = wrp_json_array_len(svcs, WRP_MAX_REGISTER_LIST, where, "services", &n_svcs, err);
    if (st != WRP_OK)
        return st;
    size_t k = 0;
    cJSON_ArrayForEach(e, svcs)
    {
        char w[WHERE_LEN];
        at(w, sizeof w, "%s.services[%zu]", where, k++);
        if ((st = use_list(e, w, &list, &name, &n, err)) != WRP_OK)
            return st;
        total += n;
    }
    if (total > WRP_MAX_REGISTER_LIST)
        return wrp_fail(err, WRP_ERR_LIMIT, "%s has more than %u intended uses in all", where,
                        WRP_MAX_REGISTER_LIST);
    p->services = wrp_calloc(n_svcs ? n_svcs : 1, sizeof *p->services);
    p->uses = wrp_calloc(total ? total : 1, sizeof *p->uses);
    if (p->services == NULL || p->uses == NULL)
        return wrp_nomem();
    if ((st = add_uses(obj, where, WRP_REG_NO_SERVICE, p, err)) != WRP_OK)
        return st;
    cJSON_ArrayForEach(e, svcs)
    {
        char w[WHERE_LEN];
        at(w, sizeof w, "%s.services[%zu]", where, p->n_services);
        wrp_reg_service *s = &p->services[p->n_services++];
        s->is_intermediary = -1;
        if ((st = parse_service(e, w, s, err)) != WRP_OK ||
            (st = add_uses(e, w, p->n_services - 1, p, err)) != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* usesIntermediary[] of a relying party or of one of its services (EUDI TS5 v1.4). */
static wrp_status intermediaries(const cJSON *obj, const char *where, wrp_reg_party **out,
                                 size_t *n_out, wrp_err *err)
{
    const cJSON *v = member(obj, "usesIntermediary");
    if (v == NULL)
        return WRP_OK;
    size_t n;
    wrp_status st = wrp_json_array_len(v, WRP_MAX_REGISTER_LIST, where, "usesIntermediary", &n, err);
    if (st != WRP_OK)
        return st;
    if ((*out = wrp_calloc(n ? n : 1, sizeof **out)) == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        char w[WHERE_LEN];
        at(w, sizeof w, "%s.usesIntermediary[%zu]", where, *n_out);
        if ((st = parse_party(e, w, &(*out)[(*n_out)++], err)) != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* A WalletRelyingParty object. Nesting (usesIntermediary holds relying parties) is bounded by
 * the JSON depth limit. Members this library does not use are ignored. */
static wrp_status parse_party(const cJSON *obj, const char *where, wrp_reg_party *p, wrp_err *err)
{
    p->is_intermediary = p->is_psb = -1;
    if (!cJSON_IsObject(obj))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object", where);
    wrp_status st = identifiers(obj, where, p, err);
    if (st == WRP_OK)
        st = names(obj, where, p, err);
    if (st == WRP_OK)
        st = wrp_json_opt_str(obj, "country", where, true, &p->country, err);
    if (st == WRP_OK)
        st = wrp_json_opt_str(obj, "registryURI", where, true, &p->registry_uri, err);
    if (st == WRP_OK)
        st = entitlements(obj, where, &p->has_entitlements, &p->entitlements, &p->n_entitlements, err);
    if (st == WRP_OK)
        st = opt_bool(obj, "isIntermediary", where, &p->is_intermediary, err);
    if (st == WRP_OK)
        st = opt_bool(obj, "isPSB", where, &p->is_psb, err);
    if (st == WRP_OK)
        st = services_and_uses(obj, where, p, err);
    if (st == WRP_OK)
        st = intermediaries(obj, where, &p->intermediaries, &p->n_intermediaries, err);
    return st;
}

static wrp_status parse_parties(const cJSON *arr, const char *where, wrp_regdoc *d, wrp_err *err)
{
    size_t n;
    wrp_status st = wrp_json_array_len(arr, WRP_MAX_REGISTER_PARTIES, where, "data", &n, err);
    if (st != WRP_OK)
        return st;
    if ((d->parties = wrp_calloc(n ? n : 1, sizeof *d->parties)) == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        char w[WHERE_LEN];
        at(w, sizeof w, "%s[%zu]", where, d->n_parties);
        if ((st = parse_party(e, w, &d->parties[d->n_parties++], err)) != WRP_OK)
            return st;
    }
    return WRP_OK;
}

static wrp_status one_party(const cJSON *obj, const char *where, wrp_regdoc *d, wrp_err *err)
{
    if ((d->parties = wrp_calloc(1, sizeof *d->parties)) == NULL)
        return wrp_nomem();
    d->n_parties = 1;
    return parse_party(obj, where, &d->parties[0], err);
}

/* ---------------------------------------------------------------------------------------------
 * The payload {iss, iat, data, pagination?} */

static wrp_status pagination(const cJSON *payload, wrp_regdoc *d, wrp_err *err)
{
    const cJSON *p = member(payload, "pagination");
    d->has_next_page = -1;
    if (p == NULL)
        return WRP_OK;
    if (!cJSON_IsObject(p))
        return wrp_fail(err, WRP_ERR_MALFORMED, "pagination is not an object");
    d->has_pagination = true;
    wrp_status st = wrp_json_opt_str(p, "next_cursor", "pagination", true, &d->next_cursor, err);
    if (st == WRP_OK)
        st = opt_bool(p, "has_next_page", "pagination", &d->has_next_page, err);
    return st;
}

static wrp_status check_result(const cJSON *data, wrp_regdoc *d, wrp_err *err)
{
    d->content = WRP_REGDOC_CHECK_RESULT;
    const cJSON *v = wrp_json_get(data, "isRegistered");
    if (!cJSON_IsBool(v))
        return wrp_fail(err, WRP_ERR_MALFORMED, "data.isRegistered is not a boolean");
    d->is_registered = cJSON_IsTrue(v) ? 1 : 0;
    return wrp_json_opt_str(data, "details", "data", true, &d->details, err);
}

static wrp_status parse_payload(const cJSON *payload, wrp_regdoc *d, wrp_err *err)
{
    if (!cJSON_IsObject(payload))
        return wrp_fail(err, WRP_ERR_MALFORMED, "register payload is not a JSON object");
    const char *iss = wrp_json_get_str(payload, "iss");
    if (iss == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "register payload iss is missing or not a string");
    if (!wrp_json_int(wrp_json_get(payload, "iat"), 0, INT64_MAX, &d->iat))
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "register payload iat is missing or not a non-negative integer");
    wrp_status st = dup_str(iss, &d->iss);
    if (st == WRP_OK)
        st = pagination(payload, d, err);
    if (st != WRP_OK)
        return st;
    const cJSON *data = wrp_json_get(payload, "data");
    if (cJSON_IsArray(data)) {
        d->content = WRP_REGDOC_WRP_ARRAY;
        return parse_parties(data, "data", d, err);
    }
    if (!cJSON_IsObject(data))
        return wrp_fail(err, WRP_ERR_MALFORMED, "register payload data is missing or neither an "
                                                "object nor an array");
    if (wrp_json_get(data, "isRegistered") != NULL)
        return check_result(data, d, err);
    d->content = WRP_REGDOC_WRP;
    return one_party(data, "data", d, err);
}

static wrp_status payload_bytes(const uint8_t *bytes, size_t len, wrp_regdoc *d, wrp_err *err)
{
    cJSON *payload = NULL;
    wrp_err jerr = {{0}};
    wrp_status st = wrp_json_parse(bytes, len, &payload, &jerr);
    if (st == WRP_OK)
        st = parse_payload(payload, d, err);
    else if (st != WRP_ERR_NOMEM)
        wrp_fail(err, st, "register payload: %s", jerr.msg);
    cJSON_Delete(payload);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Envelopes */

static wrp_status alloc_sigs(wrp_regdoc *d, size_t n)
{
    d->sigs = wrp_calloc(n, sizeof *d->sigs);
    return d->sigs != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status parse_compact(const uint8_t *in, size_t len, wrp_regdoc *d, wrp_err *err)
{
    d->form = WRP_REGDOC_COMPACT;
    if (alloc_sigs(d, 1) != WRP_OK)
        return wrp_nomem();
    wrp_reg_sig *s = &d->sigs[0];
    wrp_err jerr = {{0}};
    wrp_status st = wrp_jws_parse(in, len, &s->jws, &jerr);
    if (st == WRP_ERR_NOMEM)
        return st;
    if (st != WRP_OK)
        return wrp_fail(err, st, "register document is neither JSON nor a compact JWS: %s", jerr.msg);
    d->n_sigs = 1;
    s->usable = true;
    return payload_bytes(s->jws.payload, s->jws.payload_len, d, err);
}

/* The parameters of one header, refused beyond WRP_MAX_REGISTER_HEADER. */
static wrp_status header_size(const cJSON *h, const char *where, const char *name, wrp_err *err)
{
    size_t n = 0;
    for (const cJSON *m = h != NULL ? h->child : NULL; m != NULL; m = m->next)
        if (++n > WRP_MAX_REGISTER_HEADER)
            return wrp_fail(err, WRP_ERR_LIMIT, "%s: the %s header has more than %u parameters", where,
                            name, WRP_MAX_REGISTER_HEADER);
    return WRP_OK;
}

/* RFC 7515 section 7.2.1: the protected and the unprotected header hold distinct names, and
 * crit belongs in the protected header. json_sig has bounded both headers, so that this costs at
 * most WRP_MAX_REGISTER_HEADER squared comparisons. */
static wrp_status headers_disjoint(const wrp_reg_sig *s, const char *where, wrp_err *err)
{
    if (s->unprotected == NULL)
        return WRP_OK;
    for (const cJSON *m = s->unprotected->child; m != NULL; m = m->next) {
        if (strcmp(m->string, "crit") == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s: crit in the unprotected header", where);
        if (s->usable && wrp_json_get(s->jws.header, m->string) != NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "%s: header parameter %s in both the protected and the unprotected "
                            "header", where, m->string);
    }
    return WRP_OK;
}

/* One signature of the JSON serialization: {protected?, header?, signature}. Only its own parts
 * are kept (the payload is the document's): the protected header read and decoded, and the
 * signature bytes. */
static wrp_status json_sig(const cJSON *obj, const char *where, wrp_reg_sig *s, wrp_err *err)
{
    const cJSON *prot = wrp_json_get(obj, "protected"), *hdr = wrp_json_get(obj, "header");
    const char *sig = wrp_json_get_str(obj, "signature");
    if (sig == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.signature is missing or not a string", where);
    if (prot != NULL && !cJSON_IsString(prot))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.protected is not a string", where);
    if (hdr != NULL) {
        if (!cJSON_IsObject(hdr))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.header is not an object", where);
        wrp_status st = header_size(hdr, where, "unprotected", err);
        if (st != WRP_OK)
            return st;
        if ((s->unprotected = cJSON_Duplicate(hdr, 1)) == NULL)
            return wrp_nomem();
    }
    if (prot != NULL) {
        const char *p = prot->valuestring;
        wrp_err jerr = {{0}};
        wrp_status st = wrp_jws_parse_signature(p, strlen(p), sig, strlen(sig), &s->jws, &jerr);
        if (st == WRP_ERR_NOMEM)
            return st;
        if (st != WRP_OK)
            return wrp_fail(err, st, "%s: %s", where, jerr.msg);
        if ((st = header_size(s->jws.header, where, "protected", err)) != WRP_OK)
            return st;
        if ((s->protected_b64 = wrp_strdup(p)) == NULL)
            return wrp_nomem();
        s->usable = true;
    }
    return headers_disjoint(s, where, err);
}

/* The JWS JSON serialization: every signature taken apart, then the payload decoded once. */
static wrp_status parse_jws_json(const cJSON *root, bool general, wrp_regdoc *d, wrp_err *err)
{
    d->form = general ? WRP_REGDOC_JSON_GENERAL : WRP_REGDOC_JSON_FLATTENED;
    const char *payload = wrp_json_get_str(root, "payload");
    if (payload == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "JWS JSON serialization: payload is missing or not a string (a detached "
                        "payload cannot be checked)");
    wrp_status st;
    if (!general) {
        if ((st = alloc_sigs(d, 1)) != WRP_OK)
            return st;
        d->n_sigs = 1;
        st = json_sig(root, "JWS", &d->sigs[0], err);
    } else {
        const cJSON *sigs = wrp_json_get(root, "signatures");
        size_t n;
        if (wrp_json_get(root, "protected") || wrp_json_get(root, "header") ||
            wrp_json_get(root, "signature"))
            return wrp_fail(err, WRP_ERR_MALFORMED, "JWS JSON serialization mixes the general and "
                                                    "the flattened syntax");
        if ((st = wrp_json_array_len(sigs, WRP_MAX_REGISTER_SIGNATURES, "JWS", "signatures", &n, err)) !=
            WRP_OK)
            return st;
        if (n == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED, "JWS.signatures is empty");
        if ((st = alloc_sigs(d, n)) != WRP_OK)
            return st;
        const cJSON *e;
        cJSON_ArrayForEach(e, sigs)
        {
            char w[WHERE_LEN];
            at(w, sizeof w, "JWS.signatures[%zu]", d->n_sigs);
            if (!cJSON_IsObject(e))
                return wrp_fail(err, WRP_ERR_MALFORMED, "%s is not an object", w);
            if ((st = json_sig(e, w, &d->sigs[d->n_sigs++], err)) != WRP_OK)
                return st;
        }
    }
    if (st != WRP_OK)
        return st;
    d->payload_b64_len = strlen(payload);
    if (d->payload_b64_len == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS JSON serialization payload is empty");
    if ((d->payload_b64 = wrp_strdup(payload)) == NULL)
        return wrp_nomem();
    uint8_t *bytes = NULL;
    size_t blen = 0;
    wrp_err berr = {{0}};
    st = wrp_b64url_decode((const uint8_t *)payload, d->payload_b64_len, &bytes, &blen, &berr);
    if (st == WRP_OK)
        st = payload_bytes(bytes, blen, d, err);
    else if (st != WRP_ERR_NOMEM)
        wrp_fail(err, st, "JWS JSON serialization payload: %s", berr.msg);
    free(bytes);
    return st;
}

static wrp_status parse_json(const cJSON *root, wrp_regdoc *d, wrp_err *err)
{
    if (cJSON_IsArray(root)) {
        d->form = WRP_REGDOC_UNSIGNED;
        d->content = WRP_REGDOC_BARE_ARRAY;
        return parse_parties(root, "document", d, err);
    }
    if (!cJSON_IsObject(root))
        return wrp_fail(err, WRP_ERR_MALFORMED, "register document is neither an object nor an array");
    if (wrp_json_get(root, "signatures") != NULL)
        return parse_jws_json(root, true, d, err);
    if (wrp_json_get(root, "signature") != NULL || wrp_json_get(root, "protected") != NULL)
        return parse_jws_json(root, false, d, err);
    if (wrp_json_get(root, "payload") != NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS JSON serialization without a signature");
    d->form = WRP_REGDOC_UNSIGNED;
    if (wrp_json_get(root, "data") != NULL)
        return parse_payload(root, d, err);
    d->content = WRP_REGDOC_BARE_WRP;
    return one_party(root, "relying party", d, err);
}

/* JSON when the first byte that is not whitespace opens an object or an array (wrp_sniff); a
 * leading byte order mark also goes to the JSON reader, which refuses it by name. */
static bool json_start(const uint8_t *in, size_t len)
{
    wrp_input_shape shape = wrp_sniff_shape(in, len);
    return shape == WRP_SHAPE_JSON || shape == WRP_SHAPE_BOM;
}

wrp_status wrp_regdoc_parse(const uint8_t *in, size_t len, wrp_regdoc *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    memset(out, 0, sizeof *out);
    out->has_next_page = -1;
    if (in == NULL && len > 0)
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    if (len > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "register document larger than %u bytes",
                        WRP_MAX_INPUT_BYTES);
    wrp_status st;
    if (json_start(in, len)) {
        cJSON *root = NULL;
        wrp_err jerr = {{0}};
        st = wrp_json_parse(in, len, &root, &jerr);
        if (st == WRP_OK)
            st = parse_json(root, out, err);
        else if (st != WRP_ERR_NOMEM)
            wrp_fail(err, st, "register document: %s", jerr.msg);
        cJSON_Delete(root);
    } else {
        st = parse_compact(in, len, out, err);
    }
    if (st != WRP_OK)
        wrp_regdoc_free(out);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Signers, identifiers, time */

wrp_status wrp_reg_sig_chain(const wrp_reg_sig *s, wrp_chain *out, wrp_err *err)
{
    memset(out, 0, sizeof *out);
    if (!s->usable)
        return wrp_fail(err, WRP_ERR_MALFORMED, "the signature has no protected header");
    const cJSON *x5c = wrp_json_get(s->jws.header, "x5c");
    if (x5c == NULL)
        x5c = wrp_json_get(s->unprotected, "x5c");
    if (x5c == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "the signature's headers have no x5c");
    return wrp_chain_from_x5c(x5c, out, err);
}

wrp_status wrp_reg_sig_signed(const wrp_regdoc *d, const wrp_reg_sig *s, wrp_signed *out,
                              uint8_t **input)
{
    *input = NULL;
    if (d == NULL || s == NULL || !s->usable)
        return WRP_ERR_ARG;
    if (s->protected_b64 == NULL) {
        *out = wrp_signed_jws(&s->jws); /* the compact JWS holds its signing input */
        return WRP_OK;
    }
    if (d->payload_b64 == NULL)
        return WRP_ERR_ARG;
    size_t plen = strlen(s->protected_b64), len = plen + 1 + d->payload_b64_len;
    uint8_t *in = wrp_malloc(len);
    if (in == NULL)
        return wrp_nomem();
    memcpy(in, s->protected_b64, plen);
    in[plen] = '.';
    memcpy(in + plen + 1, d->payload_b64, d->payload_b64_len);
    *input = in;
    *out = (wrp_signed){.input = in, .input_len = len, .sig = s->jws.sig, .sig_len = s->jws.sig_len,
                        .alg = s->jws.alg, .crit_ok = s->jws.crit_ok};
    return WRP_OK;
}

wrp_reg_use_state wrp_reg_use_state_at(const wrp_reg_use *u, int64_t t)
{
    int64_t when;
    if (u->has_revoked_at &&
        (u->revoked_at == NULL || !wrp_datetime_parse(u->revoked_at, WRP_DT_DATE_OR_TIME, &when) ||
         when <= t))
        return WRP_REG_USE_REVOKED;
    if (u->has_created_at &&
        (u->created_at == NULL || !wrp_datetime_parse(u->created_at, WRP_DT_DATE_OR_TIME, &when) ||
         when > t))
        return WRP_REG_USE_NOT_CREATED;
    return WRP_REG_USE_IN_FORCE;
}
