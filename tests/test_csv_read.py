"""The one CSV reader (plan/csv_read.py) and the bounds on tables and numbers that validate reports."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from bdg_plan import api
from bdg_plan.facts.limits import MAX_TABLE_COLUMNS, SO_MAX
from bdg_plan.plan import csv_read
from bdg_plan.plan.csv_read import (
    MAX_CSV_CELL_CHARS,
    MAX_CSV_COLUMNS,
    MAX_CSV_LINES,
    MAX_CSV_ROWS,
    SNIFF_CHARS,
    CsvProblem,
    CsvTable,
    read_csv_table,
)


def rows(text: str) -> list[tuple[int, list[str]]]:
    table = read_csv_table(text)
    assert isinstance(table, CsvTable), table
    return [(table.header.line, table.header.cells)] + [(row.line, row.cells) for row in table.rows]


def problem(text: str) -> tuple[int, int, str]:
    found = read_csv_table(text)
    assert isinstance(found, CsvProblem), found
    return found.line, found.column, found.code


# --- Rows and the physical line each starts on ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b\n1,2\n", [(1, ["a", "b"]), (2, ["1", "2"])]),
        # A quoted cell over two lines: the next row starts on line 4, not on record 3.
        ('a,b\n"x\ny",2\n3,4\n', [(1, ["a", "b"]), (2, ["x\ny", "2"]), (4, ["3", "4"])]),
        ('a,b\n"x\r\n\r\ny",2\r\n3,4\r\n', [(1, ["a", "b"]), (2, ["x\r\n\r\ny", "2"]), (5, ["3", "4"])]),
        ("a;b\r\n1;2\r\n", [(1, ["a", "b"]), (2, ["1", "2"])]),
        ("a\tb\n1\t2", [(1, ["a", "b"]), (2, ["1", "2"])]),
        ("a,b\r1,2\r3,4", [(1, ["a", "b"]), (2, ["1", "2"]), (3, ["3", "4"])]),
        # Blank rows (and Excel's ";;;" rows) are skipped, before the header too.
        ("\n\na,b\n,\n\n1,2\n", [(3, ["a", "b"]), (6, ["1", "2"])]),
        ("a;b\n;\n ; \n1;2\n", [(1, ["a", "b"]), (4, ["1", "2"])]),
        # Quotes Excel writes, and quotes it does not that the lenient reader copes with.
        ('a,b\n"he said ""hi""\nthen",2\n', [(1, ["a", "b"]), (2, ['he said "hi"\nthen', "2"])]),
        ('a,b\nx"y,2\n', [(1, ["a", "b"]), (2, ['x"y', "2"])]),
        ('a,b\n"a"b,2\n', [(1, ["a", "b"]), (2, ["ab", "2"])]),
        ('a,b\n1,"x"', [(1, ["a", "b"]), (2, ["1", "x"])]),
        ('a,b\n"",""\n1,2\n', [(1, ["a", "b"]), (3, ["1", "2"])]),
    ],
)
def test_rows_carry_the_line_they_start_on(text: str, expected: list[tuple[int, list[str]]]) -> None:
    assert rows(text) == expected


# --- What stops the reading: snippet -> (line, column, code) ----------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (1, 1, "csv-empty")),
        ("\n;;\n\n", (1, 1, "csv-empty")),
        # A quote never closed: reported where it opened, not where the file ends.
        ('a,b\n1,2\n"x,3\n4,5\n', (3, 1, "csv-unclosed-quote")),
        ('a,b\n1,"x\n4,5\n', (2, 3, "csv-unclosed-quote")),
        ('a,b\n1,"x', (2, 3, "csv-unclosed-quote")),
        ('a,b\n"a""', (2, 1, "csv-unclosed-quote")),
        ('a;b\n1;"x\ny";"z\n', (3, 4, "csv-unclosed-quote")),
        ('a;b\n1;2\n\n\n3;"x\n', (5, 3, "csv-unclosed-quote")),
        # ... or closed by the opening quote of a later cell: rows were silently joined.
        ('a,b\n"x,1\n2,"y",3\n5,6\n', (2, 1, "csv-unclosed-quote")),
        ('a\tb\n1\t"x\n2\t"y"\t3\n5\t6\n', (2, 3, "csv-unclosed-quote")),
        # A quote left open swallows more than the reader's own field limit: still the quote.
        ('a\n"' + ("x" * 100 + "\n") * 2_000, (2, 1, "csv-unclosed-quote")),
        # Bounds: the first cell past the limit, the row past the limit.
        ("a\n" + "x" * (MAX_CSV_CELL_CHARS + 1) + "\n", (2, 1, "csv-cell-too-long")),
        ("a,b\n1," + "x" * (MAX_CSV_CELL_CHARS + 1) + "\n", (2, 2, "csv-cell-too-long")),
        ('a\n"' + "x" * 200_000 + '"\n', (2, 1, "csv-cell-too-long")),
        (
            "a\n1\n" + ",".join("x" * (MAX_CSV_COLUMNS + 1)) + "\n",
            (3, MAX_CSV_COLUMNS + 1, "csv-too-many-columns"),
        ),
        ("a\n" + "\n" * MAX_CSV_LINES, (MAX_CSV_LINES + 1, 1, "csv-too-many-lines")),
        # The cells are counted before the quotes are looked at: a million cells, one open quote.
        ("," * 1_000_000 + '"', (1, MAX_CSV_COLUMNS + 1, "csv-too-many-columns")),
    ],
)
def test_what_stops_the_reading(text: str, expected: tuple[int, int, str]) -> None:
    assert problem(text) == expected


def test_the_limits_are_kept_exactly() -> None:
    width = read_csv_table(",".join(["x"] * MAX_CSV_COLUMNS) + "\n")
    assert isinstance(width, CsvTable) and len(width.header.cells) == MAX_CSV_COLUMNS
    cell = read_csv_table("a\n" + "x" * MAX_CSV_CELL_CHARS + "\n")
    assert isinstance(cell, CsvTable) and len(cell.rows[0].cells[0]) == MAX_CSV_CELL_CHARS
    blank = read_csv_table("a\n" + "\n" * (MAX_CSV_LINES - 2) + "1")
    assert isinstance(blank, CsvTable) and blank.rows[0].line == MAX_CSV_LINES
    full = "a\n" + "1\n" * MAX_CSV_ROWS
    table = read_csv_table(full)
    assert isinstance(table, CsvTable) and len(table.rows) == MAX_CSV_ROWS
    assert problem(full + "\n\n2\n") == (MAX_CSV_ROWS + 4, 1, "csv-too-many-rows")


def test_a_caller_may_ask_for_tighter_bounds() -> None:
    assert isinstance(read_csv_table("h\n1\n2\n3\n", max_rows=3), CsvTable)
    found = read_csv_table("h\n1\n\n2\n3\n4\n", max_rows=3)
    assert isinstance(found, CsvProblem) and (found.line, found.code) == (6, "csv-too-many-rows")
    assert "3 dòng" in found.message
    wide = read_csv_table("a,b,c,d\n", max_columns=3)
    assert isinstance(wide, CsvProblem) and (wide.line, wide.column, wide.code) == (
        1,
        4,
        "csv-too-many-columns",
    )
    assert "4 ô" in wide.message and "3 ô" in wide.message


# --- The delimiter ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Nội dung;Chủ trì\n", ";"),
        ("Nội dung,Chủ trì\nA,B\n", ","),
        ('Nhóm;Nội dung;Chủ trì\nA;"Thăm hỏi, hỗ trợ";B\n', ";"),
        ("Nội dung\tChủ trì\tGhi chú\nA\tB\tC\n", "\t"),
        ("Nội dung\n", ","),  # one column: the first delimiter
        ("a,b;c\n", ","),  # a tie: the first in order
    ],
)
def test_the_delimiter_is_the_one_excel_wrote(text: str, delimiter: str) -> None:
    table = read_csv_table(text)
    assert isinstance(table, CsvTable) and table.delimiter == delimiter


def test_a_known_header_decides_the_delimiter() -> None:
    text = "Tên xã, phường;Địa danh\n"
    assert csv_read.choose_delimiter(text) == ","
    assert csv_read.choose_delimiter(text, lambda cell: cell in ("Tên xã, phường", "Địa danh")) == ";"


def test_the_sniffer_reads_a_bounded_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    samples: list[int] = []
    sniff = csv.Sniffer.sniff

    def counting(self: csv.Sniffer, sample: str, delimiters: str | None = None) -> Any:
        samples.append(len(sample))
        return sniff(self, sample, delimiters)

    monkeypatch.setattr(csv.Sniffer, "sniff", counting)
    assert csv_read.choose_delimiter("a;b\n" + "1;2\n" * 400_000) == ";"
    assert csv_read.choose_delimiter("a;b\n" + "1;2\n" * 10 + "x;" * 1_000_000) == ";"
    assert samples and max(samples) <= SNIFF_CHARS
    assert len(samples) == 2


class _CountingPattern:
    """Stands in for a compiled pattern and counts `match` calls."""

    def __init__(self, pattern: Any) -> None:
        self.pattern, self.calls = pattern, 0

    def match(self, text: str, position: int) -> Any:
        self.calls += 1
        return self.pattern.match(text, position)


def test_the_quote_check_works_per_quoted_cell_not_per_character(monkeypatch: pytest.MonkeyPatch) -> None:
    counter = _CountingPattern(csv_read._QUOTED_TEXT)
    monkeypatch.setattr(csv_read, "_QUOTED_TEXT", counter)
    # Two quoted cells over lines, with 4,000 doubled quotes and 4,000 quotes inside plain cells.
    text = 'a;b\n"' + '""\n' * 4_000 + '";' + 'x"' * 4_000 + '\n"1\n2";3\n'
    table = read_csv_table(text)
    assert isinstance(table, CsvTable) and [row.line for row in table.rows] == [2, 4_003]
    assert counter.calls == 2


# --- A plan's table read from a CSV file -------------------------------------------------------
HEAD = """\
nam: 2025
co_quan: {ten: Ủy ban nhân dân xã Đồng Đăng, tinh: Lạng Sơn, dia_danh: Đồng Đăng}
ngay: 2025-10
trich_yeu: Tháng hành động
nguoi_ky: {thay_mat: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Nguyễn Văn A}
noi_nhan: [UBND tỉnh]
"""  # six lines: the body starts on line 7


def validate_csv_table(folder: Path, csv_text: str) -> list[tuple[str, int, int, str]]:
    (folder / "bang.csv").write_text(csv_text, encoding="utf-8")
    plan = folder / "ke-hoach.yaml"
    plan.write_text(HEAD + "than_van_ban:\n  - bang:\n      csv: bang.csv\n", encoding="utf-8")
    result = api.validate(plan)
    return [(Path(p.file).name, p.line, p.column, p.code) for p in result.problems]


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        ("Nội dung;Chủ trì\nTreo băng rôn;Văn hóa\n", []),
        # The row after a two-line cell is on line 4; its extra cell is reported there.
        ('Nội dung;Chủ trì\n"Treo\nbăng rôn";Văn hóa\nA;B;C\n', [("bang.csv", 4, 1, "table-csv")]),
        ('Nội dung;Chủ trì\nTreo băng rôn;"Văn hóa\nA;B\n', [("bang.csv", 2, 15, "csv-unclosed-quote")]),
        ("", [("bang.csv", 1, 1, "table-csv")]),
        (";".join(f"Cột {i}" for i in range(MAX_TABLE_COLUMNS)) + "\n" + "x\n", []),
        ("Nhóm;" + ";".join(f"Cột {i}" for i in range(MAX_TABLE_COLUMNS)) + "\nA;x\n", []),
        (
            ";".join(f"Cột {i}" for i in range(MAX_TABLE_COLUMNS + 1)) + "\nx\n",
            [("bang.csv", 1, 1, "table-columns")],
        ),
        ("Nội dung\n" + "x" * (MAX_CSV_CELL_CHARS + 1) + "\n", [("bang.csv", 2, 1, "csv-cell-too-long")]),
        # Over the csv module's own field limit (131,072): it raised out of validate before.
        ('Nội dung\n"' + "x" * 200_000 + '"\n', [("bang.csv", 2, 1, "csv-cell-too-long")]),
    ],
)
def test_a_plan_table_csv_is_read_by_the_one_reader(
    tmp_path: Path, csv_text: str, expected: list[tuple[str, int, int, str]]
) -> None:
    assert validate_csv_table(tmp_path, csv_text) == expected


def test_a_too_wide_csv_table_names_the_limit(tmp_path: Path) -> None:
    (tmp_path / "bang.csv").write_text(",".join(f"c{i}" for i in range(40)) + "\n", encoding="utf-8")
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(HEAD + "than_van_ban:\n  - bang:\n      csv: bang.csv\n", encoding="utf-8")
    [found] = api.validate(plan).problems
    assert "40 cột" in found.message and f"{MAX_TABLE_COLUMNS} cột" in found.message


# --- Bounds validate reports at their line -----------------------------------------------------
def problems(snippet: str) -> list[tuple[int, int, str]]:
    result = api.validate_bytes((HEAD + snippet).encode(), "plan.yaml")
    return [(p.line, p.column, p.code) for p in result.problems]


def columns(count: int) -> str:
    names = ", ".join(f"c{i}" for i in range(count))
    return f"than_van_ban:\n  - bang:\n      cot: [{names}]\n      dong:\n        - {{c0: x}}\n"


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        (columns(MAX_TABLE_COLUMNS), []),
        (columns(MAX_TABLE_COLUMNS + 1), [(9, 12, "table-columns")]),
        (columns(20_000), [(9, 12, "table-columns")]),
        (f"so: {SO_MAX}\n", []),
        (f"so: {SO_MAX + 1}\n", [(7, 5, "wrong-value")]),
        ("so: 100000000000000000000000000000000000\n", [(7, 5, "wrong-value")]),
        ("so: 0\n", [(7, 5, "so-invalid")]),
    ],
)
def test_columns_and_the_document_number_are_bounded(
    snippet: str, expected: list[tuple[int, int, str]]
) -> None:
    assert problems(snippet) == expected


def test_the_bounds_speak_vietnamese_and_name_the_limit() -> None:
    [wide] = api.validate_bytes((HEAD + columns(31)).encode(), "plan.yaml").problems
    assert wide.message.startswith("Bảng có 31 cột, quá giới hạn 30 cột")
    [number] = api.validate_bytes((HEAD + "so: 123456\n").encode(), "plan.yaml").problems
    assert str(SO_MAX) in number.message
