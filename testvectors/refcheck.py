"""Reference classifiers for the manifest's expectations, written from the rules in src/util/*.h and
src/crypto/*.h. `gen.py --check` runs every vector through them, so that the manifest says what an
independent implementation of those rules concludes. Signatures are verified with `cryptography`,
certificate paths with the `openssl verify` command.
"""

import base64
import datetime
import os
import re
import struct
import subprocess
import tempfile

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import ExtensionOID, NameOID

import cborenc

# src/util/limits.h
MAX_INPUT_BYTES = 4 * 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_CBOR_DEPTH = 32
MAX_CBOR_ITEMS = 200000
MAX_CHAIN_LEN = 10


class Reject(Exception):
    """Input refused: kind is "malformed" or "limit"."""

    def __init__(self, kind, why):
        super().__init__("%s: %s" % (kind, why))
        self.kind = kind
        self.why = why


def _malformed(why):
    return Reject("malformed", why)


# ---------------------------------------------------------------------------------------------
# base64 (RFC 4648 section 4, padded) and base64url (section 5, unpadded), both canonical.

_STD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_URL = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _decode_quantums(body, alphabet):
    """Decodes unpadded characters of `alphabet`, refusing non-zero trailing bits."""
    index = {c: i for i, c in enumerate(alphabet)}
    if len(body) % 4 == 1:
        raise _malformed("length mod 4 is 1")
    bits = 0
    nbits = 0
    out = bytearray()
    for c in body:
        if c not in index:
            raise _malformed("byte 0x%02x outside the alphabet" % c)
        bits = bits << 6 | index[c]
        nbits += 6
        if nbits >= 8:
            nbits -= 8
            out.append(bits >> nbits & 0xFF)
            bits &= (1 << nbits) - 1
    if bits != 0:
        raise _malformed("non-zero trailing bits")
    return bytes(out)


def b64_decode(data):
    if len(data) % 4 != 0:
        raise _malformed("length not a multiple of 4")
    pad = len(data) - len(data.rstrip(b"="))
    if pad > 2:
        raise _malformed("too much padding")
    body = data[: len(data) - pad]
    if pad and len(body) % 4 != 4 - pad:
        raise _malformed("padding does not match the length")
    return _decode_quantums(body, _STD)


def b64url_decode(data):
    return _decode_quantums(data, _URL)


# ---------------------------------------------------------------------------------------------
# JSON (RFC 8259) as json.h describes it.

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_JSON_WS = " \t\n\r"


class _Json:
    def __init__(self, text):
        self.s = text
        self.i = 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in _JSON_WS:
            self.i += 1

    def expect(self, ch):
        if self.i >= len(self.s) or self.s[self.i] != ch:
            raise _malformed("expected %r at %d" % (ch, self.i))
        self.i += 1

    def value(self, depth):
        self.ws()
        if self.i >= len(self.s):
            raise _malformed("unexpected end")
        c = self.s[self.i]
        if c in "{[":
            if depth + 1 > MAX_JSON_DEPTH:
                raise Reject("limit", "nesting deeper than %d" % MAX_JSON_DEPTH)
            return self.obj(depth + 1) if c == "{" else self.arr(depth + 1)
        if c == '"':
            return self.string()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.s.startswith(word, self.i):
                self.i += len(word)
                return val
        m = _NUMBER.match(self.s, self.i)
        if m is None or m.end() == self.i:
            raise _malformed("unexpected %r at %d" % (c, self.i))
        self.i = m.end()
        text = m.group(0)
        return int(text) if re.fullmatch(r"-?[0-9]+", text) else float(text)

    def obj(self, depth):
        self.expect("{")
        out = {}
        self.ws()
        if self.i < len(self.s) and self.s[self.i] == "}":
            self.i += 1
            return out
        while True:
            self.ws()
            if self.i >= len(self.s) or self.s[self.i] != '"':
                raise _malformed("member name expected at %d" % self.i)
            name = self.string()
            if name in out:
                raise _malformed("duplicate member %r" % name)
            self.ws()
            self.expect(":")
            out[name] = self.value(depth)
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                continue
            self.expect("}")
            return out

    def arr(self, depth):
        self.expect("[")
        out = []
        self.ws()
        if self.i < len(self.s) and self.s[self.i] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value(depth))
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                continue
            self.expect("]")
            return out

    def hex4(self):
        h = self.s[self.i : self.i + 4]
        if len(h) != 4 or not re.fullmatch(r"[0-9a-fA-F]{4}", h):
            raise _malformed("bad \\u escape")
        self.i += 4
        return int(h, 16)

    def string(self):
        self.expect('"')
        out = []
        while True:
            if self.i >= len(self.s):
                raise _malformed("unterminated string")
            c = self.s[self.i]
            self.i += 1
            if c == '"':
                return "".join(out)
            if ord(c) < 0x20:
                raise _malformed("control character in string")
            if c != "\\":
                out.append(c)
                continue
            if self.i >= len(self.s):
                raise _malformed("unterminated escape")
            e = self.s[self.i]
            self.i += 1
            simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                      "t": "\t"}
            if e in simple:
                out.append(simple[e])
                continue
            if e != "u":
                raise _malformed("bad escape \\%s" % e)
            cp = self.hex4()
            if cp == 0:
                raise _malformed("\\u0000 escape")
            if 0xDC00 <= cp <= 0xDFFF:
                raise _malformed("lone low surrogate")
            if 0xD800 <= cp <= 0xDBFF:
                if self.s[self.i : self.i + 2] != "\\u":
                    raise _malformed("lone high surrogate")
                self.i += 2
                lo = self.hex4()
                if not 0xDC00 <= lo <= 0xDFFF:
                    raise _malformed("high surrogate without low surrogate")
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
            out.append(chr(cp))


