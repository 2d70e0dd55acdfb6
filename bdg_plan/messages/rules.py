"""What validate says about a plan: the model's errors and the domain rules."""

from __future__ import annotations

# --- The plan model: pydantic's errors in Vietnamese (model.py, validate.py) ------------------
MISSING_FIELD = "Thiếu mục bắt buộc '{field}'."
UNKNOWN_KEY = "Khóa '{key}' không có trong mẫu kế hoạch."
DID_YOU_MEAN = " Có phải ý bạn là '{suggestion}'?"
EXPECTED_TEXT = "Cần một đoạn chữ."
EXPECTED_TEXT_NOT_NUMBER = (
    "Cần một đoạn chữ, nhưng giá trị được đọc là một số. Nếu muốn ghi số, hãy đặt trong dấu nháy, "
    "ví dụ '2023'."
)
EXPECTED_INT = "Cần một số nguyên."
EXPECTED_LIST = "Cần một danh sách (mỗi mục một dòng bắt đầu bằng '- ')."
EXPECTED_MAPPING = "Cần một bảng các khóa (dạng 'khoa: gia_tri')."
EXPECTED_DATE = "Ngày không hợp lệ: cần dạng NĂM-THÁNG-NGÀY, ví dụ 2023-03-06."
EXPECTED_CHOICE = "Giá trị không hợp lệ; chỉ nhận: {choices}."
NUMBER_TOO_SMALL = "Số phải lớn hơn hoặc bằng {limit}."
NUMBER_TOO_LARGE = "Số phải nhỏ hơn hoặc bằng {limit}."
EMPTY_TEXT = "Nội dung đang để trống. Hãy viết nội dung hoặc xóa khóa này."
EMPTY_LIST = "Danh sách đang trống."
INVALID_VALUE = "Giá trị không hợp lệ."
#: Where content named by a key belongs, for a key written where it does not belong.
KEY_GOES = {
    "phan": (
        " Phần ('phan') chỉ đặt ở cấp ngoài cùng của 'than_van_ban': - phan: Phần thứ nhất / ten: ... / "
        "noi_dung: [...]."
    ),
    "muc": " Mục ('muc') đặt trong danh sách 'than_van_ban' hoặc 'noi_dung' của một phần.",
    "khoan": " Khoản ('khoan') đặt trong danh sách 'noi_dung' của một mục, hoặc trong 'than_van_ban'.",
    "tieu_khoan": " Tiểu khoản ('tieu_khoan') đặt trong danh sách 'noi_dung' của một khoản.",
    "diem": " Điểm ('diem') đặt trong danh sách 'noi_dung' của một khoản.",
    "phu_luc": (
        " Phụ lục ('phu_luc') là khóa ở cấp ngoài cùng của tệp (cùng cấp với 'nguoi_ky'), in sau phần ký."
    ),
    "bang": (
        " Bảng ('bang') là một dòng trong danh sách 'than_van_ban', 'noi_dung' của một mục hoặc của một "
        "phụ lục: - bang: {cot: [...], dong: [...]}."
    ),
    "cot": " 'cot' (các cột) đặt trong 'bang'.",
    "dong": " 'dong' (các dòng) đặt trong 'bang'.",
    "csv": " 'csv' (tệp chứa các dòng) đặt trong 'bang'.",
    "cac_hoat_dong": (
        " Danh sách hoạt động ('cac_hoat_dong') là một dòng trong 'than_van_ban', trong 'noi_dung' của "
        "một mục hoặc của một phụ lục."
    ),
    "hoat_dong": " Các hoạt động ('hoat_dong') đặt trong 'cac_hoat_dong' hoặc trong một 'nhom' của nó.",
    "chi_tieu": (
        " Chỉ tiêu là một mục: trong 'than_van_ban' ghi - muc: Chỉ tiêu (các chỉ tiêu là các khoản), hoặc "
        "dùng 'muc_them' với ten: Chỉ tiêu."
    ),
    "than_van_ban": " 'than_van_ban' là khóa ở cấp ngoài cùng của tệp (thay cho muc_dich, noi_dung...).",
}

