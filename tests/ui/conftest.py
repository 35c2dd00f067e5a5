"""Fixtures for the kiosk screens: the real window on the real service layer, and its driver."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services import KioskServices
from kiosk.ui.tasks import wait_for_tasks
from kiosk.ui.window import KioskWindow
from tests.conftest import artifacts_dir
from tests.ui.driver import KioskDriver


def make_window(qtbot: QtBot, services: KioskServices, **kwargs: int) -> KioskWindow:
    window = KioskWindow(services, **kwargs)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


@pytest.fixture
def kiosk_window(qtbot: QtBot, kiosk_services: KioskServices) -> Iterator[KioskWindow]:
    window = make_window(qtbot, kiosk_services)
    yield window
    # Let look-ups and submissions finish before the service layer closes its store.
    assert wait_for_tasks()


@pytest.fixture
def driver(qtbot: QtBot, kiosk_window: KioskWindow) -> KioskDriver:
    d = KioskDriver(qtbot, kiosk_window)
    d.wait_until_ready()
    return d


@pytest.fixture
def screenshot() -> Callable[[QWidget, str], Path]:
    """Save a 1280×800 PNG of a screen to `<artifacts>/screens/<name>.png` for people to look at."""
    folder = artifacts_dir("screens")

    def save(widget: QWidget, name: str) -> Path:
        widget.resize(1280, 800)
        QApplication.sendPostedEvents()  # let pending layout requests settle before the picture
        QApplication.processEvents()
        path = folder / f"{name}.png"
        assert widget.grab().save(str(path)), f"could not write {path}"
        return path

    return save
