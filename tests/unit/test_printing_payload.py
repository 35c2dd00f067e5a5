"""Signed receipt payloads: round trip, tampering, truncation, foreign keys, hostile input."""

from __future__ import annotations

import base45
import cbor2
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printing.payload import (
    PREFIX,
    ReceiptClaim,
    ReceiptInvalid,
    content_digest,
    sign_receipt,
    verify_receipt,
)

BASE45_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
QR_ALPHANUMERIC = set(BASE45_ALPHABET)
DEVICE = "KIOSK-3301-0007"

# One key pair for the whole module: Ed25519 keys are cheap, but hypothesis runs many examples.
KEY = Ed25519PrivateKey.generate()


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


KEYS = {DEVICE: raw_public(KEY)}


def make_claim(**changes: object) -> ReceiptClaim:
    fields: dict[str, object] = {
        "case_id": "0b6f1c2e-8d4a-4c1b-9e2f-3a5b7c9d1e2f",
        "case_number": "3301-0007-0000042-3",
        "service_code": "residence-certificate",
        "device_id": DEVICE,
        "issued_at": 1_795_327_500,
        "content_digest": content_digest(b'{"applicant_name": "x"}'),
    }
    fields.update(changes)
    return ReceiptClaim(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def payload() -> str:
    return sign_receipt(make_claim(), KEY)


def test_round_trip_returns_the_signed_claim(payload: str) -> None:
    assert verify_receipt(payload, KEYS) == make_claim()


def test_payload_is_compact_qr_alphanumeric_ascii(payload: str) -> None:
    assert payload.startswith("SH1:")
    assert payload.isascii()
    assert set(payload) <= QR_ALPHANUMERIC
    assert len(payload) < 300


def test_content_digest_is_first_16_bytes_of_sha256() -> None:
    import hashlib

    assert content_digest(b"abc") == hashlib.sha256(b"abc").digest()[:16]
    assert len(content_digest(b"")) == 16


def test_case_id_is_normalised_so_round_trip_is_exact() -> None:
    claim = make_claim(case_id="0B6F1C2E8D4A4C1B9E2F3A5B7C9D1E2F")
    assert claim.case_id == "0b6f1c2e-8d4a-4c1b-9e2f-3a5b7c9d1e2f"
    assert verify_receipt(sign_receipt(claim, KEY), KEYS) == claim


@pytest.mark.parametrize(
    "changes",
    [
        {"case_id": "not-a-uuid"},
        {"content_digest": b"short"},
        {"issued_at": -1},
        {"issued_at": True},
        {"device_id": ""},
        {"case_number": "x" * 65},
    ],
)
def test_claim_rejects_out_of_shape_fields(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        make_claim(**changes)


def test_every_single_character_change_is_rejected(payload: str) -> None:
    rejected = 0
    for position in range(len(PREFIX), len(payload)):
        original = payload[position]
        index = BASE45_ALPHABET.index(original)
        for replacement in {
            BASE45_ALPHABET[(index + 1) % 45],
            BASE45_ALPHABET[(index + 22) % 45],
            original.lower() if original.isalpha() else "#",
        }:
            tampered = payload[:position] + replacement + payload[position + 1 :]
            with pytest.raises(ReceiptInvalid):
                verify_receipt(tampered, KEYS)
            rejected += 1
    assert rejected >= 2 * (len(payload) - len(PREFIX))


def test_a_changed_field_with_the_old_signature_is_reported_as_altered(payload: str) -> None:
    items = cbor2.loads(base45.b45decode(payload[len(PREFIX) :]))
    items[2] = "3301-0007-0000043-1"
    forged = PREFIX + base45.b45encode(cbor2.dumps(items, canonical=True)).decode()
    with pytest.raises(ReceiptInvalid, match="signature does not match"):
        verify_receipt(forged, KEYS)


def test_every_truncation_is_rejected(payload: str) -> None:
    for length in range(len(payload)):
        with pytest.raises(ReceiptInvalid):
            verify_receipt(payload[:length], KEYS)


def test_truncated_payload_says_damaged_or_incomplete(payload: str) -> None:
    with pytest.raises(ReceiptInvalid, match="damaged or incomplete"):
        verify_receipt(payload[:-7], KEYS)


def test_extra_characters_are_rejected(payload: str) -> None:
    for suffix in ("0", "00", "000", " "):
        with pytest.raises(ReceiptInvalid):
            verify_receipt(payload + suffix, KEYS)


def test_wrong_prefix_is_not_a_servicehall_receipt(payload: str) -> None:
    for text in ("https://example.org/x", "SH2:" + payload[4:], payload[4:], ""):
        with pytest.raises(ReceiptInvalid, match="not a servicehall receipt"):
            verify_receipt(text, KEYS)


def test_unknown_device_is_named() -> None:
    stranger = Ed25519PrivateKey.generate()
    text = sign_receipt(make_claim(device_id="KIOSK-9999-0001"), stranger)
    with pytest.raises(ReceiptInvalid, match="unknown device 'KIOSK-9999-0001'"):
        verify_receipt(text, KEYS)


def test_another_key_under_the_same_device_id_fails_the_signature() -> None:
    impostor = Ed25519PrivateKey.generate()
    text = sign_receipt(make_claim(), impostor)
    with pytest.raises(ReceiptInvalid) as caught:
        verify_receipt(text, KEYS)
    assert caught.value.reason == (
        "signature does not match: the receipt was altered or not issued by this device"
    )


def test_broken_key_on_file_is_reported_not_raised_raw(payload: str) -> None:
    with pytest.raises(ReceiptInvalid, match="public key on file"):
        verify_receipt(payload, {DEVICE: b"\x00" * 5})


def test_other_format_versions_are_refused_with_a_clear_reason(payload: str) -> None:
    items = cbor2.loads(base45.b45decode(payload[len(PREFIX) :]))
    items[0] = 3  # 1 is Ed25519, 2 names its suite; 3 does not exist yet
    text = PREFIX + base45.b45encode(cbor2.dumps(items, canonical=True)).decode()
    with pytest.raises(ReceiptInvalid, match="version 3 is not supported"):
        verify_receipt(text, KEYS)


def test_non_canonical_encoding_is_rejected(payload: str) -> None:
    raw = base45.b45decode(payload[len(PREFIX) :])
    assert raw[0] == 0x88 and raw[1] == 0x01
    # The same array with the version as a two-byte integer: decodes to equal values.
    padded = raw[:1] + b"\x19\x00\x01" + raw[2:]
    assert cbor2.loads(padded) == cbor2.loads(raw)
    with pytest.raises(ReceiptInvalid, match="damaged"):
        verify_receipt(PREFIX + base45.b45encode(padded).decode(), KEYS)


def test_malformed_content_is_named(payload: str) -> None:
    for value in ([1, 2, 3], {"a": 1}, "text", [1] * 8, None):
        text = PREFIX + base45.b45encode(cbor2.dumps(value, canonical=True)).decode()
        with pytest.raises(ReceiptInvalid, match="malformed"):
            verify_receipt(text, KEYS)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cbor_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.binary(max_size=80)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=9) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text_only_raises_receipt_invalid(text: str) -> None:
    with pytest.raises(ReceiptInvalid):
        verify_receipt(text, KEYS)


@FUZZ
@given(st.text(alphabet=BASE45_ALPHABET, max_size=400))
def test_arbitrary_base45_text_only_raises_receipt_invalid(text: str) -> None:
    with pytest.raises(ReceiptInvalid):
        verify_receipt(PREFIX + text, KEYS)


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_receipt_invalid(data: bytes) -> None:
    with pytest.raises(ReceiptInvalid):
        verify_receipt(PREFIX + base45.b45encode(data).decode(), KEYS)


@FUZZ
@given(cbor_values)
def test_arbitrary_cbor_only_raises_receipt_invalid(value: object) -> None:
    text = PREFIX + base45.b45encode(cbor2.dumps(value)).decode()
    with pytest.raises(ReceiptInvalid):
        verify_receipt(text, KEYS)


@FUZZ
@given(
    st.tuples(
        st.integers(min_value=0, max_value=3),
        st.binary(min_size=16, max_size=16),
        st.text(min_size=1, max_size=20),
        st.text(min_size=1, max_size=20),
        st.sampled_from([DEVICE, "KIOSK-OTHER"]),
        st.integers(min_value=0, max_value=2**40),
        st.binary(min_size=16, max_size=16),
        st.binary(min_size=64, max_size=64),
    )
)
def test_well_shaped_but_unsigned_arrays_are_rejected(items: tuple[object, ...]) -> None:
    text = PREFIX + base45.b45encode(cbor2.dumps(list(items), canonical=True)).decode()
    with pytest.raises(ReceiptInvalid):
        verify_receipt(text, KEYS)


@FUZZ
@given(st.data())
def test_byte_flips_inside_a_genuine_payload_are_rejected(data: st.DataObject) -> None:
    raw = bytearray(base45.b45decode(sign_receipt(make_claim(), KEY)[len(PREFIX) :]))
    position = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
    flip = data.draw(st.integers(min_value=1, max_value=255))
    raw[position] ^= flip
    with pytest.raises(ReceiptInvalid):
        verify_receipt(PREFIX + base45.b45encode(bytes(raw)).decode(), KEYS)


def test_non_text_input_is_not_a_receipt() -> None:
    for value in (b"SH1:ABC", None, 42):
        with pytest.raises(ReceiptInvalid):
            verify_receipt(value, KEYS)  # type: ignore[arg-type]
