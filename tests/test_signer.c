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

/* A remembered signature is not verified again; anything that differs is; the chain is judged
 * on every call. */
static void memo_remembers_good_signatures_only(void **state)
{
    fixture *fx = *state;
    wrp_sig_memo *m = wrp_sig_memo_new(4);
    assert_non_null(m);
    wrp_signed s = wrp_signed_jws(&fx->jws);
    wrp_signer_result r;
    assert_int_equal(wrp_signer_verify_memo(&s, &fx->chain, fx->ac, TIME, m, &r), WRP_SIGNER_OK);
    assert_int_equal(wrp_sig_memo_hits(m), 0);
    assert_int_equal(wrp_signer_verify_memo(&s, &fx->chain, fx->ac, TIME, m, &r), WRP_SIGNER_OK);
    assert_int_equal(wrp_sig_memo_hits(m), 1);
    /* the chain is still judged: other anchors, or a later time */
    assert_int_equal(wrp_signer_verify_memo(&s, &fx->chain, fx->other, TIME, m, &r), WRP_SIGNER_UNTRUSTED);
    assert_int_equal(wrp_signer_verify_memo(&s, &fx->chain, fx->ac, LATE, m, &r), WRP_SIGNER_UNTRUSTED);
    assert_int_equal(r.chain, WRP_CHAIN_EXPIRED);
    assert_int_equal(wrp_sig_memo_hits(m), 3);
    /* one bit of the signature, one byte less of the input, another signer: verified, and bad */
    wrp_jws bad = fx->jws;
    uint8_t *sig = malloc(bad.sig_len);
    assert_non_null(sig);
    memcpy(sig, fx->jws.sig, bad.sig_len);
    sig[0] ^= 0x01;
    bad.sig = sig;
    wrp_signed sb = wrp_signed_jws(&bad);
    assert_int_equal(wrp_signer_verify_memo(&sb, &fx->chain, fx->ac, TIME, m, &r), WRP_SIGNER_BAD_SIGNATURE);
    assert_int_equal(wrp_signer_verify_memo(&sb, &fx->chain, fx->ac, TIME, m, &r), WRP_SIGNER_BAD_SIGNATURE);
    free(sig);
    wrp_signed raw = {.input = (const uint8_t *)fx->jws.text, .input_len = fx->jws.signing_input_len - 1,
                      .sig = fx->jws.sig, .sig_len = fx->jws.sig_len, .alg = fx->jws.alg,
                      .crit_ok = true};
    assert_int_equal(wrp_signer_verify_memo(&raw, &fx->chain, fx->ac, TIME, m, &r), WRP_SIGNER_BAD_SIGNATURE);
    X509 *swapped[2] = {wrp_anchors_get0(fx->ac, 0), fx->chain.certs[0]};
    wrp_chain other = {swapped, 2};
    assert_int_equal(wrp_signer_verify_memo(&s, &other, NULL, TIME, m, &r), WRP_SIGNER_BAD_SIGNATURE);
    assert_int_equal(wrp_sig_memo_hits(m), 3);
    assert_int_equal(ERR_peek_error(), 0);
    wrp_sig_memo_free(m);
}

/* A memo of one remembers the last good signature only. */
static void memo_is_bounded(void **state)
{
    fixture *fx = *state;
    wrp_sig_memo *m = wrp_sig_memo_new(1);
    assert_non_null(m);
    wrp_signed a = wrp_signed_jws(&fx->jws);
    wrp_signed b = {.input = (const uint8_t *)fx->jws.text, .input_len = fx->jws.signing_input_len,
                    .sig = fx->jws.sig, .sig_len = fx->jws.sig_len, .alg = fx->jws.alg, .crit_ok = true};
    wrp_signer_result r;
    assert_int_equal(wrp_signer_verify_memo(&a, &fx->chain, NULL, TIME, m, &r), WRP_SIGNER_OK);
    assert_int_equal(wrp_signer_verify_memo(&b, &fx->chain, NULL, TIME, m, &r), WRP_SIGNER_OK);
    assert_int_equal(wrp_signer_verify_memo(&a, &fx->chain, NULL, TIME, m, &r), WRP_SIGNER_OK);
    assert_int_equal(wrp_sig_memo_hits(m), 0);
    assert_int_equal(wrp_signer_verify_memo(&a, &fx->chain, NULL, TIME, m, &r), WRP_SIGNER_OK);
    assert_int_equal(wrp_sig_memo_hits(m), 1);
    wrp_sig_memo_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(good_signature_and_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(untrusted_and_expired_chains, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_signature_wins_over_the_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(the_key_is_the_leafs, setup, teardown),
        cmocka_unit_test_setup_teardown(order_of_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(memo_remembers_good_signatures_only, setup, teardown),
        cmocka_unit_test_setup_teardown(memo_is_bounded, setup, teardown),
    };
    return cmocka_run_group_tests_name("signer", tests, NULL, NULL);
}
