"""Batch benchmark: N communes rendered with J worker processes, bdg-plan beside the anchors.

Each round runs, one after the other: `bdg-plan batch` as a whole command (a CSV of N communes,
as Excel saves it), then the anchors' own batch scripts with the same commune names: docxtpl and
plain python-docx from a pre-styled base (common/batch.py), and pandoc (b_pandoc/batch.py, one
process per commune; slow, so only with --pandoc). It reports wall seconds, the ratio of
bdg-plan to each anchor in the same round, and every worker's peak RSS (VmHWM, sampled from
/proc; the anchors print their own ru_maxrss too).

Usage: python bench/batch.py [-n 3321] [-j 2] [--rounds 1] [--sizes 300,3321] [--pandoc]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    ANCHORS,
    BASE_PLAN,
    BDG_PLAN,
    PYTHON,
    dump,
    environment,
    median,
    pandoc,
    run_timed,
    temporary_folder,
    write_communes_csv,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=3321, help="communes (Việt Nam has 3,321 since 1/7/2025)")
    parser.add_argument("-j", type=int, default=2, help="worker processes")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--sizes", default="", help="extra bdg-plan-only sizes for the memory check, e.g. 300"
    )
    parser.add_argument("--pandoc", action="store_true", help="also run the pandoc anchor (about 3 minutes)")
    parser.add_argument("--no-anchors", action="store_true")
    args = parser.parse_args()

    work = temporary_folder("bench-batch-")
    env = environment(work / "pyc")
    methods: dict[str, list[str]] = {}
    if not args.no_anchors:
        for method in ("docxtpl", "pythondocx-base"):
            methods[method] = [PYTHON, str(ANCHORS / "common" / "batch.py"), "--method", method]
            methods[method] += ["-n", str(args.n), "-j", str(args.j)]
        if args.pandoc:
            methods["pandoc"] = [PYTHON, str(ANCHORS / "b_pandoc" / "batch.py"), "-n", str(args.n)]
            methods["pandoc"] += ["-j", str(args.j), "--pandoc", pandoc()]

    def bdg(count: int) -> dict[str, object]:
        communes = write_communes_csv(work / f"communes-{count}.csv", count)
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        command = [*BDG_PLAN, "batch", str(BASE_PLAN), str(communes), "-o", str(out), "-j", str(args.j)]
        result = run_timed(command, env, children=True)
        written = len(list(out.glob("*.docx"))) if out.is_dir() else 0
        shutil.rmtree(out, ignore_errors=True)
        return {"method": "bdg-plan", "n": count, "jobs": args.j, "files": written, **result}

    # Warm the byte-code cache and the file system once, outside the figures.
    bdg(20)
    rows: list[dict[str, object]] = []
    for count in [int(size) for size in args.sizes.split(",") if size.strip()]:
        row = bdg(count)
        rows.append(row)
        print(dump(row), flush=True)
    for round_number in range(1, args.rounds + 1):
        row = {"round": round_number, **bdg(args.n)}
        rows.append(row)
        print(dump(row), flush=True)
        for name, command in methods.items():
            result = run_timed(command, env, children=True)
            anchor = {"round": round_number, "method": name, "n": args.n, "jobs": args.j, **result}
            rows.append(anchor)
            print(dump(anchor), flush=True)

    print("\nsummary (medians over rounds; ratio = bdg-plan / anchor, same round):")
    ours = [r for r in rows if r["method"] == "bdg-plan" and r.get("round")]
    print(f"  bdg-plan   {median([float(r['wall_s']) for r in ours]):7.1f} s  (n={args.n}, -j {args.j})")
    for name in methods:
        theirs = [r for r in rows if r["method"] == name]
        ratios = [float(a["wall_s"]) / float(b["wall_s"]) for a, b in zip(ours, theirs, strict=True)]
        wall = median([float(r["wall_s"]) for r in theirs])
        print(f"  {name:10s} {wall:7.1f} s   bdg-plan/{name} = {median(ratios):.3f}")
    for row in rows:
        if row["method"] == "bdg-plan":
            print(f"  bdg-plan n={row['n']}: worker peak RSS MB {row.get('worker_peak_mb')}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
