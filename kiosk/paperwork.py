"""The paper of a visit: receipts, queue tickets, the kiosk's printer, and forgetting them all.

A receipt is built from the stored case (never from widgets), signed with the device's receipt
key in the deployment's suite (`Config.signature_suite`: Ed25519, or SM2), and dated with the
working-day calendar of `forms.workdays`, so the promised date is computed in one place and
handed to `printing`. Printouts go through one `printing.printqueue.PrintQueue` feeding the
printer named in the configuration (`Config.printer`); screens follow their jobs through
listeners. Files a visit needs on disk — the receipt PDF, letters, notices — are written under
`<data dir>/spool/` with random names, never a case number or a name, and `PrintDesk.end_session`
deletes them and empties the queue when the visit ends: the store keeps the case, and paper can
always be printed again from it. No Qt here: screens call these from worker threads.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from forms.catalog import Catalog, Service
from forms.errors import CatalogError
from forms.workdays import Deadline, load_calendar
from kiosk.config import Config
from sync.model import StoredCase
from sync.store import Device, Store

if TYPE_CHECKING:
    from printing.document import Document
    from printing.printqueue import PrintJob, PrintQueue
    from printing.receipt import ReceiptData
    from printing.suites import SigningKey

log = logging.getLogger(__name__)

SPOOL_DIR = "spool"
VISIT_FOLDERS = (SPOOL_DIR, "receipts", "notices")
"""Folders under the data dir whose files belong to a visit and go when it ends."""
CALENDAR_FILE = "calendar.json"
"""A newer working-day calendar (the platform's, or the administrator's) in the data dir."""
GENERAL_COUNTER = ("综合受理窗口", "General service counter")


def kiosk_zone(config: Config) -> tzinfo:
    """The zone printed times are in: the configured one, else the system's."""
    if config.time_zone:
        return ZoneInfo(config.time_zone)
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def local_time(config: Config, moment: datetime | None = None) -> datetime:
    """`moment` (now if None) in the kiosk's zone."""
    return (moment or datetime.now().astimezone()).astimezone(kiosk_zone(config))


# -- receipt keys ---------------------------------------------------------------------------


def receipt_key(config: Config, store: Store) -> SigningKey:
    """The key receipts are signed with, in the configured suite (SM2 made on first use)."""
    if config.signature_suite == "sm2":
        from printing.suites import Sm2PrivateKey

        secret = store.suite_secret("sm2", lambda: Sm2PrivateKey.generate().private_bytes())
        return Sm2PrivateKey(secret)
    return store.signing_key()


def own_public_keys(config: Config, store: Store) -> dict[str, bytes]:
    """This device's receipt public keys by suite name: Ed25519 always, SM2 when configured."""
    from printing.suites import ED25519, SM2, public_key_bytes

    keys = {ED25519: public_key_bytes(store.signing_key())}
    if config.signature_suite == "sm2":
        keys[SM2] = public_key_bytes(receipt_key(config, store))
    return keys


def further_public_keys(config: Config, store: Store) -> dict[str, bytes]:
    """The receipt keys the platform does not get at enrollment's `public_key` (SM2)."""
    from printing.suites import ED25519

    return {suite: key for suite, key in own_public_keys(config, store).items()
            if suite != ED25519}


# -- the receipt ------------------------------------------------------------------------------


def due_date(config: Config, service: Service, accepted: datetime) -> Deadline:
    """The day the promised time limit ends, counted in working days from `accepted`."""
    update = config.data_dir / CALENDAR_FILE
    try:
        calendar = load_calendar(update if update.exists() else None)
    except CatalogError as exc:
        log.warning("working-day calendar update unusable, using the shipped one: %s", exc)
        calendar = load_calendar()
    return calendar.add_working_days(local_time(config, accepted).date(),
                                     service.time_limit_days)


_HANDED_IN = {"photo": ("拍照", "photographed"), "scan": ("扫描件", "scanned"),
              "e-licence": ("电子证照", "e-licence")}


