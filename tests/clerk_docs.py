"""Hand-made KẾ HOẠCH .docx files, built with python-docx the ways clerks type them.

One content (a commune's gender-equality plan for 2024) laid out in many ways: the header as a
table, a table with merged cells, or tab-laid lines; typed numbering or Word's automatic
numbering (on the paragraph or on its style); tabs for indentation; soft line breaks; direct
formatting on every run; a footnote, an image, a table in the body, an annex after the signature
with a table typed by hand (STT numbers, group rows, merged cells). `Layout` picks the way.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

ORGAN = ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"]
SUPERIOR = "UBND HUYỆN YÊN SƠN"
SO = "Số: 25 /KH-UBND"
DATE = "Tân Lập, ngày 12 tháng 3 năm 2024"
TRICH_YEU = ["Thực hiện công tác bình đẳng giới và vì sự tiến bộ", "của phụ nữ năm 2024"]
OPENING = [
    "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về "
    "bình đẳng giới giai đoạn 2021 - 2030;",
    "Căn cứ Kế hoạch số 45/KH-UBND ngày 20/02/2024 của UBND huyện Yên Sơn về thực hiện công tác "
    "bình đẳng giới năm 2024;",
    "Ủy ban nhân dân xã Tân Lập xây dựng Kế hoạch thực hiện công tác bình đẳng giới năm 2024 như sau:",
]
PURPOSE = [
    "Nâng cao nhận thức của cán bộ, công chức và Nhân dân về bình đẳng giới.",
    "Bảo đảm các mục tiêu bình đẳng giới năm 2024 được thực hiện trên địa bàn xã.",
]
REQUIREMENT = "Các ban, ngành, đoàn thể xã triển khai nghiêm túc, hiệu quả các nội dung của Kế hoạch."
ITEM1 = "Tuyên truyền, phổ biến pháp luật về bình đẳng giới"
ITEM1_TEXT = "Tổ chức tuyên truyền trên hệ thống loa truyền thanh xã và tại các buổi họp thôn."
ITEM1_BULLETS = [
    ("Phát tờ rơi, treo băng rôn tại trụ sở Ủy ban nhân dân xã và nhà văn hóa các thôn.", []),
    (
        "Lồng ghép nội dung bình đẳng giới trong các buổi sinh hoạt của các đoàn thể.",
        [
            "Hội Liên hiệp Phụ nữ xã chủ trì các buổi sinh hoạt chuyên đề.",
            "Đoàn Thanh niên phối hợp thực hiện.",
        ],
    ),
]
ITEM2 = "Nâng cao năng lực quản lý nhà nước về bình đẳng giới"
POINTS = [
    "Cử cán bộ tham gia các lớp tập huấn do huyện tổ chức.",
    "Kiện toàn Ban Vì sự tiến bộ của phụ nữ xã khi có thay đổi nhân sự.",
]
FUNDING = "Kinh phí thực hiện Kế hoạch từ ngân sách xã năm 2024 và các nguồn hợp pháp khác."
TASKS = [
    ("Công chức văn hóa - xã hội", "Chủ trì tham mưu Ủy ban nhân dân xã triển khai Kế hoạch này."),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Phối hợp tuyên truyền, vận động đoàn viên, hội viên."),
]
CLOSING = "Trên đây là Kế hoạch thực hiện công tác bình đẳng giới năm 2024 của Ủy ban nhân dân xã Tân Lập./."
RECIPIENTS = [
    "- UBND huyện Yên Sơn (b/c);",
    "- TT Đảng ủy, HĐND xã;",
    "- CT, PCT UBND xã;",
    "- Lưu: VT, VHXH.",
]
SIGNER = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
NAME = "Nguyễn Thị Hoa"
ANNEX_TITLE = "DANH MỤC CÁC HOẠT ĐỘNG THỰC HIỆN NĂM 2024"
ANNEX_KEM_THEO = "(Kèm theo Kế hoạch số 25/KH-UBND ngày 12/3/2024 của UBND xã Tân Lập)"
ANNEX_COLUMNS = ["TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"]
ANNEX_WIDTHS_MM = [12, 108, 60, 36]  # 1 : 9 : 5 : 3
#: The annex table as typed: STT numbers by hand, group rows, a unit merged over two rows.
ANNEX_GROUPS = ["Hoạt động tuyên truyền", "Hoạt động hỗ trợ"]
ANNEX_ROWS = [
    ("Treo băng rôn, khẩu hiệu tại trụ sở xã và các thôn", "Công chức văn hóa - xã hội", "Tháng 3/2024"),
    ("Phát tờ rơi về bình đẳng giới đến các hộ gia đình", "", "Tháng 4/2024"),
    ("Thăm hỏi phụ nữ có hoàn cảnh khó khăn", "Hội Liên hiệp Phụ nữ xã", "Tháng 10/2024"),
]
ANNEX_NOTE = "Ghi chú: Thời gian thực hiện có thể điều chỉnh theo tình hình thực tế của xã."

#: A 1x1 PNG, for the image case.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@dataclass
class Layout:
    """How the clerk laid the document out."""

    header: str = "table"  # table, merged, tabs
    closing: str = "table"  # table, tabs
    numbering: str = "typed"  # typed, auto, style, bold (headings marked by bold alone, no number)
    superior: bool = False
    tabs_indent: bool = False
    soft_breaks: bool = True
    direct: bool = True  # direct formatting on every run (no styles)
    footnote: bool = False
    image: bool = False
    body_table: bool = False
    annex: bool = False  # a landscape annex after the signature, with a typed table
    extra: dict[str, Any] = field(default_factory=dict)


def _run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: float = 14) -> Any:
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)
    run.font.name = "Times New Roman"
    return run


def _para(container: Any, text: str = "", *, align: str = "justify", **run: Any) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    if align == "justify":
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
        paragraph.paragraph_format.space_before = Pt(6)
    if text:
        _run(paragraph, text, **run)
    return paragraph


def _lines(cell: Any, lines: list[tuple[str, dict[str, Any]]]) -> None:
    first = True
    for text, run in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, **run)


def _left_header(layout: Layout) -> list[tuple[str, dict[str, Any]]]:
    lines = [(SUPERIOR, {"size": 13})] if layout.superior else []
    return lines + [(line, {"bold": True, "size": 13}) for line in ORGAN]


def _right_header() -> list[tuple[str, dict[str, Any]]]:
    return [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True, "size": 13}),
        ("Độc lập - Tự do - Hạnh phúc", {"bold": True}),
    ]


def _header(document: Any, layout: Layout) -> None:
    if layout.header == "tabs":
        left = _left_header(layout)
        right = _right_header()
        rows = max(len(left), len(right))
        for index in range(rows):
            paragraph = _para(document, align="left")
            paragraph.paragraph_format.first_line_indent = None
            if index < len(left):
                _run(paragraph, left[index][0], **left[index][1])
            _run(paragraph, "\t\t")
            if index < len(right):
                _run(paragraph, right[index][0], **right[index][1])
        paragraph = _para(document, align="left")
        paragraph.paragraph_format.first_line_indent = None
        _run(paragraph, SO, size=13)
        _run(paragraph, "\t\t")
        _run(paragraph, DATE, italic=True)
        return
    table = document.add_table(rows=3 if layout.header == "merged" else 2, cols=2)
    _lines(table.cell(0, 0), _left_header(layout))
    _lines(table.cell(0, 1), _right_header())
    _lines(table.cell(1, 0), [(SO, {"size": 13})])
    _lines(table.cell(1, 1), [(DATE, {"italic": True})])
    if layout.header == "merged":
        table.cell(2, 0).merge(table.cell(2, 1))


def _title(document: Any, layout: Layout) -> None:
    _para(document, "KẾ HOẠCH", align="center", bold=True)
    if layout.soft_breaks:
        paragraph = _para(document, TRICH_YEU[0], align="center", bold=True)
        paragraph.runs[-1].add_break(WD_BREAK.LINE)
        _run(paragraph, TRICH_YEU[1], bold=True)
    else:
        for line in TRICH_YEU:
            _para(document, line, align="center", bold=True)
    _para(document, "-------------------", align="center")


_LEVELS = (
    ("upperRoman", "%1."),
    ("decimal", "%2."),
    ("lowerLetter", "%3)"),
    ("bullet", "-"),
    ("bullet", "+"),
)
_KIND_LEVEL = {"muc": 0, "khoan": 1, "diem": 2, "y": 3, "y_nho": 4}
_TYPED = {"y": "- ", "y_nho": "+ "}


def _add_numbering(document: Any, layout: Layout) -> None:
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(_LEVELS)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    if layout.numbering == "style":
        for kind, level in _KIND_LEVEL.items():
            style = document.styles.add_style(f"KeHoach {kind}", 1)
            ppr = style.element.get_or_add_pPr()
            ppr.append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )


class _Body:
    """Writes numbered lines in the layout's way; `counters` keeps typed numbers."""

    def __init__(self, document: Any, layout: Layout) -> None:
        self.document = document
        self.layout = layout
        self.counters = {"muc": 0, "khoan": 0, "diem": 0}

    def line(self, kind: str, text: str, *, bold: bool = False) -> Any:
        layout = self.layout
        if layout.numbering in ("typed", "bold"):
            label = "" if layout.numbering == "bold" and kind in ("muc", "khoan") else self._typed(kind)
            indent = "\t" if layout.tabs_indent and kind in ("y", "y_nho") else ""
            paragraph = _para(self.document, align="justify")
            _run(paragraph, f"{indent}{label}{text}", bold=bold)
            return paragraph
        paragraph = _para(self.document, align="justify")
        if layout.numbering == "style":
            paragraph.style = self.document.styles[f"KeHoach {kind}"]
        else:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{_KIND_LEVEL[kind]}"/>'
                    f'<w:numId w:val="90"/></w:numPr>'
                )
            )
        _run(paragraph, text, bold=bold)
        return paragraph

    def _typed(self, kind: str) -> str:
        if kind in _TYPED:
            return _TYPED[kind]
        self.counters[kind] += 1
        for deeper in {"muc": ("khoan", "diem"), "khoan": ("diem",), "diem": ()}[kind]:
            self.counters[deeper] = 0
        value = self.counters[kind]
        return {
            "muc": f"{['I', 'II', 'III', 'IV', 'V'][value - 1]}. ",
            "khoan": f"{value}. ",
            "diem": f"{'abcdđ'[value - 1]}) ",
        }[kind]

    def text(self, text: str, *, bold: bool = False) -> Any:
        return _para(self.document, text, bold=bold)


