"""The paper of a visit, as a citizen meets it: the receipt and queue ticket come out of the
printer, a printer that is offline is said so and retried, and nothing of the visit is left on
disk afterwards.

The printer is real: a `pdf:` folder standing for the paper tray (each PDF is rasterised and its
QR decoded like a scanned slip), or an ESC/POS printer on a loopback TCP port that is first
absent and then listening.
"""

from __future__ import annotations

import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from forms.samples import sample_application
from kiosk.paperwork import VISIT_FOLDERS
from kiosk.services import KioskServices, SubmitResult
from kiosk.ui.window import KioskWindow
from printing.qrscan import decode_qr_image
from printing.verify import verify_text
from tests.conftest import PlatformHandle, artifacts_dir, device_config
from tests.helpers import residence_answers
from tests.ui.conftest import make_window
from tests.ui.driver import KioskDriver

SERVICE = "residence-certificate"
COUNTER_SERVICE = "household-move-in"


def _services(tmp_path: Path, platform: PlatformHandle, printer: str) -> KioskServices:
    config = replace(device_config(tmp_path / "kiosk", platform.url), printer=printer)
    services = KioskServices.open(config)
    services.enroll(platform.db.new_enroll_code(), name="printing kiosk")
    return services


@pytest.fixture
def tray(tmp_path: Path) -> Path:
    folder = tmp_path / "tray"
    folder.mkdir()
    return folder


@pytest.fixture
def printing_window(qtbot: QtBot, tmp_path: Path, platform_server: PlatformHandle,
                    tray: Path) -> Iterator[KioskWindow]:
    from kiosk.ui.tasks import wait_for_tasks

    services = _services(tmp_path, platform_server, f"pdf:{tray}")
    window = make_window(qtbot, services)
    yield window
    assert wait_for_tasks()
    services.close()


def _show_done(w: KioskWindow, result: SubmitResult, service_code: str) -> None:
    service = w.services.catalog.get(service_code)
    w.done.show_result(case_number=result.case_number, status=result.status,
                       receipt_file="receipt", time_limit_days=service.time_limit_days,
                       counter_visit=service.counter_visit, receipt=result.receipt,
                       service_code=service.code)
    w.setCurrentWidget(w.done)


def _printed(tray: Path, count: int) -> list[Path]:
    return sorted(tray.glob("*.pdf"))[:count]


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _rasterise(pdf: Path, keep_as: str) -> Path:
    """The slip as a 150 dpi PNG, also kept in build/printouts for people to look at."""
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(stem)],
                   check=True)
    png = stem.with_suffix(".png")
    (artifacts_dir("printouts") / keep_as).write_bytes(png.read_bytes())
    return png


def _scan(pdf: Path, keep_as: str) -> str:
    (payload,) = decode_qr_image(_rasterise(pdf, keep_as))
    return payload


def _visit_files(data_dir: Path) -> list[Path]:
    return [p for name in VISIT_FOLDERS for p in (data_dir / name).glob("*") if p.is_file()]


