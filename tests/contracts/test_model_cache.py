"""The plan model's cached core schemas: same results as a fresh build, never used when stale.

Contracts of the start cache: a warm start builds no schema (so a cache that silently stops
being used fails here, not in a benchmark months later), a stale, damaged or planted file is never
run, and the cache lives only beside the package's byte code. The work is bounded, not timed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest

from bdg_plan.pipeline import validate_bytes
from bdg_plan.plan.model import Khoan, Muc, Plan, YGachDauDong
from bdg_plan.startup import cache_files, model_cache
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


def probe(folder: Path, files: list[str], **extra: str) -> dict[str, Any]:
    """Run tests/contracts/model_cache_probe.py in a fresh interpreter, byte code under `folder`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV")}
    env.pop(cache_files.NO_CACHE_ENV, None)
    env.update(PYTHONPYCACHEPREFIX=str(folder), **extra)
    result = subprocess.run(
        [sys.executable, "-m", "tests.contracts.model_cache_probe", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def cache_files_under(folder: Path) -> list[str]:
    """The names of the start caches' files anywhere under `folder`."""
    return sorted(p.name for p in folder.rglob("*") if p.suffix in (".pickle", ".jinja"))


def test_cached_model_gives_the_same_results_as_a_fresh_build(tmp_path: Path) -> None:
    """Protects: a model built from the cache validates, reports and renders exactly as a fresh build."""
    files = corpus(tmp_path)
    folder = tmp_path / "pyc"
    cold = probe(folder, files)
    assert cold["at_import"] > 0  # no cache yet: built the ordinary way
    (written,) = folder.rglob(model_cache.CACHE_NAME)
    # The real place: the byte-code folder of bdg_plan/startup, under the prefix.
    assert written.parent.parts[-2:] == ("bdg_plan", "startup")
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
    """Protects the cache's point: a second start, the cache where the program keeps it, builds nothing.

    When an upgrade (pydantic, Python) or an edit makes the cache silently unusable, this fails.
    """
    examples = [str(path) for path in sorted(EXAMPLES.glob("*.yaml")) if not path.name.startswith("communes")]
    folder = tmp_path / "pyc"
    probe(folder, [])
    warm = probe(folder, examples)
    assert warm["at_import"] == 0
    assert warm["calls"] == []
    assert len(warm["rendered"]) == len(examples)
    # Both caches were written: the model's and one file per built-in template used.
    names = cache_files_under(folder)
    assert model_cache.CACHE_NAME in names and len(names) >= 3


def test_no_cache_turns_both_caches_off(tmp_path: Path) -> None:
    """Protects BDG_PLAN_NO_CACHE=1: nothing read or written, every start builds the model."""
    folder = tmp_path / "pyc"
    probe(folder, [str(EXAMPLE_PLAN)])  # caches written
    cached = cache_files_under(folder)
    for path in folder.rglob("*"):
        if path.name in cached:
            path.unlink()
    for _ in range(2):
        run = probe(folder, [str(EXAMPLE_PLAN)], BDG_PLAN_NO_CACHE="1")
        assert run["at_import"] > 0
        assert len(run["rendered"]) == 1
    assert cache_files_under(folder) == []
    assert probe(folder, [], BDG_PLAN_NO_CACHE="0")["at_import"] > 0  # "0" means on: written now
    assert model_cache.CACHE_NAME in cache_files_under(folder)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, the only one install() reads and writes."""
    monkeypatch.setattr(cache_files, "cache_folder", lambda: str(tmp_path))
    return tmp_path


def assert_still_validates() -> None:
    result = validate_bytes(EXAMPLE_PLAN.read_bytes(), "plan.yaml")
    assert result.plan is not None
    assert result.plan.luu == ["VT"]
    assert not [p for p in result.problems if p.is_error]


def read_cache(folder: Path) -> tuple[list[str], Any]:
    """The header's words and the unpickled body of the cache file in `folder`."""
    header, _, body = (folder / model_cache.CACHE_NAME).read_bytes().partition(b"\n")
    return header.decode().split(), pickle.loads(body)


def plant(folder: Path, body: bytes, key: str | None = None) -> None:
    """Write a cache file with a header that passes: the current key and the body's digest."""
    key = model_cache.cache_key(MODELS) if key is None else key
    digest = hashlib.sha256(body).hexdigest()
    (folder / model_cache.CACHE_NAME).write_bytes(f"bdg-plan-plan-model-v2 {key} {digest}\n".encode() + body)


class RunsCode:
    """Pickles as a call of `exec` that creates `marker`: what a planted cache would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


def test_a_missing_cache_is_written_then_used(folder: Path) -> None:
    """Protects the round trip: the file holds the key and the body's digest in its header."""
    assert model_cache.install(MODELS) is False
    (magic, key, digest), entries = read_cache(folder)
    assert magic == "bdg-plan-plan-model-v2"
    assert key == model_cache.cache_key(MODELS)
    body = (folder / model_cache.CACHE_NAME).read_bytes().partition(b"\n")[2]
    assert digest == hashlib.sha256(body).hexdigest()
    assert set(entries) == {"Plan", "Muc", "Khoan", "YGachDauDong"}
    assert model_cache.install(MODELS) is True
    assert_still_validates()


def test_a_stale_cache_is_never_used_and_is_rewritten(folder: Path) -> None:
    """Protects against a stale cache: another key, even with a whole body, is rebuilt."""
    # A cache made for other sources, holding another model's schema under the plan's name:
    # used, it would make every plan invalid.
    wrong = {model.__qualname__: (YGachDauDong.__pydantic_core_schema__, None) for model in MODELS}
    plant(folder, pickle.dumps(wrong), key="another key")
    assert model_cache.install(MODELS) is False
    assert_still_validates()
    (_, key, _), _ = read_cache(folder)
    assert key == model_cache.cache_key(MODELS)
    assert model_cache.install(MODELS) is True


def test_a_stale_or_damaged_file_is_never_unpickled(folder: Path, tmp_path: Path) -> None:
    """Protects: the header is checked before a byte of the pickle is read."""
    marker = tmp_path / "ran"
    payload = pickle.dumps(RunsCode(marker))
    key = model_cache.cache_key(MODELS)
    digest = hashlib.sha256(payload).hexdigest()
    for content in (
        payload,  # no header
        pickle.dumps((key, RunsCode(marker))),  # the old format: the key inside the pickle
        f"bdg-plan-plan-model-v2 another-key {digest}\n".encode() + payload,
        f"bdg-plan-plan-model-v2 {key} {'0' * 64}\n".encode() + payload,  # body not the one digested
    ):
        (folder / model_cache.CACHE_NAME).write_bytes(content)
        assert model_cache.install(MODELS) is False
        assert not marker.exists()
    assert_still_validates()


@pytest.mark.parametrize(
    "body",
    [
        pickle.dumps(RunsCode(Path("/nonexistent/marker"))),  # builtins.exec
        b"cos\nsystem\n(S'true'\ntR.",  # os.system
        b"cbdg_plan.plan.model\nField\n.",  # a function the module imported, not defined
        b"cbdg_plan.plan.model\nmodel_cache\n.",  # a module the model module imported
        b"\x80\x04\x8c\x13bdg_plan.plan.model\x8c\x12Plan.model_rebuild\x93.",  # a dotted name
        b"cbuiltins\ngetattr\n(cbdg_plan.plan.field_types\n_strip_text\nS'__globals__'\ntR.",
        b"cbuiltins\ngetattr\n(cbdg_plan.plan.field_types\n_strip_text\nI1\ntR.",
        b"cbdg_plan.startup.cache_files\nwrite\n(S'x'\nC\x00tR.",  # writes files: not a model module
    ],
    ids=[
        "exec",
        "os-system",
        "imported-class",
        "imported-module",
        "dotted",
        "dunder-getattr",
        "getattr-not-text",
        "writer",
    ],
)
def test_a_planted_file_with_a_valid_header_names_nothing_outside_the_model(
    folder: Path, tmp_path: Path, body: bytes
) -> None:
    """Protects against a planted file whose header is right (the key is public): it cannot run commands."""
    plant(folder, body)
    assert model_cache.install(MODELS) is False
    assert_still_validates()
    assert not (tmp_path / "x").exists()
    assert model_cache.install(MODELS) is True  # rewritten


@pytest.mark.parametrize(
    "body",
    [
        b"",
        pickle.dumps("not a cache"),
        pickle.dumps({"Plan": ("k", "v", "w")}),
        pickle.dumps({1: ({}, None)}),
    ],
    ids=["empty", "foreign", "wrong-shape", "wrong-key-type"],
)
def test_a_body_of_the_wrong_shape_is_rebuilt(folder: Path, body: bytes) -> None:
    """Protects: only a mapping of class names to (schema, config) pairs is used."""
    plant(folder, body) if body else (folder / model_cache.CACHE_NAME).write_bytes(body)
    assert model_cache.install(MODELS) is False
    assert_still_validates()
    assert model_cache.install(MODELS) is True


def test_a_schema_pydantic_core_refuses_is_rebuilt(folder: Path) -> None:
    """Protects: a schema pydantic-core refuses is not used."""
    broken = {model.__qualname__: ({"type": "no-such-type"}, None) for model in MODELS}
    plant(folder, pickle.dumps(broken))
    assert model_cache.install(MODELS) is False
    assert_still_validates()


def test_the_key_follows_versions_and_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Protects freshness: pydantic's version, the classes cached and the model's source change the key."""
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


def test_no_writable_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Protects a read-only install: no cache, the model built on each start, no error."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(cache_files, "cache_folder", lambda: str(blocked / "sub"))
    assert model_cache.install(MODELS) is False
    assert model_cache.install(MODELS) is False  # built again: nowhere to keep it
    assert_still_validates()


def test_the_cache_lives_only_beside_the_byte_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Protects the trust boundary: no user cache folder (XDG_CACHE_HOME is set here), no relative path."""
    package = Path(cache_files.__file__).parent
    monkeypatch.setattr(sys, "pycache_prefix", None)
    assert cache_files.cache_folder() == str(package / "__pycache__")
    monkeypatch.setattr(sys, "pycache_prefix", "/some/prefix")
    folder = Path(cache_files.cache_folder() or "")
    assert folder.is_relative_to("/some/prefix") and folder.parts[-2:] == ("bdg_plan", "startup")
    monkeypatch.setattr(sys, "pycache_prefix", "relative/prefix")  # would be beside the plan
    assert cache_files.cache_folder() is None
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setenv("BDG_PLAN_NO_CACHE", "1")
    assert cache_files.cache_folder() is None


def test_an_interpreter_without_byte_code_caching_caches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Protects: with no byte-code folder there is no cache folder (no fallback to the user's)."""
    monkeypatch.setattr(sys.implementation, "cache_tag", None)
    assert cache_files.cache_folder() is None


def test_model_modules_are_what_the_model_imports() -> None:
    """Protects the key: every module whose source defines the model is hashed into it."""
    code = (
        "import json, sys, bdg_plan.plan.model; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('bdg_plan.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(json.loads(result.stdout))
    # Messages are run-time text, not schema; these two write the cache after a rebuild.
    ignored = {"bdg_plan.errors", "bdg_plan.output"}
    defining = {name for name in loaded - ignored if not name.startswith("bdg_plan.messages")}
    assert defining == set(model_cache.MODEL_MODULES)


def test_no_file_is_written_beside_the_plan(tmp_path: Path) -> None:
    """Protects clerks' folders: a run writes nothing beside the plan, even with a relative cache path."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(EXAMPLE_PLAN.read_bytes())
    # (Python itself would write its .pyc files under a relative prefix: not asked of it here.)
    env = {
        **os.environ,
        "XDG_CACHE_HOME": "cache",
        "PYTHONPYCACHEPREFIX": "pyc",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    subprocess.run(
        [sys.executable, "-m", "bdg_plan", "validate", str(plan)],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        env=env,
    )
    assert [path.name for path in tmp_path.iterdir()] == ["plan.yaml"]
