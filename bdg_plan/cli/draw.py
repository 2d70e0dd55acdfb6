"""Drawing the commands' results on the terminal: problems with their source lines, tables, progress.

Only the CLI imports this module, inside its commands (rich costs ~40 ms at start-up). Every text
from a file (names, messages, source lines) goes through `printable` and is given to rich as text,
never as markup, so a plan file cannot recolour or clear the screen.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from bdg_plan import messages as msg
from bdg_plan.cli.text import (  # re-exported: the plain lines live where rich is not imported
    OutputFormat,
    print_success,
    printable,
)

if TYPE_CHECKING:
    from pathlib import Path

    from bdg_plan.api import (
        BatchResult,
        BatchStart,
        CommuneResult,
        NewYearResult,
        Problem,
        StarterResult,
        WatchReport,
    )

#: Line breaks as the loader counts them (as an editor does: U+2028, U+2029 and NEL end no line),
#: so problem lines and shown lines agree.
_LINE_BREAK = re.compile("\r\n|[\r\n]")
#: A source line longer than this is cut when shown under its problem.
_SHOWN_LINE_MAX = 110
#: A batch table lists every commune up to this many; above it, only the failures.
_BATCH_TABLE_ALL = 50


def console(stderr: bool = False) -> Console:
    """A console that neither highlights nor wraps what the clerk wrote."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_error(message: str) -> None:
    """Print "Lỗi: ..." on standard error."""
    console(stderr=True).print(f"[bold red]{msg.ERROR_PREFIX}[/] {escape(printable(message))}")


def write_stdout_utf8(text: str) -> None:
    """Write text as UTF-8 bytes: a Windows console redirected to a file would not take Vietnamese."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
    else:
        stream.write(text.encode("utf-8"))
    sys.stdout.flush()


def print_watch_report(report: WatchReport, fmt: OutputFormat | None) -> None:
    """One round of `render --watch`: its problems, then what was made (with the time) or why not."""
    time = report.time.strftime("%H:%M:%S")
    print_problems(report.problems, fmt, report.sources)
    if report.error is not None:
        console(stderr=True).print(
            f"[bold red]{escape(printable(msg.WATCH_FAILED.format(time=time, message=report.error)))}[/]"
        )
    elif report.output is None:
        typer.secho(printable(msg.WATCH_INVALID.format(time=time)), fg="yellow")
    else:
        print_success(msg.WATCH_RENDERED.format(time=time, file=report.output))
        if report.pdf is not None:
            print_success(msg.WATCH_PDF_RENDERED.format(time=time, file=report.pdf))


# --- Problems ---------------------------------------------------------------------------------
def print_problems(problems: list[Problem], fmt: OutputFormat | None, sources: dict[str, str]) -> None:
    """Draw problems grouped by file, each with its source line (or one plain line each)."""
    if fmt is OutputFormat.plain:
        for problem in problems:
            sys.stdout.write(printable(problem.plain()) + "\n")
        return
    out = console()
    current_file = None
    for problem in problems:
        if problem.file != current_file:
            current_file = problem.file
            out.print(f"\n[bold]{escape(printable(problem.file))}[/]")
        colour = {"error": "red", "warning": "yellow"}.get(problem.severity.value, "cyan")
        out.print(
            f"  [{colour}]{problem.severity.label}[/] {problem.line}:{problem.column} "
            f"[dim]{problem.code}[/]  {escape(printable(problem.message))}"
        )
        _print_source_line(out, problem, sources.get(problem.file, ""), colour)


def _print_source_line(out: Console, problem: Problem, text: str, colour: str) -> None:
    """The problem's line of the file, and a caret under its column."""
    lines = _LINE_BREAK.split(text)
    if not 0 < problem.line <= len(lines) or not lines[problem.line - 1]:
        return
    line = lines[problem.line - 1]
    # A tab is one column for the loader: show it as one space so the caret lines up.
    source_line = printable(line.replace("\t", " "))
    cut = _SHOWN_LINE_MAX
    shown = source_line if len(source_line) <= cut else source_line[: cut - 3] + "..."
    out.print(f"    [dim]{problem.line:>4} |[/] {escape(shown)}")
    column = len(printable(line[: problem.column - 1].replace("\t", " "))) + 1
    if column <= len(shown):
        out.print(f"    [dim]     |[/] {' ' * (column - 1)}[{colour}]^[/]")


# --- init and new-year ------------------------------------------------------------------------
def print_starter(result: StarterResult) -> None:
    """What `init` wrote, how many markers are left, and the next steps."""
    out = console()
    out.print(f"[green]{escape(printable(msg.INIT_CREATED.format(file=result.path)))}[/]")
    if result.markers:
        out.print(f"[yellow]{escape(msg.INIT_MARKERS_LEFT.format(count=result.markers))}[/]")
    shown = f'"{result.path}"' if " " in str(result.path) else str(result.path)
    out.print(escape(msg.INIT_NEXT_STEPS.format(file=printable(shown))))


