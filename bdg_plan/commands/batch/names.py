"""Output file names for a batch: ASCII slugs of the commune names, unique, always inside the folder."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: File names Windows refuses whatever the extension ("con.docx" cannot be created).
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{kind}{n}" for kind in ("com", "lpt") for n in range(1, 10)]
)
_STEM_MAX = 60


def fold_ascii(text: str) -> str:
    """Vietnamese text folded to ASCII: diacritics removed, "đ" -> "d" ("Đồng Đăng" -> "Dong Dang")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def output_stem(name: str) -> str:
    r"""A file name stem for a commune: "Ủy ban nhân dân xã Đồng Đăng" -> "xa-dong-dang".

    Lower-case ASCII letters, digits and single hyphens only, so no path character can survive
    ("../x" -> "x", "C:\x" -> "c-x"); the common "Ủy ban nhân dân" prefix is dropped. Empty when
    nothing is left.
    """
    stem = re.sub(r"[^a-z0-9]+", "-", fold_ascii(name).lower()).strip("-")
    prefix = "uy-ban-nhan-dan-"
    if stem.startswith(prefix) and len(stem) > len(prefix):
        stem = stem[len(prefix) :]
    if len(stem) > _STEM_MAX:
        stem = stem[:_STEM_MAX].rsplit("-", 1)[0] if "-" in stem[:_STEM_MAX] else stem[:_STEM_MAX]
    return stem


def assign_output_names(names: Sequence[str | None]) -> list[str]:
    """Unique file names, in order: a repeated stem gets "-2", "-3"...; no name gives "xa-N"."""
    taken: set[str] = set()
    result: list[str] = []
    for number, name in enumerate(names, start=1):
        stem = output_stem(name or "") or f"xa-{number}"
        if stem in _WINDOWS_RESERVED:
            stem += "-1"
        candidate, suffix = stem, 2
        while candidate in taken:
            candidate, suffix = f"{stem}-{suffix}", suffix + 1
        taken.add(candidate)
        result.append(f"{candidate}.docx")
    return result
