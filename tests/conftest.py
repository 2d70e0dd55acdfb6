"""Shared fixtures: the example plan and helpers to make modified copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_PLAN = EXAMPLES / "plan2023.yaml"
SEED = ROOT.parent / "shared" / "seed" / "ke-hoach-bdg-2023-hong-phong.md"


@pytest.fixture
def example_text() -> str:
    return EXAMPLE_PLAN.read_text(encoding="utf-8")


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE_PLAN
