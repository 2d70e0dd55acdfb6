"""Reading .docx files: import and check."""

from __future__ import annotations

# --- Opening a .docx safely -------------------------------------------------------------------
DOCX_OLE = (
    "Tệp này không phải .docx: đó là tệp Word 97-2003 (.doc) hoặc tệp .docx có đặt mật khẩu. "
    "Tệp có mật khẩu: hãy mở bằng Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu), lưu lại "
    "rồi chạy lại. Tệp .doc: hãy đặt đúng đuôi .doc để bdg-plan chuyển đổi, hoặc lưu lại thành .docx."
)
DOCX_NOT_REGULAR = (
    "'{file}' không phải là một tệp thông thường (thiết bị, ống dẫn, ổ cắm...). Hãy chỉ ra tệp Word "
    "(.docx, .doc) cần dùng."
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
DOCX_TOO_MANY_ENTRIES = (
    "Tệp Word chứa quá {limit} tệp thành phần bên trong (tệp .docx thường có dưới 50), không phải "
    "văn bản Word bình thường; bdg-plan không đọc tệp này."
)
DOCX_TOO_MANY_TAGS = (
    "Tệp Word có hơn {limit} thẻ định dạng XML, quá phức tạp để là một kế hoạch (có thể là tệp độc "
    "hại); bdg-plan không đọc tệp này."
)
DOCX_TOO_MANY_PARAGRAPHS = "Văn bản có quá {limit} đoạn, không phải một kế hoạch; bdg-plan dừng đọc."
DOCX_TOO_MUCH_TEXT = "Văn bản có hơn {limit} ký tự chữ, quá dài để là một kế hoạch; bdg-plan dừng đọc."
DOCX_UNPLACED_KINDS = {
    "image": "hình ảnh",
    "textbox": "hộp văn bản (text box)",
    "footnote": "chú thích cuối trang",
    "comment": "nhận xét (comment)",
    "tracked": "thay đổi đang theo dõi (Track Changes)",
    "table": "bảng",
    "text": "đoạn văn chưa xếp được",
    "part": "tiêu đề phần",
    "hidden": "chữ ẩn (Hidden), Word không in ra; đã chép vào ghi chú",
    "altchunk": "nội dung ghép từ tệp khác (altChunk), bdg-plan không đọc; hãy chép tay vào tệp kế hoạch",
    "subdoc": "văn bản con (subDoc), bdg-plan không đọc; hãy chép tay vào tệp kế hoạch",
}

# --- import -----------------------------------------------------------------------------------
IMPORT_FILL = "CẦN ĐIỀN"
#: The province when the document does not settle it (`<<...>>`: validate warns, not errs).
IMPORT_FILL_PROVINCE = "<<CẦN ĐIỀN - tên tỉnh (thành phố) của cơ quan, ví dụ Lạng Sơn>>"
IMPORT_NOT_RECOGNISED = (
    "không nhận ra văn bản là một kế hoạch (không có dòng 'KẾ HOẠCH'): mọi đoạn được chép theo thứ tự vào "
    "thân văn bản; phần đầu, người ký, nơi nhận ghi 'CẦN ĐIỀN'"
)
IMPORT_MERGED_DOWN = (
    "bảng '{table}', hàng {row}, cột '{column}': ô gộp với ô hàng trên; tệp kế hoạch không giữ ô gộp dọc, "
    "chữ ở hàng trên, ô này in trống"
)
IMPORT_MERGED_ACROSS = (
    "bảng '{table}', hàng {row}, cột '{column}': ô gộp với ô bên trái; tệp kế hoạch không giữ ô gộp ngang "
    "(trừ hàng nhóm), chữ ở cột bên trái, ô này in trống"
)
IMPORT_UNSURE = "{key}: không đọc chắc được trong tệp Word, để 'CẦN ĐIỀN'; dòng gần nhất: {text}"
IMPORT_UNSURE_YEAR = (
    "nam: không thấy năm trong tệp Word, tạm ghi năm nay ({year}); hãy sửa cho đúng; dòng gần nhất: {text}"
)
IMPORT_UNSURE_NOTHING = "(không thấy dòng nào)"
IMPORT_UNPLACED_MARKER = "KHÔNG XẾP ĐƯỢC"
IMPORT_WHERE_HEADER = "phần đầu văn bản (ô 1-4)"
IMPORT_ACTION_MONTH_NO_THEME = (
    "tên văn bản nói Tháng hành động nhưng không có mục chủ đề, thông điệp, thời gian bdg-plan đọc được: "
    "để là kế hoạch năm (in đúng như tệp Word); muốn in mục đó thì thêm 'loai_ke_hoach: thang_hanh_dong', "
    "'chu_de' và 'thang_hanh_dong'"
)
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
    "than_van_ban": "Thân văn bản theo thứ tự in: phần, mục, khoản, điểm, ý, bảng, đoạn văn.",
    "muc_dich": "I. MỤC ĐÍCH, YÊU CẦU - 1. Mục đích.",
    "yeu_cau": "2. Yêu cầu.",
    "noi_dung": "NỘI DUNG: mỗi khoản 1., 2. gồm tiêu đề (ten), đoạn văn (mo_ta), các ý (cac_y).",
    "kinh_phi": "KINH PHÍ THỰC HIỆN.",
    "to_chuc_thuc_hien": "TỔ CHỨC THỰC HIỆN: mỗi khoản là một đơn vị và nhiệm vụ của đơn vị đó.",
    "muc_them": "Các mục khác, theo thứ tự trong văn bản (bdg-plan tự đánh số La Mã).",
    "ket_thuc": "Câu kết.",
    "loai_ke_hoach": "Loại kế hoạch: Tháng hành động (in mục 'Chủ đề, thông điệp và thời gian').",
    "thang_hanh_dong": "Thời gian Tháng hành động: từ ngày (tu) đến ngày (den).",
    "chu_de": "Chủ đề Tháng hành động.",
    "thong_diep": "Các thông điệp truyền thông, mỗi dòng một thông điệp.",
    "nguoi_ky": "Người ký (ô số 7).",
    "noi_nhan": "Nơi nhận (ô số 9b): bdg-plan tự thêm '- ' và ';'.",
    "luu": "Dòng 'Lưu:' cuối nơi nhận.",
    "phu_luc": "Phụ lục in sau phần ký, trên trang riêng: tên (ten), trang ngang (ngang), nội dung.",
}
IMPORT_NO_PLAN = (
    "Không nhận ra văn bản KẾ HOẠCH trong tệp này (không thấy tên loại 'KẾ HOẠCH', phần đầu "
    "văn bản hay chữ ký). Không có tệp kế hoạch nào được ghi."
)

