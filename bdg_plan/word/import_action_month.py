"""Import: the action-month kind (Tháng hành động) recognised from its theme section.

An action-month plan prints, right after its purpose section, "Chủ đề, thông điệp và thời gian"
(or "Chủ đề và thời gian") with the items "Chủ đề", "Thông điệp" and "Thời gian" ("Từ ngày
15/11/2025 đến ngày 15/12/2025."). A section exactly like that is read back as
`loai_ke_hoach: thang_hanh_dong` with `chu_de`, `thong_diep` and the `thang_hanh_dong` dates,
so the plan is of that kind again (and new-year moves its dates). Clerks type the section other
ways too: labelled lines ("Chủ đề: ...", "Thời gian: 15/11 - 15/12/2025"), numbered items, or a
table of labels and values; `typed_theme` reads those when every line finds its field.
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


# --- The layouts clerks type ------------------------------------------------------------------
#: "từ ngày 15/11/2025 đến ngày 15/12/2025", "15/11 - 15/12/2025", "từ 15/11/2025 - 15/12/2025".
_LOOSE_PERIOD = re.compile(
    r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*(?:-|–|—|đến(?:\s+hết)?(?:\s+ngày)?)\s*"
    r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})",
    re.IGNORECASE,
)
#: The action month's name, as a title or trích yếu gives it.
ACTION_MONTH_NAME = re.compile(r"tháng\s+hành\s+động\s+vì\s+bình\s+đẳng\s+giới", re.IGNORECASE)
_LABEL = re.compile(
    r"^\s*(chủ\s*đề|thông\s*điệp|thời\s*gian)\s*(?:[:.–-]\s*(.*))?$", re.IGNORECASE | re.DOTALL
)


def find_period(texts: list[str]) -> dict[str, dt.date] | None:
    """The first action-month period written in `texts`, as `thang_hanh_dong`'s dates."""
    for text in texts:
        for match in _LOOSE_PERIOD.finditer(text):
            day, month, year, end_day, end_month, end_year = match.groups()
            end = _date(end_day, end_month, end_year)
            start = _date(day, month, year or end_year)
            if start is not None and end is not None and start <= end:
                return {"tu": start, "den": end}
    return None


def _label(text: str) -> tuple[str, str] | None:
    """("Chủ đề: ..." ) -> ("chủ đề", "..."): a theme label and the text after it."""
    match = _LABEL.match(text.replace("\n", " "))
    if match is None:
        return None
    return " ".join(match.group(1).lower().split()), (match.group(2) or "").strip()


def _flat(node: Node) -> list[Node]:
    found = [node]
    for child in node.children:
        found += _flat(child)
    return found


def _table_rows(node: Node) -> list[tuple[str, list[str]]]:
    """A table's rows as (first cell, the other cells' paragraphs)."""
    rows = []
    for row in node.table.rows if node.table is not None else ():
        cells = [[t.strip() for p in cell for t in p.text.split("\n") if t.strip()] for cell in row]
        if cells:
            rows.append((" ".join(cells[0]), [t for cell in cells[1:] for t in cell]))
    return rows


def _take(label: str, texts: list[str], found: dict[str, Any]) -> bool:
    texts = [re.sub(r"^[-–+•]\s*", "", t).strip() for t in texts if t.strip()]
    if not texts:
        return False
    if label == "chủ đề" and "chu_de" not in found:
        found["chu_de"] = " ".join(texts)
    elif label == "thông điệp" and "thong_diep" not in found:
        found["thong_diep"] = texts
    elif label == "thời gian" and len(texts) == 1 and find_period(texts) is not None:
        found.setdefault("thang_hanh_dong", find_period(texts))
    else:
        return False
    return True


def typed_theme(node: Node) -> dict[str, Any] | None:
    """The theme section as clerks type it: a "CHỦ ĐỀ" section of labelled items, lines or a table.

    Every line of the section must find its field (chủ đề, thông điệp, thời gian); a section
    holding anything else is left to print as it is, so nothing the clerk typed is lost.
    """
    title = upper(node.text.replace("\n", " "))
    if "CHỦ ĐỀ" not in title or re.sub(r"CHỦ ĐỀ|THÔNG ĐIỆP|THỜI GIAN|VÀ|[,\s]", "", title):
        return None
    found: dict[str, Any] = {}
    label: str | None = None
    pending: list[str] = []
    for item in _flat(node)[1:]:
        if item.kind == "bang":
            rows = _table_rows(item)
            if not all(_label(first) and _take(_label(first)[0], rest, found) for first, rest in rows):  # type: ignore[index]
                return None
            continue
        labelled = _label(item.text)
        if labelled is not None:
            if label is not None and not _take(label, pending, found):
                return None
            label, pending = labelled[0], [labelled[1]] if labelled[1] else []
        elif label is not None:
            pending.append(item.text.replace("\n", " "))
        else:
            return None
    if label is not None and not _take(label, pending, found):
        return None
    if "chu_de" not in found and "thong_diep" not in found:
        return None
    return {"loai_ke_hoach": "thang_hanh_dong", **found}
