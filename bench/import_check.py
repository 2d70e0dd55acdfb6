"""Import and check of the seed-sized document, each against one render, measured two ways.

    python bench/import_check.py -n 15              # in one warm process
    python bench/import_check.py -n 15 --process    # whole processes (python -m bdg_plan ...)

In one process: renders `examples/plan2023.yaml` once to get the document, then times,
interleaved round by round, one render (compose + write, from the validated plan), one render as
the command does it (read and validate the plan file, then compose + write), one `import`
of the rendered .docx (read, recognise, emit YAML, validate it) and one `check` (read,
recognise, rules). Whole processes: `python -m bdg_plan render examples/plan2023.yaml`,
`import seed.docx` and `check seed.docx` in turn each round, byte-code cached
(`PYTHONPYCACHEPREFIX`), output discarded. The issue's target: import and check each cost no more
than one render. Medians, and the median of the round-by-round ratios to render.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BASE_PLAN, BDG_PLAN, environment, temporary_folder  # noqa: E402

from bdg_plan.api import render_plan, validate_bytes  # noqa: E402
from bdg_plan.plan.model import Plan  # noqa: E402
from bdg_plan.word.check import check_bytes  # noqa: E402
from bdg_plan.word.importer import import_bytes  # noqa: E402


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _process(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one whole process, output discarded."""
    start = time.perf_counter()
    subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def _ratio(values: list[float], yardstick: list[float]) -> float:
    return statistics.median(value / other for value, other in zip(values, yardstick, strict=True))


def _report(title: str, times: dict[str, list[float]]) -> None:
    print(title)
    whole = times.get("validate+render")
    for name, values in times.items():
        median = statistics.median(values) * 1000
        line = f"  {name:15s} {median:7.1f} ms   ratio to render {_ratio(values, times['render']):4.2f}"
        if whole is not None:
            line += f", to validate+render {_ratio(values, whole):4.2f}"
        print(line)


def _validate_and_render(source: bytes) -> bytes:
    """What `render` does with a plan file: read and validate it, then compose and write."""
    plan = validate_bytes(source, str(BASE_PLAN)).plan
    assert plan is not None
    return render_plan(plan)


def in_process(plan: Plan, data: bytes, rounds: int) -> dict[str, list[float]]:
    """Seconds per round of render, import and check in this (warm) process."""
    source = BASE_PLAN.read_bytes()
    actions: dict[str, Callable[[], object]] = {
        "render": lambda: render_plan(plan),
        "validate+render": lambda: _validate_and_render(source),
        "import": lambda: import_bytes(data, "plan2023.docx", "plan2023.yaml"),
        "check": lambda: check_bytes(data),
    }
    for action in actions.values():  # warm caches (base document, templates, model)
        action()
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            times[name].append(_timed(action))
    return times


def whole_process(data: bytes, rounds: int) -> dict[str, list[float]]:
    """Seconds per round of `python -m bdg_plan render / import / check` as whole processes."""
    work = temporary_folder("bench-import-")
    env = environment(work / "pyc")
    seed = work / "seed.docx"
    seed.write_bytes(data)
    commands = {
        "render": [*BDG_PLAN, "render", str(BASE_PLAN), "-o", str(work / "out.docx"), "--force"],
        "import": [*BDG_PLAN, "import", str(seed), "-o", str(work / "out.yaml"), "--force"],
        "check": [*BDG_PLAN, "check", str(seed)],
    }
    for command in commands.values():  # byte-code written once, before counting
        _process(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(_process(command, env))
    return times


def main() -> None:
    """Print the median time of render, import and check, and the ratios to render."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=15, help="rounds")
    parser.add_argument("--process", action="store_true", help="also time whole processes")
    args = parser.parse_args()
    result = validate_bytes(BASE_PLAN.read_bytes(), str(BASE_PLAN))
    assert result.plan is not None
    data = render_plan(result.plan)
    print(f"document: {len(data)} bytes, {args.n} rounds, medians; load {os.getloadavg()[0]:.2f}")
    _report("in one warm process:", in_process(result.plan, data, args.n))
    if args.process:
        _report("whole processes (python -m bdg_plan ...):", whole_process(data, args.n))


if __name__ == "__main__":
    main()
