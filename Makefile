# wrpcheck: plain make. `make` builds the libraries and the CLI; `make test` runs every test.
# User CFLAGS/LDFLAGS are added after the project's warning and hardening flags, never instead.

VERSION      := 0.1.0
SOVERSION    := 0
PREFIX       ?= /usr/local
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
BINDIR       ?= $(PREFIX)/bin
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
DESTDIR      ?=

CC       ?= cc
BUILD    ?= build
CFLAGS   ?= -O2 -g
LDFLAGS  ?=
WERROR   ?= $(if $(CI),1,0)
SAN      ?= 0
COV      ?= 0

PKGS     := openssl libcbor libcjson zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN := -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wstrict-prototypes -Wformat=2 \
        -Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wvla -Wundef -Wnull-dereference
ifeq ($(WERROR),1)
WARN += -Werror
endif
HARDEN   := -fstack-protector-strong -fPIC
LDHARDEN := -Wl,-z,relro,-z,now
ifeq ($(SAN),1)
HARDEN += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDHARDEN += -fsanitize=address,undefined
else
HARDEN += -D_FORTIFY_SOURCE=2
endif
ifeq ($(COV),1)
HARDEN += --coverage -fprofile-update=atomic
LDHARDEN += --coverage
endif

STD_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -fvisibility=hidden
ALL_CFLAGS  := $(STD_CFLAGS) -Iinclude -Isrc $(WARN) $(HARDEN) $(PKG_CFLAGS) $(CFLAGS)
# The CLI is a client of the public header only: its sources see include/ and nothing of src/.
CLI_CFLAGS  := $(STD_CFLAGS) -Iinclude $(WARN) $(HARDEN) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS := -pthread $(LDHARDEN) $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/util/*.c src/crypto/*.c src/model/*.c src/policy/*.c src/lib/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TESTLIB_SRC := $(sort $(wildcard tests/support/*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TESTLIB_OBJ := $(TESTLIB_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

STATIC   := $(BUILD)/libwrpcheck.a
SHARED   := $(BUILD)/libwrpcheck.so
SHARED_V := $(SHARED).$(VERSION)
CLI      := $(BUILD)/wrpcheck

.SECONDARY:
.PHONY: alloc-fail all deps test check test-run bindings-test sanitize valgrind coverage demo demo-run install uninstall clean tests
.DEFAULT_GOAL := all

all: $(STATIC) $(SHARED) $(CLI)

deps:
	@sh scripts/deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# A CLI source includes the public header and its siblings by their bare names: a quoted include
# naming a folder ("util/utf8.h", "../util/utf8.h") would reach past include/, and fails the build.
CLI_INCLUDE_CHECK = @if grep -nE '^[[:space:]]*\#[[:space:]]*include[[:space:]]*"[^"]*/' $< $(wildcard src/cli/*.h); then \
	    echo "$<: the CLI includes only wrpcheck.h and the headers of src/cli/"; exit 1; fi

$(BUILD)/obj/src/cli/%.o: src/cli/%.c
	$(CLI_INCLUDE_CHECK)
	@mkdir -p $(dir $@)
	$(CC) $(CLI_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests -Itests/support -Itests/alloc -Wno-missing-prototypes -MMD -MP -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(SHARED_V): $(LIB_OBJ) src/lib/wrpcheck.map
	$(CC) -shared -Wl,-soname,libwrpcheck.so.$(SOVERSION) -Wl,--version-script=src/lib/wrpcheck.map \
	    -Wl,--no-undefined $(ALL_CFLAGS) -o $@ $(LIB_OBJ) $(ALL_LDFLAGS) $(PKG_LIBS)

$(SHARED): $(SHARED_V)
	ln -sf libwrpcheck.so.$(VERSION) $(BUILD)/libwrpcheck.so.$(SOVERSION)
	ln -sf libwrpcheck.so.$(VERSION) $@

$(CLI): $(CLI_OBJ) $(STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(STATIC) $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TESTLIB_OBJ) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(TESTLIB_OBJ) $(STATIC) $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

# The allocation-failure tests (tests/alloc/) define malloc for their whole executable; the suite
# also runs the CLI's code in its own process (main renamed) and marks where the judgement starts.
ALLOC_OBJ := $(BUILD)/obj/tests/alloc/allocinject.o

$(BUILD)/obj/tests/cli_main.o: src/cli/main.c
	$(CLI_INCLUDE_CHECK)
	@mkdir -p $(dir $@)
	$(CC) $(CLI_CFLAGS) -Dmain=wrp_cli_main -Wno-missing-prototypes -MMD -MP -c $< -o $@

$(BUILD)/tests/test_alloc_fail: $(BUILD)/obj/tests/test_alloc_fail.o $(ALLOC_OBJ) $(TESTLIB_OBJ) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALLOC_OBJ) $(TESTLIB_OBJ) $(STATIC) $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

