"""English on the kiosk: every text translated, the switch instant, and nothing of the visit lost."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.language import I18N_DIR, switcher
from kiosk.ui.window import KioskWindow
from tests.conftest import PlatformHandle
from tests.ui.driver import KioskDriver

TS = I18N_DIR / "servicehall_en.ts"
QM = I18N_DIR / "servicehall_en.qm"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_message_has_an_english_translation() -> None:
    root = ET.parse(TS).getroot()
    untranslated = []
    count = 0
    for context in root.iter("context"):
        for message in context.iter("message"):
            node = message.find("translation")
            assert node is not None
            if node.get("type") in ("vanished", "obsolete"):
                continue
            count += 1
            forms = [f.text or "" for f in node.iter("numerusform")] or [node.text or ""]
            if node.get("type") == "unfinished" or not all(f.strip() for f in forms):
                untranslated.append(f"{context.findtext('name')}: {message.findtext('source')}")
    assert count > 100, "the catalogue looks empty: run installer/update-translations.sh"
    assert not untranslated, "untranslated (run installer/update-translations.sh and translate):\n" \
        + "\n".join(untranslated)


def test_the_compiled_translation_is_shipped_and_loads() -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} missing: run installer/update-translations.sh"
    assert translator.translate("IdentifyScreen", "请输入身份证号码") == "Enter your ID number"
    assert QM.stat().st_mtime >= TS.stat().st_mtime - 1, "the .qm is older than the .ts"


def test_the_language_button_switches_every_screen_and_back(
    driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    w = kiosk_window
    before = {label: label.text() for label in w.findChildren(QLabel)}
    driver.click(w.attract.language_button)
    assert switcher(w).language == "en"
    assert w.attract.title.text() == "Government Services Self-Service Kiosk"
    assert w.attract.apply_button.text().startswith("Apply")
    assert w.attract.language_button.text() == "中文"
    driver.click(w.attract.apply_button)
    driver.wait_for(w.identify)
    assert w.identify.next_button.text() == "Next"
    assert w.identify.count.text() == "0 of 18 characters entered"
    assert w.identify.entry.accessibleName() == "ID number"
    assert w.identify.keypad.key("backspace").text() == "Del", "the keypad's own word for 删除"
    texts = [b.text() for b in w.identify.findChildren(QAbstractButton) if b.isVisible()]
    assert not [t for t in texts if _has_chinese(t)], texts

    driver.click(w.identify.back_button)  # the visit ends: the terminal's language returns
    driver.wait_for(w.attract)
    assert switcher(w).language == "zh"
    after = {label: label.text() for label in w.findChildren(QLabel) if before.get(label)}
    changed = {k.objectName(): (before[k], v) for k, v in after.items() if before[k] != v}
    assert not changed, changed


def test_switching_during_a_visit_keeps_the_answers(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    resident = platform_server.residents[0]
    driver.identify(resident["id_number"])
    driver.choose("residence-certificate")
    page = driver.page
    answers = page.answers()
    assert resident["id_number"] in answers.values()
    switcher(w).set_language("en")
    assert page.next_button.text() == "Next"
    assert page.answers() == answers
    assert w.visit.id_number == resident["id_number"]
    switcher(w).set_language("zh")
    assert page.next_button.text() == "下一步"
    assert page.answers() == answers
    assert isinstance(w.currentWidget(), FormPageScreen)
