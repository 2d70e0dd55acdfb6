"""new-year decides by class: the plan's own dates move, cited ones stay, past facts and replaced
citations are flagged with their own reason (bdg_plan.commands.year_mentions in roll_forward)."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bdg_plan import api
from bdg_plan.commands.new_year import NewYearResult, roll_forward
from tests.conftest import EXAMPLES

PLAN_2024 = """\
nam: 2024
co_quan: {ten: Ủy ban nhân dân xã Gia Cát, dia_danh: Gia Cát}
so: 12
ky_hieu: KH-UBND
ngay: '2024-03-06'
trich_yeu: Thực hiện công tác bình đẳng giới năm 2024
can_cu:
  - >-
    Thực hiện Kế hoạch số 108/KH-UBND ngày 06/3/2024 của UBND huyện Cao Lộc về thực hiện công tác
    bình đẳng giới năm 2024, UBND xã xây dựng Kế hoạch thực hiện công tác bình đẳng giới năm 2024
    trên địa bàn xã, như sau:
  - Căn cứ Công văn số 739/SNV-CTTN ngày 12/12/2023 của Sở Nội vụ tỉnh Lạng Sơn
  - Căn cứ Luật Bình đẳng giới năm 2006
muc_dich:
  - Tỷ lệ nữ tham gia cấp ủy tăng so với năm 2023.
  - Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030.
noi_dung:
  - ten: Tháng hành động
    mo_ta: Thời gian từ 15/11 đến 15/12/2024; mít tinh ngày 25/11.
  - ten: Báo cáo
    mo_ta: Báo cáo kết quả trước ngày 10/12/2024 và tổng kết trong Quý I/2025.
