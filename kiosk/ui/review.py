"""Check answers: every answer on one page, each with 修改, then 确认提交.

The window hands the screen the rows to show and the answers to send. 修改 asks the window to go
back to the page holding that answer (which then returns here). 确认提交 sends the application
through `KioskServices.submit` on a worker thread; a validation refusal goes back to the window so
it can show the errors on the page concerned, and success carries the `SubmitResult` onwards.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from forms.errors import ValidationFailed
from forms.text import Text
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import error_text, make_button, make_label

if TYPE_CHECKING:
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewRow:
    """One answer as shown for checking, and the wizard step that holds it."""

    field: str
    label: Text
    value: str
    step: int
    changeable: bool = True


class ReviewScreen(QWidget):
    """The check-answers page and the submission."""

    change_requested = Signal(int, str)  # wizard step (1-based), field name
    back_requested = Signal()
    submitted = Signal(object)  # SubmitResult
    refused = Signal(object)  # tuple[FieldError, ...]

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewScreen")
        self._services = services
        self._service_code = ""
        self._answers: dict[str, str] = {}
        self._generation = 0

        heading = make_label(self.tr("请核对您填写的信息"), role="heading")
        hint = make_label(
            self.tr("Check your answers. Press 修改 (Change) to correct one."), role="subtle"
        )
        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setHorizontalSpacing(24)
        self._grid.setVerticalSpacing(8)
        self._grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._rows)

        self.declaration = make_label(
            self.tr("按“确认提交”即表示您确认以上信息真实、准确，并同意用于办理本事项。"),
            role="subtle",
        )
        self.message = make_label(name="reviewMessage")
        self.message.hide()
        self.back_button = make_button(self.tr("上一步"), name="backButton")
        self.submit_button = make_button(self.tr("确认提交"), name="submitButton", role="primary")
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button.clicked.connect(self._on_submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.declaration)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def show_answers(
        self, service_code: str, rows: Sequence[ReviewRow], answers: Mapping[str, str]
    ) -> None:
        """Lay out `rows` for checking; `answers` is what 确认提交 will send."""
        self._clear_rows()
        self._service_code = service_code
        self._answers = dict(answers)
        for r, row in enumerate(rows):
            label = make_label()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(
                f"<b>{escape(row.label.zh)}</b><br>"
                f'<span style="font-size:14pt;">{escape(row.label.en)}</span>'
            )
            value = make_label(row.value or self.tr("（未填写）"), name=f"answer_{row.field}")
            change = make_button(
                self.tr("修改"),
                name=f"change_{row.field}",
                accessible=self.tr("修改") + row.label.zh,
            )
            change.clicked.connect(
                lambda _=False, step=row.step, field=row.field: self.change_requested.emit(
                    step, field
                )
            )
            line = 2 * r
            if r:
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.HLine)
                self._grid.addWidget(rule, line - 1, 0, 1, 3)
            self._grid.addWidget(label, line, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(value, line, 1, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(change, line, 2, Qt.AlignmentFlag.AlignVCenter)
            change.setVisible(row.changeable)
        self._show_message("")
        self._set_busy(False)

    def reset(self) -> None:
        """Forget the answers and any submission still running."""
        self._generation += 1
        self._clear_rows()
        self._service_code = ""
        self._answers = {}
        self._show_message("")
        self._set_busy(False)

    def _clear_rows(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                if isinstance(widget, (QLabel, QPushButton)):
                    widget.setText("")  # nothing personal lingers until the deferred delete
                widget.setParent(None)
                widget.deleteLater()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        set_role(self.message, "error" if error else "heading")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self._rows.setEnabled(not busy)
        if busy:
            self._show_message(self.tr("正在提交，请稍候…"))

    def _on_submit(self) -> None:
        code, answers, generation = self._service_code, dict(self._answers), self._generation
        self._set_busy(True)

        def done(result: object) -> None:
            if generation == self._generation:
                self._set_busy(False)
                self._show_message("")
                self.submitted.emit(result)

        def failed(exc: Exception) -> None:
            if generation != self._generation:
                return
            self._set_busy(False)
            if isinstance(exc, ValidationFailed):
                self._show_message("")
                self.refused.emit(tuple(exc.errors))
                return
            log.error("submission failed: %s", type(exc).__name__, exc_info=exc)
            self._show_message(
                error_text(
                    self.tr(
                        "提交没有完成，您的信息仍在本页。请再按一次“确认提交”；"
                        "如仍不成功，请联系大厅工作人员。"
                    )
                ),
                error=True,
            )

        Task(lambda: self._services.submit(code, answers), parent=self).success(done).failure(
            failed
        ).run_in_background()
