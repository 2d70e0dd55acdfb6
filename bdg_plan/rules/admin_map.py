"""Validate rules against the 2025 administrative map, for plans dated on or after 1/7/2025.

The plan names its province (`co_quan.tinh`); the issuing commune in `co_quan.ten` must exist in
that province with its unit word right ("UBND xã Tam Thanh" is wrong when Tam Thanh is a
phường); a name that vanished in the reform is reported with what it became, mapped through the
old district when the plan names one (two old communes can share a name); and the place name of
the date line must agree with the commune.

Plans dated before 1/7/2025 are never checked against the map: the old names were right then.
`check` runs `map_rules` only for plans dated on or after the reform, so the map is loaded only
then. Rule family "admin_map" of pipeline stage 3 (validate): each rule yields `Finding`s;
`bdg_plan.rules.validate` places them in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bdg_plan import messages as msg
from bdg_plan.errors import Severity
from bdg_plan.facts.admin_map import (
    ALL_COMMUNE_KINDS,
    REFORM_DATE,
    AdminMap,
    Commune,
    OldCommune,
    Province,
    alternation,
    district_names,
    load,
    name_key,
    unit_name,
)
from bdg_plan.facts.place_names import keeps_unit_word, place_name
from bdg_plan.facts.vietnamese import capitalize_first
from bdg_plan.plan.model import Plan
from bdg_plan.rules.body import UNFILLED_MARKER
from bdg_plan.rules.finding import Finding

#: Every code this family yields, and what it flags.
CODES = {
    "map-province-missing": "a plan dated after the reform that does not name its province (co_quan.tinh)",
    "map-province-merged": "a province that was merged into another in 2025",
    "map-province-unknown": "a province name that is not one of the 34",
    "map-unit-word": "a commune named with the wrong unit word (xã for a phường)",
    "map-commune-merged": "a commune that vanished in the reform, with what it became",
    "map-commune-unknown": "a commune the province does not have, then or now",
    "map-commune-old-district": "a commune name the plan's old district shows to be a merged namesake",
    "map-place-mismatch": "a date line's place name that is not the issuing commune's",
    "map-place-unit-word": "a date line's place name without the unit word its commune's name needs",
}

_E = Severity.ERROR
_W = Severity.WARNING
_TINH = ("co_quan", "tinh")
_TEN = ("co_quan", "ten")
_DIA_DANH = ("co_quan", "dia_danh")
_PLACE_UNIT = re.compile(rf"^{alternation(ALL_COMMUNE_KINDS)}\s+", re.IGNORECASE)


def check(plan: Plan) -> Iterator[Finding]:
    """Every rule of this family, on a typed plan dated on or after 1/7/2025 (none before).

    A date not read yet (`CẦN ĐIỀN`) is no date: the map is not applied to a guess.
    """
    if not plan.ngay.can_dien and plan.ngay.earliest >= REFORM_DATE:
        yield from map_rules(plan, UNFILLED_MARKER.search)


def map_rules(plan: Plan, unfilled: Callable[[str], object]) -> Iterator[Finding]:
    """Province, commune and place-name findings for a plan dated on or after 1/7/2025.

    `unfilled` tells a starter's `<<ĐIỀN VÀO ĐÂY>>` marker (validate warns about those itself).
    """
    tinh = plan.co_quan.tinh
    if tinh is None:
        yield Finding(("co_quan",), "map-province-missing", msg.MAP_PROVINCE_MISSING, _E)
        return
    if unfilled(tinh):
        return  # the starter's marker: `unfilled_markers` already says so
    admin = load()
    province = admin.province(tinh)
    if province is None:
        yield _unknown_province(admin, tinh)
        return
    given = unit_name(plan.co_quan.ten)
    if given is None or unfilled(plan.co_quan.ten):
        return
    yield from _commune_findings(admin, province, given.kind, given.name, _districts(plan))
    yield from _place_findings(plan.co_quan.dia_danh, given.kind, given.name)


def _unknown_province(admin: AdminMap, tinh: str) -> Finding:
    old = admin.old_province(tinh)
    if old is not None:
        old_name, new = old
        text = capitalize_first(msg.MAP_PROVINCE_MERGED.format(old=old_name, new=new.full, name=new.name))
        return Finding(_TINH, "map-province-merged", text, _E)
    text = msg.MAP_PROVINCE_UNKNOWN.format(value=tinh)
    suggestions = admin.province_suggestions(tinh)
    if suggestions:
        text += msg.DID_YOU_MEAN.format(suggestion=suggestions[0])
    return Finding(_TINH, "map-province-unknown", text, _E)


def _districts(plan: Plan) -> list[str]:
    """Old districts the plan names (superior body, căn cứ, recipients), first mention first."""
    # A căn cứ written as one paragraph (a string) names its issuer in that text.
    texts = [
        plan.co_quan.cap_tren or "",
        *(c if isinstance(c, str) else c.co_quan or "" for c in plan.can_cu),
    ]
    texts += [r.ten for r in plan.noi_nhan]
    names: list[str] = []
    for text in texts:
        names += [name for name in district_names(text) if name not in names]
    return names


def _commune_findings(
    admin: AdminMap, province: Province, kind: str, name: str, districts: list[str]
) -> Iterator[Finding]:
    given = f"{kind} {name}"
    current = admin.communes_named(province, name)
    exact = [c for c in current if c.kind == kind]
    if exact:
        yield from _same_name_elsewhere(admin, province, exact[0], districts)
        return
    if current:
        commune = current[0]
        text = msg.MAP_UNIT_WORD.format(
            given=given, name=commune.name, province=province.full, kind=commune.kind, given_kind=kind
        )
        yield Finding(_TEN, "map-unit-word", text, _E)
        return
    olds, district = _old_through_district(admin, province, kind, name, districts)
    if olds:
        yield Finding(_TEN, "map-commune-merged", _vanished(given, olds, district, province), _E)
        return
    text = msg.MAP_COMMUNE_UNKNOWN.format(given=given, province=province.full)
    suggestions = admin.commune_suggestions(province, name)
    if suggestions:
        text += msg.DID_YOU_MEAN.format(suggestion=suggestions[0].full)
    yield Finding(_TEN, "map-commune-unknown", text, _E)


def _old_through_district(
    admin: AdminMap, province: Province, kind: str, name: str, districts: list[str]
) -> tuple[list[OldCommune], str | None]:
    """Old communes of this name in the province, through the first old district that has one."""
    for district in districts:
        found = admin.old_communes(name, kind=kind, district=district, province=province)
        if found:
            return found, district
    return admin.old_communes(name, kind=kind, province=province), None


def _vanished(given: str, olds: list[OldCommune], district: str | None, province: Province) -> str:
    """'merged into X' for one old commune, 'split into X, Y', or one line per old namesake."""
    targets = {old.targets for old in olds}
    if len(targets) == 1:
        old = olds[0]
        where = msg.MAP_OF_DISTRICT.format(district=f"{old.district_kind} {old.district}") if district else ""
        new = old.targets
        if len(new) == 1:
            text = msg.MAP_COMMUNE_MERGED.format(
                given=given, district=where, new=new[0].full, province=province.full
            )
            return text + msg.DID_YOU_MEAN.format(suggestion=f"Ủy ban nhân dân {new[0].full}")
        listed = ", ".join(c.full for c in new)
        return msg.MAP_COMMUNE_SPLIT.format(given=given, district=where, new=listed, province=province.full)
    cases = "; ".join(
        msg.MAP_COMMUNE_CASE.format(
            old=old.full, district=f"{old.district_kind} {old.district}", new=_listed(old.targets)
        )
        for old in olds
    )
    return msg.MAP_COMMUNE_SEVERAL.format(given=given, cases=cases)


def _listed(communes: tuple[Commune, ...]) -> str:
    return ", ".join(c.full for c in communes)


def _same_name_elsewhere(
    admin: AdminMap, province: Province, commune: Commune, districts: list[str]
) -> Iterator[Finding]:
    """The name exists today, but the old district the plan names had a namesake that merged away.

    Old Lạng Sơn had two xã Hồng Phong: Bình Gia's kept its name, Cao Lộc's became part of xã
    Đồng Đăng. A plan that still cites huyện Cao Lộc most likely means the second.
    """
    for district in districts:
        for old in admin.old_communes(commune.name, kind=commune.kind, district=district, province=province):
            if commune not in old.targets:
                others = [
                    o
                    for o in admin.old_communes(commune.name, kind=commune.kind, province=province)
                    if commune in o.targets and name_key(o.name) == name_key(commune.name)
                ]
                other = f"{others[0].district_kind} {others[0].district} cũ" if others else province.full
                text = msg.MAP_COMMUNE_OLD_DISTRICT.format(
                    old=old.full,
                    district=f"{old.district_kind} {old.district}",
                    new=_listed(old.targets),
                    given=commune.full,
                    other=other,
                )
                yield Finding(_TEN, "map-commune-old-district", text, _W)
                return


def _place_findings(dia_danh: str, kind: str, name: str) -> Iterator[Finding]:
    """The date line's place name is the commune's name, with its unit word if one is written."""
    place = dia_danh.strip()
    written = _PLACE_UNIT.match(place)
    bare = place[written.end() :] if written else place
    if name_key(bare) != name_key(name):
        expected = place_name(kind, name)
        text = msg.MAP_PLACE_MISMATCH.format(value=dia_danh, commune=f"{kind} {name}", expected=expected)
        yield Finding(_DIA_DANH, "map-place-mismatch", text, _E)
    elif not written and keeps_unit_word(name):
        text = msg.PLACE_NEEDS_UNIT_WORD.format(value=dia_danh, expected=place_name(kind, name))
        yield Finding(_DIA_DANH, "map-place-unit-word", text, _W)
    elif written and written.group(1).casefold() != kind:
        text = msg.MAP_PLACE_UNIT_WORD.format(
            value=dia_danh, given_kind=written.group(1).casefold(), kind=kind, name=name
        )
        yield Finding(_DIA_DANH, "map-place-mismatch", text, _E)
