"""好差评 at the kiosk: after submitting, and by case number from the attract screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from forms.catalog import load_catalog
from forms.samples import sample_application
from kiosk.services import KioskServices
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.rating import RatingScreen
from kiosk.ui.window import KioskWindow
from sync.casenumber import make_case_number, parse_case_number
from sync.ratings import AlreadyRated
from tests.conftest import PlatformHandle
from tests.ui.driver import KioskDriver

SERVICE = "residence-certificate"
WORDS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")


def _submit_at_kiosk(driver: KioskDriver, w: KioskWindow, id_number: str) -> str:
    driver.identify(id_number)
    driver.choose(SERVICE)
    while isinstance(w.currentWidget(), FormPageScreen):
        driver.fill({"residence_since": "2019-06-01", "purpose": "school"})
        driver.next_page()
    driver.wait_for(w.review)
    driver.click(w.review.submit_button)
    driver.wait_for(w.done)
    return w.done.case_number.text()


def _submitted_case(services: KioskServices) -> str:
    service = load_catalog().get(SERVICE)
    return services.submit(SERVICE, sample_application(service)).case_number


def _open_rating_from_attract(driver: KioskDriver, w: KioskWindow) -> RatingScreen:
    driver.click(w.attract.rate_button)
    driver.wait_for(w.rating)
    assert w.rating.page is w.rating.entry_page
    return w.rating


def _type_case(driver: KioskDriver, rating: RatingScreen, number: str) -> None:
    driver.click(rating.keypad.key("clear"))
    driver.press_keys(rating.keypad, number)
    driver.click(rating.case_next)


def test_rate_after_submitting_with_faces_and_words(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    case_number = _submit_at_kiosk(driver, w, platform_server.residents[0]["id_number"])
    driver.click(w.done.rate_button)
    driver.wait_for(w.rating)
    rating = w.rating
    assert rating.page is rating.rate_page
    assert case_number in rating.case_label.text()
    buttons = list(rating.level_buttons.values())
    assert [b.text() for b in buttons] == list(WORDS)
    assert all(not b.icon().isNull() for b in buttons)  # a face beside every word
    assert not rating.submit_button.isEnabled()
    driver.click(rating.level_buttons["very_satisfied"])
    assert rating.level_buttons["very_satisfied"].text() == "✓ 非常满意"
    assert not rating.reasons_box.isVisible()
    screenshot(w, "19-rating-levels")
    driver.click(rating.submit_button)
    driver.wait_for(lambda: rating.page is rating.thanks_page)
    assert case_number in rating.thanks_detail.text()
    stored = kiosk_services.store.rating_of(case_number)
    assert stored is not None and stored.level == "very_satisfied" and stored.reasons == ()
    driver.click(rating.finish_button)
    assert w.currentWidget() is w.attract
    assert rating.case_label.text() == "" and rating.selected_level() is None


def test_a_bottom_rating_requires_a_reason(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    case_number = _submitted_case(kiosk_services)
    rating = _open_rating_from_attract(driver, w)
    _type_case(driver, rating, case_number.replace("-", ""))
    driver.wait_for(lambda: rating.page is rating.rate_page)
    driver.click(rating.level_buttons["very_dissatisfied"])
    assert rating.reasons_box.isVisible()
    assert [b.accessibleName() for b in rating.reason_buttons.values()] == [
        "等待时间长", "材料要求不清楚", "系统操作复杂", "工作人员态度", "其他"]
    driver.click(rating.submit_button)
    assert rating.rate_error.isVisible() and "请至少选择一个" in rating.rate_error.text()
    assert rating.rate_error.text().startswith("⚠")
    assert kiosk_services.store.rating_of(case_number) is None
    driver.click(rating.reason_buttons["long_wait"])
    driver.click(rating.reason_buttons["unclear_materials"])
    assert rating.reason_buttons["long_wait"].text() == "☑ 等待时间长"
    screenshot(w, "20-rating-reasons")
    driver.click(rating.submit_button)
    driver.wait_for(lambda: rating.page is rating.thanks_page)
    stored = kiosk_services.store.rating_of(case_number)
    assert stored is not None and stored.level == "very_dissatisfied"
    assert stored.reasons == ("long_wait", "unclear_materials")


def test_rating_by_case_number_checks_it_and_refuses_a_second_rating(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    case_number = _submitted_case(kiosk_services)
    rating = _open_rating_from_attract(driver, w)

    typo = case_number[:-1] + str((int(case_number[-1]) + 1) % 10)
    _type_case(driver, rating, typo)
    assert rating.entry_error.isVisible() and "有误" in rating.entry_error.text()
    assert rating.page is rating.entry_page
    screenshot(w, "21-rating-bad-case-number")

    parts = parse_case_number(case_number)
    elsewhere = make_case_number(parts.hall_code, parts.device_no, parts.sequence + 5)
    _type_case(driver, rating, elsewhere)
    driver.wait_for(lambda: rating.entry_error.isVisible())
    assert "本终端没有这个受理编号" in rating.entry_error.text()

    _type_case(driver, rating, case_number)
    driver.wait_for(lambda: rating.page is rating.rate_page)
    driver.click(rating.level_buttons["satisfied"])
    driver.click(rating.submit_button)
    driver.wait_for(lambda: rating.page is rating.thanks_page)
    driver.click(rating.finish_button)
    assert w.currentWidget() is w.attract

    rating = _open_rating_from_attract(driver, w)
    qtbot.keyClicks(rating, case_number)  # a physical keyboard or a receipt scanner
    qtbot.keyClick(rating, Qt.Key.Key_Return)
    driver.wait_for(lambda: rating.entry_error.isVisible())
    assert rating.case_entry.text() == case_number
    assert "已经评价过了" in rating.entry_error.text()
    assert rating.page is rating.entry_page
    with pytest.raises(AlreadyRated):
        kiosk_services.rate(case_number, "fair")
    stored = kiosk_services.store.rating_of(case_number)
    assert stored is not None and stored.level == "satisfied"