# --- check ------------------------------------------------------------------------------------
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
CHECK_COLOUR_FOUND = "chữ màu {colours}"
CHECK_COLOUR_RULE = "chữ màu đen"
CHECK_NO_RULE = "không có đường kẻ bên dưới"
CHECK_RULE_TIEU_NGU = "đường kẻ liền dưới Tiêu ngữ, dài bằng dòng chữ"
CHECK_RULE_ORGAN = "đường kẻ liền dưới tên cơ quan, dài 1/3 đến 1/2 dòng chữ"
CHECK_RULE_TRICH_YEU = "đường kẻ liền dưới trích yếu, dài 1/3 đến 1/2 dòng chữ"
CHECK_RULE_LENGTH = "đường kẻ dài khoảng {length} mm, dòng chữ trên nó dài khoảng {text} mm"
CHECK_PLACE = {"left": "ở bên trái", "center": "ở giữa trang", "right": "ở bên phải"}
CHECK_NOI_NHAN_PLACE = "'Nơi nhận:' ở cột bên trái, sát lề trái (như Mẫu 1.4)"
CHECK_SIGNER_PLACE = "khối chữ ký ở cột bên phải (như Mẫu 1.4: dùng bảng hai cột hoặc phím Tab)"
CHECK_NOI_NHAN_BELOW = "'Nơi nhận:' không ngang hàng với dòng đầu của khối chữ ký"
CHECK_NOI_NHAN_LEVEL = (
    "'Nơi nhận:' ngang hàng với dòng đầu (quyền hạn, chức vụ) của khối chữ ký: cùng một hàng "
    "của bảng hai cột, hoặc cùng một dòng cách nhau bằng phím Tab"
)
CHECK_QUOC_HIEU_NARROW = "cột chứa Quốc hiệu rộng khoảng {width} mm, Quốc hiệu sẽ xuống dòng"
CHECK_QUOC_HIEU_WIDTH = "Quốc hiệu trên một dòng: cột rộng ít nhất khoảng {width} mm ở cỡ chữ {size}"
CHECK_SO_RULE = "dòng 'Số: .../KH-...' dưới tên cơ quan"
CHECK_SO_PADDING = "số nhỏ hơn 10 ghi thêm số 0 ở trước, ví dụ 'Số: 05/KH-UBND'"
CHECK_KY_HIEU_SPACES = "ký hiệu viết liền, gạch nối không có dấu cách, ví dụ 'KH-UBND'"
CHECK_DATE_RULE = "dòng địa danh, ngày tháng năm dưới Quốc hiệu, Tiêu ngữ"
CHECK_DAY_PADDING = "ngày nhỏ hơn 10 ghi thêm số 0, ví dụ 'ngày 06'"
CHECK_MONTH_PADDING = "tháng 1 và tháng 2 ghi thêm số 0: 'tháng 01', 'tháng 02'"
CHECK_PLACE_UNIT_WORD = (
    "đơn vị mang tên người, tên số hoặc sự kiện lịch sử ghi đủ cả chữ 'Xã', 'Phường' ở địa danh "
    "(Phụ lục I, Mục II.4)"
)
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

