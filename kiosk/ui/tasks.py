"""Background work for the screens: run a callable on a worker, get its answer on the Qt thread.

The Qt thread never waits on disk or network. A screen wraps the slow call in a `Task`, chains
what to do with the result and with a failure, and starts it:
`Task(lambda: services.lookup(number), parent=self).success(show).failure(warn)
.run_in_background()`.
The callable runs on a small `QThreadPool`; its result or exception comes back through a queued
signal of a relay object that lives on the Qt thread, so callbacks may touch widgets. If the
`parent` widget has been destroyed by then, the callbacks are skipped. `ThreadBridge` carries
values the other way round for callbacks that other code invokes from its own threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

_MAX_WORKERS = 4
_pool: QThreadPool | None = None
_in_flight: set[_Relay] = set()


def worker_pool() -> QThreadPool:
    """The pool every screen task runs on (created on first use, not at import)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(_MAX_WORKERS)
    return _pool


def wait_for_tasks(timeout_ms: int = 30_000) -> bool:
    """Block until running tasks finish (shutdown and test teardown only); True if they did."""
    if _pool is None:
        return True
    return _pool.waitForDone(timeout_ms)


def _log_failure(exc: BaseException) -> None:
    log.error("background task failed: %s", type(exc).__name__, exc_info=exc)


class _Relay(QObject):
    """Lives on the Qt thread; its queued signal carries one task's outcome back there."""

    finished = Signal(object, object)

    def __init__(self, task: Task[object]) -> None:
        super().__init__()
        self._task = task
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: object, error: object) -> None:
        _in_flight.discard(self)
        self._task._deliver(result, error)
        self.deleteLater()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # every failure must reach the screen, whatever its kind
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class Task(Generic[T]):
    """A slow call to make off the Qt thread, with its success and failure callbacks."""

    def __init__(self, fn: Callable[[], T], *, parent: QObject | None = None) -> None:
        self._fn = fn
        self._parent = parent
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[Exception], None] = _log_failure

    def success(self, callback: Callable[[T], None]) -> Task[T]:
        """Call `callback(result)` on the Qt thread when the call returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Task[T]:
        """Call `callback(exception)` on the Qt thread when the call raises (default: log it)."""
        self._on_failure = callback
        return self

    def run_in_background(self) -> None:
        """Start the call on the worker pool; must be called from the Qt thread."""
        relay = _Relay(self)  # type: ignore[arg-type]
        _in_flight.add(relay)
        worker_pool().start(_Runnable(self._fn, relay))

    def _deliver(self, result: object, error: object) -> None:
        if self._parent is not None and not shiboken6.isValid(self._parent):
            return
        if isinstance(error, Exception):
            self._on_failure(error)
        elif self._on_success is not None:
            self._on_success(result)  # type: ignore[arg-type]


class ThreadBridge(QObject):
    """Hands values posted from any thread to `received` listeners on the Qt thread."""

    received = Signal(object)
    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The bridge lives on the Qt thread, so this connection is queued for other threads.
        self._posted.connect(self._forward)

    def post(self, value: object) -> None:
        """Safe to call from any thread; dropped once the bridge is gone."""
        if shiboken6.isValid(self):
            self._posted.emit(value)

    @Slot(object)
    def _forward(self, value: object) -> None:
        self.received.emit(value)
