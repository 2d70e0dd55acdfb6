"""Reading a .docx (import, check): the package opened safely and its body read into plain values.

The package is opened by `docx.read.package`, which bounds the work. The result is a
`ReadDocument`: paragraphs in document order (table cells included) with their text, resolved
formatting and automatic number, the tables, the sections, and every element that cannot become
plan text (images, text boxes, footnotes, comments, tracked changes), each tied to its paragraph.

The values it makes are in `docx.read.values`; the notes, comments and header text read beside
the body are gathered here too, by the same reader, since they are tied to its paragraphs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.docx.read.numbering import Numbering
from bdg_plan.docx.read.package import Parts, open_package, relationships
from bdg_plan.docx.read.props import (
    LAYOUT_TAGS,
    TWIPS_PER_MM,
    RunFormat,
    Styles,
    W,
    ascii_int,
    numbering_ref,
    paragraph_format,
    run_format,
    twips,
)
from bdg_plan.docx.read.props import child as child_of
from bdg_plan.docx.read.values import (
    Extra,
    Paragraph,
    ReadDocument,
    Section,
    Table,
    Unplaced,
    first_words,
)
from bdg_plan.errors import DocxReadError

#: Paragraphs read at most (a 300-page plan has about 3,000).
MAX_PARAGRAPHS = 100_000
#: Characters of text read at most (a 300-page plan has about 1,000,000); reading stops past it.
MAX_READ_CHARS = 5_000_000

_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


# --- The body ------------------------------------------------------------------------------------
_CONTAINERS = {f"{W}{t}" for t in ("hyperlink", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple")}
_CONTAINERS |= {f"{W}dir", f"{W}bdo"}  # right-to-left and bidirectional-override runs
_CONTAINERS |= {f"{W}ins", f"{W}moveTo"}
_TRACKED = {f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"}
_R, _T, _BR, _PPR, _RPR, _INS = f"{W}r", f"{W}t", f"{W}br", f"{W}pPr", f"{W}rPr", f"{W}ins"
_ALTERNATE = f"{{{_MC_NS}}}AlternateContent"
_CHARACTERS = {f"{W}tab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
_DRAWINGS = {f"{W}drawing", f"{W}pict", f"{W}object", _ALTERNATE}
_NOTES = {f"{W}footnoteReference", f"{W}endnoteReference"}
_COMMENT_REFERENCE = f"{W}commentReference"
_COMMENT_MARKS = {f"{W}commentRangeStart", _COMMENT_REFERENCE}
_RUBY, _RUBY_BASE, _SUB_DOC, _ALT_CHUNK = f"{W}ruby", f"{W}rubyBase", f"{W}subDoc", f"{W}altChunk"


class _Reader:
    def __init__(self, parts: Parts, max_text: int, too_much_text: str | None) -> None:
        self.parts = parts
        self.styles = Styles.from_root(parts.get("word/styles.xml"))
        self.numbering = Numbering(parts.get("word/numbering.xml"))
        self.result = ReadDocument()
        self.tables = 0
        self.sect_prs: list[Any] = []
        self._noted: set[tuple[str, int]] = set()
        self._page_fields: dict[str, bool] = {}
        self._notes: dict[str, dict[str, str]] = {}
        self._seen_notes: set[tuple[str, str]] = set()
        self.number = 0
        self.text_left = max_text
        self.max_text = max_text
        self.too_much_text = too_much_text

    def add_unplaced(self, kind: str, number: int, words: str) -> None:
        if (kind, number) not in self._noted:
            self._noted.add((kind, number))
            self.result.unplaced.append(Unplaced(kind, number, words))

    def page_field(self, part_name: str) -> bool:
        """Whether a header or footer part holds a PAGE field; each part looked at once."""
        found = self._page_fields.get(part_name)
        if found is None:
            found = self._page_fields[part_name] = _has_page_field(self.parts.get(part_name))
        return found

    def count_text(self, length: int) -> None:
        self.text_left -= length
        if self.text_left < 0:
            limit = f"{self.max_text:,}".replace(",", ".")
            raise DocxReadError(self.too_much_text or msg.DOCX_TOO_MUCH_TEXT.format(limit=limit))

    def block(self, element: Any, cell: tuple[int, int, int] | None, into: list[Any]) -> None:
        tag = element.tag
        if tag == f"{W}p":
            into.append(self.paragraph(element, cell))
        elif tag == f"{W}tbl":
            into.append(self.table(element))
        elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            for child in element:
                self.block(child, cell, into)
        elif tag == _ALT_CHUNK:
            number = max(len(self.result.paragraphs), 1)
            self.add_unplaced("altchunk", number, "")

    def paragraph(self, p: Any, cell: tuple[int, int, int] | None) -> Paragraph:
        if len(self.result.paragraphs) >= MAX_PARAGRAPHS:
            raise DocxReadError(msg.DOCX_TOO_MANY_PARAGRAPHS.format(limit=MAX_PARAGRAPHS))
        number = self.number = len(self.result.paragraphs) + 1
        first = p[0] if len(p) else None
        ppr = first if first is not None and first.tag == f"{W}pPr" else None
        style_element, num_pr, sect_pr, layout = _paragraph_properties(ppr)
        if sect_pr is not None:
            self.sect_prs.append(sect_pr)
        style_id = style_element or self.styles.default_paragraph or ""
        runs: list[tuple[str, RunFormat]] = []
        notes: list[str] = []
        page_break = self._collect(p, style_id, runs, notes)
        hidden = "".join(t for t, f in runs if f.hidden)
        if hidden:
            runs = [(t, f) for t, f in runs if not f.hidden]
            notes.append("hidden")
        text = "".join(t for t, _ in runs)
        label, label_format, level = self._label(num_pr, style_id)
        paragraph = Paragraph(
            number=number,
            text=text,
            label=label,
            label_format=label_format,
            level=level,
            style_id=style_id,
            style_name=self.styles.name(style_id),
            runs=tuple(runs),
            fmt=paragraph_format(self.styles, style_id, ppr if layout else None),
            cell=cell,
            page_break_before=page_break,
            hidden=hidden,
        )
        self.result.paragraphs.append(paragraph)
        for kind in notes:
            self.add_unplaced(
                kind, number, first_words(hidden) if kind == "hidden" else paragraph.first_words()
            )
        return paragraph

    def _label(self, num_pr: Any | None, style_id: str) -> tuple[str, str, int]:
        ref = numbering_ref(num_pr) if num_pr is not None else None
        if ref is None:
            ref = self.styles.paragraph_numbering(style_id)
        if ref is None:
            return "", "", 0
        label, fmt = self.numbering.label(*ref)
        return label, fmt, ref[1]

    def _collect(self, node: Any, style_id: str, runs: list[Any], notes: list[str]) -> bool:
        """Gather the text runs under `node`; note what cannot be placed. True on a page break."""
        page_break = False
        for child in node:
            tag = child.tag
            if tag == _R:
                page_break |= self._run(child, style_id, runs, notes)
                continue
            if tag in _TRACKED:
                notes.append("tracked")
                self.tracked(child)
            if tag in _CONTAINERS:
                page_break |= self._collect(child, style_id, runs, notes)
            elif tag in _COMMENT_MARKS:
                notes.append("comment")
            elif tag == _SUB_DOC:
                notes.append("subdoc")
            elif tag == _ALTERNATE:
                notes.append(self.drawing(child))
            elif tag == _PPR:
                mark = child_of(child, _RPR)  # the paragraph mark's own properties: an insertion?
                if mark is not None and child_of(mark, _INS) is not None:
                    notes.append("tracked")
        return page_break

    def _run(self, r: Any, style_id: str, runs: list[Any], notes: list[str]) -> bool:
        page_break = False
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag in _CHARACTERS:
                parts.append(_CHARACTERS[tag])
            elif tag == _BR:
                if child.get(f"{W}type") == "page":
                    page_break = True
                else:
                    parts.append("\n")
            elif tag in _DRAWINGS:
                notes.append(self.drawing(child))
            elif tag in _NOTES:
                notes.append("footnote")
                self.note("endnote" if tag == _ENDNOTE_REFERENCE else "footnote", child)
            elif tag == _COMMENT_REFERENCE:
                notes.append("comment")
                self.note("comment", child)
            elif tag == _RUBY:  # phonetic guide: the base text is what the line reads
                base = child_of(child, _RUBY_BASE)
                parts += [t.text or "" for t in base.iter(_T)] if base is not None else []
        if parts:
            text = "".join(parts)
            self.count_text(len(text))
            runs.append((text, run_format(self.styles, style_id, r)))  # only runs with text
        return page_break

    def extra(self, kind: str, text: str) -> None:
        """Keep `text` of `kind` at the paragraph being read, counted against the text bound."""
        if text.strip():
            self.count_text(len(text))
            self.result.extras.append(Extra(kind, self.number, text.strip()))

    def drawing(self, element: Any) -> str:
        """An image, or a text box whose text is kept (an AlternateContent's first choice only)."""
        if element.tag == _ALTERNATE:
            element = element[0] if len(element) else element
        boxes = list(element.iter(_TEXT_BOX))
        if not boxes:
            return "image"
        for box in boxes:
            self.extra("textbox", _paragraphs_text(box))
        return "textbox"

    def note(self, kind: str, reference: Any) -> None:
        """A footnote's, endnote's or comment's text, by its id, each kept once."""
        key = reference.get(f"{W}id", "")
        if (kind, key) in self._seen_notes:
            return
        self._seen_notes.add((kind, key))
        texts = self._notes.get(kind)
        if texts is None:
            texts = self._notes[kind] = _note_texts(self.parts.get(_NOTE_PARTS[kind]), _NOTE_TAGS[kind])
        self.extra(kind, texts.get(key, ""))

    def tracked(self, change: Any) -> None:
        """A tracked change, accepted: its words kept as a change of its kind."""
        tag = change.tag
        if tag == f"{W}del":
            text = "".join(t.text or "" for t in change.iter(_DEL_TEXT))
            self.extra("deleted", text)
        elif tag == f"{W}moveFrom":
            self.extra("moved", "".join(t.text or "" for t in change.iter(_T)))
        elif tag == f"{W}moveTo":
            self.extra("moved_to", "".join(t.text or "" for t in change.iter(_T)))
        else:
            self.extra("inserted", "".join(t.text or "" for t in change.iter(_T)))

    def header_text(self, part_name: str) -> None:
        """A header's or footer's text, the page number fields left out; each part read once."""
        if ("header", part_name) in self._seen_notes:
            return
        self._seen_notes.add(("header", part_name))
        root = self.parts.get(part_name)
        if root is not None:
            self.number = 0
            pages: list[str] = []
            self.extra("header", _paragraphs_text(root, skipped=pages))
            self.extra("page", " ".join(pages))

    def table(self, tbl: Any) -> Table:
        index = self.tables
        self.tables += 1
        rows: list[tuple[tuple[Paragraph, ...], ...]] = []
        starts: list[tuple[int, ...]] = []
        spans: list[tuple[int, ...]] = []
        merged = False
        grid = [_twips(col.get(f"{W}w")) for col in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]
        margins = _cell_margins(tbl.find(f"{W}tblPr/{W}tblCellMar"))
        for row_index, tr in enumerate(tbl.findall(f"{W}tr")):
            cells: list[tuple[Paragraph, ...]] = []
            at = _grid_value(tr.find(f"{W}trPr/{W}gridBefore"))
            row_starts: list[int] = []
            row_spans: list[int] = []
            for column, tc in enumerate(tr.findall(f"{W}tc")):
                props = child_of(tc, f"{W}tcPr")
                span = _grid_value(child_of(props, f"{W}gridSpan") if props is not None else None, 1)
                if props is not None and (
                    child_of(props, f"{W}gridSpan") is not None or child_of(props, f"{W}hMerge") is not None
                ):
                    merged = True
                v_merge = child_of(props, f"{W}vMerge") if props is not None else None
                at += span
                if v_merge is not None:
                    merged = True
                    if v_merge.get(f"{W}val", "continue") == "continue":
                        continue
                row_starts.append(at - span)
                row_spans.append(span)
                width = _cell_width(props, grid[at - span : at] if at <= len(grid) else [])
                if width:
                    self.result.cell_widths[(index, row_index, column)] = width - margins
                content: list[Any] = []
                for child in tc:
                    self.block(child, (index, row_index, column), content)
                cells.append(tuple(item for item in content if isinstance(item, Paragraph)))
            rows.append(tuple(cells))
            starts.append(tuple(row_starts))
            spans.append(tuple(row_spans))
        return Table(index, tuple(rows), merged, tuple(starts), tuple(grid), tuple(spans))


def _grid_value(element: Any, default: int = 0) -> int:
    """A `w:gridSpan`/`w:gridBefore` count (bounded: a hostile file cannot make it huge)."""
    if element is None:
        return default
    number = ascii_int(element.get(f"{W}val", str(default)), -(10**9), 10**9)
    return default if number is None else max(0, min(number, 1000))


def _twips(value: str | None) -> float:
    """A length in twips as mm; 0 when missing, not a plain number, or out of range."""
    number = twips(value or "0")
    return 0.0 if number is None else number / TWIPS_PER_MM


def _cell_width(props: Any | None, columns: list[float]) -> float:
    """A cell's width in mm: its own w:tcW in twips, else the grid columns it spans; 0 unknown."""
    width = child_of(props, f"{W}tcW") if props is not None else None
    if width is not None and width.get(f"{W}type", "dxa") == "dxa" and _twips(width.get(f"{W}w")):
        return _twips(width.get(f"{W}w"))
    return sum(columns) if columns and all(columns) else 0.0


#: Word's default left and right cell margins (0.19 cm each).
_DEFAULT_CELL_MARGINS_MM = 2 * 108 / TWIPS_PER_MM


def _cell_margins(cell_mar: Any | None) -> float:
    """A table's left plus right cell margins in mm (Word's default when it sets none)."""
    if cell_mar is None:
        return _DEFAULT_CELL_MARGINS_MM
    total = 0.0
    for sides in (("left", "start"), ("right", "end")):
        side = next((m for m in (cell_mar.find(f"{W}{name}") for name in sides) if m is not None), None)
        total += _twips(side.get(f"{W}w")) if side is not None else _DEFAULT_CELL_MARGINS_MM / 2
    return total


def _paragraph_properties(ppr: Any | None) -> tuple[str | None, Any | None, Any | None, bool]:
    """A paragraph's w:pStyle value, w:numPr and w:sectPr elements, from its w:pPr in one pass.

    The last value says whether the w:pPr sets any layout of its own (alignment, indents,
    spacing, borders); most paragraphs only name their style and share its resolved layout.
    """
    style: str | None = None
    num_pr = sect_pr = None
    layout = False
    if ppr is not None:
        for child in ppr:
            tag = child.tag
            if tag == _PSTYLE:
                style = child.get(f"{W}val")
            elif tag == _NUMPR:
                num_pr = child
            elif tag == _SECTPR:
                sect_pr = child
            elif tag in LAYOUT_TAGS:
                layout = True
    return style, num_pr, sect_pr, layout


_PSTYLE, _NUMPR, _SECTPR = f"{W}pStyle", f"{W}numPr", f"{W}sectPr"


_TEXT_BOX, _DEL_TEXT, _ENDNOTE_REFERENCE = f"{W}txbxContent", f"{W}delText", f"{W}endnoteReference"
_NOTE_PARTS = {
    "footnote": "word/footnotes.xml",
    "endnote": "word/endnotes.xml",
    "comment": "word/comments.xml",
}
_NOTE_TAGS = {"footnote": f"{W}footnote", "endnote": f"{W}endnote", "comment": f"{W}comment"}
_FIELD_CHAR, _INSTR = f"{W}fldChar", f"{W}instrText"
_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})


