"""Hostile and broken input never crashes, corrupts or leaks (issue 6).

The corpus is tests/hostile/: input files and one manifest, cases.yaml, giving each file's
expected outcome. Big, unreadable or missing inputs are made here at run time by the generators
named in the manifest. Every case runs through the CLI (`validate`, `render`, or `batch` for a
communes file) and must end with the expected exit code and (line, code) problems, print no
traceback and no raw control character, and leave either nothing or a complete .docx.

The rest of the file covers what is not an input file: output folders and files that cannot be
written, failures and kills in the middle of a save, custom templates that try to escape the
sandbox, the documented size limits, and the legacy-encoding heuristic.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from typer.testing import CliRunner
from yaml.nodes import MappingNode, Node, SequenceNode

from bdg_plan import api, output
from bdg_plan.api import validate_bytes
from bdg_plan.cli.app import app
from bdg_plan.errors import InputFileError, Problem
from bdg_plan.plan import loader, source
from bdg_plan.plan.loader import MAX_NODES, MAX_TEXT_CHARS
from bdg_plan.plan.source import MAX_FILE_BYTES, decode_source, legacy_encoded_word, read_source
from tests.docx_xml import Docx

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST: dict[str, Any] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = MANIFEST["cases"]
VALID_PLAN = HOSTILE / MANIFEST["valid_plan"]
VALID_TEXT = VALID_PLAN.read_text(encoding="utf-8")
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: Files the unsafe-tag cases would create if a tag were ever constructed.
HACKED = [Path("/tmp/bdg-plan-hacked"), Path("/tmp/bdg-batch-hacked")]
#: What must never reach a terminal: C0/C1 controls other than newline, raw.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")

runner = CliRunner()


# --- Generators for inputs made at run time ------------------------------------------------------
GENERATORS: dict[str, Callable[[Path], Path]] = {}


def generator(function: Callable[[Path], Path]) -> Callable[[Path], Path]:
    GENERATORS[function.__name__.replace("_", "-")] = function
    return function


def valid_with(*edits: tuple[str, str]) -> str:
    """The valid plan with whole substrings replaced (each must occur once)."""
    text = VALID_TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def count_values(node: Node) -> int:
    """How many values the loader builds from a node tree (keys are not values)."""
    if isinstance(node, MappingNode):
        return 1 + sum(count_values(value) for _, value in node.value)
    if isinstance(node, SequenceNode):
        return 1 + sum(count_values(item) for item in node.value)
    return 1


def with_nodes(total: int) -> str:
    """The valid plan plus a `luu` list of aliases, expanding to exactly `total` values."""
    base = count_values(yaml.compose(VALID_TEXT, Loader=yaml.SafeLoader))
    items = total - base - 1
    return VALID_TEXT + "luu: [&v VT" + ", *v" * (items - 1) + "]\n"


@generator
def huge_integer(folder: Path) -> Path:
    return write(
        folder, "so-lon.yaml", valid_with(("ngay: 2024-03\n", "ngay: 2024-03\nso: " + "1" * 5000 + "\n"))
    )


@generator
def docx_as_plan(folder: Path) -> Path:
    plan = validate_bytes(VALID_PLAN.read_bytes(), "plan").plan
    assert plan is not None
    return write(folder, "ke-hoach.docx", api.render_plan(plan))


@generator
def big_paragraph(folder: Path) -> Path:
    bullet = "      - Tuyên truyền Luật Bình đẳng giới."
    return write(
        folder, "doan-1mb.yaml", valid_with((bullet, "      - " + "Tuyên truyền bình đẳng giới. " * 36_000))
    )


@generator
def text_at_limit(folder: Path) -> Path:
    name = ("Hoàng Văn Mẫn " * MAX_TEXT_CHARS)[: MAX_TEXT_CHARS - 1] + "x"
    return write(folder, "chu-dung-gioi-han.yaml", valid_with(("ho_ten: Hoàng Văn Mẫn", f"ho_ten: {name}")))


@generator
def text_over_limit(folder: Path) -> Path:
    name = ("Hoàng Văn Mẫn " * MAX_TEXT_CHARS)[:MAX_TEXT_CHARS] + "x"
    return write(folder, "chu-qua-gioi-han.yaml", valid_with(("ho_ten: Hoàng Văn Mẫn", f"ho_ten: {name}")))


def padded(size: int) -> bytes:
    data = VALID_TEXT.encode("utf-8")
    line = b"# " + b"-" * 997 + b"\n"
    data += line * ((size - len(data)) // len(line))
    data += b"#" * (size - len(data) - 1) + b"\n"
    assert len(data) == size
    return data


@generator
def file_at_limit(folder: Path) -> Path:
    return write(folder, "tep-dung-gioi-han.yaml", padded(MAX_FILE_BYTES))


@generator
def file_over_limit(folder: Path) -> Path:
    return write(folder, "tep-qua-gioi-han.yaml", padded(MAX_FILE_BYTES + 1))


@generator
def nodes_at_limit(folder: Path) -> Path:
    return write(folder, "bi-danh-dung-gioi-han.yaml", with_nodes(MAX_NODES))


@generator
def nodes_over_limit(folder: Path) -> Path:
    return write(folder, "bi-danh-qua-gioi-han.yaml", with_nodes(MAX_NODES + 1))


@generator
def deep_flow_nesting(folder: Path) -> Path:
    return write(folder, "long-nhau.yaml", "noi_nhan: " + "[" * 5000 + "]" * 5000 + "\n")


@generator
def deep_block_nesting(folder: Path) -> Path:
    return write(
        folder, "long-nhau-khoi.yaml", "".join(" " * level + f"k{level}:\n" for level in range(1000))
    )


@generator
def folder(folder: Path) -> Path:
    path = folder / "thư mục.yaml"
    path.mkdir()
    return path


@generator
def missing(folder: Path) -> Path:
    return folder / "không có.yaml"


@generator
def unreadable(folder: Path) -> Path:
    path = write(folder, "khong-doc-duoc.yaml", VALID_TEXT)
    path.chmod(0)
    return path


@generator
def dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")  # endless, and its size is reported as 0


@generator
def named_pipe(folder: Path) -> Path:
    path = folder / "ống.yaml"
    os.mkfifo(path)  # nobody writes: must not block
    return path


@generator
def endless_pipe(folder: Path) -> Path:
    """A pipe like `<(yes)`: a writer that never ends, read through /dev/fd/N."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    block = b"y\n" * 32_768

    def feed() -> None:
        # Writes until the reader stops reading (bounded: 2,000 refused writes in a row).
        refused = 0
        try:
            while refused < 2_000:
                try:
                    os.write(write_end, block)
                    refused = 0
                except BlockingIOError:
                    refused += 1
                    time.sleep(0.005)
        except OSError:
            pass
        finally:
            os.close(write_end)
            os.close(read_end)

    threading.Thread(target=feed, daemon=True).start()
    return Path(f"/dev/fd/{read_end}")


