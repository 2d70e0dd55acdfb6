"""`bdg-plan import` and `bdg-plan check` as a clerk runs them: messages, exit codes, files written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan.cli.app import app
from tests.clerk_docs import Layout, build

runner = CliRunner()
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    path = tmp_path / "Kế hoạch 2024.docx"
    path.write_bytes(build(Layout(image=True)))
    return path


def test_import_writes_the_plan_beside_the_word_file(word_file: Path) -> None:
    code, output = run("import", str(word_file))
    assert code == 0, output
    plan = word_file.with_suffix(".yaml")
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert yaml.safe_load(text)["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
    assert "Đã ghi tệp kế hoạch" in output
    assert "noi_dung" in output and "2 mục" in output  # the summary table
    assert "hình ảnh" in output  # what could not be placed
    assert "ND30-SO-TRANG" in output  # the check of the input
    assert not api.validate(plan).problems or not any(p.is_error for p in api.validate(plan).problems)


def test_import_never_overwrites_without_force(word_file: Path) -> None:
    plan = word_file.with_suffix(".yaml")
    plan.write_text("nam: 2024\n", encoding="utf-8")
    code, output = run("import", str(word_file))
    assert code == 1 and "--force" in output
    assert plan.read_text(encoding="utf-8") == "nam: 2024\n"
    code, _ = run("import", str(word_file), "--force")
    assert code == 0 and "co_quan" in plan.read_text(encoding="utf-8")


def test_import_to_a_named_output(word_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "ke-hoach-2025.yaml"
    code, _ = run("import", str(word_file), "-o", str(target), "--format", "plain")
    assert code == 0 and target.is_file()
    code, output = run("import", str(word_file), "-o", str(tmp_path / "x.docx"))
    assert code == 1 and ".yaml" in output


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"khong phai word", "không phải tệp Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "mật khẩu"),
    ],
)
def test_import_of_a_bad_file_writes_nothing(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "cu.docx"
    path.write_bytes(content)
    code, output = run("import", str(path))
    assert code == 1 and words in output and "Traceback" not in output
    assert not (tmp_path / "cu.yaml").exists()


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    code, output = run("import", str(tmp_path / "khong-co.docx"))
    assert code == 1 and "Không tìm thấy" in output


def test_import_of_a_doc_without_libreoffice_says_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bdg_plan.office.libreoffice

    monkeypatch.setattr(bdg_plan.office.libreoffice, "find_soffice", lambda: None)
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    code, output = run("import", str(path))
    assert code == 1 and "LibreOffice" in output and "docx" in output


def test_check_exit_code_says_whether_anything_deviates(tmp_path: Path, example_path: Path) -> None:
    rendered = tmp_path / "plan.docx"
    code, _ = run("render", str(example_path), "-o", str(rendered))
    assert code == 0
    code, output = run("check", str(rendered))
    assert code == 0 and "Không thấy sai lệch" in output
    clerk = tmp_path / "clerk.docx"
    clerk.write_bytes(build(Layout()))
    code, output = run("check", str(clerk), "--format", "plain")
    assert code == 1
    lines = output.strip().splitlines()
    # No page number, no rule under the organ or the motto, a Quốc hiệu column too narrow for
    # it (python-docx's even columns), a trích yếu rule under 1/3 of its line.
    codes = [line.split(": ", 1)[1].split()[0] for line in lines]
    assert all(line.startswith(f"{clerk}:") for line in lines)
    assert sorted(codes) == sorted(
        ["ND30-SO-TRANG", "ND30-DUONG-KE", "ND30-QUOC-HIEU", "ND30-DUONG-KE", "ND30-DUONG-KE"]
    )


@pytest.mark.slow
def test_import_of_a_doc_and_an_odt_through_libreoffice(tmp_path: Path) -> None:
    from bdg_plan.office.libreoffice import convert_file, find_soffice

    if find_soffice() is None:
        pytest.fail("LibreOffice is needed for the slow tier")
    source = tmp_path / "goc.docx"
    source.write_bytes(build(Layout(numbering="auto")))
    for suffix in (".doc", ".odt"):
        converted = convert_file(source, tmp_path / f"cu-{suffix[1:]}{suffix}", suffix.lstrip("."))
        code, output = run("import", str(converted))
        assert code == 0, output
        data = yaml.safe_load(converted.with_suffix(".yaml").read_text(encoding="utf-8"))
        assert data["co_quan"]["ten"] == "Ủy ban nhân dân xã Tân Lập"
        assert data["to_chuc_thuc_hien"][0]["ten"] == "Công chức văn hóa - xã hội"


def test_a_blank_number_shows_as_blank_in_the_summary() -> None:
    from bdg_plan import messages as msg
    from bdg_plan.word.importer import summary

    rows = dict(summary({"nam": 2026, "so": None, "noi_nhan": ["Như trên;"]}))

    assert rows == {"nam": "2026", "so": msg.IMPORT_SUMMARY_BLANK, "noi_nhan": "1 mục"}
    assert "None" not in rows.values()
