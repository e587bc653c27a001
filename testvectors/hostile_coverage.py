"""Hostile requests for the coverage engine (gen_hostile.py topic "coverage"): both sides of it are
the attacker's, since the registration certificate rides in the request and is matched against
whatever its signature. Each shape made the engine quadratic or worse before it was rebuilt on a
compiled registered set (SPEC.md section 8):
  - many values on both sides of rule 5 (items x registered claims x values x values);
  - a registered entry of many types times many claims (copied type by type into the index);
  - requested paths of many integers against many registered claims (a scan of the group beyond
    8 integers, 2^8 candidates per prefix below);
and the registered-side limits: WRP_MAX_REGISTERED_ITEMS (at it, and over it) and the matching
automaton's growth. Every certificate is signed by the test RC signer, every request by ac-leaf,
so the verdicts are the contract's. Expected codes come from gen_e2e's Oracle (contract rules
1-6, read literally); a certificate whose credentials cannot be read registers nothing.
"""

import gen_e2e as e2e

FMT = "dc+sd-jwt"


def types(n):
    return ["urn:example:coverage:type:%d" % i for i in range(n)]


def entry(type_list, claim_list):
    return e2e.entry(FMT, type_list, claim_list)


def query(cid, type_list, claim_list):
    return e2e.sdjwt(cid, claim_list, vct=type_list)


def codes_of(creds, registered, before=()):
    """The findings' codes: `before` (the certificate's own), then coverage against `registered`
    (an empty list for credentials that could not be read)."""
    found = list(before) + [f["code"] for f in e2e.Oracle(creds, [("rc", registered)]).findings]
    return ",".join(found) if found else "-"


def build(put):
    def add(name, creds, registered, what, readable=True, before=()):
        rc = e2e.rc_jwt(e2e.rc_payload(credentials=registered))
        data = e2e.request_object(e2e.params(creds, rc=rc))
        codes = codes_of(creds, registered if readable else [], before)
        verdict = "allow" if codes == "-" else "deny"
        put(name, data, verdict, codes, what)

    # Rule 5, many values on both sides: 4 registered claims of 1,024 values (the last differs
    # from claim to claim), 4 queries x 64 types asking for all 1,024 values of that path.
    t64 = types(64)
    values_reg = [entry(t64, [e2e.c("v", values=list(range(1023)) + [10 ** 6 + r]) for r in range(4)])]
    add("coverage-values-both-sides.jwt",
        [query("q%d" % k, t64, [e2e.c("v", values=list(range(1024)))]) for k in range(4)],
        values_reg, "rule 5: 4 queries x 64 types x 1,024 values against 4 claims of 1,024 values")
    # ... and each query asking for all but one of the values every registered claim holds.
    add("coverage-values-covered.jwt",
        [query("q%d" % k, t64, [e2e.c("v", values=[v for v in range(1023) if v != k])])
         for k in range(4)],
        values_reg, "rule 5: 4 queries x 64 types x 1,022 values, each within all 4 registered claims")

    # Registered items: types x claims of one entry.
    t1024 = types(1024)
    add("coverage-rc-types-by-claims.jwt",
        [query("A", t1024[:1], [e2e.c("c0")])],
        [entry(t1024, [e2e.c("c%d" % j) for j in range(1024)])],
        "a certificate entry of 1,024 types x 1,024 claims (a million registered items)",
        readable=False, before=["RC_MALFORMED"])
    at_limit = [entry(t64 + t64[:8], [e2e.c("c%d" % j) for j in range(64)])]
    add("coverage-rc-at-limit.jwt",
        [query("A", t64, [e2e.c("c%d" % j, "sub") for j in range(64)])],
        at_limit, "64 types (8 listed twice) x 64 claims registered: exactly 4,096 items, "
        "and 4,096 requested")
    add("coverage-rc-over-limit.jwt",
        [query("A", t64, [e2e.c("c%d" % j, "sub") for j in range(64)])],
        at_limit + [entry(["urn:example:coverage:other"], [e2e.c("x")])],
        "4,096 registered items and one more", readable=False, before=["RC_MALFORMED"])

    # Rule 4: paths of 8 leading integers and 23 keys (before: 2^8 candidates for each prefix),
    # covered by a registered prefix of length 31.
    mid = [0] * 8 + ["s"] * 23
    t4 = types(4)
    add("coverage-paths-integer-prefixes.jwt",
        [query("A", t4, [e2e.c(*(mid + ["q%d" % k])) for k in range(256)])],
        [entry(t4, [e2e.c(*mid), e2e.c(*(mid[:30] + ["other"]))])],
        "4 types x 256 paths of 8 integers and 24 keys, covered by a registered prefix")

    # Rule 4: paths of 9 integers (before: a scan of the group's 1,024 claims for each), against
    # 768 registered paths of indexes and 256 of nulls that cover them; one path is not covered.
    reg9 = ([e2e.c(*([0] * 9 + ["r%d" % j])) for j in range(768)]
            + [e2e.c(*([None] * 9 + ["q%d" % j])) for j in range(256)])
    add("coverage-paths-nine-integers.jwt",
        [query("A", t4, [e2e.c(*([k % 3] * 9 + ["q%d" % (k % 256)])) for k in range(512)]
               + [e2e.c(*([0] * 9 + ["zz"]))])],
        [entry(t4, reg9)],
        "4 types x 513 paths of 9 integers against 1,024 registered paths of indexes or nulls")

    # Null and index at each of 5 positions: every combination registered (32 paths; the
    # automaton's states merge up to 32 of them), requested paths of indexes that the path of
    # nulls covers, and one path that nothing covers.
    combos = [[0 if (m >> i) & 1 else None for i in range(5)] + ["x"] for m in range(32)]
    add("coverage-paths-null-index-combinations.jwt",
        [query("A", t4, [e2e.c(*([(k >> (2 * i)) & 3 for i in range(4)] + [k % 2, "x"])) for k in range(256)]
               + [e2e.c(*([0] * 5 + ["y"]))])],
        [entry(t4, [e2e.c(*p) for p in combos])],
        "4 types x 257 paths of 5 indexes against every combination of null and 0 at 5 positions")

    # The automaton's growth: 200 indexes beside a null under which 200 other paths go; each
    # index state would hold a copy of what is under the null.
    add("coverage-rc-automaton-growth.jwt",
        [query("A", t4[:1], [e2e.c(0, "a")])],
        [entry(t4[:1], [e2e.c(i, "a") for i in range(200)] + [e2e.c(None, "s%d" % i) for i in range(200)])],
        "registered [i, a] for 200 indexes beside [null, s_j] for 200 keys",
        readable=False, before=["RC_MALFORMED"])
