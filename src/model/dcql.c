#include "model/dcql.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/regset.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"
#include "util/json_build.h"

#define ID_RULE "must be a non-empty string of A-Z, a-z, 0-9, '_' and '-'"

/* ---- freeing ---------------------------------------------------------------------------------- */

static void refs_free(wrp_dcql_refs *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].idx);
    free(v);
}

static void cred_free(wrp_dcql_cred *c)
{
    free(c->id);
    free(c->format);
    for (size_t i = 0; i < c->n_types; i++)
        free(c->types[i]);
    free(c->types);
    for (size_t i = 0; c->claims != NULL && i < c->n_claims; i++) { /* NULL: counted_only */
        free(c->claims[i].id);
        wrp_path_free(&c->claims[i].path);
        cJSON_Delete(c->claims[i].values);
    }
    free(c->claims);
    refs_free(c->claim_sets, c->n_claim_sets);
}

void wrp_dcql_free(wrp_dcql *q)
{
    if (q == NULL)
        return;
    for (size_t i = 0; i < q->n_creds; i++)
        cred_free(&q->creds[i]);
    free(q->creds);
    for (size_t i = 0; i < q->n_sets; i++)
        refs_free(q->sets[i].options, q->sets[i].n_options);
    free(q->sets);
    free(q->by_id);
    memset(q, 0, sizeof *q);
}

