"""`bdg-plan render` as a clerk runs it: messages, exit codes, and no half-written files."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bdg_plan.cli.app import app
from bdg_plan.docx.write import document as docx_writer

runner = CliRunner()
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


@pytest.fixture
def plan(tmp_path: Path, example_text: str) -> Path:
    path = tmp_path / "plan2023.yaml"
    path.write_text(example_text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_render_default_output_beside_plan(plan: Path) -> None:
    code, output = run("render", str(plan))
    assert code == 0
    assert (plan.parent / "plan2023.docx").read_bytes()[:2] == b"PK"
    assert "Đã tạo văn bản" in output


def test_render_to_named_output(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "ra" / "kế hoạch.docx"
    code, output = run("render", str(plan), "-o", str(target))
    assert code == 1
    assert "không tồn tại" in output and not target.exists()
    target.parent.mkdir()
    code, _ = run("render", str(plan), "-o", str(target))
    assert code == 0 and target.exists()


def test_existing_output_needs_force(plan: Path) -> None:
    target = plan.with_suffix(".docx")
    target.write_bytes(b"old")
    code, output = run("render", str(plan))
    assert code == 1
    assert "--force" in output and "Traceback" not in output
    assert target.read_bytes() == b"old"
    code, _ = run("render", str(plan), "--force")
    assert code == 0 and target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("lock_name", ["~$an2023.docx", "~$plan2023.docx", ".~lock.plan2023.docx#"])
def test_output_open_in_word_is_refused_even_with_force(plan: Path, lock_name: str) -> None:
    target = plan.with_suffix(".docx")
    target.write_bytes(b"open in Word")
    (plan.parent / lock_name).write_bytes(b"lock")
    code, output = run("render", str(plan), "--force")
    assert code == 1
    assert "đang mở" in output
    assert target.read_bytes() == b"open in Word"


def test_invalid_plan_is_refused_with_the_validate_report(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8").replace("nam: 2023", "nam: 2024", 1)
    plan.write_text(text, encoding="utf-8")
    code, output = run("render", str(plan), "--format", "plain")
    assert code == 1
    assert f"{plan}:" in output and "year-mismatch" in output
    assert not plan.with_suffix(".docx").exists()


def test_failure_inside_the_writer_leaves_the_old_file(
    plan: Path, monkeypatch: pytest.MonkeyPatch, crash_logs_in_tmp: Path
) -> None:
    target = plan.with_suffix(".docx")
    target.write_bytes(b"previous version")

    def broken(*args: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_writer, "_closing_table", broken)
    result = runner.invoke(app, ["render", str(plan), "--force"], env=ENV)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Lỗi nội bộ của bdg-plan (OSError)" in result.output
    logs = list(crash_logs_in_tmp.iterdir())
    assert len(logs) == 1 and str(logs[0]) in result.output.replace("\n", "")
    assert "No space left on device" in logs[0].read_text(encoding="utf-8")
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in plan.parent.iterdir()) == ["plan2023.docx", "plan2023.yaml"]


def test_missing_plan_and_folder_plan(tmp_path: Path) -> None:
    code, output = run("render", str(tmp_path / "khong-co.yaml"))
    assert code == 1 and "Không tìm thấy" in output
    code, output = run("render", str(tmp_path))
    assert code == 1 and "thư mục" in output


def test_custom_templates_option(plan: Path, tmp_path: Path) -> None:
    templates = tmp_path / "mau"
    templates.mkdir()
    (templates / "ke-hoach.md.j2").write_text("Nội dung riêng của xã.\n", encoding="utf-8")
    code, _ = run("render", str(plan), "--templates", str(templates))
    assert code == 0
    from tests.docx_xml import Docx

    doc = Docx(plan.with_suffix(".docx").read_bytes())
    assert [doc.text(p) for p in doc.body_paragraphs() if doc.text(p)][2:] == ["Nội dung riêng của xã."]


def test_broken_template_is_a_clear_error(plan: Path, tmp_path: Path) -> None:
    templates = tmp_path / "mau"
    templates.mkdir()
    (templates / "ke-hoach.md.j2").write_text("{{ plan.__class__ }}\n", encoding="utf-8")
    code, output = run("render", str(plan), "--templates", str(templates))
    assert code == 1
    assert "ke-hoach.md.j2" in output and "dòng 1" in output and "Traceback" not in output
