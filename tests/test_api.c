/* The public enums and their strings. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <stdlib.h>

#include "wrpcheck.h"
#include "policy/findings.h"
#include "testutil.h"

static void version_is_semver_and_abi_matches(void **state)
{
    (void)state;
    assert_string_equal(wrp_version(), "0.1.0");
    assert_int_equal(wrp_abi_version(), WRP_ABI_VERSION);
}

static void every_code_has_its_contract_name(void **state)
{
    (void)state;
#define WRP_X_(name, value) assert_string_equal(wrp_code_str((wrp_code)(value)), #name);
    WRP_CODE_TABLE(WRP_X_)
#undef WRP_X_
    assert_string_equal(wrp_code_str(WRP_CODE_OVERASK), "OVERASK");
    assert_int_equal(WRP_CODE_RC_POLICY, 42);
    assert_string_equal(wrp_code_str((wrp_code)9999), "UNKNOWN");
}

static void codes_enumerate_in_table_order(void **state)
{
    (void)state;
    size_t n = 0;
#define WRP_X_(name, value)                                           \
    assert_int_equal(wrp_code_at(n), value);                          \
    assert_int_equal(wrp_code_from_str(#name), WRP_CODE_##name);      \
    n++;
    WRP_CODE_TABLE(WRP_X_)
#undef WRP_X_
    assert_int_equal(wrp_code_count(), n);
    for (size_t i = 1; i < n; i++)
        assert_true(wrp_code_at(i - 1) < wrp_code_at(i));
    assert_int_equal(wrp_code_at(n), 0);
    assert_int_equal(wrp_code_at(SIZE_MAX), 0);
}

static void code_from_str_refuses_what_is_not_a_name(void **state)
{
    (void)state;
    assert_int_equal(wrp_code_from_str(NULL), 0);
    assert_int_equal(wrp_code_from_str(""), 0);
    assert_int_equal(wrp_code_from_str("UNKNOWN"), 0);
    assert_int_equal(wrp_code_from_str("overask"), 0);
    assert_int_equal(wrp_code_from_str("OVERASK "), 0);
    assert_int_equal(wrp_code_from_str("WRP_CODE_OVERASK"), 0);
}

static void max_input_bytes_is_the_documented_limit(void **state)
{
    (void)state;
    assert_int_equal(wrp_max_input_bytes(), 4u * 1024u * 1024u);
}

/* What adding a file to the configuration gives. */
static wrp_status add_file_status(wrp_status (*add)(wrp_config *, const uint8_t *, size_t),
                                  wrp_config *cfg, const char *path)
{
    size_t len = 0;
    uint8_t *data = tu_read_file(path, &len);
    assert_non_null(data);
    wrp_status st = add(cfg, data, len);
    free(data);
    return st;
}

static void add_file(wrp_status (*add)(wrp_config *, const uint8_t *, size_t), wrp_config *cfg,
                     const char *path)
{
    assert_int_equal(add_file_status(add, cfg, path), WRP_OK);
}

/* The vectors' configuration at their time, with the given AC anchors and, optionally, the
 * bundled register. */
static wrp_verifier *verifier_with(const char *ac_anchors, bool with_register)
{
    wrp_config *cfg = wrp_config_new();
    assert_non_null(cfg);
    wrp_config_set_time(cfg, 1798761600);
    add_file(wrp_config_add_ac_anchors, cfg, ac_anchors);
    add_file(wrp_config_add_crl, cfg, "testvectors/crl/current.pem");
    add_file(wrp_config_add_rc_anchors, cfg, "testvectors/rc/pki/rc-root.pem");
    add_file(wrp_config_add_status_list, cfg, "testvectors/rc/sl-valid.jwt");
    if (with_register) {
        add_file(wrp_config_add_register, cfg, "testvectors/register/valid.jwt");
        add_file(wrp_config_add_register_anchors, cfg, "testvectors/register/pki/reg-root.pem");
    }
    wrp_verifier *v = NULL;
    assert_int_equal(wrp_verifier_new(cfg, &v), WRP_OK);
    wrp_config_free(cfg);
    return v;
}

static wrp_verifier *demo_verifier(void)
{
    return verifier_with("testvectors/pki/ac-int.pem", true);
}

/* Bindings copy a result's strings after the call returns, when the request's bytes may be gone:
 * the result owns everything it returns (under ASan, a pointer into the input fails here). */