# The bounded-work tests count allocations and heap with the same interposed allocator: the
# hostile requests (test_bounded) and the configuration inputs (register documents, CRLs, trusted
# lists).
ALLOC_COUNTED := $(addprefix $(BUILD)/tests/,test_bounded test_register test_x509 test_lote)
$(ALLOC_COUNTED): $(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(ALLOC_OBJ) $(TESTLIB_OBJ) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALLOC_OBJ) $(TESTLIB_OBJ) $(STATIC) $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/test_alloc_suite: $(BUILD)/obj/tests/test_alloc_suite.o $(ALLOC_OBJ) $(BUILD)/obj/tests/cli_main.o \
                                 $(filter-out %/main.o,$(CLI_OBJ)) $(TESTLIB_OBJ) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALLOC_OBJ) $(BUILD)/obj/tests/cli_main.o $(filter-out %/main.o,$(CLI_OBJ)) \
	    $(TESTLIB_OBJ) $(STATIC) -Wl,--wrap=wrp_audit,--wrap=wrp_check_registration \
	    $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

# Every failure point of every command line of the suite (tests/test_alloc_suite.c), the three
# groups side by side. ALLOC_FAIL_ENV=WRP_ALLOC_STRIDE=K takes every Kth instead.
ALLOC_FAIL_ENV ?= WRP_ALLOC_FULL=1
alloc-fail: deps
	@$(MAKE) --no-print-directory $(BUILD)/tests/test_alloc_suite
	@pids=; for g in e2e rc inspect; do \
	    env $(ALLOC_FAIL_ENV) WRP_ALLOC_GROUP=$$g $(BUILD)/tests/test_alloc_suite > $(BUILD)/alloc-fail-$$g.log 2>&1 & \
	    pids="$$pids $$!"; \
	done; \
	fail=0; for p in $$pids; do wait $$p || fail=1; done; \
	grep -h -e '^e2e:' -e '^rc:' -e '^inspect:' -e 'allocation [0-9]* failing' $(BUILD)/alloc-fail-*.log; \
	exit $$fail

tests: $(TEST_BIN) $(CLI)

# test and demo first make sure the dependencies are there, then re-read this Makefile so that
# pkg-config sees what deps installed.
test check: deps
	@$(MAKE) --no-print-directory test-run

test-run: tests bindings-test
	@sh tests/run.sh $(BUILD) $(TEST_BIN) $(BINDING_TESTS) $(DOC_TESTS) $(SCHEMA_TESTS) $(HTML_TESTS)

# The JSON Schemas of the output (schema/): every end-to-end output and expectation validated, and
# documents broken on purpose rejected, with the jsonschema module (make deps installs Debian's
# python3-jsonschema when no python3 has it).
SCHEMA_TESTS := tests/schema/run-tests.sh

# The man page and the bash completion (doc/wrpcheck.1, completion/wrpcheck.bash): the page
# renders without a groff warning and names every option of `wrpcheck audit --help`, both
# install, and the completion completes (doc/run-tests.sh). The layers of src/ (tests/layers.sh,
# SPEC.md section 0): no include runs upward, and the model names no finding or verdict.
DOC_TESTS := doc/run-tests.sh tests/layers.sh

# The HTML reports in a browser (tests/html/run-tests.py): pages of end-to-end cases rendered by
# headless Chromium (make deps installs it), their DOM and screenshots checked; the screenshots
# stay in $(BUILD)/html-shots/.
HTML_TESTS := tests/html/run-tests.py

