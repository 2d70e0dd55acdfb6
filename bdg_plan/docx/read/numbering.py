"""Reading a .docx (import, check): automatic numbering resolved and counted the way Word shows it.

A paragraph's w:numPr (on the paragraph or on its style, see `docx_props.numbering_ref`) points
to a list in numbering.xml; the labels ("I.", "1.", "a)", "-") are counted here as Word counts
them, so the label the clerk sees is the label the importer reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bdg_plan.docx.read.props import W


@dataclass(frozen=True)
class Level:
    """One level of a list definition: its format, text pattern and start value."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


_UPPER_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
_SMALL_ROMAN = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(number: int) -> str:
    parts = []
    for value, symbol in _UPPER_ROMAN + _SMALL_ROMAN:
        count, number = divmod(number, value)
        parts.append(symbol * count)
    return "".join(parts)


def _format_number(value: int, fmt: str) -> str:
    value = max(value, 1)
    if fmt == "upperRoman":
        return _roman(min(value, 3999))
    if fmt == "lowerRoman":
        return _roman(min(value, 3999)).lower()
    if fmt in ("lowerLetter", "upperLetter"):
        text = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    return str(value)


class Numbering:
    """numbering.xml: list definitions, and the counters Word keeps while reading the document."""

    def __init__(self, root: Any | None) -> None:
        self._levels: dict[str, dict[int, Level]] = {}
        self._counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, Level]] = {}
        for definition in root.iter(f"{W}abstractNum"):
            abstract[definition.get(f"{W}abstractNumId", "")] = {
                int(lvl.get(f"{W}ilvl", "0")): _level(lvl)
                for lvl in definition.findall(f"{W}lvl")
                if lvl.get(f"{W}ilvl", "0").isdigit()
            }
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                ilvl = override.get(f"{W}ilvl", "0")
                if start is not None and ilvl.isdigit() and int(ilvl) in levels:
                    old = levels[int(ilvl)]
                    levels[int(ilvl)] = Level(old.fmt, old.text, _int(start.get(f"{W}val"), 1))
            self._levels[num.get(f"{W}numId", "")] = levels

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Count one more paragraph of (numId, ilvl); return its label and the level's format.

        A bullet's label is its character ("-", "+", "•"); an unknown list gives ("", "").
        """
        levels = self._levels.get(num_id)
        if num_id == "0" or not levels or ilvl not in levels:
            return "", ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else level.start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if level.fmt == "bullet":
            return level.text, "bullet"
        if level.fmt == "none":
            return "", "none"
        text = level.text
        for index in range(ilvl, -1, -1):
            lvl = levels.get(index, Level())
            value = counters[index] or lvl.start
            text = text.replace(f"%{index + 1}", _format_number(value, lvl.fmt))
        return text, level.fmt


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl: Any) -> Level:
    fmt = lvl.find(f"{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    start = lvl.find(f"{W}start")
    return Level(
        fmt=fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
        text=text.get(f"{W}val", "") if text is not None else "",
        start=_int(start.get(f"{W}val") if start is not None else None, 1),
    )
