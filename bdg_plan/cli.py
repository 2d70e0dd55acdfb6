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

if TYPE_CHECKING:
    from rich.console import Console

    from bdg_plan.errors import Problem

app = typer.Typer(
    name="bdg-plan",
    help=(
        "Soạn Kế hoạch công tác bình đẳng giới cấp xã đúng thể thức Nghị định 30/2020/NĐ-CP "
        "từ một tệp YAML."
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
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


def main() -> None:
    """Entry point of the `bdg-plan` console script."""
    app()


if __name__ == "__main__":
    main()
