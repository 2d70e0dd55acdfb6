"""Where bdg-plan keeps what it prepares once and reuses on every start: read and written here.

Two things are cached, each keyed so that a stale entry is never used: the plan model's core
schemas (`startup.model_cache`) and the compiled built-in templates (`startup.template_cache`).
Both are code the program made from its own source, so they live beside Python's byte code for
this package (`bdg_plan/__pycache__/`, or under `sys.pycache_prefix`): the same trust as the
`.pyc` files the interpreter runs, since whoever can write one can write the other. When that
folder cannot be written (a read-only install), bdg-plan's folder in the user's cache is used
(`crash.user_cache_folder`); failing both, nothing is cached and the work is done on each start.
Never beside a plan file. Writes are atomic (`output.atomic_write`); reading never raises.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


def cache_folders() -> Iterator[str]:
    """Where a cache file may live, best first: beside this package's byte code, the user's cache."""
    import importlib.util

    try:
        byte_code = os.path.dirname(importlib.util.cache_from_source(__file__))
    except NotImplementedError:  # an interpreter without byte-code caching (no cache tag)
        byte_code = ""
    if byte_code:
        yield byte_code
    from bdg_plan.crash import user_cache_folder  # only when the first folder did not serve

    yield str(user_cache_folder())


def read(name: str) -> Iterator[bytes]:
    """The bytes of each cache file called `name` that can be read, best folder first."""
    for folder in cache_folders():
        try:
            with open(os.path.join(folder, name), "rb") as stream:
                data = stream.read()
        except OSError:
            continue
        yield data


def write(name: str, data: bytes) -> None:
    """Write a cache file atomically to the first folder that takes it; give up quietly otherwise."""
    from pathlib import Path

    from bdg_plan.errors import OutputError
    from bdg_plan.output import atomic_write

    for folder in cache_folders():
        with contextlib.suppress(OSError, OutputError):
            os.makedirs(folder, exist_ok=True)
            atomic_write(Path(folder) / name, data, force=True)
            return
