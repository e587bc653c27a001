"""The JSON Schemas of schema/ against what wrpcheck writes (one test program of tests/run.sh, run
by tests/schema/run-tests.sh from the repository root with an interpreter that has jsonschema).

- each schema is a valid draft 2020-12 schema, and its finding codes are WRP_CODE_TABLE;
- every end-to-end case (testvectors/e2e/cases.tsv and batch.tsv) is run as test_e2e runs it, and
  its output validated: a json case's result, a log case's record, each line of a batch;
- every expected output of those cases validates too: a log record as it is, a result once its
  findings have the message that the expectations leave out (test_e2e only requires one);
- results and records broken on purpose (a verdict word, a missing member, an unknown code, ...)
  are rejected, so that the schemas can fail.

Prints cmocka's summary lines; exit status 1 when any test failed.
"""

import copy
import json
import os
import re
import subprocess
import sys

import jsonschema

try:  # jsonschema >= 4.18
    from referencing import Registry, Resource
except ImportError:  # Debian bookworm's 4.10
    Registry = None

BUILD = os.environ.get("WRP_BUILD", "build")
CLI = os.path.join(BUILD, "wrpcheck")
E2E = "testvectors/e2e/"
NAMES = ("result", "batch-line", "log", "log-batch-line")


def load_schemas():
    return {n: json.load(open("schema/%s.schema.json" % n, encoding="utf-8")) for n in NAMES}


SCHEMAS = load_schemas()


def validator(name, schemas=SCHEMAS):
    cls = jsonschema.Draft202012Validator
    if Registry is not None:
        registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
        return cls(schemas[name], registry=registry)
    store = {s["$id"]: s for s in schemas.values()}
    return cls(schemas[name], resolver=jsonschema.RefResolver.from_schema(schemas[name], store=store))


V = {n: validator(n) for n in NAMES}


def errors(name, instance):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message)
            for e in V[name].iter_errors(instance)]


# ---- the cases --------------------------------------------------------------------------------

