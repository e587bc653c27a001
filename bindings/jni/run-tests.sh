#!/bin/sh
# The Java binding's tests, one test program of tests/run.sh (run from the repository root), on
# the glue and classes `make bindings-test` built in $build/jni. -Xcheck:jni makes the JVM check
# every JNI call of the glue.
set -u
. bindings/testenv.sh
exec java -Xcheck:jni -Djava.library.path="$build/jni" -Dwrpcheck.root=. -Dwrpcheck.cli="$build/wrpcheck" \
    -cp "$build/jni/classes" wrpcheck.BindingTest
