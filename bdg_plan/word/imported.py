"""Import: the plan data being built from a Word file, and the clerk's capitals undone.

`Imported` gathers what every reader of `word/` produces: the plan-file data, text that found no
place (kept beside its key, never lost), the places left `CẦN ĐIỀN` and the summary lines. A
header or a signature typed in capitals is written back the way a clerk writes it in a plan file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.facts.admin_map import ALL_COMMUNE_KINDS, DISTRICT_KINDS
from bdg_plan.facts.vietnamese import capitalize_first, organ_lines, upper

#: Unit words after which an organ's name continues with a place name.
_UNIT_WORDS = (*ALL_COMMUNE_KINDS, *DISTRICT_KINDS, "tỉnh")


_ABBREVIATIONS = {"UBND", "HĐND", "MTTQ", "UBMTTQ", "VN", "CT-XH", "TP"}


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

    def note_merged(self, key: str, notes: list[str]) -> None:
        """Merged cells the plan cannot hold: a comment after `key` and a line of the summary each."""
        if notes:
            self.unplaced.setdefault(key, []).extend(notes)
            self.summary += [(key, note) for note in notes]


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


def name_case(text: str) -> str:
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
    joined = name_case(" ".join(line for line in lines if line))
    wanted = tuple(upper(line) for line in lines if line)
    if organ_lines(joined) == wanted:
        return joined
    return "\n".join(name_case(line) for line in lines if line)


def fill(imported: Imported, key: str) -> str:
    """Mark `key` as a place to fill and return the marker written there."""
    imported.to_fill.append(key)
    return msg.IMPORT_FILL
