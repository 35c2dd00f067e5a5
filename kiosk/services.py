"""The kiosk's service layer: what a visit does, without any widget.

Screens and the headless CLI share these operations, so a case submitted from the command line
is validated, stored and receipted exactly as one submitted at the kiosk. Every method may touch
disk or network: screens call them from worker threads only. This module imports no Qt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from forms.catalog import Catalog, Service, load_catalog
from forms.engine import Prefilled, prefill, validate_application
from forms.prefill import merge, prefill_from_cases
from kiosk.config import Config
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.keys import public_key_bytes
from sync.store import CaseView, Device, NotEnrolled, Store, StoredCase
from sync.worker import SyncCounts, SyncLoop, pull_changes, sync_once

if TYPE_CHECKING:
    from printing.keycache import DeviceKeys

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT = (2.0, 5.0)
HOLIDAYS_FILE = "holidays.json"
"""Public holidays and make-up workdays for due dates (printing.workdays.HolidayCalendar)."""


MAX_ATTACHMENT = 20 * 1024 * 1024
_MAGIC = {"image/jpeg": (b"\xff\xd8\xff",), "image/png": (b"\x89PNG\r\n\x1a\n",),
          "application/pdf": (b"%PDF-",)}


class BadAttachment(ValueError):
    """A material file the case cannot take; the message says which and why."""


class UnknownCase(LookupError):
    """A case number that names no case on this device."""

    def __init__(self, case_number: str) -> None:
        super().__init__(f"no case {case_number} on this device")


@dataclass(frozen=True)
class Attachment:
    """A material's file as the citizen or agent supplied it."""

    data: bytes
    material: str  # the catalogue material's Chinese or English name
    media_type: str = ""  # detected from the bytes when empty


def media_type_of(data: bytes) -> str | None:
    return next((kind for kind, magics in _MAGIC.items()
                 if any(data.startswith(m) for m in magics)), None)


def check_attachment(service: Service, attachment: Attachment) -> None:
    """:raises BadAttachment: naming the material and what to do."""
    detected = media_type_of(attachment.data)
    if detected is None:
        raise BadAttachment(f"{attachment.material}: the file is not a JPEG, PNG or PDF")
    if attachment.media_type and attachment.media_type != detected:
        raise BadAttachment(f"{attachment.material}: the file is {detected}, "
                            f"not {attachment.media_type}")
    if len(attachment.data) > MAX_ATTACHMENT:
        raise BadAttachment(f"{attachment.material}: the file is over "
                            f"{MAX_ATTACHMENT // (1024 * 1024)} MB; scan it at a lower resolution")
    names = {m.name.zh for m in service.materials} | {m.name.en for m in service.materials}
    if names and attachment.material not in names:
        raise BadAttachment(f"{attachment.material!r} is not a material of {service.code}; "
                            f"choose one of: {', '.join(sorted(m.name.zh for m in service.materials))}")


@dataclass(frozen=True)
class SubmitResult:
    case_id: str
    case_number: str
    status: str
    receipt_path: Path | None
    receipt_error: str | None = None


