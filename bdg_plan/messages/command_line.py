"""Help screens, option help and usage errors (cli.py, cli_help.py)."""

from __future__ import annotations

# --- Command-line help and usage errors -------------------------------------------------------
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
CLI_APP_HELP = (
    "Soạn Kế hoạch công tác bình đẳng giới cấp xã đúng thể thức Nghị định 30/2020/NĐ-CP từ một tệp YAML."
)
HELP_VERSION = "In số phiên bản của bdg-plan rồi thoát."
VERSION_LINE = "bdg-plan {version}"
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
HELP_INIT_KIND = (
    "Loại kế hoạch: 'nam' (kế hoạch bình đẳng giới năm) hoặc 'thang-hanh-dong' (kế hoạch Tháng hành "
    "động vì bình đẳng giới, có phụ lục bảng hoạt động; tệp mặc định thang-hanh-dong-<năm>.yaml)."
)
HELP_SCHEMA_OUTPUT = "Ghi lược đồ vào tệp này. Mặc định: in ra màn hình."
HELP_SCHEMA_FORCE = "Ghi đè tệp lược đồ đã có."
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
#: The names of the values an option or argument takes, in usage lines and help screens.
METAVAR_FILE = "TỆP"
METAVAR_YEAR = "NĂM"
METAVAR_NAME = "TÊN"
METAVAR_PERSON = "HỌ_TÊN"
METAVAR_BASE_PLAN = "TỆP_GỐC"
METAVAR_COMMUNE_LIST = "DANH_SÁCH"
METAVAR_FOLDER = "THƯ_MỤC"
METAVAR_WORD_FILE = "TỆP_WORD"
HELP_IMPORT_FILE = "Tệp Word của kế hoạch cũ (.docx; tệp .doc, .odt được chuyển bằng LibreOffice)."
HELP_IMPORT_OUTPUT = "Tệp kế hoạch .yaml cần tạo. Mặc định: cùng tên, cùng thư mục với tệp Word."
HELP_IMPORT_FORCE = "Ghi đè tệp kế hoạch nếu đã có."
HELP_CHECK_FILE = "Tệp Word (.docx) cần kiểm tra thể thức."
HELP_CHECK_FORMAT = "Cách in: 'rich' (dễ đọc) hoặc 'plain' (mỗi sai lệch một dòng)."
