#!/usr/bin/env python3
"""Generates wrpcheck's foundation-layer test vectors and testvectors/manifest.tsv.

    python3 testvectors/gen.py            write the files that are missing
    python3 testvectors/gen.py --force    also rewrite files whose content would change
    python3 testvectors/gen.py --check    verify the committed vectors (see README.md)

Private keys in testvectors/pki/ are created once and then only read. Every signature is
deterministic (RFC 6979 ECDSA, Ed25519, PKCS#1 v1.5, and RSASSA-PSS with a salt derived from the
message), so a run reproduces the committed files byte for byte.
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

import cborenc as C  # noqa: E402
import refcheck  # noqa: E402

REPO = os.path.dirname(HERE)
TV = "testvectors"

T = 1798761600  # 2027-01-01T00:00:00Z, the verification time of every vector
UTC = datetime.timezone.utc


def utc(y, m=1, d=1):
    return datetime.datetime(y, m, d, tzinfo=UTC)


TIME_T = datetime.datetime.fromtimestamp(T, UTC)
NORMAL = (utc(2026), utc(2030))
EXPIRED = (utc(2020), utc(2025))
NOT_YET = (utc(2028), utc(2031))

ORG_ID = "LEIXG-529900T8BM49AURSDO55"
RP_DNS = "rp.example.com"
CRL_DP = "http://crl.wrpcheck.example/ac-int.crl"
POLICY_NCP_L = "0.4.0.194118.1.2"

KEY_SPECS = {
    "ac-root": "p256", "ac-int": "p256", "ac-leaf": "p256", "ac-notca": "p256",
    "ac-subint": "p256", "other-root": "p256", "rc-root": "p384", "rc-signer": "p256",
    "leaf-p384": "p384", "leaf-p521": "p521", "leaf-rsa2048": "rsa2048",
    "leaf-rsa1024": "rsa1024", "leaf-ed25519": "ed25519",
}
KEY_SPECS.update({"long/long-%02d" % i: "p256" for i in range(1, 11)})


# ---------------------------------------------------------------------------------------------
# Small encoders.

def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def b64(data):
    return base64.b64encode(data).decode("ascii")


def jdump(obj):
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


def pem(label, der):
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    text = "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)
    return text.encode("ascii")


def der_tlv(tag, content):
    n = len(content)
    if n < 0x80:
        head = bytes([n])
    else:
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + head + content


def der_children(tlv):
    """The encoded children of a constructed DER value (tag, length, content)."""
    i = 2 if tlv[1] < 0x80 else 2 + (tlv[1] & 0x7F)
    out = []
    while i < len(tlv):
        ln = tlv[i + 1]
        hdr = 2
        if ln >= 0x80:
            hdr = 2 + (ln & 0x7F)
            ln = int.from_bytes(tlv[i + 2 : i + hdr], "big")
        out.append(tlv[i : i + hdr + ln])
        i += hdr + ln
    return out


def ec_raw(der_sig, size):
    r, s = decode_dss_signature(der_sig)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def mgf1(seed, length, name):
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.new(name, seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def pss_sign(key, msg, name):
    """RSASSA-PSS (RFC 8017 9.1.1, MGF1 with the same hash, salt as long as the hash) with a salt
    derived from the message, so that the output is reproducible."""
    hlen = hashlib.new(name).digest_size
    salt = hashlib.new(name, b"wrpcheck test vector PSS salt" + msg).digest()[:hlen]
    nums = key.private_numbers()
    n, d = nums.public_numbers.n, nums.d
    em_bits = n.bit_length() - 1
    em_len = (em_bits + 7) // 8
    h = hashlib.new(name, b"\x00" * 8 + hashlib.new(name, msg).digest() + salt).digest()
    db = b"\x00" * (em_len - 2 * hlen - 2) + b"\x01" + salt
    masked = bytearray(a ^ b for a, b in zip(db, mgf1(h, em_len - hlen - 1, name)))
    masked[0] &= 0xFF >> (8 * em_len - em_bits)
    em = bytes(masked) + h + b"\xbc"
    s = pow(int.from_bytes(em, "big"), d, n)
    return s.to_bytes((n.bit_length() + 7) // 8, "big")


_HASHES = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


def sign(alg, key, msg):
    """The JOSE/COSE signature (ECDSA as raw r||s) of msg by key under alg; alg names the hash
    and the signature scheme, whatever the key is (the mismatch vectors rely on that)."""
    h = _HASHES.get(alg[-3:])
    if alg.startswith("ES"):
        size = (key.curve.key_size + 7) // 8
        return ec_raw(key.sign(msg, ec.ECDSA(h(), deterministic_signing=True)), size)
    if alg.startswith("PS"):
        return pss_sign(key, msg, "sha" + alg[2:])
    if alg.startswith("RS"):
        return key.sign(msg, padding.PKCS1v15(), h())
    if alg == "EdDSA":
        return key.sign(msg)
    raise ValueError(alg)


# ---------------------------------------------------------------------------------------------
# The generator: every output is collected in memory first.

class Gen:
    def __init__(self, create_keys=True):
        self.create_keys = create_keys
        self.files = {}
        self.lines = []
        self.keys = {}
        self.certs = {}
        self.new_keys = []
        self.cert_keys = {}

    def put(self, rel, data):
        rel = TV + "/" + rel
        if rel in self.files and self.files[rel] != data:
            raise RuntimeError("two different contents for " + rel)
        self.files[rel] = data
        return rel

    def comment(self, text):
        self.lines.append("")
        self.lines.append("# " + text)

    def vec(self, kind, file, expect, *args):
        cols = [kind, file, expect] + ["%s=%s" % kv for kv in args]
        for c in cols:
            if "\t" in c or "\n" in c:
                raise ValueError("tab or newline in a manifest column: %r" % c)
        self.lines.append("\t".join(cols))

    # -- keys and certificates --

    def key(self, name):
        if name in self.keys:
            return self.keys[name]
        path = os.path.join(HERE, "pki", name + ".key")
        if os.path.exists(path):
            with open(path, "rb") as fh:
                k = serialization.load_pem_private_key(fh.read(), None)
        elif not self.create_keys:
            raise RuntimeError("missing key " + os.path.relpath(path, REPO))
        else:
            spec = KEY_SPECS[name]
            if spec.startswith("rsa"):
                k = rsa.generate_private_key(65537, int(spec[3:]))
            elif spec == "ed25519":
                k = ed25519.Ed25519PrivateKey.generate()
            else:
                curve = {"p256": ec.SECP256R1, "p384": ec.SECP384R1, "p521": ec.SECP521R1}[spec]
                k = ec.generate_private_key(curve())
            data = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(data)
            self.new_keys.append(path)
        self.keys[name] = k
        self.put("pki/" + name + ".key", k.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        return k

    def cert_path(self, name):
        return TV + "/pki/" + name + ".pem"

    def der(self, name):
        return self.certs[name].public_bytes(serialization.Encoding.DER)

    def issue(self, name, subject, key_name, issuer, serial, validity, exts):
        """Creates certificate `name` for key `key_name`, issued by certificate `issuer` (None:
        self-signed) with the issuer's key, and writes pki/<name>.pem."""
        pub = self.key(key_name).public_key()
        if issuer is None:
            issuer_name, issuer_key = subject, self.key(key_name)
        else:
            issuer_name, issuer_key = self.certs[issuer].subject, self.key(self.cert_keys[issuer])
        b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
             .public_key(pub).serial_number(serial)
             .not_valid_before(validity[0]).not_valid_after(validity[1]))
        for ext, critical in exts:
            b = b.add_extension(ext, critical)
        b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), False)
        if issuer is not None:
            b = b.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False)
        h = hashes.SHA384() if issuer_key.curve.key_size == 384 else hashes.SHA256()
        cert = b.sign(issuer_key, h, ecdsa_deterministic=True)
        self.certs[name] = cert
        self.cert_keys[name] = key_name
        self.put("pki/" + name + ".pem", cert.public_bytes(serialization.Encoding.PEM))
        return cert

    def tamper(self, name, source):
        """pki/<name>.pem: certificate `source` with the last byte of its signature changed."""
        der = bytearray(self.der(source))
        der[-1] ^= 0x01
        self.certs[name] = x509.load_der_x509_certificate(bytes(der))
        self.cert_keys[name] = self.cert_keys[source]
        self.put("pki/" + name + ".pem", pem("CERTIFICATE", bytes(der)))

    def bundle(self, rel, names):
        return self.put(rel, b"".join(self.certs[n].public_bytes(serialization.Encoding.PEM)
                                      for n in names))


