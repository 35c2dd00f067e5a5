"""Validating applications: what a citizen is told, and what the case store receives."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.catalog import Service, load_catalog
from forms.engine import Prefilled, derive_from_id, prefill, validate_application
from forms.errors import FieldError, ValidationFailed
from forms.idnumber import make_resident_id

TODAY = date(2026, 11, 22)
ZHANG_WEI = make_resident_id("330106", date(1985, 3, 12), 231)  # male, 41
LI_XIUYING = make_resident_id("330106", date(1941, 7, 8), 124)  # female, 85

SAMPLES: dict[str, dict[str, str]] = {
    "residence-certificate": {
        "applicant_name": "张伟", "applicant_id_number": ZHANG_WEI,
        "address": "浙江省杭州市西湖区文三路90号5幢302室", "residence_since": "2019-06-01",
        "phone": "13805711234", "purpose": "school",
    },
    "social-security-card-replacement": {
        "applicant_name": "张伟", "applicant_id_number": ZHANG_WEI, "reason": "lost",
        "phone": "13805711234", "delivery": "post",
        "mailing_address": "浙江省杭州市西湖区文三路90号5幢302室",
    },
    "elderly-allowance": {
        "applicant_name": "李秀英", "applicant_id_number": LI_XIUYING,
        "address": "浙江省杭州市西湖区翠苑一区12幢1单元101室", "bank_name": "中国农业银行",
        "bank_card_number": "6228480402564890018", "applied_by": "self",
        "phone": "13905712345",
    },
}
#: What a citizen must type on an empty form (gender and birth date follow from the ID number).
MUST_TYPE = {
    "residence-certificate": ["applicant_name", "applicant_id_number", "address",
                              "residence_since", "phone", "purpose"],
    "social-security-card-replacement": ["applicant_name", "applicant_id_number", "reason",
                                         "phone", "delivery"],
    "elderly-allowance": ["applicant_name", "applicant_id_number", "address", "bank_name",
                          "bank_card_number", "applied_by", "phone"],
}


def service(code: str = "residence-certificate") -> Service:
    return load_catalog().get(code)


def errors_of(code: str, answers: Mapping[str, object], today: date = TODAY) -> list[FieldError]:
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service(code), answers, today=today)
    return list(caught.value.errors)


def only_error(code: str, answers: Mapping[str, object], today: date = TODAY) -> FieldError:
    errors = errors_of(code, answers, today)
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_a_complete_application_is_accepted_for_every_service(code: str) -> None:
    clean = validate_application(service(code), SAMPLES[code], today=TODAY)
    assert {k: v for k, v in clean.items() if k in SAMPLES[code]} == SAMPLES[code]
    assert list(clean) == [f.name for f in service(code).fields if f.name in clean]


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_an_empty_application_names_each_required_field(code: str) -> None:
    errors = errors_of(code, {})
    assert [e.field for e in errors] == MUST_TYPE[code]
    for error in errors:
        assert error.label.zh in error.message.zh, error
        assert error.message.en.startswith(("Enter", "Choose")), error


def test_the_missing_address_says_what_to_enter() -> None:
    answers = dict(SAMPLES["residence-certificate"], address="  \n ")
    error = only_error("residence-certificate", answers)
    assert (error.field, error.message.zh, error.message.en) == (
        "address", "请填写现居住地址", "Enter current address")


def test_answers_are_trimmed_and_gender_and_birth_date_come_from_the_id() -> None:
    answers = dict(SAMPLES["residence-certificate"], applicant_name="  张伟 ",
                   applicant_id_number=f" {LI_XIUYING.lower()} ", gender="male",
                   birth_date="1999-01-01", phone="138-0571 1234")
    clean = validate_application(service(), answers, today=TODAY)
    assert clean["applicant_name"] == "张伟"
    assert clean["applicant_id_number"] == LI_XIUYING
    assert (clean["gender"], clean["birth_date"]) == ("female", "1941-07-08")
    assert clean["phone"] == "13805711234"


def test_a_first_generation_id_is_stored_in_its_18_character_form() -> None:
    answers = dict(SAMPLES["residence-certificate"], applicant_id_number="110105491231002")
    clean = validate_application(service(), answers, today=TODAY)
    assert clean["applicant_id_number"] == "11010519491231002X"


def test_a_bad_id_number_is_the_only_error_even_with_nothing_to_derive_from() -> None:
    answers = dict(SAMPLES["residence-certificate"], applicant_id_number=ZHANG_WEI[:-1] + "0")
    error = only_error("residence-certificate", answers)
    assert error.field == "applicant_id_number"
    assert error.message.zh.startswith("校验位不对")
    with_sent = dict(answers, gender="male", birth_date="1985-03-12")
    assert only_error("residence-certificate", with_sent) == error


def test_the_id_numbers_own_problem_is_reported() -> None:
    answers = dict(SAMPLES["residence-certificate"], applicant_id_number="1101051949")
    error = only_error("residence-certificate", answers)
    assert error.message.zh == "身份证号码应为18位，您输入了10位"


@pytest.mark.parametrize("phone", ["12345678901", "1380571123", "138057112345", "１３８０５７１１２３４",
                                   "+8613805711234"])
def test_a_bad_mobile_number_says_how_it_should_look(phone: str) -> None:
    answers = dict(SAMPLES["residence-certificate"], phone=phone)
    error = only_error("residence-certificate", answers)
    assert error.field == "phone"
    assert error.message.zh.startswith("手机号码应为11位数字，以1开头")
    assert "11 digits" in error.message.en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("2019/06/01", "请按“年-月-日”填写", "year-month-day"),
        ("2019-02-30", "不是真实存在的日期", "not a real date"),
        ((TODAY + timedelta(days=1)).isoformat(), "不能晚于今天", "after today"),
        ("1980-01-01", "不能早于出生日期", "before the date of birth"),
    ],
)
def test_a_bad_date_is_named_with_the_fix(value: str, zh: str, en: str) -> None:
    answers = dict(SAMPLES["residence-certificate"], residence_since=value)
    error = only_error("residence-certificate", answers)
    assert error.field == "residence_since"
    assert error.message.zh.startswith("居住起始日期") and zh in error.message.zh
    assert en in error.message.en


def test_a_choice_outside_the_list_lists_the_choices() -> None:
    error = only_error("residence-certificate",
                       dict(SAMPLES["residence-certificate"], purpose="travel"))
    assert error.field == "purpose"
    assert error.message.zh == "请从以下选项中选择证明用途：子女入学、社保办理、就业、住房、其他"


@pytest.mark.parametrize("given", ["school", "子女入学", " 子女入学 ", "School enrolment of a child",
                                   "school enrolment of a child"])
def test_a_choice_given_by_its_listed_label_means_that_choice(given: str) -> None:
    service = load_catalog().get("residence-certificate")
    answers = dict(SAMPLES["residence-certificate"], purpose=given)
    assert validate_application(service, answers, today=TODAY)["purpose"] == "school"


def test_too_long_text_says_the_limit_and_the_count() -> None:
    answers = dict(SAMPLES["residence-certificate"], purpose="other", purpose_note="字" * 201)
    error = only_error("residence-certificate", answers)
    assert (error.field, error.message.zh) == (
        "purpose_note", "用途说明最多200个字，您填写了201个字，请删减")


def test_an_optional_field_left_blank_is_left_out() -> None:
    answers = dict(SAMPLES["residence-certificate"], purpose_note="   ")
    assert "purpose_note" not in validate_application(service(), answers, today=TODAY)


def test_a_non_text_answer_is_refused_by_name() -> None:
    error = only_error("residence-certificate",
                       dict(SAMPLES["residence-certificate"], phone=13805711234))
    assert error.field == "phone" and "手机号码" in error.message.zh


def test_control_characters_are_refused() -> None:
    answers = dict(SAMPLES["residence-certificate"], purpose="other", purpose_note="为\x00入学")
    error = only_error("residence-certificate", answers)
    assert error.field == "purpose_note" and "无法显示" in error.message.zh
    name = only_error("residence-certificate",
                      dict(SAMPLES["residence-certificate"], applicant_name="张\x00伟"))
    assert name.field == "applicant_name" and "U+0000" in name.message.zh


def test_an_unknown_key_is_named() -> None:
    errors = errors_of("residence-certificate",
                       dict(SAMPLES["residence-certificate"], favourite_colour="blue"))
    assert [e.field for e in errors] == ["favourite_colour"]
    assert "favourite_colour" in errors[0].message.zh
    assert "favourite_colour" in errors[0].message.en


def test_errors_come_in_page_order_one_per_field() -> None:
    answers = {"zzz": "1", "purpose": "travel", "phone": "1", "residence_since": "x",
               "applicant_name": "张伟", "applicant_id_number": ZHANG_WEI}
    errors = errors_of("residence-certificate", answers)
    assert [e.field for e in errors] == ["address", "residence_since", "phone", "purpose", "zzz"]


def test_validation_failed_lists_each_field_in_english() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_application(service(), {}, today=TODAY)
    assert str(caught.value).startswith("applicant_name: Enter full name; ")
    assert "phone: Enter mobile phone number" in str(caught.value)


def test_the_elderly_allowance_is_for_people_aged_80_or_more() -> None:
    just_80 = make_resident_id("330106", date(1946, 11, 22), 15)
    almost_80 = make_resident_id("330106", date(1946, 11, 23), 15)
    ok = dict(SAMPLES["elderly-allowance"], applicant_id_number=just_80)
    assert validate_application(service("elderly-allowance"), ok, today=TODAY)
    error = only_error("elderly-allowance", dict(ok, applicant_id_number=almost_80))
    assert error.field == "applicant_id_number"
    assert "年满80周岁" in error.message.zh and "现年79周岁" in error.message.zh
    assert "aged 80 or over" in error.message.en
    # the other services have no age condition
    young = dict(SAMPLES["residence-certificate"], applicant_id_number=almost_80)
    assert validate_application(service(), young, today=TODAY)


def test_derive_from_id() -> None:
    assert derive_from_id("11010519491231002x", today=TODAY) == {
        "gender": "female", "birth_date": "1949-12-31", "age": "76", "province": "北京市",
        "region": "北京市朝阳区"}


def test_prefill_offers_what_the_record_knows_with_its_source() -> None:
    record = {"name": "张伟", "id_number": ZHANG_WEI, "gender": "male",
              "birth_date": "1985-03-12", "address": "浙江省杭州市西湖区文三路90号5幢302室",
              "phone": "", "hobby": "chess"}
    filled = prefill(service(), record, source="registry")
    assert filled == {
        "applicant_name": Prefilled("张伟", "registry"),
        "applicant_id_number": Prefilled(ZHANG_WEI, "registry"),
        "gender": Prefilled("male", "registry"),
        "birth_date": Prefilled("1985-03-12", "registry"),
        "address": Prefilled("浙江省杭州市西湖区文三路90号5幢302室", "registry"),
    }
    assert prefill(service(), None, source="registry") == {}
    assert "gender" not in prefill(service(), {"gender": "男"}, source="registry")


answers_strategy = st.dictionaries(
    st.sampled_from([f.name for f in service().fields]) | st.text(max_size=5),
    st.none() | st.text(max_size=30) | st.integers() | st.lists(st.text(max_size=3), max_size=2),
    max_size=12,
)


@given(answers_strategy)
def test_any_answers_give_clean_answers_or_validation_failed(answers: dict[str, object]) -> None:
    try:
        clean = validate_application(service(), answers, today=TODAY)
    except ValidationFailed as exc:
        assert exc.errors
        assert len({e.field for e in exc.errors}) == len(exc.errors)
        assert all(e.message.zh and e.message.en for e in exc.errors)
    else:
        assert all(isinstance(v, str) and v == v.strip() for v in clean.values())
