"""Reading the commune list of a batch: a CSV table or a YAML list, into entries and file problems.

The CSV table has a header row (key paths or their Vietnamese aliases) and one row per commune;
its delimiter is the one Excel wrote (`,`, `;` or a tab). The YAML file is a list with one mapping
per commune; a value may be a whole list (`noi_nhan`) and a nested mapping merges into the base's.
File-level problems (a syntax error, a wrong header) stop the whole batch; an entry's own
problems stop only that commune.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.commands.batch.entries import (
    REQUIRED_KEYS,
    CommuneEntry,
    KeyPath,
    Origin,
    Override,
    alias_of,
    key_problem,
    parse_key,
)
from bdg_plan.errors import Problem, has_errors
from bdg_plan.plan.csv_read import MAX_CSV_ROWS, CsvProblem, choose_delimiter, read_csv_table
from bdg_plan.plan.loader import DataPath, LoadedDocument, Mark, load_yaml
from bdg_plan.plan.source import SourceText, decode_source

#: The most communes one list may hold, in a CSV table (its rows) or a YAML list (its items).
#: Each commune is a whole plan to validate (a few milliseconds each); the whole country has about
#: 3,300 communes.
MAX_COMMUNES = MAX_CSV_ROWS


def read_communes(data: bytes, name: str) -> tuple[list[CommuneEntry], list[Problem]]:
    """Read a communes file (.csv or .yaml/.yml) into entries and file-level problems.

    File-level problems (a syntax error, a wrong header) stop the whole batch; an entry's own
    problems stop only that commune.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        return [], [Problem(name, 0, 0, "communes-format", msg.BATCH_FORMAT_UNKNOWN.format(file=name))]
    source = decode_source(data, name)
    if isinstance(source, Problem):
        return [], [source]
    entries, problems = _read_csv(source) if suffix == ".csv" else _read_yaml(source)
    if not entries and not has_errors(problems):
        problems.append(Problem(name, 1, 1, "no-communes", msg.BATCH_NO_COMMUNES))
    return entries, problems


def _read_csv(source: SourceText) -> tuple[list[CommuneEntry], list[Problem]]:
    name = source.name
    table = read_csv_table(source.text, _is_key)
    if isinstance(table, CsvProblem):
        code, text = table.code, table.message
        if code == "csv-empty":
            text = msg.BATCH_CSV_EMPTY
        elif code == "csv-too-many-rows":
            code, text = "too-many-communes", msg.BATCH_TOO_MANY_COMMUNES.format(limit=MAX_COMMUNES)
        return [], [Problem(name, table.line, table.column, code, text)]
    header = table.header
    columns, problems = _csv_columns(name, header.line, header.cells)
    if has_errors(problems):
        return [], problems
    entries = [
        _csv_entry(name, number, row.line, row.cells, columns, header.line, len(header.cells))
        for number, row in enumerate(table.rows, start=1)
    ]
    return entries, problems


def csv_delimiter(text: str) -> str:
    """The delimiter of a commune table: a header of plan keys or their aliases decides first."""
    return choose_delimiter(text, _is_key)


def _is_key(cell: str) -> bool:
    return parse_key(cell) is not None


def _csv_columns(
    name: str, line: int, header: list[str]
) -> tuple[dict[int, tuple[str, KeyPath]], list[Problem]]:
    """Map column indexes to (header text, key path); unknown, duplicate or missing columns."""
    columns: dict[int, tuple[str, KeyPath]] = {}
    problems: list[Problem] = []
    seen: dict[KeyPath, str] = {}
    for index, text in enumerate(header):
        text = text.strip()
        if not text:
            continue
        reason = key_problem(text)
        steps = parse_key(text)
        if reason is not None or steps is None:
            problems.append(Problem(name, line, index + 1, "unknown-column", reason or text))
            continue
        if steps in seen:
            key = ".".join(steps)
            message = msg.BATCH_DUPLICATE_HEADER.format(header=text, key=key, other=seen[steps])
            problems.append(Problem(name, line, index + 1, "duplicate-column", message))
            continue
        seen[steps] = text
        columns[index] = (text, steps)
    for key in REQUIRED_KEYS:
        if tuple(key.split(".")) not in seen:
            what = msg.BATCH_REQUIRED_WHAT[key]
            message = msg.BATCH_MISSING_COLUMN.format(key=key, alias=alias_of(key), what=what)
            problems.append(Problem(name, line, 1, "missing-column", message))
    return columns, problems


def _csv_entry(
    name: str,
    number: int,
    line: int,
    cells: list[str],
    columns: dict[int, tuple[str, KeyPath]],
    header_line: int,
    width: int,
) -> CommuneEntry:
    overrides: list[Override] = []
    problems: list[Problem] = []
    for index, cell in enumerate(cells):
        if index not in columns and cell.strip():
            text = (
                msg.BATCH_UNNAMED_COLUMN if index < width else msg.BATCH_EXTRA_CELLS.format(column=index + 1)
            )
            problems.append(Problem(name, line, index + 1, "extra-cell", text))
    for index, (header, steps) in columns.items():
        cell = cells[index] if index < len(cells) else ""
        if not cell.strip():
            key = ".".join(steps)
            if key in REQUIRED_KEYS:
                text = msg.BATCH_IN_COLUMN.format(
                    header=header, message=msg.BATCH_EMPTY_CELL.format(what=msg.BATCH_REQUIRED_WHAT[key])
                )
                problems.append(Problem(name, line, index + 1, "empty-cell", text))
            continue
        origin = Origin(line, index + 1, header)
        overrides.append(Override(steps, cell, origin, Origin(header_line, index + 1, header)))
    return CommuneEntry(number, line, tuple(overrides), tuple(problems), raw_cells=True)


