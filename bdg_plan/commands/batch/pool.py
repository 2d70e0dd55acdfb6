"""Running a batch: the communes shared among worker processes, and what happened to each.

Each worker prepares the template environment and the base document once, in its initializer.
A bad commune never stops the others. A worker that dies (killed by the system for memory, say)
loses only its communes for a moment: they are run again, one at a time, in a new worker, and a
commune that fails twice is reported as failed; the others go on. A retried commune may replace
the files of its name that did not exist when the batch started: the dead worker wrote them.
An unexpected error in one commune is written with its traceback to the crash log, named in
that commune's result; a worker out of memory says so.

Stopping: Ctrl+C (or SIGTERM) stops the batch at once: the pending communes are cancelled and
each worker is told to stop (SIGTERM), which stops its LibreOffice and removes its profile.
Workers ignore Ctrl+C themselves, and on Linux die with the batch's own process (a parent-death
signal), so a batch killed outright leaves no worker, bridge or LibreOffice running. Nothing
here prints: progress goes to callbacks, and the result is a value the CLI draws.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import multiprocessing.util
import os
import shutil
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from bdg_plan import messages as msg
from bdg_plan.commands.batch.entries import CommuneEntry
from bdg_plan.commands.batch.localise import Rewritten
from bdg_plan.commands.batch.merge import check_commune
from bdg_plan.commands.batch.status import (
    LeftoverMention,
    ReportRow,
    Status,
    commune_status,
    report_bytes,
    report_path,
)
from bdg_plan.errors import BdgPlanError, OutputError, Problem, has_errors
from bdg_plan.plan.loader import LoadedDocument


@dataclass(frozen=True)
class CommuneResult:
    """What happened to one commune: its output file, problems, and any other failure."""

    number: int
    name: str | None
    output: Path
    problems: tuple[Problem, ...]
    error: str | None = None
    written: bool = False
    pdf: Path | None = None
    #: What was rewritten in the base's text for this commune (its own name for the base's).
    rewritten: tuple[Rewritten, ...] = ()
    #: The base commune's name still written in this commune's plan.
    leftover: LeftoverMention | None = None
    #: Why no PDF was made for a plan that is not ready to sign (without --nhap).
    pdf_skipped: bool = False

    @property
    def ok(self) -> bool:
        """True when the plan is valid and (unless dry-run) its files were written."""
        return self.error is None and not has_errors(self.problems)

    @property
    def status(self) -> Status:
        """The status: ready to sign ("đạt"), or what is missing (`batch.status`)."""
        return commune_status(self.problems, self.error, self.leftover)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: the command's options, passed as one value from the CLI to the workers."""

    jobs: int | None = None
    dry_run: bool = False
    force: bool = False
    pdf: bool = False
    template_dir: Path | None = None
    #: --nhap: make the PDF of a plan that is not ready to sign too (a draft to read).
    draft: bool = False


@dataclass(frozen=True)
class BatchStart:
    """What a batch is about to do: `capped_from` is the --jobs asked for when above the CPUs."""

    communes: int
    workers: int
    capped_from: int | None = None


@dataclass(frozen=True)
class BatchPlan:
    """A batch ready to run: the base plan, the communes and each one's output file."""

    base: LoadedDocument
    base_problems: tuple[Problem, ...]
    communes_name: str
    entries: tuple[CommuneEntry, ...]
    outputs: tuple[Path, ...]
    outdir: Path
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchResult:
    """Every commune's result, in the communes file's order, and the base plan's warnings."""

    base_problems: tuple[Problem, ...]
    communes: tuple[CommuneResult, ...]
    outdir: Path
    dry_run: bool
    sources: dict[str, str] = field(default_factory=dict)
    #: The report `ket-qua.csv` written into the output folder (None in a dry run, or when a file
    #: of that name was there and --force was not given: `report_error` says why).
    report: Path | None = None
    report_error: str | None = None

    @property
    def failed(self) -> int:
        """How many communes failed."""
        return sum(not result.ok for result in self.communes)

    def count(self, kind: str) -> int:
        """How many communes have this status kind ("đạt", "chưa đủ", "cần xem lại", "lỗi")."""
        return sum(result.status.kind == kind for result in self.communes)


@dataclass(frozen=True)
class _Setup:
    """What every worker needs, sent once to its initializer."""

    base: LoadedDocument
    base_problems: frozenset[Problem]
    communes_name: str
    options: BatchOptions
    office_dir: str | None = None
    resident_office: bool = False


_worker: dict[str, Any] = {}


class _Stopped(SystemExit):
    """Raised in a worker told to stop in the middle of a chunk: its files are cleaned up first."""


