#!/usr/bin/env python3
"""Generates the ISO/IEC 18013-5 DeviceRequest vectors in testvectors/mdoc/ and their manifest.

Readers sign with the keys and certificates of testvectors/pki/ (the access-certificate PKI); the
registration certificates carried in requestInfo.euWrprc are testvectors/rc/valid.cwt and
valid.jwt. Nothing here creates a key, and every signature is deterministic (ECDSA per RFC 6979,
Ed25519), so a re-run writes identical files. Every signature meant to verify is checked again
with pyca/cryptography before it is written.

Usage: python3 testvectors/gen_mdoc.py [--check]   (--check: compare with the committed files)
"""

import base64
import hashlib
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from cborenc import Array, Bytes, Int, Map, Raw, Simple, Tag, Text, encode  # noqa: E402

OUT = os.path.join(HERE, "mdoc")
PKI = os.path.join(HERE, "pki")
RC = os.path.join(HERE, "rc")

MDL = "org.iso.18013.5.1.mDL"
MDL_NS = "org.iso.18013.5.1"
PID = "eu.europa.ec.eudi.pid.1"

# The SessionTranscript every vector is signed over: OpenID4VP 1.0 redirect handover.
CLIENT_ID = "x509_san_dns:rp.example.com"
NONCE = "mdoc-vectors-nonce-0001"
RESPONSE_URI = "https://rp.example.com/response"

ALGS = {"ES256": -7, "ES384": -35, "EdDSA": -8}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def key(name):
    return serialization.load_pem_private_key(read(os.path.join(PKI, name + ".key")), None)


def cert_der(name):
    cert = x509.load_pem_x509_certificate(read(os.path.join(PKI, name + ".pem")))
    return cert.public_bytes(serialization.Encoding.DER)


def sha256(data):
    return hashlib.sha256(data).digest()


def transcript(nonce=NONCE):
    info = encode([CLIENT_ID, nonce, None, RESPONSE_URI])
    return encode([None, None, ["OpenID4VPHandover", sha256(info)]])


TRANSCRIPT = transcript()


class Reader:
    """A reader: a signing key, its alg and the x5chain it sends (leaf first)."""

    def __init__(self, key_name, certs, alg="ES256"):
        self.key = key(key_name)
        self.chain = [cert_der(c) for c in certs]
        self.alg = alg

    def sign(self, msg):
        if self.alg == "EdDSA":
            return self.key.sign(msg)
        h = hashes.SHA256() if self.alg == "ES256" else hashes.SHA384()
        size = (self.key.curve.key_size + 7) // 8
        r, s = decode_dss_signature(self.key.sign(msg, ec.ECDSA(h, deterministic_signing=True)))
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")

    def verify(self, msg, sig):
        pub = x509.load_der_x509_certificate(self.chain[0]).public_key()
        if isinstance(pub, ed25519.Ed25519PublicKey):
            pub.verify(sig, msg)
            return
        h = hashes.SHA256() if self.alg == "ES256" else hashes.SHA384()
        n = len(sig) // 2
        der = encode_dss_signature(int.from_bytes(sig[:n], "big"), int.from_bytes(sig[n:], "big"))
        pub.verify(der, msg, ec.ECDSA(h))


READER = Reader("ac-leaf", ["ac-leaf", "ac-int"])
# Same key, another certificate (a natural person's): a different reader all the same.
READER_SERIAL = Reader("ac-leaf", ["ac-leaf-serial", "ac-int"])
READER_P384 = Reader("leaf-p384", ["ac-leaf-p384", "ac-int"], "ES384")
READER_ED25519 = Reader("leaf-ed25519", ["ac-leaf-ed25519", "ac-int"], "EdDSA")
# The certificate of READER with the key of an unrelated CA: signatures do not verify.
READER_WRONG_KEY = Reader("other-root", ["ac-leaf", "ac-int"])


def x5chain(chain):
    return chain[0] if len(chain) == 1 else list(chain)


def sig_structure(protected, payload):
    return encode(["Signature1", protected, b"", payload])


def sign1(reader, payload, prot=None, unprot=None, chain_in="protected", attach=False,
          tagged=False, tamper=False, check=True):
    """COSE_Sign1 over the detached payload. prot/unprot are lists of (label, value) pairs put
    after (or instead of) the defaults; chain_in is "protected", "unprotected" or None."""
    p = [(1, ALGS[reader.alg])] if prot is None else list(prot)
    u = [] if unprot is None else list(unprot)
    if chain_in == "protected":
        p.append((33, x5chain(reader.chain)))
    elif chain_in == "unprotected":
        u.append((33, x5chain(reader.chain)))
    protected = encode(Map(p)) if p else b""
    sig = reader.sign(sig_structure(protected, payload))
    if check and not tamper:
        reader.verify(sig_structure(protected, payload), sig)
    if tamper:
        sig = bytes([sig[0] ^ 1]) + sig[1:]
    body = [protected, Map(u), payload if attach else None, sig]
    return Tag(18, body) if tagged else body


def items_request(doc_type, name_spaces, request_info=None, extra=()):
    """CBOR of an ItemsRequest; name_spaces: {ns: {element: intent}} (order kept)."""
    pairs = [("docType", doc_type), ("nameSpaces", name_spaces)]
    if request_info is not None:
        pairs.append(("requestInfo", request_info))
    pairs.extend(extra)
    return encode(Map(pairs))


