"""Pipeline stage 4b: compose the plan's tables (a `bang`, a list of activities) into table blocks.

Rows are the clerk's mappings of column keys to cells; the tool adds what the clerk never types:
the STT numbers (restarting in each group), the Roman numerals of group rows, the bold centred
header that repeats on every page.
"""

from __future__ import annotations

from collections.abc import Sequence

from bdg_plan.compose.blocks import Block, Run, TableBlock, TableCell
from bdg_plan.facts.vietnamese import roman
from bdg_plan.facts.wording import ACTIVITY_COLUMNS, STT_HEADER, STT_WIDTH
from bdg_plan.plan.field_types import YGachDauDong
from bdg_plan.plan.outline_model import GROUP_KEY, Bang, CellItem, Cot, DanhSachHoatDong, HoatDong


def _cell(
    items: Sequence[CellItem], *, bold: bool = False, centred: bool = False, span: int = 1
) -> TableCell:
    paragraphs: list[Block] = []
    for item in items:
        if isinstance(item, YGachDauDong):
            paragraphs.append(Block("bang", (Run(item.y, bold),), "- "))
            paragraphs += [Block("bang", (Run(sub, bold),), "+ ") for sub in item.cac_y]
        else:
            paragraphs.append(Block("bang", (Run(item, bold),)))
    return TableCell(tuple(paragraphs) or (Block("bang", ()),), span, centred)


def _header(columns: Sequence[Cot]) -> tuple[TableCell, ...]:
    return tuple(_cell([column.ten], bold=True, centred=True) for column in columns)


def table_block(bang: Bang) -> TableBlock:
    """A `bang` as a table block: header, group rows across all columns, numbered STT cells."""
    columns = list(bang.cot)
    rows: list[tuple[TableCell, ...]] = [_header(columns)]
    groups = number = 0
    for row in bang.dong:
        if set(row) == {GROUP_KEY}:
            groups += 1
            number = 0
            rows.append((_group_cell(groups, row[GROUP_KEY], len(columns)),))
            continue
        number += 1
        cells = []
        for column in columns:
            if column.numbered and column.key not in row:
                cells.append(_cell([str(number)], centred=True))
            else:
                cells.append(_cell(row.get(column.key, [])))
        rows.append(tuple(cells))
    return TableBlock(tuple(rows), 1, tuple(column.rong for column in columns), bang.co_chu, bang.ten)


def _group_cell(number: int, items: Sequence[CellItem], columns: int) -> TableCell:
    texts = [item.y if isinstance(item, YGachDauDong) else item for item in items]
    return _cell([f"{roman(number)}. {texts[0]}", *texts[1:]], bold=True, span=columns)


def activity_table(listing: DanhSachHoatDong) -> TableBlock:
    """Activities as a table: STT, content, and each detail column some activity fills in."""
    everything = [*listing.hoat_dong, *(a for group in listing.nhom for a in group.hoat_dong)]
    used = [
        (key, header, width)
        for key, header, width in ACTIVITY_COLUMNS
        if key == "noi_dung" or any(getattr(activity, key) for activity in everything)
    ]
    header = (
        _cell([STT_HEADER], bold=True, centred=True),
        *(_cell([h], bold=True, centred=True) for _, h, _ in used),
    )
    rows: list[tuple[TableCell, ...]] = [header]
    rows += _activity_rows(listing.hoat_dong, used)
    for index, group in enumerate(listing.nhom, start=1):
        rows.append((_group_cell(index, [group.ten], len(used) + 1),))
        rows += _activity_rows(group.hoat_dong, used)
    widths = (STT_WIDTH, *(width for _, _, width in used))
    return TableBlock(tuple(rows), 1, widths)


def _activity_rows(
    activities: Sequence[HoatDong], used: Sequence[tuple[str, str, float]]
) -> list[tuple[TableCell, ...]]:
    rows = []
    for number, activity in enumerate(activities, start=1):
        values = [getattr(activity, key) for key, _, _ in used]
        rows.append((_cell([str(number)], centred=True), *(_cell([v] if v else []) for v in values)))
    return rows