def cases(table):
    for line in open(E2E + table, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            name, status, check, stdin, args = line.split("\t")
            yield name, int(status), check, stdin, args.split(" ")


def run(stdin, argv):
    inp = open(stdin, "rb") if stdin != "-" else subprocess.DEVNULL
    try:
        p = subprocess.run([CLI] + argv, stdin=inp, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    finally:
        if stdin != "-":
            inp.close()
    return p.returncode, p.stdout.decode("utf-8")


def expected(name):
    return json.load(open(E2E + "expected/%s.json" % name, encoding="utf-8"))


def as_output(result):
    """An expected result as the CLI prints it: with the message of each finding (the expectations
    leave messages out; test_e2e only requires them to be there), without the text checks."""
    r = {k: v for k, v in result.items() if k not in ("text_has", "text_lacks", "stderr_has")}
    for f in r.get("findings", []):
        f.setdefault("message", "a message")
    return r


def check_case(name, status, check, stdin, argv):
    problems = []
    if check in ("json", "log"):
        schema = "result" if check == "json" else "log"
        rc, out = run(stdin, argv)
        if rc != status:
            problems.append("exit %d, expected %d" % (rc, status))
        try:
            problems += errors(schema, json.loads(out))
        except ValueError as x:
            problems.append("stdout is not JSON (%s): %.200s" % (x, out))
        want = expected(name)
        problems += ["expected: " + e for e in errors(schema, as_output(want) if check == "json" else want)]
    elif check == "text":
        problems += ["expected: " + e for e in errors("result", as_output(expected(name)))]
    elif check in ("batch", "batch-log"):
        schema = "batch-line" if check == "batch" else "log-batch-line"
        rc, out = run(stdin, argv)
        if rc != status:
            problems.append("exit %d, expected %d" % (rc, status))
        lines = out.splitlines()
        if not lines:
            problems.append("no output")
        for i, line in enumerate(lines, 1):
            try:
                problems += ["line %d: %s" % (i, e) for e in errors(schema, json.loads(line))]
            except ValueError:
                problems.append("line %d is not JSON: %.200s" % (i, line))
        want = expected(name)
        for i, r in enumerate(want["results"], 1):
            r = as_output(r) if check == "batch" else r
            problems += ["expected result %d: %s" % (i, e) for e in errors(schema, r)]
        problems += ["expected summary: " + e for e in errors(schema, {"summary": want["summary"]})]
    return problems


# ---- the schemas themselves -------------------------------------------------------------------

def schemas_are_draft_2020_12():
    problems = []
    for n, s in SCHEMAS.items():
        if s.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            problems.append("%s: $schema is not draft 2020-12" % n)
        try:
            jsonschema.Draft202012Validator.check_schema(s)
        except jsonschema.SchemaError as x:
            problems.append("%s: %s" % (n, x.message))
    return problems


def codes_are_the_code_table():
    header = open("include/wrpcheck.h", encoding="utf-8").read()
    table = re.findall(r"^\s*X\(([A-Z_]+), \d+\)", header, re.M)
    enum = SCHEMAS["result"]["$defs"]["code"]["enum"]
    if len(table) < 40:
        return ["the code table of include/wrpcheck.h was not read"]
    return [] if enum == table else ["schema codes %s, the table %s" % (enum, table)]


# ---- the schemas can fail ---------------------------------------------------------------------

def edited(doc, path, value=None, drop=False):
    doc = copy.deepcopy(doc)
    *head, last = path
    node = doc
    for k in head:
        node = node[k]
    if drop:
        del node[last]
    else:
        node[last] = value
    return doc


def broken_results_are_rejected():
    base = as_output(expected("rule6-one-finding-per-path"))  # deny, two OVERASK findings
    allow = as_output(expected("allow-basic"))
    log = expected("log-intermediary")
    logbad = expected("log-unverified-rc-untrusted")
    summary = {"summary": expected("batch-log")["summary"]}
    problems = [] if not errors("result", base) and not errors("log", log) else ["the originals do not validate"]
    broken = [
        ("result", "a verdict word", edited(base, ["verdict"], "reject")),
        ("result", "verdict allow with an error finding", edited(base, ["verdict"], "allow")),
        ("result", "verdict error without REQUEST_MALFORMED", edited(base, ["verdict"], "error")),
        ("result", "verdict deny without an error finding", edited(allow, ["verdict"], "deny")),
        ("result", "no requested member", edited(base, ["requested"], drop=True)),
        ("result", "no intermediary member", edited(base, ["intermediary"], drop=True)),
        ("result", "an unknown finding code", edited(base, ["findings", 0, "code"], "OVERASK_CLAIM")),
        ("result", "a severity word", edited(base, ["findings", 0, "severity"], "fatal")),
        ("result", "an error finding as info", edited(allow, ["findings"], [
            {"code": "RC_EXPIRED", "severity": "info", "message": "m"}])),
        ("result", "OVERASK without its path", edited(base, ["findings", 0, "path"], drop=True)),
        ("result", "no message", edited(base, ["findings", 0, "message"], drop=True)),
        ("result", "a member the contract does not define", edited(base, ["verdict_reason"], "x")),
        ("result", "a relying party member it does not define", edited(base, ["relying_party", "email"], "x")),
        ("result", "a path element of the wrong type", edited(base, ["requested", 0, "path"], [1.5])),
        ("result", "registered as a string", edited(base, ["requested", 0, "registered"], "true")),
        ("result", "a request_kind word", edited(base, ["request_kind"], "jwt")),
        ("result", "display for an unverified relying party",
         edited(as_output(expected("display-unverified")), ["display"],
                {"lang": "nl", "purpose": "p", "srv_description": "s"})),
        ("result", "display without srv_description",
         edited(as_output(expected("display-first-tag")), ["display", "srv_description"], drop=True)),
        ("batch-line", "a batch line without request", base),
        ("batch-line", "a summary with an unknown code", edited(summary, ["summary", "codes", "OVERASKED"], 1)),
        ("log", "isIntermediary as the string FALSE", edited(log, ["isIntermediary"], "FALSE")),
        ("log", "no listOfClaimsRequested", edited(log, ["listOfClaimsRequested"], drop=True)),
        ("log", "an intermediated record without its intermediary", edited(log, ["intermediaryIdentifier"], drop=True)),
        ("log", "an intermediary without isIntermediary", edited(log, ["isIntermediary"], False)),
        ("log", "a member TS10 does not define here", edited(log, ["listOfClaimsPresented"], [])),
        ("log", "a purpose in the certificate's {lang, value}", edited(log, ["purpose", 0],
                                                                      {"lang": "en", "value": "x"})),
        ("log", "a plain string name", edited(log, ["interactingPartyName"], "Example Shop")),
        ("log", "an unverified party named", edited(logbad, ["interactingPartyName"],
                                                    {"lang": "und", "content": "Example Shop"})),
        ("log", "an empty claims list", edited(log, ["listOfClaimsRequested", 0, "claims"], [])),
        ("log", "a reason that gives no verdict", edited(logbad, ["reasonOfNoncompletion"], "session interrupted")),
        ("log-batch-line", "a record without its request", {"presentation": log}),
    ]
    for schema, what, doc in broken:
        if not errors(schema, doc):
            problems.append("%s: a document with %s validates" % (schema, what))
    return problems


# ---- cmocka's lines ---------------------------------------------------------------------------

def main():
    if not os.access(CLI, os.X_OK):
        print("schema: no CLI at %s (make)" % CLI)
        print("[  FAILED  ] 1 test(s).")
        return 1
    tests = [("schemas_are_draft_2020_12", schemas_are_draft_2020_12),
             ("codes_are_the_code_table", codes_are_the_code_table),
             ("broken_results_are_rejected", broken_results_are_rejected)]
    for table in ("cases.tsv", "batch.tsv"):
        for name, status, check, stdin, argv in cases(table):
            if check != "usage":
                tests.append(("e2e %s (%s)" % (name, check),
                              lambda a=(name, status, check, stdin, argv): check_case(*a)))
    print("[==========] schema: running %d test(s)." % len(tests))
    failed = []
    for name, fn in tests:
        print("[ RUN      ] " + name)
        problems = fn()
        if problems:
            for p in problems[:10]:
                print("  " + p)
            print("[  ERROR   ] " + name)
            failed.append(name)
        else:
            print("[       OK ] " + name)
    if len(tests) < 400:
        print("schema: only %d tests: the case tables were not read" % len(tests))
        failed.append("the case tables")
    print("[  PASSED  ] %d test(s)." % (len(tests) - len(failed)))
    if failed:
        print("[  FAILED  ] %d test(s), listed below:" % len(failed))
        for name in failed:
            print("[  FAILED  ] " + name)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