def receipt_data(config: Config, store: Store, service: Service, stored: StoredCase,
                 answers: dict[str, str], *,
                 materials: Mapping[str, str] | None = None) -> ReceiptData:
    """Everything a receipt prints for a stored case, its QR code signed.

    `materials` (the case's material id → "photo", "scan", "e-licence" or "commitment") lists
    what was received; a material to follow on commitment is not received yet, and without a
    record of materials the receipt claims the form alone.
    """
    from printing.document import stamp
    from printing.payload import ReceiptClaim, sign_receipt
    from printing.receipt import ReceiptData, mask_id_number

    device = store.device()
    assert device is not None  # a stored case means the device is enrolled
    issued = datetime.fromisoformat(stored.created_at)
    claim = ReceiptClaim(
        case_id=stored.case_id, case_number=stored.case_number, service_code=service.code,
        device_id=device.device_id, issued_at=int(issued.timestamp()),
        content_digest=bytes.fromhex(stored.content_hash)[:16],
    )
    limit = service.time_limit_days
    due = due_date(config, service, issued)
    # Only what was handed in is received: without a record of materials, the form alone.
    handed = materials or {}
    received = ("申请表（电子） Application form (electronic)",
                *(f"{m.name.zh}（{_HANDED_IN[how][0]}） {m.name.en} ({_HANDED_IN[how][1]})"
                  for m in service.materials if (how := handed.get(m.id, "")) in _HANDED_IN))
    return ReceiptData(
        case_number=stored.case_number,
        service_name_zh=service.name.zh,
        service_name_en=service.name.en,
        applicant_name=str(answers.get("applicant_name", "")),
        id_number_masked=mask_id_number(str(answers["applicant_id_number"])),
        submitted_at=stamp(local_time(config, issued)),
        hall_name=device.hall_name,
        device_id=device.device_id,
        time_limit_days=limit,
        next_steps_zh=(f"您的申请已提交，承诺在{limit}个工作日内办结。办理进度可凭本回执在"
                       "自助终端扫码或输入受理编号查询。"),
        next_steps_en=(f"Your application has been submitted and will be decided within "
                       f"{limit} working days. Track it at any kiosk by scanning this "
                       "receipt or typing the case number."),
        enquiry_phone=config.enquiry_phone,
        qr_payload=sign_receipt(claim, receipt_key(config, store)),
        materials_received=received,
        due_date=due.day,
        due_estimated=due.estimated,
    )


def stored_receipt(config: Config, store: Store, catalog: Catalog, case_number: str
                   ) -> ReceiptData:
    """The receipt of a case already stored on this device, rebuilt from its sealed content.

    Its signed code verifies exactly as the first print's did: the same claim, over the same
    content digest.

    :raises sync.casenumber.BadCaseNumber: if the number is malformed.
    :raises LookupError: if no case on this device has that number.
    """
    from sync.seal import content_hash

    view = store.find_case(case_number)
    if view is None:
        raise LookupError(f"no case {case_number} on this device")
    content = store.case_content(view.case_id)
    version = str(content.get("catalog_version", ""))
    service = catalog.get(view.service_code,
                          version=version if version in catalog.versions else None)
    stored = StoredCase(view.case_id, view.case_number, view.created_at, content_hash(content))
    answers = content.get("answers")
    materials = content.get("materials")
    return receipt_data(config, store, service, stored,
                        dict(answers) if isinstance(answers, dict) else {},
                        materials=dict(materials) if isinstance(materials, dict) else None)


# -- queue tickets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ticket:
    """A queue ticket taken at this kiosk, as printed."""

    number: str
    service_code: str
    service_name: str
    counter: str
    waiting: int
    issued_at: str
    document: Document


def ticket_number(device: Device, number: int) -> str:
    """"A007": one letter per kiosk of the hall (device 1 → A), so two kiosks never collide."""
    return f"{chr(ord('A') + (device.device_no - 1) % 26)}{number:03d}"


def issue_ticket(config: Config, store: Store, service: Service) -> Ticket:
    """Take the next queue number of the day for `service` and lay out its slip.

    :raises sync.store.NotEnrolled: before enrollment (a ticket names the hall).
    """
    from printing.document import stamp
    from printing.ticket import TicketData, ticket_document
    from sync.store import NotEnrolled

    device = store.device()
    if device is None:
        raise NotEnrolled()
    now = local_time(config)
    issued = store.issue_ticket(day=now.date().isoformat(), service_code=service.code)
    number = ticket_number(device, issued.number)
    counter = f"{GENERAL_COUNTER[0]} {GENERAL_COUNTER[1]}"
    data = TicketData(number=number, service_name_zh=service.name.zh,
                      service_name_en=service.name.en, counter=counter,
                      waiting=issued.waiting, issued_at=stamp(now), hall_name=device.hall_name)
    return Ticket(number, service.code, service.name.zh, counter, issued.waiting, data.issued_at,
                  ticket_document(data))


