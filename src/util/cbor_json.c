#include "util/cbor_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/b64.h"
#include "util/cbor.h"
#include "util/json.h"
#include "util/json_build.h"
#include "util/mem.h"

#define MAX_SAFE_INT 9007199254740992.0

static wrp_status value(const cbor_item_t *it, bool bstr_ok, cJSON **out, wrp_err *err);

/* The renamed labels a map may use: a name is taken at most once, whether by a text key or by
 * a label renamed to it. */
#define MAX_KEYS 64u

/* The first entry of keys with the name s, or n_keys when none has it. */
static size_t key_named(const wrp_cbor_json_key *keys, size_t n_keys, const char *s)
{
    for (size_t k = 0; k < n_keys; k++)
        if (strcmp(keys[k].name, s) == 0)
            return k;
    return n_keys;
}

/*
 * Text keys are distinct already: the CBOR layer refuses a map that repeats one, and a key that
 * holds a NUL byte is refused here, so distinct keys are distinct C strings. Names can clash only
 * through the renamed labels: a text key spelling a name that a label is renamed to, or two labels
 * renamed to the same name. Each of the (at most MAX_KEYS) names in keys is marked when taken,
 * so a map of n keys costs n times the few names of keys, never n^2.
 */
static wrp_status map(const cbor_item_t *m, const wrp_cbor_json_key *keys, size_t n_keys,
                      bool bstr_ok, cJSON **out, wrp_err *err)
{
    if (n_keys > MAX_KEYS)
        return wrp_fail(err, WRP_ERR_ARG, "more than %u renamed labels", MAX_KEYS);
    bool taken[MAX_KEYS] = {false};
    cJSON *obj = cJSON_CreateObject();
    if (obj == NULL)
        return wrp_nomem();
    size_t n = cbor_map_size(m);
    struct cbor_pair *pairs = cbor_map_handle(m);
    for (size_t i = 0; i < n; i++) {
        char *name = NULL;
        int64_t label;
        size_t named = n_keys; /* the entry of keys whose name this key takes, if any */
        if (cbor_isa_string(pairs[i].key)) {
            wrp_status st = wrp_cbor_tstr_dup(pairs[i].key, &name);
            if (st != WRP_OK) {
                cJSON_Delete(obj);
                return st == WRP_ERR_NOMEM
                           ? st
                           : wrp_fail(err, WRP_ERR_MALFORMED, "CBOR map key is not a plain text string");
            }
            named = key_named(keys, n_keys, name);
        } else if (wrp_cbor_int(pairs[i].key, &label)) {
            const char *known = NULL;
            for (size_t k = 0; k < n_keys; k++)
                if (keys[k].label == label)
                    known = keys[k].name;
            if (known == NULL)
                continue; /* a claim this library does not read */
            if ((name = wrp_strdup(known)) == NULL) {
                cJSON_Delete(obj);
                return wrp_fail(err, WRP_ERR_NOMEM, "out of memory");
            }
            named = key_named(keys, n_keys, name);
        } else {
            cJSON_Delete(obj);
            return wrp_fail(err, WRP_ERR_MALFORMED, "CBOR map key is neither text nor integer");
        }
        if (named < n_keys) {
            if (taken[named]) {
                wrp_status st = wrp_fail(err, WRP_ERR_MALFORMED, "claim \"%.64s\" appears twice", name);
                free(name);
                cJSON_Delete(obj);
                return st;
            }
            taken[named] = true;
        }
        cJSON *v = NULL;
        wrp_status st = value(pairs[i].value, bstr_ok, &v, err);
        if (st == WRP_OK && !cJSON_AddItemToObject(obj, name, v)) {
            cJSON_Delete(v);
            st = wrp_nomem();
        }
        free(name);
        if (st != WRP_OK) {
            cJSON_Delete(obj);
            return st;
        }
    }
    *out = obj;
    return WRP_OK;
}