def reader_authentication(items, st=TRANSCRIPT):
    return encode(Tag(24, encode(["ReaderAuthentication", Raw(st), Tag(24, items)])))


def reader_authentication_all(items_list, info=None, st=TRANSCRIPT):
    body = ["ReaderAuthenticationAll", Raw(st), [Tag(24, i) for i in items_list],
            Tag(24, info) if info is not None else None]
    return encode(Tag(24, encode(body)))


def doc_request(items, auth=None, extra=()):
    pairs = [("itemsRequest", Tag(24, items))]
    if auth is not None:
        pairs.append(("readerAuth", auth))
    pairs.extend(extra)
    return Map(pairs)


def signed_doc(items, reader=READER, **kw):
    return doc_request(items, sign1(reader, reader_authentication(items), **kw))


def device_request(docs, version="1.0", info=None, auth_all=None, extra=()):
    pairs = [("version", version), ("docRequests", docs)]
    if info is not None:
        pairs.append(("deviceRequestInfo", Tag(24, info)))
    if auth_all is not None:
        pairs.append(("readerAuthAll", auth_all))
    pairs.extend(extra)
    return encode(Map(pairs))


MDL_ITEMS = items_request(MDL, {MDL_NS: {"family_name": True, "birth_date": True,
                                         "portrait": False}})
PID_ITEMS = items_request(PID, {PID: {"age_over_18": False}})
RC_CWT = read(os.path.join(RC, "valid.cwt"))
RC_JWT = read(os.path.join(RC, "valid.jwt"))


class Out:
    def __init__(self):
        self.files = {}
        self.lines = []

    def put(self, name, data):
        if name in self.files and self.files[name] != data:
            raise ValueError("two contents for " + name)
        self.files[name] = data

    def section(self, title):
        self.lines.append("")
        self.lines.append("# " + title)

    def vec(self, name, data, st, codes, **opts):
        """A vector: its file, the transcript file ("-": none), codes and options."""
        if data is not None:
            self.put(name, data)
        o = " ".join("%s=%s" % kv for kv in opts.items())
        self.lines.append("\t".join([name, st, ",".join(codes) or "none", o]).rstrip())


def transcripts(out):
    out.put("transcript.cbor", TRANSCRIPT)
    out.put("transcript-tag24.cbor", encode(Tag(24, TRANSCRIPT)))
    out.put("transcript-other-nonce.cbor", transcript("another-nonce"))
    out.put("transcript-not-array.cbor", encode({"handover": "x"}))
    out.put("transcript-two-items.cbor", encode([None, None]))
    out.put("transcript-trailing-byte.cbor", TRANSCRIPT + b"\x00")
    out.put("transcript-tag24-trailing.cbor", encode(Tag(24, TRANSCRIPT + b"\xf6")))
    out.put("transcript-not-cbor.bin", b"not a transcript")
    out.put("transcript-tag24-map.cbor", encode(Tag(24, encode({"a": 1}))))
    out.put("transcript-tag24-array.cbor", encode(Tag(24, [None, None, None])))


# ISO/IEC 18013-7:2024 annex B, as published in awoie/annex-b-examples (also the known answer of
# the EU reference wallet's tests): the inputs and the expected SessionTranscript.
ANNEX_B = dict(client_id="example.com", response_uri="https://example.com/12345/response",
               nonce="abcdefgh1234567890", mdoc_generated_nonce="1234567890abcdefgh")
ANNEX_B_TRANSCRIPT = (
    "83f6f6835820da25c527e5fb75bc2dd31267c02237c4462ba0c1bf37071f692e7dd93b10ad0b5820f6ed8e3220d3"
    "c59a5f17eb45f48ab70aeecf9ee21744b1014982350bd96ac0c572616263646566676831323334353637383930")
# ISO/IEC 18013-7 annex C: an EncryptionInfo of our own (no published example).
ANNEX_C_ORIGIN = "https://rp.example.com"


def handovers(out):
    a = ANNEX_B
    client = sha256(encode([a["client_id"], a["mdoc_generated_nonce"]]))
    response = sha256(encode([a["response_uri"], a["mdoc_generated_nonce"]]))
    st = encode([None, None, [client, response, a["nonce"]]])
    assert st.hex() == ANNEX_B_TRANSCRIPT
    out.put("iso18013-7-annex-b-session-transcript.hex", (st.hex() + "\n").encode())
    enc_info = encode(["dcapi", {"nonce": bytes(range(16)), "recipientPublicKey": {
        1: 2, -1: 1, -2: bytes(range(32)), -3: bytes(range(32, 64))}}])
    b64 = base64.urlsafe_b64encode(enc_info).rstrip(b"=").decode()
    st = encode([None, None, ["dcapi", sha256(encode([b64, ANNEX_C_ORIGIN]))]])
    out.put("iso18013-7-annex-c-encryption-info.txt", (b64 + "\n").encode())
    out.put("iso18013-7-annex-c-session-transcript.hex", (st.hex() + "\n").encode())


