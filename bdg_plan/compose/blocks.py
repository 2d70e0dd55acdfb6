"""The composed document's building blocks: runs, paragraphs and tables, made by compose, read by the writer.

Values only: no formatting decisions but the paragraph kind, which names a style of the writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting; a newline inside means a line break."""

    text: str
    bold: bool = False
    italic: bool = False


#: The kinds of body paragraph, each a paragraph style of the writer (`docx_styles.STYLES`):
#: body text, dash and plus bullets, the heading levels phần (label and title), mục, khoản,
#: tiểu khoản, điểm, and the text of table cells (13 and 12 pt).
BodyKind = Literal[
    "noi_dung", "y", "y_nho", "phan", "phan_ten", "muc", "khoan", "tieu_khoan", "diem", "bang", "bang_nho"
]


@dataclass(frozen=True)
class Block:
    """One body paragraph. `kind` names its paragraph style; `prefix` is "- ", "+ " or ""."""

    kind: BodyKind
    runs: tuple[Run, ...]
    prefix: str = ""

    @property
    def text(self) -> str:
        """The paragraph's plain text, prefix included."""
        return self.prefix + "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class TableCell:
    """One cell: its paragraphs, how many grid columns it spans, and whether it is centred."""

    paragraphs: tuple[Block, ...]
    span: int = 1
    centred: bool = False

    @property
    def text(self) -> str:
        """The cell's plain text, one paragraph a line."""
        return "\n".join(block.text for block in self.paragraphs)


@dataclass(frozen=True)
class TableBlock:
    """A bordered table: rows of cells, the first `header_rows` repeated on every page.

    `widths` are the columns' shares of the text width (empty: equal columns); a row of one cell
    spanning every column is a group row. `size` is the text size in points (12 or 13).
    """

    rows: tuple[tuple[TableCell, ...], ...]
    header_rows: int = 1
    widths: tuple[float, ...] = ()
    size: int = 13
    caption: str | None = None

    @property
    def columns(self) -> int:
        """The number of grid columns."""
        return max((sum(cell.span for cell in row) for row in self.rows), default=1)


BodyItem = Block | TableBlock


@dataclass(frozen=True)
class ComposedAnnex:
    """An annex (Phụ lục) after the signature: its heading lines and its own body."""

    label: str
    title: str
    kem_theo: str
    landscape: bool
    body: tuple[BodyItem, ...]
