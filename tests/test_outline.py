"""The free outline, tables and annexes: numbering, the XML of each level, tables and annex sections."""

from __future__ import annotations

from typing import Any

from bdg_plan import api
from bdg_plan.compose.blocks import Block, TableBlock
from bdg_plan.compose.document import compose, kem_theo_line
from bdg_plan.facts import nd30
from bdg_plan.plan.model import Plan
from tests.docx_xml import Docx, W

MINIMAL: dict[str, Any] = {
    "nam": 2025,
    "co_quan": {"ten": "Ủy ban nhân dân xã Đồng Đăng", "dia_danh": "Đồng Đăng"},
    "ngay": "2025-10",
    "trich_yeu": "Tổ chức Tháng hành động vì bình đẳng giới năm 2025",
    "nguoi_ky": {"thay_mat": "Ủy ban nhân dân", "chuc_vu": "Chủ tịch", "ho_ten": "Nguyễn Văn A"},
    "noi_nhan": ["UBND tỉnh (b/c)"],
}

TWO_PARTS: list[Any] = [
    {
        "phan": "Phần thứ nhất",
        "ten": "Kết quả thực hiện năm 2024",
        "noi_dung": [
            {"muc": "Kết quả đạt được", "noi_dung": ["Đoạn một."]},
            {"muc": "Tồn tại", "noi_dung": [{"khoan": "Về truyền thông", "noi_dung": ["x"]}]},
        ],
    },
    {
        "phan": "Phần thứ hai",
        "ten": "Nhiệm vụ năm 2025",
        "noi_dung": [
            {"muc": "Mục đích, yêu cầu", "noi_dung": ["Chỉ một đoạn văn."]},
            {
                "muc": "Chỉ tiêu",
                "noi_dung": [
                    {"khoan": None, "noi_dung": ["Phấn đấu 100% thôn tuyên truyền."]},
                    {"khoan": None, "noi_dung": ["Giảm 10% số vụ bạo lực gia đình."]},
                ],
            },
            {
                "muc": "Nhiệm vụ",
                "noi_dung": [
                    {
                        "khoan": "Truyền thông",
                        "noi_dung": [
                            {"tieu_khoan": "Trên loa truyền thanh", "noi_dung": ["y"]},
                            {"tieu_khoan": "Tại thôn", "noi_dung": [{"y": "Ý", "cac_y": ["nhỏ"]}]},
                        ],
                    },
                    {"khoan": "Tập huấn", "noi_dung": [{"diem": None, "noi_dung": ["Đối với cán bộ."]}]},
                ],
            },
        ],
    },
]


def plan_of(**changes: Any) -> Plan:
    return Plan.model_validate({**MINIMAL, **changes})


def texts(plan: Plan) -> list[str]:
    return [b.text for b in compose(plan).body if isinstance(b, Block)]


def test_numbering_restarts_in_each_part_and_each_parent() -> None:
    assert texts(plan_of(than_van_ban=TWO_PARTS)) == [
        "Phần thứ nhất",
        "KẾT QUẢ THỰC HIỆN NĂM 2024",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "Đoạn một.",
        "II. TỒN TẠI",
        "1. Về truyền thông",
        "x",
        "Phần thứ hai",
        "NHIỆM VỤ NĂM 2025",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Chỉ một đoạn văn.",
        "II. CHỈ TIÊU",
        "1. Phấn đấu 100% thôn tuyên truyền.",
        "2. Giảm 10% số vụ bạo lực gia đình.",
        "III. NHIỆM VỤ",
        "1. Truyền thông",
        "1.1. Trên loa truyền thanh",
        "y",
        "1.2. Tại thôn",
        "- Ý",
        "+ nhỏ",
        "2. Tập huấn",
        "a) Đối với cán bộ.",
    ]


def test_points_follow_the_vietnamese_letter_order() -> None:
    points = [{"diem": f"Điểm {n}"} for n in range(1, 9)]
    body = [{"muc": "Nội dung", "noi_dung": [{"khoan": "K", "noi_dung": points}]}]
    letters = [t.split(")")[0] for t in texts(plan_of(than_van_ban=body)) if ")" in t]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h"]


