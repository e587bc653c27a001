"""Helpers shared by fuzz/embed.py and fuzz/make_corpus.py: the structured input format of
fuzz/fuzz.h, and re-signing for the signature stub (WRP_FUZZ_NO_SIGNATURES)."""

import base64
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEP = b"\n--8<--\n"
SEP_OUTER = b"\n==8<==\n"


def _stub_byte():
    """WRP_FUZZ_SIG_ACCEPT, read from src/crypto/sig.h so that there is one definition."""
    with open(os.path.join(ROOT, "src", "crypto", "sig.h")) as f:
        m = re.search(r"#define WRP_FUZZ_SIG_ACCEPT 0x([0-9A-Fa-f]{2})u", f.read())
    if m is None:
        raise SystemExit("fuzzlib: WRP_FUZZ_SIG_ACCEPT not found in src/crypto/sig.h")
    return int(m.group(1), 16)


STUB_BYTE = _stub_byte()


def b64url_decode(s):
    s = s.strip()
    return base64.urlsafe_b64decode(s + b"=" * (-len(s) % 4))


def b64url_encode(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=")


def is_jws(data):
    return re.fullmatch(rb"\s*[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\s*", data) is not None


# --- a CBOR walker just good enough to find the four elements of a COSE_Sign1 ---------------

def _head(b, i):
    ib = b[i]
    major, ai = ib >> 5, ib & 31
    i += 1
    if ai < 24:
        return major, ai, i
    if ai == 31:
        return major, None, i
    width = {24: 1, 25: 2, 26: 4, 27: 8}[ai]
    return major, int.from_bytes(b[i:i + width], "big"), i + width


def skip(b, i):
    """Index just after the data item that starts at b[i]."""
    major, arg, i = _head(b, i)
    if major in (0, 1, 7):
        return i
    if major in (2, 3):
        if arg is None:
            while b[i] != 0xFF:
                i = skip(b, i)
            return i + 1
        return i + arg
    if major == 6:
        return skip(b, i)
    count = arg if arg is None else arg * (2 if major == 5 else 1)
    if count is None:
        while b[i] != 0xFF:
            i = skip(b, i)
        return i + 1
    for _ in range(count):
        i = skip(b, i)
    return i


def cose_parts(data):
    """(kind, protected, unprotected-raw, payload, signature) of a COSE_Sign1, or None."""
    try:
        i, kind = 0, b"cwt"
        if data[:3] == b"\xd8\x3d\xd2":
            i, kind = 3, b"cwt61"
        elif data[:1] == b"\xd2":
            i, kind = 1, b"cwt18"
        if data[i] != 0x84:
            return None
        i += 1
        spans = []
        for _ in range(4):
            j = skip(data, i)
            spans.append((i, j))
            i = j
        if i != len(data):
            return None
        out = [kind]
        for n, (a, z) in enumerate(spans):
            if n == 1:
                out.append(data[a:z])
                continue
            major, arg, k = _head(data, a)
            if major != 2 or arg is None:
                return None
            out.append(data[k:z])
        return tuple(out)
    except (IndexError, KeyError):
        return None


def jws_parts(data):
    """(header, payload, signature) decoded from a compact JWS, or None."""
    if not is_jws(data):
        return None
    try:
        return tuple(b64url_decode(p) for p in data.strip().split(b"."))
    except ValueError:
        return None


def structured(data):
    """The token as structured fuzz input (fuzz/fuzz.h, fuzz_token), or None."""
    j = jws_parts(data)
    if j is not None:
        return SEP.join((b"jwt",) + j)
    c = cose_parts(data)
    if c is not None:
        kind, prot, unprot, payload, sig = c
        return SEP.join((kind, prot, payload, sig, unprot))
    return None


def stub_signed(data):
    """The token with its signature's first byte set to the stub's accepting byte (a token with
    an empty signature, or one that cannot be taken apart, is returned unchanged)."""
    j = jws_parts(data)
    if j is not None:
        h, p, s = data.strip().split(b".")
        sig = b64url_decode(s)
        if not sig:
            return data
        return b".".join((h, p, b64url_encode(bytes([STUB_BYTE]) + sig[1:])))
    try:
        i = 3 if data[:3] == b"\xd8\x3d\xd2" else 1 if data[:1] == b"\xd2" else 0
        if data[i] != 0x84:
            return data
        i += 1
        for _ in range(3):
            i = skip(data, i)
        major, arg, k = _head(data, i)
        if major != 2 or not arg or skip(data, i) != len(data):
            return data
        return data[:k] + bytes([STUB_BYTE]) + data[k + 1:]
    except (IndexError, KeyError):
        return data