def name(cn, o="Example Relying Party B.V.", c="NL", org_id=None, serial=None):
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, c),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, o)]
    if org_id is not None:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, org_id))
    if serial is not None:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def ku(ds=False, cert_sign=False, crl_sign=False):
    return x509.KeyUsage(digital_signature=ds, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign,
                         crl_sign=crl_sign, encipher_only=False, decipher_only=False)


def ca_exts(pathlen=None, ca=True):
    return [(x509.BasicConstraints(ca=ca, path_length=pathlen), True),
            (ku(cert_sign=True, crl_sign=True), True)]


def leaf_exts(dns=(RP_DNS,), ca=False, key_usage="ds", crl_dp=True, policy=True, uris=()):
    out = [(x509.BasicConstraints(ca=ca, path_length=None), True)]
    if key_usage == "ds":
        out.append((ku(ds=True), True))
    elif key_usage == "certsign":
        out.append((ku(cert_sign=True), True))
    names = [x509.DNSName(d) for d in dns] + [x509.UniformResourceIdentifier(u) for u in uris]
    if names:
        out.append((x509.SubjectAlternativeName(names), False))
    if crl_dp:
        out.append((x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(CRL_DP)], relative_name=None, reasons=None,
            crl_issuer=None)]), False))
    if policy:
        out.append((x509.CertificatePolicies([x509.PolicyInformation(
            x509.ObjectIdentifier(POLICY_NCP_L), None)]), False))
    return out


PKI_DOC = "WRPCHECK test PKI"


def build_pki(g):
    issue = g.issue
    issue("ac-root", name("WRPCHECK Test Access CA Root", o=PKI_DOC), "ac-root", None, 0x1001,
          NORMAL, ca_exts())
    issue("ac-int", name("WRPCHECK Test Access CA 1", o=PKI_DOC), "ac-int", "ac-root", 0x2001,
          NORMAL, ca_exts(0))
    issue("ac-int-expired", name("WRPCHECK Test Access CA 1", o=PKI_DOC), "ac-int", "ac-root",
          0x2002, EXPIRED, ca_exts(0))
    g.tamper("ac-int-badsig", "ac-int")
    issue("ac-notca", name("WRPCHECK Test Not A CA", o=PKI_DOC), "ac-notca", "ac-root", 0x2004,
          NORMAL, ca_exts(ca=False))
    issue("ac-subint", name("WRPCHECK Test Access Sub-CA", o=PKI_DOC), "ac-subint", "ac-int",
          0x2005, NORMAL, ca_exts())
    issue("other-root", name("WRPCHECK Untrusted Root", o="Some other PKI"), "other-root", None,
          0x1002, NORMAL, ca_exts())
    issue("rc-root", name("WRPCHECK Test RC Provider Root", o=PKI_DOC), "rc-root", None, 0x1003,
          NORMAL, ca_exts())
    issue("rc-signer",
          name("WRPCHECK Test RC Signer", o="Example Registrar", org_id="NTRNL-90000001"),
          "rc-signer", "rc-root", 0x4001, NORMAL, leaf_exts(dns=(), crl_dp=False, policy=False))

    rp = lambda cn, **kw: name("Example RP " + cn, **kw)
    std = dict(org_id=ORG_ID)
    issue("ac-leaf", rp("leaf", **std), "ac-leaf", "ac-int", 0x3001, NORMAL, leaf_exts())
    issue("ac-leaf-serial", rp("natural person", serial="PNONL-123456782"), "ac-leaf", "ac-int",
          0x3002, NORMAL, leaf_exts())
    issue("ac-leaf-noid", rp("without identifier"), "ac-leaf", "ac-int", 0x3003, NORMAL,
          leaf_exts())
    issue("ac-leaf-ca", rp("CA flag", **std), "ac-leaf", "ac-int", 0x3004, NORMAL,
          leaf_exts(ca=True))
    issue("ac-leaf-kucertsign", rp("keyCertSign", **std), "ac-leaf", "ac-int", 0x3005, NORMAL,
          leaf_exts(key_usage="certsign"))
    issue("ac-leaf-expired", rp("expired", **std), "ac-leaf", "ac-int", 0x3006, EXPIRED,
          leaf_exts())
    issue("ac-leaf-notyet", rp("not yet valid", **std), "ac-leaf", "ac-int", 0x3007, NOT_YET,
          leaf_exts())
    issue("ac-leaf-untrusted", rp("untrusted", **std), "ac-leaf", "other-root", 0x3008, NORMAL,
          leaf_exts())
    g.tamper("ac-leaf-badsig", "ac-leaf")
    issue("ac-leaf-nulsan", rp("NUL in SAN", **std), "ac-leaf", "ac-int", 0x300A, NORMAL,
          leaf_exts(dns=(RP_DNS + "\x00.evil.example",)))
    issue("ac-leaf-nulorgid", rp("NUL in organizationIdentifier", org_id=ORG_ID + "\x00X"),
          "ac-leaf", "ac-int", 0x300B, NORMAL, leaf_exts())
    issue("ac-leaf-revoked", rp("revoked", **std), "ac-leaf", "ac-int", 0x300C, NORMAL,
          leaf_exts())
    # an identifying attribute that names no party, or two
    issue("ac-leaf-emptyorgid", rp("empty organizationIdentifier", org_id=""), "ac-leaf",
          "ac-int", 0x300E, NORMAL, leaf_exts())
    issue("ac-leaf-twoorgid",
          x509.Name(list(rp("two organizationIdentifiers", org_id=ORG_ID)) +
                    [x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, "NTRNL-12345678")]),
          "ac-leaf", "ac-int", 0x300F, NORMAL, leaf_exts())
    issue("ac-leaf-multi", rp("two names", org_id="NTRNL-12345678"), "ac-leaf", "ac-int",
          0x300D, NORMAL, leaf_exts(dns=(RP_DNS, "www." + RP_DNS), key_usage=None, crl_dp=False,
                                    policy=False, uris=("https://rp.example.com/",)))
    for serial, alg in enumerate(("p384", "p521", "rsa2048", "rsa1024", "ed25519"), 0x3010):
        issue("ac-leaf-" + alg, rp(alg, **std), "leaf-" + alg, "ac-int", serial, NORMAL,
              leaf_exts())
    issue("ac-leaf-via-notca", rp("under a non-CA", **std), "ac-leaf", "ac-notca", 0x3020, NORMAL,
          leaf_exts())
    issue("ac-leaf-via-subint", rp("under a sub-CA", **std), "ac-leaf", "ac-subint", 0x3021,
          NORMAL, leaf_exts())

    parent = "ac-root"
    for i in range(1, 11):
        issue("long/long-%02d" % i, name("WRPCHECK Test Long Chain CA %d" % i, o=PKI_DOC),
              "long/long-%02d" % i, parent, 0x5000 + i, NORMAL, ca_exts())
        parent = "long/long-%02d" % i
    issue("long/long-leaf", rp("long chain", **std), "ac-leaf", parent, 0x5100, NORMAL,
          leaf_exts())

    g.put("pki/ac-root.der", g.der("ac-root"))
    g.put("pki/ac-leaf.der", g.der("ac-leaf"))
    g.bundle("pki/anchors-other-and-ac-root.pem", ["other-root", "ac-root"])


# ---------------------------------------------------------------------------------------------
# Chains.

LONG = ["long/long-leaf"] + ["long/long-%02d" % i for i in range(10, 0, -1)]


