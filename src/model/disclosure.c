/* Embedded disclosure policy documents (SPEC.md, "Embedded disclosure policies"). */
#include "model/disclosure.h"

#include <stdlib.h>
#include <string.h>

#include "model/regset.h"
#include "util/b64.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"

static const char *const kind_names[] = {"authorized_relying_parties", "root_of_trust", "entitlement"};
/* The list each kind reads, in the order of wrp_dp_kind. */
static const char *const kind_lists[] = {"relying_parties", "roots", "entitlements"};
static const char *const members[] = {"format", "type", "policy", "relying_parties", "roots", "entitlements"};

const char *wrp_dp_kind_str(wrp_dp_kind kind)
{
    return kind >= WRP_DP_AUTHORIZED_RELYING_PARTIES && kind <= WRP_DP_ENTITLEMENT ? kind_names[kind - 1]
                                                                                  : "unknown";
}

bool wrp_dp_sdjwt_format(const char *format)
{
    return strcmp(format, "dc+sd-jwt") == 0 || strcmp(format, "vc+sd-jwt") == 0;
}

static bool vc_format(const char *format)
{
    return strcmp(format, "jwt_vc_json") == 0 || strcmp(format, "ldp_vc") == 0;
}

void wrp_dpolicy_free(wrp_dpolicy *p)
{
    if (p == NULL)
        return;
    free(p->format);
    free(p->type);
    for (size_t i = 0; i < p->n_type_set; i++)
        free(p->type_set[i]);
    free(p->type_set);
    for (size_t i = 0; i < p->n_names; i++)
        free(p->names[i]);
    free(p->names);
    free(p->roots);
    memset(p, 0, sizeof *p);
}

