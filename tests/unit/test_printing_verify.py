"""Verifying receipts from PDFs, images and text, in both suites; hostile input fails clearly."""

from __future__ import annotations

import base45
import cbor2
import pytest
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printing.keycache import KeyCacheError, load_device_keys, save_device_keys
from printing.payload import PREFIX, sign_receipt, verify_receipt
from printing.pdfdraw import render_document
from printing.suites import ED25519, SM2, Sm2PrivateKey, SuiteError, public_key_bytes
from printing.verify import verify_file, verify_text
from tests.unit.printing_samples import CASE_NUMBER, DEVICE, claim_for, documents

ED_KEY = Ed25519PrivateKey.generate()
SM2_KEY = Sm2PrivateKey.generate()
CLAIM = claim_for(CASE_NUMBER)
ED_TEXT = sign_receipt(CLAIM, ED_KEY)
SM2_TEXT = sign_receipt(CLAIM, SM2_KEY)
BOTH = {DEVICE: {ED25519: public_key_bytes(ED_KEY), SM2: public_key_bytes(SM2_KEY)}}


@pytest.mark.parametrize("text", [ED_TEXT, SM2_TEXT], ids=[ED25519, SM2])
def test_each_suite_verifies_and_names_itself(text: str) -> None:
    verdict = verify_text(text, BOTH)
    assert verdict.valid and verdict.case_number == CASE_NUMBER and verdict.issuer == DEVICE
    assert verdict.suite == (ED25519 if text == ED_TEXT else SM2)
    assert verdict.issued_at is not None and int(verdict.issued_at.timestamp()) == CLAIM.issued_at


def test_sm2_code_is_ascii_qr_alphanumeric_and_compact() -> None:
    assert SM2_TEXT.startswith(PREFIX) and SM2_TEXT.isascii() and len(SM2_TEXT) < 300
    items = cbor2.loads(base45.b45decode(SM2_TEXT[len(PREFIX):]))
    assert items[:2] == [2, 2]  # format 2, suite 2 = SM2


def test_ed25519_codes_keep_the_first_format() -> None:
    assert cbor2.loads(base45.b45decode(ED_TEXT[len(PREFIX):]))[0] == 1
    assert verify_receipt(ED_TEXT, {DEVICE: public_key_bytes(ED_KEY)}) == CLAIM


def test_a_key_of_the_other_suite_is_a_clear_failure() -> None:
    verdict = verify_text(SM2_TEXT, {DEVICE: public_key_bytes(ED_KEY)})
    assert not verdict.valid and "not a valid sm2-sm3 key" in verdict.reason
    verdict = verify_text(SM2_TEXT, {DEVICE: {ED25519: public_key_bytes(ED_KEY)}})
    assert not verdict.valid and "unknown device" in verdict.reason


def test_sm2_signature_by_another_sm2_key_fails() -> None:
    other = {DEVICE: {SM2: public_key_bytes(Sm2PrivateKey.generate())}}
    assert "signature does not match" in verify_text(SM2_TEXT, other).reason


def flip(text: str, index: int) -> str:
    raw = bytearray(base45.b45decode(text[len(PREFIX):]))
    raw[index] ^= 0x01
    return PREFIX + base45.b45encode(bytes(raw)).decode()


@pytest.mark.parametrize("text", [ED_TEXT, SM2_TEXT], ids=[ED25519, SM2])
def test_one_changed_byte_anywhere_fails_clearly(text: str) -> None:
    size = len(base45.b45decode(text[len(PREFIX):]))
    for index in range(size):
        verdict = verify_text(flip(text, index), BOTH)
        assert not verdict.valid, index
        assert verdict.reason and "Traceback" not in verdict.reason


@pytest.mark.parametrize("cut", [1, 5, 40, 120, 200])
def test_truncated_codes_fail_as_damaged(cut: int) -> None:
    verdict = verify_text(SM2_TEXT[:-cut], BOTH)
    assert not verdict.valid
    assert "damaged" in verdict.reason or "malformed" in verdict.reason


def test_unknown_device_names_the_device() -> None:
    stranger = sign_receipt(claim_for("3301-9999-0000001-0").__class__(
        CLAIM.case_id, CLAIM.case_number, CLAIM.service_code, "KIOSK-STRANGER", CLAIM.issued_at,
        CLAIM.content_digest), ED_KEY)
    verdict = verify_text(stranger, BOTH)
    assert not verdict.valid and "KIOSK-STRANGER" in verdict.reason


