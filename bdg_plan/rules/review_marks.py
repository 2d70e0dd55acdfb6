"""`# CẦN XEM LẠI: ...` comment lines: written into a plan file by new-year, reported by validate.

A review item the tool cannot settle itself (a district reference, a renamed commune, an old
year left in a comment) is written into the new file as a comment line right above the line it
concerns, so it outlives the terminal. The comment ends with a short digest of the value it was
written for ("[#1a2b3c]", never a copy of the value): once the clerk changes that value, the item
is done, and `validate` says so as a note that is not counted, instead of a warning, so one edit
settles one item (deleting the comment still works too). Only real comment lines count: the same
words inside a quoted or block text are the clerk's content.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from bdg_plan import messages as msg

if TYPE_CHECKING:
    from bdg_plan.plan.loader import LoadedDocument

MARKER = f"# {msg.NEW_YEAR_REVIEW_MARKER}"
#: The digest written at the end of a review comment: " [#1a2b3c]".
_DIGEST = re.compile(r"\s*\[#([0-9a-f]{6})\]\s*$")


@dataclass(frozen=True)
class Mark:
    """A review comment found in a file.

    Its 1-based line and column of the '#', its reason, and the digest of the value it was written
    for (None for a comment written without one).
    """

    line: int
    column: int
    reason: str
    digest: str | None = None


def value_digest(value: Any) -> str:
    """Six hex digits that change when the value changes (a digest, never a copy of the text)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def value_at_line(doc: LoadedDocument, line: int) -> tuple[bool, Any]:
    """The value whose key or item starts on `line` (the outermost one): (found, value)."""
    paths = [path for path, mark in (*doc.keys.items(), *doc.values.items()) if mark.line == line]
    if not paths:
        return False, None
    path = min(paths, key=len)
    value: Any = doc.data
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return False, None
    return True, value


def first_line_below(text: str, line: int) -> int:
    """The first line after `line` that is not a comment or blank: the line a comment stands above."""
    lines = text.splitlines()
    for number in range(line + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return line


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
            reason, digest = _parts(stripped)
            marks.append(Mark(number, column + 1, reason, digest))
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


def write_marks(text: str, items: Iterable[tuple[int, str, str | None]]) -> tuple[str, dict[int, int]]:
    """Insert a marker comment above each (line, reason, digest); return the text and how lines moved.

    The digest (`value_digest` of the value on that line, or None) ends the comment.

    A reason already written in the comment block right above its line is not written again,
    so running new-year twice never stacks comments. The returned mapping gives, for each line
    of `text` that got comments above it, its new line number; lines between move by the
    comments inserted above them.
    """
    wanted: dict[int, list[str]] = {}
    digests: dict[tuple[int, str], str | None] = {}
    for at, why, digest in items:
        listed = wanted.setdefault(at, [])
        if why not in listed:
            listed.append(why)
            digests[(at, why)] = digest
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if "\r\n" in text else "\n"
    out: list[str] = []
    moved: dict[int, int] = {}
    for number, line in enumerate(lines, start=1):
        reasons = wanted.get(number, [])
        present = _block_above(out)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        block_end, replaced = len(out), set[int]()
        for reason in reasons:
            if reason in present:
                continue
            written = f"{indent}{MARKER} {reason}{_digest_text(digests.get((number, reason)))}{eol}"
            # The same item of an earlier run, said for another year: rewritten, not stacked.
            earlier = _same_but_years(out[:block_end], reason, replaced, set(reasons))
            if earlier is None:
                out.append(written)
            else:
                out[earlier] = written
                replaced.add(earlier)
        moved[number] = len(out) + 1
        out.append(line)
    result = "".join(out)
    if result != text and not _same_data(text, result):
        return text, {n: n for n in range(1, len(lines) + 1)}  # a place a comment cannot go
    return result, moved


def _same_but_years(out: list[str], reason: str, taken: set[int], current: set[str]) -> int | None:
    """The index of a marker line in the block ending `out` that says `reason` with other numbers.

    A line already replaced (`taken`) or saying an item this run writes too (`current`) is not one.
    """
    shape = re.sub(r"\d+", "0", reason)
    for index in range(len(out) - 1, -1, -1):
        if index in taken:
            continue
        stripped = out[index].strip()
        if not stripped.startswith("#"):
            return None
        if stripped.startswith(MARKER):
            earlier = _parts(stripped)[0]
            if earlier not in current and re.sub(r"\d+", "0", earlier) == shape:
                return index
    return None


def _parts(comment: str) -> tuple[str, str | None]:
    """A review comment line (stripped, starting with MARKER) as its reason and its digest."""
    reason = comment[len(MARKER) :].strip()
    digest = _DIGEST.search(reason)
    return (reason[: digest.start()].rstrip(), digest.group(1)) if digest else (reason, None)


def _digest_text(digest: str | None) -> str:
    return f" [#{digest}]" if digest else ""


def _block_above(out: list[str]) -> set[str]:
    """Reasons of the marker comments in the comment block that ends the output so far."""
    reasons = set()
    for line in reversed(out):
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        if stripped.startswith(MARKER):
            reasons.add(_parts(stripped)[0])
    return reasons


def _same_data(before: str, after: str) -> bool:
    try:
        return bool(yaml.safe_load(before) == yaml.safe_load(after))
    except yaml.YAMLError:
        return False
