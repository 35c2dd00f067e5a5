"""The service catalogue: every service the kiosk offers, its pages, fields and materials.

The catalogue is data (`forms/data/catalog.json`, shipped inside the package) read into frozen
dataclasses, so screens, the headless CLI and the reference platform all see the same services
and the same rules. Reading is strict: an unknown key, a missing label translation or a field
of an unknown type stops loading with a `CatalogError` that names the file, the service and the
field at fault, because a half-read catalogue would put a wrong form in front of a citizen.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NoReturn, cast

from forms.errors import CatalogError, UnknownService
from forms.text import Text

#: The catalogue shipped with the package.
DEFAULT_CATALOG = Path(__file__).resolve().parent / "data" / "catalog.json"

FieldType = Literal["text", "id_number", "date", "choice", "phone", "textarea"]
MaterialForm = Literal["original", "copy", "e-licence"]
FIELD_TYPES: tuple[str, ...] = ("text", "id_number", "date", "choice", "phone", "textarea")
MATERIAL_FORMS: tuple[str, ...] = ("original", "copy", "e-licence")


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Field:
    """One question: `prefill` names the registry record key that can answer it, if any."""

    name: str
    label: Text
    type: FieldType
    required: bool
    prefill: str | None
    choices: tuple[Choice, ...]
    help: Text | None
    max_length: int | None


@dataclass(frozen=True)
class Page:
    """One screen of the form: one thing per page."""

    name: str
    title: Text
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Material:
    """A document the applicant brings or references: its form and how many copies."""

    name: Text
    form: MaterialForm
    copies: int
    required: bool


@dataclass(frozen=True)
class Service:
    """One matter a citizen can apply for. `min_age` is a condition on the applicant, if any."""

    code: str
    name: Text
    department: Text
    time_limit_days: int
    counter_visit: bool
    pages: tuple[Page, ...]
    materials: tuple[Material, ...]
    min_age: int | None = None

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field, in page order."""
        return tuple(f for page in self.pages for f in page.fields)

    def field(self, name: str) -> Field | None:
        """The field called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Catalog:
    version: str
    services: tuple[Service, ...]

    def get(self, code: str) -> Service:
        """The service with this code. :raises UnknownService: if there is none."""
        for service in self.services:
            if service.code == code:
                return service
        raise UnknownService(code)

    def __iter__(self) -> Iterator[Service]:
        return iter(self.services)


_CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PAGE = re.compile(r"[a-z][a-z0-9-]*")
_TOP_KEYS = {"version", "services"}
_SERVICE_KEYS = {"code", "name", "department", "time_limit_days", "counter_visit", "min_age",
                 "pages", "materials"}
_PAGE_KEYS = {"name", "title", "fields"}
_FIELD_KEYS = {"name", "label", "type", "required", "prefill", "choices", "help", "max_length"}
_CHOICE_KEYS = {"value", "label"}
_MATERIAL_KEYS = {"name", "form", "copies", "required"}


class _Reader:
    """Reads one catalogue file, remembering where it is so that errors can say so."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.service: str | None = None
        self.field: str | None = None

    def fail(self, problem: str) -> NoReturn:
        raise CatalogError(self.path, problem, service=self.service, field=self.field)

    def obj(self, value: object, what: str, keys: set[str],
            needed: tuple[str, ...]) -> Mapping[str, object]:
        if not isinstance(value, dict):
            self.fail(f"{what} must be a JSON object")
        unknown = sorted(set(value) - keys)
        if unknown:
            self.fail(f"{what} has unknown key(s) {', '.join(unknown)}")
        missing = [k for k in needed if k not in value]
        if missing:
            self.fail(f"{what} lacks {', '.join(missing)}")
        return cast(Mapping[str, object], value)

    def string(self, value: object, what: str, pattern: re.Pattern[str] | None = None) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{what} must be a non-empty string")
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(f"{what} {value!r} must match {pattern.pattern}")
        return value

    def text(self, value: object, what: str) -> Text:
        pair = self.obj(value, what, {"zh", "en"}, ("zh", "en"))
        return Text(self.string(pair["zh"], f"{what}.zh"), self.string(pair["en"], f"{what}.en"))

    def integer(self, value: object, what: str, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(f"{what} must be a whole number of at least {minimum}")
        return value

    def boolean(self, value: object, what: str) -> bool:
        if not isinstance(value, bool):
            self.fail(f"{what} must be true or false")
        return value

    def array(self, value: object, what: str) -> list[object]:
        if not isinstance(value, list) or not value:
            self.fail(f"{what} must be a non-empty list")
        return value

    # -- the structure ----------------------------------------------------------------------

    def catalog(self, data: object) -> Catalog:
        top = self.obj(data, "the catalogue", _TOP_KEYS, ("version", "services"))
        version = self.string(top["version"], "version")
        services: list[Service] = []
        for item in self.array(top["services"], "services"):
            service = self.service_entry(item)
            if any(s.code == service.code for s in services):
                self.fail("this service code appears twice")
            services.append(service)
        return Catalog(version, tuple(services))

    def service_entry(self, item: object) -> Service:
        self.service, self.field = None, None
        code = item.get("code") if isinstance(item, dict) else None
        self.service = code if isinstance(code, str) else "?"
        raw = self.obj(item, "the service", _SERVICE_KEYS,
                       ("code", "name", "department", "time_limit_days", "counter_visit",
                        "pages", "materials"))
        self.service = self.string(raw["code"], "code", _CODE)
        pages: list[Page] = []
        for page in self.array(raw["pages"], "pages"):
            pages.append(self.page_entry(page, pages))
        self.field = None
        min_age = raw.get("min_age")
        service = Service(
            code=self.service,
            name=self.text(raw["name"], "name"),
            department=self.text(raw["department"], "department"),
            time_limit_days=self.integer(raw["time_limit_days"], "time_limit_days", 1),
            counter_visit=self.boolean(raw["counter_visit"], "counter_visit"),
            pages=tuple(pages),
            materials=tuple(self.material(m, i)
                            for i, m in enumerate(self.array(raw["materials"], "materials"))),
            min_age=None if min_age is None else self.integer(min_age, "min_age", 1),
        )
        self.check_shared_fields(service)
        return service

    def page_entry(self, item: object, before: list[Page]) -> Page:
        self.field = None
        raw = self.obj(item, "a page", _PAGE_KEYS, ("name", "title", "fields"))
        name = self.string(raw["name"], "page name", _PAGE)
        if any(p.name == name for p in before):
            self.fail(f"page {name!r} appears twice")
        seen = {f.name for p in before for f in p.fields}
        title = self.text(raw["title"], f"page {name!r} title")
        fields: list[Field] = []
        for entry in self.array(raw["fields"], f"page {name!r} fields"):
            field = self.field_entry(entry)
            if field.name in seen or any(f.name == field.name for f in fields):
                self.fail("this field name is used twice in the service")
            fields.append(field)
        return Page(name, title, tuple(fields))

    def field_entry(self, item: object) -> Field:
        name = item.get("name") if isinstance(item, dict) else None
        self.field = name if isinstance(name, str) else "?"
        raw = self.obj(item, "the field", _FIELD_KEYS, ("name", "label", "type"))
        self.field = self.string(raw["name"], "name", _NAME)
        kind = raw["type"]
        if kind not in FIELD_TYPES:
            self.fail(f"type {kind!r} is not one of {', '.join(FIELD_TYPES)}")
        choices: tuple[Choice, ...] = ()
        if kind == "choice":
            choices = tuple(self.choice(c) for c in self.array(raw.get("choices"), "choices"))
            values = [c.value for c in choices]
            if len(values) < 2 or len(set(values)) != len(values):
                self.fail("choices need at least two different values")
        elif "choices" in raw:
            self.fail("only a field of type choice has choices")
        max_length = raw.get("max_length")
        if max_length is not None:
            if kind not in ("text", "textarea"):
                self.fail("only text and textarea fields take max_length")
            max_length = self.integer(max_length, "max_length", 1)
        prefill = raw.get("prefill")
        help_text = raw.get("help")
        return Field(
            name=self.field,
            label=self.text(raw["label"], "label"),
            type=cast(FieldType, kind),
            required=self.boolean(raw.get("required", True), "required"),
            prefill=None if prefill is None else self.string(prefill, "prefill"),
            choices=choices,
            help=None if help_text is None else self.text(help_text, "help"),
            max_length=max_length,
        )

    def choice(self, item: object) -> Choice:
        raw = self.obj(item, "a choice", _CHOICE_KEYS, ("value", "label"))
        value = self.string(raw["value"], "choice value")
        return Choice(value, self.text(raw["label"], f"choice {value!r} label"))

    def material(self, item: object, index: int) -> Material:
        what = f"material {index + 1}"
        raw = self.obj(item, what, _MATERIAL_KEYS, ("name", "form", "copies", "required"))
        form = raw["form"]
        if form not in MATERIAL_FORMS:
            self.fail(f"{what} form {form!r} is not one of {', '.join(MATERIAL_FORMS)}")
        return Material(
            name=self.text(raw["name"], f"{what} name"),
            form=cast(MaterialForm, form),
            copies=self.integer(raw["copies"], f"{what} copies", 1),
            required=self.boolean(raw["required"], f"{what} required"),
        )

    def check_shared_fields(self, service: Service) -> None:
        """The engine derives `gender` and `birth_date` from the ID: their shapes must fit."""
        expected = {"applicant_id_number": "id_number", "birth_date": "date", "gender": "choice"}
        for field in service.fields:
            self.field = field.name
            want = expected.get(field.name)
            if want is not None and field.type != want:
                self.fail(f"a shared field {field.name!r} must be of type {want}")
            if field.name == "gender" and {c.value for c in field.choices} != {"male", "female"}:
                self.fail("the gender field's choices must be exactly male and female")
        self.field = None
        if service.min_age is not None and service.field("applicant_id_number") is None:
            self.fail("min_age needs an applicant_id_number field to check the age against")


def read_catalog(path: Path) -> Catalog:
    """Read and check one catalogue file.

    :raises CatalogError: if the file cannot be read, is not JSON, or breaks a catalogue rule;
        the message names the file, service and field.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(path, f"cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise CatalogError(path, "is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise CatalogError(path, f"is not valid JSON: {exc}") from exc
    return _Reader(Path(path)).catalog(data)


@functools.lru_cache(maxsize=1)
def _shipped() -> Catalog:
    return read_catalog(DEFAULT_CATALOG)


def load_catalog(path: Path | None = None, *, cached: bool = True) -> Catalog:
    """The catalogue in `path`, or the shipped one (read once and kept) when `path` is None.

    `cached=False` reads the file again even for the shipped catalogue (for measuring it).

    :raises CatalogError: naming the file, service and field at fault.
    """
    if path is None or (cached and Path(path).resolve() == DEFAULT_CATALOG):
        return _shipped() if cached else read_catalog(DEFAULT_CATALOG)
    return read_catalog(Path(path))
