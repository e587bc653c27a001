#!/bin/sh
# The Swift binding's module map, checked without Swift (not needed here, and not on every
# machine): clang -fmodules imports module CWrpcheck, a program using its functions and its
# WRP_ABI_VERSION macro compiles, links against the library under test and runs (also a request's
# disclosure policy refused with a reason, as the wrapper reports it). A second such program
# makes the calls of the consent data as the wrapper makes them (a language list set and one
# refused with a reason, the lookups and the display, the claim set and credential set
# alternatives) on end-to-end vectors. Then every C name the Swift wrapper
# (Sources/Wrpcheck/*.swift) uses, wrp_* and WRP_*, must be declared by the module: a program
# naming each of them through the module compiles, so a name the wrapper misspells or the header
# no longer has is found although the Swift code is not compiled here; and the wrapper must name
# every wrp_request_* and wrp_result_* function the header declares, so that a request input or
# a result accessor the header gains is not left out of the wrapper.
# One test program of tests/run.sh; prints cmocka's count lines.
set -u
. bindings/testenv.sh
out=$build/swift
mkdir -p "$out"
passed=0
failed=""

compile() { # compile SOURCE PROGRAM
    clang -fmodules -fmodules-cache-path="$out/module-cache" \
        -fmodule-map-file=bindings/swift/Sources/CWrpcheck/module.modulemap -Iinclude \
        -Wall -Werror "$1" -o "$2" -L"$build" -lwrpcheck -Wl,-rpath,"$(pwd)/$build"
}

result() { # result NAME STATUS
    if [ "$2" -eq 0 ]; then
        echo "[       OK ] $1"
        passed=$((passed + 1))
    else
        echo "[  ERROR   ] $1"
        failed="$failed $1"
    fi
}

cat > "$out/modulemap_check.c" <<'C'
#pragma clang module import CWrpcheck
int main(void)
{
    wrp_config *cfg = wrp_config_new();
    wrp_verifier *v = NULL;
    int good = wrp_abi_version() == WRP_ABI_VERSION && wrp_code_from_str("OVERASK") == WRP_CODE_OVERASK &&
               cfg != NULL && wrp_verifier_new(cfg, &v) == WRP_OK;
    static const uint8_t policy[] = "{}";
    wrp_request *rq = wrp_request_new();
    good = good && rq != NULL && wrp_request_last_error(rq)[0] == '\0' &&
           wrp_request_add_disclosure_policy(rq, policy, sizeof policy - 1) == WRP_ERR_MALFORMED &&
           wrp_request_last_error(rq)[0] != '\0';
    wrp_request_free(rq);
    wrp_verifier_free(v);
    wrp_config_free(cfg);
    return good ? 0 : 1;
}
C
echo "[ RUN      ] swift_module_map_imports_links_and_runs"
compile "$out/modulemap_check.c" "$out/modulemap_check" && "$out/modulemap_check"
result swift_module_map_imports_links_and_runs $?

# The calls the wrapper makes for the consent data (SPEC.md 6b), on the vectors of
# tests/test_consent.c: run from the repository root.
cat > "$out/modulemap_consent.c" <<'C'
#pragma clang module import CWrpcheck
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *p = f != NULL ? malloc(1 << 20) : NULL;
    *n = p != NULL ? fread(p, 1, 1 << 20, f) : 0;
    if (f != NULL)
        fclose(f);
    return p;
}

static int add(wrp_config *cfg, wrp_status (*fn)(wrp_config *, const uint8_t *, size_t), const char *path)
{
    size_t n = 0;
    uint8_t *p = slurp(path, &n);
    int good = p != NULL && fn(cfg, p, n) == WRP_OK;
    free(p);
    return good;
}

