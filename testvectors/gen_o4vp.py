#!/usr/bin/env python3
"""Generates the OpenID4VP request vectors in testvectors/o4vp/ and their manifest.

Requests are signed with the foundation PKI (testvectors/pki/: ac-leaf, dNSName rp.example.com,
organizationIdentifier LEIXG-529900T8BM49AURSDO55, under ac-int and ac-root) and carry the
registration certificate testvectors/rc/valid.jwt. The few certificates this file needs beyond
that (odd subjectAltNames) are made once in o4vp/pki/ and reused. Signatures are deterministic
(RFC 6979 ECDSA, Ed25519, PKCS#1 v1.5), so a re-run writes identical files. Every vector whose
signature should verify is verified again with joserfc before it is written.

Usage: python3 testvectors/gen_o4vp.py   (reads testvectors/interop/openid4vp/ for the spec examples)
"""

import base64
import datetime
import hashlib
import json
import os
import sys
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from joserfc import jws as jose_jws
from joserfc.jwk import ECKey, OKPKey, RSAKey
from joserfc.registry import HeaderParameter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen import sign  # noqa: E402  (the foundation's deterministic JOSE signer)

REPO = os.path.dirname(HERE)
OUT = os.path.join(HERE, "o4vp")
FPKI = os.path.join(HERE, "pki")
OPKI = os.path.join(OUT, "pki")
SPEC = os.path.join(REPO, "testvectors", "interop", "openid4vp", "spec-examples")

T = 1798761600  # 2027-01-01T00:00:00Z
RP = "rp.example.com"
TYP = "oauth-authz-req+jwt"
TX_TYPE = "urn:wrpcheck:example:payment"
ORIGIN = "https://rp.example.com"


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64(data):
    return base64.b64encode(data).decode("ascii")


def jdump(obj):
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def load_key(name):
    return serialization.load_pem_private_key(read(os.path.join(FPKI, name + ".key")), None)


def load_cert(path):
    return x509.load_pem_x509_certificate(read(path))


def der(cert):
    return cert.public_bytes(serialization.Encoding.DER)


# ---------------------------------------------------------------------------------------------
# PKI

LEAF_KEY = load_key("ac-leaf")
LEAF = load_cert(os.path.join(FPKI, "ac-leaf.pem"))
INT = load_cert(os.path.join(FPKI, "ac-int.pem"))
INT_KEY = load_key("ac-int")
OTHER_KEY = load_key("other-root")


