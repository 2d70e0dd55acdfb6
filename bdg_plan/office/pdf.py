"""After the .docx is saved: its PDF beside it, through LibreOffice (`bdg_plan.office.libreoffice`).

LibreOffice may be missing: the error then says how to get it on this system (Windows:
libreoffice.org, or Word's "Lưu thành PDF"; Debian/Ubuntu: apt). One render converts its one
file in one LibreOffice run; a batch worker or the watch loop keeps one `Office` and converts
many files with it (a LibreOffice kept running where a Python with `uno` exists, else in
chunks). The PDF is published beside the .docx atomically, so a failure never leaves half a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.errors import ConversionError, InputFileError, PdfError
from bdg_plan.office.libreoffice import (
    DEFAULT_TIMEOUT,
    Office,
    find_soffice,
    install_hint,
)
from bdg_plan.office.resident import find_uno_python


def pdf_path_for(docx_path: Path) -> Path:
    """Where the PDF of `docx_path` goes: beside it, same name, `.pdf`."""
    return docx_path.with_suffix(".pdf")


def open_office(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
    folder: Path | None = None,
    resident: bool = True,
) -> Office:
    """A LibreOffice for PDFs (its profile in `folder`), or a PdfError saying how to install it.

    With `resident` it is kept running between documents where this system allows it (a batch
    worker, the watch loop); without, each conversion is one `soffice --convert-to` run.

    Raises:
        PdfError: LibreOffice is not installed.

    """
    program = soffice or find_soffice()
    if program is None:
        raise PdfError(f"{msg.PDF_NO_LIBREOFFICE} {install_hint()}")
    return Office(program, timeout=timeout, folder=folder, resident=resident)


def keeps_office_running(soffice: str | None = None) -> bool:
    """True when PDFs can be made by a LibreOffice kept running (a Python with `uno` exists)."""
    program = soffice or find_soffice()
    return program is not None and find_uno_python(program) is not None


def convert_many(office: Office, docx_paths: Sequence[Path], *, force: bool = False) -> list[str | None]:
    """Convert every .docx to a PDF beside it in as few LibreOffice runs as possible.

    Returns, in order, None for each PDF made or the reason it was not. An existing PDF is
    replaced only with `force`: without it, a PDF that appears while LibreOffice works (a signed
    copy put there) is kept and that document's reason says so.
    """
    if not docx_paths:
        return []
    try:
        return office.convert([(path, pdf_path_for(path)) for path in docx_paths], "pdf", force=force)
    except ConversionError as exc:  # LibreOffice could not start: every file failed for it
        return [exc.message] * len(docx_paths)


def convert_to_pdf(
    docx_path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
    office: Office | None = None,
    force: bool = False,
) -> Path:
    """Convert `docx_path` to a PDF beside it (same name, `.pdf`) and return the PDF's path.

    An existing PDF of that name is replaced only with `force`, also one that appeared while
    LibreOffice worked: without `force` it is kept and the PdfError's message says so.

    Args:
        docx_path: the .docx to convert.
        timeout: seconds before a hung LibreOffice is stopped.
        soffice: the LibreOffice program; found on PATH or in the usual places by default.
        office: a LibreOffice already prepared (the watch loop keeps one); default: a new one.
        force: replace an existing PDF.

    Raises:
        InputFileError: the .docx does not exist.
        PdfError: LibreOffice is not installed, failed, or ran past the time-out.

    """
    if not docx_path.is_file():
        raise InputFileError(msg.INPUT_MISSING.format(file=docx_path))
    own = office is None
    # One document: keeping LibreOffice running would only add the bridge's start (about 0.35 s CPU).
    current = open_office(timeout=timeout, soffice=soffice, resident=False) if office is None else office
    try:
        error = convert_many(current, [docx_path], force=force)[0]
    finally:
        if own:
            current.close()
    if error is not None:
        raise PdfError(error)
    return pdf_path_for(docx_path)


__all__ = [
    "PdfError",
    "convert_many",
    "convert_to_pdf",
    "find_soffice",
    "install_hint",
    "keeps_office_running",
    "open_office",
    "pdf_path_for",
]
