"""Queue tickets (排队号) taken at the kiosk: a number per day, and who is still waiting.

Mixed into `Store`. Numbers start at 1 each day (the kiosk's local date, given by the caller)
and are handed out in one IMMEDIATE transaction, so two visitors pressing at once never get the
same number, and a number survives a restart. A ticket names only its service and times — never
a person. "Waiting" counts this device's tickets for the same service, taken earlier that day
and not yet called at a counter (`call_next_ticket`).
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlite_utils

from sync.model import utc_now


def create_ticket_table(db: sqlite_utils.Database) -> None:
    """The migration step that adds the ticket table."""
    db.execute(
        """CREATE TABLE queue_tickets (
            day TEXT NOT NULL, number INTEGER NOT NULL, service_code TEXT NOT NULL,
            issued_at TEXT NOT NULL, called_at TEXT, PRIMARY KEY (day, number))"""
    )
    db.execute("CREATE INDEX queue_tickets_waiting ON queue_tickets(day, service_code, called_at)")


@dataclass(frozen=True)
class IssuedTicket:
    day: str
    number: int
    service_code: str
    waiting: int
    """Tickets for the same service taken earlier that day and not yet called."""
    issued_at: str


class TicketMixin:
    """Daily queue numbers of a device store."""

    db: sqlite_utils.Database
    _lock: threading.RLock

    if TYPE_CHECKING:  # provided by Store
        def _write(self) -> AbstractContextManager[sqlite_utils.Database]: ...

    def issue_ticket(self, *, day: str, service_code: str) -> IssuedTicket:
        """Hand out the next number of `day` (YYYY-MM-DD, the kiosk's local date)."""
        now = utc_now()
        with self._write() as db:
            (last,) = db.execute("SELECT coalesce(max(number), 0) FROM queue_tickets"
                                 " WHERE day = ?", [day]).fetchone()
            (waiting,) = db.execute(
                "SELECT count(*) FROM queue_tickets WHERE day = ? AND service_code = ?"
                " AND called_at IS NULL", [day, service_code]).fetchone()
            db.execute("INSERT INTO queue_tickets (day, number, service_code, issued_at)"
                       " VALUES (?, ?, ?, ?)", [day, last + 1, service_code, now])
        return IssuedTicket(day, int(last) + 1, service_code, int(waiting), now)

    def call_next_ticket(self, *, day: str, service_code: str | None = None) -> int | None:
        """Mark the oldest waiting ticket of `day` (of one service, if given) called; its number."""
        where, args = "day = ? AND called_at IS NULL", [day]
        if service_code is not None:
            where, args = where + " AND service_code = ?", [*args, service_code]
        with self._write() as db:
            row = db.execute(f"SELECT number FROM queue_tickets WHERE {where}"
                             " ORDER BY number LIMIT 1", args).fetchone()
            if row is None:
                return None
            db.execute("UPDATE queue_tickets SET called_at = ? WHERE day = ? AND number = ?",
                       [utc_now(), day, row[0]])
        return int(row[0])

    def waiting_tickets(self, *, day: str, service_code: str) -> int:
        with self._lock:
            (count,) = self.db.execute(
                "SELECT count(*) FROM queue_tickets WHERE day = ? AND service_code = ?"
                " AND called_at IS NULL", [day, service_code]).fetchone()
        return int(count)
