"""The program's own process: what it imports for a quiet run, and its exit without teardown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bdg_plan.cli.process import exit_code
from tests.conftest import EXAMPLE_PLAN

ENV = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
ENV.pop("COVERAGE_PROCESS_START", None)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -X importtime -m bdg_plan ARGS`: the modules it imports are listed on stderr."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bdg_plan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=ENV,
        check=False,
    )


def imported(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_quiet_run_imports_neither_rich_nor_plugin_discovery(command: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copyfile(EXAMPLE_PLAN, plan)

    result = run(command, str(plan), cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    modules = imported(result.stderr)
    assert "pydantic" in modules  # the listing works
    assert not {"rich", "rich.console", "importlib.metadata"} & modules
    # Nor what only other plans or commands need: real Markdown in a template, review comments,
    # a CSV table, the Word-file and map rooms of the API.
    unneeded = {
        "markdown_it",
        "bdg_plan.rules.review_marks",
        "csv",
        "bdg_plan.api.word",
        "bdg_plan.api.communes",
    }
    assert not unneeded & modules


def test_a_run_with_problems_draws_them_and_keeps_its_exit_code(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("nam: 2023\n", encoding="utf-8")

    result = run("validate", str(plan), cwd=tmp_path)

    assert result.returncode == 1
    assert "lỗi" in result.stdout and result.stdout.rstrip().endswith(".")
    assert "rich.console" in imported(result.stderr)


def test_everything_printed_arrives_before_the_exit(tmp_path: Path) -> None:
    plans = []
    for number in range(40):
        plan = tmp_path / f"plan{number}.yaml"
        plan.write_text("nam: 2023\n", encoding="utf-8")
        plans.append(str(plan))

    result = subprocess.run(
        [sys.executable, "-m", "bdg_plan", "validate", "--format", "plain", *plans],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        check=False,
    )

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert {line.split(":", 1)[0] for line in lines} == set(plans)
    assert all(line.count(":") >= 3 for line in lines)


@pytest.mark.parametrize(("code", "expected"), [(None, 0), (0, 0), (1, 1), (2, 2), (130, 130), (256, 0)])
def test_exit_codes(code: object, expected: int) -> None:
    assert exit_code(code) == expected


def test_a_text_exit_code_is_printed_and_is_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code("không chạy được") == 1
    assert capsys.readouterr().err == "không chạy được\n"
