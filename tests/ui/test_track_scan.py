"""Track by scanning: a real receipt's QR code, read back from its printed image, verified on screen.

The payload reaches `TrackScreen.on_scanned` exactly as the camera or a keyboard-wedge scanner
hands it over, after the receipt PDF has been rasterised (pdftoppm) and decoded (pyzbar), so the
whole path a citizen's receipt takes is exercised: sign → print → scan → verify → track.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.services import KioskServices
from kiosk.ui.window import KioskWindow
from printing.payload import PREFIX, ReceiptClaim, sign_receipt
from printing.qrscan import decode_qr_image
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers
from tests.ui.driver import KioskDriver

SERVICE = "residence-certificate"


def _scan_printed_receipt(pdf: Path, folder: Path) -> str:
    """What a scanner reads off the printed receipt: rasterise at 150 dpi and decode."""
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf),
                    str(folder / "scanned")], check=True)
    (payload,) = decode_qr_image(folder / "scanned.png")
    return payload


def _submit_and_scan(services: KioskServices, platform: PlatformHandle, tmp_path: Path
                     ) -> tuple[str, str]:
    result = services.submit(SERVICE, residence_answers(platform.residents[0]))
    assert result.receipt_path is not None
    return result.case_number, _scan_printed_receipt(result.receipt_path, tmp_path)


def _open_track(driver: KioskDriver, w: KioskWindow) -> None:
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)


def test_scanning_a_real_receipt_says_genuine_and_shows_the_case(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, tmp_path: Path,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    case_number, payload = _submit_and_scan(kiosk_services, platform_server, tmp_path)
    _open_track(driver, w)
    w.track.on_scanned(payload + "\n")  # a wedge scanner's Enter arrives with the text
    driver.wait_for(w.track.result.isVisible)
    assert "回执真实有效" in w.track.verdict.text()
    assert w.track.verdict.text().startswith("✓")
    assert case_number in w.track.verdict_details.text()
    assert kiosk_services.device().hall_name in w.track.verdict_details.text()
    assert "(UTC" in w.track.verdict_details.text()
    assert "已提交待上传" in w.track.status.text() or "已上传平台" in w.track.status.text()
    assert "居住证明" in w.track.details.text()
    assert not w.track.online.isVisible()  # the platform answered
    screenshot(w, "13-track-scanned-genuine")
    assert not w.track.keypad.isVisible()  # the verdict has the room; 重新查询 brings it back
    driver.click(w.track.again_button)
    assert w.track.keypad.isVisible() and not w.track.verdict.isVisible()


def test_a_tampered_receipt_is_not_genuine(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, tmp_path: Path,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    _, payload = _submit_and_scan(kiosk_services, platform_server, tmp_path)
    _open_track(driver, w)
    # A forger's edit: another service code in the signed content, the signature kept.
    items = cbor2.loads(base45.b45decode(payload[len(PREFIX):]))
    items[3] = "other-service"
    forged = PREFIX + base45.b45encode(cbor2.dumps(items, canonical=True)).decode("ascii")
    w.track.on_scanned(forged)
    driver.wait_for(w.track.verdict.isVisible)
    assert w.track.verdict.text().startswith("✗")
    assert "不是真实有效的回执" in w.track.verdict.text()
    assert "改动" in w.track.verdict_details.text()
    assert not w.track.result.isVisible()
    screenshot(w, "14-track-scanned-tampered")


def test_truncated_foreign_and_unrelated_codes_get_clear_messages(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, tmp_path: Path,
) -> None:
    w = kiosk_window
    case_number, payload = _submit_and_scan(kiosk_services, platform_server, tmp_path)
    foreign = sign_receipt(ReceiptClaim(str(uuid.uuid4()), case_number, SERVICE, "DFOREIGN0001",
                                        1_790_000_000, bytes(16)), Ed25519PrivateKey.generate())
    expected = {
        payload[: len(payload) // 2]: "二维码不完整或已损坏",
        foreign: "暂时无法验证这张回执",
        "HTTPS://EXAMPLE.COM/PAY": "这不是办事回执的二维码",
    }
    _open_track(driver, w)
    for code, words in expected.items():
        w.track.on_scanned(code)
        driver.wait_for(lambda words=words: words in w.track.verdict.text())
        assert w.track.verdict_details.text()
        assert not w.track.result.isVisible()


def test_a_typed_payload_and_a_scanned_case_number_both_work(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow,
    kiosk_services: KioskServices, platform_server: PlatformHandle, tmp_path: Path,
) -> None:
    w = kiosk_window
    case_number, payload = _submit_and_scan(kiosk_services, platform_server, tmp_path)
    _open_track(driver, w)
    qtbot.keyClicks(w.track.entry, payload)  # typed (or pasted) into the field
    assert w.track.entry.text() == payload
    qtbot.keyClick(w.track.entry, Qt.Key.Key_Return)
    driver.wait_for(w.track.result.isVisible)
    assert "回执真实有效" in w.track.verdict.text()

    w.track.on_scanned(case_number)  # a scanner that reads a printed case number
    driver.wait_for(lambda: w.track.result.isVisible() and not w.track.verdict.isVisible())
    assert case_number in w.track.details.text()
    assert w.track.entry.text() == case_number


def test_tracking_says_when_the_platform_could_not_be_reached(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, tmp_path: Path,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = kiosk_window
    case_number, payload = _submit_and_scan(kiosk_services, platform_server, tmp_path)
    platform_server.stop()
    _open_track(driver, w)
    w.track.on_scanned(payload)  # verified offline, from the keys on this device
    driver.wait_for(w.track.result.isVisible)
    assert "回执真实有效" in w.track.verdict.text()
    assert "暂时无法连接政务服务平台" in w.track.online.text()
    assert w.track.online.isVisible()
    screenshot(w, "15-track-offline")


def test_whatever_a_scanner_sends_gets_words_not_a_crash(
    driver: KioskDriver, kiosk_window: KioskWindow,
) -> None:
    w = kiosk_window
    _open_track(driver, w)
    junk = ["SH1:", "SH1:%%%%%%", "sh1:abcdef", "居住证明", "SH1:" + "A" * 2000, "\x00\x1b[2J",
            "3301-0001", "--", "https://例子.cn/?q=1"]
    for text in junk:
        w.track.on_scanned(text)
        driver.wait_for(lambda: not w.track.entry.isReadOnly())
        shown = "\n".join(label.text() for label in (w.track.message, w.track.verdict,
                                                     w.track.verdict_details))
        assert shown.strip(), text
        assert "Traceback" not in shown and "Error" not in shown
    w.track.on_scanned("   ")  # nothing read: nothing happens
    assert not w.track.entry.isReadOnly()