def test_foreign_qr_codes_are_not_receipts() -> None:
    for text in ("https://example.com/", "WIFI:S:hall;T:WPA;P:x;;", "", "SH1:"):
        verdict = verify_text(text, BOTH)
        assert not verdict.valid and verdict.reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_behind_the_prefix_never_raise(raw: bytes) -> None:
    verdict = verify_text(PREFIX + base45.b45encode(raw).decode(), BOTH)
    assert not verdict.valid and verdict.reason


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=50), st.integers(), st.none()))
def test_any_value_at_all_never_raises(value: object) -> None:
    assert not verify_text(value, BOTH).valid


def test_verify_file_reads_pdf_and_png(tmp_path) -> None:  # type: ignore[no-untyped-def]
    document, claim = documents(SM2_KEY)["ticket"]
    pdf = render_document(document, tmp_path / "ticket.pdf", "58mm")
    verdict = verify_file(pdf, BOTH)
    assert verdict.valid and verdict.claim == claim and verdict.suite == SM2
    png = tmp_path / "code.png"
    segno.make(ED_TEXT, error="m", micro=False).save(png, scale=5)
    assert verify_file(png, BOTH).case_number == CASE_NUMBER


def test_verify_file_failures_are_verdicts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    blank = tmp_path / "blank.png"
    segno.make("hello", micro=False).save(tmp_path / "other.png", scale=5)
    from PIL import Image

    Image.new("L", (100, 100), 255).save(blank)
    assert "no QR code" in verify_file(blank, BOTH).reason
    assert "not a servicehall receipt" in verify_file(tmp_path / "other.png", BOTH).reason
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 truncated")
    assert not verify_file(junk, BOTH).valid
    assert "cannot open" in verify_file(tmp_path / "absent.png", BOTH).reason


def test_key_cache_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "keys" / "device-keys.json"
    assert len(load_device_keys(path)) == 0
    saved = save_device_keys(path, {DEVICE: public_key_bytes(ED_KEY),
                                    "KIOSK-2": {SM2: public_key_bytes(SM2_KEY)}})
    loaded = load_device_keys(path)
    assert loaded.keys == saved.keys and loaded.fetched_at == saved.fetched_at.replace(
        microsecond=0)
    assert verify_text(ED_TEXT, loaded.keys).valid


def test_damaged_cache_and_bad_keys_are_clear_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "device-keys.json"
    path.write_text('{"format": 1, "keys": {"X": {"ed25519": "!!"}}}')
    with pytest.raises(KeyCacheError, match="damaged"):
        load_device_keys(path)
    path.write_text("not json")
    with pytest.raises(KeyCacheError, match="delete it"):
        load_device_keys(path)
    with pytest.raises(KeyCacheError, match="Ed25519"):
        save_device_keys(path, {DEVICE: b"short"})


def test_sm2_keys_are_checked() -> None:
    from printing.suites import check_public_key

    with pytest.raises(SuiteError, match="SM2"):
        check_public_key(SM2, bytes(64))  # not on the curve
    assert check_public_key(SM2, b"\x04" + public_key_bytes(SM2_KEY)) == public_key_bytes(SM2_KEY)
    with pytest.raises(SuiteError):
        Sm2PrivateKey(bytes(32))
    assert "secret" not in repr(SM2_KEY).replace("<secret>", "")


def test_each_failure_names_its_kind_for_a_screen_to_word() -> None:
    items = cbor2.loads(base45.b45decode(ED_TEXT[len(PREFIX):]))
    items[2] = "3301-0007-0000043-1"
    forged = PREFIX + base45.b45encode(cbor2.dumps(items, canonical=True)).decode()
    future = PREFIX + base45.b45encode(cbor2.dumps([9, 1], canonical=True)).decode()
    cases = {
        "HTTPS://EXAMPLE.COM": "not_receipt",
        ED_TEXT[: len(ED_TEXT) // 2]: "damaged",
        forged: "bad_signature",
        future: "unsupported",
    }
    for text, kind in cases.items():
        verdict = verify_text(text, BOTH)
        assert (verdict.valid, verdict.kind) == (False, kind), (text, verdict.reason)
    assert verify_text(ED_TEXT, {}).kind == "unknown_device"
    assert verify_text(ED_TEXT, BOTH).kind == ""
