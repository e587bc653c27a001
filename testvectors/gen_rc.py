#!/usr/bin/env python3
"""Generates the registration-certificate vectors in testvectors/rc/ and their manifest.

Keys, certificates and CRLs live in rc/pki/ and are reused when present, so that a re-run writes
byte-identical vectors (ECDSA and EdDSA signatures here are deterministic; RSA uses PKCS#1 v1.5).
Delete rc/pki/ to start a new PKI. Every vector that should carry a valid signature is re-verified
with joserfc (JWT) or with pyca/cryptography over the COSE Sig_structure (CWT) before it is written.

Usage: python3 testvectors/gen_rc.py
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
import warnings
import zlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.x509.oid import NameOID
from joserfc import jws as jose_jws
from joserfc.jwk import ECKey, OKPKey, RSAKey
from joserfc.registry import HeaderParameter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rc_cbor  # noqa: E402
from rc_cbor import Tag  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "rc")
PKI = os.path.join(OUT, "pki")

T = 1798761600  # 2027-01-01T00:00:00Z, the verification time of every vector
DAY = 86400

LEI = "LEIXG-529900T8BM49AURSDO55"
SERIAL_ID = "TINNL-123456782"
SL_URI = "https://rc-provider.example/statuslists/1"
SP_URI = "https://uri.etsi.org/19475/Entitlement/Service_Provider"
OID_ORG_ID = x509.ObjectIdentifier("2.5.4.97")


def utc(y, m, d):
    return datetime.datetime(y, m, d, tzinfo=datetime.timezone.utc)


def at(t):
    return datetime.datetime.fromtimestamp(t, tz=datetime.timezone.utc)


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# PKI (reused when present)

def load_or_make_key(name, kind):
    path = os.path.join(PKI, name + ".key.pem")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)
    if kind == "P-256":
        key = ec.generate_private_key(ec.SECP256R1())
    elif kind == "P-384":
        key = ec.generate_private_key(ec.SECP384R1())
    elif kind == "RSA-2048":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif kind == "Ed25519":
        key = ed25519.Ed25519PrivateKey.generate()
    else:
        raise ValueError(kind)
    os.makedirs(PKI, exist_ok=True)
    with open(path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return key


def sign_hash_for(key):
    return None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()


def name(attrs):
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attrs])


def load_or_make_cert(fname, key, subject, issuer_cert, issuer_key, serial, not_before, not_after,
                      ca=False, crl_dp=None, policies=None):
    path = os.path.join(PKI, fname + ".pem")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return x509.load_pem_x509_certificate(f.read())
    pub = key.public_key()
    b = (x509.CertificateBuilder()
         .subject_name(subject)
         .issuer_name(issuer_cert.subject if issuer_cert is not None else subject)
         .public_key(pub)
         .serial_number(serial)
         .not_valid_before(not_before)
         .not_valid_after(not_after)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False))
    if ca:
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                            critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                            critical=True)
    signer_pub = issuer_cert.public_key() if issuer_cert is not None else pub
    b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signer_pub), critical=False)
    if crl_dp is not None:
        where = crl_dp if isinstance(crl_dp, x509.GeneralName) else x509.UniformResourceIdentifier(crl_dp)
        b = b.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [where], None, None, None)]), critical=False)
    if policies:
        b = b.add_extension(x509.CertificatePolicies(
            [x509.PolicyInformation(x509.ObjectIdentifier(p), None) for p in policies]), critical=False)
    sk = issuer_key if issuer_key is not None else key
    cert = b.sign(sk, sign_hash_for(sk))
    with open(path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return cert


def load_or_make_crl(fname, issuer_cert, issuer_key, this_update, next_update, revoked_serials):
    path = os.path.join(PKI, fname + ".pem")
    if os.path.exists(path):
        return
    b = (x509.CertificateRevocationListBuilder()
         .issuer_name(issuer_cert.subject)
         .last_update(this_update)
         .next_update(next_update)
         .add_extension(x509.CRLNumber(len(revoked_serials) + this_update.toordinal()), critical=False))
    for serial in revoked_serials:
        b = b.add_revoked_certificate(x509.RevokedCertificateBuilder()
                                      .serial_number(serial)
                                      .revocation_date(this_update)
                                      .build())
    crl = b.sign(issuer_key, hashes.SHA256())
    with open(path, "wb") as f:
        f.write(crl.public_bytes(serialization.Encoding.PEM))


def der(cert):
    return cert.public_bytes(serialization.Encoding.DER)


class Signer:
    """A private key with the certificate chain that is sent with its signatures."""

    def __init__(self, key, chain, alg):
        self.key, self.chain, self.alg = key, chain, alg

    def x5c(self):
        return [base64.b64encode(der(c)).decode("ascii") for c in self.chain]


class Pki:
    def __init__(self):
        org = (NameOID.ORGANIZATION_NAME, "wrpcheck test vectors")
        nl = (NameOID.COUNTRY_NAME, "NL")
        root_from, root_to = utc(2025, 1, 1), utc(2035, 1, 1)
        leaf_from, leaf_to = utc(2026, 1, 1), utc(2028, 1, 1)

        def ca(fname, cn, serial):
            key = load_or_make_key(fname, "P-256")
            cert = load_or_make_cert(fname, key, name([(NameOID.COMMON_NAME, cn), org, nl]), None, None,
                                     serial, root_from, root_to, ca=True)
            return key, cert

        def leaf(fname, kind, subject, issuer, serial, nb=leaf_from, na=leaf_to, **kw):
            key = load_or_make_key(fname, kind)
            cert = load_or_make_cert(fname, key, name(subject), issuer[1], issuer[0], serial, nb, na, **kw)
            return key, cert

        self.rc_root = ca("rc-root", "Test WRPRC Provider Root CA", 0x10)
        self.ac_root = ca("ac-root", "Test WRPAC Provider Root CA", 0x20)
        self.rogue_root = ca("rogue-root", "Untrusted Root CA", 0x30)

        def rc_leaf(fname, kind, cn, serial, issuer=None, **kw):
            return leaf(fname, kind, [(NameOID.COMMON_NAME, cn), org, nl], issuer or self.rc_root,
                        serial, **kw)

        self.rc_signer = rc_leaf("rc-signer", "P-256", "Test WRPRC Signer", 0x1001)
        self.rc_signer_p384 = rc_leaf("rc-signer-p384", "P-384", "Test WRPRC Signer P-384", 0x1002)
        self.rc_signer_rsa = rc_leaf("rc-signer-rsa", "RSA-2048", "Test WRPRC Signer RSA", 0x1003)
        self.rc_signer_ed = rc_leaf("rc-signer-ed25519", "Ed25519", "Test WRPRC Signer Ed25519", 0x1004)
        self.rc_signer_expired = rc_leaf("rc-signer-expired", "P-256", "Test WRPRC Signer (expired)",
                                         0x1005, nb=utc(2024, 1, 1), na=utc(2025, 1, 1))
        self.rogue_signer = rc_leaf("rogue-signer", "P-256", "Untrusted WRPRC Signer", 0x3001,
                                    issuer=self.rogue_root)

        shop = [(NameOID.COMMON_NAME, "Example Shop"), (NameOID.ORGANIZATION_NAME, "Example Shop B.V."),
                (OID_ORG_ID, LEI), nl]
        ncp_l = ["0.4.0.194118.1.2"]
        self.ac_leaf = leaf("ac-leaf", "P-256", shop, self.ac_root, 0x2001, policies=ncp_l)
        self.ac_leaf_serial = leaf("ac-leaf-serial", "P-256",
                                   [(NameOID.COMMON_NAME, "Jan Jansen"),
                                    (NameOID.SERIAL_NUMBER, SERIAL_ID), nl],
                                   self.ac_root, 0x2002)
        self.ac_leaf_crl = leaf("ac-leaf-crl", "P-256", shop, self.ac_root, 0x2003, policies=ncp_l,
                                crl_dp="http://crl.ac-provider.example/root.crl")
        self.ac_leaf_crl_dirname = leaf(
            "ac-leaf-crl-dirname", "P-256", shop, self.ac_root, 0x2006, policies=ncp_l,
            crl_dp=x509.DirectoryName(name([(NameOID.COMMON_NAME, "CRL1"), nl])))
        self.ac_leaf_rogue = leaf("ac-leaf-rogue", "P-256", shop, self.rogue_root, 0x3002)
        self.ac_leaf_expired = leaf("ac-leaf-expired", "P-256", shop, self.ac_root, 0x2004,
                                    nb=utc(2024, 1, 1), na=utc(2025, 1, 1), policies=ncp_l)
        self.ac_leaf_noid = leaf("ac-leaf-noid", "P-256", [(NameOID.COMMON_NAME, "Example Shop"), nl],
                                 self.ac_root, 0x2005)

        ak, ac = self.ac_root
        load_or_make_crl("crl-good", ac, ak, at(T - DAY), at(T + 7 * DAY), [0x2999])
        load_or_make_crl("crl-revoked", ac, ak, at(T - DAY), at(T + 7 * DAY), [0x2999, 0x2003])
        load_or_make_crl("crl-expired", ac, ak, at(T - 30 * DAY), at(T - 23 * DAY), [])
        rk, rc = self.rogue_root
        load_or_make_crl("crl-rogue", rc, rk, at(T - DAY), at(T + 7 * DAY), [])

    def signer(self, which, alg="ES256", with_root=False):
        key, cert = getattr(self, which)
        root = self.rogue_root if which.startswith("rogue") or which == "ac_leaf_rogue" else (
            self.ac_root if which.startswith("ac_") else self.rc_root)
        chain = [cert, root[1]] if with_root else [cert]
        return Signer(key, chain, alg)


# ---------------------------------------------------------------------------------------------
# Signatures

COSE_ALG = {"ES256": -7, "ES384": -35, "EdDSA": -8, "RS256": -257, "HS256": 5}


def raw_sign(signer, msg):
    key, alg = signer.key, signer.alg
    if alg in ("ES256", "ES384"):
        h = hashes.SHA256() if alg == "ES256" else hashes.SHA384()
        size = 32 if alg == "ES256" else 48
        r, s = decode_dss_signature(key.sign(msg, ec.ECDSA(h, deterministic_signing=True)))
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    if alg == "RS256":
        return key.sign(msg, padding.PKCS1v15(), hashes.SHA256())
    if alg == "EdDSA":
        return key.sign(msg)
    raise ValueError(alg)


def jwt(header, payload, signer, sig_override=None):
    """Compact JWS. payload: a dict (serialized compactly) or bytes. sig_override: bytes used as
    the signature instead of signing (b"" for an unsigned token)."""
    h = b64u(json.dumps(header, separators=(",", ":")).encode())
    body = payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode()
    signing_input = (h + "." + b64u(body)).encode("ascii")
    sig = sig_override if sig_override is not None else raw_sign(signer, signing_input)
    return signing_input.decode("ascii") + "." + b64u(sig)


def jose_public(signer):
    pub = signer.chain[0].public_key()
    pem = pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    if isinstance(pub, ec.EllipticCurvePublicKey):
        return ECKey.import_key(pem)
    if isinstance(pub, rsa.RSAPublicKey):
        return RSAKey.import_key(pem)
    return OKPKey.import_key(pem)


def check_jwt(token, signer):
    """Independent check with joserfc that the token verifies with the signer's certificate."""
    sigt = {"sigT": HeaderParameter("JAdES claimed signing time", "str")}
    registry = jose_jws.JWSRegistry(header_registry=sigt, algorithms=[signer.alg], strict_check_header=False)
    registry.max_header_length = 64 * 1024
    registry.max_payload_length = 4 * 1024 * 1024
    jose_jws.deserialize_compact(token, jose_public(signer), registry=registry)


