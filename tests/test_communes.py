"""`bdg-plan communes`: a province's communes from the 2025 map, in the columns batch reads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan.cli.app import app
from bdg_plan.facts.admin_map import load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BASE = EXAMPLES / "thang-hanh-dong-2025.yaml"  # dated after 01/7/2025: batch checks every commune
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


def rows(tinh: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(api.communes_table(tinh))))


def test_one_row_per_commune_of_the_province() -> None:
    province = load().province("Lạng Sơn")
    assert province is not None
    table = rows("tỉnh Lạng Sơn")
    assert len(table) == len(province.communes) == 65
    assert {"Ủy ban nhân dân xã Đồng Đăng", "Ủy ban nhân dân phường Tam Thanh"} <= {
        r["Tên xã"] for r in table
    }
    tam_thanh = next(r for r in table if r["Địa danh"] == "Tam Thanh")
    assert (tam_thanh["Tỉnh"], tam_thanh["Tên gọi tắt"]) == ("Lạng Sơn", "UBND phường")


def test_unknown_province_is_a_usage_error_with_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["communes", "--tinh", "Lang Son"], env=ENV)
    assert result.exit_code == 2
    assert "Lạng Sơn" in result.output


def _batch(tmp_path: Path, keep: int | None) -> tuple[int, list[Path], int]:
    table = api.communes_table("Lạng Sơn").splitlines()
    body = [line + "Nguyễn Văn A" for line in table[1:]][:keep]
    path = tmp_path / "communes.csv"
    path.write_text("\ufeff" + "\n".join([table[0], *body]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(BASE), str(path), "-o", str(out)], env=ENV)
    return result.exit_code, sorted(out.glob("*.docx")), len(body)


def test_batch_from_the_list_small(tmp_path: Path) -> None:
    code, written, count = _batch(tmp_path, 3)
    assert code == 0 and len(written) == count == 3


@pytest.mark.slow
def test_batch_from_the_whole_province_writes_one_valid_plan_per_commune(tmp_path: Path) -> None:
    code, written, count = _batch(tmp_path, None)
    assert code == 0 and len(written) == count == len(load().province("Lạng Sơn").communes)  # type: ignore[union-attr]


def test_a_unit_named_after_a_person_keeps_its_unit_word_in_the_place() -> None:
    """Phụ lục I, Mục II.4: "Phường Lương Văn Tri, ngày ..."; an ordinary name goes without it."""
    rows = list(csv.reader(io.StringIO(api.communes_table("Lạng Sơn"))))
    places = {row[0]: row[2] for row in rows[1:]}
    assert places["Ủy ban nhân dân phường Lương Văn Tri"] == "Phường Lương Văn Tri"
    assert places["Ủy ban nhân dân xã Hoàng Văn Thụ"] == "Xã Hoàng Văn Thụ"
    assert places["Ủy ban nhân dân xã Đồng Đăng"] == "Đồng Đăng"
