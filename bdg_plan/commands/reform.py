"""new-year across the 2025 reform: a plan dated before 1/7/2025 rolled to a date on or after it.

What it does, on top of the year edits of `bdg_plan.commands.new_year`:
- finds the old commune from the plan: its name in `co_quan.ten`, narrowed by the old district
  the plan names (superior line, căn cứ, recipients, text or comments) and the old province, and
  says how it inferred it;
- writes `co_quan.tinh` (the province the old commune now lies in);
- when the commune became exactly one new commune, renames it in the body's name, the place name
  and wherever "xã <old name>" appears outside the căn cứ, fixing the unit word (xã <-> phường);
  when it was split, lists every candidate and changes nothing;
- reports, as review items, the district superior line, the labour-department bodies (whose
  gender-equality work moved to the interior ministry's bodies on 1/3/2025) and the comments that
  still name the old year or the old units.
Every item becomes a `# CẦN XEM LẠI: ...` comment in the new file (`bdg_plan.rules.review_marks`).

The mapping is the shipped table of `bdg_plan.facts.admin_map`; each message names it as the source.
The module is a little over 400 lines because inference, edits and review items share the one
`Inference` and splitting them would scatter the reform's rules over three files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode

from bdg_plan import messages as msg
from bdg_plan.commands.self_reference import Unit, recase, self_references, unit_dependent_words
from bdg_plan.facts.admin_map import (
    DISTRICT_PATTERN,
    OLD_COMMUNE_KINDS,
    REFORM_DATE,
    AdminMap,
    OldCommune,
    Province,
    alternation,
    district_names,
    load,
    name_key,
    province_names,
    unit_name,
)
from bdg_plan.facts.place_names import place_name
from bdg_plan.plan.loader import texts_with_paths
from bdg_plan.plan.model import Plan
from bdg_plan.rules.review_marks import MARKER, comment_lines

if TYPE_CHECKING:
    from bdg_plan.plan.loader import DataPath, LoadedDocument

#: The path shown for a review item that concerns a comment line, not a YAML key.
COMMENT_PATH = "(ghi chú)"


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `new` (start == end inserts), inside the value at `scope`."""

    start: int
    end: int
    new: str
    path: DataPath
    scope: tuple[int, int]


@dataclass(frozen=True)
class Note:
    """A review item: its data path (None for a comment line), line in the new file and reason."""

    path: DataPath | None
    line: int
    reason: str


_LABOUR = (
    r"(?:Lao\s+động\s*[-–]\s*Thương\s+binh\s+và\s+Xã\s+hội"
    r"|LĐ\s*(?:[-–]\s*)?TB\s*(?:(?:&|và|,)\s*)?XH|LĐTBXH|LĐTB)"
)
_LABOUR_MINISTRY = re.compile(rf"(?<!\w)Bộ\s+{_LABOUR}", re.IGNORECASE)
_LABOUR_DEPARTMENT = re.compile(rf"(?<!\w)Sở\s+{_LABOUR}", re.IGNORECASE)
_LABOUR_OFFICE = re.compile(rf"(?<!\w)(?:Phòng|P\.?)\s+{_LABOUR}", re.IGNORECASE)
_LABOUR_ANY = re.compile(_LABOUR, re.IGNORECASE)


def crosses_reform(plan: Plan, new_year: int) -> bool:
    """True when the old plan is dated before 1/7/2025 and the new one (same month) on or after."""
    return plan.ngay.earliest < REFORM_DATE <= dt.date(new_year, plan.ngay.thang, 1)


