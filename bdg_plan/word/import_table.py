"""Import: a Word table back into the plan's table model (`bang`, or a list of activities).

The tool prints what a clerk never types in a plan file: the STT numbers (restarting in each
group) and the Roman numeral of each group row, merged across the table. Reading a table back,
those are taken out again: an STT column whose numbers are the ones the tool would print keeps
no values, and a group row ("I. Hoạt động truyền thông" across the row, or "I" in the STT cell
and the name merged across the rest) becomes `nhom` without its numeral. Cells are placed by
the grid column they start at, so merged cells do not shift the cells after them. A table whose
header is exactly the activity table's becomes `cac_hoat_dong` again.
"""

from __future__ import annotations

import re
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.docx.read.values import Paragraph, Table
from bdg_plan.facts.wording import ACTIVITY_COLUMNS, STT_HEADER, STT_WIDTH
from bdg_plan.plan.outline_model import GROUP_KEY, STT_NAMES
from bdg_plan.word.find_parts import clean

_ROMAN_LABEL = re.compile(r"^([IVXLC]+)\s*[.):/-]?\s+(.+)$", re.DOTALL)
_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_BULLET = re.compile(r"^[-–—•]\s*(.+)$", re.DOTALL)
_SUB_BULLET = re.compile(r"^\+\s*(.+)$", re.DOTALL)
_CONTENT_HEADER = ACTIVITY_COLUMNS[0][1]

Cell = list[Any]  # paragraphs (str) and bullets ({"y": ..., "cac_y": [...]})


def _cell(paragraphs: tuple[Paragraph, ...]) -> Cell:
    """A cell's paragraphs: text, "-" bullets (with "+" sub-bullets under them)."""
    items: Cell = []
    for paragraph in paragraphs:
        text = clean(paragraph.shown).replace("\n", " ")
        if not text:
            continue
        sub = _SUB_BULLET.match(text)
        bullet = _BULLET.match(text)
        if sub and items and isinstance(items[-1], dict):
            items[-1].setdefault("cac_y", []).append(sub.group(1))
        elif bullet:
            items.append({"y": bullet.group(1)})
        else:
            items.append(text)
    return items


def _value(cell: Cell) -> Any:
    """The shortest form of a cell: one paragraph as a string."""
    return cell[0] if len(cell) == 1 and isinstance(cell[0], str) else cell


def _flat(cell: Cell) -> str:
    return " ".join(item if isinstance(item, str) else item["y"] for item in cell)


def _rows(table: Table) -> list[list[tuple[int, Cell]]]:
    """Each row's cells with the grid column each starts at."""
    rows = []
    for index, row in enumerate(table.rows):
        starts = table.starts[index] if index < len(table.starts) else tuple(range(len(row)))
        rows.append([(start, _cell(cell)) for start, cell in zip(starts, row, strict=False)])
    return rows


def _grid_width(table: Table) -> int:
    """How many grid columns the table spans (its widest row)."""
    return max(
        (
            start + span
            for starts, spans in zip(table.starts, table.spans, strict=False)
            for start, span in zip(starts, spans, strict=False)
        ),
        default=0,
    )


def _across(table: Table, index: int, width: int) -> bool:
    """Whether row `index`'s first cell spans the whole grid (a merged row, not merged-away cells)."""
    if index >= len(table.spans) or not table.spans[index]:
        return True  # a reader that gives no spans: trust the cell count
    return table.spans[index][0] >= width


def _group(row: list[tuple[int, Cell]], columns: int, stt: int | None, across: bool) -> str | None:
    """The group name when the row is a group row, its Roman numeral taken out."""
    if columns < 2 or not row or row[0][0] != 0:
        return None
    texts = [_flat(cell) for _, cell in row]
    if not any(texts[1:]) and texts[0]:
        # One cell across the row ("I. Hoạt động truyền thông"), or typed alone in the first one.
        match = _ROMAN_LABEL.match(texts[0])
        if (len(row) == 1 and across) or match:
            return match.group(2) if match else texts[0]
    if stt == 0 and _ROMAN.match(texts[0]) and texts[1] and not any(texts[2:]):
        # "I" in the STT cell, the name beside it (merged across the rest or not).
        return texts[1]
    return None


