"""A LibreOffice kept running behind the bridge: one start, retries, failures alone, cleanup, fallback.

The fast tests run the real bridge script (`bdg_plan/office_bridge.py`) with a fake soffice and a
fake `uno` (tests/fake_office.py); the slow ones run it with the real LibreOffice and python3-uno.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bdg_plan import messages as msg
from bdg_plan.office import libreoffice, pdf
from bdg_plan.office import resident as office_resident
from bdg_plan.office.libreoffice import Office
from bdg_plan.office.resident import UNO_PYTHON_ENV, find_uno_python
from tests import fake_office
from tests.fake_soffice import sources as documents

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fakes are POSIX scripts")

ROOT = Path(__file__).resolve().parent.parent


class Fakes:
    def __init__(self, folder: Path) -> None:
        self.soffice, self.python = fake_office.install(folder)
        self.log = folder / "office.log"
        self.log.touch()
        self.folder = folder / "office"

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()

    def starts(self) -> list[str]:
        return [line for line in self.lines() if line.startswith("start")]

    def converted(self) -> list[str]:
        return [line.split()[1] for line in self.lines() if line.startswith("convert")]

    def pids(self) -> list[int]:
        return [int(line.split()[1]) for line in self.starts()]


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fakes:
    found = Fakes(tmp_path)
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: found.soffice)
    monkeypatch.setattr(pdf, "find_soffice", lambda: found.soffice)
    monkeypatch.setenv(UNO_PYTHON_ENV, found.python)
    monkeypatch.setenv("FAKE_OFFICE_DIR", str(found.folder))
    monkeypatch.setenv("FAKE_OFFICE_LOG", str(found.log))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(tmp_path / "runs.log"))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    # A zombie is not alive: only its parent has yet to reap it.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.is_file() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def wait_until_gone(pids: list[int], bound: float = 60.0) -> list[int]:
    """The pids still alive after waiting up to `bound` seconds (a bound on the wait, not a measure)."""
    deadline = time.monotonic() + bound
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


def eventually(check: Callable[[], bool], bound: float = 60.0) -> bool:
    """Whether `check` holds within `bound` seconds (a bound on the wait, not a measure)."""
    deadline = time.monotonic() + bound
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_one_libreoffice_serves_every_document_and_is_stopped_at_the_end(
    tmp_path: Path, fakes: Fakes
) -> None:
    jobs = documents(tmp_path, "a", "b", "c")

    with Office() as office:
        assert office.resident is not None
        assert office.convert(jobs[:2], "pdf") == [None, None]
        assert office.convert(jobs[2:], "pdf") == [None]
        assert office.runs == 0  # no `soffice --convert-to` run

    assert len(fakes.starts()) == 1
    for _, target in jobs:
        assert target.read_bytes().startswith(b"%PDF-1.4 fake resident from ")
    assert wait_until_gone(fakes.pids()) == []
    assert list((tmp_path / "temp").iterdir()) == []  # profiles and work files removed


def test_a_document_libreoffice_cannot_read_fails_alone_without_a_restart(
    tmp_path: Path, fakes: Fakes
) -> None:
    jobs = documents(tmp_path, "a", "BAD", "c")

    with Office() as office:
        results = office.convert(jobs, "pdf")

    assert results[0] is None and results[2] is None
    assert results[1] is not None and str(jobs[1][0]) in results[1]
    assert "could not be loaded" in results[1]
    assert not jobs[1][1].exists()
    assert len(fakes.starts()) == 1


def test_a_document_that_kills_libreoffice_once_is_retried_in_a_new_one(tmp_path: Path, fakes: Fakes) -> None:
    jobs = documents(tmp_path, "a", "CRASH-ONCE", "c")

    with Office() as office:
        assert office.convert(jobs, "pdf") == [None, None, None]

    assert len(fakes.starts()) == 2
    assert fakes.converted() == ["00001.docx", "00002.docx", "00002.docx", "00003.docx"]
    assert all(target.is_file() for _, target in jobs)


def test_a_document_that_kills_libreoffice_twice_fails_alone_and_the_rest_go_on(
    tmp_path: Path, fakes: Fakes
) -> None:
    jobs = documents(tmp_path, "a", "CRASH", "c", "d")

    with Office() as office:
        results = office.convert(jobs, "pdf")

    assert results[0] is None and results[2:] == [None, None]
    assert results[1] is not None
    assert results[1].startswith(msg.OFFICE_DIED.split("'", 1)[0]) and str(jobs[1][0]) in results[1]
    assert not jobs[1][1].exists()
    # Started, restarted for the retry, restarted for the documents after it.
    assert len(fakes.starts()) == 3
    assert fakes.converted() == ["00001.docx", "00002.docx", "00002.docx", "00003.docx", "00004.docx"]
    assert wait_until_gone(fakes.pids()) == []


def test_a_killed_bridge_takes_its_libreoffice_with_it_and_the_next_document_gets_a_new_pair(
    tmp_path: Path, fakes: Fakes
) -> None:
    jobs = documents(tmp_path, "a", "b")

    with Office() as office:
        assert office.convert(jobs[:1], "pdf") == [None]
        assert office.resident is not None and office.resident._bridge is not None
        os.kill(office.resident._bridge.process.pid, 9)
        assert office.convert(jobs[1:], "pdf") == [None]
        first_soffice = fakes.pids()[0]
        assert wait_until_gone([first_soffice]) == []  # not left behind by its dead bridge

    assert len(fakes.starts()) == 2
    assert fakes.converted() == ["00001.docx", "00001.docx"]  # each call names its work copies anew
    assert all(target.is_file() for _, target in jobs)


def test_a_document_that_hangs_is_stopped_with_its_libreoffice_and_fails_alone(
    tmp_path: Path, fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(libreoffice, "FILE_TIMEOUT", 1.0)
    jobs = documents(tmp_path, "HANG", "b")

    with Office() as office:
        results = office.convert(jobs, "pdf")
        hung = fakes.pids()[:2]
        assert wait_until_gone(hung) == []  # stopped before the office is closed

    assert results[0] == msg.PDF_DOCUMENT_TIMEOUT.format(seconds=1) and results[1] is None
    assert len(fakes.starts()) == 3


def test_a_bridge_that_cannot_start_falls_back_to_plain_runs(
    tmp_path: Path, fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_OFFICE_MODE", "dead-on-start")
    jobs = documents(tmp_path, "a", "b")

    with Office() as office:
        assert office.convert(jobs, "pdf") == [None, None]
        assert office.resident is None and office.runs == 1
        assert office.convert(jobs[:1], "pdf", force=True) == [None]

    assert len(fakes.starts()) == 2  # two tries, then never again
    assert jobs[0][1].read_bytes() == b"%PDF-1.4 fake from 00001.docx"


def test_no_uno_python_means_plain_runs(
    tmp_path: Path, fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(UNO_PYTHON_ENV, "")
    jobs = documents(tmp_path, "a")

    with Office() as office:
        assert office.resident is None
        assert office.convert(jobs, "pdf") == [None]

    assert fakes.starts() == []
    assert jobs[0][1].read_bytes() == b"%PDF-1.4 fake from 00001.docx"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda folder: folder / "absent" / "python3", id="missing"),
        pytest.param(lambda folder: _script(folder / "evil.sh"), id="not-named-python"),
        pytest.param(lambda folder: _script(folder / "python3", mode=0o644), id="not-executable"),
        pytest.param(lambda folder: (folder / "python3.d").mkdir() or folder / "python3.d", id="a-folder"),
        pytest.param(lambda folder: Path("/bin/sh"), id="a-shell"),
    ],
)
def test_the_uno_python_variable_runs_only_an_executable_named_python(
    tmp_path: Path, fakes: Fakes, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], Path]
) -> None:
    chosen = make(tmp_path)
    monkeypatch.setenv(UNO_PYTHON_ENV, str(chosen))
    jobs = documents(tmp_path, "a")

    assert find_uno_python(fakes.soffice) is None
    with Office() as office:
        assert office.resident is None  # plain runs: the named program never starts
        assert office.convert(jobs, "pdf") == [None]
    assert not (tmp_path / "ran").exists()
    assert fakes.starts() == []


def test_the_uno_python_variable_accepts_a_real_python(fakes: Fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Path(fakes.python).name.startswith("python")
    assert find_uno_python(fakes.soffice) == fakes.python
    monkeypatch.setenv(UNO_PYTHON_ENV, sys.executable)
    assert find_uno_python(fakes.soffice) == sys.executable


def _script(path: Path, mode: int = 0o755) -> Path:
    """A script that leaves a mark beside itself if it is ever run."""
    path.write_text(f"#!/bin/sh\ntouch '{path.parent / 'ran'}'\n", encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_uno_python_is_looked_for_once_beside_libreoffice_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "LibreOffice" / "program"
    program.mkdir(parents=True)
    soffice = program / "soffice"
    soffice.write_text("")
    probes = tmp_path / "probes.log"
    for name, code in (("python", 1), ("python.exe", 0)):
        (program / name).write_text(f"#!/bin/sh\necho {name} >> '{probes}'\nexit {code}\n")
        (program / name).chmod(0o755)
    monkeypatch.delenv(UNO_PYTHON_ENV)
    monkeypatch.setattr(office_resident, "_probed", {})

    assert find_uno_python(str(soffice)) == str(program / "python.exe")
    assert find_uno_python(str(soffice)) == str(program / "python.exe")
    assert probes.read_text().split() == ["python.exe"]  # the first that has uno; asked once


def test_office_for_other_formats_and_one_render_uses_plain_runs(tmp_path: Path, fakes: Fakes) -> None:
    from bdg_plan.office.pdf import convert_to_pdf

    ((source, _),) = documents(tmp_path, "a")

    assert convert_to_pdf(source).read_bytes() == b"%PDF-1.4 fake from 00001.docx"
    with Office() as office:
        assert office.convert([(source, tmp_path / "x.docx")], "docx") == [None]
    assert fakes.starts() == []


def test_libreoffice_ends_when_the_program_using_it_dies(tmp_path: Path, fakes: Fakes) -> None:
    ((source, _),) = documents(tmp_path, "a")
    job = f"(Path({str(source)!r}), Path({str(tmp_path / 'x.pdf')!r}))"
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from bdg_plan.office.libreoffice import Office\n"
        f"office = Office({fakes.soffice!r}, folder=Path({str(tmp_path / 'temp')!r}))\n"
        f"assert office.convert([{job}], 'pdf') == [None]\n"
        "os._exit(0)  # no close: as if killed\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, timeout=120)

    assert (tmp_path / "x.pdf").is_file()
    assert wait_until_gone(fakes.pids()) == []
    # The bridge removes its profile when it sees the end of its input, once LibreOffice is gone.
    assert eventually(lambda: not list((tmp_path / "temp").glob("bdg-plan-office-*/profile-*")))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_workers_each_keep_one_libreoffice(tmp_path: Path, fakes: Fakes, jobs: str) -> None:
    from bdg_plan.cli.app import app

    out = tmp_path / "out"
    examples = ROOT / "examples"
    command = ["batch", str(examples / "plan2023.yaml"), str(examples / "communes.yaml"), "-o", str(out)]
    result = CliRunner().invoke(app, [*command, "--pdf", "-j", jobs], env={"COLUMNS": "200", "NO_COLOR": "1"})

    assert result.exit_code == 0, result.output
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.with_suffix(".docx") for p in pdfs] == sorted(out.glob("*.docx")) and len(pdfs) == 6
    assert all(p.read_bytes().startswith(b"%PDF-1.4 fake resident") for p in pdfs)
    assert 1 <= len(fakes.starts()) <= int(jobs)  # one per worker that had work
    assert len(fakes.converted()) == 6
    assert wait_until_gone(fakes.pids()) == []
    assert list((tmp_path / "temp").iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal")
def test_a_batch_killed_outright_leaves_no_worker_bridge_or_libreoffice(tmp_path: Path, fakes: Fakes) -> None:
    communes = tmp_path / "xa.csv"
    rows = [f"Ủy ban nhân dân xã Số {n},Số {n},Người Ký {n}" for n in range(300)]
    communes.write_text("Tên xã,Địa danh,Người ký\n" + "\n".join(rows) + "\n", encoding="utf-8")
    env = {
        **os.environ,
        "TMPDIR": str(tmp_path / "temp"),
        "PATH": f"{Path(fakes.soffice).parent}:{os.environ['PATH']}",
    }
    base = ROOT / "examples" / "plan2023.yaml"
    command = [
        sys.executable,
        "-m",
        "bdg_plan",
        "batch",
        str(base),
        str(communes),
        "-o",
        str(tmp_path / "out"),
    ]
    batch_process = subprocess.Popen(
        [*command, "--pdf", "-j", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert eventually(lambda: len(fakes.starts()) == 2)  # both workers' LibreOffices are running
        assert batch_process.poll() is None  # still working: 300 communes
        bridges = [pid for pid in _descendants(batch_process.pid) if pid not in fakes.pids()]
        batch_process.kill()
        batch_process.wait(60)
        assert wait_until_gone([*fakes.pids(), *bridges]) == []
        assert eventually(lambda: list((tmp_path / "temp").iterdir()) == []), list(
            (tmp_path / "temp").iterdir()
        )
    finally:
        if batch_process.poll() is None:
            batch_process.kill()
            batch_process.wait()


def _descendants(pid: int) -> list[int]:
    """Every live process below `pid`, from /proc (the workers, the bridges, LibreOffice)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found += children
        frontier += children
    return found


