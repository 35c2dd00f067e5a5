"""The attract screen: what an idle kiosk shows, and where every visit starts and ends.

Two big choices, 办事 (apply for a service) and 查进度 (track a case). A terminal that has not
been enrolled with the platform cannot accept applications, so it says so in words meant for hall
staff and disables 办事; tracking stays available. A footer line reports the last background sync
so staff walking past can see whether the terminal is talking to the platform.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.style import ERROR_PREFIX
from kiosk.ui.widgets import make_button, make_label


class AttractScreen(QWidget):
    """Start screen with the 办事 and 查进度 choices."""

    apply_requested = Signal()
    track_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attractScreen")
        self.title = make_label(self.tr("政务服务自助终端"), role="title", name="attractTitle")
        self.subtitle = make_label(
            self.tr("一网通办 · 自助办理 (Self-service government services)"), role="subtle"
        )
        self.hall = make_label(role="heading", name="hallName")
        self.staff_message = make_label(role="error", name="staffMessage")
        self.staff_message.hide()
        self.apply_button = make_button(
            self.tr("办事\nApply"), name="applyButton", accessible=self.tr("办事"), role="huge"
        )
        self.track_button = make_button(
            self.tr("查进度\nTrack"), name="trackButton", accessible=self.tr("查进度"), role="huge"
        )
        self.sync_status = make_label(role="subtle", name="syncStatus")
        self.apply_button.clicked.connect(self.apply_requested)
        self.track_button.clicked.connect(self.track_requested)

        for label in (self.title, self.subtitle, self.hall, self.staff_message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.setSpacing(48)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.track_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 24)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(12)
        layout.addWidget(self.hall)
        layout.addSpacing(36)
        layout.addLayout(buttons)
        layout.addSpacing(24)
        layout.addWidget(self.staff_message)
        layout.addStretch(2)
        layout.addWidget(self.sync_status)

    def set_terminal(self, *, enrolled: bool, hall_name: str | None) -> None:
        """Show the hall's name, or the staff message and a disabled 办事 on a new terminal."""
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
