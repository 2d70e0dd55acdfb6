"""The rule families: one `Finding` type, every code a rule yields declared, no code twice.

The codes are read from the AST of each module in `bdg_plan/rules/` (every `Finding(...)` built
there), so a rule added without declaring its code fails here before a clerk sees it.
"""

from __future__ import annotations

import ast
import importlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from bdg_plan import pipeline
from bdg_plan.rules import registry
from bdg_plan.rules.finding import Finding
from tests.conftest import EXAMPLES, ROOT

RULES = ROOT / "bdg_plan" / "rules"


def _findings_built(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Finding"
    ]


def _code_of(call: ast.Call) -> ast.expr:
    if len(call.args) > 1:
        return call.args[1]
    return next(k.value for k in call.keywords if k.arg == "code")


def _yielded_codes(path: Path) -> list[str]:
    """The code of every `Finding(...)` the module builds; each must be written out literally."""
    codes = []
    for call in _findings_built(path):
        code = _code_of(call)
        assert isinstance(code, ast.Constant), f"{path.name}:{call.lineno}: the code is not a literal"
        assert isinstance(code.value, str)
        codes.append(code.value)
    return codes


def _family_modules() -> dict[str, Path]:
    """Every module of the rules room that builds a `Finding`: each must be a family."""
    return {
        f"bdg_plan.rules.{path.stem}": path for path in sorted(RULES.glob("*.py")) if _findings_built(path)
    }


def test_every_module_that_yields_findings_is_a_registered_family() -> None:
    registered = {family.__name__ for family in registry.FAMILIES}  # type: ignore[attr-defined]
    assert set(_family_modules()) == registered
    assert registered == {
        "bdg_plan.rules.header",
        "bdg_plan.rules.body",
        "bdg_plan.rules.dates",
        "bdg_plan.rules.outline",
        "bdg_plan.rules.admin_map",
    }


@pytest.mark.parametrize("module", sorted(_family_modules()))
def test_a_family_declares_exactly_the_codes_its_rules_yield(module: str) -> None:
    yielded = set(_yielded_codes(_family_modules()[module]))
    declared = importlib.import_module(module).CODES
    assert yielded == set(declared)
    # Each description is one line of English that says what the code flags.
    assert all(text and "\n" not in text and text[0].islower() for text in declared.values())


def test_no_code_is_declared_by_two_families() -> None:
    counts = Counter(code for family in registry.FAMILIES for code in family.CODES)
    assert [code for code, count in counts.items() if count > 1] == []
    assert len(registry.declared_codes()) == sum(counts.values()) == 32


def _plans() -> list[Path]:
    return sorted([*EXAMPLES.glob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")])


@pytest.mark.parametrize("path", _plans(), ids=lambda p: p.name)
def test_running_every_family_on_real_plans_yields_only_declared_codes(path: Path) -> None:
    result = pipeline.validate_bytes(path.read_bytes(), path.name, path.parent)
    if result.plan is None:
        pytest.skip("not a plan (a communes list)")
    findings = list(registry.domain_rules(result.plan))
    assert all(isinstance(f, Finding) for f in findings)
    assert {f.code for f in findings} <= set(registry.declared_codes())
    # Every finding of a valid plan is a problem validate reported, at some line.
    assert {f.code for f in findings} <= {p.code for p in result.problems}


def test_a_plan_with_faults_of_three_families_reports_each(edit_example: Callable[..., str]) -> None:
    text = edit_example(
        ("ky_hieu: KH-UBND", "ky_hieu: kh ubnd"),
        (
            "    trich_yeu: thực hiện công tác Bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2023",
            "    trich_yeu: thực hiện công tác Bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2022",
        ),
        ("noi_nhan:", "noi_nhan: []"),
        *((line, "#") for line in RECIPIENT_LINES),
    )
    result = pipeline.validate_bytes(text.encode("utf-8"), "plan.yaml")
    codes = {p.code for p in result.problems}
    families = {
        family.__name__.rsplit(".", 1)[1]  # type: ignore[attr-defined]
        for family in registry.FAMILIES
        if codes & set(family.CODES)
    }
    assert families == {"header", "body", "dates"}
    assert codes == {"ky-hieu-format", "no-recipients", "old-annual-plan"}
    assert [(p.line, p.code) for p in result.problems] == [
        (30, "ky-hieu-format"),
        (43, "old-annual-plan"),
        (132, "no-recipients"),
    ]


RECIPIENT_LINES = (
    "  - P LĐTB, XH-DT huyện",
    "  - TT ĐU, HĐND xã",
    "  - CT, PCT UBND xã",
    "  - UBMTTQ và các tổ chức CT-XH xã",
    "  - Trưởng thôn",
)
