"""The application wizard's rules that are not widgets: what is known before the citizen types,
and which errors belong to which page.

Before the first page is shown, every answer the kiosk already has is worked out here: the ID
number typed at the start (locked), the answers the ID number itself decides (gender, birth
date, age, home region: locked because `forms.engine` takes them from the ID whatever is typed),
and what the look-up found in the registry or earlier applications (editable, marked as coming
from the records). Page checks run the
whole application through `forms.engine.validate_application` and keep the errors of one page.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from forms.catalog import Service
from forms.engine import ID_FIELD, Prefilled, derive_from_id, validate_application
from forms.errors import FieldError, InvalidValue, ValidationFailed

TYPED = "typed"  # the ID number the citizen entered on the identify screen
FROM_ID = "id"  # decided by the ID number (gender, date of birth)
FROM_RECORDS = "records"  # found by the registry look-up
# Other prefill sources keep their own names: "roster", "id-card", "e-licence", "earlier-case".


@dataclass(frozen=True)
class Known:
    """An answer known before the citizen reaches its page, where it came from, and whether the
    citizen may change it."""

    value: str
    source: str
    locked: bool


def known_answers(
    service: Service, id_number: str, found: Mapping[str, Prefilled]
) -> dict[str, Known]:
    """The answers to show filled in when the wizard for `service` starts."""
    try:
        derived = derive_from_id(id_number)
    except InvalidValue:
        derived = {}
    known: dict[str, Known] = {}
    for field in service.fields:
        if field.name == ID_FIELD:
            known[field.name] = Known(id_number, TYPED, locked=True)
        elif field.derive is not None and field.derive.source == ID_FIELD:
            if field.derive.part in derived:
                known[field.name] = Known(derived[field.derive.part], FROM_ID, locked=True)
        elif field.type != "group" and field.name in found and found[field.name].value:
            source = found[field.name].source
            known[field.name] = Known(found[field.name].value,
                                      FROM_RECORDS if source == "registry" else source,
                                      locked=False)
    return known


def errors_for(
    service: Service, answers: Mapping[str, object], fields: Collection[str]
) -> list[FieldError]:
    """The problems with `fields` when the whole application so far is checked, in page order.

    Later pages are still empty, so their "missing" errors are dropped with the other pages'.
    """
    try:
        validate_application(service, answers)
    except ValidationFailed as exc:
        return [e for e in exc.errors if e.field in fields]
    return []
