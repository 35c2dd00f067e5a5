"""Sealing personal data at rest: AES-GCM envelopes and a keyed blind index.

Every sealed value is bound to where it is stored (the associated data names the table, column
and row), so a ciphertext copied into another row does not open. Look-ups by ID number use an
HMAC of the normalised number, which finds a person's cases without the number being stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE = 12
_VERSION = b"\x01"


class SealBroken(Exception):
    """A sealed value does not open: wrong key, or the bytes were altered."""


class Sealer:
    """Seal and open values with one AES-256-GCM key and one index key."""

    def __init__(self, seal_key: bytes, index_key: bytes) -> None:
        self._aead = AESGCM(seal_key)
        self._index_key = index_key

    def seal(self, plaintext: bytes, *, context: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def open(self, blob: bytes, *, context: str) -> bytes:
        """:raises SealBroken: if the blob was altered or sealed for another context."""
        if not blob or blob[:1] != _VERSION or len(blob) < 1 + _NONCE + 16:
            raise SealBroken(f"sealed value for {context} is malformed")
        nonce, body = blob[1 : 1 + _NONCE], blob[1 + _NONCE :]
        try:
            return self._aead.decrypt(nonce, body, context.encode())
        except InvalidTag as exc:
            raise SealBroken(f"sealed value for {context} does not open") from exc

    def seal_json(self, value: Any, *, context: str) -> bytes:
        return self.seal(canonical_json(value), context=context)

    def open_json(self, blob: bytes, *, context: str) -> Any:
        return json.loads(self.open(blob, context=context))

    def blind_index(self, value: str) -> str:
        """A stable keyed digest of a normalised identifier, for equality look-ups."""
        digest = hmac.new(self._index_key, value.strip().upper().encode(), hashlib.sha256)
        return digest.hexdigest()[:32]


def canonical_json(value: Any) -> bytes:
    """JSON with sorted keys and no spaces: the bytes that content hashes are taken over."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def content_hash(value: Any) -> str:
    """SHA-256 of the canonical JSON of a value, hex."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
