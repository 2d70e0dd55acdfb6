"""Import: the action-month kind (Tháng hành động) recognised from the section it prints.

An action-month plan prints, right after its purpose section, "Chủ đề, thông điệp và thời gian"
(or "Chủ đề và thời gian") with the items "Chủ đề", "Thông điệp" and "Thời gian" ("Từ ngày
15/11/2025 đến ngày 15/12/2025."). A section exactly like that is read back as
`loai_ke_hoach: thang_hanh_dong` with `chu_de`, `thong_diep` and the `thang_hanh_dong` dates,
so the plan is of that kind again (and new-year moves its dates).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bdg_plan.facts.vietnamese import format_period, upper
from bdg_plan.facts.wording import (
    TITLE_CHU_DE,
    TITLE_THEME_SECTION,
    TITLE_THEME_SECTION_NO_MESSAGE,
    TITLE_THOI_GIAN,
    TITLE_THONG_DIEP,
)
from bdg_plan.word.outline_read import Node

_PERIOD = re.compile(r"^Từ ngày (\d{1,2})/(\d{1,2})/(\d{4}) đến ngày (\d{1,2})/(\d{1,2})/(\d{4})\.$")
_ITEMS = (TITLE_CHU_DE, TITLE_THONG_DIEP, TITLE_THOI_GIAN)


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _item(node: Node, title: str, found: dict[str, Any]) -> bool:
    """One item of the theme section into `found`; False when it is not what the kind prints."""
    kinds = [child.kind for child in node.children]
    texts = [child.text.replace("\n", " ") for child in node.children]
    if any(child.children for child in node.children):
        return False
    if title == TITLE_CHU_DE and kinds == ["doan"]:
        found["chu_de"] = texts[0]
    elif title == TITLE_THONG_DIEP and kinds and set(kinds) == {"y"}:
        found["thong_diep"] = texts
    elif title == TITLE_THOI_GIAN and kinds == ["doan"] and _PERIOD.match(texts[0]):
        parts = _PERIOD.match(texts[0]).groups()  # type: ignore[union-attr]
        start, end = _date(*parts[:3]), _date(*parts[3:])
        if start is None or end is None:
            return False
        found["thang_hanh_dong"] = {"tu": start, "den": end}
    else:
        return False
    return True


def theme_data(node: Node) -> dict[str, Any] | None:
    """The action-month fields, when `node` is the theme section exactly as bdg-plan prints it."""
    title = upper(node.text.replace("\n", " "))
    if title not in (upper(TITLE_THEME_SECTION), upper(TITLE_THEME_SECTION_NO_MESSAGE)):
        return None
    titles = [child.text for child in node.children]
    if not node.children or any(c.kind != "khoan" or not c.heading for c in node.children):
        return None
    if [t for t in _ITEMS if t in titles] != titles:
        return None
    found: dict[str, Any] = {"loai_ke_hoach": "thang_hanh_dong"}
    if not all(_item(child, child.text, found) for child in node.children):
        return None
    if ("thong_diep" in found) != (title == upper(TITLE_THEME_SECTION)):
        return None
    return found


def drop_month_times(data: dict[str, Any]) -> None:
    """In an action-month plan, an activity timed exactly as the month gives no time of its own.

    bdg-plan prints the month's dates for such an activity, so the plan file stays shorter and
    new-year moves those times with the month.
    """
    from bdg_plan.plan.model import ThangHanhDong

    if data.get("loai_ke_hoach") != "thang_hanh_dong" or "thang_hanh_dong" not in data:
        return
    month = ThangHanhDong(**data["thang_hanh_dong"])
    cell = format_period(month.tu, month.den)

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            listing = value.get("cac_hoat_dong")
            if isinstance(listing, dict):
                groups = listing.get("nhom", [])
                for activity in [*listing.get("hoat_dong", []), *(a for g in groups for a in g["hoat_dong"])]:
                    if activity.get("thoi_gian") == cell:
                        del activity["thoi_gian"]
            for item in value.values():
                walk(item)

    walk(data)
