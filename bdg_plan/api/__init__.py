"""The library API: every command's work, returning values or raising the project's errors.

The CLI is a thin layer over this module and imports nothing else of the package. Importing it is
cheap (errors, messages and limits only); the pipeline stages (pydantic, python-docx, jinja2) load
on first use, so `bdg-plan --help` starts fast. Names of heavy modules' result types are exported
lazily through `__getattr__`.

Every entry point shares one pipeline: source -> load -> validate -> compose -> write -> save.

Over 400 lines on purpose: it is the whole public surface, one short function (and its result type)
per command, so a reader sees every command's contract in one file; the work lives below it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bdg_plan import messages as msg
from bdg_plan.errors import (
    BatchInputError,
    BdgPlanError,
    ConversionError,
    DocxReadError,
    InputFileError,
    InvalidPlanError,
    NoPlanFoundError,
    OutputError,
    PdfError,
    Problem,
    Severity,
    TemplateError,
    UsageError,
    YearBeforePlanError,
    has_errors,
    sort_problems,
)
from bdg_plan.facts.limits import YEAR_MAX, YEAR_MIN

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Iterable, Sequence

    # Rooms of the API kept apart to keep this module readable; their names are part of `api`,
    # imported when first asked for (`_LAZY`): a render or validate needs neither.
    from bdg_plan.api.communes import COMMUNE_COLUMNS, communes_table, write_communes
    from bdg_plan.api.word import (
        CONVERTED_SUFFIXES,
        ImportResult,
        check_word_file,
        default_import_output,
        import_word_file,
        read_word_file,
    )
    from bdg_plan.commands.batch import BatchOptions, BatchResult, BatchStart, CommuneResult
    from bdg_plan.commands.new_year import NewYearResult
    from bdg_plan.commands.watch import WatchReport
    from bdg_plan.plan.loader import LoadedDocument
    from bdg_plan.plan.model import Plan
    from bdg_plan.rules.validate import ValidationResult
    from bdg_plan.word.check import Deviation

#: Names that live in other modules (heavy ones, or rooms a render never needs), imported when
#: first asked for, by module. The `TYPE_CHECKING` imports above name the same names from the same
#: modules, for type checkers; tests/test_api_exports.py holds the two lists (and `__all__`) equal.
_LAZY_MODULES: dict[str, tuple[str, ...]] = {
    "bdg_plan.api.communes": ("COMMUNE_COLUMNS", "communes_table", "write_communes"),
    "bdg_plan.api.word": (
        "CONVERTED_SUFFIXES",
        "ImportResult",
        "check_word_file",
        "default_import_output",
        "import_word_file",
        "read_word_file",
    ),
    "bdg_plan.commands.batch": ("BatchOptions", "BatchResult", "BatchStart", "CommuneResult"),
    "bdg_plan.commands.new_year": ("NewYearResult",),
    "bdg_plan.commands.watch": ("WatchReport",),
    "bdg_plan.plan.loader": ("LoadedDocument",),
    "bdg_plan.plan.model": ("Plan",),
    "bdg_plan.rules.validate": ("ValidationResult",),
    "bdg_plan.word.check": ("Deviation",),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    """Import a heavy module's result type on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


# --- Reading and validating -------------------------------------------------------------------
def load_text(data: bytes, name: str) -> LoadedDocument:
    """Decode and parse a plan file's bytes; never raises for bad content."""
    from bdg_plan import pipeline

    return pipeline.load_bytes(data, name)


def validate_bytes(data: bytes, name: str) -> ValidationResult:
    """Validate a plan given as bytes, reporting problems against `name`."""
    from bdg_plan import pipeline

    return pipeline.validate_bytes(data, name)


def validate(path: Path, display_name: str | None = None) -> ValidationResult:
    """Validate the plan file at `path`.

    Raises:
        InputFileError: the file is missing, a folder, unreadable or too large.

    """
    from bdg_plan import pipeline
    from bdg_plan.plan.source import read_source

    name = display_name or str(path)
    return pipeline.validate_bytes(read_source(path, name), name, path.parent)


@dataclass(frozen=True)
class ValidationReport:
    """The problems of several plan files, sorted, and each file's text (to show problem lines)."""

    problems: list[Problem]
    sources: dict[str, str]
    files: int

    @property
    def failed(self) -> bool:
        """True when any file has an error."""
        return has_errors(self.problems)


def validate_files(paths: Iterable[Path]) -> ValidationReport:
    """Validate every file; a file that cannot be read is one problem, not a failure."""
    problems: list[Problem] = []
    sources: dict[str, str] = {}
    count = 0
    for path in paths:
        count += 1
        name = str(path)
        try:
            result = validate(path, name)
        except InputFileError as exc:
            problems.append(Problem(name, 0, 0, "input-file", exc.message))
            continue
        problems.extend(result.problems)
        sources[name] = result.source_text
    return ValidationReport(sort_problems(problems), sources, count)


