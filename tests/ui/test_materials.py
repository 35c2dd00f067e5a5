"""The materials step of a visit: camera, scans, e-licences, 容缺 on a signed commitment, consent.

Driven through the real window on the real store and platform: frames go in through the document
camera's own entry point (this machine has no camera), scans are real files in the scanner folder,
and the commitment letter is a real PDF, rasterised and read back.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from forms.catalog import load_catalog
from forms.samples import sample_application
from forms.workdays import load_calendar
from kiosk.commitments import SIGNATURE_MATERIAL
from kiosk.paperwork import PrintDesk
from kiosk.scans import scanner_folder
from kiosk.services import KioskServices, SubmitResult
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.signature import SignatureWidget
from kiosk.ui.window import KioskWindow
from tests.conftest import PlatformHandle, artifacts_dir
from tests.ui.driver import KioskDriver, all_texts, document_image

RESIDENCE = "residence-certificate"
TENANCY = "tenancy-or-title"
ANSWERS = {"residence_since": "2019-06-01", "purpose": "school", "phone": "13805711234"}
Shoot = Callable[[QWidget, str], Path]


def _to_materials(driver: KioskDriver, id_number: str, code: str = RESIDENCE,
                  answers: dict[str, object] | None = None) -> None:
    """Identify, choose `code`, fill every page, and stop on the materials step."""
    w = driver.window
    driver.identify(id_number)
    driver.choose(code)
    while isinstance(w.currentWidget(), FormPageScreen):
        page = driver.page
        if answers is None:
            driver.fill({k: v for k, v in ANSWERS.items()
                         if k != "phone" or not page.editors.get("phone")
                         or not page.editors["phone"].value()})
        else:
            for name, editor in page.editors.items():
                if name in answers and not editor.locked:
                    editor.set_value(answers[name])  # type: ignore[arg-type]
        driver.next_page(through_materials=False)
        assert not page.summary.isVisible(), page.summary.text()
    driver.wait_for(w.materials)


def _pixmaps(root: QWidget) -> list[str]:
    return [label.objectName() for label in root.findChildren(QLabel)
            if label.pixmap() is not None and not label.pixmap().isNull()]


def _dark_pixels(image: QImage, top: int, bottom: int) -> int:
    dark = 0
    for y in range(max(top, 0), min(bottom, image.height())):
        for x in range(0, image.width(), 2):
            if image.pixelColor(x, y).lightness() < 128:
                dark += 1
    return dark


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def _caption_top(pdf: Path, caption: str) -> tuple[float, float]:
    """The y of `caption` on the first page and the page height, in PDF points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))
    word = re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                     + re.escape(caption) + "</word>", html)
    assert word is not None, f"no {caption!r} in the letter"
    return float(word.group(2)), height


