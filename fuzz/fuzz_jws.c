/* JWS compact (crypto/jws.h): split, strict base64url, strict header, x5c, verification.
 * Invariants: the parts re-encode to the text that was read; the header is an object whose alg
 * and typ are the fields'; a signature that verifies had an accepted alg and crit. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "crypto/jws.h"
#include "util/b64.h"
#include "util/json.h"

static void same_b64url(const uint8_t *raw, size_t n, const char *text, size_t len)
{
    char *enc = NULL;
    FUZZ_ASSERT(wrp_b64url_encode(raw, n, &enc) == WRP_OK);
    FUZZ_ASSERT(strlen(enc) == len && memcmp(enc, text, len) == 0);
    free(enc);
}

static void check_parts(const wrp_jws *j)
{
    const char *t = j->text;
    size_t len = strlen(t);
    const char *dot1 = strchr(t, '.');
    FUZZ_ASSERT(dot1 != NULL && dot1 > t);
    size_t h = (size_t)(dot1 - t);
    FUZZ_ASSERT(j->signing_input_len > h + 1 && j->signing_input_len < len + 1);
    FUZZ_ASSERT(t[j->signing_input_len] == '.');
    same_b64url(j->payload, j->payload_len, dot1 + 1, j->signing_input_len - h - 1);
    FUZZ_ASSERT(j->payload[j->payload_len] == 0);
    same_b64url(j->sig, j->sig_len, t + j->signing_input_len + 1, len - j->signing_input_len - 1);

    uint8_t *raw = NULL;
    size_t n = 0;
    cJSON *header = NULL;
    FUZZ_ASSERT(wrp_b64url_decode((const uint8_t *)t, h, &raw, &n, NULL) == WRP_OK);
    FUZZ_ASSERT(wrp_json_parse(raw, n, &header, NULL) == WRP_OK);
    FUZZ_ASSERT(cJSON_IsObject(j->header) && fuzz_json_equal(header, j->header, false));
    cJSON_Delete(header);
    free(raw);

    FUZZ_ASSERT(j->alg == wrp_alg_from_jose(wrp_json_get_str(j->header, "alg")));
    FUZZ_ASSERT(j->typ == wrp_json_get_str(j->header, "typ"));
}

static void verify(const wrp_jws *j, EVP_PKEY *key)
{
    if (key == NULL) { /* a certificate whose key OpenSSL cannot decode */
        FUZZ_ASSERT(wrp_jws_verify(j, key, NULL) == WRP_ERR_ARG);
        return;
    }
    wrp_status st = wrp_jws_verify(j, key, NULL);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_CRYPTO);
    if (st == WRP_OK)
        FUZZ_ASSERT(j->alg != WRP_ALG_INVALID && j->crit_ok && j->sig_len > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrp_jws j;
    wrp_status st = wrp_jws_parse(data, size, &j, NULL);
    if (st != WRP_OK) {
        FUZZ_ASSERT(j.text == NULL && j.header == NULL && j.payload == NULL && j.sig == NULL);
        return 0;
    }
    check_parts(&j);
    wrp_chain chain;
    if (wrp_jws_x5c(&j, &chain, NULL) == WRP_OK) {
        FUZZ_ASSERT(chain.n >= 1 && chain.n <= 10);
        verify(&j, fuzz_key_of(chain.certs[0]));
        wrp_chain_free(&chain);
    } else {
        FUZZ_ASSERT(chain.certs == NULL && chain.n == 0);
    }
    for (size_t i = 0; i < FUZZ_N_KEYS; i++)
        verify(&j, fuzz_keys()[i]);
    wrp_jws_free(&j);
    return 0;
}
