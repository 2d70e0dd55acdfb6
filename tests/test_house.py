"""The shape of the code: rooms by stage, imports only downwards, a map that names every module.

The imports are read from the AST of every module (imports inside functions included), never from
lines parsed as text.
"""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

from bdg_plan import api
from bdg_plan.compose.blocks import BodyKind
from bdg_plan.docx.write.styles import STYLES

PACKAGE = Path(api.__file__).resolve().parent.parent
MAP = PACKAGE.parent / "docs" / "kien-truc.md"

#: Each room and the rooms it may import (its own modules always). A room is a sub-package of
#: `bdg_plan` (`docx.read` and `docx.write` are two) or one module directly in it. The order is
#: the drawing in docs/kien-truc.md, from the bottom up: nothing imports a room above it.
ALLOWED: dict[str, set[str]] = {
    "messages": set(),
    "facts": {"messages"},
    "errors": {"messages"},
    "crash": {"bdg_plan"},
    "output": {"errors", "messages"},
    "startup": {"bdg_plan", "crash", "errors", "messages", "output"},
    "plan": {"errors", "facts", "messages", "output", "startup"},
    "rules": {"errors", "facts", "messages", "plan"},
    "compose": {"errors", "facts", "messages", "plan", "startup"},
    "docx.read": {"errors", "facts", "messages"},
    "docx.write": {"compose", "errors", "facts", "messages", "output"},
    "pipeline": {"compose", "docx.write", "errors", "facts", "messages", "plan", "rules"},
    "word": {"docx.read", "errors", "facts", "messages", "output", "pipeline", "plan", "rules"},
    "office": {"crash", "errors", "messages", "output"},
    "commands": {
        "compose",
        "crash",
        "docx.write",
        "errors",
        "facts",
        "messages",
        "office",
        "output",
        "pipeline",
        "plan",
        "rules",
    },
    "api": {
        "commands",
        "crash",
        "docx.read",
        "errors",
        "facts",
        "messages",
        "office",
        "output",
        "pipeline",
        "plan",
        "rules",
        "word",
    },
    # The command line uses the library through `api` alone: `messages` are its texts, the plan's
    # limits bound its arguments (so `--help` needs no `api`), `bdg_plan` gives `--version`.
    "cli": {"api", "bdg_plan", "facts", "messages"},
    "__main__": {"cli"},
    "bdg_plan": set(),
    "docx": set(),
}

#: Most modules directly in `bdg_plan/` (the issue's bound: the entry points and what every room shares).
MAX_TOP_MODULES = 10


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _room(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return "bdg_plan"
    if parts[0] == "docx" and len(parts) > 1:
        return f"docx.{parts[1]}"
    return parts[0]


def _imports(path: Path) -> set[str]:
    """The bdg_plan modules (or names of `bdg_plan` itself) a module imports, at any depth."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "bdg_plan":
                found.update(
                    f"bdg_plan.{a.name}"
                    if (PACKAGE / a.name).exists() or (PACKAGE / f"{a.name}.py").exists()
                    else "bdg_plan"
                    for a in node.names
                )
            elif base.startswith("bdg_plan."):
                found.add(base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("bdg_plan"))
    return found


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_room_imports_only_the_rooms_below_it() -> None:
    wrong = sorted(
        (name, target)
        for name, path in _modules().items()
        for target in _imports(path)
        if _room(target) != _room(name) and _room(target) not in ALLOWED[_room(name)]
    )
    assert wrong == []


def test_every_module_lives_in_a_known_room() -> None:
    assert {_room(name) for name in _modules()} <= set(ALLOWED)


def test_the_rooms_allowed_form_no_circle() -> None:
    def below(room: str, seen: set[str]) -> set[str]:
        for nxt in ALLOWED[room] - seen:
            seen.add(nxt)
            below(nxt, seen)
        return seen

    assert [room for room in ALLOWED if room in below(room, set())] == []


def test_no_import_cycles_between_modules() -> None:
    modules = _modules()
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


def test_few_modules_live_directly_in_the_package() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_the_architecture_map_names_every_module() -> None:
    text = MAP.read_text(encoding="utf-8")
    missing = []
    for path in _modules().values():
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py" and path.parent != PACKAGE and relative.count("/") > 0:
            relative = path.parent.relative_to(PACKAGE).as_posix() + "/"
        if not re.search(rf"`{re.escape(relative)}`", text):
            missing.append(relative)
    assert missing == [], "docs/kien-truc.md names no such room: " + ", ".join(missing)


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and node.end_lineno and node.end_lineno - node.lineno + 1 > 60:
                long.append(f"{name}.{node.name}")
    assert long == []


def test_api_exports_everything_it_names() -> None:
    for name in api.__all__:
        assert getattr(api, name) is not None, name


def test_every_body_kind_has_a_paragraph_style() -> None:
    assert set(typing.get_args(BodyKind)) <= set(STYLES)
