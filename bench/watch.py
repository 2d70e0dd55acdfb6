"""CPU time of one `render --watch` round in the warm process: validate, render, save.

Keeps one `PlanWatcher` on a copy of the example (or a plan given with --plan), alternates two
versions of it (the organ's name changes, as a clerk's edit would), and times `render_once` with
`time.process_time` (CPU of this process: every thread, so the watcher's own work is counted).
The first rounds warm the caches (imports, template, base document) and are not counted.

Usage: python bench/watch.py [-n 50] [--plan examples/plan2023.yaml]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASE_PLAN

from bdg_plan.commands.watch import PlanWatcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="counted rounds")
    parser.add_argument("--plan", type=Path, default=BASE_PLAN)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bdg-watch-") as folder:
        plan = Path(folder) / "plan.yaml"
        shutil.copyfile(args.plan, plan)
        text = plan.read_text(encoding="utf-8")
        versions = [text, text.replace("Hồng Phong", "Hồng Thái")]
        assert versions[0] != versions[1], "the plan has no 'Hồng Phong' to edit"
        watcher = PlanWatcher(plan)
        cpu: list[float] = []
        wall: list[float] = []
        for round_number in range(args.n + 3):
            plan.write_text(versions[round_number % 2], encoding="utf-8")
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            report = watcher.render_once(only_if_changed=True)
            if round_number >= 3:
                cpu.append(time.process_time() - started_cpu)
                wall.append(time.perf_counter() - started_wall)
            assert report.ok and not report.unchanged, report
    quartiles = statistics.quantiles(cpu, n=4)
    print(f"plan: {args.plan} ({len(text):,} characters); {args.n} counted rounds after 3 warm-ups")
    print(
        f"render --watch round, CPU ms: median {statistics.median(cpu) * 1000:.1f}, "
        f"quartiles {quartiles[0] * 1000:.1f}-{quartiles[2] * 1000:.1f}, max {max(cpu) * 1000:.1f}"
    )
    print(f"render --watch round, wall ms: median {statistics.median(wall) * 1000:.1f}")


if __name__ == "__main__":
    main()
