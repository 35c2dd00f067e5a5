"""Where a document goes: a PDF file, a CUPS queue through `lp`, or a raw ESC/POS printer.

Every back-end takes a `printing.document.Document` and either prints it or raises: a
`PrinterUnavailable` for a condition that may clear by itself or with a hand (offline, paper out,
cover open, device busy) — the print queue retries those — and a plain `PrinterError` for a
setting that will not work until someone changes it (no `lp` installed, an unknown CUPS queue).
ESC/POS printers are reached over the network (raw TCP, port 9100) or through a device file
(`/dev/usb/lp0`, a serial port). `open_printer` turns a one-line printer name into a back-end:

    pdf:PATH                 write a PDF (PATH may be a folder: one file per job)
    lp:QUEUE                 print the PDF with CUPS `lp -d QUEUE` (`lp:` alone: the default)
    escpos-tcp:HOST[:PORT]   ESC/POS over the network, port 9100 by default
    escpos-file:PATH         ESC/POS written to a device file such as /dev/usb/lp0
"""

from __future__ import annotations

import errno
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Protocol

from printing.document import Document, paper

LP_TIMEOUT_S = 30
DEFAULT_RAW_PORT = 9100
STATUS_PAPER = b"\x10\x04\x04"
"""DLE EOT 4: real-time roll-paper sensor status."""


class PrinterError(Exception):
    """The printer cannot be used as configured; the message says what to change."""


class PrinterUnavailable(PrinterError):
    """The printer is offline, out of paper or busy; trying again later may succeed.

    `condition` is "paper" when the printer reported its paper out, else "offline".
    """

    def __init__(self, message: str, condition: str = "offline") -> None:
        super().__init__(message)
        self.condition = condition


class Printer(Protocol):
    """A place documents can be printed."""

    name: str

    def print_document(self, document: Document) -> str:
        """Print one document and return a short description of where it went."""
        ...


class PdfPrinter:
    """Writes each document as a PDF, to a file or (if `target` is a folder) into it."""

    def __init__(self, target: Path, paper_name: str = "80mm") -> None:
        self.target = Path(target)
        self.paper = paper(paper_name).name
        self.name = f"pdf:{self.target}"
        self._count = 0

    def print_document(self, document: Document) -> str:
        from printing.pdfdraw import render_document

        path = self.target
        if path.is_dir():
            # Job files are named by time and count only: a title names a case or a person.
            self._count += 1
            stamp = time.strftime("%Y%m%d-%H%M%S")
            path = path / f"job-{stamp}-{self._count:04d}-{secrets.token_hex(3)}.pdf"
        try:
            render_document(document, path, self.paper)
        except FileNotFoundError as exc:
            raise PrinterError(f"the folder {path.parent} does not exist; create it or choose "
                               "another pdf: path") from exc
        except OSError as exc:
            raise PrinterUnavailable(f"cannot write {path}: {exc.strerror or exc}") from exc
        return str(path)


class LpPrinter:
    """Prints the PDF through CUPS with `lp`."""

    def __init__(self, queue: str | None = None, paper_name: str = "80mm") -> None:
        self.queue = queue or None
        self.paper = paper(paper_name).name
        self.name = f"lp:{queue or ''}"

    def print_document(self, document: Document) -> str:
        from printing.pdfdraw import render_document

        lp = shutil.which("lp")
        if lp is None:
            raise PrinterError("the CUPS command lp is not installed, so the system printer "
                               "cannot be used; install the Debian package cups-client or "
                               "choose another printer (pdf:PATH, escpos-tcp:HOST)")
        with tempfile.TemporaryDirectory(prefix="servicehall-lp-") as tmp:
            pdf = render_document(document, Path(tmp) / "job.pdf", self.paper)
            argv = [lp, *(["-d", self.queue] if self.queue else []), "-t", document.title,
                    str(pdf)]
            try:
                done = subprocess.run(argv, capture_output=True, text=True, timeout=LP_TIMEOUT_S,
                                      check=False)
            except subprocess.TimeoutExpired as exc:
                raise PrinterUnavailable(f"lp did not answer within {LP_TIMEOUT_S} s") from exc
            except OSError as exc:
                raise PrinterError(f"lp could not be run: {exc}") from exc
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()
            if "does not exist" in detail or "Unknown destination" in detail:
                raise PrinterError(f"CUPS has no printer {self.queue!r} ({detail}); check the "
                                   "name with `lpstat -p`")
            raise PrinterUnavailable(f"lp failed (exit {done.returncode}): {detail}")
        return done.stdout.strip() or f"sent to {self.queue or 'the default printer'}"


