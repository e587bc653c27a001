/* The strict CBOR front end (util/cbor.h): pre-walk, normalisation, libcbor, duplicate keys, and
 * the claims-set conversion to JSON. Invariants: parse success implies pre-walk success; the tree
 * is definite, its keys integers or strings, each found by the accessors; libcbor's encoding of
 * the tree parses again to the same encoding; a converted claims set is strict JSON; the encoder's
 * byte string holds exactly the input. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/cbor.h"
#include "util/cbor_json.h"
#include "util/json.h"

static void check_tree(const cbor_item_t *it)
{
    const uint8_t *p;
    size_t n;
    switch (cbor_typeof(it)) {
    case CBOR_TYPE_BYTESTRING:
        FUZZ_ASSERT(wrp_cbor_bstr(it, &p, &n) && p != NULL);
        break;
    case CBOR_TYPE_STRING:
        FUZZ_ASSERT(wrp_cbor_tstr(it, &p, &n) && p != NULL);
        break;
    case CBOR_TYPE_ARRAY:
        FUZZ_ASSERT(cbor_array_is_definite(it));
        for (size_t i = 0; i < cbor_array_size(it); i++) {
            const cbor_item_t *e = wrp_cbor_array_at(it, i);
            FUZZ_ASSERT(e != NULL);
            check_tree(e);
        }
        FUZZ_ASSERT(wrp_cbor_array_at(it, cbor_array_size(it)) == NULL);
        break;
    case CBOR_TYPE_MAP: {
        FUZZ_ASSERT(cbor_map_is_definite(it));
        const struct cbor_pair *pairs = cbor_map_handle(it);
        for (size_t i = 0; i < cbor_map_size(it); i++) {
            int64_t k;
            if (wrp_cbor_int(pairs[i].key, &k)) {
                FUZZ_ASSERT(wrp_cbor_map_get_int(it, k) == pairs[i].value);
            } else if (wrp_cbor_tstr(pairs[i].key, &p, &n) && memchr(p, 0, n) == NULL) {
                char *name = malloc(n + 1);
                FUZZ_ASSERT(name != NULL);
                memcpy(name, p, n);
                name[n] = 0;
                FUZZ_ASSERT(wrp_cbor_map_get_str(it, name) == pairs[i].value);
                free(name);
            } else {
                /* integers beyond int64 (uint > INT64_MAX, negint below INT64_MIN) and strings */
                FUZZ_ASSERT(cbor_isa_uint(pairs[i].key) || cbor_isa_negint(pairs[i].key) ||
                            cbor_isa_string(pairs[i].key) || cbor_isa_bytestring(pairs[i].key));
            }
            check_tree(pairs[i].key);
            check_tree(pairs[i].value);
        }
        break;
    }
    case CBOR_TYPE_TAG: {
        const cbor_item_t *inner = wrp_cbor_tag(it, cbor_tag_value(it));
        FUZZ_ASSERT(inner != NULL);
        check_tree(inner);
        break;
    }
    default:
        break;
    }
}

static void reencode(const cbor_item_t *root)
{
    unsigned char *buf = NULL;
    size_t cap = 0;
    size_t n = cbor_serialize_alloc(root, &buf, &cap);
    FUZZ_ASSERT(n > 0);
    cbor_item_t *again = NULL;
    FUZZ_ASSERT(wrp_cbor_parse(buf, n, &again, NULL) == WRP_OK);
    unsigned char *buf2 = NULL;
    size_t cap2 = 0;
    size_t n2 = cbor_serialize_alloc(again, &buf2, &cap2);
    FUZZ_ASSERT(n2 == n && memcmp(buf, buf2, n) == 0);
    free(buf2);
    cbor_decref(&again);
    free(buf);
}

static void claims_as_json(const cbor_item_t *root, bool bstr_ok)
{
    static const wrp_cbor_json_key keys[] = {{1, "iss"}, {2, "sub"}, {4, "exp"}, {6, "iat"}};
    cJSON *json = NULL;
    if (wrp_cbor_to_json(root, keys, sizeof keys / sizeof keys[0], bstr_ok, &json, NULL) != WRP_OK) {
        FUZZ_ASSERT(json == NULL);
        return;
    }
    FUZZ_ASSERT(cJSON_IsObject(json));
    char *text = cJSON_PrintUnformatted(json);
    FUZZ_ASSERT(text != NULL);
    cJSON *again = NULL;
    FUZZ_ASSERT(wrp_json_parse((const uint8_t *)text, strlen(text), &again, NULL) == WRP_OK);
    FUZZ_ASSERT(fuzz_json_equal(json, again, true));
    cJSON_Delete(again);
    free(text);
    cJSON_Delete(json);
}

static void encoder(const uint8_t *data, size_t size)
{
    wrp_cbor_out o = {0};
    wrp_cbor_put_bstr(&o, data, size);
    FUZZ_ASSERT(!o.oom);
    cbor_item_t *item = NULL;
    FUZZ_ASSERT(wrp_cbor_parse(o.p, o.len, &item, NULL) == WRP_OK);
    const uint8_t *p;
    size_t n;
    FUZZ_ASSERT(wrp_cbor_bstr(item, &p, &n) && n == size && (n == 0 || memcmp(p, data, n) == 0));
    cbor_decref(&item);
    wrp_cbor_out_free(&o);
    FUZZ_ASSERT(o.p == NULL && o.len == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrp_status walked = wrp_cbor_prewalk(data, size, NULL);
    cbor_item_t *root = NULL;
    wrp_status st = wrp_cbor_parse(data, size, &root, NULL);
    if (st == WRP_OK) {
        FUZZ_ASSERT(walked == WRP_OK && root != NULL);
        check_tree(root);
        reencode(root);
        if (cbor_isa_map(root)) {
            claims_as_json(root, false);
            claims_as_json(root, true);
        }
        cbor_decref(&root);
    } else {
        FUZZ_ASSERT(root == NULL);
        /* refused by the pre-walk: the same verdict as the walk on its own */
        FUZZ_ASSERT(walked == WRP_OK || st == walked);
    }
    if (size <= 4096)
        encoder(data, size);
    return 0;
}