def test_the_watch_loop_keeps_one_libreoffice_for_the_session(tmp_path: Path, fakes: Fakes) -> None:
    from bdg_plan.commands.watch import PlanWatcher

    plan = tmp_path / "plan.yaml"
    text = (ROOT / "examples" / "plan2023.yaml").read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    with pdf.open_office() as office:
        watcher = PlanWatcher(plan, office=office)
        first = watcher.render_once()
        plan.write_text(text.replace("Hồng Phong", "Hồng Thái"), encoding="utf-8")
        second = watcher.render_once()

    assert first.pdf == second.pdf == plan.with_suffix(".pdf")
    assert len(fakes.starts()) == 1 and len(fakes.converted()) == 2


# --- The real LibreOffice -------------------------------------------------------------------------
def _real_office_or_skip() -> str:
    soffice = libreoffice.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    python = find_uno_python(soffice)
    if python is None:
        pytest.skip("no Python with LibreOffice's uno (python3-uno) is installed")
    return soffice


def _plan_documents(folder: Path, count: int) -> list[tuple[Path, Path]]:
    from bdg_plan import api
    from tests.conftest import EXAMPLE_PLAN

    plan = api.load_plan(EXAMPLE_PLAN).plan
    assert plan is not None
    data = api.render_plan(plan)
    jobs = []
    for number in range(count):
        source = folder / f"kế hoạch {number}.docx"
        source.write_bytes(data)
        jobs.append((source, source.with_suffix(".pdf")))
    return jobs


