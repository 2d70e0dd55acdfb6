"""Joint plans (kế hoạch liên tịch): two issuing bodies in the header and two signer blocks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bdg_plan import api, messages
from bdg_plan.errors import Severity
from tests.docx_xml import Docx

ROOT = Path(__file__).resolve().parent.parent
JOINT_EXAMPLE = ROOT / "examples" / "chuong-trinh-phoi-hop-2025.yaml"

BODY = "co_quan_lien_tich:\n  ten: Hội Liên hiệp Phụ nữ xã Hồng Phong\n"
SIGNER = "nguoi_ky_lien_tich:\n  thay_mat: Ban Chấp hành\n  chuc_vu: Chủ tịch\n  ho_ten: Lương Thị Thu\n"


@pytest.fixture(scope="module")
def joint() -> Docx:
    result = api.validate(JOINT_EXAMPLE)
    assert result.plan is not None and result.problems == []
    return Docx(api.render_plan(result.plan))


def test_both_bodies_are_in_the_header_lead_body_first(joint: Docx) -> None:
    header = joint.tables()[0]
    organ = [Docx.text(p) for p in Docx.cell_paragraphs(header, 0, 0) if Docx.text(p)]
    assert organ == ["ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG", "HỘI LIÊN HIỆP PHỤ NỮ", "XÃ HỒNG PHONG"]
    for paragraph in Docx.cell_paragraphs(header, 0, 0):
        if Docx.text(paragraph):
            assert joint.style_id(paragraph) == "KHCoQuan"
            assert joint.run_props(paragraph).bold
    # The rule under the organ block comes after both names.
    last = Docx.cell_paragraphs(header, 0, 0)[-1]
    assert Docx.text(last) == "" and Docx.bottom_border(last) is not None
    assert Docx.text(Docx.cell_paragraphs(header, 1, 0)[0]).endswith("/CTr-UBND-HLHPN")


def test_two_signer_blocks_side_by_side_then_recipients(joint: Docx) -> None:
    closing = joint.tables()[-1]
    rows = closing.findall(f"{{{closing.nsmap['w']}}}tr")
    assert len(rows) == 2

    def texts(row: int, column: int) -> list[str]:
        return [Docx.text(p) for p in Docx.cell_paragraphs(closing, row, column)]

    left, right = texts(0, 0), texts(0, 1)
    assert left[:2] == ["TM. BAN CHẤP HÀNH", "CHỦ TỊCH"] and left[-1] == "Lương Thị Thu"
    assert right[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and right[-1] == "Hoàng Văn Mẫn"
    assert texts(1, 0)[0] == "Nơi nhận:" and texts(1, 0)[-1] == "- Lưu: VT UBND xã, VT Hội LHPN xã."
    assert Docx.cell_width(closing, 0) == Docx.cell_width(closing, 1)
    # The signatures never split across pages.
    assert rows[0].find(f".//{{{closing.nsmap['w']}}}cantSplit") is not None


def test_a_plan_with_one_body_keeps_its_closing_table(example_path: Path) -> None:
    result = api.validate(example_path)
    assert result.plan is not None
    closing = Docx(api.render_plan(result.plan)).tables()[-1]
    assert Docx.text(Docx.cell_paragraphs(closing, 0, 0)[0]) == "Nơi nhận:"


@pytest.mark.parametrize(
    ("added", "key", "message"),
    [
        (SIGNER, "nguoi_ky_lien_tich", messages.JOINT_SIGNER_WITHOUT_BODY),
        (BODY, "co_quan_lien_tich", messages.JOINT_BODY_WITHOUT_SIGNER),
    ],
)
def test_half_a_joint_plan_is_an_error_saying_what_is_missing(
    example_text: str, write_plan: Callable[..., Path], added: str, key: str, message: str
) -> None:
    text = example_text.replace("ky_hieu: KH-UBND", "ky_hieu: KH-UBND-HLHPN") + added
    result = api.validate(write_plan(text))
    [problem] = result.problems
    assert (problem.code, problem.severity, problem.message) == ("joint-incomplete", Severity.ERROR, message)
    # The block's value: the line under its key.
    assert text.splitlines()[problem.line - 2] == f"{key}:"


def test_a_joint_plan_names_both_bodies_in_its_ky_hieu(
    example_text: str, write_plan: Callable[..., Path]
) -> None:
    result = api.validate(write_plan(example_text + BODY + SIGNER))
    assert [(p.code, p.severity) for p in result.problems] == [("ky-hieu-joint", Severity.WARNING)]
    assert "KH-UBND-HLHPN" in result.problems[0].message


def test_the_second_signer_is_checked_like_the_first(
    example_text: str, write_plan: Callable[..., Path]
) -> None:
    text = example_text.replace("ky_hieu: KH-UBND", "ky_hieu: KH-UBND-HLHPN") + BODY
    text += "nguoi_ky_lien_tich:\n  tham_quyen: KT.\n  ho_ten: Lương Thị Thu\n"
    codes = [(p.code, p.message) for p in api.validate(write_plan(text)).problems]
    assert codes == [
        ("signer-inconsistent", messages.SIGNER_KT_NEEDS.format(prefix="KT.")),
        ("signer-inconsistent", messages.SIGNER_NEEDS_TITLE),
    ]


def test_two_signers_written_as_a_list_get_a_hint(example_text: str, write_plan: Callable[..., Path]) -> None:
    start = example_text.index("nguoi_ky:")
    end = example_text.index("\n\n", start)
    text = example_text[:start] + "nguoi_ky:\n  - ho_ten: A\n  - ho_ten: B" + example_text[end:]
    [problem] = api.validate(write_plan(text)).problems
    assert problem.message == messages.JOINT_AS_LIST


def test_a_batch_of_joint_plans_renames_the_second_body_by_its_column(tmp_path: Path) -> None:
    communes = tmp_path / "ds.csv"
    communes.write_text(
        "Tên xã,Địa danh,Người ký,Cơ quan liên tịch,Người ký liên tịch\n"
        "Ủy ban nhân dân xã Tân Lập,Tân Lập,Nguyễn Văn A,Hội Liên hiệp Phụ nữ xã Tân Lập,Đinh Thị B\n",
        encoding="utf-8",
    )
    result = api.render_batch(JOINT_EXAMPLE, communes, tmp_path / "out")
    [commune] = result.communes
    assert commune.error is None
    doc = Docx(commune.output.read_bytes())
    organ = [Docx.text(p) for p in Docx.cell_paragraphs(doc.tables()[0], 0, 0) if Docx.text(p)]
    assert organ == ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP", "HỘI LIÊN HIỆP PHỤ NỮ", "XÃ TÂN LẬP"]
    assert "Đinh Thị B" in [Docx.text(p) for p in Docx.cell_paragraphs(doc.tables()[-1], 0, 0)]
