"""The compiled built-in templates' cache: used only when current, the same document either way.

Contracts of the start cache: a warm start compiles no template, a stale, damaged or foreign file
is compiled again (never unpickled), and BDG_PLAN_NO_CACHE turns it off. Bounded work, not time.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import pytest

from bdg_plan.compose import templating as sandbox
from bdg_plan.compose.document import compose
from bdg_plan.docx.write.document import write_docx
from bdg_plan.pipeline import validate_bytes
from bdg_plan.startup import cache_files
from bdg_plan.startup.template_cache import TemplateCache
from tests.conftest import EXAMPLES

TEMPLATES = ("ke-hoach.md.j2", "_dan-y.md.j2", "phu-luc.md.j2")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of the test's own, and no environment left over from other tests."""
    monkeypatch.setattr(cache_files, "cache_folder", lambda: str(tmp_path))
    sandbox.template_environment.cache_clear()
    yield tmp_path
    sandbox.template_environment.cache_clear()


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source."""
    names: list[str] = []
    original = sandbox.PlanSandbox.compile

    def counting(self: sandbox.PlanSandbox, source: str, name: str | None = None, *args: object) -> object:
        names.append(str(name))
        return original(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(sandbox.PlanSandbox, "compile", counting)
    return names


def documents() -> list[bytes]:
    """Every example plan, composed and written with a fresh template environment."""
    sandbox.template_environment.cache_clear()
    out = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        result = validate_bytes(path.read_bytes(), path.name, path.parent)
        if result.plan is not None:
            out.append(write_docx(compose(result.plan)))
    return out


def test_a_warm_start_compiles_no_template_and_writes_the_same_documents(
    folder: Path, compiled: list[str]
) -> None:
    """Protects the cache's point: a second start compiles nothing and writes the same bytes."""
    cold = documents()
    assert set(compiled) >= {"ke-hoach.md.j2", "_dan-y.md.j2"}
    assert len(list(folder.glob("template-*.jinja"))) == len(set(compiled))
    compiled.clear()
    warm = documents()
    assert compiled == []
    assert warm == cold and len(warm) >= 4


def test_a_damaged_entry_is_compiled_again(folder: Path, compiled: list[str]) -> None:
    """Protects against a damaged file: compiled again and rewritten whole."""
    cold = documents()
    for entry in folder.glob("template-*.jinja"):
        entry.write_bytes(entry.read_bytes()[:40])  # cut inside the checksum or the code
    compiled.clear()
    assert documents() == cold
    assert set(compiled) >= {"ke-hoach.md.j2", "_dan-y.md.j2"}
    compiled.clear()
    assert documents() == cold
    assert compiled == []  # rewritten whole


@pytest.mark.parametrize("garbage", [b"", b"j2junk", b"\x00" * 200])
def test_garbage_is_never_run(folder: Path, compiled: list[str], garbage: bytes) -> None:
    """Protects against garbage where a cache file goes: never run, the same documents."""
    cold = documents()
    for entry in folder.glob("template-*.jinja"):
        entry.write_bytes(garbage)
    assert documents() == cold


def test_an_entry_follows_the_sandbox_source_and_the_template_text(folder: Path) -> None:
    """Protects freshness: an edit of the sandbox or of the template makes the entry stale."""

    def bucket(cache: TemplateCache, source: str) -> Any:
        return cache.get_bucket(jinja2.Environment(bytecode_cache=cache), "a.j2", "/x/a.j2", source)

    one, two = TemplateCache(b"sandbox one"), TemplateCache(b"sandbox two")
    made = bucket(one, "{{ 1 }}")
    made.code = jinja2.Environment().compile("{{ 1 }}", "a.j2", "/x/a.j2")
    one.set_bucket(made)
    assert bucket(one, "{{ 1 }}").code is not None
    assert bucket(one, "{{ 2 }}").code is None  # the template's text changed
    assert bucket(two, "{{ 1 }}").code is None  # the sandbox changed
    assert len(list(folder.glob("template-*.jinja"))) == 1  # one file per template, rewritten


def test_a_template_folder_is_not_cached(folder: Path, tmp_path: Path) -> None:
    """Protects: only the built-in templates are cached, never a clerk's template folder."""
    user = tmp_path / "mau"
    user.mkdir()
    assert sandbox.template_environment(str(user)).bytecode_cache is None
    assert isinstance(sandbox.template_environment(None).bytecode_cache, TemplateCache)


def test_jinja_s_own_format_is_never_unpickled(folder: Path, tmp_path: Path) -> None:
    """Protects against a file in Jinja's format, whose checksum is a pickle read before any check."""
    documents()
    marker = tmp_path / "ran"

    class RunsCode:
        def __reduce__(self) -> tuple[object, ...]:
            return (exec, (f"open({str(marker)!r}, 'w').close()",))

    for entry in folder.glob("template-*.jinja"):
        entry.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(RunsCode(), 2))
    documents()
    assert not marker.exists()


def test_a_header_that_matches_over_bad_code_is_compiled_again(folder: Path, compiled: list[str]) -> None:
    """Protects: code marshal cannot read, even under a header that matches, is compiled again."""
    cold = documents()
    for entry in folder.glob("template-*.jinja"):
        header = entry.read_bytes().partition(b"\n")[0].split(b" ")
        code = b"\xff not marshal"
        header[-1] = hashlib.sha256(code).hexdigest().encode()
        entry.write_bytes(b" ".join(header) + b"\n" + code)
    compiled.clear()
    assert documents() == cold
    assert set(compiled) >= {"ke-hoach.md.j2", "_dan-y.md.j2"}


def test_no_cache_compiles_every_time_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str]
) -> None:
    """Protects BDG_PLAN_NO_CACHE=1 for the templates: nothing written, nothing read."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    monkeypatch.setenv("BDG_PLAN_NO_CACHE", "1")
    first = documents()
    compiled.clear()
    assert documents() == first
    assert set(compiled) >= {"ke-hoach.md.j2", "_dan-y.md.j2"}
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    monkeypatch.delenv("BDG_PLAN_NO_CACHE")
    documents()
    assert list(tmp_path.rglob("template-*.jinja"))  # the same folder, now written
    sandbox.template_environment.cache_clear()
