"""The device's append-only audit log, chained with an HMAC.

Each entry's MAC covers its own fields and the previous entry's MAC, so editing, inserting or
deleting an entry anywhere breaks every MAC after it. Deleting the newest entries breaks nothing
after them, so the chain's head (the last entry's id and a MAC over it) is kept in `audit_head`
and moved with every append: a log cut short no longer ends where its head says. Entries hold
case ids and event names, never personal data. Appending happens inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

import sqlite_utils

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditProblem:
    entry_id: int
    reason: str


def _mac(key: bytes, prev: str, at: str, event: str, case_id: str | None, detail: str) -> str:
    body = json.dumps([prev, at, event, case_id, detail], separators=(",", ":")).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def append(
    db: sqlite_utils.Database,
    key: bytes,
    *,
    at: str,
    event: str,
    case_id: str | None = None,
    detail: dict[str, object] | None = None,
    prev: str | None = None,
) -> str:
    """Append one entry inside the caller's transaction; return its MAC.

    `prev` is the MAC of the last entry if the caller already knows it (appending several
    entries in one transaction); otherwise it is read from the table.
    """
    if prev is None:
        row = db.execute("SELECT mac FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        prev = row[0] if row else GENESIS
    text = json.dumps(detail or {}, sort_keys=True, separators=(",", ":"))
    mac = _mac(key, prev, at, event, case_id, text)
    cursor = db.execute(
        "INSERT INTO audit (at, event, case_id, detail, mac) VALUES (?, ?, ?, ?, ?)",
        [at, event, case_id, text, mac],
    )
    _move_head(db, key, int(cursor.lastrowid or 0), mac)
    return mac


UNANCHORED = "unanchored"


def _head_tag(key: bytes, entry_id: int, mac: str) -> str:
    return hmac.new(key, f"head:{entry_id}:{mac}".encode(), hashlib.sha256).hexdigest()


def _move_head(db: sqlite_utils.Database, key: bytes, entry_id: int, mac: str) -> None:
    db.execute("UPDATE audit_head SET entry_id = ?, tag = ?",
               [entry_id, _head_tag(key, entry_id, mac)])


def create_head(db: sqlite_utils.Database) -> None:
    """Migration: the head row, to be anchored with the key when the store next opens."""
    db.execute("CREATE TABLE audit_head (entry_id INTEGER NOT NULL, tag TEXT NOT NULL)")
    (last,) = db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()
    db.execute("INSERT INTO audit_head VALUES (?, ?)", [last, UNANCHORED])


def anchor_head(db: sqlite_utils.Database, key: bytes) -> None:
    """Anchor a head the migration left unanchored (inside the caller's transaction)."""
    row = db.execute("SELECT entry_id, tag FROM audit_head").fetchone()
    if row is None or row[1] != UNANCHORED:
        return
    last = db.execute("SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, mac = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    db.execute("UPDATE audit_head SET entry_id = ?, tag = ?",
               [entry_id, _head_tag(key, entry_id, mac)])


def verify(db: sqlite_utils.Database, key: bytes) -> list[AuditProblem]:
    """Walk the chain; return every entry whose MAC or sequence does not hold."""
    problems: list[AuditProblem] = []
    prev = GENESIS
    expected_id = None
    for entry_id, at, event, case_id, detail, mac in db.execute(
        "SELECT id, at, event, case_id, detail, mac FROM audit ORDER BY id"
    ):
        if expected_id is not None and entry_id != expected_id:
            problems.append(AuditProblem(entry_id, f"entries {expected_id}–{entry_id - 1} are missing"))
        if not hmac.compare_digest(_mac(key, prev, at, event, case_id, detail), mac):
            problems.append(AuditProblem(entry_id, "entry was altered or the chain was broken"))
        prev = mac
        expected_id = entry_id + 1
    last_id = 0 if expected_id is None else expected_id - 1
    head = db.execute("SELECT entry_id, tag FROM audit_head").fetchone()
    if head is None:
        problems.append(AuditProblem(last_id, "the chain's head record is missing"))
    elif int(head[0]) != last_id:
        problems.append(AuditProblem(last_id, f"the log ends at entry {last_id} but its head says "
                                              f"{head[0]}: the newest entries were removed"))
    elif not hmac.compare_digest(_head_tag(key, last_id, prev), str(head[1])):
        problems.append(AuditProblem(last_id, "the chain's head record was altered"))
    return problems