def odd_san_cert(fname, dns_names, serial):
    """ac-leaf's subject and key under ac-int, with the given dNSNames (made once, then reused)."""
    path = os.path.join(OPKI, fname + ".pem")
    if os.path.exists(path):
        return load_cert(path)
    b = (x509.CertificateBuilder()
         .subject_name(LEAF.subject)
         .issuer_name(INT.subject)
         .public_key(LEAF_KEY.public_key())
         .serial_number(serial)
         .not_valid_before(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
         .not_valid_after(datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc))
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
         .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in dns_names]),
                        critical=False))
    from cryptography.hazmat.primitives import hashes
    cert = b.sign(INT_KEY, hashes.SHA256(), ecdsa_deterministic=True)
    os.makedirs(OPKI, exist_ok=True)
    with open(path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return cert


class Signer:
    """A key and the x5c sent with it: certificates, or DER bytes sent as they are (then key_cert
    is the certificate whose public key checks the signature)."""

    def __init__(self, key, chain, alg="ES256", key_cert=None):
        self.key, self.chain, self.alg = key, chain, alg
        self.key_cert = key_cert or chain[0]

    def x5c(self):
        return [b64(c if isinstance(c, bytes) else der(c)) for c in self.chain]

    def public(self):
        pub = self.key_cert.public_key()
        pem = pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        if isinstance(pub, ec.EllipticCurvePublicKey):
            return ECKey.import_key(pem)
        if isinstance(pub, rsa.RSAPublicKey):
            return RSAKey.import_key(pem)
        return OKPKey.import_key(pem)


LEAF_SIGNER = Signer(LEAF_KEY, [LEAF])


def leaf_of(kind, alg):
    return Signer(load_key("leaf-" + kind), [load_cert(os.path.join(FPKI, "ac-leaf-%s.pem" % kind))], alg)


def non_minimal_length(d):
    """The same certificate with its outer SEQUENCE length in a non-minimal long form (0x83 00 LL LL
    instead of 0x82 LL LL): OpenSSL reads it, and re-encodes it canonically."""
    assert d[0] == 0x30 and d[1] == 0x82
    return bytes([0x30, 0x83, 0x00]) + d[2:]


def standard_alphabet(payload):
    """The payload in the standard base64 alphabet, unpadded, holding at least one '+' or '/'."""
    for n in range(3):
        text = base64.b64encode(jdump(dict(payload, x="?" * n + "??>>>"))).decode("ascii").rstrip("=")
        if "+" in text or "/" in text:
            return text
    raise AssertionError("no + or / in the encoding")


def x509_hash(cert_der):
    return b64u(hashlib.sha256(cert_der).digest())


# ---------------------------------------------------------------------------------------------
# Requests

RC_JWT = read(os.path.join(HERE, "rc", "valid.jwt")).decode("ascii").strip()
RC_CWT = read(os.path.join(HERE, "rc", "valid.cwt"))

DCQL = {
    "credentials": [
        {
            "id": "pid",
            "format": "dc+sd-jwt",
            "meta": {"vct_values": ["urn:eudi:pid:1"]},
            "claims": [{"path": ["age_over_18"]}, {"path": ["address", "country"]}],
        },
        {
            "id": "pid_mdoc",
            "format": "mso_mdoc",
            "meta": {"doctype_value": "eu.europa.ec.eudi.pid.1"},
            "claims": [{"path": ["eu.europa.ec.eudi.pid.1", "age_over_18"], "intent_to_retain": False}],
        },
    ],
    "credential_sets": [{"options": [["pid"], ["pid_mdoc"]]}],
}

CLIENT_METADATA = {
    "jwks": {"keys": [{
        "kty": "EC", "crv": "P-256", "use": "enc", "kid": "1", "alg": "ECDH-ES",
        "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
        "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
    }]},
    "vp_formats_supported": {"dc+sd-jwt": {"sd-jwt_alg_values": ["ES256"], "kb-jwt_alg_values": ["ES256"]},
                             "mso_mdoc": {}},
}

DEL = object()


def params(**changes):
    p = {
        "client_id": "x509_san_dns:" + RP,
        "response_type": "vp_token",
        "response_mode": "direct_post",
        "response_uri": "https://rp.example.com/openid4vp/response",
        "nonce": "n-0S6_WzA2Mj",
        "state": "eyJhb.6_sVA-x~1",
        "dcql_query": DCQL,
        "client_metadata": CLIENT_METADATA,
        "verifier_info": [{"format": "registration_cert", "data": RC_JWT}],
        "aud": "https://self-issued.me/v2",
        "iat": T - 60,
    }
    for k, v in changes.items():
        if v is DEL:
            p.pop(k, None)
        else:
            p[k] = v
    return p


def dc_api(**changes):
    base = dict(response_mode="dc_api", response_uri=DEL, state=DEL, aud=DEL,
                expected_origins=[ORIGIN, "https://www.rp.example.com"])
    base.update(changes)
    return params(**base)


def header(signer, **changes):
    h = {"alg": signer.alg if signer else "ES256", "typ": TYP}
    if signer is not None:
        h["x5c"] = signer.x5c()
    for k, v in changes.items():
        if v is DEL:
            h.pop(k, None)
        else:
            h[k] = v
    return h


def compact(h, payload, signer, alg=None, sig=None):
    """h, payload: dicts (serialized compactly) or bytes. sig: bytes replacing the signature."""
    hb = h if isinstance(h, bytes) else jdump(h)
    pb = payload if isinstance(payload, bytes) else jdump(payload)
    signing_input = (b64u(hb) + "." + b64u(pb)).encode("ascii")
    if sig is None:
        sig = sign(alg or signer.alg, signer.key, signing_input)
    return signing_input.decode("ascii") + "." + b64u(sig)


def verify_with_joserfc(token, signer):
    sigt = {"sigT": HeaderParameter("JAdES claimed signing time", "str")}
    registry = jose_jws.JWSRegistry(header_registry=sigt, algorithms=[signer.alg],
                                    strict_check_header=False)
    registry.max_header_length = 64 * 1024
    registry.max_payload_length = 4 * 1024 * 1024
    jose_jws.deserialize_compact(token, signer.public(), registry=registry)


class Vectors:
    def __init__(self):
        self.files = {}
        self.lines = []

    def comment(self, text):
        self.lines.append("# " + text)

    def add(self, name, data, codes, verify=None, **opts):
        """verify: a Signer whose key the data's signature must verify with (checked now)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if verify is not None:
            text = data.decode("ascii").strip()
            if text.startswith("{"):
                text = json.loads(text)["request"]
            verify_with_joserfc(text, verify)
        assert name not in self.files or self.files[name] == data, name
        self.files[name] = data
        cols = " ".join("%s=%s" % (k, v) for k, v in opts.items())
        self.lines.append("\t".join([name, codes, cols]))

    def signed(self, name, codes, payload=None, signer=LEAF_SIGNER, hdr=None, verify=True, **opts):
        """A Request Object signed by signer (its signature checked with joserfc unless the header
        is one joserfc refuses to read)."""
        payload = params() if payload is None else payload
        hdr = header(signer) if hdr is None else hdr
        self.add(name, compact(hdr, payload, signer), codes, verify=signer if verify else None, **opts)

    def write(self):
        os.makedirs(OUT, exist_ok=True)
        for name, data in self.files.items():
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(data)
        with open(os.path.join(OUT, "manifest.tsv"), "w") as f:
            f.write("# file\texpected codes\toptions (see README.md)\n")
            f.write("\n".join(self.lines) + "\n")


def spec_example(rel, dcql=None):
    """A spec example with its "{...}" placeholder replaced by a DCQL query."""
    text = read(os.path.join(SPEC, rel)).decode("utf-8")
    if dcql is not None:
        for placeholder in ("{...}", "{ ... }"):
            text = text.replace(placeholder, json.dumps(dcql))
    return json.loads(text)


# ---------------------------------------------------------------------------------------------
# The vectors

def build():
    v = Vectors()
    s = LEAF_SIGNER
    leaf_hash = x509_hash(der(LEAF))

    v.comment("valid Request Objects: authenticated, nothing to say")
    v.signed("valid-san-dns.jwt", "none", auth=1, n_rc=1, rc="testvectors/rc/valid.jwt")
    v.signed("valid-hash.jwt", "none", params(client_id="x509_hash:" + leaf_hash), auth=1, n_rc=1)
    v.signed("valid-with-intermediate.jwt", "none", signer=Signer(LEAF_KEY, [LEAF, INT]), auth=1, n_rc=1)
    v.signed("valid-direct-post-jwt.jwt", "none", params(response_mode="direct_post.jwt"), auth=1, n_rc=1)
    v.signed("valid-fragment.jwt", "none",
             params(response_mode="fragment", response_uri=DEL, redirect_uri="https://rp.example.com/cb"),
             auth=1, n_rc=1)
    v.signed("valid-no-state.jwt", "none", params(state=DEL), auth=1, n_rc=1)
    v.signed("valid-no-verifier-info.jwt", "none", params(verifier_info=DEL), auth=1)
    v.signed("valid-iss-ignored.jwt", "none", params(iss="https://somebody-else.example"), auth=1, n_rc=1)
    v.signed("valid-unknown-members.jwt", "none",
             params(wallet_nonce="abc", x_future={"a": [1, 2]}, request_uri_method="post"), auth=1, n_rc=1)
    v.signed("valid-port-in-response-uri.jwt", "none",
             params(response_uri="https://rp.example.com:8443/response?x=1#f"), auth=1, n_rc=1)
    v.signed("valid-uppercase-client-id.jwt", "none", params(client_id="x509_san_dns:RP.Example.COM"),
             auth=1, n_rc=1)
    v.signed("valid-uppercase-response-uri-host.jwt", "none",
             params(response_uri="https://RP.EXAMPLE.COM/openid4vp/response"), auth=1, n_rc=1)
    v.signed("valid-crit-sigt.jwt", "none", hdr=header(s, crit=["sigT"], sigT="2026-12-31T23:59:00Z"),
             auth=1, n_rc=1)
    v.signed("valid-es384.jwt", "none", signer=leaf_of("p384", "ES384"), auth=1, n_rc=1)
    v.signed("valid-eddsa.jwt", "none", signer=leaf_of("ed25519", "EdDSA"), auth=1, n_rc=1)
    v.signed("valid-rs256.jwt", "none", signer=leaf_of("rsa2048", "RS256"), auth=1, n_rc=1)
    multi = Signer(LEAF_KEY, [load_cert(os.path.join(FPKI, "ac-leaf-multi.pem"))])
    v.signed("valid-second-san.jwt", "none",
             params(client_id="x509_san_dns:www.rp.example.com",
                    response_uri="https://www.rp.example.com/response"), signer=multi, auth=1, n_rc=1)
    v.add("valid-surrounding-whitespace.jwt", "\r\n\t " + compact(header(s), params(), s) + " \n",
          "none", verify=s, auth=1, n_rc=1)
    v.signed("valid-client-id-outside.jwt", "none", auth=1, n_rc=1, client_id="x509_san_dns:" + RP)

    v.comment("registration certificates in verifier_info")
    v.signed("rc-base64url-jwt.jwt", "none",
             params(verifier_info=[{"format": "registration_cert", "data": b64u(RC_JWT.encode())}]),
             auth=1, n_rc=1, rc="testvectors/rc/valid.jwt")
    v.signed("rc-base64url-cwt.jwt", "none",
             params(verifier_info=[{"format": "registration_cert", "data": b64u(RC_CWT)}]),
             auth=1, n_rc=1, rc="testvectors/rc/valid.cwt")
    v.signed("rc-two.jwt", "RC_MULTIPLE",
             params(verifier_info=[{"format": "registration_cert", "data": RC_JWT},
                                   {"format": "registration_cert", "data": b64u(RC_CWT)}]),
             auth=1, n_rc=2, rc="testvectors/rc/valid.jwt")
    v.signed("rc-two-same.jwt", "RC_MULTIPLE",
             params(verifier_info=[{"format": "registration_cert", "data": RC_JWT}] * 2), auth=1, n_rc=2)
    v.signed("rc-and-other-format.jwt", "VERIFIER_INFO_IGNORED",
             params(verifier_info=[{"format": "jwt", "data": "eyJ.x.y", "credential_ids": ["pid"]},
                                   {"format": "registration_cert", "data": RC_JWT}]),
             auth=1, n_rc=1, rc="testvectors/rc/valid.jwt")
    v.signed("rc-other-format-only.jwt", "VERIFIER_INFO_IGNORED",
             params(verifier_info=[{"format": "policy", "data": {"any": "thing"}}]), auth=1, n_rc=0)
    v.signed("rc-credential-ids.jwt", "RC_MALFORMED",
             params(verifier_info=[{"format": "registration_cert", "data": RC_JWT, "credential_ids": ["pid"]}]),
             auth=1, n_rc=1, rc="testvectors/rc/valid.jwt")
    v.signed("rc-data-object.jwt", "RC_MALFORMED",
             params(verifier_info=[{"format": "registration_cert", "data": {"jwt": RC_JWT}}]), auth=1, n_rc=1)
    v.signed("rc-data-missing.jwt", "RC_MALFORMED",
             params(verifier_info=[{"format": "registration_cert"}]), auth=1, n_rc=1)
    v.signed("rc-data-empty.jwt", "RC_MALFORMED",
             params(verifier_info=[{"format": "registration_cert", "data": ""}]), auth=1, n_rc=1)
    v.signed("rc-data-not-base64url.jwt", "RC_MALFORMED",
             params(verifier_info=[{"format": "registration_cert", "data": b64(RC_CWT)}]), auth=1, n_rc=1)
    v.signed("rc-verifier-info-object.jwt", "RC_MALFORMED",
             params(verifier_info={"format": "registration_cert", "data": RC_JWT}), auth=1)
    v.signed("rc-verifier-info-empty.jwt", "RC_MALFORMED", params(verifier_info=[]), auth=1)
    v.signed("rc-verifier-info-entry-string.jwt", "RC_MALFORMED", params(verifier_info=[RC_JWT]), auth=1)
    v.signed("rc-verifier-info-no-format.jwt", "RC_MALFORMED",
             params(verifier_info=[{"data": RC_JWT}]), auth=1)
    v.signed("rc-verifier-info-65.jwt", "RC_MALFORMED",
             params(verifier_info=[{"format": "policy", "data": "x"}] * 65), auth=1)
    v.signed("rc-verifier-info-64.jwt", "VERIFIER_INFO_IGNORED",
             params(verifier_info=[{"format": "policy", "data": "x"}] * 63 +
                    [{"format": "registration_cert", "data": RC_JWT}]), auth=1, n_rc=1)

    v.comment("header: typ, alg, crit, x5c, signature")
    v.signed("typ-absent.jwt", "REQUEST_TYP", hdr=header(s, typ=DEL), n_rc=1)
    v.signed("typ-jwt.jwt", "REQUEST_TYP", hdr=header(s, typ="JWT"), n_rc=1)
    v.signed("typ-application-prefix.jwt", "REQUEST_TYP",
             hdr=header(s, typ="application/oauth-authz-req+jwt"), n_rc=1)
    v.signed("typ-case.jwt", "REQUEST_TYP", hdr=header(s, typ="OAuth-Authz-Req+JWT"), n_rc=1)
    v.signed("typ-number.jwt", "REQUEST_TYP", hdr=header(s, typ=1), verify=False, n_rc=1)
    v.add("alg-none.jwt", compact(header(s, alg="none"), params(), s, sig=b""),
          "REQUEST_ALG,REQUEST_SIGNATURE", n_rc=1)
    v.add("alg-hs256.jwt", compact(header(s, alg="HS256"), params(), s, sig=hashlib.sha256(b"k").digest()),
          "REQUEST_ALG,REQUEST_SIGNATURE", n_rc=1)
    v.add("alg-absent.jwt", compact(header(s, alg=DEL), params(), s, alg="ES256"),
          "REQUEST_ALG,REQUEST_SIGNATURE", n_rc=1)
    v.add("alg-es256k.jwt", compact(header(s, alg="ES256K"), params(), s, alg="ES256"),
          "REQUEST_ALG,REQUEST_SIGNATURE", n_rc=1)
    v.add("alg-es384-with-p256-key.jwt", compact(header(s, alg="ES384"), params(), s, alg="ES384"),
          "REQUEST_SIGNATURE", n_rc=1)
    v.add("crit-unknown.jwt", compact(header(s, crit=["exp"], exp=T), params(), s),
          "REQUEST_SIGNATURE", n_rc=1)
    v.add("x5c-absent.jwt", compact(header(s, x5c=DEL), params(), s), "REQUEST_SIGNATURE", n_rc=1)
    v.add("x5c-garbage.jwt", compact(header(s, x5c=["!!not base64!!"]), params(), s),
          "REQUEST_SIGNATURE", n_rc=1)
    v.add("x5c-url-alphabet.jwt", compact(header(s, x5c=[b64u(der(LEAF))]), params(), s),
          "REQUEST_SIGNATURE", n_rc=1)
    v.add("x5c-not-certificate.jwt", compact(header(s, x5c=[b64(b"not a certificate")]), params(), s),
          "REQUEST_SIGNATURE", n_rc=1)
    v.add("x5c-string.jwt", compact(header(s, x5c=b64(der(LEAF))), params(), s), "REQUEST_SIGNATURE", n_rc=1)
    v.add("x5c-11.jwt", compact(header(s, x5c=[b64(der(LEAF))] + [b64(der(INT))] * 10), params(), s),
          "REQUEST_SIGNATURE", n_rc=1)
    v.add("x5c-intermediate-first.jwt", compact(header(s, x5c=[b64(der(INT)), b64(der(LEAF))]), params(), s),
          "REQUEST_SIGNATURE,CLIENT_ID_MISMATCH", n_rc=1)
    good = compact(header(s), params(), s)
    h_, p_, g_ = good.split(".")
    sig = bytearray(base64.urlsafe_b64decode(g_ + "=="))
    sig[10] ^= 1
    v.add("sig-flipped.jwt", "%s.%s.%s" % (h_, p_, b64u(bytes(sig))), "REQUEST_SIGNATURE", n_rc=1)
    v.add("sig-empty.jwt", "%s.%s." % (h_, p_), "REQUEST_SIGNATURE", n_rc=1)
    v.add("sig-other-key.jwt", compact(header(s), params(), Signer(OTHER_KEY, [LEAF])),
          "REQUEST_SIGNATURE", n_rc=1)
    other_payload = compact(header(s), params(nonce="another-nonce"), s).split(".")[1]
    v.add("sig-payload-swapped.jwt", "%s.%s.%s" % (h_, other_payload, g_), "REQUEST_SIGNATURE", n_rc=1)

    v.comment("client identifier prefixes")
    v.signed("client-id-absent.jwt", "CLIENT_ID_PREFIX", params(client_id=DEL), n_rc=1)
    v.signed("client-id-number.jwt", "CLIENT_ID_PREFIX", params(client_id=42), n_rc=1)
    v.signed("client-id-no-prefix.jwt", "CLIENT_ID_PREFIX", params(client_id=RP), n_rc=1)
    v.signed("client-id-empty.jwt", "CLIENT_ID_PREFIX", params(client_id=""), n_rc=1)
    v.signed("client-id-scheme.jwt", "CLIENT_ID_PREFIX", params(client_id=RP, client_id_scheme="x509_san_dns"),
             n_rc=1)
    v.signed("client-id-scheme-and-prefix.jwt", "CLIENT_ID_PREFIX",
             params(client_id_scheme="x509_san_dns"), n_rc=1)
    for prefix, value in [("redirect_uri", "https://rp.example.com/openid4vp/response"),
                          ("origin", "https://rp.example.com"),
                          ("decentralized_identifier", "did:example:123"),
                          ("verifier_attestation", RP),
                          ("openid_federation", "https://rp.example.com"),
                          ("pre-registered", RP),
                          ("https", "//rp.example.com"),
                          ("web-origin", "https://rp.example.com"),
                          ("X509_SAN_DNS", RP),
                          ("x509_san_uri", "https://rp.example.com"),
                          ("", RP)]:
        fname = "prefix-%s.jwt" % (prefix.lower().replace("_", "-") or "empty")
        if prefix == "X509_SAN_DNS":
            fname = "prefix-x509-san-dns-uppercase.jwt"
        v.signed(fname, "CLIENT_ID_PREFIX", params(client_id=prefix + ":" + value), n_rc=1)
    v.signed("san-dns-other-name.jwt", "CLIENT_ID_MISMATCH",
             params(client_id="x509_san_dns:other.example.com",
                    response_uri="https://other.example.com/response"), n_rc=1)
    v.signed("san-dns-several-colons.jwt", "CLIENT_ID_MISMATCH",
             params(client_id="x509_san_dns:rp.example.com:443"), n_rc=1)
    colon = Signer(LEAF_KEY, [odd_san_cert("ac-leaf-colon-san", ["a:b", RP + ":443"], 0x4001)])
    v.signed("san-dns-colon-in-san.jwt", "CLIENT_ID_MISMATCH",
             dc_api(client_id="x509_san_dns:a:b"), signer=colon, n_rc=1, origin=ORIGIN)
    v.signed("san-dns-colon-port-in-san.jwt", "CLIENT_ID_MISMATCH",
             dc_api(client_id="x509_san_dns:" + RP + ":443"), signer=colon, n_rc=1, origin=ORIGIN)
    wild = Signer(LEAF_KEY, [odd_san_cert("ac-leaf-wildcard-san", ["*.example.com"], 0x4002)])
    v.signed("san-dns-wildcard-san.jwt", "CLIENT_ID_MISMATCH", signer=wild, n_rc=1)
    v.signed("san-dns-wildcard-value.jwt", "CLIENT_ID_MISMATCH",
             dc_api(client_id="x509_san_dns:*.example.com"), signer=wild, n_rc=1, origin=ORIGIN)
    v.signed("san-dns-trailing-dot.jwt", "CLIENT_ID_MISMATCH",
             params(client_id="x509_san_dns:rp.example.com."), n_rc=1)
    v.signed("san-dns-empty-value.jwt", "CLIENT_ID_MISMATCH", params(client_id="x509_san_dns:"), n_rc=1)
    v.signed("san-dns-suffix.jwt", "CLIENT_ID_MISMATCH", params(client_id="x509_san_dns:example.com",
                                                                 response_uri="https://example.com/r"), n_rc=1)
    v.signed("san-dns-not-in-san.jwt", "CLIENT_ID_MISMATCH",
             signer=Signer(LEAF_KEY, [odd_san_cert("ac-leaf-other-san", ["other.example.com"], 0x4003)]), n_rc=1)
    v.signed("san-dns-no-san-extension.jwt", "CLIENT_ID_MISMATCH", signer=Signer(INT_KEY, [INT]), n_rc=1)
    nul = Signer(LEAF_KEY, [load_cert(os.path.join(FPKI, "ac-leaf-nulsan.pem"))])
    v.signed("san-dns-nul-in-san.jwt", "CLIENT_ID_MISMATCH", signer=nul, n_rc=1)
    v.signed("san-dns-response-uri-other-host.jwt", "CLIENT_ID_MISMATCH",
             params(response_uri="https://evil.example.com/response"), n_rc=1)
    v.signed("san-dns-response-uri-host-suffix.jwt", "CLIENT_ID_MISMATCH",
             params(response_uri="https://rp.example.com.evil.example/response"), n_rc=1)
    for fname, uri in [("userinfo", "https://rp.example.com@evil.example.com/response"),
                       ("userinfo-reversed", "https://evil.example.com@rp.example.com/response"),
                       ("userinfo-port", "https://rp.example.com:443@evil.example.com/"),
                       ("backslash", "https://rp.example.com\\@evil.example.com/"),
                       ("http", "http://rp.example.com/response"),
                       ("scheme-case", "HTTPS://rp.example.com/response"),
                       ("no-scheme", "rp.example.com/response"),
                       ("tab", "https://rp.exam\tple.com/response"),
                       ("ip-literal", "https://[::1]/response"),
                       ("empty-port", "https://rp.example.com:/response"),
                       ("percent", "https://rp%2eexample.com/response")]:
        v.signed("san-dns-response-uri-%s.jwt" % fname, "CLIENT_ID_MISMATCH,REQUEST_PARAMETER",
                 params(response_uri=uri), n_rc=1)
    v.signed("san-dns-response-uri-number.jwt", "CLIENT_ID_MISMATCH,REQUEST_PARAMETER",
             params(response_uri=443), n_rc=1)
    v.signed("san-dns-redirect-uri-other-host.jwt", "CLIENT_ID_MISMATCH",
             params(response_mode="fragment", response_uri=DEL, redirect_uri="https://evil.example.com/cb"),
             n_rc=1)
    v.signed("san-dns-redirect-uri-custom-scheme.jwt", "CLIENT_ID_MISMATCH",
             params(response_mode="fragment", response_uri=DEL, redirect_uri="rp-app://callback"), n_rc=1)
    v.signed("hash-other-certificate.jwt", "CLIENT_ID_MISMATCH",
             params(client_id="x509_hash:" + x509_hash(der(INT))), n_rc=1)
    v.signed("hash-padded.jwt", "CLIENT_ID_MISMATCH", params(client_id="x509_hash:" + leaf_hash + "="), n_rc=1)
    v.signed("hash-hex.jwt", "CLIENT_ID_MISMATCH",
             params(client_id="x509_hash:" + hashlib.sha256(der(LEAF)).hexdigest()), n_rc=1)
    v.signed("hash-sha1.jwt", "CLIENT_ID_MISMATCH",
             params(client_id="x509_hash:" + b64u(hashlib.sha1(der(LEAF)).digest())), n_rc=1)
    v.signed("hash-of-chain-second.jwt", "CLIENT_ID_MISMATCH",
             params(client_id="x509_hash:" + x509_hash(der(INT))), signer=Signer(LEAF_KEY, [LEAF, INT]), n_rc=1)
    ber = non_minimal_length(der(LEAF))
    ber_signer = Signer(LEAF_KEY, [ber], key_cert=LEAF)
    v.signed("hash-as-received.jwt", "none", params(client_id="x509_hash:" + x509_hash(ber)),
             signer=ber_signer, auth=1, n_rc=1)
    v.signed("hash-of-reencoding.jwt", "CLIENT_ID_MISMATCH", params(client_id="x509_hash:" + leaf_hash),
             signer=ber_signer, n_rc=1)
    v.signed("client-id-outside-differs.jwt", "CLIENT_ID_MISMATCH", n_rc=1, auth=1,
             client_id="x509_san_dns:other.example.com")
    v.signed("client-id-outside-without-prefix.jwt", "CLIENT_ID_MISMATCH", n_rc=1, auth=1, client_id=RP)
    v.signed("client-id-outside-but-none-inside.jwt", "CLIENT_ID_PREFIX,CLIENT_ID_MISMATCH",
             params(client_id=DEL), n_rc=1, client_id="x509_san_dns:" + RP)

    v.comment("nonce, state, response_mode and where the response goes (REQUEST_PARAMETER: error for the nonce, warning otherwise)")
    for fname, nonce in [("absent", DEL), ("empty", ""), ("number", 12345678), ("space", "n-0S6 WzA2Mj"),
                         ("control", "n-0S6\u0001WzA2Mj"), ("base64", "n+0S6/WzA2Mj="),
                         ("non-ascii", "n-0S6_WzA2Mj\u00e9"), ("array", ["n-0S6_WzA2Mj"])]:
        v.signed("nonce-%s.jwt" % fname, "REQUEST_PARAMETER", params(nonce=nonce), auth=1, n_rc=1)
    v.signed("nonce-all-allowed.jwt", "none",
             params(nonce="ABCXYZabcxyz0189-._~"), auth=1, n_rc=1)
    v.signed("state-space.jwt", "REQUEST_PARAMETER", params(state="a b"), auth=1, n_rc=1)
    v.signed("state-empty.jwt", "REQUEST_PARAMETER", params(state=""), auth=1, n_rc=1)
    v.signed("response-mode-absent.jwt", "none", params(response_mode=DEL), auth=1, n_rc=1)
    v.signed("response-mode-number.jwt", "REQUEST_PARAMETER", params(response_mode=1), auth=1, n_rc=1)
    v.signed("response-mode-form-post.jwt", "REQUEST_PARAMETER", params(response_mode="form_post"),
             auth=1, n_rc=1)
    v.signed("response-mode-case.jwt", "REQUEST_PARAMETER", params(response_mode="Direct_Post"),
             auth=1, n_rc=1)
    v.signed("direct-post-no-response-uri.jwt", "REQUEST_PARAMETER", params(response_uri=DEL), auth=1, n_rc=1)
    v.signed("direct-post-with-redirect-uri.jwt", "REQUEST_PARAMETER",
             params(redirect_uri="https://rp.example.com/cb"), auth=1, n_rc=1)
    v.signed("direct-post-jwt-no-response-uri.jwt", "REQUEST_PARAMETER",
             params(response_mode="direct_post.jwt", response_uri=DEL), auth=1, n_rc=1)
    v.signed("dc-api-with-response-uri.jwt", "REQUEST_PARAMETER",
             dc_api(response_uri="https://rp.example.com/response"), auth=1, n_rc=1, origin=ORIGIN)
    v.signed("dc-api-with-redirect-uri.jwt", "REQUEST_PARAMETER",
             dc_api(redirect_uri="https://rp.example.com/cb"), auth=1, n_rc=1, origin=ORIGIN)
    v.signed("fragment-no-redirect-uri.jwt", "REQUEST_PARAMETER",
             params(response_mode="fragment", response_uri=DEL), auth=1, n_rc=1)
    v.signed("fragment-with-response-uri.jwt", "REQUEST_PARAMETER",
             params(response_mode="query", redirect_uri="https://rp.example.com/cb"), auth=1, n_rc=1)

    v.comment("DC API: expected_origins and the caller's origin")
    v.signed("dc-api.jwt", "none", dc_api(), auth=1, n_rc=1, origin=ORIGIN)
    v.signed("dc-api-jwt-mode.jwt", "none", dc_api(response_mode="dc_api.jwt"), auth=1, n_rc=1, origin=ORIGIN)
    v.signed("dc-api-second-origin.jwt", "none", dc_api(), auth=1, n_rc=1, origin="https://www.rp.example.com")
    v.signed("dc-api-other-origin.jwt", "ORIGIN_MISMATCH", dc_api(), auth=1, n_rc=1,
             origin="https://evil.example.com")
    v.signed("dc-api-origin-trailing-slash.jwt", "ORIGIN_MISMATCH", dc_api(), auth=1, n_rc=1,
             origin="https://rp.example.com/")
    v.signed("dc-api-origin-case.jwt", "ORIGIN_MISMATCH", dc_api(), auth=1, n_rc=1, origin="https://RP.example.com")
    v.signed("dc-api-no-origin-given.jwt", "ORIGIN_MISMATCH", dc_api(), auth=1, n_rc=1)
    # contract v1.1: a request through the DC API (response_mode dc_api, or an origin given) must
    # carry expected_origins; a request that carries them needs an origin to compare
    v.signed("dc-api-no-expected-origins.jwt", "ORIGIN_MISMATCH", dc_api(expected_origins=DEL), auth=1, n_rc=1,
             origin=ORIGIN)
    v.signed("dc-api-no-expected-origins-no-origin.jwt", "ORIGIN_MISMATCH", dc_api(expected_origins=DEL),
             auth=1, n_rc=1)
    v.signed("direct-post-origin-given.jwt", "ORIGIN_MISMATCH", auth=1, n_rc=1, origin=ORIGIN)
    v.signed("direct-post-expected-origins.jwt", "none", params(expected_origins=[ORIGIN]), auth=1, n_rc=1,
             origin=ORIGIN)
    v.signed("expected-origins-empty.jwt", "ORIGIN_MISMATCH", dc_api(expected_origins=[]), auth=1, n_rc=1,
             origin=ORIGIN)
    v.signed("expected-origins-string.jwt", "ORIGIN_MISMATCH", dc_api(expected_origins=ORIGIN), auth=1,
             n_rc=1, origin=ORIGIN)
    v.signed("expected-origins-number.jwt", "ORIGIN_MISMATCH", dc_api(expected_origins=[ORIGIN, 1]), auth=1,
             n_rc=1, origin=ORIGIN)
    v.signed("expected-origins-65.jwt", "ORIGIN_MISMATCH",
             dc_api(expected_origins=["https://o%d.example.com" % i for i in range(64)] + [ORIGIN]),
             auth=1, n_rc=1, origin=ORIGIN)
    v.signed("expected-origins-64.jwt", "none",
             dc_api(expected_origins=["https://o%d.example.com" % i for i in range(63)] + [ORIGIN]),
             auth=1, n_rc=1, origin=ORIGIN)

    v.comment("the DC API envelope {\"request\": JWS}")
    dc_jws = compact(header(s), dc_api(), s)
    v.add("envelope.json", jdump({"request": dc_jws}), "none", verify=s, auth=1, n_rc=1, origin=ORIGIN)
    v.add("envelope-other-members-ignored.json",
          jdump({"request": dc_jws, "dcql_query": "not a query", "nonce": 5, "expected_origins": 1,
                 "response_mode": "nonsense", "client_id": "redirect_uri:https://evil.example"}),
          "none", verify=s, auth=1, n_rc=1, origin=ORIGIN, client_id="x509_san_dns:" + RP)
    v.add("envelope-request-number.json", jdump({"request": 5}), "REQUEST_MALFORMED", parsed=0)
    v.add("envelope-request-object.json", jdump({"request": dc_api()}), "REQUEST_MALFORMED", parsed=0)
    v.add("envelope-request-not-jws.json", jdump({"request": "not a JWS"}), "REQUEST_MALFORMED", parsed=0)
    v.add("envelope-request-jwe.json", jdump({"request": "eyJhbGciOiJFQ0RILUVTIn0..iv.ct.tag"}),
          "REQUEST_MALFORMED", parsed=0)
    v.add("envelope-request-whitespace.json", jdump({"request": " " + dc_jws + "\n"}), "REQUEST_MALFORMED",
          parsed=0)
    v.add("envelope-duplicate-member.json",
          b'{"request":"' + dc_jws.encode() + b'","request":"x.y.z"}', "REQUEST_MALFORMED", parsed=0)
    bad = dc_jws[:-4] + ("AAAA" if not dc_jws.endswith("AAAA") else "BBBB")
    v.add("envelope-bad-signature.json", jdump({"request": bad}), "REQUEST_SIGNATURE", n_rc=1, origin=ORIGIN)

    v.comment("unsigned requests: REQUEST_UNSIGNED, still read for what they ask")
    unsigned = dict(response_type="vp_token", response_mode="dc_api", nonce="n-0S6_WzA2Mj", dcql_query=DCQL)
    v.add("unsigned.json", jdump(unsigned), "REQUEST_UNSIGNED")
    v.add("unsigned-with-rc.json",
          jdump(dict(unsigned, verifier_info=[{"format": "registration_cert", "data": RC_JWT}])),
          "REQUEST_UNSIGNED", n_rc=1, rc="testvectors/rc/valid.jwt")
    v.add("unsigned-expected-origins-ignored.json",
          jdump(dict(unsigned, expected_origins=["https://elsewhere.example"])), "REQUEST_UNSIGNED",
          origin=ORIGIN)
    v.add("unsigned-client-id-ignored.json",
          jdump(dict(unsigned, client_id="x509_san_dns:" + RP)), "REQUEST_UNSIGNED", client_id="other")
    v.add("unsigned-no-query.json", jdump({k: x for k, x in unsigned.items() if k != "dcql_query"}),
          "REQUEST_UNSIGNED,DCQL_INVALID", dcql=0)
    v.add("unsigned-bad-nonce.json", jdump(dict(unsigned, nonce="a b")), "REQUEST_UNSIGNED,REQUEST_PARAMETER")
    v.add("unsigned-request-uri.json",
          jdump({"client_id": "x509_san_dns:" + RP, "request_uri": "https://rp.example.com/request/1"}),
          "REQUEST_MALFORMED", parsed=0)
    v.add("unsigned-whitespace.json", b"\n  " + jdump(unsigned) + b"\r\n", "REQUEST_UNSIGNED")

    v.comment("dcql_query")
    v.signed("dcql-absent.jwt", "DCQL_INVALID", params(dcql_query=DEL), auth=1, n_rc=1, dcql=0)
    v.signed("dcql-scope-only.jwt", "DCQL_INVALID", params(dcql_query=DEL, scope="com.example.pid"),
             auth=1, n_rc=1, dcql=0)
    v.signed("dcql-presentation-definition.jwt", "DCQL_INVALID",
             params(dcql_query=DEL, presentation_definition={"id": "x", "input_descriptors": []}),
             auth=1, n_rc=1, dcql=0)
    v.signed("dcql-and-scope.jwt", "DCQL_INVALID", params(scope="com.example.pid"), auth=1, n_rc=1, dcql=1)
    v.signed("dcql-and-empty-scope.jwt", "none", params(scope=""), auth=1, n_rc=1)
    v.signed("dcql-and-presentation-definition.jwt", "DCQL_INVALID",
             params(presentation_definition={"id": "x", "input_descriptors": []}), auth=1, n_rc=1, dcql=1)
    v.signed("dcql-invalid-id.jwt", "DCQL_INVALID",
             params(dcql_query={"credentials": [dict(DCQL["credentials"][0], id="p i d")]}), auth=1, n_rc=1,
             dcql=0)
    v.signed("dcql-string.jwt", "DCQL_INVALID", params(dcql_query=json.dumps(DCQL)), auth=1, n_rc=1, dcql=0)
    many = [dict(DCQL["credentials"][0], id="c%d" % i) for i in range(1025)]
    v.signed("dcql-1025-credentials.jwt", "DCQL_INVALID", params(dcql_query={"credentials": many}),
             auth=1, n_rc=1, dcql=0)
    def with_path(path):
        return {"credentials": [dict(DCQL["credentials"][0], claims=[{"path": path}])]}

    v.signed("dcql-path-32.jwt", "none", params(dcql_query=with_path(["a"] * 32)), auth=1, n_rc=1)
    v.signed("dcql-path-33.jwt", "DCQL_INVALID", params(dcql_query=with_path(["a"] * 33)), auth=1, n_rc=1,
             dcql=0)
    neg = {"credentials": [dict(DCQL["credentials"][0], claims=[{"path": ["nationalities", -1]}])]}
    v.signed("dcql-negative-index.jwt", "DCQL_INVALID", params(dcql_query=neg), auth=1, n_rc=1, dcql=0)
    flt = {"credentials": [dict(DCQL["credentials"][0], claims=[{"path": ["nationalities", 0.5]}])]}
    v.signed("dcql-float-index.jwt", "DCQL_INVALID", params(dcql_query=flt), auth=1, n_rc=1, dcql=0)

    v.comment("transaction_data (tx_type: the types the wallet handles)")

    def td(obj):
        return b64u(obj if isinstance(obj, bytes) else jdump(obj))

    ok_td = td({"type": TX_TYPE, "credential_ids": ["pid"], "amount": "12.00"})
    v.signed("tx-valid.jwt", "none", params(transaction_data=[ok_td]), auth=1, n_rc=1, tx_type=TX_TYPE)
    v.signed("tx-valid-two-types.jwt", "none",
             params(transaction_data=[ok_td, td({"type": "urn:other", "credential_ids": ["pid", "pid_mdoc"]})]),
             auth=1, n_rc=1, tx_type=TX_TYPE + ",urn:other")
    v.signed("tx-type-not-handled.jwt", "TRANSACTION_DATA_UNSUPPORTED", params(transaction_data=[ok_td]),
             auth=1, n_rc=1)
    bads = [("not-array", ok_td), ("empty-array", []), ("65", [ok_td] * 65)]
    for fname, value in bads:
        v.signed("tx-%s.jwt" % fname, "TRANSACTION_DATA_UNSUPPORTED", params(transaction_data=value),
                 auth=1, n_rc=1, tx_type=TX_TYPE)
    entries = [("entry-object", {"type": TX_TYPE, "credential_ids": ["pid"]}),
               ("not-base64url", b64(jdump({"type": TX_TYPE, "credential_ids": ["pid"], "x": "??>>"}))),
               ("padded", td({"type": TX_TYPE, "credential_ids": ["pid"]}) + "="),
               ("not-json", td(b"type=payment")),
               ("json-array", td([TX_TYPE])),
               ("duplicate-member", td(b'{"type":"%s","type":"x","credential_ids":["pid"]}' % TX_TYPE.encode())),
               ("no-type", td({"credential_ids": ["pid"]})),
               ("type-number", td({"type": 1, "credential_ids": ["pid"]})),
               ("no-credential-ids", td({"type": TX_TYPE})),
               ("credential-ids-empty", td({"type": TX_TYPE, "credential_ids": []})),
               ("credential-ids-string", td({"type": TX_TYPE, "credential_ids": "pid"})),
               ("credential-ids-number", td({"type": TX_TYPE, "credential_ids": [1]})),
               ("credential-ids-unknown", td({"type": TX_TYPE, "credential_ids": ["pid", "passport"]}))]
    for fname, entry in entries:
        v.signed("tx-%s.jwt" % fname, "TRANSACTION_DATA_UNSUPPORTED", params(transaction_data=[entry]),
                 auth=1, n_rc=1, tx_type=TX_TYPE)
    v.signed("tx-two-bad-one-good.jwt", "TRANSACTION_DATA_UNSUPPORTED",
             params(transaction_data=[td({"type": "urn:x", "credential_ids": ["pid"]}), ok_td,
                                      td({"type": TX_TYPE, "credential_ids": ["nope"]})]),
             auth=1, n_rc=1, tx_type=TX_TYPE)
    v.signed("tx-without-dcql.jwt", "DCQL_INVALID,TRANSACTION_DATA_UNSUPPORTED",
             params(transaction_data=[ok_td], dcql_query=DEL), auth=1, n_rc=1, dcql=0, tx_type=TX_TYPE)

    v.comment("not a request: REQUEST_MALFORMED, nothing read")
    hb = b64u(jdump(header(s)))
    pb = b64u(jdump(params()))
    v.add("malformed-empty.jwt", b"", "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-whitespace.jwt", b" \r\n\t ", "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-text.txt", b"openid4vp://?client_id=x509_san_dns%3Arp.example.com", "REQUEST_MALFORMED",
          parsed=0)
    v.add("malformed-cbor.cbor", bytes([0xa1, 0x01, 0x02]), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-json-array.json", b"[" + jdump(params()) + b"]", "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-json-string.json", b'"' + good.encode() + b'"', "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-json-bom.json", b"\xef\xbb\xbf" + jdump(params()), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-json-trailing.json", jdump(params()) + b" x", "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-two-parts.jwt", "%s.%s" % (hb, pb), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-four-parts.jwt", good + ".AAAA", "REQUEST_MALFORMED", parsed=0)
    padded = next(b64u(jdump(params(x="a" * n))) for n in range(4) if len(b64u(jdump(params(x="a" * n)))) % 4)
    v.add("malformed-padded-payload.jwt", "%s.%s%s.%s" % (hb, padded, "=" * (-len(padded) % 4), g_),
          "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-standard-base64.jwt", "%s.%s.%s" % (hb, standard_alphabet(params()), g_),
          "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-newline-inside.jwt", "%s.%s\n.%s" % (hb, pb, g_), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-header-array.jwt", compact(b"[1]", params(), s), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-header-not-json.jwt", compact(b"{alg:ES256}", params(), s), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-header-duplicate.jwt",
          compact(b'{"alg":"ES256","typ":"' + TYP.encode() + b'","alg":"none"}', params(), s),
          "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-payload-not-json.jwt", compact(header(s), b"client_id=x509_san_dns:rp.example.com", s),
          "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-payload-array.jwt", compact(header(s), b"[]", s), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-payload-string.jwt", compact(header(s), b'"x"', s), "REQUEST_MALFORMED", parsed=0)
    body = jdump(params())
    v.add("malformed-payload-duplicate.jwt",
          compact(header(s), body[:-1] + b',"client_id":"x509_san_dns:evil.example.com"}', s),
          "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-payload-duplicate-escaped.jwt",
          compact(header(s), body[:-1] + b',"\\u0063lient_id":"x509_san_dns:evil.example.com"}', s),
          "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-payload-duplicate-nested.jwt",
          compact(header(s), body[:-1] + b',"x":{"a":1,"a":2}}', s), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-payload-dcql-duplicate-id.jwt",
          compact(header(s), body.replace(b'"id":"pid",', b'"id":"pid","\\u0069d":"pid_mdoc",', 1), s),
          "REQUEST_MALFORMED", parsed=0)
    v.add("dcql-duplicate-id-escaped.jwt",
          compact(header(s), body.replace(b'"id":"pid_mdoc"', b'"id":"\\u0070id"', 1), s),
          "DCQL_INVALID", verify=s, auth=1, n_rc=1, dcql=0)
    deep = b"[" * 31 + b"]" * 31
    v.add("malformed-payload-depth-33.jwt", compact(header(s), body[:-1] + b',"x":' + b"[" + deep + b"]}", s),
          "REQUEST_MALFORMED", parsed=0)
    v.add("payload-depth-32.jwt", compact(header(s), body[:-1] + b',"x":' + deep + b"}", s), "none",
          verify=s, auth=1, n_rc=1)
    v.add("malformed-payload-nul-escape.jwt",
          compact(header(s), body[:-1] + b',"x":"a\\u0000b"}', s), "REQUEST_MALFORMED", parsed=0)
    v.add("malformed-payload-invalid-utf8.jwt",
          compact(header(s), body[:-1] + b',"x":"\xc3\x28"}', s), "REQUEST_MALFORMED", parsed=0)

    v.comment("OpenID4VP 1.0 examples (testvectors/interop/openid4vp/spec-examples), {...} replaced by a query")
    compact_ex = spec_example("digital_credentials_api/signed_request_payload_compact.json", DCQL)
    v.signed("spec-dc-api-signed-compact.jwt", "none", compact_ex, auth=1, origin="https://origin1.example.com")
    v.add("spec-dc-api-signed-compact-envelope.json", jdump({"request": compact(header(s), compact_ex, s)}),
          "none", verify=s, auth=1, origin="https://origin2.example.com")
    v.signed("spec-dc-api-signed-compact-other-origin.jwt", "ORIGIN_MISMATCH", compact_ex, auth=1,
             origin=ORIGIN)
    v.signed("spec-dc-api-signed-no-client-id.jwt", "CLIENT_ID_PREFIX",
             spec_example("digital_credentials_api/signed_request_payload.json", DCQL),
             origin="https://origin1.example.com")
    v.add("spec-dc-api-unsigned.json",
          jdump({k: x for k, x in spec_example("digital_credentials_api/signed_request_payload.json", DCQL).items()
                 if k != "expected_origins"}), "REQUEST_UNSIGNED", origin="https://origin1.example.com")
    did_header = json.loads(read(os.path.join(SPEC, "request", "request_header_client_id_did.json")))
    did = spec_example("request/request_object_client_id_did.json", DCQL)
    rsa_signer = Signer(load_key("leaf-rsa2048"), [load_cert(os.path.join(FPKI, "ac-leaf-rsa2048.pem"))], "RS256")
    v.add("spec-did-request-object.jwt", compact(did_header, did, rsa_signer),
          "REQUEST_SIGNATURE,CLIENT_ID_PREFIX")
    v.add("spec-did-request-object-with-x5c.jwt",
          compact(dict(did_header, x5c=rsa_signer.x5c()), dict(did, response_mode="fragment"), rsa_signer),
          "CLIENT_ID_PREFIX", verify=rsa_signer)
    return v


def main():
    warnings.simplefilter("ignore")  # joserfc flags EdDSA (RFC 9864); a vector uses it on purpose
    v = build()
    v.write()
    print("wrote %d vectors to %s" % (len(v.files), os.path.relpath(OUT, REPO)))


if __name__ == "__main__":
    sys.exit(main())
