"""Content hashes: one function for every key of the cache."""

from __future__ import annotations

import hashlib


def hash_bytes(*parts: bytes) -> str:
    """A hex digest of the parts (each length-prefixed, so ``("ab", "c") != ("a", "bc")``)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def hash_text(*parts: str) -> str:
    """:func:`hash_bytes` of the parts' UTF-8 (lone surrogates of odd file names allowed)."""
    return hash_bytes(*(p.encode("utf-8", "surrogatepass") for p in parts))


def digest16(data: bytes) -> bytes:
    """A 16-byte blake2b digest: the checksum of entries and of files written."""
    return hashlib.blake2b(data, digest_size=16).digest()
