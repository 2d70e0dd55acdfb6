"""Import: the body as the free outline (`than_van_ban`), when the short-form keys cannot hold it.

Parts, tables, sub-items (1.1.) and content out of the short form's order are written as the
outline model's entries: plain strings for paragraphs, level keys (`phan`, `muc`, `khoan`,
`tieu_khoan`, `diem`) with their `noi_dung`, `y` bullets and `bang` tables keyed by the header row.
"""

from __future__ import annotations

from typing import Any

from bdg_plan.facts.vietnamese import capitalize_first
from bdg_plan.word.find_parts import Annex, is_caps
from bdg_plan.word.import_table import table_data
from bdg_plan.word.outline_read import Node, build_outline


def _text(node: Node) -> str:
    return node.text.replace("\n", " ")


_FREE_KEYS = {"muc": "muc", "khoan": "khoan", "tieu_khoan": "tieu_khoan", "diem": "diem"}


def _table_title(node: Node, after: Node | None) -> bool:
    """A bold centred line right above a table is its title (how bdg-plan prints `bang.ten`)."""
    para = node.para
    if after is None or after.kind != "bang" or node.kind != "doan" or para is None:
        return False
    return para.style_id == "KHBangTen" or (
        para.bold and para.fmt.align == "center" and "\n" not in node.text
    )


def free_items(nodes: list[Node], *, in_annex: bool = False, notes: list[str] | None = None) -> list[Any]:
    """Outline nodes as `than_van_ban` entries: strings, level keys, bullets and tables.

    Merged table cells the entries cannot hold are described in `notes`.
    """
    items: list[Any] = []
    title: str | None = None
    for index, node in enumerate(nodes):
        after = nodes[index + 1] if index + 1 < len(nodes) else None
        if _table_title(node, after):
            title = _text(node)
        elif node.kind == "doan":
            items.append(_text(node))
        elif node.kind in ("y", "y_nho"):
            subs = [_text(c) for c in node.children if c.kind == "y_nho"]
            items.append({"y": _text(node), "cac_y": subs} if subs else {"y": _text(node)})
        elif node.kind == "bang" and node.table is not None:
            items.append(table_data(node.table, title, in_annex=in_annex, notes=notes))
            title = None
        elif node.kind == "phan":
            items.append(_free_part(node, in_annex, notes))
        elif node.kind in _FREE_KEYS:
            items.append(_level(node, in_annex, notes))
    return items


def _level(node: Node, in_annex: bool, notes: list[str] | None) -> dict[str, Any]:
    """A section, item, sub-item or point; an unbolded numbered sentence keeps no heading."""
    children = free_items(node.children, in_annex=in_annex, notes=notes)
    title: str | None = _text(node)
    if node.kind == "muc" and title and is_caps(title):
        title = capitalize_first(title.lower())
    if not node.heading and node.kind != "muc":
        children.insert(0, title)
        title = None
    entry: dict[str, Any] = {_FREE_KEYS[node.kind]: title}
    if children:
        entry["noi_dung"] = children
    return entry


def _free_part(node: Node, in_annex: bool, notes: list[str] | None) -> dict[str, Any]:
    children = list(node.children)
    part: dict[str, Any] = {"phan": _text(node)}
    if children and children[0].kind == "doan" and is_caps(children[0].text):
        part["ten"] = capitalize_first(children.pop(0).text.lower())
    content = free_items(children, in_annex=in_annex, notes=notes)
    if content:
        part["noi_dung"] = content
    return part


def annex_data(annex: Annex, notes: list[str] | None = None) -> dict[str, Any]:
    """An annex as a `phu_luc` entry: its title, page orientation and content."""
    title = " ".join(annex.title)
    data: dict[str, Any] = {"ten": capitalize_first(title.lower()) if is_caps(title) else title}
    if annex.landscape:
        data["ngang"] = True
    content = free_items(build_outline(annex.body, free=True).roots, in_annex=True, notes=notes)
    if content:
        data["noi_dung"] = content
    return data
