"""The signature pad: a citizen signs with a finger, a stylus or the mouse.

`SignaturePadWidget` is the drawing surface: it keeps the strokes as lists of points (relative
to its size, so a resize keeps the drawing) and draws them. `SignatureWidget` puts the pad with
清除 (clear) and 确认 (confirm): confirming an empty pad is refused with a message, a signature
is exported as PNG bytes of the strokes, dark on white, and handed on through `confirmed`.
`reset` wipes the strokes, so nothing of a signature outlives the visit.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.style import BORDER, TEXT, set_role
from kiosk.ui.widgets import error_text, make_button, make_label

EXPORT_WIDTH = 900
EXPORT_HEIGHT = 300
_INK = QColor(TEXT)
_MIN_POINTS = 2  # a single tap is not a signature
_MARGIN = 24


class SignaturePadWidget(QWidget):
    """A white surface that records and draws strokes from mouse, touch and tablet pens."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAccessibleName(self.tr("签名区：请用手指或触控笔在此签名"))
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(480, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[list[QPointF]] = []  # points as fractions of the pad's size
        self._drawing = False

    # -- strokes --------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return sum(len(s) for s in self._strokes) < _MIN_POINTS

    def stroke_count(self) -> int:
        return len(self._strokes)

    def clear(self) -> None:
        """Forget every stroke."""
        for stroke in self._strokes:
            stroke.clear()
        self._strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    def begin_stroke(self, pos: QPointF) -> None:
        self._strokes.append([self._relative(pos)])
        self._drawing = True
        self.update()

    def extend_stroke(self, pos: QPointF) -> None:
        if not self._drawing:
            return
        self._strokes[-1].append(self._relative(pos))
        self.update()

    def end_stroke(self, pos: QPointF) -> None:
        if self._drawing:
            self.extend_stroke(pos)
            self._drawing = False
            self.changed.emit()

    def _relative(self, pos: QPointF) -> QPointF:
        w, h = max(self.width(), 1), max(self.height(), 1)
        return QPointF(min(max(pos.x() / w, 0.0), 1.0), min(max(pos.y() / h, 0.0), 1.0))

    # -- input ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.extend_stroke(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.end_stroke(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.begin_stroke(event.position())
        elif kind == QEvent.Type.TabletMove:
            self.extend_stroke(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self.end_stroke(event.position())
        event.accept()  # a pen's input is not also delivered as a mouse event

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QTouchEvent) and kind in (
            QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd
        ):
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self.begin_stroke(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self.extend_stroke(pos)
                else:
                    self.end_stroke(pos)
            event.accept()
            return True
        return super().event(event)

    # -- drawing --------------------------------------------------------------------------

    def _paint_strokes(self, painter: QPainter, width: float, height: float, pen_px: float) -> None:
        pen = QPen(_INK, pen_px, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if not stroke:
                continue
            path = QPainterPath(QPointF(stroke[0].x() * width, stroke[0].y() * height))
            for point in stroke[1:]:
                path.lineTo(point.x() * width, point.y() * height)
            if len(stroke) == 1:
                painter.drawPoint(path.currentPosition())
            else:
                painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor(BORDER), 2))
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        baseline = self.height() * 0.78
        painter.setPen(QPen(QColor(BORDER), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(24, baseline), QPointF(self.width() - 24, baseline))
        self._paint_strokes(painter, self.width(), self.height(), 4.0)
        painter.end()

    def to_image(self) -> QImage:
        """The strokes alone, dark on white, fitted (at most 3× enlarged) into a fixed size for
        printing, so a small signature in a corner of the pad still prints legibly."""
        image = QImage(EXPORT_WIDTH, EXPORT_HEIGHT, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        points = [p for stroke in self._strokes for p in stroke]
        if not points:
            return image
        w, h = max(self.width(), 1), max(self.height(), 1)
        left, right = min(p.x() for p in points) * w, max(p.x() for p in points) * w
        top, bottom = min(p.y() for p in points) * h, max(p.y() for p in points) * h
        width, height = max(right - left, 1.0), max(bottom - top, 1.0)
        scale = min((EXPORT_WIDTH - 2 * _MARGIN) / width, (EXPORT_HEIGHT - 2 * _MARGIN) / height,
                    3.0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate((EXPORT_WIDTH - width * scale) / 2 - left * scale,
                          (EXPORT_HEIGHT - height * scale) / 2 - top * scale)
        painter.scale(scale, scale)
        self._paint_strokes(painter, w, h, 7.0 / scale)
        painter.end()
        return image

    def to_png(self) -> bytes:
        """The strokes as PNG bytes. :raises ValueError: if nothing has been drawn."""
        if self.is_empty():
            raise ValueError("the signature pad is empty")
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.to_image().save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())


class SignatureWidget(QWidget):
    """The pad with 清除 and 确认; `confirmed` carries the PNG bytes of a non-empty signature."""

    confirmed = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureWidget")
        self.pad = SignaturePadWidget()
        self.message = make_label(name="signatureMessage")
        self.message.hide()
        self.clear_button = make_button(self.tr("清除"), name="signatureClearButton",
                                        accessible=self.tr("清除签名"))
        self.confirm_button = make_button(self.tr("确认签名"), name="signatureConfirmButton",
                                          role="primary")
        self.clear_button.clicked.connect(self.clear)
        self.confirm_button.clicked.connect(self._confirm)
        self.pad.changed.connect(self._on_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def clear(self) -> None:
        self.pad.clear()
        self._show_message("")

    def reset(self) -> None:
        """Wipe the signature and any message (end of visit)."""
        self.clear()

    def _on_changed(self) -> None:
        if not self.pad.is_empty():
            self._show_message("")

    def _confirm(self) -> None:
        if self.pad.is_empty():
            self._show_message(error_text(self.tr("还没有签名。请用手指或触控笔在白色区域内签上您的"
                                                  "姓名，再按“确认签名”。")), error=True)
            return
        self._show_message("")
        self.confirmed.emit(self.pad.to_png())

    def _show_message(self, text: str, *, error: bool = False) -> None:
        set_role(self.message, "error" if error else "subtle")
        self.message.setText(text)
        self.message.setVisible(bool(text))