def cose_sign1(protected, unprotected, payload, signer, wrap="18", sig_override=None, tamper=None):
    """COSE_Sign1 bytes. wrap: "18" (tag 18), "61" (tag 61 around tag 18) or "none".
    tamper: a function applied to the payload bytes after signing."""
    prot = rc_cbor.dumps(protected) if protected else b""
    sig_structure = rc_cbor.dumps(["Signature1", prot, b"", payload])
    sig = sig_override if sig_override is not None else raw_sign(signer, sig_structure)
    if sig_override is None:
        verify_raw(signer, sig_structure, sig)
    body = [prot, unprotected, tamper(payload) if tamper else payload, sig]
    if wrap == "18":
        item = Tag(18, body)
    elif wrap == "61":
        item = Tag(61, Tag(18, body))
    else:
        item = body
    return rc_cbor.dumps(item)


def verify_raw(signer, msg, sig):
    pub = signer.chain[0].public_key()
    if isinstance(pub, ec.EllipticCurvePublicKey):
        n = len(sig) // 2
        h = hashes.SHA256() if n == 32 else hashes.SHA384()
        pub.verify(encode_dss_signature(int.from_bytes(sig[:n], "big"), int.from_bytes(sig[n:], "big")),
                   msg, ec.ECDSA(h))
    elif isinstance(pub, rsa.RSAPublicKey):
        pub.verify(sig, msg, padding.PKCS1v15(), hashes.SHA256())
    else:
        pub.verify(sig, msg)