/* A list member: absent (n 0), or an array of at most WRP_MAX_POLICY_LIST non-empty strings. */
static wrp_status list_member(const cJSON *obj, const char *name, const cJSON **out, size_t *n,
                              wrp_err *err)
{
    *out = wrp_json_get(obj, name);
    *n = 0;
    if (*out == NULL)
        return WRP_OK;
    if (!cJSON_IsArray(*out))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: not an array", name);
    const cJSON *v;
    cJSON_ArrayForEach(v, *out)
    {
        if (!cJSON_IsString(v) || v->valuestring[0] == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s[%zu]: not a non-empty string", name, *n);
        if (++*n > WRP_MAX_POLICY_LIST)
            return wrp_fail(err, WRP_ERR_LIMIT, "%s: more than %u entries", name, WRP_MAX_POLICY_LIST);
    }
    return WRP_OK;
}

static wrp_status copy_strs(const cJSON *arr, size_t n, char ***out, size_t *out_n)
{
    *out = wrp_calloc(n, sizeof **out);
    if (*out == NULL)
        return wrp_nomem();
    const cJSON *v;
    cJSON_ArrayForEach(v, arr)
    {
        if (((*out)[*out_n] = wrp_strdup(v->valuestring)) == NULL)
            return wrp_nomem();
        ++*out_n;
    }
    return WRP_OK;
}

/* A root is the unpadded base64url of a SHA-256 digest: exactly 32 bytes, strictly encoded. */
static wrp_status decode_roots(const cJSON *arr, size_t n, wrp_dpolicy *p, wrp_err *err)
{
    if ((p->roots = wrp_calloc(n, sizeof *p->roots)) == NULL)
        return wrp_nomem();
    const cJSON *v;
    cJSON_ArrayForEach(v, arr)
    {
        uint8_t *raw = NULL;
        size_t len = 0;
        const char *s = v->valuestring;
        wrp_status st = wrp_b64url_decode((const uint8_t *)s, strlen(s), &raw, &len, NULL);
        if (st == WRP_OK && len == sizeof p->roots[0])
            memcpy(p->roots[p->n_roots], raw, len);
        free(raw);
        if (st == WRP_ERR_NOMEM)
            return st;
        if (st != WRP_OK || len != sizeof p->roots[0])
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "roots[%zu]: not the base64url (unpadded) of a 32-byte SHA-256 digest",
                            p->n_roots);
        p->n_roots++;
    }
    return WRP_OK;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* jwt_vc_json / ldp_vc: the credential's type values, a string or a non-empty array of them. */
static wrp_status read_type_set(const cJSON *type, wrp_dpolicy *p, wrp_err *err)
{
    if (cJSON_IsString(type)) {
        if ((p->type_set = wrp_calloc(1, sizeof *p->type_set)) == NULL ||
            (p->type_set[0] = wrp_strdup(type->valuestring)) == NULL)
            return wrp_nomem();
        p->n_type_set = 1;
        return (p->type = wrp_strdup(type->valuestring)) != NULL ? WRP_OK : wrp_nomem();
    }
    size_t n = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, type)
    {
        if (!cJSON_IsString(v) || v->valuestring[0] == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED, "type[%zu]: not a non-empty string", n);
        if (++n > WRP_MAX_POLICY_LIST)
            return wrp_fail(err, WRP_ERR_LIMIT, "type: more than %u entries", WRP_MAX_POLICY_LIST);
    }
    if (n == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "type: an empty array");
    wrp_status st = copy_strs(type, n, &p->type_set, &p->n_type_set);
    if (st != WRP_OK)
        return st;
    qsort(p->type_set, n, sizeof *p->type_set, str_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && strcmp(p->type_set[k - 1], p->type_set[i]) == 0)
            free(p->type_set[i]);
        else
            p->type_set[k++] = p->type_set[i];
    }
    p->n_type_set = k;
    return (p->type = wrp_type_set_canonical(type)) != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status read_target(const cJSON *obj, wrp_dpolicy *p, wrp_err *err)
{
    const char *format = wrp_json_get_str(obj, "format");
    if (format == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "format: absent or not a string");
    bool vc = vc_format(format);
    if (!vc && !wrp_dp_sdjwt_format(format) && strcmp(format, "mso_mdoc") != 0)
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "format: not dc+sd-jwt, vc+sd-jwt, mso_mdoc, jwt_vc_json or ldp_vc");
    if ((p->format = wrp_strdup(format)) == NULL)
        return wrp_nomem();
    const cJSON *type = wrp_json_get(obj, "type");
    if (vc && cJSON_IsArray(type))
        return read_type_set(type, p, err);
    if (!cJSON_IsString(type) || type->valuestring[0] == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "type: absent or not a non-empty string%s",
                        vc ? " or array of strings" : "");
    if (vc)
        return read_type_set(type, p, err);
    return (p->type = wrp_strdup(type->valuestring)) != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status read_policy(const cJSON *obj, wrp_dpolicy *p, wrp_err *err)
{
    for (const cJSON *m = obj->child; m != NULL; m = m->next) {
        size_t k = 0;
        while (k < sizeof members / sizeof members[0] && strcmp(m->string, members[k]) != 0)
            k++;
        if (k == sizeof members / sizeof members[0])
            return wrp_fail(err, WRP_ERR_MALFORMED, "member %s is not one of a disclosure policy",
                            m->string);
    }
    wrp_status st = read_target(obj, p, err);
    if (st != WRP_OK)
        return st;
    const char *policy = wrp_json_get_str(obj, "policy");
    for (size_t k = 0; policy != NULL && k < sizeof kind_names / sizeof kind_names[0]; k++)
        if (strcmp(policy, kind_names[k]) == 0)
            p->kind = (wrp_dp_kind)(k + 1);
    if (p->kind == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED,
                        "policy: not authorized_relying_parties, root_of_trust or entitlement");
    const cJSON *lists[3];
    size_t counts[3];
    for (size_t k = 0; k < 3; k++)
        if ((st = list_member(obj, kind_lists[k], &lists[k], &counts[k], err)) != WRP_OK)
            return st;
    size_t own = (size_t)p->kind - 1;
    if (counts[own] == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: the policy %s needs a non-empty list",
                        kind_lists[own], kind_names[own]);
    if (counts[1] > 0) {
        wrp_dpolicy roots = {0};
        st = decode_roots(lists[1], counts[1], &roots, err);
        if (st == WRP_OK && p->kind == WRP_DP_ROOT_OF_TRUST) {
            p->roots = roots.roots;
            p->n_roots = roots.n_roots;
        } else {
            free(roots.roots);
        }
        if (st != WRP_OK)
            return st;
    }
    if (p->kind == WRP_DP_ROOT_OF_TRUST)
        return WRP_OK;
    return copy_strs(lists[own], counts[own], &p->names, &p->n_names);
}

wrp_status wrp_dpolicy_parse(const uint8_t *in, size_t len, wrp_dpolicy *out, wrp_err *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = NULL;
    wrp_status st = wrp_json_parse(in, len, &root, err);
    if (st == WRP_OK && !cJSON_IsObject(root))
        st = wrp_fail(err, WRP_ERR_MALFORMED, "not a JSON object");
    if (st == WRP_OK)
        st = read_policy(root, out, err);
    cJSON_Delete(root);
    if (st != WRP_OK)
        wrp_dpolicy_free(out);
    return st;
}
