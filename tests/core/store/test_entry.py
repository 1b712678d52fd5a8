"""core.store.entry: the one format of a cache entry, checked on every read."""

from __future__ import annotations

import pytest

from tuyengiao.core.store import BadEntry, CacheStore, as_int, pack, unpack
from tuyengiao.core.store.entry import (
    FORMAT,
    HEADER_SIZE,
    dump_json,
    join_json_bytes,
    load_json,
    split_json_bytes,
)

TAG = "test/1"
PAYLOAD = dump_json({"số": [1, 2, 3], "văn bản": "Nghị quyết"})
ENTRY = pack(TAG, PAYLOAD)


def test_an_entry_gives_back_its_payload() -> None:
    assert unpack(ENTRY, TAG) == PAYLOAD
    assert load_json(unpack(ENTRY, TAG)) == {"số": [1, 2, 3], "văn bản": "Nghị quyết"}


def _other_format(entry: bytes) -> bytes:
    return entry[:8] + (FORMAT + 1).to_bytes(2, "little") + entry[10:]


def _flipped(entry: bytes) -> bytes:
    last = len(entry) - 1
    return entry[:last] + bytes([entry[last] ^ 1])


@pytest.mark.parametrize(("damage", "why"), [
    (lambda e: e[: len(e) // 2], "bytes"),  # truncated
    (lambda e: e[:HEADER_SIZE - 3], "truncated header"),
    (lambda e: b"", "truncated header"),
    (lambda e: e + b"x", "bytes"),  # something appended
    (lambda e: b"\x80\x05garbage" + e[10:], "not an entry"),
    (_flipped, "checksum"),
    (_other_format, "format"),
    (lambda e: pack("test/2", PAYLOAD), "expected 'test/1'"),
])
def test_a_damaged_entry_is_refused(damage, why: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadEntry, match=why):
        unpack(damage(ENTRY), TAG)


@pytest.mark.parametrize("text", [
    b"{", b"[1, 2", b"\xff\xfe", b"NaN", b"[Infinity]", b"1e999", b"[-1e400]",
    b"9" * 5000,  # more digits than Python converts
    b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than the decoder recurses
])
def test_json_that_is_not_plain_values_is_refused(text: bytes) -> None:
    with pytest.raises(BadEntry):
        load_json(text)


def test_json_and_bytes_share_a_payload() -> None:
    payload = join_json_bytes({"n": 3}, b"\x00\x01\x02")
    assert split_json_bytes(payload) == ({"n": 3}, b"\x00\x01\x02")
    with pytest.raises(BadEntry):
        split_json_bytes((10**9).to_bytes(8, "little") + b"{}")


def test_overflowing_numbers_are_a_wrong_shape() -> None:
    assert as_int(5, 0, 10) == 5
    for value in (2**64, -1, True, 1.5, "5"):
        with pytest.raises(BadEntry):
            as_int(value)


def test_the_store_treats_every_damage_as_a_miss(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = CacheStore(tmp_path)
    store.write_json("a/x.entry", TAG, {"n": [1, 2]})
    assert store.read_json("a/x.entry", TAG, lambda v: v["n"]) == [1, 2]
    path = store.path("a/x.entry")
    path.write_bytes(path.read_bytes()[:-2])
    assert store.read_json("a/x.entry", TAG, lambda v: v["n"]) is None
    assert store.damaged and "a/x.entry" in store.damaged[0]
    store.write_json("a/x.entry", TAG, {"n": "not a list"})
    assert store.read_json("a/x.entry", TAG, lambda v: as_int(v["n"])) is None  # wrong shape
    assert store.read_json("a/x.entry", TAG, lambda v: v["m"]) is None  # KeyError
    assert store.read_json("missing.entry", TAG, lambda v: v) is None
    assert len(store.damaged) == 3  # a missing entry is a plain miss


def test_a_large_entry_is_decoded_beside_its_checksum_and_dropped_if_wrong(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = CacheStore(tmp_path)
    big = {"text": "văn bản " * 300_000}  # over the size hashed in a thread
    store.write_json("big.entry", TAG, big)
    assert store.read_json("big.entry", TAG, lambda v: v) == big
    path = store.path("big.entry")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # still JSON, other text: only the checksum tells
    path.write_bytes(bytes(data))
    decoded: list[object] = []
    assert store.read_json("big.entry", TAG, decoded.append) is None
    assert store.damaged == ["big.entry: wrong checksum"]
