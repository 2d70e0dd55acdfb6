"""new-year on unusual but valid plans: year ranges, odd spellings of the year, YAML aliases.

Each case is a valid plan; new-year must either write a plan that validates (review warnings
allowed) with the intended values, or refuse with a message (exit 1), never corrupt a value or
fail as a program error.
"""

from __future__ import annotations

import pytest
import yaml

from bdg_plan.api import validate_bytes
from bdg_plan.commands.new_year import roll_forward
from bdg_plan.commands.year_mentions import PLAN, classify
from bdg_plan.errors import BdgPlanError, has_errors
from tests.conftest import EXAMPLE_PLAN

EXAMPLE = EXAMPLE_PLAN.read_text(encoding="utf-8")


def edited(*edits: tuple[str, str]) -> str:
    text = EXAMPLE
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    assert not has_errors(validate_bytes(text.encode(), "plan2023.yaml").problems)
    return text


def rolled(text: str) -> dict[str, object]:
    result = roll_forward(text.encode("utf-8"), "plan2023.yaml")
    report = validate_bytes(result.data, "plan2024.yaml")
    assert not has_errors(report.problems), [p.message for p in report.problems]
    data = yaml.safe_load(result.data.decode("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    "period",
    [
        "năm 2023/2024",
        "năm 2023 / 2024",
        "năm 2023-2024",
        "năm 2023 – 2024",
        "năm 2023—2024",
        "năm 2023 đến 2025",
    ],
)
def test_a_period_starting_with_the_plan_year_is_kept(period: str) -> None:
    assert [m for m in classify(f"Triển khai {period}", 2023, 2024) if m.kind == PLAN] == []
    data = rolled(edited(("Triển khai", f"Triển khai {period} và")))
    assert period in str(data["trich_yeu"])


@pytest.mark.parametrize("written", ["2023", "02023", "2_0_2_3", "0_2023", "'2023'", '"2023"', "+2023"])
def test_the_year_moves_however_it_is_written(written: str) -> None:
    data = rolled(edited(("nam: 2023", f"nam: {written}")))
    assert int(str(data["nam"]).replace("_", "")) == 2024
    assert str(data["ngay"]).startswith("2024-")


ALIASED = [
    ("so-aliases-nam", (("nam: 2023", "nam: &y 2023"), ("so: null", "so: *y"))),
    ("tu-aliases-ngay", (("ngay: 2023-03", "ngay: &d 2023-03-06"), ("  tu: 2023-11-15", "  tu: *d"))),
    ("den-aliases-tu", (("  tu: 2023-11-15", "  tu: &t 2023-11-15"), ("  den: 2023-12-15", "  den: *t"))),
]


@pytest.mark.parametrize("edits", [e for _, e in ALIASED], ids=[n for n, _ in ALIASED])
def test_a_dated_value_shared_through_an_alias_is_refused_with_a_message(
    edits: tuple[tuple[str, str], ...],
) -> None:
    text = EXAMPLE
    for old, new in edits:
        text = text.replace(old, new, 1)
    assert not has_errors(validate_bytes(text.encode(), "plan2023.yaml").problems)
    with pytest.raises(BdgPlanError) as refused:
        roll_forward(text.encode("utf-8"), "plan2023.yaml")
    assert refused.value.exit_code == 1
    assert "bí danh" in refused.value.message
    assert "Lỗi chương trình" not in refused.value.message
