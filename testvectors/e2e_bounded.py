"""End-to-end cases of contract v1.1 "Bounded work", on the hostile requests of
testvectors/hostile/ (gen_hostile.py): over 4,096 requested items a request is REQUEST_MALFORMED,
and options that repeat an id are judged like any other request. Built by testvectors/gen_e2e.py
(build_topics); tests/test_bounded.c holds the same requests to their work and memory bounds."""

import gen_e2e as e
import gen_hostile

H = "testvectors/hostile/"


def build(v):
    v.section("bounded work (contract v1.1)")
    for name in ("items-over-limit.jwt", "items-types-by-claims.jwt", "items-whole-credentials.jwt"):
        v.add("bounded-" + name[:-4], H + name, findings=[e.F("REQUEST_MALFORMED")])
    v.add("bounded-mdoc-over-limit", H + "mdoc-over-limit.cbor", kind="mdoc",
          args=["--transcript", e.REL + "transcript.cbor"], findings=[e.F("REQUEST_MALFORMED")])
    wide = e.rc_payload(credentials=[e.entry("dc+sd-jwt", [e.LOYALTY]),
                                     e.entry("dc+sd-jwt", gen_hostile.types(64))])
    query = [gen_hostile.loyalty("A", [{"path": ["points"]}])]
    v.add("bounded-refs-duplicate-ids", H + "refs-duplicate-ids.jwt", query=query, rp=wide,
          sources=[("rc", wide["credentials"])])
