"""The crash log: where the CLI boundary writes the traceback of an unexpected error.

A clerk never sees a traceback; they see one Vietnamese sentence with the path of this file, and
send the file to whoever supports them. The log goes to the user's cache folder
(`%LOCALAPPDATA%/bdg-plan/loi` on Windows, `$XDG_CACHE_HOME/bdg-plan/loi` or `~/.cache/...`
elsewhere), else the system's temporary folder. Nothing here raises.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

from bdg_plan import __version__


def user_cache_folder() -> Path:
    """bdg-plan's folder in the user's cache (crash logs, and the plan model's cache if need be)."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        cache = Path(os.environ["LOCALAPPDATA"])
    elif os.environ.get("XDG_CACHE_HOME"):
        cache = Path(os.environ["XDG_CACHE_HOME"])
    else:
        cache = Path.home() / ".cache"
    return cache / "bdg-plan"


def crash_folders() -> list[Path]:
    """The folders tried for a crash log, best first."""
    return [user_cache_folder() / "loi", Path(tempfile.gettempdir()) / "bdg-plan-loi"]


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
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f"loi-{stamp}-", suffix=".txt", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write("\n".join(line.rstrip("\n") for line in lines) + "\n")
        except Exception:  # the log is a courtesy: try the next folder, never fail the report
            continue
        return Path(name)
    return None
