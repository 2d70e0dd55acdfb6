"""Rule family "dates": what the plan's year and date make wrong.

An action month must lie in the plan's year; a plan dated on or after 1/7/2025 names no district
body (the reform removed that level); a căn cứ that is an earlier year's annual plan was most
likely copied from last year's plan. Part of pipeline stage 3 (validate): each rule takes the
typed plan and yields `Finding`s; `bdg_plan.rules.validate` places them in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bdg_plan import messages as msg
from bdg_plan.errors import Severity
from bdg_plan.facts.admin_map import DISTRICT_PATTERN, REFORM_DATE
from bdg_plan.facts.vietnamese import format_short_date
from bdg_plan.plan.model import Plan
from bdg_plan.rules.citations import cited
from bdg_plan.rules.finding import Finding

#: Every code this family yields, and what it flags.
CODES = {
    "action-month-outside-year": "an action month outside the plan's year, or ending before it starts",
    "district-after-reform": "a plan dated on or after 1/7/2025 whose superior body is a district",
    "district-reference": "a căn cứ or a recipient naming a district in a plan dated on or after 1/7/2025",
    "old-annual-plan": "a căn cứ that is an earlier year's annual plan (copied from last year's plan)",
}

#: "năm 2023" in a summary; "năm 2021 - 2025" is a period, not the year of an annual plan.
_PLAN_YEAR = re.compile(r"(?<!\w)năm\s+(\d{4})(?!\d)(?!\s*[-–]\s*\d)", re.IGNORECASE)


def check(plan: Plan) -> Iterator[Finding]:
    """Every rule of this family, on a typed plan."""
    yield from action_month_rules(plan)
    yield from reform_rules(plan)
    yield from old_annual_plans(plan)


def action_month_rules(plan: Plan) -> Iterator[Finding]:
    """The action month lies within the plan's year, its start before its end."""
    if not plan.thang_hanh_dong:
        return
    start, end = plan.thang_hanh_dong.tu, plan.thang_hanh_dong.den
    if start.year != plan.nam or end.year != plan.nam:
        message = msg.ACTION_MONTH_OUTSIDE.format(
            start=format_short_date(start), end=format_short_date(end), year=plan.nam
        )
        yield Finding(("thang_hanh_dong",), "action-month-outside-year", message, Severity.ERROR)
    elif start > end:
        yield Finding(
            ("thang_hanh_dong",), "action-month-outside-year", msg.ACTION_MONTH_ORDER, Severity.ERROR
        )


def reform_rules(plan: Plan) -> Iterator[Finding]:
    """No district body in a plan dated on or after the reform: its superior, căn cứ, recipients."""
    if plan.ngay.earliest < REFORM_DATE:
        return
    if plan.ngay.ngay:
        date = f"ngày {format_short_date(plan.ngay.earliest)}"
    else:
        date = f"tháng {plan.ngay.thang}/{plan.ngay.nam}"
    superior = plan.co_quan.cap_tren
    if superior and DISTRICT_PATTERN.search(superior):
        message = msg.DISTRICT_SUPERIOR_AFTER_REFORM.format(date=date, value=superior)
        yield Finding(("co_quan", "cap_tren"), "district-after-reform", message, Severity.ERROR)
    for index, item in enumerate(plan.can_cu):
        body = cited(item).co_quan
        if body and DISTRICT_PATTERN.search(body):
            yield Finding(
                ("can_cu", index) if isinstance(item, str) else ("can_cu", index, "co_quan"),
                "district-reference",
                msg.DISTRICT_REFERENCE_AFTER_REFORM.format(value=body),
                Severity.WARNING,
            )
    for index, recipient in enumerate(plan.noi_nhan):
        if DISTRICT_PATTERN.search(recipient.ten):
            message = msg.DISTRICT_REFERENCE_AFTER_REFORM.format(value=recipient.ten)
            yield Finding(("noi_nhan", index), "district-reference", message, Severity.WARNING)


def old_annual_plans(plan: Plan) -> Iterator[Finding]:
    """Warn about căn cứ that are an earlier year's annual plan (a "Kế hoạch ... năm 2023").

    Such a citation usually comes from copying last year's plan: the superior body issues a new
    annual plan every year, and this year's plan should implement that one. `new-year` uses the
    same rule to mark these entries in the file it writes.
    """
    for index, item in enumerate(plan.can_cu):
        reference = cited(item)
        if (reference.loai or "").casefold() != "kế hoạch" or not reference.trich_yeu:
            continue
        years = _PLAN_YEAR.findall(reference.trich_yeu)
        earlier = [int(year) for year in years if int(year) < plan.nam]
        if earlier:
            message = msg.OLD_ANNUAL_PLAN.format(cited_year=max(earlier), plan_year=plan.nam)
            yield Finding(("can_cu", index), "old-annual-plan", message, Severity.WARNING)