@dataclass
class Inference:
    """What the old plan says about where it comes from, and what that place is now."""

    kind: str | None = None
    name: str | None = None
    old: OldCommune | None = None
    how: str = ""
    problem: str | None = None
    province: Province | None = None
    source: str = ""
    #: Renamed old "xã X" -> new "phường Y" edits were made (for the report).
    renamed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def infer(plan: Plan, text: str) -> Inference:
    """Find the old commune of the plan and the province it lies in today."""
    admin = load()
    result = Inference(source=msg.REFORM_SOURCE.format(**_versions(admin)))
    given = unit_name(plan.co_quan.ten)
    if given is None:
        return result
    result.kind, result.name = given.kind, given.name
    commune = f"{given.kind} {given.name}"
    districts, provinces = _hints(plan, text)
    for district, where in districts:
        for province, _p_where in [*provinces, (None, "")]:
            found = admin.old_communes(given.name, kind=given.kind, district=district, old_province=province)
            if _one_place(found):
                how = msg.REFORM_HOW_DISTRICT.format(
                    commune=commune, district=f"{found[0].district_kind} {found[0].district}", where=where
                )
                return _settle(result, admin, found[0], how)
    for province, where in provinces:
        found = admin.old_communes(given.name, kind=given.kind, old_province=province)
        if _one_place(found):
            how = msg.REFORM_HOW_PROVINCE.format(
                commune=commune, province=f"tỉnh {found[0].province}", where=where
            )
            return _settle(result, admin, found[0], how)
    found = admin.old_communes(given.name, kind=given.kind)
    if _one_place(found):
        old = found[0]
        how = msg.REFORM_HOW_UNIQUE.format(
            commune=commune, district=f"{old.district_kind} {old.district}", province=f"tỉnh {old.province}"
        )
        return _settle(result, admin, old, how)
    if found:
        places = "; ".join(f"{o.district_kind} {o.district}, tỉnh {o.province}" for o in found[:6])
        places += "; ..." if len(found) > 6 else ""
        reason = msg.REFORM_REASON_SEVERAL.format(count=len(found), commune=commune, places=places)
    else:
        reason = msg.REFORM_REASON_NONE.format(commune=commune)
    result.problem = msg.REFORM_PROVINCE_UNKNOWN.format(commune=commune, reason=reason)
    return result


def _versions(admin: AdminMap) -> dict[str, str]:
    return {
        "vp": admin.source.get("vietnam-provinces", "?"),
        "va": admin.source.get("vietnamadminunits", "?"),
    }


def _one_place(found: list[OldCommune]) -> bool:
    """Exactly one old commune (or namesakes that all became the same thing)."""
    return bool(found) and len({o.targets for o in found}) == 1 and bool(found[0].targets)


def _settle(result: Inference, admin: AdminMap, old: OldCommune, how: str) -> Inference:
    result.old, result.how = old, how
    result.province = admin.province(old.targets[0].province)
    return result