static void result_owns_its_strings(void **state)
{
    (void)state;
    wrp_verifier *v = demo_verifier();
    size_t len = 0;
    uint8_t *req = tu_read_file("testvectors/o4vp/valid-san-dns.jwt", &len);
    assert_non_null(req);
    wrp_request *rq = wrp_request_new();
    assert_non_null(rq);
    assert_int_equal(wrp_request_set_client_id(rq, "x509_san_dns:rp.example.com"), WRP_OK);
    wrp_result *r = NULL;
    assert_int_equal(wrp_audit(v, rq, req, len, &r), WRP_OK);
    memset(req, 'x', len);
    free(req);
    wrp_request_free(rq);
    wrp_verifier_free(v);
    assert_int_equal(wrp_result_verdict(r), WRP_VERDICT_DENY);
    assert_string_equal(wrp_result_request_kind(r), "openid4vp");
    assert_int_equal(wrp_result_finding_count(r), 1);
    assert_int_equal(wrp_result_finding_code(r, 0), WRP_CODE_OVERASK);
    assert_int_equal(wrp_result_finding_severity(r, 0), WRP_SEV_ERROR);
    assert_non_null(strstr(wrp_result_finding_message(r, 0), "register"));
    assert_string_equal(wrp_result_finding_credential_id(r, 0), "pid");
    assert_string_equal(wrp_result_finding_type(r, 0), "urn:eudi:pid:1");
    assert_string_equal(wrp_result_finding_path(r, 0), "[\"address\",\"country\"]");
    assert_string_equal(wrp_result_finding_source(r, 0), "register");
    assert_int_equal(wrp_result_requested_count(r), 3);
    assert_string_equal(wrp_result_requested_credential_id(r, 2), "pid_mdoc");
    assert_string_equal(wrp_result_requested_format(r, 2), "mso_mdoc");
    assert_string_equal(wrp_result_requested_type(r, 2), "eu.europa.ec.eudi.pid.1");
    assert_string_equal(wrp_result_requested_path(r, 2), "[\"eu.europa.ec.eudi.pid.1\",\"age_over_18\"]");
    assert_int_equal(wrp_result_requested_registered(r, 1), 0);
    assert_int_equal(wrp_result_rp_verified(r), 1);
    assert_string_equal(wrp_result_rp_name(r), "Example Shop");
    assert_string_equal(wrp_result_rp_identifier(r), "LEIXG-529900T8BM49AURSDO55");
    assert_string_equal(wrp_result_rp_country(r), "NL");
    assert_string_equal(wrp_result_rp_intended_use(r), "iu-age-check-001");
    assert_int_equal(wrp_result_rp_purpose_count(r), 1);
    assert_string_equal(wrp_result_rp_purpose_lang(r, 0), "en");
    assert_non_null(strstr(wrp_result_json(r), "\"verdict\":\"deny\""));
    wrp_result_free(r);
}

static wrp_result *judge_file(const wrp_verifier *v, const char *path)
{
    size_t len = 0;
    uint8_t *req = tu_read_file(path, &len);
    assert_non_null(req);
    wrp_result *r = NULL;
    assert_int_equal(wrp_audit(v, NULL, req, len, &r), WRP_OK);
    free(req);
    return r;
}

/* Contract v1.1 facts of a result: the served party of an intermediated request and its
 * intermediary, the relying party's further members, the access certificate. */
