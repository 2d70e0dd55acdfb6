"""Reading a .docx (import, check): find the parts of a KẾ HOẠCH in the paragraphs read.

The document is cut into zones around two landmarks: the title ("KẾ HOẠCH") and the "Nơi
nhận:" label. Before the title is the header (ô 1-4), laid out as a table, with or without
merged cells, or as lines with tabs; between the title and "Nơi nhận" are the trích yếu, the
opening paragraphs, the outline and the closing sentence; from "Nơi nhận" on are the recipients
(left) and the signer block (right), again a table or tab lines; after the signature come the
annexes, each from its "Phụ lục" heading. Each found part keeps its paragraphs, so `check` can
judge their layout and `import` can name what it could not place.

Over 400 lines on purpose: it is the one place that cuts a document into its zones, one short
function per zone, and the zones are read best side by side.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from bdg_plan.docx.read.body import _DEFAULT_CELL_MARGINS_MM
from bdg_plan.docx.read.values import Paragraph, ReadDocument, Section, Table
from bdg_plan.facts import nd30
from bdg_plan.facts.admin_map import ALL_COMMUNE_KINDS, DISTRICT_KINDS, alternation

#: Document-type names that open the body (Phụ lục III abbreviations: KH, CTr, PA).
TITLES = ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "PHƯƠNG ÁN")

_SO = re.compile(r"^\s*Số\s*:?\s*(\d*)[\s.…]*/\s*(\S+)\s*$", re.IGNORECASE)
_DATE = re.compile(
    r"^\s*(?P<place>[^,]+?)\s*,\s*ngày\s*(?P<day>[\d\s.…]*?)\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})\s*$",
    re.IGNORECASE,
)
#: The date typed in figures: "Tân Lập, ngày 14/8/2025", "Tân Lập, 14-8-2025", "ngày 14.8.2025".
_NUMERIC_DATE = re.compile(
    r"^\s*(?P<place>[^,]+?)\s*,\s*(?:ngày\s*)?(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*"
    r"(?P<year>\d{4})\s*$",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.+)$")


def _date_match(text: str) -> re.Match[str] | None:
    return _DATE.match(text) or _NUMERIC_DATE.match(text)


@dataclass
class Line:
    """One laid-out line: its left and right text, and the paragraph each came from."""

    left: str = ""
    right: str = ""
    left_para: Paragraph | None = None
    right_para: Paragraph | None = None


@dataclass
class Header:
    """Ô 1-4 as found: organ lines, superior, số/ký hiệu, place and date, the motto lines."""

    superior: Paragraph | None = None
    superior_text: str | None = None
    organ: list[Paragraph] = field(default_factory=list)
    organ_text: list[str] = field(default_factory=list)
    so: Paragraph | None = None
    so_text: str = ""
    date: Paragraph | None = None
    date_text: str = ""
    quoc_hieu: Paragraph | None = None
    tieu_ngu: Paragraph | None = None
    rules: list[Paragraph] = field(default_factory=list)


@dataclass
class Closing:
    """Ô 7 and ô 9b as found: the recipients and the signer's lines."""

    label: Paragraph | None = None
    recipients: list[tuple[str, Paragraph]] = field(default_factory=list)
    signer: list[tuple[str, Paragraph]] = field(default_factory=list)
    joint_signer: list[tuple[str, Paragraph]] = field(default_factory=list)


@dataclass
class Annex:
    """A "Phụ lục" after the signature: its heading, title lines, Kèm theo line and content."""

    label: Paragraph
    title: list[str] = field(default_factory=list)
    kem_theo: Paragraph | None = None
    body: list[Paragraph | Table] = field(default_factory=list)
    landscape: bool = False


@dataclass
class Found:
    """The zones of a KẾ HOẠCH in a read document."""

    header: Header
    title: Paragraph | None
    trich_yeu: list[Paragraph]
    trich_yeu_rule: Paragraph | None
    body: list[Paragraph | Table]
    closing: Closing
    extra: list[Paragraph]
    annexes: list[Annex] = field(default_factory=list)
    #: Paragraphs after a signature laid out as a table (and before any annex): no part of it.
    trailing: list[Paragraph] = field(default_factory=list)
    #: Every paragraph before the title (table cells included), as typed: quoted for what is unsure.
    head: list[Paragraph] = field(default_factory=list)


