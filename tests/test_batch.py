"""`bdg-plan batch`: one base plan and a communes file (CSV or YAML) -> one validated .docx each."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan.cli.app import app
from bdg_plan.commands import batch
from bdg_plan.compose.document import compose
from bdg_plan.docx.write import document as docx_writer

from .docx_xml import Docx, W

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BASE = EXAMPLES / "plan2023.yaml"
runner = CliRunner()
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *args], env=ENV)
    return result.exit_code, result.output


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",", bom: bool = True) -> Path:
    """Write a CSV the way Excel saves it: CRLF line ends, fields quoted when needed."""
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode("utf-8"))
    return path


def organ_lines(doc: Docx) -> list[str]:
    """The organ block (ô 2): the left cell of the header table's first row."""
    return [doc.text(p) for p in doc.cell_paragraphs(doc.tables()[0], 0, 0) if doc.text(p)]


def closing_text(doc: Docx) -> str:
    return "\n".join(doc.text(p) for p in doc.tables()[-1].iter(f"{W}p"))


def check_format(doc: Docx) -> None:
    """Basic Decree 30 checks: A4 portrait page, Times New Roman in the body text."""
    size = doc.sect_pr().find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    body = [p for p in doc.body_paragraphs() if doc.runs(p)]
    fonts = doc.run_props(body[-1], doc.runs(body[-1])[0]).fonts
    assert fonts["ascii"] == fonts["hAnsi"] == "Times New Roman"


COMMUNES = [
    ("Ủy ban nhân dân xã Đồng Đăng", "Đồng Đăng", "Hoàng Văn Nam"),
    ("Ủy ban nhân dân phường Lương Văn Tri", "Lương Văn Tri", "Nông Thị Thu Hà"),
    ("Ủy ban nhân dân xã Hoàng Văn Thụ", "Hoàng Văn Thụ", "Lương Văn Toàn"),
    ("Ủy ban nhân dân xã Ba Sơn", "Ba Sơn", "Hoàng Thị Mai"),
]


# --- A batch from a CSV -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("jobs", "delimiter", "bom", "header"),
    [
        ("2", ",", True, ["Tên xã", "Địa danh", "Người ký"]),
        ("1", ";", False, ["co_quan.ten", "co_quan.dia_danh", "nguoi_ky.ho_ten"]),
        ("2", "\t", True, ["TÊN XÃ", "Dia danh", "Họ tên người ký:"]),
    ],
    ids=["excel-bom-vietnamese-headers", "semicolon-key-paths", "tab-aliases-folded"],
)
def test_csv_gives_one_file_per_commune(
    tmp_path: Path, jobs: str, delimiter: str, bom: bool, header: list[str]
) -> None:
    communes = write_csv(tmp_path / "xa.csv", [header, *map(list, COMMUNES)], delimiter=delimiter, bom=bom)
    out = tmp_path / "out"

    code, output = run(str(BASE), str(communes), "-o", str(out), "--jobs", jobs)

    assert code == 0, output
    expected = ["phuong-luong-van-tri.docx", "xa-ba-son.docx", "xa-dong-dang.docx", "xa-hoang-van-thu.docx"]
    assert sorted(p.name for p in out.iterdir()) == expected
    for (name, place, signer), file in zip(COMMUNES, ["xa-dong-dang", "phuong-luong-van-tri"], strict=False):
        doc = Docx((out / f"{file}.docx").read_bytes())
        unit = name.removeprefix("Ủy ban nhân dân ").upper()
        assert organ_lines(doc) == ["ỦY BAN NHÂN DÂN", unit]
        assert f"{place}, ngày" in doc.all_text()
        assert closing_text(doc).endswith(signer)
        check_format(doc)
    assert "Kết quả từng xã, phường" in output and output.count("đạt") >= 4


def test_bad_row_is_named_and_the_others_are_written(tmp_path: Path) -> None:
    rows = [
        ["Tên xã", "Địa danh", "Người ký", "ngay"],
        [*COMMUNES[0], ""],
        [COMMUNES[1][0], COMMUNES[1][1], "", "2023-02-30"],  # line 3: no signer, impossible date
        [*COMMUNES[2], "2023-03-15"],
    ]
    communes = write_csv(tmp_path / "xa.csv", rows)
    out = tmp_path / "out"

    code, output = run(str(BASE), str(communes), "-o", str(out), "--jobs", "2", "--format", "plain")

    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["xa-dong-dang.docx", "xa-hoang-van-thu.docx"]
    assert f"{communes}:3:3: empty-cell Cột 'Người ký': Ô trống" in output
    assert f"{communes}:3:4: invalid-date Cột 'ngay': Ngày 2023-02-30 không có thật." in output
    assert "Xong: 2 văn bản đạt, 1 xã lỗi" in output


