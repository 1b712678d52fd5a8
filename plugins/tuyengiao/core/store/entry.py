"""The one format of a cache entry: a header that is checked, then JSON or bytes.

::

    magic     8 bytes   b"TGSTORE\\n"
    format    2 bytes   FORMAT (little-endian)
    tag size  2 bytes   length of the tag
    size      8 bytes   length of the payload
    checksum 16 bytes   blake2b-128 of tag + payload
    tag                 ASCII: what the payload is and its version, e.g. ``load/1``
    payload             JSON (UTF-8) or bytes the user defines (arrays of the search side file)

Reading checks all of it: the magic, the format, the tag the reader expects,
the exact length (a truncated entry, or one with bytes after it, is damaged)
and the checksum. Nothing read from an entry is executed: JSON is decoded into
plain values and each user checks their shape (:mod:`.shape`).
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from collections.abc import Sequence
from typing import Any

from tuyengiao.core.store.shape import BadEntry

Buffer = bytes | memoryview
MAGIC = b"TGSTORE\n"
FORMAT = 1
_HEADER = struct.Struct("<8sHHQ16s")
HEADER_SIZE = _HEADER.size


def pack(tag: str, payload: Buffer | Sequence[Buffer]) -> bytes:
    """An entry holding ``payload`` (bytes, or parts of it) under ``tag``."""
    return b"".join(pack_parts(tag, payload))


def pack_parts(tag: str, payload: Buffer | Sequence[Buffer]) -> list[Buffer]:
    """The entry of :func:`pack` as parts, to be written one after the other (a large
    payload is neither joined nor copied)."""
    parts = [payload] if isinstance(payload, bytes | memoryview) else list(payload)
    raw_tag = tag.encode("ascii")
    size = sum(len(part) for part in parts)
    header = _HEADER.pack(MAGIC, FORMAT, len(raw_tag), size, payload_checksum(tag, parts))
    return [header, raw_tag, *parts]


def unpack(data: bytes, tag: str) -> memoryview:
    """The payload of an entry (a view of ``data``: large entries are not copied);
    :class:`BadEntry` unless every check passes."""
    payload, checksum = unpack_unchecked(data, tag)
    if payload_checksum(tag, payload) != checksum:
        raise BadEntry("wrong checksum")
    return payload


def payload_checksum(tag: str, payload: Buffer | Sequence[Buffer]) -> bytes:
    """The checksum of a payload (or its parts) under ``tag`` (blake2b-128; for a large
    payload the hash runs without the interpreter lock, so it may run beside decoding)."""
    digest = hashlib.blake2b(tag.encode("ascii"), digest_size=16)
    for part in [payload] if isinstance(payload, bytes | memoryview) else payload:
        digest.update(part)
    return digest.digest()


def unpack_unchecked(data: bytes, tag: str) -> tuple[memoryview, bytes]:
    """The payload and the checksum it must have: every check but the checksum's. The
    caller must compare the checksum before anything decoded from the payload is used."""
    if len(data) < HEADER_SIZE:
        raise BadEntry("truncated header")
    magic, version, tag_size, size, checksum = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise BadEntry("not an entry of the cache store")
    if version != FORMAT:
        raise BadEntry(f"format {version}, expected {FORMAT}")
    raw_tag = data[HEADER_SIZE:HEADER_SIZE + tag_size]
    if raw_tag != tag.encode("ascii"):
        raise BadEntry(f"holds {raw_tag[:40]!r}, expected {tag!r}")
    if len(data) != HEADER_SIZE + tag_size + size:
        raise BadEntry(f"{len(data)} bytes, expected {HEADER_SIZE + tag_size + size}")
    return memoryview(data)[HEADER_SIZE + tag_size:], checksum


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadEntry(f"number out of range: {text[:40]}")
    return value


def _no_constant(text: str) -> Any:
    raise BadEntry(f"not JSON: {text}")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dump_json(value: Any) -> bytes:
    """Compact JSON (UTF-8, no NaN)."""
    return _ENCODER.encode(value).encode("utf-8")


def load_json(payload: bytes | memoryview) -> Any:
    """Plain values (dict, list, str, int, float, bool, None) of JSON; BadEntry otherwise."""
    try:
        return json.loads(str(payload, "utf-8"), parse_float=_finite,
                          parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:  # bad UTF-8 or JSON, a 5,000-digit number
        raise BadEntry(f"not JSON: {error}") from None


def join_json_bytes(value: Any, data: Buffer | Sequence[Buffer]) -> bytes:
    """A payload of JSON followed by bytes (long texts, arrays) it refers to by offset:
    8 bytes of the JSON's length, the JSON, the bytes."""
    return b"".join(json_bytes_parts(value, data))


def json_bytes_parts(value: Any, data: Buffer | Sequence[Buffer]) -> list[Buffer]:
    """The payload of :func:`join_json_bytes` as parts (``data`` may be parts)."""
    head = dump_json(value)
    parts = [data] if isinstance(data, bytes | memoryview) else list(data)
    return [len(head).to_bytes(8, "little"), head, *parts]


def split_json_bytes(payload: bytes | memoryview) -> tuple[Any, memoryview]:
    """The JSON value and the bytes (a view) of a :func:`join_json_bytes` payload."""
    view = memoryview(payload)
    size = int.from_bytes(view[:8], "little")
    if len(view) < 8 or size > len(view) - 8:
        raise BadEntry("JSON part longer than the entry")
    return load_json(view[8:8 + size]), view[8 + size:]
