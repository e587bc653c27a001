#!/bin/sh
# The layers of src/ (SPEC.md section 0): a file includes only its own layer and the layers before
# it (util < crypto < model < policy < lib < cli), the command line only the public header, and no
# file of the model names a finding code, a severity or a verdict. Each rule is one test; a test
# fails listing the lines that break it. Run from the repository root; WRP_SRC overrides src/ (so
# that a tree broken on purpose can show each test failing).
src=${WRP_SRC:-src}
rank() {
    case $1 in
    util) echo 0 ;; crypto) echo 1 ;; model) echo 2 ;; policy) echo 3 ;; lib) echo 4 ;; cli) echo 5 ;;
    *) echo 9 ;;
    esac
}
total=0
nfailed=0
bad=$(mktemp)
trap 'rm -f "$bad"' EXIT

check() { # name: the lines in $bad are the failures
    total=$((total + 1))
    if [ -s "$bad" ]; then
        echo "[  ERROR   ] $1"
        sed 's/^/    /' "$bad"
        nfailed=$((nfailed + 1))
    else
        echo "[       OK ] $1"
    fi
    : > "$bad"
}

: > "$bad"
n=0
for dir in "$src"/*/; do
    layer=$(basename "$dir")
    own=$(rank "$layer")
    for f in "$dir"*.c "$dir"*.h; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]*/' "$f" | while IFS= read -r line; do
            target=$(printf '%s\n' "$line" | sed 's/.*include[[:space:]]*"\([a-z_]*\)\/.*/\1/')
            if [ "$(rank "$target")" -gt "$own" ]; then
                echo "$f:$line"
            fi
        done >> "$bad"
    done
done
[ "$n" -gt 0 ] || echo "no source files under $src" >> "$bad"
check "no include runs upward"

grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*/' "$src"/cli/*.c "$src"/cli/*.h 2>/dev/null >> "$bad"
check "the command line includes the public header and its own files only"

grep -n -i -E 'severity|verdict|finding|WRP_CODE_|WRP_SEV_' "$src"/model/*.c "$src"/model/*.h >> "$bad"
check "no file of the model names a finding, a severity or a verdict"

echo "[  PASSED  ] $((total - nfailed)) test(s)."
if [ "$nfailed" -gt 0 ]; then
    echo "[  FAILED  ] $nfailed test(s)."
    exit 1
fi
exit 0
