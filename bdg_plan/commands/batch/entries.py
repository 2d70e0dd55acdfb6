"""What one commune entry of a batch is: the values it sets, by key path, and where each was written.

A key path is a dotted plan key (`nguoi_ky.ho_ten`); CSV headers may also be the Vietnamese names
in `HEADER_ALIASES` ("Tên xã", "Địa danh", "Người ký"), compared without diacritics, case or
punctuation. Every entry must set the commune's name, place name and signer (`REQUIRED_KEYS`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.commands.batch.names import fold_ascii
from bdg_plan.errors import Problem
from bdg_plan.plan.loader import DataPath
from bdg_plan.rules.validate import allowed_keys

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
    "Tỉnh": "co_quan.tinh",
    "Địa danh": "co_quan.dia_danh",
    "Tên gọi tắt": "co_quan.ten_goi_tat",
    "Cơ quan chủ quản": "co_quan.cap_tren",
    "Cơ quan liên tịch": "co_quan_lien_tich.ten",
    "Người ký liên tịch": "nguoi_ky_lien_tich.ho_ten",
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

_KEY_STEP = re.compile(r"^[a-z_][a-z0-9_]*$")


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


def alias_of(key: str) -> str:
    """The first header alias of a key path ("Tên xã" for `co_quan.ten`)."""
    return next(alias for alias, target in HEADER_ALIASES.items() if target == key)
