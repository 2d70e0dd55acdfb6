"""LibreOffice in headless mode: find it, and convert files with it (to PDF, .doc to .docx, ...).

LibreOffice is a separate program, not a Python dependency, so it may be missing; the error then
says how to get it. An `Office` is one LibreOffice per process (a batch worker, the watch loop,
one render): it keeps a private profile (`-env:UserInstallation`) for its whole life, so
LibreOffice builds its profile once, conversions work while the clerk has LibreOffice open, and
several processes convert at once.

Two ways to convert, chosen per `Office`:
- resident (PDFs, when a Python with LibreOffice's `uno` is found, `office_resident`): one
  LibreOffice is started on the first document and kept running, fed one document at a time
  through a small bridge; its start (1.5-2.5 s of CPU) is paid once per process.
- runs (everything else, and where no UNO Python exists or the bridge cannot start): one
  `soffice --convert-to` run converts a whole list, so its start is paid once per list.

Failures, runs: LibreOffice converts a run's files in order. If a run dies or hangs part-way, the
files it finished keep their output and only the rest go to a new run; a file on which a run
makes no progress is reported as failed and the run goes on after it. Resident: a document that
brings LibreOffice down is retried once in a new one, then fails alone. Each output is published
to its target atomically (`output.atomic_write`), so a failure never leaves half a file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from bdg_plan import messages as msg
from bdg_plan.errors import BdgPlanError, ConversionError, InputFileError
from bdg_plan.office.process_tree import start, stop_process_tree
from bdg_plan.office.resident import (
    FILTERS,
    OFFICE_MEMORY_BYTES,
    BridgeUnavailable,
    ResidentOffice,
    find_uno_python,
    prepare_profile,
)
from bdg_plan.output import atomic_write

#: Seconds one run may take for its first file (a first start can take ~20 s on a slow machine).
DEFAULT_TIMEOUT = 180.0
#: Seconds added to a run's bound for each further file (one plan takes 0.2-0.5 s).
FILE_TIMEOUT = 30.0

#: Bytes of a Word file (.doc, .odt, .rtf) LibreOffice is given to convert: a real plan is under
#: 1 MB; a 45 MB .rtf took LibreOffice past 3.7 GB of memory and 98 s before it crashed.
MAX_CONVERT_BYTES = 10_000_000
#: Lines LibreOffice prints that say nothing about the document (its Java probe, font warnings).
_NOISE = ("javaldx", "java", "fontconfig", "gtk-warning", "dbus")

#: Program names to look for on PATH, then the usual install places.
_PROGRAMS = ("soffice", "libreoffice")
_KNOWN_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
    "/usr/lib/libreoffice/program/soffice",
)


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


def install_hint(platform: str | None = None) -> str:
    """How to get LibreOffice on `platform` (default: this system)."""
    platform = platform or sys.platform
    if platform.startswith(("win", "cygwin")):
        return msg.PDF_HINT_WINDOWS
    if platform == "darwin":
        return msg.PDF_HINT_MACOS
    if platform.startswith("linux") and (shutil.which("apt") or shutil.which("apt-get")):
        return msg.PDF_HINT_DEBIAN
    return msg.PDF_HINT_OTHER


class Office:
    """One LibreOffice for this process: a private profile, and runs that convert lists of files.

    Use it as a context manager (or call `close`) so its profile folder is removed.
    """

    def __init__(
        self,
        program: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        folder: Path | None = None,
        resident: bool = True,
    ) -> None:
        """Prepare a LibreOffice; `folder` is where its profile goes (default: the temp folder).

        With `resident` (and a Python with `uno` for it), PDFs are made by one LibreOffice kept
        running until `close`; otherwise by `soffice --convert-to` runs.

        Raises:
            ConversionError: LibreOffice is not installed.

        """
        found = program or find_soffice()
        if found is None:
            raise ConversionError(f"{msg.LIBREOFFICE_MISSING} {install_hint()}")
        self.program = found
        self.timeout = timeout
        self.runs = 0
        self._root = Path(tempfile.mkdtemp(prefix="bdg-plan-office-", dir=folder))
        prepare_profile(self._root / "profile")
        python = find_uno_python(found) if resident else None
        self.resident: ResidentOffice | None = None
        if python is not None:
            self.resident = ResidentOffice(
                python, found, self._root, start_timeout=timeout, document_timeout=FILE_TIMEOUT
            )

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop a resident LibreOffice, remove the profile and any work files."""
        try:
            if self.resident is not None:
                self.resident.close()
        finally:
            shutil.rmtree(self._root, ignore_errors=True)

    def convert(
        self, jobs: Sequence[tuple[Path, Path]], fmt: str, *, force: bool = False
    ) -> list[str | None]:
        """Convert each `(source, target)` to `fmt` (`pdf`, `docx`, or `docx:<filter>`).

        Each target is published as `output.atomic_write` publishes: in one step, and without
        `force` never over a file of that name, also one that appeared during the conversion.
        Returns, in order, None for each file converted or the reason it was not.

        Raises:
            ConversionError: LibreOffice cannot be started at all.

        """
        work = Path(tempfile.mkdtemp(prefix="run-", dir=self._root))
        try:
            inputs: list[Path] = []
            for number, (source, _) in enumerate(jobs, 1):
                # Plain ASCII names: LibreOffice on Windows is unreliable with some non-ASCII paths.
                copy = work / f"{number:05d}{source.suffix.lower()}"
                shutil.copyfile(source, copy)
                inputs.append(copy)
            produced = self._produce(inputs, fmt, work / "out")
            results: list[str | None] = []
            for (source, target), made in zip(jobs, produced, strict=True):
                if isinstance(made, str):
                    results.append(made.replace("{file}", str(source)))
                    continue
                try:
                    atomic_write(target, made.read_bytes(), force=force)
                except BdgPlanError as exc:
                    results.append(exc.message)
                else:
                    results.append(None)
            return results
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _produce(self, inputs: list[Path], fmt: str, outdir: Path) -> list[Path | str]:
        """Each input's output file, or the reason it has none (with `{file}` in it)."""
        if self.resident is None or fmt not in FILTERS:
            return self._convert_all(inputs, fmt, outdir)
        outdir.mkdir()
        outputs = [outdir / f"{source.stem}.{fmt}" for source in inputs]
        try:
            errors = self.resident.convert(list(zip(inputs, outputs, strict=True)), fmt)
        except BridgeUnavailable:
            # No LibreOffice could be kept running: plain runs from now on, for every file again.
            self.resident.close()
            self.resident = None
            return self._convert_all(inputs, fmt, outdir)
        return [_outcome(output, error, fmt) for output, error in zip(outputs, errors, strict=True)]

    def _convert_all(self, inputs: list[Path], fmt: str, outdir: Path) -> list[Path | str]:
        """Run LibreOffice until every input has an output or a reason (with `{file}` in it)."""
        extension = fmt.split(":", 1)[0]
        results: dict[int, Path | str] = {}
        pending = list(range(len(inputs)))
        stalled = False
        while pending:
            bound = self.timeout + FILE_TIMEOUT * (len(pending) - 1)
            code, output = self._run([inputs[i] for i in pending], fmt, outdir, bound)
            done = [i for i in pending if _made(outdir / f"{inputs[i].stem}.{extension}")]
            for i in done:
                results[i] = outdir / f"{inputs[i].stem}.{extension}"
            pending = [i for i in pending if i not in results]
            if done or not pending:
                stalled = False
                continue
            # No progress: LibreOffice cannot convert the first file (or cannot work at all).
            reason = _failure(code, output, extension, bound)
            failed = pending if stalled else pending[:1]
            for i in failed:
                results[i] = reason.strip()
            pending = [i for i in pending if i not in results]
            stalled = True
        return [results[i] for i in range(len(inputs))]

    def _run(self, inputs: list[Path], fmt: str, outdir: Path, timeout: float) -> tuple[int | None, str]:
        """One LibreOffice run over `inputs`; its exit code (None: stopped at the bound) and output."""
        self.runs += 1
        command = [
            self.program,
            f"-env:UserInstallation={(self._root / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, inputs),
        ]
        return _run(command, timeout)