def _prepare(setup: _Setup) -> None:
    """Worker initializer: keep the setup and warm the caches every render uses.

    In a worker process also: ignore Ctrl+C (the batch's process stops the workers), stop
    cleanly on SIGTERM, and get SIGTERM when the batch's process dies.
    """
    _worker["setup"] = setup
    parent = multiprocessing.parent_process()
    if parent is not None and os.name == "posix":
        from bdg_plan.office.process_tree import die_with_parent

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _stop_worker)
        _worker["parent"] = parent.pid
        die_with_parent(signal.SIGTERM)
        if os.getppid() != parent.pid:  # it died before the request was made
            _stop_worker(signal.SIGTERM, None)
    if setup.options.dry_run:
        return
    from bdg_plan.compose.templating import template_environment
    from bdg_plan.docx.write.package import base_package

    template_dir = setup.options.template_dir
    template_environment(str(template_dir) if template_dir is not None else None)
    base_package()


def _stop_worker(number: int, frame: Any) -> None:
    """SIGTERM in a worker: stop at once; in the middle of a chunk, after its `finally` blocks."""
    if _worker.get("busy"):
        raise _Stopped(128 + number)
    _clean_up_worker()
    os._exit(128 + number)


def _clean_up_worker() -> None:
    """Stop this worker's LibreOffice and bridge, remove its profile (and, orphaned, the batch's)."""
    from bdg_plan.office.process_tree import stop_every_tree

    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        stop_every_tree()
        office = _worker.pop("office", None)
        if office is not None:
            office.close()  # may fail: its LibreOffice was just stopped
    finally:
        setup: _Setup | None = _worker.get("setup")
        if setup is not None and setup.office_dir is not None and os.getppid() != _worker.get("parent"):
            shutil.rmtree(setup.office_dir, ignore_errors=True)  # nobody else will remove it


def _run_chunk(jobs: list[tuple[CommuneEntry, Path]], own: bool = False) -> list[CommuneResult]:
    """The chunk's communes; with `own`, their files may be replaced (this batch wrote them)."""
    setup: _Setup = _worker["setup"]
    if own and not setup.options.force:
        setup = replace(setup, options=replace(setup.options, force=True))
    _worker["busy"] = True
    try:
        results = [process_commune(setup, entry, target) for entry, target in jobs]
        if setup.options.pdf and not setup.options.dry_run:
            results = _add_pdfs(setup, results)
    except _Stopped as stopped:
        _clean_up_worker()
        os._exit(stopped.code if isinstance(stopped.code, int) else 1)
    finally:
        _worker["busy"] = False
    return results


def _add_pdfs(setup: _Setup, results: list[CommuneResult]) -> list[CommuneResult]:
    """Convert the chunk's written .docx files to PDF.

    The worker keeps one LibreOffice for all its chunks (running between them where it can be,
    else one run per chunk); a commune whose PDF failed gets the reason as its error, the
    others are untouched.
    """
    from bdg_plan.office.pdf import convert_many, open_office, pdf_path_for

    # A plan not ready to sign gets no PDF to print by accident, unless --nhap asks for drafts.
    results = [
        replace(r, pdf_skipped=True)
        if r.ok and r.written and not r.status.ready and not setup.options.draft
        else r
        for r in results
    ]
    written = [result for result in results if result.ok and result.written and not result.pdf_skipped]
    if not written:
        return results
    try:
        if "office" not in _worker:
            folder = Path(setup.office_dir) if setup.office_dir is not None else None
            _worker["office"] = office = open_office(folder=folder)
            if multiprocessing.parent_process() is not None:
                # A worker process: stop its LibreOffice when it ends (also on Ctrl+C). With one
                # job the batch's own process closes it at the end of `run_batch`.
                multiprocessing.util.Finalize(office, office.close, exitpriority=10)
        errors = convert_many(
            _worker["office"], [result.output for result in written], force=setup.options.force
        )
    except BdgPlanError as exc:
        errors = [exc.message] * len(written)
    outcome = {
        result.number: replace(result, pdf=pdf_path_for(result.output))
        if error is None
        else replace(result, error=error)
        for result, error in zip(written, errors, strict=True)
    }
    return [outcome.get(result.number, result) for result in results]


