"""Import reads plans laid out the ways clerks type them, and never guesses what it cannot read.

Each document is built with python-docx: headers as tables with a merged column, with tabs or as
lines one under another; lettered points under "1. Mục đích", typed or numbered by Word; the action
month as labelled lines or a table; a table whose widths are only on its cells; a file that is no
plan at all. Values are the document's or the visible marker "CẦN ĐIỀN", never another value.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from typing import Any

import pytest
import yaml
from docx import Document
from docx.shared import Cm

from bdg_plan import messages as msg
from bdg_plan.api import render_plan
from bdg_plan.docx.read.body import read_docx
from bdg_plan.pipeline import validate_bytes
from bdg_plan.word.find_parts import find_parts
from bdg_plan.word.import_plan import plan_data
from bdg_plan.word.importer import ImportedPlan, _read, import_bytes
from bdg_plan.word.outline_read import build_outline
from tests import clerk_docs
from tests.clerk_docs import Layout, _lines, _para
from tests.layout_docs import plan_docx
from tests.test_import import word_recall

FILL = msg.IMPORT_FILL
BODY: list[tuple[Any, ...]] = [
    ("I. NỘI DUNG", True),
    ("1. Tuyên truyền", True),
    ("Tổ chức tuyên truyền trên hệ thống loa truyền thanh xã.", False),
]
TRICH_YEU_2025 = ["Thực hiện công tác bình đẳng giới năm 2025"]
QUOC_HIEU = [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True}),
    ("Độc lập - Tự do - Hạnh phúc", {"bold": True}),
]
ORGAN = [("ỦY BAN NHÂN DÂN", {"bold": True}), ("XÃ TÂN LẬP", {"bold": True})]


def _import(data: bytes) -> tuple[ImportedPlan, dict[str, Any]]:
    result = import_bytes(data, "cu.docx", "cu.yaml")
    return result, yaml.safe_load(result.text)


def _errors(result: ImportedPlan) -> list[str]:
    return [f"{p.code}: {p.message}" for p in result.problems if p.is_error]


def _rendered_text(text: str) -> list[str]:
    checked = validate_bytes(text.encode("utf-8"), "cu.yaml")
    assert checked.plan is not None, checked.problems
    return [p.shown for p in read_docx(render_plan(checked.plan)).paragraphs]


# --- The header in every layout ------------------------------------------------------------------
def _merged_left(document: Any) -> None:
    table = document.add_table(rows=2, cols=2)
    left = table.cell(0, 0).merge(table.cell(1, 0))
    _lines(left, [*ORGAN, ("Số: 25/KH-UBND", {})])
    _lines(table.cell(0, 1), QUOC_HIEU)
    _lines(table.cell(1, 1), [("Tân Lập, ngày 14 tháng 8 năm 2025", {"italic": True})])


def _merged_right(document: Any) -> None:
    table = document.add_table(rows=2, cols=2)
    right = table.cell(0, 1).merge(table.cell(1, 1))
    _lines(table.cell(0, 0), ORGAN)
    _lines(table.cell(1, 0), [("Số: 25/KH-UBND", {})])
    _lines(right, [*QUOC_HIEU, ("Tân Lập, ngày 14/8/2025", {"italic": True})])


def _stacked(document: Any) -> None:
    for text, bold in [
        ("ỦY BAN NHÂN DÂN", True),
        ("XÃ TÂN LẬP", True),
        ("Số: 25/KH-UBND", False),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
        ("Tân Lập, ngày 14 tháng 8 năm 2025", False),
    ]:
        _para(document, text, align="center", bold=bold)


def _unreadable_date(document: Any) -> None:
    table = document.add_table(rows=2, cols=2)
    _lines(table.cell(0, 0), ORGAN)
    _lines(table.cell(0, 1), QUOC_HIEU)
    _lines(table.cell(1, 1), [("Tân Lập, ngày mười bốn tháng tám", {"italic": True})])


def test_a_header_table_with_its_left_column_merged_down_reads_every_fact() -> None:
    result, data = _import(plan_docx(BODY, header=_merged_left, trich_yeu=TRICH_YEU_2025))
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    assert "cap_tren" not in data["co_quan"]
    assert data["co_quan"]["dia_danh"] == "Tân Lập"
    assert (data["so"], data["ky_hieu"]) == (25, "KH-UBND")
    assert data["ngay"] == dt.date(2025, 8, 14)
    assert _errors(result) == []


def test_a_header_table_with_its_right_column_merged_and_a_date_in_figures() -> None:
    result, data = _import(plan_docx(BODY, header=_merged_right, trich_yeu=TRICH_YEU_2025))
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    assert (data["so"], data["ngay"], data["co_quan"]["dia_danh"]) == (25, dt.date(2025, 8, 14), "Tân Lập")
    assert _errors(result) == []


def test_a_header_typed_as_lines_one_under_another() -> None:
    result, data = _import(plan_docx(BODY, header=_stacked, trich_yeu=TRICH_YEU_2025))
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    assert (data["so"], data["ngay"], data["co_quan"]["dia_danh"]) == (25, dt.date(2025, 8, 14), "Tân Lập")
    assert _errors(result) == []


def test_a_header_typed_with_tabs() -> None:
    result, data = _import(plan_docx(BODY, layout=Layout(header="tabs", closing="tabs")))
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    assert (data["so"], data["ngay"], data["co_quan"]["dia_danh"]) == (25, dt.date(2024, 3, 12), "Tân Lập")
    assert data["nguoi_ky"]["ho_ten"] == clerk_docs.NAME
    assert _errors(result) == []


def test_a_date_and_number_not_read_are_markers_quoting_the_line_never_an_invented_month() -> None:
    result, data = _import(plan_docx(BODY, header=_unreadable_date, trich_yeu=TRICH_YEU_2025))
    # Not "2025-01": the document says 14 August in words the reader does not take.
    assert data["ngay"] == FILL
    assert data["so"] == FILL
    assert data["co_quan"]["dia_danh"] == FILL
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    comment = next(line for line in result.text.splitlines() if line.startswith("#   ngay:"))
    assert "'Tân Lập, ngày mười bốn tháng tám'" in comment
    # validate: a warning at each marker, no error the clerk never typed.
    assert _errors(result) == []
    unfilled = {p.line for p in result.problems if p.code == "unfilled"}
    lines = result.text.splitlines()
    for key in ("so:", "ngay:", "ky_hieu:"):
        assert next(i + 1 for i, line in enumerate(lines) if line.startswith(key)) in unfilled
    printed = _rendered_text(result.text)
    assert f"Số: {FILL}/{FILL}" in printed
    assert f"{FILL}, ngày {FILL}" in printed


# --- The marker in the typed fields ---------------------------------------------------------------
def _marker_plan() -> str:
    text = (clerk_docs_example := _example_text())
    text = re.sub(r"(?m)^so:.*$", f"so: {FILL}", clerk_docs_example)
    return re.sub(r"(?m)^ngay:.*$", f"ngay: {FILL}", text)


def _example_text() -> str:
    from pathlib import Path

    return (Path(__file__).parent.parent / "examples" / "plan2023.yaml").read_text("utf-8")


def test_the_model_takes_the_marker_in_so_and_ngay_warns_and_prints_it() -> None:
    checked = validate_bytes(_marker_plan().encode("utf-8"), "cu.yaml")
    assert checked.plan is not None
    assert not [p for p in checked.problems if p.is_error], checked.problems
    assert sorted(p.code for p in checked.problems) == ["unfilled", "unfilled"]
    assert checked.plan.so is None and checked.plan.so_can_dien
    assert checked.plan.ngay.can_dien
    printed = [p.shown for p in read_docx(render_plan(checked.plan)).paragraphs]
    assert "Số: CẦN ĐIỀN/KH-UBND" in printed
    assert any(line.endswith(", ngày CẦN ĐIỀN") for line in printed)


def test_a_marker_elsewhere_than_so_and_ngay_is_not_a_date_or_number() -> None:
    text = re.sub(r"(?m)^nam:.*$", f"nam: {FILL}", _marker_plan())
    checked = validate_bytes(text.encode("utf-8"), "cu.yaml")
    assert checked.plan is None  # `nam` is the plan's year: no marker there


# --- The body: whatever the document holds ------------------------------------------------------
POINTS = [
    "Nâng cao nhận thức của cán bộ, công chức và Nhân dân về bình đẳng giới và phòng chống bạo lực gia đình.",
    "Bảo đảm các mục tiêu bình đẳng giới năm 2024 được thực hiện đầy đủ trên địa bàn xã.",
]
REQUIREMENT = "Các ban, ngành, đoàn thể xã triển khai nghiêm túc, hiệu quả các nội dung của Kế hoạch."


def _purpose_with_points(numbering: str) -> bytes:
    body: list[tuple[Any, ...]] = [
        ("num", "muc", "MỤC ĐÍCH, YÊU CẦU", True),
        ("num", "khoan", "Mục đích", True),
        *(("num", "diem", point, False) for point in POINTS),
        ("num", "khoan", "Yêu cầu", True),
        (REQUIREMENT, False),
        ("num", "muc", "NỘI DUNG", True),
        ("num", "khoan", clerk_docs.ITEM1, True),
        (clerk_docs.ITEM1_TEXT, False),
    ]
    return plan_docx(body, layout=Layout(numbering=numbering))


def _under(printed: list[str], heading: str, text: str) -> bool:
    """`text` is printed after the line ending with `heading` and before the next heading."""
    start = next(i for i, line in enumerate(printed) if line.rstrip().endswith(heading))
    return any(text in line for line in printed[start + 1 : start + 4])


def test_lettered_points_typed_under_muc_dich_are_kept_under_it() -> None:
    original = _purpose_with_points("typed")
    result, data = _import(original)
    assert data.get("muc_dich", "absent") not in ({}, [], None, "")
    printed = _rendered_text(result.text)
    for point in POINTS:
        assert _under(printed, "Mục đích", point)
    assert _under(printed, "Yêu cầu", REQUIREMENT)
    checked = validate_bytes(result.text.encode("utf-8"), "cu.yaml")
    assert checked.plan is not None
    assert word_recall(original, render_plan(checked.plan)) >= 0.99


def test_points_numbered_by_word_under_muc_dich_are_kept_under_it() -> None:
    original = _purpose_with_points("auto")
    result, data = _import(original)
    assert data.get("muc_dich", "absent") not in ({}, [], None, "")
    printed = _rendered_text(result.text)
    for point in POINTS:
        assert _under(printed, "Mục đích", point)
    checked = validate_bytes(result.text.encode("utf-8"), "cu.yaml")
    assert checked.plan is not None
    assert word_recall(original, render_plan(checked.plan)) >= 0.99


# --- The action month -------------------------------------------------------------------------
MONTH_TRICH_YEU = [
    "Tổ chức các hoạt động Tháng hành động vì bình đẳng giới và phòng ngừa,",
    "ứng phó với bạo lực trên cơ sở giới năm 2024",
]
THEME = "Chung tay hành động để chấm dứt bạo lực đối với phụ nữ và trẻ em gái"
MESSAGES = ["Bình đẳng giới là mục tiêu của tất cả mọi người.", "Nói không với bạo lực gia đình."]
MONTH = {"tu": dt.date(2024, 11, 15), "den": dt.date(2024, 12, 15)}


def _month_plan(theme: list[tuple[Any, ...]]) -> bytes:
    body: list[tuple[Any, ...]] = [
        ("I. MỤC ĐÍCH, YÊU CẦU", True),
        ("1. Mục đích", True),
        ("Nâng cao nhận thức về bình đẳng giới.", False),
        ("2. Yêu cầu", True),
        ("Triển khai thiết thực, hiệu quả.", False),
        *theme,
        ("III. NỘI DUNG", True),
        ("1. Tuyên truyền", True),
        ("Tổ chức tuyên truyền trên loa truyền thanh.", False),
    ]
    return plan_docx(body, trich_yeu=MONTH_TRICH_YEU)


def _assert_month(data: dict[str, Any], result: ImportedPlan) -> None:
    assert data["loai_ke_hoach"] == "thang_hanh_dong"
    assert data["chu_de"] == THEME
    assert data["thong_diep"] == MESSAGES
    assert data["thang_hanh_dong"] == MONTH
    assert _errors(result) == []


def test_an_action_month_typed_as_labelled_lines() -> None:
    theme: list[tuple[Any, ...]] = [
        ("II. CHỦ ĐỀ, THÔNG ĐIỆP VÀ THỜI GIAN", True),
        (f"Chủ đề: {THEME}", False),
        ("Thông điệp:", False),
        *((f"- {text}", False) for text in MESSAGES),
        ("Thời gian: 15/11 - 15/12/2024", False),
    ]
    result, data = _import(_month_plan(theme))
    _assert_month(data, result)


def test_an_action_month_typed_as_numbered_items() -> None:
    theme: list[tuple[Any, ...]] = [
        ("II. CHỦ ĐỀ, THÔNG ĐIỆP", True),
        ("1. Chủ đề", True),
        (THEME, False),
        ("2. Thông điệp", True),
        *((f"- {text}", False) for text in MESSAGES),
        ("3. Thời gian", True),
        ("Từ ngày 15/11/2024 đến ngày 15/12/2024", False),
    ]
    result, data = _import(_month_plan(theme))
    _assert_month(data, result)


def test_an_action_month_whose_theme_is_a_table() -> None:
    rows = [
        ["Chủ đề", THEME],
        ["Thông điệp", "\n".join(MESSAGES)],
        ["Thời gian", "từ ngày 15/11/2024 đến ngày 15/12/2024"],
    ]
    theme: list[tuple[Any, ...]] = [("II. CHỦ ĐỀ VÀ THÔNG ĐIỆP", True), ("table", rows, None)]
    result, data = _import(_month_plan(theme))
    _assert_month(data, result)


def test_a_theme_section_holding_more_stays_as_typed() -> None:
    theme: list[tuple[Any, ...]] = [
        ("II. CHỦ ĐỀ, THỜI GIAN VÀ PHẠM VI", True),
        (f"Chủ đề: {THEME}", False),
        ("Phạm vi: toàn xã.", False),
    ]
    result, data = _import(_month_plan(theme))
    assert "loai_ke_hoach" not in data
    assert "Phạm vi: toàn xã." in result.text


# --- Table widths -----------------------------------------------------------------------------
WIDTHS_CM = [1.2, 8.3, 3.5, 3.5]


def _table_plan(header: list[str], widths: list[float] | None) -> bytes:
    rows = [header, ["1", "Treo băng rôn tại trụ sở xã", "Văn hóa - xã hội", "Tháng 3"]]
    rows.append(["2", "Phát tờ rơi đến các hộ", "Hội Phụ nữ", "Tháng 4"])
    body: list[tuple[Any, ...]] = [
        ("I. NỘI DUNG", True),
        ("Các hoạt động như sau:", False),
        ("table", rows, widths),
    ]
    return plan_docx(body)


def _table_entry(data: dict[str, Any]) -> dict[str, Any]:
    return next(item for item in data["than_van_ban"][0]["noi_dung"] if isinstance(item, dict))


def _shares(columns: list[Any]) -> list[float]:
    return [1.0 if isinstance(c, str) else float(c["rong"]) for c in columns]


def test_widths_set_only_on_the_cells_come_back_within_15_percent() -> None:
    result, data = _import(_table_plan(["TT", "Nội dung", "Đơn vị", "Thời gian"], WIDTHS_CM))
    shares = _shares(_table_entry(data)["bang"]["cot"])
    expected = [w / min(WIDTHS_CM) for w in WIDTHS_CM]
    assert all(abs(s - e) <= 0.15 * e for s, e in zip(shares, expected, strict=True)), shares
    assert _errors(result) == []


def test_an_activity_table_typed_at_its_own_widths_comes_back_as_a_table_with_them() -> None:
    header = ["STT", "Nội dung hoạt động", "Đơn vị chủ trì", "Thời gian thực hiện"]
    result, data = _import(_table_plan(header, WIDTHS_CM))
    entry = _table_entry(data)
    assert "bang" in entry
    assert _shares(entry["bang"]["cot"])[1] > 6  # 8.3 cm against 1.2 cm
    assert _errors(result) == []


# --- A file that is no plan -------------------------------------------------------------------
def test_a_file_not_recognised_as_a_plan_keeps_every_paragraph_in_order() -> None:
    texts = ["Biên bản họp thôn Đông", "Hôm nay, tại nhà văn hóa thôn.", "Bàn về việc làm đường liên thôn."]
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    read = _read(buffer.getvalue())
    found = find_parts(read)
    imported = plan_data(found, build_outline(found.body))
    kept = " ".join(
        str(v) for v in yaml.safe_load(yaml.safe_dump(imported.data, allow_unicode=True)).values()
    )
    positions = [kept.find(text) for text in texts]
    assert -1 not in positions and positions == sorted(positions)
    assert ("than_van_ban", msg.IMPORT_NOT_RECOGNISED) in imported.summary
    assert imported.data["ngay"] == FILL and imported.data["so"] == FILL


def test_cell_width_helper_sets_only_tcw() -> None:
    """The test documents' widths live on the cells alone: the grid stays equal."""
    data = _table_plan(["TT", "Nội dung", "Đơn vị", "Thời gian"], WIDTHS_CM)
    grid = Document(io.BytesIO(data)).tables[1]._tbl.tblGrid
    widths = {col.w for col in grid.gridCol_lst}
    assert len(widths) == 1
    assert Cm(8.3) not in widths


