"""Checking a receipt: from a PDF, a photo or scan, or the code's text, to a plain verdict.

This is the one verification path the CLI (`servicehall receipt verify`) and the kiosk's Track
screen share. The input is treated as hostile: whatever it is — a damaged PDF, a picture with no
code, a code signed by an unknown or foreign device, random bytes — the answer is a
`Verification` whose `reason` says what went wrong and what to do, never an exception.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from printing.payload import PublicKeys, ReceiptClaim, ReceiptInvalid, verify_receipt_suite
from printing.qrscan import QrScanError, decode_qr_image, decode_qr_pdf

log = logging.getLogger(__name__)

_PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class Verification:
    """The verdict on one receipt. When `valid` is False, `reason` explains why."""

    valid: bool
    reason: str = ""
    kind: str = ""
    """Why it failed, as `printing.payload.ReceiptInvalid.kind` (or `no_code`, `unreadable`,
    `error`); empty when valid."""
    case_number: str | None = None
    issuer: str | None = None
    """The device id that signed the receipt."""
    issued_at: datetime | None = None
    suite: str | None = None
    claim: ReceiptClaim | None = None

    @classmethod
    def failed(cls, reason: str, kind: str = "error") -> Verification:
        return cls(False, reason, kind)


def verify_text(text: object, public_keys: PublicKeys | Mapping[str, object]) -> Verification:
    """Verify the text of a receipt code against the device keys on file."""
    try:
        claim, suite = verify_receipt_suite(text, public_keys)  # type: ignore[arg-type]
    except ReceiptInvalid as exc:
        return Verification.failed(exc.reason, exc.kind)
    except Exception:  # a defect must not turn a check into a crash at the counter
        log.exception("receipt verification failed unexpectedly")
        return Verification.failed(
            "the receipt code could not be checked because of an internal error; verify it at "
            "the platform or report it to staff"
        )
    return Verification(
        True, "", "", claim.case_number, claim.device_id,
        datetime.fromtimestamp(claim.issued_at, UTC), suite, claim,
    )


def verify_file(path: Path | str, public_keys: PublicKeys) -> Verification:
    """Read the QR code(s) in a PDF or an image file and verify them.

    With several codes, the first that verifies wins; otherwise the first failure is reported.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_PDF_MAGIC))
    except OSError as exc:
        return Verification.failed(f"cannot open {path}: {exc.strerror or exc}", "unreadable")
    try:
        texts = decode_qr_pdf(path) if head == _PDF_MAGIC else decode_qr_image(path)
    except QrScanError as exc:
        return Verification.failed(str(exc), "unreadable")
    if not texts:
        return Verification.failed(
            f"no QR code was found in {path.name}; scan or photograph the receipt again, flat and "
            "in focus, or type the code's text with --payload",
            "no_code",
        )
    verdicts = [verify_text(text, public_keys) for text in texts]
    return next((v for v in verdicts if v.valid), verdicts[0])
