"""The place name of the date line (ô 4): when it keeps its unit word ("Phường Lương Văn Tri").

Decree 30/2020/NĐ-CP, Phụ lục I, Mục II.4: the place name is the administrative unit's name,
without its unit word ("Hồng Phong, ngày ..."), except for a unit named after a person, a number
or a historical event, which is written in full with the unit word capitalised: the decree's own
examples are "Xã Hoàng Văn Thụ", "Phường 12", "Quận 1" and "Phường Điện Biên Phủ" (Phụ lục II,
Mục III.1.b).

A number is found by rule (a digit in the name: "Phường 12", "phường Hà Giang 1"). Persons and
events cannot be told from the words, so they are a list: every name of the 2025 administrative
map shipped with bdg-plan (`facts/data/ban-do-2025.json`, 3,321 communes) that is the name of a
historical person or event as Vietnamese encyclopedias give it (Từ điển Bách khoa Việt Nam; the
decree's examples). A name that only shares a surname ("Hà Nam", "Kim Sơn", "Quang Hanh") is a
place, not a person, and is not listed. A clerk may always write `dia_danh` as they want.
"""

from __future__ import annotations

import re

from bdg_plan.facts.admin_map import name_key

#: Commune and ward names of the 2025 map that name a person or a historical event.
NAMED_AFTER_PERSON_OR_EVENT = (
    "Chu Văn An",
    "Đào Duy Từ",
    "Đặng Thùy Trâm",
    "Điện Biên Phủ",
    "Hà Huy Tập",
    "Hai Bà Trưng",
    "Hoàng Hoa Thám",
    "Hoàng Văn Thụ",
    "Hồ Đắc Kiện",
    "Hồ Thị Kỷ",
    "Kim Đồng",
    "Lê Chân",
    "Lê Đại Hành",
    "Lê Ích Mộc",
    "Lê Lợi",
    "Lê Quý Đôn",
    "Lê Thanh Nghị",
    "Lương Thế Trân",
    "Lương Văn Tri",
    "Lý Thường Kiệt",
    "Lý Văn Lâm",
    "Ngô Mây",
    "Ngô Quyền",
    "Nguyễn Bỉnh Khiêm",
    "Nguyễn Du",
    "Nguyễn Đại Năng",
    "Nguyễn Huệ",
    "Nguyễn Lương Bằng",
    "Nguyễn Nghiêm",
    "Nguyễn Phích",
    "Nguyễn Trãi",
    "Nguyễn Văn Linh",
    "Nguyễn Việt Khái",
    "Phan Đình Phùng",
    "Phan Ngọc Hiển",
    "Phạm Ngũ Lão",
    "Phạm Sư Mạnh",
    "Quang Trung",
    "Tạ An Khương",
    "Tô Hiệu",
    "Trần Hưng Đạo",
    "Trần Nhân Tông",
    "Trần Phán",
    "Trần Phú",
    "Trần Văn Thời",
    "Triệu Việt Vương",
    "Trương Quang Trọng",
)

_KEYS = frozenset(name_key(name) for name in NAMED_AFTER_PERSON_OR_EVENT)
_NUMBER = re.compile(r"\d")


def keeps_unit_word(name: str) -> bool:
    """True for a unit named after a person, a number or an event (its place keeps "Xã", "Phường")."""
    return bool(_NUMBER.search(name)) or name_key(name) in _KEYS


def place_name(kind: str, name: str) -> str:
    """The place of the date line: "Đồng Đăng", or "Phường Lương Văn Tri" with its unit word."""
    if not keeps_unit_word(name):
        return name
    return f"{kind[:1].upper()}{kind[1:]} {name}"
