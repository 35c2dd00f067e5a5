"""`servicehall case submit` and friends, run as a user would, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.services import KioskServices
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers


def run_cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SERVICEHALL_")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def case_count(services: KioskServices) -> int:
    return sum(services.store.counts().values())


@pytest.fixture
def data_dir(kiosk_services: KioskServices) -> Path:
    return kiosk_services.config.data_dir


def test_submit_prints_case_and_receipt(tmp_path: Path, data_dir: Path,
                                        kiosk_services: KioskServices,
                                        platform_server: PlatformHandle) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(residence_answers(platform_server.residents[0]),
                                  ensure_ascii=False), encoding="utf-8")
    done = run_cli("case", "submit", "--service", "residence-certificate", "--data",
                   str(answers), "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) >= {"case_id", "case_number", "receipt"}
    assert Path(out["receipt"]).read_bytes().startswith(b"%PDF")
    assert kiosk_services.store.find_case(out["case_number"]).status == "queued"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ("bad_id", "applicant_id_number"),
        ("missing_phone", "phone"),
    ],
)
def test_invalid_application_names_the_field_and_stores_nothing(
    tmp_path: Path, data_dir: Path, kiosk_services: KioskServices,
    platform_server: PlatformHandle, payload: str, field: str
) -> None:
    answers = residence_answers(platform_server.residents[0])
    if payload == "bad_id":
        answers["applicant_id_number"] = answers["applicant_id_number"][:-1] + (
            "0" if answers["applicant_id_number"][-1] != "0" else "1")
    else:
        del answers["phone"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    before = case_count(kiosk_services)
    done = run_cli("case", "submit", "--service", "residence-certificate", "--data", str(path),
                   "--data-dir", str(data_dir))
    assert done.returncode == 1
    assert field in done.stderr
    assert "Traceback" not in done.stderr
    errors = json.loads(done.stdout)["errors"]
    assert [e["field"] for e in errors] == [field]
    assert case_count(kiosk_services) == before


def test_non_json_data_is_refused_clearly(tmp_path: Path, data_dir: Path,
                                          kiosk_services: KioskServices) -> None:
    path = tmp_path / "answers.json"
    path.write_text("name=张伟\n", encoding="utf-8")
    done = run_cli("case", "submit", "--service", "residence-certificate", "--data", str(path),
                   "--data-dir", str(data_dir))
    assert done.returncode == 2
    assert "not valid JSON" in done.stderr and "--data" in done.stderr
    assert "Traceback" not in done.stderr
    assert case_count(kiosk_services) == 0


def test_unknown_service_lists_the_known_ones(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text("{}", encoding="utf-8")
    done = run_cli("case", "submit", "--service", "no-such-service", "--data", str(path),
                   "--data-dir", str(data_dir))
    assert done.returncode == 2
    assert "residence-certificate" in done.stderr
    assert "Traceback" not in done.stderr


def test_sync_once_prints_counts(tmp_path: Path, data_dir: Path, kiosk_services: KioskServices,
                                 platform_server: PlatformHandle) -> None:
    kiosk_services.submit("residence-certificate", residence_answers(platform_server.residents[0]))
    done = run_cli("sync", "--once", "--data-dir", str(data_dir),
                   env_extra={"SERVICEHALL_PLATFORM_URL": platform_server.url})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"pushed": 1, "duplicates": 0, "rejected": 0, "pulled": 0,
                                       "uploaded": 0, "ledger_mismatch_days": 0}


def test_sync_once_offline_exits_nonzero_and_keeps_the_case(
    tmp_path: Path, data_dir: Path, kiosk_services: KioskServices,
    platform_server: PlatformHandle
) -> None:
    kiosk_services.submit("residence-certificate", residence_answers(platform_server.residents[0]))
    platform_server.stop()
    done = run_cli("sync", "--once", "--data-dir", str(data_dir))
    assert done.returncode == 1
    assert "nothing lost (1 cases still queued)" in done.stderr
    assert "Traceback" not in done.stderr
    platform_server.restart()


def test_decide_unknown_case_is_a_clear_error(platform_server: PlatformHandle) -> None:
    done = run_cli("platform", "decide", "3301-0001-0000099-1", "--approve", "--db",
                   str(platform_server.db_path))
    assert done.returncode == 2
    assert "no case 3301-0001-0000099-1" in done.stderr
    done = run_cli("platform", "decide", "3301-0001-0000099-5", "--approve", "--db",
                   str(platform_server.db_path))
    assert done.returncode == 2 and "typo" in done.stderr


def test_bad_config_key_is_named(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('platfrom_url = "http://x"\n', encoding="utf-8")
    done = run_cli("sync", "--once", "--data-dir", str(tmp_path / "d"),
                   env_extra={"SERVICEHALL_CONFIG": str(config)})
    assert done.returncode == 2
    assert "unknown key 'platfrom_url'" in done.stderr


def test_every_command_has_help_with_an_example() -> None:
    from kiosk.cli import build_parser

    def walk(parser, path):  # type: ignore[no-untyped-def]
        yield path, parser
        for action in parser._actions:
            if action.__class__.__name__ == "_SubParsersAction":
                for name, child in action.choices.items():
                    yield from walk(child, [*path, name])

    seen = list(walk(build_parser(), []))
    assert len(seen) >= 12
    for path, parser in seen:
        text = parser.format_help()
        assert "example:" in text and "servicehall" in text, " ".join(path)
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.startswith("servicehall ")


def test_attach_materials_from_the_command_line(tmp_path: Path, data_dir: Path,
                                                kiosk_services: KioskServices,
                                                platform_server: PlatformHandle) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(residence_answers(platform_server.residents[0]),
                                  ensure_ascii=False), encoding="utf-8")
    scan = tmp_path / "id.png"
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(scan)
    base = ["case", "submit", "--service", "residence-certificate", "--data", str(answers),
            "--data-dir", str(data_dir)]
    done = run_cli(*base, "--attach", f"居民身份证={scan}")
    assert done.returncode == 0, done.stderr
    case_id = json.loads(done.stdout)["case_id"]
    content = kiosk_services.store.case_content(case_id)
    assert [a["material"] for a in content["attachments"]] == ["居民身份证"]

    for spec, expected in ((str(scan), "MATERIAL=FILE"),
                           (f"居民身份证={tmp_path / 'nope.png'}", "cannot read"),
                           (f"居民身份证={answers}", "not a JPEG, PNG or PDF")):
        done = run_cli(*base, "--attach", spec)
        assert done.returncode == 2, spec
        assert expected in done.stderr and "--attach" in done.stderr
        assert "Traceback" not in done.stderr
    assert case_count(kiosk_services) == 1


def test_reading_commands_do_not_create_a_store_in_a_mistyped_folder(tmp_path: Path) -> None:
    folder = tmp_path / "typo"
    for args in (["audit", "verify"], ["sync", "--once"], ["case", "show", "3301-0001-0000001-7"]):
        done = run_cli(*args, "--data-dir", str(folder))
        assert done.returncode == 2, args
        assert "no device store" in done.stderr and "Traceback" not in done.stderr
    assert not folder.exists()


def test_operator_mistakes_are_refused_clearly(kiosk_services: KioskServices,
                                               platform_server: PlatformHandle) -> None:
    db = str(platform_server.db_path)
    done = run_cli("platform", "enroll-code", "--db", db, "--hall-code", "12")
    assert done.returncode == 2 and "4 digits" in done.stderr
    done = run_cli("platform", "enroll-code", "--db", str(platform_server.db_path) + ".typo")
    assert done.returncode == 2 and "no platform database" in done.stderr
    result = kiosk_services.submit("residence-certificate",
                                   residence_answers(platform_server.residents[0]))
    kiosk_services.sync_now()
    assert run_cli("platform", "decide", result.case_number, "--approve", "--db", db
                   ).returncode == 0
    done = run_cli("platform", "decide", result.case_number, "--reject", "迟了", "--db", db)
    assert done.returncode == 2 and "already approved" in done.stderr


def test_files_that_are_not_what_they_should_be_get_clear_refusals(tmp_path: Path) -> None:
    not_db = tmp_path / "platform.db"
    not_db.write_text("not a database", encoding="utf-8")
    for args in (["platform", "enroll-code"], ["platform", "serve", "--port", "8799"]):
        done = run_cli(*args, "--db", str(not_db))
        assert done.returncode == 2 and "not a platform database" in done.stderr, args
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    done = run_cli("case", "submit", "--service", "residence-certificate", "--data", str(deep),
                   "--data-dir", str(tmp_path / "kiosk"))
    assert done.returncode == 2 and "nested too deeply" in done.stderr
    done = run_cli("case", "show", "3301-0001-0000001-7", "--data-dir", str(tmp_path),
                   env_extra={"SERVICEHALL_CONFIG": str(tmp_path)})
    assert done.returncode == 2 and "must name a TOML file" in done.stderr
    done = run_cli("case", "show", "3301-0001-0000001-7", "--data-dir", str(tmp_path),
                   env_extra={"SERVICEHALL_CONFIG": str(tmp_path / "missing.toml")})
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_enrolling_again_needs_force_and_an_empty_outbox(
    data_dir: Path, kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    enrolled = kiosk_services.device()
    assert enrolled is not None
    code = platform_server.db.new_enroll_code()
    args = ("enroll", "--platform", platform_server.url, "--code", code, "--data-dir",
            str(data_dir))
    done = run_cli(*args)
    assert done.returncode == 2 and "--force" in done.stderr and enrolled.device_id in done.stderr
    kiosk_services.submit("residence-certificate", residence_answers(platform_server.residents[0]))
    done = run_cli(*args, "--force")
    assert done.returncode == 2 and "1 case(s) wait to be sent" in done.stderr
    kiosk_services.sync_now()
    done = run_cli(*args, "--force")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["device_id"] != enrolled.device_id


def _receipt_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout


def test_a_receipt_claims_only_the_materials_that_came_in(
    tmp_path: Path, kiosk_services: KioskServices, platform_server: PlatformHandle
) -> None:
    from PIL import Image

    from kiosk.attachments import Attachment

    answers = residence_answers(platform_server.residents[0])
    bare = kiosk_services.submit("residence-certificate", answers)
    assert bare.receipt_path is not None
    text = _receipt_text(bare.receipt_path)
    assert "申请表" in text and "居民身份证" not in text and "房屋租赁合同" not in text

    scan = tmp_path / "id.png"
    Image.new("RGB", (40, 30), "white").save(scan)
    with_id = kiosk_services.submit("residence-certificate", answers, attachments=[
        Attachment(scan.read_bytes(), "id-card")])  # named by the catalogue's material id
    assert with_id.receipt_path is not None
    text = _receipt_text(with_id.receipt_path)
    assert "居民身份证（扫描件）" in text and "房屋租赁合同" not in text