def is_caps(text: str) -> bool:
    """All letters are capitals (and there is at least one)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def clean(text: str) -> str:
    """Spaces collapsed, ends trimmed; line breaks kept."""
    lines = [" ".join(line.replace("\t", " ").split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _columns(paragraph: Paragraph) -> list[Paragraph]:
    """The tab-separated pieces of a paragraph, each with its own runs (same paragraph number)."""
    pieces: list[list[tuple[str, Any]]] = [[]]
    for text, fmt in paragraph.runs:
        parts = text.split("\t")
        for index, part in enumerate(parts):
            if index:
                pieces.append([])
            if part:
                pieces[-1].append((part, fmt))
    found = []
    for piece_index, runs in enumerate(pieces):
        text = "".join(t for t, _ in runs)
        if text.strip():
            label = paragraph.label if piece_index == 0 else ""
            found.append(replace(paragraph, text=text.strip(), runs=tuple(runs), label=label))
    return found


def _split_tabs(paragraph: Paragraph) -> Line:
    """A tab-laid line: the first piece is the left column, the last the right one."""
    if "\t" not in paragraph.text:
        text = clean(paragraph.shown)
        if not text:
            return Line(left_para=paragraph) if paragraph.fmt.border_bottom else Line()
        left_side = paragraph.fmt.align in ("left", "justify") and paragraph.fmt.left_mm < 40
        if left_side and not _right_side(text):
            return Line(left=text, left_para=paragraph)
        return Line(right=text, right_para=paragraph)
    pieces = _columns(paragraph)
    if not pieces:
        return Line()
    if len(pieces) == 1:
        piece = pieces[0]
        if paragraph.text.lstrip(" ").startswith("\t") or _right_side(piece.text):
            return Line(right=clean(piece.text), right_para=piece)
        return Line(left=clean(piece.shown), left_para=piece)
    left, right = pieces[0], pieces[-1]
    middle = [p.text for p in pieces[1:-1]]
    if middle:
        right = replace(right, text=" ".join([*middle, right.text]))
    return Line(clean(left.shown), clean(right.text), left, right)


def _right_side(text: str) -> bool:
    upper = text.upper()
    return (
        upper.startswith(nd30.QUOC_HIEU)
        or _dashes(upper).startswith(nd30.TIEU_NGU.upper())
        or bool(_date_match(text))
        or bool(_AUTHORITY.match(text))
    )


def _lines(items: list[Paragraph | Table]) -> list[Line]:
    """Lay out tables (column 0 left, last column right) and tab lines as left/right lines."""
    lines: list[Line] = []
    for item in items:
        if isinstance(item, Paragraph):
            lines.append(_split_tabs(item))
            continue
        for row_index, row in enumerate(item.rows):
            if not row:
                continue
            # Cells by the grid column they start at: under a cell merged down the left column,
            # a row's first kept cell is the right one.
            starts = item.starts[row_index] if row_index < len(item.starts) else ()
            if len(starts) != len(row):
                starts = tuple(range(len(row)))
            left = [p for cell, start in zip(row, starts, strict=True) if start == 0 for p in cell]
            right = [p for cell, start in zip(row, starts, strict=True) if start > 0 for p in cell]
            for index in range(max(len(left), len(right))):
                line = Line()
                if index < len(left):
                    line.left, line.left_para = clean(left[index].shown), left[index]
                if index < len(right):
                    line.right, line.right_para = clean(right[index].shown), right[index]
                lines.append(line)
    return lines


def _is_title(item: Paragraph | Table) -> bool:
    return isinstance(item, Paragraph) and clean(item.shown).upper() in TITLES and item.cell is None


def _is_noi_nhan(text: str) -> bool:
    return text.strip().lower().startswith("nơi nhận")


def find_parts(document: ReadDocument) -> Found:
    """Cut the document into its zones and recognise the header and the closing."""
    body = [_typed_widths(item, document) if isinstance(item, Table) else item for item in document.body]
    title_index = next((i for i, item in enumerate(body) if _is_title(item)), None)
    head_items = body[:title_index] if title_index is not None else []
    rest = body[title_index + 1 :] if title_index is not None else body
    close_index = next((i for i, item in enumerate(rest) if _holds_noi_nhan(item)), len(rest))
    header = _header(_lines(head_items))
    trich_yeu, rule, start = _trich_yeu(rest[:close_index])
    # Annexes follow the signature; with no "Nơi nhận" found, they follow the body.
    annex_from = close_index if close_index < len(rest) else start
    annex_index = next((i for i in range(annex_from, len(rest)) if _is_annex(rest[i])), len(rest))
    closing_items = rest[close_index:annex_index]
    trailing: list[Paragraph] = []
    if closing_items and isinstance(closing_items[0], Table):
        # A signature table ends the closing; a table right after it holds a joint signer.
        end = 2 if len(closing_items) > 1 and isinstance(closing_items[1], Table) else 1
        trailing = [p for p in closing_items[end:] if isinstance(p, Paragraph) and clean(p.shown)]
        closing_items = closing_items[:end]
    closing = _closing(_lines(closing_items))
    close_index = min(close_index, annex_index)
    title = body[title_index] if title_index is not None else None
    extra = [p for p in head_items if isinstance(p, Paragraph) and p.text.strip()]
    in_header = {h.number for h in _header_paragraphs(header)}
    return Found(
        header=header,
        title=title if isinstance(title, Paragraph) else None,
        trich_yeu=trich_yeu,
        trich_yeu_rule=rule,
        body=rest[start:close_index],
        closing=closing,
        extra=[p for p in extra if p.number not in in_header],
        annexes=_annexes(rest[annex_index:], document.sections),
        trailing=trailing,
        head=[p for item in head_items for p in _item_paragraphs(item)],
    )


def _item_paragraphs(item: Paragraph | Table) -> list[Paragraph]:
    if isinstance(item, Paragraph):
        return [item]
    return [p for row in item.rows for cell in row for p in cell]


#: How far the cells' own widths (`w:tcW`) may stray from the grid before they are taken instead.
_WIDTH_TOLERANCE = 0.15


def _typed_widths(table: Table, document: ReadDocument) -> Table:
    """The table with its columns as wide as its cells say, when the grid gives no widths of its own.

    A table whose grid (`w:gridCol`) is missing, or all equal while the cells (`w:tcW`) were set
    to 1.2 / 8.3 / 3.5 / 3.5 cm, keeps the cells' widths; a grid of unequal widths is kept.
    They are read from the first row of single cells, one per grid column, each width given.
    """
    for row_index, row in enumerate(table.rows):
        spans = table.spans[row_index] if row_index < len(table.spans) else ()
        if not row or any(span != 1 for span in spans) or len(spans) != len(row):
            continue
        if table.grid_mm and len(row) != len(table.grid_mm):
            continue
        keys = [(table.index, row_index, column) for column in range(len(row))]
        if not all(key in document.cell_widths for key in keys):
            continue
        widths = [document.cell_widths[key] + _DEFAULT_CELL_MARGINS_MM for key in keys]
        grid = list(table.grid_mm)
        if grid and (_differ(grid, [1.0] * len(grid)) or not _differ(widths, grid)):
            return table
        return replace(table, grid_mm=tuple(widths))
    return table


def _differ(first: list[float], second: list[float]) -> bool:
    """Two sets of column widths whose shares of the whole differ by more than the tolerance."""
    total_a, total_b = sum(first), sum(second)
    if total_a <= 0 or total_b <= 0:
        return False
    return any(
        abs(a / total_a - b / total_b) > _WIDTH_TOLERANCE * (b / total_b)
        for a, b in zip(first, second, strict=True)
    )


# --- Annexes -----------------------------------------------------------------------------------
#: "Phụ lục", "PHỤ LỤC II", "Phụ lục số 01", "PHỤ LỤC I: DANH MỤC ..." (title on the same line).
_ANNEX = re.compile(
    r"^phụ\s*lục(?:\s+(?:số\s*)?(?:[IVXLC]+|\d+)\b)?\s*(?:[.:–-]\s*(?P<title>.+)|(?P<rest>.*))$",
    re.IGNORECASE | re.DOTALL,
)


def _is_annex(item: Paragraph | Table) -> bool:
    """An annex heading: a "Phụ lục" line on its own (or with its title in capitals), any layout.

    Clerks centre it, set it bold, or put "Phụ lục I" in italics at the right; a sentence that
    only names an annex ("Phụ lục kèm theo ...") is no heading.
    """
    if not isinstance(item, Paragraph) or item.cell is not None:
        return False
    match = _ANNEX.match(clean(item.shown).split("\n")[0])
    if match is None:
        return False
    return is_caps(match.group("title") or "X") and not (match.group("rest") or "").strip()


def _annex_title(item: Paragraph, text: str, first: bool) -> bool:
    """A title line: in capitals, bold or centred; the first may be bold centred lower case."""
    centred = item.fmt.align == "center"
    return (is_caps(text) and (item.bold or centred)) or (first and item.bold and centred)


def _annexes(items: list[Paragraph | Table], sections: list[Section]) -> list[Annex]:
    """Each annex from its heading to the next: title lines, the Kèm theo line, then content.

    When each annex has a section of its own (the way bdg-plan prints them), its page
    orientation is read from that section.
    """
    annexes = _annex_zones(items)
    if len(sections) == len(annexes) + 1:
        for annex, section in zip(annexes, sections[1:], strict=True):
            annex.landscape = section.width_mm > section.height_mm
    return annexes


def _annex_zones(items: list[Paragraph | Table]) -> list[Annex]:
    annexes: list[Annex] = []
    for item in items:
        if _is_annex(item):
            assert isinstance(item, Paragraph)
            lines = clean(item.shown).split("\n")
            title = _ANNEX.match(lines[0]).group("title")  # type: ignore[union-attr]
            annexes.append(Annex(item, [title] if title else []))
            annexes[-1].title += lines[1:]
            continue
        annex = annexes[-1]
        text = clean(item.shown) if isinstance(item, Paragraph) else ""
        heading = not annex.body and annex.kem_theo is None and isinstance(item, Paragraph)
        if heading and text and _annex_title(item, text, not annex.title):  # type: ignore[arg-type]
            annex.title += text.split("\n")
        elif not annex.body and isinstance(item, Paragraph) and text.startswith("(Kèm theo"):
            annex.kem_theo = item
        elif annex.body or not isinstance(item, Paragraph) or (text and not _typed_rule(text)):
            annex.body.append(item)
    return annexes


def _holds_noi_nhan(item: Paragraph | Table) -> bool:
    if isinstance(item, Paragraph):
        return _is_noi_nhan(item.text.strip().split("\t")[0])
    return any(_is_noi_nhan(p.text) for row in item.rows for cell in row[:1] for p in cell)


def _header_paragraphs(header: Header) -> list[Paragraph]:
    found = [header.superior, header.so, header.date, header.quoc_hieu, header.tieu_ngu]
    return [p for p in found + header.organ + header.rules if p is not None]


def _header(lines: list[Line]) -> Header:
    header = Header()
    organ: list[tuple[str, Paragraph]] = []
    for line in lines:
        if _typed_rule(line.left) and line.left_para is not None:
            header.rules.append(line.left_para)
        elif line.left and line.left_para is not None:
            match = _SO.match(line.left)
            if match:
                header.so, header.so_text = line.left_para, line.left
            elif not header.so and (is_caps(line.left) or _ORGAN_START.match(line.left)):
                organ.append((line.left, line.left_para))
        elif line.left_para is not None and line.left_para.fmt.border_bottom:
            header.rules.append(line.left_para)
        if _typed_rule(line.right) and line.right_para is not None:
            header.rules.append(line.right_para)
        elif line.right and line.right_para is not None:
            text, para = line.right, line.right_para
            if text.upper().replace("HOÀ", "HÒA") == nd30.QUOC_HIEU:
                header.quoc_hieu = para
            elif _dashes(text).lower() == nd30.TIEU_NGU.lower():
                header.tieu_ngu = para
            elif _date_match(text):
                header.date, header.date_text = para, text
            elif _SO.match(text) and header.so is None:
                header.so, header.so_text = para, text
            elif header.quoc_hieu is None and (is_caps(text) or _ORGAN_START.match(text)) and not header.so:
                # Lines typed one under another: the organ comes before the national name.
                organ.append((text, para))
        elif line.right_para is not None and line.right_para.fmt.border_bottom:
            header.rules.append(line.right_para)
    _split_organ(header, organ)
    return header


#: An organ's line not typed in capitals ("Ủy ban nhân dân", "Xã Hồng Phong"): its words, any case.
_ORGAN_START = re.compile(
    rf"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd|"
    rf"{alternation((*ALL_COMMUNE_KINDS, *DISTRICT_KINDS, 'tỉnh'))}\s+\w)",
    re.IGNORECASE,
)


def _dashes(text: str) -> str:
    """En and em dashes read as the hyphen, spaces around it as one."""
    return re.sub(r"\s*[-–—]\s*", " - ", text)


def _typed_rule(text: str) -> bool:
    """A line drawn with typed characters ("______", "-----")."""
    return len(text) >= 3 and set(text) <= set("-_–—─ ")


def _split_organ(header: Header, organ: list[tuple[str, Paragraph]]) -> None:
    """The superior line is the one not bold above bold organ lines (or the first of three plain ones)."""
    lines: list[tuple[str, Paragraph]] = []
    for text, para in organ:
        lines += [(part, para) for part in text.split("\n") if part.strip()]
    superior = (len(lines) >= 2 and not lines[0][1].bold and all(p.bold for _, p in lines[1:])) or len(
        lines
    ) >= 3
    if superior and not _organ_first_line(lines):
        header.superior, header.superior_text = lines[0][1], lines[0][0]
        lines = lines[1:]
    header.organ = list(dict.fromkeys(p for _, p in lines))
    header.organ_text = [text for text, _ in lines]


#: An organ's own first line: its kind, with the unit named on the next line ("XÃ TÂN LẬP").
_ORGAN_KINDS = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


def _organ_first_line(lines: list[tuple[str, Paragraph]]) -> bool:
    """One organ in two lines ("ỦY BAN NHÂN DÂN" over "XÃ ..."), whatever their weight: no superior."""
    return (
        len(lines) == 2
        and " ".join(lines[0][0].split()) in _ORGAN_KINDS
        and lines[1][0].split(" ")[0] in _UNIT_WORDS_CAPS
    )


def split_joint_organ(lines: list[str]) -> tuple[list[str], list[str]]:
    """Two bodies' header lines: the lead body ends at its first line that starts with a unit word."""
    for index, line in enumerate(lines[:-1]):
        if line.split(" ")[0] in _UNIT_WORDS_CAPS:
            return lines[: index + 1], lines[index + 1 :]
    half = len(lines) // 2
    return lines[:half], lines[half:]


