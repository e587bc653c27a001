/* What a consent screen reads from a result (SPEC.md 6b): the purpose and service description in
 * the user's language (wrp_request_set_lang, the `display` member, the lookup accessors), and the
 * DCQL alternatives (the `options` member and its accessors), each accessor against the JSON. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cJSON.h>

#include "support/testutil.h"
#include "wrpcheck.h"

#define T 1798761600

static void add(wrp_config *cfg, wrp_status (*fn)(wrp_config *, const uint8_t *, size_t), const char *path)
{
    size_t n = 0;
    uint8_t *b = tu_read_file(path, &n);
    assert_non_null(b);
    assert_int_equal(fn(cfg, b, n), WRP_OK);
    free(b);
}

static wrp_verifier *verifier(const char *ac_root, bool reg)
{
    wrp_config *cfg = wrp_config_new();
    assert_non_null(cfg);
    add(cfg, wrp_config_add_ac_anchors, ac_root);
    add(cfg, wrp_config_add_crl, "testvectors/crl/current.pem");
    add(cfg, wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem");
    add(cfg, wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt");
    if (reg) {
        add(cfg, wrp_config_add_register, "testvectors/register/valid.jwt");
        add(cfg, wrp_config_add_register_anchors, "testvectors/register/pki/reg-root.pem");
    }
    wrp_config_set_time(cfg, T);
    wrp_verifier *v = NULL;
    assert_int_equal(wrp_verifier_new(cfg, &v), WRP_OK);
    wrp_config_free(cfg);
    return v;
}

static wrp_result *judge(const wrp_verifier *v, const wrp_request *rq, const char *path)
{
    size_t n = 0;
    uint8_t *b = tu_read_file(path, &n);
    assert_non_null(b);
    wrp_result *r = NULL;
    assert_int_equal(wrp_audit(v, rq, b, n, &r), WRP_OK);
    free(b);
    return r;
}

static cJSON *json_of(const wrp_result *r)
{
    cJSON *j = cJSON_Parse(wrp_result_json(r));
    assert_non_null(j);
    return j;
}

/* ---- languages ---- */

static void language_lists_are_checked(void **state)
{
    (void)state;
    wrp_request *rq = wrp_request_new();
    assert_non_null(rq);
    static const char *const bad[] = {"", " ", ",en", "en,", "en,,nl", "e1", "1a", "en-", "-en", "en--GB",
                                      "en-abcdefghi", "en;q=0.8", "*", "en_GB", "en nl"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(wrp_request_set_lang(rq, bad[i]), WRP_ERR_MALFORMED);
        assert_true(wrp_request_last_error(rq)[0] != 0);
    }
    static const char *const good[] = {"en", "nl-NL", "de-AT-x-shop", "zh-Hant-CN", "fr, en", "EN-gb,nl"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        assert_int_equal(wrp_request_set_lang(rq, good[i]), WRP_OK);
        assert_string_equal(wrp_request_last_error(rq), "");
    }
    char many[256] = "en";
    for (int i = 0; i < 16; i++)
        strcat(many, ",nl");
    assert_int_equal(wrp_request_set_lang(rq, many), WRP_ERR_LIMIT);
    assert_int_equal(wrp_request_set_lang(rq, NULL), WRP_OK);
    wrp_request_free(rq);
}

static void display_follows_the_lookup(void **state)
{
    (void)state;
    wrp_verifier *v = verifier("testvectors/pki/ac-root.pem", false);
    wrp_request *rq = wrp_request_new();
    assert_int_equal(wrp_request_set_lang(rq, "fr,de-AT-x-shop,nl"), WRP_OK);
    wrp_result *r = judge(v, rq, "testvectors/e2e/req/display-first-tag.jwt");
    assert_int_equal(wrp_result_verdict(r), WRP_VERDICT_ALLOW);
    cJSON *j = json_of(r);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, "display");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(d, "lang")->valuestring, "de-AT");
    /* chosen separately: the service description has no German entry, so nl (the list's third) */
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(d, "srv_description")->valuestring,
                        "Webwinkel voor producten met een leeftijdsgrens");
    /* the accessors give the same entries */
    size_t p = wrp_result_rp_purpose_lookup(r, "fr,de-AT-x-shop,nl");
    assert_int_equal(p, 2);
    assert_string_equal(wrp_result_rp_purpose_text(r, p),
                        cJSON_GetObjectItemCaseSensitive(d, "purpose")->valuestring);
    assert_int_equal(wrp_result_rp_service_description_lookup(r, "en-GB"), 1);
    assert_int_equal(wrp_result_rp_service_description_lookup(r, "en"), 0); /* never widened */
    assert_int_equal(wrp_result_rp_purpose_lookup(r, "NL"), 1);
    assert_int_equal(wrp_result_rp_purpose_lookup(r, "it"), 0);
    assert_int_equal(wrp_result_rp_purpose_lookup(r, "en;q=1"), SIZE_MAX);
    assert_int_equal(wrp_result_rp_purpose_lookup(NULL, "en"), SIZE_MAX);
    cJSON_Delete(j);
    wrp_result_free(r);

    /* without a list no display member; with one and an unverified party, display is null */
    r = judge(v, NULL, "testvectors/e2e/req/display-first-tag.jwt");
    j = json_of(r);
    assert_null(cJSON_GetObjectItemCaseSensitive(j, "display"));
    cJSON_Delete(j);
    wrp_result_free(r);
    r = judge(v, rq, "testvectors/e2e/req/rc-untrusted.jwt");
    j = json_of(r);
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j, "display")));
    cJSON_Delete(j);
    wrp_result_free(r);
    wrp_request_free(rq);
    wrp_verifier_free(v);
}

