"""Import (after reading and recognising): the parts found in a .docx turned into plan-file data.

The data uses the plan file's keys in the order a clerk reads them, in the shortest form that
renders the same text: a single paragraph as a string, bullets without sub-bullets as a list of
strings, the named sections (`muc_dich`, `noi_dung`, ...) where the document's headings are
exactly the ones bdg-plan prints, and `muc_them` for any other section. Whatever has no place in
the plan is kept as text under the key nearest to it, for the emitter to write as comments;
whatever the document lacks is filled with a visible marker and listed.

Over 400 lines on purpose: it maps each recognised part of a .docx back onto the plan's keys
in the order a clerk reads them, one short function per part, so one file shows the whole mapping.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.docx.read.values import Paragraph, first_words
from bdg_plan.facts.admin_map import REFORM_DATE
from bdg_plan.facts.vietnamese import capitalize_first, organ_lines, upper
from bdg_plan.facts.wording import (
    TITLE_KE_HOACH,
    TITLE_KINH_PHI,
    TITLE_MUC_DICH,
    TITLE_MUC_DICH_YEU_CAU,
    TITLE_NOI_DUNG,
    TITLE_TO_CHUC,
    TITLE_YEU_CAU,
)
from bdg_plan.word.find_parts import (
    Found,
    clean,
    is_caps,
    parse_date,
    parse_so,
    split_joint_organ,
    superior_text,
)
from bdg_plan.word.import_action_month import (
    ACTION_MONTH_NAME,
    drop_month_times,
    find_period,
    theme_data,
    typed_theme,
)
from bdg_plan.word.import_outline import annex_data, free_items
from bdg_plan.word.import_place import infer_province
from bdg_plan.word.outline_read import Node, Outline

_UNIT_WORDS = ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố", "tỉnh")
_ABBREVIATIONS = {"UBND", "HĐND", "MTTQ", "UBMTTQ", "VN", "CT-XH", "TP"}
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.+)$")
_LUU = re.compile(r"^Lưu\s*:?\s*(.*?)[.;]?$", re.IGNORECASE)
_NOT_SIGNER = re.compile(r"^\(.*\)$")

#: Extra-section positions in print order, and the named section each one follows.
_SLOTS = ("dau", "sau_muc_dich_yeu_cau", "sau_noi_dung", "sau_kinh_phi", "cuoi")


@dataclass
class Imported:
    """Plan-file data, text that found no place (by key), places to fill, and where things went."""

    data: dict[str, Any] = field(default_factory=dict)
    unplaced: dict[str, list[str]] = field(default_factory=dict)
    unplaced_at: list[tuple[int, str]] = field(default_factory=list)
    to_fill: list[str] = field(default_factory=list)
    summary: list[tuple[str, str]] = field(default_factory=list)

    def leave(self, key: str, text: str, number: int = 0) -> None:
        """Keep text that has no place (from paragraph `number`), beside `key`."""
        self.unplaced.setdefault(key, []).append(text)
        self.unplaced_at.append((number, text))


#: Bodies whose names Phụ lục II capitalises beyond the first word.
_KNOWN_NAMES = (
    "Hội Liên hiệp Phụ nữ",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Ban Chấp hành",
    "Ban Thường vụ",
)


def words_case(text: str) -> str:
    """Capitals back to how a clerk writes them: "ỦY BAN NHÂN DÂN" -> "Ủy ban nhân dân"."""
    words = text.split(" ")
    out = capitalize_first(" ".join(w if w in _ABBREVIATIONS else w.lower() for w in words))
    for name in _KNOWN_NAMES:
        lowered = name.lower()
        head = out.lower().startswith(lowered)
        out = name + out[len(name) :] if head else out.replace(lowered, name)
    return out


def _name_case(text: str) -> str:
    """An organ's words as a clerk writes them, the place after its unit word capitalised.

    "ỦY BAN NHÂN DÂN XÃ HỒNG PHONG" -> "Ủy ban nhân dân xã Hồng Phong".
    """
    lowered = words_case(text)
    folded = lowered.lower()
    for unit in _UNIT_WORDS:
        if folded.startswith(f"{unit} "):
            start = len(unit) + 1
        elif f" {unit} " in folded:
            start = folded.index(f" {unit} ") + len(unit) + 2
        else:
            continue
        return lowered[:start] + " ".join(w[:1].upper() + w[1:] for w in lowered[start:].split(" "))
    return lowered


def organ_name(lines: list[str]) -> str:
    """The organ's name from its header lines, proper names capitalised, printing the same lines."""
    joined = _name_case(" ".join(line for line in lines if line))
    wanted = tuple(upper(line) for line in lines if line)
    if organ_lines(joined) == wanted:
        return joined
    return "\n".join(_name_case(line) for line in lines if line)


