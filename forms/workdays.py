"""Working days (工作日) for promised time limits and commitment deadlines.

A deadline "within 10 working days" skips weekends and public holidays but counts the weekend
days the State Council turns into make-up working days (调休). The arrangement is announced a
year at a time: the `chinese-calendar` package carries the years up to its release, and
`forms/data/calendar.json` (or a newer copy the platform publishes) adds later years and
corrections. Beyond the last known year only weekends are skipped, and a deadline that falls
there says it is an estimate, so nobody is promised a date the calendar cannot vouch for.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from forms.errors import CatalogError

#: The calendar file shipped with the package.
DEFAULT_CALENDAR = Path(__file__).resolve().parent / "data" / "calendar.json"


@dataclass(frozen=True)
class Deadline:
    day: date
    estimated: bool  # True when it falls after the last year the calendar knows


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date]
    workdays: frozenset[date]  # weekend days worked instead (调休)
    known_through: date

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> Deadline:
        """The `days`-th working day after `start` (the day of application does not count).

        :raises ValueError: for a negative number of days.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return Deadline(day, estimated=day > self.known_through)


def _package_days() -> tuple[set[date], set[date], date]:
    try:
        from chinese_calendar import constants
    except ImportError:  # the JSON file alone still gives a usable calendar
        return set(), set(), date(1970, 1, 1)
    holidays, workdays = set(constants.holidays), set(constants.workdays)
    last = max(holidays | workdays)
    return holidays, workdays, date(last.year, 12, 31)


def _dates(path: Path, raw: object, what: str) -> set[date]:
    if not isinstance(raw, dict):
        raise CatalogError(path, f"{what} must be an object of YYYY-MM-DD dates to names")
    try:
        return {date.fromisoformat(k) for k in raw}
    except ValueError as exc:
        raise CatalogError(path, f"{what}: {exc}") from exc


def read_calendar(path: Path = DEFAULT_CALENDAR) -> WorkCalendar:
    """The package's calendar with the file at `path` laid over it.

    :raises CatalogError: naming the file if it is unreadable or malformed.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = date.fromisoformat(data["known_through"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogError(path, f"is not a holiday calendar ({exc})") from exc
    holidays, workdays, package_known = _package_days()
    extra_holidays = _dates(path, data.get("holidays", {}), "holidays")
    extra_workdays = _dates(path, data.get("workdays", {}), "workdays")
    holidays = (holidays - extra_workdays) | extra_holidays
    workdays = (workdays - extra_holidays) | extra_workdays
    return WorkCalendar(frozenset(holidays), frozenset(workdays), max(known, package_known))


@functools.lru_cache(maxsize=4)
def load_calendar(path: Path | None = None) -> WorkCalendar:
    """The working-day calendar: the shipped one, or an update at `path` (read once and kept).

    :raises CatalogError: naming the file if it is malformed.
    """
    return read_calendar(path or DEFAULT_CALENDAR)