def test_a_missing_material_is_accepted_on_a_signed_commitment(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, tmp_path: Path, screenshot: Shoot,
) -> None:
    w = kiosk_window
    printed = tmp_path / "printer"
    printed.mkdir()
    kiosk_services.printing = PrintDesk(replace(kiosk_services.config, printer=f"pdf:{printed}"))
    resident = platform_server.residents[0]
    _to_materials(driver, resident["id_number"])
    m = w.materials
    assert list(m.states) == ["id-card", "household-register", TENANCY]
    assert "使用电子证照" in m.status_text("id-card")  # the registry vouches for the e-ID
    texts = "\n".join(all_texts(m))
    assert "复印件1份" in texts and "出租人或不动产登记机构" in texts  # form, copies, issuer
    assert "可容缺" in texts and "5个工作日内补交" in texts

    # The household register (optional) is photographed with the document camera.
    driver.click(m.action_button("household-register", "photo"))
    if not QMediaDevices.videoInputs():
        assert "没有连接高拍仪" in m.camera.status.text()
        assert not m.camera.shoot_button.isEnabled()
        screenshot(w, "materials-00-no-camera")
    driver.feed_camera_frame(document_image("户口簿"))
    assert m.camera.shoot_button.isEnabled()
    screenshot(w, "materials-01-camera")
    driver.click(m.camera.shoot_button)
    driver.wait_for(lambda: "已拍照" in m.status_text("household-register"))
    assert "materialThumb_household-register" in _pixmaps(m)

    # Without the tenancy agreement the citizen may not go on until they commit to it.
    driver.click(m.next_button)
    assert w.currentWidget() is m
    assert m.message.text().startswith("⚠") and "房屋租赁合同或产权证明" in m.message.text()
    driver.click(m.action_button(TENANCY, "commitment"))
    assert "需签名" in m.status_text(TENANCY)
    screenshot(w, "materials-02-list")
    driver.click(m.next_button)
    panel = m.commitment_panel
    driver.wait_for(panel.isVisible)
    deadline = load_calendar().add_working_days(date.today(), 5).day
    assert deadline.isoformat() in panel.text.text()
    assert "本人承诺于" in panel.text.text()

    driver.click(panel.signature.confirm_button)  # nothing drawn yet
    assert panel.signature.message.isVisible()
    assert "还没有签名" in panel.signature.message.text()
    assert panel.isVisible()
    driver.sign(panel.signature.pad)
    assert not panel.signature.pad.is_empty()
    screenshot(w, "materials-03-commitment")
    driver.click(panel.signature.confirm_button)
    driver.wait_for(w.review)

    # Check answers lists the materials and the commitment, each with a way back.
    assert "承诺后补（已签名）" in w.review.findChild(QWidget, "answer_material_2").text()
    assert w.review.findChild(QWidget, "answer_commitment") is not None
    driver.click(w.review.findChild(QWidget, "change_material_1"))
    driver.wait_for(m)
    assert m.next_button.text() == "保存并返回核对"
    assert "已拍照" in m.status_text("household-register")  # nothing handed in was lost
    driver.click(m.next_button)
    driver.wait_for(w.review)
    screenshot(w, "materials-04-review")

    with qtbot.waitSignal(w.review.submitted, timeout=20_000) as submitted:
        driver.click(w.review.submit_button)
    result = submitted.args[0]
    assert isinstance(result, SubmitResult)
    driver.wait_for(w.done)

    # The case carries the photograph, the signature and the commitment, all sealed.
    content = kiosk_services.store.case_content(result.case_id)
    attached = {a["material"]: a for a in content["attachments"]}
    assert set(attached) == {"户口簿", SIGNATURE_MATERIAL}
    assert attached["户口簿"]["media_type"] == "image/jpeg"
    assert content["materials"] == {"id-card": "e-licence", "household-register": "photo",
                                    TENANCY: "commitment"}
    commitment = content["commitment"]
    assert [c["id"] for c in commitment["materials"]] == [TENANCY]
    assert commitment["supply_by"] == deadline.isoformat()
    assert commitment["signature_sha256"] == attached[SIGNATURE_MATERIAL]["sha256"]
    signature = kiosk_services.store.blobs.read(commitment["signature_sha256"])
    assert signature.startswith(b"\x89PNG")
    raw = (kiosk_services.config.data_dir / "store.db").read_bytes()
    assert resident["name"].encode() not in raw and TENANCY.encode() not in raw
    counts = kiosk_services.sync_now()  # the platform takes the case with its commitment
    assert counts.pushed == 1 and counts.rejected == 0
    assert platform_server.db.case_status(result.case_number) is not None

    # The 容缺承诺书 prints with the receipt: the Chinese text and the signature as drawn.
    assert result.letter_path is not None and result.letter_path.exists()
    driver.wait_for(lambda: len(list(printed.glob("*.pdf"))) == 2)
    texts = {p: _text(p) for p in sorted(printed.glob("*.pdf"))}
    (letter,) = [p for p, t in texts.items() if "容缺受理承诺书" in t]
    (receipt,) = [re.sub(r"\s+", "", t) for p, t in texts.items() if p != letter]
    assert "户口簿（拍照）" in receipt and "居民身份证（电子证照）" in receipt
    assert "房屋租赁合同或产权证明" not in receipt  # not received: it follows on commitment
    text = texts[letter]
    assert "容缺受理承诺书" in text and result.case_number in text
    assert "房屋租赁合同或产权证明" in text and deadline.isoformat() in text
    caption_bottom, page_height = _caption_top(letter, "承诺人签名")
    prefix = artifacts_dir("documents") / "kiosk-commitment-letter"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(letter), str(prefix)],
                   check=True)
    page = QImage(str(prefix) + ".png")
    scale = page.height() / page_height
    area = (int(caption_bottom * scale) + 2, int((caption_bottom + 22 * 72 / 25.4) * scale))
    assert _dark_pixels(page, *area) > 200, "the signature is not on the letter"

    # After the visit nothing of the images or the signature is left in the window.
    driver.click(w.done.finish_button)
    assert w.currentWidget() is w.attract
    assert not m.states and m.attachments() == [] and m.commitment() is None
    assert panel.signature.pad.is_empty() and not _pixmaps(w)
    driver.wait_for(lambda: not result.letter_path.exists())  # the visit's files are deleted


