"""Every shipped service, and what the engine does with repeating groups, conditional questions
and derived answers."""

from __future__ import annotations

from datetime import date

import pytest

from forms.catalog import load_catalog
from forms.engine import validate_application
from forms.errors import ValidationFailed
from forms.idnumber import make_resident_id
from forms.samples import sample_application

TODAY = date(2026, 11, 22)
CATALOG = load_catalog()
CODES = [s.code for s in CATALOG.services]
MOTHER = make_resident_id("330106", date(1992, 4, 3), 128)
CHILD = make_resident_id("330106", date(2015, 9, 1), 33)

BIRTH_BUNDLE = {
    "applicant_name": "王芳", "applicant_id_number": MOTHER,
    "child_name": "张小宝", "child_gender": "male", "child_birth_date": "2026-11-02",
    "birth_certificate_number": "Q440012345", "birth_hospital": "浙江省妇幼保健院",
    "mother_name": "王芳", "mother_id_number": MOTHER,
    "follow": "mother", "address": "浙江省杭州市西湖区文三路90号5幢302室",
    "enrol_medical_insurance": "yes", "card_delivery": "counter", "phone": "13805711234",
}


@pytest.mark.parametrize("variant", [0, 1, 2])
@pytest.mark.parametrize("code", CODES)
def test_every_service_accepts_a_complete_sample(code: str, variant: int) -> None:
    service = CATALOG.get(code)
    clean = validate_application(service, sample_application(service, variant), today=TODAY)
    assert clean["applicant_id_number"]
    assert list(clean) == [f.name for f in service.fields if f.name in clean]


@pytest.mark.parametrize("code", CODES)
def test_every_service_refuses_an_empty_application_naming_each_field(code: str) -> None:
    service = CATALOG.get(code)
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service, {}, today=TODAY)
    errors = caught.value.errors
    required = [f.name for f in service.fields
                if f.required and f.visible_when is None and f.derive is None
                and (f.type != "group" or f.min_items > 0)]
    assert [e.field for e in errors] == required
    for error in errors:
        assert error.label.zh in error.message.zh, error
        assert error.message.en.startswith(("Enter", "Choose")), error


def test_the_birth_bundle_takes_one_form_for_four_matters() -> None:
    clean = validate_application(CATALOG.get("birth-bundle"), BIRTH_BUNDLE, today=TODAY)
    assert clean["gender"] == "female" and clean["birth_date"] == "1992-04-03"
    assert "mailing_address" not in clean


def test_a_hidden_question_is_dropped_and_a_shown_one_is_required() -> None:
    service = CATALOG.get("birth-bundle")
    hidden = dict(BIRTH_BUNDLE, mailing_address="浙江省杭州市西湖区文三路90号")
    assert "mailing_address" not in validate_application(service, hidden, today=TODAY)
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service, dict(BIRTH_BUNDLE, card_delivery="post"), today=TODAY)
    assert [e.field for e in caught.value.errors] == ["mailing_address"]
    assert "邮寄地址" in caught.value.errors[0].message.zh


def test_a_repeating_group_is_checked_entry_by_entry() -> None:
    service = CATALOG.get("minimum-living-guarantee")
    answers = sample_application(service)
    answers["family_members"] = [
        {"name": "李秀英", "id_number": CHILD, "relation": "child", "work_status": "student",
         "monthly_income": "0", "gender": "female"},
        {"name": "", "id_number": "  "},  # left empty: dropped
        {"name": "张 三", "id_number": CHILD[:17] + "0", "relation": "spouse",
         "work_status": "employed", "monthly_income": "3000"},
    ]
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service, answers, today=TODAY)
    bad = [(e.field, e.item, e.subfield) for e in caught.value.errors]
    assert bad == [("family_members", 1, "name"), ("family_members", 1, "id_number")]
    assert caught.value.errors[0].message.zh.startswith("第2位家庭成员的姓名")
    answers["family_members"] = answers["family_members"][:1]
    clean = validate_application(service, answers, today=TODAY)
    assert clean["family_members"][0]["gender"] == "male"  # from the ID, not what was sent


def test_a_group_holds_no_more_than_its_maximum() -> None:
    service = CATALOG.get("household-move-in")
    answers = sample_application(service)
    answers["moving_members"] = [{"name": "李秀英", "id_number": CHILD, "relation": "child"}] * 9
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service, answers, today=TODAY)
    assert caught.value.errors[0].field == "moving_members"
    assert "最多8位" in caught.value.errors[0].message.zh


def test_derived_age_comes_from_the_card_holders_id() -> None:
    service = CATALOG.get("social-security-card-application")
    answers = dict(sample_application(service), for_whom="child", holder_name="张小宝",
                   holder_id_number=CHILD, holder_age="40")
    clean = validate_application(service, answers, today=TODAY)
    assert clean["holder_age"] == "11"


def test_numbers_out_of_range_say_the_range() -> None:
    service = CATALOG.get("household-move-in")
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service, dict(sample_application(service), household_size="40"),
                             today=TODAY)
    assert "1到20" in caught.value.errors[0].message.zh


def test_a_legal_person_service_checks_the_credit_code() -> None:
    service = CATALOG.get("individual-business-change")
    answers = dict(sample_application(service), uscc="91350100m000100y43")
    assert validate_application(service, answers, today=TODAY)["uscc"] == "91350100M000100Y43"
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service, dict(answers, uscc="91350100M000100Y44"), today=TODAY)
    assert caught.value.errors[0].field == "uscc"
    assert "校验位" in caught.value.errors[0].message.zh


def test_cases_filled_against_the_older_catalogue_still_validate() -> None:
    old = CATALOG.get("social-security-card-replacement", version="2026.11.1")
    answers = {"applicant_name": "张伟", "applicant_id_number": MOTHER, "reason": "lost",
               "phone": "13805711234"}
    assert validate_application(old, answers, today=TODAY)
    with pytest.raises(ValidationFailed):  # the current form also asks how to get the card
        validate_application(CATALOG.get("social-security-card-replacement"), answers,
                             today=TODAY)
