"""Shared helpers of the benchmark scripts: where things are, whole-process timing, peak memory.

The machines these run on are shared and noisy, so every script runs bdg-plan and the anchors
(docxtpl, pandoc, plain python-docx: /work/shared/bench-anchors) in the same run, interleaved,
and reports ratios. Python byte-code is cached for every Python command alike
(`PYTHONPYCACHEPREFIX`), as it is in an installed wheel.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_PLAN = ROOT / "examples" / "plan2023.yaml"
ANCHORS = Path(os.environ.get("BENCH_ANCHORS", ROOT.parent / "shared" / "bench-anchors"))
PYTHON = sys.executable
BDG_PLAN = [PYTHON, "-m", "bdg_plan"]


def environment(pyc: Path) -> dict[str, str]:
    """The environment of every measured command: byte-code cached under `pyc`."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pyc)
    env["COLUMNS"] = "120"
    return env


def pandoc() -> str:
    """pandoc 3.x from pypandoc-binary when installed (the anchors' figures), else PATH's."""
    try:
        import pypandoc  # type: ignore[import-not-found, unused-ignore]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc") or "pandoc"


def commune_names(count: int) -> list[str]:
    """The anchors' synthetic commune names (common/plan_data.py), so every tool renders the same list."""
    sys.path.insert(0, str(ANCHORS))
    try:
        from common.plan_data import communes  # type: ignore[import-not-found, unused-ignore]
    finally:
        sys.path.remove(str(ANCHORS))
    return list(communes(count))


def write_communes_csv(path: Path, count: int) -> Path:
    """A communes file as a clerk's Excel saves it (UTF-8 with BOM, Vietnamese headers)."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Tên xã", "Địa danh", "Người ký"])
        for index, name in enumerate(commune_names(count)):
            writer.writerow([f"Ủy ban nhân dân xã {name}", name, f"Nguyễn Văn {index}"])
    return path


class PeakMemory:
    """Samples the peak RSS (VmHWM) of every descendant of a process, Linux /proc only."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid = pid
        self.every = every
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _children(self, pid: int) -> list[int]:
        found: list[int] = []
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                text = (task / "children").read_text()
                found += [int(child) for child in text.split()]
        except OSError:
            pass
        return found

    def _run(self) -> None:
        while not self._stop.is_set():
            todo = self._children(self.pid)
            while todo:
                pid = todo.pop()
                todo += self._children(pid)
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peaks[pid] = max(self.peaks.get(pid, 0.0), int(line.split()[1]) / 1024)
            self._stop.wait(self.every)


def run_timed(command: Sequence[str], env: dict[str, str], *, children: bool = False) -> dict[str, object]:
    """Run a command to the end: wall seconds, its own peak RSS, and each child's peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env
    )
    peaks = PeakMemory(process.pid) if children else None
    if peaks is not None:
        peaks.__enter__()
    output, _ = process.communicate()
    wall = time.perf_counter() - start
    if peaks is not None:
        peaks.__exit__()
    result: dict[str, object] = {"wall_s": round(wall, 3), "exit": process.returncode}
    if peaks is not None:
        values = sorted(round(value, 1) for value in peaks.peaks.values())
        # One process per document (pandoc): the count and the largest, not thousands of figures.
        result["worker_peak_mb"] = (
            values if len(values) <= 8 else {"processes": len(values), "max": values[-1]}
        )
    if process.returncode != 0:
        result["output_tail"] = output.decode("utf-8", "replace")[-2000:]
    return result


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


def temporary_folder(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
