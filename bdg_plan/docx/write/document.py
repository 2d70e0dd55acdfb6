"""Pipeline stage 5: write a composed document as a .docx in the Decree 30/2020/NĐ-CP layout.

With its rooms `docx_styles` (named styles, page), `docx_tables` (bordered tables, annex
sections) and `docx_package` (the base package and the zip), this is the only code that imports
python-docx or touches WordprocessingML. The page setup, the named paragraph styles and
the page-number header live in the base document `base.docx`, built from the specs in
`styles` by `python -m bdg_plan.docx.write.base_document` and read once per process. Every value
comes from `bdg_plan.facts.nd30`. The output is deterministic: fixed core properties and fixed zip
entry times.

Speed (docs/performance.md): the base package is opened once per process (`base_package`). Each
document is built on a copy of its empty body and only the two parts a plan changes,
word/document.xml and docProps/core.xml, are serialised and compressed again; the other parts
(styles, settings, headers, theme) are stored in the zip as compressed once. A builder that adds a
part (an image, a footer) must therefore add it to the base document instead. Body paragraphs
and the two borderless tables are built once per process and copied (a batch's communes share
most of their body); the output bytes are those python-docx itself would save.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import lru_cache
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from bdg_plan.compose.blocks import Block, BodyItem, BodyKind, ComposedAnnex, Run, TableBlock
from bdg_plan.compose.document import ComposedDocument
from bdg_plan.docx.write.package import base_package, deflate, zip_members
from bdg_plan.docx.write.styles import STYLES
from bdg_plan.docx.write.tables import make_annex_section, section_break, table_element, text_width_mm
from bdg_plan.facts import nd30

_CENTER = WD_ALIGN_PARAGRAPH.CENTER


# --- Building a document ----------------------------------------------------------------------
def write_docx(doc: ComposedDocument) -> bytes:
    """Write a composed document and return the .docx bytes."""
    base = base_package()
    # A copy of the base's empty body, bound to the base part for its styles and sections.
    document = DocxDocument(copy.deepcopy(base.document.element), base.document.part)
    _header_table(document, doc)
    _title(document, doc)
    last = _body(document, doc.body, nd30.TEXT_WIDTH_MM)
    if last is not None:
        # The signature never stands alone on the last page: the closing sentence goes with it.
        last.paragraph_format.keep_with_next = True
    _closing_table(document, doc)
    for annex in doc.annexes:
        _annex(document, annex)
    core = copy.deepcopy(base.core_element)
    _core_properties(CoreProperties(core), doc)
    changed = {
        base.document_name: serialize_part_xml(document.element),
        base.core_name: serialize_part_xml(core),
    }
    return zip_members(
        tuple(deflate(m.name, changed[m.name]) if m.name in changed else m for m in base.members)
    )


def _paragraph(
    container: DocxDocument | _Cell, kind: str, text: str = "", *, first: bool = False
) -> Paragraph:
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    _set_style(paragraph, STYLES[kind].style_id)
    if text:
        _add_text(paragraph, text)
    return paragraph


def _set_style(paragraph: Paragraph, style_id: str) -> None:
    """Set a paragraph's style by id: `paragraph._p.style = style_id`, made faster.

    python-docx finds the schema position of w:pPr and w:pStyle by scanning for every element
    that may follow them; in a paragraph that has no w:pPr yet, both simply come first.
    """
    p = paragraph._p
    if p.pPr is not None:
        p.style = style_id
        return
    properties = OxmlElement("w:pPr")
    properties.append(OxmlElement("w:pStyle", attrs={qn("w:val"): style_id}))
    p.insert(0, properties)


def _add_text(paragraph: Paragraph, text: str) -> DocxRun:
    """Add a run holding `text`: `paragraph.add_run(text)`, made faster.

    python-docx scans the text character by character for tabs and line breaks; text without
    them gets the same XML (one w:t, space-preserving when needed) directly.
    """
    if "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    run = paragraph._p.add_r()
    run.add_t(text)
    return DocxRun(run, paragraph)


def _rule(container: DocxDocument | _Cell, width_mm: float, length_mm: float) -> None:
    """A short centred horizontal line: an empty paragraph with a bottom border, indented to length."""
    length_mm = min(length_mm, width_mm)
    paragraph = _paragraph(container, "duong_ke")
    side = Mm((width_mm - length_mm) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(nd30.RULE_WEIGHT_EIGHTHS_PT))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    # CT_PPr order: pBdr comes right after pStyle (and before spacing and ind).
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, borders)


def _estimated_width(lines: tuple[str, ...], char_mm: float) -> float:
    return max((len(line) for line in lines), default=0) * char_mm


def _two_column_table(document: DocxDocument, rows: int, left_mm: float, right_mm: float) -> Table:
    """A borderless two-column table: a copy of the empty table built once per process."""
    tbl = copy.deepcopy(_empty_two_column_table(rows, left_mm, right_mm))
    _append_to_body(document, tbl)
    return Table(tbl, document)


@lru_cache(maxsize=8)
def _empty_two_column_table(rows: int, left_mm: float, right_mm: float) -> Any:
    table: Table = _scratch_document().add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(Mm(left_mm + right_mm).twips))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _insert_in_order(tbl_pr, width, _TBL_PR_ORDER)
    _insert_in_order(tbl_pr, borders, _TBL_PR_ORDER)
    for column, size in zip(table.columns, (left_mm, right_mm), strict=True):
        column.width = Mm(size)
        for cell in column.cells:
            cell.width = Mm(size)
    return table._tbl


#: Child order of w:tblPr (CT_TblPr in the OOXML schema); Word rejects elements out of order.
_TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)


def _insert_in_order(parent: Any, child: Any, order: tuple[str, ...]) -> None:
    """Insert `child` into `parent` at its schema position, replacing an element of its kind."""
    name = child.tag.split("}")[1]
    existing = parent.find(qn(f"w:{name}"))
    if existing is not None:
        parent.remove(existing)
    rank = order.index(name)
    for index, sibling in enumerate(parent):
        sibling_name = sibling.tag.split("}")[1]
        if sibling_name in order and order.index(sibling_name) > rank:
            parent.insert(index, child)
            return
    parent.append(child)


def _header_table(document: DocxDocument, doc: ComposedDocument) -> None:
    """Ô 1-4: organ block and number on the left, national name, motto and date on the right."""
    table = _two_column_table(document, 2, nd30.HEADER_LEFT_MM, nd30.HEADER_RIGHT_MM)
    organ, motto = table.rows[0].cells
    first = True
    if doc.superior:
        _paragraph(organ, "cap_tren", doc.superior, first=True)
        first = False
    for line in doc.organ_lines:
        _paragraph(organ, "co_quan", line, first=first)
        first = False
    # A joint plan: the second body under the first, each as it is written alone (Mục II.2).
    if doc.joint_superior:
        _paragraph(organ, "cap_tren", doc.joint_superior)
    for line in doc.joint_organ_lines:
        _paragraph(organ, "co_quan", line)
    organ_width = _estimated_width(doc.organ_lines + doc.joint_organ_lines, nd30.AVG_CHAR_MM_BOLD_CAPS_13)
    _rule(organ, nd30.HEADER_LEFT_MM - 4, organ_width * nd30.RULE_FRACTION)
    _paragraph(motto, "quoc_hieu", nd30.QUOC_HIEU, first=True)
    _paragraph(motto, "tieu_ngu", nd30.TIEU_NGU)
    _rule(motto, nd30.HEADER_RIGHT_MM - 4, nd30.TIEU_NGU_WIDTH_MM)
    number, date = table.rows[1].cells
    _paragraph(number, "so", doc.so_line, first=True)
    _paragraph(date, "ngay", doc.date_line, first=True)


def _title(document: DocxDocument, doc: ComposedDocument) -> None:
    """Ô 5a: "KẾ HOẠCH", the trích yếu under it, and a short rule."""
    _paragraph(document, "ten_loai", doc.title)
    _paragraph(document, "trich_yeu", "\n".join(doc.trich_yeu_lines))
    width = _estimated_width(doc.trich_yeu_lines, nd30.AVG_CHAR_MM_BOLD_14)
    _rule(document, nd30.TEXT_WIDTH_MM, min(width, nd30.TEXT_WIDTH_MM) * nd30.RULE_FRACTION)
    _paragraph(document, "noi_dung")


def _add_runs(paragraph: Paragraph, runs: tuple[Run, ...]) -> None:
    for run in runs:
        added = _add_text(paragraph, run.text) if run.text else paragraph.add_run()
        if run.bold:
            added.bold = True
        if run.italic:
            added.italic = True


def _block(document: DocxDocument, block: Block) -> Paragraph:
    """A body paragraph: a copy of the paragraph built for an equal block before.

    The communes of a batch share most of their body, so each block is built once per process.
    """
    p = copy.deepcopy(_block_element(block))
    _append_to_body(document, p)
    return Paragraph(p, document)


@lru_cache(maxsize=4096)
def _block_element(block: Block) -> Any:
    """The w:p element of a body block, built once on a scratch document."""
    paragraph = _paragraph(
        _scratch_document(), block.kind if block.kind in STYLES else "noi_dung", block.prefix
    )
    _add_runs(paragraph, block.runs)
    return paragraph._p


def _scratch_document() -> DocxDocument:
    """An empty copy of the base document's body, to build reusable elements on."""
    base = base_package()
    return DocxDocument(copy.deepcopy(base.document.element), base.document.part)


