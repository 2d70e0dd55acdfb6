"""`bdg-plan new-year`: next year's plan file from this year's, with the clerk's file kept intact."""

from __future__ import annotations

import codecs
import difflib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan.cli.app import app
from bdg_plan.commands.new_year import (
    NewYearResult,
    YearBeforePlanError,
    default_output_path,
    roll_forward,
)
from bdg_plan.commands.year_mentions import PLAN, classify
from bdg_plan.errors import InvalidPlanError, Severity
from bdg_plan.plan.model import CanCu, Plan
from bdg_plan.rules.dates import old_annual_plans
from tests.conftest import EXAMPLE_PLAN
from tests.docx_xml import Docx
from tests.review_comments import assert_every_review_written, without_digest

FIXTURES = Path(__file__).parent / "fixtures" / "new_year"
HUYEN_2024 = FIXTURES / "plan2024-huyen.yaml"
OTHER_YEARS = FIXTURES / "other-years.yaml"
MARKER = "# CẦN XEM LẠI:"

runner = CliRunner()
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


def roll(path: Path, year: int | None = None) -> NewYearResult:
    return roll_forward(path.read_bytes(), path.name, year)


def text_of(result: NewYearResult) -> str:
    return result.data.decode("utf-8")


def loaded(data: bytes) -> Plan:
    checked = api.validate_bytes(data, "new.yaml")
    assert checked.plan is not None, checked.problems
    return checked.plan


def reviews_at(result: NewYearResult) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in result.reviews:
        found.setdefault(item.path, []).append(item.reason)
    return found


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def values_text(data: bytes) -> str:
    """Every text value of a plan file, without its comments."""
    return repr(yaml.safe_load(data.decode("utf-8-sig")))


@pytest.fixture(scope="module")
def to_2024() -> NewYearResult:
    return roll(EXAMPLE_PLAN)


@pytest.fixture
def plan2023(tmp_path: Path) -> Path:
    path = tmp_path / "plan2023.yaml"
    path.write_bytes(EXAMPLE_PLAN.read_bytes())
    return path


# --- 2023 -> 2024 on the example plan ---------------------------------------------------------
def test_example_to_2024_validates_with_the_new_year(to_2024: NewYearResult) -> None:
    checked = api.validate_bytes(to_2024.data, "plan2024.yaml")
    assert checked.plan is not None
    assert not [p for p in checked.problems if p.is_error]
    plan = checked.plan
    assert (to_2024.old_year, to_2024.new_year, plan.nam) == (2023, 2024, 2024)
    assert plan.trich_yeu.endswith("phụ nữ năm 2024")
    assert plan.loi_dan is not None and "phụ nữ năm 2024 trên địa bàn" in plan.loi_dan
    assert plan.so is None
    assert (plan.ngay.nam, plan.ngay.thang, plan.ngay.ngay) == (2024, 3, None)
    assert plan.thang_hanh_dong is not None
    assert str(plan.thang_hanh_dong.tu) == "2024-11-15" and str(plan.thang_hanh_dong.den) == "2024-12-15"
    # Cited documents stay verbatim, including their date and their "năm 2023".
    cited = plan.can_cu[0]
    assert (cited.so_ky_hieu, str(cited.ngay), cited.co_quan) == (
        "108/KH-UBND",
        "2023-03-06",
        "UBND huyện Cao Lộc",
    )
    assert cited.trich_yeu is not None and cited.trich_yeu.endswith("phụ nữ năm 2023")


def test_example_to_2024_keeps_periods_and_comments(to_2024: NewYearResult) -> None:
    old = EXAMPLE_PLAN.read_text(encoding="utf-8")
    new = text_of(to_2024)
    for period in (
        "giai đoạn 2021 - 2030",
        "giai đoạn 2021-2025",
        "giai đoạn 2021- 2025",
        "giai đoạn 2021 - 2025",
    ):
        assert new.count(period) == old.count(period) > 0
    old_comments = [line for line in old.splitlines() if line.lstrip().startswith("#")]
    new_comments = [line for line in new.splitlines() if line.lstrip().startswith("#")]
    kept = [c for c in new_comments if not c.lstrip().startswith(MARKER)]
    # A comment that explains by example follows the plan's year; a cited document's year stays.
    moved = [(a, b) for a, b in zip(old_comments, kept, strict=True) if a != b]
    assert [b for _a, b in moved] == [a.replace("2023", "2024") for a, _b in moved]
    assert len(moved) == 3
    assert any("ngày 06/3/2023" in c for c in kept)


