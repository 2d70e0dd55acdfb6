"""bdg-plan batch: the commune list, each commune's result, the run."""

from __future__ import annotations

# --- batch (batch/) ---------------------------------------------------------------------------
BATCH_BASE_INVALID = (
    "Tệp kế hoạch gốc có lỗi, chưa tạo văn bản cho xã nào. Hãy sửa tệp gốc trước "
    "(kiểm tra bằng: bdg-plan validate {file})."
)
BATCH_BASE_BEFORE_REFORM_TITLE = (
    "Kế hoạch gốc '{file}' ban hành trước 01/7/2025, chưa tạo văn bản cho xã nào."
)
BATCH_BASE_BEFORE_REFORM = (
    "Kế hoạch gốc ban hành trước ngày 01/7/2025, còn các xã, phường trong danh sách là đơn vị hành chính "
    "từ ngày 01/7/2025: văn bản của các xã, phường này không thể ghi ngày trước khi đơn vị được thành lập. "
    "Hãy chuyển kế hoạch gốc sang năm mới trước (bdg-plan new-year GỐC.yaml --nam NĂM, lệnh này bỏ cấp "
    "huyện và chuyển các ngày, năm của kế hoạch), xem lại tệp mới rồi chạy lại batch với tệp đó."
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
    "Bản bdg-plan này chưa có chức năng tạo PDF (thiếu mô-đun bdg_plan.office.pdf). Hãy chạy lại không có "
    "--pdf: các tệp .docx vẫn được tạo bình thường."
)
BATCH_OUTDIR_NOT_DIR = "'{folder}' là một tệp, không phải thư mục. Hãy chọn thư mục khác bằng -o."
BATCH_OUTDIR_FAILED = "Không tạo được thư mục '{folder}': {reason}."
BATCH_INTERNAL_ERROR = "Lỗi nội bộ của bdg-plan ({kind}: {detail}). Xin báo lỗi kèm tệp kế hoạch."
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
BATCH_LEFTOVER = "còn nhắc '{name}' {count} lần (dòng {lines} của kế hoạch gốc)"
BATCH_UNFILLED_AT = "chỗ đánh dấu ở dòng {line}"
BATCH_REPORT_HEADER = ("STT", "Xã, phường", "Tệp", "Trạng thái", "Các vấn đề (tệp:dòng:cột: nội dung)")
BATCH_STATUS_FAILED = "lỗi"
BATCH_WARNINGS = "{count} cảnh báo"
BATCH_MORE_PROBLEMS = "(và {count} lỗi khác)"
BATCH_UNNAMED = "(mục {number}, chưa có tên)"
BATCH_OK_ROWS_HIDDEN = "Bảng chỉ liệt kê các xã bị lỗi; {count} xã đạt không liệt kê."
BATCH_DONE = "Xong: {ok} văn bản đạt, {failed} xã lỗi. Các tệp ở thư mục '{folder}'."
BATCH_DRY_DONE = "Chạy thử xong: {ok} xã hợp lệ, {failed} xã có lỗi. Không ghi tệp nào."
BATCH_JOBS_CAPPED = (
    "Máy có {workers} lõi CPU nên chỉ chạy {workers} tiến trình song song (không phải {asked})."
)
BATCH_COMMUNE_WORKER_DIED = (
    "Tiến trình tạo văn bản cho xã này dừng đột ngột hai lần (có thể do thiếu bộ nhớ), nên xã này "
    "chưa được tạo; các xã khác vẫn chạy tiếp. Hãy chạy lại riêng xã này, ví dụ với --jobs 1."
)
BATCH_TOO_MANY_COMMUNES = (
    "Danh sách có hơn {limit} xã, phường (cả nước có khoảng 3.300 xã, phường; một tỉnh nhiều nhất "
    "khoảng 170). Hãy tách danh sách theo tỉnh."
)
BATCH_COMMUNE_OUT_OF_MEMORY = (
    "Máy không đủ bộ nhớ để tạo văn bản cho xã này (đây không phải lỗi của tệp kế hoạch). Hãy đóng "
    "bớt chương trình khác, hoặc chạy lại với ít tiến trình hơn, ví dụ --jobs 1."
)
BATCH_INTERNAL_ERROR_LOGGED = (
    "Lỗi nội bộ của bdg-plan ({kind}: {detail}). Đây là lỗi của chương trình, không phải của tệp kế "
    "hoạch. Chi tiết đã được ghi vào tệp '{log}'; xin gửi tệp đó kèm tệp kế hoạch cho bộ phận hỗ trợ."
)
