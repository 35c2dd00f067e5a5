"""Kiosk mode: no chrome, no way out for the public, a PIN-guarded way out for staff."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot

from kiosk.services import KioskServices
from kiosk.ui.shell import KioskShell
from kiosk.ui.staffpin import FIRST_LOCK_S, MAX_TRIES
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.window import KioskWindow
from tests.conftest import REPO, PlatformHandle
from tests.ui.driver import KioskDriver

PIN = "482916"
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return PasswordHasher().hash(PIN)


@pytest.fixture
def kiosk(qtbot: QtBot, kiosk_services: KioskServices, pin_hash: str) -> Iterator[KioskShell]:
    """A kiosk window put into kiosk mode before it is first shown, as `run_kiosk` does."""
    window = KioskWindow(kiosk_services)
    qtbot.addWidget(window)
    s = KioskShell(window, pin_hash=pin_hash)
    s.enter_kiosk_mode(fullscreen=False)
    qtbot.waitUntil(window.isActiveWindow)
    yield s
    s.release()
    assert wait_for_tasks()


@pytest.fixture
def shell(kiosk: KioskShell) -> KioskShell:
    return kiosk


@pytest.fixture
def kiosk_window(kiosk: KioskShell) -> KioskWindow:
    assert isinstance(kiosk.window, KioskWindow)
    return kiosk.window


@pytest.fixture
def driver(qtbot: QtBot, kiosk_window: KioskWindow) -> KioskDriver:
    d = KioskDriver(qtbot, kiosk_window)
    d.wait_until_ready()
    return d


def _key(key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, mods)


def _type_pin(driver: KioskDriver, shell: KioskShell, pin: str) -> None:
    driver.press_keys(shell.pin_pad.keypad, pin)
    driver.click(shell.pin_pad.ok_button)


def test_the_window_is_frameless_and_refuses_to_close(
    qtbot: QtBot, kiosk_window: KioskWindow, shell: KioskShell
) -> None:
    w = kiosk_window
    assert w.windowFlags() & Qt.WindowType.FramelessWindowHint
    handle = w.windowHandle()
    assert handle is not None
    assert not handle.close(), "a close from the window system (Alt+F4, say) is refused"
    assert not w.close()
    assert w.isVisible()


@pytest.mark.parametrize(("key", "mods"), [
    (Qt.Key.Key_F4, ALT), (Qt.Key.Key_Q, CTRL), (Qt.Key.Key_W, CTRL),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
])
def test_close_keys_are_swallowed(
    qtbot: QtBot, kiosk_window: KioskWindow, shell: KioskShell, key: Qt.Key,
    mods: Qt.KeyboardModifier,
) -> None:
    assert shell.eventFilter(kiosk_window.attract, _key(key, mods)) is True
    qtbot.keyClick(kiosk_window.attract, key, mods)
    assert kiosk_window.isVisible()
    # Ordinary typing is left alone.
    assert shell.eventFilter(kiosk_window.attract, _key(Qt.Key.Key_Q)) is False


def test_the_staff_shortcut_opens_the_pin_pad_in_the_window(
    qtbot: QtBot, kiosk_window: KioskWindow, shell: KioskShell
) -> None:
    assert not shell.pin_pad.isVisible()
    qtbot.keyClick(kiosk_window.attract, Qt.Key.Key_S, CTRL | ALT | SHIFT)
    assert shell.pin_pad.isVisible()
    assert not shell.pin_pad.isWindow()
    assert shell.pin_pad.entry.hasFocus()


def test_five_taps_in_the_corner_open_the_pin_pad(
    qtbot: QtBot, kiosk_window: KioskWindow, shell: KioskShell
) -> None:
    for _ in range(4):
        qtbot.mouseClick(kiosk_window.attract, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert not shell.pin_pad.isVisible(), "four taps are not enough"
    qtbot.mouseClick(kiosk_window.attract, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert shell.pin_pad.isVisible()


def test_taps_elsewhere_do_not_count(
    qtbot: QtBot, kiosk_window: KioskWindow, shell: KioskShell
) -> None:
    for _ in range(4):
        qtbot.mouseClick(kiosk_window.attract, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    qtbot.mouseClick(kiosk_window.attract, Qt.MouseButton.LeftButton, pos=QPoint(640, 700))
    qtbot.mouseClick(kiosk_window.attract, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert not shell.pin_pad.isVisible()


def test_wrong_pins_say_so_then_lock_the_pad_for_a_while(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, shell: KioskShell
) -> None:
    now = [1000.0]
    shell.pin_pad.attempts.clock = lambda: now[0]
    shell.open_pin_pad()
    pad = shell.pin_pad
    for tries_left in range(MAX_TRIES - 1, 0, -1):
        _type_pin(driver, shell, "111111")
        qtbot.waitUntil(lambda t=tries_left: f"还可以再试 {t} 次" in pad.message.text())
        assert pad.message.text().startswith("⚠"), "not by colour alone"
        assert pad.entry.text() == ""
    _type_pin(driver, shell, "222222")
    qtbot.waitUntil(lambda: "秒后再试" in pad.message.text())
    assert f"{FIRST_LOCK_S} 秒" in pad.message.text()
    assert not pad.ok_button.isEnabled() and not pad.keypad.isEnabled()
    assert shell.locked
    now[0] += FIRST_LOCK_S + 1
    pad._update_lock()
    assert pad.ok_button.isEnabled()
    _type_pin(driver, shell, "333333")
    qtbot.waitUntil(lambda: f"{2 * FIRST_LOCK_S} 秒" in pad.message.text())


def test_the_right_pin_leaves_kiosk_mode(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, shell: KioskShell
) -> None:
    shell.open_pin_pad()
    with qtbot.waitSignal(shell.left_kiosk_mode, timeout=15_000):
        _type_pin(driver, shell, PIN)
    assert not shell.locked
    assert not shell.pin_pad.isVisible()
    assert not kiosk_window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert shell.eventFilter(kiosk_window.attract, _key(Qt.Key.Key_Q, CTRL)) is False


def test_cancel_closes_the_pad_and_the_kiosk_carries_on(
    driver: KioskDriver, kiosk_window: KioskWindow, shell: KioskShell
) -> None:
    shell.open_pin_pad()
    driver.press_keys(shell.pin_pad.keypad, "12")
    driver.click(shell.pin_pad.cancel_button)
    assert not shell.pin_pad.isVisible()
    assert shell.pin_pad.entry.text() == ""
    assert shell.locked


def test_without_a_configured_pin_the_pad_says_how_to_set_one(
    qtbot: QtBot, kiosk_window: KioskWindow, driver: KioskDriver
) -> None:
    shell = KioskShell(kiosk_window, pin_hash="")
    try:
        shell.open_pin_pad()
        assert "servicehall staff-pin set" in shell.pin_pad.message.text()
        assert not shell.pin_pad.ok_button.isEnabled()
    finally:
        shell.release()


def test_run_kiosk_full_screen_is_kiosk_mode(tmp_path: Path, platform_server: PlatformHandle) -> None:
    # Its own process: the entry point owns its event loop.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import Qt, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kiosk.services import KioskServices\n"
        "from kiosk.ui.app import run_kiosk\n"
        "from kiosk.ui.shell import KioskShell\n"
        "from kiosk.ui.window import KioskWindow\n"
        "from tests.conftest import device_config\n"
        f"config = device_config(Path({str(tmp_path)!r}), {platform_server.url!r})\n"
        "services = KioskServices.open(config)\n"
        "app = QApplication([])\n"
        "seen = []\n"
        "def probe():\n"
        "    for w in app.topLevelWidgets():\n"
        "        if isinstance(w, KioskWindow) and w.isVisible():\n"
        "            frameless = bool(w.windowFlags() & Qt.WindowType.FramelessWindowHint)\n"
        "            seen.append((frameless, w.isFullScreen(), w.windowHandle().close()))\n"
        "            w.findChild(KioskShell).release()  # what the staff PIN leads to\n"
        "            app.quit()\n"
        "timer = QTimer()\n"
        "timer.timeout.connect(probe)\n"
        "timer.start(50)\n"
        "try:\n"
        "    code = run_kiosk(services, fullscreen=True, quit_after=30)\n"
        "finally:\n"
        "    services.close()\n"
        "assert seen and seen[0] == (True, True, False), seen\n"
        "sys.exit(code)\n"
    )
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environ.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
