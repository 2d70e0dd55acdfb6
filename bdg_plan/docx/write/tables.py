"""Pipeline stage 5, the writer's bordered tables and annex sections, as WordprocessingML elements.

Used by `bdg_plan.docx.write.document` only (it gives the paragraphs; this module lays them out):
- a table with single black borders, column widths from proportions, the header rows marked
  to repeat on every page (`w:tblHeader`) and group rows spanning every column (`w:gridSpan`);
- the section properties that start an annex on a new page, numbered from 1 (`w:pgNumType
  w:start="1"`, Phụ lục I, Mục III.1.đ: each annex is paginated separately), portrait or landscape.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from bdg_plan.compose.blocks import Block, TableBlock
from bdg_plan.facts import nd30

#: Border of every table edge and inner line: single, 1/2 pt, black (Phụ lục III samples).
_BORDER = {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"}
#: Cell margins left and right (1.5 mm): text does not touch the borders.
_CELL_MARGIN_TWIPS = 85

#: Child order of w:sectPr (CT_SectPr in the OOXML schema).
SECT_PR_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)


def _element(tag: str, **attrs: str) -> Any:
    return OxmlElement(tag, attrs={qn(k): v for k, v in attrs.items()})


def text_width_mm(landscape: bool) -> float:
    """The width between the margins, in millimetres."""
    page = nd30.PAGE_HEIGHT_MM if landscape else nd30.PAGE_WIDTH_MM
    return page - nd30.MARGIN_LEFT_MM - nd30.MARGIN_RIGHT_MM


def column_twips(block: TableBlock, width_mm: float) -> list[int]:
    """Each grid column's width in twips: the block's proportions of the text width."""
    columns = block.columns
    shares = list(block.widths[:columns]) if len(block.widths) >= columns else [1.0] * columns
    total = Mm(width_mm).twips
    return [round(total * share / sum(shares)) for share in shares]


def table_element(block: TableBlock, width_mm: float, paragraph: Callable[[Block, int, bool], Any]) -> Any:
    """The w:tbl of a table block; `paragraph(block, size, centred)` gives each cell paragraph."""
    widths = column_twips(block, width_mm)
    tbl = _element("w:tbl")
    tbl.append(_table_properties(sum(widths)))
    grid = _element("w:tblGrid")
    for width in widths:
        grid.append(_element("w:gridCol", **{"w:w": str(width)}))
    tbl.append(grid)
    for index, row in enumerate(block.rows):
        header = index < block.header_rows
        tr = _element("w:tr")
        # No row splits across pages (an activity reads as one line of the plan); the header
        # row repeats at the top of every page.
        properties = _element("w:trPr")
        properties.append(_element("w:cantSplit"))
        if header:
            properties.append(_element("w:tblHeader"))
        tr.append(properties)
        column = 0
        for cell in row:
            span_width = sum(widths[column : column + cell.span])
            column += cell.span
            tc = _element("w:tc")
            tc.append(_cell_properties(span_width, cell.span, centred=header))
            for block_paragraph in cell.paragraphs:
                p = paragraph(block_paragraph, block.size, cell.centred)
                if cell.span == len(widths) and not header:
                    _keep_with_next(p)  # a group row never ends a page alone
                tc.append(p)
            tr.append(tc)
        tbl.append(tr)
    return tbl


def _keep_with_next(p: Any) -> None:
    properties = p.find(qn("w:pPr"))
    if properties is None:
        properties = _element("w:pPr")
        p.insert(0, properties)
    # CT_PPr order: pStyle, keepNext, ...
    style = properties.find(qn("w:pStyle"))
    properties.insert(1 if style is not None else 0, _element("w:keepNext"))


def _table_properties(width: int) -> Any:
    properties = _element("w:tblPr")
    properties.append(_element("w:tblStyle", **{"w:val": "TableGrid"}))
    properties.append(_element("w:tblW", **{"w:w": str(width), "w:type": "dxa"}))
    properties.append(_element("w:jc", **{"w:val": "center"}))
    borders = _element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{edge}", **_BORDER))
    properties.append(borders)
    properties.append(_element("w:tblLayout", **{"w:type": "fixed"}))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", **{"w:w": str(_CELL_MARGIN_TWIPS), "w:type": "dxa"}))
    properties.append(margins)
    properties.append(_element("w:tblLook", **{"w:val": "04A0", "w:firstRow": "1", "w:noHBand": "0"}))
    return properties


def _cell_properties(width: int, span: int, *, centred: bool) -> Any:
    properties = _element("w:tcPr")
    properties.append(_element("w:tcW", **{"w:w": str(width), "w:type": "dxa"}))
    if span > 1:
        properties.append(_element("w:gridSpan", **{"w:val": str(span)}))
    if centred:
        properties.append(_element("w:vAlign", **{"w:val": "center"}))
    return properties


# --- Sections ---------------------------------------------------------------------------------
def section_break(final_sect_pr: Any) -> Any:
    """A paragraph that ends the current section with a copy of its properties.

    In WordprocessingML a section's properties sit in the last paragraph of the section; the
    body's own w:sectPr describes the last section. Ending a section therefore copies the body's
    w:sectPr into a paragraph, and the body's w:sectPr goes on to describe the next one.
    """
    paragraph = _element("w:p")
    properties = _element("w:pPr")
    # The break's own empty paragraph is 1 pt high: at its full height it would spill onto a page
    # of its own, blank, when the signature block ends at the foot of a page.
    properties.append(
        _element("w:spacing", **{"w:before": "0", "w:after": "0", "w:line": "20", "w:lineRule": "exact"})
    )
    mark = _element("w:rPr")
    mark.append(_element("w:sz", **{"w:val": "2"}))
    properties.append(mark)
    properties.append(copy.deepcopy(final_sect_pr))
    paragraph.append(properties)
    return paragraph


def make_annex_section(sect_pr: Any, *, landscape: bool) -> None:
    """Turn section properties into an annex's: a new page, numbered from 1, portrait or landscape."""
    for name in ("type", "pgNumType"):
        existing = sect_pr.find(qn(f"w:{name}"))
        if existing is not None:
            sect_pr.remove(existing)
    _insert(sect_pr, _element("w:type", **{"w:val": "nextPage"}))
    _insert(sect_pr, _element("w:pgNumType", **{"w:start": "1"}))
    size = sect_pr.find(qn("w:pgSz"))
    long_side, short_side = str(Mm(nd30.PAGE_HEIGHT_MM).twips), str(Mm(nd30.PAGE_WIDTH_MM).twips)
    size.set(qn("w:w"), long_side if landscape else short_side)
    size.set(qn("w:h"), short_side if landscape else long_side)
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif size.get(qn("w:orient")) is not None:
        del size.attrib[qn("w:orient")]


def _insert(parent: Any, child: Any) -> None:
    """Insert `child` at its schema position in w:sectPr."""
    rank = SECT_PR_ORDER.index(child.tag.split("}")[1])
    for index, sibling in enumerate(parent):
        name = sibling.tag.split("}")[1]
        if name in SECT_PR_ORDER and SECT_PR_ORDER.index(name) > rank:
            parent.insert(index, child)
            return
    parent.append(child)
