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

Over 400 lines on purpose: finding the edits, splicing them into the clerk's text and listing
what needs review are one transformation of one text and one node tree.
"""

from __future__ import annotations

import calendar
import difflib
import pathlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bdg_plan import messages as msg
from bdg_plan.commands import reform
from bdg_plan.commands.self_reference import Unit, self_references
from bdg_plan.commands.year_mentions import CITED, FIXED, HISTORY, PLAN, SUPERSEDABLE, SUPERSEDED, classify
from bdg_plan.errors import BdgPlanError, InvalidPlanError, Severity, YearBeforePlanError, has_errors
from bdg_plan.facts.admin_map import DISTRICT_PATTERN, REFORM_DATE
from bdg_plan.facts.limits import YEAR_MAX, YEAR_MIN
from bdg_plan.pipeline import load_bytes, load_source, validate_document
from bdg_plan.plan.dates import FULL_DATE_SYNTAX, YEAR_MONTH_SYNTAX
from bdg_plan.plan.loader import DataPath, LoadedDocument, texts_with_paths
from bdg_plan.plan.model import Plan
from bdg_plan.plan.source import SourceText, byte_order_mark
from bdg_plan.plan.yaml_write import comment
from bdg_plan.rules.dates import old_annual_plans
from bdg_plan.rules.registry import domain_rules
from bdg_plan.rules.review_marks import MARKER, comment_lines, value_at_line, value_digest, write_marks

#: Validation codes of the new plan that need a human after a roll-forward (errors always do).
REVIEW_CODES = frozenset({"old-annual-plan", "district-after-reform", "district-reference"})

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"

_ISSUE_DATE = re.compile(rf"{YEAR_MONTH_SYNTAX}(?:-\d{{1,2}})?")
_FULL_DATE = re.compile(FULL_DATE_SYNTAX)

#: What joins the two years of a period: "2021 - 2025", "2021–2025", "2023/2024", "2023 đến 2025".
_PERIOD_JOIN = r"\s*(?:[-–—/]|đến|tới)\s*"
_PERIOD = re.compile(rf"(?<!\d)(\d{{4}}){_PERIOD_JOIN}(\d{{4}})(?!\d)", re.IGNORECASE)

#: A title of last year's results ("KẾT QUẢ THỰC HIỆN NĂM 2023", "Đánh giá kết quả ...").
_HISTORY_TITLE = re.compile(r"(?<!\w)(?:kết quả|đánh giá)(?!\w)", re.IGNORECASE)

#: Characters of context shown around a change or a mention in the report.
_CONTEXT = 30


@dataclass(frozen=True)
class Change:
    """One edit in the new file: where (YAML key path, line of the new file), old and new text.

    `old` is empty for an added line (a review comment).
    """

    path: str
    line: int
    old: str
    new: str


@dataclass(frozen=True)
class ReviewItem:
    """Something in the new plan a human must check: YAML key path, line of the new file, reason."""

    path: str
    line: int
    reason: str


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


@dataclass(frozen=True)
class _Edit:
    """Replace text[start:end] with `new`; start == end at a line start inserts whole lines."""

    start: int
    end: int
    new: str
    path: DataPath
    scope: tuple[int, int]  # the scalar's span: the report's context never shows text outside it


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
        scalars = list(_scalars(root, (), set()))
        edits += [
            _Edit(e.start, e.end, e.new, e.path, e.scope)
            for e in reform.edits(root, text, inference, scalars)
        ]
    units = reform.renamed_units(inference) if inference is not None else None
    edits += _comment_text_edits(text, plan.nam, new_year, units)
    new_text, changes = _apply(text, edits)

    new_doc = load_source(SourceText(name, new_text))
    new_plan = validate_document(new_doc).plan
    if new_plan is None:
        raise BdgPlanError(msg.NEW_YEAR_BROKEN_OUTPUT.format(year=new_year))
    reviews = _reviews(new_doc, new_plan, plan, class_flags(root, text, plan, new_year))
    if inference is not None:
        reviews = _with_reform(reviews, reform.reviews(new_doc, new_plan, inference, plan.nam))
    new_text, changes, reviews = _write_reviews(new_doc, changes, reviews)

    bom, encoding = byte_order_mark(data)
    original = data[len(bom) :].decode(encoding)
    output = bom + _keep_untouched_lines(original, text, new_text).encode(encoding)
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


def _with_reform(general: list[ReviewItem], notes: list[reform.Note]) -> list[ReviewItem]:
    """The general review items plus the reform's; the reform's say more where both speak."""
    own = [
        ReviewItem(reform.COMMENT_PATH if n.path is None else format_path(n.path), n.line, n.reason)
        for n in notes
    ]
    replaced = {item.path for item in own} & reform.SUPERSEDED
    kept = [item for item in general if item.path not in replaced]
    return sorted(set(kept + own), key=lambda item: (item.line, item.path, item.reason))


def _write_reviews(
    doc: LoadedDocument, changes: list[Change], reviews: list[ReviewItem]
) -> tuple[str, list[Change], list[ReviewItem]]:
    """Write each review item as a `# CẦN XEM LẠI: ...` comment above its line; renumber the report.

    Each comment ends with the digest of the value on its line, so changing the value settles it.
    """
    items = []
    for item in reviews:
        known, value = value_at_line(doc, item.line)
        # A reason may quote the clerk's text (a value with a line break): kept on its comment line.
        items.append((item.line, comment(item.reason), value_digest(value) if known else None))
    new_text, moved = write_marks(doc.text, items)
    changes = [replace(c, line=moved.get(c.line, c.line)) for c in changes]
    reviews = [replace(r, line=moved.get(r.line, r.line)) for r in reviews]
    return new_text, changes, reviews


def default_output_path(source: pathlib.Path, old_year: int, new_year: int) -> pathlib.Path:
    """The new file beside the old one: the old year in its name replaced, else "-<year>" added.

    plan2023.yaml -> plan2024.yaml; ke-hoach.yaml -> ke-hoach-2024.yaml.
    """
    stem, count = re.subn(rf"(?<!\d){old_year}(?!\d)", str(new_year), source.stem)
    if not count:
        stem = f"{source.stem}-{new_year}"
    return source.with_name(stem + source.suffix)


def format_path(path: DataPath) -> str:
    """Write a data path as a clerk reads it in the file: noi_dung[3].cac_y[0]."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else step
    return text


