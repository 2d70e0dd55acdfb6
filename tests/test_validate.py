"""Validation tests, in the yamllint style: a mistake in a copy of the example -> (line, col, code).

Most cases replace one line of examples/plan2023.yaml (a deleted line becomes a comment), so the
expected positions are the real line numbers of that file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bdg_plan import messages as msg
from bdg_plan.api import load_text, validate_bytes
from bdg_plan.errors import Problem, Severity
from bdg_plan.plan.model import Plan
from bdg_plan.rules.header import header_rules
from bdg_plan.rules.validate import allowed_keys, validate_document

EXAMPLE_LINES = (
    (Path(__file__).resolve().parent.parent / "examples" / "plan2023.yaml")
    .read_text(encoding="utf-8")
    .split("\n")
)

Edit = tuple[str, str]
Expected = list[tuple[int, int, str]]


def line(prefix: str) -> str:
    """Return the one line of the example that starts with `prefix` (for long lines)."""
    hits = [text for text in EXAMPLE_LINES if text.startswith(prefix)]
    assert len(hits) == 1, f"{prefix!r} starts {len(hits)} lines of the example"
    return hits[0]


def comment(text: str) -> Edit:
    """Delete a line of the example while keeping the line numbers (turn it into a comment)."""
    return text, "# " + text


def positions(problems: list[Problem]) -> Expected:
    return [(p.line, p.column, p.code) for p in problems]


@dataclass(frozen=True)
class Case:
    """One table row: edits of the example and every problem expected, in order."""

    id: str
    edits: tuple[Edit, ...]
    expected: Expected
    #: Text that must appear in the message of the first expected problem.
    says: str | None = None
    #: Severity of every expected problem.
    severity: Severity = Severity.ERROR
    extra: dict[str, object] = field(default_factory=dict)


SIGNER_LINES = ["nguoi_ky:", "  tham_quyen: KT.", "  thu_truong: Chủ tịch", "  chuc_vu: Phó Chủ tịch"]
SIGNER_LINES += ["  ho_ten: Hoàng Văn Mẫn"]
NOI_NHAN = ["  - P LĐTB, XH-DT huyện", "  - TT ĐU, HĐND xã", "  - CT, PCT UBND xã"]
NOI_NHAN += ["  - UBMTTQ và các tổ chức CT-XH xã", "  - Trưởng thôn"]
PLAN_2025 = (
    ("nam: 2023", "nam: 2025"),
    ("    ngay: 2023-03-06", "    ngay: 2025-06-20"),
    ("  tu: 2023-11-15", "  tu: 2025-11-15"),
    ("  den: 2023-12-15", "  den: 2025-12-15"),
    ("  # cap_tren: UBND huyện Cao Lộc", "  cap_tren: UBND huyện Cao Lộc"),
    (line("    trich_yeu: thực hiện công tác"), "    trich_yeu: thực hiện công tác năm 2025"),
)
#: The province line a plan dated from 01/7/2025 needs (bdg_plan.rules.admin_map).
TINH = ("  dia_danh: Hồng Phong", "  tinh: Lạng Sơn\n  dia_danh: Hồng Phong")
BULLET_80 = line("      - Tăng cường các hình thức tuyên truyền về mô hình")
MUC_DICH_3 = line("  - Tăng cường sự phối hợp giữa các phòng")
KINH_PHI = line("kinh_phi: ")
DEN = "  den: 2023-12-15"

CASES = [
    # --- YAML syntax -------------------------------------------------------------------------
    Case("bad-indent", (("  dia_danh: Hồng Phong", "   dia_danh: Hồng Phong"),), [(23, 4, "yaml-syntax")]),
    Case(
        "bad-indent-deeper-after-value",
        (("  ho_ten: Hoàng Văn Mẫn", "    ho_ten: Hoàng Văn Mẫn"),),
        [(127, 11, "yaml-syntax")],
        says="thụt lề",
    ),
    Case(
        "tab-indent",
        (("  dia_danh: Hồng Phong", "\tdia_danh: Hồng Phong"),),
        [(23, 1, "yaml-syntax")],
        says="Tab",
    ),
    # The unclosed quote runs on to the quote in line 34's comment; point at where it opened.
    Case(
        "unclosed-double-quote",
        (("ky_hieu: KH-UBND", 'ky_hieu: "KH-UBND'),),
        [(30, 10, "yaml-syntax")],
        says="nháy",
    ),
    Case(
        "unclosed-quote-to-end-of-file",
        (("  - P LĐTB, XH-DT huyện", "  - 'P LĐTB, XH-DT huyện"),),
        [(133, 5, "yaml-syntax")],
        says="nháy",
    ),
    Case("unclosed-bracket", (("luu: [VT]", "luu: [VT"),), [(139, 6, "yaml-syntax")]),
    Case(
        "colon-in-plain-value",
        ((KINH_PHI, "kinh_phi: Kinh phí: theo phân cấp ngân sách."),),
        [(98, 19, "yaml-syntax")],
        says="dấu nháy",
    ),
    # --- unknown keys ------------------------------------------------------------------------
    Case(
        "unknown-key-nested",
        (("  dia_danh: Hồng Phong", "  dia_danhh: Hồng Phong"),),
        [(17, 1, "missing-field"), (23, 3, "unknown-key")],
        extra={"did_you_mean": "Có phải ý bạn là 'dia_danh'?"},
    ),
    Case(
        "unknown-key-top-level",
        ((KINH_PHI, "kinhphi: Theo phân cấp."),),
        [(98, 1, "unknown-key")],
        says="Có phải ý bạn là 'kinh_phi'?",
    ),
    Case(
        "unknown-key-in-list-item",
        (("    so_ky_hieu: 108/KH-UBND", "    so_kyhieu: 108/KH-UBND"),),
        [(44, 5, "unknown-key")],
        says="Có phải ý bạn là 'so_ky_hieu'?",
    ),
    Case(
        "unknown-key-behind-shorthand",
        ((MUC_DICH_3, "  - {y: Tăng cường phối hợp, cac_yy: [liên ngành]}"),),
        [(56, 30, "unknown-key")],
        says="Có phải ý bạn là 'cac_y'?",
    ),
    Case("unknown-key-no-suggestion", (("luu: [VT]", "xyz: 1"),), [(139, 1, "unknown-key")]),
    # --- wrong types -------------------------------------------------------------------------
    Case("text-for-list", (("luu: [VT]", "luu: VT"),), [(139, 6, "wrong-type")], says="danh sách"),
    Case(
        "text-for-mapping",
        (("thang_hanh_dong:", "thang_hanh_dong: tháng 11"), comment("  tu: 2023-11-15"), comment(DEN)),
        [(117, 18, "wrong-type")],
        says="bảng các khóa",
    ),
    Case(
        "list-for-text", (("  dia_danh: Hồng Phong", "  dia_danh: [Hồng Phong]"),), [(23, 13, "wrong-type")]
    ),
    Case("text-for-nam", (("nam: 2023", "nam: hai nghìn"),), [(14, 6, "wrong-type")], says="số nguyên"),
    Case("bool-for-nam", (("nam: 2023", "nam: true"),), [(14, 6, "wrong-type")]),
    Case("nam-too-small", (("nam: 2023", "nam: 23"),), [(14, 6, "wrong-value")]),
    Case(
        "number-for-text",
        (("  dia_danh: Hồng Phong", "  dia_danh: 2023"),),
        [(23, 13, "wrong-type")],
        says="dấu nháy",
    ),
    Case("choice", (("cach_dan: Thực hiện", "cach_dan: Theo"),), [(41, 11, "wrong-value")], says="Căn cứ"),
    Case(
        "signer-authority-without-dot",
        (("  tham_quyen: KT.", "  tham_quyen: KT"),),
        [(124, 15, "wrong-value")],
    ),
    # --- missing fields: the problem points at the parent key ------------------------------
    Case(
        "missing-ho-ten",
        (comment("  ho_ten: Hoàng Văn Mẫn"),),
        [(123, 1, "missing-field")],
        says="'ho_ten'",
    ),
    Case(
        "missing-co-quan-ten", (comment("  ten: Ủy ban nhân dân xã Hồng Phong"),), [(17, 1, "missing-field")]
    ),
    Case(
        "missing-top-level",
        tuple(comment(text) for text in SIGNER_LINES),
        [(14, 1, "missing-field")],
        says="'nguoi_ky'",
    ),
    Case(
        "missing-in-list-item",
        (("  - loai: Kế hoạch", "  - # loai: Kế hoạch"),),
        [(44, 5, "missing-field")],
        says="'loai'",
    ),
    # --- dates -------------------------------------------------------------------------------
    Case(
        "impossible-day",
        (("    ngay: 2023-03-06", "    ngay: 2023-02-30"),),
        [(45, 11, "invalid-date")],
        says="2023-02-30",
    ),
    Case("impossible-month", (("    ngay: 2023-03-06", "    ngay: 2023-13-01"),), [(45, 11, "invalid-date")]),
    Case("not-a-date", (("    ngay: 2023-03-06", "    ngay: 6/3/2023"),), [(45, 11, "invalid-date")]),
    Case(
        "impossible-issue-month",
        (("ngay: 2023-03", "ngay: 2023-13"),),
        [(32, 7, "invalid-date")],
        says="2023-13",
    ),
    Case(
        "issue-date-with-time", (("ngay: 2023-03", "ngay: 2023-03-06 10:00:00"),), [(32, 7, "invalid-date")]
    ),
    Case("action-month-bad-day", (("  tu: 2023-11-15", "  tu: 2023-11-31"),), [(118, 7, "invalid-date")]),
    # --- empty text and control characters ---------------------------------------------
    Case("empty-string", (("  dia_danh: Hồng Phong", "  dia_danh: ''"),), [(23, 13, "empty-text")]),
    Case("blank-string", (("  ho_ten: Hoàng Văn Mẫn", '  ho_ten: "   "'),), [(127, 11, "empty-text")]),
    Case("empty-recipient", (("  - TT ĐU, HĐND xã", "  - ''"),), [(134, 5, "empty-text")]),
    Case("empty-block-shorthand", ((line("yeu_cau: "), 'yeu_cau: ""'),), [(58, 10, "empty-text")]),
    Case(
        "escaped-control-char",
        (("  dia_danh: Hồng Phong", '  dia_danh: "Hồng\\x01Phong"'),),
        [(23, 13, "control-char")],
        says="U+0001",
    ),
    Case(
        "raw-control-char",
        (("  dia_danh: Hồng Phong", "  dia_danh: Hồng\x07Phong"),),
        [(23, 17, "control-char")],
    ),
    Case(
        "zero-width-space",
        (("  dia_danh: Hồng Phong", "  dia_danh: Hồng\u200bPhong"),),
        [(23, 17, "invisible-char")],  # at the character, like a raw control character
        severity=Severity.WARNING,
    ),
    # --- duplicate keys ------------------------------------------------------------------------
    Case(
        "duplicate-nested-key",
        (("  ten_goi_tat: UBND xã", "  dia_danh: Hồng Phong 2"),),
        [(25, 3, "duplicate-key")],
        says="'dia_danh'",
    ),
    Case("duplicate-top-level-key", (("luu: [VT]", "nam: 2024"),), [(139, 1, "duplicate-key")]),
    # --- số and ký hiệu --------------------------------------------------------------------
    Case("so-zero", (("so: null", "so: 0"),), [(28, 5, "so-invalid")]),
    Case("so-negative", (("so: null", "so: -3"),), [(28, 5, "so-invalid")]),
    Case("so-text", (("so: null", "so: năm"),), [(28, 5, "wrong-type")]),
    Case("so-sexagesimal", (("so: null", "so: 1:30"),), [(28, 5, "wrong-type")]),
    Case("so-fraction", (("so: null", "so: 1.5"),), [(28, 5, "wrong-type")]),
    Case(
        "ky-hieu-space",
        (("ky_hieu: KH-UBND", "ky_hieu: KH UBND"),),
        [(30, 10, "ky-hieu-format")],
        says="'KH UBND'",
    ),
    Case("ky-hieu-lowercase", (("ky_hieu: KH-UBND", "ky_hieu: kh-ubnd"),), [(30, 10, "ky-hieu-format")]),
    Case(
        "ky-hieu-not-a-plan",
        (("ky_hieu: KH-UBND", "ky_hieu: QĐ-UBND"),),
        [(30, 10, "ky-hieu-format")],
        says="KH-",
        severity=Severity.WARNING,
    ),
    # --- dates against each other -----------------------------------------------------------
    Case(
        "year-mismatch",
        (("ngay: 2023-03", "ngay: 2024-03"),),
        [(32, 7, "year-mismatch")],
        says="2024",
    ),
    Case(
        "can-cu-after-plan-month",
        (("    ngay: 2023-03-06", "    ngay: 2023-04-06"),),
        [(45, 11, "can-cu-after-plan")],
        says="06/4/2023",
    ),
    Case(
        "can-cu-after-plan-day",
        (("ngay: 2023-03", "ngay: 2023-03-05"),),
        [(45, 11, "can-cu-after-plan")],
        says="05/3/2023",
    ),
    Case("can-cu-same-day", (("ngay: 2023-03", "ngay: 2023-03-06"),), []),
    Case("action-month-next-year", ((DEN, "  den: 2024-01-15"),), [(118, 3, "action-month-outside-year")]),
    Case(
        "action-month-reversed",
        (("  tu: 2023-11-15", "  tu: 2023-12-20"),),
        [(118, 3, "action-month-outside-year")],
    ),
    # --- signer -------------------------------------------------------------------------------
    Case(
        "kt-without-thu-truong",
        (comment("  thu_truong: Chủ tịch"),),
        [(124, 3, "signer-inconsistent")],
        says="KT.",
    ),
    Case(
        "no-authority-no-title",
        (comment("  tham_quyen: KT."), comment("  thu_truong: Chủ tịch"), comment("  chuc_vu: Phó Chủ tịch")),
        [(127, 3, "signer-inconsistent")],
        says="chuc_vu",
    ),
    Case(
        "thu-truong-without-tm-or-authority",
        (comment("  tham_quyen: KT."),),
        [(125, 15, "signer-inconsistent")],
        says="thay_mat",
    ),
    Case(
        "acting-head-needs-no-title",
        (("  tham_quyen: KT.", "  tham_quyen: Q."), comment("  chuc_vu: Phó Chủ tịch")),
        [],
    ),
    Case(
        "tm-signer",
        (
            ("  tham_quyen: KT.", "  thay_mat: Ủy ban nhân dân"),
            comment("  thu_truong: Chủ tịch"),
            ("  chuc_vu: Phó Chủ tịch", "  chuc_vu: Chủ tịch"),
        ),
        [],
    ),
    # --- recipients ---------------------------------------------------------------------------
    Case(
        "no-recipients",
        (("noi_nhan:", "noi_nhan: []"), *(comment(text) for text in NOI_NHAN)),
        [(132, 11, "no-recipients")],
    ),
    # --- the 2025 reform ----------------------------------------------------------------------
    Case(
        "district-after-reform",
        (*PLAN_2025, TINH, ("ngay: 2023-03", "ngay: 2025-07")),
        [(21, 13, "district-after-reform"), (47, 14, "district-reference"), (134, 5, "district-reference")],
        says="tháng 7/2025",
        extra={"severities": [Severity.ERROR, Severity.WARNING, Severity.WARNING], "ignore": {"map-"}},
    ),
    Case(
        "district-on-reform-day",
        (*PLAN_2025, TINH, ("ngay: 2023-03", "ngay: 2025-07-01")),
        [(21, 13, "district-after-reform"), (47, 14, "district-reference"), (134, 5, "district-reference")],
        says="ngày 01/7/2025",
        extra={"severities": [Severity.ERROR, Severity.WARNING, Severity.WARNING], "ignore": {"map-"}},
    ),
    Case("district-before-reform", (*PLAN_2025, ("ngay: 2023-03", "ngay: 2025-06")), []),
    Case("district-day-before-reform", (*PLAN_2025, ("ngay: 2023-03", "ngay: 2025-06-30")), []),
    # --- marks the tool adds itself ---------------------------------------------------------
    Case(
        "typed-dash-in-bullet",
        ((BULLET_80, "      - '- Tăng cường các hình thức tuyên truyền về mô hình.'"),),
        [(80, 9, "typed-mark")],
        says="'-'",
        severity=Severity.WARNING,
    ),
    Case(
        "typed-dash-in-shorthand-list",
        ((MUC_DICH_3, '  - "- Tăng cường sự phối hợp."'),),
        [(56, 5, "typed-mark")],
        severity=Severity.WARNING,
    ),
    Case(
        "typed-plus-in-sub-bullet",
        ((BULLET_80, "      - {y: Tăng cường tuyên truyền, cac_y: ['+ về mô hình']}"),),
        [(80, 46, "typed-mark")],
        says="'+'",
        severity=Severity.WARNING,
    ),
    Case(
        "typed-number-in-title",
        (
            (
                "  - ten: Triển khai hoạt động của Ban Vì sự tiến bộ của phụ nữ các cấp",
                "  - ten: 1. Triển khai hoạt động của Ban Vì sự tiến bộ của phụ nữ các cấp",
            ),
        ),
        [(92, 10, "typed-mark")],
        says="'1.'",
        severity=Severity.WARNING,
    ),
    Case(
        "typed-letter-in-title",
        (("  - ten: Công chức văn hoá xã hội", "  - ten: a) Công chức văn hoá xã hội"),),
        [(102, 10, "typed-mark")],
        says="'a)'",
        severity=Severity.WARNING,
    ),
    # "- - text" is a list inside the list: the clerk typed the dash; an error, not a warning.
    Case(
        "typed-dash-makes-nested-list",
        ((BULLET_80, "      - - Tăng cường các hình thức tuyên truyền."),),
        [(80, 9, "typed-mark")],
        says="'- - ...'",
    ),
    # --- tags and aliases in a real file ----------------------------------------------------
    Case(
        "unsafe-tag-on-optional-field",
        ((line("ket_thuc: "), 'ket_thuc: !!python/object/apply:os.system ["echo hacked"]'),),
        [(113, 11, "unsafe-tag")],
        says="!!python/object/apply:os.system",
    ),
    Case(
        "unsafe-tag-on-required-field",
        (("  ho_ten: Hoàng Văn Mẫn", "  ho_ten: !!python/name:os.system ''"),),
        [(127, 11, "unsafe-tag")],
    ),
    Case("merge-key", (("  ten_goi_tat: UBND xã", "  <<: {ten_goi_tat: UBND xã}"),), [(25, 3, "merge-key")]),
]


#: Codes of problems that leave no typed plan (syntax, loader and model shape problems).
SHAPE_CODES = {
    "yaml-syntax",
    "control-char",
    "duplicate-key",
    "unsafe-tag",
    "merge-key",
    "missing-field",
    "unknown-key",
    "wrong-type",
    "wrong-value",
    "invalid-date",
    "empty-text",
    "so-invalid",
}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_problems_in_edited_example(case: Case, edit_example: Callable[..., str]) -> None:
    result = validate_bytes(edit_example(*case.edits).encode("utf-8"), "plan.yaml")
    # Codes another table checks (the 2025 map rules have their own, in test_map_rules.py).
    ignored = tuple(case.extra.get("ignore", ()))  # type: ignore[call-overload]
    problems = [p for p in result.problems if not (ignored and p.code.startswith(ignored))]

    assert positions(problems) == case.expected
    assert all(p.file == "plan.yaml" for p in result.problems)
    severities = case.extra.get("severities", [case.severity] * len(case.expected))
    assert [p.severity for p in problems] == severities
    if case.says is not None:
        assert case.says in problems[0].message
    if "did_you_mean" in case.extra:
        unknown = [p for p in result.problems if p.code == "unknown-key"]
        assert str(case.extra["did_you_mean"]) in unknown[0].message
    # The typed plan is handed on exactly when the file has the model's shape.
    shape_ok = not any(
        p.code in SHAPE_CODES or (p.code == "typed-mark" and p.is_error) for p in result.problems
    )
    assert (result.plan is not None) == shape_ok


SNIPPETS = [
    ("not-a-mapping", "- a\n- b\n", [(1, 1, "wrong-type")]),
    ("text-only", "Kế hoạch năm 2023\n", [(1, 1, "wrong-type")]),
    ("empty-file", "", [(1, 1, "empty-file")]),
    ("comments-only", "# chỉ có ghi chú\n", [(1, 1, "empty-file")]),
    (
        "everything-missing",
        "nam: 2023\n",
        [(1, 1, "missing-field")] * 5,
    ),
    (
        "unsafe-tag-alone",
        "nam: !!python/object:os.system {}\n",
        [(1, 1, "missing-field")] * 5 + [(1, 6, "unsafe-tag")],
    ),
    (
        "duplicate-key-snippet",
        "nam: 2023\nnam: 2024\n",
        [(1, 1, "missing-field")] * 5 + [(2, 1, "duplicate-key")],
    ),
]


@pytest.mark.parametrize(("snippet", "expected"), [s[1:] for s in SNIPPETS], ids=[s[0] for s in SNIPPETS])
def test_problems_in_snippet(snippet: str, expected: Expected) -> None:
    result = validate_bytes(snippet.encode("utf-8"), "s.yaml")

    assert positions(result.problems) == expected
    assert result.plan is None


def test_missing_fields_name_each_field() -> None:
    result = validate_bytes(b"nam: 2023\n", "s.yaml")

    fields = sorted(p.message for p in result.problems)
    expected = sorted(
        msg.MISSING_FIELD.format(field=name)
        for name in ("co_quan", "ngay", "trich_yeu", "nguoi_ky", "noi_nhan")
    )
    assert fields == expected


def test_example_is_valid(example_text: str) -> None:
    result = validate_bytes(example_text.encode("utf-8"), "plan.yaml")

    assert result.problems == []
    assert result.plan is not None
    assert result.plan.so is None
    assert result.plan.ngay.nam == 2023 and result.plan.ngay.thang == 3 and result.plan.ngay.ngay is None


@pytest.mark.parametrize(("typed", "number"), [("05", 5), ("010", 10), ("12", 12), ("08", 8)])
def test_so_is_read_as_a_decimal_number(typed: str, number: int, edit_example: Callable[..., str]) -> None:
    result = validate_bytes(edit_example(("so: null", f"so: {typed}")).encode(), "plan.yaml")

    assert result.problems == []
    assert result.plan is not None and result.plan.so == number


def test_text_that_looks_like_a_time_stays_text(edit_example: Callable[..., str]) -> None:
    text = edit_example((line("    mo_ta: Tăng cường phối hợp triển khai"), "    thoi_gian: 7:30"))

    result = validate_bytes(text.encode(), "plan.yaml")

    assert result.problems == []
    assert result.plan is not None
    assert result.plan.to_chuc_thuc_hien[1].thoi_gian == "7:30"


def test_several_mistakes_are_reported_at_once_sorted_by_line(edit_example: Callable[..., str]) -> None:
    text = edit_example(
        ("nam: 2023", "nam: 2022"),
        ("  dia_danh: Hồng Phong", "  dia_danhh: Hồng Phong"),
        ("  ten_goi_tat: UBND xã", "  ten: Ủy ban nhân dân xã Hồng Phong"),
        ("so: null", "so: 0"),
        ("ky_hieu: KH-UBND", "ky_hieu: KH UBND"),
        ("    ngay: 2023-03-06", "    ngay: 2023-02-30"),
        ("  - TT ĐU, HĐND xã", "  - ''"),
        ("luu: [VT]", "luu: VT"),
    )

    result = validate_bytes(text.encode(), "plan.yaml")

    assert positions(result.problems) == [
        (17, 1, "missing-field"),
        (23, 3, "unknown-key"),
        (25, 3, "duplicate-key"),
        (28, 5, "so-invalid"),
        (30, 10, "ky-hieu-format"),  # header rules still run on a broken plan
        (32, 7, "year-mismatch"),
        (45, 11, "invalid-date"),
        (134, 5, "empty-text"),
        (139, 6, "wrong-type"),
    ]
    lines = [p.line for p in result.problems]
    assert lines == sorted(lines)
    assert result.plan is None


def test_header_rules_run_when_the_rest_is_broken(edit_example: Callable[..., str]) -> None:
    text = edit_example(("ky_hieu: KH-UBND", "ky_hieu: QĐ-UBND"), ("luu: [VT]", "luu: VT"))

    result = validate_bytes(text.encode(), "plan.yaml")

    assert positions(result.problems) == [(30, 10, "ky-hieu-format"), (139, 6, "wrong-type")]
    assert result.problems[0].severity is Severity.WARNING


def test_year_rule_skipped_when_a_header_field_is_itself_wrong(edit_example: Callable[..., str]) -> None:
    # nam is broken: no year-mismatch guess, only the type error (and no crash).
    text = edit_example(("nam: 2023", "nam: hai nghìn"), ("ngay: 2023-03", "ngay: 2024-03"))

    result = validate_bytes(text.encode(), "plan.yaml")

    assert positions(result.problems) == [(14, 6, "wrong-type")]


def test_header_rules_on_raw_data() -> None:
    findings = list(header_rules({"nam": 2023, "ky_hieu": "kh-ubnd", "ngay": "2024-01", "x": []}))
    assert [(path, code, severity) for path, code, _, severity in findings] == [
        (("ky_hieu",), "ky-hieu-format", Severity.ERROR),
        (("ngay",), "year-mismatch", Severity.ERROR),
    ]
    assert list(header_rules({"nam": True, "ky_hieu": 5, "ngay": "2024-13"})) == []
    assert list(header_rules({})) == []


def test_loader_problem_is_not_repeated_by_the_shape_check() -> None:
    result = validate_bytes(b"ho_ten: !!python/name:os.system ''\n", "s.yaml")

    codes = [p.code for p in result.problems]
    assert codes.count("unsafe-tag") == 1
    assert "wrong-type" not in codes


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), "trich_yeu"),
        (("co_quan",), "dia_danh"),
        (("can_cu", 0), "so_ky_hieu"),
        (("noi_dung", 3, "cac_y", 0), "cac_y"),
        (("muc_dich", "cac_y", 2), "y"),
        (("nguoi_ky",), "thu_truong"),
        (("can_cu", 0, "truong"), "so_ky_hieu"),
        (("than_van_ban", 0, "Phan"), "ten"),
        (("than_van_ban", 0, "Phan", "noi_dung", 0, "Muc"), "noi_dung"),
        (("than_van_ban", 1, "Bang", "bang"), "cot"),
    ],
)
def test_allowed_keys_follow_the_model(path: tuple[str | int, ...], expected: str) -> None:
    assert expected in allowed_keys(path)


def test_a_misspelt_key_inside_the_free_outline_gets_a_suggestion() -> None:
    text = (Path(__file__).resolve().parent.parent / "examples" / "ke-hoach-phan.yaml").read_text("utf-8")
    heading = "      - muc: Kết quả đạt được\n"
    text = text.replace(heading, heading + "        noi_dng: x\n", 1)
    assert "noi_dng" in text

    problems = [p for p in validate_bytes(text.encode(), "p.yaml").problems if p.code == "unknown-key"]

    assert [p.message.split("'")[-2] for p in problems] == ["noi_dung"]


def test_allowed_keys_of_a_text_field_is_empty() -> None:
    assert allowed_keys(("nam",)) == []
    assert allowed_keys(("khong_co",)) == []


def test_plan_round_trips_through_model_dump(example_text: str) -> None:
    # new-year and batch rebuild plans from dumps; the issue date must survive that.
    plan = validate_bytes(example_text.encode(), "plan.yaml").plan
    assert plan is not None

    assert Plan.model_validate(plan.model_dump()) == plan
    assert Plan.model_validate(plan.model_dump(mode="json")) == plan


def test_validate_document_reports_against_the_document_name() -> None:
    doc = load_text(b"nam: 2023\nco_quan: x\n", "thư mục/kế hoạch.yaml")

    result = validate_document(doc)

    assert {p.file for p in result.problems} == {"thư mục/kế hoạch.yaml"}


def test_plan_dates_are_typed(example_text: str) -> None:
    plan = validate_bytes(example_text.encode(), "plan.yaml").plan
    assert plan is not None

    assert plan.can_cu[0].ngay == dt.date(2023, 3, 6)
    assert plan.ngay.earliest == dt.date(2023, 3, 1)
    assert plan.ngay.latest == dt.date(2023, 3, 31)