class KioskServices:
    """Operations of one device: enroll, look up, submit, track, sync."""

    def __init__(self, config: Config, store: Store, catalog: Catalog) -> None:
        self.config = config
        self.store = store
        self.catalog = catalog
        self._loop: SyncLoop | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, config: Config, *, catalog: Catalog | None = None) -> KioskServices:
        """Open the device's store and catalogue.

        :raises sqlite3.DatabaseError, sync.keys.KeyFileError: if the store cannot be opened.
        """
        return cls(config, Store.open(config.data_dir), catalog or load_catalog())

    def close(self) -> None:
        self.stop_background_sync()
        self.store.close()

    # -- device ---------------------------------------------------------------------------

    def device(self) -> Device | None:
        return self.store.device()

    def platform_url(self) -> str | None:
        device = self.store.device()
        return self.config.platform_url or (device.platform_url if device else None)

    def client(self, timeout: tuple[float, float] | None = None) -> PlatformClient:
        """A client with this device's credentials. :raises NotEnrolled: before enrollment."""
        url = self.platform_url()
        if url is None:
            raise NotEnrolled()
        kwargs = {"timeout": timeout} if timeout else {}
        return PlatformClient(url, self.store.token(), gzip_level=self.config.gzip_level,
                              **kwargs)

    def enroll(self, code: str, *, name: str = "kiosk") -> Device:
        """Enroll with the configured platform using a one-time code.

        :raises sync.errors.SyncError: if the platform is unreachable or refuses the code.
        :raises ValueError: if no platform URL is configured.
        """
        if not self.config.platform_url:
            raise ValueError("no platform URL: pass --platform URL or set SERVICEHALL_PLATFORM_URL")
        client = PlatformClient(self.config.platform_url)
        try:
            got = client.enroll(code, public_key_bytes(self.store.signing_key()), name)
        finally:
            client.close()
        device = Device(got.device_id, got.device_no, got.hall_code, got.hall_name,
                        self.config.platform_url)
        self.store.save_enrollment(device, got.token)
        return device

    # -- a visit --------------------------------------------------------------------------

    def lookup(self, id_number: str, *, reuse_earlier_cases: bool = False) -> dict[str, Prefilled]:
        """What the registry knows of a person, as prefilled answers by field name.

        With `reuse_earlier_cases` (only when the citizen has agreed), answers from their earlier
        applications on this device fill what the registry does not, also offline. Returns {}
        when offline, not enrolled, or the person is unknown: the citizen then types.
        """
        earlier = self._earlier_answers(id_number) if reuse_earlier_cases else {}
        try:
            client = self.client(LOOKUP_TIMEOUT)
        except NotEnrolled:
            return earlier
        try:
            record = client.lookup_resident(id_number.strip().upper())
        except SyncError as exc:
            log.info("registry lookup unavailable: %s", type(exc).__name__)
            return earlier
        finally:
            client.close()
        if not record:
            return earlier
        values: dict[str, Prefilled] = {}
        for service in self.catalog.services:
            values.update(prefill(service, record, source="registry"))
        return merge(values, earlier)

    def _earlier_answers(self, id_number: str) -> dict[str, Prefilled]:
        """Answers from this person's earlier cases on this device, newest winning."""
        contents: list[dict[str, object]] = []
        for case in self.store.cases_for_person(id_number.strip().upper()):
            answers = self.store.case_content(case.case_id).get("answers")
            if isinstance(answers, dict):
                contents.append(answers)
        values: dict[str, Prefilled] = {}
        for service in self.catalog.services:
            values.update(prefill_from_cases(service, contents, consent=True))
        return values

    def submit(self, service_code: str, answers: Mapping[str, object], *,
               attachments: Sequence[Attachment] = (),
               replaces: str | None = None) -> SubmitResult:
        """Validate, store durably, and render the receipt.

        The case is safe once stored; a receipt that fails to render is reported in
        `receipt_error` and can be printed again later. `replaces` is the printed number of an
        earlier case on this device that this one corrects.

        :raises forms.errors.UnknownService: for a service not in the catalogue.
        :raises forms.errors.ValidationFailed: naming each bad field; nothing is stored.
        :raises BadAttachment: for a file that is not a JPEG, PNG or PDF, too large, or named
            for a material the service does not list; nothing is stored.
        :raises UnknownCase: if `replaces` names no case on this device.
        :raises NotEnrolled: if the device cannot number cases yet.
        """
        service = self.catalog.get(service_code)
        clean = validate_application(service, answers)
        for attachment in attachments:
            check_attachment(service, attachment)
        replaced_id = None
        if replaces:
            replaced_id = self.store.case_id_of(replaces)
            if replaced_id is None:
                raise UnknownCase(replaces)
        refs = [self.store.add_attachment(a.data, material=a.material,
                                          media_type=a.media_type or media_type_of(a.data) or "")
                for a in attachments]
        stored = self.store.submit_case(
            service_code=service.code, catalog_version=self.catalog.version, answers=clean,
            applicant_id_number=clean["applicant_id_number"], attachments=refs,
            replaces=replaced_id,
        )
        if self._loop is not None:
            self._loop.wake()
        try:
            path = self._render_receipt(stored, service_code, clean)
        except Exception as exc:  # the case is stored; the paper can be reprinted
            log.exception("receipt rendering failed for a stored case")
            return SubmitResult(stored.case_id, stored.case_number, "queued", None, str(exc))
        return SubmitResult(stored.case_id, stored.case_number, "queued", path)

    def _render_receipt(self, stored: StoredCase, service_code: str,
                        answers: Mapping[str, str]) -> Path:
        from printing.payload import ReceiptClaim, sign_receipt
        from printing.receipt import ReceiptData, mask_id_number, render_receipt
        from printing.workdays import CalendarError, HolidayCalendar, add_working_days

        device = self.store.device()
        assert device is not None  # submit_case raised NotEnrolled otherwise
        service = self.catalog.get(service_code)
        issued = datetime.fromisoformat(stored.created_at)
        claim = ReceiptClaim(
            case_id=stored.case_id, case_number=stored.case_number, service_code=service.code,
            device_id=device.device_id, issued_at=int(issued.timestamp()),
            content_digest=bytes.fromhex(stored.content_hash)[:16],
        )
        limit = service.time_limit_days
        try:
            calendar = HolidayCalendar.load(self.config.data_dir / HOLIDAYS_FILE)
        except CalendarError as exc:
            log.warning("holiday calendar unusable, counting weekends only: %s", exc)
            calendar = HolidayCalendar()
        due = add_working_days(issued.astimezone(), limit, calendar)
        # A kiosk takes no paper: what it received is the form and the electronic licences.
        received = ("申请表（电子） Application form (electronic)",
                    *(f"{m.name.zh}（电子证照） {m.name.en} (e-licence)"
                      for m in service.materials if m.e_licence and m.when is None))
        data = ReceiptData(
            case_number=stored.case_number,
            service_name_zh=service.name.zh,
            service_name_en=service.name.en,
            applicant_name=answers.get("applicant_name", ""),
            id_number_masked=mask_id_number(answers["applicant_id_number"]),
            submitted_at=issued.astimezone().strftime("%Y-%m-%d %H:%M"),
            hall_name=device.hall_name,
            device_id=device.device_id,
            time_limit_days=limit,
            next_steps_zh=(f"您的申请已提交，承诺在{limit}个工作日内办结。办理进度可凭本回执在"
                           "自助终端扫码或输入受理编号查询。"),
            next_steps_en=(f"Your application has been submitted and will be decided within "
                           f"{limit} working days. Track it at any kiosk by scanning this "
                           "receipt or typing the case number."),
            enquiry_phone=self.config.enquiry_phone,
            qr_payload=sign_receipt(claim, self.store.signing_key()),
            materials_received=received,
            due_date=due,
        )
        folder = self.config.data_dir / "receipts"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return render_receipt(data, folder / f"{stored.case_number}.pdf",
                              width_mm=self.config.receipt_width_mm)

    def device_keys(self, *, refresh: bool = True) -> DeviceKeys:
        """Public keys for verifying receipts: the platform's, cached on disk, plus this device's.

        With `refresh`, the platform's published keys are fetched first and saved to the cache;
        when the platform is unreachable or not configured, the cache alone is used.

        :raises printing.keycache.KeyCacheError: if the cache file is damaged or unwritable.
        """
        from printing.keycache import (
            DEFAULT_FILE_NAME,
            DeviceKeys,
            load_device_keys,
            save_device_keys,
        )

        path = self.config.data_dir / DEFAULT_FILE_NAME
        keys = load_device_keys(path)
        if refresh and self.platform_url() is not None:
            try:
                client = self.client(LOOKUP_TIMEOUT)
            except NotEnrolled:
                client = PlatformClient(self.platform_url() or "", timeout=LOOKUP_TIMEOUT)
            try:
                keys = save_device_keys(path, client.device_keys())
            except SyncError as exc:
                log.info("device keys from the cache only: %s", type(exc).__name__)
            finally:
                client.close()
        device = self.store.device()
        if device is not None and device.device_id not in keys.keys:
            table = dict(keys.keys)
            table[device.device_id] = {"ed25519": public_key_bytes(self.store.signing_key())}
            keys = DeviceKeys(table, keys.fetched_at)
        return keys

    def track(self, case_number: str) -> CaseView | None:
        """The case's status: the latest from the platform when online, else the local one.

        :raises sync.casenumber.BadCaseNumber: if the text is not a well-formed case number.
        """
        self.store.find_case(case_number)  # reject a malformed number before any network
        try:
            client = self.client(LOOKUP_TIMEOUT)
        except NotEnrolled:
            return self.store.find_case(case_number)
        try:
            pull_changes(self.store, client)
        except SyncError as exc:
            log.info("tracking from the local store only: %s", type(exc).__name__)
        finally:
            client.close()
        return self.store.find_case(case_number)

    # -- sync -----------------------------------------------------------------------------

    def sync_now(self) -> SyncCounts:
        """One full sync round. :raises sync.errors.SyncError, NotEnrolled."""
        client = self.client()
        try:
            return sync_once(self.store, client)
        finally:
            client.close()

    def start_background_sync(self, on_result: Callable[[object], None]) -> None:
        """Sync every `sync_interval_s` (and right after each submit) on a daemon thread."""
        with self._lock:
            if self._loop is not None:
                return
            self._loop = SyncLoop(self.store, self.client, interval=self.config.sync_interval_s,
                                  on_result=on_result)
            self._loop.start()

    def stop_background_sync(self) -> None:
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is not None:
            loop.stop()

