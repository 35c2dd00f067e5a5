"""`servicehall receipt verify` and `servicehall print-test`: checking and printing paper.

`receipt verify` reads a receipt's QR code from a PDF or an image (or takes the code's text),
checks its signature against the device keys — refreshed from the platform when it is reachable,
otherwise the cache in the data folder — and prints the case number, the issuing device and the
verdict; a receipt that does not verify exits 1 with the reason. `print-test` prints a test slip
with a Chinese line and a signed QR on any printer back-end, to check a printer at installation.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.cli import _data_dir, _services
from kiosk.cliutil import UserError, print_help, print_json

PRINTER_HELP = ("where to print: pdf:PATH (a PDF file, or one per job in a folder), lp:QUEUE "
                "(CUPS; lp: for the default), escpos-tcp:HOST[:PORT] (network thermal printer, "
                "port 9100), escpos-file:DEVICE (e.g. /dev/usb/lp0 or a serial port); default "
                "pdf:print-test.pdf")


def cmd_receipt_verify(args: argparse.Namespace) -> int:
    from printing.keycache import KeyCacheError, load_device_keys
    from printing.verify import verify_file, verify_text

    try:
        if args.keys is not None:
            if not args.keys.is_file():
                raise UserError(f"--keys {args.keys}: no such file")
            keys = load_device_keys(args.keys).keys
        else:
            services = _services(args)
            try:
                keys = services.device_keys(refresh=not args.offline).keys
            finally:
                services.close()
    except KeyCacheError as exc:
        raise UserError(str(exc)) from exc
    if args.payload is not None:
        verdict = verify_text(args.payload.strip(), keys)
    elif args.file is not None:
        if not args.file.is_file():
            raise UserError(f"{args.file}: no such file")
        verdict = verify_file(args.file, keys)
    else:
        raise UserError("give a receipt file (PDF or image) or --payload TEXT")
    if not verdict.valid:
        if args.json:
            print_json({"valid": False, "reason": verdict.reason})
        raise UserError(f"receipt NOT valid: {verdict.reason}", 1)
    issued = verdict.issued_at.astimezone().isoformat(timespec="minutes") \
        if verdict.issued_at else None
    if args.json:
        print_json({"valid": True, "case_number": verdict.case_number,
                     "issuer": verdict.issuer, "issued_at": issued, "suite": verdict.suite})
    else:
        print(f"case number: {verdict.case_number}")
        print(f"issuer:      device {verdict.issuer}")
        print(f"issued at:   {issued}")
        print(f"validity:    VALID (signature {verdict.suite} checks out)")
    return 0


def cmd_print_test(args: argparse.Namespace) -> int:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from printing.backends import PrinterError, open_printer
    from printing.document import Document, Field, Paragraph, Qr, Rule, Title, stamp
    from printing.payload import ReceiptClaim, sign_receipt

    now = datetime.now(UTC)
    claim = ReceiptClaim(str(uuid.uuid4()), "TEST-0000", "print-test", "PRINT-TEST",
                         int(now.timestamp()), bytes(16))
    document = Document("打印测试 Print test", (
        Title("打印测试", "Printer test"),
        Rule(dashed=False),
        Paragraph("中文打印正常：政务服务一网通办。", role="value"),
        Paragraph("Latin text prints too: 0123456789 ABCDEFG abcdefg.", role="body"),
        Field("打印机 / Printer", args.printer),
        Field("时间 / Time", stamp(now.astimezone())),
        Qr(sign_receipt(claim, Ed25519PrivateKey.generate()), "测试二维码 / Test QR code"),
    ))
    try:
        printer = open_printer(args.printer, paper_name=args.paper)
        where = printer.print_document(document)
    except PrinterError as exc:
        raise UserError(f"print test failed: {exc}", 1) from exc
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    print(f"test slip printed: {where}")
    return 0


def cmd_receipt_print(args: argparse.Namespace) -> int:
    from kiosk.paperwork import stored_receipt
    from printing.backends import PrinterError, open_printer
    from printing.receipt import receipt_document
    from sync.casenumber import BadCaseNumber

    services = _services(args)
    try:
        spec = args.printer or services.config.printer
        if spec is None:
            raise UserError("no printer is configured here: pass --printer, e.g. "
                            "--printer pdf:receipt.pdf")
        data = stored_receipt(services.config, services.store, services.catalog,
                              args.case_number)
        paper = args.paper or f"{services.config.receipt_width_mm}mm"
        where = open_printer(spec, paper_name=paper).print_document(receipt_document(data))
    except BadCaseNumber as exc:
        raise UserError(f"case number: {exc}") from exc
    except LookupError as exc:
        raise UserError(str(exc), 1) from exc
    except PrinterError as exc:
        raise UserError(f"the receipt was not printed: {exc}", 1) from exc
    finally:
        services.close()
    print(f"receipt {data.case_number} printed: {where}")
    return 0


def cmd_ticket_take(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from forms.errors import UnknownService
    from kiosk.services import KioskServices
    from printing.backends import PrinterError
    from sync.store import NotEnrolled

    services = _services(args)
    if args.printer:
        services.close()
        services = KioskServices.open(replace(services.config, printer=args.printer))
    try:
        ticket, job_id = services.take_ticket(args.service)
        queue = services.printing.queue()
        job = None
        if queue is not None and job_id is not None:
            queue.wait_idle(timeout=30)
            job = queue.job(job_id)
    except UnknownService as exc:
        raise UserError(f"--service: {exc}") from exc
    except NotEnrolled as exc:
        raise UserError(str(exc)) from exc
    except PrinterError as exc:
        raise UserError(f"printer: {exc}") from exc
    finally:
        services.close()
    print_json({"number": ticket.number, "service": ticket.service_code,
                "counter": ticket.counter, "waiting": ticket.waiting,
                "issued_at": ticket.issued_at,
                "printed": None if job is None else job.status == "done",
                **({"print_error": job.error} if job is not None and job.error else {})})
    return 0 if job is None or job.status == "done" else 1


def cmd_ticket_call(args: argparse.Namespace) -> int:
    from kiosk.paperwork import local_time, ticket_number

    services = _services(args)
    try:
        device = services.device()
        if device is None:
            raise UserError("this device is not enrolled; enroll it first")
        number = services.store.call_next_ticket(day=local_time(services.config).date()
                                                 .isoformat(), service_code=args.service)
    finally:
        services.close()
    if number is None:
        raise UserError("nobody is waiting", 1)
    print(ticket_number(device, number))
    return 0


def add_commands(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register `receipt verify` and `print-test` with the main parser's subcommands."""
    receipt = add(sub, "receipt", lambda a: print_help(receipt),
                  "check receipts and other printouts", "servicehall receipt verify receipt.pdf")
    receipt_sub = receipt.add_subparsers(dest="receipt_command", metavar="ACTION")
    p = add(receipt_sub, "verify", cmd_receipt_verify,
            "verify a receipt's signed QR code; exit 1 with the reason if it is not genuine",
            "servicehall receipt verify scan.png --data-dir /var/lib/servicehall")
    _data_dir(p)
    p.add_argument("file", nargs="?", type=Path, metavar="FILE",
                   help="the receipt as a PDF or an image (PNG, JPEG) of it")
    p.add_argument("--payload", metavar="TEXT", help="the QR code's text instead of a file")
    p.add_argument("--keys", type=Path, metavar="FILE.json",
                   help="a device-key cache file to use instead of the data folder's")
    p.add_argument("--offline", action="store_true",
                   help="use the cached device keys without asking the platform")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")

    ticket = add(sub, "ticket", lambda a: print_help(ticket), "queue tickets (取号) of this kiosk",
                 "servicehall ticket take --service household-move-in")
    ticket_sub = ticket.add_subparsers(dest="ticket_command", metavar="ACTION")
    p = add(ticket_sub, "take", cmd_ticket_take,
            "take today's next queue number for a service and print the slip",
            "servicehall ticket take --service household-move-in --printer pdf:/tmp/tickets")
    _data_dir(p)
    p.add_argument("--service", required=True, metavar="CODE", help="the service's code")
    p.add_argument("--printer", metavar="NAME",
                   help="print here instead of the configured printer; "
                   + PRINTER_HELP.rsplit("; default", 1)[0])
    p = add(ticket_sub, "call", cmd_ticket_call,
            "call the next waiting ticket of today (for a counter) and print its number",
            "servicehall ticket call --service household-move-in")
    _data_dir(p)
    p.add_argument("--service", metavar="CODE", help="only tickets for this service")

    p = add(receipt_sub, "print", cmd_receipt_print,
            "print a stored case's receipt again (补打回执), rebuilt from this device's store",
            "servicehall receipt print 3301-0001-0000001-7 --printer lp:")
    _data_dir(p)
    p.add_argument("case_number", metavar="CASE_NUMBER", help="the number on the receipt")
    p.add_argument("--printer", metavar="NAME",
                   help="where to print (default: the configured printer); "
                   + PRINTER_HELP.rsplit("; default", 1)[0])
    p.add_argument("--paper", choices=("58mm", "80mm", "a4"),
                   help="paper format (default: the configured receipt width)")

    p = add(sub, "print-test", cmd_print_test,
            "print a test slip with a Chinese line and a QR code",
            "servicehall print-test --printer escpos-tcp:192.168.1.50:9100")
    p.add_argument("--printer", default="pdf:print-test.pdf", metavar="NAME", help=PRINTER_HELP)
    p.add_argument("--paper", default="80mm", choices=("58mm", "80mm", "a4"),
                   help="paper format (default 80mm)")



