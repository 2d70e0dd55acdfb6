"""Write the example plan at N times its size: its `noi_dung` list repeated N times.

The text is dumped by PyYAML (block style, Vietnamese kept as is), so the 1x file made here is
the fair base for the larger ones. Used for "render of the 50x plan <= 3x render of the
example" (docs/performance.md):

    python bench/scale.py 1 10 50 -o /tmp/scaled      # -> /tmp/scaled/plan-1x.yaml ...
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASE_PLAN


def scaled(times: int, plan: Path = BASE_PLAN) -> str:
    """The plan's text with its `noi_dung` repeated `times` times."""
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["noi_dung"] = [copy.deepcopy(item) for _ in range(times) for item in data["noi_dung"]]
    return yaml.dump(data, allow_unicode=True, sort_keys=False, width=1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("times", type=int, nargs="+")
    parser.add_argument("-o", "--outdir", type=Path, required=True)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for times in args.times:
        target = args.outdir / f"plan-{times}x.yaml"
        target.write_text(scaled(times), encoding="utf-8")
        print(f"{target}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
