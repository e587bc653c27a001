#!/usr/bin/env python3
"""Builds the seed corpus of every fuzz target from testvectors/ (the project's own vectors and the
third-party artefacts copied under testvectors/interop/). Usage: python3 fuzz/make_corpus.py OUTDIR [TARGET...]

Writes OUTDIR/TARGET/NAME, one input per file, for every target (or those named). Tokens are
also given re-signed for the signature stub (name ending in .stub) and in the structured form of
fuzz/fuzz.h (name ending in .parts), so that the same corpus starts the normal and the stub build
past the envelope. The output depends only on the files read: rerunning writes the same corpus.
"""

import base64
import glob
import hashlib
import json
import os
import shutil
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fuzzlib  # noqa: E402
from fuzzlib import SEP_OUTER, structured, stub_signed  # noqa: E402

ROOT = fuzzlib.ROOT
TV = os.path.join(ROOT, "testvectors")
INTEROP = os.path.join(TV, "interop")
sys.path.insert(0, TV)
import cborenc  # noqa: E402

MAX_SEED = 1 << 20  # larger vectors (limit tests) are left to the unit tests


def read(path):
    with open(path, "rb") as f:
        return f.read()


def tv(pattern):
    return sorted(glob.glob(os.path.join(TV, pattern)))


def interop(pattern):
    return sorted(glob.glob(os.path.join(INTEROP, pattern), recursive=True))


def stem(path):
    rel = os.path.relpath(path, TV)
    return rel.replace(os.sep, "_")


def hex_file(path):
    try:
        return bytes.fromhex("".join(read(path).decode().split()))
    except ValueError:
        return None


def jwts():
    """Every compact JWS the vectors hold: (name, bytes)."""
    paths = tv("jws/*.jwt") + tv("rc/*.jwt") + interop("**/*.jwt") + interop("wrprc/**/*.txt")
    for p in paths:
        data = read(p)
        if fuzzlib.is_jws(data):
            yield stem(p), data.strip()


def cwts():
    """Every COSE_Sign1 / CWT the vectors hold: (name, bytes)."""
    for p in tv("cose/*.cbor") + tv("rc/*.cwt"):
        yield stem(p), read(p)
    for p in interop("**/*.hex"):
        data = hex_file(p)
        if data and fuzzlib.cose_parts(data) is not None:
            yield stem(p), data


def certs_der():
    """DER of every certificate in the vectors' PEM files: (name, [der, ...])."""
    for p in tv("chain/*.pem") + tv("pki/*.pem") + tv("rc/pki/*.pem") + interop("**/*.pem"):
        text = read(p).decode("ascii", "replace")
        ders = []
        for block in text.split("-----BEGIN CERTIFICATE-----")[1:]:
            body = block.split("-----END CERTIFICATE-----")[0]
            ders.append(base64.b64decode("".join(body.split())))
        if ders:
            yield stem(p), ders


def header_x5c(data):
    """The x5c member of a JWS header, or None."""
    j = fuzzlib.jws_parts(data)
    try:
        return json.loads(j[0]).get("x5c")
    except (ValueError, AttributeError, TypeError):
        return None


def token_variants(name, data):
    """A token as it is, re-signed for the stub, and both in structured form."""
    out = [(name, data)]
    stub = stub_signed(data)
    if stub != data:
        out.append((name + ".stub", stub))
    for n, d in list(out):
        s = structured(d)
        if s is not None:
            out.append((n + ".parts", s))
    return out