def test_each_level_is_laid_out_per_decree_30() -> None:
    doc = Docx(api.render_plan(plan_of(than_van_ban=TWO_PARTS)))
    label = doc.paragraph_by_text("Phần thứ nhất")
    title = doc.paragraph_by_text("KẾT QUẢ THỰC HIỆN NĂM 2024")
    for paragraph in (label, title):
        assert doc.para_props(paragraph).jc == "center"
        assert doc.para_props(paragraph).first_line == 0
        assert doc.run_props(paragraph, doc.runs(paragraph)[0]).bold
    section = doc.paragraph_by_text("I. KẾT QUẢ ĐẠT ĐƯỢC")
    assert doc.run_props(section, doc.runs(section)[0]).bold
    assert doc.para_props(section).jc == "both"
    item = doc.paragraph_by_text("1. Truyền thông")
    assert doc.run_props(item, doc.runs(item)[0]).bold
    sub = doc.paragraph_by_text("1.1. Trên loa truyền thanh")
    assert doc.run_props(sub, doc.runs(sub)[0]).bold
    untitled = doc.paragraph_by_text("1. Phấn đấu 100% thôn tuyên truyền.")
    assert not doc.run_props(untitled, doc.runs(untitled)[0]).bold
    point = doc.paragraph_by_text("a) Đối với cán bộ.")
    assert not doc.run_props(point, doc.runs(point)[0]).bold
    body = doc.paragraph_by_text("Chỉ một đoạn văn.")
    props = doc.para_props(body)
    assert props.jc == "both" and props.first_line in range(562, 726)


TABLE: dict[str, Any] = {
    "bang": {
        "ten": "Chỉ tiêu năm 2025",
        "cot": ["STT", {"ten": "Chỉ tiêu", "rong": 4}, {"ten": "Kết quả", "khoa": "ket_qua"}],
        "dong": [
            {"nhom": "Truyền thông"},
            {"Chỉ tiêu": "Tỷ lệ thôn có loa", "ket_qua": "100%"},
            {"Chỉ tiêu": ["Hai đoạn", {"y": "và một ý"}], "ket_qua": 90},
            {"nhom": "Hỗ trợ"},
            {"Chỉ tiêu": "Địa chỉ tin cậy"},
        ],
    }
}


def test_table_rows_numbered_grouped_and_widths_proportional() -> None:
    (table,) = [b for b in compose(plan_of(than_van_ban=[TABLE])).body if isinstance(b, TableBlock)]
    assert [[c.text for c in row] for row in table.rows] == [
        ["STT", "Chỉ tiêu", "Kết quả"],
        ["I. Truyền thông"],
        ["1", "Tỷ lệ thôn có loa", "100%"],
        ["2", "Hai đoạn\n- và một ý", "90"],
        ["II. Hỗ trợ"],
        ["1", "Địa chỉ tin cậy", ""],
    ]
    assert table.widths == (1.0, 4.0, 1.0)
    assert table.rows[1][0].span == 3


