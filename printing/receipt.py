"""The 受理回执 (acceptance receipt): what it says, how it is laid out, and its PDF.

A receipt is a 58 mm or 80 mm thermal slip, bilingual, that tells the applicant their case
number, what was applied for, what happens next and by when, and carries a signed QR code any
kiosk can verify. The page is exactly the slip's width and as long as its content. All text is
set in one embedded TrueType CJK font (`printing.fonts`), so the PDF prints the same anywhere;
the QR is drawn from segno's matrix as a single filled path, which is both fast and crisp. The
file is written atomically, so a print spooler never picks up half a receipt.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from printing.fonts import register_cjk_font
from printing.layout import MM, PlacedQr, SlipBuilder, SlipLayout

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

log = logging.getLogger(__name__)

SLIP_WIDTHS_MM = (58, 80)
MARGIN_MM = 3.0
QR_ERROR = "m"
QR_BORDER = 4
QR_MAX_MM = 48.0
PRINTER_DOT_MM = 0.125
"""Dot pitch of a 203 dpi thermal head; QR modules are a whole number of dots."""


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on a receipt. `id_number_masked` must already be masked."""

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

    def __post_init__(self) -> None:
        if not self.qr_payload or not self.qr_payload.isascii():
            raise ValueError("qr_payload must be non-empty ASCII text (zbar mangles UTF-8)")
        if isinstance(self.time_limit_days, bool) or not isinstance(self.time_limit_days, int):
            raise ValueError("time_limit_days must be an int")
        if self.time_limit_days < 0:
            raise ValueError("time_limit_days must not be negative")


@dataclass(frozen=True)
class _Sizes:
    title: float
    subtitle: float
    case_number: float
    label: float
    value: float
    value_en: float
    body: float
    small: float


_NARROW = _Sizes(
    title=14, subtitle=8, case_number=15, label=7, value=9.5, value_en=8, body=8.5, small=7
)
_WIDE = _Sizes(
    title=16, subtitle=9, case_number=18, label=7.5, value=10.5, value_en=8.5, body=9, small=7.5
)


def mask_id_number(number: str) -> str:
    """Mask a resident ID number for printing: keep the first 6 and last 4 characters.

    `110105194912310021` → `110105********0021`. Anything too short to mask that way is masked
    completely.
    """
    number = number.strip().upper()
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def layout_receipt(data: ReceiptData, *, width_mm: int = 80) -> SlipLayout:
    """Lay out a receipt on a slip `width_mm` wide, registering the receipt font if needed.

    :raises ValueError: if `width_mm` is not a supported slip width (58 or 80).
    :raises printing.fonts.FontMissing: if no embeddable Chinese font is installed.
    """
    if width_mm not in SLIP_WIDTHS_MM:
        raise ValueError(f"width_mm must be one of {SLIP_WIDTHS_MM}, got {width_mm!r}")
    import segno
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = register_cjk_font()
    sizes = _WIDE if width_mm >= 80 else _NARROW
    _warn_missing_glyphs(data, font)

    def measure(text: str, size: float) -> float:
        return float(stringWidth(text, font, size))

    b = SlipBuilder(width=width_mm * MM, margin=MARGIN_MM * MM, measure=measure, top=4 * MM)
    b.text("受理回执", sizes.title, bold=True, align="center")
    b.text("Acceptance receipt", sizes.subtitle, align="center")
    b.rule(dashed=False)

    b.text("受理编号 / Case number", sizes.label, align="center")
    b.gap(1)
    b.text(data.case_number, sizes.case_number, bold=True, align="center", shrink_to=sizes.value)
    b.rule()

    def field(label: str, value: str, value_en: str = "") -> None:
        b.text(label, sizes.label)
        b.text(value if value.strip() else "—", sizes.value)
        if value_en:
            b.text(value_en, sizes.value_en)
        b.gap(3.5)

    field("办理事项 / Service", data.service_name_zh, data.service_name_en)
    field("申请人 / Applicant", data.applicant_name)
    field("证件号码 / ID number", data.id_number_masked)
    field("受理时间 / Submitted", data.submitted_at)
    field("受理地点 / Service hall", data.hall_name, f"设备 Device: {data.device_id}")
    field("承诺时限 / Time limit", *_time_limit(data.time_limit_days))
    b.rule()

    b.text("下一步 / Next steps", sizes.label)
    b.gap(1)
    if data.next_steps_zh.strip():
        b.text(data.next_steps_zh, sizes.body)
    if data.next_steps_zh.strip() and data.next_steps_en.strip():
        b.gap(2)
    if data.next_steps_en.strip():
        b.text(data.next_steps_en, sizes.body)
    b.rule()

    b.text(f"咨询电话 Enquiries: {data.enquiry_phone}", sizes.value, align="center")
    b.gap(2)
    qr = segno.make(data.qr_payload, error=QR_ERROR, boost_error=False, micro=False)
    b.qr(qr.matrix, border=QR_BORDER, max_size=QR_MAX_MM * MM, grid=PRINTER_DOT_MM * MM)
    b.text("扫码验证 / Scan to verify", sizes.small, align="center")
    b.gap(3)
    b.text("请妥善保管本回执 / Please keep this receipt", sizes.small, align="center")
    return b.finish(bottom=6 * MM)


