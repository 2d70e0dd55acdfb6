"""Generate bdg_plan/data/ban-do-2025.json, the compact 2025 administrative map bdg-plan ships.

Run at development time, never by bdg-plan itself:

    pip install -r tools/requirements-map-data.txt
    python tools/build_admin_map.py

Sources (pinned in tools/requirements-map-data.txt):
- vietnam-provinces: the 34 provinces and 3,321 communes in force since 1/7/2025, with their unit
  type (xã, phường, đặc khu) and national statistics code. It is the authority for today's names.
- vietnamadminunits: the 63 old provinces with their districts and communes, and which new
  commune(s) each old commune became (a commune split between several lists them all, the one
  the library picks by default first).

Why a generated table instead of the libraries at run time: vietnamadminunits pulls in shapely,
numpy, geopy, tqdm and unidecode (about 90 MB installed, 17 MB of wheels for Windows) for a
street-address geocoder bdg-plan does not use, and importing it takes about 1.8 s; importing
vietnam-provinces takes about 0.4 s (a 3,321-member enum). The table is about 0.5 MB of JSON and
loads in milliseconds, and only in the commands that need it.

The output is deterministic (sorted, no timestamps), so regenerating with the same versions
gives the same bytes.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bdg_plan.facts.admin_map import name_key

OUT = Path(__file__).resolve().parent.parent / "bdg_plan" / "data" / "ban-do-2025.json"

#: The unit words of today's communes, as vietnam-provinces spells their type.
NEW_TYPES = {"xã": "xã", "phường": "phường", "đặc khu": "đặc khu"}


#: Corrections of the old -> new mapping where vietnamadminunits disagrees with the resolution
#: itself: (old province, old district, old commune) -> today's commune names, with the source.
#: Keep this list short; each entry is also listed in docs/cai-cach-2025.md.
CORRECTIONS = {
    # NQ 1672/NQ-UBTVQH15 (16/6/2025) Điều 1.10: xã Hồng Phong (huyện Bình Gia) merges with xã
    # Minh Khai into the new xã Hồng Phong. vietnamadminunits 1.0.4 lists it as split between
    # xã Hồng Phong and xã Đồng Đăng (Điều 1.58's xã Đồng Đăng takes Cao Lộc's Hồng Phong only).
    ("Lạng Sơn", "Bình Gia", "Hồng Phong"): ["Hồng Phong"],
}


def _strip_type(name: str, kind: str) -> str:
    """'Phường Kỳ Lừa' -> 'Kỳ Lừa'."""
    if name.casefold().startswith(kind.casefold() + " "):
        return name[len(kind) + 1 :]
    raise SystemExit(f"unexpected name {name!r} for type {kind!r}")


def new_map() -> tuple[list[Any], dict[tuple[int, str], int]]:
    """Today's provinces with their communes, and each commune's code by (province, name key).

    The two libraries number some communes differently and spell some names differently
    ("Hoà"/"Hòa", doubled spaces, "’"/"'"), so they are joined on the folded full name.
    """
    from vietnam_provinces import Province, Ward

    wards: dict[int, list[Any]] = defaultdict(list)
    code_of: dict[tuple[int, str], int] = {}
    for ward in Ward.iter_all():
        kind = NEW_TYPES[ward.division_type.value]
        name = " ".join(ward.name.split())
        wards[int(ward.province_code)].append([int(ward.code), kind, _strip_type(name, kind)])
        code_of[(int(ward.province_code), name_key(name))] = int(ward.code)
    provinces = []
    for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        city = province.division_type.value == "thành phố trung ương"
        kind = "thành phố" if city else "tỉnh"
        name = _strip_type(province.name, "Thành phố") if city else province.name
        provinces.append([int(province.code), kind, name, sorted(wards[int(province.code)])])
    return provinces, code_of


def old_map(code_of: dict[tuple[int, str], int]) -> list[Any]:
    """The 63 old provinces, their districts and communes, each commune with its new codes."""
    import vietnamadminunits

    root = Path(vietnamadminunits.__file__).parent / "data"
    converter = json.loads((root / "converter_2025.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(root / "dataset.db")
    new_code = {
        (province_key, ward_key): code_of[(int(province_code), name_key(ward))]
        for province_key, ward_key, province_code, ward in db.execute(
            "SELECT provinceKey, wardKey, provinceCode, ward FROM admin_units"
        )
    }
    province_of = {code: province for (province, _key), code in code_of.items()}
    new_province_of_old = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
    targets: dict[str, list[int]] = {}
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            for old_key in old_keys:
                targets[old_key] = [new_code[(new_province, new_ward)]]
    for new_province, splits in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, options in splits.items():
            ordered = sorted(options, key=lambda o: (not o["isDefaultNewWard"], o["newWardKey"]))
            targets[old_key] = [new_code[(new_province, o["newWardKey"])] for o in ordered]

    rows = db.execute(
        "SELECT province, provinceKey, districtType, districtShort, districtKey, wardType, wardShort, "
        "wardKey FROM admin_units_legacy WHERE ward IS NOT NULL AND ward != '' "
        "ORDER BY provinceCode, districtCode, wardCode"
    )
    provinces: dict[str, Any] = {}
    for province, province_key, d_type, d_name, d_key, w_type, w_name, w_key in rows:
        new_province = new_province_of_old[province_key]
        codes = targets.get(f"{province_key}_{d_key}_{w_key}", [])
        short = province.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        corrected = CORRECTIONS.get((short, d_name, w_name))
        if corrected is not None:
            new_province_code = int(province_of[codes[0]])
            codes = [code_of[(new_province_code, name_key(f"{w_type} {n}"))] for n in corrected]
        if any(province_of[code] != province_of[codes[0]] for code in codes):
            raise SystemExit(f"{province} {d_name} {w_name}: split across provinces")
        city = province.startswith("Thành phố ")
        kind, name = (
            ("thành phố", province[len("Thành phố ") :]) if city else ("tỉnh", province[len("Tỉnh ") :])
        )
        entry = provinces.setdefault(name, [kind, name, _new_province_code(new_province, db), {}])
        district = entry[3].setdefault((d_type.lower(), d_name), [])
        district.append([w_type.lower(), w_name, codes])
    result = []
    for kind, name, code, districts in provinces.values():
        result.append([kind, name, code, [[k, n, wards] for (k, n), wards in districts.items()]])
    return result


def _new_province_code(province_key: str, db: sqlite3.Connection) -> int:
    row = db.execute(
        "SELECT DISTINCT provinceCode FROM admin_units WHERE provinceKey = ?", (province_key,)
    ).fetchone()
    return int(row[0])


def main() -> int:
    """Write the table; print what went in."""
    provinces, code_of = new_map()
    old = old_map(code_of)
    data = {
        "source": {
            "vietnam-provinces": metadata.version("vietnam-provinces"),
            "vietnamadminunits": metadata.version("vietnamadminunits"),
        },
        "provinces": provinces,
        "old_provinces": old,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    communes = sum(len(p[3]) for p in provinces)
    old_communes = sum(len(w) for p in old for _k, _n, w in p[3])
    print(f"{OUT}: {len(provinces)} provinces, {communes} communes;", end=" ")
    print(f"{len(old)} old provinces, {old_communes} old communes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
