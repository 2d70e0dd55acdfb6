"""The command line: parses arguments, calls `bdg_plan.api`, and hands results to `cli_draw`.

Exit codes: 0 success (warnings allowed), 1 invalid input or failed command, 2 wrong usage.
Errors have one door: `BdgPlanGroup.invoke` turns the project's exceptions (`errors.py`) into a
Vietnamese message and their exit code, and anything unexpected into an "internal error" message
with the path of a crash log; a clerk never sees a traceback. Commands therefore catch nothing.

Options shared by several commands are `Annotated` aliases declared once below. Heavy modules
(pydantic, python-docx, jinja2, rich) load inside the commands, so `bdg-plan --help` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bdg_plan import messages as msg
from bdg_plan.cli.help import CONTROL_FLOW, VietnameseGroup
from bdg_plan.cli.text import (
    FORMAT_KEY,
    OutputFormat,
    PlanKind,
    print_note,
    print_success,
    print_validation_summary,
    printable,
)
from bdg_plan.facts.limits import YEAR_MAX, YEAR_MIN

if TYPE_CHECKING:
    from typer._click.core import Context

    from bdg_plan import api
else:

    class _Api:
        """`bdg_plan.api`, imported when a command first uses it: `--help` never needs it."""

        def __getattr__(self, name: str) -> Any:
            from bdg_plan import api as module

            return getattr(module, name)

    api = _Api()


class BdgPlanGroup(VietnameseGroup):
    """The `bdg-plan` group, whose `invoke` is the CLI's one error boundary."""

    def invoke(self, ctx: Context) -> Any:
        """Run the subcommand; map every exception it raises to a message and an exit code."""
        try:
            return super().invoke(ctx)
        except CONTROL_FLOW:
            raise
        except api.BdgPlanError as exc:
            from bdg_plan.cli import draw as cli_draw

            if isinstance(exc, api.InvalidPlanError):
                cli_draw.print_problems(exc.problems, ctx.meta.get(FORMAT_KEY), exc.sources)
            cli_draw.print_error(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(msg.INTERRUPTED, err=True)
            raise typer.Exit(130) from None
        except MemoryError:
            typer.echo(f"{msg.ERROR_PREFIX} {msg.OUT_OF_MEMORY}", err=True)
            raise typer.Exit(1) from None
        except Exception as exc:
            sentence = api.name_failure_message(exc, sys.argv[1:])
            if sentence is None:
                _internal_error(exc)
            else:
                typer.echo(printable(f"{msg.ERROR_PREFIX} {sentence}"), err=True)
            raise typer.Exit(1) from None


def _internal_error(exc: Exception) -> None:
    """Report a bug: one sentence, and the traceback in a crash log."""
    log = api.write_crash_log(exc)
    kind = type(exc).__name__
    if log is None:
        text = msg.INTERNAL_ERROR_NO_LOG.format(kind=kind, detail=exc)
    else:
        text = msg.INTERNAL_ERROR.format(kind=kind, log=log)
    typer.echo(printable(f"{msg.ERROR_PREFIX} {text}"), err=True)


_APP_SETTINGS: dict[str, Any] = {
    "name": "bdg-plan",
    "help": msg.CLI_APP_HELP,
    "no_args_is_help": True,
    "add_completion": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "rich_markup_mode": None,
    # Vietnamese help screens and usage errors, and the error boundary, for every command.
    "cls": BdgPlanGroup,
}

app = typer.Typer(**_APP_SETTINGS)


def _print_version(value: bool) -> None:
    """`--version`: the package's own version (no package metadata is read), then exit."""
    if value:
        from bdg_plan import __version__

        typer.echo(msg.VERSION_LINE.format(version=__version__))
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help=msg.HELP_VERSION, callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Soạn Kế hoạch công tác bình đẳng giới cấp xã đúng thể thức Nghị định 30/2020/NĐ-CP."""


# --- Shared options ---------------------------------------------------------------------------
def _remember_format(ctx: typer.Context, value: OutputFormat) -> str:
    """Keep --format where the error boundary finds it, to draw an error's problems the same way."""
    ctx.meta[FORMAT_KEY] = value
    # typer converts what a callback returns to the enum again, from its plain value.
    return value.value


def _format_option(help_text: str) -> Any:
    return typer.Option("--format", "-f", help=help_text, callback=_remember_format)


def _year_option(help_text: str) -> Any:
    # `--nam` in every command; `--year` stays for scripts written before.
    return typer.Option(
        "--nam",
        "--year",
        metavar=msg.METAVAR_YEAR,
        min=YEAR_MIN,
        max=YEAR_MAX,
        help=help_text,
        show_default=False,
    )


def _output_option(help_text: str, metavar: str | None = None) -> Any:
    return typer.Option("--output", "-o", metavar=metavar, help=help_text, show_default=False)


PlanArgument = Annotated[
    Path, typer.Argument(metavar=msg.METAVAR_FILE, help=msg.HELP_PLAN, show_default=False)
]
FormatOption = Annotated[OutputFormat, _format_option(msg.HELP_FORMAT)]
TemplatesOption = Annotated[
    Path | None, typer.Option("--templates", help=msg.HELP_TEMPLATES, show_default=False)
]

DryRunOption = Annotated[bool, typer.Option("--dry-run", help=msg.HELP_DRY_RUN)]


# --- Commands ---------------------------------------------------------------------------------
@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path], typer.Argument(metavar=msg.METAVAR_FILE, help=msg.HELP_VALIDATE_FILES, show_default=False)
    ],
    output_format: FormatOption = OutputFormat.rich,
) -> None:
    """Kiểm tra tệp kế hoạch và báo mọi lỗi cùng lúc, kèm dòng và cột."""
    report = api.validate_files(files)
    if report.problems:
        from bdg_plan.cli import draw as cli_draw

        cli_draw.print_problems(report.problems, output_format, report.sources)
    if output_format is OutputFormat.rich:
        print_validation_summary(report)
    raise typer.Exit(1 if report.failed else 0)


