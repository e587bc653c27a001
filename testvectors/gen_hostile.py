#!/usr/bin/env python3
"""Generates the hostile requests of testvectors/hostile/: requests that are small but would make a
careless judgement take quadratic time or memory (contract v1.1, "Bounded work"), and the largest
requests within every limit.

Each request is signed like the end-to-end vectors (testvectors/gen_e2e.py: ac-leaf for requests
and readers, the RC signer for registration certificates) and judged with the end-to-end inputs:
  --ac-anchors testvectors/pki/ac-root.pem --crl testvectors/crl/current.pem
  --rc-anchors testvectors/rc/pki/rc-root.pem --status-list testvectors/rc/sl-valid.jwt
  --time 1798761600 [--transcript testvectors/e2e/transcript.cbor for DeviceRequests]

manifest.tsv: file<TAB>verdict<TAB>codes=C<TAB>what=W
  verdict  the contract's verdict
  codes    the finding codes in order, comma separated, or - for none
tests/test_bounded.c judges each with the library and checks the verdict, the codes, and that the
work and memory of the judgement stay within bounds proportional to the request's size.

Every signature is deterministic, so a re-run writes identical files.
Usage: python3 testvectors/gen_hostile.py [--check]
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_e2e as e2e  # noqa: E402

OUT = os.path.join(HERE, "hostile")
LOYALTY = e2e.LOYALTY
MAX_ITEMS = 4096


def types(n):
    return ["urn:example:hostile:type:%d" % i for i in range(n)]


def claims(n, prefix="c"):
    return [{"id": "%s%d" % (prefix, i), "path": ["%s%d" % (prefix, i)]} for i in range(n)]


# A registration certificate whose credentials register LOYALTY and 64 other types, each without
# a claim list (every claim of the type): requests within the limits are then allowed.
RC_WIDE = e2e.rc_jwt(e2e.rc_payload(credentials=[
    e2e.entry("dc+sd-jwt", [LOYALTY]),
    e2e.entry("dc+sd-jwt", types(64)),
]))


def request(creds, sets=None):
    return e2e.request_object(e2e.params(creds, rc=RC_WIDE, sets=sets))


def loyalty(cid, claim_list=None, **extra):
    return e2e.sdjwt(cid, claim_list, vct=(LOYALTY,), **extra)


def build():
    out = []

    def put(name, data, verdict, codes, what):
        out.append((name, data, verdict, codes, what))

    # 1. credential_sets naming one credential query of 1,024 claims 10,000 times.
    sets = [{"options": [["A"]] * 1000} for _ in range(10)]
    put("refs-credential-sets.jwt", request([loyalty("A", claims(1024))], sets),
        "allow", "-", "credential_sets: 10 sets of 1,000 options each naming query A")

    # ... and beside it a second query that only inflates the number of requested items.
    sets = [{"options": [["A", "B"]] * 1000} for _ in range(10)]
    put("refs-credential-sets-inflated.jwt",
        request([loyalty("A", [{"path": ["points"]}]), loyalty("B", claims(1024))], sets),
        "allow", "-", "credential_sets naming A and B 10,000 times, B with 1,024 claims")

    # Duplicate ids inside one option.
    sets = [{"options": [["A"] * 1000] * 10}]
    put("refs-duplicate-ids.jwt", request([loyalty("A", [{"path": ["points"]}])], sets),
        "allow", "-", "one credential set of 10 options, each naming A 1,000 times")

    # 2. claim_sets: 30 sets of 1,000 claim ids of one query of 4 types x 1,000 claims.
    ids = ["c%d" % i for i in range(1000)]
    put("refs-claim-sets.jwt",
        request([e2e.sdjwt("A", claims(1000), vct=types(4), claim_sets=[ids] * 30)]),
        "allow", "-", "claim_sets: 30 sets of 1,000 claim ids, 4 types")

    # 3. types x claims: 1,024 vct_values and 1,024 claims, a million requested items (42 KB).
    put("items-types-by-claims.jwt",
        request([e2e.sdjwt("A", claims(1024), vct=types(1024))]),
        "error", "REQUEST_MALFORMED", "1,024 types x 1,024 claims in one query")

    # Four such queries.
    put("items-types-by-claims-x4.jwt",
        request([e2e.sdjwt(q, claims(1024), vct=types(1024)) for q in "ABCD"]),
        "error", "REQUEST_MALFORMED", "four queries of 1,024 types x 1,024 claims")

    # The limit itself: 64 types x 64 claims is within it, one claim more in another query is not.
    put("items-at-limit.jwt", request([e2e.sdjwt("A", claims(64), vct=types(64))]),
        "allow", "-", "64 types x 64 claims: exactly 4,096 items")
    put("items-over-limit.jwt",
        request([e2e.sdjwt("A", claims(64), vct=types(64)), loyalty("B", [{"path": ["points"]}])]),
        "error", "REQUEST_MALFORMED", "4,096 items and one more")

    # Queries without claims count once per type.
    put("items-whole-credentials.jwt",
        request([e2e.sdjwt("q%d" % i, None, vct=types(64)) for i in range(65)]),
        "error", "REQUEST_MALFORMED", "65 queries without claims, 64 types each: 4,160 items")

    # DeviceRequests: every data element is one item.
    def doc(n, first=0):
        return e2e.Doc(e2e.MDL, {e2e.MDL_NS: {"e%d" % i: False for i in range(first, first + n)}},
                       rc=e2e.RC_VALID)
    put("mdoc-at-limit.cbor", e2e.device_request([doc(1024, k * 1024) for k in range(4)]),
        "allow", "-", "4 DocRequests of 1,024 elements: exactly 4,096 items")
    put("mdoc-over-limit.cbor", e2e.device_request([doc(1024, k * 1024) for k in range(4)] + [doc(1)]),
        "error", "REQUEST_MALFORMED", "4,097 data elements")
    return out


def build_topics(files):
    """Hostile requests of one topic each (testvectors/hostile_TOPIC.py, in name order): a module
    holds a build(put) whose put(name, data, verdict, codes, what) adds one request, judged with
    the same configuration as the others."""
    import glob
    import importlib

    def put(name, data, verdict, codes, what):
        files.append((name, data, verdict, codes, what))
    for path in sorted(glob.glob(os.path.join(HERE, "hostile_*.py"))):
        importlib.import_module(os.path.splitext(os.path.basename(path))[0]).build(put)


def main():
    check = "--check" in sys.argv[1:]
    files = build()
    build_topics(files)
    lines = ["# Hostile requests, generated by testvectors/gen_hostile.py (see there).",
             "# file\tverdict\tcodes=C\twhat=W"]
    for name, data, verdict, codes, what in files:
        lines.append("\t".join((name, verdict, "codes=" + codes, "what=" + what)))
    files.append(("manifest.tsv", ("\n".join(lines) + "\n").encode(), None, None, None))
    bad = 0
    os.makedirs(OUT, exist_ok=True)
    for name, data, *_ in files:
        path = os.path.join(OUT, name)
        if check:
            with open(path, "rb") as f:
                if f.read() != data:
                    print("gen_hostile: %s differs" % name)
                    bad += 1
        else:
            with open(path, "wb") as f:
                f.write(data)
    print("gen_hostile: %d files%s" % (len(files), " checked" if check else " written"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
