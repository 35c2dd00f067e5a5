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


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP))


def _coerce(key: str, value: Any, source: str) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{source}: {key} must be {expected}, got {value!r}")

    if key == "data_dir":
        if not isinstance(value, (str, Path)) or not str(value).strip():
            raise bad("a folder path")
        return Path(str(value)).expanduser()
    if key in ("platform_url", "enquiry_phone"):
        if not isinstance(value, str):
            raise bad("a string")
        if key == "platform_url":
            if value == "":
                return None
            if not value.startswith(("http://", "https://")):
                raise bad("an http:// or https:// URL")
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
    file = path or (Path(env["SERVICEHALL_CONFIG"]) if env.get("SERVICEHALL_CONFIG")
                    else default_config_path())
    if file.exists():
        try:
            table = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: not valid TOML ({exc})") from exc
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
