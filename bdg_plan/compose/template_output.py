"""The one reader of what a template writes: the plain Markdown of the template contract.

A template (built-in or a clerk's `--templates` folder) writes text in which every printed value
is a placeholder; this module reads that text into paragraphs and tables, and the compose stage
puts the values back. The contract (docs/mau-van-ban.md, for clerks) is a small, line-based part
of CommonMark, read the way CommonMark reads it:

- blocks are separated by empty lines; a paragraph's lines are joined by a space, and a line
  ending in two spaces or a backslash breaks the line;
- "# " to "###### " headings (a closing run of "#" is dropped);
- "- ", "* " and "+ " items (nested by indentation; "+" is the small item), "1. " or "1) "
  numbered items (numbered from the first item's number), a further line of an item joining it;
- a table: a row of cells between "|", a line of "---" (":---:") under it, then its rows up to
  the next empty line;
- inside a line: **bold**, __bold__, *italic*, _italic_ (by CommonMark's delimiter rules),
  `code` (printed as written), backslash escapes and HTML entities such as &amp;.

Anything else CommonMark gives a meaning that bdg-plan would drop (a link's address, an image,
a quote mark, a rule, a code block, an empty item) is refused with `TemplateOutputError`, naming
the line of the output and what to write instead, so no text is lost without a word.

The reader follows markdown-it's CommonMark reading for every shape above (it replaced it, and
was checked against it on random outputs before); the built-in templates use only headings,
paragraphs and "-"/"  +" items of printed values. Over 400 lines on purpose: the inline rules
(delimiter runs, code spans, escapes) and the block rules (lists, tables) are one reader, and
the contract is easier to check read in one place.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from bdg_plan import messages as msg
from bdg_plan.compose.blocks import BodyKind

#: The paragraph kind of each heading level the templates write.
HEADING_KINDS: dict[int, BodyKind] = {
    1: "phan",
    2: "muc",
    3: "khoan",
    4: "diem",
    5: "tieu_khoan",
    6: "phan_ten",
}


class TemplateOutputError(Exception):
    """A construct of the template's output that the contract does not read: line and reason."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class Segment(NamedTuple):
    """A piece of a paragraph: text holding placeholders, or a line break (a space or a newline)."""

    text: str
    bold: bool = False
    italic: bool = False
    is_break: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the output: its kind and prefix, its inline source and its pieces."""

    kind: BodyKind
    prefix: str
    content: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Table:
    """A table the template wrote: rows of cells' pieces; the first `header_rows` are its head."""

    rows: tuple[tuple[tuple[Segment, ...], ...], ...]
    header_rows: int = 1


ReadBlock = Paragraph | Table


