"""A commune's references to itself, found in a plan's text and rewritten for another commune.

A plan speaks of the commune that issues it in three ways: by name with its unit word ("xã Gia
Cát", "UBND xã Gia Cát"), by the unit word alone where the commune is meant ("UBND xã ban hành",
"trên địa bàn xã", "của xã", "toàn xã"), and in the place of the date line. When the commune
changes (new-year across the 2025 reform: xã Gia Cát became phường Kỳ Lừa; batch: one base plan
for every commune), each of these follows the new unit word and name.

What is not a reference to the commune itself, and stays:
- the name of the level, "cấp xã" ("cán bộ cấp xã", "UBND cấp xã");
- other communes: a plural or a count before the unit word ("các xã", "mỗi xã", "03 xã"), a list
  of unit words ("xã, phường, thị trấn"), a unit word followed by another name ("xã Hồng Phong" in
  a plan of xã Gia Cát);
- words that only begin like a unit word: "xã hội" (society), "xã viên", "xã giao".

Both the new-year reform (`commands.reform`) and batch (`commands.batch`) use this one module.
Words whose meaning depends on the kind of unit (thôn, bản, tổ dân phố, khu phố) are counted
by `unit_dependent_words`, never rewritten: which villages a ward has is the clerk's knowledge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bdg_plan.facts.admin_map import ALL_COMMUNE_KINDS, alternation

#: Words before a unit word that make it a level, a plural or a count: not the commune itself.
_NOT_SELF_BEFORE = (
    "cấp",
    "các",
    "những",
    "mỗi",
    "từng",
    "nhiều",
    "mọi",
    "số",
    "giữa",
    "liên",
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "và",
    "hoặc",
    "với",
)
#: Words after a bare "xã" that make another word of it ("xã hội": society).
_COMPOUNDS = ("hội", "viên", "giao", "tắc", "đội")
#: Words of a place inside a commune, whose names differ by kind of unit (xã: thôn, bản; phường:
#: tổ dân phố, khu phố).
UNIT_DEPENDENT_WORDS = ("thôn", "bản", "xóm", "ấp", "tổ dân phố", "khu phố", "khối phố", "tổ dân cư")

_UNIT = alternation(ALL_COMMUNE_KINDS)
_BEFORE = re.compile(rf"(?:{'|'.join(_NOT_SELF_BEFORE)}|\d+)[ \t]+$", re.IGNORECASE)
_AFTER_COMPOUND = re.compile(rf"[ \t]+(?:{'|'.join(_COMPOUNDS)})(?!\w)", re.IGNORECASE)
#: After a unit word: another unit word in a list ("xã, phường"), or "/" between kinds.
_AFTER_LIST = re.compile(rf"\s*(?:,|/|và|hoặc)\s*{_UNIT}(?!\w)", re.IGNORECASE)
#: Before a unit word: another unit word and a list mark ("phường, xã").
_LIST_BEFORE = re.compile(rf"{_UNIT}\s*(?:,|/|và|hoặc)\s*$", re.IGNORECASE)
#: A capitalised word right after a unit word: the name of a unit.
_AFTER_NAME = re.compile(r"[ \t]+(?=[A-ZĐÀ-Ỹ])")
_UNIT_DEPENDENT = re.compile(rf"(?<!\w)(?:{'|'.join(UNIT_DEPENDENT_WORDS)})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """A commune as its plan names it: the unit word ("xã", "phường", "đặc khu") and its name."""

    kind: str
    name: str

    @property
    def full(self) -> str:
        """The unit word and the name: "xã Gia Cát"."""
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class Rewrite:
    """Replace text[start:end] (a reference to the old commune) with `new`."""

    start: int
    end: int
    old: str
    new: str


def recase(word: str, like: str) -> str:
    """`word` in the case of `like`: all capitals, first capital, or as it is."""
    if like.isupper() and any(c.isalpha() for c in like):
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def self_references(text: str, old: Unit, new: Unit) -> list[Rewrite]:
    """Every place in `text` where the old commune names itself, with what the new one writes.

    The named form ("xã Gia Cát", any case) becomes the new unit word and name; the bare unit word
    where it stands for the commune itself becomes the new unit word (only when the kind
    changes). A name alone ("chợ Gia Cát") is not rewritten: it may name a market or a school,
    which keep their names. The rewrites do not overlap and come in text order.
    """
    found: list[Rewrite] = []
    named = re.compile(rf"(?<!\w)({re.escape(old.kind)})[ \t]+({re.escape(old.name)})(?!\w)", re.IGNORECASE)
    taken: list[tuple[int, int]] = []
    for match in named.finditer(text):
        replacement = f"{recase(new.kind, match.group(1))} {recase_name(new.name, match.group(2))}"
        if match.group() != replacement:
            found.append(Rewrite(match.start(), match.end(), match.group(), replacement))
        taken.append(match.span())
    if new.kind.lower() != old.kind.lower():
        found += _bare_unit_words(text, old.kind, new.kind, taken)
    return sorted(found, key=lambda r: r.start)


def recase_name(name: str, like: str) -> str:
    """A proper name in the case of `like`: all capitals when it was, else as the map writes it."""
    return name.upper() if like.isupper() else name


def _bare_unit_words(text: str, old_kind: str, new_kind: str, taken: list[tuple[int, int]]) -> list[Rewrite]:
    """The unit word alone where it stands for the commune itself ("UBND xã", "của xã")."""
    found = []
    for match in re.finditer(rf"(?<!\w){re.escape(old_kind)}(?!\w)", text, re.IGNORECASE):
        start, end = match.span()
        if any(a <= start < b for a, b in taken):
            continue
        before, after = text[max(0, start - 24) : start], text[end : end + 40]
        if (
            _BEFORE.search(before)  # the level or other communes: "cấp xã", "các xã", "03 xã"
            or _LIST_BEFORE.search(before)  # the last of a list of kinds: "phường, xã"
            or _AFTER_COMPOUND.match(after)  # another word: "xã hội"
            or _AFTER_LIST.match(after)  # a list of kinds: "xã, phường"
            or _AFTER_NAME.match(after)  # another unit's name: "xã Hồng Phong"
        ):
            continue
        found.append(Rewrite(start, end, match.group(), recase(new_kind, match.group())))
    return found


def apply(text: str, rewrites: list[Rewrite]) -> str:
    """`text` with `rewrites` made (as `self_references` returns them: in order, not overlapping)."""
    pieces, at = [], 0
    for rewrite in rewrites:
        pieces += [text[at : rewrite.start], rewrite.new]
        at = rewrite.end
    return "".join([*pieces, text[at:]])


def unit_dependent_words(text: str) -> list[str]:
    """The words of `text` that name places inside a commune by its kind (thôn, tổ dân phố, ...)."""
    return [match.group() for match in _UNIT_DEPENDENT.finditer(text)]
