"""The 2025 administrative map: today's provinces and communes, and what each old commune became.

Since 1/7/2025 Vietnam has 34 provinces and 3,321 communes (xã, phường, đặc khu) and no district
level. The data is `data/ban-do-2025.json`, generated at development time from the maintained
libraries vietnam-provinces (today's list) and vietnamadminunits (old -> new) by
`tools/build_admin_map.py`; see that script for why the libraries are not run-time dependencies.

The table is read on first use only (`load()`), so commands that never look at the map, and
plans dated before the reform, do not pay for it. Names are compared through `name_key`, which
ignores case, spacing, the apostrophe and dash variants, and where the tone mark sits
("Hoà" and "Hòa" are one name), but not the tone itself ("Hòa" and "Hóa" are two).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_FILE = "ban-do-2025.json"

#: The first day with no district level (Luật Tổ chức chính quyền địa phương 72/2025/QH15).
REFORM_DATE = dt.date(2025, 7, 1)

#: The unit words of a commune today; "thị trấn" is gone since 1/7/2025.
COMMUNE_KINDS = ("xã", "phường", "đặc khu")
#: Unit words of a commune before the reform.
OLD_COMMUNE_KINDS = ("xã", "phường", "thị trấn")
#: Unit words of a district before the reform (a provincial city counts as one).
DISTRICT_KINDS = ("huyện", "quận", "thị xã", "thành phố")
#: Every unit word a commune has had, before or after the reform.
ALL_COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")


def alternation(words: tuple[str, ...]) -> str:
    """A regex group matching any of `words` (unit words), longest first."""
    return "(" + "|".join(sorted(words, key=len, reverse=True)) + ")"


#: A district-level body (huyện, quận, thị xã), gone since the 2025 reform.
DISTRICT_PATTERN = re.compile(r"\b(huyện|quận|thị xã)\b", re.IGNORECASE)

_VARIANTS = (("’", "'"), ("‘", "'"), ("–", "-"), ("—", "-"))
_UNIT_WORD = re.compile(rf"(?<!\w){alternation(ALL_COMMUNE_KINDS)}\s+(?=\w)", re.IGNORECASE)
_DISTRICT_WORD = re.compile(r"(?<!\w)(huyện|quận|thị xã|thành phố|tp\.?)\s+(?=\w)", re.IGNORECASE)
_PROVINCE_WORD = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)

#: The old tone placement of an open syllable "oa", "oe", "uy" (tone on the second vowel, as in
#: "hoà", "thuỷ") and the new one (tone on the first, "hòa", "thủy"). Both are in official use,
#: and the two source libraries do not agree on it.
_OLD_TONE = {
    old: new
    for firsts, seconds, base in (("òóỏõọ", "àáảãạ", "a"), ("òóỏõọ", "èéẻẽẹ", "e"), ("ùúủũụ", "ỳýỷỹỵ", "y"))
    for first, second in zip(firsts, seconds, strict=True)
    for old, new in (((("u" if base == "y" else "o") + second), first + base),)
}
_OLD_TONE_PATTERN = re.compile(r"(?<![qQ])(?:" + "|".join(_OLD_TONE) + r")(?!\w)")


def name_key(name: str) -> str:
    """A name as compared: case, spacing, dash and apostrophe variants and tone position folded.

    "Thanh Thuỷ" and "Thanh Thủy", "Cư M’gar" and "Cư M'gar" give one key; "Hòa" and "Hóa" two.
    """
    text = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    if not text.isascii():
        for old, new in _VARIANTS:
            if old in text:
                text = text.replace(old, new)
        if _OLD_TONE_PATTERN.search(text):
            text = _OLD_TONE_PATTERN.sub(lambda m: _OLD_TONE[m.group()], text)
    return text.replace(" - ", "-")


@dataclass(frozen=True)
class Commune:
    """A commune in force since 1/7/2025."""

    code: int
    kind: str
    name: str
    province: str

    @property
    def full(self) -> str:
        """'xã Đồng Đăng'."""
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class Province:
    """A province (or centrally run city) in force since 1/7/2025."""

    code: int
    kind: str
    name: str
    communes: tuple[Commune, ...]

    @property
    def full(self) -> str:
        """'tỉnh Lạng Sơn', 'thành phố Hà Nội'."""
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class OldCommune:
    """A commune as it was before 1/7/2025, and the commune(s) it became (several when split).

    For a split commune the first target is the one the source library picks by default.
    """

    kind: str
    name: str
    district_kind: str
    district: str
    province: str
    targets: tuple[Commune, ...]

    @property
    def full(self) -> str:
        """'xã Hồng Phong'."""
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class UnitName:
    """A unit word and the name after it, as found in a text ('xã', 'Hồng Phong')."""

    kind: str
    name: str


class AdminMap:
    """Look-ups over the table; build it with `load()`.

    Objects are built per province on first use, so a look-up in one province never pays for
    the 13,000 names of the whole country.
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.source: dict[str, str] = dict(raw["source"])
        self._raw_provinces: dict[int, list[Any]] = {row[0]: row for row in raw["provinces"]}
        self._raw_old: list[list[Any]] = raw["old_provinces"]
        self._province_keys = {name_key(row[2]): code for code, row in self._raw_provinces.items()}
        self._old_keys = {name_key(row[1]): row for row in self._raw_old}

    @property
    def province_names(self) -> list[str]:
        """Today's 34 province names, in the statistics office's order."""
        return [row[2] for row in self._raw_provinces.values()]

    @functools.cache  # noqa: B019  (one map per process, kept for the process's life)
    def _province(self, code: int) -> Province:
        _code, kind, name, wards = self._raw_provinces[code]
        return Province(code, kind, name, tuple(Commune(c, k, n, name) for c, k, n in wards))

    def province(self, text: str) -> Province | None:
        """Today's province named by `text` ('Lạng Sơn', 'tỉnh Lạng Sơn', 'TP Hà Nội'), or None."""
        code = self._province_keys.get(name_key(_PROVINCE_WORD.sub("", text.strip())))
        return None if code is None else self._province(code)

    def old_province(self, text: str) -> tuple[str, Province] | None:
        """An old province's full name and the province it became, or None ('Bắc Giang')."""
        row = self._old_keys.get(name_key(_PROVINCE_WORD.sub("", text.strip())))
        return None if row is None else (f"{row[0]} {row[1]}", self._province(row[2]))

    def province_suggestions(self, text: str) -> list[str]:
        """Today's province names close to `text`."""
        names = {name_key(name): name for name in self.province_names}
        wanted = name_key(_PROVINCE_WORD.sub("", text.strip()))
        import difflib

        return [names[key] for key in difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)]

    def communes_named(self, province: Province, name: str) -> list[Commune]:
        """Today's communes of `province` with this name (any unit word)."""
        key = name_key(name)
        return [c for c in province.communes if name_key(c.name) == key]

    def commune_suggestions(self, province: Province, name: str) -> list[Commune]:
        """Today's communes of `province` whose name is close to `name` (a typo)."""
        names = {name_key(c.name): c for c in province.communes}
        import difflib

        close = difflib.get_close_matches(name_key(name), list(names), n=3, cutoff=0.75)
        return [names[key] for key in close]

    def old_communes(
        self,
        name: str,
        *,
        kind: str | None = None,
        district: str | None = None,
        province: Province | None = None,
        old_province: str | None = None,
    ) -> list[OldCommune]:
        """Old communes with this name, narrowed by unit word, old district and province.

        `province` is today's province the old commune now lies in; `old_province` is the old
        province's name. The unit word narrows only when something is left (a clerk may have
        written "xã" for an old "thị trấn").
        """
        key = name_key(name)
        wanted_old = name_key(_PROVINCE_WORD.sub("", old_province)) if old_province else None
        wanted_district = name_key(district) if district else None
        found = []
        for _p_kind, p_name, new_code, districts in self._raw_old:
            if province is not None and new_code != province.code:
                continue
            if wanted_old is not None and name_key(p_name) != wanted_old:
                continue
            for d_kind, d_name, wards in districts:
                if wanted_district is not None and name_key(d_name) != wanted_district:
                    continue
                for w_kind, w_name, targets in wards:
                    if name_key(w_name) == key:
                        found.append(self._old(p_name, new_code, d_kind, d_name, w_kind, w_name, targets))
        if kind is not None:
            same_kind = [o for o in found if o.kind == kind.casefold()]
            found = same_kind or found
        return found

    def _old(self, p_name: str, new_code: int, *row: Any) -> OldCommune:
        d_kind, d_name, w_kind, w_name, targets = row
        by_code = {c.code: c for c in self._province(new_code).communes}
        return OldCommune(w_kind, w_name, d_kind, d_name, p_name, tuple(by_code[t] for t in targets))


