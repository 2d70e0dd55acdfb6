"""One LibreOffice per process converting lists of files: chunks, restarts, failures, atomic output."""

from __future__ import annotations

import os
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
    # A run killed by a signal (here exit 134, an abort) is said in our words, naming the file.
    assert results[1] == msg.CONVERT_CRASHED.format(file=jobs[1][0], kind="PDF")
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


# --- A LibreOffice of our own: no network, a memory ceiling, bounded input ---------------------
def _setting(settings: str, path: str, name: str) -> str | None:
    import re

    found = re.search(
        rf'<item oor:path="{re.escape(path)}"><prop oor:name="{name}"[^>]*><value>([^<]*)</value>', settings
    )
    return found.group(1) if found else None


def test_every_run_uses_a_profile_that_blocks_links_and_remote_content(
    tmp_path: Path, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    report = tmp_path / "report.json"
    monkeypatch.setenv("FAKE_SOFFICE_REPORT", str(report))
    ((source, _),) = sources(tmp_path, "an imported .odt")

    convert_file(source, tmp_path / "out.docx")

    seen = json.loads(report.read_text(encoding="utf-8"))
    settings = seen["settings"]
    assert settings is not None
    scripting = "/org.openoffice.Office.Common/Security/Scripting"
    assert _setting(settings, scripting, "BlockUntrustedRefererLinks") == "true"
    assert _setting(settings, scripting, "MacroSecurityLevel") == "3"
    assert _setting(settings, "/org.openoffice.Office.Writer/Content/Update", "Link") == "2"
    assert _setting(settings, "/org.openoffice.Office.Calc/Content/Update", "Link") == "1"
    assert _setting(settings, "/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort") == "9"
    # The ceiling on its memory, and a process group of its own (not this test's).
    assert seen["memory"] == libreoffice.OFFICE_MEMORY_BYTES
    assert seen["group"] == seen["pid"] != os.getpgrp()


def test_a_word_file_past_the_size_limit_is_refused_before_libreoffice_runs(
    tmp_path: Path, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(libreoffice, "MAX_CONVERT_BYTES", 1000)
    at_limit = tmp_path / "vừa.rtf"
    at_limit.write_bytes(b"x" * 1000)
    past = tmp_path / "quá.rtf"
    past.write_bytes(b"x" * 1001)

    convert_file(at_limit, tmp_path / "vừa.docx")  # exactly at the limit: converted
    with pytest.raises(InputFileError) as caught:
        convert_file(past, tmp_path / "quá.docx")

    assert caught.value.message == msg.CONVERT_TOO_LARGE.format(file=past, limit=0)
    assert runs(soffice) == ["00001.rtf"]  # LibreOffice never saw the large one
    assert not (tmp_path / "quá.docx").exists()


def test_the_limit_is_ten_megabytes() -> None:
    assert libreoffice.MAX_CONVERT_BYTES == 10_000_000


def test_a_failure_shows_our_message_not_libreoffice_s_java_warning(
    tmp_path: Path, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "noise")
    ((source, _),) = sources(tmp_path, "a")

    with pytest.raises(ConversionError) as caught:
        convert_file(source, tmp_path / "out.docx")

    expected = msg.CONVERT_FAILED.format(file=source, kind="DOCX", code=1, detail="")
    assert caught.value.message == expected.strip()
    assert "java" not in caught.value.message.lower()


def test_ctrl_c_during_a_conversion_stops_libreoffice_and_removes_its_profile(
    tmp_path: Path, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "sleep")
    monkeypatch.setenv("FAKE_SOFFICE_PIDS", str(pids))
    monkeypatch.setattr(libreoffice.tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    ((source, _),) = sources(tmp_path, "a")
    real_communicate = libreoffice.subprocess.Popen.communicate

    def interrupted(self: object, *args: object, **kwargs: object) -> object:
        for _ in range(200):  # until the fake LibreOffice and its child are running
            if pids.exists() and len(pids.read_text().split()) == 2:
                raise KeyboardInterrupt
            import time

            time.sleep(0.05)
        return real_communicate(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(libreoffice.subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        convert_file(source, tmp_path / "out.docx")

    for pid in map(int, pids.read_text().split()):
        assert not _alive(pid)
    assert list((tmp_path / "temp").iterdir()) == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (not yet reaped by its parent) is dead for our purpose.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@pytest.mark.slow
@pytest.mark.skipif(libreoffice.find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_real_libreoffice_fetches_nothing_a_document_links_to(tmp_path: Path) -> None:
    import http.server
    import threading

    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(f"{self.command} {self.path}")
            self.send_response(404)
            self.end_headers()

        do_HEAD = do_OPTIONS = do_PROPFIND = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    odt = tmp_path / "kế hoạch có ảnh ngoài.odt"
    _write_odt_linking(odt, url)
    try:
        convert_file(odt, tmp_path / "out.docx")
        convert_file(odt, tmp_path / "out.pdf")
    finally:
        server.shutdown()
    assert (tmp_path / "out.docx").read_bytes().startswith(b"PK")
    assert hits == []


def _write_odt_linking(path: Path, url: str) -> None:
    """An .odt whose image and section are links to `url` (LibreOffice 7.4 fetched the image 3 times)."""
    import zipfile as zf

    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        "<office:body><office:text><text:p>Kế hoạch "
        '<draw:frame draw:name="a" svg:width="2cm" svg:height="2cm">'
        f'<draw:image xlink:href="{url}/image.png" xlink:type="simple" xlink:show="embed" '
        'xlink:actuate="onLoad"/></draw:frame></text:p>'
        f'<text:section text:name="s"><text:section-source xlink:href="{url}/section.odt" '
        'xlink:type="simple"/></text:section></office:text></office:body></office:document-content>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zf.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zf.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)


def test_importing_a_huge_rtf_is_refused_with_our_message(tmp_path: Path, soffice: Path) -> None:
    from bdg_plan.api.word import read_word_file

    huge = tmp_path / "kế hoạch cũ.rtf"
    with huge.open("wb") as stream:
        stream.write(b"{\\rtf1 ")
        stream.truncate(libreoffice.MAX_CONVERT_BYTES + 1)

    with pytest.raises(InputFileError) as caught:
        read_word_file(huge)

    assert caught.value.message == msg.CONVERT_TOO_LARGE.format(file=huge, limit=10)
    assert not soffice.exists()  # LibreOffice never ran
