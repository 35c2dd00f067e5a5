"""Unified social credit codes (统一社会信用代码) under GB 32100-2015.

Eighteen characters from a 31-character alphabet (digits and capitals without I, O, S, V, Z):
the registering authority (1), the kind of entity (1), the registering region (6, GB/T 2260),
the organisation code (9, GB 11714-1997: eight body characters and a check character computed
with weights 3 7 9 10 5 8 4 2 mod 11) and a check character (weights 3^(i-1) mod 31). Both check
characters are verified, so a code whose outer check happens to match but whose organisation code
is broken is refused too. `parse_uscc` says what every part means; its errors name the fix.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from forms.errors import InvalidValue
from forms.regions import PROVINCES, region_name
from forms.text import Text, shown

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# GB 32100-2015 table 1: registering authority and, under it, the kinds of entity it registers.
_AUTHORITIES: dict[str, tuple[Text, dict[str, Text]]] = {
    "1": (Text("机构编制", "Institutional staffing authority"), {
        "1": Text("机关", "Government organ"),
        "2": Text("事业单位", "Public institution"),
        "3": Text("中央编办直接管理机构编制的群众团体", "Mass organisation staffed by the central office"),
        "9": Text("其他", "Other")}),
    "2": (Text("外交", "Foreign affairs"), {
        "1": Text("外国常驻新闻机构", "Resident foreign news agency"),
        "9": Text("其他", "Other")}),
    "3": (Text("司法行政", "Justice administration"), {
        "1": Text("律师执业机构", "Law firm"),
        "2": Text("公证处", "Notary office"),
        "3": Text("基层法律服务所", "Grassroots legal service office"),
        "4": Text("司法鉴定机构", "Forensic examination body"),
        "5": Text("仲裁委员会", "Arbitration commission"),
        "9": Text("其他", "Other")}),
    "4": (Text("文化", "Culture"), {
        "1": Text("外国在华文化中心", "Foreign cultural centre in China"),
        "9": Text("其他", "Other")}),
    "5": (Text("民政", "Civil affairs"), {
        "1": Text("社会团体", "Social organisation"),
        "2": Text("民办非企业单位", "Private non-enterprise unit"),
        "3": Text("基金会", "Foundation"),
        "9": Text("其他", "Other")}),
    "6": (Text("旅游", "Tourism"), {
        "1": Text("外国旅游部门常驻代表机构", "Representative office of a foreign tourism body"),
        "2": Text("港澳台地区旅游部门常驻内地（大陆）代表机构",
                  "Representative office of a Hong Kong, Macao or Taiwan tourism body"),
        "9": Text("其他", "Other")}),
    "7": (Text("宗教", "Religious affairs"), {
        "1": Text("宗教活动场所", "Place of religious activity"),
        "2": Text("宗教院校", "Religious college"),
        "9": Text("其他", "Other")}),
    "8": (Text("工会", "Trade unions"), {
        "1": Text("基层工会", "Grassroots trade union"),
        "9": Text("其他", "Other")}),
    "9": (Text("市场监督管理（工商）", "Market regulation (industry and commerce)"), {
        "1": Text("企业", "Enterprise"),
        "2": Text("个体工商户", "Individual business"),
        "3": Text("农民专业合作社", "Farmers' specialised cooperative")}),
    "A": (Text("中央军委改革和编制办公室", "Central Military Commission staffing office"), {
        "1": Text("军队事业单位", "Military public institution"),
        "9": Text("其他", "Other")}),
    "N": (Text("农业农村", "Agriculture and rural affairs"), {
        "1": Text("组级集体经济组织", "Group-level collective economic organisation"),
        "2": Text("村级集体经济组织", "Village-level collective economic organisation"),
        "3": Text("乡镇级集体经济组织", "Township-level collective economic organisation"),
        "9": Text("其他", "Other")}),
    "Y": (Text("其他", "Other authority"), {"1": Text("其他", "Other")}),
}


@dataclass(frozen=True)
class CreditCode:
    """A valid unified social credit code and what its parts say."""

    code: str
    authority: Text
    entity_type: Text
    region_code: str
    region: Text | None
    organisation_code: str  # eight characters, a hyphen and the check character, as printed on the old certificate

    @property
    def is_individual_business(self) -> bool:
        return self.code.startswith("92")


def check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters.

    :raises ValueError: if `first17` is not 17 characters of the code alphabet.
    """
    if len(first17) != 17 or any(c not in ALPHABET for c in first17):
        raise ValueError("check_character needs 17 characters of the credit-code alphabet")
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def organisation_check(body: str) -> str:
    """The GB 11714 check character ("0"–"9" or "X") for an eight-character organisation code.

    :raises ValueError: if `body` is not eight digits or capital letters.
    """
    if len(body) != 8 or any(c not in _ORG_BODY for c in body):
        raise ValueError("an organisation code body is eight digits or capital letters")
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def make_uscc(authority: str, entity: str, region: str, org_body: str) -> str:
    """A valid code from its parts (for tests and demo data).

    :raises ValueError: if a part is malformed or the result would not be a valid code.
    """
    first17 = authority + entity + region + org_body + organisation_check(org_body)
    code = first17 + check_character(first17)
    parse_uscc(code)
    return code