# --- Header, dates and signer (validate.py, validate_header.py) -------------------------------
DATE_FORMAT = "Ngày ban hành cần dạng NĂM-THÁNG-NGÀY (2023-03-06) hoặc NĂM-THÁNG (2023-03) khi để trống ngày."
DATE_IMPOSSIBLE = "Ngày {value} không có thật."
#: A date typed day first ("31/02/2025", "06.03.2023"): both of its faults said at once.
DATE_DAY_FIRST = "Ngày cần viết dạng NĂM-THÁNG-NGÀY: '{value}' hãy viết là {iso}."
DATE_DAY_FIRST_IMPOSSIBLE = (
    "Ngày '{value}' không có thật ({reason}), và ngày cần viết dạng NĂM-THÁNG-NGÀY, ví dụ {example}."
)
DATE_NO_SUCH_MONTH = "không có tháng {month}"
DATE_MONTH_DAYS = "tháng {month} năm {year} chỉ có {days} ngày"
DATE_NO_DAY_ZERO = "không có ngày 0"
DATE_NO_YEAR_ZERO = "không có năm 0"
SO_NOT_POSITIVE = "Số văn bản phải là số nguyên dương (1, 2, 3...), hoặc để trống."
KY_HIEU_FORMAT = (
    "Ký hiệu '{value}' sai dạng. Ký hiệu gồm chữ viết tắt tên loại và tên cơ quan, nối bằng "
    "dấu '-' không có dấu cách, ví dụ 'KH-UBND'."
)
KY_HIEU_NOT_KH = (
    "Ký hiệu của {family} thường bắt đầu bằng '{abbreviation}-' (viết tắt '{name}'), ở đây là '{value}'."
)
KY_HIEU_OTHER_FAMILY = (
    "Ký hiệu '{value}' là của một {other} ('{other_abbreviation}'), nhưng tên loại là '{name}' "
    "('ten_loai'). Hãy sửa ký hiệu thành '{abbreviation}-...' hoặc sửa 'ten_loai' thành '{other}'."
)
YEAR_MISMATCH = "Ngày ban hành thuộc năm {date_year} nhưng kế hoạch là năm {plan_year}."
CAN_CU_AFTER_PLAN = "Văn bản căn cứ ghi ngày {cited}, sau ngày ban hành kế hoạch ({plan})."
CAN_CU_NOT_RECOGNISED = (
    "Không nhận ra văn bản nào trong đoạn căn cứ này (loại, số ký hiệu, ngày): đoạn vẫn được in nguyên "
    "văn, nhưng bdg-plan không kiểm tra được ngày. Căn cứ thường viết dạng 'Căn cứ Kế hoạch số "
    "25/KH-UBND ngày 14/01/2025 của UBND tỉnh ...;'."
)
CAN_CU_DATE_IMPOSSIBLE = "Ngày {value} trong đoạn căn cứ không có thật; hãy kiểm tra lại."
SIGNER_KT_NEEDS = "Người ký '{prefix}' cần ghi chức danh thủ trưởng ('thu_truong', ví dụ 'Chủ tịch')."
SIGNER_NEEDS_TITLE = "Người ký cần ghi chức vụ ('chuc_vu', ví dụ 'Phó Chủ tịch')."
SIGNER_TM_NEEDS = "Ký thay mặt (TM.) cần ghi tên tập thể ('thay_mat', ví dụ 'Ủy ban nhân dân')."
JOINT_SIGNER_WITHOUT_BODY = (
    "Có người ký thứ hai ('nguoi_ky_lien_tich') nhưng chưa có cơ quan thứ hai ('co_quan_lien_tich'). "
    "Kế hoạch liên tịch ghi tên cả hai cơ quan ở phần đầu: hãy thêm 'co_quan_lien_tich' (ví dụ "
    "'ten: Hội Liên hiệp Phụ nữ xã ...'), hoặc xóa 'nguoi_ky_lien_tich' nếu chỉ một cơ quan ban hành."
)
JOINT_BODY_WITHOUT_SIGNER = (
    "Có cơ quan thứ hai ('co_quan_lien_tich') nhưng chưa có người ký của cơ quan đó "
    "('nguoi_ky_lien_tich'). Kế hoạch liên tịch có hai khối chữ ký: hãy thêm 'nguoi_ky_lien_tich', "
    "hoặc xóa 'co_quan_lien_tich' nếu chỉ một cơ quan ban hành."
)
JOINT_AS_LIST = (
    "Cần một bảng các khóa, không phải danh sách. Kế hoạch liên tịch (hai cơ quan): ghi cơ quan thứ hai ở "
    "'co_quan_lien_tich' và người ký thứ hai ở 'nguoi_ky_lien_tich'."
)
KY_HIEU_JOINT = (
    "Kế hoạch liên tịch: ký hiệu thường ghi chữ viết tắt tên cả hai cơ quan, ví dụ '{example}'; ở đây "
    "là '{value}'."
)
ACTION_MONTH_NEEDS_DATES = (
    "Kế hoạch Tháng hành động ('loai_ke_hoach: thang_hanh_dong') cần thời gian Tháng hành động: "
    "thêm 'thang_hanh_dong' với 'tu' và 'den', ví dụ tu: {year}-11-15, den: {year}-12-15."
)
ACTION_MONTH_NEEDS_THEME = (
    "Kế hoạch Tháng hành động chưa có chủ đề ('chu_de'): hãy ghi chủ đề năm nay theo hướng dẫn của cấp trên."
)
PRINTS_ONLY_IN_ACTION_MONTH = (
    "'{key}' chỉ in trong kế hoạch Tháng hành động ('loai_ke_hoach: thang_hanh_dong'); kế hoạch năm "
    "không in trường này. Hãy xóa nó, hoặc đổi loại kế hoạch."
)
PRINTS_ONLY_IN_SHORT_FORM = (
    "'{key}' không in khi thân văn bản viết tự do ('than_van_ban'): mục 'Chủ đề, thông điệp và thời "
    "gian' chỉ được dựng với các khóa muc_dich, noi_dung... Hãy viết chủ đề, thông điệp ngay trong "
    "'than_van_ban'."
)
NO_RECIPIENTS = "Chưa có nơi nhận nào. Hãy liệt kê các cơ quan nhận kế hoạch."
ACTION_MONTH_OUTSIDE = "Tháng hành động ({start} - {end}) phải nằm trong năm kế hoạch {year}."
ACTION_MONTH_ORDER = "Ngày bắt đầu Tháng hành động phải trước ngày kết thúc."
DISTRICT_SUPERIOR_AFTER_REFORM = (
    "Từ ngày 01/7/2025 không còn cấp huyện: kế hoạch ban hành {date} không được ghi cơ quan "
    "chủ quản '{value}'. Hãy xóa dòng 'cap_tren'."
)
DISTRICT_REFERENCE_AFTER_REFORM = (
    "Từ ngày 01/7/2025 không còn cấp huyện: '{value}' nhắc đến cơ quan cấp huyện. Hãy kiểm tra lại "
    "(văn bản cũ vẫn được trích dẫn, nhưng nơi nhận và cơ quan chỉ đạo nay thuộc cấp tỉnh)."
)
OLD_ANNUAL_PLAN = (
    "Căn cứ là kế hoạch của năm {cited_year}, trước năm kế hoạch {plan_year}: nếu cấp trên đã có "
    "văn bản cho năm {plan_year}, hãy thay căn cứ này."
)
UNFILLED_MARKER = "Chỗ này chưa điền: '{marker}'. Hãy xóa cả cụm '<<...>>' và viết nội dung thật vào đó."