_UNIT_WORDS_CAPS = {"XÃ", "PHƯỜNG", "THỊ", "ĐẶC", "HUYỆN", "QUẬN", "TỈNH", "THÀNH"}


def superior_text(header: Header) -> str | None:
    """The superior organ's line, or None."""
    return header.superior_text


def parse_so(text: str) -> tuple[int | None, str] | None:
    """("Số: 25 /KH-UBND") -> (25, "KH-UBND"); a blank number gives None."""
    match = _SO.match(text)
    if not match:
        return None
    return (int(match.group(1)) if match.group(1) else None), match.group(2)


def parse_date(text: str) -> tuple[str, int | None, int, int, str] | None:
    """The date line's parts: "Hồng Phong, ngày 06 tháng 3 năm 2023" -> (place, 6, 3, 2023, "06").

    None when the line is no date, or names a day the calendar lacks.
    """
    match = _date_match(text)
    if not match:
        return None
    day_text = match.group("day").strip()
    day = int(day_text) if day_text.isdigit() else None
    month, year = int(match.group("month")), int(match.group("year"))
    try:
        dt.date(year, month, day or 1)  # no calendar date ("ngày 31 tháng 2"): not read
    except ValueError:
        return None
    return match.group("place"), day, month, year, day_text


def _trich_yeu(items: list[Paragraph | Table]) -> tuple[list[Paragraph], Paragraph | None, int]:
    """The trích yếu: bold or centred lines right after the title, up to the rule or a body line."""
    found: list[Paragraph] = []
    rule = None
    index = 0
    for index, item in enumerate(items):
        if not isinstance(item, Paragraph):
            break
        text = clean(item.shown)
        if not text:
            if item.fmt.border_bottom and found:
                rule = item
                continue
            if found:
                index += 1
                break
            continue
        if set(text) <= set("-_–—. "):
            rule = item
            index += 1
            break
        if ((item.bold or item.fmt.align == "center") and not found) or (
            found and item.fmt.align == "center"
        ):
            found.append(item)
            continue
        break
    else:
        index = len(items)
    return found, rule, index


def _closing(lines: list[Line]) -> Closing:
    closing = Closing()
    for line in lines:
        if line.left and line.left_para is not None:
            if _is_noi_nhan(line.left) and closing.label is None:
                closing.label = line.left_para
                rest = line.left.split(":", 1)[1].strip() if ":" in line.left else ""
                if rest:
                    closing.recipients.append((rest, line.left_para))
            else:
                # Left of the lead signer, above "Nơi nhận": a joint plan's second signer.
                into = closing.recipients if closing.label is not None else closing.joint_signer
                for part in line.left.split("\n"):
                    if part.strip():
                        into.append((part.strip(), line.left_para))
        if line.right and line.right_para is not None:
            for part in line.right.split("\n"):
                if part.strip():
                    closing.signer.append((part.strip(), line.right_para))
    return closing
