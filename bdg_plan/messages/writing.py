"""Problems, the error boundary, templates and writing files."""

from __future__ import annotations

# --- Problems and the error boundary (errors.py, cli.py) --------------------------------------
SEVERITY_ERROR = "lỗi"
SEVERITY_WARNING = "cảnh báo"
SEVERITY_NOTE = "ghi chú"
PLAN_INVALID = "Tệp kế hoạch có lỗi, chưa thể tạo văn bản."
ERROR_PREFIX = "Lỗi:"
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
#: The standard output could not be written (cli/streams.py).
STDOUT_DISK_FULL = "Không ghi được kết quả ra nơi đã chuyển hướng (ổ đĩa đầy). Phần kết quả in ra đã bị mất."
STDOUT_FAILED = "Không ghi được kết quả ra nơi đã chuyển hướng ({reason}). Phần kết quả in ra đã bị mất."
#: A file or folder name the system refuses as too long (errors.os_error_message).
NAME_TOO_LONG = (
    "Tên '{name}' quá dài ({size} byte; hệ thống cho mỗi tên tệp hoặc thư mục tối đa {limit} byte, "
    "mỗi chữ có dấu tính 2-3 byte). Hãy đặt tên ngắn hơn."
)
#: A path whose name is not valid text (bytes of another encoding, kept as escapes).
NAME_NOT_TEXT = (
    "Tên tệp hoặc thư mục '{name}' có ký tự không đọc được (không phải mã UTF-8, thường do tệp "
    "được chép từ máy hoặc ổ đĩa khác). Hãy đổi tên tệp hoặc thư mục đó rồi chạy lại."
)

# --- Templates (sandbox.py, compose.py) -------------------------------------------------------
TEMPLATE_MISSING = "Không tìm thấy mẫu văn bản '{name}' (trong thư mục --templates hoặc bộ mẫu có sẵn)."
TEMPLATE_FAILED = "Mẫu văn bản '{name}', dòng {line}: {reason}"
TEMPLATE_OUTSIDE = "mẫu '{name}' trỏ ra ngoài thư mục mẫu (liên kết tượng trưng); bdg-plan không đọc nó"
TEMPLATE_FILE_TOO_BIG = "tệp mẫu quá lớn (giới hạn {limit} byte)"
TEMPLATE_NOT_UTF8 = "tệp mẫu không phải văn bản UTF-8"
TEMPLATE_BAD_CHAR = "mẫu có ký tự điều khiển hoặc ký tự dành riêng {code}; hãy xóa ký tự đó"
TEMPLATE_BAD_OUTPUT = "mẫu tạo ra ký tự điều khiển hoặc ký tự dành riêng {code}"
TEMPLATE_OUTPUT_TOO_BIG = "mẫu tạo ra quá {limit} ký tự"
TEMPLATE_TOO_LONG = "mẫu chạy quá {limit} bước (vòng lặp lồng nhau quá lớn?)"
TEMPLATE_BLOCKED = "bị chặn vì lý do an toàn ({reason})"
TEMPLATE_UNDEFINED = "biến chưa định nghĩa ({reason})"
TEMPLATE_TOO_BIG = "mẫu tạo ra một giá trị quá lớn (giới hạn {limit} ký tự hoặc phần tử)"
TEMPLATE_OUT_OF_MEMORY = "mẫu dùng hết bộ nhớ (một danh sách hay giá trị quá lớn?)"
# The template's output, read as the plain Markdown of the template contract (template_output.py).
TEMPLATE_OUTPUT_FAILED = "Mẫu văn bản '{name}', dòng {line} của văn bản mẫu tạo ra ({text}): {reason}"
TEMPLATE_OUTPUT_LINK = (
    "liên kết, hình ảnh hay địa chỉ '{text}' không được hỗ trợ (địa chỉ sẽ bị mất); hãy viết thành chữ "
    "thường, hoặc viết \\[ thay cho [ và \\< thay cho < nếu muốn in đúng các dấu đó"
)
TEMPLATE_OUTPUT_CODE = (
    "khối mã (``` hoặc ~~~) không được hỗ trợ; hãy bỏ dòng ``` và viết nội dung thành đoạn văn thường"
)
TEMPLATE_OUTPUT_INDENTED = (
    "dòng thụt vào từ 4 dấu cách trở lên (Markdown hiểu là khối mã) không được hỗ trợ; hãy bỏ bớt "
    "dấu cách đầu dòng (ý nhỏ viết '  + ' dưới ý '- ')"
)
TEMPLATE_OUTPUT_QUOTE = (
    "trích dẫn (dòng bắt đầu bằng >) không được hỗ trợ; hãy viết đoạn văn thường, hoặc viết \\> nếu "
    "muốn in dấu >"
)
TEMPLATE_OUTPUT_RULE = (
    "đường kẻ ngang hay dòng gạch dưới tiêu đề (---, ***, ___, ===) không được hỗ trợ; tiêu đề viết "
    "bằng '# ' đến '###### ' ở đầu dòng, còn đường kẻ thì hãy bỏ dòng này"
)
TEMPLATE_OUTPUT_EMPTY_ITEM = (
    "mục danh sách trống (chỉ có dấu đầu dòng); hãy viết nội dung ngay sau dấu, trên cùng dòng, hoặc "
    "xóa dòng này"
)
TEMPLATE_OUTPUT_NESTED_MARK = (
    "mục danh sách bắt đầu bằng một dấu khác (#, >, -, +, 1.); hãy viết mỗi mục hay tiêu đề trên một "
    "dòng riêng, hoặc viết \\ trước dấu đó nếu muốn in nó"
)
TEMPLATE_OUTPUT_TABLE_ROW = (
    "dòng này nằm liền sau một bảng nhưng không có dấu |; hãy để một dòng trống sau dòng cuối của bảng"
)
TEMPLATE_OUTPUT_TABLE_CELLS = (
    "dòng này của bảng có nhiều ô hơn dòng tiêu đề (các ô thừa sẽ bị mất); hãy thêm cột vào dòng tiêu "
    "đề và dòng kẻ, hoặc viết \\| nếu muốn in dấu | trong một ô"
)
TEMPLATE_OUTPUT_TABLE_COLUMNS = (
    "dòng tiêu đề của bảng và dòng kẻ |---| dưới nó có số cột khác nhau; hãy viết cùng số cột"
)
TEMPLATES_MISSING = "Không tìm thấy thư mục mẫu văn bản '{folder}' (--templates)."
TEMPLATES_NOT_DIR = "'{folder}' là một tệp, không phải thư mục; --templates cần một thư mục chứa các mẫu .j2."