def _append_to_body(document: DocxDocument, element: Any) -> None:
    """Append a paragraph or table to the body, before its section properties (as python-docx does)."""
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    if section is None:
        body.append(element)
    else:
        section.addprevious(element)


def _body(document: DocxDocument, items: tuple[BodyItem, ...], width_mm: float) -> Paragraph | None:
    """Write body blocks and tables; return the last paragraph when the body ends with one."""
    last: Paragraph | None = None
    for item in items:
        if isinstance(item, TableBlock):
            _table(document, item, width_mm)
            last = None
        else:
            last = _block(document, item)
    return last


def _table(document: DocxDocument, block: TableBlock, width_mm: float) -> None:
    if block.caption:
        _paragraph(document, "bang_ten", block.caption)
    _append_to_body(document, table_element(block, width_mm, _cell_paragraph))
    _paragraph(document, "noi_dung")


def _cell_paragraph(block: Block, size: int, centred: bool) -> Any:
    kind: BodyKind = "bang_nho" if size == 12 else "bang"
    p = copy.deepcopy(_block_element(Block(kind, block.runs, block.prefix)))
    if centred:
        Paragraph(p, None).alignment = _CENTER  # type: ignore[arg-type]
    return p


def _annex(document: DocxDocument, annex: ComposedAnnex) -> None:
    """An annex: a new section on a new page, numbered from 1, with its heading and body."""
    final = document.element.body.find(qn("w:sectPr"))
    _append_to_body(document, section_break(final))
    make_annex_section(final, landscape=annex.landscape)
    _paragraph(document, "phu_luc_nhan", annex.label)
    _paragraph(document, "phu_luc_ten", annex.title)
    _paragraph(document, "phu_luc_kem_theo", annex.kem_theo)
    width = text_width_mm(annex.landscape)
    _rule(document, width, min(width, nd30.ANNEX_RULE_MM))
    _paragraph(document, "noi_dung")  # Mẫu 2.1 leaves a line between the rule and the content
    _body(document, annex.body, width)


