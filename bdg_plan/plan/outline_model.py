"""The plan model's free outline: parts, sections, items, points, bullets, tables and annexes.

Part of the model stage. `than_van_ban` (the body) and each annex's `noi_dung` are lists written
in the order they print. Each entry is one of:

- a plain string: a paragraph;
- a mapping whose *level key* names what it is and holds its heading: `phan` (with `ten`, the
  part's title), `muc` (I., II.), `khoan` (1., 2.), `tieu_khoan` (1.1., 1.2.), `diem` (a), b)),
  each with its own `noi_dung` list; `y` (a "-" bullet, with "+" sub-bullets in `cac_y`);
  `bang` (a table); `cac_hoat_dong` (a list of activities laid out as a table or as items);
  `doan` (paragraphs, the long form of a plain string).

Numbering is never written: the compose stage computes it and restarts it under each parent.
A heading may be left empty (`khoan:` with nothing after it): the number then goes before the
first paragraph.

Over 400 lines on purpose: it is the outline's whole vocabulary (each level, table and annex with
its Vietnamese descriptions, which the schema is built from), read best in one place.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag

from bdg_plan.facts.vietnamese import roman
from bdg_plan.plan.field_types import Paragraphs, Text, YGachDauDong, _Model, block_texts

# --- Tables -----------------------------------------------------------------------------------
#: Column headers that the tool numbers itself (rows leave them out).
STT_NAMES = frozenset({"stt", "tt", "số tt", "số thứ tự"})

#: The row key that makes a row a group row, merged across all columns ("I. Hoạt động ...").
GROUP_KEY = "nhom"


def _column_shorthand(value: Any) -> Any:
    return {"ten": value} if isinstance(value, str) else value


class Cot(_Model):
    """One table column: its header, the key rows use for it, and its share of the width."""

    model_config = block_texts("Cột", "Một cột của bảng: tiêu đề, khóa, độ rộng tương đối.")

    ten: Text = Field(description="Tiêu đề cột, in đậm, căn giữa ở dòng đầu bảng, ví dụ 'Nội dung'.")
    khoa: Text | None = Field(
        None,
        description=(
            "Tên khóa của cột trong từng dòng (mặc định là chính tiêu đề cột), ví dụ 'noi_dung'. Với bảng "
            "lấy từ tệp CSV: tên cột ở dòng đầu tệp."
        ),
    )
    rong: float = Field(
        1.0,
        gt=0,
        le=100,
        description=(
            "Độ rộng tương đối của cột so với các cột khác, ví dụ 1 cho cột hẹp, 4 cho cột nội dung."
        ),
    )
    stt: bool = Field(
        False,
        description=(
            "Cột số thứ tự do bdg-plan tự đánh (1, 2, 3... bắt đầu lại trong mỗi nhóm). Cột tên 'STT' "
            "hoặc 'TT' tự là cột số thứ tự."
        ),
    )

    @property
    def key(self) -> str:
        """The key rows use for this column."""
        return self.khoa or self.ten

    @property
    def numbered(self) -> bool:
        """Whether the tool numbers this column."""
        return self.stt or self.ten.casefold() in STT_NAMES


Column = Annotated[Cot, BeforeValidator(_column_shorthand, json_schema_input_type=str | Cot)]


def _cell_text(value: Any) -> Any:
    """Numbers in a cell ("Kinh phí: 5000000", "Thời gian: 2025") are printed as typed."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


def _cell_items(value: Any) -> Any:
    value = _cell_text(value)
    if isinstance(value, list):
        return [_cell_text(item) for item in value]
    return [value] if isinstance(value, str) else value


#: One cell paragraph: text, or a bullet `{y: ...}`.
CellItem = Annotated[Text | YGachDauDong, Field(union_mode="left_to_right")]

#: A cell: one text, or a list of paragraphs and bullets.
Cell = Annotated[
    list[CellItem],
    BeforeValidator(_cell_items, json_schema_input_type=str | int | float | list[str | YGachDauDong]),
]

#: A row: a mapping from column keys to cells; `nhom: ...` alone makes a group row.
Row = dict[str, Cell]