def _header(found: Found, imported: Imported) -> None:
    header = found.header
    data = imported.data
    organ = [line for line in header.organ_text if line]
    joint: list[str] = []
    if found.closing.joint_signer:
        if header.superior is not None and header.superior.bold and header.superior_text:
            organ = [header.superior_text, *organ]
            header.superior_text = None
        organ, joint = split_joint_organ(organ)
    date = parse_date(header.date_text) if header.date_text else None
    year = date[3] if date else _year_from(found)
    data["nam"] = year or dt.date.today().year
    if not year:
        # The plan's year is a number the model needs: this year, said so beside it.
        imported.to_fill.append("nam")
        imported.unplaced.setdefault("nam", []).append(
            msg.IMPORT_UNSURE_YEAR.format(year=data["nam"], text=_nearest(found, _DATE_HINT))
        )
    co_quan: dict[str, Any] = {"ten": organ_name(organ) if organ else _fill(imported, "co_quan.ten")}
    superior = superior_text(header)
    if superior:
        co_quan["cap_tren"] = superior
    co_quan["dia_danh"] = date[0] if date else _fill(imported, "co_quan.dia_danh")
    data["co_quan"] = co_quan
    if joint:
        data["co_quan_lien_tich"] = {"ten": organ_name(joint)}
    if found.title is not None and clean(found.title.text) != upper(TITLE_KE_HOACH):
        data["ten_loai"] = capitalize_first(clean(found.title.text).lower())
    so = parse_so(header.so_text) if header.so_text else None
    data["so"] = so[0] if so else _unsure(imported, "so", _nearest(found, _SO_HINT))
    data["ky_hieu"] = so[1] if so else _unsure(imported, "ky_hieu", _nearest(found, _SO_HINT))
    if date:
        data["ngay"] = dt.date(date[3], date[2], date[1]) if date[1] else f"{date[3]}-{date[2]:02d}"
    else:
        data["ngay"] = _unsure(imported, "ngay", _nearest(found, _DATE_HINT))
        if co_quan["dia_danh"] == msg.IMPORT_FILL:
            imported.unplaced.setdefault("co_quan", []).append(
                msg.IMPORT_UNSURE.format(key="co_quan.dia_danh", text=_nearest(found, _DATE_HINT))
            )
    if not organ:
        imported.unplaced.setdefault("co_quan", []).append(
            msg.IMPORT_UNSURE.format(key="co_quan.ten", text=_nearest(found, _ORGAN_HINT))
        )
    imported.summary.append(("co_quan, so, ky_hieu, ngay", msg.IMPORT_WHERE_HEADER))


#: What the line of a header fact not read looks like, to quote the nearest one in its comment.
_SO_HINT = re.compile(r"^\s*số\b", re.IGNORECASE)
_DATE_HINT = re.compile(r"\bngày\b|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\bnăm\s+\d{4}", re.IGNORECASE)
_ORGAN_HINT = re.compile(r"ỦY BAN|UBND|HỘI|ĐẢNG|ĐOÀN|MẶT TRẬN", re.IGNORECASE)


def _nearest(found: Found, hint: re.Pattern[str]) -> str:
    """The first line before the title that looks like the fact, as the clerk typed it."""
    for paragraph in found.head:
        for line in clean(paragraph.shown).split("\n"):
            for piece in line.split("\t"):
                if hint.search(piece):
                    return f"'{first_words(piece.strip(), 16)}'"
    return msg.IMPORT_UNSURE_NOTHING


def _unsure(imported: Imported, key: str, nearest: str) -> str:
    """The marker for a header fact not read with certainty, with a comment quoting the nearest text."""
    imported.to_fill.append(key)
    imported.unplaced.setdefault(key, []).append(msg.IMPORT_UNSURE.format(key=key, text=nearest))
    return msg.IMPORT_FILL


def _year_from(found: Found) -> int | None:
    for paragraph in found.trich_yeu:
        match = re.search(r"năm\s+(\d{4})", paragraph.text)
        if match:
            return int(match.group(1))
    return None


def _fill(imported: Imported, key: str) -> str:
    imported.to_fill.append(key)
    return msg.IMPORT_FILL


