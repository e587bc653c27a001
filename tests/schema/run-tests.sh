#!/bin/sh
# The JSON Schemas of schema/ (one test program of tests/run.sh, run from the repository root,
# $WRP_BUILD the build under test): tests/schema/validate.py with the first interpreter that has
# jsonschema with draft 2020-12 (Debian's python3-jsonschema, which `make deps` installs): $PYTHON,
# python3, then /usr/bin/python3. None has it: the test fails and says what to install.
set -u
for py in ${PYTHON:-} python3 /usr/bin/python3; do
    command -v "$py" >/dev/null 2>&1 || continue
    if "$py" -c 'import jsonschema; jsonschema.Draft202012Validator' >/dev/null 2>&1; then
        exec "$py" tests/schema/validate.py
    fi
done
echo "schema: no python3 has the jsonschema module with draft 2020-12;" \
     "install Debian's python3-jsonschema (make deps does) or jsonschema >= 4 for \$PYTHON"
echo "[  FAILED  ] 1 test(s)."
exit 1
