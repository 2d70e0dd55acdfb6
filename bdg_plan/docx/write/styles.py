"""The base document's paragraph styles and page: named styles a clerk sees in Word, from nd30.

Part of pipeline stage 5. `STYLES` maps each paragraph kind the compose stage uses to a named
style (Phụ lục I, Mục II and V); `build_base_document` builds the styled, empty document that
`python -m bdg_plan.docx.write.base_document` cleans and ships as `base.docx` (run it after changing a
style: a test says when it is due). Every number comes from `bdg_plan.facts.nd30`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from bdg_plan.facts import nd30

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


__all__ = ["BUILTIN_STYLES", "STYLES", "StyleSpec", "build_base_document"]
