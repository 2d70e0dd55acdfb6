"""The command line: a thin typer layer over `bdg_plan.api` that draws results and picks exit codes.

Exit codes: 0 success (warnings allowed), 1 invalid plan or failed command, 2 wrong usage.
Heavy modules (pydantic, python-docx, jinja2, markdown-it) are imported inside the commands that
need them, so `bdg-plan --help` starts fast.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bdg_plan.cli_help import VietnameseGroup

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


class OutputFormat(str, enum.Enum):
    """How problems are printed."""

    rich = "rich"
    plain = "plain"


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _fail(message: str, code: int = 1) -> typer.Exit:
    _console(stderr=True).print(f"[bold red]Lỗi:[/] {_escape(message)}")
    return typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def print_problems(problems: list[Problem], fmt: OutputFormat, sources: dict[str, str]) -> None:
    """Draw problems grouped by file, each with its source line (or one plain line each)."""
    if fmt is OutputFormat.plain:
        for problem in problems:
            sys.stdout.write(problem.plain() + "\n")
        return
    console = _console()
    current_file = None
    for problem in problems:
        if problem.file != current_file:
            current_file = problem.file
            console.print(f"\n[bold]{_escape(problem.file)}[/]")
        colour = "red" if problem.is_error else "yellow"
        console.print(
            f"  [{colour}]{problem.severity.label}[/] {problem.line}:{problem.column} "
            f"[dim]{problem.code}[/]  {_escape(problem.message)}"
        )
        lines = sources.get(problem.file, "").splitlines()
        if 0 < problem.line <= len(lines):
            source_line = lines[problem.line - 1]
            shown = source_line if len(source_line) <= 110 else source_line[:107] + "..."
            console.print(f"    [dim]{problem.line:>4} |[/] {_escape(shown)}")
            if problem.column <= len(shown):
                console.print(f"    [dim]     |[/] {' ' * (problem.column - 1)}[{colour}]^[/]")


def _summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo."


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Tệp kế hoạch .yaml cần kiểm tra (một hoặc nhiều tệp).", show_default=False),
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
            sources[name] = path.read_text(encoding="utf-8-sig", errors="replace")
    problems = sort_problems(problems)
    print_problems(problems, output_format, sources)
    failed = any(p.is_error for p in problems)
    if output_format is OutputFormat.rich:
        console = _console()
        console.print(_summary(problems, len(files)))
        if not failed:
            console.print("[green]Tệp kế hoạch hợp lệ.[/]")
    raise typer.Exit(1 if failed else 0)


@app.command("render")
def render_command(
    plan: Annotated[Path, typer.Argument(help="Tệp kế hoạch .yaml.", show_default=False)],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Tệp .docx cần tạo. Mặc định: cùng tên, cùng thư mục với tệp kế hoạch.",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Thư mục mẫu văn bản riêng (tìm ở đây trước, rồi đến bộ mẫu có sẵn).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp .docx đã có.")] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Cách in lỗi nếu tệp kế hoạch có lỗi."),
    ] = OutputFormat.rich,
) -> None:
    """Tạo văn bản Kế hoạch (.docx) đúng thể thức Nghị định 30/2020/NĐ-CP."""
    from bdg_plan import api
    from bdg_plan import messages as msg
    from bdg_plan.errors import BdgPlanError, InvalidPlanError

    try:
        result = api.render(plan, output, template_dir=templates, force=force)
    except InvalidPlanError as exc:
        sources = {str(plan): plan.read_text(encoding="utf-8-sig", errors="replace")}
        print_problems(exc.problems, output_format, sources)
        raise _fail(exc.message) from None
    except BdgPlanError as exc:
        raise _fail(exc.message, exc.exit_code) from None
    if result.problems:
        print_problems(
            result.problems,
            output_format,
            {str(plan): plan.read_text(encoding="utf-8-sig", errors="replace")},
        )
    _console().print(f"[green]{_escape(msg.RENDERED.format(file=result.output))}[/]")


@app.command("new-year")
def new_year_command(
    plan: Annotated[
        Path,
        typer.Argument(help="Tệp kế hoạch .yaml của năm cũ (tệp này không bị sửa).", show_default=False),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=1900,
            max=2200,
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
        sources = {str(plan): plan.read_text(encoding="utf-8-sig", errors="replace")}
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


def main() -> None:
    """Entry point of the `bdg-plan` console script."""
    app()


if __name__ == "__main__":
    main()
