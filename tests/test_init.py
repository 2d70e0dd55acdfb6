"""`bdg-plan init`: the starter plan validates (markers are warnings), renders, and never overwrites."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan.cli.app import app
from bdg_plan.commands.starter import Commune, build_starter, count_markers, parse_commune, write_new_file
from bdg_plan.errors import OutputError
from bdg_plan.facts.admin_map import DISTRICT_PATTERN

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
TODAY = dt.date(2026, 3, 5)


def problems_of(text: str) -> list[tuple[str, str]]:
    result = api.validate_bytes(text.encode("utf-8"), "ke-hoach.yaml")
    return [(p.severity.value, p.code) for p in result.problems]


def values_only(text: str) -> str:
    """The starter without its comment lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@pytest.mark.parametrize(
    ("nam", "xa", "nguoi_ky", "markers"),
    [
        (2026, "Đồng Đăng", "Nguyễn Thị Hoa", 4),  # province, căn cứ số and province, province recipient
        (2026, None, None, 7),  # + commune name (twice) and signer
        (2025, "phường Đông Kinh", "Lý Văn A", 3),
        (2024, "Hồng Phong", None, 4),  # before the reform: district căn cứ and recipient
        (2030, "đặc khu Phú Quốc", "Trần B", 4),
    ],
)
def test_starter_validates_with_only_marker_warnings(
    nam: int, xa: str | None, nguoi_ky: str | None, markers: int
) -> None:
    text = build_starter(nam, xa, nguoi_ky, today=TODAY)

    assert problems_of(text) == [("warning", "unfilled")] * markers
    assert count_markers(text) == markers


