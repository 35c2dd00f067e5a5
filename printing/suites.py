"""Signature suites for receipt codes: Ed25519 by default, SM2 with SM3 where required.

A deployment that must pass a commercial-cryptography assessment (密评) signs receipts with SM2
(GB/T 32918, with the SM3 digest and the standard default user id); every other deployment uses
Ed25519. The suite is recorded in each receipt code, so a verifier never guesses: this module
maps suite names to their number in the payload, signs with either kind of private key, and
verifies a signature given the raw public key bytes the platform publishes (32 bytes for Ed25519,
64 bytes `x‖y` — optionally prefixed by 0x04 — for SM2). Every malformed key or signature ends in
`SuiteError` or a False result, never another exception.
"""

from __future__ import annotations

import secrets
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ED25519: Final = "ed25519"
SM2: Final = "sm2-sm3"
SUITES: Final = (ED25519, SM2)
SUITE_IDS: Final = {ED25519: 1, SM2: 2}
"""The number that stands for each suite inside a receipt code."""
SUITE_NAMES: Final = {number: name for name, number in SUITE_IDS.items()}

SIGNATURE_SIZE: Final = 64
"""Both suites produce 64-byte signatures (Ed25519's R‖S, SM2's r‖s)."""

# SM2 recommended curve parameters (GB/T 32918.5).
_P = int("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16)
_A = int("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC", 16)
_B = int("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93", 16)
_N = int("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", 16)


class SuiteError(ValueError):
    """An unknown suite, or a key that is not a valid key of its suite."""


class Sm2PrivateKey:
    """An SM2 signing key (a 32-byte secret scalar); signs with SM3 and the default user id."""

    def __init__(self, secret: bytes) -> None:
        if not isinstance(secret, bytes) or len(secret) != 32:
            raise SuiteError("an SM2 private key is 32 bytes")
        d = int.from_bytes(secret, "big")
        if not 1 <= d <= _N - 2:
            raise SuiteError("the SM2 private key is out of range")
        self._secret = secret
        self._public = _sm2_public_point(secret)

    @classmethod
    def generate(cls) -> Sm2PrivateKey:
        while True:
            secret = secrets.token_bytes(32)
            if 1 <= int.from_bytes(secret, "big") <= _N - 2:
                return cls(secret)

    def private_bytes(self) -> bytes:
        return self._secret

    def public_bytes(self) -> bytes:
        """The public point as 64 bytes, `x‖y`."""
        return self._public

    def sign(self, message: bytes) -> bytes:
        """SM2 signature (r‖s, 64 bytes) over SM3(Z‖message)."""
        from gmssl import sm2

        signer = sm2.CryptSM2(private_key=self._secret.hex(), public_key=self._public.hex())
        while True:
            # gmssl returns None for the (negligibly rare) k that gives r = 0 or s = 0.
            signature = signer.sign_with_sm3(message, secrets.token_hex(32))
            if signature:
                return bytes.fromhex(signature)

    def __repr__(self) -> str:  # never show the secret
        return "Sm2PrivateKey(<secret>)"


SigningKey = Ed25519PrivateKey | Sm2PrivateKey


def suite_of(private_key: SigningKey) -> str:
    """The suite a private key signs in. :raises SuiteError: for any other kind of key."""
    if isinstance(private_key, Ed25519PrivateKey):
        return ED25519
    if isinstance(private_key, Sm2PrivateKey):
        return SM2
    raise SuiteError(f"receipts cannot be signed with a {type(private_key).__name__}")


def sign(private_key: SigningKey, message: bytes) -> bytes:
    """Sign `message` in the key's suite; the result is always 64 bytes."""
    if isinstance(private_key, Sm2PrivateKey):
        return private_key.sign(message)
    suite_of(private_key)
    return private_key.sign(message)


def public_key_bytes(private_key: SigningKey) -> bytes:
    """The raw public key a verifier needs, in the form the platform publishes."""
    if isinstance(private_key, Sm2PrivateKey):
        return private_key.public_bytes()
    suite_of(private_key)
    return private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def check_public_key(suite: str, raw: bytes) -> bytes:
    """Return the canonical form of a raw public key of `suite`.

    :raises SuiteError: if the suite is unknown or the bytes are not a valid key of it.
    """
    if not isinstance(raw, (bytes, bytearray)):
        raise SuiteError("a public key must be bytes")
    raw = bytes(raw)
    if suite == ED25519:
        try:
            Ed25519PublicKey.from_public_bytes(raw)
        except ValueError as exc:
            raise SuiteError("not a valid Ed25519 public key (32 bytes expected)") from exc
        return raw
    if suite == SM2:
        if len(raw) == 65 and raw[0] == 4:
            raw = raw[1:]
        if len(raw) != 64 or not _on_curve(raw):
            raise SuiteError("not a valid SM2 public key (a 64-byte point on the SM2 curve)")
        return raw
    raise SuiteError(f"unknown signature suite {suite!r}; known: {', '.join(SUITES)}")


def verify(suite: str, public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True if `signature` over `message` checks out under `public_key` in `suite`.

    :raises SuiteError: if the suite is unknown or the key is not a valid key of the suite.
    """
    key = check_public_key(suite, public_key)
    if not isinstance(signature, bytes) or len(signature) != SIGNATURE_SIZE:
        return False
    if suite == ED25519:
        try:
            Ed25519PublicKey.from_public_bytes(key).verify(signature, message)
        except InvalidSignature:
            return False
        return True
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:], "big")
    if not (1 <= r < _N and 1 <= s < _N):
        return False
    from gmssl import sm2

    try:
        return bool(sm2.CryptSM2(private_key=None, public_key=key.hex())
                    .verify_with_sm3(signature.hex(), message))
    except Exception:  # the library's arithmetic on hostile values: a failed check, not a crash
        return False


def _on_curve(point: bytes) -> bool:
    x = int.from_bytes(point[:32], "big")
    y = int.from_bytes(point[32:], "big")
    if not (0 <= x < _P and 0 <= y < _P):
        return False
    return (y * y - (x * x * x + _A * x + _B)) % _P == 0


def _sm2_public_point(secret: bytes) -> bytes:
    from gmssl import sm2

    point = sm2.CryptSM2(private_key=secret.hex(), public_key="")._kg(
        int.from_bytes(secret, "big"), sm2.default_ecc_table["g"]
    )
    return bytes.fromhex(point)
