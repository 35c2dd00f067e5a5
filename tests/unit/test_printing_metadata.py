"""What a PDF says about itself, and how printed times show their zone.

A receipt opened in any viewer names itself (title), its issuer (the hall — never a person) and
when it was made; printed times carry their UTC offset, so a slip read in another zone is not
misread. Job files of the PDF printer carry no title, case number or name.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from printing.backends import PdfPrinter
from printing.document import stamp
from printing.payload import sign_receipt
from printing.pdfdraw import render_document
from printing.receipt import ReceiptData, receipt_document, render_receipt
from tests.unit.printing_samples import CASE_NUMBER, HALL, claim_for, documents

KEY = Ed25519PrivateKey.generate()


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _when(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def test_printed_times_show_their_zone() -> None:
    shanghai = datetime(2026, 11, 30, 14, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert stamp(shanghai) == "2026-11-30 14:05 (UTC+8)"
    assert stamp(shanghai.astimezone(timezone(timedelta(hours=5, minutes=30)))) == \
        "2026-11-30 11:35 (UTC+5:30)"
    assert stamp(shanghai.astimezone(timezone(timedelta(hours=-3)))) == \
        "2026-11-30 03:05 (UTC-3)"
    assert stamp(datetime(2026, 1, 1, 9, 0)).startswith("2026-01-01 09:00 (UTC")


def test_every_pdf_names_its_title_issuer_and_creation_time(tmp_path: Path) -> None:
    made = datetime(2026, 11, 30, 14, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    for name, (document, _) in documents(KEY).items():
        pdf = render_document(replace(document, created=made), tmp_path / f"{name}.pdf")
        info = _info(pdf)
        assert info["Title"] == document.title, name
        assert info["Author"] not in ("", "anonymous"), name
        assert _when(info["CreationDate"]) == made, (name, info)
        assert b"D:20261130140509+08'00'" in pdf.read_bytes()  # the zone it was made in
    receipt, _ = documents(KEY)["receipt"]
    assert receipt.author == HALL


def test_creation_date_defaults_to_now_not_a_fixed_date(tmp_path: Path) -> None:
    receipt, _ = documents(KEY)["receipt"]
    info = _info(render_document(receipt, tmp_path / "r.pdf"))
    assert abs(_when(info["CreationDate"]) - datetime.now().astimezone()) < timedelta(minutes=5)


def test_pdf_printer_job_files_carry_no_case_number(tmp_path: Path) -> None:
    receipt, _ = documents(KEY)["receipt"]
    printer = PdfPrinter(tmp_path)
    where = Path(printer.print_document(receipt))
    again = Path(printer.print_document(receipt))
    assert where != again and where.parent == tmp_path
    for path in (where, again):
        assert CASE_NUMBER not in path.name and "回执" not in path.name
        assert path.read_bytes().startswith(b"%PDF-")


def test_a_due_date_beyond_the_known_calendar_is_printed_as_an_estimate(tmp_path: Path) -> None:
    data = _receipt_data()
    estimated = replace(data, due_date=date(2031, 3, 4), due_estimated=True)
    text = _pdftotext(render_receipt(estimated, tmp_path / "e.pdf"))
    assert "预计 2031-03-04 前办结" in text and "estimate" in text
    firm = _pdftotext(render_receipt(data, tmp_path / "f.pdf"))
    assert "预计" not in firm and "2026-12-03 前办结" in firm
    assert receipt_document(data).title == f"受理回执 {CASE_NUMBER}"


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _receipt_data() -> ReceiptData:
    return ReceiptData(
        case_number=CASE_NUMBER, service_name_zh="居住证明",
        service_name_en="Certificate of residence", applicant_name="张伟",
        id_number_masked="330106********2314", submitted_at="2026-11-30 14:05 (UTC+8)",
        hall_name=HALL, device_id="KIOSK-3301-0007", time_limit_days=3,
        next_steps_zh="等待审核。", next_steps_en="Wait for the decision.",
        enquiry_phone="12345", qr_payload=sign_receipt(claim_for(CASE_NUMBER), KEY),
        due_date=date(2026, 12, 3),
    )
