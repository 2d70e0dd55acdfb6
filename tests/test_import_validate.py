"""Import validates its plan file the quick way (the model on the data) with the same outcome as
`validate` on the written file; problems always come back with their line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from bdg_plan.api import render_plan, validate_bytes
from bdg_plan.plan.yaml_write import emit_plan
from bdg_plan.word.importer import import_bytes, validate_imported
from tests.conftest import EXAMPLE_PLAN, EXAMPLES


def _rendered(path: Path) -> bytes:
    result = validate_bytes(path.read_bytes(), str(path))
    assert result.plan is not None
    return render_plan(result.plan)


def _plan_examples() -> list[Path]:
    """Every example that is a plan (not a list of communes for a batch)."""
    return [p for p in sorted(EXAMPLES.glob("*.yaml")) if "\nnguoi_ky:" in p.read_text("utf-8")]


@pytest.mark.parametrize("path", _plan_examples(), ids=lambda p: p.name)
def test_the_quick_validation_says_what_validate_says_of_the_file(path: Path) -> None:
    result = import_bytes(_rendered(path), "cu.docx", "cu.yaml")
    assert result.problems == validate_bytes(result.text.encode("utf-8"), "cu.yaml").problems


def _imported_seed() -> tuple[dict[str, object], str]:
    result = import_bytes(_rendered(EXAMPLE_PLAN), "cu.docx", "cu.yaml")
    return result.imported.data, result.text


def test_the_seed_passes_the_quick_way_with_no_problem() -> None:
    data, text = _imported_seed()
    assert validate_imported(data, text, "cu.yaml") == []


def test_a_legacy_encoded_word_is_reported_at_its_line() -> None:
    data, _ = _imported_seed()
    data = dict(data, trich_yeu="KÕ ho¹ch triÓn khai c¸c c«ng t¸c n¨m 2023")
    text = emit_plan(data, head_comment="cu")
    problems = validate_imported(data, text, "cu.yaml")
    assert [p.code for p in problems] == ["legacy-encoding"]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("trich_yeu:"))
    assert problems[0].line == line and problems[0].column > 1


def test_a_model_problem_is_reported_at_its_line() -> None:
    data, _ = _imported_seed()
    data = dict(data, so=0)
    text = emit_plan(data, head_comment="cu")
    problems = validate_imported(data, text, "cu.yaml")
    assert problems == validate_bytes(text.encode("utf-8"), "cu.yaml").problems
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("so:"))
    assert problems and problems[0].line == line


@pytest.mark.parametrize(
    ("text", "remarked"),
    [
        ("Dấu\ufff9lạ", True),
        ("Khoảng\u200btrắng", True),
        ("ÐOÀN", True),
        ("c¸c c«ng t¸c", True),
        ("Hoa\u0300 Bình", False),
    ],
    ids=["reserved", "invisible", "eth", "tcvn3", "nfd"],
)
def test_text_the_loader_remarks_on_goes_the_positioned_way(text: str, remarked: bool) -> None:
    data, _ = _imported_seed()
    data = dict(data, trich_yeu=f"Kế hoạch {text} năm 2023")
    emitted = emit_plan(data, head_comment="cu")
    problems = validate_imported(data, emitted, "cu.yaml")
    assert problems == validate_bytes(emitted.encode("utf-8"), "cu.yaml").problems
    assert bool(problems) == remarked and all(p.line > 1 for p in problems)


def test_a_character_the_file_holds_escaped_is_seen_in_the_value() -> None:
    from bdg_plan.plan.loader import needs_no_remark

    assert needs_no_remark('ten: "Hội"\n', "Hội")
    assert not needs_no_remark('ten: "H\\x90ội"\n', "H\x90ội")
    assert not needs_no_remark('ten: "Hoa\\u0300"\n', "Hoa\u0300")


def test_the_garbage_collector_is_back_on_after_an_import_and_a_check_even_a_failed_one() -> None:
    import gc

    from bdg_plan.errors import BdgPlanError
    from bdg_plan.word.check import check_bytes

    assert gc.isenabled()
    import_bytes(_rendered(EXAMPLE_PLAN), "cu.docx", "cu.yaml")
    check_bytes(_rendered(EXAMPLE_PLAN))
    with pytest.raises(BdgPlanError):
        import_bytes(b"PK not a zip", "cu.docx", "cu.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        check_bytes(_rendered(EXAMPLE_PLAN))
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


@pytest.mark.parametrize("char", ["\x07", "\x85", "\u2028", "\ufff9", "\u200b", "\ufeff", "\u00d0", "\u00f0"])
def test_every_character_class_the_loader_remarks_on_is_scanned_for(char: str) -> None:
    from bdg_plan.plan.loader import needs_no_remark

    assert not needs_no_remark(f"ten: Hội{char}\n", "Hội")
    assert not needs_no_remark("ten: Hội\n", f"Hội{char}")
    assert needs_no_remark("ten: Hội\tđồng\n", "Hội\tđồng")
