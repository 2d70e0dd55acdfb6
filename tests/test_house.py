"""The shape of the code: small rooms, one way through the pipeline, names that say what they hold."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

from bdg_plan import api
from bdg_plan.compose import BodyKind
from bdg_plan.docx_styles import STYLES

PACKAGE = Path(api.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    """The bdg_plan modules a module imports, at any depth (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bdg_plan"):
            if node.module == "bdg_plan":
                found.update(f"bdg_plan.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("bdg_plan"))
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycles() -> None:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start]:
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                if reaches(nxt, goal, seen):
                    return True
        return False

    # A package imports its own rooms; a room never imports its package back.
    cycles = sorted(
        (name, dep)
        for name in graph
        for dep in graph[name]
        if reaches(dep, name, set()) and not name.startswith(f"{dep}.") and not dep.startswith(f"{name}.")
    )
    assert cycles == []


def test_api_exports_everything_it_names() -> None:
    for name in api.__all__:
        assert getattr(api, name) is not None, name


def test_every_body_kind_has_a_paragraph_style() -> None:
    assert set(typing.get_args(BodyKind)) <= set(STYLES)
