"""The form engine: validate an application and derive what the ID number already says.

`validate_application` trims and normalises the answers, fills `gender` and `birth_date` from
the ID number (the ID wins over whatever was sent), checks everything against the service's
JSON Schema (`forms.schema`) and its conditions (dates not before birth, a minimum age), and
either returns the clean answers or raises `ValidationFailed` with one bilingual `FieldError` per
bad field, in page order, each naming the field and saying how to put it right. Whitespace-only
answers count as missing. `prefill` and `Prefilled` (from `forms.prefill`) complete the API.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date

from jsonschema.exceptions import ValidationError

from forms.catalog import Field, Service
from forms.errors import FieldError, InvalidValue, ValidationFailed
from forms.idnumber import ResidentId, parse_resident_id
from forms.prefill import Prefilled, prefill
from forms.schema import date_problem, judged_on, validator_for
from forms.text import Text, shown

__all__ = ["Prefilled", "derive_from_id", "prefill", "validate_application"]

ID_FIELD = "applicant_id_number"
#: Answers the engine fills from the ID number when the service asks for them.
DERIVED_FIELDS = ("gender", "birth_date")
_PRIORITY = {"required": 0, "type": 1, "enum": 2, "format": 3, "maxLength": 4, "pattern": 5}


def derive_from_id(id_number: str, *, today: date | None = None) -> dict[str, str]:
    """What an ID number says: gender, birth_date (YYYY-MM-DD), age (years) and province (zh).

    :raises InvalidValue: if the ID number is not valid.
    """
    today = today or date.today()
    rid = parse_resident_id(id_number, today=today)
    return {"gender": rid.gender, "birth_date": rid.birth_date.isoformat(),
            "age": str(rid.age(today)), "province": rid.province.zh}


def _clean(field: Field | None, value: object) -> object:
    """A trimmed, normalised answer; None when it counts as missing."""
    if value is None:
        return None
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    if field is not None and field.type == "phone":
        text = text.replace(" ", "").replace("-", "")
    return text or None


def _lower(label: str) -> str:
    """"Full name" → "full name", but "ID card number" stays as it is."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _missing(field: Field) -> Text:
    zh, en = field.label.zh, _lower(field.label.en)
    if field.type == "choice":
        return Text(f"请选择{zh}", f"Choose an answer for {field.label.en}")
    if field.type == "date":
        return Text(f"请填写{zh}，格式如 2019-06-01", f"Enter {en} as year-month-day, e.g. 2019-06-01")
    return Text(f"请填写{zh}", f"Enter {en}")


def _date_message(field: Field, value: str, today: date) -> Text:
    zh, en = field.label.zh, field.label.en
    problem = date_problem(value, today)
    if problem == "unreal":
        return Text(f"{zh}“{value}”不是真实存在的日期，请核对",
                    f"{en}: {value} is not a real date; check it")
    if problem == "future":
        return Text(f"{zh}不能晚于今天，请核对", f"{en} cannot be after today; check it")
    return Text(f"{zh}请按“年-月-日”填写，例如 2019-06-01",
                f"Enter {_lower(en)} as year-month-day, e.g. 2019-06-01")


def _message(field: Field, error: ValidationError, today: date) -> Text:
    """The citizen's wording for one schema error on `field`."""
    zh, en = field.label.zh, field.label.en
    kind = error.validator
    if kind == "required":
        return _missing(field)
    if kind == "type":
        return Text(f"{zh}的格式不对，请以文字重新填写",
                    f"{en} is in the wrong form; enter it again as text")
    if kind == "enum":
        return Text(f"请从以下选项中选择{zh}：{'、'.join(c.label.zh for c in field.choices)}",
                    f"Choose {_lower(en)} from: {', '.join(c.label.en for c in field.choices)}")
    if kind == "maxLength":
        entered = len(error.instance) if isinstance(error.instance, str) else 0
        return Text(f"{zh}最多{field.max_length}个字，您填写了{entered}个字，请删减",
                    f"{en} can be at most {field.max_length} characters; you entered "
                    f"{entered}. Shorten it")
    if kind == "pattern":
        return Text(f"{zh}含有无法显示的字符，请删除后重新填写",
                    f"{en} contains characters that cannot be shown; remove them")
    if kind == "format" and field.type == "id_number" and isinstance(error.cause, InvalidValue):
        return error.cause.message
    if kind == "format" and field.type == "phone":
        return Text(f"{zh}应为11位数字，以1开头（例如13805711234），请核对",
                    f"A {_lower(en)} has 11 digits and starts with 1 (e.g. 13805711234); "
                    "check it")
    if kind == "format" and field.type == "date" and isinstance(error.instance, str):
        return _date_message(field, error.instance, today)
    return Text(f"{zh}填写有误，请核对", f"{en} is not valid; check it")