def build_chains(g):
    P = g.cert_path
    t = ("time", str(T))
    g.comment("chain: file = PEM chain, leaf first; anchors = trusted certificates (any may end "
              "the path); time = Unix seconds")

    def chain(rel, names, expect, anchors, when=T):
        f = g.bundle("chain/" + rel + ".pem", names)
        anchors = ",".join(a if a.startswith(TV) else P(a) for a in anchors)
        g.vec("chain", f, expect, ("anchors", anchors), ("time", str(when)))

    chain("leaf-int", ["ac-leaf", "ac-int"], "ok", ["ac-root"])
    g.vec("chain", TV + "/chain/leaf-int.pem", "ok", ("anchors", TV + "/pki/ac-root.der"), t)
    g.vec("chain", TV + "/chain/leaf-int.pem", "ok",
          ("anchors", TV + "/pki/anchors-other-and-ac-root.pem"), t)
    g.vec("chain", TV + "/chain/leaf-int.pem", "ok",
          ("anchors", P("other-root") + "," + P("ac-root")), t)
    g.vec("chain", TV + "/chain/leaf-int.pem", "ok", ("anchors", P("ac-int")), t)
    g.vec("chain", TV + "/chain/leaf-int.pem", "untrusted", ("anchors", P("other-root")), t)
    g.vec("chain", TV + "/chain/leaf-int.pem", "untrusted", ("anchors", P("rc-root")), t)
    g.vec("chain", TV + "/chain/leaf-int.pem", "not_yet_valid", ("anchors", P("ac-root")),
          ("time", str(T - 2 * 365 * 86400)))
    g.vec("chain", TV + "/chain/leaf-int.pem", "expired", ("anchors", P("ac-root")),
          ("time", str(int(utc(2030, 6).timestamp()))))
    chain("leaf-only", ["ac-leaf"], "ok", ["ac-leaf"])
    g.vec("chain", TV + "/chain/leaf-only.pem", "ok", ("anchors", P("ac-int")), t)
    g.vec("chain", TV + "/chain/leaf-only.pem", "untrusted", ("anchors", P("ac-root")), t)
    chain("leaf-int-root", ["ac-leaf", "ac-int", "ac-root"], "ok", ["ac-root"])
    chain("leaf-int-root-untrusted", ["ac-leaf", "ac-int", "ac-root"], "untrusted",
          ["other-root"])
    chain("untrusted-leaf", ["ac-leaf-untrusted"], "untrusted", ["ac-root"])
    chain("untrusted-leaf-root", ["ac-leaf-untrusted", "other-root"], "untrusted", ["ac-root"])
    chain("expired-leaf", ["ac-leaf-expired", "ac-int"], "expired", ["ac-root"])
    chain("expired-int", ["ac-leaf", "ac-int-expired"], "expired", ["ac-root"])
    chain("notyet-leaf", ["ac-leaf-notyet", "ac-int"], "not_yet_valid", ["ac-root"])
    chain("badsig-leaf", ["ac-leaf-badsig", "ac-int"], "bad_signature", ["ac-root"])
    chain("badsig-int", ["ac-leaf", "ac-int-badsig"], "bad_signature", ["ac-root"])
    chain("via-notca", ["ac-leaf-via-notca", "ac-notca"], "invalid", ["ac-root"])
    chain("via-subint", ["ac-leaf-via-subint", "ac-subint", "ac-int"], "invalid", ["ac-root"])
    for alg in ("p384", "p521", "rsa2048", "ed25519"):
        chain("leaf-%s-int" % alg, ["ac-leaf-" + alg, "ac-int"], "ok", ["ac-root"])
    chain("rc-signer", ["rc-signer"], "ok", ["rc-root"])
    g.vec("chain", TV + "/chain/rc-signer.pem", "untrusted", ("anchors", P("ac-root")), t)
    chain("long-11", LONG, "malformed", ["ac-root"])
    chain("long-10", LONG[:10], "ok", ["long/long-01"])
    g.vec("chain", TV + "/chain/long-10.pem", "untrusted", ("anchors", P("ac-root")), t)


# ---------------------------------------------------------------------------------------------
# CRLs.

def build_crls(g):
    P = g.cert_path
    int_cert, int_key = g.certs["ac-int"], g.key("ac-int")
    revoked = g.certs["ac-leaf-revoked"].serial_number

    def crl(rel, this, nxt, serials, number, key=int_key, issuer=int_cert):
        b = (x509.CertificateRevocationListBuilder().issuer_name(issuer.subject)
             .last_update(this).next_update(nxt or this + datetime.timedelta(days=30))
             .add_extension(x509.CRLNumber(number), False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                 issuer.public_key()), False))
        for s in serials:
            b = b.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(s)
                .revocation_date(utc(2026, 12, 10))
                .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), False).build())
        der = b.sign(key, hashes.SHA256(), ecdsa_deterministic=True).public_bytes(
            serialization.Encoding.DER)
        if nxt is None:
            der = without_next_update(der, key)
        g.put("crl/" + rel + ".der", der)
        return g.put("crl/" + rel + ".pem", pem("X509 CRL", der))

    current = (utc(2026, 12, 15), utc(2027, 1, 15))
    crl("current", *current, [revoked], 10)
    crl("current-empty", *current, [], 11)
    crl("expired", utc(2026, 11), utc(2026, 12), [revoked], 5)
    crl("not-yet", utc(2027, 2), utc(2027, 3), [revoked], 12)
    crl("no-next-update", current[0], None, [revoked], 13)
    crl("next-update-at-t", utc(2026, 12), TIME_T, [revoked], 6)
    crl("this-update-at-t", TIME_T, utc(2027, 2), [revoked], 14)
    other = g.key("other-root")
    crl("forged-empty", *current, [], 20, key=other)
    crl("forged-revoked", *current, [g.certs["ac-leaf"].serial_number], 21, key=other)
    crl("other-issuer", *current, [revoked], 1, key=other, issuer=g.certs["other-root"])
    g.put("crl/bundle-expired-current.pem",
          g.files[TV + "/crl/expired.pem"] + g.files[TV + "/crl/current.pem"])
    g.put("crl/bundle-forged-current.pem",
          g.files[TV + "/crl/forged-empty.pem"] + g.files[TV + "/crl/current.pem"])

    g.comment("crl: file = CRLs (PEM, possibly several, or one DER); cert is checked, issuer is "
              "its issuer")
    leaf, rev = P("ac-leaf"), P("ac-leaf-revoked")

    def v(file, expect, cert):
        g.vec("crl", TV + "/crl/" + file, expect, ("cert", cert), ("issuer", P("ac-int")),
              ("time", str(T)))

    v("current.pem", "revoked", rev)
    v("current.der", "revoked", rev)
    v("current.pem", "good", leaf)
    v("current.der", "good", leaf)
    v("current-empty.pem", "good", rev)
    v("current-empty.der", "good", rev)
    v("expired.pem", "unknown", rev)
    v("expired.pem", "unknown", leaf)
    v("not-yet.pem", "unknown", rev)
    v("not-yet.der", "unknown", rev)
    v("expired.der", "unknown", rev)
    v("no-next-update.pem", "unknown", rev)
    v("no-next-update.der", "unknown", leaf)
    v("next-update-at-t.pem", "unknown", rev)
    v("next-update-at-t.der", "unknown", rev)
    v("this-update-at-t.pem", "revoked", rev)
    v("this-update-at-t.der", "revoked", rev)
    v("forged-empty.pem", "unknown", rev)
    v("forged-empty.der", "unknown", leaf)
    v("forged-revoked.pem", "unknown", leaf)
    v("forged-revoked.der", "unknown", leaf)
    v("other-issuer.pem", "unknown", rev)
    v("other-issuer.der", "unknown", rev)
    v("bundle-expired-current.pem", "revoked", rev)
    v("bundle-forged-current.pem", "revoked", rev)
    v("bundle-forged-current.pem", "good", leaf)