def test_table_xml_repeats_its_header_and_has_black_borders() -> None:
    doc = Docx(api.render_plan(plan_of(than_van_ban=["Đoạn trước.", TABLE])))
    table = doc.tables()[1]
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
    widths = [doc.cell_width(table, column) for column in range(3)]
    assert widths[1] == 4 * widths[0] and widths[0] == widths[2]
    assert abs(sum(widths) - 165 * 56.693) < 5
    group = rows[1].findall(f"{W}tc")
    assert len(group) == 1 and group[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = table.find(f"{W}tblPr/{W}tblBorders/{W}{edge}")
        assert border.get(f"{W}val") == "single" and border.get(f"{W}color") == "000000"
    header = rows[0].findall(f"{W}tc")[1].find(f"{W}p")
    assert doc.run_props(header, doc.runs(header)[0]).bold
    assert doc.para_props(header).jc == "center"
    cell = rows[2].findall(f"{W}tc")[1].find(f"{W}p")
    assert doc.run_props(cell, doc.runs(cell)[0]).size in (24, 26)
    two = rows[3].findall(f"{W}tc")[1].findall(f"{W}p")
    assert [doc.text(p) for p in two] == ["Hai đoạn", "- và một ý"]


ANNEXES: list[Any] = [
    {
        "ten": "Danh mục hoạt động",
        "ngang": True,
        "noi_dung": [
            {
                "cac_hoat_dong": {
                    "nhom": [
                        {
                            "ten": "Truyền thông",
                            "hoat_dong": [{"noi_dung": "Treo băng rôn", "chu_tri": "Văn hóa - Xã hội"}],
                        }
                    ]
                }
            }
        ],
    },
    {"ten": "Chỉ tiêu", "noi_dung": ["Đoạn của phụ lục hai."]},
]


def test_annexes_start_new_numbered_sections_with_their_heading() -> None:
    plan = plan_of(than_van_ban=["Chi tiết tại Phụ lục I và Phụ lục II kèm theo."], phu_luc=ANNEXES)
    doc = Docx(api.render_plan(plan))
    breaks = [p for p in doc.body_paragraphs() if p.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(breaks) == 2
    main = breaks[0].find(f"{W}pPr/{W}sectPr")
    assert main.find(f"{W}pgNumType") is None
    first_annex = breaks[1].find(f"{W}pPr/{W}sectPr")
    last = doc.sect_pr()
    for sect in (first_annex, last):
        assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert sect.find(f"{W}type").get(f"{W}val") == "nextPage"
    size = first_annex.find(f"{W}pgSz")
    assert size.get(f"{W}orient") == "landscape" and int(size.get(f"{W}w")) > int(size.get(f"{W}h"))
    assert last.find(f"{W}pgSz").get(f"{W}orient") is None
    label = doc.paragraph_by_text("Phụ lục I")
    title = doc.paragraph_by_text("DANH MỤC HOẠT ĐỘNG")
    kem_theo = doc.paragraph_by_text(kem_theo_line(plan))
    blank = nd30.BLANK_SO
    assert kem_theo_line(plan) == (
        f"(Kèm theo Kế hoạch số {blank}/KH-UBND ngày {nd30.BLANK_DAY} tháng 10 năm 2025 của Ủy ban nhân "
        "dân xã Đồng Đăng)"
    )
    for paragraph in (label, title, kem_theo):
        assert doc.para_props(paragraph).jc == "center"
    assert doc.run_props(label, doc.runs(label)[0]).bold
    assert doc.run_props(title, doc.runs(title)[0]).bold
    props = doc.run_props(kem_theo, doc.runs(kem_theo)[0])
    assert props.italic and not props.bold
    assert doc.paragraph_by_text("Phụ lục II") is not None
    # The annex comes after the closing table (the signature block).
    body = list(doc.body)
    assert body.index(breaks[0]) > body.index(doc.tables()[1])
    annex_table = doc.tables()[2]
    assert [doc.text(p) for p in annex_table.findall(f"{W}tr")[0].iter(f"{W}p")] == [
        "STT",
        "Nội dung hoạt động",
        "Đơn vị chủ trì",
    ]
    assert abs(sum(doc.cell_width(annex_table, c) for c in range(3)) - 252 * 56.693) < 5


def test_one_annex_has_no_numeral_and_a_numbered_plan_fills_in_the_kem_theo_line() -> None:
    plan = plan_of(so=5, ngay="2025-10-06", phu_luc=ANNEXES[1:], than_van_ban=["Xem Phụ lục."])
    (annex,) = compose(plan).annexes
    assert annex.label == "Phụ lục"
    assert annex.kem_theo == kem_theo_line(plan)
    assert annex.kem_theo == (
        "(Kèm theo Kế hoạch số 05/KH-UBND ngày 06 tháng 10 năm 2025 của Ủy ban nhân dân xã Đồng Đăng)"
    )


def test_activities_in_the_body_become_numbered_items() -> None:
    listing = ANNEXES[0]["noi_dung"][0]
    body = [{"muc": "Nội dung", "noi_dung": [listing]}]
    assert texts(plan_of(than_van_ban=body)) == [
        "I. NỘI DUNG",
        "1. Truyền thông",
        "a) Treo băng rôn",
        "- Đơn vị chủ trì: Văn hóa - Xã hội",
    ]


def test_user_text_in_outline_and_tables_stays_literal() -> None:
    tricky = "**đậm?** {{ x }} # 1. <b>"
    plan = plan_of(than_van_ban=[tricky, {"muc": tricky}, {"bang": {"cot": ["A"], "dong": [{"A": tricky}]}}])
    composed = compose(plan)
    assert composed.body[0] == Block("noi_dung", (composed.body[0].runs[0],))
    assert [b.text for b in composed.body if isinstance(b, Block)] == [tricky, f"I. {tricky.upper()}"]
    (table,) = [b for b in composed.body if isinstance(b, TableBlock)]
    assert table.rows[1][0].text == tricky


def test_group_rows_keep_with_their_rows_and_no_row_splits() -> None:
    doc = Docx(api.render_plan(plan_of(than_van_ban=[TABLE])))
    rows = doc.tables()[1].findall(f"{W}tr")
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    group = rows[1].find(f"{W}tc/{W}p")
    assert doc.para_props(group).keep_next
