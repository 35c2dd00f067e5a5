"""Choose a service: every service in the catalogue as one big button.

Each button names the service in Chinese with the English name smaller beneath, the department
that decides it and the promised time limit in working days, so the citizen knows before starting
who handles the matter and how long it takes.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from forms.catalog import Service
from kiosk.ui.style import set_role
from kiosk.ui.widgets import make_button, make_label


class ServiceButton(QPushButton):
    """A tall button with a rich-text label (QPushButton itself only draws plain text)."""

    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"service_{service.code}")
        set_role(self, "service")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        limit = self.tr("%1个工作日").replace("%1", str(service.time_limit_days))
        self.setAccessibleName(f"{service.name.zh}，{service.department.zh}，{limit}")
        label = QLabel(
            f'<div style="font-size:24pt; font-weight:bold;">{escape(service.name.zh)}</div>'
            f'<div style="font-size:14pt;">{escape(service.name.en)}</div>'
            f'<div style="font-size:16pt;">{escape(service.department.zh)}'
            f" · {self.tr('承诺时限')} {escape(limit)}</div>"
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        label.setStyleSheet("background: transparent;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(label)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # QPushButton sizes itself from its own (empty) text; the label inside decides here.
        layout = self.layout()
        inner = layout.sizeHint() if layout is not None else QSize()
        return super().sizeHint().expandedTo(inner)


class ChooseServiceScreen(QWidget):
    """The list of services to apply for."""

    chosen = Signal(str)  # service code
    back_requested = Signal()

    def __init__(self, services: Iterable[Service], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseServiceScreen")
        heading = make_label(self.tr("请选择要办理的事项"), role="heading")
        hint = make_label(self.tr("Choose the service you want to apply for."), role="subtle")

        column = QWidget()
        grid = QVBoxLayout(column)
        grid.setSpacing(16)
        for service in services:
            button = ServiceButton(service)
            button.clicked.connect(lambda _=False, code=service.code: self.chosen.emit(code))
            grid.addWidget(button)
        grid.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(column)

        self.back_button = make_button(self.tr("返回首页"), name="backButton")
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def service_button(self, code: str) -> QPushButton:
        button = self.findChild(QPushButton, f"service_{code}")
        if button is None:
            raise KeyError(code)
        return button
