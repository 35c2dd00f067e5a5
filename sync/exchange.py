"""What the store exchanges with the platform: the outbox, uploads, the feed and the ledger.

Mixed into `Store`, whose connection, lock and sealer it uses. Pushed answers, upload progress
and each page of the changes feed are applied in one transaction each, so a crash in the middle
of a sync round leaves nothing half-recorded; replaying any of them changes nothing.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import sqlite_utils

from sync.model import PLATFORM_DECISIONS, Change, OutboxItem, PushOutcome, utc_now
from sync.seal import Sealer


class ExchangeMixin:
    """Outbox, upload queue, changes feed, documents and daily ledger of a device store."""

    db: sqlite_utils.Database
    _sealer: Sealer
    _lock: threading.RLock

    if TYPE_CHECKING:  # provided by Store
        def _write(self) -> AbstractContextManager[sqlite_utils.Database]: ...

        def _audit(self, event: str, case_id: str | None = None, **detail: object) -> None: ...

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

        Case status changes set the case's state; documents (a new catalogue, an agent's roster,
        a holiday calendar) are kept sealed by kind and version. Replaying a page is harmless:
        changes at or below the stored cursor came with an earlier page and are skipped.
        """
        applied = 0
        now = utc_now()
        with self._write() as db:
            row = db.execute(
                "SELECT value FROM sync_state WHERE key = 'changes_cursor'").fetchone()
            applied_to = int(row[0]) if row else 0
            for ch in changes:
                if ch.seq <= applied_to:
                    # Already applied with an earlier page. Re-applying an old page would roll
                    # a case back (approved -> accepted), so a replay must skip it.
                    continue
                if ch.kind != "case_status":
                    if ch.document is not None and ch.version:
                        db.execute(
                            "INSERT OR REPLACE INTO documents (kind, version, body_sealed,"
                            " received_at) VALUES (?, ?, ?, ?)",
                            [ch.kind, ch.version,
                             self._sealer.seal_json(ch.document,
                                                    context=f"document:{ch.kind}:{ch.version}"),
                             now])
                        applied += 1
                        self._audit("document.received", kind=ch.kind, version=ch.version,
                                    seq=ch.seq)
                    continue
                if ch.status not in PLATFORM_DECISIONS:
                    continue
                sealed = (self._sealer.seal(ch.reason.encode(), context=f"reason:{ch.case_id}")
                          if ch.reason else None)
                cur = db.execute(
                    "UPDATE cases SET status = ?, reason_sealed = ?, updated_at = ?"
                    " WHERE case_id = ? AND status != 'quarantined'",
                    [ch.status, sealed, now, ch.case_id])
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

    def latest_document(self, kind: str) -> tuple[str, Any] | None:
        """The newest stored version of a document kind and its body, or None."""
        with self._lock:
            row = self.db.execute(
                "SELECT version, body_sealed FROM documents WHERE kind = ?"
                " ORDER BY received_at DESC, version DESC LIMIT 1", [kind]).fetchone()
        if not row:
            return None
        return str(row[0]), self._sealer.open_json(row[1], context=f"document:{kind}:{row[0]}")

    # -- uploads --------------------------------------------------------------------------

    def pending_uploads(self) -> list[tuple[str, int]]:
        """(sha256, size) of attachments of cases the platform has, not yet uploaded."""
        with self._lock:
            rows = self.db.execute(
                "SELECT DISTINCT a.sha256, a.size FROM case_attachments a JOIN cases c"
                " USING (case_id) WHERE a.uploaded_at IS NULL"
                " AND c.status NOT IN ('queued', 'quarantined') ORDER BY a.sha256").fetchall()
        return [(str(sha), int(size)) for sha, size in rows]

    def mark_uploaded(self, sha256: str) -> None:
        with self._write() as db:
            db.execute("UPDATE case_attachments SET uploaded_at = ? WHERE sha256 = ?"
                       " AND uploaded_at IS NULL", [utc_now(), sha256])
            self._audit("attachment.uploaded", sha=sha256[:16])

    # -- daily ledger ---------------------------------------------------------------------

    def ledger(self, *, days: int = 7) -> list[dict[str, object]]:
        """Per day (by the device's own date, informational only): how many cases the platform
        has acknowledged and a digest of their ids, for reconciliation without moving data."""
        with self._lock:
            rows = self.db.execute(
                "SELECT substr(created_at, 1, 10) AS day, case_id FROM cases"
                " WHERE status NOT IN ('queued', 'quarantined')"
                " AND created_at >= date('now', ?) ORDER BY day, case_id",
                [f"-{int(days)} days"]).fetchall()
        by_day: dict[str, list[str]] = {}
        for day, case_id in rows:
            by_day.setdefault(str(day), []).append(str(case_id))
        return [{"day": day, "count": len(ids), "digest": ledger_digest(ids)}
                for day, ids in sorted(by_day.items())]


def ledger_digest(case_ids: Sequence[str]) -> str:
    """SHA-256 over the sorted case ids, one per line: equal sets give equal digests."""
    return hashlib.sha256("\n".join(sorted(case_ids)).encode()).hexdigest()
