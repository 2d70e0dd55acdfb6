"""Every plan in examples/ validates: no errors, and only the warnings listed here."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bdg_plan.api import validate
from bdg_plan.cli.app import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: Plan files; communes*.yaml are batch lists, checked by tests/test_batch.py.
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith("communes"))

#: Warnings an example is allowed to have, as (line, code). None today; an example added with
#: a deliberate warning (say, to show the 2025 reform) must be listed here.
EXPECTED_WARNINGS: dict[str, list[tuple[int, str]]] = {}


def test_examples_exist() -> None:
    assert EXAMPLES / "plan2023.yaml" in EXAMPLE_FILES


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[path.name for path in EXAMPLE_FILES])
def test_example_validates(path: Path) -> None:
    result = validate(path)

    errors = [p.plain() for p in result.problems if p.is_error]
    assert errors == []
    warnings = [(p.line, p.code) for p in result.problems if not p.is_error]
    assert warnings == EXPECTED_WARNINGS.get(path.name, [])
    assert result.plan is not None


def test_cli_validates_all_examples_at_once() -> None:
    result = CliRunner().invoke(
        app,
        ["validate", "--format", "plain", *map(str, EXAMPLE_FILES)],
        env={"COLUMNS": "200", "NO_COLOR": "1"},
    )

    assert result.exit_code == 0, result.output
    printed = [line for line in result.output.splitlines() if line.strip()]
    assert len(printed) == sum(len(warnings) for warnings in EXPECTED_WARNINGS.values())
