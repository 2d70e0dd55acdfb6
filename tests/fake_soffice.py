"""A stand-in for LibreOffice's `soffice`, for the conversion logic without LibreOffice.

It checks its arguments as soffice would use them, appends the names of each run's files to
FAKE_SOFFICE_LOG (when set), writes to FAKE_SOFFICE_REPORT (when set), as JSON, the profile's
settings file, the address-space ceiling it runs under and its process group, then acts as
FAKE_SOFFICE_MODE says: "ok" converts every file ("%PDF-1.4 fake from NAME"), except that a file
containing BAD is skipped with LibreOffice's message and a file containing CRASH kills the run
there; "die-once" dies after its first file the first time (a marker beside the log); "nothing"
writes nothing; FAKE_SOFFICE_PLANT (when set) names a file it writes "signed copy" into
while it converts; "noise" prints only LibreOffice's Java warning and fails; "sleep" hangs with a
child process (both pids appended to FAKE_SOFFICE_PIDS).
"""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPT = """\
#!{python}
import json, os, resource, subprocess, sys, time, urllib.parse, urllib.request
args = sys.argv[1:]
assert "--headless" in args and "--convert-to" in args, args
profile = [a for a in args if a.startswith("-env:UserInstallation=file:")]
assert profile, args
report = os.environ.get("FAKE_SOFFICE_REPORT")
if report:
    folder = urllib.request.url2pathname(urllib.parse.urlparse(profile[0].split("=", 1)[1]).path)
    settings = os.path.join(folder, "user", "registrymodifications.xcu")
    with open(report, "w") as stream:
        json.dump({{
            "settings": open(settings).read() if os.path.exists(settings) else None,
            "memory": resource.getrlimit(resource.RLIMIT_AS)[0],
            "group": os.getpgrp(),
            "pid": os.getpid(),
        }}, stream)
kind = args[args.index("--convert-to") + 1].split(":")[0]
outdir = args[args.index("--outdir") + 1]
sources = args[args.index("--outdir") + 2:]
mode = os.environ.get("FAKE_SOFFICE_MODE", "ok")
log = os.environ.get("FAKE_SOFFICE_LOG")
if log:
    with open(log, "a") as stream:
        stream.write(" ".join(os.path.basename(s) for s in sources) + "\\n")
plant = os.environ.get("FAKE_SOFFICE_PLANT")
if plant:
    with open(plant, "wb") as stream:
        stream.write(b"signed copy")
if mode == "noise":
    print("Warning: failed to launch javaldx - java may not function correctly")
    sys.exit(1)
if mode == "nothing":
    print("Error: source file could not be loaded")
    sys.exit(0)
if mode == "sleep":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    with open(os.environ["FAKE_SOFFICE_PIDS"], "a") as pids:
        pids.write(f"{{os.getpid()}} {{child.pid}}\\n")
    time.sleep(120)
os.makedirs(outdir, exist_ok=True)
for number, source in enumerate(sources):
    with open(source, "rb") as stream:
        data = stream.read()
    if b"CRASH" in data:
        print("LibreOffice crashed")
        sys.exit(134)
    if mode == "die-once" and number == 1 and log and not os.path.exists(log + ".died"):
        open(log + ".died", "w").close()
        sys.exit(139)
    if b"BAD" in data:
        print("Error: source file could not be loaded")
        continue
    name = os.path.splitext(os.path.basename(source))[0] + "." + kind
    with open(os.path.join(outdir, name), "wb") as out:
        out.write(b"%PDF-1.4 fake from " + os.path.basename(source).encode())
"""


def install(folder: Path) -> str:
    """Write the fake `soffice` into `folder/bin` and return its path."""
    script = folder / "bin" / "soffice"
    script.parent.mkdir(exist_ok=True)
    script.write_text(SCRIPT.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def sources(folder: Path, *contents: str) -> list[tuple[Path, Path]]:
    """Documents named with Vietnamese letters and spaces, each with its PDF target beside it."""
    jobs = []
    for number, content in enumerate(contents, 1):
        source = folder / f"xã số {number}.docx"
        source.write_text(content, encoding="utf-8")
        jobs.append((source, source.with_suffix(".pdf")))
    return jobs
