"""Track: scan the receipt's QR code or type the case number, and see where the application stands.

Two ways in. A case number (digits and '-') goes in through the big keypad or a keyboard; 查询
runs `KioskServices.track_status` on a worker thread. A receipt's QR code arrives through
`on_scanned` — from the camera or a keyboard-wedge scanner, whose Enter lands here too — or is
typed or pasted into the same field: it is verified with the same code as `servicehall receipt
verify` (`kiosk.verifying`, the cached published device keys, off the Qt thread), and the screen
says whether the receipt is genuine, with its case number and issuer, then shows the case's
status. A tampered, foreign or truncated code gets a plain message saying what to do, never a
traceback. When the platform could not be asked, the screen says the status may be out of date.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QHideEvent, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk import verifying
from kiosk.paperwork import local_time
from kiosk.ui.camera import CameraWidget
from kiosk.ui.keypad import CASE_NUMBER_KEYS, KeypadWidget
from kiosk.ui.status import status_explanation, status_words
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task
from kiosk.ui.wedge import WedgeScanner
from kiosk.ui.widgets import error_text, make_button, make_label
from sync.casenumber import BadCaseNumber

if TYPE_CHECKING:
    from kiosk.services import KioskServices, Tracked
    from printing.verify import Verification

log = logging.getLogger(__name__)

MAX_ENTRY = 1024
"""Long enough for a receipt code typed or pasted into the field (about 250 characters)."""
_CASE_NUMBER = re.compile(r"[0-9-]{1,40}")


@dataclass(frozen=True)
class ScanOutcome:
    """A checked receipt code, and the tracking of its case when it was genuine."""

    verdict: Verification
    tracked: Tracked | None
    own_hall: str | None = None
    """This kiosk's hall name when the receipt was issued here."""


