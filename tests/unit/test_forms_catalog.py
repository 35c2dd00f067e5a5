"""The shipped service catalogue, and what an operator sees when a catalogue file is wrong."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import forms
from forms.catalog import DEFAULT_CATALOG, load_catalog
from forms.errors import CatalogError, UnknownService
from forms.regions import PROVINCES, province_of
from forms.text import Text


def _inline() -> dict[str, Any]:
    """The shipped catalogue as one self-contained file (services written in place)."""
    index = json.loads(DEFAULT_CATALOG.read_text(encoding="utf-8"))
    folder = DEFAULT_CATALOG.parent / "services"
    index["services"] = [json.loads((folder / f"{code}.json").read_text(encoding="utf-8"))
                         for code in index["services"]]
    del index["archive"]
    return index


SHIPPED: dict[str, Any] = _inline()


def test_the_catalogue_ships_inside_the_forms_package() -> None:
    assert DEFAULT_CATALOG.is_relative_to(Path(forms.__file__).parent)
    assert load_catalog() is load_catalog()  # read once
    assert load_catalog(DEFAULT_CATALOG, cached=False) == load_catalog()


def test_a_dated_version_and_the_services_the_issue_asks_for() -> None:
    catalog = load_catalog()
    assert catalog.version == "2026.12.1"
    codes = [s.code for s in catalog.services]
    assert len(codes) >= 12
    for code in ("residence-certificate", "household-move-in", "social-security-card-replacement",
                 "medical-insurance-enrolment", "elderly-allowance", "disability-living-subsidy",
                 "minimum-living-guarantee", "individual-business-change", "birth-bundle"):
        assert code in codes
    assert {s.audience for s in catalog} == {"individual", "legal-person"}
    assert catalog.versions == ("2026.12.1", "2026.11.1")


def test_every_service_has_a_complete_guide() -> None:
    catalog = load_catalog()
    for service in catalog:
        assert service.conditions and service.legal_basis and service.steps, service.code
        assert service.fee is not None and catalog.category(service.category) is not None
        for material in service.materials:
            assert material.issuer is not None, (service.code, material.id)
            assert material.requirement in ("required", "optional", "commitment")
        if service.counter_visit:
            assert service.counter_note is not None or service.code == "minimum-living-guarantee"


def test_the_birth_bundle_files_four_matters_behind_one_form() -> None:
    catalog = load_catalog()
    bundle = catalog.get("birth-bundle")
    assert bundle.is_bundle and bundle.includes == (
        "birth-medical-certificate", "newborn-household-registration",
        "medical-insurance-enrolment", "social-security-card-application")
    for code in bundle.includes:
        assert catalog.get(code).name.zh
    ids = [m.id for m in bundle.materials]
    assert len(ids) == len(set(ids))  # one set of materials, nothing asked twice


def test_an_older_catalogue_version_stays_loadable() -> None:
    catalog = load_catalog()
    old = catalog.get("social-security-card-replacement", version="2026.11.1")
    new = catalog.get("social-security-card-replacement")
    assert old.field("delivery") is None and new.field("delivery") is not None
    assert catalog.get("residence-certificate", version="1999.1.1") == catalog.get(
        "residence-certificate")


def test_the_residence_certificate_asks_one_thing_per_page() -> None:
    service = load_catalog().get("residence-certificate")
    assert service.name == Text("居住证明", "Certificate of residence")
    assert "街道办事处" in service.department.zh
    assert (service.time_limit_days, service.counter_visit) == (3, False)
    assert [(p.name, p.title.zh) for p in service.pages] == [
        ("applicant", "申请人信息"), ("address", "居住地址"), ("contact", "联系电话"),
        ("purpose", "证明用途")]
    assert [f.name for f in service.fields] == [
        "applicant_name", "applicant_id_number", "gender", "birth_date", "address",
        "residence_since", "phone", "purpose", "purpose_note"]
    prefills = {f.name: f.prefill for f in service.fields if f.prefill}
    assert prefills == {"applicant_name": "name", "applicant_id_number": "id_number",
                        "gender": "gender", "birth_date": "birth_date", "address": "address",
                        "phone": "phone"}
    purpose = service.field("purpose")
    assert purpose is not None
    assert [(c.value, c.label.zh) for c in purpose.choices] == [
        ("school", "子女入学"), ("social-security", "社保办理"), ("employment", "就业"),
        ("housing", "住房"), ("other", "其他")]
    note = service.field("purpose_note")
    assert note is not None and (note.required, note.max_length) == (True, 200)
    assert note.visible_when is not None and note.visible_when.values == ("other",)
    assert [(m.name.zh, m.form, m.copies, m.requirement) for m in service.materials] == [
        ("居民身份证", "original", 1, "required"), ("户口簿", "copy", 1, "optional"),
        ("房屋租赁合同或产权证明", "copy", 1, "commitment")]


def test_the_other_services_have_their_own_questions() -> None:
    catalog = load_catalog()
    card = catalog.get("social-security-card-replacement")
    reason = card.field("reason")
    assert reason is not None and [c.value for c in reason.choices] == [
        "lost", "damaged", "info-change"]
    mailing = card.field("mailing_address")
    assert mailing is not None and mailing.visible_when is not None
    elderly = catalog.get("elderly-allowance")
    assert elderly.min_age == 80
    bank = elderly.field("bank_card_number")
    assert bank is not None and bank.type == "bank_card"
    members = catalog.get("minimum-living-guarantee").field("family_members")
    assert members is not None and members.type == "group"
    assert [f.name for f in members.fields] == [
        "name", "id_number", "gender", "relation", "work_status", "monthly_income"]
    gender = members.field("gender")
    assert gender is not None and gender.derive is not None
    assert (gender.derive.source, gender.derive.part) == ("id_number", "gender")


def test_every_text_a_citizen_reads_exists_in_both_languages() -> None:
    for service in load_catalog().services:
        texts = [service.name, service.department, *(p.title for p in service.pages),
                 *(m.name for m in service.materials), *service.conditions,
                 *service.legal_basis, *service.steps]
        for field in [*service.fields, *(s for f in service.fields for s in f.fields)]:
            texts += [field.label, *(c.label for c in field.choices)]
            texts += [field.help] if field.help else []
        for text in texts:
            assert text.zh.strip() and text.en.strip(), (service.code, text)
            assert text.get("zh") == text.zh and text.get("en") == text.en
            assert text.get("fr") == text.zh


def test_an_unknown_service_is_a_key_error_naming_the_code() -> None:
    with pytest.raises(UnknownService) as caught:
        load_catalog().get("dog-licence")
    assert isinstance(caught.value, KeyError)
    assert caught.value.code == "dog-licence"
    assert "dog-licence" in str(caught.value) and "dog-licence" in caught.value.message.zh


def test_provinces_cover_all_34_provincial_divisions() -> None:
    assert len(PROVINCES) == 34
    assert PROVINCES["11"].zh == "北京市" and PROVINCES["65"].zh == "新疆维吾尔自治区"
    assert [PROVINCES[c].zh for c in ("71", "81", "82")] == [
        "台湾省", "香港特别行政区", "澳门特别行政区"]
    assert province_of("330106") == Text("浙江省", "Zhejiang")
    assert province_of("990000") is None and province_of("3") is None


# -- malformed catalogues -----------------------------------------------------------------

def _field(data: dict[str, Any], service: int, page: int, field: int) -> dict[str, Any]:
    found: dict[str, Any] = data["services"][service]["pages"][page]["fields"][field]
    return found


def _set_type(data: dict[str, Any]) -> None:
    _field(data, 0, 2, 0)["type"] = "number"  # residence-certificate / phone


def _drop_english_label(data: dict[str, Any]) -> None:
    del _field(data, 0, 2, 0)["label"]["en"]


def _misspell_a_key(data: dict[str, Any]) -> None:
    _field(data, 0, 2, 0)["requird"] = True


def _choice_without_choices(data: dict[str, Any]) -> None:
    del _field(data, 0, 2, 0)["help"]
    _field(data, 0, 2, 0)["type"] = "choice"


def _negative_length(data: dict[str, Any]) -> None:
    _field(data, 0, 2, 0)["type"] = "text"
    _field(data, 0, 2, 0)["max_length"] = -1


def _duplicate_field(data: dict[str, Any]) -> None:
    data["services"][0]["pages"][3]["fields"].append({"name": "phone", "label": {
        "zh": "电话", "en": "Phone"}, "type": "text"})


def _condition_on_a_later_field(data: dict[str, Any]) -> None:
    _field(data, 0, 2, 0)["visible_when"] = {"field": "purpose", "in": ["other"]}


def _derived_from_nothing(data: dict[str, Any]) -> None:
    _field(data, 0, 2, 0)["derive"] = {"from": "mother_id_number", "part": "age"}


@pytest.mark.parametrize(
    "breakage",
    [_set_type, _drop_english_label, _misspell_a_key, _choice_without_choices, _negative_length,
     _duplicate_field, _condition_on_a_later_field, _derived_from_nothing],
)
def test_a_malformed_field_names_file_service_and_field(
        tmp_path: Path, breakage: Callable[[dict[str, Any]], None]) -> None:
    data = copy.deepcopy(SHIPPED)
    breakage(data)
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert str(path) in message
    assert "'residence-certificate'" in message
    assert "'phone'" in message
    assert (caught.value.service, caught.value.field) == ("residence-certificate", "phone")


def test_a_malformed_service_names_file_and_service(tmp_path: Path) -> None:
    data = copy.deepcopy(SHIPPED)
    data["services"][2]["time_limit_days"] = "fifteen"
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogError, match="elderly-allowance.*time_limit_days"):
        load_catalog(path)


def test_a_shared_field_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(SHIPPED)
    _field(data, 1, 0, 2)["choices"][0]["value"] = "man"
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogError, match="social-security-card-replacement.*'gender'"):
        load_catalog(path)


@pytest.mark.parametrize("content", ["{not json", "", '{"version": "1"}'])
def test_a_file_that_is_not_a_catalogue_names_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError, match="broken.json"):
        load_catalog(path)


def test_a_broken_service_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "catalog.json").write_text(json.dumps(
        {"version": "1", "services": ["residence-certificate"]}), encoding="utf-8")
    service = copy.deepcopy(SHIPPED["services"][0])
    service["materials"][0]["form"] = "fax"
    (tmp_path / "services" / "residence-certificate.json").write_text(
        json.dumps(service), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path / "catalog.json")
    assert "services/residence-certificate.json" in str(caught.value)
    assert "'residence-certificate'" in str(caught.value) and "fax" in str(caught.value)


def test_a_bundle_of_unknown_services_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(SHIPPED)
    data["services"][-1]["includes"].append("dog-licence")
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogError, match="birth-bundle.*dog-licence"):
        load_catalog(path)


def test_a_missing_file_is_a_catalogue_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="absent.json"):
        load_catalog(tmp_path / "absent.json")
