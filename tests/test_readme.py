"""The README keeps its promises: quick-start commands that run, every key in the table, the picture."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bdg_plan.plan.model import Plan
from tests.conftest import ROOT

README = ROOT / "README.md"
PICTURE = ROOT / "docs" / "trang-1.png"
#: Not copied into the fresh repository: environments, outputs, caches.
SKIPPED_PARTS = {
    ".git",
    ".venv",
    "venv",
    "out",
    "build",
    "dist",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
}
COMMAND_TIMEOUT = 600
#: What the quick start's test command runs in the fresh copy: the example plans validate and render
#: to the seed's text, and the CLI draws its results (the install, the templates, the base document).
SMOKE_TESTS = ("tests/test_examples.py", "tests/test_seed.py", "tests/test_cli_render.py")


def readme() -> str:
    return README.read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    """The commands of the ```bash block right under the "Bắt đầu nhanh" heading."""
    match = re.search(r"^## Bắt đầu nhanh\n\n```bash\n(.*?)^```$", readme(), re.M | re.S)
    assert match, "README: no ```bash block right under '## Bắt đầu nhanh'"
    lines = [line.strip() for line in match.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def test_quick_start_has_two_commands_each_after_a_comment() -> None:
    match = re.search(r"^## Bắt đầu nhanh\n\n```bash\n(.*?)^```$", readme(), re.M | re.S)
    assert match
    lines = match.group(1).splitlines()
    commands = quick_start_commands()

    assert len(commands) == 2
    assert "bdg-plan render examples/plan2023.yaml" in commands[0]
    assert commands[1].endswith("python -m pytest")
    for command in commands:
        assert lines[lines.index(command) - 1].startswith("# ")


def test_readme_table_lists_every_top_level_key() -> None:
    rows = {match.group(1) for match in re.finditer(r"^\| `([a-z_.\[\]]+)` \|", readme(), re.M)}

    assert set(Plan.model_fields) <= rows


def test_readme_picture_is_there_and_small() -> None:
    assert "(docs/trang-1.png)" in readme()
    assert PICTURE.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert PICTURE.stat().st_size < 200 * 1024


@pytest.mark.parametrize(
    "text",
    [
        "python -m pytest",  # the test command CI runs, in the English summary
        "## English summary",
        "### Design",
        "bdg-plan init",
        "bdg-plan validate",
        "bdg-plan render",
        "bdg-plan new-year",
        "bdg-plan batch",
        "bdg-plan schema -o",
        "yaml-language-server: $schema=",
        "libreoffice.org",
    ],
)
def test_readme_mentions(text: str) -> None:
    assert text in readme()


def repository_files() -> list[Path]:
    """Files of the repository as a fresh clone would have them, plus new untracked ones."""
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        listed = subprocess.run(
            [git, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        names = [Path(name) for name in listed.split("\0") if name]
    else:  # a source tree without git: everything but environments, outputs and caches
        names = [path.relative_to(ROOT) for path in ROOT.rglob("*") if path.is_file()]
    return [
        name
        for name in names
        if (ROOT / name).is_file()
        and not SKIPPED_PARTS.intersection(name.parts)
        # Generated outputs stay behind; files the package ships (bdg_plan/base.docx) come along.
        and not (name.suffix in (".pyc", ".docx", ".pdf") and name.parts[0] != "bdg_plan")
        and not any(part.endswith(".egg-info") for part in name.parts)
    ]


def fresh_copy(target: Path) -> Path:
    for name in repository_files():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, destination)
    return target


def run_verbatim(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="the commands are bash")
def test_quick_start_commands_run_in_a_fresh_copy(tmp_path: Path) -> None:
    render_command, test_command = quick_start_commands()
    repo = fresh_copy(tmp_path / "bdg-plan")
    assert not (repo / "examples" / "plan2023.docx").exists()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST")
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    rendered = run_verbatim(render_command, repo, env)

    assert rendered.returncode == 0, rendered.stdout[-3000:] + rendered.stderr[-3000:]
    assert (repo / "examples" / "plan2023.docx").read_bytes()[:2] == b"PK"

    # The install works and the test command runs: a smoke subset proves it (the whole suite has
    # already run in this session; running it again in the copy would double CI's time).
    env["PYTEST_ADDOPTS"] = " ".join(["-x", "-p", "no:cacheprovider", *SMOKE_TESTS])
    tested = run_verbatim(test_command, repo, env)

    assert tested.returncode == 0, tested.stdout[-4000:] + tested.stderr[-1000:]
    passed = re.search(r"(\d+) passed", tested.stdout)
    assert passed and int(passed.group(1)) >= 10, tested.stdout[-2000:]
