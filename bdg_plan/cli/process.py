"""What only the `bdg-plan` program does to its own process: at its start, and at its very end.

Library code never calls these: a program that imports bdg_plan keeps pydantic's plugins and its
interpreter's ordinary exit.

- pydantic looks for plugins (package entry points) the first time it builds a model, which
  imports importlib.metadata and with it email, csv, zipfile and socket, a sizeable part of every
  start (figures in docs/performance.md), for plugins bdg-plan does not use. The program tells
  pydantic there are none.
- The interpreter's teardown (freeing every module and object, longer than a validate's own work:
  docs/performance.md) is skipped. When the command has returned, the `atexit` functions run
  (a library's clean-up is kept), stdout and stderr are flushed and the process ends with
  `os._exit` and the command's exit code. Every file a command writes is closed by then:
  `output.atomic_write` closes and renames before it returns, batch workers are joined, the watch
  observer is stopped. Under coverage the ordinary exit runs, so its data is saved.
"""

from __future__ import annotations

import atexit
import os
import sys
import types
from collections.abc import Callable
from typing import NoReturn

_PLUGIN_LOADER = "pydantic.plugin._loader"


def skip_pydantic_plugins() -> None:
    """Make pydantic find no plugins without scanning the installed packages for them."""
    if _PLUGIN_LOADER in sys.modules:
        return
    loader = types.ModuleType(_PLUGIN_LOADER)
    # The names pydantic's loader module defines: the group, the cache, the lookup.
    loader.PYDANTIC_ENTRY_POINT_GROUP = "pydantic"  # type: ignore[attr-defined]
    loader._plugins = {}  # type: ignore[attr-defined]
    loader._loading_plugins = False  # type: ignore[attr-defined]
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[_PLUGIN_LOADER] = loader


def exit_code(code: object) -> int:
    """The process exit code for `SystemExit(code)`, as the interpreter would compute it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


def run_and_exit(command: Callable[[], object]) -> NoReturn:
    """Run the command line, then the `atexit` functions, flush, and end the process with its code."""
    try:
        command()
        code = 0
    except SystemExit as exc:
        code = exit_code(exc.code)
    if "coverage" in sys.modules:
        sys.exit(code)
    atexit._run_exitfuncs()  # what os._exit would skip; an error in one is printed, the rest run
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            code = code or 1
    os._exit(code)
