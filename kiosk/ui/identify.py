"""Identify: scan an e-ID or e-licence QR code, place the ID card, or type the number on a keypad.

The on-screen keypad (0-9, X, 删除, 清空) and a physical keyboard type into the same field. The
screen counts characters as they arrive and, once all 18 are in, checks the number against
GB 11643 through `forms.idnumber`; a bad number shows the reason in Chinese and English with a
warning sign and keeps 下一步 disabled. On 下一步 the records look-up runs on a worker thread (it
may take seconds on a slow network) while the screen says so, and the screen then hands the
number and whatever was found to the window.

While the screen is shown, three other ways in feed the same path: the camera (`CameraWidget`,
frames decoded on a worker), a keyboard-wedge scanner (`WedgeScanner`, whose fast burst of keys
never reaches the field) and the ID-card reader the configuration names (`CardReaderWatcher`,
polled on a worker). A scanned identity code (`kiosk.idcard.id_number_from_scan`) or a card read
fills the field and goes on exactly as if the number had been typed and 下一步 pressed; a bad
number stops with the same message typing it would give, and a code that identifies no one says
what to scan instead.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QHideEvent, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from forms.errors import InvalidValue
from forms.idnumber import parse_resident_id
from forms.prefill import card_record, licence_record
from kiosk.idcard import IdCard, id_number_from_scan
from kiosk.ui.camera import CameraWidget
from kiosk.ui.cardreader import CardReaderWatcher
from kiosk.ui.keypad import ID_NUMBER_KEYS, KeypadWidget
from kiosk.ui.style import PREFILL_MARK, set_invalid, set_role
from kiosk.ui.tasks import Task
from kiosk.ui.wedge import WedgeScanner
from kiosk.ui.widgets import bilingual, error_text, make_button, make_label

if TYPE_CHECKING:
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)

ID_LENGTH = 18
RECEIPT_PREFIX = "SH1:"  # printing.payload.PREFIX, not imported here to keep start-up light


class IdentifyScreen(QWidget):
    """ID number by scan, card or keypad, with live checking, then the look-up off the Qt thread."""

    identified = Signal(str, object)  # id_number, dict[str, Prefilled]
    back_requested = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identifyScreen")
        self._services = services
        self._generation = 0
        self._presented: list[tuple[str, dict[str, str]]] = []  # a card or licence shown

        heading = make_label(self.tr("请输入身份证号码"), role="heading")
        hint = make_label(
            self.tr("Enter your resident ID number (18 characters) on the keypad or keyboard."),
            role="subtle",
        )
        self.entry = QLineEdit()
        self.entry.setObjectName("idEntry")
        self.entry.setAccessibleName(self.tr("身份证号码"))
        self.entry.setProperty("role", "entry")
        self.entry.setMaxLength(ID_LENGTH)
        self.entry.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9Xx]{0,18}"), self.entry)
        )
        self.entry.setPlaceholderText(self.tr("18位身份证号码"))
        self.count = make_label(name="idCount")
        self.feedback = make_label(name="idFeedback")
        self.busy = make_label(role="heading", name="idBusy")
        self.busy.hide()
        self.back_button = make_button(self.tr("返回"), name="backButton")
        self.next_button = make_button(self.tr("下一步"), name="nextButton", role="primary")
        self.next_button.setEnabled(False)
        self.keypad = KeypadWidget(self.entry, ID_NUMBER_KEYS)

        self.scan_panel = QFrame()
        self.scan_panel.setObjectName("scanPanel")
        set_role(self.scan_panel, "panel")
        self.scan_hint = make_label(
            self.tr("扫码：将电子身份证或电子证照的二维码对准摄像头，或用扫码枪扫描。"),
            name="scanHint")
        self.camera = CameraWidget()
        self.card_reader = CardReaderWatcher(services.config.id_card_reader, self)
        self.card_hint = make_label(self.tr("读卡：将身份证放在读卡区，稍等即可。"),
                                    name="cardHint")
        self.card_hint.setVisible(self.card_reader.configured)
        panel = QVBoxLayout(self.scan_panel)
        panel.setContentsMargins(20, 12, 20, 12)
        panel.addWidget(self.scan_hint)
        panel.addWidget(self.camera)
        panel.addWidget(self.card_hint)
        self.wedge = WedgeScanner(self)

        self.camera.scanned.connect(self.on_scanned)
        self.wedge.scanned.connect(self.on_scanned)
        self.card_reader.card_read.connect(self.on_card)
        self.card_reader.unavailable.connect(self._on_reader_unavailable)
        self.entry.textChanged.connect(self._on_text_changed)
        self.entry.returnPressed.connect(self._on_next)
        self.back_button.clicked.connect(self.back_requested)
        self.next_button.clicked.connect(self._on_next)

        left = QVBoxLayout()
        left.addSpacing(16)
        left.addWidget(self.entry)
        left.addWidget(self.count)
        left.addWidget(self.feedback)
        left.addWidget(self.busy)
        left.addSpacing(12)
        left.addWidget(self.scan_panel)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        left.addLayout(buttons)

        columns = QHBoxLayout()
        columns.setSpacing(48)
        columns.addLayout(left, 3)
        columns.addWidget(self.keypad, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(16)
        layout.addLayout(columns, 1)
        self._on_text_changed("")

    def reset(self) -> None:
        """Forget the number, any scan half-typed and any look-up still running."""
        self._generation += 1
        self._presented = []
        self.wedge.clear()
        self.camera.forget()
        self.entry.setText("")
        self._set_busy(False)
        self._on_text_changed("")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.entry.setFocus()
        self._start_sources()  # the first start loads QtMultimedia: about 20 ms, once

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # The camera and the reader work only while a citizen is asked to use them.
        self.camera.stop()
        self.card_reader.stop()
        self.wedge.clear()
        super().hideEvent(event)

    def _start_sources(self) -> None:
        self.card_hint.setText(self.tr("读卡：将身份证放在读卡区，稍等即可。"))
        self.camera.start()
        self.card_reader.start()

    def on_scanned(self, text: str) -> None:
        """Take what the camera or a scanner read: an identity code goes on like typing."""
        if self.busy.isVisible():
            return
        number = id_number_from_scan(text)
        if number is not None:
            self._presented = [("e-licence", _licence_record(text))]
            self._take_number(number)
        elif text.strip().startswith(RECEIPT_PREFIX):
            self._show_feedback(error_text(self.tr(
                "这是受理回执的二维码，不能用来办事。查询办理进度，请返回首页选择“查进度”；"
                "办事请扫描电子身份证或电子证照的二维码，或输入身份证号码。")), "error")
        else:
            self._show_feedback(error_text(self.tr(
                "无法识别这个二维码。请扫描电子身份证或电子证照的二维码，"
                "或放置身份证，或输入身份证号码。")), "error")

    def on_card(self, card: IdCard) -> None:
        """Take the number of the ID card placed on the reader, as if it had been typed."""
        if not self.busy.isVisible():
            self._presented = [("id-card", card_record(
                card.name, card.id_number, gender=card.gender, birth_date=card.birth_date,
                address=card.address))]
            self._take_number(card.id_number)

    def _take_number(self, number: str) -> None:
        try:
            resident = parse_resident_id(number)
        except InvalidValue as exc:
            self.entry.setText(number.strip()[:ID_LENGTH])
            # Typing 18 characters shows this message by itself; any other length would not.
            self._show_feedback(error_text(bilingual(exc.message)), "error")
            set_invalid(self.entry, True)
            return
        self.entry.setText(resident.number)
        self._on_next()

    def _on_reader_unavailable(self) -> None:
        self.card_hint.setText(self.tr(
            "身份证读卡器暂时无法使用：请扫码或输入身份证号码，或请工作人员帮助。"))

    def _on_text_changed(self, text: str) -> None:
        if text != text.upper():
            position = self.entry.cursorPosition()
            self.entry.setText(text.upper())  # the slot runs again with the upper-case text
            self.entry.setCursorPosition(position)
            return
        self.count.setText(
            self.tr("已输入 %1 / 18 位").replace("%1", str(len(text)))
        )
        valid = False
        if len(text) < ID_LENGTH:
            self._show_feedback("", None)
        else:
            try:
                parse_resident_id(text)
            except InvalidValue as exc:
                self._show_feedback(error_text(bilingual(exc.message)), "error")
            else:
                valid = True
                self._show_feedback(PREFILL_MARK + self.tr("号码有效，请按“下一步”。"), "ok")
        set_invalid(self.entry, len(text) == ID_LENGTH and not valid)
        self.next_button.setEnabled(valid)

    def _show_feedback(self, text: str, role: str | None) -> None:
        self.feedback.setText(text)
        if role:
            set_role(self.feedback, role)
        self.feedback.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setText(self.tr("正在查询您的档案…") if busy else "")
        self.busy.setVisible(busy)
        self.entry.setReadOnly(busy)
        self.keypad.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.next_button.setEnabled(not busy and self._is_valid())

    def _is_valid(self) -> bool:
        try:
            parse_resident_id(self.entry.text())
        except InvalidValue:
            return False
        return True

    def _on_next(self) -> None:
        if not self.next_button.isEnabled():
            return
        number = parse_resident_id(self.entry.text()).number
        generation = self._generation
        self._set_busy(True)

        def found(prefill: object) -> None:
            if generation == self._generation:
                self._set_busy(False)
                self.identified.emit(number, prefill or {})

        def failed(exc: Exception) -> None:
            # The look-up is a convenience: without it the citizen types what it would have filled.
            log.warning("records look-up failed: %s", type(exc).__name__)
            found({})

        presented = list(self._presented)  # what a card or scanned licence said, if anything
        Task(lambda: self._services.lookup(number, presented=presented), parent=self
             ).success(found).failure(
            failed
        ).run_in_background()


def _licence_record(text: str) -> dict[str, str]:
    """What a scanned e-licence payload says (empty for a bare ID number)."""
    try:
        payload = json.loads(text)
    except ValueError:
        return {}
    return licence_record(payload)[1] if isinstance(payload, dict) else {}