def json_parse(data):
    """One JSON value from data (bytes), or Reject."""
    if len(data) > MAX_INPUT_BYTES:
        raise Reject("limit", "input too large")
    if data.startswith(b"\xef\xbb\xbf"):
        raise _malformed("byte order mark")
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise _malformed("invalid UTF-8: %s" % e) from None
    p = _Json(text)
    v = p.value(0)
    p.ws()
    if p.i != len(text):
        raise _malformed("bytes after the value")
    return v


# ---------------------------------------------------------------------------------------------
# CBOR (RFC 8949) as cbor.h describes it: the pre-walk plus the duplicate-key check.

def _key_repr(v):
    """A hashable form of a decoded item that keeps its CBOR type (1, 1.0 and true differ)."""
    if v is True or v is False or v is None:
        return ("simple", v)
    if isinstance(v, int):
        return ("int", v)
    if isinstance(v, float):
        return ("float", struct.pack(">d", v))
    if isinstance(v, bytes):
        return ("bstr", v)
    if isinstance(v, str):
        return ("tstr", v)
    if isinstance(v, list):
        return ("array", tuple(_key_repr(i) for i in v))
    if isinstance(v, CborMap):
        return ("map", tuple((_key_repr(k), _key_repr(x)) for k, x in v.pairs))
    if isinstance(v, cborenc.Tag):
        return ("tag", v.tag, _key_repr(v.item))
    raise TypeError(type(v))


class CborMap:
    """A decoded map: its pairs in order, with lookup by key (type-sensitive)."""

    def __init__(self, pairs):
        self.pairs = pairs
        self.index = {_key_repr(k): v for k, v in pairs}

    def get(self, key, default=None):
        return self.index.get(_key_repr(key), default)

    def __contains__(self, key):
        return _key_repr(key) in self.index

    def keys(self):
        return [k for k, _ in self.pairs]


