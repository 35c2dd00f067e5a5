"""The kiosk shell: full screen, no window chrome, no way out for the public, a way out for staff.

`KioskShell` wraps the kiosk window on a real terminal. The window is frameless and full screen;
the keys that close or leave a window (Alt+F4, Ctrl+Q, Ctrl+W, Escape) do nothing and a close
request is refused until staff enter the PIN or the program itself shuts down. Staff open the
PIN pad with a gesture the public does not stumble on: Ctrl+Alt+Shift+S on a keyboard, or five
taps in the top-left corner within four seconds on a touch screen. The right PIN leaves kiosk
mode: the window gets its frame back and closes like any other window.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.staffpin import StaffPinWidget

log = logging.getLogger(__name__)

CORNER_PX = 100
CORNER_TAPS = 5
CORNER_WINDOW_S = 4.0
_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease})


def is_close_key(event: QKeyEvent) -> bool:
    """Alt+F4, Ctrl+Q, Ctrl+W or Escape: the keys that close or leave a window."""
    key, mods = event.key(), event.modifiers()
    return (
        (key == Qt.Key.Key_F4 and bool(mods & _ALT))
        or (key in (Qt.Key.Key_Q, Qt.Key.Key_W) and bool(mods & _CTRL))
        or key == Qt.Key.Key_Escape
    )


def is_staff_key(event: QKeyEvent) -> bool:
    """Ctrl+Alt+Shift+S."""
    mods = event.modifiers()
    return event.key() == Qt.Key.Key_S and all(bool(mods & m) for m in (_CTRL, _ALT, _SHIFT))


class KioskShell(QObject):
    """Keeps `window` in kiosk mode until a member of staff enters the PIN."""

    left_kiosk_mode = Signal()

    def __init__(self, window: QWidget, *, pin_hash: str) -> None:
        super().__init__(window)
        self.setObjectName("kioskShell")
        self.window = window
        self.locked = True
        self.pin_pad = StaffPinWidget(window, pin_hash=pin_hash)
        self.pin_pad.unlocked.connect(self.leave_kiosk_mode)
        self._taps: list[float] = []
        self._last_press: tuple[int, int, int] | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def enter_kiosk_mode(self, *, fullscreen: bool = True) -> None:
        """Frameless, always the whole screen (or a 1280×800 frameless window for trials)."""
        self.locked = True
        self.window.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        if fullscreen:
            self.window.showFullScreen()
        else:
            self.window.resize(1280, 800)
            self.window.show()

    def leave_kiosk_mode(self) -> None:
        """Staff only (after the PIN): the window gets its frame back and may be closed."""
        self.locked = False
        self.window.setWindowFlags(Qt.WindowType.Window)
        self.window.showNormal()
        log.info("kiosk mode left by staff")
        self.left_kiosk_mode.emit()

    def release(self) -> None:
        """Stop guarding the window (the application is shutting down)."""
        self.locked = False
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def open_pin_pad(self) -> None:
        self._taps.clear()
        self.pin_pad.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window:
            # Alt+F4 through a window manager, a close button, `app.quit()`: all refused until
            # staff unlock or the program lets go (`release`) to shut down.
            if self.locked:
                event.ignore()
                return True
            return False
        if kind in _KEYS and isinstance(event, QKeyEvent) and self._in_window(watched):
            if self.locked and is_close_key(event):
                return True
            if kind == QEvent.Type.KeyPress and is_staff_key(event):
                self.open_pin_pad()
                return True
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and self._in_window(watched):
            self._count_corner_tap(event)
        return False

    def _in_window(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self.window

    def _count_corner_tap(self, event: QMouseEvent) -> None:
        # A press a widget ignores travels on to its parents: count each tap once.
        position = event.globalPosition().toPoint()
        press = (event.timestamp(), position.x(), position.y())
        if press == self._last_press:
            return
        self._last_press = press
        corner = self.window.mapToGlobal(self.window.rect().topLeft())
        point = position - corner
        if not (0 <= point.x() < CORNER_PX and 0 <= point.y() < CORNER_PX):
            self._taps.clear()
            return
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < CORNER_WINDOW_S] + [now]
        if len(self._taps) >= CORNER_TAPS:
            self.open_pin_pad()
