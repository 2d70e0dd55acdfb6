"""Help screens and usage errors come out in Vietnamese, for every command (bdg_plan.cli.help)."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner, Result

import bdg_plan
from bdg_plan.cli.app import app
from bdg_plan.cli.help import translate_help, translate_term, translate_usage, translate_usage_error

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}

#: What typer and click print in English when nothing translates them.
ENGLISH = re.compile(
    r"Usage|Options|OPTIONS|Arguments|Commands|COMMAND|\bARGS\b|Show this message|\[required\]|"
    r"\[default|<path>|<int|<str>|Error:|Try '|Missing|No such|Invalid value|Got unexpected|"
    r"Did you mean|is not one of"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def command_names() -> list[str]:
    """Every command of the CLI, including ones added after this test was written."""
    group = typer.main.get_command(app)
    return sorted(getattr(group, "commands", {}))


def test_the_cli_has_the_issue_7_commands() -> None:
    assert {"init", "schema", "render", "validate"} <= set(command_names())


@pytest.mark.parametrize("args", [[], ["-h"], ["--help"]], ids=["no-args", "-h", "--help"])
def test_main_help_is_vietnamese(args: list[str]) -> None:
    result = run(*args)

    assert "Cách dùng: bdg-plan [TÙY CHỌN] LỆNH [THAM SỐ]..." in result.output
    assert "Các lệnh:" in result.output
    assert "Hiện hướng dẫn này rồi thoát." in result.output
    assert not ENGLISH.search(result.output), result.output


@pytest.mark.parametrize("command", command_names())
def test_command_help_is_vietnamese(command: str) -> None:
    result = run(command, "--help")

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Cách dùng: bdg-plan {command} [TÙY CHỌN]")
    assert "Tùy chọn:" in result.output
    assert not ENGLISH.search(result.output), result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["render"], "Lỗi: Thiếu tham số 'TỆP'."),
        (["nope"], "Lỗi: Không có lệnh 'nope'."),
        (["rendr", "a.yaml"], "Có phải ý bạn là 'render'?"),
        (["--bogus"], "Lỗi: Không có tùy chọn --bogus."),
        (["render", "a.yaml", "--bogus"], "Lỗi: Không có tùy chọn --bogus."),
        (["validate", "-f", "xx", "a.yaml"], "'xx' không phải một trong các giá trị 'rich', 'plain'."),
        (["render", "a.yaml", "b.yaml"], "Lỗi: Thừa tham số: b.yaml."),
        (["render", "a.yaml", "-o"], "Lỗi: Tùy chọn -o cần một giá trị đi kèm."),
        (["init", "--nam", "abc"], "Giá trị không hợp lệ cho '--nam': cần một số nguyên."),
        (["init", "--nam", "1800"], "Giá trị không hợp lệ cho '--nam': Số phải lớn hơn hoặc bằng 1900."),
        (["batch", "a.yaml", "-o", "d", "--jobs", "0"], "cho '--jobs': Số phải lớn hơn hoặc bằng 1."),
        (["batch", "a.yaml", "-o", "d", "-j", "-3"], "cho '--jobs': Số phải lớn hơn hoặc bằng 1."),
    ],
)
def test_usage_errors_are_vietnamese(args: list[str], expected: str) -> None:
    result = run(*args)

    assert result.exit_code == 2
    assert expected in result.output
    assert "Xem hướng dẫn: bdg-plan" in result.output
    assert not ENGLISH.search(result.output), result.output


def test_usage_error_shows_the_command_usage() -> None:
    result = run("render")

    assert result.output.splitlines()[:2] == [
        "Cách dùng: bdg-plan render [TÙY CHỌN] TỆP",
        "Xem hướng dẫn: bdg-plan render -h",
    ]


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Show this message and exit.", "Hiện hướng dẫn này rồi thoát."),
        ("Tệp .yaml.  [required]", "Tệp .yaml.  [bắt buộc]"),
        ("Cách in lỗi.  [default: rich]", "Cách in lỗi.  [mặc định: rich]"),
        ("[default: 4; required]", "[mặc định: 4; bắt buộc]"),
        ("Năm.  [1900<=x<=2200]", "Năm.  [1900<=x<=2200]"),
        ("Ghi [VT] vào cuối.", "Ghi [VT] vào cuối."),
    ],
)
def test_translate_help(english: str, vietnamese: str) -> None:
    assert translate_help(english) == vietnamese


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("-o, --output <path>", "-o, --output <đường dẫn>"),
        ("plan <list[Path]>", "plan <đường dẫn>..."),
        ("--jobs <int range>", "--jobs <số>"),
        ("-f, --format <rich|plain>", "-f, --format <rich|plain>"),
        ("-o, --output PATH", "-o, --output ĐƯỜNG_DẪN"),
        ("--xa TÊN", "--xa TÊN"),
    ],
)
def test_translate_term(english: str, vietnamese: str) -> None:
    assert translate_term(english) == vietnamese


def test_translate_usage() -> None:
    assert translate_usage("[OPTIONS] COMMAND [ARGS]...") == "[TÙY CHỌN] LỆNH [THAM SỐ]..."


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Missing argument 'TỆP'.", "Thiếu tham số 'TỆP'."),
        ("Missing option '--xa'.", "Thiếu tùy chọn '--xa'."),
        (
            "Missing option '--format'. Choose from:\n\trich,\n\tplain",
            "Thiếu tùy chọn '--format'. Chọn một trong: rich, plain.",
        ),
        (
            "No such option: --pfd (Possible options: --pdf)",
            "Không có tùy chọn --pfd. Có phải ý bạn là: --pdf?",
        ),
        ("Missing command.", "Thiếu tên lệnh, ví dụ: bdg-plan render ke-hoach.yaml"),
        ("Option '--year' does not take a value.", "Tùy chọn --year không nhận giá trị."),
        ("Something new from click.", "Something new from click."),
    ],
)
def test_translate_usage_error(english: str, vietnamese: str) -> None:
    assert translate_usage_error(english) == vietnamese


def _pyproject_version() -> str:
    text = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"$', text, re.M)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_prints_the_version_pyproject_declares(option: str) -> None:
    result = run(option)

    assert result.exit_code == 0
    assert result.output == f"bdg-plan {_pyproject_version()}\n"
    assert bdg_plan.__version__ == importlib.metadata.version("bdg-plan") == _pyproject_version()


def test_version_has_vietnamese_help() -> None:
    assert "-V, --version  In số phiên bản của bdg-plan rồi thoát." in run("--help").output
