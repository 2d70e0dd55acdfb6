"""Where one `bdg-plan render` spends its time: each stage of a fresh process, timed in order.

Runs the same steps as `bdg-plan render` (imports, typer's parameter handling excluded) in a
fresh interpreter per round and prints the median milliseconds of each step, so the steps add
up to the whole process minus typer. Use with `python -X importtime` or pyinstrument for detail:
    python -X importtime -m bdg_plan render examples/plan2023.yaml -o /tmp/x.docx --force
    pyinstrument -m bdg_plan render examples/plan2023.yaml -o /tmp/x.docx --force

Usage: python bench/profile_render.py [-n 15]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASE_PLAN, PYTHON, environment, median, temporary_folder

STEPS = r"""
import json, sys, time
from pathlib import Path
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import typer
mark("import typer")
import bdg_plan.cli.app
mark("import bdg_plan.cli.app (typer app, help texts)")
from bdg_plan import api
mark("import api (yaml, pydantic model, validate)")
result = api.load_plan(Path(sys.argv[1]))
mark("read + YAML parse + validate")
from bdg_plan.compose import document as compose
from bdg_plan.compose import templating
mark("import compose (jinja2)")
from bdg_plan.docx.write import package
from bdg_plan.docx.write import document as docx_writer
mark("import docx_writer (python-docx)")
package.base_package()
mark("build the styled base document")
templating.template_environment(None).get_template(compose.BODY_TEMPLATE)
mark("compile the Jinja template")
doc = compose.compose(result.plan)
mark("compose (render template, parse Markdown)")
data = docx_writer.write_docx(doc)
mark("write the .docx")
from bdg_plan.output import atomic_write
atomic_write(Path(sys.argv[2]), data, force=True)
mark("atomic save (fsync)")
from rich.console import Console
Console(highlight=False).print("Đã tạo văn bản: x")
mark("import rich + print")
print(json.dumps([(b[0], (b[1] - a[1]) * 1000) for a, b in zip(marks, marks[1:])]))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=15)
    args = parser.parse_args()
    work = temporary_folder("bench-profile-")
    env = environment(work / "pyc")
    rounds: list[list[tuple[str, float]]] = []
    for index in range(args.n + 1):
        command = [PYTHON, "-c", STEPS, str(BASE_PLAN), str(work / "out.docx")]
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
        if index:  # the first run fills the byte-code cache
            rounds.append(json.loads(output.strip().splitlines()[-1]))
    print(f"median ms over {args.n} fresh processes (after interpreter start-up):")
    total = 0.0
    for step, (name, _) in enumerate(rounds[0]):
        value = median([r[step][1] for r in rounds])
        total += value
        print(f"  {value:6.1f}  {name}")
    print(f"  {total:6.1f}  total")


if __name__ == "__main__":
    main()