def valid(out):
    out.section("valid requests")
    one = device_request([signed_doc(MDL_ITEMS)])
    out.vec("valid-1.0.cbor", one, "transcript.cbor", [], auth=1, docs=1, leaf="pki/ac-leaf.pem")
    out.vec("valid-1.0.cbor", None, "transcript-tag24.cbor", [], auth=1)
    out.vec("valid-two-docs.cbor",
            device_request([signed_doc(MDL_ITEMS), signed_doc(PID_ITEMS)]),
            "transcript.cbor", [], auth=1, docs=2)
    out.vec("valid-x5chain-unprotected.cbor",
            device_request([signed_doc(MDL_ITEMS, chain_in=None,
                                       unprot=[(33, x5chain(READER.chain))])]),
            "transcript.cbor", [], auth=1, leaf="pki/ac-leaf.pem")
    leaf_only = Reader("ac-leaf", ["ac-leaf"])
    out.vec("valid-x5chain-one-bstr.cbor", device_request([signed_doc(MDL_ITEMS, leaf_only)]),
            "transcript.cbor", [], auth=1, chain=1)
    out.vec("valid-tag18.cbor", device_request([signed_doc(MDL_ITEMS, tagged=True)]),
            "transcript.cbor", [], auth=1)
    out.vec("valid-es384.cbor", device_request([signed_doc(MDL_ITEMS, READER_P384)]),
            "transcript.cbor", [], auth=1, leaf="pki/ac-leaf-p384.pem")
    out.vec("valid-eddsa.cbor", device_request([signed_doc(MDL_ITEMS, READER_ED25519)]),
            "transcript.cbor", [], auth=1, leaf="pki/ac-leaf-ed25519.pem")
    unknown = items_request(MDL, {MDL_NS: {"family_name": True}},
                            {"purposeHint": "age check", "euWrpRegistrarInfo": {"x": [1, 2]}},
                            extra=[("futureKey", {"a": 1})])
    out.vec("valid-unknown-keys.cbor",
            device_request([doc_request(unknown, sign1(READER, reader_authentication(unknown)),
                                        extra=[("docRequestExtension", 7)])],
                           extra=[("deviceRequestExtension", [1])]),
            "transcript.cbor", [], auth=1)
    # An ItemsRequest in non-preferred encodings (wide heads, an indefinite-length map), signed
    # over the bytes as sent.
    odd = encode(Map([(Text("docType", 1), Text(MDL, 2)),
                      ("nameSpaces", Map([(MDL_NS, Map([("family_name", True)], indefinite=True))],
                                         width=4))]))
    out.put("noncanonical-items.cbor", odd)
    out.vec("valid-noncanonical-items.cbor",
            device_request([doc_request(odd, sign1(READER, reader_authentication(odd)))]),
            "transcript.cbor", [], auth=1)
    out.vec("valid-indefinite-device-request.cbor",
            encode(Map([("version", "1.0"),
                        ("docRequests", Array([signed_doc(MDL_ITEMS)], indefinite=True))],
                       indefinite=True)),
            "transcript.cbor", [], auth=1)


def registration(out):
    out.section("registration certificate in requestInfo.euWrprc")
    # The IT-Wallet example's structure with real bytes: euWrprc next to euWrpRegistrarInfo.
    registrar_info = {
        "identifier": [{"type": "organizationIdentifier", "identifier": "LEIXG-529900T8BM49AURSDO55"}],
        "srvDescription": [{"lang": "en", "content": "Example identity verification service"}],
        "purpose": [{"lang": "en", "content": "Identity verification"}],
        "registryURI": "https://registry.example.org/entities/example-rp",
        "intendedUseIdentifier": "identity-verification",
        "policyURI": "https://example.org/privacy",
        "credential": [{"format": "mso_mdoc", "meta": {"doctype_value": MDL},
                        "claim": [MDL_NS + "/family_name", MDL_NS + "/document_number"]}],
    }
    eudiw = items_request(MDL, {MDL_NS: {"family_name": True, "document_number": True,
                                         "driving_privileges": True, "issue_date": True,
                                         "expiry_date": True, "portrait": False}},
                          {"euWrprc": RC_CWT, "euWrpRegistrarInfo": registrar_info})
    out.put("eudiw-mdl-items.cbor", eudiw)
    out.vec("eudiw-mdl.cbor", device_request([signed_doc(eudiw)]), "transcript.cbor", [],
            auth=1, n_rc=1, rc="rc/valid.cwt", leaf="pki/ac-leaf.pem")
    pid_cwt = items_request(PID, {PID: {"age_over_18": False}}, {"euWrprc": RC_CWT})
    pid_jwt = items_request(PID, {PID: {"age_over_18": False}}, {"euWrprc": RC_JWT})
    mdl_cwt = items_request(MDL, {MDL_NS: {"age_over_18": False}}, {"euWrprc": RC_CWT})
    out.vec("eudiw-pid-cwt.cbor", device_request([signed_doc(pid_cwt)]), "transcript.cbor", [],
            auth=1, n_rc=1, rc="rc/valid.cwt")
    out.vec("eudiw-pid-jwt.cbor", device_request([signed_doc(pid_jwt)]), "transcript.cbor", [],
            auth=1, n_rc=1, rc="rc/valid.jwt")
    out.vec("rc-same-in-two-docs.cbor",
            device_request([signed_doc(pid_cwt), signed_doc(mdl_cwt)]),
            "transcript.cbor", [], auth=1, n_rc=1, rc="rc/valid.cwt")
    out.vec("rc-in-one-of-two-docs.cbor",
            device_request([signed_doc(MDL_ITEMS), signed_doc(pid_cwt)]),
            "transcript.cbor", [], auth=1, n_rc=1, rc="rc/valid.cwt")
    out.vec("valid-1.0.cbor", None, "transcript.cbor", [], n_rc=0)
    out.vec("rc-different.cbor",
            device_request([signed_doc(pid_cwt), signed_doc(pid_jwt)]),
            "transcript.cbor", ["RC_MULTIPLE"], auth=1, n_rc=2, rc="rc/valid.cwt")
    rc_text = items_request(PID, {PID: {"age_over_18": False}},
                            {"euWrprc": RC_JWT.decode().strip()})
    out.vec("rc-text-string.cbor", device_request([signed_doc(rc_text)]), "transcript.cbor",
            ["REQUEST_MALFORMED"])


