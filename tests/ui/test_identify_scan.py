"""Identifying a citizen without the keypad: a wedge scanner, the camera, and the ID-card reader."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from forms.idnumber import check_character
from kiosk.services import KioskServices
from kiosk.ui.identify import IdentifyScreen
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.window import KioskWindow
from printing.payload import PREFIX
from printing.qrscan import decode_qr_pdf
from printing.qrtestframes import make_frame
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers
from tests.ui.conftest import make_window
from tests.ui.driver import KioskDriver

SERVICE = "residence-certificate"


def _e_licence(resident: dict[str, str]) -> str:
    """An e-ID payload as the kiosk accepts it: ASCII JSON, Chinese as \\u escapes."""
    return json.dumps({"type": "resident-id-card",
                       "data": {"name": resident["name"], "id_number": resident["id_number"]}})


def _bad_check_character(number: str) -> str:
    right = check_character(number[:17])
    return number[:17] + next(c for c in "0123456789X" if c != right)


def _open_identify(driver: KioskDriver, window: KioskWindow) -> IdentifyScreen:
    driver.click(window.attract.apply_button)
    driver.wait_for(window.identify)
    return window.identify


def _qimage(pixels: np.ndarray) -> QImage:
    height, width = pixels.shape
    return QImage(pixels.tobytes(), width, height, width, QImage.Format.Format_Grayscale8).copy()


def test_a_wedge_scanner_burst_identifies_the_citizen(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    resident = platform_server.residents[0]
    screen = _open_identify(driver, w)
    qtbot.keyClicks(screen.entry, _e_licence(resident))  # a scanner types as fast as it can
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    driver.wait_for(w.choose)
    assert w.visit.id_number == resident["id_number"]


def test_a_scan_typed_at_no_field_in_particular_still_reads_exactly(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    number = platform_server.residents[1]["id_number"]
    screen = _open_identify(driver, w)
    with qtbot.waitSignal(screen.wedge.scanned) as scan:
        qtbot.keyClicks(screen.keypad, number)  # keys the keypad ignores travel up to the screen
        qtbot.keyClick(screen.keypad, Qt.Key.Key_Enter)
    assert scan.args == [number]
    driver.wait_for(w.choose)
    assert w.visit.id_number == number


def test_slow_typing_and_enter_stay_typing(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    screen = _open_identify(driver, kiosk_window)
    ticks = itertools.count(step=0.15)  # a person: 150 ms between keys
    screen.wedge.clock = lambda: next(ticks)
    with qtbot.assertNotEmitted(screen.wedge.scanned):
        qtbot.keyClicks(screen.entry, "3301061980")
        qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert screen.entry.text() == "3301061980"
    assert screen.count.text() == "已输入 10 / 18 位"
    assert not screen.feedback.isVisible()
    assert kiosk_window.currentWidget() is screen

    screen.wedge.clock = lambda: 0.0  # a short quick burst is not a scan either
    with qtbot.assertNotEmitted(screen.wedge.scanned):
        qtbot.keyClicks(screen.entry, "12")
        qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert screen.entry.text() == "330106198012"


def test_a_camera_frame_with_the_code_identifies_the_citizen(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle
) -> None:
    w = kiosk_window
    resident = platform_server.residents[1]
    screen = _open_identify(driver, w)
    # This machine has no camera, and the screen says so.
    driver.wait_for(lambda: "未连接摄像头" in screen.camera.status.text())
    assert screen.camera.status.isVisible()
    frame = make_frame(_e_licence(resident), ("rotated", "noisy"), seed=4)
    assert screen.camera.handle_frame(_qimage(frame.pixels))
    assert not screen.camera.handle_frame(_qimage(frame.pixels))  # one decode at a time
    driver.wait_for(w.choose)
    assert w.visit.id_number == resident["id_number"]


def test_a_receipt_code_on_the_identify_screen_says_where_to_go(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    screen = _open_identify(driver, kiosk_window)
    screen.on_scanned(PREFIX + "6BFOXN*TS0BI$ZDFRH")
    assert screen.feedback.isVisible() and "查进度" in screen.feedback.text()
    screen.on_scanned("https://example.org/")
    assert "无法识别这个二维码" in screen.feedback.text()
    assert kiosk_window.currentWidget() is screen


@pytest.fixture
def card_file(tmp_path: Path) -> Path:
    return tmp_path / "reader" / "card.json"


@pytest.fixture
def reader_window(qtbot: QtBot, kiosk_services: KioskServices, card_file: Path
                  ) -> Iterator[KioskWindow]:
    kiosk_services.config = replace(kiosk_services.config, id_card_reader=f"file:{card_file}")
    window = make_window(qtbot, kiosk_services)
    yield window
    assert wait_for_tasks()


def _place_card(path: Path, name: str, number: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    card = {"name": name, "id_number": number, "gender": "男", "ethnicity": "汉",
            "birth_date": "1980-01-01", "address": "浙江省杭州市西湖区文三路1号",
            "issuing_authority": "杭州市公安局西湖分局", "valid_from": "2020-01-01",
            "valid_until": "2040-01-01"}
    path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")


def test_placing_an_id_card_identifies_the_citizen(
    qtbot: QtBot, reader_window: KioskWindow, card_file: Path, platform_server: PlatformHandle
) -> None:
    w = reader_window
    driver = KioskDriver(qtbot, w)
    driver.wait_until_ready()
    resident = platform_server.residents[0]
    screen = _open_identify(driver, w)
    assert screen.card_hint.isVisible() and "身份证放在读卡区" in screen.card_hint.text()
    _place_card(card_file, resident["name"], resident["id_number"])
    driver.wait_for(w.choose)
    assert w.visit.id_number == resident["id_number"]

    # The card left on the reader does not identify the next visitor.
    w.end_visit()
    screen = _open_identify(driver, w)
    reads = screen.card_reader.reads
    driver.wait_for(lambda: screen.card_reader.reads >= reads + 2)
    assert w.currentWidget() is screen and screen.entry.text() == ""
    card_file.unlink()  # taken away and placed again: read again
    driver.wait_for(lambda: screen.card_reader.reads >= reads + 4)
    _place_card(card_file, resident["name"], resident["id_number"])
    driver.wait_for(w.choose)


def test_a_card_with_a_bad_number_gets_the_message_typing_it_gets(
    qtbot: QtBot, reader_window: KioskWindow, card_file: Path, platform_server: PlatformHandle
) -> None:
    w = reader_window
    driver = KioskDriver(qtbot, w)
    driver.wait_until_ready()
    bad = _bad_check_character(platform_server.residents[0]["id_number"])
    screen = _open_identify(driver, w)
    _place_card(card_file, "张三", bad)
    driver.wait_for(lambda: screen.feedback.isVisible())
    from_card = screen.feedback.text()
    assert from_card.startswith("⚠") and "校验" in from_card
    assert screen.entry.text() == bad and not screen.next_button.isEnabled()
    assert w.currentWidget() is screen

    driver.click(screen.keypad.key("clear"))
    driver.press_keys(screen.keypad, bad)
    assert screen.feedback.text() == from_card


def test_on_the_track_screen_a_receipt_scanned_by_wedge_or_camera_is_verified(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle,
) -> None:
    w = kiosk_window
    result = kiosk_services.submit(SERVICE, residence_answers(platform_server.residents[0]))
    assert result.receipt_path is not None
    (payload,) = decode_qr_pdf(result.receipt_path)
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    qtbot.keyClicks(w.track.entry, payload)
    qtbot.keyClick(w.track.entry, Qt.Key.Key_Return)
    driver.wait_for(w.track.verdict.isVisible)
    assert "回执真实有效" in w.track.verdict.text()
    assert result.case_number in w.track.verdict_details.text()

    driver.click(w.track.again_button)
    assert not w.track.verdict.isVisible()
    frame = make_frame(payload, ("small", "noisy"), seed=9)
    assert w.track.camera.handle_frame(_qimage(frame.pixels))
    driver.wait_for(w.track.verdict.isVisible)
    assert "回执真实有效" in w.track.verdict.text()
