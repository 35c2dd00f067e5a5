"""Start the kiosk: a QApplication (unless one exists), the window, background sync, the event loop.

`run_kiosk` is what `servicehall kiosk` and `servicehall demo` call with an opened service layer.
Importing this module starts nothing. The idle timeout comes from the service layer's
configuration (`idle_timeout_s`), and so do the terminal's language (`language`), the staff
PIN's hash (`staff_pin_hash`) and the voice for elder mode's spoken prompts (`voice_engine`).
Full screen means kiosk mode: frameless, close keys disabled, staff leave with the PIN
(`kiosk.ui.shell`). `quit_after` exists so smoke tests can run the real loop briefly.
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.ui.language import switcher
from kiosk.ui.shell import KioskShell
from kiosk.ui.style import kiosk_font
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.touchkeyboard import use_touch_keyboard
from kiosk.ui.voice import VoicePrompter
from kiosk.ui.window import DEFAULT_IDLE_TIMEOUT_MS, KioskWindow

if TYPE_CHECKING:
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)


def _quit(app: QApplication, shell: KioskShell | None) -> None:
    if shell is not None:
        shell.release()  # kiosk mode refuses to close its window, and so to quit, until then
    app.quit()


def run_kiosk(
    services: KioskServices, *, fullscreen: bool = False, quit_after: float | None = None
) -> int:
    """Show the kiosk window and run the Qt event loop until the application quits.

    :param fullscreen: cover the whole screen (a real terminal) instead of a 1280×800 window.
    :param quit_after: quit by itself after this many seconds (smoke tests).
    :returns: the event loop's exit code.
    """
    if fullscreen and QApplication.instance() is None:
        use_touch_keyboard()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("servicehall")
    app.setFont(kiosk_font())
    config = getattr(services, "config", None)
    idle_s = getattr(config, "idle_timeout_s", None)
    idle_ms = int(idle_s * 1000) if idle_s else DEFAULT_IDLE_TIMEOUT_MS
    window = KioskWindow(services, idle_timeout_ms=idle_ms)
    # The window is built in the source language; the terminal's own language is applied after.
    languages = switcher(window)
    languages.default = getattr(config, "language", "zh") or "zh"
    languages.set_language(languages.default)
    VoicePrompter(window, engine=getattr(config, "voice_engine", "") or "")
    shell: KioskShell | None = None
    if fullscreen:
        shell = KioskShell(window, pin_hash=getattr(config, "staff_pin_hash", "") or "")
        shell.enter_kiosk_mode()
    else:
        window.resize(1280, 800)
        window.show()
    window.start_sync()
    if quit_after is not None:
        # Smoke tests and `servicehall bench` read this line: the attract screen is shown and
        # the event loop is taking input (CLOCK_MONOTONIC, comparable across processes).
        QTimer.singleShot(0, lambda: print(f"attract-ready {time.monotonic():.6f}",
                                           file=sys.stderr, flush=True))
        QTimer.singleShot(int(quit_after * 1000), lambda: _quit(app, shell))
    # Ctrl-C or a service manager's SIGTERM ends the kiosk cleanly. Qt's loop does not return
    # to Python by itself, so a light timer lets Python run the handler.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: _quit(app, shell))
    heartbeat = QTimer(app)
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
    log.info("kiosk started (fullscreen=%s)", fullscreen)
    code = app.exec()
    heartbeat.stop()
    if shell is not None:
        shell.release()
    window.close()
    wait_for_tasks()
    window.deleteLater()
    return code
