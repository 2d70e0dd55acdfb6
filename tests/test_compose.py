"""Compose stage: numbering, preamble, literal user text, template lookup and sandbox."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bdg_plan import api
from bdg_plan.compose.document import (
    Block,
    compose,
    organ_lines,
    preamble,
    recipient_lines,
    signer_lines,
    so_line,
)
from bdg_plan.errors import TemplateError
from bdg_plan.facts.vietnamese import format_long_date, format_short_date, letter, roman
from bdg_plan.plan.model import Plan
from tests.docx_xml import Docx, W

MINIMAL: dict[str, Any] = {
    "nam": 2024,
    "co_quan": {"ten": "Ủy ban nhân dân phường Lương Văn Tri", "dia_danh": "Lương Văn Tri"},
    "so": 7,
    "ngay": "2024-01-05",
    "trich_yeu": "Thực hiện công tác bình đẳng giới năm 2024",
    "nguoi_ky": {"thay_mat": "Ủy ban nhân dân", "chuc_vu": "Chủ tịch", "ho_ten": "Nguyễn Văn A"},
    "noi_nhan": ["UBND tỉnh (b/c)", {"ten": "Sở Nội vụ", "ghi_chu": "b/c"}],
}


def plan_of(**changes: Any) -> Plan:
    data = {**MINIMAL, **changes}
    return Plan.model_validate(data)


def texts(plan: Plan, template_dir: Path | None = None) -> list[str]:
    return [b.text for b in compose(plan, template_dir).body if isinstance(b, Block)]


# --- Vietnamese formatting --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [
        (2024, 1, 5, "ngày 05 tháng 01 năm 2024"),
        (2024, 2, 29, "ngày 29 tháng 02 năm 2024"),
        (2023, 3, 6, "ngày 06 tháng 3 năm 2023"),
        (2023, 12, 15, "ngày 15 tháng 12 năm 2023"),
        (2023, 3, None, "ngày ___ tháng 3 năm 2023"),
    ],
)
def test_long_date_padding(year: int, month: int, day: int | None, expected: str) -> None:
    assert format_long_date(year, month, day, "___") == expected


def test_short_date_and_numbering_helpers() -> None:
    assert format_short_date(dt.date(2023, 3, 6)) == "06/3/2023"
    assert format_short_date(dt.date(2021, 1, 28)) == "28/01/2021"
    assert [roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
    assert "".join(letter(n) for n in range(1, 12)) == "abcdđeghikl"


def test_header_values() -> None:
    plan = plan_of()
    assert organ_lines(plan.co_quan.ten) == ("ỦY BAN NHÂN DÂN", "PHƯỜNG LƯƠNG VĂN TRI")
    assert organ_lines("Ủy ban nhân dân\nxã Đồng Đăng") == ("ỦY BAN NHÂN DÂN", "XÃ ĐỒNG ĐĂNG")
    assert so_line(plan) == "Số: 07/KH-UBND"
    assert so_line(plan_of(so=12)) == "Số: 12/KH-UBND"
    assert signer_lines(plan) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    three = plan_of(
        nguoi_ky={
            "thay_mat": "Ủy ban nhân dân",
            "tham_quyen": "KT.",
            "thu_truong": "Chủ tịch",
            "chuc_vu": "Phó Chủ tịch",
            "ho_ten": "B",
        }
    )
    assert signer_lines(three) == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert recipient_lines(plan_of(luu=["VT", "VHXH"])) == (
        "- UBND tỉnh (b/c);",
        "- Sở Nội vụ (b/c);",
        "- Lưu: VT, VHXH.",
    )


def test_preamble_phrasing() -> None:
    cited = [
        {"loai": "Luật", "ten": "Bình đẳng giới", "ngay": "2006-11-29"},
        {
            "loai": "Kế hoạch",
            "so_ky_hieu": "12/KH-UBND",
            "ngay": "2024-01-02",
            "co_quan": "UBND tỉnh Lạng Sơn",
            "trich_yeu": "công tác bình đẳng giới năm 2024",
        },
    ]
    thuc_hien = preamble(plan_of(can_cu=cited, loi_dan="UBND phường xây dựng Kế hoạch như sau:"))
    assert thuc_hien == [
        "Thực hiện Luật Bình đẳng giới ngày 29/11/2006; Kế hoạch số 12/KH-UBND, ngày 02/01/2024 của "
        "UBND tỉnh Lạng Sơn về công tác bình đẳng giới năm 2024, UBND phường xây dựng Kế hoạch như sau:"
    ]
    can_cu = preamble(plan_of(can_cu=cited, cach_dan="Căn cứ", loi_dan="uBND phường ban hành Kế hoạch."))
    assert can_cu[0] == "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;"
    assert can_cu[1].startswith("Căn cứ Kế hoạch số 12/KH-UBND") and can_cu[1].endswith(";")
    assert can_cu[2] == "UBND phường ban hành Kế hoạch."
    assert preamble(plan_of(can_cu=cited, mo_dau=["Tự viết."])) == ["Tự viết."]


# --- Numbering is computed --------------------------------------------------------------------
def test_sections_renumber_when_one_is_removed() -> None:
    full = plan_of(
        muc_dich=["a"],
        noi_dung=[{"ten": "Một"}, {"ten": "Hai"}],
        kinh_phi="Ngân sách.",
        to_chuc_thuc_hien=[{"ten": "Văn hóa"}],
    )
    headings = [t for t in texts(full) if t[:2] in ("I.", "II", "IV", "V.")]
    assert headings == ["I. MỤC ĐÍCH", "II. NỘI DUNG", "III. KINH PHÍ THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN"]
    without = plan_of(muc_dich=["a"], kinh_phi="Ngân sách.", to_chuc_thuc_hien=[{"ten": "Văn hóa"}])
    headings = [t for t in texts(without) if t[:2] in ("I.", "II", "IV")]
    assert headings == ["I. MỤC ĐÍCH", "II. KINH PHÍ THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"]


def test_extra_sections_take_their_place() -> None:
    plan = plan_of(
        muc_dich=["a"],
        yeu_cau="b",
        noi_dung=[{"ten": "Một"}],
        muc_them=[
            {"ten": "Chỉ tiêu", "vi_tri": "sau_muc_dich_yeu_cau", "cac_khoan": [{"mo_ta": "Tỷ lệ nữ 30%."}]},
            {"ten": "Chế độ báo cáo", "mo_ta": "Báo cáo trước ngày 15/12/2024."},
        ],
    )
    body = texts(plan)
    romans = [t for t in body if t.split(" ")[0] in ("I.", "II.", "III.", "IV.")]
    assert romans == ["I. MỤC ĐÍCH, YÊU CẦU", "II. CHỈ TIÊU", "III. NỘI DUNG", "IV. CHẾ ĐỘ BÁO CÁO"]
    assert "1. Tỷ lệ nữ 30%." in body


def test_lettered_points_follow_vietnamese_order() -> None:
    points = [{"mo_ta": f"Điểm {n}."} for n in range(1, 8)]
    plan = plan_of(noi_dung=[{"ten": "Hoạt động", "cac_diem": points, "cac_y": []}])
    letters = [t.split(")")[0] for t in texts(plan) if t.startswith("Điểm") is False and ") Điểm" in t]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g"]


def test_bullets_sub_bullets_and_details() -> None:
    plan = plan_of(
        noi_dung=[
            {
                "ten": "Tập huấn",
                "mo_ta": ["Mở đầu."],
                "cac_y": [{"y": "Ý lớn", "cac_y": ["ý nhỏ 1", "ý nhỏ 2"]}, "Ý thứ hai"],
                "sau": "Đoạn sau.",
                "chu_tri": "Công chức văn hóa - xã hội",
                "thoi_gian": "Quý II/2024",
            }
        ]
    )
    composed = compose(plan)
    blocks = [(b.kind, b.text) for b in composed.body if isinstance(b, Block)]
    assert blocks == [
        ("muc", "I. NỘI DUNG"),
        ("khoan", "1. Tập huấn"),
        ("noi_dung", "Mở đầu."),
        ("y", "- Ý lớn"),
        ("y_nho", "+ ý nhỏ 1"),
        ("y_nho", "+ ý nhỏ 2"),
        ("y", "- Ý thứ hai"),
        ("noi_dung", "Đoạn sau."),
        ("y", "- Đơn vị chủ trì: Công chức văn hóa - xã hội"),
        ("y", "- Thời gian thực hiện: Quý II/2024"),
    ]


# --- User text is data ------------------------------------------------------------------------
TRICKY = [
    "{{ 7*7 }} và {% if true %}x{% endif %}",
    "**không đậm** và *không nghiêng* và `mã`",
    "# không phải tiêu đề",
    "1. không phải danh sách",
    "- không phải gạch đầu dòng thứ hai",
    "<b>thẻ</b> &amp; & < > \" '",
    "| a | b |",
    "[liên kết](http://example.com) \\* \\",
]


@pytest.mark.parametrize("text", TRICKY)
def test_user_text_renders_literally(text: str) -> None:
    plan = plan_of(
        mo_dau=[text],
        noi_dung=[{"ten": text, "mo_ta": text, "cac_y": [text]}],
        ket_thuc=text + "./.",
    )
    data = api.render_plan(plan)
    doc = Docx(data)
    body_texts = [doc.text(p) for p in doc.body_paragraphs()]
    assert text in body_texts  # preamble and description
    assert f"1. {text}" in body_texts  # khoản title
    assert f"- {text}" in body_texts  # bullet
    assert f"{text}./." in body_texts
    for p in doc.body_paragraphs():
        if doc.text(p) == text:
            assert not any(doc.run_props(p, r).bold or doc.run_props(p, r).italic for r in doc.runs(p))


def test_line_break_in_trich_yeu_and_organ_name() -> None:
    composed = compose(plan_of(trich_yeu="Dòng một\nDòng hai"))
    assert composed.trich_yeu_lines == ("Dòng một", "Dòng hai")


# --- Templates --------------------------------------------------------------------------------
def test_user_template_folder_is_searched_first(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.md.j2").write_text(
        "## {{ 1 | roman }}. {{ 'riêng' | upper }}\n\n{{ plan.trich_yeu }}\n", encoding="utf-8"
    )
    assert texts(plan_of(), tmp_path) == ["I. RIÊNG", "Thực hiện công tác bình đẳng giới năm 2024"]


def test_user_template_can_include_builtin_macros_folder(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.md.j2").write_text("{% include 'phan-rieng.md.j2' %}\n", encoding="utf-8")
    (tmp_path / "phan-rieng.md.j2").write_text("Phần riêng {{ plan.nam }}.\n", encoding="utf-8")
    assert texts(plan_of(), tmp_path) == ["Phần riêng 2024."]


@pytest.mark.parametrize(
    ("template", "fragment"),
    [
        ("{% include '../secret.txt' %}", "không tìm thấy"),
        ("{% include '/etc/passwd' %}", "không tìm thấy"),
        ("{{ plan.__class__.__mro__ }}", "an toàn"),
        ("{{ plan.model_config.__class__.__subclasses__() }}", "an toàn"),
        ("{{ khong_co }}", "chưa định nghĩa"),
        ("{% for %}", "dòng 1"),
        ("dòng một\n{{ plan.nam.__class__ }}", "dòng 2"),
    ],
)
def test_unsafe_or_broken_templates_fail_clearly(tmp_path: Path, template: str, fragment: str) -> None:
    (tmp_path.parent / "secret.txt").write_text("bí mật", encoding="utf-8")
    (tmp_path / "ke-hoach.md.j2").write_text(template, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        compose(plan_of(), tmp_path)
    assert fragment in info.value.message.lower() or fragment in info.value.message
    assert "bí mật" not in info.value.message


def test_superior_line_is_capitals_not_bold() -> None:
    plan = plan_of(
        ngay="2024-03-01",
        co_quan={
            "ten": "Ủy ban nhân dân xã Hồng Phong",
            "cap_tren": "UBND huyện Cao Lộc",
            "dia_danh": "Hồng Phong",
        },
    )
    doc = Docx(api.render_plan(plan))
    cell = doc.cell_paragraphs(doc.tables()[0], 0, 0)
    assert [doc.text(p) for p in cell[:3]] == ["UBND HUYỆN CAO LỘC", "ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG"]
    superior = doc.run_props(cell[0], doc.runs(cell[0])[0])
    organ = doc.run_props(cell[1], doc.runs(cell[1])[0])
    assert not superior.bold and superior.size in (24, 26)
    assert organ.bold


def test_markdown_table_in_a_template_becomes_a_bordered_table(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.md.j2").write_text(
        "| Nội dung | Chủ trì | Thời gian |\n|---|---|---|\n"
        "{% for k in plan.noi_dung %}| {{ k.ten }} | {{ k.chu_tri }} | {{ k.thoi_gian }} |\n{% endfor %}",
        encoding="utf-8",
    )
    plan = plan_of(noi_dung=[{"ten": "Tập huấn **A**", "chu_tri": "Văn hóa", "thoi_gian": "Quý II"}])
    doc = Docx(api.render_plan(plan, tmp_path))
    table = doc.tables()[1]  # between the header table and the closing table
    assert len(doc.tables()) == 3
    rows = [[doc.text(p) for p in row.iter(f"{W}p")] for row in table.findall(f"{W}tr")]
    assert rows == [["Nội dung", "Chủ trì", "Thời gian"], ["Tập huấn **A**", "Văn hóa", "Quý II"]]
    borders = table.find(f"{W}tblPr/{W}tblStyle")
    assert borders is not None and borders.get(f"{W}val") == "TableGrid"
    header_cell = next(table.findall(f"{W}tr")[0].iter(f"{W}p"))
    assert doc.run_props(header_cell, doc.runs(header_cell)[0]).bold
