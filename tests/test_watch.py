"""render --watch: one round at a time, then the loop driven by real file events."""

from __future__ import annotations

import os
import queue
import re
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bdg_plan import api
from bdg_plan import messages as msg
from bdg_plan.commands.watch import PlanWatcher, WatchReport, watch
from bdg_plan.errors import OutputError
from bdg_plan.office import pdf
from tests import fake_soffice
from tests.conftest import EXAMPLE_PLAN, replace_lines

ORGAN = "  ten: Ủy ban nhân dân xã Hồng Phong"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "kế hoạch 2023.yaml"
    shutil.copyfile(EXAMPLE_PLAN, target)
    return target


def save(path: Path, text: str) -> None:
    """Save as editors do: write a new file beside it, then rename it over the old one."""
    temp = path.with_name(path.name + ".tmp~")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def edited(organ: str) -> str:
    return replace_lines(EXAMPLE_PLAN.read_text(encoding="utf-8"), (ORGAN, f"  ten: {organ}"))


def expected_docx(path: Path) -> bytes:
    result = api.load_plan(path)
    assert result.plan is not None
    return api.render_plan(result.plan)


def test_first_round_writes_the_docx(plan: Path) -> None:
    report = PlanWatcher(plan).render_once()

    assert report.ok and report.output == plan.with_suffix(".docx")
    assert report.output.read_bytes() == expected_docx(plan)


def test_later_rounds_replace_the_watchers_own_file(plan: Path) -> None:
    watcher = PlanWatcher(plan)
    watcher.render_once()
    save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))

    report = watcher.render_once()

    assert report.ok, report
    assert report.output is not None and report.output.read_bytes() == expected_docx(plan)


def test_first_write_keeps_an_existing_file_without_force(plan: Path) -> None:
    docx = plan.with_suffix(".docx")
    docx.write_bytes(b"the clerk's signed copy")

    report = PlanWatcher(plan).render_once()

    assert not report.ok and report.error is not None and "--force" in report.error
    assert docx.read_bytes() == b"the clerk's signed copy"
    assert PlanWatcher(plan, force=True).render_once().ok
    assert docx.read_bytes() == expected_docx(plan)


def test_a_file_someone_else_replaced_is_not_the_watchers_any_more(plan: Path) -> None:
    watcher = PlanWatcher(plan)
    watcher.render_once()
    docx = plan.with_suffix(".docx")
    save(docx, "edited in Word and saved over")
    save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))

    report = watcher.render_once()

    assert report.error is not None and "--force" in report.error
    assert docx.read_text(encoding="utf-8") == "edited in Word and saved over"


def test_errors_keep_the_last_good_docx(plan: Path) -> None:
    watcher = PlanWatcher(plan)
    good = watcher.render_once().output
    assert good is not None
    before = good.read_bytes()
    save(plan, edited('"   "'))

    report = watcher.render_once()

    assert report.output is None and not report.ok
    assert [(p.file, p.line) for p in report.problems if p.is_error] == [(str(plan), 19)]
    assert good.read_bytes() == before
    save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))
    assert watcher.render_once().ok


def test_a_save_that_changes_nothing_renders_nothing(plan: Path) -> None:
    watcher = PlanWatcher(plan)
    watcher.render_once()

    assert watcher.render_once(only_if_changed=True).unchanged


def test_a_missing_plan_is_a_report_not_an_exception(tmp_path: Path) -> None:
    report = PlanWatcher(tmp_path / "không có.yaml").render_once()

    assert report.error is not None and report.output is None


def test_the_plan_itself_is_never_the_output(plan: Path) -> None:
    with pytest.raises(OutputError):
        PlanWatcher(plan, plan)


@pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a POSIX script")
def test_pdf_with_one_libreoffice_for_the_whole_session(plan: Path, tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    os.environ["FAKE_SOFFICE_LOG"] = str(log)
    try:
        with pdf.open_office(soffice=fake_soffice.install(tmp_path)) as office:
            watcher = PlanWatcher(plan, office=office)
            first = watcher.render_once()
            save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))
            second = watcher.render_once()
    finally:
        del os.environ["FAKE_SOFFICE_LOG"]

    assert first.pdf == second.pdf == plan.with_suffix(".pdf")
    assert second.pdf is not None and second.pdf.read_bytes().startswith(b"%PDF")
    assert len(log.read_text().splitlines()) == 2


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_the_loop_renders_after_each_save(plan: Path, polling: bool) -> None:
    reports: queue.Queue[WatchReport] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(PlanWatcher(plan), reports.put), kwargs={"stop": stop, "polling": polling}
    )
    thread.start()
    try:
        assert reports.get(timeout=60).ok
        save(plan, edited('"   "'))
        assert not reports.get(timeout=60).ok
        save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))
        last = reports.get(timeout=60)
        assert last.ok and last.output is not None
        assert last.output.read_bytes() == expected_docx(plan)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is sent as SIGINT")
def test_cli_watch_renders_on_each_save_and_stops_on_ctrl_c(plan: Path) -> None:
    import signal
    import subprocess

    from bdg_plan import messages as msg

    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bdg_plan", "render", str(plan), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()], daemon=True)
    reader.start()

    def next_line(containing: str) -> str:
        while True:
            line = lines.get(timeout=60)
            if containing in line:
                return line

    try:
        assert str(plan) in next_line("Ctrl+C")
        assert str(plan.with_suffix(".docx")) in next_line("Đã tạo văn bản")
        save(plan, edited('"   "'))
        next_line("còn lỗi")
        save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))
        assert re.match(r"\[\d\d:\d\d:\d\d\] Đã tạo văn bản", next_line("Đã tạo văn bản"))
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        reader.join(timeout=10)
        rest = []
        while not lines.empty():
            rest.append(lines.get_nowait())
        assert msg.WATCH_STOPPED in "".join(rest)
    finally:
        process.kill()
        process.wait()
    assert plan.with_suffix(".docx").read_bytes() == expected_docx(plan)


# --- A watch that settles, reads only the clerk's file, and owns only its own output ------------
class _FakeObserver:
    def stop(self) -> None:
        pass

    def join(self, timeout: float | None = None) -> None:
        pass


def _run_with_events(
    watcher: PlanWatcher, monkeypatch: pytest.MonkeyPatch, events: int, between: Callable[[int], None]
) -> list[WatchReport]:
    """Run the loop with `events` fake file events, calling `between(n)` before the n-th."""
    from bdg_plan.commands import watch as watch_module

    changed: list[threading.Event] = []

    def fake_observer(path: Path, event: threading.Event, polling: bool) -> _FakeObserver:
        changed.append(event)
        return _FakeObserver()

    monkeypatch.setattr(watch_module, "_start_observer", fake_observer)
    monkeypatch.setattr(watch_module, "SETTLE_SECONDS", 0.0)
    reports: list[WatchReport] = []
    stop = threading.Event()
    rounds = threading.Semaphore(0)

    def on_report(report: WatchReport) -> None:
        reports.append(report)

    real_render_once = watcher.render_once

    def counted(*, only_if_changed: bool = False) -> WatchReport:
        try:
            return real_render_once(only_if_changed=only_if_changed)
        finally:
            rounds.release()

    monkeypatch.setattr(watcher, "render_once", counted)
    thread = threading.Thread(target=watch, args=(watcher, on_report), kwargs={"stop": stop})
    thread.start()
    assert rounds.acquire(timeout=60)  # the first round
    for number in range(events):
        between(number)
        changed[0].set()
        assert rounds.acquire(timeout=60)  # each event is one look at the plan
    stop.set()
    thread.join(60)
    return reports


