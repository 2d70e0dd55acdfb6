"""Reading a .docx (import): the body's paragraphs arranged into the outline tree they print.

Each paragraph is classed by the label it shows, typed as text or produced by Word's automatic
numbering alike: "Phần thứ nhất" (part), "I." (section), "1." (item), "1.1." (sub-item), "a)"
(point), "-" (bullet), "+" (sub-bullet), or none (a paragraph). Headings are nested by their
rank; bullets and paragraphs belong to the nearest heading above them. Paragraphs before the
first heading are the opening (căn cứ), and a last paragraph ending "./." is the closing sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bdg_plan.docx.read.values import Paragraph, Table
from bdg_plan.word.find_parts import clean, is_caps

_PART = re.compile(r"^(Phần\s+(?:thứ\s+\S+|[IVXLC]+\b|\d+\b))[.:]?\s*(.*)$", re.IGNORECASE | re.DOTALL)
_SECTION = re.compile(r"^([IVXLC]+)\s*[.)/]\s*(.+)$", re.DOTALL)
_SUB_ITEM = re.compile(r"^(\d+)\.(\d+)\.?\s*(.+)$", re.DOTALL)
_ITEM = re.compile(r"^(\d+)\s*[.)]\s*(.+)$", re.DOTALL)
_POINT = re.compile(r"^([a-zđ])\s*\)\s*(.+)$", re.DOTALL)
_BULLET = re.compile(r"^[-–—•·∙▪]\s*(.+)$", re.DOTALL)
_SUB_BULLET = re.compile(r"^[+o◦]\s+(.+)$|^\+\s*(.+)$", re.DOTALL)

#: Rank of each heading kind: a heading closes every open heading of equal or lower rank.
RANKS = {"phan": 0, "muc": 1, "khoan": 2, "tieu_khoan": 3, "diem": 4}


@dataclass
class Node:
    """A node of the outline: a heading with children, or a paragraph, bullet or table."""

    kind: str  # phan, muc, khoan, tieu_khoan, diem, y, y_nho, doan, bang
    text: str = ""
    heading: bool = False  # the node's own line is a bold heading (not a numbered sentence)
    para: Paragraph | None = None
    table: Table | None = None
    children: list[Node] = field(default_factory=list)


@dataclass
class Outline:
    """The body: opening paragraphs, the tree of headings, the closing sentence."""

    opening: list[Paragraph] = field(default_factory=list)
    roots: list[Node] = field(default_factory=list)
    closing: Paragraph | None = None
    opening_tables: list[Table] = field(default_factory=list)


def _bullet_kind(paragraph: Paragraph) -> str | None:
    """An automatic bullet: "+" and hollow marks at deeper levels are sub-bullets."""
    if paragraph.label_format != "bullet":
        return None
    mark = paragraph.label.strip()
    if mark == "+" or (paragraph.level >= 1 and mark not in ("-", "–")):
        return "y_nho"
    return "y"


def classify(paragraph: Paragraph) -> tuple[str, str]:
    """The kind of a body paragraph and its text without the label."""
    bullet = _bullet_kind(paragraph)
    if bullet:
        return bullet, clean(paragraph.text)
    text = clean(paragraph.shown)
    match = _PART.match(text)
    if match and (paragraph.bold or is_caps(match.group(2) or "X")):
        return "phan", text
    match = _SECTION.match(text)
    if match and (is_caps(match.group(2)) or paragraph.bold):
        return "muc", match.group(2)
    match = _SUB_ITEM.match(text)
    if match:
        return "tieu_khoan", match.group(3)
    match = _ITEM.match(text)
    if match:
        return "khoan", match.group(2)
    match = _POINT.match(text)
    if match:
        return "diem", match.group(2)
    match = _SUB_BULLET.match(text)
    if match:
        return "y_nho", match.group(1) or match.group(2)
    match = _BULLET.match(text)
    if match:
        return "y", match.group(1)
    return "doan", text


def _is_closing(paragraph: Paragraph) -> bool:
    text = clean(paragraph.text)
    return text.endswith("./.") or text.endswith("/.")


def build_outline(items: list[Paragraph | Table], *, free: bool = False) -> Outline:
    """Arrange the body's paragraphs and tables into an outline.

    `free` (an annex's content): no opening and no closing sentence; what comes before the first
    heading is content at the top level, in order.
    """
    outline = Outline()
    content = [i for i in items if isinstance(i, Table) or clean(i.shown)]
    last = content[-1] if content else None
    if isinstance(last, Paragraph) and _is_closing(last) and not free:
        outline.closing = last
        content = content[:-1]
    promoted = bold_headings(content)
    stack: list[Node] = []
    for item in content:
        if isinstance(item, Table):
            node = Node("bang", table=item)
            if stack or free:
                (stack[-1].children if stack else outline.roots).append(node)
            else:
                outline.opening_tables.append(item)
            continue
        kind, text = classify(item)
        kind = promoted.get(item.number, kind)
        if kind in RANKS:
            node = Node(kind, text, heading=_is_heading(item, kind), para=item)
            while stack and RANKS[stack[-1].kind] >= RANKS[kind]:
                stack.pop()
            (stack[-1].children if stack else outline.roots).append(node)
            stack.append(node)
        elif not stack and not free:
            outline.opening.append(item)
        else:
            _attach(stack[-1].children if stack else outline.roots, Node(kind, text, para=item))
    return outline


#: A heading marked by bold alone is short and is no sentence (no end mark).
_HEADING_WORDS = 16
_SENTENCE_END = (".", ";", ",", ":", "…", "!", "?")


def _bold_line(items: list[Paragraph | Table], index: int) -> bool:
    """A short bold line on its own, with content after it: not a table's title, not a part's."""
    item = items[index]
    after = items[index + 1] if index + 1 < len(items) else None
    before = items[index - 1] if index else None
    if not isinstance(item, Paragraph) or item.cell is not None or after is None or not item.bold:
        return False
    text = clean(item.shown)
    if "\n" in text or len(text.split()) > _HEADING_WORDS or text.endswith(_SENTENCE_END):
        return False
    if isinstance(after, Table) and item.fmt.align == "center":
        return False
    return not (isinstance(before, Paragraph) and classify(before)[0] == "phan")


def bold_headings(items: list[Paragraph | Table]) -> dict[int, str]:
    """Headings marked only by bold, by paragraph number: kept for documents that number no sections.

    Where the document numbers its sections (I., II.), an unnumbered bold line is emphasis and
    stays a paragraph. Otherwise bold lines in capitals are sections (mục) and the other bold
    lines the items (khoản) inside them, unless the items are numbered; with no line in
    capitals, the bold lines are the sections.
    """
    kinds = [classify(item)[0] if isinstance(item, Paragraph) else "bang" for item in items]
    if "muc" in kinds:
        return {}
    lines = [
        item
        for index, item in enumerate(items)
        if kinds[index] == "doan" and _bold_line(items, index) and isinstance(item, Paragraph)
    ]
    caps = [p for p in lines if is_caps(clean(p.shown))]
    plain = [p for p in lines if not is_caps(clean(p.shown))]
    found = {p.number: "muc" for p in caps}
    if not caps:
        found.update({p.number: "muc" for p in plain})
    elif "khoan" not in kinds:
        found.update({p.number: "khoan" for p in plain})
    return found


def _is_heading(paragraph: Paragraph, kind: str) -> bool:
    """A numbered line is a heading when bold (or in a heading style), else a numbered sentence."""
    if kind in ("phan", "muc"):
        return True
    style = (paragraph.style_name or paragraph.style_id).lower()
    if paragraph.style_id in ("KHKhoan", "KHDiem") or style.startswith("heading"):
        return True
    if paragraph.style_id == "KHNoiDung":
        return False
    return paragraph.bold


def _attach(siblings: list[Node], node: Node) -> None:
    """A sub-bullet goes under the bullet before it; otherwise it is a bullet of its own."""
    if node.kind == "y_nho":
        if siblings and siblings[-1].kind == "y":
            siblings[-1].children.append(node)
            return
        node.kind = "y"
    siblings.append(node)