def _hints(plan: Plan, text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Old districts and provinces the plan names, each with where it was read, in trust order."""
    sources = []
    if plan.co_quan.cap_tren:
        sources.append((plan.co_quan.cap_tren, "co_quan.cap_tren"))
    sources += [
        (c, f"can_cu[{i}]") if isinstance(c, str) else (c.co_quan or "", f"can_cu[{i}].co_quan")
        for i, c in enumerate(plan.can_cu)
    ]
    sources += [(r.ten, f"noi_nhan[{i}]") for i, r in enumerate(plan.noi_nhan)]
    sources += [(comment, f"{COMMENT_PATH} dòng {line}") for line, comment in comment_lines(text)]
    districts: list[tuple[str, str]] = []
    provinces: list[tuple[str, str]] = []
    for value, where in sources:
        for name in district_names(value):
            if name_key(name) not in {name_key(d) for d, _w in districts}:
                districts.append((name, where))
        for name in province_names(value):
            if name_key(name) not in {name_key(p) for p, _w in provinces}:
                provinces.append((name, where))
    return districts, provinces


# --- Edits on the old text --------------------------------------------------------------------
def edits(
    root: Node, text: str, inference: Inference, scalars: list[tuple[DataPath, ScalarNode]]
) -> list[Edit]:
    """The province line and, for a commune that became exactly one, its new name.

    `scalars` are the document's value nodes with their paths (as new-year walks them).
    """
    found: list[Edit] = []
    co_quan = _child(root, "co_quan")
    block = isinstance(co_quan, MappingNode) and not co_quan.flow_style
    if inference.province is not None and block and _child(co_quan, "tinh") is None:
        assert isinstance(co_quan, MappingNode)
        found += _province_line(co_quan, text, inference.province.name)
    if block:
        assert isinstance(co_quan, MappingNode)
        found += _district_superior_removed(co_quan, text, inference)
    old = inference.old
    if old is None or len(old.targets) != 1:
        return found
    new = old.targets[0]
    if (new.kind, name_key(new.name)) == (old.kind, name_key(old.name)):
        return found
    inference.renamed = True
    before = Unit(inference.kind or old.kind, inference.name or old.name)
    after = Unit(new.kind, new.name)
    for path, node in scalars:
        start, end = node.start_mark.index, node.end_mark.index
        if path[:1] == ("can_cu",) or node.tag != "tag:yaml.org,2002:str":
            continue  # a căn cứ cites a document by its identity, the commune's old name included
        span = text[start:end]
        if path == ("co_quan", "dia_danh"):
            place = _new_place(span, old.name, new.kind, new.name)
            if place is not None:
                found.append(Edit(start + place[0], start + place[1], place[2], path, (start, end)))
            continue
        for rewrite in self_references(span, before, after):
            found.append(Edit(start + rewrite.start, start + rewrite.end, rewrite.new, path, (start, end)))
    return found


def _district_superior_removed(co_quan: MappingNode, text: str, inference: Inference) -> list[Edit]:
    """The `cap_tren` line of a district body, removed: there is no district level from 1/7/2025.

    A commune's plan then names no superior (a commune's committee answers to the province's,
    which Decree 30 does not print above it). Only a line of its own in a block mapping is removed.
    """
    old_district = _old_district_pattern(inference)
    for key, value in co_quan.value:
        if not (isinstance(key, ScalarNode) and key.value == "cap_tren" and isinstance(value, ScalarNode)):
            continue
        superior = str(value.value)
        if not (DISTRICT_PATTERN.search(superior) or (old_district and old_district.search(superior))):
            return []
        start = text.rfind("\n", 0, key.start_mark.index) + 1
        end = text.find("\n", value.end_mark.index)
        if text[start : key.start_mark.index].strip() or end < 0 or text[value.end_mark.index : end].strip():
            return []  # not a line of its own (flow style, a trailing comment): left to the review
        return [Edit(start, end + 1, "", ("co_quan", "cap_tren"), (start, end + 1))]
    return []


def renamed_units(inference: Inference) -> tuple[Unit, Unit] | None:
    """The old commune and the one it became, when the plan moves to a new name or unit word."""
    old = inference.old
    if not inference.renamed or old is None or len(old.targets) != 1:
        return None
    return Unit(inference.kind or old.kind, inference.name or old.name), Unit(
        old.targets[0].kind, old.targets[0].name
    )


def _province_line(co_quan: MappingNode, text: str, province: str) -> list[Edit]:
    """A `tinh: <province>` line right after the line where `ten`'s value ends."""
    for key, value in co_quan.value:
        if isinstance(key, ScalarNode) and key.value == "ten":
            end = value.end_mark.index
            at = end if end > 0 and text[end - 1] == "\n" else text.find("\n", end) + 1
            if at <= 0:
                return []
            eol = "\r\n" if text[at - 2 : at] == "\r\n" else "\n"
            line = f"{' ' * key.start_mark.column}tinh: {province}{eol}"
            return [Edit(at, at, line, ("co_quan", "tinh"), (at, at))]
    return []