# --- Running the CLI -------------------------------------------------------------------------------
def invoke(*args: str) -> tuple[int, str]:
    """Run the CLI; any exception but SystemExit is a crash."""
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert not RAW_CONTROL.search(result.output), repr(result.output)
    return result.exit_code, result.output


def reported(text: str, name: str) -> set[tuple[int, str]]:
    """The (line, code) pairs of `--format plain` lines about file `name`."""
    pattern = re.compile(rf"^{re.escape(name)}:(\d+):(\d+): (\S+) ", re.MULTILINE)
    return {(int(match.group(1)), match.group(3)) for match in pattern.finditer(text)}


def case_id(case: dict[str, Any]) -> str:
    return str(case.get("file") or case["generate"])


def prepare(case: dict[str, Any], folder: Path) -> Path:
    if case.get("posix_only") and not hasattr(os, "mkfifo"):
        pytest.skip("needs POSIX devices and pipes")
    if case.get("skip_if_root") and IS_ROOT:
        pytest.skip("root reads a file whatever its permissions (chmod 000 means nothing to root)")
    if "generate" in case:
        return GENERATORS[case["generate"]](folder)
    return HOSTILE / case["file"]


def expected_problems(case: dict[str, Any]) -> set[tuple[int, str]]:
    return {(line, code) for line, code in case.get("problems", [])}


def leftovers(folder: Path) -> list[str]:
    """Temporary files a save left behind."""
    return [path.name for path in folder.iterdir() if path.name.startswith(".bdg-plan-")]


def document_text(path: Path) -> str:
    docx.Document(str(path))  # python-docx opens it: a complete, valid package
    return Docx(path.read_bytes()).all_text()


def check_docx_text(case: dict[str, Any], text: str) -> None:
    for fragment in case.get("docx_contains", []):
        assert fragment in text
    for fragment in case.get("docx_lacks", []):
        assert fragment not in text


PLAN_CASES = [case for case in CASES if case.get("command") != "batch"]
BATCH_CASES = [case for case in CASES if case.get("command") == "batch"]