def test_a_missing_material_that_may_not_follow_later_blocks_and_offers_the_notice(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle,
    kiosk_services: KioskServices, screenshot: Shoot,
) -> None:
    w = kiosk_window
    resident = platform_server.residents[0]
    service = load_catalog().get("social-security-card-replacement")
    answers = {**sample_application(service), "reason": "lost"}
    _to_materials(driver, resident["id_number"], service.code, answers)
    m = w.materials
    assert "photo" in m.states
    assert m.findChild(QWidget, "material_commitment_photo") is None  # no 容缺 for the photo

    driver.click(m.next_button)
    assert w.currentWidget() is m
    message = m.message.text()
    assert message.startswith("⚠") and "近期一寸免冠白底彩色照片" in message
    assert "不能容缺" in message
    screenshot(w, "materials-05-blocked")
    driver.click(m.notice_button)
    notices = kiosk_services.config.data_dir / "notices"
    driver.wait_for(lambda: "已打印" in m.message.text())
    (pdf,) = notices.glob("*.pdf")
    text = _text(pdf)
    assert "一次性告知书" in text and "近期一寸免冠白底彩色照片" in text
    assert resident["id_number"] not in text  # masked

    driver.photograph("photo")
    driver.click(m.next_button)
    driver.wait_for(w.review)


def test_consent_must_be_given_before_submitting(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle,
) -> None:
    w = kiosk_window
    resident = platform_server.residents[0]
    _to_materials(driver, resident["id_number"])
    driver.complete_materials()
    assert not w.review.consent.isChecked()
    assert w.review.consent.accessibleName()
    driver.click(w.review.submit_button, consent=False)
    assert w.currentWidget() is w.review
    assert w.review.message.text().startswith("⚠") and "勾选" in w.review.message.text()
    assert kiosk_services.store.cases_for_person(resident["id_number"]) == []

    driver.click(w.review.consent)
    assert not w.review.message.isVisible()
    driver.click(w.review.submit_button, consent=False)
    driver.wait_for(w.done)
    assert len(kiosk_services.store.cases_for_person(resident["id_number"])) == 1


def test_a_scan_is_imported_and_the_visit_leaves_nothing_behind(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle, screenshot: Shoot,
) -> None:
    w = kiosk_window
    before = set(Path(tempfile.gettempdir()).iterdir())
    _to_materials(driver, platform_server.residents[0]["id_number"])
    m = w.materials
    folder = scanner_folder(kiosk_services.config)  # the scanner saves while the citizen waits
    folder.mkdir(parents=True, exist_ok=True)
    scan = folder / "scan-0001.png"
    assert document_image("房屋租赁合同").save(str(scan))
    (folder / "notes.txt").write_text("not an image")
    driver.click(m.action_button(TENANCY, "scan"))
    driver.wait_for(lambda: (b := m.scans.file_button(scan.name)) is not None and b.isVisible())
    assert len(m.scans.files) == 1  # only images are offered
    screenshot(w, "materials-06-scans")
    driver.click(m.scans.file_button(scan.name))
    other = folder / "scan-0002.png"  # scanned, never chosen: still this citizen's paper
    assert document_image("户口簿").save(str(other))
    driver.wait_for(lambda: "已导入扫描件" in m.status_text(TENANCY))
    (attachment,) = m.attachments()
    assert attachment.data == scan.read_bytes() and attachment.media_type == "image/png"
    driver.photograph("household-register")
    driver.click(m.action_button("id-card", "clear"))
    driver.click(m.action_button("id-card", "photo"))
    driver.feed_camera_frame()  # the camera is showing a frame when the visit ends
    assert _pixmaps(m)

    w.end_visit()  # as the idle warning's countdown does
    assert w.currentWidget() is w.attract
    assert not m.states and m.attachments() == [] and m.commitment() is None
    assert not m.camera.has_frame() and not _pixmaps(w)
    assert w.materials.signature.pad.is_empty()
    driver.wait_for(lambda: not scan.exists() and not other.exists())  # the scans are deleted
    assert (folder / "notes.txt").exists()
    assert scan.name not in "\n".join(all_texts(w))
    assert set(Path(tempfile.gettempdir()).iterdir()) <= before


def test_the_signature_pad_refuses_an_empty_signature_and_exports_strokes(
    qtbot: QtBot, driver: KioskDriver,
) -> None:
    widget = SignatureWidget()
    qtbot.addWidget(widget)
    widget.resize(700, 360)
    widget.show()
    got: list[bytes] = []
    widget.confirmed.connect(got.append)
    driver.click(widget.confirm_button)
    assert got == [] and widget.message.text().startswith("⚠")
    with pytest.raises(ValueError):
        widget.pad.to_png()

    driver.sign(widget.pad, strokes=2)
    assert widget.pad.stroke_count() == 2 and not widget.message.isVisible()
    driver.click(widget.confirm_button)
    (png,) = got
    image = QImage.fromData(png)
    assert not image.isNull() and _dark_pixels(image, 0, image.height()) > 100
    assert QPixmap.fromImage(image).width() == image.width()

    driver.click(widget.clear_button)
    assert widget.pad.is_empty()
    driver.sign(widget.pad, strokes=1)
    widget.reset()
    assert widget.pad.is_empty() and widget.pad.stroke_count() == 0
