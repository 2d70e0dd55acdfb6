"""new-year: every date and year in a plan's text, classified, and what the new year does with it.

The classes, each with what new-year does:

- `CITED`: part of a cited document's identity: its number's date, the year in its title,
  "Luật Bình đẳng giới năm 2006". It stays.
- `FIXED`: a period ("giai đoạn 2021 - 2030", "2021-2025"), a day that comes back every year
  ("25/11", "28/6": no year to move), a year far from the plan's ("đến năm 2030"). It stays.
- `PLAN`: the plan's own time: its activities' times and deadlines ("15/11 - 15/12/2024",
  "trước ngày 10/12/2024", "Tháng 12/2024", "quý IV/2024") and the plan's year in its opening,
  title, closing, funding and annexes ("năm 2024"). It moves by the difference in years, and the
  change table lists it.
- `HISTORY`: a past fact ("so với năm 2023", "năm 2023 đạt ...", a part or column of last year's
  results). It stays, and is flagged once per text: new figures are needed.
- `SUPERSEDED`: a citation of a document of the plan year or the year before (the superior's
  Kế hoạch, Công văn, Hướng dẫn, Quyết định): this year's document replaces it. It stays, and is
  flagged.

A text is read by position: a citation is the stretch from a document's type name followed by
its number or date up to the end of its clause, so a sentence that cites last year's district
plan and then introduces this plan ("Thực hiện Kế hoạch số 108/KH-UBND ngày 06/3/2024 ... năm
2024, UBND xã xây dựng Kế hoạch ... năm 2024 ...") flags the citation and moves the plan's own
year. The patterns are linear: each is anchored on a word or a digit and never backtracks over
the text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from bdg_plan.rules.citations import TYPE_NAMES

CITED = "cited"
FIXED = "fixed"
PLAN = "plan"
HISTORY = "history"
SUPERSEDED = "superseded"

#: Document types a superior issues each year and the next year's document replaces.
SUPERSEDABLE = frozenset(
    {"Kế hoạch", "Công văn", "Văn bản", "Hướng dẫn", "Quyết định", "Thông báo", "Chương trình", "Công điện"}
)
#: Types whose name alone makes a citation (a law is cited by name and year, without a number).
_NAMED_BY_TITLE = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")

_TYPE = re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in TYPE_NAMES) + r")(?!\w)")
#: What makes a type name a citation: its number ("số 108/KH-UBND", "108/KH-UBND") or its date
#: right after it ("Kế hoạch ngày 06/3/2024"); "Báo cáo trước ngày 10/12" is a deadline.
_IDENTITY = re.compile(
    r"\s*(?:số(?:\s*:)?\s*\d|\d{1,6}[\w.\-]*/|ngày\s+\d{1,2}\s*(?:[/.\-]|tháng))", re.IGNORECASE
)
#: The end of a citation's clause: ";", ":", a sentence's end, or a comma before a capitalised word
#: (a line break is not one: a folded YAML value breaks lines anywhere).
_CLAUSE_END = re.compile(r"[;:]|\.(?:\s|$)|,\s+(?=[A-ZĐÀ-Ỹ])")

_SHORT_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/])")
_LONG_DATE = re.compile(r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)", re.IGNORECASE)
#: A date as the plan file writes it: "2023-03-06", or "2023-03" (the issue month).
_ISO_DATE = re.compile(r"(?<![\d\-/])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d\-/])")
PERIOD = re.compile(r"(?<!\d)(\d{4})\s*(?:[-–—/]|đến|tới)\s*(\d{4})(?!\d)", re.IGNORECASE)
#: "năm 2024", "quý IV/2024", "quý IV năm 2024", "tháng 12/2024", "tháng 12 năm 2024".
_WORD_YEAR = re.compile(
    r"(?<!\w)(?:năm|(?:quý|tháng)\s+(?:[IVX]{1,4}|\d{1,2})\s*(?:/|năm))\s*(\d{4})(?!\d)", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """A year in a text: its digits' span, its class and, for the plan's own time, the new digits.

    `citation` is the cited document's type for a `SUPERSEDED` mention.
    """

    start: int
    end: int
    year: int
    kind: str
    new: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class _Citation:
    start: int
    end: int
    type_name: str


def citations(text: str) -> list[_Citation]:
    """The cited documents in `text`: from the type name to the end of its clause, in order."""
    found: list[_Citation] = []
    position = 0
    while True:
        match = _TYPE.search(text, position)
        if match is None:
            return found
        name = match.group(1)
        if name in _NAMED_BY_TITLE or _IDENTITY.match(text, match.end()):
            end = _CLAUSE_END.search(text, match.end())
            stop = end.start() if end else len(text)
            found.append(_Citation(match.start(), stop, name))
            position = max(stop, match.end())
        else:
            position = match.end()


def classify(text: str, plan_year: int, new_year: int, *, history_part: bool = False) -> list[Mention]:
    """Every year written in `text`, classified, with the new digits of the plan's own ones.

    `plan_year` is the old plan's year; a year of the plan's own time is the plan year or the next
    one (deadlines, "quý I" of the year after). `history_part` says the text is under a part of
    last year's results: its years of the plan's time are past facts too.
    """
    found: dict[int, Mention] = {}
    cited = citations(text)
    for citation in cited:
        _cited_years(text, citation, plan_year, found)
    for match in PERIOD.finditer(text):
        for group in (1, 2):
            _add(found, Mention(match.start(group), match.end(group), int(match.group(group)), FIXED))
    for match in _SHORT_DATE.finditer(text):
        _add(found, _own_date(text, match, int(match.group(1)), int(match.group(3)), 4, plan_year, new_year))
    for match in _LONG_DATE.finditer(text):
        _add(found, _own_date(text, match, int(match.group(1)), int(match.group(2)), 3, plan_year, new_year))
    for match in _ISO_DATE.finditer(text):
        year = int(match.group(1))
        if 1 <= int(match.group(2)) <= 12:
            new = str(year + new_year - plan_year)
            _add(found, _own(match.start(1), match.end(1), year, plan_year, new, history_part))
    for match in _WORD_YEAR.finditer(text):
        year = int(match.group(1))
        new = str(year + new_year - plan_year)
        _add(found, _own(match.start(1), match.end(1), year, plan_year, new, history_part))
    return sorted(found.values(), key=lambda mention: mention.start)


def _add(found: dict[int, Mention], mention: Mention) -> None:
    """Keep the first class given to a year's digits (citations first, then periods, dates, words)."""
    found.setdefault(mention.start, mention)


