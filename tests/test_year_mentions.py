"""new-year's classes of the dates and years in a plan's text (bdg_plan.commands.year_mentions)."""

from __future__ import annotations

import pytest

from bdg_plan.commands.year_mentions import CITED, FIXED, HISTORY, PLAN, SUPERSEDED, citations, classify


def labelled(text: str, plan_year: int = 2024, new_year: int = 2025) -> list[tuple[str, str, str | None]]:
    """(the year as written, its class, its new digits) for every year of `text`."""
    return [(text[m.start : m.end], m.kind, m.new) for m in classify(text, plan_year, new_year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The plan's own time moves.
        ("Thời gian: 15/11 - 15/12/2024.", [("2024", PLAN, "2025")]),
        ("Tháng 12/2024; quý IV/2024; tháng 11 năm 2024", [("2024", PLAN, "2025")] * 3),
        (
            "Báo cáo trước ngày 10/12/2024 và trước ngày 15/01/2025.",
            [("2024", PLAN, "2025"), ("2025", PLAN, "2026")],
        ),
        ("Kinh phí thực hiện năm 2024 từ ngân sách xã.", [("2024", PLAN, "2025")]),
        ("Tổ chức ngày 06 tháng 3 năm 2024.", [("2024", PLAN, "2025")]),
        # Cited and fixed years stay.
        ("Luật Bình đẳng giới năm 2006", [("2006", CITED, None)]),
        ("Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ", [("2021", CITED, None)]),
        ("Chiến lược quốc gia giai đoạn 2021 - 2030", [("2021", FIXED, None), ("2030", FIXED, None)]),
        ("Mít tinh hưởng ứng ngày 25/11 hằng năm", []),
        ("phấn đấu đến năm 2030", [("2030", FIXED, None)]),
        # Past facts stay and are flagged.
        ("Tỷ lệ tăng 5% so với năm 2023.", [("2023", HISTORY, None)]),
        ("Năm 2023 đạt 85% chỉ tiêu.", [("2023", HISTORY, None)]),
        # Citations of the plan year or the year before are superseded.
        (
            "Công văn số 739/SNV-CTTN ngày 12/12/2023 của Sở Nội vụ về hướng dẫn năm 2024",
            [("2023", SUPERSEDED, None), ("2024", CITED, None)],
        ),
        ("Kế hoạch số 1089/KH-UBND ngày 02/01/2024 của UBND huyện", [("2024", SUPERSEDED, None)]),
    ],
)
def test_each_class(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert labelled(text) == expected


def test_a_mixed_sentence_flags_the_citation_and_moves_the_plans_own_year() -> None:
    text = (
        "Thực hiện Kế hoạch số 108/KH-UBND ngày 06/3/2024 của UBND huyện Cao Lộc về thực hiện công tác "
        "bình đẳng giới năm 2024, UBND xã xây dựng Kế hoạch thực hiện công tác bình đẳng giới năm 2024 "
        "trên địa bàn xã, như sau:"
    )
    assert [kind for _year, kind, _new in labelled(text)] == [SUPERSEDED, CITED, PLAN]
    assert labelled(text)[-1] == ("2024", PLAN, "2025")


def test_a_part_of_last_years_results_is_history() -> None:
    mentions = classify("Kết quả thực hiện năm 2024", 2024, 2025, history_part=True)
    assert [m.kind for m in mentions] == [HISTORY]


def test_the_29th_of_february_stays_a_real_day() -> None:
    text = "Hạn chót 29/02/2024."
    (mention,) = classify(text, 2024, 2025)
    assert (text[mention.start : mention.end], mention.new) == ("29/02/2024", "28/02/2025")


def test_a_citation_ends_at_its_clause() -> None:
    text = "Căn cứ Luật Bình đẳng giới năm 2006, Nghị định số 70/2008/NĐ-CP; UBND xã xây dựng năm 2024"
    spans = [(text[c.start : c.end], c.type_name) for c in citations(text)]
    assert spans == [("Luật Bình đẳng giới năm 2006", "Luật"), ("Nghị định số 70/2008/NĐ-CP", "Nghị định")]
    assert labelled(text)[-1] == ("2024", PLAN, "2025")


def test_the_work_is_linear_in_the_text() -> None:
    """A citation of 20,000 digits (hostile input) is read in one pass: one mention per year."""
    text = "Căn cứ Kế hoạch số " + "1" * 20_000 + "/KH ngày 02/01/2024; năm 2024"
    kinds = [m.kind for m in classify(text, 2024, 2025)]
    assert kinds == [SUPERSEDED, PLAN]
