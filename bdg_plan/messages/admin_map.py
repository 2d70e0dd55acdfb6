"""What the 2025 administrative map says: validate's map rules and new-year across the reform.

`bdg_plan.rules.admin_map` (validate, plans dated from 01/7/2025), `bdg_plan.commands.reform` (new-year from a
plan dated before that day to one after it) and `bdg_plan.rules.review_marks` (the `# CẦN XEM LẠI`
comments validate reports).
"""

from __future__ import annotations

# --- validate, from 01/7/2025 ---------------------------------------------------------------
MAP_PROVINCE_MISSING = (
    "Kế hoạch ban hành từ ngày 01/7/2025 cần ghi tỉnh (thành phố) của cơ quan ban hành ở "
    "'co_quan.tinh', ví dụ 'tinh: Lạng Sơn', để kiểm tra tên xã, phường theo đơn vị hành chính mới."
)
MAP_PROVINCE_UNKNOWN = "Không có tỉnh, thành phố '{value}' trong 34 tỉnh, thành phố từ ngày 01/7/2025."
MAP_PROVINCE_MERGED = "{old} không còn từ ngày 01/7/2025: đã hợp nhất vào {new}. Hãy ghi 'tinh: {name}'."
MAP_UNIT_WORD = (
    "'{given}': {name} của {province} là {kind}, không phải {given_kind}. Hãy ghi '{kind} {name}'."
)
MAP_COMMUNE_MERGED = "'{given}'{district} không còn từ ngày 01/7/2025: đã nhập vào {new} ({province})."
MAP_COMMUNE_SPLIT = (
    "'{given}'{district} không còn từ ngày 01/7/2025: đã chia vào {new} ({province}). Hãy chọn đơn vị đúng."
)
MAP_COMMUNE_SEVERAL = "'{given}' không còn từ ngày 01/7/2025; trước đây có nhiều {given} trong tỉnh: {cases}."
MAP_COMMUNE_CASE = "{old} của {district} nay thuộc {new}"
MAP_COMMUNE_UNKNOWN = "Không có '{given}' trong {province} (theo đơn vị hành chính từ ngày 01/7/2025)."
MAP_COMMUNE_OLD_DISTRICT = (
    "{old} của {district} (cũ) đã nhập vào {new} từ ngày 01/7/2025; '{given}' hiện nay là đơn vị khác "
    "({other}). Hãy kiểm tra tên cơ quan ban hành."
)
MAP_PLACE_MISMATCH = (
    "Địa danh '{value}' không khớp với cơ quan ban hành '{commune}': địa danh ghi tên xã, phường, "
    "ví dụ '{expected}'."
)
PLACE_NEEDS_UNIT_WORD = (
    "Địa danh '{value}': đơn vị mang tên người, tên số hoặc sự kiện lịch sử thì ghi đủ cả chữ chỉ đơn vị, "
    "viết hoa: '{expected}, ngày ...' (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II.4)."
)
MAP_PLACE_UNIT_WORD = "Địa danh '{value}' ghi chữ '{given_kind}' nhưng cơ quan ban hành là {kind} {name}."
#: How an old district is named in the messages above: " (huyện Cao Lộc)".
MAP_OF_DISTRICT = " ({district})"
REVIEW_COMMENT_DONE = (
    "Đã sửa giá trị bên dưới dòng ghi chú 'CẦN XEM LẠI' này, nên mục này coi như xong (không tính là "
    "cảnh báo); có thể xóa dòng ghi chú: {reason}"
)
REVIEW_COMMENT_LEFT = "Còn ghi chú 'CẦN XEM LẠI' (xem xong thì xóa dòng ghi chú này): {reason}"

