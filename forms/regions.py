"""Administrative division codes (GB/T 2260) for resident ID numbers and credit codes.

A resident ID keeps the county code that was current when it was issued, and many counties have
since been merged, renamed or renumbered; a check against today's county table would refuse real
IDs of older people. So a code is known if it existed at any time: `forms/data/regions.json`
holds every county code ever published, with its names and the years each was in use (built from
python-stdnum's table by `installer/build_region_table.py`). Hong Kong, Macao and Taiwan have no
county codes: their residents' permits carry 810000, 820000 and 830000.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from types import MappingProxyType

from forms.text import Text

_PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("11", "北京市", "Beijing"),
    ("12", "天津市", "Tianjin"),
    ("13", "河北省", "Hebei"),
    ("14", "山西省", "Shanxi"),
    ("15", "内蒙古自治区", "Inner Mongolia"),
    ("21", "辽宁省", "Liaoning"),
    ("22", "吉林省", "Jilin"),
    ("23", "黑龙江省", "Heilongjiang"),
    ("31", "上海市", "Shanghai"),
    ("32", "江苏省", "Jiangsu"),
    ("33", "浙江省", "Zhejiang"),
    ("34", "安徽省", "Anhui"),
    ("35", "福建省", "Fujian"),
    ("36", "江西省", "Jiangxi"),
    ("37", "山东省", "Shandong"),
    ("41", "河南省", "Henan"),
    ("42", "湖北省", "Hubei"),
    ("43", "湖南省", "Hunan"),
    ("44", "广东省", "Guangdong"),
    ("45", "广西壮族自治区", "Guangxi"),
    ("46", "海南省", "Hainan"),
    ("50", "重庆市", "Chongqing"),
    ("51", "四川省", "Sichuan"),
    ("52", "贵州省", "Guizhou"),
    ("53", "云南省", "Yunnan"),
    ("54", "西藏自治区", "Tibet"),
    ("61", "陕西省", "Shaanxi"),
    ("62", "甘肃省", "Gansu"),
    ("63", "青海省", "Qinghai"),
    ("64", "宁夏回族自治区", "Ningxia"),
    ("65", "新疆维吾尔自治区", "Xinjiang"),
    ("71", "台湾省", "Taiwan"),
    ("81", "香港特别行政区", "Hong Kong"),
    ("82", "澳门特别行政区", "Macao"),
)

#: Province code (two digits) → its name.
PROVINCES: MappingProxyType[str, Text] = MappingProxyType(
    {code: Text(zh, en) for code, zh, en in _PROVINCES}
)


def province_of(region_code: str) -> Text | None:
    """The province of a region code (two or six digits), or None if the province is unknown."""
    if len(region_code) not in (2, 6):
        return None
    if len(region_code) == 6 and region_code in _WHOLE_REGIONS:
        return PROVINCES[_WHOLE_REGIONS[region_code]]
    return PROVINCES.get(region_code[:2])


#: The shipped county table.
REGION_TABLE = Path(__file__).resolve().parent / "data" / "regions.json"
#: Region codes without counties: residence permits of Hong Kong, Macao and Taiwan residents.
_WHOLE_REGIONS = {"810000": "81", "820000": "82", "830000": "71", "710000": "71"}


@functools.cache
def _counties() -> dict[str, tuple[tuple[str, int | None, int | None], ...]]:
    data = json.loads(REGION_TABLE.read_text(encoding="utf-8"))
    return {code: tuple((str(n), a, b) for n, a, b in names)
            for code, names in data["codes"].items()}


def region_codes() -> tuple[str, ...]:
    """Every six-digit region code that has ever existed, in order."""
    return tuple(sorted(set(_counties()) | set(_WHOLE_REGIONS)))


def is_known_region(code: str) -> bool:
    """Whether `code` is a region code that existed at any time (or a whole-region permit code)."""
    return code in _WHOLE_REGIONS or code in _counties()


def _latest_name(code: str) -> str | None:
    names = _counties().get(code)
    if not names:
        return None
    # The name in use most recently: an open end beats any year.
    return max(names, key=lambda n: 9999 if n[2] is None else n[2])[0]


def region_name(code: str) -> Text | None:
    """A readable name for a six-digit code: province, prefecture and county (zh), or None.

    A code that has been abolished gets the last name it had, marked as historical.
    """
    if not is_known_region(code):
        return None
    province = province_of(code)
    assert province is not None  # every known code has a province
    parts = [province.zh]
    prefecture = _latest_name(code[:4] + "00") if code[2:4] != "00" else None
    if prefecture and prefecture not in ("市辖区", "县", "省直辖县级行政区划",
                                         "自治区直辖县级行政区划") and code[4:] != "00":
        parts.append(prefecture)
    county = _latest_name(code) if code[2:] != "0000" else None
    names = _counties().get(code, ())
    ended = bool(names) and all(end is not None for _, _, end in names)
    if county and county not in parts and county != "市辖区":
        parts.append(county)
    zh = "".join(dict.fromkeys(parts))
    en = f"{province.en}, region {code}"
    if ended:
        zh += "（已撤销的旧代码）"
        en += " (a former code, since abolished)"
    return Text(zh, en)
