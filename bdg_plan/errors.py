"""Problem values and the project's one exception tree, shared by every pipeline stage.

A `Problem` is one finding about an input file (where, what, how bad). Stages collect problems
and return them; the CLI draws them. Exceptions are for failures that stop a command; each carries
a Vietnamese message for the clerk and its exit code, and never prints anything itself. The CLI
has one boundary (`cli.py`) that turns them into messages and exit codes.

The tree::

    BdgPlanError                 exit 1 unless said otherwise
    +-- InputFileError           an input file cannot be read at all
    +-- InvalidPlanError         a plan has errors; carries every problem and the files' text
    |   +-- BatchInputError      the base plan or the communes list of a batch has errors
    +-- TemplateError            a template is missing, unsafe or failed
    +-- OutputError              the output cannot be written
    +-- ConversionError          LibreOffice is missing, cannot start, or could not convert
    |   +-- PdfError             the PDF of a .docx could not be made
    +-- UsageError               exit 2: a mistake in the command line the parser cannot see
        +-- YearBeforePlanError  new-year asked for a year before the plan's own

`os_error_message` is the one place an `OSError` becomes a sentence for the clerk.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from bdg_plan import messages as msg


class Severity(enum.Enum):
    """How bad a problem is: an error blocks rendering, a warning does not."""

    ERROR = "error"
    WARNING = "warning"
    #: Said but not counted: something the clerk may tidy (a review comment whose value changed).
    NOTE = "note"

    @property
    def label(self) -> str:
        """The Vietnamese word a clerk sees for this severity."""
        return {"error": msg.SEVERITY_ERROR, "warning": msg.SEVERITY_WARNING}.get(
            self.value, msg.SEVERITY_NOTE
        )


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


# --- The exception tree -----------------------------------------------------------------------
class BdgPlanError(Exception):
    """Base of every failure the CLI reports as a message rather than a traceback.

    Beside the clerk's sentence (`message`, also `str(error)`), an error says where it is when
    that is known, for a program that uses the library: `path` (the file as named to the
    command, else None), `line` and `column` (1-based, else None).
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path: str | None = None if path is None else os.fspath(path)
        self.line = line
        self.column = column


class InputFileError(BdgPlanError):
    """An input file cannot be read at all (missing, a folder, unreadable)."""


class DocxReadError(InputFileError):
    """A Word file cannot be read: not a .docx, damaged, password-protected or hostile."""


class NoPlanFoundError(BdgPlanError):
    """A Word file holds nothing that looks like a KẾ HOẠCH, so no plan file is written."""