class Bang(_Model):
    """A table: columns, then rows written as mappings (or read from a CSV file beside the plan)."""

    model_config = block_texts("Bảng", "Các cột và các dòng của bảng, hoặc tệp CSV chứa các dòng.")

    ten: Text | None = Field(None, description="Tên bảng (nếu có), in đậm, căn giữa phía trên bảng.")
    cot: list[Column] = Field(
        default_factory=list,
        description=(
            "Các cột của bảng, từ trái sang phải: một tên cột, hoặc ten, khoa, rong, stt. Bảng lấy từ tệp "
            "CSV có thể bỏ trống: các cột là dòng đầu của tệp."
        ),
    )
    dong: list[Row] = Field(
        default_factory=list,
        description=(
            "Các dòng của bảng: mỗi dòng ghi 'tên cột: nội dung'. Dòng chỉ có 'nhom: ...' là dòng nhóm, "
            "gộp mọi cột và tự đánh số La Mã (I., II.)."
        ),
    )
    csv: Text | None = Field(
        None,
        description=(
            "Tệp CSV (mở bằng Excel) nằm cạnh tệp kế hoạch, chứa các dòng của bảng; dòng đầu là tên cột. "
            "Cột 'nhom' (nếu có) chia các dòng thành nhóm."
        ),
        examples=["hoat-dong.csv"],
    )
    co_chu: Literal[12, 13] = Field(13, description="Cỡ chữ trong bảng: 12 hoặc 13.")


# --- Activities -------------------------------------------------------------------------------
class HoatDong(_Model):
    """One activity: what is done, by whom, when, with what funds."""

    model_config = block_texts(
        "Hoạt động", "Một hoạt động: nội dung, chủ trì, phối hợp, thời gian, kinh phí."
    )

    noi_dung: Text = Field(
        description="Nội dung hoạt động: cột 'Nội dung hoạt động' của bảng, hoặc đoạn đầu của khoản."
    )
    chu_tri: Text | None = Field(
        None, description="Đơn vị chủ trì: cột 'Đơn vị chủ trì', hoặc ý '- Đơn vị chủ trì: ...' của khoản."
    )
    phoi_hop: Text | None = Field(
        None, description="Đơn vị phối hợp: cột 'Đơn vị phối hợp', hoặc ý '- Đơn vị phối hợp: ...' của khoản."
    )
    thoi_gian: Text | None = Field(
        None,
        description=(
            "Thời gian thực hiện, ví dụ 'Tháng 11/2025': cột 'Thời gian thực hiện', hoặc ý của khoản. Bỏ "
            "trống trong kế hoạch Tháng hành động thì in thời gian Tháng hành động ('thang_hanh_dong')."
        ),
        examples=["Tháng 11/2025"],
    )
    kinh_phi: Text | None = Field(
        None, description="Kinh phí hoặc nguồn kinh phí: cột 'Kinh phí', hoặc ý '- Kinh phí: ...' của khoản."
    )
    ket_qua: Text | None = Field(
        None,
        description=(
            "Sản phẩm, kết quả cần đạt (nếu có): cột 'Kết quả, sản phẩm' (chỉ có khi một hoạt động ghi), "
            "hoặc ý '- Kết quả: ...' của khoản."
        ),
    )


class NhomHoatDong(_Model):
    """A group of activities ("Hoạt động truyền thông"), a merged row in the table."""

    model_config = block_texts("Nhóm hoạt động", "Một nhóm hoạt động: tên nhóm và các hoạt động.")

    ten: Text = Field(description="Tên nhóm hoạt động; bdg-plan tự đánh số La Mã.")
    hoat_dong: list[HoatDong] = Field(
        description="Các hoạt động của nhóm: mỗi hoạt động một dòng của bảng (hoặc một điểm a), b))."
    )