# --- Inline: emphasis, code, escapes, entities, breaks ------------------------------------------
_INLINE = re.compile(
    r"(?P<hard>\\\n[ \t]*)|(?P<escape>\\.)|(?P<brk> *\n[ \t]*)|(?P<code>`+)|(?P<delim>\*+|_+)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<link>!?\[(?:[^\[\]\\\n]|\\.)*\]\(|<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?>)"
)
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: What CommonMark (as JavaScript's trim) strips around a paragraph, a heading and a table cell.
TRIMMED = " \t\n\v\f\r\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_ANY_INLINE = re.compile(r"[\\\n`*_&!\[<]")


@dataclass
class _Delim:
    """A run of `*` or `_` that may open or close emphasis (CommonMark's delimiter run)."""

    char: str
    count: int
    length: int
    can_open: bool
    can_close: bool
    opens: list[int] = field(default_factory=list)  # 1 italic, 2 bold, in match order
    closes: list[int] = field(default_factory=list)


_Node = str | Segment | _Delim  # text, a code span or break, a delimiter run


def _is_space(char: str) -> bool:
    return not char or char in "\t\n\v\f\r" or unicodedata.category(char) == "Zs"


def _is_punct(char: str) -> bool:
    return bool(char) and (unicodedata.category(char)[0] in "PS")


def _delimiter(text: str, start: int, end: int) -> _Delim:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    left = not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))
    right = not _is_space(before) and (not _is_punct(before) or _is_space(after) or _is_punct(after))
    char = text[start]
    if char == "_":
        return _Delim(char, end - start, end - start, left and (not right or _is_punct(before)),
                      right and (not left or _is_punct(after)))  # fmt: skip
    return _Delim(char, end - start, end - start, left, right)


def _inline_nodes(text: str, line: int) -> list[_Node]:
    """Split `text` into literal text, code spans, breaks and delimiter runs."""
    nodes: list[_Node] = []
    position = 0
    spans = _CodeSpans(text)
    while (match := _INLINE.search(text, position)) is not None:
        nodes.append(text[position : match.start()])
        position = match.end()
        kind, token = match.lastgroup, match.group()
        if kind == "escape":  # a backslash and the character after it, read together
            nodes.append(token[1] if token[1] in _ESCAPABLE else token)
        elif kind in ("hard", "brk"):
            hard = kind == "hard" or token.startswith("  ")
            nodes.append(Segment("\n" if hard else " ", is_break=True))
        elif kind == "code":
            closing = spans.closing(len(token), position)
            if closing is None:
                nodes.append(token)
                continue
            code = text[position:closing].replace("\n", " ")
            if code.startswith(" ") and code.endswith(" ") and code.strip(" "):
                code = code[1:-1]
            nodes.append(Segment(code))
            position = closing + len(token)
        elif kind == "delim":
            nodes.append(_delimiter(text, match.start(), match.end()))
        elif kind == "entity":
            import html  # only for an entity (&amp;): the built-in templates print none

            nodes.append(html.unescape(token))
        else:
            where = line + text.count("\n", 0, match.start())
            raise TemplateOutputError(where, msg.TEMPLATE_OUTPUT_LINK.format(text=token))
    nodes.append(text[position:])
    return nodes


class _CodeSpans:
    """Where each run of backticks starts, by length: a code span's end is found by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[int, list[int]] | None = None

    def closing(self, length: int, after: int) -> int | None:
        """The start of the first run of exactly `length` backticks at or after `after`."""
        if self.starts is None:
            self.starts = {}
            for run in re.finditer("`+", self.text):
                self.starts.setdefault(len(run.group()), []).append(run.start())
        starts = self.starts.get(length, [])
        at = bisect.bisect_left(starts, after)
        return starts[at] if at < len(starts) else None


def _match_emphasis(nodes: list[_Node]) -> None:
    """Pair openers and closers as CommonMark does (nearest opener first, the rule of three).

    The runs that may still open wait on a stack of their character, each with its order among
    the runs; a match drops the runs between opener and closer from both stacks. `bottoms`
    remembers, per kind of closer, the last run below which no opener was found, so a line of
    many unmatched runs is read in linear time.
    """
    stacks: dict[str, list[tuple[int, _Delim]]] = {"*": [], "_": []}
    bottoms: dict[tuple[str, bool, int], int] = {}
    delimiters = (node for node in nodes if isinstance(node, _Delim))
    for order, node in enumerate(delimiters):
        stack, key = stacks[node.char], (node.char, node.can_open, node.length % 3)
        while node.can_close and node.count:
            bottom = bottoms.get(key, -1)
            at = len(stack) - 1
            while at >= 0 and stack[at][0] > bottom and _odd_pair(stack[at][1], node):
                at -= 1
            if at < 0 or stack[at][0] <= bottom:
                bottoms[key] = max((entry[-1][0] for entry in stacks.values() if entry), default=-1)
                break
            opened, opener = stack[at]
            used = 2 if opener.count >= 2 and node.count >= 2 else 1
            opener.count -= used
            node.count -= used
            opener.opens.append(used)
            node.closes.append(used)
            del stack[at + (opener.count > 0) :]
            for other in stacks.values():  # the runs between opener and closer can no longer match
                while other and other[-1][0] > opened:
                    other.pop()
        if node.can_open and node.count:
            stack.append((order, node))


def _odd_pair(opener: _Delim, closer: _Delim) -> bool:
    """CommonMark's rule of three: a run that can both open and close pairs by lengths."""
    both = opener.can_close or closer.can_open
    return both and (opener.length + closer.length) % 3 == 0 and bool(opener.length % 3 or closer.length % 3)


def inline_segments(text: str, line: int = 0) -> tuple[Segment, ...]:
    """The pieces of one paragraph's (or cell's) inline source, with bold and italic applied."""
    if not _ANY_INLINE.search(text):
        return (Segment(text),) if text else ()
    nodes = _inline_nodes(text, line)
    _match_emphasis(nodes)
    segments: list[Segment] = []
    pending: list[str] = []  # literal text of the current run (joined once: no quadratic copies)
    bold = italic = 0

    def flush() -> None:
        if pending:
            segments.append(Segment("".join(pending), bold > 0, italic > 0))
            pending.clear()

    for node in nodes:
        if isinstance(node, str):
            pending.append(node)
        elif isinstance(node, Segment):  # a code span or a break is a run of its own
            flush()
            segments.append(node._replace(bold=bold > 0, italic=italic > 0))
        else:
            if node.closes:
                flush()
            for used in node.closes:
                bold, italic = (bold - 1, italic) if used == 2 else (bold, italic - 1)
            pending.append(node.char * node.count)
            if node.opens:
                flush()
            for used in node.opens:
                bold, italic = (bold + 1, italic) if used == 2 else (bold, italic + 1)
    flush()
    return tuple(segment for segment in segments if segment.text)


# --- Blocks: headings, paragraphs, lists, tables ------------------------------------------------
_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_ITEM = re.compile(r"([-*+]|(\d{1,9})[.)])([ \t]+|$)(.*)")
_FENCE = re.compile(r"```|~~~")
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*")
_UNDERLINE = re.compile(r"(?:-+|=+)[ \t]*")
_DEFINITION = re.compile(r"\[(?:[^\]\\]|\\.)+\]:")
_TABLE_RULE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_PIPE = re.compile(r"(?<!\\)\|")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass
class _List:
    """An open list: where its item's marker and text start, its marker, the next item's number."""

    marker_at: int
    content_at: int
    marker: str  # "-", "*", "+", "." or ")"
    number: int


@dataclass
class _Open:
    """The paragraph being read: its kind, prefix, first line and lines."""

    kind: BodyKind
    prefix: str
    line: int
    lines: list[str]


def _heading(text: str) -> tuple[int, str] | None:
    """A heading line's level and text, its closing run of "#" (after a space) dropped."""
    mark = _HEADING.match(text)
    if mark is None:
        return None
    content = text[mark.end() :].strip(" \t")
    unclosed = content.rstrip("#")
    if not unclosed or unclosed[-1] in " \t":
        content = unclosed.rstrip(" \t")
    return mark.end(), content.strip(TRIMMED)


def _cells(row: str) -> list[str]:
    """The cells of a table row: split at each bar not escaped by a backslash, outer bars dropped."""
    cells = _PIPE.split(row.strip())
    if cells and not cells[0]:
        cells.pop(0)
    if cells and not cells[-1]:
        cells.pop()
    return [cell.strip(TRIMMED).replace("\\|", "|") for cell in cells]


class _Reader:
    """Reads the output line by line; `blocks` is what it has read."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[ReadBlock] = []
        self.lists: list[_List] = []
        self.open: _Open | None = None
        self.blank = True
        self.table: list[str] | None = None
        self.table_line = 0

    def read(self) -> tuple[ReadBlock, ...]:
        for number, raw in enumerate(self.lines, start=1):
            self.line(number, raw)
        self.close()
        return tuple(self.blocks)

    def close(self) -> None:
        """End the paragraph or table being read."""
        if self.open is not None:
            content = "\n".join(self.open.lines).strip(TRIMMED)
            segments = inline_segments(content, self.open.line)
            self.blocks.append(Paragraph(self.open.kind, self.open.prefix, content, segments))
            self.open = None
        if self.table is not None:
            self.blocks.append(self._table(self.table, self.table_line))
            self.table = None

    def line(self, number: int, raw: str) -> None:
        lead = len(raw) - len(raw.lstrip(" \t"))
        text = raw[:lead].expandtabs(4) + raw[lead:] if "\t" in raw[:lead] else raw
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        if self.table is not None:
            if not stripped.strip(" \t"):
                self.close()
            elif "|" not in stripped:
                raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_TABLE_ROW)
            else:
                self.table.append(stripped)
            self.blank = not stripped.strip(" \t")
            return
        if not stripped.strip(" \t"):
            self.close()
            self.blank = True
            return
        self.block_line(number, indent, stripped, text)
        self.blank = False

    def block_line(self, number: int, indent: int, text: str, whole: str) -> None:
        """A line that is not empty and not in a table: `text` is `whole` without its indent."""
        lazy = self.open is not None and not self.blank
        if indent - self._container(indent) >= 4:
            inside = not self.lists or indent >= self.lists[-1].content_at
            if lazy and inside:  # a further line of a paragraph, however indented
                self.open.lines.append(whole)  # type: ignore[union-attr]
                return
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_INDENTED)
        self._refuse(number, indent, text, lazy)
        heading = _heading(text)
        if heading:
            self.close()
            self._leave_lists(indent)
            level, content = heading
            self.blocks.append(Paragraph(HEADING_KINDS[level], "", content, inline_segments(content, number)))
            return
        if not (lazy and self.lists and indent < self.lists[-1].content_at) and self._table_starts(
            number, text
        ):
            self.close()
            self._leave_lists(indent)
            self.table, self.table_line = [text], number
            return
        item = _ITEM.fullmatch(text.rstrip("\n"))
        if item and self._item(number, indent, item, lazy):
            return
        if lazy:  # the item's own indent is not part of its text (it shows only inside `code`)
            item_at = self.lists[-1].content_at if self.lists else 0
            self.open.lines.append(whole[min(indent, item_at) :])  # type: ignore[union-attr]
            return
        self.close()
        self._leave_lists(indent)
        if self.lists:
            marker = self.lists[-1].marker
            kind: BodyKind = "noi_dung" if marker in ".)" else "y_nho" if marker == "+" else "y"
            self.open = _Open(kind, "", number, [text])
        else:
            self.open = _Open("noi_dung", "", number, [text])

    def _container(self, indent: int) -> int:
        """The text column of the deepest open list item `indent` reaches (0: the page)."""
        for entry in reversed(self.lists):
            if indent >= entry.content_at:
                return entry.content_at
        return 0

    def _leave_lists(self, indent: int) -> None:
        """Close the lists whose item text starts right of `indent`."""
        while self.lists and indent < self.lists[-1].content_at:
            self.lists.pop()

    def _refuse(self, number: int, indent: int, text: str, lazy: bool) -> None:
        """Refuse the block kinds the contract does not read (their text would be lost or changed)."""
        if _FENCE.match(text):
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_CODE)
        if text.startswith(">"):
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_QUOTE)
        underlines = lazy and (not self.lists or indent >= self.lists[-1].content_at)
        if _RULE.fullmatch(text) or (underlines and _UNDERLINE.fullmatch(text)):
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_RULE)
        if not lazy and _DEFINITION.match(text):
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_LINK.format(text=text.split(":")[0] + ":"))

    def _table_starts(self, number: int, text: str) -> bool:
        if number >= len(self.lines) or "|" not in text:
            return False
        rule = self.lines[number].strip()
        if not _TABLE_RULE.fullmatch(rule) or ("|" not in rule and len(_cells(text)) > 1):
            return False
        if rule.startswith("-") and rule[1:2] in (" ", "\t"):  # "- ..." starts a list item instead
            return False
        if not _cells(text):
            return False
        if len(_cells(rule)) != len(_cells(text)):
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_TABLE_COLUMNS)
        return True

    def _table(self, lines: list[str], number: int) -> Table:
        head = _cells(lines[0])
        rows = [head]
        for offset, line in enumerate(lines[2:], start=2):
            cells = _cells(line)
            if len(cells) > len(head):  # CommonMark would drop the cells past the head's
                raise TemplateOutputError(number + offset, msg.TEMPLATE_OUTPUT_TABLE_CELLS)
            rows.append(cells + [""] * (len(head) - len(cells)))
        read = tuple(
            tuple(inline_segments(cell, number + index + (index > 0)) for cell in row)
            for index, row in enumerate(rows)
        )
        return Table(read, 1)

    def _item(self, number: int, indent: int, item: re.Match[str], lazy: bool) -> bool:
        """Read a list item's line; False when it is the next line of a paragraph after all."""
        marker = item.group(1)[-1] if item.group(2) else item.group(1)
        start = int(item.group(2)) if item.group(2) else 1
        spaces, content = item.group(3), item.group(4)
        keep, continues = self._place(indent, marker)
        inside = indent >= (self.lists[-1].content_at if self.lists else 0)
        if lazy and not continues and inside and (not content or start != 1):
            return False  # a new list interrupts a paragraph only with a first item "1." or a bullet
        if not content:
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_EMPTY_ITEM)
        if len(spaces) > 4:
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_INDENTED)
        nested = _heading(content) or _ITEM.fullmatch(content) or _RULE.fullmatch(content)
        if nested or content.startswith(">") or _FENCE.match(content):
            raise TemplateOutputError(number, msg.TEMPLATE_OUTPUT_NESTED_MARK)
        self.close()
        del self.lists[keep:]
        content_at = indent + len(item.group(1))
        for space in spaces:  # a tab reaches the next multiple of 4
            content_at = (content_at // 4 + 1) * 4 if space == "\t" else content_at + 1
        if not continues:
            self.lists.append(_List(indent, content_at, marker, start))
        entry = self.lists[-1]
        entry.marker_at, entry.content_at = indent, content_at
        if marker in ".)":
            self.open = _Open("noi_dung", f"{entry.number}. ", number, [content])
            entry.number += 1
        else:
            self.open = _Open(
                "y_nho" if marker == "+" else "y", f"{marker if marker != '*' else '-'} ", number, [content]
            )
        return True

    def _place(self, indent: int, marker: str) -> tuple[int, bool]:
        """Where an item at `indent` goes: how many open lists stay, and whether it continues the last.

        A new list starts inside the item above when the marker is under that item's text, and
        beside it when the marker differs ("-" then "+", "1." then "1)").
        """
        keep = len(self.lists)
        while keep:
            top = self.lists[keep - 1]
            if indent >= top.content_at:
                return keep, False
            parent = self.lists[keep - 2].content_at if keep > 1 else 0
            if indent >= parent:
                return (keep, True) if top.marker == marker else (keep - 1, False)
            keep -= 1
        return 0, False


@lru_cache(maxsize=16)
def read_output(markdown: str) -> tuple[ReadBlock, ...]:
    """The paragraphs and tables of a template's output.

    Raises:
        TemplateOutputError: a construct the contract does not read, with its line.

    """
    return _Reader(_LINE_END.split(markdown)).read()