def _unknown(key: str) -> FieldError:
    name = shown(key)
    return FieldError(key, Text(name, name), Text(
        f"此事项没有“{name}”这一项，请删除它",
        f"This form has no field “{name}”; remove it",
    ))


def _schema_errors(service: Service, instance: dict[str, object], today: date,
                   id_unusable: bool) -> dict[str, FieldError]:
    fields = {f.name: f for f in service.fields}
    found: list[tuple[int, str, FieldError]] = []
    with judged_on(today):
        errors = list(validator_for(service).iter_errors(instance))
    for error in errors:
        priority = _PRIORITY.get(str(error.validator), 9)
        if error.validator == "required":
            names = [n for n in error.validator_value if n not in instance]
        elif error.validator == "additionalProperties":
            found.extend((0, k, _unknown(k)) for k in instance if k not in fields)
            continue
        elif error.path:
            names = [str(error.path[0])]
        else:
            names = []
        for name in names:
            field = fields[name]
            if error.validator == "required" and name in DERIVED_FIELDS and id_unusable:
                continue  # the ID number's own error says what to fix; these follow from it
            found.append((priority, name, FieldError(name, field.label,
                                                     _message(field, error, today))))
    out: dict[str, FieldError] = {}
    for _, name, field_error in sorted(found, key=lambda item: item[0]):
        out.setdefault(name, field_error)
    return out


def _condition_errors(service: Service, instance: dict[str, object], rid: ResidentId | None,
                      today: date) -> dict[str, FieldError]:
    """Rules across answers: a minimum age, and no life event dated before the birth."""
    out: dict[str, FieldError] = {}
    if rid is not None and service.min_age is not None:
        age = rid.age(today)
        if age < service.min_age:
            field = service.field(ID_FIELD)
            assert field is not None  # the catalogue insists on it for min_age
            out[ID_FIELD] = FieldError(ID_FIELD, field.label, Text(
                f"本事项限年满{service.min_age}周岁的人申请；按身份证号码，申请人现年{age}周岁，"
                "暂不符合条件。如号码输错，请核对身份证号码",
                f"This service is for people aged {service.min_age} or over; by the ID card "
                f"number the applicant is {age}. If the number is mistyped, correct it",
            ))
    birth = instance.get("birth_date")
    if not isinstance(birth, str) or date_problem(birth, today) is not None:
        return out
    for field in service.fields:
        value = instance.get(field.name)
        if (field.type != "date" or field.name == "birth_date" or not isinstance(value, str)
                or date_problem(value, today) is not None or value >= birth):
            continue
        out[field.name] = FieldError(field.name, field.label, Text(
            f"{field.label.zh}不能早于出生日期（{birth}），请核对",
            f"{field.label.en} cannot be before the date of birth ({birth}); check it",
        ))
    return out


def validate_application(service: Service, answers: Mapping[str, object], *,
                         today: date | None = None) -> dict[str, str]:
    """The clean answers of a valid application, in page order.

    Answers are trimmed (whitespace-only counts as missing), the ID number is returned in its
    18-character upper-case form, and `gender` and `birth_date` are taken from the ID number
    when the service has them. Optional fields left empty are left out.

    :raises ValidationFailed: with one `FieldError` per bad field in page order, then one per
        unknown key: missing required answers, wrong types, values outside a field's choices,
        bad ID numbers, mobile numbers or dates, over-long text, an unmet service condition.
    """
    today = today or date.today()
    fields = {f.name: f for f in service.fields}
    instance: dict[str, object] = {}
    for key, value in answers.items():
        name = str(key)
        cleaned = _clean(fields.get(name), value)
        if cleaned is not None:
            instance[name] = cleaned

    rid: ResidentId | None = None
    raw_id = instance.get(ID_FIELD)
    if ID_FIELD in fields and isinstance(raw_id, str):
        try:
            rid = parse_resident_id(raw_id, today=today)
        except InvalidValue:
            rid = None
    if rid is not None:
        instance[ID_FIELD] = rid.number
        derived = {"gender": rid.gender, "birth_date": rid.birth_date.isoformat()}
        for name in DERIVED_FIELDS:
            if name in fields:
                instance[name] = derived[name]

    id_unusable = ID_FIELD in fields and rid is None
    errors = _schema_errors(service, instance, today, id_unusable=id_unusable)
    for name, error in _condition_errors(service, instance, rid, today).items():
        errors.setdefault(name, error)
    if errors:
        order = {name: i for i, name in enumerate(fields)}
        ranked = sorted(errors.values(), key=lambda e: order.get(e.field, len(order)))
        raise ValidationFailed(tuple(ranked))
    return {name: str(instance[name]) for name in fields if name in instance}