const wrp_dcql_cred *wrp_dcql_find(const wrp_dcql *q, const char *id)
{
    if (q == NULL || id == NULL)
        return NULL;
    if (q->by_id != NULL) {
        size_t lo = 0, hi = q->n_creds;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const wrp_dcql_cred *c = &q->creds[q->by_id[mid]];
            int cmp = strcmp(c->id, id);
            if (cmp == 0)
                return c;
            if (cmp < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return NULL;
    }
    for (size_t i = 0; i < q->n_creds; i++)
        if (q->creds[i].id != NULL && strcmp(q->creds[i].id, id) == 0)
            return &q->creds[i];
    return NULL;
}

/* ---- small helpers ---------------------------------------------------------------------------- */

static size_t arr_len(const cJSON *a)
{
    return (size_t)cJSON_GetArraySize(a);
}

static bool is_nonempty_array(const cJSON *a)
{
    return cJSON_IsArray(a) && a->child != NULL;
}

/* Allocates n zeroed elements (at least one, so that NULL always means out of memory). */
static void *zalloc(size_t n, size_t size)
{
    return wrp_calloc(n ? n : 1, size);
}

static wrp_status dup_str(const char *s, char **out)
{
    *out = wrp_strdup(s);
    return *out ? WRP_OK : wrp_nomem();
}

/* A string that every requested item repeats, at most max bytes long. */
static wrp_status check_length(const char *s, size_t max, const char *at, wrp_err *err)
{
    if (strlen(s) > max)
        return wrp_fail(err, WRP_ERR_LIMIT, "%s: longer than %zu bytes", at, max);
    return WRP_OK;
}

/* OpenID4VP 1.0 6.1 and 6.3: ids of credential queries and claims queries. */
static bool id_valid(const cJSON *v)
{
    if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
        return false;
    for (const char *p = v->valuestring; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* An optional boolean member; absent gives dflt. */
static wrp_status get_bool(const cJSON *obj, const char *name, bool dflt, bool *out, const char *at,
                           wrp_err *err)
{
    const cJSON *v = wrp_json_get(obj, name);
    *out = dflt;
    if (v == NULL)
        return WRP_OK;
    if (!cJSON_IsBool(v))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.%s: must be a boolean", at, name);
    *out = cJSON_IsTrue(v);
    return WRP_OK;
}

/* A non-empty array of at most max elements; rule names the expected shape in the message. */
static wrp_status check_array(const cJSON *v, size_t max, const char *at, const char *rule,
                              wrp_err *err)
{
    if (!is_nonempty_array(v))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: must be %s", at, rule);
    if (arr_len(v) > max)
        return wrp_fail(err, WRP_ERR_LIMIT, "%s: more than %zu elements", at, max);
    return WRP_OK;
}

/* A non-empty array of strings (at most WRP_MAX_DCQL_VALUES). */
static wrp_status check_strings(const cJSON *v, const char *at, wrp_err *err)
{
    wrp_status st = check_array(v, WRP_MAX_DCQL_VALUES, at, "a non-empty array of strings", err);
    if (st != WRP_OK)
        return st;
    size_t j = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, v)
    {
        if (!cJSON_IsString(s))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu]: must be a string", at, j);
        j++;
    }
    return WRP_OK;
}

/* ---- uniqueness and look-up of ids and paths -------------------------------------------------- */

typedef struct key_ref {
    const char *id; /* an id, or NULL when the key is the path */
    const wrp_path *path;
    size_t idx; /* position in the array the key comes from */
} key_ref;

static int key_cmp_nopos(const key_ref *x, const key_ref *y)
{
    if (x->id != NULL)
        return strcmp(x->id, y->id);
    return wrp_path_cmp(x->path, y->path);
}

static int key_cmp(const void *a, const void *b)
{
    const key_ref *x = a, *y = b;
    int c = key_cmp_nopos(x, y);
    if (c != 0)
        return c;
    return x->idx < y->idx ? -1 : (x->idx > y->idx ? 1 : 0);
}

static int key_cmp_lookup(const void *a, const void *b)
{
    return key_cmp_nopos(a, b);
}

/* Sorts keys; when some are equal, reports the repetition that comes first in document order
 * (*second) and the earliest position holding the same key (*first). After the sort each run of
 * equal keys is in document order, so a run's first two entries are its candidates. */
static bool sort_find_dup(key_ref *keys, size_t n, size_t *first, size_t *second)
{
    qsort(keys, n, sizeof *keys, key_cmp);
    bool found = false;
    size_t run = 0;
    for (size_t i = 1; i < n; i++) {
        if (key_cmp_nopos(&keys[i - 1], &keys[i]) != 0) {
            run = i;
            continue;
        }
        if (i == run + 1 && (!found || keys[i].idx < *second)) {
            *first = keys[run].idx;
            *second = keys[i].idx;
            found = true;
        }
    }
    return found;
}

static const key_ref *lookup_id(const key_ref *keys, size_t n, const char *id)
{
    key_ref k = {id, NULL, 0};
    return bsearch(&k, keys, n, sizeof *keys, key_cmp_lookup);
}

/* Resolves a non-empty array of ids (a claim set or a credential set option) against a sorted id
 * index. what names the kind of id for messages. */
static wrp_status parse_refs(const cJSON *arr, const key_ref *keys, size_t n_keys, size_t max,
                             const char *at, const char *what, wrp_dcql_refs *out, wrp_err *err)
{
    char rule[64];
    snprintf(rule, sizeof rule, "a non-empty array of %s ids", what);
    wrp_status st = check_array(arr, max, at, rule, err);
    if (st != WRP_OK)
        return st;
    out->idx = zalloc(arr_len(arr), sizeof *out->idx);
    if (out->idx == NULL)
        return wrp_nomem();
    const cJSON *v;
    cJSON_ArrayForEach(v, arr)
    {
        if (!cJSON_IsString(v))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu]: must be a string", at, out->n);
        const key_ref *k = lookup_id(keys, n_keys, v->valuestring);
        if (k == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu]: \"%.64s\" is not the id of any %s",
                            at, out->n, v->valuestring, what);
        out->idx[out->n++] = k->idx;
    }
    return WRP_OK;
}

/* ---- meta: the types of a credential query (appendix B) --------------------------------------- */

/* A type listed twice is asked for once: each (credential query, type, path) is one requested
 * item and is judged once. Repetitions are found by sorting, not by comparing every pair, so
 * that 1,024 types cost n log n; each type keeps the place of its first occurrence. */
typedef struct type_ref {
    const char *type;
    size_t idx;
} type_ref;

static int type_ref_cmp(const void *a, const void *b)
{
    const type_ref *x = a, *y = b;
    int c = strcmp(x->type, y->type);
    return c != 0 ? c : (x->idx < y->idx ? -1 : (x->idx > y->idx ? 1 : 0));
}