def test_rich_summary_names_the_row_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = [["Tên xã", "Địa danh", "Người ký", "so"], [*COMMUNES[0], "0"], [*COMMUNES[1], "5"]]
    write_csv(tmp_path / "xa.csv", rows)

    code, output = run(str(BASE), "xa.csv", "-o", "out", "--jobs", "1")

    assert code == 1
    assert "│ xa.csv:2:4 Cột 'so': Số văn bản phải là số nguyên dương" in output
    assert "lỗi" in output and (tmp_path / "out" / "phuong-luong-van-tri.docx").is_file()
    text = Docx((tmp_path / "out" / "phuong-luong-van-tri.docx").read_bytes()).all_text()
    assert "Số: 05/KH-UBND" in text


def test_cell_text_gets_the_loaders_checks(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân xã Đồng Đăng")
    rows = [
        ["Tên xã", "Địa danh", "Người ký"],
        [decomposed, "Đồng Đăng", "Hoàng Văn Nam"],
        [COMMUNES[1][0], "Lương Văn Tri\x07", "Nông Thị\u200b Thu Hà"],
    ]
    communes = write_csv(tmp_path / "xa.csv", rows)
    out = tmp_path / "out"

    code, output = run(str(BASE), str(communes), "-o", str(out), "--jobs", "1", "--format", "plain")

    assert code == 1
    assert f"{communes}:3:2: control-char Cột 'Địa danh':" in output
    assert f"{communes}:3:3: invisible-char Cột 'Người ký':" in output
    assert [p.name for p in out.iterdir()] == ["xa-dong-dang.docx"]
    doc = Docx((out / "xa-dong-dang.docx").read_bytes())
    assert organ_lines(doc)[1] == unicodedata.normalize("NFC", "XÃ ĐỒNG ĐĂNG")


# --- Output names -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Ủy ban nhân dân xã Đồng Đăng", "xa-dong-dang"),
        ("Ủy ban nhân dân phường Lương Văn Tri", "phuong-luong-van-tri"),
        ("ỦY BAN NHÂN DÂN XÃ ĐỒNG ĐĂNG", "xa-dong-dang"),
        (unicodedata.normalize("NFD", "Ủy ban nhân dân xã Hữu Kiên"), "xa-huu-kien"),
        ("../x", "x"),
        ("a/b", "a-b"),
        ("C:\\x", "c-x"),
        ("..", ""),
        ("Ủy ban nhân dân", "uy-ban-nhan-dan"),
        ("xã " + "rất dài " * 20, "xa" + "-rat-dai" * 7),
    ],
)
def test_output_stem(name: str, stem: str) -> None:
    assert batch.output_stem(name) == stem


def test_output_names_are_unique() -> None:
    names = ["Ủy ban nhân dân xã A", "Ủy ban nhân dân xã A", None, "xa a 2", "CON", "ủy ban nhân dân XÃ A"]
    assert batch.assign_output_names(names) == [
        "xa-a.docx",
        "xa-a-2.docx",
        "xa-3.docx",
        "xa-a-2-2.docx",
        "con-1.docx",
        "xa-a-3.docx",
    ]


def test_duplicate_names_get_distinct_files(tmp_path: Path) -> None:
    rows = [
        ["Tên xã", "Địa danh", "Người ký"],
        *([COMMUNES[0][0], COMMUNES[0][1], f"Người {i}"] for i in (1, 2)),
    ]
    out = tmp_path / "out"

    code, output = run(str(BASE), str(write_csv(tmp_path / "xa.csv", rows)), "-o", str(out), "-j", "2")

    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["xa-dong-dang-2.docx", "xa-dong-dang.docx"]
    assert closing_text(Docx((out / "xa-dong-dang.docx").read_bytes())).endswith("Người 1")
    assert closing_text(Docx((out / "xa-dong-dang-2.docx").read_bytes())).endswith("Người 2")


