"""The plan file's JSON Schema and key table, built from the typed model (`bdg_plan.plan.model`).

Editors read the schema (VS Code with Red Hat's YAML extension, through a
`# yaml-language-server: $schema=...` first line) to complete keys, show each key's Vietnamese
description on hover and flag a mistyped key while the clerk types. The model is the one source
of truth: each block's Vietnamese title and description are its config (`fields.block_texts`),
each key's title is the first clause of its description (`fields.title_from_description`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from bdg_plan.plan.model import Plan
from bdg_plan.plan.model_walk import field_annotation, holds_list, models_inside

#: The JSON Schema dialect pydantic writes ("$defs", "prefixItems").
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: Where the published schema lives in the source tree (examples point to it).
SCHEMA_PATH = "schema/bdg-plan.schema.json"

#: The English meaning of each key, for maintainers (the README's key table).
ENGLISH: dict[str, str] = {
    "Plan.nam": "plan year",
    "Plan.loai_ke_hoach": "kind of plan: the year's plan or the action-month plan",
    "Plan.co_quan": "issuing body and place name",
    "Plan.co_quan_lien_tich": "second issuing body of a joint plan, printed under the first",
    "Plan.so": "document number (blank: filled in by the registry clerk)",
    "Plan.ten_loai": "document type in the title: Kế hoạch (plan), Chương trình (programme), Phương án",
    "Plan.ky_hieu": "document symbol, e.g. KH-UBND",
    "Plan.ngay": "issue date; year-month leaves the day blank",
    "Plan.trich_yeu": "summary line under the title",
    "Plan.cach_dan": "lead word before a cited document given by fields: 'Thực hiện' or 'Căn cứ'",
    "Plan.can_cu": "higher-level documents: a whole paragraph as written, or fields to build one from",
    "Plan.de_nghi": "'Theo đề nghị của ...' (on the proposal of) paragraph, printed as written",
    "Plan.loi_dan": "end of the preamble sentence",
    "Plan.mo_dau": "hand-written preamble, replacing the generated one",
    "Plan.muc_dich": "section I.1 purposes",
    "Plan.yeu_cau": "section I.2 requirements",
    "Plan.noi_dung": "section II activities",
    "Plan.kinh_phi": "section III funding",
    "Plan.to_chuc_thuc_hien": "section IV implementation: units and their tasks",
    "Plan.muc_them": "extra Roman-numbered sections",
    "Plan.ket_thuc": "closing sentence (ends with './.')",
    "Plan.thang_hanh_dong": "dates of the gender-equality action month",
    "Plan.chu_de": "the action month's theme (printed in that kind only)",
    "Plan.thong_diep": "the action month's messages (printed in that kind only)",
    "Plan.nguoi_ky": "signature block",
    "Plan.nguoi_ky_lien_tich": "signer of the second body of a joint plan (left signature block)",
    "Plan.noi_nhan": "recipients list",
    "Plan.luu": "filing line ('Lưu: VT')",
    "CoQuan.ten": "full name of the issuing body",
    "CoQuan.cap_tren": "direct superior body, printed above (none for districts after 1/7/2025)",
    "CoQuan.tinh": "province (or centrally run city), 2025 map",
    "CoQuan.dia_danh": "place name before the date",
    "CoQuan.ten_goi_tat": "short name, for templates",
    "CoQuanLienTich.ten": "full name of the second issuing body",
    "CoQuanLienTich.cap_tren": "its direct superior body, printed above it",
    "CanCu.loai": "document type",
    "CanCu.so_ky_hieu": "number and symbol",
    "CanCu.ten": "proper name (e.g. of a law)",
    "CanCu.ngay": "issue date",
    "CanCu.dau_sau_so": "mark after the number when a date follows (default ',')",
    "CanCu.co_quan": "issuing body",
    "CanCu.tu_noi": "joining word before the summary (default 'về'; '' for none)",
    "CanCu.trich_yeu": "summary, printed after the joining word",
    "YGachDauDong.y": "bullet text",
    "YGachDauDong.cac_y": "sub-bullets ('+')",
    "Diem.ten": "title of a lettered point",
    "Diem.mo_ta": "paragraphs",
    "Diem.cac_y": "bullets",
    "Khoan.ten": "title of a numbered item",
    "Khoan.mo_ta": "opening paragraphs",
    "Khoan.cac_y": "bullets",
    "Khoan.cac_diem": "lettered points a), b)...",
    "Khoan.sau": "paragraphs after the bullets",
    "Khoan.thoi_gian": "time frame",
    "Khoan.chu_tri": "lead unit",
    "Khoan.phoi_hop": "supporting units",
    "NoiDung.mo_ta": "paragraphs",
    "NoiDung.cac_y": "bullets",
    "NoiDung.sau": "paragraphs after the bullets",
    "Muc.ten": "section title",
    "Muc.vi_tri": "where the section goes among the standard ones",
    "Muc.mo_ta": "opening paragraphs",
    "Muc.cac_y": "bullets",
    "Muc.cac_khoan": "numbered items",
    "ThangHanhDong.tu": "start date",
    "ThangHanhDong.den": "end date",
    "NguoiKy.thay_mat": "signing on behalf of a collective body ('TM.')",
    "NguoiKy.tham_quyen": "signing authority: KT. (deputy for), Q. (acting), TL., TUQ. (by delegation)",
    "NguoiKy.thu_truong": "title of the head the deputy signs for",
    "NguoiKy.chuc_vu": "signer's position",
    "NguoiKy.ho_ten": "signer's full name",
    "NoiNhanMuc.ten": "recipient",
    "NoiNhanMuc.ghi_chu": "note in brackets, e.g. b/c (for reporting)",
    "Plan.than_van_ban": "free outline of the body (parts, sections, items, tables), not the short keys",
    "Plan.phu_luc": "annexes after the signature, each on its own pages",
    "PhanNut.phan": "part label as written ('Phần thứ nhất')",
    "PhanNut.ten": "part title (capitals)",
    "PhanNut.noi_dung": "children in print order",
    "MucNut.muc": "section title (Roman-numbered, capitals)",
    "MucNut.noi_dung": "children in print order",
    "KhoanNut.khoan": "item heading (1., 2.)",
    "KhoanNut.noi_dung": "children in print order",
    "TieuKhoanNut.tieu_khoan": "sub-item heading (1.1., 1.2.)",
    "TieuKhoanNut.noi_dung": "children in print order",
    "DiemNut.diem": "point heading (a), b))",
    "DiemNut.noi_dung": "children in print order",
    "YNut.y": "bullet text",
    "YNut.cac_y": "sub-bullets ('+')",
    "DoanNut.doan": "paragraphs",
    "BangNut.bang": "a table",
    "Bang.ten": "table caption",
    "Bang.cot": "columns",
    "Bang.dong": "rows, as mappings of column keys; 'nhom' alone is a group row",
    "Bang.csv": "CSV file beside the plan holding the rows",
    "Bang.co_chu": "font size in the table (12 or 13 pt)",
    "Cot.ten": "column header",
    "Cot.khoa": "key of the column in rows (default: the header)",
    "Cot.rong": "relative width",
    "Cot.stt": "numbered by the tool",
    "HoatDongNut.cac_hoat_dong": "a list of activities",
    "DanhSachHoatDong.trinh_bay": "layout: table or numbered items",
    "DanhSachHoatDong.nhom": "groups of activities",
    "DanhSachHoatDong.hoat_dong": "activities without a group",
    "NhomHoatDong.ten": "group name",
    "NhomHoatDong.hoat_dong": "activities of the group",
    "HoatDong.noi_dung": "what is done",
    "HoatDong.chu_tri": "lead unit",
    "HoatDong.phoi_hop": "partner units",
    "HoatDong.thoi_gian": "time",
    "HoatDong.kinh_phi": "funding",
    "HoatDong.ket_qua": "expected result",
    "PhuLuc.ten": "annex title",
    "PhuLuc.ngang": "landscape pages",
    "PhuLuc.noi_dung": "annex content in print order",
}

#: What an outline list inside an outline node holds (the README's key table says it once).
_OUTLINE_SAME_AS = "mỗi dòng của than_van_ban"


def plan_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the plan file, with Vietnamese titles and descriptions.

    The titles and descriptions are the model's own: a block's from its `block_texts` config, a
    key's description from its field and its title from the description's first clause.
    """
    raw = Plan.model_json_schema(mode="validation")
    definitions: dict[str, dict[str, Any]] = raw.pop("$defs", {})
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, "title": raw.pop("title")}
    schema["description"] = raw.pop("description")
    schema.update(raw)
    schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def schema_text() -> str:
    """Return the schema as the text of `schema/bdg-plan.schema.json` (stable, UTF-8, final newline)."""
    return json.dumps(plan_json_schema(), ensure_ascii=False, indent=2) + "\n"


