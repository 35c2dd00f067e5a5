"""Voice prompts in elder mode: spoken through the engine configured, silent without one."""

from __future__ import annotations

from kiosk.ui.language import switcher
from kiosk.ui.voice import VoicePrompter, available_engines
from kiosk.ui.window import KioskWindow
from tests.ui.driver import KioskDriver


def test_without_an_engine_the_kiosk_is_silent(
    driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    voice = VoicePrompter(kiosk_window, engine="")
    assert not voice.enabled
    driver.click(kiosk_window.attract.elder_button)
    driver.click(kiosk_window.attract.track_button)
    driver.wait_for(kiosk_window.track)
    assert voice.last_prompt == ""


def test_elder_mode_reads_each_screen_heading_aloud(
    driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    assert "mock" in available_engines()
    w = kiosk_window
    voice = VoicePrompter(w, engine="mock")  # Qt's test engine: English voices only
    assert voice.enabled
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    assert voice.last_prompt == "", "standard mode stays quiet"
    driver.click(w.track.back_button)
    driver.wait_for(w.attract)
    driver.click(w.attract.elder_button)
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    assert voice.last_prompt == "", "no Chinese voice: silence, not the wrong accent"
    driver.click(w.track.back_button)
    driver.wait_for(w.attract)
    driver.click(w.attract.elder_button)
    driver.click(w.attract.language_button)
    assert switcher(w).language == "en"
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    assert voice.last_prompt == "Track an application"


def test_an_engine_that_is_not_installed_leaves_it_silent(kiosk_window: KioskWindow) -> None:
    assert not VoicePrompter(kiosk_window, engine="no-such-engine").enabled


def test_the_idle_warning_is_spoken_too(driver: KioskDriver, kiosk_window: KioskWindow) -> None:
    w = kiosk_window
    voice = VoicePrompter(w, engine="mock")
    driver.click(w.attract.elder_button)
    driver.click(w.attract.language_button)
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    w._on_idle()
    assert w.idle_warning.isVisible()
    assert voice.last_prompt.startswith("Are you still there?")