def _signers(found: Found, imported: Imported) -> None:
    imported.data["nguoi_ky"] = _signer(found.closing.signer, imported, "nguoi_ky")
    if found.closing.joint_signer:
        imported.data["nguoi_ky_lien_tich"] = _signer(
            found.closing.joint_signer, imported, "nguoi_ky_lien_tich"
        )


def _signer(found_lines: list[tuple[str, Any]], imported: Imported, key: str) -> dict[str, Any]:
    lines = [(t, p) for t, p in found_lines if not _NOT_SIGNER.match(t)]
    signer: dict[str, Any] = {}
    last = lines[-1][0] if lines else ""
    # The signer's name ends the block, unless the block ends with a title (the name not typed yet).
    name = last if last and not _AUTHORITY.match(last) and not _is_title(last) else None
    titles = lines[:-1] if name else lines
    number = {t: p.number for t, p in lines}
    plain: list[str] = []
    for text, _ in titles:
        match = _AUTHORITY.match(text)
        if match and match.group(1) == "TM":
            signer["thay_mat"] = words_case(match.group(2))
        elif match:
            signer["tham_quyen"] = f"{match.group(1)}."
            signer["thu_truong"] = words_case(match.group(2))
        elif is_caps(text):
            plain.append(words_case(text))
        else:
            imported.leave(key, text, number[text])
    if len(plain) >= 2 and "thu_truong" not in signer:
        signer["thu_truong"] = plain.pop(0)
    if plain:
        signer["chuc_vu"] = plain.pop(0)
    for text in plain:
        imported.leave(key, text, next((n for t, n in number.items() if words_case(t) == text), 0))
    if not {"chuc_vu", "thu_truong"} & set(signer):
        signer["chuc_vu"] = _fill(imported, f"{key}.chuc_vu")
    signer["ho_ten"] = name if name else _fill(imported, f"{key}.ho_ten")
    return signer


#: Words of a signer's title, in capitals: a last line made of them is not a name.
_TITLE = re.compile(
    r"^(?:KT\.?\s*|Q\.?\s*)?(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|TRƯỞNG\s+\w+|GIÁM\s+ĐỐC|BÍ\s+THƯ|ỦY\s+VIÊN|"
    r"CHÁNH\s+VĂN\s+PHÒNG|THỦ\s+TRƯỞNG)(?:\s+\w+)*$"
)


def _is_title(text: str) -> bool:
    """A line in capitals that names a post ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"), not a person."""
    return is_caps(text) and bool(_TITLE.match(" ".join(text.split())))


def _province(found: Found, imported: Imported) -> None:
    """`co_quan.tinh` for a plan dated on or after the 2025 reform (right after `ten`)."""
    date = parse_date(found.header.date_text) if found.header.date_text else None
    if date is None or dt.date(date[3], date[2], date[1] or 1) < REFORM_DATE:
        return
    co_quan = imported.data["co_quan"]
    texts = [text for text, _ in found.closing.recipients]
    texts += [item.text for item in found.body if isinstance(item, Paragraph)]
    tinh = infer_province(co_quan["ten"], texts)
    if tinh is None:
        imported.to_fill.append("co_quan.tinh")
    ten = co_quan.pop("ten")
    imported.data["co_quan"] = {"ten": ten, "tinh": tinh or msg.IMPORT_FILL_PROVINCE, **co_quan}


def _recipients(found: Found, imported: Imported) -> None:
    recipients: list[str] = []
    luu: list[str] | None = None
    for text, _ in found.closing.recipients:
        entry = re.sub(r"^[-–+•]\s*", "", text.strip())
        entry = entry[:-1].rstrip() if entry.endswith((";", ".")) else entry
        match = _LUU.match(entry)
        if match:
            luu = [part.strip() for part in match.group(1).split(",") if part.strip()] or ["VT"]
        elif entry:
            recipients.append(entry)
    if not recipients:
        recipients.append(_fill(imported, "noi_nhan"))
    imported.data["noi_nhan"] = recipients
    if luu and luu != ["VT"]:
        imported.data["luu"] = luu


# --- Body ---------------------------------------------------------------------------------------
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
        _merged(imported, "than_van_ban", notes)
    if outline.closing is not None:
        data["ket_thuc"] = clean(outline.closing.text).replace("\n", " ")


_KEM_THEO_SO = re.compile(r"\bsố\s*(\d*)[\s.…]*/\s*([^\s,)]+)", re.IGNORECASE)
_KEM_THEO_DATE = re.compile(
    r"\bngày\s*(\d{1,2})?[\s.…]*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE
)


