"""Choose a service: popular matters, categories, 一件事 bundles, and search as you type.

The screen opens on the popular list (what this terminal is asked for most). A column of
category buttons narrows the list; 一件事 lists the bundles, each marked as one application for
several matters. The search box takes Chinese, full pinyin or pinyin initials ("jzzm" finds
居住证明) from a physical keyboard or from the on-screen letter keypad that opens when the box is
touched; results follow every key, best match first (`forms.search`). Each service is one big
button naming the service in Chinese with the English name smaller beneath, the department that
decides it and the promised time limit in working days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from forms.catalog import Service
from forms.search import SearchIndex, popular
from forms.text import Text
from kiosk.ui.keypad import BACKSPACE, CLEAR, KeypadWidget
from kiosk.ui.language import LanguageSwitcher
from kiosk.ui.style import MIN_TOUCH_PX, set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import make_button, make_label

LETTER_KEYS: tuple[tuple[str, ...], ...] = (
    tuple("QWERTYUIOP"),
    tuple("ASDFGHJKL"),
    (*"ZXCVBNM", BACKSPACE, CLEAR),
)
POPULAR, ALL, BUNDLES = "popular", "all", "bundles"
CHECK = "✓ "


def _two_lines(words: str, longest: int = 22) -> str:
    """A long (English) category name broken at the space nearest its middle."""
    if len(words) <= longest or " " not in words:
        return words
    middle = len(words) // 2
    cut = min((i for i, ch in enumerate(words) if ch == " "), key=lambda i: abs(i - middle))
    return words[:cut] + "\n" + words[cut + 1:]


class ServiceButton(QPushButton):
    """A tall button with a rich-text label (QPushButton itself only draws plain text)."""

    def __init__(self, service: Service, parent: QWidget | None = None, *,
                 includes: Sequence[Service] = ()) -> None:
        super().__init__(parent)
        self.setObjectName(f"service_{service.code}")
        set_role(self, "service")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.service = service
        self._includes = tuple(includes)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setStyleSheet("background: transparent;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(self.label)
        self.render()

    def render(self, *, english: bool = False) -> None:
        """Name, department and time limit in the kiosk's language, the other name beneath."""
        service = self.service

        def pick(text: Text) -> str:
            return text.en if english and text.en else text.zh

        other = service.name.zh if english else service.name.en
        limit = self.tr("%1个工作日").replace("%1", str(service.time_limit_days))
        promised = self.tr("承诺时限")
        extra = ""
        spoken = ""
        if service.is_bundle:
            names = (", " if english else "、").join(pick(s.name) for s in self._includes)
            bundle = self.tr("一件事：一次申请，同时办理%1个事项").replace("%1", str(len(self._includes)))
            extra = (f'<div style="font-size:16pt; font-weight:bold;">◆ {escape(bundle)}</div>'
                     f'<div style="font-size:15pt;">{escape(names)}</div>')
            spoken = f"，{bundle}：{names}"
        elif service.audience == "legal-person":
            words = self.tr("单位/法人办理")
            extra = f'<div style="font-size:15pt;">◇ {escape(words)}</div>'
            spoken = f"，{words}"
        self.setAccessibleName(f"{pick(service.name)}，{pick(service.department)}，{limit}{spoken}")
        self.label.setText(
            f'<div style="font-size:24pt; font-weight:bold;">{escape(pick(service.name))}</div>'
            f'<div style="font-size:14pt;">{escape(other)}</div>'
            f"{extra}"
            f'<div style="font-size:16pt;">{escape(pick(service.department))}'
            f" · {escape(promised)} {escape(limit)}</div>"
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # QPushButton sizes itself from its own (empty) text; the label inside decides here.
        layout = self.layout()
        inner = layout.sizeHint() if layout is not None else QSize()
        return super().sizeHint().expandedTo(inner)


class ChooseServiceScreen(QWidget):
    """The services to apply for: popular, by category, bundles, and search."""

    chosen = Signal(str)  # service code
    back_requested = Signal()

    def __init__(
        self,
        services: Iterable[Service],
        parent: QWidget | None = None,
        *,
        categories: Sequence[tuple[str, Text]] = (),
        usage: Callable[[], Mapping[str, int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chooseServiceScreen")
        self._services = tuple(services)
        self._index = SearchIndex(self._services)
        self._usage_source = usage
        self._usage: Mapping[str, int] = {}
        self._view = POPULAR
        by_code = {s.code: s for s in self._services}

        heading = make_label(self.tr("请选择要办理的事项"), role="heading")
        hint = make_label(
            self.tr("可按分类查找，或输入事项名称、拼音或拼音首字母搜索（如 jzzm 查找“居住证明”）。"),
            role="subtle",
        )
        self.search_entry = QLineEdit()
        self.search_entry.setObjectName("searchEntry")
        self.search_entry.setAccessibleName(self.tr("搜索事项"))
        self.search_entry.setPlaceholderText(self.tr("输入名称或拼音首字母"))
        self.search_entry.setClearButtonEnabled(False)
        self.search_entry.textChanged.connect(self._refresh)
        self.search_entry.installEventFilter(self)
        self.keyboard_button = make_button(self.tr("⌨ 键盘"), name="keyboardButton",
                                           accessible=self.tr("显示或隐藏屏幕键盘"))
        self.keyboard_button.clicked.connect(lambda: self.set_keypad_visible(
            not self.keypad.isVisibleTo(self)))
        self.clear_button = make_button(self.tr("清空"), name="clearSearchButton",
                                        accessible=self.tr("清空搜索"))
        self.clear_button.clicked.connect(self.search_entry.clear)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_entry, 1)
        search_row.addWidget(self.keyboard_button)
        search_row.addWidget(self.clear_button)

        self.keypad = KeypadWidget(self.search_entry, LETTER_KEYS)
        self.keypad.setAccessibleName(self.tr("拼音字母键盘"))
        for key in self.keypad.findChildren(QPushButton):
            set_role(key, "letter-key")
            key.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
        self.keypad.hide()

        self.category_buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout()
        column.setSpacing(8)
        # Names are looked up each time they are shown, so a language switch reaches them.
        self._names: dict[str, Callable[[], str]] = {
            POPULAR: lambda: self.tr("热门事项"), BUNDLES: lambda: self.tr("一件事（套餐办理）")}
        for code, name in categories:
            if any(s.category == code for s in self._services):
                self._names[code] = lambda t=name: t.en if self._english() else t.zh
        self._names[ALL] = lambda: self.tr("全部事项")
        for view, words in self._names.items():
            button = make_button(words(), name=f"category_{view}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, v=view: self._browse(v))
            self.category_buttons[view] = button
            column.addWidget(button)
        column.addStretch(1)
        side = QWidget()
        side.setLayout(column)
        side_scroll = self._side_scroll = QScrollArea()
        side_scroll.setWidgetResizable(True)
        side_scroll.setWidget(side)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.results_title = make_label(role="heading", name="resultsTitle")
        self.no_match = make_label(name="noMatch")
        self.no_match.hide()
        self.buttons: dict[str, ServiceButton] = {}
        results = QWidget()
        self._list = QVBoxLayout(results)
        self._list.setSpacing(16)
        for service in self._services:
            button = ServiceButton(
                service, includes=[by_code[c] for c in service.includes if c in by_code])
            button.clicked.connect(lambda _=False, code=service.code: self.chosen.emit(code))
            self.buttons[service.code] = button
            self._list.addWidget(button)
        self._list.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(results)
        right = QVBoxLayout()
        right.addWidget(self.results_title)
        right.addWidget(self.no_match)
        right.addWidget(scroll, 1)
        body = QHBoxLayout()
        body.addWidget(side_scroll)
        body.addLayout(right, 1)

        self.back_button = make_button(self.tr("返回首页"), name="backButton")
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(search_row)
        layout.addWidget(self.keypad)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.show_view(POPULAR)

    # -- what is listed -------------------------------------------------------------------

    def show_view(self, view: str) -> None:
        """List a category (or popular, bundles, all); a search in progress is cleared."""
        self._view = view
        if self.search_entry.text():
            self.search_entry.clear()  # refreshes through textChanged
        else:
            self._refresh()

    def _browse(self, view: str) -> None:
        # Choosing a category means browsing, not typing: the keypad makes room for the list.
        self.set_keypad_visible(False)
        self.show_view(view)

    def _mark(self, view: str | None) -> None:
        """Tick the category listed now (none while search results are shown)."""
        for name, button in self.category_buttons.items():
            selected = name == view
            button.setChecked(selected)
            words = self._names[name]()
            # The tick says which list is shown without relying on the button's colour.
            button.setText(_two_lines(CHECK + words if selected else words))
            set_role(button, "primary" if selected else "")
            button.setAccessibleName(words + (self.tr("（已选）") if selected else ""))
        # As wide as the longest category name (English ones are longer), within reason.
        widest = max(b.sizeHint().width() for b in self.category_buttons.values())
        self._side_scroll.setFixedWidth(max(300, min(540, widest + 56)))

    def _refresh(self) -> None:
        query = self.search_entry.text().strip()
        self._mark(None if query else self._view)
        if query:
            hits = self._index.search(query)
            shown = [h.service for h in hits]
            self.results_title.setText(
                self.tr("搜索“%1”：找到%2项").replace("%1", query).replace("%2", str(len(shown))))
            self.no_match.setText(self.tr(
                "没有找到与“%1”相关的事项。请检查拼写，换个说法，或点左侧分类查找；"
                "也可以咨询大厅工作人员。").replace("%1", query))
            self.no_match.setVisible(not shown)
        else:
            shown = list(self._listed(self._view))
            self.results_title.setText(self._names[self._view]())
            self.no_match.hide()
        self._show_only(shown)

    def _listed(self, view: str) -> Sequence[Service]:
        if view == POPULAR:
            return popular(self._services, self._usage)
        if view == BUNDLES:
            return [s for s in self._services if s.is_bundle]
        if view == ALL:
            return self._services
        return [s for s in self._services if s.category == view]

    def _show_only(self, services: Sequence[Service]) -> None:
        codes = [s.code for s in services]
        for code, button in self.buttons.items():
            self._list.removeWidget(button)
            button.setVisible(code in codes)
        for position, code in enumerate(codes):
            self._list.insertWidget(position, self.buttons[code])

    def shown_codes(self) -> list[str]:
        """The codes of the services listed now, top to bottom."""
        visible = [(self._list.indexOf(b), code) for code, b in self.buttons.items()
                   if b.isVisibleTo(self)]
        return [code for _, code in sorted(visible)]

    # -- keypad, usage, reset -------------------------------------------------------------

    def _english(self) -> bool:
        switch = self.window().findChild(LanguageSwitcher, "languageSwitcher")
        return switch is not None and switch.language == "en"

    def retranslate(self) -> None:
        """After a language switch: services, category names, the list's title, the keypad."""
        english = self._english()
        for button in self.buttons.values():
            button.render(english=english)
        self._refresh()
        self.set_keypad_visible(self.keypad.isVisibleTo(self))

    def set_keypad_visible(self, visible: bool) -> None:
        self.keypad.setVisible(visible)
        self.keyboard_button.setText(self.tr("⌨ 收起键盘") if visible else self.tr("⌨ 键盘"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Touching the search box opens the letter keypad, as a phone's keyboard would.
        if watched is self.search_entry and event.type() == QEvent.Type.MouseButtonPress:
            self.set_keypad_visible(True)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # A physical keyboard types into the search box wherever the focus is on this screen.
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.search_entry.setFocus()
            self.search_entry.insert(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._usage_source is not None:
            Task(self._usage_source, parent=self).success(self._set_usage).run_in_background()

    def _set_usage(self, usage: Mapping[str, int]) -> None:
        self._usage = dict(usage)
        if self._view == POPULAR and not self.search_entry.text():
            self._refresh()

    def reset(self) -> None:
        """Back to the popular list with an empty search box and the keypad closed."""
        self.set_keypad_visible(False)
        self.show_view(POPULAR)

    def service_button(self, code: str) -> QPushButton:
        """The button of a service, listing it first if the current view does not show it."""
        button = self.buttons.get(code)
        if button is None:
            raise KeyError(code)
        if not button.isVisibleTo(self):
            self.show_view(ALL)
        return button
