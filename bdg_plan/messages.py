"""Every Vietnamese message text a clerk can see, in one place.

Messages use `str.format` fields. Keeping them here keeps wording and Decree 30 terms consistent
across the loader, the validator, the writer and the CLI.
"""

from __future__ import annotations

# --- Reading the file -------------------------------------------------------------------------
INPUT_MISSING = "Không tìm thấy tệp '{file}'. Hãy kiểm tra lại tên và thư mục."
INPUT_IS_DIR = "'{file}' là một thư mục, không phải tệp. Hãy chỉ ra tệp .yaml cần dùng."
INPUT_UNREADABLE = "Không có quyền đọc tệp '{file}'."
INPUT_OS_ERROR = "Không đọc được tệp '{file}': {reason}."
INPUT_TOO_LARGE = "Tệp '{file}' quá lớn (giới hạn {limit} KB). Tệp kế hoạch thường chỉ vài chục KB."
INPUT_NOT_REGULAR = (
    "'{file}' không phải là một tệp thông thường (thiết bị, ổ cắm...). Hãy chỉ ra tệp .yaml cần dùng."
)
INPUT_TOO_LARGE_P = "Tệp quá lớn (giới hạn {limit} KB). Tệp kế hoạch thường chỉ vài chục KB."
ENCODING_BAD_UTF16 = (
    "Tệp UTF-16 có một ký tự hỏng ở đây (nửa cặp mã thay thế, surrogate). Hãy xóa ký tự đó, "
    "hoặc mở tệp bằng Notepad và Lưu thành (Save As) với mã hóa 'UTF-8'."
)
ENCODING_NOT_UTF8 = (
    "Tệp không phải văn bản Unicode UTF-8 (có thể gõ bằng bảng mã TCVN3, VNI hoặc Windows-1258). "
    "Hãy mở tệp bằng Notepad, chọn Lưu thành (Save As), mã hóa 'UTF-8', rồi chạy lại."
)
ENCODING_UTF16_NO_BOM = (
    "Tệp có vẻ là UTF-16 nhưng thiếu dấu BOM ở đầu tệp. Hãy mở bằng Notepad và lưu lại với mã hóa 'UTF-8'."
)
ENCODING_NUL = "Tệp chứa ký tự NUL (tệp nhị phân hoặc bị hỏng), không phải tệp văn bản YAML."
EMPTY_FILE = "Tệp trống: chưa có nội dung kế hoạch nào."

# --- YAML syntax ------------------------------------------------------------------------------
YAML_SYNTAX_GENERIC = "Lỗi cú pháp YAML"
YAML_HINTS = {
    "found character '\\t' that cannot start any token": ("Có ký tự Tab: YAML chỉ cho thụt lề bằng dấu cách"),
    "found character that cannot start any token": "Có ký tự không được phép ở đầu giá trị",
    "mapping values are not allowed here": (
        "Có dấu ':' không đúng chỗ: dòng này thụt lề sai, hoặc nội dung có dấu ':' (khi đó hãy "
        "đặt cả câu trong dấu nháy kép)"
    ),
    "could not find expected ':'": "Thiếu dấu ':' sau tên khóa",
    "expected <block end>, but found": "Thụt lề không thẳng hàng với các dòng cùng cấp",
    "found unexpected end of stream": "Tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng)",
    "found undefined alias": "Dùng bí danh (*) chưa được định nghĩa",
    "did not find expected key": "Thụt lề sai hoặc thiếu dấu '-' ở đầu mục",
    "found unknown escape character": "Dấu '\\' trong chuỗi nháy kép không hợp lệ",
    "expected ',' or ']', but got": "Danh sách trong ngoặc vuông chưa đóng đúng",
    "expected ',' or '}', but got": "Bảng trong ngoặc nhọn chưa đóng đúng",
}
YAML_OPENED_AT = "; phần này bắt đầu ở dòng {line}, cột {column}"
YAML_STOPPED_AT = "; trình đọc YAML dừng ở dòng {line}, cột {column}"
TAB_IN_VALUE = "Có ký tự Tab giữa giá trị: hãy thay Tab bằng dấu cách, hoặc đặt cả giá trị trong dấu nháy kép"
TAB_AFTER_MARK = "Có ký tự Tab sau dấu ':' hoặc '-': YAML chỉ cho dùng dấu cách ở đó"
UNCLOSED_QUOTE = (
    "Dấu nháy mở ở đây chưa được đóng trên cùng dòng, nên các dòng sau bị nuốt vào giá trị này. "
    "Hãy thêm dấu nháy đóng ở cuối giá trị"
)
CONTROL_CHAR_IN_FILE = "Tệp có ký tự điều khiển không được phép (mã {code})."
TOO_DEEP = "Tệp lồng quá nhiều cấp, không phải một kế hoạch hợp lệ."
ALIAS_LIMIT = (
    "Tệp mở rộng ra quá {limit} phần tử (do dùng bí danh YAML '&'/'*' lồng nhau). "
    "Hãy viết nội dung trực tiếp, không dùng bí danh."
)
ALIAS_CHARS_LIMIT = (
    "Tệp mở rộng ra quá {limit} ký tự (do dùng bí danh YAML '&'/'*' lặp lại một đoạn văn dài). "
    "Hãy viết nội dung trực tiếp, không dùng bí danh."
)
UNSAFE_TAG = "Thẻ YAML '{tag}' không được phép: tệp kế hoạch chỉ chứa chữ, số, danh sách và bảng."
MERGE_KEY = "Khóa gộp '<<' không được hỗ trợ; hãy viết đủ các khóa."
KEY_NOT_TEXT = "Tên khóa phải là chữ."
DUPLICATE_KEY = "Khóa '{key}' bị lặp lại; chỉ được khai báo một lần."
TEXT_TOO_LONG = "Đoạn văn quá dài ({length} ký tự, giới hạn {limit}). Hãy chia thành nhiều đoạn."
CONTROL_CHAR = "Văn bản có ký tự điều khiển {code}, Word không hiển thị được. Hãy xóa ký tự đó."
RESERVED_CHAR = "Văn bản có ký tự đặc biệt U+FFF9-U+FFFB không được phép. Hãy xóa ký tự đó."
HIDDEN_LINE_BREAK = (
    "Dòng này có ký tự {code}: trình soạn thảo không xuống dòng ở đó nhưng YAML coi đó là "
    "xuống dòng, nên phần sau nó (kể cả trong ghi chú '#') bị đọc như một dòng mới. Hãy xóa ký tự đó."
)
INVISIBLE_CHAR = (
    "Văn bản có ký tự vô hình {code} (khoảng trắng độ rộng 0 hoặc ký tự đổi chiều viết), "
    "thường do sao chép từ web. Nên xóa."
)