def test_manifest_lists_every_corpus_file() -> None:
    listed = {case["file"] for case in CASES if "file" in case}
    on_disk = {path.name for path in HOSTILE.iterdir() if path.name != "cases.yaml"}
    assert listed == on_disk
    assert set(GENERATORS) == {case["generate"] for case in CASES if "generate" in case}
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", PLAN_CASES, ids=case_id)
def test_validate(case: dict[str, Any], tmp_path: Path) -> None:
    path = prepare(case, tmp_path)
    before = path.read_bytes() if path.is_file() and os.access(path, os.R_OK) else None

    code, printed = invoke("validate", "--format", "plain", str(path))

    assert code == case["exit"], printed
    assert expected_problems(case) <= reported(printed, str(path)), printed
    assert case.get("message", "") in " ".join(printed.split()), printed
    if "file" in case:
        # Rich output shows source lines: it must cope with whatever the file holds.
        rich_code, _ = invoke("validate", str(path))
        assert rich_code == code
    if before is not None:
        assert path.read_bytes() == before
    assert not any(marker.exists() for marker in HACKED)


@pytest.mark.parametrize("case", PLAN_CASES, ids=case_id)
def test_render(case: dict[str, Any], tmp_path: Path) -> None:
    path = prepare(case, tmp_path)
    out = tmp_path / "kết quả"
    out.mkdir()
    target = out / "kế hoạch.docx"

    code, printed = invoke("render", "--format", "plain", str(path), "-o", str(target))

    assert code == case.get("render_exit", case["exit"]), printed
    wanted = {(line, kind) for line, kind in expected_problems(case) if kind != "input-file"}
    assert wanted <= reported(printed, str(path)), printed
    assert case.get("message", "") in " ".join(printed.split()), printed
    if code == 0:
        assert sorted(p.name for p in out.iterdir()) == [target.name]
        check_docx_text(case, document_text(target))
    else:
        assert list(out.iterdir()) == []
        assert "Lỗi:" in printed
    assert not any(marker.exists() for marker in HACKED)


@pytest.mark.parametrize("case", BATCH_CASES, ids=case_id)
def test_batch(case: dict[str, Any], tmp_path: Path) -> None:
    communes = prepare(case, tmp_path)
    out = tmp_path / "các xã"

    code, printed = invoke(
        "batch", str(VALID_PLAN), str(communes), "-o", str(out), "--format", "plain", "--jobs", "1"
    )

    assert code == case["exit"], printed
    assert expected_problems(case) <= reported(printed, str(communes)), printed
    # The plans, without the batch's report (ket-qua.csv, tested in test_batch_status).
    written = sorted(p.name for p in out.iterdir() if p.name != "ket-qua.csv") if out.exists() else []
    if "outputs" in case:
        assert written == case["outputs"]
    assert all(name.endswith(".docx") for name in written)
    check_docx_text(case, "\n".join(document_text(out / name) for name in written))
    assert not any(marker.exists() for marker in HACKED)


# --- The CLI shows the text the loader read ----------------------------------------------------------
def test_rich_output_shows_decoded_utf16_line() -> None:
    path = HOSTILE / "utf16-bom-error.yaml"

    code, printed = invoke("validate", str(path))

    assert code == 1
    assert "   2 | nam: hai nghìn" in printed
    lines = printed.splitlines()
    caret = lines[lines.index(next(line for line in lines if line.endswith("| nam: hai nghìn"))) + 1]
    assert caret.index("^") == lines[lines.index(caret) - 1].index("hai")


def test_rich_output_shows_nfc_line_with_caret_in_place(tmp_path: Path) -> None:
    text = valid_with(("  dia_danh: Hồng Phong", "  dia_danh: Hồng Phong\n  tên_gọi: Hồng Phong"))
    path = write(tmp_path, "nfd.yaml", unicodedata.normalize("NFD", text))

    code, printed = invoke("validate", str(path))

    assert code == 1
    assert "   6 |   tên_gọi: Hồng Phong" in printed  # NFC, as typed in Word
    assert "     |   ^" in printed


def test_plain_output_keeps_one_line_per_problem_and_no_escape_codes() -> None:
    path = HOSTILE / "control-char-key.yaml"

    code, printed = invoke("validate", "--format", "plain", str(path))

    assert code == 1
    assert all(line.startswith(f"{path}:") for line in printed.splitlines())


def test_rich_output_escapes_terminal_sequences() -> None:
    code, printed = invoke("validate", str(HOSTILE / "control-chars-raw.yaml"))

    assert code == 1
    assert "\\x1b[2J" in printed  # shown, harmless, instead of clearing the screen


def test_render_refuses_to_overwrite_the_plan_with_the_document(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)

    code, printed = invoke("render", str(plan), "-o", str(plan), "--force")

    assert code == 1 and "chính là tệp kế hoạch" in printed
    assert plan.read_text(encoding="utf-8") == VALID_TEXT


# --- Outputs that cannot be written ---------------------------------------------------------------
def _lock_word(target: Path) -> None:
    target.with_name("~$" + target.name).write_bytes(b"Word lock")


