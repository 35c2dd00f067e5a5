"""`servicehall catalog …` and `servicehall check …`: the service catalogue and the number rules
from the command line.

`catalog list` / `catalog show` read the guide an applicant sees; `catalog check` lets an
operator validate catalogue files before publishing them (exit 1 naming the file, service and
field at fault, or a form that cannot be completed). `check id` and `check uscc` say whether a
resident ID or a unified social credit code is valid and what its parts mean.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cliutil import UserError, print_help, print_json

AddCommand = Callable[..., argparse.ArgumentParser]


def _text(value: Any) -> dict[str, str]:
    return {"zh": value.zh, "en": value.en}


def _summary(service: Any) -> dict[str, Any]:
    return {"code": service.code, "name": _text(service.name), "category": service.category,
            "audience": service.audience, "department": _text(service.department),
            "time_limit_days": service.time_limit_days, "counter_visit": service.counter_visit,
            "bundle_of": list(service.includes)}


def _guide(service: Any) -> dict[str, Any]:
    def field(f: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"name": f.name, "label": _text(f.label), "type": f.type,
                               "required": f.required}
        if f.choices:
            out["choices"] = [c.value for c in f.choices]
        if f.visible_when is not None:
            out["visible_when"] = {"field": f.visible_when.field,
                                   "in": list(f.visible_when.values)}
        if f.derive is not None:
            out["derived_from"] = f"{f.derive.source}:{f.derive.part}"
        if f.fields:
            out["fields"] = [field(s) for s in f.fields]
        return out

    return {
        **_summary(service),
        "version": service.version,
        "conditions": [_text(t) for t in service.conditions],
        "legal_basis": [_text(t) for t in service.legal_basis],
        "steps": [_text(t) for t in service.steps],
        "fee": None if service.fee is None else {"yuan": service.fee.yuan,
                                                 "text": _text(service.fee.text)},
        "counter_note": None if service.counter_note is None else _text(service.counter_note),
        "materials": [{"id": m.id, "name": _text(m.name), "form": m.form, "copies": m.copies,
                       "requirement": m.requirement, "e_licence": m.e_licence,
                       "issuer": None if m.issuer is None else _text(m.issuer),
                       "commitment_days": m.commitment_days,
                       "when": None if m.when is None else {"field": m.when.field,
                                                            "in": list(m.when.values)}}
                      for m in service.materials],
        "pages": [{"name": p.name, "title": _text(p.title), "fields": [field(f) for f in p.fields]}
                  for p in service.pages],
    }


def cmd_catalog_list(args: argparse.Namespace) -> int:
    from forms.catalog import load_catalog

    catalog = load_catalog()
    if args.json:
        print_json({"version": catalog.version, "services": [_summary(s) for s in catalog]})
        return 0
    print(f"catalogue {catalog.version}: {len(catalog.services)} services")
    for s in catalog:
        kind = "一件事 bundle" if s.is_bundle else s.audience
        print(f"  {s.code:40} {s.name.zh}  ({s.name.en}; {kind}; "
              f"{s.time_limit_days} working day{'s' if s.time_limit_days != 1 else ''})")
    return 0


def cmd_catalog_show(args: argparse.Namespace) -> int:
    from forms.catalog import load_catalog
    from forms.errors import UnknownService

    catalog = load_catalog()
    try:
        service = catalog.get(args.code)
    except UnknownService as exc:
        codes = ", ".join(s.code for s in catalog)
        raise UserError(f"{exc}; known services: {codes}", 1) from exc
    print_json(_guide(service))
    return 0


def cmd_catalog_check(args: argparse.Namespace) -> int:
    from forms.catalog import read_catalog
    from forms.engine import validate_application
    from forms.errors import CatalogError, ValidationFailed
    from forms.samples import sample_application

    path: Path = args.path
    if path.is_dir():
        path = path / "catalog.json"
    try:
        catalog = read_catalog(path)
    except CatalogError as exc:
        raise UserError(f"catalogue check failed: {exc}", 1) from exc
    problems: list[str] = []
    for service in catalog:
        try:
            validate_application(service, sample_application(service))
        except ValidationFailed as exc:
            problems.append(f"{path}, service {service.code!r}: a complete sample application "
                            f"is refused ({exc}); check the form's rules")
    for line in problems:
        print(line)
    if problems:
        return 1
    print(f"{path}: catalogue {catalog.version} is valid: {len(catalog.services)} services, "
          f"{len(catalog.archive)} archived version(s)")
    return 0


def cmd_check_id(args: argparse.Namespace) -> int:
    from forms.errors import InvalidValue
    from forms.idnumber import parse_resident_id

    try:
        rid = parse_resident_id(args.value)
    except InvalidValue as exc:
        raise UserError(f"invalid ID number: {exc.message.en} / {exc.message.zh}", 1) from exc
    from datetime import date

    region = rid.region or rid.province
    print_json({"valid": True, "number": rid.number, "region_code": rid.region_code,
                "region": _text(region), "province": _text(rid.province),
                "birth_date": rid.birth_date.isoformat(), "age": rid.age(date.today()),
                "gender": rid.gender, "sequence": rid.sequence,
                "check_character": rid.number[-1]})
    return 0


def cmd_check_uscc(args: argparse.Namespace) -> int:
    from forms.errors import InvalidValue
    from forms.uscc import parse_uscc

    try:
        code = parse_uscc(args.value)
    except InvalidValue as exc:
        raise UserError(f"invalid credit code: {exc.message.en} / {exc.message.zh}", 1) from exc
    print_json({"valid": True, "code": code.code, "registering_authority": _text(code.authority),
                "entity_type": _text(code.entity_type), "region_code": code.region_code,
                "region": None if code.region is None else _text(code.region),
                "organisation_code": code.organisation_code, "check_character": code.code[-1]})
    return 0


def add_commands(sub: Any, add: AddCommand) -> None:
    """Add `catalog` and `check` to the `servicehall` parser."""
    catalog = add(sub, "catalog", lambda a: print_help(catalog),
                  "the service catalogue: list, show and check it",
                  "servicehall catalog list")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", metavar="ACTION")
    p = add(catalog_sub, "list", cmd_catalog_list, "list the services the kiosk offers",
            "servicehall catalog list --json")
    p.add_argument("--json", action="store_true", help="as JSON")
    p = add(catalog_sub, "show", cmd_catalog_show,
            "show one service's guide, materials and form as JSON",
            "servicehall catalog show residence-certificate")
    p.add_argument("code", help="the service code (see catalog list)")
    p = add(catalog_sub, "check", cmd_catalog_check,
            "validate catalogue files before publishing; exit 1 naming what is wrong",
            "servicehall catalog check forms/data/catalog.json")
    p.add_argument("path", type=Path, help="a catalogue index file, or the folder holding it")

    check = add(sub, "check", lambda a: print_help(check),
                "check a resident ID or credit code and show its parts",
                "servicehall check id 11010519491231002X")
    check_sub = check.add_subparsers(dest="check_command", metavar="KIND")
    p = add(check_sub, "id", cmd_check_id,
            "check a resident ID number (GB 11643); exit 1 with the reason if invalid",
            "servicehall check id 11010519491231002X")
    p.add_argument("value", help="the 18-digit (or old 15-digit) ID number")
    p = add(check_sub, "uscc", cmd_check_uscc,
            "check a unified social credit code (GB 32100); exit 1 with the reason if invalid",
            "servicehall check uscc 91350100M000100Y43")
    p.add_argument("value", help="the 18-character code")

