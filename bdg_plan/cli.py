"""The command line: a thin typer layer over `bdg_plan.api` that draws results and picks exit codes.

Exit codes: 0 success (warnings allowed), 1 invalid plan or failed command, 2 wrong usage.
Heavy modules (pydantic, python-docx, jinja2, markdown-it) are imported inside the commands that
need them, so `bdg-plan --help` starts fast.
"""

from __future__ import annotations

import enum
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bdg_plan.cli_help import VietnameseGroup
from bdg_plan.limits import YEAR_MAX, YEAR_MIN

if TYPE_CHECKING:
    from rich.console import Console

    from bdg_plan.errors import Problem

app = typer.Typer(
    name="bdg-plan",
    help=(
        "Soạn Kế hoạch công tác bình đẳng giới cấp xã đúng thể thức Nghị định 30/2020/NĐ-CP từ một tệp YAML."
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    # Vietnamese help screens and usage errors for every command (typer prints English).
    cls=VietnameseGroup,
)


@app.callback()
def root() -> None:
    """Soạn Kế hoạch công tác bình đẳng giới cấp xã đúng thể thức Nghị định 30/2020/NĐ-CP."""


#: `--templates DIR`, shared by render and batch.
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="Thư mục mẫu văn bản riêng (tìm ở đây trước, rồi đến bộ mẫu có sẵn).",
        show_default=False,
    ),
]


class OutputFormat(str, enum.Enum):
    """How problems are printed."""

    rich = "rich"
    plain = "plain"


def _success(text: str) -> None:
    """Print a one-line success message in green, without importing rich (~40 ms at start-up)."""
    typer.secho(text, fg="green")


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _fail(message: str, code: int = 1) -> typer.Exit:
    _console(stderr=True).print(f"[bold red]Lỗi:[/] {_escape(printable(message))}")
    return typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


#: Characters never sent to the terminal as they are: controls (an escape sequence in a plan file
#: could recolour or clear the screen; a newline would split a `--format plain` record) and the
#: bidirectional controls that reorder what is shown. They are printed as escapes ("\\x1b").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
#: Line breaks as YAML counts them, so problem lines and shown lines agree.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with control and bidirectional characters written as escapes, safe for a terminal."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


def source_text(path: Path) -> str:
    """A plan file's text as the loader read it (decoded, NFC), to show its lines; "" if unreadable.

    Problem columns count characters of this text, so UTF-16 and NFD files line up too.
    """
    from bdg_plan.errors import BdgPlanError
    from bdg_plan.source import SourceText, decode_source, read_source

    try:
        decoded = decode_source(read_source(path), str(path))
    except BdgPlanError:
        return ""
    return decoded.text if isinstance(decoded, SourceText) else ""


def print_problems(problems: list[Problem], fmt: OutputFormat, sources: dict[str, str]) -> None:
    """Draw problems grouped by file, each with its source line (or one plain line each)."""
    if fmt is OutputFormat.plain:
        for problem in problems:
            sys.stdout.write(printable(problem.plain()) + "\n")
        return
    console = _console()
    current_file = None
    for problem in problems:
        if problem.file != current_file:
            current_file = problem.file
            console.print(f"\n[bold]{_escape(printable(problem.file))}[/]")
        colour = "red" if problem.is_error else "yellow"
        console.print(
            f"  [{colour}]{problem.severity.label}[/] {problem.line}:{problem.column} "
            f"[dim]{problem.code}[/]  {_escape(printable(problem.message))}"
        )
        lines = _LINE_BREAK.split(sources.get(problem.file, ""))
        if 0 < problem.line <= len(lines) and lines[problem.line - 1]:
            # A tab is one column for the loader: show it as one space so the caret lines up.
            source_line = printable(lines[problem.line - 1].replace("\t", " "))
            shown = source_line if len(source_line) <= 110 else source_line[:107] + "..."
            console.print(f"    [dim]{problem.line:>4} |[/] {_escape(shown)}")
            column = len(printable(lines[problem.line - 1][: problem.column - 1].replace("\t", " "))) + 1
            if column <= len(shown):
                console.print(f"    [dim]     |[/] {' ' * (column - 1)}[{colour}]^[/]")


