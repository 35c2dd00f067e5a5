"""The on-screen keyboard's learnt words do not outlive a visit."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.ui.touchkeyboard import forget_typed_words


def test_the_pinyin_user_dictionary_is_deleted(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("QT_IM_MODULE", "qtvirtualkeyboard")
    learnt = tmp_path / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat"
    learnt.parent.mkdir(parents=True)
    learnt.write_text("王芳 浙江省杭州市", encoding="utf-8")

    forget_typed_words()

    assert not (tmp_path / "qtvirtualkeyboard").exists()


def test_without_the_on_screen_keyboard_nothing_is_touched(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("QT_IM_MODULE", raising=False)
    other = tmp_path / "qtvirtualkeyboard" / "settings.ini"
    other.parent.mkdir(parents=True)
    other.write_text("x", encoding="utf-8")

    forget_typed_words()

    assert other.exists()