class DanhSachHoatDong(_Model):
    """A list of activities, laid out as a table (annexes) or as numbered items (body)."""

    model_config = block_texts("Danh sách hoạt động", "Các hoạt động, chia nhóm hoặc không.")

    trinh_bay: Literal["bang", "khoan"] | None = Field(
        None,
        description=(
            "Cách trình bày: 'bang' (bảng có cột STT, Nội dung, Chủ trì, Phối hợp, Thời gian, Kinh phí) "
            "hoặc 'khoan' (mỗi hoạt động một khoản). Mặc định: bảng trong phụ lục, khoản trong thân văn "
            "bản."
        ),
    )
    nhom: list[NhomHoatDong] = Field(
        default_factory=list, description="Các nhóm hoạt động, mỗi nhóm một dòng gộp trong bảng."
    )
    hoat_dong: list[HoatDong] = Field(
        default_factory=list,
        description="Các hoạt động không chia nhóm: mỗi hoạt động một dòng của bảng (hoặc một khoản).",
    )


# --- Outline nodes ----------------------------------------------------------------------------
class DoanNut(_Model):
    """Paragraphs, written out (a plain string in the list is the same thing)."""

    model_config = block_texts("Đoạn văn", "Một hoặc nhiều đoạn văn (viết gọn: một câu trong danh sách).")

    doan: Paragraphs = Field(description="Một hoặc nhiều đoạn văn.")


class YNut(YGachDauDong):
    """A "-" bullet in an outline list."""

    model_config = block_texts("Ý gạch đầu dòng", "Một ý gạch đầu dòng '-' và các ý nhỏ '+' của nó.")


class BangNut(_Model):
    """A table in an outline list."""

    model_config = block_texts("Bảng", "Một bảng trong thân văn bản hoặc phụ lục.")

    bang: Bang = Field(description="Một bảng: cot (các cột) và dong (các dòng) hoặc csv.")


class HoatDongNut(_Model):
    """A list of activities in an outline list."""

    model_config = block_texts("Danh sách hoạt động", "Các hoạt động, trình bày thành bảng hoặc thành khoản.")

    cac_hoat_dong: DanhSachHoatDong = Field(
        description=(
            "Danh sách hoạt động: nội dung, chủ trì, phối hợp, thời gian, kinh phí; in thành bảng hoặc "
            "thành các khoản, theo 'trinh_bay'."
        )
    )


_CHILDREN = "Nội dung bên trong, theo thứ tự in: đoạn văn, ý, bảng và các cấp nhỏ hơn."


class PhanNut(_Model):
    """A part ("Phần thứ nhất"): its label as written, its title in capitals."""

    model_config = block_texts(
        "Phần", "Một phần ('Phần thứ nhất', 'Phần I'): nhãn, tên phần và nội dung của phần."
    )

    phan: Text = Field(
        description=(
            "Nhãn phần, ghi như văn bản: 'Phần thứ nhất', 'Phần I'... (in đậm, căn giữa, chữ thường)."
        ),
        examples=["Phần thứ nhất"],
    )
    ten: Text | None = Field(None, description="Tên phần (bdg-plan in hoa, đậm, căn giữa).")
    noi_dung: list[OutlineItem] = Field(default_factory=list, description=_CHILDREN)


class MucNut(_Model):
    """A Roman-numbered section (I., II.), numbering restarting in each part."""

    model_config = block_texts(
        "Mục", "Một mục I., II. (đánh số lại từ I trong mỗi phần) và nội dung của mục."
    )

    muc: Text | None = Field(
        description="Tên mục (bdg-plan in hoa và đánh số La Mã I., II.); để trống nếu mục không có tên."
    )
    noi_dung: list[OutlineItem] = Field(default_factory=list, description=_CHILDREN)


class KhoanNut(_Model):
    """A numbered item (1., 2.)."""

    model_config = block_texts("Khoản", "Một khoản 1., 2. và nội dung của khoản.")

    khoan: Text | None = Field(
        description=("Tiêu đề khoản (in đậm sau số 1., 2.); để trống thì số đứng trước đoạn văn đầu tiên.")
    )
    noi_dung: list[OutlineItem] = Field(default_factory=list, description=_CHILDREN)


