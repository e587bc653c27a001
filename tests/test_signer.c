/* The one signer check (crypto/signer.h): the order of its outcomes, the key from the leaf, the
 * chain validated at the time, and a bad signature reported as such on an untrusted chain too. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/err.h>

#include "crypto/jws.h"
#include "crypto/signer.h"
#include "testanchors.h"
#include "testutil.h"

#define REQUEST "testvectors/o4vp/valid-san-dns.jwt"
#define AC_ANCHOR "testvectors/pki/ac-int.pem"
#define OTHER_ANCHOR "testvectors/rc/pki/rc-root.pem"
#define TIME INT64_C(1798761600)        /* 2027-01-01, within every validity period */
#define LATE INT64_C(4102444800)        /* 2100-01-01, after them */

typedef struct fixture {
    wrp_jws jws;
    wrp_chain chain;
    wrp_anchors *ac, *other;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    size_t n = 0;
    uint8_t *text = tu_read_file(REQUEST, &n);
    assert_non_null(text);
    assert_int_equal(wrp_jws_parse(text, n, &fx->jws, NULL), WRP_OK);
    free(text);
    assert_int_equal(wrp_jws_x5c(&fx->jws, &fx->chain, NULL), WRP_OK);
    fx->ac = tu_anchors_from_file(AC_ANCHOR);
    fx->other = tu_anchors_from_file(OTHER_ANCHOR);
    assert_non_null(fx->ac);
    assert_non_null(fx->other);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    wrp_jws_free(&fx->jws);
    wrp_chain_free(&fx->chain);
    wrp_anchors_free(fx->ac);
    wrp_anchors_free(fx->other);
    free(fx);
    return 0;
}

static wrp_signer_outcome check(const wrp_signed *s, const wrp_chain *chain, const wrp_anchors *a,
                                int64_t t, wrp_signer_result *r)
{
    wrp_signer_outcome o = wrp_signer_verify(s, chain, a, t, r);
    assert_int_equal(ERR_peek_error(), 0);
    assert_int_equal(o, r->outcome);
    return o;
}

static void good_signature_and_chain(void **state)
{
    fixture *fx = *state;
    wrp_signed s = wrp_signed_jws(&fx->jws);
    wrp_signer_result r;
    assert_int_equal(check(&s, &fx->chain, fx->ac, TIME, &r), WRP_SIGNER_OK);
    assert_int_equal(r.chain, WRP_CHAIN_OK);
    /* without anchors, the signature alone */
    assert_int_equal(check(&s, &fx->chain, NULL, TIME, &r), WRP_SIGNER_OK);
}

static void untrusted_and_expired_chains(void **state)
{
    fixture *fx = *state;
    wrp_signed s = wrp_signed_jws(&fx->jws);
    wrp_signer_result r;
    assert_int_equal(check(&s, &fx->chain, fx->other, TIME, &r), WRP_SIGNER_UNTRUSTED);
    assert_int_equal(r.chain, WRP_CHAIN_UNTRUSTED);
    assert_true(r.why.msg[0] != 0);
    assert_int_equal(check(&s, &fx->chain, fx->ac, LATE, &r), WRP_SIGNER_UNTRUSTED);
    assert_int_equal(r.chain, WRP_CHAIN_EXPIRED);
}

static void bad_signature_wins_over_the_chain(void **state)
{
    fixture *fx = *state;
    wrp_jws bad = fx->jws;
    uint8_t *sig = malloc(bad.sig_len);
    assert_non_null(sig);
    memcpy(sig, fx->jws.sig, bad.sig_len);
    sig[bad.sig_len / 2] ^= 0x01;
    bad.sig = sig;
    wrp_signed s = wrp_signed_jws(&bad);
    wrp_signer_result r;
    assert_int_equal(check(&s, &fx->chain, fx->ac, TIME, &r), WRP_SIGNER_BAD_SIGNATURE);
    assert_int_equal(check(&s, &fx->chain, fx->other, TIME, &r), WRP_SIGNER_BAD_SIGNATURE);
    assert_int_equal(r.chain, WRP_CHAIN_UNTRUSTED); /* the chain was judged all the same */
    assert_int_equal(check(&s, &fx->chain, NULL, TIME, &r), WRP_SIGNER_BAD_SIGNATURE);
    free(sig);
}

static void the_key_is_the_leafs(void **state)
{
    fixture *fx = *state;
    /* the issuer first: its key did not sign the request */
    X509 *issuer = wrp_anchors_get0(fx->ac, 0);
    assert_non_null(issuer);
    X509 *swapped[2] = {issuer, fx->chain.certs[0]};
    wrp_chain other = {swapped, 2};
    wrp_signed s = wrp_signed_jws(&fx->jws);
    wrp_signer_result r;
    assert_int_equal(check(&s, &other, NULL, TIME, &r), WRP_SIGNER_BAD_SIGNATURE);
}

static void order_of_refusals(void **state)
{
    fixture *fx = *state;
    wrp_signed s = wrp_signed_jws(&fx->jws);
    wrp_signer_result r;
    s.alg = WRP_ALG_INVALID;
    s.crit_ok = false;
    assert_int_equal(check(&s, NULL, fx->ac, TIME, &r), WRP_SIGNER_ALG);
    s.alg = fx->jws.alg;
    assert_int_equal(check(&s, NULL, fx->ac, TIME, &r), WRP_SIGNER_CRIT);
    s.crit_ok = true;
    assert_int_equal(check(&s, NULL, fx->ac, TIME, &r), WRP_SIGNER_NO_CHAIN);
    wrp_chain empty = {NULL, 0};
    assert_int_equal(check(&s, &empty, fx->ac, TIME, &r), WRP_SIGNER_NO_CHAIN);
    /* a signing input given as such: the same bytes verify, one byte less does not */
    wrp_signed raw = {.input = (const uint8_t *)fx->jws.text, .input_len = fx->jws.signing_input_len,
                      .sig = fx->jws.sig, .sig_len = fx->jws.sig_len, .alg = fx->jws.alg,
                      .crit_ok = true};
    assert_int_equal(check(&raw, &fx->chain, fx->ac, TIME, &r), WRP_SIGNER_OK);
    raw.input_len--;
    assert_int_equal(check(&raw, &fx->chain, fx->ac, TIME, &r), WRP_SIGNER_BAD_SIGNATURE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(good_signature_and_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(untrusted_and_expired_chains, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_signature_wins_over_the_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(the_key_is_the_leafs, setup, teardown),
        cmocka_unit_test_setup_teardown(order_of_refusals, setup, teardown),
    };
    return cmocka_run_group_tests_name("signer", tests, NULL, NULL);
}
