"""One LibreOffice per process converting lists of files: chunks, restarts, failures, atomic output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bdg_plan import messages as msg
from bdg_plan.errors import InputFileError
from bdg_plan.office import libreoffice
from bdg_plan.office.libreoffice import ConversionError, Office, convert_file
from tests import fake_soffice as fake
from tests.fake_soffice import sources

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a POSIX script")


@pytest.fixture
def soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fake soffice; returns the log of each run's files."""
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: fake.install(tmp_path))
    log = tmp_path / "runs.log"
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def runs(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines()


def test_one_run_converts_the_whole_chunk(tmp_path: Path, soffice: Path) -> None:
    jobs = sources(tmp_path, "a", "b", "c")

    with Office() as office:
        assert office.convert(jobs, "pdf") == [None, None, None]
        assert office.runs == 1

    for number, (_, target) in enumerate(jobs, 1):
        assert target.read_bytes() == f"%PDF-1.4 fake from {number:05d}.docx".encode()
    assert runs(soffice) == ["00001.docx 00002.docx 00003.docx"]


def test_a_file_libreoffice_cannot_read_fails_alone(tmp_path: Path, soffice: Path) -> None:
    jobs = sources(tmp_path, "a", "BAD", "c")

    with Office() as office:
        results = office.convert(jobs, "pdf")

    assert results[0] is None and results[2] is None
    assert results[1] is not None
    assert str(jobs[1][0]) in results[1] and "source file could not be loaded" in results[1]
    assert not jobs[1][1].exists()
    # The second run retries only the file without output.
    assert runs(soffice) == ["00001.docx 00002.docx 00003.docx", "00002.docx"]


def test_a_run_that_dies_is_restarted_for_the_rest_only(
    tmp_path: Path, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "die-once")
    jobs = sources(tmp_path, "a", "b", "c", "d")

    with Office() as office:
        assert office.convert(jobs, "pdf") == [None] * 4

    assert all(target.is_file() for _, target in jobs)
    assert runs(soffice) == [
        "00001.docx 00002.docx 00003.docx 00004.docx",
        "00002.docx 00003.docx 00004.docx",
    ]


def test_a_file_that_kills_libreoffice_every_time_fails_and_the_rest_go_on(
    tmp_path: Path, soffice: Path
) -> None:
    jobs = sources(tmp_path, "a", "CRASH", "c", "d")

    with Office() as office:
        results = office.convert(jobs, "pdf")

    assert results[0] is None and results[2:] == [None, None]
    assert results[1] is not None and "134" in results[1]
    assert runs(soffice) == [
        "00001.docx 00002.docx 00003.docx 00004.docx",
        "00002.docx 00003.docx 00004.docx",
        "00003.docx 00004.docx",
    ]


def test_a_libreoffice_that_never_works_gives_up_after_two_runs(
    tmp_path: Path, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "nothing")
    jobs = sources(tmp_path, "a", "b", "c")

    with Office() as office:
        results = office.convert(jobs, "pdf")

    assert all(result is not None and "source file could not be loaded" in result for result in results)
    assert len(runs(soffice)) == 2


def test_convert_file_publishes_its_target_and_leaves_no_work_files(tmp_path: Path, soffice: Path) -> None:
    ((source, _),) = sources(tmp_path, "old word document")
    target = tmp_path / "kết quả.docx"

    assert convert_file(source, target) == target

    assert target.read_bytes() == b"%PDF-1.4 fake from 00001.docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "kết quả.docx", "runs.log", "xã số 1.docx"]


def test_convert_file_failure_is_an_error(tmp_path: Path, soffice: Path) -> None:
    ((source, target),) = sources(tmp_path, "BAD")

    with pytest.raises(ConversionError, match="sang DOCX"):
        convert_file(source, target.with_suffix(".docx"))


def test_convert_file_needs_its_source(tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        convert_file(tmp_path / "không có.doc", tmp_path / "x.docx", program="soffice")


def test_missing_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    ((source, target),) = sources(tmp_path, "a")

    with pytest.raises(ConversionError) as caught:
        convert_file(source, target)

    assert caught.value.message.startswith(msg.LIBREOFFICE_MISSING)
    assert libreoffice.install_hint() in caught.value.message


@pytest.mark.slow
@pytest.mark.skipif(libreoffice.find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_real_libreoffice_converts_a_chunk_in_one_run(tmp_path: Path) -> None:
    from bdg_plan import api
    from tests.conftest import EXAMPLE_PLAN

    plan = api.load_plan(EXAMPLE_PLAN).plan
    assert plan is not None
    data = api.render_plan(plan)
    jobs = []
    for number in range(3):
        source = tmp_path / f"kế hoạch {number}.docx"
        source.write_bytes(data)
        jobs.append((source, source.with_suffix(".pdf")))

    with Office(resident=False) as office:  # the runs' way; the resident way: test_office_resident.py
        assert office.convert(jobs, "pdf") == [None, None, None]
        assert office.runs == 1

    for _, target in jobs:
        assert target.read_bytes().startswith(b"%PDF")
