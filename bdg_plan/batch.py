"""Batch entry point over the pipeline stages: one base plan and a list of communes -> one plan each.

The communes file is a CSV table (a header row, one row per commune) or a YAML list (one mapping
per commune). Each entry overrides values of the base plan by their dotted key path
(`co_quan.ten`, `nguoi_ky.ho_ten`); CSV headers may also be the Vietnamese names in
`HEADER_ALIASES` ("Tên xã", "Địa danh", "Người ký"). In YAML a value may be a whole list
(`noi_nhan`, `noi_dung`) and a nested mapping merges into the base's mapping. Every entry must
set the commune's name, place name and signer (`REQUIRED_KEYS`).

Each merged plan goes through the same validation stage as a single plan
(`validate.validate_document`) and is rendered with `api.render_plan`, so a commune's file is byte
for byte the file `bdg-plan render` makes from the merged plan (`merge_overrides` gives its data).

Positions: the merged data keeps the base file's positions for what it takes from the base, and
"virtual" lines past any real line for what an entry sets; after validation they are mapped back,
so a problem names the file and place its text came from (CSV: the row's line and the column,
whose header starts the message; YAML: the line and column). A CSV cell is read through the
YAML loader too, so it gets the same checks as a plan's text (NFC, control, invisible characters).

Output names are ASCII slugs of the commune names, unique in the batch, always inside the output
folder. Rendering runs in worker processes; each prepares the template environment and the base
document once, in its initializer. A bad commune never stops the others. Nothing here prints:
progress goes to a callback, and the result is a value the CLI draws.
"""

from __future__ import annotations

import bisect
import csv
import difflib
import importlib
import io
import os
import re
import shutil
import tempfile
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bdg_plan import messages as msg
from bdg_plan.errors import BatchInputError, BdgPlanError, OutputError, Problem, has_errors, sort_problems
from bdg_plan.loader import LoadedDocument, Mark, load_yaml
from bdg_plan.loader import Path as DataPath
from bdg_plan.source import SourceText, decode_source
from bdg_plan.validate import allowed_keys, validate_document

if TYPE_CHECKING:
    from bdg_plan.model import Plan

#: A plan key path: `("nguoi_ky", "ho_ten")` for `nguoi_ky.ho_ten`.
KeyPath = tuple[str, ...]

#: Keys every commune must set: its name (ô 2), place name (ô 4) and signer (ô 7).
REQUIRED_KEYS: tuple[str, ...] = ("co_quan.ten", "co_quan.dia_danh", "nguoi_ky.ho_ten")

#: Column headers a clerk may type in Excel instead of a key path. They are compared without
#: diacritics, case or punctuation, so "TÊN XÃ", "Ten xa" and "Tên xã:" all mean `co_quan.ten`.
HEADER_ALIASES: dict[str, str] = {
    "Tên xã": "co_quan.ten",
    "Tên xã, phường": "co_quan.ten",
    "Tên đơn vị": "co_quan.ten",
    "Cơ quan ban hành": "co_quan.ten",
    "Địa danh": "co_quan.dia_danh",
    "Tên gọi tắt": "co_quan.ten_goi_tat",
    "Cơ quan chủ quản": "co_quan.cap_tren",
    "Người ký": "nguoi_ky.ho_ten",
    "Họ tên người ký": "nguoi_ky.ho_ten",
    "Chức vụ": "nguoi_ky.chuc_vu",
    "Chức vụ người ký": "nguoi_ky.chuc_vu",
    "Quyền hạn ký": "nguoi_ky.tham_quyen",
    "Số": "so",
    "Số văn bản": "so",
    "Ký hiệu": "ky_hieu",
    "Ngày": "ngay",
    "Ngày ban hành": "ngay",
    "Năm": "nam",
}

#: File names Windows refuses whatever the extension ("con.docx" cannot be created).
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{kind}{n}" for kind in ("com", "lpt") for n in range(1, 10)]
)
_STEM_MAX = 60
_KEY_STEP = re.compile(r"^[a-z_][a-z0-9_]*$")
# Problems at or past this line were found in values an entry set (see the module docstring).
_VIRTUAL_LINE = 1_000_000_000
# Characters written as escapes when a CSV cell is handed to the YAML loader: quotes, backslash,
# controls, line and paragraph separators, BOM, surrogates and non-characters.
_YAML_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]')


# --- Values -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Origin:
    """Where a value came from in the communes file; `header` is its CSV column header."""

    line: int
    column: int
    header: str | None = None