def load_plan(path: Path, display_name: str | None = None) -> ValidationResult:
    """Validate `path` and insist on a usable plan (warnings allowed).

    Raises:
        InputFileError: the file cannot be read.
        InvalidPlanError: the plan has errors; the exception holds every problem and the text.

    """
    name = display_name or str(path)
    result = validate(path, name)
    if result.plan is None or has_errors(result.problems):
        raise InvalidPlanError(result.problems, sources={name: result.source_text})
    return result


# --- Rendering --------------------------------------------------------------------------------
def render_plan(plan: Plan, template_dir: Path | None = None) -> bytes:
    """Compose and write a validated plan; returns the .docx bytes.

    Raises:
        TemplateError: the body template is missing or fails.

    """
    from bdg_plan import pipeline

    return pipeline.render_plan(plan, template_dir)


def default_output(plan_path: Path) -> Path:
    """The default .docx path: beside the plan, same name."""
    return plan_path.with_suffix(".docx")


def check_template_dir(template_dir: Path | None) -> None:
    """Refuse a `--templates` that is missing or a file (it would be silently ignored).

    Raises:
        UsageError: exit code 2, a mistake in the command line.

    """
    if template_dir is None or template_dir.is_dir():
        return
    if template_dir.exists():
        raise UsageError(msg.TEMPLATES_NOT_DIR.format(folder=template_dir), path=template_dir)
    raise UsageError(msg.TEMPLATES_MISSING.format(folder=template_dir), path=template_dir)


@dataclass(frozen=True)
class RenderResult:
    """What `render` wrote, the warnings the plan still has, and its text (to show their lines)."""

    output: Path
    problems: list[Problem]
    sources: dict[str, str] = field(default_factory=dict)


def render(
    plan_path: Path,
    output: Path | None = None,
    *,
    template_dir: Path | None = None,
    force: bool = False,
    pdf: bool = False,
) -> RenderResult:
    """Validate `plan_path`, render it and save the .docx atomically.

    With `pdf` (and without `force`) an existing PDF beside the output is refused before anything
    is written; `make_pdf` then makes it.

    Raises:
        InputFileError: the plan file cannot be read.
        UsageError: `template_dir` is missing or not a folder.
        InvalidPlanError: the plan has errors (nothing is written).
        TemplateError: the template is missing or fails (nothing is written).
        OutputError: the output is the plan itself, exists (without `force`), is open in Word,
            or cannot be written.

    """
    from bdg_plan.output import atomic_write, check_target

    check_template_dir(template_dir)
    target = output or default_output(plan_path)
    if pdf and not force:
        check_target(pdf_path_for(target), force=False)
    if plan_path.is_file() and target.is_file() and target.samefile(plan_path):
        # `-o plan.yaml --force` (or a plan named .docx) would replace the plan with the document.
        raise OutputError(msg.RENDER_SAME_FILE.format(file=target), path=target)
    name = str(plan_path)
    result = load_plan(plan_path, name)
    check_target(target, force=force)
    assert result.plan is not None
    data = render_plan(result.plan, template_dir)
    atomic_write(target, data, force=force)
    return RenderResult(target, result.problems, {name: result.source_text})


def watch_render(
    plan_path: Path,
    output: Path | None = None,
    *,
    template_dir: Path | None = None,
    force: bool = False,
    pdf: bool = False,
    on_report: Callable[[WatchReport], None],
    stop: threading.Event | None = None,
) -> None:
    """Render `plan_path` now and after every save until `stop` is set (or Ctrl+C).

    Each round's result goes to `on_report`; a plan with errors keeps the last good files. The
    first write follows `force`; later writes replace only the files this session wrote. With
    `pdf` one LibreOffice serves the whole session.

    Raises:
        UsageError: `template_dir` is missing or not a folder.
        OutputError: the output is the plan itself.
        PdfError: `pdf` and LibreOffice is not installed.
        BdgPlanError: the plan's folder cannot be watched.

    """
    from contextlib import nullcontext

    from bdg_plan.commands.watch import PlanWatcher, watch

    check_template_dir(template_dir)
    if pdf:
        from bdg_plan.office.pdf import open_office

        office_context: Any = open_office()
    else:
        office_context = nullcontext(None)
    with office_context as office:
        watcher = PlanWatcher(plan_path, output, template_dir=template_dir, force=force, office=office)
        watch(watcher, on_report, stop=stop)