def _note_texts(root: Any | None, tag: str) -> dict[str, str]:
    """The text of each note (or comment) of a part, by id; separators have none."""
    if root is None:
        return {}
    return {note.get(f"{W}id", ""): _paragraphs_text(note) for note in root.iter(tag)}


def _paragraphs_text(root: Any, *, skipped: list[str] | None = None) -> str:
    """The text of the paragraphs under `root`, one line each.

    Given `skipped`, page-number fields are left out of the text and their results put there.
    """
    lines = []
    for p in root.iter(f"{W}p"):
        parts: list[str] = []
        instruction: list[str] = []
        skipping = False
        for node in p.iter(_T, _FIELD_CHAR, _INSTR, f"{W}tab"):
            tag = node.tag
            if tag == _FIELD_CHAR:
                kind = node.get(f"{W}fldCharType")
                skipping = kind == "separate" and instruction[:1] != [] and instruction[0] in _PAGE_FIELDS
                instruction = [] if kind == "begin" else instruction
            elif tag == _INSTR:
                instruction += (node.text or "").split()
            elif tag == f"{W}tab":
                parts.append(" ")
            elif skipped is not None and (skipping or _in_page_field(node)):
                skipped.append(node.text or "")
            else:
                parts.append(node.text or "")
        lines.append("".join(parts))
    return "\n".join(line for line in lines if line.strip())


