"""The outline examples are what issue-sized real plans look like: checked on the composed document."""

from __future__ import annotations

from pathlib import Path

from bdg_plan import api
from bdg_plan.compose.blocks import Block, TableBlock
from bdg_plan.compose.document import compose
from bdg_plan.plan.model import Plan
from tests.docx_xml import Docx, W

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def load(name: str) -> Plan:
    result = api.validate(EXAMPLES / name)
    assert result.plan is not None
    assert not result.problems
    return result.plan


def test_action_month_plan_has_an_activity_annex_the_body_refers_to() -> None:
    plan = load("thang-hanh-dong-2025.yaml")
    composed = compose(plan)
    paragraphs = [b for b in composed.body if isinstance(b, Block) and b.kind in ("noi_dung", "y")]
    assert len(paragraphs) >= 12
    assert any("chi tiết tại Phụ lục" in b.text for b in paragraphs)
    (annex,) = composed.annexes
    assert annex.landscape and annex.label == "Phụ lục"
    (table,) = [b for b in annex.body if isinstance(b, TableBlock)]
    groups = [row for row in table.rows if len(row) == 1]
    activities = [row for row in table.rows[1:] if len(row) > 1]
    assert len(groups) >= 3 and len(activities) >= 8
    assert [g[0].text.split(".")[0] for g in groups] == ["I", "II", "III"]
    # No district level in a plan issued after 1/7/2025.
    assert "huyện" not in Docx(api.render_plan(plan)).all_text()


def test_two_part_plan_restarts_its_numbering_and_has_a_body_table() -> None:
    plan = load("ke-hoach-phan.yaml")
    composed = compose(plan)
    headings = [b.text for b in composed.body if isinstance(b, Block) and b.kind in ("phan", "muc")]
    assert headings == [
        "Phần thứ nhất",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ",
        "Phần thứ hai",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CHỈ TIÊU",
        "III. NHIỆM VỤ VÀ GIẢI PHÁP",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]
    texts = [b.text for b in composed.body if isinstance(b, Block)]
    # A section that holds only a paragraph, and numbered targets without headings.
    start = texts.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert texts[start + 2] == "II. CHỈ TIÊU"
    assert [t[:3] for t in texts[start + 3 : start + 6]] == ["1. ", "2. ", "3. "]
    assert any(isinstance(b, TableBlock) for b in composed.body)
    doc = Docx(api.render_plan(plan))
    assert doc.tables()[1].find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