# --- The model (pydantic errors translated) ---------------------------------------------------
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

# --- The outline, tables and annexes ----------------------------------------------------------
OUTLINE_ITEM = (
    "Mỗi dòng ở đây là một đoạn văn (một câu), hoặc một khối bắt đầu bằng một trong các khóa: "
    "phan, muc, khoan, tieu_khoan, diem, y, bang, cac_hoat_dong, doan."
)
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
TABLE_ROWS_AND_CSV = "Bảng ghi cả 'dong' và 'csv'; hãy chọn một trong hai."
TABLE_GROUP_COLUMN = "'nhom' dùng cho dòng nhóm; dòng nhóm chỉ ghi 'nhom: tên nhóm', không ghi thêm cột khác."
ANNEX_NOT_MENTIONED = (
    "Thân văn bản chưa nhắc đến {label} ('{title}'). Văn bản phải dẫn chiếu phụ lục (Phụ lục I Nghị "
    "định 30, Mục III.1), ví dụ '(chi tiết tại {label} kèm theo)'."
)

# --- Templates and output --------------------------------------------------------------------
TEMPLATE_MISSING = "Không tìm thấy mẫu văn bản '{name}' (trong thư mục --templates hoặc bộ mẫu có sẵn)."
TEMPLATE_FAILED = "Mẫu văn bản '{name}', dòng {line}: {reason}"
TEMPLATE_BLOCKED = "bị chặn vì lý do an toàn ({reason})"
TEMPLATE_UNDEFINED = "biến chưa định nghĩa ({reason})"
OUTPUT_EXISTS = (
    "Tệp '{file}' đã có. bdg-plan không ghi đè để tránh mất bản đã sửa; "
    "hãy chọn tên khác bằng -o hoặc thêm --force để ghi đè."
)
OUTPUT_LOCKED = "Tệp '{file}' đang mở trong Word hoặc LibreOffice. Hãy đóng tệp đó rồi chạy lại."
OUTPUT_DIR_MISSING = "Thư mục '{folder}' không tồn tại. Hãy tạo thư mục hoặc chọn nơi lưu khác."
OUTPUT_NOT_WRITABLE = "Không ghi được vào '{folder}' (không có quyền ghi hoặc ổ đĩa chỉ đọc)."
OUTPUT_FAILED = "Không ghi được tệp '{file}': {reason}."
OUTPUT_IS_DIR = "'{file}' là một thư mục; hãy ghi rõ tên tệp .docx cần tạo."
OUTPUT_NOT_REGULAR = (
    "'{file}' không phải là một tệp thông thường (thiết bị, ống dẫn...). bdg-plan không ghi vào đó, "
    "kể cả khi có --force; hãy chọn tên tệp khác bằng -o."
)
RENDERED = "Đã tạo văn bản: {file}"

# render --watch
WATCH_STARTED = "Đang theo dõi '{file}': mỗi lần lưu tệp, văn bản được tạo lại. Bấm Ctrl+C để dừng."
WATCH_RENDERED = "[{time}] Đã tạo văn bản: {file}"
WATCH_PDF_RENDERED = "[{time}] Đã tạo bản PDF: {file}"
WATCH_INVALID = "[{time}] Tệp kế hoạch còn lỗi, văn bản tạo lần trước được giữ nguyên. Sửa rồi lưu lại."
WATCH_FAILED = "[{time}] {message}"
WATCH_STOPPED = "Đã dừng theo dõi."
WATCH_CANNOT_WATCH = "Không theo dõi được thư mục '{folder}' để biết khi nào tệp kế hoạch được lưu."

# --- Domain rules -----------------------------------------------------------------------------
DATE_FORMAT = "Ngày ban hành cần dạng NĂM-THÁNG-NGÀY (2023-03-06) hoặc NĂM-THÁNG (2023-03) khi để trống ngày."
DATE_IMPOSSIBLE = "Ngày {value} không có thật."
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
BULLET_IS_LIST = (
    "Ý này là một danh sách lồng nhau, thường do gõ thêm dấu '-' ở đầu ý ('- - ...'). "
    "Hãy xóa dấu '-' thừa: bdg-plan tự thêm dấu gạch đầu dòng."
)
LEADING_DASH = "Không cần gõ '{mark}' ở đầu ý: bdg-plan tự thêm dấu gạch đầu dòng."
TYPED_NUMBER = "Không cần gõ số thứ tự '{mark}': bdg-plan tự đánh số các mục."

