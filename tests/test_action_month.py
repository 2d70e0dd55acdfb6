"""The action-month plan as a kind: `init --loai thang-hanh-dong`, its theme and time, its annex."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bdg_plan import api, messages
from bdg_plan.cli.app import app
from bdg_plan.commands.starter import count_markers
from bdg_plan.commands.starter_month import build_month_starter
from bdg_plan.errors import Severity
from tests.docx_xml import Docx

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
TODAY = dt.date(2025, 10, 6)


def problems_of(text: str) -> list[tuple[str, str]]:
    result = api.validate_bytes(text.encode("utf-8"), "thang-hanh-dong.yaml")
    return [(p.severity.value, p.code) for p in result.problems]


@pytest.mark.parametrize(
    ("nam", "xa", "nguoi_ky", "markers"),
    [
        (2025, "Tân Thành", "Lý Thị Hoa", 6),  # province, căn cứ and its province, recipient, theme, message
        (2025, None, None, 9),  # + commune name (twice) and signer
        (2024, "Hồng Phong", "Hoàng Văn Mẫn", 5),  # before the reform: the district instead
    ],
)
def test_the_starter_validates_with_only_fill_in_warnings(
    nam: int, xa: str | None, nguoi_ky: str | None, markers: int
) -> None:
    text = build_month_starter(nam, xa, nguoi_ky, today=TODAY)
    problems = problems_of(text)
    assert set(problems) == {("warning", "unfilled")}
    assert count_markers(text) == markers


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Docx:
    folder = tmp_path_factory.mktemp("thang")
    result = CliRunner().invoke(
        app,
        [
            "init",
            str(folder / "thang.yaml"),
            "--loai",
            "thang-hanh-dong",
            "--nam",
            "2025",
            "--xa",
            "Tân Thành",
        ],
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    rendered = api.render(folder / "thang.yaml")
    return Docx(rendered.output.read_bytes())


def test_init_then_render_prints_the_theme_and_time_section(rendered: Docx) -> None:
    texts = [Docx.text(p) for p in rendered.body_paragraphs()]
    assert "II. CHỦ ĐỀ, THÔNG ĐIỆP VÀ THỜI GIAN" in texts
    start = texts.index("II. CHỦ ĐỀ, THÔNG ĐIỆP VÀ THỜI GIAN")
    assert texts[start + 1] == "1. Chủ đề"
    assert "Từ ngày 15/11/2025 đến ngày 15/12/2025." in texts[start:]
    assert texts.index("III. NỘI DUNG") > start


def test_init_then_render_prints_the_annex_table_with_the_action_month_dates(rendered: Docx) -> None:
    annex_table = rendered.tables()[-1]
    cells = [Docx.text(p) for p in annex_table.iter(f"{{{annex_table.nsmap['w']}}}p")]
    assert "Hoạt động truyền thông" in " ".join(cells)
    # An activity without its own time shows the action month's; one with its own keeps it.
    assert "15/11 - 15/12/2025" in cells
    assert "Trước ngày 20/12/2025" in cells


def test_init_writes_the_default_action_month_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init", "--loai", "thang-hanh-dong", "--nam", "2025"], env=ENV)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "thang-hanh-dong-2025.yaml").is_file()


def test_an_annual_plan_prints_nothing_of_the_action_month(example_path: Path) -> None:
    result = api.validate(example_path)
    assert result.plan is not None and result.plan.thang_hanh_dong is not None
    with_dates = Docx(api.render_plan(result.plan)).all_text()
    without = Docx(api.render_plan(result.plan.model_copy(update={"thang_hanh_dong": None}))).all_text()
    assert with_dates == without


def test_the_kind_prints_the_dates_the_annual_plan_does_not(example_path: Path) -> None:
    plan = api.validate(example_path).plan
    assert plan is not None
    kind = plan.model_copy(update={"loai_ke_hoach": "thang_hanh_dong", "chu_de": "Chủ đề"})
    assert "Từ ngày 15/11/2023 đến ngày 15/12/2023." in Docx(api.render_plan(kind)).all_text()


def test_a_theme_in_an_annual_plan_is_a_warning(
    edit_example: Callable[..., str], write_plan: Callable[..., Path]
) -> None:
    text = edit_example(("nam: 2023", "nam: 2023\nchu_de: Hành động vì bình đẳng giới"))
    problems = api.validate(write_plan(text)).problems
    assert [(p.code, p.severity, p.line) for p in problems] == [("not-printed", Severity.WARNING, 15)]
    assert problems[0].message == messages.PRINTS_ONLY_IN_ACTION_MONTH.format(key="chu_de")


def test_the_kind_needs_its_dates(edit_example: Callable[..., str], write_plan: Callable[..., Path]) -> None:
    text = edit_example(("nam: 2023", "nam: 2023\nloai_ke_hoach: thang_hanh_dong\nchu_de: Chủ đề"))
    start = text.index("thang_hanh_dong:\n")
    text = text[:start] + text[text.index("\n\n", start) :]
    problems = api.validate(write_plan(text)).problems
    assert [(p.code, p.severity) for p in problems] == [("action-month-incomplete", Severity.ERROR)]


def test_a_free_outline_action_month_plan_is_told_the_theme_does_not_print(
    edit_example: Callable[..., str], write_plan: Callable[..., Path]
) -> None:
    text = edit_example(("nam: 2023", "nam: 2023\nloai_ke_hoach: thang_hanh_dong\nchu_de: Chủ đề"))
    start, end = text.index("muc_dich:"), text.index("ket_thuc:")
    text = (
        text[:start] + "than_van_ban:\n  - muc: Mục đích\n    noi_dung: [Nâng cao nhận thức.]\n" + text[end:]
    )
    problems = api.validate(write_plan(text)).problems
    assert [(p.code, p.severity) for p in problems] == [("not-printed", Severity.WARNING)]
    assert problems[0].message == messages.PRINTS_ONLY_IN_SHORT_FORM.format(key="chu_de")
