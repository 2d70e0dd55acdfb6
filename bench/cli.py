"""Whole-process timings: bdg-plan's commands beside the anchors' one-render CLIs, same run.

Each round runs every command once, in the same order (the anchors' common/wall.py does the same
for two commands): `python -c pass`, `bdg-plan --help`, `bdg-plan validate`, `bdg-plan render`,
docxtpl's render.py, pandoc 3.x with the reference .docx, and plain python-docx from a
pre-styled base. It reports each command's median wall and CPU time and the per-round ratios
that the targets are stated in. Output is discarded; byte-code is cached for every Python
command (`PYTHONPYCACHEPREFIX`), as in an installed wheel.

Usage: python bench/cli.py [-n 20] [--warmup 2] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ANCHORS, BASE_PLAN, BDG_PLAN, PYTHON, environment, median, pandoc, temporary_folder


def one(command: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """Wall ms, CPU ms (user + system) and peak RSS MB of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=20, help="rounds")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write every measurement here")
    args = parser.parse_args()

    work = temporary_folder("bench-cli-")
    env = environment(work / "pyc")
    data = ANCHORS / "data"
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "bdg-plan --help": [*BDG_PLAN, "--help"],
        "bdg-plan validate": [*BDG_PLAN, "validate", str(BASE_PLAN)],
        "bdg-plan render": [*BDG_PLAN, "render", str(BASE_PLAN), "-o", str(work / "bdg.docx"), "--force"],
        "docxtpl": [
            PYTHON,
            str(ANCHORS / "a_docxtpl" / "render.py"),
            str(data / "plan.yaml"),
            str(work / "a.docx"),
        ],
        "pandoc": [
            pandoc(),
            str(data / "plan.md"),
            "--lua-filter",
            str(ANCHORS / "b_pandoc" / "vars.lua"),
            "--reference-doc",
            str(ANCHORS / "b_pandoc" / "reference.docx"),
            "-o",
            str(work / "b.docx"),
        ],
        "python-docx base": [
            PYTHON,
            str(ANCHORS / "c_pythondocx" / "render.py"),
            str(data / "plan.yaml"),
            str(work / "c.docx"),
            "--mode",
            "base",
        ],
    }
    for _ in range(args.warmup):
        for name, command in commands.items():
            if one(command, env)[3] != 0:
                sys.exit(f"{name} failed: {' '.join(command)}")
    results: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in commands}
    for _ in range(args.n):
        for name, command in commands.items():
            results[name].append(one(command, env))

    print(f"{args.n} rounds, medians (wall ms / cpu ms / peak MB):")
    for name, runs in results.items():
        wall, cpu, peak = (median([run[i] for run in runs]) for i in range(3))
        bad = sum(run[3] != 0 for run in runs)
        print(f"  {name:20s} {wall:7.1f} {cpu:7.1f} {peak:6.1f}" + (f"  ({bad} failed)" if bad else ""))

    def ratio(a: str, b: str) -> float:
        return median([x[0] / y[0] for x, y in zip(results[a], results[b], strict=True)])

    print("per-round ratios (median):")
    for a, b, target in (
        ("bdg-plan render", "docxtpl", "<= 0.75"),
        ("bdg-plan render", "pandoc", "<= 1.10"),
        ("bdg-plan render", "python-docx base", ""),
        ("bdg-plan validate", "bdg-plan render", "<= 0.50"),
        ("bdg-plan --help", "python -c pass", ""),
    ):
        print(f"  {a} / {b}: {ratio(a, b):.3f}  {('target ' + target) if target else ''}")
    help_ms = median([run[0] for run in results["bdg-plan --help"]])
    print(f"  bdg-plan --help: {help_ms:.1f} ms  target < 100 ms")
    if args.json:
        args.json.write_text(json.dumps({name: runs for name, runs in results.items()}, indent=1))


if __name__ == "__main__":
    main()
