"""Plan kinds: what the action-month plan (Tháng hành động) adds to the common outline.

Part of pipeline stage 4 (compose). An action-month plan (`loai_ke_hoach: thang_hanh_dong`) gets a
section "Chủ đề, thông điệp và thời gian" after the purpose section, built from `chu_de`,
`thong_diep` and `thang_hanh_dong`; and an activity that gives no time of its own takes the action
month's dates, in the annex table's "Thời gian" column or in the body's item details. An annual
plan gets neither: its `thang_hanh_dong` only dates the action-month activity for validate and
new-year.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bdg_plan.facts.vietnamese import format_period, format_short_date
from bdg_plan.facts.wording import (
    TITLE_CHU_DE,
    TITLE_THEME_SECTION,
    TITLE_THEME_SECTION_NO_MESSAGE,
    TITLE_THOI_GIAN,
    TITLE_THONG_DIEP,
)
from bdg_plan.plan.model import Khoan, Muc, Plan, ThangHanhDong
from bdg_plan.plan.outline_model import DanhSachHoatDong, HoatDongNut, OutlineItem


def is_action_month(plan: Plan) -> bool:
    """Whether the plan is of the action-month kind."""
    return plan.loai_ke_hoach == "thang_hanh_dong"


def period_sentence(month: ThangHanhDong) -> str:
    """The time of the action month as a sentence: "Từ ngày 15/11/2025 đến ngày 15/12/2025."."""
    return f"Từ ngày {format_short_date(month.tu)} đến ngày {format_short_date(month.den)}."


def period_cell(month: ThangHanhDong) -> str:
    """The time of the action month in a table cell: "15/11 - 15/12/2025"."""
    return format_period(month.tu, month.den)


def theme_section(plan: Plan) -> Muc | None:
    """The section "Chủ đề, thông điệp và thời gian" of an action-month plan (None otherwise)."""
    if not is_action_month(plan):
        return None
    items = []
    if plan.chu_de:
        items.append(Khoan(ten=TITLE_CHU_DE, mo_ta=[plan.chu_de]))
    if plan.thong_diep:
        items.append(Khoan(ten=TITLE_THONG_DIEP, cac_y=list(plan.thong_diep)))
    if plan.thang_hanh_dong:
        items.append(Khoan(ten=TITLE_THOI_GIAN, mo_ta=[period_sentence(plan.thang_hanh_dong)]))
    if not items:
        return None
    title = TITLE_THEME_SECTION if plan.thong_diep else TITLE_THEME_SECTION_NO_MESSAGE
    return Muc(ten=title, cac_khoan=items)


def with_action_month_times(plan: Plan, items: Sequence[OutlineItem]) -> list[OutlineItem]:
    """`items` with the action month's dates as the time of every activity that gives none."""
    if not is_action_month(plan) or plan.thang_hanh_dong is None:
        return list(items)
    return [_dated(item, period_cell(plan.thang_hanh_dong)) for item in items]


def _dated(item: Any, period: str) -> Any:
    if isinstance(item, HoatDongNut):
        return item.model_copy(update={"cac_hoat_dong": _dated_listing(item.cac_hoat_dong, period)})
    children = getattr(item, "noi_dung", None)
    if isinstance(children, list):
        return item.model_copy(update={"noi_dung": [_dated(child, period) for child in children]})
    return item


def _dated_listing(listing: DanhSachHoatDong, period: str) -> DanhSachHoatDong:
    def dated(activities: Sequence[Any]) -> list[Any]:
        return [a if a.thoi_gian else a.model_copy(update={"thoi_gian": period}) for a in activities]

    groups = [g.model_copy(update={"hoat_dong": dated(g.hoat_dong)}) for g in listing.nhom]
    return listing.model_copy(update={"hoat_dong": dated(listing.hoat_dong), "nhom": groups})
