"""Pictures of every kiosk screen, for people to look at (written to <artifacts>/screens/).

The walk is the real one: keypad clicks on the real window over the real platform. Each step also
asserts what the picture is meant to show, so a picture of the wrong screen fails the test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from forms.idnumber import check_character
from kiosk.services import KioskServices
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.language import switcher
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.window import KioskWindow
from sync.casenumber import CaseNumber
from tests.conftest import PlatformHandle, device_config
from tests.helpers import residence_answers
from tests.ui.conftest import make_window
from tests.ui.driver import KioskDriver
from tests.ui.walk import walk_application, walk_tracking

Shoot = Callable[[QWidget, str], Path]


def test_screens_of_an_application(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle,
    screenshot: Shoot,
) -> None:
    w = kiosk_window
    resident = platform_server.residents[2]  # no phone in the registry
    w._on_sync_result(object())  # what the attract screen shows after a good sync
    screenshot(w, "01-attract")

    driver.click(w.attract.apply_button)
    driver.press_keys(w.identify.keypad, resident["id_number"][:9])
    screenshot(w, "02-identify-typing")
    right = check_character(resident["id_number"][:17])
    wrong = next(c for c in "0123456789X" if c != right)
    driver.press_keys(w.identify.keypad, resident["id_number"][9:17] + wrong)
    assert w.identify.feedback.isVisible()
    screenshot(w, "03-identify-wrong-check-character")
    driver.click(w.identify.keypad.key("backspace"))
    driver.press_keys(w.identify.keypad, right)
    assert w.identify.next_button.isEnabled()
    screenshot(w, "04-identify-valid")
    driver.click(w.identify.next_button)
    screenshot(w, "05-identify-looking-up")
    driver.wait_for(w.choose)
    screenshot(w, "06-choose-service")

    driver.click(w.choose.service_button("residence-certificate"))
    driver.wait_for(w.guide)
    screenshot(w, "06b-guide")
    driver.click(w.guide.start_button)
    step = 0
    while isinstance(w.currentWidget(), FormPageScreen):
        step += 1
        page = driver.page
        screenshot(w, f"07-form-step{step}-{page.page.name}")
        if any(e.field.required and not e.value() for e in page.editors.values()):
            driver.next_page()
            if w.currentWidget() is page:
                screenshot(w, f"07-form-step{step}-{page.page.name}-errors")
                assert page.summary.isVisible()
        if w.currentWidget() is page:
            driver.fill({"residence_since": "2019-06-01", "purpose": "school",
                         "phone": "13805711234"})
            driver.next_page()
    driver.wait_for(w.review)
    screenshot(w, "08-review")
    driver.click(w.review.submit_button)
    driver.wait_for(w.done)
    screenshot(w, "09-done")
    driver.click(w.done.finish_button)
    assert w.currentWidget() is w.attract


def test_screens_of_tracking(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, screenshot: Shoot,
) -> None:
    w = kiosk_window
    result = kiosk_services.submit(
        "residence-certificate", residence_answers(platform_server.residents[0])
    )
    kiosk_services.sync_now()
    platform_server.db.decide(result.case_number, "supplement", "请补充房屋租赁合同原件及复印件")
    driver.click(w.attract.track_button)
    screenshot(w, "10-track-empty")
    driver.press_keys(w.track.keypad, result.case_number)
    driver.click(w.track.search_button)
    driver.wait_for(w.track.result.isVisible)
    screenshot(w, "11-track-needs-supplement")

    device = kiosk_services.device()
    assert device is not None
    driver.click(w.track.keypad.key("clear"))
    driver.press_keys(w.track.keypad, str(CaseNumber(device.hall_code, device.device_no, 424_242)))
    driver.click(w.track.search_button)
    driver.wait_for(lambda: "未找到" in w.track.message.text())
    screenshot(w, "12-track-not-found")


def test_screen_of_an_unenrolled_terminal(
    qtbot: QtBot, tmp_path: Path, platform_server: PlatformHandle, screenshot: Shoot
) -> None:
    services = KioskServices.open(device_config(tmp_path / "fresh", platform_server.url))
    try:
        w = make_window(qtbot, services)
        qtbot.waitUntil(w.attract.staff_message.isVisible)
        screenshot(w, "00-attract-not-enrolled")
    finally:
        wait_for_tasks()
        services.close()


@pytest.mark.parametrize("variant", ["elder", "en"])
def test_screens_in_elder_mode_and_in_english(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle,
    screenshot: Shoot, variant: str,
) -> None:
    """The same visit with 长辈版 on, and in English, switched on the attract screen as a citizen
    would; pictures are named `<variant>-NN-<screen>`."""
    w = kiosk_window
    w._on_sync_result(object())
    numbers = iter(range(1, 100))

    def shoot(screen: QWidget, name: str) -> None:
        if screen is w.attract:
            if variant == "elder" and not w.attract.elder_button.isChecked():
                driver.click(w.attract.elder_button)
            if variant == "en" and switcher(w).language != "en":
                driver.click(w.attract.language_button)
        if variant == "en":
            assert w.attract.language_button.text() == "中文"
        screenshot(w, f"{variant}-{next(numbers):02d}-{name}")

    case_number = walk_application(driver, platform_server.residents[2]["id_number"], shoot)
    w.end_visit()
    shoot(w.attract, "attract")
    walk_tracking(driver, case_number, shoot)
    w._on_idle()
    assert w.idle_warning.isVisible()
    shoot(w.track, "idle-warning")
