"""Minimal CBOR (RFC 8949) encoder for the registration-certificate vectors.

Preferred (shortest) heads and definite lengths only; map pairs keep the order they are given in.
int -> major 0/1, bytes -> bstr, str -> tstr, list/tuple -> array, dict -> map, bool/None -> simple
values 20/21/22, float -> float64. Tag(n, item) wraps an item in tag n; Raw(b) inserts bytes as
they are (for an item encoded elsewhere).
"""

import struct


class Tag:
    def __init__(self, tag, item):
        self.tag, self.item = tag, item


class Raw:
    def __init__(self, data):
        self.data = bytes(data)


def _head(major, value):
    if value < 0 or value >= 1 << 64:
        raise ValueError("CBOR head argument out of range: %r" % value)
    if value < 24:
        return bytes([major << 5 | value])
    for ai, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * width):
            return bytes([major << 5 | ai]) + value.to_bytes(width, "big")
    raise AssertionError("unreachable")


def dumps(obj):
    """The CBOR encoding of obj."""
    if isinstance(obj, Raw):
        return obj.data
    if isinstance(obj, Tag):
        return _head(6, obj.tag) + dumps(obj.item)
    if obj is False:
        return b"\xf4"
    if obj is True:
        return b"\xf5"
    if obj is None:
        return b"\xf6"
    if isinstance(obj, int):
        return _head(0, obj) if obj >= 0 else _head(1, -1 - obj)
    if isinstance(obj, float):
        return b"\xfb" + struct.pack(">d", obj)
    if isinstance(obj, (bytes, bytearray)):
        return _head(2, len(obj)) + bytes(obj)
    if isinstance(obj, str):
        data = obj.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(obj, (list, tuple)):
        return _head(4, len(obj)) + b"".join(dumps(x) for x in obj)
    if isinstance(obj, dict):
        return _head(5, len(obj)) + b"".join(dumps(k) + dumps(v) for k, v in obj.items())
    raise TypeError("cannot encode %r as CBOR" % type(obj))


def _selftest():
    # RFC 8949 Appendix A examples.
    cases = [
        (0, "00"), (23, "17"), (24, "1818"), (1000, "1903e8"), (1000000, "1a000f4240"),
        (18446744073709551615, "1bffffffffffffffff"), (-1, "20"), (-1000, "3903e7"),
        (1.1, "fb3ff199999999999a"), (False, "f4"), (None, "f6"), (b"\x01\x02\x03\x04", "4401020304"),
        ("IETF", "6449455446"), ([1, [2, 3], [4, 5]], "8301820203820405"),
        ({1: 2, 3: 4}, "a201020304"), ({"a": 1, "b": [2, 3]}, "a26161016162820203"),
        (Tag(1, 1363896240), "c11a514b67b0"),
    ]
    for value, hexstr in cases:
        got = dumps(value).hex()
        if got != hexstr:
            raise AssertionError("CBOR encoding of %r: %s, expected %s" % (value, got, hexstr))


_selftest()
