"""Resident ID numbers (GB 11643-1999): what the identify screen accepts and what it says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from forms.errors import InvalidValue
from forms.idnumber import (
    check_character,
    make_resident_id,
    parse_resident_id,
    upgrade_first_generation,
)
from forms.regions import region_codes

TODAY = date(2026, 11, 22)
GB_EXAMPLE = "11010519491231002X"  # the standard's own example
OLDEST = "440524188001010014"
ALPHABET = "0123456789X"


def rejected(value: str, today: date = TODAY) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        parse_resident_id(value, today=today)
    return caught.value


def test_the_standards_example_is_a_woman_born_1949_in_beijing() -> None:
    rid = parse_resident_id(GB_EXAMPLE, today=TODAY)
    assert rid.number == GB_EXAMPLE
    assert rid.gender == "female"
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.region_code == "110105"
    assert rid.province.zh == "北京市"
    assert rid.age(TODAY) == 76


def test_a_man_born_on_the_earliest_accepted_day_in_guangdong() -> None:
    rid = parse_resident_id(OLDEST, today=TODAY)
    assert (rid.gender, rid.birth_date, rid.province.zh) == ("male", date(1880, 1, 1), "广东省")


def test_surrounding_spaces_and_a_lower_case_x_are_accepted() -> None:
    assert parse_resident_id("  11010519491231002x\t\u3000", today=TODAY).number == GB_EXAMPLE


@pytest.mark.parametrize("position", range(18))
@pytest.mark.parametrize("valid", [GB_EXAMPLE, OLDEST])
def test_every_single_character_substitution_is_rejected(valid: str, position: int) -> None:
    for char in ALPHABET:
        if char == valid[position]:
            continue
        typo = valid[:position] + char + valid[position + 1:]
        error = rejected(typo)
        assert error.message.zh and error.message.en


def test_a_wrong_check_character_says_to_check_the_last_character() -> None:
    error = rejected(GB_EXAMPLE[:-1] + "3")
    assert error.message.zh.startswith("校验位不对，请核对号码")
    assert "最后一位" in error.message.zh
    assert "last character" in error.message.en


@pytest.mark.parametrize("value", ["1101051949", "11010519491231002X1", "1", "1101051949123100"])
def test_wrong_length_says_how_many_were_typed(value: str) -> None:
    error = rejected(value)
    assert error.message.zh == f"身份证号码应为18位，您输入了{len(value)}位"
    assert error.message.en == f"An ID number has 18 characters; you entered {len(value)}"


def test_empty_input_asks_for_the_number() -> None:
    assert rejected("   ").message.zh == "请输入身份证号码"


def test_spaces_inside_are_named() -> None:
    assert "空格" in rejected("110105 19491231002X").message.zh


@pytest.mark.parametrize(
    ("value", "position"),
    [
        ("１１０１０５１９４９１２３１００２Ｘ", 1),  # full-width digits: str.isdigit() is True
        ("1101051949123100٢X", 17),  # Arabic-Indic two
        ("11010519491231002Ｘ", 18),
    ],
)
def test_full_width_and_other_unicode_digits_are_refused_by_position(value: str,
                                                                    position: int) -> None:
    error = rejected(value)
    assert f"第{position}位" in error.message.zh
    assert f"haracter {position} " in error.message.en


def test_a_letter_is_named_with_its_position() -> None:
    error = rejected("11010519491231002Y")
    assert "第18位“Y”" in error.message.zh
    assert "“Y”" in error.message.en


def test_x_anywhere_but_last_is_refused() -> None:
    assert "只有最后一位可以是X" in rejected("1101051949123100X2").message.zh


@pytest.mark.parametrize(
    ("number", "province"),
    [
        ("810000199005010120", "香港特别行政区"),
        ("820000199005010122", "澳门特别行政区"),
        ("830000199005010124", "台湾省"),
    ],
)
def test_residence_permits_of_hong_kong_macao_and_taiwan_residents_are_accepted(
    number: str, province: str
) -> None:
    parsed = parse_resident_id(number, today=TODAY)
    assert parsed.province.zh == province
    assert parsed.region_code == number[:6]


def test_a_foreigners_permanent_residence_id_is_accepted() -> None:
    first17 = "931" + "840" + "19800101" + "003"  # issued in Shanghai, a US national, a man
    number = first17 + check_character(first17)
    parsed = parse_resident_id(number, today=TODAY)
    assert (parsed.birth_date, parsed.gender, parsed.province.zh) == (
        date(1980, 1, 1), "male", "上海市")
    assert parsed.region is not None and "外国人永久居留身份证" in parsed.region.zh
    assert "校验位" in rejected(first17 + ("0" if number[-1] != "0" else "1")).message.zh
    bad_province = "999840198001010031"
    assert "第2–3位" in rejected(bad_province).message.zh


def test_an_unknown_province_is_named() -> None:
    first17 = "00010519491231002"
    error = rejected(first17 + check_character(first17))
    assert "00" in error.message.zh and "省级行政区" in error.message.zh


def test_an_impossible_birth_date_is_named() -> None:
    first17 = "11010519490230002"  # 30 February
    error = rejected(first17 + check_character(first17))
    assert "1949-02-30" in error.message.zh and "不存在" in error.message.zh


def test_a_future_birth_date_is_refused() -> None:
    tomorrow = TODAY + timedelta(days=1)
    number = make_resident_id("110105", tomorrow, 2)
    error = rejected(number)
    assert "晚于今天" in error.message.zh and "after today" in error.message.en
    assert parse_resident_id(make_resident_id("110105", TODAY, 2), today=TODAY).age(TODAY) == 0


def test_stdnum_alone_would_accept_a_future_birth_that_we_refuse() -> None:
    number = make_resident_id("110105", date.today() + timedelta(days=400), 2)
    assert ric.is_valid(number)
    rejected(number, today=date.today())


def test_a_birth_before_1880_is_refused() -> None:
    assert "1880" in rejected(make_resident_id("440524", date(1879, 12, 31), 1)).message.zh


def test_a_first_generation_number_is_upgraded() -> None:
    assert upgrade_first_generation("110105491231002") == GB_EXAMPLE
    rid = parse_resident_id(" 110105491231002 ", today=TODAY)
    assert (rid.number, rid.birth_date, rid.gender) == (GB_EXAMPLE, date(1949, 12, 31), "female")


def test_fifteen_digits_that_are_not_a_first_generation_number_ask_for_eighteen() -> None:
    assert rejected("110105194912310").message.zh == "身份证号码应为18位，您输入了15位"


def test_age_counts_completed_years_and_leap_day_birthdays() -> None:
    rid = parse_resident_id(make_resident_id("330106", date(1944, 2, 29), 11), today=TODAY)
    assert rid.age(date(2024, 2, 28)) == 79
    assert rid.age(date(2024, 2, 29)) == 80
    assert rid.age(date(2025, 2, 28)) == 80
    assert rid.age(date(2025, 3, 1)) == 81


def test_check_character_and_make_resident_id_refuse_bad_arguments() -> None:
    with pytest.raises(ValueError):
        check_character("１" * 17)
    with pytest.raises(ValueError):
        make_resident_id("990105", date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        make_resident_id("110105", date(1990, 1, 1), 1000)


ids = st.builds(
    make_resident_id,
    st.sampled_from(region_codes()),
    st.dates(min_value=date(1900, 1, 1), max_value=date.today()),
    st.integers(0, 999),
)


@given(ids)
def test_every_generated_valid_number_is_accepted(number: str) -> None:
    rid = parse_resident_id(number)
    assert rid.number == number
    assert rid.gender == ("male" if int(number[16]) % 2 else "female")
    assert rid.birth_date.strftime("%Y%m%d") == number[6:14]
    assert ric.calc_check_digit(number) == number[17]  # an independent MOD 11-2 agrees


@given(st.text(max_size=40))
def test_arbitrary_text_raises_nothing_but_invalid_value(value: str) -> None:
    try:
        parse_resident_id(value, today=TODAY)
    except InvalidValue as exc:
        assert exc.message.zh and exc.message.en


@given(st.text(alphabet="0123456789Xx１２٣ \u3000", min_size=14, max_size=20))
def test_near_miss_text_raises_nothing_but_invalid_value(value: str) -> None:
    try:
        rid = parse_resident_id(value, today=TODAY)
    except InvalidValue:
        return
    assert len(rid.number) == 18 and rid.number[:17].isascii()
