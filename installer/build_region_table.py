"""Build forms/data/regions.json, the GB/T 2260 county table resident IDs are checked against.

An ID keeps the code of the county where it was first issued, so the table keeps every code that
ever existed, each with the names it has had and the years they were in use. The source is the
county list that python-stdnum ships (`stdnum/cn/loc.dat`, compiled from the published GB/T 2260
editions); this script only reshapes the installed copy into compact JSON, so that the kiosk does
not depend on that file's private format at run time. Run it again after upgrading python-stdnum:

    .venv/bin/python installer/build_region_table.py
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "forms" / "data" / "regions.json"
_PROVINCE = re.compile(r'^(\d\d) province="([^"]*)"')
_COUNTY = re.compile(r'^\s+(\d{4}) county="([^"]*)"')
_NAME = re.compile(r"(?:\[(\d*)-(\d*)\])?(.+)")


def build() -> dict[str, object]:
    text = files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    codes: dict[str, list[list[object]]] = {}
    province = ""
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if m := _PROVINCE.match(line):
            province = m.group(1)
            continue
        m = _COUNTY.match(line)
        if m is None:
            raise SystemExit(f"unexpected line in loc.dat: {line!r}")
        # One code may have had several names: "[-1985]A,[1985-]B".
        for part in m.group(2).split(","):
            named = _NAME.fullmatch(part.strip())
            if named is None:
                raise SystemExit(f"unexpected name in loc.dat: {line!r}")
            start, end, name = named.groups()
            codes.setdefault(province + m.group(1), []).append(
                [name, int(start) if start else None, int(end) if end else None])
    return {
        "source": f"GB/T 2260 via python-stdnum {version('python-stdnum')} (stdnum/cn/loc.dat)",
        "note": "code -> [[name, first year or null, last year or null], ...]",
        "codes": dict(sorted(codes.items())),
    }


if __name__ == "__main__":
    table = build()
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(table['codes'])} codes")  # type: ignore[arg-type]