class _Cbor:
    def __init__(self, data):
        self.d = data
        self.i = 0
        self.items = 0

    def take(self, n):
        if n > len(self.d) - self.i:
            raise _malformed("truncated at %d" % self.i)
        out = self.d[self.i : self.i + n]
        self.i += n
        return out

    def remaining(self):
        return len(self.d) - self.i

    def item(self, depth, break_ok=False):
        ib = self.take(1)[0]
        major, ai = ib >> 5, ib & 0x1F
        if ib == 0xFF:
            if break_ok:
                return _BREAK
            raise _malformed("break outside an indefinite-length item")
        if 28 <= ai <= 30:
            raise _malformed("reserved additional information %d" % ai)
        self.items += 1
        if self.items > MAX_CBOR_ITEMS:
            raise Reject("limit", "more than %d items" % MAX_CBOR_ITEMS)
        if major == 7:
            return self.simple(ai)
        if ai == 31:
            if major in (0, 1, 6):
                raise _malformed("indefinite length for major type %d" % major)
            return self.indefinite(major, depth)
        if ai < 24:
            arg = ai
        else:
            arg = int.from_bytes(self.take(1 << (ai - 24)), "big")
        if major == 0:
            return arg
        if major == 1:
            return -1 - arg
        if major in (2, 3):
            if arg > self.remaining():
                raise _malformed("string longer than the input")
            raw = self.take(arg)
            return raw if major == 2 else raw.decode("utf-8", errors="surrogateescape")
        if depth + 1 > MAX_CBOR_DEPTH:
            raise Reject("limit", "nesting deeper than %d" % MAX_CBOR_DEPTH)
        if major == 4:
            if arg > self.remaining():
                raise _malformed("array longer than the input")
            return [self.item(depth + 1) for _ in range(arg)]
        if major == 5:
            if 2 * arg > self.remaining():
                raise _malformed("map longer than the input")
            return self.map_pairs(depth + 1, arg)
        return cborenc.Tag(arg, self.item(depth + 1))

    def map_pairs(self, depth, count):
        pairs = []
        seen = set()
        n = 0
        while count is None or n < count:
            k = self.item(depth, break_ok=count is None)
            if k is _BREAK:
                break
            v = self.item(depth)
            r = _key_repr(k)
            if r in seen:
                raise _malformed("duplicate map key %r" % (k,))
            seen.add(r)
            pairs.append((k, v))
            n += 1
        return CborMap(pairs)

    def indefinite(self, major, depth):
        if major in (2, 3):
            chunks = []
            while True:
                if self.remaining() == 0:
                    raise _malformed("indefinite string not closed")
                if self.d[self.i] == 0xFF:
                    self.i += 1
                    break
                ib = self.d[self.i]
                if ib >> 5 != major or ib & 0x1F == 31:
                    raise _malformed("bad chunk in an indefinite-length string")
                chunks.append(self.item(depth))
            if major == 2:
                return b"".join(chunks)
            return "".join(chunks)
        if depth + 1 > MAX_CBOR_DEPTH:
            raise Reject("limit", "nesting deeper than %d" % MAX_CBOR_DEPTH)
        if major == 4:
            out = []
            while True:
                v = self.item(depth + 1, break_ok=True)
                if v is _BREAK:
                    return out
                out.append(v)
        return self.map_pairs(depth + 1, None)

    def simple(self, ai):
        if ai == 20:
            return False
        if ai == 21:
            return True
        if ai == 22:
            return None
        if ai == 25:
            return struct.unpack(">e", self.take(2))[0]
        if ai == 26:
            return struct.unpack(">f", self.take(4))[0]
        if ai == 27:
            return struct.unpack(">d", self.take(8))[0]
        if ai == 24:
            self.take(1)
        raise _malformed("simple value other than false/true/null (ai %d)" % ai)


_BREAK = object()


def cbor_parse(data):
    """One CBOR item filling data exactly, or Reject."""
    if len(data) > MAX_INPUT_BYTES:
        raise Reject("limit", "input too large")
    p = _Cbor(data)
    v = p.item(0)
    if p.i != len(data):
        raise _malformed("%d bytes after the item" % (len(data) - p.i))
    return v


# ---------------------------------------------------------------------------------------------
# Signatures (sig.h).

_HASH = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}
_CURVE = {"ES256": ("secp256r1", 32), "ES384": ("secp384r1", 48), "ES512": ("secp521r1", 66)}
JOSE_ALGS = ("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512",
             "EdDSA")
COSE_ALGS = {-7: "ES256", -35: "ES384", -36: "ES512", -37: "PS256", -38: "PS384", -39: "PS512",
             -257: "RS256", -258: "RS384", -259: "RS512", -8: "EdDSA"}


def sig_verify(alg, pub, msg, sig):
    """True when sig is alg's signature over msg by pub and the key suits the algorithm."""
    try:
        if alg in _CURVE:
            curve, size = _CURVE[alg]
            if not isinstance(pub, ec.EllipticCurvePublicKey) or pub.curve.name != curve:
                return False
            if len(sig) != 2 * size:
                return False
            r = int.from_bytes(sig[:size], "big")
            s = int.from_bytes(sig[size:], "big")
            pub.verify(encode_dss_signature(r, s), msg, ec.ECDSA(_HASH[alg[2:]]()))
            return True
        if alg[:2] in ("PS", "RS"):
            if not isinstance(pub, rsa.RSAPublicKey) or pub.key_size < 2048:
                return False
            h = _HASH[alg[2:]]()
            if alg.startswith("PS"):
                pad = padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)
            else:
                pad = padding.PKCS1v15()
            pub.verify(sig, msg, pad, h)
            return True
        if alg == "EdDSA":
            if not isinstance(pub, ed25519.Ed25519PublicKey):
                return False
            pub.verify(sig, msg)
            return True
    except InvalidSignature:
        return False
    return False


