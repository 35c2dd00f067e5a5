"""好差评: a citizen's rating of one visit, kept on the device and sent to the platform.

A rating belongs to one case number, and a case is rated once (DESIGN.md §5): five levels from
非常满意 to 非常不满意, and for the bottom two at least one reason from a fixed list (a free-text
comment could carry a name or a phone number, so there is none). What is stored — case number,
level, reason codes, time — is not personal data beyond the case number, so it is kept in plain
columns. `RatingsMixin` gives the store its ratings table (migration 0003) and its own small
outbox: each rating is pushed once under the idempotency key `rating:<case number>`, after the
case itself, and the platform answers per item as it does for cases.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from sync.casenumber import normalise_case_number
from sync.errors import SyncError
from sync.model import PushOutcome, UnknownCase, utc_now

if TYPE_CHECKING:
    from sync.client import PlatformClient
    from sync.store import Store

log = logging.getLogger(__name__)

#: The five levels, best first, with the score the platform reports them by (5 = 非常满意).
LEVELS: tuple[str, ...] = ("very_satisfied", "satisfied", "fair", "dissatisfied",
                           "very_dissatisfied")
SCORES: dict[str, int] = {level: 5 - n for n, level in enumerate(LEVELS)}
#: Levels that must say why.
NEEDS_REASON = frozenset({"dissatisfied", "very_dissatisfied"})
REASONS: tuple[str, ...] = ("long_wait", "unclear_materials", "complex_system", "staff_attitude",
                            "other")


class BadRating(ValueError):
    """A rating that breaks the rules (unknown level or reason, no reason for a bad rating)."""


class AlreadyRated(Exception):
    """The case has been rated before; a case is rated once."""

    def __init__(self, case_number: str) -> None:
        super().__init__(f"case {case_number} has already been rated")
        self.case_number = case_number


@dataclass(frozen=True)
class Rating:
    case_number: str
    level: str
    reasons: tuple[str, ...]
    rated_at: str

    @property
    def idempotency_key(self) -> str:
        return rating_key(self.case_number)

    def as_item(self) -> dict[str, Any]:
        """The rating as one item of a push to the platform."""
        return {"idempotency_key": self.idempotency_key, "case_number": self.case_number,
                "level": self.level, "score": SCORES[self.level], "reasons": list(self.reasons),
                "rated_at": self.rated_at}


def rating_key(case_number: str) -> str:
    return f"rating:{case_number}"


def check_rating(level: object, reasons: Sequence[object]) -> tuple[str, ...]:
    """The reasons in canonical order (known codes, each once).

    :raises BadRating: for an unknown level or reason, or a bottom-two level without a reason.
    """
    if level not in LEVELS:
        raise BadRating(f"level must be one of {', '.join(LEVELS)}")
    if isinstance(reasons, str) or not all(isinstance(r, str) for r in reasons):
        raise BadRating("reasons must be a list of reason codes")
    unknown = sorted({str(r) for r in reasons} - set(REASONS))
    if unknown:
        raise BadRating(f"unknown reason {unknown[0]!r}; use {', '.join(REASONS)}")
    chosen = tuple(r for r in REASONS if r in reasons)
    if level in NEEDS_REASON and not chosen:
        raise BadRating(f"a {level} rating needs at least one reason")
    return chosen


def migrate_ratings(db: sqlite_utils.Database) -> None:
    """Migration 0003: one rating per case number, with its own push state."""
    db.execute(
        """CREATE TABLE ratings (
            case_number TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(case_id),
            level TEXT NOT NULL, reasons TEXT NOT NULL, rated_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, sent_at TEXT)"""
    )
    db.execute("CREATE INDEX ratings_pending ON ratings(sent_at, rated_at)")


class RatingsMixin:
    """The store's ratings: record one per case, list the unsent, apply the platform's answers."""

    db: sqlite_utils.Database
    _lock: threading.RLock

    if TYPE_CHECKING:  # provided by Store
        def _write(self) -> AbstractContextManager[sqlite_utils.Database]: ...

        def _audit(self, event: str, case_id: str | None = None, **detail: object) -> None: ...

    def ratable(self, case_number: str) -> str:
        """The printed number of a case that may be rated now.

        :raises sync.casenumber.BadCaseNumber: if the text is not a well-formed case number.
        :raises UnknownCase: if no case with that number was submitted on this device.
        :raises AlreadyRated: if it has been rated.
        """
        number = normalise_case_number(case_number)
        with self._lock:
            case = self.db.execute("SELECT case_id FROM cases WHERE case_number = ?",
                                   [number]).fetchone()
            rated = self.db.execute("SELECT 1 FROM ratings WHERE case_number = ?",
                                    [number]).fetchone()
        if case is None:
            raise UnknownCase(number)
        if rated is not None:
            raise AlreadyRated(number)
        return number

    def add_rating(self, case_number: str, level: str, reasons: Sequence[str] = ()) -> Rating:
        """Record the rating of a case, durably, with an audit entry; it waits to be pushed.

        :raises BadRating, sync.casenumber.BadCaseNumber, UnknownCase, AlreadyRated: as
            `check_rating` and `ratable` say; nothing is stored then.
        """
        chosen = check_rating(level, reasons)
        number = normalise_case_number(case_number)
        rating = Rating(number, level, chosen, utc_now())
        with self._write() as db:
            case = db.execute("SELECT case_id FROM cases WHERE case_number = ?",
                              [number]).fetchone()
            if case is None:
                raise UnknownCase(number)
            if db.execute("SELECT 1 FROM ratings WHERE case_number = ?", [number]).fetchone():
                raise AlreadyRated(number)
            db.execute("INSERT INTO ratings (case_number, case_id, level, reasons, rated_at)"
                       " VALUES (?, ?, ?, ?, ?)",
                       [number, case[0], level, json.dumps(chosen), rating.rated_at])
            self._audit("rating.recorded", case[0], level=level)
        return rating

    def rating_of(self, case_number: str) -> Rating | None:
        """The rating of a case, if it has one. :raises BadCaseNumber: if malformed."""
        number = normalise_case_number(case_number)
        with self._lock:
            row = self.db.execute("SELECT case_number, level, reasons, rated_at FROM ratings"
                                  " WHERE case_number = ?", [number]).fetchone()
        return _rating(row) if row else None

    def unsent_ratings(self, *, max_items: int = 500) -> list[Rating]:
        with self._lock:
            rows = self.db.execute(
                "SELECT case_number, level, reasons, rated_at FROM ratings WHERE sent_at IS NULL"
                " ORDER BY rated_at, case_number LIMIT ?", [max_items]).fetchall()
        return [_rating(r) for r in rows]

    def record_ratings_push(self, outcomes: Sequence[PushOutcome]) -> dict[str, int]:
        """Apply the platform's answers in one transaction; return counts by answer.

        Accepted and duplicate ratings are done; rejected and conflicting ones are done too, with
        the platform's reason kept for staff, because sending them again cannot change the answer.
        """
        counts = {"accepted": 0, "duplicate": 0, "rejected": 0}
        now = utc_now()
        with self._write() as db:
            for out in outcomes:
                if not out.idempotency_key.startswith("rating:"):
                    continue
                number = out.idempotency_key.removeprefix("rating:")
                failed = out.status not in ("accepted", "duplicate")
                cur = db.execute(
                    "UPDATE ratings SET sent_at = ?, attempts = attempts + 1, last_error = ?"
                    " WHERE case_number = ? AND sent_at IS NULL",
                    [now, (out.reason or out.status)[:200] if failed else None, number])
                if cur.rowcount:
                    counts["rejected" if failed else out.status] += 1
        return counts

    def record_ratings_failure(self, case_numbers: Sequence[str], error: str) -> None:
        """Note a failed attempt (network, server) on ratings that stay unsent."""
        with self._write() as db:
            db.conn.executemany(
                "UPDATE ratings SET attempts = attempts + 1, last_error = ? WHERE case_number = ?",
                [(error[:200], n) for n in case_numbers])


def _rating(row: Sequence[Any]) -> Rating:
    number, level, reasons, rated_at = row
    return Rating(str(number), str(level), tuple(json.loads(reasons)), str(rated_at))


def push_ratings(store: Store, client: PlatformClient) -> dict[str, int]:
    """Push every unsent rating; a failed batch stays unsent and the error propagates.

    :raises sync.errors.SyncError: if the platform cannot be reached or refuses the batch.
    """
    totals = {"accepted": 0, "duplicate": 0, "rejected": 0}
    while True:
        batch = store.unsent_ratings()
        if not batch:
            return totals
        try:
            outcomes = client.push_ratings([r.as_item() for r in batch])
        except SyncError as exc:
            store.record_ratings_failure([r.case_number for r in batch], type(exc).__name__)
            raise
        counts = store.record_ratings_push(outcomes)
        for key, n in counts.items():
            totals[key] += n
        if not sum(counts.values()):
            # An answer that settles none of what we sent would loop forever.
            raise SyncError("the platform answered a ratings push without naming any sent item")
