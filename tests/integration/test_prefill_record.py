"""What the form offered travels with the case; a draft keeps the catalogue it was filled against."""

from __future__ import annotations

from kiosk.services import KioskServices
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers


def test_prefilled_sources_and_changed_values_reach_the_platform(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    resident = platform_server.residents[0]
    offered = kiosk_services.lookup(resident["id_number"])
    assert offered["address"].source == "registry"
    answers = dict(residence_answers(resident), address="浙江省杭州市西湖区文三路 90 号 2 幢 301 室")

    result = kiosk_services.submit("residence-certificate", answers, prefilled=offered)

    content = kiosk_services.store.case_content(result.case_id)
    record = content["provenance"]
    assert isinstance(record, dict)
    assert record["address"] == {"source": "registry", "offered": resident["address"]}
    assert record["applicant_name"] == {"source": "registry"}  # confirmed as offered
    counts = kiosk_services.sync_now()
    assert (counts.pushed, counts.rejected) == (1, 0)  # the platform's hash covers the record


def test_a_case_filled_against_the_older_catalogue_is_accepted_by_the_platform(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    resident = platform_server.residents[0]
    # The 2026.11.1 form had no delivery question; the current one requires it.
    answers = {"applicant_name": resident["name"], "applicant_id_number": resident["id_number"],
               "reason": "lost", "phone": resident["phone"]}

    result = kiosk_services.submit("social-security-card-replacement", answers,
                                   catalog_version="2026.11.1")

    assert kiosk_services.store.case_content(result.case_id)["catalog_version"] == "2026.11.1"
    counts = kiosk_services.sync_now()
    assert (counts.pushed, counts.rejected) == (1, 0)
    rows = platform_server.db.query("SELECT catalog_version, status FROM cases")
    assert rows == [("2026.11.1", "received")]


def test_offline_the_roster_the_platform_sent_prefills_with_its_source(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    resident = platform_server.residents[1]
    device = kiosk_services.device()
    assert device is not None
    platform_server.db.publish("roster", "village-3", [resident], device.device_id)
    assert kiosk_services.sync_now().pulled == 1
    platform_server.stop()

    offered = kiosk_services.lookup(resident["id_number"])

    assert offered["applicant_name"].value == resident["name"]
    assert {p.source for p in offered.values()} == {"roster"}
    assert kiosk_services.lookup("110105194912310029") == {}  # not on the roster: they type


def test_the_card_on_the_reader_and_a_scanned_licence_prefill_when_they_name_the_person(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    from forms.prefill import card_record, licence_record

    platform_server.stop()  # offline, and the person is on no roster: only what they show
    number = "110105194912310021"
    card = card_record("赵敏", number, gender="女", birth_date="1949-12-31",
                       address="北京市朝阳区建国路 1 号")
    offered = kiosk_services.lookup(number, presented=[("id-card", card)])
    assert offered["applicant_name"].value == "赵敏"
    assert offered["gender"].value == "female"
    assert {p.source for p in offered.values()} == {"id-card"}

    _, someone_else = licence_record({"type": "household-register",
                                      "data": {"name": "钱多", "id_number": "11010519491231002X"}})
    assert kiosk_services.lookup(number, presented=[("e-licence", someone_else)]) == {}