def _lock_libreoffice(target: Path) -> None:
    target.with_name(f".~lock.{target.name}#").write_bytes(b"LibreOffice lock")


@pytest.mark.parametrize(
    ("setup", "args", "fragment"),
    [
        (None, ("-o", "{missing}"), "không tồn tại"),
        (None, ("-o", "{folder}"), "thư mục"),
        (_lock_word, ("-o", "{target}", "--force"), "đang mở"),
        (_lock_libreoffice, ("-o", "{target}", "--force"), "đang mở"),
        (None, ("-o", "{target}"), "--force"),
        (None, ("-o", "{plan}", "--force"), "chính là tệp kế hoạch"),
    ],
    ids=["folder-missing", "output-is-folder", "word-lock", "libreoffice-lock", "exists", "same-as-plan"],
)
def test_output_that_cannot_be_written(
    setup: Callable[[Path], None] | None, args: tuple[str, ...], fragment: str, tmp_path: Path
) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    target = tmp_path / "kế hoạch.docx"
    target.write_bytes(b"old version")
    (tmp_path / "a folder.docx").mkdir()
    if setup is not None:
        setup(target)
    names = {
        "missing": str(tmp_path / "không có" / "x.docx"),
        "folder": str(tmp_path / "a folder.docx"),
        "target": str(target),
        "plan": str(plan),
    }
    before = sorted(p.name for p in tmp_path.iterdir())

    code, printed = invoke("render", str(plan), *(arg.format(**names) for arg in args))

    assert code == 1 and fragment in printed
    assert target.read_bytes() == b"old version"
    assert plan.read_text(encoding="utf-8") == VALID_TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.skipif(IS_ROOT, reason="root writes into a read-only folder; see the simulated test below")
