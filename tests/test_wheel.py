"""The built wheel carries the templates and renders from any folder, away from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_PLAN, ROOT
from tests.docx_xml import Docx


@pytest.mark.slow
def test_wheel_installs_and_renders_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("bdg_plan-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "bdg_plan/_templates/ke-hoach.md.j2" in names
    assert "bdg_plan/docx/write/base.docx" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Install the wheel itself (not the source tree); its dependencies come from this interpreter,
    # listed after the venv's own folder so the wheel's bdg_plan is the one imported.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(purelib)
    (purelib / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "elsewhere"
    work.mkdir()
    plan = work / "kế hoạch.yaml"
    plan.write_bytes(EXAMPLE_PLAN.read_bytes())
    script = (
        "import sys, bdg_plan, bdg_plan.cli.app; print(bdg_plan.__file__); "
        "sys.argv = ['bdg-plan', 'render', 'kế hoạch.yaml']; bdg_plan.cli.app.main()"
    )
    result = subprocess.run([str(python), "-c", script], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.splitlines()[0].startswith(str(purelib))
    doc = Docx((work / "kế hoạch.docx").read_bytes())
    assert "KẾ HOẠCH" in doc.all_text()