def _fail(zh: str, en: str) -> InvalidValue:
    return InvalidValue(Text(zh, en))


def parse_uscc(value: str) -> CreditCode:
    """Check a unified social credit code and say what its parts mean.

    Surrounding spaces and lower-case letters are accepted.

    :raises InvalidValue: naming the problem and the fix: empty input, wrong length, a character
        outside the alphabet (I, O, S, V, Z are never used), an unknown registering authority or
        entity type, a region code of no known province, a broken organisation code, or a check
        character that does not match.
    """
    if not isinstance(value, str) or not value.strip():
        raise _fail("请输入统一社会信用代码", "Enter the unified social credit code")
    code = value.strip().upper()
    if any(ch.isspace() for ch in code):
        raise _fail("统一社会信用代码中间不能有空格，请删除空格",
                    "A unified social credit code has no spaces inside it; remove them")
    if len(code) != 18:
        raise _fail(f"统一社会信用代码应为18位，您输入了{len(code)}位",
                    f"A unified social credit code has 18 characters; you entered {len(code)}")
    for n, ch in enumerate(code, start=1):
        if ch in ALPHABET:
            continue
        mark = shown(ch)
        if ch in "IOSVZ":
            digit = {"I": "1", "O": "0", "S": "5", "Z": "2"}.get(ch)
            if digit:
                raise _fail(f"统一社会信用代码不使用字母{ch}，第{n}位可能是数字{digit}，请核对",
                            f"Credit codes never use the letter {ch}; character {n} is probably "
                            f"the digit {digit}. Check it")
            raise _fail(f"统一社会信用代码不使用字母{ch}，请核对第{n}位",
                        f"Credit codes never use the letter {ch}; check character {n}")
        if unicodedata.normalize("NFKC", ch).upper() in ALPHABET:
            raise _fail(f"统一社会信用代码第{n}位“{mark}”是全角字符，请用半角数字和字母输入",
                        f"Character {n} (“{mark}”) is a full-width character; type plain digits "
                        "and letters")
        raise _fail(f"统一社会信用代码只能由数字和大写字母组成，第{n}位“{mark}”不是，请核对",
                    f"A credit code has only digits and capital letters; character {n} (“{mark}”) "
                    "is not one. Check it")
    authority = _AUTHORITIES.get(code[0])
    if authority is None:
        raise _fail(f"统一社会信用代码第1位“{code[0]}”不是登记管理部门代码，请核对",
                    f"The first character ({code[0]}) is not a registering authority; check it")
    entity = authority[1].get(code[1])
    if entity is None:
        raise _fail(f"统一社会信用代码第2位“{code[1]}”不是该登记管理部门的机构类别，请核对",
                    f"The second character ({code[1]}) is not an entity type of that authority; "
                    "check it")
    region = code[2:8]
    if not region.isdigit() or (region[:2] not in PROVINCES and region != "100000"):
        raise _fail(f"统一社会信用代码第3至8位“{region}”不是行政区划代码，请核对",
                    f"Characters 3-8 ({region}) are not a region code; check them")
    body, org_check = code[8:16], code[16]
    if org_check != organisation_check(body):
        raise _fail("统一社会信用代码中的组织机构代码（第9至17位）校验不通过，请核对",
                    "The organisation code inside it (characters 9-17) does not check out; "
                    "check those characters")
    if code[17] != check_character(code[:17]):
        raise _fail("统一社会信用代码校验位不对，请核对，特别是最后一位",
                    "The check character does not match; check the code, especially the last "
                    "character")
    return CreditCode(code=code, authority=authority[0], entity_type=entity, region_code=region,
                      region=region_name(region), organisation_code=f"{body}-{org_check}")