def _merged_notes(table: Table, index: int, header: list[str], starts: list[int]) -> list[str]:
    """Row `index`'s merged cells the plan file cannot hold, each as a line for the clerk.

    A cell merged down from the row above leaves its column empty in this row; a cell merged
    across keeps its text in its first column, the others empty.
    """
    if not table.merged or index >= len(table.starts):
        return []
    cells = list(
        zip(table.starts[index], table.spans[index] if index < len(table.spans) else (), strict=False)
    )
    name = " | ".join(header[:3])
    notes = []
    for column, start in enumerate(starts):
        covering = [(s, span) for s, span in cells if s <= start < s + span]
        if not covering:
            notes.append(msg.IMPORT_MERGED_DOWN.format(table=name, row=index + 1, column=header[column]))
        elif covering[0][0] != start:
            notes.append(msg.IMPORT_MERGED_ACROSS.format(table=name, row=index + 1, column=header[column]))
    return notes


def table_data(
    table: Table, title: str | None = None, *, in_annex: bool = False, notes: list[str] | None = None
) -> dict[str, Any]:
    """A table as an outline entry: `bang` (columns, rows) or `cac_hoat_dong`.

    Merged cells the plan file cannot hold are described in `notes`, for a comment at the table.
    """
    rows = _rows(table)
    header, starts = _header(table, rows)
    stt = next((i for i, name in enumerate(header) if name.casefold() in STT_NAMES), None)
    dong: list[dict[Any, Any]] = []
    number = 0
    first = 2 if _two_row_header(table) else 1
    width = _grid_width(table)
    for index, row in enumerate(rows[first:], start=first):
        group = _group(row, len(header), stt, _across(table, index, width))
        if group is not None:
            dong.append({GROUP_KEY: group})
            number = 0
            continue
        number += 1
        if notes is not None:
            notes += _merged_notes(table, index, header, starts)
        values: dict[int, Cell] = {}
        for start, cell in row:
            column = max((i for i, s in enumerate(starts) if s <= start), default=0)
            if cell and column not in values:
                values[column] = cell
        if stt is not None and _flat(values.get(stt, [])).rstrip(".") in (str(number), ""):
            values.pop(stt, None)
        dong.append({index: _value(cell) for index, cell in sorted(values.items())})
    activities = _activities(header, dong, stt, title, in_annex)
    if activities is not None and _activity_widths(table, starts, header):
        return activities
    return {"bang": _bang(header, starts, dong, title, table)}


def _two_row_header(table: Table) -> bool:
    """A second header row: under a header cell spanning columns, every text in it bold."""
    if len(table.rows) < 3 or not table.spans or max(table.spans[0], default=1) < 2:
        return False
    texts = [(p.shown.strip(), p.bold) for cell in table.rows[1] for p in cell]
    return any(text for text, _ in texts) and all(bold for text, bold in texts if text)


def _header(table: Table, rows: list[list[tuple[int, Cell]]]) -> tuple[list[str], list[int]]:
    """The columns' names and the grid column each starts at.

    With two header rows, a header cell over several columns gives one column per cell under
    it, named "Thời gian - Bắt đầu" (the model has one header row).
    """
    if not rows:
        return [], []
    top = [(start, _flat(cell)) for start, cell in rows[0]]
    if not _two_row_header(table):
        return [name for _, name in top], [start for start, _ in top]
    names: list[str] = []
    starts: list[int] = []
    for (start, name), span in zip(top, table.spans[0], strict=False):
        under = [(s, _flat(cell)) for s, cell in rows[1] if start <= s < start + span]
        if len(under) < 2:
            names.append(name)
            starts.append(start)
            continue
        names += [f"{name} - {text}" if text else name for _, text in under]
        starts += [s for s, _ in under]
    return names, starts


def _names(header: list[str]) -> list[str]:
    """Column names: the header's texts, a placeholder for an empty one, no two alike."""
    names: list[str] = []
    taken: set[str] = set()
    for index, text in enumerate(header):
        name = text or f"Cột {index + 1}"
        names.append(name if name not in taken else f"{name} ({index + 1})")
        taken.add(names[-1])
    return names


