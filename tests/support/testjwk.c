#include "testjwk.h"

#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include "util/b64.h"
#include "util/json.h"

static const struct {
    const char *crv, *group;
    size_t size;
} curves[] = {
    {"P-256", "prime256v1", 32},
    {"P-384", "secp384r1", 48},
    {"P-521", "secp521r1", 66},
};

static uint8_t *coordinate(const cJSON *jwk, const char *name, size_t size)
{
    const char *s = wrp_json_get_str(jwk, name);
    uint8_t *out = NULL;
    size_t n = 0;
    if (s == NULL || wrp_b64url_decode((const uint8_t *)s, strlen(s), &out, &n, NULL) != WRP_OK)
        return NULL;
    if (n != size) {
        free(out);
        return NULL;
    }
    return out;
}

static EVP_PKEY *from_point(const char *group, const uint8_t *point, size_t len)
{
    EVP_PKEY *key = NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    if (bld != NULL && ctx != NULL &&
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point, len) == 1 &&
        (params = OSSL_PARAM_BLD_to_param(bld)) != NULL && EVP_PKEY_fromdata_init(ctx) == 1 &&
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
        key = NULL;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    ERR_clear_error();
    return key;
}

EVP_PKEY *tj_ec_jwk_to_pkey(const cJSON *jwk)
{
    const char *kty = wrp_json_get_str(jwk, "kty"), *crv = wrp_json_get_str(jwk, "crv");
    if (kty == NULL || strcmp(kty, "EC") != 0 || crv == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++) {
        if (strcmp(crv, curves[i].crv) != 0)
            continue;
        size_t size = curves[i].size;
        uint8_t *x = coordinate(jwk, "x", size), *y = coordinate(jwk, "y", size);
        uint8_t point[1 + 2 * 66];
        EVP_PKEY *key = NULL;
        if (x != NULL && y != NULL) {
            point[0] = 0x04;
            memcpy(point + 1, x, size);
            memcpy(point + 1 + size, y, size);
            key = from_point(curves[i].group, point, 1 + 2 * size);
        }
        free(x);
        free(y);
        return key;
    }
    return NULL;
}
