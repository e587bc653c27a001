#!/bin/sh
# The Java binding's tests, one test program of tests/run.sh (run from the repository root),
# against what `make bindings-test` built: the jar $build/wrpcheck.jar (the binding as an
# application gets it), the glue in $build/jni, and the test's own classes, compiled apart
# against the jar. -Xcheck:jni makes the JVM check every JNI call of the glue.
set -u
. bindings/testenv.sh
exec java -Xcheck:jni -Djava.library.path="$build/jni" -Dwrpcheck.root=. -Dwrpcheck.cli="$build/wrpcheck" \
    -Dwrpcheck.jar="$build/wrpcheck.jar" -cp "$build/wrpcheck.jar:$build/jni/test-classes" wrpcheck.BindingTest
