"""The 受理回执 (acceptance receipt): what it says, as a document for any paper, and its PDF.

A receipt tells the applicant, bilingually, their case number, what was applied for, which
materials were received, the promised time limit and the date it ends, what happens next and
whom to ask, and carries a signed QR code any kiosk can verify (`printing.payload`). It prints on
a 58 mm or 80 mm thermal slip — as long as its content — or on A4. All text is set in one
embedded TrueType CJK font (`printing.fonts`), so the PDF prints the same anywhere, and the file
is written atomically, so a print spooler never picks up half a receipt.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from printing.document import (
    Document,
    Emphasis,
    Field,
    Paragraph,
    Qr,
    Rule,
    Section,
    Title,
)
from printing.fonts import register_cjk_font
from printing.layout import SlipLayout

log = logging.getLogger(__name__)

SLIP_WIDTHS_MM = (58, 80)
PAPERS = ("58mm", "80mm", "a4")


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on a receipt. `id_number_masked` must already be masked.

    `due_date` is the day the time limit ends, computed by the caller from the working-day
    calendar (`forms.workdays`), or None to print the limit alone; `due_estimated` marks a date
    beyond the calendar's known years. `materials_received` names each material handed in.
    """

    case_number: str
    service_name_zh: str
    service_name_en: str
    applicant_name: str
    id_number_masked: str
    submitted_at: str
    hall_name: str
    device_id: str
    time_limit_days: int
    next_steps_zh: str
    next_steps_en: str
    enquiry_phone: str
    qr_payload: str
    materials_received: tuple[str, ...] = ()
    due_date: date | None = None
    due_estimated: bool = False

    def __post_init__(self) -> None:
        if not self.qr_payload or not self.qr_payload.isascii():
            raise ValueError("qr_payload must be non-empty ASCII text (zbar mangles UTF-8)")
        if isinstance(self.time_limit_days, bool) or not isinstance(self.time_limit_days, int):
            raise ValueError("time_limit_days must be an int")
        if self.time_limit_days < 0:
            raise ValueError("time_limit_days must not be negative")
        object.__setattr__(self, "materials_received", tuple(self.materials_received))


def mask_id_number(number: str) -> str:
    """Mask a resident ID number for printing: keep the first 6 and last 4 characters.

    `110105194912310021` → `110105********0021`. Anything too short to mask that way is masked
    completely.
    """
    number = number.strip().upper()
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def receipt_document(data: ReceiptData) -> Document:
    """The receipt as a paper-independent document."""
    limit_zh, limit_en = _time_limit(data.time_limit_days)
    if data.due_date is not None and data.time_limit_days:
        due = data.due_date.isoformat()
        if data.due_estimated:
            limit_zh += f"，预计 {due} 前办结"
            limit_en += f", expected by {due} (estimate)"
        else:
            limit_zh += f"，{due} 前办结"
            limit_en += f", decided by {due}"
    materials = "；".join(m for m in data.materials_received if m.strip())
    blocks = [
        Title("受理回执", "Acceptance receipt"),
        Rule(dashed=False),
        Emphasis("受理编号 / Case number", data.case_number),
        Rule(),
        Field("办理事项 / Service", data.service_name_zh, data.service_name_en),
        Field("申请人 / Applicant", data.applicant_name),
        Field("证件号码 / ID number", data.id_number_masked),
        Field("受理时间 / Submitted", data.submitted_at),
        Field("受理地点 / Service hall", data.hall_name, f"设备 Device: {data.device_id}"),
        Field("已收材料 / Materials received",
              materials or "无需纸质材料", "" if materials else "No paper materials needed"),
        Field("承诺时限 / Time limit", limit_zh, limit_en),
        Rule(),
        Section("下一步 / Next steps"),
    ]
    if data.next_steps_zh.strip():
        blocks.append(Paragraph(data.next_steps_zh))
    if data.next_steps_en.strip():
        blocks.append(Paragraph(data.next_steps_en))
    blocks += [
        Rule(),
        Paragraph(f"咨询电话 Enquiries: {data.enquiry_phone}", role="value", align="center"),
        Qr(data.qr_payload, "扫码验证 / Scan to verify"),
        Paragraph("请妥善保管本回执 / Please keep this receipt", role="small", align="center"),
    ]
    return Document(f"受理回执 {data.case_number}", tuple(blocks), author=data.hall_name)


def layout_receipt(data: ReceiptData, *, width_mm: int = 80) -> SlipLayout:
    """Lay out a receipt on a slip `width_mm` wide, registering the receipt font if needed.

    :raises ValueError: if `width_mm` is not a supported slip width (58 or 80).
    :raises printing.fonts.FontMissing: if no embeddable Chinese font is installed.
    """
    from printing.compose import layout_document

    if width_mm not in SLIP_WIDTHS_MM:
        raise ValueError(f"width_mm must be one of {SLIP_WIDTHS_MM}, got {width_mm!r}")
    _warn_missing_glyphs(data, register_cjk_font())
    (page,) = layout_document(receipt_document(data), f"{width_mm}mm")
    return page


def render_receipt(data: ReceiptData, path: Path, *, width_mm: int = 80,
                   paper: str | None = None) -> Path:
    """Render the receipt as a PDF at `path` (written atomically) and return `path`.

    On a slip (`width_mm` 58 or 80) the page is as tall as the content; `paper="a4"` (or
    "58mm", "80mm") overrides `width_mm`.

    :raises ValueError: if `width_mm` is not 58 or 80, or `paper` is unknown.
    :raises printing.fonts.FontMissing: if no embeddable Chinese font is installed.
    :raises OSError: if the file cannot be written (the directory must exist).
    """
    from printing.compose import layout_document
    from printing.pdfdraw import draw_pdf, write_atomic

    started = time.perf_counter()
    if paper is None:
        if width_mm not in SLIP_WIDTHS_MM:
            raise ValueError(f"width_mm must be one of {SLIP_WIDTHS_MM}, got {width_mm!r}")
        paper = f"{width_mm}mm"
    path = Path(path)
    _warn_missing_glyphs(data, register_cjk_font())
    document = receipt_document(data)
    pages = layout_document(document, paper)
    write_atomic(path, draw_pdf(pages, title=document.title, author=document.author,
                                created=document.created))
    log.debug(
        "receipt %s rendered in %.1f ms", data.case_number, (time.perf_counter() - started) * 1000
    )
    return path


def _warn_missing_glyphs(data: ReceiptData, font: str) -> None:
    """Log characters the font cannot draw (rare name characters print as empty boxes)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    covered = getFont(font).face.charToGlyph
    texts = [value for value in vars(data).values() if isinstance(value, str)]
    texts.extend(data.materials_received)
    missing = {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in covered}
    if missing:
        # The characters themselves may be part of a name: log only how many.
        log.warning(
            "receipt %s: %d distinct characters have no glyph in the receipt font",
            data.case_number,
            len(missing),
        )


def _time_limit(days: int) -> tuple[str, str]:
    if days == 0:
        return "当日办结", "Completed the same day"
    return f"{days} 个工作日", f"{days} working day{'s' if days != 1 else ''}"
