"""The pipeline's glue: bytes -> decoded text -> loaded data -> validated plan -> .docx bytes.

The one place the stages are joined: every entry point (`api`, batch, new-year, import, watch)
starts from one of these functions, so a plan is read and checked the same way whatever made
the call, and a commune's document is made exactly as `bdg-plan render` makes it. Nothing here
reads or writes files: `api` does that.

    load_bytes       bytes -> decoded text -> loaded data (stages 1 and 2)
    load_source      already decoded text -> loaded data (stage 2)
    attach_tables    loaded data + the CSV files its tables name (stage 2b)
    validate_document  loaded data -> typed plan and every problem (stage 3)
    validate_bytes   all of the above, from a file's bytes
    render_plan      typed plan -> .docx bytes (stages 4 and 5)
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bdg_plan.errors import Problem
from bdg_plan.plan.loader import LoadedDocument, load_yaml
from bdg_plan.plan.source import SourceText, decode_source
from bdg_plan.rules import validate

if TYPE_CHECKING:
    from pathlib import Path

    from bdg_plan.plan.model import Plan
    from bdg_plan.rules.validate import ValidationResult


def load_bytes(data: bytes, name: str) -> LoadedDocument:
    """Decode and parse a plan file's bytes; never raises for bad content.

    Bytes that do not decode give a document with no data, the decoding problem its only one,
    and no text.
    """
    source = decode_source(data, name)
    if isinstance(source, Problem):
        return LoadedDocument(name, None, problems=[source])
    return load_yaml(source)


def load_source(source: SourceText) -> LoadedDocument:
    """Parse already decoded text (NFC) into data with positions; never raises for bad content."""
    return load_yaml(source)


def attach_tables(doc: LoadedDocument, folder: Path | None) -> LoadedDocument:
    """Fill the tables that name a CSV file with its rows, read from `folder` (in place).

    `folder` is where the plan file lies; None when the plan came from no file (a table that
    names a CSV file is then a problem of the document).
    """
    from bdg_plan.plan.csv_tables import attach_csv_tables

    return attach_csv_tables(doc, folder)


def validate_document(doc: LoadedDocument) -> ValidationResult:
    """Validate loaded data; the result carries the document's text (`source_text`)."""
    return replace(validate.validate_document(doc), source_text=doc.text)


def validate_bytes(data: bytes, name: str, folder: Path | None = None) -> ValidationResult:
    """Validate a plan given as bytes, reporting problems against `name`.

    `folder` is where the plan file lies: tables that name a CSV file read it from there. The
    result carries the decoded text (`source_text`), which problem columns count in.
    """
    return validate_document(attach_tables(load_bytes(data, name), folder))


def render_plan(plan: Plan, template_dir: Path | None = None) -> bytes:
    """Compose and write a validated plan; returns the .docx bytes.

    Raises:
        TemplateError: the body template is missing or fails.

    """
    from bdg_plan.compose.document import compose
    from bdg_plan.docx.write.document import write_docx

    return write_docx(compose(plan, template_dir))
