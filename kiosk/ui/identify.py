"""Identify: the citizen types their 18-character resident ID number on a big keypad.

The on-screen keypad (0-9, X, 删除, 清空) and a physical keyboard or keyboard-wedge scanner all
type into the same field. The screen counts characters as they arrive and, once all 18 are in,
checks the number against GB 11643 through `forms.idnumber`; a bad number shows the reason in
Chinese and English with a warning sign and keeps 下一步 disabled. On 下一步 the records look-up
runs on a worker thread (it may take seconds on a slow network) while the screen says so, and the
screen then hands the number and whatever was found to the window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from forms.errors import InvalidValue
from forms.idnumber import parse_resident_id
from kiosk.ui.keypad import ID_NUMBER_KEYS, KeypadWidget
from kiosk.ui.style import PREFILL_MARK, set_invalid, set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import bilingual, error_text, make_button, make_label

if TYPE_CHECKING:
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)

ID_LENGTH = 18


class IdentifyScreen(QWidget):
    """ID number entry with live checking, then the records look-up off the Qt thread."""

    identified = Signal(str, object)  # id_number, dict[str, Prefilled]
    back_requested = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identifyScreen")
        self._services = services
        self._generation = 0

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
        """Forget the number and any look-up still running."""
        self._generation += 1
        self.entry.setText("")
        self._set_busy(False)
        self._on_text_changed("")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.entry.setFocus()

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

        Task(lambda: self._services.lookup(number), parent=self).success(found).failure(
            failed
        ).run_in_background()