# --- import (on the terminal) ---
IMPORT_DOC_NEEDS_LIBREOFFICE = (
    "Tệp Word 97-2003 (.doc), .odt hoặc .rtf cần LibreOffice để chuyển sang .docx trước khi nhập, "
    "nhưng máy chưa cài LibreOffice. Cách khác: mở tệp bằng Word, chọn Lưu thành > 'Tài liệu Word "
    "(*.docx)', rồi nhập tệp .docx đó."
)
IMPORT_OUTPUT_IS_WORD = (
    "Tệp kết quả '{file}' là tệp Word; bdg-plan import ghi ra tệp kế hoạch .yaml. Hãy chọn tên .yaml bằng -o."
)
IMPORT_TOO_MUCH_TEXT = (
    "Văn bản có hơn {limit} ký tự chữ: tệp kế hoạch nhập ra sẽ vượt giới hạn {mb} MB của một tệp "
    "kế hoạch (bdg-plan validate không đọc tệp lớn hơn). Không có tệp kế hoạch nào được ghi."
)
IMPORT_PARAGRAPH_TOO_LONG = (
    "Đoạn {number} ('{words}') dài {length} ký tự, quá giới hạn {limit} ký tự của một giá trị trong "
    "tệp kế hoạch. Hãy tách đoạn đó thành nhiều đoạn trong Word rồi nhập lại. Không có tệp kế "
    "hoạch nào được ghi."
)
IMPORT_VALUE_TOO_LONG = (
    "Mục '{key}' của tệp kế hoạch nhập ra dài {length} ký tự, quá giới hạn {limit} ký tự của một "
    "giá trị. Hãy tách đoạn đó thành nhiều đoạn trong Word rồi nhập lại. Không có tệp kế hoạch "
    "nào được ghi."
)
IMPORT_TOO_MANY_VALUES = (
    "Tệp kế hoạch nhập ra sẽ có hơn {limit} giá trị, quá giới hạn của một tệp kế hoạch. Không có "
    "tệp kế hoạch nào được ghi."
)
IMPORT_PLAN_TOO_LARGE = (
    "Tệp kế hoạch nhập ra sẽ dài {size} byte, quá giới hạn {limit} byte ({mb} MB) của một tệp kế "
    "hoạch (bdg-plan validate không đọc tệp lớn hơn). Không có tệp kế hoạch nào được ghi."
)
#: Hidden text (Word's "Hidden" font setting), written as a comment, never as a value.
IMPORT_HIDDEN_LINE = "(chữ ẩn, đoạn {number}) {text}"
IMPORT_SUMMARY_ITEMS = "{count} mục"
#: A key the Word file left blank (a draft's "Số:    /KH-UBND").
IMPORT_SUMMARY_BLANK = "(để trống)"
IMPORT_WRITTEN = "Đã ghi tệp kế hoạch: {file}"
IMPORT_SUMMARY_TITLE = "Nội dung đã xếp vào tệp kế hoạch"
IMPORT_COL_KEY = "Khóa"
IMPORT_COL_WHAT = "Nội dung"
IMPORT_UNPLACED_TITLE = (
    "{count} phần chưa xếp được vào mục (chữ của chúng đã chép thành ghi chú '# KHÔNG XẾP ĐƯỢC' trong "
    "tệp; hình ảnh thì không chép được, hãy xem lại tệp Word):"
)
IMPORT_UNPLACED_LINE = "- đoạn {number} ('{words}'): {kind}"
IMPORT_TO_FILL = "Chỗ cần điền (ghi '{fill}' trong tệp): {keys}"
IMPORT_CHECK_TITLE = "Kiểm tra thể thức của tệp Word gốc:"
IMPORT_NEXT = "Tiếp theo: đọc lại tệp, rồi chạy  bdg-plan validate {plan}  và  bdg-plan render {plan}"