class Corpus:
    def __init__(self, outdir, wanted):
        self.outdir, self.wanted = outdir, wanted
        self.counts = {}

    def target(self, name, seeds):
        if self.wanted and name not in self.wanted:
            return
        d = os.path.join(self.outdir, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        seen = set()
        for seed_name, data in seeds:
            if len(data) > MAX_SEED:
                continue
            h = hashlib.sha1(data).hexdigest()
            if h in seen:
                continue
            seen.add(h)
            with open(os.path.join(d, seed_name + "-" + h[:8]), "wb") as f:
                f.write(data)
        self.counts[name] = len(seen)


def seeds_b64():
    yield "empty", b""
    for name, data in jwts():
        for i, part in enumerate(data.split(b".")):
            yield "%s.%d" % (name, i), part
        x5c = header_x5c(data)
        for i, s in enumerate(x5c if isinstance(x5c, list) else []):
            if isinstance(s, str):
                yield "%s.x5c%d" % (name, i), s.encode()
    for name, ders in certs_der():
        yield name, base64.b64encode(ders[0])


def seeds_json():
    for p in tv("json/*.json") + interop("**/*.json"):
        yield stem(p), read(p)
    for name, data in jwts():
        j = fuzzlib.jws_parts(data)
        if j is not None:
            yield name + ".header", j[0]
            yield name + ".payload", j[1]


def seeds_cbor():
    for p in tv("cbor/*.cbor"):
        yield stem(p), read(p)
    for name, data in cwts():
        yield name, data
        parts = fuzzlib.cose_parts(data)
        if parts is not None:
            yield name + ".protected", parts[1]
            yield name + ".unprotected", parts[2]
            yield name + ".payload", parts[3]
    for p in interop("**/*.hex"):
        data = hex_file(p)
        if data:
            yield stem(p), data


def seeds_tokens(tokens):
    for name, data in tokens:
        yield from token_variants(name, data)


def seeds_x5c():
    for name, data in jwts():
        x5c = header_x5c(data)
        if x5c is not None:
            yield name, json.dumps(x5c, separators=(",", ":")).encode()
    for name, ders in certs_der():
        yield name, json.dumps([base64.b64encode(d).decode() for d in ders]).encode()


def seeds_x5chain():
    for name, ders in certs_der():
        yield name + ".array", cborenc.encode(ders)
        yield name + ".bstr", cborenc.encode(ders[0])


def seeds_chain():
    for p in tv("chain/*.pem") + tv("pki/*.pem") + tv("pki/*.der") + tv("rc/pki/*.pem") + \
            interop("**/*.pem"):
        if not p.endswith(".key.pem"):
            yield stem(p), read(p)


def seeds_crl():
    for p in tv("crl/*") + tv("rc/pki/crl-*.pem"):
        yield stem(p), read(p)


def status_tokens():
    for p in tv("rc/sl-*.jwt") + tv("rc/sl-*.cwt") + interop("status-list/**/status_list_token.jwt"):
        yield stem(p), read(p).strip()
    for p in interop("status-list/**/status_list_token_cwt.hex"):
        yield stem(p), hex_file(p)


def seeds_inflate():
    for name, data in status_tokens():
        j = fuzzlib.jws_parts(data)
        if j is not None:
            try:
                lst = json.loads(j[1])["status_list"]["lst"]
                yield name, fuzzlib.b64url_decode(lst.encode())
            except (ValueError, KeyError, TypeError):
                pass
    for p in interop("status-list/**/encoding/*.json"):
        try:
            yield stem(p), fuzzlib.b64url_decode(json.loads(read(p))["lst"].encode())
        except (ValueError, KeyError, TypeError):
            pass
    yield "empty-list", zlib.compress(b"")
    yield "zeros-4k", zlib.compress(bytes(4096), 9)
    yield "pattern", zlib.compress(bytes(range(256)) * 16, 1)
    yield "raw-deflate-stored", zlib.compress(b"\x01\x02\x03", 0)
    limit = 8 << 20  # WRP_MAX_STATUS_LIST_BYTES: exactly at it, and one byte beyond
    yield "zeros-at-limit", zlib.compress(bytes(limit), 9)
    yield "zeros-beyond-limit", zlib.compress(bytes(limit + 1), 9)


def seeds_inspect():
    """Every kind of file inspect reads, and what it must refuse: the vectors of every parser, the
    interop artefacts (hex as written), the inspect vectors."""
    skip = (".py", ".md", ".tsv", ".key", ".jsonl")
    for p in sorted(glob.glob(os.path.join(TV, "**", "*"), recursive=True)):
        rel = os.path.relpath(p, TV)
        if os.path.isfile(p) and not rel.endswith(skip) and not rel.startswith(("hostile", "e2e/expected")):
            yield stem(p), read(p)


def hostile_queries():
    """Small DCQL queries of the shapes that cost a careless engine quadratic work (contract v1.1,
    "Bounded work"): options repeating a query, claim sets repeating claims, duplicate ids inside
    one option, and types times claims around the 4,096-item limit."""
    def q(cid, vct, claims=None, **extra):
        c = {"id": cid, "format": "dc+sd-jwt", "meta": {"vct_values": vct}}
        if claims is not None:
            c["claims"] = [{"id": "c%d" % i, "path": ["c%d" % i]} for i in range(claims)]
        c.update(extra)
        return c
    vct = ["urn:example:t%d" % i for i in range(70)]
    yield "hostile-credential-sets", {"credentials": [q("A", vct[:1], 8)],
                                      "credential_sets": [{"options": [["A"]] * 500}]}
    yield "hostile-duplicate-ids", {"credentials": [q("A", vct[:1], 1), q("B", vct[:1])],
                                    "credential_sets": [{"options": [["A", "B"] * 200] * 3, "required": False}]}
    ids = ["c%d" % i for i in range(40)]
    yield "hostile-claim-sets", {"credentials": [q("A", vct[:4], 40, claim_sets=[ids] * 100)]}
    yield "hostile-items-at-limit", {"credentials": [q("A", vct[:64], 64)]}
    yield "hostile-items-over-limit", {"credentials": [q("A", vct[:64], 64), q("B", vct[:1], 1)]}
    yield "hostile-whole-credentials", {"credentials": [q("q%d" % i, vct[:64]) for i in range(65)]}


def seeds_dcql():
    for p in interop("dcql/**/*.json") + interop("openid4vp/**/*.json"):
        yield stem(p), read(p)
    for name, query in hostile_queries():
        yield name, json.dumps(query, separators=(",", ":")).encode()
    for name, data in jwts():
        j = fuzzlib.jws_parts(data)
        if j is not None and b"dcql_query" in j[1]:
            yield name + ".payload", j[1]


def seeds_api():
    """One seed per line of testvectors/rc/manifest.tsv (its own anchors and time aside)."""
    rc = os.path.join(TV, "rc")
    for lineno, line in enumerate(read(os.path.join(rc, "manifest.tsv")).decode().splitlines()):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        opts = dict(o.split("=", 1) for o in (fields[2].split() if len(fields) > 2 else []))
        flags = (1 if opts.get("for_request") == "1" else 0) | \
                (2 if opts.get("revocation") == "0" else 0) | \
                (4 if opts.get("require_ac_policy") == "1" else 0)
        token = read(os.path.join(rc, fields[0])).strip()
        ac = read(os.path.join(rc, opts["ac"])) if "ac" in opts else None
        crls = [read(os.path.join(rc, c)) for c in opts.get("crl", "").split(",") if c]
        lists = [read(os.path.join(rc, s)).strip() for s in opts.get("status", "").split(",") if s]
        crl = b"".join(crls) if crls else None
        name = "manifest%03d-%s" % (lineno, fields[0])

        def compose(tok, sls):
            parts = [bytes([flags]), tok, ac, crl] + sls
            while parts and parts[-1] is None:
                parts.pop()
            return SEP_OUTER.join(p if p is not None else b"" for p in parts)

        yield name, compose(token, lists)
        stub = structured(stub_signed(token)) or stub_signed(token)
        yield name + ".stub.parts", compose(stub, [stub_signed(s) for s in lists])


def request_seeds(name, data):
    """A request as it is, re-signed for the stub, and both in structured form (when a JWS)."""
    if fuzzlib.is_jws(data):
        yield from token_variants(name, data.strip())
    else:
        yield name, data


def seeds_openid4vp():
    for p in tv("o4vp/*.jwt") + tv("o4vp/*.json") + tv("o4vp/*.txt") + tv("e2e/req/*.jwt") + \
            tv("e2e/req/*.json") + interop("openid4vp/**/*.jwt") + interop("openid4vp/**/*.json") + \
            interop("openid4vp/**/*.txt"):
        yield from request_seeds(stem(p), read(p))


def seeds_mdoc():
    """DeviceRequest SEP_OUTER SessionTranscript, as paired in testvectors/mdoc/manifest.tsv."""
    for line in read(os.path.join(TV, "mdoc", "manifest.tsv")).decode().splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        req = read(os.path.join(TV, "mdoc", fields[0]))
        if len(fields) > 1 and fields[1] != "-":
            t = fields[1]
            yield "manifest-" + fields[0] + "+" + t, req + SEP_OUTER + read(os.path.join(TV, "mdoc", t))
        else:
            yield "manifest-" + fields[0], req
    for p in tv("mdoc/*.cbor"):
        yield stem(p), read(p)
    transcript = read(os.path.join(TV, "e2e", "transcript.cbor"))
    for p in tv("e2e/req/*.cbor"):
        yield stem(p), read(p) + SEP_OUTER + transcript
    for d in interop("iso18013-5/*/"):
        req, st = os.path.join(d, "device_request.hex"), os.path.join(d, "session_transcript_bytes.hex")
        if os.path.exists(req):
            r = hex_file(req)
            if r:
                yield stem(req), r
                if os.path.exists(st) and hex_file(st):
                    yield stem(req) + "+transcript", r + SEP_OUTER + hex_file(st)


def seeds_register():
    reg = os.path.join(TV, "register")
    for p in tv("register/*"):
        if os.path.isfile(p) and not p.endswith((".tsv", ".md")):
            yield from request_seeds(stem(p), read(p))
    for line in read(os.path.join(reg, "manifest.tsv")).decode().splitlines():
        if not line or line.startswith("#"):
            continue
        files = line.split("\t")[0].split(",")
        if len(files) > 1:
            yield "manifest-" + "+".join(files), SEP_OUTER.join(read(os.path.join(reg, f)) for f in files)
    for p in interop("ts5-register/**/*.json"):
        yield stem(p), read(p)


def seeds_lote():
    for p in tv("register/lote/*"):
        if not p.endswith((".tsv", ".md")):
            yield from request_seeds(stem(p), read(p))
    for p in interop("lote/**/*.json"):
        yield stem(p), read(p)


def seeds_disclosure():
    """Every disclosure policy document of the vectors: ours (testvectors/e2e/policy/) and the
    drafts of others (testvectors/interop/2026/edp/)."""
    for p in tv("e2e/policy/*.json") + interop("2026/edp/**/*.json"):
        yield stem(p), read(p)


def b64url_json(text):
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except ValueError:
        return None


def seeds_coverage_diff():
    """The query of every end-to-end request (testvectors/e2e/req/) with the credentials of its
    own registration certificate, and with those of every other distinct one, in the JSON form of
    the coverage_diff target."""
    queries, registrations = [], []
    for p in tv("e2e/req/*.jwt"):
        parts = read(p).decode("ascii", "replace").strip().split(".")
        payload = b64url_json(parts[1]) if len(parts) == 3 else None
        if not isinstance(payload, dict) or not isinstance(payload.get("dcql_query"), dict):
            continue
        creds = None
        for vi in payload.get("verifier_info") or []:
            data = vi.get("data") if isinstance(vi, dict) else None
            if vi.get("format") == "registration_cert" and isinstance(data, str) and data.count(".") == 2:
                rc = b64url_json(data.split(".")[1])
                if isinstance(rc, dict) and isinstance(rc.get("credentials"), list):
                    creds = rc["credentials"]
        queries.append((stem(p), payload["dcql_query"], creds))
        if creds is not None and creds not in registrations:
            registrations.append(creds)
    for name, query, creds in queries:
        if creds is not None:
            yield name, json.dumps({"dcql": query, "rc": creds}).encode()
        for i, other in enumerate(registrations[:8]):
            yield "%s-reg%d" % (name, i), json.dumps({"dcql": query, "rc": other}).encode()
            yield "%s-reg%d-twice" % (name, i), json.dumps({"dcql": query, "rc": other,
                                                            "register": registrations[0]}).encode()


def seeds_audit():
    """One seed per line of testvectors/e2e/cases.tsv: options SEP request SEP transcript SEP rc
    SEP register SEP policies (the line's own anchors aside: the target's are fixed); the
    disclosure policies joined at SEP."""
    for line in read(os.path.join(TV, "e2e", "cases.tsv")).decode().splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 5:
            continue
        args = fields[4].split()
        if not args or args[0] != "audit":
            continue
        opts, parts = 0, {"transcript": None, "rc": None, "register": None}
        policies = []
        i, req = 1, None
        while i < len(args):
            a = args[i]
            if a == "--mode" and i + 1 < len(args):
                opts |= 1 if args[i + 1] == "warn" else 0
                i += 2
            elif a == "--no-revocation":
                opts |= 2
                i += 1
            elif a == "--origin":
                opts |= 4
                i += 2
            elif a in ("--transcript", "--rc", "--register") and i + 1 < len(args):
                path = os.path.join(ROOT, args[i + 1])
                if os.path.isfile(path) and parts[a[2:]] is None:
                    parts[a[2:]] = read(path)
                i += 2
            elif a == "--disclosure-policy" and i + 1 < len(args):
                path = os.path.join(ROOT, args[i + 1])
                if os.path.isfile(path):
                    policies.append(read(path))
                i += 2
            elif a.startswith("--"):
                i += 2
            else:
                req = args[i]
                i += 1
        if req is None or not os.path.isfile(os.path.join(ROOT, req)):
            continue
        request = read(os.path.join(ROOT, req))

        def compose(rq, rc, regdoc):
            seq = [bytes([opts]), rq, parts["transcript"], rc, regdoc,
                   fuzzlib.SEP.join(policies) if policies else None]
            while seq and seq[-1] is None:
                seq.pop()
            return SEP_OUTER.join(x if x is not None else b"" for x in seq)

        yield fields[0], compose(request, parts["rc"], parts["register"])
        if fuzzlib.is_jws(request):
            stub = structured(stub_signed(request.strip()))
            rc = parts["rc"]
            if rc is not None and fuzzlib.is_jws(rc):
                rc = structured(stub_signed(rc.strip()))
            if stub is not None:
                yield fields[0] + ".stub.parts", compose(stub, rc, parts["register"])
    # The hostile requests of testvectors/hostile/ that fit the target's max_len.
    transcript = read(os.path.join(TV, "e2e", "transcript.cbor"))
    for line in read(os.path.join(TV, "hostile", "manifest.tsv")).decode().splitlines():
        if not line or line.startswith("#"):
            continue
        name = line.split("\t")[0]
        request = read(os.path.join(TV, "hostile", name))
        seq = [b"\x00", request] + ([transcript] if name.endswith(".cbor") else [])
        if len(request) <= 131072:
            yield "hostile-" + name, SEP_OUTER.join(seq)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    c = Corpus(sys.argv[1], set(sys.argv[2:]))
    c.target("b64", seeds_b64())
    c.target("json", seeds_json())
    c.target("cbor", seeds_cbor())
    c.target("jws", seeds_tokens(jwts()))
    c.target("cose", seeds_tokens(cwts()))
    c.target("x5c", seeds_x5c())
    c.target("x5chain", seeds_x5chain())
    c.target("chain", seeds_chain())
    c.target("crl", seeds_crl())
    c.target("rc_jwt", seeds_tokens((n, d) for n, d in jwts() if n.startswith(("rc_", "wrprc"))))
    c.target("rc_cwt", seeds_tokens((stem(p), read(p)) for p in tv("rc/*.cwt")))
    c.target("statuslist", seeds_tokens(status_tokens()))
    c.target("inflate", seeds_inflate())
    c.target("dcql", seeds_dcql())
    c.target("api", seeds_api())
    c.target("openid4vp", seeds_openid4vp())
    c.target("mdoc", seeds_mdoc())
    c.target("register", seeds_register())
    c.target("lote", seeds_lote())
    c.target("audit", seeds_audit())
    c.target("disclosure", seeds_disclosure())
    c.target("coverage_diff", seeds_coverage_diff())
    c.target("inspect", seeds_inspect())
    print("make_corpus: " + ", ".join("%s %d" % kv for kv in sorted(c.counts.items())))


if __name__ == "__main__":
    main()
