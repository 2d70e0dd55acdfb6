"""The plan model's cached core schemas: same results as a fresh build, never used when stale.

The work is bounded, not timed: a start with a current cache makes no call of pydantic's
Python-side schema generation (the slow part of building the model).
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest

from bdg_plan.pipeline import validate_bytes
from bdg_plan.plan.model import Khoan, Muc, Plan, YGachDauDong
from bdg_plan.startup import cache_files as start_cache
from bdg_plan.startup import model_cache
from tests.conftest import EXAMPLE_PLAN, EXAMPLES, ROOT

MODELS = (Plan, Muc, Khoan, YGachDauDong)

#: Mistakes deep in the free outline and an annex, appended to the example plan.
MISTAKES = {
    "outline-unknown-key.yaml": "than_van_ban:\n  - muc: Mục đích\n    noi_dng: [Một đoạn.]\n",
    "annex-unknown-key.yaml": (
        "phu_luc:\n  - ten: Phụ lục\n    noi_dung:\n      - khoan: A\n        noi_dug: []\n"
    ),
    "table-wrong-type.yaml": (
        "than_van_ban:\n  - bang:\n      cot: [A]\n      dong: [{A: {x: 1}}]\n      co_chu: 14\n"
    ),
    "opening-wrong-type.yaml": "de_nghi: [1, 2]\n",
}
#: Header lines of the example replaced (the rules that run when the shape is wrong).
HEADER_MISTAKES = {
    "nam: 2023": "nam: true",
    "ky_hieu: KH-UBND": "ky_hieu: kh",
    "ngay: 2023-03": "ngay: 2023-02-30",
}


def corpus(tmp_path: Path) -> list[str]:
    """Every plan file of the examples and the tests (the hostile corpus too), and MISTAKES."""
    files = sorted(EXAMPLES.glob("*.yaml"))
    files += sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    files += sorted(path for path in (ROOT / "tests" / "hostile").rglob("*") if path.is_file())
    example = EXAMPLE_PLAN.read_text(encoding="utf-8")
    for name, text in MISTAKES.items():
        (tmp_path / name).write_text(example + "\n" + text, encoding="utf-8")
        files.append(tmp_path / name)
    header = example
    for old, wrong in HEADER_MISTAKES.items():
        header = header.replace(f"\n{old}\n", f"\n{wrong}\n", 1)
    (tmp_path / "header-wrong.yaml").write_text(header, encoding="utf-8")
    files.append(tmp_path / "header-wrong.yaml")
    return [str(path) for path in files if path.name != "cases.yaml"]


def probe(folder: Path, files: list[str]) -> dict[str, Any]:
    """Run tests/model_cache_probe.py in a fresh interpreter with the cache in `folder`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV")}
    result = subprocess.run(
        [sys.executable, "-m", "tests.model_cache_probe", str(folder), *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_cached_model_gives_the_same_results_as_a_fresh_build(tmp_path: Path) -> None:
    files = corpus(tmp_path)
    folder = tmp_path / "cache"
    cold = probe(folder, files)
    assert cold["at_import"] > 0  # no cache yet: built the ordinary way
    assert (folder / model_cache.CACHE_NAME).is_file()
    warm = probe(folder, files)
    assert warm["at_import"] == 0
    assert warm["results"] == cold["results"]
    assert warm["rendered"] == cold["rendered"]
    assert warm["schema"] == cold["schema"]
    # The comparison covers valid plans and broken ones, deep in the outline and in the header.
    assert len(warm["rendered"]) >= 5
    problems = [p for result in warm["results"].values() for p in result["problems"]]
    assert {p[2] for p in problems} >= {
        "unknown-key",
        "wrong-type",
        "wrong-value",
        "missing-field",
        "invalid-date",
    }
    header = next(result for name, result in warm["results"].items() if name.endswith("header-wrong.yaml"))
    assert [p[2] for p in header["problems"]] == ["wrong-type", "ky-hieu-format", "invalid-date"]


def test_a_warm_start_builds_no_schema_to_validate_and_render(tmp_path: Path) -> None:
    examples = [str(path) for path in sorted(EXAMPLES.glob("*.yaml")) if not path.name.startswith("communes")]
    folder = tmp_path / "cache"
    probe(folder, [])
    warm = probe(folder, examples)
    assert warm["at_import"] == 0
    assert warm["calls"] == []
    assert len(warm["rendered"]) == len(examples)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, the only one install() reads and writes."""

    def only(path: Path = tmp_path) -> Iterator[str]:
        yield str(path)

    monkeypatch.setattr(start_cache, "cache_folders", only)
    return tmp_path


def assert_still_validates() -> None:
    result = validate_bytes(EXAMPLE_PLAN.read_bytes(), "plan.yaml")
    assert result.plan is not None
    assert result.plan.luu == ["VT"]
    assert not [p for p in result.problems if p.is_error]


def test_a_missing_cache_is_written_then_used(folder: Path) -> None:
    assert model_cache.install(MODELS) is False
    key, entries = pickle.loads((folder / model_cache.CACHE_NAME).read_bytes())
    assert key == model_cache.cache_key(MODELS)
    assert set(entries) == {"Plan", "Muc", "Khoan", "YGachDauDong"}
    assert model_cache.install(MODELS) is True
    assert_still_validates()


def test_a_stale_cache_is_never_used_and_is_rewritten(folder: Path) -> None:
    # A cache made for other sources, holding another model's schema under the plan's name:
    # used, it would make every plan invalid.
    wrong = {model.__qualname__: (YGachDauDong.__pydantic_core_schema__, None) for model in MODELS}
    (folder / model_cache.CACHE_NAME).write_bytes(pickle.dumps(("another key", wrong)))
    assert model_cache.install(MODELS) is False
    assert_still_validates()
    key, _ = pickle.loads((folder / model_cache.CACHE_NAME).read_bytes())
    assert key == model_cache.cache_key(MODELS)
    assert model_cache.install(MODELS) is True


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x80\x05junk",
        pickle.dumps("not a cache"),
        pickle.dumps(("k", "v", "w")),
        b"cbuiltins\neval\n(S'1/0'\ntR.",  # raises while loading
        b"cbdg_plan.model\nGone\n.",  # a class that no longer exists
    ],
    ids=["empty", "truncated", "foreign", "wrong-shape", "raising", "missing-class"],
)
def test_a_damaged_cache_is_rebuilt(folder: Path, content: bytes) -> None:
    (folder / model_cache.CACHE_NAME).write_bytes(content)
    assert model_cache.install(MODELS) is False
    assert_still_validates()
    assert model_cache.install(MODELS) is True


def test_a_schema_pydantic_core_refuses_is_rebuilt(folder: Path) -> None:
    key = model_cache.cache_key(MODELS)
    broken = {model.__qualname__: ({"type": "no-such-type"}, None) for model in MODELS}
    (folder / model_cache.CACHE_NAME).write_bytes(pickle.dumps((key, broken)))
    assert model_cache.install(MODELS) is False
    assert_still_validates()


def test_the_key_follows_versions_and_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key = model_cache.cache_key(MODELS)
    assert model_cache.cache_key(MODELS[:1]) != key
    monkeypatch.setattr(pydantic, "VERSION", "0.0.0")
    assert model_cache.cache_key(MODELS) != key
    monkeypatch.undo()
    copy = tmp_path / "fields.py"
    copy.write_bytes(
        Path(sys.modules["bdg_plan.plan.field_types"].__file__ or "").read_bytes() + b"\n# edited\n"
    )
    monkeypatch.setattr(sys.modules["bdg_plan.plan.field_types"], "__file__", str(copy))
    assert model_cache.cache_key(MODELS) != key


def test_an_unwritable_folder_falls_back_to_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    fallback = tmp_path / "user-cache"

    def folders() -> Iterator[str]:
        yield str(blocked / "sub")
        yield str(fallback)

    monkeypatch.setattr(start_cache, "cache_folders", folders)
    assert model_cache.install(MODELS) is False
    assert (fallback / model_cache.CACHE_NAME).is_file()
    assert model_cache.install(MODELS) is True


def test_no_writable_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")

    def folders() -> Iterator[str]:
        yield str(blocked / "one")
        yield str(blocked / "two")

    monkeypatch.setattr(start_cache, "cache_folders", folders)
    assert model_cache.install(MODELS) is False
    assert model_cache.install(MODELS) is False  # built again: nowhere to keep it
    assert_still_validates()


def test_the_cache_lives_beside_the_byte_code_else_in_the_user_cache(tmp_path: Path) -> None:
    first, second = start_cache.cache_folders()
    package = Path(start_cache.__file__).parent
    if sys.pycache_prefix is None:
        assert Path(first) == package / "__pycache__"
    else:
        assert Path(first).is_relative_to(sys.pycache_prefix)
    assert Path(second) == Path(os.environ["XDG_CACHE_HOME"]) / "bdg-plan"  # conftest's folder


def test_an_interpreter_without_byte_code_caching_uses_the_user_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys.implementation, "cache_tag", None)
    assert list(start_cache.cache_folders()) == [str(Path(os.environ["XDG_CACHE_HOME"]) / "bdg-plan")]


def test_model_modules_are_what_the_model_imports() -> None:
    code = (
        "import json, sys, bdg_plan.plan.model; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('bdg_plan.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(json.loads(result.stdout))
    # Messages are run-time text, not schema; these three write the cache after a rebuild.
    ignored = {"bdg_plan.crash", "bdg_plan.errors", "bdg_plan.output"}
    defining = {name for name in loaded - ignored if not name.startswith("bdg_plan.messages")}
    assert defining == set(model_cache.MODEL_MODULES)


def test_no_file_is_written_beside_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(EXAMPLE_PLAN.read_bytes())
    subprocess.run(
        [sys.executable, "-m", "bdg_plan", "validate", str(plan)],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    assert [path.name for path in tmp_path.iterdir()] == ["plan.yaml"]
