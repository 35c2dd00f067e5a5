"""Strict reading of catalogue files into `forms.catalog` values.

A catalogue index names its version, categories and services; a service is either written in
place or named by code and read from `services/<code>.json` beside the index. Every rule broken
(an unknown key, a missing translation, a field of an unknown type, a condition on a field not
asked before, a bundle of unknown services) stops reading with a `CatalogError` that names the
file, the service and the field, for the operator who publishes catalogues.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import cast

from forms.catalog import (
    AUDIENCES,
    DERIVED_PARTS,
    FIELD_TYPES,
    MATERIAL_FORMS,
    REQUIREMENTS,
    Audience,
    Catalog,
    Choice,
    Condition,
    Derivation,
    DerivedPart,
    Fee,
    Field,
    FieldType,
    Material,
    MaterialForm,
    Page,
    Requirement,
    Service,
)
from forms.catalog_json import JsonReader
from forms.text import Text

_CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PAGE = re.compile(r"[a-z][a-z0-9-]*")
_TOP_KEYS = {"version", "services", "categories", "archive"}
_SERVICE_KEYS = {"code", "version", "name", "department", "category", "audience", "conditions",
                 "legal_basis", "steps", "fee", "time_limit_days", "counter_visit",
                 "counter_note", "min_age", "includes", "keywords", "pages", "materials"}
_PAGE_KEYS = {"name", "title", "fields"}
_FIELD_KEYS = {"name", "label", "type", "required", "prefill", "choices", "help", "max_length",
               "visible_when", "derive", "fields", "min_items", "max_items", "item_label",
               "minimum", "maximum"}
_CHOICE_KEYS = {"value", "label"}
_MATERIAL_KEYS = {"id", "name", "form", "copies", "required", "requirement", "issuer",
                  "e_licence", "note", "when", "commitment_days"}
_DERIVED_TYPES = {"gender": "choice", "birth_date": "date", "age": "integer", "region": "text"}
#: Fields the engine fills from the applicant's ID number when a service asks for them.
IMPLIED_DERIVED = ("gender", "birth_date")
ID_FIELD = "applicant_id_number"


def _canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _Reader(JsonReader):
    """Reads one catalogue file into `forms.catalog` values."""

    # -- the structure ----------------------------------------------------------------------

    def catalog(self, data: object) -> Catalog:
        top = self.obj(data, "the catalogue", _TOP_KEYS, ("version", "services"))
        version = self.string(top["version"], "version")
        categories: list[tuple[str, Text]] = []
        raw_categories = top.get("categories", {})
        if not isinstance(raw_categories, dict):
            self.fail("categories must be an object of codes to names")
        for code, label in raw_categories.items():
            categories.append((self.string(code, "category code", _CODE),
                               self.text(label, f"category {code!r}")))
        known_categories = {c for c, _ in categories}
        services: list[Service] = []
        for item in self.array(top["services"], "services"):
            if isinstance(item, str):
                code = self.string(item, "service code", _CODE)
                reader = _Reader(self.path.parent / "services" / f"{code}.json")
                service = reader.service_entry(reader.load(), version, known_categories)
                if service.code != code:
                    reader.fail(f"the file is named for {code!r} but holds {service.code!r}")
            else:
                service = self.service_entry(item, version, known_categories)
            if any(s.code == service.code for s in services):
                self.service = service.code
                self.fail("this service code appears twice")
            services.append(service)
        codes = {s.code for s in services}
        for service in services:
            self.service, self.field = service.code, None
            unknown = [c for c in service.includes if c not in codes or c == service.code]
            if unknown:
                self.fail(f"the bundle includes unknown service(s) {', '.join(unknown)}")
        self.service = None
        archive: list[Catalog] = []
        for entry in top.get("archive", []) or []:  # type: ignore[union-attr]
            older = _Reader(self.path.parent / self.string(entry, "archive entry")).catalog_file()
            archive.append(older)
        return Catalog(version, tuple(services), tuple(categories), tuple(archive))

    def load(self) -> object:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except OSError as exc:
            self.fail(f"cannot be read ({exc.strerror or exc})")
        except UnicodeDecodeError:
            self.fail("is not UTF-8 text")
        except json.JSONDecodeError as exc:
            self.fail(f"is not valid JSON: {exc}")

    def catalog_file(self) -> Catalog:
        return self.catalog(self.load())

    def service_entry(self, item: object, catalog_version: str,
                      categories: set[str]) -> Service:
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
        category = raw.get("category")
        if category is not None and categories and category not in categories:
            self.fail(f"category {category!r} is not one of the catalogue's categories")
        fee = raw.get("fee")
        fee_value: Fee | None = None
        if fee is not None:
            fee_raw = self.obj(fee, "fee", {"yuan", "text"}, ("yuan", "text"))
            fee_value = Fee(self.integer(fee_raw["yuan"], "fee.yuan", 0),
                            self.text(fee_raw["text"], "fee.text"))
        includes = tuple(self.string(c, "includes entry", _CODE)
                         for c in (raw.get("includes") or []))  # type: ignore[union-attr]
        all_fields = [f for page in pages for f in page.fields]
        materials = tuple(self.material(m, i, all_fields)
                          for i, m in enumerate(self.array(raw["materials"], "materials")))
        ids = [m.id for m in materials]
        if len(set(ids)) != len(ids):
            self.fail("two materials share an id")
        service = Service(
            code=self.service,
            name=self.text(raw["name"], "name"),
            department=self.text(raw["department"], "department"),
            time_limit_days=self.integer(raw["time_limit_days"], "time_limit_days", 1),
            counter_visit=self.boolean(raw["counter_visit"], "counter_visit"),
            pages=tuple(pages),
            materials=materials,
            min_age=self.optional_integer(raw.get("min_age"), "min_age", 1),
            version=self.string(raw.get("version", catalog_version), "version"),
            category=self.string(category, "category", _CODE) if category else "",
            audience=cast(Audience, self.one_of(raw.get("audience", "individual"), "audience",
                                                AUDIENCES)),
            conditions=self.texts(raw.get("conditions"), "conditions"),
            legal_basis=self.texts(raw.get("legal_basis"), "legal_basis"),
            steps=self.texts(raw.get("steps"), "steps"),
            fee=fee_value,
            counter_note=self.optional_text(raw.get("counter_note"), "counter_note"),
            includes=includes,
            keywords=tuple(self.string(k, "keyword")
                           for k in (raw.get("keywords") or [])),  # type: ignore[union-attr]
            definition=_canonical(item),
        )
        self.check_shared_fields(service)
        return service

    def page_entry(self, item: object, before: list[Page]) -> Page:
        self.field = None
        raw = self.obj(item, "a page", _PAGE_KEYS, ("name", "title", "fields"))
        name = self.string(raw["name"], "page name", _PAGE)
        if any(p.name == name for p in before):
            self.fail(f"page {name!r} appears twice")
        earlier = [f for p in before for f in p.fields]
        title = self.text(raw["title"], f"page {name!r} title")
        fields: list[Field] = []
        for entry in self.array(raw["fields"], f"page {name!r} fields"):
            field = self.field_entry(entry, earlier + fields, in_group=False)
            if any(f.name == field.name for f in earlier + fields):
                self.fail("this field name is used twice in the service")
            fields.append(field)
        return Page(name, title, tuple(fields))

    def field_entry(self, item: object, earlier: list[Field], *, in_group: bool) -> Field:
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
            if kind not in ("text", "textarea", "address"):
                self.fail("only text, textarea and address fields take max_length")
            max_length = self.integer(max_length, "max_length", 1)
        for key in ("minimum", "maximum"):
            if key in raw and kind != "integer":
                self.fail(f"only an integer field takes {key}")
        group_keys = {"fields", "min_items", "max_items", "item_label"} & set(raw)
        sub_fields: tuple[Field, ...] = ()
        if kind == "group":
            if in_group:
                self.fail("a group cannot hold another group")
            group_name = self.field
            subs: list[Field] = []
            for entry in self.array(raw.get("fields"), "group fields"):
                sub = self.field_entry(entry, subs, in_group=True)
                if any(f.name == sub.name for f in subs):
                    self.fail("this field name is used twice in the group")
                subs.append(sub)
            self.field = group_name
            sub_fields = tuple(subs)
        elif group_keys:
            self.fail(f"only a group field takes {', '.join(sorted(group_keys))}")
        prefill = raw.get("prefill")
        help_text = raw.get("help")
        min_items = self.integer(raw.get("min_items", 0), "min_items", 0)
        max_items = self.optional_integer(raw.get("max_items"), "max_items", 1)
        if max_items is not None and max_items < min_items:
            self.fail("max_items must not be below min_items")
        visible = self.condition(raw.get("visible_when"), earlier, "visible_when")
        field = Field(
            name=self.field,
            label=self.text(raw["label"], "label"),
            type=cast(FieldType, kind),
            required=self.boolean(raw.get("required", True), "required"),
            prefill=None if prefill is None else self.string(prefill, "prefill"),
            choices=choices,
            help=None if help_text is None else self.text(help_text, "help"),
            max_length=max_length,
            visible_when=visible,
            derive=self.derivation(raw.get("derive"), kind, earlier),
            fields=sub_fields,
            min_items=min_items,
            max_items=max_items,
            item_label=self.optional_text(raw.get("item_label"), "item_label"),
            minimum=self.optional_integer(raw.get("minimum"), "minimum", 0),
            maximum=self.optional_integer(raw.get("maximum"), "maximum", 0),
        )
        if not in_group and field.derive is None and field.name in IMPLIED_DERIVED and any(
                f.name == ID_FIELD for f in earlier):
            field = _with_derivation(field, Derivation(ID_FIELD, cast(DerivedPart, field.name)))
        return field

    def condition(self, value: object, earlier: list[Field], what: str) -> Condition | None:
        if value is None:
            return None
        raw = self.obj(value, what, {"field", "in", "equals"}, ("field",))
        target = self.string(raw["field"], f"{what}.field", _NAME)
        controller = next((f for f in earlier if f.name == target), None)
        if controller is None or controller.type != "choice":
            self.fail(f"{what} must name a choice field asked before this one, not {target!r}")
        if ("in" in raw) == ("equals" in raw):
            self.fail(f"{what} needs exactly one of in or equals")
        values = raw["in"] if "in" in raw else [raw["equals"]]
        values = [self.string(v, f"{what} value") for v in self.array(values, f"{what}.in")]
        choices = {c.value for c in controller.choices}
        wrong = [v for v in values if v not in choices]
        if wrong:
            self.fail(f"{what} value(s) {', '.join(wrong)} are not choices of {target!r}")
        return Condition(target, tuple(values))

    def derivation(self, value: object, kind: object, earlier: list[Field]) -> Derivation | None:
        if value is None:
            return None
        raw = self.obj(value, "derive", {"from", "part"}, ("from", "part"))
        part = self.one_of(raw["part"], "derive.part", DERIVED_PARTS)
        source = self.string(raw["from"], "derive.from", _NAME)
        if not any(f.name == source and f.type == "id_number" for f in earlier):
            self.fail(f"derive.from must name an ID number field asked before, not {source!r}")
        if kind != _DERIVED_TYPES[part]:
            self.fail(f"a field derived as {part} must be of type {_DERIVED_TYPES[part]}")
        return Derivation(source, cast(DerivedPart, part))

    def choice(self, item: object) -> Choice:
        raw = self.obj(item, "a choice", _CHOICE_KEYS, ("value", "label"))
        value = self.string(raw["value"], "choice value")
        return Choice(value, self.text(raw["label"], f"choice {value!r} label"))

    def material(self, item: object, index: int, fields: list[Field]) -> Material:
        self.field = None
        what = f"material {index + 1}"
        raw = self.obj(item, what, _MATERIAL_KEYS, ("name", "form", "copies"))
        if ("required" in raw) == ("requirement" in raw):
            self.fail(f"{what} needs exactly one of required (true/false) or requirement")
        if "required" in raw:
            requirement = "required" if self.boolean(raw["required"], f"{what} required") \
                else "optional"
        else:
            requirement = self.one_of(raw["requirement"], f"{what} requirement", REQUIREMENTS)
        days = self.optional_integer(raw.get("commitment_days"), f"{what} commitment_days", 1)
        if (requirement == "commitment") != (days is not None):
            self.fail(f"{what}: a material accepted on commitment (and only such a material) "
                      "needs commitment_days")
        material_id = raw.get("id")
        return Material(
            name=self.text(raw["name"], f"{what} name"),
            form=cast(MaterialForm, self.one_of(raw["form"], f"{what} form", MATERIAL_FORMS)),
            copies=self.integer(raw["copies"], f"{what} copies", 1),
            required=requirement == "required",
            id=self.string(material_id, f"{what} id", _CODE) if material_id is not None
            else f"material-{index + 1}",
            issuer=self.optional_text(raw.get("issuer"), f"{what} issuer"),
            requirement=cast(Requirement, requirement),
            e_licence=None if raw.get("e_licence") is None
            else self.string(raw["e_licence"], f"{what} e_licence", _CODE),
            note=self.optional_text(raw.get("note"), f"{what} note"),
            when=self.condition(raw.get("when"), fields, f"{what} when"),
            commitment_days=days,
        )

    def check_shared_fields(self, service: Service) -> None:
        """The engine derives `gender` and `birth_date` from the ID: their shapes must fit."""
        expected = {ID_FIELD: "id_number", "birth_date": "date", "gender": "choice"}
        for field in service.fields:
            self.field = field.name
            want = expected.get(field.name)
            if want is not None and field.type != want:
                self.fail(f"a shared field {field.name!r} must be of type {want}")
            for f in (field, *field.fields):
                if ((f.name == "gender" or (f.derive and f.derive.part == "gender"))
                        and {c.value for c in f.choices} != {"male", "female"}):
                    self.fail("the gender field's choices must be exactly male and female")
        self.field = None
        if service.min_age is not None and service.field(ID_FIELD) is None:
            self.fail("min_age needs an applicant_id_number field to check the age against")


def _with_derivation(field: Field, derive: Derivation) -> Field:
    return replace(field, derive=derive)


def read_catalog_file(path: Path) -> Catalog:
    """Read a catalogue index (or a single-file catalogue) and the service files it names.

    :raises CatalogError: naming the file, service and field at fault.
    """
    return _Reader(path).catalog_file()


def read_service_definition(definition: str, *, catalog_version: str,
                            origin: str = "a saved draft") -> Service:
    """A service from its canonical JSON (as a draft carries it), from `catalog_version`.

    :raises CatalogError: if the definition is not a valid service.
    """
    reader = _Reader(Path(origin))
    try:
        data = json.loads(definition)
    except json.JSONDecodeError as exc:
        reader.fail(f"the service definition is not valid JSON: {exc}")
    return reader.service_entry(data, catalog_version, set())
