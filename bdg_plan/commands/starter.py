# ruff: noqa: E501  (the starter's YAML keeps one paragraph per line, as clerks edit it)
"""`bdg-plan init`: write a starter plan file for a commune and year, ready to fill in.

The starter follows `examples/plan2023.yaml`: every key has a Vietnamese comment (the key's
description from the model, so the comments, the JSON Schema and the README say the same thing),
the commune and year are filled in, and what only the clerk knows is marked `<<ĐIỀN VÀO ĐÂY - ...>>`,
which `validate` reports until it is replaced. A plan dated from 1/7/2025 has no district level
(docs/the-thuc-nd30.md §7): no superior line, no district body among căn cứ or recipients.

The starter's layout is fixed text (its comments sit between list items and keys where a clerk
needs them), but nothing from outside is pasted into it raw: every value it fills in is written by
the plan writer's one emitter (`bdg_plan.plan.yaml_write.scalar`, as import writes its values),
the file name in its comments goes through `yaml_write.comment`, and a commune or signer name
holding a control character is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.commands.schema import iter_keys
from bdg_plan.errors import OutputError, UsageError
from bdg_plan.facts.admin_map import ALL_COMMUNE_KINDS, REFORM_DATE, alternation
from bdg_plan.facts.place_names import place_name
from bdg_plan.facts.vietnamese import format_short_date
from bdg_plan.output import atomic_write
from bdg_plan.plan.yaml_write import comment, scalar
from bdg_plan.rules.validate import UNFILLED_MARKER

#: A unit word the clerk may type before the commune's name ("phường Đông Kinh").
_UNIT = re.compile(rf"^{alternation(ALL_COMMUNE_KINDS)}\s+(\S.*)$", re.IGNORECASE)
#: A directive in the starter text: "#: key.path" becomes that key's description as a comment.
_DIRECTIVE = re.compile(r"^( *)#: (\S+)$", re.MULTILINE)
_COMMENT_WIDTH = 100


def default_file_name(nam: int) -> str:
    """The starter's default file name: "ke-hoach-2026.yaml"."""
    return f"ke-hoach-{nam}.yaml"


def fill_in(hint: str) -> str:
    """A marker for text the clerk must write: "<<ĐIỀN VÀO ĐÂY - tên xã>>"."""
    return msg.FILL_IN.format(hint=hint)


@dataclass(frozen=True)
class Commune:
    """The commune as the starter writes it.

    Attributes:
        unit: the unit word, lower case ("xã", "phường", "đặc khu"), for phrases like "UBND xã".
        full_name: the unit word and name as typed ("xã Hồng Phong"), after "Ủy ban nhân dân".
        place: the place name before the date ("Hồng Phong").

    """

    unit: str
    full_name: str
    place: str


def parse_commune(name: str | None) -> Commune:
    """Read `--xa`: "Hồng Phong" (a xã) or "phường Đông Kinh"; markers when not given."""
    if name is None or not name.strip():
        marker = fill_in("tên xã")
        return Commune("xã", f"xã {marker}", marker)
    name = " ".join(unicodedata.normalize("NFC", name).split())
    match = _UNIT.match(name)
    if match:
        kind = match.group(1).lower()
        return Commune(kind, name, place_name(kind, match.group(2)))
    return Commune("xã", f"xã {name}", place_name("xã", name))


#: Unicode categories `--xa` and `--nguoi-ky` may not hold: controls (a line break or tab typed
#: or pasted into the option), line and paragraph separators, and lone surrogates (bytes of a
#: command line that were not UTF-8).
_REFUSED_CATEGORIES = frozenset(("Cc", "Cs", "Zl", "Zp"))


def refuse_control_chars(commune: str | None, signer: str | None) -> None:
    """Refuse a commune or signer name holding a control character, before it is written.

    Raises:
        UsageError: the option and the first such character ("U+000A").

    """
    for option, text in (("--xa", commune), ("--nguoi-ky", signer)):
        for char in text or "":
            if unicodedata.category(char) in _REFUSED_CATEGORIES:
                code = f"U+{ord(char):04X}"
                raise UsageError(msg.INIT_CONTROL_CHAR.format(option=option, code=code))


def issue_month(nam: int, today: dt.date) -> int:
    """The month of the starter's issue date: this month for this year's plan, else January."""
    return today.month if nam == today.year else 1


