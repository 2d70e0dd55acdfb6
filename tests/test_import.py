"""bdg-plan import: rendered plans come back with the same text; clerks' documents field by field."""

from __future__ import annotations

import collections
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bdg_plan.api import render_plan, validate_bytes
from bdg_plan.docx.read.body import read_docx
from bdg_plan.docx.read.values import Table
from bdg_plan.word.importer import ImportedPlan, import_bytes
from tests import clerk_docs
from tests.clerk_docs import Layout, build
from tests.conftest import EXAMPLES


def document_text(data: bytes) -> list[str]:
    """Every paragraph as printed (automatic labels included), in order."""
    return [p.shown for p in read_docx(data).paragraphs]


def imported(data: bytes) -> ImportedPlan:
    return import_bytes(data, "cu.docx", "cu.yaml")


def render_yaml(text: str) -> bytes:
    result = validate_bytes(text.encode("utf-8"), "cu.yaml")
    assert result.plan is not None, result.problems
    assert not [p for p in result.problems if p.is_error], result.problems
    return render_plan(result.plan)


def word_recall(original: bytes, rendered: bytes) -> float:
    """The share of the original's words (with repeats) found in the rendered document."""

    def words(data: bytes) -> collections.Counter[str]:
        text = " ".join(document_text(data)).lower()
        return collections.Counter(re.findall(r"\w+", text))

    before, after = words(original), words(rendered)
    kept = sum(min(count, after[word]) for word, count in before.items())
    return kept / max(sum(before.values()), 1)


def _round_trip(data: bytes) -> tuple[ImportedPlan, bytes]:
    result = imported(data)
    return result, render_yaml(result.text)


# --- Rendered plans come back with identical text ---------------------------------------------
def _example_plans() -> list[Path]:
    """Every plan in examples/ (the communes lists beside them are not plans)."""
    plans = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if isinstance(data, dict) and "nguoi_ky" in data:
            plans.append(path)
    return plans


def test_every_plan_example_is_in_the_round_trip() -> None:
    names = {path.name for path in _example_plans()}
    assert {"plan2023.yaml", "ke-hoach-phan.yaml", "thang-hanh-dong-2025.yaml"} <= names
    assert "communes.yaml" not in names


def _pages(data: bytes) -> list[bool]:
    """Each section's orientation (True: landscape)."""
    return [s.width_mm > s.height_mm for s in read_docx(data).sections]


def table_grids(data: bytes) -> list[tuple[float, ...]]:
    """Every table's column widths (mm, to 0.1), header and signature tables included."""
    tables = [item for item in read_docx(data).body if isinstance(item, Table)]
    return [tuple(round(width, 1) for width in table.grid_mm) for table in tables]


@pytest.mark.parametrize("path", _example_plans(), ids=lambda p: p.name)
def test_every_example_round_trips_to_the_same_text(path: Path) -> None:
    result = validate_bytes(path.read_bytes(), str(path))
    assert result.plan is not None
    original = render_plan(result.plan)
    again, rendered = _round_trip(original)
    # Paragraphs in order, table cells and annexes included.
    assert document_text(rendered) == document_text(original)
    assert _pages(rendered) == _pages(original)
    assert table_grids(rendered) == table_grids(original)
    assert again.unplaced == []
    assert not [p for p in again.problems if p.is_error]


@pytest.mark.parametrize("kind", ["nam", "thang_hanh_dong"])
def test_a_filled_starter_round_trips(kind: str) -> None:
    """The two starters (annual plan, action month with its annex table), markers filled in."""
    from bdg_plan.commands.starter import build_starter
    from bdg_plan.commands.starter_month import build_month_starter

    build = build_month_starter if kind == "thang_hanh_dong" else build_starter
    text = build(2025, "Đồng Đăng", "Lương Thị Hạnh", today=dt.date(2025, 10, 1))
    text = text.replace("<<ĐIỀN VÀO ĐÂY - tên tỉnh, ví dụ Lạng Sơn>>", "Lạng Sơn")
    text = re.sub(r"<<ĐIỀN VÀO ĐÂY - tên tỉnh>>", "Lạng Sơn", text)
    text = re.sub(r"<<ĐIỀN VÀO ĐÂY - [^>]*>>", "Nội dung đã điền", text)
    original = render_yaml(text)
    again, rendered = _round_trip(original)
    assert document_text(rendered) == document_text(original)
    assert _pages(rendered) == _pages(original)
    assert again.unplaced == []
    data = yaml.safe_load(again.text)
    assert data["co_quan"]["tinh"] == "Lạng Sơn"
    starter = yaml.safe_load(text)
    if kind == "nam":
        assert "phu_luc" not in data and "loai_ke_hoach" not in data
        return
    # The action month comes back as its kind: theme, messages, dates, and the activities that
    # take the month's dates give none of their own.
    for key in ("loai_ke_hoach", "chu_de", "thong_diep", "thang_hanh_dong"):
        assert data[key] == starter[key], key
    listing = data["phu_luc"][0]["noi_dung"][0]["cac_hoat_dong"]
    assert listing == starter["phu_luc"][0]["noi_dung"][0]["cac_hoat_dong"]


