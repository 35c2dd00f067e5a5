"""What a printed document says, as a list of blocks, independent of the paper it goes on.

Every printout — receipt, notice, letters, queue ticket, day-close report — is a `Document`: a
title for the PDF and a sequence of blocks (a title, labelled fields, paragraphs, rows of two
columns, rules, a QR code, a signature image, a line to sign on). The same document is laid out
for a 58 mm or 80 mm thermal slip or for A4 pages (`printing.compose`), drawn as a PDF
(`printing.pdfdraw`), or sent as native commands to a thermal printer (`printing.escpos`). The
papers are defined here too, with their printable widths: a 58 mm slip prints 48 mm (384 dots at
203 dpi) and an 80 mm slip 72 mm (576 dots).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Role = Literal["title", "subtitle", "emphasis", "label", "value", "value_en", "body", "small"]
Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Title:
    """The document's heading, centred: Chinese, then an optional English line."""

    zh: str
    en: str = ""


@dataclass(frozen=True)
class Emphasis:
    """A small centred label over one large bold value (a case number, a queue number).

    `scale` enlarges the value further, for a number read at arm's length.
    """

    label: str
    value: str
    scale: float = 1.0


@dataclass(frozen=True)
class Field:
    """A small label over its value, optionally followed by the value in English."""

    label: str
    value: str
    value_en: str = ""


@dataclass(frozen=True)
class Section:
    """A small heading; never left alone at the bottom of a page."""

    label: str


@dataclass(frozen=True)
class Paragraph:
    """Running text, wrapped to the width."""

    text: str
    role: Role = "body"
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class Item:
    """A numbered entry with indented detail lines (a missing material and its particulars)."""

    number: int
    text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """Two columns on one line: text on the left, a value flush right (a count, a total)."""

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    dashed: bool = True


@dataclass(frozen=True)
class Qr:
    """A QR code of ASCII text, centred, with an optional caption below it."""

    payload: str
    caption: str = ""

    def __post_init__(self) -> None:
        if not self.payload or not self.payload.isascii():
            raise ValueError("a QR payload must be non-empty ASCII text (zbar mangles UTF-8)")


@dataclass(frozen=True)
class Picture:
    """A PNG image, such as a captured signature, with a caption above it."""

    png: bytes = field(repr=False)
    caption: str = ""
    max_width_mm: float = 60.0
    max_height_mm: float = 22.0

    def __post_init__(self) -> None:
        if not isinstance(self.png, bytes) or not self.png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError("a picture must be PNG bytes")


@dataclass(frozen=True)
class SignatureLine:
    """A caption and an empty line to sign on by hand."""

    label: str


@dataclass(frozen=True)
class Gap:
    points: float


Block = Title | Emphasis | Field | Section | Paragraph | Item | Pair | Rule | Qr | Picture | \
    SignatureLine | Gap


@dataclass(frozen=True)
class Document:
    """A printable document: the PDF title (also the ESC/POS job name) and its blocks.

    `author` is who issues it — the hall or the system, never a person; `created` is when it
    was made (now, if None). Both go into the PDF's metadata.
    """

    title: str
    blocks: tuple[Block, ...]
    author: str = "servicehall 政务服务自助终端"
    created: datetime | None = None


def stamp(moment: datetime) -> str:
    """A printed time with its zone, e.g. "2026-11-30 14:05 (UTC+8)".

    A naive `moment` is taken to be in the system's zone.
    """
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    offset = aware.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    zone = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return f"{aware:%Y-%m-%d %H:%M} ({zone})"


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points for each text role."""

    title: float
    subtitle: float
    emphasis: float
    label: float
    value: float
    value_en: float
    body: float
    small: float

    def of(self, role: Role) -> float:
        return float(getattr(self, role))


@dataclass(frozen=True)
class Paper:
    """A paper format. `page_height_mm` is None for a continuous slip cut after the content."""

    name: str
    width_mm: float
    margin_mm: float
    sizes: Sizes
    page_height_mm: float | None = None
    top_mm: float = 4.0
    bottom_mm: float = 6.0
    qr_max_mm: float = 48.0
    printer_dots: int | None = None
    """Dots across the printable width of a thermal printer for this paper."""

    @property
    def printable_mm(self) -> float:
        return self.width_mm - 2 * self.margin_mm

    @property
    def is_slip(self) -> bool:
        return self.page_height_mm is None


_NARROW = Sizes(title=14, subtitle=8, emphasis=15, label=7, value=9.5, value_en=8, body=8.5,
                small=7)
_WIDE = Sizes(title=16, subtitle=9, emphasis=18, label=7.5, value=10.5, value_en=8.5, body=9,
              small=7.5)
_A4 = Sizes(title=20, subtitle=11, emphasis=20, label=9, value=12, value_en=10, body=11,
            small=9)

PAPERS: dict[str, Paper] = {
    "58mm": Paper("58mm", 58, 5.0, _NARROW, printer_dots=384),
    "80mm": Paper("80mm", 80, 4.0, _WIDE, printer_dots=576),
    "a4": Paper("a4", 210, 20.0, _A4, page_height_mm=297, top_mm=20, bottom_mm=20,
                qr_max_mm=45),
}


def paper(name: str | Paper) -> Paper:
    """Look a paper up by name (`58mm`, `80mm`, `a4`).

    :raises ValueError: naming the known papers, for any other name.
    """
    if isinstance(name, Paper):
        return name
    try:
        return PAPERS[str(name).lower()]
    except KeyError:
        raise ValueError(f"unknown paper {name!r}; choose from {', '.join(PAPERS)}") from None
