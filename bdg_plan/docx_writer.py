"""Pipeline stage 5: write a composed document as a .docx in the Decree 30/2020/NĐ-CP layout.

With its container room `docx_package` (the base package and the zip), this is the only code that
imports python-docx or touches WordprocessingML. The page setup, the named paragraph styles and
the page-number header live in the base document `base.docx`, built from the specs here by
`python -m bdg_plan.base_document` and read once per process. Every value comes from
`bdg_plan.nd30`. The output is deterministic: fixed core properties and fixed zip entry times.

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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from bdg_plan import nd30
from bdg_plan.blocks import Block, BodyItem, BodyKind, ComposedAnnex, Run, TableBlock
from bdg_plan.compose import ComposedDocument
from bdg_plan.docx_package import base_package, deflate, zip_members
from bdg_plan.docx_tables import make_annex_section, section_break, table_element, text_width_mm

_CENTER = WD_ALIGN_PARAGRAPH.CENTER
_JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
_LEFT = WD_ALIGN_PARAGRAPH.LEFT


@dataclass(frozen=True)
class StyleSpec:
    """A named paragraph style: what a clerk sees in Word's style list."""

    style_id: str
    name: str
    size: float = nd30.SIZE_BODY
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = _JUSTIFY
    first_line_mm: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    line_spacing: float | None = None
    keep_with_next: bool = False


_BODY = {
    "first_line_mm": nd30.FIRST_LINE_INDENT_MM,
    "before_pt": nd30.PARAGRAPH_SPACE_BEFORE_PT,
    "line_spacing": nd30.LINE_SPACING,
}

#: Paragraph styles by the kind names the compose stage uses (Phụ lục I, Mục II and V).
STYLES: dict[str, StyleSpec] = {
    "noi_dung": StyleSpec("KHNoiDung", "KH Nội dung", **_BODY),  # type: ignore[arg-type]
    "y": StyleSpec("KHGachDauDong", "KH Gạch đầu dòng", **_BODY),  # type: ignore[arg-type]
    "y_nho": StyleSpec("KHYNho", "KH Ý nhỏ", **_BODY),  # type: ignore[arg-type]
    # Phụ lục I, Mục II.6: "Phần I" on its own line, bold, centred; its title in capitals below.
    "phan": StyleSpec("KHPhan", "KH Phần", bold=True, align=_CENTER, before_pt=12, keep_with_next=True),
    "phan_ten": StyleSpec(
        "KHPhanTen", "KH Tên phần", bold=True, align=_CENTER, after_pt=6, keep_with_next=True
    ),
    "muc": StyleSpec("KHMuc", "KH Mục", bold=True, keep_with_next=True, **_BODY),  # type: ignore[arg-type]
    "khoan": StyleSpec("KHKhoan", "KH Khoản", bold=True, keep_with_next=True, **_BODY),  # type: ignore[arg-type]
    "diem": StyleSpec("KHDiem", "KH Điểm", keep_with_next=True, **_BODY),  # type: ignore[arg-type]
    "tieu_khoan": StyleSpec(
        "KHTieuKhoan",
        "KH Tiểu khoản",
        bold=True,
        keep_with_next=True,
        **_BODY,  # type: ignore[arg-type]
    ),
    "bang": StyleSpec("KHBang", "KH Bảng", size=13, align=_LEFT, before_pt=2, after_pt=2),
    "bang_nho": StyleSpec("KHBangNho", "KH Bảng cỡ 12", size=12, align=_LEFT, before_pt=2, after_pt=2),
    "bang_ten": StyleSpec(
        "KHBangTen", "KH Tên bảng", bold=True, align=_CENTER, before_pt=6, after_pt=6, keep_with_next=True
    ),
    # Phụ lục I, Mục III.1: "Phụ lục I" 14 pt bold, the title in capitals bold, the Kèm theo
    # line italic, all centred.
    "phu_luc_nhan": StyleSpec("KHPhuLuc", "KH Phụ lục", size=nd30.SIZE_ANNEX, bold=True, align=_CENTER),
    "phu_luc_ten": StyleSpec(
        "KHPhuLucTen", "KH Tên phụ lục", size=nd30.SIZE_ANNEX, bold=True, align=_CENTER, before_pt=6
    ),
    "phu_luc_kem_theo": StyleSpec(
        "KHPhuLucKemTheo", "KH Kèm theo", size=nd30.SIZE_ANNEX, italic=True, align=_CENTER
    ),
    "cap_tren": StyleSpec("KHCapTren", "KH Cơ quan chủ quản", size=nd30.SIZE_HEADER_ORGAN, align=_CENTER),
    "co_quan": StyleSpec(
        "KHCoQuan", "KH Cơ quan ban hành", size=nd30.SIZE_HEADER_ORGAN, bold=True, align=_CENTER
    ),
    "so": StyleSpec("KHSo", "KH Số ký hiệu", size=nd30.SIZE_SO, align=_CENTER, before_pt=6),
    "quoc_hieu": StyleSpec("KHQuocHieu", "KH Quốc hiệu", size=nd30.SIZE_QUOC_HIEU, bold=True, align=_CENTER),
    "tieu_ngu": StyleSpec("KHTieuNgu", "KH Tiêu ngữ", size=nd30.SIZE_TIEU_NGU, bold=True, align=_CENTER),
    "ngay": StyleSpec(
        "KHNgayThang",
        "KH Địa danh ngày tháng",
        size=nd30.SIZE_DATE,
        italic=True,
        align=_CENTER,
        before_pt=6,
    ),
    "ten_loai": StyleSpec(
        "KHTenLoai", "KH Tên loại", size=nd30.SIZE_TITLE, bold=True, align=_CENTER, before_pt=24
    ),
    "trich_yeu": StyleSpec("KHTrichYeu", "KH Trích yếu", size=nd30.SIZE_TITLE, bold=True, align=_CENTER),
    "duong_ke": StyleSpec("KHDuongKe", "KH Đường kẻ", size=2, align=_CENTER),
    "noi_nhan_nhan": StyleSpec(
        "KHNoiNhanNhan",
        "KH Nơi nhận",
        size=nd30.SIZE_NOI_NHAN_LABEL,
        bold=True,
        italic=True,
        align=_LEFT,
        before_pt=12,
    ),
    "noi_nhan": StyleSpec("KHNoiNhanMuc", "KH Nơi nhận - dòng", size=nd30.SIZE_NOI_NHAN, align=_LEFT),
    "chuc_danh": StyleSpec(
        "KHChucDanh", "KH Quyền hạn chức vụ", size=nd30.SIZE_SIGNER, bold=True, align=_CENTER
    ),
    "ho_ten": StyleSpec("KHHoTen", "KH Họ tên người ký", size=nd30.SIZE_SIGNER, bold=True, align=_CENTER),
    "so_trang": StyleSpec("KHSoTrang", "KH Số trang", size=nd30.SIZE_PAGE_NUMBER, align=_CENTER),
}


