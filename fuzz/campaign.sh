#!/bin/sh
# A measured fuzzing campaign (fuzz/README.md, "Campaign"): every target built by `make fuzz` in
# turn (and its signature-stub build when it has one), SECONDS each, JOBS at a time, through
# fuzz/run.sh --one (the options, resource limits and corpora of fuzz-run); then the structure-aware
# mutator measured against libFuzzer's own on the request targets. Writes the table between the
# campaign markers of fuzz/README.md and prints it. Crashes stay in fuzz/crashes/TARGET/, where
# `make test` replays them. Usage: sh fuzz/campaign.sh BUILD SECONDS JOBS TARGET...
set -u
[ $# -ge 4 ] || { echo "usage: sh fuzz/campaign.sh BUILD SECONDS JOBS TARGET..." >&2; exit 64; }
build=$1 secs=$2 jobs=$3
shift 3
out=$build/campaign
mkdir -p "$out"
SIGNED=$(sed -n 's/^SIGNED="\(.*\)"$/\1/p' fuzz/run.sh)
crashes() { find fuzz/crashes -type f 2>/dev/null | wc -l; }
start=$(date +%s)
before=$(crashes)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")

bins=""
for t in "$@"; do
    bins="$bins $build/$t"
    case " $SIGNED " in *" $t "*) bins="$bins $build/nosig/$t" ;; esac
done
# One line per run: the run.sh line, and the new files in fuzz/crashes/TARGET.
run_one() {
    bin=$1
    t=$(basename "$bin")
    name=$t
    [ "$(basename "$(dirname "$bin")")" = nosig ] && name="nosig/$t"
    n0=$(find "fuzz/crashes/$t" -type f 2>/dev/null | wc -l)
    line=$(sh fuzz/run.sh --one "$build" "$secs" "$bin")
    n1=$(find "fuzz/crashes/$t" -type f 2>/dev/null | wc -l)
    echo "$line" | awk -v name="$name" -v c=$((n1 - n0)) '{
        status = ($0 ~ / ok$/) ? "ok" : "FAILED";
        printf "| `%s` | %s | %s | %s | %s | %d |\n", name, $2, $4, $7, $9, c }' \
        > "$build/campaign/$(echo "$name" | tr / _).line"
    echo "$line"
}
if [ "${CAMPAIGN_ONE:-}" ]; then
    run_one "$CAMPAIGN_ONE"
    exit
fi
rm -f "$out"/*.line
echo "campaign: $(echo $bins | wc -w) runs of ${secs}s, $jobs at a time"
# shellcheck disable=SC2086
printf '%s\n' $bins | xargs -P "$jobs" -I{} env CAMPAIGN_ONE={} sh "$0" "$build" "$secs" "$jobs" x

# The structure-aware mutator against libFuzzer's own: the request targets under the signature
# stub from the same seeds for the same time, then the edges of src/policy/ (and src/model/) that
# each corpus reaches, counted by replaying it with -print_coverage=1.
edges() { # BIN DIR... -> "policy model"
    bin=$1
    shift
    "$bin" -runs=0 -print_coverage=1 "$@" 2>&1 | awk '
        /^COVERED_FUNC:/ { split($5, e, "/"); f = $NF;
                           if (f ~ /\/src\/policy\//) p += e[1]; else if (f ~ /\/src\/model\//) m += e[1] }
        END { printf "%d %d\n", p, m }'
}
cmp_lines=""
for t in audit openid4vp; do
    bin=$build/nosig/$t
    [ -x "$bin" ] || continue
    opts=fuzz/$t.options
    opt() { sed -n "s/^$1 *= *//p" "$opts"; }
    for mode in plain structured; do
        dir=$out/corpus-$t-$mode
        rm -rf "$dir"
        mkdir -p "$dir"
        if [ "$mode" = plain ]; then export WRP_FUZZ_PLAIN_MUTATOR=1; else unset WRP_FUZZ_PLAIN_MUTATOR; fi
        "$bin" \
            -max_total_time="$secs" -timeout="$(opt timeout)" -rss_limit_mb="$(opt rss_limit_mb)" \
            -malloc_limit_mb="$(opt malloc_limit_mb)" -dict="fuzz/$(opt dict)" -max_len="$(opt max_len)" \
            -artifact_prefix="fuzz/crashes/$t/" "$dir" "$build/fuzz-seeds/$t" > "$out/mutator-$t-$mode.log" 2>&1
        set -- $(edges "$bin" "$dir" "$build/fuzz-seeds/$t")
        eval "${mode}_p=$1 ${mode}_m=$2"
    done
    seeds=$(edges "$bin" "$build/fuzz-seeds/$t")
    cmp_lines="$cmp_lines| \`nosig/$t\` | ${seeds%% *} | $plain_p | $structured_p | ${seeds##* } | $plain_m | $structured_m |
"
    echo "mutator $t: src/policy edges seeds ${seeds%% *}, libFuzzer's $plain_p, structure-aware $structured_p"
done
unset WRP_FUZZ_PLAIN_MUTATOR

end=$(date +%s)
after=$(crashes)
table=$out/table.md
{
    echo "Last campaign: \`make fuzz-campaign FUZZ_TIME=$secs FUZZ_CAMPAIGN_JOBS=$jobs\` at commit $commit"
    echo "$(date -u +%Y-%m-%d), $(nproc) CPUs, $(( (end - start) / 60 )) minutes in all;"
    echo "$((after - before)) new inputs in \`fuzz/crashes/\`."
    echo
    echo "| target | execs | exec/s | edges (cov) | features (ft) | new crashes |"
    echo "|---|---|---|---|---|---|"
    cat "$out"/*.line
    echo
    echo "The structure-aware mutator (\`fuzz/mutator.c\`) against libFuzzer's own"
    echo "(\`WRP_FUZZ_PLAIN_MUTATOR=1\`), ${secs}s each from the same seeds; edges reached by the corpus:"
    echo
    echo "| target | src/policy: seeds | libFuzzer's | structure-aware | src/model: seeds | libFuzzer's | structure-aware |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s' "$cmp_lines"
} > "$table"
cat "$table"
# Into fuzz/README.md, between the markers.
awk -v f="$table" '
    /<!-- campaign:begin -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
    /<!-- campaign:end -->/ { skip = 0 }
    !skip' fuzz/README.md > "$out/README.md" && cp "$out/README.md" fuzz/README.md