# --- new-year ---
OLD_ANNUAL_PLAN = (
    "Căn cứ là kế hoạch của năm {cited_year}, trước năm kế hoạch {plan_year}: nếu cấp trên đã có "
    "văn bản cho năm {plan_year}, hãy thay căn cứ này."
)
NEW_YEAR_REVIEW_MARKER = "CẦN XEM LẠI:"
NEW_YEAR_BEFORE_PLAN = (
    "Năm mới ({year}) không được trước năm của kế hoạch gốc ({plan_year}). Hãy kiểm tra --nam."
)
NEW_YEAR_SAME_FILE = (
    "Tệp kết quả '{file}' chính là tệp kế hoạch gốc; bdg-plan không sửa tệp gốc. Hãy chọn tên khác bằng -o."
)
NEW_YEAR_BROKEN_OUTPUT = (
    "Lỗi chương trình: tệp kế hoạch năm {year} tạo ra không đọc lại được nên chưa được ghi. "
    "Xin gửi tệp kế hoạch gốc cho bộ phận hỗ trợ."
)
NEW_YEAR_INVALID_INPUT = "Tệp kế hoạch gốc có lỗi (xem trên). Hãy sửa rồi chạy lại bdg-plan new-year."
NEW_YEAR_CHECK_COMMUNE = (
    "Kế hoạch mới ban hành sau ngày 01/7/2025 (sắp xếp lại đơn vị hành chính, nhiều xã đã sáp nhập "
    "và đổi tên): kiểm tra tên cơ quan '{value}' và địa danh."
)
NEW_YEAR_DISTRICT_TEXT = (
    "Từ ngày 01/7/2025 không còn cấp huyện, nhưng nội dung còn nhắc '{excerpt}'. Hãy sửa cho phù "
    "hợp (cấp xã, cấp tỉnh)."
)
NEW_YEAR_PERIOD_ENDED = (
    "Giai đoạn {period} đã kết thúc trước năm {year}: kiểm tra chương trình, văn bản của giai đoạn mới."
)
NEW_YEAR_OLD_YEAR_KEPT = (
    "Còn nhắc năm {old_year} ('{excerpt}'): bdg-plan giữ nguyên vì đây có thể là ngày hoặc năm của "
    "văn bản được trích dẫn. Nếu là năm kế hoạch, hãy sửa thành {new_year}."
)
NEW_YEAR_TITLE = "Kế hoạch năm {old_year} -> năm {new_year}: {source} -> {target}"
NEW_YEAR_CHANGES_TITLE = "Các thay đổi (số dòng theo tệp mới)"
NEW_YEAR_COLUMN_PATH = "Khóa YAML"
NEW_YEAR_COLUMN_LINE = "Dòng"
NEW_YEAR_COLUMN_OLD = "Cũ"
NEW_YEAR_COLUMN_NEW = "Mới"
NEW_YEAR_ADDED_LINE = "(dòng mới)"
NEW_YEAR_NO_CHANGES = "Không có gì thay đổi: tệp mới giống hệt tệp gốc."
NEW_YEAR_REVIEWS_TITLE = "Cần người xem lại ({count} mục):"
NEW_YEAR_NO_REVIEWS = "Không có mục nào cần xem lại."
NEW_YEAR_WRITTEN = "Đã ghi kế hoạch năm {year}: {file}"
NEW_YEAR_DRY_RUN = "Chạy thử (--dry-run): chưa ghi tệp nào."
NEW_YEAR_DRY_RUN_EXISTS = "Lưu ý: tệp '{file}' đã có; khi chạy thật cần thêm --force để ghi đè."

# --- init, schema, pdf ---
# The words typer and click print in English on help screens and usage errors.
CLI_USAGE = "Cách dùng: "
CLI_OPTIONS_METAVAR = "[TÙY CHỌN]"
CLI_SUBCOMMAND_METAVAR = "LỆNH [THAM SỐ]..."
CLI_HEADINGS = {"Options": "Tùy chọn", "Arguments": "Tham số", "Commands": "Các lệnh"}
CLI_HELP_OPTION = "Hiện hướng dẫn này rồi thoát."
CLI_REQUIRED = "bắt buộc"
CLI_DEFAULT = "mặc định: {value}"
CLI_ENV_VAR = "biến môi trường: {value}"
#: Value kinds typer shows after an option or argument, e.g. "<path>".
CLI_TYPE_LABELS = {
    "path": "đường dẫn",
    "file": "tệp",
    "directory": "thư mục",
    "int": "số",
    "integer": "số",
    "float": "số",
    "str": "chữ",
    "text": "chữ",
    "bool": "có/không",
    "boolean": "có/không",
}
CLI_TRY_HELP = "Xem hướng dẫn: {command} {option}"
CLI_ERROR = "Lỗi: {message}"
CLI_KINDS = {"argument": "tham số", "option": "tùy chọn", "parameter": "tham số"}
CLI_MISSING = "Thiếu {kind} {name}."
CLI_CHOOSE_FROM = "Chọn một trong: {choices}."
CLI_NO_SUCH_OPTION = "Không có tùy chọn {name}."
CLI_POSSIBLE_OPTIONS = " Có phải ý bạn là: {options}?"
CLI_NO_SUCH_COMMAND = "Không có lệnh '{name}'."
CLI_DID_YOU_MEAN = " Có phải ý bạn là {suggestions}?"
CLI_MISSING_COMMAND = "Thiếu tên lệnh, ví dụ: bdg-plan render ke-hoach.yaml"
CLI_EXTRA_ARGUMENTS = "Thừa tham số: {args}."
CLI_OPTION_NEEDS_VALUE = "Tùy chọn {name} cần một giá trị đi kèm."
CLI_OPTION_NO_VALUE = "Tùy chọn {name} không nhận giá trị."
CLI_BAD_VALUE = "Giá trị không hợp lệ cho {name}: {reason}"
CLI_BAD_VALUE_NO_NAME = "Giá trị không hợp lệ: {reason}"
CLI_NOT_ONE_OF = "'{value}' không phải một trong các giá trị {choices}."
CLI_NOT_INTEGER = "cần một số nguyên."