static wrp_status drop_repeated_types(wrp_dcql_cred *c)
{
    if (c->n_types < 2)
        return WRP_OK;
    type_ref *r = zalloc(c->n_types, sizeof *r);
    bool *drop = zalloc(c->n_types, sizeof *drop);
    if (r == NULL || drop == NULL) {
        free(r);
        free(drop);
        return wrp_nomem();
    }
    for (size_t i = 0; i < c->n_types; i++)
        r[i] = (type_ref){c->types[i], i};
    qsort(r, c->n_types, sizeof *r, type_ref_cmp);
    for (size_t i = 1; i < c->n_types; i++)
        if (strcmp(r[i - 1].type, r[i].type) == 0)
            drop[r[i].idx] = true;
    size_t n = 0;
    for (size_t i = 0; i < c->n_types; i++) {
        if (drop[i])
            free(c->types[i]);
        else
            c->types[n++] = c->types[i];
    }
    c->n_types = n;
    free(r);
    free(drop);
    return WRP_OK;
}

static wrp_status parse_vct_values(const cJSON *meta, wrp_dcql_cred *c, const char *at, wrp_err *err)
{
    char m[96];
    snprintf(m, sizeof m, "%s.meta.vct_values", at);
    const cJSON *vct = wrp_json_get(meta, "vct_values");
    if (vct == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: is required for %s", m, c->format);
    wrp_status st = check_strings(vct, m, err);
    if (st != WRP_OK)
        return st;
    c->types = zalloc(arr_len(vct), sizeof *c->types);
    if (c->types == NULL)
        return wrp_nomem();
    const cJSON *v;
    cJSON_ArrayForEach(v, vct)
    {
        char at_v[112];
        snprintf(at_v, sizeof at_v, "%s[%zu]", m, c->n_types);
        if ((st = check_length(v->valuestring, WRP_MAX_TYPE_BYTES, at_v, err)) != WRP_OK)
            return st;
        if (dup_str(v->valuestring, &c->types[c->n_types]) != WRP_OK)
            return wrp_nomem();
        c->n_types++;
    }
    return drop_repeated_types(c);
}

static wrp_status parse_doctype_value(const cJSON *meta, wrp_dcql_cred *c, const char *at,
                                      wrp_err *err)
{
    const cJSON *dt = wrp_json_get(meta, "doctype_value");
    if (dt == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.meta.doctype_value: is required for mso_mdoc", at);
    if (!cJSON_IsString(dt))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.meta.doctype_value: must be a string", at);
    char m[96];
    snprintf(m, sizeof m, "%s.meta.doctype_value", at);
    wrp_status st = check_length(dt->valuestring, WRP_MAX_TYPE_BYTES, m, err);
    if (st != WRP_OK)
        return st;
    c->types = zalloc(1, sizeof *c->types);
    if (c->types == NULL || dup_str(dt->valuestring, &c->types[0]) != WRP_OK)
        return wrp_nomem();
    c->n_types = 1;
    return WRP_OK;
}

static wrp_status parse_type_values(const cJSON *meta, wrp_dcql_cred *c, const char *at,
                                    wrp_err *err)
{
    char m[96];
    snprintf(m, sizeof m, "%s.meta.type_values", at);
    const cJSON *tv = wrp_json_get(meta, "type_values");
    if (tv == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: is required for %s", m, c->format);
    wrp_status st = check_array(tv, WRP_MAX_DCQL_VALUES, m,
                                "a non-empty array of non-empty arrays of strings", err);
    if (st != WRP_OK)
        return st;
    c->types = zalloc(arr_len(tv), sizeof *c->types);
    if (c->types == NULL)
        return wrp_nomem();
    const cJSON *set;
    size_t k = 0;
    cJSON_ArrayForEach(set, tv)
    {
        char at_set[112];
        snprintf(at_set, sizeof at_set, "%s[%zu]", m, k++);
        st = check_strings(set, at_set, err);
        if (st != WRP_OK)
            return st;
        char *type = wrp_type_set_canonical(set);
        if (type == NULL)
            return wrp_nomem();
        c->types[c->n_types++] = type;
        if (strlen(type) > WRP_MAX_TYPE_BYTES)
            return wrp_fail(err, WRP_ERR_LIMIT, "%s: longer than %u bytes in canonical form",
                            at_set, WRP_MAX_TYPE_BYTES);
    }
    return drop_repeated_types(c);
}

static wrp_status parse_meta(const cJSON *e, wrp_dcql_cred *c, const char *at, wrp_err *err)
{
    const cJSON *meta = wrp_json_get(e, "meta");
    if (meta == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.meta: is required", at);
    if (!cJSON_IsObject(meta))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.meta: must be an object", at);
    /* vc+sd-jwt is the pre-1.0 identifier of SD-JWT VC; it is read like dc+sd-jwt so that its
     * types compare with registered entries the same way (see regset.c). */
    if (strcmp(c->format, "dc+sd-jwt") == 0 || strcmp(c->format, "vc+sd-jwt") == 0)
        return parse_vct_values(meta, c, at, err);
    if (strcmp(c->format, "mso_mdoc") == 0)
        return parse_doctype_value(meta, c, at, err);
    if (strcmp(c->format, "jwt_vc_json") == 0 || strcmp(c->format, "ldp_vc") == 0)
        return parse_type_values(meta, c, at, err);
    return WRP_OK;
}

/* ---- trusted_authorities (6.1.1) -------------------------------------------------------------- */

static wrp_status check_trusted_authorities(const cJSON *ta, const char *at, wrp_err *err)
{
    char m[96];
    snprintf(m, sizeof m, "%s.trusted_authorities", at);
    wrp_status st = check_array(ta, WRP_MAX_DCQL_VALUES, m, "a non-empty array of objects", err);
    if (st != WRP_OK)
        return st;
    size_t k = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, ta)
    {
        if (!cJSON_IsObject(e))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu]: must be an object", m, k);
        const cJSON *type = wrp_json_get(e, "type");
        if (type == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu].type: is required", m, k);
        if (!cJSON_IsString(type))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu].type: must be a string", m, k);
        char at_values[128];
        snprintf(at_values, sizeof at_values, "%s[%zu].values", m, k);
        const cJSON *values = wrp_json_get(e, "values");
        if (values == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s: is required", at_values);
        st = check_strings(values, at_values, err);
        if (st != WRP_OK)
            return st;
        k++;
    }
    return WRP_OK;
}

/* ---- claims (6.3, 7, B.2.4) ------------------------------------------------------------------- */

static wrp_status parse_path(const cJSON *p, bool mdoc, const char *at, wrp_path *out, wrp_err *err)
{
    if (p == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.path: is required", at);
    if (!is_nonempty_array(p))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.path: must be a non-empty array", at);
    size_t n = arr_len(p);
    if (n > WRP_MAX_PATH_LEN)
        return wrp_fail(err, WRP_ERR_LIMIT, "%s.path: more than %u elements", at, WRP_MAX_PATH_LEN);
    if (mdoc && n != 2)
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "%s.path: must be exactly two strings [namespace, element] for mso_mdoc", at);
    size_t j = 0, bytes = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, p)
    {
        int64_t idx;
        if (cJSON_IsString(e) && (bytes += strlen(e->valuestring)) > WRP_MAX_PATH_BYTES)
            return wrp_fail(err, WRP_ERR_LIMIT, "%s.path: its strings hold more than %u bytes", at,
                            WRP_MAX_PATH_BYTES);
        if (mdoc && !cJSON_IsString(e))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.path[%zu]: must be a string for mso_mdoc",
                            at, j);
        if (!cJSON_IsString(e) && !cJSON_IsNull(e) && !wrp_json_int(e, 0, INT64_MAX, &idx))
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "%s.path[%zu]: must be a string, a non-negative integer or null", at, j);
        j++;
    }
    wrp_err perr = {{0}};
    wrp_status st = wrp_path_from_json(p, mdoc, out, &perr);
    if (st != WRP_OK && st != WRP_ERR_NOMEM)
        return wrp_fail(err, st, "%s.path: %s", at, perr.msg);
    return st;
}

