"""Prefill: what the system already knows about the applicant, offered as answers.

A record (or any mapping of record keys to strings) answers every field whose `prefill` key it
holds. Records come from the platform's registry when online, the proxy agent's roster when
offline, a scanned e-licence, and, with the applicant's consent, their earlier applications on
this device. Each answer keeps its source so the screen can mark it ("from the population
registry") and the citizen confirms instead of retyping; `changes` lists what they altered.
Prefill only offers values; the engine still validates whatever is finally submitted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.text import Text

if TYPE_CHECKING:
    from forms.catalog import Service


@dataclass(frozen=True)
class Prefilled:
    """A prefilled answer and where it came from (e.g. "registry")."""

    value: str
    source: str


def prefill(service: Service, record: Mapping[str, str] | None, *,
            source: str) -> dict[str, Prefilled]:
    """Answers for the fields of `service` that `record` can fill, by field name.

    Empty or non-text record values are skipped, and so is a value that is not one of a choice
    field's choices: a prefill the form could not show is no help.
    """
    if not record:
        return {}
    out: dict[str, Prefilled] = {}
    for field in service.fields:
        if field.prefill is None:
            continue
        value = record.get(field.prefill)
        if not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        if field.type == "choice" and value not in {c.value for c in field.choices}:
            continue
        out[field.name] = Prefilled(value, source)
    return out


#: Where a prefilled answer came from, as the screen names it.
SOURCES: dict[str, Text] = {
    "registry": Text("来自人口信息库", "from the population registry"),
    "roster": Text("来自帮办代办花名册", "from the proxy agent's roster"),
    "id-card": Text("来自身份证", "from the ID card"),
    "e-licence": Text("来自电子证照", "from an e-licence"),
    "earlier-case": Text("来自您在本机办过的事项", "from an earlier application on this device"),
}
#: The order in which sources win when several answer the same field (earlier wins).
PRECEDENCE = ("id-card", "e-licence", "registry", "roster", "earlier-case")

# What each e-licence's payload says, as record keys the catalogue's `prefill` names.
_LICENCE_KEYS: dict[str, dict[str, str]] = {
    "resident-id-card": {"name": "name", "id_number": "id_number", "address": "address",
                         "gender": "gender", "birth_date": "birth_date"},
    "household-register": {"name": "name", "id_number": "id_number", "address": "address"},
    "business-licence": {"uscc": "uscc", "name": "business_name",
                         "operator": "name", "operator_id_number": "id_number"},
}


@dataclass(frozen=True)
class Change:
    """A prefilled answer the applicant changed before submitting."""

    field: str
    offered: str
    submitted: str
    source: str


def licence_record(payload: Mapping[str, object]) -> tuple[str, dict[str, str]]:
    """The licence type and a record (prefill keys to text) from a scanned e-licence payload
    shaped {"type": ..., "data": {...}}; an unknown type or shape gives an empty record."""
    kind = payload.get("type")
    data = payload.get("data")
    if not isinstance(kind, str) or not isinstance(data, Mapping):
        return "", {}
    keys = _LICENCE_KEYS.get(kind, {})
    return kind, {record_key: str(data[key]) for key, record_key in keys.items()
                  if isinstance(data.get(key), str)}


def prefill_from_licence(service: Service, payload: Mapping[str, object]) -> dict[str, Prefilled]:
    """Answers a scanned e-licence gives, with source "e-licence"."""
    _, record = licence_record(payload)
    return prefill(service, record, source="e-licence")


def prefill_from_cases(service: Service, earlier: Sequence[Mapping[str, object]], *,
                       consent: bool) -> dict[str, Prefilled]:
    """Answers from the same person's earlier applications on this device, newest last in
    `earlier` and winning; only with the applicant's consent (fill once, 一次填报).

    A field is answered from an earlier case that had a field of the same name, type aside
    from derived and ID fields (those come from the ID number itself).
    """
    if not consent:
        return {}
    out: dict[str, Prefilled] = {}
    for answers in earlier:
        for field in service.fields:
            value = answers.get(field.name)
            if (field.derive is not None or field.type in ("group", "id_number")
                    or not isinstance(value, str) or not value.strip()):
                continue
            if field.type == "choice" and value not in {c.value for c in field.choices}:
                continue
            out[field.name] = Prefilled(value.strip(), "earlier-case")
    return out


def merge(*layers: Mapping[str, Prefilled]) -> dict[str, Prefilled]:
    """One answer per field from several sources, the source earlier in `PRECEDENCE` winning."""
    rank = {source: i for i, source in enumerate(PRECEDENCE)}
    out: dict[str, Prefilled] = {}
    for layer in layers:
        for name, value in layer.items():
            held = out.get(name)
            if held is None or rank.get(value.source, 99) < rank.get(held.source, 99):
                out[name] = value
    return out


def changes(offered: Mapping[str, Prefilled], submitted: Mapping[str, object]) -> list[Change]:
    """The prefilled answers the applicant changed (for the case record)."""
    out: list[Change] = []
    for name, given in offered.items():
        final = submitted.get(name)
        if isinstance(final, str) and final != given.value:
            out.append(Change(name, given.value, final, given.source))
    return out


def provenance(offered: Mapping[str, Prefilled],
               submitted: Mapping[str, object]) -> dict[str, dict[str, str]]:
    """Where each submitted prefilled answer came from, for the case record: field → {"source"},
    plus "offered" (what was prefilled) where the applicant changed it."""
    out: dict[str, dict[str, str]] = {}
    for name, given in offered.items():
        final = submitted.get(name)
        if not isinstance(final, str):
            continue
        entry = {"source": given.source}
        if final != given.value:
            entry["offered"] = given.value
        out[name] = entry
    return out


_CARD_GENDERS = {"男": "male", "女": "female"}


def card_record(name: str, id_number: str, *, gender: str = "", birth_date: str = "",
                address: str = "") -> dict[str, str]:
    """A record (prefill keys to text) from what an ID card's chip says, as a reader gives it."""
    record = {"name": name, "id_number": id_number, "address": address,
              "gender": _CARD_GENDERS.get(gender, gender), "birth_date": birth_date}
    return {key: value.strip() for key, value in record.items() if value and value.strip()}
