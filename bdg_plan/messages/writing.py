"""Problems, the error boundary, templates and writing files."""

from __future__ import annotations

# --- Problems and the error boundary (errors.py, cli.py) --------------------------------------
SEVERITY_ERROR = "lỗi"
SEVERITY_WARNING = "cảnh báo"
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
