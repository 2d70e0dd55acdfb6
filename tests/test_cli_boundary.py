"""The CLI's one error door, and the batch items that go through it.

Every failure ends in a Vietnamese message and a documented exit code: the project's errors with
their own, anything unexpected as an "internal error" naming a crash log, never a traceback.
"""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from bdg_plan import api, output
from bdg_plan import messages as msg
from bdg_plan.cli.app import app
from bdg_plan.commands.batch import pool
from bdg_plan.commands.batch.communes import csv_delimiter
from bdg_plan.errors import os_error_message

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "plan2023.yaml"
HOSTILE = ROOT / "tests" / "hostile"
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan2023.yaml"
    path.write_bytes(BASE.read_bytes())
    return path


# --- Anything unexpected ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raised", "code", "fragment"),
    [
        (RuntimeError("hỏng"), 1, "Lỗi nội bộ của bdg-plan (RuntimeError)"),
        (OSError(errno.EIO, "Input/output error"), 1, "Lỗi nội bộ của bdg-plan (OSError)"),
        (MemoryError(), 1, "không đủ bộ nhớ"),
        (KeyboardInterrupt(), 130, msg.INTERRUPTED),
    ],
    ids=["bug", "oserror", "memory", "ctrl-c"],
)
def test_unexpected_errors_become_one_message(
    plan: Path, monkeypatch: pytest.MonkeyPatch, raised: BaseException, code: int, fragment: str
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise raised

    monkeypatch.setattr(api, "render", broken)
    got, printed = invoke("render", str(plan))
    assert got == code
    assert fragment in flat(printed)


def test_internal_error_names_a_crash_log_with_the_traceback(
    plan: Path, monkeypatch: pytest.MonkeyPatch, crash_logs_in_tmp: Path
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("chia cho 0")

    monkeypatch.setattr(api, "validate_files", broken)
    code, printed = invoke("validate", str(plan))
    (log,) = crash_logs_in_tmp.iterdir()
    assert code == 1 and str(log) in printed.replace("\n", "")
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: chia cho 0" in text and "validate" in text


def test_no_crash_log_folder_still_gives_the_message(
    plan: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "tệp"
    blocked.write_text("")  # a file where the folders should be: no log can be written

    monkeypatch.setattr("bdg_plan.crash.crash_folders", lambda: [blocked / "loi"])

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("x")

    monkeypatch.setattr(api, "render", broken)
    code, printed = invoke("render", str(plan))
    assert code == 1 and "Lỗi nội bộ của bdg-plan (ValueError: x)" in flat(printed)


# --- OSError messages -------------------------------------------------------------------------
def test_immutable_target_is_not_called_open_in_word(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = plan.with_suffix(".docx")
    target.write_bytes(b"old")

    def immutable(*args: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output.os, "replace", immutable)
    code, printed = invoke("render", str(plan), "--force")
    assert code == 1
    assert "không cho phép thay tệp" in flat(printed)
    assert "đang mở" not in printed
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize(
    ("error", "writing", "fragment"),
    [
        (PermissionError(errno.EPERM, "x"), True, "không cho phép thay tệp"),
        (PermissionError(errno.EACCES, "x"), True, "Không ghi được vào"),
        (FileNotFoundError(errno.ENOENT, "x"), True, "không tồn tại"),
        (OSError(errno.ENOSPC, "No space left on device"), True, "No space left on device"),
        (FileNotFoundError(errno.ENOENT, "x"), False, "Không tìm thấy tệp"),
        (PermissionError(errno.EACCES, "x"), False, "Không có quyền đọc"),
        (OSError(errno.EIO, "Input/output error"), False, "Input/output error"),
    ],
)
def test_os_error_message(error: OSError, writing: bool, fragment: str) -> None:
    assert fragment in os_error_message(error, Path("thư mục") / "tệp.docx", writing=writing)


def test_windows_sharing_violation_is_open_in_word() -> None:
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]
    assert "đang mở trong Word" in os_error_message(error, "a.docx", writing=True)


# --- Command-line mistakes the library sees ---------------------------------------------------
@pytest.mark.parametrize("command", ["render", "batch"])
@pytest.mark.parametrize("kind", ["missing", "file"])
def test_templates_must_be_an_existing_folder(plan: Path, tmp_path: Path, command: str, kind: str) -> None:
    templates = tmp_path / "mẫu"
    if kind == "file":
        templates.write_text("{{ x }}", encoding="utf-8")
    args = [str(plan)]
    if command == "batch":
        communes = tmp_path / "xa.csv"
        communes.write_text("Tên xã,Địa danh,Người ký\nỦy ban nhân dân xã A,A,Lê B\n", encoding="utf-8")
        args += [str(communes), "-o", str(tmp_path / "ra")]
    code, printed = invoke(command, *args, "--templates", str(templates))
    # 2: a mistake in the command line, like any other bad option value.
    assert code == 2
    expected = msg.TEMPLATES_NOT_DIR if kind == "file" else msg.TEMPLATES_MISSING
    assert expected.format(folder=templates)[:40] in flat(printed)
    assert not plan.with_suffix(".docx").exists() and not (tmp_path / "ra").exists()


def test_success_line_escapes_bidi_and_control_characters(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "ke-hoach\u202ecod.docx"
    code, printed = invoke("render", str(plan), "-o", str(target))
    assert code == 0 and target.is_file()
    assert "\u202e" not in printed and "\\u202e" in printed


@pytest.mark.parametrize("flag", ["--nam", "--year"])
def test_year_flag_is_nam_with_year_kept_as_alias(plan: Path, tmp_path: Path, flag: str) -> None:
    code, printed = invoke("new-year", str(plan), flag, "2025", "-o", str(tmp_path / "moi.yaml"))
    assert code == 0, printed
    assert "nam: 2025" in (tmp_path / "moi.yaml").read_text(encoding="utf-8")
    code, printed = invoke("init", str(tmp_path / "khoi.yaml"), flag, "2026", "--xa", "Đồng Đăng")
    assert code == 0, printed
    assert "nam: 2026" in (tmp_path / "khoi.yaml").read_text(encoding="utf-8")


# --- batch ------------------------------------------------------------------------------------
COMMUNES = [
    ("Ủy ban nhân dân xã Đồng Đăng", "Đồng Đăng", "Nguyễn Văn An"),
    ("Ủy ban nhân dân xã Hồng Phong", "Hồng Phong", "Trần Thị Bình"),
    ("Ủy ban nhân dân xã Tân Lập", "Tân Lập", "Lê Văn Cường"),
    ("Ủy ban nhân dân xã Yên Bình", "Yên Bình", "Phạm Thị Dung"),
]


def communes_csv(folder: Path) -> Path:
    path = folder / "xa.csv"
    rows = ["Tên xã;Địa danh;Người ký", *(";".join(row) for row in COMMUNES)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_jobs_are_capped_at_the_cpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    code, printed = invoke(
        "batch",
        str(BASE),
        str(communes_csv(tmp_path)),
        "-o",
        str(tmp_path / "ra"),
        "--jobs",
        "64",
        "--dry-run",
    )
    assert code == 0, printed
    assert msg.BATCH_JOBS_CAPPED.format(workers=2, asked=64) in flat(printed)
    assert "(2 tiến trình song song)" not in printed  # dry run line; the cap is still said


def _kill_worker_for(name: str, marker: Path | None) -> Any:
    """A `process_commune` that kills its worker (like the OOM killer) for one commune.

    With `marker`, only the first time (the marker file remembers it across processes).
    """
    real = pool.process_commune

    def process(setup: Any, entry: Any, target: Path) -> Any:
        if entry.name == name and (marker is None or not marker.exists()):
            if marker is not None:
                marker.write_text("killed")
            os.kill(os.getpid(), signal.SIGKILL)
        return real(setup, entry, target)

    return process


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or os.name == "nt", reason="POSIX signals")
def test_a_worker_killed_once_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    monkeypatch.setattr(pool, "process_commune", _kill_worker_for(COMMUNES[1][0], tmp_path / "killed"))
    out = tmp_path / "ra"
    code, printed = invoke("batch", str(BASE), str(communes_csv(tmp_path)), "-o", str(out), "--jobs", "2")
    assert (tmp_path / "killed").exists()  # the worker did die
    assert code == 0, printed
    assert len(list(out.glob("*.docx"))) == len(COMMUNES)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or os.name == "nt", reason="POSIX signals")
def test_a_commune_that_kills_its_worker_twice_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    monkeypatch.setattr(pool, "process_commune", _kill_worker_for(COMMUNES[1][0], None))
    out = tmp_path / "ra"
    code, printed = invoke("batch", str(BASE), str(communes_csv(tmp_path)), "-o", str(out), "--jobs", "2")
    assert code == 1
    text = flat(printed)
    assert "Kết quả từng xã, phường" in text  # the table is always printed
    assert flat(msg.BATCH_COMMUNE_WORKER_DIED)[:50] in text
    assert "3 đạt (sẵn sàng ký), 0 chưa đủ, 0 cần xem lại, 1 lỗi" in " ".join(text.split())
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "xa-dong-dang.docx",
        "xa-tan-lap.docx",
        "xa-yen-binh.docx",
    ]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Tên xã, phường;Địa danh;Họ tên, người ký", ";"),
        ("Tên xã, phường;Địa danh;Họ tên, người ký\nỦy ban nhân dân xã A, tỉnh B;A;Lê C\n", ";"),
        ("co_quan.ten,co_quan.dia_danh,nguoi_ky.ho_ten\nA,B,C\n", ","),
        ("Tên xã\tĐịa danh\tNgười ký\nA\tB\tC\n", "\t"),
        ('Tên xã;Địa danh;Người ký\n"Ủy ban nhân dân xã A; B";A;Lê C\n', ";"),
        ("a,b;c\n", ","),  # nothing known: the most frequent, first in order on a tie
    ],
)
def test_csv_delimiter(text: str, delimiter: str) -> None:
    assert csv_delimiter(text) == delimiter


BATCH_MESSAGE_CASES = [
    case
    for case in yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
    if case.get("command") == "batch" and "message" in case
]


@pytest.mark.parametrize("case", BATCH_MESSAGE_CASES, ids=lambda case: case["file"])
def test_hostile_commune_tables_say_why(case: dict[str, Any], tmp_path: Path) -> None:
    communes = tmp_path / case["file"]
    communes.write_bytes((HOSTILE / case["file"]).read_bytes())
    code, printed = invoke("batch", str(BASE), str(communes), "-o", str(tmp_path / "ra"), "--jobs", "1")
    assert code == case["exit"]
    assert case["message"] in flat(printed)
