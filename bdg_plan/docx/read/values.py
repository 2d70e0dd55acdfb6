"""What a .docx is read into (import, check): paragraphs, tables, sections and the text beside them.

Plain values, made by `docx.read.body` in one walk over the document and read by `word/`: each
paragraph with its text, resolved formatting and automatic number; the tables with merged cells
and widths; the sections; and everything that cannot become plan text (images, text boxes,
footnotes, comments, tracked changes, header text), each tied to its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bdg_plan.docx.read.props import ParagraphFormat, RunFormat

#: The longest text of a paragraph quoted in a message: its first words, cut here with "…".
MAX_QUOTED_CHARS = 80


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as the clerk sees it; `number` counts from 1 in document order."""

    number: int
    text: str
    label: str = ""
    label_format: str = ""
    level: int = 0
    style_id: str = ""
    style_name: str = ""
    runs: tuple[tuple[str, RunFormat], ...] = ()
    fmt: ParagraphFormat = field(default_factory=ParagraphFormat)
    cell: tuple[int, int, int] | None = None  # (table, row, column) when inside a table
    page_break_before: bool = False
    #: Hidden text (w:vanish) of the paragraph: kept out of `text`, which is what Word prints.
    hidden: str = ""

    @property
    def shown(self) -> str:
        """The text with its automatic label, as printed ("1. Mục đích")."""
        if not self.label:
            return self.text
        return f"{self.label} {self.text}" if self.text else self.label

    @property
    def bold(self) -> bool:
        """Every run with visible text is bold."""
        visible = [f for text, f in self.runs if text.strip()]
        return bool(visible) and all(f.bold for f in visible)

    @property
    def italic(self) -> bool:
        """Every run with visible text is italic."""
        visible = [f for text, f in self.runs if text.strip()]
        return bool(visible) and all(f.italic for f in visible)

    def first_words(self, count: int = 8) -> str:
        """The first words, to name the paragraph in a message (at most `MAX_QUOTED_CHARS`)."""
        return first_words(self.shown, count)


def first_words(text: str, count: int = 8) -> str:
    """The first `count` words of `text`, "…" when there are more, cut at `MAX_QUOTED_CHARS`.

    Only the start of the text is split, so a 1 MB paragraph costs no more than a short one.
    """
    head = text[: MAX_QUOTED_CHARS * 2 + count + 1]
    words = head.split(maxsplit=count)
    more = len(words) > count or len(head) < len(text)
    return shorten(" ".join(words[:count]) + (" …" if more else ""))


def shorten(text: str, limit: int = MAX_QUOTED_CHARS) -> str:
    """`text` as quoted in a message: at most `limit` characters, "…" ending a cut one."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Table:
    """A table: rows of cells, each cell the paragraphs it holds (merged cells counted once)."""

    index: int
    rows: tuple[tuple[tuple[Paragraph, ...], ...], ...]
    merged: bool = False
    #: Per row, the grid column each kept cell starts at (merged and skipped cells counted).
    starts: tuple[tuple[int, ...], ...] = ()
    #: The grid columns' widths in millimetres (`w:tblGrid`), when the file gives them.
    grid_mm: tuple[float, ...] = ()
    #: Per row, how many grid columns each kept cell spans (`w:gridSpan`).
    spans: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class Section:
    """One section's page setup (millimetres) and its headers."""

    width_mm: float = 0.0
    height_mm: float = 0.0
    top_mm: float = 0.0
    bottom_mm: float = 0.0
    left_mm: float = 0.0
    right_mm: float = 0.0
    title_page: bool = False
    default_header_page: bool = False
    first_header_page: bool = False
    footer_page: bool = False


@dataclass(frozen=True)
class Unplaced:
    """Something the plan cannot hold: its kind (a message key) and paragraph."""

    kind: str
    paragraph: int
    words: str


@dataclass(frozen=True)
class Extra:
    """Text Word shows outside the body's paragraphs, or a tracked change: its kind and place.

    Kinds: "footnote", "endnote", "comment", "textbox", "header" (header or footer text, the page
    number left out; paragraph 0), "page" (the page number as the file holds it, which render
    prints itself), and the tracked changes accepted: "inserted" (kept in the
    body text), "deleted" (dropped from it), "moved" (the words at a move's origin, dropped: the
    destination holds them), "moved_to" (a move's destination, kept in the body text).
    """

    kind: str
    paragraph: int
    text: str


@dataclass
class ReadDocument:
    """A .docx's content in document order: body items are paragraphs and tables."""

    body: list[Paragraph | Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    #: Notes, comments, text boxes, header text and tracked changes, in document order.
    extras: list[Extra] = field(default_factory=list)
    #: The width a cell's text has (its width less its margins), in mm, by (table, row, column),
    #: for the cells whose width the file states.
    cell_widths: dict[tuple[int, int, int], float] = field(default_factory=dict)
    _unplaced_index: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)

    def unplaced_paragraphs(self, kind: str) -> frozenset[int]:
        """The numbers of the paragraphs holding something of `kind` ("image"), found once."""
        found = self._unplaced_index.get(kind)
        if found is None:
            found = frozenset(u.paragraph for u in self.unplaced if u.kind == kind)
            self._unplaced_index[kind] = found
        return found
