"""Import: the body as the free outline (`than_van_ban`), when the short-form keys cannot hold it.

Parts, tables, sub-items (1.1.) and content out of the short form's order are written as the
outline model's entries: plain strings for paragraphs, level keys (`phan`, `muc`, `khoan`,
`tieu_khoan`, `diem`) with their `noi_dung`, `y` bullets and `bang` tables keyed by the header row.
"""

from __future__ import annotations

from typing import Any

from bdg_plan.docx_read import Table
from bdg_plan.outline_read import Node
from bdg_plan.recognise import clean, is_caps
from bdg_plan.vietnamese import capitalize_first


def _text(node: Node) -> str:
    return node.text.replace("\n", " ")


_FREE_KEYS = {"muc": "muc", "khoan": "khoan", "tieu_khoan": "tieu_khoan", "diem": "diem"}


def free_items(nodes: list[Node]) -> list[Any]:
    """Outline nodes as `than_van_ban` entries: strings, level keys, bullets and tables."""
    items: list[Any] = []
    for node in nodes:
        if node.kind == "doan":
            items.append(_text(node))
        elif node.kind in ("y", "y_nho"):
            subs = [_text(c) for c in node.children if c.kind == "y_nho"]
            items.append({"y": _text(node), "cac_y": subs} if subs else {"y": _text(node)})
        elif node.kind == "bang" and node.table is not None:
            items.append({"bang": _table(node.table)})
        elif node.kind == "phan":
            items.append(_free_part(node))
        elif node.kind in _FREE_KEYS:
            children = free_items(node.children)
            title: str | None = _text(node)
            if node.kind == "muc" and title and is_caps(title):
                title = capitalize_first(title.lower())
            if not node.heading and node.kind != "muc":
                children.insert(0, title)
                title = None
            entry: dict[str, Any] = {_FREE_KEYS[node.kind]: title}
            if children:
                entry["noi_dung"] = children
            items.append(entry)
    return items


def _free_part(node: Node) -> dict[str, Any]:
    children = list(node.children)
    part: dict[str, Any] = {"phan": _text(node)}
    if children and children[0].kind == "doan" and is_caps(children[0].text):
        part["ten"] = capitalize_first(children.pop(0).text.lower())
    content = free_items(children)
    if content:
        part["noi_dung"] = content
    return part


def _table(table: Table) -> dict[str, Any]:
    """A table as columns and rows keyed by the header row's texts."""
    rows = [[" ".join(clean(p.text) for p in cell) for cell in row] for row in table.rows]
    header = rows[0] if rows else []
    columns = [name or f"Cột {i + 1}" for i, name in enumerate(header)]
    data_rows = []
    for row in rows[1:]:
        if len(row) == 1 and len(columns) > 1:
            data_rows.append({"nhom": row[0]})
            continue
        data_rows.append({columns[i]: value for i, value in enumerate(row) if value and i < len(columns)})
    return {"cot": columns, "dong": data_rows}
