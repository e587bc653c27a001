"""A tiny CBOR (RFC 8949) encoder for the test vectors.

Python values encode canonically (shortest heads, definite lengths, map pairs in the order given):
int -> uint/negint, bytes -> bstr, str -> tstr, list/tuple -> array, dict -> map, bool/None ->
simple 20-22, float -> float64. The wrapper classes below encode what Python values cannot say,
including the non-canonical and ill-formed encodings the hostile vectors need:

  Tag(n, item)                  tag n around item
  Simple(v)                     simple value v (0..255; 24..31 in one byte is ill-formed on purpose)
  Raw(b)                        bytes copied as they are
  Int(v, width)                 an integer with a chosen head width
  Bytes(b, width) / Text(s, width)
  Array(items, width=None, indefinite=False)
  Map(pairs, width=None, indefinite=False)   pairs: a list of (key, value), duplicates allowed

width is the number of bytes after the initial byte: 0 (value in the initial byte), 1, 2, 4 or 8;
None picks the shortest form.
"""

import struct

BREAK = b"\xff"

_WIDTH_AI = {1: 24, 2: 25, 4: 26, 8: 27}


def head(major, value, width=None):
    """The initial byte and argument of a data item of major type `major` (0..7)."""
    if not 0 <= major <= 7:
        raise ValueError("major type out of range")
    if value < 0 or value >= 1 << 64:
        raise ValueError("head argument out of range")
    if width is None:
        if value < 24:
            width = 0
        elif value < 1 << 8:
            width = 1
        elif value < 1 << 16:
            width = 2
        elif value < 1 << 32:
            width = 4
        else:
            width = 8
    if width == 0:
        if value >= 24:
            raise ValueError("value does not fit the initial byte")
        return bytes([major << 5 | value])
    if width not in _WIDTH_AI or value >= 1 << (8 * width):
        raise ValueError("bad head width")
    return bytes([major << 5 | _WIDTH_AI[width]]) + value.to_bytes(width, "big")


def indefinite_head(major):
    """The initial byte of an indefinite-length item (major 2, 3, 4 or 5)."""
    return bytes([major << 5 | 31])


class Raw:
    def __init__(self, data):
        self.data = bytes(data)


class Tag:
    def __init__(self, tag, item, width=None):
        self.tag, self.item, self.width = tag, item, width


class Simple:
    def __init__(self, value):
        self.value = value


class Int:
    def __init__(self, value, width=None):
        self.value, self.width = value, width


class Bytes:
    def __init__(self, data, width=None):
        self.data, self.width = bytes(data), width


class Text:
    def __init__(self, text, width=None):
        self.text, self.width = text, width


class Array:
    def __init__(self, items, width=None, indefinite=False):
        self.items, self.width, self.indefinite = list(items), width, indefinite


class Map:
    def __init__(self, pairs, width=None, indefinite=False):
        self.pairs, self.width, self.indefinite = list(pairs), width, indefinite


def _int(value, width=None):
    if value >= 0:
        return head(0, value, width)
    return head(1, -1 - value, width)


def encode(obj):
    """The CBOR encoding of obj (see the module documentation)."""
    if isinstance(obj, Raw):
        return obj.data
    if obj is False:
        return b"\xf4"
    if obj is True:
        return b"\xf5"
    if obj is None:
        return b"\xf6"
    if isinstance(obj, Int):
        return _int(obj.value, obj.width)
    if isinstance(obj, int):
        return _int(obj)
    if isinstance(obj, float):
        return b"\xfb" + struct.pack(">d", obj)
    if isinstance(obj, Bytes):
        return head(2, len(obj.data), obj.width) + obj.data
    if isinstance(obj, (bytes, bytearray)):
        return head(2, len(obj)) + bytes(obj)
    if isinstance(obj, Text):
        data = obj.text.encode("utf-8")
        return head(3, len(data), obj.width) + data
    if isinstance(obj, str):
        data = obj.encode("utf-8")
        return head(3, len(data)) + data
    if isinstance(obj, Array):
        body = b"".join(encode(i) for i in obj.items)
        if obj.indefinite:
            return indefinite_head(4) + body + BREAK
        return head(4, len(obj.items), obj.width) + body
    if isinstance(obj, (list, tuple)):
        return head(4, len(obj)) + b"".join(encode(i) for i in obj)
    if isinstance(obj, Map):
        body = b"".join(encode(k) + encode(v) for k, v in obj.pairs)
        if obj.indefinite:
            return indefinite_head(5) + body + BREAK
        return head(5, len(obj.pairs), obj.width) + body
    if isinstance(obj, dict):
        return head(5, len(obj)) + b"".join(encode(k) + encode(v) for k, v in obj.items())
    if isinstance(obj, Tag):
        return head(6, obj.tag, obj.width) + encode(obj.item)
    if isinstance(obj, Simple):
        if obj.value < 24:
            return bytes([0xE0 | obj.value])
        return b"\xf8" + bytes([obj.value])
    raise TypeError("cannot encode %r" % type(obj))
