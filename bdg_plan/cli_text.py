"""Text the command line sends to a terminal: the output formats, and escaping of unsafe characters.

Imported by `cli` at start-up, so it imports nothing heavy (no rich).
"""

from __future__ import annotations

import enum
import re


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
