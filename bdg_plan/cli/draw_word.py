"""Drawing the results of `import` and `check` on the terminal (only the CLI imports this module).

Every text taken from the Word file (first words, recipients, names) goes through `printable` and
is given to rich as text, never as markup, and is cut at `MAX_SHOWN_CHARS`: a paragraph of a
megabyte prints as one short line.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from bdg_plan import messages as msg
from bdg_plan.cli.draw import console, print_problems
from bdg_plan.cli.text import OutputFormat, print_success, printable

if TYPE_CHECKING:
    from bdg_plan.api import Deviation, ImportResult

#: The longest text from the Word file printed in one place (first words, a summary's value).
MAX_SHOWN_CHARS = 80
#: The longest ledger or tracked-change line printed (a change quotes the Word file's words).
MAX_LEDGER_CHARS = 160


def _cap(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def print_deviations(deviations: list[Deviation], file: str, fmt: OutputFormat | None) -> None:
    """Each deviation from Decree 30 (or one plain line each), then the count or the verdict."""
    if fmt is OutputFormat.plain:
        for deviation in deviations:
            sys.stdout.write(printable(deviation.plain(file)) + "\n")
        return
    out = console()
    if not deviations:
        out.print(f"[green]{escape(msg.CHECK_OK)}[/]")
        return
    out.print(f"[bold]{escape(printable(file))}[/]: {escape(msg.CHECK_COUNT.format(count=len(deviations)))}")
    for deviation in deviations:
        out.print(
            f"  [yellow]{escape(printable(deviation.where))}[/] [dim]{deviation.code}[/]\n"
            f"    {escape(printable(deviation.message))}"
        )


def print_import(result: ImportResult, fmt: OutputFormat | None) -> None:
    """What import wrote: the plan's remaining problems, the input's check, where things went."""
    plan = str(result.output)
    print_problems(result.problems, fmt, result.sources)
    if fmt is OutputFormat.plain:
        for deviation in result.deviations:
            sys.stdout.write(printable(deviation.plain(str(result.source))) + "\n")
        for item in result.unplaced:
            sys.stdout.write(printable(_unplaced_line(item)) + "\n")
        for line in [*result.ledger, *result.changes]:
            sys.stdout.write(printable(_cap(line, MAX_LEDGER_CHARS)) + "\n")
        print_success(msg.IMPORT_WRITTEN.format(file=result.output))
        return
    out = console()
    if result.deviations:
        out.print(f"\n[bold]{escape(msg.IMPORT_CHECK_TITLE)}[/]")
        print_deviations(result.deviations, str(result.source), fmt)
    table = Table(title=msg.IMPORT_SUMMARY_TITLE, show_lines=False)
    table.add_column(msg.IMPORT_COL_KEY, no_wrap=True)
    table.add_column(msg.IMPORT_COL_WHAT)
    for key, what in result.summary:
        table.add_row(key, printable(_cap(what)))
    out.print(table)
    if result.unplaced:
        out.print(f"[yellow]{escape(msg.IMPORT_UNPLACED_TITLE.format(count=len(result.unplaced)))}[/]")
        for item in result.unplaced:
            out.print(f"  {escape(printable(_unplaced_line(item)))}")
    if result.changes:
        out.print(f"[yellow]{escape(msg.IMPORT_CHANGES_TITLE.format(count=len(result.changes)))}[/]")
        for line in result.changes:
            out.print(f"  {escape(printable(_cap(line, MAX_LEDGER_CHARS)))}")
    for line in result.ledger:
        out.print(escape(printable(line)))
    if result.to_fill:
        keys = ", ".join(result.to_fill)
        out.print(f"[yellow]{escape(msg.IMPORT_TO_FILL.format(fill=msg.IMPORT_FILL, keys=keys))}[/]")
    print_success(msg.IMPORT_WRITTEN.format(file=result.output))
    shown = f'"{plan}"' if " " in plan else plan
    out.print(escape(msg.IMPORT_NEXT.format(plan=shown)))


def _unplaced_line(item: object) -> str:
    kind = getattr(item, "kind", "text")
    return msg.IMPORT_UNPLACED_LINE.format(
        number=getattr(item, "paragraph", 0),
        words=_cap(getattr(item, "words", "")),
        kind=msg.DOCX_UNPLACED_KINDS.get(kind, kind),
    )
