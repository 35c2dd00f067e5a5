"""The print queue: job states, retry after paper-out, failure, and clearing at session end."""

from __future__ import annotations

import threading

import pytest

from printing.backends import PrinterError, PrinterUnavailable
from printing.document import Document, Paragraph
from printing.printqueue import JobStatus, PrintJob, PrintQueue, UnknownJob


class FakePrinter:
    """Fails with the given errors in turn, then prints; records what it printed."""

    name = "fake"

    def __init__(self, *errors: Exception, gate: threading.Event | None = None) -> None:
        self.errors = list(errors)
        self.printed: list[str] = []
        self.gate = gate
        self.started = threading.Event()

    def print_document(self, document: Document) -> str:
        self.started.set()
        if self.gate is not None:
            assert self.gate.wait(10)
        if self.errors:
            raise self.errors.pop(0)
        self.printed.append(document.title)
        return "ok"


def doc(title: str) -> Document:
    return Document(title, (Paragraph(title),))


def test_jobs_print_in_order_and_report_each_state() -> None:
    seen: list[PrintJob] = []
    printer = FakePrinter()
    queue = PrintQueue(printer, on_change=seen.append)
    a, b = queue.submit(doc("a")), queue.submit(doc("b"))
    assert queue.job(a).status is JobStatus.QUEUED
    assert queue.run_due() == 2
    assert printer.printed == ["a", "b"]
    assert queue.job(b).status is JobStatus.DONE and queue.job(b).result == "ok"
    assert [j.status for j in seen if j.job_id == a] == [
        JobStatus.QUEUED, JobStatus.PRINTING, JobStatus.DONE]


def test_paper_out_is_retried_until_it_prints() -> None:
    printer = FakePrinter(PrinterUnavailable("paper out"), PrinterUnavailable("paper out"))
    queue = PrintQueue(printer, retry_delay_s=0.01, max_attempts=5)
    queue.start()
    try:
        job_id = queue.submit(doc("receipt"))
        assert queue.wait_idle(10)
    finally:
        queue.stop()
    job = queue.job(job_id)
    assert job.status is JobStatus.DONE and job.attempts == 3 and printer.printed == ["receipt"]


def test_gives_up_after_max_attempts_and_staff_can_retry() -> None:
    printer = FakePrinter(*[PrinterUnavailable("offline")] * 2)
    queue = PrintQueue(printer, retry_delay_s=0.0, max_attempts=2)
    job_id = queue.submit(doc("r"))
    queue.run_due()
    queue.run_due()
    job = queue.job(job_id)
    assert job.status is JobStatus.FAILED and job.attempts == 2 and job.error == "offline"
    queue.retry(job_id)
    assert queue.job(job_id).status is JobStatus.QUEUED
    queue.run_due()
    assert queue.job(job_id).status is JobStatus.DONE


def test_a_setting_error_fails_at_once() -> None:
    queue = PrintQueue(FakePrinter(PrinterError("no lp")))
    job_id = queue.submit(doc("r"))
    queue.run_due()
    assert queue.job(job_id).status is JobStatus.FAILED and queue.job(job_id).attempts == 1


def test_clear_drops_waiting_and_finished_jobs_and_forgets_the_one_printing() -> None:
    gate = threading.Event()
    printer = FakePrinter(gate=gate)
    queue = PrintQueue(printer)
    queue.start()
    try:
        first = queue.submit(doc("printing"))
        assert printer.started.wait(10)
        queue.submit(doc("waiting"))
        assert queue.clear() == 1
        assert [j.job_id for j in queue.jobs()] == [first]
        gate.set()
        assert queue.wait_idle(10)
    finally:
        queue.stop()
    assert queue.jobs() == [] and printer.printed == ["printing"]
    with pytest.raises(UnknownJob):
        queue.job(first)


def test_a_failing_listener_does_not_stop_printing() -> None:
    def broken(job: PrintJob) -> None:
        raise RuntimeError("listener defect")

    queue = PrintQueue(FakePrinter(), on_change=broken)
    job_id = queue.submit(doc("r"))
    queue.run_due()
    assert queue.job(job_id).status is JobStatus.DONE