@dataclass(frozen=True)
class Override:
    """One value a commune entry sets, by key path, with where it and its key were written.

    `inside` holds the positions of what a list or mapping value contains, relative to `path`
    (keys under `("key", ...)`), so a problem deep inside a commune's own `noi_dung` has a line.
    """

    path: KeyPath
    value: Any
    origin: Origin
    key: Origin
    inside: tuple[tuple[DataPath, Origin], ...] = ()
    inside_keys: tuple[tuple[DataPath, Origin], ...] = ()


@dataclass(frozen=True)
class CommuneEntry:
    """One commune of the communes file: its overrides and the problems found reading it.

    `number` is its 1-based position; `line` where its row or mapping starts. `raw_cells` is set
    for CSV rows, whose text has not been through the loader's checks yet.
    """

    number: int
    line: int
    overrides: tuple[Override, ...]
    problems: tuple[Problem, ...] = ()
    raw_cells: bool = False

    @property
    def name(self) -> str | None:
        """The commune's organ name (`co_quan.ten`) as given, if any."""
        for override in self.overrides:
            if override.path == ("co_quan", "ten") and isinstance(override.value, str):
                return override.value.strip() or None
        return None


@dataclass(frozen=True)
class CommuneResult:
    """What happened to one commune: its output file, problems, and any other failure."""

    number: int
    name: str | None
    output: Path
    problems: tuple[Problem, ...]
    error: str | None = None
    written: bool = False
    pdf: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the plan is valid and (unless dry-run) its files were written."""
        return self.error is None and not has_errors(self.problems)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: the command's options, passed as one value from the CLI to the workers."""

    jobs: int | None = None
    dry_run: bool = False
    force: bool = False
    pdf: bool = False
    template_dir: Path | None = None


@dataclass(frozen=True)
class BatchStart:
    """What a batch is about to do: `capped_from` is the --jobs asked for when above the CPUs."""

    communes: int
    workers: int
    capped_from: int | None = None


@dataclass(frozen=True)
class BatchPlan:
    """A batch ready to run: the base plan, the communes and each one's output file."""

    base: LoadedDocument
    base_problems: tuple[Problem, ...]
    communes_name: str
    entries: tuple[CommuneEntry, ...]
    outputs: tuple[Path, ...]
    outdir: Path
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchResult:
    """Every commune's result, in the communes file's order, and the base plan's warnings."""

    base_problems: tuple[Problem, ...]
    communes: tuple[CommuneResult, ...]
    outdir: Path
    dry_run: bool
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """How many communes failed."""
        return sum(not result.ok for result in self.communes)


