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
INPUT_TOO_LARGE_P = "Tệp quá lớn (giới hạn {limit} KB). Tệp kế hoạch thường chỉ vài chục KB."
ENCODING_NOT_UTF8 = (
    "Tệp không phải văn bản Unicode UTF-8 (có thể gõ bằng bảng mã TCVN3, VNI hoặc Windows-1258). "
    "Hãy mở tệp bằng Notepad, chọn Lưu thành (Save As), mã hóa 'UTF-8', rồi chạy lại."
)
ENCODING_UTF16_NO_BOM = (
    "Tệp có vẻ là UTF-16 nhưng thiếu dấu BOM ở đầu tệp. Hãy mở bằng Notepad và lưu lại với "
    "mã hóa 'UTF-8'."
)
ENCODING_NUL = "Tệp chứa ký tự NUL (tệp nhị phân hoặc bị hỏng), không phải tệp văn bản YAML."
EMPTY_FILE = "Tệp trống: chưa có nội dung kế hoạch nào."

# --- YAML syntax ------------------------------------------------------------------------------
YAML_SYNTAX_GENERIC = "Lỗi cú pháp YAML"
YAML_HINTS = {
    "found character '\\t' that cannot start any token": (
        "Có ký tự Tab: YAML chỉ cho thụt lề bằng dấu cách"
    ),
    "found character that cannot start any token": "Có ký tự không được phép ở đầu giá trị",
    "mapping values are not allowed here": (
        "Có dấu ':' không đúng chỗ. Nếu nội dung có dấu ':', hãy đặt cả câu trong dấu nháy kép"
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
CONTROL_CHAR_IN_FILE = "Tệp có ký tự điều khiển không được phép (mã {code})."
TOO_DEEP = "Tệp lồng quá nhiều cấp, không phải một kế hoạch hợp lệ."
ALIAS_LIMIT = (
    "Tệp mở rộng ra quá {limit} phần tử (do dùng bí danh YAML '&'/'*' lồng nhau). "
    "Hãy viết nội dung trực tiếp, không dùng bí danh."
)
UNSAFE_TAG = "Thẻ YAML '{tag}' không được phép: tệp kế hoạch chỉ chứa chữ, số, danh sách và bảng."
MERGE_KEY = "Khóa gộp '<<' không được hỗ trợ; hãy viết đủ các khóa."
KEY_NOT_TEXT = "Tên khóa phải là chữ."
DUPLICATE_KEY = "Khóa '{key}' bị lặp lại; chỉ được khai báo một lần."
TEXT_TOO_LONG = "Đoạn văn quá dài ({length} ký tự, giới hạn {limit}). Hãy chia thành nhiều đoạn."
CONTROL_CHAR = "Văn bản có ký tự điều khiển {code}, Word không hiển thị được. Hãy xóa ký tự đó."
RESERVED_CHAR = "Văn bản có ký tự đặc biệt U+FFF9-U+FFFB không được phép. Hãy xóa ký tự đó."
INVISIBLE_CHAR = (
    "Văn bản có ký tự vô hình {code} (khoảng trắng độ rộng 0 hoặc ký tự đổi chiều viết), "
    "thường do sao chép từ web. Nên xóa."
)

# --- The model (pydantic errors translated) ---------------------------------------------------
MISSING_FIELD = "Thiếu mục bắt buộc '{field}'."
UNKNOWN_KEY = "Khóa '{key}' không có trong mẫu kế hoạch."
DID_YOU_MEAN = " Có phải ý bạn là '{suggestion}'?"
EXPECTED_TEXT = "Cần một đoạn chữ."
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

# --- Domain rules -----------------------------------------------------------------------------
DATE_FORMAT = (
    "Ngày ban hành cần dạng NĂM-THÁNG-NGÀY (2023-03-06) hoặc NĂM-THÁNG (2023-03) khi để trống ngày."
)
DATE_IMPOSSIBLE = "Ngày {value} không có thật."
SO_NOT_POSITIVE = "Số văn bản phải là số nguyên dương (1, 2, 3...), hoặc để trống."
KY_HIEU_FORMAT = (
    "Ký hiệu '{value}' sai dạng. Ký hiệu gồm chữ viết tắt tên loại và tên cơ quan, nối bằng "
    "dấu '-' không có dấu cách, ví dụ 'KH-UBND'."
)
KY_HIEU_NOT_KH = "Ký hiệu của kế hoạch thường bắt đầu bằng 'KH-' (viết tắt 'Kế hoạch'), ở đây là '{value}'."
YEAR_MISMATCH = "Ngày ban hành thuộc năm {date_year} nhưng kế hoạch là năm {plan_year}."
CAN_CU_AFTER_PLAN = "Văn bản căn cứ ghi ngày {cited}, sau ngày ban hành kế hoạch ({plan})."
SIGNER_KT_NEEDS = "Người ký '{prefix}' cần ghi chức danh thủ trưởng ('thu_truong', ví dụ 'Chủ tịch')."
SIGNER_NEEDS_TITLE = "Người ký cần ghi chức vụ ('chuc_vu', ví dụ 'Phó Chủ tịch')."
SIGNER_TM_NEEDS = "Ký thay mặt (TM.) cần ghi tên tập thể ('thay_mat', ví dụ 'Ủy ban nhân dân')."
NO_RECIPIENTS = "Chưa có nơi nhận nào. Hãy liệt kê các cơ quan nhận kế hoạch."
ACTION_MONTH_OUTSIDE = "Tháng hành động ({start} - {end}) phải nằm trong năm kế hoạch {year}."
ACTION_MONTH_ORDER = "Ngày bắt đầu Tháng hành động phải trước ngày kết thúc."
DISTRICT_SUPERIOR_AFTER_REFORM = (
    "Từ ngày 01/7/2025 không còn cấp huyện: kế hoạch ban hành ngày {date} không được ghi cơ quan "
    "chủ quản '{value}'. Hãy xóa dòng 'cap_tren'."
)
DISTRICT_REFERENCE_AFTER_REFORM = (
    "Từ ngày 01/7/2025 không còn cấp huyện: '{value}' nhắc đến cơ quan cấp huyện. Hãy kiểm tra lại "
    "(văn bản cũ vẫn được trích dẫn, nhưng nơi nhận và cơ quan chỉ đạo nay thuộc cấp tỉnh)."
)
LEADING_DASH = "Không cần gõ '{mark}' ở đầu ý: bdg-plan tự thêm dấu gạch đầu dòng."
TYPED_NUMBER = "Không cần gõ số thứ tự '{mark}': bdg-plan tự đánh số các mục."