# bdg-plan init: the starter plan.
#: The marker for text the clerk must write; `validate` warns while one is left.
FILL_IN = "<<ĐIỀN VÀO ĐÂY - {hint}>>"
UNFILLED_MARKER = "Chỗ này chưa điền: '{marker}'. Hãy xóa cả cụm '<<...>>' và viết nội dung thật vào đó."
INIT_EXISTS = (
    "Tệp '{file}' đã có. bdg-plan init không bao giờ ghi đè tệp kế hoạch; hãy đặt tên khác, "
    "ví dụ: bdg-plan init {suggestion}"
)
INIT_IS_DIR = "'{file}' là một thư mục; hãy ghi rõ tên tệp .yaml cần tạo, ví dụ: {suggestion}"
INIT_CREATED = "Đã tạo tệp kế hoạch: {file}"
INIT_MARKERS_LEFT = "Còn {count} chỗ cần điền, đánh dấu bằng <<ĐIỀN VÀO ĐÂY - ...>>."
INIT_NEXT_STEPS = (
    "Bước tiếp theo:\n"
    "  1. Mở tệp bằng Notepad hoặc VS Code, điền các chỗ đánh dấu và sửa nội dung cho phù hợp.\n"
    "  2. Kiểm tra:    bdg-plan validate {file}\n"
    "  3. Tạo văn bản: bdg-plan render {file}"
)

# bdg-plan schema
SCHEMA_WRITTEN = "Đã ghi lược đồ JSON (JSON Schema) của tệp kế hoạch: {file}"

# PDF through LibreOffice
PDF_CONVERTING = "Đang tạo bản PDF bằng LibreOffice (có thể mất vài giây)..."
PDF_CREATED = "Đã tạo bản PDF: {file}"
PDF_NO_LIBREOFFICE = "Chưa tạo được bản PDF vì máy chưa cài LibreOffice (tệp .docx vẫn dùng bình thường)."
PDF_HINT_WINDOWS = (
    "Cách 1: cài LibreOffice miễn phí tại https://www.libreoffice.org/download/ rồi chạy lại lệnh. "
    "Cách 2: mở tệp .docx bằng Word, chọn Tệp > Lưu thành (File > Save As), chọn kiểu PDF."
)
PDF_HINT_DEBIAN = (
    "Hãy cài bằng lệnh: sudo apt install libreoffice-writer-nogui fonts-liberation, rồi chạy lại lệnh."
)
PDF_HINT_MACOS = (
    "Hãy cài LibreOffice tại https://www.libreoffice.org/download/ (hoặc: brew install --cask "
    "libreoffice), rồi chạy lại lệnh."
)
PDF_HINT_OTHER = (
    "Hãy cài LibreOffice (https://www.libreoffice.org/download/ hoặc trình quản lý gói của hệ điều "
    "hành), rồi chạy lại lệnh. Hoặc mở tệp .docx bằng Word và chọn Lưu thành PDF."
)
PDF_TIMEOUT = (
    "LibreOffice chạy quá {seconds} giây mà chưa xong nên đã bị dừng. Hãy đóng các cửa sổ "
    "LibreOffice đang treo rồi chạy lại."
)
PDF_START_FAILED = "Không chạy được LibreOffice ('{program}'): {reason}."
CONVERT_FAILED = "LibreOffice không chuyển được '{file}' sang {kind} (mã thoát {code}). {detail}"
LIBREOFFICE_MISSING = "Máy chưa cài LibreOffice nên chưa chuyển được tệp."
TARGET_IS_DIR = "'{file}' là một thư mục; hãy ghi rõ tên tệp cần tạo."

