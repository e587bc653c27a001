#!/usr/bin/env python3
"""Generates the register (EUDI TS5) and trusted list (ETSI TS 119 602 LoTE) vectors in
testvectors/register/ and their manifests.

Keys and certificates live in register/pki/ and are reused when present; every signature is
deterministic (ECDSA per RFC 6979), so a re-run rewrites identical files. Delete register/pki/ only
to start a new PKI. Every vector that should carry a valid signature is verified again before it is
written: compact JWS with joserfc, the JWS JSON serialization and the detached LoTE signature with
pyca/cryptography.

Usage: python3 testvectors/gen_register.py
"""

import base64
import datetime
import json
import os
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.x509.oid import NameOID
from joserfc import jws as jose_jws
from joserfc.jwk import ECKey
from joserfc.registry import HeaderParameter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "register")
PKI = os.path.join(OUT, "pki")
RC_PKI = os.path.join(HERE, "rc", "pki")

T = 1798761600  # 2027-01-01T00:00:00Z, the verification time of every vector
DAY = 86400

LEI = "LEIXG-529900T8BM49AURSDO55"
IU = "iu-age-check-001"
SP_URI = "https://uri.etsi.org/19475/Entitlement/Service_Provider"
QEAA_URI = "https://uri.etsi.org/19475/Entitlement/QEAA_Provider"
ID = "http://data.europa.eu/eudi/id/"
PRIVACY = "http://data.europa.eu/eudi/policy/privacy-policy"
SVC = "http://uri.etsi.org/19602/SvcType/"


def utc(y, m, d):
    return datetime.datetime(y, m, d, tzinfo=datetime.timezone.utc)


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def dumps(obj, **kw):
    return json.dumps(obj, indent=2, ensure_ascii=False, **kw) + "\n"


# ---------------------------------------------------------------------------------------------
# PKI (reused when present)