def _imported_example(name: str) -> dict[str, Any]:
    result = validate_bytes((EXAMPLES / name).read_bytes(), name)
    assert result.plan is not None
    return dict(yaml.safe_load(imported(render_plan(result.plan)).text))


def test_an_annex_comes_back_as_an_annex_with_its_activities() -> None:
    data = _imported_example("thang-hanh-dong-2025.yaml")
    assert data["co_quan"]["tinh"] == "Lạng Sơn"
    assert data["noi_nhan"][-1] == "Trưởng thôn, khối phố"
    assert data["nguoi_ky"]["ho_ten"] == "Lương Thị Hạnh"
    (annex,) = data["phu_luc"]
    assert annex["ten"].startswith("Danh mục hoạt động tháng hành động vì bình đẳng giới")
    assert annex["ngang"] is True
    (listing,) = annex["noi_dung"]
    groups = listing["cac_hoat_dong"]["nhom"]
    assert [g["ten"] for g in groups] == [
        "Hoạt động truyền thông",
        "Sự kiện và hoạt động tại cộng đồng",
        "Hỗ trợ, bảo vệ người bị bạo lực",
    ]
    assert [len(g["hoat_dong"]) for g in groups] == [4, 3, 3]
    assert groups[0]["hoat_dong"][2] == {
        "noi_dung": "Đăng tin, bài trên trang thông tin điện tử và trang mạng xã hội của xã",
        "chu_tri": "Phòng Văn hóa - Xã hội",
        "thoi_gian": "15/11 - 15/12/2025",
    }


def test_a_rendered_table_comes_back_without_the_numbers_the_tool_adds() -> None:
    data = _imported_example("ke-hoach-phan.yaml")
    second = data["than_van_ban"][1]["noi_dung"][2]["noi_dung"][1]["noi_dung"]
    table = second[1]["bang"]
    assert table["ten"] == "Bảng phân công nhiệm vụ năm 2026"
    assert table["cot"] == [
        "STT",
        {"ten": "Nhiệm vụ", "rong": 4},
        {"ten": "Đơn vị chủ trì", "rong": 2},
        {"ten": "Thời gian", "rong": 1.5},
    ]
    assert table["dong"][0] == {"nhom": "Truyền thông"}
    assert table["dong"][1] == {
        "Nhiệm vụ": "Tuyên truyền tại khối phố",
        "Đơn vị chủ trì": "Phòng Văn hóa - Xã hội",
        "Thời gian": "Cả năm",
    }
    assert table["dong"][3] == {"nhom": "Hỗ trợ, bảo vệ"}
    assert table["dong"][4]["Nhiệm vụ"] == [
        "Rà soát địa chỉ tin cậy ở cộng đồng",
        {"y": "cập nhật số điện thoại đường dây nóng"},
    ]


def test_the_seed_example_comes_back_in_its_short_form() -> None:
    result = validate_bytes((EXAMPLES / "plan2023.yaml").read_bytes(), "plan2023.yaml")
    assert result.plan is not None
    data = yaml.safe_load(imported(render_plan(result.plan)).text)
    assert data["co_quan"] == {"ten": "Ủy ban nhân dân xã Hồng Phong", "dia_danh": "Hồng Phong"}
    assert data["so"] is None
    assert data["ngay"] == "2023-03"
    assert data["trich_yeu"].split("\n")[1] == "và vì sự tiến bộ của phụ nữ năm 2023"
    assert isinstance(data["muc_dich"], list) and len(data["muc_dich"]) == 3
    assert isinstance(data["yeu_cau"], str)
    assert len(data["noi_dung"]) == 6 and len(data["to_chuc_thuc_hien"]) == 2
    assert data["nguoi_ky"] == {
        "tham_quyen": "KT.",
        "thu_truong": "Chủ tịch",
        "chuc_vu": "Phó chủ tịch",
        "ho_ten": "Hoàng Văn Mẫn",
    }
    assert data["noi_nhan"][0] == "P LĐTB, XH-DT huyện" and "luu" not in data