def x5chain(signer):
    certs = [der(c) for c in signer.chain]
    return certs[0] if len(certs) == 1 else certs


# ---------------------------------------------------------------------------------------------
# Payloads

DEL = object()  # marks a claim to remove


def rc_payload(**changes):
    p = {
        "name": "Example Shop",
        "sub_ln": "Example Shop B.V.",
        "sub": LEI,
        "country": "NL",
        "registry_uri": "https://register.example.nl/wrp/" + LEI,
        "srv_description": [[
            {"lang": "en", "value": "Online shop for age-restricted goods"},
            {"lang": "nl", "value": "Webwinkel voor producten met een leeftijdsgrens"},
        ]],
        "entitlements": [SP_URI],
        "privacy_policy": "https://shop.example.nl/privacy",
        "info_uri": "https://shop.example.nl",
        "support_uri": "https://shop.example.nl/support",
        "supervisory_authority": {
            "email": "info@dpa.example.nl",
            "phone": "+31 70 000 0000",
            "uri": "https://dpa.example.nl",
        },
        "policy_id": ["0.4.0.19475.3.1"],
        "certificate_policy": "https://registrar.example.nl/certificate-policy",
        "iat": T - 30 * DAY,
        "exp": T + 300 * DAY,
        "status": {"status_list": {"idx": 3, "uri": SL_URI}},
        "credentials": [
            {
                "format": "dc+sd-jwt",
                "meta": {"vct_values": ["urn:eudi:pid:1"]},
                "claim": [
                    {"path": ["age_over_18"]},
                    {"path": ["nationalities", None]},
                    {"path": ["address", "country"]},
                    {"path": ["place_of_birth", "country"], "values": ["NL", "BE", "DE"]},
                ],
            },
            {
                "format": "mso_mdoc",
                "meta": {"doctype_value": "eu.europa.ec.eudi.pid.1"},
                "claim": [
                    {"path": ["eu.europa.ec.eudi.pid.1", "age_over_18"]},
                    {"path": ["eu.europa.ec.eudi.pid.1", "age_in_years"], "values": [18, 19, 20]},
                ],
            },
        ],
        "purpose": [{"lang": "en", "value": "Checking that the buyer is of age"}],
        "intended_use_id": "iu-age-check-001",
    }
    for k, v in changes.items():
        if v is DEL:
            p.pop(k, None)
        else:
            p[k] = v
    return p


def with_claim(index, claim):
    """Credentials where the first credential's claim list is replaced by [claim]."""
    creds = json.loads(json.dumps(rc_payload()["credentials"]))
    creds[index]["claim"] = [claim]
    return creds


def cwt_claims(payload, int_keys=False):
    """The CWT claims set: the same text names, or integer keys 2/4/6/65535 for sub/exp/iat/status."""
    names = {"sub": 2, "exp": 4, "iat": 6, "status": 65535} if int_keys else {}
    return {names.get(k, k): v for k, v in payload.items()}


# ---------------------------------------------------------------------------------------------
# Status lists

