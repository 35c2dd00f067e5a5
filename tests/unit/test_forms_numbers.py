"""Credit codes, card numbers, postal codes, names and addresses: published examples and
properties (valid codes accepted, any single change refused, any text only ever refused)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.errors import InvalidValue
from forms.idnumber import make_resident_id, parse_resident_id
from forms.regions import is_known_region, region_codes, region_name
from forms.uscc import ALPHABET, make_uscc, organisation_check, parse_uscc
from forms.validators import (
    check_address,
    check_bank_card,
    check_integer,
    check_mobile,
    check_person_name,
    check_postal_code,
    luhn_ok,
)

TODAY = date(2026, 11, 22)


# -- unified social credit codes ------------------------------------------------------------

@pytest.mark.parametrize("code, org, region", [
    ("91350100M000100Y43", "M000100Y-4", "350100"),  # GB 32100-2015 worked example
    ("91110000600037341L", "60003734-1", "110000"),  # python-stdnum's documented example
    ("9111000071093123XX", "71093123-X", "110000"),  # an organisation code ending in X
])
def test_published_credit_codes_are_valid_with_their_parts(code: str, org: str,
                                                           region: str) -> None:
    parsed = parse_uscc(code.lower())
    assert parsed.code == code and parsed.organisation_code == org
    assert parsed.region_code == region
    assert parsed.authority.zh == "市场监督管理（工商）" and parsed.entity_type.zh == "企业"


def test_the_organisation_code_inside_is_checked_too() -> None:
    # The outer check character is recomputed so only the GB 11714 check is wrong.
    from forms.uscc import check_character
    first17 = "91350100M000100Y" + "5"
    with pytest.raises(InvalidValue, match="organisation code"):
        parse_uscc(first17 + check_character(first17))


@pytest.mark.parametrize("value, fragment", [
    ("", "请输入"), ("91350100M000100Y4", "18位"), ("91350100M0001OOY43", "不使用字母O"),
    ("9135010SM000100Y43", "可能是数字5"),
    ("Z1350100M000100Y43", "第1位"), ("97350100M000100Y43", "第2位"),
    ("91990100M000100Y43", "第3至8位"), ("91350100M000100Y44", "校验位"),
    ("９1350100M000100Y43", "全角"),
])
def test_a_bad_credit_code_says_what_is_wrong(value: str, fragment: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_uscc(value)
    assert fragment in caught.value.message.zh and caught.value.message.en


body = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8)
codes = st.builds(lambda a, e, r, b: make_uscc(a, e, r, b),
                  st.sampled_from(["9"]), st.sampled_from(["1", "2", "3"]),
                  st.sampled_from(["110000", "330106", "440300", "650102"]), body)


@settings(max_examples=60)
@given(codes, st.data())
def test_generated_codes_pass_and_any_single_change_fails(code: str, data: st.DataObject) -> None:
    assert parse_uscc(code).code == code
    position = data.draw(st.integers(8, 17))  # the organisation code and the check character
    other = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    with pytest.raises(InvalidValue):
        parse_uscc(code[:position] + other + code[position + 1:])


def test_organisation_check_uses_gb_11714_weights() -> None:
    assert organisation_check("60003734") == "1"
    assert organisation_check("71093123") == "X"


# -- resident IDs and the historical region table ---------------------------------------------

def test_an_abolished_county_code_is_still_valid() -> None:
    # 110103 (崇文区) was merged into 东城区 in 2010; its IDs are still carried by millions.
    number = make_resident_id("110103", date(1950, 5, 1), 21)
    rid = parse_resident_id(number, today=TODAY)
    assert rid.region is not None and "崇文区" in rid.region.zh and "旧代码" in rid.region.zh
    assert is_known_region("110103") and is_known_region("440524")


def test_a_county_code_that_never_existed_is_refused() -> None:
    first17 = "11019919800101002"
    from forms.idnumber import check_character
    with pytest.raises(InvalidValue) as caught:
        parse_resident_id(first17 + check_character(first17), today=TODAY)
    assert "地区代码" in caught.value.message.zh and "110199" in caught.value.message.en


def test_region_names_read_province_prefecture_county() -> None:
    assert region_name("330106") is not None and region_name("330106").zh == "浙江省杭州市西湖区"
    assert region_name("990101") is None
    assert len(region_codes()) > 6000


ids = st.builds(make_resident_id, st.sampled_from(region_codes()),
                st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(0, 999))


@settings(max_examples=40)
@given(ids)
def test_every_single_character_substitution_of_a_valid_id_is_refused(number: str) -> None:
    assert parse_resident_id(number, today=TODAY).number == number
    for position in range(18):
        for char in "0123456789X":
            if char == number[position]:
                continue
            changed = number[:position] + char + number[position + 1:]
            with pytest.raises(InvalidValue):
                parse_resident_id(changed, today=TODAY)


@settings(max_examples=150)
@given(st.text(max_size=25))
def test_any_text_is_accepted_or_refused_with_a_message_never_anything_else(text: str) -> None:
    for check in (lambda v: parse_resident_id(v, today=TODAY), parse_uscc, check_mobile,
                  check_postal_code, check_bank_card, check_person_name, check_address,
                  check_integer):
        try:
            check(text)
        except InvalidValue as exc:
            assert exc.message.zh and exc.message.en


# -- the everyday values ---------------------------------------------------------------------

def test_bank_cards_use_the_luhn_check() -> None:
    assert luhn_ok("6228480402564890018") and luhn_ok("4111111111111111")
    assert check_bank_card("6228 4804 0256 4890 018") == "6228480402564890018"
    with pytest.raises(InvalidValue, match="check out"):
        check_bank_card("6228480402564890019")
    with pytest.raises(InvalidValue, match="16 to 19"):
        check_bank_card("62284804")


def test_names_keep_the_middle_dot_and_fix_look_alikes() -> None:
    assert check_person_name("阿依古丽·买买提") == "阿依古丽·买买提"
    assert check_person_name("阿依古丽•买买提") == "阿依古丽·买买提"
    for bad, fragment in [("张 伟", "空格"), ("Zhang", "汉字"), ("·张伟", "间隔号"),
                          ("张··伟", "间隔号"), ("张", "2至30")]:
        with pytest.raises(InvalidValue) as caught:
            check_person_name(bad)
        assert fragment in caught.value.message.zh


def test_mobile_postal_address_and_numbers() -> None:
    assert check_mobile("138-0571-1234") == "13805711234"
    assert check_mobile("+8613805711234") == "13805711234"
    with pytest.raises(InvalidValue, match="11 digits"):
        check_mobile("12805711234")
    assert check_postal_code("310012") == "310012"
    with pytest.raises(InvalidValue, match="six digits"):
        check_postal_code("91001")
    assert check_address("文三路90号5幢")
    with pytest.raises(InvalidValue, match="full address"):
        check_address("90号")
    assert check_integer("007", 0, 10) == "7"
    with pytest.raises(InvalidValue, match="from 1 to 20"):
        check_integer("21", 1, 20)
