"""Watching the ID-card reader from a screen: poll it on a worker, report each card placed once.

`CardReaderWatcher` opens the configured driver (`kiosk.idcard.open_reader`) and calls its
`read()` every `interval_ms` while started, always on the worker pool and never twice at once, so a
slow or hung device costs the Qt thread nothing. A card is reported by `card_read(IdCard)` when it
is placed; the same card lying there is not reported again until it has been taken away, even
across visits (a card left behind must not identify the next citizen), for which the watcher keeps
a keyed digest of the last card's number, never the number itself. A device
failure is reported once by `unavailable()` (and logged without what the card says), and polling
goes on, so a reader plugged back in starts working again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.idcard import IdCard, IdCardReader, open_reader
from kiosk.ui.tasks import Task

log = logging.getLogger(__name__)


class CardReaderWatcher(QObject):
    """Polls the reader `spec` names ("none" watches nothing)."""

    card_read = Signal(object)  # IdCard
    unavailable = Signal()

    def __init__(self, spec: str, parent: QObject | None = None, *,
                 interval_ms: int = 400) -> None:
        super().__init__(parent)
        self.spec = spec
        self._reader: IdCardReader | None = None
        self._lock = threading.Lock()
        self._busy = False
        self._present: bytes | None = None
        self._key = os.urandom(16)
        self._failing = False
        self._generation = 0
        self.reads = 0
        """Reads that came back (with a card, without one, or failing); for tests and status."""
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._poll)

    @property
    def configured(self) -> bool:
        return self.spec.strip() != "none"

    def start(self) -> None:
        if self.configured and not self._timer.isActive():
            self._timer.start()
            self._poll()

    def stop(self) -> None:
        """Stop polling (a read in flight is ignored when it returns)."""
        self._timer.stop()
        self._generation += 1
        self._busy = False

    def _read(self) -> IdCard | None:
        with self._lock:  # one read at a time, even across a stop and a start
            if self._reader is None:
                self._reader = open_reader(self.spec)
            return self._reader.read() if self._reader is not None else None

    def _poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        generation = self._generation
        Task(self._read, parent=self).success(
            lambda card: self._got(generation, card)).failure(
            lambda exc: self._failed(generation, exc)).run_in_background()

    def _got(self, generation: int, card: IdCard | None) -> None:
        if generation != self._generation:
            return
        self.reads += 1
        self._busy = False
        self._failing = False
        if card is None:
            self._present = None
            return
        digest = hashlib.blake2b(card.id_number.encode("utf-8"), key=self._key,
                                 digest_size=16).digest()
        if digest == self._present:
            return
        self._present = digest
        self.card_read.emit(card)

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self.reads += 1
        self._busy = False
        if not self._failing:
            self._failing = True
            log.warning("ID card reader failed: %s: %s", type(exc).__name__, exc)
            self.unavailable.emit()
