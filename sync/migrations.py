"""Named, ordered schema migrations for the device store.

Each migration runs inside one transaction together with the row that records it, so a crash
leaves either both or neither. Before any pending migration runs on an existing database, the file
is copied with SQLite's online backup to `backups/store-<timestamp>.db` (sealed values stay
sealed: the backup holds no more than the store).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from sync import audit
from sync.ratings import migrate_ratings
from sync.tickets import create_ticket_table

Migration = tuple[str, Callable[[sqlite_utils.Database], None]]


def _initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE device (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            device_id TEXT NOT NULL, device_no INTEGER NOT NULL,
            hall_code TEXT NOT NULL, hall_name TEXT NOT NULL,
            platform_url TEXT NOT NULL, token_sealed BLOB NOT NULL, enrolled_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE cases (
            case_id TEXT PRIMARY KEY, case_number TEXT NOT NULL UNIQUE,
            sequence INTEGER NOT NULL UNIQUE, service_code TEXT NOT NULL,
            catalog_version TEXT NOT NULL, status TEXT NOT NULL,
            reason_sealed BLOB, content_hash TEXT NOT NULL, payload_sealed BLOB NOT NULL,
            person_index TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX cases_status ON cases(status)")
    db.execute("CREATE INDEX cases_person ON cases(person_index)")
    db.execute(
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL REFERENCES cases(case_id),
            idempotency_key TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, done_at TEXT)"""
    )
    db.execute("CREATE INDEX outbox_pending ON outbox(done_at, id)")
    db.execute(
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, event TEXT NOT NULL,
            case_id TEXT, detail TEXT NOT NULL, mac TEXT NOT NULL)"""
    )
    db.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _attachments_revisions_documents(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE cases ADD COLUMN replaces TEXT")
    db.execute(
        """CREATE TABLE case_attachments (
            case_id TEXT NOT NULL REFERENCES cases(case_id), sha256 TEXT NOT NULL,
            size INTEGER NOT NULL, uploaded_at TEXT, PRIMARY KEY (case_id, sha256))"""
    )
    db.execute("CREATE INDEX case_attachments_pending ON case_attachments(uploaded_at)")
    db.execute(
        """CREATE TABLE documents (
            kind TEXT NOT NULL, version TEXT NOT NULL, body_sealed BLOB NOT NULL,
            received_at TEXT NOT NULL, PRIMARY KEY (kind, version))"""
    )


MIGRATIONS: tuple[Migration, ...] = (
    ("0001_initial", _initial),
    ("0002_attachments_revisions_documents", _attachments_revisions_documents),
    ("0003_ratings", migrate_ratings),
    ("0004_queue_tickets", create_ticket_table),
    ("0005_audit_head", audit.create_head),
)


def pending(db: sqlite_utils.Database) -> list[Migration]:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    return [m for m in MIGRATIONS if m[0] not in done]


def backup(conn: sqlite3.Connection, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"store-{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9}.db"
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    target.chmod(0o600)
    return target


def migrate(db: sqlite_utils.Database, backup_folder: Path) -> list[str]:
    """Apply every pending migration in order; return their names.

    :raises sqlite3.DatabaseError: if a migration fails (that migration is rolled back).
    """
    todo = pending(db)
    if not todo:
        return []
    has_data = db.execute("SELECT count(*) FROM _migrations").fetchone()[0] > 0
    if has_data:
        backup(db.conn, backup_folder)
    applied = []
    for name, step in todo:
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have applied it while we waited for the lock.
            if db.execute("SELECT 1 FROM _migrations WHERE name = ?", [name]).fetchone():
                db.execute("ROLLBACK")
                continue
            step(db)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", [name]
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
