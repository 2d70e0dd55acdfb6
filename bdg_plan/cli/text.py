"""Text the command line sends to a terminal: formats, escapes, the plain one-line results.

Imported by `cli` at start-up, so it imports nothing heavy (no rich): a run that prints only
"Đã tạo ..." or "Tệp kế hoạch hợp lệ." never loads rich (about 40-70 ms); `cli_draw` draws the rest.
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

import typer

from bdg_plan import messages as msg

if TYPE_CHECKING:
    from bdg_plan.api import ValidationReport


class OutputFormat(str, enum.Enum):
    """How problems are printed."""

    rich = "rich"
    plain = "plain"


class PlanKind(str, enum.Enum):
    """The kinds of plan `init` can start: the year's plan, or the action-month plan."""

    nam = "nam"
    thang_hanh_dong = "thang-hanh-dong"


#: Where `--format` is kept in the click context, for the error boundary.
FORMAT_KEY = "bdg_plan.format"

#: Characters never sent to the terminal as they are: controls (an escape sequence in a plan file
#: could recolour or clear the screen; a newline would split a `--format plain` record) and the
#: bidirectional controls that reorder what is shown. They are printed as escapes ("\\x1b").
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff]"
)


def printable(text: str) -> str:
    """`text` with control and bidirectional characters written as escapes, safe for a terminal."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


def print_success(text: str) -> None:
    """One green line; file names in it are escaped like the problem lines."""
    typer.secho(printable(text), fg="green")


def print_note(text: str) -> None:
    """One plain line."""
    typer.echo(printable(text))


def print_validation_summary(report: ValidationReport) -> None:
    """Print "Đã kiểm tra N tệp: x lỗi, y cảnh báo." and, if nothing failed, the green verdict."""
    errors = sum(p.is_error for p in report.problems)
    warnings = sum(p.severity.value == "warning" for p in report.problems)  # notes are not counted
    typer.echo(msg.VALIDATE_SUMMARY.format(files=report.files, errors=errors, warnings=warnings))
    if not report.failed:
        print_success(msg.VALIDATE_OK)
