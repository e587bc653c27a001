#include "util/path.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/limits.h"
#include "util/json_build.h"
#include "util/mem.h"

void wrp_path_free(wrp_path *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->e[i].str);
    free(p->e);
    p->e = NULL;
    p->n = 0;
}

static wrp_status path_alloc(wrp_path *out, size_t n)
{
    out->e = wrp_calloc(n ? n : 1, sizeof *out->e);
    out->n = 0;
    return out->e ? WRP_OK : wrp_nomem();
}

wrp_status wrp_path_from_json(const cJSON *arr, bool mdoc, wrp_path *out, wrp_err *err)
{
    memset(out, 0, sizeof *out);
    if (!cJSON_IsArray(arr))
        return wrp_fail(err, WRP_ERR_MALFORMED, "path is not an array");
    size_t n = (size_t)cJSON_GetArraySize(arr);
    if (n == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "path is empty");
    if (n > WRP_MAX_PATH_LEN)
        return wrp_fail(err, WRP_ERR_LIMIT, "path has more than %u elements", WRP_MAX_PATH_LEN);
    if (mdoc && n != 2)
        return wrp_fail(err, WRP_ERR_MALFORMED, "mso_mdoc path must be exactly [namespace, element]");
    if (path_alloc(out, n) != WRP_OK)
        return wrp_nomem();
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        wrp_path_elem *e = &out->e[out->n];
        if (cJSON_IsString(it)) {
            e->kind = WRP_PATH_STR;
            e->str = wrp_strdup(it->valuestring);
            if (e->str == NULL) {
                wrp_path_free(out);
                return wrp_nomem();
            }
        } else if (!mdoc && cJSON_IsNull(it)) {
            e->kind = WRP_PATH_NULL;
        } else if (!mdoc && cJSON_IsNumber(it) && wrp_json_int(it, 0, INT64_MAX, &e->idx)) {
            e->kind = WRP_PATH_INT;
        } else {
            size_t pos = out->n;
            wrp_path_free(out);
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            mdoc ? "path element %zu is not a string"
                                 : "path element %zu is not a string, a non-negative integer or null",
                            pos);
        }
        out->n++;
    }
    return WRP_OK;
}

wrp_status wrp_path_from_strs(const char *const *strs, size_t n, wrp_path *out)
{
    if (path_alloc(out, n) != WRP_OK)
        return wrp_nomem();
    for (size_t i = 0; i < n; i++) {
        out->e[i].kind = WRP_PATH_STR;
        out->e[i].str = wrp_strdup(strs[i]);
        if (out->e[i].str == NULL) {
            wrp_path_free(out);
            return wrp_nomem();
        }
        out->n++;
    }
    return WRP_OK;
}

wrp_status wrp_path_copy(const wrp_path *src, wrp_path *dst)
{
    if (path_alloc(dst, src->n) != WRP_OK)
        return wrp_nomem();
    for (size_t i = 0; i < src->n; i++) {
        dst->e[i] = src->e[i];
        if (src->e[i].kind == WRP_PATH_STR) {
            dst->e[i].str = wrp_strdup(src->e[i].str);
            if (dst->e[i].str == NULL) {
                wrp_path_free(dst);
                return wrp_nomem();
            }
        }
        dst->n++;
    }
    return WRP_OK;
}

static bool elem_equal(const wrp_path_elem *a, const wrp_path_elem *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case WRP_PATH_STR:
        return strcmp(a->str, b->str) == 0;
    case WRP_PATH_INT:
        return a->idx == b->idx;
    case WRP_PATH_NULL:
        return true;
    }
    return false;
}

bool wrp_path_equal(const wrp_path *a, const wrp_path *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!elem_equal(&a->e[i], &b->e[i]))
            return false;
    return true;
}

bool wrp_path_covers(const wrp_path *r, const wrp_path *p)
{
    if (r->n > p->n)
        return false;
    for (size_t i = 0; i < r->n; i++) {
        if (elem_equal(&r->e[i], &p->e[i]))
            continue;
        if (r->e[i].kind == WRP_PATH_NULL && p->e[i].kind == WRP_PATH_INT)
            continue;
        return false;
    }
    return true;
}

int wrp_path_cmp(const wrp_path *a, const wrp_path *b)
{
    size_t n = a->n < b->n ? a->n : b->n;
    for (size_t i = 0; i < n; i++) {
        const wrp_path_elem *x = &a->e[i], *y = &b->e[i];
        if (x->kind != y->kind)
            return x->kind < y->kind ? -1 : 1;
        if (x->kind == WRP_PATH_STR) {
            int c = strcmp(x->str, y->str);
            if (c != 0)
                return c < 0 ? -1 : 1;
        } else if (x->kind == WRP_PATH_INT && x->idx != y->idx) {
            return x->idx < y->idx ? -1 : 1;
        }
    }
    return a->n == b->n ? 0 : (a->n < b->n ? -1 : 1);
}

cJSON *wrp_path_to_json(const wrp_path *p)
{
    cJSON *arr = cJSON_CreateArray();
    if (arr == NULL)
        return NULL;
    for (size_t i = 0; i < p->n; i++) {
        cJSON *e = NULL;
        switch (p->e[i].kind) {
        case WRP_PATH_STR:
            e = cJSON_CreateString(p->e[i].str);
            break;
        case WRP_PATH_INT:
            e = cJSON_CreateNumber((double)p->e[i].idx);
            break;
        case WRP_PATH_NULL:
            e = cJSON_CreateNull();
            break;
        }
        if (e == NULL || !cJSON_AddItemToArray(arr, e)) {
            cJSON_Delete(e);
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}