# --- batch ---
BATCH_BASE_INVALID = (
    "Tệp kế hoạch gốc có lỗi, chưa tạo văn bản cho xã nào. Hãy sửa tệp gốc trước "
    "(kiểm tra bằng: bdg-plan validate {file})."
)
BATCH_COMMUNES_INVALID = "Tệp danh sách xã có lỗi, chưa tạo văn bản cho xã nào."
BATCH_FORMAT_UNKNOWN = (
    "Không nhận ra loại tệp danh sách xã '{file}': cần tệp .csv (bảng tính Excel lưu dạng CSV) "
    "hoặc tệp .yaml."
)
BATCH_NO_COMMUNES = "Tệp danh sách xã chưa có xã nào."
BATCH_NOT_A_LIST = "Tệp danh sách xã cần là một danh sách: mỗi xã một mục bắt đầu bằng '- '."
BATCH_ENTRY_NOT_MAPPING = (
    "Mỗi xã cần là một bảng khóa, ví dụ 'co_quan.ten: Ủy ban nhân dân xã Đồng Đăng' "
    "(mỗi khóa một dòng, thụt lề thẳng hàng)."
)
BATCH_CSV_EMPTY = "Tệp CSV trống: cần một dòng tiêu đề (tên các cột) và mỗi xã một dòng."
BATCH_CSV_SYNTAX = "Tệp CSV sai cú pháp ({reason})."
BATCH_UNKNOWN_HEADER = (
    "Cột '{header}' không phải là khóa của kế hoạch (ví dụ 'nguoi_ky.ho_ten') hay tên cột quen "
    "thuộc (ví dụ 'Người ký')."
)
BATCH_BAD_KEY = (
    "Khóa '{key}' không hợp lệ: khóa là các tên không dấu nối bằng dấu chấm, ví dụ 'nguoi_ky.ho_ten'."
)
BATCH_DUPLICATE_HEADER = "Cột '{header}' trùng khóa '{key}' với cột '{other}'; chỉ giữ một cột."
BATCH_DUPLICATE_KEY = "Khóa '{key}' được đặt hai lần cho cùng một xã."
BATCH_MISSING_COLUMN = "Thiếu cột '{key}' (hoặc '{alias}'): mỗi xã cần {what}."
BATCH_MISSING_KEY = "Thiếu khóa '{key}': mỗi xã cần {what}."
BATCH_EMPTY_CELL = "Ô trống: mỗi xã cần {what}."
BATCH_REQUIRED_WHAT = {
    "co_quan.ten": "tên cơ quan ban hành, ví dụ 'Ủy ban nhân dân xã Đồng Đăng'",
    "co_quan.dia_danh": "địa danh ghi trước ngày tháng, ví dụ 'Đồng Đăng'",
    "nguoi_ky.ho_ten": "họ tên người ký",
}
BATCH_UNNAMED_COLUMN = "Ô này nằm trong cột chưa có tên ở dòng tiêu đề."
BATCH_EXTRA_CELLS = "Dòng này có nhiều ô hơn dòng tiêu đề (ô thứ {column} không có tên cột)."
BATCH_IN_COLUMN = "Cột '{header}': {message}"
BATCH_NOT_A_MAPPING = "Không đặt được '{key}': '{parent}' trong kế hoạch gốc không phải là một bảng khóa."
BATCH_PDF_UNAVAILABLE = (
    "Bản bdg-plan này chưa có chức năng tạo PDF (thiếu mô-đun bdg_plan.pdf). Hãy chạy lại không có "
    "--pdf: các tệp .docx vẫn được tạo bình thường."
)
BATCH_OUTDIR_NOT_DIR = "'{folder}' là một tệp, không phải thư mục. Hãy chọn thư mục khác bằng -o."
BATCH_OUTDIR_FAILED = "Không tạo được thư mục '{folder}': {reason}."
BATCH_INTERNAL_ERROR = "Lỗi nội bộ của bdg-plan ({kind}: {detail}). Xin báo lỗi kèm tệp kế hoạch."
BATCH_WORKER_DIED = (
    "Một tiến trình con dừng đột ngột (có thể do thiếu bộ nhớ). Hãy chạy lại với ít tiến trình hơn, "
    "ví dụ --jobs 1."
)
BATCH_STARTING = "Tạo văn bản cho {count} xã, phường từ '{base}' ({jobs} tiến trình song song)."
BATCH_STARTING_DRY = "Chạy thử: kiểm tra {count} xã, phường, không ghi tệp nào."
BATCH_PROGRESS = "Đang tạo"
BATCH_PROGRESS_DRY = "Đang kiểm tra"
BATCH_RATE = "{rate} văn bản/giây"
BATCH_TABLE_TITLE = "Kết quả từng xã, phường"
BATCH_COL_NUMBER = "STT"
BATCH_COL_NAME = "Xã, phường"
BATCH_COL_FILE = "Tệp"
BATCH_COL_STATUS = "Kết quả"
BATCH_COL_REASON = "Lý do, ghi chú"
BATCH_STATUS_OK = "đạt"
BATCH_STATUS_FAILED = "lỗi"
BATCH_WARNINGS = "{count} cảnh báo"
BATCH_MORE_PROBLEMS = "(và {count} lỗi khác)"
BATCH_UNNAMED = "(mục {number}, chưa có tên)"
BATCH_OK_ROWS_HIDDEN = "Bảng chỉ liệt kê các xã bị lỗi; {count} xã đạt không liệt kê."
BATCH_DONE = "Xong: {ok} văn bản đạt, {failed} xã lỗi. Các tệp ở thư mục '{folder}'."
BATCH_DRY_DONE = "Chạy thử xong: {ok} xã hợp lệ, {failed} xã có lỗi. Không ghi tệp nào."

# --- hostile input ---
TOO_MANY_NODES = (
    "Tệp có quá nhiều phần tử (hơn {limit} giá trị, danh sách và bảng): không phải một kế hoạch "
    "bình thường. Hãy kiểm tra lại tệp."
)
LEGACY_ENCODING = (
    "Chữ '{word}' có vẻ là '{guess}' gõ bằng bảng mã cũ {encoding} rồi bị đọc sai. Hãy chuyển mã "
    "sang Unicode (Unikey: Công cụ chuyển mã, Ctrl+Shift+F6) hoặc gõ lại bằng bảng mã Unicode."
)
LOOK_ALIKE_ETH = (
    "Chữ '{char}' ({code}, chữ Eth của tiếng Iceland) trông giống '{letter}' nhưng là chữ khác: Word "
    "không tìm thấy và không sắp xếp đúng. Hãy gõ lại chữ '{letter}' bằng bảng mã Unicode."
)
TEMPLATE_TOO_BIG = "mẫu tạo ra một giá trị quá lớn (giới hạn {limit} ký tự hoặc phần tử)"
RENDER_SAME_FILE = (
    "Tệp kết quả '{file}' chính là tệp kế hoạch; bdg-plan không ghi đè tệp kế hoạch bằng văn bản "
    ".docx. Hãy chọn tên khác bằng -o."
)
NEW_YEAR_OUT_OF_RANGE = "Năm mới ({year}) nằm ngoài khoảng năm kế hoạch cho phép ({low}-{high})."