def build_starter(
    nam: int,
    xa: str | None = None,
    nguoi_ky: str | None = None,
    *,
    file_name: str | None = None,
    today: dt.date | None = None,
) -> str:
    """Return the text of a starter plan file (YAML with Vietnamese comments).

    Args:
        nam: the plan year.
        xa: the commune's name, optionally with its unit word ("phường Đông Kinh").
        nguoi_ky: the signer's full name.
        file_name: the file's name, quoted in the "how to check" comment.
        today: today's date (the issue month of this year's plan); the real date by default.

    Raises:
        UsageError: `xa` or `nguoi_ky` holds a line break or another control character.

    """
    refuse_control_chars(xa, nguoi_ky)
    today = today or dt.date.today()
    commune = parse_commune(xa)
    month = issue_month(nam, today)
    after_reform = dt.date(nam, month, 1) >= REFORM_DATE
    unit = commune.unit
    values = {
        **common_values(nam, month, commune, nguoi_ky, today, file_name or default_file_name(nam)),
        "loi_dan": scalar(
            f"UBND {unit} xây dựng Kế hoạch triển khai thực hiện công tác bình đẳng giới và vì sự "
            f"tiến bộ của phụ nữ năm {nam} trên địa bàn {unit} như sau:"
        ),
        "so_ky_hieu": scalar(fill_in("số, ký hiệu văn bản cấp trên, ví dụ 25/KH-UBND")),
        "can_cu_co_quan": scalar(
            f"UBND tỉnh {fill_in('tên tỉnh')}" if after_reform else f"UBND huyện {fill_in('tên huyện')}"
        ),
    }
    return _expand_directives(_STARTER.format(**values))


def common_values(
    nam: int, month: int, commune: Commune, nguoi_ky: str | None, today: dt.date, file_name: str
) -> dict[str, str]:
    """The values every starter kind fills in: header, signer, recipients and the reform's lines."""
    after_reform = dt.date(nam, month, 1) >= REFORM_DATE
    unit = commune.unit
    return {
        "nam": str(nam),
        "ngay": f"{nam}-{month:02d}",
        "file": comment(file_name),
        "today": format_short_date(today),
        "unit": unit,
        "ten": scalar(f"Ủy ban nhân dân {commune.full_name}"),
        "dia_danh": scalar(commune.place),
        # From 01/7/2025 validate checks the commune against its province (bdg_plan.rules.admin_map).
        "tinh_line": (
            f"  #: co_quan.tinh\n  tinh: {scalar(fill_in('tên tỉnh, ví dụ Lạng Sơn'))}\n"
            if after_reform
            else ""
        ),
        "goi_tat": scalar(f"UBND {unit}"),
        "cap_tren_note": (
            f"UBND {unit} không ghi. Từ 01/7/2025 không còn cấp huyện."
            if after_reform
            else f"UBND {unit} thường không ghi; nếu có, ví dụ: cap_tren: UBND huyện Cao Lộc"
        ),
        "ho_ten": scalar(_clean(nguoi_ky) or fill_in("họ và tên người ký")),
        "bao_cao": scalar(
            fill_in("cơ quan cấp tỉnh theo dõi bình đẳng giới, ví dụ Sở Nội vụ tỉnh Lạng Sơn")
            if after_reform
            else fill_in("phòng chuyên môn cấp huyện theo dõi bình đẳng giới")
        ),
        "don_vi_chu_tri": "Phòng Văn hóa - Xã hội" if after_reform else "Công chức Văn hóa - Xã hội",
    }


