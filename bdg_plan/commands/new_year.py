"""Entry point over the pipeline stages: roll a year's plan file forward to a new year, as text.

`roll_forward` reads the old plan through the usual stages (source -> load -> validate), works
out the edits, splices them into the clerk's own text and checks the result through the same
stages again. It takes bytes and returns bytes plus a report; reading and writing files is the
caller's job (`bdg_plan.api.new_year`).

What changes:
- `nam` becomes the new year; `so` is cleared (null): the registry clerk numbers the new plan.
- `ngay` becomes year-month with the day left blank, in the SAME MONTH of the new year
  (2023-03-06 -> 2024-03): a commune issues its yearly plan at about the same time every year,
  and the day is left for the signer as the seed plan does.
- "năm 2023", "Quý II/2023" and "tháng 11/2023" in text, where 2023 is the plan year, move to the
  new year; so do the `thang_hanh_dong` dates (same day and month).

What does not change: the `can_cu` entries (cited documents stay verbatim), multi-year periods
("2021 - 2025", "2021-2030"), full dates inside text ("06/3/2023", "ngày 06 tháng 3 năm 2023"),
other years ("Luật Bình đẳng giới năm 2006"), and "năm 2023" in a clause that cites a law or a
numbered document ("Kế hoạch số 108/KH-UBND ... năm 2023"): that is the cited document's year.
Every mention of the old year left in the text is listed for a human to check instead.

What needs a human (the report's `reviews`, each with a YAML path and a line of the new file):
căn cứ that are an annual plan of an earlier year (also marked in the file by a comment line
"# CẦN XEM LẠI: ..." above the entry, the same text `validate` warns with); for a new issue date
on or after 01/7/2025, every district ("huyện") reference: `co_quan.cap_tren`, the căn cứ's
issuing bodies, `noi_nhan` and any other text; periods that ended before the new year; the
commune's name when the plan moves across the 2025 reform (many communes merged).

Why splice instead of a round-trip YAML library: the new file must keep the clerk's comments,
key order, quoting, blank lines and every untouched line byte for byte. ruamel.yaml's round-trip
mode keeps comments but re-indents sequences, re-wraps long plain scalars and normalises some
quoting, so a file the clerk wrote by hand would come back with lines changed that nobody meant to
change. Instead the text is composed with PyYAML's safe loader, which gives every scalar node its
start and end offsets and its style, and each replacement is written inside one scalar's span
only. The replacements are digits, dates and `null`, which need no escaping in any style (plain, quoted,
literal or folded), so the scalar keeps its style and the file stays valid YAML; the result is
then parsed and validated again. Lines without an edit are copied from the original decoded text,
so a file typed in decomposed Unicode (NFD) keeps those lines as they were.

The splice itself and the change table are `commands.splice`; the review items, `commands.new_year_review`.
"""

from __future__ import annotations

import calendar
import pathlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from bdg_plan import messages as msg
from bdg_plan.commands import reform
from bdg_plan.commands.new_year_review import (
    STR_TAG,
    ReviewItem,
    class_flags,
    history_parts,
    is_dated,
    is_own_text,
    new_plan_reviews,
    under,
    with_reform,
    write_reviews,
)
from bdg_plan.commands.self_reference import Unit, self_references
from bdg_plan.commands.splice import (
    Change,
    Edit,
    apply_edits,
    child,
    format_path,
    keep_untouched_lines,
    scalars,
    skip_indent,
)
from bdg_plan.commands.year_mentions import PLAN, classify
from bdg_plan.errors import BdgPlanError, InvalidPlanError, YearBeforePlanError, has_errors
from bdg_plan.facts.limits import YEAR_MAX, YEAR_MIN
from bdg_plan.pipeline import load_bytes, load_source, validate_document
from bdg_plan.plan.dates import FULL_DATE_SYNTAX, YEAR_MONTH_SYNTAX
from bdg_plan.plan.loader import DataPath
from bdg_plan.plan.model import Plan
from bdg_plan.plan.source import SourceText, byte_order_mark
from bdg_plan.plan.yaml_write import comment
from bdg_plan.rules.dates import old_annual_plans
from bdg_plan.rules.review_marks import MARKER, comment_lines

