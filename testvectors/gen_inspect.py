#!/usr/bin/env python3
"""Generates the vectors of `wrpcheck inspect` in testvectors/inspect/ (tests/test_cli.c reads them).

every-name.pem        a self-signed Ed25519 certificate with a subject alternative name of every
                      type inspect names (DNS, URI, email, IPv4, IPv6, dirName, RID), key usage,
                      extended key usage (serverAuth and ISO 18013-5 mdlReaderAuth) and a policy
truncated-request.jwt the Request Object testvectors/e2e/req/allow-basic.jwt cut inside its payload
                      (one dot left): no compact JWS, no other artefact either
text-escapes.json     an unsigned request whose strings hold a line break, a forged report line,
                      a right-to-left override and a C1 control, which the text outline escapes
nested-hex.txt        a CBOR item written as hex text eight times over: deeper than inspect decodes
many-status-lists.json  an unsigned request whose verifier_info carries the status list token
                      testvectors/rc/sl-valid.jwt five times: one more than inspect inflates

Everything is deterministic (a fixed Ed25519 key, whose signatures are), so a run reproduces the
committed files byte for byte.

Usage: python3 testvectors/gen_inspect.py [--check]   (--check: compare with the committed files)
"""
import datetime
import ipaddress
import json
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "inspect")

MDL_READER_AUTH = ObjectIdentifier("1.0.18013.5.1.6")
NCP_L = ObjectIdentifier("0.4.0.194118.1.2")


def every_name_pem():
    key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "wrpcheck inspect vectors"),
        x509.NameAttribute(ObjectIdentifier("2.5.4.97"), "LEIXG-529900T8BM49AURSDO55"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Every name"),
    ])
    sans = x509.SubjectAlternativeName([
        x509.DNSName("rp.example.com"),
        x509.UniformResourceIdentifier("https://rp.example.com/wallet"),
        x509.RFC822Name("privacy@rp.example.com"),
        x509.IPAddress(ipaddress.ip_address("192.0.2.7")),
        x509.IPAddress(ipaddress.ip_address("2001:db8::7")),
        x509.DirectoryName(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Directory entry")])),
        x509.RegisteredID(ObjectIdentifier("1.2.3.4")),
    ])
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(0x1A2B3C)
            .not_valid_before(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
            .not_valid_after(datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, MDL_READER_AUTH]),
                           critical=False)
            .add_extension(sans, critical=False)
            .add_extension(x509.CertificatePolicies([x509.PolicyInformation(NCP_L, None)]), critical=False)
            .sign(key, None))
    return cert.public_bytes(serialization.Encoding.PEM)


def truncated_request():
    with open(os.path.join(HERE, "e2e", "req", "allow-basic.jwt"), "rb") as f:
        jws = f.read().strip()
    first = jws.index(b".")
    return jws[:first + 41] + b"\n"


def text_escapes():
    request = {
        "client_id": "x509_san_dns:rp.example.com\nverdict: allow",
        "response_type": "vp_token",
        "nonce": "n-\u202etxt.exe",
        "state": "c1-\u0085-control",
        "dcql_query": {"credentials": [{"id": "pid", "format": "dc+sd-jwt",
                                        "meta": {"vct_values": ["urn:eudi:pid:1"]},
                                        "claims": [{"path": ["given_name\nverdict: allow"]}]}]},
    }
    return (json.dumps(request, indent=2, ensure_ascii=True) + "\n").encode()


def nested_hex():
    data = bytes([0xA1, 0x61, 0x61, 0x01])  # {"a": 1}
    for _ in range(8):
        data = data.hex().encode()
    return data + b"\n"


def many_status_lists():
    with open(os.path.join(HERE, "rc", "sl-valid.jwt"), "rb") as f:
        token = f.read().strip().decode()
    request = {"client_id": "x509_san_dns:rp.example.com",
               "verifier_info": [{"format": "registration_cert", "data": token}] * 5}
    return (json.dumps(request, indent=2) + "\n").encode()


FILES = {
    "every-name.pem": every_name_pem,
    "truncated-request.jwt": truncated_request,
    "text-escapes.json": text_escapes,
    "nested-hex.txt": nested_hex,
    "many-status-lists.json": many_status_lists,
}


def main():
    check = "--check" in sys.argv[1:]
    os.makedirs(OUT, exist_ok=True)
    differ = 0
    for name, make in sorted(FILES.items()):
        path = os.path.join(OUT, name)
        data = make()
        if check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == data
            except OSError:
                same = False
            if not same:
                print("differs: " + os.path.relpath(path, HERE))
                differ += 1
        else:
            with open(path, "wb") as f:
                f.write(data)
    if check:
        print("%d differ" % differ)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
