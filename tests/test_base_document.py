"""The shipped base document: what the code builds, cleaned, and valid for Word."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bdg_plan import api
from bdg_plan.docx.write import base_document, package
from tests.conftest import EXAMPLES

REGENERATE = "python -m bdg_plan.docx.write.base_document"


def shipped_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(package.BASE_DOCX) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_shipped_base_is_what_the_code_builds() -> None:
    built, shipped = base_document.build_parts(), shipped_parts()
    stale = sorted(name for name in built.keys() | shipped.keys() if built.get(name) != shipped.get(name))
    assert not stale, f"bdg_plan/base.docx is out of date ({', '.join(stale)}): run `{REGENERATE}`"
    assert list(built) == list(shipped)


def test_stock_template_leftovers_are_gone() -> None:
    parts = shipped_parts()
    assert not {"docProps/thumbnail.jpeg", "docProps/app.xml", "word/stylesWithEffects.xml"} & parts.keys()
    assert not any(name.startswith("customXml/") for name in parts)
    every_text = b"".join(parts.values())
    for gone in (b"thumbnail", b"stylesWithEffects", b"latentStyles", b"w:rsids", b"savePreviewPicture"):
        assert gone not in every_text, gone
    assert len(parts["word/styles.xml"]) < 20_000


def plan_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith("communes"))


def rendered(plan_path: Path) -> bytes:
    plan = api.load_plan(plan_path).plan
    assert plan is not None
    return api.render_plan(plan)


@pytest.mark.parametrize("plan_path", plan_files(), ids=lambda p: p.name)
def test_every_style_an_example_uses_is_in_the_base(plan_path: Path) -> None:
    output = zipfile.ZipFile(io.BytesIO(rendered(plan_path)))
    styles = output.read("word/styles.xml").decode()
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    used = set()
    for name in output.namelist():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
            used |= set(
                re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', output.read(name).decode())
            )
    assert used, "no style references found"
    assert used <= defined, (
        f"styles used but not in the base: {used - defined}; add them and run `{REGENERATE}`"
    )


@pytest.mark.slow
@pytest.mark.parametrize("plan_path", plan_files(), ids=lambda p: p.name)
def test_word_opens_every_example_cleanly(plan_path: Path, tmp_path: Path) -> None:
    """The OOXML validator (openxml-audit, pinned in the test extras) finds nothing Word would repair."""
    target = tmp_path / "out.docx"
    target.write_bytes(rendered(plan_path))
    result = subprocess.run(
        [sys.executable, "-m", "openxml_audit", "-f", "microsoft365", "-o", "json", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)[0]
    assert (report["error_count"], report["warning_count"]) == (0, 0), report["errors"]
    assert report["verdict"]["prediction"] == "opens-clean", report["verdict"]
    assert result.returncode == 0
