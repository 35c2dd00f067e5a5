"""The one configuration object, read from a TOML file and SERVICEHALL_* variables.

Order of precedence: command-line options, then environment variables, then the TOML file
(`config.toml` in the platform's user config folder, or `$SERVICEHALL_CONFIG`), then defaults.
Unknown keys and bad values are refused at start-up with a message naming the key, so a typo in
a kiosk's configuration is found on the day it is made, not on the day it matters.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

APP = "servicehall"


class ConfigError(Exception):
    """The configuration cannot be used; the message names the key and the fix."""


@dataclass(frozen=True)
class Config:
    data_dir: Path
    platform_url: str | None = None
    language: str = "zh"
    idle_timeout_s: int = 120
    sync_interval_s: float = 30.0
    gzip_level: int = 0
    enquiry_phone: str = "12345"
    receipt_width_mm: int = 80
    id_card_reader: str = "none"
    staff_pin_hash: str = ""
    voice_engine: str = ""
    scan_dir: Path | None = None  # where the document scanner saves; default data_dir/scans
    printer: str | None = None
    """Where the kiosk prints: pdf:DIR, lp:QUEUE, escpos-tcp:HOST:PORT, escpos-file:PATH; None
    means no printer is attached (the citizen is told to note the case number)."""
    signature_suite: str = "ed25519"
    """How receipts are signed: "ed25519", or "sm2" where Chinese commercial cryptography is
    required."""
    time_zone: str | None = None
    """IANA zone printed times are shown in (e.g. "Asia/Shanghai"); None: the system's."""


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP))


def _coerce(key: str, value: Any, source: str) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{source}: {key} must be {expected}, got {value!r}")

    if key in ("data_dir", "scan_dir"):
        if not isinstance(value, (str, Path)) or not str(value).strip():
            raise bad("a folder path")
        return Path(str(value)).expanduser()
    if key == "voice_engine":
        # A QtTextToSpeech engine name ("speechd", …); empty means no voice prompts.
        if not isinstance(value, str) or (value and not value.replace("-", "").isalnum()):
            raise bad('an engine name such as "speechd", or "" for none')
        return value
    if key in ("platform_url", "enquiry_phone"):
        if not isinstance(value, str):
            raise bad("a string")
        if key == "platform_url":
            if value == "":
                return None
            if not value.startswith(("http://", "https://")):
                raise bad("an http:// or https:// URL")
        return value
    if key == "printer":
        if not isinstance(value, str):
            raise bad('a printer such as "pdf:/var/spool/receipts", "lp:", "lp:QUEUE", '
                      '"escpos-tcp:HOST:PORT" or "escpos-file:/dev/usb/lp0"')
        if value.strip() in ("", "none"):
            return None
        if value.partition(":")[0] not in ("pdf", "lp", "escpos-tcp", "escpos-file") or (
                value.partition(":")[0] != "lp" and not value.partition(":")[2]):
            raise bad('one of "pdf:DIR", "lp:QUEUE", "escpos-tcp:HOST:PORT", '
                      '"escpos-file:PATH" or "none"')
        return value.strip()
    if key == "signature_suite":
        if value not in ("ed25519", "sm2"):
            raise bad('"ed25519" or "sm2"')
        return value
    if key == "time_zone":
        if not isinstance(value, str):
            raise bad('an IANA time zone name such as "Asia/Shanghai"')
        if value in ("", "system"):
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise bad('an IANA time zone name such as "Asia/Shanghai"') from None
        return value
    if key == "staff_pin_hash":
        # Only ever the argon2 hash (`servicehall staff-pin set` writes it), never the PIN itself.
        if not isinstance(value, str) or (value and not value.startswith("$argon2")):
            raise ConfigError(f"{source}: {key} must be an argon2 hash written by "
                              "`servicehall staff-pin set`, got something else")
        return value
    if key == "language":
        if value not in ("zh", "en"):
            raise bad('"zh" or "en"')
        return value
    if key in ("idle_timeout_s", "gzip_level", "receipt_width_mm"):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise bad("a whole number") from None
        if isinstance(value, (bool, float)):
            raise bad("a whole number")
        limits = {"idle_timeout_s": (20, 3600), "gzip_level": (0, 9),
                  "receipt_width_mm": (58, 80)}[key]
        if not limits[0] <= number <= limits[1] or (key == "receipt_width_mm"
                                                    and number not in (58, 80)):
            raise bad(f"between {limits[0]} and {limits[1]}" if key != "receipt_width_mm"
                      else "58 or 80")
        return number
    if key == "sync_interval_s":
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            raise bad("a number of seconds") from None
        if not 1 <= seconds <= 3600:
            raise bad("between 1 and 3600")
        return seconds
    if key == "id_card_reader":
        from kiosk.idcard import check_spec

        if not isinstance(value, str):
            raise bad("a string")
        try:
            return check_spec(value)
        except ValueError as exc:
            raise bad(str(exc)) from None
    raise ConfigError(f"{source}: unknown key {key!r}")


def _known_keys() -> list[str]:
    return [f.name for f in fields(Config)]


def load_config(
    *,
    data_dir: Path | str | None = None,
    platform_url: str | None = None,
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Build the configuration from file, environment and options.

    :raises ConfigError: naming the key, the source and what is expected.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {"data_dir": default_data_dir()}
    named = env.get("SERVICEHALL_CONFIG")
    file = path or (Path(named) if named else default_config_path())
    if named and path is None and not file.exists():
        raise ConfigError(f"SERVICEHALL_CONFIG names {file}, which does not exist; create it "
                          "or unset SERVICEHALL_CONFIG")
    if file.exists():
        try:
            table = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: not valid TOML ({exc})") from exc
        except OSError as exc:
            raise ConfigError(f"{file}: cannot read it ({exc.strerror}); the configuration "
                              "(or SERVICEHALL_CONFIG) must name a TOML file") from exc
        for key, value in table.items():
            if key not in _known_keys():
                raise ConfigError(f"{file}: unknown key {key!r}; known keys: "
                                  + ", ".join(_known_keys()))
            values[key] = _coerce(key, value, str(file))
    for name, value in env.items():
        if not name.startswith("SERVICEHALL_") or name == "SERVICEHALL_CONFIG":
            continue
        key = name.removeprefix("SERVICEHALL_").lower()
        if key == "artifacts":  # test-run output folder, not a setting of the app
            continue
        if key not in _known_keys():
            raise ConfigError(f"environment: unknown variable {name}; known: "
                              + ", ".join("SERVICEHALL_" + k.upper() for k in _known_keys()))
        values[key] = _coerce(key, value, f"environment {name}")
    if data_dir is not None:
        values["data_dir"] = _coerce("data_dir", data_dir, "--data-dir")
    if platform_url is not None:
        values["platform_url"] = _coerce("platform_url", platform_url, "--platform")
    return Config(**values)


def with_platform(config: Config, url: str) -> Config:
    return replace(config, platform_url=url)
