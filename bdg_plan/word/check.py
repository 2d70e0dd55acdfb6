"""Check: the Decree 30/2020/NĐ-CP layout rules that `render` guarantees, judged on any .docx.

The document is read and cut into its parts by the same code `import` uses, and every rule
takes its values from `bdg_plan.facts.nd30`, the module the writer lays documents out with, so a rule
lives once and serves both directions. Each deviation names its paragraph (number and first
words), what was found and what the decree asks for. A rule broken by many body paragraphs is
reported once, at the first, with the count of the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from bdg_plan import messages as msg
from bdg_plan.docx.read.values import Paragraph, ReadDocument, Section, Table, shorten
from bdg_plan.facts import nd30
from bdg_plan.facts.admin_map import ALL_COMMUNE_KINDS, alternation
from bdg_plan.facts.place_names import keeps_unit_word
from bdg_plan.facts.vietnamese import date_padding_faults
from bdg_plan.word.check_layout import closing_faults, header_width_faults, rule_faults
from bdg_plan.word.find_parts import Found, clean, is_caps, parse_date, parse_so
from bdg_plan.word.outline_read import classify

_TOLERANCE_MM = 0.3
_DAY = re.compile(r"ngày\s+(\S+)\s+tháng\s+(\S+)\s+năm", re.IGNORECASE)

#: A place written with its unit word first ("Phường Lương Văn Tri").
_UNIT_FIRST = re.compile(rf"^{alternation(ALL_COMMUNE_KINDS)}\s", re.IGNORECASE)


@dataclass(frozen=True)
class Deviation:
    """One departure from Decree 30: where (paragraph 0 = the page setup), what, and the rule."""

    paragraph: int
    words: str
    code: str
    found: str
    wanted: str
    others: int = 0

    @property
    def message(self) -> str:
        """The deviation in Vietnamese, in one sentence."""
        text = msg.CHECK_DEVIATION.format(found=self.found, wanted=self.wanted)
        if self.others:
            text += " " + msg.CHECK_OTHERS.format(count=self.others)
        return text

    @property
    def where(self) -> str:
        """Where: "đoạn 12 ('I. MỤC ĐÍCH…')", or the page for the page setup."""
        if not self.paragraph:
            return msg.CHECK_WHERE_PAGE
        return msg.CHECK_WHERE.format(number=self.paragraph, words=self.words)

    def plain(self, file: str) -> str:
        """One line: `file:đoạn N: CODE message`."""
        return f"{file}:{self.paragraph}: {self.code} {self.where}: {self.message}"


class _Checker:
    def __init__(self) -> None:
        self.found: list[Deviation] = []
        self._grouped: dict[str, int] = {}

    def add(self, para: Paragraph | None, code: str, found: str, wanted: str, *, group: bool = False) -> None:
        if group and code in self._grouped:
            index = self._grouped[code]
            old = self.found[index]
            self.found[index] = Deviation(
                old.paragraph, old.words, old.code, old.found, old.wanted, old.others + 1
            )
            return
        number, words = (para.number, para.first_words()) if para is not None else (0, "")
        if group:
            self._grouped[code] = len(self.found)
        self.found.append(Deviation(number, words, code, shorten(found), wanted))


def _size(para: Paragraph) -> float | None:
    sizes = [f.size_pt for text, f in para.runs if text.strip()]
    return max(set(sizes), key=sizes.count) if sizes else None


def _in(value: float, low: float, high: float) -> bool:
    return low - _TOLERANCE_MM <= value <= high + _TOLERANCE_MM


def _pt(value: float) -> str:
    return f"{value:g} pt"


def _range(low: float, high: float, unit: str) -> str:
    return f"{low:g}-{high:g} {unit}" if low != high else f"{low:g} {unit}"


def _check_size(
    c: _Checker, para: Paragraph, code: str, low: float, high: float, group: bool = False
) -> None:
    size = _size(para)
    if size is not None and not low <= size <= high:
        c.add(para, code, _pt(size), _range(low, high, "pt"), group=group)


def _check_style(
    c: _Checker, para: Paragraph | None, code: str, *, bold: bool | None = None, italic: bool | None = None
) -> None:
    if para is None:
        return
    if bold is not None and para.bold != bold:
        c.add(para, code, msg.CHECK_BOLD[para.bold], msg.CHECK_BOLD[bold])
    if italic is not None and para.italic != italic:
        c.add(para, code, msg.CHECK_ITALIC[para.italic], msg.CHECK_ITALIC[italic])


def _page(c: _Checker, sections: list[Section]) -> None:
    if not sections:
        return
    main = sections[0]
    width, height = sorted((main.width_mm, main.height_mm))
    if abs(width - nd30.PAGE_WIDTH_MM) > 1 or abs(height - nd30.PAGE_HEIGHT_MM) > 1:
        c.add(None, "ND30-KHO-GIAY", f"{width:.0f} x {height:.0f} mm", msg.CHECK_A4)
    elif main.width_mm > main.height_mm:
        c.add(None, "ND30-KHO-GIAY", msg.CHECK_LANDSCAPE, msg.CHECK_PORTRAIT)
    margins = (
        ("ND30-LE-TREN", main.top_mm, nd30.MARGIN_TOP_RANGE_MM, msg.CHECK_MARGIN_NAMES[0]),
        ("ND30-LE-DUOI", main.bottom_mm, nd30.MARGIN_BOTTOM_RANGE_MM, msg.CHECK_MARGIN_NAMES[1]),
        ("ND30-LE-TRAI", main.left_mm, nd30.MARGIN_LEFT_RANGE_MM, msg.CHECK_MARGIN_NAMES[2]),
        ("ND30-LE-PHAI", main.right_mm, nd30.MARGIN_RIGHT_RANGE_MM, msg.CHECK_MARGIN_NAMES[3]),
    )
    for code, value, (low, high), name in margins:
        if not _in(value, low, high):
            c.add(None, code, f"{name} {value:.1f} mm", _range(low, high, "mm"))
    if (main.title_page and main.first_header_page) or (not main.title_page and main.default_header_page):
        c.add(None, "ND30-SO-TRANG-1", msg.CHECK_PAGE_ONE, msg.CHECK_PAGE_RULE)
    elif not main.default_header_page:
        found = msg.CHECK_PAGE_FOOTER if main.footer_page else msg.CHECK_PAGE_NONE
        c.add(None, "ND30-SO-TRANG", found, msg.CHECK_PAGE_RULE)


def _fonts(c: _Checker, paragraphs: Iterable[Paragraph]) -> None:
    """Font and colour of every visible run, anywhere: header, body, tables, signature."""
    for para in paragraphs:
        visible = [f for text, f in para.runs if text.strip()]
        wrong = sorted({str(f.font) for f in visible if f.font != nd30.FONT})
        if wrong:
            c.add(para, "ND30-PHONG-CHU", ", ".join(wrong), nd30.FONT, group=True)
        colours = sorted({f.color for f in visible if not f.black})
        if colours:
            found = msg.CHECK_COLOUR_FOUND.format(colours=", ".join(colours))
            c.add(para, "ND30-MAU-CHU", found, msg.CHECK_COLOUR_RULE, group=True)


def _header(c: _Checker, found: Found) -> None:
    header = found.header
    if header.quoc_hieu is None:
        c.add(None, "ND30-QUOC-HIEU", msg.CHECK_MISSING, nd30.QUOC_HIEU)
    else:
        _check_style(c, header.quoc_hieu, "ND30-QUOC-HIEU", bold=True)
        _check_size(c, header.quoc_hieu, "ND30-QUOC-HIEU", *nd30.SIZE_HEADER_RANGE)
    if header.tieu_ngu is None:
        c.add(None, "ND30-TIEU-NGU", msg.CHECK_MISSING, nd30.TIEU_NGU)
    else:
        _check_style(c, header.tieu_ngu, "ND30-TIEU-NGU", bold=True)
        _check_size(c, header.tieu_ngu, "ND30-TIEU-NGU", *nd30.SIZE_BODY_RANGE)
        if clean(header.tieu_ngu.text) != nd30.TIEU_NGU:
            c.add(header.tieu_ngu, "ND30-TIEU-NGU", clean(header.tieu_ngu.text), nd30.TIEU_NGU)
    for para in header.organ:
        _check_style(c, para, "ND30-CO-QUAN", bold=True)
        _check_size(c, para, "ND30-CO-QUAN", *nd30.SIZE_HEADER_RANGE)
        if not is_caps(para.text):
            c.add(para, "ND30-CO-QUAN", clean(para.text), msg.CHECK_CAPS)
    # A joint plan's two organs can read as a superior line above the organ: the lead organ's
    # first line is bold there (as import reads it), and is judged as an organ line instead.
    joint_organ = bool(found.closing.joint_signer) and header.superior is not None and header.superior.bold
    if header.superior is not None and not joint_organ:
        _check_style(c, header.superior, "ND30-CO-QUAN-CAP-TREN", bold=False)
    _so(c, found)
    _date(c, found)


def _so(c: _Checker, found: Found) -> None:
    para = found.header.so
    if para is None:
        c.add(None, "ND30-SO-KY-HIEU", msg.CHECK_MISSING, msg.CHECK_SO_RULE)
        return
    _check_size(c, para, "ND30-SO-KY-HIEU", nd30.SIZE_SO, nd30.SIZE_SO)
    parsed = parse_so(found.header.so_text)
    number = re.search(r"Số\s*:?\s*(\d+)", para.text)
    if number and len(number.group(1)) == 1:
        c.add(para, "ND30-SO-KY-HIEU", clean(para.text), msg.CHECK_SO_PADDING)
    if parsed and (" -" in para.text or "- " in para.text.split("/")[-1]):
        c.add(para, "ND30-SO-KY-HIEU", clean(para.text), msg.CHECK_KY_HIEU_SPACES)


def _date(c: _Checker, found: Found) -> None:
    para = found.header.date
    if para is None:
        c.add(None, "ND30-NGAY-THANG", msg.CHECK_MISSING, msg.CHECK_DATE_RULE)
        return
    _check_style(c, para, "ND30-NGAY-THANG", italic=True, bold=False)
    _check_size(c, para, "ND30-NGAY-THANG", *nd30.SIZE_BODY_RANGE)
    parsed = parse_date(found.header.date_text)
    if parsed is None:
        return
    place, day, month, _year, day_text = parsed
    if keeps_unit_word(place) and not _UNIT_FIRST.match(place.strip()):
        c.add(para, "ND30-NGAY-THANG", place, msg.CHECK_PLACE_UNIT_WORD)
    month_text = _DAY.search(found.header.date_text)
    typed_month = month_text.group(2) if month_text else str(month)
    faults = date_padding_faults(day, day_text, month, typed_month)
    if "day" in faults:
        c.add(para, "ND30-NGAY-THANG", f"ngày {day_text}", msg.CHECK_DAY_PADDING)
    if "month" in faults:
        c.add(para, "ND30-NGAY-THANG", f"tháng {typed_month}", msg.CHECK_MONTH_PADDING)
    if "month-padded" in faults:
        c.add(para, "ND30-NGAY-THANG", f"tháng {typed_month}", msg.CHECK_MONTH_NO_PADDING)


def _title(c: _Checker, found: Found) -> None:
    if found.title is None:
        c.add(None, "ND30-TEN-LOAI", msg.CHECK_MISSING, nd30.TEN_LOAI)
        return
    _check_style(c, found.title, "ND30-TEN-LOAI", bold=True)
    _check_size(c, found.title, "ND30-TEN-LOAI", *nd30.SIZE_BODY_RANGE)
    if found.title.fmt.align != "center":
        c.add(
            found.title,
            "ND30-TEN-LOAI",
            msg.CHECK_ALIGN.get(found.title.fmt.align, found.title.fmt.align),
            msg.CHECK_ALIGN["center"],
        )
    for para in found.trich_yeu:
        _check_style(c, para, "ND30-TRICH-YEU", bold=True)
        _check_size(c, para, "ND30-TRICH-YEU", *nd30.SIZE_BODY_RANGE)


def _body(c: _Checker, found: Found) -> None:
    after_part = False
    # A table's caption is the centred line right above it (Phụ lục I, Mục II.6 sets no rule).
    captions = {
        id(item)
        for item, after in zip(found.body, found.body[1:], strict=False)
        if isinstance(item, Paragraph) and isinstance(after, Table) and item.fmt.align == "center"
    }
    for para in (p for p in found.body if isinstance(p, Paragraph) and clean(p.shown)):
        _check_size(c, para, "ND30-CO-CHU", *nd30.SIZE_BODY_RANGE, group=True)
        if id(para) in captions:
            continue
        kind, text = classify(para)
        if kind == "muc" and not (para.bold and is_caps(text)):
            c.add(para, "ND30-DE-MUC", msg.CHECK_HEADING_FOUND, msg.CHECK_HEADING_MUC, group=True)
        # "Phần I" and, on the line under it, the part's title in capitals (Phụ lục I, Mục II.6).
        part_title = after_part and kind == "doan" and is_caps(text)
        after_part = kind == "phan"
        if (kind == "phan" or part_title) and (not para.bold or para.fmt.align != "center"):
            c.add(para, "ND30-PHAN", msg.CHECK_HEADING_FOUND, msg.CHECK_HEADING_PHAN, group=True)
        if kind == "doan" and not part_title:
            _paragraph(c, para)


def _paragraph(c: _Checker, para: Paragraph) -> None:
    """A body paragraph's layout: justified, first-line indent, spacing, line spacing (Mục II.6)."""
    low_indent, high_indent = nd30.FIRST_LINE_INDENT_RANGE_MM
    low_line, high_line = nd30.LINE_SPACING_RANGE
    fmt = para.fmt
    if fmt.align != "justify":
        align = msg.CHECK_ALIGN.get(fmt.align, fmt.align)
        c.add(para, "ND30-CANH-DEU", align, msg.CHECK_ALIGN["justify"], group=True)
    if fmt.left_mm < 1 and not _in(fmt.first_line_mm, low_indent, high_indent):
        found = f"{fmt.first_line_mm:.1f} mm"
        c.add(para, "ND30-THUT-DAU-DONG", found, _range(1.0, 1.27, "cm"), group=True)
    if fmt.before_pt + fmt.after_pt < nd30.PARAGRAPH_SPACE_BEFORE_PT - 0.1:
        space = _pt(fmt.before_pt + fmt.after_pt)
        c.add(para, "ND30-CACH-DOAN", space, msg.CHECK_SPACE_RULE, group=True)
    if fmt.line_rule == "auto" and fmt.line and not low_line - 0.01 <= fmt.line <= high_line + 0.01:
        c.add(para, "ND30-GIAN-DONG", f"{fmt.line:g}", msg.CHECK_LINE_RULE, group=True)