def test_read_only_folder(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    out = tmp_path / "chỉ đọc"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, printed = invoke("render", str(plan), "-o", str(out / "x.docx"))
    finally:
        out.chmod(0o755)
    assert code == 1 and "Không ghi được" in printed
    assert list(out.iterdir()) == []


def test_read_only_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root a read-only folder is still writable, so the refusal is simulated where the OS
    # would give it: creating the temporary file.
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    out = tmp_path / "chỉ đọc"
    out.mkdir()
    real_mkstemp = tempfile.mkstemp

    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if Path(kwargs.get("dir", "")) == out:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    code, printed = invoke("render", str(plan), "-o", str(out / "x.docx"))

    assert code == 1 and "Không ghi được vào" in printed
    assert list(out.iterdir()) == []


# --- No half files ------------------------------------------------------------------------------
def _fail_replace(*args: Any) -> None:
    raise PermissionError(13, "The process cannot access the file")  # Word holds it on Windows


def _fail_fsync(*args: Any) -> None:
    raise OSError(28, "No space left on device")


class _HalfWriter:
    """A file object that writes half of what it is given, then finds the disk full."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(28, "No space left on device")


def _half_writer(fd: int, mode: str) -> _HalfWriter:
    return _HalfWriter(io.FileIO(fd, "w"))


MID_WRITE_FAILURES: list[tuple[str, Callable[[pytest.MonkeyPatch], None]]] = [
    ("replace", lambda mp: mp.setattr(output.os, "replace", _fail_replace)),
    ("fsync", lambda mp: mp.setattr(output.os, "fsync", _fail_fsync)),
    ("half-written", lambda mp: mp.setattr(output.os, "fdopen", _half_writer)),
]


@pytest.mark.parametrize(
    "break_save", [f for _, f in MID_WRITE_FAILURES], ids=[n for n, _ in MID_WRITE_FAILURES]
)
def test_render_failure_mid_save_keeps_the_old_file(
    break_save: Callable[[pytest.MonkeyPatch], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    target = tmp_path / "plan.docx"
    target.write_bytes(b"previous version")
    break_save(monkeypatch)

    code, printed = invoke("render", str(plan), "--force")

    assert code == 1 and "Lỗi:" in printed
    assert target.read_bytes() == b"previous version"
    assert leftovers(tmp_path) == []


def test_render_failure_inside_the_writer_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bdg_plan.docx.write import document as docx_writer

    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    target = tmp_path / "plan.docx"
    target.write_bytes(b"previous version")

    def broken(*args: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(docx_writer, "write_docx", broken)
    result = runner.invoke(app, ["render", str(plan), "--force"], env=ENV)

    assert result.exit_code == 1 and "không đủ bộ nhớ" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "plan.yaml"]


@pytest.mark.parametrize(
    "break_save", [f for _, f in MID_WRITE_FAILURES], ids=[n for n, _ in MID_WRITE_FAILURES]
)
def test_new_year_failure_mid_save_keeps_both_files(
    break_save: Callable[[pytest.MonkeyPatch], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write(tmp_path, "plan2024.yaml", VALID_TEXT)
    target = tmp_path / "plan2025.yaml"
    target.write_bytes(b"# an earlier draft\n")
    break_save(monkeypatch)

    code, printed = invoke("new-year", str(plan), "--force")

    assert code == 1 and "Lỗi:" in printed
    assert target.read_bytes() == b"# an earlier draft\n"
    assert plan.read_text(encoding="utf-8") == VALID_TEXT
    assert leftovers(tmp_path) == []


def test_batch_failure_mid_save_keeps_the_old_file_and_the_other_communes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    communes = write(
        tmp_path,
        "xa.csv",
        "Tên xã,Địa danh,Người ký\nỦy ban nhân dân xã Đồng Đăng,Đồng Đăng,A\n"
        "Ủy ban nhân dân xã Cao Lộc,Cao Lộc,B\n",
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "xa-cao-loc.docx").write_bytes(b"previous version")
    real_replace = os.replace

    def replace(source: Any, target: Any) -> None:
        if Path(target).name == "xa-cao-loc.docx":
            _fail_fsync()
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    code, _ = invoke(
        "batch", str(VALID_PLAN), str(communes), "-o", str(out), "--force", "--jobs", "1", "--format", "plain"
    )

    assert code == 1
    assert (out / "xa-cao-loc.docx").read_bytes() == b"previous version"
    assert "Đồng Đăng" in document_text(out / "xa-dong-dang.docx")
    assert leftovers(out) == []


def _killed_during_save(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child process that is killed (SIGKILL) right before the rename."""
    script = (
        "import os, signal, sys\n"
        "import bdg_plan.output as output\n"
        "output.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from bdg_plan.cli.app import main\n"
        f"sys.argv = ['bdg-plan', *{args!r}]\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("command", ["render", "new-year"])
def test_kill_during_save_leaves_the_old_file(command: str, tmp_path: Path) -> None:
    plan = write(tmp_path, "plan2024.yaml", VALID_TEXT)
    target = tmp_path / ("plan2024.docx" if command == "render" else "plan2025.yaml")
    target.write_bytes(b"previous version")

    killed = _killed_during_save([command, str(plan), "--force"], tmp_path)

    assert killed.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"previous version"
    assert plan.read_text(encoding="utf-8") == VALID_TEXT
    # A kill cannot clean up: at most the hidden temporary file is left, and it is harmless.
    assert len(leftovers(tmp_path)) <= 1
    code, _ = invoke(command, str(plan), "--force")
    assert code == 0 and target.read_bytes() != b"previous version"


# --- Custom templates are sandboxed ---------------------------------------------------------------
TEMPLATE_ATTACKS = [
    ("{% include '/etc/passwd' %}", "Không tìm thấy mẫu"),
    ("{% include '../../x' %}", "Không tìm thấy mẫu"),
    ("{% import 'os' as os %}{{ os.system('id') }}", "Không tìm thấy mẫu"),
    ("{% extends '/etc/passwd' %}", "Không tìm thấy mẫu"),
    ("dòng 1\ndòng 2\n{{ cycler.__init__.__globals__.os.popen('id').read() }}", "dòng 3"),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", "dòng 1"),
    ("{{ ().__class__.__bases__[0].__subclasses__() }}", "an toàn"),
    ("{{ self._TemplateReference__context }}", "an toàn"),
    ("{{ plan.__class__.__init__.__globals__ }}", "an toàn"),
    ("{{ plan.nam.__class__ }}", "an toàn"),
    ("{{ plan|attr('__class__') }}", "an toàn"),
    ("{{ '{0.__class__}'.format(plan) }}", "an toàn"),
    ("{{ joiner.__init__.__globals__ }}", "an toàn"),
    ("{{ namespace.__init__.__globals__ }}", "an toàn"),
    ("{{ plan.parse_file('/etc/passwd') }}", "an toàn"),
    ("{{ plan.model_validate_json('{}') }}", "an toàn"),
    ("{{ plan.model_rebuild(force=True) }}", "an toàn"),
    ("{{ range(10**9)|list }}", "MAX_RANGE"),
    ("{% for i in range(10**8) %}x{% endfor %}", "MAX_RANGE"),
    ("{{ 'x' * 10**10 }}", "quá lớn"),
    ("{{ [0] * 10**9 }}", "quá lớn"),
    ("{{ 'x'.center(10**10) }}", "quá lớn"),
    ("{{ 'x'|center(10**10) }}", "quá lớn"),
    ("{{ 'x'|indent(10**10) }}", "quá lớn"),
    ("{{ '%999999999s' % 'x' }}", "quá lớn"),
    ("{{ '%(a)999999999s' % {'a': 1} }}", "quá lớn"),
    ("{{ '%.9999999f' % 1 }}", "quá lớn"),
    ("{{ '{:>999999999}'.format('x') }}", "quá lớn"),
    ("{{ '{:{}}'.format('x', 10**9) }}", "quá lớn"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "recursion"),
    # Gigabyte strings from one expression: every filter and method that multiplies its input.
    ("{{ ('x'*1000)|replace('x','y'*1000000) }}", "quá lớn"),
    ("{{ ('x'*1000).replace('x','y'*1000000) }}", "quá lớn"),
    ("{{ ('x'*1000)|replace('','y'*1000) }}", "quá lớn"),
    ("{{ ['x'*1000000, 'y']|join('z'*1000000) }}", "quá lớn"),
    ("{{ ('z'*1000000).join(['x'*10, 'y'*10]) }}", "quá lớn"),
    ("{{ ('x '*500000)|wordwrap(1, wrapstring='y'*1000) }}", "quá lớn"),
    ("{{ ('x\n'*500000)|indent('y'*1000) }}", "quá lớn"),
    ("{{ ('x\n'*500000)|indent(1000) }}", "quá lớn"),
    ("{{ ('\t'*1000).expandtabs(1000000) }}", "quá lớn"),
    ("{{ ('x'*1000).translate({120: 'y'*1000000}) }}", "quá lớn"),
    ("{{ [[0]*1000000, [0]*1000000]|sum(start=[]) }}", "quá lớn"),
    ("{{ ['x'*1000000]*1000 }}", "quá lớn"),
    ("{{ ['x'*1000000, 'x'*1000000]|string }}", "quá lớn"),
    ("{{ ['x'*1000000, 'x'*1000000]|tojson }}", "quá lớn"),
    ("{{ ('x'*1000000) ~ ('x'*1000000) }}", "quá lớn"),
    ("{{ ('x'*1000000) + ('x'*1000000) }}", "quá lớn"),
    (
        "{% set s = namespace(x='x') %}{% for i in range(40) %}{% set s.x = s.x ~ s.x %}{% endfor %}",
        "quá lớn",
    ),
    # Time and output: nested loops, a macro calling itself twice, output past the bound.
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "bước"),
    ("{% macro m(n) %}{% if n %}{{ m(n-1) }}{{ m(n-1) }}{% endif %}{% endmacro %}{{ m(60) }}", "bước"),
    ("{% for i in range(100000) %}{{ 'x'*100 }}{% endfor %}", "ký tự"),
    # Characters the compose stage or Word cannot take, built or written by the template.
    ("dòng 1\ndòng 2 \x01\n", "dòng 2"),
    ("dòng 1\n\ufff90\ufffa\n", "dòng 2"),
    ("dòng 1\n\x1b[2J\n", "dòng 2"),
    ("{{ '\\x07' }}", "U+0007"),
    ("{{ '\ufff90\ufffa'|safe }}", "U+FFF9"),
    ("{{ '\ufffb' }}", "U+FFFB"),
]


@pytest.mark.parametrize(("template", "fragment"), TEMPLATE_ATTACKS, ids=[t for t, _ in TEMPLATE_ATTACKS])
def test_custom_template_cannot_escape_the_sandbox(template: str, fragment: str, tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    templates = tmp_path / "mẫu"
    templates.mkdir()
    (templates / "ke-hoach.md.j2").write_text(template, encoding="utf-8")
    (tmp_path.parent / "x").write_text("bí mật", encoding="utf-8")

    code, printed = invoke("render", str(plan), "--templates", str(templates))

    assert code == 1
    assert fragment in printed
    assert "ke-hoach.md.j2" in printed or "Không tìm thấy mẫu" in printed
    for secret in ("root:", "uid=", "bí mật"):
        assert secret not in printed
    assert not (tmp_path / "plan.docx").exists()


def test_template_error_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    templates = tmp_path / "mẫu"
    templates.mkdir()
    (templates / "ke-hoach.md.j2").write_text("{% include 'phan-rieng.md.j2' %}\n", encoding="utf-8")
    (templates / "phan-rieng.md.j2").write_text("Phần riêng\n{{ plan.__class__ }}\n", encoding="utf-8")

    code, printed = invoke("render", str(plan), "--templates", str(templates))

    assert code == 1
    assert "phan-rieng.md.j2" in printed and "dòng 2" in printed


def test_sandbox_keeps_what_templates_need(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    templates = tmp_path / "mẫu"
    templates.mkdir()
    (templates / "ke-hoach.md.j2").write_text(
        "{{ plan.co_quan.ten }} {{ plan.ngay.earliest }} {{ 2**10 }} {{ '%s-%d'|format('a', 3) }} "
        "{{ 'ab'|center(6) }} {{ '{}/{}'.format(1, 2) }} {{ ('x' * 3) }} {{ plan.nam|string }}\n",
        encoding="utf-8",
    )

    code, printed = invoke("render", str(plan), "--templates", str(templates))

    assert code == 0, printed
    text = document_text(tmp_path / "plan.docx")
    assert "Ủy ban nhân dân xã Hồng Phong 2024-03-01 1024 a-3   ab   1/2 xxx 2024" in text


# --- Documented limits ------------------------------------------------------------------------------
def test_file_size_limit_in_the_source_stage(tmp_path: Path) -> None:
    assert isinstance(decode_source(b"#" * MAX_FILE_BYTES, "plan.yaml"), source.SourceText)
    problem = decode_source(b"#" * (MAX_FILE_BYTES + 1), "plan.yaml")
    assert isinstance(problem, Problem) and problem.code == "too-large"
    assert len(read_source(write(tmp_path, "a.yaml", b"#" * MAX_FILE_BYTES))) == MAX_FILE_BYTES
    with pytest.raises(InputFileError):
        read_source(write(tmp_path, "b.yaml", b"#" * (MAX_FILE_BYTES + 1)))


def test_text_length_limit_in_the_loader() -> None:
    for length, codes in ((MAX_TEXT_CHARS, []), (MAX_TEXT_CHARS + 1, ["too-long"])):
        doc = api.load_text(f"ten: {'ắ' * length}\n".encode(), "plan.yaml")
        assert [p.code for p in doc.problems] == codes


def test_node_limit_without_aliases_is_not_blamed_on_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_NODES", 50)
    doc = api.load_text(("noi_nhan: [" + ", ".join(["x"] * 60) + "]\n").encode(), "plan.yaml")

    assert [(p.line, p.code) for p in doc.problems] == [(1, "too-large")]
    assert "bí danh" not in doc.problems[0].message


def test_limits_are_documented() -> None:
    text = (ROOT / "docs" / "gioi-han.md").read_text(encoding="utf-8")
    for value in (MAX_FILE_BYTES, MAX_TEXT_CHARS, MAX_NODES):
        assert f"{value:,}".replace(",", ".") in text or str(value) in text


# --- The legacy-encoding heuristic ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "word", "guess", "encoding"),
    [
        ("KÕ ho¹ch", "ho¹ch", "hoạch", "TCVN3 (ABC)"),
        ("Hoµng V¨n MÉn", "Hoµng", "Hoàng", "TCVN3 (ABC)"),
        ("b×nh ®¼ng giíi", "b×nh", "bình", "TCVN3 (ABC)"),
        ("Keá hoaïch", "Keá", "Kế", "VNI"),
        ("UÛy ban nhaân daân", "UÛy", "Ủy", "VNI"),
        ("Ñaûng", "Ñaûng", "Đảng", "VNI"),
        ("tröôøng hoïc", "tröôøng", "trường", "VNI"),
        ("Kêì hoaòch", "Kêì", "Kế", "Windows-1258"),
    ],
)
def test_legacy_encoded_words_are_found(text: str, word: str, guess: str, encoding: str) -> None:
    assert legacy_encoded_word(text) == (word, guess, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch triển khai công tác bình đẳng giới năm 2023",
        "Ủy ban nhân dân xã Hồng Phong; UBND huyện Cao Lộc; HĐND, LĐTB&XH",
        "Quyền, nghĩa vụ, khuya, khuỷu tay, người, hươu, xoong, thuở, nguyễn, giữ gìn, quốc",
        "© 2023, 3×4 m, 1½ giờ, § 5, 50°, µg",
        "Müller, café, naïve, Peña, Ðorđević",
        "Đắk Lắk, Krông Pắc, H'Mông, Ê Đê, Chư Păh",
    ],
)
def test_normal_text_is_not_legacy_encoded(text: str) -> None:
    assert legacy_encoded_word(text) is None


def test_real_plans_and_messages_never_look_legacy_encoded() -> None:
    files = [
        *sorted((ROOT / "examples").glob("*.yaml")),
        ROOT / "tests" / "fixtures" / "seed" / "ke-hoach-bdg-2023-hong-phong.md",
        *sorted((ROOT / "bdg_plan" / "messages").glob("*.py")),
        ROOT / "bdg_plan" / "plan" / "model.py",
    ]
    for path in files:
        for line in unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).splitlines():
            assert legacy_encoded_word(line) is None, (path.name, line)
    example = validate_bytes((ROOT / "examples" / "plan2023.yaml").read_bytes(), "plan2023.yaml")
    assert not [p for p in example.problems if p.code in ("legacy-encoding", "look-alike-char")]


