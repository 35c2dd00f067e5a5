"""ID-card reader drivers, the `id_card_reader` setting, and which scanned codes identify someone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import idcard
from kiosk.config import ConfigError, load_config
from kiosk.idcard import (
    FileIdCardReader,
    IdCard,
    IdCardReaderError,
    check_spec,
    id_number_from_scan,
    open_reader,
    register_driver,
)

NUMBER = "650102199003070468"
CARD = {"name": "阿依古丽·买买提", "id_number": NUMBER, "gender": "女", "ethnicity": "维吾尔",
        "birth_date": "1990-03-07", "address": "新疆乌鲁木齐市天山区解放南路1号",
        "issuing_authority": "乌鲁木齐市公安局天山区分局", "valid_from": "2015-03-01",
        "valid_until": "2035-03-01"}


def test_the_file_reader_sees_a_card_only_while_the_file_exists(tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    reader = open_reader(f"file:{path}")
    assert isinstance(reader, FileIdCardReader)
    assert reader.read() is None
    path.write_text(json.dumps(CARD, ensure_ascii=False), encoding="utf-8")
    assert reader.read() == IdCard(**CARD)
    path.unlink()
    assert reader.read() is None


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"name": "x"}',
                                     b'{"name": "x", "id_number": 650102}', b"\xff\xfe"])
def test_a_broken_card_file_is_a_reader_error_that_shows_no_card_data(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "card.json"
    path.write_bytes(content)
    with pytest.raises(IdCardReaderError) as raised:
        FileIdCardReader(path).read()
    assert "650102" not in str(raised.value)


def test_none_opens_no_reader_and_unknown_drivers_are_named() -> None:
    assert open_reader("none") is None
    with pytest.raises(ValueError, match="file"):
        open_reader("serial:/dev/ttyUSB0")
    with pytest.raises(ValueError):
        check_spec("file:")


def test_a_vendor_driver_joins_through_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(idcard, "_DRIVERS", dict(idcard._DRIVERS))  # leave no driver behind
    seen: list[str] = []

    class Vendor:
        def __init__(self, argument: str) -> None:
            seen.append(argument)

        def read(self) -> IdCard | None:
            return None

        def close(self) -> None:
            pass

    register_driver("testvendor", Vendor)
    assert check_spec(" testvendor:/dev/hidraw0 ") == "testvendor:/dev/hidraw0"
    assert isinstance(open_reader("testvendor:/dev/hidraw0"), Vendor)
    assert seen == ["/dev/hidraw0"]


def test_the_setting_is_checked_at_start_up(tmp_path: Path) -> None:
    absent = tmp_path / "absent.toml"
    assert load_config(env={}, path=absent).id_card_reader == "none"
    config = load_config(env={"SERVICEHALL_ID_CARD_READER": f"file:{tmp_path}/c.json"},
                         path=absent)
    assert config.id_card_reader == f"file:{tmp_path}/c.json"
    with pytest.raises(ConfigError, match="id_card_reader"):
        load_config(env={"SERVICEHALL_ID_CARD_READER": "usb"}, path=absent)


@pytest.mark.parametrize(("text", "number"), [
    (json.dumps({"type": "resident-id-card", "data": CARD}), NUMBER),
    (json.dumps({"type": "household-register", "data": {"id_number": NUMBER}}), NUMBER),
    (json.dumps({"type": "business-licence",
                 "data": {"uscc": "91330106MA27XL0E2K", "operator_id_number": NUMBER}}), NUMBER),
    (f"  {NUMBER}\n", NUMBER),
    ("65010219900307046x", "65010219900307046X"),
    ("650102900307046", "650102900307046"),
    (json.dumps({"type": "driving-licence", "data": {"id_number": NUMBER}}), None),
    (json.dumps({"type": "resident-id-card", "data": {"name": "x"}}), None),
    ("SH1:6BFOXN*TS0BI$ZDFRH", None),
    ("{broken", None),
    ("[1]", None),
    ("https://example.org/" + NUMBER, None),
    ("", None),
    ("1" * 5000, None),
])
def test_which_scanned_codes_identify_someone(text: str, number: str | None) -> None:
    assert id_number_from_scan(text) == number