def test_a_failed_write_is_reported_once_not_at_every_event(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = plan.with_suffix(".docx")
    lock = docx.with_name("~$" + docx.name)  # the .docx is open in Word
    lock.write_bytes(b"word")

    reports = _run_with_events(PlanWatcher(plan), monkeypatch, 100, lambda number: None)

    assert 1 <= len(reports) <= 3
    assert all(report.error is not None and "Word" in report.error for report in reports)
    assert not docx.exists()


def test_after_a_failed_write_the_next_change_of_the_plan_is_tried(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = plan.with_suffix(".docx")
    lock = docx.with_name("~$" + docx.name)
    lock.write_bytes(b"word")

    def between(number: int) -> None:
        if number == 50:  # Word closed, and the clerk saves a change
            lock.unlink()
            save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))

    reports = _run_with_events(PlanWatcher(plan), monkeypatch, 100, between)

    assert [report.ok for report in reports] == [False, True]
    assert docx.read_bytes() == expected_docx(plan)


def test_a_plan_too_large_is_reported_once(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bdg_plan.plan import source

    plan.write_bytes(b"#" * (source.MAX_FILE_BYTES + 1))

    reports = _run_with_events(PlanWatcher(plan), monkeypatch, 50, lambda number: None)

    assert len(reports) == 1 and reports[0].error is not None


@pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a POSIX script")
def test_an_existing_pdf_is_reported_once(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan.with_suffix(".pdf").write_bytes(b"signed copy")
    with pdf.open_office(soffice=fake_soffice.install(tmp_path)) as office:
        reports = _run_with_events(PlanWatcher(plan, office=office), monkeypatch, 50, lambda number: None)

    assert len(reports) == 1 and reports[0].error is not None and "--force" in reports[0].error
    assert plan.with_suffix(".pdf").read_bytes() == b"signed copy"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_plan_name_swapped_for_a_symlink_is_not_followed(plan: Path, tmp_path: Path) -> None:
    secret = tmp_path / "bí mật.yaml"
    secret.write_text(edited("Ủy ban nhân dân xã Bí Mật"), encoding="utf-8")
    watcher = PlanWatcher(plan)
    assert watcher.render_once().ok
    before = plan.with_suffix(".docx").read_bytes()
    plan.unlink()
    plan.symlink_to(secret)

    report = watcher.render_once(only_if_changed=True)

    assert report.error is not None and report.output is None
    assert " ".join(report.error.split()) == " ".join(msg.WATCH_PLAN_BECAME_LINK.format(file=plan).split())
    assert plan.with_suffix(".docx").read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_plan_named_through_the_clerk_s_own_link_is_read_from_its_file(plan: Path, tmp_path: Path) -> None:
    link = tmp_path / "lối tắt.yaml"
    link.symlink_to(plan)
    watcher = PlanWatcher(link, tmp_path / "out.docx")
    assert watcher.render_once().ok
    # The link is pointed elsewhere: the watcher keeps reading the file it resolved at the start.
    other = tmp_path / "khác.yaml"
    other.write_text(edited("Ủy ban nhân dân xã Khác"), encoding="utf-8")
    link.unlink()
    link.symlink_to(other)
    save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))

    assert watcher.render_once(only_if_changed=True).ok
    assert (tmp_path / "out.docx").read_bytes() == expected_docx(plan)


def test_an_edit_in_place_that_keeps_size_and_time_is_not_the_watchers_any_more(plan: Path) -> None:
    watcher = PlanWatcher(plan)
    watcher.render_once()
    docx = plan.with_suffix(".docx")
    before = os.stat(docx)
    _until_the_clock_moves_past(before.st_ctime_ns, plan.parent / "probe")
    data = bytearray(docx.read_bytes())
    data[-1] ^= 0xFF
    with open(docx, "r+b") as stream:  # the same inode, the same size
        stream.write(bytes(data))
    os.utime(docx, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    edited_bytes = docx.read_bytes()
    save(plan, edited("Ủy ban nhân dân xã Hồng Thái"))

    report = watcher.render_once()

    assert report.error is not None and "--force" in report.error
    assert docx.read_bytes() == edited_bytes


def _until_the_clock_moves_past(ctime_ns: int, probe: Path) -> None:
    """Wait until the file system's (coarse) clock stamps a change later than `ctime_ns`."""
    for _ in range(100_000):
        probe.write_bytes(b"")
        if os.stat(probe).st_ctime_ns > ctime_ns:
            break
    probe.unlink()
