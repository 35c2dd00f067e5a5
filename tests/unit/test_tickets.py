"""Queue numbers (取号): one sequence a day, survived by a restart, distinct between kiosks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.paperwork import ticket_number
from sync.model import Device
from sync.store import Store


def test_numbers_count_per_day_and_survive_a_restart(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    first = store.issue_ticket(day="2026-11-30", service_code="household-move-in")
    second = store.issue_ticket(day="2026-11-30", service_code="residence-certificate")
    third = store.issue_ticket(day="2026-11-30", service_code="household-move-in")
    assert (first.number, second.number, third.number) == (1, 2, 3)
    assert (first.waiting, second.waiting, third.waiting) == (0, 0, 1)
    store.close()

    store = Store.open(tmp_path)
    assert store.issue_ticket(day="2026-11-30", service_code="x").number == 4
    assert store.issue_ticket(day="2026-12-01", service_code="x").number == 1
    assert store.call_next_ticket(day="2026-11-30", service_code="household-move-in") == 1
    assert store.waiting_tickets(day="2026-11-30", service_code="household-move-in") == 1
    assert store.call_next_ticket(day="2026-11-30") == 2
    store.close()


def test_each_kiosk_of_a_hall_has_its_own_letter() -> None:
    assert ticket_number(Device("D1", 1, "3301", "hall", "http://x"), 7) == "A007"
    assert ticket_number(Device("D2", 2, "3301", "hall", "http://x"), 7) == "B007"
    assert ticket_number(Device("D27", 27, "3301", "hall", "http://x"), 123) == "A123"


def test_a_second_receipt_key_is_kept_private_and_stable(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    made = []
    secret = store.suite_secret("sm2", lambda: made.append(1) or bytes(range(1, 33)))
    assert secret == bytes(range(1, 33))
    assert store.suite_secret("sm2", lambda: b"other") == secret and made == [1]
    path = tmp_path / "keys" / "device-sm2.key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    store.close()
