"""Helper programs (LibreOffice, its bridge) in a process group of their own, and stopping them.

A program started with `start` gets its own process group (Windows: its own console group), so
`stop_process_tree` stops it together with every process it started (soffice.bin under the
soffice launcher, LibreOffice under the bridge), and a Ctrl+C meant for bdg-plan does not reach
it first. On POSIX it also gets a ceiling on its memory (`RLIMIT_AS`), and on Linux it is told to
die with its parent (`PR_SET_PDEATHSIG`): a bdg-plan killed outright (`kill -9`) leaves no
LibreOffice behind. `stop_every_tree` stops every group this process started and has not
stopped yet: a batch worker told to stop calls it before it exits.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any

_WINDOWS = sys.platform == "win32"

#: Keyword arguments for `subprocess.Popen` that start a program in a group of its own.
NEW_GROUP: dict[str, Any] = (
    {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    if _WINDOWS
    else {"start_new_session": True}
)

#: Linux's prctl option that sends a signal to a process when its parent dies.
PR_SET_PDEATHSIG = 1

#: The groups started by `start` and not stopped yet, by leader pid.
_groups: dict[int, subprocess.Popen[bytes]] = {}


def _load_prctl() -> Callable[..., int] | None:
    """The C library's prctl on Linux (loaded before any fork: a child must not load libraries), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        prctl: Callable[..., int] = libc.prctl
    except (OSError, AttributeError):
        return None
    return prctl


_PRCTL = _load_prctl()


def die_with_parent(signal_number: int = signal.SIGTERM) -> bool:
    """Ask the system to send `signal_number` to this process when its parent dies (Linux only).

    Returns True when the system took the request.
    """
    if _PRCTL is None:
        return False
    return _PRCTL(PR_SET_PDEATHSIG, int(signal_number), 0, 0, 0) == 0


def child_setup(memory: int | None, parent_death: int = signal.SIGKILL) -> Callable[[], None] | None:
    """The `preexec_fn` for a helper program: its memory ceiling and death with its parent.

    None on Windows, where neither exists (the job of stopping it is `stop_process_tree`'s).
    """
    if _WINDOWS:
        return None
    import resource

    def setup() -> None:  # runs in the child, between fork and exec: no allocation-heavy work
        if _PRCTL is not None:
            _PRCTL(PR_SET_PDEATHSIG, int(parent_death), 0, 0, 0)
        if memory is not None:
            with contextlib.suppress(ValueError, OSError):
                _, hard = resource.getrlimit(resource.RLIMIT_AS)
                limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))

    return setup


def start(
    command: list[str], *, memory: int | None = None, parent_death: int = signal.SIGKILL, **options: Any
) -> subprocess.Popen[bytes]:
    """Start `command` in a group of its own, with its memory ceiling, dying with this process.

    Raises:
        OSError: the program cannot be started.

    """
    setup = child_setup(memory, parent_death)
    if setup is not None:
        options["preexec_fn"] = setup
    process: subprocess.Popen[bytes] = subprocess.Popen(command, **options, **NEW_GROUP)
    _groups[process.pid] = process
    return process


def stop_process_tree(process: subprocess.Popen[bytes]) -> None:
    """Stop a program started with `start` (or `NEW_GROUP`) and the processes it started, then reap it.

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
    _groups.pop(process.pid, None)


def stop_every_tree() -> int:
    """Stop every group `start` started in this process and not stopped yet; how many there were.

    Safe in a signal handler that then ends the process: it only sends signals and reaps.
    """
    stopped = 0
    for process in list(_groups.values()):
        stop_process_tree(process)
        stopped += 1
    return stopped


__all__ = [
    "NEW_GROUP",
    "child_setup",
    "die_with_parent",
    "start",
    "stop_every_tree",
    "stop_process_tree",
]
