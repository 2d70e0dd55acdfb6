"""Import and check of the seed-sized document, each against one render, in the same process.

    python bench/import_check.py -n 15

Renders `examples/plan2023.yaml` once to get the document, then times, interleaved round by
round: one render (compose + write, from the validated plan), one `import` of the rendered
.docx (read, recognise, emit YAML, validate it) and one `check` (read, recognise, rules). The
issue's target: import and check each cost no more than one render. Medians and ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bdg_plan.api import render_plan, validate_bytes  # noqa: E402
from bdg_plan.check import check_bytes  # noqa: E402
from bdg_plan.import_docx import import_bytes  # noqa: E402

PLAN = ROOT / "examples" / "plan2023.yaml"


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    """Print the median time of render, import and check, and the ratios to render."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=15, help="rounds")
    rounds = parser.parse_args().n
    result = validate_bytes(PLAN.read_bytes(), str(PLAN))
    assert result.plan is not None
    plan = result.plan
    data = render_plan(plan)
    actions: dict[str, Callable[[], object]] = {
        "render": lambda: render_plan(plan),
        "import": lambda: import_bytes(data, "plan2023.docx", "plan2023.yaml"),
        "check": lambda: check_bytes(data),
    }
    for action in actions.values():  # warm caches (base document, templates, model)
        action()
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            times[name].append(_timed(action))
    render = statistics.median(times["render"])
    print(f"document: {len(data)} bytes, {rounds} rounds, medians")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:7s} {median * 1000:7.1f} ms   ratio to render {median / render:4.2f}")


if __name__ == "__main__":
    main()
