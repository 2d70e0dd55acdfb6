"""`batch --pdf` on N communes: a LibreOffice kept running per worker against one run per chunk.

Each round runs `bdg-plan batch examples/plan2023.yaml communes.csv -o OUT -j J --pdf --force`
twice, interleaved: "runs" with `BDG_PLAN_UNO_PYTHON=` (every chunk of up to 48 communes is one
`soffice --convert-to` run, the way without a Python that has LibreOffice's `uno`), then
"resident" (the default: each worker feeds one LibreOffice through the bridge). For each it
reports wall seconds, the CPU seconds of every process (bdg-plan, its workers, the bridges and
every LibreOffice, as the system accounts waited-for children, like `/usr/bin/time -v`), CPU
per commune, wall per commune per worker, the PDFs made, and the load average before the run.

Usage: python bench/pdf_batch.py [-n 300] [-j 2] [--rounds 2] [--only resident|runs]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASE_PLAN, BDG_PLAN, dump, environment, median, temporary_folder, write_communes_csv

MODES = {"runs": "", "resident": None}


def run_once(mode: str, communes: Path, out: Path, jobs: int, env: dict[str, str]) -> dict[str, object]:
    env = dict(env)
    if MODES[mode] is None:
        env.pop("BDG_PLAN_UNO_PYTHON", None)
    else:
        env["BDG_PLAN_UNO_PYTHON"] = str(MODES[mode])
    shutil.rmtree(out, ignore_errors=True)
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [*BDG_PLAN, "batch", str(BASE_PLAN), str(communes), "-o", str(out), "-j", str(jobs), "--pdf"]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pdfs = len(list(out.glob("*.pdf")))
    result: dict[str, object] = {
        "mode": mode,
        "load_before": round(load, 2),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "pdfs": pdfs,
        "exit": done.returncode,
    }
    if done.returncode != 0:
        result["output_tail"] = done.stdout.decode("utf-8", "replace")[-1500:]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=300, help="communes")
    parser.add_argument("-j", type=int, default=2, help="worker processes")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", choices=sorted(MODES), help="run one mode only")
    args = parser.parse_args()

    work = temporary_folder("bench-pdf-batch-")
    env = environment(work / "pyc")
    communes = write_communes_csv(work / f"communes-{args.n}.csv", args.n)
    modes = [args.only] if args.only else ["runs", "resident"]
    results: dict[str, list[dict[str, object]]] = {mode: [] for mode in modes}
    for round_number in range(args.rounds):
        for mode in modes:
            result = run_once(mode, communes, work / "out", args.j, env)
            results[mode].append(result)
            print(dump({"round": round_number + 1, **result}), flush=True)
    for mode, rounds in results.items():
        wall = median([float(str(r["wall_s"])) for r in rounds])
        cpu = median([float(str(r["cpu_s"])) for r in rounds])
        summary = {
            "mode": mode,
            "communes": args.n,
            "jobs": args.j,
            "wall_median_s": round(wall, 1),
            "cpu_median_s": round(cpu, 1),
            "cpu_per_commune_s": round(cpu / args.n, 3),
            "wall_per_commune_per_worker_s": round(wall * args.j / args.n, 3),
            "cpu_3321_on_2_free_cores_min": round(cpu / args.n * 3321 / 2 / 60, 1),
        }
        print(dump(summary), flush=True)
    if len(modes) == 2:
        ratios = [
            float(str(b["wall_s"])) / float(str(a["wall_s"]))
            for a, b in zip(results["runs"], results["resident"], strict=True)
        ]
        cpu_ratios = [
            float(str(b["cpu_s"])) / float(str(a["cpu_s"]))
            for a, b in zip(results["runs"], results["resident"], strict=True)
        ]
        pairs = {"resident/runs wall": [round(r, 2) for r in ratios]}
        pairs["cpu"] = [round(r, 2) for r in cpu_ratios]
        print(dump(pairs))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
