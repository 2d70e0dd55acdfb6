"""Import: a KẾ HOẠCH .docx read, recognised and written back as a plan file's text.

read (docx_read) -> find the parts (recognise) -> arrange the body (outline_read) -> plan data
(import_plan) -> YAML text (yaml_emit) -> validated like any plan file. Nothing here touches the
file system: the library API reads the bytes and saves the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.docx.read.body import collector_paused, read_docx
from bdg_plan.docx.read.values import Extra, ReadDocument, Unplaced, first_words
from bdg_plan.errors import DocxReadError, Problem
from bdg_plan.plan.loader import MAX_NODES, MAX_TEXT_CHARS
from bdg_plan.plan.source import MAX_FILE_BYTES
from bdg_plan.plan.yaml_write import comment, emit_plan
from bdg_plan.word.find_parts import Found, find_parts
from bdg_plan.word.import_plan import plan_data
from bdg_plan.word.imported import Imported
from bdg_plan.word.ledger import Ledger, account, document_words, rescue_lines, tokens
from bdg_plan.word.outline_read import build_outline


@dataclass
class ImportedPlan:
    """The plan file's text and what the import found on the way."""

    text: str
    imported: Imported
    document: ReadDocument
    found: Found
    unplaced: list[Unplaced] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Where every word of the Word file went.
    ledger: Ledger = field(default_factory=Ledger)
    #: The tracked changes accepted, in document order.
    changes: list[Extra] = field(default_factory=list)


def _unplaced(document: ReadDocument, imported: Imported) -> list[Unplaced]:
    """Everything left out: the reader's images, notes and changes, and text with no key."""
    found = list(document.unplaced)
    for number, text in imported.unplaced_at:
        found.append(Unplaced("text", number, first_words(text)))
    return sorted(found, key=lambda u: u.paragraph)


#: The key hidden text is kept under: never a key of the plan, so it is written at the end.
_HIDDEN_KEY = "(chữ ẩn)"


def _leave_hidden(document: ReadDocument, imported: Imported) -> None:
    """Hidden text (w:vanish) as "# KHÔNG XẾP ĐƯỢC" comments marked hidden, never as values."""
    for paragraph in document.paragraphs:
        if paragraph.hidden.strip():
            line = msg.IMPORT_HIDDEN_LINE.format(number=paragraph.number, text=paragraph.hidden.strip())
            imported.unplaced.setdefault(_HIDDEN_KEY, []).append(line)


_CHANGES = frozenset(msg.IMPORT_CHANGE_LINES)


def change_line(change: Extra) -> str:
    """A tracked change as listed, its words included."""
    return msg.IMPORT_CHANGE_LINES[change.kind].format(number=change.paragraph, text=change.text)


def _leave_extras(document: ReadDocument, imported: Imported) -> dict[str, dict[str, list[str]]]:
    """Notes, comments, text boxes and tracked changes as headed blocks, each beside its key.

    The key is the one their paragraph's words went to (the end of the file when none holds
    them); header and footer text goes at the end.
    """
    headings = msg.IMPORT_EXTRA_HEADINGS
    places = _Places(document, imported.data)
    headed: dict[str, dict[str, list[str]]] = {}
    for extra in document.extras:
        if extra.kind == "header":
            imported.unplaced.setdefault(headings["header"], []).append(extra.text)
            continue
        if extra.kind == "page":  # render numbers the pages itself
            continue
        kind = "tracked" if extra.kind in _CHANGES else extra.kind
        line = (
            change_line(extra)
            if kind == "tracked"
            else msg.IMPORT_EXTRA_LINE.format(number=extra.paragraph, text=extra.text)
        )
        key = places.key(extra.paragraph)
        if key is None:
            imported.unplaced.setdefault(headings[kind], []).append(line)
        else:
            headed.setdefault(key, {}).setdefault(headings[kind], []).append(line)
    return headed


class _Places:
    """The top-level key a body paragraph's words went to, found by its words in the values.

    All values are one text, searched once per paragraph looked at; a paragraph's answer is
    kept, and at most `MAX_PROBES` searches are made, so a file of thousands of comments costs
    no more than a plan's worth: past that, the rest go to the end of the file.
    """

    #: Paragraphs looked back through for one whose words a value holds (a heading's are not).
    LOOK_BACK = 20
    MAX_PROBES = 400

    def __init__(self, document: ReadDocument, data: dict[str, Any]) -> None:
        self.paragraphs = document.paragraphs
        self.data = data
        self.probes = 0
        self._found: dict[int, str | None] = {}
        self._text = ""
        self._starts: list[int] = []
        self._keys: list[str] = []

    def _values(self) -> str:
        if not self._keys:
            parts = []
            at = 0
            for key, value in self.data.items():
                part = " " + " ".join(tokens(_all_text(value))) + " \n"
                self._starts.append(at)
                self._keys.append(key)
                parts.append(part)
                at += len(part)
            self._text = "".join(parts)
        return self._text

    def key(self, number: int) -> str | None:
        if number in self._found:
            return self._found[number]
        found = None
        for at in range(number, max(number - self.LOOK_BACK, 0), -1):
            if self.probes >= self.MAX_PROBES:
                break
            words = tokens(self.paragraphs[at - 1].text) if at <= len(self.paragraphs) else []
            if words:
                self.probes += 1
                where = self._values().find(" " + " ".join(words[1:7] if len(words) > 3 else words) + " ")
                if where >= 0:
                    found = self._keys[bisect.bisect_right(self._starts, where) - 1]
                    break
        self._found[number] = found
        return found