def _summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo."


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP", help="Tệp kế hoạch .yaml cần kiểm tra (một hoặc nhiều tệp).", show_default=False
        ),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="Cách in lỗi: 'rich' (dễ đọc) hoặc 'plain' (tệp:dòng:cột: MÃ thông báo).",
        ),
    ] = OutputFormat.rich,
) -> None:
    """Kiểm tra tệp kế hoạch và báo mọi lỗi cùng lúc, kèm dòng và cột."""
    from bdg_plan import api
    from bdg_plan.errors import BdgPlanError, Problem, sort_problems

    problems: list[Problem] = []
    sources: dict[str, str] = {}
    for path in files:
        name = str(path)
        try:
            result = api.validate(path, name)
        except BdgPlanError as exc:
            problems.append(Problem(name, 0, 0, "input-file", exc.message))
            continue
        problems.extend(result.problems)
        if output_format is OutputFormat.rich and result.problems:
            sources[name] = source_text(path)
    problems = sort_problems(problems)
    print_problems(problems, output_format, sources)
    failed = any(p.is_error for p in problems)
    if output_format is OutputFormat.rich:
        typer.echo(_summary(problems, len(files)))
        if not failed:
            _success("Tệp kế hoạch hợp lệ.")
    raise typer.Exit(1 if failed else 0)


@app.command("render")
def render_command(
    plan: Annotated[Path, typer.Argument(metavar="TỆP", help="Tệp kế hoạch .yaml.", show_default=False)],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Tệp .docx cần tạo. Mặc định: cùng tên, cùng thư mục với tệp kế hoạch.",
            show_default=False,
        ),
    ] = None,
    templates: TemplatesOption = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp .docx (và .pdf) đã có.")] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Cách in lỗi nếu tệp kế hoạch có lỗi."),
    ] = OutputFormat.rich,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Tạo thêm bản PDF cạnh tệp .docx (cần LibreOffice).")
    ] = False,
) -> None:
    """Tạo văn bản Kế hoạch (.docx) đúng thể thức Nghị định 30/2020/NĐ-CP."""
    from bdg_plan import api
    from bdg_plan import messages as msg
    from bdg_plan.errors import BdgPlanError, InvalidPlanError

    try:
        if pdf and not force:
            _check_pdf_target(output or api.default_output(plan))
        result = api.render(plan, output, template_dir=templates, force=force)
    except InvalidPlanError as exc:
        sources = {str(plan): source_text(plan)}
        print_problems(exc.problems, output_format, sources)
        raise _fail(exc.message) from None
    except BdgPlanError as exc:
        raise _fail(exc.message, exc.exit_code) from None
    if result.problems:
        print_problems(
            result.problems,
            output_format,
            {str(plan): source_text(plan)},
        )
    _success(msg.RENDERED.format(file=result.output))
    if pdf:
        _make_pdf(result.output)


