"""The device's case store: one SQLite file that keeps every case safe while offline.

A submitted case, its outbox row and its audit entry are written in one IMMEDIATE transaction
with WAL and synchronous=FULL, so once `submit_case` returns the case survives a power cut.
Answers, names and ID numbers are sealed with AES-GCM (see `seal`); a person's cases are found
through a keyed blind index. Writes inside one process are serialised by a lock; across processes
SQLite's own lock (with a busy timeout) serialises them.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync import audit, migrations
from sync.casenumber import make_case_number, normalise_case_number
from sync.keys import FileKeySource, KeySource, derive_keys
from sync.seal import Sealer, content_hash

STORE_FILE = "store.db"

#: Local case states. `queued` cases wait in the outbox; `sent` ones reached the platform.
STATES = (
    "queued", "sent", "accepted", "needs_supplement", "approved", "rejected", "quarantined",
)
PLATFORM_DECISIONS = frozenset({"accepted", "needs_supplement", "approved", "rejected"})


class NotEnrolled(Exception):
    """The device has not been enrolled with a platform, so it cannot number cases."""

    def __init__(self) -> None:
        super().__init__(
            "this device is not enrolled: ask staff to run "
            "`servicehall enroll --platform URL --code CODE`"
        )


@dataclass(frozen=True)
class Device:
    device_id: str
    device_no: int
    hall_code: str
    hall_name: str
    platform_url: str


@dataclass(frozen=True)
class StoredCase:
    case_id: str
    case_number: str
    created_at: str
    content_hash: str


@dataclass(frozen=True)
class CaseView:
    case_id: str
    case_number: str
    service_code: str
    status: str
    status_reason: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class OutboxItem:
    outbox_id: int
    idempotency_key: str
    body: dict[str, object]


@dataclass(frozen=True)
class PushOutcome:
    idempotency_key: str
    status: str  # accepted | duplicate | rejected | conflict
    reason: str | None = None


@dataclass(frozen=True)
class Change:
    seq: int
    case_id: str
    status: str
    reason: str | None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def case_content(case_id: str, service_code: str, catalog_version: str,
                 answers: Mapping[str, str]) -> dict[str, object]:
    """The content a case's hash and the receipt's digest are taken over."""
    return {
        "case_id": case_id,
        "service_code": service_code,
        "catalog_version": catalog_version,
        "answers": dict(answers),
    }


class Store:
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
        return cls(db, data_dir, keys or FileKeySource(data_dir / "keys"))

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

    def forget_enrollment(self) -> None:
        """Drop the platform credentials (the platform no longer knows this device)."""
        with self._write() as db:
            db.execute("DELETE FROM device")
            self._audit("device.forgotten")
        self._device = None

    # -- cases ----------------------------------------------------------------------------

    def submit_case(
        self,
        *,
        service_code: str,
        catalog_version: str,
        answers: Mapping[str, str],
        applicant_id_number: str,
    ) -> StoredCase:
        """Finalise a validated application: case, outbox row and audit entry, durably.

        :raises NotEnrolled: if the device cannot number cases yet.
        """
        case_id = str(uuid.uuid4())
        content = case_content(case_id, service_code, catalog_version, answers)
        digest = content_hash(content)
        now = utc_now()
        sealed = self._sealer.seal_json(content, context=f"case:{case_id}")
        person = self._sealer.blind_index(applicant_id_number)
        with self._write() as db:
            device = self.device()
            if device is None:
                raise NotEnrolled()
            (last,) = db.execute("SELECT coalesce(max(sequence), 0) FROM cases").fetchone()
            number = make_case_number(device.hall_code, device.device_no, last + 1)
            db.execute(
                "INSERT INTO cases (case_id, case_number, sequence, service_code, catalog_version,"
                " status, content_hash, payload_sealed, person_index, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
                [case_id, number, last + 1, service_code, catalog_version, digest, sealed,
                 person, now, now],
            )
            db.execute(
                "INSERT INTO outbox (case_id, idempotency_key, created_at) VALUES (?, ?, ?)",
                [case_id, f"case:{case_id}:1", now],
            )
            self._audit("case.queued", case_id, service=service_code, hash=digest)
        return StoredCase(case_id, number, now, digest)

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

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self.db.execute("SELECT status, count(*) FROM cases GROUP BY status")
            return {status: n for status, n in rows}

    def pending_count(self) -> int:
        with self._lock:
            return int(self.db.execute(
                "SELECT count(*) FROM outbox WHERE done_at IS NULL").fetchone()[0])

    # -- outbox ---------------------------------------------------------------------------

    def outbox_batch(self, *, max_items: int = 500, max_bytes: int = 1_000_000,
                     after_id: int = 0) -> list[OutboxItem]:
        """The oldest unsent outbox rows, bounded by count and by opened payload size."""
        with self._lock:
            rows = self.db.execute(
                "SELECT o.id, o.idempotency_key, c.case_id, c.case_number, c.content_hash,"
                " c.created_at, c.payload_sealed FROM outbox o JOIN cases c USING (case_id)"
                " WHERE o.done_at IS NULL AND o.id > ? ORDER BY o.id LIMIT ?",
                [after_id, max_items],
            ).fetchall()
        items: list[OutboxItem] = []
        size = 0
        for outbox_id, key, case_id, number, digest, created, sealed in rows:
            content = self._sealer.open_json(sealed, context=f"case:{case_id}")
            body = {**content, "idempotency_key": key, "case_number": number,
                    "content_hash": digest, "created_at": created}
            size += len(sealed)
            if items and size > max_bytes:
                break
            items.append(OutboxItem(outbox_id, key, body))
        return items

    def record_push(self, outcomes: Sequence[PushOutcome]) -> dict[str, int]:
        """Apply the platform's per-item answers in one transaction; return counts by answer."""
        counts = {"accepted": 0, "duplicate": 0, "rejected": 0}
        now = utc_now()
        with self._write() as db:
            for out in outcomes:
                row = db.execute(
                    "SELECT case_id FROM outbox WHERE idempotency_key = ? AND done_at IS NULL",
                    [out.idempotency_key],
                ).fetchone()
                if not row:
                    continue
                (case_id,) = row
                db.execute("UPDATE outbox SET done_at = ?, attempts = attempts + 1,"
                           " last_error = ? WHERE idempotency_key = ?",
                           [now, out.reason if out.status in ("rejected", "conflict") else None,
                            out.idempotency_key])
                if out.status in ("accepted", "duplicate"):
                    db.execute("UPDATE cases SET status = 'sent', updated_at = ?"
                               " WHERE case_id = ? AND status = 'queued'", [now, case_id])
                    counts[out.status] += 1
                    self._audit("case.sent", case_id, answer=out.status)
                else:
                    reason = out.reason or out.status
                    db.execute(
                        "UPDATE cases SET status = 'quarantined', reason_sealed = ?,"
                        " updated_at = ? WHERE case_id = ?",
                        [self._sealer.seal(reason.encode(), context=f"reason:{case_id}"), now,
                         case_id],
                    )
                    counts["rejected"] += 1
                    self._audit("case.quarantined", case_id, answer=out.status)
        return counts

    def record_push_failure(self, outbox_ids: Sequence[int], error: str) -> None:
        """Note a failed attempt (network, server) on rows that stay queued."""
        with self._write() as db:
            db.conn.executemany(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                [(error[:200], i) for i in outbox_ids],
            )

    # -- changes feed ---------------------------------------------------------------------

    def cursor(self) -> int:
        with self._lock:
            row = self.db.execute(
                "SELECT value FROM sync_state WHERE key = 'changes_cursor'").fetchone()
        return int(row[0]) if row else 0

    def apply_changes(self, changes: Sequence[Change], next_cursor: int) -> int:
        """Apply one page of the platform's changes feed and advance the cursor, atomically.

        Replaying a page is harmless: a change sets a state, it does not toggle one.
        """
        applied = 0
        now = utc_now()
        with self._write() as db:
            for ch in changes:
                if ch.status not in PLATFORM_DECISIONS:
                    continue
                sealed = (self._sealer.seal(ch.reason.encode(), context=f"reason:{ch.case_id}")
                          if ch.reason else None)
                cur = db.execute(
                    "UPDATE cases SET status = ?, reason_sealed = ?, updated_at = ?"
                    " WHERE case_id = ?", [ch.status, sealed, now, ch.case_id])
                if cur.rowcount:
                    applied += 1
                    self._audit("case.status", ch.case_id, status=ch.status, seq=ch.seq)
            db.execute(
                "INSERT INTO sync_state (key, value) VALUES ('changes_cursor', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                " WHERE CAST(excluded.value AS INTEGER) > CAST(sync_state.value AS INTEGER)",
                [str(next_cursor)],
            )
        return applied

    # -- integrity ------------------------------------------------------------------------

    def verify_audit(self) -> list[audit.AuditProblem]:
        with self._lock:
            return audit.verify(self.db, self._audit_key)

    def integrity_check(self) -> str:
        with self._lock:
            return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
