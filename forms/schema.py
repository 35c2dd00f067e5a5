"""JSON Schemas for applications, and the formats they check.

Each service's fields become one Draft 2020-12 schema (types, choices as `enum`, lengths,
required fields, no unknown keys), compiled once per service and cached. Values with rules of
their own are `format`s asserted by one `FormatChecker`: `cn-resident-id` (GB 11643 through
`forms.idnumber`), `cn-mobile` (mainland mobile numbers) and `date` (a real YYYY-MM-DD date, not
after today: every date the catalogue asks for records something that has already happened).
"today" comes from the validation in progress, so a whole application is judged against one day.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, Literal

from jsonschema import Draft202012Validator, FormatChecker

from forms.catalog import Field, Service
from forms.errors import InvalidValue
from forms.idnumber import parse_resident_id

DateProblem = Literal["format", "unreal", "future"]

_TODAY: ContextVar[date | None] = ContextVar("forms_schema_today", default=None)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Control characters cannot be shown or printed, and lone surrogates cannot even be stored as
# UTF-8; a textarea may keep its line breaks and tabs.
_NO_CONTROLS = "^[^\\x00-\\x1f\\x7f\\ud800-\\udfff]*$"
_NO_CONTROLS_MULTILINE = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ud800-\\udfff]*$"

FORMAT_CHECKER = FormatChecker(formats=())


@contextmanager
def judged_on(today: date) -> Iterator[None]:
    """Within the block, formats that depend on the day use `today`."""
    token = _TODAY.set(today)
    try:
        yield
    finally:
        _TODAY.reset(token)


def current_day() -> date:
    return _TODAY.get() or date.today()


def date_problem(value: str, today: date) -> DateProblem | None:
    """What is wrong with a date answer, or None if it is a real YYYY-MM-DD date not after today."""
    if not _DATE.fullmatch(value):
        return "format"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return "unreal"
    return "future" if day > today else None


def is_mobile(value: str) -> bool:
    """A mainland mobile number: 11 ASCII digits, 1 then 3–9."""
    return _MOBILE.fullmatch(value) is not None


@FORMAT_CHECKER.checks("cn-resident-id", raises=InvalidValue)
def _check_resident_id(instance: object) -> bool:
    if isinstance(instance, str):
        parse_resident_id(instance, today=current_day())
    return True


@FORMAT_CHECKER.checks("cn-mobile")
def _check_mobile(instance: object) -> bool:
    return not isinstance(instance, str) or is_mobile(instance)


@FORMAT_CHECKER.checks("date")
def _check_date(instance: object) -> bool:
    return not isinstance(instance, str) or date_problem(instance, current_day()) is None


def _property(field: Field) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": "string"}
    if field.type == "choice":
        prop["enum"] = [c.value for c in field.choices]
    elif field.type == "id_number":
        prop["format"] = "cn-resident-id"
    elif field.type == "phone":
        prop["format"] = "cn-mobile"
    elif field.type == "date":
        prop["format"] = "date"
    else:
        prop["pattern"] = _NO_CONTROLS_MULTILINE if field.type == "textarea" else _NO_CONTROLS
        if field.max_length is not None:
            prop["maxLength"] = field.max_length
    return prop


def schema_for(service: Service) -> dict[str, Any]:
    """The JSON Schema an application for `service` must meet (answers already trimmed)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:servicehall:service:{service.code}",
        "type": "object",
        "properties": {f.name: _property(f) for f in service.fields},
        "required": [f.name for f in service.fields if f.required],
        "additionalProperties": False,
    }


@functools.lru_cache(maxsize=64)
def validator_for(service: Service) -> Draft202012Validator:
    """The compiled validator for `service`, built once per distinct service."""
    schema = schema_for(service)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
