"""Laying a `Document` out on a paper: one long slip, or as many A4 pages as it needs.

Each block is laid out on its own, from a zero origin, by `printing.layout.SlipBuilder` — text
wrapped to the printable width, QR modules snapped to the printer's dot pitch — and the blocks
are then stacked. On a slip they simply follow one another and the page is as long as the
content. On A4 a block that would cross the bottom margin starts a new page, a section heading is
kept with the block after it, and every page gets a page number. The result is a tuple of
`SlipLayout`s, one per page, that `printing.pdfdraw` draws without further decisions.
"""

from __future__ import annotations

import io
from dataclasses import replace

from printing.document import (
    Block,
    Document,
    Emphasis,
    Field,
    Gap,
    Item,
    Pair,
    Paper,
    Paragraph,
    Picture,
    Qr,
    Rule,
    Section,
    SignatureLine,
    Title,
    paper,
)
from printing.fonts import register_cjk_font
from printing.layout import MM, MeasureAt, SlipBuilder, SlipLayout

QR_ERROR = "m"
QR_BORDER = 4
PRINTER_DOT_MM = 0.125
"""Dot pitch of a 203 dpi thermal head; QR modules are a whole number of dots."""


def font_measure() -> MeasureAt:
    """Width of text in the receipt font (registering it on first use)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = register_cjk_font()

    def measure(text: str, size: float) -> float:
        return float(stringWidth(text, font, size))

    return measure


def layout_document(document: Document, paper_name: str | Paper) -> tuple[SlipLayout, ...]:
    """Lay `document` out on the paper; a slip gives one page, A4 one or more.

    :raises ValueError: for an unknown paper name.
    :raises printing.fonts.FontMissing: if no embeddable Chinese font is installed.
    """
    fmt = paper(paper_name)
    measure = font_measure()
    pieces = [_layout_block(block, fmt, measure) for block in document.blocks]
    if fmt.is_slip:
        return (_stack(pieces, fmt, top=fmt.top_mm * MM, bottom=fmt.bottom_mm * MM),)
    return _paginate(pieces, document.blocks, fmt, measure)


def _builder(fmt: Paper, measure: MeasureAt) -> SlipBuilder:
    return SlipBuilder(width=fmt.width_mm * MM, margin=fmt.margin_mm * MM, measure=measure,
                       top=0.0)


def _layout_block(block: Block, fmt: Paper, measure: MeasureAt) -> SlipLayout:
    b = _builder(fmt, measure)
    s = fmt.sizes
    if isinstance(block, Title):
        b.text(block.zh, s.title, bold=True, align="center")
        if block.en:
            b.text(block.en, s.subtitle, align="center")
    elif isinstance(block, Emphasis):
        b.text(block.label, s.label, align="center")
        b.gap(1)
        b.text(block.value, s.emphasis * block.scale, bold=True, align="center",
               shrink_to=s.value)
    elif isinstance(block, Field):
        b.text(block.label, s.label)
        b.text(block.value if block.value.strip() else "—", s.value)
        if block.value_en:
            b.text(block.value_en, s.value_en)
        b.gap(3.5)
    elif isinstance(block, Section):
        b.gap(1)
        b.text(block.label, s.label, bold=True)
        b.gap(1)
    elif isinstance(block, Paragraph):
        b.text(block.text, s.of(block.role), bold=block.bold, align=block.align)
        b.gap(2)
    elif isinstance(block, Item):
        number = f"{block.number}."
        indent = measure("00. ", s.value)
        b.text(f"{number} {block.text}", s.value, bold=True)
        for detail in block.details:
            b.text(detail, s.body, indent=indent)
        b.gap(3)
    elif isinstance(block, Pair):
        b.pair(block.left, block.right, s.value, bold=block.bold)
    elif isinstance(block, Rule):
        b.rule(dashed=block.dashed)
    elif isinstance(block, Qr):
        import segno

        qr = segno.make(block.payload, error=QR_ERROR, boost_error=False, micro=False)
        b.gap(2)
        b.qr(qr.matrix, border=QR_BORDER, max_size=fmt.qr_max_mm * MM,
             grid=PRINTER_DOT_MM * MM)
        if block.caption:
            b.text(block.caption, s.small, align="center")
        b.gap(2)
    elif isinstance(block, Picture):
        if block.caption:
            b.text(block.caption, s.label)
        b.image(block.png, aspect=_aspect(block.png), max_width=block.max_width_mm * MM,
                max_height=block.max_height_mm * MM)
        b.gap(3)
    elif isinstance(block, SignatureLine):
        b.gap(4)
        b.text(block.label, s.value)
        b.gap(s.value * 1.6)
        b.rule(dashed=False, space=0)
        b.gap(4)
    elif isinstance(block, Gap):
        b.gap(block.points)
    else:  # pragma: no cover - the Block union is closed
        raise TypeError(f"not a document block: {type(block).__name__}")
    return b.finish(bottom=0.0)


def _aspect(png: bytes) -> float:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(png)) as image:
            width, height = image.size
    except Exception as exc:  # PIL raises several types for broken images
        raise ValueError("the picture is not a readable PNG image") from exc
    if not width or not height:
        raise ValueError("the picture has no pixels")
    return width / height


def _shift(piece: SlipLayout, dy: float) -> SlipLayout:
    return replace(
        piece,
        texts=tuple(replace(t, baseline=t.baseline + dy) for t in piece.texts),
        rules=tuple(replace(r, y=r.y + dy) for r in piece.rules),
        qrs=tuple(replace(q, top=q.top + dy) for q in piece.qrs),
        images=tuple(replace(i, top=i.top + dy) for i in piece.images),
    )


def _stack(pieces: list[SlipLayout], fmt: Paper, *, top: float, bottom: float,
           height: float | None = None) -> SlipLayout:
    y = top
    texts, rules, qrs, images = [], [], [], []
    for piece in pieces:
        moved = _shift(piece, y)
        texts.extend(moved.texts)
        rules.extend(moved.rules)
        qrs.extend(moved.qrs)
        images.extend(moved.images)
        y += piece.height
    return SlipLayout(
        width=fmt.width_mm * MM, height=height if height is not None else y + bottom,
        margin=fmt.margin_mm * MM, texts=tuple(texts), rules=tuple(rules), qrs=tuple(qrs),
        images=tuple(images),
    )


def _paginate(pieces: list[SlipLayout], blocks: tuple[Block, ...], fmt: Paper,
              measure: MeasureAt) -> tuple[SlipLayout, ...]:
    assert fmt.page_height_mm is not None
    page_h = fmt.page_height_mm * MM
    top, bottom = fmt.top_mm * MM, fmt.bottom_mm * MM
    room = page_h - top - bottom
    pages: list[list[SlipLayout]] = [[]]
    used = 0.0
    for i, piece in enumerate(pieces):
        need = piece.height
        if isinstance(blocks[i], Section) and i + 1 < len(pieces):
            need += pieces[i + 1].height  # keep a heading with what it heads
        if pages[-1] and used + min(need, room) > room:
            pages.append([])
            used = 0.0
        pages[-1].append(piece)
        used += piece.height
    total = len(pages)
    out = []
    for number, page in enumerate(pages, start=1):
        footer = _builder(fmt, measure)
        footer.text(f"第 {number} 页 共 {total} 页 / Page {number} of {total}", fmt.sizes.small,
                    align="center")
        stacked = _stack([*page], fmt, top=top, bottom=bottom, height=page_h)
        foot = _shift(footer.finish(bottom=0.0), page_h - bottom + 4 * MM)
        out.append(replace(stacked, texts=stacked.texts + foot.texts))
    return tuple(out)
