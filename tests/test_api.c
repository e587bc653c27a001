/* The public enums and their strings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "wrpcheck.h"
#include "util/findings.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_is_semver_and_abi_matches),
        cmocka_unit_test(every_code_has_its_contract_name),
        cmocka_unit_test(codes_enumerate_in_table_order),
        cmocka_unit_test(code_from_str_refuses_what_is_not_a_name),
        cmocka_unit_test(max_input_bytes_is_the_documented_limit),
        cmocka_unit_test(status_strings),
        cmocka_unit_test(contract_severities),
        cmocka_unit_test(findings_collect_in_order),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