# --- Writing files (output.py) ----------------------------------------------------------------
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
TARGET_IS_DIR = "'{file}' là một thư mục; hãy ghi rõ tên tệp cần tạo."
OUTPUT_NOT_PERMITTED = (
    "Hệ thống không cho phép thay tệp '{file}' (tệp được bảo vệ, chỉ đọc hoặc bị khóa không cho sửa). "
    "Hãy chọn tên khác bằng -o, hoặc bỏ thuộc tính bảo vệ của tệp rồi chạy lại."
)

# --- LibreOffice conversions (office/) --------------------------------------------------------
CONVERT_TOO_LARGE = (
    "Tệp '{file}' quá lớn để chuyển bằng LibreOffice (giới hạn {limit} MB). Một kế hoạch thường "
    "dưới 1 MB; hãy mở tệp bằng Word hoặc LibreOffice, lưu thành .docx rồi dùng tệp .docx đó."
)
CONVERT_CRASHED = (
    "LibreOffice dừng đột ngột khi chuyển '{file}' sang {kind} (tệp có thể hỏng, quá nặng, hoặc máy "
    "thiếu bộ nhớ). Hãy mở tệp bằng Word hoặc LibreOffice, lưu thành .docx rồi dùng tệp .docx đó."
)

# --- render --watch (commands/watch.py) -------------------------------------------------------
WATCH_PLAN_BECAME_LINK = (
    "Tên tệp kế hoạch '{file}' nay là một liên kết tới tệp khác; bdg-plan chỉ đọc đúng tệp đã chọn "
    "lúc bắt đầu --watch nên không đọc tệp đó. Hãy dừng (Ctrl+C) rồi chạy lại với đúng tệp kế hoạch."
)