def _all_text(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(_all_text(item) for item in value.values())
    if isinstance(value, list):
        return " ".join(_all_text(item) for item in value)
    return str(value) if isinstance(value, str) else ""


def ledger_lines(ledger: Ledger) -> list[str]:
    """The ledger as the summary prints it: the counts, what render re-prints, each block's words."""
    lines = [
        msg.IMPORT_LEDGER.format(
            total=_number(ledger.total),
            placed=_number(ledger.placed),
            noted=_number(ledger.noted),
            lost=_number(ledger.lost),
        )
    ]
    if ledger.reprinted:
        classes = "; ".join(
            msg.IMPORT_LEDGER_CLASS.format(name=msg.IMPORT_LEDGER_CLASSES[kind], count=_number(count))
            for kind, count in sorted(ledger.reprinted.items())
        )
        lines.append(
            msg.IMPORT_LEDGER_REPRINTED.format(count=_number(sum(ledger.reprinted.values())), classes=classes)
        )
    for heading, count in ledger.blocks.items():
        if heading:
            lines.append(msg.IMPORT_LEDGER_BLOCK.format(heading=heading, count=_number(count)))
        else:
            lines.append(msg.IMPORT_LEDGER_BLOCK_KEYS.format(count=_number(count)))
    return lines


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _read(data: bytes) -> ReadDocument:
    """The document, read no further than a plan file can hold; no paragraph longer than a value.

    A plan file holds at most `MAX_FILE_BYTES` bytes and every character of text takes at least
    one, so reading stops past that many characters, before any later stage spends time on them.
    """
    too_much = msg.IMPORT_TOO_MUCH_TEXT.format(limit=_number(MAX_FILE_BYTES), mb=MAX_FILE_BYTES // 1_000_000)
    document = read_docx(data, max_text=MAX_FILE_BYTES, too_much_text=too_much)
    for paragraph in document.paragraphs:
        if len(paragraph.text) > MAX_TEXT_CHARS:
            raise DocxReadError(
                msg.IMPORT_PARAGRAPH_TOO_LONG.format(
                    number=paragraph.number,
                    words=paragraph.first_words(),
                    length=_number(len(paragraph.text)),
                    limit=_number(MAX_TEXT_CHARS),
                )
            )
    return document


def check_plan_limits(data: dict[str, Any]) -> None:
    """Refuse plan data that `validate` would refuse: a value too long, too many values or characters.

    One text used in many places counts each time, as the loader counts it.

    Raises:
        DocxReadError: naming the limit; nothing is written.

    """
    nodes = chars = 0
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise DocxReadError(msg.IMPORT_TOO_MANY_VALUES.format(limit=_number(MAX_NODES)))
        if isinstance(value, dict):
            nodes += len(value)
            chars += sum(len(str(key)) for key in value)
            stack += [(f"{path}.{key}" if path else str(key), item) for key, item in value.items()]
        elif isinstance(value, list):
            stack += [(f"{path}[{index}]", item) for index, item in enumerate(value)]
        elif isinstance(value, str):
            chars += len(value)
            if len(value) > MAX_TEXT_CHARS:
                length, limit = _number(len(value)), _number(MAX_TEXT_CHARS)
                raise DocxReadError(msg.IMPORT_VALUE_TOO_LONG.format(key=path, length=length, limit=limit))
        if chars > MAX_FILE_BYTES:
            mb = MAX_FILE_BYTES // 1_000_000
            raise DocxReadError(msg.IMPORT_TOO_MUCH_TEXT.format(limit=_number(MAX_FILE_BYTES), mb=mb))


def check_plan_size(text: str) -> None:
    """Refuse a plan file larger than `validate` reads (`MAX_FILE_BYTES`).

    Raises:
        DocxReadError: naming the limit; nothing is written.

    """
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise DocxReadError(
            msg.IMPORT_PLAN_TOO_LARGE.format(
                size=_number(size), limit=_number(MAX_FILE_BYTES), mb=MAX_FILE_BYTES // 1_000_000
            )
        )


def import_bytes(data: bytes, name: str, plan_name: str) -> ImportedPlan:
    """Read a .docx's bytes and return the plan file's text.

    Args:
        data: the .docx bytes.
        name: the .docx's name, quoted in the file's first comment.
        plan_name: the plan file's name, quoted in the "next steps" comment.

    Raises:
        DocxReadError: the file is not a readable, safe .docx.
        NoPlanFoundError: nothing in it looks like a KẾ HOẠCH.

    """
    with collector_paused():
        return _import(data, name, plan_name)


def _import(data: bytes, name: str, plan_name: str) -> ImportedPlan:
    document = _read(data)
    found = find_parts(document)
    # A file with no landmark of a plan still comes in: its paragraphs in order, the summary
    # saying it was not recognised (`import_plan`); only a file that is not a Word document is refused.
    outline = build_outline(found.body)
    imported = plan_data(found, outline)
    _leave_hidden(document, imported)
    headed = _leave_extras(document, imported)
    check_plan_limits(imported.data)
    head = msg.IMPORT_HEAD_COMMENT.format(
        file=comment(name), fill=msg.IMPORT_FILL, marker=msg.IMPORT_UNPLACED_MARKER, plan=comment(plan_name)
    )
    text = emit_plan(imported.data, head_comment=head, unplaced=imported.unplaced, headed=headed)
    words = document_words(document)
    values = _read_back(text, plan_name)
    ledger = account(words, values, text)
    if ledger.rescued:  # words no stage placed: written at the end, so none is ever lost
        imported.unplaced[msg.IMPORT_EXTRA_HEADINGS["rescued"]] = rescue_lines(ledger.rescued)
        text = emit_plan(imported.data, head_comment=head, unplaced=imported.unplaced, headed=headed)
        ledger = replace(account(words, values, text), rescued=ledger.rescued)  # comments added only
    check_plan_size(text)
    problems = validate_imported(imported.data, text, plan_name)
    plan = ImportedPlan(text, imported, document, found, _unplaced(document, imported), problems, ledger)
    plan.changes = [extra for extra in document.extras if extra.kind in _CHANGES]
    return plan


def _read_back(text: str, name: str) -> Any:
    """The plan file's values as the project's loader reads them (the ledger counts these)."""
    from bdg_plan.pipeline import load_source
    from bdg_plan.plan.source import SourceText

    return load_source(SourceText(name, text)).data


def validate_imported(data: dict[str, Any], text: str, name: str) -> list[Problem]:
    """The problems of the imported plan file, as `validate` would report them.

    The file is the emitted `text`, which reads back exactly as `data` (the emitter checks it).
    So the data is validated by the model directly; only when that finds a problem, or the text
    holds characters the loader remarks on, is the file read again the positioned way, so that
    every problem carries its line and column.
    """
    from bdg_plan.pipeline import attach_tables, validate_bytes, validate_document
    from bdg_plan.plan.loader import MAX_NODES, MAX_TEXT_CHARS, LoadedDocument, needs_no_remark

    values: list[str] = []
    loaded = _as_loaded(data, values)
    if (
        loaded is not None
        and len(values) < MAX_NODES // 2
        and max(map(len, values), default=0) <= MAX_TEXT_CHARS
        and needs_no_remark(text, "\n".join(values))
    ):
        result = validate_document(attach_tables(LoadedDocument(name, loaded, text=text), None))
        if not result.problems:
            return []
    return validate_bytes(text.encode("utf-8"), name).problems


def _as_loaded(value: Any, values: list[str]) -> Any:
    """`value` as the loader builds it from the emitted text (dates stay text).

    Collects the texts into `values`; None for anything the loader might read differently.
    """
    if isinstance(value, str):
        values.append(value)
        return value
    if isinstance(value, dict):
        items = {key: _as_loaded(item, values) for key, item in value.items()}
        return None if any(v is None and value[k] is not None for k, v in items.items()) else items
    if isinstance(value, list):
        found = [_as_loaded(item, values) for item in value]
        return None if any(f is None and v is not None for f, v in zip(found, value, strict=True)) else found
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int):
        return value
    return None


def summary(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What went where: each top-level key of the plan and what it holds, in the file's order."""
    rows = []
    for key, value in data.items():
        if isinstance(value, list):
            rows.append((key, msg.IMPORT_SUMMARY_ITEMS.format(count=len(value))))
        elif isinstance(value, dict):
            rows.append((key, ", ".join(str(v)[:80] for v in value.values() if isinstance(v, str))[:80]))
        elif value is None:
            rows.append((key, msg.IMPORT_SUMMARY_BLANK))
        else:
            rows.append((key, first_words(str(value), 10)))
    return rows