@app.command("render")
def render_command(
    plan: PlanArgument,
    output: Annotated[Path | None, _output_option(msg.HELP_RENDER_OUTPUT)] = None,
    templates: TemplatesOption = None,
    force: Annotated[bool, typer.Option("--force", help=msg.HELP_RENDER_FORCE)] = False,
    output_format: Annotated[OutputFormat, _format_option(msg.HELP_RENDER_FORMAT)] = OutputFormat.rich,
    pdf: Annotated[bool, typer.Option("--pdf", help=msg.HELP_RENDER_PDF)] = False,
    watch: Annotated[bool, typer.Option("--watch", help=msg.HELP_RENDER_WATCH)] = False,
) -> None:
    """Tạo văn bản Kế hoạch (.docx) đúng thể thức Nghị định 30/2020/NĐ-CP."""
    if watch:
        import signal
        import threading

        from bdg_plan.cli import draw as cli_draw

        print_note(msg.WATCH_STARTED.format(file=plan))
        # Ctrl+C is how a watch ends, not an error: it sets the stop event, which the loop checks
        # twice a second. A KeyboardInterrupt could instead land in a finaliser and be lost.
        stop = threading.Event()
        previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
        try:
            api.watch_render(
                plan,
                output,
                template_dir=templates,
                force=force,
                pdf=pdf,
                on_report=lambda report: cli_draw.print_watch_report(report, output_format),
                stop=stop,
            )
        finally:
            signal.signal(signal.SIGINT, previous)
        print_note(msg.WATCH_STOPPED)
        return
    result = api.render(plan, output, template_dir=templates, force=force, pdf=pdf)
    if result.problems:
        from bdg_plan.cli import draw as cli_draw

        cli_draw.print_problems(result.problems, output_format, result.sources)
    print_success(msg.RENDERED.format(file=result.output))
    if pdf:
        print_note(msg.PDF_CONVERTING)
        print_success(msg.PDF_CREATED.format(file=api.make_pdf(result.output, force=force)))


