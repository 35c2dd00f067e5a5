"""Start the kiosk: a QApplication (unless one exists), the window, background sync, the event loop.

`run_kiosk` is what `servicehall kiosk` and `servicehall demo` call with an opened service layer.
Importing this module starts nothing. The idle timeout comes from the service layer's
configuration (`idle_timeout_s`); `quit_after` exists so smoke tests can run the real loop briefly.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.ui.style import kiosk_font
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.window import DEFAULT_IDLE_TIMEOUT_MS, KioskWindow

if TYPE_CHECKING:
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)


def run_kiosk(
    services: KioskServices, *, fullscreen: bool = False, quit_after: float | None = None
) -> int:
    """Show the kiosk window and run the Qt event loop until the application quits.

    :param fullscreen: cover the whole screen (a real terminal) instead of a 1280×800 window.
    :param quit_after: quit by itself after this many seconds (smoke tests).
    :returns: the event loop's exit code.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("servicehall")
    app.setFont(kiosk_font())
    config = getattr(services, "config", None)
    idle_s = getattr(config, "idle_timeout_s", None)
    idle_ms = int(idle_s * 1000) if idle_s else DEFAULT_IDLE_TIMEOUT_MS
    window = KioskWindow(services, idle_timeout_ms=idle_ms)
    if fullscreen:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    window.start_sync()
    if quit_after is not None:
        # Smoke tests and `servicehall bench` read this line: the attract screen is shown and
        # the event loop is taking input (CLOCK_MONOTONIC, comparable across processes).
        QTimer.singleShot(0, lambda: print(f"attract-ready {time.monotonic():.6f}",
                                           file=sys.stderr, flush=True))
        QTimer.singleShot(int(quit_after * 1000), app.quit)
    log.info("kiosk started (fullscreen=%s)", fullscreen)
    code = app.exec()
    window.close()
    wait_for_tasks()
    window.deleteLater()
    return code
