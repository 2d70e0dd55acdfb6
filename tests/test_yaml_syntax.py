"""YAML syntax errors and mistyped dates: shown at the line the clerk must change, in Vietnamese only.

Each case is a snippet, the line its one problem must be on, and words its message must hold.
"""

from __future__ import annotations

import re

import pytest

from bdg_plan import api
from bdg_plan import messages as msg
from tests.conftest import EXAMPLE_PLAN

#: PyYAML's English, which a message must no longer carry when it has Vietnamese words for it.
ENGLISH = re.compile(r"expected|found|while|mapping|block|stream|scalar|token", re.I)

SYNTAX_CASES = [
    (
        "first key of a block at 3 spaces, the next ones at 2",
        "nam: 2025\nco_quan:\n   ten: UBND xã A\n  dia_danh: B\n  cap_tren: C\nso: 1\n",
        3,
        ["Dòng này thụt lề 3 dấu cách", "dòng 4", "hãy thụt lề dòng này 2 dấu cách"],
    ),
    (
        "the same with comments between",
        "nam: 2025\nco_quan:\n  # tên\n   ten: A\n  # địa danh\n  dia_danh: B\n  cap_tren: C\n",
        4,
        ["Dòng này thụt lề 3 dấu cách", "hãy thụt lề dòng này 2 dấu cách"],
    ),
    (
        "a line at 1 space under lines at 2",
        "nam: 2023\nco_quan:\n  ten: a\n dia_danh: b\n  cap_tren: c\n",
        4,
        ["Dòng này thụt lề 1 dấu cách", "dòng 3 ở trên", "hãy thụt lề dòng này 2 dấu cách"],
    ),
    (
        "a '- ' item at 3 spaces, its keys at 4",
        "can_cu:\n   - loai: Kế hoạch\n    so_ky_hieu: 108/KH-UBND\n    ngay: 2023-03-06\nnam: 1\n",
        2,
        ["Dòng này thụt lề 3 dấu cách", "hãy thụt lề dòng này 2 dấu cách"],
    ),
    (
        "a block of text whose first line is at 3 spaces",
        "trich_yeu: |-\n   Triển khai thực hiện\n  và vì sự tiến bộ\n\nnam: 2023\n",
        2,
        ["Dòng này thụt lề 3 dấu cách", "hãy thụt lề dòng này 2 dấu cách"],
    ),
    (
        "the file's first key indented",
        "# Năm\n   nam: 2023\n\nco_quan:\n  ten: a\nso: 1\n",
        2,
        ["Dòng này thụt lề 3 dấu cách", "sát lề trái"],
    ),
    (
        "a key at 3 spaces after a block of text, matching no line above",
        "trich_yeu: |-\n  Triển khai\n  thực hiện\n\n# Cách đánh\n   cach_dan: Thực hiện\nnam: 1\n",
        6,
        ["Dòng này thụt lề 3 dấu cách", "0 hoặc 2 dấu cách"],
    ),
    (
        "an unclosed '[' in a list item, the next item below",
        "noi_dung:\n  - y:\n      - [Tổ chức truyền thông\n      - Tập huấn\n",
        3,
        ["Ngoặc '[' mở ở đây chưa được đóng", "thêm ']'"],
    ),
    (
        "an unclosed '[' with more keys below",
        "nam: 2025\nnoi_nhan: [UBND huyện,\n  Đảng ủy xã\n\nngay: 2024-03\ntrich_yeu: x\n",
        2,
        ["Ngoặc '[' mở ở đây chưa được đóng", "trình đọc YAML dừng ở dòng 5"],
    ),
    (
        "an unclosed '[' at the end of the file",
        "nam: 2025\nnoi_nhan: [UBND huyện,\n  Đảng ủy xã\n",
        2,
        ["Ngoặc '[' mở ở đây chưa được đóng"],
    ),
    (
        "an unclosed '{'",
        "nam: 2025\nco_quan: {ten: a, dia_danh: b\nso: 2\n",
        2,
        ["Ngoặc '{' mở ở đây chưa được đóng", "thêm '}'"],
    ),
    (
        "a colon and a space inside a value",
        "nam: 2025\nten: Kế hoạch: năm 2025\nso: 1\n",
        2,
        ["dấu nháy đơn '...'"],
    ),
    (
        "an unclosed quote",
        "nam: 2025\nten: 'Kế hoạch\nso: 1\n# it's\n",
        2,
        [msg.UNCLOSED_QUOTE],
    ),
]


