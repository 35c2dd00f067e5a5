"""Building blocks the kiosk screens share: labelled buttons, styled labels, the error summary.

Every interactive widget gets an accessible name (screen readers and UI tests find it by that) and
an `objectName` for the stylesheet and for tests. Domain text arrives as `forms.text.Text` pairs;
`bilingual` decides how a pair is shown: Chinese first, English after it, smaller where the
widget allows rich text.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from forms.text import Text
from kiosk.ui.style import ERROR_PREFIX, set_role


def bilingual(text: Text) -> str:
    """Plain-text form of a pair: "中文 (English)"; just the Chinese if both are the same."""
    if not text.en or text.en == text.zh:
        return text.zh
    return f"{text.zh} ({text.en})"


def bilingual_rich(text: Text, *, en_size_pt: int = 14) -> str:
    """Rich-text form of a pair: the Chinese, then the English smaller on the same line."""
    zh = escape(text.zh)
    if not text.en or text.en == text.zh:
        return zh
    style = f"font-size:{en_size_pt}pt; font-weight:normal;"
    return f'{zh} <span style="{style}">{escape(text.en)}</span>'


def make_button(
    text: str, *, name: str, accessible: str | None = None, role: str | None = None
) -> QPushButton:
    """A touch-sized push button that does not steal keyboard focus from the entry field."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible or text)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if role:
        set_role(button, role)
    return button


def make_label(text: str = "", *, role: str | None = None, name: str | None = None) -> QLabel:
    """A word-wrapping label with an optional style role."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    if name:
        label.setObjectName(name)
    return label


def error_text(message: str) -> str:
    """An error message with its non-colour cue: a warning sign and the word 错误."""
    word = QCoreApplication.translate("Errors", "错误：")
    return f"{ERROR_PREFIX}{word}{message}"


class ErrorSummaryWidget(QFrame):
    """The box at the top of a page that lists every problem at once, each naming its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorSummary")
        set_role(self, "error-summary")
        self.setAccessibleName(self.tr("错误汇总"))
        layout = QVBoxLayout(self)
        self._title = make_label(role="error", name="errorSummaryTitle")
        self._items = make_label(name="errorSummaryItems")
        layout.addWidget(self._title)
        layout.addWidget(self._items)
        self.hide()

    def set_errors(self, lines: Sequence[str]) -> None:
        """Show one line per problem ("姓名：请填写姓名"); hide the box when there are none."""
        if not lines:
            self.clear()
            return
        self._title.setText(
            ERROR_PREFIX + self.tr("有 %n 处需要更正，请查看下面标出的项目：", "", len(lines))
        )
        self._items.setText("\n".join(f"• {line}" for line in lines))
        self.show()

    def clear(self) -> None:
        self._title.setText("")
        self._items.setText("")
        self.hide()

    def text(self) -> str:
        """Everything the box says, for tests and screen readers."""
        return f"{self._title.text()}\n{self._items.text()}".strip()