def process_commune(setup: _Setup, entry: CommuneEntry, target: Path) -> CommuneResult:
    """Validate one commune's merged plan and, unless dry-run, render and save it."""
    try:
        checked = check_commune(setup.base, setup.base_problems, setup.communes_name, entry)
    except Exception as exc:  # a bug in one commune must not lose the others
        return CommuneResult(entry.number, entry.name, target, entry.problems, _unexpected(exc))
    found, plan = checked.problems, checked.plan
    result = CommuneResult(
        entry.number, entry.name, target, found, rewritten=checked.rewritten, leftover=checked.leftover
    )
    if plan is None or setup.options.dry_run:
        return result
    written = False
    try:
        from bdg_plan.output import atomic_write, check_target
        from bdg_plan.pipeline import render_plan

        check_target(target, force=setup.options.force)
        if setup.options.pdf:
            check_target(target.with_suffix(".pdf"), force=setup.options.force)
        atomic_write(target, render_plan(plan, setup.options.template_dir), force=setup.options.force)
        written = True
    except BdgPlanError as exc:
        return replace(result, error=exc.message, written=written)
    except Exception as exc:  # as above
        return replace(result, error=_unexpected(exc), written=written)
    # Its PDF, if asked for, is made with the rest of its chunk (`_add_pdfs`).
    return replace(result, written=True)


def _unexpected(exc: Exception) -> str:
    """A commune's reason for an exception nobody expected: memory, or a bug with its crash log."""
    if isinstance(exc, MemoryError):
        return msg.BATCH_COMMUNE_OUT_OF_MEMORY
    from bdg_plan.crash import write_crash_log

    detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
    log = write_crash_log(exc)
    if log is None:
        return msg.BATCH_INTERNAL_ERROR.format(kind=type(exc).__name__, detail=detail)
    return msg.BATCH_INTERNAL_ERROR_LOGGED.format(kind=type(exc).__name__, detail=detail, log=log)


def _pdf_converter() -> Callable[[Path], Path]:
    """`bdg_plan.office.pdf.convert_to_pdf`, or a clear error when this build has no PDF module."""
    try:
        module = importlib.import_module("bdg_plan.office.pdf")
    except ModuleNotFoundError as exc:
        if exc.name != "bdg_plan.office.pdf":
            raise
        raise BdgPlanError(msg.BATCH_PDF_UNAVAILABLE) from None
    return cast(Callable[[Path], Path], module.convert_to_pdf)


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(
    plan: BatchPlan,
    options: BatchOptions,
    *,
    on_start: Callable[[BatchStart], None] | None = None,
    on_result: Callable[[CommuneResult], None] | None = None,
) -> BatchResult:
    """Validate every commune and, unless dry-run, render each valid one into `plan.outdir`.

    With more than one worker the communes are shared among worker processes. `on_start` is
    called once before the work, `on_result` in this process as each commune finishes.

    Raises:
        BdgPlanError: --pdf without the PDF module, or the output folder cannot be made.

    """
    pdf = options.pdf and not options.dry_run
    resident = False
    if pdf:
        _pdf_converter()
        from bdg_plan.office.pdf import keeps_office_running

        resident = keeps_office_running()
    if not options.dry_run:
        make_folder(plan.outdir)
    # The workers' LibreOffice profiles, removed with everything in it when the batch ends.
    office_dir = tempfile.mkdtemp(prefix="bdg-plan-batch-") if pdf else None
    setup = _Setup(
        plan.base, frozenset(plan.base_problems), plan.communes_name, options, office_dir, resident
    )
    work = list(zip(plan.entries, plan.outputs, strict=True))
    workers, capped_from = _workers_for(options, len(work))
    if on_start is not None:
        on_start(BatchStart(len(work), workers, capped_from))
    results: list[CommuneResult] = []

    def collect(done: Iterable[CommuneResult]) -> None:
        for result in done:
            results.append(result)
            if on_result is not None:
                on_result(result)

    try:
        with _sigterm_stops_the_batch():
            if workers == 1:
                _prepare(setup)
                for chunk in _chunks(work, workers, pdf and not resident):
                    collect(_run_chunk(chunk))
            else:
                _run_in_workers(setup, work, workers, collect)
    finally:
        office = _worker.pop("office", None)
        if office is not None:
            office.close()
        if office_dir is not None:
            shutil.rmtree(office_dir, ignore_errors=True)
    results.sort(key=lambda result: result.number)
    done = BatchResult(plan.base_problems, tuple(results), plan.outdir, options.dry_run, plan.sources)
    return done if options.dry_run else _with_report(done, force=options.force)


def _with_report(result: BatchResult, *, force: bool) -> BatchResult:
    """Write `ket-qua.csv` into the output folder: one row per commune, its status and problems."""
    from bdg_plan.output import atomic_write

    rows = [
        ReportRow(c.number, c.name or msg.BATCH_UNNAMED.format(number=c.number), c.output.name, c.status)
        for c in result.communes
    ]
    path = report_path(result.outdir)
    try:
        atomic_write(path, report_bytes(rows), force=force)
    except BdgPlanError as exc:
        return replace(result, report_error=exc.message)
    return replace(result, report=path)


