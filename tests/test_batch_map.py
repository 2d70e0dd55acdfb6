"""`bdg-plan batch BASE --tinh …`: one plan per commune of a province from the 2025 map, no list file."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from bdg_plan import messages as msg
from bdg_plan.cli.app import app
from bdg_plan.facts.admin_map import load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BASE = EXAMPLES / "thang-hanh-dong-2025.yaml"  # dated after 01/7/2025: every commune is checked on the map
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["batch", str(BASE), *args, "--format", "plain"], env=ENV)
    return result.exit_code, result.output


def header_and_date(path: Path) -> tuple[str, str]:
    document = docx.Document(str(path))
    cells = document.tables[0]._cells
    return cells[0].text, cells[3].text


def test_the_whole_province_gives_one_plan_per_commune_of_the_map(tmp_path: Path) -> None:
    province = load().province("Lạng Sơn")
    assert province is not None
    out = tmp_path / "out"

    code, output = batch("--tinh", "Lạng Sơn", "-o", str(out))

    assert code == 0, output
    written = sorted(out.glob("*.docx"))
    assert len(written) == len(province.communes) == 65
    # Every commune was validated against the map (a wrong unit word or place would fail it);
    # the only remark left per commune is the signer's name to fill in.
    assert output.count("unfilled") == len(province.communes)
    assert " error " not in output


def test_xa_keeps_the_named_communes_with_their_own_unit_word_and_place(tmp_path: Path) -> None:
    out = tmp_path / "out"

    code, output = batch("--tinh", "Lạng Sơn", "--xa", "Đồng Đăng", "--xa", "phường Kỳ Lừa", "-o", str(out))

    assert code == 0, output
    assert sorted(path.name for path in out.glob("*.docx")) == ["phuong-ky-lua.docx", "xa-dong-dang.docx"]
    organ, date_line = header_and_date(out / "phuong-ky-lua.docx")
    assert organ.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG KỲ LỪA"]
    assert date_line.startswith("Kỳ Lừa, ngày")
    assert "<<ĐIỀN VÀO ĐÂY - họ tên người ký>>" in "\n".join(
        cell.text for table in docx.Document(str(out / "xa-dong-dang.docx")).tables for cell in table._cells
    )


@pytest.mark.parametrize(
    ("xa", "suggestion"),
    [("xã Kỳ Lừa", "phường Kỳ Lừa"), ("Kì Lừa", "phường Kỳ Lừa"), ("Đồng Đang", "xã Đồng Đăng")],
)
def test_a_name_the_province_has_not_is_a_usage_error_with_a_suggestion(
    tmp_path: Path, xa: str, suggestion: str
) -> None:
    code, output = batch("--tinh", "Lạng Sơn", "--xa", xa, "-o", str(tmp_path / "out"))

    assert code == 2
    assert f"'{xa}'" in output and suggestion in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tinh", "Lạng Sơn", str(EXAMPLES / "communes.csv")], msg.BATCH_LIST_OR_PROVINCE),
        ([], msg.BATCH_LIST_OR_PROVINCE),
        ([str(EXAMPLES / "communes.csv"), "--xa", "Đồng Đăng"], msg.BATCH_XA_NEEDS_TINH),
    ],
)
def test_the_list_comes_from_a_file_or_the_map_not_both(
    tmp_path: Path, args: list[str], message: str
) -> None:
    code, output = batch(*args, "-o", str(tmp_path / "out"))

    assert code == 2
    assert " ".join(message.split()) in " ".join(output.split())


def test_the_list_is_written_beside_the_plans_and_problems_name_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = batch("--tinh", "Lạng Sơn", "--xa", "Đồng Đăng", "-o", str(out))
    assert code == 0, output
    listed = out / "danh-sach-xa-phuong-lang-son.csv"
    assert listed.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Ủy ban nhân dân xã Đồng Đăng" in listed.read_text(encoding="utf-8-sig")
    # Each problem of a commune names the list file that exists, at its row.
    assert f"{listed}:2:" in output


def test_a_dry_run_from_the_map_checks_every_commune_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = batch(
        "--tinh", "Lạng Sơn", "--xa", "Đồng Đăng", "--xa", "Kỳ Lừa", "-o", str(out), "--dry-run"
    )
    assert code == 0, output
    assert not out.exists()
    assert "chạy thử, không ghi ra tệp" in output


def test_a_base_dated_before_the_reform_stops_with_how_to_move_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["batch", str(EXAMPLES / "plan2023.yaml"), "--tinh", "Lạng Sơn", "-o", str(tmp_path / "o")],
        env=ENV,
    )
    assert result.exit_code == 1
    assert "bdg-plan new-year" in " ".join(result.output.split())
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("*.docx"))
