"""The idle warning: it asks before wiping, 继续 keeps the visit, and silence wipes everything."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services import KioskServices
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.modes import ELDER, NORMAL, set_mode
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.window import KioskWindow
from tests.conftest import PlatformHandle
from tests.ui.conftest import make_window
from tests.ui.driver import KioskDriver, all_texts

IDLE_MS = 300


@pytest.fixture
def idle_window(qtbot: QtBot, kiosk_services: KioskServices) -> Iterator[KioskWindow]:
    window = make_window(qtbot, kiosk_services, idle_timeout_ms=IDLE_MS)
    yield window
    assert wait_for_tasks()


@pytest.fixture
def idle_driver(qtbot: QtBot, idle_window: KioskWindow) -> KioskDriver:
    d = KioskDriver(qtbot, idle_window)
    d.wait_until_ready()
    return d


def _seconds_shown(w: KioskWindow) -> int:
    found = re.search(r"\d+", w.idle_warning.countdown.text())
    assert found, w.idle_warning.countdown.text()
    return int(found.group())


def _run_out(w: KioskWindow) -> None:
    """The countdown's seconds pass (its timer's own slot, without waiting for the clock)."""
    for _ in range(600):
        if not w.idle_warning.active:
            return
        w.idle_warning.tick()
    raise AssertionError("the countdown never ended")


def test_the_warning_appears_in_the_window_with_a_countdown_of_at_least_20_s(
    idle_driver: KioskDriver, idle_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = idle_window
    windows_before = set(QApplication.topLevelWidgets())
    idle_driver.click(w.attract.apply_button)
    idle_driver.press_keys(w.identify.keypad, platform_server.residents[0]["id_number"][:6])
    idle_driver.wait_for(w.idle_warning.isVisible)
    assert w.currentWidget() is w.identify, "the visit must not end before the countdown"
    assert not w.idle_warning.isWindow(), "the warning is part of the window, not a pop-up"
    assert set(QApplication.topLevelWidgets()) <= windows_before | {w}
    assert w.idle_warning.geometry() == w.rect(), "the warning covers the whole window"
    assert _seconds_shown(w) >= 20
    assert w.idle_warning.continue_button.isVisible()
    assert w.idle_warning.continue_button.hasFocus(), "Enter or Space continues at once"
    before = _seconds_shown(w)
    w.idle_warning.tick()
    assert _seconds_shown(w) == before - 1


def test_continue_keeps_the_visit(
    qtbot: QtBot, idle_driver: KioskDriver, idle_window: KioskWindow,
    platform_server: PlatformHandle,
) -> None:
    w = idle_window
    typed = platform_server.residents[0]["id_number"][:8]
    idle_driver.click(w.attract.apply_button)
    idle_driver.press_keys(w.identify.keypad, typed)
    idle_driver.wait_for(w.idle_warning.isVisible)
    w.idle_warning.tick()
    idle_driver.click(w.idle_warning.continue_button)
    assert not w.idle_warning.isVisible()
    assert w.currentWidget() is w.identify
    assert w.identify.entry.text() == typed
    assert w.idle_timer.isActive(), "the idle clock starts again after 继续"


def test_a_stray_touch_during_the_countdown_does_not_dismiss_it(
    qtbot: QtBot, idle_driver: KioskDriver, idle_window: KioskWindow
) -> None:
    w = idle_window
    idle_driver.click(w.attract.track_button)
    idle_driver.wait_for(w.idle_warning.isVisible)
    qtbot.mouseClick(w.idle_warning, Qt.MouseButton.LeftButton)
    assert w.idle_warning.isVisible() and w.idle_warning.active
    _run_out(w)
    idle_driver.wait_for(w.attract)


def test_silence_wipes_every_trace_of_the_visit(
    idle_driver: KioskDriver, idle_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = idle_window
    resident = platform_server.residents[0]
    w.idle_timer.setInterval(60_000)  # room to reach the form before the warning
    w._idle_timeout_ms = 60_000
    idle_driver.identify(resident["id_number"])
    idle_driver.choose("residence-certificate")
    seen_name = False
    while isinstance(w.currentWidget(), FormPageScreen):
        page = idle_driver.page
        name = page.editors.get("applicant_name")
        seen_name = seen_name or (name is not None and name.value() == resident["name"])
        if "phone" in page.editors:
            break  # part-way through, as a person who walked away would be
        idle_driver.fill({"residence_since": "2019-06-01", "purpose": "school"})
        idle_driver.next_page()
    assert seen_name, "the registry's name was never on screen, so the wipe proves nothing"
    assert any(resident["id_number"] in t for t in all_texts(w))

    w._on_idle()
    assert w.idle_warning.isVisible()
    _run_out(w)
    idle_driver.wait_for(w.attract)
    QApplication.sendPostedEvents()  # the dropped pages' deferred deletes
    texts = all_texts(w)
    for secret in (resident["id_number"], resident["name"]):
        assert not [t for t in texts if secret in t], f"{secret!r} still on a screen"
        assert secret not in repr(w.visit)
    assert w.visit.id_number == "" and not w.visit.pages and not w.visit.prefill
    assert not [x for x in w.findChildren(FormPageScreen)], "form pages outlive the visit"


def test_elder_mode_waits_longer_and_counts_down_longer(
    idle_driver: KioskDriver, idle_window: KioskWindow
) -> None:
    w = idle_window
    idle_driver.click(w.attract.track_button)
    normal_interval = w.idle_timer.interval()
    set_mode(w, ELDER)
    w._restart_idle_timer()
    assert w.idle_timer.interval() == 2 * normal_interval
    w._on_idle()
    assert _seconds_shown(w) == ELDER.countdown_s > NORMAL.countdown_s
    idle_driver.click(w.idle_warning.end_button)
    idle_driver.wait_for(w.attract)
    assert not w.idle_warning.isVisible()
