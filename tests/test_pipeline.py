"""`bdg_plan.pipeline` is the one place the stages are joined.

Read from the AST of every module: nobody but the pipeline runs the validate stage itself, and a
plan's text is parsed by the loader only through the pipeline (the loader's own room and the
communes list, which is not a plan, aside).
"""

from __future__ import annotations

import ast
from pathlib import Path

from bdg_plan import pipeline
from tests.conftest import EXAMPLE_PLAN, ROOT

PACKAGE = ROOT / "bdg_plan"


def _importers(module: str, name: str) -> set[str]:
    """The modules of the package that import `name` from `module`, at any depth."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == module]
        if any(alias.name == name for node in nodes for alias in node.names):
            found.add(path.relative_to(PACKAGE).as_posix())
    return found


def test_only_the_pipeline_runs_the_validate_stage() -> None:
    assert _importers("bdg_plan.rules.validate", "validate_document") == set()
    assert _importers("bdg_plan.rules", "validate") == {"pipeline.py"}


def test_only_the_pipeline_parses_a_plan() -> None:
    # The communes list of a batch is YAML but no plan: it is read by its own reader.
    assert _importers("bdg_plan.plan.loader", "load_yaml") == {"pipeline.py", "commands/batch/communes.py"}


def test_bytes_that_do_not_decode_give_one_problem_and_no_data() -> None:
    doc = pipeline.load_bytes(b"nam: 2023\nco_quan: \x00\n", "plan.yaml")
    assert doc.data is None
    assert doc.text == ""
    assert [p.code for p in doc.problems] == ["encoding"]
    result = pipeline.validate_document(doc)
    assert result.plan is None
    assert result.problems == doc.problems
    assert result.source_text == ""


def test_validating_a_loaded_document_keeps_its_text() -> None:
    data = EXAMPLE_PLAN.read_bytes()
    loaded = pipeline.load_bytes(data, "plan.yaml")
    result = pipeline.validate_document(loaded)
    assert result.plan is not None
    assert result.source_text == loaded.text == data.decode("utf-8")
    assert result == pipeline.validate_bytes(data, "plan.yaml", Path(EXAMPLE_PLAN).parent)