def test_example_to_2024_changes_only_the_intended_lines(to_2024: NewYearResult) -> None:
    old = EXAMPLE_PLAN.read_text(encoding="utf-8").splitlines()
    new = text_of(to_2024).splitlines()
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += range(i1 + 1, i2 + 1)
            added += range(j1 + 1, j2 + 1)
    # nam, ngay, trich_yeu (2nd line), loi_dan, yeu_cau, "Tháng hành động ... năm 2023", tu, den.
    # Comments 2, 22 and 31 explain by example with the plan's year, which moves with it.
    assert removed == [2, 14, 22, 31, 32, 37, 49, 58, 107, 118, 119]
    # The same lines one further down, after the comment added above the căn cứ (new line 43).
    assert added == [2, 14, 22, 31, 32, 37, 43, 50, 59, 108, 119, 120]
    assert new[42] == (
        "  # CẦN XEM LẠI: Căn cứ là kế hoạch của năm 2023, trước năm kế hoạch 2024: nếu cấp trên đã có "
        "văn bản cho năm 2024, hãy thay căn cứ này."
    )
    assert new[43] == "  - loai: Kế hoạch"
    for old_line, new_line in zip(
        [old[n - 1] for n in removed], [new[n - 1] for n in added if n != 43], strict=True
    ):
        assert new_line == old_line.replace("2023", "2024")


def test_example_to_2024_report(to_2024: NewYearResult) -> None:
    assert [(c.path, c.line) for c in to_2024.changes] == [
        ("(ghi chú)", 2),
        ("nam", 14),
        ("(ghi chú)", 22),
        ("(ghi chú)", 31),
        ("ngay", 32),
        ("trich_yeu", 37),
        ("can_cu[0]", 43),
        ("loi_dan", 50),
        ("yeu_cau", 59),
        ("to_chuc_thuc_hien[0].cac_y[2]", 108),
        ("thang_hanh_dong.tu", 119),
        ("thang_hanh_dong.den", 120),
    ]
    by_path = {c.path: c for c in to_2024.changes}
    assert (by_path["nam"].old, by_path["nam"].new) == ("2023", "2024")
    assert by_path["trich_yeu"].old.endswith("phụ nữ năm 2023")
    assert by_path["trich_yeu"].new.endswith("phụ nữ năm 2024")
    assert by_path["can_cu[0]"].old == "" and by_path["can_cu[0]"].new.startswith(MARKER)
    # Before the reform: only last year's căn cứ needs a human, at its line in the new file.
    assert [(r.path, r.line) for r in to_2024.reviews] == [("can_cu[0]", 44)]


def test_new_plan_warns_about_last_years_plan_where_the_comment_is(to_2024: NewYearResult) -> None:
    problems = api.validate_bytes(to_2024.data, "plan2024.yaml").problems
    old = [(p.line, p.column, p.severity) for p in problems if p.code == "old-annual-plan"]
    assert old == [(44, 5, Severity.WARNING)]


def test_new_plan_renders(to_2024: NewYearResult) -> None:
    text = Docx(api.render_plan(loaded(to_2024.data))).all_text()
    assert "phụ nữ năm 2024" in text
    assert "ngày 06/3/2023 của UBND huyện Cao Lộc" in text  # the cited plan, verbatim


# --- Idempotence, BOM, line ends, NFD ---------------------------------------------------------
def test_same_year_on_its_own_output_changes_nothing(to_2024: NewYearResult) -> None:
    again = roll_forward(to_2024.data, "plan2024.yaml", 2024)
    assert again.data == to_2024.data
    assert again.changes == ()


def test_next_run_rewrites_the_review_comment_instead_of_stacking(to_2024: NewYearResult) -> None:
    to_2025 = roll_forward(to_2024.data, "plan2024.yaml")
    text = text_of(to_2025)
    assert text.count(MARKER) == 1
    assert "trước năm kế hoạch 2025" in text and "trước năm kế hoạch 2024" not in text
    assert len(text.splitlines()) == len(text_of(to_2024).splitlines())