# --- errors and the CLI boundary ---
SEVERITY_ERROR = "lỗi"
SEVERITY_WARNING = "cảnh báo"
PLAN_INVALID = "Tệp kế hoạch có lỗi, chưa thể tạo văn bản."
ERROR_PREFIX = "Lỗi:"
OUTPUT_NOT_PERMITTED = (
    "Hệ thống không cho phép thay tệp '{file}' (tệp được bảo vệ, chỉ đọc hoặc bị khóa không cho sửa). "
    "Hãy chọn tên khác bằng -o, hoặc bỏ thuộc tính bảo vệ của tệp rồi chạy lại."
)
INTERNAL_ERROR = (
    "Lỗi nội bộ của bdg-plan ({kind}). Đây là lỗi của chương trình, không phải của tệp kế hoạch. "
    "Chi tiết đã được ghi vào tệp '{log}'; xin gửi tệp đó kèm tệp kế hoạch cho bộ phận hỗ trợ."
)
INTERNAL_ERROR_NO_LOG = (
    "Lỗi nội bộ của bdg-plan ({kind}: {detail}). Đây là lỗi của chương trình, không phải của tệp kế "
    "hoạch; xin báo lỗi kèm tệp kế hoạch cho bộ phận hỗ trợ."
)
OUT_OF_MEMORY = (
    "Máy không đủ bộ nhớ để chạy xong lệnh này. Hãy đóng bớt chương trình khác, hoặc với lệnh batch "
    "hãy dùng ít tiến trình hơn (ví dụ --jobs 1), rồi chạy lại."
)
INTERRUPTED = "Đã dừng theo yêu cầu (Ctrl+C)."
TEMPLATES_MISSING = "Không tìm thấy thư mục mẫu văn bản '{folder}' (--templates)."
TEMPLATES_NOT_DIR = "'{folder}' là một tệp, không phải thư mục; --templates cần một thư mục chứa các mẫu .j2."

# --- command-line help (options and arguments) ---
CLI_APP_HELP = (
    "Soạn Kế hoạch công tác bình đẳng giới cấp xã đúng thể thức Nghị định 30/2020/NĐ-CP từ một tệp YAML."
)
HELP_PLAN = "Tệp kế hoạch .yaml."
HELP_FORMAT = "Cách in lỗi: 'rich' (dễ đọc) hoặc 'plain' (tệp:dòng:cột: MÃ thông báo)."
HELP_TEMPLATES = "Thư mục mẫu văn bản riêng (tìm ở đây trước, rồi đến bộ mẫu có sẵn)."
HELP_DRY_RUN = "Chỉ xem trước các thay đổi, không ghi tệp nào."
HELP_VALIDATE_FILES = "Tệp kế hoạch .yaml cần kiểm tra (một hoặc nhiều tệp)."
HELP_RENDER_OUTPUT = "Tệp .docx cần tạo. Mặc định: cùng tên, cùng thư mục với tệp kế hoạch."
HELP_RENDER_FORCE = "Ghi đè tệp .docx (và .pdf) đã có."
HELP_RENDER_FORMAT = "Cách in lỗi nếu tệp kế hoạch có lỗi."
HELP_RENDER_PDF = "Tạo thêm bản PDF cạnh tệp .docx (cần LibreOffice)."
HELP_RENDER_WATCH = (
    "Chạy liên tục: mỗi lần lưu tệp kế hoạch, kiểm tra và tạo lại văn bản ngay. Bấm Ctrl+C để dừng."
)
HELP_NEW_YEAR_PLAN = "Tệp kế hoạch .yaml của năm cũ (tệp này không bị sửa)."
HELP_NEW_YEAR_YEAR = "Năm của kế hoạch mới. Mặc định: năm sau năm của kế hoạch cũ."
HELP_NEW_YEAR_OUTPUT = (
    "Tệp .yaml cần tạo. Mặc định: cùng thư mục với tệp cũ, năm trong tên tệp đổi sang năm mới "
    "(hoặc thêm '-<năm>')."
)
HELP_NEW_YEAR_FORCE = "Ghi đè tệp kết quả nếu đã có."
HELP_INIT_FILE = "Tệp kế hoạch cần tạo. Mặc định: ke-hoach-<năm>.yaml trong thư mục hiện tại."
HELP_INIT_COMMUNE = (
    "Tên xã, ví dụ 'Hồng Phong'; phường, đặc khu thì ghi cả chữ đứng trước, ví dụ 'phường Đông Kinh'."
)
HELP_INIT_YEAR = "Năm kế hoạch. Mặc định: năm nay."
HELP_INIT_SIGNER = "Họ và tên người ký."
HELP_SCHEMA_OUTPUT = "Ghi lược đồ vào tệp này (ghi đè nếu đã có). Mặc định: in ra màn hình."
HELP_BATCH_BASE = "Kế hoạch gốc (.yaml), dùng chung cho mọi xã, phường."
HELP_BATCH_COMMUNES = (
    "Danh sách xã, phường: tệp .csv (dòng đầu là tên cột, ví dụ 'Tên xã', 'Địa danh', 'Người ký') "
    "hoặc tệp .yaml."
)
HELP_BATCH_OUTPUT = "Thư mục ghi các tệp .docx (tạo mới nếu chưa có)."
HELP_BATCH_JOBS = "Số tiến trình chạy song song. Mặc định và tối đa: số lõi CPU."
HELP_BATCH_DRY_RUN = "Chỉ kiểm tra mọi xã, không ghi tệp nào."
HELP_BATCH_PDF = "Tạo thêm bản PDF cho mỗi xã (cần LibreOffice)."
HELP_BATCH_FORCE = "Ghi đè các tệp đã có trong thư mục."
HELP_BATCH_FORMAT = "Cách in lỗi: 'rich' (bảng dễ đọc) hoặc 'plain' (tệp:dòng:cột)."
VALIDATE_SUMMARY = "Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo."
VALIDATE_OK = "Tệp kế hoạch hợp lệ."
BATCH_JOBS_CAPPED = (
    "Máy có {workers} lõi CPU nên chỉ chạy {workers} tiến trình song song (không phải {asked})."
)
BATCH_COMMUNE_WORKER_DIED = (
    "Tiến trình tạo văn bản cho xã này dừng đột ngột hai lần (có thể do thiếu bộ nhớ), nên xã này "
    "chưa được tạo; các xã khác vẫn chạy tiếp. Hãy chạy lại riêng xã này, ví dụ với --jobs 1."
)
BATCH_CSV_UNCLOSED_QUOTE = (
    'Dấu nháy kép (") mở ô này chưa được đóng, nên mọi dòng sau bị đọc thành một ô. Hãy thêm dấu '
    "nháy đóng ở cuối ô, hoặc xóa dấu nháy mở."
)

