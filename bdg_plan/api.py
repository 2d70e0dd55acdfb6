"""The library API: runs the pipeline stages and returns values or raises the project's errors.

The CLI is a thin layer over these functions; batch and new-year call them too, so every entry
point shares one pipeline: source -> load -> validate -> compose -> write -> atomic save.
"""

from __future__ import annotations

from pathlib import Path

from bdg_plan.errors import InputFileError, InvalidPlanError, Problem, has_errors
from bdg_plan.loader import LoadedDocument, load_yaml
from bdg_plan.source import decode_source, read_source
from bdg_plan.validate import ValidationResult, validate_document


def load_text(data: bytes, name: str) -> LoadedDocument:
    """Decode and parse a plan file's bytes; never raises for bad content."""
    source = decode_source(data, name)
    if isinstance(source, Problem):
        return LoadedDocument(name, None, problems=[source])
    return load_yaml(source)


def validate_bytes(data: bytes, name: str) -> ValidationResult:
    """Validate a plan given as bytes, reporting problems against `name`."""
    return validate_document(load_text(data, name))


def validate(path: Path, display_name: str | None = None) -> ValidationResult:
    """Validate the plan file at `path`.

    Raises:
        InputFileError: the file is missing, a folder, unreadable or too large.
    """
    name = display_name or str(path)
    return validate_bytes(read_source(path, name), name)


def load_plan(path: Path, display_name: str | None = None) -> ValidationResult:
    """Validate `path` and insist on a usable plan (warnings allowed).

    Raises:
        InputFileError: the file cannot be read.
        InvalidPlanError: the plan has errors; the exception holds every problem.
    """
    result = validate(path, display_name)
    if result.plan is None or has_errors(result.problems):
        raise InvalidPlanError(result.problems)
    return result


__all__ = ["InputFileError", "InvalidPlanError", "load_plan", "load_text", "validate", "validate_bytes"]