def _closing_table(document: DocxDocument, doc: ComposedDocument) -> None:
    """Ô 9b "Nơi nhận" on the left, ô 7 signer block on the right, on the same first line.

    A joint plan has two signer blocks side by side, the lead body's on the right and the second
    body's on the left, and "Nơi nhận" goes under them on the left.
    """
    if doc.joint_signer_name is not None:
        half = nd30.TEXT_WIDTH_MM / 2
        table = _two_column_table(document, 2, half, half)
        signers, below = table.rows
        signers._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        _signer_block(signers.cells[0], doc.joint_signer_lines, doc.joint_signer_name)
        _signer_block(signers.cells[1], doc.signer_lines, doc.signer_name)
        _recipients(below.cells[0], doc.recipients)
        return
    table = _two_column_table(document, 1, nd30.CLOSING_LEFT_MM, nd30.CLOSING_RIGHT_MM)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signer = row.cells
    _recipients(recipients, doc.recipients)
    _signer_block(signer, doc.signer_lines, doc.signer_name)


def _recipients(cell: _Cell, lines: tuple[str, ...]) -> None:
    """Ô 9b: "Nơi nhận:" and its lines."""
    _paragraph(cell, "noi_nhan_nhan", nd30.NOI_NHAN_LABEL, first=True)
    for line in lines:
        _paragraph(cell, "noi_nhan", line)


def _signer_block(cell: _Cell, lines: tuple[str, ...], name: str) -> None:
    """Ô 7: authority and title lines, room for the signature and seal, the name."""
    for index, line in enumerate(lines):
        paragraph = _paragraph(cell, "chuc_danh", line, first=index == 0)
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(12)
    for _ in range(nd30.SIGNATURE_GAP_LINES):
        _paragraph(cell, "chuc_danh")
    _paragraph(cell, "ho_ten", name)


def _core_properties(props: CoreProperties, doc: ComposedDocument) -> None:
    """Fixed document properties, derived from the plan only, for reproducible output."""
    stamp = dt.datetime(doc.year, doc.month, doc.day, 0, 0, 0)
    props.title = doc.core_title[:255]
    props.author = doc.core_author[:255]
    props.last_modified_by = doc.core_author[:255]
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    props.language = "vi-VN"


__all__ = [
    "write_docx",
]
