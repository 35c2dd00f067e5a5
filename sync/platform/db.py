"""The reference platform's storage: devices, registry, received cases and the changes feed.

One SQLite file (WAL, synchronous=FULL). The operator's commands (`enroll-code`, `decide`) open
the same file from another process while the server runs; SQLite's lock serialises them. Case
status changes are appended to `changes`, whose autoincrement sequence is the cursor devices pull
by, so a device never depends on any clock.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enroll_codes (
    code_hash TEXT PRIMARY KEY, hall_code TEXT NOT NULL, hall_name TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_by TEXT);
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY, device_no INTEGER NOT NULL, hall_code TEXT NOT NULL,
    hall_name TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL, enrolled_at TEXT NOT NULL, UNIQUE (hall_code, device_no));
CREATE TABLE IF NOT EXISTS residents (
    id_number TEXT PRIMARY KEY, name TEXT NOT NULL, gender TEXT NOT NULL,
    birth_date TEXT NOT NULL, address TEXT NOT NULL, phone TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS cases (
    case_id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, device_id TEXT NOT NULL,
    case_number TEXT NOT NULL UNIQUE, service_code TEXT NOT NULL, catalog_version TEXT NOT NULL,
    content_hash TEXT NOT NULL, answers TEXT NOT NULL, status TEXT NOT NULL,
    status_reason TEXT, device_created_at TEXT, received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, replaces TEXT);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, case_id TEXT NOT NULL,
    status TEXT NOT NULL, reason TEXT, at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'case_status', version TEXT, document TEXT);
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY, total INTEGER NOT NULL, received INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS case_blobs (
    case_id TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (case_id, sha256));
CREATE INDEX IF NOT EXISTS case_blobs_sha ON case_blobs(sha256);
CREATE TABLE IF NOT EXISTS ledger (
    device_id TEXT NOT NULL, day TEXT NOT NULL, device_count INTEGER NOT NULL,
    device_digest TEXT NOT NULL, platform_count INTEGER NOT NULL, platform_digest TEXT NOT NULL,
    reported_at TEXT NOT NULL, PRIMARY KEY (device_id, day));
CREATE INDEX IF NOT EXISTS changes_device ON changes(device_id, seq);
CREATE TABLE IF NOT EXISTS device_suite_keys (
    device_id TEXT NOT NULL, suite TEXT NOT NULL, public_key TEXT NOT NULL,
    published_at TEXT NOT NULL, PRIMARY KEY (device_id, suite));
CREATE TABLE IF NOT EXISTS ratings (
    case_number TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, device_id TEXT NOT NULL,
    level TEXT NOT NULL, score INTEGER NOT NULL, reasons TEXT NOT NULL, rated_at TEXT NOT NULL,
    received_at TEXT NOT NULL);
"""

DEFAULT_HALL = ("3301", "西湖区政务服务中心")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
DOCUMENT_KINDS = ("catalog", "roster", "holidays")
DECISIONS = {"accept": "accepted", "approve": "approved", "reject": "rejected",
             "supplement": "needs_supplement"}


