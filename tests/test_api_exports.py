"""`bdg_plan.api` names its public surface three times; these tests hold the three equal.

`__all__` (the public list), `_LAZY` (names imported on first use, and their modules) and the
`TYPE_CHECKING` imports (the same names, for type checkers).
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from bdg_plan import api, errors

API_SOURCE = Path(api.__file__).read_text(encoding="utf-8")


def _type_checking_imports() -> dict[str, str]:
    """Name -> module of every bdg_plan name imported under `if TYPE_CHECKING:`."""
    found: dict[str, str] = {}
    for node in ast.parse(API_SOURCE).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for item in node.body:
                if isinstance(item, ast.ImportFrom) and (item.module or "").startswith("bdg_plan"):
                    found.update({alias.name: item.module or "" for alias in item.names})
    return found


def _eager_imports() -> set[str]:
    """Names the module imports at once from the errors and the limits."""
    names: set[str] = set()
    for node in ast.parse(API_SOURCE).body:
        if isinstance(node, ast.ImportFrom) and node.module in ("bdg_plan.errors", "bdg_plan.facts.limits"):
            names.update(alias.name for alias in node.names)
    return names


def _defined_here() -> set[str]:
    """Public functions and classes written in bdg_plan/api/__init__.py itself."""
    return {
        name
        for name, value in vars(api).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == api.__name__
    }


def test_lazy_names_are_the_type_checking_imports() -> None:
    assert _type_checking_imports() == api._LAZY
    assert len(api._LAZY) == 19


def test_all_is_the_eager_names_and_the_lazy_ones() -> None:
    assert len(api.__all__) == len(set(api.__all__))
    assert set(api.__all__) == _defined_here() | _eager_imports() | set(api._LAZY)


def test_lazy_names_stay_lazy_and_resolve_from_their_module() -> None:
    for name, module in api._LAZY.items():
        assert name not in vars(api), name
        assert getattr(api, name) is getattr(importlib.import_module(module), name), name


def test_every_error_a_command_raises_is_exported() -> None:
    classes = [value for value in vars(errors).values() if inspect.isclass(value)]
    raised = {value.__name__ for value in classes if issubclass(value, errors.BdgPlanError)}

    assert raised <= set(api.__all__), raised - set(api.__all__)
    assert {"ConversionError", "DocxReadError", "NoPlanFoundError"} <= raised


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        api.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("api.no_such_name resolved")
