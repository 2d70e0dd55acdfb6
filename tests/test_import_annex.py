"""bdg-plan import: annexes typed the ways clerks type them, and the tables in them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from docx import Document

from bdg_plan.api import render_plan, validate_bytes
from tests import clerk_docs
from tests.clerk_docs import Layout, build
from tests.conftest import EXAMPLES
from tests.test_import import document_text, imported, render_yaml, word_recall


def _with_annex_lines(lines: list[tuple[str, bool]]) -> bytes:
    """The corpus plan with (text, bold-centred) paragraphs typed after the signature."""
    document = Document(io.BytesIO(build(Layout())))
    for text, heading in lines:
        paragraph = document.add_paragraph()
        if heading:
            paragraph.alignment = 1  # centred
        head, *rest = text.split("\n")
        run = paragraph.add_run(head)
        run.bold = heading
        for line in rest:
            run.add_break()
            run = paragraph.add_run(line)
            run.bold = heading
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "heading",
    [
        [("PHỤ LỤC I: DANH MỤC HOẠT ĐỘNG", True)],
        [("Phụ lục số 01", True), ("DANH MỤC HOẠT ĐỘNG", True)],
        [("PHỤ LỤC\nDANH MỤC HOẠT ĐỘNG", True)],
        [("Phụ lục", True), ("Danh mục hoạt động", True)],
        [("Phụ lục I", False), ("DANH MỤC HOẠT ĐỘNG", True)],
    ],
    ids=["same-line", "numbered", "soft-break", "plain-case", "plain-label"],
)
def test_annex_headings_are_recognised_the_ways_clerks_type_them(heading: list[tuple[str, bool]]) -> None:
    result = imported(_with_annex_lines([*heading, ("Tổ chức tọa đàm tại nhà văn hóa thôn.", False)]))
    data = yaml.safe_load(result.text)
    assert data["phu_luc"] == [
        {"ten": "Danh mục hoạt động", "noi_dung": ["Tổ chức tọa đàm tại nhà văn hóa thôn."]}
    ]
    assert data["nguoi_ky"]["ho_ten"] == clerk_docs.NAME
    assert result.unplaced == []


def test_two_annexes_and_a_sentence_that_only_names_one() -> None:
    lines = [
        ("Phụ lục kèm theo gồm hai danh mục.", False),
        ("PHỤ LỤC I", True),
        ("DANH MỤC TUYÊN TRUYỀN", True),
        ("Nội dung thứ nhất.", False),
        ("PHỤ LỤC II", True),
        ("DANH MỤC HỖ TRỢ", True),
        ("- Nội dung thứ hai", False),
    ]
    result = imported(_with_annex_lines(lines))
    data = yaml.safe_load(result.text)
    assert [a["ten"] for a in data["phu_luc"]] == ["Danh mục tuyên truyền", "Danh mục hỗ trợ"]
    assert data["phu_luc"][0]["noi_dung"] == ["Nội dung thứ nhất."]
    assert data["phu_luc"][1]["noi_dung"] == [{"y": "Nội dung thứ hai"}]
    rendered = document_text(render_yaml(result.text))
    assert "Phụ lục I" in rendered and "Phụ lục II" in rendered
    # A sentence that only names the annexes, after the signature table, is no recipient: it is
    # listed and kept as a comment.
    assert "Phụ lục kèm theo gồm hai danh mục" not in " ".join(data["noi_nhan"])
    assert [u.words for u in result.unplaced] == ["Phụ lục kèm theo gồm hai danh mục."]
    assert "#   Phụ lục kèm theo gồm hai danh mục." in result.text


@pytest.mark.parametrize(("number", "kept"), [("25", False), ("30", True)])
def test_an_annex_kem_theo_line_is_dropped_only_when_it_agrees_with_the_header(
    number: str, kept: bool
) -> None:
    line = f"(Kèm theo Kế hoạch số {number}/KH-UBND ngày 12/3/2024 của UBND xã Tân Lập)"
    lines = [("PHỤ LỤC", True), ("DANH MỤC HOẠT ĐỘNG", True), (line, False), ("Họp thôn.", False)]
    result = imported(_with_annex_lines(lines))
    assert yaml.safe_load(result.text)["phu_luc"] == [
        {"ten": "Danh mục hoạt động", "noi_dung": ["Họp thôn."]}
    ]
    assert [u.words for u in result.unplaced] == (
        ["(Kèm theo Kế hoạch số 30/KH-UBND ngày 12/3/2024 …"] if kept else []
    )
    assert (f"#   {line}" in result.text) is kept


def test_new_year_rolls_an_imported_plan_with_an_annex(tmp_path: Path) -> None:
    from bdg_plan.api import new_year

    result = validate_bytes((EXAMPLES / "thang-hanh-dong-2025.yaml").read_bytes(), "thd.yaml")
    assert result.plan is not None
    plan = tmp_path / "thang-hanh-dong-2025.yaml"
    plan.write_text(imported(render_plan(result.plan)).text, encoding="utf-8")
    rolled_path = new_year(plan).output_path
    assert rolled_path is not None
    rolled = yaml.safe_load(rolled_path.read_text(encoding="utf-8"))
    assert rolled["nam"] == 2026
    assert rolled["phu_luc"][0]["ten"].endswith("năm 2026")


def test_a_table_title_under_the_annex_title_stays_with_its_table() -> None:
    data = build(Layout())
    document = Document(io.BytesIO(data))
    for text in ("PHỤ LỤC", "DANH MỤC HOẠT ĐỘNG", "Bảng tổng hợp kinh phí"):
        paragraph = document.add_paragraph()
        paragraph.alignment = 1
        paragraph.add_run(text).bold = True
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Hoạt động", "Kinh phí"
    table.cell(1, 0).text, table.cell(1, 1).text = "Tọa đàm", "Ngân sách xã"
    buffer = io.BytesIO()
    document.save(buffer)
    (annex,) = yaml.safe_load(imported(buffer.getvalue()).text)["phu_luc"]
    assert annex["ten"] == "Danh mục hoạt động"
    assert annex["noi_dung"] == [
        {
            "bang": {
                "ten": "Bảng tổng hợp kinh phí",
                "cot": ["Hoạt động", "Kinh phí"],
                "dong": [{"Hoạt động": "Tọa đàm", "Kinh phí": "Ngân sách xã"}],
            }
        }
    ]


def test_a_row_whose_other_cells_are_merged_from_above_is_no_group_row() -> None:
    document = Document(io.BytesIO(build(Layout())))
    for text in ("PHỤ LỤC", "DANH MỤC HOẠT ĐỘNG"):
        document.add_paragraph().add_run(text).bold = True
    table = document.add_table(rows=3, cols=3)
    for column, name in enumerate(("Nội dung", "Đơn vị", "Thời gian")):
        table.cell(0, column).text = name
    table.cell(1, 0).text, table.cell(2, 0).text = "Họp thôn", "Tọa đàm"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "Hội Phụ nữ xã"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "Quý IV"
    buffer = io.BytesIO()
    document.save(buffer)
    (annex,) = yaml.safe_load(imported(buffer.getvalue()).text)["phu_luc"]
    assert annex["noi_dung"][0]["bang"]["dong"] == [
        {"Nội dung": "Họp thôn", "Đơn vị": "Hội Phụ nữ xã", "Thời gian": "Quý IV"},
        {"Nội dung": "Tọa đàm"},
    ]


def test_a_two_row_header_gives_one_column_per_cell_under_a_split_header() -> None:
    document = Document(io.BytesIO(build(Layout())))
    for text in ("PHỤ LỤC", "DANH MỤC HOẠT ĐỘNG"):
        document.add_paragraph().add_run(text).bold = True
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).paragraphs[0].add_run("STT").bold = True
    table.cell(0, 1).merge(table.cell(1, 1)).paragraphs[0].add_run("Nội dung").bold = True
    table.cell(0, 2).merge(table.cell(0, 3)).paragraphs[0].add_run("Thời gian").bold = True
    table.cell(1, 2).paragraphs[0].add_run("Bắt đầu").bold = True
    table.cell(1, 3).paragraphs[0].add_run("Kết thúc").bold = True
    for column, text in enumerate(("1", "Họp thôn", "01/11", "15/11")):
        table.cell(2, column).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    result = imported(buffer.getvalue())
    (annex,) = yaml.safe_load(result.text)["phu_luc"]
    assert annex["noi_dung"][0]["bang"] == {
        "cot": ["STT", "Nội dung", "Thời gian - Bắt đầu", "Thời gian - Kết thúc"],
        "dong": [{"Nội dung": "Họp thôn", "Thời gian - Bắt đầu": "01/11", "Thời gian - Kết thúc": "15/11"}],
    }
    assert word_recall(buffer.getvalue(), render_yaml(result.text)) >= 0.99


#: Header texts YAML would read as something else if they were written as bare keys.
YAML_LOOKING_HEADERS = [
    "Ghi chú: thêm",
    "# số",
    "2024",
    "2024-01-01",
    "No",
    "null",
    "~",
    "'Đơn vị'",
    '"Thời gian"',
    "{Kinh phí}",
    "[Ghi chú]",
    "<<",
    "? Hỏi",
    "&neo",
    "*tham chiếu",
    "!thẻ",
    "%Tỷ lệ",
    "@Người",
    "`mã`",
]


def test_table_headers_that_look_like_yaml_come_back_as_the_same_text() -> None:
    document = Document(io.BytesIO(build(Layout())))
    for text in ("PHỤ LỤC", "DANH MỤC HOẠT ĐỘNG"):
        document.add_paragraph().add_run(text).bold = True
    table = document.add_table(rows=2, cols=len(YAML_LOOKING_HEADERS))
    for column, header in enumerate(YAML_LOOKING_HEADERS):
        table.cell(0, column).text = header
        table.cell(1, column).text = f"ô {column}"
    buffer = io.BytesIO()
    document.save(buffer)

    result = imported(buffer.getvalue())

    (annex,) = yaml.safe_load(result.text)["phu_luc"]
    bang = annex["noi_dung"][0]["bang"]
    assert bang["cot"] == YAML_LOOKING_HEADERS
    assert bang["dong"] == [{header: f"ô {i}" for i, header in enumerate(YAML_LOOKING_HEADERS)}]
    assert not [p for p in result.problems if p.severity.value == "error"]


@pytest.mark.parametrize("odd", ["\n", "\r", "\r\n", "\u2028", "\x85", "\x1b[2J", "\u202e"])
def test_the_file_names_in_the_head_comment_stay_in_their_comment(odd: str) -> None:
    from bdg_plan.word.importer import import_bytes

    result = import_bytes(build(Layout()), f"cũ{odd}nam: 1.docx", f"mới{odd}so: 2.yaml")

    head = result.text.split("\n\n")[0].split("\n")
    assert len(head) == 5 and all(line.startswith("# ") for line in head)
    assert "\\u" in head[1] and "\\u" in head[4]
    reread = validate_bytes(result.text.encode("utf-8"), "mới.yaml")
    assert reread.plan is not None and reread.plan.nam == 2024
    assert not [
        p for p in reread.problems if p.code in ("hidden-line-break", "invisible-char", "control-char")
    ]
