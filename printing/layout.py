"""Positions of everything on a narrow slip, worked out before any page exists.

A thermal slip is as long as its content, so the content is laid out first — lines of text
wrapped to the printable width, rules, QR codes — and the page is sized afterwards. The result is
a frozen `SlipLayout` in points, measured from the top-left corner, that a renderer draws without
further decisions and that tests can inspect: every placed piece records its width, so "nothing
crosses the margin" is a plain comparison. Text widths come from a caller-supplied measure
function (reportlab's `stringWidth` for the real font).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from printing.wrap import wrap_text

MM = 72.0 / 25.4
"""Points per millimetre."""

MeasureAt = Callable[[str, float], float]
"""Width in points of a string at a font size."""

Align = Literal["left", "center", "right"]

LEADING = 1.38
"""Line height as a multiple of the font size; CJK text needs more than Latin's 1.2."""

BOLD_STROKE = 0.035
"""Outline stroke, as a fraction of the font size, that thickens 'bold' lines."""

# Where the baseline sits in a line box, as a fraction of the font size: centres CJK glyphs,
# whose body spans roughly -0.12 em to 0.88 em around the baseline.
_BASELINE_IN_BOX = (LEADING - 1.0) / 2 + 0.86


@dataclass(frozen=True)
class PlacedText:
    """One line of text: origin `x`, `baseline` measured down from the top of the page.

    `width` is the advance of the text; a bold line's outline `stroke` adds half its width of
    ink on either side, which `left` and `right` include.
    """

    text: str
    x: float
    baseline: float
    size: float
    bold: bool
    width: float
    stroke: float

    @property
    def left(self) -> float:
        return self.x - self.stroke / 2

    @property
    def right(self) -> float:
        return self.x + self.width + self.stroke / 2


@dataclass(frozen=True)
class PlacedRule:
    """A horizontal rule `y` points below the top of the page."""

    y: float
    x0: float
    x1: float
    dashed: bool


@dataclass(frozen=True)
class PlacedQr:
    """A QR symbol: `matrix` rows of 0/1 modules, drawn with a quiet zone of `border` modules.

    `x` and `top` locate the outer edge of the quiet zone.
    """

    x: float
    top: float
    module: float
    border: int
    matrix: tuple[bytes, ...]

    @property
    def size(self) -> float:
        return (len(self.matrix) + 2 * self.border) * self.module


@dataclass(frozen=True)
class PlacedImage:
    """A raster image (PNG bytes), its top-left corner at `x`, `top`, scaled to the box."""

    x: float
    top: float
    width: float
    height: float
    png: bytes = field(repr=False)


@dataclass(frozen=True)
class SlipLayout:
    """A fully positioned slip (or one page), in points."""

    width: float
    height: float
    margin: float
    texts: tuple[PlacedText, ...]
    rules: tuple[PlacedRule, ...]
    qrs: tuple[PlacedQr, ...]
    images: tuple[PlacedImage, ...] = ()

    @property
    def printable_right(self) -> float:
        return self.width - self.margin


