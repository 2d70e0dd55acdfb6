"""Rule family "outline": the free outline, its tables and the annexes.

Part of pipeline stage 3 (validate): each rule takes the typed plan and yields `Finding`s;
`bdg_plan.rules.validate` places each at the line of its model path. The shape itself (which
keys a node may have) is pydantic's; these rules check what a type cannot: where each level may
stand, one numbering style per item, the row keys of a table against its columns, and that the
body mentions each annex.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from bdg_plan import messages as msg
from bdg_plan.errors import Severity
from bdg_plan.facts.limits import MAX_TABLE_COLUMNS
from bdg_plan.plan.loader import DataPath
from bdg_plan.plan.model import Plan
from bdg_plan.plan.outline_model import (
    GROUP_KEY,
    BangNut,
    DiemNut,
    KhoanNut,
    MucNut,
    OutlineItem,
    PhanNut,
    TieuKhoanNut,
    annex_label,
)
from bdg_plan.rules.finding import Finding

#: Every code this family yields, and what it flags.
CODES = {
    "outline-mixed": "a plan with both the free outline (than_van_ban) and a short-form body key",
    "outline-level": "a level where it may not stand (a phần in a mục), or points beside sub-items",
    "table-columns": "a table with neither columns nor a CSV file",
    "table-row": "a table row with a key that is not one of the table's columns",
    "annex-not-mentioned": "an annex the body never mentions by its label (Phụ lục I)",
}

#: The body keys of the short form, which `than_van_ban` replaces.
SHORT_FORM_KEYS = ("muc_dich", "yeu_cau", "noi_dung", "kinh_phi", "to_chuc_thuc_hien", "muc_them")

#: Where each level may stand: the kinds of parent it accepts ("root": the top of than_van_ban,
#: "annex": the top of a phụ lục).
ALLOWED_PARENTS = {
    "phan": {"root"},
    "muc": {"root", "phan", "annex"},
    "khoan": {"root", "phan", "muc", "annex"},
    "tieu_khoan": {"khoan", "tieu_khoan"},
    "diem": {"muc", "khoan", "tieu_khoan", "annex"},
}

_CONTAINERS: dict[type[BaseModel], str] = {
    PhanNut: "phan",
    MucNut: "muc",
    KhoanNut: "khoan",
    TieuKhoanNut: "tieu_khoan",
    DiemNut: "diem",
}


def check(plan: Plan) -> Iterator[Finding]:
    """Every rule of this family, on a typed plan."""
    if plan.than_van_ban:
        for key in SHORT_FORM_KEYS:
            if getattr(plan, key):
                yield Finding((key,), "outline-mixed", msg.OUTLINE_MIXED.format(key=key), Severity.ERROR)
    yield from _placement(plan.than_van_ban, ("than_van_ban",), "root")
    for index, annex in enumerate(plan.phu_luc):
        yield from _placement(annex.noi_dung, ("phu_luc", index, "noi_dung"), "annex")
    yield from _annex_mentions(plan)


def _placement(items: Sequence[OutlineItem], path: DataPath, parent: str) -> Iterator[Finding]:
    kinds = set()
    for index, item in enumerate(items):
        here = (*path, index)
        if isinstance(item, BangNut):
            yield from _table_rows(item, (*here, "bang"))
        if not isinstance(item, PhanNut | MucNut | KhoanNut | TieuKhoanNut | DiemNut):
            continue
        kind = _CONTAINERS[type(item)]
        kinds.add(kind)
        if parent not in ALLOWED_PARENTS[kind]:
            names = msg.OUTLINE_LEVEL_NAMES
            text = msg.OUTLINE_MISPLACED.format(
                what=names[kind], parent=names[parent].lower(), where=msg.KEY_GOES[kind]
            )
            yield Finding((*here, kind), "outline-level", text, Severity.ERROR)
        yield from _placement(item.noi_dung, (*here, "noi_dung"), kind)
    if {"diem", "tieu_khoan"} <= kinds:
        yield Finding(path, "outline-level", msg.POINTS_AND_SUBITEMS, Severity.ERROR)


def _table_rows(node: BangNut, path: DataPath) -> Iterator[Finding]:
    table = node.bang
    if not table.cot and not table.csv:
        yield Finding(path, "table-columns", msg.TABLE_NO_COLUMNS, Severity.ERROR)
    if not table.cot:
        return
    if len(table.cot) > MAX_TABLE_COLUMNS:
        text = msg.TABLE_TOO_MANY_COLUMNS.format(count=len(table.cot), limit=MAX_TABLE_COLUMNS)
        yield Finding((*path, "cot"), "table-columns", text, Severity.ERROR)
        return
    keys = {column.key for column in table.cot}
    names = ", ".join(column.key for column in table.cot)
    for index, row in enumerate(table.dong):
        if GROUP_KEY in row and GROUP_KEY not in keys and len(row) > 1:
            where = (*path, "dong", index, GROUP_KEY)
            yield Finding(where, "table-row", msg.TABLE_GROUP_COLUMN, Severity.ERROR)
        for key in row:
            if key not in keys and key != GROUP_KEY:
                text = msg.TABLE_UNKNOWN_COLUMN.format(key=key, columns=names)
                yield Finding((*path, "dong", index, key), "table-row", text, Severity.ERROR)


def outline_entries(plan: Plan) -> Iterator[tuple[DataPath, OutlineItem]]:
    """Every entry of the body's outline and of each annex, with its model path, in order."""

    def walk(items: Sequence[OutlineItem], path: DataPath) -> Iterator[tuple[DataPath, OutlineItem]]:
        for index, item in enumerate(items):
            yield (*path, index), item
            if isinstance(item, PhanNut | MucNut | KhoanNut | TieuKhoanNut | DiemNut):
                yield from walk(item.noi_dung, (*path, index, "noi_dung"))

    yield from walk(plan.than_van_ban, ("than_van_ban",))
    for index, annex in enumerate(plan.phu_luc):
        yield from walk(annex.noi_dung, ("phu_luc", index, "noi_dung"))


def heading_of(item: OutlineItem) -> tuple[str, str | None] | None:
    """The level key and heading of a numbered outline node (None for other entries)."""
    for kind in ("muc", "khoan", "tieu_khoan", "diem"):
        if isinstance(item, BaseModel) and kind in type(item).model_fields:
            return kind, getattr(item, kind)
    return None


# --- Annexes ----------------------------------------------------------------------------------
def _annex_mentions(plan: Plan) -> Iterator[Finding]:
    """Warn when the body never mentions an annex it has: the text must refer to each one."""
    if not plan.phu_luc:
        return
    body = " ".join(_strings(plan.model_dump(exclude={"phu_luc", "noi_nhan", "nguoi_ky", "co_quan"})))
    count = len(plan.phu_luc)
    for index, annex in enumerate(plan.phu_luc, start=1):
        label = annex_label(index, count)
        # "Phụ lục I" must not count as a mention of "Phụ lục II" or "Phụ lục IV".
        if not re.search(rf"{label}(?![IVXLC])", body, re.IGNORECASE):
            text = msg.ANNEX_NOT_MENTIONED.format(label=label, title=annex.ten)
            yield Finding(("phu_luc", index - 1, "ten"), "annex-not-mentioned", text, Severity.WARNING)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