@contextlib.contextmanager
def _sigterm_stops_the_batch() -> Iterator[None]:
    """While the batch runs, SIGTERM unwinds it as Ctrl+C does (workers stopped, folders removed).

    Only in the main thread, where Python can set a signal handler.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def stop(number: int, frame: Any) -> None:
        raise SystemExit(128 + number)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _chunks(work: Work, workers: int, pdf_runs: bool) -> list[Work]:
    """Split the work into chunks.

    Small chunks amortise the inter-process traffic and keep progress moving; with PDFs made by
    one LibreOffice run per chunk, large ones (about a third of a worker's share, at most 48)
    amortise each LibreOffice start (about 2 s) over many documents. A LibreOffice kept running
    needs no large chunks.
    """
    if pdf_runs:
        size = max(1, min(48, -(-len(work) // (workers * 3))))
    else:
        size = 1 if workers == 1 else max(1, min(32, len(work) // (workers * 8)))
    return [work[start : start + size] for start in range(0, len(work), size)]


#: Communes with their output files, as handed to the workers.
Work = list[tuple[CommuneEntry, Path]]


def _run_in_workers(
    setup: _Setup, work: Work, workers: int, collect: Callable[[Iterable[CommuneResult]], None]
) -> None:
    pdf_runs = setup.options.pdf and not setup.options.dry_run and not setup.resident_office
    chunks = _chunks(work, workers, pdf_runs)
    # A commune's files that exist now are not this batch's: a retry may replace only the others.
    existed = {target for _, target in work if _exists(target) or _exists(target.with_suffix(".pdf"))}
    lost = _run_pool(setup, chunks, workers, collect)
    if lost:
        _retry_one_by_one(setup, lost, collect, existed)


def _workers_for(options: BatchOptions, communes: int) -> tuple[int, int | None]:
    """How many workers: the --jobs asked for within the CPUs, the communes and the memory.

    Also the --jobs asked for when it was above the CPUs (None otherwise).
    """
    cpus = default_jobs()
    wanted = options.jobs or cpus
    workers = max(1, min(wanted, cpus, communes))
    if workers > 1 and _tight_memory():
        workers = 1
    return workers, wanted if wanted > cpus else None


def _tight_memory() -> bool:
    """True under an address-space ceiling too low for a pool of workers (see facts.limits)."""
    from bdg_plan.facts.limits import MIN_POOL_ADDRESS_SPACE, address_space_limit

    limit = address_space_limit()
    return limit is not None and limit < MIN_POOL_ADDRESS_SPACE


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and tell every worker to stop now (SIGTERM: it cleans up)."""
    processes = dict(getattr(pool, "_processes", None) or {})
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        with contextlib.suppress(Exception):
            process.terminate()


def _run_pool(
    setup: _Setup, chunks: list[Work], workers: int, collect: Callable[[Iterable[CommuneResult]], None]
) -> Work:
    """Run the chunks in a pool; return the communes of the chunks a dead worker took with it.

    When a worker dies the pool breaks and every chunk not finished by then fails with it.
    """
    lost: Work = []
    with ProcessPoolExecutor(workers, initializer=_prepare, initargs=(setup,)) as pool:
        try:
            pending: dict[Future[list[CommuneResult]], Work] = {
                pool.submit(_run_chunk, chunk): chunk for chunk in chunks
            }
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        lost.extend(chunk)
                        continue
                    collect(results)
        except BaseException:  # Ctrl+C, SIGTERM: no new commune starts, running ones stop
            _stop_pool(pool)
            raise
    return lost


def _retry_one_by_one(
    setup: _Setup, lost: Work, collect: Callable[[Iterable[CommuneResult]], None], existed: set[Path]
) -> None:
    """Run each lost commune again, alone, in a fresh worker; one that kills it again fails.

    One at a time, so a second death names its commune exactly and costs no other commune. The
    files of a commune that did not exist when the batch started (`existed`) were written by the
    worker that died: the retry replaces them.
    """
    pool: ProcessPoolExecutor | None = None
    try:
        for entry, target in lost:
            if pool is None:
                pool = ProcessPoolExecutor(1, initializer=_prepare, initargs=(setup,))
            try:
                own = target not in existed
                collect(pool.submit(_run_chunk, [(entry, target)], own).result())
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                pool = None
                died = msg.BATCH_COMMUNE_WORKER_DIED
                collect([CommuneResult(entry.number, entry.name, target, entry.problems, died)])
    except BaseException:
        if pool is not None:
            _stop_pool(pool)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def make_folder(folder: Path) -> None:
    """Make the output folder (and its parents); a file in its place or a failure is an OutputError."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(msg.BATCH_OUTDIR_NOT_DIR.format(folder=folder), path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(msg.BATCH_OUTDIR_FAILED.format(folder=folder, reason=exc.strerror or exc)) from None
