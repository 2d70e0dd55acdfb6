"""Reading a Word body back: headings marked by bold alone (and when a bold line is only emphasis),
the action month's own section."""

from __future__ import annotations

import datetime as dt
import io

import yaml
from docx import Document

from bdg_plan.docx.read.props import ParagraphFormat, RunFormat
from bdg_plan.docx.read.values import Paragraph, Table
from bdg_plan.word.import_action_month import theme_data
from bdg_plan.word.importer import import_bytes
from bdg_plan.word.outline_read import Node, bold_headings
from tests import clerk_docs
from tests.clerk_docs import Layout, build


def _lines(*lines: tuple[str, bool] | str) -> list[Paragraph | Table]:
    """Paragraphs from (text, bold) pairs; the string "table" stands for a table."""
    items: list[Paragraph | Table] = []
    for number, line in enumerate(lines, start=1):
        if line == "table":
            items.append(Table(0, ()))
            continue
        assert isinstance(line, tuple)
        text, bold = line
        centred = text.startswith("^")
        text = text.lstrip("^")
        fmt = ParagraphFormat(align="center" if centred else "justify")
        items.append(Paragraph(number, text, runs=((text, RunFormat(bold=bold)),), fmt=fmt))
    return items


def test_bold_lines_in_capitals_are_sections_and_the_others_items() -> None:
    items = _lines(
        ("MỤC ĐÍCH, YÊU CẦU", True),
        ("Mục đích", True),
        ("Nâng cao nhận thức.", False),
        ("NỘI DUNG", True),
        ("Tuyên truyền tại thôn", True),
        ("Tổ chức họp thôn.", False),
    )
    assert bold_headings(items) == {1: "muc", 2: "khoan", 4: "muc", 5: "khoan"}


def test_with_no_line_in_capitals_the_bold_lines_are_sections() -> None:
    items = _lines(
        ("Mục đích, yêu cầu", True), ("Nâng cao nhận thức.", False), ("Nội dung", True), ("x.", False)
    )
    assert bold_headings(items) == {1: "muc", 3: "muc"}


def test_a_bold_line_is_no_heading_when_it_is_a_sentence_a_title_or_the_last() -> None:
    items = _lines(
        ("NỘI DUNG", True),
        ("Các ban, ngành triển khai nghiêm túc Kế hoạch.", True),  # a sentence
        ("Phân công như sau:", True),  # leads into what follows
        ("^Bảng phân công", True),  # a table's title
        "table",
        ("Mục đích " * 10, True),  # too long for a heading
        ("Kết luận", True),  # nothing after it
    )
    assert bold_headings(items) == {1: "muc"}


def test_where_sections_are_numbered_bold_alone_marks_no_heading() -> None:
    items = _lines(("I. NỘI DUNG", True), ("Tuyên truyền", True), ("Họp thôn.", False))
    assert bold_headings(items) == {}
    numbered_items = _lines(("NỘI DUNG", True), ("1. Tuyên truyền", True), ("Lưu ý", True), ("Họp.", False))
    assert bold_headings(numbered_items) == {1: "muc"}


def test_in_a_numbered_document_a_short_bold_line_stays_a_paragraph() -> None:
    document = Document(io.BytesIO(build(Layout())))
    target = next(p for p in document.paragraphs if p.text == clerk_docs.ITEM1_TEXT)
    target.insert_paragraph_before().add_run("Kết quả mong đợi").bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    data = yaml.safe_load(import_bytes(buffer.getvalue(), "a.docx", "a.yaml").text)
    assert data["noi_dung"][0]["ten"] == clerk_docs.ITEM1
    assert data["noi_dung"][0]["mo_ta"] == ["Kết quả mong đợi", clerk_docs.ITEM1_TEXT]


def _theme(*items: tuple[str, list[tuple[str, str]]], title: str = "CHỦ ĐỀ VÀ THỜI GIAN") -> Node:
    children = [
        Node("khoan", name, heading=True, children=[Node(kind, text) for kind, text in content])
        for name, content in items
    ]
    return Node("muc", title, heading=True, children=children)


def test_the_action_month_section_is_read_back_as_the_kind() -> None:
    node = _theme(
        ("Chủ đề", [("doan", "Chung tay chấm dứt bạo lực")]),
        ("Thông điệp", [("y", "Không bạo lực"), ("y", "Bình đẳng")]),
        ("Thời gian", [("doan", "Từ ngày 15/11/2025 đến ngày 15/12/2025.")]),
        title="CHỦ ĐỀ, THÔNG ĐIỆP VÀ THỜI GIAN",
    )
    assert theme_data(node) == {
        "loai_ke_hoach": "thang_hanh_dong",
        "chu_de": "Chung tay chấm dứt bạo lực",
        "thong_diep": ["Không bạo lực", "Bình đẳng"],
        "thang_hanh_dong": {"tu": dt.date(2025, 11, 15), "den": dt.date(2025, 12, 15)},
    }


def test_a_clerks_own_theme_section_stays_a_section() -> None:
    # A time written another way, a message under the short title, an extra item: not the kind.
    assert theme_data(_theme(("Thời gian", [("doan", "Trong tháng 11 năm 2025.")]))) is None
    assert theme_data(_theme(("Thông điệp", [("y", "Không bạo lực")]))) is None
    extra = ("Địa điểm", [("doan", "Nhà văn hóa thôn.")])
    assert theme_data(_theme(("Chủ đề", [("doan", "Chung tay")]), extra)) is None
