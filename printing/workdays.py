"""Working days: when a promised time limit of N working days ends.

A time limit in Chinese administrative practice counts working days (工作日) from the day after
acceptance: weekends and public holidays do not count, and make-up working days (调休 — a
Saturday or Sunday worked in exchange for a longer holiday) do. Holidays are announced each
year, so they are data passed in by the caller — typically from the platform's changes feed or a
file the administrator updates — never a table frozen into the code. `HolidayCalendar.load` reads
the JSON form: `{"holidays": ["2026-10-01", …], "workdays": ["2026-09-27", …]}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

MAX_WORKING_DAYS = 3660
"""Longest time limit accepted (about ten years); bounds the loop on bad input."""


class CalendarError(ValueError):
    """A holiday calendar file or value that cannot be used; the message names the problem."""


@dataclass(frozen=True)
class HolidayCalendar:
    """Public holidays that fall on weekdays, and weekend days that are worked (调休)."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, holidays: Iterable[date | str] = (), workdays: Iterable[date | str] = ()
           ) -> HolidayCalendar:
        """Build a calendar from dates or ISO date strings.

        :raises CalendarError: if a string is not an ISO date, or a day is in both lists.
        """
        rest = frozenset(_as_date(d) for d in holidays)
        work = frozenset(_as_date(d) for d in workdays)
        both = rest & work
        if both:
            raise CalendarError(f"{min(both).isoformat()} is listed both as holiday and workday")
        return cls(rest, work)

    @classmethod
    def load(cls, path: Path) -> HolidayCalendar:
        """Read a calendar JSON file; a missing file is an empty calendar (weekends only).

        :raises CalendarError: if the file is unreadable or not in the documented shape.
        """
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            raise CalendarError(f"{path}: cannot read the holiday calendar ({exc})") from exc
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CalendarError(f"{path}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or not all(
            isinstance(data.get(k, []), list) for k in ("holidays", "workdays")
        ):
            raise CalendarError(
                f'{path}: expected {{"holidays": ["YYYY-MM-DD", ...], "workdays": [...]}}'
            )
        return cls.of(data.get("holidays", []), data.get("workdays", []))

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def add_working_days(start: date | datetime, days: int,
                     calendar: HolidayCalendar | None = None) -> date:
    """The date on which a time limit of `days` working days, counted from `start`, ends.

    The day of acceptance itself is not counted; 0 days means the same day.

    :raises ValueError: if `days` is negative or unreasonably large.
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_WORKING_DAYS:
        raise ValueError(f"days must be a whole number from 0 to {MAX_WORKING_DAYS}")
    calendar = calendar or HolidayCalendar()
    day = start.date() if isinstance(start, datetime) else start
    left = days
    while left:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise CalendarError(f"{value!r} is not a date in the form YYYY-MM-DD") from exc
