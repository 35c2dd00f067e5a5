"""Complete sample applications made from a service's form alone.

`sample_application` answers every question a form shows with a plausible valid value of the
field's type, so that a catalogue check can prove each form can be completed at all, the
benchmark can validate services it has never seen, and the kiosk's smoke test can walk every
page. `variant` picks a different choice for each choice field, which reveals the fields shown
only for other answers.
"""

from __future__ import annotations

from datetime import date

from forms.catalog import Field, Service
from forms.idnumber import make_resident_id
from forms.uscc import make_uscc

SAMPLE_NAME = "张伟"
SAMPLE_ADDRESS = "浙江省杭州市西湖区文三路90号5幢302室"
SAMPLE_PHONE = "13805711234"
SAMPLE_CARD = "6222020200112345679"
SAMPLE_USCC = make_uscc("9", "1", "350100", "M000100Y")
SAMPLE_DATE = "2019-06-01"


def _value(field: Field, variant: int, person: int) -> object:
    kind = field.type
    if kind == "choice":
        return field.choices[variant % len(field.choices)].value
    if kind == "id_number":
        return make_resident_id("330106", date(1940 + person * 7, 3, 12), 231 + person * 2)
    if kind == "person_name":
        return ("张伟", "李秀英", "王芳", "阿依古丽·买买提", "刘洋")[person % 5]
    if kind in ("address",):
        return SAMPLE_ADDRESS
    if kind == "phone":
        return SAMPLE_PHONE
    if kind == "postal_code":
        return "310012"
    if kind == "bank_card":
        return SAMPLE_CARD
    if kind == "uscc":
        return SAMPLE_USCC
    if kind == "date":
        return SAMPLE_DATE
    if kind == "integer":
        low = field.minimum if field.minimum is not None else 0
        return str(max(low, min(3, field.maximum if field.maximum is not None else 3)))
    text = "样例" if kind == "text" else "样例说明"
    return text[: field.max_length] if field.max_length else text


def _answer(fields: tuple[Field, ...], variant: int, person: int) -> dict[str, object]:
    answers: dict[str, object] = {}
    for field in fields:
        if field.visible_when is not None and not field.visible_when.holds(answers):
            continue
        if field.derive is not None:
            continue  # the engine fills it
        if field.type == "group":
            count = max(field.min_items, 1 if field.max_items != 0 else 0)
            answers[field.name] = [_answer(field.fields, variant, person + 1 + i)
                                   for i in range(count)]
        else:
            answers[field.name] = _value(field, variant, person)
    return answers


def sample_application(service: Service, variant: int = 0) -> dict[str, object]:
    """A complete application for `service` (valid unless the form cannot be completed)."""
    return _answer(service.fields, variant, 0)
