"""Floors under one command: what the libraries cost before bdg-plan's own work, as whole processes.

Measures, interleaved in rounds like bench/cli.py: the interpreter; `import typer`; a no-op typer
command with the same kinds of parameters as `render` (typer 0.2x coerces each parameter through a
pydantic TypeAdapter, so this imports pydantic and builds adapters); importing the plan model
(pydantic class construction); and, in process, parsing the example plan with PyYAML's
pure-Python composer (what the loader uses) against libyaml's C composer.

Usage: python bench/floors.py [-n 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASE_PLAN, PYTHON, environment, median, temporary_folder
from cli import one

NOOP_TYPER = """
from pathlib import Path
from typing import Annotated, Optional
import enum, typer
class Fmt(str, enum.Enum):
    rich = "rich"
    plain = "plain"
app = typer.Typer()
@app.command()
def render(plan: Path, output: Annotated[Optional[Path], typer.Option("-o")] = None,
           force: bool = False, fmt: Fmt = Fmt.rich) -> None:
    pass
@app.command()
def other() -> None:
    pass
app()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=20)
    args = parser.parse_args()
    work = temporary_folder("bench-floors-")
    env = environment(work / "pyc")
    script = work / "noop_typer.py"
    script.write_text(NOOP_TYPER, encoding="utf-8")
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "import typer": [PYTHON, "-c", "import typer"],
        "no-op typer command (4 params)": [PYTHON, str(script), "render", "x", "-o", "y", "--force"],
        "import pydantic": [PYTHON, "-c", "import pydantic"],
        "import bdg_plan.plan.model": [PYTHON, "-c", "import bdg_plan.plan.model"],
        "import rich.console": [PYTHON, "-c", "import rich.console"],
        "import docx": [PYTHON, "-c", "import docx"],
        "import jinja2": [PYTHON, "-c", "import jinja2.sandbox"],
    }
    for command in commands.values():
        one(command, env)
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.n):
        for name, command in commands.items():
            results[name].append(one(command, env)[0])
    print(f"whole processes, median wall ms over {args.n} rounds:")
    for name, values in results.items():
        print(f"  {median(values):7.1f}  {name}")

    import yaml

    text = BASE_PLAN.read_text(encoding="utf-8")
    timings = {}
    for name, loader in (("pure-Python composer (loader.py)", yaml.SafeLoader), ("libyaml C composer", None)):
        chosen = loader or getattr(yaml, "CSafeLoader", None)
        if chosen is None:
            continue
        runs = []
        for _ in range(30):
            start = time.perf_counter()
            yaml.compose(text, Loader=chosen)
            runs.append((time.perf_counter() - start) * 1000)
        timings[name] = median(runs)
    print("in process, composing examples/plan2023.yaml (median ms):")
    for name, value in timings.items():
        print(f"  {value:7.1f}  {name}")


if __name__ == "__main__":
    main()
