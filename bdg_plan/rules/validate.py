"""Pipeline stage 3: turn loaded data into a typed `Plan`, collecting every problem with its line.

Two passes: pydantic checks the shape (types, required and unknown keys), its errors translated
into Vietnamese and mapped back to source positions; then the rule families of
`bdg_plan.rules.registry` (Decree 30 and the 2025 local-government reform) run on the typed plan,
and each `Finding` they yield is placed at the line of its model path. When the shape is wrong,
the header rules (ký hiệu, year of the issue date) still run on the fields that are right, so
every mistake is reported in one run.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from bdg_plan import messages as msg
from bdg_plan.errors import Problem, Severity, has_errors, sort_problems
from bdg_plan.plan.loader import DataPath, LoadedDocument, visible
from bdg_plan.plan.model import PLAN_ERROR_CODES, Plan
from bdg_plan.plan.model_walk import field_annotation, tagged_member, unwrap
from bdg_plan.rules.body import UNFILLED_MARKER
from bdg_plan.rules.finding import Finding
from bdg_plan.rules.registry import domain_rules, header_rules

#: `UNFILLED_MARKER` is the body family's; the starters import it from here.
__all__ = [
    "UNFILLED_MARKER",
    "ValidationResult",
    "allowed_keys",
    "validate_document",
]


@dataclass(frozen=True)
class ValidationResult:
    """A plan (None when its shape is wrong), every problem found, sorted, and the text checked.

    `source_text` is the decoded file (NFC, as the loader read it), so a caller can show the
    line of each problem without reading the file again; "" when not known.
    """

    plan: Plan | None
    problems: list[Problem]
    source_text: str = ""


def validate_document(doc: LoadedDocument) -> ValidationResult:
    """Validate loaded data; the loader's own problems are included in the result."""
    problems = list(doc.problems)
    if doc.data is None:
        return ValidationResult(None, sort_problems(problems))
    if not isinstance(doc.data, dict):
        problems.append(Problem(doc.name, 1, 1, "wrong-type", msg.EXPECTED_MAPPING))
        return ValidationResult(None, sort_problems(problems))
    loader_failed = has_errors(problems)
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        # A value the loader refused (an unsafe tag) was replaced by None, so pydantic complains
        # about it at the very place the loader already did; keep only the new problems.
        refused = {(p.line, p.column) for p in doc.problems if p.is_error}
        problems.extend(p for p in _translate(doc, exc) if (p.line, p.column) not in refused)
        problems.extend(_place(doc, header_rules(doc.data)))
        return ValidationResult(None, sort_problems(problems))
    problems.extend(_place(doc, domain_rules(plan)))
    problems.extend(_review_marks(doc, problems))
    # Data the loader had to change (a dropped duplicate key, a cut text) is not the clerk's plan.
    return ValidationResult(None if loader_failed else plan, sort_problems(problems))


def _review_marks(doc: LoadedDocument, found: list[Problem]) -> Iterator[Problem]:
    """A warning for each `# CẦN XEM LẠI: ...` comment left in the file (written by new-year).

    A comment repeating a warning a rule gives anyway (an old annual plan) is not said twice.
    """
    if msg.NEW_YEAR_REVIEW_MARKER not in doc.text:
        return  # the common case, without importing review_marks (a module and a dataclass)
    from bdg_plan.rules.review_marks import find_marks, first_line_below, value_at_line, value_digest

    said = {p.message for p in found}
    for mark in find_marks(doc.text):
        if mark.digest is not None:
            known, value = value_at_line(doc, first_line_below(doc.text, mark.line))
            if known and value_digest(value) != mark.digest:
                text = msg.REVIEW_COMMENT_DONE.format(reason=mark.reason)
                yield Problem(doc.name, mark.line, mark.column, "review-comment-done", text, Severity.NOTE)
                continue
        if mark.reason not in said:
            text = msg.REVIEW_COMMENT_LEFT.format(reason=mark.reason)
            yield Problem(doc.name, mark.line, mark.column, "review-comment", text, Severity.WARNING)


def _place(doc: LoadedDocument, findings: Iterator[Finding]) -> Iterator[Problem]:
    """Turn rule findings into problems at the source position of their model path."""
    for path, code, message, severity in findings:
        # Model paths can run through shorthands the file does not spell out ("muc_dich" given
        # as a plain list has no "cac_y" key), so map them onto the data first.
        mark = doc.locate(doc.resolve(path))
        yield Problem(doc.name, mark.line, mark.column, code, message, severity)