def test_flow_style_citations_on_one_line_share_one_comment() -> None:
    flow = "can_cu: [{loai: Kế hoạch, trich_yeu: năm 2022}, {loai: Kế hoạch, trich_yeu: năm 2023}]\n"
    text = OTHER_YEARS.read_text(encoding="utf-8")
    text = text[: text.index("can_cu:")] + flow + text[text.index("loi_dan:") :]
    result = roll_forward(text.encode("utf-8"), "plan.yaml")
    new = text_of(result)
    lines = new.splitlines()
    at = lines.index(flow.rstrip("\n")) + 1
    # One comment per review item, both above the one line that holds the two entries.
    assert [r.path for r in result.reviews if r.line == at] == ["can_cu[0]", "can_cu[1]"]
    written = [without_digest(line) for line in lines[at - 3 : at - 1]]
    assert written == [f"{MARKER} {r.reason}" for r in result.reviews if r.line == at]
    assert "năm 2022" in lines[at - 3]
    assert_every_review_written(result)
    assert roll_forward(result.data, "plan.yaml", 2024).data == result.data


def test_bom_is_kept(to_2024: NewYearResult) -> None:
    result = roll_forward(codecs.BOM_UTF8 + EXAMPLE_PLAN.read_bytes(), "plan2023.yaml")
    assert result.data == codecs.BOM_UTF8 + to_2024.data


def test_utf16_stays_utf16(to_2024: NewYearResult) -> None:
    data = codecs.BOM_UTF16_LE + EXAMPLE_PLAN.read_text(encoding="utf-8").encode("utf-16-le")
    result = roll_forward(data, "plan2023.yaml")
    assert result.data == codecs.BOM_UTF16_LE + text_of(to_2024).encode("utf-16-le")


def test_crlf_and_decomposed_text_keep_untouched_lines_byte_for_byte() -> None:
    original = unicodedata.normalize("NFD", EXAMPLE_PLAN.read_text(encoding="utf-8")).replace("\n", "\r\n")
    result = roll_forward(original.encode("utf-8"), "plan2023.yaml")
    old_lines = original.split("\r\n")
    new_lines = result.data.decode("utf-8").split("\r\n")
    assert len(new_lines) == len(old_lines) + 1
    assert "\n" not in "".join(new_lines)  # every line end is still CRLF
    kept = set(old_lines) & set(new_lines)
    changed_old = [n for n, line in enumerate(old_lines, 1) if line not in kept]
    assert changed_old == [2, 14, 22, 31, 32, 37, 49, 58, 107, 118, 119]
    assert loaded(result.data).trich_yeu.endswith("phụ nữ năm 2024")


# --- Years that mean something else -----------------------------------------------------------
def test_other_years_are_kept() -> None:
    result = roll(OTHER_YEARS)
    old = OTHER_YEARS.read_text(encoding="utf-8")
    new = text_of(result)
    for kept in (
        "Luật Bình đẳng giới năm 2006 và Luật Phòng, chống bạo lực gia đình năm 2022.",
        "giai đoạn 2021-2025 trong năm 2024.",
        "Kế hoạch số 108/KH-UBND ngày 06/3/2023 của UBND huyện về công tác bình đẳng giới năm 2023.",
        "Công văn ngày 06 tháng 3 năm 2023 của Sở.",
        "Các chỉ tiêu giai đoạn 2021 - 2025 vẫn giữ nguyên.",
    ):
        assert kept in new
    # The căn cứ block is copied as it was; only a review comment is added inside it.
    can_cu = old[old.index("can_cu:") : old.index("loi_dan:")]
    assert can_cu in "".join(line for line in new.splitlines(True) if not line.lstrip().startswith(MARKER))
    plan = loaded(result.data)
    assert plan.trich_yeu == 'CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2024 "trọng tâm"'
    assert plan.muc_dich is not None
    assert plan.muc_dich.cac_y[4].y == "Tổng kết công tác bình đẳng giới năm 2024 và đề ra phương hướng."
    assert plan.noi_dung[0].thoi_gian == "Quý II/2024"
    assert plan.noi_dung[0].mo_ta == [
        "Tổ chức 01 lớp tập huấn trong Quý II/2024, hoàn thành trước tháng 11/2024."
    ]
    assert plan.so is None and (plan.ngay.nam, plan.ngay.thang, plan.ngay.ngay) == (2024, 3, None)
    assert "ngay: '2024-03'" in new  # the quoting is kept


