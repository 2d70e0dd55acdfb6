"""Every project error says where it is as data (`path`, `line`, `column`), beside its sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bdg_plan import api
from bdg_plan.errors import BdgPlanError, Problem, located
from tests.conftest import EXAMPLE_PLAN


def plan_in(tmp_path: Path, text: str | None = None) -> Path:
    plan = tmp_path / "plan.yaml"
    if text is None:
        shutil.copyfile(EXAMPLE_PLAN, plan)
    else:
        plan.write_text(text, encoding="utf-8")
    return plan


def test_an_error_without_a_place_has_none() -> None:
    error = BdgPlanError("Câu thông báo.")

    assert (str(error), error.message) == ("Câu thông báo.", "Câu thông báo.")
    assert (error.path, error.line, error.column) == (None, None, None)


def test_a_path_is_kept_as_text() -> None:
    error = api.OutputError("x", path=Path("a") / "b.docx", line=3, column=4)

    assert (error.path, error.line, error.column) == (str(Path("a/b.docx")), 3, 4)


def test_an_invalid_plan_is_at_its_first_error(tmp_path: Path) -> None:
    lines = EXAMPLE_PLAN.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("nam:"))
    lines[index] = "nam: abc"
    plan = plan_in(tmp_path, "\n".join(lines) + "\n")

    with pytest.raises(api.InvalidPlanError) as caught:
        api.load_plan(plan)

    assert caught.value.path == str(plan)
    assert caught.value.line == index + 1
    assert caught.value.column == 6


def test_an_invalid_plan_about_the_whole_file_has_no_line() -> None:
    problem = Problem("p.yaml", 0, 0, "input-file", "x")

    error = api.InvalidPlanError([problem])

    assert (error.path, error.line, error.column) == ("p.yaml", None, None)


def test_a_warning_is_not_where_an_invalid_plan_is() -> None:
    warning = Problem("a.yaml", 2, 1, "w", "x", api.Severity.WARNING)
    error = Problem("a.yaml", 9, 5, "e", "x")

    assert api.InvalidPlanError([warning, error]).line == 9


def test_a_missing_plan_names_its_file(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.yaml"

    with pytest.raises(api.InputFileError) as caught:
        api.load_plan(missing)

    assert caught.value.path == str(missing)
    assert caught.value.line is None


def test_an_existing_output_names_the_output(tmp_path: Path) -> None:
    target = tmp_path / "ra.docx"
    target.write_bytes(b"old")

    with pytest.raises(api.OutputError) as caught:
        api.render(plan_in(tmp_path), target)

    assert caught.value.path == str(target)


def test_a_template_error_names_the_template_and_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "ke-hoach.md.j2").write_text("Dòng một\nDòng hai\n{% if %}\n", encoding="utf-8")

    with pytest.raises(api.TemplateError) as caught:
        api.render(plan_in(tmp_path), tmp_path / "ra.docx", template_dir=folder)

    assert Path(caught.value.path or "").name == "ke-hoach.md.j2"
    assert caught.value.line == 3


def test_a_missing_template_folder_names_it(tmp_path: Path) -> None:
    with pytest.raises(api.UsageError) as caught:
        api.check_template_dir(tmp_path / "khong-co")

    assert caught.value.path == str(tmp_path / "khong-co")


def test_a_word_file_that_is_not_one_names_the_file(tmp_path: Path) -> None:
    word = tmp_path / "hong.docx"
    word.write_bytes(b"not a zip at all")

    with pytest.raises(api.DocxReadError) as caught:
        api.check_word_file(word)

    assert caught.value.path == str(word)


def test_located_fills_only_an_error_that_names_no_file() -> None:
    with pytest.raises(BdgPlanError) as caught, located("a.docx"):
        raise BdgPlanError("x")
    assert caught.value.path == "a.docx"

    with pytest.raises(BdgPlanError) as caught, located("a.docx"):
        raise BdgPlanError("x", path="b.yaml")
    assert caught.value.path == "b.yaml"
