"""Typing names and addresses on a touch screen: Qt's on-screen keyboard, pinyin first.

A terminal has no physical keyboard. Qt Virtual Keyboard (shipped in the PySide6 wheels) shows a
keyboard whenever a text field takes focus, Chinese by pinyin with English a key away; ID and
phone numbers have the screens' own numeric keypads instead. Its pinyin engine learns the words
typed into a user dictionary on disk, which on a shared terminal would keep citizens' names and
addresses, so the kiosk deletes that dictionary at the end of every visit.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths


def use_touch_keyboard() -> None:
    """On a terminal (full screen), names and addresses are typed on Qt's on-screen keyboard,
    Chinese by pinyin first (it also has English); ID and phone numbers have the screens' own
    numeric keypads. Set QT_IM_MODULE yourself to choose another input method (a physical
    keyboard needs none). Must run before the QApplication exists."""
    if "QT_IM_MODULE" not in os.environ:
        os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def forget_typed_words() -> None:
    """Delete what the on-screen keyboard learnt (its pinyin user dictionary would keep the
    names and addresses citizens typed). Runs off the Qt thread at the end of every visit."""
    if os.environ.get("QT_IM_MODULE") != "qtvirtualkeyboard":
        return
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    shutil.rmtree(Path(base) / "qtvirtualkeyboard", ignore_errors=True)
