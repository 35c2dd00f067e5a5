"""Materials upload resumably and once; the daily ledger reconciles; documents ride the feed;
a correction is a new revision naming the case it replaces."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from kiosk.attachments import Attachment, BadAttachment
from kiosk.cli import main
from kiosk.services import KioskServices
from sync.model import UnknownCase
from sync.platform.uploads import missing_for_case, status
from tests.conftest import PlatformHandle, device_config
from tests.helpers import residence_answers

ID_CARD = "居民身份证"
LEASE = "房屋租赁合同或产权证明"


def scan(seed: int, size: tuple[int, int] = (900, 700)) -> bytes:
    """A photographed document: noisy pixels so PNG cannot shrink it much."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)
                            if seed else bytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def material_names(services: KioskServices) -> set[str]:
    return {m.name.zh for m in services.catalog.get("residence-certificate").materials}


def test_materials_upload_once_and_release_the_case(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    assert {ID_CARD, LEASE} <= material_names(kiosk_services)
    big, small = scan(1), scan(0, (60, 40))
    result = kiosk_services.submit(
        "residence-certificate", residence_answers(platform_server.residents[0]),
        attachments=[Attachment(big, LEASE), Attachment(small, ID_CARD)])

    # the case alone arrives first and waits for its material
    from sync.worker import push_outbox, sync_once

    client = kiosk_services.client()
    try:
        push_outbox(kiosk_services.store, client)
        assert platform_server.db.case_status(result.case_number)[0] == "awaiting_material"
        before = client.bytes_sent
        counts = sync_once(kiosk_services.store, client)
        upload_bytes = client.bytes_sent - before
    finally:
        client.close()
    assert counts.uploaded == 2
    assert platform_server.db.case_status(result.case_number)[0] == "received"
    assert upload_bytes <= 1.2 * (len(big) + len(small)) + 4096
    case_id = result.case_id
    assert missing_for_case(platform_server.db, case_id) == []
    stored = (platform_server.db_path.parent / "blobs").iterdir()
    assert sorted(p.read_bytes() for p in stored) == sorted([big, small])

    # the same scan attached again is not sent again
    again = kiosk_services.submit("residence-certificate",
                                  residence_answers(platform_server.residents[1]),
                                  attachments=[Attachment(big, LEASE)])
    client = kiosk_services.client()
    try:
        before = client.bytes_sent
        assert sync_once(kiosk_services.store, client).uploaded == 1
        assert client.bytes_sent - before < 20_000
    finally:
        client.close()
    assert platform_server.db.case_status(again.case_number)[0] == "received"


def test_interrupted_upload_resumes_from_the_platforms_offset(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    data = scan(1)
    kiosk_services.submit("residence-certificate", residence_answers(platform_server.residents[0]),
                          attachments=[Attachment(data, LEASE)])
    from sync.blobs import sha256_hex
    from sync.worker import push_outbox, upload_attachments

    sha = sha256_hex(data)
    client = kiosk_services.client()
    try:
        push_outbox(kiosk_services.store, client)
        first = client.upload_chunk(sha, 0, len(data), data[:300_000])  # then the link drops
        assert (first.offset, first.complete) == (300_000, False)
        # a chunk at the wrong offset is refused, not stored twice
        from sync.errors import RequestRefused

        with pytest.raises(RequestRefused, match="offset"):
            client.upload_chunk(sha, 0, len(data), data[:1000])
        before = client.bytes_sent
        assert upload_attachments(kiosk_services.store, client) == 1
        resumed = client.bytes_sent - before
    finally:
        client.close()
    assert resumed <= len(data) - 300_000 + 1
    assert status(platform_server.db, sha).complete


def test_attachments_are_sealed_on_the_device_and_checked(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    data = scan(0, (80, 50))
    kiosk_services.submit("residence-certificate", residence_answers(platform_server.residents[0]),
                          attachments=[Attachment(data, ID_CARD)])
    files = [p for p in (kiosk_services.config.data_dir / "attachments").rglob("*")
             if p.is_file()]
    assert len(files) == 1
    assert data[:16] not in files[0].read_bytes()
    assert kiosk_services.store.verify_attachments(deep=True) == []
    files[0].write_bytes(files[0].read_bytes()[:-1] + b"\0")
    (problem,) = kiosk_services.store.verify_attachments(deep=True)
    assert "damaged" in problem[1]
    assert main(["audit", "verify", "--data-dir", str(kiosk_services.config.data_dir)]) == 1


def test_bad_attachments_are_refused_before_anything_is_stored(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    answers = residence_answers(platform_server.residents[0])
    with pytest.raises(BadAttachment, match="not a JPEG, PNG or PDF"):
        kiosk_services.submit("residence-certificate", answers,
                              attachments=[Attachment(b"just text", ID_CARD)])
    with pytest.raises(BadAttachment, match="not a material"):
        kiosk_services.submit("residence-certificate", answers,
                              attachments=[Attachment(scan(0, (20, 20)), "结婚证")])
    assert kiosk_services.store.counts() == {}
    assert not (kiosk_services.config.data_dir / "attachments").exists()


def test_ledger_reconciles_and_finds_a_missing_case(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    for resident in platform_server.residents[:3]:
        kiosk_services.submit("residence-certificate", residence_answers(resident))
    assert kiosk_services.sync_now().ledger_mismatch_days == 0
    report = platform_server.db.ledger_report()
    assert [(r["device_count"], r["platform_count"], r["match"]) for r in report] == [(3, 3, 1)]
    with platform_server.db.write() as conn:  # the platform loses a case
        conn.execute("DELETE FROM cases WHERE rowid = (SELECT max(rowid) FROM cases)")
    assert kiosk_services.sync_now().ledger_mismatch_days == 1
    assert main(["platform", "ledger", "--db", str(platform_server.db_path)]) == 1


def test_documents_ride_the_feed_to_the_right_devices(
    tmp_path: Path, kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    other = KioskServices.open(device_config(tmp_path / "other", platform_server.url))
    try:
        other.enroll(platform_server.db.new_enroll_code(), name="agent laptop")
        holidays = tmp_path / "holidays.json"
        holidays.write_text('{"2027-01-01": "元旦"}', encoding="utf-8")
        assert main(["platform", "publish", str(holidays), "--kind", "holidays",
                     "--version", "2027.1", "--db", str(platform_server.db_path)]) == 0
        roster = [{"id_number": platform_server.residents[0]["id_number"], "name": "张伟"}]
        platform_server.db.publish("roster", "r1", roster, other.device().device_id)
        assert kiosk_services.sync_now().pulled == 1
        assert other.sync_now().pulled == 2
        assert kiosk_services.store.latest_document("holidays") == ("2027.1",
                                                                    {"2027-01-01": "元旦"})
        assert kiosk_services.store.latest_document("roster") is None
        assert other.store.latest_document("roster") == ("r1", roster)
        assert other.sync_now().pulled == 0  # replay-safe: the cursor moved with the page
    finally:
        other.close()
    raw = (kiosk_services.config.data_dir / "store.db").read_bytes()
    assert "元旦".encode() not in raw


def test_a_correction_is_a_new_revision_naming_the_old_case(
    kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    resident = platform_server.residents[0]
    first = kiosk_services.submit("residence-certificate", residence_answers(resident))
    fixed = kiosk_services.submit("residence-certificate",
                                  residence_answers(resident, purpose="employment"),
                                  replaces=first.case_number)
    assert fixed.case_number != first.case_number
    assert kiosk_services.store.case_content(fixed.case_id)["replaces"] == first.case_id
    assert kiosk_services.store.find_case(first.case_number).status == "queued"  # unchanged
    assert kiosk_services.sync_now().pushed == 2
    (replaces,) = platform_server.db.query("SELECT replaces FROM cases WHERE case_number = ?",
                                           [fixed.case_number])[0]
    assert replaces == first.case_id
    with pytest.raises(UnknownCase):
        kiosk_services.submit("residence-certificate", residence_answers(resident),
                              replaces="3301-0001-0000099-1")