@pytest.mark.parametrize(
    ("snippet", "line", "fragments"),
    [case[1:] for case in SYNTAX_CASES],
    ids=[case[0] for case in SYNTAX_CASES],
)
def test_a_syntax_error_is_at_the_line_to_change(snippet: str, line: int, fragments: list[str]) -> None:
    problems = api.load_text(snippet.encode("utf-8"), "plan.yaml").problems

    assert [(p.line, p.code) for p in problems] == [(line, "yaml-syntax")]
    message = problems[0].message
    for fragment in fragments:
        assert fragment in message
    assert "phần này bắt đầu" not in message
    assert not ENGLISH.search(message), message


def test_every_example_with_one_line_at_3_spaces_is_blamed_on_that_line() -> None:
    lines = EXAMPLE_PLAN.read_text(encoding="utf-8").split("\n")
    checked = 0
    for index, line in enumerate(lines):
        body = line.lstrip(" ")
        if not body.strip() or body.startswith("#") or len(line) - len(body) == 3:
            continue
        changed = [*lines[:index], "   " + body, *lines[index + 1 :]]
        problems = api.load_text("\n".join(changed).encode("utf-8"), "plan.yaml").problems
        syntax = [p for p in problems if p.code == "yaml-syntax"]
        if syntax:
            checked += 1
            assert syntax[0].line == index + 1, (index + 1, syntax[0].message)
    assert checked > 60


def test_the_quoting_advice_is_the_readmes_single_quotes() -> None:
    readme = (EXAMPLE_PLAN.parents[1] / "README.md").read_text(encoding="utf-8")
    advice = [msg.YAML_HINTS["mapping values are not allowed here"], msg.TAB_IN_VALUE, msg.BRACKET_NOT_CLOSED]

    assert "dấu nháy đơn `'...'`" in readme
    for text in advice:
        assert "nháy đơn '...'" in text
        assert "nháy kép" not in text


def _validate_with(line: str, value: str) -> list[tuple[int, str, str]]:
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    assert line in text
    changed = text.replace(line, line.split(":")[0] + ": " + value, 1)
    result = api.validate_bytes(changed.encode("utf-8"), "plan.yaml")
    return [(p.line, p.code, p.message) for p in result.problems if p.is_error]


DATE_CASES = [
    (
        "    ngay: 2023-03-06",
        "31/02/2025",
        45,
        ["'31/02/2025' không có thật", "chỉ có 28 ngày", "NĂM-THÁNG-NGÀY"],
    ),
    ("    ngay: 2023-03-06", "06/03/2023", 45, ["NĂM-THÁNG-NGÀY", "hãy viết là 2023-03-06"]),
    ("    ngay: 2023-03-06", "6.3.2023", 45, ["hãy viết là 2023-03-06"]),
    ("    ngay: 2023-03-06", "15/13/2024", 45, ["không có tháng 13", "NĂM-THÁNG-NGÀY"]),
    ("    ngay: 2023-03-06", "2025-02-31", 45, [msg.DATE_IMPOSSIBLE.format(value="2025-02-31")]),
    ("ngay: 2023-03", "31/02/2025", 32, ["'31/02/2025' không có thật", "NĂM-THÁNG-NGÀY"]),
    ("ngay: 2023-03", "06/03/2023", 32, ["hãy viết là 2023-03-06"]),
]


@pytest.mark.parametrize(("line", "value", "at", "fragments"), DATE_CASES)
def test_a_date_typed_day_first_gets_every_fault_at_once(
    line: str, value: str, at: int, fragments: list[str]
) -> None:
    [(found_line, code, message)] = _validate_with(line, value)

    assert (found_line, code) == (at, "invalid-date")
    for fragment in fragments:
        assert fragment in message
