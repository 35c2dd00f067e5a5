"""The idle warning: "are you still there?" inside the kiosk window, with a countdown and 继续.

When nobody has touched the kiosk for the idle timeout, the window shows this panel over the
current screen instead of wiping at once: a person who was reading, or looking for their ID card,
presses the big 继续 (Continue) and carries on where they were. If nobody does, the countdown
(at least 20 seconds; longer in elder mode) runs out and `expired` fires, and the window ends the
visit. It is part of the window, not a pop-up dialog: nothing opens on top of the kiosk and it
cannot be left behind on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.style import set_role
from kiosk.ui.widgets import make_button, make_label

MIN_COUNTDOWN_S = 20


class IdleWarningWidget(QFrame):
    """A panel covering the window: the question, the seconds left, 继续 and 结束办理."""

    continued = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleWarning")
        self.setAccessibleName(self.tr("长时间无操作提醒"))
        self.setStyleSheet("QFrame#idleWarning { background: rgba(20, 20, 20, 170); }")
        self.remaining = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

        panel = QFrame(self)
        panel.setObjectName("idlePanel")
        set_role(panel, "dialog")
        panel.setMaximumWidth(900)
        self.heading = make_label(role="heading", name="idleHeading")
        self.countdown = make_label(role="status", name="idleCountdown")
        self.explanation = make_label(name="idleExplanation")
        self.continue_button = make_button("", name="idleContinueButton", role="huge")
        self.end_button = make_button("", name="idleEndButton")
        self.continue_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.end_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.continue_button.clicked.connect(self._on_continue)
        self.end_button.clicked.connect(self._on_end)
        for label in (self.heading, self.countdown, self.explanation):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignBottom)
        buttons.addSpacing(32)
        buttons.addWidget(self.continue_button)
        buttons.addStretch(1)
        box = QVBoxLayout(panel)
        box.setContentsMargins(48, 36, 48, 36)
        box.setSpacing(16)
        box.addWidget(self.heading)
        box.addWidget(self.countdown)
        box.addWidget(self.explanation)
        box.addSpacing(12)
        box.addLayout(buttons)
        # Centred by stretches, not by alignment: an aligned widget loses its height-for-width,
        # and the wrapped English text then pushed the buttons out of the panel.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("您还在吗？ Are you still there?"))
        self.explanation.setText(self.tr(
            "为保护您的信息，倒计时结束后将清除本次填写的全部内容并返回首页。"
            "需要更多时间请按“继续”。"))
        self.continue_button.setText(self.tr("继续\nContinue"))
        self.continue_button.setAccessibleName(self.tr("继续办理"))
        self.end_button.setText(self.tr("结束办理"))
        self.end_button.setAccessibleName(self.tr("结束办理并清除信息"))
        self._show_remaining()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, seconds: int) -> None:
        """Show the warning over the window and count down from `seconds` (at least 20)."""
        self.remaining = max(MIN_COUNTDOWN_S, seconds)
        self._show_remaining()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.continue_button.setFocus()
        self._timer.start()

    def stop(self) -> None:
        """Take the warning away without ending anything."""
        self._timer.stop()
        self.hide()

    def tick(self) -> None:
        """One second has passed."""
        self.remaining = max(0, self.remaining - 1)
        self._show_remaining()
        if self.remaining == 0:
            self.stop()
            self.expired.emit()

    def _show_remaining(self) -> None:
        self.countdown.setText(
            self.tr("还剩 %1 秒").replace("%1", str(self.remaining)))
        self.countdown.setAccessibleName(self.countdown.text())

    def _on_continue(self) -> None:
        self.stop()
        self.continued.emit()

    def _on_end(self) -> None:
        self.stop()
        self.expired.emit()
