"""Drives the kiosk window the way a citizen does: by clicking keypad keys and buttons.

Tests and the screenshot run share this driver so they walk the same path. Every action checks
that the control is visible and enabled first, as a person could only press what they can see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.keypad import KeypadWidget
from kiosk.ui.window import KioskWindow

WAIT_MS = 15_000


class KioskDriver:
    def __init__(self, qtbot: QtBot, window: KioskWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    def click(self, button: QAbstractButton, *, consent: bool = True) -> None:
        """Press `button`. A citizen ticks the review's consent box before pressing 确认提交,
        and so does this, unless `consent` is False."""
        review = getattr(self.window, "review", None)
        box = getattr(review, "consent", None)
        if consent and box is not None and button is review.submit_button and not box.isChecked():
            self.click(box)
        assert button.isVisible(), f"{button.objectName()} is not visible"
        assert button.isEnabled(), f"{button.objectName()} is disabled"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def wait_for(self, screen: QWidget | Callable[[], bool], timeout: int = WAIT_MS) -> None:
        if isinstance(screen, QWidget):
            self.qtbot.waitUntil(lambda: self.window.currentWidget() is screen, timeout=timeout)
        else:
            self.qtbot.waitUntil(screen, timeout=timeout)

    def press_keys(self, keypad: KeypadWidget, text: str) -> None:
        for ch in text:
            self.click(keypad.key(ch))

    def wait_until_ready(self) -> None:
        """The attract screen has read the device record."""
        self.wait_for(lambda: self.window.attract.apply_button.isEnabled())

    def identify(self, id_number: str, *, reuse_earlier: bool | None = None) -> None:
        """From the attract screen to the service list, typing the ID on the keypad. A citizen
        who applied here before is asked about reusing those answers: `reuse_earlier` says
        what they answer (None: they are not expected to be asked)."""
        w = self.window
        self.click(w.attract.apply_button)
        self.wait_for(w.identify)
        self.press_keys(w.identify.keypad, id_number)
        self.click(w.identify.next_button)
        if reuse_earlier is None:
            self.wait_for(w.choose)
            return
        self.wait_for(w.reuse)
        self.click(w.reuse.use_button if reuse_earlier else w.reuse.skip_button)
        self.wait_for(w.choose)

    def choose(self, code: str) -> None:
        """From the service list through the guide to the first page of the form."""
        w = self.window
        self.click(w.choose.service_button(code))
        self.wait_for(w.guide)
        self.click(w.guide.start_button)
        self.wait_for(lambda: isinstance(w.currentWidget(), FormPageScreen))

    @property
    def page(self) -> FormPageScreen:
        current = self.window.currentWidget()
        assert isinstance(current, FormPageScreen), f"on {current.objectName()}, not a form page"
        return current

    def fill(self, values: Mapping[str, str]) -> None:
        """Type or choose each value present on the current page; leave the other fields alone."""
        for name, value in values.items():
            editor = self.page.editors.get(name)
            if editor is None:
                continue
            if editor.field.type == "choice":
                radio = editor.findChild(QAbstractButton, f"choice_{name}_{value}")
                assert radio is not None, f"no choice {value!r} for {name}"
                self.click(radio)
            else:
                target = editor.input
                assert isinstance(target, (QLineEdit, QPlainTextEdit))
                if isinstance(target, QLineEdit):
                    target.setText("")
                else:
                    target.setPlainText("")
                self.qtbot.keyClicks(target, value)
            assert editor.value() == value, f"{name} holds {editor.value()!r}"

    def next_page(self, *, through_materials: bool = True) -> None:
        """Press 下一步. Past the last form page comes the materials step: unless
        `through_materials` is False, hand in every material there (see `complete_materials`)."""
        self.click(self.page.next_button)
        materials = getattr(self.window, "materials", None)
        if through_materials and materials is not None and self.window.currentWidget() is materials:
            self.complete_materials()

    # -- the materials step ---------------------------------------------------------------

    def feed_camera_frame(self, image: QImage | None = None) -> QImage:
        """Hand the document camera a frame, through the entry point its video sink uses."""
        frame = image if image is not None else document_image()
        self.window.materials.camera.present_frame(frame)
        return frame

    def photograph(self, material_id: str, image: QImage | None = None) -> None:
        """拍照 for one material: open the camera, take a frame, and wait for it to be kept."""
        m = self.window.materials
        self.click(m.action_button(material_id, "photo"))
        self.wait_for(m.camera.isVisible)
        self.feed_camera_frame(image)
        self.click(m.camera.shoot_button)
        self.wait_for(lambda: "已拍照" in m.status_text(material_id))

    def complete_materials(self) -> None:
        """Hand in every material still missing the quickest way a citizen could — the e-licence
        where the catalogue allows one, else a photograph — and go on to check answers."""
        m = self.window.materials
        for material_id, state in m.states.items():
            if state.kind or state.material.requirement == "optional":
                continue
            if state.material.e_licence:
                self.click(m.action_button(material_id, "licence"))
            else:
                self.photograph(material_id)
        self.click(m.next_button)
        self.wait_for(self.window.review)

    def sign(self, pad: QWidget, strokes: int = 3) -> None:
        """Draw a few strokes across the signature pad with the mouse."""
        w, h = pad.width(), pad.height()
        for n in range(strokes):
            y = int(h * (0.3 + 0.15 * n))
            points = [QPoint(int(w * x / 10), y + (8 if x % 2 else -8)) for x in range(1, 10)]
            self.qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
            for point in points[1:]:
                self.qtbot.mouseMove(pad, point)
            self.qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])


def document_image(text: str = "房屋租赁合同", width: int = 1280, height: int = 720) -> QImage:
    """A camera frame of a document: a white page with a title and lines of print."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a8a8a"))
    painter = QPainter(image)
    painter.fillRect(160, 40, width - 320, height - 80, QColor("white"))
    painter.setPen(QColor("black"))
    painter.setFont(QFont("WenQuanYi Micro Hei", 36))
    painter.drawText(220, 130, text)
    for n in range(12):
        painter.drawLine(220, 190 + 38 * n, width - 220 - (n % 3) * 90, 190 + 38 * n)
    painter.end()
    return image


def all_texts(root: QWidget) -> list[str]:
    """Every text a person or a screen reader could get from the widgets under `root`."""
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        texts.append(widget.accessibleName())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif hasattr(widget, "text") and callable(widget.text):
            texts.append(str(widget.text()))
    return [t for t in texts if t]
