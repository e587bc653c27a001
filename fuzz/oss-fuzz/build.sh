#!/bin/bash -eu
# OSS-Fuzz build of wrpcheck's fuzz targets (fuzz/README.md). Uses the helper's conventions:
# $SRC, $WORK, $OUT, $CC, $CXX, $CFLAGS, $CXXFLAGS, $LIB_FUZZING_ENGINE.
#
# OpenSSL 3, zlib, libcbor 0.8 and cJSON 1.7.15 are built from $SRC/{openssl,zlib,libcbor,cJSON}
# with $CFLAGS (so they carry the sanitizers and coverage too). A dependency whose source is not
# there is taken from the system with pkg-config instead, which lets this script be checked by
# hand without Docker, e.g. from the repository root:
#   mkdir -p /tmp/oss/src /tmp/oss/work /tmp/oss/out && ln -sfn "$PWD" /tmp/oss/src/wrpcheck &&
#   SRC=/tmp/oss/src WORK=/tmp/oss/work OUT=/tmp/oss/out CC=clang CXX=clang++ \
#   CFLAGS="-O1 -g -fsanitize=address,fuzzer-no-link" CXXFLAGS="$CFLAGS" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer bash fuzz/oss-fuzz/build.sh
#
# Every target is built twice: TARGET, and TARGET_nosig with the signature stub
# (WRP_FUZZ_NO_SIGNATURES; SPEC.md, "Fuzzing"). Each gets TARGET[_nosig]_seed_corpus.zip (made by
# fuzz/make_corpus.py from testvectors/, plus the committed regressions fuzz/crashes/TARGET/),
# TARGET[_nosig].options and the dictionaries.

PROJECT=${WRPCHECK_DIR:-$SRC/wrpcheck}
DEPS=$WORK/deps
mkdir -p "$DEPS/lib" "$DEPS/include/cjson" "$WORK/obj"
JOBS=$(nproc)
DEP_CFLAGS="-I$DEPS/include -I$DEPS/include/cjson"
DEP_LIBS=""
SYSTEM_PKGS=""

if [ -d "$SRC/openssl" ]; then
    (cd "$SRC/openssl" &&
        ./config no-shared no-tests no-module no-dso --prefix="$DEPS" --libdir=lib \
            --openssldir="$DEPS/ssl" $CFLAGS &&
        make -j"$JOBS" LDCMD="$CXX $CXXFLAGS" && make install_sw)
    DEP_LIBS="$DEP_LIBS $DEPS/lib/libssl.a $DEPS/lib/libcrypto.a"
else
    SYSTEM_PKGS="$SYSTEM_PKGS openssl"
fi

if [ -d "$SRC/zlib" ]; then
    (cd "$SRC/zlib" && ./configure --static --prefix="$DEPS" && make -j"$JOBS" && make install)
    DEP_LIBS="$DEP_LIBS $DEPS/lib/libz.a"
else
    SYSTEM_PKGS="$SYSTEM_PKGS zlib"
fi

if [ -d "$SRC/libcbor" ]; then
    mkdir -p "$WORK/libcbor"
    (cd "$WORK/libcbor" &&
        cmake "$SRC/libcbor" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_INSTALL_PREFIX="$DEPS" \
            -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF -DSANITIZE=OFF \
            -DWITH_EXAMPLES=OFF -DCMAKE_C_FLAGS="$CFLAGS" &&
        make -j"$JOBS" && make install)
    DEP_LIBS="$DEP_LIBS $DEPS/lib/libcbor.a"
else
    SYSTEM_PKGS="$SYSTEM_PKGS libcbor"
fi

if [ -d "$SRC/cJSON" ]; then
    $CC $CFLAGS -c "$SRC/cJSON/cJSON.c" -o "$WORK/cJSON.o"
    ar rcs "$DEPS/lib/libcjson.a" "$WORK/cJSON.o"
    cp "$SRC/cJSON/cJSON.h" "$DEPS/include/cjson/cJSON.h"
    DEP_LIBS="$DEP_LIBS $DEPS/lib/libcjson.a"
else
    SYSTEM_PKGS="$SYSTEM_PKGS libcjson"
fi

if [ -n "$SYSTEM_PKGS" ]; then
    echo "build.sh: from the system:$SYSTEM_PKGS"
    DEP_CFLAGS="$DEP_CFLAGS $(pkg-config --cflags $SYSTEM_PKGS)"
    DEP_LIBS="$DEP_LIBS $(pkg-config --libs $SYSTEM_PKGS)"
fi
DEP_LIBS="$DEP_LIBS -lpthread -ldl -lm"

cd "$PROJECT"
WRP_CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -Iinclude -Isrc -Ifuzz"
compile() { # source object [extra flags]
    $CC $CFLAGS $WRP_CFLAGS $DEP_CFLAGS ${3:-} -c "$1" -o "$2"
}

objs=""
for f in src/util/*.c src/crypto/*.c src/model/*.c src/policy/*.c src/lib/*.c; do
    o="$WORK/obj/$(echo "${f%.c}" | tr / _).o"
    compile "$f" "$o"
    objs="$objs $o"
done
rm -f "$WORK/libwrpcheck.a"
ar rcs "$WORK/libwrpcheck.a" $objs
compile src/crypto/sig.c "$WORK/obj/sig-nosig.o" -DWRP_FUZZ_NO_SIGNATURES
python3 fuzz/embed.py "$WORK/fuzz_files.c"
compile "$WORK/fuzz_files.c" "$WORK/obj/fuzz_files.o"
compile fuzz/common.c "$WORK/obj/fuzz_common.o"
python3 fuzz/make_corpus.py "$WORK/seeds"
cp fuzz/*.dict "$OUT/"

for src in fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    t=${t#fuzz_}
    compile "$src" "$WORK/obj/target_$t.o"
    helpers="$WORK/obj/target_$t.o $WORK/obj/fuzz_common.o $WORK/obj/fuzz_files.o"
    # sig-nosig.o defines every symbol of sig.o, so the archive's sig.o is not linked in.
    $CXX $CXXFLAGS $helpers "$WORK/libwrpcheck.a" $LIB_FUZZING_ENGINE $DEP_LIBS -o "$OUT/$t"
    $CXX $CXXFLAGS $helpers "$WORK/obj/sig-nosig.o" "$WORK/libwrpcheck.a" $LIB_FUZZING_ENGINE \
        $DEP_LIBS -o "$OUT/${t}_nosig"
    rm -f "$OUT/${t}_seed_corpus.zip"
    (cd "$WORK/seeds/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
    if [ -d "fuzz/crashes/$t" ] && [ -n "$(ls -A "fuzz/crashes/$t")" ]; then
        (cd "fuzz/crashes/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
    fi
    cp "$OUT/${t}_seed_corpus.zip" "$OUT/${t}_nosig_seed_corpus.zip"
    cp "fuzz/$t.options" "$OUT/$t.options"
    cp "fuzz/$t.options" "$OUT/${t}_nosig.options"
done