static void v11_members_through_accessors(void **state)
{
    (void)state;
    wrp_verifier *v = verifier_with("testvectors/pki/ac-root.pem", false);
    wrp_result *r = judge_file(v, "testvectors/e2e/req/intermediary-allow.jwt");
    assert_int_equal(wrp_result_verdict(r), WRP_VERDICT_ALLOW);
    assert_string_equal(wrp_result_rp_identifier(r), "LEIXG-5299001SERVEDPARTY7");
    assert_string_equal(wrp_result_intermediary_identifier(r), "LEIXG-529900T8BM49AURSDO55");
    assert_string_equal(wrp_result_intermediary_name(r), "Example Platform B.V.");
    assert_int_equal(wrp_result_rp_service_description_count(r), 2);
    assert_string_equal(wrp_result_rp_service_description_lang(r, 1), "nl");
    assert_null(wrp_result_rp_service_description_text(r, 2));
    assert_int_equal(wrp_result_rp_public_body(r), -1);
    assert_int_equal(wrp_result_rp_entitlement_count(r), 1);
    assert_string_equal(wrp_result_rp_entitlement(r, 0), "https://uri.etsi.org/19475/Entitlement/Service_Provider");
    assert_string_equal(wrp_result_rp_supervisory_authority(r, "email"), "info@dpa.example.nl");
    assert_null(wrp_result_rp_supervisory_authority(r, "fax"));
    assert_int_equal(wrp_result_rp_supervisory_authority_count(r), 3);
    assert_string_equal(wrp_result_rp_supervisory_authority_key(r, 2), "uri");
    assert_string_equal(wrp_result_rp_supervisory_authority_value(r, 2), "https://dpa.example.nl");
    assert_string_equal(wrp_result_ac_serial(r), "3001");
    assert_string_equal(wrp_result_ac_not_before(r), "2026-01-01T00:00:00Z");
    assert_non_null(strstr(wrp_result_ac_subject(r), "organizationIdentifier=LEIXG-529900T8BM49AURSDO55"));
    assert_int_equal(strlen(wrp_result_ac_sha256(r)), 43);
    assert_int_equal(wrp_result_ac_verified(r), 1);
    wrp_result_free(r);

    /* not intermediated; the access certificate expired: carried, not verified */
    r = judge_file(v, "testvectors/e2e/req/allow-basic.jwt");
    assert_null(wrp_result_intermediary_identifier(r));
    assert_null(wrp_result_intermediary_name(r));
    assert_int_equal(wrp_result_ac_verified(r), 1);
    wrp_result_free(r);
    r = judge_file(v, "testvectors/e2e/req/ac-expired.jwt");
    assert_non_null(wrp_result_ac_subject(r));
    assert_int_equal(wrp_result_ac_verified(r), 0);
    wrp_result_free(r);
    /* an unsigned request carries no access certificate */
    r = judge_file(v, "testvectors/e2e/req/request-unsigned.json");
    assert_null(wrp_result_ac_subject(r));
    assert_int_equal(wrp_result_ac_verified(r), 0);
    wrp_result_free(r);
    wrp_verifier_free(v);
}

/* Out of range, every accessor gives its documented empty value (bindings loop on the counts). */
static void accessors_out_of_range(void **state)
{
    (void)state;
    wrp_verifier *v = demo_verifier();
    wrp_result *r = NULL;
    static const uint8_t junk[] = "not a request";
    assert_int_equal(wrp_audit(v, NULL, junk, sizeof junk - 1, &r), WRP_OK);
    wrp_verifier_free(v);
    assert_int_equal(wrp_result_verdict(r), WRP_VERDICT_ERROR);
    size_t n = wrp_result_finding_count(r);
    assert_int_equal(wrp_result_finding_code(r, n), 0);
    assert_null(wrp_result_finding_message(r, n));
    assert_null(wrp_result_finding_path(r, n));
    assert_null(wrp_result_requested_path(r, wrp_result_requested_count(r)));
    assert_null(wrp_result_rp_purpose_text(r, 0));
    assert_null(wrp_result_rp_name(r));
    wrp_result_free(r);
    assert_int_equal(wrp_result_verdict(NULL), WRP_VERDICT_ERROR);
    assert_int_equal(wrp_result_finding_count(NULL), 0);
    assert_null(wrp_result_json(NULL));
    assert_null(wrp_result_log_json(NULL));
}

