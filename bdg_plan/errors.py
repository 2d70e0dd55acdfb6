"""Problem values and the project's exception tree, shared by every pipeline stage.

A `Problem` is one finding about an input file (where, what, how bad). Stages collect problems
and return them; the CLI draws them. Exceptions are for failures that stop a command; each carries
a Vietnamese message for the clerk and never prints anything itself.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a problem is: an error blocks rendering, a warning does not."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Vietnamese word a clerk sees for this severity."""
        return "lỗi" if self is Severity.ERROR else "cảnh báo"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in an input file, at a 1-based line and column.

    Line 0 means "the file as a whole" (for example an encoding problem).
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        """True when this problem blocks rendering."""
        return self.severity is Severity.ERROR

    def plain(self) -> str:
        """Format as `file:line:col: CODE message`, the form editors and scripts read."""
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort problems by file, then position, dropping exact duplicates."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is an error (not just a warning)."""
    return any(p.is_error for p in problems)


class BdgPlanError(Exception):
    """Base of every failure the CLI reports as a message rather than a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidPlanError(BdgPlanError):
    """The plan file has errors; `problems` holds all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("Tệp kế hoạch có lỗi, chưa thể tạo văn bản.")
        self.problems = problems


class TemplateError(BdgPlanError):
    """A template is missing, unsafe or failed while rendering."""


class OutputError(BdgPlanError):
    """The output file cannot be written (exists, locked, folder missing or read-only)."""


class InputFileError(BdgPlanError):
    """An input file cannot be read at all (missing, a folder, unreadable)."""
