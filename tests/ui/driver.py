"""Drives the kiosk window the way a citizen does: by clicking keypad keys and buttons.

Tests and the screenshot run share this driver so they walk the same path. Every action checks
that the control is visible and enabled first, as a person could only press what they can see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
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

    def click(self, button: QAbstractButton) -> None:
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

    def identify(self, id_number: str) -> None:
        """From the attract screen to the service list, typing the ID on the keypad."""
        w = self.window
        self.click(w.attract.apply_button)
        self.wait_for(w.identify)
        self.press_keys(w.identify.keypad, id_number)
        self.click(w.identify.next_button)
        self.wait_for(w.choose)

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

    def next_page(self) -> None:
        self.click(self.page.next_button)


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