def _soffice_bin(group: int) -> list[int]:
    """The LibreOffice processes in a process group (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and "soffice" in stat.with_name("comm").read_text():
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
def test_real_libreoffice_converts_three_documents_in_one_start(tmp_path: Path) -> None:
    soffice = _real_office_or_skip()
    jobs = _plan_documents(tmp_path, 3)

    with Office(soffice) as office:
        assert office.convert(jobs, "pdf") == [None, None, None]
        assert office.resident is not None and office.resident.starts == 1 and office.runs == 0

    for _, target in jobs:
        assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds LibreOffice's processes in /proc")
def test_real_libreoffice_killed_mid_run_is_restarted_and_the_document_retried(tmp_path: Path) -> None:
    soffice = _real_office_or_skip()
    jobs = _plan_documents(tmp_path, 3)

    with Office(soffice) as office:
        assert office.convert(jobs[:1], "pdf") == [None]
        resident = office.resident
        assert resident is not None and resident._bridge is not None
        group = resident._bridge.process.pid
        killed = _soffice_bin(group)
        assert killed
        for pid in killed:
            os.kill(pid, 9)
        assert office.convert(jobs[1:], "pdf") == [None, None]
        assert resident.starts == 2
        last = resident._bridge
        assert last is not None and last.process.pid != group

    assert all(target.read_bytes().startswith(b"%PDF") for _, target in jobs)
    assert wait_until_gone(killed) == []
    assert wait_until_gone([last.process.pid]) == []


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text in cmdline.read_bytes().decode("utf-8", "replace"):
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds LibreOffice's processes in /proc")
def test_real_watch_pdf_keeps_one_libreoffice_and_ctrl_c_leaves_nothing_behind(tmp_path: Path) -> None:
    import queue
    import shutil
    import signal
    import threading

    _real_office_or_skip()
    plan = tmp_path / "kế hoạch.yaml"
    shutil.copyfile(ROOT / "examples" / "plan2023.yaml", plan)
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bdg_plan", "render", str(plan), "--watch", "--pdf"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()], daemon=True).start()

    def next_line(containing: str) -> str:
        while True:
            line = lines.get(timeout=120)
            if containing in line:
                return line

    try:
        next_line("Đã tạo bản PDF")
        offices = [pid for pid in _processes_mentioning(str(temp)) if pid != process.pid]
        assert offices  # the bridge and LibreOffice, running between saves
        text = plan.read_text(encoding="utf-8").replace("Hồng Phong", "Hồng Thái")
        plan.write_text(text, encoding="utf-8")
        next_line("Đã tạo bản PDF")
        running = [pid for pid in _processes_mentioning(str(temp)) if pid != process.pid]
        assert sorted(running) == sorted(offices)  # the same LibreOffice made the second PDF
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=120) == 0
    finally:
        process.kill()
        process.wait()

    assert plan.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert wait_until_gone(offices) == []
    assert list(temp.iterdir()) == []


def test_the_bridge_runs_on_the_oldest_python_libreoffice_ships_and_imports_only_stdlib_and_uno() -> None:
    import ast

    from bdg_plan.office.resident import BRIDGE_SCRIPT

    tree = ast.parse(BRIDGE_SCRIPT.read_text(encoding="utf-8"), feature_version=(3, 8))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported - {"uno", "__future__"} <= set(sys.stdlib_module_names)
    assert "uno" in imported and "bdg_plan" not in imported


def run_bridge_without_uno(bridge: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run a bridge script where `uno` fails to import, ahead of any real one on this machine."""
    (tmp_path / "uno.py").write_text('raise ImportError("no LibreOffice here")\n', encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(bridge), "--soffice", "soffice", "--profile", str(tmp_path / "p")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )


