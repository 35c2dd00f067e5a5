"""Keyboard-wedge scanners: a USB scanner that types what it read, very fast, and presses Enter.

To the computer such a scanner is a keyboard. `WedgeScanner` watches the application's key
presses while its screen is shown and lets every key through untouched, so typing is never
delayed; it only keeps note of the current run of printable keys, each less than `max_gap_ms`
after the one before. An Enter that ends such a run of at least `min_length` characters is a
scan: the Enter is swallowed, the line edit the run was typed into gets back the text it had
before the run began (an e-licence payload typed into an ID field would leave debris there), and
`scanned(text)` carries the run. A person typing leaves gaps of 60 ms or more between keys, so
their Enter reaches the field as usual. Auto-repeated keys and keys with Ctrl or Alt end a run.
`clear()` (called when a visit ends) forgets the run, which may hold part of an ID number.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

MAX_GAP_MS = 40
"""Scanners type a key every 1-20 ms; the fastest people need about 60 ms."""
MIN_LENGTH = 8
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CHORDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class WedgeScanner(QObject):
    """Tells a scanner's burst of keys from a person's typing while `screen` is visible."""

    scanned = Signal(str)

    def __init__(self, screen: QWidget, *, max_gap_ms: int = MAX_GAP_MS,
                 min_length: int = MIN_LENGTH) -> None:
        super().__init__(screen)
        self._screen = screen
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.clock: Callable[[], float] = time.monotonic
        self._run: list[str] = []
        self._last = 0.0
        self._field: QLineEdit | None = None
        self._field_text = ""
        self._last_event = 0
        self._last_key = 0
        self._last_target: QWidget | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def clear(self) -> None:
        """Forget the run of keys in progress and the field text kept to undo it."""
        self._run = []
        self._field = None
        self._field_text = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() != QEvent.Type.KeyPress or not watched.isWidgetType()
                or not self._screen.isVisible()):
            return False
        assert isinstance(event, QKeyEvent) and isinstance(watched, QWidget)
        if self._propagating(watched, event):
            return False  # the same key again, on its way up to a parent that may want it
        now = self.clock()
        quick = bool(self._run) and (now - self._last) * 1000 <= self.max_gap_ms
        if event.key() in _ENTER:
            if quick and len(self._run) >= self.min_length:
                text = "".join(self._run)
                self._undo()
                self.scanned.emit(text)
                return True
            self.clear()
            return False
        text = event.text()
        if (not text or not text.isprintable() or event.isAutoRepeat()
                or event.modifiers() & _CHORDS):
            self.clear()
            return False
        if not quick:  # a new run begins: remember the field as it is, to undo a scan
            self.clear()
            if isinstance(watched, QLineEdit):
                self._field, self._field_text = watched, watched.text()
        self._run.append(text)
        self._last = now
        return False

    def _propagating(self, watched: QWidget, event: QKeyEvent) -> bool:
        """Whether `event` is the key last seen, passed on to a parent of the widget that got it."""
        pointer = shiboken6.getCppPointer(event)[0]
        last = self._last_target
        repeat = (pointer == self._last_event and event.key() == self._last_key
                  and last is not None and shiboken6.isValid(last) and last is not watched
                  and watched.isAncestorOf(last))
        self._last_event, self._last_key, self._last_target = pointer, event.key(), watched
        return repeat

    def _undo(self) -> None:
        field, before = self._field, self._field_text
        self.clear()
        if field is not None and shiboken6.isValid(field) and field.text() != before:
            field.setText(before)
