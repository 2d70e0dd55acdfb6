"""Check, the measured rules: the short rules' lengths, the closing block's columns, the header's width.

A rule as bdg-plan draws it (and as most clerks do) is an empty paragraph with a bottom border,
indented to its length: its length is its container's text width (the table cell's width less
its margins, or the page's text width) less both indents. A typed rule ("______") is measured
from its characters' widths in Times New Roman. A rule drawn as a shape (a line in a drawing,
which `docx_read` notes as an image) counts as a rule, but its length is not judged: a shape's
size and anchor are drawing coordinates this reader does not resolve, so neither a pass nor a
fault could be trusted. A bordered rule in a table cell whose width the file does not state
(an automatic or percentage width) is not measured either. Text widths are estimated the way
the writer estimates them (the average glyph widths in `nd30`), so the 1/3-1/2 fractions get
some slack each side.
"""

from __future__ import annotations

from collections.abc import Iterator

from bdg_plan import messages as msg
from bdg_plan.docx.read.values import Paragraph, ReadDocument
from bdg_plan.facts import nd30
from bdg_plan.word.find_parts import Found, clean

#: A deviation before it is placed: the paragraph (None: the page), code, what was found, the rule.
Fault = tuple[Paragraph | None, str, str, str]

MM_PER_PT = 25.4 / 72
#: Advance widths in Times New Roman, in ems, of the characters clerks type rules with.
_TYPED_EM = {"_": 0.5, "-": 0.333, "–": 0.5, "—": 1.0}
#: The motto's rule "as long as the line": ±15 % (the drawn line and the estimate both vary).
_MOTTO_SLACK = 0.15
#: 1/3-1/2 of the line, with 10 % slack for the text-width estimate.
_FRACTION = (1 / 3 * 0.9, 1 / 2 * 1.1)
#: A paragraph this far from the left margin (mm) stands in the right half (as `recognise` reads it).
_RIGHT_INDENT_MM = 40.0


def _size(para: Paragraph, default: float) -> float:
    sizes = [f.size_pt for text, f in para.runs if text.strip()]
    return max(sizes) if sizes else default


def _container_mm(para: Paragraph, document: ReadDocument) -> float | None:
    """The width a paragraph's lines have: its cell's text width, or the page's text width."""
    if para.cell is not None:
        return document.cell_widths.get(para.cell)
    if not document.sections:
        return None
    page = document.sections[0]
    return page.width_mm - page.left_mm - page.right_mm


def rule_length(rule: Paragraph, document: ReadDocument) -> float | None:
    """A rule paragraph's drawn length in mm; None when it cannot be measured."""
    typed = clean(rule.text).replace(" ", "")
    if typed:
        if any(char not in _TYPED_EM for char in typed):
            return None
        return sum(_TYPED_EM[char] for char in typed) * _size(rule, nd30.SIZE_BODY) * MM_PER_PT
    if not rule.fmt.border_bottom:
        return None
    width = _container_mm(rule, document)
    return None if width is None else width - rule.fmt.left_mm - rule.fmt.right_mm


def _side(piece: Paragraph, document: ReadDocument) -> str | None:
    """For a piece of a tab-laid line: "left" when it is the line's first piece, else "right"."""
    original = document.paragraphs[piece.number - 1].text
    if "\t" not in original:
        return None
    first = next((part.strip() for part in original.split("\t") if part.strip()), "")
    return "left" if first == piece.text.strip() and not original.lstrip(" ").startswith("\t") else "right"


def by_number(rules: list[Paragraph]) -> dict[int, list[Paragraph]]:
    """Rule paragraphs by paragraph number, for `find_rule` to look up instead of search."""
    found: dict[int, list[Paragraph]] = {}
    for rule in rules:
        found.setdefault(rule.number, []).append(rule)
    return found


def find_rule(
    para: Paragraph, rules: dict[int, list[Paragraph]], document: ReadDocument, side: str
) -> tuple[bool, Paragraph | None]:
    """Whether `para` has a rule under it, and the rule's paragraph when it can be measured.

    The rule is `para`'s own bottom border, a rule paragraph one or two paragraphs below in the
    same column (`side` of a tab-laid line), or a drawn shape there (found, not measured).
    `rules` comes from `by_number`; the drawings are looked up the same way, so each call costs
    the same however many rules and drawings the document has.
    """
    if para.fmt.border_bottom:
        return True, para
    near = (para.number + 1, para.number + 2)
    for rule in (r for number in near for r in rules.get(number, ())):
        if _side(rule, document) not in (None, side):
            continue
        if para.cell is not None and rule.cell is not None and para.cell[::2] != rule.cell[::2]:
            continue
        return True, rule
    drawings = document.unplaced_paragraphs("image")
    return any(number in drawings for number in (para.number, *near)), None


def _length_fault(
    para: Paragraph,
    rule: Paragraph | None,
    text_mm: float,
    bounds: tuple[float, float],
    wanted: str,
    document: ReadDocument,
) -> Iterator[Fault]:
    length = rule_length(rule, document) if rule is not None else None
    if length is None or text_mm <= 0:
        return
    if not bounds[0] <= length / text_mm <= bounds[1]:
        found = msg.CHECK_RULE_LENGTH.format(length=f"{length:.0f}", text=f"{text_mm:.0f}")
        yield para, "ND30-DUONG-KE", found, wanted