def pdf_path_for(docx_path: Path) -> Path:
    """Where the PDF of a .docx goes: beside it, same name, `.pdf`."""
    return docx_path.with_suffix(".pdf")


def make_pdf(docx_path: Path, *, force: bool = False) -> Path:
    """Convert a .docx to a PDF beside it through LibreOffice; returns the PDF's path.

    An existing PDF is replaced only with `force` (also one put there during the conversion).

    Raises:
        PdfError: LibreOffice is missing, failed or timed out.
        OutputError: the PDF cannot be written.

    """
    from bdg_plan.errors import located
    from bdg_plan.office.pdf import convert_to_pdf

    with located(docx_path):
        return convert_to_pdf(docx_path, force=force)


# --- new-year, init, schema -------------------------------------------------------------------
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
    from bdg_plan.commands.new_year import default_output_path, roll_forward
    from bdg_plan.errors import located
    from bdg_plan.output import atomic_write
    from bdg_plan.plan.source import read_source

    name = display_name or str(plan_path)

    def new_name(old_year: int, new_year: int) -> str:
        return (output or default_output_path(plan_path, old_year, new_year)).name

    with located(name):
        result = roll_forward(read_source(plan_path, name), name, year, new_name)
    target = output or default_output_path(plan_path, result.old_year, result.new_year)
    if target.exists() and target.samefile(plan_path):
        raise OutputError(msg.NEW_YEAR_SAME_FILE.format(file=target), path=target)
    if dry_run:
        return replace(result, output_path=target)
    atomic_write(target, result.data, force=force)
    return replace(result, output_path=target, written=True)


@dataclass(frozen=True)
class StarterResult:
    """The starter plan `init` wrote, and how many `<<ĐIỀN VÀO ĐÂY>>` markers are left in it."""

    path: Path
    markers: int


def init(
    path: Path | None = None,
    *,
    year: int | None = None,
    commune: str | None = None,
    signer: str | None = None,
    kind: str = "nam",
) -> StarterResult:
    """Write a starter plan for `commune` and `year` (default: this year), never overwriting.

    `kind` is "nam" (the year's plan) or "thang-hanh-dong" (the action-month plan).

    Raises:
        OutputError: the file exists, is a folder, or cannot be written.
        UsageError: `commune` or `signer` holds a line break or another control character.

    """
    from bdg_plan.commands import starter, starter_month

    year = year or dt.date.today().year
    if kind == "thang-hanh-dong":
        target = path or Path(starter_month.default_file_name(year))
        text = starter_month.build_month_starter(year, commune, signer, file_name=target.name)
    else:
        target = path or Path(starter.default_file_name(year))
        text = starter.build_starter(year, commune, signer, file_name=target.name)
    starter.write_new_file(target, text)
    return StarterResult(target, starter.count_markers(text))


def schema_text() -> str:
    """The plan file's JSON Schema, as the text of `schema/bdg-plan.schema.json`."""
    from bdg_plan.commands.schema import schema_text as text

    return text()


def write_schema(path: Path, *, force: bool = False) -> None:
    """Save the JSON Schema to `path` atomically; an existing file is replaced only with `force`.

    Raises:
        OutputError: `path` is a folder, exists (without `force`) or cannot be written.

    """
    from bdg_plan.output import atomic_write

    if path.is_dir():
        raise OutputError(msg.TARGET_IS_DIR.format(file=path), path=path)
    atomic_write(path, schema_text().encode("utf-8"), force=force)


# --- Crash logs -----------------------------------------------------------------------------
def name_failure_message(exc: BaseException, names: Iterable[str] = ()) -> str | None:
    """The sentence for an unexpected error that is a refused file name (too long, not UTF-8), else None.

    `names` are the words the name may be among (a command line's arguments), to show it.
    """
    from bdg_plan.errors import name_failure_message as describe

    return describe(exc, names)


def write_crash_log(exc: BaseException) -> Path | None:
    """Write an unexpected error's traceback to a new log file in the user's cache; its path or None."""
    from bdg_plan.crash import write_crash_log as write

    return write(exc)


