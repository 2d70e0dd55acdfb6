"""Dates in a plan file: their syntax, an issue date whose day may be blank, and full dates.

Part of the model stage (`bdg_plan.plan.model` uses these field types). The syntax is written once
here; new-year finds the dates in a clerk's text with the same patterns.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema, model_validator

from bdg_plan import messages as msg
from bdg_plan.plan.field_types import _Model, plan_error

#: The date syntax of a plan file, one home for it (new-year finds dates with the same patterns):
#: a full date "2023-03-06" and a year and month "2023-03" (the day left blank).
FULL_DATE_SYNTAX = r"(\d{4})-(\d{1,2})-(\d{1,2})"
YEAR_MONTH_SYNTAX = r"(\d{4})-(\d{1,2})"
_YEAR_MONTH = re.compile(rf"^\s*{YEAR_MONTH_SYNTAX}\s*$")
_FULL_DATE = re.compile(rf"^\s*{FULL_DATE_SYNTAX}\s*$")
#: A date typed day first, the way it is written in Vietnamese text: 31/02/2025, 6.3.2023, 06-03-2023.
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})\s*$")


def day_first_message(value: str) -> str | None:
    """The one sentence for a date typed day first: its ISO form, or why no such day exists too."""
    match = _DAY_FIRST.match(value)
    if match is None:
        return None
    day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    shown = value.strip()
    if year < 1 or not 1 <= month <= 12:
        reason = msg.DATE_NO_YEAR_ZERO if year < 1 else msg.DATE_NO_SUCH_MONTH.format(month=month)
        example = f"{max(year, 1):04d}-12-31"
        return msg.DATE_DAY_FIRST_IMPOSSIBLE.format(value=shown, reason=reason, example=example)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        if day == 0:
            reason = msg.DATE_NO_DAY_ZERO
        else:
            reason = msg.DATE_MONTH_DAYS.format(month=month, year=year, days=days)
        example = f"{year:04d}-{month:02d}-{days:02d}"
        return msg.DATE_DAY_FIRST_IMPOSSIBLE.format(value=shown, reason=reason, example=example)
    return msg.DATE_DAY_FIRST.format(value=shown, iso=f"{year:04d}-{month:02d}-{day:02d}")


class NgayBanHanh(_Model):
    """An issue date whose day may be left blank for the registry clerk to fill in.

    Written in YAML as `2023-03-06`, or `2023-03` when the day is left blank.
    """

    nam: int
    thang: int
    ngay: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, dict | NgayBanHanh):
            # Already split into fields: a model or its `model_dump()` (new-year, batch).
            return value
        if isinstance(value, dt.date):
            return {"nam": value.year, "thang": value.month, "ngay": value.day}
        if isinstance(value, str):
            full = _FULL_DATE.match(value)
            if full:
                year, month, day = (int(g) for g in full.groups())
                try:
                    dt.date(year, month, day)
                except ValueError:
                    raise plan_error(
                        "invalid-date", msg.DATE_IMPOSSIBLE.format(value=value.strip())
                    ) from None
                return {"nam": year, "thang": month, "ngay": day}
            partial = _YEAR_MONTH.match(value)
            if partial:
                year, month = (int(g) for g in partial.groups())
                if not 1 <= month <= 12 or year < 1:
                    raise plan_error("invalid-date", msg.DATE_IMPOSSIBLE.format(value=value.strip()))
                return {"nam": year, "thang": month, "ngay": None}
            raise plan_error("invalid-date", day_first_message(value) or msg.DATE_FORMAT)
        raise plan_error("invalid-date", msg.DATE_FORMAT)

    @property
    def earliest(self) -> dt.date:
        """The first day the date can mean (the 1st when the day is blank)."""
        return dt.date(self.nam, self.thang, self.ngay or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date can mean (the month's end when the day is blank)."""
        last = calendar.monthrange(self.nam, self.thang)[1]
        return dt.date(self.nam, self.thang, self.ngay or last)


IssueDate = Annotated[
    NgayBanHanh,
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{1,2}(-\d{1,2})?$"}),
]


def _parse_full_date(value: Any) -> Any:
    if isinstance(value, str):
        match = _FULL_DATE.match(value)
        if not match:
            raise plan_error("invalid-date", day_first_message(value) or msg.EXPECTED_DATE)
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise plan_error("invalid-date", msg.DATE_IMPOSSIBLE.format(value=value.strip())) from None
    return value


#: A full calendar date, `YYYY-MM-DD`.
FullDate = Annotated[dt.date, BeforeValidator(_parse_full_date, json_schema_input_type=str)]
