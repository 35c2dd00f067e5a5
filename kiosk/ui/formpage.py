"""One page of the application wizard: a catalogue page's fields, with progress and navigation.

The window builds one `FormPageScreen` per page of the chosen service, so moving back and forth
never loses what was typed. The screen does not judge answers itself: on 下一步 it asks the window,
which validates through `forms.engine`, and then shows the errors it is given, each under its
field and all together in a summary at the top that names the fields.

Questions that depend on an earlier answer (on this page or an earlier one) are shown only when
that answer calls for them; `editors` holds the questions shown, so what is hidden is neither
sent nor listed on the check-answers page. Values an ID number decides (a family member's age,
say) are filled in as soon as that number is valid, and locked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from forms.catalog import Field, Page
from forms.engine import derive_from_id, visible_fields
from forms.errors import FieldError, InvalidValue
from forms.text import Text
from kiosk.ui.fields import FieldEditor, GroupEditor
from kiosk.ui.widgets import ErrorSummaryWidget, bilingual_rich, make_button, make_label
from kiosk.ui.wizard import FROM_ID, FROM_RECORDS, TYPED, Known


class FormPageScreen(QWidget):
    """The fields of one page, 第N步，共M步, and 上一步 / 下一步."""

    next_requested = Signal()
    back_requested = Signal()

    def __init__(
        self,
        page: Page,
        *,
        step: int,
        steps: int,
        service_name: Text,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.step = step
        self.setObjectName(f"formPage_{page.name}")
        self._editors: dict[str, FieldEditor | GroupEditor] = {}

        service = make_label(f"{service_name.zh} {service_name.en}", role="subtle")
        self.progress = make_label(
            self.tr("第%1步，共%2步").replace("%1", str(step)).replace("%2", str(steps)),
            name="progress",
        )
        self.progress.setAccessibleName(self.progress.text())
        title = make_label(role="heading", name="pageTitle")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setText(bilingual_rich(page.title, en_size_pt=16))
        self.summary = ErrorSummaryWidget()

        column = QWidget()
        fields = QVBoxLayout(column)
        fields.setSpacing(8)
        for field in page.fields:
            editor = GroupEditor(field) if field.type == "group" else FieldEditor(field)
            editor.changed.connect(self.refresh)
            self._editors[field.name] = editor
            fields.addWidget(editor)
        self.nothing_here = make_label(
            self.tr("根据您前面的回答，本页无需填写，请按“下一步”。"
                    "(Nothing to answer here for your earlier answers: press 下一步.)"),
            role="subtle", name="nothingHere")
        self.nothing_here.hide()
        fields.addWidget(self.nothing_here)
        fields.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(column)

        self.back_button = make_button(self.tr("上一步"), name="backButton")
        self.next_button = make_button(self.tr("下一步"), name="nextButton", role="primary")
        self.back_button.clicked.connect(self.back_requested)
        self.next_button.clicked.connect(self.next_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        header = QHBoxLayout()
        header.addWidget(service, 1)
        header.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addLayout(header)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

    @property
    def editors(self) -> dict[str, FieldEditor | GroupEditor]:
        """The questions shown for the answers so far, by field name."""
        self.refresh()  # an answer on another page may have changed since this page was shown
        return {n: e for n, e in self._editors.items() if e.shown_by_rule}

    def field_names(self) -> list[str]:
        return list(self.editors)

    def answers(self) -> dict[str, str]:
        return {name: editor.value() for name, editor in self.editors.items()}  # type: ignore[misc]

    def _pages(self) -> list[FormPageScreen]:
        """This page and the other pages of the same application, in step order."""
        stack = self.parentWidget()
        pages = [self]
        if isinstance(stack, QStackedWidget):
            pages = [w for i in range(stack.count())
                     if isinstance(w := stack.widget(i), FormPageScreen)]
            if self not in pages:
                pages.append(self)
        return sorted(pages, key=lambda p: p.step)

    def refresh(self) -> None:
        """Show the questions the answers so far call for, and fill values ID numbers decide."""
        fields: list[Field] = []
        values: dict[str, object] = {}
        for page in self._pages():
            for name, editor in page._editors.items():
                fields.append(editor.field)
                values[name] = editor.value()
        shown = {f.name for f in visible_fields(tuple(fields), values)}
        for name, editor in self._editors.items():
            visible = name in shown
            if visible != editor.shown_by_rule:
                editor.shown_by_rule = visible
                editor.setVisible(visible)
            derive = editor.field.derive
            if derive is not None and isinstance(editor, FieldEditor):
                source = values.get(derive.source)
                try:
                    value = derive_from_id(source)[derive.part] if isinstance(source, str) else ""
                except InvalidValue:
                    value = ""
                if editor.value() != value:
                    editor.blockSignals(True)
                    editor.set_value(value)
                    editor.blockSignals(False)
                editor.set_locked(True)
        self.nothing_here.setVisible(not any(e.shown_by_rule for e in self._editors.values()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.refresh()
        super().showEvent(event)

    def fill(self, known: Mapping[str, Known]) -> None:
        """Show the answers known before the citizen got here, each marked with its source."""
        sources = {
            TYPED: self.tr("您刚才输入的号码 (the number you entered)"),
            FROM_ID: self.tr("根据您的身份证号码 (from your ID number)"),
            FROM_RECORDS: self.tr("来自您的档案 (from your records)"),
            "roster": self.tr("来自帮办代办花名册 (from the proxy agent's roster)"),
            "id-card": self.tr("来自您的身份证 (from your ID card)"),
            "e-licence": self.tr("来自电子证照 (from your e-licence)"),
            "earlier-case": self.tr("来自您以前的申请 (from your earlier application)"),
        }
        for name, editor in self._editors.items():
            if name in known:
                editor.set_value(known[name].value)
                editor.mark_source(sources.get(known[name].source))
                editor.set_locked(known[name].locked)

    def set_returning_to_review(self, returning: bool) -> None:
        """After 修改 on the review page, 下一步 leads straight back there."""
        self.next_button.setText(self.tr("保存并返回核对") if returning else self.tr("下一步"))
        self.next_button.setAccessibleName(self.next_button.text())

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        """Replace the errors shown: inline under each field and a summary at the top."""
        errors = [e for e in errors if e.field in self.editors]
        bad: dict[str, FieldError] = {}
        for error in errors:
            bad.setdefault(error.field, error)
        for name, editor in self._editors.items():
            if isinstance(editor, GroupEditor):
                editor.clear_item_errors()
                for e in errors:
                    if e.field == name and e.item is not None and e.subfield is not None:
                        editor.set_item_error(e.item, e.subfield, e.message)
                whole = [e for e in errors if e.field == name and e.subfield is None]
                editor.set_error(whole[0].message if whole else None)
            else:
                editor.set_error(bad[name].message if name in bad else None)
        self.summary.set_errors([f"{e.label.zh}：{e.message.zh}" for e in errors])
        if errors:
            self.scroll.verticalScrollBar().setValue(0)
            self.editors[errors[0].field].focus_input()

    def clear_errors(self) -> None:
        self.show_errors(())

    def wipe(self) -> None:
        """Forget every value, mark and error (end of visit)."""
        for editor in self._editors.values():
            editor.clear()
        self.summary.clear()

    def error_lines(self) -> Sequence[str]:
        return [e.error.text() for e in self.editors.values() if e.error.text()]