def _read_yaml(source: SourceText) -> tuple[list[CommuneEntry], list[Problem]]:
    doc = load_yaml(source)
    if doc.data is None:
        return [], list(doc.problems)
    if not isinstance(doc.data, list):
        mark = doc.locate(())
        return [], [
            *doc.problems,
            Problem(doc.name, mark.line, mark.column, "wrong-type", msg.BATCH_NOT_A_LIST),
        ]
    if len(doc.data) > MAX_COMMUNES:
        mark = doc.locate((MAX_COMMUNES,))
        text = msg.BATCH_TOO_MANY_COMMUNES.format(limit=MAX_COMMUNES)
        return [], [*doc.problems, Problem(doc.name, mark.line, mark.column, "too-many-communes", text)]
    starts = [doc.locate((index,)).line for index in range(len(doc.data))]
    by_entry: dict[int, list[Problem]] = {}
    file_problems: list[Problem] = []
    for problem in doc.problems:
        index = bisect.bisect_right(starts, problem.line) - 1
        if index < 0:
            file_problems.append(problem)
        else:
            by_entry.setdefault(index, []).append(problem)
    marks = _marks_by_entry(doc)
    entries = [
        _yaml_entry(doc, index, value, marks.get(index, ([], [])), by_entry.get(index, []))
        for index, value in enumerate(doc.data)
    ]
    return entries, file_problems


def _marks_by_entry(
    doc: LoadedDocument,
) -> dict[int, tuple[list[tuple[DataPath, Mark]], list[tuple[DataPath, Mark]]]]:
    """The loader's value and key positions, grouped by top-level list item."""
    grouped: dict[int, tuple[list[tuple[DataPath, Mark]], list[tuple[DataPath, Mark]]]] = {}
    for kind, table in enumerate((doc.values, doc.keys)):
        for path, mark in table.items():
            if path and isinstance(path[0], int):
                grouped.setdefault(path[0], ([], []))[kind].append((path, mark))
    return grouped


def _yaml_entry(
    doc: LoadedDocument,
    index: int,
    value: Any,
    marks: tuple[list[tuple[DataPath, Mark]], list[tuple[DataPath, Mark]]],
    problems: list[Problem],
) -> CommuneEntry:
    start = doc.locate((index,))
    problems = list(problems)
    overrides: list[Override] = []
    if not isinstance(value, dict):
        problems.append(
            Problem(doc.name, start.line, start.column, "wrong-type", msg.BATCH_ENTRY_NOT_MAPPING)
        )
        return CommuneEntry(index + 1, start.line, (), tuple(problems))
    values, keys = marks

    def origin(mark: Mark) -> Origin:
        return Origin(mark.line, mark.column)

    def inside(table: list[tuple[DataPath, Mark]], prefix: DataPath) -> tuple[tuple[DataPath, Origin], ...]:
        size = len(prefix)
        return tuple((p[size:], origin(m)) for p, m in table if len(p) > size and p[:size] == prefix)

    def visit(mapping: dict[str, Any], plan_prefix: KeyPath, file_prefix: DataPath) -> None:
        for key, item in mapping.items():
            file_path = (*file_prefix, key)
            key_mark = doc.locate(file_path, prefer_key=True)
            # A header alias names a whole path, so it is read at the top of an entry only.
            steps = parse_key(key, aliases=not plan_prefix)
            if steps is None:
                message = msg.BATCH_BAD_KEY.format(key=key)
                problems.append(Problem(doc.name, key_mark.line, key_mark.column, "unknown-key", message))
                continue
            path = (*plan_prefix, *steps)
            if isinstance(item, dict) and item:
                visit(item, path, file_path)
                continue
            overrides.append(
                Override(
                    path,
                    item,
                    origin(doc.locate(file_path)),
                    origin(key_mark),
                    inside(values, file_path),
                    inside(keys, file_path),
                )
            )

    visit(value, (), (index,))
    problems += _entry_key_problems(doc.name, start, overrides)
    return CommuneEntry(index + 1, start.line, tuple(overrides), tuple(problems))


def _entry_key_problems(name: str, start: Mark, overrides: list[Override]) -> Iterator[Problem]:
    """A key set twice (`nguoi_ky.ho_ten` and `nguoi_ky: {ho_ten: ...}`), or a required key missing."""
    seen: set[KeyPath] = set()
    for override in overrides:
        if override.path in seen:
            key = ".".join(override.path)
            yield Problem(
                name,
                override.key.line,
                override.key.column,
                "duplicate-key",
                msg.BATCH_DUPLICATE_KEY.format(key=key),
            )
        seen.add(override.path)
    for key in REQUIRED_KEYS:
        if tuple(key.split(".")) not in seen:
            message = msg.BATCH_MISSING_KEY.format(key=key, what=msg.BATCH_REQUIRED_WHAT[key])
            yield Problem(name, start.line, start.column, "missing-field", message)
