#!/bin/sh
# The Swift binding's module map, checked without Swift (not needed here, and not on every
# machine): clang -fmodules imports module CWrpcheck, a program using its functions and its
# WRP_ABI_VERSION macro compiles, links against the library under test and runs (also a request's
# disclosure policy refused with a reason, as the wrapper reports it). Then every C
# name the Swift wrapper (Sources/Wrpcheck/*.swift) uses, wrp_* and WRP_*, must be declared by
# the module: a program naming each of them through the module compiles, so a name the wrapper
# misspells or the header no longer has is found although the Swift code is not compiled here.
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

echo "[  PASSED  ] $passed test(s)."
if [ -n "$failed" ]; then
    set -- $failed
    echo "[  FAILED  ] $# test(s), listed below:"
    for name in $failed; do
        echo "[  FAILED  ] $name"
    done
    exit 1
fi
