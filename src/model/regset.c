#include "model/regset.h"

#include <stdlib.h>
#include <string.h>

#include "model/regindex.h"
#include "util/json.h"
#include "util/json_build.h"
#include "util/limits.h"
#include "util/mem.h"

static void cred_free(wrp_reg_cred *c)
{
    free(c->format);
    for (size_t i = 0; i < c->n_types; i++)
        free(c->types[i]);
    free(c->types);
    for (size_t i = 0; i < c->n_claims; i++) {
        wrp_path_free(&c->claims[i].path);
        cJSON_Delete(c->claims[i].values);
    }
    free(c->claims);
}

void wrp_regset_free(wrp_regset *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n; i++)
        cred_free(&s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

bool wrp_values_valid(const cJSON *values)
{
    if (!cJSON_IsArray(values) || values->child == NULL)
        return false;
    const cJSON *v;
    cJSON_ArrayForEach(v, values)
    {
        int64_t i;
        if (cJSON_IsString(v) || cJSON_IsBool(v))
            continue;
        if (cJSON_IsNumber(v) && wrp_json_int(v, INT64_MIN, INT64_MAX, &i))
            continue;
        return false;
    }
    return true;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *wrp_type_set_canonical(const cJSON *arr)
{
    if (!cJSON_IsArray(arr) || arr->child == NULL)
        return NULL;
    size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
    const char **s = wrp_malloc(n * sizeof *s);
    if (s == NULL)
        return NULL; /* noted by wrp_malloc: its callers read NULL as a malformed entry */
    const cJSON *v;
    cJSON_ArrayForEach(v, arr)
    {
        if (!cJSON_IsString(v)) {
            free(s);
            return NULL;
        }
        s[k++] = v->valuestring;
    }
    qsort(s, n, sizeof *s, str_cmp);
    cJSON *out = cJSON_CreateArray();
    for (k = 0; out != NULL && k < n; k++) {
        if (k > 0 && strcmp(s[k - 1], s[k]) == 0)
            continue;
        cJSON *str = cJSON_CreateString(s[k]);
        if (str == NULL || !cJSON_AddItemToArray(out, str)) {
            cJSON_Delete(str);
            cJSON_Delete(out);
            out = NULL;
        }
    }
    free(s);
    char *text = out ? cJSON_PrintUnformatted(out) : NULL;
    cJSON_Delete(out);
    return text;
}

/* Room for n types, allocated once. */
static wrp_status alloc_types(wrp_reg_cred *c, size_t n)
{
    c->types = wrp_calloc(n, sizeof *c->types);
    return c->types != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status add_type(wrp_reg_cred *c, char *t)
{
    if (t == NULL)
        return wrp_nomem();
    c->types[c->n_types++] = t;
    return WRP_OK;
}

/* Each type once, sorted (rule 2 compares types as a set; an entry's items count each once). */
static void unique_types(wrp_reg_cred *c)
{
    if (c->n_types < 2)
        return;
    qsort(c->types, c->n_types, sizeof *c->types, str_cmp);
    size_t k = 1;
    for (size_t i = 1; i < c->n_types; i++) {
        if (strcmp(c->types[k - 1], c->types[i]) == 0)
            free(c->types[i]);
        else
            c->types[k++] = c->types[i];
    }
    c->n_types = k;
}

/* An array of at most max elements; its length in *n. */
static bool within(const cJSON *arr, size_t max, size_t *n)
{
    *n = (size_t)cJSON_GetArraySize(arr);
    return *n <= max;
}

static wrp_status parse_types(const cJSON *meta, wrp_regset_mode mode, wrp_reg_cred *c, size_t idx,
                              wrp_err *err)
{
    const cJSON *v;
    if (strcmp(c->format, "dc+sd-jwt") == 0 || strcmp(c->format, "vc+sd-jwt") == 0) {
        const cJSON *vct = wrp_json_get(meta, "vct_values");
        if (mode == WRP_REGSET_REGISTER && wrp_json_get(meta, "vct") != NULL) {
            /* Register entries seen in the wild name one type as meta.vct (a string). */
            const char *one = wrp_json_get_str(meta, "vct");
            if (vct != NULL)
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "credentials[%zu].meta has both vct and vct_values", idx);
            if (one == NULL)
                return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu].meta.vct is not a string",
                                idx);
            if (alloc_types(c, 1) != WRP_OK)
                return wrp_nomem();
            return add_type(c, wrp_strdup(one));
        }
        if (!cJSON_IsArray(vct) || vct->child == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "credentials[%zu].meta.vct_values is not a non-empty array", idx);
        size_t n;
        if (!within(vct, WRP_MAX_DCQL_VALUES, &n))
            return wrp_fail(err, WRP_ERR_LIMIT, "credentials[%zu].meta.vct_values has more than %u "
                            "elements", idx, WRP_MAX_DCQL_VALUES);
        if (alloc_types(c, n) != WRP_OK)
            return wrp_nomem();
        cJSON_ArrayForEach(v, vct)
        {
            if (!cJSON_IsString(v))
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "credentials[%zu].meta.vct_values holds a non-string", idx);
            if (add_type(c, wrp_strdup(v->valuestring)) != WRP_OK)
                return wrp_nomem();
        }
    } else if (strcmp(c->format, "mso_mdoc") == 0) {
        const char *dt = wrp_json_get_str(meta, "doctype_value");
        if (dt == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "credentials[%zu].meta.doctype_value is not a string", idx);
        if (alloc_types(c, 1) != WRP_OK || add_type(c, wrp_strdup(dt)) != WRP_OK)
            return wrp_nomem();
    } else if (strcmp(c->format, "jwt_vc_json") == 0 || strcmp(c->format, "ldp_vc") == 0) {
        const cJSON *tv = wrp_json_get(meta, "type_values");
        if (!cJSON_IsArray(tv) || tv->child == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "credentials[%zu].meta.type_values is not a non-empty array", idx);
        size_t n, m;
        if (!within(tv, WRP_MAX_DCQL_VALUES, &n))
            return wrp_fail(err, WRP_ERR_LIMIT, "credentials[%zu].meta.type_values has more than %u "
                            "elements", idx, WRP_MAX_DCQL_VALUES);
        if (alloc_types(c, n) != WRP_OK)
            return wrp_nomem();
        cJSON_ArrayForEach(v, tv)
        {
            if (cJSON_IsArray(v) && !within(v, WRP_MAX_DCQL_VALUES, &m))
                return wrp_fail(err, WRP_ERR_LIMIT, "credentials[%zu].meta.type_values holds a set of "
                                "more than %u types", idx, WRP_MAX_DCQL_VALUES);
            char *canon = wrp_type_set_canonical(v);
            if (canon == NULL)
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "credentials[%zu].meta.type_values holds an entry that is not a "
                                "non-empty array of strings",
                                idx);
            if (add_type(c, canon) != WRP_OK)
                return wrp_nomem();
        }
    }
    unique_types(c);
    return WRP_OK;
}

