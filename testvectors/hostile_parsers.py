"""Hostile requests for the parsers (a topic of testvectors/gen_hostile.py): inputs that made a
parser take quadratic time or a judgement allocate far beyond the request's size, each refused by a
named limit of src/util/limits.h or now costing n log n, and the largest requests within those
limits.

- COSE header buckets: every unprotected label was searched for in the protected header, label by
  label (WRP_MAX_COSE_HEADER_LABELS: at most 64 in each).
- CWT claims converted to JSON: every key was looked up in the object built so far (now only the
  few renamed labels are tracked).
- DeviceRequest items: every data element was built (its namespace copied) before the item limit
  was checked (now they are counted first, by sorting references into the tree).
- Strings every requested item repeats in the result: credential query ids, types and paths
  (WRP_MAX_ID_BYTES, WRP_MAX_TYPE_BYTES, WRP_MAX_PATH_BYTES).
- transaction_data credential_ids: each was looked up by a linear search of the credential queries
  (now a binary search of the index the DCQL parser keeps).

Judged like every hostile request, with the end-to-end transaction data type (gen_e2e.TX_TYPE)
configured as one the wallet handles.
"""

import gen_e2e as e2e

gen_mdoc = e2e.gen_mdoc

# A registration certificate registering LOYALTY (every claim); the requests are signed by ac-leaf.
RC_LOYALTY = e2e.rc_jwt(e2e.rc_payload(credentials=[e2e.entry("dc+sd-jwt", [e2e.LOYALTY])]))


def request(creds, rc=RC_LOYALTY, **changes):
    return e2e.request_object(e2e.params(creds, rc=rc, **changes))


def loyalty(cid, claims=None, **extra):
    return e2e.sdjwt(cid, claims, vct=(e2e.LOYALTY,), **extra)


def claims(n, prefix="c"):
    return [{"path": ["%s%d" % (prefix, i)]} for i in range(n)]


def long_text(prefix, n, fill="x"):
    return prefix + fill * (n - len(prefix))


def signed_doc(doc, prot_extra=(), unprot=()):
    """A DocRequest signed by the end-to-end reader with extra header labels: alg and x5chain in
    the protected header, then prot_extra; unprot in the unprotected one."""
    payload = gen_mdoc.reader_authentication(doc.items, e2e.TRANSCRIPT)
    sig = gen_mdoc.sign1(e2e.READER, payload, prot=[(1, -7)] + list(prot_extra), unprot=list(unprot),
                         chain_in="protected")
    return gen_mdoc.doc_request(doc.items, sig)


def mdl(elements, ns=e2e.MDL_NS, alternatives=None, rc=e2e.RC_VALID):
    return e2e.Doc(e2e.MDL, {ns: {e: False for e in elements}}, rc=rc, alternatives=alternatives)


