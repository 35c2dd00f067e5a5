"""The Qt binding the kiosk runs on must survive a day of visits.

PySide6 6.12.0 drops a reference to True or False each time Python emits one through a signal.
On Python 3.11, where True and False are counted like any object, a kiosk dies with "Fatal
Python error: bool_dealloc" after some hundred visits (the visits bench found it). pyproject
keeps that release out; this test fails on any binding with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)
    anything = Signal(object)


def test_emitting_booleans_keeps_their_reference_counts(qapp: object) -> None:
    emitter = _Emitter()
    got: list[object] = []
    emitter.flag.connect(got.append)
    emitter.anything.connect(got.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.flag.emit(True)
        emitter.anything.emit(False)
    got.clear()
    after = sys.getrefcount(True), sys.getrefcount(False)
    # 400 emissions: a leaking binding loses 200 of each; other threads may hold a few.
    assert after[0] > before[0] - 50 and after[1] > before[1] - 50, (before, after)
