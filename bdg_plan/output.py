"""Pipeline stage 6: save bytes to a file atomically, refusing to clobber or to write into locks.

A temporary file is written in the target's folder, flushed to disk, then renamed over the
target, so a failure or a kill leaves either the old file or the complete new one, never half a
file. A file open in Word or LibreOffice (its lock file beside it) is refused with a message.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.errors import OutputError


def lock_files(target: Path) -> list[Path]:
    """The lock files Word ("~$name") and LibreOffice (".~lock.name#") keep beside an open file."""
    name = target.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(f"~${name[2:]}")
    return [target.with_name(candidate) for candidate in candidates]


def check_target(target: Path, *, force: bool) -> None:
    """Refuse a target that is a folder, open in an editor, in a missing folder, or exists."""
    folder = target.parent
    if target.is_dir():
        raise OutputError(msg.OUTPUT_IS_DIR.format(file=target))
    if not folder.is_dir():
        raise OutputError(msg.OUTPUT_DIR_MISSING.format(folder=folder))
    if any(lock.exists() for lock in lock_files(target)):
        raise OutputError(msg.OUTPUT_LOCKED.format(file=target))
    if target.exists() and not force:
        raise OutputError(msg.OUTPUT_EXISTS.format(file=target))


def atomic_write(target: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `target` through a temporary file and a rename.

    Raises:
        OutputError: the target exists (without `force`), is locked, or cannot be written.

    """
    check_target(target, force=force)
    folder = target.parent
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".bdg-plan-", suffix=".tmp")
    except PermissionError:
        raise OutputError(msg.OUTPUT_NOT_WRITABLE.format(folder=folder)) from None
    except OSError as exc:
        raise OutputError(msg.OUTPUT_FAILED.format(file=target, reason=exc.strerror or exc)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except PermissionError:
        raise OutputError(msg.OUTPUT_LOCKED.format(file=target)) from None
    except OSError as exc:
        raise OutputError(msg.OUTPUT_FAILED.format(file=target, reason=exc.strerror or exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