def build(put):
    # COSE header buckets. At the limit: 64 labels in each (alg, x5chain and 62 more; 64 negative
    # labels), a valid reader authentication.
    doc = mdl(["family_name"])
    at = signed_doc(doc, [(100 + i, 0) for i in range(62)], [(-100 - i, 0) for i in range(64)])
    put("cose-header-labels-at-limit.cbor", gen_mdoc.device_request([at]), "allow", "-",
        "readerAuth with 64 labels in each header bucket")
    # 4,000 in each: 16 million label comparisons before; refused before any is compared.
    over = signed_doc(doc, [(100 + i, 0) for i in range(4000)], [(-100 - i, 0) for i in range(4000)])
    put("cose-header-labels-over.cbor", gen_mdoc.device_request([over]), "error", "REQUEST_MALFORMED",
        "readerAuth with 4,000 labels in each header bucket (valid signature)")

    # A CWT registration certificate with 6,000 claims this library does not read: 18 million
    # string comparisons before (each key looked up in the JSON object built so far).
    payload = e2e.rc_payload()
    for i in range(6000):
        payload["x%d" % i] = 0
    put("cwt-claims-many-keys.cbor",
        e2e.device_request([e2e.Doc(e2e.MDL, {e2e.MDL_NS: {"family_name": False}}, rc=e2e.rc_cwt(payload))]),
        "allow", "-", "euWrprc: a CWT whose claims map holds 6,000 unread text keys")

    # DeviceRequest items counted before they are built: 16 DocRequests of 1,024 elements, each
    # DocRequest under its own namespace of 240 bytes (16,384 items; before, each built with a
    # copy of its namespace). The first repeats some of its elements as alternatives, so that
    # counting drops repeats. Only the first carries the registration certificate.
    docs = []
    for k in range(16):
        ns = long_text("ns%d." % k, 240)
        els = ["e%d" % i for i in range(1024 if k else 1016)]
        alts = None
        if k == 0:
            alts = [{"requestedElement": [ns, "e%d" % i], "alternativeElementSets": [[[ns, "e%d" % (i + 1)]]]}
                    for i in range(4)]
        docs.append(mdl(els, ns=ns, alternatives=alts, rc=None if k else e2e.RC_VALID))
    put("mdoc-items-counted.cbor", e2e.device_request(docs), "error", "REQUEST_MALFORMED",
        "16 DocRequests of 1,024 elements under 240-byte namespaces: counted, never built")
    # More references than the limit, as many items as it once repeats are dropped: built, allowed.
    alts = [{"requestedElement": [e2e.MDL_NS, "e4000"], "alternativeElementSets": [[[e2e.MDL_NS, "e4001"]]]}
            for _ in range(5)]
    docs = [mdl(["e%d" % i for i in range(k * 1000, k * 1000 + 1000)]) for k in range(4)]
    docs.append(mdl(["e%d" % i for i in range(4000, 4096)], alternatives=alts))
    put("mdoc-repeats-within-limit.cbor", e2e.device_request(docs), "allow", "-",
        "4,106 element references, 4,096 once repeats are dropped")

    # Strings each requested item repeats: one over its limit in a query of 64 claims.
    put("strings-id-over.jwt", request([loyalty("a" * 129, claims(64))]), "deny", "DCQL_INVALID",
        "a credential query id of 129 bytes, 64 claims")
    put("strings-type-over.jwt",
        request([e2e.sdjwt("A", claims(64), vct=(long_text("urn:example:long:", 257),))]),
        "deny", "DCQL_INVALID", "a vct of 257 bytes, 64 claims")
    put("strings-path-over.jwt",
        request([loyalty("A", [{"path": [long_text("p", 200), 0, long_text("q", 57)]}])]),
        "deny", "DCQL_INVALID", "a path whose strings hold 257 bytes")
    # At the limits: an id of 128 bytes, 64 types of 256 bytes, 64 claims with paths of 256 bytes
    # (4,096 items, each repeating them).
    types = [long_text("urn:example:long:%d:" % i, 256) for i in range(64)]
    rc = e2e.rc_jwt(e2e.rc_payload(credentials=[e2e.entry("dc+sd-jwt", types)]))
    cl = [{"path": [long_text("p%d." % i, 128), long_text("q", 128)]} for i in range(64)]
    put("strings-at-limit.jwt", request([e2e.sdjwt("a" * 128, cl, vct=types)], rc=rc), "allow", "-",
        "an id of 128 bytes, 64 types of 256 bytes, 64 claims with paths of 256 bytes")

    # transaction_data naming the last of 1,024 credential queries 4,096 times: 4 million string
    # comparisons by a linear search; 11 each by a binary one.
    creds = [loyalty("q%d" % i) for i in range(1024)]
    entry = e2e.gen_o4vp.b64u(e2e.jdump({"type": e2e.TX_TYPE, "credential_ids": ["q1023"] * 64}))
    put("txdata-ids.jwt", request(creds, transaction_data=[entry] * 64), "allow", "-",
        "64 transaction_data entries naming the last of 1,024 credential queries 64 times each")