def test_starter_renders_to_a_docx(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach-2026.yaml"
    plan.write_text(build_starter(2026, "Đồng Đăng", "Nguyễn Thị Hoa", today=TODAY), encoding="utf-8")

    result = api.render(plan)

    assert result.output.read_bytes()[:2] == b"PK"
    assert {p.code for p in result.problems} == {"unfilled"}


def test_filled_in_starter_has_no_problems() -> None:
    text = build_starter(2026, "Đồng Đăng", "Nguyễn Thị Hoa", today=TODAY)
    filled = re.sub(r"<<[^<>]*>>", "Lạng Sơn", text).replace("# ngay: 2026-01-15", "ngay: 2026-01-15")

    assert problems_of(filled) == []


@pytest.mark.parametrize("nam", [2026, 2027])
def test_after_the_reform_no_district_level(nam: int) -> None:
    text = build_starter(nam, "Đồng Đăng", "Nguyễn Thị Hoa", today=TODAY)
    data = yaml.safe_load(text)

    assert "cap_tren" not in data["co_quan"]
    assert not DISTRICT_PATTERN.search(data["can_cu"][0]["co_quan"])
    recipients = [r if isinstance(r, str) else r["ten"] for r in data["noi_nhan"]]
    assert [r for r in recipients if DISTRICT_PATTERN.search(r)] == []
    assert not DISTRICT_PATTERN.search(values_only(text))


def test_issue_month_decides_the_reform() -> None:
    before = build_starter(2025, "Đồng Đăng", None, today=dt.date(2025, 6, 30))
    after = build_starter(2025, "Đồng Đăng", None, today=dt.date(2025, 7, 1))

    assert "ngay: 2025-06" in before
    assert "UBND huyện <<" in before
    assert "ngay: 2025-07" in after
    assert not DISTRICT_PATTERN.search(values_only(after))


def test_other_years_are_dated_january() -> None:
    assert "\nngay: 2027-01\n" in build_starter(2027, "Đồng Đăng", None, today=TODAY)


def test_year_and_commune_are_filled_in() -> None:
    data = yaml.safe_load(build_starter(2026, "Đồng Đăng", "Nguyễn Thị Hoa", today=TODAY))

    assert data["nam"] == 2026
    assert data["ngay"] == "2026-03"
    assert data["co_quan"] == {
        "ten": "Ủy ban nhân dân xã Đồng Đăng",
        "tinh": "<<ĐIỀN VÀO ĐÂY - tên tỉnh, ví dụ Lạng Sơn>>",
        "dia_danh": "Đồng Đăng",
        "ten_goi_tat": "UBND xã",
    }
    assert data["nguoi_ky"]["ho_ten"] == "Nguyễn Thị Hoa"
    assert data["trich_yeu"].endswith("năm 2026")
    assert data["thang_hanh_dong"] == {"tu": dt.date(2026, 11, 15), "den": dt.date(2026, 12, 15)}


def test_follows_the_example_key_order(example_text: str) -> None:
    """The starter has the example's top-level keys, in the same order."""
    example_keys = list(yaml.safe_load(example_text))
    starter_keys = list(yaml.safe_load(build_starter(2026, "Đồng Đăng", None, today=TODAY)))

    assert starter_keys == example_keys


def test_every_key_has_a_comment_above_it() -> None:
    lines = build_starter(2026, "Đồng Đăng", None, today=TODAY).splitlines()
    key = re.compile(r"^\s*(?:- )?([a-z_]+):")
    keys = {match.group(1) for line in lines if (match := key.match(line))}
    commented = {
        match.group(1)
        for previous, line in itertools.pairwise(lines)
        if (match := key.match(line)) and previous.lstrip().startswith("#")
    }

    assert keys - commented == set()


@pytest.mark.parametrize(
    ("typed", "commune"),
    [
        ("Hồng Phong", Commune("xã", "xã Hồng Phong", "Hồng Phong")),
        ("  Hồng   Phong ", Commune("xã", "xã Hồng Phong", "Hồng Phong")),
        ("phường Đông Kinh", Commune("phường", "phường Đông Kinh", "Đông Kinh")),
        # Named after a person: the place keeps its unit word (Phụ lục I, Mục II.4).
        ("Phường Lương Văn Tri", Commune("phường", "Phường Lương Văn Tri", "Phường Lương Văn Tri")),
        ("xã Hoàng Văn Thụ", Commune("xã", "xã Hoàng Văn Thụ", "Xã Hoàng Văn Thụ")),
        ("phường 12", Commune("phường", "phường 12", "Phường 12")),
        ("đặc khu Phú Quốc", Commune("đặc khu", "đặc khu Phú Quốc", "Phú Quốc")),
        ("xã Đồng Đăng", Commune("xã", "xã Đồng Đăng", "Đồng Đăng")),
        (unicodedata.normalize("NFD", "Đồng Đăng"), Commune("xã", "xã Đồng Đăng", "Đồng Đăng")),
    ],
)
def test_parse_commune(typed: str, commune: Commune) -> None:
    assert parse_commune(typed) == commune


@pytest.mark.parametrize("name", ["A: B", "'Quốc' Tuấn", "# số 1", "[Hồng] Phong", "yes", "2026"])
def test_unusual_names_stay_text(name: str) -> None:
    data = yaml.safe_load(build_starter(2026, name, name, today=TODAY))

    # A name with a number keeps its unit word in the place (Phụ lục I, Mục II.4: "Phường 12").
    assert data["co_quan"]["dia_danh"] == (f"Xã {name}" if any(c.isdigit() for c in name) else name)
    assert data["nguoi_ky"]["ho_ten"] == name


def test_write_new_file_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "ke-hoach-2026.yaml"
    target.write_text("bản của văn thư", encoding="utf-8")

    with pytest.raises(OutputError, match="không bao giờ ghi đè"):
        write_new_file(target, "mới")

    assert target.read_text(encoding="utf-8") == "bản của văn thư"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "không có" / "ke-hoach.yaml", "không tồn tại"),
        (lambda tmp: tmp, "là một thư mục"),
    ],
    ids=["missing-folder", "folder"],
)
def test_write_new_file_refuses(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    with pytest.raises(OutputError, match=message):
        write_new_file(make(tmp_path), "mới")


def test_cli_init_writes_the_default_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(
        app, ["init", "--xa", "Đồng Đăng", "--nam", "2026", "--nguoi-ky", "Nguyễn Thị Hoa"], env=ENV
    )

    assert result.exit_code == 0, result.output
    created = tmp_path / "ke-hoach-2026.yaml"
    assert created.is_file()
    assert "Đã tạo tệp kế hoạch: ke-hoach-2026.yaml" in result.output
    assert "Còn 4 chỗ cần điền" in result.output
    assert "bdg-plan validate ke-hoach-2026.yaml" in result.output
    assert "bdg-plan render ke-hoach-2026.yaml" in result.output
    assert "bdg-plan validate ke-hoach-2026.yaml" in created.read_text(encoding="utf-8")


def test_cli_init_default_year_is_this_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(app, ["init"], env=ENV)

    assert result.exit_code == 0, result.output
    year = dt.date.today().year
    data = yaml.safe_load((tmp_path / f"ke-hoach-{year}.yaml").read_text(encoding="utf-8"))
    assert data["nam"] == year


def test_cli_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "kế hoạch 2026.yaml"
    target.write_text("bản của văn thư", encoding="utf-8")

    result = CliRunner().invoke(app, ["init", str(target), "--xa", "Đồng Đăng"], env=ENV)

    assert result.exit_code == 1
    assert "không bao giờ ghi đè" in result.output
    assert target.read_text(encoding="utf-8") == "bản của văn thư"


def test_cli_starter_then_validate_and_render(tmp_path: Path) -> None:
    target = tmp_path / "thư mục có dấu cách" / "kế hoạch.yaml"
    target.parent.mkdir()
    runner = CliRunner()

    created = runner.invoke(app, ["init", str(target), "--xa", "Đồng Đăng", "--nam", "2026"], env=ENV)
    checked = runner.invoke(app, ["validate", "--format", "plain", str(target)], env=ENV)
    rendered = runner.invoke(app, ["render", str(target)], env=ENV)

    assert created.exit_code == 0, created.output
    assert f'"{target}"' in created.output  # a path with spaces is quoted in the next steps
    assert checked.exit_code == 0, checked.output
    assert {re.findall(r":\d+:\d+: (\S+) ", line)[0] for line in checked.output.splitlines()} == {"unfilled"}
    assert rendered.exit_code == 0, rendered.output
    assert target.with_suffix(".docx").is_file()


# --- the validate rule for leftover markers ------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("  ho_ten: Hoàng Văn Mẫn", "  ho_ten: <<ĐIỀN VÀO ĐÂY - họ và tên>>", 127),
        ("  - Trưởng thôn", "  - <<ĐIỀN VÀO ĐÂY - nơi nhận>>", 137),
        ("  dia_danh: Hồng Phong", "  dia_danh: ĐIỀN VÀO ĐÂY", 23),
    ],
)
def test_validate_warns_about_leftover_markers(
    edit_example: Callable[..., str], example_text: str, old: str, new: str, line: int
) -> None:
    assert example_text.splitlines()[line - 1] == old
    result = api.validate_bytes(edit_example((old, new)).encode("utf-8"), "plan.yaml")

    unfilled = [(p.line, p.severity.value) for p in result.problems if p.code == "unfilled"]
    assert unfilled == [(line, "warning")]