# --- Reading a Word file (import, check) -------------------------------------------------------
DOCX_OLE = (
    "Tệp này không phải .docx: đó là tệp Word 97-2003 (.doc) hoặc tệp .docx có đặt mật khẩu. "
    "Tệp có mật khẩu: hãy mở bằng Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu), lưu lại "
    "rồi chạy lại. Tệp .doc: hãy đặt đúng đuôi .doc để bdg-plan chuyển đổi, hoặc lưu lại thành .docx."
)
DOCX_TOO_LARGE = "Tệp Word quá lớn (giới hạn {limit} MB)."
DOCX_NOT_ZIP = (
    "Tệp này không phải tệp Word .docx (không đúng định dạng). Hãy mở bằng Word và lưu lại "
    "thành 'Tài liệu Word (*.docx)'."
)
DOCX_CORRUPT = "Tệp Word bị hỏng, không đọc được. Hãy mở bằng Word, lưu lại thành .docx rồi chạy lại."
DOCX_NOT_WORD = "Tệp này là tệp nén nhưng không phải văn bản Word (.docx)."
DOCX_BOMB = (
    "Tệp Word có phần nội dung giải nén ra quá lớn so với kích thước tệp (có thể là tệp độc hại); "
    "bdg-plan không đọc tệp này."
)
DOCX_TOO_MANY_PARAGRAPHS = "Văn bản có quá {limit} đoạn, không phải một kế hoạch; bdg-plan dừng đọc."
DOCX_UNPLACED_KINDS = {
    "image": "hình ảnh",
    "textbox": "hộp văn bản (text box)",
    "footnote": "chú thích cuối trang",
    "comment": "nhận xét (comment)",
    "tracked": "thay đổi đang theo dõi (Track Changes)",
    "table": "bảng",
    "text": "đoạn văn chưa xếp được",
    "part": "tiêu đề phần",
}
IMPORT_FILL = "CẦN ĐIỀN"
IMPORT_UNPLACED_MARKER = "KHÔNG XẾP ĐƯỢC"
IMPORT_WHERE_HEADER = "phần đầu văn bản (ô 1-4)"
IMPORT_WHERE_OPENING = "{count} đoạn mở đầu, giữ nguyên từng chữ"
IMPORT_HEAD_COMMENT = (
    "Kế hoạch nhập từ tệp Word '{file}' bằng bdg-plan import.\n"
    "Hãy đọc lại từng mục; chỗ ghi '{fill}' là chỗ cần điền, các dòng dưới '# {marker}' là nội dung\n"
    "bdg-plan chưa xếp được vào mục nào: hãy chép vào đúng chỗ hoặc xóa đi.\n"
    "Kiểm tra:  bdg-plan validate {plan}      Tạo văn bản:  bdg-plan render {plan}"
)
#: Short comments written above each key of an imported plan file.
IMPORT_KEY_COMMENTS = {
    "nam": "Năm kế hoạch.",
    "co_quan": "Cơ quan ban hành (ô số 2) và địa danh (ô số 4).",
    "so": "Số văn bản (ô số 3): để trống (null) để văn thư ghi số khi ban hành.",
    "ky_hieu": "Ký hiệu văn bản.",
    "ngay": "Ngày ban hành: NĂM-THÁNG-NGÀY, hoặc NĂM-THÁNG khi để trống ngày.",
    "trich_yeu": "Trích yếu (ô số 5a), in đậm dưới tên loại văn bản.",
    "mo_dau": "Các đoạn mở đầu, in nguyên văn, mỗi mục một đoạn.",
    "can_cu": "Văn bản căn cứ: mỗi mục là cả đoạn, in nguyên văn từng chữ.",
    "de_nghi": "Đoạn 'Theo đề nghị của ...', in sau các căn cứ.",
    "loi_dan": "Lời dẫn vào nội dung, in sau các căn cứ.",
    "ten_loai": "Tên loại văn bản (ô số 5a).",
    "co_quan_lien_tich": "Cơ quan cùng ban hành (văn bản liên tịch), in dưới cơ quan chủ trì.",
    "nguoi_ky_lien_tich": "Người ký của cơ quan cùng ban hành, in bên trái.",
    "muc_dich": "I. MỤC ĐÍCH, YÊU CẦU - 1. Mục đích.",
    "yeu_cau": "2. Yêu cầu.",
    "noi_dung": "NỘI DUNG: mỗi khoản 1., 2. gồm tiêu đề (ten), đoạn văn (mo_ta), các ý (cac_y).",
    "kinh_phi": "KINH PHÍ THỰC HIỆN.",
    "to_chuc_thuc_hien": "TỔ CHỨC THỰC HIỆN: mỗi khoản là một đơn vị và nhiệm vụ của đơn vị đó.",
    "muc_them": "Các mục khác, theo thứ tự trong văn bản (bdg-plan tự đánh số La Mã).",
    "ket_thuc": "Câu kết.",
    "nguoi_ky": "Người ký (ô số 7).",
    "noi_nhan": "Nơi nhận (ô số 9b): bdg-plan tự thêm '- ' và ';'.",
    "luu": "Dòng 'Lưu:' cuối nơi nhận.",
}
IMPORT_NO_PLAN = (
    "Không nhận ra văn bản KẾ HOẠCH trong tệp này (không thấy tên loại 'KẾ HOẠCH', phần đầu "
    "văn bản hay chữ ký). Không có tệp kế hoạch nào được ghi."
)

