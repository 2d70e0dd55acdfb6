"""`render --watch --pdf`: the cost of each save's PDF, a LibreOffice kept running against one run per save.

For each mode ("runs": `BDG_PLAN_UNO_PYTHON=`, a `soffice --convert-to` run per save; "resident":
the default, one LibreOffice for the session) a fresh process renders the example and its PDF
through one `PlanWatcher` R times (the plan edited between rounds, as a clerk saves), then
closes the session. The CPU of that whole process tree (LibreOffice and the bridge included, as
the system accounts waited-for children) is measured for R = 1 and R = N, so
(CPU(N) - CPU(1)) / (N - 1) is what one more save costs. Modes are interleaved per round.

Usage: python bench/pdf_watch.py [-n 11] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASE_PLAN, PYTHON, dump, environment, median, temporary_folder

SESSION = """
import sys
from pathlib import Path
from bdg_plan.office import pdf
from bdg_plan.commands.watch import PlanWatcher

plan, saves = Path(sys.argv[1]), int(sys.argv[2])
text = plan.read_text(encoding="utf-8")
with pdf.open_office() as office:
    watcher = PlanWatcher(plan, office=office, force=True)
    for number in range(saves):
        plan.write_text(text.replace("Hồng Phong", f"Hồng Phong {number}"), encoding="utf-8")
        report = watcher.render_once()
        assert report.ok and report.pdf is not None, report
"""


def session_cpu(mode: str, saves: int, folder: Path, env: dict[str, str]) -> float:
    env = dict(env)
    if mode == "runs":
        env["BDG_PLAN_UNO_PYTHON"] = ""
    else:
        env.pop("BDG_PLAN_UNO_PYTHON", None)
    plan = folder / "plan.yaml"
    plan.write_bytes(BASE_PLAN.read_bytes())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([PYTHON, "-c", SESSION, str(plan), str(saves)], env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=11, help="saves in the long session")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    work = temporary_folder("bench-pdf-watch-")
    env = environment(work / "pyc")
    per_save: dict[str, list[float]] = {"runs": [], "resident": []}
    for round_number in range(args.rounds):
        for mode in per_save:
            load = os.getloadavg()[0]
            one = session_cpu(mode, 1, work, env)
            many = session_cpu(mode, args.n, work, env)
            cost = (many - one) / (args.n - 1)
            per_save[mode].append(cost)
            row = {"round": round_number + 1, "mode": mode, "load_before": round(load, 2)}
            row |= {"cpu_1_save_s": round(one, 2), f"cpu_{args.n}_saves_s": round(many, 2)}
            print(dump({**row, "cpu_per_further_save_s": round(cost, 3)}), flush=True)
    print(dump({mode: round(median(costs), 3) for mode, costs in per_save.items()}))


if __name__ == "__main__":
    main()
