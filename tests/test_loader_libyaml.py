"""libyaml composes what the pure-Python composer does: same data, positions and problems."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bdg_plan.plan import loader
from bdg_plan.plan.loader import LoadedDocument, load_yaml
from bdg_plan.plan.source import SourceText, decode_source

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(getattr(yaml, "CSafeLoader", None) is None, reason="PyYAML without libyaml")


def both(text: str) -> tuple[LoadedDocument, LoadedDocument]:
    """The text loaded with libyaml first (as it runs), and with the pure-Python composer only."""
    fast = load_yaml(SourceText("plan.yaml", text))
    saved = loader._FAST_LOADER
    loader._FAST_LOADER = None
    try:
        slow = load_yaml(SourceText("plan.yaml", text))
    finally:
        loader._FAST_LOADER = saved
    return fast, slow


def corpus() -> list[Path]:
    """Every YAML file of the project the loader would see (files that fail to decode never reach it)."""
    return sorted(
        path
        for folder in (ROOT / "examples", ROOT / "tests")
        for path in folder.rglob("*")
        if path.suffix in (".yaml", ".yml")
        and isinstance(decode_source(path.read_bytes(), "plan.yaml"), SourceText)
    )


@pytest.mark.parametrize("path", corpus(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_of_the_corpus_loads_the_same(path: Path) -> None:
    source = decode_source(path.read_bytes(), "plan.yaml")
    assert isinstance(source, SourceText)
    fast, slow = both(source.text)
    assert (fast.data, fast.values, fast.keys, fast.problems) == (
        slow.data,
        slow.values,
        slow.keys,
        slow.problems,
    )


def test_the_fast_composer_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = yaml.compose

    def spy(text: str, Loader: object) -> object:
        calls.append(Loader)
        return real(text, Loader=Loader)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml, "compose", spy)
    load_yaml(SourceText("plan.yaml", (ROOT / "examples" / "plan2023.yaml").read_text(encoding="utf-8")))
    assert calls == [yaml.CSafeLoader]


#: Pieces that make YAML structure and its edge cases: indentation, flow, quotes, anchors, tags,
#: comments, document markers, tabs, odd breaks and Vietnamese text.
PIECES = [
    "\n",
    "  ",
    "- ",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "|",
    ">",
    "---",
    "...",
    "\t",
    "\\",
    "%YAML 1.1",
    "ten",
    "so",
    "05",
    "1:30",
    "null",
    "~",
    "yes",
    "2023-03-06",
    "Hồng Phong",
    "Đ",
    "\u2028",
    "\x85",
    "\ufeff",
    "@",
    "`",
    "<<",
    "=",
    "0x1F",
    "1e3",
    " ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_random_structures_load_the_same(pieces: list[str]) -> None:
    fast, slow = both("".join(pieces))
    assert (fast.data, fast.values, fast.keys, fast.problems) == (
        slow.data,
        slow.values,
        slow.keys,
        slow.problems,
    )