# --- Batch ------------------------------------------------------------------------------------
def render_batch(
    base_path: Path,
    communes_path: Path | None,
    outdir: Path,
    options: BatchOptions | None = None,
    *,
    tinh: str | None = None,
    xa: Sequence[str] = (),
    on_start: Callable[[BatchStart], None] | None = None,
    on_result: Callable[[CommuneResult], None] | None = None,
) -> BatchResult:
    """Render one plan per commune: the base plan with each commune's values, into `outdir`.

    The communes come from `communes_path` (a CSV or YAML list) or, with `tinh`, from the 2025 map:
    every commune of that province (only those named in `xa`, when given), each with its unit word
    and place name; the signer's name is left as a `<<ĐIỀN VÀO ĐÂY>>` marker, which validate and
    each commune's table report as a place to fill.

    Every commune is validated; a bad one is reported in its result and never stops the others.
    With `options.dry_run` nothing is written. `on_start` gets the number of communes and workers
    before the work starts, `on_result` each commune's result as it finishes (both in this process).

    Raises:
        InputFileError: the base plan or the communes file cannot be read.
        UsageError: `options.template_dir` is missing or not a folder.
        BatchInputError: the base plan or the communes file has errors (nothing is rendered).
        BdgPlanError: --pdf without PDF support, or the folder cannot be made.

    """
    from bdg_plan.commands.batch import BatchOptions, prepare_batch, run_batch
    from bdg_plan.plan.source import read_source

    options = options or BatchOptions()
    check_template_dir(options.template_dir)
    if (communes_path is None) == (tinh is None):
        raise UsageError(msg.BATCH_LIST_OR_PROVINCE)
    if xa and tinh is None:
        raise UsageError(msg.BATCH_XA_NEEDS_TINH)
    base_name = str(base_path)
    list_path = None
    if tinh is not None:
        communes_data, communes_name, list_path = _map_list(tinh, xa, outdir, dry_run=options.dry_run)
    else:
        assert communes_path is not None
        communes_name = str(communes_path)
        communes_data = read_source(communes_path, communes_name)
    plan = prepare_batch(
        read_source(base_path, base_name),
        base_name,
        communes_data,
        communes_name,
        outdir,
        base_path.parent,
        post_reform_list=tinh is not None,
    )
    if list_path is not None:
        _write_map_list(list_path, communes_data, force=options.force)
    return run_batch(plan, options, on_start=on_start, on_result=on_result)


def _map_list(tinh: str, xa: Sequence[str], outdir: Path, *, dry_run: bool) -> tuple[bytes, str, Path | None]:
    """A province's communes from the 2025 map as a batch list: its bytes, its name, where it goes.

    The list is written beside the plans (not in a dry run), so every problem names a file that
    exists, and the officer can fill the signers in Excel and run the batch from it.
    """
    from bdg_plan.api.communes import communes_table
    from bdg_plan.commands.batch.names import output_stem

    signer = msg.FILL_IN.format(hint=msg.BATCH_MAP_SIGNER_HINT)
    data = communes_table(tinh, xa=xa, signer=signer).encode("utf-8")
    path = outdir / msg.BATCH_MAP_LIST_FILE.format(tinh=output_stem(tinh))
    if dry_run:
        return data, msg.BATCH_MAP_SOURCE_NAME.format(file=path), None
    return data, str(path), path


def _write_map_list(path: Path, table: bytes, *, force: bool) -> None:
    """Save the list a --tinh batch ran from (UTF-8 with BOM, for Excel) in its output folder."""
    from bdg_plan.commands.batch.pool import make_folder
    from bdg_plan.output import atomic_write

    make_folder(path.parent)
    atomic_write(path, b"\xef\xbb\xbf" + table, force=force)


# A literal list, not one built from `_LAZY`: type checkers read `__all__` only when it is written
# out, and without it they refuse `api.BdgPlanError` (an imported name) in a strict check.
__all__ = [
    "COMMUNE_COLUMNS",
    "CONVERTED_SUFFIXES",
    "YEAR_MAX",
    "YEAR_MIN",
    "BatchInputError",
    "BatchOptions",
    "BatchResult",
    "BatchStart",
    "BdgPlanError",
    "CommuneResult",
    "ConversionError",
    "Deviation",
    "DocxReadError",
    "ImportResult",
    "InputFileError",
    "InvalidPlanError",
    "LoadedDocument",
    "NewYearResult",
    "NoPlanFoundError",
    "OutputError",
    "PdfError",
    "Plan",
    "Problem",
    "RenderResult",
    "Severity",
    "StarterResult",
    "TemplateError",
    "UsageError",
    "ValidationReport",
    "ValidationResult",
    "WatchReport",
    "YearBeforePlanError",
    "check_template_dir",
    "check_word_file",
    "communes_table",
    "default_import_output",
    "default_output",
    "has_errors",
    "import_word_file",
    "init",
    "load_plan",
    "load_text",
    "make_pdf",
    "name_failure_message",
    "new_year",
    "pdf_path_for",
    "read_word_file",
    "render",
    "render_batch",
    "render_plan",
    "schema_text",
    "sort_problems",
    "validate",
    "validate_bytes",
    "validate_files",
    "watch_render",
    "write_communes",
    "write_crash_log",
    "write_schema",
]
