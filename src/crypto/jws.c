/* JWS compact serialization (RFC 7515 section 7.1), parsed strictly: one accepted spelling per
 * token, so that what is verified is exactly what was read. */
#include "crypto/jws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/b64.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"

/*
 * Header parameters this library understands when a producer lists them in "crit" (RFC 7515
 * section 4.1.11). Only JAdES' "sigT" (ETSI TS 119 182-1, the claimed signing time, which
 * registration certificates and trusted lists may carry): it asserts nothing that changes how
 * the signature is checked, and the time we judge by is the caller's. Anything else, including
 * names RFC 7515/7518 define (which producers must not list) and "b64" (RFC 7797), is not
 * understood, so such a token fails verification.
 */
static const char *const understood_crit[] = {"sigT"};

static bool is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static bool crit_understood(const char *name)
{
    for (size_t i = 0; i < sizeof understood_crit / sizeof understood_crit[0]; i++)
        if (strcmp(understood_crit[i], name) == 0)
            return true;
    return false;
}

/* crit: a non-empty array of distinct strings, each naming a member present in the header and
 * understood here. Absent crit is fine. */
static bool crit_ok(const cJSON *header)
{
    const cJSON *crit = wrp_json_get(header, "crit");
    if (crit == NULL)
        return true;
    if (!cJSON_IsArray(crit) || crit->child == NULL)
        return false;
    for (const cJSON *e = crit->child; e != NULL; e = e->next) {
        if (!cJSON_IsString(e) || !crit_understood(e->valuestring) ||
            wrp_json_get(header, e->valuestring) == NULL)
            return false;
        for (const cJSON *p = crit->child; p != e; p = p->next)
            if (strcmp(p->valuestring, e->valuestring) == 0)
                return false;
    }
    return true;
}

static wrp_status decode_part(const char *part, size_t len, const char *what, uint8_t **out,
                              size_t *outlen, wrp_err *err)
{
    wrp_status st = wrp_b64url_decode((const uint8_t *)part, len, out, outlen, err);
    if (st == WRP_ERR_MALFORMED) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err != NULL ? err->msg : "");
        return wrp_fail(err, st, "JWS %s: %s", what, why);
    }
    return st;
}

static wrp_status parse_header(wrp_jws *j, const char *part, size_t len, wrp_err *err)
{
    uint8_t *raw = NULL;
    size_t rawlen = 0;
    wrp_status st = decode_part(part, len, "header", &raw, &rawlen, err);
    if (st != WRP_OK)
        return st;
    st = wrp_json_parse(raw, rawlen, &j->header, err);
    free(raw);
    if (st != WRP_OK)
        return st;
    if (!cJSON_IsObject(j->header))
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS header is not a JSON object");
    const cJSON *b64 = wrp_json_get(j->header, "b64");
    if (b64 != NULL && !cJSON_IsTrue(b64))
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS header b64 other than true (RFC 7797)");
    j->alg = wrp_alg_from_jose(wrp_json_get_str(j->header, "alg"));
    j->typ = wrp_json_get_str(j->header, "typ");
    j->crit_ok = crit_ok(j->header);
    return WRP_OK;
}

static wrp_status parse(wrp_jws *j, const uint8_t *in, size_t len, wrp_err *err)
{
    if (len > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "JWS larger than %u bytes", WRP_MAX_INPUT_BYTES);
    while (len > 0 && is_space(in[0]))
        in++, len--;
    while (len > 0 && is_space(in[len - 1]))
        len--;
    size_t dots[2], ndots = 0;
    for (size_t i = 0; i < len; i++) {
        if (in[i] == '.') {
            if (ndots == 2)
                return wrp_fail(err, WRP_ERR_MALFORMED, "JWS has more than three parts");
            dots[ndots++] = i;
        } else if (is_space(in[i])) {
            return wrp_fail(err, WRP_ERR_MALFORMED, "whitespace inside the JWS at offset %zu", i);
        }
    }
    if (ndots != 2)
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS compact form needs three parts");
    if (dots[0] == 0 || dots[1] == dots[0] + 1)
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS header or payload part is empty");
    if ((j->text = wrp_malloc(len + 1)) == NULL)
        return wrp_nomem();
    memcpy(j->text, in, len);
    j->text[len] = 0;
    j->signing_input_len = dots[1];
    const char *t = j->text;
    wrp_status st = parse_header(j, t, dots[0], err);
    if (st == WRP_OK)
        st = decode_part(t + dots[0] + 1, dots[1] - dots[0] - 1, "payload", &j->payload,
                         &j->payload_len, err);
    if (st == WRP_OK)
        st = decode_part(t + dots[1] + 1, len - dots[1] - 1, "signature", &j->sig, &j->sig_len, err);
    return st;
}

wrp_status wrp_jws_parse(const uint8_t *in, size_t len, wrp_jws *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    memset(out, 0, sizeof *out);
    if (in == NULL && len > 0)
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    wrp_status st = parse(out, in, len, err);
    if (st != WRP_OK)
        wrp_jws_free(out);
    return st;
}

wrp_status wrp_jws_parse_signature(const char *protected_b64, size_t plen, const char *sig_b64,
                                   size_t slen, wrp_jws *out, wrp_err *err)
{
    if (out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no output");
    memset(out, 0, sizeof *out);
    if ((protected_b64 == NULL && plen > 0) || (sig_b64 == NULL && slen > 0))
        return wrp_fail(err, WRP_ERR_ARG, "no input");
    if (plen > WRP_MAX_INPUT_BYTES || slen > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "JWS larger than %u bytes", WRP_MAX_INPUT_BYTES);
    if (plen == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS header part is empty");
    wrp_status st = parse_header(out, protected_b64, plen, err);
    if (st == WRP_OK)
        st = decode_part(slen > 0 ? sig_b64 : "", slen, "signature", &out->sig, &out->sig_len, err);
    if (st != WRP_OK)
        wrp_jws_free(out);
    return st;
}

wrp_status wrp_jws_x5c(const wrp_jws *jws, wrp_chain *out, wrp_err *err)
{
    if (jws == NULL || out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no JWS");
    const cJSON *x5c = wrp_json_get(jws->header, "x5c");
    if (x5c == NULL) {
        memset(out, 0, sizeof *out);
        return wrp_fail(err, WRP_ERR_MALFORMED, "JWS header has no x5c");
    }
    return wrp_chain_from_x5c(x5c, out, err);
}

wrp_status wrp_jws_verify(const wrp_jws *jws, EVP_PKEY *key, wrp_err *err)
{
    if (jws == NULL || jws->text == NULL || key == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no JWS or key");
    if (jws->alg == WRP_ALG_INVALID)
        return wrp_fail(err, WRP_ERR_CRYPTO, "JWS alg absent or refused");
    if (!jws->crit_ok)
        return wrp_fail(err, WRP_ERR_CRYPTO, "JWS crit names a header parameter not understood");
    return wrp_sig_verify(jws->alg, key, (const uint8_t *)jws->text, jws->signing_input_len,
                          jws->sig, jws->sig_len, err);
}

void wrp_jws_free(wrp_jws *jws)
{
    if (jws == NULL)
        return;
    free(jws->text);
    cJSON_Delete(jws->header);
    free(jws->payload);
    free(jws->sig);
    memset(jws, 0, sizeof *jws);
}
