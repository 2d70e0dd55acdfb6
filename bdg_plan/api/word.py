"""Library API, a Word file in: `import` (last year's .docx as a plan file) and `check` (Decree 30).

Re-exported by `bdg_plan.api`, which is the public surface; the CLI never imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bdg_plan import messages as msg
from bdg_plan.errors import InputFileError, OutputError, Problem, located

if TYPE_CHECKING:
    from bdg_plan.word.check import Deviation

# --- import and check (a Word file in) ----------------------------------------------------------
#: Word files that LibreOffice converts to .docx before import or check.
CONVERTED_SUFFIXES = (".doc", ".odt", ".rtf")


def read_word_file(path: Path) -> bytes:
    """The bytes of a .docx, a .doc/.odt/.rtf converted first through LibreOffice.

    Raises:
        InputFileError: the file is missing, a folder, unreadable or too large.
        ConversionError: a .doc needs LibreOffice, which is missing or failed.

    """
    from bdg_plan.docx.read.package import MAX_DOCX_BYTES

    name = str(path)
    try:
        status = path.stat()
    except OSError as exc:
        raise InputFileError(_os_message(exc, name), path=name) from None
    _regular_file(status.st_mode, name)
    if status.st_size > MAX_DOCX_BYTES:
        raise InputFileError(msg.DOCX_TOO_LARGE.format(limit=MAX_DOCX_BYTES // 1_000_000), path=name)
    if path.suffix.lower() in CONVERTED_SUFFIXES:
        return _converted_to_docx(path)
    try:
        data = _read_regular(path, name, MAX_DOCX_BYTES + 1)
    except OSError as exc:
        raise InputFileError(_os_message(exc, name), path=name) from None
    if len(data) > MAX_DOCX_BYTES:
        raise InputFileError(msg.DOCX_TOO_LARGE.format(limit=MAX_DOCX_BYTES // 1_000_000), path=name)
    return data


def _os_message(exc: OSError, name: str) -> str:
    import errno

    from bdg_plan.errors import os_error_message

    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return msg.INPUT_MISSING.format(file=name)
    return os_error_message(exc, name, writing=False)


def _regular_file(mode: int, name: str) -> None:
    """A folder, a device, a pipe or a socket is refused with its own message, never opened."""
    import stat

    if stat.S_ISDIR(mode):
        raise InputFileError(msg.INPUT_IS_DIR.format(file=name), path=name)
    if not stat.S_ISREG(mode):
        raise InputFileError(msg.DOCX_NOT_REGULAR.format(file=name), path=name)


def _read_regular(path: Path, name: str, limit: int) -> bytes:
    """At most `limit` bytes of a regular file, checked again on the opened handle.

    Opened without blocking: if a named pipe replaced the file after the check, opening it
    does not wait for a writer, and the check on the handle refuses it.
    """
    import os

    nonblock = getattr(os, "O_NONBLOCK", 0)
    flags = os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    handle = os.open(path, flags)
    try:
        _regular_file(os.fstat(handle).st_mode, name)
        if nonblock:
            os.set_blocking(handle, True)
        from bdg_plan.plan.source import read_at_most

        return read_at_most(handle, limit)
    finally:
        os.close(handle)


def _converted_to_docx(path: Path) -> bytes:
    import shutil
    import tempfile

    from bdg_plan.errors import ConversionError
    from bdg_plan.office.libreoffice import convert_file, find_soffice, install_hint

    program = find_soffice()
    if program is None:
        raise ConversionError(f"{msg.IMPORT_DOC_NEEDS_LIBREOFFICE} {install_hint()}", path=path)
    folder = Path(tempfile.mkdtemp(prefix="bdg-plan-import-"))
    try:
        target = convert_file(path, folder / "ke-hoach.docx", "docx", program=program)
        return target.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_word_file(path: Path) -> list[Deviation]:
    """The deviations from Decree 30 of a Word file, in document order.

    Raises:
        InputFileError: the file cannot be read (DocxReadError: not a safe, readable .docx).
        ConversionError: a .doc needs LibreOffice, which is missing or failed.

    """
    from bdg_plan.word.check import check_bytes

    with located(path):
        return check_bytes(read_word_file(path))


@dataclass(frozen=True)
class ImportResult:
    """The plan file written by `import_word_file`, and what the import found on the way."""

    output: Path
    source: Path
    summary: list[tuple[str, str]]
    unplaced: list[Any]
    to_fill: list[str]
    problems: list[Problem]
    deviations: list[Deviation]
    sources: dict[str, str] = field(default_factory=dict)
    #: The word ledger's lines: where the Word file's words went, what each comment block holds.
    ledger: list[str] = field(default_factory=list)
    #: The tracked changes accepted, one line each (their words included).
    changes: list[str] = field(default_factory=list)


def default_import_output(path: Path) -> Path:
    """The default plan file of an import: beside the Word file, same name, `.yaml`."""
    return path.with_suffix(".yaml")


def import_word_file(path: Path, output: Path | None = None, *, force: bool = False) -> ImportResult:
    """Read last year's Word file and write it as a plan file, atomically.

    Raises:
        InputFileError: the file cannot be read (DocxReadError: not a safe, readable .docx).
        ConversionError: a .doc needs LibreOffice, which is missing or failed.
        NoPlanFoundError: nothing in the file looks like a KẾ HOẠCH (nothing is written).
        OutputError: the plan file exists (without `force`) or cannot be written.

    """
    from bdg_plan.output import atomic_write, check_target
    from bdg_plan.word.check import check_document
    from bdg_plan.word.importer import change_line, import_bytes, ledger_lines, summary

    target = output or default_import_output(path)
    if target.is_dir():  # an existing folder: the plan file goes inside it, named after the Word file
        target = target / default_import_output(path).name
    if target.suffix.lower() in (".docx", *CONVERTED_SUFFIXES):
        raise OutputError(msg.IMPORT_OUTPUT_IS_WORD.format(file=target), path=target)
    check_target(target, force=force)
    with located(path):
        result = import_bytes(read_word_file(path), path.name, target.name)
    atomic_write(target, result.text.encode("utf-8"), force=force)
    name = str(target)
    problems = [replace(p, file=name) for p in result.problems]
    return ImportResult(
        output=target,
        source=path,
        summary=summary(result.imported.data),
        unplaced=list(result.unplaced),
        to_fill=list(result.imported.to_fill),
        problems=problems,
        deviations=check_document(result.document, result.found),
        sources={name: result.text},
        ledger=ledger_lines(result.ledger),
        changes=[change_line(change) for change in result.changes],
    )