# Bindings (bindings/): the Python and Java tests and the Swift module map check run as test
# programs of tests/run.sh. The JNI glue and the Java classes are built here, against the JDK
# that provides javac (make deps installs default-jdk-headless). `make java` builds the jar
# (the binding's classes, no native code) and the glue it loads; the Java test runs against the
# jar, its own classes compiled apart.
JAVAC         ?= javac
JDK_HOME      ?= $(patsubst %/bin/javac,%,$(realpath $(shell command -v $(JAVAC) 2>/dev/null)))
JAR_TOOL      ?= $(if $(JDK_HOME),$(JDK_HOME)/bin/jar,jar)
JNI_OS        ?= $(shell uname -s | tr A-Z a-z)
JNI_SO        := $(BUILD)/jni/libwrpcheck_jni.so
JNI_CLASSES   := $(BUILD)/jni/classes.stamp
JNI_TEST_CLASSES := $(BUILD)/jni/test-classes.stamp
JAVA_JAR      := $(BUILD)/wrpcheck.jar
JAVA_SRC      := $(sort $(wildcard bindings/jni/java/wrpcheck/*.java))
JAVA_TEST_SRC := $(sort $(wildcard bindings/jni/test/wrpcheck/*.java))
BINDING_TESTS := bindings/python/run-tests.sh bindings/jni/run-tests.sh bindings/swift/check-modulemap.sh

.PHONY: java
java: $(JAVA_JAR) $(JNI_SO)

bindings-test: $(SHARED) $(CLI) $(JNI_SO) $(JAVA_JAR) $(JNI_TEST_CLASSES)

$(JNI_SO): bindings/jni/c/wrpcheck_jni.c bindings/jni/c/wrpcheck_jni.map include/wrpcheck.h $(SHARED)
	@test -n "$(JDK_HOME)" || { echo "bindings: javac not found (make deps installs default-jdk-headless)"; exit 1; }
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I$(JDK_HOME)/include -I$(JDK_HOME)/include/$(JNI_OS) -shared -o $@ $< \
	    -Wl,--version-script=bindings/jni/c/wrpcheck_jni.map -Wl,--no-undefined -Wl,-rpath,'$$ORIGIN/..' \
	    -L$(BUILD) -lwrpcheck $(ALL_LDFLAGS)

$(JNI_CLASSES): $(JAVA_SRC)
	@rm -rf $(BUILD)/jni/classes && mkdir -p $(BUILD)/jni/classes
	$(JAVAC) -Xlint:all -Werror -d $(BUILD)/jni/classes $(JAVA_SRC)
	@touch $@

$(JAVA_JAR): $(JNI_CLASSES)
	@printf 'Main-Class: wrpcheck.Wrpcheck\nImplementation-Title: wrpcheck\nImplementation-Version: %s\n' \
	    "$(VERSION)" > $(BUILD)/jni/manifest.txt
	$(JAR_TOOL) --create --file $@ --manifest $(BUILD)/jni/manifest.txt -C $(BUILD)/jni/classes wrpcheck

$(JNI_TEST_CLASSES): $(JAVA_TEST_SRC) $(JAVA_JAR)
	@rm -rf $(BUILD)/jni/test-classes && mkdir -p $(BUILD)/jni/test-classes
	$(JAVAC) -Xlint:all -Werror -cp $(JAVA_JAR) -d $(BUILD)/jni/test-classes $(JAVA_TEST_SRC)
	@touch $@

# The Python package (bindings/python/README.md): `make python-wheel` builds the wheel, which
# bundles this build's library, with the first interpreter that has pip, setuptools, wheel and
# venv (bindings/python/find-python.sh: $(PYTHON) when given, python3, /usr/bin/python3; make deps
# installs Debian's python3-pip, python3-setuptools, python3-wheel and python3-venv when none has
# them). `make python-venv` installs it, offline, into a fresh virtual environment: the binding's
# tests import the installed package from there.
PYTHON        ?=
PY_FOR_WHEEL   = $(shell PYTHON='$(PYTHON)' sh bindings/python/find-python.sh)
PY_SRC        := $(sort $(wildcard bindings/python/wrpcheck/*.py)) bindings/python/wrpcheck/py.typed \
                 bindings/python/setup.py bindings/python/pyproject.toml bindings/python/README.md
PY_WHEEL_DIR  := $(BUILD)/python-wheel
PY_WHEEL      := $(PY_WHEEL_DIR)/.stamp
PY_VENV       := $(BUILD)/python-venv
PY_VENV_STAMP := $(PY_VENV)/.stamp
PIP_OFFLINE   := --no-index --no-deps --no-cache-dir --disable-pip-version-check --no-input

.PHONY: python-wheel python-venv
python-wheel: $(PY_WHEEL)
python-venv: $(PY_VENV_STAMP)
bindings-test: $(PY_VENV_STAMP)

$(PY_WHEEL): $(SHARED_V) $(PY_SRC)
	@rm -rf $(PY_WHEEL_DIR) $(BUILD)/python-setup
	@py='$(PY_FOR_WHEEL)'; test -n "$$py" || { echo "python-wheel: no python3 has pip, setuptools, wheel and venv (make deps installs them)"; exit 1; }; \
	echo "$$py -m pip wheel -w $(PY_WHEEL_DIR) bindings/python"; \
	WRPCHECK_BUNDLE='$(abspath $(SHARED_V))' WRPCHECK_SETUP_BUILD='$(abspath $(BUILD)/python-setup)' \
	    "$$py" -m pip wheel -q --no-build-isolation $(PIP_OFFLINE) -w $(PY_WHEEL_DIR) bindings/python
	@touch $@

$(PY_VENV_STAMP): $(PY_WHEEL)
	@rm -rf $(PY_VENV)
	@py='$(PY_FOR_WHEEL)'; test -n "$$py" || { echo "python-venv: no python3 has pip and venv (make deps installs them)"; exit 1; }; \
	echo "$$py -m venv $(PY_VENV)"; "$$py" -m venv $(PY_VENV)
	$(PY_VENV)/bin/python -m pip install -q $(PIP_OFFLINE) $(PY_WHEEL_DIR)/wrpcheck-*.whl
	@touch $@

sanitize: deps
	$(MAKE) BUILD=build/san SAN=1 CFLAGS="-O1 -g" test-run

valgrind: deps
	@command -v valgrind >/dev/null 2>&1 || WRP_WANT_VALGRIND=1 sh scripts/deps.sh
	$(MAKE) BUILD=build/vg CFLAGS="-O1 -g" tests
	@WRP_NO_ALLOC_INJECTION=1 VALGRIND="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible" \
	    sh tests/run.sh build/vg $(patsubst $(BUILD)/%,build/vg/%,$(TEST_BIN))

coverage: deps
	@command -v gcovr >/dev/null 2>&1 || WRP_WANT_GCOVR=1 sh scripts/deps.sh
	$(MAKE) BUILD=build/cov COV=1 CFLAGS="-O0 -g" test-run
	@if command -v gcovr >/dev/null 2>&1; then gcovr -r . --object-directory build/cov/obj -f src/ --print-summary -o build/cov/coverage.txt && tail -n 3 build/cov/coverage.txt; \
	else echo "coverage: gcovr not installed (apt-get install gcovr)"; exit 1; fi

demo: deps
	@$(MAKE) --no-print-directory demo-run

demo-run: all
	@sh scripts/demo.sh $(CLI)

wrpcheck.pc: Makefile
	@printf 'prefix=%s\nlibdir=%s\nincludedir=%s\n\nName: wrpcheck\nDescription: Judge EUDI relying-party requests before disclosure\nVersion: %s\nRequires.private: %s\nLibs: -L$${libdir} -lwrpcheck\nCflags: -I$${includedir}\n' \
	    "$(PREFIX)" "$(LIBDIR)" "$(INCLUDEDIR)" "$(VERSION)" "$(PKGS)" > $(BUILD)/wrpcheck.pc

install: all wrpcheck.pc
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 include/wrpcheck.h $(DESTDIR)$(INCLUDEDIR)/wrpcheck.h
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libwrpcheck.a
	install -m 755 $(SHARED_V) $(DESTDIR)$(LIBDIR)/libwrpcheck.so.$(VERSION)
	ln -sf libwrpcheck.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libwrpcheck.so.$(SOVERSION)
	ln -sf libwrpcheck.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libwrpcheck.so
	install -m 644 $(BUILD)/wrpcheck.pc $(DESTDIR)$(PKGCONFIGDIR)/wrpcheck.pc
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/wrpcheck
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 doc/wrpcheck.1 $(DESTDIR)$(MANDIR)/man1/wrpcheck.1
	install -m 644 completion/wrpcheck.bash $(DESTDIR)$(BASHCOMPDIR)/wrpcheck

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/wrpcheck.h $(DESTDIR)$(LIBDIR)/libwrpcheck.a \
	    $(DESTDIR)$(LIBDIR)/libwrpcheck.so $(DESTDIR)$(LIBDIR)/libwrpcheck.so.$(SOVERSION) \
	    $(DESTDIR)$(LIBDIR)/libwrpcheck.so.$(VERSION) $(DESTDIR)$(PKGCONFIGDIR)/wrpcheck.pc \
	    $(DESTDIR)$(BINDIR)/wrpcheck $(DESTDIR)$(MANDIR)/man1/wrpcheck.1 $(DESTDIR)$(BASHCOMPDIR)/wrpcheck

# make bench: what a verdict costs next to its signature verifications (bench/README.md). The
# benchmark links the static library at -O2, wraps d2i_X509 to time certificate decoding, and
# wraps the verification calls to count the signature work of a judgement.
BENCH_BIN := $(BUILD)/bench/bench
$(BENCH_BIN): $(wildcard bench/*.c bench/*.h) $(STATIC) $(CLI)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -g -Iinclude -Isrc $(WARN) -Wno-missing-prototypes $(PKG_CFLAGS) \
	    -o $@ $(wildcard bench/*.c) $(STATIC) -Wl,--wrap=d2i_X509,--wrap=d2i_X509_CRL \
	    -Wl,--wrap=EVP_DigestVerify,--wrap=X509_verify_cert,--wrap=X509_CRL_verify $(PKG_LIBS)

.PHONY: bench bench-run
bench: deps
	@$(MAKE) --no-print-directory bench-run

bench-run: $(BENCH_BIN)
	@$(BENCH_BIN) $(CLI)

clean:
	rm -rf build

# --- Fuzzing (fuzz/README.md) ---------------------------------------------------------------------
# Every fuzz/fuzz_TARGET.c is a libFuzzer target, linked twice: as is, and with the signature stub
# (nosig/TARGET: src/crypto/sig.c built with WRP_FUZZ_NO_SIGNATURES, SPEC.md "Fuzzing").
#   make fuzz        clang + libFuzzer + ASan/UBSan: build/fuzz/TARGET, build/fuzz/nosig/TARGET
#   make fuzz-run    fuzzes each for FUZZ_TIME seconds, FUZZ_JOBS at a time; crashes to fuzz/crashes/
#   make fuzz-campaign  the same in turn, measured: a table in fuzz/README.md
#   make test        also replays every target's seeds and fuzz/crashes/TARGET with a plain main
#                    (build/fuzz-replay/TARGET, build/fuzz-replay/nosig/TARGET), so with any $(CC)
FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_JOBS    ?= 2
FUZZ_ENGINE  ?= standalone
FUZZ_TARGETS := $(sort $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c)))
FUZZ_HELPERS := $(BUILD)/obj/fuzz/common.o $(BUILD)/obj/fuzz/files.o $(BUILD)/obj/fuzz/resource.o \
                $(BUILD)/obj/fuzz/rewrite.o $(BUILD)/obj/fuzz/mutator.o
FUZZ_STUB    := -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -DWRP_FUZZ_NO_SIGNATURES
ifeq ($(FUZZ_ENGINE),libfuzzer)
FUZZ_OUT     := $(BUILD)
FUZZ_MAIN    :=
FUZZ_MAIN_NOSIG :=
FUZZ_LINK    := -fsanitize=fuzzer
else
FUZZ_OUT     := $(BUILD)/fuzz-replay
FUZZ_MAIN    := $(BUILD)/obj/fuzz/standalone.o
FUZZ_MAIN_NOSIG := $(BUILD)/obj/fuzz/standalone-nosig.o
FUZZ_LINK    :=
endif
FUZZ_BIN       := $(FUZZ_TARGETS:%=$(FUZZ_OUT)/%)
FUZZ_BIN_NOSIG := $(FUZZ_TARGETS:%=$(FUZZ_OUT)/nosig/%)

.PHONY: fuzz fuzz-bins fuzz-run fuzz-campaign
fuzz:
	@WRP_WANT_CLANG=1 sh scripts/deps.sh
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) SAN=1 FUZZ_ENGINE=libfuzzer \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION" fuzz-bins

fuzz-bins: $(FUZZ_BIN) $(FUZZ_BIN_NOSIG) $(BUILD)/fuzz-seeds/.stamp

fuzz-run: fuzz
	@sh fuzz/run.sh build/fuzz $(FUZZ_TIME) $(FUZZ_JOBS) $(FUZZ_TARGETS)

# A measured campaign (fuzz/README.md, "Campaign"): every target in turn for FUZZ_TIME seconds
# (FUZZ_CAMPAIGN_JOBS at a time), then the structure-aware mutator against libFuzzer's own; the
# table goes into fuzz/README.md. An hour in all: FUZZ_TIME=110 with one job.
FUZZ_CAMPAIGN_JOBS ?= 1
fuzz-campaign: fuzz
	@sh fuzz/campaign.sh build/fuzz $(FUZZ_TIME) $(FUZZ_CAMPAIGN_JOBS) $(FUZZ_TARGETS)

$(BUILD)/gen/fuzz_files.c: fuzz/embed.py fuzz/fuzzlib.py src/crypto/sig.h testvectors/rc/sl-valid.jwt \
                           testvectors/rc/sl-valid.cwt $(wildcard testvectors/rc/pki/*.pem) \
                           testvectors/pki/ac-root.pem testvectors/pki/ac-int.pem \
                           testvectors/crl/current.pem $(wildcard testvectors/register/pki/*.pem)
	@mkdir -p $(dir $@)
	python3 fuzz/embed.py $@

$(BUILD)/obj/fuzz/files.o: $(BUILD)/gen/fuzz_files.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifuzz -c $< -o $@

$(BUILD)/obj/fuzz/sig-nosig.o: src/crypto/sig.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_STUB) -MMD -MP -c $< -o $@

$(BUILD)/obj/fuzz/standalone-nosig.o: fuzz/standalone.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_STUB) -MMD -MP -c $< -o $@

# The names of every file the seeds are made from, rewritten only when they change, so that a file
# removed from testvectors/ also rebuilds the corpus (a date check sees only added or newer files).
SEED_INPUTS := $(shell find testvectors fuzz -type f 2>/dev/null | LC_ALL=C sort)
.PHONY: FORCE
$(BUILD)/fuzz-seeds.inputs: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' $(SEED_INPUTS) > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(BUILD)/fuzz-seeds/.stamp: $(BUILD)/fuzz-seeds.inputs $(SEED_INPUTS)
	rm -rf $(BUILD)/fuzz-seeds
	python3 fuzz/make_corpus.py $(BUILD)/fuzz-seeds
	@touch $@

$(FUZZ_BIN): $(FUZZ_OUT)/%: $(BUILD)/obj/fuzz/fuzz_%.o $(FUZZ_HELPERS) $(FUZZ_MAIN) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(FUZZ_HELPERS) $(FUZZ_MAIN) $(STATIC) $(ALL_LDFLAGS) $(FUZZ_LINK) $(PKG_LIBS)

# sig-nosig.o defines every symbol of sig.o, so the archive's sig.o is never linked in.
$(FUZZ_BIN_NOSIG): $(FUZZ_OUT)/nosig/%: $(BUILD)/obj/fuzz/fuzz_%.o $(FUZZ_HELPERS) $(FUZZ_MAIN_NOSIG) \
                                         $(BUILD)/obj/fuzz/sig-nosig.o $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(FUZZ_HELPERS) $(FUZZ_MAIN_NOSIG) $(BUILD)/obj/fuzz/sig-nosig.o \
	    $(STATIC) $(ALL_LDFLAGS) $(FUZZ_LINK) $(PKG_LIBS)

tests: $(FUZZ_BIN) $(FUZZ_BIN_NOSIG) $(BUILD)/fuzz-seeds/.stamp
TEST_BIN += $(FUZZ_BIN) $(FUZZ_BIN_NOSIG)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
