"""Reading a .docx (import, check): automatic numbering resolved and counted the way Word shows it.

A paragraph's w:numPr (on the paragraph or on its style, see `docx_props.numbering_ref`) points
to a list in numbering.xml; the labels ("I.", "1.", "a)", "-") are counted here as Word counts
them, so the label the clerk sees is the label the importer reads.

A hostile numbering.xml cannot make a label large: a level's w:lvlText longer than
`MAX_LABEL_CHARS` is no label, a w:start is clamped to Word's own range, the letters of a
"aaa..." label are bounded, and a label that still comes out longer than `MAX_LABEL_CHARS` is
dropped (the paragraph reads as unnumbered).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from bdg_plan.docx.read.props import W, ascii_int

#: The longest label kept ("1.2.3.4." is 8 characters; Word's own dialog allows a few dozen).
MAX_LABEL_CHARS = 64
#: The largest w:start or w:startOverride Word accepts; larger values are clamped to it.
MAX_START = 32_767
#: List definitions read (w:abstractNum, and w:num likewise); a long-edited document has a few
#: hundred. Paragraphs of a list past it read as unnumbered.
MAX_LISTS = 10_000


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
        repeat = min((value - 1) // 26 + 1, MAX_LABEL_CHARS + 1)
        text = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * repeat
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
        for definition in islice(root.iter(f"{W}abstractNum"), MAX_LISTS):
            levels: dict[int, Level] = {}
            for lvl in definition.findall(f"{W}lvl"):
                ilvl = _ilvl(lvl)
                if ilvl is not None:
                    levels[ilvl] = _level(lvl)
            abstract[definition.get(f"{W}abstractNumId", "")] = levels
        for num in islice(root.iter(f"{W}num"), MAX_LISTS):
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                ilvl = _ilvl(override)
                if start is not None and ilvl is not None and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = Level(old.fmt, old.text, _start(start.get(f"{W}val")))
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
        if len(text) > MAX_LABEL_CHARS:
            return "", ""
        return text, level.fmt


def _ilvl(element: Any) -> int | None:
    """A w:ilvl attribute in ASCII digits, 0-8 (Word's nine levels); None otherwise."""
    return ascii_int(element.get(f"{W}ilvl", "0"), 0, 8)


def _start(value: str | None) -> int:
    """A w:start value, clamped to 0-`MAX_START`; 1 when missing or not a number."""
    number = ascii_int(value, -(10**9), 10**9)
    return 1 if number is None else max(0, min(number, MAX_START))


def _level(lvl: Any) -> Level:
    fmt = lvl.find(f"{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    start = lvl.find(f"{W}start")
    pattern = text.get(f"{W}val", "") if text is not None else ""
    return Level(
        fmt=fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
        text=pattern if len(pattern) <= MAX_LABEL_CHARS else "",
        start=_start(start.get(f"{W}val") if start is not None else None),
    )
