"""Done: the confirmation after a successful submission, and the end of the visit.

It shows 提交成功, the case number large, whether the receipt was printed, what happens next and
by when, and a 完成 button. If nobody presses 完成 the screen finishes by itself after about
30 seconds, so the next person never finds the previous one's case on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.status import status_words
from kiosk.ui.style import set_role
from kiosk.ui.widgets import error_text, make_button, make_label

AUTO_FINISH_MS = 30_000


class DoneScreen(QWidget):
    """Submission confirmed: the case number, the receipt, what comes next, 完成."""

    finished = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, auto_finish_ms: int = AUTO_FINISH_MS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("doneScreen")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(auto_finish_ms)
        self.timer.timeout.connect(self._finish)

        heading = make_label("✓ " + self.tr("提交成功"), role="title", name="doneHeading")
        heading_en = make_label(self.tr("Your application has been submitted."), role="subtle")
        caption = make_label(self.tr("受理编号 (case number)"))
        self.case_number = make_label(role="big-value", name="caseNumber")
        self.case_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        panel = QFrame()
        set_role(panel, "panel")
        box = QVBoxLayout(panel)
        box.setContentsMargins(24, 16, 24, 16)
        box.addWidget(caption)
        box.addWidget(self.case_number)
        self.status = make_label(name="doneStatus")
        self.receipt = make_label(name="receiptInfo")
        self.receipt_file = make_label(role="subtle", name="receiptFile")
        self.next_steps = make_label(name="nextSteps")
        self.countdown_hint = make_label(role="subtle")
        self.finish_button = make_button(self.tr("完成"), name="finishButton", role="primary")
        self.finish_button.clicked.connect(self._finish)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(heading)
        layout.addWidget(heading_en)
        layout.addSpacing(12)
        layout.addWidget(panel)
        for label in (self.status, self.receipt, self.receipt_file, self.next_steps):
            layout.addSpacing(12)
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(self.countdown_hint)
        layout.addLayout(buttons)

    def show_result(
        self,
        *,
        case_number: str,
        status: str,
        receipt_file: str | None,
        time_limit_days: int,
        counter_visit: bool,
    ) -> None:
        """Fill the screen for one submission and start the automatic finish."""
        self.case_number.setText(case_number)
        self.case_number.setAccessibleName(self.tr("受理编号") + " " + case_number)
        self.status.setText(self.tr("当前状态：") + status_words(status))
        if receipt_file:
            set_role(self.receipt, "ok")
            self.receipt.setText("✓ " + self.tr("受理回执已生成，请妥善保管（Receipt ready — please keep it）。"))
            self.receipt_file.setText(self.tr("回执文件：") + receipt_file)
        else:
            set_role(self.receipt, "error")
            self.receipt_file.setText("")
            self.receipt.setText(
                error_text(
                    self.tr(
                        "回执暂未生成。您的申请已保存，"
                        "请记下上面的受理编号，并请工作人员补打回执。"
                    )
                )
            )
        steps = self.tr("接下来：部门将在%1个工作日内办结，结果会通知您。").replace(
            "%1", str(time_limit_days)
        )
        if counter_visit:
            steps += self.tr("办理中还需要您到服务大厅窗口一次，请带好身份证和回执。")
        steps += self.tr("凭回执上的受理编号可随时在本终端“查进度”。")
        self.next_steps.setText(steps)
        self.countdown_hint.setText(
            self.tr("%1秒后自动返回首页").replace("%1", str(self.timer.interval() // 1000))
        )
        self.timer.start()

    def reset(self) -> None:
        self.timer.stop()
        for label in (
            self.case_number, self.status, self.receipt, self.receipt_file, self.next_steps
        ):
            label.setText("")
        self.case_number.setAccessibleName("")

    def _finish(self) -> None:
        self.timer.stop()
        self.finished.emit()
