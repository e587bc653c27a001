/* OpenID4VP 1.0 requests as read (openid4vp.h): input detection and the Request Object's parts. */
#include "model/openid4vp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/b64.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/sniff.h"

static wrp_status unread(wrp_o4vp_unread *why, const wrp_err *reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static wrp_status unread(wrp_o4vp_unread *why, const wrp_err *reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->what, sizeof why->what, fmt, ap);
    va_end(ap);
    why->has_reason = reason != NULL;
    if (reason != NULL)
        why->reason = *reason;
    return WRP_ERR_MALFORMED;
}

static bool is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* A compact JWS Request Object: its header, and its claims as a strict JSON object. */
static wrp_status read_signed(const uint8_t *in, size_t len, wrp_o4vp_input *r, wrp_o4vp_unread *why)
{
    wrp_err err = {{0}};
    wrp_status st = wrp_jws_parse(in, len, &r->jws, &err);
    if (st != WRP_OK)
        return st == WRP_ERR_NOMEM ? st : unread(why, &err, "Request Object");
    st = wrp_json_parse(r->jws.payload, r->jws.payload_len, &r->payload, &err);
    if (st != WRP_OK)
        return st == WRP_ERR_NOMEM ? st : unread(why, &err, "Request Object payload");
    if (!cJSON_IsObject(r->payload))
        return unread(why, NULL, "Request Object payload is not a JSON object");
    r->params = r->payload;
    r->is_signed = true;
    return WRP_OK;
}

wrp_status wrp_o4vp_read(const uint8_t *in, size_t len, wrp_o4vp_input *r, wrp_o4vp_unread *why)
{
    memset(r, 0, sizeof *r);
    memset(why, 0, sizeof *why);
    while (len > 0 && is_space(in[0]))
        in++, len--;
    while (len > 0 && is_space(in[len - 1]))
        len--;
    if (len == 0)
        return unread(why, NULL, "empty request");
    if (len > WRP_MAX_INPUT_BYTES)
        return unread(why, NULL, "request larger than %u bytes", WRP_MAX_INPUT_BYTES);
    if (in[0] != '{' && in[0] != '[')
        return read_signed(in, len, r, why);

    wrp_err err = {{0}};
    wrp_status st = wrp_json_parse(in, len, &r->json, &err);
    if (st != WRP_OK)
        return st == WRP_ERR_NOMEM ? st : unread(why, &err, "request");
    if (!cJSON_IsObject(r->json))
        return unread(why, NULL, "request JSON is not an object");
    const cJSON *request = wrp_json_get(r->json, "request");
    if (request != NULL) {
        if (!cJSON_IsString(request) ||
            !wrp_sniff_compact_jws((const uint8_t *)request->valuestring, strlen(request->valuestring)))
            return unread(why, NULL, "request: the DC API envelope's request must be a string "
                                     "holding a compact JWS");
        r->envelope = true;
        return read_signed((const uint8_t *)request->valuestring, strlen(request->valuestring), r, why);
    }
    if (wrp_json_get(r->json, "request_uri") != NULL)
        return unread(why, NULL, "request_uri: a request by reference must be fetched and given "
                                 "by value");
    r->params = r->json;
    return WRP_OK;
}

wrp_status wrp_o4vp_x5c(const wrp_o4vp_input *r, wrp_chain *chain, uint8_t **x5c0, size_t *x5c0_len,
                        wrp_err *err)
{
    *x5c0 = NULL;
    *x5c0_len = 0;
    const cJSON *x5c = wrp_json_get(r->jws.header, "x5c");
    if (x5c == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "the header has no x5c, so there is no key to verify "
                                                "with");
    wrp_status st = wrp_jws_x5c(&r->jws, chain, err);
    if (st != WRP_OK)
        return st;
    const char *first = x5c->child->valuestring;
    return wrp_b64_decode((const uint8_t *)first, strlen(first), x5c0, x5c0_len, err);
}

void wrp_o4vp_input_free(wrp_o4vp_input *r)
{
    if (r == NULL)
        return;
    wrp_jws_free(&r->jws);
    cJSON_Delete(r->json);
    cJSON_Delete(r->payload);
    memset(r, 0, sizeof *r);
}