# --- Names ------------------------------------------------------------------------------------
def fold_ascii(text: str) -> str:
    """Vietnamese text folded to ASCII: diacritics removed, "đ" -> "d" ("Đồng Đăng" -> "Dong Dang")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def output_stem(name: str) -> str:
    r"""A file name stem for a commune: "Ủy ban nhân dân xã Đồng Đăng" -> "xa-dong-dang".

    Lower-case ASCII letters, digits and single hyphens only, so no path character can survive
    ("../x" -> "x", "C:\x" -> "c-x"); the common "Ủy ban nhân dân" prefix is dropped. Empty when
    nothing is left.
    """
    stem = re.sub(r"[^a-z0-9]+", "-", fold_ascii(name).lower()).strip("-")
    prefix = "uy-ban-nhan-dan-"
    if stem.startswith(prefix) and len(stem) > len(prefix):
        stem = stem[len(prefix) :]
    if len(stem) > _STEM_MAX:
        stem = stem[:_STEM_MAX].rsplit("-", 1)[0] if "-" in stem[:_STEM_MAX] else stem[:_STEM_MAX]
    return stem


def assign_output_names(names: Sequence[str | None]) -> list[str]:
    """Unique file names, in order: a repeated stem gets "-2", "-3"...; no name gives "xa-N"."""
    taken: set[str] = set()
    result: list[str] = []
    for number, name in enumerate(names, start=1):
        stem = output_stem(name or "") or f"xa-{number}"
        if stem in _WINDOWS_RESERVED:
            stem += "-1"
        candidate, suffix = stem, 2
        while candidate in taken:
            candidate, suffix = f"{stem}-{suffix}", suffix + 1
        taken.add(candidate)
        result.append(f"{candidate}.docx")
    return result


# --- Key paths --------------------------------------------------------------------------------
def _alias_form(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold_ascii(text).lower()).split())


_ALIASES = {_alias_form(alias): key for alias, key in HEADER_ALIASES.items()}


def parse_key(text: str, *, aliases: bool = True) -> KeyPath | None:
    """Read a key path ("nguoi_ky.ho_ten") or a header alias ("Người ký"); None when neither."""
    steps = tuple(step.strip() for step in text.strip().split("."))
    if all(_KEY_STEP.match(step) for step in steps):
        return steps
    key = _ALIASES.get(_alias_form(text)) if aliases else None
    return tuple(key.split(".")) if key is not None else None


def key_problem(text: str) -> str | None:
    """Why a CSV header is not a key of the plan model (with "did you mean"), or None."""
    steps = parse_key(text)
    if steps is None:
        return msg.BATCH_UNKNOWN_HEADER.format(header=text)
    for depth, step in enumerate(steps):
        known = allowed_keys(steps[:depth])
        if step not in known:
            message = msg.UNKNOWN_KEY.format(key=".".join(steps[: depth + 1]))
            suggestion = difflib.get_close_matches(step, known, n=1, cutoff=0.6)
            if suggestion:
                message += msg.DID_YOU_MEAN.format(suggestion=".".join((*steps[:depth], suggestion[0])))
            elif depth == 0:
                message = msg.BATCH_UNKNOWN_HEADER.format(header=text)
            return message
    return None


def _alias_of(key: str) -> str:
    return next(alias for alias, target in HEADER_ALIASES.items() if target == key)


# --- Reading the communes file ----------------------------------------------------------------
def read_communes(data: bytes, name: str) -> tuple[list[CommuneEntry], list[Problem]]:
    """Read a communes file (.csv or .yaml/.yml) into entries and file-level problems.

    File-level problems (a syntax error, a wrong header) stop the whole batch; an entry's own
    problems stop only that commune.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        return [], [Problem(name, 0, 0, "communes-format", msg.BATCH_FORMAT_UNKNOWN.format(file=name))]
    source = decode_source(data, name)
    if isinstance(source, Problem):
        return [], [source]
    entries, problems = _read_csv(source) if suffix == ".csv" else _read_yaml(source)
    if not entries and not has_errors(problems):
        problems.append(Problem(name, 1, 1, "no-communes", msg.BATCH_NO_COMMUNES))
    return entries, problems


def _read_csv(source: SourceText) -> tuple[list[CommuneEntry], list[Problem]]:
    name = source.name
    first_line = source.text.split("\n", 1)[0]
    # Excel writes ";" where the decimal mark is a comma (as in Vietnamese settings), else ",".
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(source.text, newline=""), delimiter=delimiter)
    try:
        rows = list(_numbered_rows(reader))
    except csv.Error as exc:
        return [], [Problem(name, reader.line_num, 1, "csv-syntax", msg.BATCH_CSV_SYNTAX.format(reason=exc))]
    if not rows:
        return [], [Problem(name, 1, 1, "csv-empty", msg.BATCH_CSV_EMPTY)]
    header_line, header = rows[0]
    columns, problems = _csv_columns(name, header_line, header)
    if has_errors(problems):
        return [], problems
    entries = [
        _csv_entry(name, number, line, cells, columns, header_line, len(header))
        for number, (line, cells) in enumerate(rows[1:], start=1)
    ]
    return entries, problems