@functools.cache
def load() -> AdminMap:
    """Read the table shipped in the package (once per process)."""
    text = (Path(__file__).parent / "data" / DATA_FILE).read_text(encoding="utf-8")
    import json  # the map is read only by plans dated from 1/7/2025, new-year and batch

    return AdminMap(json.loads(text))


def unit_name(text: str) -> UnitName | None:
    """The first 'xã/phường/thị trấn/đặc khu <Name>' in `text`, name cut at punctuation."""
    match = _UNIT_WORD.search(text)
    if match is None:
        return None
    name = _capitalised_words(text[match.end() :])
    return UnitName(match.group(1).casefold(), name) if name else None


def district_names(text: str) -> list[str]:
    """Every old district named in `text` ('UBND huyện Cao Lộc' -> ['Cao Lộc'])."""
    names = []
    for match in _DISTRICT_WORD.finditer(text):
        name = _capitalised_words(text[match.end() :])
        if name:
            names.append(name)
    return names


def province_names(text: str) -> list[str]:
    """Every 'tỉnh <Name>' in `text`."""
    names = []
    for match in re.finditer(r"(?<!\w)tỉnh\s+(?=\w)", text, re.IGNORECASE):
        name = _capitalised_words(text[match.end() :])
        if name:
            names.append(name)
    return names


def _capitalised_words(text: str) -> str:
    """The leading run of capitalised words (or numbers) of `text`: 'Cao Lộc về ...' -> 'Cao Lộc'.

    A hyphen between two capitalised parts stays ('Văn Miếu - Quốc Tử Giám').
    """
    words: list[str] = []
    for word in re.split(r"(\s+)", text.strip()):
        if not word or word.isspace():
            continue
        bare = word.rstrip(",.;:)(\"'")
        if bare and (bare[0].isupper() or bare[0].isdigit() or (bare in "-–" and words)):
            words.append(bare)
            if bare != word:
                break
        else:
            break
    while words and words[-1] in "-–":
        words.pop()
    return " ".join(words)