/* The position of the first element that is not a string, an integer or a boolean. */
static size_t first_bad_value(const cJSON *v)
{
    size_t j = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        int64_t i;
        if (!cJSON_IsString(e) && !cJSON_IsBool(e) && !wrp_json_int(e, INT64_MIN, INT64_MAX, &i))
            break;
        j++;
    }
    return j;
}

static wrp_status parse_values(const cJSON *v, const char *at, cJSON **out, wrp_err *err)
{
    char m[112];
    snprintf(m, sizeof m, "%s.values", at);
    wrp_status st = check_array(v, WRP_MAX_DCQL_VALUES, m,
                                "a non-empty array of strings, integers or booleans", err);
    if (st != WRP_OK)
        return st;
    /* The same rule as for registered claims, so that both sides hold comparable values. */
    if (!wrp_values_valid(v))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu]: must be a string, an integer or a boolean",
                        m, first_bad_value(v));
    *out = cJSON_Duplicate(v, 1);
    return *out ? WRP_OK : wrp_nomem();
}

static wrp_status parse_claim(const cJSON *cl, bool mdoc, bool ids_required, const char *at,
                              wrp_dcql_claim *out, wrp_err *err)
{
    out->intent_to_retain = -1;
    if (!cJSON_IsObject(cl))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: must be an object", at);
    const cJSON *id = wrp_json_get(cl, "id");
    if (id == NULL && ids_required)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.id: is required when claim_sets is present", at);
    char m[112];
    snprintf(m, sizeof m, "%s.id", at);
    wrp_status st;
    if (id != NULL) {
        if (!id_valid(id))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.id: " ID_RULE, at);
        if ((st = check_length(id->valuestring, WRP_MAX_ID_BYTES, m, err)) != WRP_OK)
            return st;
        if (dup_str(id->valuestring, &out->id) != WRP_OK)
            return wrp_nomem();
    }
    st = parse_path(wrp_json_get(cl, "path"), mdoc, at, &out->path, err);
    if (st != WRP_OK)
        return st;
    const cJSON *values = wrp_json_get(cl, "values");
    if (values != NULL && (st = parse_values(values, at, &out->values, err)) != WRP_OK)
        return st;
    if (mdoc) {
        const cJSON *itr = wrp_json_get(cl, "intent_to_retain");
        if (itr != NULL) {
            if (!cJSON_IsBool(itr))
                return wrp_fail(err, WRP_ERR_MALFORMED, "%s.intent_to_retain: must be a boolean", at);
            out->intent_to_retain = cJSON_IsTrue(itr) ? 1 : 0;
        }
    }
    return WRP_OK;
}