# -- the printer ------------------------------------------------------------------------------


class PrintDesk:
    """The kiosk's printer behind a print queue, and the visit's files on disk.

    Thread-safe. Without a configured printer `submit` returns None and nothing is queued.
    """

    def __init__(self, config: Config, *, max_attempts: int = 5,
                 retry_delay_s: float = 2.0) -> None:
        self.config = config
        self.spool = config.data_dir / SPOOL_DIR
        self.max_attempts = max_attempts
        self.retry_delay_s = retry_delay_s
        self._lock = threading.Lock()
        self._queue: PrintQueue | None = None
        self._listeners: list[Callable[[PrintJob], None]] = []

    @property
    def has_printer(self) -> bool:
        return self.config.printer is not None

    def listen(self, callback: Callable[[PrintJob], None]) -> None:
        """Call `callback(job)` (from the printing thread) whenever a job changes."""
        with self._lock:
            self._listeners.append(callback)

    def unlisten(self, callback: Callable[[PrintJob], None]) -> None:
        with self._lock:
            if callback in self._listeners:
                self._listeners.remove(callback)

    def _notify(self, job: PrintJob) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for callback in listeners:
            callback(job)

    def queue(self) -> PrintQueue | None:
        """The running print queue, started on first use; None without a printer.

        :raises printing.backends.PrinterError: if the configured printer cannot be set up.
        """
        if self.config.printer is None:
            return None
        with self._lock:
            if self._queue is None:
                from printing.backends import PrinterError, open_printer
                from printing.printqueue import PrintQueue

                kind, _, target = self.config.printer.partition(":")
                if kind == "pdf" and not target.lower().endswith(".pdf"):
                    # pdf:DIR is a folder of job files (a virtual paper tray): make sure it is one.
                    try:
                        Path(target).expanduser().mkdir(parents=True, exist_ok=True, mode=0o700)
                    except OSError as exc:
                        raise PrinterError(f"printer {self.config.printer!r}: cannot create the "
                                           f"folder ({exc.strerror})") from exc
                printer = open_printer(self.config.printer,
                                       paper_name=f"{self.config.receipt_width_mm}mm")
                self._queue = PrintQueue(printer, max_attempts=self.max_attempts,
                                         retry_delay_s=self.retry_delay_s,
                                         on_change=self._notify)
                self._queue.start()
            return self._queue

    def submit(self, document: Document) -> int | None:
        """Queue `document` for printing; its job id, or None when no printer is configured."""
        queue = self.queue()
        return None if queue is None else queue.submit(document)

    def retry(self, job_id: int) -> None:
        """Try a failed job again (after paper was loaded or the printer came back)."""
        queue = self.queue()
        if queue is not None:
            queue.retry(job_id)

    def spool_file(self, suffix: str = ".pdf") -> Path:
        """A fresh file path for this visit's paperwork, named at random, in a 0700 folder."""
        self.spool.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self.spool / f"{secrets.token_hex(8)}{suffix}"

    def end_session(self) -> int:
        """The visit is over: empty the print queue and delete the visit's files.

        Returns how many files were deleted. A job printing right now finishes (the paper is
        already half out) and is then forgotten.
        """
        with self._lock:
            queue = self._queue
        if queue is not None:
            queue.clear()
        deleted = 0
        for name in VISIT_FOLDERS:
            folder = self.config.data_dir / name
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.is_file():
                    try:
                        path.unlink()
                        deleted += 1
                    except FileNotFoundError:
                        pass  # another end of session (an idle timeout racing 完成) took it
                    except OSError as exc:
                        log.error("could not delete a visit file: %s", exc.strerror)
        return deleted

    def close(self) -> None:
        with self._lock:
            queue, self._queue = self._queue, None
        if queue is not None:
            queue.stop(timeout=2.0)
