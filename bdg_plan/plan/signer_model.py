"""The plan model's closing block: the signer (ô 7 of Decree 30's layout) and the recipients (ô 9b).

Part of the model stage; `bdg_plan.plan.model` puts them into the plan (`nguoi_ky`, `noi_nhan`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from bdg_plan.plan.field_types import Text, _Model, block_texts

ThamQuyen = Literal["KT.", "Q.", "TL.", "TUQ."]


class NguoiKy(_Model):
    """The signer block (ô 7 of Decree 30): authority, titles and name."""

    model_config = block_texts("Người ký", "Quyền hạn, chức vụ và họ tên người ký (ô số 7).")

    thay_mat: Text | None = Field(
        None,
        description=(
            "Ký thay mặt tập thể: tên tập thể, in hoa sau 'TM.' ở dòng đầu khối chữ ký, ví dụ 'Ủy ban nhân "
            "dân'."
        ),
        examples=["Ủy ban nhân dân"],
    )
    tham_quyen: ThamQuyen | None = Field(
        None,
        description=(
            "Quyền hạn ký (ô số 7a): 'KT.' (ký thay), 'Q.' (quyền), 'TL.' (thừa lệnh) hoặc 'TUQ.' (thừa "
            "ủy quyền). Bỏ trống khi người đứng đầu ký trực tiếp."
        ),
    )
    thu_truong: Text | None = Field(
        None,
        description=(
            "Chức danh người đứng đầu (ghi sau quyền hạn), ví dụ 'Chủ tịch': in thành 'KT. CHỦ TỊCH'."
        ),
        examples=["Chủ tịch"],
    )
    chuc_vu: Text | None = Field(
        None,
        description="Chức vụ của người ký: in hoa, dòng cuối trên chỗ ký, ví dụ 'Phó Chủ tịch'.",
        examples=["Phó Chủ tịch"],
    )
    ho_ten: Text = Field(description="Họ và tên người ký (ô số 7b), ví dụ 'Hoàng Văn Mẫn'.")


def _recipient_shorthand(value: Any) -> Any:
    return {"ten": value} if isinstance(value, str) else value


class NoiNhanMuc(_Model):
    """One recipient line of "Nơi nhận"."""

    model_config = block_texts("Nơi nhận", "Một dòng ở phần Nơi nhận (ô số 9b).")

    ten: Text = Field(
        description="Cơ quan, cá nhân nhận văn bản. Không gõ '-' ở đầu và ';' ở cuối: bdg-plan tự thêm."
    )
    ghi_chu: Text | None = Field(
        None,
        description="Ghi chú in trong ngoặc sau tên, ví dụ 'b/c' (để báo cáo) hoặc 'để biết'.",
        examples=["b/c"],
    )


Recipient = Annotated[
    NoiNhanMuc, BeforeValidator(_recipient_shorthand, json_schema_input_type=str | NoiNhanMuc)
]


#: The kinds of plan: the year's plan, or the action-month plan (Tháng hành động).