# --- The README's key table -------------------------------------------------------------------
@dataclass(frozen=True)
class KeyRow:
    """One YAML key: its path in the file, its Vietnamese description and English meaning."""

    path: str
    description: str
    english: str
    #: For a block already listed under another key: that block's Vietnamese title.
    same_as: str | None = None


def iter_keys(
    model: type[BaseModel] = Plan, prefix: str = "", seen: set[str] | None = None
) -> Iterator[KeyRow]:
    """Yield every key of the plan file, nested keys after their parent.

    A model used in several places (a khoản in II and in IV) is expanded once, under its first
    key; later keys say where its keys are listed.
    """
    seen = set() if seen is None else seen
    seen.add(model.__name__)
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        # Written as one value in the file (a date) when the model is not a block of keys.
        annotation = field_annotation(model, name)
        inners = [m for m in models_inside(annotation) if m.__name__ in _schema_blocks()]
        if len(inners) > 1:
            # An outline list: each entry is one of several blocks, named by its level key; the
            # blocks are listed once, under the first outline list.
            pending = [inner for inner in inners if inner.__name__ not in seen]
            same = None if pending else _OUTLINE_SAME_AS
            yield KeyRow(path, field.description or "", ENGLISH.get(f"{model.__name__}.{name}", ""), same)
            seen.update(inner.__name__ for inner in pending)
            listed: set[str] = set()
            for inner in pending:
                for row in iter_keys(inner, f"{path}[].", seen):
                    if row.path not in listed:  # `noi_dung` of every level: once
                        listed.add(row.path)
                        yield row
            continue
        single = inners[0] if inners else None
        same_as = _block_title(single) if single is not None and single.__name__ in seen else None
        english = ENGLISH.get(f"{model.__name__}.{name}", "")
        yield KeyRow(path, field.description or "", english, same_as)
        if single is not None and single.__name__ not in seen:
            child_prefix = f"{path}[]." if holds_list(annotation) else f"{path}."
            yield from iter_keys(single, child_prefix, seen)


def keys_table() -> str:
    """Return the Markdown table of every key (for the README), generated from the model."""
    lines = [
        "| khóa YAML | ý nghĩa (thể thức Nghị định 30) | English meaning |",
        "|---|---|---|",
    ]
    for row in iter_keys():
        description = row.description
        if row.same_as:
            description += f" Các khóa con: như {row.same_as.lower()} ở trên."
        cells = (f"`{row.path}`", description, row.english)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _block_title(model: type[BaseModel]) -> str:
    """A block's Vietnamese title (its `block_texts` config)."""
    return str(model.model_config.get("title", model.__name__))


@functools.cache
def _schema_blocks() -> frozenset[str]:
    """The models that are blocks of keys in the file (the schema's definitions)."""
    return frozenset(Plan.model_json_schema(mode="validation").get("$defs", {}))
