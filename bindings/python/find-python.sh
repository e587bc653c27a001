#!/bin/sh
# Prints the first Python 3 interpreter that can build the wheel and make a virtual environment
# offline: Python >= 3.8 with pip, setuptools, bdist_wheel (the wheel package, or setuptools
# >= 70.1) and venv with ensurepip. Candidates, in order: $PYTHON, python3 on PATH,
# /usr/bin/python3 (Debian's and Ubuntu's, which have all of them with python3-pip,
# python3-setuptools, python3-wheel and python3-venv). Exit status 1 when none can.
for py in ${PYTHON:-} python3 /usr/bin/python3; do
    command -v "$py" >/dev/null 2>&1 || continue
    if "$py" - >/dev/null 2>&1 <<'PY'
import sys
from importlib.util import find_spec
assert sys.version_info >= (3, 8)
import setuptools  # first: it replaces distutils
assert all(find_spec(m) for m in ("ensurepip", "pip", "venv"))
assert find_spec("setuptools.command.bdist_wheel") or find_spec("wheel.bdist_wheel")
PY
    then
        command -v "$py"
        exit 0
    fi
done
exit 1
