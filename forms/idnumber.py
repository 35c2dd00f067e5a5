"""Resident identity numbers (公民身份号码) under GB 11643-1999.

An 18-character number is six digits of region code (the county at issue), eight of birth date
(YYYYMMDD), three of sequence (odd for men, even for women) and one ISO 7064 MOD 11-2 check
character, a digit or X. `parse_resident_id` accepts what a person or a card reader actually
types (surrounding spaces, a lower-case x, a first-generation 15-digit number, which it upgrades)
and refuses anything else with an `InvalidValue` whose message names the exact problem and the
fix. Only ASCII digits count as digits: full-width and other Unicode digits are refused, never
silently converted. The region code must be one that existed at some time (see `forms.regions`):
a county abolished decades ago still stands in the IDs it issued.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from forms.errors import InvalidValue
from forms.regions import PROVINCES, is_known_region, province_of, region_name
from forms.text import Text, shown

#: The earliest birth date accepted; older dates are typing mistakes, not people.
EARLIEST_BIRTH = date(1880, 1, 1)

_DIGITS = frozenset("0123456789")
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"  # indexed by the weighted sum mod 11


@dataclass(frozen=True)
class ResidentId:
    """A valid, normalised resident ID number and what it says about its holder."""

    number: str
    region_code: str
    province: Text
    birth_date: date
    gender: str  # "male" | "female"
    region: Text | None = None  # the county's name, e.g. 浙江省杭州市西湖区

    @property
    def sequence(self) -> str:
        """The three-digit sequence number (odd for men, even for women)."""
        return self.number[14:17]

    def age(self, today: date) -> int:
        """Completed years of age on `today` (someone born on 29 February ages on 1 March)."""
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _ascii_digits(text: str) -> bool:
    return bool(text) and all(ch in _DIGITS for ch in text)


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character ("0"–"9" or "X") for the first 17 digits.

    :raises ValueError: if `first17` is not exactly 17 ASCII digits.
    """
    if len(first17) != 17 or not _ascii_digits(first17):
        raise ValueError("check_character needs exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def upgrade_first_generation(number15: str) -> str:
    """The 18-character form of a 15-digit first-generation ID ("19" before the year, check added).

    :raises ValueError: if `number15` is not exactly 15 ASCII digits.
    """
    if len(number15) != 15 or not _ascii_digits(number15):
        raise ValueError("a first-generation ID number is exactly 15 ASCII digits")
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_character(first17)


def make_resident_id(region: str, birth: date, sequence: int) -> str:
    """A valid 18-character ID for seeding demo data and tests (odd `sequence` = male).

    :raises ValueError: for a region that is not a known six-digit region code, or a sequence
        outside 0–999.
    """
    if len(region) != 6 or not _ascii_digits(region) or not is_known_region(region):
        raise ValueError(f"region must be a known six-digit region code, not {region!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be 0-999, not {sequence}")
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def _bad_characters(text: str, allow_final_x: bool) -> InvalidValue | None:
    """An error naming the first character that may not stand where it is, if any."""
    last = len(text) - 1
    for position, char in enumerate(text):
        if char in _DIGITS or (allow_final_x and position == last and char in "Xx"):
            continue
        n, mark = position + 1, shown(char)
        if char in "Xx":
            return InvalidValue(Text(
                zh=f"身份证号码只有最后一位可以是X，第{n}位应为数字，请核对",
                en=f"Only the last character of an ID number can be X; character {n} must be a "
                   "digit. Check the number",
            ))
        if unicodedata.normalize("NFKC", char) in _DIGITS | {"X", "x"}:
            return InvalidValue(Text(
                zh=f"身份证号码第{n}位“{mark}”是全角字符，请用半角数字0-9输入（最后一位可以是X）",
                en=f"Character {n} of the ID number (“{mark}”) is a full-width character; type "
                   "the plain digits 0-9 (and X as the last character)",
            ))
        return InvalidValue(Text(
            zh=f"身份证号码只能由数字组成（最后一位可以是X），第{n}位“{mark}”不是0-9的数字，请核对",
            en=f"An ID number has only the digits 0-9 (the last may be X); character {n} "
               f"(“{mark}”) is not one of them. Check the number",
        ))
    return None


def _wrong_length(entered: int) -> InvalidValue:
    return InvalidValue(Text(
        zh=f"身份证号码应为18位，您输入了{entered}位",
        en=f"An ID number has 18 characters; you entered {entered}",
    ))


def _birth_date(number: str, today: date) -> date:
    digits = number[6:14]
    shown = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise InvalidValue(Text(
            zh=f"身份证号码中的出生日期{shown}不存在（第7至14位），请核对号码",
            en=f"The birth date in the ID number ({shown}, characters 7-14) is not a real date; "
               "check the number",
        )) from None
    if born > today:
        raise InvalidValue(Text(
            zh=f"身份证号码中的出生日期{shown}晚于今天（第7至14位），请核对号码",
            en=f"The birth date in the ID number ({shown}, characters 7-14) is after today; "
               "check the number",
        ))
    if born < EARLIEST_BIRTH:
        raise InvalidValue(Text(
            zh=f"身份证号码中的出生日期{shown}早于1880年（第7至14位），请核对号码",
            en=f"The birth date in the ID number ({shown}, characters 7-14) is before 1880; "
               "check the number",
        ))
    return born


def parse_resident_id(value: str, *, today: date | None = None) -> ResidentId:
    """Check an ID number against GB 11643-1999 and return it normalised (18 characters, X upper).

    Surrounding whitespace and a lower-case x are accepted; a 15-digit first-generation number
    is upgraded to 18 characters first.

    :raises InvalidValue: naming the problem and the fix: empty input, spaces inside, wrong
        length, a character that is not an ASCII digit (or X at the end), an unknown province,
        a birth date that does not exist, is after `today` or before 1880, or a check character
        that does not match.
    """
    today = today or date.today()
    if not isinstance(value, str):
        raise InvalidValue(Text(zh="请输入身份证号码", en="Enter an ID number"))
    text = value.strip()
    if not text:
        raise InvalidValue(Text(zh="请输入身份证号码", en="Enter an ID number"))
    if any(ch.isspace() for ch in text):
        raise InvalidValue(Text(
            zh="身份证号码中间不能有空格，请删除空格",
            en="An ID number has no spaces inside it; remove them",
        ))
    if len(text) not in (15, 18):
        raise _wrong_length(len(text))
    problem = _bad_characters(text, allow_final_x=len(text) == 18)
    if problem is not None:
        raise problem
    number = upgrade_first_generation(text) if len(text) == 15 else text.upper()
    if len(number) == 18 and number[0] == FOREIGNER_PREFIX:
        return _parse_foreigner(number, today)
    province = province_of(number[:6])
    if province is None:
        raise InvalidValue(Text(
            zh=f"身份证号码前两位“{number[:2]}”不是有效的省级行政区代码，请核对号码",
            en=f"The ID number starts with {number[:2]}, which is not a province code; "
               "check the first digits",
        ))
    if not is_known_region(number[:6]):
        raise InvalidValue(Text(
            zh=f"身份证号码前6位“{number[:6]}”不是有效的地区代码（含已撤销的旧代码），请核对号码",
            en=f"The first six digits of the ID number ({number[:6]}) are not a region code that "
               "has ever existed; check the number",
        ))
    try:
        born = _birth_date(number, today)
    except InvalidValue:
        if len(text) == 15:
            # Not a first-generation number after all: most likely 18 digits typed short.
            raise _wrong_length(15) from None
        raise
    _check_the_check_character(number)
    return ResidentId(
        number=number,
        region_code=number[:6],
        province=province,
        birth_date=born,
        gender=_gender(number),
        region=region_name(number[:6]),
    )


def _check_the_check_character(number: str) -> None:
    if check_character(number[:17]) != number[17]:
        raise InvalidValue(Text(
            zh="校验位不对，请核对号码，特别是最后一位",
            en="The check character does not match; check the number, especially the last "
               "character",
        ))


def _gender(number: str) -> str:
    return "male" if int(number[16]) % 2 else "female"  # the sequence's last digit


#: The first digit of a foreigner's permanent residence ID card (外国人永久居留身份证, 2023 form).
FOREIGNER_PREFIX = "9"


def _parse_foreigner(number: str, today: date) -> ResidentId:
    """A foreigner's permanent residence ID: 9, the issuing province (2 digits), the holder's
    nationality (3 digits), birth date, sequence (odd for men) and the same MOD 11-2 check."""
    province = PROVINCES.get(number[1:3])
    if province is None:
        raise InvalidValue(Text(
            zh=f"外国人永久居留身份证号码第2–3位“{number[1:3]}”不是有效的省级行政区代码，请核对号码",
            en=f"Digits 2–3 of the permanent residence ID ({number[1:3]}) are not a province "
               "code; check the number",
        ))
    born = _birth_date(number, today)
    _check_the_check_character(number)
    return ResidentId(
        number=number,
        region_code=number[:6],
        province=province,
        birth_date=born,
        gender=_gender(number),
        region=Text(f"外国人永久居留身份证（{province.zh}受理）",
                    f"Foreigner's permanent residence ID card (issued in {province.en})"),
    )
