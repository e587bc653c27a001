/* A signed token as JWT (compact JWS, JSON payload) or CWT (COSE_Sign1, CBOR claims set): the
 * common envelope of registration certificates and status list tokens. */
#include "model/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cbor.h"
#include "util/json.h"
#include "util/sniff.h"


static wrp_status parse_jwt(const uint8_t *in, size_t len, wrp_token *env, wrp_err *err)
{
    env->encoding = WRP_TOKEN_JWT;
    wrp_status st = wrp_jws_parse(in, len, &env->jws, err);
    if (st != WRP_OK)
        return st;
    env->typ = env->jws.typ;
    env->typ_in_protected = true;
    env->alg = env->jws.alg;
    env->crit_ok = env->jws.crit_ok;
    wrp_err jerr = {{0}};
    cJSON *payload = NULL;
    st = wrp_json_parse(env->jws.payload, env->jws.payload_len, &payload, &jerr);
    if (st == WRP_ERR_NOMEM)
        return st; /* out of memory is not a payload problem */
    if (st != WRP_OK) {
        snprintf(env->payload_error, sizeof env->payload_error, "payload: %.200s", jerr.msg);
    } else if (!cJSON_IsObject(payload)) {
        cJSON_Delete(payload);
        snprintf(env->payload_error, sizeof env->payload_error, "payload is not a JSON object");
    } else {
        env->payload = payload;
    }
    return WRP_OK;
}

/* Tag 61 (CWT) may wrap tag 18 (COSE_Sign1); the COSE layer accepts untagged or tag 18. */
static const cbor_item_t *unwrap_cwt(const cbor_item_t *root)
{
    if (cbor_isa_tag(root) && cbor_tag_value(root) == 61) {
        const cbor_item_t *inner = cbor_tag_item(root);
        /* cbor_tag_item adds a reference; the root keeps the item alive. */
        cbor_item_t *tmp = (cbor_item_t *)(uintptr_t)inner;
        cbor_decref(&tmp);
        if (cbor_isa_tag(inner) && cbor_tag_value(inner) == 18)
            return inner;
        return NULL;
    }
    return root;
}

static void typ_from_header(wrp_token *env)
{
    const cbor_item_t *typ = wrp_cose_header(&env->cose, WRP_COSE_LABEL_TYP, true);
    env->typ_in_protected = typ != NULL;
    if (typ == NULL)
        typ = wrp_cose_header(&env->cose, WRP_COSE_LABEL_TYP, false);
    char *s = NULL;
    if (typ != NULL && wrp_cbor_tstr_dup(typ, &s) == WRP_OK)
        env->typ = s;
}

static wrp_status parse_cwt(const uint8_t *in, size_t len, const wrp_cbor_json_key *keys,
                            size_t n_keys, bool bstr_ok, wrp_token *env, wrp_err *err)
{
    env->encoding = WRP_TOKEN_CWT;
    wrp_status st = wrp_cbor_parse(in, len, &env->cose_root, err);
    if (st != WRP_OK)
        return st;
    const cbor_item_t *sign1 = unwrap_cwt(env->cose_root);
    if (sign1 == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "tag 61 does not wrap a COSE_Sign1 (tag 18)");
    if ((st = wrp_cose_sign1_parse(sign1, &env->cose, err)) != WRP_OK)
        return st;
    env->alg = env->cose.alg;
    env->crit_ok = env->cose.crit_ok;
    typ_from_header(env);
    if (env->cose.payload == NULL) {
        snprintf(env->payload_error, sizeof env->payload_error, "CWT payload is detached");
        return WRP_OK;
    }
    cbor_item_t *claims = NULL;
    wrp_err cerr = {{0}};
    wrp_status cst = wrp_cbor_parse(env->cose.payload, env->cose.payload_len, &claims, &cerr);
    if (cst == WRP_ERR_NOMEM) /* out of memory is not a payload problem */
        return cst;
    if (cst != WRP_OK) {
        snprintf(env->payload_error, sizeof env->payload_error, "CWT payload: %.200s", cerr.msg);
        return WRP_OK;
    }
    cJSON *payload = NULL;
    cst = wrp_cbor_to_json(claims, keys, n_keys, bstr_ok, &payload, &cerr);
    if (cst == WRP_OK)
        env->payload = payload;
    else if (cst != WRP_ERR_NOMEM)
        snprintf(env->payload_error, sizeof env->payload_error, "CWT claims: %.200s", cerr.msg);
    cbor_decref(&claims);
    return cst == WRP_ERR_NOMEM ? cst : WRP_OK;
}

wrp_status wrp_token_parse(const uint8_t *in, size_t len, const wrp_cbor_json_key *keys, size_t n_keys,
                           bool bstr_ok, wrp_token *env, wrp_err *err)
{
    memset(env, 0, sizeof *env);
    if (in == NULL || len == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "token is empty");
    wrp_input_shape shape = wrp_sniff_shape(in, len);
    if (shape == WRP_SHAPE_JWS || shape == WRP_SHAPE_TEXT) /* a JWT, or text meant as one */
        return parse_jwt(in, len, env, err);
    return parse_cwt(in, len, keys, n_keys, bstr_ok, env, err);
}

wrp_status wrp_token_chain(const wrp_token *env, wrp_chain *out, wrp_err *err)
{
    if (env->encoding == WRP_TOKEN_JWT)
        return wrp_jws_x5c(&env->jws, out, err);
    return wrp_cose_x5chain(&env->cose, out, err);
}

wrp_signed wrp_token_signed(const wrp_token *env)
{
    if (env->encoding == WRP_TOKEN_JWT)
        return wrp_signed_jws(&env->jws);
    return wrp_signed_cose(&env->cose, NULL, 0);
}

void wrp_token_free(wrp_token *env)
{
    if (env == NULL)
        return;
    if (env->encoding == WRP_TOKEN_JWT) {
        wrp_jws_free(&env->jws);
    } else {
        wrp_cose_sign1_free(&env->cose);
        free((char *)(uintptr_t)env->typ);
        if (env->cose_root != NULL)
            cbor_decref(&env->cose_root);
    }
    cJSON_Delete(env->payload);
    memset(env, 0, sizeof *env);
}
