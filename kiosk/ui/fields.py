"""One editor widget per catalogue field: its label, help, input, pre-fill mark and error line.

`FieldEditor` picks the input from the field's type: a line for text, phone and dates (with a
YYYY-MM-DD hint), a box for longer text, big radio buttons for choices, and a read-only line for
the ID number typed at the start of the visit. A value the system already knew is shown filled and
marked "✓ 来自您的档案 (from your records)" so the citizen confirms rather than retypes. Errors
appear under the input with a warning sign as well as in red.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from forms.catalog import Field
from forms.text import Text
from kiosk.ui.style import PREFILL_MARK, set_invalid
from kiosk.ui.widgets import bilingual, error_text, make_label


class FieldEditor(QWidget):
    """Label, optional help and pre-fill mark, the input for the field's type, and an error line."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"field_{field.name}")
        self._choices: QButtonGroup | None = None
        self.locked = False
        self._input: QWidget

        optional = "" if field.required else f"（{escape(self.tr('选填'))}）"
        self.label = make_label(name=f"label_{field.name}")
        self.label.setWordWrap(False)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setText(
            f"<b>{escape(field.label.zh)}</b>{optional} "
            f'<span style="font-size:14pt;">{escape(field.label.en)}</span>'
        )
        self.source = make_label(role="prefill", name=f"source_{field.name}")
        self.source.setWordWrap(False)
        self.source.hide()
        header = QHBoxLayout()
        header.setSpacing(24)
        header.addWidget(self.label)
        header.addWidget(self.source, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        if field.help is not None:
            layout.addWidget(make_label(bilingual(field.help), role="subtle"))
        self._input = self._make_input(layout)
        self.error = make_label(role="error", name=f"error_{field.name}")
        self.error.hide()
        layout.addWidget(self.error)

    def _make_input(self, layout: QVBoxLayout) -> QWidget:
        field = self.field
        accessible = field.label.zh
        if field.type == "choice":
            box = QWidget()
            box.setObjectName(f"input_{field.name}")
            box.setAccessibleName(accessible)
            # Few short choices sit on one row; more go in two columns, so a page rarely scrolls.
            labels = [bilingual(c.label) for c in field.choices]
            per_row = len(labels) if len(labels) <= 4 and sum(map(len, labels)) < 48 else 2
            grid = QGridLayout(box)
            grid.setContentsMargins(8, 0, 0, 0)
            grid.setHorizontalSpacing(40)
            grid.setVerticalSpacing(0)
            self._choices = QButtonGroup(box)
            for i, choice in enumerate(field.choices):
                radio = QRadioButton(bilingual(choice.label))
                radio.setObjectName(f"choice_{field.name}_{choice.value}")
                radio.setAccessibleName(f"{field.label.zh}：{choice.label.zh}")
                radio.setProperty("value", choice.value)
                self._choices.addButton(radio)
                grid.addWidget(radio, i // per_row, i % per_row)
            grid.setColumnStretch(per_row, 1)
            layout.addWidget(box)
            return box
        if field.type == "textarea":
            area = QPlainTextEdit()
            area.setObjectName(f"input_{field.name}")
            area.setAccessibleName(accessible)
            area.setTabChangesFocus(True)
            area.setFixedHeight(110)
            layout.addWidget(area)
            return area
        line = QLineEdit()
        line.setObjectName(f"input_{field.name}")
        line.setAccessibleName(accessible)
        if field.max_length:
            line.setMaxLength(field.max_length)
        if field.type == "date":
            line.setPlaceholderText(self.tr("年-月-日，例如 2020-03-01 (YYYY-MM-DD)"))
            line.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9-]{0,10}"), line))
            line.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        elif field.type == "phone":
            line.setPlaceholderText(self.tr("手机号码，例如 13800138000"))
            phone_chars = QRegularExpression("[0-9 +-]{0,20}")
            line.setValidator(QRegularExpressionValidator(phone_chars, line))
            line.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        elif field.type == "id_number":
            line.setReadOnly(True)
            self.locked = True
        layout.addWidget(line)
        return line

    @property
    def input(self) -> QWidget:
        return self._input

    def value(self) -> str:
        if self._choices is not None:
            checked = self._choices.checkedButton()
            return str(checked.property("value")) if checked is not None else ""
        if isinstance(self._input, QPlainTextEdit):
            return self._input.toPlainText()
        assert isinstance(self._input, QLineEdit)
        return self._input.text()

    def display_value(self) -> str:
        """The answer as the citizen should read it back (a choice's words, not its code)."""
        value = self.value()
        for choice in self.field.choices:
            if choice.value == value:
                return bilingual(choice.label)
        return value

    def set_value(self, value: str) -> None:
        if self._choices is not None:
            self._choices.setExclusive(False)
            for button in self._choices.buttons():
                button.setChecked(button.property("value") == value)
            self._choices.setExclusive(True)
        elif isinstance(self._input, QPlainTextEdit):
            self._input.setPlainText(value)
        else:
            assert isinstance(self._input, QLineEdit)
            self._input.setText(value)

    def mark_source(self, text: str | None) -> None:
        """Show where a pre-filled value came from, or nothing."""
        self.source.setText(PREFILL_MARK + text if text else "")
        self.source.setVisible(bool(text))

    def set_locked(self, locked: bool) -> None:
        """Show a value the citizen cannot change here (the ID number and what it decides)."""
        self.locked = locked
        if self._choices is not None:
            for button in self._choices.buttons():
                button.setEnabled(not locked)
        elif isinstance(self._input, (QLineEdit, QPlainTextEdit)):
            self._input.setReadOnly(locked)

    def set_error(self, message: Text | None) -> None:
        self.error.setText(error_text(bilingual(message)) if message is not None else "")
        self.error.setVisible(message is not None)
        set_invalid(self._input, message is not None)

    def clear(self) -> None:
        """Drop the value, the pre-fill mark and any error."""
        self.set_value("")
        self.mark_source(None)
        self.set_error(None)
        self.set_locked(self.field.type == "id_number")

    def focus_input(self) -> None:
        if self._choices is not None and self._choices.buttons():
            target = self._choices.checkedButton() or self._choices.buttons()[0]
            target.setFocus()
        else:
            self._input.setFocus()