/* 6.3: claim ids unique within the claims array; 6.1: no claim pointed to twice. On success the
 * first *n_ids keys are the claim ids, sorted for look-up. */
static wrp_status check_claims_unique(const wrp_dcql_cred *c, const char *at, key_ref *keys,
                                      size_t *n_ids, wrp_err *err)
{
    size_t n = 0, first = 0, second = 0;
    for (size_t k = 0; k < c->n_claims; k++)
        if (c->claims[k].id != NULL)
            keys[n++] = (key_ref){c->claims[k].id, NULL, k};
    if (sort_find_dup(keys, n, &first, &second))
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "%s.claims[%zu].id: \"%.64s\" is already the id of %s.claims[%zu]", at, second,
                        c->claims[second].id, at, first);
    *n_ids = n;
    key_ref *paths = keys + c->n_claims;
    for (size_t k = 0; k < c->n_claims; k++)
        paths[k] = (key_ref){NULL, &c->claims[k].path, k};
    if (sort_find_dup(paths, c->n_claims, &first, &second))
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "%s.claims[%zu].path: points to the same claim as %s.claims[%zu]", at,
                        second, at, first);
    return WRP_OK;
}

static wrp_status parse_claim_sets(const cJSON *cs, wrp_dcql_cred *c, const char *at,
                                   const key_ref *ids, size_t n_ids, wrp_err *err)
{
    char m[96];
    snprintf(m, sizeof m, "%s.claim_sets", at);
    wrp_status st =
        check_array(cs, WRP_MAX_DCQL_SETS, m, "a non-empty array of non-empty arrays of claim ids", err);
    if (st != WRP_OK)
        return st;
    c->claim_sets = zalloc(arr_len(cs), sizeof *c->claim_sets);
    if (c->claim_sets == NULL)
        return wrp_nomem();
    c->n_claim_sets = arr_len(cs);
    size_t s = 0;
    const cJSON *set;
    cJSON_ArrayForEach(set, cs)
    {
        char at_set[112];
        snprintf(at_set, sizeof at_set, "%s[%zu]", m, s);
        st = parse_refs(set, ids, n_ids, WRP_MAX_DCQL_CLAIMS, at_set, "claim", &c->claim_sets[s],
                        err);
        if (st != WRP_OK)
            return st;
        s++;
    }
    return WRP_OK;
}

