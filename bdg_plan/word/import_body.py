"""Import: the body's outline, as read from the Word file, turned into the plan file's body keys.

The short form (`muc_dich`, `yeu_cau`, `noi_dung`, `kinh_phi`, `to_chuc_thuc_hien`) when each
section the document holds fits one of its keys, the free outline (`than_van_ban`) when one does
not: a short key never comes back empty while the document had content under its heading. Text
that fits nowhere is kept beside the key it stood by (`Imported.leave`).
"""

from __future__ import annotations

from typing import Any

from bdg_plan import messages as msg
from bdg_plan.facts.vietnamese import capitalize_first, upper
from bdg_plan.facts.wording import (
    TITLE_KINH_PHI,
    TITLE_MUC_DICH,
    TITLE_MUC_DICH_YEU_CAU,
    TITLE_NOI_DUNG,
    TITLE_TO_CHUC,
    TITLE_YEU_CAU,
)
from bdg_plan.word.find_parts import clean, is_caps
from bdg_plan.word.import_action_month import theme_data, typed_theme
from bdg_plan.word.import_outline import free_items
from bdg_plan.word.imported import Imported
from bdg_plan.word.outline_read import Node, Outline

#: Extra-section positions in print order, and the named section each one follows.
_SLOTS = ("dau", "sau_muc_dich_yeu_cau", "sau_noi_dung", "sau_kinh_phi", "cuoi")


def _text(node: Node) -> str:
    return node.text.replace("\n", " ")


def _bullet(node: Node, imported: Imported, key: str) -> Any:
    subs = [_text(c) for c in node.children if c.kind == "y_nho"]
    for child in node.children:
        if child.kind != "y_nho":
            _leave_node(imported, key, child)
    return {"y": _text(node), "cac_y": subs} if subs else _text(node)


def _leave_node(imported: Imported, key: str, node: Node) -> None:
    if node.table is not None:
        for row in node.table.rows:
            number = next((p.number for cell in row for p in cell), 0)
            imported.leave(key, " | ".join(" ".join(clean(p.text) for p in cell) for cell in row), number)
        return
    if node.para is not None:
        imported.leave(key, clean(node.para.shown).replace("\n", " "), node.para.number)
    for child in node.children:
        _leave_node(imported, key, child)


def _paragraphs(values: list[str]) -> Any:
    return values[0] if len(values) == 1 else values


def _block(
    children: list[Node], imported: Imported, key: str, *, allow_after: bool = True, points: bool = True
) -> dict[str, Any]:
    """Paragraphs, then bullets, then paragraphs (`sau`): the shape of NoiDung and Khoan."""
    block: dict[str, Any] = {"mo_ta": [], "cac_y": [], "cac_diem": [], "sau": []}
    for child in children:
        if child.kind == "doan" and not block["cac_y"] and not block["cac_diem"]:
            block["mo_ta"].append(_text(child))
        elif child.kind == "doan" and allow_after and not block["cac_diem"]:
            block["sau"].append(_text(child))
        elif child.kind == "y" and not block["sau"] and not block["cac_diem"]:
            block["cac_y"].append(_bullet(child, imported, key))
        elif child.kind == "diem" and points and not block["sau"]:
            block["cac_diem"].append(_point(child, imported, key))
        else:
            _leave_node(imported, key, child)
    return block


def _point(node: Node, imported: Imported, key: str) -> dict[str, Any]:
    inner = _block(node.children, imported, key, allow_after=False, points=False)
    point: dict[str, Any] = {}
    if node.heading:
        point["ten"] = _text(node)
    else:
        inner["mo_ta"].insert(0, _text(node))
    if inner["mo_ta"]:
        point["mo_ta"] = _paragraphs(inner["mo_ta"])
    if inner["cac_y"]:
        point["cac_y"] = inner["cac_y"]
    return point


def _khoan(node: Node, imported: Imported, key: str) -> dict[str, Any]:
    inner = _block(node.children, imported, key)
    item: dict[str, Any] = {}
    if node.heading:
        item["ten"] = _text(node)
    else:
        inner["mo_ta"].insert(0, _text(node))
    for name in ("mo_ta", "cac_y", "cac_diem", "sau"):
        if inner[name]:
            item[name] = _paragraphs(inner[name]) if name in ("mo_ta", "sau") else inner[name]
    return item


def _short_block(block: dict[str, Any]) -> Any:
    """NoiDung's shorthand: one paragraph as a string, plain bullets as a list."""
    if block["mo_ta"] and not block["cac_y"] and not block["sau"]:
        return _paragraphs(block["mo_ta"])
    if block["cac_y"] and not block["mo_ta"] and not block["sau"]:
        return block["cac_y"]
    return {k: _paragraphs(v) if k != "cac_y" else v for k, v in block.items() if v and k != "cac_diem"}


def _named(node: Node) -> str | None:
    """The named key a section maps to, when its heading is exactly the one bdg-plan prints."""
    title = upper(node.text)
    kinds = {c.kind for c in node.children}
    if title == upper(TITLE_NOI_DUNG) and kinds == {"khoan"}:
        return "noi_dung"
    if title == upper(TITLE_TO_CHUC) and kinds == {"khoan"}:
        return "to_chuc_thuc_hien"
    if title == upper(TITLE_KINH_PHI) and kinds <= {"doan", "y"} and kinds:
        return "kinh_phi"
    purpose = [c.text for c in node.children]
    if kinds == {"khoan"} and all(c.heading for c in node.children):
        if title == upper(TITLE_MUC_DICH_YEU_CAU) and purpose == [TITLE_MUC_DICH, TITLE_YEU_CAU]:
            return "muc_dich_yeu_cau"
        if title == upper(TITLE_MUC_DICH) and purpose == [TITLE_MUC_DICH]:
            return "muc_dich"
    return None


