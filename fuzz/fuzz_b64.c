/* Base64 (x5c) and base64url (JOSE): the decoders are strict, so every byte string has exactly
 * one accepted encoding. Invariants: a decoded input re-encodes to itself; any bytes encode to
 * text that decodes back to them, in both alphabets. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/b64.h"

/* Standard base64 of raw bytes, padded: the base64url encoding with the alphabet and padding
 * changed (the library has no standard encoder; x5c is only ever decoded). */
static char *std_encode(const uint8_t *p, size_t n)
{
    char *url = NULL;
    FUZZ_ASSERT(wrp_b64url_encode(p, n, &url) == WRP_OK);
    size_t k = strlen(url);
    char *s = malloc(k + 3);
    FUZZ_ASSERT(s != NULL);
    for (size_t i = 0; i < k; i++)
        s[i] = url[i] == '-' ? '+' : url[i] == '_' ? '/' : url[i];
    while (k % 4 != 0)
        s[k++] = '=';
    s[k] = 0;
    free(url);
    return s;
}

static void url_roundtrip(const uint8_t *in, size_t len)
{
    uint8_t *out = NULL;
    size_t n = 0;
    if (wrp_b64url_decode(in, len, &out, &n, NULL) == WRP_OK) {
        FUZZ_ASSERT(out != NULL && n <= len);
        char *enc = NULL;
        FUZZ_ASSERT(wrp_b64url_encode(out, n, &enc) == WRP_OK);
        FUZZ_ASSERT(strlen(enc) == len && memcmp(enc, in, len) == 0);
        free(enc);
    }
    free(out);
}

static void std_roundtrip(const uint8_t *in, size_t len)
{
    uint8_t *out = NULL;
    size_t n = 0;
    if (wrp_b64_decode(in, len, &out, &n, NULL) == WRP_OK) {
        FUZZ_ASSERT(out != NULL);
        char *enc = std_encode(out, n);
        FUZZ_ASSERT(strlen(enc) == len && memcmp(enc, in, len) == 0);
        free(enc);
    }
    free(out);
}

/* Encoding never fails and always decodes back, in both alphabets. */
static void encode_roundtrip(const uint8_t *in, size_t len)
{
    char *url = NULL;
    FUZZ_ASSERT(wrp_b64url_encode(in, len, &url) == WRP_OK);
    uint8_t *out = NULL;
    size_t n = 0;
    FUZZ_ASSERT(wrp_b64url_decode((const uint8_t *)url, strlen(url), &out, &n, NULL) == WRP_OK);
    FUZZ_ASSERT(n == len && (len == 0 || memcmp(out, in, len) == 0));
    free(out);
    free(url);
    char *std = std_encode(in, len);
    FUZZ_ASSERT(wrp_b64_decode((const uint8_t *)std, strlen(std), &out, &n, NULL) == WRP_OK);
    FUZZ_ASSERT(n == len && (len == 0 || memcmp(out, in, len) == 0));
    free(out);
    free(std);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    url_roundtrip(data, size);
    std_roundtrip(data, size);
    encode_roundtrip(data, size);
    return 0;
}