def test_the_receipt_prints_and_the_visit_leaves_no_files(
    qtbot: QtBot, printing_window: KioskWindow, platform_server: PlatformHandle, tray: Path,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = printing_window
    services = w.services
    result = services.submit(SERVICE, residence_answers(platform_server.residents[0]))
    assert result.receipt_path is not None and result.receipt is not None
    assert result.case_number not in result.receipt_path.name  # no case number in file names
    _show_done(w, result, SERVICE)
    qtbot.waitUntil(lambda: "回执已打印" in w.done.print_status.text(), timeout=15_000)
    assert w.done.print_status.text().startswith("✓")
    screenshot(w, "09b-done-receipt-printed")

    (slip,) = _printed(tray, 1)
    assert result.case_number not in slip.name
    text = _text(slip)
    assert result.case_number in text and "受理回执" in text and "居住证明" in text
    keys = services.device_keys(refresh=False).keys
    verdict = verify_text(_scan(slip, "kiosk-printed-receipt.png"), keys)
    assert verdict.valid and verdict.case_number == result.case_number

    data_dir = services.config.data_dir
    assert _visit_files(data_dir), "the receipt PDF of the visit should exist during the visit"
    w.done.finish_button.click()
    qtbot.waitUntil(lambda: not _visit_files(data_dir), timeout=15_000)
    queue = services.printing.queue()
    assert queue is not None and queue.jobs() == []
    names = [p.name for p in data_dir.rglob("*")]
    assert not [n for n in names if result.case_number in n]
    assert w.done.print_status.text() == "" and w.done.case_number.text() == ""


def test_a_counter_visit_prints_a_queue_ticket_too(
    qtbot: QtBot, printing_window: KioskWindow, tray: Path,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = printing_window
    service = w.services.catalog.get(COUNTER_SERVICE)
    assert service.counter_visit
    result = w.services.submit(COUNTER_SERVICE, sample_application(service))
    _show_done(w, result, COUNTER_SERVICE)
    qtbot.waitUntil(lambda: "排队号已打印" in w.done.ticket_status.text()
                    and "回执已打印" in w.done.print_status.text(), timeout=15_000)
    assert "A001" in w.done.ticket.text() and "前面等候 0 人" in w.done.ticket.text()
    screenshot(w, "09d-done-receipt-and-ticket")
    slips = {_text(p): p for p in _printed(tray, 2)}
    ((ticket, pdf),) = [(t, p) for t, p in slips.items() if "排队取号" in t]
    assert "A001" in ticket and service.name.zh in ticket and "(UTC" in ticket
    _rasterise(pdf, "kiosk-printed-ticket.png")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _ThermalPrinter:
    """A network thermal printer on loopback: accepts one job and keeps its bytes."""

    def __init__(self, port: int) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            while chunk := conn.recv(65536):
                self.received += chunk

    def close(self) -> None:
        self.thread.join(10)
        self.server.close()


def test_an_offline_printer_is_said_so_and_retry_prints_once_it_is_back(
    qtbot: QtBot, tmp_path: Path, platform_server: PlatformHandle,
    screenshot: Callable[[QWidget, str], Path],
) -> None:
    from kiosk.ui.tasks import wait_for_tasks

    port = _free_port()
    services = _services(tmp_path, platform_server, f"escpos-tcp:127.0.0.1:{port}")
    services.printing.max_attempts = 2
    services.printing.retry_delay_s = 0.05
    w = make_window(qtbot, services)
    try:
        result = services.submit(SERVICE, residence_answers(platform_server.residents[1]))
        _show_done(w, result, SERVICE)
        qtbot.waitUntil(lambda: "未能打印" in w.done.print_status.text(), timeout=15_000)
        assert w.done.retry_button.isVisible() and w.done.retry_button.accessibleName()
        assert w.done.print_status.text().startswith("⚠")
        screenshot(w, "09c-done-printer-offline")

        printer = _ThermalPrinter(port)
        w.done.retry_button.click()
        qtbot.waitUntil(lambda: "回执已打印" in w.done.print_status.text(), timeout=15_000)
        printer.close()
        assert not w.done.retry_button.isVisible()
        # The printer got the receipt with its signed code in the native QR command.
        payload = result.receipt.blocks and next(
            b.payload for b in result.receipt.blocks if hasattr(b, "payload"))
        assert payload.encode("ascii") in printer.received
        assert b"\x1d(k" in printer.received
    finally:
        assert wait_for_tasks()
        services.close()


def test_taking_a_queue_number_from_the_attract_screen(
    qtbot: QtBot, driver_for: Callable[[KioskWindow], KioskDriver],
    printing_window: KioskWindow, tray: Path, screenshot: Callable[[QWidget, str], Path],
) -> None:
    w = printing_window
    driver = driver_for(w)
    driver.click(w.attract.ticket_button)
    driver.wait_for(w.ticket)
    screenshot(w, "16-ticket-choose")
    driver.click(w.ticket.service_buttons[COUNTER_SERVICE])
    qtbot.waitUntil(lambda: w.ticket.number.text() == "A001", timeout=15_000)
    qtbot.waitUntil(lambda: "排队号已打印" in w.ticket.print_status.text(), timeout=15_000)
    assert "前面等候：0 人" in w.ticket.details.text()
    assert "(UTC" in w.ticket.details.text()
    screenshot(w, "17-ticket-taken")
    (slip,) = _printed(tray, 1)
    assert "A001" in _text(slip)

    driver.click(w.ticket.done_button)
    driver.wait_for(w.attract)
    driver.click(w.attract.ticket_button)
    driver.click(w.ticket.service_buttons[COUNTER_SERVICE])
    qtbot.waitUntil(lambda: w.ticket.number.text() == "A002", timeout=15_000)
    assert "前面等候：1 人" in w.ticket.details.text()


@pytest.fixture
def driver_for(qtbot: QtBot) -> Callable[[KioskWindow], KioskDriver]:
    def make(window: KioskWindow) -> KioskDriver:
        d = KioskDriver(qtbot, window)
        d.wait_until_ready()
        return d

    return make


def test_a_printer_out_of_paper_is_named_as_such(
    qtbot: QtBot, tmp_path: Path, platform_server: PlatformHandle,
) -> None:
    from kiosk.ui.tasks import wait_for_tasks

    # /dev/full answers every write with ENOSPC, which is how the Linux USB printer driver
    # reports an empty roll.
    services = _services(tmp_path, platform_server, "escpos-file:/dev/full")
    services.printing.retry_delay_s = 0.2
    w = make_window(qtbot, services)
    try:
        result = services.submit(SERVICE, residence_answers(platform_server.residents[2]))
        _show_done(w, result, SERVICE)
        qtbot.waitUntil(lambda: "打印机缺纸" in w.done.print_status.text(), timeout=15_000)
        assert w.done.print_status.text().startswith("⚠")
        services.printing.end_session()  # the citizen leaves: nothing waits for paper any more
        queue = services.printing.queue()
        assert queue is not None
        qtbot.waitUntil(lambda: queue.jobs() == [], timeout=15_000)
    finally:
        assert wait_for_tasks()
        services.close()
