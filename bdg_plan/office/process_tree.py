"""Helper programs (LibreOffice, its bridge) in a process group of their own, and stopping them.

A program started with `NEW_GROUP` gets its own process group (Windows: its own console group),
so `stop_process_tree` stops it together with every process it started (soffice.bin under the
soffice launcher, LibreOffice under the bridge), and a Ctrl+C meant for bdg-plan does not
reach it first.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from typing import Any

_WINDOWS = sys.platform == "win32"

#: Keyword arguments for `subprocess.Popen` that start a program in a group of its own.
NEW_GROUP: dict[str, Any] = (
    {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    if _WINDOWS
    else {"start_new_session": True}
)


def stop_process_tree(process: subprocess.Popen[bytes]) -> None:
    """Stop a program started with `NEW_GROUP` and the processes it started, then reap it.

    Its pipes stay open: the caller reads what is left (`communicate`) or closes them.
    """
    if _WINDOWS:
        if process.poll() is None:
            with contextlib.suppress(OSError):
                subprocess.run(
                    ["taskkill", "/F", "/T", "/PID", str(process.pid)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )
    else:
        # The group outlives its leader while any member lives: signal it even after the leader ended.
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()


__all__ = ["NEW_GROUP", "stop_process_tree"]
