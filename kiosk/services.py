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
from pathlib import Path
from typing import TYPE_CHECKING

from forms.catalog import Catalog, load_catalog
from forms.engine import Prefilled, prefill, validate_application
from forms.prefill import merge, prefill_from_cases, provenance
from kiosk import commitments, paperwork, verifying
from kiosk.around import AroundTheVisit
from kiosk.attachments import Attachment, check_attachment, material_of, media_type_of
from kiosk.config import Config
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.keys import public_key_bytes
from sync.model import UnknownCase
from sync.store import CaseView, Device, NotEnrolled, Store
from sync.worker import SyncCounts, SyncLoop, pull_changes, sync_once

if TYPE_CHECKING:
    from printing.document import Document
    from printing.keycache import DeviceKeys

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT = (2.0, 5.0)


@dataclass(frozen=True)
class SubmitResult:
    case_id: str
    case_number: str
    status: str
    receipt_path: Path | None
    receipt_error: str | None = None
    letter_path: Path | None = None  # the signed 容缺承诺书, when materials follow on commitment
    receipt: Document | None = None
    """The receipt as a printable document, for the kiosk's printer."""
    letter: Document | None = None  # the 容缺承诺书 to print with the receipt


@dataclass(frozen=True)
class Tracked:
    """A case looked up for tracking, and where its status comes from."""

    case: CaseView | None
    source: str


