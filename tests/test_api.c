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
        cmocka_unit_test(status_strings),
        cmocka_unit_test(contract_severities),
        cmocka_unit_test(findings_collect_in_order),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
