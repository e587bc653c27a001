#!/bin/sh
# Finds the build dependencies with pkg-config; on Debian/Ubuntu installs what is missing.
set -u
missing=""
check() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --atleast-version=3.0 openssl 2>/dev/null || missing="$missing libssl-dev"
    check libcbor libcbor-dev
    check libcjson libcjson-dev
    check cmocka libcmocka-dev
    check zlib zlib1g-dev
fi
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
# the Python package: a python3 that builds its wheel and makes virtual environments offline
sh "$(dirname "$0")/../bindings/python/find-python.sh" >/dev/null 2>&1 ||
    missing="$missing python3-pip python3-setuptools python3-wheel python3-venv"
# the schema test (tests/schema/run-tests.sh): a python3 with jsonschema for draft 2020-12
( for py in python3 /usr/bin/python3; do
      "$py" -c 'import jsonschema; jsonschema.Draft202012Validator' >/dev/null 2>&1 && exit 0
  done; exit 1 ) || missing="$missing python3-jsonschema"
# the binding tests: Java (javac, java and the JNI headers) and the Swift module map check (clang)
{ command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; } || missing="$missing default-jdk-headless"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
# the man page test (doc/run-tests.sh): man -l renders doc/wrpcheck.1 with groff
command -v man >/dev/null 2>&1 || missing="$missing man-db"
command -v groff >/dev/null 2>&1 || missing="$missing groff-base"
# the HTML report test (tests/html/run-tests.sh) renders pages with headless Chromium
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$missing chromium"
[ -n "${WRP_WANT_VALGRIND:-}" ] && ! command -v valgrind >/dev/null 2>&1 && missing="$missing valgrind"
[ -n "${WRP_WANT_CLANG:-}" ] && ! command -v clang >/dev/null 2>&1 && missing="$missing clang"
[ -n "${WRP_WANT_GCOVR:-}" ] && ! command -v gcovr >/dev/null 2>&1 && missing="$missing gcovr"
if [ -z "$missing" ]; then
    echo "deps: all build dependencies found"
    exit 0
fi
echo "deps: missing:$missing"
if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    # Debian packages Chromium as chromium; an Ubuntu archive without it has chromium-browser
    candidate() { apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)'; }
    $SUDO apt-get update -qq &&
        case " $missing " in
        *" chromium "*) [ -n "$(candidate chromium)" ] || [ -z "$(candidate chromium-browser)" ] ||
            missing=$(echo "$missing" | sed 's/ chromium\( \|$\)/ chromium-browser\1/') ;;
        esac &&
        $SUDO apt-get install -y -qq $missing || {
        echo "deps: apt-get failed; install by hand:$missing"; exit 1; }
    echo "deps: installed:$missing"
else
    echo "deps: not a Debian/Ubuntu machine; install these (or your system's equivalents):$missing"
    echo "deps: OpenSSL >= 3.0, libcbor, cJSON, cmocka, zlib, each with headers and a pkg-config file"
    exit 1
fi