class TieuKhoanNut(_Model):
    """A sub-item numbered after its item (1.1., 1.2.), for plans that use that style."""

    model_config = block_texts("Tiểu khoản", "Một tiểu khoản 1.1., 1.2. và nội dung của tiểu khoản.")

    tieu_khoan: Text | None = Field(
        description=(
            "Tiêu đề tiểu khoản, đánh số theo khoản chứa nó (1.1., 1.2.), dùng thay cho điểm a), b) khi "
            "kế hoạch chọn cách đánh số này."
        )
    )
    noi_dung: list[OutlineItem] = Field(default_factory=list, description=_CHILDREN)


class DiemNut(_Model):
    """A lettered point (a), b), ... đ), e), g) ...)."""

    model_config = block_texts("Điểm", "Một điểm a), b), c)... và nội dung của điểm.")

    diem: Text | None = Field(
        description=(
            "Tiêu đề điểm (sau chữ cái a), b), c), d), đ), e)...); để trống thì chữ cái đứng trước đoạn "
            "văn đầu tiên."
        )
    )
    noi_dung: list[OutlineItem] = Field(default_factory=list, description=_CHILDREN)


#: The level keys, in the order the discriminator tries them, with the model each one selects.
LEVEL_KEYS: dict[str, str] = {
    "phan": "Phan",
    "muc": "Muc",
    "khoan": "Khoan",
    "tieu_khoan": "TieuKhoan",
    "diem": "Diem",
    "y": "Y",
    "bang": "Bang",
    "cac_hoat_dong": "HoatDong",
    "doan": "Doan",
}


def outline_kind(value: Any) -> str | None:
    """Which node an outline entry is: by its level key, or a paragraph for a plain string."""
    if isinstance(value, str):
        return "Text"
    if isinstance(value, dict):
        for key, tag in LEVEL_KEYS.items():
            if key in value:
                return tag
        return None
    for tag, model in _TAGGED.items():
        if isinstance(value, model):
            return tag
    return None


OutlineItem = Annotated[
    Annotated[Text, Tag("Text")]
    | Annotated[PhanNut, Tag("Phan")]
    | Annotated[MucNut, Tag("Muc")]
    | Annotated[KhoanNut, Tag("Khoan")]
    | Annotated[TieuKhoanNut, Tag("TieuKhoan")]
    | Annotated[DiemNut, Tag("Diem")]
    | Annotated[YNut, Tag("Y")]
    | Annotated[BangNut, Tag("Bang")]
    | Annotated[HoatDongNut, Tag("HoatDong")]
    | Annotated[DoanNut, Tag("Doan")],
    Discriminator(
        outline_kind,
        custom_error_type="outline_item",
        custom_error_message="An outline entry needs a level key",
    ),
]

_TAGGED: dict[str, type[_Model]] = {
    "Phan": PhanNut,
    "Muc": MucNut,
    "Khoan": KhoanNut,
    "TieuKhoan": TieuKhoanNut,
    "Diem": DiemNut,
    "Y": YNut,
    "Bang": BangNut,
    "HoatDong": HoatDongNut,
    "Doan": DoanNut,
}

# --- Annexes ----------------------------------------------------------------------------------
#: The word that heads an annex (Phụ lục I Nghị định 30, Mục III.1).
PHU_LUC = "Phụ lục"


def annex_label(index: int, count: int) -> str:
    """The heading of annex `index` (1-based): "Phụ lục" alone, or "Phụ lục I", "Phụ lục II"."""
    return f"{PHU_LUC} {roman(index)}" if count > 1 else PHU_LUC


class PhuLuc(_Model):
    """An annex after the signature: its own pages, numbered from 1."""

    model_config = block_texts("Phụ lục", "Một phụ lục in sau phần ký, trên trang riêng, đánh số trang từ 1.")

    ten: Text = Field(
        description="Tên phụ lục (bdg-plan in hoa, đậm, căn giữa), ví dụ 'Danh mục các hoạt động'."
    )
    ngang: bool = Field(False, description="In phụ lục trên trang nằm ngang (cho bảng rộng).")
    noi_dung: list[OutlineItem] = Field(
        default_factory=list,
        description="Nội dung phụ lục, theo thứ tự in: đoạn văn, bảng, danh sách hoạt động, các mục.",
    )
