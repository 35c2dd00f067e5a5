"""Faces for the 好差评 levels, drawn rather than taken from an emoji font the kiosk may lack.

Each face is a dark outline on a light disc; only the bend of the mouth (and, for the lowest
level, frowning brows) tells the levels apart, so the faces read the same to a colour-blind
citizen. They always stand beside the level's words, never instead of them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from kiosk.ui.style import TEXT

FACE_PX = 96
#: How far each level's mouth bends (1 = a broad smile, -1 = a deep frown).
_SMILE = {"very_satisfied": 1.0, "satisfied": 0.55, "fair": 0.0, "dissatisfied": -0.55,
          "very_dissatisfied": -1.0}


def face_pixmap(level: str, size: int = FACE_PX) -> QPixmap:
    """A face drawn in dark outline: the mouth's bend, not a colour, tells the levels apart."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(TEXT), max(2.0, size / 20))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(QColor("#fff4c2"))
    margin = size * 0.06
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setBrush(QColor(TEXT))
    eye = size * 0.06
    for x in (0.35, 0.65):
        painter.drawEllipse(QPointF(size * x, size * 0.38), eye, eye)
    bend = _SMILE.get(level, 0.0)
    mouth = QPainterPath(QPointF(size * 0.3, size * 0.66))
    mouth.quadTo(QPointF(size * 0.5, size * (0.66 + 0.22 * bend)), QPointF(size * 0.7, size * 0.66))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(mouth)
    if bend <= -1.0:  # frowning brows for the lowest level
        painter.drawLine(QPointF(size * 0.25, size * 0.24), QPointF(size * 0.42, size * 0.3))
        painter.drawLine(QPointF(size * 0.75, size * 0.24), QPointF(size * 0.58, size * 0.3))
    painter.end()
    return pixmap
