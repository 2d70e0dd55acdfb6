"""Import: the province (`co_quan.tinh`) of a plan issued on or after 1/7/2025.

A KẾ HOẠCH does not print its province, but the plan file needs it for plans dated after the
2025 reform (the map rules check the commune against it). It is found from the document's own
words: a province the text names ("Sở Nội vụ tỉnh Lạng Sơn") that holds the issuing commune,
else the one province in the country with a commune of that name and unit word. When neither
settles it, a marker the validator reads as "still to fill" is written instead.
"""

from __future__ import annotations

from bdg_plan.facts.admin_map import load, province_names, unit_name


def infer_province(organ: str, texts: list[str]) -> str | None:
    """The province of the commune named in `organ`, judged from `texts`; None if unsure."""
    commune = unit_name(organ)
    if commune is None:
        return None
    admin = load()

    def holds(name: str) -> bool:
        province = admin.province(name)
        return province is not None and any(
            c.kind == commune.kind.casefold() for c in admin.communes_named(province, commune.name)
        )

    named = dict.fromkeys(name for text in texts for name in province_names(text))
    found = [name for name in named if holds(name)]
    if len(found) == 1:
        return admin.province(found[0]).name  # type: ignore[union-attr]
    if found:
        return None
    everywhere = [name for name in admin.province_names if holds(name)]
    return everywhere[0] if len(everywhere) == 1 else None
