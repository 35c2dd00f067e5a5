"""取号: take a queue number for a counter, from the attract screen.

The visitor picks the matter they came for — one big button per service, those that need a
counter visit first — and the kiosk hands out today's next number for it (`KioskServices.
take_ticket`, on a worker thread: the number is written to the store first, so it survives a
restart and two kiosks' numbers never collide) and prints the slip through the print queue. The
screen then shows the number large, the service, the counter, how many people are waiting ahead
and the time, and follows the printing. It returns to the attract screen by itself after
`AUTO_RETURN_MS`, or on 完成.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.printstatus import describe_job, no_printer_text
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task, ThreadBridge
from kiosk.ui.widgets import error_text, make_button, make_label

if TYPE_CHECKING:
    from kiosk.paperwork import Ticket
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)

AUTO_RETURN_MS = 20_000
_COLUMNS = 1
"""One full-width button per service: bilingual names are too long to sit side by side."""


class TicketScreen(QWidget):
    """Choose a service, get a printed queue number."""

    back_requested = Signal()
    finished = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None, *,
                 auto_return_ms: int = AUTO_RETURN_MS) -> None:
        super().__init__(parent)
        self.setObjectName("ticketScreen")
        self._services = services
        self._job: int | None = None
        self._seen: dict[int, object] = {}
        self._generation = 0
        self._bridge = ThreadBridge(self)
        self._bridge.received.connect(self._on_job)
        services.printing.listen(self._bridge.post)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(auto_return_ms)
        self.timer.timeout.connect(self._finish)

        heading = make_label(self.tr("取号"), role="heading")
        self.hint = make_label(self.tr("请选择您要办理的事项，领取窗口排队号 "
                                       "(Choose your matter to take a queue number)"),
                               role="subtle")
        self.message = make_label(name="ticketMessage")
        self.message.hide()

        # Choosing: one button per service.
        self.choices = QWidget()
        grid = QGridLayout(self.choices)
        grid.setSpacing(16)
        self.service_buttons: dict[str, QWidget] = {}
        ordered = sorted(services.catalog.services, key=lambda s: (not s.counter_visit, s.code))
        for index, service in enumerate(ordered):
            button = make_button(f"{service.name.zh}\n{service.name.en}",
                                 name=f"ticket_{service.code}",
                                 accessible=self.tr("取号：") + service.name.zh, role="service")
            button.clicked.connect(lambda _=False, code=service.code: self.take(code))
            grid.addWidget(button, index // _COLUMNS, index % _COLUMNS)
            self.service_buttons[service.code] = button
        scroll = QScrollArea()
        scroll.setObjectName("ticketChoices")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.choices)
        self.scroll = scroll

        # The ticket taken.
        self.result = QFrame()
        self.result.setObjectName("ticketResult")
        set_role(self.result, "panel")
        self.number = make_label(role="big-value", name="ticketNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = make_label(name="ticketDetails")
        self.print_status = make_label(name="ticketPrintStatus")
        box = QVBoxLayout(self.result)
        box.setContentsMargins(24, 16, 24, 16)
        box.addWidget(make_label(self.tr("您的号码 (Your number)")))
        box.addWidget(self.number)
        box.addWidget(self.details)
        box.addWidget(self.print_status)

        self.back_button = make_button(self.tr("返回首页"), name="ticketBackButton")
        self.back_button.clicked.connect(self.back_requested)
        self.retry_button = make_button(self.tr("重新打印"), name="ticketRetryButton",
                                        accessible=self.tr("重新打印排队号"))
        self.retry_button.clicked.connect(self._retry)
        self.done_button = make_button(self.tr("完成"), name="ticketDoneButton", role="primary")
        self.done_button.clicked.connect(self._finish)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.done_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(heading)
        layout.addWidget(self.hint)
        layout.addSpacing(12)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.result)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self.reset()

    def reset(self) -> None:
        """Back to the list of services, with nothing of the last ticket on screen."""
        self._generation += 1
        self.timer.stop()
        self._job = None
        self._seen.clear()
        for label in (self.number, self.details, self.print_status, self.message):
            label.setText("")
        self.message.hide()
        self.result.hide()
        self.retry_button.hide()
        self.done_button.hide()
        self.scroll.show()
        self.hint.show()
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for button in self.service_buttons.values():
            button.setEnabled(not busy)

    def take(self, service_code: str) -> None:
        """Take and print a ticket for `service_code`."""
        generation = self._generation
        self._set_busy(True)
        self.message.setText("… " + self.tr("正在取号，请稍候"))
        self.message.show()

        def taken(result: tuple[Ticket, int | None]) -> None:
            if generation == self._generation:
                self._show_ticket(*result)

        def failed(exc: Exception) -> None:
            if generation != self._generation:
                return
            log.error("queue ticket not taken: %s", type(exc).__name__)
            self._set_busy(False)
            set_role(self.message, "error")
            self.message.setText(error_text(self.tr(
                "暂时无法取号，请到服务台咨询工作人员。(No ticket could be taken; please ask "
                "at the help desk.)")))

        Task(lambda: self._services.take_ticket(service_code), parent=self).success(
            taken).failure(failed).run_in_background()

    def _show_ticket(self, ticket: Ticket, job_id: int | None) -> None:
        self.message.hide()
        self.scroll.hide()
        self.hint.hide()
        self.number.setText(ticket.number)
        self.number.setAccessibleName(self.tr("您的号码") + " " + ticket.number)
        self.details.setText("\n".join((
            self.tr("办理事项：") + ticket.service_name,
            self.tr("办理窗口：") + ticket.counter,
            self.tr("前面等候：%1 人").replace("%1", str(ticket.waiting)),
            self.tr("取号时间：") + ticket.issued_at,
        )))
        self.result.show()
        self.done_button.show()
        self.timer.start()
        if job_id is None:
            set_role(self.print_status, "error")
            self.print_status.setText(no_printer_text())
            return
        self._job = job_id
        self._apply(self._seen.pop(job_id, None))

    def _on_job(self, job: object) -> None:
        job_id = getattr(job, "job_id", None)
        if job_id is None:
            return
        if job_id != self._job:
            self._seen[job_id] = job
            return
        self._apply(job)

    def _apply(self, job: object | None) -> None:
        if job is None:
            text, role, failed = "… " + self.tr("正在打印排队号，请稍候 (Printing)"), "", False
        else:
            text, role, failed = describe_job(job, self.tr("排队号"))
        set_role(self.print_status, role)
        self.print_status.setText(text)
        self.retry_button.setVisible(failed)

    def _retry(self) -> None:
        job_id = self._job
        if job_id is None:
            return
        self.retry_button.hide()
        self.timer.start()
        services = self._services
        Task(lambda: services.printing.retry(job_id), parent=self).run_in_background()

    def _finish(self) -> None:
        self.timer.stop()
        self.finished.emit()
