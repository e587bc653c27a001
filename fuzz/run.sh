#!/bin/sh
# Fuzzes targets built by `make fuzz` for a bounded time and reports executions, exec/s and
# coverage. Usage: sh fuzz/run.sh BUILD SECONDS JOBS TARGET...
# Each TARGET runs as built and, when its code sits behind a signature, also with the signature
# stub (BUILD/nosig/TARGET); JOBS runs at a time. Options come from fuzz/TARGET.options, new
# corpus entries go to BUILD/corpus/[nosig/]TARGET (seeds are read from BUILD/fuzz-seeds/TARGET),
# crashes, leaks and timeouts to fuzz/crashes/TARGET/, logs to BUILD/logs/. Exit status 1 when any
# run failed.
set -u

# Targets whose input is checked against a signature before the code that follows it.
SIGNED="jws cose rc_jwt rc_cwt statuslist api openid4vp mdoc register lote audit"

one() {
    build=$1 secs=$2 bin=$3
    t=$(basename "$bin")
    variant=$(basename "$(dirname "$bin")")
    [ "$variant" = nosig ] && name="nosig/$t" || name="$t"
    opts=fuzz/$t.options
    opt() { sed -n "s/^$1 *= *//p" "$opts"; }
    dict=$(opt dict)
    maxlen=$(opt max_len)
    # Resource oracles (fuzz/README.md): an input slower or hungrier than these is a failure.
    timeout=$(opt timeout)
    rss=$(opt rss_limit_mb)
    malloc=$(opt malloc_limit_mb)
    corpus=$build/corpus/$name
    log=$build/logs/$name.log
    mkdir -p "$corpus" "fuzz/crashes/$t" "$(dirname "$log")"
    "$build/$name" -max_total_time="$secs" -timeout="${timeout:?$opts names no timeout}" \
        -rss_limit_mb="${rss:?$opts names no rss_limit_mb}" -malloc_limit_mb="${malloc:?$opts names no malloc_limit_mb}" \
        -print_final_stats=1 \
        -dict="fuzz/$dict" -max_len="$maxlen" -artifact_prefix="fuzz/crashes/$t/" \
        "$corpus" "$build/fuzz-seeds/$t" > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    field() { echo "$last" | awk -v k="$1:" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'; }
    cov=$(field cov)
    ft=$(field ft)
    corp=$(field corp | cut -d/ -f1)
    status=ok
    [ "$rc" -ne 0 ] && status="FAILED (exit $rc, see $log)"
    printf '%-18s %10s execs %7s exec/s  cov %5s  ft %6s  corpus %5s  %s\n' \
        "$name" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$status"
    [ "$rc" -eq 0 ]
}

if [ "${1:-}" = --one ]; then
    shift
    one "$@"
    exit
fi

[ $# -ge 4 ] || { echo "usage: sh fuzz/run.sh BUILD SECONDS JOBS TARGET..." >&2; exit 64; }
build=$1 secs=$2 jobs=$3
shift 3
bins=""
for t in "$@"; do
    bins="$bins $build/$t"
    case " $SIGNED " in *" $t "*) bins="$bins $build/nosig/$t" ;; esac
done
echo "fuzzing each target for ${secs}s, $jobs at a time"
# shellcheck disable=SC2086
printf '%s\n' $bins | xargs -P "$jobs" -I{} sh "$0" --one "$build" "$secs" {}
