"""The device-key cache: the platform's published public keys, kept on disk for offline checks.

A kiosk verifies receipts issued by any device, so it needs every device's public key even when
the platform is unreachable. The keys are fetched whenever possible and saved in one JSON file:
`{"format": 1, "fetched_at": "<ISO time>", "keys": {"<device id>": {"<suite>": "<base64>"}}}`.
The file holds public keys only, so it is not secret, but it decides what is trusted: it is
written atomically and a damaged file is reported, never half-read.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from printing.suites import ED25519, SUITES, SuiteError, check_public_key

CACHE_FORMAT = 1
DEFAULT_FILE_NAME = "device-keys.json"

KeyTable = dict[str, dict[str, bytes]]
"""Device id → {suite name → raw public key}."""


class KeyCacheError(Exception):
    """The key cache file cannot be read or written; the message names the file and the fix."""


@dataclass(frozen=True)
class DeviceKeys:
    """Public keys by device and suite, and when they were fetched (None if never)."""

    keys: KeyTable = field(default_factory=dict)
    fetched_at: datetime | None = None

    def __len__(self) -> int:
        return len(self.keys)


def normalise_keys(keys: Mapping[str, bytes] | Mapping[str, Mapping[str, bytes]]) -> KeyTable:
    """Bring either key shape to device → {suite → bytes}; bare bytes are Ed25519 keys.

    :raises KeyCacheError: if a key is not a valid key of its suite.
    """
    table: KeyTable = {}
    for device, entry in keys.items():
        per_suite = {ED25519: entry} if isinstance(entry, (bytes, bytearray)) else dict(entry)
        for suite, raw in per_suite.items():
            try:
                table.setdefault(str(device), {})[suite] = check_public_key(suite, bytes(raw))
            except (SuiteError, TypeError) as exc:
                raise KeyCacheError(f"device {device!r}: {exc}") from exc
    return table


def save_device_keys(path: Path, keys: Mapping[str, bytes] | Mapping[str, Mapping[str, bytes]],
                     *, fetched_at: datetime | None = None) -> DeviceKeys:
    """Replace the cache at `path` with `keys` (as returned by the platform) and return them.

    :raises KeyCacheError: if a key is invalid or the file cannot be written.
    """
    table = normalise_keys(keys)
    when = fetched_at or datetime.now(UTC)
    document = {
        "format": CACHE_FORMAT,
        "fetched_at": when.isoformat(timespec="seconds"),
        "keys": {device: {suite: base64.b64encode(raw).decode("ascii")
                          for suite, raw in sorted(entry.items())}
                 for device, entry in sorted(table.items())},
    }
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(document, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise KeyCacheError(f"cannot write the device-key cache {path}: {exc.strerror}") from exc
    return DeviceKeys(table, when)


def load_device_keys(path: Path) -> DeviceKeys:
    """Read the cache at `path`; a missing file is an empty cache.

    :raises KeyCacheError: if the file exists but is unreadable, damaged or holds a bad key.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return DeviceKeys()
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyCacheError(f"cannot read the device-key cache {path}: {exc}") from exc
    damaged = (f"the device-key cache {path} is damaged; delete it and fetch the keys from the "
               "platform again")
    try:
        document = json.loads(text)
        if document.get("format") != CACHE_FORMAT:
            raise KeyCacheError(f"{damaged} (unknown format {document.get('format')!r})")
        raw_keys = document["keys"]
        table: dict[str, dict[str, bytes]] = {}
        for device, entry in raw_keys.items():
            table[device] = {}
            for suite, b64 in entry.items():
                if suite not in SUITES:
                    continue  # a suite newer than this software: ignore, do not fail
                table[device][suite] = base64.b64decode(b64, validate=True)
        fetched = document.get("fetched_at")
        when = datetime.fromisoformat(fetched) if fetched else None
    except KeyCacheError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
        raise KeyCacheError(damaged) from exc
    return DeviceKeys(normalise_keys(table), when)
