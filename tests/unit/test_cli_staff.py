"""`servicehall staff-pin set`: the PIN's rules and what ends up in the configuration file."""

from __future__ import annotations

import argparse
import io
import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from kiosk.cli_staff import add_commands, check_pin, write_pin_hash
from kiosk.cliutil import UserError, add_command
from kiosk.config import ConfigError, load_config


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    parser = argparse.ArgumentParser(prog="servicehall")
    add_commands(parser.add_subparsers(dest="command"), add_command)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    args = parser.parse_args(argv)
    return int(args.handler(args))


@pytest.mark.parametrize("pin", ["12345", "1234567890123", "12a456", "", "111111", "123456",
                                 "987654"])
def test_weak_or_malformed_pins_are_refused(pin: str) -> None:
    with pytest.raises(UserError):
        check_pin(pin)


def test_set_writes_only_the_hash_and_keeps_the_other_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('idle_timeout_s = 90\nlanguage = "en"\n', encoding="utf-8")
    assert _run(["staff-pin", "set", "--pin-stdin", "--config", str(path)], "482916\n",
                monkeypatch) == 0
    text = path.read_text(encoding="utf-8")
    assert "482916" not in text
    config = load_config(path=path, env={})
    assert config.idle_timeout_s == 90 and config.language == "en"
    assert PasswordHasher().verify(config.staff_pin_hash, "482916")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    # Setting it again replaces the line instead of adding a second one.
    assert _run(["staff-pin", "set", "--pin-stdin", "--config", str(path)], "739150\n",
                monkeypatch) == 0
    text = path.read_text(encoding="utf-8")
    assert text.count("staff_pin_hash") == 1
    assert PasswordHasher().verify(load_config(path=path, env={}).staff_pin_hash, "739150")


def test_a_new_file_is_made_and_the_key_goes_before_any_table(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    write_pin_hash(path, PasswordHasher().hash("482916"))
    assert load_config(path=path, env={}).staff_pin_hash.startswith("$argon2")


def test_a_plain_pin_in_the_configuration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('staff_pin_hash = "482916"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="staff_pin_hash"):
        load_config(path=path, env={})