@app.command("new-year")
def new_year_command(
    plan: Annotated[
        Path, typer.Argument(metavar=msg.METAVAR_FILE, help=msg.HELP_NEW_YEAR_PLAN, show_default=False)
    ],
    year: Annotated[int | None, _year_option(msg.HELP_NEW_YEAR_YEAR)] = None,
    output: Annotated[Path | None, _output_option(msg.HELP_NEW_YEAR_OUTPUT)] = None,
    dry_run: DryRunOption = False,
    force: Annotated[bool, typer.Option("--force", help=msg.HELP_NEW_YEAR_FORCE)] = False,
) -> None:
    """Tạo kế hoạch năm mới từ kế hoạch năm cũ, giữ nguyên ghi chú và cách trình bày của tệp."""
    from bdg_plan.cli import draw as cli_draw

    result = api.new_year(plan, year, output, dry_run=dry_run, force=force)
    cli_draw.print_new_year(result, plan, force=force)


@app.command("init")
def init_command(
    file: Annotated[
        Path | None, typer.Argument(metavar=msg.METAVAR_FILE, help=msg.HELP_INIT_FILE, show_default=False)
    ] = None,
    xa: Annotated[
        str | None,
        typer.Option("--xa", metavar=msg.METAVAR_NAME, help=msg.HELP_INIT_COMMUNE, show_default=False),
    ] = None,
    nam: Annotated[int | None, _year_option(msg.HELP_INIT_YEAR)] = None,
    nguoi_ky: Annotated[
        str | None,
        typer.Option("--nguoi-ky", metavar=msg.METAVAR_PERSON, help=msg.HELP_INIT_SIGNER, show_default=False),
    ] = None,
    loai: Annotated[PlanKind, typer.Option("--loai", help=msg.HELP_INIT_KIND)] = PlanKind.nam,
) -> None:
    """Tạo tệp kế hoạch mới để điền: có sẵn tên xã, năm và ghi chú hướng dẫn từng mục."""
    from bdg_plan.cli import draw as cli_draw

    cli_draw.print_starter(api.init(file, year=nam, commune=xa, signer=nguoi_ky, kind=loai.value))


@app.command("schema")
def schema_command(
    output: Annotated[Path | None, _output_option(msg.HELP_SCHEMA_OUTPUT, metavar=msg.METAVAR_FILE)] = None,
    force: Annotated[bool, typer.Option("--force", help=msg.HELP_SCHEMA_FORCE)] = False,
) -> None:
    """In lược đồ JSON (JSON Schema) của tệp kế hoạch, để VS Code gợi ý khóa và báo lỗi khi soạn."""
    from bdg_plan.cli import draw as cli_draw

    if output is None:
        cli_draw.write_stdout_utf8(api.schema_text())
        return
    api.write_schema(output, force=force)
    print_success(msg.SCHEMA_WRITTEN.format(file=output))


@app.command("communes")
def communes_command(
    tinh: Annotated[str, typer.Option("--tinh", help=msg.HELP_COMMUNES_TINH, metavar=msg.METAVAR_NAME)],
    output: Annotated[Path | None, _output_option(msg.HELP_COMMUNES_OUTPUT, metavar=msg.METAVAR_FILE)] = None,
    force: Annotated[bool, typer.Option("--force", help=msg.HELP_COMMUNES_FORCE)] = False,
) -> None:
    """Liệt kê các xã, phường của một tỉnh (từ 01/7/2025) theo các cột lệnh batch đọc."""
    from bdg_plan.cli import draw as cli_draw

    if output is None:
        cli_draw.write_stdout_utf8(api.communes_table(tinh))
        return
    count = api.write_communes(output, tinh, force=force)
    print_success(msg.COMMUNES_WRITTEN.format(count=count, tinh=tinh, file=output))


