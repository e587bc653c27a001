#!/bin/sh
# The man page (doc/wrpcheck.1) and the bash completion (completion/wrpcheck.bash), one test
# program of tests/run.sh (run from the repository root, $WRP_BUILD the build under test): the
# page renders with man(1) without a groff warning, holds its sections, and documents every
# command, option and finding code the CLI and the header know, so it cannot fall behind them;
# `make install` installs both files and `make uninstall` removes them; the completion, sourced
# in bash, completes commands, options, option values and file names. Prints cmocka's lines.
set -u
build=${WRP_BUILD:-build}
cli=$build/wrpcheck
page=doc/wrpcheck.1
completion=completion/wrpcheck.bash
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "$*"
    return 1
}

# The page as a reader sees it: 80 columns, ASCII.
render() {
    MANWIDTH=80 LC_ALL=C MANPAGER=cat PAGER=cat man -l "$page"
}

# The tags of the page's tagged paragraphs (.TP), as text: ".BI \-\-crl " FILE"" is "--crl FILE".
entries() {
    awk 'tag { print; tag = 0; next } /^\.TP/ { tag = 1 }' "$page" |
        sed -e 's/^\.[A-Z]* //' -e 's/\\-/-/g' -e 's/\\(..//g' -e 's/\\f[BIRP]//g' -e 's/"//g' -e 's/  */ /g'
}

# Has the page an entry of its own (a tagged paragraph) for $1 (an extended regular expression)?
has_entry() {
    grep -Eq -- "^$1([^A-Za-z0-9_-]|\$)" "$tmp/entries"
}

# The options a help text names.
options_of() {
    grep -o -- '--[a-z][a-z-]*' | sort -u
}

man_page_renders_without_warnings() {
    command -v man >/dev/null 2>&1 || fail "man not installed (make deps installs man-db)" || return 1
    # groff's every warning (w), its "all" leaves out undefined macros
    warnings=$(MANWIDTH=80 MANPAGER=cat PAGER=cat man -l --warnings=w "$page" 2>&1 >/dev/null) ||
        fail "man -l failed: $warnings" || return 1
    [ -z "$warnings" ] || fail "groff warnings: $warnings" || return 1
    render > "$tmp/page.txt" 2> "$tmp/stderr" || fail "rendering failed: $(cat "$tmp/stderr")" || return 1
    [ ! -s "$tmp/stderr" ] || fail "rendering printed: $(cat "$tmp/stderr")" || return 1
    [ "$(wc -l < "$tmp/page.txt")" -gt 200 ] || fail "the page has $(wc -l < "$tmp/page.txt") lines"
}

man_page_holds_its_sections() {
    for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS OUTPUT VERDICTS 'EXIT STATUS' 'FINDING CODES' \
             'BATCH MODE' EXAMPLES FILES 'SEE ALSO'; do
        grep -q "^$s\$" "$tmp/page.txt" || fail "no section $s" || return 1
    done
    grep -q '^WRPCHECK(1) ' "$tmp/page.txt" || fail "no header WRPCHECK(1)" || return 1
    grep -q '^ *wrpcheck - judge ' "$tmp/page.txt" || fail "NAME line" || return 1
    for v in allow warn deny error; do
        has_entry "$v" || fail "no entry for the verdict $v" || return 1
    done
    for e in '0 +allow' '1 +deny' '2 +error' '3 +warn' '64 +Usage error'; do
        grep -Eq "^ +$e" "$tmp/page.txt" || fail "no exit status $e" || return 1
    done
    for s in 'wrpcheck audit \[options\] REQUEST' 'wrpcheck audit \[options\] --batch FILE\|DIR' \
             'wrpcheck rc \[options\] FILE' 'wrpcheck inspect \[options\] FILE' '"request": PATH' '"summary": ' \
             'wrpcheck audit --ac-anchors' 'wrpcheck rc --rc-anchors' 'share/man/man1/wrpcheck.1' \
             'share/bash-completion/completions/wrpcheck' 'cli-contract.md'; do
        grep -Eq -- "$s" "$tmp/page.txt" || fail "the page does not say: $s" || return 1
    done
}

