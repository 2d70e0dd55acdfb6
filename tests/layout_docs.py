"""Small hand-made Word plans for import: a clerk's header and closing around a body given line by line.

A body line is `(text, bold)` typed as it is, `("num", kind, text, bold)` numbered the layout's way
(typed "a) " or Word's own numbering; kind is muc, khoan, diem, y), or `("table", rows, widths)`:
a table whose widths (cm) are set on its cells only (`w:tcW`), its grid left equal.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx import Document
from docx.shared import Cm, Mm, Pt

from tests import clerk_docs
from tests.clerk_docs import Layout


def _table(document: Any, rows: list[list[str]], widths: list[float] | None) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            cell = table.cell(row_index, column)
            cell.text = text
            if widths:
                cell.width = Cm(widths[column])


def plan_docx(
    body: list[tuple[Any, ...]],
    *,
    layout: Layout | None = None,
    trich_yeu: list[str] | None = None,
    header: Callable[[Any], None] | None = None,
) -> bytes:
    """A plan: the usual header (or `header(document)`), title, trích yếu, the body, the closing."""
    layout = layout or Layout()
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    if layout.numbering in ("auto", "style"):
        clerk_docs._add_numbering(document, layout)
    if header is None:
        clerk_docs._header(document, layout)
    else:
        header(document)
    clerk_docs._para(document, "KẾ HOẠCH", align="center", bold=True)
    for line in trich_yeu or clerk_docs.TRICH_YEU:
        clerk_docs._para(document, line, align="center", bold=True)
    clerk_docs._para(document, "-------------------", align="center")
    numbered = clerk_docs._Body(document, layout)
    for item in body:
        if item[0] == "num":
            numbered.line(item[1], item[2], bold=item[3])
        elif item[0] == "table":
            _table(document, item[1], item[2])
        else:
            clerk_docs._para(document, item[0], bold=item[1])
    clerk_docs._para(document, clerk_docs.CLOSING)
    clerk_docs._closing(document, layout)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
