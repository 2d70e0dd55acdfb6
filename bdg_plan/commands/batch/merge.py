"""Merging a commune's values into the base plan, keeping where every value was written.

The merged data keeps the base file's positions for what it takes from the base, and "virtual"
lines past any real line for what an entry sets; after validation they are mapped back, so a
problem names the file and place its text came from (CSV: the row's line and the column, whose
header starts the message; YAML: the line and column). A CSV cell is read through the YAML
loader too, so it gets the same checks as a plan's text (NFC, control, invisible characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from bdg_plan import messages as msg
from bdg_plan.commands.batch.entries import CommuneEntry, KeyPath, Origin, Override
from bdg_plan.commands.batch.localise import Rewritten, leftovers, localise, plan_unit
from bdg_plan.commands.batch.status import LeftoverMention
from bdg_plan.commands.self_reference import Unit
from bdg_plan.errors import Problem, has_errors, sort_problems
from bdg_plan.pipeline import load_source, validate_document
from bdg_plan.plan.loader import DataPath, LoadedDocument, Mark
from bdg_plan.plan.source import SourceText

if TYPE_CHECKING:
    from bdg_plan.plan.model import Plan

# Problems at or past this line were found in values an entry set (see the module docstring).
_VIRTUAL_LINE = 1_000_000_000
# Characters written as escapes when a CSV cell is handed to the YAML loader: quotes, backslash,
# controls, line and paragraph separators, BOM, surrogates and non-characters.
_YAML_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]')


def merge_overrides(base: Any, overrides: Iterable[Override]) -> dict[str, Any]:
    """The base plan's data with a commune's overrides applied (the base data is not changed).

    This is the plan a commune's file is rendered from: dumped to YAML and rendered alone, it
    gives the same bytes. The base's references to its own commune are the commune's
    (`localise`). Raises `ValueError` for a path through a value that is not a mapping.
    """
    overrides = tuple(overrides)
    own, commune = plan_unit(base), plan_unit(_merge(base, overrides)[0])
    if own is not None and commune is not None:
        base, _ = localise(base, own, commune, {override.path for override in overrides})
    data, _, conflicts = _merge(base, overrides)
    if conflicts:
        raise ValueError(conflicts[0][1])
    return data


def _merge(
    base: Any, overrides: tuple[Override, ...]
) -> tuple[dict[str, Any], list[tuple[KeyPath, Override]], list[tuple[Override, str]]]:
    """Apply overrides, copying only the mappings along their paths.

    Returns the data, the mappings created on the way (to give them positions), and the
    overrides that could not be applied, with the reason.
    """
    data: dict[str, Any] = dict(base) if isinstance(base, dict) else {}
    created: list[tuple[KeyPath, Override]] = []
    conflicts: list[tuple[Override, str]] = []
    for override in overrides:
        node = data
        for depth, step in enumerate(override.path[:-1]):
            child = node.get(step)
            if child is None:
                child = {}
                created.append((override.path[: depth + 1], override))
            elif isinstance(child, dict):
                child = dict(child)
            else:
                parent = ".".join(override.path[: depth + 1])
                conflicts.append(
                    (override, msg.BATCH_NOT_A_MAPPING.format(key=".".join(override.path), parent=parent))
                )
                break
            node[step] = child
            node = child
        else:
            node[override.path[-1]] = override.value
    return data, created, conflicts


@dataclass
class _Positions:
    """Positions of a merged plan: the base file's, plus virtual lines for what an entry set."""

    values: dict[DataPath, Mark]
    keys: dict[DataPath, Mark]
    origins: list[Origin] = field(default_factory=list)

    def virtual(self, origin: Origin) -> Mark:
        self.origins.append(origin)
        return Mark(_VIRTUAL_LINE + len(self.origins) - 1, 1)


def _merged_document(
    base: LoadedDocument, overrides: tuple[Override, ...]
) -> tuple[LoadedDocument, _Positions, list[tuple[Override, str]]]:
    data, created, conflicts = _merge(base.data, overrides)
    failed = {id(override) for override, _ in conflicts}
    applied = [override for override in overrides if id(override) not in failed]
    replaced = {override.path for override in applied}

    def kept(path: DataPath) -> bool:
        return not any(path[:depth] in replaced for depth in range(1, len(path)))

    positions = _Positions(
        {path: mark for path, mark in base.values.items() if kept(path)},
        {path: mark for path, mark in base.keys.items() if kept(path)},
    )
    for path, override in created:
        positions.values[path] = positions.keys[path] = positions.virtual(override.key)
    for override in applied:
        positions.values[override.path] = positions.virtual(override.origin)
        positions.keys[override.path] = positions.virtual(override.key)
        for inner, origin in override.inside:
            positions.values[(*override.path, *inner)] = positions.virtual(origin)
        for inner, origin in override.inside_keys:
            positions.keys[(*override.path, *inner)] = positions.virtual(origin)
    return LoadedDocument(base.name, data, positions.values, positions.keys), positions, conflicts


