"""`bdg-plan validate` through typer's CliRunner, with a fixed terminal width."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bdg_plan.cli.app import app

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
PLAIN_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>[a-z0-9-]+) (?P<message>.+)$")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args], env=ENV)


def parse_plain(output: str) -> list[tuple[str, int, int, str]]:
    """Parse `--format plain` output; every non-empty line must have the plain form."""
    rows = []
    for text in output.splitlines():
        if not text.strip():
            continue
        match = PLAIN_LINE.match(text)
        assert match, f"not a plain problem line: {text!r}"
        rows.append((match["file"], int(match["line"]), int(match["column"]), match["code"]))
    return rows


@pytest.fixture
def broken_plan(edit_example: Callable[..., str], write_plan: Callable[..., Path]) -> Path:
    text = edit_example(
        ("so: null", "so: 0"),
        ("ky_hieu: KH-UBND", "ky_hieu: KH UBND"),
        ("  dia_danh: Hồng Phong", "  dia_danhh: Hồng Phong"),
        ("luu: [VT]", "luu: VT"),
    )
    return write_plan(text, "hỏng/kế hoạch lỗi.yaml")


BROKEN_EXPECTED = [
    (17, 1, "missing-field"),
    (23, 3, "unknown-key"),
    (28, 5, "so-invalid"),
    (30, 10, "ky-hieu-format"),
    (139, 6, "wrong-type"),
]


def test_example_is_valid(example_path: Path) -> None:
    result = run("validate", example_path)

    assert result.exit_code == 0, result.output
    assert "hợp lệ" in result.output
    assert "0 lỗi, 0 cảnh báo" in result.output


def test_example_plain_prints_nothing(example_path: Path) -> None:
    result = run("validate", "--format", "plain", example_path)

    assert result.exit_code == 0
    assert result.output == ""


def test_plain_format_lists_every_problem(broken_plan: Path) -> None:
    result = run("validate", "--format", "plain", broken_plan)

    assert result.exit_code == 1
    rows = parse_plain(result.output)
    assert [(line, column, code) for _, line, column, code in rows] == BROKEN_EXPECTED
    assert {file for file, *_ in rows} == {str(broken_plan)}
    assert "Có phải ý bạn là 'dia_danh'?" in result.output
    assert "Traceback" not in result.output


def test_short_format_option(broken_plan: Path) -> None:
    result = run("validate", "-f", "plain", broken_plan)

    assert result.exit_code == 1
    assert len(parse_plain(result.output)) == len(BROKEN_EXPECTED)


def test_rich_output_shows_the_source_line(broken_plan: Path) -> None:
    result = run("validate", broken_plan)

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.strip() == "30 | ky_hieu: KH UBND" for line in lines), result.output
    # the caret under column 10 of that line
    source_index = next(i for i, line in enumerate(lines) if line.strip() == "30 | ky_hieu: KH UBND")
    caret_line = lines[source_index + 1]
    assert caret_line.index("^") - caret_line.index("|") == 2 + 9
    assert "ky-hieu-format" in result.output
    assert "lỗi 30:10" in result.output
    assert "Đã kiểm tra 1 tệp: 5 lỗi, 0 cảnh báo." in result.output
    assert "hợp lệ" not in result.output


def test_warnings_only_exit_zero(edit_example: Callable[..., str], write_plan: Callable[..., Path]) -> None:
    path = write_plan(edit_example(("ky_hieu: KH-UBND", "ky_hieu: QĐ-UBND")))

    result = run("validate", path)

    assert result.exit_code == 0
    assert "cảnh báo" in result.output
    assert "0 lỗi, 1 cảnh báo" in result.output


def test_several_files_grouped_by_file(
    broken_plan: Path,
    example_path: Path,
    edit_example: Callable[..., str],
    write_plan: Callable[..., Path],
) -> None:
    second = write_plan(edit_example(("so: null", "so: -1")), "a-second.yaml")

    result = run("validate", "--format", "plain", broken_plan, example_path, second)

    assert result.exit_code == 1
    rows = parse_plain(result.output)
    files = [file for file, *_ in rows]
    # each file's problems form one block, in order of position
    blocks = [file for index, file in enumerate(files) if index == 0 or files[index - 1] != file]
    assert sorted(blocks) == sorted({str(broken_plan), str(second)})
    assert [(line, column, code) for file, line, column, code in rows if file == str(second)] == [
        (28, 5, "so-invalid")
    ]
    assert len([file for file in files if file == str(broken_plan)]) == len(BROKEN_EXPECTED)


def test_several_files_rich_heading_once_per_file(
    broken_plan: Path, edit_example: Callable[..., str], write_plan: Callable[..., Path]
) -> None:
    second = write_plan(edit_example(("so: null", "so: -1")), "a-second.yaml")

    result = run("validate", broken_plan, second)

    lines = [line.strip() for line in result.output.splitlines()]
    assert lines.count(str(broken_plan)) == 1
    assert lines.count(str(second)) == 1
    assert "Đã kiểm tra 2 tệp" in result.output


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "không có.yaml"

    result = run("validate", missing)

    assert result.exit_code == 1
    assert "Không tìm thấy tệp" in result.output
    assert "không có.yaml" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    result = run("validate", "--format", "plain", tmp_path)

    assert result.exit_code == 1
    rows = parse_plain(result.output)
    assert [(line, column, code) for _, line, column, code in rows] == [(0, 0, "input-file")]
    assert "thư mục" in result.output
    assert "Traceback" not in result.output


def test_missing_file_does_not_hide_other_files(tmp_path: Path, example_path: Path) -> None:
    result = run("validate", "--format", "plain", tmp_path / "x.yaml", example_path)

    assert result.exit_code == 1
    assert [code for *_, code in parse_plain(result.output)] == ["input-file"]


def test_undecodable_file_is_a_problem_not_a_crash(write_plan: Callable[..., Path]) -> None:
    path = write_plan("nam: 2023\nco_quan: {ten: Hồng Phong}\n".encode("utf-16-le"))

    result = run("validate", "--format", "plain", path)

    assert result.exit_code == 1
    assert [(line, code) for _, line, _, code in parse_plain(result.output)] == [(0, "encoding")]


def test_unknown_option_is_a_usage_error(example_path: Path) -> None:
    result = run("validate", "--bogus", example_path)

    assert result.exit_code == 2
    assert "--bogus" in result.output


def test_unknown_format_is_a_usage_error(example_path: Path) -> None:
    result = run("validate", "--format", "json", example_path)

    assert result.exit_code == 2


def test_no_file_is_a_usage_error() -> None:
    result = run("validate")

    assert result.exit_code == 2
