"""The signed text in a receipt's QR code, and its offline verification.

A receipt's QR code carries `SH1:` followed by base45 text — only characters of the QR
alphanumeric set, so the code stays small and zbar reads it back unchanged (it mangles UTF-8).
The base45 encodes a canonical CBOR array `[1, case UUID (16 bytes), case number, service code,
device id, issued at (unix seconds), content digest (16 bytes), signature (64 bytes)]`; the
Ed25519 signature covers the canonical CBOR encoding of the first seven items. Any kiosk, or the
platform, that holds the issuing device's public key can therefore tell a genuine receipt from an
altered or forged one without a network.

Deployments that use Chinese commercial cryptography sign with SM2 (`printing.suites`); their codes
carry format version 2, which names the suite: `[2, suite number, case UUID, …, signature]`, the
signature covering the canonical CBOR of every item before it. Version 1 means Ed25519, so codes
already printed keep verifying. Verification treats its input as hostile: whatever the text, it
either returns the claim or raises `ReceiptInvalid` with a reason a person can act on.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import base45
import cbor2

from printing import suites
from printing.suites import ED25519, SigningKey, SuiteError

PREFIX = "SH1:"
VERSION = 1
"""Format of Ed25519 codes (the suite is implied)."""
SUITED_VERSION = 2
"""Format that names its suite; used for every suite but Ed25519."""
DIGEST_SIZE = 16
SIGNATURE_SIZE = 64
MAX_FIELD_LENGTH = 64
"""Longest case number, service code or device id a receipt carries (characters)."""

# A genuine payload is about 250 characters; anything much longer is not one of ours, and
# refusing it early bounds the work done on hostile input.
_MAX_TEXT_LENGTH = 1024
_ITEM_COUNT = {VERSION: 8, SUITED_VERSION: 9}

PublicKeys = Mapping[str, bytes] | Mapping[str, Mapping[str, bytes]]
"""Device id → its raw public key, or → {suite name: raw public key} for several suites."""


class ReceiptInvalid(Exception):
    """A receipt code that cannot be trusted; `reason` says why, for the person checking it.

    `kind` names the failure for a screen that words it for the public: `not_receipt`,
    `damaged`, `malformed`, `unsupported`, `unknown_device`, `bad_key` or `bad_signature`.
    """

    def __init__(self, reason: str, kind: str = "malformed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


@dataclass(frozen=True)
class ReceiptClaim:
    """What a receipt vouches for: this case was accepted by this device at this time.

    `case_id` is the case's UUID as a string (normalised to lower-case hyphenated form);
    `content_digest` is `content_digest(submitted content)`.

    :raises ValueError: if a field is out of shape (wrong type, empty, too long, bad UUID).
    """

    case_id: str
    case_number: str
    service_code: str
    device_id: str
    issued_at: int
    content_digest: bytes

    def __post_init__(self) -> None:
        try:
            normalised = str(uuid.UUID(self.case_id))
        except (ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"case_id must be a UUID string, got {self.case_id!r}") from exc
        object.__setattr__(self, "case_id", normalised)
        for name in ("case_number", "service_code", "device_id"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string")
            if len(value) > MAX_FIELD_LENGTH:
                raise ValueError(f"{name} is longer than {MAX_FIELD_LENGTH} characters")
        if isinstance(self.issued_at, bool) or not isinstance(self.issued_at, int):
            raise ValueError("issued_at must be an int (unix seconds)")
        if self.issued_at < 0:
            raise ValueError("issued_at must not be negative")
        if not isinstance(self.content_digest, bytes) or len(self.content_digest) != DIGEST_SIZE:
            raise ValueError(f"content_digest must be {DIGEST_SIZE} bytes")


def content_digest(content: bytes) -> bytes:
    """The first 16 bytes of the SHA-256 of the submitted content, as carried on a receipt."""
    return hashlib.sha256(content).digest()[:DIGEST_SIZE]


def sign_receipt(claim: ReceiptClaim, private_key: SigningKey) -> str:
    """Sign `claim` with the device key and return the ASCII text for the receipt's QR code.

    The suite follows the key: an `Ed25519PrivateKey` gives a version 1 code, a
    `printing.suites.Sm2PrivateKey` a version 2 code naming SM2. The text is `SH1:` + base45,
    about 250 characters, all in the QR alphanumeric set.

    :raises printing.suites.SuiteError: for a key of no supported suite.
    """
    suite = suites.suite_of(private_key)
    body = _claim_items(claim, suite)
    signature = suites.sign(private_key, _canonical(body))
    encoded: bytes = base45.b45encode(_canonical([*body, signature]))
    return PREFIX + encoded.decode("ascii")


def verify_receipt(text: str, public_keys: PublicKeys) -> ReceiptClaim:
    """Check a receipt code and return the claim it carries.

    :param text: the text read from the QR code.
    :param public_keys: device id → raw public key of that device (32 bytes for Ed25519), or
        device id → {suite name: raw public key}.
    :raises ReceiptInvalid: if the text is not a servicehall receipt, is damaged or truncated,
        has malformed content, names a device with no key in `public_keys`, or its signature
        does not match.
    """
    return verify_receipt_suite(text, public_keys)[0]


def verify_receipt_suite(text: str, public_keys: PublicKeys) -> tuple[ReceiptClaim, str]:
    """Like `verify_receipt`, and also return the name of the suite the code was signed in."""
    items = _decode(text)
    suite, fields = _split_suite(items)
    claim = _parse_claim(fields)
    signature: bytes = fields[6]
    raw_key = _key_for(public_keys, claim.device_id, suite)
    if raw_key is None:
        raise ReceiptInvalid(
            f"unknown device {claim.device_id!r}: no {suite} public key for it is on file here, "
            "so the receipt cannot be checked; sync the device keys from the platform and try "
            "again",
            "unknown_device",
        )
    try:
        good = suites.verify(suite, raw_key, signature, _canonical(items[:-1]))
    except SuiteError as exc:
        raise ReceiptInvalid(
            f"the public key on file for device {claim.device_id!r} is not a valid {suite} "
            "key; ask the administrator to sync the device keys again",
            "bad_key",
        ) from exc
    if not good:
        raise ReceiptInvalid(
            "signature does not match: the receipt was altered or not issued by this device",
            "bad_signature",
        )
    return claim, suite


def _key_for(public_keys: PublicKeys, device_id: str, suite: str) -> bytes | None:
    try:
        entry = public_keys.get(device_id)
    except Exception:  # a mapping with odd keys is no key at all
        return None
    if isinstance(entry, (bytes, bytearray)):
        return bytes(entry)
    if isinstance(entry, Mapping):
        key = entry.get(suite)
        return bytes(key) if isinstance(key, (bytes, bytearray)) else None
    return None


def _claim_items(claim: ReceiptClaim, suite: str = ED25519) -> list[Any]:
    head: list[Any] = [VERSION] if suite == ED25519 else [SUITED_VERSION, suites.SUITE_IDS[suite]]
    return [
        *head,
        uuid.UUID(claim.case_id).bytes,
        claim.case_number,
        claim.service_code,
        claim.device_id,
        claim.issued_at,
        claim.content_digest,
    ]


def _canonical(items: list[Any]) -> bytes:
    return cbor2.dumps(items, canonical=True)


def _decode(text: object) -> list[Any]:
    """Undo base45 and CBOR, insisting on exactly the canonical bytes a signer produces."""
    if not isinstance(text, str) or not text.startswith(PREFIX):
        raise ReceiptInvalid(
            f"not a servicehall receipt: the code does not start with {PREFIX}; "
            "check that the right QR code was scanned",
            "not_receipt",
        )
    if len(text) > _MAX_TEXT_LENGTH:
        raise ReceiptInvalid(
            "not a servicehall receipt: the code is far longer than any receipt code",
            "not_receipt",
        )
    damaged = (
        "the receipt code is damaged or incomplete; scan it again, or look the case up by its "
        "case number"
    )
    try:
        raw = base45.b45decode(text[len(PREFIX) :])
    except Exception as exc:  # base45 raises ValueError, but hostile text may find others
        raise ReceiptInvalid(damaged, "damaged") from exc
    try:
        items = cbor2.loads(raw, max_depth=4, allow_indefinite=False)
    except Exception as exc:  # hostile bytes can trip any decoder error; all mean "damaged"
        raise ReceiptInvalid(damaged, "damaged") from exc
    if not isinstance(items, list) or not items:
        raise ReceiptInvalid("the receipt code has malformed content: expected a list of items")
    version = items[0]
    if type(version) is int and version not in _ITEM_COUNT:
        raise ReceiptInvalid(
            f"receipt format version {version} is not supported by this software; "
            "update the application or verify the receipt at the platform",
            "unsupported",
        )
    expected = _ITEM_COUNT.get(version) if type(version) is int else None
    if expected is None or len(items) != expected:
        raise ReceiptInvalid(
            "the receipt code has malformed content: wrong number of items"
        )
    try:
        canonical = _canonical(items)
    except Exception:  # decoded values that cannot be re-encoded are not ours either
        canonical = b""
    if canonical != raw:
        # Trailing bytes or a non-canonical encoding: not something a device produced.
        raise ReceiptInvalid(damaged, "damaged")
    return items


def _split_suite(items: list[Any]) -> tuple[str, list[Any]]:
    """The suite a decoded code names, and its claim fields (UUID … signature)."""
    if items[0] == VERSION:
        return ED25519, items[1:]
    suite = suites.SUITE_NAMES.get(items[1]) if type(items[1]) is int else None
    if suite is None or suite == ED25519:
        raise ReceiptInvalid(
            "the receipt code names a signature suite this software does not know; update the "
            "application or verify the receipt at the platform",
            "unsupported",
        )
    return suite, items[2:]


def _parse_claim(fields: list[Any]) -> ReceiptClaim:
    shapes = (
        _is_bytes(fields[0], 16),
        all(_is_field(fields[i]) for i in (1, 2, 3)),
        type(fields[4]) is int and fields[4] >= 0,
        _is_bytes(fields[5], DIGEST_SIZE),
        _is_bytes(fields[6], SIGNATURE_SIZE),
    )
    if not all(shapes):
        raise ReceiptInvalid(
            "the receipt code has malformed content: a field has the wrong type or size"
        )
    try:
        return ReceiptClaim(
            case_id=str(uuid.UUID(bytes=fields[0])),
            case_number=fields[1],
            service_code=fields[2],
            device_id=fields[3],
            issued_at=fields[4],
            content_digest=fields[5],
        )
    except ValueError as exc:
        raise ReceiptInvalid(f"the receipt code has malformed content: {exc}") from exc


def _is_bytes(value: object, size: int) -> bool:
    return type(value) is bytes and len(value) == size


def _is_field(value: object) -> bool:
    return type(value) is str and 0 < len(value) <= MAX_FIELD_LENGTH and bool(value.strip())
