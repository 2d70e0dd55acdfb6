"""Where bdg-plan keeps what it prepares once and reuses on every start: read and written here.

Two things are cached, each keyed so that a stale entry is never used: the plan model's core
schemas (`startup.model_cache`) and the compiled built-in templates (`startup.template_cache`).
Both are code the program made from its own source, so they live only beside Python's byte code
for this package (`bdg_plan/startup/__pycache__/`, or under `sys.pycache_prefix`): the same trust
as the `.pyc` files the interpreter runs, since whoever can write one can write the other. There
is no other place: not the user's cache folder (an environment variable could point it at a
folder someone else writes), never beside a plan file. When that folder cannot be written (a
read-only install), nothing is cached and the work is done on each start.

`BDG_PLAN_NO_CACHE=1` (any value but empty or `0`) turns both caches off: nothing read or written.

A cache file is read only when it is a regular file (a symbolic link, a pipe or a device is not
opened or not read), at most `MAX_CACHE_BYTES` long, and, where the system has owners, owned by
the user running the program or by the owner of the package and writable by no one else. Writes
are atomic (`output.atomic_write`), and a link or a pipe found in a cache file's place is removed
(the link itself, never what it points to) so the cache does not stay off; reading never raises.
"""

from __future__ import annotations

import contextlib
import os
import stat

#: The environment variable that turns the start caches off.
NO_CACHE_ENV = "BDG_PLAN_NO_CACHE"

#: The largest cache file read, in bytes (the plan model's is about 50 KB, a template's a few KB).
MAX_CACHE_BYTES = 1_000_000

#: How a cache file is opened: never through a symbolic link, never waiting on a pipe.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def caching_off() -> bool:
    """Whether the user turned the start caches off (`BDG_PLAN_NO_CACHE`)."""
    return os.environ.get(NO_CACHE_ENV, "") not in ("", "0")


def cache_folder() -> str | None:
    """The folder of the start caches (beside this package's byte code), or None: no caching."""
    import importlib.util

    if caching_off():
        return None
    try:
        byte_code = os.path.dirname(importlib.util.cache_from_source(__file__))
    except NotImplementedError:  # an interpreter without byte-code caching (no cache tag)
        return None
    return byte_code if os.path.isabs(byte_code) else None


def read(name: str) -> bytes | None:
    """The bytes of the cache file called `name` if there is a trusted one to read; else None."""
    folder = cache_folder()
    return None if folder is None else read_file(os.path.join(folder, name))


def read_file(path: str) -> bytes | None:
    """The bytes of the regular file at `path` if it is trusted and not too long; else None."""
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError:  # missing, a symbolic link (O_NOFOLLOW), unreadable
        return None
    try:
        if not trusted(os.fstat(handle)):
            return None
        data = os.read(handle, MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    return data if len(data) <= MAX_CACHE_BYTES else None


def trusted(status: os.stat_result) -> bool:
    """A regular file of a bounded size, owned by this user or the package's owner, writable by no other."""
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_CACHE_BYTES:
        return False
    if not hasattr(os, "geteuid"):  # Windows: the folder's access rules decide
        return True
    owners = {os.geteuid(), os.stat(__file__).st_uid}
    return status.st_uid in owners and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write(name: str, data: bytes) -> None:
    """Write a cache file atomically beside the byte code; give up quietly when that cannot be."""
    from pathlib import Path

    from bdg_plan.errors import OutputError
    from bdg_plan.output import atomic_write

    folder = cache_folder()
    if folder is None:
        return
    target = Path(folder) / name
    with contextlib.suppress(OSError, OutputError):  # a read-only install: no cache, as documented
        os.makedirs(folder, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(target.lstat().st_mode):  # a link or a pipe where the cache goes
                target.unlink()  # removes the link itself, never what it points to
        atomic_write(target, data, force=True)