def load_or_make_key(fname):
    path = os.path.join(PKI, fname + ".key.pem")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    os.makedirs(PKI, exist_ok=True)
    with open(path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return key


def load_or_make_cert(fname, key, cn, issuer, serial, not_before, not_after, ca):
    path = os.path.join(PKI, fname + ".pem")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return x509.load_pem_x509_certificate(f.read())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "wrpcheck test vectors"),
                         x509.NameAttribute(NameOID.COUNTRY_NAME, "NL")])
    pub = key.public_key()
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    b = (x509.CertificateBuilder()
         .subject_name(subject)
         .issuer_name(issuer_cert.subject if issuer_cert else subject)
         .public_key(pub)
         .serial_number(serial)
         .not_valid_before(not_before)
         .not_valid_after(not_after)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
         .add_extension(x509.KeyUsage(not ca, False, False, False, False, ca, ca, False, False),
                        critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False))
    cert = b.sign(issuer_key, hashes.SHA256())
    with open(path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return cert


class Signer:
    """A private key with the certificate chain that is sent with its signatures."""

    def __init__(self, key, chain):
        self.key, self.chain = key, chain

    def x5c(self):
        return [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode("ascii")
                for c in self.chain]


class Pki:
    def __init__(self):
        roots = (utc(2025, 1, 1), utc(2035, 1, 1))
        leaves = (utc(2026, 1, 1), utc(2028, 1, 1))

        def ca(fname, cn, serial):
            key = load_or_make_key(fname)
            return key, load_or_make_cert(fname, key, cn, None, serial, *roots, ca=True)

        def leaf(fname, cn, issuer, serial, validity=leaves):
            key = load_or_make_key(fname)
            return key, load_or_make_cert(fname, key, cn, (issuer[1], issuer[0]), serial, *validity,
                                          ca=False)

        self.reg_root = ca("reg-root", "Test Register Root CA", 0x40)
        self.reg_signer = leaf("reg-signer", "Test Register Signer", self.reg_root, 0x4001)
        self.reg_signer_expired = leaf("reg-signer-expired", "Test Register Signer (expired)",
                                       self.reg_root, 0x4002, (utc(2024, 1, 1), utc(2025, 1, 1)))
        self.rogue_root = ca("rogue-root", "Untrusted Root CA", 0x50)
        self.rogue_signer = leaf("rogue-signer", "Untrusted Signer", self.rogue_root, 0x5001)
        self.lote_root = ca("lote-root", "Test List Signer Root CA", 0x60)
        self.lote_signer = leaf("lote-signer", "Test List Signer", self.lote_root, 0x6001)

    def signer(self, name, with_root=False):
        key, cert = getattr(self, name)
        root = {"reg": self.reg_root, "rogue": self.rogue_root, "lote": self.lote_root}[name.split("_")[0]]
        return Signer(key, [cert, root[1]] if with_root else [cert])


# ---------------------------------------------------------------------------------------------
# Signatures

def raw_sign(key, msg):
    r, s = decode_dss_signature(key.sign(msg, ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def verify_raw(cert, msg, sig):
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    cert.public_key().verify(encode_dss_signature(r, s), msg, ec.ECDSA(hashes.SHA256()))


def b64_json(obj):
    return b64u(json.dumps(obj, separators=(",", ":")).encode())


def compact(header, payload, key, check_cert=None, sig_override=None):
    """Compact JWS; payload a dict (compact JSON) or bytes. check_cert: verify with joserfc."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode()
    signing_input = b64_json(header) + "." + b64u(body)
    sig = sig_override if sig_override is not None else raw_sign(key, signing_input.encode())
    token = signing_input + "." + b64u(sig)
    if check_cert is not None:
        pem = check_cert.public_key().public_bytes(serialization.Encoding.PEM,
                                                    serialization.PublicFormat.SubjectPublicKeyInfo)
        sigt = {"sigT": HeaderParameter("JAdES claimed signing time", "str")}
        registry = jose_jws.JWSRegistry(header_registry=sigt, algorithms=["ES256"],
                                        strict_check_header=False)
        registry.max_header_length = 64 * 1024
        registry.max_payload_length = 4 * 1024 * 1024
        jose_jws.deserialize_compact(token, ECKey.import_key(pem), registry=registry)
    return token


def json_signature(protected, payload_b64, key, header=None, check_cert=None):
    """One signature object of the JWS JSON serialization."""
    entry = {}
    if protected is not None:
        entry["protected"] = b64_json(protected)
    if header is not None:
        entry["header"] = header
    signing_input = (entry.get("protected", "") + "." + payload_b64).encode()
    sig = raw_sign(key, signing_input)
    if check_cert is not None:
        verify_raw(check_cert, signing_input, sig)
    entry["signature"] = b64u(sig)
    return entry


# ---------------------------------------------------------------------------------------------
# Register records

DEL = object()


def patch(d, changes):
    d = dict(d)
    for k, v in changes.items():
        if v is DEL:
            d.pop(k, None)
        else:
            d[k] = v
    return d


def credentials():
    return [
        {"format": "dc+sd-jwt", "meta": {"vct_values": ["urn:eudi:pid:1"]},
         "claims": [{"path": ["age_over_18"]}, {"path": ["nationalities", None]}]},
        {"format": "mso_mdoc", "meta": {"doctype_value": "eu.europa.ec.eudi.pid.1"},
         "claims": [{"path": ["eu.europa.ec.eudi.pid.1", "age_over_18"]}]},
    ]


def use(**changes):
    return patch({
        "intendedUseIdentifier": IU,
        "purpose": [{"lang": "en", "content": "Checking that the buyer is of age"}],
        "privacyPolicy": [{"type": PRIVACY, "policyURI": "https://shop.example.nl/privacy"}],
        "createdAt": "2026-01-15",
        "credentials": credentials(),
    }, changes)


def rp(**changes):
    return patch({
        "identifier": [{"type": ID + "LEI", "identifier": LEI},
                       {"type": ID + "EUID", "identifier": "NLNHR.12345678"}],
        "tradeName": "Example Shop",
        "legalPerson": {"legalName": ["Example Shop B.V."]},
        "country": "NL",
        "registryURI": "https://register.example.nl/api",
        "supportURI": ["https://shop.example.nl/support"],
        "srvDescription": [[{"lang": "en", "content": "Online shop for age-restricted goods"}]],
        "entitlements": [SP_URI],
        "isPSB": False,
        "isIntermediary": False,
        "supervisoryAuthority": {"name": "Autoriteit Persoonsgegevens", "country": "NL"},
        "intendedUse": [use()],
    }, changes)


def other_rp(name, vat):
    return {
        "identifier": [{"type": ID + "VATIN", "identifier": vat}],
        "tradeName": name,
        "legalPerson": {"legalName": [name + " N.V."]},
        "country": "NL",
        "entitlements": [SP_URI],
        "intendedUse": [use(intendedUseIdentifier="iu-" + name.lower().replace(" ", "-"))],
    }


def payload(data, iat=T - DAY, **extra):
    p = {"iss": "https://register.example.nl", "iat": iat, "data": data}
    p.update(extra)
    return p


# ---------------------------------------------------------------------------------------------
# Manifests

class Manifest:
    def __init__(self, header):
        self.lines = list(header)
        self.seen = set()

    def add(self, files, expect, opts=()):
        key = (files, tuple(opts))
        if key in self.seen:
            raise ValueError("duplicate manifest line for " + files)
        self.seen.add(key)
        text = expect if isinstance(expect, str) else (",".join(sorted(expect)) if expect else "none")
        self.lines.append("\t".join([files, text] + list(opts)))

    def section(self, title):
        self.lines.append("# " + title)

    def write(self, rel):
        write(rel, "\n".join(self.lines) + "\n")


# ---------------------------------------------------------------------------------------------
# Register vectors

def register_vectors(pki, man):
    S = pki.signer("reg_signer")
    SR = pki.signer("reg_signer", with_root=True)
    rogue = pki.signer("rogue_signer", with_root=True)
    expired = pki.signer("reg_signer_expired")
    hdr = {"alg": "ES256", "typ": "JWT", "x5c": S.x5c()}
    base = payload(rp())

    def jwt(fname, body, signer=S, header=None, check=True, sig_override=None):
        h = dict(header) if header is not None else {"alg": "ES256", "typ": "JWT", "x5c": signer.x5c()}
        write(fname, compact(h, body, signer.key, signer.chain[0] if check else None, sig_override))

    def plain(fname, obj):
        write(fname, dumps(obj))

    # -- envelopes
    man.section("signed register responses: compact JWS")
    jwt("valid.jwt", base)
    jwt("valid-with-root.jwt", base, SR)
    jwt("valid-array.jwt", payload([other_rp("Other Bank", "NL111111111B01"), rp(),
                                    other_rp("Third Party", "NL222222222B01")]))
    man.add("valid.jwt", [])
    man.add("valid-with-root.jwt", [])
    man.add("valid-array.jwt", [])
    man.add("valid.jwt", [], ["anchors=pki/reg-signer.pem"])
    man.add("valid.jwt", ["REGISTER_UNTRUSTED"], ["anchors=-"])
    man.add("valid.jwt", ["REGISTER_UNTRUSTED"], ["anchors=pki/rogue-root.pem"])
    man.add("valid.jwt", ["REGISTER_UNTRUSTED"], ["time=%d" % (T + 400 * DAY)])

    jwt("sig-flipped.jwt", base, sig_override=bytes(64), check=False)
    other_key = pki.rogue_signer[0]
    write("sig-wrong-key.jwt", compact(hdr, base, other_key))
    jwt("sig-alg-none.jwt", base, header={"alg": "none", "x5c": S.x5c()}, check=False)
    jwt("sig-alg-hs256.jwt", base, header={"alg": "HS256", "x5c": S.x5c()}, check=False)
    jwt("sig-crit-unknown.jwt", base, header={**hdr, "crit": ["exp"], "exp": 1}, check=False)
    jwt("sig-no-x5c.jwt", base, header={"alg": "ES256"}, check=False)
    jwt("sig-x5c-garbage.jwt", base, header={"alg": "ES256", "x5c": ["bm90IGEgY2VydGlmaWNhdGU="]},
        check=False)
    jwt("untrusted-rogue.jwt", base, rogue)
    jwt("untrusted-expired-signer.jwt", base, expired)
    jwt("sig-empty.jwt", base, sig_override=b"", check=False)
    man.add("sig-flipped.jwt", ["REGISTER_SIGNATURE"])
    man.add("sig-empty.jwt", ["REGISTER_SIGNATURE"])
    man.add("sig-wrong-key.jwt", ["REGISTER_SIGNATURE"])
    man.add("sig-alg-none.jwt", ["REGISTER_SIGNATURE"])
    man.add("sig-alg-hs256.jwt", ["REGISTER_SIGNATURE"])
    man.add("sig-crit-unknown.jwt", ["REGISTER_SIGNATURE"])
    man.add("sig-no-x5c.jwt", ["REGISTER_SIGNATURE", "REGISTER_UNTRUSTED"])
    man.add("sig-x5c-garbage.jwt", ["REGISTER_SIGNATURE", "REGISTER_UNTRUSTED"])
    man.add("untrusted-rogue.jwt", ["REGISTER_UNTRUSTED"])
    man.add("untrusted-expired-signer.jwt", ["REGISTER_UNTRUSTED"])

    man.section("signed register responses: JWS JSON serialization (general and flattened)")
    pb = b64_json(base)
    prot = {"alg": "ES256", "typ": "JWT", "x5c": S.x5c()}
    plain("json-general.json", {"payload": pb, "signatures": [json_signature(prot, pb, S.key,
                                                                             check_cert=S.chain[0])]})
    plain("json-general-two.json", {"payload": pb, "signatures": [
        json_signature({"alg": "ES256", "x5c": rogue.x5c()}, pb, rogue.key, check_cert=rogue.chain[0]),
        json_signature(prot, pb, S.key, check_cert=S.chain[0])]})
    plain("json-general-rogue-only.json", {"payload": pb, "signatures": [
        json_signature({"alg": "ES256", "x5c": rogue.x5c()}, pb, rogue.key, check_cert=rogue.chain[0])]})
    flat = json_signature(prot, pb, S.key, check_cert=S.chain[0])
    plain("json-flattened.json", {"payload": pb, **flat})
    plain("json-x5c-unprotected.json", {"payload": pb, **json_signature(
        {"alg": "ES256"}, pb, S.key, header={"x5c": S.x5c()}, check_cert=S.chain[0])})
    plain("json-no-protected.json", {"payload": pb, **json_signature(
        None, pb, S.key, header={"alg": "ES256", "x5c": S.x5c()})})
    plain("json-header-in-both.json", {"payload": pb, **json_signature(
        prot, pb, S.key, header={"x5c": S.x5c()})})
    plain("json-crit-unprotected.json", {"payload": pb, **json_signature(
        prot, pb, S.key, header={"crit": ["sigT"]})})
    plain("json-mixed-syntax.json", {"payload": pb, "signatures": [flat], **flat})
    plain("json-no-payload.json", {"signatures": [flat]})
    plain("json-payload-not-b64url.json", {"payload": pb + "=", **flat})
    plain("json-empty-signatures.json", {"payload": pb, "signatures": []})
    man.add("json-general.json", [])
    man.add("json-general-two.json", [])
    man.add("json-general-rogue-only.json", ["REGISTER_UNTRUSTED"])
    man.add("json-flattened.json", [])
    man.add("json-x5c-unprotected.json", [])
    man.add("json-no-protected.json", ["REGISTER_SIGNATURE"])
    for f in ("json-header-in-both.json", "json-crit-unprotected.json", "json-mixed-syntax.json",
              "json-no-payload.json", "json-payload-not-b64url.json", "json-empty-signatures.json"):
        man.add(f, ["REGISTER_MALFORMED"])

    man.section("unsigned register responses")
    plain("unsigned-payload.json", base)
    plain("unsigned-wrp.json", rp())
    plain("unsigned-array.json", [other_rp("Other Bank", "NL111111111B01"), rp()])
    man.add("unsigned-payload.json", ["REGISTER_UNSIGNED"])
    man.add("unsigned-wrp.json", ["REGISTER_UNSIGNED"])
    man.add("unsigned-array.json", ["REGISTER_UNSIGNED"])
    man.add("unsigned-payload.json,valid.jwt", ["REGISTER_UNSIGNED"])

    man.section("unreadable documents: REGISTER_MALFORMED, and nothing to look up in")
    write("malformed-garbage.txt", "this is not a register response\n")
    write("malformed-empty.txt", "")
    jwt("malformed-payload-not-json.jwt", b"not json")
    jwt("malformed-payload-array.jwt", b"[1,2]")
    jwt("malformed-no-data.jwt", {"iss": "https://register.example.nl", "iat": T - DAY})
    jwt("malformed-no-iat.jwt", {"iss": "https://register.example.nl", "data": rp()})
    plain("malformed-no-iss.json", patch(base, {"iss": DEL}))
    plain("malformed-iat-string.json", patch(base, {"iat": "yesterday"}))
    plain("malformed-data-string.json", patch(base, {"data": "Example Shop"}))
    plain("malformed-no-identifier.json", payload(rp(identifier=DEL)))
    plain("malformed-identifier-number.json", payload(rp(identifier=[{"type": ID + "LEI",
                                                                       "identifier": 529900}])))
    plain("malformed-use-no-id.json", payload(rp(intendedUse=[use(intendedUseIdentifier=DEL)])))
    plain("malformed-credentials-and-credential.json",
          payload(rp(intendedUse=[use(credential=credentials())])))
    plain("malformed-intended-use-both.json", payload(rp(intendedUses=[use()])))
    bad_path = credentials()
    bad_path[0]["claims"] = [{"path": ["age", 1.5]}]
    plain("malformed-path-float.json", payload(rp(intendedUse=[use(credentials=bad_path)])))
    bad_meta = credentials()
    bad_meta[0]["meta"] = {"vct": "urn:eudi:pid:1", "vct_values": ["urn:eudi:pid:1"]}
    plain("malformed-meta-vct-twice.json", payload(rp(intendedUse=[use(credentials=bad_meta)])))
    plain("malformed-privacy-string.json",
          payload(rp(intendedUse=[use(privacyPolicy="https://shop.example.nl/privacy")])))
    plain("malformed-entitlements-string.json", payload(rp(entitlements=SP_URI)))
    text = dumps(base)
    write("malformed-duplicate-member.json", text.replace('"iss":', '"iss": "x", "iss":', 1))
    write("malformed-bom.json", b"\xef\xbb\xbf" + text.encode())
    write("malformed-deep.json", "[" * 40 + "]" * 40)
    write("malformed-many-identifiers.json", json.dumps(payload(rp(identifier=[
        {"identifier": "x%d" % i} for i in range(4097)])), separators=(",", ":")))
    for f in ("malformed-garbage.txt", "malformed-empty.txt", "malformed-payload-not-json.jwt",
              "malformed-payload-array.jwt", "malformed-no-data.jwt", "malformed-no-iat.jwt",
              "malformed-no-iss.json", "malformed-iat-string.json", "malformed-data-string.json",
              "malformed-no-identifier.json", "malformed-identifier-number.json",
              "malformed-use-no-id.json", "malformed-credentials-and-credential.json",
              "malformed-intended-use-both.json", "malformed-path-float.json",
              "malformed-meta-vct-twice.json", "malformed-privacy-string.json",
              "malformed-entitlements-string.json", "malformed-duplicate-member.json",
              "malformed-bom.json", "malformed-deep.json", "malformed-many-identifiers.json"):
        man.add(f, ["REGISTER_MALFORMED"])
    man.add("malformed-garbage.txt,valid.jwt", ["REGISTER_MALFORMED"])

    man.section("lookup: the relying party and its intended use")
    man.add("valid.jwt", ["REGISTER_NOT_FOUND"], ["sub=LEIXG-529900T8BM49AURSDO56"])
    man.add("valid.jwt", ["REGISTER_NOT_FOUND"], ["sub=leixg-529900t8bm49aursdo55"])
    man.add("valid.jwt", ["REGISTER_NOT_FOUND"], ["sub=-"])
    man.add("valid.jwt", ["REGISTER_INTENDED_USE"], ["iu=iu-other"])
    man.add("valid.jwt", ["REGISTER_INTENDED_USE"], ["iu=-"])
    man.add("valid-array.jwt", ["REGISTER_NOT_FOUND"], ["sub=NL111111111B01-nope"])
    man.add("valid-array.jwt", [], ["sub=NL111111111B01", "iu=iu-other-bank", "name=Other Bank",
                                    "sub_ln=Other Bank N.V."])
    man.add("valid-array.jwt", ["REGISTER_INTENDED_USE"], ["sub=NL111111111B01"])
    jwt("check-result.jwt", payload({"isRegistered": True}))
    man.add("check-result.jwt", ["REGISTER_NOT_FOUND"])
    man.add("check-result.jwt,valid.jwt", [])

    man.section("lookup: revoked and not yet created intended uses (T = 2027-01-01T00:00:00Z)")
    for fname, revoked in (("revoked-date.json", "2026-12-31"),
                           ("revoked-datetime.json", "2026-12-31T12:00:00+01:00"),
                           ("revoked-future.json", "2027-06-01"),
                           ("revoked-fraction.json", "2027-01-01T00:00:00.5Z"),
                           ("revoked-lowercase.json", "2026-12-31t11:00:00z"),
                           ("revoked-unparseable.json", "31-12-2026"),
                           ("revoked-space.json", "2026-12-31 11:00:00Z"),
                           ("revoked-feb30.json", "2026-02-30"),
                           ("revoked-number.json", T - DAY),
                           ("revoked-null.json", None)):
        plain(fname, payload(rp(intendedUse=[use(revokedAt=revoked)])))
    man.add("revoked-date.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("revoked-date.json", ["REGISTER_UNSIGNED"], ["time=%d" % (T - DAY - 1)])
    man.add("revoked-date.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"], ["time=%d" % (T - DAY)])
    man.add("revoked-datetime.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("revoked-datetime.json", ["REGISTER_UNSIGNED"], ["time=%d" % (T - 13 * 3600 - 1)])
    man.add("revoked-datetime.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"],
            ["time=%d" % (T - 13 * 3600)])
    man.add("revoked-future.json", ["REGISTER_UNSIGNED"])
    man.add("revoked-fraction.json", ["REGISTER_UNSIGNED"])
    man.add("revoked-fraction.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"], ["time=%d" % (T + 1)])
    man.add("revoked-lowercase.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("revoked-lowercase.json", ["REGISTER_UNSIGNED"], ["time=%d" % (T - 13 * 3600 - 1)])
    for f in ("revoked-unparseable.json", "revoked-space.json", "revoked-feb30.json",
              "revoked-number.json"):
        man.add(f, ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("revoked-null.json", ["REGISTER_UNSIGNED"])
    plain("created-future.json", payload(rp(intendedUse=[use(createdAt="2027-02-01")])))
    plain("created-unparseable.json", payload(rp(intendedUse=[use(createdAt="January 2026")])))
    plain("created-absent.json", payload(rp(intendedUse=[use(createdAt=DEL)])))
    man.add("created-future.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("created-future.json", ["REGISTER_UNSIGNED"], ["time=%d" % (T + 31 * DAY)])
    man.add("created-unparseable.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("created-absent.json", ["REGISTER_UNSIGNED"])

    man.section("pagination: the pages of one listing are read together")
    page1 = payload([other_rp("Other Bank", "NL111111111B01"), other_rp("Third Party", "NL222222222B01")],
                    pagination={"next_cursor": "cGFnZS0y", "has_next_page": True})
    page2 = payload([rp()], iat=T - DAY + 60, pagination={"has_next_page": False})
    jwt("page1.jwt", page1)
    jwt("page2.jwt", page2)
    man.add("page1.jwt,page2.jwt", [])
    man.add("page2.jwt,page1.jwt", [])
    man.add("page2.jwt", [])
    man.add("page1.jwt", ["REGISTER_NOT_FOUND"])
    man.add("page1.jwt,page2.jwt", [], ["sub=NL222222222B01", "iu=iu-third-party", "name=Third Party",
                                        "sub_ln=Third Party N.V."])

    man.section("the same intended use in several documents")
    plain("duplicate-same.json", payload(rp()))
    narrower = credentials()[:1]
    plain("duplicate-differs.json", payload(rp(intendedUse=[use(credentials=narrower)])))
    plain("duplicate-revoked.json", payload(rp(intendedUse=[use(revokedAt="2026-06-01")])))
    plain("duplicate-within-party.json", payload(rp(intendedUse=[use(), use(credentials=narrower)])))
    man.add("valid.jwt,duplicate-same.json", ["REGISTER_UNSIGNED"])
    man.add("valid.jwt,duplicate-differs.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("valid.jwt,duplicate-revoked.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])
    man.add("duplicate-within-party.json", ["REGISTER_INTENDED_USE", "REGISTER_UNSIGNED"])

    man.section("TS5 schema versus OpenAPI: every shape is read")
    openapi_creds = [
        {"format": "dc+sd-jwt", "meta": json.dumps({"vct_values": ["urn:eudi:pid:1"]}),
         "claim": [{"path": json.dumps(["age_over_18"])}, {"path": "nationalities"},
                   {"path": ["place_of_birth", "country"], "values": ["NL", "BE"]}]},
        {"format": "mso_mdoc", "meta": json.dumps({"doctype_value": "eu.europa.ec.eudi.pid.1"}),
         "claim": [{"path": json.dumps(["eu.europa.ec.eudi.pid.1", "age_over_18"])}]},
    ]
    plain("openapi-shape.json", payload(rp(intendedUse=[patch(use(), {
        "credentials": DEL, "credential": openapi_creds,
        "purpose": [{"lang": "en", "value": "Checking that the buyer is of age"}]})])))
    schema_creds = [{"format": "dc+sd-jwt", "meta": json.dumps({"vct_values": ["urn:eudi:pid:1"]}),
                     "claims": [{"path": json.dumps(["age_over_18"])}]}]
    plain("schema-shape.json", payload(rp(providerType=1, intendedUse=[use(
        credentials=schema_creds,
        privacyPolicy={"type": PRIVACY, "policyURI": "https://shop.example.nl/privacy"})])))
    plain("services-shape.json", payload(rp(intendedUse=DEL, providerType="WalletRelyingParty",
                                            services=[{
                                                "serviceIdentifier": "svc-shop-01",
                                                "serviceTradeName": "Example Shop Online",
                                                "entitlements": [SP_URI],
                                                "isIntermediary": False,
                                                "intendedUses": [use(credentials=[{
                                                    "format": "dc+sd-jwt",
                                                    "meta": {"vct": "urn:eudi:pid:1"},
                                                    "claims": [{"path": ["age_over_18"]}]}])]}])))
    plain("nulls.json", payload(rp(tradeName=None, country=None, usesIntermediary=None,
                                   intendedUse=[use(revokedAt=None, purpose=None, privacyPolicy=None)])))
    plain("no-credentials.json", payload(rp(intendedUse=[use(credentials=DEL)])))
    plain("intermediary.json", payload(rp(usesIntermediary=[
        other_rp("Verifier Operator", "NL333333333B01") | {"isIntermediary": True}])))
    for f in ("openapi-shape.json", "schema-shape.json", "services-shape.json", "nulls.json",
              "no-credentials.json", "intermediary.json"):
        man.add(f, ["REGISTER_UNSIGNED"], {"openapi-shape.json": ["creds=2"],
                                           "schema-shape.json": ["creds=1"],
                                           "services-shape.json": ["creds=1"],
                                           "no-credentials.json": ["creds=0"],
                                           "nulls.json": ["notes=NAME"]}.get(f, []))
    man.add("intermediary.json", ["REGISTER_NOT_FOUND", "REGISTER_UNSIGNED"],
            ["sub=NL333333333B01", "iu=iu-verifier-operator"])

    man.section("identifiers: plain equality (the contract); an EN 319 412-1 form does not match")
    plain("typed-identifiers.json", payload(rp(identifier=[
        {"type": ID + "LEI", "identifier": "529900T8BM49AURSDO55"},
        {"type": ID + "VATIN", "identifier": "NL123456789B01"},
        {"type": ID + "EUID", "identifier": "NLNHR.12345678"},
        {"type": ID + "EORI-No", "identifier": "NL123456789"},
        {"type": ID + "LEI", "identifier": "529900t8bm49aursdo5x"}])))
    man.add("typed-identifiers.json", ["REGISTER_NOT_FOUND", "REGISTER_UNSIGNED"])
    man.add("typed-identifiers.json", ["REGISTER_UNSIGNED"], ["sub=NL123456789B01"])
    man.add("typed-identifiers.json", ["REGISTER_NOT_FOUND", "REGISTER_UNSIGNED"],
            ["sub=VATNL-123456789B01"])

    man.section("consistency between certificate and register (warnings, not findings)")
    plain("consistency-entitlements.json", payload(rp(entitlements=[SP_URI, QEAA_URI])))
    plain("consistency-names.json", payload(rp(tradeName="Other Shop",
                                               legalPerson={"legalName": ["Other Shop B.V."]})))
    plain("consistency-service.json", payload(rp(intendedUse=DEL, services=[{
        "serviceIdentifier": "svc-1", "serviceTradeName": "Example Shop",
        "entitlements": [SP_URI, QEAA_URI], "intendedUses": [use()]}])))
    man.add("consistency-entitlements.json", ["REGISTER_UNSIGNED"], ["notes=ENTITLEMENTS"])
    man.add("consistency-names.json", ["REGISTER_UNSIGNED"], ["notes=NAME"])
    man.add("consistency-service.json", ["REGISTER_UNSIGNED"], ["notes=ENTITLEMENTS"])
    man.add("valid.jwt", [], ["ent=0.4.0.19475.1.1"])
    man.add("valid.jwt", [], ["notes=ENTITLEMENTS", "ent=" + QEAA_URI])
    man.add("valid.jwt", [], ["notes=NAME", "name=Example Webshop"])
    man.add("valid.jwt", [], ["notes=NAME", "sub_ln=Example Holding B.V."])


# ---------------------------------------------------------------------------------------------
# LoTE vectors

def read_pem(path):
    with open(path, "rb") as f:
        return x509.load_pem_x509_certificate(f.read())


def cert_val(cert):
    return {"val": base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")}


def service(svc_type, name, certs, **extra):
    info = {"ServiceTypeIdentifier": SVC + svc_type, "ServiceName": [{"lang": "en", "value": name}],
            "ServiceDigitalIdentity": {"X509Certificates": [cert_val(c) for c in certs]}}
    info.update(extra)
    return {"ServiceInformation": info}


def lote(pki, issued="2026-12-01T00:00:00Z", next_update="2027-06-01T00:00:00Z", **lsi_changes):
    ac_root = read_pem(os.path.join(RC_PKI, "ac-root.pem"))
    rc_root = read_pem(os.path.join(RC_PKI, "rc-root.pem"))
    rc_signer = read_pem(os.path.join(RC_PKI, "rc-signer.pem"))
    reg_root = pki.reg_root[1]
    lsi = patch({
        "LoTEVersionIdentifier": 1,
        "LoTESequenceNumber": 7,
        "LoTEType": "http://uri.etsi.org/19602/LoTEType/EURegistrarsAndRegistersList",
        "SchemeOperatorName": [{"lang": "en", "value": "Test Scheme Operator Zürich"}],
        "SchemeTerritory": "EU",
        "ListIssueDateTime": issued,
        "NextUpdate": next_update,
    }, lsi_changes)
    return {"LoTE": {
        "ListAndSchemeInformation": lsi,
        "TrustedEntitiesList": [
            {"TrustedEntityInformation": {"TEName": [{"lang": "en", "value": "Test WRPAC Provider"}],
                                          "TETradeName": [{"lang": "en", "value": "NTRNL-90000001"}]},
             "TrustedEntityServices": [service("WRPAC/Issuance", "Access certificates", [ac_root]),
                                       service("WRPAC/Revocation", "Access certificate CRLs", [ac_root])]},
            {"TrustedEntityInformation": {"TEName": [{"lang": "en", "value": "Test WRPRC Provider"}]},
             "TrustedEntityServices": [service("WRPRC/Issuance", "Registration certificates", [rc_root]),
                                       service("WRPRC/Revocation", "Status lists", [rc_signer]),
                                       service("WRPRC/Issuance", "Withdrawn service", [reg_root],
                                               ServiceStatus="http://uri.etsi.org/19602/SvcStatus/withdrawn")]},
            {"TrustedEntityInformation": {"TEName": [{"lang": "en", "value": "Test Registrar"}]},
             "TrustedEntityServices": [service("Register", "Register of relying parties", [reg_root],
                                               ServiceStatus="http://uri.etsi.org/19602/SvcStatus/active")]},
        ]}}


def detached(doc, signer, ensure_ascii=True):
    """The WeBuild form: {"LoTE": ..., "signature": {protected, signature}} over the sorted, compact
    JSON of {"LoTE": ...}."""
    canon = json.dumps({"LoTE": doc["LoTE"]}, sort_keys=True, separators=(",", ":"),
                       ensure_ascii=ensure_ascii).encode("utf-8")
    prot = b64_json({"alg": "ES256", "x5c": signer.x5c()})
    signing_input = (prot + "." + b64u(canon)).encode()
    sig = raw_sign(signer.key, signing_input)
    verify_raw(signer.chain[0], signing_input, sig)
    return {**doc, "signature": {"protected": prot, "signature": b64u(sig)}}


def lote_vectors(pki, man):
    L = pki.signer("lote_signer", with_root=True)
    rogue = pki.signer("rogue_signer", with_root=True)
    doc = lote(pki)
    counts = ["wrpac=1", "wrprc=1", "wrprc_rev=1", "register=1"]
    SIGNERS = "signers=pki/lote-root.pem"

    def plain(fname, obj):
        write("lote/" + fname, dumps(obj))

    def jades(fname, obj, signer=L, header=None, check=True, sig_override=None):
        h = header if header is not None else {"alg": "ES256", "typ": "JOSE", "x5c": signer.x5c()}
        write("lote/" + fname, compact(h, obj, signer.key, signer.chain[0] if check else None,
                                       sig_override))

    man.section("plain JSON lists: trusted as given when no list signer is configured")
    plain("plain.json", doc)
    plain("inner-only.json", doc["LoTE"])
    man.add("plain.json", "ok", counts)
    man.add("plain.json", "unsigned", [SIGNERS])
    man.add("inner-only.json", "ok", counts)
    man.add("plain.json", "outdated", ["time=%d" % (T + 151 * DAY)])
    man.add("plain.json", "ok", ["time=%d" % (T + 151 * DAY - 1)])
    man.add("plain.json", "not_yet_issued", ["time=%d" % (T - 31 * DAY - 1)])

    man.section("compact JAdES")
    jades("jades.jwt", doc)
    jades("jades-leaf-only.jwt", doc, pki.signer("lote_signer"))
    jades("jades-no-x5c.jwt", doc, header={"alg": "ES256", "typ": "JOSE"})
    jades("jades-rogue.jwt", doc, rogue)
    jades("jades-flipped.jwt", doc, sig_override=bytes(64), check=False)
    jades("jades-alg-none.jwt", doc, header={"alg": "none", "x5c": L.x5c()}, check=False)
    jades("jades-sigt.jwt", doc, header={"alg": "ES256", "x5c": L.x5c(), "sigT": "2026-12-01T00:00:00Z",
                                         "crit": ["sigT"]}, check=False)
    jades("jades-crit-sigd.jwt", doc, header={"alg": "ES256", "x5c": L.x5c(), "sigD": {},
                                              "crit": ["sigD"]}, check=False)
    jades("jades-outdated.jwt", lote(pki, next_update="2026-12-31T23:59:59Z"))
    man.add("jades.jwt", "ok", [SIGNERS] + counts)
    man.add("jades.jwt", "ok", ["signers=pki/lote-signer.pem"])
    man.add("jades.jwt", "ok", counts)
    man.add("jades.jwt", "untrusted", ["signers=pki/reg-root.pem"])
    man.add("jades.jwt", "outdated", [SIGNERS, "time=%d" % (T + 200 * DAY)])
    man.add("jades-leaf-only.jwt", "ok", [SIGNERS])
    man.add("jades-no-x5c.jwt", "ok", ["signers=pki/lote-signer.pem"])
    man.add("jades-no-x5c.jwt", "bad_signature", [SIGNERS])
    man.add("jades-rogue.jwt", "untrusted", [SIGNERS])
    man.add("jades-flipped.jwt", "bad_signature", [SIGNERS])
    man.add("jades-alg-none.jwt", "bad_signature", [SIGNERS])
    man.add("jades-sigt.jwt", "ok", [SIGNERS])
    man.add("jades-crit-sigd.jwt", "bad_signature", [SIGNERS])
    man.add("jades-outdated.jwt", "outdated", [SIGNERS])

    man.section("the WeBuild detached form (sorted compact JSON of {\"LoTE\": ...})")
    plain("detached.json", detached(doc, L))
    plain("detached-utf8.json", detached(doc, L, ensure_ascii=False))
    tampered = detached(doc, L)
    tampered["LoTE"]["ListAndSchemeInformation"]["LoTESequenceNumber"] = 8
    plain("detached-tampered.json", tampered)
    with_float = lote(pki, HistoricalInformationPeriod=1.5)
    plain("detached-float.json", detached(with_float, L))
    extra_member = detached(doc, L)
    extra_member["comment"] = "not covered by the signature, and not read"
    plain("detached-extra-member.json", extra_member)
    man.add("detached.json", "ok", [SIGNERS] + counts)
    man.add("detached-utf8.json", "ok", [SIGNERS])
    man.add("detached-tampered.json", "bad_signature", [SIGNERS])
    man.add("detached-float.json", "bad_signature", [SIGNERS])
    man.add("detached-extra-member.json", "ok", [SIGNERS])
    man.add("detached.json", "untrusted", ["signers=pki/rogue-root.pem"])

    man.section("a list trusted as given must still be intact: a signature that is there must verify")
    man.add("jades-flipped.jwt", "bad_signature")
    man.add("detached-tampered.json", "bad_signature")
    man.add("detached-float.json", "bad_signature")
    man.add("jades-rogue.jwt", "ok", counts)
    man.add("jades-no-x5c.jwt", "ok", counts)

    man.section("statuses: a status counts from its StatusStartingTime; a certificate that a "
                "non-granting service of the same type also lists gives no anchor")
    ac_svc = lambda d: d["LoTE"]["TrustedEntitiesList"][0]["TrustedEntityServices"][0]["ServiceInformation"]
    future = lote(pki)
    ac_svc(future)["ServiceStatus"] = "http://uri.etsi.org/19602/SvcStatus/granted"
    ac_svc(future)["StatusStartingTime"] = "2027-03-01T00:00:00Z"
    plain("status-starts-later.json", future)
    man.add("status-starts-later.json", "ok", ["wrpac=0", "wrprc=1", "wrprc_rev=1", "register=1"])
    man.add("status-starts-later.json", "ok", ["time=%d" % (T + 59 * DAY), "wrpac=1"])
    man.add("status-starts-later.json", "ok", ["time=%d" % (T + 59 * DAY - 1), "wrpac=0"])
    conflict = lote(pki)
    ac_root_val = ac_svc(conflict)["ServiceDigitalIdentity"]["X509Certificates"][0]["val"]
    conflict["LoTE"]["TrustedEntitiesList"].append(
        {"TrustedEntityInformation": {"TEName": [{"lang": "en", "value": "Same CA, withdrawn"}]},
         "TrustedEntityServices": [{"ServiceInformation": {
             "ServiceTypeIdentifier": SVC + "WRPAC/Issuance",
             "ServiceName": [{"lang": "en", "value": "Access certificates (withdrawn)"}],
             "ServiceStatus": "http://uri.etsi.org/19602/SvcStatus/withdrawn",
             "ServiceDigitalIdentity": {"X509Certificates": [{"val": ac_root_val}]}}}]})
    plain("status-conflict.json", conflict)
    man.add("status-conflict.json", "ok", ["wrpac=0", "wrprc=1", "wrprc_rev=1", "register=1"])
    bad_start = lote(pki)
    ac_svc(bad_start)["StatusStartingTime"] = "2027-03-01"
    plain("status-start-date-only.json", bad_start)

    man.section("refused lists")
    broken = lote(pki)
    broken["LoTE"]["TrustedEntitiesList"][0]["TrustedEntityServices"][0]["ServiceInformation"][
        "ServiceDigitalIdentity"]["X509Certificates"] = [{"val": "bm90IGEgY2VydGlmaWNhdGU="}]
    plain("bad-cert.json", broken)
    trailing = lote(pki)
    svc = trailing["LoTE"]["TrustedEntitiesList"][0]["TrustedEntityServices"][0]["ServiceInformation"]
    der = base64.b64decode(svc["ServiceDigitalIdentity"]["X509Certificates"][0]["val"])
    svc["ServiceDigitalIdentity"]["X509Certificates"] = [
        {"val": base64.b64encode(der + b"\x00").decode("ascii")}]
    plain("cert-trailing-byte.json", trailing)
    urlsafe = lote(pki)
    svc = urlsafe["LoTE"]["TrustedEntitiesList"][0]["TrustedEntityServices"][0]["ServiceInformation"]
    svc["ServiceDigitalIdentity"]["X509Certificates"] = [
        {"val": base64.urlsafe_b64encode(der).decode("ascii")}]
    plain("cert-base64url.json", urlsafe)
    plain("no-next-update.json", lote(pki, NextUpdate=DEL))
    plain("next-update-date-only.json", lote(pki, next_update="2027-06-01"))
    plain("sequence-string.json", lote(pki, LoTESequenceNumber="7"))
    plain("no-scheme-information.json", {"LoTE": {"TrustedEntitiesList": []}})
    plain("not-a-lote.json", {"lists": []})
    text = dumps(doc)
    write("lote/duplicate-member.json", text.replace('"LoTEVersionIdentifier": 1,',
                                                     '"LoTEVersionIdentifier": 1, "LoTEVersionIdentifier": 2,', 1))
    write("lote/many-entities.json", json.dumps({"LoTE": {**doc["LoTE"], "TrustedEntitiesList": [{}] * 4097}},
                                                separators=(",", ":")))
    plain("signature-in-inner.json", {**doc["LoTE"], "signature": {"protected": "e30", "signature": ""}})
    for f in ("bad-cert.json", "cert-trailing-byte.json", "cert-base64url.json", "no-next-update.json",
              "next-update-date-only.json", "sequence-string.json", "no-scheme-information.json",
              "not-a-lote.json", "duplicate-member.json", "signature-in-inner.json",
              "status-start-date-only.json"):
        man.add(f, "malformed")
    man.add("many-entities.json", "limit")


REGISTER_HEADER = [
    "# Register documents (EUDI TS5) judged by wrp_check_register; see README.md.",
    "# files (comma-separated, in order)<TAB>expected finding codes<TAB>option<TAB>option...",
]
LOTE_HEADER = [
    "# Trusted lists (ETSI TS 119 602 LoTE) judged by wrp_lote_parse and wrp_lote_check; see ../README.md.",
    "# file<TAB>expected result<TAB>option<TAB>option...",
]


def main():
    warnings.simplefilter("ignore")
    pki = Pki()
    reg = Manifest(REGISTER_HEADER)
    register_vectors(pki, reg)
    reg.write("manifest.tsv")
    lt = Manifest(LOTE_HEADER)
    lote_vectors(pki, lt)
    lt.write("lote/manifest.tsv")


if __name__ == "__main__":
    main()