# --- pydantic errors -> problems --------------------------------------------------------------
_TYPE_MESSAGES = {
    "string_type": msg.EXPECTED_TEXT,
    "int_type": msg.EXPECTED_INT,
    "int_parsing": msg.EXPECTED_INT,
    "int_from_float": msg.EXPECTED_INT,
    "list_type": msg.EXPECTED_LIST,
    "model_type": msg.EXPECTED_MAPPING,
    "model_attributes_type": msg.EXPECTED_MAPPING,
    "dict_type": msg.EXPECTED_MAPPING,
    "date_type": msg.EXPECTED_DATE,
    "date_parsing": msg.EXPECTED_DATE,
    "date_from_datetime_parsing": msg.EXPECTED_DATE,
    "date_from_datetime_inexact": msg.EXPECTED_DATE,
    "too_short": msg.EMPTY_LIST,
}


#: Keys a joint plan's clerk may write as a list of two (they have `_lien_tich` twins instead).
_JOINT_KEYS = frozenset({("nguoi_ky",), ("co_quan",)})


def _translate(doc: LoadedDocument, exc: ValidationError) -> Iterator[Problem]:
    for error in exc.errors(include_url=False):
        yield _key_problem(doc, error) or _value_problem(doc, error)


def _key_problem(doc: LoadedDocument, error: Any) -> Problem | None:
    """A missing or unknown key, or an outline item of no known level; None for a value's error."""
    kind = error["type"]
    path = doc.resolve(tuple(error["loc"]))
    if kind == "missing":
        field = str(error["loc"][-1])
        mark = doc.locate(path, prefer_key=True)
        text = msg.MISSING_FIELD.format(field=field)
        return Problem(doc.name, mark.line, mark.column, "missing-field", text)
    if kind == "outline_item":
        mark = doc.locate(path)
        return Problem(doc.name, mark.line, mark.column, "outline-item", msg.OUTLINE_ITEM)
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        text = msg.UNKNOWN_KEY.format(key=visible(key))
        # The model path (pydantic's loc), not the data path: shorthands hide model steps.
        known = allowed_keys(tuple(error["loc"][:-1]))
        suggestion = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if key in msg.KEY_GOES:
            text += msg.KEY_GOES[key]  # content of another level: say where it goes
        elif suggestion:
            text += msg.DID_YOU_MEAN.format(suggestion=suggestion[0])
        mark = doc.locate(path, prefer_key=True)
        return Problem(doc.name, mark.line, mark.column, "unknown-key", text)
    return None


def _value_problem(doc: LoadedDocument, error: Any) -> Problem:
    """A value of the wrong type, choice or size, at the value's place."""
    kind = error["type"]
    path = doc.resolve(tuple(error["loc"]))
    ctx = error.get("ctx") or {}
    mark = doc.locate(path)
    if kind in _TYPE_MESSAGES:
        code = "empty-text" if kind == "too_short" else "wrong-type"
        if kind.startswith("date"):
            code = "invalid-date"
        text = _TYPE_MESSAGES[kind]
        given = error.get("input")
        if kind in ("model_type", "dict_type") and isinstance(given, list) and path in _JOINT_KEYS:
            # Two signers or two bodies written as a list: the joint plan has its own keys.
            text = msg.JOINT_AS_LIST
        if kind == "string_type" and isinstance(given, int | float) and not isinstance(given, bool):
            # "thoi_gian: 2023" is read as a number; quoting it makes it text.
            text = msg.EXPECTED_TEXT_NOT_NUMBER
        return Problem(doc.name, mark.line, mark.column, code, text)
    if kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", " hoặc ")
        return Problem(
            doc.name, mark.line, mark.column, "wrong-value", msg.EXPECTED_CHOICE.format(choices=choices)
        )
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        if path[-1:] == ("so",):
            return Problem(doc.name, mark.line, mark.column, "so-invalid", msg.SO_NOT_POSITIVE)
        text = msg.NUMBER_TOO_SMALL.format(limit=limit)
        return Problem(doc.name, mark.line, mark.column, "wrong-value", text)
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        text = msg.NUMBER_TOO_LARGE.format(limit=limit)
        return Problem(doc.name, mark.line, mark.column, "wrong-value", text)
    if kind in PLAN_ERROR_CODES:
        # The model's own checks carry their code (`model.plan_error`).
        return Problem(doc.name, mark.line, mark.column, kind, str(ctx.get("message", msg.INVALID_VALUE)))
    return Problem(doc.name, mark.line, mark.column, "invalid-value", msg.INVALID_VALUE)


def allowed_keys(path: DataPath) -> list[str]:
    """List the field names the model accepts at a model path (for "did you mean").

    `path` follows the model (pydantic's `loc`), so a shorthand such as a plain list given for
    `muc_dich` is walked as `muc_dich` > `cac_y` > item.
    """
    current: Any = Plan
    for step in path:
        member = tagged_member(current, step) if isinstance(step, str) else None
        if member is not None:
            current = member  # a tagged union's member name (outline levels, can_cu items)
            continue
        current = unwrap(current, want_list=isinstance(step, int))
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
            current = field_annotation(current, step)
        else:
            return []
    current = unwrap(current, want_list=False)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []
