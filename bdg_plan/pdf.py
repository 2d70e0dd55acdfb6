"""After the .docx is saved: convert it to PDF with LibreOffice in headless mode, when installed.

LibreOffice is a separate program, not a Python dependency, so it may be missing: the error then
says how to get it on this system (Windows: libreoffice.org, or Word's "Lưu thành PDF";
Debian/Ubuntu: apt). Each conversion runs `soffice --headless --convert-to pdf` on a copy of the
.docx in a private temporary folder, with its own throw-away LibreOffice profile
(`-env:UserInstallation`), so it works while the clerk has LibreOffice open and several
conversions can run at once. A time-out stops a hung LibreOffice; the PDF is then moved beside the
.docx atomically, so a failure never leaves half a PDF.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.errors import BdgPlanError, InputFileError
from bdg_plan.output import atomic_write

#: Seconds a conversion may take before LibreOffice is stopped (a first start can take ~20 s).
DEFAULT_TIMEOUT = 180.0

#: Program names to look for on PATH, then the usual install places.
_PROGRAMS = ("soffice", "libreoffice")
_KNOWN_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
    "/usr/lib/libreoffice/program/soffice",
)


class PdfError(BdgPlanError):
    """The PDF could not be made: LibreOffice is missing, failed or timed out."""


def find_soffice() -> str | None:
    """Return the LibreOffice program to run, or None when it is not installed."""
    for name in _PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    for place in _KNOWN_PLACES:
        if Path(place).is_file():
            return place
    return None


def pdf_path_for(docx_path: Path) -> Path:
    """Where the PDF of `docx_path` goes: beside it, same name, `.pdf`."""
    return docx_path.with_suffix(".pdf")


def install_hint(platform: str | None = None) -> str:
    """How to get LibreOffice (or a PDF without it) on `platform` (default: this system)."""
    platform = platform or sys.platform
    if platform.startswith(("win", "cygwin")):
        return msg.PDF_HINT_WINDOWS
    if platform == "darwin":
        return msg.PDF_HINT_MACOS
    if platform.startswith("linux") and (shutil.which("apt") or shutil.which("apt-get")):
        return msg.PDF_HINT_DEBIAN
    return msg.PDF_HINT_OTHER


def convert_to_pdf(
    docx_path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
) -> Path:
    """Convert `docx_path` to a PDF beside it (same name, `.pdf`) and return the PDF's path.

    An existing PDF of that name is replaced: it is made from the .docx, and the caller decides
    beforehand whether that file may be overwritten (`bdg-plan render` checks it unless --force).

    Args:
        docx_path: the .docx to convert.
        timeout: seconds before a hung LibreOffice is stopped.
        soffice: the LibreOffice program; found on PATH or in the usual places by default.

    Raises:
        InputFileError: the .docx does not exist.
        PdfError: LibreOffice is not installed, failed, or ran past the time-out.
        OutputError: the PDF cannot be written (open in a viewer, read-only folder).

    """
    if not docx_path.is_file():
        raise InputFileError(msg.INPUT_MISSING.format(file=docx_path))
    program = soffice or find_soffice()
    if program is None:
        raise PdfError(f"{msg.PDF_NO_LIBREOFFICE} {install_hint()}")
    target = pdf_path_for(docx_path)
    work = Path(tempfile.mkdtemp(prefix="bdg-plan-pdf-"))
    try:
        # A plain ASCII name: LibreOffice on Windows is unreliable with some non-ASCII paths.
        source = work / "ke-hoach.docx"
        shutil.copyfile(docx_path, source)
        outdir = work / "pdf"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        code, output = _run(command, timeout)
        produced = outdir / "ke-hoach.pdf"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = " ".join(output.strip().splitlines()[-3:])
            raise PdfError(msg.PDF_FAILED.format(file=docx_path, code=code, detail=detail).strip())
        atomic_write(target, produced.read_bytes(), force=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Run LibreOffice; return its exit code and output. Stop its whole process tree on time-out."""
    windows = sys.platform == "win32"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            # Its own process group, so a time-out can stop soffice.bin too, not only the launcher.
            start_new_session=not windows,
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if windows else 0,
        )
    except OSError as exc:
        raise PdfError(msg.PDF_START_FAILED.format(program=command[0], reason=exc.strerror or exc)) from None
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise PdfError(msg.PDF_TIMEOUT.format(seconds=round(timeout))) from None
    return process.returncode, output.decode("utf-8", errors="replace")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a LibreOffice process and the processes it started, then reap it."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError):
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(process.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
    else:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    process.communicate()
