"""PDF through LibreOffice: a fake `soffice` for the logic, the real one where it is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan import messages as msg
from bdg_plan.cli.app import app
from bdg_plan.errors import InputFileError
from bdg_plan.office import pdf
from bdg_plan.office.pdf import PdfError, convert_to_pdf, find_soffice, install_hint, pdf_path_for
from tests import fake_soffice as fake
from tests.conftest import EXAMPLE_PLAN

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a POSIX script")
needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed"
)


@pytest.fixture
def fake_soffice(tmp_path: Path) -> str:
    return fake.install(tmp_path)


@pytest.fixture
def docx(tmp_path: Path) -> Path:
    """The example rendered into a folder whose name has Vietnamese letters and spaces."""
    folder = tmp_path / "thư mục có dấu cách"
    folder.mkdir()
    target = folder / "kế hoạch 2023.docx"
    plan = api.load_plan(EXAMPLE_PLAN).plan
    assert plan is not None
    target.write_bytes(api.render_plan(plan))
    return target


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --- without LibreOffice --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("win32", "https://www.libreoffice.org/download/"),
        ("win32", "Lưu thành"),
        ("darwin", "https://www.libreoffice.org/download/"),
    ],
)
def test_install_hint(platform: str, expected: str) -> None:
    assert expected in install_hint(platform)


def test_install_hint_debian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/apt" if name == "apt" else None)

    assert "apt install libreoffice-writer-nogui" in install_hint("linux")


def test_missing_libreoffice_says_how_to_get_it(docx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)

    with pytest.raises(PdfError) as caught:
        convert_to_pdf(docx)

    assert caught.value.message.startswith(msg.PDF_NO_LIBREOFFICE)
    assert install_hint() in caught.value.message
    assert not pdf_path_for(docx).exists()


def test_missing_docx(tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        convert_to_pdf(tmp_path / "không có.docx", soffice="soffice")


def test_program_that_cannot_start(docx: Path, tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="Không chạy được LibreOffice"):
        convert_to_pdf(docx, soffice=str(tmp_path / "no-such-soffice"))


@posix_only
def test_fake_conversion_lands_beside_the_docx(docx: Path, fake_soffice: str) -> None:
    old = pdf_path_for(docx)
    old.write_bytes(b"old pdf")
    with pytest.raises(PdfError, match="--force"):
        convert_to_pdf(docx, soffice=fake_soffice)  # an existing PDF is replaced only with force
    assert old.read_bytes() == b"old pdf"

    result = convert_to_pdf(docx, soffice=fake_soffice, force=True)

    assert result == docx.with_suffix(".pdf")
    # LibreOffice converted a copy with a plain name; the PDF is moved beside the .docx.
    assert result.read_bytes() == b"%PDF-1.4 fake from 00001.docx"
    assert sorted(p.name for p in docx.parent.iterdir()) == ["kế hoạch 2023.docx", "kế hoạch 2023.pdf"]


@posix_only
def test_fake_conversion_that_writes_nothing(
    docx: Path, fake_soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "nothing")

    with pytest.raises(PdfError, match="source file could not be loaded"):
        convert_to_pdf(docx, soffice=fake_soffice)

    assert not pdf_path_for(docx).exists()


@posix_only
def test_hung_libreoffice_is_stopped_with_its_children(
    docx: Path, fake_soffice: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "sleep")
    monkeypatch.setenv("FAKE_SOFFICE_PIDS", str(pids))
    # The time-out message proves the limit fired; the loop below proves the children were ended.
    with pytest.raises(PdfError, match="quá 1 giây"):
        convert_to_pdf(docx, soffice=fake_soffice, timeout=1)

    for pid in map(int, pids.read_text().split()):
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(pid), f"process {pid} survived the time-out"
    assert not pdf_path_for(docx).exists()


def test_cli_render_pdf_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan2023.yaml"
    shutil.copyfile(EXAMPLE_PLAN, plan)
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)

    result = CliRunner().invoke(app, ["render", str(plan), "--pdf"], env=ENV)

    assert result.exit_code == 1
    assert plan.with_suffix(".docx").is_file()  # the .docx is still made
    assert msg.PDF_NO_LIBREOFFICE in result.output
    assert install_hint() in " ".join(result.output.split())


@posix_only
def test_cli_render_pdf_with_fake_soffice(
    tmp_path: Path, fake_soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan2023.yaml"
    shutil.copyfile(EXAMPLE_PLAN, plan)
    monkeypatch.setattr(pdf, "find_soffice", lambda: fake_soffice)

    result = CliRunner().invoke(app, ["render", str(plan), "--pdf"], env=ENV)

    assert result.exit_code == 0, result.output
    assert msg.PDF_CONVERTING in result.output
    assert msg.PDF_CREATED.format(file=plan.with_suffix(".pdf")) in result.output
    assert plan.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_cli_render_pdf_refuses_an_existing_pdf_before_writing(tmp_path: Path) -> None:
    plan = tmp_path / "plan2023.yaml"
    shutil.copyfile(EXAMPLE_PLAN, plan)
    plan.with_suffix(".pdf").write_bytes(b"signed copy")

    result = CliRunner().invoke(app, ["render", str(plan), "--pdf"], env=ENV)

    assert result.exit_code == 1
    assert "--force" in result.output
    assert not plan.with_suffix(".docx").exists()
    assert plan.with_suffix(".pdf").read_bytes() == b"signed copy"


@posix_only
@pytest.mark.parametrize("force", [False, True])
def test_cli_render_pdf_keeps_a_pdf_put_there_during_the_conversion(
    tmp_path: Path, fake_soffice: str, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    plan = tmp_path / "plan2023.yaml"
    shutil.copyfile(EXAMPLE_PLAN, plan)
    target = plan.with_suffix(".pdf")
    monkeypatch.setattr(pdf, "find_soffice", lambda: fake_soffice)
    monkeypatch.setenv("FAKE_SOFFICE_PLANT", str(target))  # the signed copy, saved while LibreOffice works

    result = CliRunner().invoke(app, ["render", str(plan), "--pdf", *(["--force"] if force else [])], env=ENV)

    if force:
        assert result.exit_code == 0, result.output
        assert target.read_bytes().startswith(b"%PDF")
    else:
        assert result.exit_code == 1
        assert " ".join(msg.OUTPUT_EXISTS.format(file=target).split()) in " ".join(result.output.split())
        assert target.read_bytes() == b"signed copy"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bdg-plan-")] == []


# --- with the real LibreOffice ----------------------------------------------------------------------
def pdf_text(path: Path) -> str:
    """The PDF's text (pdftotext), or without poppler the title LibreOffice puts in its metadata."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
        return unicodedata.normalize("NFC", out.decode("utf-8"))
    data = path.read_bytes()
    match = re.search(rb"/Title\s*<([0-9A-Fa-f]+)>", data)
    assert match, "no /Title in the PDF"
    return bytes.fromhex(match.group(1).decode()).decode("utf-16").upper()


def pdf_pages(path: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


@pytest.mark.slow
@needs_libreoffice
def test_real_conversion(docx: Path) -> None:
    result = convert_to_pdf(docx)

    assert result == docx.with_suffix(".pdf")
    assert result.read_bytes().startswith(b"%PDF")
    assert "KẾ HOẠCH" in pdf_text(result)
    assert pdf_pages(result) > 1


@pytest.mark.slow
@needs_libreoffice
def test_real_cli_render_pdf(tmp_path: Path) -> None:
    plan = tmp_path / "plan2023.yaml"
    shutil.copyfile(EXAMPLE_PLAN, plan)

    result = CliRunner().invoke(app, ["render", str(plan), "--pdf"], env=ENV)

    assert result.exit_code == 0, result.output
    assert "KẾ HOẠCH" in pdf_text(plan.with_suffix(".pdf"))