class PlatformError(Exception):
    """An operator or protocol request the platform refuses; `code` is machine-readable."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class DeviceRecord:
    device_id: str
    device_no: int
    hall_code: str
    hall_name: str


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


class PlatformDB:
    """The platform's SQLite file, shared by the server's threads behind one lock."""

    def __init__(self, path: Path, *, dedup: bool = True) -> None:
        """`dedup=False` builds a deliberately broken platform for the reliability tests'
        negative control: intake stores every pushed item again and the `cases` table loses
        its uniqueness constraints. Never use it outside tests."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.dedup = dedup
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                    timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        path.chmod(0o600)  # the registry and cases are personal data: the owner alone reads them
        self.conn.executescript(SCHEMA)
        self._upgrade()
        if not dedup:
            # Same columns, no PRIMARY KEY / UNIQUE: a platform that can store a case twice.
            self.conn.executescript(
                "CREATE TABLE cases_naive AS SELECT * FROM cases;"
                " DROP TABLE cases; ALTER TABLE cases_naive RENAME TO cases;")
        self.lock = threading.RLock()

    def _upgrade(self) -> None:
        """Add the columns later versions introduced to a file an earlier version made."""
        for table, column, ddl in (
            ("cases", "replaces", "replaces TEXT"),
            ("changes", "kind", "kind TEXT NOT NULL DEFAULT 'case_status'"),
            ("changes", "version", "version TEXT"),
            ("changes", "document", "document TEXT"),
        ):
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {ddl}")

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    # -- devices --------------------------------------------------------------------------

    def new_enroll_code(self, *, hall_code: str = DEFAULT_HALL[0],
                        hall_name: str = DEFAULT_HALL[1], valid_hours: int = 24) -> str:
        """Create a one-time enrollment code, shown once to the operator."""
        if not (len(hall_code) == 4 and hall_code.isascii() and hall_code.isdigit()):
            raise PlatformError("bad_hall_code", f"hall code must be 4 digits, got {hall_code!r}")
        if not hall_name.strip() or len(hall_name) > 40:
            raise PlatformError("bad_hall_name", "hall name must be 1 to 40 characters")
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        created = datetime.now(UTC)
        with self.write() as conn:
            conn.execute(
                "INSERT INTO enroll_codes VALUES (?, ?, ?, ?, ?, NULL)",
                [token_digest(raw), hall_code, hall_name, created.isoformat(timespec="seconds"),
                 (created + timedelta(hours=valid_hours)).isoformat(timespec="seconds")],
            )
        return f"{raw[:4]}-{raw[4:]}"

    def enroll(self, code: str, public_key: str, name: str) -> tuple[DeviceRecord, str]:
        """Spend a code; return the new device and its bearer token.

        :raises PlatformError: if the code is unknown, used or expired.
        """
        digest = token_digest(normalise_code(code))
        with self.write() as conn:
            row = conn.execute(
                "SELECT hall_code, hall_name, expires_at, used_by FROM enroll_codes"
                " WHERE code_hash = ?", [digest]).fetchone()
            if not row or row[3] is not None:
                raise PlatformError("enroll_code_invalid",
                                    "enrollment code unknown or already used", 403)
            hall_code, hall_name, expires_at, _ = row
            if expires_at < now_utc():
                raise PlatformError("enroll_code_expired", "enrollment code has expired", 403)
            (last,) = conn.execute("SELECT coalesce(max(device_no), 0) FROM devices"
                                   " WHERE hall_code = ?", [hall_code]).fetchone()
            device = DeviceRecord(f"D{secrets.token_hex(6).upper()}", last + 1, hall_code,
                                  hall_name)
            token = secrets.token_urlsafe(32)
            conn.execute(
                "INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [device.device_id, device.device_no, hall_code, hall_name, name[:80],
                 token_digest(token), public_key, now_utc()],
            )
            conn.execute("UPDATE enroll_codes SET used_by = ? WHERE code_hash = ?",
                         [device.device_id, digest])
        return device, token

    def device_for_token(self, token: str) -> DeviceRecord | None:
        rows = self.query("SELECT device_id, device_no, hall_code, hall_name FROM devices"
                          " WHERE token_hash = ?", [token_digest(token)])
        return DeviceRecord(*rows[0]) if rows else None

    def device_keys(self) -> dict[str, str]:
        return dict(self.query("SELECT device_id, public_key FROM devices"))

    # -- registry -------------------------------------------------------------------------

    def add_resident(self, record: dict[str, str]) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO residents VALUES (?, ?, ?, ?, ?, ?)",
                [record["id_number"], record["name"], record["gender"], record["birth_date"],
                 record["address"], record.get("phone", "")],
            )

    def resident(self, id_number: str) -> dict[str, str] | None:
        rows = self.query("SELECT id_number, name, gender, birth_date, address, phone"
                          " FROM residents WHERE id_number = ?", [id_number.strip().upper()])
        if not rows:
            return None
        keys = ("id_number", "name", "gender", "birth_date", "address", "phone")
        return {k: v for k, v in zip(keys, rows[0], strict=True) if v}

    # -- cases ----------------------------------------------------------------------------

    def case_status(self, case_number: str) -> tuple[str, str | None] | None:
        rows = self.query("SELECT status, status_reason FROM cases WHERE case_number = ?",
                          [case_number])
        return (rows[0][0], rows[0][1]) if rows else None

    def decide(self, case_number: str, decision: str, reason: str | None = None) -> str:
        """Record an operator's decision and publish it on the deciding device's feed.

        :raises PlatformError: for an unknown case number or decision.
        """
        status = DECISIONS.get(decision)
        if status is None:
            raise PlatformError("bad_decision", f"unknown decision {decision!r}")
        if decision in ("reject", "supplement") and not (reason and reason.strip()):
            raise PlatformError("reason_required", f"--{decision} needs a reason the citizen "
                                f"will read, e.g. --{decision} '请补充房屋租赁合同'")
        with self.write() as conn:
            row = conn.execute("SELECT case_id, device_id, status FROM cases"
                               " WHERE case_number = ?", [case_number]).fetchone()
            if not row:
                raise PlatformError("unknown_case", f"no case {case_number} on this platform",
                                    404)
            case_id, device_id, current = row
            if current in ("approved", "rejected"):
                raise PlatformError("case_closed", f"case {case_number} is already {current}; "
                                    "a closed case's decision cannot change", 409)
            at = now_utc()
            conn.execute("UPDATE cases SET status = ?, status_reason = ?, updated_at = ?"
                         " WHERE case_id = ?", [status, reason, at, case_id])
            conn.execute("INSERT INTO changes (device_id, case_id, status, reason, at)"
                         " VALUES (?, ?, ?, ?, ?)", [device_id, case_id, status, reason, at])
        return status

    def changes_for(self, device_id: str, cursor: int, limit: int) -> list[dict[str, Any]]:
        """The device's own case changes and every broadcast document, after `cursor`."""
        rows = self.query(
            "SELECT seq, case_id, status, reason, kind, version, document FROM changes"
            " WHERE device_id IN (?, '*') AND seq > ? ORDER BY seq LIMIT ?",
            [device_id, cursor, limit])
        out: list[dict[str, Any]] = []
        for seq, case_id, status, reason, kind, version, document in rows:
            if kind == "case_status":
                out.append({"seq": seq, "kind": kind, "case_id": case_id, "status": status,
                            "reason": reason})
            else:
                out.append({"seq": seq, "kind": kind, "version": version,
                            "document": json.loads(document)})
        return out

    def publish(self, kind: str, version: str, document: Any,
                device_id: str | None = None) -> int:
        """Put a document (catalogue, roster, holiday calendar) on the feed; return its seq.

        :raises PlatformError: for an unknown kind or a device that is not enrolled.
        """
        if kind not in DOCUMENT_KINDS:
            raise PlatformError("bad_kind", f"kind must be one of {', '.join(DOCUMENT_KINDS)}")
        with self.write() as conn:
            if device_id and not conn.execute("SELECT 1 FROM devices WHERE device_id = ?",
                                              [device_id]).fetchone():
                raise PlatformError("unknown_device", f"no enrolled device {device_id}", 404)
            cur = conn.execute(
                "INSERT INTO changes (device_id, case_id, status, reason, at, kind, version,"
                " document) VALUES (?, '', '', NULL, ?, ?, ?, ?)",
                [device_id or "*", now_utc(), kind, version,
                 json.dumps(document, ensure_ascii=False)])
            return int(cur.lastrowid or 0)

    # -- ledger ---------------------------------------------------------------------------

    def reconcile(self, device_id: str, days: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Compare a device's daily digests with what the platform holds; keep the result."""
        results = []
        now = now_utc()
        with self.write() as conn:
            for entry in days:
                day = str(entry.get("day", ""))[:10]
                ids = [r[0] for r in conn.execute(
                    "SELECT case_id FROM cases WHERE device_id = ?"
                    " AND substr(device_created_at, 1, 10) = ?", [device_id, day])]
                digest = hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()
                count, their = int(entry.get("count", 0)), str(entry.get("digest", ""))
                conn.execute("INSERT OR REPLACE INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [device_id, day, count, their, len(ids), digest, now])
                results.append({"day": day, "device_count": count, "platform_count": len(ids),
                                "match": their == digest})
        return results

    def ledger_report(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT device_id, day, device_count, platform_count,"
                          " device_digest = platform_digest, reported_at FROM ledger"
                          " ORDER BY day, device_id")
        keys = ("device_id", "day", "device_count", "platform_count", "match", "reported_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def case_count(self) -> int:
        return int(self.query("SELECT count(*) FROM cases")[0][0])