# --- Every heading keeps what was under it --------------------------------------------------------
_LABEL = re.compile(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•])\s*")


def _core(text: str) -> str:
    return " ".join(_LABEL.sub("", text.replace("\t", " ")).lower().split())


def _heading_pairs(data: bytes) -> list[tuple[str, str]]:
    """(heading, first line under it) for every bold body heading that has content in the file."""
    paragraphs = [p for p in read_docx(data).paragraphs if p.cell is None and p.shown.strip()]
    start = next(i for i, p in enumerate(paragraphs) if set(p.shown.strip()) == {"-"})
    end = next(i for i, p in enumerate(paragraphs) if p.shown.startswith(("Trên đây", "Nơi nhận")))
    body = paragraphs[start + 1 : end]
    pairs = []
    for heading, after in itertools.pairwise(body):
        if heading.bold and heading.fmt.align != "center" and not after.bold:
            pairs.append((_core(heading.shown), _core(after.shown)))
    return pairs


def _assert_headings_keep_content(original: bytes) -> None:
    result, _ = _import(original)
    printed = [_core(line) for line in _rendered_text(result.text) if line.strip()]
    pairs = _heading_pairs(original)
    assert pairs
    for heading, content in pairs:
        places = [i for i, line in enumerate(printed) if line == heading]
        assert places, heading
        assert any(printed[i + 1].startswith(content[:40]) for i in places if i + 1 < len(printed)), heading


