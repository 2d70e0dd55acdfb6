"""Plan-family titles (KẾ HOẠCH, CHƯƠNG TRÌNH, PHƯƠNG ÁN) and their ký hiệu abbreviations."""

from __future__ import annotations

import typing
from collections.abc import Callable

import pytest

from bdg_plan import api
from bdg_plan.errors import Severity
from bdg_plan.facts import nd30
from bdg_plan.plan.model import TenLoai
from tests.docx_xml import Docx

KY_HIEU_LINE = "ky_hieu: KH-UBND"


def test_the_model_offers_the_families_of_the_decree() -> None:
    assert typing.get_args(TenLoai) == tuple(nd30.PLAN_FAMILIES)


@pytest.mark.parametrize(
    ("ten_loai", "ky_hieu", "expected"),
    [
        (None, "KH-UBND", []),
        ("Kế hoạch", "KH-UBND-HLHPN", []),
        ("Chương trình", "CTr-UBND", []),
        ("Chương trình", "CTR-UBND", []),
        ("Phương án", "PA-UBND", []),
        ("Chương trình", "KH-UBND", [("ky-hieu-family", Severity.ERROR)]),
        ("Phương án", "CTr-UBND", [("ky-hieu-family", Severity.ERROR)]),
        (None, "PA-UBND", [("ky-hieu-family", Severity.ERROR)]),
        ("Chương trình", "QĐ-UBND", [("ky-hieu-format", Severity.WARNING)]),
    ],
)
def test_validate_checks_the_abbreviation_against_the_title(
    edit_example: Callable[..., str],
    write_plan: Callable[..., object],
    ten_loai: str | None,
    ky_hieu: str,
    expected: list[tuple[str, Severity]],
) -> None:
    header = f"ky_hieu: {ky_hieu}" + (f"\nten_loai: {ten_loai}" if ten_loai else "")
    result = api.validate(write_plan(edit_example((KY_HIEU_LINE, header))))  # type: ignore[arg-type]
    assert [(p.code, p.severity) for p in result.problems] == expected
    assert all(p.line == 30 for p in result.problems)


def test_the_message_names_both_ways_out(
    edit_example: Callable[..., str], write_plan: Callable[..., object]
) -> None:
    text = edit_example((KY_HIEU_LINE, "ky_hieu: KH-UBND\nten_loai: Chương trình"))
    [problem] = api.validate(write_plan(text)).problems  # type: ignore[arg-type]
    assert "'CTr-...'" in problem.message and "'kế hoạch'" in problem.message


@pytest.mark.parametrize(
    ("ten_loai", "title"), [("Chương trình", "CHƯƠNG TRÌNH"), ("Phương án", "PHƯƠNG ÁN")]
)
def test_the_title_prints_the_family_name(
    edit_example: Callable[..., str], write_plan: Callable[..., object], ten_loai: str, title: str
) -> None:
    abbreviation = nd30.PLAN_FAMILIES[ten_loai]
    text = edit_example((KY_HIEU_LINE, f"ky_hieu: {abbreviation}-UBND\nten_loai: {ten_loai}"))
    result = api.validate(write_plan(text))  # type: ignore[arg-type]
    assert result.plan is not None and result.problems == []
    doc = Docx(api.render_plan(result.plan))
    paragraph = doc.paragraph_by_text(title)
    assert doc.style_id(paragraph) == "KHTenLoai"
    assert doc.run_props(paragraph).bold
    assert "KẾ HOẠCH" not in [Docx.text(p) for p in doc.body_paragraphs()]
    assert f"Số:{nd30.BLANK_SO}/{abbreviation}-UBND" in doc.all_text()
    core = doc.zip.read("docProps/core.xml").decode()
    assert f"<dc:title>{ten_loai} Triển khai" in core