class TrackScreen(QWidget):
    """Receipt QR or case number in; the receipt's verdict and the case's status out."""

    back_requested = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackScreen")
        self._services = services
        self._generation = 0

        heading = make_label(self.tr("查询办理进度"), role="heading")
        hint = make_label(
            self.tr("请扫描回执上的二维码，或输入受理编号 "
                    "(Scan the QR code on your receipt, or enter the case number)"),
            role="subtle",
        )
        self.entry = QLineEdit()
        self.entry.setObjectName("caseEntry")
        self.entry.setAccessibleName(self.tr("受理编号或回执二维码内容"))
        self.entry.setProperty("role", "entry")
        self.entry.setMaxLength(MAX_ENTRY)
        # Case numbers, and the base45 alphabet of receipt codes for a scanner or a paste.
        self.entry.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9A-Z $%*+\-./:]{0," + str(MAX_ENTRY) + "}"), self.entry))
        self.entry.setPlaceholderText(self.tr("例如 3301-0001-0000001-7"))
        self.search_button = make_button(self.tr("查询"), name="searchButton", role="primary")
        self.back_button = make_button(self.tr("返回首页"), name="backButton")
        self.again_button = make_button(self.tr("重新查询"), name="trackAgainButton",
                                        accessible=self.tr("重新查询：扫描或输入另一张回执"))
        self.again_button.clicked.connect(self._again)
        self.keypad = KeypadWidget(self.entry, CASE_NUMBER_KEYS)
        # Receipt codes read by the camera or typed by a keyboard-wedge scanner land in on_scanned.
        self.camera = CameraWidget()
        self.camera.scanned.connect(self.on_scanned)
        self.wedge = WedgeScanner(self)
        self.wedge.scanned.connect(self.on_scanned)

        self.message = make_label(name="trackMessage")
        self.verdict = make_label(name="trackVerdict")
        self.verdict_details = make_label(name="trackVerdictDetails")
        self.online = make_label(role="error", name="trackOnline")
        self.result = QFrame()
        self.result.setObjectName("trackResult")
        set_role(self.result, "panel")
        self.status = make_label(role="status", name="trackStatus")
        self.explanation = make_label(name="trackExplanation")
        self.reason = make_label(name="trackReason")
        self.details = make_label(name="trackDetails")
        box = QVBoxLayout(self.result)
        box.setContentsMargins(24, 16, 24, 16)
        for label in (self.status, self.explanation, self.reason, self.details):
            box.addWidget(label)

        self.entry.textChanged.connect(self._on_text_changed)
        self.entry.returnPressed.connect(self._on_search)
        self.search_button.clicked.connect(self._on_search)
        self.back_button.clicked.connect(self.back_requested)

        left = QVBoxLayout()
        left.setSpacing(8)  # a verdict, a note and the status must fit beside the keypad
        left.addSpacing(12)
        left.addWidget(self.entry)
        for label in (self.message, self.verdict, self.verdict_details, self.online):
            left.addWidget(label)
        left.addWidget(self.result)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.search_button)
        left.addLayout(buttons)
        columns = QHBoxLayout()
        columns.setSpacing(48)
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        right.addWidget(self.camera)
        right.addStretch(1)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(16)
        layout.addLayout(columns, 1)
        self.reset()

    def reset(self) -> None:
        self._generation += 1
        self.wedge.clear()
        self.camera.forget()
        self.entry.setText("")
        self._clear_result()
        self._set_busy(False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.entry.setFocus()
        self.camera.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.camera.stop()  # the camera runs only while this screen is shown
        self.wedge.clear()
        super().hideEvent(event)

    # -- input ------------------------------------------------------------------------------

    @Slot(str)
    def on_scanned(self, text: str) -> None:
        """Take what a scanner read (or what was typed): a receipt code or a case number.

        A case number is tracked as if typed; anything else is checked as a receipt code.
        Safe to call at any time on the Qt thread; a newer scan supersedes one still running.
        """
        text = text.strip()
        if not text:
            return
        if _CASE_NUMBER.fullmatch(text):
            self.entry.setText(text)
            self._track(text)
            return
        self.entry.setText("")  # the code itself is of no use on screen
        self._check_receipt(text)

    def _on_text_changed(self, text: str) -> None:
        self.search_button.setEnabled(bool(text.strip("- ")))
        self._clear_result()

    def _on_search(self) -> None:
        if self.search_button.isEnabled():
            self.on_scanned(self.entry.text())

    # -- showing ----------------------------------------------------------------------------

    def _clear_result(self) -> None:
        self._show_message("", error=False)
        for label in (self.verdict, self.verdict_details, self.online, self.status,
                      self.explanation, self.reason, self.details):
            label.setText("")
            label.hide()
        self.result.hide()
        # A receipt's verdict takes the keypad's place; anything typed brings the keypad back.
        self.again_button.hide()
        self.keypad.show()

    def _show_message(self, text: str, *, error: bool) -> None:
        set_role(self.message, "error" if error else "heading")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self.entry.setReadOnly(busy)
        self.keypad.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.search_button.setEnabled(not busy and bool(self.entry.text().strip("- ")))

    def _start(self) -> int:
        self._generation += 1
        self._clear_result()
        self._show_message(self.tr("正在查询，请稍候…"), error=False)
        self._set_busy(True)
        return self._generation

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        if isinstance(exc, BadCaseNumber):
            text = self.tr(
                "受理编号格式不正确，请核对回执上的编号，例如 3301-0001-0000001-7。"
                "\nThat is not a valid case number; check the receipt."
            )
        else:
            log.error("tracking failed: %s", type(exc).__name__, exc_info=exc)
            text = self.tr("暂时无法查询，请稍后再试或咨询大厅工作人员。")
        self._show_message(error_text(text), error=True)

    def _track(self, number: str) -> None:
        generation = self._start()

        def found(tracked: Tracked) -> None:
            if generation == self._generation:
                self._set_busy(False)
                self._show_tracked(tracked, from_receipt=False)

        Task(lambda: self._services.track_status(number), parent=self).success(found).failure(
            lambda exc: self._failed(generation, exc)
        ).run_in_background()

    def _check_receipt(self, text: str) -> None:
        generation = self._start()
        services = self._services

        def work() -> ScanOutcome:
            verdict = verifying.verify_scanned(services, text)
            tracked = None
            device = services.store.device()
            own = device.hall_name if device and device.device_id == verdict.issuer else None
            if verdict.valid and verdict.case_number:
                try:
                    tracked = services.track_status(verdict.case_number)
                except BadCaseNumber:  # genuine, but numbered in a scheme this kiosk cannot read
                    tracked = None
            return ScanOutcome(verdict, tracked, own)

        def done(outcome: ScanOutcome) -> None:
            if generation == self._generation:
                self._set_busy(False)
                self._show_outcome(outcome)

        Task(work, parent=self).success(done).failure(
            lambda exc: self._failed(generation, exc)
        ).run_in_background()

    def _again(self) -> None:
        self.entry.setText("")
        self._clear_result()
        self.entry.setFocus()

    def _show_outcome(self, outcome: ScanOutcome) -> None:
        verdict = outcome.verdict
        self._show_message("", error=False)
        self.keypad.hide()
        self.again_button.show()
        if not verdict.valid:
            log.info("receipt code did not verify: %s", verdict.kind)
            set_role(self.verdict, "error")
            heading, advice = self._failure_words(verdict.kind)
            self.verdict.setText(heading)
            self.verdict_details.setText(advice)
            self.verdict.show()
            self.verdict_details.show()
            return
        set_role(self.verdict, "ok")
        self.verdict.setText("✓ " + self.tr("回执真实有效 (Genuine receipt)"))
        issued = self._when(verdict.issued_at) if verdict.issued_at is not None else ""
        self.verdict_details.setText(
            self.tr("受理编号：") + (verdict.case_number or "") + "\n"
            + self.tr("签发：") + self._issuer(verdict.issuer or "", outcome.own_hall)
            + ("  " + issued if issued else ""))
        self.verdict.show()
        self.verdict_details.show()
        if outcome.tracked is not None:
            self._show_tracked(outcome.tracked, from_receipt=True)
        else:
            self._show_message(self.tr("本终端没有这份回执对应的办理记录，请到服务大厅窗口查询进度。"),
                               error=False)

    def _failure_words(self, kind: str) -> tuple[str, str]:
        """The heading (with its sign) and the advice for a code that did not verify."""
        if kind == "bad_signature":
            return ("✗ " + self.tr("回执验证未通过：不是真实有效的回执 (Not genuine)"),
                    self.tr("二维码的内容被改动过，或不是由政务服务终端签发。请到服务大厅窗口核实。"))
        if kind == "not_receipt":
            return ("⚠ " + self.tr("这不是办事回执的二维码 (Not a receipt code)"),
                    self.tr("请扫描回执下方“扫码验证”处的二维码，或输入回执上的受理编号。"))
        if kind in ("damaged", "malformed"):
            return ("⚠ " + self.tr("二维码不完整或已损坏，无法验证 (Damaged code)"),
                    self.tr("请把回执放平后重新扫描，或输入回执上的受理编号查询。"))
        if kind == "unknown_device":
            return ("⚠ " + self.tr("暂时无法验证这张回执 (Cannot verify)"),
                    self.tr("本终端没有签发设备的验证密钥（可能是其他地区或新登记的设备签发的）。"
                            "请到服务大厅窗口核验，或输入受理编号查询。"))
        if kind == "unsupported":
            return ("⚠ " + self.tr("本终端无法识别这张回执的格式 (Unknown format)"),
                    self.tr("请到服务大厅窗口核验这张回执。"))
        return ("⚠ " + self.tr("暂时无法验证这张回执 (Cannot verify)"),
                self.tr("请稍后再试，或到服务大厅窗口核验。"))

    def _show_tracked(self, tracked: Tracked, *, from_receipt: bool) -> None:
        case = tracked.case
        if tracked.source == "unreachable":
            self.online.setText("⚠ " + self.tr(
                "暂时无法连接政务服务平台，下面是本终端记录的状态，可能不是最新。"))
            self.online.show()
        elif tracked.source == "local":
            self.online.setText("⚠ " + self.tr("本终端尚未接入政务服务平台，下面是本终端记录的状态。"))
            self.online.show()
        if case is None:
            if from_receipt:
                self._show_message(
                    self.tr("本终端没有这份回执对应的办理记录，请到服务大厅窗口查询进度。"),
                    error=False)
                return
            self._show_message(
                error_text(
                    self.tr(
                        "未找到该受理编号，请核对回执上的编号。"
                        "\nNo case has this number; check the number on your receipt."
                    )
                ),
                error=True,
            )
            return
        self._show_message("", error=False)
        self.status.setText(status_words(case.status))
        self.explanation.setText(status_explanation(case.status))
        self.reason.setText(self.tr("原因：") + case.status_reason if case.status_reason else "")
        lines = [self.tr("事项：") + self._service_name(case.service_code)]
        if not from_receipt:  # a verified receipt has shown its number and time already
            lines += [self.tr("受理编号：") + case.case_number,
                      self.tr("提交时间：") + self._when(case.created_at)]
        lines.append(self.tr("最近更新：") + self._when(case.updated_at))
        self.details.setText("\n".join(lines))
        for label in (self.status, self.explanation, self.details):
            label.show()
        self.reason.setVisible(bool(case.status_reason))
        self.result.show()

    def _issuer(self, device_id: str, own_hall: str | None) -> str:
        if own_hall is not None:
            return self.tr("%1（本终端）").replace("%1", own_hall)
        return self.tr("政务服务终端 设备 %1").replace("%1", device_id)

    def _when(self, moment: datetime | str) -> str:
        from printing.document import stamp

        try:
            value = moment if isinstance(moment, datetime) else datetime.fromisoformat(moment)
        except ValueError:
            return str(moment)
        return stamp(local_time(self._services.config, value))

    def _service_name(self, code: str) -> str:
        try:
            return self._services.catalog.get(code).name.zh
        except Exception:  # a service withdrawn from the catalogue still has cases to track
            return code