_NULL_TAG = "tag:yaml.org,2002:null"

_ISSUE_DATE = re.compile(rf"{YEAR_MONTH_SYNTAX}(?:-\d{{1,2}})?")
_FULL_DATE = re.compile(FULL_DATE_SYNTAX)


@dataclass(frozen=True)
class NewYearResult:
    """The new plan file's bytes and the report of what changed and what needs a human.

    `output_path` and `written` are filled in by the caller that saves the file.
    """

    old_year: int
    new_year: int
    data: bytes
    changes: tuple[Change, ...]
    reviews: tuple[ReviewItem, ...]
    output_path: pathlib.Path | None = None
    written: bool = False


def roll_forward(
    data: bytes, name: str, year: int | None = None, new_name: Callable[[int, int], str] | None = None
) -> NewYearResult:
    """Make next year's plan file from this year's, keeping every untouched byte.

    Args:
        data: the old plan file's bytes.
        name: the name problems are reported against (usually the file's path).
        year: the new plan year; default: the year after the plan's `nam`.
        new_name: the new file's name for (old year, new year); comment lines that name the old
            file ("Kiểm tra: bdg-plan validate plan2023.yaml") name the new one.

    Returns:
        The new file's bytes (same encoding and byte-order mark) and the report.

    Raises:
        InvalidPlanError: the old plan has errors; the exception holds every problem.
        YearBeforePlanError: `year` is earlier than the plan's year.
        BdgPlanError: the new file would not read back as a plan (a bug, never written).

    """
    loaded = load_bytes(data, name)
    checked = validate_document(loaded)
    if checked.plan is None or has_errors(checked.problems):
        raise InvalidPlanError(checked.problems, msg.NEW_YEAR_INVALID_INPUT, {name: loaded.text})
    plan = checked.plan
    new_year = _new_year(plan, year)

    text = loaded.text
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None  # the text just loaded as a valid plan
    _refuse_shared_dated_values(root)
    edits = [*_value_edits(root, text, plan.nam, new_year), *_comment_edits(root, text, plan, new_year)]
    if new_name is not None:
        edits += _file_name_edits(text, pathlib.PurePath(name).name, new_name(plan.nam, new_year))
    inference = None
    if reform.crosses_reform(plan, new_year):  # the 2025 map is loaded only then
        inference = reform.infer(plan, text)
        nodes = list(scalars(root, (), set()))
        edits += [
            Edit(e.start, e.end, e.new, e.path, e.scope) for e in reform.edits(root, text, inference, nodes)
        ]
    units = reform.renamed_units(inference) if inference is not None else None
    edits += _comment_text_edits(text, plan.nam, new_year, units)
    new_text, changes = apply_edits(text, edits)

    new_doc = load_source(SourceText(name, new_text))
    new_plan = validate_document(new_doc).plan
    if new_plan is None:
        raise BdgPlanError(msg.NEW_YEAR_BROKEN_OUTPUT.format(year=new_year))
    reviews = new_plan_reviews(new_doc, new_plan, plan, class_flags(root, text, plan, new_year))
    if inference is not None:
        reviews = with_reform(reviews, reform.reviews(new_doc, new_plan, inference, plan.nam))
    new_text, changes, reviews = write_reviews(new_doc, changes, reviews)

    bom, encoding = byte_order_mark(data)
    original = data[len(bom) :].decode(encoding)
    output = bom + keep_untouched_lines(original, text, new_text).encode(encoding)
    return NewYearResult(plan.nam, new_year, output, tuple(changes), tuple(reviews))


def _new_year(plan: Plan, year: int | None) -> int:
    """The year asked for, the year after the plan's by default; refused before it or out of range."""
    new_year = plan.nam + 1 if year is None else year
    if new_year < plan.nam:
        raise YearBeforePlanError(msg.NEW_YEAR_BEFORE_PLAN.format(year=new_year, plan_year=plan.nam))
    if not YEAR_MIN <= new_year <= YEAR_MAX:
        # Not a bug: the new plan would fail validation ("nam: 2201"), so say why now.
        raise BdgPlanError(msg.NEW_YEAR_OUT_OF_RANGE.format(year=new_year, low=YEAR_MIN, high=YEAR_MAX))
    return new_year


