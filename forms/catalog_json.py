"""Typed reading of parsed JSON for catalogue files, with errors that say where.

`JsonReader` checks one value at a time (an object's keys, a non-empty string, a zh/en text, a
whole number, a list, one of a set) and stops at the first problem with a `CatalogError` naming
the file and the service and field being read, so `forms.catalog_reader` only says what a
catalogue is made of.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn, cast

from forms.errors import CatalogError
from forms.text import Text


class JsonReader:
    """Reads typed values out of one JSON file, remembering where it is so errors can say so."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.service: str | None = None
        self.field: str | None = None

    def fail(self, problem: str) -> NoReturn:
        raise CatalogError(self.path, problem, service=self.service, field=self.field)

    def obj(self, value: object, what: str, keys: set[str],
            needed: tuple[str, ...]) -> Mapping[str, object]:
        if not isinstance(value, dict):
            self.fail(f"{what} must be a JSON object")
        unknown = sorted(set(value) - keys)
        if unknown:
            self.fail(f"{what} has unknown key(s) {', '.join(unknown)}")
        missing = [k for k in needed if k not in value]
        if missing:
            self.fail(f"{what} lacks {', '.join(missing)}")
        return cast(Mapping[str, object], value)

    def string(self, value: object, what: str, pattern: re.Pattern[str] | None = None) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{what} must be a non-empty string")
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(f"{what} {value!r} must match {pattern.pattern}")
        return value

    def text(self, value: object, what: str) -> Text:
        pair = self.obj(value, what, {"zh", "en"}, ("zh", "en"))
        return Text(self.string(pair["zh"], f"{what}.zh"), self.string(pair["en"], f"{what}.en"))

    def optional_text(self, value: object, what: str) -> Text | None:
        return None if value is None else self.text(value, what)

    def texts(self, value: object, what: str) -> tuple[Text, ...]:
        if value is None:
            return ()
        return tuple(self.text(t, f"{what} {i + 1}") for i, t in enumerate(self.array(value, what)))

    def integer(self, value: object, what: str, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(f"{what} must be a whole number of at least {minimum}")
        return value

    def optional_integer(self, value: object, what: str, minimum: int) -> int | None:
        return None if value is None else self.integer(value, what, minimum)

    def boolean(self, value: object, what: str) -> bool:
        if not isinstance(value, bool):
            self.fail(f"{what} must be true or false")
        return value

    def array(self, value: object, what: str) -> list[object]:
        if not isinstance(value, list) or not value:
            self.fail(f"{what} must be a non-empty list")
        return value

    def one_of(self, value: object, what: str, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            self.fail(f"{what} {value!r} is not one of {', '.join(allowed)}")
        return cast(str, value)
