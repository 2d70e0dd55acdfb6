"""The library API: runs the pipeline stages and returns values or raises the project's errors.

The CLI is a thin layer over these functions; batch and new-year call them too, so every entry
point shares one pipeline: source -> load -> validate -> compose -> write -> atomic save.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bdg_plan.errors import InputFileError, InvalidPlanError, Problem, has_errors
from bdg_plan.loader import LoadedDocument, load_yaml
from bdg_plan.source import decode_source, read_source
from bdg_plan.validate import ValidationResult, validate_document

if TYPE_CHECKING:
    from collections.abc import Callable

    from bdg_plan.batch import BatchResult, CommuneResult
    from bdg_plan.model import Plan
    from bdg_plan.new_year import NewYearResult


def load_text(data: bytes, name: str) -> LoadedDocument:
    """Decode and parse a plan file's bytes; never raises for bad content."""
    source = decode_source(data, name)
    if isinstance(source, Problem):
        return LoadedDocument(name, None, problems=[source])
    return load_yaml(source)


def validate_bytes(data: bytes, name: str) -> ValidationResult:
    """Validate a plan given as bytes, reporting problems against `name`."""
    return validate_document(load_text(data, name))


def validate(path: Path, display_name: str | None = None) -> ValidationResult:
    """Validate the plan file at `path`.

    Raises:
        InputFileError: the file is missing, a folder, unreadable or too large.

    """
    name = display_name or str(path)
    return validate_bytes(read_source(path, name), name)


def load_plan(path: Path, display_name: str | None = None) -> ValidationResult:
    """Validate `path` and insist on a usable plan (warnings allowed).

    Raises:
        InputFileError: the file cannot be read.
        InvalidPlanError: the plan has errors; the exception holds every problem.

    """
    result = validate(path, display_name)
    if result.plan is None or has_errors(result.problems):
        raise InvalidPlanError(result.problems)
    return result


def render_plan(plan: Plan, template_dir: Path | None = None) -> bytes:
    """Compose and write a validated plan; returns the .docx bytes.

    Raises:
        TemplateError: the body template is missing or fails.

    """
    from bdg_plan.compose import compose
    from bdg_plan.docx_writer import write_docx

    return write_docx(compose(plan, template_dir))


def default_output(plan_path: Path) -> Path:
    """The default .docx path: beside the plan, same name."""
    return plan_path.with_suffix(".docx")


@dataclass(frozen=True)
class RenderResult:
    """What `render` wrote, and the warnings the plan still has."""

    output: Path
    problems: list[Problem]


def render(
    plan_path: Path,
    output: Path | None = None,
    *,
    template_dir: Path | None = None,
    force: bool = False,
) -> RenderResult:
    """Validate `plan_path`, render it and save the .docx atomically.

    Raises:
        InputFileError: the plan file cannot be read.
        InvalidPlanError: the plan has errors (nothing is written).
        TemplateError: the template is missing or fails (nothing is written).
        OutputError: the output is the plan itself, exists (without `force`), is open in Word,
            or cannot be written.

    """
    from bdg_plan import messages as msg
    from bdg_plan.errors import OutputError
    from bdg_plan.output import atomic_write, check_target

    target = output or default_output(plan_path)
    if plan_path.is_file() and target.is_file() and target.samefile(plan_path):
        # `-o plan.yaml --force` (or a plan named .docx) would replace the plan with the document.
        raise OutputError(msg.RENDER_SAME_FILE.format(file=target))
    result = load_plan(plan_path)
    check_target(target, force=force)
    assert result.plan is not None
    data = render_plan(result.plan, template_dir)
    atomic_write(target, data, force=force)
    return RenderResult(target, result.problems)


def new_year(
    plan_path: Path,
    year: int | None = None,
    output: Path | None = None,
    *,
    dry_run: bool = False,
    force: bool = False,
    display_name: str | None = None,
) -> NewYearResult:
    """Make next year's plan file from `plan_path`, keeping the clerk's comments and layout.

    The input file is never modified. Without `dry_run` the new file is saved atomically to
    `output` (default: beside the input, the old year in its name replaced by the new one).

    Raises:
        InputFileError: the plan file cannot be read.
        InvalidPlanError: the plan has errors (nothing is written).
        YearBeforePlanError: `year` is earlier than the plan's year.
        OutputError: the output is the input, exists (without `force`) or cannot be written.

    """
    from dataclasses import replace

    from bdg_plan import messages as msg
    from bdg_plan.errors import OutputError
    from bdg_plan.output import atomic_write

    name = display_name or str(plan_path)
    from bdg_plan.new_year import default_output_path, roll_forward

    result = roll_forward(read_source(plan_path, name), name, year)
    target = output or default_output_path(plan_path, result.old_year, result.new_year)
    if target.exists() and target.samefile(plan_path):
        raise OutputError(msg.NEW_YEAR_SAME_FILE.format(file=target))
    if dry_run:
        return replace(result, output_path=target)
    atomic_write(target, result.data, force=force)
    return replace(result, output_path=target, written=True)


def render_batch(
    base_path: Path,
    communes_path: Path,
    outdir: Path,
    *,
    jobs: int | None = None,
    dry_run: bool = False,
    force: bool = False,
    pdf: bool = False,
    template_dir: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[CommuneResult], None] | None = None,
) -> BatchResult:
    """Render one plan per commune: the base plan with each commune's values, into `outdir`.

    Every commune is validated; a bad one is reported in its result and never stops the others.
    With `dry_run` nothing is written. `on_start` gets the number of communes before the work
    starts, `on_result` each commune's result as it finishes (both in this process).

    Raises:
        InputFileError: the base plan or the communes file cannot be read.
        BatchInputError: the base plan or the communes file has errors (nothing is rendered).
        BdgPlanError: --pdf without PDF support, the folder cannot be made, a worker died.

    """
    from bdg_plan.batch import prepare_batch, run_batch

    base_name, communes_name = str(base_path), str(communes_path)
    plan = prepare_batch(
        read_source(base_path, base_name),
        base_name,
        read_source(communes_path, communes_name),
        communes_name,
        outdir,
    )
    if on_start is not None:
        on_start(len(plan.entries))
    return run_batch(
        plan,
        jobs=jobs,
        dry_run=dry_run,
        force=force,
        pdf=pdf,
        template_dir=template_dir,
        on_result=on_result,
    )


__all__ = [
    "InputFileError",
    "InvalidPlanError",
    "RenderResult",
    "load_plan",
    "load_text",
    "render",
    "render_batch",
    "render_plan",
    "validate",
    "validate_bytes",
]