def convert_file(
    source: Path,
    target: Path,
    fmt: str | None = None,
    *,
    program: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    force: bool = False,
) -> Path:
    """Convert one file with LibreOffice and publish the result at `target` atomically.

    `fmt` is what `soffice --convert-to` takes (`pdf`, `docx`, `docx:"MS Word 2007 XML"`);
    by default the target's extension. An existing target is replaced only with `force`.

    Raises:
        InputFileError: `source` does not exist.
        ConversionError: LibreOffice is missing, cannot start, failed or ran past the time-out.
        OutputError: the target cannot be written.

    """
    if not source.is_file():
        raise InputFileError(msg.INPUT_MISSING.format(file=source))
    if source.stat().st_size > MAX_CONVERT_BYTES:
        raise InputFileError(msg.CONVERT_TOO_LARGE.format(file=source, limit=MAX_CONVERT_BYTES // 1_000_000))
    with Office(program, timeout=timeout) as office:
        error = office.convert([(source, target)], fmt or target.suffix.lstrip("."), force=force)[0]
    if error is not None:
        raise ConversionError(error)
    return target


def _outcome(output: Path, error: str | None, fmt: str) -> Path | str:
    """The output file of a resident conversion, or why there is none."""
    if error is not None:
        return error
    if _made(output):
        return output
    return msg.CONVERT_REFUSED.format(file="{file}", kind=fmt.upper(), detail="").strip()


def _failure(code: int | None, output: str, extension: str, bound: float) -> str:
    """Why a run made no progress, in our words (with `{file}` in it), not LibreOffice's noise."""
    if code is None:
        return msg.PDF_TIMEOUT.format(seconds=round(bound))
    if code < 0 or code >= 128:  # killed by a signal: a crash, or the memory ceiling reached
        return msg.CONVERT_CRASHED.format(file="{file}", kind=extension.upper())
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    useful = [line for line in lines if not any(word in line.lower() for word in _NOISE)]
    detail = " ".join(useful[-3:])
    return msg.CONVERT_FAILED.format(file="{file}", kind=extension.upper(), code=code, detail=detail)


def _made(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _run(command: list[str], timeout: float) -> tuple[int | None, str]:
    """Run LibreOffice; return its exit code (None on time-out) and output. Stop its tree on time-out."""
    try:
        # Its own process group, so a time-out can stop soffice.bin too, not only the launcher;
        # a memory ceiling, and death with this process.
        process = start(
            command,
            memory=OFFICE_MEMORY_BYTES,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
    except OSError as exc:
        raise ConversionError(
            msg.PDF_START_FAILED.format(program=command[0], reason=exc.strerror or exc)
        ) from None
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop_process_tree(process)
        process.communicate()
        return None, ""
    except BaseException:
        # Ctrl+C or a stop signal: LibreOffice (in a group of its own, so the Ctrl+C did not
        # reach it) is stopped before its profile folder is removed.
        stop_process_tree(process)
        raise
    stop_process_tree(process)  # reaps it; anything it left running in its group goes too
    return process.returncode, output.decode("utf-8", errors="replace")


__all__ = [
    "DEFAULT_TIMEOUT",
    "ConversionError",
    "Office",
    "convert_file",
    "find_soffice",
    "install_hint",
]
