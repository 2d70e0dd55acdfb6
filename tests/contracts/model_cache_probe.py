"""Run by tests/contracts/test_model_cache.py in a fresh interpreter: the plan model and its cache.

Usage: python -m tests.contracts.model_cache_probe FILE...

The cache is where the program keeps it (beside the byte code: the caller sets
PYTHONPYCACHEPREFIX to a folder of its own). The probe counts every call of pydantic's
Python-side schema generation, then validates each FILE (and renders the valid ones) and prints
one JSON object: the counts, every result (the plan's data and every problem with its position,
code, message and severity), the rendered documents' digests, and the JSON Schema.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from pydantic._internal import _generate_schema

CALLS: list[str] = []
_ORIGINAL = _generate_schema.GenerateSchema.generate_schema


def _counting(self: _generate_schema.GenerateSchema, obj: Any) -> Any:
    CALLS.append(getattr(obj, "__name__", repr(obj)))
    return _ORIGINAL(self, obj)


def main(names: list[str]) -> dict[str, Any]:
    """Import the model with its cache, validate and render `names`; what came out."""
    _generate_schema.GenerateSchema.generate_schema = _counting  # type: ignore[method-assign]
    from bdg_plan.plan import model  # noqa: F401 - the import under test

    at_import = len(CALLS)
    from bdg_plan.commands.schema import schema_text
    from bdg_plan.pipeline import render_plan, validate_bytes

    results: dict[str, Any] = {}
    rendered: dict[str, str] = {}
    for name in names:
        path = Path(name)
        result = validate_bytes(path.read_bytes(), name, path.parent)
        results[name] = {
            "plan": None if result.plan is None else result.plan.model_dump(mode="json"),
            "problems": [[p.line, p.column, p.code, p.message, str(p.severity)] for p in result.problems],
        }
        if result.plan is not None:
            rendered[name] = hashlib.sha256(render_plan(result.plan)).hexdigest()
    after_render = list(CALLS)
    return {
        "at_import": at_import,
        "calls": after_render,
        "results": results,
        "rendered": rendered,
        "schema": schema_text(),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), ensure_ascii=False))