def test_path_like_names_stay_inside_the_folder(tmp_path: Path) -> None:
    names = ["../x", "a/b", "C:\\x", "..", "/tmp/evil"]
    rows = [["co_quan.ten", "co_quan.dia_danh", "nguoi_ky.ho_ten"], *([n, "Nơi", "Người ký"] for n in names)]
    work = tmp_path / "work"
    work.mkdir()
    communes = write_csv(work / "xa.csv", rows)
    out = work / "out"

    code, output = run(str(BASE), str(communes), "-o", str(out), "-j", "1")

    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == [
        "a-b.docx",
        "c-x.docx",
        "tmp-evil.docx",
        "x.docx",
        "xa-4.docx",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    assert sorted(p.name for p in work.iterdir()) == ["out", "xa.csv"]


# --- The YAML form ----------------------------------------------------------------------------
COMMUNES_YAML = """\
- co_quan.ten: Ủy ban nhân dân xã Đồng Đăng
  co_quan.dia_danh: Đồng Đăng
  nguoi_ky:
    ho_ten: Hoàng Văn Nam
  noi_nhan:
    - Đảng ủy xã
    - ten: UBND tỉnh Lạng Sơn
      ghi_chu: b/c
  noi_dung:
    - ten: Hoạt động riêng của xã Đồng Đăng
      cac_y: [Ý thứ nhất., Ý thứ hai.]
- co_quan.ten: Ủy ban nhân dân xã Ba Sơn
  co_quan.dia_danh: Ba Sơn
  nguoi_ky.ho_ten: Hoàng Thị Mai
  noi_dung:
    - ten: Hoạt động có lỗi
      tho_gian: Quý II/2023
- co_quan.ten: Ủy ban nhân dân xã Công Sơn
  co_quan.dia_danh: Công Sơn
"""


def test_yaml_form_with_list_overrides(tmp_path: Path) -> None:
    communes = tmp_path / "xa.yaml"
    communes.write_text(COMMUNES_YAML, encoding="utf-8")
    out = tmp_path / "out"

    code, output = run(str(BASE), str(communes), "-o", str(out), "-j", "2", "--format", "plain")

    assert code == 1
    assert [p.name for p in out.iterdir()] == ["xa-dong-dang.docx"]
    doc = Docx((out / "xa-dong-dang.docx").read_bytes())
    closing = closing_text(doc)
    assert "- Đảng ủy xã;\n- UBND tỉnh Lạng Sơn (b/c);\n- Lưu: VT." in closing
    assert "Trưởng thôn" not in closing
    assert "II. NỘI DUNG\n1. Hoạt động riêng của xã Đồng Đăng\n- Ý thứ nhất." in doc.all_text()
    # Problems deep inside a commune's own list, and a missing key, point into the communes file.
    assert f"{communes}:17:7: unknown-key Khóa 'tho_gian' không có trong mẫu kế hoạch." in output
    assert "Có phải ý bạn là 'thoi_gian'?" in output
    assert f"{communes}:18:3: missing-field Thiếu khóa 'nguoi_ky.ho_ten'" in output


def test_yaml_syntax_error_stops_before_anything(tmp_path: Path) -> None:
    communes = tmp_path / "xa.yaml"
    communes.write_text("- co_quan.ten: 'chưa đóng\n", encoding="utf-8")

    code, output = run(str(BASE), str(communes), "-o", str(tmp_path / "out"))

    assert code == 1 and "Tệp danh sách xã có lỗi" in output
    assert not (tmp_path / "out").exists()


# --- Same bytes as rendering the merged plan alone ------------------------------------------
@pytest.mark.parametrize("communes", ["communes.csv", "communes.yaml"])
def test_each_file_is_the_merged_plan_rendered_alone(tmp_path: Path, communes: str) -> None:
    out = tmp_path / "out"
    code, output = run(str(BASE), str(EXAMPLES / communes), "-o", str(out), "-j", "2")
    assert code == 0, output

    base = api.load_text(BASE.read_bytes(), str(BASE)).data
    entries, problems = batch.read_communes((EXAMPLES / communes).read_bytes(), communes)
    assert problems == [] and len(entries) >= 6
    names = batch.assign_output_names([entry.name for entry in entries])
    for entry, name in zip(entries, names, strict=True):
        merged = tmp_path / f"{name}.yaml"
        merged.write_text(yaml.safe_dump(batch.merge_overrides(base, entry.overrides), allow_unicode=True))
        alone = api.render(merged, tmp_path / f"{name}.alone.docx").output.read_bytes()
        assert (out / name).read_bytes() == alone, name


# --- Dry run, base and header errors, PDF ----------------------------------------------------
def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run(str(BASE), str(EXAMPLES / "communes.yaml"), "-o", str(out), "--dry-run", "-j", "2")
    assert code == 0, output
    assert "Chạy thử xong: 6 xã hợp lệ, 0 xã có lỗi" in output
    assert not out.exists()

    rows = [["Tên xã", "Địa danh", "Người ký"], [*COMMUNES[0]], [COMMUNES[1][0], "", "X"]]
    code, output = run(str(BASE), str(write_csv(tmp_path / "xa.csv", rows)), "-o", str(out), "--dry-run")
    assert code == 1 and "1 xã có lỗi" in output
    assert not out.exists()


def test_invalid_base_stops_every_commune(tmp_path: Path) -> None:
    base = tmp_path / "goc.yaml"
    base.write_text(BASE.read_text(encoding="utf-8").replace("ky_hieu: KH-UBND", "ky_hieu: KH UBND"))

    code, output = run(str(base), str(EXAMPLES / "communes.csv"), "-o", str(tmp_path / "out"))

    assert code == 1
    assert "Tệp kế hoạch gốc có lỗi" in output and "ky-hieu-format" in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Tên xã", "Địa danh", "nguoi_ky.ho_tn"], ":1:3: unknown-column Khóa 'nguoi_ky.ho_tn'"),
        (["Tên xã", "Địa danh", "Người ký", "Ghi chú"], ":1:4: unknown-column Cột 'Ghi chú' không phải"),
        (["Tên xã", "Địa danh"], ":1:1: missing-column Thiếu cột 'nguoi_ky.ho_ten' (hoặc 'Người ký')"),
        (["Tên xã", "Địa danh", "Người ký", "nguoi_ky.ho_ten"], ":1:4: duplicate-column"),
    ],
)
def test_header_problems_stop_the_batch(tmp_path: Path, header: list[str], expected: str) -> None:
    communes = write_csv(tmp_path / "xa.csv", [header, ["a"] * len(header)])
    code, output = run(str(BASE), str(communes), "-o", str(tmp_path / "out"), "--format", "plain")
    assert code == 1
    assert f"{communes}{expected}" in output
    if "ho_tn" in expected:
        assert "Có phải ý bạn là 'nguoi_ky.ho_ten'?" in output
    assert not (tmp_path / "out").exists()


