"""The receipt a citizen takes home proves itself: its QR decodes back to the case."""

from __future__ import annotations

import shutil
import subprocess

from kiosk.services import KioskServices
from printing.payload import verify_receipt
from printing.qrscan import decode_qr_pdf
from tests.conftest import PlatformHandle, artifacts_dir
from tests.helpers import residence_answers


def test_receipt_qr_decodes_to_the_case_and_verifies_with_published_keys(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    resident = platform_server.residents[3]  # a name with the middle dot
    result = kiosk_services.submit("residence-certificate", residence_answers(resident))
    assert result.receipt_path is not None
    (payload,) = decode_qr_pdf(result.receipt_path)
    assert payload.isascii()

    client = kiosk_services.client()
    try:
        keys = client.device_keys()
    finally:
        client.close()
    claim = verify_receipt(payload, keys)
    assert claim.case_number == result.case_number
    assert claim.case_id == result.case_id
    assert claim.device_id == kiosk_services.device().device_id

    text = subprocess.run(["pdftotext", "-layout", str(result.receipt_path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert result.case_number in text
    assert "受理回执" in text and "居住证明" in text
    assert resident["id_number"] not in text  # only the masked form is printed
    assert resident["id_number"][:6] in text and resident["id_number"][-4:] in text
    shutil.copy(result.receipt_path, artifacts_dir("printouts") / "submitted-receipt.pdf")
