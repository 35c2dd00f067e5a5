"""The big on-screen keypad used to type ID numbers and case numbers without a keyboard.

A `KeypadWidget` types into one `QLineEdit`. Keys never take focus, so a physical keyboard or a
keyboard-wedge scanner keeps working in the same field; the field's validator and maximum length
apply to keypad presses exactly as to typed keys. Keys are at least 80 px square.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.ui.style import KEYPAD_KEY_PX
from kiosk.ui.widgets import make_button

BACKSPACE = "backspace"
CLEAR = "clear"

ID_NUMBER_KEYS: tuple[tuple[str, ...], ...] = (
    ("1", "2", "3"),
    ("4", "5", "6"),
    ("7", "8", "9"),
    ("X", "0", BACKSPACE),
    (CLEAR,),
)
CASE_NUMBER_KEYS: tuple[tuple[str, ...], ...] = (
    ("1", "2", "3"),
    ("4", "5", "6"),
    ("7", "8", "9"),
    ("-", "0", BACKSPACE),
    (CLEAR,),
)


class KeypadWidget(QWidget):
    """A grid of big keys typing into `target`; `pressed` fires after every key."""

    pressed = Signal(str)

    def __init__(
        self, target: QLineEdit, rows: Sequence[Sequence[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._target = target
        self.setObjectName("keypad")
        self.setAccessibleName(self.tr("屏幕键盘"))
        grid = QGridLayout(self)
        grid.setSpacing(12)
        columns = max(len(row) for row in rows)
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                button = self._make_key(key)
                span = columns if len(row) == 1 else 1
                grid.addWidget(button, r, c, 1, span)

    def key(self, key: str) -> QPushButton:
        """The button for `key` ("7", "X", "-", BACKSPACE or CLEAR)."""
        button = self.findChild(QPushButton, f"key_{key}")
        if button is None:
            raise KeyError(key)
        return button

    def _make_key(self, key: str) -> QPushButton:
        if key == BACKSPACE:
            text = accessible = self.tr("删除")
        elif key == CLEAR:
            text = accessible = self.tr("清空")
        elif key.isdigit():
            text, accessible = key, self.tr("数字 %1").replace("%1", key)
        elif key == "-":
            text, accessible = "-", self.tr("连字符")
        else:
            text, accessible = key, self.tr("字母 %1").replace("%1", key)
        button = make_button(text, name=f"key_{key}", accessible=accessible, role="key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(KEYPAD_KEY_PX, KEYPAD_KEY_PX)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAutoRepeat(key == BACKSPACE)
        button.clicked.connect(lambda: self._press(key))
        return button

    def _press(self, key: str) -> None:
        if key == BACKSPACE:
            self._target.backspace()
        elif key == CLEAR:
            self._target.setText("")
        else:
            self._target.insert(key)
        self.pressed.emit(key)
