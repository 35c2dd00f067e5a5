"""One editor widget per catalogue field: its label, help, input, pre-fill mark and error line.

`FieldEditor` picks the input from the field's type: a line for text, names, numbers, codes,
phone and dates (with a hint and a character filter), a box for longer text and addresses, big
radio buttons for choices, and a read-only line for the applicant's ID number typed at the start
of the visit. A value the system already knew is shown filled and marked "✓ 来自您的档案 (from
your records)" so the citizen confirms rather than retypes. Errors appear under the input with a
warning sign as well as in red. A repeating group (family members) is a `GroupEditor` (in
this module too), which offers the same interface. `changed` fires on every edit, so the page
can show or hide the questions that depend on the answer.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
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
from kiosk.ui.widgets import bilingual, error_text, make_button, make_label

APPLICANT_ID = "applicant_id_number"  # typed on the keypad at the start of the visit

# Input filters and hints per type (the engine judges the value; these only stop stray keys).
_LINE_RULES: dict[str, tuple[str, str, bool]] = {
    "id_number": ("[0-9Xx]{0,18}", QT_TRANSLATE_NOOP("FieldEditor", "18位身份证号码，最后一位可能是X"), True),
    "postal_code": ("[0-9]{0,6}", QT_TRANSLATE_NOOP("FieldEditor", "6位数字，例如 310012"), True),
    "bank_card": ("[0-9 ]{0,23}", QT_TRANSLATE_NOOP("FieldEditor", "银行卡号，16至19位数字"), True),
    "uscc": ("[0-9A-Za-z]{0,18}", QT_TRANSLATE_NOOP("FieldEditor", "18位统一社会信用代码"), False),
    "integer": ("[0-9]{0,9}", QT_TRANSLATE_NOOP("FieldEditor", "填写数字"), True),
}


class FieldEditor(QWidget):
    """Label, optional help and pre-fill mark, the input for the field's type, and an error line."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.shown_by_rule = True
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
                radio.toggled.connect(lambda _on: self.changed.emit())
                grid.addWidget(radio, i // per_row, i % per_row)
            grid.setColumnStretch(per_row, 1)
            layout.addWidget(box)
            return box
        if field.type in ("textarea", "address"):
            area = QPlainTextEdit()
            area.setObjectName(f"input_{field.name}")
            area.setAccessibleName(accessible)
            area.setTabChangesFocus(True)
            area.setFixedHeight(110 if field.type == "textarea" else 80)
            area.textChanged.connect(self.changed)
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
        elif field.type in _LINE_RULES:
            pattern, hint, digits = _LINE_RULES[field.type]
            line.setPlaceholderText(self.tr(hint))
            line.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), line))
            if digits:
                line.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        if field.name == APPLICANT_ID:
            line.setReadOnly(True)
            self.locked = True
        line.textChanged.connect(lambda _text: self.changed.emit())
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
        self.set_locked(self.field.name == APPLICANT_ID)

    def focus_input(self) -> None:
        if self._choices is not None and self._choices.buttons():
            target = self._choices.checkedButton() or self._choices.buttons()[0]
            target.setFocus()
        else:
            self._input.setFocus()


