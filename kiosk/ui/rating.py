"""好差评: rate one visit, tied to its case number, five levels with faces and words.

Reached from the done screen (the case just submitted) or from the attract screen, where the
citizen types the case number from their receipt on a keypad; the number's check digit is tested
at once (`sync.casenumber`), and whether this terminal holds the case and has not had it rated
yet is asked off the Qt thread. The five levels are big buttons, each a drawn face and its words
(非常满意 … 非常不满意), the chosen one ticked, so neither colour nor the face alone carries the
meaning. The bottom two ask why, from a fixed list; there is no free text, so a rating never
holds personal data. A case is rated once: a second try says so in words.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.faces import FACE_PX, face_pixmap
from kiosk.ui.keypad import CASE_NUMBER_KEYS, KeypadWidget
from kiosk.ui.style import set_invalid, set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import error_text, make_button, make_label
from sync.casenumber import BadCaseNumber, normalise_case_number
from sync.model import UnknownCase
from sync.ratings import LEVELS, NEEDS_REASON, REASONS, AlreadyRated, BadRating

if TYPE_CHECKING:
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)

THANKS_MS = 15_000


class RatingScreen(QWidget):
    """Case number (from the attract screen), then the five levels and reasons, then thanks."""

    finished = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingScreen")
        self._services = services
        self._case_number = ""
        self._generation = 0
        self._set_words()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(THANKS_MS)
        self.timer.timeout.connect(self._finish)

        self._stack = QStackedLayout()
        self.entry_page = self._build_entry()
        self.rate_page = self._build_rate()
        self.thanks_page = self._build_thanks()
        for page in (self.entry_page, self.rate_page, self.thanks_page):
            self._stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addLayout(self._stack)

    # -- pages ----------------------------------------------------------------------------

    def _build_entry(self) -> QWidget:
        page = QWidget()
        heading = make_label(self.tr("服务评价：请输入回执上的受理编号"), role="heading")
        hint = make_label(self.tr("受理编号是回执上“受理编号”下方的16位数字，中间的“-”可以不输。"),
                          role="subtle")
        self.case_entry = QLineEdit()
        self.case_entry.setObjectName("rateCaseEntry")
        self.case_entry.setAccessibleName(self.tr("受理编号"))
        self.case_entry.setProperty("role", "entry")
        self.case_entry.setMaxLength(19)
        self.case_entry.textChanged.connect(lambda _t: self._clear_entry_error())
        self.case_entry.returnPressed.connect(self._check_case)
        self.keypad = KeypadWidget(self.case_entry, CASE_NUMBER_KEYS)
        self.entry_error = make_label(role="error", name="rateCaseError")
        self.entry_error.hide()
        self.entry_back = make_button(self.tr("返回首页"), name="rateEntryBackButton")
        self.entry_back.clicked.connect(self._finish)
        self.case_next = make_button(self.tr("下一步"), name="rateCaseNextButton", role="primary")
        self.case_next.clicked.connect(self._check_case)
        buttons = QHBoxLayout()
        buttons.addWidget(self.entry_back)
        buttons.addStretch(1)
        buttons.addWidget(self.case_next)
        layout = QVBoxLayout(page)
        for widget in (heading, hint, self.case_entry, self.entry_error):
            layout.addWidget(widget)
        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addWidget(self.keypad, 2)
        pad.addStretch(1)
        layout.addLayout(pad)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_rate(self) -> QWidget:
        page = QWidget()
        heading = make_label(self.tr("请对本次服务进行评价"), role="heading")
        self.case_label = make_label(role="subtle", name="rateCaseNumber")
        hint = make_label(self.tr("请点选一项。您的评价只与受理编号关联，不记录姓名等个人信息。"))
        self.level_buttons: dict[str, QPushButton] = {}
        self._levels = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(12)
        for level in LEVELS:
            button = make_button(self.level_words[level], name=f"level_{level}")
            button.setCheckable(True)
            button.setIcon(QIcon(face_pixmap(level)))
            button.setIconSize(QSize(FACE_PX * 2 // 3, FACE_PX * 2 // 3))
            button.setMinimumHeight(FACE_PX + 40)
            button.setStyleSheet("padding: 6px 8px;")  # five in a row must fit in 长辈版 too
            button.clicked.connect(lambda _=False, lv=level: self.choose_level(lv))
            self._levels.addButton(button)
            self.level_buttons[level] = button
            row.addWidget(button)
        self.reasons_box = QWidget()
        self.reasons_box.setObjectName("reasonsBox")
        reasons = QVBoxLayout(self.reasons_box)
        reasons.setContentsMargins(0, 0, 0, 0)
        reasons.addWidget(make_label(self.tr("请选择不满意的原因（可多选）：")))
        reason_row = QHBoxLayout()
        self.reason_buttons: dict[str, QPushButton] = {}
        for reason in REASONS:
            button = make_button("☐ " + self.reason_words[reason], name=f"reason_{reason}",
                                 accessible=self.reason_words[reason])
            button.setCheckable(True)
            button.toggled.connect(lambda on, r=reason: self._reason_toggled(r, on))
            self.reason_buttons[reason] = button
            reason_row.addWidget(button)
        reasons.addLayout(reason_row)
        self.reasons_box.hide()
        self.rate_error = make_label(role="error", name="rateError")
        self.rate_error.hide()
        self.skip_button = make_button(self.tr("不评价，返回首页"), name="rateSkipButton")
        self.skip_button.clicked.connect(self._finish)
        self.submit_button = make_button(self.tr("提交评价"), name="submitRatingButton",
                                         role="primary")
        self.submit_button.setEnabled(False)
        self.submit_button.clicked.connect(self._submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(self.case_label)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(self.reasons_box)
        layout.addWidget(self.rate_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_thanks(self) -> QWidget:
        page = QWidget()
        self.thanks = make_label("✓ " + self.tr("感谢您的评价！"), role="title", name="rateThanks")
        self.thanks_detail = make_label(name="rateThanksDetail")
        self.finish_button = make_button(self.tr("完成"), name="rateFinishButton", role="primary")
        self.finish_button.clicked.connect(self._finish)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.thanks)
        layout.addWidget(self.thanks_detail)
        layout.addStretch(2)
        layout.addLayout(buttons)
        return page

    # -- entry points ---------------------------------------------------------------------

    def start_with_entry(self) -> None:
        """Ask for the case number first (from the attract screen)."""
        self.reset()
        self._stack.setCurrentWidget(self.entry_page)
        self.case_entry.setFocus()

    def start_for_case(self, case_number: str) -> None:
        """Rate the case just submitted (from the done screen)."""
        self.reset()
        self._show_levels(case_number)

    @property
    def page(self) -> QWidget:
        return self._stack.currentWidget()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # A physical keyboard or a receipt scanner types the case number wherever the focus is.
        text = event.text()
        if self.page is self.entry_page and text and (text.isdigit() or text == "-"):
            self.case_entry.setFocus()
            self.case_entry.insert(text)
            event.accept()
            return
        if self.page is self.entry_page and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._check_case()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- case number ----------------------------------------------------------------------

    def _check_case(self) -> None:
        try:
            number = normalise_case_number(self.case_entry.text())
        except BadCaseNumber as exc:
            self._entry_problem(str(exc))
            return
        self._generation += 1
        generation = self._generation
        self.case_next.setEnabled(False)
        Task(lambda: self._services.ratable(number), parent=self).success(
            lambda n: self._case_ok(generation, n)).failure(
            lambda exc: self._case_refused(generation, exc)).run_in_background()

    def _case_ok(self, generation: int, number: str) -> None:
        if generation == self._generation:
            self.case_next.setEnabled(True)
            self._show_levels(number)

    def _case_refused(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self.case_next.setEnabled(True)
        self._entry_problem(self._refusal(exc))

    def _refusal(self, exc: Exception) -> str:
        if isinstance(exc, BadCaseNumber):
            return str(exc)
        if isinstance(exc, AlreadyRated):
            return self.tr("这个受理编号已经评价过了：每次办理只能评价一次。感谢您的反馈！")
        if isinstance(exc, UnknownCase):
            return self.tr("本终端没有这个受理编号的申请。请核对回执上的编号；"
                           "在其他终端或窗口办理的事项，请在办理的地方评价。")
        log.warning("rating could not be checked or saved: %s", type(exc).__name__)
        return self.tr("评价暂时无法保存，请稍后再试，或请大厅工作人员帮助。")

    def _entry_problem(self, message: str) -> None:
        self.entry_error.setText(error_text(message))
        self.entry_error.show()
        set_invalid(self.case_entry, True)

    def _clear_entry_error(self) -> None:
        self.entry_error.hide()
        self.entry_error.setText("")
        set_invalid(self.case_entry, False)

    # -- levels and reasons ---------------------------------------------------------------

    def _show_levels(self, case_number: str) -> None:
        self._case_number = case_number
        self.case_label.setText(self.tr("受理编号：") + case_number)
        self._stack.setCurrentWidget(self.rate_page)

    def _set_words(self) -> None:
        self.level_words = {
            "very_satisfied": self.tr("非常满意"), "satisfied": self.tr("满意"),
            "fair": self.tr("基本满意"), "dissatisfied": self.tr("不满意"),
            "very_dissatisfied": self.tr("非常不满意"),
        }
        self.reason_words = {
            "long_wait": self.tr("等待时间长"), "unclear_materials": self.tr("材料要求不清楚"),
            "complex_system": self.tr("系统操作复杂"), "staff_attitude": self.tr("工作人员态度"),
            "other": self.tr("其他"),
        }

    def retranslate(self) -> None:
        """After a language switch: the levels and reasons in the language now installed."""
        self._set_words()
        for name, button in self.level_buttons.items():
            words = self.level_words[name]
            button.setText(("✓ " + words) if button.isChecked() else words)
            button.setAccessibleName(words)
        for reason, button in self.reason_buttons.items():
            words = self.reason_words[reason]
            button.setText(("☑ " if button.isChecked() else "☐ ") + words)
            button.setAccessibleName(words)

    def choose_level(self, level: str) -> None:
        for name, button in self.level_buttons.items():
            button.setChecked(name == level)
            words = self.level_words[name]
            button.setText(("✓ " + words) if name == level else words)
            set_role(button, "primary" if name == level else "")
            button.setAccessibleName(words + (self.tr("（已选）") if name == level else ""))
        self.reasons_box.setVisible(level in NEEDS_REASON)
        self.submit_button.setEnabled(True)
        self.rate_error.hide()

    def selected_level(self) -> str | None:
        return next((lv for lv, b in self.level_buttons.items() if b.isChecked()), None)

    def selected_reasons(self) -> list[str]:
        return [r for r, b in self.reason_buttons.items() if b.isChecked()]

    def _reason_toggled(self, reason: str, on: bool) -> None:
        words = self.reason_words[reason]
        button = self.reason_buttons[reason]
        button.setText(("☑ " if on else "☐ ") + words)
        button.setAccessibleName(words + (self.tr("（已选）") if on else ""))
        if on:
            self.rate_error.hide()

    def _submit(self) -> None:
        level = self.selected_level()
        if level is None:
            return
        reasons = self.selected_reasons() if level in NEEDS_REASON else []
        if level in NEEDS_REASON and not reasons:
            self._rate_problem(self.tr("请至少选择一个不满意的原因，以便我们改进。"))
            return
        self._generation += 1
        generation = self._generation
        number = self._case_number
        self.submit_button.setEnabled(False)
        Task(lambda: self._services.rate(number, level, reasons), parent=self).success(
            lambda _r: self._rated(generation)).failure(
            lambda exc: self._rate_failed(generation, exc)).run_in_background()

    def _rated(self, generation: int) -> None:
        if generation != self._generation:
            return
        self.thanks_detail.setText(self.tr("您的评价已记录（受理编号 %1），我们会认真改进。")
                                   .replace("%1", self._case_number))
        self._stack.setCurrentWidget(self.thanks_page)
        self.timer.start()

    def _rate_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self.submit_button.setEnabled(not isinstance(exc, AlreadyRated))
        if isinstance(exc, BadRating):
            log.warning("rating refused: %s", exc)
        self._rate_problem(self._refusal(exc))

    def _rate_problem(self, message: str) -> None:
        set_role(self.rate_error, "error")
        self.rate_error.setText(error_text(message))
        self.rate_error.show()

    # -- end ------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget the case number and every choice; back to the first page."""
        self._generation += 1
        self.timer.stop()
        self._case_number = ""
        self.case_entry.clear()
        self._clear_entry_error()
        self.case_next.setEnabled(True)
        self._levels.setExclusive(False)
        for level, button in self.level_buttons.items():
            button.setChecked(False)
            button.setText(self.level_words[level])
            set_role(button, "")
            button.setAccessibleName(self.level_words[level])
        self._levels.setExclusive(True)
        for button in self.reason_buttons.values():
            button.setChecked(False)
        self.reasons_box.hide()
        self.rate_error.hide()
        self.rate_error.setText("")
        self.submit_button.setEnabled(False)
        self.case_label.setText("")
        self.thanks_detail.setText("")
        self._stack.setCurrentWidget(self.entry_page)

    def _finish(self) -> None:
        self.timer.stop()
        self.finished.emit()