def count_markers(text: str) -> int:
    """Count the `<<ĐIỀN VÀO ĐÂY - ...>>` markers left in a starter's values (not its comments)."""
    values = (line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return sum(len(UNFILLED_MARKER.findall(line)) for line in values)


def write_new_file(path: Path, text: str) -> None:
    """Create `path` with `text` (UTF-8); never overwrite an existing file.

    Raises:
        OutputError: the file exists, is a folder, or its folder is missing or read-only.

    """
    suggestion = path.with_name(f"{path.stem}-moi{path.suffix or '.yaml'}").name
    if path.is_dir():
        raise OutputError(msg.INIT_IS_DIR.format(file=path, suggestion=suggestion))
    # Without force the new file is published in one step that fails if the name exists, and
    # through a temporary file, so a full disk never leaves half a plan behind.
    exists = msg.INIT_EXISTS.format(file=path, suggestion=suggestion)
    atomic_write(path, text.encode("utf-8"), force=False, exists_message=exists)


def _clean(text: str | None) -> str | None:
    return " ".join(unicodedata.normalize("NFC", text).split()) if text else None


@functools.cache
def _descriptions() -> dict[str, str]:
    return {row.path: row.description for row in iter_keys()}


def _expand_directives(text: str) -> str:
    """Replace each "#: key.path" line by the key's description, as comment lines."""

    def comment(match: re.Match[str]) -> str:
        indent, path = match.group(1), match.group(2)
        description = _descriptions()[path]
        lines = textwrap.wrap(description, _COMMENT_WIDTH - len(indent) - 2, break_on_hyphens=False)
        return "\n".join(f"{indent}# {line}" for line in lines)

    return _DIRECTIVE.sub(comment, text)


#: How to edit a starter file, shared by every starter kind (one "{file}" to fill in).
EDITING_HELP = """\
# Cách sửa tệp này:
#   - Chỗ có <<ĐIỀN VÀO ĐÂY - ...>>: xóa cả cụm (cả dấu << >>) rồi viết nội dung thật vào đó.
#   - Mỗi dòng "khoa: gia_tri" là một mục của văn bản; chỉ sửa phần sau dấu hai chấm.
#   - Dòng bắt đầu bằng "#" là ghi chú, không in ra văn bản.
#   - Thụt lề bằng dấu cách (không dùng phím Tab); các mục cùng cấp phải thẳng hàng.
#   - Danh sách: mỗi ý một dòng bắt đầu bằng "- ".
#   - Không gõ số thứ tự (I., 1., a)) và dấu gạch đầu dòng: bdg-plan tự đánh số và tự thêm.
#   - Nếu nội dung có dấu hai chấm ":" rồi dấu cách, đặt cả câu trong dấu nháy đơn '...'.
#   - Lưu tệp với mã hóa UTF-8 (Notepad: Lưu thành > Mã hóa: UTF-8).
# Kiểm tra:  bdg-plan validate {file}      Tạo văn bản:  bdg-plan render {file}
"""

#: The year, the issuing organ, the number, ký hiệu and date, shared by every starter kind.
HEADER_BLOCK = """\
#: nam
nam: {nam}

#: co_quan
co_quan:
  #: co_quan.ten
  ten: {ten}
  # Cơ quan chủ quản (cap_tren): {cap_tren_note}
{tinh_line}  #: co_quan.dia_danh
  dia_danh: {dia_danh}
  #: co_quan.ten_goi_tat
  ten_goi_tat: {goi_tat}

#: so
so: null
#: ky_hieu
ky_hieu: KH-UBND
#: ngay
ngay: {ngay}
"""

#: The signer, recipients and filing lines, shared by every starter kind.
SIGNATURE_BLOCK = """\
#: nguoi_ky
# Phó Chủ tịch ký thay Chủ tịch: in "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
# Chủ tịch ký thay mặt Ủy ban thì ghi:  thay_mat: Ủy ban nhân dân   và   chuc_vu: Chủ tịch
nguoi_ky:
  #: nguoi_ky.tham_quyen
  tham_quyen: KT.
  #: nguoi_ky.thu_truong
  thu_truong: Chủ tịch
  #: nguoi_ky.chuc_vu
  chuc_vu: Phó Chủ tịch
  #: nguoi_ky.ho_ten
  ho_ten: {ho_ten}

#: noi_nhan
noi_nhan:
  #: noi_nhan[].ten
  - ten: {bao_cao}
    #: noi_nhan[].ghi_chu
    ghi_chu: b/c
  - TT Đảng ủy, HĐND {unit}
  - CT, các PCT UBND {unit}
  - UBMTTQ Việt Nam và các tổ chức CT-XH {unit}
  - Các thôn, tổ dân phố
#: luu
luu: [VT]
"""

_STARTER = (
    """\
# Kế hoạch triển khai công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm {nam}.
# Tệp do "bdg-plan init" tạo ngày {today}: hãy điền và sửa lại cho đúng với địa phương.
#
"""
    + EDITING_HELP
    + """
"""
    + HEADER_BLOCK
    + """
#: trich_yeu
trich_yeu: |-
  Triển khai thực hiện công tác bình đẳng giới
  và vì sự tiến bộ của phụ nữ năm {nam}

#: cach_dan
cach_dan: Thực hiện
#: can_cu
can_cu:
  #: can_cu[].loai
  - loai: Kế hoạch
    #: can_cu[].so_ky_hieu
    so_ky_hieu: {so_ky_hieu}
    #: can_cu[].ngay
    # Bỏ dấu "#" ở đầu dòng dưới và sửa lại ngày ban hành của văn bản cấp trên:
    # ngay: {nam}-01-15
    #: can_cu[].co_quan
    co_quan: {can_cu_co_quan}
    #: can_cu[].trich_yeu
    trich_yeu: triển khai công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm {nam}
#: loi_dan
loi_dan: {loi_dan}

# I. MỤC ĐÍCH, YÊU CẦU
#: muc_dich
muc_dich:
  - Tiếp tục tăng cường sự lãnh đạo, chỉ đạo của cấp ủy đảng, chính quyền, các ban, ngành, đoàn thể đối với công tác bình đẳng giới và vì sự tiến bộ của phụ nữ; nâng cao hiệu quả quản lý nhà nước về bình đẳng giới trên địa bàn {unit}.
  - Đẩy mạnh tuyên truyền, phổ biến, vận động Nhân dân thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước về bình đẳng giới và vì sự tiến bộ của phụ nữ trong các lĩnh vực của đời sống xã hội.
#: yeu_cau
yeu_cau: Các ban, ngành, đoàn thể {unit}, các thôn, tổ dân phố bám sát nội dung Kế hoạch, tổ chức thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm {nam} phù hợp với chức năng, nhiệm vụ và tình hình thực tế, bảo đảm thiết thực, hiệu quả.

# II. NỘI DUNG
#: noi_dung
noi_dung:
  #: noi_dung[].ten
  - ten: Tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về bình đẳng giới và vì sự tiến bộ của phụ nữ
    #: noi_dung[].cac_y
    cac_y:
      - Tuyên truyền Luật Bình đẳng giới, chủ trương của Đảng, chính sách, pháp luật của Nhà nước về bình đẳng giới, phòng ngừa và ứng phó với bạo lực trên cơ sở giới, phòng, chống bạo lực gia đình.
      - Lồng ghép nội dung bình đẳng giới trong các buổi sinh hoạt cộng đồng, hội nghị, hệ thống thông tin cơ sở; nhân rộng điển hình tốt, thu hút sự tham gia của nam giới và trẻ em trai.
  - ten: Nâng cao năng lực và hiệu quả quản lý nhà nước về bình đẳng giới
    cac_y:
      - Cử cán bộ, công chức làm công tác bình đẳng giới tham gia các lớp tập huấn, bồi dưỡng nghiệp vụ do cấp trên tổ chức.
      - Lồng ghép vấn đề bình đẳng giới trong xây dựng và thực hiện kế hoạch phát triển kinh tế - xã hội của {unit}.
  - ten: Duy trì, nâng cao hiệu quả các mô hình phòng ngừa, ứng phó với bạo lực trên cơ sở giới
    cac_y:
      - Duy trì hoạt động của các mô hình, địa chỉ tin cậy tại cộng đồng; kịp thời hỗ trợ nạn nhân bị bạo lực.
  - ten: Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới từ 15/11 đến 15/12/{nam}
    cac_y:
      - Xây dựng kế hoạch và tổ chức các hoạt động hưởng ứng Tháng hành động theo hướng dẫn của cấp trên.

# III. KINH PHÍ THỰC HIỆN
#: kinh_phi
kinh_phi: Kinh phí thực hiện Kế hoạch bố trí từ ngân sách nhà nước theo phân cấp quản lý ngân sách hiện hành; lồng ghép từ các chương trình, đề án, dự án liên quan và các nguồn hợp pháp khác theo quy định.

# IV. TỔ CHỨC THỰC HIỆN
#: to_chuc_thuc_hien
to_chuc_thuc_hien:
  #: noi_dung[].ten
  - ten: {don_vi_chu_tri}
    #: noi_dung[].mo_ta
    mo_ta: Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu Ủy ban nhân dân {unit} triển khai thực hiện Kế hoạch; theo dõi, tổng hợp, báo cáo kết quả thực hiện theo quy định.
  - ten: Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {unit} và các tổ chức chính trị - xã hội
    mo_ta: Phối hợp triển khai thực hiện Kế hoạch; đẩy mạnh tuyên truyền, vận động đoàn viên, hội viên và Nhân dân thực hiện tốt công tác bình đẳng giới và vì sự tiến bộ của phụ nữ.
  - ten: Các thôn, tổ dân phố
    mo_ta: Phối hợp tổ chức các hoạt động tuyên truyền tại cộng đồng; kịp thời phát hiện, báo cáo các vụ việc bạo lực trên cơ sở giới trên địa bàn.

#: ket_thuc
ket_thuc: Ủy ban nhân dân {unit} yêu cầu các cơ quan, đơn vị triển khai thực hiện có hiệu quả Kế hoạch này.

#: thang_hanh_dong
thang_hanh_dong:
  #: thang_hanh_dong.tu
  tu: {nam}-11-15
  #: thang_hanh_dong.den
  den: {nam}-12-15

"""
    + SIGNATURE_BLOCK
)