def test_every_heading_with_content_in_the_file_prints_that_content_under_it() -> None:
    documents = [
        _purpose_with_points("typed"),
        _purpose_with_points("auto"),
        clerk_docs.build(Layout()),
        clerk_docs.build(Layout(numbering="auto", header="tabs", closing="tabs")),
        clerk_docs.build(Layout(numbering="style", superior=True)),
    ]
    for document in documents:
        _assert_headings_keep_content(document)


# --- Merged cells -------------------------------------------------------------------------------
def test_a_cell_merged_down_keeps_its_text_and_is_named_in_a_comment_and_the_summary() -> None:
    result, data = _import(clerk_docs.build(Layout(annex=True)))
    table = data["phu_luc"][0]["noi_dung"][0]["bang"]
    first, second = [row for row in table["dong"] if "nhom" not in row][:2]
    assert first["Đơn vị thực hiện"] == "Công chức văn hóa - xã hội"
    assert "Đơn vị thực hiện" not in second
    note = "hàng 4, cột 'Đơn vị thực hiện': ô gộp với ô hàng trên"
    comments = [line for line in result.text.splitlines() if line.startswith("#") and note in line]
    assert len(comments) == 1
    assert any(key == "phu_luc" and note in text for key, text in result.imported.summary)


# --- new-year and batch on a marker date ----------------------------------------------------------
def test_new_year_and_batch_keep_a_marker_date_and_do_not_crash(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from bdg_plan.cli.app import app

    plan = tmp_path / "cu.yaml"
    plan.write_text(_marker_plan(), encoding="utf-8")
    runner = CliRunner()
    env = {"COLUMNS": "200", "NO_COLOR": "1"}
    result = runner.invoke(app, ["new-year", str(plan), "-o", str(tmp_path / "moi.yaml")], env=env)
    assert result.exit_code == 0, result.output
    moved = (tmp_path / "moi.yaml").read_text("utf-8")
    assert re.search(r"(?m)^ngay: CẦN ĐIỀN$", moved)
    assert re.search(r"(?m)^nam: 2024$", moved)

    communes = tmp_path / "xa.csv"
    communes.write_text(
        "Tên xã,Địa danh,Người ký\nỦy ban nhân dân xã Đồng Đăng,Đồng Đăng,Hoàng Văn Nam\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["batch", str(plan), str(communes), "-o", str(tmp_path / "out")], env=env)
    assert result.exit_code == 0, result.output
    printed = [p.shown for p in read_docx((tmp_path / "out" / "xa-dong-dang.docx").read_bytes()).paragraphs]
    assert "Đồng Đăng, ngày CẦN ĐIỀN" in printed


def _impossible_date(document: Any) -> None:
    table = document.add_table(rows=2, cols=2)
    _lines(table.cell(0, 0), ORGAN)
    _lines(table.cell(1, 0), [("Số: 25/KH-UBND", {})])
    _lines(table.cell(0, 1), QUOC_HIEU)
    _lines(table.cell(1, 1), [("Tân Lập, ngày 31 tháng 2 năm 2025", {"italic": True})])


def test_a_date_the_calendar_lacks_is_a_marker_not_an_error_the_clerk_never_typed() -> None:
    result, data = _import(plan_docx(BODY, header=_impossible_date, trich_yeu=TRICH_YEU_2025))
    assert data["ngay"] == FILL
    assert data["so"] == 25
    assert _errors(result) == []
    assert "'Tân Lập, ngày 31 tháng 2 năm 2025'" in result.text


def test_an_action_month_whose_body_needs_the_free_outline_keeps_its_kind_and_dates() -> None:
    body: list[tuple[Any, ...]] = [
        ("I. MỤC ĐÍCH, YÊU CẦU", True),
        ("1. Mục đích", True),
        *((f"{letter}) {point}", False) for letter, point in zip("ab", POINTS, strict=True)),
        ("II. CHỦ ĐỀ, THÔNG ĐIỆP VÀ THỜI GIAN", True),
        (f"Chủ đề: {THEME}", False),
        ("Thời gian: từ ngày 15/11/2024 đến ngày 15/12/2024", False),
        ("III. NỘI DUNG", True),
        ("1. Tuyên truyền", True),
        ("Tổ chức tuyên truyền trên loa truyền thanh.", False),
        ("table", [["TT", "Việc", "Nơi"], ["1", "Treo băng rôn", "Trụ sở xã"]], None),
    ]
    original = plan_docx(body, trich_yeu=MONTH_TRICH_YEU)
    result, data = _import(original)
    assert "than_van_ban" in data
    assert data["loai_ke_hoach"] == "thang_hanh_dong"
    assert data["thang_hanh_dong"] == MONTH
    assert _errors(result) == []
    printed = _rendered_text(result.text)
    assert sum(THEME in line for line in printed) == 1  # the typed section, printed once
    checked = validate_bytes(result.text.encode("utf-8"), "cu.yaml")
    assert checked.plan is not None
    assert word_recall(original, render_plan(checked.plan)) >= 0.99


def _organ_kind_plain(document: Any) -> None:
    table = document.add_table(rows=2, cols=2)
    _lines(table.cell(0, 0), [("ỦY BAN NHÂN DÂN", {}), ("XÃ TÂN LẬP", {"bold": True})])
    _lines(table.cell(1, 0), [("Số: 25/KH-UBND", {})])
    _lines(table.cell(0, 1), QUOC_HIEU)
    _lines(table.cell(1, 1), [("Tân Lập, ngày 14 tháng 8 năm 2025", {"italic": True})])


def test_an_organ_whose_first_line_is_not_bold_is_no_superior() -> None:
    result, data = _import(plan_docx(BODY, header=_organ_kind_plain, trich_yeu=TRICH_YEU_2025))
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    assert "cap_tren" not in data["co_quan"]
    assert _errors(result) == []


def test_a_signature_block_without_a_name_keeps_the_title_and_asks_for_the_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH' and no name yet: the post is the title, the name CẦN ĐIỀN."""
    import yaml

    from bdg_plan import messages as msg
    from bdg_plan.word.importer import import_bytes
    from tests import clerk_docs

    monkeypatch.setattr(clerk_docs, "SIGNER", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
    monkeypatch.setattr(clerk_docs, "NAME", "")
    data = yaml.safe_load(import_bytes(clerk_docs.build(), "cu.docx", "cu.yaml").text)
    signer = data["nguoi_ky"]
    assert signer["thay_mat"] == "Ủy ban nhân dân"
    assert signer["chuc_vu"] == "Chủ tịch"
    assert signer["ho_ten"] == msg.IMPORT_FILL


@pytest.mark.parametrize(
    ("organ", "ten"),
    [
        (["Ủy ban nhân dân", "Xã Tân Lập"], "Ủy ban nhân dân xã Tân Lập"),
        (["UBND xã Tân Lập"], "UBND xã Tân Lập"),
        (["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"], "Ủy ban nhân dân xã Tân Lập"),
    ],
)
def test_organ_lines_not_typed_in_capitals_are_read(
    monkeypatch: pytest.MonkeyPatch, organ: list[str], ten: str
) -> None:
    from bdg_plan.word.importer import import_bytes
    from tests import clerk_docs

    monkeypatch.setattr(clerk_docs, "ORGAN", organ)
    result = import_bytes(clerk_docs.build(), "cu.docx", "cu.yaml")
    assert yaml.safe_load(result.text)["co_quan"]["ten"] == ten
    assert [p.code for p in result.problems if p.is_error] == []
