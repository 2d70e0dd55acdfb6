"""Rule family "body": what the clerk typed that the tool writes itself, or left unfilled.

The recipients list must not be empty; a bullet dash or a heading number typed into a text is
printed twice (the writer adds its own); a starter's `<<ĐIỀN VÀO ĐÂY - ...>>` marker still in a
text means the plan is not finished. Part of pipeline stage 3 (validate): each rule takes the
typed plan and yields `Finding`s; `bdg_plan.rules.validate` places them in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from bdg_plan import messages as msg
from bdg_plan.errors import Severity
from bdg_plan.plan.loader import DataPath
from bdg_plan.plan.model import Diem, Khoan, Muc, NoiDung, Plan, YGachDauDong
from bdg_plan.rules.finding import Finding
from bdg_plan.rules.outline import heading_of, outline_entries

#: Every code this family yields, and what it flags.
CODES = {
    "no-recipients": "a plan with no nơi nhận",
    "typed-mark": "a bullet dash or a heading number typed at the start of a text the tool numbers",
    "unfilled": "a starter's <<ĐIỀN VÀO ĐÂY - ...>> marker (or what is left of one) still in a text",
}

#: A `<<ĐIỀN VÀO ĐÂY - ...>>` marker from `bdg-plan init`, or what is left of one.
UNFILLED_MARKER = re.compile(r"<<[^<>\n]*>>|ĐIỀN VÀO ĐÂY", re.IGNORECASE)

_LEADING_MARK = re.compile(r"^\s*([-+•–]\s)")
_TYPED_NUMBER = re.compile(r"^\s*((?:[IVX]+|\d+|[a-zđ])[.)])\s")


def check(plan: Plan) -> Iterator[Finding]:
    """Every rule of this family, on a typed plan."""
    if not plan.noi_nhan:
        yield Finding(("noi_nhan",), "no-recipients", msg.NO_RECIPIENTS, Severity.ERROR)
    yield from typed_marks(plan)
    yield from unfilled_markers(plan)


def typed_marks(plan: Plan) -> Iterator[Finding]:
    """Warn where the clerk typed a bullet dash or a number the tool adds itself."""

    def leading(text: str, path: DataPath) -> Iterator[Finding]:
        mark = _LEADING_MARK.match(text)
        if mark:
            message = msg.LEADING_DASH.format(mark=mark.group(1).strip())
            yield Finding(path, "typed-mark", message, Severity.WARNING)

    def bullets(items: list[YGachDauDong], path: DataPath) -> Iterator[Finding]:
        for index, item in enumerate(items):
            yield from leading(item.y, (*path, index))
            for sub, text in enumerate(item.cac_y):
                yield from leading(text, (*path, index, "cac_y", sub))

    def title(text: str | None, path: DataPath) -> Iterator[Finding]:
        mark = _TYPED_NUMBER.match(text or "")
        if mark:
            yield Finding(path, "typed-mark", msg.TYPED_NUMBER.format(mark=mark.group(1)), Severity.WARNING)

    def block(node: NoiDung | Khoan | Diem | Muc, path: DataPath) -> Iterator[Finding]:
        yield from bullets(node.cac_y, (*path, "cac_y"))
        if isinstance(node, Khoan | Diem | Muc):
            yield from title(node.ten, (*path, "ten"))
        if isinstance(node, Khoan):
            for index, diem in enumerate(node.cac_diem):
                yield from block(diem, (*path, "cac_diem", index))
        if isinstance(node, Muc):
            for index, khoan in enumerate(node.cac_khoan):
                yield from block(khoan, (*path, "cac_khoan", index))

    for key in ("muc_dich", "yeu_cau", "kinh_phi"):
        value = getattr(plan, key)
        if value is not None:
            yield from block(value, (key,))
    for key in ("noi_dung", "to_chuc_thuc_hien", "muc_them"):
        for index, node in enumerate(getattr(plan, key)):
            yield from block(node, (key, index))
    for path, item in outline_entries(plan):
        numbered = heading_of(item)
        if numbered is not None:
            yield from title(numbered[1], (*path, numbered[0]))
        elif isinstance(item, YGachDauDong):
            yield from leading(item.y, (*path, "y"))
            for sub, text in enumerate(item.cac_y):
                yield from leading(text, (*path, "cac_y", sub))


def unfilled_markers(plan: Plan) -> Iterator[Finding]:
    """Warn where a starter's `<<ĐIỀN VÀO ĐÂY - ...>>` marker is still in the text.

    A warning, not an error: the starter renders as it is, so the clerk can see the layout
    before filling it in, and every marker left is listed with its line.
    """

    def walk(value: Any, path: DataPath) -> Iterator[Finding]:
        if isinstance(value, str):
            match = UNFILLED_MARKER.search(value)
            if match:
                message = msg.UNFILLED_MARKER.format(marker=match.group(0))
                yield Finding(path, "unfilled", message, Severity.WARNING)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), (*path, name))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    yield from walk(plan, ())