def test_kept_mentions_of_the_old_year_are_listed() -> None:
    reviews = reviews_at(roll(OTHER_YEARS))
    assert "06/3/2023" in reviews["muc_dich[2]"][0]
    assert "ngày 06 tháng 3 năm 2023" in reviews["muc_dich[3]"][0]
    assert "muc_dich[0]" not in reviews  # 2006 and 2022 are not the plan year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("công tác bình đẳng giới năm 2023", "công tác bình đẳng giới năm 2024"),
        ("NĂM 2023 và Năm 2023", "NĂM 2024 và Năm 2024"),
        ("trong Quý II/2023, trước tháng 11/2023", "trong Quý II/2024, trước tháng 11/2024"),
        ("tổng kết năm\n  2023", "tổng kết năm\n  2024"),
        ("năm 2023 - 2025 và năm 2021-2023", "năm 2023 - 2025 và năm 2021-2023"),
        ("giai đoạn 2021 - 2025", "giai đoạn 2021 - 2025"),
        # The plan's own dates move; a cited document's stay.
        ("trước ngày 06/3/2023", "trước ngày 06/3/2024"),
        ("ngày 06 tháng 3 năm 2023", "ngày 06 tháng 3 năm 2024"),
        ("Kế hoạch số 108/KH-UBND ngày 06/3/2023", "Kế hoạch số 108/KH-UBND ngày 06/3/2023"),
        ("Luật Bình đẳng giới năm 2006", "Luật Bình đẳng giới năm 2006"),
        (
            "Luật Đất đai năm 2023; tổ chức tuyên truyền năm 2023",
            "Luật Đất đai năm 2023; tổ chức tuyên truyền năm 2024",
        ),
        ("Kế hoạch số 108/KH-UBND về công tác năm 2023", "Kế hoạch số 108/KH-UBND về công tác năm 2023"),
        ("pháp luật về bình đẳng giới năm 2023", "pháp luật về bình đẳng giới năm 2024"),
        ("năm 20231", "năm 20231"),
    ],
)
def test_plan_year_mentions(text: str, expected: str) -> None:
    result = text
    for mention in reversed([m for m in classify(text, 2023, 2024) if m.kind == PLAN]):
        assert text[mention.start : mention.end] == "2023"
        result = result[: mention.start] + str(mention.new) + result[mention.end :]
    assert result == expected


# --- 2024 -> 2026: across the 2025 reform -----------------------------------------------------
def test_example_2024_to_2026_flags_district_references_and_ended_periods(to_2024: NewYearResult) -> None:
    result = roll_forward(to_2024.data, "plan2024.yaml", 2026)
    reviews = reviews_at(result)
    assert "UBND huyện Cao Lộc" in reviews["can_cu[0].co_quan"][0]
    assert any("P LĐTB, XH-DT huyện" in reason for reason in reviews["noi_nhan[0]"])
    assert "trên địa huyện" in reviews["muc_dich[0]"][0]
    assert "Tổ quốc Việt Nam huyện" in reviews["to_chuc_thuc_hien[1].ten"][0]
    assert "Xã Hồng Phong".lower() in reviews["co_quan.ten"][0].lower()
    periods = sorted(r for r in reviews["noi_dung[4].cac_y[1]"] if r.startswith("Giai đoạn"))
    # One item for the period, though the text spells it three ways.
    assert [p.split(" đã")[0] for p in periods] == ["Giai đoạn 2021-2025"]
    assert not any("2030" in r for rs in reviews.values() for r in rs)
    # The recipients are not in the body-text list a second time (one district, one labour item).
    assert len(reviews["noi_nhan[0]"]) == 2
    # Nothing is rewritten: the district lines are the clerk's to change.
    assert values_text(result.data).count("huyện") == values_text(to_2024.data).count("huyện")
    assert_every_review_written(result)
    assert [p.line for p in result.reviews] == sorted(p.line for p in result.reviews)


