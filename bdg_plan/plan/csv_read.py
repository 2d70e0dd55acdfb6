"""The one CSV reader: a table Excel saved (a plan's `bang: {csv: ...}`, a batch's commune list).

Clerks save tables from Excel as CSV: UTF-8 with a BOM or UTF-16 (decoded by `source.decode_source`),
cells separated by `,`, or by `;` where the decimal mark is a comma (Vietnamese settings), or by
a tab. The first non-blank row names the columns; blank rows (Excel's trailing ";;;") are skipped.
Every row carries the physical line it starts on, as an editor shows it, even after a quoted cell
that spans lines. A quote that opens a cell and never closes is reported where it opened, instead
of silently reading the rest of the file into one cell. The work is bounded: the sniffer reads a
few kilobytes, and rows, cells per row and characters per cell have limits with a clear message.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bdg_plan import messages as msg
from bdg_plan.plan.loader import MAX_TEXT_CHARS

#: The delimiters a table may use, in the order a tie is decided.
DELIMITERS = (",", ";", "\t")
#: The sniffer reads at most this many non-blank lines and characters from the start of the file.
SNIFF_LINES = 20
SNIFF_CHARS = 4096
#: Rows under the header: the whole country has about 3,300 communes after the 2025 reform (a
#: province at most about 170), and a plan's table a few hundred rows.
MAX_CSV_ROWS = 5_000
#: Cells in one row. A plan's table has at most `facts.limits.MAX_TABLE_COLUMNS` columns; a commune
#: list one column per plan key it sets.
MAX_CSV_COLUMNS = 100
#: Physical lines in the file, blank ones and the lines of multi-line cells included: a few
#: lines per row, and Excel's trailing blank rows, but never a million empty lines to loop over.
MAX_CSV_LINES = 4 * MAX_CSV_ROWS
#: Characters in one cell: a cell becomes a plan value, so the plan's own bound applies.
MAX_CSV_CELL_CHARS = MAX_TEXT_CHARS


@dataclass(frozen=True)
class CsvRow:
    """One non-blank row: the physical line it starts on (1-based) and its cells as written."""

    line: int
    cells: list[str]


@dataclass(frozen=True)
class CsvTable:
    """A read table: its delimiter, its header row and the rows under it."""

    delimiter: str
    header: CsvRow
    rows: list[CsvRow]


@dataclass(frozen=True)
class CsvProblem:
    """Why a table cannot be read: where (line and column, 1-based), a problem code and a message."""

    line: int
    column: int
    code: str
    message: str


def read_csv_table(
    text: str,
    known: Callable[[str], bool] | None = None,
    *,
    max_rows: int = MAX_CSV_ROWS,
    max_columns: int = MAX_CSV_COLUMNS,
) -> CsvTable | CsvProblem:
    """Read decoded CSV text into a header and rows, or the first problem that stops it.

    `known` tells a header cell the caller recognises (a plan key); it decides the delimiter
    when the sniffer cannot (see `choose_delimiter`).
    """
    delimiter = choose_delimiter(text, known)
    lines = list(io.StringIO(text, newline=""))
    if len(lines) > MAX_CSV_LINES:
        message = msg.CSV_TOO_MANY_LINES.format(limit=MAX_CSV_LINES)
        return CsvProblem(MAX_CSV_LINES + 1, 1, "csv-too-many-lines", message)
    found: list[CsvRow] = []
    try:
        for row in _rows(lines, delimiter, max_columns):
            if len(found) > max_rows:
                message = msg.CSV_TOO_MANY_ROWS.format(limit=max_rows)
                return CsvProblem(row.line, 1, "csv-too-many-rows", message)
            found.append(row)
    except _ReadStop as stop:
        return stop.problem
    if not found:
        return CsvProblem(1, 1, "csv-empty", msg.CSV_NO_HEADER)
    return CsvTable(delimiter, found[0], found[1:])


class _ReadStop(Exception):
    """A problem found while reading the rows: it stops the reading."""

    def __init__(self, problem: CsvProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _rows(lines: list[str], delimiter: str, max_columns: int) -> Iterator[CsvRow]:
    """The non-blank rows of `lines`, each with its first physical line.

    A row that spans lines (a quoted cell with a line break) and the last row are checked for a
    quote that opened a cell and never closed properly: Python's lenient reader would join the
    following rows into that one cell. The cheap count of cells comes first, so a hostile row of
    a million cells is refused before its quotes are looked at.
    """
    reader = csv.reader(lines, delimiter=delimiter)
    last = len(lines)
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if len(cells) > max_columns:
                text = msg.CSV_TOO_MANY_COLUMNS.format(count=len(cells), limit=max_columns)
                raise _ReadStop(CsvProblem(start, max_columns + 1, "csv-too-many-columns", text))
            if end > start or end == last:
                _check_quotes(lines, start, end, delimiter)
            if cells and (cells[0].strip() or any(cell.strip() for cell in cells)):
                _check_cells(start, cells)
                yield CsvRow(start, cells)
    except csv.Error:  # only the reader's own field limit, well above MAX_CSV_CELL_CHARS
        _check_quotes(lines, end + 1, reader.line_num, delimiter)
        text = msg.CSV_CELL_TOO_LONG.format(limit=MAX_CSV_CELL_CHARS)
        raise _ReadStop(CsvProblem(end + 1, 1, "csv-cell-too-long", text)) from None


def _check_cells(line: int, cells: list[str]) -> None:
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CSV_CELL_CHARS:
            text = msg.CSV_CELL_TOO_LONG.format(limit=MAX_CSV_CELL_CHARS)
            raise _ReadStop(CsvProblem(line, index + 1, "csv-cell-too-long", text))


def _check_quotes(lines: list[str], start: int, end: int, delimiter: str) -> None:
    """Raise `_ReadStop` when the row on lines `start`..`end` has a quote opened and never closed."""
    raw = "".join(lines[start - 1 : end])
    opened = broken_quote(raw, delimiter)
    if opened is None:
        return
    before = list(io.StringIO(raw[:opened], newline=""))
    if not before:
        line, column = start, 1
    elif before[-1].endswith(("\n", "\r")):
        line, column = start + len(before), 1
    else:
        line, column = start + len(before) - 1, len(before[-1]) + 1
    raise _ReadStop(CsvProblem(line, column, "csv-unclosed-quote", msg.CSV_UNCLOSED_QUOTE))


#: The text of a quoted cell after its opening quote: anything but a quote, or a doubled quote.
_QUOTED_TEXT = re.compile(r'(?:[^"]+|"")*')


def broken_quote(raw: str, delimiter: str) -> int | None:
    """The offset of a quote in `raw` that opens a cell and is never properly closed, or None.

    Read as Python's lenient reader does: a quote opens a quoted cell only at the start of a cell;
    inside, `""` is one quote. Never closed: the text ends inside the quoted cell. Not properly
    closed: a quoted cell that ran over a line break ends in a quote followed by more text
    (`"...<line break>..."x`), which Excel never writes: the reader has joined rows. The loop runs
    once per quoted cell; the regular expressions scan the text between.
    """
    if '"' not in raw:
        return None
    cell_ends = (delimiter, "\n", "\r")
    opener = re.compile(f'(?:^|(?<=[{re.escape(delimiter)}\r\n]))"')
    position = 0
    while (found := opener.search(raw, position)) is not None:
        opened = found.start()
        text = _QUOTED_TEXT.match(raw, opened + 1)  # always matches, perhaps nothing
        closed = text.end() if text is not None else opened + 1
        if closed >= len(raw):
            return opened
        position = closed + 1
        if position < len(raw) and raw[position] not in cell_ends:
            inside = raw[opened + 1 : closed]
            if "\n" in inside or "\r" in inside:
                return opened
    return None


def choose_delimiter(text: str, known: Callable[[str], bool] | None = None) -> str:
    """The delimiter Excel wrote: ";" where the decimal mark is a comma (Vietnamese settings), else ",".

    `csv.Sniffer`, restricted to `,`, `;` and tab, reads the first rows' pattern (at most
    `SNIFF_LINES` lines and `SNIFF_CHARS` characters); a header whose cells are `known` under one
    delimiter decides first, so "Tên xã, phường;Địa danh" reads as ";" even in a one-line file;
    the most frequent character in the header is the last resort, the first in `DELIMITERS` on a tie.
    """
    sample = text[:SNIFF_CHARS]
    lines = [line for line in sample.splitlines() if line.strip()]
    if len(text) > SNIFF_CHARS and len(lines) > 1:
        lines.pop()  # cut in the middle: its pattern would not match the others
    lines = lines[:SNIFF_LINES]
    header = lines[0] if lines else ""
    sniffed = None
    if len(lines) > 1:
        try:
            sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
        except csv.Error:  # no consistent pattern: decide by the header alone
            sniffed = None

    def score(delimiter: str) -> tuple[int, bool, int]:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        recognised = sum(known(cell) for cell in cells if cell.strip()) if known else 0
        return recognised, delimiter == sniffed, header.count(delimiter)

    return max(DELIMITERS, key=score)
