#!/bin/sh
# The Python binding's tests, one test program of tests/run.sh (run from the repository root).
set -u
. bindings/testenv.sh
WRPCHECK_LIB="$build/libwrpcheck.so" WRP_BUILD="$build" exec python3 bindings/python/tests/run.py