/* The strict RFC 3339 UTC form, both ways (SPEC.md 1a): exactly YYYY-MM-DDThh:mm:ssZ. */
static void times_in_one_form(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t t;
    } good[] = {
        {"1970-01-01T00:00:00Z", 0},           {"2027-01-01T00:00:00Z", 1798761600},
        {"2000-02-29T23:59:59Z", 951868799},   {"1969-12-31T23:59:59Z", -1},
        {"9999-12-31T23:59:59Z", 253402300799}, {"0000-01-01T00:00:00Z", -62167219200},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int64_t t = 42;
        char out[WRP_TIME_BUF];
        assert_int_equal(wrp_time_parse(good[i].text, &t), WRP_OK);
        assert_int_equal(t, good[i].t);
        assert_int_equal(wrp_time_format(good[i].t, out), WRP_OK);
        assert_string_equal(out, good[i].text);
    }
    static const char *const bad[] = {
        "2027-01-01T00:00:00+00:00", "2027-01-01T00:00:00-00:00", "2027-01-01T01:00:00+01:00",
        "2027-01-01t00:00:00Z",      "2027-01-01T00:00:00z",      "2027-01-01T00:00:00.0Z",
        "2016-12-31T23:59:60Z",      "2027-02-29T00:00:00Z",      "2027-13-01T00:00:00Z",
        "2027-01-01T24:00:00Z",      "2027-01-01 00:00:00Z",      "2027-01-01T00:00Z",
        "2027-01-01",                " 2027-01-01T00:00:00Z",     "2027-01-01T00:00:00Z ",
        "1798761600",                "",                          "+027-01-01T00:00:00Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t t = 42;
        if (wrp_time_parse(bad[i], &t) != WRP_ERR_MALFORMED)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(t, 42);
    }
    int64_t t = 0;
    char out[WRP_TIME_BUF] = "untouched";
    assert_int_equal(wrp_time_parse(NULL, &t), WRP_ERR_ARG);
    assert_int_equal(wrp_time_parse("2027-01-01T00:00:00Z", NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_time_format(253402300800, out), WRP_ERR_ARG);
    assert_int_equal(wrp_time_format(-62167219201, out), WRP_ERR_ARG);
    assert_string_equal(out, "untouched");
    assert_int_equal(wrp_time_format(0, NULL), WRP_ERR_ARG);
}

static void sha256_in_hex(void **state)
{
    (void)state;
    char out[WRP_SHA256_HEX_BUF];
    /* the reports' escaping rule, one for the CLI and inspect */
    assert_true(wrp_text_shown_escaped(0x202E) && wrp_text_shown_escaped(0x0085) && wrp_text_shown_escaped(0x1B));
    assert_false(wrp_text_shown_escaped('A') || wrp_text_shown_escaped(0x00E9) || wrp_text_shown_escaped(0x1F600));
    assert_int_equal(wrp_sha256_hex(NULL, 0, out), WRP_OK);
    assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_int_equal(wrp_sha256_hex((const uint8_t *)"abc", 3, out), WRP_OK);
    assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(wrp_sha256_hex(NULL, 1, out), WRP_ERR_ARG);
    assert_int_equal(wrp_sha256_hex((const uint8_t *)"abc", 3, NULL), WRP_ERR_ARG);
}

/* UTF-8 as the library reads it: the length and code point of a well-formed sequence, 0 for a
 * stray, truncated, overlong or surrogate sequence. */
static void utf8_decode_reads_well_formed_sequences(void **state)
{
    (void)state;
    uint32_t cp = 7;
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\xc3\xa9x", 3, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\xe2\x80\xae", 3, &cp), 3);
    assert_int_equal(cp, 0x202E);
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\xf3\xa0\x81\x81", 4, NULL), 4);
    cp = 7;
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\xe2\x80\xae", 2, &cp), 0); /* truncated */
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\x80", 1, &cp), 0);         /* stray */
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\xc0\xaf", 2, &cp), 0);     /* overlong '/' */
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\xed\xa0\x80", 3, &cp), 0); /* U+D800 */
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"\xf4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
    assert_int_equal(cp, 7);
    assert_int_equal(wrp_utf8_decode((const uint8_t *)"A", 0, &cp), 0);
    assert_int_equal(wrp_utf8_decode(NULL, 1, &cp), 0);
}

static wrp_status json_check(const char *text)
{
    return wrp_json_check((const uint8_t *)text, strlen(text));
}

/* JSON as the library reads it (SPEC.md 2), for JSON a tool reads itself: one value, strict
 * grammar, UTF-8, no duplicate member at any depth, the depth and size limits. */
