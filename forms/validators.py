"""Rules for the everyday values on a form: mobile numbers, postal codes, bank cards, personal
names, addresses and whole numbers.

Each `check_*` takes the trimmed text a person typed and returns it normalised, or raises
`InvalidValue` whose bilingual message says what is wrong and what to type instead. Like the ID
rules, only ASCII digits count as digits: a full-width digit is named, never silently converted,
because a number read back to a citizen must be exactly what they typed.
"""

from __future__ import annotations

import re
import unicodedata

from forms.errors import InvalidValue
from forms.text import Text, shown

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_POSTAL = re.compile(r"[0-8][0-9]{5}")
_DIGITS = re.compile(r"[0-9]+")
#: The middle dot between the parts of a transliterated name (U+00B7), and look-alikes people type.
NAME_DOT = "·"
_DOT_LOOKALIKES = "•・‧∙⋅･.．"


def _fail(zh: str, en: str) -> InvalidValue:
    return InvalidValue(Text(zh, en))


def _full_width(value: str) -> bool:
    return any(unicodedata.normalize("NFKC", ch) != ch and unicodedata.normalize("NFKC", ch).isascii()
               for ch in value)


def is_mobile(value: str) -> bool:
    """A mainland mobile number: 11 ASCII digits, 1 then 3–9."""
    return _MOBILE.fullmatch(value) is not None


def check_mobile(value: str) -> str:
    """A mainland mobile number, with spaces and hyphens between digit groups dropped.

    :raises InvalidValue: for anything but 11 digits starting 13–19.
    """
    number = value.replace(" ", "").replace("-", "")
    if number.startswith("+86"):
        number = number[3:]
    if is_mobile(number):
        return number
    if _full_width(number):
        raise _fail("手机号码请用半角数字输入", "Type the mobile number with plain digits 0-9")
    raise _fail("手机号码应为11位数字，以1开头（例如13805711234），请核对",
                "A mobile number has 11 digits and starts with 1 (e.g. 13805711234); check it")


def check_postal_code(value: str) -> str:
    """A six-digit postal code (邮政编码).

    :raises InvalidValue: for anything but six ASCII digits starting 0–8.
    """
    if _POSTAL.fullmatch(value):
        return value
    if _full_width(value):
        raise _fail("邮政编码请用半角数字输入", "Type the postal code with plain digits 0-9")
    raise _fail("邮政编码应为6位数字（例如310012），请核对",
                "A postal code has six digits (e.g. 310012); check it")


def luhn_ok(digits: str) -> bool:
    """Whether an all-digit string passes the Luhn check used by bank cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def check_bank_card(value: str) -> str:
    """A bank card number (12–19 digits passing the Luhn check), spaces removed.

    :raises InvalidValue: naming a wrong length, a non-digit or a failed check.
    """
    number = value.replace(" ", "").replace("-", "")
    if not _DIGITS.fullmatch(number) or not number.isascii():
        if _full_width(number):
            raise _fail("银行卡号请用半角数字输入", "Type the card number with plain digits 0-9")
        raise _fail("银行卡号只能是数字，请照卡面数字填写",
                    "A card number has only digits; copy the digits on the card")
    if not 12 <= len(number) <= 19:
        raise _fail(f"银行卡号一般为16至19位数字，您输入了{len(number)}位，请核对",
                    f"A card number has 16 to 19 digits; you entered {len(number)}. Check it")
    if not luhn_ok(number):
        raise _fail("银行卡号校验不通过，可能有数字输错，请对照卡面核对",
                    "The card number does not check out; a digit is probably wrong. Compare it "
                    "with the card")
    return number


def _is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH") or ch == "〇"


def check_person_name(value: str) -> str:
    """A personal name as on the ID card: Chinese characters, parts of a transliterated name
    joined by the middle dot ·.

    Look-alike dots (•, ・, ．, full stop) are replaced by the middle dot, since that is what
    the person meant and the ID card prints.

    :raises InvalidValue: for spaces, Latin letters, digits or symbols, a dot at either end or
        two dots together, or a name of one character or more than 30.
    """
    name = "".join(NAME_DOT if ch in _DOT_LOOKALIKES else ch for ch in value)
    if any(ch.isspace() for ch in name):
        raise _fail("姓名中间不能有空格；少数民族姓名各部分之间请用间隔号“·”",
                    "A name has no spaces; join the parts of a transliterated name with the "
                    "middle dot ·")
    bad = next((ch for ch in name if ch != NAME_DOT and not _is_han(ch)), None)
    if bad is not None:
        raise _fail(f"姓名只能填写汉字和间隔号“·”，“{shown(bad)}”不可用，请按身份证上的姓名填写",
                    f"A name has only Chinese characters and the middle dot ·; “{shown(bad)}” "
                    "cannot be used. Write the name as on the ID card")
    if name.startswith(NAME_DOT) or name.endswith(NAME_DOT) or NAME_DOT * 2 in name:
        raise _fail("间隔号“·”只能在姓名的两部分之间，且只写一个",
                    "The middle dot · goes once between two parts of the name, not at the ends")
    if not 2 <= len(name) <= 30:
        raise _fail("姓名应为2至30个字，请按身份证上的姓名填写",
                    "A name has 2 to 30 characters; write it as on the ID card")
    return name


def check_address(value: str) -> str:
    """A postal address: at least a street and a number, in Chinese.

    :raises InvalidValue: for fewer than six characters or an address without Chinese text.
    """
    if len(value) < 6 or sum(_is_han(ch) for ch in value) < 2:
        raise _fail("地址请写完整：省、市、区县、街道（乡镇）、门牌号，例如：浙江省杭州市西湖区文三路90号",
                    "Write the full address: province, city, district, street and number, e.g. "
                    "浙江省杭州市西湖区文三路90号")
    return value


def check_integer(value: str, minimum: int | None = None, maximum: int | None = None) -> str:
    """A whole number within the bounds, written with ASCII digits and no leading zeros.

    :raises InvalidValue: for anything else, saying the bounds.
    """
    bounds_zh = bounds_en = ""
    if minimum is not None and maximum is not None:
        bounds_zh, bounds_en = f"，在{minimum}到{maximum}之间", f" from {minimum} to {maximum}"
    if not _DIGITS.fullmatch(value) or not value.isascii() or len(value) > 9:
        raise _fail(f"请填写一个整数{bounds_zh}，只用数字0-9",
                    f"Enter a whole number{bounds_en}, using the digits 0-9")
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise _fail(f"请填写一个整数{bounds_zh}", f"Enter a whole number{bounds_en}")
    return str(number)