def _new_place(span: str, old_name: str, kind: str, name: str) -> tuple[int, int, str] | None:
    """The edit of the place name: 'Hồng Phong' -> 'Đồng Đăng', 'Xã Hồng Phong' -> 'Phường ...'."""
    match = re.search(rf"(?:{alternation(OLD_COMMUNE_KINDS)}[ \t]+)?{re.escape(old_name)}(?!\w)", span, re.I)
    if match is None:
        return None
    new = f"{recase(kind, match.group(1))} {name}" if match.group(1) else place_name(kind, name)
    return match.start(), match.end(), new


def _child(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value  # type: ignore[no-any-return]
    return None


# --- Review items on the new plan -------------------------------------------------------------
def reviews(doc: LoadedDocument, plan: Plan, inference: Inference, old_year: int) -> list[Note]:
    """The reform's review items, at their lines in the new file."""
    items: list[Note] = []

    def add(path: DataPath, reason: str) -> None:
        place = doc.resolve(path)
        items.append(Note(place, doc.locate(place).line, reason))

    kind = (
        inference.old.targets[0].kind if inference.old and inference.old.targets else inference.kind
    ) or "xã"
    if inference.province is not None and plan.co_quan.tinh:
        add(
            ("co_quan", "tinh"),
            msg.REFORM_PROVINCE_FILLED.format(
                province=plan.co_quan.tinh, how=inference.how, source=inference.source
            ),
        )
    commune = _commune_review(inference)
    if commune:
        add(("co_quan", "ten"), commune)
    if inference.renamed and inference.old is not None and plan.nguoi_ky.ho_ten:
        new = inference.old.targets[0]
        if name_key(new.name) != name_key(inference.old.name):
            add(("nguoi_ky", "ho_ten"), msg.REFORM_SIGNER.format(old=inference.old.full, new=new.full))
    old_district = _old_district_pattern(inference)
    cap_tren = plan.co_quan.cap_tren
    if cap_tren and (DISTRICT_PATTERN.search(cap_tren) or (old_district and old_district.search(cap_tren))):
        province = inference.province.full if inference.province else "tỉnh"
        add(("co_quan", "cap_tren"), msg.REFORM_SUPERIOR.format(value=cap_tren, kind=kind, province=province))
    for path, value in texts_with_paths(doc.data):
        reason = _labour(value, kind, inference.province)
        if reason:
            add(path, reason)
        city = old_district.search(value) if old_district and path != ("co_quan", "cap_tren") else None
        if city:
            add(path, msg.REFORM_OLD_CITY.format(value=city.group()))
    items += _unit_word_review(doc, inference)
    items += _comment_reviews(doc.text, old_year, inference)
    return items


def _unit_word_review(doc: LoadedDocument, inference: Inference) -> list[Note]:
    """One item for the whole plan: the places inside the commune named by its old kind (thôn, bản)."""
    old = inference.old
    if old is None or len(old.targets) != 1 or old.targets[0].kind.lower() == old.kind.lower():
        return []
    words: list[str] = []
    lines: list[int] = []
    for path, value in texts_with_paths(doc.data):
        found = unit_dependent_words(value)
        if found and path[:1] != ("can_cu",):
            words += [w.lower() for w in found]
            lines.append(doc.locate(doc.resolve(path)).line)
    if not words:
        return []
    lines = sorted(set(lines))
    shown = ", ".join(str(n) for n in lines[:12]) + (", ..." if len(lines) > 12 else "")
    reason = msg.REFORM_UNIT_WORDS.format(
        count=len(words),
        words=", ".join(dict.fromkeys(words)),
        lines=shown,
        old_kind=old.kind,
        new_kind=old.targets[0].kind,
    )
    return [Note(None, lines[0], reason)]


#: Where the reform's own item replaces new-year's general reminder (it names the new unit).
SUPERSEDED = frozenset({"co_quan.ten", "co_quan.cap_tren"})


def _old_district_pattern(inference: Inference) -> re.Pattern[str] | None:
    """The old district as written ("thành phố Yên Bái") when the district rules miss its word.

    A district-level city ("thành phố", also a province-level word) is not in DISTRICT_PATTERN.
    """
    old = inference.old
    if old is None or DISTRICT_PATTERN.fullmatch(old.district_kind):
        return None
    return re.compile(rf"(?<!\w){re.escape(old.district_kind)}\s+{re.escape(old.district)}(?!\w)", re.I)


def _commune_review(inference: Inference) -> str | None:
    old = inference.old
    if old is None:
        return inference.problem
    district = msg.MAP_OF_DISTRICT.format(district=f"{old.district_kind} {old.district}")
    province = old.targets[0].province
    province_full = inference.province.full if inference.province else province
    if len(old.targets) > 1:
        candidates = ", ".join(c.full for c in old.targets)
        return msg.REFORM_SPLIT.format(
            old=old.full,
            district=district,
            candidates=candidates,
            province=province_full,
            source=inference.source,
        )
    new = old.targets[0]
    if (new.kind, name_key(new.name)) == (old.kind, name_key(old.name)):
        return None
    if name_key(new.name) == name_key(old.name):
        return msg.REFORM_UNIT_CHANGED.format(
            old=old.full,
            district=district,
            new=new.full,
            province=province_full,
            source=inference.source,
            old_kind=old.kind,
            new_kind=new.kind,
        )
    return msg.REFORM_RENAMED.format(
        old=old.full, district=district, new=new.full, province=province_full, source=inference.source
    )


def _labour(value: str, kind: str, province: Province | None) -> str | None:
    """A review reason for a labour-department body named in `value`, or None."""
    for pattern, counterpart in (
        (_LABOUR_MINISTRY, "Bộ Nội vụ"),
        (_LABOUR_DEPARTMENT, f"Sở Nội vụ {province.full}" if province else "Sở Nội vụ"),
    ):
        match = pattern.search(value)
        if match:
            return msg.REFORM_LABOUR_PROVINCE.format(excerpt=match.group(), counterpart=counterpart)
    match = _LABOUR_OFFICE.search(value)
    if match:
        return msg.REFORM_LABOUR_DISTRICT.format(excerpt=match.group(), kind=kind)
    match = _LABOUR_ANY.search(value)
    if match:
        counterpart = f"ngành Nội vụ (Sở Nội vụ {province.full})" if province else "ngành Nội vụ"
        return msg.REFORM_LABOUR_PROVINCE.format(excerpt=match.group(), counterpart=counterpart)
    return None


def _comment_reviews(text: str, old_year: int, inference: Inference) -> list[Note]:
    """One item per block of comment lines that names the old year or old units."""
    year = re.compile(rf"(?<!\d){old_year}(?!\d)")
    old_name = None
    if inference.renamed and inference.name:
        old_name = re.compile(
            rf"(?<!\w){re.escape(inference.kind or '')}\s+{re.escape(inference.name)}(?!\w)", re.I
        )
    items = []
    block_things: list[str] = []
    block_start, last = 0, -1
    lines = list(comment_lines(text))
    for number, comment in [*lines, (-10, "")]:
        if number != last + 1 and block_things:
            things = ", ".join(dict.fromkeys(block_things))
            items.append(Note(None, block_start, msg.REFORM_COMMENT.format(things=things)))
            block_things = []
        if number != last + 1:
            block_start = number
        last = number
        if comment.lstrip().startswith(MARKER[1:].lstrip()) or number < 0:
            continue
        if year.search(comment):
            block_things.append(msg.REFORM_COMMENT_YEAR.format(year=old_year))
        for match in DISTRICT_PATTERN.finditer(comment):
            # "không còn cấp huyện" is today's fact; a named district is an old unit.
            names = district_names(comment[match.start() :])
            if names:
                block_things.append(f"{match.group().lower()} {names[0]}")
        if old_name is not None:
            block_things += [m.group() for m in old_name.finditer(comment)]
        if _LABOUR_ANY.search(comment):
            block_things.append("ngành Lao động - Thương binh và Xã hội")
    return items