def test_pdf_without_the_pdf_module_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "bdg_plan.office.pdf", None)
    code, output = run(str(BASE), str(EXAMPLES / "communes.csv"), "-o", str(tmp_path / "out"), "--pdf")
    assert code == 1 and "chưa có chức năng tạo PDF" in output
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a POSIX script")
def test_pdfs_are_made_per_chunk_by_one_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import fake_soffice

    pdf = pytest.importorskip("bdg_plan.office.pdf")
    monkeypatch.setattr(pdf, "find_soffice", lambda: fake_soffice.install(tmp_path))
    log = tmp_path / "runs.log"
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out = tmp_path / "out"
    code, output = run(str(BASE), str(EXAMPLES / "communes.yaml"), "-o", str(out), "--pdf", "-j", "1")
    assert code == 0, output
    docx = sorted(out.glob("*.docx"))
    assert len(docx) == 6
    assert [path.with_suffix(".pdf") for path in docx] == sorted(out.glob("*.pdf"))
    # Six communes, one worker: chunks of two, one LibreOffice run each.
    assert [len(line.split()) for line in log.read_text().splitlines()] == [2, 2, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "out", "runs.log", "temp"]
    assert list(temp.iterdir()) == []  # the LibreOffice profile is gone


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_real_pdfs_in_two_workers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run(str(BASE), str(EXAMPLES / "communes.yaml"), "-o", str(out), "--pdf", "-j", "2")
    assert code == 0, output
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.with_suffix(".docx") for p in pdfs] == sorted(out.glob("*.docx"))
    assert len(pdfs) == 6 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_existing_files_need_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = (str(BASE), str(EXAMPLES / "communes.csv"), "-o", str(out), "-j", "1")
    assert run(*args)[0] == 0
    code, output = run(*args)
    assert code == 1 and "đã có" in output
    assert run(*args, "--force")[0] == 0


