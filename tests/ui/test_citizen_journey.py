"""A citizen's visit at the kiosk, driven through the real widgets against the real platform."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from forms.idnumber import check_character, make_resident_id
from kiosk.cli import main
from kiosk.services import KioskServices
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.style import MIN_TOUCH_PX
from kiosk.ui.window import KioskWindow
from sync.casenumber import CaseNumber
from tests.conftest import PlatformHandle
from tests.ui.conftest import make_window
from tests.ui.driver import KioskDriver, all_texts

SERVICE = "residence-certificate"
FROM_RECORDS = "来自您的档案"


def _wrong_check_character(id_number: str) -> str:
    right = check_character(id_number[:17])
    wrong = next(c for c in "0123456789X" if c != right)
    return id_number[:17] + wrong


def test_citizen_applies_and_leaves_nothing_behind(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle,
) -> None:
    w = kiosk_window
    resident = platform_server.residents[0]
    assert not w.attract.staff_message.isVisible()
    driver.identify(resident["id_number"])
    assert w.visit.id_number == resident["id_number"]

    driver.choose(SERVICE)
    seen_name = False
    steps = 0
    while isinstance(w.currentWidget(), FormPageScreen):
        page = driver.page
        steps += 1
        assert page.progress.text() == f"第{steps}步，共{len(w.visit.pages)}步"
        name = page.editors.get("applicant_name")
        if name is not None:
            seen_name = True
            assert name.value() == resident["name"]
            assert name.source.isVisible() and FROM_RECORDS in name.source.text()
        values = {"residence_since": "2019-06-01", "purpose": "school"}
        phone = page.editors.get("phone")
        if phone is not None and not phone.value():
            values["phone"] = "13805711234"
        driver.fill(values)
        driver.next_page()
        assert not page.summary.isVisible(), page.summary.text()
    assert seen_name, "the name field was never shown"

    driver.wait_for(w.review)
    assert w.review.findChild(QWidget, "answer_applicant_name").text() == resident["name"]
    unnamed = [
        c.objectName()
        for kind in (QAbstractButton, QLineEdit, QPlainTextEdit)
        for c in w.findChildren(kind)
        if not c.accessibleName()
    ]
    assert not unnamed, f"controls without an accessible name: {unnamed}"
    driver.click(w.review.submit_button)
    driver.wait_for(w.done)
    case_number = w.done.case_number.text()
    assert case_number
    assert "受理回执已生成" in w.done.receipt.text()
    case = kiosk_services.store.find_case(case_number)
    assert case is not None and case.service_code == SERVICE

    driver.click(w.done.finish_button)
    assert w.currentWidget() is w.attract
    texts = "\n".join(all_texts(w))
    assert resident["id_number"] not in texts
    assert resident["name"] not in texts
    assert case_number not in texts
    assert not [p for p in w.findChildren(FormPageScreen)]

    # The background sync worker pushes the case; an operator decides; tracking shows it.
    w.start_sync()
    driver.wait_for(lambda: platform_server.db.case_status(case_number) is not None, 20_000)
    assert platform_server.db.query("SELECT count(*) FROM cases")[0][0] == 1
    driver.wait_for(lambda: kiosk_services.store.find_case(case_number).status == "sent")
    assert main(["platform", "decide", case_number, "--approve",
                 "--db", str(platform_server.db_path)]) == 0
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    driver.press_keys(w.track.keypad, case_number)
    driver.click(w.track.search_button)
    driver.wait_for(w.track.result.isVisible)
    assert "已办结" in w.track.status.text()
    assert case_number in w.track.details.text()


def test_change_from_review_returns_to_review(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    resident = platform_server.residents[2]  # no phone in the registry
    driver.identify(resident["id_number"])
    driver.choose(SERVICE)
    while isinstance(w.currentWidget(), FormPageScreen):
        driver.fill({"residence_since": "2019-06-01", "purpose": "school", "phone": "13805711234"})
        driver.next_page()
    driver.wait_for(w.review)

    driver.click(w.review.findChild(QWidget, "change_phone"))
    page = driver.page
    assert page.editors["phone"].value() == "13805711234"  # nothing typed was lost
    driver.fill({"phone": "13900001111"})
    driver.next_page()
    driver.wait_for(w.review)
    assert w.review.findChild(QWidget, "answer_phone").text() == "13900001111"

    w.done.timer.setInterval(200)  # the done screen finishes by itself when nobody presses 完成
    driver.click(w.review.submit_button)
    driver.wait_for(w.done)
    driver.wait_for(w.attract)
    assert resident["name"] not in "\n".join(all_texts(w))


def test_wrong_check_character_is_explained_and_blocks_next(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    driver.click(w.attract.apply_button)
    screen = w.identify
    bad = _wrong_check_character(platform_server.residents[0]["id_number"])
    driver.press_keys(screen.keypad, bad[:17])
    assert "17" in screen.count.text()
    assert not screen.feedback.isVisible()
    assert not screen.next_button.isEnabled()

    driver.press_keys(screen.keypad, bad[17])
    assert screen.entry.text() == bad
    assert "18" in screen.count.text()
    assert screen.feedback.isVisible()
    assert screen.feedback.text().startswith("⚠")  # not colour alone
    assert "校验" in screen.feedback.text()
    assert not screen.next_button.isEnabled()

    driver.click(screen.keypad.key("backspace"))
    assert not screen.feedback.isVisible()
    driver.press_keys(screen.keypad, check_character(bad[:17]))
    assert screen.next_button.isEnabled()
    driver.click(screen.keypad.key("clear"))
    assert screen.entry.text() == ""


def test_physical_keyboard_and_lower_case_x(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    number = next(
        n for seq in range(1, 200)
        if (n := make_resident_id("330106", date(1980, 1, 1), seq)).endswith("X")
    )
    driver.click(kiosk_window.attract.apply_button)
    screen = kiosk_window.identify
    qtbot.keyClicks(screen.entry, number[:17] + "x")
    assert screen.entry.text() == number
    assert screen.next_button.isEnabled()


def test_keys_are_big_enough_to_touch(driver: KioskDriver, kiosk_window: KioskWindow) -> None:
    driver.click(kiosk_window.attract.apply_button)
    keypad = kiosk_window.identify.keypad
    for key in "0123456789X":
        button = keypad.key(key)
        assert button.height() >= MIN_TOUCH_PX and button.width() >= MIN_TOUCH_PX
        assert button.accessibleName()
    assert kiosk_window.identify.next_button.height() >= MIN_TOUCH_PX


def test_missing_required_field_is_named_and_blocks_the_page(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    driver.identify(platform_server.residents[0]["id_number"])
    driver.choose(SERVICE)
    while "residence_since" not in driver.page.editors:
        driver.fill({"purpose": "school"})
        driver.next_page()
    page = driver.page
    editor = page.editors["residence_since"]
    assert editor.value() == ""
    driver.next_page()

    assert w.currentWidget() is page
    assert editor.error.isVisible()
    assert editor.error.text().startswith("⚠")
    assert page.summary.isVisible()
    assert editor.field.label.zh in page.summary.text()

    driver.fill({"residence_since": "2019-06-01", "purpose": "school"})
    driver.next_page()
    assert not editor.error.isVisible()
    assert w.currentWidget() is not page


def test_unknown_case_number_is_not_found(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices
) -> None:
    w = kiosk_window
    device = kiosk_services.device()
    assert device is not None
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    driver.press_keys(w.track.keypad, str(CaseNumber(device.hall_code, device.device_no, 999_999)))
    driver.click(w.track.search_button)
    driver.wait_for(lambda: "未找到该受理编号，请核对回执上的编号" in w.track.message.text())
    assert w.track.message.text().startswith("⚠")
    assert not w.track.result.isVisible()


def test_tracking_shows_the_platform_decision_and_reason(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle,
) -> None:
    from tests.helpers import residence_answers

    result = kiosk_services.submit(SERVICE, residence_answers(platform_server.residents[1]))
    kiosk_services.sync_now()
    platform_server.db.decide(result.case_number, "supplement", "请补充房屋租赁合同")
    w = kiosk_window
    driver.click(w.attract.track_button)
    driver.press_keys(w.track.keypad, result.case_number)
    driver.click(w.track.search_button)
    driver.wait_for(w.track.result.isVisible)
    assert "需补正材料" in w.track.status.text()
    assert "请补充房屋租赁合同" in w.track.reason.text()
    assert result.case_number in w.track.details.text()


def test_idle_kiosk_returns_to_attract_and_forgets(
    qtbot: QtBot, kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    w = make_window(qtbot, kiosk_services, idle_timeout_ms=300)
    d = KioskDriver(qtbot, w)
    d.wait_until_ready()
    d.click(w.attract.apply_button)
    d.press_keys(w.identify.keypad, platform_server.residents[0]["id_number"][:10])
    d.wait_for(w.idle_warning.isVisible)
    while w.idle_warning.active:  # the countdown's seconds, without waiting for them
        w.idle_warning.tick()
    d.wait_for(w.attract)
    assert w.identify.entry.text() == ""


def test_unenrolled_terminal_sends_citizens_to_staff(
    qtbot: QtBot, tmp_path, platform_server: PlatformHandle
) -> None:
    from tests.conftest import device_config

    services = KioskServices.open(device_config(tmp_path / "fresh", platform_server.url))
    try:
        w = make_window(qtbot, services)
        qtbot.waitUntil(w.attract.staff_message.isVisible)
        assert "工作人员" in w.attract.staff_message.text()
        assert w.attract.staff_message.text().startswith("⚠")
        assert not w.attract.apply_button.isEnabled()
        assert w.attract.track_button.isEnabled()
    finally:
        from kiosk.ui.tasks import wait_for_tasks

        wait_for_tasks()
        services.close()


def test_refused_submission_shows_the_error_on_its_page(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    driver.identify(platform_server.residents[0]["id_number"])
    driver.choose(SERVICE)
    while isinstance(w.currentWidget(), FormPageScreen):
        driver.fill({"residence_since": "2019-06-01", "purpose": "school"})
        driver.next_page()
    driver.wait_for(w.review)
    # What the service layer is sent differs from what the pages checked (as when the catalogue
    # changed underneath the visit): its refusal must land on the page holding the field.
    answers = {**w.answers(), "phone": "12345"}
    w.review.show_answers(SERVICE, [], answers)
    driver.click(w.review.submit_button)
    driver.wait_for(lambda: isinstance(w.currentWidget(), FormPageScreen))
    page = driver.page
    assert "phone" in page.editors
    assert page.editors["phone"].error.isVisible()
    assert page.summary.isVisible()
    assert page.next_button.text() == "保存并返回核对"
