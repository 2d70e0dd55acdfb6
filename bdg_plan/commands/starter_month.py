# ruff: noqa: E501  (the starter's YAML keeps one paragraph per line, as clerks edit it)
"""`bdg-plan init --loai thang-hanh-dong`: the starter of an action-month plan.

Every commune issues, each autumn, a plan for the "Tháng hành động vì bình đẳng giới và phòng
ngừa, ứng phó với bạo lực trên cơ sở giới" (15/11 - 15/12). Its usual parts: purpose and
requirements; the year's theme, message and time (`chu_de`, `thong_diep`, `thang_hanh_dong`,
printed as one section by the compose stage for this kind); the activities, listed in an annex
table; funding; organisation. Same conventions as `bdg_plan.commands.starter`: comments are the keys'
descriptions, and what only the clerk knows is a `<<ĐIỀN VÀO ĐÂY - ...>>` marker.
"""

from __future__ import annotations

import datetime as dt

from bdg_plan.commands.starter import (
    EDITING_HELP,
    HEADER_BLOCK,
    SIGNATURE_BLOCK,
    _expand_directives,
    common_values,
    fill_in,
    parse_commune,
    refuse_control_chars,
)
from bdg_plan.facts.admin_map import REFORM_DATE
from bdg_plan.plan.yaml_write import scalar

#: The month an action-month plan is usually issued: October, a few weeks before 15 November.
ISSUE_MONTH = 10


def default_file_name(nam: int) -> str:
    """The action-month starter's default file name: "thang-hanh-dong-2025.yaml"."""
    return f"thang-hanh-dong-{nam}.yaml"


def build_month_starter(
    nam: int,
    xa: str | None = None,
    nguoi_ky: str | None = None,
    *,
    file_name: str | None = None,
    today: dt.date | None = None,
) -> str:
    """Return the text of an action-month starter plan (YAML with Vietnamese comments).

    Args:
        nam: the plan year.
        xa: the commune's name, optionally with its unit word ("phường Đông Kinh").
        nguoi_ky: the signer's full name.
        file_name: the file's name, quoted in the "how to check" comment.
        today: today's date (the starter's creation date in its first comment).

    Raises:
        UsageError: `xa` or `nguoi_ky` holds a line break or another control character.

    """
    refuse_control_chars(xa, nguoi_ky)
    today = today or dt.date.today()
    commune = parse_commune(xa)
    month = max(ISSUE_MONTH, today.month) if nam == today.year else ISSUE_MONTH
    after_reform = dt.date(nam, month, 1) >= REFORM_DATE
    unit = commune.unit
    superior = f"UBND tỉnh {fill_in('tên tỉnh')}" if after_reform else f"UBND huyện {fill_in('tên huyện')}"
    values = {
        **common_values(nam, month, commune, nguoi_ky, today, file_name or default_file_name(nam)),
        "huong_dan": scalar(
            f"Căn cứ {fill_in('văn bản hướng dẫn của cấp trên, ví dụ: Công văn số 2185/UBND-KGVX ngày 16/10/' + str(nam))} "
            f"của {superior} về việc tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó "
            f"với bạo lực trên cơ sở giới năm {nam};"
        ),
        "loi_dan": scalar(
            f"Ủy ban nhân dân {unit} xây dựng Kế hoạch tổ chức các hoạt động hưởng ứng Tháng hành động vì "
            f"bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {nam} như sau:"
        ),
        "chu_de": scalar(fill_in(f"chủ đề Tháng hành động năm {nam} theo hướng dẫn của cấp trên")),
        "thong_diep": scalar(fill_in("thông điệp truyền thông theo hướng dẫn của cấp trên")),
    }
    return _expand_directives(_MONTH_STARTER.format(**values))


