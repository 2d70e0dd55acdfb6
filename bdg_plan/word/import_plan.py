"""Import (after reading and recognising): the parts found in a .docx turned into plan-file data.

The data uses the plan file's keys in the order a clerk reads them, in the shortest form that
renders the same text: a single paragraph as a string, bullets without sub-bullets as a list of
strings, the named sections (`muc_dich`, `noi_dung`, ...) where the document's headings are
exactly the ones bdg-plan prints, and `muc_them` for any other section. Whatever has no place in
the plan is kept as text under the key nearest to it, for the emitter to write as comments;
whatever the document lacks is filled with a visible marker and listed.

The header, signers, recipients and annexes are mapped here; the body in `word.import_body`; the
data being built, with the text kept beside its key, is `word.imported.Imported`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.docx.read.values import Paragraph, first_words
from bdg_plan.facts.admin_map import REFORM_DATE
from bdg_plan.facts.vietnamese import capitalize_first, upper
from bdg_plan.facts.wording import (
    TITLE_KE_HOACH,
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
)
from bdg_plan.word.import_body import body_data
from bdg_plan.word.import_outline import annex_data
from bdg_plan.word.import_place import infer_province
from bdg_plan.word.imported import Imported, fill, organ_name, words_case
from bdg_plan.word.outline_read import Outline

_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.+)$")
_LUU = re.compile(r"^Lưu\s*:?\s*(.*?)[.;]?$", re.IGNORECASE)
_NOT_SIGNER = re.compile(r"^\(.*\)$")


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
    co_quan: dict[str, Any] = {"ten": organ_name(organ) if organ else fill(imported, "co_quan.ten")}
    superior = superior_text(header)
    if superior:
        co_quan["cap_tren"] = superior
    co_quan["dia_danh"] = date[0] if date else fill(imported, "co_quan.dia_danh")
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
        signer["chuc_vu"] = fill(imported, f"{key}.chuc_vu")
    signer["ho_ten"] = name if name else fill(imported, f"{key}.ho_ten")
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
        recipients.append(fill(imported, "noi_nhan"))
    imported.data["noi_nhan"] = recipients
    if luu and luu != ["VT"]:
        imported.data["luu"] = luu


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
        imported.note_merged("phu_luc", notes)
        entry["ten"] = entry["ten"] or fill(imported, f"phu_luc.{index}.ten")
        if annex.kem_theo is not None and _kem_theo_conflicts(clean(annex.kem_theo.text), imported.data):
            imported.leave("phu_luc", clean(annex.kem_theo.text), annex.kem_theo.number)
        annexes.append(entry)
    if annexes:
        imported.data["phu_luc"] = annexes
        imported.summary.append(("phu_luc", msg.IMPORT_SUMMARY_ITEMS.format(count=len(annexes))))


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
    imported.data["trich_yeu"] = trich_yeu or fill(imported, "trich_yeu")
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


__all__ = ["plan_data"]
