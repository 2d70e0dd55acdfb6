"""The bridge to one resident LibreOffice: a script run by a Python that has LibreOffice's `uno`.

bdg-plan does not import this module. It runs it as a script (`python office_bridge.py ...`)
under LibreOffice's own Python (`program/python.exe` on Windows, the system python3 with
python3-uno on Debian/Ubuntu), because the UNO bridge exists only there. So it imports nothing
but the standard library and `uno`, and must work on any Python LibreOffice ships (3.8 and up).

It starts one headless LibreOffice with the profile folder it is given, listening on a private
pipe, connects to it, prints one JSON line (`{"ready": true}` or `{"ready": false, "reason": ...}`),
then serves one JSON request per line on stdin:

    {"source": "/abs/plan.docx", "target": "/abs/work/00001.pdf", "filter": "writer_pdf_Export"}

and answers each with one JSON line: `{"ok": true}`, or `{"ok": false, "reason": ..., "dead": bool}`.
`dead` means LibreOffice itself is gone (crashed, killed, lost its connection): the bridge then
exits, and bdg-plan starts a new bridge and retries that document alone. At the end of stdin
(bdg-plan closed it, or bdg-plan itself died) it asks LibreOffice to quit, stops it if it does
not, and removes the profile folder.
"""

from __future__ import annotations

import os
import sys

# Run as a script, Python puts this file's folder (the bdg_plan package) first on sys.path; none
# of the package's modules may shadow a standard module for the bridge. (os and sys are loaded
# before any script runs, so they cannot be shadowed.)
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != _HERE]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

#: Seconds given to LibreOffice to quit when asked before it is stopped.
QUIT_SECONDS = 10.0


def _stop_on_signal(profile: Path) -> None:
    """On SIGTERM, stop LibreOffice with the whole group this bridge leads, remove the profile, end.

    SIGTERM comes when bdg-plan died (the parent-death signal) or was told to stop. A helper
    forked into a session of its own does the work, since the group's end ends this bridge too.
    """
    import signal

    def stop(number: int, frame: Any) -> None:
        group = os.getpgrp()
        if os.fork() == 0:
            os.setsid()
            with contextlib.suppress(OSError):
                os.killpg(group, signal.SIGKILL)
            for _ in range(100):  # until every process of the group is gone (at most 10 s)
                try:
                    os.killpg(group, 0)
                except OSError:
                    break
                time.sleep(0.1)
            shutil.rmtree(profile, ignore_errors=True)
            os._exit(0)
        time.sleep(60)  # the helper's signal ends this process
        os._exit(128 + number)

    if sys.platform != "win32":
        signal.signal(signal.SIGTERM, stop)
        # The parent may have died before the handler was set: its death signal is then lost.
        if os.getppid() == 1:
            stop(signal.SIGTERM, None)


def _send(answer: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


def _start(soffice: str, profile: Path, pipe: str) -> subprocess.Popen[bytes]:
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        "--nologo",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    return subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _connect(uno: Any, office: subprocess.Popen[bytes], pipe: str, timeout: float) -> Any:
    """Connect to the LibreOffice just started; return its desktop, or raise RuntimeError."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception as exc:  # NoConnectException until LibreOffice listens
            if office.poll() is not None:
                raise RuntimeError(f"LibreOffice exited with code {office.returncode}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"no connection after {timeout:.0f} s ({exc})") from None
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _property(uno: Any, name: str, value: Any) -> Any:
    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name = name
    prop.Value = value
    return prop


def _convert(uno: Any, desktop: Any, request: dict[str, str]) -> None:
    """Load the source hidden and read-only, store it through the filter, close it.

    Raises:
        ValueError: LibreOffice could not load the source.
        Exception: any UNO error (a dead LibreOffice among them).

    """
    load = (_property(uno, "Hidden", True), _property(uno, "ReadOnly", True))
    url = uno.systemPathToFileUrl(request["source"])
    document = desktop.loadComponentFromURL(url, "_blank", 0, load)
    if document is None:
        raise ValueError("source file could not be loaded")
    try:
        store = (_property(uno, "FilterName", request["filter"]),)
        document.storeToURL(uno.systemPathToFileUrl(request["target"]), store)
    finally:
        document.close(True)


def _serve(uno: Any, desktop: Any, office: subprocess.Popen[bytes]) -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            _convert(uno, desktop, request)
        except Exception as exc:
            time.sleep(0.2)  # a crashing LibreOffice may take a moment to be seen as exited
            dead = office.poll() is not None or "disposed" in f"{type(exc).__name__} {exc}".lower()
            reason = str(exc).strip() or type(exc).__name__
            _send({"ok": False, "reason": reason.splitlines()[0][:300], "dead": dead})
            if dead:
                return
        else:
            _send({"ok": True})


def _quit(desktop: Any, office: subprocess.Popen[bytes]) -> None:
    if desktop is not None and office.poll() is None:
        with contextlib.suppress(Exception):  # a LibreOffice that is going away may refuse
            desktop.terminate()
    try:
        office.wait(QUIT_SECONDS)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def main(argv: list[str] | None = None) -> int:
    """Start LibreOffice, serve requests until stdin ends, stop LibreOffice; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--start-timeout", type=float, default=180.0)
    args = parser.parse_args(argv)
    _stop_on_signal(args.profile.resolve())
    try:
        import uno  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        _send({"ready": False, "reason": f"no uno module: {exc}"})
        return 2
    pipe = f"bdg-plan-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    office = _start(args.soffice, args.profile.resolve(), pipe)
    desktop = None
    try:
        try:
            desktop = _connect(uno, office, pipe, args.start_timeout)
        except Exception as exc:
            _send({"ready": False, "reason": str(exc)})
            return 3
        _send({"ready": True, "pid": office.pid})
        _serve(uno, desktop, office)
    except BrokenPipeError:  # bdg-plan is gone: nobody to answer
        pass
    finally:
        _quit(desktop, office)
        shutil.rmtree(args.profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