# --- Templates are read only from inside their folders ---------------------------------------------
def _symlink_to_outside_file(templates: Path) -> str:
    (templates.parent / "bí mật.txt").write_text("bí mật", encoding="utf-8")
    (templates / "link.j2").symlink_to(templates.parent / "bí mật.txt")
    return "{% include 'link.j2' %}"


def _symlink_to_etc_passwd(templates: Path) -> str:
    (templates / "link.j2").symlink_to("/etc/passwd")
    return "{% include 'link.j2' %}"


def _symlinked_folder(templates: Path) -> str:
    outside = templates.parent / "ngoài"
    outside.mkdir()
    (outside / "x.j2").write_text("bí mật", encoding="utf-8")
    (templates / "phan").symlink_to(outside, target_is_directory=True)
    return "{% include 'phan/x.j2' %}"


def _relative_symlink_chain(templates: Path) -> str:
    (templates.parent / "bí mật.txt").write_text("bí mật", encoding="utf-8")
    (templates / "b.j2").symlink_to("../bí mật.txt")
    (templates / "a.j2").symlink_to("b.j2")
    return "{% include 'a.j2' %}"


def _body_itself_outside(templates: Path) -> str:
    (templates.parent / "bí mật.txt").write_text("bí mật", encoding="utf-8")
    (templates / "ke-hoach.md.j2").symlink_to(templates.parent / "bí mật.txt")
    return ""


