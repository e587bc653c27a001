/* The public SessionTranscript builders over the DeviceRequest module's. */
#include <stdlib.h>
#include <string.h>

#include "model/mdoc.h"
#include "util/json.h"
#include "wrpcheck.h"

/* The thumbprint of a JWK given as JSON text (NULL: no key). */
static wrp_status thumbprint(const char *jwk, uint8_t out[32], const uint8_t **tp)
{
    *tp = NULL;
    if (jwk == NULL)
        return WRP_OK;
    cJSON *j = NULL;
    wrp_status st = wrp_json_parse((const uint8_t *)jwk, strlen(jwk), &j, NULL);
    if (st == WRP_OK)
        st = wrp_jwk_thumbprint_sha256(j, out, NULL);
    cJSON_Delete(j);
    if (st == WRP_OK)
        *tp = out;
    return st;
}

static wrp_status hand_over(wrp_cbor_out *o, wrp_status st, uint8_t **out, size_t *out_len)
{
    if (st != WRP_OK) {
        wrp_cbor_out_free(o);
        return st;
    }
    *out = o->p;
    *out_len = o->len;
    return WRP_OK;
}

wrp_status wrp_transcript_openid4vp(const char *client_id, const char *nonce, const char *jwk,
                                    const char *response_uri, uint8_t **out, size_t *out_len)
{
    if (out == NULL || out_len == NULL)
        return WRP_ERR_ARG;
    *out = NULL;
    *out_len = 0;
    uint8_t buf[32];
    const uint8_t *tp;
    wrp_status st = thumbprint(jwk, buf, &tp);
    if (st != WRP_OK)
        return st;
    wrp_cbor_out o = {0};
    return hand_over(&o, wrp_mdoc_transcript_openid4vp(client_id, nonce, tp, response_uri, &o), out, out_len);
}

wrp_status wrp_transcript_openid4vp_dcapi(const char *origin, const char *nonce, const char *jwk,
                                          uint8_t **out, size_t *out_len)
{
    if (out == NULL || out_len == NULL)
        return WRP_ERR_ARG;
    *out = NULL;
    *out_len = 0;
    uint8_t buf[32];
    const uint8_t *tp;
    wrp_status st = thumbprint(jwk, buf, &tp);
    if (st != WRP_OK)
        return st;
    wrp_cbor_out o = {0};
    return hand_over(&o, wrp_mdoc_transcript_openid4vp_dcapi(origin, nonce, tp, &o), out, out_len);
}

wrp_status wrp_transcript_iso18013_7(const char *client_id, const char *response_uri,
                                     const char *nonce, const char *mdoc_generated_nonce,
                                     uint8_t **out, size_t *out_len)
{
    if (out == NULL || out_len == NULL)
        return WRP_ERR_ARG;
    *out = NULL;
    *out_len = 0;
    wrp_cbor_out o = {0};
    return hand_over(&o,
                     wrp_mdoc_transcript_iso18013_7_annex_b(client_id, response_uri, nonce,
                                                            mdoc_generated_nonce, &o),
                     out, out_len);
}

wrp_status wrp_transcript_iso18013_7_dcapi(const char *encryption_info, const char *origin,
                                           uint8_t **out, size_t *out_len)
{
    if (out == NULL || out_len == NULL)
        return WRP_ERR_ARG;
    *out = NULL;
    *out_len = 0;
    wrp_cbor_out o = {0};
    return hand_over(&o, wrp_mdoc_transcript_iso18013_7_annex_c(encryption_info, origin, &o), out,
                     out_len);
}

void wrp_bytes_free(uint8_t *p)
{
    free(p);
}