static wrp_verifier *verifier(const char *ac_anchors, int with_register)
{
    wrp_config *cfg = wrp_config_new();
    wrp_verifier *v = NULL;
    int good = cfg != NULL && add(cfg, wrp_config_add_ac_anchors, ac_anchors) &&
               add(cfg, wrp_config_add_crl, "testvectors/crl/current.pem") &&
               add(cfg, wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem") &&
               add(cfg, wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt") &&
               (!with_register || (add(cfg, wrp_config_add_register, "testvectors/register/valid.jwt") &&
                                   add(cfg, wrp_config_add_register_anchors, "testvectors/register/pki/reg-root.pem")));
    wrp_config_set_time(cfg, 1798761600);
    if (good && wrp_verifier_new(cfg, &v) != WRP_OK)
        v = NULL;
    wrp_config_free(cfg);
    return v;
}

static wrp_result *judge(const wrp_verifier *v, const wrp_request *rq, const char *path)
{
    size_t n = 0;
    uint8_t *p = slurp(path, &n);
    wrp_result *r = NULL;
    if (p == NULL || v == NULL || wrp_audit(v, rq, p, n, &r) != WRP_OK)
        r = NULL;
    free(p);
    return r;
}

static int same(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

int main(void)
{
    int good = 1;
    wrp_verifier *v = verifier("testvectors/pki/ac-root.pem", 0);
    wrp_request *rq = wrp_request_new();
    good = good && rq != NULL && wrp_request_set_lang(rq, "en;q=0.8") == WRP_ERR_MALFORMED &&
           wrp_request_last_error(rq)[0] != '\0' && wrp_request_set_lang(rq, "fr,de-AT-x-shop,nl") == WRP_OK &&
           wrp_request_last_error(rq)[0] == '\0';
    wrp_result *r = judge(v, rq, "testvectors/e2e/req/display-first-tag.jwt");
    size_t p = wrp_result_rp_purpose_lookup(r, "fr,de-AT-x-shop,nl");
    size_t d = wrp_result_rp_service_description_lookup(r, "fr,de-AT-x-shop,nl");
    good = good && r != NULL && p == 2 && d == 0 && same(wrp_result_rp_purpose_lang(r, p), "de-AT") &&
           same(wrp_result_rp_service_description_lang(r, d), "nl") &&
           wrp_result_rp_service_description_lookup(r, "en") == 0 && wrp_result_rp_purpose_lookup(r, "*") == SIZE_MAX &&
           strstr(wrp_result_json(r), "\"display\":{\"lang\":\"de-AT\"") != NULL;
    wrp_result_free(r);
    r = judge(v, NULL, "testvectors/e2e/req/rule3-claim-sets-all-count.jwt");
    good = good && r != NULL && wrp_result_claim_set_count(r) == 2 && same(wrp_result_claim_set_credential_id(r, 1), "pid") &&
           wrp_result_claim_set_option(r, 1) == 1 && wrp_result_claim_set_registered(r, 0) == 1 &&
           wrp_result_claim_set_registered(r, 1) == 0 && wrp_result_credential_set_count(r) == 0;
    wrp_result_free(r);
    wrp_verifier_free(v);
    v = verifier("testvectors/pki/ac-int.pem", 1);
    r = judge(v, NULL, "testvectors/o4vp/valid-san-dns.jwt");
    good = good && r != NULL && wrp_result_credential_set_count(r) == 2 && wrp_result_credential_set_set(r, 1) == 0 &&
           wrp_result_credential_set_option(r, 1) == 1 && wrp_result_credential_set_credential_count(r, 1) == 1 &&
           same(wrp_result_credential_set_credential_id(r, 1, 0), "pid_mdoc") &&
           wrp_result_credential_set_required(r, 1) == 1 && wrp_result_credential_set_registered(r, 0) == 0 &&
           wrp_result_credential_set_registered(r, 1) == 1 && wrp_result_claim_set_count(r) == 0;
    wrp_result_free(r);
    wrp_verifier_free(v);
    wrp_request_free(rq);
    return good ? 0 : 1;
}
C
echo "[ RUN      ] swift_module_map_consent_functions_run"
compile "$out/modulemap_consent.c" "$out/modulemap_consent" && "$out/modulemap_consent"
result swift_module_map_consent_functions_run $?

# __typeof__ takes a type (wrp_status), a function (wrp_audit), an enumerator or a macro alike.
echo "[ RUN      ] swift_wrapper_uses_only_names_the_module_declares"
names=$(cat bindings/swift/Sources/Wrpcheck/*.swift | grep -o '\b[wW][rR][pP]_[A-Za-z0-9][A-Za-z0-9_]*\b' | sort -u)
count=$(printf '%s\n' "$names" | grep -c .)
{
    echo '#pragma clang module import CWrpcheck'
    echo 'int main(void)'
    echo '{'
    i=0
    for name in $names; do
        echo "    __typeof__($name) *use$i = 0;"
        echo "    (void)use$i;"
        i=$((i + 1))
    done
    echo '    return 0;'
    echo '}'
} > "$out/swift_names_check.c"
# The wrapper names about a hundred; far fewer means the names were not read.
if [ "$count" -ge 50 ]; then
    compile "$out/swift_names_check.c" "$out/swift_names_check" && "$out/swift_names_check"
    status=$?
else
    echo "only $count wrp_/WRP_ names read from bindings/swift/Sources/Wrpcheck"
    status=1
fi
result swift_wrapper_uses_only_names_the_module_declares $status

echo "[ RUN      ] swift_wrapper_names_every_request_and_result_function"
declared=$(grep -o '\bwrp_re\(quest\|sult\)_[a-z0-9_]*(' include/wrpcheck.h | tr -d '(' | sort -u)
missing=""
for name in $declared; do
    printf '%s\n' "$names" | grep -qx "$name" || missing="$missing $name"
done
if [ "$(printf '%s\n' "$declared" | grep -c .)" -lt 40 ]; then
    echo "only $(printf '%s\n' "$declared" | grep -c .) wrp_request_/wrp_result_ functions read from include/wrpcheck.h"
    status=1
elif [ -n "$missing" ]; then
    echo "the Swift wrapper does not use:$missing"
    status=1
else
    status=0
fi
result swift_wrapper_names_every_request_and_result_function $status

echo "[  PASSED  ] $passed test(s)."
if [ -n "$failed" ]; then
    set -- $failed
    echo "[  FAILED  ] $# test(s), listed below:"
    for name in $failed; do
        echo "[  FAILED  ] $name"
    done
    exit 1
fi
