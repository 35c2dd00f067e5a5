"""A case from submit to the platform and back, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import pytest

from kiosk.cli import main
from kiosk.services import KioskServices
from sync.errors import PlatformUnreachable
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers


def platform_cases(platform: PlatformHandle) -> list[tuple[str, str]]:
    return platform.db.query("SELECT case_number, status FROM cases ORDER BY case_number")


def test_submitted_case_reaches_platform_and_decision_comes_back(
    kiosk_services: KioskServices, platform_server: PlatformHandle, capsys: pytest.CaptureFixture
) -> None:
    result = kiosk_services.submit("residence-certificate",
                                   residence_answers(platform_server.residents[0]))
    assert kiosk_services.store.find_case(result.case_number).status == "queued"

    counts = kiosk_services.sync_now()
    assert (counts.pushed, counts.duplicates, counts.rejected) == (1, 0, 0)
    assert platform_cases(platform_server) == [(result.case_number, "received")]
    assert kiosk_services.store.find_case(result.case_number).status == "sent"

    code = main(["platform", "decide", result.case_number, "--supplement", "请补充房屋租赁合同",
                 "--db", str(platform_server.db_path)])
    assert code == 0
    view = kiosk_services.track(result.case_number)
    assert view is not None
    assert (view.status, view.status_reason) == ("needs_supplement", "请补充房屋租赁合同")

    assert main(["platform", "decide", result.case_number, "--approve",
                 "--db", str(platform_server.db_path)]) == 0
    assert kiosk_services.sync_now().pulled == 1
    assert kiosk_services.store.find_case(result.case_number).status == "approved"
    # a second round moves nothing: the cursor was stored with the page
    assert kiosk_services.sync_now().as_dict() == {"pushed": 0, "duplicates": 0, "rejected": 0,
                                                   "pulled": 0, "uploaded": 0,
                                                   "ledger_mismatch_days": 0}


def test_platform_down_case_waits_then_goes_through_exactly_once(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    platform_server.server.stop()
    result = kiosk_services.submit("residence-certificate",
                                   residence_answers(platform_server.residents[1]))
    assert result.receipt_path is not None and result.receipt_path.exists()
    with pytest.raises(PlatformUnreachable):
        kiosk_services.sync_now()
    assert kiosk_services.store.pending_count() == 1
    assert kiosk_services.store.find_case(result.case_number).status == "queued"

    platform_server.restart()
    assert kiosk_services.sync_now().pushed == 1
    assert kiosk_services.sync_now().pushed == 0
    assert platform_cases(platform_server) == [(result.case_number, "received")]


def test_lost_answer_is_resent_and_counted_once(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    """The platform stored the batch but the device never heard: the retry is a duplicate."""
    kiosk_services.submit("residence-certificate", residence_answers(platform_server.residents[0]))
    batch = kiosk_services.store.outbox_batch()
    client = kiosk_services.client()
    try:
        first = client.push([i.body for i in batch])  # answer "lost": not recorded
        assert [o.status for o in first] == ["accepted"]
        counts = kiosk_services.sync_now()
    finally:
        client.close()
    assert (counts.pushed, counts.duplicates) == (0, 1)
    assert kiosk_services.store.pending_count() == 0
    assert len(platform_cases(platform_server)) == 1


def test_same_key_other_content_is_a_conflict_and_quarantined(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    kiosk_services.submit("residence-certificate", residence_answers(platform_server.residents[0]))
    (item,) = kiosk_services.store.outbox_batch()
    client = kiosk_services.client()
    try:
        altered = dict(item.body, answers={**item.body["answers"], "purpose": "employment"})
        from sync.seal import content_hash
        from sync.store import case_content

        altered["content_hash"] = content_hash(case_content(
            altered["case_id"], altered["service_code"], altered["catalog_version"],
            altered["answers"]))
        assert [o.status for o in client.push([altered])] == ["accepted"]
        counts = kiosk_services.sync_now()
    finally:
        client.close()
    assert counts.rejected == 1
    view = kiosk_services.store.find_case(item.body["case_number"])
    assert view.status == "quarantined"
    assert "other content" in view.status_reason


def test_device_sees_only_its_own_cases(
    tmp_path, kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    from tests.conftest import device_config

    other = KioskServices.open(device_config(tmp_path / "other", platform_server.url))
    try:
        other.enroll(platform_server.db.new_enroll_code(), name="other kiosk")
        mine = kiosk_services.submit("residence-certificate",
                                     residence_answers(platform_server.residents[0]))
        kiosk_services.sync_now()
        main(["platform", "decide", mine.case_number, "--approve",
              "--db", str(platform_server.db_path)])
        assert other.sync_now().pulled == 0
        assert kiosk_services.sync_now().pulled == 1
        # another device cannot push a case under this device's number
        other.submit("residence-certificate", residence_answers(platform_server.residents[2]))
        (item,) = other.store.outbox_batch()
        forged = dict(item.body, case_number=mine.case_number)
        client = other.client()
        try:
            (outcome,) = client.push([forged])
        finally:
            client.close()
        assert outcome.status == "rejected"
        assert "another device" in (outcome.reason or "")
    finally:
        other.close()
