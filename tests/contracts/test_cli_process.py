"""The program's own process: what it imports for a quiet run, and its exit without teardown.

Contracts of the start: the modules a quiet run imports (read from `-X importtime`, not timed),
and an exit that skips the interpreter's teardown but not what was printed or registered.
"""

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
    """Protects the start: a clean run imports no rich, no plugin scan, nothing another plan needs."""
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
    """Protects the other path: problems are drawn with rich, and the exit code is 1."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("nam: 2023\n", encoding="utf-8")

    result = run("validate", str(plan), cwd=tmp_path)

    assert result.returncode == 1
    assert "lỗi" in result.stdout and result.stdout.rstrip().endswith(".")
    assert "rich.console" in imported(result.stderr)


def test_everything_printed_arrives_before_the_exit(tmp_path: Path) -> None:
    """Protects output from os._exit: every line printed is flushed first."""
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
    """Protects the exit code: computed as the interpreter would from SystemExit."""
    assert exit_code(code) == expected


def test_a_text_exit_code_is_printed_and_is_1(capsys: pytest.CaptureFixture[str]) -> None:
    """Protects SystemExit("text"): printed to stderr, exit code 1, as the interpreter does."""
    assert exit_code("không chạy được") == 1
    assert capsys.readouterr().err == "không chạy được\n"


def test_atexit_functions_run_before_the_process_ends(tmp_path: Path) -> None:
    """Protects a library's clean-up from os._exit: atexit functions run, and what they print arrives."""
    marker = tmp_path / "ran"
    code = (
        "import atexit, sys\n"
        "from bdg_plan.cli.process import run_and_exit\n"
        "atexit.register(lambda: print('bye'))\n"
        "atexit.register(lambda: open(sys.argv[1], 'w', encoding='utf-8').write('ran'))\n"
        "def command():\n"
        "    print('done')\n"
        "    raise SystemExit(3)\n"
        "run_and_exit(command)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(marker)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert result.stdout == "done\nbye\n"
    assert marker.read_text(encoding="utf-8") == "ran"