/* ---- the DCQL alternatives ---- */

static void credential_sets_agree_with_the_json(void **state)
{
    (void)state;
    wrp_verifier *v = verifier("testvectors/pki/ac-int.pem", true);
    wrp_result *r = judge(v, NULL, "testvectors/o4vp/valid-san-dns.jwt");
    cJSON *j = json_of(r);
    const cJSON *sets = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "options"),
                                                         "credential_sets");
    assert_int_equal(wrp_result_credential_set_count(r), (size_t)cJSON_GetArraySize(sets));
    assert_int_equal(wrp_result_credential_set_count(r), 2);
    size_t i = 0;
    for (const cJSON *o = sets->child; o != NULL; o = o->next, i++) {
        assert_int_equal(wrp_result_credential_set_set(r, i),
                         (size_t)cJSON_GetObjectItemCaseSensitive(o, "set")->valueint);
        assert_int_equal(wrp_result_credential_set_option(r, i),
                         (size_t)cJSON_GetObjectItemCaseSensitive(o, "option")->valueint);
        assert_int_equal(wrp_result_credential_set_required(r, i),
                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "required")));
        assert_int_equal(wrp_result_credential_set_registered(r, i),
                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "registered")));
        const cJSON *ids = cJSON_GetObjectItemCaseSensitive(o, "credential_ids");
        assert_int_equal(wrp_result_credential_set_credential_count(r, i), (size_t)cJSON_GetArraySize(ids));
        size_t k = 0;
        for (const cJSON *id = ids->child; id != NULL; id = id->next, k++)
            assert_string_equal(wrp_result_credential_set_credential_id(r, i, k), id->valuestring);
        assert_null(wrp_result_credential_set_credential_id(r, i, k));
    }
    /* the registered alternative a wallet can offer: pid_mdoc, not pid (overasked) */
    assert_false(wrp_result_credential_set_registered(r, 0));
    assert_true(wrp_result_credential_set_registered(r, 1));
    assert_string_equal(wrp_result_credential_set_credential_id(r, 1, 0), "pid_mdoc");
    assert_int_equal(wrp_result_credential_set_set(r, 2), SIZE_MAX);
    assert_int_equal(wrp_result_credential_set_credential_count(r, 2), 0);
    assert_int_equal(wrp_result_claim_set_count(r), 0);
    cJSON_Delete(j);
    wrp_result_free(r);
    wrp_verifier_free(v);
}

static void claim_sets_agree_with_the_json(void **state)
{
    (void)state;
    wrp_verifier *v = verifier("testvectors/pki/ac-root.pem", false);
    wrp_result *r = judge(v, NULL, "testvectors/e2e/req/rule3-claim-sets-all-count.jwt");
    cJSON *j = json_of(r);
    const cJSON *sets = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "options"),
                                                         "claim_sets");
    assert_true(cJSON_GetArraySize(sets) >= 2);
    assert_int_equal(wrp_result_claim_set_count(r), (size_t)cJSON_GetArraySize(sets));
    size_t i = 0, registered = 0;
    for (const cJSON *o = sets->child; o != NULL; o = o->next, i++) {
        assert_string_equal(wrp_result_claim_set_credential_id(r, i),
                            cJSON_GetObjectItemCaseSensitive(o, "credential_id")->valuestring);
        assert_int_equal(wrp_result_claim_set_option(r, i),
                         (size_t)cJSON_GetObjectItemCaseSensitive(o, "option")->valueint);
        assert_int_equal(wrp_result_claim_set_registered(r, i),
                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "registered")));
        registered += (size_t)wrp_result_claim_set_registered(r, i);
    }
    assert_true(registered >= 1 && registered < i); /* one option registered, one not */
    assert_null(wrp_result_claim_set_credential_id(r, i));
    assert_int_equal(wrp_result_claim_set_option(r, i), SIZE_MAX);
    assert_int_equal(wrp_result_credential_set_count(r), 0);
    cJSON_Delete(j);
    wrp_result_free(r);
    /* a request without a DCQL query has no alternatives */
    r = judge(v, NULL, "testvectors/e2e/req/mdoc-allow.cbor");
    assert_int_equal(wrp_result_claim_set_count(r), 0);
    assert_int_equal(wrp_result_credential_set_count(r), 0);
    wrp_result_free(r);
    wrp_verifier_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(language_lists_are_checked),
        cmocka_unit_test(display_follows_the_lookup),
        cmocka_unit_test(credential_sets_agree_with_the_json),
        cmocka_unit_test(claim_sets_agree_with_the_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
