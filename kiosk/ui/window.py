"""The kiosk window: one stack of screens and the state of the visit in progress.

`KioskWindow` routes between the screens (attract → identify → choose → guide → form pages →
materials → review → done → rating, and attract → track, attract → rating), keeps the visit's
ID number, records found and chosen service, and builds one `FormPageScreen` per page of that
service. Answers live in those page widgets until the visit ends; every end of a visit (完成, the
done screen's own timeout, or the window's idle timeout) goes through `end_visit`, which empties
every widget and drops the pages. What is known before a page is shown, and which errors belong
to it, comes from `kiosk.ui.wizard`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from forms.prefill import merge
from kiosk.ui.application import ApplicationFlow, Visit
from kiosk.ui.attract import AttractScreen
from kiosk.ui.choose import ChooseServiceScreen
from kiosk.ui.done import DoneScreen
from kiosk.ui.guide import GuideScreen, held_licences
from kiosk.ui.identify import IdentifyScreen
from kiosk.ui.idle import IdleWarningWidget
from kiosk.ui.materials import MaterialsScreen
from kiosk.ui.modes import mode_of
from kiosk.ui.rating import RatingScreen
from kiosk.ui.reuse import ReuseConsentScreen
from kiosk.ui.review import ReviewScreen
from kiosk.ui.style import apply_style
from kiosk.ui.tasks import Task, ThreadBridge
from kiosk.ui.ticket import TicketScreen
from kiosk.ui.touchkeyboard import forget_typed_words
from kiosk.ui.track import TrackScreen

if TYPE_CHECKING:
    from forms.engine import Prefilled
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)

DEFAULT_IDLE_TIMEOUT_MS = 120_000
_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


class KioskWindow(QStackedWidget, ApplicationFlow):
    """The citizen kiosk: all screens in one stack, plus the visit and the idle timeout."""

    def __init__(
        self,
        services: KioskServices,
        *,
        idle_timeout_ms: int = DEFAULT_IDLE_TIMEOUT_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.setWindowTitle(self.tr("政务服务自助终端"))
        apply_style(self)
        self.services = services
        self.visit = Visit()

        self.attract = AttractScreen()
        self.identify = IdentifyScreen(services)
        self.choose = ChooseServiceScreen(services.catalog.services,
                                          categories=services.catalog.categories,
                                          usage=services.service_usage)
        self.review = ReviewScreen(services)
        self.done = DoneScreen(services=services)
        self.track = TrackScreen(services)
        screens = (self.attract, self.identify, self.choose, self.review, self.done, self.track)
        for screen in screens:
            self.addWidget(screen)
        self.guide = GuideScreen(services)
        self.rating = RatingScreen(services)
        for screen in (self.guide, self.rating):
            self.addWidget(screen)
        self.reuse = ReuseConsentScreen()  # fill once: earlier answers, with consent
        self.addWidget(self.reuse)
        self.reuse.accepted.connect(self._on_reuse_accepted)
        self.reuse.declined.connect(lambda: self.setCurrentWidget(self.choose))
        self.reuse.back_requested.connect(self.end_visit)
        self.ticket = TicketScreen(services)  # 取号
        self.addWidget(self.ticket)
        self.ticket.back_requested.connect(self.end_visit)
        self.ticket.finished.connect(self.end_visit)

        self.attract.apply_requested.connect(self._start_application)
        self.attract.track_requested.connect(self._start_tracking)
        self.attract.ticket_requested.connect(self._start_ticket)
        self.identify.back_requested.connect(self.end_visit)
        self.identify.identified.connect(self._on_identified)
        self.choose.back_requested.connect(self.end_visit)
        self.choose.chosen.connect(self._show_guide)
        self.guide.start_requested.connect(self._on_service_chosen)
        self.guide.back_requested.connect(lambda: self.setCurrentWidget(self.choose))
        self.done.rate_requested.connect(self._rate_submitted_case)
        self.rating.finished.connect(self.end_visit)
        self.attract.rate_requested.connect(self._start_rating)
        self.materials = MaterialsScreen(services)
        self.addWidget(self.materials)
        self.materials.back_requested.connect(self._on_materials_back)
        self.materials.completed.connect(self._show_review)
        self.review.materials_change_requested.connect(self._on_materials_change)
        self.review.back_requested.connect(self._show_materials)
        self.review.change_requested.connect(self._on_change_requested)
        self.review.refused.connect(self._on_refused)
        self.review.submitted.connect(self._on_submitted)
        self.done.finished.connect(self.end_visit)
        self.track.back_requested.connect(self.end_visit)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_timeout_ms)
        self.idle_timer.timeout.connect(self._on_idle)
        self._idle_timeout_ms = idle_timeout_ms
        self.idle_warning = IdleWarningWidget(self)
        self.idle_warning.continued.connect(self._restart_idle_timer)
        self.idle_warning.expired.connect(self._on_idle_expired)
        self.currentChanged.connect(self._on_current_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._sync_bridge: ThreadBridge | None = None
        self.attract.apply_button.setEnabled(False)  # until the device record has been read
        self.attract.setFocus()
        self.refresh_terminal()

    # -- terminal and sync ----------------------------------------------------------------

    def refresh_terminal(self) -> None:
        """Read the device record off the Qt thread and update the attract screen."""

        def show(device: object) -> None:
            self.attract.set_terminal(
                enrolled=device is not None, hall_name=getattr(device, "hall_name", None)
            )

        Task(self.services.device, parent=self).success(show).run_in_background()

    def start_sync(self) -> None:
        """Start the service layer's background sync; results are shown on the attract screen."""
        if self._sync_bridge is None:
            self._sync_bridge = ThreadBridge(self)
            self._sync_bridge.received.connect(self._on_sync_result)
        self.services.start_background_sync(self._sync_bridge.post)

    def _on_sync_result(self, result: object) -> None:
        now = datetime.now().strftime("%H:%M")
        if isinstance(result, Exception):
            log.info("background sync failed: %s", type(result).__name__)
            self.attract.set_sync_status(
                self.tr("● 暂时无法连接平台（%1）：申请照常受理，保存在本机，恢复联网后自动上传。")
                .replace("%1", now)
            )
        else:
            self.attract.set_sync_status(self.tr("✓ 已与平台同步（%1）").replace("%1", now))

    def addWidget(self, widget: QWidget) -> int:  # noqa: N802 - Qt override
        # Screens hold the focus themselves, so no button looks pre-selected on arrival.
        widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        return super().addWidget(widget)

    def _on_current_changed(self, index: int) -> None:
        screen = self.widget(index)
        if screen is not None and screen not in (self.identify, self.track):
            screen.setFocus()
        self._restart_idle_timer()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """A closed window stops watching the clock and the user's input."""
        self.idle_timer.stop()
        self.done.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)

    # -- idle -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # While the warning counts down only its 继续 keeps the visit: a stray touch does not.
        if event.type() in _ACTIVITY and not self.idle_warning.active:
            self._restart_idle_timer()
        return False

    def _restart_idle_timer(self) -> None:
        if self.currentWidget() is self.attract:
            self.idle_timer.stop()
            self.idle_warning.stop()
        elif not self.idle_warning.active:
            # Elder mode waits longer before asking.
            self.idle_timer.setInterval(round(self._idle_timeout_ms * mode_of(self).idle_factor))
            self.idle_timer.start()

    def _on_idle(self) -> None:
        if self.currentWidget() is not self.attract and self.isVisible():
            log.info("idle warning shown")
            self.idle_warning.start(mode_of(self).countdown_s)

    def _on_idle_expired(self) -> None:
        log.info("visit ended by idle timeout")
        self.end_visit()

    # -- visit ----------------------------------------------------------------------------

    def end_visit(self) -> None:
        """Forget everything about the visit and go back to the attract screen."""
        self._drop_pages()
        self.visit = Visit()
        for screen in (self.identify, self.review, self.track, self.materials):
            screen.reset()
        self.done.reset()
        for screen in (self.choose, self.guide, self.rating):
            screen.reset()
        self.reuse.ask(0)
        self.reuse.use_button.setEnabled(True)
        self.setCurrentWidget(self.attract)
        self.refresh_terminal()
        # Paper and files of the visit: queue emptied, receipts and notices deleted, off-thread.
        self.ticket.reset()
        Task(self.services.printing.end_session, parent=self).run_in_background()
        Task(forget_typed_words, parent=self).run_in_background()

    def _start_application(self) -> None:
        self.end_visit()
        self.setCurrentWidget(self.identify)

    def _start_tracking(self) -> None:
        self.end_visit()
        self.setCurrentWidget(self.track)

    def _start_ticket(self) -> None:
        self.end_visit()
        self.setCurrentWidget(self.ticket)

    def _on_identified(self, id_number: str, prefill: object) -> None:
        """Known now: ask before reusing earlier answers if there are any, else choose."""
        self.visit.id_number = id_number
        self.visit.prefill = dict(prefill) if isinstance(prefill, dict) else {}
        visit = self.visit

        def asked(count: int) -> None:
            if self.visit is not visit:
                return  # the visit ended meanwhile
            if count:
                self.reuse.ask(count)
                self.setCurrentWidget(self.reuse)
            else:
                self.setCurrentWidget(self.choose)

        def unknown(_exc: Exception) -> None:
            if self.visit is visit:
                self.setCurrentWidget(self.choose)

        Task(lambda: self.services.earlier_case_count(id_number), parent=self
             ).success(asked).failure(unknown).run_in_background()

    def _on_reuse_accepted(self) -> None:
        """With the citizen's consent: earlier answers fill what the records do not know."""
        visit = self.visit

        def fill(earlier: dict[str, Prefilled]) -> None:
            if self.visit is visit:
                visit.prefill = merge(visit.prefill, earlier)
                self.setCurrentWidget(self.choose)

        def failed(_exc: Exception) -> None:
            if self.visit is visit:
                self.setCurrentWidget(self.choose)

        self.reuse.use_button.setEnabled(False)
        Task(lambda: self.services.earlier_prefill(visit.id_number), parent=self
             ).success(fill).failure(failed).run_in_background()

    def _show_guide(self, code: str) -> None:
        """The 办事指南 of the chosen service, ticking what the visit's e-licences cover."""
        service = self.services.catalog.get(code)
        includes = tuple(self.services.catalog.get(c) for c in service.includes)
        name = self.visit.prefill.get("applicant_name")
        applicant = {"applicant_id_number": self.visit.id_number,
                     "applicant_name": name.value if name is not None else ""}
        self.guide.show_service(service, licences=held_licences(self.visit.prefill),
                                applicant=applicant, includes=includes)
        self.setCurrentWidget(self.guide)

    def _rate_submitted_case(self) -> None:
        """好差评 for the case the done screen shows."""
        case_number = self.done.case_number.text()
        self.done.reset()
        self.rating.start_for_case(case_number)
        self.setCurrentWidget(self.rating)

    def _start_rating(self) -> None:
        """好差评 from the attract screen: the citizen types the case number first."""
        self.end_visit()
        self.rating.start_with_entry()
        self.setCurrentWidget(self.rating)
