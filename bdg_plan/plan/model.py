"""The typed plan model: what a year's KẾ HOẠCH holds, with the Vietnamese YAML keys as field names.

Field names are the YAML keys (Vietnamese without diacritics, named after the Decree 30 terms a
clerk knows: `trich_yeu`, `can_cu`, `noi_nhan`, `nguoi_ky`). Each field carries a Vietnamese
description, which becomes the JSON Schema a clerk's editor shows. Shorthands keep the file short:
a single string where a list of paragraphs is expected, a plain list where a block of bullets is.
Numbering (I., 1., a)) is never stored: the compose stage computes it.

Over 400 lines on purpose: it is the plan file's vocabulary, one class per block of keys with
its Vietnamese descriptions (the schema and the README's key table are built from them); the
field types, dates and the free outline already have rooms of their own.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag

from bdg_plan.facts.limits import SO_MAX, YEAR_MAX, YEAR_MIN
from bdg_plan.plan.dates import FullDate, IssueDate, NgayBanHanh
from bdg_plan.plan.field_types import (
    PLAN_ERROR_CODES,
    Bullet,
    Paragraphs,
    Text,
    WholeNumber,
    YGachDauDong,
    _Model,
    block_texts,
    plan_error,
)
from bdg_plan.plan.outline_model import OutlineItem, PhuLuc
from bdg_plan.plan.signer_model import NguoiKy, NoiNhanMuc, Recipient
from bdg_plan.startup import model_cache

__all__ = [
    "PLAN_ERROR_CODES",
    "Bullet",
    "NgayBanHanh",
    "NguoiKy",
    "NoiNhanMuc",
    "Paragraphs",
    "Plan",
    "Text",
    "WholeNumber",
    "YGachDauDong",
    "plan_error",
]


# --- Header -----------------------------------------------------------------------------------
class CoQuan(_Model):
    """The issuing body (ô 2 of Decree 30's layout) and its place name (ô 4)."""

    model_config = block_texts("Cơ quan ban hành", "Tên cơ quan ban hành (ô số 2) và địa danh (ô số 4).")

    ten: Text = Field(
        description=(
            "Tên cơ quan ban hành (ô số 2), viết đầy đủ, ví dụ 'Ủy ban nhân dân xã Hồng Phong'. bdg-plan "
            "in hoa và chia hai dòng trước chữ 'xã', 'phường', 'thị trấn' hoặc 'đặc khu'."
        ),
        examples=["Ủy ban nhân dân xã Hồng Phong"],
    )
    cap_tren: Text | None = Field(
        None,
        description=(
            "Cơ quan chủ quản trực tiếp (nếu có), in hoa, không đậm, phía trên tên cơ quan. UBND xã "
            "thường không ghi. Văn bản ban hành từ ngày 01/7/2025 không được ghi cấp huyện (đã bỏ cấp "
            "huyện)."
        ),
    )
    tinh: Text | None = Field(
        None,
        description=(
            "Tỉnh, thành phố của cơ quan ban hành. Ghi theo đơn vị hành chính từ 01/7/2025 (34 tỉnh, "
            "thành phố), ví dụ 'Lạng Sơn'. Bắt buộc với kế hoạch ban hành từ ngày 01/7/2025: bdg-plan "
            "kiểm tra tên xã, phường có trong tỉnh và đúng chữ 'xã'/'phường'. Không in ra văn bản."
        ),
        examples=["Lạng Sơn"],
    )
    dia_danh: Text = Field(
        description=(
            "Địa danh (ô số 4), ghi trước ngày tháng, ví dụ 'Hồng Phong' (không ghi chữ 'xã'). "
            "Đơn vị mang tên người, tên số hoặc sự kiện thì ghi cả chữ 'Xã'/'Phường', ví dụ "
            "'Phường Lương Văn Tri', 'Xã Hoàng Văn Thụ' (Phụ lục I, Mục II.4)."
        ),
        examples=["Hồng Phong"],
    )
    ten_goi_tat: Text | None = Field(
        None,
        description=(
            "Tên gọi tắt của cơ quan, ví dụ 'UBND xã'. Mẫu có sẵn không in; chỉ in ở nơi một mẫu văn bản "
            "riêng (--templates) dùng đến."
        ),
        examples=["UBND xã"],
    )


class CoQuanLienTich(_Model):
    """The second issuing body of a joint plan (kế hoạch liên tịch), printed under the first in ô 2."""

    model_config = block_texts(
        "Cơ quan liên tịch",
        "Cơ quan thứ hai cùng ban hành kế hoạch liên tịch, in dưới tên cơ quan chủ trì (ô số 2).",
    )

    ten: Text = Field(
        description=(
            "Tên cơ quan cùng ban hành (ô số 2): in hoa, đậm, dưới tên cơ quan chủ trì, ví dụ 'Hội Liên "
            "hiệp Phụ nữ xã Hồng Phong'; chia hai dòng như tên cơ quan chủ trì."
        ),
        examples=["Hội Liên hiệp Phụ nữ xã Hồng Phong"],
    )
    cap_tren: Text | None = Field(
        None,
        description=(
            "Cơ quan chủ quản của cơ quan này (nếu có): in hoa, không đậm, ngay trên tên cơ quan này."
        ),
    )


class CanCu(_Model):
    """One higher-level document the plan implements (căn cứ), cited in the opening.

    The citation prints the clerk's field values in the usual order ("Kế hoạch số 108/KH-UBND,
    ngày 06/3/2023 của UBND huyện Cao Lộc về ..."); the two joining marks a clerk may want
    otherwise are fields with defaults, so nothing is inserted that the clerk cannot change.
    """

    model_config = block_texts(
        "Văn bản căn cứ", "Một văn bản cấp trên mà kế hoạch triển khai, dẫn ở câu mở đầu."
    )

    loai: Text = Field(
        description="Tên loại văn bản căn cứ, in đầu câu dẫn, ví dụ 'Kế hoạch', 'Quyết định', 'Luật'.",
        examples=["Kế hoạch"],
    )
    so_ky_hieu: Text | None = Field(
        None,
        description=(
            "Số, ký hiệu của văn bản căn cứ, in sau chữ 'số', ví dụ '108/KH-UBND'. Luật thì bỏ trống."
        ),
        examples=["108/KH-UBND"],
    )
    ten: Text | None = Field(
        None,
        description=(
            "Tên riêng của văn bản (nếu có), in ngay sau tên loại, ví dụ 'Bình đẳng giới' trong "
            "'Luật Bình đẳng giới'."
        ),
    )
    ngay: FullDate | None = Field(
        None,
        description=(
            "Ngày ban hành văn bản căn cứ: NĂM-THÁNG-NGÀY, ví dụ 2023-03-06 (in thành 'ngày 06/3/2023'). "
            "Muốn giữ đúng cách viết ngày của mình (ví dụ '28/2/2025'), hãy viết cả đoạn căn cứ thành "
            "một dòng chữ."
        ),
        examples=["2023-03-06"],
    )
    dau_sau_so: str = Field(
        ",",
        description=(
            "Dấu in ngay sau số, ký hiệu khi có ngày. Mặc định ',' ('số 108/KH-UBND, ngày 06/3/2023'); "
            "ghi '' để in 'số 108/KH-UBND ngày 06/3/2023'."
        ),
    )
    co_quan: Text | None = Field(
        None,
        description="Cơ quan ban hành văn bản căn cứ, in sau chữ 'của', ví dụ 'UBND tỉnh Lạng Sơn'.",
        examples=["UBND tỉnh Lạng Sơn"],
    )
    tu_noi: str = Field(
        "về",
        description=(
            "Từ nối in trước trích yếu. Mặc định 'về'; ghi '' khi trích yếu tự mở đầu bằng từ của nó, "
            "ví dụ 'ban hành Chiến lược quốc gia về bình đẳng giới'."
        ),
    )
    trich_yeu: Text | None = Field(
        None,
        description=(
            "Trích yếu của văn bản căn cứ: in cuối câu dẫn, sau từ nối 'tu_noi' (chữ đầu viết thường)."
        ),
    )


def _citation_kind(value: Any) -> str:
    return "van_ban" if isinstance(value, str) else "truong"


#: A căn cứ: the whole paragraph as it prints (a string), or a document described by fields.
CanCuMuc = Annotated[
    Annotated[Text, Tag("van_ban")] | Annotated[CanCu, Tag("truong")],
    Discriminator(_citation_kind),
]


# --- Body -------------------------------------------------------------------------------------
def _block_shorthand(value: Any) -> Any:
    """Read a string as one paragraph and a list as a list of bullets."""
    if isinstance(value, str):
        return {"mo_ta": value}
    if isinstance(value, list):
        return {"cac_y": value}
    return value


class Diem(_Model):
    """A lettered point a), b), c) ... inside a numbered item (khoản)."""

    model_config = block_texts("Điểm", "Một điểm a), b), c)... trong một khoản.")

    ten: Text | None = Field(
        None,
        description=(
            "Tiêu đề của điểm (nếu có), in sau chữ cái a), b)... Không gõ chữ cái: bdg-plan tự đánh."
        ),
    )
    mo_ta: Paragraphs = Field(
        default_factory=list, description="Các đoạn văn của điểm: một câu, hoặc danh sách nhiều đoạn."
    )
    cac_y: list[Bullet] = Field(default_factory=list, description="Các ý gạch đầu dòng '-' của điểm.")


class Khoan(_Model):
    """A numbered item ("1.", "2.") of a section: an activity, a unit's tasks, a target."""

    model_config = block_texts(
        "Khoản", "Một khoản 1., 2., 3.... của một mục: một hoạt động, một đơn vị, một chỉ tiêu."
    )

    ten: Text | None = Field(
        None,
        description=(
            "Tiêu đề của khoản (in đậm sau số thứ tự 1., 2., ...). Không gõ số thứ tự: bdg-plan tự đánh số."
        ),
    )
    mo_ta: Paragraphs = Field(
        default_factory=list,
        description="Các đoạn văn mở đầu của khoản: một câu, hoặc danh sách nhiều đoạn.",
    )
    cac_y: list[Bullet] = Field(default_factory=list, description="Các ý gạch đầu dòng '-' của khoản.")
    cac_diem: list[Diem] = Field(
        default_factory=list,
        description="Các điểm của khoản (bdg-plan tự đánh chữ cái a, b, c, d, đ, e...).",
    )
    sau: Paragraphs = Field(default_factory=list, description="Các đoạn văn in sau các ý của khoản.")
    thoi_gian: Text | None = Field(
        None,
        description=(
            "Thời gian thực hiện, ví dụ 'Quý II/2023': in thành ý '- Thời gian thực hiện: ...' ở cuối khoản."
        ),
        examples=["Quý II/2023"],
    )
    chu_tri: Text | None = Field(
        None, description="Đơn vị chủ trì thực hiện: in thành ý '- Đơn vị chủ trì: ...' ở cuối khoản."
    )
    phoi_hop: Text | None = Field(
        None, description="Đơn vị phối hợp thực hiện: in thành ý '- Đơn vị phối hợp: ...' ở cuối khoản."
    )


class NoiDung(_Model):
    """A block of paragraphs and bullets.

    Shorthand: a string (one paragraph) or a list (bullets).
    """

    model_config = block_texts(
        "Khối nội dung",
        "Các đoạn văn và ý gạch đầu dòng. Viết gọn: một câu là một đoạn văn, một danh sách là các ý.",
    )

    mo_ta: Paragraphs = Field(
        default_factory=list, description="Các đoạn văn: một câu, hoặc danh sách nhiều đoạn."
    )
    cac_y: list[Bullet] = Field(default_factory=list, description="Các ý gạch đầu dòng '-'.")
    sau: Paragraphs = Field(default_factory=list, description="Các đoạn văn in sau các ý.")


Block = Annotated[
    NoiDung,
    BeforeValidator(_block_shorthand, json_schema_input_type=str | list[str | YGachDauDong] | NoiDung),
]

#: Where an extra section goes, relative to the standard ones.
ViTri = Literal[
    "dau",
    "sau_muc_dich_yeu_cau",
    "sau_noi_dung",
    "sau_kinh_phi",
    "cuoi",
]


class Muc(_Model):
    """An extra Roman-numbered section ("CHỈ TIÊU", "CHẾ ĐỘ BÁO CÁO") among the standard ones."""

    model_config = block_texts(
        "Mục thêm", "Một mục đánh số La Mã thêm vào kế hoạch, ví dụ 'Chỉ tiêu', 'Chế độ báo cáo'."
    )

    ten: Text = Field(
        description="Tên mục, ví dụ 'Chỉ tiêu' (bdg-plan tự in hoa và đánh số La Mã).", examples=["Chỉ tiêu"]
    )
    vi_tri: ViTri = Field(
        "cuoi",
        description=(
            "Vị trí của mục: 'dau' (trước mục Mục đích, yêu cầu), 'sau_muc_dich_yeu_cau', 'sau_noi_dung',"
            " 'sau_kinh_phi' hoặc 'cuoi' (sau mục Tổ chức thực hiện)."
        ),
    )
    mo_ta: Paragraphs = Field(
        default_factory=list, description="Các đoạn văn mở đầu của mục: một câu, hoặc danh sách nhiều đoạn."
    )
    cac_y: list[Bullet] = Field(default_factory=list, description="Các ý gạch đầu dòng '-' của mục.")
    cac_khoan: list[Khoan] = Field(
        default_factory=list, description="Các khoản của mục (bdg-plan tự đánh số 1., 2., 3.)."
    )


class ThangHanhDong(_Model):
    """The action month on gender equality (usually 15/11 to 15/12 of the plan year)."""

    model_config = block_texts("Tháng hành động", "Ngày bắt đầu và ngày kết thúc Tháng hành động.")

    tu: FullDate = Field(
        description="Ngày bắt đầu Tháng hành động, ví dụ 2023-11-15 (in thành '15/11/2023').",
        examples=["2023-11-15"],
    )
    den: FullDate = Field(
        description="Ngày kết thúc Tháng hành động, ví dụ 2023-12-15 (in thành '15/12/2023').",
        examples=["2023-12-15"],
    )


LoaiKeHoach = Literal["nam", "thang_hanh_dong"]


def _default_luu() -> list[str]:
    """The usual "Lưu:" line: the clerical office (a function, so the model's schema pickles)."""
    return ["VT"]


#: The plan family's type names (Phụ lục III), written as a clerk writes them.
TenLoai = Literal["Kế hoạch", "Chương trình", "Phương án"]


# --- The plan ---------------------------------------------------------------------------------
class Plan(_Model):
    """A year's KẾ HOẠCH, as written in the plan file."""

    model_config = block_texts(
        "Kế hoạch (tệp YAML của bdg-plan)",
        "Một KẾ HOẠCH năm của Ủy ban nhân dân cấp xã, theo thể thức Nghị định 30/2020/NĐ-CP. "
        "Mỗi khóa là một thành phần của văn bản; bdg-plan tự đánh số, in hoa và trình bày.",
    )

    nam: WholeNumber = Field(
        ge=YEAR_MIN,
        le=YEAR_MAX,
        description=(
            "Năm kế hoạch, ví dụ 2023. Không tự in ra: dùng để kiểm tra năm của ngày ban hành và Tháng "
            "hành động, và để 'new-year' chuyển sang năm mới."
        ),
        examples=[2023],
    )
    loai_ke_hoach: LoaiKeHoach = Field(
        "nam",
        description=(
            "Loại kế hoạch: 'nam' (kế hoạch năm, mặc định) hoặc 'thang_hanh_dong' (kế hoạch Tháng hành "
            "động: bdg-plan in thêm mục 'Chủ đề, thông điệp và thời gian' sau mục Mục đích, yêu cầu)."
        ),
    )
    co_quan: CoQuan = Field(description="Cơ quan ban hành (ô số 2) và địa danh (ô số 4).")
    co_quan_lien_tich: CoQuanLienTich | None = Field(
        None,
        description=(
            "Cơ quan liên tịch: cơ quan thứ hai cùng ban hành kế hoạch (ô số 2), in dưới tên cơ quan chủ "
            "trì; cần đi cùng 'nguoi_ky_lien_tich'."
        ),
    )
    so: WholeNumber | None = Field(
        None,
        ge=1,
        le=SO_MAX,
        description=(
            "Số văn bản (ô số 3): để trống (null) để văn thư ghi số khi ban hành; có số thì ghi, ví dụ 5 "
            "(in thành 'Số: 05/KH-UBND')."
        ),
    )
    ten_loai: TenLoai = Field(
        "Kế hoạch",
        description=(
            "Tên loại văn bản (ô số 5a), in hoa, đậm trên trích yếu: 'Kế hoạch' (mặc định), 'Chương trình' "
            "hoặc 'Phương án'. Ký hiệu phải bắt đầu bằng chữ viết tắt tương ứng: KH, CTr, PA."
        ),
    )
    ky_hieu: Text = Field(
        "KH-UBND",
        description=(
            "Ký hiệu văn bản (ô số 3), in sau số: chữ viết tắt tên loại và tên cơ quan, ví dụ 'KH-UBND', "
            "'CTr-UBND'; kế hoạch liên tịch ghi cả hai cơ quan, ví dụ 'KH-UBND-HLHPN'."
        ),
    )
    ngay: IssueDate = Field(
        description="Ngày ban hành (ô số 4): 2023-03-06, hoặc 2023-03 để trống ngày cho văn thư điền.",
        examples=["2023-03", "2023-03-06"],
    )
    trich_yeu: Text = Field(
        description=(
            "Trích yếu nội dung (ô số 5a), in đậm dưới tên loại ('KẾ HOẠCH') và trong thuộc tính tên tệp "
            "Word. Xuống dòng trong trích yếu được giữ nguyên khi in."
        )
    )
    cach_dan: Literal["Thực hiện", "Căn cứ"] = Field(
        "Thực hiện",
        description=(
            "Cách dẫn: chữ in trước mỗi văn bản căn cứ ghi bằng các trường (căn cứ viết thành một dòng "
            "chữ thì không thêm gì), 'Thực hiện' hoặc 'Căn cứ'. Với 'Thực hiện', khi mọi căn cứ đều ghi "
            "bằng các trường và không có 'de_nghi', các căn cứ và lời dẫn in thành một câu; còn lại mỗi "
            "căn cứ một đoạn."
        ),
    )
    can_cu: list[CanCuMuc] = Field(
        default_factory=list,
        description=(
            "Văn bản căn cứ: in ở đầu kế hoạch theo thứ tự, mỗi mục một đoạn. Mỗi mục là cả đoạn viết "
            "sẵn, in nguyên văn từng chữ (ví dụ 'Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính "
            "phủ ...;'), hoặc một bảng các trường (loai, so_ky_hieu, ngay, co_quan, trich_yeu) để "
            "bdg-plan ghép câu. Với đoạn viết sẵn, bdg-plan vẫn đọc ra loại, số, ngày, cơ quan ban hành "
            "để kiểm tra ngày, nhưng không sửa chữ nào."
        ),
    )
    de_nghi: Text | None = Field(
        None,
        description=(
            "Đoạn đề nghị: 'Theo đề nghị của ...', in nguyên văn thành một đoạn riêng sau các căn cứ và "
            "trước lời dẫn, ví dụ 'Theo đề nghị của công chức Văn hóa - Xã hội,'."
        ),
    )
    loi_dan: Text | None = Field(
        None,
        description=(
            "Lời dẫn: câu dẫn vào nội dung, in sau các căn cứ (và đoạn 'de_nghi'), ví dụ 'UBND xã xây "
            "dựng Kế hoạch ... như sau:'. Chữ đầu được viết hoa khi lời dẫn là một đoạn riêng."
        ),
    )
    mo_dau: Paragraphs = Field(
        default_factory=list,
        description=(
            "Phần mở đầu tự viết: in nguyên văn, mỗi mục một đoạn; khi có, 'can_cu', 'de_nghi' và "
            "'loi_dan' không in (nhưng 'can_cu' vẫn được dùng để kiểm tra ngày)."
        ),
    )
    than_van_ban: list[OutlineItem] = Field(
        default_factory=list,
        description=(
            "Thân văn bản viết tự do, theo thứ tự in: phần (phan), mục (muc), khoản (khoan), tiểu khoản "
            "(tieu_khoan), điểm (diem), ý (y), bảng (bang), hoạt động (cac_hoat_dong) và đoạn văn. Dùng "
            "thay cho muc_dich, yeu_cau, noi_dung, kinh_phi, to_chuc_thuc_hien và muc_them."
        ),
    )
    muc_dich: Block | None = Field(
        None,
        description="Mục đích (mục I.1): một câu là một đoạn văn, một danh sách là các ý gạch đầu dòng.",
    )
    yeu_cau: Block | None = Field(
        None,
        description="Yêu cầu (mục I.2): một câu là một đoạn văn, một danh sách là các ý gạch đầu dòng.",
    )
    noi_dung: list[Khoan] = Field(
        default_factory=list,
        description="Nội dung (mục II): các hoạt động, mỗi hoạt động là một khoản 1., 2., 3.",
    )
    kinh_phi: Block | None = Field(
        None, description="Kinh phí thực hiện (mục III): một câu, một danh sách ý, hoặc các đoạn văn."
    )
    to_chuc_thuc_hien: list[Khoan] = Field(
        default_factory=list,
        description="Tổ chức thực hiện (mục IV): mỗi khoản là một đơn vị và nhiệm vụ của đơn vị đó.",
    )
    muc_them: list[Muc] = Field(
        default_factory=list,
        description=(
            "Các mục thêm, ví dụ 'Chỉ tiêu', 'Chế độ báo cáo'; đặt theo 'vi_tri' và tự đánh số La Mã."
        ),
    )
    ket_thuc: Text | None = Field(
        None,
        description="Câu kết: đoạn cuối của nội dung, trước chữ ký; bdg-plan thêm dấu './.' nếu chưa có.",
    )
    thang_hanh_dong: ThangHanhDong | None = Field(
        None,
        description=(
            "Thời gian Tháng hành động: Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo "
            "lực trên cơ sở giới (thường 15/11 - 15/12). Kế hoạch Tháng hành động ('loai_ke_hoach: "
            "thang_hanh_dong') in thời gian này ở mục 'Chủ đề, thông điệp và thời gian' và ở cột Thời gian "
            "của bảng hoạt động khi hoạt động không ghi thời gian riêng. Kế hoạch năm không in: ở đó trường"
            " này ghi ngày của hoạt động Tháng hành động để 'validate' kiểm tra năm và 'new-year' chuyển "
            "sang năm mới; chỉ in ở nơi một mẫu văn bản riêng (--templates) dùng đến."
        ),
    )
    chu_de: Text | None = Field(
        None,
        description=(
            "Chủ đề Tháng hành động năm nay (theo hướng dẫn của cấp trên): in ở mục 'Chủ đề, thông điệp "
            "và thời gian' của kế hoạch Tháng hành động; kế hoạch năm không in."
        ),
    )
    thong_diep: Paragraphs = Field(
        default_factory=list,
        description=(
            "Thông điệp truyền thông của Tháng hành động: mỗi thông điệp một ý gạch đầu dòng ở mục 'Chủ "
            "đề, thông điệp và thời gian' của kế hoạch Tháng hành động; kế hoạch năm không in."
        ),
    )
    nguoi_ky: NguoiKy = Field(
        description=(
            "Người ký (ô số 7): quyền hạn, chức vụ và họ tên; in bên phải, dưới nội dung. Kế hoạch liên "
            "tịch: đây là người ký của cơ quan chủ trì ('co_quan')."
        )
    )
    nguoi_ky_lien_tich: NguoiKy | None = Field(
        None,
        description=(
            "Người ký của cơ quan liên tịch ('co_quan_lien_tich'): khối chữ ký in bên trái, ngang hàng "
            "với người ký của cơ quan chủ trì; phần Nơi nhận in xuống dưới hai chữ ký."
        ),
    )
    noi_nhan: list[Recipient] = Field(
        description="Nơi nhận (ô số 9b): mỗi dòng một cơ quan, cá nhân; bdg-plan tự thêm '- ' và ';'."
    )
    luu: list[Text] = Field(
        default_factory=_default_luu,
        description=(
            "Dòng 'Lưu:' cuối nơi nhận: 'VT' (văn thư) và chữ viết tắt đơn vị soạn thảo, số bản lưu nếu cần."
        ),
        examples=[["VT"], ["VT", "VHXH"]],
    )
    phu_luc: list[PhuLuc] = Field(
        default_factory=list,
        description=(
            "Các phụ lục: in sau phần ký, mỗi phụ lục sang trang mới và đánh số trang riêng từ 1. Thân văn "
            "bản phải nhắc đến phụ lục (ví dụ 'chi tiết tại Phụ lục I')."
        ),
    )


# The classes validated directly: the plan, and those the compose stage builds (outline, kinds).
model_cache.install((Plan, Muc, Khoan, YGachDauDong))