def _body(document: Any, layout: Layout) -> None:
    for text in OPENING:
        paragraph = _para(document, text)
    if layout.footnote:
        run = paragraph.add_run()
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), "1")
        run._r.append(reference)
    body = _Body(document, layout)
    body.line("muc", "MỤC ĐÍCH, YÊU CẦU", bold=True)
    body.line("khoan", "Mục đích", bold=True)
    for text in PURPOSE:
        body.line("y", text)
    body.line("khoan", "Yêu cầu", bold=True)
    # Bold for emphasis, in the bold-headings layout: a sentence, never a heading.
    body.text(REQUIREMENT, bold=layout.numbering == "bold")
    body.line("muc", "NỘI DUNG", bold=True)
    body.line("khoan", ITEM1, bold=True)
    paragraph = body.text(ITEM1_TEXT)
    if layout.image:
        paragraph.add_run().add_picture(io.BytesIO(PNG), width=Mm(10))
    for text, subs in ITEM1_BULLETS:
        body.line("y", text)
        for sub in subs:
            body.line("y_nho", sub)
    body.line("khoan", ITEM2, bold=True)
    for text in POINTS:
        body.line("diem", text)
    if layout.body_table:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Hoạt động", "Thời gian"
        table.cell(1, 0).text, table.cell(1, 1).text = "Tọa đàm về bình đẳng giới", "Tháng 11/2024"
    body.line("muc", "KINH PHÍ THỰC HIỆN", bold=True)
    body.text(FUNDING)
    body.line("muc", "TỔ CHỨC THỰC HIỆN", bold=True)
    for unit, task in TASKS:
        body.line("khoan", unit, bold=True)
        body.text(task)
    body.text(CLOSING)


