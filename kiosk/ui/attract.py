"""The attract screen: what an idle kiosk shows, and where every visit starts and ends.

Two big choices, 办事 (apply for a service) and 查进度 (track a case), two smaller ones, 取号 (a
queue number for a counter) and 评价 (rate a service by its case number) where the window offers
them, and above them the two switches everyone needs before starting: 长辈版 (elder mode: larger
text and buttons, more time) and the language (中文 / English). Both take effect at once on the
whole window and belong to one visit: when the kiosk comes back here after a visit, or nobody
starts one within two minutes, they return to the terminal's defaults.

A terminal that has not been enrolled with the platform cannot accept applications, so it says
so in words meant for hall staff and disables 办事; tracking stays available. A footer line
reports the last background sync so staff walking past can see whether the terminal is talking
to the platform.
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.language import convert, switcher
from kiosk.ui.modes import ELDER, NORMAL, mode_of, set_mode
from kiosk.ui.style import ERROR_PREFIX
from kiosk.ui.widgets import make_button, make_label

CHOICES_KEPT_MS = 120_000


class AttractScreen(QWidget):
    """Start screen with the 办事 and 查进度 choices, elder mode and language."""

    apply_requested = Signal()
    track_requested = Signal()
    ticket_requested = Signal()
    rate_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attractScreen")
        self._terminal: tuple[bool, str | None] | None = None
        self._left = False  # hidden since shown: a visit has happened
        # Switches set by someone who then walked away are not left for the next person.
        self._forget = QTimer(self)
        self._forget.setSingleShot(True)
        self._forget.setInterval(CHOICES_KEPT_MS)
        self._forget.timeout.connect(self.reset_choices)
        self.title = make_label(role="title", name="attractTitle")
        self.subtitle = make_label(role="subtle", name="attractSubtitle")
        self.hall = make_label(role="heading", name="hallName")
        self.staff_message = make_label(role="error", name="staffMessage")
        self.staff_message.hide()
        self.apply_button = make_button("", name="applyButton", role="huge")
        self.track_button = make_button("", name="trackButton", role="huge")
        self.ticket_button = make_button("", name="ticketButton", role="large")
        self.rate_button = make_button("", name="rateButton", role="large")
        self.elder_button = make_button("", name="elderButton")
        self.elder_button.setCheckable(True)
        self.language_button = make_button("", name="languageButton")
        self.sync_status = make_label(role="subtle", name="syncStatus")
        self.apply_button.clicked.connect(self.apply_requested)
        self.track_button.clicked.connect(self.track_requested)
        self.ticket_button.clicked.connect(self.ticket_requested)
        self.rate_button.clicked.connect(self.rate_requested)
        self.elder_button.toggled.connect(self._on_elder_toggled)
        self.language_button.clicked.connect(self._on_language_clicked)

        for label in (self.title, self.subtitle, self.hall, self.staff_message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        switches = QHBoxLayout()
        switches.addStretch(1)
        switches.addWidget(self.elder_button)
        switches.addSpacing(24)
        switches.addWidget(self.language_button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(48)
        grid.setVerticalSpacing(24)
        grid.addWidget(self.apply_button, 0, 0)
        grid.addWidget(self.track_button, 0, 1)
        grid.addWidget(self.ticket_button, 1, 0)
        grid.addWidget(self.rate_button, 1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addLayout(grid)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addLayout(switches)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(12)
        layout.addWidget(self.hall)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addSpacing(24)
        layout.addWidget(self.staff_message)
        layout.addStretch(2)
        layout.addWidget(self.sync_status)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text of the screen in the language now installed."""
        self.title.setText(self.tr("政务服务自助终端"))
        self.subtitle.setText(self.tr("一网通办 · 自助办理 (Self-service government services)"))
        self.apply_button.setText(self.tr("办事\nApply"))
        self.apply_button.setAccessibleName(self.tr("办事"))
        self.track_button.setText(self.tr("查进度\nTrack"))
        self.track_button.setAccessibleName(self.tr("查进度"))
        self.ticket_button.setText(self.tr("取号 Queue number"))
        self.ticket_button.setAccessibleName(self.tr("取号"))
        self.rate_button.setText(self.tr("评价 Rate a service"))
        self.rate_button.setAccessibleName(self.tr("评价"))
        self._show_elder_state(self.elder_button.isChecked())
        english = switcher(self).language == "en" if self.window() is not self else False
        # Each language is offered in its own words, whatever the screen is showing now.
        self.language_button.setText("中文" if english else "English")
        self.language_button.setAccessibleName("切换到中文" if english else "Switch to English")
        if self._terminal is not None:
            self.set_terminal(enrolled=self._terminal[0], hall_name=self._terminal[1])
        if self.sync_status.text():
            self.sync_status.setText(convert(self.sync_status.text(), to="en" if english else "zh"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_elder_state(self, on: bool) -> None:
        # The state is in words and a sign, not only in the button's colour.
        self.elder_button.setText(
            self.tr("长辈版 ✓ 已开启") if on else self.tr("长辈版（大字）")
        )
        self.elder_button.setAccessibleName(
            self.tr("长辈版，已开启") if on else self.tr("长辈版，已关闭")
        )

    def _on_elder_toggled(self, on: bool) -> None:
        self._show_elder_state(on)
        self._forget.start()
        set_mode(self.window(), ELDER if on else NORMAL)

    def _on_language_clicked(self) -> None:
        languages = switcher(self)
        languages.set_language("zh" if languages.language == "en" else "en")
        self.retranslate()
        self._forget.start()

    def reset_choices(self) -> None:
        """Back to the terminal's own mode and language, for the next person."""
        self.elder_button.setChecked(False)
        if mode_of(self) is not NORMAL:
            set_mode(self.window(), NORMAL)
        languages = switcher(self)
        if languages.language != languages.default:
            languages.set_language(languages.default)
            self.retranslate()
        self._forget.stop()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # 取号 and 评价 are offered only where the window has somewhere to take them.
        self.ticket_button.setVisible(self.receivers(SIGNAL("ticket_requested()")) > 0)
        self.rate_button.setVisible(self.receivers(SIGNAL("rate_requested()")) > 0)
        if self._left:
            self._left = False
            self.reset_choices()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        if not event.spontaneous():
            self._left = True
            self._forget.stop()
        super().hideEvent(event)

    def set_terminal(self, *, enrolled: bool, hall_name: str | None) -> None:
        """Show the hall's name, or the staff message and a disabled 办事 on a new terminal."""
        self._terminal = (enrolled, hall_name)
        self.hall.setText(hall_name or "")
        self.hall.setVisible(bool(hall_name))
        self.apply_button.setEnabled(enrolled)
        if enrolled:
            self.staff_message.setText("")
            self.staff_message.hide()
        else:
            self.staff_message.setText(
                ERROR_PREFIX
                + self.tr("本终端尚未登记，暂不能办理业务，请联系大厅工作人员。")
                + "\n"
                + self.tr("This terminal is not enrolled yet; please ask hall staff.")
                + "\n"
                + self.tr("（工作人员：请用 servicehall enroll 登记本终端；查进度仍可使用。）")
            )
            self.staff_message.show()

    def set_sync_status(self, text: str) -> None:
        self.sync_status.setText(text)