class InvalidPlanError(BdgPlanError):
    """A plan file has errors; `problems` holds all of them.

    `sources` maps a file name to its decoded text (as the loader read it), so whoever shows the
    problems can show their lines without reading the file again. `path`, `line` and `column` are
    those of the first error (line and column None when it is about the whole file).
    """

    def __init__(
        self,
        problems: list[Problem],
        message: str = msg.PLAN_INVALID,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        first = next((p for p in sort_problems(problems) if p.is_error), None)
        super().__init__(
            message,
            path=first.file if first else None,
            line=first.line or None if first else None,
            column=first.column or None if first else None,
        )
        self.problems = problems
        self.sources: dict[str, str] = dict(sources or {})


class BatchInputError(InvalidPlanError):
    """The base plan or the communes file has errors, so no commune is rendered."""

    def __init__(
        self, problems: list[Problem], message: str, sources: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(problems, message, sources)


class TemplateError(BdgPlanError):
    """A template is missing, unsafe or failed while rendering."""


class OutputError(BdgPlanError):
    """The output file cannot be written (exists, locked, folder missing or read-only)."""


class ConversionError(BdgPlanError):
    """LibreOffice is missing, cannot start, or could not convert a file."""


class PdfError(ConversionError):
    """The PDF could not be made: LibreOffice is missing, failed or timed out."""


class UsageError(BdgPlanError):
    """A mistake in the command line that only the library can see (exit code 2)."""

    exit_code = 2


class YearBeforePlanError(UsageError):
    """The requested year is earlier than the plan's own year (a usage error)."""


@contextlib.contextmanager
def located(path: str | os.PathLike[str]) -> Iterator[None]:
    """Name `path` as the file of any project error raised inside that names none.

    For the entry points that work on one file through stages that see only its bytes (a Word
    file's parts, LibreOffice's conversion).
    """
    try:
        yield
    except BdgPlanError as exc:
        if exc.path is None:
            exc.path = os.fspath(path)
        raise


# --- OSError -> a sentence --------------------------------------------------------------------
#: Windows errors for "the file is in use by another program" (Word keeps its files open).
_WINDOWS_IN_USE = (32, 33)


def os_error_message(exc: OSError, file: object, *, writing: bool) -> str:
    """The clerk's sentence for an `OSError` met reading or writing `file`.

    A Windows sharing violation is a file open in Word; on other systems a refused rename is
    a permission or an immutable file (EPERM), never "open in Word".
    """
    folder = os.path.dirname(str(file)) or "."
    if exc.errno == errno.ENAMETOOLONG:
        return name_too_long_message(file)
    if writing and getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
        return msg.OUTPUT_LOCKED.format(file=file)
    if isinstance(exc, IsADirectoryError):
        return msg.OUTPUT_IS_DIR.format(file=file) if writing else msg.INPUT_IS_DIR.format(file=file)
    if isinstance(exc, FileNotFoundError):
        return (
            msg.OUTPUT_DIR_MISSING.format(folder=folder) if writing else msg.INPUT_MISSING.format(file=file)
        )
    if exc.errno == errno.EPERM:
        return (
            msg.OUTPUT_NOT_PERMITTED.format(file=file) if writing else msg.INPUT_UNREADABLE.format(file=file)
        )
    if isinstance(exc, PermissionError):
        if writing and os.name == "nt":
            return msg.OUTPUT_LOCKED.format(file=file)
        return (
            msg.OUTPUT_NOT_WRITABLE.format(folder=folder)
            if writing
            else msg.INPUT_UNREADABLE.format(file=file)
        )
    reason = exc.strerror or str(exc)
    return (
        msg.OUTPUT_FAILED.format(file=file, reason=reason)
        if writing
        else msg.INPUT_OS_ERROR.format(file=file, reason=reason)
    )


#: The longest file or folder name most file systems take, in bytes (NAME_MAX).
NAME_MAX = 255


def name_too_long_message(path: object) -> str:
    """The sentence for a path the system refuses as too long: its longest part, and its size."""
    parts = [part for part in str(path).replace("\\", "/").split("/") if part] or [str(path)]
    longest = max(parts, key=lambda part: len(part.encode("utf-8", "surrogateescape")))
    size = len(longest.encode("utf-8", "surrogateescape"))
    shown = longest if len(longest) <= 60 else f"{longest[:30]}…{longest[-20:]}"
    return msg.NAME_TOO_LONG.format(name=shown, size=size, limit=NAME_MAX)


def name_failure_message(exc: BaseException, names: Iterable[str] = ()) -> str | None:
    """The sentence for a file name the system or the text refuses, wherever it was met; else None.

    A name longer than the system takes (ENAMETOOLONG) fails at the first look at the file; a
    name that is not valid UTF-8 (kept by Python as escapes) fails where it is written into text:
    the first of `names` (the command line's words) that holds such escapes is shown.
    """
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return name_too_long_message(exc.filename if exc.filename is not None else "")
    if isinstance(exc, UnicodeEncodeError) and "surrogates" in str(exc.reason):
        escaped = [name for name in names if any("\udc80" <= char <= "\udcff" for char in name)]
        shown = escaped[0].encode("utf-8", "surrogateescape").decode("utf-8", "replace") if escaped else ""
        return msg.NAME_NOT_TEXT.format(name=shown)
    return None
