"""What each command says while it works, apart from batch."""

from __future__ import annotations

# --- validate ---------------------------------------------------------------------------------
VALIDATE_SUMMARY = "Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo."
VALIDATE_OK = "Tệp kế hoạch hợp lệ."

# --- render -----------------------------------------------------------------------------------
RENDERED = "Đã tạo văn bản: {file}"
RENDER_SAME_FILE = (
    "Tệp kết quả '{file}' chính là tệp kế hoạch; bdg-plan không ghi đè tệp kế hoạch bằng văn bản "
    ".docx. Hãy chọn tên khác bằng -o."
)

# --- render --watch (watch.py) ----------------------------------------------------------------
WATCH_STARTED = "Đang theo dõi '{file}': mỗi lần lưu tệp, văn bản được tạo lại. Bấm Ctrl+C để dừng."
WATCH_RENDERED = "[{time}] Đã tạo văn bản: {file}"
WATCH_PDF_RENDERED = "[{time}] Đã tạo bản PDF: {file}"
WATCH_INVALID = "[{time}] Tệp kế hoạch còn lỗi, văn bản tạo lần trước được giữ nguyên. Sửa rồi lưu lại."
WATCH_FAILED = "[{time}] {message}"
WATCH_STOPPED = "Đã dừng theo dõi."
WATCH_CANNOT_WATCH = "Không theo dõi được thư mục '{folder}' để biết khi nào tệp kế hoạch được lưu."

# --- PDF through LibreOffice (pdf.py, libreoffice.py) -----------------------------------------
PDF_CONVERTING = "Đang tạo bản PDF bằng LibreOffice (có thể mất vài giây)..."
PDF_CREATED = "Đã tạo bản PDF: {file}"
PDF_NO_LIBREOFFICE = "Chưa tạo được bản PDF vì máy chưa cài LibreOffice (tệp .docx vẫn dùng bình thường)."
PDF_HINT_WINDOWS = (
    "Cách 1: cài LibreOffice miễn phí tại https://www.libreoffice.org/download/ rồi chạy lại lệnh. "
    "Cách 2: mở tệp .docx bằng Word, chọn Tệp > Lưu thành (File > Save As), chọn kiểu PDF."
)
PDF_HINT_DEBIAN = (
    "Hãy cài bằng lệnh: sudo apt install libreoffice-writer-nogui fonts-liberation python3-uno, rồi "
    "chạy lại lệnh."
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
CONVERT_REFUSED = "LibreOffice không chuyển được '{file}' sang {kind}. {detail}"
PDF_DOCUMENT_TIMEOUT = (
    "LibreOffice chuyển tệp này quá {seconds} giây mà chưa xong (đã thử hai lần) nên đã bỏ qua; "
    "các tệp khác vẫn được chuyển."
)
OFFICE_DIED = (
    "LibreOffice bị dừng đột ngột hai lần khi chuyển '{file}' sang {kind} nên đã bỏ qua tệp này; "
    "các tệp khác vẫn được chuyển. {detail}"
)

# --- new-year (new_year.py) -------------------------------------------------------------------
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
NEW_YEAR_SHARED_VALUE = (
    "Các khóa {paths} dùng chung một giá trị qua bí danh YAML ('&' và '*'). new-year sửa năm, số "
    "và ngày của từng khóa một cách khác nhau nên không sửa được giá trị dùng chung: hãy viết giá "
    "trị trực tiếp cho từng khóa rồi chạy lại."
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
NEW_YEAR_HISTORY = (
    "Kết quả năm trước: cần số liệu mới ('{excerpt}'). bdg-plan giữ nguyên năm này vì đây là số liệu, "
    "sự việc của năm đã qua; hãy thay bằng số liệu mới hoặc xóa."
)
NEW_YEAR_SUPERSEDED = (
    "Văn bản năm nay thay thế văn bản này ('{excerpt}': {loai} năm {year}). Hãy ghi số, ngày của {loai} "
    "mới của cấp trên, hoặc xóa nếu năm nay không có."
)
NEW_YEAR_OLD_YEAR_KEPT = (
    "Còn nhắc năm {old_year} ('{excerpt}'): bdg-plan không rõ đây là năm của kế hoạch hay năm của một "
    "việc khác nên giữ nguyên. Nếu là năm kế hoạch, hãy sửa thành {new_year}."
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
NEW_YEAR_OUT_OF_RANGE = "Năm mới ({year}) nằm ngoài khoảng năm kế hoạch cho phép ({low}-{high})."

# --- init: the starter plan (starter.py) ------------------------------------------------------
#: The marker for text the clerk must write; `validate` warns while one is left.
FILL_IN = "<<ĐIỀN VÀO ĐÂY - {hint}>>"
INIT_EXISTS = (
    "Tệp '{file}' đã có. bdg-plan init không bao giờ ghi đè tệp kế hoạch; hãy đặt tên khác, "
    "ví dụ: bdg-plan init {suggestion}"
)
#: `--xa` or `--nguoi-ky` holding a line break, a tab or another control character.
INIT_CONTROL_CHAR = (
    "Giá trị của {option} có ký tự điều khiển {code} (dấu xuống dòng, dấu Tab hoặc ký tự không in "
    "được): hãy gõ lại trên một dòng, chỉ gồm chữ, số, dấu cách và dấu câu."
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

# --- schema -----------------------------------------------------------------------------------
SCHEMA_WRITTEN = "Đã ghi lược đồ JSON (JSON Schema) của tệp kế hoạch: {file}"