class SlipBuilder:
    """Stacks content down a slip of fixed width; `finish` returns the layout.

    Nothing placed by the builder reaches into the side margins: text is wrapped, and a
    single piece too wide for a line is shrunk or broken, never allowed to overflow.
    """

    def __init__(self, *, width: float, margin: float, measure: MeasureAt, top: float) -> None:
        if width <= 2 * margin:
            raise ValueError("the slip is narrower than its margins")
        self.width = width
        self.margin = margin
        self._measure = measure
        self._y = top
        self._texts: list[PlacedText] = []
        self._rules: list[PlacedRule] = []
        self._qrs: list[PlacedQr] = []
        self._images: list[PlacedImage] = []

    @property
    def printable(self) -> float:
        return self.width - 2 * self.margin

    def gap(self, points: float) -> None:
        self._y += points

    def text(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        align: Align = "left",
        indent: float = 0.0,
        shrink_to: float | None = None,
    ) -> None:
        """Place `text`, wrapped to the printable width (less `indent`).

        With `shrink_to`, text that does not fit on one line is first set smaller, down to
        that size, and only wrapped if it still does not fit.
        """
        extra = size * BOLD_STROKE if bold else 0.0
        room = self.printable - indent - extra
        if shrink_to is not None and "\n" not in text:
            while size > shrink_to and self._measure(text, size) > room:
                size = max(shrink_to, size - 0.5)
                extra = size * BOLD_STROKE if bold else 0.0
                room = self.printable - indent - extra
        lines = wrap_text(text, room, lambda piece: self._measure(piece, size))
        for line in lines:
            self._line(line, size, bold=bold, align=align, indent=indent)

    def rule(self, *, dashed: bool = True, space: float = 4.0) -> None:
        self._y += space
        self._rules.append(PlacedRule(self._y, self.margin, self.width - self.margin, dashed))
        self._y += space

    def qr(
        self, matrix: Sequence[bytes | bytearray], *, border: int, max_size: float, grid: float
    ) -> PlacedQr:
        """Centre a QR symbol whose side, quiet zone included, is at most `max_size`.

        The module size is a whole multiple of `grid` (a printer dot pitch) when that leaves
        the symbol at least 85 % of `max_size`, so every module prints the same number of dots.
        """
        count = len(matrix) + 2 * border
        limit = min(max_size, self.printable)
        module = limit / count
        snapped = int(module / grid) * grid
        if snapped * count >= 0.85 * limit:
            module = snapped
        size = module * count
        placed = PlacedQr(
            x=(self.width - size) / 2,
            top=self._y,
            module=module,
            border=border,
            matrix=tuple(bytes(row) for row in matrix),
        )
        self._qrs.append(placed)
        self._y += size
        return placed

    def image(self, png: bytes, *, aspect: float, max_width: float, max_height: float,
              align: Align = "left") -> PlacedImage:
        """Place an image of width/height ratio `aspect`, as large as the limits allow."""
        width = min(max_width, self.printable, max_height * aspect)
        height = width / aspect
        if align == "center":
            x = (self.width - width) / 2
        elif align == "right":
            x = self.width - self.margin - width
        else:
            x = self.margin
        placed = PlacedImage(x=x, top=self._y, width=width, height=height, png=png)
        self._images.append(placed)
        self._y += height
        return placed

    def pair(self, left: str, right: str, size: float, *, bold: bool = False) -> None:
        """`left` at the left margin and `right` flush right on the same line when both fit;
        otherwise `left` wrapped, then `right` flush right below it."""
        extra = size * BOLD_STROKE if bold else 0.0
        gap = size
        left_w = self._measure(left, size)
        right_w = self._measure(right, size)
        if left_w + gap + right_w + 2 * extra <= self.printable and "\n" not in left + right:
            box = size * LEADING
            baseline = self._y + size * _BASELINE_IN_BOX
            stroke = extra
            if left:
                self._texts.append(PlacedText(left, self.margin + stroke / 2, baseline, size,
                                              bold, left_w, stroke))
            if right:
                x = self.width - self.margin - right_w - stroke / 2
                self._texts.append(PlacedText(right, x, baseline, size, bold, right_w, stroke))
            self._y += box
            return
        self.text(left, size, bold=bold)
        self.text(right, size, bold=bold, align="right")

    def finish(self, *, bottom: float) -> SlipLayout:
        return SlipLayout(
            width=self.width,
            height=self._y + bottom,
            margin=self.margin,
            texts=tuple(self._texts),
            rules=tuple(self._rules),
            qrs=tuple(self._qrs),
            images=tuple(self._images),
        )

    def _line(self, line: str, size: float, *, bold: bool, align: Align, indent: float) -> None:
        box = size * LEADING
        if line:
            stroke = size * BOLD_STROKE if bold else 0.0
            width = self._measure(line, size)
            if align == "center":
                x = (self.width - width) / 2
            elif align == "right":
                x = self.width - self.margin - width - stroke / 2
            else:
                x = self.margin + indent + stroke / 2
            baseline = self._y + size * _BASELINE_IN_BOX
            self._texts.append(PlacedText(line, x, baseline, size, bold, width, stroke))
        self._y += box if line else box / 2