def _kem_theo_conflicts(text: str, data: dict[str, Any]) -> bool:
    """The annex's "(Kèm theo ...)" line names another number, symbol or date than the header.

    bdg-plan prints that line from the header; a line that agrees is dropped on import, one that
    does not is kept for the clerk to read.
    """
    if msg.IMPORT_FILL in (data["so"], data["ky_hieu"], data["ngay"]):
        return True  # the header was not read with certainty: the clerk compares
    so = _KEM_THEO_SO.search(text)
    if so and ((int(so.group(1)) if so.group(1) else None, so.group(2)) != (data["so"], data["ky_hieu"])):
        return True
    date = _KEM_THEO_DATE.search(text)
    if date is None:
        return False
    ngay = data["ngay"]
    day, month, year = (
        (ngay.day, ngay.month, ngay.year) if isinstance(ngay, dt.date) else (None, *_month(ngay))
    )
    return (int(date.group(1)) if date.group(1) else None, int(date.group(2)), int(date.group(3))) != (
        day,
        month,
        year,
    )


def _month(text: str) -> tuple[int, int]:
    year, month = text.split("-")[:2]
    return int(month), int(year)


def _annexes(found: Found, imported: Imported) -> None:
    annexes = []
    for index, annex in enumerate(found.annexes):
        notes: list[str] = []
        entry = annex_data(annex, notes)
        _merged(imported, "phu_luc", notes)
        entry["ten"] = entry["ten"] or _fill(imported, f"phu_luc.{index}.ten")
        if annex.kem_theo is not None and _kem_theo_conflicts(clean(annex.kem_theo.text), imported.data):
            imported.leave("phu_luc", clean(annex.kem_theo.text), annex.kem_theo.number)
        annexes.append(entry)
    if annexes:
        imported.data["phu_luc"] = annexes
        imported.summary.append(("phu_luc", msg.IMPORT_SUMMARY_ITEMS.format(count=len(annexes))))


def _merged(imported: Imported, key: str, notes: list[str]) -> None:
    """Merged cells the plan cannot hold: a comment after `key` and a line of the summary each."""
    if notes:
        imported.unplaced.setdefault(key, []).extend(notes)
        imported.summary += [(key, note) for note in notes]


def _action_month(found: Found, imported: Imported) -> None:
    """The action month named by the title or trích yếu: its dates from the document's text.

    The kind itself comes from the theme section (chủ đề, thông điệp, thời gian) read in the body:
    bdg-plan prints that section for every action-month plan, so a plan whose document has none
    stays annual (its text unchanged) and keeps the month's dates ("từ ngày 15/11/2025 đến ngày
    15/12/2025", "15/11 - 15/12/2025") for its activities; the summary says so.
    """
    data = imported.data
    named = [clean(p.text) for p in [*([found.title] if found.title else []), *found.trich_yeu]]
    if not any(ACTION_MONTH_NAME.search(text) for text in named) or "thang_hanh_dong" in data:
        return
    texts = [*named, *(clean(p.text) for p in _paragraphs_of(found.body))]
    period = find_period(texts)
    if period is not None:
        data["thang_hanh_dong"] = period
    imported.summary.append(("loai_ke_hoach", msg.IMPORT_ACTION_MONTH_NO_THEME))


def _paragraphs_of(items: list[Paragraph | Any]) -> list[Paragraph]:
    found: list[Paragraph] = []
    for item in items:
        if isinstance(item, Paragraph):
            found.append(item)
        else:
            found += [p for row in item.rows for cell in row for p in cell]
    return found


def plan_data(found: Found, outline: Outline) -> Imported:
    """Everything recognised in a document, as plan-file data in the plan file's key order."""
    imported = Imported()
    if found.title is None:
        # No "KẾ HOẠCH" title: every paragraph still comes in, in order; the clerk is told.
        imported.summary.append(("than_van_ban", msg.IMPORT_NOT_RECOGNISED))
    _header(found, imported)
    trich_yeu = "\n".join(clean(p.text) for p in found.trich_yeu)
    imported.data["trich_yeu"] = trich_yeu or _fill(imported, "trich_yeu")
    body_data(outline, imported)
    _signers(found, imported)
    _recipients(found, imported)
    _province(found, imported)
    _annexes(found, imported)
    _action_month(found, imported)
    drop_month_times(imported.data)
    for paragraph in found.extra:
        imported.leave("co_quan", clean(paragraph.shown), paragraph.number)
    for paragraph in found.trailing:
        imported.leave(
            "luu" if "luu" in imported.data else "noi_nhan", clean(paragraph.shown), paragraph.number
        )
    return imported


__all__ = ["Imported", "organ_name", "plan_data", "words_case"]
