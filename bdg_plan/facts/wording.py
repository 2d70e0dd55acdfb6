"""The document's own wording: the titles and column headers bdg-plan prints, read back by import.

The composer prints these words and the importer recognises a plan by them, so they are facts of
the document kept once here, not the composer's constants borrowed by the reader.
"""

from __future__ import annotations

#: The title of the document kind (ô 5a of Decree 30's layout), as the plan file names it.
TITLE_KE_HOACH = "Kế hoạch"

# Titles of the standard sections of a plan (the short form).
TITLE_MUC_DICH_YEU_CAU = "Mục đích, yêu cầu"
TITLE_MUC_DICH = "Mục đích"
TITLE_YEU_CAU = "Yêu cầu"
TITLE_NOI_DUNG = "Nội dung"
TITLE_KINH_PHI = "Kinh phí thực hiện"
TITLE_TO_CHUC = "Tổ chức thực hiện"

#: Labels of an activity's details when it is laid out as body items.
ACTIVITY_DETAILS = (
    ("chu_tri", "Đơn vị chủ trì"),
    ("phoi_hop", "Đơn vị phối hợp"),
    ("thoi_gian", "Thời gian thực hiện"),
    ("kinh_phi", "Kinh phí"),
    ("ket_qua", "Kết quả"),
)

#: The columns of an activity table: (field, header, relative width). STT comes first.
ACTIVITY_COLUMNS = (
    ("noi_dung", "Nội dung hoạt động", 4.0),
    ("chu_tri", "Đơn vị chủ trì", 2.0),
    ("phoi_hop", "Đơn vị phối hợp", 2.2),
    ("thoi_gian", "Thời gian thực hiện", 1.5),
    ("kinh_phi", "Kinh phí", 1.5),
    ("ket_qua", "Kết quả, sản phẩm", 2.0),
)
STT_HEADER = "STT"
STT_WIDTH = 0.7

# The action-month plan's own section (Tháng hành động): its title and its three items.
TITLE_CHU_DE = "Chủ đề"
TITLE_THONG_DIEP = "Thông điệp"
TITLE_THOI_GIAN = "Thời gian"
TITLE_THEME_SECTION = "Chủ đề, thông điệp và thời gian"
TITLE_THEME_SECTION_NO_MESSAGE = "Chủ đề và thời gian"
