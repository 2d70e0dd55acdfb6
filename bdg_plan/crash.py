"""The crash log: where the CLI boundary writes the traceback of an unexpected error.

A clerk never sees a traceback; they see one Vietnamese sentence with the path of this file, and
send the file to whoever supports them. The log goes to the user's cache folder
(`%LOCALAPPDATA%/bdg-plan/loi` on Windows, `$XDG_CACHE_HOME/bdg-plan/loi` or `~/.cache/...`
elsewhere; a relative `XDG_CACHE_HOME` is ignored, as the XDG specification says), else
`bdg-plan-loi` in the system's temporary folder. A log folder is used only when it is a real
folder (not a symbolic link) owned by the user and writable by no one else; one this module makes
is private (mode 0o700). Each log is a new file (`tempfile.mkstemp`: O_EXCL and O_NOFOLLOW), so
no existing file is followed or overwritten. Nothing here raises.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import stat
import sys
import tempfile
import traceback
from pathlib import Path

from bdg_plan import __version__


def user_cache_folder() -> Path:
    """bdg-plan's folder in the user's cache, the crash logs' parent."""
    for variable in ("LOCALAPPDATA",) if os.name == "nt" else ("XDG_CACHE_HOME",):
        value = os.environ.get(variable, "")
        if os.path.isabs(value):
            return Path(value) / "bdg-plan"
    return Path.home() / ".cache" / "bdg-plan"


def crash_folders() -> list[Path]:
    """The folders tried for a crash log, best first."""
    return [user_cache_folder() / "loi", Path(tempfile.gettempdir()) / "bdg-plan-loi"]


def private_folder(folder: Path) -> bool:
    """Make `folder` (mode 0o700) if it is missing; whether it is a real folder only this user writes."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        status = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode):  # lstat: a symbolic link is not a folder here
        return False
    if not hasattr(os, "geteuid"):  # Windows: the folder is in the user's own profile
        return True
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_crash_log(exc: BaseException) -> Path | None:
    """Write `exc`'s traceback, the command line and versions to a new log file; its path or None."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    lines = [
        f"bdg-plan {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"argv: {sys.argv!r}",
        "",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    for folder in crash_folders():
        if not private_folder(folder):
            continue
        try:
            handle, name = tempfile.mkstemp(prefix=f"loi-{stamp}-", suffix=".txt", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as stream:
                stream.write("\n".join(line.rstrip("\n") for line in lines) + "\n")
        except OSError:  # the log is a courtesy: try the next folder
            continue
        return Path(name)
    return None
