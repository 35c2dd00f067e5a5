"""Drafts: an application in progress that survives a newer catalogue.

A proxy agent may start an application offline and finish it days later, after the platform has
published a new catalogue in which the service asks different questions. A `Draft` therefore
carries the catalogue version and the exact service definition it was started on, and always
resumes on that definition; `resume` also says whether a newer definition exists, so the screen
can offer to move the answers across (`carry_over`) instead of silently changing the form.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.catalog import Catalog, Service
from forms.catalog_reader import read_service_definition
from forms.errors import CatalogError, UnknownService


@dataclass(frozen=True)
class Draft:
    service_code: str
    catalog_version: str
    definition: str  # the service's catalogue entry as canonical JSON
    answers: Mapping[str, Any] = field(default_factory=dict)

    def service(self) -> Service:
        """The service exactly as the draft was started on.

        :raises CatalogError: if the stored definition is damaged.
        """
        return read_service_definition(self.definition, catalog_version=self.catalog_version,
                                       origin=f"draft of {self.service_code}")

    def with_answers(self, answers: Mapping[str, Any]) -> Draft:
        return Draft(self.service_code, self.catalog_version, self.definition, dict(answers))

    def to_json(self) -> str:
        return json.dumps({"service_code": self.service_code,
                           "catalog_version": self.catalog_version,
                           "definition": self.definition, "answers": dict(self.answers)},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Draft:
        """:raises CatalogError: if `text` is not a saved draft."""
        try:
            data = json.loads(text)
            return cls(str(data["service_code"]), str(data["catalog_version"]),
                       str(data["definition"]), dict(data.get("answers") or {}))
        except (ValueError, KeyError, TypeError) as exc:
            raise CatalogError("a saved draft", f"is not a draft ({exc})") from exc


def start_draft(catalog: Catalog, code: str) -> Draft:
    """A new, empty draft on the catalogue's current definition of `code`.

    :raises UnknownService: if the catalogue has no such service.
    """
    service = catalog.get(code)
    return Draft(service.code, catalog.version, service.definition)


def resume(draft: Draft, catalog: Catalog) -> tuple[Service, bool]:
    """The draft's own service, and whether `catalog` now defines that service differently."""
    service = draft.service()
    try:
        current = catalog.get(draft.service_code)
    except UnknownService:
        return service, False
    return service, current.definition != draft.definition


def carry_over(draft: Draft, catalog: Catalog) -> Draft:
    """The draft moved onto the catalogue's current definition, keeping the answers to the
    questions that still exist (the rest are dropped; validation then says what is missing).

    :raises UnknownService: if the service has been withdrawn.
    """
    current = catalog.get(draft.service_code)
    names = {f.name for f in current.fields}
    kept = {k: v for k, v in draft.answers.items() if k in names}
    return Draft(current.code, catalog.version, current.definition, kept)
