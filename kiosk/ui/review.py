"""Check answers: every answer and material on one page, each with 修改, consent, then 确认提交.

The window hands the screen the rows to show and the answers to send, and the materials step's
rows, attachments and signed commitment. 修改 asks the window to go back to the page holding that
answer, or to the materials step (which then returns here). The citizen must tick the consent
box (the answers are true; the data may be used for this matter) before 确认提交 sends the
application through `KioskServices.submit` on a worker thread; a validation refusal goes back to
the window so it can show the errors on the page concerned, and success carries the
`SubmitResult` onwards.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
from kiosk.ui.style import MIN_TOUCH_PX, set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import error_text, make_button, make_label

if TYPE_CHECKING:
    from forms.prefill import Prefilled
    from kiosk.attachments import Attachment
    from kiosk.commitments import CommitmentRequest
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
    materials_change_requested = Signal()
    back_requested = Signal()
    submitted = Signal(object)  # SubmitResult
    refused = Signal(object)  # tuple[FieldError, ...]

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewScreen")
        self._services = services
        self._service_code = ""
        self._answers: dict[str, str] = {}
        self._prefilled: dict[str, Prefilled] = {}
        self._attachments: list[Attachment] = []
        self._commitment: CommitmentRequest | None = None
        self._handed_in: dict[str, str] | None = None
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

        # The box says only 我同意; the declaration beside it wraps, so large text still fits.
        self.consent = QCheckBox(self.tr("我同意"))
        self.consent_text = make_label(
            self.tr("我确认以上信息和材料真实、准确，并同意政务服务部门为办理本事项使用这些信息和材料。"),
            name="consentText",
        )
        self.consent.setObjectName("consentCheck")
        self.consent.setAccessibleName(self.tr("确认信息真实并同意使用"))
        self.consent.setMinimumHeight(MIN_TOUCH_PX)
        self.consent.setStyleSheet("QCheckBox::indicator { width: 36px; height: 36px; }")
        self.consent.toggled.connect(lambda _: self._show_message(""))
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
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent, 0, Qt.AlignmentFlag.AlignTop)
        consent_row.addWidget(self.consent_text, 1)
        layout.addLayout(consent_row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def show_answers(
        self, service_code: str, rows: Sequence[ReviewRow], answers: Mapping[str, str], *,
        materials: Sequence[tuple[Text, str]] = (), attachments: Sequence[Attachment] = (),
        commitment: CommitmentRequest | None = None, handed_in: Mapping[str, str] | None = None,
        prefilled: Mapping[str, Prefilled] | None = None,
    ) -> None:
        """Lay out `rows` for checking; `answers` is what 确认提交 will send.

        `materials` are (material name, how it is handed in) lines, each with a 修改 back to the
        materials step; `attachments`, the signed `commitment` and `handed_in` (how each material
        is handed in) go with the answers, and so does what the form offered (`prefilled`), so
        the case records each answer's source and what the citizen changed.
        """
        self._clear_rows()
        self._prefilled = dict(prefilled or {})
        self._service_code = service_code
        self._answers = dict(answers)
        self._attachments = list(attachments)
        self._commitment = commitment
        self._handed_in = dict(handed_in) if handed_in is not None else None
        self.consent.setChecked(False)  # consent is to what is shown now
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
        self._add_material_rows(2 * len(rows), materials, commitment)
        self._show_message("")
        self._set_busy(False)

    def _add_material_rows(self, line: int, materials: Sequence[tuple[Text, str]],
                           commitment: CommitmentRequest | None) -> None:
        lines = [(f"material_{n}", name, how) for n, (name, how) in enumerate(materials)]
        if commitment is not None:
            lines.append(("commitment", Text("容缺承诺", "Commitment"),
                          self.tr("已签名，承诺后补 %n 项材料（签署时间 %1）", "",
                                  len(commitment.materials))
                          .replace("%1", commitment.signed_at.strftime("%Y-%m-%d %H:%M"))))
        for key, name, how in lines:
            if line:
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.HLine)
                self._grid.addWidget(rule, line - 1, 0, 1, 3)
            label = make_label()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(f"<b>{escape(name.zh)}</b><br>"
                          f'<span style="font-size:14pt;">{escape(name.en)}</span>')
            value = make_label(how, name=f"answer_{key}")
            change = make_button(self.tr("修改"), name=f"change_{key}",
                                 accessible=self.tr("修改") + name.zh)
            change.clicked.connect(lambda _=False: self.materials_change_requested.emit())
            self._grid.addWidget(label, line, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(value, line, 1, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(change, line, 2, Qt.AlignmentFlag.AlignVCenter)
            line += 2

    def reset(self) -> None:
        """Forget the answers, materials, signature and any submission still running."""
        self._generation += 1
        self._clear_rows()
        self._service_code = ""
        self._answers = {}
        self._prefilled = {}
        self._attachments = []
        self._commitment = None
        self._handed_in = None
        self.consent.setChecked(False)
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
        self.consent.setEnabled(not busy)
        self._rows.setEnabled(not busy)
        if busy:
            self._show_message(self.tr("正在提交，请稍候…"))

    def _on_submit(self) -> None:
        if not self.consent.isChecked():
            self._show_message(error_text(self.tr(
                "请先勾选上面的确认声明：确认信息真实，并同意用于办理本事项。然后再按“确认提交”。"
            )), error=True)
            self.consent.setFocus()
            return
        code, answers, generation = self._service_code, dict(self._answers), self._generation
        attachments, commitment, handed_in = list(self._attachments), self._commitment, \
            self._handed_in
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

        offered = dict(self._prefilled)
        Task(lambda: self._services.submit(code, answers, attachments=attachments,
                                           commitment=commitment, materials=handed_in,
                                           prefilled=offered),
             parent=self).success(done).failure(failed).run_in_background()
