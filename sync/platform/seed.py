"""Demo data for the reference platform: a few residents in the registry.

The ID numbers are built with valid check characters from real county codes and fixed sequence
numbers, so the same demo residents exist on every machine and every run.
"""

from __future__ import annotations

from datetime import date

from forms.idnumber import make_resident_id
from sync.platform.db import PlatformDB

#: (region, birth date, sequence, name, address, phone). Odd sequence = male (GB 11643).
_RESIDENTS = (
    ("330106", date(1985, 3, 12), 231, "张伟", "浙江省杭州市西湖区文三路90号5幢302室",
     "13805711234"),
    ("330106", date(1941, 7, 8), 124, "李秀英", "浙江省杭州市西湖区翠苑一区12幢1单元101室",
     "13905712345"),
    ("330102", date(1992, 11, 30), 388, "王芳", "浙江省杭州市上城区清波街道河坊街28号",
     ""),
    ("650102", date(1990, 5, 20), 46, "阿依古丽·买买提",
     "新疆维吾尔自治区乌鲁木齐市天山区解放南路66号", "18999123456"),
    ("330106", date(1948, 10, 1), 15, "陈建国", "浙江省杭州市西湖区古荡新村8幢201室",
     "13306547788"),
)


def demo_residents() -> list[dict[str, str]]:
    """The demo residents as registry records."""
    out = []
    for region, birth, seq, name, address, phone in _RESIDENTS:
        out.append({
            "id_number": make_resident_id(region, birth, seq),
            "name": name,
            "gender": "male" if seq % 2 else "female",
            "birth_date": birth.isoformat(),
            "address": address,
            "phone": phone,
        })
    return out


def seed_demo(db: PlatformDB) -> list[dict[str, str]]:
    """Load the demo residents (idempotent); return them."""
    residents = demo_residents()
    for record in residents:
        db.add_resident(record)
    return residents