@app.command("new-year")
def new_year_command(
    plan: Annotated[
        Path,
        typer.Argument(
            metavar="TỆP", help="Tệp kế hoạch .yaml của năm cũ (tệp này không bị sửa).", show_default=False
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=YEAR_MIN,
            max=YEAR_MAX,
            help="Năm của kế hoạch mới. Mặc định: năm sau năm của kế hoạch cũ.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Tệp .yaml cần tạo. Mặc định: cùng thư mục với tệp cũ, năm trong tên tệp đổi "
                "sang năm mới (hoặc thêm '-<năm>')."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ xem trước các thay đổi, không ghi tệp nào.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp kết quả nếu đã có.")] = False,
) -> None:
    """Tạo kế hoạch năm mới từ kế hoạch năm cũ, giữ nguyên ghi chú và cách trình bày của tệp."""
    from rich.table import Table
    from rich.text import Text

    from bdg_plan import api
    from bdg_plan import messages as msg
    from bdg_plan.errors import BdgPlanError, InvalidPlanError

    try:
        result = api.new_year(plan, year, output, dry_run=dry_run, force=force)
    except InvalidPlanError as exc:
        sources = {str(plan): source_text(plan)}
        print_problems(exc.problems, OutputFormat.rich, sources)
        raise _fail(msg.NEW_YEAR_INVALID_INPUT) from None
    except BdgPlanError as exc:
        raise _fail(exc.message, exc.exit_code) from None
    console = _console()
    target = result.output_path or plan
    title = msg.NEW_YEAR_TITLE.format(
        old_year=result.old_year, new_year=result.new_year, source=plan, target=target
    )
    console.print(f"[bold]{_escape(title)}[/]")
    if result.changes:
        table = Table(title=msg.NEW_YEAR_CHANGES_TITLE, title_justify="left")
        table.add_column(msg.NEW_YEAR_COLUMN_PATH)
        table.add_column(msg.NEW_YEAR_COLUMN_LINE, justify="right")
        table.add_column(msg.NEW_YEAR_COLUMN_OLD)
        table.add_column(msg.NEW_YEAR_COLUMN_NEW)
        for change in result.changes:
            old = Text(change.old) if change.old else Text(msg.NEW_YEAR_ADDED_LINE, style="dim")
            table.add_row(Text(change.path), str(change.line), old, Text(change.new, style="green"))
        console.print(table)
    else:
        console.print(msg.NEW_YEAR_NO_CHANGES)
    if result.reviews:
        heading = msg.NEW_YEAR_REVIEWS_TITLE.format(count=len(result.reviews))
        console.print(f"\n[bold yellow]{_escape(heading)}[/]")
        for item in result.reviews:
            console.print(f"  [dim]{item.line:>4}[/] {_escape(item.path)}: {_escape(item.reason)}")
    else:
        console.print(msg.NEW_YEAR_NO_REVIEWS)
    if result.written:
        console.print(f"[green]{_escape(msg.NEW_YEAR_WRITTEN.format(year=result.new_year, file=target))}[/]")
        return
    console.print(msg.NEW_YEAR_DRY_RUN)
    if target.exists() and not force:
        console.print(f"[yellow]{_escape(msg.NEW_YEAR_DRY_RUN_EXISTS.format(file=target))}[/]")


def _check_pdf_target(docx: Path) -> None:
    """Refuse, before anything is written, a PDF that exists or is open (without --force)."""
    from bdg_plan.output import check_target
    from bdg_plan.pdf import pdf_path_for

    check_target(pdf_path_for(docx), force=False)


def _make_pdf(docx: Path) -> None:
    """Convert the .docx just written to PDF through LibreOffice, saying what happens."""
    from bdg_plan import messages as msg
    from bdg_plan.errors import BdgPlanError
    from bdg_plan.pdf import convert_to_pdf

    console = _console()
    console.print(_escape(msg.PDF_CONVERTING))
    try:
        target = convert_to_pdf(docx)
    except BdgPlanError as exc:
        raise _fail(exc.message, exc.exit_code) from None
    console.print(f"[green]{_escape(msg.PDF_CREATED.format(file=target))}[/]")


@app.command("init")
def init_command(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="TỆP",
            help="Tệp kế hoạch cần tạo. Mặc định: ke-hoach-<năm>.yaml trong thư mục hiện tại.",
            show_default=False,
        ),
    ] = None,
    xa: Annotated[
        str | None,
        typer.Option(
            "--xa",
            metavar="TÊN",
            help=(
                "Tên xã, ví dụ 'Hồng Phong'; phường, đặc khu thì ghi cả chữ đứng trước, "
                "ví dụ 'phường Đông Kinh'."
            ),
            show_default=False,
        ),
    ] = None,
    nam: Annotated[
        int | None,
        typer.Option(
            "--nam",
            metavar="NĂM",
            min=YEAR_MIN,
            max=YEAR_MAX,
            help="Năm kế hoạch. Mặc định: năm nay.",
            show_default=False,
        ),
    ] = None,
    nguoi_ky: Annotated[
        str | None,
        typer.Option("--nguoi-ky", metavar="HỌ_TÊN", help="Họ và tên người ký.", show_default=False),
    ] = None,
) -> None:
    """Tạo tệp kế hoạch mới để điền: có sẵn tên xã, năm và ghi chú hướng dẫn từng mục."""
    import datetime as dt

    from bdg_plan import init as starter
    from bdg_plan import messages as msg
    from bdg_plan.errors import BdgPlanError

    year = nam or dt.date.today().year
    target = file or Path(starter.default_file_name(year))
    text = starter.build_starter(year, xa, nguoi_ky, file_name=target.name)
    try:
        starter.write_new_file(target, text)
    except BdgPlanError as exc:
        raise _fail(exc.message, exc.exit_code) from None
    console = _console()
    console.print(f"[green]{_escape(msg.INIT_CREATED.format(file=target))}[/]")
    markers = starter.count_markers(text)
    if markers:
        console.print(f"[yellow]{_escape(msg.INIT_MARKERS_LEFT.format(count=markers))}[/]")
    shown = f'"{target}"' if " " in str(target) else str(target)
    console.print(_escape(msg.INIT_NEXT_STEPS.format(file=shown)))


