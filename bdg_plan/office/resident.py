"""A LibreOffice kept running for a process's whole life, fed one document at a time over UNO.

Handing work to a running LibreOffice needs its UNO bridge (`import uno`), which lives only in
LibreOffice's own Python (`program/python.exe` on Windows, the system python3 with python3-uno on
Debian/Ubuntu), never in the interpreter running bdg-plan. So bdg-plan finds such a Python once
per process (`find_uno_python`) and runs the small bridge script shipped in the package
(`office_bridge.py`, standard library and `uno` only) under it. The bridge starts one headless
LibreOffice with a private profile and converts the documents it is sent, one JSON line each
way. The project ships its own bridge rather than unoserver because unoserver must be installed
by the user into LibreOffice's own Python, which a commune clerk cannot be asked to do.

Failures: a document LibreOffice cannot read fails alone. If LibreOffice dies or hangs on a
document (past `document_timeout`), the bridge and LibreOffice are stopped, a new pair is
started and only that document is tried again; a document that brings LibreOffice down twice
fails alone with the reason, and the documents after it go on. If the bridge cannot start twice
in a row, `BridgeUnavailable` tells the caller to use plain `soffice --convert-to` runs instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.office.process_tree import start, stop_process_tree

#: Set to the path of a Python that has LibreOffice's `uno` to use it, or to "" to never keep a
#: LibreOffice running (every conversion is then a plain `soffice --convert-to` run). Only an
#: existing regular executable file named `python*` is run (`_acceptable_python`); any other
#: value also means plain runs, so the variable cannot be used to start another program.
UNO_PYTHON_ENV = "BDG_PLAN_UNO_PYTHON"
#: The bridge script, run by the UNO Python.
BRIDGE_SCRIPT = Path(__file__).with_name("bridge.py")
#: Seconds a Python may take to answer whether it has `uno`.
PROBE_SECONDS = 30.0
#: LibreOffice's export filter for each target kind.
FILTERS = {"pdf": "writer_pdf_Export"}

#: Bytes of address space a LibreOffice may use (`RLIMIT_AS`, POSIX): LibreOffice 7.4 converts a
#: plan under a 0.5 GB ceiling and fails under 0.3 GB; a huge or hostile document is stopped at
#: this ceiling instead of taking the machine's memory.
OFFICE_MEMORY_BYTES = 2 * 1024**3

#: Settings written into every profile before LibreOffice starts: a document's links, linked
#: images and stylesheets are never fetched (an imported .odt or .doc could name a server, or on
#: Windows a share that would receive the login's hash), macros never run, no update check, and
#: any other network use goes to a proxy on a closed local port.
SAFE_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    # Writer: 0 always, 1 on request, 2 never. Calc: 0 always, 1 never, 2 on request.
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Writer/Content/Update", "Field", "false"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),
    (
        "/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
        "AutoCheckEnabled",
        "false",
    ),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
)

_probed: dict[str, str | None] = {}


def prepare_profile(profile: Path) -> None:
    """Create a LibreOffice profile folder holding `SAFE_SETTINGS`, before LibreOffice first uses it.

    LibreOffice keeps these settings and adds its own beside them when it builds the profile.
    """
    from xml.sax.saxutils import quoteattr

    items = [
        f'<item oor:path={quoteattr(path)}><prop oor:name={quoteattr(name)} oor:op="fuse">'
        f"<value>{value}</value></prop></item>"
        for path, name, value in SAFE_SETTINGS
    ]
    text = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
            *items,
            "</oor:items>",
            "",
        ]
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(text, encoding="utf-8")


class BridgeUnavailable(Exception):
    """The bridge could not be started (twice in a row); `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _candidates(soffice: str) -> list[str]:
    """Pythons that may have `uno`: the one beside LibreOffice first, then the system's python3."""
    program = Path(os.path.realpath(soffice)).parent
    found = [
        program / "python.exe",  # Windows
        program / "python",  # LibreOffice's own Linux builds
        program.parent / "Resources" / "python",  # macOS: LibreOffice.app/Contents/{MacOS,Resources}
    ]
    places = [str(path) for path in found if path.is_file()]
    if sys.platform != "win32":
        places += [p for p in (shutil.which("python3"), "/usr/bin/python3") if p and Path(p).is_file()]
    return list(dict.fromkeys(places))


def _has_uno(python: str) -> bool:
    try:
        done = subprocess.run(
            [python, "-c", "import uno"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=PROBE_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _acceptable_python(path: str) -> bool:
    """True for an existing regular file, executable, whose name starts with `python`."""
    if not path:
        return False
    name = os.path.basename(path).lower()
    if not name.startswith("python"):
        return False
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(status.st_mode) and os.access(path, os.X_OK)


def find_uno_python(soffice: str) -> str | None:
    """A Python that can `import uno` for this LibreOffice, or None; asked once per process."""
    chosen = os.environ.get(UNO_PYTHON_ENV)
    if chosen is not None:
        return chosen if _acceptable_python(chosen) else None
    if soffice not in _probed:
        _probed[soffice] = next((python for python in _candidates(soffice) if _has_uno(python)), None)
    return _probed[soffice]


class _Bridge:
    """One bridge process and the LibreOffice it started, answering over pipes."""

    def __init__(self, python: str, soffice: str, profile: Path, log: Path, start_timeout: float) -> None:
        command = [python, str(BRIDGE_SCRIPT), "--soffice", soffice, "--profile", str(profile)]
        command += ["--start-timeout", str(start_timeout)]
        prepare_profile(profile)
        with log.open("ab") as errors:
            # Its own process group, with LibreOffice in it: one signal stops both. It gets
            # SIGTERM when this process dies, and then stops LibreOffice (bridge.py).
            self.process = start(
                command,
                memory=OFFICE_MEMORY_BYTES,
                parent_death=signal.SIGTERM,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        self._lines: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(b"")

    def answer(self, timeout: float) -> dict[str, Any] | None:
        """The next JSON line; None when the bridge said nothing within `timeout`.

        A bridge that ended (or wrote something else than an answer) counts as a dead LibreOffice.
        """
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None
        try:
            answer = json.loads(line)
        except ValueError:
            answer = None
        return answer if isinstance(answer, dict) else {"ok": False, "ready": False, "dead": True}

    def ask(self, request: dict[str, str], timeout: float) -> dict[str, Any] | None:
        """Send one request; its answer (see `answer`), or None when the bridge hung."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request).encode("ascii") + b"\n")
            self.process.stdin.flush()
        except OSError:  # the bridge is gone
            return {"ok": False, "dead": True}
        return self.answer(timeout)

    def close(self, wait: float) -> None:
        """Ask the bridge to stop LibreOffice and end; stop them both if it does not in time."""
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(wait)
        # Also when the bridge ended: a LibreOffice left in its group is stopped with the group.
        stop_process_tree(self.process)
        if self.process.stdout is not None:
            self.process.stdout.close()


class ResidentOffice:
    """LibreOffice kept running behind a bridge; started on the first document, restarted on death."""

    #: Seconds the bridge is given to quit LibreOffice cleanly at the end.
    close_seconds = 15.0

    def __init__(
        self, python: str, soffice: str, folder: Path, *, start_timeout: float, document_timeout: float
    ) -> None:
        """Prepare (not start) a resident LibreOffice whose profiles and logs go in `folder`."""
        self.python = python
        self.soffice = soffice
        self.folder = folder
        self.start_timeout = start_timeout
        self.document_timeout = document_timeout
        self.starts = 0
        self._bridge: _Bridge | None = None

    def close(self) -> None:
        """Stop the bridge and LibreOffice (the caller removes `folder`)."""
        bridge, self._bridge = self._bridge, None
        if bridge is not None:
            bridge.close(self.close_seconds)

    def _discard(self) -> None:
        bridge, self._bridge = self._bridge, None
        if bridge is not None:
            bridge.close(0)

    def _ensure(self) -> _Bridge:
        """The running bridge, started if need be (two tries).

        Raises:
            BridgeUnavailable: it did not get ready twice in a row.

        """
        reason = ""
        for _ in range(2):
            if self._bridge is not None:
                return self._bridge
            self.starts += 1
            profile = self.folder / f"profile-{self.starts}"
            log = self.folder / "bridge.log"
            try:
                bridge = _Bridge(self.python, self.soffice, profile, log, self.start_timeout)
            except OSError as exc:
                raise BridgeUnavailable(str(exc.strerror or exc)) from None
            ready = bridge.answer(self.start_timeout + 5)
            if ready is not None and ready.get("ready") is True:
                self._bridge = bridge
                return bridge
            bridge.close(0)
            reason = (
                str(ready.get("reason") or _last_line(log))
                if ready
                else msg.PDF_TIMEOUT.format(seconds=round(self.start_timeout))
            )
        raise BridgeUnavailable(reason)

    def convert(self, jobs: Sequence[tuple[Path, Path]], fmt: str) -> list[str | None]:
        """Convert each `(source, work_file)`; None for each done, or the reason (`{file}` in it).

        Raises:
            BridgeUnavailable: the bridge cannot start (the caller falls back to plain runs);
                the documents converted before it stay converted, so the caller may retry all.

        """
        kind = fmt.split(":", 1)[0]
        return [self._convert_one(source, work, kind) for source, work in jobs]

    def _convert_one(self, source: Path, work: Path, kind: str) -> str | None:
        request = {"source": str(source.resolve()), "target": str(work.resolve()), "filter": FILTERS[kind]}
        reason = ""
        for _ in range(2):
            answer = self._ensure().ask(request, self.document_timeout)
            if answer is not None and answer.get("ok") is True:
                return None
            if answer is not None and not answer.get("dead"):
                detail = str(answer.get("reason", ""))
                return msg.CONVERT_REFUSED.format(file="{file}", kind=kind.upper(), detail=detail)
            if answer is None:
                reason = msg.PDF_DOCUMENT_TIMEOUT.format(seconds=round(self.document_timeout))
            else:
                detail = str(answer.get("reason", "")) if answer else ""
                reason = msg.OFFICE_DIED.format(file="{file}", kind=kind.upper(), detail=detail)
            self._discard()  # stop what is left of this LibreOffice; the next try starts a new one
        return reason.strip()


def _last_line(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


__all__ = ["FILTERS", "UNO_PYTHON_ENV", "BridgeUnavailable", "ResidentOffice", "find_uno_python"]
