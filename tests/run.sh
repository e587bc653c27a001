#!/bin/sh
# Runs every test program from the repository root (tests read testvectors/, never a file outside the repository).
# Optional $VALGRIND is prefixed to each run. Sums the cmocka counts of all programs into one
# closing line "tests: N passed, N failed"; a program that crashes or exits non-zero counts as failed.
build=$1; shift
log=$(mktemp); trap 'rm -f "$log"' EXIT
passed=0; failed=0; bad=""
for t in "$@"; do
    name=$(basename "$t")
    : > "$log"
    if WRP_BUILD="$build" $VALGRIND "$t" > "$log" 2>&1; then rc=0; else rc=$?; fi
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" -ne 0 ]; then
        bad="$bad $name"
        [ "$f" -eq 0 ] && failed=$((failed + 1))
    fi
done
[ -n "$bad" ] && echo "failed test programs:$bad"
echo "tests: $passed passed, $failed failed"
[ -z "$bad" ]
