"""Prefill: what the system already knows about the applicant, offered as answers.

A registry record (or any mapping of record keys to strings) answers every field whose `prefill`
key it holds. Each answer keeps its source so the screen can mark it ("from the population
registry") and the citizen confirms instead of retyping. Prefill only offers values; the engine
still validates whatever is finally submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