# --- Edits on the old text --------------------------------------------------------------------
def _value_edits(root: Node, text: str, old_year: int, new_year: int) -> Iterator[_Edit]:
    """Edits inside scalar values: the year, number, issue date, action month and text mentions.

    In text, only the plan's own dates and years move (`year_mentions.classify`): a cited
    document's, a period's or a past fact's stay.
    """
    history = history_parts(root)
    for path, node in _scalars(root, (), set()):
        start, end = node.start_mark.index, node.end_mark.index
        span = text[start:end]
        if path == ("nam",):
            # The whole number as written ("2023", "02023", "2_0_2_3", quoted or not) is the year.
            inner = re.search(r"[-+]?\d[\d_]*", span)
            yield from _replacement(path, (start, end), inner, str(new_year))
        elif path == ("so",):
            if node.tag != _NULL_TAG:
                yield _Edit(start, end, "null", path, (start, end))
        elif path == ("ngay",):
            issue = _ISSUE_DATE.search(span)
            new = f"{new_year}-{issue.group(2)}" if issue else ""
            yield from _replacement(path, (start, end), issue, new)
        elif len(path) == 2 and path[0] == "thang_hanh_dong":
            day = _FULL_DATE.search(span)
            yield from _replacement(path, (start, end), day, _same_day_in(new_year, day) if day else "")
        elif _is_own_text(path) and node.tag == _STR_TAG and new_year != old_year:
            for mention in classify(span, old_year, new_year, history_part=_under(path, history)):
                if mention.kind == PLAN and mention.new is not None:
                    yield _Edit(start + mention.start, start + mention.end, mention.new, path, (start, end))


def _replacement(
    path: DataPath, scope: tuple[int, int], match: re.Match[str] | None, new: str
) -> Iterator[_Edit]:
    """Replace what `match` found in the scalar at `scope`, unless it already reads `new`."""
    if match and match.group() != new:
        start = scope[0]
        yield _Edit(start + match.start(), start + match.end(), new, path, scope)


def _is_own_text(path: DataPath) -> bool:
    """A text of the plan itself: anything but a căn cứ's fields (a whole căn cứ sentence counts).

    A căn cứ written as one sentence may introduce the plan after citing ("..., UBND xã xây dựng
    Kế hoạch ... năm 2024"): its own years move, the cited document's stay.
    """
    return path[:1] != ("can_cu",) or len(path) == 2