nguoi_ky: {tham_quyen: KT., thu_truong: Chủ tịch, chuc_vu: Phó Chủ tịch, ho_ten: Hoàng Văn Mẫn}
noi_nhan: [TT Đảng ủy xã]
"""


def rolled(text: str = PLAN_2024, year: int = 2025) -> tuple[dict, NewYearResult]:  # type: ignore[type-arg]
    result = roll_forward(text.encode("utf-8"), "plan2024.yaml", year)
    return yaml.safe_load(result.data), result


def reasons(result: NewYearResult, path: str) -> list[str]:
    return [item.reason for item in result.reviews if item.path == path]


def test_the_plans_own_dates_and_years_move_and_are_in_the_change_table() -> None:
    data, result = rolled()
    assert data["trich_yeu"] == "Thực hiện công tác bình đẳng giới năm 2025"
    assert data["noi_dung"][0]["mo_ta"] == "Thời gian từ 15/11 đến 15/12/2025; mít tinh ngày 25/11."
    assert data["noi_dung"][1]["mo_ta"] == (
        "Báo cáo kết quả trước ngày 10/12/2025 và tổng kết trong Quý I/2026."
    )
    changed = {change.path for change in result.changes}
    assert {"trich_yeu", "noi_dung[0].mo_ta", "noi_dung[1].mo_ta", "can_cu[0]"} <= changed
    # Moved dates are decided, not flagged.
    assert reasons(result, "noi_dung[0].mo_ta") == [] and reasons(result, "noi_dung[1].mo_ta") == []


def test_a_mixed_sentence_moves_the_plans_year_and_flags_the_citation_once() -> None:
    data, result = rolled()
    assert data["can_cu"][0].startswith("Thực hiện Kế hoạch số 108/KH-UBND ngày 06/3/2024")
    assert "bình đẳng giới năm 2024, UBND xã xây dựng" in data["can_cu"][0]
    assert "bình đẳng giới năm 2025 trên địa bàn xã" in data["can_cu"][0]
    flagged = reasons(result, "can_cu[0]")
    assert len(flagged) == 1


def test_a_superseded_cong_van_is_flagged_with_its_own_reason() -> None:
    _data, result = rolled()
    (reason,) = reasons(result, "can_cu[1]")
    assert "Văn bản năm nay thay thế văn bản này" in reason
    assert "Công văn" in reason


def test_cited_and_fixed_years_stay_unflagged() -> None:
    data, result = rolled()
    assert data["can_cu"][2] == "Căn cứ Luật Bình đẳng giới năm 2006"
    assert data["muc_dich"][1].endswith("giai đoạn 2021 - 2030.")
    assert reasons(result, "can_cu[2]") == [] and reasons(result, "muc_dich[1]") == []


def test_a_past_fact_stays_and_is_flagged_once() -> None:
    data, result = rolled()
    assert data["muc_dich"][0] == "Tỷ lệ nữ tham gia cấp ủy tăng so với năm 2023."
    (reason,) = reasons(result, "muc_dich[0]")
    assert reason.startswith("Kết quả năm trước: cần số liệu mới")


def test_a_part_of_last_years_results_is_history() -> None:
    text = PLAN_2024.replace(
        "  - ten: Báo cáo\n",
        "  - ten: Kết quả thực hiện năm 2024\n    mo_ta: Đạt 90% chỉ tiêu năm 2024.\n  - ten: Báo cáo\n",
    )
    data, result = rolled(text)
    assert data["noi_dung"][1]["ten"] == "Kết quả thực hiện năm 2024"
    assert reasons(result, "noi_dung[1].mo_ta")[0].startswith("Kết quả năm trước")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["plan2023.yaml", "thang-hanh-dong-2025.yaml", "ke-hoach-phan.yaml"]),
    step=st.integers(min_value=0, max_value=4),
)
def test_a_valid_plan_stays_valid_after_new_year(name: str, step: int) -> None:
    path = EXAMPLES / name
    before = api.validate_bytes(path.read_bytes(), name)
    assert before.plan is not None
    result = roll_forward(path.read_bytes(), name, before.plan.nam + step)
    after = api.validate_bytes(result.data, name)
    assert after.plan is not None, after.problems
    assert [p for p in after.problems if p.is_error] == []


def test_the_change_table_shows_each_value_once_with_its_final_text() -> None:
    text = PLAN_2024.replace(
        "trich_yeu: Thực hiện công tác bình đẳng giới năm 2024",
        "trich_yeu: Thực hiện công tác bình đẳng giới năm 2024 và Tháng hành động năm 2024",
    )
    _data, result = rolled(text)
    rows = [change for change in result.changes if change.path == "trich_yeu"]
    assert len(rows) == 1
    assert rows[0].new.endswith("năm 2025 và Tháng hành động năm 2025")
    assert rows[0].old.endswith("năm 2024 và Tháng hành động năm 2024")


def test_comments_naming_the_old_file_name_the_new_one(tmp_path: Path) -> None:
    from bdg_plan.commands.starter import build_starter

    old = tmp_path / "ke-hoach-2026.yaml"
    old.write_text(build_starter(2026, "Đồng Đăng", "Hoàng Văn Nam", file_name=old.name), encoding="utf-8")
    assert "bdg-plan validate ke-hoach-2026.yaml" in old.read_text(encoding="utf-8")
    result = api.new_year(old)
    new = result.output_path
    assert new is not None and new.name == "ke-hoach-2027.yaml"
    text = new.read_text(encoding="utf-8")
    assert "bdg-plan validate ke-hoach-2027.yaml" in text
    assert "ke-hoach-2026.yaml" not in text


def test_one_edit_settles_a_review_item() -> None:
    """Changing the value under a `# CẦN XEM LẠI` comment turns its warning into a note not counted."""
    from bdg_plan.errors import Severity

    _data, result = rolled()
    text = result.data.decode("utf-8")
    assert text.count("# CẦN XEM LẠI:") >= 3
    before = api.validate_bytes(result.data, "plan2025.yaml").problems
    marks = [p for p in before if p.code == "review-comment"]
    assert marks and all(p.severity is Severity.WARNING for p in marks)
    # The clerk writes this year's Công văn in place of last year's: one edit, no comment deleted.
    edited = text.replace(
        "Căn cứ Công văn số 739/SNV-CTTN ngày 12/12/2023", "Căn cứ Công văn số 15/SNV-CTTN ngày 10/01/2025"
    )
    assert edited != text
    after = api.validate_bytes(edited.encode("utf-8"), "plan2025.yaml").problems
    done = [p for p in after if p.code == "review-comment-done"]
    assert len(done) == 1 and done[0].severity is Severity.NOTE
    assert "có thể xóa dòng ghi chú" in done[0].message
    # The other items, whose values did not change, are still warnings.
    assert len([p for p in after if p.code == "review-comment"]) == len(marks) - 1


def test_rolling_again_rewrites_an_items_note_for_the_new_year_instead_of_stacking() -> None:
    text = PLAN_2024.replace("giai đoạn 2021 - 2030", "giai đoạn 2021 - 2024")
    _data, first = rolled(text)
    said = "# CẦN XEM LẠI: Giai đoạn 2021 - 2024 đã kết thúc trước năm"
    assert first.data.decode("utf-8").count(said) == 1
    second = roll_forward(first.data, "plan2025.yaml", 2026)
    new = second.data.decode("utf-8")
    assert new.count(said) == 1
    assert f"{said} 2026" in new
