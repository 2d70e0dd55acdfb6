"""The `bdg-plan` program's standard streams: any encoding prints, a failed write never crashes.

Library code never calls this; the program sets it up at its start (`cli.app.main`).

- **Any encoding.** A redirected stdout on Windows takes the system's code page (cp1252, cp1258),
  which has no "ộ". A character the encoding lacks is written with fewer marks rather than
  failing: in cp1258 as a base letter and a combining mark ("ô" + dot below, how that code page
  writes Vietnamese), in cp1252 as "ô", in ASCII as "o"; "đ" becomes "d"; anything else "?".
- **A closed descriptor** (`bdg-plan ... >&-`): fd 0, 1 or 2 is opened on the null device first,
  so no file the command opens later takes its number (a child process would write into it).
  What the command prints there is lost, as Python's own `print` loses it; the exit code is the
  command's.
- **A failed write** (a pipe closed by its reader as in `| head -c1`, a full disk as `/dev/full`):
  the first error is kept and later output dropped, so the command ends normally. Then the exit
  code says what happened: a closed pipe ends the program with 141 (128 + SIGPIPE, what the
  shell reports for `cat` or `git log` in the same pipe; nothing more is printed), any other
  failure of stdout with a sentence on stderr and the command's code, or 1 if it succeeded.
"""

from __future__ import annotations

import codecs
import errno
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

from bdg_plan import messages as msg

#: The exit code after a closed pipe: 128 + SIGPIPE, as the shell reports a program it killed.
BROKEN_PIPE_EXIT = 141

#: Characters with no decomposition, and their plainer forms.
_PLAIN = {"đ": "d", "Đ": "D", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}


def _spellings(char: str) -> Iterator[str]:
    """Ways to write `char`, closest first: all its marks, some composed; then fewer marks."""
    import itertools
    import unicodedata

    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], list(decomposed[1:])
    for keep in range(len(marks), -1, -1):
        for kept in itertools.combinations(marks, keep):
            for size in range(len(kept), -1, -1):
                for joined in itertools.combinations(range(len(kept)), size):
                    loose = "".join(mark for i, mark in enumerate(kept) if i not in joined)
                    yield unicodedata.normalize("NFC", base + "".join(kept[i] for i in joined)) + loose
    yield _PLAIN.get(char, "?")


@functools.lru_cache(maxsize=512)
def fold_char(char: str, encoding: str) -> str:
    """`char` as `encoding` can write it (see the module's notes); "?" when nothing fits."""
    for spelling in _spellings(char):
        try:
            spelling.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        return spelling
    return "?"


def fold_handler(encoding: str) -> str:
    """The name of a codec error handler writing what `encoding` lacks with fewer marks.

    One handler per encoding: a code page's error names its codec "charmap", not the page.
    """
    name = f"bdg-plan-fold-{encoding}"

    def fold(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeEncodeError):
            raise error
        text = error.object[error.start : error.end]
        return "".join(fold_char(char, encoding) for char in text), error.end

    codecs.register_error(name, fold)
    return name


class _GuardedWriter(io.RawIOBase):
    """A stream's raw writer that keeps its first `OSError` and drops what follows, never raising."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self._inner = inner
        self.failure: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = memoryview(data).nbytes
        if self.failure is None:
            try:
                written = self._inner.write(data)
            except OSError as exc:
                self.failure = exc
            else:
                return size if written is None else int(written)
        return size

    def fileno(self) -> int:
        return int(self._inner.fileno())

    def isatty(self) -> bool:
        try:
            return bool(self._inner.isatty())
        except (OSError, ValueError):
            return False

    def close(self) -> None:
        """Close this writer only: the descriptor belongs to the process."""
        super().close()


def _occupy_closed_descriptors() -> None:
    """Open the null device on each of fd 0, 1, 2 that is closed."""
    for target in (0, 1, 2):
        try:
            os.fstat(target)
        except OSError:
            fd = os.open(os.devnull, os.O_RDWR)
            if fd != target:
                os.dup2(fd, target)
                os.close(fd)


def _guarded(stream: Any, fd: int) -> tuple[io.TextIOWrapper, _GuardedWriter]:
    """A text stream over a guarded writer, in `stream`'s encoding (or over `fd` when there is none)."""
    inner: Any = getattr(getattr(stream, "buffer", None), "raw", None)
    if inner is None:
        inner = io.FileIO(fd, "w", closefd=False)
    writer = _GuardedWriter(inner)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    text = io.TextIOWrapper(
        io.BufferedWriter(writer),
        encoding=encoding,
        errors=fold_handler(encoding),
        line_buffering=bool(getattr(stream, "line_buffering", False)),
        write_through=bool(getattr(stream, "write_through", False)),
    )
    return text, writer


class Guard:
    """The guarded stdout and stderr of this process, and the exit code their failures call for."""

    def __init__(self) -> None:
        _occupy_closed_descriptors()
        sys.stdout, self.stdout = _guarded(sys.stdout, 1)
        sys.stderr, self.stderr = _guarded(sys.stderr, 2)

    def exit_code(self, code: int) -> int:
        """The exit code once the command ended with `code`, after what its output met."""
        sys.stdout.flush()
        failure = self.stdout.failure
        if failure is None:
            return code
        if isinstance(failure, BrokenPipeError) or failure.errno in (errno.EPIPE, errno.EINVAL):
            return BROKEN_PIPE_EXIT
        sys.stderr.write(f"{msg.ERROR_PREFIX} {stdout_failure_message(failure)}\n")
        sys.stderr.flush()
        return code or 1


def stdout_failure_message(failure: OSError) -> str:
    """The clerk's sentence for output that could not be written to stdout."""
    if failure.errno == errno.ENOSPC:
        return msg.STDOUT_DISK_FULL
    return msg.STDOUT_FAILED.format(reason=failure.strerror or failure)


def run_guarded(command: Callable[[], object]) -> Callable[[], None]:
    """`command` with guarded streams, ending in `SystemExit` with the code the streams call for."""

    def run() -> None:
        guard = Guard()
        try:
            command()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                sys.stderr.write(f"{exc.code}\n")
        raise SystemExit(guard.exit_code(code))

    return run