# --- The writer's fast paths (what makes a batch fast) produce python-docx's own output -------
def test_writer_output_is_what_python_docx_and_zipfile_write() -> None:
    """The container is zipfile's (re-packing gives the same bytes); the parts are python-docx's."""
    from docx import Document
    from lxml import etree

    plan = api.load_plan(BASE).plan
    assert plan is not None
    data = docx_writer.write_docx(compose(plan))
    output = zipfile.ZipFile(io.BytesIO(data))
    repacked = io.BytesIO()
    with zipfile.ZipFile(repacked, "w", zipfile.ZIP_DEFLATED) as target:
        for info in output.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 3
            target.writestr(entry, output.read(info.filename))
    assert repacked.getvalue() == data

    saved = io.BytesIO()
    Document(io.BytesIO(data)).save(saved)
    resaved = zipfile.ZipFile(saved)
    assert resaved.namelist() == output.namelist()
    for name in output.namelist():
        if name == "docProps/core.xml":  # lxml re-reads an empty <dc:subject></dc:subject> as <dc:subject/>
            canonical = [
                etree.tostring(etree.fromstring(z.read(name)), method="c14n") for z in (output, resaved)
            ]
            assert canonical[0] == canonical[1]
        else:
            assert output.read(name) == resaved.read(name), name


@pytest.mark.parametrize("text", ["chữ", "  lề  ", "a\tb", "dòng\nmới", "x\r\ny", "& < > \" '", "😀"])
def test_fast_text_and_style_match_python_docx(text: str) -> None:
    from docx import Document
    from lxml import etree

    document = Document()
    slow, fast = document.add_paragraph(), document.add_paragraph()
    slow.add_run(text)
    slow._p.style = "KHNoiDung"
    docx_writer._add_text(fast, text)
    docx_writer._set_style(fast, "KHNoiDung")
    assert etree.tostring(fast._p) == etree.tostring(slow._p)


def test_summary_shows_names_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = [["Tên xã", "Địa danh", "Người ký"], ["Ủy ban nhân dân xã [bold]Mới[/]", "Mới", "A"]]
    write_csv(tmp_path / "xa.csv", rows)

    code, output = run(str(BASE), "xa.csv", "-o", "out", "-j", "1")

    assert code == 0, output
    assert "Ủy ban nhân dân xã [bold]Mới[/]" in output
    assert (tmp_path / "out" / "xa-bold-moi.docx").is_file()


# --- The size of a commune list ----------------------------------------------------------------
def commune_lines(count: int) -> list[str]:
    return [f"Ủy ban nhân dân xã Số {i};Số {i};Nguyễn Văn A" for i in range(count)]


def test_a_commune_list_holds_at_most_max_communes_rows() -> None:
    limit = batch.communes.MAX_COMMUNES
    assert 3_400 <= limit <= 10_000  # the whole country (about 3,300 communes), not a 2 MB list
    header = "Tên xã;Địa danh;Người ký"
    full = "\n".join([header, *commune_lines(limit)]) + "\n"
    entries, problems = batch.read_communes(full.encode(), "xa.csv")
    assert problems == [] and len(entries) == limit and entries[-1].line == limit + 1
    over = full + "Ủy ban nhân dân xã Thừa;Thừa;Lê Văn B\n"
    entries, problems = batch.read_communes(over.encode(), "xa.csv")
    assert entries == []
    assert [(p.line, p.code) for p in problems] == [(limit + 2, "too-many-communes")]
    assert f"hơn {limit} xã" in problems[0].message


def test_a_yaml_commune_list_has_the_same_bound() -> None:
    limit = batch.communes.MAX_COMMUNES
    items = "".join(
        f"- {{Tên xã: Ủy ban nhân dân xã Số {i}, Địa danh: Số {i}, Người ký: A}}\n" for i in range(limit + 1)
    )
    entries, problems = batch.read_communes(items.encode(), "xa.yaml")
    assert entries == []
    assert [(p.line, p.code) for p in problems] == [(limit + 1, "too-many-communes")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A commune after a cell over two lines starts on line 4.
        ('Tên xã;Địa danh;Người ký\n"Ủy ban nhân dân\nxã A";A;Lê C\nỦy ban nhân dân xã B;B;Lê D\n', [2, 4]),
        ("Tên xã;Địa danh;Người ký\n\n;;\nỦy ban nhân dân xã B;B;Lê D\n", [4]),
    ],
)
def test_each_commune_keeps_the_line_it_starts_on(text: str, expected: list[int]) -> None:
    entries, problems = batch.read_communes(text.encode(), "xa.csv")
    assert problems == []
    assert [entry.line for entry in entries] == expected