def _placed(problem: Problem, positions: _Positions, communes_name: str) -> Problem:
    """Move a problem found at a virtual line to the communes file, where its text was written."""
    if problem.line < _VIRTUAL_LINE:
        return problem
    origin = positions.origins[problem.line - _VIRTUAL_LINE]
    message = problem.message
    if origin.header is not None:
        message = msg.BATCH_IN_COLUMN.format(header=origin.header, message=message)
    return Problem(communes_name, origin.line, origin.column, problem.code, message, problem.severity)


def _conflict_problem(override: Override, reason: str, communes_name: str) -> Problem:
    origin = override.key
    message = (
        reason if origin.header is None else msg.BATCH_IN_COLUMN.format(header=origin.header, message=reason)
    )
    return Problem(communes_name, origin.line, origin.column, "not-a-mapping", message)


# --- CSV cells through the loader -------------------------------------------------------------
def _yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar whose value is exactly `text`."""
    return '"' + _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + '"'


def _checked_cells(entry: CommuneEntry, communes_name: str) -> tuple[tuple[Override, ...], list[Problem]]:
    """Run a CSV row's cells through the YAML loader, one line per cell, as a plan's text is.

    The loader normalises the text (NFC) and reports control, reserved and invisible characters
    and over-long text; each problem's line says which cell it belongs to.
    """
    overrides = entry.overrides
    text = "".join(f"- {_yaml_quoted(override.value)}\n" for override in overrides)
    doc = load_source(SourceText(communes_name, text))
    cells = doc.data if isinstance(doc.data, list) and len(doc.data) == len(overrides) else None
    problems: list[Problem] = []
    for problem in doc.problems:
        origin = overrides[min(max(problem.line, 1), len(overrides)) - 1].origin
        message = msg.BATCH_IN_COLUMN.format(header=origin.header, message=problem.message)
        problems.append(
            Problem(communes_name, origin.line, origin.column, problem.code, message, problem.severity)
        )
    if cells is None:
        return overrides, problems
    checked = tuple(
        Override(o.path, value.strip() if isinstance(value, str) else value, o.origin, o.key)
        for o, value in zip(overrides, cells, strict=True)
    )
    return checked, problems


@dataclass(frozen=True)
class CommuneCheck:
    """One commune's merged plan checked.

    Its problems, its plan when valid, what was rewritten in the base's text for it, and the base
    commune's name still left in it.
    """

    problems: tuple[Problem, ...]
    plan: Plan | None
    rewritten: tuple[Rewritten, ...] = ()
    leftover: LeftoverMention | None = None


def validate_commune(
    base: LoadedDocument, base_problems: frozenset[Problem], communes_name: str, entry: CommuneEntry
) -> tuple[tuple[Problem, ...], Plan | None]:
    """The commune's problems, placed in the file they come from, and its plan when valid."""
    checked = check_commune(base, base_problems, communes_name, entry)
    return checked.problems, checked.plan


def check_commune(
    base: LoadedDocument, base_problems: frozenset[Problem], communes_name: str, entry: CommuneEntry
) -> CommuneCheck:
    """Merge a commune's values into the base plan, its own commune in the base's place, and check it.

    Problems the base plan has on its own (`base_problems`, its warnings) are not repeated.
    """
    problems = list(entry.problems)
    overrides = entry.overrides
    if entry.raw_cells:
        overrides, cell_problems = _checked_cells(entry, communes_name)
        problems += cell_problems
    base, rewritten, units = _localised(base, overrides)
    doc, positions, conflicts = _merged_document(base, overrides)
    problems += (_conflict_problem(o, reason, communes_name) for o, reason in conflicts)
    result = validate_document(doc)
    problems += (_placed(p, positions, communes_name) for p in result.problems if p not in base_problems)
    found = tuple(sort_problems(problems))
    leftover = None
    if units is not None:
        mentions = leftovers(doc.data, *units)
        if mentions:
            lines = tuple(sorted({doc.locate(m.path).line for m in mentions if m.path in positions.values}))
            leftover = LeftoverMention(units[0].name, sum(m.count for m in mentions), lines)
    plan = None if has_errors(found) else result.plan
    return CommuneCheck(found, plan, tuple(rewritten), leftover)


def _localised(
    base: LoadedDocument, overrides: tuple[Override, ...]
) -> tuple[LoadedDocument, list[Rewritten], tuple[Unit, Unit] | None]:
    """The base with its own commune's references rewritten for the commune the overrides name."""
    own = plan_unit(base.data)
    commune = plan_unit(_merge(base.data, overrides)[0])
    if own is None or commune is None:
        return base, [], None
    keep: set[DataPath] = {override.path for override in overrides}
    data, rewritten = localise(base.data, own, commune, keep)
    return replace(base, data=data), rewritten, (own, commune)
