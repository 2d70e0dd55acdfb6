"""new-year across the 2025 reform (bdg_plan.commands.reform), and the review comments it writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan.cli.app import app
from bdg_plan.commands.new_year import NewYearResult, roll_forward
from bdg_plan.rules.review_marks import MARKER, find_marks, write_marks
from tests.conftest import EXAMPLE_PLAN
from tests.review_comments import assert_every_review_written

FIXTURES = Path(__file__).parent / "fixtures" / "reform"
AU_LAU = FIXTURES / "au-lau-2025.yaml"
BINH_XA = FIXTURES / "binh-xa-2024.yaml"
HUYEN_2024 = Path(__file__).parent / "fixtures" / "new_year" / "plan2024-huyen.yaml"


def roll(path: Path, year: int) -> NewYearResult:
    return roll_forward(path.read_bytes(), path.name, year)


def reasons(result: NewYearResult, path: str) -> list[str]:
    return [item.reason for item in result.reviews if item.path == path]


@pytest.fixture(scope="module")
def example_2026() -> NewYearResult:
    return roll(EXAMPLE_PLAN, 2026)


def test_example_proposes_dong_dang_in_lang_son(example_2026: NewYearResult) -> None:
    data = yaml.safe_load(example_2026.data)
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Đồng Đăng"
    assert data["co_quan"]["tinh"] == "Lạng Sơn"
    assert data["co_quan"]["dia_danh"] == "Đồng Đăng"
    (renamed,) = reasons(example_2026, "co_quan.ten")
    assert "xã Hồng Phong (huyện Cao Lộc) đã nhập vào xã Đồng Đăng (tỉnh Lạng Sơn)" in renamed
    assert "vietnamadminunits" in renamed  # the mapping's source
    (province,) = reasons(example_2026, "co_quan.tinh")
    assert "huyện Cao Lộc" in province and "can_cu[0].co_quan" in province  # how it was inferred


def test_example_flags_labour_and_district_bodies(example_2026: NewYearResult) -> None:
    labour = reasons(example_2026, "noi_dung[3].cac_y[0]")
    assert any("Sở Nội vụ tỉnh Lạng Sơn" in reason for reason in labour)
    recipient = reasons(example_2026, "noi_nhan[0]")
    assert any("Phòng Văn hóa - Xã hội" in reason for reason in recipient)
    assert any("cấp huyện" in reason for reason in recipient)
    assert any("UBND huyện Cao Lộc" in reason for reason in reasons(example_2026, "can_cu[0].co_quan"))
    comments = reasons(example_2026, "(ghi chú)")
    assert any("năm 2023" in reason and "huyện Cao Lộc" in reason for reason in comments)


def test_example_writes_every_review_and_validate_lists_each(example_2026: NewYearResult) -> None:
    assert_every_review_written(example_2026)
    checked = api.validate_bytes(example_2026.data, "plan2026.yaml")
    assert checked.plan is not None
    assert not [p for p in checked.problems if p.is_error]
    text = example_2026.data.decode("utf-8")
    marks = find_marks(text)
    assert len(marks) == text.count(MARKER) >= len(example_2026.reviews) > 10
    messages = " ".join(p.message for p in checked.problems)
    for item in example_2026.reviews:
        assert item.reason in messages, item
    # Deleting a comment line silences its warning.
    first = marks[0]
    lines = text.splitlines(keepends=True)
    del lines[first.line - 1]
    again = api.validate_bytes("".join(lines).encode("utf-8"), "plan2026.yaml")
    assert len(again.problems) == len(checked.problems) - 1


def test_rolling_again_adds_no_comment(example_2026: NewYearResult) -> None:
    again = roll_forward(example_2026.data, "plan2026.yaml", 2026)
    assert again.data.decode("utf-8").count(MARKER) == example_2026.data.decode("utf-8").count(MARKER)


def test_cli_plain_validate_lists_the_review_comments(tmp_path: Path) -> None:
    plan = tmp_path / "plan2023.yaml"
    plan.write_bytes(EXAMPLE_PLAN.read_bytes())
    runner = CliRunner()
    env = {"COLUMNS": "200", "NO_COLOR": "1"}
    assert runner.invoke(app, ["new-year", str(plan), "--year", "2026"], env=env).exit_code == 0
    new = tmp_path / "plan2026.yaml"
    result = runner.invoke(app, ["validate", "--format", "plain", str(new)], env=env)
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if "review-comment" in line]
    assert len(lines) >= 10
    assert any("xã Đồng Đăng" in line for line in lines)


def test_unit_word_is_fixed_everywhere() -> None:
    """Old xã Âu Lâu (thành phố Yên Bái, tỉnh Yên Bái) is phường Âu Lâu of Lào Cai."""
    result = roll(AU_LAU, 2026)
    data = yaml.safe_load(result.data)
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân phường Âu Lâu"
    assert data["co_quan"]["tinh"] == "Lào Cai"
    assert data["co_quan"]["ten_goi_tat"] == "UBND phường"
    assert data["loi_dan"] == "UBND phường Âu Lâu xây dựng Kế hoạch như sau:"
    assert data["muc_dich"][0].endswith("Nhân dân phường Âu Lâu.")
    assert data["can_cu"][0]["co_quan"] == "UBND thành phố Yên Bái"  # cited documents stay verbatim
    # The district superior line is gone (no district level from 1/7/2025), listed as a change.
    assert "cap_tren" not in data["co_quan"]
    assert [c.new for c in result.changes if c.path == "co_quan.cap_tren"] == [""]
    assert reasons(result, "co_quan.cap_tren") == []
    assert any("Sở Nội vụ tỉnh Lào Cai" in r for r in reasons(result, "noi_nhan[0]"))
    assert any("Phòng Văn hóa - Xã hội của UBND phường" in r for r in reasons(result, "noi_nhan[1]"))
    assert reasons(result, "can_cu[0].co_quan")  # the old district-level city
    assert_every_review_written(result)
    checked = api.validate_bytes(result.data, "au-lau-2026.yaml")
    assert not [p for p in checked.problems if p.code.startswith("map-")]


def test_split_commune_lists_every_candidate_and_renames_nothing() -> None:
    result = roll(BINH_XA, 2026)
    data = yaml.safe_load(result.data)
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Bính Xá"
    assert data["co_quan"]["tinh"] == "Lạng Sơn"
    (split,) = reasons(result, "co_quan.ten")
    assert "xã Đình Lập, xã Kiên Mộc" in split
    assert_every_review_written(result)
    # validate insists on a choice.
    checked = api.validate_bytes(result.data, "binh-xa-2026.yaml")
    assert [p.code for p in checked.problems if p.is_error] == ["map-commune-merged"]


def test_district_fixture_gets_its_province_and_counterparts() -> None:
    result = roll(HUYEN_2024, 2026)
    data = yaml.safe_load(result.data)
    assert (data["co_quan"]["tinh"], data["co_quan"]["ten"]) == ("Lạng Sơn", "Ủy ban nhân dân xã Đồng Đăng")
    (superior,) = reasons(result, "co_quan.cap_tren")
    assert "UBND huyện Cao Lộc" in superior and "tỉnh Lạng Sơn" in superior
    assert any("Phòng Văn hóa - Xã hội" in r for r in reasons(result, "noi_nhan[1]"))
    assert_every_review_written(result)


def test_a_roll_that_stays_on_one_side_does_not_use_the_map() -> None:
    result = roll(HUYEN_2024, 2025)  # February 2025: still before the reform
    assert "tinh" not in yaml.safe_load(result.data)["co_quan"]
    assert not reasons(result, "co_quan.tinh")


def test_unknown_commune_is_a_review_item_not_a_guess() -> None:
    text = BINH_XA.read_text(encoding="utf-8").replace("Bính Xá", "Không Có Thật")
    result = roll_forward(text.encode("utf-8"), "x.yaml", 2026)
    assert "tinh" not in yaml.safe_load(result.data)["co_quan"]
    (problem,) = reasons(result, "co_quan.ten")
    assert "Không suy ra được tỉnh" in problem


def test_write_marks_keeps_the_data_and_skips_repeats() -> None:
    text = "a: 1\nb:\n  - x\n  - y\n"
    new, moved = write_marks(text, [(3, "một", None), (3, "một", None), (4, "hai", None)])
    assert yaml.safe_load(new) == yaml.safe_load(text)
    assert new == f"a: 1\nb:\n  {MARKER} một\n  - x\n  {MARKER} hai\n  - y\n"
    assert moved[3] == 4 and moved[4] == 6
    assert write_marks(new, [(moved[3], "một", None)])[0] == new


def test_markers_inside_text_are_content() -> None:
    text = f"a: |\n  {MARKER} trong văn bản\nb: 1\n{MARKER} thật\n"
    assert [(m.line, m.reason) for m in find_marks(text)] == [(4, "thật")]


def test_bare_unit_words_of_the_commune_follow_the_new_kind_and_villages_are_flagged_once(
    tmp_path: Path,
) -> None:
    """xã Âu Lâu became phường Âu Lâu: "UBND xã", "trên địa bàn xã" follow; "cấp xã" and "các xã" stay."""
    text = AU_LAU.read_text(encoding="utf-8").replace(
        'loi_dan: "UBND xã Âu Lâu xây dựng Kế hoạch như sau:"',
        'loi_dan: "UBND xã Âu Lâu xây dựng Kế hoạch cho các thôn, bản trên địa bàn xã, cùng cán bộ cấp xã '
        'và các xã lân cận như sau:"',
    )
    assert text != AU_LAU.read_text(encoding="utf-8")
    result = roll_forward(text.encode("utf-8"), AU_LAU.name, 2026)
    data = yaml.safe_load(result.data)
    assert data["loi_dan"] == (
        "UBND phường Âu Lâu xây dựng Kế hoạch cho các thôn, bản trên địa bàn phường, cùng cán bộ cấp xã "
        "và các xã lân cận như sau:"
    )
    assert any(entry == "TT Đảng ủy, HĐND phường" for entry in data["noi_nhan"])
    villages = [item for item in result.reviews if "thôn" in item.reason and "một lần" in item.reason]
    assert len(villages) == 1
    assert "2 chữ" in villages[0].reason


def test_a_merged_communes_signer_is_flagged() -> None:
    """xã Hồng Phong merged into xã Đồng Đăng: last year's signer belonged to the old commune."""
    result = roll(HUYEN_2024, 2026)
    (reason,) = reasons(result, "nguoi_ky.ho_ten")
    assert "xã Hồng Phong" in reason and "xã Đồng Đăng" in reason