static void json_check_refuses_what_the_library_refuses(void **state)
{
    (void)state;
    assert_int_equal(json_check("{\"request\":\"a.jwt\",\"x\":[1,{\"b\":null}]} \n"), WRP_OK);
    assert_int_equal(json_check("{\"a\":1} {}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("{\"a\":1,\"a\":2}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("{\"x\":{\"b\":1,\"\\u0062\":2}}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("{\"a\":\"\\u0000\"}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("{\"a\":\"\\ud800\"}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("{\"a\":\"\xff\"}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("{\"a\":01}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("[1,]"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check("\xef\xbb\xbf{}"), WRP_ERR_MALFORMED);
    assert_int_equal(json_check(""), WRP_ERR_MALFORMED);
    char deep[80];
    memset(deep, '[', 40);
    memset(deep + 40, ']', 40);
    assert_int_equal(wrp_json_check((const uint8_t *)deep, sizeof deep), WRP_ERR_LIMIT);
    size_t big = wrp_max_input_bytes() + 1;
    uint8_t *text = malloc(big);
    assert_non_null(text);
    memset(text, ' ', big);
    text[0] = '1';
    assert_int_equal(wrp_json_check(text, big), WRP_ERR_LIMIT);
    assert_int_equal(wrp_json_check(text, 1), WRP_OK);
    free(text);
    assert_int_equal(wrp_json_check(NULL, 1), WRP_ERR_ARG);
}

/* What a registration certificate registers, one entry per claim, and the access certificate's
 * subjectAltNames. */
static void registered_claims_and_sans(void **state)
{
    (void)state;
    wrp_verifier *v = verifier_with("testvectors/pki/ac-root.pem", false);
    size_t len = 0;
    uint8_t *rc = tu_read_file("testvectors/e2e/rc/valid.jwt", &len);
    assert_non_null(rc);
    wrp_result *r = NULL;
    assert_int_equal(wrp_check_registration(v, rc, len, NULL, 0, 1, &r), WRP_OK);
    free(rc);
    assert_int_equal(wrp_result_registered_count(r), 17);
    assert_string_equal(wrp_result_registered_format(r, 0), "dc+sd-jwt");
    assert_int_equal(wrp_result_registered_type_count(r, 0), 1);
    assert_string_equal(wrp_result_registered_type(r, 0, 0), "urn:eudi:pid:1");
    assert_null(wrp_result_registered_type(r, 0, 1));
    assert_string_equal(wrp_result_registered_path(r, 0), "[\"given_name\"]");
    assert_null(wrp_result_registered_values(r, 0));
    assert_string_equal(wrp_result_registered_path(r, 3), "[\"nationalities\",null]");
    assert_string_equal(wrp_result_registered_values(r, 5), "[true]");
    assert_string_equal(wrp_result_registered_values(r, 6), "[18,21]");
    /* a credential without a claim list registers every claim of its types */
    assert_string_equal(wrp_result_registered_type(r, 9, 0), "urn:example:loyalty:1");
    assert_null(wrp_result_registered_path(r, 9));
    assert_string_equal(wrp_result_registered_format(r, 16), "jwt_vc_json");
    assert_null(wrp_result_registered_format(r, 17));
    assert_int_equal(wrp_result_registered_type_count(r, 17), 0);
    wrp_result_free(r);
    r = judge_file(v, "testvectors/e2e/req/allow-basic.jwt");
    assert_int_equal(wrp_result_ac_san_count(r), 1);
    assert_string_equal(wrp_result_ac_san(r, 0), "DNS:rp.example.com");
    assert_null(wrp_result_ac_san(r, 1));
    wrp_result_free(r);
    r = judge_file(v, "testvectors/e2e/req/request-unsigned.json");
    assert_int_equal(wrp_result_ac_san_count(r), 0);
    assert_int_equal(wrp_result_registered_count(r), 17); /* what it says, verified or not */
    wrp_result_free(r);
    r = judge_file(v, "testvectors/e2e/req/rc-missing.jwt");
    assert_int_equal(wrp_result_registered_count(r), 0);
    assert_null(wrp_result_registered_path(r, 0));
    wrp_result_free(r);
    wrp_verifier_free(v);
    assert_int_equal(wrp_result_registered_count(NULL), 0);
    assert_null(wrp_result_ac_san(NULL, 0));
}

static void status_strings(void **state)
{
    (void)state;
    assert_string_equal(wrp_status_str(WRP_OK), "success");
    assert_string_equal(wrp_status_str(WRP_ERR_LIMIT), "input exceeds a documented limit");
    assert_string_equal(wrp_status_str((wrp_status)777), "unknown status");
}

static void contract_severities(void **state)
{
    (void)state;
    assert_int_equal(wrp_code_severity(WRP_CODE_REVOCATION_SKIPPED), WRP_SEV_WARNING);
    assert_int_equal(wrp_code_severity(WRP_CODE_REGISTER_UNSIGNED), WRP_SEV_WARNING);
    assert_int_equal(wrp_code_severity(WRP_CODE_OVERASK), WRP_SEV_ERROR);
    assert_string_equal(wrp_severity_str(WRP_SEV_WARNING), "warning");
}

static void findings_collect_in_order(void **state)
{
    (void)state;
    wrp_findings f = {0};
    wrp_finding *a = wrp_findings_add(&f, WRP_CODE_RC_EXPIRED, "expired at %d", 5);
    assert_non_null(a);
    wrp_finding_set_str(&f, &a->credential_id, "pid");
    assert_non_null(wrp_findings_add(&f, WRP_CODE_REVOCATION_SKIPPED, "skipped"));
    assert_int_equal(f.n, 2);
    assert_string_equal(f.v[0].message, "expired at 5");
    assert_string_equal(f.v[0].credential_id, "pid");
    assert_true(wrp_findings_has(&f, WRP_CODE_REVOCATION_SKIPPED));
    assert_false(wrp_findings_has(&f, WRP_CODE_OVERASK));
    wrp_findings_free(&f);
}

/* Trusted lists: read when added, judged when the verifier is made with the time and the list
 * signers configured by then, whatever the order of the calls. */
#define LOTE "testvectors/register/lote/"
#define LOTE_SIGNER "testvectors/register/pki/lote-root.pem"
#define LOTE_T INT64_C(1798761600)
#define LOTE_OUTDATED INT64_C(1811808000)

static wrp_status verifier_status(const wrp_config *c)
{
    wrp_verifier *v = NULL;
    wrp_status st = wrp_verifier_new(c, &v);
    assert_true((st == WRP_OK) == (v != NULL));
    wrp_verifier_free(v);
    return st;
}

/* A new configuration holding one trusted list, added before anything else is configured. */
static wrp_config *config_with_list(const char *list)
{
    wrp_config *c = wrp_config_new();
    assert_non_null(c);
    assert_int_equal(add_file_status(wrp_config_add_lote, c, list), WRP_OK);
    return c;
}

static void trusted_lists_do_not_depend_on_call_order(void **state)
{
    (void)state;
    /* the list first, then its signer, then the time */
    wrp_config *c = config_with_list(LOTE "jades.jwt");
    assert_int_equal(add_file_status(wrp_config_add_lote_signer, c, LOTE_SIGNER), WRP_OK);
    wrp_config_set_time(c, LOTE_T);
    assert_int_equal(verifier_status(c), WRP_OK);
    wrp_config_free(c);

    /* an unsigned list, and a signer configured after it: the verifier refuses it */
    c = config_with_list(LOTE "plain.json");
    wrp_config_set_time(c, LOTE_T);
    assert_int_equal(verifier_status(c), WRP_OK);
    assert_int_equal(add_file_status(wrp_config_add_lote_signer, c, LOTE_SIGNER), WRP_OK);
    assert_int_not_equal(verifier_status(c), WRP_OK);
    wrp_config_free(c);

    /* a time set after the list, at which it is past its next update */
    c = config_with_list(LOTE "plain.json");
    wrp_config_set_time(c, LOTE_OUTDATED);
    assert_int_equal(verifier_status(c), WRP_ERR_MALFORMED);
    /* once the time is set, a list is also judged when added, and the reason named */
    assert_int_equal(add_file_status(wrp_config_add_lote, c, LOTE "plain.json"), WRP_ERR_MALFORMED);
    assert_non_null(strstr(wrp_config_last_error(c), "next update"));
    wrp_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_is_semver_and_abi_matches),
        cmocka_unit_test(trusted_lists_do_not_depend_on_call_order),
        cmocka_unit_test(every_code_has_its_contract_name),
        cmocka_unit_test(codes_enumerate_in_table_order),
        cmocka_unit_test(code_from_str_refuses_what_is_not_a_name),
        cmocka_unit_test(max_input_bytes_is_the_documented_limit),
        cmocka_unit_test(result_owns_its_strings),
        cmocka_unit_test(accessors_out_of_range),
        cmocka_unit_test(v11_members_through_accessors),
        cmocka_unit_test(times_in_one_form),
        cmocka_unit_test(sha256_in_hex),
        cmocka_unit_test(utf8_decode_reads_well_formed_sequences),
        cmocka_unit_test(json_check_refuses_what_the_library_refuses),
        cmocka_unit_test(registered_claims_and_sans),
        cmocka_unit_test(status_strings),
        cmocka_unit_test(contract_severities),
        cmocka_unit_test(findings_collect_in_order),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
