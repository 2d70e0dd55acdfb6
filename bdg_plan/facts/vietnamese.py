"""Vietnamese writing rules used by the compose stage: dates, numbering, letters and capitals.

Dates follow Phụ lục I, Mục II.4 of Decree 30: days below 10 and the months 1 and 2 take a
leading zero ("ngày 06 tháng 01 năm 2024"); months 3-12 do not ("tháng 3").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bdg_plan.facts import nd30
from bdg_plan.facts.admin_map import ALL_COMMUNE_KINDS, DISTRICT_KINDS

#: Điểm letters in Vietnamese alphabetical order (no f, j, w, z), Phụ lục I, Mục II.6.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def format_day(day: int) -> str:
    """Day of month as written in a date line: "06", "15"."""
    return f"{day:02d}"


def format_month(month: int) -> str:
    """Month as written in a date line: "01", "02", then "3" ... "12"."""
    return f"{month:02d}" if month <= 2 else str(month)


def format_long_date(year: int, month: int, day: int | None, blank_day: str) -> str:
    """The date of ô 4: "ngày 06 tháng 3 năm 2023"; a blank day keeps `blank_day` spaces."""
    day_text = format_day(day) if day is not None else blank_day
    return f"ngày {day_text} tháng {format_month(month)} năm {year}"


def format_short_date(day: dt.date) -> str:
    """A date as cited in text: "06/3/2023" (day padded, months 1-2 padded)."""
    return f"{format_day(day.day)}/{format_month(day.month)}/{day.year}"


def format_period(start: dt.date, end: dt.date) -> str:
    """A span of days in a table cell: "15/11 - 15/12/2025" (the year once, when both share it)."""
    if start.year != end.year:
        return f"{format_short_date(start)} - {format_short_date(end)}"
    return f"{format_day(start.day)}/{format_month(start.month)} - {format_short_date(end)}"


def date_padding_faults(day: int | None, day_text: str, month: int, month_text: str) -> list[str]:
    """Which parts of a typed date break the padding rule of `format_day` and `format_month`.

    Returns "day" when a day below 10 has no leading zero, "month" when January or February has
    none, "month-padded" when a later month has one (Phụ lục I, Mục II.4).
    """
    faults = []
    if day is not None and day_text.lstrip("0") == str(day) and day_text != format_day(day):
        faults.append("day")
    if month_text != format_month(month):
        faults.append("month" if month <= 2 else "month-padded")
    return faults


def roman(number: int) -> str:
    """Roman numeral for a section number (1 -> "I")."""
    if number < 1:
        raise ValueError("Roman numerals start at 1")
    parts = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        parts.append(symbol * count)
    return "".join(parts)


def letter(number: int) -> str:
    """The điểm letter for a 1-based position: 1 -> "a", 5 -> "đ", 6 -> "e", 7 -> "g"."""
    if number < 1:
        raise ValueError("letters start at 1")
    count = len(VIETNAMESE_LETTERS)
    text = VIETNAMESE_LETTERS[(number - 1) % count]
    # After "y" the sequence goes on doubled (aa, bb...), as long lists in practice do.
    return text * ((number - 1) // count + 1)


def upper(text: str) -> str:
    """Real capital letters, NFC (never Word's caps flag): "xã Hồng Phong" -> "XÃ HỒNG PHONG"."""
    return unicodedata.normalize("NFC", text.upper())


def capitalize_first(text: str) -> str:
    """Capitalise only the first letter of a sentence, leaving the rest as written."""
    return text[:1].upper() + text[1:] if text else text


def with_end_mark(text: str) -> str:
    """Add the "./." end mark that closes the content, unless the clerk already wrote it."""
    if text.endswith(nd30.END_MARK):
        return text
    return text.rstrip(".") + nd30.END_MARK


#: The space before the unit word where an organ's name breaks into its two header lines.
_UNIT_WORD = re.compile(
    rf"\s(?=(?:{'|'.join((*ALL_COMMUNE_KINDS, *DISTRICT_KINDS, 'tỉnh'))})\s)", re.IGNORECASE
)


def organ_lines(name: str) -> tuple[str, ...]:
    """Split the organ's name into header lines before its unit word, in capitals.

    "Ủy ban nhân dân xã Hồng Phong" -> ("ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG"). A name the clerk
    broke with a newline keeps the clerk's lines.
    """
    if "\n" in name:
        lines = [line.strip() for line in name.splitlines() if line.strip()]
    else:
        lines = [part.strip() for part in _UNIT_WORD.split(name, maxsplit=1)]
    return tuple(upper(line) for line in lines)
