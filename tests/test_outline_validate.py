"""validate knows the outline's shape: each mistake gets its own line and says where content goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bdg_plan import api
from bdg_plan.compose.blocks import TableBlock
from bdg_plan.compose.document import compose
from tests.docx_xml import Docx

HEAD = """\
nam: 2025
co_quan: {ten: Ủy ban nhân dân xã Đồng Đăng, tinh: Lạng Sơn, dia_danh: Đồng Đăng}
ngay: 2025-10
trich_yeu: Tháng hành động
nguoi_ky: {thay_mat: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Nguyễn Văn A}
noi_nhan: [UBND tỉnh]
"""  # six lines: a snippet starts on line 7


def problems(snippet: str) -> list[tuple[int, int, str]]:
    result = api.validate_bytes((HEAD + snippet).encode(), "plan.yaml")
    return [(p.line, p.column, p.code) for p in result.problems]


def messages(snippet: str) -> list[str]:
    return [p.message for p in api.validate_bytes((HEAD + snippet).encode(), "plan.yaml").problems]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        # A key of another level at the top of the file.
        ("phan: Phần thứ nhất\n", [(7, 1, "unknown-key")]),
        ("bang: {cot: [A]}\n", [(7, 1, "unknown-key")]),
        ("chi_tieu: [Một]\n", [(7, 1, "unknown-key")]),
        # An annex written inside the body.
        ("than_van_ban:\n  - muc: A\n    phu_luc: []\n", [(9, 5, "unknown-key")]),
        # An entry with no level key.
        ("than_van_ban:\n  - Đoạn.\n  - {tieu_de: X}\n", [(9, 5, "outline-item")]),
        # A part inside a section.
        ("than_van_ban:\n  - muc: A\n    noi_dung:\n      - phan: Phần I\n", [(10, 15, "outline-level")]),
        # Points and sub-items under one item.
        (
            "than_van_ban:\n  - khoan: A\n    noi_dung:\n      - diem: x\n      - tieu_khoan: y\n",
            [(10, 7, "outline-level")],
        ),
        # The short keys and the free outline together.
        ("than_van_ban: [Đoạn.]\nkinh_phi: Ngân sách xã.\n", [(8, 11, "outline-mixed")]),
        # A table row naming a column the table does not have: its own line.
        (
            "than_van_ban:\n  - bang:\n      cot: [STT, Nội dung]\n      dong:\n"
            "        - {Nội dung: A}\n        - {Noi dung: B}\n",
            [(12, 22, "table-row")],
        ),
        # A wrong value inside an annex's table: its own line.
        (
            "than_van_ban: [Chi tiết tại Phụ lục.]\nphu_luc:\n  - ten: Danh mục\n    noi_dung:\n"
            "      - bang:\n          cot: [{ten: A, rong: 0}]\n",
            [(12, 32, "wrong-value")],
        ),
        # An annex the body never mentions.
        ("than_van_ban: [Đoạn.]\nphu_luc:\n  - ten: Danh mục\n", [(9, 10, "annex-not-mentioned")]),
    ],
)
def test_outline_mistakes_point_at_their_line(snippet: str, expected: list[tuple[int, int, str]]) -> None:
    assert problems(snippet) == expected


def test_wrong_level_messages_name_where_the_content_goes() -> None:
    (phan,) = messages("phan: Phần thứ nhất\n")
    assert "than_van_ban" in phan
    (annex,) = messages("than_van_ban:\n  - muc: A\n    phu_luc: []\n")
    assert "nguoi_ky" in annex and "sau phần ký" in annex
    (targets,) = messages("chi_tieu: [Một]\n")
    assert "muc: Chỉ tiêu" in targets


def test_one_mention_per_annex_and_numerals_do_not_overlap() -> None:
    annexes = "phu_luc:\n  - ten: Một\n  - ten: Hai\n"
    assert problems("than_van_ban: [Xem Phụ lục I và Phụ lục II.]\n" + annexes) == []
    assert problems("than_van_ban: [Xem Phụ lục II.]\n" + annexes) == [(9, 10, "annex-not-mentioned")]


# --- Tables read from a CSV file beside the plan ----------------------------------------------
CSV_PLAN = HEAD + "than_van_ban:\n  - bang:\n      csv: {name}\n"


def test_csv_rows_are_read_beside_the_plan_with_groups(tmp_path: Path) -> None:
    (tmp_path / "hoat-dong.csv").write_text(
        "\ufeffNhóm;Nội dung;Chủ trì\nTruyền thông;Treo băng rôn;Văn hóa\nTruyền thông;Phát thanh;\n"
        'Hỗ trợ;"Thăm hỏi; hỗ trợ";Hội Phụ nữ\n',
        encoding="utf-8",
    )
    plan_file = tmp_path / "ke-hoach.yaml"
    plan_file.write_text(CSV_PLAN.replace("{name}", "hoat-dong.csv"), encoding="utf-8")
    result = api.validate(plan_file)
    assert result.problems == [] and result.plan is not None
    (table,) = [b for b in compose(result.plan).body if isinstance(b, TableBlock)]
    assert [[c.text for c in row] for row in table.rows] == [
        ["Nội dung", "Chủ trì"],
        ["I. Truyền thông"],
        ["Treo băng rôn", "Văn hóa"],
        ["Phát thanh", ""],
        ["II. Hỗ trợ"],
        ["Thăm hỏi; hỗ trợ", "Hội Phụ nữ"],
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("../ngoai.csv", None, [("plan", 9, 12, "table-csv")]),
        ("khong-co.csv", None, [("plan", 9, 12, "table-csv")]),
        ("rong.csv", "", [("csv", 1, 1, "table-csv")]),
        ("thua.csv", "A,B\n1,2,3\n", [("csv", 2, 1, "table-csv")]),
    ],
)
def test_csv_problems_name_their_file_and_line(
    tmp_path: Path, name: str, content: str | None, expected: list[tuple[str, int, int, str]]
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (tmp_path / "ngoai.csv").write_text("A\n1\n", encoding="utf-8")
    if content is not None:
        (folder / name).write_text(content, encoding="utf-8")
    plan_file = folder / "ke-hoach.yaml"
    plan_file.write_text(CSV_PLAN.replace("{name}", name), encoding="utf-8")
    result = api.validate(plan_file)
    found = [
        ("plan" if p.file == str(plan_file) else "csv", p.line, p.column, p.code)
        for p in result.problems
        if p.code == "table-csv"
    ]
    assert found == expected


def test_csv_without_a_folder_is_an_error_not_an_empty_table() -> None:
    assert problems("than_van_ban:\n  - bang:\n      csv: a.csv\n") == [(9, 12, "table-csv")]


def test_typed_numbers_and_dashes_in_the_outline_are_warned() -> None:
    snippet = "than_van_ban:\n  - muc: II. Nội dung\n    noi_dung:\n      - y: '- Ý có gạch'\n"
    assert problems(snippet) == [(8, 10, "typed-mark"), (10, 12, "typed-mark")]


def test_a_batch_base_plan_reads_its_csv_table_once_for_every_commune(tmp_path: Path) -> None:
    (tmp_path / "hoat-dong.csv").write_text("Nội dung\nTreo băng rôn\n", encoding="utf-8")
    base = tmp_path / "goc.yaml"
    base.write_text(CSV_PLAN.replace("{name}", "hoat-dong.csv"), encoding="utf-8")
    communes = tmp_path / "xa.csv"
    communes.write_text(
        "Tên xã,Địa danh,Người ký\nỦy ban nhân dân xã Ba Sơn,Ba Sơn,Hoàng Thị Mai\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = api.render_batch(base, communes, out)
    (written,) = out.glob("*.docx")
    doc = Docx(written.read_bytes())
    assert "Treo băng rôn" in doc.all_text()
    assert result.failed == 0 and result.base_problems == ()
