"""A stand-in for a resident LibreOffice: a fake `soffice` that listens, and a fake `uno` module.

`install(folder)` writes three things and returns the fake soffice and the "UNO Python":
- `bin/soffice`: started with `--accept=pipe,name=NAME;...` it makes its profile folder, writes
  its pid to `FAKE_OFFICE_DIR/NAME` (that is "listening"), appends `start PID` to FAKE_OFFICE_LOG
  and waits until `NAME.quit` appears (the desktop's `terminate`). FAKE_OFFICE_MODE=`dead-on-start` makes
  it exit at once. Given `--convert-to` it is the plain fake of `tests/fake_soffice.py`.
- `uno/uno.py`: the few calls the real bridge (`bdg_plan/office_bridge.py`) makes. A document
  is "converted" to `%PDF-1.4 fake resident from NAME`; one containing BAD cannot be loaded; one
  containing CRASH kills the fake soffice during the call, every time; CRASH-ONCE only the first
  time (a marker in FAKE_OFFICE_DIR); HANG never returns. Each call appends `convert NAME`.
- `bin/python-uno`: this interpreter with the fake `uno` on its path, run as the bridge's Python.
So the real bridge script runs in the fast tier; only LibreOffice and its `uno` are fake.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests import fake_soffice

SOFFICE = """\
#!{python}
import os, sys, time
args = sys.argv[1:]
if "--convert-to" in args:
    os.execv({python!r}, [{python!r}, {runs!r}, *args])
accept = next(a for a in args if a.startswith("--accept=pipe,name="))
assert any(a.startswith("-env:UserInstallation=file:") for a in args), args
name = accept.split("name=", 1)[1].split(";", 1)[0]
profile = next(a for a in args if a.startswith("-env:UserInstallation=file:")).split("file://", 1)[1]
os.makedirs(profile, exist_ok=True)  # LibreOffice makes its profile there
with open(os.path.join(profile, "registrymodifications.xcu"), "w") as settings:
    settings.write("<items/>")
folder = os.environ["FAKE_OFFICE_DIR"]
with open(os.environ["FAKE_OFFICE_LOG"], "a") as log:
    log.write(f"start {{os.getpid()}}\\n")
if os.environ.get("FAKE_OFFICE_MODE") == "dead-on-start":
    sys.exit(1)
with open(os.path.join(folder, name + ".tmp"), "w") as pid:
    pid.write(str(os.getpid()))
os.replace(os.path.join(folder, name + ".tmp"), os.path.join(folder, name))  # listening, at once
while not os.path.exists(os.path.join(folder, name + ".quit")):
    time.sleep(0.05)
"""

UNO = '''\
"""Fake `uno` for the bridge's tests (see tests/fake_office.py)."""
import os
import signal
import time
import types
from pathlib import Path
from urllib.parse import unquote, urlparse

FOLDER = Path(os.environ["FAKE_OFFICE_DIR"])


class DisposedException(Exception):
    pass


def _log(line):
    with open(os.environ["FAKE_OFFICE_LOG"], "a") as log:
        log.write(line + "\\n")


def _path(url):
    return Path(unquote(urlparse(url).path))


def systemPathToFileUrl(path):
    return Path(path).as_uri()


def createUnoStruct(name):
    return types.SimpleNamespace()


class _Document:
    def __init__(self, source):
        self.source = source

    def storeToURL(self, url, properties):
        _path(url).write_bytes(b"%PDF-1.4 fake resident from " + self.source.name.encode())

    def close(self, deliver):
        pass


class _Desktop:
    def __init__(self, name):
        self.name = name
        self.pid = int((FOLDER / name).read_text())

    def _alive(self):
        try:
            os.kill(self.pid, 0)
        except OSError:
            return False
        return True

    def loadComponentFromURL(self, url, frame, flags, properties):
        source = _path(url)
        _log(f"convert {source.name}")
        if not self._alive():
            raise DisposedException("Binary URP bridge disposed during call")
        data = source.read_bytes()
        marker = FOLDER / "crashed-once"
        if b"CRASH" in data and (b"CRASH-ONCE" not in data or not marker.exists()):
            marker.touch()
            os.kill(self.pid, signal.SIGKILL)
            raise DisposedException("Binary URP bridge disposed during call")
        if b"HANG" in data:
            time.sleep(600)
        if b"BAD" in data:
            return None
        return _Document(source)

    def terminate(self):
        (FOLDER / (self.name + ".quit")).touch()
        return True


class _Resolver:
    def resolve(self, url):
        name = url.split("name=", 1)[1].split(";", 1)[0]
        if not (FOLDER / name).is_file():
            raise Exception("NoConnectException")
        return types.SimpleNamespace(ServiceManager=_Manager(name))


class _Manager:
    def __init__(self, name=None):
        self.name = name

    def createInstanceWithContext(self, service, context):
        if service.endswith("UnoUrlResolver"):
            return _Resolver()
        return _Desktop(self.name)


def getComponentContext():
    return types.SimpleNamespace(ServiceManager=_Manager())
'''

PYTHON = """\
#!/bin/sh
PYTHONPATH='{uno}' exec '{python}' "$@"
"""


def install(folder: Path) -> tuple[str, str]:
    """Write the fakes into `folder` and return (fake soffice, fake UNO Python)."""
    runs = fake_soffice.install(folder)  # bin/soffice, replaced below; keep it as bin/soffice-runs
    bin_dir = folder / "bin"
    runs_path = bin_dir / "soffice-runs"
    Path(runs).rename(runs_path)
    soffice = bin_dir / "soffice"
    soffice.write_text(SOFFICE.format(python=sys.executable, runs=str(runs_path)), encoding="utf-8")
    uno = folder / "uno"
    uno.mkdir(exist_ok=True)
    (uno / "uno.py").write_text(UNO, encoding="utf-8")
    python = bin_dir / "python-uno"
    python.write_text(PYTHON.format(uno=uno, python=sys.executable), encoding="utf-8")
    for script in (soffice, python):
        script.chmod(0o755)
    (folder / "office").mkdir(exist_ok=True)
    return str(soffice), str(python)
