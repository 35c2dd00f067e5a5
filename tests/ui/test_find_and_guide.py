"""Finding a service and reading its guide at the kiosk, through the real widgets and platform."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from forms.idnumber import make_resident_id
from kiosk.services import KioskServices
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.language import switcher
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.window import KioskWindow
from tests.conftest import PlatformHandle, device_config
from tests.ui.conftest import make_window
from tests.ui.driver import KioskDriver

SERVICE = "residence-certificate"


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    return re.sub(r"\s+", "", out)


def test_pinyin_initials_on_the_letter_keypad_find_the_residence_certificate(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow,
    platform_server: PlatformHandle, screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    driver.identify(platform_server.residents[0]["id_number"])
    choose = w.choose
    assert choose.category_buttons["popular"].text().startswith("✓")
    assert SERVICE in choose.shown_codes()
    assert not choose.keypad.isVisible()
    driver.click(choose.keyboard_button)
    assert choose.keypad.isVisible()
    driver.press_keys(choose.keypad, "JZZM")
    assert choose.search_entry.text() == "JZZM"
    assert choose.shown_codes()[0] == SERVICE
    assert "找到1项" in choose.results_title.text()
    assert not any(b.text().startswith("✓") for b in choose.category_buttons.values())
    screenshot(w, "06c-choose-search-jzzm")

    driver.click(choose.clear_button)
    driver.press_keys(choose.keypad, "QQQQ")
    assert choose.shown_codes() == []
    assert choose.no_match.isVisible() and "没有找到" in choose.no_match.text()

    driver.click(choose.category_buttons["bundles"])
    assert choose.search_entry.text() == ""
    assert choose.shown_codes() == ["birth-bundle"]
    bundle = choose.buttons["birth-bundle"]
    assert "一件事" in bundle.accessibleName() and "新生儿入户" in bundle.accessibleName()
    screenshot(w, "06d-choose-bundles")
    driver.click(bundle)
    driver.wait_for(w.guide)
    note = w.guide.findChild(QLabel, "bundleNote")
    assert note is not None and note.text().startswith("一件事")
    assert all(name in note.text() for name in ("出生医学证明信息核验", "新生儿入户", "社会保障卡申领"))
    screenshot(w, "06f-guide-bundle")
    driver.click(w.guide.back_button)
    assert w.currentWidget() is choose and choose.shown_codes() == ["birth-bundle"]

    driver.click(choose.category_buttons["household"])
    assert set(choose.shown_codes()) == {"residence-certificate", "household-move-in"}

    qtbot.keyClicks(choose, "shebaoka")  # a physical keyboard types into the search box
    assert choose.search_entry.text() == "shebaoka"
    assert set(choose.shown_codes()[:2]) == {"social-security-card-replacement",
                                             "social-security-card-application"}


def test_the_guide_shows_materials_and_time_limit_and_leads_to_the_form(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    driver.identify(platform_server.residents[0]["id_number"])  # known to the registry
    driver.click(w.choose.service_button(SERVICE))
    driver.wait_for(w.guide)
    texts = "\n".join(w.guide.texts())
    assert w.guide.title.text() == "居住证明"
    assert "✓ 已有电子证照，无需提交：居民身份证" in texts
    assert "户口簿" in texts
    assert "承诺时限：3个工作日内办结" in texts
    assert "不收费" in texts and "无需到窗口" in texts
    assert "实际居住" in texts  # a condition
    screenshot(w, "06e-guide-with-e-licences")

    driver.click(w.guide.back_button)
    assert w.currentWidget() is w.choose
    driver.click(w.choose.service_button(SERVICE))
    driver.wait_for(w.guide)
    driver.click(w.guide.start_button)
    assert isinstance(w.currentWidget(), FormPageScreen)
    assert driver.page.step == 1 and w.visit.service is not None
    assert w.visit.service.code == SERVICE
    driver.click(driver.page.back_button)
    assert w.currentWidget() is w.guide


@pytest.fixture
def printing_services(tmp_path: Path, platform_server: PlatformHandle) -> Iterator[KioskServices]:
    """An enrolled kiosk whose printer writes each job as a PDF into `tmp_path/printer`."""
    (tmp_path / "printer").mkdir()
    config = replace(device_config(tmp_path / "kiosk", platform_server.url),
                     printer=f"pdf:{tmp_path / 'printer'}")
    services = KioskServices.open(config)
    services.enroll(platform_server.db.new_enroll_code(), name="printing kiosk")
    try:
        yield services
    finally:
        assert wait_for_tasks()
        services.close()


def test_printing_the_guide_and_the_notice_makes_real_pdfs(
    qtbot: QtBot, printing_services: KioskServices, tmp_path: Path,
) -> None:
    w = make_window(qtbot, printing_services)
    driver = KioskDriver(qtbot, w)
    driver.wait_until_ready()
    stranger = make_resident_id("330106", date(1990, 1, 2), 77)  # unknown to the registry
    driver.identify(stranger)
    driver.click(w.choose.service_button(SERVICE))
    driver.wait_for(w.guide)
    assert "□ 需携带：居民身份证" in "\n".join(w.guide.texts())  # no e-licence to lean on

    driver.click(w.guide.print_guide_button)
    driver.wait_for(lambda: w.guide.last_printed is not None)
    guide = w.guide.last_printed
    assert guide is not None and guide.read_bytes().startswith(b"%PDF-")
    text = _pdf_text(guide)
    assert "办事指南" in text and "居住证明" in text and "3个工作日" in text
    assert "✓ 办事指南已送往打印机" in w.guide.print_status.text()
    printer = tmp_path / "printer"
    driver.wait_for(lambda: len(list(printer.glob("*.pdf"))) == 1)
    assert "办事指南" in _pdf_text(next(printer.glob("*.pdf")))

    assert w.guide.print_notice_button.isVisible()
    driver.click(w.guide.print_notice_button)
    driver.wait_for(lambda: w.guide.last_printed not in (None, guide))
    notice = w.guide.last_printed
    assert notice is not None and notice.read_bytes().startswith(b"%PDF-")
    text = _pdf_text(notice)
    assert "一次性告知书" in text and "居民身份证" in text and "未受理" in text
    assert stranger not in text and stranger[:6] in text  # the ID number is masked on paper
    driver.wait_for(lambda: len(list(printer.glob("*.pdf"))) == 2)

    driver.click(w.guide.back_button)
    driver.click(w.choose.back_button)  # the visit ends: its paperwork goes with it
    driver.wait_for(lambda: not guide.exists() and not notice.exists())


def test_without_a_printer_the_guide_says_so_and_keeps_the_visit_going(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle,
) -> None:
    w = kiosk_window
    driver.identify(platform_server.residents[0]["id_number"])
    driver.click(w.choose.service_button(SERVICE))
    driver.wait_for(w.guide)
    driver.click(w.guide.print_guide_button)
    driver.wait_for(lambda: w.guide.last_printed is not None)
    status = w.guide.print_status.text()
    assert status.startswith("⚠") and "没有连接打印机" in status
    assert w.guide.start_button.isEnabled()


def test_in_english_the_lists_and_the_guide_speak_english(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle,
) -> None:
    w = kiosk_window
    driver.click(w.attract.language_button)
    try:
        driver.identify(platform_server.residents[0]["id_number"])
        choose = w.choose
        driver.click(choose.category_buttons["household"])
        for button in choose.category_buttons.values():
            assert not re.search(r"[\u4e00-\u9fff]", button.text()), button.text()
        assert choose.category_buttons["household"].text().startswith("✓ Household")
        driver.click(choose.service_button(SERVICE))
        driver.wait_for(w.guide)
        assert not re.search(r"[\u4e00-\u9fff]", w.guide.start_button.text())
    finally:
        switcher(w).set_language("zh")  # the translator is the application's, not the window's