_TEXT = st.text(
    alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạ ,;()-"), min_size=3, max_size=40
).map(lambda s: "Nội dung " + " ".join(s.split()))


@st.composite
def plans(draw: Any) -> dict[str, Any]:
    """A family of valid plans: header variants, signer variants, sections of every shape."""
    day = draw(st.one_of(st.none(), st.integers(1, 28)))
    month = draw(st.integers(1, 12))
    khoan = st.fixed_dictionaries(
        {"ten": _TEXT},
        optional={
            "mo_ta": _TEXT,
            "cac_y": st.lists(_TEXT, min_size=1, max_size=3),
            "cac_diem": st.lists(st.fixed_dictionaries({"mo_ta": _TEXT}), min_size=1, max_size=2),
        },
    )
    plan: dict[str, Any] = {
        "nam": 2024,
        "co_quan": {
            "ten": draw(st.sampled_from(["Ủy ban nhân dân xã Tân Lập", "Ủy ban nhân dân phường Đông Kinh"])),
            "dia_danh": "Tân Lập",
        },
        "so": draw(st.one_of(st.none(), st.integers(1, 300))),
        "ngay": f"2024-{month:02d}" + (f"-{day:02d}" if day else ""),
        "trich_yeu": draw(_TEXT),
        "mo_dau": draw(st.lists(_TEXT, min_size=1, max_size=3)),
        "muc_dich": draw(st.lists(_TEXT, min_size=1, max_size=3)),
        "yeu_cau": draw(_TEXT),
        "noi_dung": draw(st.lists(khoan, min_size=1, max_size=3)),
        "kinh_phi": draw(_TEXT),
        "muc_them": [{"ten": "Chế độ báo cáo", "mo_ta": draw(_TEXT)}],
        "ket_thuc": "Trên đây là Kế hoạch của Ủy ban nhân dân xã./.",
        "nguoi_ky": draw(
            st.sampled_from(
                [
                    {"thay_mat": "Ủy ban nhân dân", "chuc_vu": "Chủ tịch", "ho_ten": "Lò Văn Páo"},
                    {
                        "tham_quyen": "KT.",
                        "thu_truong": "Chủ tịch",
                        "chuc_vu": "Phó Chủ tịch",
                        "ho_ten": "Hà Thị Lan",
                    },
                ]
            )
        ),
        "noi_nhan": draw(st.lists(_TEXT, min_size=1, max_size=4)),
    }
    if draw(st.booleans()):
        plan["co_quan"]["cap_tren"] = "UBND huyện Yên Sơn"
    return plan


def _check_family(plan: dict[str, Any]) -> None:
    original = render_yaml(yaml.safe_dump(plan, allow_unicode=True))
    _, rendered = _round_trip(original)
    assert document_text(rendered) == document_text(original)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_family_of_plans_round_trips(plan: dict[str, Any]) -> None:
    _check_family(plan)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_family_of_plans_round_trips_long(plan: dict[str, Any]) -> None:
    _check_family(plan)


