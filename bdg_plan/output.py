"""Pipeline stage 6: save bytes to a file atomically, refusing to clobber or to write into locks.

The bytes go to a temporary file in the target's folder, flushed to disk, and are then published
in one step, so a failure or a kill leaves either the old file or the complete new one, never
half a file:

- without --force, the temporary file is hard-linked to the target's name: the link fails if the
  name exists (a file, a folder, even a dangling symlink), so two runs writing the same name at
  once cannot both succeed and nothing is overwritten. No check-then-rename race. On file
  systems without hard links (FAT, many network shares) an exclusive create (O_EXCL) is the
  fallback: still one step that fails if the name exists, but a kill in the middle of that
  write can leave a partial new file (never a damaged old one: there was none).
- with --force, the temporary file is renamed over the target (atomic on one file system).

A target that exists and is not a regular file (a device such as /dev/null, a pipe, a socket) is
refused even with --force. A file open in Word or LibreOffice (its lock file beside it) is
refused with a message.

Permissions: a new file gets the mode any program would give it (0666 less the umask, as `open`
does); a file replaced with --force keeps its own mode, so a 0600 file stays private.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.errors import OutputError, os_error_message


def lock_files(target: Path) -> list[Path]:
    """The lock files Word ("~$name") and LibreOffice (".~lock.name#") keep beside an open file."""
    name = target.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(f"~${name[2:]}")
    return [target.with_name(candidate) for candidate in candidates]


def _existing(target: Path) -> os.stat_result | None:
    """The target's own status (a symlink itself, not what it points to), or None if absent."""
    try:
        return os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(os_error_message(exc, target, writing=True), path=target) from None


def _refuse_non_regular(target: Path, status: os.stat_result) -> None:
    """Refuse a device, pipe or socket, directly or through a symlink; a dangling link passes."""
    if stat.S_ISLNK(status.st_mode):
        try:
            status = os.stat(target)
        except OSError:
            return
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(msg.OUTPUT_IS_DIR.format(file=target), path=target)
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(msg.OUTPUT_NOT_REGULAR.format(file=target), path=target)


def check_target(target: Path, *, force: bool, exists_message: str | None = None) -> None:
    """Refuse a target that cannot or must not be written, with a message saying why.

    Refused: a folder or anything not a regular file, a file open in an editor, a missing
    folder, and (without `force`) any existing name, a dangling symlink included. This is the
    early, friendly check; `atomic_write` publishes in a way that is safe even when
    the target appears between this check and the write.
    """
    folder = target.parent
    status = _existing(target)
    if status is not None:
        _refuse_non_regular(target, status)
    if not folder.is_dir():
        raise OutputError(msg.OUTPUT_DIR_MISSING.format(folder=folder), path=target)
    if any(lock.exists() for lock in lock_files(target)):
        raise OutputError(msg.OUTPUT_LOCKED.format(file=target), path=target)
    if status is not None and not force:
        raise OutputError(exists_message or msg.OUTPUT_EXISTS.format(file=target), path=target)


def atomic_write(
    target: Path, data: bytes, *, force: bool = False, exists_message: str | None = None
) -> None:
    """Write `data` to `target` through a temporary file, published in one step.

    `exists_message` replaces the standard "file exists, use --force" message.

    Raises:
        OutputError: the target exists (without `force`), is not a regular file, is locked,
            or cannot be written.

    """
    check_target(target, force=force, exists_message=exists_message)
    folder = target.parent
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".bdg-plan-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(os_error_message(exc, target, writing=True), path=target) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(target))
        if force:
            _replace(temp, target)
        else:
            _publish_new(temp, target, data, exists_message)
    except OSError as exc:
        # errors.os_error_message: Word's sharing violation (Windows) is "open in Word"; an
        # immutable file (EPERM) or a refused folder is said as such.
        raise OutputError(os_error_message(exc, target, writing=True), path=target) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _umask() -> int:
    """The process's umask, read without changing it where the system shows it (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The mode of the published file: the replaced file's own, else 0666 less the umask."""
    try:
        status = os.stat(target)
    except OSError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode):
        return stat.S_IMODE(status.st_mode)
    return 0o666 & ~_umask()


def _replace(temp: Path, target: Path) -> None:
    """Rename over the target, unless it became something other than a regular file meanwhile."""
    status = _existing(target)
    if status is not None:
        _refuse_non_regular(target, status)
    os.replace(temp, target)


def _publish_new(temp: Path, target: Path, data: bytes, exists_message: str | None) -> None:
    """Give the complete temporary file the target's name, failing if that name exists."""
    try:
        os.link(temp, target)
        return
    except FileExistsError:
        raise OutputError(exists_message or msg.OUTPUT_EXISTS.format(file=target), path=target) from None
    except OSError:
        # No hard links here (FAT, many network shares; the error differs by system and
        # share): the exclusive create below is as safe against overwriting, and reports
        # its own error if the folder cannot be written at all.
        pass
    _create_exclusive(target, data, exists_message)


def _create_exclusive(target: Path, data: bytes, exists_message: str | None) -> None:
    """Create the target only if no such name exists (O_EXCL), and write the bytes into it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(target, flags, 0o666)
    except FileExistsError:
        raise OutputError(exists_message or msg.OUTPUT_EXISTS.format(file=target), path=target) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        # The file is ours (created just now): remove the partial copy.
        with contextlib.suppress(OSError):
            target.unlink()
        raise
