"""Decree 30/2020/NĐ-CP format constants: the one place that holds page, font and layout values.

Each value cites the item of Phụ lục I (or the sample Mẫu 1.4 of Phụ lục III) it comes from;
docs/the-thuc-nd30.md explains each rule in the project's words, with its sources. If the decree
is ever amended, this is the module to change. Lengths are in millimetres, font
sizes in points.
"""

from __future__ import annotations

# Phụ lục I, Mục I.1-3: A4 portrait; margins top/bottom 20-25 mm, left 30-35, right 15-20.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
HEADER_DISTANCE_MM = 10.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

# Phụ lục I, Mục I.4: Times New Roman (Unicode, TCVN 6909:2001), black.
FONT = "Times New Roman"

# Phụ lục I, Mục V (sizes); Mẫu 1.4 uses 13 pt for the header lines and 14 pt elsewhere.
SIZE_BODY = 14  # ô 6: 13-14 pt
SIZE_HEADER_ORGAN = 13  # ô 2: 12-13 pt
SIZE_QUOC_HIEU = 13  # ô 1: 12-13 pt
SIZE_TIEU_NGU = 14  # ô 1: 13-14 pt
SIZE_SO = 13  # ô 3: 13 pt
SIZE_DATE = 14  # ô 4: 13-14 pt
SIZE_TITLE = 14  # ô 5a: 13-14 pt
SIZE_SIGNER = 14  # ô 7: 13-14 pt
SIZE_NOI_NHAN_LABEL = 12  # ô 9b: "Nơi nhận:" 12 pt bold italic
SIZE_NOI_NHAN = 11  # ô 9b: entries 11 pt
SIZE_PAGE_NUMBER = 14  # Mục I.7: 13-14 pt
SIZE_ANNEX = 14  # Mục III.1: "Phụ lục" 14 pt; its title and Kèm theo line 13-14 pt

# Phụ lục I, Mục II.6: first-line indent 1-1.27 cm, >= 6 pt between paragraphs, line
# spacing from single to 1.5 lines.
FIRST_LINE_INDENT_MM = 12.7
PARAGRAPH_SPACE_BEFORE_PT = 6
LINE_SPACING = 1.15

# Fixed strings of ô 1 (Phụ lục I, Mục II.1).
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TEN_LOAI = "KẾ HOẠCH"
#: The plan family's type names and their abbreviations in the ký hiệu (Phụ lục III, Mục I:
#: "Kế hoạch" KH, "Chương trình" CTr, "Phương án" PA). The first is the default.
PLAN_FAMILIES = {"Kế hoạch": "KH", "Chương trình": "CTr", "Phương án": "PA"}
NOI_NHAN_LABEL = "Nơi nhận:"
END_MARK = "./."

# Widths of the two-column tables. The header's right column must hold the Quốc hiệu at
# 13 pt bold on one line (88.9 mm plus cell margins, docs/the-thuc-nd30.md §2.2).
HEADER_LEFT_MM = 62.0
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
CLOSING_LEFT_MM = 72.0
CLOSING_RIGHT_MM = TEXT_WIDTH_MM - CLOSING_LEFT_MM

# Rules (short horizontal lines). The Tiêu ngữ rule is as long as the Tiêu ngữ (57.3 mm at
# 14 pt bold); the organ and trích yếu rules are 1/3-1/2 of their text line (Mục II.2, II.5).
TIEU_NGU_WIDTH_MM = 57.3
#: The Quốc hiệu's width at 13 pt bold (88.9 mm; 82.0 mm at 12 pt): its column must hold it.
QUOC_HIEU_WIDTH_MM = 88.9
RULE_FRACTION = 0.42
RULE_WEIGHT_EIGHTHS_PT = 6  # 0.75 pt
# The short rule under an annex's Kèm theo line (Phụ lục III samples draw one about 3 cm long).
ANNEX_RULE_MM = 30.0

# Average glyph widths used to estimate text width for the 1/3-1/2 rules (Times New Roman,
# measured on Vietnamese text; an estimate within about 10 % is enough for the fraction).
AVG_CHAR_MM_BOLD_CAPS_13 = 2.9
AVG_CHAR_MM_BOLD_14 = 2.45

# Empty lines left for the signature and seal (Mẫu 1.4 leaves about four lines).
SIGNATURE_GAP_LINES = 4

# A blank day or number keeps room for the hand-written value (Mẫu 1.4).
BLANK_DAY = "      "
BLANK_SO = "      "

# Ranges the decree allows, which `bdg-plan check` accepts (the writer uses the values above).
MARGIN_TOP_RANGE_MM = (20.0, 25.0)  # Mục I.3
MARGIN_BOTTOM_RANGE_MM = (20.0, 25.0)
MARGIN_LEFT_RANGE_MM = (30.0, 35.0)
MARGIN_RIGHT_RANGE_MM = (15.0, 20.0)
SIZE_BODY_RANGE = (13.0, 14.0)  # ô 6, and ô 4, 5a, 7 and the page number
SIZE_HEADER_RANGE = (12.0, 13.0)  # ô 1 Quốc hiệu, ô 2
FIRST_LINE_INDENT_RANGE_MM = (10.0, 12.7)  # Mục II.6: 1 cm or 1.27 cm
LINE_SPACING_RANGE = (1.0, 1.5)  # Mục II.6: single to 1.5 lines