def _cited_years(text: str, citation: _Citation, plan_year: int, found: dict[int, Mention]) -> None:
    """Every year inside a citation is the document's; its own date may make it superseded.

    The document's date is the first full date of the citation ("ngày 06/3/2024"); a document
    of the plan year or the year before, of a type issued every year, is superseded.
    """
    span = text[citation.start : citation.end]
    dates = [m for m in (_SHORT_DATE.search(span), _LONG_DATE.search(span)) if m]
    own_date = min(dates, key=lambda m: m.start()) if dates else None
    for match in re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", span):
        year = int(match.group())
        start, end = citation.start + match.start(), citation.start + match.end()
        is_date = own_date is not None and own_date.start() <= match.start() < own_date.end()
        if is_date and citation.type_name in SUPERSEDABLE and year in (plan_year, plan_year - 1):
            _add(found, Mention(start, end, year, SUPERSEDED, citation=citation.type_name))
        else:
            _add(found, Mention(start, end, year, CITED))


def _own(start: int, end: int, year: int, plan_year: int, new: str | None, history_part: bool) -> Mention:
    """A year outside any citation: the plan's own time, a past fact, or a year that stays."""
    if year in (plan_year, plan_year + 1) and not history_part:
        return Mention(start, end, year, PLAN, new)
    if year in (plan_year + 1, plan_year, plan_year - 1, plan_year - 2):
        return Mention(start, end, year, HISTORY)
    return Mention(start, end, year, FIXED)


def _own_date(
    text: str, match: re.Match[str], day: int, month: int, year_group: int, plan_year: int, new_year: int
) -> Mention:
    """A full date outside any citation: the plan's own date moves, 29/02 kept a real day."""
    year = int(match.group(year_group))
    start, end = match.start(year_group), match.end(year_group)
    moved = year + new_year - plan_year
    mention = _own(start, end, year, plan_year, str(moved), False)
    if mention.kind == PLAN and month == 2 and day == 29 and not calendar.isleap(moved):
        # The whole date is rewritten: "29/02/2024" -> "28/02/2025".
        day_start = match.start(1)
        new = text[day_start:end].replace("29", "28", 1)[:-4] + str(moved)
        return Mention(day_start, end, year, PLAN, new)
    return mention