# --- A worker that dies, a bug, no memory; stopping a batch ------------------------------------
def _kill_after_writing(name: str, marker: Path) -> Any:
    """`process_commune` that kills its worker right after writing `name`'s file, the first time."""
    from bdg_plan.commands.batch import pool

    real = pool.process_commune

    def process(setup: Any, entry: Any, target: Path) -> Any:
        result = real(setup, entry, target)
        if entry.name == name and not marker.exists():
            marker.write_text("killed")
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    return process


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_commune_whose_worker_died_after_writing_it_is_a_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bdg_plan.commands.batch import pool

    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    monkeypatch.setattr(pool, "process_commune", _kill_after_writing(COMMUNES[0][0], tmp_path / "killed"))
    out = tmp_path / "out"
    communes = write_csv(tmp_path / "xa.csv", [["Tên xã", "Địa danh", "Người ký"], *COMMUNES])

    code, output = run(str(BASE), str(communes), "-o", str(out), "-j", "2")

    assert (tmp_path / "killed").exists()  # the worker did die, after writing the file
    assert code == 0, output
    assert "đã có" not in output
    assert len(list(out.glob("*.docx"))) == len(COMMUNES)


def test_a_file_that_existed_before_the_batch_is_still_refused_on_a_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bdg_plan.commands.batch import pool

    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    out = tmp_path / "out"
    communes = write_csv(tmp_path / "xa.csv", [["Tên xã", "Địa danh", "Người ký"], *COMMUNES])
    assert run(str(BASE), str(communes), "-o", str(out), "-j", "1")[0] == 0
    signed = sorted(out.glob("*.docx"))[0]
    signed.write_bytes(b"the signed copy")
    for other in sorted(out.glob("*.docx"))[1:]:
        other.unlink()
    monkeypatch.setattr(pool, "process_commune", _kill_first_time(tmp_path / "killed"))

    code, output = run(str(BASE), str(communes), "-o", str(out), "-j", "2")

    assert code == 1 and "đã có" in output
    assert signed.read_bytes() == b"the signed copy"


def _kill_first_time(marker: Path) -> Any:
    from bdg_plan.commands.batch import pool

    real = pool.process_commune

    def process(setup: Any, entry: Any, target: Path) -> Any:
        if not marker.exists():
            marker.write_text("killed")
            os.kill(os.getpid(), signal.SIGKILL)
        return real(setup, entry, target)

    return process


def test_a_worker_out_of_memory_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bdg_plan import messages as msg
    from bdg_plan.commands.batch import pool

    real = pool.validate_commune

    def validate(base: Any, problems: Any, name: str, entry: Any) -> Any:
        if entry.name == COMMUNES[3][0]:
            raise MemoryError
        return real(base, problems, name, entry)

    monkeypatch.setattr(pool, "validate_commune", validate)
    communes = write_csv(tmp_path / "xa.csv", [["Tên xã", "Địa danh", "Người ký"], *COMMUNES])
    code, output = run(str(BASE), str(communes), "-o", str(tmp_path / "out"), "-j", "1")

    assert code == 1
    flat = " ".join(output.split())
    assert " ".join(msg.BATCH_COMMUNE_OUT_OF_MEMORY.split())[:60] in flat
    assert "Lỗi nội bộ" not in flat
    assert len(list((tmp_path / "out").glob("*.docx"))) == len(COMMUNES) - 1


def test_a_bug_in_one_commune_keeps_its_traceback_in_the_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bdg_plan.commands.batch import pool

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    real = pool.validate_commune

    def validate(base: Any, problems: Any, name: str, entry: Any) -> Any:
        if entry.name == COMMUNES[3][0]:
            return _a_bug_deep_inside()
        return real(base, problems, name, entry)

    monkeypatch.setattr(pool, "validate_commune", validate)
    communes = write_csv(tmp_path / "xa.csv", [["Tên xã", "Địa danh", "Người ký"], *COMMUNES])
    result = api.render_batch(BASE, communes, tmp_path / "out", api.BatchOptions(jobs=1))

    assert result.failed == 1
    logs = list((tmp_path / "cache" / "bdg-plan" / "loi").glob("loi-*.txt"))
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "_a_bug_deep_inside" in text and "ZeroDivisionError" in text
    (failed,) = [commune for commune in result.communes if not commune.ok]
    assert failed.name == COMMUNES[3][0]
    assert failed.error is not None and str(logs[0]) in failed.error  # the commune's result names the log


