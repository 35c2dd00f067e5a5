"""The print queue: documents wait their turn, failed prints are retried, a session ends clean.

Jobs go to one printer in order, on one worker thread, so the kiosk's screens never wait for
paper. A job is `queued`, then `printing`, then `done` or `failed`. When the printer reports a
condition that may clear — offline, out of paper (`PrinterUnavailable`) — the job goes back to
the queue and is tried again after a growing delay, up to `max_attempts`; a staff member can
`retry` a failed job once the paper is in. Any other error fails the job at once. Documents hold
personal data, so `clear()` at the end of every visit drops jobs not yet printing and forgets
finished ones. Status changes are reported through a plain callback.
"""

from __future__ import annotations

import enum
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from printing.backends import Printer, PrinterUnavailable
from printing.document import Document

log = logging.getLogger(__name__)


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class PrintJob:
    """A snapshot of one job; `error` is the last failure's message."""

    job_id: int
    title: str
    status: JobStatus
    attempts: int = 0
    error: str | None = None
    result: str | None = None
    condition: str | None = None
    """While a job waits for the printer: "paper" (out of paper) or "offline"."""


class UnknownJob(KeyError):
    """No job with that id (it never existed or was cleared)."""


class PrintQueue:
    """A thread-safe queue of documents for one printer."""

    def __init__(self, printer: Printer, *, max_attempts: int = 5, retry_delay_s: float = 2.0,
                 max_delay_s: float = 60.0,
                 on_change: Callable[[PrintJob], None] | None = None) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.printer = printer
        self.max_attempts = max_attempts
        self.retry_delay_s = retry_delay_s
        self.max_delay_s = max_delay_s
        self._on_change = on_change
        self._cond = threading.Condition()
        self._jobs: dict[int, PrintJob] = {}
        self._documents: dict[int, Document] = {}
        self._due: dict[int, float] = {}
        self._forget: set[int] = set()
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._stopping = False

    # -- submitting and looking -------------------------------------------------------------

    def submit(self, document: Document) -> int:
        """Queue a document and return its job id."""
        with self._cond:
            job_id = next(self._ids)
            job = PrintJob(job_id, document.title, JobStatus.QUEUED)
            self._jobs[job_id] = job
            self._documents[job_id] = document
            self._due[job_id] = time.monotonic()
            self._cond.notify_all()
        self._report(job)
        return job_id

    def job(self, job_id: int) -> PrintJob:
        """:raises UnknownJob: if there is no such job."""
        with self._cond:
            try:
                return self._jobs[job_id]
            except KeyError:
                raise UnknownJob(job_id) from None

    def jobs(self) -> list[PrintJob]:
        with self._cond:
            return list(self._jobs.values())

    def retry(self, job_id: int) -> None:
        """Queue a failed job again, with a fresh count of attempts.

        :raises UnknownJob: if there is no such job. A job that has not failed is left as is.
        """
        with self._cond:
            job = self.job(job_id)
            if job.status is not JobStatus.FAILED or job_id not in self._documents:
                return
            job = replace(job, status=JobStatus.QUEUED, attempts=0)
            self._jobs[job_id] = job
            self._due[job_id] = time.monotonic()
            self._cond.notify_all()
        self._report(job)

    def clear(self) -> int:
        """End of session: drop queued and finished jobs; one printing now is forgotten once
        it ends. Returns how many queued jobs were dropped unprinted."""
        with self._cond:
            dropped = 0
            for job_id, job in list(self._jobs.items()):
                if job.status is JobStatus.PRINTING:
                    self._forget.add(job_id)
                    continue
                dropped += job.status is JobStatus.QUEUED
                self._drop(job_id)
            self._cond.notify_all()
        if dropped:
            log.info("print queue cleared: %d job(s) dropped unprinted", dropped)
        return dropped

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or printing; False if `timeout` passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while any(j.status in (JobStatus.QUEUED, JobStatus.PRINTING)
                      for j in self._jobs.values()):
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
            return True

    # -- working ------------------------------------------------------------------------------

    def start(self) -> None:
        """Print in the background on a daemon thread until `stop`."""
        with self._cond:
            if self._thread is not None:
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="print-queue", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        with self._cond:
            thread, self._thread = self._thread, None
            self._stopping = True
            self._cond.notify_all()
        if thread is not None:
            thread.join(timeout)

    def run_due(self) -> int:
        """Print every job that is due now, in the calling thread; return how many ran."""
        ran = 0
        while (job_id := self._take(block=False)) is not None:
            self._print(job_id)
            ran += 1
        return ran

    def _run(self) -> None:
        while True:
            job_id = self._take(block=True)
            if job_id is None:
                return
            self._print(job_id)

    def _take(self, *, block: bool) -> int | None:
        with self._cond:
            while True:
                if block and self._stopping:
                    return None
                now = time.monotonic()
                queued = [(due, job_id) for job_id, due in self._due.items()
                          if self._jobs[job_id].status is JobStatus.QUEUED]
                ready = [item for item in queued if item[0] <= now]
                if ready:
                    job_id = min(ready)[1]
                    self._jobs[job_id] = replace(self._jobs[job_id], status=JobStatus.PRINTING)
                    return job_id
                if not block:
                    return None
                self._cond.wait(min(item[0] for item in queued) - now if queued else None)

    def _print(self, job_id: int) -> None:
        with self._cond:
            job = self._jobs[job_id]
            document = self._documents[job_id]
        self._report(job)
        attempts = job.attempts + 1
        try:
            result = self.printer.print_document(document)
        except PrinterUnavailable as exc:
            again = attempts < self.max_attempts
            job = replace(job, status=JobStatus.QUEUED if again else JobStatus.FAILED,
                          attempts=attempts, error=str(exc), condition=exc.condition)
            delay = min(self.max_delay_s, self.retry_delay_s * 2 ** (attempts - 1))
            log.warning("print job %d: printer unavailable (attempt %d)", job_id, attempts)
        except Exception as exc:  # a defect or bad setting: fail the job, keep the queue alive
            job = replace(job, status=JobStatus.FAILED, attempts=attempts,
                          error=str(exc) or type(exc).__name__, condition=None)
            delay = 0.0
            log.error("print job %d failed: %s", job_id, type(exc).__name__)
        else:
            job = replace(job, status=JobStatus.DONE, attempts=attempts, error=None,
                          result=result, condition=None)
            delay = 0.0
        with self._cond:
            if job_id in self._forget:
                self._forget.discard(job_id)
                self._drop(job_id)
            else:
                self._jobs[job_id] = job
                self._due[job_id] = time.monotonic() + delay
                if job.status is JobStatus.DONE:
                    self._documents.pop(job_id, None)  # a failed job keeps it for retry()
            self._cond.notify_all()
        self._report(job)

    def _drop(self, job_id: int) -> None:
        self._jobs.pop(job_id, None)
        self._documents.pop(job_id, None)
        self._due.pop(job_id, None)

    def _report(self, job: PrintJob) -> None:
        if self._on_change is None:
            return
        try:
            self._on_change(job)
        except Exception:  # a listener's defect must not stop printing
            log.exception("print queue listener failed")