@app.command("batch")
def batch_command(
    base: Annotated[
        Path, typer.Argument(metavar=msg.METAVAR_BASE_PLAN, help=msg.HELP_BATCH_BASE, show_default=False)
    ],
    outdir: Annotated[Path, _output_option(msg.HELP_BATCH_OUTPUT, metavar=msg.METAVAR_FOLDER)],
    communes: Annotated[
        Path | None,
        typer.Argument(metavar=msg.METAVAR_COMMUNE_LIST, help=msg.HELP_BATCH_COMMUNES, show_default=False),
    ] = None,
    tinh: Annotated[
        str | None,
        typer.Option("--tinh", help=msg.HELP_BATCH_TINH, metavar=msg.METAVAR_NAME, show_default=False),
    ] = None,
    xa: Annotated[
        list[str] | None,
        typer.Option("--xa", help=msg.HELP_BATCH_XA, metavar=msg.METAVAR_NAME, show_default=False),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help=msg.HELP_BATCH_JOBS, show_default=False)
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=msg.HELP_BATCH_DRY_RUN)] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help=msg.HELP_BATCH_PDF)] = False,
    force: Annotated[bool, typer.Option("--force", help=msg.HELP_BATCH_FORCE)] = False,
    templates: TemplatesOption = None,
    output_format: Annotated[OutputFormat, _format_option(msg.HELP_BATCH_FORMAT)] = OutputFormat.rich,
) -> None:
    """Tạo Kế hoạch cho nhiều xã, phường từ một kế hoạch gốc và một danh sách xã."""
    from bdg_plan.cli import draw as cli_draw

    options = api.BatchOptions(jobs=jobs, dry_run=dry_run, force=force, pdf=pdf, template_dir=templates)
    with cli_draw.BatchProgress(base, dry_run=dry_run) as progress:
        result = api.render_batch(
            base,
            communes,
            outdir,
            options,
            tinh=tinh,
            xa=xa or (),
            on_start=progress.start,
            on_result=progress.advance,
        )
    failed = cli_draw.print_batch(result, output_format)
    raise typer.Exit(1 if failed else 0)


WordFileArgument = Annotated[
    Path, typer.Argument(metavar=msg.METAVAR_WORD_FILE, help=msg.HELP_IMPORT_FILE, show_default=False)
]


@app.command("import")
def import_command(
    file: WordFileArgument,
    output: Annotated[Path | None, _output_option(msg.HELP_IMPORT_OUTPUT, metavar=msg.METAVAR_FILE)] = None,
    force: Annotated[bool, typer.Option("--force", help=msg.HELP_IMPORT_FORCE)] = False,
    output_format: FormatOption = OutputFormat.rich,
) -> None:
    """Nhập kế hoạch năm trước từ tệp Word (.docx, .doc) thành tệp kế hoạch .yaml để sửa và in lại."""
    from bdg_plan.cli import draw_word

    draw_word.print_import(api.import_word_file(file, output, force=force), output_format)


@app.command("check")
def check_command(
    file: Annotated[
        Path, typer.Argument(metavar=msg.METAVAR_WORD_FILE, help=msg.HELP_CHECK_FILE, show_default=False)
    ],
    output_format: Annotated[OutputFormat, _format_option(msg.HELP_CHECK_FORMAT)] = OutputFormat.rich,
) -> None:
    """Kiểm tra một tệp Word có đúng thể thức Nghị định 30/2020/NĐ-CP không (mã thoát 1 nếu có sai lệch)."""
    from bdg_plan.cli import draw_word

    deviations = api.check_word_file(file)
    draw_word.print_deviations(deviations, str(file), output_format)
    raise typer.Exit(1 if deviations else 0)


def app_for(args: list[str]) -> typer.Typer:
    """The app to run for a command line: when it starts with a command's name, that command alone.

    Typer builds every command's parameters before it runs one, and for one command that is a
    fraction of the work (figures in docs/performance.md). The app with one command has the same group,
    callback and settings, so that command's help, usage errors and run are the same. Any other
    line (no command, `--help`, a mistyped name) gets the whole app and its list of commands.
    """
    chosen = [info for info in app.registered_commands if args and info.name == args[0]]
    if not chosen:
        return app
    single = typer.Typer(**_APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


def main() -> None:
    """Entry point of the `bdg-plan` console script: the app, then an exit without teardown."""
    from bdg_plan.cli import process, streams
    from bdg_plan.facts.limits import MIN_ADDRESS_SPACE, address_space_limit

    limit = address_space_limit()
    if limit is not None and limit < MIN_ADDRESS_SPACE:  # below it a library aborts the process
        print(f"{msg.ERROR_PREFIX} {msg.OUT_OF_MEMORY}", file=sys.stderr)
        sys.exit(1)
    process.skip_pydantic_plugins()
    process.run_and_exit(streams.run_guarded(app_for(sys.argv[1:])))


if __name__ == "__main__":
    main()