def print_new_year(result: NewYearResult, source: Path, *, force: bool) -> None:
    """The new-year report: the changes made, the places to review, and what was written."""
    out = console()
    target = result.output_path or source
    title = msg.NEW_YEAR_TITLE.format(
        old_year=result.old_year, new_year=result.new_year, source=source, target=target
    )
    out.print(f"[bold]{escape(printable(title))}[/]")
    if result.changes:
        table = Table(title=msg.NEW_YEAR_CHANGES_TITLE, title_justify="left")
        table.add_column(msg.NEW_YEAR_COLUMN_PATH)
        table.add_column(msg.NEW_YEAR_COLUMN_LINE, justify="right")
        table.add_column(msg.NEW_YEAR_COLUMN_OLD)
        table.add_column(msg.NEW_YEAR_COLUMN_NEW)
        for change in result.changes:
            old = Text(change.old) if change.old else Text(msg.NEW_YEAR_ADDED_LINE, style="dim")
            table.add_row(Text(change.path), str(change.line), old, Text(change.new, style="green"))
        out.print(table)
    else:
        out.print(msg.NEW_YEAR_NO_CHANGES)
    if result.reviews:
        heading = msg.NEW_YEAR_REVIEWS_TITLE.format(count=len(result.reviews))
        out.print(f"\n[bold yellow]{escape(heading)}[/]")
        for item in result.reviews:
            out.print(f"  [dim]{item.line:>4}[/] {escape(item.path)}: {escape(item.reason)}")
    else:
        out.print(msg.NEW_YEAR_NO_REVIEWS)
    if result.written:
        written = msg.NEW_YEAR_WRITTEN.format(year=result.new_year, file=target)
        out.print(f"[green]{escape(printable(written))}[/]")
        return
    out.print(msg.NEW_YEAR_DRY_RUN)
    if target.exists() and not force:
        out.print(f"[yellow]{escape(printable(msg.NEW_YEAR_DRY_RUN_EXISTS.format(file=target)))}[/]")


# --- batch ------------------------------------------------------------------------------------
class _RateColumn(ProgressColumn):
    """Documents per second, with a Vietnamese decimal comma."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(msg.BATCH_RATE.format(rate=f"{speed:.1f}".replace(".", ",")) if speed else "")


class BatchProgress:
    """The batch's start line and progress bar, fed by `render_batch`'s callbacks.

    Used as a context manager, so the bar stops (and the terminal is restored) whatever happens.
    """

    def __init__(self, base: Path, *, dry_run: bool) -> None:
        self.base = base
        self.dry_run = dry_run
        self.console = console()
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, start: BatchStart) -> None:
        """Say what is about to happen (and when --jobs was capped), then show the bar."""
        if start.capped_from is not None:
            notice = msg.BATCH_JOBS_CAPPED.format(asked=start.capped_from, workers=start.workers)
            self.console.print(f"[yellow]{escape(notice)}[/]")
        notice = msg.BATCH_STARTING_DRY if self.dry_run else msg.BATCH_STARTING
        text = notice.format(count=start.communes, base=self.base, jobs=start.workers)
        self.console.print(escape(printable(text)))
        self.progress.start()
        label = msg.BATCH_PROGRESS_DRY if self.dry_run else msg.BATCH_PROGRESS
        self.task = self.progress.add_task(label, total=start.communes)

    def advance(self, _: CommuneResult) -> None:
        """One more commune done."""
        if self.task is not None:
            self.progress.advance(self.task)


def _reason(commune: CommuneResult) -> str:
    """The batch table's last column: the failure, the first error (and how many more), or warnings."""
    if commune.error is not None:
        return commune.error
    errors = [p for p in commune.problems if p.is_error]
    if errors:
        first = errors[0]
        text = f"{first.file}:{first.line}:{first.column} {first.message}"
        more = len(errors) - 1
        return f"{text} {msg.BATCH_MORE_PROBLEMS.format(count=more)}" if more else text
    warnings = len(commune.problems)
    return msg.BATCH_WARNINGS.format(count=warnings) if warnings else ""


def print_batch(result: BatchResult, fmt: OutputFormat) -> int:
    """Draw the base plan's warnings, every commune's result and the closing line; return failures."""
    out = console()
    if result.base_problems:
        print_problems(list(result.base_problems), fmt, result.sources)
    failed = [commune for commune in result.communes if not commune.ok]
    if fmt is OutputFormat.plain:
        for commune in result.communes:
            for problem in commune.problems:
                sys.stdout.write(printable(problem.plain()) + "\n")
            if commune.error is not None:
                sys.stdout.write(printable(f"{commune.output}: {commune.error}") + "\n")
    else:
        _print_batch_table(out, result.communes, failed)
    ok = len(result.communes) - len(failed)
    if result.dry_run:
        done = msg.BATCH_DRY_DONE.format(ok=ok, failed=len(failed))
    else:
        done = msg.BATCH_DONE.format(ok=ok, failed=len(failed), folder=result.outdir)
    out.print(f"[{'red' if failed else 'green'}]{escape(printable(done))}[/]")
    return len(failed)


def _print_batch_table(out: Console, communes: Any, failed: list[CommuneResult]) -> None:
    # Every commune when the batch is small; only the failures of a big one.
    shown = communes if len(communes) <= _BATCH_TABLE_ALL else tuple(failed)
    if shown:
        table = Table(title=msg.BATCH_TABLE_TITLE, show_lines=False)
        table.add_column(msg.BATCH_COL_NUMBER, justify="right")
        table.add_column(msg.BATCH_COL_NAME)
        table.add_column(msg.BATCH_COL_FILE)
        table.add_column(msg.BATCH_COL_STATUS)
        table.add_column(msg.BATCH_COL_REASON)
        for commune in shown:
            # Text, not markup: names and messages are the clerk's text ("[", control characters).
            table.add_row(
                str(commune.number),
                Text(printable(commune.name or msg.BATCH_UNNAMED.format(number=commune.number))),
                Text(printable(commune.output.name)),
                Text(msg.BATCH_STATUS_OK, style="green")
                if commune.ok
                else Text(msg.BATCH_STATUS_FAILED, style="bold red"),
                Text(printable(_reason(commune))),
            )
        out.print(table)
    if len(shown) < len(communes):
        out.print(escape(msg.BATCH_OK_ROWS_HIDDEN.format(count=len(communes) - len(shown))))
