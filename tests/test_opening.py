"""The opening paragraphs print the clerk's own words: căn cứ as written, "Theo đề nghị", the lead-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bdg_plan import api
from bdg_plan.compose.document import citation, preamble
from bdg_plan.errors import Severity
from bdg_plan.plan.model import CanCu, Plan
from tests.conftest import EXAMPLE_PLAN
from tests.docx_xml import Docx

NQ_28 = (
    "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về bình "
    "đẳng giới giai đoạn 2021 - 2030;"
)
CV_739 = (
    "Căn cứ Công văn số 739/BNV-CTTN&BĐG ngày 28/2/2025 của Bộ Nội vụ về việc hướng dẫn triển khai "
    "công tác bình đẳng giới năm 2025;"
)
DE_NGHI = "Theo đề nghị của công chức Văn hóa - Xã hội xã,"
LOI_DAN = "Ủy ban nhân dân xã ban hành Kế hoạch thực hiện công tác bình đẳng giới năm 2025 như sau:"


def plan_text(can_cu: str, extra: str = "", ngay: str = "2025-03") -> str:
    return f"""nam: 2025
co_quan: {{ten: Ủy ban nhân dân xã Tân Thành, dia_danh: Tân Thành}}
ngay: {ngay}
trich_yeu: Thực hiện công tác bình đẳng giới năm 2025
can_cu:
{can_cu}
{extra}
nguoi_ky: {{tham_quyen: KT., thu_truong: Chủ tịch, chuc_vu: Phó Chủ tịch, ho_ten: Lý Thị Hoa}}
noi_nhan: [UBND tỉnh]
"""


WRITTEN = f"  - '{NQ_28}'\n  - '{CV_739}'"


@pytest.fixture
def written_plan(write_plan: Callable[..., object]) -> api.ValidationResult:
    path = write_plan(plan_text(WRITTEN, f"de_nghi: '{DE_NGHI}'\nloi_dan: '{LOI_DAN}'"))
    return api.validate(path)  # type: ignore[arg-type]


def test_written_references_print_character_for_character_each_its_own_paragraph(
    written_plan: api.ValidationResult,
) -> None:
    assert written_plan.plan is not None
    doc = Docx(api.render_plan(written_plan.plan))
    texts = [Docx.text(p) for p in doc.body_paragraphs()]
    start = texts.index(NQ_28)
    assert texts[start : start + 4] == [NQ_28, CV_739, DE_NGHI, LOI_DAN]


def test_validate_still_knows_the_dates_of_written_references(write_plan: Callable[..., object]) -> None:
    # Issued in January 2025: the Công văn of 28/2/2025 comes after it.
    result = api.validate(write_plan(plan_text(WRITTEN, ngay="2025-01-20")))  # type: ignore[arg-type]
    after = [p for p in result.problems if p.code == "can-cu-after-plan"]
    assert [(p.line, p.severity) for p in after] == [(7, Severity.ERROR)]
    assert "28/2/2025" in after[0].message  # the date as the clerk wrote it


def test_written_references_are_recognised_without_a_warning(written_plan: api.ValidationResult) -> None:
    assert [p.code for p in written_plan.problems] == []


def test_a_sentence_citing_nothing_is_a_warning_and_still_prints(write_plan: Callable[..., object]) -> None:
    text = "Để triển khai có hiệu quả công tác bình đẳng giới trên địa bàn xã,"
    result = api.validate(write_plan(plan_text(f"  - {text}")))  # type: ignore[arg-type]
    assert [(p.code, p.line, p.severity) for p in result.problems] == [
        ("can-cu-not-recognised", 6, Severity.WARNING)
    ]
    assert result.plan is not None
    assert text in Docx(api.render_plan(result.plan)).all_text()


def test_an_impossible_written_date_is_a_warning(write_plan: Callable[..., object]) -> None:
    text = "Căn cứ Kế hoạch số 3/KH-UBND ngày 30/2/2025 của UBND tỉnh;"
    result = api.validate(write_plan(plan_text(f"  - {text}")))  # type: ignore[arg-type]
    assert [(p.code, p.severity) for p in result.problems] == [("invalid-date", Severity.WARNING)]


def test_a_written_old_annual_plan_is_flagged(write_plan: Callable[..., object]) -> None:
    text = (
        "Căn cứ Kế hoạch số 25/KH-UBND ngày 14/01/2024 của UBND tỉnh thực hiện công tác bình đẳng giới "
        "năm 2024;"
    )
    result = api.validate(write_plan(plan_text(f"  - '{text}'")))  # type: ignore[arg-type]
    assert [(p.code, p.line) for p in result.problems] == [("old-annual-plan", 6)]


def test_a_written_district_body_after_the_reform_is_a_warning(write_plan: Callable[..., object]) -> None:
    text = "Căn cứ Kế hoạch số 5/KH-UBND ngày 06/3/2025 của UBND huyện Cao Lộc về công tác phụ nữ;"
    result = api.validate(write_plan(plan_text(f"  - {text}", ngay="2025-08")))  # type: ignore[arg-type]
    assert [p.code for p in result.problems if not p.code.startswith("map-")] == ["district-reference"]


# The structured form -------------------------------------------------------------------------------
LAW = CanCu(loai="Luật", ten="Bình đẳng giới", ngay=dt.date(2006, 11, 29))
NQ = CanCu(
    loai="Nghị quyết",
    so_ky_hieu="28/NQ-CP",
    ngay=dt.date(2021, 3, 3),
    co_quan="Chính phủ",
    trich_yeu="ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030",
)


def test_joining_words_are_fields_with_defaults() -> None:
    assert citation(NQ) == (
        "Nghị quyết số 28/NQ-CP, ngày 03/3/2021 của Chính phủ về ban hành Chiến lược quốc gia về bình đẳng "
        "giới giai đoạn 2021 - 2030"
    )
    bare = NQ.model_copy(update={"tu_noi": "", "dau_sau_so": ""})
    assert f"Căn cứ {citation(bare)};" == NQ_28


@pytest.fixture(scope="module")
def example_plan() -> Plan:
    result = api.validate(EXAMPLE_PLAN)
    assert result.plan is not None
    return result.plan


def plan_of(example_plan: Plan, **update: object) -> Plan:
    base = {"mo_dau": [], "de_nghi": None, "loi_dan": None, "cach_dan": "Căn cứ"}
    return example_plan.model_copy(update={**base, **update})


def test_the_opening_paragraphs_print_in_order(example_plan: Plan) -> None:
    opening = preamble(plan_of(example_plan, can_cu=[LAW, CV_739], de_nghi=DE_NGHI, loi_dan=LOI_DAN))
    assert opening == ["Căn cứ Luật Bình đẳng giới ngày 29/11/2006;", CV_739, DE_NGHI, LOI_DAN]


def test_thuc_hien_with_a_written_reference_keeps_paragraphs_apart(example_plan: Plan) -> None:
    cited = [NQ.model_copy(update={"tu_noi": ""}), CV_739]
    opening = preamble(plan_of(example_plan, cach_dan="Thực hiện", can_cu=cited, loi_dan=LOI_DAN))
    assert opening[0].startswith("Thực hiện Nghị quyết số 28/NQ-CP") and opening[0].endswith("2030;")
    assert opening[1:] == [CV_739, LOI_DAN]


def test_thuc_hien_with_fields_alone_still_makes_one_sentence(example_plan: Plan) -> None:
    opening = preamble(plan_of(example_plan, cach_dan="Thực hiện", can_cu=[LAW], loi_dan="UBND xã như sau:"))
    assert opening == ["Thực hiện Luật Bình đẳng giới ngày 29/11/2006, UBND xã như sau:"]


def test_a_written_last_reference_keeps_its_own_end(example_plan: Plan) -> None:
    assert preamble(plan_of(example_plan, can_cu=[LAW, CV_739])) == [
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;",
        CV_739,
    ]


def test_new_year_flags_a_written_annual_plan_and_keeps_its_words(write_plan: Callable[..., object]) -> None:
    from bdg_plan.commands.new_year import roll_forward

    plan_2025 = (
        "Căn cứ Kế hoạch số 25/KH-UBND ngày 14/01/2025 của UBND tỉnh về công tác bình đẳng giới năm 2025;"
    )
    text = plan_text(f"  - {CV_739!r}\n  - {plan_2025}")
    result = roll_forward(text.encode("utf-8"), "plan.yaml")
    new = result.data.decode("utf-8")
    lines = new.splitlines()
    flagged = lines.index(f"  - {plan_2025}")
    assert lines[flagged - 1].lstrip().startswith("# CẦN XEM LẠI: Căn cứ là kế hoạch của năm 2025")
    assert f"  - {CV_739!r}" in lines  # both keep every character
    # A Công văn is not an annual plan, but one of the plan year is replaced by this year's.
    reasons = {r.path: r.reason for r in result.reviews if r.path.startswith("can_cu")}
    assert reasons["can_cu[1]"].startswith("Căn cứ là kế hoạch của năm 2025")
    assert reasons["can_cu[0]"].startswith("Văn bản năm nay thay thế văn bản này")
    assert "Công văn năm 2025" in reasons["can_cu[0]"]