def _fifo_template(templates: Path) -> str:
    os.mkfifo(templates / "ong.j2")
    return "{% include 'ong.j2' %}"


def _device_template(templates: Path) -> str:
    (templates / "zero.j2").symlink_to("/dev/zero")
    return "{% include 'zero.j2' %}"


TEMPLATE_ESCAPES: list[tuple[str, Callable[[Path], str], str]] = [
    ("symlink-outside", _symlink_to_outside_file, "ngoài thư mục mẫu"),
    ("symlink-etc-passwd", _symlink_to_etc_passwd, "ngoài thư mục mẫu"),
    ("symlinked-folder", _symlinked_folder, "ngoài thư mục mẫu"),
    ("relative-chain", _relative_symlink_chain, "ngoài thư mục mẫu"),
    ("body-template-outside", _body_itself_outside, "ngoài thư mục mẫu"),
    ("fifo", _fifo_template, "Không tìm thấy mẫu"),
    ("device", _device_template, "ngoài thư mục mẫu"),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX symlinks and pipes")
@pytest.mark.parametrize(
    ("make", "fragment"), [(m, f) for _, m, f in TEMPLATE_ESCAPES], ids=[n for n, _, _ in TEMPLATE_ESCAPES]
)
def test_templates_cannot_leave_their_folder(
    make: Callable[[Path], str], fragment: str, tmp_path: Path
) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    templates = tmp_path / "mẫu"
    templates.mkdir()
    body = make(templates)
    if body:
        (templates / "ke-hoach.md.j2").write_text(body, encoding="utf-8")

    code, printed = invoke("render", str(plan), "--templates", str(templates))

    assert code == 1
    assert fragment in " ".join(printed.split())
    assert "bí mật" not in printed and "root:" not in printed
    assert not (tmp_path / "plan.docx").exists()


def test_a_symlink_inside_the_template_folder_is_followed(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", VALID_TEXT)
    templates = tmp_path / "mẫu"
    (templates / "chung").mkdir(parents=True)
    (templates / "chung" / "phan.j2").write_text("Phần chung {{ plan.nam }}\n", encoding="utf-8")
    (templates / "phan.j2").symlink_to(Path("chung") / "phan.j2")
    (templates / "ke-hoach.md.j2").write_text("{% include 'phan.j2' %}", encoding="utf-8")

    code, printed = invoke("render", str(plan), "--templates", str(templates))

    assert code == 0, printed
    assert "Phần chung 2024" in document_text(tmp_path / "plan.docx")


def test_template_steps_are_counted_not_timed(tmp_path: Path) -> None:
    from bdg_plan.compose import templating as sandbox

    env = sandbox.template_environment(None)
    budget = sandbox._Budget()
    token, values = sandbox._budget.set(budget), sandbox._registry.set([])
    try:
        env.from_string("{% for i in range(3) %}{% for j in range(4) %}{% endfor %}{% endfor %}").render()
    finally:
        sandbox._budget.reset(token)
        sandbox._registry.reset(values)
    # 3 outer iterations + 12 inner ones + the two range() calls (each outer pass calls one).
    assert sandbox.MAX_TEMPLATE_STEPS - budget.steps == 3 + 12 + 1 + 3
