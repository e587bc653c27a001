/* The public SessionTranscript builders reproduce OpenID4VP 1.0 appendix B byte for byte. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"
#include "wrpcheck.h"

#define ST "testvectors/interop/iso18013-5/openid4vp-session-transcript/"
#define NONCE "exc7gBkxjx1rdc9udRrveKvSsJIq80avlXeLHhGwqtA"

static void assert_bytes_equal_hex(const uint8_t *p, size_t n, const char *hexfile)
{
    size_t want_len = 0;
    uint8_t *want = tu_read_hex_file(hexfile, &want_len);
    assert_non_null(want);
    assert_int_equal(n, want_len);
    assert_memory_equal(p, want, n);
    free(want);
}

static char *jwk(void)
{
    size_t n;
    return (char *)tu_read_file(ST "verifier_enc_jwk.json", &n);
}

static void redirect_handover(void **s)
{
    (void)s;
    char *key = jwk();
    uint8_t *out = NULL;
    size_t len = 0;
    assert_int_equal(wrp_transcript_openid4vp("x509_san_dns:example.com", NONCE, key,
                                              "https://example.com/response", &out, &len),
                     WRP_OK);
    assert_bytes_equal_hex(out, len, ST "redirect_SessionTranscript.hex");
    wrp_bytes_free(out);
    /* another nonce gives other bytes */
    assert_int_equal(wrp_transcript_openid4vp("x509_san_dns:example.com", "other", key,
                                              "https://example.com/response", &out, &len),
                     WRP_OK);
    size_t want_len = 0;
    uint8_t *want = tu_read_hex_file(ST "redirect_SessionTranscript.hex", &want_len);
    assert_true(len != want_len || memcmp(out, want, len) != 0);
    free(want);
    wrp_bytes_free(out);
    free(key);
}

static void dcapi_handover(void **s)
{
    (void)s;
    char *key = jwk();
    uint8_t *out = NULL;
    size_t len = 0;
    assert_int_equal(wrp_transcript_openid4vp_dcapi("https://example.com", NONCE, key, &out, &len), WRP_OK);
    assert_bytes_equal_hex(out, len, ST "dcapi_SessionTranscript.hex");
    wrp_bytes_free(out);
    free(key);
}

/* ISO/IEC 18013-7 annex B and annex C, each against the bytes of its vector. */
#define MDOC "testvectors/mdoc/"

static void iso18013_7_annex_b(void **s)
{
    (void)s;
    uint8_t *out = NULL;
    size_t len = 0;
    assert_int_equal(wrp_transcript_iso18013_7("example.com", "https://example.com/12345/response",
                                               "abcdefgh1234567890", "1234567890abcdefgh", &out,
                                               &len),
                     WRP_OK);
    assert_bytes_equal_hex(out, len, MDOC "iso18013-7-annex-b-session-transcript.hex");
    wrp_bytes_free(out);
    assert_int_equal(wrp_transcript_iso18013_7("c", "r", "n", NULL, &out, &len), WRP_ERR_ARG);
    assert_null(out);
}

static void iso18013_7_annex_c(void **s)
{
    (void)s;
    size_t n = 0;
    char *info = (char *)tu_read_file(MDOC "iso18013-7-annex-c-encryption-info.txt", &n);
    assert_non_null(info);
    while (n > 0 && (info[n - 1] == '\n' || info[n - 1] == '\r'))
        info[--n] = 0;
    uint8_t *out = NULL;
    size_t len = 0;
    assert_int_equal(wrp_transcript_iso18013_7_dcapi(info, "https://rp.example.com", &out, &len), WRP_OK);
    assert_bytes_equal_hex(out, len, MDOC "iso18013-7-annex-c-session-transcript.hex");
    wrp_bytes_free(out);
    /* another origin gives other bytes */
    assert_int_equal(wrp_transcript_iso18013_7_dcapi(info, "https://other.example", &out, &len), WRP_OK);
    size_t want_len = 0;
    uint8_t *want = tu_read_hex_file(MDOC "iso18013-7-annex-c-session-transcript.hex", &want_len);
    assert_true(len != want_len || memcmp(out, want, len) != 0);
    free(want);
    wrp_bytes_free(out);
    assert_int_equal(wrp_transcript_iso18013_7_dcapi(NULL, "o", &out, &len), WRP_ERR_ARG);
    assert_int_equal(wrp_transcript_iso18013_7_dcapi(info, "\xc3", &out, &len), WRP_ERR_ARG);
    assert_null(out);
    assert_int_equal(wrp_transcript_iso18013_7_dcapi(info, "o", NULL, &len), WRP_ERR_ARG);
    free(info);
}

static void bad_inputs_are_refused(void **s)
{
    (void)s;
    uint8_t *out = (uint8_t *)"x";
    size_t len = 7;
    assert_int_equal(wrp_transcript_openid4vp(NULL, NONCE, NULL, "https://a", &out, &len), WRP_ERR_ARG);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_int_not_equal(wrp_transcript_openid4vp_dcapi("https://a", NONCE, "{\"kty\":\"EC\"}", &out, &len),
                         WRP_OK);
    assert_int_not_equal(wrp_transcript_openid4vp_dcapi("https://a", NONCE, "not json", &out, &len), WRP_OK);
    assert_int_equal(wrp_transcript_openid4vp_dcapi("https://a", NONCE, NULL, NULL, &len), WRP_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(redirect_handover),
        cmocka_unit_test(dcapi_handover),
        cmocka_unit_test(iso18013_7_annex_b),
        cmocka_unit_test(iso18013_7_annex_c),
        cmocka_unit_test(bad_inputs_are_refused),
    };
    return cmocka_run_group_tests_name("transcript", tests, NULL, NULL);
}