/*
 * The TS5 schema and OpenAPI type Claim.path as a string while describing an array. In a register
 * a string path is read as the JSON text of the array when it is one ("[\"a\",0]"), and otherwise
 * as a path of that single key: both readings register no more than the string names.
 */
static wrp_status register_path(const cJSON *path, bool mdoc, wrp_path *out, wrp_err *err)
{
    const char *s = path->valuestring;
    cJSON *parsed = NULL;
    wrp_status st = s[0] == '[' ? wrp_json_parse((const uint8_t *)s, strlen(s), &parsed, NULL)
                                : WRP_ERR_MALFORMED;
    if (st == WRP_ERR_NOMEM)
        return st;
    if (st == WRP_OK && cJSON_IsArray(parsed)) {
        st = wrp_path_from_json(parsed, mdoc, out, err);
        cJSON_Delete(parsed);
        return st;
    }
    cJSON_Delete(parsed);
    if (mdoc)
        return wrp_fail(err, WRP_ERR_MALFORMED, "an mso_mdoc path must be [namespace, element]");
    return wrp_path_from_strs(&s, 1, out);
}

static wrp_status parse_claims(const cJSON *list, wrp_regset_mode mode, wrp_reg_cred *c, size_t idx,
                               wrp_err *err)
{
    if (!cJSON_IsArray(list))
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu].claim is not an array", idx);
    size_t n = (size_t)cJSON_GetArraySize(list);
    c->claims = wrp_calloc(n ? n : 1, sizeof *c->claims);
    if (c->claims == NULL)
        return wrp_nomem();
    bool mdoc = strcmp(c->format, "mso_mdoc") == 0;
    const cJSON *cl;
    cJSON_ArrayForEach(cl, list)
    {
        size_t k = c->n_claims;
        if (!cJSON_IsObject(cl))
            return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu].claim[%zu] is not an object",
                            idx, k);
        wrp_err perr = {{0}};
        const cJSON *path = wrp_json_get(cl, "path");
        wrp_status st = mode == WRP_REGSET_REGISTER && cJSON_IsString(path)
                            ? register_path(path, mdoc, &c->claims[k].path, &perr)
                            : wrp_path_from_json(path, mdoc, &c->claims[k].path, &perr);
        if (st != WRP_OK)
            return wrp_fail(err, st, "credentials[%zu].claim[%zu].path: %s", idx, k, perr.msg);
        c->n_claims++;
        const cJSON *values = wrp_json_get(cl, "values");
        size_t nv;
        if (values != NULL && cJSON_IsArray(values) && !within(values, WRP_MAX_DCQL_VALUES, &nv))
            return wrp_fail(err, WRP_ERR_LIMIT, "credentials[%zu].claim[%zu].values has more than %u "
                            "elements", idx, k, WRP_MAX_DCQL_VALUES);
        if (values != NULL) {
            if (!wrp_values_valid(values))
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "credentials[%zu].claim[%zu].values is not a non-empty array of "
                                "strings, integers or booleans",
                                idx, k);
            c->claims[k].values = cJSON_Duplicate(values, 1);
            if (c->claims[k].values == NULL)
                return wrp_nomem();
        }
    }
    return WRP_OK;
}