def default_output_path(source: pathlib.Path, old_year: int, new_year: int) -> pathlib.Path:
    """The new file beside the old one: the old year in its name replaced, else "-<year>" added.

    plan2023.yaml -> plan2024.yaml; ke-hoach.yaml -> ke-hoach-2024.yaml.
    """
    stem, count = re.subn(rf"(?<!\d){old_year}(?!\d)", str(new_year), source.stem)
    if not count:
        stem = f"{source.stem}-{new_year}"
    return source.with_name(stem + source.suffix)


# --- Edits on the old text --------------------------------------------------------------------
def _value_edits(root: Node, text: str, old_year: int, new_year: int) -> Iterator[Edit]:
    """Edits inside scalar values: the year, number, issue date, action month and text mentions.

    In text, only the plan's own dates and years move (`year_mentions.classify`): a cited
    document's, a period's or a past fact's stay.
    """
    history = history_parts(root)
    for path, node in scalars(root, (), set()):
        start, end = node.start_mark.index, node.end_mark.index
        span = text[start:end]
        if path == ("nam",):
            # The whole number as written ("2023", "02023", "2_0_2_3", quoted or not) is the year.
            inner = re.search(r"[-+]?\d[\d_]*", span)
            yield from _replacement(path, (start, end), inner, str(new_year))
        elif path == ("so",):
            if node.tag != _NULL_TAG:
                yield Edit(start, end, "null", path, (start, end))
        elif path == ("ngay",):
            issue = _ISSUE_DATE.search(span)
            new = f"{new_year}-{issue.group(2)}" if issue else ""
            yield from _replacement(path, (start, end), issue, new)
        elif len(path) == 2 and path[0] == "thang_hanh_dong":
            day = _FULL_DATE.search(span)
            yield from _replacement(path, (start, end), day, _same_day_in(new_year, day) if day else "")
        elif is_own_text(path) and node.tag == STR_TAG and new_year != old_year:
            for mention in classify(span, old_year, new_year, history_part=under(path, history)):
                if mention.kind == PLAN and mention.new is not None:
                    yield Edit(start + mention.start, start + mention.end, mention.new, path, (start, end))


def _replacement(
    path: DataPath, scope: tuple[int, int], match: re.Match[str] | None, new: str
) -> Iterator[Edit]:
    """Replace what `match` found in the scalar at `scope`, unless it already reads `new`."""
    if match and match.group() != new:
        start = scope[0]
        yield Edit(start + match.start(), start + match.end(), new, path, scope)


def _same_day_in(year: int, day: re.Match[str]) -> str:
    """The same day and month in another year, as written ("2023-11-15" -> "2024-11-15").

    29 February becomes 28 February in a year without it.
    """
    month_text, day_text = day.group(2), day.group(3)
    last = calendar.monthrange(year, int(month_text))[1]
    if int(day_text) > last:
        day_text = str(last)
    return f"{year}-{month_text}-{day_text}"


def _comment_edits(root: Node, text: str, plan: Plan, new_year: int) -> Iterator[Edit]:
    """A "# CẦN XEM LẠI: ..." line above each căn cứ that is an earlier year's annual plan.

    An existing marker line right above is rewritten (or kept when it says the same), so running
    new-year again never stacks comments.
    """
    entries = child(root, "can_cu")
    if not isinstance(entries, SequenceNode):
        return
    marker = f"# {msg.NEW_YEAR_REVIEW_MARKER}"
    marked: set[int] = set()
    for path, _code, message, _severity in old_annual_plans(plan.model_copy(update={"nam": new_year})):
        entry = entries.value[int(path[1])]
        line_start = text.rfind("\n", 0, entry.start_mark.index) + 1
        if line_start in marked:  # entries written on one line (flow style) share one comment
            continue
        marked.add(line_start)
        note = f"{marker} {comment(message)}"
        if note in _comment_block_above(text, line_start):
            continue  # already written (several entries on one line each have their comment)
        if line_start:
            previous_start = text.rfind("\n", 0, line_start - 1) + 1
            previous_end = line_start - 1 - (text[line_start - 2 : line_start - 1] == "\r")
            comment_start = skip_indent(text, previous_start)
            if text.startswith(marker, comment_start):
                if text[comment_start:previous_end] != note:
                    yield Edit(comment_start, previous_end, note, path, (comment_start, previous_end))
                continue
        indent = text[line_start : skip_indent(text, line_start)]
        line_end = text.find("\n", line_start)
        eol = "\r\n" if line_end > 0 and text[line_end - 1] == "\r" else "\n"
        new = f"{indent}{note}{eol}"
        yield Edit(line_start, line_start, new, path, (line_start, line_start))


