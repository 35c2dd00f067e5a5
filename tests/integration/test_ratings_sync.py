"""好差评 ratings from the device store to the real reference platform, over HTTP on 127.0.0.1."""

from __future__ import annotations

import pytest
import requests

from kiosk.services import KioskServices
from sync import protocol
from sync.casenumber import make_case_number, parse_case_number
from sync.errors import PlatformUnreachable, RequestRefused
from sync.model import UnknownCase
from sync.platform.ratings import ratings
from sync.ratings import AlreadyRated, BadRating
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers


def _rated_case(services: KioskServices, platform: PlatformHandle, level: str = "dissatisfied",
                reasons: tuple[str, ...] = ("long_wait",)) -> str:
    number = services.submit("residence-certificate",
                             residence_answers(platform.residents[0])).case_number
    services.rate(number, level, reasons)
    return number


def test_a_rating_reaches_the_platform_once_even_if_pushed_twice(
    kiosk_services: KioskServices, platform_server: PlatformHandle,
) -> None:
    number = _rated_case(kiosk_services, platform_server)
    item = kiosk_services.store.unsent_ratings()[0].as_item()
    assert set(item) == {"idempotency_key", "case_number", "level", "score", "reasons",
                         "rated_at"}  # nothing about the person but the case number

    kiosk_services.sync_now()
    stored = ratings(platform_server.db)
    assert [(r["case_number"], r["level"], r["score"], r["reasons"]) for r in stored] == [
        (number, "dissatisfied", 2, ["long_wait"])]
    assert kiosk_services.store.unsent_ratings() == []
    assert ratings(platform_server.db, bad_only=True)[0]["case_number"] == number

    client = kiosk_services.client()
    try:
        again = client.push_ratings([item])  # as if the first answer had been lost
        changed = client.push_ratings([{**item, "level": "very_satisfied", "reasons": []}])
    finally:
        client.close()
    assert [(o.status, o.reason) for o in again] == [("duplicate", None)]
    assert changed[0].status == "conflict" and "already been rated" in (changed[0].reason or "")
    assert len(ratings(platform_server.db)) == 1
    assert ratings(platform_server.db)[0]["level"] == "dissatisfied"
    kiosk_services.sync_now()
    assert len(ratings(platform_server.db)) == 1


def test_a_rating_made_offline_waits_and_is_sent_once_the_platform_is_back(
    kiosk_services: KioskServices, platform_server: PlatformHandle,
) -> None:
    platform_server.server.stop()
    number = _rated_case(kiosk_services, platform_server, "satisfied", ())
    with pytest.raises(PlatformUnreachable):
        kiosk_services.sync_now()
    assert [r.case_number for r in kiosk_services.store.unsent_ratings()] == [number]
    platform_server.restart()
    kiosk_services.sync_now()
    kiosk_services.sync_now()
    assert [(r["case_number"], r["level"]) for r in ratings(platform_server.db)] == [
        (number, "satisfied")]


def test_the_device_keeps_one_rating_per_case_and_follows_the_rules(
    kiosk_services: KioskServices, platform_server: PlatformHandle,
) -> None:
    number = _rated_case(kiosk_services, platform_server, "fair", ())
    with pytest.raises(AlreadyRated):
        kiosk_services.rate(number.replace("-", ""), "very_satisfied")
    other = kiosk_services.submit("residence-certificate",
                                  residence_answers(platform_server.residents[1])).case_number
    with pytest.raises(BadRating):
        kiosk_services.rate(other, "very_dissatisfied")  # no reason
    with pytest.raises(BadRating):
        kiosk_services.rate(other, "satisfied", ["rude"])
    parts = parse_case_number(other)
    with pytest.raises(UnknownCase):
        kiosk_services.rate(make_case_number(parts.hall_code, parts.device_no, 99), "fair")
    rows = kiosk_services.store.db.execute("SELECT * FROM ratings").fetchall()
    assert len(rows) == 1 and rows[0][0] == number
    resident = platform_server.residents[0]
    assert not any(resident["id_number"] in str(v) or resident["name"] in str(v)
                   for row in rows for v in row)


def test_the_platform_refuses_what_it_cannot_check_per_item(
    kiosk_services: KioskServices, platform_server: PlatformHandle,
) -> None:
    number = kiosk_services.submit("residence-certificate",
                                   residence_answers(platform_server.residents[0])).case_number
    kiosk_services.sync_now()
    parts = parse_case_number(number)
    unknown = make_case_number(parts.hall_code, parts.device_no, 4242)
    good = {"idempotency_key": f"rating:{number}", "case_number": number, "level": "fair",
            "reasons": [], "rated_at": "2026-11-30T10:00:00+00:00"}
    client = kiosk_services.client()
    try:
        answers = client.push_ratings([
            {**good, "idempotency_key": f"rating:{unknown}", "case_number": unknown},
            {**good, "level": "very_dissatisfied"},
            {**good, "idempotency_key": "rating:someone-else"},
            "not an object",
            good,
        ])
        with pytest.raises(RequestRefused):
            client._call("POST", protocol.RATINGS, {"ratings": []})
    finally:
        client.close()
    assert [a.status for a in answers] == ["rejected"] * 4 + ["accepted"]
    assert "no case" in (answers[0].reason or "")
    assert "needs at least one reason" in (answers[1].reason or "")
    assert [r["case_number"] for r in ratings(platform_server.db)] == [number]

    anonymous = requests.post(platform_server.url + protocol.RATINGS, json={"items": []},
                              timeout=5)
    assert anonymous.status_code == 401
    assert anonymous.json() == {"protocol": protocol.PROTOCOL, "error": {
        "code": "unauthorised", "message": "device credentials missing or unknown"}}
