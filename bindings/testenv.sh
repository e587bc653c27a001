# Sourced by the binding test programs (run from the repository root by tests/run.sh): $build is
# the build directory under test. When its library was built with SAN=1, the ASan runtime is
# preloaded: an interpreter or a JVM is not instrumented, so the runtime must come first in the
# process. Leak detection is off there (the interpreter and the JVM keep memory until exit), and
# SIGSEGV is left to the JVM, which uses it on purpose.
build=${WRP_BUILD:-build}
asan=$(ldd "$build/libwrpcheck.so" 2>/dev/null | sed -n 's/^[[:space:]]*libasan\.so[^ ]* => \([^ ]*\).*/\1/p')
if [ -n "$asan" ]; then
    export LD_PRELOAD="$asan${LD_PRELOAD:+:$LD_PRELOAD}"
    export ASAN_OPTIONS="detect_leaks=0:handle_segv=0:allow_user_segv_handler=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
fi
