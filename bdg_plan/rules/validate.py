"""Pipeline stage 3: turn loaded data into a typed `Plan`, collecting every problem with its line.

Two passes: pydantic checks the shape (types, required and unknown keys), its errors translated
into Vietnamese and mapped back to source positions; then the domain rules of Decree 30 and of
the 2025 local-government reform run on the typed plan. When the shape is wrong, the header rules
(ký hiệu, year of the issue date) still run on the fields that are right, so every mistake is
reported in one run.

Over 400 lines on purpose: pydantic's errors in Vietnamese and the rules of dates and the body
are the stage's core, each placed at its line here; the header, outline and map rules have rooms
of their own.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from bdg_plan import messages as msg
from bdg_plan.errors import Problem, Severity, has_errors, sort_problems
from bdg_plan.facts.admin_map import DISTRICT_PATTERN, REFORM_DATE
from bdg_plan.facts.vietnamese import format_short_date
from bdg_plan.plan.loader import DataPath, LoadedDocument, visible
from bdg_plan.plan.model import PLAN_ERROR_CODES, Diem, Khoan, Muc, NgayBanHanh, NoiDung, Plan, YGachDauDong
from bdg_plan.plan.model_walk import field_annotation, tagged_member, unwrap
from bdg_plan.rules.citations import cited
from bdg_plan.rules.header import Finding, citation_rules, family_findings, kind_rules, signer_rules
from bdg_plan.rules.outline import heading_of, outline_entries, outline_rules

_KY_HIEU = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ][A-Za-zĐđ0-9]*)+$")
_LEADING_MARK = re.compile(r"^\s*([-+•–]\s)")
_TYPED_NUMBER = re.compile(r"^\s*((?:[IVX]+|\d+|[a-zđ])[.)])\s")


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
    from bdg_plan.rules.review_marks import find_marks

    said = {p.message for p in found}
    for mark in find_marks(doc.text):
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


# --- Domain rules -----------------------------------------------------------------------------


def _header_findings(
    nam: int | None, ky_hieu: str | None, ngay: NgayBanHanh | None, ten_loai: str | None = None
) -> Iterator[Finding]:
    """Ký hiệu and year rules; a field given as None was not valid and is not checked."""
    if ky_hieu is not None:
        if not _KY_HIEU.match(ky_hieu):
            yield ("ky_hieu",), "ky-hieu-format", msg.KY_HIEU_FORMAT.format(value=ky_hieu), Severity.ERROR
        elif ten_loai is not None:
            yield from family_findings(ky_hieu, ten_loai)
    if nam is not None and ngay is not None and ngay.nam != nam:
        yield (
            ("ngay",),
            "year-mismatch",
            msg.YEAR_MISMATCH.format(date_year=ngay.nam, plan_year=nam),
            Severity.ERROR,
        )


#: The header fields that `header_rules` validates on their own.
_HEADER_NAMES = ("nam", "ky_hieu", "ngay", "ten_loai")


@functools.cache
def _header_fields() -> dict[str, TypeAdapter[Any]]:
    """Validators for the header fields alone, built from the `Plan` fields (one source of truth).

    Built on first use: only a plan whose shape is wrong needs them, so a clean start skips
    their schema generation.
    """
    return {
        name: TypeAdapter(cast(Any, Annotated[Plan.model_fields[name].annotation, Plan.model_fields[name]]))
        for name in _HEADER_NAMES
    }


def header_rules(data: dict[str, Any]) -> Iterator[Finding]:
    """Run the ký hiệu and year rules on raw data whose other parts do not fit the model.

    Each of `nam`, `ky_hieu` and `ngay` is validated on its own; a rule runs only when the
    fields it needs are present and valid (their own errors are reported by the shape pass).
    """
    valid: dict[str, Any] = {}
    for name, adapter in _header_fields().items():
        if name in data:
            try:
                valid[name] = adapter.validate_python(data[name])
            except ValidationError:
                continue
    ten_loai = valid.get("ten_loai", "Kế hoạch") if "ten_loai" in valid or "ten_loai" not in data else None
    yield from _header_findings(valid.get("nam"), valid.get("ky_hieu"), valid.get("ngay"), ten_loai)


def domain_rules(plan: Plan) -> Iterator[Finding]:
    """Decree 30 and reform rules on a typed plan, as (path, code, message, severity)."""
    yield from _header_findings(plan.nam, plan.ky_hieu, plan.ngay, plan.ten_loai)
    yield from citation_rules(plan)
    yield from signer_rules(plan)
    yield from kind_rules(plan)
    if not plan.noi_nhan:
        yield ("noi_nhan",), "no-recipients", msg.NO_RECIPIENTS, Severity.ERROR
    if plan.thang_hanh_dong:
        start, end = plan.thang_hanh_dong.tu, plan.thang_hanh_dong.den
        if start.year != plan.nam or end.year != plan.nam:
            yield (
                ("thang_hanh_dong",),
                "action-month-outside-year",
                msg.ACTION_MONTH_OUTSIDE.format(
                    start=format_short_date(start), end=format_short_date(end), year=plan.nam
                ),
                Severity.ERROR,
            )
        elif start > end:
            yield ("thang_hanh_dong",), "action-month-outside-year", msg.ACTION_MONTH_ORDER, Severity.ERROR
    yield from _reform_rules(plan)
    yield from outline_rules(plan)
    if plan.ngay.earliest >= REFORM_DATE:
        from bdg_plan.rules.admin_map import map_rules  # the map is loaded only for such plans

        yield from map_rules(plan, UNFILLED_MARKER.search)
    yield from old_annual_plans(plan)
    yield from _typed_marks(plan)
    yield from unfilled_markers(plan)


def _reform_rules(plan: Plan) -> Iterator[Finding]:
    if plan.ngay.earliest < REFORM_DATE:
        return
    if plan.ngay.ngay:
        date = f"ngày {format_short_date(plan.ngay.earliest)}"
    else:
        date = f"tháng {plan.ngay.thang}/{plan.ngay.nam}"
    superior = plan.co_quan.cap_tren
    if superior and DISTRICT_PATTERN.search(superior):
        yield (
            ("co_quan", "cap_tren"),
            "district-after-reform",
            msg.DISTRICT_SUPERIOR_AFTER_REFORM.format(date=date, value=superior),
            Severity.ERROR,
        )
    for index, item in enumerate(plan.can_cu):
        body = cited(item).co_quan
        if body and DISTRICT_PATTERN.search(body):
            yield (
                ("can_cu", index) if isinstance(item, str) else ("can_cu", index, "co_quan"),
                "district-reference",
                msg.DISTRICT_REFERENCE_AFTER_REFORM.format(value=body),
                Severity.WARNING,
            )
    for index, recipient in enumerate(plan.noi_nhan):
        if DISTRICT_PATTERN.search(recipient.ten):
            yield (
                ("noi_nhan", index),
                "district-reference",
                msg.DISTRICT_REFERENCE_AFTER_REFORM.format(value=recipient.ten),
                Severity.WARNING,
            )


def _typed_marks(plan: Plan) -> Iterator[Finding]:
    """Warn where the clerk typed a bullet dash or a number the tool adds itself."""

    def leading(text: str, path: DataPath) -> Iterator[Finding]:
        mark = _LEADING_MARK.match(text)
        if mark:
            yield path, "typed-mark", msg.LEADING_DASH.format(mark=mark.group(1).strip()), Severity.WARNING

    def bullets(items: list[YGachDauDong], path: DataPath) -> Iterator[Finding]:
        for index, item in enumerate(items):
            yield from leading(item.y, (*path, index))
            for sub, text in enumerate(item.cac_y):
                yield from leading(text, (*path, index, "cac_y", sub))

    def title(text: str | None, path: DataPath) -> Iterator[Finding]:
        mark = _TYPED_NUMBER.match(text or "")
        if mark:
            yield path, "typed-mark", msg.TYPED_NUMBER.format(mark=mark.group(1)), Severity.WARNING

    def block(node: NoiDung | Khoan | Diem | Muc, path: DataPath) -> Iterator[Finding]:
        yield from bullets(node.cac_y, (*path, "cac_y"))
        if isinstance(node, Khoan | Diem | Muc):
            yield from title(node.ten, (*path, "ten"))
        if isinstance(node, Khoan):
            for index, diem in enumerate(node.cac_diem):
                yield from block(diem, (*path, "cac_diem", index))
        if isinstance(node, Muc):
            for index, khoan in enumerate(node.cac_khoan):
                yield from block(khoan, (*path, "cac_khoan", index))

    for key in ("muc_dich", "yeu_cau", "kinh_phi"):
        value = getattr(plan, key)
        if value is not None:
            yield from block(value, (key,))
    for key in ("noi_dung", "to_chuc_thuc_hien", "muc_them"):
        for index, node in enumerate(getattr(plan, key)):
            yield from block(node, (key, index))
    for path, item in outline_entries(plan):
        numbered = heading_of(item)
        if numbered is not None:
            yield from title(numbered[1], (*path, numbered[0]))
        elif isinstance(item, YGachDauDong):
            yield from leading(item.y, (*path, "y"))
            for sub, text in enumerate(item.cac_y):
                yield from leading(text, (*path, "cac_y", sub))


def old_annual_plans(plan: Plan) -> Iterator[Finding]:
    """Warn about căn cứ that are an earlier year's annual plan (a "Kế hoạch ... năm 2023").

    Such a citation usually comes from copying last year's plan: the superior body issues a new
    annual plan every year, and this year's plan should implement that one. `new-year` uses the
    same rule to mark these entries in the file it writes.
    """
    for index, item in enumerate(plan.can_cu):
        reference = cited(item)
        if (reference.loai or "").casefold() != "kế hoạch" or not reference.trich_yeu:
            continue
        # "năm 2021 - 2025" is a period, not the year of an annual plan.
        years = re.findall(r"(?<!\w)năm\s+(\d{4})(?!\d)(?!\s*[-–]\s*\d)", reference.trich_yeu, re.I)
        earlier = [int(year) for year in years if int(year) < plan.nam]
        if earlier:
            message = msg.OLD_ANNUAL_PLAN.format(cited_year=max(earlier), plan_year=plan.nam)
            yield ("can_cu", index), "old-annual-plan", message, Severity.WARNING


#: A `<<ĐIỀN VÀO ĐÂY - ...>>` marker from `bdg-plan init`, or what is left of one.
UNFILLED_MARKER = re.compile(r"<<[^<>\n]*>>|ĐIỀN VÀO ĐÂY", re.IGNORECASE)


def unfilled_markers(plan: Plan) -> Iterator[Finding]:
    """Warn where a starter's `<<ĐIỀN VÀO ĐÂY - ...>>` marker is still in the text.

    A warning, not an error: the starter renders as it is, so the clerk can see the layout
    before filling it in, and every marker left is listed with its line.
    """

    def walk(value: Any, path: DataPath) -> Iterator[Finding]:
        if isinstance(value, str):
            match = UNFILLED_MARKER.search(value)
            if match:
                yield path, "unfilled", msg.UNFILLED_MARKER.format(marker=match.group(0)), Severity.WARNING
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), (*path, name))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    yield from walk(plan, ())
