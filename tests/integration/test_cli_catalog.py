"""`servicehall catalog …` and `servicehall check …` as an operator runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from forms.catalog import DEFAULT_CATALOG
from kiosk.cli import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_id_prints_the_parts_or_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "id", "11010519491231002x")
    assert code == 0
    parts = json.loads(out)
    assert (parts["number"], parts["gender"], parts["birth_date"]) == (
        "11010519491231002X", "female", "1949-12-31")
    assert parts["region"]["zh"] == "北京市朝阳区"
    code, _, err = run(capsys, "check", "id", "110105194912310021")
    assert code == 1 and "check character" in err and "校验位" in err


def test_check_uscc_prints_the_parts_or_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "uscc", "91350100M000100Y43")
    assert code == 0
    parts = json.loads(out)
    assert parts["organisation_code"] == "M000100Y-4" and parts["region_code"] == "350100"
    assert parts["entity_type"]["zh"] == "企业"
    code, _, err = run(capsys, "check", "uscc", "91350100M000100Y4")
    assert code == 1 and "18" in err


def test_catalog_list_show_and_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "catalog", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed["services"]) >= 12
    code, out, _ = run(capsys, "catalog", "show", "birth-bundle")
    guide = json.loads(out)
    assert code == 0 and len(guide["bundle_of"]) == 4 and guide["materials"]
    code, _, err = run(capsys, "catalog", "show", "dog-licence")
    assert code == 1 and "dog-licence" in err
    code, out, _ = run(capsys, "catalog", "check", str(DEFAULT_CATALOG.parent))
    assert code == 0 and "is valid" in out
    copy = tmp_path / "data"
    shutil.copytree(DEFAULT_CATALOG.parent, copy)
    broken = copy / "services" / "elderly-allowance.json"
    data = json.loads(broken.read_text(encoding="utf-8"))
    data["pages"][0]["fields"][0]["type"] = "number"
    broken.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "catalog", "check", str(copy / "catalog.json"))
    assert code == 1
    assert "elderly-allowance.json" in err and "'applicant_name'" in err


def test_every_new_command_has_help_with_an_example() -> None:
    parser = build_parser()
    for path in (["catalog", "list"], ["catalog", "show"], ["catalog", "check"], ["check", "id"],
                 ["check", "uscc"]):
        action = parser
        for name in path:
            sub = next(a for a in action._actions if a.__class__.__name__ == "_SubParsersAction")
            action = sub.choices[name]  # type: ignore[attr-defined]
        assert action.description and "example:" in (action.epilog or "")
