#include "model/regset.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/json_build.h"
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

static wrp_status add_type(wrp_reg_cred *c, char *t)
{
    if (t == NULL)
        return wrp_nomem();
    char **v = wrp_realloc(c->types, (c->n_types + 1) * sizeof *v);
    if (v == NULL) {
        free(t);
        return wrp_nomem();
    }
    c->types = v;
    c->types[c->n_types++] = t;
    return WRP_OK;
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
            return add_type(c, wrp_strdup(one));
        }
        if (!cJSON_IsArray(vct) || vct->child == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "credentials[%zu].meta.vct_values is not a non-empty array", idx);
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
        if (add_type(c, wrp_strdup(dt)) != WRP_OK)
            return wrp_nomem();
    } else if (strcmp(c->format, "jwt_vc_json") == 0 || strcmp(c->format, "ldp_vc") == 0) {
        const cJSON *tv = wrp_json_get(meta, "type_values");
        if (!cJSON_IsArray(tv) || tv->child == NULL)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "credentials[%zu].meta.type_values is not a non-empty array", idx);
        cJSON_ArrayForEach(v, tv)
        {
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

static wrp_status parse_cred(const cJSON *e, wrp_regset_mode mode, wrp_reg_cred *c, size_t idx,
                             wrp_err *err)
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
    if (claim == NULL && claims == NULL) {
        c->all_claims = true;
        return WRP_OK;
    }
    return parse_claims(claim ? claim : claims, mode, c, idx, err);
}

wrp_status wrp_regset_from_json(const cJSON *arr, wrp_regset_mode mode, wrp_regset *out, wrp_err *err)
{
    memset(out, 0, sizeof *out);
    if (!cJSON_IsArray(arr))
        return wrp_fail(err, WRP_ERR_MALFORMED, "credentials is not an array");
    size_t n = (size_t)cJSON_GetArraySize(arr);
    out->v = wrp_calloc(n ? n : 1, sizeof *out->v);
    if (out->v == NULL)
        return wrp_nomem();
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        wrp_status st = parse_cred(e, mode, &out->v[out->n], out->n, err);
        out->n++;
        if (st != WRP_OK) {
            wrp_regset_free(out);
            return st;
        }
    }
    return WRP_OK;
}