# --- import: the word ledger, notes, comments, text boxes and tracked changes ---------------------
#: The heading of each "# KHÔNG XẾP ĐƯỢC" block written at the end of the plan file, by what it holds.
IMPORT_EXTRA_HEADINGS = {
    "footnote": "(chú thích cuối trang)",
    "endnote": "(chú thích cuối văn bản)",
    "comment": "(nhận xét)",
    "textbox": "(hộp văn bản)",
    "tracked": "(thay đổi đang theo dõi, đã nhận)",
    "header": "(đầu trang/chân trang)",
    "rescued": "(chữ chưa xếp được vào mục)",
}
IMPORT_EXTRA_LINE = "(đoạn {number}) {text}"
IMPORT_HEADER_LINE = "{text}"
#: A tracked change as listed: in its comment and on the terminal.
IMPORT_CHANGE_LINES = {
    "inserted": "(đoạn {number}, phần thêm, đã nhận) {text}",
    "deleted": "(đoạn {number}, phần xóa, đã bỏ khỏi văn bản) {text}",
    "moved": "(đoạn {number}, phần chuyển đi nơi khác, đã bỏ ở chỗ cũ) {text}",
    "moved_to": "(đoạn {number}, phần chuyển đến đây, đã nhận) {text}",
}
IMPORT_CHANGES_TITLE = (
    "{count} thay đổi đang theo dõi (Track Changes) đã được nhận như Word hiện khi chấp nhận tất cả:"
)
IMPORT_LEDGER = (
    "{total} chữ trong tệp Word: {placed} đã xếp vào mục, {noted} ghi thành ghi chú, {lost} bị mất"
)
IMPORT_LEDGER_REPRINTED = "{count} chữ bdg-plan tự in lại khi tạo văn bản, không cần lưu: {classes}"
IMPORT_LEDGER_CLASS = "{name} ({count})"
IMPORT_LEDGER_CLASSES = {
    "label": "nhãn số thứ tự I., 1., a), -",
    "fixed": "quốc hiệu, tiêu ngữ, 'Số:', 'Nơi nhận:', 'Lưu:', chữ 'ngày tháng năm'",
    "title": "tên loại và tên mục cố định",
    "signer": "chữ TM., KT., Q., TL., TUQ. của người ký",
    "page": "số trang",
}
IMPORT_LEDGER_BLOCK = "- ghi chú {heading}: {count} chữ"
IMPORT_LEDGER_BLOCK_KEYS = "- ghi chú '# KHÔNG XẾP ĐƯỢC' cạnh các mục: {count} chữ"