# --- new-year across the reform -------------------------------------------------------------
REFORM_SOURCE = (
    "bảng đơn vị hành chính 2025 của bdg-plan, lập từ vietnam-provinces {vp} và vietnamadminunits {va}"
)
REFORM_PROVINCE_FILLED = "Đã ghi 'tinh: {province}', suy ra từ {how} (nguồn: {source}). Hãy kiểm tra."
REFORM_HOW_DISTRICT = "{commune} thuộc {district} cũ ({where})"
REFORM_HOW_PROVINCE = "{commune} của {province} cũ ({where})"
REFORM_HOW_UNIQUE = "{commune}: cả nước trước 01/7/2025 chỉ có một {commune}, thuộc {district}, {province}"
REFORM_PROVINCE_UNKNOWN = (
    "Không suy ra được tỉnh của {commune}: {reason}. Hãy ghi 'tinh:' (tỉnh, thành phố từ 01/7/2025) "
    "trong co_quan và sửa tên cơ quan, địa danh theo đơn vị hành chính mới."
)
REFORM_REASON_NONE = "không tìm thấy {commune} cũ nào"
REFORM_REASON_SEVERAL = (
    "trước 01/7/2025 có {count} {commune} ({places}); hãy ghi tên huyện cũ ở căn cứ hoặc chọn tỉnh"
)
REFORM_RENAMED = (
    "{old}{district} đã nhập vào {new} ({province}) từ ngày 01/7/2025 (nguồn: {source}). Đã đổi tên "
    "cơ quan, địa danh và tên xã trong nội dung; hãy kiểm tra."
)
REFORM_UNIT_CHANGED = (
    "{old}{district} nay là {new} ({province}) từ ngày 01/7/2025 (nguồn: {source}). Đã đổi chữ "
    "'{old_kind}' thành '{new_kind}' trong tên cơ quan, địa danh, tên gọi tắt và nội dung; hãy kiểm tra."
)
REFORM_SPLIT = (
    "{old}{district} đã được chia vào nhiều đơn vị từ ngày 01/7/2025: {candidates} ({province}; nguồn: "
    "{source}). Hãy chọn đơn vị đúng rồi sửa tên cơ quan và địa danh."
)
REFORM_LABOUR_PROVINCE = (
    "'{excerpt}': từ 01/3/2025 công tác bình đẳng giới chuyển từ ngành Lao động - Thương binh và Xã hội "
    "sang ngành Nội vụ; nay là {counterpart}. Hãy sửa cho phù hợp."
)
REFORM_LABOUR_DISTRICT = (
    "'{excerpt}': phòng Lao động - Thương binh và Xã hội cấp huyện không còn (bỏ cấp huyện từ 01/7/2025; "
    "bình đẳng giới chuyển sang ngành Nội vụ từ 01/3/2025). Nay là Phòng Văn hóa - Xã hội của "
    "UBND {kind} (cấp xã) hoặc Sở Nội vụ (cấp tỉnh). Hãy sửa cho phù hợp."
)
REFORM_SUPERIOR = (
    "Cơ quan chủ quản '{value}' là cấp huyện, không còn từ ngày 01/7/2025: UBND {kind} trực thuộc "
    "UBND {province}. Hãy xóa dòng 'cap_tren' (UBND xã, phường thường không ghi)."
)
REFORM_OLD_CITY = (
    "'{value}' là đơn vị cấp huyện cũ, không còn từ ngày 01/7/2025: hãy sửa cho phù hợp (cấp xã, cấp tỉnh)."
)
REFORM_UNIT_WORDS = (
    "Kế hoạch còn {count} chữ chỉ nơi ở trong {old_kind} ({words}; các dòng {lines}): {new_kind} "
    "thường chia thành tổ dân phố, khu phố thay vì thôn, bản. Hãy sửa theo tên gọi của {new_kind} "
    "(mục này chỉ nhắc một lần)."
)
REFORM_SIGNER = "Người ký là người của {old} trước khi sắp xếp: hãy ghi họ tên, chức vụ người ký của {new}."
REFORM_COMMENT = "Ghi chú dưới đây còn nhắc {things} (trước 01/7/2025): hãy sửa hoặc xóa."
REFORM_COMMENT_YEAR = "năm {year}"

# --- communes ---------------------------------------------------------------------------------
MAP_BATCH_COMMUNE_UNKNOWN = "{tinh} không có xã, phường '{xa}' (theo đơn vị hành chính từ 01/7/2025)."
#: The list of a dry run, which is not written: its name says so and ends like the file it would be.
BATCH_MAP_SOURCE_NAME = "(chạy thử, không ghi ra tệp) {file}"
#: The list a --tinh batch writes into its output folder (`{tinh}`: the province as an ASCII slug).
BATCH_MAP_LIST_FILE = "danh-sach-xa-phuong-{tinh}.csv"
BATCH_LIST_OR_PROVINCE = (
    "Cần một trong hai: tệp danh sách xã, phường (DANH_SÁCH.csv) hoặc --tinh TÊN_TỈNH, không cả hai."
)
BATCH_MAP_SIGNER_HINT = "họ tên người ký"
BATCH_XA_NEEDS_TINH = "--xa chỉ dùng cùng --tinh: chọn xã, phường trong danh sách của tỉnh."
HELP_BATCH_TINH = (
    "Lấy danh sách xã, phường của tỉnh này theo đơn vị hành chính từ 01/7/2025, không cần tệp danh sách."
)
HELP_BATCH_XA = (
    'Cùng --tinh: chỉ tạo cho xã, phường này (ghi nhiều lần cho nhiều xã), ví dụ --xa "Đồng Đăng".'
)
HELP_COMMUNES_TINH = 'Tỉnh, thành phố (theo đơn vị hành chính từ 01/7/2025), ví dụ "Lạng Sơn".'
HELP_COMMUNES_OUTPUT = "Ghi danh sách vào tệp CSV này (mở bằng Excel). Mặc định: in ra màn hình."
HELP_COMMUNES_FORCE = "Ghi đè tệp đã có."
COMMUNES_WRITTEN = (
    "Đã ghi {count} xã, phường của {tinh} vào {file}. Điền cột 'Người ký' rồi dùng tệp này cho lệnh batch."
)
