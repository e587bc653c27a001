#!/bin/sh
# The Swift binding's module map, checked without Swift (not needed here, and not on every
# machine): clang -fmodules imports module CWrpcheck, a program using its functions and its
# WRP_ABI_VERSION macro compiles, links against the library under test and runs. One test
# program of tests/run.sh; prints cmocka's count lines.
set -u
. bindings/testenv.sh
out=$build/swift
mkdir -p "$out"
cat > "$out/modulemap_check.c" <<'C'
#pragma clang module import CWrpcheck
int main(void)
{
    wrp_config *cfg = wrp_config_new();
    wrp_verifier *v = NULL;
    int good = wrp_abi_version() == WRP_ABI_VERSION && wrp_code_from_str("OVERASK") == WRP_CODE_OVERASK &&
               cfg != NULL && wrp_verifier_new(cfg, &v) == WRP_OK;
    wrp_verifier_free(v);
    wrp_config_free(cfg);
    return good ? 0 : 1;
}
C
echo "[ RUN      ] swift_module_map_imports_links_and_runs"
if clang -fmodules -fmodules-cache-path="$out/module-cache" \
        -fmodule-map-file=bindings/swift/Sources/CWrpcheck/module.modulemap -Iinclude \
        -Wall -Werror "$out/modulemap_check.c" -o "$out/modulemap_check" \
        -L"$build" -lwrpcheck -Wl,-rpath,"$(pwd)/$build" &&
    "$out/modulemap_check"; then
    echo "[       OK ] swift_module_map_imports_links_and_runs"
    echo "[  PASSED  ] 1 test(s)."
else
    echo "[  FAILED  ] 1 test(s), listed below:"
    echo "[  FAILED  ] swift_module_map_imports_links_and_runs"
    exit 1
fi
