"""Done: the confirmation after a successful submission, the paper, and the end of the visit.

It shows 提交成功, the case number large, what happens next and by when, and a 完成 button. The
receipt goes to the kiosk's printer through the print queue (`KioskServices.printing`), and the
screen follows the job in words with a sign: printing, printed, or the printer is out of paper or
offline — it retries by itself, and a 重新打印 button tries again once staff have fixed it. When
the service needs a counter visit, a queue ticket prints too and its number is shown. If nobody
presses 完成 the screen finishes by itself after about 30 seconds, so the next person never finds
the previous one's case on screen; the window then empties the print queue and deletes the
visit's files.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.printstatus import describe_job, no_printer_text
from kiosk.ui.status import status_words
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task, ThreadBridge
from kiosk.ui.widgets import error_text, make_button, make_label

if TYPE_CHECKING:
    from kiosk.paperwork import Ticket
    from kiosk.services import KioskServices
    from printing.document import Document
    from printing.printqueue import PrintJob

log = logging.getLogger(__name__)

AUTO_FINISH_MS = 30_000


class DoneScreen(QWidget):
    """Submission confirmed: the case number, the receipt and ticket printing, what comes next."""

    finished = Signal()
    rate_requested = Signal()  # 好差评 for the case on screen

    def __init__(
        self, parent: QWidget | None = None, *, services: KioskServices | None = None,
        auto_finish_ms: int = AUTO_FINISH_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("doneScreen")
        self._services = services
        self._jobs: dict[int, str] = {}  # job id → "receipt" | "ticket", this visit's only
        self._seen: dict[int, PrintJob] = {}  # updates that arrived before their job id
        self._bridge = ThreadBridge(self)
        self._bridge.received.connect(self._on_job)
        if services is not None:
            services.printing.listen(self._bridge.post)
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
        self.print_status = make_label(name="printStatus")
        self.ticket = make_label(name="ticketInfo")
        self.ticket_status = make_label(name="ticketPrintStatus")
        self.retry_button = make_button(self.tr("重新打印"), name="retryPrintButton",
                                        accessible=self.tr("重新打印回执"))
        self.retry_button.clicked.connect(self._retry)
        self.retry_button.hide()
        self.next_steps = make_label(name="nextSteps")
        self.countdown_hint = make_label(role="subtle")
        self.finish_button = make_button(self.tr("完成"), name="finishButton", role="primary")
        self.finish_button.clicked.connect(self._finish)
        buttons = QHBoxLayout()
        self.rate_button = make_button(self.tr("评价本次服务"), name="rateButton")
        self.rate_button.clicked.connect(self._rate)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rate_button)
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(heading)
        layout.addWidget(heading_en)
        layout.addSpacing(12)
        layout.addWidget(panel)
        for label in (self.status, self.receipt, self.print_status, self.ticket,
                      self.ticket_status, self.next_steps):
            layout.addSpacing(8)
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(self.countdown_hint)
        layout.addLayout(buttons)
        self.reset()

    def show_result(
        self,
        *,
        case_number: str,
        status: str,
        receipt_file: str | None,
        time_limit_days: int,
        counter_visit: bool,
        receipt: Document | None = None,
        service_code: str | None = None,
    ) -> None:
        """Fill the screen for one submission, print its paper, start the automatic finish.

        `receipt` is the receipt to print; `service_code` (with `counter_visit`) the service a
        queue ticket is taken for.
        """
        self.case_number.setText(case_number)
        self.case_number.setAccessibleName(self.tr("受理编号") + " " + case_number)
        self.status.setText(self.tr("当前状态：") + status_words(status))
        if receipt_file:
            set_role(self.receipt, "ok")
            if self._services is not None and not self._services.printing.has_printer:
                self.receipt.setText("✓ " + self.tr(
                    "受理回执已生成。请记下上面的受理编号（Receipt made — note the case number "
                    "above）。"))
            else:
                self.receipt.setText("✓ " + self.tr(
                    "受理回执已生成，请妥善保管（Receipt ready — please keep it）。"))
        else:
            set_role(self.receipt, "error")
            self.receipt.setText(
                error_text(
                    self.tr(
                        "回执暂未生成。您的申请已保存，"
                        "请记下上面的受理编号，并请工作人员补打回执。"
                    )
                )
            )
        steps = [self.tr("接下来：部门将在%1个工作日内办结，结果会通知您。").replace(
            "%1", str(time_limit_days))]
        if counter_visit:
            steps.append(self.tr("办理中还需要您到服务大厅窗口一次，请带好身份证和回执。"))
        steps.append(self.tr("凭回执上的受理编号可随时在本终端“查进度”。"))
        # Chinese sentences run on; English ones need a space between them.
        self.next_steps.setText(("" if steps[0].endswith("。") else " ").join(steps))
        self.countdown_hint.setText(
            self.tr("%1秒后自动返回首页").replace("%1", str(self.timer.interval() // 1000))
        )
        self.timer.start()
        if receipt_file and receipt is not None:
            self._print_receipt(receipt)
        if counter_visit and service_code:
            self._take_ticket(service_code)

    def reset(self) -> None:
        self.timer.stop()
        self._jobs.clear()
        self._seen.clear()
        for label in (self.case_number, self.status, self.receipt, self.print_status,
                      self.ticket, self.ticket_status, self.next_steps):
            label.setText("")
        self.retry_button.hide()
        for label in (self.print_status, self.ticket, self.ticket_status):
            label.hide()
        self.case_number.setAccessibleName("")

    # -- printing -------------------------------------------------------------------------

    def _print_receipt(self, receipt: Document) -> None:
        services = self._services
        if services is None:
            return
        if not services.printing.has_printer:
            self._say(self.print_status, no_printer_text(), "error")
            return
        self._say(self.print_status, "… " + self.tr("正在打印回执，请稍候 (Printing)"), "")

        def queued(job_id: int | None) -> None:
            if job_id is not None:
                self._track_job(job_id, "receipt")

        def failed(exc: Exception) -> None:
            log.error("receipt not queued: %s", type(exc).__name__)
            self._say(self.print_status, error_text(self.tr(
                "打印机设置有误，回执未打印。请记下受理编号，并请工作人员处理。")), "error")

        Task(lambda: services.printing.submit(receipt), parent=self).success(queued).failure(
            failed).run_in_background()

    def _take_ticket(self, service_code: str) -> None:
        services = self._services
        if services is None:
            return

        def taken(result: tuple[Ticket, int | None]) -> None:
            ticket, job_id = result
            self._say(self.ticket, self.tr("窗口排队号：%1（%2，前面等候 %3 人）").replace(
                "%1", ticket.number).replace("%2", ticket.counter).replace(
                "%3", str(ticket.waiting)), "heading")
            self.ticket.setAccessibleName(self.tr("排队号") + " " + ticket.number)
            if job_id is not None:
                self._track_job(job_id, "ticket")

        def failed(exc: Exception) -> None:
            log.error("queue ticket not taken: %s", type(exc).__name__)
            self._say(self.ticket, error_text(self.tr("排队号暂时无法打印，请到服务台取号。")),
                      "error")

        Task(lambda: services.take_ticket(service_code), parent=self).success(taken).failure(
            failed).run_in_background()

    def _track_job(self, job_id: int, kind: str) -> None:
        self._jobs[job_id] = kind
        job = self._seen.pop(job_id, None)
        if job is not None:
            self._on_job(job)

    def _on_job(self, job: object) -> None:
        job_id = getattr(job, "job_id", None)
        if job_id is None:
            return
        kind = self._jobs.get(job_id)
        if kind is None:
            self._seen[job_id] = job  # type: ignore[assignment]
            return
        text, role, failed = describe_job(job, self.tr("回执") if kind == "receipt"
                                          else self.tr("排队号"))
        self._say(self.print_status if kind == "receipt" else self.ticket_status, text, role)
        if failed:
            self.retry_button.show()

    @staticmethod
    def _say(label: QWidget, text: str, role: str) -> None:
        set_role(label, role)
        label.setText(text)  # type: ignore[attr-defined]
        label.show()

    def _retry(self) -> None:
        services = self._services
        if services is None:
            return
        self.retry_button.hide()
        self.timer.start()  # the citizen waits for the paper: give them the full time again
        for job_id in list(self._jobs):
            Task(lambda j=job_id: services.printing.retry(j), parent=self).run_in_background()

    # -- leaving --------------------------------------------------------------------------

    def _rate(self) -> None:
        self.timer.stop()
        self.rate_requested.emit()

    def _finish(self) -> None:
        self.timer.stop()
        self.finished.emit()
