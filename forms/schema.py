"""JSON Schemas for applications, and the formats they check.

Each service's fields become one Draft 2020-12 schema (types, choices as `enum`, lengths,
required fields, no unknown keys), compiled once per service and cached. Values with rules of
their own are `format`s asserted by one `FormatChecker`: `cn-resident-id` (GB 11643 through
`forms.idnumber`), `cn-uscc` (GB 32100 through `forms.uscc`), `cn-mobile`, `cn-postal-code`,
`bank-card` (Luhn), `cn-person-name`, `cn-address` (`forms.validators`) and `date` (a real
YYYY-MM-DD date, not after today: every date the catalogue asks for records something that has
already happened). "today" comes from the validation in progress, so a whole application is
judged against one day. A repeating group is an array of objects; a field shown only for some
answers is required only then (`if`/`then`), since the engine drops answers to hidden fields
before validating.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, Literal

from jsonschema import Draft202012Validator, FormatChecker

from forms.catalog import Field, Service
from forms.errors import InvalidValue
from forms.idnumber import parse_resident_id
from forms.uscc import parse_uscc
from forms.validators import (
    check_address,
    check_bank_card,
    check_person_name,
    check_postal_code,
    is_mobile,
)

DateProblem = Literal["format", "unreal", "future"]

_TODAY: ContextVar[date | None] = ContextVar("forms_schema_today", default=None)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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


__all__ = ["FORMAT_CHECKER", "current_day", "date_problem", "is_mobile", "judged_on",
           "schema_for", "validator_for"]


@FORMAT_CHECKER.checks("cn-resident-id", raises=InvalidValue)
def _check_resident_id(instance: object) -> bool:
    if isinstance(instance, str):
        parse_resident_id(instance, today=current_day())
    return True


@FORMAT_CHECKER.checks("cn-mobile")
def _check_mobile(instance: object) -> bool:
    return not isinstance(instance, str) or is_mobile(instance)


def _asserting(name: str, check: Callable[[str], object]) -> None:
    def checker(instance: object) -> bool:
        if isinstance(instance, str):
            check(instance)
        return True

    FORMAT_CHECKER.checks(name, raises=InvalidValue)(checker)


_asserting("cn-uscc", parse_uscc)
_asserting("cn-postal-code", check_postal_code)
_asserting("bank-card", check_bank_card)
_asserting("cn-person-name", check_person_name)
_asserting("cn-address", check_address)


@FORMAT_CHECKER.checks("date")
def _check_date(instance: object) -> bool:
    return not isinstance(instance, str) or date_problem(instance, current_day()) is None


_FORMATS = {"id_number": "cn-resident-id", "phone": "cn-mobile", "date": "date",
            "uscc": "cn-uscc", "postal_code": "cn-postal-code", "bank_card": "bank-card",
            "person_name": "cn-person-name"}


def _property(field: Field) -> dict[str, Any]:
    if field.type == "group":
        item = _object(field.fields)
        prop: dict[str, Any] = {"type": "array", "items": item, "minItems": field.min_items}
        if field.max_items is not None:
            prop["maxItems"] = field.max_items
        return prop
    prop = {"type": "string"}
    if field.type == "choice":
        prop["enum"] = [c.value for c in field.choices]
    elif field.type in _FORMATS:
        prop["format"] = _FORMATS[field.type]
    elif field.type == "integer":
        prop["pattern"] = "^[0-9]{1,9}$"
    else:
        prop["pattern"] = _NO_CONTROLS_MULTILINE if field.type == "textarea" else _NO_CONTROLS
        if field.type == "address":
            prop["format"] = "cn-address"
        if field.max_length is not None:
            prop["maxLength"] = field.max_length
    return prop


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    """An object schema for `fields`: unconditional requireds, and `if`/`then` for the others."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _property(f) for f in fields},
        "required": [f.name for f in fields if f.required and f.visible_when is None],
        "additionalProperties": False,
    }
    conditional = [
        {"if": {"properties": {f.visible_when.field: {"enum": list(f.visible_when.values)}},
                "required": [f.visible_when.field]},
         "then": {"required": [f.name]}}
        for f in fields if f.required and f.visible_when is not None
    ]
    if conditional:
        schema["allOf"] = conditional
    return schema


def schema_for(service: Service) -> dict[str, Any]:
    """The JSON Schema an application for `service` must meet (answers already trimmed)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:servicehall:service:{service.code}",
        **_object(service.fields),
    }


@functools.lru_cache(maxsize=1024)
def _compiled(service: Service) -> Draft202012Validator:
    schema = schema_for(service)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMAT_CHECKER)


# Hashing a frozen service walks its whole tree; the same object asks again and again (a
# platform validating a batch), so look it up by identity first, holding the service so that
# its id cannot be reused.
_BY_IDENTITY: dict[int, tuple[Service, Draft202012Validator]] = {}


def validator_for(service: Service) -> Draft202012Validator:
    """The compiled validator for `service`, built once per distinct service."""
    hit = _BY_IDENTITY.get(id(service))
    if hit is not None and hit[0] is service:
        return hit[1]
    validator = _compiled(service)
    if len(_BY_IDENTITY) >= 1024:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[id(service)] = (service, validator)
    return validator
