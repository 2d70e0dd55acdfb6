"""Import's word ledger: every visible word of the Word file is in the plan file, or accounted for.

The source's words (body paragraphs, table cells, text boxes, notes, comments, tracked changes,
header and footer text) are compared as a multiset with the words read back from the written
plan file: its values, loaded again by the project's loader, and the lines of its
"# KHÔNG XẾP ĐƯỢC" comment blocks. A source word with no counterpart is either one bdg-plan
prints itself when it renders (a numbering label, the national motto, "Số:", "Nơi nhận:", the
date line's fixed words, a page number) or a word the import failed to place: that one is
written into a last comment block, so no word of the file is ever lost, and `rescued` names it
(a bug, which the tests catch).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.docx.read.values import Paragraph, ReadDocument
from bdg_plan.facts import nd30, wording
from bdg_plan.plan.yaml_write import uncomment

#: Whole lines render prints itself from the plan's kind and keys: (class, line).
_WHOLE_LINES = (
    ("fixed", nd30.QUOC_HIEU),
    ("fixed", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("fixed", nd30.TIEU_NGU),
    ("title", nd30.TEN_LOAI),
    *(("title", line) for line in nd30.PLAN_FAMILIES),
    *(("title", getattr(wording, name)) for name in dir(wording) if name.startswith("TITLE_")),
    *(("title", header) for _, header in wording.ACTIVITY_DETAILS),
    *(("title", header) for _, header, _ in wording.ACTIVITY_COLUMNS),
    ("title", wording.STT_HEADER),
    ("title", "TT"),
)
#: Words that open a line render prints itself: "Số:", "Nơi nhận:", "Lưu:", the signer's authority.
_OPENING_WORDS = {
    ("số",): "fixed",
    ("nơi", "nhận"): "fixed",
    ("lưu", "vt"): "fixed",  # render's default archive line, "Lưu: VT."
    ("lưu",): "fixed",
    ("tm",): "signer",
    ("kt",): "signer",
    ("q",): "signer",
    ("tl",): "signer",
    ("tuq",): "signer",
}
_OPENING_FIRST = frozenset(opening[0] for opening in _OPENING_WORDS)
#: The date line's fixed words, printed around the stored date.
_DATE_LINE = re.compile(r"ngày\s+(?:\S+\s+)?tháng\s+(?:\S+\s+)?năm\s+\d", re.IGNORECASE)
#: A typed numbering label: a Roman or Arabic number, a letter, a bullet sign.
_LABEL = re.compile(r"^(?:[ivxlc]+|\d+(?:\.\d+)*|[a-zđ]|[-+*•–—·o])$")


def tokens(text: str) -> list[str]:
    """The words of `text`: split on whitespace, NFC, punctuation stripped at both ends."""
    found = []
    for raw in unicodedata.normalize("NFC", text).split():
        if raw[0].isalnum() and raw[-1].isalnum():  # most words: nothing to strip
            found.append(raw)
            continue
        word = _strip_punctuation(raw)
        if word:
            found.append(word)
    return found


def _strip_punctuation(word: str) -> str:
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] == "P":
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] == "P":
        end -= 1
    return word[start:end]


def _key(word: str) -> str:
    """The form words are matched in: render may print a kept word in capitals."""
    return word.casefold()


_LINE_CLASS = {" ".join(_key(w) for w in tokens(line)): kind for kind, line in _WHOLE_LINES}


#: One word of the Word file: (word, paragraph number, the class render re-prints it under or "").
#: Plain tuples: a plan has thousands of words, and they are built in C by `zip`.
SourceWord = tuple[str, int, str]


@dataclass
class Ledger:
    """Where each word of the Word file went."""

    total: int = 0
    placed: int = 0
    noted: int = 0
    reprinted: Counter[str] = field(default_factory=Counter)
    #: Words in comment blocks by the block's heading ("" for the blocks beside a key).
    blocks: Counter[str] = field(default_factory=Counter)
    #: Words nothing accounted for (paragraph, word): written into the last comment block.
    rescued: list[tuple[int, str]] = field(default_factory=list)

    @property
    def lost(self) -> int:
        """Words neither in the plan file nor re-printed by render."""
        return self.total - self.placed - self.noted - sum(self.reprinted.values())


def paragraph_words(paragraph: Paragraph) -> list[SourceWord]:
    """A body paragraph's words (its automatic label first), each with its re-print class.

    Each stretch between tabs is classed on its own: a header or closing laid out with tabs holds
    two lines in one paragraph ("Nơi nhận:<tab>TM. ỦY BAN NHÂN DÂN").
    """
    number = paragraph.number
    found: list[SourceWord] = []
    if paragraph.label:
        found += zip(tokens(paragraph.label), repeat(number), repeat("label"))
    first_cell = paragraph.cell is not None and paragraph.cell[2] == 0
    for stretch in paragraph.text.split("\t"):
        words = tokens(stretch)
        if len(words) > 1 and words[0].casefold() == "số" and "/" in stretch:
            words = tokens(stretch.replace("/", " "))  # "Số: 12/KH-UBND": the number and symbol apart
        classes = _classes(stretch, [word.casefold() for word in words], first_cell)
        found += zip(words, repeat(number), classes)
    return found


def _classes(text: str, keys: list[str], first_cell: bool) -> list[str]:
    """The re-print class of each word of one stretch of a paragraph ("" for a kept word)."""
    if len(keys) == 1 and first_cell and _LABEL.match(keys[0]):
        return ["label"]  # an STT number or a group row's Roman number
    start = 1 if len(keys) > 1 and _LABEL.match(keys[0]) else 0
    classes = ["label"] * start + [""] * (len(keys) - start)
    whole = _LINE_CLASS.get(" ".join(keys[start:]))
    if whole or _ANNEX_LINE.match(text.strip()):
        return classes[:start] + [whole or "title"] * (len(keys) - start)
    if start < len(keys) and keys[start] in _OPENING_FIRST:
        for opening, kind in _OPENING_WORDS.items():
            if tuple(keys[start : start + len(opening)]) == opening:
                classes[start : start + len(opening)] = [kind] * len(opening)
    present = set(keys)
    for line in _FIXED_RUNS:
        if line[0] not in present:
            continue
        for at in range(len(keys) - len(line) + 1):
            if tuple(keys[at : at + len(line)]) == line:
                classes[at : at + len(line)] = ["fixed"] * len(line)
    if "tháng" in present and _DATE_LINE.search(text):
        classes = [
            c or ("fixed" if k in ("ngày", "tháng", "năm") else "")
            for c, k in zip(classes, keys, strict=True)
        ]
    return classes


#: An annex's own lines render prints from the plan: "PHỤ LỤC II", "(Kèm theo Kế hoạch số ...)".
_ANNEX_LINE = re.compile(r"^(?:phụ lục(?:\s+[ivxlc\d]+)?|\(?kèm theo\b.*)$", re.IGNORECASE)
#: The national heading's lines, found anywhere in a stretch.
_FIXED_RUNS = [tuple(_key(w) for w in tokens(line)) for kind, line in _WHOLE_LINES if kind == "fixed"]


def document_words(document: ReadDocument) -> list[SourceWord]:
    """Every visible word of the document: body, then notes, comments, boxes, changes, headers."""
    found: list[SourceWord] = []
    for paragraph in document.paragraphs:
        found += paragraph_words(paragraph)
    for extra in document.extras:
        if extra.kind not in ("inserted", "moved_to"):  # kept changes: their words are in the body
            reprint = "page" if extra.kind == "page" else ""
            found += zip(tokens(extra.text), repeat(extra.paragraph), repeat(reprint))
    return found


def comment_blocks(text: str) -> Iterator[tuple[str, str]]:
    """(heading, line) for each content line of the file's "# KHÔNG XẾP ĐƯỢC" blocks.

    Only lines starting at column 0 are comments for sure: a block scalar's lines are indented.
    The heading is what follows the marker ("(nhận xét)"), "" for a block with none. The tag
    import puts before a line ("(đoạn 12) ") is left out: its words are not the file's.
    """
    heading: str | None = None
    marker = f"# {msg.IMPORT_UNPLACED_MARKER}"
    for line in text.split("\n"):
        if line.startswith(marker) and line.endswith(":"):
            heading = line[len(marker) : -1].strip()
        elif heading is not None and line.startswith("#   "):
            yield heading, _OWN_TAG.sub("", uncomment(line[4:]), count=1)
        else:
            heading = None


#: The tag import puts before a line it writes ("(đoạn 12) ", "(chữ ẩn, đoạn 3) "): its own words,
#: not the file's, so they never stand in for a word of the file.
_OWN_TAG = re.compile(r"^\((?:chữ ẩn, )?đoạn \d+(?:, [^()]*)?\) ")


def _values(value: Any) -> Iterator[str]:
    """Every text of the data; a date also as its day, month and year ("12", "3", "2024")."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, dt.date):
            yield _date_words(item.year, item.month, item.day)
        elif isinstance(item, str) and _ISO_DATE.match(item):
            parts = [int(part) for part in item.split("-")] + [0]
            yield _date_words(parts[0], parts[1], parts[2]) + " " + item
        elif item is not None and not isinstance(item, bool):
            yield str(item)


