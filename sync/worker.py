"""The sync worker: push the outbox in batches, then pull the changes feed.

`sync_once` drains what it can and returns counts; `SyncLoop` runs it on a background thread with
full-jitter exponential backoff after failures (honouring the platform's Retry-After), and wakes
early when asked to (after a submit). Nothing here touches a widget: results go to a callback.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sync.blobs import BlobProblem
from sync.client import PlatformClient
from sync.errors import RequestRefused, ServerBusy, SyncError
from sync.model import NotEnrolled
from sync.ratings import push_ratings
from sync.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncCounts:
    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: int = 0
    uploaded: int = 0
    ledger_mismatch_days: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"pushed": self.pushed, "duplicates": self.duplicates,
                "rejected": self.rejected, "pulled": self.pulled, "uploaded": self.uploaded,
                "ledger_mismatch_days": self.ledger_mismatch_days}


def push_outbox(store: Store, client: PlatformClient, *, batch_items: int = 500,
                batch_bytes: int = 2_000_000) -> dict[str, int]:
    """Push every queued case; a failed batch stays queued and the error propagates."""
    totals = {"accepted": 0, "duplicate": 0, "rejected": 0}
    while True:
        batch = store.outbox_batch(max_items=batch_items, max_bytes=batch_bytes)
        if not batch:
            return totals
        try:
            outcomes = client.push([item.body for item in batch])
        except SyncError as exc:
            store.record_push_failure([i.outbox_id for i in batch], type(exc).__name__)
            raise
        sent = {item.idempotency_key for item in batch}
        counts = store.record_push(outcomes)
        for key, n in counts.items():
            totals[key] += n
        answered = {o.idempotency_key for o in outcomes}
        if not sent & answered:
            # An answer that covers none of what we sent would loop forever.
            raise SyncError("the platform answered a push without naming any sent item")


def upload_attachments(store: Store, client: PlatformClient, *,
                       chunk_size: int = 256 * 1024) -> int:
    """Upload the files of pushed cases, resuming from what the platform already holds."""
    uploaded = 0
    for sha, size in store.pending_uploads():
        state = client.blob_status(sha)
        if not state.complete:
            try:
                data = store.blobs.read(sha)
            except BlobProblem as exc:
                log.warning("cannot upload an attachment: %s", exc)
                continue
            offset = state.offset
            while not state.complete:
                try:
                    state = client.upload_chunk(sha, offset, size,
                                                data[offset:offset + chunk_size])
                except RequestRefused:
                    # Offset moved (an earlier chunk did arrive) or checksum failed: ask again.
                    state = client.blob_status(sha)
                    if not state.complete and state.offset == offset:
                        raise
                offset = state.offset
        store.mark_uploaded(sha)
        uploaded += 1
    return uploaded


def report_ledger(store: Store, client: PlatformClient) -> int:
    """Send the last week's daily digests; return how many days the platform disagrees on."""
    days = store.ledger()
    if not days:
        return 0
    return sum(1 for d in client.report_ledger(days) if not d.get("match"))


def pull_changes(store: Store, client: PlatformClient, *, page_size: int = 500) -> int:
    """Apply the changes feed from the stored cursor to its end; return changes applied."""
    applied = 0
    while True:
        page = client.changes(store.cursor(), page_size)
        applied += store.apply_changes(page.changes, page.next_cursor)
        if not page.has_more:
            return applied


def sync_once(store: Store, client: PlatformClient) -> SyncCounts:
    """One full round: push queued cases and ratings, upload their files, pull changes, report the ledger.

    :raises sync.errors.SyncError: if the platform cannot be reached or refuses; nothing is
        lost — unsent cases stay queued.
    """
    pushed = push_outbox(store, client)
    rated = push_ratings(store, client)  # after the cases they rate
    if any(rated.values()):
        log.info("ratings pushed: %s", rated)
    uploaded = upload_attachments(store, client)
    pulled = pull_changes(store, client)
    mismatches = report_ledger(store, client)
    return SyncCounts(pushed["accepted"], pushed["duplicate"], pushed["rejected"], pulled,
                      uploaded, mismatches)


def backoff_delay(failures: int, *, base: float = 1.0, cap: float = 300.0,
                  retry_after: float | None = None, rng: random.Random | None = None) -> float:
    """Full-jitter exponential backoff; never sooner than the platform's Retry-After."""
    upper = min(cap, base * 2 ** max(0, failures - 1))
    delay = (rng or random).uniform(0, upper)
    return max(delay, retry_after or 0.0)


class SyncLoop:
    """Runs `sync_once` on a daemon thread every `interval` seconds, or sooner when woken."""

    def __init__(
        self,
        store: Store,
        client_factory: Callable[[], PlatformClient],
        *,
        interval: float = 30.0,
        on_result: Callable[[SyncCounts | Exception], None] | None = None,
    ) -> None:
        self._store = store
        self._client_factory = client_factory
        self._interval = interval
        self._on_result = on_result or (lambda _r: None)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="servicehall-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        client: PlatformClient | None = None
        try:
            while not self._stop.is_set():
                result: SyncCounts | Exception
                try:
                    client = client or self._client_factory()
                    result = sync_once(self._store, client)
                    failures = 0
                    delay = self._interval
                except SyncError as exc:
                    failures += 1
                    retry_after = exc.retry_after if isinstance(exc, ServerBusy) else None
                    delay = backoff_delay(failures, cap=self._interval, retry_after=retry_after)
                    log.info("sync failed (%s); next try in %.1f s", type(exc).__name__, delay)
                    result = exc
                except NotEnrolled as exc:  # nothing to sync with until staff enroll it
                    log.warning("sync waits: this device is not enrolled with a platform yet")
                    failures += 1
                    delay = self._interval
                    result = exc
                except Exception as exc:  # a bug: keep the loop alive, and say where
                    log.warning("sync round failed: %s", type(exc).__name__, exc_info=True)
                    failures += 1
                    delay = self._interval
                    result = exc
                try:
                    self._on_result(result)
                except Exception:
                    log.exception("sync result callback failed")
                self._wake.wait(delay)
                self._wake.clear()
        finally:
            if client is not None:
                client.close()
