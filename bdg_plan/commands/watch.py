"""`render --watch`: the clerk's edit loop. Re-validate and re-render each time the plan is saved.

`PlanWatcher.render_once` is one round over the pipeline (`bdg_plan.pipeline`, as `api` uses
it): read the plan, validate it, and when it has no errors write the .docx (and its PDF)
atomically; with errors the last good files stay in place. The first write follows the usual
rule (an existing file is kept unless `force`); after that the files this watcher wrote are its
own to replace, as long as nobody else has replaced or edited them since (their inode, size,
modification and change times are what it wrote: an edit in place that restores the size and
the modification time still changes the change time).

A round runs only when the plan's bytes changed (their SHA-256), whatever the events: a failed
round (the .docx open in Word, a PDF already there, a plan too large) is reported once and
tried again at the next change of the plan, not at every event. The plan's path is resolved
once, at the start: a name later swapped for a symlink to a file the clerk did not name is
refused, never followed.

`watch` waits for saves with watchdog (inotify, ReadDirectoryChangesW, FSEvents): it watches the
plan's folder, because editors save by writing a new file and renaming it over the old one, and
lets a burst of events settle before a round. Where the system's watcher cannot start (for
example the inotify watch limit is reached) it falls back to watchdog's polling observer.
Nothing here prints: each round's `WatchReport` goes to a callback the CLI draws.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bdg_plan import messages as msg
from bdg_plan import pipeline
from bdg_plan.errors import BdgPlanError, InputFileError, OutputError, Problem, has_errors
from bdg_plan.output import atomic_write
from bdg_plan.plan.source import read_source

if TYPE_CHECKING:
    from bdg_plan.office.libreoffice import Office

#: Seconds a burst of file events (write, rename, attribute change) is given to settle.
SETTLE_SECONDS = 0.15
#: Seconds between checks of the stop event while no file changes.
WAKE_SECONDS = 0.5
#: Events that only say the plan was read (watchdog's inotify observer reports them).
_READS = frozenset({"opened", "closed_no_write"})


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


_Stamp = tuple[int, int, int, int, int]


def _stamp(path: Path) -> _Stamp | None:
    """What identifies a file's current version: device, inode, size, modification and change time."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


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
        # Resolved once: the file read at every round is the one the clerk named now.
        self.source = Path(os.path.realpath(plan_path))
        self.target = output or plan_path.with_suffix(".docx")
        if plan_path.is_file() and self.target.is_file() and self.target.samefile(plan_path):
            raise OutputError(msg.RENDER_SAME_FILE.format(file=self.target))
        self.template_dir = template_dir
        self.force = force
        self.office = office
        self._written: dict[Path, _Stamp | None] = {}
        self._last_round: object = None

    def _read(self) -> bytes:
        """The plan's bytes, from the path resolved at the start and never through a symlink.

        Raises:
            InputFileError: the plan cannot be read, or its name is now a symlink.

        """
        if _is_link(self.source):
            raise InputFileError(msg.WATCH_PLAN_BECAME_LINK.format(file=self.plan_path))
        data = read_source(self.source, str(self.plan_path))
        if _is_link(self.source):  # swapped while it was read
            raise InputFileError(msg.WATCH_PLAN_BECAME_LINK.format(file=self.plan_path))
        return data

    def render_once(self, *, only_if_changed: bool = False) -> WatchReport:
        """Validate the plan and, when it has no errors, write its files; never raises BdgPlanError.

        With `only_if_changed`, a plan whose bytes (or, unreadable, whose file and error) are
        those of the last round gives an `unchanged` report and does nothing.
        """
        now = dt.datetime.now()
        try:
            data = self._read()
        except BdgPlanError as exc:
            key: object = ("error", exc.message, _stamp(self.source))
            if only_if_changed and key == self._last_round:
                return WatchReport(now, unchanged=True)
            self._last_round = key
            return WatchReport(now, error=exc.message)
        key = hashlib.sha256(data).digest()
        if only_if_changed and key == self._last_round:
            return WatchReport(now, unchanged=True)
        self._last_round = key
        result = pipeline.validate_bytes(data, str(self.plan_path))
        sources = {str(self.plan_path): result.source_text} if result.problems else {}
        if result.plan is None or has_errors(result.problems):
            return WatchReport(now, result.problems, sources=sources)
        try:
            document = pipeline.render_plan(result.plan, self.template_dir)
            self._publish(self.target, document)
            pdf = self._make_pdf() if self.office is not None else None
        except BdgPlanError as exc:  # tried again when the plan changes, not at every event
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
        mine = self._may_replace(target)
        check_target(target, force=mine)
        error = convert_many(self.office, [self.target], force=mine)[0]
        if error is not None:
            raise PdfError(error)
        self._written[target] = _stamp(target)
        return target


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


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
    observer = _start_observer(watcher.source, changed, polling)
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
            if event.event_type in _READS:  # bdg-plan's own reading of the plan, or anyone's
                return
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
