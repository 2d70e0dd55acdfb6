"""Batch: one base plan and a list of communes -> one plan (and .docx) each.

The package has four rooms, in pipeline order, and this module joins them (`prepare_batch`):

- `communes`: reading the commune list (CSV or YAML) into `entries.CommuneEntry` values, each
  override with the place it was written (`entries` holds the values and key paths);
- `names`: each commune's output file name, an ASCII slug inside the output folder;
- `merge`: each commune's values merged into the base plan, validated by the same stage as a
  single plan (`validate.validate_document`), problems placed back where their text was written;
- `pool`: the worker processes, configured by one frozen `BatchOptions`, that render each valid
  commune with `pipeline.render_plan`, so a commune's file is byte for byte the file
  `bdg-plan render` makes from the merged plan (`merge_overrides` gives its data).

Nothing here prints: progress goes to callbacks, and the result is a value the CLI draws.
"""

from __future__ import annotations

from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.commands.batch.communes import read_communes
from bdg_plan.commands.batch.entries import HEADER_ALIASES, REQUIRED_KEYS, CommuneEntry, Origin, Override
from bdg_plan.commands.batch.merge import merge_overrides
from bdg_plan.commands.batch.names import assign_output_names, fold_ascii, output_stem
from bdg_plan.commands.batch.pool import (
    BatchOptions,
    BatchPlan,
    BatchResult,
    BatchStart,
    CommuneResult,
    default_jobs,
    run_batch,
)
from bdg_plan.errors import BatchInputError, Problem, has_errors, sort_problems
from bdg_plan.facts.admin_map import REFORM_DATE
from bdg_plan.pipeline import attach_tables, load_bytes, validate_document
from bdg_plan.plan.loader import LoadedDocument
from bdg_plan.plan.model import Plan
from bdg_plan.plan.source import SourceText, decode_source


def prepare_batch(
    base_data: bytes,
    base_name: str,
    communes_data: bytes,
    communes_name: str,
    outdir: Path,
    base_folder: Path | None = None,
    *,
    post_reform_list: bool = False,
) -> BatchPlan:
    """Validate the base plan, read the communes and give each one its output file.

    `base_folder` is where the base plan lies: its tables that name a CSV file read it from
    there, once, for every commune. `post_reform_list` says the communes are units in force
    since 01/7/2025 (a list taken from the 2025 map); a list that names each commune's
    province (`co_quan.tinh`) is one too.

    Raises:
        BatchInputError: the base plan or the communes file has errors, or the base is dated
            before 01/7/2025 while the communes exist only since then (nothing is rendered).

    """
    base = attach_tables(load_bytes(base_data, base_name), base_folder)
    checked = validate_document(base)
    sources = {base_name: base.text}
    if checked.plan is None or has_errors(checked.problems):
        raise BatchInputError(checked.problems, msg.BATCH_BASE_INVALID.format(file=base_name), sources)
    entries, problems = read_communes(communes_data, communes_name)
    if has_errors(problems):
        communes_source = decode_source(communes_data, communes_name)
        if isinstance(communes_source, SourceText):
            sources[communes_name] = communes_source.text
        raise BatchInputError(sort_problems(problems), msg.BATCH_COMMUNES_INVALID, sources)
    _refuse_base_before_reform(base, checked.plan, entries, post_reform_list, {base_name: base.text})
    names = assign_output_names([entry.name for entry in entries])
    outputs = tuple(outdir / name for name in names)
    for output in outputs:
        # Slugs hold no path characters; this guards the promise that nothing leaves `outdir`.
        if output.parent != outdir or output.name in ("", ".", ".."):
            raise AssertionError(f"output name escapes the folder: {output}")
    return BatchPlan(base, tuple(checked.problems), communes_name, tuple(entries), outputs, outdir, sources)


def _refuse_base_before_reform(
    base: LoadedDocument,
    plan: Plan,
    entries: list[CommuneEntry],
    post_reform_list: bool,
    sources: dict[str, str],
) -> None:
    """Stop a batch that would date a commune's plan before the commune existed.

    The communes of a list taken from the 2025 map (or naming their province) exist from
    01/7/2025; a base dated earlier is moved to the new year first, by new-year's rules (the
    district line, the plan's own dates and years, the commune's references to itself).
    """
    names_province = any(o.path == ("co_quan", "tinh") for e in entries for o in e.overrides)
    if plan.ngay.earliest >= REFORM_DATE or not (post_reform_list or names_province):
        return
    mark = base.locate(("ngay",))
    problem = Problem(
        base.name, mark.line, mark.column, "batch-base-before-reform", msg.BATCH_BASE_BEFORE_REFORM
    )
    raise BatchInputError([problem], msg.BATCH_BASE_BEFORE_REFORM_TITLE.format(file=base.name), sources)


__all__ = [
    "HEADER_ALIASES",
    "REQUIRED_KEYS",
    "BatchOptions",
    "BatchPlan",
    "BatchResult",
    "BatchStart",
    "CommuneEntry",
    "CommuneResult",
    "Origin",
    "Override",
    "assign_output_names",
    "default_jobs",
    "fold_ascii",
    "merge_overrides",
    "output_stem",
    "prepare_batch",
    "read_communes",
    "run_batch",
]