#: Word's own styles the writer uses by id, kept in the base document beside STYLES
#: (every other style of python-docx's stock template is dropped from it).
BUILTIN_STYLES: tuple[str, ...] = ("TableGrid",)


# --- Base document ----------------------------------------------------------------------------
def build_base_document() -> DocxDocument:
    """The styled, empty base document as python-docx builds it (before `base_document` cleans it)."""
    document = Document()
    _setup_defaults(document)
    normal = document.styles["Normal"]
    for spec in STYLES.values():
        _add_style(document, spec, normal)
    _setup_page(document)
    return document


def _setup_defaults(document: DocxDocument) -> None:
    """Times New Roman in every font slot, black, Vietnamese language, in the document defaults."""
    styles_element = document.styles.element
    rpr = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    _set_fonts(fonts)
    for tag, value in (("w:sz", str(nd30.SIZE_BODY * 2)), ("w:szCs", str(nd30.SIZE_BODY * 2))):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), value)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")
    normal = document.styles["Normal"]
    normal.font.name = nd30.FONT
    normal.font.size = Pt(nd30.SIZE_BODY)
    _set_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts())
    normal_format = normal.paragraph_format
    normal_format.space_before = Pt(0)
    normal_format.space_after = Pt(0)
    normal_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _set_fonts(fonts: Any) -> None:
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), nd30.FONT)


def _add_style(document: DocxDocument, spec: StyleSpec, normal: Any) -> None:
    # `document.styles.add_style` without its check that the name is new, which reads every
    # style of the template (the names of STYLES are new by construction): the same element.
    style = ParagraphStyle(
        document.styles.element.add_style_of_type(spec.name, WD_STYLE_TYPE.PARAGRAPH, False)
    )
    style.style_id = spec.style_id
    style.base_style = normal
    style.quick_style = True
    font = style.font
    font.name = nd30.FONT
    _set_fonts(style.element.get_or_add_rPr().get_or_add_rFonts())
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = Mm(spec.first_line_mm) if spec.first_line_mm else None
    fmt.space_before = Pt(spec.before_pt)
    fmt.space_after = Pt(spec.after_pt)
    if spec.line_spacing:
        fmt.line_spacing = spec.line_spacing
    if spec.keep_with_next:
        fmt.keep_with_next = True
    if spec.style_id == "KHDuongKe":
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(2)


def _setup_page(document: DocxDocument) -> None:
    """A4 portrait, Decree 30 margins, page number centred in the header from page 2 (Mục I.7)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(nd30.PAGE_WIDTH_MM)
    section.page_height = Mm(nd30.PAGE_HEIGHT_MM)
    section.top_margin = Mm(nd30.MARGIN_TOP_MM)
    section.bottom_margin = Mm(nd30.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(nd30.MARGIN_LEFT_MM)
    section.right_margin = Mm(nd30.MARGIN_RIGHT_MM)
    section.header_distance = Mm(nd30.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(nd30.HEADER_DISTANCE_MM)
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0]._p.style = STYLES["so_trang"].style_id
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph._p.style = STYLES["so_trang"].style_id
    _add_page_field(paragraph)


def _add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field as begin/instr/separate/result/end runs, which Word and LibreOffice update."""
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


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
    "BUILTIN_STYLES",
    "STYLES",
    "build_base_document",
    "write_docx",
]
