"""The kiosk's language: Chinese (the source text) or English, switched on the attract screen.

Switching installs or removes a `QTranslator` loaded from `kiosk/i18n/servicehall_en.qm`, so every
`self.tr()` evaluated from then on speaks the new language, and Qt sends `LanguageChange` to every
widget. Texts that were set before the switch are re-translated in place from the shipped
catalogue (`servicehall_en.ts`): whole texts first, then the translated pieces of texts that were
put together from several (a sign and a sentence, or a sentence with a number in it). What the
citizen typed is never touched, only labels, buttons, placeholders and accessible names, so a
switch keeps the visit. Screens with texts of their own to recompute define `retranslate()`,
which the switch calls.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
LANGUAGES = ("zh", "en")
_SOURCE_PROPERTY = "i18nSource_"
_SHOWN_PROPERTY = "i18nShown_"

Pairs = tuple[tuple[str, str], ...]


@cache
def _messages(language: str) -> tuple[tuple[str, str, str], ...]:
    """(context, source, translation) of every finished message in the shipped .ts file."""
    path = I18N_DIR / f"servicehall_{language}.ts"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        log.warning("translation catalogue %s unreadable: %s", path.name, exc)
        return ()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            if node is None or node.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            text = node.text or (node.findtext("numerusform") or "")
            if source and text and "%n" not in source:
                found.append((name, source, text))
    return tuple(found)


@cache
def catalogue(language: str = "en") -> tuple[Pairs, Pairs]:
    """(source → translation) pairs from the shipped .ts file: whole texts, then templates.

    Templates are the texts with %1-style placeholders. Longer texts come first, so a sentence
    is replaced before any word inside it.
    """
    whole: dict[str, str] = {}
    for _context, source, text in _messages(language):
        whole.setdefault(source, text)
    pairs = sorted(whole.items(), key=lambda p: -len(p[0]))
    return (tuple(p for p in pairs if "%1" not in p[0]), tuple(p for p in pairs if "%1" in p[0]))


@cache
def _by_context(to: str) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for context, source, translation in _messages("en"):
        key, value = (source, translation) if to == "en" else (translation, source)
        index.setdefault((context, key), value)
    return index


def _in_context(text: str, to: str, contexts: Sequence[str]) -> str | None:
    """`text` translated as the first of `contexts` that has it (a word can differ by screen)."""
    index = _by_context(to)
    for context in contexts:
        found = index.get((context, text))
        if found is not None:
            return found
    return None


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\d)", template)
    return re.compile("".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts))


def _fill(template: str, match: re.Match[str], order: list[str]) -> str:
    out = template
    for number, value in zip(order, match.groups(), strict=False):
        out = out.replace(number, value)
    return out


def convert(text: str, *, to: str, contexts: Sequence[str] = ()) -> str:
    """`text` in language `to`, translating every catalogued piece found in it.

    :param contexts: translation contexts (class names) to look in first, nearest first.
    """
    exact = _in_context(text, to, contexts)
    if exact is not None:
        return exact
    whole, templates = catalogue("en")
    if to == "en":
        pairs, tmpl = whole, templates
    else:
        pairs = tuple(sorted(((b, a) for a, b in whole), key=lambda p: -len(p[0])))
        tmpl = tuple((b, a) for a, b in templates)
    for source, target in pairs:
        if source == text:
            return target
    for source, target in tmpl:
        order = re.findall(r"%\d", source)
        match = _template_pattern(source).fullmatch(text)
        if match:
            return _fill(target, match, order)
    out = text
    for source, target in pairs:
        if len(source) >= 2 and source in out:
            out = out.replace(source, target)
    return out


def _text_slots(widget: QWidget) -> list[tuple[str, Callable[[], str], Callable[[str], None]]]:
    slots: list[tuple[str, Callable[[], str], Callable[[str], None]]] = [
        ("accessible", widget.accessibleName, widget.setAccessibleName),
    ]
    if isinstance(widget, (QLabel, QAbstractButton)):
        slots.append(("text", widget.text, widget.setText))
    elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
        slots.append(("placeholder", widget.placeholderText, widget.setPlaceholderText))
    if widget.isWindow():
        slots.append(("title", widget.windowTitle, widget.setWindowTitle))
    return slots


def _contexts(widget: QWidget) -> list[str]:
    names = []
    current: QWidget | None = widget
    while current is not None:
        names.append(type(current).__name__)
        current = current.parentWidget()
    return names


def retranslate_tree(root: QWidget, *, to: str) -> None:
    """Put every label, button, placeholder and accessible name under `root` into `to`."""
    for widget in [root, *root.findChildren(QWidget)]:
        for slot, get, put in _text_slots(widget):
            current = get()
            if not current:
                continue
            source = widget.property(_SOURCE_PROPERTY + slot)
            shown = widget.property(_SHOWN_PROPERTY + slot)
            if to == "zh" and source is not None and current == shown:
                new = str(source)  # exactly what was there before the switch
            else:
                if to == "en":
                    widget.setProperty(_SOURCE_PROPERTY + slot, current)
                new = convert(current, to=to, contexts=_contexts(widget))
            widget.setProperty(_SHOWN_PROPERTY + slot, new)
            if new != current:
                put(new)
    for widget in [root, *root.findChildren(QWidget)]:
        retranslate = getattr(widget, "retranslate", None)
        if callable(retranslate):
            retranslate()


class LanguageSwitcher(QObject):
    """Owns the English translator of one kiosk window; `language` is "zh" or "en"."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("languageSwitcher")
        self._window = window
        self._translator: QTranslator | None = None
        self.language = "zh"
        self.default = "zh"

    def set_language(self, language: str) -> None:
        """Switch the window to `language` ("zh" or "en"); the visit and its answers stay."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
        if language == self.language:
            return
        app = QCoreApplication.instance()
        if language == "en":
            translator = QTranslator(self)
            if not translator.load(str(I18N_DIR / "servicehall_en.qm")):
                log.error("English translation missing from %s", I18N_DIR)
                return
            self._translator = translator
            if app is not None:
                app.installTranslator(translator)
        elif self._translator is not None:
            if app is not None:
                app.removeTranslator(self._translator)
            self._translator.deleteLater()
            self._translator = None
        self.language = language
        retranslate_tree(self._window, to=language)
        log.info("language switched to %s", language)


def switcher(widget: QWidget) -> LanguageSwitcher:
    """The language switcher of the window `widget` is in (made on first use)."""
    window = widget.window()
    found = window.findChild(LanguageSwitcher, "languageSwitcher")
    return found if found is not None else LanguageSwitcher(window)


def translate(context: str, text: str) -> str:
    """`QCoreApplication.translate`, under the name lupdate looks for."""
    return QCoreApplication.translate(context, text)
