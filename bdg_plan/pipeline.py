"""The pipeline's glue: bytes -> decoded text -> loaded data -> validated plan -> .docx bytes.

One function per step a caller starts from, shared by `api` (one plan) and the batch workers
(many plans), so a commune's document is made exactly as `bdg-plan render` makes it. Nothing here
reads or writes files: `api` does that.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bdg_plan.errors import Problem
from bdg_plan.plan.loader import LoadedDocument, load_yaml
from bdg_plan.plan.source import SourceText, decode_source
from bdg_plan.rules.validate import ValidationResult, validate_document

if TYPE_CHECKING:
    from pathlib import Path

    from bdg_plan.plan.model import Plan


def load_text(data: bytes, name: str) -> LoadedDocument:
    """Decode and parse a plan file's bytes; never raises for bad content."""
    source = decode_source(data, name)
    if isinstance(source, Problem):
        return LoadedDocument(name, None, problems=[source])
    return load_yaml(source)


def validate_bytes(data: bytes, name: str, folder: Path | None = None) -> ValidationResult:
    """Validate a plan given as bytes, reporting problems against `name`.

    `folder` is where the plan file lies: tables that name a CSV file read it from there. The
    result carries the decoded text (`source_text`), which problem columns count in.
    """
    from bdg_plan.plan.csv_tables import attach_csv_tables

    source = decode_source(data, name)
    if isinstance(source, Problem):
        return ValidationResult(None, [source])
    loaded = attach_csv_tables(load_yaml(source), folder)
    return replace(validate_document(loaded), source_text=source.text)


def validate_source(source: SourceText) -> ValidationResult:
    """Validate already decoded text (the batch's base plan)."""
    return replace(validate_document(load_yaml(source)), source_text=source.text)


def render_plan(plan: Plan, template_dir: Path | None = None) -> bytes:
    """Compose and write a validated plan; returns the .docx bytes.

    Raises:
        TemplateError: the body template is missing or fails.

    """
    from bdg_plan.compose.document import compose
    from bdg_plan.docx.write.document import write_docx

    return write_docx(compose(plan, template_dir))
