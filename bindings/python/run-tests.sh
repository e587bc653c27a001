#!/bin/sh
# The Python binding's tests, one test program of tests/run.sh (run from the repository root).
# They test the package as installed: the wheel that `make python-wheel` built, with this build's
# library bundled, installed into $build/python-venv by `make python-venv`. They run with that
# environment's interpreter in isolated mode (-I: no PYTHONPATH, no script or current directory on
# the path) from inside the environment, so `import wrpcheck` cannot find bindings/python/wrpcheck.
# Under the sanitizer build the wheel bundles the instrumented library and testenv.sh preloads
# the ASan runtime.
set -u
. bindings/testenv.sh
root=$(pwd)
case $build in /*) ;; *) build=$root/$build ;; esac
venv=$build/python-venv
if [ ! -x "$venv/bin/python" ] || [ ! -e "$venv/.stamp" ]; then
    echo "python: no installed package in $venv (make python-venv)"
    echo "[  FAILED  ] 1 test(s)."
    exit 1
fi
cd "$venv" || exit 1
unset WRPCHECK_LIB
WRP_BUILD="$build" WRP_PYTHON_VENV="$venv" exec bin/python -I "$root/bindings/python/tests/run.py"