def _date_words(year: int, month: int, day: int) -> str:
    """A stored date's numbers as the date line prints them, with and without a leading 0."""
    numbers = [year, month, day] if day else [year, month]
    return " ".join(f"{n} {n:02d}" if n < 10 else str(n) for n in numbers)


_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}(?:-\d{1,2})?$")


def account(words: list[SourceWord], data: Any, text: str) -> Ledger:
    """The ledger of the source's `words` against the plan file `text`, whose values are `data`.

    A multiset comparison: each source word takes one occurrence from the values, else from the
    comment blocks. Words render never re-prints go first, so a re-printable word ("năm" of the
    date line) never takes an occurrence a kept word needs.
    """
    ledger = Ledger(total=len(words))
    in_values = Counter(_key(word) for value in _values(data) for word in tokens(value))
    in_comments: dict[str, Counter[str]] = {}
    for heading, line in comment_blocks(text):
        in_comments.setdefault(heading, Counter()).update(_key(word) for word in tokens(line))
    for word, number, reprint in sorted(words, key=lambda w: bool(w[2])):
        key = word.casefold()
        if in_values[key] > 0:
            in_values[key] -= 1
            ledger.placed += 1
        elif (block := _take(in_comments, key)) is not None:
            ledger.noted += 1
            ledger.blocks[block] += 1
        elif reprint:
            ledger.reprinted[reprint] += 1
        else:
            ledger.rescued.append((number, word))
    ledger.rescued.sort(key=lambda item: item[0])
    return ledger


def _take(counters: dict[str, Counter[str]], key: str) -> str | None:
    for heading, counter in counters.items():
        if counter[key] > 0:
            counter[key] -= 1
            return heading
    return None


def rescue_lines(rescued: list[tuple[int, str]]) -> list[str]:
    """The rescued words as comment lines, one per paragraph, in document order."""
    lines: list[str] = []
    by_paragraph: dict[int, list[str]] = {}
    for number, word in rescued:
        by_paragraph.setdefault(number, []).append(word)
    for number, found in by_paragraph.items():
        lines.append(msg.IMPORT_EXTRA_LINE.format(number=number, text=" ".join(found)))
    return lines
