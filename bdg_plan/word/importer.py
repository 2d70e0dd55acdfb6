"""Import: a KẾ HOẠCH .docx read, recognised and written back as a plan file's text.

read (docx_read) -> find the parts (recognise) -> arrange the body (outline_read) -> plan data
(import_plan) -> YAML text (yaml_emit) -> validated like any plan file. Nothing here touches the
file system: the library API reads the bytes and saves the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.docx.read.body import ReadDocument, Unplaced, collector_paused, read_docx
from bdg_plan.errors import NoPlanFoundError, Problem
from bdg_plan.plan.yaml_write import emit_plan
from bdg_plan.word.find_parts import Found, find_parts
from bdg_plan.word.import_plan import Imported, plan_data
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


def _unplaced(document: ReadDocument, imported: Imported) -> list[Unplaced]:
    """Everything left out: the reader's images, notes and changes, and text with no key."""
    found = list(document.unplaced)
    for number, text in imported.unplaced_at:
        words = text.split()
        found.append(Unplaced("text", number, " ".join(words[:8]) + (" …" if len(words) > 8 else "")))
    return sorted(found, key=lambda u: u.paragraph)


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
    document = read_docx(data)
    found = find_parts(document)
    if found.title is None and not found.header.organ and not found.closing.signer:
        raise NoPlanFoundError(msg.IMPORT_NO_PLAN)
    outline = build_outline(found.body)
    imported = plan_data(found, outline)
    head = msg.IMPORT_HEAD_COMMENT.format(
        file=name, fill=msg.IMPORT_FILL, marker=msg.IMPORT_UNPLACED_MARKER, plan=plan_name
    )
    text = emit_plan(imported.data, head_comment=head, unplaced=imported.unplaced)
    problems = validate_imported(imported.data, text, plan_name)
    return ImportedPlan(text, imported, document, found, _unplaced(document, imported), problems)


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
            rows.append((key, ", ".join(str(v) for v in value.values() if isinstance(v, str))[:80]))
        elif value is None:
            rows.append((key, msg.IMPORT_SUMMARY_BLANK))
        else:
            words = str(value).split()
            rows.append((key, " ".join(words[:10]) + (" …" if len(words) > 10 else "")))
    return rows
