"""Reading a plan file: bytes, encodings, YAML syntax and characters."""

from __future__ import annotations

# --- Reading a file (source.py) ---------------------------------------------------------------
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
LEGACY_ENCODING = (
    "Chữ '{word}' có vẻ là '{guess}' gõ bằng bảng mã cũ {encoding} rồi bị đọc sai. Hãy chuyển mã "
    "sang Unicode (Unikey: Công cụ chuyển mã, Ctrl+Shift+F6) hoặc gõ lại bằng bảng mã Unicode."
)

# --- A table saved from Excel as CSV (plan/csv_read.py) ---------------------------------------
CSV_UNCLOSED_QUOTE = (
    'Dấu nháy kép (") mở ô này chưa được đóng, nên mọi dòng sau bị đọc thành một ô. Hãy thêm dấu '
    "nháy đóng ở cuối ô, hoặc xóa dấu nháy mở."
)
CSV_TOO_MANY_ROWS = (
    "Tệp CSV có quá nhiều dòng (giới hạn {limit} dòng dưới dòng tên cột); dòng này vượt giới hạn. "
    "Hãy tách bảng thành nhiều tệp."
)
CSV_TOO_MANY_LINES = (
    "Tệp CSV dài quá {limit} dòng (kể cả dòng trống). Nếu cuối bảng có nhiều dòng trống, hãy xóa "
    "chúng trong Excel rồi lưu lại; nếu không, hãy tách bảng thành nhiều tệp."
)
CSV_TOO_MANY_COLUMNS = (
    "Dòng này có {count} ô, quá giới hạn {limit} ô một dòng. Kiểm tra dấu phẩy hoặc dấu chấm phẩy "
    'trong nội dung (đặt nội dung đó trong dấu nháy kép "...").'
)
CSV_CELL_TOO_LONG = "Một ô của dòng này dài quá giới hạn {limit} ký tự. Hãy rút gọn nội dung ô."

# --- YAML syntax and characters (loader.py) ---------------------------------------------------
YAML_SYNTAX_GENERIC = "Lỗi cú pháp YAML"
YAML_HINTS = {
    "found character '\\t' that cannot start any token": ("Có ký tự Tab: YAML chỉ cho thụt lề bằng dấu cách"),
    "found character that cannot start any token": "Có ký tự không được phép ở đầu giá trị",
    "mapping values are not allowed here": (
        "Có dấu ':' không đúng chỗ: dòng này thụt lề sai, hoặc nội dung có dấu ':' (khi đó hãy "
        "đặt cả câu trong dấu nháy đơn '...')"
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
BRACKET_NOT_CLOSED = (
    "Ngoặc '{opener}' mở ở đây chưa được đóng: hãy thêm '{closer}' ở cuối giá trị, hoặc nếu ngoặc là "
    "một phần của câu thì đặt cả câu trong dấu nháy đơn '...'"
)
INDENT_ODD_LINE = (
    "Dòng này thụt lề {spaces} dấu cách, lệch với dòng {other} bên dưới cùng khối (các dòng cùng cấp "
    "phải thẳng hàng): hãy {fix}."
)
INDENT_STRAY_LINE = (
    "Dòng này thụt lề {spaces} dấu cách, không thẳng hàng với dòng {other} ở trên (các dòng cùng cấp "
    "phải thẳng hàng): hãy {fix}."
)
INDENT_NO_LEVEL = (
    "Dòng này thụt lề {spaces} dấu cách, không thẳng hàng với dòng nào ở trên (các dòng cùng cấp "
    "phải thẳng hàng): hãy thụt lề {levels} dấu cách, như dòng cùng cấp với nó."
)
INDENT_OR = " hoặc "
INDENT_FIX_SPACES = "thụt lề dòng này {spaces} dấu cách"
INDENT_FIX_MARGIN = "viết dòng này sát lề trái, không có dấu cách ở đầu dòng"
TAB_IN_VALUE = (
    "Có ký tự Tab giữa giá trị: hãy thay Tab bằng dấu cách, hoặc đặt cả giá trị trong dấu nháy đơn '...'"
)
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
INVISIBLE_CHAR_IN_LINE = (
    "Dòng này có ký tự vô hình {code} (khoảng trắng độ rộng 0 hoặc ký tự đổi chiều viết), trong "
    "giá trị, tên khóa hoặc ghi chú; thường do sao chép từ web. Nên xóa."
)
TOO_MANY_NODES = (
    "Tệp có quá nhiều phần tử (hơn {limit} giá trị, danh sách và bảng): không phải một kế hoạch "
    "bình thường. Hãy kiểm tra lại tệp."
)
LOOK_ALIKE_ETH = (
    "Chữ '{char}' ({code}, chữ Eth của tiếng Iceland) trông giống '{letter}' nhưng là chữ khác: Word "
    "không tìm thấy và không sắp xếp đúng. Hãy gõ lại chữ '{letter}' bằng bảng mã Unicode."
)
