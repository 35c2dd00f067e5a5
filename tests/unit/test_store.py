"""The device store on a real SQLite file: sealing, numbering, audit chain, migrations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forms.idnumber import make_resident_id
from sync.casenumber import BadCaseNumber, parse_case_number
from sync.store import Device, NotEnrolled, PushOutcome, Store

ID_NUMBER = make_resident_id("330106", date(1985, 3, 12), 231)
NAME = "欧阳娜娜"
ADDRESS = "浙江省杭州市西湖区文三路90号5幢302室"


def enrolled(folder: Path) -> Store:
    store = Store.open(folder)
    store.save_enrollment(Device("DTEST", 7, "3301", "西湖区政务服务中心", "http://127.0.0.1:1"),
                          "secret-token-value")
    return store


def submit(store: Store, **extra: str) -> str:
    answers = {"applicant_id_number": ID_NUMBER, "applicant_name": NAME, "address": ADDRESS,
               **extra}
    return store.submit_case(service_code="residence-certificate", catalog_version="t",
                             answers=answers, applicant_id_number=ID_NUMBER).case_number


def test_unenrolled_device_cannot_number_cases(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with pytest.raises(NotEnrolled, match="servicehall enroll"):
        submit(store)
    assert store.counts() == {}


def test_case_numbers_follow_device_and_sequence(tmp_path: Path) -> None:
    store = enrolled(tmp_path)
    numbers = [submit(store) for _ in range(3)]
    assert [parse_case_number(n).sequence for n in numbers] == [1, 2, 3]
    assert all(n.startswith("3301-0007-") for n in numbers)
    assert store.find_case(numbers[1].replace("-", "")).case_number == numbers[1]
    with pytest.raises(BadCaseNumber):
        store.find_case(numbers[1][:-1] + str((int(numbers[1][-1]) + 1) % 10))


def test_no_plaintext_personal_data_on_disk(tmp_path: Path) -> None:
    from sync import migrations

    store = enrolled(tmp_path)
    for _ in range(5):
        submit(store, phone="13805711234")
    assert store.cases_for_person(ID_NUMBER.lower())[0].status == "queued"
    migrations.backup(store.db.conn, tmp_path / "backups")  # as before a migration
    assert (tmp_path / "store.db-wal").stat().st_size > 0  # checked while the WAL holds data
    _assert_no_plaintext(tmp_path)
    store.close()
    store = Store.open(tmp_path)  # reopening (and so migrating check) keeps data readable
    assert len(store.cases_for_person(ID_NUMBER)) == 5
    store.close()
    _assert_no_plaintext(tmp_path)


def _assert_no_plaintext(folder: Path) -> None:
    needles = [s.encode() for s in (ID_NUMBER, NAME, ADDRESS, "13805711234",
                                    "secret-token-value")]
    needles += [s.encode("utf-16-le") for s in (ID_NUMBER, NAME)]
    files = [p for p in folder.rglob("*") if p.is_file() and "keys" not in p.parts]
    assert any(p.name == "store.db" for p in files)
    assert any(p.parent.name == "backups" for p in files)
    for path in files:
        raw = path.read_bytes()
        for needle in needles:
            assert needle not in raw, f"{needle!r} in {path.name}"


def test_key_file_is_private(tmp_path: Path) -> None:
    enrolled(tmp_path).close()
    for key in (tmp_path / "keys").iterdir():
        assert key.stat().st_mode & 0o077 == 0, key.name


def test_loose_key_permissions_are_refused(tmp_path: Path) -> None:
    from sync.keys import KeyFileError

    enrolled(tmp_path).close()
    (tmp_path / "keys" / "store.key").chmod(0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        Store.open(tmp_path)


def test_audit_chain_detects_an_edited_or_deleted_entry(tmp_path: Path) -> None:
    store = enrolled(tmp_path)
    for _ in range(3):
        submit(store)
    assert store.verify_audit() == []
    store.db.execute("UPDATE audit SET event = 'case.sent' WHERE id = 3")
    assert [p.entry_id for p in store.verify_audit()][:1] == [3]
    store.db.execute("UPDATE audit SET event = 'case.queued' WHERE id = 3")
    assert store.verify_audit() == []
    store.db.execute("DELETE FROM audit WHERE id = 3")
    problems = store.verify_audit()
    assert problems and "missing" in problems[0].reason


def test_audit_chain_detects_its_newest_entries_removed(tmp_path: Path) -> None:
    store = enrolled(tmp_path)
    for _ in range(3):
        submit(store)
    (last,) = store.db.execute("SELECT max(id) FROM audit").fetchone()
    store.db.execute("DELETE FROM audit WHERE id = ?", [last])
    problems = store.verify_audit()
    assert problems and "newest entries were removed" in problems[-1].reason
    store.db.execute("UPDATE audit_head SET entry_id = ?", [last - 1])  # hiding it needs the key
    assert "head record was altered" in store.verify_audit()[-1].reason


def test_an_existing_log_gets_its_head_anchored_when_the_store_opens(tmp_path: Path) -> None:
    store = enrolled(tmp_path)
    submit(store)
    store.db.execute("UPDATE audit_head SET tag = 'unanchored'")  # as the migration leaves it
    store.close()
    reopened = Store.open(tmp_path)
    assert reopened.verify_audit() == []
    assert reopened.db.execute("SELECT tag FROM audit_head").fetchone()[0] != "unanchored"


def test_rejected_item_is_quarantined_and_does_not_block_the_queue(tmp_path: Path) -> None:
    store = enrolled(tmp_path)
    first, second = submit(store), submit(store)
    batch = store.outbox_batch()
    counts = store.record_push([PushOutcome(batch[0].idempotency_key, "rejected", "bad"),
                                PushOutcome(batch[1].idempotency_key, "accepted")])
    assert counts == {"accepted": 1, "duplicate": 0, "rejected": 1}
    assert store.find_case(first).status == "quarantined"
    assert store.find_case(first).status_reason == "bad"
    assert store.find_case(second).status == "sent"
    assert store.outbox_batch() == []


def test_migration_backs_up_an_existing_store(tmp_path: Path) -> None:
    from sync import migrations

    store = enrolled(tmp_path)
    submit(store)
    calls: list[str] = []
    extra = ("0002_test", lambda db: calls.append("ran") or db.execute(
        "CREATE TABLE t (x INTEGER)"))
    original = migrations.MIGRATIONS
    migrations.MIGRATIONS = (*original, extra)
    try:
        assert migrations.migrate(store.db, tmp_path / "backups") == ["0002_test"]
        assert migrations.migrate(store.db, tmp_path / "backups") == []
    finally:
        migrations.MIGRATIONS = original
    assert calls == ["ran"]
    backups = list((tmp_path / "backups").glob("store-*.db"))
    assert len(backups) == 1 and backups[0].stat().st_size > 0


def test_startup_finds_a_missing_attachment_file(tmp_path: Path) -> None:
    store = enrolled(tmp_path)
    ref = store.add_attachment(b"%PDF-1.4 lease scan", media_type="application/pdf",
                               material="房屋租赁合同或产权证明")
    assert store.add_attachment(b"%PDF-1.4 lease scan", media_type="application/pdf",
                                material="房屋租赁合同或产权证明") == ref  # stored once
    store.submit_case(service_code="residence-certificate", catalog_version="t",
                      answers={"applicant_id_number": ID_NUMBER}, applicant_id_number=ID_NUMBER,
                      attachments=[ref])
    store.close()
    assert Store.open(tmp_path).attachment_problems == []
    store.blobs.path(ref.sha256).unlink()
    reopened = Store.open(tmp_path)
    assert reopened.attachment_problems == [(ref.sha256, "file is missing")]


def test_platform_url_follows_a_moved_platform(tmp_path: Path) -> None:
    store = enrolled(tmp_path)
    store.set_platform_url("http://127.0.0.1:2")
    store.close()
    assert Store.open(tmp_path).device().platform_url == "http://127.0.0.1:2"