static wrp_status value(const cbor_item_t *it, bool bstr_ok, cJSON **out, wrp_err *err)
{
    *out = NULL;
    int64_t i;
    const uint8_t *p;
    size_t n;
    switch (cbor_typeof(it)) {
    case CBOR_TYPE_UINT:
    case CBOR_TYPE_NEGINT:
        if (!wrp_cbor_int(it, &i) || fabs((double)i) > MAX_SAFE_INT)
            return wrp_fail(err, WRP_ERR_MALFORMED, "CBOR integer beyond 2^53");
        *out = cJSON_CreateNumber((double)i);
        break;
    case CBOR_TYPE_STRING: {
        char *s = NULL;
        wrp_status st = wrp_cbor_tstr_dup(it, &s);
        if (st != WRP_OK)
            return st == WRP_ERR_NOMEM ? st
                                       : wrp_fail(err, st, "CBOR text string with NUL or indefinite length");
        *out = cJSON_CreateString(s);
        free(s);
        break;
    }
    case CBOR_TYPE_BYTESTRING:
        if (!bstr_ok || !wrp_cbor_bstr(it, &p, &n))
            return wrp_fail(err, WRP_ERR_MALFORMED, "CBOR byte string where a JSON value is expected");
        {
            char *s = NULL;
            if (wrp_b64url_encode(p, n, &s) != WRP_OK)
                return wrp_nomem();
            *out = cJSON_CreateString(s);
            free(s);
        }
        break;
    case CBOR_TYPE_ARRAY: {
        cJSON *arr = cJSON_CreateArray();
        if (arr == NULL)
            return wrp_nomem();
        size_t len = cbor_array_size(it);
        cbor_item_t **h = cbor_array_handle(it);
        for (size_t k = 0; k < len; k++) {
            cJSON *v = NULL;
            wrp_status st = value(h[k], bstr_ok, &v, err);
            if (st == WRP_OK && !cJSON_AddItemToArray(arr, v)) {
                cJSON_Delete(v);
                st = wrp_nomem();
            }
            if (st != WRP_OK) {
                cJSON_Delete(arr);
                return st;
            }
        }
        *out = arr;
        return WRP_OK;
    }
    case CBOR_TYPE_MAP:
        return map(it, NULL, 0, bstr_ok, out, err);
    case CBOR_TYPE_TAG:
        if (cbor_tag_value(it) == 1) {
            cbor_item_t *inner = cbor_tag_item(it);
            wrp_status st = WRP_ERR_MALFORMED;
            if (cbor_isa_uint(inner) || cbor_isa_negint(inner) || cbor_isa_float_ctrl(inner))
                st = value(inner, bstr_ok, out, err);
            else
                wrp_fail(err, st, "tag 1 around a non-number");
            cbor_decref(&inner);
            return st;
        }
        return wrp_fail(err, WRP_ERR_MALFORMED, "CBOR tag %llu in a claims set",
                        (unsigned long long)cbor_tag_value(it));
    case CBOR_TYPE_FLOAT_CTRL:
        if (cbor_float_ctrl_is_ctrl(it)) {
            uint8_t ctrl = cbor_ctrl_value(it);
            if (ctrl == CBOR_CTRL_TRUE || ctrl == CBOR_CTRL_FALSE)
                *out = cJSON_CreateBool(ctrl == CBOR_CTRL_TRUE);
            else if (ctrl == CBOR_CTRL_NULL)
                *out = cJSON_CreateNull();
            else
                return wrp_fail(err, WRP_ERR_MALFORMED, "CBOR simple value %u in a claims set", ctrl);
        } else {
            double d = cbor_float_get_float(it);
            if (!isfinite(d))
                return wrp_fail(err, WRP_ERR_MALFORMED, "non-finite CBOR float");
            *out = cJSON_CreateNumber(d);
            wrp_json_mark_not_integer(*out);
        }
        break;
    }
    return *out != NULL ? WRP_OK : wrp_nomem();
}

wrp_status wrp_cbor_to_json(const cbor_item_t *m, const wrp_cbor_json_key *keys, size_t n_keys,
                            bool bstr_ok, cJSON **out, wrp_err *err)
{
    *out = NULL;
    if (!cbor_isa_map(m))
        return wrp_fail(err, WRP_ERR_MALFORMED, "claims set is not a CBOR map");
    return map(m, keys, n_keys, bstr_ok, out, err);
}
