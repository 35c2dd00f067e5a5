"""The staff PIN pad: how hall staff prove who they are before leaving kiosk mode.

It opens inside the kiosk window (never as a separate dialog) when the kiosk shell sees the staff
gesture. The PIN is checked against the argon2 hash in the configuration (`staff_pin_hash`,
written by `servicehall staff-pin set`); the check runs on a worker because argon2 is made to be
slow. A wrong PIN says so and how many tries are left; after `MAX_TRIES` wrong ones the pad locks
for a delay that doubles with every further wrong PIN, so guessing all PINs takes years. Neither
the PIN nor the hash is ever logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.keypad import BACKSPACE, CLEAR, KeypadWidget
from kiosk.ui.style import ERROR_PREFIX, set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import make_button, make_label

log = logging.getLogger(__name__)

MAX_TRIES = 3
FIRST_LOCK_S = 30
MAX_LOCK_S = 15 * 60
PIN_KEYS: tuple[tuple[str, ...], ...] = (
    ("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), (CLEAR, "0", BACKSPACE),
)


def verify_pin(pin_hash: str, pin: str) -> bool:
    """True if `pin` matches the argon2 `pin_hash`; False for a wrong PIN or an unusable hash."""
    try:
        return PasswordHasher().verify(pin_hash, pin)
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError):
        log.error("staff_pin_hash in the configuration is not a usable argon2 hash")
        return False


@dataclass
class PinAttempts:
    """Wrong tries so far and until when the pad is locked (monotonic seconds)."""

    wrong: int = 0
    locked_until: float = 0.0
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def now(self) -> float:
        return self.clock()

    def seconds_locked(self) -> int:
        return max(0, round(self.locked_until - self.now() + 0.499))

    def tries_left(self) -> int:
        return max(0, MAX_TRIES - self.wrong)

    def record_wrong(self) -> None:
        self.wrong += 1
        if self.wrong >= MAX_TRIES:
            extra = self.wrong - MAX_TRIES
            self.locked_until = self.now() + min(MAX_LOCK_S, FIRST_LOCK_S * 2**extra)

    def record_right(self) -> None:
        self.wrong = 0
        self.locked_until = 0.0


class StaffPinWidget(QFrame):
    """PIN entry with a keypad, 确定 and 取消, covering the kiosk window while open."""

    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget, *, pin_hash: str) -> None:
        super().__init__(parent)
        self.setObjectName("staffPin")
        self.setAccessibleName(self.tr("工作人员验证"))
        self.setStyleSheet("QFrame#staffPin { background: rgba(20, 20, 20, 170); }")
        self._pin_hash = pin_hash
        self.attempts = PinAttempts()
        self._checking = False
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._update_lock)

        panel = QFrame(self)
        set_role(panel, "dialog")
        panel.setMaximumWidth(760)
        self.heading = make_label(self.tr("工作人员验证 (Staff PIN)"), role="heading")
        self.entry = QLineEdit()
        self.entry.setObjectName("pinEntry")
        self.entry.setAccessibleName(self.tr("工作人员 PIN"))
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setProperty("role", "entry")
        self.entry.setMaxLength(12)
        self.entry.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"),
                                                            self.entry))
        self.entry.returnPressed.connect(self._on_ok)
        self.message = make_label(role="error", name="pinMessage")
        self.message.hide()
        self.keypad = KeypadWidget(self.entry, PIN_KEYS)
        self.cancel_button = make_button(self.tr("取消"), name="pinCancelButton")
        self.ok_button = make_button(self.tr("确定"), name="pinOkButton", role="primary")
        self.cancel_button.clicked.connect(self._on_cancel)
        self.ok_button.clicked.connect(self._on_ok)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        box = QVBoxLayout(panel)
        box.setContentsMargins(36, 24, 36, 24)
        box.addWidget(self.heading)
        box.addWidget(self.entry)
        box.addWidget(self.message)
        box.addWidget(self.keypad)
        box.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def open(self) -> None:
        """Show the pad over the window with an empty entry."""
        self.entry.clear()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.entry.setFocus()
        if not self._pin_hash:
            self._say(self.tr("本终端尚未设置工作人员 PIN。请在终端上运行 servicehall staff-pin set "
                              "设置后再试。"))
        else:
            self._say("")
        self._update_lock()

    def _say(self, text: str) -> None:
        self.message.setText(ERROR_PREFIX + text if text else "")
        self.message.setVisible(bool(text))

    def _update_lock(self) -> None:
        seconds = self.attempts.seconds_locked()
        locked = seconds > 0 or not self._pin_hash
        self.ok_button.setEnabled(not locked and not self._checking)
        self.keypad.setEnabled(not locked)
        self.entry.setReadOnly(locked)
        if seconds > 0:
            self._say(self.tr("PIN 错误次数过多，请 %1 秒后再试。").replace("%1", str(seconds)))
            self._lock_timer.start()
        elif self._lock_timer.isActive():
            self._lock_timer.stop()
            self._say("")

    def _on_ok(self) -> None:
        pin = self.entry.text()
        if self._checking or not self._pin_hash or self.attempts.seconds_locked() > 0:
            return
        if not pin:
            self._say(self.tr("请输入 PIN。"))
            return
        self._checking = True
        self.ok_button.setEnabled(False)
        pin_hash = self._pin_hash
        Task(lambda: verify_pin(pin_hash, pin), parent=self).success(self._on_checked).failure(
            lambda _exc: self._on_checked(False)
        ).run_in_background()

    def _on_checked(self, right: object) -> None:
        self._checking = False
        self.entry.clear()
        if right is True:
            self.attempts.record_right()
            log.info("staff PIN accepted: leaving kiosk mode")
            self.hide()
            self.unlocked.emit()
            return
        self.attempts.record_wrong()
        log.warning("wrong staff PIN (%d in a row)", self.attempts.wrong)
        if self.attempts.seconds_locked() > 0:
            self._update_lock()
        else:
            self._say(self.tr("PIN 不正确，还可以再试 %1 次。")
                      .replace("%1", str(self.attempts.tries_left())))
            self.ok_button.setEnabled(True)

    def _on_cancel(self) -> None:
        self.entry.clear()
        self.hide()
        self.cancelled.emit()