def _bang(
    header: list[str], starts: list[int], dong: list[dict[Any, Any]], title: str | None, table: Table
) -> dict[str, Any]:
    names = _names(header)
    bang: dict[str, Any] = {}
    if title:
        bang["ten"] = title
    shares = _shares(table, starts)
    bang["cot"] = [
        name if share == 1 else {"ten": name, "rong": share}
        for name, share in zip(names, shares, strict=True)
    ]
    bang["dong"] = [
        row if GROUP_KEY in row else {names[i]: v for i, v in row.items() if i < len(names)} for row in dong
    ]
    sizes = {f.size_pt for row in table.rows for cell in row for p in cell for t, f in p.runs if t.strip()}
    if sizes == {12.0}:
        bang["co_chu"] = 12
    return bang


def _shares(table: Table, starts: list[int]) -> list[float]:
    """Each header column's width relative to the narrowest (1 = as wide), from the grid.

    All 1 when the file gives no grid or the columns are (nearly) equal.
    """
    columns = len(starts)
    grid = table.grid_mm
    if not starts or not grid or starts[-1] >= len(grid):
        return [1.0] * columns
    ends = [*starts[1:], len(grid)]
    widths = [sum(grid[start:end]) for start, end in zip(starts, ends, strict=True)]
    narrowest = min(widths)
    if narrowest <= 0:
        return [1.0] * columns
    shares = [round(width / narrowest, 1) for width in widths]
    return [1.0] * columns if max(shares) <= 1.1 else [int(s) if s == int(s) else s for s in shares]


#: How far a column's share may stray from the activity table's own and still be that table.
_WIDTH_TOLERANCE = 0.15


def _activity_widths(table: Table, starts: list[int], header: list[str]) -> bool:
    """The table's columns are as wide as bdg-plan prints an activity list (within 15%).

    An activity list holds no widths of its own: a table typed with other widths comes back as
    a `bang`, which keeps them. A table whose file gives no widths is taken as the list.
    """
    if not table.grid_mm or len(starts) != len(header):
        return True
    widths = {name: width for _, name, width in ACTIVITY_COLUMNS}
    expected = [STT_WIDTH, *(widths.get(name, 0.0) for name in header[1:])]
    ends = [*starts[1:], len(table.grid_mm)]
    found = [sum(table.grid_mm[start:end]) for start, end in zip(starts, ends, strict=True)]
    if min(expected) <= 0 or min(found) <= 0:
        return False
    scale = sum(found) / sum(expected)
    return all(
        abs(f - e * scale) <= _WIDTH_TOLERANCE * e * scale for f, e in zip(found, expected, strict=True)
    )


def _activities(
    header: list[str], dong: list[dict[Any, Any]], stt: int | None, title: str | None, in_annex: bool
) -> dict[str, Any] | None:
    """The activity table's own layout back as `cac_hoat_dong`, when nothing else is in it."""
    keys = {name: key for key, name, _ in ACTIVITY_COLUMNS}
    if title or stt != 0 or header[0] != STT_HEADER or len(header) < 2 or header[1] != _CONTENT_HEADER:
        return None
    fields = [keys.get(name) for name in header[1:]]
    order = [key for key, _, _ in ACTIVITY_COLUMNS]
    if None in fields or [f for f in order if f in fields] != fields:
        return None
    groups: list[dict[str, Any]] = []
    loose: list[dict[str, Any]] = []
    for row in dong:
        if GROUP_KEY in row:
            groups.append({"ten": row[GROUP_KEY], "hoat_dong": []})
            continue
        if any(not isinstance(v, str) for v in row.values()) or 1 not in row or 0 in row:
            return None
        activity = {fields[i - 1]: v for i, v in row.items()}
        (groups[-1]["hoat_dong"] if groups else loose).append(activity)
    used = {key for group in groups for a in group["hoat_dong"] for key in a} | {k for a in loose for k in a}
    if not set(fields) <= used or any(not g["hoat_dong"] for g in groups):
        return None
    listing: dict[str, Any] = {} if in_annex else {"trinh_bay": "bang"}
    if loose:
        listing["hoat_dong"] = loose
    if groups:
        listing["nhom"] = groups
    return {"cac_hoat_dong": listing}