class TcpTransport:
    """Raw TCP to a network thermal printer (port 9100), optionally checking paper first."""

    def __init__(self, host: str, port: int = DEFAULT_RAW_PORT, *, timeout: float = 5.0,
                 check_paper: bool = False) -> None:
        self.host, self.port, self.timeout, self.check_paper = host, port, timeout, check_paper
        self.name = f"escpos-tcp:{host}:{port}"

    def send(self, data: bytes) -> None:
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as conn:
                if self.check_paper:
                    conn.sendall(STATUS_PAPER)
                    status = conn.recv(1)
                    if status and status[0] & 0x60 == 0x60:
                        raise PrinterUnavailable(f"{self.name}: out of paper; load a new roll",
                                                 "paper")
                conn.sendall(data)
        except PrinterUnavailable:
            raise
        except OSError as exc:
            raise PrinterUnavailable(
                f"{self.name} is not reachable ({exc.strerror or exc}); check that it is "
                "switched on and connected") from exc


class FileTransport:
    """Writes to a device file: a USB printer (/dev/usb/lp0) or a serial port."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = f"escpos-file:{self.path}"

    def send(self, data: bytes) -> None:
        try:
            with self.path.open("r+b" if self.path.is_char_device() else "ab") as device:
                device.write(data)
                device.flush()
        except OSError as exc:
            if exc.errno == errno.ENOSPC:  # the Linux USB printer driver's "paper out"
                raise PrinterUnavailable(f"{self.path}: out of paper; load a new roll",
                                         "paper") from exc
            raise PrinterUnavailable(
                f"cannot write to {self.path} ({exc.strerror or exc}); check that the printer "
                "is plugged in and this user may use the device") from exc


class Transport(Protocol):
    name: str

    def send(self, data: bytes) -> None: ...


class EscPosPrinter:
    """Sends documents as native ESC/POS commands through a transport."""

    def __init__(self, transport: Transport, paper_name: str = "80mm") -> None:
        fmt = paper(paper_name)
        if fmt.printer_dots is None:
            raise PrinterError(f"ESC/POS printers take slips; {fmt.name} is not one")
        self.transport = transport
        self.paper = fmt.name
        self.name = transport.name

    def print_document(self, document: Document) -> str:
        from printing.escpos import to_escpos

        self.transport.send(to_escpos(document, self.paper))
        return f"sent to {self.name}"


def open_printer(spec: str, *, paper_name: str = "80mm") -> Printer:
    """A back-end for a printer name (see the module docstring for the forms).

    :raises PrinterError: naming the accepted forms, for anything else.
    """
    kind, _, rest = spec.partition(":")
    if kind == "pdf" and rest:
        return PdfPrinter(Path(rest), paper_name)
    if kind == "lp":
        return LpPrinter(rest or None, paper_name)
    if kind == "escpos-tcp" and rest:
        host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
        try:
            number = int(port) if port else DEFAULT_RAW_PORT
        except ValueError:
            number = -1
        if not host or not 0 < number < 65536:
            raise PrinterError(f"{spec!r}: expected escpos-tcp:HOST or escpos-tcp:HOST:PORT")
        return EscPosPrinter(TcpTransport(host, number), paper_name)
    if kind == "escpos-file" and rest:
        return EscPosPrinter(FileTransport(Path(rest)), paper_name)
    raise PrinterError(f"unknown printer {spec!r}; use pdf:PATH, lp:QUEUE, escpos-tcp:HOST:PORT "
                       "or escpos-file:/dev/usb/lp0")