class GroupEditor(QWidget):
    """A repeating group: one framed box per entry (family member), 添加 and 删除 buttons.

    Its value is a list of {sub-field: text}. Sub-fields the ID number decides are left to the
    engine and not shown; errors on one entry's question appear under that question.
    """

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.shown_by_rule = True
        self.locked = False
        self.setObjectName(f"field_{field.name}")
        self.items: list[tuple[QFrame, dict[str, FieldEditor]]] = []
        item = field.item_label or field.label
        self._item_label = item
        optional = "" if field.required else f"（{escape(self.tr('选填'))}）"
        self.label = make_label(name=f"label_{field.name}")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setText(f"<b>{escape(field.label.zh)}</b>{optional} "
                           f'<span style="font-size:14pt;">{escape(field.label.en)}</span>')
        self.source = make_label(role="prefill", name=f"source_{field.name}")
        self.source.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.label)
        if field.help is not None:
            layout.addWidget(make_label(bilingual(field.help), role="subtle"))
        self._box = QVBoxLayout()
        layout.addLayout(self._box)
        self.add_button = make_button(
            self.tr("＋ 添加一位%1").replace("%1", item.zh), name=f"add_{field.name}")
        self.add_button.clicked.connect(lambda: self.add_item())
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error = make_label(role="error", name=f"error_{field.name}")
        self.error.hide()
        layout.addWidget(self.error)
        for _ in range(field.min_items):
            self.add_item()

    @property
    def input(self) -> QWidget:
        return self.add_button

    def add_item(self) -> dict[str, FieldEditor]:
        """A new empty entry at the end (up to `max_items`); returns its editors."""
        index = len(self.items)
        frame = QFrame()
        frame.setObjectName(f"item_{self.field.name}_{index}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(frame)
        heading = QHBoxLayout()
        heading.addWidget(make_label(f"{self._item_label.zh} {index + 1}", role="subtle"))
        heading.addStretch(1)
        remove = make_button(self.tr("删除"), name=f"remove_{self.field.name}_{index}")
        remove.clicked.connect(lambda _=False, f=frame: self._remove(f))
        heading.addWidget(remove)
        column.addLayout(heading)
        editors: dict[str, FieldEditor] = {}
        for sub in self.field.fields:
            if sub.derive is not None:
                continue  # the engine takes it from the entry's ID number
            editor = FieldEditor(sub)
            editor.setObjectName(f"field_{self.field.name}_{index}_{sub.name}")
            editor.changed.connect(self.changed)
            editors[sub.name] = editor
            column.addWidget(editor)
        self.items.append((frame, editors))
        self._box.addWidget(frame)
        frame.show()  # at once, not when the layout next runs: the citizen is looking at it
        self._update_buttons()
        self.changed.emit()
        return editors

    def _remove(self, frame: QFrame) -> None:
        self.items = [(f, e) for f, e in self.items if f is not frame]
        frame.setParent(None)
        frame.deleteLater()
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        full = self.field.max_items is not None and len(self.items) >= self.field.max_items
        self.add_button.setEnabled(not full and not self.locked)
        for frame, _ in self.items:
            for button in frame.findChildren(QAbstractButton):
                if button.objectName().startswith("remove_"):
                    button.setEnabled(len(self.items) > self.field.min_items and not self.locked)

    def value(self) -> list[dict[str, str]]:  # type: ignore[override]
        return [{name: e.value() for name, e in editors.items()} for _, editors in self.items]

    def display_value(self) -> str:
        parts = []
        for _, editors in self.items:
            shown = [e.display_value() for e in editors.values() if e.value()]
            parts.append("，".join(shown[:3]))
        return "；".join(p for p in parts if p)

    def set_value(self, value: object) -> None:
        for frame, _ in list(self.items):
            self._remove(frame)
        if isinstance(value, list):
            for entry in value:
                editors = self.add_item()
                if isinstance(entry, dict):
                    for name, text in entry.items():
                        if name in editors and isinstance(text, str):
                            editors[name].set_value(text)
        while len(self.items) < self.field.min_items:
            self.add_item()

    def mark_source(self, text: str | None) -> None:
        self.source.setText(PREFILL_MARK + text if text else "")
        self.source.setVisible(bool(text))

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        for _, editors in self.items:
            for editor in editors.values():
                editor.set_locked(locked)
        self._update_buttons()

    def set_error(self, message: Text | None) -> None:
        self.error.setText(error_text(bilingual(message)) if message is not None else "")
        self.error.setVisible(message is not None)

    def set_item_error(self, index: int, subfield: str, message: Text | None) -> None:
        if 0 <= index < len(self.items):
            editor = self.items[index][1].get(subfield)
            if editor is not None:
                editor.set_error(message)

    def clear_item_errors(self) -> None:
        for _, editors in self.items:
            for editor in editors.values():
                editor.set_error(None)

    def clear(self) -> None:
        self.set_value([])
        self.mark_source(None)
        self.set_error(None)
        self.set_locked(False)

    def focus_input(self) -> None:
        for _, editors in self.items:
            for editor in editors.values():
                if editor.error.text():
                    editor.focus_input()
                    return
        self.add_button.setFocus()