def _file_name_edits(text: str, old_name: str, new_name: str) -> Iterator[Edit]:
    """The old file's name in comment lines (the commands a starter or an import wrote) -> the new one."""
    # Both as a comment holds them: a line break in a name would otherwise end the comment.
    old_name, new_name = comment(old_name), comment(new_name)
    if not old_name or old_name == new_name:
        return
    at = 0
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("#"):
            for match in re.finditer(re.escape(old_name), line):
                start, end = at + match.start(), at + match.end()
                yield Edit(start, end, new_name, (reform.COMMENT_PATH,), (at, at + len(line.rstrip("\r\n"))))
        at += len(line)


def _comment_text_edits(
    text: str, old_year: int, new_year: int, units: tuple[Unit, Unit] | None
) -> Iterator[Edit]:
    """The clerk's comment lines follow the plan too: its own year, and across the reform its commune.

    A comment that explains a key by example ("Hồng Phong, ngày ... tháng 3 năm 2023") would
    otherwise speak of last year in this year's file. Review comments are left as they are.
    """
    comments = {number for number, _ in comment_lines(text)}
    path: DataPath = (reform.COMMENT_PATH,)
    at = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        if number in comments and not body.lstrip().startswith(MARKER):
            scope = (at, at + len(body))
            for mention in classify(body, old_year, new_year):
                moved = mention.new
                if mention.kind == PLAN and moved is not None and moved != body[mention.start : mention.end]:
                    yield Edit(at + mention.start, at + mention.end, moved, path, scope)
            if units is not None:
                for rewrite in self_references(body, *units):
                    yield Edit(at + rewrite.start, at + rewrite.end, rewrite.new, path, scope)
        at += len(line)


def _refuse_shared_dated_values(root: Node) -> None:
    """Refuse a year, number or date shared through a YAML anchor and alias (`&y` ... `*y`).

    Each of those keys gets its own new value (`so` is cleared, `ngay` loses its day), so one
    node standing for two of them cannot be edited once for both. Text shared by aliases is
    fine: the same mention of the year moves in every place.
    """
    paths: dict[int, list[DataPath]] = {}
    pending: list[tuple[Node, DataPath]] = [(root, ())]
    while pending:
        node, path = pending.pop()
        paths.setdefault(id(node), []).append(path)
        if len(paths[id(node)]) > 1:
            continue  # the children were listed through the first path
        if isinstance(node, MappingNode):
            pending.extend((value, (*path, str(key.value))) for key, value in node.value)
        elif isinstance(node, SequenceNode):
            pending.extend((item, (*path, index)) for index, item in enumerate(node.value))
    for shared in paths.values():
        if len(shared) > 1 and any(is_dated(path) for path in shared):
            names = ", ".join(sorted(format_path(path) for path in shared))
            raise BdgPlanError(msg.NEW_YEAR_SHARED_VALUE.format(paths=names))


def _comment_block_above(text: str, line_start: int) -> list[str]:
    """The comment lines right above the line starting at `line_start`, stripped."""
    lines = []
    for line in reversed(text[:line_start].splitlines()):
        if not line.strip().startswith("#"):
            break
        lines.append(line.strip())
    return lines


# --- The report on the new plan ---------------------------------------------------------------