def render_receipt(data: ReceiptData, path: Path, *, width_mm: int = 80) -> Path:
    """Render the receipt as a one-page PDF at `path` (written atomically) and return `path`.

    The page is `width_mm` wide and as tall as the content.

    :raises ValueError: if `width_mm` is not 58 or 80.
    :raises printing.fonts.FontMissing: if no embeddable Chinese font is installed.
    :raises OSError: if the file cannot be written (the directory must exist).
    """
    started = time.perf_counter()
    path = Path(path)
    layout = layout_receipt(data, width_mm=width_mm)
    pdf = _draw(layout, title=f"受理回执 {data.case_number}")
    _write_atomic(path, pdf)
    log.debug(
        "receipt %s rendered in %.1f ms", data.case_number, (time.perf_counter() - started) * 1000
    )
    return path


def _warn_missing_glyphs(data: ReceiptData, font: str) -> None:
    """Log characters the font cannot draw (rare name characters print as empty boxes)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    covered = getFont(font).face.charToGlyph
    texts = (value for value in vars(data).values() if isinstance(value, str))
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


def _draw(layout: SlipLayout, *, title: str) -> bytes:
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    # Binary streams: ASCII85 makes the file a quarter larger and its pure-Python encoder costs
    # more than drawing the text. This is process-wide, and printing is reportlab's only user.
    rl_config.useA85 = 0
    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(layout.width, layout.height),
        invariant=True,
        initialFontName=font,
    )
    canvas.setTitle(title)
    canvas.setCreator("servicehall")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)
    height = layout.height

    plain = canvas.beginText()
    for piece in layout.texts:
        if not piece.bold:
            plain.setFont(font, piece.size)
            plain.setTextOrigin(piece.x, height - piece.baseline)
            plain.textOut(piece.text)
    canvas.drawText(plain)
    for piece in layout.texts:
        if piece.bold:
            # Bold is the glyph outline stroked as well as filled; its line width is graphics
            # state, set outside the text object.
            canvas.setLineWidth(piece.stroke)
            bold = canvas.beginText()
            bold.setTextRenderMode(2)
            bold.setFont(font, piece.size)
            bold.setTextOrigin(piece.x, height - piece.baseline)
            bold.textOut(piece.text)
            canvas.drawText(bold)

    for rule in layout.rules:
        canvas.setLineWidth(0.6)
        canvas.setDash([2, 2] if rule.dashed else [])
        canvas.line(rule.x0, height - rule.y, rule.x1, height - rule.y)
    canvas.setDash([])

    for qr in layout.qrs:
        _draw_qr(canvas, qr, height)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_qr(canvas: Canvas, qr: PlacedQr, page_height: float) -> None:
    """Fill every dark run of every row as one path: one fill, no seams between modules.

    The path is written in module units under a scaling transform, so its operators carry
    small integers: reportlab's own path object formats every coordinate as a float, which
    costs more than the rest of the receipt.
    """
    m = qr.module
    rows = len(qr.matrix)
    left = qr.x + qr.border * m
    bottom = page_height - qr.top - (qr.border + rows) * m
    ops = [f"q 0 g {m:.5f} 0 0 {m:.5f} {left:.4f} {bottom:.4f} cm"]
    for r, row in enumerate(qr.matrix):
        y = rows - 1 - r
        c = 0
        n = len(row)
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            ops.append(f"{start} {y} {c - start} 1 re")
    ops.append("f Q")
    canvas.addLiteral("\n".join(ops))


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory, fsync it, then rename over `path`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; directories cannot be opened this way on Windows.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