def without_next_update(crl_der, key):
    """The CRL with nextUpdate removed from TBSCertList, signed again by key."""
    tbs, alg, _ = der_children(crl_der)
    parts = der_children(tbs)
    times = [i for i, p in enumerate(parts) if p[0] in (0x17, 0x18)]
    del parts[times[1]]
    tbs = der_tlv(0x30, b"".join(parts))
    sig = key.sign(tbs, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    return der_tlv(0x30, tbs + alg + der_tlv(0x03, b"\x00" + sig))


# ---------------------------------------------------------------------------------------------
# Certificate information.

def build_certinfo(g):
    g.comment("certinfo: the fields of wrp_cert_info; an empty value means absent (or no "
              "entries); lists are comma-separated")
    for name in ("ac-leaf", "ac-leaf-serial", "ac-leaf-noid", "ac-leaf-ca", "ac-leaf-kucertsign",
                 "ac-leaf-multi", "ac-leaf-ed25519", "ac-int", "ac-root", "rc-signer"):
        info = refcheck.cert_info(g.certs[name])
        g.vec("certinfo", g.cert_path(name), "ok", *info.items())
    info = refcheck.cert_info(g.certs["ac-leaf"])
    g.vec("certinfo", TV + "/pki/ac-leaf.der", "ok", *info.items())
    for name in ("ac-leaf-nulsan", "ac-leaf-nulorgid", "ac-leaf-emptyorgid", "ac-leaf-twoorgid"):
        g.vec("certinfo", g.cert_path(name), "malformed")


# ---------------------------------------------------------------------------------------------
# JWS compact.

JWS_PAYLOAD = jdump({"client_id": "x509_san_dns:" + RP_DNS, "nonce": "n-0S6_WzA2Mj",
                     "iat": T})
ALG_CERT = {"ES256": "ac-leaf", "ES384": "ac-leaf-p384", "ES512": "ac-leaf-p521",
            "PS256": "ac-leaf-rsa2048", "PS384": "ac-leaf-rsa2048", "PS512": "ac-leaf-rsa2048",
            "RS256": "ac-leaf-rsa2048", "RS384": "ac-leaf-rsa2048", "RS512": "ac-leaf-rsa2048",
            "EdDSA": "ac-leaf-ed25519"}
COSE_ID = {"ES256": -7, "ES384": -35, "ES512": -36, "PS256": -37, "PS384": -38, "PS512": -39,
           "RS256": -257, "RS384": -258, "RS512": -259, "EdDSA": -8}
URL_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def noncanonical_last(part):
    """A base64url part whose last character carries non-zero unused bits."""
    assert len(part) % 4 in (2, 3)
    idx = URL_ALPHABET.index(part[-1:])
    assert idx & (0xF if len(part) % 4 == 2 else 0x3) == 0
    return part[:-1] + URL_ALPHABET[idx | 1 : (idx | 1) + 1]


def build_jws(g):
    certkey = lambda cert: g.key(g.cert_keys[cert])
    x5c = lambda names: [b64(g.der(n)) for n in names]

    def header(alg, cert="ac-leaf", chain=None, **extra):
        h = {"alg": alg, "typ": "oauth-authz-req+jwt", "x5c": x5c(chain or [cert, "ac-int"])}
        h.update(extra)
        return h

    def compact(hdr, alg=None, key=None, payload=JWS_PAYLOAD):
        """hdr: a dict or raw header bytes. Signs with key (or the default key of alg)."""
        hb = jdump(hdr) if isinstance(hdr, dict) else hdr
        si = b64u(hb) + b"." + b64u(payload)
        if alg is None:
            return si + b"."
        return si + b"." + b64u(sign(alg, key or certkey(ALG_CERT[alg]), si))

    def vec(name, expect, text, cert="ac-leaf", *args):
        f = g.put("jws/" + name + ".jwt", text)
        g.vec("jws", f, expect, ("cert", g.cert_path(cert)), *args)

    g.comment("jws: file = compact JWS; cert = x5c[0]; expect is the first failing stage: "
              "malformed, alg, crit, signature (else ok)")
    for alg, cert in ALG_CERT.items():
        vec(alg.lower(), "ok", compact(header(alg, cert), alg), cert, ("alg", alg),
            ("chain_len", "2"))
    es256 = compact(header("ES256"), "ES256")
    vec("es256-x5c-leaf-only", "ok", compact(header("ES256", chain=["ac-leaf"]), "ES256"),
        "ac-leaf", ("alg", "ES256"), ("chain_len", "1"))
    vec("es256-x5c-10", "ok", compact(header("ES256", chain=LONG[:10]), "ES256"),
        "long/long-leaf", ("alg", "ES256"), ("chain_len", "10"))
    vec("es256-surrounding-whitespace", "ok", b" \t\n" + es256 + b"\r\n", "ac-leaf",
        ("alg", "ES256"), ("chain_len", "2"))
    vec("es256-header-json-whitespace", "ok",
        compact(b'{ "alg" : "ES256",\n "typ":"oauth-authz-req+jwt", "x5c" : ["'
                + x5c(["ac-leaf"])[0].encode() + b'"] }', "ES256"),
        "ac-leaf", ("alg", "ES256"), ("chain_len", "1"))
    vec("es256-payload-not-json", "ok", compact(header("ES256"), "ES256", payload=b"hello"),
        "ac-leaf", ("alg", "ES256"), ("chain_len", "2"))
    hb = jdump(header("ES256"))
    si = b64u(hb) + b"." + b64u(JWS_PAYLOAD)
    sig = sign("ES256", g.key("ac-leaf"), si)
    n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256 order
    s = int.from_bytes(sig[32:], "big")
    vec("es256-high-s", "ok", si + b"." + b64u(sig[:32] + (n - s).to_bytes(32, "big")),
        "ac-leaf", ("alg", "ES256"), ("chain_len", "2"))

    # alg
    vec("alg-none", "alg", compact(header("none")))
    vec("alg-none-capitalised", "alg", compact(header("None")))
    hs = jdump(header("HS256"))
    si_hs = b64u(hs) + b"." + b64u(JWS_PAYLOAD)
    vec("alg-hs256-cert-as-secret", "alg",
        si_hs + b"." + b64u(hmac.new(g.der("ac-leaf"), si_hs, hashlib.sha256).digest()))
    vec("alg-unknown", "alg", compact(header("ES256K"), "ES256", key=g.key("ac-leaf")))
    vec("alg-lowercase", "alg", compact(header("es256"), "ES256", key=g.key("ac-leaf")))
    vec("alg-ed25519-name", "alg", compact(header("Ed25519", "ac-leaf-ed25519"), "EdDSA"),
        "ac-leaf-ed25519")
    h = header("ES256")
    del h["alg"]
    vec("alg-missing", "alg", compact(h, "ES256"))
    vec("alg-not-string", "alg", compact(header(-7), "ES256", key=g.key("ac-leaf")))

    # crit
    vec("crit-unknown", "crit", compact(header("ES256", crit=["urn:example:critical"],
                                               **{"urn:example:critical": True}), "ES256"))
    vec("crit-member-absent", "crit", compact(header("ES256", crit=["sigT"]), "ES256"))
    vec("crit-empty", "crit", compact(header("ES256", crit=[]), "ES256"))
    vec("crit-not-array", "crit", compact(header("ES256", crit="urn:example:critical",
                                                 **{"urn:example:critical": True}), "ES256"))
    vec("crit-registered-name", "crit", compact(header("ES256", crit=["alg"]), "ES256"))

    # signature
    vec("es256-sig-63", "signature", si + b"." + b64u(sig[:63]))
    vec("es256-sig-65", "signature", si + b"." + b64u(sig + b"\x00"))
    vec("es256-sig-empty", "signature", si + b".")
    vec("es256-sig-zero", "signature", si + b"." + b64u(b"\x00" * 64))
    der_sig = g.key("ac-leaf").sign(si, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    vec("es256-sig-der", "signature", si + b"." + b64u(der_sig))
    bad = bytearray(sig)
    bad[10] ^= 0x40
    vec("es256-sig-flipped", "signature", si + b"." + b64u(bytes(bad)))
    vec("es256-other-payload", "signature",
        b64u(hb) + b"." + b64u(JWS_PAYLOAD + b" ") + b"." + b64u(sig))
    vec("es256-wrong-key", "signature", compact(header("ES256"), "ES256", key=g.key("other-root")))
    vec("es256-rsa-key", "signature",
        compact(header("ES256", "ac-leaf-rsa2048"), "RS256", key=g.key("leaf-rsa2048")),
        "ac-leaf-rsa2048")
    vec("es384-p256-key", "signature", compact(header("ES384"), "ES384", key=g.key("ac-leaf")))
    vec("eddsa-p256-key", "signature", compact(header("EdDSA"), "ES256", key=g.key("ac-leaf")))
    vec("rs256-rsa1024", "signature", compact(header("RS256", "ac-leaf-rsa1024"), "RS256",
                                              key=g.key("leaf-rsa1024")), "ac-leaf-rsa1024")
    vec("ps256-rsa1024", "signature", compact(header("PS256", "ac-leaf-rsa1024"), "PS256",
                                              key=g.key("leaf-rsa1024")), "ac-leaf-rsa1024")

    # malformed: the header
    x5c_json = json.dumps(x5c(["ac-leaf", "ac-int"])).replace(" ", "").encode()
    raw = lambda body: compact(b"{" + body + b',"x5c":' + x5c_json + b"}", "ES256")
    vec("header-not-json", "malformed", compact(b"alg=ES256", "ES256"))
    vec("header-array", "malformed", compact(b'["alg","ES256"]', "ES256"))
    vec("header-string", "malformed", compact(b'"ES256"', "ES256"))
    vec("header-dup-alg", "malformed", raw(b'"alg":"ES256","alg":"ES256"'))
    vec("header-dup-alg-none", "malformed", raw(b'"alg":"ES256","alg":"none"'))
    vec("header-dup-alg-escaped", "malformed", raw(b'"alg":"ES256","\\u0061lg":"none"'))
    vec("header-dup-nested", "malformed",
        raw(b'"alg":"ES256","ext":{"a":{"b":{"c":1,"c":2}}}'))
    vec("header-typ-nul", "malformed", raw(b'"alg":"ES256","typ":"oauth-authz-req+jwt\\u0000"'))
    vec("header-bom", "malformed", compact(b"\xef\xbb\xbf" + hb, "ES256"))
    vec("header-trailing-bytes", "malformed", compact(hb + b" x", "ES256"))
    vec("header-invalid-utf8", "malformed", raw(b'"alg":"ES256","typ":"\xc0\xaf"'))
    vec("header-deep", "malformed",
        raw(b'"alg":"ES256","ext":' + b"[" * 40 + b"]" * 40))

    # malformed: the compact form
    h64, p64, s64 = es256.split(b".")
    vec("padding-header", "malformed", h64 + b"=." + p64 + b"." + s64)
    vec("padding-payload", "malformed", h64 + b"." + p64 + b"==." + s64)
    vec("padding-signature", "malformed", h64 + b"." + p64 + b"." + s64 + b"==")
    mid = len(p64) // 2
    vec("space-inside-payload", "malformed", h64 + b"." + p64[:mid] + b" " + p64[mid:] + b"." + s64)
    vec("newline-inside-signature", "malformed", h64 + b"." + p64 + b"." + s64[:40] + b"\n"
        + s64[40:])
    vec("two-parts", "malformed", h64 + b"." + p64)
    vec("four-parts", "malformed", es256 + b"." + s64)
    vec("one-part", "malformed", h64)
    vec("dots-only", "malformed", b"..")
    vec("empty", "malformed", b"")
    vec("header-empty", "malformed", b"." + p64 + b"." + s64)
    vec("payload-empty", "malformed",
        compact(header("ES256"), "ES256", payload=b""))
    vec("non-alphabet-header", "malformed", h64[:5] + b"+" + h64[6:] + b"." + p64 + b"." + s64)
    vec("non-alphabet-payload", "malformed", h64 + b"." + p64[:5] + b"*" + p64[6:] + b"." + s64)
    vec("non-alphabet-signature", "malformed", h64 + b"." + p64 + b"." + s64[:5] + b"/" + s64[6:])
    vec("non-ascii-byte", "malformed", h64 + b"." + p64[:5] + b"\xc3\xa9" + p64[5:] + b"." + s64)
    vec("signature-length-mod4-1", "malformed", es256 + b"AAA")
    assert len(s64) % 4 == 2
    vec("trailing-bits-signature", "malformed", h64 + b"." + p64 + b"." + noncanonical_last(s64))
    odd = JWS_PAYLOAD + b" " * ((1 - len(JWS_PAYLOAD)) % 3)
    odd_jws = compact(header("ES256"), "ES256", payload=odd).split(b".")
    vec("trailing-bits-payload", "malformed",
        odd_jws[0] + b"." + noncanonical_last(odd_jws[1]) + b"." + odd_jws[2])
    pad = header("ES256", jti="x")
    while len(jdump(pad)) % 3 != 1:
        pad["jti"] += "x"
    parts = compact(pad, "ES256").split(b".")
    vec("trailing-bits-header", "malformed",
        noncanonical_last(parts[0]) + b"." + parts[1] + b"." + parts[2])
    # RFC 7797 unencoded payload; it is also valid base64url, so that only the b64 check can
    # refuse it (its signature verifies over the signing input either way).
    si_b64 = b64u(jdump(header("ES256", b64=False, crit=["b64"]))) + b".hello123"
    vec("b64-false", "malformed", si_b64 + b"." + b64u(sign("ES256", g.key("ac-leaf"), si_b64)))

    # malformed: x5c
    h = header("ES256")
    del h["x5c"]
    vec("x5c-missing", "malformed", compact(h, "ES256"))
    vec("x5c-string", "malformed", compact(header("ES256", x5c=x5c(["ac-leaf"])[0]), "ES256"))
    vec("x5c-empty", "malformed", compact(header("ES256", x5c=[]), "ES256"))
    url = [e.replace("+", "-").replace("/", "_") for e in x5c(["ac-leaf", "ac-int"])]
    assert url != x5c(["ac-leaf", "ac-int"])
    vec("x5c-url-alphabet", "malformed", compact(header("ES256", x5c=url), "ES256"))
    wrapped = x5c(["ac-leaf"])[0]
    vec("x5c-line-breaks", "malformed",
        compact(header("ES256", x5c=[wrapped[:64] + "\n" + wrapped[64:]]), "ES256"))
    padded = [n for n in ("ac-leaf", "ac-leaf-p384", "ac-leaf-p521", "ac-root")
              if b64(g.der(n)).endswith("=")][0]
    vec("x5c-unpadded", "malformed",
        compact(header("ES256", x5c=[b64(g.der(padded)).rstrip("=")]), "ES256",
                key=g.key("ac-leaf")), padded)
    vec("x5c-not-certificate", "malformed", compact(header("ES256", x5c=[b64(b"hello")]),
                                                    "ES256"))
    vec("x5c-trailing-byte", "malformed",
        compact(header("ES256", x5c=[b64(g.der("ac-leaf") + b"\x00")]), "ES256"))
    vec("x5c-not-string", "malformed", compact(header("ES256", x5c=[1]), "ES256"))
    vec("x5c-11", "malformed", compact(header("ES256", chain=LONG), "ES256"), "long/long-leaf")


# ---------------------------------------------------------------------------------------------
# COSE_Sign1.

COSE_PAYLOAD = C.encode({"iss": RP_DNS, "iat": T})


def build_cose(g):
    certkey = lambda cert: g.key(g.cert_keys[cert])
    chain_of = lambda names: [g.der(n) for n in names]

    def sign1(prot, unprot, payload=COSE_PAYLOAD, alg="ES256", key=None, tagged=True,
              signed_prot=None, detached=None, cert="ac-leaf"):
        """prot: a dict/Map (encoded here) or raw bytes. The signature covers signed_prot when
        given (else the protected bytes) and the detached payload when payload is None."""
        pb = prot if isinstance(prot, bytes) else C.encode(prot)
        body = payload if payload is not None else detached
        tbs = C.encode(["Signature1", signed_prot if signed_prot is not None else pb, b"", body])
        sig = sign(alg, key or certkey(cert), tbs)
        item = [pb, unprot, payload, sig]
        return C.encode(C.Tag(18, item) if tagged else item)

    def vec(name, expect, data, cert="ac-leaf", *args):
        f = g.put("cose/" + name + ".cbor", data)
        g.vec("cose", f, expect, ("cert", g.cert_path(cert)), *args)

    chain = chain_of(["ac-leaf", "ac-int"])
    unp = {33: chain}
    g.comment("cose: file = COSE_Sign1 (binary CBOR); cert = x5chain[0]; payload = the detached "
              "payload; expect is the first failing stage: malformed, alg, crit, signature")
    vec("es256-untagged", "ok", sign1({1: -7}, unp, tagged=False), "ac-leaf", ("alg", "ES256"),
        ("chain_len", "2"))
    for alg, cert in ALG_CERT.items():
        vec(alg.lower(), "ok", sign1({1: COSE_ID[alg]}, {33: chain_of([cert, "ac-int"])},
                                     alg=alg, cert=cert), cert, ("alg", alg), ("chain_len", "2"))
    det = g.put("cose/es256-detached.payload", b"detached payload bytes\n")
    other = g.put("cose/es256-detached-other.payload", b"other payload bytes\n")
    detached = sign1({1: -7}, unp, payload=None, detached=g.files[det])
    vec("es256-detached", "ok", detached, "ac-leaf", ("payload", det), ("alg", "ES256"),
        ("chain_len", "2"))
    g.vec("cose", TV + "/cose/es256-detached.cbor", "signature", ("cert", g.cert_path("ac-leaf")),
          ("payload", other))
    vec("x5chain-protected-array", "ok", sign1({1: -7, 33: chain}, {}), "ac-leaf",
        ("alg", "ES256"), ("chain_len", "2"))
    vec("x5chain-protected-bstr", "ok", sign1({1: -7, 33: chain[0]}, {}), "ac-leaf",
        ("alg", "ES256"), ("chain_len", "1"))
    vec("x5chain-unprotected-bstr", "ok", sign1({1: -7}, {33: chain[0]}), "ac-leaf",
        ("alg", "ES256"), ("chain_len", "1"))
    vec("x5chain-10", "ok", sign1({1: -7}, {33: chain_of(LONG[:10])}, cert="long/long-leaf"),
        "long/long-leaf", ("alg", "ES256"), ("chain_len", "10"))
    vec("es256-typ-kid", "ok", sign1({1: -7, 16: "rc-wrp+cwt"}, {4: b"kid-1", 33: chain}),
        "ac-leaf", ("alg", "ES256"), ("chain_len", "2"))
    vec("es256-empty-payload", "ok", sign1({1: -7}, unp, payload=b""), "ac-leaf",
        ("alg", "ES256"), ("chain_len", "2"))
    noncanon = C.encode(C.Map([(1, -7)], width=2))
    assert noncanon == bytes.fromhex("b900010126")
    vec("protected-noncanonical", "ok", sign1(noncanon, unp), "ac-leaf", ("alg", "ES256"),
        ("chain_len", "2"))
    vec("protected-noncanonical-resigned", "signature",
        sign1(noncanon, unp, signed_prot=C.encode({1: -7})))

    # alg
    vec("alg-unprotected-only", "alg", sign1(b"", {1: -7, 33: chain}))
    vec("alg-unprotected-only-empty-map", "alg", sign1({}, {1: -7, 33: chain}))
    vec("alg-missing", "alg", sign1({16: "rc-wrp+cwt"}, unp))
    vec("alg-unknown", "alg", sign1({1: -65535}, unp))
    vec("alg-hmac", "alg", sign1({1: 5}, unp))
    vec("alg-text", "alg", sign1({1: "ES256"}, unp))
    vec("alg-ed25519-fully-specified", "alg",
        sign1({1: -19}, {33: chain_of(["ac-leaf-ed25519", "ac-int"])}, alg="EdDSA",
              cert="ac-leaf-ed25519"), "ac-leaf-ed25519")

    # crit
    vec("crit-unknown-label", "crit", sign1({1: -7, 2: [99], 99: 0}, unp))
    vec("crit-label-absent", "crit", sign1({1: -7, 2: [99]}, unp))
    vec("crit-empty", "crit", sign1({1: -7, 2: []}, unp))
    vec("crit-text-label", "crit", sign1({1: -7, 2: ["urn:x"], "urn:x": True}, unp))
    vec("crit-unprotected", "crit", sign1({1: -7}, {2: [99], 99: 0, 33: chain}))

    # signature
    good = bytearray(sign1({1: -7}, unp))
    good[-5] ^= 0x01
    vec("sig-flipped", "signature", bytes(good))

    def with_sig(sig_bytes):
        pb = C.encode({1: -7})
        return C.encode(C.Tag(18, [pb, unp, COSE_PAYLOAD, sig_bytes]))

    tbs = C.encode(["Signature1", C.encode({1: -7}), b"", COSE_PAYLOAD])
    raw = sign("ES256", g.key("ac-leaf"), tbs)
    vec("sig-63", "signature", with_sig(raw[:63]))
    vec("sig-65", "signature", with_sig(raw + b"\x00"))
    vec("sig-empty", "signature", with_sig(b""))
    vec("sig-der", "signature", with_sig(
        g.key("ac-leaf").sign(tbs, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))))
    vec("wrong-key", "signature", sign1({1: -7}, unp, key=g.key("other-root")))
    vec("es256-rsa-key", "signature",
        sign1({1: -7}, {33: chain_of(["ac-leaf-rsa2048", "ac-int"])}, alg="RS256",
              cert="ac-leaf-rsa2048"), "ac-leaf-rsa2048")
    vec("es384-p256-key", "signature", sign1({1: -35}, unp, alg="ES384"))
    vec("rs256-rsa1024", "signature",
        sign1({1: -257}, {33: chain_of(["ac-leaf-rsa1024", "ac-int"])}, alg="RS256",
              cert="ac-leaf-rsa1024"), "ac-leaf-rsa1024")

    # malformed
    vec("label-in-both-alg", "malformed", sign1({1: -7}, {1: -7, 33: chain}))
    vec("label-in-both-x5chain", "malformed", sign1({1: -7, 33: chain}, {33: chain}))
    vec("protected-array", "malformed", sign1(C.encode([1, -7]), unp))
    vec("protected-int", "malformed", sign1(C.encode(1), unp))
    vec("protected-trailing-byte", "malformed", sign1(C.encode({1: -7}) + b"\x00", unp))
    vec("protected-dup-label", "malformed", sign1(C.encode(C.Map([(1, -7), (1, -7)])), unp))
    vec("protected-truncated", "malformed", sign1(C.encode({1: -7})[:-1], unp))
    pb = C.encode({1: -7})
    sig = sign("ES256", g.key("ac-leaf"), tbs)
    arr = lambda items: C.encode(C.Tag(18, items))
    vec("protected-map-not-bstr", "malformed", arr([C.Raw(pb), unp, COSE_PAYLOAD, sig]))
    vec("array-3", "malformed", arr([pb, unp, COSE_PAYLOAD]))
    vec("array-5", "malformed", arr([pb, unp, COSE_PAYLOAD, sig, b""]))
    vec("not-array", "malformed", C.encode(C.Tag(18, {0: pb, 1: unp, 2: COSE_PAYLOAD, 3: sig})))
    vec("tag-17", "malformed", C.encode(C.Tag(17, [pb, unp, COSE_PAYLOAD, sig])))
    vec("tag-98", "malformed", C.encode(C.Tag(98, [pb, unp, COSE_PAYLOAD, sig])))
    vec("tag-18-twice", "malformed", C.encode(C.Tag(18, C.Tag(18, [pb, unp, COSE_PAYLOAD, sig]))))
    vec("unprotected-bstr", "malformed", arr([pb, b"", COSE_PAYLOAD, sig]))
    vec("unprotected-dup-label", "malformed",
        arr([pb, C.Map([(33, chain), (4, b"k"), (4, b"k")]), COSE_PAYLOAD, sig]))
    vec("payload-tstr", "malformed", arr([pb, unp, "payload", sig]))
    vec("signature-nil", "malformed", arr([pb, unp, COSE_PAYLOAD, None]))
    vec("signature-tstr", "malformed", arr([pb, unp, COSE_PAYLOAD, "sig"]))
    vec("trailing-byte", "malformed", sign1({1: -7}, unp) + b"\x00")
    vec("x5chain-missing", "malformed", sign1({1: -7}, {}))
    vec("x5chain-empty", "malformed", sign1({1: -7}, {33: []}))
    vec("x5chain-tstr", "malformed", sign1({1: -7}, {33: [b64(chain[0])]}))
    vec("x5chain-not-certificate", "malformed", sign1({1: -7}, {33: b"hello"}))
    vec("x5chain-11", "malformed", sign1({1: -7}, {33: chain_of(LONG)}, cert="long/long-leaf"),
        "long/long-leaf")


# ---------------------------------------------------------------------------------------------
# Hostile CBOR.

def build_cbor(g):
    g.comment("cbor: file = one CBOR document for the strict front end (wrp_cbor_parse)")

    def vec(name, expect, data):
        g.vec("cbor", g.put("cbor/" + name + ".cbor", data), expect)

    h = bytes.fromhex
    vec("valid-doc", "ok", C.encode({
        1: "one", -2: b"\x01\x02", "array": [0, 23, 24, 255, 256, 65536, 2**32, -1, -25],
        "map": {"k": "v", "nested": {"true": True, "false": False, "null": None}},
        "tag": C.Tag(0, "2027-01-01T00:00:00Z"), "float": 1.5, "big": 2**64 - 1}))
    vec("noncanonical-int", "ok", h("1801"))
    vec("noncanonical-lengths", "ok", C.encode(C.Array([C.Int(1, 8), C.Bytes(b"a", 2)], width=4)))
    vec("indefinite-array", "ok", h("9f0102ff"))
    vec("indefinite-map", "ok", h("bf616101616202ff"))
    vec("indefinite-bstr", "ok", h("5f41004101ff"))
    vec("floats", "ok", h("83f93c00fa3fc00000fb3ff8000000000000"))
    vec("negint-min", "ok", h("3bffffffffffffffff"))
    vec("simple-false-true-null", "ok", h("83f4f5f6"))
    vec("keys-of-distinct-types", "ok", C.encode(C.Map([(1, 0), ("1", 0), (b"\x01", 0),
                                                         (-2, 0)])))
    vec("depth-32", "ok", b"\x81" * 32 + b"\x00")
    vec("items-200000", "ok", C.head(4, 199999) + b"\x00" * 199999)

    vec("array-2e60", "malformed", h("9b1000000000000000"))
    vec("array-max", "malformed", h("9bffffffffffffffff"))
    vec("map-2e32", "malformed", h("bb0000000100000000"))
    vec("bstr-2e62", "malformed", h("5b4000000000000000"))
    vec("tstr-max", "malformed", h("7bffffffffffffffff"))
    vec("truncated-array", "malformed", h("820102")[:2])
    vec("truncated-head", "malformed", h("1901"))
    vec("truncated-bstr", "malformed", h("430102"))
    vec("truncated-map", "malformed", h("a101"))
    vec("empty", "malformed", b"")
    vec("trailing-byte", "malformed", h("0100"))
    vec("two-items", "malformed", h("a0a0"))
    vec("indefinite-never-closed", "malformed", h("9f0102"))
    vec("indefinite-map-odd", "malformed", h("bf01ff"))
    vec("indefinite-bstr-text-chunk", "malformed", h("5f6161ff"))
    vec("indefinite-bstr-nested", "malformed", h("5f5fffff"))
    vec("dup-int-keys", "malformed", h("a201010102"))
    vec("dup-text-keys", "malformed", h("a2616101616102"))
    vec("dup-noncanonical-int-keys", "malformed", h("a20100180100"))
    vec("dup-noncanonical-text-keys", "malformed", h("a261610078016100"))
    vec("dup-nested-3-deep", "malformed",
        C.encode({1: {2: {3: C.Map([("a", 1), ("a", 2)])}}}))
    vec("dup-indefinite-map", "malformed", h("bf01000100ff"))
    vec("simple-undefined", "malformed", h("f7"))
    vec("simple-99", "malformed", h("f863"))
    vec("simple-0", "malformed", h("e0"))
    vec("simple-two-byte-false", "malformed", h("f814"))
    vec("simple-undefined-in-array", "malformed", h("8201f7"))
    vec("reserved-ai-28", "malformed", h("1c"))
    vec("reserved-ai-29", "malformed", h("3d"))
    vec("reserved-ai-30", "malformed", h("5e"))
    vec("reserved-ai-in-array", "malformed", h("82011e"))
    vec("reserved-ai-30-major-7", "malformed", h("fe"))
    vec("indefinite-uint", "malformed", h("1f"))
    vec("indefinite-tag", "malformed", h("df00"))
    vec("break-top-level", "malformed", h("ff"))
    vec("break-in-definite-array", "malformed", h("8201ff"))
    vec("break-as-map-value", "malformed", h("bf01ffff"))

    vec("depth-33", "limit", b"\x81" * 33 + b"\x00")
    vec("array-deep-10000", "limit", b"\x81" * 10000 + b"\x00")
    vec("map-deep-10000", "limit", b"\xa1\x01" * 10000 + b"\x00")
    vec("tags-deep-10000", "limit", b"\xc6" * 10000 + b"\x00")
    vec("indefinite-deep-10000", "limit", b"\x9f" * 10000 + b"\xff" * 10000)
    vec("items-200001", "limit", C.head(4, 200000) + b"\x00" * 200000)


# ---------------------------------------------------------------------------------------------
# Hostile JSON.

def build_json(g):
    g.comment("json: file = one JSON text for the strict front end (wrp_json_parse)")

    def vec(name, expect, data):
        g.vec("json", g.put("json/" + name + ".json", data), expect)

    vec("valid-doc", "ok", b'{"a":[1,-2,3.5,1E+2,true,false,null],"b":{"c":"\\u00e9\\n\\/"},'
        b'"d":""}\n')
    vec("trailing-whitespace", "ok", b'{"a":1} \n\t\r \n')
    vec("leading-whitespace", "ok", b' \n\t{"a":1}')
    vec("number-1e400", "ok", b'{"n":1e400}')
    vec("number-minus-zero", "ok", b'{"n":-0}')
    vec("number-2e53-plus-1", "ok", b'{"n":9007199254740993}')
    vec("surrogate-pair-escape", "ok", b'{"s":"\\ud83d\\ude00"}')
    vec("utf8-multibyte", "ok", '{"naïve":"€ 😀"}'.encode())
    vec("member-names-differ-in-case", "ok", b'{"alg":1,"Alg":2,"ALG":3}')
    vec("duplicate-names-in-sibling-objects", "ok", b'[{"a":1},{"a":2}]')
    vec("top-level-scalar", "ok", b"1")
    vec("top-level-string", "ok", b'"x"')
    vec("depth-32", "ok", b"[" * 32 + b"]" * 32)
    vec("depth-32-objects", "ok", b'{"a":' * 31 + b"{}" + b"}" * 31)

    vec("bom", "malformed", b'\xef\xbb\xbf{"a":1}')
    vec("utf8-overlong", "malformed", b'{"a":"\xc0\xaf"}')
    vec("utf8-overlong-3-byte", "malformed", b'{"a":"\xe0\x80\xaf"}')
    vec("utf8-surrogate-encoded", "malformed", b'{"a":"\xed\xa0\x80"}')
    vec("utf8-truncated", "malformed", b'{"a":"\xe2\x82"}')
    vec("utf8-truncated-at-end", "malformed", b'{"a":1}\xe2\x82')
    vec("utf8-above-10ffff", "malformed", b'{"a":"\xf4\x90\x80\x80"}')
    vec("utf8-byte-ff", "malformed", b'{"a":"\xff"}')
    vec("utf8-in-member-name", "malformed", b'{"\xc0\xaf":1}')
    vec("nul-escape-in-value", "malformed", b'{"a":"x\\u0000y"}')
    vec("nul-escape-in-name", "malformed", b'{"a\\u0000":1,"a":2}')
    vec("nul-raw-in-string", "malformed", b'{"a":"x\x00y"}')
    vec("lone-high-surrogate", "malformed", b'{"a":"\\ud800"}')
    vec("lone-low-surrogate", "malformed", b'{"a":"\\udc00"}')
    vec("high-surrogate-then-letter", "malformed", b'{"a":"\\ud800\\u0041"}')
    vec("high-surrogate-then-high", "malformed", b'{"a":"\\ud800\\ud800"}')
    vec("dup-top-level", "malformed", b'{"a":1,"b":2,"a":3}')
    vec("dup-nested-3-deep", "malformed", b'{"x":{"y":{"z":{"a":1,"a":1}}}}')
    vec("dup-in-array", "malformed", b'[{"a":1,"a":1}]')
    vec("dup-via-escape", "malformed", b'{"a":1,"\\u0061":2}')
    vec("dup-via-escaped-slash", "malformed", b'{"/":1,"\\/":2}')
    vec("trailing-bytes", "malformed", b"{} x")
    vec("trailing-second-value", "malformed", b"{}{}")
    vec("trailing-nul", "malformed", b"{}\x00")
    vec("trailing-vertical-tab", "malformed", b"{}\x0b")
    vec("trailing-nbsp", "malformed", b"{}\xc2\xa0")
    vec("trailing-comma-array", "malformed", b"[1,2,]")
    vec("trailing-comma-object", "malformed", b'{"a":1,}')
    vec("comment-line", "malformed", b'{"a":1} // c')
    vec("comment-block", "malformed", b'{/* c */"a":1}')
    vec("leading-plus", "malformed", b'{"n":+1}')
    vec("leading-zero", "malformed", b'{"n":01}')
    vec("nan", "malformed", b'{"n":NaN}')
    vec("infinity", "malformed", b'{"n":Infinity}')
    vec("minus-infinity", "malformed", b'{"n":-Infinity}')
    vec("number-dot-end", "malformed", b'{"n":1.}')
    vec("number-dot-start", "malformed", b'{"n":.5}')
    vec("number-exponent-empty", "malformed", b'{"n":1e}')
    vec("number-minus-only", "malformed", b'{"n":-}')
    vec("number-hex", "malformed", b'{"n":0x10}')
    vec("single-quotes", "malformed", b"{'a':1}")
    vec("unquoted-name", "malformed", b"{a:1}")
    vec("true-capitalised", "malformed", b"True")
    vec("raw-tab-in-string", "malformed", b'{"a":"x\ty"}')
    vec("bad-escape", "malformed", b'{"a":"\\x41"}')
    vec("short-u-escape", "malformed", b'{"a":"\\u12"}')
    vec("unterminated-string", "malformed", b'{"a":"x')
    vec("unclosed-object", "malformed", b'{"a":1')
    vec("unclosed-array", "malformed", b"[1,2")
    vec("empty", "malformed", b"")
    vec("whitespace-only", "malformed", b" \n")

    vec("depth-33", "limit", b"[" * 33 + b"]" * 33)
    vec("depth-10000", "limit", b"[" * 10000 + b"]" * 10000)
    vec("depth-10000-objects", "limit", b'{"a":' * 10000 + b"1" + b"}" * 10000)


# ---------------------------------------------------------------------------------------------
# base64 / base64url (manifest lines only).

B64_CASES = [
    ("", "ok"), ("Zg==", "ok"), ("Zm8=", "ok"), ("Zm9v", "ok"), ("Zm9vYmFy", "ok"),
    ("+/+/", "ok"), ("////", "ok"), ("AAAA", "ok"),
    ("Zg", "malformed"), ("Zg=", "malformed"), ("Zg===", "malformed"), ("Z===", "malformed"),
    ("Zh==", "malformed"), ("Zm9=", "malformed"), ("Zm 9v", "malformed"), ("Zm9-", "malformed"),
    ("Zm9_", "malformed"), ("=Zm9", "malformed"), ("Zg==Zg==", "malformed"), ("Z", "malformed"),
    ("Zm9vY", "malformed"), ("Zm9vYg=", "malformed"), ("Zm=v", "malformed"),
    ("====", "malformed"), (b"Zm9v\n", "malformed"), (b" Zm9v", "malformed"),
    (b"Zm9v\x00", "malformed"), (b"Zm9\xc3", "malformed"),
]
B64URL_CASES = [
    ("", "ok"), ("Zg", "ok"), ("Zm8", "ok"), ("Zm9v", "ok"), ("-_-_", "ok"), ("AAAA", "ok"),
    ("Zg==", "malformed"), ("Zm8=", "malformed"), ("Zh", "malformed"), ("Zm9", "malformed"),
    ("Z", "malformed"), ("Zm9vY", "malformed"), ("+/+/", "malformed"), ("Zm 9v", "malformed"),
    ("Zg=", "malformed"), (b"Zm9v\n", "malformed"), (b"Zm9v\r", "malformed"),
    (b"Zm9v\x00", "malformed"), (b"Zm\xc3\xa9", "malformed"), ("Zm9v.", "malformed"),
]


def build_b64(g):
    g.comment("b64 / b64url: input = the literal text (input_hex = the bytes, for inputs holding "
              "control bytes); output_hex = the decoded bytes of an ok case")
    for kind, cases, dec in (("b64", B64_CASES, refcheck.b64_decode),
                             ("b64url", B64URL_CASES, refcheck.b64url_decode)):
        for value, expect in cases:
            if isinstance(value, str):
                data, arg = value.encode(), ("input", value)
            else:
                data, arg = value, ("input_hex", value.hex())
            args = [arg]
            if expect == "ok":
                args.append(("output_hex", dec(data).hex()))
            g.vec(kind, "-", expect, *args)


# ---------------------------------------------------------------------------------------------

MANIFEST_HEAD = """\
# wrpcheck foundation-layer test vectors (generated by testvectors/gen.py; see README.md).
# kind<TAB>file<TAB>expect<TAB>key=value<TAB>key=value...
# Paths are relative to the repository root. Verification time of every vector: time=%d.
""" % T


def generate(create_keys=True):
    g = Gen(create_keys)
    build_pki(g)
    build_b64(g)
    build_json(g)
    build_cbor(g)
    build_jws(g)
    build_cose(g)
    build_chains(g)
    build_crls(g)
    build_certinfo(g)
    g.put("manifest.tsv", (MANIFEST_HEAD + "\n".join(g.lines) + "\n").encode())
    return g


def write(g, force):
    created, rewritten, stale = [], [], []
    for rel, data in sorted(g.files.items()):
        path = os.path.join(REPO, rel)
        if os.path.exists(path):
            with open(path, "rb") as fh:
                if fh.read() == data:
                    continue
            if rel.endswith(".key") or not force:
                stale.append(rel)
                continue
            rewritten.append(rel)
        else:
            created.append(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
    print("%d files: %d created, %d rewritten, %d unchanged"
          % (len(g.files), len(created), len(rewritten),
             len(g.files) - len(created) - len(rewritten) - len(stale)))
    for path in g.new_keys:
        print("new key:", os.path.relpath(path, REPO))
    if stale:
        print("kept %d existing files that differ from a fresh generation (use --force):"
              % len(stale))
        for rel in stale:
            print("  " + rel)
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="rewrite files whose content changes")
    ap.add_argument("--check", action="store_true", help="verify the committed vectors")
    args = ap.parse_args()
    if args.check:
        import check
        return check.run(generate)
    return write(generate(), args.force)


if __name__ == "__main__":
    sys.exit(main())