man_page_is_of_the_clis_version() {
    version=$("$cli" --version | sed -n 's/^wrpcheck \([^ ]*\) .*/\1/p')
    [ -n "$version" ] || fail "no version from $cli --version" || return 1
    grep -q "^\.TH WRPCHECK 1 [0-9-]* \"wrpcheck $version\" " "$page" ||
        fail "the .TH line does not carry wrpcheck $version: $(grep '^\.TH' "$page")"
}

man_page_names_every_command_and_option_of_the_help() {
    "$cli" --help > "$tmp/help" || fail "$cli --help" || return 1
    for c in $(sed -n 's/^  \([a-z][a-z]*\) [A-Z].*/\1/p' "$tmp/help"); do
        has_entry "$c" || fail "command $c of wrpcheck --help has no entry" || return 1
    done
    "$cli" audit --help > "$tmp/audit-help" || fail "$cli audit --help" || return 1
    "$cli" rc --help > "$tmp/rc-help" || fail "$cli rc --help" || return 1
    "$cli" inspect --help > "$tmp/inspect-help" || fail "$cli inspect --help" || return 1
    n=0
    for o in $(options_of < "$tmp/help") $(options_of < "$tmp/audit-help") $(options_of < "$tmp/rc-help") \
             $(options_of < "$tmp/inspect-help"); do
        has_entry "$o" || fail "option $o of the CLI's help has no entry in the page" || return 1
        n=$((n + 1))
    done
    [ "$n" -ge 25 ] || fail "only $n options read from the help texts"
}

man_page_names_every_finding_code() {
    codes=$(sed -n 's/^ *X(\([A-Z_]*\), [0-9]*).*/\1/p' include/wrpcheck.h)
    [ "$(echo "$codes" | wc -l)" -gt 40 ] || fail "the code table of include/wrpcheck.h not read" || return 1
    for c in $codes; do
        has_entry "$c" || fail "finding code $c has no entry in the page" || return 1
    done
}

make_install_installs_the_page_and_the_completion() {
    dest=$tmp/dest
    # a make of its own: not the jobserver or the variables of the make that runs the tests
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory BUILD="$build" PREFIX=/usr/local \
        DESTDIR="$dest" install > "$tmp/install.log" 2>&1 || fail "make install: $(cat "$tmp/install.log")" || return 1
    man1=$dest/usr/local/share/man/man1/wrpcheck.1
    comp=$dest/usr/local/share/bash-completion/completions/wrpcheck
    cmp -s "$man1" "$page" || fail "$man1 is not doc/wrpcheck.1" || return 1
    cmp -s "$comp" "$completion" || fail "$comp is not $completion" || return 1
    [ "$(stat -c %a "$man1" "$comp" | tr '\n' ' ')" = "644 644 " ] || fail "modes: $(stat -c '%a %n' "$man1" "$comp")" ||
        return 1
    [ -x "$dest/usr/local/bin/wrpcheck" ] || fail "no CLI installed" || return 1
    MANWIDTH=80 LC_ALL=C MANPAGER=cat man -l "$man1" 2>/dev/null | grep -q '^SYNOPSIS$' || fail "installed page" || return 1
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory BUILD="$build" PREFIX=/usr/local \
        DESTDIR="$dest" uninstall > "$tmp/install.log" 2>&1 || fail "make uninstall: $(cat "$tmp/install.log")" || return 1
    [ ! -e "$man1" ] && [ ! -e "$comp" ] || fail "make uninstall left the page or the completion" || return 1
    left=$(find "$dest" -type f)
    [ -z "$left" ] || fail "make uninstall left: $left"
}