/* Adds an entry's items (max(1, types) x max(1, claims)) to *items; beyond the limit the set is
 * refused before its claims are read. */
static wrp_status count_items(const wrp_reg_cred *c, size_t n_claims, size_t idx, size_t *items,
                              wrp_err *err)
{
    /* At most WRP_MAX_DCQL_VALUES x WRP_MAX_DCQL_CLAIMS each (2^20): no overflow. */
    *items += (c->n_types ? c->n_types : 1) * (n_claims ? n_claims : 1);
    if (*items > WRP_MAX_REGISTERED_ITEMS)
        return wrp_fail(err, WRP_ERR_LIMIT,
                        "credentials register more than %u items (each entry's types times its "
                        "claims) by credentials[%zu]",
                        WRP_MAX_REGISTERED_ITEMS, idx);
    return WRP_OK;
}

static wrp_status parse_cred(const cJSON *e, wrp_regset_mode mode, wrp_reg_cred *c, size_t idx,
                             size_t *items, wrp_err *err)
{
    if (!cJSON_IsObject(e))
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu] is not an object", idx);
    const char *format = wrp_json_get_str(e, "format");
    if (format == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu].format is not a string", idx);
    c->format = wrp_strdup(format);
    if (c->format == NULL)
        return wrp_nomem();
    const cJSON *meta = wrp_json_get(e, "meta");
    cJSON *parsed_meta = NULL;
    if (mode == WRP_REGSET_REGISTER && cJSON_IsString(meta)) {
        wrp_err jerr = {{0}};
        const char *s = meta->valuestring;
        if (wrp_json_parse((const uint8_t *)s, strlen(s), &parsed_meta, &jerr) != WRP_OK)
            return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu].meta string: %s", idx, jerr.msg);
        meta = parsed_meta;
    }
    if (!cJSON_IsObject(meta)) {
        cJSON_Delete(parsed_meta);
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu].meta is not an object", idx);
    }
    wrp_status st = parse_types(meta, mode, c, idx, err);
    cJSON_Delete(parsed_meta);
    if (st != WRP_OK)
        return st;
    const cJSON *claim = wrp_json_get(e, "claim"), *claims = wrp_json_get(e, "claims");
    if (claim != NULL && claims != NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials[%zu] has both claim and claims", idx);
    const cJSON *list = claim ? claim : claims;
    size_t n = 0;
    if (list != NULL && cJSON_IsArray(list) && !within(list, WRP_MAX_DCQL_CLAIMS, &n))
        return wrp_fail(err, WRP_ERR_LIMIT, "credentials[%zu].claim has more than %u elements", idx,
                        WRP_MAX_DCQL_CLAIMS);
    if ((st = count_items(c, n, idx, items, err)) != WRP_OK)
        return st;
    if (list == NULL) {
        c->all_claims = true;
        return WRP_OK;
    }
    return parse_claims(list, mode, c, idx, err);
}

wrp_status wrp_regset_from_json(const cJSON *arr, wrp_regset_mode mode, wrp_regset *out, wrp_err *err)
{
    memset(out, 0, sizeof *out);
    if (!cJSON_IsArray(arr))
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials is not an array");
    size_t n, items = 0;
    if (!within(arr, WRP_MAX_REGISTERED_ITEMS, &n)) /* each entry is one item at least */
        return wrp_fail(err, WRP_ERR_LIMIT, "credentials has more than %u entries",
                        WRP_MAX_REGISTERED_ITEMS);
    out->v = wrp_calloc(n ? n : 1, sizeof *out->v);
    if (out->v == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        wrp_status st = parse_cred(e, mode, &out->v[out->n], out->n, &items, err);
        out->n++;
        if (st != WRP_OK) {
            wrp_regset_free(out);
            return st;
        }
    }
    /* The matching automaton (coverage rule 4) within WRP_REGISTERED_MATCH_GROWTH. */
    wrp_err ierr = {{0}};
    wrp_status st = wrp_regindex_check(out, &out->work, &ierr);
    if (st != WRP_OK) {
        wrp_regset_free(out); /* keeps the work */
        return st == WRP_ERR_NOMEM ? st : wrp_fail(err, st, "credentials: %s", ierr.msg);
    }
    return WRP_OK;
}
