"""The kiosk's entry point and its background sync, run for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow
from tests.conftest import REPO, PlatformHandle
from tests.ui.driver import KioskDriver


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A separate process: the entry point owns its event loop, which a test process must not run.
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=120
    )


def test_importing_the_entry_point_starts_nothing() -> None:
    done = _python(
        "import kiosk.ui.app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "assert QApplication.instance() is None\n"
    )
    assert done.returncode == 0, done.stderr


def test_run_kiosk_runs_the_event_loop_and_returns(
    tmp_path: Path, platform_server: PlatformHandle
) -> None:
    # A fresh terminal: the attract screen can only show the staff message once the device
    # record has been read on a worker and the answer came back through the real event loop.
    done = _python(
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kiosk.services import KioskServices\n"
        "from kiosk.ui.app import run_kiosk\n"
        "from kiosk.ui.window import KioskWindow\n"
        "from tests.conftest import device_config\n"
        f"config = device_config(Path({str(tmp_path)!r}), {platform_server.url!r})\n"
        "services = KioskServices.open(config)\n"
        "app = QApplication([])\n"
        "seen = []\n"
        "def probe():\n"
        "    for w in app.topLevelWidgets():\n"
        "        if isinstance(w, KioskWindow) and w.attract.staff_message.isVisible():\n"
        "            seen.append(w.attract.apply_button.isEnabled())\n"
        "            app.quit()\n"
        "timer = QTimer()\n"
        "timer.timeout.connect(probe)\n"
        "timer.start(50)\n"
        "try:\n"
        "    code = run_kiosk(services, quit_after=30)\n"
        "finally:\n"
        "    services.close()\n"
        "assert seen == [False], seen\n"
        "sys.exit(code)\n"
    )
    assert done.returncode == 0, done.stderr


def test_background_sync_result_reaches_the_attract_screen(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    kiosk_window.start_sync()
    qtbot.waitUntil(
        lambda: "已与平台同步" in kiosk_window.attract.sync_status.text(), timeout=15_000
    )
    kiosk_window.services.stop_background_sync()