# --- check --------------------------------------------------------------------------------------
CHECK_DEVIATION = "đang là {found}; Nghị định 30 yêu cầu {wanted}."
CHECK_OTHERS = "(và {count} đoạn khác cùng lỗi này)"
CHECK_WHERE = "đoạn {number} ('{words}')"
CHECK_WHERE_PAGE = "trang giấy"
CHECK_A4 = "khổ A4 (210 x 297 mm)"
CHECK_LANDSCAPE = "trang nằm ngang"
CHECK_PORTRAIT = "trang đứng (khổ A4 dọc)"
CHECK_MARGIN_NAMES = ("lề trên", "lề dưới", "lề trái", "lề phải")
CHECK_PAGE_ONE = "có số trang ở trang đầu"
CHECK_PAGE_NONE = "không có số trang"
CHECK_PAGE_FOOTER = "số trang ở chân trang"
CHECK_PAGE_RULE = "số trang ở giữa, phía trên (đầu trang), không hiện ở trang 1, bắt đầu từ trang 2"
CHECK_MISSING = "không có"
CHECK_BOLD = {True: "chữ đậm", False: "chữ không đậm"}
CHECK_ITALIC = {True: "chữ nghiêng", False: "chữ đứng"}
CHECK_CAPS = "chữ in hoa"
CHECK_NO_RULE = "không có đường kẻ bên dưới"
CHECK_RULE_TIEU_NGU = "đường kẻ liền dưới Tiêu ngữ, dài bằng dòng chữ"
CHECK_RULE_ORGAN = "đường kẻ liền dưới tên cơ quan, dài 1/3 đến 1/2 dòng chữ"
CHECK_RULE_TRICH_YEU = "đường kẻ liền dưới trích yếu, dài 1/3 đến 1/2 dòng chữ"
CHECK_SO_RULE = "dòng 'Số: .../KH-...' dưới tên cơ quan"
CHECK_SO_PADDING = "số nhỏ hơn 10 ghi thêm số 0 ở trước, ví dụ 'Số: 05/KH-UBND'"
CHECK_KY_HIEU_SPACES = "ký hiệu viết liền, gạch nối không có dấu cách, ví dụ 'KH-UBND'"
CHECK_DATE_RULE = "dòng địa danh, ngày tháng năm dưới Quốc hiệu, Tiêu ngữ"
CHECK_DAY_PADDING = "ngày nhỏ hơn 10 ghi thêm số 0, ví dụ 'ngày 06'"
CHECK_MONTH_PADDING = "tháng 1 và tháng 2 ghi thêm số 0: 'tháng 01', 'tháng 02'"
CHECK_MONTH_NO_PADDING = "tháng 3 đến tháng 12 không ghi số 0 ở trước, ví dụ 'tháng 3'"
CHECK_ALIGN = {
    "center": "căn giữa",
    "justify": "căn đều hai lề",
    "left": "căn trái",
    "right": "căn phải",
    "distribute": "dàn đều",
}
CHECK_HEADING_FOUND = "tiêu đề không đúng kiểu chữ"
CHECK_HEADING_MUC = "tiêu đề mục (I., II.) in hoa, đậm"
CHECK_HEADING_PHAN = "tiêu đề phần in đậm, căn giữa"
CHECK_SPACE_RULE = "khoảng cách giữa các đoạn tối thiểu 6 pt"
CHECK_LINE_RULE = "khoảng cách dòng từ dòng đơn (1) đến 1,5 dòng"
CHECK_NOI_NHAN_ENTRY = "mỗi nơi nhận một dòng, bắt đầu bằng '-' và kết thúc bằng ';'"
CHECK_NOI_NHAN_LAST = "dòng cuối '- Lưu: VT, ...' kết thúc bằng dấu '.'"
CHECK_SIGNER_RULE = "quyền hạn, chức vụ và họ tên người ký ở bên phải, dưới nội dung"
CHECK_OK = "Không thấy sai lệch nào so với thể thức Nghị định 30 mà bdg-plan kiểm tra."
CHECK_COUNT = "{count} sai lệch so với thể thức Nghị định 30/2020/NĐ-CP:"