def rule_faults(document: ReadDocument, found: Found) -> Iterator[Fault]:
    """The three short rules: under the motto, the organ's name and the trích yếu (Mục II.1, 2, 5)."""
    header = found.header
    rules = by_number(header.rules)
    if header.tieu_ngu is not None:
        present, rule = find_rule(header.tieu_ngu, rules, document, "right")
        if not present:
            yield header.tieu_ngu, "ND30-DUONG-KE", msg.CHECK_NO_RULE, msg.CHECK_RULE_TIEU_NGU
        text = nd30.TIEU_NGU_WIDTH_MM * _size(header.tieu_ngu, nd30.SIZE_TIEU_NGU) / nd30.SIZE_TIEU_NGU
        bounds = (1 - _MOTTO_SLACK, 1 + _MOTTO_SLACK)
        yield from _length_fault(header.tieu_ngu, rule, text, bounds, msg.CHECK_RULE_TIEU_NGU, document)
    if header.organ:
        organ_rule = next(
            (r for r in (find_rule(p, rules, document, "left") for p in header.organ) if r[0]), None
        )
        if organ_rule is None:
            yield header.organ[-1], "ND30-DUONG-KE", msg.CHECK_NO_RULE, msg.CHECK_RULE_ORGAN
        else:
            longest = max((len(line) for line in header.organ_text), default=0)
            size = _size(header.organ[-1], nd30.SIZE_HEADER_ORGAN) / nd30.SIZE_HEADER_ORGAN
            text = longest * nd30.AVG_CHAR_MM_BOLD_CAPS_13 * size
            yield from _length_fault(
                header.organ[-1], organ_rule[1], text, _FRACTION, msg.CHECK_RULE_ORGAN, document
            )
    yield from _trich_yeu_rule(document, found)


def _trich_yeu_rule(document: ReadDocument, found: Found) -> Iterator[Fault]:
    if not found.trich_yeu:
        return
    last = found.trich_yeu[-1]
    rule = found.trich_yeu_rule
    if rule is None:
        present, rule = find_rule(last, {}, document, "left")
        if not present:
            yield last, "ND30-DUONG-KE", msg.CHECK_NO_RULE, msg.CHECK_RULE_TRICH_YEU
            return
    lines = [line for p in found.trich_yeu for line in clean(p.text).split("\n")]
    size = _size(last, nd30.SIZE_TITLE) / nd30.SIZE_TITLE
    text = max((len(line) for line in lines), default=0) * nd30.AVG_CHAR_MM_BOLD_14 * size
    width = _container_mm(last, document)
    if width:
        text = min(text, width)
    yield from _length_fault(last, rule, text, _FRACTION, msg.CHECK_RULE_TRICH_YEU, document)


# --- The closing block's columns (Mẫu 1.4: Nơi nhận on the left, the signer on the right) --------
def _is_left(para: Paragraph, document: ReadDocument) -> bool:
    if para.cell is not None:
        return para.cell[2] == 0
    side = _side(para, document)
    if side is not None:
        return side == "left"
    return para.fmt.align in ("left", "justify") and para.fmt.left_mm < _RIGHT_INDENT_MM


def _is_right(para: Paragraph, document: ReadDocument) -> bool:
    if para.cell is not None:
        return para.cell[2] >= 1
    side = _side(para, document)
    if side is not None:
        return side == "right"
    return para.fmt.left_mm >= _RIGHT_INDENT_MM or para.fmt.align == "right"


def _place(para: Paragraph, document: ReadDocument) -> str:
    if _is_right(para, document):
        return msg.CHECK_PLACE["right"]
    if para.cell is None and para.fmt.align == "center":
        return msg.CHECK_PLACE["center"]
    return msg.CHECK_PLACE["left"]


def _level(label: Paragraph, first: Paragraph) -> bool:
    """The label and the signer's first line share a line: one table row, or one tab-laid line."""
    if label.cell is not None and first.cell is not None:
        return label.cell[:2] == first.cell[:2]
    return label.cell is None and first.cell is None and label.number == first.number


def closing_faults(document: ReadDocument, found: Found) -> Iterator[Fault]:
    """Nơi nhận in the left column, level with the signer's first line; the signer on the right."""
    closing = found.closing
    label = closing.label
    if label is not None and not _is_left(label, document):
        yield label, "ND30-NOI-NHAN", _place(label, document), msg.CHECK_NOI_NHAN_PLACE
    lines = [p for _, p in closing.signer]
    wrong = next((p for p in lines if not _is_right(p, document)), None)
    if wrong is not None:
        yield wrong, "ND30-CHU-KY", _place(wrong, document), msg.CHECK_SIGNER_PLACE
    # A joint plan puts Nơi nhận under the two signer blocks (the lead body's on the right).
    # One cause, one message: a signer block out of place is not also reported as not level.
    if (
        label is not None
        and lines
        and wrong is None
        and not closing.joint_signer
        and not _level(label, lines[0])
    ):
        yield label, "ND30-NOI-NHAN", msg.CHECK_NOI_NHAN_BELOW, msg.CHECK_NOI_NHAN_LEVEL


# --- The header table's width ---------------------------------------------------------------------
def header_width_faults(document: ReadDocument, found: Found) -> Iterator[Fault]:
    """The Quốc hiệu on one line: in a column wide enough for it at its size (Mục II.1)."""
    para = found.header.quoc_hieu
    if para is None:
        return
    width = document.cell_widths.get(para.cell) if para.cell is not None else None
    size = _size(para, nd30.SIZE_QUOC_HIEU)
    need = nd30.QUOC_HIEU_WIDTH_MM * size / nd30.SIZE_QUOC_HIEU
    if width is not None and width - para.fmt.left_mm - para.fmt.right_mm < need - 0.5:
        found_text = msg.CHECK_QUOC_HIEU_NARROW.format(width=f"{width:.0f}")
        wanted = msg.CHECK_QUOC_HIEU_WIDTH.format(width=f"{need:.0f}", size=f"{size:g}")
        yield para, "ND30-QUOC-HIEU", found_text, wanted
