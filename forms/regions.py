"""Provincial-level administrative division codes (GB/T 2260) for resident ID numbers.

A resident ID keeps the county code that was current when it was issued, and many counties have
since been merged, renamed or renumbered; a check against today's county table would refuse real
IDs of older people. So only the first two digits, the province, are checked here. A full
historical GB/T 2260 county table (every code ever issued, with its validity years) is future
work; until then any four digits after a known province are accepted.
"""

from __future__ import annotations

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
    return PROVINCES.get(region_code[:2])
