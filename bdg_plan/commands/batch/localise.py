"""Batch: the base plan's own commune replaced by each commune's, and what of the base is left.

A base plan is one commune's plan ("Ủy ban nhân dân phường Kỳ Lừa ban hành ..."). Before a
commune's values are merged in, every text the commune does not set itself has the base's
references to itself rewritten for that commune, by the rewrite new-year uses across the 2025
reform (`commands.self_reference`): "phường Kỳ Lừa" -> "xã Đồng Đăng", "UBND phường" -> "UBND xã".
A căn cứ keeps its words: it cites a document by its identity.

What is not a reference to the commune itself (a market, a school or a village named for the
base commune: "chợ Kỳ Lừa") is not rewritten; `leftovers` finds it, so the commune's status says
so instead of "đạt".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bdg_plan.commands.self_reference import Rewrite, Unit, apply, self_references
from bdg_plan.facts.admin_map import DISTRICT_KINDS, name_key, unit_name
from bdg_plan.plan.loader import DataPath, texts_with_paths

#: Unit words of bodies above a commune: the base's name after one of them is another body's name
#: ("huyện Cao Lộc" in a plan of xã Cao Lộc), not a leftover.
_SUPERIOR_WORDS = "|".join((*DISTRICT_KINDS, "tỉnh", r"tp\.?"))
_SUPERIOR_BEFORE = re.compile(rf"(?:{_SUPERIOR_WORDS})\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Rewritten:
    """One rewrite made in the base's text for a commune: where, and what became what."""

    path: DataPath
    old: str
    new: str


@dataclass(frozen=True)
class Leftover:
    """The base commune's name still in a text of a commune's plan: where and how many times."""

    path: DataPath
    count: int


def plan_unit(data: Any) -> Unit | None:
    """The commune a plan's data names in `co_quan.ten` ("Ủy ban nhân dân xã Gia Cát")."""
    co_quan = data.get("co_quan") if isinstance(data, dict) else None
    ten = co_quan.get("ten") if isinstance(co_quan, dict) else None
    found = unit_name(ten) if isinstance(ten, str) else None
    return Unit(found.kind, found.name) if found else None


def localise(data: Any, base: Unit, commune: Unit, keep: set[DataPath]) -> tuple[Any, list[Rewritten]]:
    """`data` with the base commune's references to itself rewritten for `commune`.

    Texts at the paths in `keep` (the ones the commune sets itself) and under `can_cu` stay as
    they are. The data is copied where it changes; `data` itself is not changed.
    """
    made: list[Rewritten] = []

    def walk(value: Any, path: DataPath) -> Any:
        if path in keep or path[:1] == ("can_cu",):
            return value
        if isinstance(value, str):
            rewrites: list[Rewrite] = self_references(value, base, commune)
            made.extend(Rewritten(path, r.old, r.new) for r in rewrites)
            return apply(value, rewrites) if rewrites else value
        if isinstance(value, dict):
            return {key: walk(child, (*path, key)) for key, child in value.items()}
        if isinstance(value, list):
            return [walk(child, (*path, index)) for index, child in enumerate(value)]
        return value

    return walk(data, ()), made


def leftovers(data: Any, base: Unit, commune: Unit) -> list[Leftover]:
    """Where the base commune's name is still written, as a whole phrase in any case.

    It does not count where it is the commune's own name too, after the unit word of a body
    above a commune ("huyện Cao Lộc"), or in a căn cứ (a cited document's identity).
    """
    if name_key(base.name) == name_key(commune.name):
        return []
    pattern = re.compile(rf"(?<!\w){re.escape(base.name)}(?!\w)", re.IGNORECASE)
    found: list[Leftover] = []
    for path, value in texts_with_paths(data):
        if path[:1] == ("can_cu",):
            continue
        count = sum(
            1
            for match in pattern.finditer(value)
            if not _SUPERIOR_BEFORE.search(value[max(0, match.start() - 16) : match.start()])
        )
        if count:
            found.append(Leftover(path, count))
    return found
