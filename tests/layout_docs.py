"""Small hand-made Word plans for import: a clerk's header and closing around a body given line by line."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.shared import Mm, Pt

from tests import clerk_docs
from tests.clerk_docs import Layout


def plan_docx(
    body: list[tuple[str, bool]],
    *,
    layout: Layout | None = None,
    trich_yeu: list[str] | None = None,
    header: Any = None,
    title: bool = True,
) -> bytes:
    """A plan: the usual header (or `header(document)`), title, trích yếu, the body, the closing.

    `body` holds lines (text, bold).
    """
    layout = layout or Layout()
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    if header is None:
        clerk_docs._header(document, layout)
    else:
        header(document)
    if title:
        clerk_docs._para(document, "KẾ HOẠCH", align="center", bold=True)
        for line in trich_yeu or clerk_docs.TRICH_YEU:
            clerk_docs._para(document, line, align="center", bold=True)
        clerk_docs._para(document, "-------------------", align="center")
    for text, bold in body:
        clerk_docs._para(document, text, bold=bold)
    clerk_docs._closing(document, layout)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
