"""Ask before reusing earlier answers: fill once, but only with the citizen's say-so.

When the person just identified has applied on this kiosk before, their earlier answers could
fill what the registry does not know (a phone number, a bank card). Those answers are theirs, so
the kiosk asks first, on a page of its own (no pop-up): 使用 fills the form with them, each marked
"from your earlier application"; 不用 goes on with the registry's values alone. Nothing of the
earlier answers is shown here, so a person looking over the citizen's shoulder learns nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets import make_button, make_label


class ReuseConsentScreen(QWidget):
    """"Use what you filled in last time?" with two big answers."""

    accepted = Signal()
    declined = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reuseConsentScreen")
        self.heading = make_label(self.tr("使用您以前填写的信息？"), role="heading",
                                  name="reuseHeading")
        self.explanation = make_label(role="body", name="reuseExplanation")
        self.use_button = make_button(self.tr("使用，帮我预先填好"), name="reuseAcceptButton",
                                      role="primary")
        self.skip_button = make_button(self.tr("不用，我自己填写"), name="reuseDeclineButton")
        self.back_button = make_button(self.tr("返回"), name="reuseBackButton")
        self.use_button.clicked.connect(self.accepted)
        self.skip_button.clicked.connect(self.declined)
        self.back_button.clicked.connect(self.back_requested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(24)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.ask(0)

    def ask(self, earlier_cases: int) -> None:
        """Say how many earlier applications there are (nothing of what they hold)."""
        self._count = earlier_cases
        self.retranslate()

    def retranslate(self) -> None:
        self.explanation.setText(
            self.tr("您以前在本机办理过 %n 件事项。可以用当时填写的信息（如联系电话、银行账户）"
                    "预先填好这次的表格，每一项都会标明来源，您可以逐项核对和修改。"
                    "不使用也可以正常办理。", "", self._count))