def _a_bug_deep_inside() -> Any:
    return 1 // 0


def _processes_under(pid: int) -> list[int]:
    """Every live process whose parent chain reaches `pid` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found += children
        frontier += children
    return found


def _alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def _until(check: Callable[[], bool], bound: float = 60.0) -> bool:
    """Whether `check` holds within `bound` seconds (a bound on the wait, not a measure)."""
    deadline = time.monotonic() + bound
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and the parent-death signal")
@pytest.mark.parametrize(
    "stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["kill-9", "term", "ctrl-c"]
)
def test_a_stopped_pdf_batch_leaves_no_process_and_no_temp_folder(tmp_path: Path, stop: int) -> None:
    from tests import fake_soffice

    soffice = fake_soffice.install(tmp_path)
    pids = tmp_path / "pids"
    temp = tmp_path / "temp"
    temp.mkdir()
    communes = write_csv(tmp_path / "xa.csv", [["Tên xã", "Địa danh", "Người ký"], *COMMUNES])
    env = {
        **os.environ,
        "PATH": f"{Path(soffice).parent}{os.pathsep}{os.environ['PATH']}",
        "BDG_PLAN_UNO_PYTHON": "",
        "FAKE_SOFFICE_MODE": "sleep",
        "FAKE_SOFFICE_PIDS": str(pids),
        "TMPDIR": str(temp),
    }
    command = [
        sys.executable,
        "-m",
        "bdg_plan",
        "batch",
        str(BASE),
        str(communes),
        "-o",
        str(tmp_path / "out"),
    ]
    batch_process = subprocess.Popen(
        [*command, "--pdf", "-j", "2"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        # Both workers are converting (each with a hung LibreOffice and its child).
        assert _until(lambda: pids.exists() and len(pids.read_text().split()) == 4)
        spawned = _processes_under(batch_process.pid)
        assert len(spawned) >= 6  # 2 workers, 2 soffice, 2 of their children
        batch_process.send_signal(stop)
        batch_process.wait(60)
        left = [pid for pid in [*spawned, *map(int, pids.read_text().split())] if _alive(pid)]
        assert _until(lambda: not [pid for pid in left if _alive(pid)]), left
        assert _until(lambda: list(temp.iterdir()) == []), list(temp.iterdir())
    finally:
        if batch_process.poll() is None:
            batch_process.kill()
            batch_process.wait()
    if stop == signal.SIGINT:
        assert batch_process.returncode == 130
        assert "Đã dừng" in batch_process.stderr.read().decode("utf-8")  # type: ignore[union-attr]


# --- Under a tight memory ceiling (`ulimit -v`) ---------------------------------------------------
def _under_ceiling(kilobytes: int) -> Callable[[], None]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (kilobytes * 1024, resource.RLIM_INFINITY))

    return limit


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS")
def test_below_the_memory_floor_the_cli_says_so_instead_of_aborting(tmp_path: Path) -> None:
    from bdg_plan import messages as msg

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bdg_plan.cli.app import main; main()",
            "render",
            str(BASE),
            "-o",
            str(tmp_path / "x.docx"),
        ],
        cwd=ROOT,
        capture_output=True,
        preexec_fn=_under_ceiling(40_000),  # 40 MB: pydantic-core aborted the process here (exit 134)
        timeout=120,
        check=False,
    )

    assert done.returncode == 1, done.stderr
    assert " ".join(msg.OUT_OF_MEMORY.split()) in " ".join(done.stderr.decode("utf-8").split())
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS")
def test_a_batch_under_a_tight_memory_ceiling_finishes_in_one_process(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "bdg_plan",
        "batch",
        str(BASE),
        str(EXAMPLES / "communes.csv"),
        "-o",
        str(out),
    ]
    done = subprocess.run(
        [*command, "-j", "2"],
        cwd=ROOT,
        capture_output=True,
        preexec_fn=_under_ceiling(200_000),  # 200 MB: the worker pool's feeder thread could not start
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr.decode("utf-8")[-2000:]
    assert len(list(out.glob("*.docx"))) == 7
