"""Voice prompts: in 长辈版 the kiosk reads out what each screen asks, where a voice exists.

Off unless the configuration names a QtTextToSpeech engine (`voice_engine`), because the usual
Linux engine (speechd) has no Mandarin voice and hangs on a machine without an audio device. With
an engine, each screen's heading is spoken when the screen appears in elder mode, and so is the
idle warning; a language the engine has no voice for stays silent rather than being read out in
the wrong accent. Nothing personal is ever spoken: only headings, which are the screens' own words.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QLocale, QObject
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from kiosk.ui.language import switcher
from kiosk.ui.modes import ELDER, mode_of

log = logging.getLogger(__name__)

_SPOKEN_ROLES = ("title", "heading")
_LOCALES = {"zh": QLocale.Language.Chinese, "en": QLocale.Language.English}


def available_engines() -> list[str]:
    """The text-to-speech engines Qt can load here (none if QtTextToSpeech cannot be imported)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:  # the module needs libpulse0 just to import
        return []
    return list(QTextToSpeech.availableEngines())


def prompt_of(screen: QWidget) -> str:
    """The words to read out for `screen`: its first visible title or heading."""
    for label in screen.findChildren(QLabel):
        if label.property("role") in _SPOKEN_ROLES and label.isVisible() and label.text():
            return label.text().replace("\n", " ")
    return ""


class VoicePrompter(QObject):
    """Reads each screen's heading aloud in elder mode through one QtTextToSpeech engine."""

    def __init__(self, window: QStackedWidget, *, engine: str) -> None:
        super().__init__(window)
        self._window = window
        self._speech = None
        self._warning: QWidget | None = None
        self.last_prompt = ""
        if not engine:
            return
        if engine not in available_engines():
            log.warning("text-to-speech engine %r not installed; voice prompts are off", engine)
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._speech = QTextToSpeech(engine, self)
        window.currentChanged.connect(lambda _i: self.prompt(window.currentWidget()))
        self._warning = getattr(window, "idle_warning", None)
        if isinstance(self._warning, QWidget):
            self._warning.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._warning and event.type() == QEvent.Type.Show:
            self.prompt(self._warning)
        return False

    @property
    def enabled(self) -> bool:
        return self._speech is not None

    def prompt(self, screen: QWidget | None) -> None:
        """Say `screen`'s heading, if elder mode is on and a voice speaks the kiosk's language."""
        if screen is None or self._speech is None or mode_of(self._window) is not ELDER:
            return
        text = prompt_of(screen)
        if text and self._use_voice_for(switcher(self._window).language):
            self.last_prompt = text
            self._speech.say(text)

    def _use_voice_for(self, language: str) -> bool:
        assert self._speech is not None
        wanted = _LOCALES.get(language)
        for locale in self._speech.availableLocales():
            if locale.language() == wanted:
                if self._speech.locale() != locale:
                    self._speech.setLocale(locale)
                return bool(self._speech.availableVoices())
        return False