def _closing(document: Any, layout: Layout) -> None:
    left = [("Nơi nhận:", {"bold": True, "italic": True, "size": 12})]
    left += [(text, {"size": 11}) for text in RECIPIENTS]
    right = [(text, {"bold": True}) for text in SIGNER] + [("", {})] * 3 + [(NAME, {"bold": True})]
    if layout.closing == "tabs":
        for index in range(max(len(left), len(right))):
            paragraph = _para(document, align="left")
            paragraph.paragraph_format.first_line_indent = None
            if index < len(left):
                _run(paragraph, left[index][0], **left[index][1])
            _run(paragraph, "\t\t")
            if index < len(right) and right[index][0]:
                _run(paragraph, right[index][0], **right[index][1])
        return
    table = document.add_table(rows=1, cols=2)
    _lines(table.cell(0, 0), left)
    for paragraph in table.cell(0, 0).paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _lines(table.cell(0, 1), right)


def _annex(document: Any) -> None:
    """ "PHỤ LỤC" on a new landscape section; the table typed with its STT and group rows."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    _para(document, "PHỤ LỤC", align="center", bold=True)
    _para(document, ANNEX_TITLE, align="center", bold=True)
    _para(document, ANNEX_KEM_THEO, align="center", italic=True)
    table = document.add_table(rows=6, cols=4)
    table.style = "Table Grid"
    for column, width in zip(table.columns, ANNEX_WIDTHS_MM, strict=True):
        column.width = Mm(width)
    for column, name in enumerate(ANNEX_COLUMNS):
        _lines(table.cell(0, column), [(name, {"bold": True, "size": 13})])
    # Group I merged across the whole row; group II typed "II" in the TT cell, its name merged.
    group = table.cell(1, 0).merge(table.cell(1, 3))
    _lines(group, [(f"I. {ANNEX_GROUPS[0]}", {"bold": True, "size": 13})])
    _lines(table.cell(4, 0), [("II", {"bold": True, "size": 13})])
    _lines(table.cell(4, 1).merge(table.cell(4, 3)), [(ANNEX_GROUPS[1], {"bold": True, "size": 13})])
    unit = table.cell(2, 2).merge(table.cell(3, 2))
    for row, number, (what, who, when) in zip((2, 3, 5), ("1", "2", "1"), ANNEX_ROWS, strict=True):
        _lines(table.cell(row, 0), [(number, {"size": 13})])
        _lines(table.cell(row, 1), [(what, {"size": 13})])
        if who:
            _lines(unit if row == 2 else table.cell(row, 2), [(who, {"size": 13})])
        _lines(table.cell(row, 3), [(when, {"size": 13})])
    _para(document, ANNEX_NOTE)


def build(layout: Layout | None = None) -> bytes:
    """The plan as a clerk would type it, in `layout`'s way."""
    layout = layout or Layout()
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    if layout.numbering in ("auto", "style"):
        _add_numbering(document, layout)
    _header(document, layout)
    _title(document, layout)
    _body(document, layout)
    _closing(document, layout)
    if layout.annex:
        _annex(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
