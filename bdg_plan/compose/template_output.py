"""The plain Markdown the built-in templates write, read without markdown-it.

The built-in templates print every value through a placeholder, so their output is made of a few
line shapes only: a heading ("# " to "###### "), a paragraph, a "- " item and its "  + " items,
each line nothing but placeholders joined by single spaces, blocks separated by empty lines.
`plain_lines` reads exactly that and refuses (None) anything else, and the compose stage then
parses with markdown-it as before: a run of the example plans no longer imports markdown-it
(a noticeable part of a render's start: docs/performance.md), and a template that writes real
Markdown (bold, tables, ordered lists, indented text) is read by markdown-it as it always was.
The shapes accepted give the same blocks as markdown-it's CommonMark reading of them (checked by
a test over every sequence of them up to a length, and over every example).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bdg_plan.compose.blocks import BodyKind
from bdg_plan.compose.templating import CLOSE, OPEN

_VALUES = f"{OPEN}[0-9]+{CLOSE}(?: {OPEN}[0-9]+{CLOSE})*"
#: One line of the plain shape: an optional heading or list marker, then placeholders only.
_LINE = re.compile(f"(#{{1,6}} |- |  \\+ )?({_VALUES})")

#: The paragraph kind of each heading level the templates write.
HEADING_KINDS: dict[int, BodyKind] = {
    1: "phan",
    2: "muc",
    3: "khoan",
    4: "diem",
    5: "tieu_khoan",
    6: "phan_ten",
}

#: One paragraph as (kind, prefix, the placeholders' text as markdown-it's inline content).
PlainLine = tuple[BodyKind, str, str]


@lru_cache(maxsize=16)
def plain_lines(markdown: str) -> tuple[PlainLine, ...] | None:
    """The paragraphs of `markdown` when it has only the plain shapes, else None."""
    lines: list[PlainLine] = []
    for block in markdown.split("\n\n"):
        rows = [row for row in block.split("\n") if row]
        if not rows:
            continue
        matches = [_LINE.fullmatch(row) for row in rows]
        if not all(matches):
            return None
        marks = [match.group(1) or "" for match in matches if match]
        contents = [match.group(2) for match in matches if match]
        if len(rows) == 1 and not marks[0].endswith(("- ", "+ ")):
            mark = marks[0]
            kind = HEADING_KINDS[len(mark) - 1] if mark else "noi_dung"
            lines.append((kind, "", contents[0]))
        elif marks[0] == "- " and all(mark in ("- ", "  + ") for mark in marks):
            lines.extend(
                ("y", "- ", content) if mark == "- " else ("y_nho", "+ ", content)
                for mark, content in zip(marks, contents, strict=True)
            )
        else:
            return None
    return tuple(lines)
