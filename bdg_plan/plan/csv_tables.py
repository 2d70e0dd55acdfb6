"""Pipeline stage 2b: read the CSV files a plan's tables name (`bang: {csv: ...}`) into their rows.

Clerks keep activity lists in Excel; a table may take its rows from a CSV file saved beside the
plan. The file is resolved next to the plan and may not leave its folder. Its first line names
the columns; a column named "nhom" (or "Nhóm") splits the rows into groups. The rows are put into
the loaded data as if the clerk had written them under `dong`, each placed at the `csv:` line,
so every later stage sees one kind of table. Problems of the CSV itself name the CSV file and
its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.errors import InputFileError, Problem, Severity
from bdg_plan.facts.limits import MAX_TABLE_COLUMNS
from bdg_plan.plan.loader import DataPath, LoadedDocument
from bdg_plan.plan.outline_model import GROUP_KEY
from bdg_plan.plan.source import decode_source, read_source

#: Column names (case and accents aside) that hold a row's group.
GROUP_COLUMNS = frozenset({"nhom", "nhóm"})


def attach_csv_tables(doc: LoadedDocument, folder: Path | None) -> LoadedDocument:
    """Fill each `bang` that names a CSV file with that file's rows (in place; returns `doc`).

    `folder` is the plan's folder; None when the plan did not come from a file (then a CSV
    table is an error: there is nowhere to read it from).
    """
    for path, table in list(_csv_tables(doc.data, ())):
        mark = doc.locate((*path, "csv"))
        name = str(table["csv"])
        if "dong" in table:
            doc.problems.append(
                Problem(doc.name, mark.line, mark.column, "table-columns", msg.TABLE_ROWS_AND_CSV)
            )
            continue
        if folder is None:
            doc.problems.append(Problem(doc.name, mark.line, mark.column, "table-csv", msg.CSV_NO_FOLDER))
            continue
        rows = _read_rows(doc, folder, name, mark.line, mark.column)
        if rows is None:
            continue
        header, body = rows
        if not table.get("cot"):
            table["cot"] = [column for column in header if column.casefold() not in GROUP_COLUMNS]
        table["dong"] = body
        for index, row in enumerate(body):
            for key in row:
                doc.values[(*path, "dong", index, key)] = mark
    return doc


def _csv_tables(data: Any, path: DataPath) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    if isinstance(data, dict):
        table = data.get("bang")
        if isinstance(table, dict) and isinstance(table.get("csv"), str):
            yield (*path, "bang"), table
        for key, value in data.items():
            yield from _csv_tables(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _csv_tables(value, (*path, index))


def _read_rows(
    doc: LoadedDocument, folder: Path, name: str, line: int, column: int
) -> tuple[list[str], list[dict[str, Any]]] | None:
    def problem(text: str) -> None:
        doc.problems.append(Problem(doc.name, line, column, "table-csv", text))

    root = folder.resolve()
    target = (folder / name).resolve()
    if not target.is_relative_to(root):
        problem(msg.CSV_OUTSIDE.format(file=name))
        return None
    try:
        data = read_source(target, name)
    except InputFileError as exc:
        problem(msg.CSV_UNREADABLE.format(file=name, reason=exc.message))
        return None
    source = decode_source(data, name)
    if isinstance(source, Problem):
        doc.problems.append(source)
        return None
    return _parse(doc, name, source.text)


def _parse(doc: LoadedDocument, name: str, text: str) -> tuple[list[str], list[dict[str, Any]]] | None:
    # Here: every validate passes through this module, few plans name a CSV file.
    from bdg_plan.plan.csv_read import CsvProblem, read_csv_table

    table = read_csv_table(text)
    if isinstance(table, CsvProblem):
        code = "table-csv" if table.code == "csv-empty" else table.code
        doc.problems.append(Problem(name, table.line, table.column, code, table.message))
        return None
    header = [cell.strip() for cell in table.header.cells]
    group = next((i for i, cell in enumerate(header) if cell.casefold() in GROUP_COLUMNS), None)
    width = len(header) - (group is not None)
    if width > MAX_TABLE_COLUMNS:
        message = msg.TABLE_TOO_MANY_COLUMNS.format(count=width, limit=MAX_TABLE_COLUMNS)
        doc.problems.append(Problem(name, table.header.line, 1, "table-columns", message))
        return None
    rows: list[dict[str, Any]] = []
    current = ""
    for row in table.rows:
        record = row.cells
        if len(record) > len(header):
            message = msg.CSV_TOO_MANY_CELLS.format(line=row.line, count=len(record), columns=len(header))
            doc.problems.append(Problem(name, row.line, 1, "table-csv", message, Severity.ERROR))
            continue
        cells = {header[i]: cell.strip() for i, cell in enumerate(record) if cell.strip() and i != group}
        if group is not None and group < len(record) and record[group].strip() not in ("", current):
            current = record[group].strip()
            rows.append({GROUP_KEY: current})
        if cells:
            rows.append(cells)
    return header, rows
