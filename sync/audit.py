"""The device's append-only audit log, chained with an HMAC.

Each entry's MAC covers its own fields and the previous entry's MAC, so editing, inserting or
deleting an entry anywhere breaks every MAC after it. Entries hold case ids and event names, never
personal data. Appending happens inside the caller's transaction.
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
    db.execute(
        "INSERT INTO audit (at, event, case_id, detail, mac) VALUES (?, ?, ?, ?, ?)",
        [at, event, case_id, text, mac],
    )
    return mac


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
    return problems