def history_parts(root: Node) -> list[DataPath]:
    """The parts and sections of last year's results: a title that says "kết quả" or "đánh giá"."""
    found: list[DataPath] = []
    for path, node in _scalars(root, (), set()):
        if path[-1:] in (("ten",), ("tieu_de",)) and _HISTORY_TITLE.search(str(node.value)):
            found.append(path[:-1])
    return found


def _under(path: DataPath, parents: list[DataPath]) -> bool:
    return any(path[: len(parent)] == parent for parent in parents)


def _same_day_in(year: int, day: re.Match[str]) -> str:
    """The same day and month in another year, as written ("2023-11-15" -> "2024-11-15").

    29 February becomes 28 February in a year without it.
    """
    month_text, day_text = day.group(2), day.group(3)
    last = calendar.monthrange(year, int(month_text))[1]
    if int(day_text) > last:
        day_text = str(last)
    return f"{year}-{month_text}-{day_text}"


def _comment_edits(root: Node, text: str, plan: Plan, new_year: int) -> Iterator[_Edit]:
    """A "# CẦN XEM LẠI: ..." line above each căn cứ that is an earlier year's annual plan.

    An existing marker line right above is rewritten (or kept when it says the same), so running
    new-year again never stacks comments.
    """
    entries = _child(root, "can_cu")
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
            comment_start = _skip_indent(text, previous_start)
            if text.startswith(marker, comment_start):
                if text[comment_start:previous_end] != note:
                    yield _Edit(comment_start, previous_end, note, path, (comment_start, previous_end))
                continue
        indent = text[line_start : _skip_indent(text, line_start)]
        line_end = text.find("\n", line_start)
        eol = "\r\n" if line_end > 0 and text[line_end - 1] == "\r" else "\n"
        new = f"{indent}{note}{eol}"
        yield _Edit(line_start, line_start, new, path, (line_start, line_start))


def _file_name_edits(text: str, old_name: str, new_name: str) -> Iterator[_Edit]:
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
                yield _Edit(start, end, new_name, (reform.COMMENT_PATH,), (at, at + len(line.rstrip("\r\n"))))
        at += len(line)


def _comment_text_edits(
    text: str, old_year: int, new_year: int, units: tuple[Unit, Unit] | None
) -> Iterator[_Edit]:
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
                    yield _Edit(at + mention.start, at + mention.end, moved, path, scope)
            if units is not None:
                for rewrite in self_references(body, *units):
                    yield _Edit(at + rewrite.start, at + rewrite.end, rewrite.new, path, scope)
        at += len(line)


def _is_dated(path: DataPath) -> bool:
    """The values new-year rewrites by their key: the year, the number, the dates."""
    return path in (("nam",), ("so",), ("ngay",)) or (len(path) == 2 and path[0] == "thang_hanh_dong")


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
        if len(shared) > 1 and any(_is_dated(path) for path in shared):
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


