"""Track: type the case number from the receipt and see where the application stands.

The case number (digits and '-') goes in through the big keypad or a keyboard. 查询 runs
`KioskServices.track` on a worker thread, since it asks the platform for the latest news when it
can, and then shows the state in words with a sign, the reason the department gave, and when the
case was submitted and last changed. An unknown number says so and asks the citizen to check the
receipt; a malformed one says what is wrong with it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.keypad import CASE_NUMBER_KEYS, KeypadWidget
from kiosk.ui.status import status_explanation, status_words
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import error_text, make_button, make_label
from sync.casenumber import BadCaseNumber

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from sync.store import CaseView

log = logging.getLogger(__name__)

MAX_CASE_NUMBER = 32


def _when(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class TrackScreen(QWidget):
    """Case number entry and the case's status."""

    back_requested = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackScreen")
        self._services = services
        self._generation = 0

        heading = make_label(self.tr("查询办理进度"), role="heading")
        hint = make_label(
            self.tr("请输入回执上的受理编号 (Enter the case number on your receipt)"),
            role="subtle",
        )
        self.entry = QLineEdit()
        self.entry.setObjectName("caseEntry")
        self.entry.setAccessibleName(self.tr("受理编号"))
        self.entry.setProperty("role", "entry")
        self.entry.setMaxLength(MAX_CASE_NUMBER)
        self.entry.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9-]{0,32}"), self.entry)
        )
        self.entry.setPlaceholderText(self.tr("例如 3301-0001-0000001-7"))
        self.search_button = make_button(self.tr("查询"), name="searchButton", role="primary")
        self.back_button = make_button(self.tr("返回首页"), name="backButton")
        self.keypad = KeypadWidget(self.entry, CASE_NUMBER_KEYS)

        self.message = make_label(name="trackMessage")
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
        left.addSpacing(12)
        left.addWidget(self.entry)
        left.addWidget(self.message)
        left.addWidget(self.result)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.search_button)
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
        self.reset()

    def reset(self) -> None:
        self._generation += 1
        self.entry.setText("")
        self._clear_result()
        self._set_busy(False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.entry.setFocus()

    def _on_text_changed(self, text: str) -> None:
        self.search_button.setEnabled(bool(text.strip("-")))
        self._clear_result()

    def _clear_result(self) -> None:
        self._show_message("", error=False)
        for label in (self.status, self.explanation, self.reason, self.details):
            label.setText("")
        self.result.hide()

    def _show_message(self, text: str, *, error: bool) -> None:
        set_role(self.message, "error" if error else "heading")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self.entry.setReadOnly(busy)
        self.keypad.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.search_button.setEnabled(not busy and bool(self.entry.text().strip("-")))

    def _on_search(self) -> None:
        number = self.entry.text().strip()
        if not number.strip("-") or not self.search_button.isEnabled():
            return
        generation = self._generation
        self._clear_result()
        self._show_message(self.tr("正在查询，请稍候…"), error=False)
        self._set_busy(True)

        def found(case: CaseView | None) -> None:
            if generation == self._generation:
                self._set_busy(False)
                self._show_case(case)

        def failed(exc: Exception) -> None:
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

        Task(lambda: self._services.track(number), parent=self).success(found).failure(
            failed
        ).run_in_background()

    def _show_case(self, case: CaseView | None) -> None:
        if case is None:
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
        self.reason.setVisible(bool(case.status_reason))
        lines = [
            self.tr("事项：") + self._service_name(case.service_code),
            self.tr("受理编号：") + case.case_number,
            self.tr("提交时间：") + _when(case.created_at),
            self.tr("最近更新：") + _when(case.updated_at),
        ]
        self.details.setText("\n".join(lines))
        self.result.show()

    def _service_name(self, code: str) -> str:
        try:
            return self._services.catalog.get(code).name.zh
        except Exception:  # a service withdrawn from the catalogue still has cases to track
            return code