def _cert(der):
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError as e:
        raise _malformed("certificate: %s" % e) from None


# ---------------------------------------------------------------------------------------------
# JWS compact (jws.h): malformed -> alg -> crit -> signature -> ok.

def jws_classify(data):
    try:
        text = data.strip(b" \t\n\r\x0b\x0c")
        parts = text.split(b".")
        if len(parts) != 3:
            raise _malformed("%d parts" % len(parts))
        h, p, s = parts
        if not h or not p:
            raise _malformed("empty header or payload")
        hdr = json_parse(b64url_decode(h))
        b64url_decode(p)
        sig = b64url_decode(s)
        if not isinstance(hdr, dict):
            raise _malformed("header not an object")
        if hdr.get("b64", True) is False:
            raise _malformed("b64: false")
        x5c = hdr.get("x5c")
        if not isinstance(x5c, list) or not 1 <= len(x5c) <= MAX_CHAIN_LEN:
            raise _malformed("x5c absent, empty or too long")
        certs = []
        for entry in x5c:
            if not isinstance(entry, str) or not entry.isascii():
                raise _malformed("x5c entry not a string")
            certs.append(_cert(b64_decode(entry.encode("ascii"))))
    except Reject:
        return "malformed"
    alg = hdr.get("alg")
    if not isinstance(alg, str) or alg not in JOSE_ALGS:
        return "alg"
    if "crit" in hdr:
        return "crit"
    if not sig_verify(alg, certs[0].public_key(), h + b"." + p, sig):
        return "signature"
    return "ok"


# ---------------------------------------------------------------------------------------------
# COSE_Sign1 (cose.h): malformed -> alg -> crit -> signature -> ok.

def cose_classify(data, detached=None):
    try:
        v = cbor_parse(data)
        if isinstance(v, cborenc.Tag):
            if v.tag != 18:
                raise _malformed("tag %d" % v.tag)
            v = v.item
        if not isinstance(v, list) or len(v) != 4:
            raise _malformed("not an array of four")
        prot_raw, unprot, payload, sig = v
        if not isinstance(prot_raw, bytes) or not isinstance(unprot, CborMap):
            raise _malformed("header types")
        if not (payload is None or isinstance(payload, bytes)) or not isinstance(sig, bytes):
            raise _malformed("payload or signature types")
        prot = CborMap([]) if prot_raw == b"" else cbor_parse(prot_raw)
        if not isinstance(prot, CborMap):
            raise _malformed("protected header not a map")
        if any(k in unprot for k in prot.keys()):
            raise _malformed("label in both headers")
        chain = prot.get(33, unprot.get(33))
        if isinstance(chain, bytes):
            chain = [chain]
        if not isinstance(chain, list) or not 1 <= len(chain) <= MAX_CHAIN_LEN:
            raise _malformed("x5chain absent, empty or too long")
        if not all(isinstance(c, bytes) for c in chain):
            raise _malformed("x5chain entry not a bstr")
        certs = [_cert(c) for c in chain]
        if payload is None:
            if detached is None:
                raise _malformed("detached payload not supplied")
            payload = detached
    except Reject:
        return "malformed"
    alg = prot.get(1)
    if isinstance(alg, bool) or not isinstance(alg, int) or alg not in COSE_ALGS:
        return "alg"
    if 2 in prot or 2 in unprot:
        return "crit"
    tbs = cborenc.encode(["Signature1", prot_raw, b"", payload])
    if not sig_verify(COSE_ALGS[alg], certs[0].public_key(), tbs, sig):
        return "signature"
    return "ok"


# ---------------------------------------------------------------------------------------------
# Certificates, chains and CRLs (x509.h).

def pem_blocks(data, label):
    pat = re.compile(rb"-----BEGIN " + label + rb"-----\r?\n(.*?)-----END " + label + rb"-----",
                     re.S)
    return [base64.b64decode(b"".join(m.group(1).split())) for m in pat.finditer(data)]


def load_certs(data):
    """Every certificate of a PEM file, or the one DER certificate."""
    if b"-----BEGIN" in data:
        return [x509.load_der_x509_certificate(d) for d in pem_blocks(data, b"CERTIFICATE")]
    return [x509.load_der_x509_certificate(data)]


