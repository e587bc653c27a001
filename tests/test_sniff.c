/* wrp_sniff: what an input looks like by its bytes alone (include/wrpcheck.h, SPEC.md 1b). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "wrpcheck.h"

static wrp_input_shape of(const char *s)
{
    return wrp_sniff((const uint8_t *)s, strlen(s));
}

static void text_shapes(void **state)
{
    (void)state;
    assert_int_equal(wrp_sniff(NULL, 0), WRP_SHAPE_EMPTY);
    assert_int_equal(of(" \r\n\t"), WRP_SHAPE_EMPTY);
    assert_int_equal(of("\xEF\xBB\xBF{\"a\":1}"), WRP_SHAPE_BOM);
    assert_int_equal(of("  {\"dcql_query\":{}}\n"), WRP_SHAPE_JSON);
    assert_int_equal(of("[1]"), WRP_SHAPE_JSON);
    assert_int_equal(of("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), WRP_SHAPE_PEM);
    assert_int_equal(of("eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln\n"), WRP_SHAPE_JWS);
    assert_int_equal(of("eyJhbGciOiJub25lIn0.eyJhIjoxfQ."), WRP_SHAPE_JWS);
    assert_int_equal(of("<!DOCTYPE html><html></html>"), WRP_SHAPE_HTML);
    assert_int_equal(of("openid4vp://?client_id=x509_san_dns%3Arp.example.com&request_uri=https%3A%2F%2Frp"),
                     WRP_SHAPE_LINK);
    assert_int_equal(of("eudi-openid4vp://authorize?request=eyJ"), WRP_SHAPE_LINK);
    assert_int_equal(of("haip://?request_uri=x"), WRP_SHAPE_LINK);
    assert_int_equal(of("https://verifier.example.com/start?client_id=abc&request_uri=x"), WRP_SHAPE_LINK);
    assert_int_equal(of("a2 01 65 68 65 6c 6c 6f\n"), WRP_SHAPE_HEX);
    assert_int_equal(of("oWdkb2NUeXBl"), WRP_SHAPE_BASE64);
    assert_int_equal(of("oWdkb2NUeXBl+/=="), WRP_SHAPE_BASE64);
    assert_int_equal(of("# README\nThese are requests.\n"), WRP_SHAPE_TEXT);
}

static void near_misses(void **state)
{
    (void)state;
    /* a dot too many or too few is no compact JWS */
    assert_int_equal(of("a.b"), WRP_SHAPE_TEXT);
    assert_int_equal(of("aaaa.bbbb.cccc.dddd"), WRP_SHAPE_TEXT);
    assert_int_equal(of(".b.c"), WRP_SHAPE_TEXT);
    /* an odd number of hex digits is base64 text when long enough, else text */
    assert_int_equal(of("abcdef1234567"), WRP_SHAPE_BASE64);
    assert_int_equal(of("abc"), WRP_SHAPE_TEXT);
    /* words are text, however few their letters: base64 puts no blanks between its characters */
    assert_int_equal(of("These are requests"), WRP_SHAPE_TEXT);
    assert_int_equal(of("oWdkb2NU\neXBlZ2Rv\n"), WRP_SHAPE_BASE64);
    /* a web page address without a request in its query is text, not a wallet invocation */
    assert_int_equal(of("https://example.com/index.html"), WRP_SHAPE_TEXT);
    assert_int_equal(of("mailto:someone@example.com"), WRP_SHAPE_TEXT);
}

static void binary(void **state)
{
    (void)state;
    const uint8_t cbor[] = {0xA3, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x63, '1', '.', '0'};
    assert_int_equal(wrp_sniff(cbor, sizeof cbor), WRP_SHAPE_BINARY);
    const uint8_t der[] = {0x30, 0x82, 0x01, 0x0A, 0x02, 0x01, 0x00};
    assert_int_equal(wrp_sniff(der, sizeof der), WRP_SHAPE_BINARY);
    const uint8_t ctl[] = {'a', 'b', 0x01, 'c'};
    assert_int_equal(wrp_sniff(ctl, sizeof ctl), WRP_SHAPE_BINARY);
}

static void every_shape_has_words(void **state)
{
    (void)state;
    for (int s = WRP_SHAPE_EMPTY; s <= WRP_SHAPE_BINARY; s++) {
        const char *w = wrp_input_shape_str((wrp_input_shape)s);
        assert_non_null(w);
        assert_true(strlen(w) > 2);
        assert_string_not_equal(w, "unknown");
    }
    assert_string_equal(wrp_input_shape_str(WRP_SHAPE_PEM), "PEM text");
    assert_string_equal(wrp_input_shape_str((wrp_input_shape)99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_shapes),
        cmocka_unit_test(near_misses),
        cmocka_unit_test(binary),
        cmocka_unit_test(every_shape_has_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