# Completes the words given (the last one is being completed) as bash would after sourcing the
# completion file: the function that `complete -p wrpcheck` names fills COMPREPLY, one per line.
complete_words() {
    bash --norc --noprofile -c '
        . "$0" || exit 1
        f=$(complete -p wrpcheck 2>/dev/null | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
        [ -n "$f" ] || { echo "no completion function for wrpcheck" >&2; exit 1; }
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        "$f" wrpcheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" || exit 1
        [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' "$completion" "$@"
}

# expect_completion "WANT" WORDS...: WANT is the completions, sorted, separated by spaces.
expect_completion() {
    want=$1
    shift
    got=$(complete_words "$@" | sort | tr '\n' ' ' | sed 's/ $//') || fail "completion of '$*' failed" || return 1
    [ "$got" = "$want" ] || fail "completing '$*': got '$got', expected '$want'"
}

completion_completes_commands_options_and_values() {
    command -v bash >/dev/null 2>&1 || fail "bash not installed" || return 1
    expect_completion '--format' wrpcheck audit --for || return 1
    expect_completion 'csv html json log text' wrpcheck audit --format '' || return 1
    expect_completion 'json text' wrpcheck rc --format '' || return 1
    expect_completion 'json' wrpcheck rc --format j || return 1
    expect_completion '--for-request --format' wrpcheck rc --for || return 1
    expect_completion 'audit' wrpcheck au || return 1
    expect_completion '--help --version audit inspect rc' wrpcheck '' || return 1
    expect_completion 'mdoc openid4vp' wrpcheck audit --kind '' || return 1
    expect_completion 'enforce warn' wrpcheck audit --mode '' || return 1
    expect_completion '' wrpcheck audit --client-id '' || return 1
    # a value is the next word, whatever it looks like: here --format is a client_id, then the request
    expect_completion 'testvectors/pki/ac-int.pem' wrpcheck audit --client-id --format testvectors/pki/ac-int.p ||
        return 1
    expect_completion 'testvectors/pki/ac-int.pem' wrpcheck audit --ac-anchors testvectors/pki/ac-int.p || return 1
    expect_completion 'testvectors/pki/ac-int.pem' wrpcheck audit --rc-anchors x.pem testvectors/pki/ac-int.p || return 1
    expect_completion 'testvectors/pki/ac-int.pem' wrpcheck rc --ac-chain testvectors/pki/ac-int.p || return 1
    expect_completion 'testvectors/pki/ac-int.pem' wrpcheck inspect testvectors/pki/ac-int.p || return 1
    expect_completion 'testvectors/interop/ts5-register' wrpcheck audit --batch testvectors/interop/ts5 || return 1
    # every option of the help texts, and each value of an option the help writes as a|b
    for o in $("$cli" audit --help | options_of); do
        complete_words wrpcheck audit -- | grep -qx -- "$o" || fail "wrpcheck audit -- does not offer $o" || return 1
    done
    for o in $("$cli" rc --help | options_of); do
        complete_words wrpcheck rc -- | grep -qx -- "$o" || fail "wrpcheck rc -- does not offer $o" || return 1
    done
    for o in $("$cli" inspect --help | options_of); do
        complete_words wrpcheck inspect -- | grep -qx -- "$o" || fail "wrpcheck inspect -- does not offer $o" || return 1
    done
    expect_completion 'json text' wrpcheck inspect --format '' || return 1
    expect_completion '' wrpcheck inspect --index '' || return 1
    expect_completion 'testvectors/pki/ac-int.pem' wrpcheck inspect --index 5 testvectors/pki/ac-int.p || return 1
    "$cli" audit --help | grep -o -- '--[a-z-]* [a-z0-9]*|[a-z0-9|]*' | while read -r o values; do
        want=$(echo "$values" | tr '|' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
        expect_completion "$want" wrpcheck audit "$o" '' || exit 1
    done
}

TESTS="man_page_renders_without_warnings man_page_holds_its_sections man_page_is_of_the_clis_version
       man_page_names_every_command_and_option_of_the_help man_page_names_every_finding_code
       make_install_installs_the_page_and_the_completion completion_completes_commands_options_and_values"
render > "$tmp/page.txt" 2>/dev/null
entries > "$tmp/entries"
total=0
failed=""
echo "[==========] doc: running $(echo $TESTS | wc -w) test(s)."
for t in $TESTS; do
    total=$((total + 1))
    echo "[ RUN      ] $t"
    if ( $t ); then
        echo "[       OK ] $t"
    else
        echo "[  ERROR   ] $t"
        failed="$failed $t"
    fi
done
nfailed=$(echo $failed | wc -w)
echo "[  PASSED  ] $((total - nfailed)) test(s)."
if [ "$nfailed" -gt 0 ]; then
    echo "[  FAILED  ] $nfailed test(s), listed below:"
    for t in $failed; do
        echo "[  FAILED  ] $t"
    done
    exit 1
fi
exit 0