def test_district_superior_line_is_flagged_and_kept() -> None:
    result = roll(HUYEN_2024, 2026)
    reviews = reviews_at(result)
    assert "cap_tren" in reviews["co_quan.cap_tren"][0]
    cap_tren = text_of(result).splitlines().index("  cap_tren: UBND huyện Cao Lộc   # dòng chủ quản cũ") + 1
    assert [r.line for r in result.reviews if r.path == "co_quan.cap_tren"] == [cap_tren]
    for path in ("can_cu[0].co_quan", "noi_nhan[0]", "noi_nhan[1]", "noi_dung[0].mo_ta"):
        assert "01/7/2025" in reviews[path][0], path
    assert "2021-2025" in reviews["muc_dich[1]"][0]
    assert "muc_dich[0]" not in reviews  # 2021 - 2030 has not ended
    assert "can_cu[1]" not in reviews  # a law is not an annual plan
    new = text_of(result)
    assert "  cap_tren: UBND huyện Cao Lộc   # dòng chủ quản cũ\n" in new
    assert "      trong năm 2026.\n" in new  # folded block, replaced in its raw line
    # The superior line is an error for a 2026 plan: the clerk must delete it before rendering.
    problems = api.validate_bytes(result.data, "plan2026.yaml").problems
    assert [p.code for p in problems if p.is_error] == ["district-after-reform"]


@pytest.mark.parametrize(("month", "flagged"), [("06", False), ("07", True)])
def test_district_flags_start_with_the_reform_date(month: str, flagged: bool) -> None:
    data = HUYEN_2024.read_bytes().replace(b"ngay: 2024-02-20", f"ngay: 2024-{month}-20".encode())
    reviews = reviews_at(roll_forward(data, "plan.yaml", 2025))
    assert ("noi_nhan[0]" in reviews) is flagged
    assert ("co_quan.cap_tren" in reviews) is flagged


# --- The validate rule --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def example_plan() -> Plan:
    plan = api.validate(EXAMPLE_PLAN).plan
    assert plan is not None
    return plan


@pytest.mark.parametrize(
    ("loai", "trich_yeu", "nam", "flagged"),
    [
        ("Kế hoạch", "thực hiện công tác bình đẳng giới năm 2023", 2024, True),
        ("kế hoạch", "công tác bình đẳng giới năm 2022", 2024, True),
        ("Kế hoạch", "thực hiện công tác bình đẳng giới năm 2024", 2024, False),
        ("Quyết định", "công tác bình đẳng giới năm 2023", 2024, False),
        ("Kế hoạch", "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030", 2024, False),
        ("Kế hoạch", "thực hiện Chương trình năm 2021 - 2025", 2024, False),
        ("Kế hoạch", None, 2024, False),
    ],
)
def test_old_annual_plan_rule(
    example_plan: Plan, loai: str, trich_yeu: str | None, nam: int, flagged: bool
) -> None:
    cited = CanCu(loai=loai, so_ky_hieu="1/KH-UBND", trich_yeu=trich_yeu)
    plan = example_plan.model_copy(update={"nam": nam, "can_cu": [example_plan.can_cu[0], cited]})
    findings = [(path, code, severity) for path, code, _message, severity in old_annual_plans(plan)]
    expected = [(("can_cu", 0), "old-annual-plan", Severity.WARNING)]
    if flagged:
        expected.append((("can_cu", 1), "old-annual-plan", Severity.WARNING))
    assert findings == expected


def test_example_itself_has_no_old_annual_plan_warning() -> None:
    assert not [p for p in api.validate(EXAMPLE_PLAN).problems if p.code == "old-annual-plan"]


# --- Library errors and paths -----------------------------------------------------------------
def test_year_before_the_plan_is_refused() -> None:
    with pytest.raises(YearBeforePlanError) as caught:
        roll(EXAMPLE_PLAN, 2022)
    assert caught.value.exit_code == 2
    assert "2022" in caught.value.message and "2023" in caught.value.message


def test_invalid_plan_is_refused_with_every_problem() -> None:
    data = (
        EXAMPLE_PLAN.read_bytes()
        .replace(b"ngay: 2023-03\n", b"ngay: 2022-03\n")
        .replace(b"luu: [VT]", b"lu: [VT]")
    )
    with pytest.raises(InvalidPlanError) as caught:
        roll_forward(data, "plan2023.yaml")
    assert {p.code for p in caught.value.problems} >= {"unknown-key", "year-mismatch"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plan2023.yaml", "plan2024.yaml"),
        ("kế hoạch 2023 (bản 2).yaml", "kế hoạch 2024 (bản 2).yaml"),
        ("ke-hoach.yaml", "ke-hoach-2024.yaml"),
        ("plan12023.yaml", "plan12023-2024.yaml"),
    ],
)
def test_default_output_path(tmp_path: Path, name: str, expected: str) -> None:
    assert default_output_path(tmp_path / name, 2023, 2024) == tmp_path / expected