_MONTH_STARTER = (
    """\
# Kế hoạch tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới
# năm {nam}. Tệp do "bdg-plan init --loai thang-hanh-dong" tạo ngày {today}: hãy điền và sửa lại cho
# đúng với địa phương.
#
"""
    + EDITING_HELP
    + """
#: loai_ke_hoach
loai_ke_hoach: thang_hanh_dong
"""
    + HEADER_BLOCK
    + """
#: trich_yeu
trich_yeu: |-
  Tổ chức các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới
  và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {nam}

#: can_cu
can_cu:
  - Căn cứ Luật Bình đẳng giới ngày 29/11/2006;
  - {huong_dan}
#: loi_dan
loi_dan: {loi_dan}

# I. MỤC ĐÍCH, YÊU CẦU
#: muc_dich
muc_dich:
  - Nâng cao nhận thức, trách nhiệm của các cấp, các ngành và Nhân dân trên địa bàn {unit} về bình đẳng giới, phòng ngừa và ứng phó với bạo lực trên cơ sở giới.
  - Tạo sự chuyển biến tích cực trong hành động, góp phần thực hiện thành công các mục tiêu bình đẳng giới năm {nam}.
#: yeu_cau
yeu_cau:
  - Các hoạt động hưởng ứng Tháng hành động được tổ chức thiết thực, hiệu quả, phù hợp với điều kiện thực tế của địa phương; tránh hình thức, lãng phí.
  - Huy động sự tham gia của các ban, ngành, đoàn thể, các thôn, tổ dân phố và mọi tầng lớp Nhân dân.

# II. CHỦ ĐỀ, THÔNG ĐIỆP VÀ THỜI GIAN: bdg-plan tự in mục này từ ba khóa dưới đây.
#: chu_de
chu_de: {chu_de}
#: thong_diep
thong_diep:
  - {thong_diep}
#: thang_hanh_dong
thang_hanh_dong:
  #: thang_hanh_dong.tu
  tu: {nam}-11-15
  #: thang_hanh_dong.den
  den: {nam}-12-15

# III. NỘI DUNG HOẠT ĐỘNG: các hoạt động cụ thể liệt kê ở Phụ lục (cuối tệp).
#: noi_dung
noi_dung:
  - ten: Hoạt động truyền thông
    mo_ta: Tuyên truyền về chủ đề, thông điệp của Tháng hành động trên hệ thống thông tin cơ sở, tại các buổi sinh hoạt cộng đồng và trên mạng xã hội (chi tiết tại Phụ lục kèm theo).
  - ten: Hoạt động hỗ trợ, can thiệp
    mo_ta: Rà soát, kịp thời hỗ trợ phụ nữ, trẻ em gái có nguy cơ hoặc bị bạo lực trên cơ sở giới; duy trì các địa chỉ tin cậy tại cộng đồng (chi tiết tại Phụ lục kèm theo).

# IV. KINH PHÍ THỰC HIỆN
#: kinh_phi
kinh_phi: Kinh phí tổ chức các hoạt động bố trí trong dự toán ngân sách {unit} năm {nam} và các nguồn hợp pháp khác theo quy định.

# V. TỔ CHỨC THỰC HIỆN
#: to_chuc_thuc_hien
to_chuc_thuc_hien:
  - ten: {don_vi_chu_tri}
    mo_ta: Chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai Kế hoạch; tổng hợp kết quả, báo cáo Ủy ban nhân dân {unit} trước ngày 20/12/{nam}.
  - ten: Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {unit} và các tổ chức chính trị - xã hội
    mo_ta: Phối hợp tuyên truyền, vận động đoàn viên, hội viên tham gia các hoạt động hưởng ứng Tháng hành động.
  - ten: Các thôn, tổ dân phố
    mo_ta: Treo băng rôn, khẩu hiệu; lồng ghép nội dung Tháng hành động trong các buổi sinh hoạt cộng đồng.

#: ket_thuc
ket_thuc: Trên đây là Kế hoạch tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {nam} của Ủy ban nhân dân {unit}.

"""
    + SIGNATURE_BLOCK
    + """
# PHỤ LỤC: in trên trang riêng sau chữ ký. Hoạt động không ghi thời gian thì cột "Thời gian"
# in thời gian Tháng hành động ở trên.
#: phu_luc
phu_luc:
  - ten: Các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {nam}
    ngang: true
    noi_dung:
      - cac_hoat_dong:
          nhom:
            - ten: Hoạt động truyền thông
              hoat_dong:
                - noi_dung: Treo băng rôn, khẩu hiệu hưởng ứng Tháng hành động tại trụ sở Ủy ban nhân dân và nhà văn hóa các thôn
                  chu_tri: {don_vi_chu_tri}
                  phoi_hop: Các thôn, tổ dân phố
                  kinh_phi: Ngân sách {unit}
                - noi_dung: Phát thanh tin, bài về chủ đề, thông điệp của Tháng hành động trên hệ thống truyền thanh cơ sở
                  chu_tri: {don_vi_chu_tri}
                  kinh_phi: Ngân sách {unit}
            - ten: Hoạt động hỗ trợ, can thiệp
              hoat_dong:
                - noi_dung: Rà soát, thăm hỏi, hỗ trợ phụ nữ và trẻ em gái có hoàn cảnh khó khăn, có nguy cơ bị bạo lực
                  chu_tri: Hội Liên hiệp Phụ nữ {unit}
                  phoi_hop: Công an {unit}
                  kinh_phi: Nguồn xã hội hóa
                - noi_dung: Tổng hợp, báo cáo kết quả tổ chức Tháng hành động
                  chu_tri: {don_vi_chu_tri}
                  thoi_gian: Trước ngày 20/12/{nam}
"""
)
