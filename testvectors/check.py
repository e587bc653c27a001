"""`gen.py --check`: proves that the committed vectors say what the manifest says.

1. A fresh generation (from the committed keys) equals the committed files byte for byte.
2. Every manifest line is re-judged by the reference classifiers of refcheck.py, reading the
   committed files: JWS and COSE signatures with `cryptography`, chains with `openssl verify`.
3. Every `ok` JWS is verified a second time with joserfc, an independent JOSE implementation.
4. Every vector file is named by the manifest, every path in the manifest exists, and the vectors
   stay under the size budget.
"""

import os
import sys
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import serialization

import refcheck

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TV = "testvectors"
VECTOR_DIRS = ("jws", "cose", "cbor", "json", "chain", "crl")
SIZE_BUDGET = 2 * 1024 * 1024

KINDS = {
    "b64": {"ok", "malformed"}, "b64url": {"ok", "malformed"},
    "json": {"ok", "malformed", "limit"}, "cbor": {"ok", "malformed", "limit"},
    "jws": {"ok", "malformed", "alg", "crit", "signature"},
    "cose": {"ok", "malformed", "alg", "crit", "signature"},
    "chain": {"ok", "untrusted", "expired", "not_yet_valid", "bad_signature", "invalid",
              "malformed"},
    "crl": {"good", "revoked", "unknown"}, "certinfo": {"ok", "malformed"},
}


def read(rel):
    with open(os.path.join(REPO, rel), "rb") as fh:
        return fh.read()


def load_cert(rel):
    return refcheck.load_certs(read(rel))[0]


def parse_manifest():
    out = []
    for n, line in enumerate(read(TV + "/manifest.tsv").decode("utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        args = dict(c.split("=", 1) for c in cols[3:])
        out.append((n, cols[0], cols[1], cols[2], args))
    return out


def classify(kind, file, args):
    """The reference verdict of one manifest line."""
    if kind in ("b64", "b64url"):
        data = args["input"].encode() if "input" in args else bytes.fromhex(args["input_hex"])
        dec = refcheck.b64_decode if kind == "b64" else refcheck.b64url_decode
        try:
            out = dec(data)
        except refcheck.Reject as e:
            return e.kind, None
        if out.hex() != args.get("output_hex"):
            return "ok", "output %s, manifest says %s" % (out.hex(), args.get("output_hex"))
        return "ok", None
    data = read(file)
    if kind in ("json", "cbor"):
        try:
            (refcheck.json_parse if kind == "json" else refcheck.cbor_parse)(data)
        except refcheck.Reject as e:
            return e.kind, None
        return "ok", None
    if kind == "jws":
        got = refcheck.jws_classify(data)
        if got == "ok":
            return got, jws_extra(data, args)
        return got, None
    if kind == "cose":
        detached = read(args["payload"]) if "payload" in args else None
        return refcheck.cose_classify(data, detached), None
    if kind == "chain":
        return refcheck.chain_classify(data, [os.path.join(REPO, a) for a in
                                              args["anchors"].split(",")], int(args["time"])), None
    if kind == "crl":
        return refcheck.crl_classify(load_cert(args["cert"]), load_cert(args["issuer"]), data,
                                     int(args["time"])), None
    if kind == "certinfo":
        try:
            info = refcheck.cert_info(load_cert(file))
        except refcheck.Reject:
            return "malformed", None
        diff = ["%s=%r (manifest %r)" % (k, v, args.get(k)) for k, v in info.items()
                if args.get(k) != v]
        return "ok", "; ".join(diff) or None
    raise ValueError(kind)


def jws_extra(data, args):
    """Cross-checks an ok JWS: cert= is x5c[0], alg= and chain_len= match, joserfc verifies."""
    import json
    from joserfc import jws
    from joserfc.jwk import ECKey, OKPKey, RSAKey

    text = data.strip(b" \t\n\r\x0b\x0c")
    header = json.loads(refcheck.b64url_decode(text.split(b".")[0]))
    leaf = refcheck.b64_decode(header["x5c"][0].encode())
    if leaf != load_cert(args["cert"]).public_bytes(serialization.Encoding.DER):
        return "cert= is not x5c[0]"
    if header["alg"] != args.get("alg") or str(len(header["x5c"])) != args.get("chain_len"):
        return "alg= or chain_len= disagree with the header"
    pub = x509.load_der_x509_certificate(leaf).public_key()
    pem = pub.public_bytes(serialization.Encoding.PEM,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    key_type = {"ES": ECKey, "PS": RSAKey, "RS": RSAKey, "Ed": OKPKey}[header["alg"][:2]]
    registry = jws.JWSRegistry(algorithms=[header["alg"]])
    registry.max_header_length = len(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # joserfc flags EdDSA as deprecated (RFC 9864)
            jws.deserialize_compact(text.decode("ascii"), key_type.import_key(pem),
                                    registry=registry)
    except Exception as e:  # any refusal by the second implementation is a finding
        return "joserfc refuses it: %r" % e
    return None


def run(generate):
    failures = []

    g = generate(create_keys=False)
    for rel, data in sorted(g.files.items()):
        path = os.path.join(REPO, rel)
        if not os.path.exists(path):
            failures.append("%s: not committed (run gen.py)" % rel)
        elif read(rel) != data:
            failures.append("%s: differs from a fresh generation" % rel)
    print("reproducibility: %d files compared" % len(g.files))

    lines = parse_manifest()
    named = set()
    counts = {}
    for n, kind, file, expect, args in lines:
        where = "manifest.tsv:%d %s %s" % (n, kind, file)
        if expect not in KINDS.get(kind, ()):
            failures.append("%s: bad kind or expect %r" % (where, expect))
            continue
        paths = [file] if file != "-" else []
        paths += [p for k in ("cert", "issuer", "payload") if k in args for p in [args[k]]]
        paths += args["anchors"].split(",") if "anchors" in args else []
        missing = [p for p in paths if not os.path.exists(os.path.join(REPO, p))]
        if missing:
            failures.append("%s: missing %s" % (where, ", ".join(missing)))
            continue
        named.update(paths)
        got, problem = classify(kind, file, args)
        if got != expect:
            failures.append("%s: manifest says %s, reference says %s" % (where, expect, got))
        elif problem:
            failures.append("%s: %s" % (where, problem))
        counts[kind] = counts.get(kind, 0) + 1
    print("manifest: %d vectors (%s)" % (len(lines), ", ".join(
        "%s %d" % kv for kv in sorted(counts.items()))))

    total = 0
    for d in VECTOR_DIRS + ("pki",):
        for root, _, files in os.walk(os.path.join(HERE, d)):
            for f in files:
                path = os.path.join(root, f)
                total += os.path.getsize(path)
                rel = os.path.relpath(path, REPO)
                if d in VECTOR_DIRS and rel not in named:
                    failures.append("%s: not named by the manifest" % rel)
    print("size: %d bytes" % total)
    if total > SIZE_BUDGET:
        failures.append("vectors take %d bytes, over the budget of %d" % (total, SIZE_BUDGET))

    for f in failures:
        print("FAIL", f)
    print("check: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    import gen
    sys.exit(run(gen.generate))
