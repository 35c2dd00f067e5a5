"""A document as raw ESC/POS commands, for thermal printers driven without a driver.

Text goes in the printer's Chinese mode (FS &) encoded as GB18030, which Chinese thermal printers
read natively; each CJK character takes two columns of the 12×24-dot font A, so a 576-dot (80 mm)
head holds 48 columns and a 384-dot (58 mm) head 32. Lines are wrapped here, by columns, with the
same rules as the PDF (`printing.wrap`). QR codes use the printer's own QR command (GS ( k: model,
module size, error correction, store, print), so they print at the head's full sharpness; a
signature image is sent as a raster bit image (GS v 0). Command bytes follow the ESC/POS command
reference; the tests compare them with the values it gives.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from printing.document import (
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
from printing.wrap import is_wide, wrap_text

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
LF = b"\n"

INIT = ESC + b"@"
"""ESC @: clear the buffer and reset every mode."""
CHINESE_ON = FS + b"&"
"""FS &: two-byte (Chinese) character mode."""
CHINESE_OFF = FS + b"."
QR_ERROR_LEVELS = {"l": 48, "m": 49, "q": 50, "h": 51}
DOTS_PER_COLUMN = 12


def align(where: str) -> bytes:
    """ESC a n: 0 left, 1 centre, 2 right."""
    return ESC + b"a" + bytes([{"left": 0, "center": 1, "right": 2}[where]])


def bold(on: bool) -> bytes:
    """ESC E n: emphasised (bold) on or off."""
    return ESC + b"E" + bytes([1 if on else 0])


def size(width: int = 1, height: int = 1) -> bytes:
    """GS ! n: character width and height multipliers, 1 to 8 each."""
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise ValueError("character size multipliers run from 1 to 8")
    return GS + b"!" + bytes([(width - 1) << 4 | (height - 1)])


def feed(lines: int) -> bytes:
    """ESC d n: print the buffer and feed n lines."""
    return ESC + b"d" + bytes([max(0, min(255, lines))])


def cut(feed_dots: int = 0) -> bytes:
    """GS V 65 n: feed to the cutter position (plus n dots) and cut the paper fully."""
    return GS + b"V" + bytes([65, max(0, min(255, feed_dots))])


def _gs_k(fn: int, payload: bytes) -> bytes:
    """GS ( k pL pH cn fn [parameters]: a 2D-code function; cn 49 selects QR Code."""
    length = len(payload) + 2
    return GS + b"(k" + bytes([length & 0xFF, length >> 8, 49, fn]) + payload


def qr(data: bytes, *, module: int = 6, error: str = "m") -> bytes:
    """The printer's native QR: model 2 (fn 65), module size (fn 67), error correction (fn 69),
    store the data (fn 80), print it (fn 81).

    :raises ValueError: for a module size outside 1–16, an unknown level, or too much data.
    """
    if not 1 <= module <= 16:
        raise ValueError("QR module size runs from 1 to 16 dots")
    if len(data) > 7089:
        raise ValueError("too much data for one QR code")
    return b"".join((
        _gs_k(65, bytes([50, 0])),
        _gs_k(67, bytes([module])),
        _gs_k(69, bytes([QR_ERROR_LEVELS[error]])),
        _gs_k(80, b"0" + data),
        _gs_k(81, b"0"),
    ))


def raster(png: bytes, *, max_width_dots: int, max_height_dots: int) -> bytes:
    """GS v 0 m xL xH yL yH d…: a PNG scaled to fit, thresholded to black and white."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("RGBA")
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    gray = Image.alpha_composite(white, image).convert("L")
    scale = min(max_width_dots / gray.width, max_height_dots / gray.height, 1.0)
    width = max(8, int(gray.width * scale))
    height = max(1, int(gray.height * scale))
    gray = gray.resize((width, height))
    mono = gray.point(lambda v: 255 if v < 128 else 0).convert("1")  # ink → bit set
    row_bytes = (width + 7) // 8
    padded = Image.new("1", (row_bytes * 8, height), 0)
    padded.paste(mono, (0, 0))
    bits = padded.tobytes()
    return GS + b"v0" + bytes([0, row_bytes & 0xFF, row_bytes >> 8, height & 0xFF,
                               height >> 8]) + bits


def columns(text: str) -> int:
    """Columns of font A the text takes: two for each wide (CJK) character."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def encode(text: str) -> bytes:
    """GB18030 bytes of `text`; anything unencodable becomes '?'."""
    return text.encode("gb18030", errors="replace")


@dataclass(frozen=True)
class EscPosOptions:
    dots: int
    cut: bool = True


class _Writer:
    def __init__(self, dots: int) -> None:
        self.cols = dots // DOTS_PER_COLUMN
        self.dots = dots
        self.out = bytearray(INIT + CHINESE_ON)

    def line(self, text: str, *, where: str = "left", strong: bool = False, mag: int = 1,
             indent: int = 0) -> None:
        room = max(1, self.cols // mag - indent)
        self.out += align(where) + bold(strong) + size(mag, mag)
        for piece in wrap_text(text, room, columns) or [""]:
            self.out += encode(" " * indent + piece) + LF
        self.out += size(1, 1) + bold(False) + align("left")


def to_escpos(document: Document, paper_name: str | Paper = "80mm", *,
              cut_paper: bool = True) -> bytes:
    """The ESC/POS byte stream that prints `document` on a thermal printer of that paper.

    :raises ValueError: for a paper without a thermal head (A4).
    """
    fmt = paper(paper_name)
    if fmt.printer_dots is None:
        raise ValueError(f"{fmt.name} is not a thermal slip; choose 58mm or 80mm")
    w = _Writer(fmt.printer_dots)
    for block in document.blocks:
        if isinstance(block, Title):
            w.line(block.zh, where="center", strong=True, mag=2)
            if block.en:
                w.line(block.en, where="center")
        elif isinstance(block, Emphasis):
            w.line(block.label, where="center")
            mag = 3 if block.scale > 1.5 and columns(block.value) * 3 <= w.cols else 2
            w.line(block.value, where="center", strong=True,
                   mag=mag if columns(block.value) * mag <= w.cols else 1)
        elif isinstance(block, Field):
            w.line(block.label)
            w.line(block.value if block.value.strip() else "—", strong=True)
            if block.value_en:
                w.line(block.value_en)
        elif isinstance(block, Section):
            w.line(block.label, strong=True)
        elif isinstance(block, Paragraph):
            w.line(block.text, where=block.align, strong=block.bold)
        elif isinstance(block, Item):
            w.line(f"{block.number}. {block.text}", strong=True)
            for detail in block.details:
                w.line(detail, indent=3)
        elif isinstance(block, Pair):
            room = w.cols - columns(block.left) - columns(block.right)
            if room >= 1:
                w.line(block.left + " " * room + block.right, strong=block.bold)
            else:
                w.line(block.left, strong=block.bold)
                w.line(block.right, where="right", strong=block.bold)
        elif isinstance(block, Rule):
            w.out += encode(("-" if block.dashed else "=") * w.cols) + LF
        elif isinstance(block, Qr):
            w.out += align("center") + qr(block.payload.encode("ascii"),
                                          module=_qr_module(block.payload, w.dots)) + LF
            w.out += align("left")
            if block.caption:
                w.line(block.caption, where="center")
        elif isinstance(block, Picture):
            if block.caption:
                w.line(block.caption)
            w.out += raster(block.png, max_width_dots=min(w.dots, int(block.max_width_mm * 8)),
                            max_height_dots=int(block.max_height_mm * 8)) + LF
        elif isinstance(block, SignatureLine):
            w.line(block.label)
            w.out += LF + encode("_" * w.cols) + LF
        elif isinstance(block, Gap):
            w.out += LF
    w.out += CHINESE_OFF + feed(3)
    if cut_paper:
        w.out += cut()
    return bytes(w.out)


def _qr_module(payload: str, dots: int) -> int:
    """The largest module size (dots) at which the symbol and its quiet zone fill at most
    three quarters of the head."""
    import segno

    modules = segno.make(payload, error="m", boost_error=False, micro=False).symbol_size(
        border=4)[0]
    return max(1, min(8, int(dots * 0.75) // modules))
