"""Drawing laid-out pages into a PDF, and writing files so no reader sees half of one.

Text is set in the embedded CJK TrueType font; bold is the glyph outline stroked as well as
filled. QR codes are drawn from their module matrix as one filled path in module units, which is
both crisp and fast. Images (captured signatures) are embedded as they are, transparency kept.
Files are written atomically — a temporary file in the same folder, fsynced, renamed over the
target — so a print spooler never picks up a partial file.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from printing.fonts import register_cjk_font
from printing.layout import PlacedQr, SlipLayout

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


def draw_pdf(pages: Sequence[SlipLayout], *, title: str, author: str = "servicehall",
             created: datetime | None = None) -> bytes:
    """The PDF bytes of `pages`, each page sized to its layout.

    The metadata carries `title`, `author` (the issuing hall or system) and the creation time
    (`created`, now if None) with its zone.
    """
    from reportlab import rl_config
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    # Binary streams: ASCII85 makes the file a quarter larger and its pure-Python encoder costs
    # more than drawing the text. This is process-wide, and printing is reportlab's only user.
    rl_config.useA85 = 0
    font = register_cjk_font()
    buffer = io.BytesIO()
    first = pages[0]
    # Not `invariant`: that stamps every file 2000-01-01 and calls it anonymous.
    canvas = Canvas(buffer, pagesize=(first.width, first.height), initialFontName=font)
    when = created if created is not None and created.tzinfo is not None else \
        (created or datetime.now()).astimezone()
    pdf_date = "D:" + when.strftime("%Y%m%d%H%M%S") + _pdf_zone(when)
    canvas.setDateFormatter(lambda *_: pdf_date)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(title)
    canvas.setCreator("servicehall")
    for layout in pages:
        canvas.setPageSize((layout.width, layout.height))
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setStrokeColorRGB(0, 0, 0)
        _draw_page(canvas, layout, font, ImageReader)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pdf_zone(when: datetime) -> str:
    """The zone part of a PDF date: +08'00' (UTC offsets written the way PDF readers expect)."""
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}'{rest:02d}'"


def _draw_page(canvas: Canvas, layout: SlipLayout, font: str, image_reader: type) -> None:
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
            # Bold is the outline stroked as well as filled; its line width is graphics state,
            # set outside the text object.
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
        draw_qr(canvas, qr, height)
    for image in layout.images:
        canvas.drawImage(image_reader(io.BytesIO(image.png)), image.x,
                         height - image.top - image.height, image.width, image.height,
                         mask="auto")


def draw_qr(canvas: Canvas, qr: PlacedQr, page_height: float) -> None:
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory, fsync it, then rename over `path`.

    :raises OSError: if the file cannot be written; the directory must exist.
    """
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


def render_document(document: object, path: Path, paper_name: str = "80mm") -> Path:
    """Lay out and draw a `printing.document.Document` as a PDF at `path`; return `path`.

    :raises ValueError: for an unknown paper.
    :raises printing.fonts.FontMissing: if no embeddable Chinese font is installed.
    :raises OSError: if the file cannot be written (the directory must exist).
    """
    from printing.compose import layout_document
    from printing.document import Document

    if not isinstance(document, Document):
        raise TypeError("render_document needs a printing.document.Document")
    path = Path(path)
    pages = layout_document(document, paper_name)
    write_atomic(path, draw_pdf(pages, title=document.title, author=document.author,
                                created=document.created))
    return path
