"""`render --watch`: the clerk's edit loop. Re-validate and re-render each time the plan is saved.

`PlanWatcher.render_once` is one round over the pipeline (`bdg_plan.pipeline`, as `api` uses
it): read the plan, validate it, and when it has no errors write the .docx (and its PDF)
atomically; with errors the last good files stay in place. The first write follows the usual
rule (an existing file is kept unless `force`); after that the files this watcher wrote are its
own to replace, as long as nobody else has replaced them since (their size, time and inode are
what it wrote). A save that leaves the plan's bytes unchanged renders nothing.

`watch` waits for saves with watchdog (inotify, ReadDirectoryChangesW, FSEvents): it watches the
plan's folder, because editors save by writing a new file and renaming it over the old one, and
lets a burst of events settle before a round. Where the system's watcher cannot start (for
example the inotify watch limit is reached) it falls back to watchdog's polling observer.
Nothing here prints: each round's `WatchReport` goes to a callback the CLI draws.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bdg_plan import messages as msg
from bdg_plan import pipeline
from bdg_plan.errors import BdgPlanError, OutputError, Problem, has_errors
from bdg_plan.output import atomic_write
from bdg_plan.plan.source import read_source

if TYPE_CHECKING:
    from bdg_plan.office.libreoffice import Office

#: Seconds a burst of file events (write, rename, attribute change) is given to settle.
SETTLE_SECONDS = 0.15
#: Seconds between checks of the stop event while no file changes.
WAKE_SECONDS = 0.5


@dataclass(frozen=True)
class WatchReport:
    """One round: when, the plan's problems, what was written, and any failure that stopped it.

    `output` is None when nothing was written this round (errors in the plan, a failure, or a
    save that did not change the plan); `unchanged` is True in that last case.
    """

    time: dt.datetime
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None
    pdf: Path | None = None
    error: str | None = None
    unchanged: bool = False
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the plan is valid and its files are written."""
        return self.error is None and not has_errors(self.problems)


_Stamp = tuple[int, int, int, int]


def _stamp(path: Path) -> _Stamp | None:
    """What identifies a file's current version: device, inode, size and change time."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


class PlanWatcher:
    """Renders one plan file again and again, owning the files it wrote."""

    def __init__(
        self,
        plan_path: Path,
        output: Path | None = None,
        *,
        template_dir: Path | None = None,
        force: bool = False,
        office: Office | None = None,
    ) -> None:
        """Prepare to render `plan_path` into `output` (and its PDF with an `office`).

        Raises:
            OutputError: the output is the plan file itself.

        """
        self.plan_path = plan_path
        self.target = output or plan_path.with_suffix(".docx")
        if plan_path.is_file() and self.target.is_file() and self.target.samefile(plan_path):
            raise OutputError(msg.RENDER_SAME_FILE.format(file=self.target))
        self.template_dir = template_dir
        self.force = force
        self.office = office
        self._written: dict[Path, _Stamp | None] = {}
        self._last_source: bytes | None = None

    def render_once(self, *, only_if_changed: bool = False) -> WatchReport:
        """Validate the plan and, when it has no errors, write its files; never raises BdgPlanError."""
        now = dt.datetime.now()
        try:
            data = read_source(self.plan_path, str(self.plan_path))
        except BdgPlanError as exc:
            return WatchReport(now, error=exc.message)
        if only_if_changed and data == self._last_source:
            return WatchReport(now, unchanged=True)
        self._last_source = data
        result = pipeline.validate_bytes(data, str(self.plan_path))
        sources = {str(self.plan_path): result.source_text} if result.problems else {}
        if result.plan is None or has_errors(result.problems):
            return WatchReport(now, result.problems, sources=sources)
        try:
            document = pipeline.render_plan(result.plan, self.template_dir)
            self._publish(self.target, document)
            pdf = self._make_pdf() if self.office is not None else None
        except BdgPlanError as exc:
            self._last_source = None  # a failed write is retried at the next save, even unchanged
            return WatchReport(now, result.problems, error=exc.message, sources=sources)
        return WatchReport(now, result.problems, self.target, pdf, sources=sources)

    def _may_replace(self, target: Path) -> bool:
        """With `force`, or when the file there is still the one this watcher wrote."""
        return self.force or (target in self._written and _stamp(target) == self._written[target])

    def _publish(self, target: Path, data: bytes) -> None:
        atomic_write(target, data, force=self._may_replace(target))
        self._written[target] = _stamp(target)

    def _make_pdf(self) -> Path:
        from bdg_plan.office.pdf import PdfError, convert_many, pdf_path_for
        from bdg_plan.output import check_target

        assert self.office is not None
        target = pdf_path_for(self.target)
        check_target(target, force=self._may_replace(target))
        error = convert_many(self.office, [self.target])[0]
        if error is not None:
            raise PdfError(error)
        self._written[target] = _stamp(target)
        return target


def watch(
    watcher: PlanWatcher,
    on_report: Callable[[WatchReport], None],
    *,
    stop: threading.Event | None = None,
    polling: bool = False,
) -> None:
    """Render now, then after every save of the plan, until `stop` is set (or Ctrl+C).

    `polling` uses watchdog's polling observer instead of the system's file events.
    """
    stop = stop or threading.Event()
    changed = threading.Event()
    # Watch first, so a save made during the first round is not missed.
    observer = _start_observer(watcher.plan_path, changed, polling)
    try:
        on_report(watcher.render_once())
        while not stop.is_set():
            if not changed.wait(WAKE_SECONDS):
                continue
            # Let the editor finish its write-and-rename before reading the file.
            while changed.is_set() and not stop.is_set():
                changed.clear()
                stop.wait(SETTLE_SECONDS)
            if stop.is_set():
                break
            report = watcher.render_once(only_if_changed=True)
            if not report.unchanged:
                on_report(report)
    finally:
        observer.stop()
        observer.join(timeout=5)


def _start_observer(plan_path: Path, changed: threading.Event, polling: bool) -> Any:
    """Start watching the plan's folder; fall back to polling where file events are unavailable."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    folder = plan_path.resolve().parent
    name = os.path.normcase(plan_path.resolve().name)

    class _Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path and os.path.normcase(os.path.basename(os.fsdecode(path))) == name:
                    changed.set()

    for kind in (PollingObserver,) if polling else (Observer, PollingObserver):
        observer = kind(timeout=0.5) if kind is PollingObserver else kind()
        try:
            observer.schedule(_Handler(), str(folder), recursive=False)
            observer.start()
        except OSError:
            continue
        return observer
    raise BdgPlanError(msg.WATCH_CANNOT_WATCH.format(folder=folder))


__all__ = ["PlanWatcher", "WatchReport", "watch"]
