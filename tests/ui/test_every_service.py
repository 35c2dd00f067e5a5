"""Every shipped service's form, walked page by page through the real wizard widgets."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from forms.catalog import load_catalog
from forms.samples import sample_application
from kiosk.services import KioskServices
from kiosk.ui.fields import GroupEditor
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.window import KioskWindow
from tests.ui.driver import KioskDriver

CODES = [s.code for s in load_catalog().services]


def _fill(page: FormPageScreen, answers: dict[str, object]) -> None:
    filled: set[str] = set()
    while True:  # an answer may reveal further questions on the same page
        todo = [n for n, e in page.editors.items()
                if n not in filled and n in answers and not e.locked]
        if not todo:
            return
        for name in todo:
            page.editors[name].set_value(answers[name])  # type: ignore[arg-type]
            filled.add(name)


@pytest.mark.parametrize("variant", [0, 1])
@pytest.mark.parametrize("code", CODES)
def test_every_page_of_every_service_renders_and_reaches_the_review(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, code: str, variant: int,
) -> None:
    w = kiosk_window
    service = load_catalog().get(code)
    answers = sample_application(service, variant)
    w.visit.id_number = str(answers["applicant_id_number"])
    w.guide.start_requested.emit(code)
    assert len(w.visit.pages) == len(service.pages)
    visited = 0
    while isinstance(w.currentWidget(), FormPageScreen):
        page = driver.page
        visited += 1
        assert page.step == visited
        _fill(page, answers)
        driver.next_page()
        assert not page.summary.isVisible(), (code, page.page.name, page.summary.text())
    assert visited == len(service.pages)
    assert w.currentWidget() is w.review
    sent = w.answers()
    assert sent["applicant_id_number"] == answers["applicant_id_number"]
    for field in service.fields:  # a question hidden for these answers is not sent
        if field.visible_when is not None and not field.visible_when.holds(answers):
            assert field.name not in sent


def test_a_repeating_group_adds_and_removes_entries_and_shows_entry_errors(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow,
) -> None:
    w = kiosk_window
    service = load_catalog().get("minimum-living-guarantee")
    answers = sample_application(service)
    w.visit.id_number = str(answers["applicant_id_number"])
    w.guide.start_requested.emit(service.code)
    _fill(driver.page, answers)
    driver.next_page()
    page = driver.page
    group = page.editors["family_members"]
    assert isinstance(group, GroupEditor)
    driver.click(group.add_button)
    driver.click(group.add_button)
    assert len(group.items) == 2
    remove = group.items[1][0].findChild(QAbstractButton, "remove_family_members_1")
    assert remove is not None
    driver.click(remove)
    assert len(group.items) == 1
    editors = group.items[0][1]
    editors["name"].set_value("李秀英")
    editors["id_number"].set_value("110105194912310021")  # wrong check character
    driver.next_page()
    assert driver.page is page  # stopped here
    assert editors["id_number"].error.isVisible()
    assert "第1位家庭成员的身份证号码" in editors["id_number"].error.text()
    assert "家庭成员" in page.summary.text()


def test_a_question_appears_only_for_the_answer_that_calls_for_it(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow,
    kiosk_services: KioskServices,
) -> None:
    w = kiosk_window
    service = load_catalog().get("residence-certificate")
    answers = sample_application(service)
    w.visit.id_number = str(answers["applicant_id_number"])
    w.guide.start_requested.emit(service.code)
    for _ in range(len(service.pages) - 1):
        _fill(driver.page, answers)
        driver.next_page()
    page = driver.page
    assert page.page.name == "purpose"
    assert "purpose_note" not in page.editors
    driver.fill({"purpose": "other"})
    assert "purpose_note" in page.editors and page.editors["purpose_note"].isVisible()
    driver.next_page()
    assert driver.page is page and page.editors["purpose_note"].error.isVisible()
    driver.fill({"purpose": "school"})
    assert "purpose_note" not in page.editors
    driver.next_page()
    assert w.currentWidget() is w.review