_BODY_KEYS = ("muc_dich", "yeu_cau", "noi_dung", "kinh_phi", "to_chuc_thuc_hien")


_NAMED_SLOT = {"muc_dich_yeu_cau": 1, "muc_dich": 1, "noi_dung": 2, "kinh_phi": 3, "to_chuc_thuc_hien": 4}


def _sections(sections: list[Node], imported: Imported) -> None:
    data = imported.data
    slot = 0
    extra: list[dict[str, Any]] = []
    for node in sections:
        theme = None
        if slot <= 1 and "loai_ke_hoach" not in data:
            theme = theme_data(node) or typed_theme(node)
        if theme is not None and not any(m["vi_tri"] == _SLOTS[1] for m in extra):
            # The action month's own section: after the purpose, before the sections that follow it.
            data.update(theme)
            slot = 1
            imported.summary.append(("loai_ke_hoach", upper(node.text)))
            continue
        name = _named(node)
        if name and _NAMED_SLOT[name] > slot and name not in data:
            slot = _NAMED_SLOT[name]
            key = "muc_dich" if name == "muc_dich_yeu_cau" else name
            _fill_named(name, node, imported, key)
            continue
        muc: dict[str, Any] = {
            "ten": capitalize_first(node.text.lower()) if is_caps(node.text) else node.text
        }
        muc["vi_tri"] = _SLOTS[slot]
        inner = _block(
            [c for c in node.children if c.kind != "khoan"],
            imported,
            "muc_them",
            allow_after=False,
            points=False,
        )
        if inner["mo_ta"]:
            muc["mo_ta"] = _paragraphs(inner["mo_ta"])
        if inner["cac_y"]:
            muc["cac_y"] = inner["cac_y"]
        khoan = [c for c in node.children if c.kind == "khoan"]
        if khoan:
            muc["cac_khoan"] = [_khoan(c, imported, "muc_them") for c in khoan]
        extra.append(muc)
    for muc in extra:
        # "cuoi" is the default, and with no named section every position prints in order.
        if muc["vi_tri"] == "cuoi" or slot == 0:
            del muc["vi_tri"]
    if extra:
        data["muc_them"] = extra


def _fill_named(name: str, node: Node, imported: Imported, key: str) -> None:
    data = imported.data
    if name in ("noi_dung", "to_chuc_thuc_hien"):
        data[name] = [_khoan(c, imported, name) for c in node.children]
    elif name == "kinh_phi":
        data[name] = _short_block(_block(node.children, imported, name, points=False))
    else:
        # The short keys hold no points (a), b)): points left out send the body to the free outline.
        for child, field_name in zip(node.children, ("muc_dich", "yeu_cau"), strict=False):
            data[field_name] = _short_block(_block(child.children, imported, key, points=False))
    imported.summary.append((key, upper(node.text)))


def _opening(paragraphs: list[str]) -> dict[str, Any]:
    """The opening as the plan file writes it: căn cứ as written, "Theo đề nghị", the lead-in.

    Each căn cứ stays a plain string, printed as written; anything that does not follow that
    order keeps the clerk's paragraphs whole in `mo_dau`.
    """
    rest = list(paragraphs)
    found: dict[str, Any] = {}
    can_cu = []
    while rest and rest[0].startswith(("Căn cứ", "Thực hiện")):
        can_cu.append(rest.pop(0))
    if can_cu:
        found["can_cu"] = can_cu
    if rest and rest[0].startswith("Theo đề nghị"):
        found["de_nghi"] = rest.pop(0)
    if len(rest) == 1 and rest[0] == capitalize_first(rest[0]):
        found["loi_dan"] = rest.pop(0)
    return {"mo_dau": _paragraphs(paragraphs)} if rest else found


def body_data(outline: Outline, imported: Imported) -> None:
    """The opening, the sections and the closing sentence, into the plan data."""
    data = imported.data
    opening = [clean(p.shown).replace("\n", " ") for p in outline.opening]
    if opening:
        data.update(_opening(opening))
        imported.summary.append(("can_cu", msg.IMPORT_WHERE_OPENING.format(count=len(opening))))
    for table in outline.opening_tables:
        _leave_node(imported, "mo_dau", Node("bang", table=table))
    before = (dict(data), {k: list(v) for k, v in imported.unplaced.items()}, len(imported.unplaced_at))
    _sections([r for r in outline.roots if r.kind == "muc"], imported)
    short_fits = all(r.kind == "muc" for r in outline.roots) and len(imported.unplaced_at) == before[2]
    # A named key left empty prints a bare heading: whatever was under it must go somewhere it prints.
    short_fits = short_fits and not any(data.get(key) in ({}, [], "") for key in _BODY_KEYS)
    if not short_fits:
        # Parts, tables or content out of the short form's order: the free outline holds it all.
        # The action month's kind and dates stay (its theme section prints from the outline as typed).
        kind: dict[str, Any] = {
            k: data[k] for k in ("loai_ke_hoach", "thang_hanh_dong") if k not in before[0] and k in data
        }
        data.clear()
        data.update(before[0])
        data.update(kind)
        imported.unplaced = before[1]
        del imported.unplaced_at[before[2] :]
        notes: list[str] = []
        data["than_van_ban"] = free_items(outline.roots, notes=notes)
        imported.note_merged("than_van_ban", notes)
    if outline.closing is not None:
        data["ket_thuc"] = clean(outline.closing.text).replace("\n", " ")