def _numbered_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on; blank rows (Excel's trailing ";;;") are skipped."""
    line = 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if any(cell.strip() for cell in cells):
            yield start, cells


def _csv_columns(
    name: str, line: int, header: list[str]
) -> tuple[dict[int, tuple[str, KeyPath]], list[Problem]]:
    """Map column indexes to (header text, key path); unknown, duplicate or missing columns."""
    columns: dict[int, tuple[str, KeyPath]] = {}
    problems: list[Problem] = []
    seen: dict[KeyPath, str] = {}
    for index, text in enumerate(header):
        text = text.strip()
        if not text:
            continue
        reason = key_problem(text)
        steps = parse_key(text)
        if reason is not None or steps is None:
            problems.append(Problem(name, line, index + 1, "unknown-column", reason or text))
            continue
        if steps in seen:
            key = ".".join(steps)
            message = msg.BATCH_DUPLICATE_HEADER.format(header=text, key=key, other=seen[steps])
            problems.append(Problem(name, line, index + 1, "duplicate-column", message))
            continue
        seen[steps] = text
        columns[index] = (text, steps)
    for key in REQUIRED_KEYS:
        if tuple(key.split(".")) not in seen:
            what = msg.BATCH_REQUIRED_WHAT[key]
            message = msg.BATCH_MISSING_COLUMN.format(key=key, alias=_alias_of(key), what=what)
            problems.append(Problem(name, line, 1, "missing-column", message))
    return columns, problems


def _csv_entry(
    name: str,
    number: int,
    line: int,
    cells: list[str],
    columns: dict[int, tuple[str, KeyPath]],
    header_line: int,
    width: int,
) -> CommuneEntry:
    overrides: list[Override] = []
    problems: list[Problem] = []
    for index, cell in enumerate(cells):
        if index not in columns and cell.strip():
            text = (
                msg.BATCH_UNNAMED_COLUMN if index < width else msg.BATCH_EXTRA_CELLS.format(column=index + 1)
            )
            problems.append(Problem(name, line, index + 1, "extra-cell", text))
    for index, (header, steps) in columns.items():
        cell = cells[index] if index < len(cells) else ""
        if not cell.strip():
            key = ".".join(steps)
            if key in REQUIRED_KEYS:
                text = msg.BATCH_IN_COLUMN.format(
                    header=header, message=msg.BATCH_EMPTY_CELL.format(what=msg.BATCH_REQUIRED_WHAT[key])
                )
                problems.append(Problem(name, line, index + 1, "empty-cell", text))
            continue
        origin = Origin(line, index + 1, header)
        overrides.append(Override(steps, cell, origin, Origin(header_line, index + 1, header)))
    return CommuneEntry(number, line, tuple(overrides), tuple(problems), raw_cells=True)


def _read_yaml(source: SourceText) -> tuple[list[CommuneEntry], list[Problem]]:
    doc = load_yaml(source)
    if doc.data is None:
        return [], list(doc.problems)
    if not isinstance(doc.data, list):
        mark = doc.locate(())
        return [], [
            *doc.problems,
            Problem(doc.name, mark.line, mark.column, "wrong-type", msg.BATCH_NOT_A_LIST),
        ]
    starts = [doc.locate((index,)).line for index in range(len(doc.data))]
    by_entry: dict[int, list[Problem]] = {}
    file_problems: list[Problem] = []
    for problem in doc.problems:
        index = bisect.bisect_right(starts, problem.line) - 1
        if index < 0:
            file_problems.append(problem)
        else:
            by_entry.setdefault(index, []).append(problem)
    marks = _marks_by_entry(doc)
    entries = [
        _yaml_entry(doc, index, value, marks.get(index, ([], [])), by_entry.get(index, []))
        for index, value in enumerate(doc.data)
    ]
    return entries, file_problems


def _marks_by_entry(
    doc: LoadedDocument,
) -> dict[int, tuple[list[tuple[DataPath, Mark]], list[tuple[DataPath, Mark]]]]:
    """The loader's value and key positions, grouped by top-level list item."""
    grouped: dict[int, tuple[list[tuple[DataPath, Mark]], list[tuple[DataPath, Mark]]]] = {}
    for kind, table in enumerate((doc.values, doc.keys)):
        for path, mark in table.items():
            if path and isinstance(path[0], int):
                grouped.setdefault(path[0], ([], []))[kind].append((path, mark))
    return grouped


def _yaml_entry(
    doc: LoadedDocument,
    index: int,
    value: Any,
    marks: tuple[list[tuple[DataPath, Mark]], list[tuple[DataPath, Mark]]],
    problems: list[Problem],
) -> CommuneEntry:
    start = doc.locate((index,))
    problems = list(problems)
    overrides: list[Override] = []
    if not isinstance(value, dict):
        problems.append(
            Problem(doc.name, start.line, start.column, "wrong-type", msg.BATCH_ENTRY_NOT_MAPPING)
        )
        return CommuneEntry(index + 1, start.line, (), tuple(problems))
    values, keys = marks

    def origin(mark: Mark) -> Origin:
        return Origin(mark.line, mark.column)

    def inside(table: list[tuple[DataPath, Mark]], prefix: DataPath) -> tuple[tuple[DataPath, Origin], ...]:
        size = len(prefix)
        return tuple((p[size:], origin(m)) for p, m in table if len(p) > size and p[:size] == prefix)

    def visit(mapping: dict[str, Any], plan_prefix: KeyPath, file_prefix: DataPath) -> None:
        for key, item in mapping.items():
            file_path = (*file_prefix, key)
            key_mark = doc.locate(file_path, prefer_key=True)
            # A header alias names a whole path, so it is read at the top of an entry only.
            steps = parse_key(key, aliases=not plan_prefix)
            if steps is None:
                message = msg.BATCH_BAD_KEY.format(key=key)
                problems.append(Problem(doc.name, key_mark.line, key_mark.column, "unknown-key", message))
                continue
            path = (*plan_prefix, *steps)
            if isinstance(item, dict) and item:
                visit(item, path, file_path)
                continue
            overrides.append(
                Override(
                    path,
                    item,
                    origin(doc.locate(file_path)),
                    origin(key_mark),
                    inside(values, file_path),
                    inside(keys, file_path),
                )
            )

    visit(value, (), (index,))
    problems += _entry_key_problems(doc.name, start, overrides)
    return CommuneEntry(index + 1, start.line, tuple(overrides), tuple(problems))


def _entry_key_problems(name: str, start: Mark, overrides: list[Override]) -> Iterator[Problem]:
    """A key set twice (`nguoi_ky.ho_ten` and `nguoi_ky: {ho_ten: ...}`), or a required key missing."""
    seen: set[KeyPath] = set()
    for override in overrides:
        if override.path in seen:
            key = ".".join(override.path)
            yield Problem(
                name,
                override.key.line,
                override.key.column,
                "duplicate-key",
                msg.BATCH_DUPLICATE_KEY.format(key=key),
            )
        seen.add(override.path)
    for key in REQUIRED_KEYS:
        if tuple(key.split(".")) not in seen:
            message = msg.BATCH_MISSING_KEY.format(key=key, what=msg.BATCH_REQUIRED_WHAT[key])
            yield Problem(name, start.line, start.column, "missing-field", message)


# --- Merging ----------------------------------------------------------------------------------
def merge_overrides(base: Any, overrides: Iterable[Override]) -> dict[str, Any]:
    """The base plan's data with a commune's overrides applied (the base data is not changed).

    This is the plan a commune's file is rendered from: dumped to YAML and rendered alone, it
    gives the same bytes. Raises `ValueError` for a path through a value that is not a mapping.
    """
    data, _, conflicts = _merge(base, tuple(overrides))
    if conflicts:
        raise ValueError(conflicts[0][1])
    return data


def _merge(
    base: Any, overrides: tuple[Override, ...]
) -> tuple[dict[str, Any], list[tuple[KeyPath, Override]], list[tuple[Override, str]]]:
    """Apply overrides, copying only the mappings along their paths.

    Returns the data, the mappings created on the way (to give them positions), and the
    overrides that could not be applied, with the reason.
    """
    data: dict[str, Any] = dict(base) if isinstance(base, dict) else {}
    created: list[tuple[KeyPath, Override]] = []
    conflicts: list[tuple[Override, str]] = []
    for override in overrides:
        node = data
        for depth, step in enumerate(override.path[:-1]):
            child = node.get(step)
            if child is None:
                child = {}
                created.append((override.path[: depth + 1], override))
            elif isinstance(child, dict):
                child = dict(child)
            else:
                parent = ".".join(override.path[: depth + 1])
                conflicts.append(
                    (override, msg.BATCH_NOT_A_MAPPING.format(key=".".join(override.path), parent=parent))
                )
                break
            node[step] = child
            node = child
        else:
            node[override.path[-1]] = override.value
    return data, created, conflicts


@dataclass
class _Positions:
    """Positions of a merged plan: the base file's, plus virtual lines for what an entry set."""

    values: dict[DataPath, Mark]
    keys: dict[DataPath, Mark]
    origins: list[Origin] = field(default_factory=list)

    def virtual(self, origin: Origin) -> Mark:
        self.origins.append(origin)
        return Mark(_VIRTUAL_LINE + len(self.origins) - 1, 1)


def _merged_document(
    base: LoadedDocument, overrides: tuple[Override, ...]
) -> tuple[LoadedDocument, _Positions, list[tuple[Override, str]]]:
    data, created, conflicts = _merge(base.data, overrides)
    failed = {id(override) for override, _ in conflicts}
    applied = [override for override in overrides if id(override) not in failed]
    replaced = {override.path for override in applied}

    def kept(path: DataPath) -> bool:
        return not any(path[:depth] in replaced for depth in range(1, len(path)))

    positions = _Positions(
        {path: mark for path, mark in base.values.items() if kept(path)},
        {path: mark for path, mark in base.keys.items() if kept(path)},
    )
    for path, override in created:
        positions.values[path] = positions.keys[path] = positions.virtual(override.key)
    for override in applied:
        positions.values[override.path] = positions.virtual(override.origin)
        positions.keys[override.path] = positions.virtual(override.key)
        for inner, origin in override.inside:
            positions.values[(*override.path, *inner)] = positions.virtual(origin)
        for inner, origin in override.inside_keys:
            positions.keys[(*override.path, *inner)] = positions.virtual(origin)
    return LoadedDocument(base.name, data, positions.values, positions.keys), positions, conflicts


def _placed(problem: Problem, positions: _Positions, communes_name: str) -> Problem:
    """Move a problem found at a virtual line to the communes file, where its text was written."""
    if problem.line < _VIRTUAL_LINE:
        return problem
    origin = positions.origins[problem.line - _VIRTUAL_LINE]
    message = problem.message
    if origin.header is not None:
        message = msg.BATCH_IN_COLUMN.format(header=origin.header, message=message)
    return Problem(communes_name, origin.line, origin.column, problem.code, message, problem.severity)


def _conflict_problem(override: Override, reason: str, communes_name: str) -> Problem:
    origin = override.key
    message = (
        reason if origin.header is None else msg.BATCH_IN_COLUMN.format(header=origin.header, message=reason)
    )
    return Problem(communes_name, origin.line, origin.column, "not-a-mapping", message)


# --- CSV cells through the loader -------------------------------------------------------------
def _yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar whose value is exactly `text`."""
    return '"' + _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + '"'


def _checked_cells(entry: CommuneEntry, communes_name: str) -> tuple[tuple[Override, ...], list[Problem]]:
    """Run a CSV row's cells through the YAML loader, one line per cell, as a plan's text is.

    The loader normalises the text (NFC) and reports control, reserved and invisible characters
    and over-long text; each problem's line says which cell it belongs to.
    """
    overrides = entry.overrides
    text = "".join(f"- {_yaml_quoted(override.value)}\n" for override in overrides)
    doc = load_yaml(SourceText(communes_name, text))
    cells = doc.data if isinstance(doc.data, list) and len(doc.data) == len(overrides) else None
    problems: list[Problem] = []
    for problem in doc.problems:
        origin = overrides[min(max(problem.line, 1), len(overrides)) - 1].origin
        message = msg.BATCH_IN_COLUMN.format(header=origin.header, message=problem.message)
        problems.append(
            Problem(communes_name, origin.line, origin.column, problem.code, message, problem.severity)
        )
    if cells is None:
        return overrides, problems
    checked = tuple(
        Override(o.path, value.strip() if isinstance(value, str) else value, o.origin, o.key)
        for o, value in zip(overrides, cells, strict=True)
    )
    return checked, problems


# --- One commune ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Setup:
    """What every worker needs, sent once to its initializer."""

    base: LoadedDocument
    base_problems: frozenset[Problem]
    communes_name: str
    options: BatchOptions
    office_dir: str | None = None


_worker: dict[str, Any] = {}


def _prepare(setup: _Setup) -> None:
    """Worker initializer: keep the setup and warm the caches every render uses."""
    _worker["setup"] = setup
    if setup.options.dry_run:
        return
    from bdg_plan.docx_writer import base_package
    from bdg_plan.sandbox import template_environment

    template_dir = setup.options.template_dir
    template_environment(str(template_dir) if template_dir is not None else None)
    base_package()


def _run_chunk(jobs: list[tuple[CommuneEntry, Path]]) -> list[CommuneResult]:
    setup: _Setup = _worker["setup"]
    results = [process_commune(setup, entry, target) for entry, target in jobs]
    if setup.options.pdf and not setup.options.dry_run:
        results = _add_pdfs(setup, results)
    return results


def _add_pdfs(setup: _Setup, results: list[CommuneResult]) -> list[CommuneResult]:
    """Convert the chunk's written .docx files to PDF in one LibreOffice run per chunk.

    The worker keeps one LibreOffice (its profile) for all its chunks; a commune whose PDF
    failed gets the reason as its error, the others are untouched.
    """
    from dataclasses import replace

    from bdg_plan.pdf import convert_many, open_office, pdf_path_for

    written = [result for result in results if result.ok and result.written]
    if not written:
        return results
    try:
        if "office" not in _worker:
            folder = Path(setup.office_dir) if setup.office_dir is not None else None
            _worker["office"] = open_office(folder=folder)
        errors = convert_many(_worker["office"], [result.output for result in written])
    except BdgPlanError as exc:
        errors = [exc.message] * len(written)
    outcome = {
        result.number: replace(result, pdf=pdf_path_for(result.output))
        if error is None
        else replace(result, error=error)
        for result, error in zip(written, errors, strict=True)
    }
    return [outcome.get(result.number, result) for result in results]


def process_commune(setup: _Setup, entry: CommuneEntry, target: Path) -> CommuneResult:
    """Validate one commune's merged plan and, unless dry-run, render and save it."""
    try:
        found, plan = _validate_commune(setup, entry)
    except Exception as exc:  # a bug in one commune must not lose the others
        return CommuneResult(entry.number, entry.name, target, entry.problems, _internal_error(exc))
    if plan is None or setup.options.dry_run:
        return CommuneResult(entry.number, entry.name, target, found)
    written = False
    try:
        from bdg_plan.output import atomic_write, check_target
        from bdg_plan.pipeline import render_plan

        check_target(target, force=setup.options.force)
        if setup.options.pdf:
            check_target(target.with_suffix(".pdf"), force=setup.options.force)
        atomic_write(target, render_plan(plan, setup.options.template_dir), force=setup.options.force)
        written = True
    except BdgPlanError as exc:
        return CommuneResult(entry.number, entry.name, target, found, exc.message, written)
    except Exception as exc:  # as above
        return CommuneResult(entry.number, entry.name, target, found, _internal_error(exc), written)
    # Its PDF, if asked for, is made with the rest of its chunk (`_add_pdfs`).
    return CommuneResult(entry.number, entry.name, target, found, written=True)


def _internal_error(exc: Exception) -> str:
    detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return msg.BATCH_INTERNAL_ERROR.format(kind=type(exc).__name__, detail=detail)


def _validate_commune(setup: _Setup, entry: CommuneEntry) -> tuple[tuple[Problem, ...], Plan | None]:
    """The commune's problems, placed in the file they come from, and its plan when valid."""
    problems = list(entry.problems)
    overrides = entry.overrides
    if entry.raw_cells:
        overrides, cell_problems = _checked_cells(entry, setup.communes_name)
        problems += cell_problems
    doc, positions, conflicts = _merged_document(setup.base, overrides)
    problems += (_conflict_problem(o, reason, setup.communes_name) for o, reason in conflicts)
    result = validate_document(doc)
    problems += (
        _placed(p, positions, setup.communes_name) for p in result.problems if p not in setup.base_problems
    )
    found = tuple(sort_problems(problems))
    return found, None if has_errors(found) else result.plan


def _pdf_converter() -> Callable[[Path], Path]:
    """`bdg_plan.pdf.convert_to_pdf`, or a clear error when this build has no PDF module."""
    try:
        module = importlib.import_module("bdg_plan.pdf")
    except ModuleNotFoundError as exc:
        if exc.name != "bdg_plan.pdf":
            raise
        raise BdgPlanError(msg.BATCH_PDF_UNAVAILABLE) from None
    return cast(Callable[[Path], Path], module.convert_to_pdf)


# --- The batch --------------------------------------------------------------------------------
def prepare_batch(
    base_data: bytes, base_name: str, communes_data: bytes, communes_name: str, outdir: Path
) -> BatchPlan:
    """Validate the base plan, read the communes and give each one its output file.

    Raises:
        BatchInputError: the base plan or the communes file has errors (nothing is rendered).

    """
    base_source = decode_source(base_data, base_name)
    if isinstance(base_source, Problem):
        raise BatchInputError([base_source], msg.BATCH_BASE_INVALID.format(file=base_name))
    base = load_yaml(base_source)
    checked = validate_document(base)
    if checked.plan is None or has_errors(checked.problems):
        sources = {base_name: base_source.text}
        raise BatchInputError(checked.problems, msg.BATCH_BASE_INVALID.format(file=base_name), sources)
    entries, problems = read_communes(communes_data, communes_name)
    if has_errors(problems):
        communes_source = decode_source(communes_data, communes_name)
        sources = {base_name: base_source.text}
        if isinstance(communes_source, SourceText):
            sources[communes_name] = communes_source.text
        raise BatchInputError(sort_problems(problems), msg.BATCH_COMMUNES_INVALID, sources)
    names = assign_output_names([entry.name for entry in entries])
    outputs = tuple(outdir / name for name in names)
    for output in outputs:
        # Slugs hold no path characters; this guards the promise that nothing leaves `outdir`.
        if output.parent != outdir or output.name in ("", ".", ".."):
            raise AssertionError(f"output name escapes the folder: {output}")
    sources = {base_name: base_source.text}
    return BatchPlan(base, tuple(checked.problems), communes_name, tuple(entries), outputs, outdir, sources)


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(
    plan: BatchPlan,
    options: BatchOptions,
    *,
    on_start: Callable[[BatchStart], None] | None = None,
    on_result: Callable[[CommuneResult], None] | None = None,
) -> BatchResult:
    """Validate every commune and, unless dry-run, render each valid one into `plan.outdir`.

    With more than one worker the communes are shared among worker processes. `on_start` is
    called once before the work, `on_result` in this process as each commune finishes.

    Raises:
        BdgPlanError: --pdf without the PDF module, or the output folder cannot be made.

    """
    pdf = options.pdf and not options.dry_run
    if pdf:
        _pdf_converter()
    if not options.dry_run:
        _make_folder(plan.outdir)
    # The workers' LibreOffice profiles, removed with everything in it when the batch ends.
    office_dir = tempfile.mkdtemp(prefix="bdg-plan-batch-") if pdf else None
    setup = _Setup(plan.base, frozenset(plan.base_problems), plan.communes_name, options, office_dir)
    work = list(zip(plan.entries, plan.outputs, strict=True))
    cpus = default_jobs()
    wanted = options.jobs or cpus
    workers = max(1, min(wanted, cpus, len(work)))
    if on_start is not None:
        on_start(BatchStart(len(work), workers, wanted if wanted > cpus else None))
    results: list[CommuneResult] = []

    def collect(done: Iterable[CommuneResult]) -> None:
        for result in done:
            results.append(result)
            if on_result is not None:
                on_result(result)

    try:
        if workers == 1:
            _prepare(setup)
            for chunk in _chunks(work, workers, pdf):
                collect(_run_chunk(chunk))
        else:
            _run_in_workers(setup, work, workers, collect)
    finally:
        _worker.pop("office", None)
        if office_dir is not None:
            shutil.rmtree(office_dir, ignore_errors=True)
    results.sort(key=lambda result: result.number)
    return BatchResult(plan.base_problems, tuple(results), plan.outdir, options.dry_run, plan.sources)


def _chunks(
    work: list[tuple[CommuneEntry, Path]], workers: int, pdf: bool
) -> list[list[tuple[CommuneEntry, Path]]]:
    """Split the work into chunks.

    Small chunks amortise the inter-process traffic and keep progress moving; with PDFs, large
    ones (about a third of a worker's share, at most 48) amortise each LibreOffice start
    (about 2 s) over many documents.
    """
    if pdf:
        size = max(1, min(48, -(-len(work) // (workers * 3))))
    else:
        size = 1 if workers == 1 else max(1, min(32, len(work) // (workers * 8)))
    return [work[start : start + size] for start in range(0, len(work), size)]


def _run_in_workers(
    setup: _Setup,
    work: list[tuple[CommuneEntry, Path]],
    workers: int,
    collect: Callable[[Iterable[CommuneResult]], None],
) -> None:
    chunks = _chunks(work, workers, setup.options.pdf and not setup.options.dry_run)
    try:
        with ProcessPoolExecutor(workers, initializer=_prepare, initargs=(setup,)) as pool:
            pending: set[Future[list[CommuneResult]]] = {pool.submit(_run_chunk, chunk) for chunk in chunks}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    collect(future.result())
    except BrokenProcessPool:
        raise BdgPlanError(msg.BATCH_WORKER_DIED) from None


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(msg.BATCH_OUTDIR_NOT_DIR.format(folder=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(msg.BATCH_OUTDIR_FAILED.format(folder=folder, reason=exc.strerror or exc)) from None


__all__ = [
    "HEADER_ALIASES",
    "REQUIRED_KEYS",
    "BatchPlan",
    "BatchResult",
    "CommuneEntry",
    "CommuneResult",
    "Origin",
    "Override",
    "assign_output_names",
    "fold_ascii",
    "merge_overrides",
    "output_stem",
    "prepare_batch",
    "read_communes",
    "run_batch",
]
