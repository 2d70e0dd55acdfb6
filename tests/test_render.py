"""The rendered example against the Decree 30 checklist (docs/the-thuc-nd30.md §9), read from XML."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from bdg_plan import api
from bdg_plan.facts import nd30
from tests.conftest import EXAMPLE_PLAN, SEED
from tests.docx_xml import TWIPS_PER_MM, Docx, W

DATE_LINE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]|\s+) tháng (01|02|[3-9]|1[0-2]) năm \d{4}$")


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    result = api.validate(EXAMPLE_PLAN)
    assert result.plan is not None
    return api.render_plan(result.plan)


@pytest.fixture(scope="module")
def doc(docx_bytes: bytes) -> Docx:
    return Docx(docx_bytes)


# 1. Page -------------------------------------------------------------------------------------
def test_page_is_a4_portrait_with_decree_margins(doc: Docx) -> None:
    sect = doc.sect_pr()
    size = sect.find(f"{W}pgSz")
    assert abs(int(size.get(f"{W}w")) - 11906) <= 1
    assert abs(int(size.get(f"{W}h")) - 16838) <= 1
    assert size.get(f"{W}orient") in (None, "portrait")
    margins = sect.find(f"{W}pgMar")
    top, bottom = int(margins.get(f"{W}top")), int(margins.get(f"{W}bottom"))
    left, right = int(margins.get(f"{W}left")), int(margins.get(f"{W}right"))
    assert 1132 <= top <= 1419 and 1132 <= bottom <= 1419
    assert 1699 <= left <= 1986
    assert 848 <= right <= 1136


# 2. Fonts ------------------------------------------------------------------------------------
def test_every_run_is_times_new_roman_black_and_nfc(doc: Docx) -> None:
    checked = 0
    for p in doc.body.iter(f"{W}p"):
        for r in doc.runs(p):
            props = doc.run_props(p, r)
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                assert props.fonts.get(slot) == "Times New Roman", (slot, doc.text(p))
            assert not any(k.endswith("Theme") for k in props.fonts), doc.text(p)
            assert props.color in (None, "000000", "auto")
            assert not props.caps
            checked += 1
    assert checked > 50
    for t in doc.document.iter(f"{W}t"):
        assert unicodedata.is_normalized("NFC", t.text or "")


def test_no_colour_other_than_black_anywhere(docx_bytes: bytes) -> None:
    doc = Docx(docx_bytes)
    colours = {c.get(f"{W}val") for c in doc.document.iter(f"{W}color")}
    assert colours <= {"000000", "auto"}


# 3. Header table -----------------------------------------------------------------------------
def test_header_is_a_borderless_two_column_table_first(doc: Docx) -> None:
    first = doc.body[0]
    assert first.tag == f"{W}tbl"
    borders = first.find(f"{W}tblPr/{W}tblBorders")
    assert borders is not None
    assert {b.get(f"{W}val") for b in borders} <= {"nil", "none"}
    assert len(first.find(f"{W}tblGrid")) == 2
    # Right column wide enough for the Quốc hiệu at 13 pt on one line (>= 93 mm).
    assert doc.cell_width(first, 1) >= 93 * TWIPS_PER_MM
    # Nothing sticks out past the margins.
    total = doc.cell_width(first, 0) + doc.cell_width(first, 1)
    assert total <= (nd30.TEXT_WIDTH_MM + 0.5) * TWIPS_PER_MM


def test_right_cell_quoc_hieu_tieu_ngu_rule(doc: Docx) -> None:
    table = doc.tables()[0]
    paragraphs = doc.cell_paragraphs(table, 0, 1)
    texts = [doc.text(p) for p in paragraphs]
    assert texts[0] in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert texts[1] == "Độc lập - Tự do - Hạnh phúc"
    quoc_hieu = doc.run_props(paragraphs[0], doc.runs(paragraphs[0])[0])
    assert quoc_hieu.bold and not quoc_hieu.italic and quoc_hieu.size in (24, 26)
    assert doc.para_props(paragraphs[0]).jc == "center"
    tieu_ngu = doc.run_props(paragraphs[1], doc.runs(paragraphs[1])[0])
    assert tieu_ngu.bold and tieu_ngu.size in (26, 28)
    assert doc.para_props(paragraphs[1]).jc == "center"
    # The rule under the Tiêu ngữ is as long as the Tiêu ngữ (57.3 mm at 14 pt), within 15 %.
    rule = paragraphs[2]
    assert doc.text(rule) == "" and doc.bottom_border(rule) is not None
    props = doc.para_props(rule)
    cell_mm = doc.cell_width(table, 1) / TWIPS_PER_MM
    length_mm = cell_mm - 4 - (props.left + props.right) / TWIPS_PER_MM  # minus cell margins
    assert abs(length_mm - 57.3) <= 57.3 * 0.15


def test_date_line_italic_with_blank_day(doc: Docx) -> None:
    table = doc.tables()[0]
    (date,) = doc.cell_paragraphs(table, 1, 1)
    text = doc.text(date)
    assert DATE_LINE.match(text), text
    assert text.startswith("Hồng Phong, ngày ") and text.endswith(" tháng 3 năm 2023")
    assert re.search(r"ngày\s{4,}tháng", text), "a blank day keeps room for the hand-written day"
    props = doc.run_props(date, doc.runs(date)[0])
    assert props.italic and not props.bold and props.size in (26, 28)
    assert doc.para_props(date).jc == "center"


def test_left_cell_organ_rule_and_number(doc: Docx) -> None:
    table = doc.tables()[0]
    paragraphs = doc.cell_paragraphs(table, 0, 0)
    assert [doc.text(p) for p in paragraphs[:2]] == ["ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG"]
    for p in paragraphs[:2]:
        props = doc.run_props(p, doc.runs(p)[0])
        assert props.bold and props.size in (24, 26)
        assert doc.para_props(p).jc == "center"
    rule = paragraphs[2]
    assert doc.bottom_border(rule) is not None
    props = doc.para_props(rule)
    cell_mm = doc.cell_width(table, 0) / TWIPS_PER_MM
    length_mm = cell_mm - 4 - (props.left + props.right) / TWIPS_PER_MM
    organ_mm = 41.5  # "ỦY BAN NHÂN DÂN" at 13 pt bold, the longer line
    assert organ_mm / 3 - 1 <= length_mm <= organ_mm / 2 + 1
    (number,) = doc.cell_paragraphs(table, 1, 0)
    assert re.fullmatch(r"Số:\s+/KH-UBND", doc.text(number))
    props = doc.run_props(number, doc.runs(number)[0])
    assert props.size == 26 and not props.bold
    assert doc.para_props(number).jc == "center"


def test_number_and_date_share_a_row(doc: Docx) -> None:
    table = doc.tables()[0]
    rows = table.findall(f"{W}tr")
    second = [doc.text(p) for p in rows[1].iter(f"{W}p")]
    assert second[0].startswith("Số:") and second[1].startswith("Hồng Phong, ngày")


# 4. Title ------------------------------------------------------------------------------------
def test_title_and_trich_yeu(doc: Docx) -> None:
    paragraphs = doc.body_paragraphs()
    title, summary, rule = paragraphs[0], paragraphs[1], paragraphs[2]
    assert doc.text(title) == "KẾ HOẠCH"
    props = doc.run_props(title, doc.runs(title)[0])
    assert props.bold and props.size in (26, 28) and not props.caps
    assert doc.para_props(title).jc == "center"
    assert doc.text(summary) == (
        "Triển khai thực hiện công tác bình đẳng giới\nvà vì sự tiến bộ của phụ nữ năm 2023"
    )
    props = doc.run_props(summary, doc.runs(summary)[0])
    assert props.bold and props.size in (26, 28)
    assert doc.para_props(summary).jc == "center"
    assert doc.bottom_border(rule) is not None
    length_mm = nd30.TEXT_WIDTH_MM - (doc.para_props(rule).left + doc.para_props(rule).right) / TWIPS_PER_MM
    line_mm = 105  # the first summary line at 14 pt bold, about 105 mm
    assert line_mm / 3 - 5 <= length_mm <= line_mm / 2 + 5


# 5-7. Body -----------------------------------------------------------------------------------
def _body(doc: Docx) -> list:
    """Body paragraphs with text, between the title block and the closing table."""
    return [p for p in doc.body_paragraphs()[3:] if doc.text(p)]


def test_body_paragraph_format(doc: Docx) -> None:
    body = _body(doc)
    assert len(body) > 40
    for p in body:
        para = doc.para_props(p)
        assert para.jc == "both", doc.text(p)
        assert para.first_line in range(562, 573) or para.first_line in range(715, 726)
        assert para.before + para.after >= 120
        assert para.line_rule == "auto" and 240 <= (para.line or 0) <= 360
        for r in doc.runs(p):
            props = doc.run_props(p, r)
            assert props.size in (26, 28)
            assert not props.italic


def test_headings_numbered_bold(doc: Docx) -> None:
    body = _body(doc)
    romans = [doc.text(p) for p in body if re.match(r"^[IVX]+\. ", doc.text(p))]
    assert romans == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. KINH PHÍ THỰC HIỆN",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]
    for p in body:
        text = doc.text(p)
        if re.match(r"^([IVX]+|\d+)\. ", text):
            assert all(doc.run_props(p, r).bold for r in doc.runs(p)), text
            assert doc.para_props(p).keep_next, text
        if text.startswith("- "):
            assert not any(doc.run_props(p, r).bold for r in doc.runs(p)), text
    khoan_ii = [doc.text(p)[:3] for p in body if re.match(r"^\d\. (Đẩy|Nâng|Duy|Tổ|Tăng|Triển)", doc.text(p))]
    assert khoan_ii == ["1. ", "2. ", "3. ", "4. ", "5. ", "6. "]


def test_content_ends_with_end_mark_kept_with_the_signature(doc: Docx) -> None:
    last = _body(doc)[-1]
    assert doc.text(last).endswith("./.")
    assert doc.para_props(last).keep_next


def test_dash_bullets_are_real_text(doc: Docx) -> None:
    bullets = [p for p in _body(doc) if doc.text(p).startswith("- ")]
    seed_body = SEED.read_text(encoding="utf-8").split("Nơi nhận")[0]
    expected = sum(1 for line in seed_body.splitlines() if line.startswith("- "))
    assert expected > 20
    assert len(bullets) == expected
    assert not any(p.find(f"{W}pPr/{W}numPr") is not None for p in bullets)


# 8. Closing table ----------------------------------------------------------------------------
def test_closing_table_recipients_and_signer(doc: Docx) -> None:
    table = doc.tables()[-1]
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} <= {"nil", "none"}
    left = doc.cell_paragraphs(table, 0, 0)
    label = left[0]
    assert doc.text(label) == "Nơi nhận:"
    props = doc.run_props(label, doc.runs(label)[0])
    assert props.bold and props.italic and props.size == 24
    entries = [doc.text(p) for p in left[1:]]
    assert entries == [
        "- P LĐTB, XH-DT huyện;",
        "- TT ĐU, HĐND xã;",
        "- CT, PCT UBND xã;",
        "- UBMTTQ và các tổ chức CT-XH xã;",
        "- Trưởng thôn;",
        "- Lưu: VT.",
    ]
    for p in left[1:]:
        assert doc.run_props(p, doc.runs(p)[0]).size == 22
        assert not doc.run_props(p, doc.runs(p)[0]).bold
    for entry in entries[:-1]:
        assert re.fullmatch(r"- .+;", entry)
    assert re.fullmatch(r"- Lưu: VT(, [^.]+)?\.", entries[-1])
    right = doc.cell_paragraphs(table, 0, 1)
    texts = [doc.text(p) for p in right]
    assert texts[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    for p in right[:2]:
        props = doc.run_props(p, doc.runs(p)[0])
        assert props.bold and props.size in (26, 28)
        assert doc.para_props(p).jc == "center"
    empty = texts[2:-1]
    assert len(empty) >= 3 and all(t == "" for t in empty)
    name = right[-1]
    assert texts[-1] == "Hoàng Văn Mẫn"
    props = doc.run_props(name, doc.runs(name)[0])
    assert props.bold and props.size in (26, 28) and doc.para_props(name).jc == "center"
    # "Nơi nhận:" sits level with the first authority line: same row, same space before.
    assert doc.para_props(label).before == doc.para_props(right[0]).before


# 9. Page numbers -----------------------------------------------------------------------------
def test_page_number_in_header_from_page_two(doc: Docx) -> None:
    assert doc.sect_pr().find(f"{W}titlePg") is not None
    default = doc.header("default")
    assert default is not None
    instr = "".join(t.text or "" for t in default.iter(f"{W}instrText"))
    assert instr.strip() == "PAGE"
    (paragraph,) = default.findall(f"{W}p")
    assert doc.para_props(paragraph).jc == "center"
    assert doc.run_props(paragraph).size in (26, 28)
    first = doc.header("first")
    assert first is None or not list(first.iter(f"{W}instrText"))


# Determinism and saving ----------------------------------------------------------------------
def test_same_plan_same_bytes(docx_bytes: bytes) -> None:
    result = api.validate(EXAMPLE_PLAN)
    assert result.plan is not None
    assert api.render_plan(result.plan) == docx_bytes


def test_core_properties_are_fixed(doc: Docx) -> None:
    core = doc.zip.read("docProps/core.xml").decode()
    assert "2023-03-01T00:00:00" in core
    assert "python-docx" not in core
    for info in doc.zip.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_render_writes_beside_plan_and_refuses_to_overwrite(tmp_path: Path, example_text: str) -> None:
    plan = tmp_path / "kế hoạch 2023.yaml"
    plan.write_text(example_text, encoding="utf-8")
    result = api.render(plan)
    assert result.output == tmp_path / "kế hoạch 2023.docx"
    first = result.output.read_bytes()
    assert first[:2] == b"PK"
    from bdg_plan.errors import OutputError

    result.output.write_bytes(b"clerk's edited copy")
    with pytest.raises(OutputError, match="đã có"):
        api.render(plan)
    assert result.output.read_bytes() == b"clerk's edited copy"
    api.render(plan, force=True)
    assert result.output.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kế hoạch 2023.docx", "kế hoạch 2023.yaml"]


def test_render_refuses_to_write_over_its_own_plan(tmp_path: Path, example_text: str) -> None:
    from bdg_plan.errors import OutputError

    plan = tmp_path / "plan.yaml"
    plan.write_text(example_text, encoding="utf-8")
    with pytest.raises(OutputError, match=r"plan\.yaml"):
        api.render(plan, plan, force=True)
    assert plan.read_text(encoding="utf-8") == example_text
