"""The program's standard streams: any encoding prints, a closed or failing stdout never crashes.

Each case runs `python -m bdg_plan` in a child process, with the stream set up the way a shell
or Windows would: a code page, a closed descriptor, a full disk, a pipe whose reader has gone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bdg_plan import messages as msg
from bdg_plan.cli.streams import BROKEN_PIPE_EXIT, fold_char
from tests.conftest import EXAMPLE_PLAN

POSIX = pytest.mark.skipif(os.name != "posix", reason="a POSIX shell and /dev/full")


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a child: its crash logs go to `tmp_path`, where a test can look."""
    base = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    base.pop("COVERAGE_PROCESS_START", None)
    base.pop("PYTHONIOENCODING", None)
    return {**base, "XDG_CACHE_HOME": str(tmp_path / "cache"), **extra}


def crash_logs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("*.txt"))


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bdg_plan", *args]


def plan_in(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.yaml"
    shutil.copyfile(EXAMPLE_PLAN, plan)
    return plan


@pytest.mark.parametrize(
    ("char", "encoding", "written"),
    [
        ("ộ", "utf-8", "ộ"),
        ("ộ", "cp1258", "ô\u0323"),  # the code page's own way: a base letter and a combining mark
        ("ì", "cp1258", "i\u0300"),
        ("đ", "cp1258", "đ"),
        ("ộ", "cp1252", "ô"),
        ("ạ", "cp1252", "a"),
        ("đ", "cp1252", "d"),
        ("ộ", "ascii", "o"),
        ("“", "ascii", '"'),
        ("€", "ascii", "?"),
        ("\udcfe", "utf-8", "?"),  # a byte of a non-UTF-8 file name
    ],
)
def test_a_character_the_encoding_lacks_is_written_with_fewer_marks(
    char: str, encoding: str, written: str
) -> None:
    assert fold_char(char, encoding) == written
    written.encode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258"])
def test_help_prints_in_any_code_page(encoding: str, tmp_path: Path) -> None:
    result = subprocess.run(
        command("--help"), capture_output=True, env=env(tmp_path, PYTHONIOENCODING=encoding), check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    text = result.stdout.decode(encoding)
    assert "validate" in text
    assert "Traceback" not in text
    assert crash_logs(tmp_path) == []


def test_cp1258_keeps_every_vietnamese_letter(tmp_path: Path) -> None:
    result = subprocess.run(
        command("validate", "khong-co.yaml"),
        capture_output=True,
        cwd=tmp_path,
        env=env(tmp_path, PYTHONIOENCODING="cp1258"),
        check=False,
    )

    assert result.returncode == 1
    text = unicodedata.normalize("NFC", result.stdout.decode("cp1258"))
    assert msg.INPUT_MISSING.format(file="khong-co.yaml") in text.replace("\n", " ").replace("  ", " ")
    assert "Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo." in text


def test_cp1252_writes_vietnamese_without_marks_rather_than_failing(tmp_path: Path) -> None:
    plan = plan_in(tmp_path)
    result = subprocess.run(
        command("render", str(plan), "-o", "ra.docx"),
        capture_output=True,
        cwd=tmp_path,
        env=env(tmp_path, PYTHONIOENCODING="cp1252"),
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("cp1252").strip() == "Dã tao van ban: ra.docx"
    assert (tmp_path / "ra.docx").is_file()


@POSIX
@pytest.mark.parametrize(
    ("args", "code"), [(("--help",), 0), (("validate", "plan.yaml"), 0), (("validate", "x.yaml"), 1)]
)
def test_a_closed_stdout_loses_the_output_and_keeps_the_exit_code(
    args: tuple[str, ...], code: int, tmp_path: Path
) -> None:
    plan_in(tmp_path)
    shell = 'exec "$0" -m bdg_plan "$@" >&-'
    result = subprocess.run(
        ["sh", "-c", shell, sys.executable, *args], capture_output=True, cwd=tmp_path, env=env(tmp_path)
    )

    assert result.returncode == code
    assert result.stderr == b""
    assert crash_logs(tmp_path) == []


@POSIX
def test_a_closed_stdout_is_not_reused_for_the_output_file(tmp_path: Path) -> None:
    plan = plan_in(tmp_path)
    shell = 'exec "$0" -m bdg_plan render "$1" -o ra.docx >&-'
    result = subprocess.run(
        ["sh", "-c", shell, sys.executable, str(plan)], capture_output=True, cwd=tmp_path, env=env(tmp_path)
    )

    assert result.returncode == 0, result.stderr
    # The success line went to the null device, not into the .docx that took fd 1's number.
    assert (tmp_path / "ra.docx").read_bytes()[:2] == b"PK"
    assert b"ra.docx" not in (tmp_path / "ra.docx").read_bytes()[-200:]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(("args", "code"), [(("schema",), 1), (("validate", "x.yaml"), 1)])
def test_a_full_disk_under_stdout_is_a_sentence(args: tuple[str, ...], code: int, tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            command(*args), stdout=full, stderr=subprocess.PIPE, cwd=tmp_path, env=env(tmp_path), check=False
        )

    assert result.returncode == code
    stderr = result.stderr.decode("utf-8")
    assert stderr == f"{msg.ERROR_PREFIX} {msg.STDOUT_DISK_FULL}\n"
    assert crash_logs(tmp_path) == []


@pytest.mark.parametrize("args", [("schema",), ("--help",), ("validate", "x.yaml")])
def test_a_pipe_closed_by_its_reader_ends_quietly_with_141(args: tuple[str, ...], tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte, as `| head -c0` would
    try:
        result = subprocess.run(
            command(*args), stdout=write_end, stderr=subprocess.PIPE, cwd=tmp_path, env=env(tmp_path)
        )
    finally:
        os.close(write_end)

    assert result.returncode == BROKEN_PIPE_EXIT
    assert result.stderr == b""
    assert crash_logs(tmp_path) == []


@pytest.mark.parametrize("where", ["-o", "init"])
def test_a_name_longer_than_the_system_takes_is_a_sentence(where: str, tmp_path: Path) -> None:
    plan = plan_in(tmp_path)
    long_name = "ạ" * 100 + (".docx" if where == "-o" else ".yaml")
    args = ("render", str(plan), "-o", long_name) if where == "-o" else ("init", long_name)
    result = subprocess.run(command(*args), capture_output=True, cwd=tmp_path, env=env(tmp_path), check=False)

    assert result.returncode == 1
    stderr = result.stderr.decode("utf-8")
    assert "quá dài (305 byte;" in stderr
    assert "tối đa 255 byte" in stderr
    assert "Lỗi nội bộ" not in stderr
    assert crash_logs(tmp_path) == []


@pytest.mark.skipif(sys.platform != "linux", reason="a file name of any bytes")
def test_a_word_file_whose_name_is_not_utf8_is_a_sentence(tmp_path: Path) -> None:
    from bdg_plan import api

    word = Path(os.fsdecode(bytes(tmp_path) + b"/ke-hoach-\xfe.docx"))
    api.render(plan_in(tmp_path), word)
    result = subprocess.run(
        command("import", os.fsencode(word).decode("utf-8", "surrogateescape")),
        capture_output=True,
        cwd=tmp_path,
        env=env(tmp_path),
        check=False,
    )

    assert result.returncode == 1
    stderr = result.stderr.decode("utf-8")
    assert "ke-hoach-\ufffd.docx' có ký tự không đọc được" in stderr
    assert crash_logs(tmp_path) == []