def _scalars(node: Node, path: DataPath, seen: set[int]) -> Iterator[tuple[DataPath, ScalarNode]]:
    """Every scalar value node with its data path; a node shared through an alias comes once."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield from _scalars(value, (*path, str(key.value)), seen)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, (*path, index), seen)
    elif isinstance(node, ScalarNode):
        yield path, node


def _child(node: Node, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return cast(Node, value)
    return None


def _skip_indent(text: str, start: int) -> int:
    """The first position at or after `start` that is not a space or a tab."""
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def _apply(text: str, edits: list[_Edit]) -> tuple[str, list[Change]]:
    """Splice the edits into the text; report each value once, at its line in the new text.

    The edits of one value make one row of the change table, showing the value's final text (a
    title with two years moved shows both). Linear in the text: lines are counted once.
    """
    pieces: list[str] = []
    changes: list[Change] = []
    cursor = counted = added_lines = 0
    line = 1
    for group in _groups(edits):
        first = group[0]
        line += text.count("\n", counted, first.start)
        counted = first.start
        if first.start == first.end:
            changes.append(Change(format_path(first.path), line + added_lines, "", first.new.strip()))
            added_lines += first.new.count("\n")
        else:
            old, new = _excerpts(text, group)
            changes.append(Change(format_path(first.path), line + added_lines, old, new))
        for edit in group:
            pieces += [text[cursor : edit.start], edit.new]
            cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), changes


def _groups(edits: list[_Edit]) -> list[list[_Edit]]:
    """The edits in text order, without overlaps, grouped by the value they change."""
    groups: list[list[_Edit]] = []
    cursor = 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end)):
        if edit.start < cursor:  # overlapping edits cannot come from distinct nodes; keep the first
            continue
        cursor = edit.end
        last = groups[-1][-1] if groups else None
        inserts = edit.start == edit.end
        if last is not None and not inserts and last.start != last.end and last.scope == edit.scope:
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return groups


def _excerpts(text: str, group: list[_Edit]) -> tuple[str, str]:
    """The edited part of a value with some context around it, before and after its edits."""
    start, end, scope = group[0].start, group[-1].end, group[0].scope
    line_start = max(text.rfind("\n", 0, start) + 1, scope[0])
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, scope[1])
    head, tail = _context(text[line_start:line_end].rstrip("\r"), start - line_start, end - line_start)
    new, at = [], start
    for edit in group:
        new += [text[at : edit.start], edit.new]
        at = edit.end
    return _shortened(head + text[start:end] + tail), _shortened(head + "".join(new) + tail)


def _shortened(excerpt: str, limit: int = 160) -> str:
    """An excerpt on one line, its middle cut when it is long ("… đầu … cuối …")."""
    excerpt = " ".join(excerpt.split())
    if len(excerpt) <= limit:
        return excerpt
    return excerpt[: limit // 2].rstrip() + " … " + excerpt[-limit // 2 :].lstrip()


def _excerpt(text: str, start: int, end: int) -> str:
    """A short piece of one value around text[start:end], on one line."""
    head, tail = _context(text, start, end)
    return " ".join((head + text[start:end] + tail).split())


def _context(line: str, start: int, end: int) -> tuple[str, str]:
    """About `_CONTEXT` characters of `line` before `start` and a third of that after `end`.

    Cut at spaces, so no word is shown in half; "…" marks a cut.
    """
    left = max(0, start - _CONTEXT)
    if left:
        space = line.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(line), end + _CONTEXT // 3)
    if right < len(line):
        space = line.rfind(" ", end, right)
        right = space if space >= 0 else right
    head = ("…" if left else "") + line[left:start].lstrip()
    tail = line[end:right] + ("…" if right < len(line) else "")
    return head, tail


# --- The report on the new plan ---------------------------------------------------------------
def class_flags(root: Node, text: str, plan: Plan, new_year: int) -> list[tuple[DataPath, str]]:
    """The review items of the dates and years that stay for a reason a clerk must act on.

    Once per text and class: a past fact ("so với năm 2023") needs this year's figures; a cited
    document of the plan year or the year before is replaced by this year's one. A căn cứ that is
    an earlier year's annual plan is flagged by validate's own rule (`old-annual-plan`).
    """
    flags: list[tuple[DataPath, str]] = []
    history = history_parts(root)
    annual = {path for path, *_ in old_annual_plans(plan.model_copy(update={"nam": new_year}))}
    for path, node in _scalars(root, (), set()):
        if node.tag != _STR_TAG or _is_dated(path) or not _is_own_text(path):
            continue
        span = text[node.start_mark.index : node.end_mark.index]
        mentions = classify(span, plan.nam, new_year, history_part=_under(path, history))
        past = next((m for m in mentions if m.kind == HISTORY), None)
        if past is not None:
            excerpt = _excerpt(span, past.start, past.end)
            flags.append((path, msg.NEW_YEAR_HISTORY.format(excerpt=excerpt)))
        old = next((m for m in mentions if m.kind == SUPERSEDED), None)
        if old is not None and path not in annual:
            excerpt = _excerpt(span, old.start, old.end)
            reason = msg.NEW_YEAR_SUPERSEDED.format(loai=old.citation, year=old.year, excerpt=excerpt)
            flags.append((path, reason))
    flags += [(path, reason) for path, reason in _superseded_fields(plan) if path not in annual]
    return flags


def _superseded_fields(plan: Plan) -> list[tuple[DataPath, str]]:
    """A căn cứ written as fields, of a type issued every year, dated the plan year or the year before."""
    flags: list[tuple[DataPath, str]] = []
    for index, item in enumerate(plan.can_cu):
        if isinstance(item, str) or item.ngay is None or item.loai is None:
            continue
        if item.loai in SUPERSEDABLE and item.ngay.year in (plan.nam, plan.nam - 1):
            excerpt = " ".join(filter(None, (item.loai, item.so_ky_hieu, item.ngay.strftime("%d/%m/%Y"))))
            reason = msg.NEW_YEAR_SUPERSEDED.format(loai=item.loai, year=item.ngay.year, excerpt=excerpt)
            flags.append((("can_cu", index), reason))
    return flags


def _reviews(
    doc: LoadedDocument, plan: Plan, old_plan: Plan, flags: list[tuple[DataPath, str]]
) -> list[ReviewItem]:
    """Everything in the new plan a human must check, at its line in the new file."""
    items: list[ReviewItem] = []

    def add(path: DataPath, reason: str) -> None:
        place = doc.resolve(path)
        items.append(ReviewItem(format_path(place), doc.locate(place).line, reason))

    for path, reason in flags:
        add(path, reason)
    flagged = {path for path, _reason in flags}

    covered: list[DataPath] = []
    for path, code, message, severity in domain_rules(plan):
        if code in REVIEW_CODES or severity is Severity.ERROR:
            add(path, message)
            covered.append(doc.resolve(path))
    after_reform = plan.ngay.earliest >= REFORM_DATE
    if after_reform and old_plan.ngay.earliest < REFORM_DATE:
        add(("co_quan", "ten"), msg.NEW_YEAR_CHECK_COMMUNE.format(value=plan.co_quan.ten))
    for path, value in texts_with_paths(doc.data):
        cited = path[:1] == ("can_cu",)
        ended: dict[tuple[int, int], str] = {}  # one item per period, however it is spelt
        for period in _PERIOD.finditer(value):
            first, last = int(period.group(1)), int(period.group(2))
            if first < last < plan.nam:
                ended.setdefault((first, last), period.group())
        for written in ended.values():
            add(path, msg.NEW_YEAR_PERIOD_ENDED.format(period=written, year=plan.nam))
        district = DISTRICT_PATTERN.search(value)
        if after_reform and district and not cited and not _is_under(path, covered):
            excerpt = _excerpt(value, district.start(), district.end())
            add(path, msg.NEW_YEAR_DISTRICT_TEXT.format(excerpt=excerpt))
        kept = _old_year_left(value, old_plan.nam, plan.nam) if plan.nam != old_plan.nam else None
        if kept is not None and not cited and path not in flagged:
            excerpt = _excerpt(value, kept, kept + 4)
            add(
                path,
                msg.NEW_YEAR_OLD_YEAR_KEPT.format(old_year=old_plan.nam, new_year=plan.nam, excerpt=excerpt),
            )
    return sorted(set(items), key=lambda item: (item.line, item.path, item.reason))


def _is_under(path: DataPath, parents: list[DataPath]) -> bool:
    return any(path[: len(parent)] == parent for parent in parents)


def _old_year_left(text: str, year: int, new_year: int) -> int | None:
    """Where the old year is still written with no class that explains it (a bare "2023"), or None.

    A cited document's year, a period, a past fact (flagged with its own reason) stay on purpose.
    """
    explained = {
        m.start for m in classify(text, year, new_year) if m.kind in (CITED, FIXED, HISTORY, SUPERSEDED)
    }
    for match in re.finditer(rf"(?<!\d){year}(?!\d)", text):
        if match.start() not in explained:
            return match.start()
    return None


# --- Bytes ------------------------------------------------------------------------------------
def _keep_untouched_lines(original: str, normalized: str, edited: str) -> str:
    """Put the original characters back on every line the edits did not touch.

    The edits were made on the NFC text. NFC never joins characters across a line break, so a
    line of the original and the same line of the NFC text match one to one; an unedited line
    equal to its NFC form is copied from the original (which may be decomposed, NFD).
    """
    if original == normalized:
        return edited
    original_lines = original.splitlines(keepends=True)
    normalized_lines = normalized.splitlines(keepends=True)
    edited_lines = edited.splitlines(keepends=True)
    if len(original_lines) != len(normalized_lines):  # pragma: no cover - see the docstring
        return edited
    matcher = difflib.SequenceMatcher(None, normalized_lines, edited_lines, autojunk=False)
    result: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        result += original_lines[i1:i2] if tag == "equal" else edited_lines[j1:j2]
    return "".join(result)