def test_the_bridge_without_uno_says_so_on_its_first_line(tmp_path: Path) -> None:
    from bdg_plan.office.resident import BRIDGE_SCRIPT

    done = run_bridge_without_uno(BRIDGE_SCRIPT, tmp_path)

    assert done.returncode == 2
    assert done.stdout.startswith('{"ready": false, "reason": "no uno module')


def test_modules_beside_the_bridge_do_not_shadow_the_standard_library(tmp_path: Path) -> None:
    from bdg_plan.office.resident import BRIDGE_SCRIPT

    beside = tmp_path / "package"
    beside.mkdir()
    bridge = beside / BRIDGE_SCRIPT.name
    bridge.write_bytes(BRIDGE_SCRIPT.read_bytes())
    for name in ("json", "argparse", "uuid"):
        (beside / f"{name}.py").write_text('raise SystemExit("shadowed")\n', encoding="utf-8")
    done = run_bridge_without_uno(bridge, tmp_path)

    assert done.returncode == 2, done.stderr
    assert done.stdout.startswith('{"ready": false')


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds LibreOffice's processes in /proc")
def test_real_libreoffice_killed_during_a_list_is_restarted_for_the_rest(tmp_path: Path) -> None:
    import threading

    soffice = _real_office_or_skip()
    jobs = _plan_documents(tmp_path, 8)
    killed: list[int] = []

    with Office(soffice) as office:
        resident = office.resident
        assert resident is not None

        def kill_after_the_first_pdf() -> None:
            # Once the first work PDF exists, LibreOffice has seven documents left to do.
            if eventually(lambda: any(office._root.glob("run-*/out/*.pdf")), bound=300):
                bridge = resident._bridge
                if bridge is not None:
                    killed.extend(_soffice_bin(bridge.process.pid))
                    for pid in killed:
                        os.kill(pid, 9)

        killer = threading.Thread(target=kill_after_the_first_pdf)
        killer.start()
        results = office.convert(jobs, "pdf")
        killer.join()

        assert killed and results == [None] * 8
        assert resident.starts == 2

    assert all(target.read_bytes().startswith(b"%PDF") for _, target in jobs)