@pytest.mark.parametrize(
    ("odd", "escaped"),
    [("\n", "\\u000a"), ("\r", "\\u000d"), ("\u2028", "\\u2028"), ("\x1b", "\\u001b"), ("\u202e", "\\u202e")],
    ids=["newline", "cr", "line-separator", "escape", "bidi"],
)
def test_the_file_name_in_the_header_comment_stays_in_its_comment(odd: str, escaped: str) -> None:
    name = f"kh{odd}so: 666{odd}#.yaml"
    plain = build_starter(2026, "Đồng Đăng", "Nguyễn Thị Hoa", today=TODAY)

    text = build_starter(2026, "Đồng Đăng", "Nguyễn Thị Hoa", file_name=name, today=TODAY)

    assert f"bdg-plan validate kh{escaped}so: 666{escaped}#.yaml" in text
    assert values_only(text) == values_only(plain)
    assert len(text.splitlines()) == len(plain.splitlines())
    assert problems_of(text) == problems_of(plain)


@pytest.mark.parametrize("option", ["--xa", "--nguoi-ky"])
@pytest.mark.parametrize(
    "odd", ["\n", "\r", "\t", "\x1b", "\x85", "\u2028"], ids=["newline", "cr", "tab", "escape", "nel", "ls"]
)
def test_cli_init_refuses_a_control_character_in_a_name(tmp_path: Path, option: str, odd: str) -> None:
    target = tmp_path / "ke-hoach.yaml"

    result = CliRunner().invoke(app, ["init", str(target), option, f"Đồng{odd}so: 666"], env=ENV)

    assert result.exit_code == 2, result.output
    assert f"Giá trị của {option} có ký tự điều khiển U+{ord(odd):04X}" in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_init_of_the_action_month_refuses_a_control_character_too(tmp_path: Path) -> None:
    from bdg_plan.errors import UsageError

    with pytest.raises(UsageError, match="--nguoi-ky"):
        api.init(tmp_path / "t.yaml", year=2026, signer="Lê\x00Văn", kind="thang-hanh-dong")
    assert not (tmp_path / "t.yaml").exists()


@pytest.mark.parametrize("name", ["Hồng Phong", "A: B", "'Quốc' Tuấn", "# số 1", "yes", "2026", "<<x>>"])
def test_the_starter_writes_its_values_through_the_one_emitter(name: str) -> None:
    from bdg_plan.plan.yaml_write import scalar

    text = build_starter(2026, name, name, today=TODAY)

    assert f"\n  ten: {scalar('Ủy ban nhân dân xã ' + name)}\n" in text
    assert f"\n  ho_ten: {scalar(name)}\n" in text
