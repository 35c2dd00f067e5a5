"""The form engine: validate an application and derive what ID numbers already say.

`validate_application` trims and normalises the answers, drops answers to questions the form
does not show for these answers (conditional visibility), fills derived fields (gender, birth
date, age, home region) from the ID number they name (the ID wins over whatever was sent),
checks everything against the service's JSON Schema (`forms.schema`) and its conditions (dates
not before birth, a minimum age, number ranges), and either returns the clean answers or raises
`ValidationFailed` with one bilingual `FieldError` per bad answer, in page order, each naming the
field and saying how to put it right. Whitespace-only answers count as missing; in a repeating
group an entry left wholly empty is dropped. `prefill` and `Prefilled` complete the API.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from jsonschema.exceptions import ValidationError

from forms.catalog import Field, Service
from forms.errors import FieldError, InvalidValue, ValidationFailed
from forms.idnumber import ResidentId, parse_resident_id
from forms.messages import in_item, integer_message, message_for
from forms.prefill import Prefilled, prefill
from forms.schema import date_problem, judged_on, validator_for
from forms.text import Text, shown
from forms.validators import NAME_DOT

__all__ = ["Prefilled", "derive_from_id", "prefill", "validate_application", "visible_fields"]

ID_FIELD = "applicant_id_number"
#: Answers the engine fills from the applicant's ID number when the service asks for them.
DERIVED_FIELDS = ("gender", "birth_date")
_PRIORITY = {"required": 0, "type": 1, "enum": 2, "minItems": 2, "maxItems": 2, "format": 3,
             "maxLength": 4, "pattern": 5}
_DOTS = str.maketrans({ch: NAME_DOT for ch in "•・‧∙⋅･．"})

Answers = dict[str, Any]


def derive_from_id(id_number: str, *, today: date | None = None) -> dict[str, str]:
    """What an ID number says: gender, birth_date (YYYY-MM-DD), age (years), province (zh) and
    region (the county's name, zh).

    :raises InvalidValue: if the ID number is not valid.
    """
    today = today or date.today()
    rid = parse_resident_id(id_number, today=today)
    return {"gender": rid.gender, "birth_date": rid.birth_date.isoformat(),
            "age": str(rid.age(today)), "province": rid.province.zh,
            "region": rid.region.zh if rid.region else rid.province.zh}


def _clean_text(field: Field | None, value: object) -> object:
    """A trimmed, normalised answer; None when it counts as missing."""
    if value is None:
        return None
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    kind = field.type if field is not None else None
    if kind in ("phone", "bank_card"):
        text = text.replace(" ", "").replace("-", "")
    elif kind in ("uscc", "id_number"):
        text = text.upper()
    elif kind == "person_name":
        text = text.translate(_DOTS)
    elif kind == "choice" and field is not None:
        text = _choice_code(field, text)
    return text or None


def _choice_code(field: Field, text: str) -> str:
    """A choice answered by its label (as the error message lists them) means that choice."""
    for choice in field.choices:
        if text == choice.value or text == choice.label.zh or text.casefold() == choice.label.en.casefold():
            return choice.value
    return text


def _clean(field: Field | None, value: object) -> object:
    if field is None or field.type != "group":
        return _clean_text(field, value)
    if not isinstance(value, list):
        return value if value not in (None, "") else None
    items: list[object] = []
    for entry in value:
        if not isinstance(entry, Mapping):
            items.append(entry)
            continue
        subs = {f.name: f for f in field.fields}
        cleaned = {str(k): _clean_text(subs.get(str(k)), v) for k, v in entry.items()}
        cleaned = {k: v for k, v in cleaned.items() if v is not None}
        derived = {f.name for f in field.fields if f.derive is not None}
        if set(cleaned) - derived:  # an entry with only derived values is an empty entry
            items.append(cleaned)
    return items or None


def visible_fields(fields: tuple[Field, ...], answers: Mapping[str, object]) -> list[Field]:
    """The fields shown for these answers, in order: a field whose condition's own field is
    hidden is hidden too."""
    shown_answers: dict[str, object] = {}
    out: list[Field] = []
    for field in fields:
        if field.visible_when is None or field.visible_when.holds(shown_answers):
            out.append(field)
            if field.name in answers:
                shown_answers[field.name] = answers[field.name]
    return out


def _derive(fields: tuple[Field, ...], values: dict[str, object], today: date,
            pending: set[str]) -> ResidentId | None:
    """Fill derived fields in `values` from their ID fields; note the ones that could not be.

    Returns the applicant's parsed ID (the `applicant_id_number` field), if valid.
    """
    parsed: dict[str, ResidentId | None] = {}
    for field in fields:
        if field.type != "id_number" or not isinstance(values.get(field.name), str):
            continue
        try:
            rid = parse_resident_id(str(values[field.name]), today=today)
        except InvalidValue:
            parsed[field.name] = None
        else:
            parsed[field.name] = rid
            values[field.name] = rid.number
    for field in fields:
        if field.derive is None:
            continue
        rid = parsed.get(field.derive.source)
        if rid is None:
            values.pop(field.name, None)
            pending.add(field.name)
            continue
        part = field.derive.part
        values[field.name] = (
            rid.gender if part == "gender" else rid.birth_date.isoformat() if part == "birth_date"
            else str(rid.age(today)) if part == "age"
            else (rid.region or rid.province).zh)
    return parsed.get(ID_FIELD)


def _unknown(key: str) -> FieldError:
    name = shown(key)
    return FieldError(key, Text(name, name), Text(
        f"此事项没有“{name}”这一项，请删除它",
        f"This form has no field “{name}”; remove it",
    ))


def _locate(service: Service, error: ValidationError,
            instance: dict[str, object]) -> list[tuple[Field, int | None, Field | None]]:
    """The (field, item, sub-field) an error is about; several for a "required" error."""
    path = list(error.path)
    fields = {f.name: f for f in service.fields}
    if not path:
        if error.validator != "required":
            return []
        return [(fields[n], None, None) for n in error.validator_value if n not in instance]
    group = fields.get(str(path[0]))
    if group is None:
        return []
    if len(path) == 1 or group.type != "group" or not isinstance(path[1], int):
        return [(group, None, None)]
    index = path[1]
    if len(path) >= 3:
        sub = group.field(str(path[2]))
        return [(group, index, sub)] if sub is not None else [(group, index, None)]
    if error.validator == "required" and isinstance(error.instance, dict):
        return [(group, index, group.field(n)) for n in error.validator_value
                if n not in error.instance and group.field(n) is not None]
    return [(group, index, None)]


def _schema_errors(service: Service, instance: dict[str, object], today: date,
                   pending: set[tuple[str, int | None, str | None]]) -> list[FieldError]:
    found: list[tuple[int, FieldError]] = []
    with judged_on(today):
        errors = list(validator_for(service).iter_errors(instance))
    for error in errors:
        priority = _PRIORITY.get(str(error.validator), 9)
        if error.validator == "additionalProperties" and not error.path:
            names = {f.name for f in service.fields}
            found.extend((0, _unknown(k)) for k in instance if k not in names)
            continue
        for field, index, sub in _locate(service, error, instance):
            key = (field.name, index, sub.name if sub else None)
            if error.validator == "required" and key in pending:
                continue  # the ID number's own error says what to fix; this follows from it
            if index is None:
                found.append((priority, FieldError(field.name, field.label,
                                                   message_for(field, error, today))))
            elif sub is None:
                text = Text(f"第{index + 1}项填写有误，请删除后重新添加",
                            f"Entry {index + 1} is not valid; remove it and add it again")
                found.append((priority, FieldError(field.name, field.label, text, index)))
            else:
                text = in_item(field, index, sub, message_for(sub, error, today))
                found.append((priority, FieldError(field.name, field.label, text, index,
                                                   sub.name)))
    return [e for _, e in sorted(found, key=lambda item: item[0])]


def _integer_errors(service: Service, instance: dict[str, object]) -> list[FieldError]:
    out: list[FieldError] = []

    def bad(field: Field, value: object) -> bool:
        if not isinstance(value, str) or not value.isdigit() or not value.isascii():
            return False  # the schema's pattern already named it
        number = int(value)
        return ((field.minimum is not None and number < field.minimum)
                or (field.maximum is not None and number > field.maximum))

    for field in service.fields:
        value = instance.get(field.name)
        if field.type == "integer" and bad(field, value):
            out.append(FieldError(field.name, field.label, integer_message(field)))
        if field.type == "group" and isinstance(value, list):
            for i, entry in enumerate(value):
                for sub in field.fields:
                    if sub.type == "integer" and isinstance(entry, dict) and bad(sub, entry.get(sub.name)):
                        out.append(FieldError(field.name, field.label,
                                              in_item(field, i, sub, integer_message(sub)),
                                              i, sub.name))
    return out


def _condition_errors(service: Service, instance: dict[str, object], rid: ResidentId | None,
                      today: date) -> list[FieldError]:
    """Rules across answers: a minimum age, and no life event dated before the birth."""
    out: list[FieldError] = []
    if rid is not None and service.min_age is not None:
        age = rid.age(today)
        if age < service.min_age:
            field = service.field(ID_FIELD)
            assert field is not None  # the catalogue insists on it for min_age
            out.append(FieldError(ID_FIELD, field.label, Text(
                f"本事项限年满{service.min_age}周岁的人申请；按身份证号码，申请人现年{age}周岁，"
                "暂不符合条件。如号码输错，请核对身份证号码",
                f"This service is for people aged {service.min_age} or over; by the ID card "
                f"number the applicant is {age}. If the number is mistyped, correct it",
            )))
    birth = instance.get("birth_date")
    if not isinstance(birth, str) or date_problem(birth, today) is not None:
        return out
    for field in service.fields:
        value = instance.get(field.name)
        if (field.type != "date" or field.name == "birth_date" or not isinstance(value, str)
                or date_problem(value, today) is not None or value >= birth):
            continue
        out.append(FieldError(field.name, field.label, Text(
            f"{field.label.zh}不能早于出生日期（{birth}），请核对",
            f"{field.label.en} cannot be before the date of birth ({birth}); check it",
        )))
    return out


def _prepare(service: Service, answers: Mapping[str, object], today: date,
             pending: set[tuple[str, int | None, str | None]]) -> tuple[Answers, ResidentId | None]:
    """Clean answers, drop hidden ones, derive what the ID numbers say."""
    fields = {f.name: f for f in service.fields}
    instance: Answers = {}
    for key, value in answers.items():
        cleaned = _clean(fields.get(str(key)), value)
        if cleaned is not None:
            instance[str(key)] = cleaned
    shown_names = {f.name for f in visible_fields(service.fields, instance)}
    for name in [n for n in instance if n in fields and n not in shown_names]:
        del instance[name]
    names: set[str] = set()
    rid = _derive(tuple(f for f in service.fields if f.name in shown_names), instance, today, names)
    pending.update((n, None, None) for n in names)
    for group in service.fields:
        entries = instance.get(group.name)
        if group.type != "group" or not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            visible = {f.name for f in visible_fields(group.fields, entry)}
            for name in [n for n in entry if group.field(n) is not None and n not in visible]:
                del entry[name]
            subs = set()
            _derive(tuple(f for f in group.fields if f.name in visible), entry, today, subs)
            pending.update((group.name, i, n) for n in subs)
    return instance, rid


def validate_application(service: Service, answers: Mapping[str, object], *,
                         today: date | None = None) -> Answers:
    """The clean answers of a valid application, in page order.

    Answers are trimmed (whitespace-only counts as missing), ID numbers are returned in their
    18-character upper-case form, derived fields are taken from their ID numbers, and answers
    to questions hidden by the other answers are dropped. Optional fields left empty are left
    out. A repeating group's answer is a list of objects of text.

    :raises ValidationFailed: with one `FieldError` per bad answer in page order, then one per
        unknown key: missing required answers, wrong types, values outside a field's choices,
        bad ID numbers, credit codes, mobile numbers, card numbers, names or dates, over-long
        text, numbers out of range, an unmet service condition.
    """
    today = today or date.today()
    pending: set[tuple[str, int | None, str | None]] = set()
    instance, rid = _prepare(service, answers, today, pending)
    errors = _schema_errors(service, instance, today, pending)
    errors += _integer_errors(service, instance) + _condition_errors(service, instance, rid, today)
    if errors:
        seen: dict[tuple[str, int | None, str | None], FieldError] = {}
        for error in errors:
            seen.setdefault((error.field, error.item, error.subfield), error)
        order = {f.name: i for i, f in enumerate(service.fields)}
        ranked = sorted(seen.values(), key=lambda e: (order.get(e.field, len(order)),
                                                      -1 if e.item is None else e.item))
        raise ValidationFailed(tuple(ranked))
    return {f.name: _plain(instance[f.name]) for f in service.fields if f.name in instance}


def _plain(value: object) -> Any:
    if isinstance(value, list):
        return [{k: str(v) for k, v in entry.items()} for entry in value]
    return str(value)