static wrp_status parse_claims(const cJSON *e, wrp_dcql_cred *c, const char *at, wrp_err *err)
{
    const cJSON *claims = wrp_json_get(e, "claims");
    const cJSON *claim_sets = wrp_json_get(e, "claim_sets");
    if (claims == NULL) {
        if (claim_sets != NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.claim_sets: must not be present without claims",
                            at);
        return WRP_OK;
    }
    char m[80];
    snprintf(m, sizeof m, "%s.claims", at);
    wrp_status st = check_array(claims, WRP_MAX_DCQL_CLAIMS, m, "a non-empty array of objects", err);
    if (st != WRP_OK)
        return st;
    c->has_claims = true;
    c->claims = zalloc(arr_len(claims), sizeof *c->claims);
    if (c->claims == NULL)
        return wrp_nomem();
    c->n_claims = arr_len(claims);
    bool mdoc = strcmp(c->format, "mso_mdoc") == 0;
    size_t k = 0;
    const cJSON *cl;
    cJSON_ArrayForEach(cl, claims)
    {
        char at_claim[96];
        snprintf(at_claim, sizeof at_claim, "%s[%zu]", m, k);
        st = parse_claim(cl, mdoc, claim_sets != NULL, at_claim, &c->claims[k], err);
        if (st != WRP_OK)
            return st;
        k++;
    }
    key_ref *keys = zalloc(2 * c->n_claims, sizeof *keys);
    if (keys == NULL)
        return wrp_nomem();
    size_t n_ids = 0;
    st = check_claims_unique(c, at, keys, &n_ids, err);
    if (st == WRP_OK && claim_sets != NULL)
        st = parse_claim_sets(claim_sets, c, at, keys, n_ids, err);
    free(keys);
    return st;
}

/* ---- credential queries (6.1) and credential sets (6.2) --------------------------------------- */

