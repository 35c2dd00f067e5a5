"""Working days for promised time limits: weekends, holidays and make-up workdays as data."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from printing.workdays import CalendarError, HolidayCalendar, add_working_days

# National Day week of a sample year: 1–7 October off, Sunday 28 September and Saturday
# 11 October worked instead.
OCTOBER = HolidayCalendar.of(
    holidays=[f"2025-10-0{d}" for d in range(1, 8)] + ["2025-10-08"],
    workdays=["2025-09-28", "2025-10-11"],
)


def test_weekends_are_skipped_and_the_first_day_is_not_counted() -> None:
    friday = date(2026, 11, 20)
    assert add_working_days(friday, 1) == date(2026, 11, 23)  # Monday
    assert add_working_days(friday, 5) == date(2026, 11, 27)
    assert add_working_days(datetime(2026, 11, 20, 17, 0), 0) == friday


def test_holidays_are_skipped_and_make_up_days_count() -> None:
    assert add_working_days(date(2025, 9, 26), 1, OCTOBER) == date(2025, 9, 28)  # Sunday worked
    assert add_working_days(date(2025, 9, 30), 1, OCTOBER) == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 30), 2, OCTOBER) == date(2025, 10, 10)
    assert add_working_days(date(2025, 9, 30), 3, OCTOBER) == date(2025, 10, 11)  # Saturday


def test_calendar_file(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    assert HolidayCalendar.load(path) == HolidayCalendar()
    path.write_text('{"holidays": ["2026-01-01"], "workdays": ["2026-01-04"]}')
    calendar = HolidayCalendar.load(path)
    assert add_working_days(date(2025, 12, 31), 1, calendar) == date(2026, 1, 2)
    path.write_text('{"holidays": ["tomorrow"]}')
    with pytest.raises(CalendarError, match="YYYY-MM-DD"):
        HolidayCalendar.load(path)
    path.write_text("[]")
    with pytest.raises(CalendarError, match="expected"):
        HolidayCalendar.load(path)


def test_bad_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
    with pytest.raises(CalendarError, match="both"):
        HolidayCalendar.of(["2026-01-01"], ["2026-01-01"])