def reader_auth(out):
    out.section("reader authentication")
    ra = reader_authentication(MDL_ITEMS)
    out.vec("valid-1.0.cbor", None, "-", ["READER_AUTH_UNVERIFIED"], auth=0, leaf="pki/ac-leaf.pem")
    out.vec("valid-1.0.cbor", None, "transcript-other-nonce.cbor", ["READER_AUTH_SIGNATURE"],
            auth=0, cid="READER_AUTH_SIGNATURE:0")
    for st in ("transcript-not-array.cbor", "transcript-two-items.cbor",
               "transcript-trailing-byte.cbor", "transcript-tag24-trailing.cbor",
               "transcript-not-cbor.bin", "transcript-tag24-map.cbor",
               "transcript-tag24-array.cbor"):
        out.vec("valid-1.0.cbor", None, st, ["READER_AUTH_UNVERIFIED"], auth=0)
    out.vec("missing-reader-auth.cbor", device_request([doc_request(MDL_ITEMS)]),
            "transcript.cbor", ["READER_AUTH_MISSING"], auth=0, cid="READER_AUTH_MISSING:0",
            chain=0)
    out.vec("missing-reader-auth.cbor", None, "-", ["READER_AUTH_MISSING"], auth=0)
    out.vec("missing-reader-auth-second-doc.cbor",
            device_request([signed_doc(MDL_ITEMS), doc_request(PID_ITEMS)]),
            "transcript.cbor", ["READER_AUTH_MISSING"], auth=0, cid="READER_AUTH_MISSING:1")
    out.vec("missing-reader-auth-second-doc.cbor", None, "-",
            ["READER_AUTH_MISSING", "READER_AUTH_UNVERIFIED"], auth=0)
    sig = sign1(READER, ra)
    bad = [sig[0], sig[1], None, bytes([sig[3][0] ^ 1]) + sig[3][1:]]
    out.vec("signature-bit-flipped.cbor", device_request([doc_request(MDL_ITEMS, bad)]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0, cid="READER_AUTH_SIGNATURE:0")
    out.vec("signature-wrong-key.cbor",
            device_request([doc_request(MDL_ITEMS, sign1(READER_WRONG_KEY, ra, check=False))]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)
    der_sig = READER.key.sign(sig_structure(sig[0], ra), ec.ECDSA(hashes.SHA256(),
                                                                  deterministic_signing=True))
    out.vec("signature-der-encoded.cbor",
            device_request([doc_request(MDL_ITEMS, [sig[0], sig[1], None, der_sig])]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)
    out.vec("signature-empty.cbor",
            device_request([doc_request(MDL_ITEMS, [sig[0], sig[1], None, b""])]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)
    chain = (33, x5chain(READER.chain))
    cases = [
        ("alg-absent", dict(prot=[chain], chain_in=None)),
        ("alg-hmac", dict(prot=[(1, 5), chain], chain_in=None)),
        ("alg-unprotected", dict(prot=[chain], unprot=[(1, -7)], chain_in=None)),
        ("alg-text", dict(prot=[(1, "ES256"), chain], chain_in=None)),
        ("alg-mismatch-es384", dict(prot=[(1, -35), chain], chain_in=None)),
        ("crit-unknown-label", dict(prot=[(1, -7), (2, [99]), (99, 1), chain], chain_in=None)),
        ("x5chain-absent", dict(chain_in=None)),
        ("x5chain-not-a-certificate", dict(prot=[(1, -7), (33, b"not a certificate")],
                                           chain_in=None)),
        ("x5chain-empty-array", dict(prot=[(1, -7), (33, [])], chain_in=None)),
        ("payload-attached", dict(attach=True)),
    ]
    for name, kw in cases:
        out.vec("reader-auth-%s.cbor" % name,
                device_request([doc_request(MDL_ITEMS, sign1(READER, ra, check=False, **kw))]),
                "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)
    out.vec("reader-auth-alg-absent.cbor", None, "-",
            ["READER_AUTH_SIGNATURE", "READER_AUTH_UNVERIFIED"], auth=0)
    out.vec("different-readers-same-key.cbor",
            device_request([signed_doc(MDL_ITEMS), signed_doc(PID_ITEMS, READER_SERIAL)]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0, cid="READER_AUTH_SIGNATURE:1",
            leaf="pki/ac-leaf.pem")
    out.vec("different-readers-p384.cbor",
            device_request([signed_doc(MDL_ITEMS, READER_P384), signed_doc(PID_ITEMS)]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0, leaf="pki/ac-leaf-p384.pem")
    out.vec("same-reader-other-intermediates.cbor",
            device_request([signed_doc(MDL_ITEMS), signed_doc(PID_ITEMS, Reader("ac-leaf",
                                                                                ["ac-leaf"]))]),
            "transcript.cbor", [], auth=1, chain=2)


def signed_over(out):
    out.section("signatures over anything but the structure as received")
    odd = encode(Map([(Text("docType", 1), Text(MDL, 2)),
                                 ("nameSpaces", Map([(MDL_NS, Map([("family_name", True)],
                                                                  indefinite=True))], width=4))]))
    canonical = items_request(MDL, {MDL_NS: {"family_name": True}})
    assert odd != canonical

    def over(name, payload, items=MDL_ITEMS):
        out.vec(name, device_request([doc_request(items, sign1(READER, payload))]),
                "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)

    over("signed-over-reencoded-items.cbor", reader_authentication(canonical), odd)
    over("signed-over-untagged-items.cbor",
         encode(Tag(24, encode(["ReaderAuthentication", Raw(TRANSCRIPT), MDL_ITEMS]))))
    over("signed-over-unwrapped.cbor",
         encode(["ReaderAuthentication", Raw(TRANSCRIPT), Tag(24, MDL_ITEMS)]))
    over("signed-over-transcript-bytes.cbor",
         encode(Tag(24, encode(["ReaderAuthentication", Tag(24, TRANSCRIPT), Tag(24, MDL_ITEMS)]))))
    over("signed-over-other-context.cbor",
         encode(Tag(24, encode(["ReaderAuthenticationAll", Raw(TRANSCRIPT), Tag(24, MDL_ITEMS)]))))
    over("signed-over-other-items.cbor", reader_authentication(PID_ITEMS))
    over("signed-over-wide-bstr-head.cbor",
         encode(Tag(24, encode(["ReaderAuthentication", Raw(TRANSCRIPT),
                                Tag(24, Bytes(MDL_ITEMS, 4))]))))


def second_edition(out):
    out.section("version 1.1: deviceRequestInfo, readerAuthAll, alternativeDataElements")
    info = encode({"useCases": [{"mandatory": True, "documentSets": [[0, 1]]}]})
    items = [MDL_ITEMS, PID_ITEMS]
    docs = [doc_request(MDL_ITEMS), doc_request(PID_ITEMS)]
    all_sig = sign1(READER, reader_authentication_all(items, info))
    out.vec("v11-reader-auth-all.cbor", device_request(docs, "1.1", info, [all_sig]),
            "transcript.cbor", [], auth=1, docs=2, leaf="pki/ac-leaf.pem")
    out.vec("v11-reader-auth-all.cbor", None, "-", ["READER_AUTH_UNVERIFIED"], auth=0)
    out.vec("v11-reader-auth-all.cbor", None, "transcript-other-nonce.cbor",
            ["READER_AUTH_SIGNATURE"], auth=0, cid="READER_AUTH_SIGNATURE:-")
    no_info = sign1(READER, reader_authentication_all(items))
    out.vec("v11-reader-auth-all-no-info.cbor", device_request(docs, "1.1", None, [no_info]),
            "transcript.cbor", [], auth=1)
    out.vec("v11-reader-auth-all-lone-sign1.cbor", device_request(docs, "1.1", info, all_sig),
            "transcript.cbor", [], auth=1)
    out.vec("v11-reader-auth-all-lone-tag18.cbor",
            device_request(docs, "1.1", info, Tag(18, all_sig)), "transcript.cbor", [], auth=1)
    out.vec("v11-reader-auth-all-two.cbor",
            device_request(docs, "1.1", info, [all_sig, sign1(READER, reader_authentication_all(
                items, info), prot=[(1, -7)], chain_in="unprotected")]),
            "transcript.cbor", [], auth=1)
    both = [signed_doc(MDL_ITEMS), signed_doc(PID_ITEMS)]
    out.vec("v11-reader-auth-and-all.cbor", device_request(both, "1.1", info, [all_sig]),
            "transcript.cbor", [], auth=1)
    out.vec("v11-reader-auth-only.cbor", device_request(both, "1.1", info), "transcript.cbor", [],
            auth=1)
    out.vec("v11-no-reader-auth.cbor", device_request(docs, "1.1", info), "transcript.cbor",
            ["READER_AUTH_MISSING"], auth=0)
    out.vec("v11-reader-auth-all-signed-without-info.cbor",
            device_request(docs, "1.1", info, [no_info]), "transcript.cbor",
            ["READER_AUTH_SIGNATURE"], auth=0)
    out.vec("v11-reader-auth-all-docs-swapped.cbor",
            device_request([doc_request(PID_ITEMS), doc_request(MDL_ITEMS)], "1.1", info,
                           [all_sig]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)
    out.vec("v11-reader-auth-all-second-bad.cbor",
            device_request(docs, "1.1", info, [all_sig, sign1(READER, reader_authentication_all(
                items, info), tamper=True)]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)
    out.vec("v11-reader-auth-all-other-reader.cbor",
            device_request([signed_doc(MDL_ITEMS), signed_doc(PID_ITEMS)], "1.1", info,
                           [sign1(READER_P384, reader_authentication_all(items, info))]),
            "transcript.cbor", ["READER_AUTH_SIGNATURE"], auth=0)
    out.vec("v10-reader-auth-all-ignored.cbor", device_request(docs, "1.0", info, [all_sig]),
            "transcript.cbor", ["READER_AUTH_MISSING"], auth=0)
    alt_info = {"alternativeDataElements": [
        {"requestedElement": [MDL_NS, "birth_date"],
         "alternativeElementSets": [[[MDL_NS, "age_over_18"]],
                                    [[MDL_NS, "age_in_years"], [MDL_NS, "issue_date"]]]},
        {"requestedElement": [MDL_NS, "resident_address"],
         "alternativeElementSets": [[[MDL_NS, "family_name"]]]},
    ]}
    alt = items_request(MDL, {MDL_NS: {"family_name": False, "birth_date": True}}, alt_info)
    out.put("alternatives-items.cbor", alt)
    out.vec("v11-alternatives.cbor", device_request([signed_doc(alt)], "1.1"),
            "transcript.cbor", [], auth=1)
    out.vec("v10-alternatives.cbor", device_request([signed_doc(alt)]), "transcript.cbor", [],
            auth=1)


def malformed(out):
    out.section("malformed: REQUEST_MALFORMED and nothing else")

    def bad(name, data):
        out.vec(name, data, "transcript.cbor", ["REQUEST_MALFORMED"], parsed=0)

    good_doc = signed_doc(MDL_ITEMS)
    bad("not-cbor.cbor", b'{"version": "1.0"}')
    bad("empty.cbor", b"")
    bad("trailing-byte.cbor", device_request([good_doc]) + b"\x00")
    bad("two-items.cbor", device_request([good_doc]) * 2)
    bad("not-a-map.cbor", encode(["1.0", [good_doc]]))
    bad("version-absent.cbor", encode(Map([("docRequests", [good_doc])])))
    bad("version-2.0.cbor", device_request([good_doc], "2.0"))
    bad("version-1.cbor", device_request([good_doc], "1"))
    bad("version-number.cbor", encode(Map([("version", 1.0), ("docRequests", [good_doc])])))
    bad("doc-requests-absent.cbor", encode({"version": "1.0"}))
    bad("doc-requests-empty.cbor", device_request([]))
    bad("doc-requests-map.cbor", encode(Map([("version", "1.0"), ("docRequests", {"0": 1})])))
    bad("doc-request-not-map.cbor", device_request([[Tag(24, MDL_ITEMS)]]))
    bad("items-request-absent.cbor", device_request([Map([("readerAuth", sign1(
        READER, reader_authentication(MDL_ITEMS)))])]))
    bad("items-request-untagged.cbor", device_request([Map([("itemsRequest", MDL_ITEMS)])]))
    bad("items-request-tag25.cbor", device_request([Map([("itemsRequest", Tag(25, MDL_ITEMS))])]))
    bad("items-request-tag24-map.cbor", device_request([Map([("itemsRequest", Tag(
        24, {"docType": MDL, "nameSpaces": {MDL_NS: {"family_name": True}}}))])]))
    bad("items-request-tag24-trailing.cbor",
        device_request([doc_request(MDL_ITEMS + b"\xf6")]))
    bad("items-request-tag24-truncated.cbor", device_request([doc_request(MDL_ITEMS[:-1])]))
    bad("items-request-tag24-two-items.cbor",
        device_request([doc_request(MDL_ITEMS + MDL_ITEMS)]))
    bad("items-request-tag24-array.cbor", device_request([doc_request(encode([MDL]))]))
    bad("items-request-tag24-empty.cbor", device_request([doc_request(b"")]))
    bad("items-request-duplicate-element.cbor", device_request([doc_request(encode(Map([
        ("docType", MDL), ("nameSpaces", Map([(MDL_NS, Map([("family_name", True),
                                                            ("family_name", False)]))]))])))]))
    bad("items-request-duplicate-doctype.cbor", device_request([doc_request(encode(Map([
        ("docType", MDL), ("docType", PID),
        ("nameSpaces", {MDL_NS: {"family_name": True}})])))]))

    def items(name, doc_type=MDL, ns=None, info=None, extra=()):
        ns = {MDL_NS: {"family_name": True}} if ns is None else ns
        pairs = ([] if doc_type is DEL else [("docType", doc_type)]) + \
                ([] if ns is DEL else [("nameSpaces", ns)])
        if info is not None:
            pairs.append(("requestInfo", info))
        pairs.extend(extra)
        body = encode(Map(pairs))
        bad(name, device_request([doc_request(body, sign1(READER, reader_authentication(body)))]))

    items("doctype-absent.cbor", doc_type=DEL)
    items("doctype-number.cbor", doc_type=18013)
    items("doctype-bstr.cbor", doc_type=MDL.encode())
    items("doctype-nul.cbor", doc_type=MDL + "\x00.evil")
    items("namespaces-absent.cbor", ns=DEL)
    items("namespaces-empty.cbor", ns={})
    items("namespaces-array.cbor", ns=[[MDL_NS, "family_name"]])
    items("namespace-empty.cbor", ns={MDL_NS: {}})
    items("namespace-not-map.cbor", ns={MDL_NS: ["family_name"]})
    items("namespace-bstr-key.cbor", ns=Map([(MDL_NS.encode(), {"family_name": True})]))
    items("namespace-int-key.cbor", ns=Map([(1, {"family_name": True})]))
    items("namespace-nul.cbor", ns={MDL_NS + "\x00x": {"family_name": True}})
    items("element-int-key.cbor", ns={MDL_NS: Map([(7, True)])})
    items("element-nul.cbor", ns={MDL_NS: {"family\x00name": True}})
    items("intent-int.cbor", ns={MDL_NS: {"family_name": 1}})
    items("intent-null.cbor", ns={MDL_NS: {"family_name": None}})
    items("intent-text.cbor", ns={MDL_NS: {"family_name": "true"}})
    items("intent-undefined.cbor", ns={MDL_NS: {"family_name": Simple(23)}})
    # a float where a boolean belongs: libcbor 0.8 aborts when cbor_is_bool meets one
    items("intent-float.cbor", ns={MDL_NS: {"family_name": 1.5}})
    items("intent-half-float.cbor", ns={MDL_NS: {"family_name": Raw(bytes([0xF9, 0x3C, 0x00]))}})
    items("request-info-array.cbor", info=[["euWrprc", RC_CWT]])
    items("request-info-int-key.cbor", info=Map([(1, "x")]))
    items("request-info-euwrprc-map.cbor", info={"euWrprc": {"jwt": "x"}})
    ref = [MDL_NS, "age_over_18"]
    for name, alts in [
        ("alternatives-map", {"requestedElement": ref}),
        ("alternatives-entry-array", [[ref, [[ref]]]]),
        ("alternatives-requested-absent", [{"alternativeElementSets": [[ref]]}]),
        ("alternatives-requested-three", [{"requestedElement": ref + ["x"],
                                           "alternativeElementSets": [[ref]]}]),
        ("alternatives-requested-bstr", [{"requestedElement": [MDL_NS, b"x"],
                                          "alternativeElementSets": [[ref]]}]),
        ("alternatives-sets-absent", [{"requestedElement": ref}]),
        ("alternatives-sets-empty", [{"requestedElement": ref, "alternativeElementSets": []}]),
        ("alternatives-set-empty", [{"requestedElement": ref, "alternativeElementSets": [[]]}]),
        ("alternatives-set-flat", [{"requestedElement": ref, "alternativeElementSets": [ref]}]),
        ("alternatives-element-nul", [{"requestedElement": ref,
                                       "alternativeElementSets": [[[MDL_NS, "a\x00b"]]]}]),
    ]:
        items(name + ".cbor", info={"alternativeDataElements": alts})
    items("elements-1025.cbor", ns={MDL_NS: {"e%04d" % i: False for i in range(1025)}})
    items("alternatives-1025.cbor",
          ns={MDL_NS: {"e%04d" % i: False for i in range(1000)}},
          info={"alternativeDataElements": [{"requestedElement": [MDL_NS, "e0000"],
                                             "alternativeElementSets": [[[MDL_NS, "a%d" % i]
                                                                         for i in range(24)]]}]})
    tiny = items_request("t", {"n": {"e": False}})
    bad("docrequests-1025.cbor", device_request([doc_request(tiny)] * 1025))

    sig = sign1(READER, reader_authentication(MDL_ITEMS))
    bad("reader-auth-int.cbor", device_request([doc_request(MDL_ITEMS, 7)]))
    bad("reader-auth-three-items.cbor", device_request([doc_request(MDL_ITEMS, sig[:3])]))
    bad("reader-auth-map.cbor", device_request([doc_request(MDL_ITEMS, {"sig": sig[3]})]))
    bad("reader-auth-protected-map.cbor", device_request([doc_request(
        MDL_ITEMS, [{1: -7}, sig[1], None, sig[3]])]))
    bad("reader-auth-protected-not-cbor.cbor", device_request([doc_request(
        MDL_ITEMS, [b"\xa1\x01", sig[1], None, sig[3]])]))
    bad("reader-auth-unprotected-array.cbor", device_request([doc_request(
        MDL_ITEMS, [sig[0], [], None, sig[3]])]))
    bad("reader-auth-signature-text.cbor", device_request([doc_request(
        MDL_ITEMS, [sig[0], sig[1], None, "sig"])]))
    bad("reader-auth-tag17.cbor", device_request([doc_request(MDL_ITEMS, Tag(17, sig))]))
    bad("reader-auth-label-twice.cbor", device_request([doc_request(
        MDL_ITEMS, sign1(READER, reader_authentication(MDL_ITEMS), unprot=[(1, -7)],
                         check=False))]))

    info = encode({"useCases": []})
    docs = [doc_request(MDL_ITEMS)]
    all_sig = sign1(READER, reader_authentication_all([MDL_ITEMS], info))
    bad("v11-device-request-info-untagged.cbor", encode(Map([
        ("version", "1.1"), ("docRequests", docs), ("deviceRequestInfo", info),
        ("readerAuthAll", [all_sig])])))
    bad("v11-device-request-info-array.cbor",
        device_request(docs, "1.1", encode([1]), [all_sig]))
    bad("v11-device-request-info-trailing.cbor",
        device_request(docs, "1.1", info + b"\x00", [all_sig]))
    bad("v11-reader-auth-all-empty.cbor", device_request(docs, "1.1", info, []))
    bad("v11-reader-auth-all-int.cbor", device_request(docs, "1.1", info, 1))
    bad("v11-reader-auth-all-map.cbor", device_request(docs, "1.1", info, {"0": all_sig}))
    bad("v11-reader-auth-all-bad-entry.cbor", device_request(docs, "1.1", info, [all_sig, 5]))
    bad("v11-reader-auth-all-17.cbor", device_request(docs, "1.1", info, [all_sig] * 17))

    out.section("hostile CBOR")
    bad("duplicate-version.cbor", encode(Map([("version", "1.0"), ("version", "1.1"),
                                              ("docRequests", [good_doc])])))
    bad("duplicate-doc-requests.cbor", encode(Map([("version", "1.0"), ("docRequests", []),
                                                   ("docRequests", [good_doc])])))
    bad("duplicate-reader-auth.cbor", device_request([Map([
        ("itemsRequest", Tag(24, MDL_ITEMS)), ("readerAuth", sig), ("readerAuth", sig)])]))
    bad("declared-array-2e32.cbor", b"\xa2\x67version\x631.0\x6bdocRequests\x9b" +
        (1 << 32).to_bytes(8, "big") + b"\xa0")
    bad("declared-map-2e31.cbor", b"\xba\x80\x00\x00\x00\x67version\x631.0")
    bad("declared-bstr-2e62.cbor", device_request([Map([("itemsRequest", Raw(
        b"\xd8\x18\x5b" + (1 << 62).to_bytes(8, "big") + MDL_ITEMS))])]))
    bad("declared-items-text-beyond.cbor", device_request([doc_request(encode(Map([
        ("docType", Raw(b"\x7a\xff\xff\xff\xff" + MDL.encode())),
        ("nameSpaces", {MDL_NS: {"family_name": True}})])))]))
    bad("declared-items-map-beyond.cbor", device_request([doc_request(encode(Map([
        ("docType", MDL), ("nameSpaces", Raw(b"\xbb" + (1 << 40).to_bytes(8, "big")))])))]))
    deep = "x"
    for _ in range(40):
        deep = [deep]
    items("nested-40-deep.cbor", info={"deep": deep})
    bad("nested-40-deep-outside.cbor", device_request([good_doc], extra=[("deep", deep)]))
    bad("truncated.cbor", device_request([good_doc])[:-10])
    bad("reserved-ai.cbor", b"\xa2\x67version\x631.0\x6bdocRequests\x9c")
    bad("break-outside.cbor", device_request([good_doc]) + b"\xff")
    bad("invalid-utf8-version.cbor", b"\xa2\x67version\x63\x31\x2e\xff\x6bdocRequests\x80")
    bad("float-key.cbor", encode(Map([("version", "1.0"), ("docRequests", [good_doc]),
                                      (1.5, 1)])))
    bad("indefinite-never-closed.cbor", b"\xbf\x67version\x631.0")


DEL = object()


def main():
    out = Out()
    transcripts(out)
    handovers(out)
    valid(out)
    registration(out)
    reader_auth(out)
    signed_over(out)
    second_edition(out)
    malformed(out)
    head = ["# ISO/IEC 18013-5 DeviceRequest vectors (generated by testvectors/gen_mdoc.py).",
            "# file<TAB>transcript file (- for none)<TAB>expected finding codes<TAB>options",
            "# options: auth=0|1 (authenticated), parsed=0|1, docs=N (credential queries),",
            "# n_rc=N, rc=FILE (the registration certificate's bytes), leaf=FILE (the reader",
            "# chain's leaf), chain=N (certificates in the reader chain), cid=CODE:ID (a finding of",
            "# CODE names credential ID; - for none). Files under testvectors/."]
    manifest = "\n".join(head + out.lines) + "\n"
    out.put("manifest.tsv", manifest.encode())
    check = "--check" in sys.argv[1:]
    differ = []
    for name, data in sorted(out.files.items()):
        path = os.path.join(OUT, name)
        old = read(path) if os.path.exists(path) else None
        if old == data:
            continue
        differ.append(name)
        if not check:
            os.makedirs(OUT, exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
    stale = sorted(set(os.listdir(OUT)) - set(out.files) - {"README.md"}) if os.path.isdir(OUT) else []
    if check:
        for name in differ:
            print("differs: " + name)
        for name in stale:
            print("not generated: " + name)
        return 1 if differ or stale else 0
    for name in stale:
        print("not generated (left alone): " + name)
    print("%d files, %d written" % (len(out.files), len(differ)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