@app.command("schema")
def schema_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Ghi lược đồ vào tệp này (ghi đè nếu đã có). Mặc định: in ra màn hình.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """In lược đồ JSON (JSON Schema) của tệp kế hoạch, để VS Code gợi ý khóa và báo lỗi khi soạn."""
    from bdg_plan import messages as msg
    from bdg_plan.errors import BdgPlanError
    from bdg_plan.output import atomic_write
    from bdg_plan.schema import schema_text

    text = schema_text()
    if output is None:
        # Bytes, not text: a Windows console redirected to a file would not take Vietnamese.
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            stream.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    if output.is_dir():
        raise _fail(msg.TARGET_IS_DIR.format(file=output))
    try:
        atomic_write(output, text.encode("utf-8"), force=True)
    except BdgPlanError as exc:
        raise _fail(exc.message, exc.exit_code) from None
    _console().print(f"[green]{_escape(msg.SCHEMA_WRITTEN.format(file=output))}[/]")


@app.command("batch")
def batch_command(
    base: Annotated[
        Path,
        typer.Argument(
            metavar="TỆP_GỐC", help="Kế hoạch gốc (.yaml), dùng chung cho mọi xã, phường.", show_default=False
        ),
    ],
    communes: Annotated[
        Path,
        typer.Argument(
            metavar="DANH_SÁCH",
            help=(
                "Danh sách xã, phường: tệp .csv (dòng đầu là tên cột, ví dụ 'Tên xã', 'Địa danh', "
                "'Người ký') hoặc tệp .yaml."
            ),
            show_default=False,
        ),
    ],
    outdir: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="THƯ_MỤC",
            help="Thư mục ghi các tệp .docx (tạo mới nếu chưa có).",
            show_default=False,
        ),
    ],
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Số tiến trình chạy song song. Mặc định: số lõi CPU.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ kiểm tra mọi xã, không ghi tệp nào.")
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Tạo thêm bản PDF cho mỗi xã (cần LibreOffice).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè các tệp đã có trong thư mục.")] = False,
    templates: TemplatesOption = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Cách in lỗi: 'rich' (bảng dễ đọc) hoặc 'plain' (tệp:dòng:cột)."),
    ] = OutputFormat.rich,
) -> None:
    """Tạo Kế hoạch cho nhiều xã, phường từ một kế hoạch gốc và một danh sách xã."""
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

    from bdg_plan import api
    from bdg_plan import messages as msg
    from bdg_plan.batch import BatchInputError, CommuneResult, default_jobs
    from bdg_plan.errors import BdgPlanError

    class RateColumn(ProgressColumn):
        """Documents per second, with a Vietnamese decimal comma."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(msg.BATCH_RATE.format(rate=f"{speed:.1f}".replace(".", ",")) if speed else "")

    console = _console()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        console=console,
    )
    tasks: list[TaskID] = []

    def start(total: int) -> None:
        workers = min(jobs or default_jobs(), max(total, 1))
        notice = msg.BATCH_STARTING_DRY if dry_run else msg.BATCH_STARTING
        console.print(_escape(printable(notice.format(count=total, base=base, jobs=workers))))
        progress.start()
        tasks.append(
            progress.add_task(msg.BATCH_PROGRESS_DRY if dry_run else msg.BATCH_PROGRESS, total=total)
        )

    def advance(_: CommuneResult) -> None:
        progress.advance(tasks[0])

    def sources(names: set[str]) -> dict[str, str]:
        if output_format is OutputFormat.plain:
            return {}
        return {
            name: source_text(Path(name))
            for name in names
            if name in (str(base), str(communes)) and Path(name).is_file()
        }

    try:
        result = api.render_batch(
            base,
            communes,
            outdir,
            jobs=jobs,
            dry_run=dry_run,
            force=force,
            pdf=pdf,
            template_dir=templates,
            on_start=start,
            on_result=advance,
        )
    except BatchInputError as exc:
        progress.stop()
        print_problems(exc.problems, output_format, sources({p.file for p in exc.problems}))
        raise _fail(exc.message) from None
    except BdgPlanError as exc:
        progress.stop()
        raise _fail(exc.message, exc.exit_code) from None
    progress.stop()
    if result.base_problems:
        print_problems(list(result.base_problems), output_format, sources({str(base)}))

    def reason(commune: CommuneResult) -> str:
        errors = [p for p in commune.problems if p.is_error]
        if commune.error is not None:
            return commune.error
        if errors:
            first = errors[0]
            text = f"{first.file}:{first.line}:{first.column} {first.message}"
            more = len(errors) - 1
            return f"{text} {msg.BATCH_MORE_PROBLEMS.format(count=more)}" if more else text
        warnings = len(commune.problems)
        return msg.BATCH_WARNINGS.format(count=warnings) if warnings else ""

    failed = [commune for commune in result.communes if not commune.ok]
    if output_format is OutputFormat.plain:
        for commune in result.communes:
            for problem in commune.problems:
                sys.stdout.write(printable(problem.plain()) + "\n")
            if commune.error is not None:
                sys.stdout.write(printable(f"{commune.output}: {commune.error}") + "\n")
    else:
        # Every commune when the batch is small; only the failures of a big one.
        shown = result.communes if len(result.communes) <= 50 else tuple(failed)
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
                    Text(commune.output.name),
                    Text(msg.BATCH_STATUS_OK, style="green")
                    if commune.ok
                    else Text(msg.BATCH_STATUS_FAILED, style="bold red"),
                    Text(printable(reason(commune))),
                )
            console.print(table)
        if len(shown) < len(result.communes):
            console.print(_escape(msg.BATCH_OK_ROWS_HIDDEN.format(count=len(result.communes) - len(shown))))
    ok = len(result.communes) - len(failed)
    if dry_run:
        done = msg.BATCH_DRY_DONE.format(ok=ok, failed=len(failed))
    else:
        done = msg.BATCH_DONE.format(ok=ok, failed=len(failed), folder=result.outdir)
    console.print(f"[{'red' if failed else 'green'}]{_escape(printable(done))}[/]")
    raise typer.Exit(1 if failed else 0)


def main() -> None:
    """Entry point of the `bdg-plan` console script."""
    app()


if __name__ == "__main__":
    main()