# --- The command ------------------------------------------------------------------------------
def test_cli_writes_beside_the_input_and_never_touches_it(plan2023: Path) -> None:
    before = plan2023.read_bytes()
    code, output = run("new-year", str(plan2023))
    assert code == 0, output
    target = plan2023.parent / "plan2024.yaml"
    expected = roll_forward(
        EXAMPLE_PLAN.read_bytes(), EXAMPLE_PLAN.name, None, lambda _old, _new: target.name
    )
    assert target.read_bytes() == expected.data
    assert "bdg-plan validate plan2024.yaml" in target.read_text(encoding="utf-8")
    assert plan2023.read_bytes() == before
    assert "Các thay đổi" in output and "trich_yeu" in output and "năm 2024" in output
    assert "Cần người xem lại (1 mục)" in output
    assert f"Đã ghi kế hoạch năm 2024: {target}" in output
    assert sorted(p.name for p in plan2023.parent.iterdir()) == ["plan2023.yaml", "plan2024.yaml"]


def test_cli_year_and_output(plan2023: Path, tmp_path: Path) -> None:
    target = tmp_path / "năm mới" / "kế hoạch.yaml"
    target.parent.mkdir()
    code, output = run("new-year", str(plan2023), "--year", "2026", "-o", str(target))
    assert code == 0, output
    assert loaded(target.read_bytes()).nam == 2026
    assert "01/7/2025" in output  # the district references are listed


def test_cli_dry_run_writes_nothing(plan2023: Path) -> None:
    code, output = run("new-year", str(plan2023), "--dry-run")
    assert code == 0, output
    assert [p.name for p in plan2023.parent.iterdir()] == ["plan2023.yaml"]
    assert "Chạy thử (--dry-run): chưa ghi tệp nào." in output
    assert "thang_hanh_dong.den" in output


def test_cli_existing_output_needs_force(plan2023: Path) -> None:
    target = plan2023.parent / "plan2024.yaml"
    target.write_bytes(b"# my edits\n")
    code, output = run("new-year", str(plan2023))
    assert code == 1
    assert "đã có" in output and "--force" in output and "Traceback" not in output
    assert target.read_bytes() == b"# my edits\n"
    code, output = run("new-year", str(plan2023), "--dry-run")
    assert code == 0 and "--force" in output and target.read_bytes() == b"# my edits\n"
    code, _ = run("new-year", str(plan2023), "--force")
    assert code == 0 and loaded(target.read_bytes()).nam == 2024


def test_cli_refuses_to_write_over_its_input_even_with_force(plan2023: Path) -> None:
    before = plan2023.read_bytes()
    code, output = run("new-year", str(plan2023), "--year", "2023", "--force")
    assert code == 1
    assert "không sửa tệp gốc" in output
    assert plan2023.read_bytes() == before


def test_cli_invalid_plan_prints_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "plan2023.yaml"
    path.write_text(
        EXAMPLE_PLAN.read_text(encoding="utf-8").replace("ngay: 2023-03\n", "ngay: 2022-03\n"), "utf-8"
    )
    code, output = run("new-year", str(path))
    assert code == 1
    assert "year-mismatch" in output and re.search(r"\b32:7\b", output)
    assert "Tệp kế hoạch gốc có lỗi" in output
    assert [p.name for p in tmp_path.iterdir()] == ["plan2023.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        ["new-year"],
        ["new-year", "plan2023.yaml", "--year", "hai nghìn"],
        ["new-year", "plan2023.yaml", "--year", "99"],
        ["new-year", "plan2023.yaml", "--bogus"],
    ],
)
def test_cli_usage_errors_exit_2(args: list[str]) -> None:
    code, _ = run(*args)
    assert code == 2


def test_cli_year_before_plan_exits_2(plan2023: Path) -> None:
    code, output = run("new-year", str(plan2023), "--year", "2022")
    assert code == 2
    assert "không được trước năm" in output
    assert [p.name for p in plan2023.parent.iterdir()] == ["plan2023.yaml"]


def test_cli_missing_file(tmp_path: Path) -> None:
    code, output = run("new-year", str(tmp_path / "không có.yaml"))
    assert code == 1 and "Không tìm thấy tệp" in output