class KioskServices(AroundTheVisit):
    """Operations of one device: enroll, look up, submit, track, sync."""

    def __init__(self, config: Config, store: Store, catalog: Catalog) -> None:
        self.config = config
        self.store = store
        self.catalog = catalog
        self._loop: SyncLoop | None = None
        self._lock = threading.Lock()
        #: The printer and the visit's paperwork (`printing.end_session()` when a visit ends).
        self.printing = paperwork.PrintDesk(config)
        self.keys_published = False

    @classmethod
    def open(cls, config: Config, *, catalog: Catalog | None = None) -> KioskServices:
        """Open the device's store and catalogue.

        :raises sqlite3.DatabaseError, sync.keys.KeyFileError: if the store cannot be opened.
        """
        return cls(config, Store.open(config.data_dir), catalog or load_catalog())

    def close(self) -> None:
        self.stop_background_sync()
        self.printing.close()
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
            got = client.enroll(code, public_key_bytes(self.store.signing_key()), name,
                                paperwork.further_public_keys(self.config, self.store))
        finally:
            client.close()
        device = Device(got.device_id, got.device_no, got.hall_code, got.hall_name,
                        self.config.platform_url)
        self.store.save_enrollment(device, got.token)
        return device

    # -- a visit --------------------------------------------------------------------------

    def lookup(self, id_number: str, *, reuse_earlier_cases: bool = False,
               presented: Sequence[tuple[str, Mapping[str, str]]] = ()
               ) -> dict[str, Prefilled]:
        """What the registry knows of a person, as prefilled answers by field name.

        Offline, the roster the platform last sent this device (a proxy agent's residents)
        stands in for the registry. With `reuse_earlier_cases` (only when the citizen has
        agreed), answers from their earlier applications on this device fill what the registry
        does not, also offline. `presented` are (source, record) pairs of what the citizen
        showed — the ID card on the reader ("id-card"), a scanned e-licence ("e-licence") —
        used only when they name this ID number. Returns {} when nothing is known: they type.
        """
        number = id_number.strip().upper()
        earlier = self._earlier_answers(id_number) if reuse_earlier_cases else {}
        layers = [earlier]
        for kind, shown in presented:  # the card on the reader, a scanned e-licence
            if str(shown.get("id_number", "")).strip().upper() == number:
                layers.append(self._prefill_all(shown, kind))
        record, source = self._registry_record(number)
        if record:
            layers.append(self._prefill_all(record, source))
        return merge(*layers)

    def _prefill_all(self, record: Mapping[str, str], source: str) -> dict[str, Prefilled]:
        values: dict[str, Prefilled] = {}
        for service in self.catalog.services:
            values.update(prefill(service, record, source=source))
        return values

    def _registry_record(self, id_number: str) -> tuple[dict[str, str] | None, str]:
        """The person's record from the platform's registry, or offline from the roster the
        platform last sent this device (an agent's residents), with its source."""
        try:
            client = self.client(LOOKUP_TIMEOUT)
        except NotEnrolled:
            return None, "registry"
        try:
            return client.lookup_resident(id_number), "registry"
        except SyncError as exc:
            log.info("registry lookup unavailable: %s", type(exc).__name__)
        finally:
            client.close()
        roster = self.store.latest_document("roster")
        people = roster[1] if roster is not None and isinstance(roster[1], list) else []
        for person in people:
            if isinstance(person, dict) and str(person.get("id_number", "")).upper() == id_number:
                return {str(k): str(v) for k, v in person.items() if v is not None}, "roster"
        return None, "roster"

    def earlier_case_count(self, id_number: str) -> int:
        """How many cases this person submitted on this device (to ask before reusing them)."""
        return len(self.store.cases_for_person(id_number.strip().upper()))

    def earlier_prefill(self, id_number: str) -> dict[str, Prefilled]:
        """Answers from this person's earlier cases on this device; ask them first."""
        return self._earlier_answers(id_number)

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
               replaces: str | None = None,
               prefilled: Mapping[str, Prefilled] | None = None,
               catalog_version: str | None = None,
               commitment: commitments.CommitmentRequest | None = None,
               materials: Mapping[str, str] | None = None) -> SubmitResult:
        """Validate, store durably, and render the receipt.

        The case is safe once stored; a receipt that fails to render is reported in
        `receipt_error` and can be printed again later. `replaces` is the printed number of an
        earlier case on this device that this one corrects. `prefilled` (what the form offered)
        is recorded with the case: each answer's source, and the offered value where the
        applicant changed it. `catalog_version` is the catalogue a draft was filled against
        (default: the current one); a version this kiosk no longer keeps means the current one.

        :raises forms.errors.UnknownService: for a service not in the catalogue.
        :raises forms.errors.ValidationFailed: naming each bad field; nothing is stored.
        :raises BadAttachment: for a file that is not a JPEG, PNG or PDF, too large, or named
            for a material the service does not list; nothing is stored.
        :raises UnknownCase: if `replaces` names no case on this device.
        :raises NotEnrolled: if the device cannot number cases yet.
        :raises kiosk.commitments.BadCommitment: if `commitment` (materials to follow later, with
            the signature) names a material that may not follow on commitment, or `materials`
            (material id → "photo", "scan", "e-licence", "commitment") is not the service's.
        """
        version = catalog_version if catalog_version in self.catalog.versions else None
        service = self.catalog.get(service_code, version=version)
        clean = validate_application(service, answers)
        for attachment in attachments:
            check_attachment(service, attachment)
        promised = commitments.check_commitment(service, clean, commitment) if commitment else ()
        handed_in = commitments.check_materials(service, materials, commitment)
        if handed_in is None and attachments:  # headless: the files attached are what came in
            handed_in = {material_of(service, a.material).id: "scan" for a in attachments}
        replaced_id = None
        if replaces:
            replaced_id = self.store.case_id_of(replaces)
            if replaced_id is None:
                raise UnknownCase(replaces)
        refs = [self.store.add_attachment(a.data, material=a.material,
                                          media_type=a.media_type or media_type_of(a.data) or "")
                for a in attachments]
        record = None
        if commitment is not None:
            refs.append(self.store.add_attachment(commitment.signature_png, media_type="image/png",
                                                  material=commitments.SIGNATURE_MATERIAL))
            record = commitments.commitment_record(promised, signature_sha256=refs[-1].sha256,
                                                   signed_at=commitment.signed_at)
        stored = self.store.submit_case(
            service_code=service.code, catalog_version=version or self.catalog.version,
            answers=clean, provenance=provenance(
                {k: v for k, v in (prefilled or {}).items() if service.field(k)}, clean),
            applicant_id_number=clean["applicant_id_number"], attachments=refs,
            replaces=replaced_id, commitment=record, materials=handed_in,
        )
        letter_path, letter = commitments.write_commitment_letter(
            self.config, self.store, stored, service, clean, promised, commitment,
            self.printing.spool_file()) if commitment else (None, None)
        if self._loop is not None:
            self._loop.wake()
        try:
            from printing.receipt import receipt_document, render_receipt

            data = paperwork.receipt_data(self.config, self.store, service, stored, clean,
                                          materials=handed_in)
            path = render_receipt(data, self.printing.spool_file(),
                                  width_mm=self.config.receipt_width_mm)
        except Exception as exc:  # the case is stored; the paper can be reprinted
            log.exception("receipt rendering failed for a stored case")
            return SubmitResult(stored.case_id, stored.case_number, "queued", None, str(exc),
                                letter_path, letter=letter)
        return SubmitResult(stored.case_id, stored.case_number, "queued", path, None,
                            letter_path, receipt_document(data), letter=letter)

    def device_keys(self, *, refresh: bool = True) -> DeviceKeys:
        """Public keys for verifying receipts (see `kiosk.verifying.device_keys`).

        :raises printing.keycache.KeyCacheError: if the cache file is damaged or unwritable.
        """
        return verifying.device_keys(self, refresh=refresh)

    def track(self, case_number: str) -> CaseView | None:
        """The case's status: the latest from the platform when online, else the local one.

        :raises sync.casenumber.BadCaseNumber: if the text is not a well-formed case number.
        """
        return self.track_status(case_number).case

    def track_status(self, case_number: str) -> Tracked:
        """Like `track`, and whether the platform was asked: `source` is "platform" (its
        latest news is in), "unreachable" (asked, no answer: the status may be stale) or
        "local" (this device has no platform to ask).

        :raises sync.casenumber.BadCaseNumber: if the text is not a well-formed case number.
        """
        self.store.find_case(case_number)  # reject a malformed number before any network
        try:
            client = self.client(LOOKUP_TIMEOUT)
        except NotEnrolled:
            return Tracked(self.store.find_case(case_number), "local")
        source = "platform"
        try:
            pull_changes(self.store, client)
            verifying.publish_receipt_keys(self, client)
        except SyncError as exc:
            log.info("tracking from the local store only: %s", type(exc).__name__)
            source = "unreachable"
        finally:
            client.close()
        return Tracked(self.store.find_case(case_number), source)

    # -- sync -----------------------------------------------------------------------------

    def sync_now(self) -> SyncCounts:
        """One full sync round. :raises sync.errors.SyncError, NotEnrolled."""
        client = self.client()
        try:
            counts = sync_once(self.store, client)
            verifying.publish_receipt_keys(self, client)  # an SM2 key, the first time
            return counts
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
