"""Shared fixtures: the example plan and helpers to make modified copies of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_PLAN = EXAMPLES / "plan2023.yaml"
#: A copy of ../shared/seed/ (the original plan as Markdown text), so tests run without shared/.
SEED = ROOT / "tests" / "fixtures" / "seed" / "ke-hoach-bdg-2023-hong-phong.md"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A hostile-corpus case marked `slow: true` in tests/hostile/cases.yaml joins the slow tier."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        case = callspec.params.get("case") if callspec is not None else None
        if isinstance(case, dict) and case.get("slow"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def crash_logs_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Crash logs of the CLI's error boundary go to a temporary cache folder, not the user's."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache / "bdg-plan" / "loi"


@pytest.fixture(autouse=True)
def no_resident_office_in_the_fast_tier(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fast tests convert with plain `soffice --convert-to` runs (their fake soffice) unless they ask.

    A test of the LibreOffice kept running sets `BDG_PLAN_UNO_PYTHON` itself (tests/fake_office.py);
    the slow tier keeps the real choice, so it runs the real bridge where python3-uno exists.
    """
    if request.node.get_closest_marker("slow") is None:
        monkeypatch.setenv("BDG_PLAN_UNO_PYTHON", "")


@pytest.fixture
def example_text() -> str:
    return EXAMPLE_PLAN.read_text(encoding="utf-8")


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE_PLAN


def replace_lines(text: str, *edits: tuple[str, str]) -> str:
    """Replace whole lines of `text`; each old line must occur exactly once.

    Replacing a line by one line (a comment, to delete it) keeps every other line number, so
    expected positions can be read off `examples/plan2023.yaml`.
    """
    lines = text.split("\n")
    for old, new in edits:
        hits = [index for index, line in enumerate(lines) if line == old]
        assert len(hits) == 1, f"expected the line {old!r} exactly once, found {len(hits)}"
        lines[hits[0]] = new
    return "\n".join(lines)


@pytest.fixture
def edit_example(example_text: str) -> Callable[..., str]:
    """Return a function making a copy of the example plan with whole lines replaced."""

    def edit(*edits: tuple[str, str]) -> str:
        return replace_lines(example_text, *edits)

    return edit


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[..., Path]:
    """Return a function writing plan text (or bytes) to a file under `tmp_path`."""

    def write(content: str | bytes, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return write