# --- Clerks' documents ----------------------------------------------------------------------------
CORPUS = {
    "bang-khong-gop-o": Layout(),
    "bang-gop-o": Layout(header="merged"),
    "dong-tab": Layout(header="tabs", closing="tabs"),
    "tu-dong-danh-so": Layout(numbering="auto"),
    "danh-so-theo-kieu": Layout(numbering="style"),
    "tab-thut-le": Layout(tabs_indent=True),
    "khong-xuong-dong-mem": Layout(soft_breaks=False),
    "co-quan-cap-tren": Layout(superior=True),
    "cap-tren-dong-tab": Layout(header="tabs", superior=True, numbering="auto"),
    "chu-thich": Layout(footnote=True),
    "hinh-anh": Layout(image=True),
    "bang-trong-noi-dung": Layout(body_table=True, header="merged", closing="tabs"),
    "ky-bang-tab-tu-dong": Layout(closing="tabs", numbering="style", tabs_indent=True),
    "phu-luc-bang-go-tay": Layout(annex=True, header="merged", closing="tabs"),
    "tieu-de-chi-in-dam": Layout(numbering="bold"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_clerks_document_is_imported_field_by_field(name: str) -> None:
    layout = CORPUS[name]
    original = build(layout)
    result, rendered = _round_trip(original)
    data = yaml.safe_load(result.text)
    assert data["nam"] == 2024
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    assert data["co_quan"]["dia_danh"] == "Tân Lập"
    assert data["co_quan"].get("cap_tren") == ("UBND HUYỆN YÊN SƠN" if layout.superior else None)
    assert (data["so"], data["ky_hieu"], data["ngay"]) == (25, "KH-UBND", dt.date(2024, 3, 12))
    assert data["trich_yeu"].split("\n") == clerk_docs.TRICH_YEU
    assert data["can_cu"] == clerk_docs.OPENING[:2]
    assert data["loi_dan"] == clerk_docs.OPENING[2]
    if layout.body_table:
        _assert_free_outline(data["than_van_ban"])
        assert word_recall(original, rendered) >= 0.99
        return
    assert data["muc_dich"] == clerk_docs.PURPOSE
    assert data["yeu_cau"] == clerk_docs.REQUIREMENT
    first, second = data["noi_dung"]
    assert first["ten"] == clerk_docs.ITEM1 and first["mo_ta"] == clerk_docs.ITEM1_TEXT
    assert first["cac_y"][0] == clerk_docs.ITEM1_BULLETS[0][0]
    assert first["cac_y"][1] == {"y": clerk_docs.ITEM1_BULLETS[1][0], "cac_y": clerk_docs.ITEM1_BULLETS[1][1]}
    assert second == {"ten": clerk_docs.ITEM2, "cac_diem": [{"mo_ta": text} for text in clerk_docs.POINTS]}
    assert data["kinh_phi"] == clerk_docs.FUNDING
    assert [(k["ten"], k["mo_ta"]) for k in data["to_chuc_thuc_hien"]] == clerk_docs.TASKS
    assert data["ket_thuc"] == clerk_docs.CLOSING
    assert data["nguoi_ky"] == {
        "thay_mat": "Ủy ban nhân dân",
        "tham_quyen": "KT.",
        "thu_truong": "Chủ tịch",
        "chuc_vu": "Phó chủ tịch",
        "ho_ten": clerk_docs.NAME,
    }
    assert data["noi_nhan"] == ["UBND huyện Yên Sơn (b/c)", "TT Đảng ủy, HĐND xã", "CT, PCT UBND xã"]
    assert data["luu"] == ["VT", "VHXH"]
    if layout.annex:
        _assert_annex(data["phu_luc"])
    else:
        assert "phu_luc" not in data
    assert word_recall(original, rendered) >= 0.99


def _assert_annex(annexes: list[Any]) -> None:
    """The typed annex: its title, landscape page, the table without typed numbers, the note."""
    (annex,) = annexes
    assert annex["ten"] == "Danh mục các hoạt động thực hiện năm 2024"
    assert annex["ngang"] is True
    table, note = annex["noi_dung"]
    assert note == clerk_docs.ANNEX_NOTE
    # Column widths as the clerk set them, relative to the narrowest.
    assert table["bang"]["cot"] == [
        "TT",
        {"ten": "Nội dung", "rong": 9},
        {"ten": "Đơn vị thực hiện", "rong": 5},
        {"ten": "Thời gian", "rong": 3},
    ]
    what, who, when = clerk_docs.ANNEX_COLUMNS[1:]
    first, second, third = clerk_docs.ANNEX_ROWS
    assert table["bang"]["dong"] == [
        {"nhom": clerk_docs.ANNEX_GROUPS[0]},
        {what: first[0], who: first[1], when: first[2]},
        # The unit merged over two rows is printed once, in the first.
        {what: second[0], when: second[2]},
        {"nhom": clerk_docs.ANNEX_GROUPS[1]},
        {what: third[0], who: third[1], when: third[2]},
    ]


def test_a_typed_annex_table_imports_the_same_as_its_rendered_form() -> None:
    """Typed STT numbers and group numerals are the ones the tool prints: import, render, import."""
    first = imported(build(Layout(annex=True)))
    again = imported(render_yaml(first.text))
    assert yaml.safe_load(again.text)["phu_luc"] == yaml.safe_load(first.text)["phu_luc"]
    assert again.unplaced == []


def _assert_free_outline(body: list[Any]) -> None:
    """A body the short form cannot hold (a table in it) comes back as the free outline."""
    assert [item["muc"] for item in body] == [
        "Mục đích, yêu cầu",
        "Nội dung",
        "Kinh phí thực hiện",
        "Tổ chức thực hiện",
    ]
    purpose = body[0]["noi_dung"]
    assert purpose[0] == {"khoan": "Mục đích", "noi_dung": [{"y": text} for text in clerk_docs.PURPOSE]}
    second_item = body[1]["noi_dung"][1]
    assert second_item["khoan"] == clerk_docs.ITEM2
    # The table follows point b) in the document, so it belongs to that point.
    assert second_item["noi_dung"][-1]["noi_dung"][-1] == {
        "bang": {
            "cot": ["Hoạt động", "Thời gian"],
            "dong": [{"Hoạt động": "Tọa đàm về bình đẳng giới", "Thời gian": "Tháng 11/2024"}],
        }
    }


def test_what_cannot_be_placed_is_listed_and_kept_as_comments() -> None:
    result = imported(build(Layout(footnote=True, image=True, body_table=True)))
    kinds = {(u.kind, u.paragraph) for u in result.unplaced}
    numbers = {p.shown: p.number for p in result.document.paragraphs}
    assert ("footnote", numbers[clerk_docs.OPENING[-1]]) in kinds
    assert ("image", numbers[clerk_docs.ITEM1_TEXT]) in kinds
    assert {kind for kind, _ in kinds} == {"footnote", "image"}
    # The table found its place in the free outline.
    assert "bang:" in result.text and "Tọa đàm về bình đẳng giới" in result.text


def test_text_without_a_place_is_kept_as_comments_beside_its_key() -> None:
    document = Document(io.BytesIO(build(Layout())))
    signer_cell = document.tables[-1].cell(0, 1)
    signer_cell.add_paragraph("Ghi chú viết tay của văn thư")
    buffer = io.BytesIO()
    document.save(buffer)
    result = imported(buffer.getvalue())
    marker = result.text.index("# KHÔNG XẾP ĐƯỢC:")
    assert result.text.index("nguoi_ky:") < marker < result.text.index("noi_nhan:")
    assert any(u.kind == "text" and u.paragraph > 0 for u in result.unplaced)


def test_a_document_without_a_plan_still_comes_in_and_says_so() -> None:
    from bdg_plan import messages as msg

    document = Document()
    document.add_paragraph("Danh sách học sinh lớp 5A")
    document.add_paragraph("Nguyễn Văn An, Trần Thị Bình")
    buffer = io.BytesIO()
    document.save(buffer)
    result = imported(buffer.getvalue())
    assert result.text.index("Danh sách học sinh lớp 5A") < result.text.index("Nguyễn Văn An, Trần Thị Bình")
    assert ("than_van_ban", msg.IMPORT_NOT_RECOGNISED) in result.imported.summary
    # Never refused by validate for what the file did not hold: the unread facts are warnings.
    assert [p.code for p in result.problems if p.is_error] == []
    assert {p.code for p in result.problems} == {"unfilled"}


def test_places_to_fill_are_marked_and_the_plan_still_validates() -> None:
    data = build(Layout())
    assert imported(data).imported.to_fill == []

    document = Document(io.BytesIO(data))
    table = document.tables[-1]
    for paragraph in table.cell(0, 1).paragraphs:
        for run in paragraph.runs:
            run.text = ""
    buffer = io.BytesIO()
    document.save(buffer)
    result = imported(buffer.getvalue())
    assert "nguoi_ky.ho_ten" in result.imported.to_fill
    assert yaml.safe_load(result.text)["nguoi_ky"]["ho_ten"] == "CẦN ĐIỀN"
    assert not [p for p in result.problems if p.is_error]


def test_new_year_works_on_an_imported_plan(tmp_path: Path) -> None:
    from bdg_plan.api import new_year

    plan = tmp_path / "ke-hoach-2024.yaml"
    plan.write_text(imported(build(Layout())).text, encoding="utf-8")
    result = new_year(plan)
    assert result.output_path is not None and result.output_path.is_file()
    rolled = yaml.safe_load(result.output_path.read_text(encoding="utf-8"))
    assert rolled["nam"] == 2025


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["ỦY BAN NHÂN DÂN XÃ HỒNG PHONG"], "Ủy ban nhân dân xã Hồng Phong"),
        (["ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG"], "Ủy ban nhân dân xã Hồng Phong"),
        (["UBND PHƯỜNG TAM THANH"], "UBND phường Tam Thanh"),
        (["ỦY BAN NHÂN DÂN THỊ TRẤN ĐỒNG ĐĂNG"], "Ủy ban nhân dân thị trấn Đồng Đăng"),
    ],
)
def test_an_organ_typed_in_capitals_keeps_its_place_name_capitalised(lines: list[str], expected: str) -> None:
    from bdg_plan.word.imported import organ_name

    name = organ_name(lines)

    assert name.replace("\n", " ") == expected