def _in_page_field(text: Any) -> bool:
    """Whether a w:t is the result of a simple PAGE field (w:fldSimple)."""
    run = text.getparent()
    holder = run.getparent() if run is not None else None
    if holder is None or holder.tag != f"{W}fldSimple":
        return False
    words = (holder.get(f"{W}instr") or "").split()
    return bool(words) and words[0] in _PAGE_FIELDS


# --- Sections and headers ------------------------------------------------------------------------
def _mm(element: Any, attribute: str) -> float:
    return 0.0 if element is None else _twips(element.get(f"{W}{attribute}", "0"))


def _has_page_field(root: Any | None) -> bool:
    if root is None:
        return False
    for node in root.iter(f"{W}instrText", f"{W}fldSimple"):
        instruction = node.text if node.tag == f"{W}instrText" else node.get(f"{W}instr")
        if instruction and instruction.split()[:1] == ["PAGE"]:
            return True
    return False


def _section(reader: _Reader, sect_pr: Any, rels: dict[str, str]) -> Section:
    size = sect_pr.find(f"{W}pgSz")
    margins = sect_pr.find(f"{W}pgMar")
    pages: dict[str, bool] = {}
    for tag in ("headerReference", "footerReference"):
        for ref in sect_pr.findall(f"{W}{tag}"):
            target = rels.get(ref.get(f"{{{_R_NS}}}id", ""), "")
            found = reader.page_field(f"word/{target.lstrip('/')}") if target else False
            if target:
                reader.header_text(f"word/{target.lstrip('/')}")
            pages[f"{tag}:{ref.get(f'{W}type', 'default')}"] = found
    return Section(
        width_mm=_mm(size, "w"),
        height_mm=_mm(size, "h"),
        top_mm=_mm(margins, "top"),
        bottom_mm=_mm(margins, "bottom"),
        left_mm=_mm(margins, "left"),
        right_mm=_mm(margins, "right"),
        title_page=sect_pr.find(f"{W}titlePg") is not None
        and sect_pr.find(f"{W}titlePg").get(f"{W}val", "1") not in ("0", "false"),
        default_header_page=pages.get("headerReference:default", False),
        first_header_page=pages.get("headerReference:first", False),
        footer_page=any(v for k, v in pages.items() if k.startswith("footerReference")),
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one import or check, then restore it.

    Reading a document allocates thousands of small objects, none of them in reference cycles
    (they are freed by reference counting as usual); each collection they trigger walks every
    object the process holds (the plan model, the templates), about a third of a warm import.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_docx(data: bytes, max_text: int = MAX_READ_CHARS, too_much_text: str | None = None) -> ReadDocument:
    """Read a .docx's bytes into a `ReadDocument`, reading at most `max_text` characters of text.

    Past `max_text`, reading stops with `too_much_text` (or the reader's own message).

    Raises:
        DocxReadError: the file is not a readable, safe .docx (or holds more text than that).

    """
    archive = open_package(data)
    if "EncryptedPackage" in archive.namelist():
        raise DocxReadError(msg.DOCX_OLE)
    parts = Parts(archive)
    root = parts.get("word/document.xml")
    body = root.find(f"{W}body") if root is not None else None
    if body is None:
        raise DocxReadError(msg.DOCX_NOT_WORD)
    reader = _Reader(parts, max_text, too_much_text)
    for child in body:
        reader.block(child, None, reader.result.body)
    rels = relationships(parts)
    for sect_pr in [*reader.sect_prs, body.find(f"{W}sectPr")]:
        if sect_pr is not None:
            reader.result.sections.append(_section(reader, sect_pr, rels))
    return reader.result
