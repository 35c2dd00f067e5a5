"""`servicehall receipt verify` and `print-test` against a real platform and real receipts.

The first verification fetches the platform's published device keys into the data folder's
cache; after the platform stops, the cache alone still proves a receipt genuine, and an altered
code is refused with its reason and exit status 1.
"""

from __future__ import annotations

import base45
import pytest

from kiosk.cli import main
from kiosk.services import KioskServices
from printing.keycache import DEFAULT_FILE_NAME
from printing.payload import PREFIX
from printing.qrscan import decode_qr_pdf
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers


def test_verify_online_then_offline_from_the_cache(
    kiosk_services: KioskServices, platform_server: PlatformHandle,
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = kiosk_services.submit("residence-certificate",
                                   residence_answers(platform_server.residents[0]))
    assert result.receipt_path is not None
    data_dir = str(kiosk_services.config.data_dir)
    device_id = kiosk_services.device().device_id  # type: ignore[union-attr]
    kiosk_services.close()

    assert main(["receipt", "verify", str(result.receipt_path), "--data-dir", data_dir]) == 0
    out = capsys.readouterr().out
    assert result.case_number in out and device_id in out and "VALID" in out
    assert (kiosk_services.config.data_dir / DEFAULT_FILE_NAME).is_file()

    platform_server.stop()
    (payload,) = decode_qr_pdf(result.receipt_path)
    assert main(["receipt", "verify", "--payload", payload, "--data-dir", data_dir,
                 "--offline"]) == 0
    assert result.case_number in capsys.readouterr().out

    raw = bytearray(base45.b45decode(payload[len(PREFIX):]))
    raw[30] ^= 0x01
    altered = PREFIX + base45.b45encode(bytes(raw)).decode()
    assert main(["receipt", "verify", "--payload", altered, "--data-dir", data_dir]) == 1
    err = capsys.readouterr().err
    assert "NOT valid" in err and "Traceback" not in err


def test_receipt_names_materials_and_due_date(kiosk_services: KioskServices,
                                              platform_server: PlatformHandle) -> None:
    import subprocess

    result = kiosk_services.submit("residence-certificate",
                                   residence_answers(platform_server.residents[1]))
    assert result.receipt_path is not None
    text = subprocess.run(["pdftotext", str(result.receipt_path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "已收材料" in text and "申请表（电子）" in text and "前办结" in text


def test_print_test_writes_a_verifiable_slip(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "slip.pdf"
    assert main(["print-test", "--printer", f"pdf:{target}", "--paper", "58mm"]) == 0
    assert str(target) in capsys.readouterr().out
    (payload,) = decode_qr_pdf(target)
    assert payload.startswith(PREFIX)
    assert main(["print-test", "--printer", "nonsense"]) == 1
    assert "escpos-tcp:HOST:PORT" in capsys.readouterr().err