def status_raw(bits, n, values):
    per = 8 // bits
    raw = bytearray((n + per - 1) // per)
    for i, v in values.items():
        raw[i // per] |= v << ((i % per) * bits)
    return bytes(raw)


SL_VALUES = {3: 0, 5: 1, 7: 2, 9: 3, 11: 0}


def sl_claims(lst, iat=T - DAY, exp=T + 30 * DAY, sub=SL_URI, bits=2):
    """exp=None leaves exp out (the token then lives iat + ttl)."""
    c = {"sub": sub, "iat": iat, "exp": exp, "ttl": 43200, "status_list": {"bits": bits, "lst": lst}}
    if exp is None:
        del c["exp"]
    return c


def sl_jwt(signer, lst, typ="statuslist+jwt", **kw):
    c = sl_claims(b64u(lst), **kw)
    header = {"alg": signer.alg, "typ": typ, "x5c": signer.x5c()}
    return jwt(header, c, signer)


def sl_cwt(signer, lst, typ="application/statuslist+cwt", **kw):
    c = sl_claims(lst, **kw)
    claims = {2: c["sub"], 6: c["iat"], 4: c.get("exp"), 65534: c["ttl"], 65533: c["status_list"]}
    if claims[4] is None:
        del claims[4]
    prot = {1: COSE_ALG[signer.alg], 16: typ, 33: x5chain(signer)}
    return cose_sign1(prot, {}, rc_cbor.dumps(claims), signer)


# ---------------------------------------------------------------------------------------------
# The vectors

class Manifest:
    def __init__(self):
        self.lines = []
        self.seen = set()

    def add(self, fname, codes, opts):
        if (fname, tuple(opts)) in self.seen:
            raise ValueError("duplicate manifest line for " + fname)
        self.seen.add((fname, tuple(opts)))
        text = ",".join(sorted(codes)) if codes else "none"
        self.lines.append("%s\t%s\t%s" % (fname, text, " ".join(opts)))

    def section(self, title):
        self.lines.append("# " + title)


def main():
    warnings.simplefilter("ignore")  # joserfc flags EdDSA (RFC 9864); the vectors use it on purpose
    pki = Pki()
    man = Manifest()
    S = pki.signer("rc_signer")

    # -- status list tokens
    lst = zlib.compress(status_raw(2, 1024, SL_VALUES), 9)
    lst_later = zlib.compress(status_raw(2, 1024, {**SL_VALUES, 3: 1}), 9)
    bomb = zlib.compress(bytes(100 * 1000 * 1000), 9)
    rogue = pki.signer("rogue_signer")
    expired_signer = pki.signer("rc_signer_expired")
    repeated = Signer(S.key, [S.chain[0], pki.rc_root[1], pki.rc_root[1]], "ES256")
    sl = {
        "sl-valid.jwt": sl_jwt(S, lst),
        "sl-valid.cwt": sl_cwt(S, lst),
        "sl-valid-typ-short.cwt": sl_cwt(S, lst, typ="statuslist+cwt"),
        "sl-later-revoked.jwt": sl_jwt(S, lst_later, iat=T - 3600),
        "sl-untrusted.jwt": sl_jwt(rogue, lst),
        "sl-untrusted.cwt": sl_cwt(rogue, lst),
        "sl-expired.jwt": sl_jwt(S, lst, iat=T - 40 * DAY, exp=T - 10 * DAY),
        "sl-expired.cwt": sl_cwt(S, lst, iat=T - 40 * DAY, exp=T - 10 * DAY),
        "sl-not-yet.jwt": sl_jwt(S, lst, iat=T + DAY, exp=T + 30 * DAY),
        "sl-ttl-current.jwt": sl_jwt(S, lst, iat=T - 3600, exp=None),
        "sl-ttl-passed.cwt": sl_cwt(S, lst, iat=T - 43200, exp=None),
        "sl-bad-typ.jwt": sl_jwt(S, lst, typ="JWT"),
        "sl-other-uri.jwt": sl_jwt(S, lst, sub="https://rc-provider.example/statuslists/2"),
        "sl-bomb.jwt": sl_jwt(S, bomb),
        "sl-bomb.cwt": sl_cwt(S, bomb),
        "sl-anchor-repeated.jwt": sl_jwt(repeated, lst),
        "sl-expired-signer.jwt": sl_jwt(expired_signer, lst),
    }
    for fname, token in sl.items():
        if fname.endswith(".jwt"):
            check_jwt(token, {"sl-untrusted.jwt": rogue, "sl-expired-signer.jwt": expired_signer}.get(fname, S))
        write(fname, token)

    ST = "status=sl-valid.jwt"
    AC = "ac=pki/ac-leaf.pem"
    REQ = "for_request=1"
    STD = [AC, REQ, ST]

    def jwt_rc(fname, codes, payload=None, signer=None, header=None, opts=None, sig_override=None,
               raw_payload=None, verify=True):
        signer = signer or S
        h = {"alg": signer.alg, "typ": "rc-wrp+jwt", "x5c": signer.x5c()}
        if header:
            for k, v in header.items():
                if v is DEL:
                    h.pop(k, None)
                else:
                    h[k] = v
        body = raw_payload if raw_payload is not None else (payload if payload is not None else rc_payload())
        token = jwt(h, body, signer, sig_override)
        if verify:
            check_jwt(token, signer)
        write(fname, token)
        man.add(fname, codes, STD if opts is None else opts)

    def cwt_rc(fname, codes, payload=None, signer=None, prot=None, unprot=None, wrap="18", opts=None,
               int_keys=False, raw_payload=None, sig_override=None, tamper=None):
        signer = signer or S
        p = {1: COSE_ALG[signer.alg], 16: "rc-wrp+cwt", 33: x5chain(signer)}
        if prot:
            for k, v in prot.items():
                if v is DEL:
                    p.pop(k, None)
                else:
                    p[k] = v
        claims = raw_payload if raw_payload is not None else rc_cbor.dumps(
            cwt_claims(payload if payload is not None else rc_payload(), int_keys))
        write(fname, cose_sign1(p, unprot or {}, claims, signer, wrap, sig_override, tamper))
        man.add(fname, codes, STD if opts is None else opts)

    def both(stem, codes, payload=None, opts=None, **kw):
        jwt_rc(stem + ".jwt", codes, payload, opts=opts, **kw)
        cwt_rc(stem + ".cwt", codes, payload, opts=opts, **kw)

    def again(stem, codes, opts):
        """The vectors stem.jwt and stem.cwt judged once more, with other options."""
        for ext in (".jwt", ".cwt"):
            man.add(stem + ext, codes, opts)

    man.section("valid registration certificates")
    both("valid", [])
    both("valid-with-root", [], signer=pki.signer("rc_signer", with_root=True))
    both("valid-anchor-repeated", [], signer=repeated)
    jwt_rc("valid-es384.jwt", [], signer=pki.signer("rc_signer_p384", "ES384"))
    jwt_rc("valid-rs256.jwt", [], signer=pki.signer("rc_signer_rsa", "RS256"))
    both("valid-eddsa", [], signer=pki.signer("rc_signer_ed", "EdDSA"))
    cwt_rc("valid-es384.cwt", [], signer=pki.signer("rc_signer_p384", "ES384"))
    cwt_rc("valid-tag61.cwt", [], wrap="61")
    cwt_rc("valid-untagged.cwt", [], wrap="none")
    cwt_rc("valid-typ-application.cwt", [], prot={16: "application/rc-wrp+cwt"})
    cwt_rc("valid-x5chain-unprotected.cwt", [], prot={33: DEL}, unprot={33: x5chain(S)})
    cwt_rc("valid-int-keys.cwt", [], int_keys=True)
    cwt_rc("valid-iat-tag1.cwt", [], rc_payload(iat=Tag(1, T - 30 * DAY)))
    again("valid", [], [AC, REQ, "status=sl-valid.cwt"])
    again("valid", [], [AC, REQ, "status=sl-valid-typ-short.cwt"])
    again("valid", [], [REQ, ST])
    again("valid", [], [ST])
    again("valid", [], [AC, REQ, "revocation=0"])
    # an anchor may be the signing certificate itself (the status list token shares the signer)
    again("valid", [], [AC, REQ, ST, "rc_anchors=pki/rc-signer.pem"])
    both("valid-no-exp", [], rc_payload(exp=DEL))
    both("valid-exp-next-second", [], rc_payload(exp=T + 1))
    both("valid-iat-now", [], rc_payload(iat=T))
    jwt_rc("valid-jades-sigt.jwt", [], header={"crit": ["sigT"], "sigT": "2026-12-01T00:00:00Z"})

    man.section("accepted spellings")
    both("quirk-idx-string", [], rc_payload(status={"status_list": {"idx": "3", "uri": SL_URI}}))
    both("quirk-policy-id-string", [], rc_payload(policy_id="0.4.0.19475.3.1"))
    both("quirk-policy-id-several", [], rc_payload(policy_id=["1.2.3.4", "0.4.0.19475.3.1"]))
    claims_creds = json.loads(json.dumps(rc_payload()["credentials"]))
    for c in claims_creds:
        c["claims"] = c.pop("claim")
    both("quirk-claims-plural", [], rc_payload(credentials=claims_creds))
    both("quirk-srv-description-flat", [],
         rc_payload(srv_description=[{"lang": "en", "value": "Online shop"},
                                     {"lang": "nl", "value": "Webwinkel"}]))
    both("quirk-srv-description-nested", [],
         rc_payload(srv_description=[[{"lang": "en", "value": "Online shop"}],
                                     [{"lang": "nl", "value": "Webwinkel"}]]))
    both("quirk-content-not-value", [],
         rc_payload(srv_description=[{"lang": "en", "content": "Online shop"}],
                    purpose=[{"lang": "en", "content": "Age check"}]))
    both("quirk-entitlement-oid", [], rc_payload(entitlements=["0.4.0.19475.1.1"]))
    both("quirk-no-claim-list", [],
         rc_payload(credentials=[{"format": "dc+sd-jwt", "meta": {"vct_values": ["urn:eudi:pid:1"]}}]))
    both("quirk-natural-person", [],
         rc_payload(sub_ln=DEL, sub_gn="Jan", sub_fn="Jansen", sub=SERIAL_ID, name="Jan Jansen"),
         opts=["ac=pki/ac-leaf-serial.pem", REQ, ST])

    man.section("RC_TYP")
    jwt_rc("typ-jwt.jwt", ["RC_TYP"], header={"typ": "JWT"})
    jwt_rc("typ-absent.jwt", ["RC_TYP"], header={"typ": DEL})
    jwt_rc("typ-cwt-name.jwt", ["RC_TYP"], header={"typ": "rc-wrp+cwt"})
    cwt_rc("typ-jwt-name.cwt", ["RC_TYP"], prot={16: "rc-wrp+jwt"})
    cwt_rc("typ-absent.cwt", ["RC_TYP"], prot={16: DEL})
    cwt_rc("typ-unprotected-only.cwt", ["RC_TYP"], prot={16: DEL}, unprot={16: "rc-wrp+cwt"})
    cwt_rc("typ-content-format.cwt", ["RC_TYP"], prot={16: 61})
    cwt_rc("typ-alg-unprotected.cwt", ["RC_TYP", "RC_ALG", "RC_SIGNATURE"], prot={1: DEL, 16: DEL},
           unprot={1: -7, 16: "rc-wrp+cwt"}, sig_override=b"\x00" * 64)

    man.section("RC_ALG (an unusable alg also leaves the signature unverified)")
    jwt_rc("alg-none.jwt", ["RC_ALG", "RC_SIGNATURE"], header={"alg": "none"}, sig_override=b"",
           verify=False)
    hs_header = {"alg": "HS256", "typ": "rc-wrp+jwt", "x5c": S.x5c()}
    hs_input = (b64u(json.dumps(hs_header, separators=(",", ":")).encode()) + "." +
                b64u(json.dumps(rc_payload(), separators=(",", ":")).encode())).encode()
    hs_sig = hmac.new(b"a shared secret known to the attacker", hs_input, hashlib.sha256).digest()
    jwt_rc("alg-hs256.jwt", ["RC_ALG", "RC_SIGNATURE"], header={"alg": "HS256"}, sig_override=hs_sig,
           verify=False)
    jwt_rc("alg-absent.jwt", ["RC_ALG", "RC_SIGNATURE"], header={"alg": DEL}, verify=False)
    jwt_rc("alg-lowercase.jwt", ["RC_ALG", "RC_SIGNATURE"], header={"alg": "es256"}, verify=False)
    cwt_rc("alg-hmac.cwt", ["RC_ALG", "RC_SIGNATURE"], prot={1: 5},
           sig_override=hmac.new(b"secret", b"x", hashlib.sha256).digest())
    cwt_rc("alg-absent.cwt", ["RC_ALG", "RC_SIGNATURE"], prot={1: DEL}, sig_override=b"\x00" * 64)
    cwt_rc("alg-unprotected.cwt", ["RC_ALG", "RC_SIGNATURE"], prot={1: DEL}, unprot={1: -7},
           sig_override=b"\x00" * 64)

    man.section("RC_SIGNATURE")
    good = jwt({"alg": "ES256", "typ": "rc-wrp+jwt", "x5c": S.x5c()}, rc_payload(), S)
    h, p, s = good.split(".")
    sig = bytearray(base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)))
    sig[10] ^= 0x01
    write("sig-flipped.jwt", h + "." + p + "." + b64u(bytes(sig)))
    man.add("sig-flipped.jwt", ["RC_SIGNATURE"], STD)
    wider = rc_payload(credentials=[{"format": "dc+sd-jwt", "meta": {"vct_values": ["urn:eudi:pid:1"]}}])
    forged = b64u(json.dumps(wider, separators=(",", ":")).encode())
    write("sig-payload-swapped.jwt", h + "." + forged + "." + s)
    man.add("sig-payload-swapped.jwt", ["RC_SIGNATURE"], STD)
    jwt_rc("sig-empty.jwt", ["RC_SIGNATURE"], sig_override=b"", verify=False)
    jwt_rc("sig-der-ecdsa.jwt", ["RC_SIGNATURE"], verify=False,
           sig_override=S.key.sign(b"whatever", ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
    jwt_rc("sig-crit-unknown.jwt", ["RC_SIGNATURE"], header={"crit": ["exp"], "exp": T + DAY}, verify=False)
    cwt_rc("sig-flipped.cwt", ["RC_SIGNATURE"], tamper=lambda b: b[:-1] + bytes([b[-1] ^ 1]))
    cwt_rc("sig-empty.cwt", ["RC_SIGNATURE"], sig_override=b"")
    cwt_rc("sig-crit-unknown.cwt", ["RC_SIGNATURE"], prot={2: [99], 99: "x"})
    both("sig-by-access-certificate", ["RC_UNTRUSTED"], signer=pki.signer("ac_leaf"))
    jwt_rc("sig-no-x5c.jwt", ["RC_SIGNATURE", "RC_UNTRUSTED"], header={"x5c": DEL}, verify=False)
    cwt_rc("sig-no-x5chain.cwt", ["RC_SIGNATURE", "RC_UNTRUSTED"], prot={33: DEL})
    jwt_rc("sig-x5c-not-base64.jwt", ["RC_SIGNATURE", "RC_UNTRUSTED"], header={"x5c": ["not base64!"]},
           verify=False)
    long_chain = Signer(S.key, [S.chain[0]] + [pki.rc_root[1]] * 10, "ES256")
    both("sig-chain-too-long", ["RC_SIGNATURE", "RC_UNTRUSTED"], signer=long_chain)
    jwt_rc("sig-x5c-other-cert-first.jwt", ["RC_SIGNATURE"],
           header={"x5c": [pki.signer("rc_signer_p384").x5c()[0], S.x5c()[0]]}, verify=False)

    man.section("RC_UNTRUSTED")
    both("untrusted-rogue-root", ["RC_UNTRUSTED"], signer=pki.signer("rogue_signer"))
    both("untrusted-rogue-with-root", ["RC_UNTRUSTED"], signer=pki.signer("rogue_signer", with_root=True))
    both("untrusted-signer-expired", ["RC_UNTRUSTED"], signer=pki.signer("rc_signer_expired"))
    # the status list token is signed by the same provider: no longer trusted either
    again("valid", ["RC_UNTRUSTED", "RC_STATUS_UNKNOWN"], [AC, REQ, ST, "rc_anchors=pki/ac-root.pem"])

    man.section("RC_EXPIRED")
    both("expired-exp-passed", ["RC_EXPIRED"], rc_payload(exp=T - DAY))
    both("expired-exp-now", ["RC_EXPIRED"], rc_payload(exp=T))
    both("expired-iat-future", ["RC_EXPIRED"], rc_payload(iat=T + 1, exp=T + 200 * DAY))
    again("valid", ["RC_EXPIRED"], [AC, REQ, "revocation=0", "time=%d" % (T + 301 * DAY)])

    man.section("RC_POLICY")
    both("policy-other-oid", ["RC_POLICY"], rc_payload(policy_id=["1.2.3.4"]))
    both("policy-prefix-only", ["RC_POLICY"], rc_payload(policy_id=["0.4.0.19475.3.10"]))

    man.section("RC_ENTITLEMENT (only for a request)")
    qeaa = ["https://uri.etsi.org/19475/Entitlement/QEAA_Provider"]
    both("entitlement-provider-only", ["RC_ENTITLEMENT"], rc_payload(entitlements=qeaa))
    again("entitlement-provider-only", [], [AC, ST])
    both("entitlement-case-differs", ["RC_ENTITLEMENT"],
         rc_payload(entitlements=["https://uri.etsi.org/19475/entitlement/service_provider"]))

    man.section("RC_SUBJECT_MISMATCH")
    both("subject-other", ["RC_SUBJECT_MISMATCH"], rc_payload(sub="LEIXG-000000000000000000XX"))
    # contract v1.1: an intermediated certificate binds to the intermediary, who signs with its own
    # access certificate; the served party's own one does not sign for it
    both("subject-intermediary", [],
         rc_payload(sub="NTRNL-12345678", intermediary={"sub": LEI, "sname": "Example Shop B.V."}))
    both("subject-intermediary-served-signs", ["RC_SUBJECT_MISMATCH"],
         rc_payload(intermediary={"sub": "NTRNL-12345678", "sname": "Example Platform B.V."}))
    both("subject-case-differs", ["RC_SUBJECT_MISMATCH"], rc_payload(sub=LEI.lower()))
    again("valid", ["RC_SUBJECT_MISMATCH"], ["ac=pki/ac-leaf-serial.pem", REQ, ST])

    man.section("access certificate with the registration certificate")
    again("valid", [], ["ac=pki/ac-leaf-crl.pem", REQ, ST, "crl=pki/crl-good.pem"])
    again("valid", ["AC_REVOKED"], ["ac=pki/ac-leaf-crl.pem", REQ, ST, "crl=pki/crl-revoked.pem"])
    again("valid", ["AC_REVOCATION_UNKNOWN"], ["ac=pki/ac-leaf-crl.pem", REQ, ST, "crl=pki/crl-expired.pem"])
    again("valid", ["AC_REVOCATION_UNKNOWN"], ["ac=pki/ac-leaf-crl.pem", REQ, ST, "crl=pki/crl-rogue.pem"])
    again("valid", ["AC_REVOCATION_UNKNOWN"], ["ac=pki/ac-leaf-crl.pem", REQ, ST])
    # a distribution point without a URI still asks for a CRL
    again("valid", ["AC_REVOCATION_UNKNOWN"], ["ac=pki/ac-leaf-crl-dirname.pem", REQ, ST])
    again("valid", [], ["ac=pki/ac-leaf-crl-dirname.pem", REQ, ST, "crl=pki/crl-good.pem"])
    again("valid", [], ["ac=pki/ac-leaf-crl.pem", REQ, "revocation=0"])
    again("valid", ["AC_REVOKED"], ["ac=pki/ac-leaf-crl.pem", REQ, ST, "crl=pki/crl-good.pem,pki/crl-revoked.pem"])
    again("valid", ["AC_UNTRUSTED"], ["ac=pki/ac-leaf-rogue.pem", REQ, ST])
    again("valid", ["AC_EXPIRED"], ["ac=pki/ac-leaf-expired.pem", REQ, ST])
    again("valid", ["AC_PROFILE"], ["ac=pki/ac-leaf-noid.pem", REQ, ST])
    again("quirk-natural-person", ["AC_POLICY"], ["ac=pki/ac-leaf-serial.pem", REQ, ST, "require_ac_policy=1"])
    again("valid", [], [AC, REQ, ST, "require_ac_policy=1"])

    man.section("RC_MALFORMED")
    both("malformed-no-name", ["RC_MALFORMED"], rc_payload(name=DEL))
    both("malformed-no-sub", ["RC_MALFORMED", "RC_SUBJECT_MISMATCH"], rc_payload(sub=DEL))
    both("malformed-no-subject-name", ["RC_MALFORMED"], rc_payload(sub_ln=DEL))
    both("malformed-no-policy-id", ["RC_MALFORMED", "RC_POLICY"], rc_payload(policy_id=DEL))
    both("malformed-no-entitlements", ["RC_MALFORMED", "RC_ENTITLEMENT"], rc_payload(entitlements=DEL))
    both("malformed-no-iat", ["RC_MALFORMED"], rc_payload(iat=DEL))
    both("malformed-no-supervisory-authority", ["RC_MALFORMED"], rc_payload(supervisory_authority=DEL))
    both("malformed-iat-string", ["RC_MALFORMED"], rc_payload(iat=str(T - DAY)))
    both("malformed-iat-fraction", ["RC_MALFORMED"], rc_payload(iat=T - DAY + 0.5))
    both("malformed-exp-string", ["RC_MALFORMED"], rc_payload(exp="never"))
    both("malformed-name-number", ["RC_MALFORMED"], rc_payload(name=42))
    both("malformed-entitlements-string", ["RC_MALFORMED", "RC_ENTITLEMENT"], rc_payload(entitlements=SP_URI))
    both("malformed-entitlements-empty", ["RC_MALFORMED", "RC_ENTITLEMENT"], rc_payload(entitlements=[]))
    both("malformed-policy-id-number", ["RC_MALFORMED", "RC_POLICY"], rc_payload(policy_id=[0.4]))
    both("malformed-policy-id-empty", ["RC_MALFORMED", "RC_POLICY"], rc_payload(policy_id=[]))
    both("malformed-policy-id-object", ["RC_MALFORMED", "RC_POLICY"],
         rc_payload(policy_id={"id": "0.4.0.19475.3.1"}))
    both("malformed-entitlements-mixed", ["RC_MALFORMED"], rc_payload(entitlements=[SP_URI, 7]))
    both("malformed-srv-description-string", ["RC_MALFORMED"], rc_payload(srv_description="Online shop"))
    both("malformed-srv-description-no-lang", ["RC_MALFORMED"],
         rc_payload(srv_description=[{"value": "Online shop"}]))
    both("malformed-supervisory-authority-string", ["RC_MALFORMED"],
         rc_payload(supervisory_authority="https://dpa.example.nl"))
    both("malformed-path-negative-index", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(0, {"path": ["nationalities", -1]})))
    both("malformed-path-float", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(0, {"path": ["nationalities", 1.5]})))
    both("malformed-path-empty", ["RC_MALFORMED"], rc_payload(credentials=with_claim(0, {"path": []})))
    both("malformed-path-boolean", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(0, {"path": ["nationalities", True]})))
    both("malformed-path-string", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(0, {"path": "age_over_18"})))
    both("malformed-mdoc-path-three", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(1, {"path": ["eu.europa.ec.eudi.pid.1", "age_over_18", "x"]})))
    both("malformed-mdoc-path-null", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(1, {"path": ["eu.europa.ec.eudi.pid.1", None]})))
    both("malformed-values-float", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(1, {"path": ["eu.europa.ec.eudi.pid.1", "age_in_years"],
                                               "values": [18, 18.5]})))
    both("malformed-values-empty", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(0, {"path": ["address", "country"], "values": []})))
    both("malformed-values-null", ["RC_MALFORMED"],
         rc_payload(credentials=with_claim(0, {"path": ["address", "country"], "values": [None]})))
    both("malformed-claim-and-claims", ["RC_MALFORMED"],
         rc_payload(credentials=[{"format": "dc+sd-jwt", "meta": {"vct_values": ["urn:eudi:pid:1"]},
                                  "claim": [{"path": ["a"]}], "claims": [{"path": ["b"]}]}]))
    both("malformed-meta-missing-type", ["RC_MALFORMED"],
         rc_payload(credentials=[{"format": "mso_mdoc", "meta": {}}]))
    both("malformed-credentials-object", ["RC_MALFORMED"],
         rc_payload(credentials={"format": "dc+sd-jwt"}))
    jwt_rc("malformed-payload-array.jwt", ["RC_MALFORMED"], raw_payload=b"[1,2,3]")
    jwt_rc("malformed-payload-not-json.jwt", ["RC_MALFORMED"], raw_payload=b"name=Example Shop")
    jwt_rc("malformed-payload-duplicate-name.jwt", ["RC_MALFORMED"],
           raw_payload=json.dumps(rc_payload(), separators=(",", ":"))[:-1].encode() + b',"sub":"X"}')
    write("malformed-not-a-token.jwt", "this is not a registration certificate")
    man.add("malformed-not-a-token.jwt", ["RC_MALFORMED"], STD)
    write("malformed-two-parts.jwt", good.rsplit(".", 1)[0])
    man.add("malformed-two-parts.jwt", ["RC_MALFORMED"], STD)
    cwt_rc("malformed-payload-array.cwt", ["RC_MALFORMED"], raw_payload=rc_cbor.dumps([1, 2, 3]))
    cwt_rc("malformed-payload-trailing-byte.cwt", ["RC_MALFORMED"],
           raw_payload=rc_cbor.dumps(cwt_claims(rc_payload())) + b"\x00")
    cwt_rc("malformed-sub-twice.cwt", ["RC_MALFORMED"],
           raw_payload=rc_cbor.dumps({**cwt_claims(rc_payload()), 2: LEI}))
    cwt_rc("malformed-idx-beyond-2p53.cwt", ["RC_MALFORMED"],
           rc_payload(status={"status_list": {"idx": 2 ** 64 - 1, "uri": SL_URI}}))
    cwt_rc("malformed-byte-string-claim.cwt", ["RC_MALFORMED"], rc_payload(name=b"Example Shop"))
    sign1 = rc_cbor.dumps([rc_cbor.dumps({1: -7, 16: "rc-wrp+cwt", 33: der(S.chain[0])}), {},
                           rc_cbor.dumps(rc_payload()), b"\x00" * 64])
    write("malformed-tag61-without-18.cwt", rc_cbor.dumps(Tag(61, rc_cbor.Raw(sign1))))
    man.add("malformed-tag61-without-18.cwt", ["RC_MALFORMED"], STD)
    write("malformed-truncated.cwt", rc_cbor.dumps(Tag(18, rc_cbor.Raw(sign1)))[:-10])
    man.add("malformed-truncated.cwt", ["RC_MALFORMED"], STD)
    cwt_rc("malformed-typ-both-headers.cwt", ["RC_MALFORMED"], unprot={16: "rc-wrp+cwt"})
    write("malformed-huge-array.cwt", bytes.fromhex("d2849b00000000ffffffff"))
    man.add("malformed-huge-array.cwt", ["RC_MALFORMED"], STD)

    man.section("RC_REVOKED")
    both("revoked-invalid", ["RC_REVOKED"], rc_payload(status={"status_list": {"idx": 5, "uri": SL_URI}}))
    both("revoked-suspended", ["RC_REVOKED"], rc_payload(status={"status_list": {"idx": 7, "uri": SL_URI}}))
    again("revoked-invalid", ["RC_REVOKED"], [AC, REQ, "status=sl-valid.cwt"])
    again("valid", ["RC_REVOKED"], [AC, REQ, "status=sl-valid.jwt,sl-later-revoked.jwt"])
    again("revoked-invalid", [], [AC, REQ, ST, "revocation=0"])

    man.section("RC_STATUS_UNKNOWN")
    both("status-no-claim", ["RC_STATUS_UNKNOWN"], rc_payload(status=DEL))
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-other-uri.jwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-untrusted.jwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-untrusted.cwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-expired.jwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-expired.cwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-not-yet.jwt"])
    # without exp a token lives iat + ttl
    again("valid", [], [AC, REQ, "status=sl-ttl-current.jwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-ttl-passed.cwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-bad-typ.jwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-expired-signer.jwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-bomb.jwt"])
    again("valid", ["RC_STATUS_UNKNOWN"], [AC, REQ, "status=sl-bomb.cwt"])
    again("valid", [], [AC, REQ, "status=sl-anchor-repeated.jwt"])
    again("valid", [], [AC, REQ, "status=sl-untrusted.jwt,sl-valid.jwt"])
    both("status-value-3", ["RC_STATUS_UNKNOWN"], rc_payload(status={"status_list": {"idx": 9, "uri": SL_URI}}))
    both("status-idx-last", [], rc_payload(status={"status_list": {"idx": 1023, "uri": SL_URI}}))
    both("status-idx-past-end", ["RC_STATUS_UNKNOWN"],
         rc_payload(status={"status_list": {"idx": 1024, "uri": SL_URI}}))
    both("status-idx-huge", ["RC_STATUS_UNKNOWN"],
         rc_payload(status={"status_list": {"idx": 2 ** 53 - 1, "uri": SL_URI}}))
    both("status-idx-negative", ["RC_MALFORMED", "RC_STATUS_UNKNOWN"],
         rc_payload(status={"status_list": {"idx": -1, "uri": SL_URI}}))
    both("status-idx-fraction", ["RC_MALFORMED", "RC_STATUS_UNKNOWN"],
         rc_payload(status={"status_list": {"idx": 3.5, "uri": SL_URI}}))
    both("status-idx-negative-string", ["RC_MALFORMED", "RC_STATUS_UNKNOWN"],
         rc_payload(status={"status_list": {"idx": "-3", "uri": SL_URI}}))
    both("status-idx-long-string", ["RC_MALFORMED", "RC_STATUS_UNKNOWN"],
         rc_payload(status={"status_list": {"idx": "18446744073709551616", "uri": SL_URI}}))
    both("status-no-uri", ["RC_MALFORMED", "RC_STATUS_UNKNOWN"],
         rc_payload(status={"status_list": {"idx": 3}}))
    both("status-not-object", ["RC_MALFORMED", "RC_STATUS_UNKNOWN"], rc_payload(status="valid"))

    write("manifest.tsv", "# file\texpected codes\toptions (see README.md)\n" + "\n".join(man.lines) + "\n")
    print("wrote %d manifest lines and %d status list tokens to %s" % (len(man.seen), len(sl), OUT))


if __name__ == "__main__":
    main()
