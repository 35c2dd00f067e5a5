"""The service catalogue: every service the kiosk offers, its guide, form and materials.

The catalogue is data shipped inside the package: `forms/data/catalog.json` names the version,
the categories and the services, and each service (事项) or bundle (一件事) lives in its own
file under `forms/data/services/`, so a province adds a service by adding a file. It is read into
frozen dataclasses, so screens, the headless CLI and the reference platform see the same services
and the same rules. Reading is strict (`forms.catalog_reader`): a malformed file stops loading
with a `CatalogError` naming the file, the service and the field, because a half-read catalogue
would put a wrong form in front of a citizen.

Older catalogue versions listed under `archive` stay loadable, so a case or draft filled against
them is still checked by the rules it was filled under (`Catalog.get(code, version=...)`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from forms.errors import UnknownService
from forms.text import Text

#: The catalogue shipped with the package.
DEFAULT_CATALOG = Path(__file__).resolve().parent / "data" / "catalog.json"

FieldType = Literal["text", "textarea", "id_number", "date", "choice", "phone", "person_name",
                    "address", "postal_code", "bank_card", "uscc", "integer", "group"]
MaterialForm = Literal["original", "copy", "e-licence"]
Requirement = Literal["required", "optional", "commitment"]
Audience = Literal["individual", "legal-person"]
DerivedPart = Literal["gender", "birth_date", "age", "region"]
FIELD_TYPES: tuple[str, ...] = ("text", "textarea", "id_number", "date", "choice", "phone",
                                "person_name", "address", "postal_code", "bank_card", "uscc",
                                "integer", "group")
MATERIAL_FORMS: tuple[str, ...] = ("original", "copy", "e-licence")
REQUIREMENTS: tuple[str, ...] = ("required", "optional", "commitment")
AUDIENCES: tuple[str, ...] = ("individual", "legal-person")
DERIVED_PARTS: tuple[str, ...] = ("gender", "birth_date", "age", "region")


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Condition:
    """Shown only when the answer to `field` is one of `values` (a choice field asked earlier)."""

    field: str
    values: tuple[str, ...]

    def holds(self, answers: Mapping[str, object]) -> bool:
        value = answers.get(self.field)
        return isinstance(value, str) and value.strip() in self.values


@dataclass(frozen=True)
class Derivation:
    """A value the ID number in field `source` decides: gender, birth date, age or home region."""

    source: str
    part: DerivedPart


@dataclass(frozen=True)
class Field:
    """One question: `prefill` names the record key that can answer it, if any.

    A `group` field repeats its `fields` once per item (family members, say), between
    `min_items` and `max_items` times; its answer is a list of objects.
    """

    name: str
    label: Text
    type: FieldType
    required: bool
    prefill: str | None
    choices: tuple[Choice, ...]
    help: Text | None
    max_length: int | None
    visible_when: Condition | None = None
    derive: Derivation | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    max_items: int | None = None
    item_label: Text | None = None
    minimum: int | None = None
    maximum: int | None = None

    def field(self, name: str) -> Field | None:
        """The sub-field of a group called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Page:
    """One screen of the form: one thing per page."""

    name: str
    title: Text
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Material:
    """A document the applicant brings or references (one line of the materials checklist).

    `requirement` is "required", "optional" or "commitment" (may be supplied later on a signed
    commitment, 容缺受理, within `commitment_days` working days). `e_licence` names the
    electronic licence that can stand in for it; `when` limits it to some answers.
    """

    name: Text
    form: MaterialForm
    copies: int
    required: bool
    id: str = ""
    issuer: Text | None = None
    requirement: Requirement = "required"
    e_licence: str | None = None
    note: Text | None = None
    when: Condition | None = None
    commitment_days: int | None = None


@dataclass(frozen=True)
class Fee:
    yuan: int
    text: Text


@dataclass(frozen=True)
class Service:
    """One matter (事项) or bundle (一件事, `includes` lists its matters) and its guide.

    `min_age` is a condition on the applicant's age checked from the ID number, if any.
    `definition` is the service's catalogue entry as canonical JSON, so a draft can carry the
    exact form it was started on.
    """

    code: str
    name: Text
    department: Text
    time_limit_days: int
    counter_visit: bool
    pages: tuple[Page, ...]
    materials: tuple[Material, ...]
    min_age: int | None = None
    version: str = ""
    category: str = ""
    audience: Audience = "individual"
    conditions: tuple[Text, ...] = ()
    legal_basis: tuple[Text, ...] = ()
    steps: tuple[Text, ...] = ()
    fee: Fee | None = None
    counter_note: Text | None = None
    includes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    definition: str = field(default="", compare=False, repr=False)

    @functools.cached_property
    def fields(self) -> tuple[Field, ...]:
        """Every top-level field, in page order (a group counts as one field)."""
        return tuple(f for page in self.pages for f in page.fields)

    def field(self, name: str) -> Field | None:
        """The top-level field called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)

    @property
    def is_bundle(self) -> bool:
        return bool(self.includes)


@dataclass(frozen=True)
class Catalog:
    version: str
    services: tuple[Service, ...]
    categories: tuple[tuple[str, Text], ...] = ()
    archive: tuple[Catalog, ...] = ()

    def get(self, code: str, *, version: str | None = None) -> Service:
        """The service with this code; with `version`, as that catalogue version defined it
        (falling back to the current definition when that version is not kept).

        :raises UnknownService: if there is none.
        """
        if version is not None and version != self.version:
            for older in self.archive:
                if older.version == version:
                    try:
                        return older.get(code)
                    except UnknownService:
                        break
        for service in self.services:
            if service.code == code:
                return service
        raise UnknownService(code)

    def category(self, code: str) -> Text | None:
        return dict(self.categories).get(code)

    @property
    def versions(self) -> tuple[str, ...]:
        """This version and every archived one still loadable."""
        return (self.version, *(c.version for c in self.archive))

    def __iter__(self) -> Iterator[Service]:
        return iter(self.services)


def read_catalog(path: Path) -> Catalog:
    """Read and check one catalogue (its index file and the service files it names).

    :raises CatalogError: if a file cannot be read, is not JSON, or breaks a catalogue rule;
        the message names the file, service and field.
    """
    from forms.catalog_reader import read_catalog_file

    return read_catalog_file(Path(path))


@functools.lru_cache(maxsize=1)
def _shipped() -> Catalog:
    return read_catalog(DEFAULT_CATALOG)


def load_catalog(path: Path | None = None, *, cached: bool = True) -> Catalog:
    """The catalogue in `path`, or the shipped one (read once and kept) when `path` is None.

    `cached=False` reads the files again even for the shipped catalogue (for measuring it).

    :raises CatalogError: naming the file, service and field at fault.
    """
    if path is None or (cached and Path(path).resolve() == DEFAULT_CATALOG):
        return _shipped() if cached else read_catalog(DEFAULT_CATALOG)
    return read_catalog(Path(path))