# --- The body: outline, bullets, tables, annexes (validate.py, outline_rules.py) --------------
OUTLINE_ITEM = (
    "Mỗi dòng ở đây là một đoạn văn (một câu), hoặc một khối bắt đầu bằng một trong các khóa: "
    "phan, muc, khoan, tieu_khoan, diem, y, bang, cac_hoat_dong, doan."
)
OUTLINE_MIXED = (
    "Thân văn bản đã viết bằng 'than_van_ban' nên không dùng thêm '{key}' (nội dung này sẽ không được "
    "in). Hãy chuyển nó vào 'than_van_ban', ví dụ thành một mục '- muc: ...'."
)
OUTLINE_MISPLACED = "{what} không đặt được trong {parent}.{where}"
OUTLINE_LEVEL_NAMES = {
    "phan": "Phần",
    "muc": "Mục",
    "khoan": "Khoản",
    "tieu_khoan": "Tiểu khoản",
    "diem": "Điểm",
    "root": "thân văn bản",
    "annex": "phụ lục",
}
POINTS_AND_SUBITEMS = (
    "Một khoản chỉ dùng một cách đánh số cho các cấp con: điểm a), b) ('diem') hoặc tiểu khoản "
    "1.1., 1.2. ('tieu_khoan'), không dùng cả hai."
)
TABLE_UNKNOWN_COLUMN = "Bảng không có cột '{key}'. Các cột của bảng: {columns}."
TABLE_NO_COLUMNS = "Bảng chưa có cột nào: hãy ghi 'cot' (các cột) hoặc 'csv' (tệp có dòng tên cột)."
TABLE_TOO_MANY_COLUMNS = (
    "Bảng có {count} cột, quá giới hạn {limit} cột (bảng trong kế hoạch thường dưới 15 cột). Hãy tách "
    "thành nhiều bảng, hoặc gộp bớt cột."
)
TABLE_ROWS_AND_CSV = "Bảng ghi cả 'dong' và 'csv'; hãy chọn một trong hai."
CSV_NO_FOLDER = (
    "Bảng lấy dòng từ tệp CSV, nhưng kế hoạch không được đọc từ một tệp trên đĩa nên không biết tìm tệp "
    "CSV ở đâu. Hãy kiểm tra tệp kế hoạch bằng: bdg-plan validate TỆP."
)
CSV_OUTSIDE = (
    "Tệp CSV '{file}' phải nằm trong thư mục của tệp kế hoạch (hoặc thư mục con). Hãy chép tệp vào cạnh "
    "tệp kế hoạch và chỉ ghi tên tệp."
)
CSV_UNREADABLE = "Không đọc được tệp CSV '{file}': {reason}"
CSV_NO_HEADER = "Tệp CSV chưa có dòng tên cột: dòng đầu tiên phải ghi tên các cột, ví dụ 'Nội dung;Chủ trì'."
CSV_TOO_MANY_CELLS = (
    "Dòng {line} có {count} ô nhưng dòng tên cột chỉ có {columns} cột. Kiểm tra dấu phẩy hoặc dấu chấm phẩy "
    'trong nội dung (đặt nội dung đó trong dấu nháy kép "...").'
)
TABLE_GROUP_COLUMN = "'nhom' dùng cho dòng nhóm; dòng nhóm chỉ ghi 'nhom: tên nhóm', không ghi thêm cột khác."
ANNEX_NOT_MENTIONED = (
    "Thân văn bản chưa nhắc đến {label} ('{title}'). Văn bản phải dẫn chiếu phụ lục (Phụ lục I Nghị "
    "định 30, Mục III.1), ví dụ '(chi tiết tại {label} kèm theo)'."
)
BULLET_IS_LIST = (
    "Ý này là một danh sách lồng nhau, thường do gõ thêm dấu '-' ở đầu ý ('- - ...'). "
    "Hãy xóa dấu '-' thừa: bdg-plan tự thêm dấu gạch đầu dòng."
)
LEADING_DASH = "Không cần gõ '{mark}' ở đầu ý: bdg-plan tự thêm dấu gạch đầu dòng."
TYPED_NUMBER = "Không cần gõ số thứ tự '{mark}': bdg-plan tự đánh số các mục."