_UNTRUSTED = {2, 18, 19, 20, 21}


def chain_classify(chain_pem, anchor_files, t):
    """Runs `openssl verify` with partial chains at time t; the contract's result name."""
    certs = load_certs(chain_pem)
    if not 1 <= len(certs) <= MAX_CHAIN_LEN:
        return "malformed"
    pem = lambda cs: b"".join(c.public_bytes(serialization.Encoding.PEM) for c in cs)
    anchors = []
    for f in anchor_files:
        with open(f, "rb") as fh:
            anchors += load_certs(fh.read())
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, content in (("anchors", anchors), ("leaf", certs[:1]), ("rest", certs[1:])):
            paths[name] = os.path.join(tmp, name + ".pem")
            with open(paths[name], "wb") as fh:
                fh.write(pem(content))
        cmd = ["openssl", "verify", "-attime", str(t), "-partial_chain", "-no-CApath",
               "-CAfile", paths["anchors"]]
        if len(certs) > 1:
            cmd += ["-untrusted", paths["rest"]]
        cmd.append(paths["leaf"])
        res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode == 0:
        return "ok"
    m = re.search(r"error (\d+) at", res.stdout + res.stderr)
    code = int(m.group(1)) if m else -1
    if code == 10:
        return "expired"
    if code == 9:
        return "not_yet_valid"
    if code == 7:
        return "bad_signature"
    if code in _UNTRUSTED:
        return "untrusted"
    return "invalid"


def crl_classify(cert, issuer, crl_data, t):
    if b"-----BEGIN" in crl_data:
        crls = [x509.load_der_x509_crl(d) for d in pem_blocks(crl_data, b"X509 CRL")]
    else:
        crls = [x509.load_der_x509_crl(crl_data)]
    when = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    counted = revoked = False
    for crl in crls:
        if crl.issuer.public_bytes() != cert.issuer.public_bytes():
            continue
        if not crl.is_signature_valid(issuer.public_key()):
            continue
        if crl.next_update_utc is None or not crl.last_update_utc <= when < crl.next_update_utc:
            continue
        counted = True
        if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
            revoked = True
    return "revoked" if revoked else "good" if counted else "unknown"


def cert_info(cert):
    """The fields of wrp_cert_info as manifest strings, or Reject when a value holds a NUL or
    an identifying attribute (organizationIdentifier, serialNumber) is empty or repeated."""
    for oid in (NameOID.ORGANIZATION_IDENTIFIER, NameOID.SERIAL_NUMBER):
        vals = cert.subject.get_attributes_for_oid(oid)
        if len(vals) > 1 or any(v.value == "" for v in vals):
            raise _malformed("identifying attribute empty or repeated")

    def attr(oid):
        vals = cert.subject.get_attributes_for_oid(oid)
        return vals[0].value if vals else ""

    def ext(oid):
        try:
            return cert.extensions.get_extension_for_oid(oid).value
        except x509.ExtensionNotFound:
            return None

    san = ext(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    dps = ext(ExtensionOID.CRL_DISTRIBUTION_POINTS)
    pol = ext(ExtensionOID.CERTIFICATE_POLICIES)
    bc = ext(ExtensionOID.BASIC_CONSTRAINTS)
    ku = ext(ExtensionOID.KEY_USAGE)
    uris = []
    for dp in dps or []:
        uris += [n.value for n in dp.full_name or []
                 if isinstance(n, x509.UniformResourceIdentifier)]
    info = {
        "org_id": attr(NameOID.ORGANIZATION_IDENTIFIER),
        "serial_number": attr(NameOID.SERIAL_NUMBER),
        "cn": attr(NameOID.COMMON_NAME),
        "o": attr(NameOID.ORGANIZATION_NAME),
        "c": attr(NameOID.COUNTRY_NAME),
        "dns": ",".join(san.get_values_for_type(x509.DNSName) if san else []),
        "crl_dps": ",".join(uris),
        "policies": ",".join(p.policy_identifier.dotted_string for p in pol or []),
        "is_ca": "1" if bc is not None and bc.ca else "0",
        "has_ku": "1" if ku is not None else "0",
        "ku_ds": "1" if ku is not None and ku.digital_signature else "0",
        "sha256": cert.fingerprint(hashes.SHA256()).hex(),
    }
    if any("\x00" in v for v in info.values()):
        raise _malformed("NUL in a value")
    return info
