"""`# CẦN XEM LẠI: ...` comment lines: written into a plan file by new-year, reported by validate.

A review item the tool cannot settle itself (a district reference, a renamed commune, an old
year left in a comment) is written into the new file as a comment line right above the line it
concerns, so it outlives the terminal. `validate` reports each such line as a warning until the
clerk deletes it. Only real comment lines count: the same words inside a quoted or block text
are the clerk's content.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import yaml

from bdg_plan import messages as msg

MARKER = f"# {msg.NEW_YEAR_REVIEW_MARKER}"


@dataclass(frozen=True)
class Mark:
    """A review comment found in a file: 1-based line and column of its '#', and its reason."""

    line: int
    column: int
    reason: str


def find_marks(text: str) -> list[Mark]:
    """Every `# CẦN XEM LẠI: ...` comment line of `text`, outside any text value."""
    if msg.NEW_YEAR_REVIEW_MARKER not in text:
        return []
    spans = list(_scalar_spans(text))
    marks = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.lstrip(" \t")
        column = len(line) - len(stripped)
        if stripped.startswith(MARKER) and not any(s < offset + column < e for s, e in spans):
            marks.append(Mark(number, column + 1, stripped[len(MARKER) :].strip()))
        offset += len(line)
    return marks


def comment_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line, text after '#') of every whole-line comment outside text values."""
    spans = list(_scalar_spans(text))
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.lstrip(" \t")
        column = len(line) - len(stripped)
        if stripped.startswith("#") and not any(s < offset + column < e for s, e in spans):
            yield number, stripped[1:].rstrip("\r\n")
        offset += len(line)


def _scalar_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each text value of the document starts and ends (character offsets)."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                yield token.start_mark.index, token.end_mark.index
    except yaml.YAMLError:
        return


def write_marks(text: str, items: Iterable[tuple[int, str]]) -> tuple[str, dict[int, int]]:
    """Insert a marker comment above each (line, reason); return the text and how lines moved.

    A reason already written in the comment block right above its line is not written again,
    so running new-year twice never stacks comments. The returned mapping gives, for each line
    of `text` that got comments above it, its new line number; lines between move by the
    comments inserted above them.
    """
    wanted: dict[int, list[str]] = {}
    for at, why in items:
        listed = wanted.setdefault(at, [])
        if why not in listed:
            listed.append(why)
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if "\r\n" in text else "\n"
    out: list[str] = []
    moved: dict[int, int] = {}
    for number, line in enumerate(lines, start=1):
        reasons = wanted.get(number, [])
        present = _block_above(out)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        out += [f"{indent}{MARKER} {reason}{eol}" for reason in reasons if reason not in present]
        moved[number] = len(out) + 1
        out.append(line)
    result = "".join(out)
    if result != text and not _same_data(text, result):
        return text, {n: n for n in range(1, len(lines) + 1)}  # a place a comment cannot go
    return result, moved


def _block_above(out: list[str]) -> set[str]:
    """Reasons of the marker comments in the comment block that ends the output so far."""
    reasons = set()
    for line in reversed(out):
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        if stripped.startswith(MARKER):
            reasons.add(stripped[len(MARKER) :].strip())
    return reasons


def _same_data(before: str, after: str) -> bool:
    try:
        return bool(yaml.safe_load(before) == yaml.safe_load(after))
    except yaml.YAMLError:
        return False
