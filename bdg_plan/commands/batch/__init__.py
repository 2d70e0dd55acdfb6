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
from bdg_plan.plan.csv_tables import attach_csv_tables
from bdg_plan.plan.loader import load_yaml
from bdg_plan.plan.source import SourceText, decode_source
from bdg_plan.rules.validate import validate_document


def prepare_batch(
    base_data: bytes,
    base_name: str,
    communes_data: bytes,
    communes_name: str,
    outdir: Path,
    base_folder: Path | None = None,
) -> BatchPlan:
    """Validate the base plan, read the communes and give each one its output file.

    `base_folder` is where the base plan lies: its tables that name a CSV file read it from
    there, once, for every commune.

    Raises:
        BatchInputError: the base plan or the communes file has errors (nothing is rendered).

    """
    base_source = decode_source(base_data, base_name)
    if isinstance(base_source, Problem):
        raise BatchInputError([base_source], msg.BATCH_BASE_INVALID.format(file=base_name))
    base = attach_csv_tables(load_yaml(base_source), base_folder)
    checked = validate_document(base)
    if checked.plan is None or has_errors(checked.problems):
        sources = {base_name: base_source.text}
        raise BatchInputError(checked.problems, msg.BATCH_BASE_INVALID.format(file=base_name), sources)
    entries, problems = read_communes(communes_data, communes_name)
    if has_errors(problems):
        communes_source = decode_source(communes_data, communes_name)
        sources = {base_name: base_source.text}
        if isinstance(communes_source, SourceText):
            sources[communes_name] = communes_source.text
        raise BatchInputError(sort_problems(problems), msg.BATCH_COMMUNES_INVALID, sources)
    names = assign_output_names([entry.name for entry in entries])
    outputs = tuple(outdir / name for name in names)
    for output in outputs:
        # Slugs hold no path characters; this guards the promise that nothing leaves `outdir`.
        if output.parent != outdir or output.name in ("", ".", ".."):
            raise AssertionError(f"output name escapes the folder: {output}")
    sources = {base_name: base_source.text}
    return BatchPlan(base, tuple(checked.problems), communes_name, tuple(entries), outputs, outdir, sources)


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
