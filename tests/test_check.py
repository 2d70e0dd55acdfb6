"""bdg-plan check: a rendered plan passes; each single fault is found, named and placed."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from bdg_plan.api import render_plan, validate_bytes
from bdg_plan.word.check import Deviation, check_bytes
from tests.conftest import EXAMPLE_PLAN, EXAMPLES


@lru_cache(maxsize=1)
def rendered() -> bytes:
    result = validate_bytes(EXAMPLE_PLAN.read_bytes(), "plan2023.yaml")
    assert result.plan is not None
    return render_plan(result.plan)


def test_a_place_named_after_a_person_with_its_unit_word_passes() -> None:
    document = Document(io.BytesIO(rendered()))
    _replace_text("Hồng Phong, ngày", "Phường Lương Văn Tri, ngày 06 tháng 3 năm 2023")(document)
    out = io.BytesIO()
    document.save(out)
    assert check_bytes(out.getvalue()) == []


def test_a_rendered_plan_passes() -> None:
    assert check_bytes(rendered()) == []


def _plan_examples() -> list[Path]:
    """Every example that is a plan (not a list of communes for a batch)."""
    return [p for p in sorted(EXAMPLES.glob("*.yaml")) if "\nnguoi_ky:" in p.read_text("utf-8")]


@pytest.mark.parametrize("path", _plan_examples(), ids=lambda p: p.name)
def test_every_rendered_example_passes(path: Path) -> None:
    result = validate_bytes(path.read_bytes(), path.name)
    assert result.plan is not None
    assert [d.plain(path.name) for d in check_bytes(render_plan(result.plan))] == []


def _paragraphs(document: Any) -> list[Any]:
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
    return found


def _para(document: Any, start: str) -> Any:
    return next(p for p in _paragraphs(document) if p.text.startswith(start))


def _set_runs(start: str, **props: Any) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        for run in _para(document, start).runs:
            for name, value in props.items():
                if name == "size":
                    run.font.size = Pt(value)
                elif name == "color":
                    run.font.color.rgb = RGBColor.from_string(value)
                elif name == "font":
                    run.font.name = value
                    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), value)
                else:
                    setattr(run, name, value)

    return edit


def _replace_text(start: str, new: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        paragraph = _para(document, start)
        paragraph.runs[0].text = new
        for run in paragraph.runs[1:]:
            run.text = ""

    return edit


def _section(**values: float) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        for name, value in values.items():
            setattr(document.sections[0], name, Mm(value))

    return edit


def _paragraph_format(start: str, **values: Any) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        fmt = _para(document, start).paragraph_format
        for name, value in values.items():
            setattr(fmt, name, value)

    return edit


def _style_colour(style: str, value: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        document.styles[style].font.color.rgb = RGBColor.from_string(value)

    return edit


def _no_title_page(document: Any) -> None:
    document.sections[0].different_first_page_header_footer = False


def _drop_rule_after(start: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        paragraph = _para(document, start)
        following = paragraph._p.getnext()
        following.getparent().remove(following)

    return edit


def _rule_indents(start: str, side_mm: float) -> Callable[[Any], None]:
    """The bordered rule paragraph under `start`, indented by `side_mm` on each side."""

    def edit(document: Any) -> None:
        rule = Paragraph(_para(document, start)._p.getnext(), None)
        rule.paragraph_format.left_indent = Mm(side_mm)
        rule.paragraph_format.right_indent = Mm(side_mm)

    return edit


def _typed_rule(start: str, count: int) -> Callable[[Any], None]:
    """The rule under `start` typed as `count` underscores at 14 pt instead of a border."""

    def edit(document: Any) -> None:
        rule = _para(document, start)._p.getnext()
        ppr = rule.find(qn("w:pPr"))
        for border in ppr.findall(qn("w:pBdr")) + ppr.findall(qn("w:ind")):
            ppr.remove(border)
        run = Paragraph(rule, None).add_run("_" * count)
        run.font.size = Pt(14)

    return edit


def _shape_rule(start: str) -> Callable[[Any], None]:
    """The rule under `start` drawn as a line shape (VML) instead of a border."""

    def edit(document: Any) -> None:
        rule = _para(document, start)._p.getnext()
        ppr = rule.find(qn("w:pPr"))
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
        rule.append(
            parse_xml(
                f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
                '<w:pict><v:line from="0,0" to="120pt,0"/></w:pict></w:r>'
            )
        )

    return edit


def _header_right_width(width_mm: float) -> Callable[[Any], None]:
    """The header's right column narrower; the motto's rule keeps its length (57.3 mm)."""

    def edit(document: Any) -> None:
        for cell in document.tables[0].columns[1].cells:
            cell.width = Mm(width_mm)
        _rule_indents("Độc lập", (width_mm - 3.81 - 57.3) / 2)(document)

    return edit


def _closing_table(document: Any) -> Any:
    return next(t for t in document.tables if "Nơi nhận" in t.cell(0, 0).text)


def _closing_as_paragraphs(signer_left_mm: float) -> Callable[[Any], None]:
    """The closing table replaced by its paragraphs: Nơi nhận, then the signer block indented."""

    def edit(document: Any) -> None:
        table = _closing_table(document)
        recipients, signer = table.rows[0].cells
        anchor = table._tbl
        for p in recipients.paragraphs:
            anchor.addprevious(copy.deepcopy(p._p))
        for p in signer.paragraphs:
            moved = copy.deepcopy(p._p)
            Paragraph(moved, None).paragraph_format.left_indent = Mm(signer_left_mm)
            anchor.addprevious(moved)
        anchor.getparent().remove(anchor)

    return edit


def _closing_with_tabs(document: Any) -> None:
    """The closing typed with tabs: 'Nơi nhận:<tab><tab>TM. ỦY BAN NHÂN DÂN' and so on."""
    table = _closing_table(document)
    recipients, signer = (cell.paragraphs for cell in table.rows[0].cells)
    anchor = table._tbl
    for index in range(max(len(recipients), len(signer))):
        left = recipients[index] if index < len(recipients) else None
        right = signer[index] if index < len(signer) else None
        line = copy.deepcopy((left or right)._p)  # type: ignore[union-attr]
        for run in line.findall(qn("w:r")):
            line.remove(run)
        paragraph = Paragraph(line, None)
        if left is not None:
            for run in left.runs:
                paragraph._p.append(copy.deepcopy(run._r))
        if right is not None and right.text:
            paragraph.add_run("\t\t\t")
            for run in right.runs:
                moved = paragraph.add_run(run.text)
                moved.bold, moved.font.size = True, Pt(14)
        anchor.addprevious(line)
    anchor.getparent().remove(anchor)


BODY = "Thực hiện Kế hoạch số 108"
#: (fault, edit, code expected, words of the paragraph named; "" for the page setup)
FAULTS: list[tuple[str, Callable[[Any], None], str, str]] = [
    ("le-trai-25mm", _section(left_margin=25), "ND30-LE-TRAI", ""),
    ("le-tren-15mm", _section(top_margin=15), "ND30-LE-TREN", ""),
    ("le-phai-25mm", _section(right_margin=25), "ND30-LE-PHAI", ""),
    ("kho-letter", _section(page_width=216, page_height=279), "ND30-KHO-GIAY", ""),
    ("so-trang-o-trang-1", _no_title_page, "ND30-SO-TRANG-1", ""),
    ("phong-arial", _set_runs(BODY, font="Arial"), "ND30-PHONG-CHU", BODY),
    ("co-chu-12", _set_runs(BODY, size=12), "ND30-CO-CHU", BODY),
    ("quoc-hieu-khong-dam", _set_runs("CỘNG HÒA", bold=False), "ND30-QUOC-HIEU", "CỘNG HÒA"),
    (
        "tieu-ngu-gach-dai",
        _replace_text("Độc lập", "Độc lập – Tự do – Hạnh phúc"),
        "ND30-TIEU-NGU",
        "Độc lập",
    ),
    ("thieu-duong-ke-tieu-ngu", _drop_rule_after("Độc lập"), "ND30-DUONG-KE", "Độc lập"),
    ("co-quan-khong-dam", _set_runs("XÃ HỒNG PHONG", bold=False), "ND30-CO-QUAN", "XÃ HỒNG PHONG"),
    ("so-khong-dem-0", _replace_text("Số:", "Số: 5/KH-UBND"), "ND30-SO-KY-HIEU", "Số: 5/KH-UBND"),
    (
        "ngay-khong-dem-0",
        _replace_text("Hồng Phong, ngày", "Hồng Phong, ngày 6 tháng 3 năm 2023"),
        "ND30-NGAY-THANG",
        "Hồng Phong",
    ),
    (
        "thang-1-khong-dem-0",
        _replace_text("Hồng Phong, ngày", "Hồng Phong, ngày 16 tháng 1 năm 2023"),
        "ND30-NGAY-THANG",
        "Hồng Phong",
    ),
    ("ngay-khong-nghieng", _set_runs("Hồng Phong, ngày", italic=False), "ND30-NGAY-THANG", "Hồng Phong"),
    (
        "dia-danh-ten-nguoi-thieu-chu-phuong",
        _replace_text("Hồng Phong, ngày", "Lương Văn Tri, ngày 06 tháng 3 năm 2023"),
        "ND30-NGAY-THANG",
        "Lương Văn Tri",
    ),
    (
        "ten-loai-can-trai",
        _paragraph_format("KẾ HOẠCH", alignment=WD_ALIGN_PARAGRAPH.LEFT),
        "ND30-TEN-LOAI",
        "KẾ HOẠCH",
    ),
    ("thieu-duong-ke-trich-yeu", _drop_rule_after("Triển khai thực hiện"), "ND30-DUONG-KE", "Triển khai"),
    ("noi-dung-can-trai", _paragraph_format(BODY, alignment=WD_ALIGN_PARAGRAPH.LEFT), "ND30-CANH-DEU", BODY),
    ("khong-thut-dau-dong", _paragraph_format(BODY, first_line_indent=Mm(0)), "ND30-THUT-DAU-DONG", BODY),
    ("gian-dong-doi", _paragraph_format(BODY, line_spacing=2.0), "ND30-GIAN-DONG", BODY),
    ("cach-doan-0", _paragraph_format(BODY, space_before=Pt(0)), "ND30-CACH-DOAN", BODY),
    ("muc-khong-dam", _set_runs("I. MỤC ĐÍCH", bold=False), "ND30-DE-MUC", "I. MỤC ĐÍCH"),
    ("noi-nhan-khong-nghieng", _set_runs("Nơi nhận", italic=False), "ND30-NOI-NHAN", "Nơi nhận"),
    ("noi-nhan-co-13", _set_runs("- TT ĐU", size=13), "ND30-NOI-NHAN-DONG", "- TT ĐU"),
    ("luu-thieu-dau-cham", _replace_text("- Lưu", "- Lưu: VT"), "ND30-NOI-NHAN-DONG", "- Lưu"),
    ("chuc-danh-khong-dam", _set_runs("PHÓ CHỦ TỊCH", bold=False), "ND30-CHU-KY", "PHÓ CHỦ TỊCH"),
    ("mau-do-noi-dung", _set_runs(BODY, color="FF0000"), "ND30-MAU-CHU", BODY),
    ("mau-xanh-co-quan", _set_runs("XÃ HỒNG PHONG", color="0000FF"), "ND30-MAU-CHU", "XÃ HỒNG PHONG"),
    ("mau-chu-ky", _set_runs("PHÓ CHỦ TỊCH", color="C00000"), "ND30-MAU-CHU", "PHÓ CHỦ TỊCH"),
    ("duong-ke-tieu-ngu-qua-dai", _rule_indents("Độc lập", 0), "ND30-DUONG-KE", "Độc lập"),
    ("duong-ke-tieu-ngu-go-40-gach", _typed_rule("Độc lập", 40), "ND30-DUONG-KE", "Độc lập"),
    ("duong-ke-co-quan-ca-cot", _rule_indents("XÃ HỒNG PHONG", 0), "ND30-DUONG-KE", "XÃ HỒNG PHONG"),
    ("duong-ke-trich-yeu-ngan", _rule_indents("Triển khai thực hiện", 70), "ND30-DUONG-KE", "Triển khai"),
    ("chu-ky-giua-trang", _closing_as_paragraphs(0), "ND30-CHU-KY", "KT. CHỦ TỊCH"),
    ("noi-nhan-khong-ngang-chu-ky", _closing_as_paragraphs(75), "ND30-NOI-NHAN", "Nơi nhận"),
    ("quoc-hieu-cot-hep", _header_right_width(85), "ND30-QUOC-HIEU", "CỘNG HÒA"),
    ("mau-trong-kieu", _style_colour("KH Nội dung", "1F4E79"), "ND30-MAU-CHU", BODY),
]


def _with(edit: Callable[[Any], None]) -> bytes:
    document = Document(io.BytesIO(rendered()))
    edit(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("edit", "code", "words"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_each_single_fault_is_found_and_named(edit: Callable[[Any], None], code: str, words: str) -> None:
    found = check_bytes(_with(edit))
    assert [d.code for d in found] == [code], [d.plain("x") for d in found]
    deviation = found[0]
    if words:
        assert deviation.paragraph > 0 and deviation.words.startswith(words)
        assert f"đoạn {deviation.paragraph} ('{deviation.words}')" in deviation.plain("x")
    else:
        assert deviation.paragraph == 0
    assert "Nghị định 30 yêu cầu" in deviation.message


@pytest.mark.parametrize(
    "edit",
    [
        _typed_rule("Độc lập", 23),
        _shape_rule("Triển khai thực hiện"),
        _shape_rule("Độc lập"),
        _closing_with_tabs,
    ],
    ids=["tieu-ngu-go-23-gach", "trich-yeu-ke-bang-hinh", "tieu-ngu-ke-bang-hinh", "ket-bang-tab"],
)
def test_other_ways_to_lay_out_the_same_are_accepted(edit: Callable[[Any], None]) -> None:
    """A rule typed to the right length, a rule drawn as a shape (found, its length not judged),
    a closing laid out with tabs."""
    assert [d.plain("x") for d in check_bytes(_with(edit))] == []


def test_black_written_out_is_black() -> None:
    def black_and_auto(document: Any) -> None:
        _set_runs(BODY, color="000000")(document)
        for run in _para(document, "XÃ HỒNG PHONG").runs:
            color = run._r.get_or_add_rPr().makeelement(qn("w:color"), {qn("w:val"): "auto"})
            run._r.get_or_add_rPr().append(color)

    assert check_bytes(_with(black_and_auto)) == []


def test_a_coloured_run_names_its_colour() -> None:
    found = check_bytes(_with(_set_runs(BODY, color="FF0000")))
    assert "chữ màu FF0000" in found[0].message and "chữ màu đen" in found[0].message


def test_a_rule_broken_by_many_paragraphs_is_reported_once_with_a_count() -> None:
    def every_body_paragraph_left(document: Any) -> None:
        for paragraph in document.paragraphs:
            if paragraph.style.name == "KH Nội dung" and paragraph.text:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT

    found = check_bytes(_with(every_body_paragraph_left))
    assert [d.code for d in found] == ["ND30-CANH-DEU"]
    assert found[0].others >= 3 and "đoạn khác" in found[0].message


def test_plain_form_is_one_line_per_deviation() -> None:
    deviation = Deviation(12, "I. MỤC ĐÍCH", "ND30-DE-MUC", "chữ không đậm", "chữ đậm")
    assert deviation.plain("a.docx") == (
        "a.docx:12: ND30-DE-MUC đoạn 12 ('I. MỤC ĐÍCH'): đang là chữ không đậm; Nghị định 30 yêu cầu chữ đậm."
    )