def _closing(c: _Checker, found: Found) -> None:
    closing = found.closing
    if closing.label is None:
        c.add(None, "ND30-NOI-NHAN", msg.CHECK_MISSING, nd30.NOI_NHAN_LABEL)
    else:
        _check_style(c, closing.label, "ND30-NOI-NHAN", bold=True, italic=True)
        _check_size(c, closing.label, "ND30-NOI-NHAN", nd30.SIZE_NOI_NHAN_LABEL, nd30.SIZE_NOI_NHAN_LABEL)
    entries = [(t, p) for t, p in closing.recipients]
    for index, (text, para) in enumerate(entries):
        if para is not closing.label:
            _check_size(c, para, "ND30-NOI-NHAN-DONG", nd30.SIZE_NOI_NHAN, nd30.SIZE_NOI_NHAN, group=True)
        last = index == len(entries) - 1
        if not text.startswith("-") or not text.endswith("." if last else ";"):
            wanted = msg.CHECK_NOI_NHAN_LAST if last else msg.CHECK_NOI_NHAN_ENTRY
            c.add(para, "ND30-NOI-NHAN-DONG", text, wanted, group=not last)
    lines = [p for _, p in closing.signer]
    if not lines:
        c.add(None, "ND30-CHU-KY", msg.CHECK_MISSING, msg.CHECK_SIGNER_RULE)
    for para in lines:
        _check_style(c, para, "ND30-CHU-KY", bold=True)
        _check_size(c, para, "ND30-CHU-KY", *nd30.SIZE_BODY_RANGE)


def check_document(document: ReadDocument, found: Found) -> list[Deviation]:
    """Every deviation from Decree 30 found in a read document, in document order."""
    c = _Checker()
    _page(c, document.sections)
    _fonts(c, document.paragraphs)
    _header(c, found)
    _title(c, found)
    _body(c, found)
    _closing(c, found)
    for para, code, what, wanted in chain(
        rule_faults(document, found), closing_faults(document, found), header_width_faults(document, found)
    ):
        c.add(para, code, what, wanted)
    return sorted(c.found, key=lambda d: d.paragraph)


def check_bytes(data: bytes) -> list[Deviation]:
    """Read a .docx and check it.

    Raises:
        DocxReadError: the file is not a readable, safe .docx.

    """
    from bdg_plan.docx.read.body import collector_paused, read_docx
    from bdg_plan.word.find_parts import find_parts

    with collector_paused():
        document = read_docx(data)
        return check_document(document, find_parts(document))