static wrp_status parse_cred(const cJSON *e, size_t ci, wrp_dcql_cred *c, wrp_err *err)
{
    char at[40];
    snprintf(at, sizeof at, "credentials[%zu]", ci);
    c->require_cryptographic_holder_binding = true;
    if (!cJSON_IsObject(e))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: must be an object", at);
    const cJSON *id = wrp_json_get(e, "id");
    if (id == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.id: is required", at);
    if (!id_valid(id))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.id: " ID_RULE, at);
    char m[56];
    snprintf(m, sizeof m, "%s.id", at);
    wrp_status st = check_length(id->valuestring, WRP_MAX_ID_BYTES, m, err);
    if (st != WRP_OK)
        return st;
    if (dup_str(id->valuestring, &c->id) != WRP_OK)
        return wrp_nomem();
    const cJSON *format = wrp_json_get(e, "format");
    if (format == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.format: is required", at);
    if (!cJSON_IsString(format) || format->valuestring[0] == '\0')
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.format: must be a non-empty string", at);
    snprintf(m, sizeof m, "%s.format", at);
    if ((st = check_length(format->valuestring, WRP_MAX_ID_BYTES, m, err)) != WRP_OK)
        return st;
    if (dup_str(format->valuestring, &c->format) != WRP_OK)
        return wrp_nomem();
    st = parse_meta(e, c, at, err);
    if (st != WRP_OK)
        return st;
    if ((st = get_bool(e, "multiple", false, &c->multiple, at, err)) != WRP_OK)
        return st;
    st = get_bool(e, "require_cryptographic_holder_binding", true,
                  &c->require_cryptographic_holder_binding, at, err);
    if (st != WRP_OK)
        return st;
    const cJSON *ta = wrp_json_get(e, "trusted_authorities");
    if (ta != NULL) {
        if ((st = check_trusted_authorities(ta, at, err)) != WRP_OK)
            return st;
        c->has_trusted_authorities = true;
    }
    return parse_claims(e, c, at, err);
}

static wrp_status parse_credential_sets(const cJSON *cs, wrp_dcql *q, const key_ref *ids,
                                        wrp_err *err)
{
    wrp_status st = check_array(cs, WRP_MAX_DCQL_SETS, "credential_sets",
                                "a non-empty array of objects", err);
    if (st != WRP_OK)
        return st;
    q->sets = zalloc(arr_len(cs), sizeof *q->sets);
    if (q->sets == NULL)
        return wrp_nomem();
    q->n_sets = arr_len(cs);
    size_t s = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cs)
    {
        wrp_dcql_credset *set = &q->sets[s];
        char at[40];
        snprintf(at, sizeof at, "credential_sets[%zu]", s++);
        if (!cJSON_IsObject(e))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s: must be an object", at);
        const cJSON *options = wrp_json_get(e, "options");
        if (options == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.options: is required", at);
        char m[56];
        snprintf(m, sizeof m, "%s.options", at);
        st = check_array(options, WRP_MAX_DCQL_SETS, m,
                         "a non-empty array of non-empty arrays of credential query ids", err);
        if (st != WRP_OK)
            return st;
        set->options = zalloc(arr_len(options), sizeof *set->options);
        if (set->options == NULL)
            return wrp_nomem();
        set->n_options = arr_len(options);
        size_t o = 0;
        const cJSON *opt;
        cJSON_ArrayForEach(opt, options)
        {
            char at_opt[72];
            snprintf(at_opt, sizeof at_opt, "%s[%zu]", m, o);
            st = parse_refs(opt, ids, q->n_creds, WRP_MAX_DCQL_CREDENTIALS, at_opt,
                            "credential query", &set->options[o], err);
            if (st != WRP_OK)
                return st;
            o++;
        }
        if ((st = get_bool(e, "required", true, &set->required, at, err)) != WRP_OK)
            return st;
    }
    return WRP_OK;
}

static wrp_status parse_query(const cJSON *query, wrp_dcql *q, wrp_err *err)
{
    if (!cJSON_IsObject(query))
        return wrp_fail(err, WRP_ERR_MALFORMED, "query: must be an object");
    const cJSON *creds = wrp_json_get(query, "credentials");
    if (creds == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials: is required");
    wrp_status st = check_array(creds, WRP_MAX_DCQL_CREDENTIALS, "credentials",
                                "a non-empty array of credential queries", err);
    if (st != WRP_OK)
        return st;
    q->creds = zalloc(arr_len(creds), sizeof *q->creds);
    if (q->creds == NULL)
        return wrp_nomem();
    q->n_creds = arr_len(creds);
    size_t ci = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, creds)
    {
        if ((st = parse_cred(e, ci, &q->creds[ci], err)) != WRP_OK)
            return st;
        ci++;
    }
    key_ref *ids = zalloc(q->n_creds, sizeof *ids);
    if (ids == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < q->n_creds; i++)
        ids[i] = (key_ref){q->creds[i].id, NULL, i};
    size_t first = 0, second = 0;
    if (sort_find_dup(ids, q->n_creds, &first, &second)) {
        st = wrp_fail(err, WRP_ERR_MALFORMED,
                      "credentials[%zu].id: \"%.64s\" is already the id of credentials[%zu]", second,
                      q->creds[second].id, first);
    } else {
        const cJSON *sets = wrp_json_get(query, "credential_sets");
        if (sets != NULL)
            st = parse_credential_sets(sets, q, ids, err);
    }
    /* The index stays for wrp_dcql_find (transaction_data names credential queries by id). */
    if (st == WRP_OK && (q->by_id = zalloc(q->n_creds, sizeof *q->by_id)) == NULL)
        st = wrp_nomem();
    for (size_t i = 0; st == WRP_OK && i < q->n_creds; i++)
        q->by_id[i] = ids[i].idx;
    free(ids);
    return st;
}

wrp_status wrp_dcql_parse(const cJSON *query, wrp_dcql *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    memset(out, 0, sizeof *out);
    wrp_status st = parse_query(query, out, err);
    if (st == WRP_ERR_NOMEM)
        wrp_fail(err, st, "out of memory");
    if (st != WRP_OK)
        wrp_dcql_free(out);
    return st;
}
