"""The device's case store: one SQLite file that keeps every case safe while offline.

A submitted case, its outbox row and its audit entry are written in one IMMEDIATE transaction
with WAL and synchronous=FULL, so once `submit_case` returns the case survives a power cut.
Answers, names and ID numbers are sealed with AES-GCM (see `seal`); a person's cases are found
through a keyed blind index. Writes inside one process are serialised by a lock; across processes
SQLite's own lock (with a busy timeout) serialises them.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync import audit, migrations
from sync.blobs import BlobProblem, BlobStore
from sync.casenumber import make_case_number, normalise_case_number
from sync.exchange import ExchangeMixin
from sync.keys import FileKeySource, KeySource, derive_keys
from sync.model import (
    PLATFORM_DECISIONS,
    STATES,
    AttachmentRef,
    CaseView,
    Change,
    Device,
    NotEnrolled,
    OutboxItem,
    PushOutcome,
    StoredCase,
    case_content,
    utc_now,
)
from sync.ratings import RatingsMixin
from sync.seal import Sealer, content_hash
from sync.tickets import TicketMixin

__all__ = [
    "PLATFORM_DECISIONS", "STATES", "STORE_FILE", "AttachmentRef", "CaseView", "Change", "Device",
    "NotEnrolled", "OutboxItem", "PushOutcome", "Store", "StoredCase", "case_content", "utc_now",
]

STORE_FILE = "store.db"

log = logging.getLogger(__name__)


class Store(ExchangeMixin, RatingsMixin, TicketMixin):
    """The case store of one device. Safe to share between threads of one process."""

    def __init__(self, db: sqlite_utils.Database, data_dir: Path, keys: KeySource) -> None:
        self.db = db
        self.data_dir = data_dir
        self._keys = keys
        derived = derive_keys(keys.master_key())
        self._sealer = Sealer(derived.seal, derived.index)
        self._audit_key = derived.audit
        self._lock = threading.RLock()
        self._audit_prev: str | None = None  # last MAC, known only inside a write
        self._device: Device | None = None  # cached once enrolled
        self.blobs = BlobStore(data_dir / "attachments", self._sealer)
        #: Attachments found missing when the store was opened (checked again on demand).
        self.attachment_problems: list[tuple[str, str]] = []

    @classmethod
    def open(cls, data_dir: Path, *, keys: KeySource | None = None) -> Store:
        """Open (creating and migrating if needed) the store in `data_dir`.

        :raises sqlite3.DatabaseError: if the file is not a usable SQLite database.
        :raises sync.keys.KeyFileError: if a key file is unusable.
        """
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        conn = sqlite3.connect(
            data_dir / STORE_FILE, check_same_thread=False, isolation_level=None, timeout=30
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        db = sqlite_utils.Database(conn)
        migrations.migrate(db, data_dir / "backups")
        (data_dir / STORE_FILE).chmod(0o600)
        store = cls(db, data_dir, keys or FileKeySource(data_dir / "keys"))
        if db.execute("SELECT 1 FROM audit_head WHERE tag = ?", [audit.UNANCHORED]).fetchone():
            with store._write() as tx:
                audit.anchor_head(tx, store._audit_key)
        store.attachment_problems = store.verify_attachments()
        if store.attachment_problems:
            log.warning("%d attachment file(s) missing; run `servicehall audit verify`",
                        len(store.attachment_problems))
        return store

    def close(self) -> None:
        with self._lock:
            self.db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite_utils.Database]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            self._audit_prev = None
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            finally:
                self._audit_prev = None
            self.db.execute("COMMIT")

    def _audit(self, event: str, case_id: str | None = None, **detail: object) -> None:
        self._audit_prev = audit.append(self.db, self._audit_key, at=utc_now(), event=event,
                                        case_id=case_id, detail=detail, prev=self._audit_prev)

    # -- device ---------------------------------------------------------------------------

    def signing_key(self) -> Ed25519PrivateKey:
        return self._keys.signing_key()

    def suite_secret(self, suite: str, generate: Callable[[], bytes]) -> bytes:
        """The secret of this device's receipt key in another suite, made on first use."""
        return self._keys.suite_secret(suite, generate)

    def device(self) -> Device | None:
        if self._device is not None:
            return self._device
        with self._lock:
            row = self.db.execute(
                "SELECT device_id, device_no, hall_code, hall_name, platform_url FROM device"
            ).fetchone()
        self._device = Device(*row) if row else None
        return self._device

    def token(self) -> str:
        """:raises NotEnrolled: if the device has no platform credentials yet."""
        with self._lock:
            row = self.db.execute("SELECT token_sealed FROM device").fetchone()
        if not row:
            raise NotEnrolled()
        return self._sealer.open(row[0], context="device.token").decode()

    def save_enrollment(self, device: Device, token: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM device")
            db.execute(
                "INSERT INTO device VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                [device.device_id, device.device_no, device.hall_code, device.hall_name,
                 device.platform_url, self._sealer.seal(token.encode(), context="device.token"),
                 utc_now()],
            )
            self._audit("device.enrolled", device_id=device.device_id)
        self._device = device

    def set_platform_url(self, url: str) -> None:
        """Record where the platform now answers (it moved, e.g. a demo's new port)."""
        with self._write() as db:
            db.execute("UPDATE device SET platform_url = ?", [url])
        self._device = None

    def forget_enrollment(self) -> None:
        """Drop the platform credentials (the platform no longer knows this device)."""
        with self._write() as db:
            db.execute("DELETE FROM device")
            self._audit("device.forgotten")
        self._device = None

    # -- cases ----------------------------------------------------------------------------

    def add_attachment(self, data: bytes, *, media_type: str, material: str) -> AttachmentRef:
        """Store a material's bytes durably (sealed) before the case that names it is submitted."""
        return AttachmentRef(self.blobs.put(data), len(data), media_type, material)

    def submit_case(
        self,
        *,
        service_code: str,
        catalog_version: str,
        answers: Mapping[str, str],
        applicant_id_number: str,
        attachments: Sequence[AttachmentRef] = (),
        replaces: str | None = None,
        commitment: Mapping[str, object] | None = None,
        provenance: Mapping[str, Mapping[str, str]] | None = None,
        materials: Mapping[str, str] | None = None,
    ) -> StoredCase:
        """Finalise a validated application: case, outbox row and audit entry, durably.

        A finalised case never changes; a correction is a new case whose `replaces` names the
        case id it corrects. `commitment` (容缺 acceptance: which materials follow, by when,
        and the signature's attachment) is sealed and hashed with the rest of the content, as is
        `provenance` (where prefilled answers came from, and what was offered where changed)
        and `materials` (how each material was handed in).

        :raises NotEnrolled: if the device cannot number cases yet.
        :raises KeyError: if `replaces` names no case on this device.
        :raises sync.blobs.BlobProblem: if an attachment's file is not on disk.
        """
        case_id = str(uuid.uuid4())
        missing = self.blobs.missing(a.sha256 for a in attachments)
        if missing:
            raise BlobProblem(f"attachment {missing[0][:12]}… was not stored first")
        content = case_content(case_id, service_code, catalog_version, answers,
                               [a.as_dict() for a in attachments], replaces, commitment,
                               provenance, materials)
        digest = content_hash(content)
        now = utc_now()
        sealed = self._sealer.seal_json(content, context=f"case:{case_id}")
        person = self._sealer.blind_index(applicant_id_number)
        with self._write() as db:
            device = self.device()
            if device is None:
                raise NotEnrolled()
            if replaces and not db.execute("SELECT 1 FROM cases WHERE case_id = ?",
                                           [replaces]).fetchone():
                raise KeyError(replaces)
            (last,) = db.execute("SELECT coalesce(max(sequence), 0) FROM cases").fetchone()
            number = make_case_number(device.hall_code, device.device_no, last + 1)
            db.execute(
                "INSERT INTO cases (case_id, case_number, sequence, service_code, catalog_version,"
                " status, content_hash, payload_sealed, person_index, created_at, updated_at,"
                " replaces) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
                [case_id, number, last + 1, service_code, catalog_version, digest, sealed,
                 person, now, now, replaces],
            )
            db.execute(
                "INSERT INTO outbox (case_id, idempotency_key, created_at) VALUES (?, ?, ?)",
                [case_id, f"case:{case_id}:1", now],
            )
            if attachments:
                db.conn.executemany(
                    "INSERT OR IGNORE INTO case_attachments (case_id, sha256, size)"
                    " VALUES (?, ?, ?)", [(case_id, a.sha256, a.size) for a in attachments])
            self._audit("case.queued", case_id, service=service_code, hash=digest,
                        **({"replaces": replaces} if replaces else {}))
        return StoredCase(case_id, number, now, digest)

    def case_id_of(self, case_number: str) -> str | None:
        """The case id behind a printed number. :raises BadCaseNumber: if malformed."""
        number = normalise_case_number(case_number)
        with self._lock:
            row = self.db.execute("SELECT case_id FROM cases WHERE case_number = ?",
                                  [number]).fetchone()
        return str(row[0]) if row else None

    def case_content(self, case_id: str) -> dict[str, object]:
        """The sealed content of a case, opened. :raises KeyError: for an unknown case."""
        with self._lock:
            row = self.db.execute(
                "SELECT payload_sealed FROM cases WHERE case_id = ?", [case_id]
            ).fetchone()
        if not row:
            raise KeyError(case_id)
        content: dict[str, object] = self._sealer.open_json(row[0], context=f"case:{case_id}")
        return content

    def _view(self, row: Sequence[object]) -> CaseView:
        case_id, number, service, status, reason, created, updated = row
        text = (
            self._sealer.open(reason, context=f"reason:{case_id}").decode()
            if isinstance(reason, bytes) else None
        )
        return CaseView(str(case_id), str(number), str(service), str(status), text,
                        str(created), str(updated))

    _VIEW_COLUMNS = ("case_id, case_number, service_code, status, reason_sealed, created_at,"
                     " updated_at")

    def find_case(self, case_number: str) -> CaseView | None:
        """The case with this printed number (typed with or without separators).

        :raises sync.casenumber.BadCaseNumber: if the text is not a well-formed case number.
        """
        number = normalise_case_number(case_number)
        with self._lock:
            row = self.db.execute(
                f"SELECT {self._VIEW_COLUMNS} FROM cases WHERE case_number = ?", [number]
            ).fetchone()
        return self._view(row) if row else None

    def cases_for_person(self, id_number: str) -> list[CaseView]:
        index = self._sealer.blind_index(id_number)
        with self._lock:
            rows = self.db.execute(
                f"SELECT {self._VIEW_COLUMNS} FROM cases WHERE person_index = ?"
                " ORDER BY sequence", [index]
            ).fetchall()
        return [self._view(r) for r in rows]

    def service_counts(self) -> dict[str, int]:
        """How many cases this device holds per service code."""
        with self._lock:
            rows = self.db.execute("SELECT service_code, count(*) FROM cases GROUP BY service_code")
            return {code: n for code, n in rows}

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self.db.execute("SELECT status, count(*) FROM cases GROUP BY status")
            return {status: n for status, n in rows}

    def pending_count(self) -> int:
        with self._lock:
            return int(self.db.execute(
                "SELECT count(*) FROM outbox WHERE done_at IS NULL").fetchone()[0])

    # -- integrity ------------------------------------------------------------------------

    def attachment_shas(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self.db.execute(
                "SELECT DISTINCT sha256 FROM case_attachments ORDER BY sha256")]

    def verify_attachments(self, *, deep: bool = False) -> list[tuple[str, str]]:
        """Every referenced attachment file exists (and with `deep`, opens and hashes right)."""
        shas = self.attachment_shas()
        if deep:
            return self.blobs.verify(shas)
        return [(s, "file is missing") for s in self.blobs.missing(shas)]

    def verify_audit(self) -> list[audit.AuditProblem]:
        with self._lock:
            return audit.verify(self.db, self._audit_key)

    def integrity_check(self) -> str:
        with self._lock:
            return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
