"""Who is at the kiosk: ID-card reader drivers, and the scanned codes that identify a citizen.

A card reader is a driver behind one small interface, `IdCardReader`: `read()` returns the card
lying on the reader as an `IdCard`, or None when there is none, and raises `IdCardReaderError` when
the device itself fails. The kiosk's configuration names the driver with one string,
`id_card_reader` = `"none"` or `"<driver>:<argument>"`; `open_reader` turns that string into a
reader through a registry that vendor drivers join with `register_driver`. The one driver shipped
is `file:<path>`, a development stand-in: a developer writes a JSON card to the file to place a
card on the reader and deletes the file to take it away.

`id_number_from_scan` says which scanned texts identify a citizen (see docs/internals.md): an
e-ID or e-licence payload, the JSON object `{"type": ..., "data": {...}}` that
`forms.prefill.licence_record` reads, written in ASCII (non-ASCII characters as \\u escapes, since
zbar misreads UTF-8), or a bare resident ID number. Reading is slow I/O: screens call `read()` from
a worker thread, never from the Qt thread. Nothing here logs what a card says.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from forms.prefill import licence_record

NONE = "none"
MAX_SCAN_LENGTH = 2048
"""Longest scanned text considered at all; anything longer is not an identity code."""


class IdCardReaderError(Exception):
    """The reader could not be used; the message says what to check (never what a card holds)."""


@dataclass(frozen=True)
class IdCard:
    """What a resident ID card (居民身份证) says. Dates are as printed: YYYY-MM-DD, or 长期."""

    name: str
    id_number: str
    gender: str = ""
    ethnicity: str = ""
    birth_date: str = ""
    address: str = ""
    issuing_authority: str = ""
    valid_from: str = ""
    valid_until: str = ""


class IdCardReader(Protocol):
    """A card reader driver. `read` may block for the device; call it off the Qt thread."""

    def read(self) -> IdCard | None:
        """The card on the reader, or None if there is none.

        :raises IdCardReaderError: if the device fails or answers with something unreadable.
        """
        ...

    def close(self) -> None:
        """Release the device."""
        ...


DriverFactory = Callable[[str], IdCardReader]
_DRIVERS: dict[str, DriverFactory] = {}


def register_driver(name: str, factory: DriverFactory) -> None:
    """Make `"<name>:<argument>"` open a reader with `factory(argument)`."""
    if not name.isidentifier() or name == NONE:
        raise ValueError(f"a driver name must be a word other than {NONE!r}, got {name!r}")
    _DRIVERS[name] = factory


def drivers() -> list[str]:
    return sorted(_DRIVERS)


def check_spec(spec: str) -> str:
    """`spec` tidied if it names a known driver with an argument, or "none".

    :raises ValueError: naming the known drivers, for anything else.
    """
    spec = spec.strip()
    if spec == NONE:
        return spec
    name, colon, argument = spec.partition(":")
    if not colon or name not in _DRIVERS or not argument.strip():
        raise ValueError(f'"{NONE}" or "<driver>:<argument>" with a driver among '
                         f"{', '.join(drivers())} (e.g. \"file:/run/card.json\")")
    return f"{name}:{argument.strip()}"


def open_reader(spec: str) -> IdCardReader | None:
    """The reader `spec` names, or None for "none".

    :raises ValueError: if `spec` names no known driver (see `check_spec`).
    """
    spec = check_spec(spec)
    if spec == NONE:
        return None
    name, _, argument = spec.partition(":")
    return _DRIVERS[name](argument)


class FileIdCardReader:
    """A pretend reader for development: the card is a JSON file that exists while it is placed.

    The file holds one object with the `IdCard` field names; `name` and `id_number` are required.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser()

    def read(self) -> IdCard | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise IdCardReaderError(f"cannot read the card file {self.path}: "
                                    f"{exc.strerror or type(exc).__name__}") from exc
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IdCardReaderError(f"the card file {self.path} is not UTF-8 JSON") from exc
        return card_from_mapping(data, source=str(self.path))

    def close(self) -> None:
        """Nothing to release."""


def card_from_mapping(data: object, *, source: str) -> IdCard:
    """An `IdCard` from a mapping of its field names to text.

    :raises IdCardReaderError: if a required field is missing or a field is not text.
    """
    if not isinstance(data, dict):
        raise IdCardReaderError(f"{source}: a card must be a JSON object")
    known = IdCard.__dataclass_fields__
    values = {key: data[key] for key in known if key in data}
    bad = sorted(key for key, value in values.items() if not isinstance(value, str))
    missing = [key for key in ("name", "id_number") if not str(values.get(key, "")).strip()]
    if bad or missing:
        raise IdCardReaderError(f"{source}: fields {', '.join(missing + bad)} must be "
                                "present as text")
    return IdCard(**{key: value.strip() for key, value in values.items()})


register_driver("file", FileIdCardReader)


def id_number_from_scan(text: str) -> str | None:
    """The resident ID number a scanned code gives, unchecked, or None if it is no identity code.

    Accepted: an e-licence payload `{"type": ..., "data": {...}}` whose record has an
    `id_number` (a resident ID card, household register or business licence's operator), or
    a bare ID number of 15 or 18 characters. Whether the number is valid is for the caller to
    check, exactly as for a typed one.
    """
    text = text.strip()
    if not text or len(text) > MAX_SCAN_LENGTH:
        return None
    if text.startswith("{"):
        try:
            payload = json.loads(text)
        except json.JSONDecodeError:
            return None
        if not isinstance(payload, dict):
            return None
        _, record = licence_record(payload)
        number = record.get("id_number", "").strip()
        return number or None
    if len(text) in (15, 18) and text[:-1].isascii() and text[:-1].isdigit():
        return text.upper()
    return None
