"""Bilingual domain text.

Service names, field labels and error messages are data, not chrome, so they travel as a pair of
Chinese and English strings and the screen picks the language at the last moment. Chinese is the
default whenever the language asked for is not English.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """One piece of user-facing text in Simplified Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang` ("zh" or "en"); any other language gets Chinese."""
        return self.en if lang == "en" else self.zh


def shown(text: str) -> str:
    """`text` safe to put inside a message: characters that cannot be seen become code points (U+200B)."""
    return "".join(
        ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else f"U+{ord(ch):04X}"
        for ch in text
    )
