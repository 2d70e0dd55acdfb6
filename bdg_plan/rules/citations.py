"""Recognise a cited document in a clerk's own sentence, without ever rewriting the sentence.

A `can_cu` item may be the whole opening paragraph as it prints ("Căn cứ Nghị quyết số
28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành ...;"). The compose stage prints it untouched;
validate and new-year still need to know what it cites: the document type, its number and
symbol, its date and its issuing body. `recognise` reads them from the text with a few tables
(type names, symbol abbreviations, the words that start a summary) and returns what it found;
whatever it cannot find stays None. Recognising nothing is not an error: validate warns, the
paragraph prints all the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bdg_plan.plan.model import CanCu

#: Document type names as they are written in citations, longest first where one starts another.
TYPE_NAMES = (
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Kế hoạch",
    "Công văn",
    "Văn bản",
    "Công điện",
    "Thông báo",
    "Thông tư",
    "Hướng dẫn",
    "Chương trình",
    "Phương án",
    "Đề án",
    "Kết luận",
    "Báo cáo",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Hiến pháp",
)

#: Type abbreviations of Phụ lục III (and party documents), read from a symbol when the sentence
#: names no type ("số 739/BNV-CTTN" names none: a Công văn's symbol has no type abbreviation).
TYPE_ABBREVIATIONS = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "KL": "Kết luận",
    "BC": "Báo cáo",
    "CĐ": "Công điện",
}

#: The words that open a citation paragraph; they are not part of the cited document.
LEAD_WORDS = ("Căn cứ", "Thực hiện", "Triển khai", "Theo", "Thi hành")

#: Words that end an issuing body's name and start the summary, besides "về" and punctuation.
SUMMARY_STARTS = (
    "ban hành",
    "phê duyệt",
    "hướng dẫn",
    "triển khai",
    "thực hiện",
    "quy định",
    "tổ chức",
    "tăng cường",
    "sửa đổi",
    "kiện toàn",
    "thành lập",
    "chỉ đạo",
    "đẩy mạnh",
    "tiếp tục",
    "giao",
    "phân bổ",
    "thông báo",
    "kết luận",
    "truyền thông",
    "năm",
    "giai đoạn",
)

# Every pattern here reads a clerk's sentence (up to MAX_TEXT_CHARS characters), so none may
# backtrack more than once over it: a repeat never sits next to something that can start with a
# character the repeat also takes (tests/test_citation_patterns.py holds them to this). That is
# why the number's blanks are "blanks ending on a space" rather than `\s*[ \t]+`, and a symbol's
# tail is "separators, then a letter", repeated, rather than `[\w&./-]*[\w&]`.
_SPACE = r"[ \t\u00a0]+"
_TYPE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(name) for name in TYPE_NAMES) + r")(?!\w)",
)
#: "số 28/NQ-CP", "số: 739/BNV-CTTN&BĐG", "số 11-NQ/TW": digits then a symbol with "/" or "-".
#: After "số": a colon and spaces, or blanks whose last one is a space, a tab or a no-break space.
_NUMBER = re.compile(
    r"(?<!\w)số(?:\s*:" + _SPACE + r"|\s*(?<=[ \t\u00a0]))"
    r"(\d[\w.\-]*/(?:[.\-/]*[\w&])+|\d+-(?:[\-/]*[\w&])+)",
    re.I,
)
_SHORT_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_LONG_DATE = re.compile(r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)", re.I)
_GAP_STOP = re.compile(r"(?<!\w)(?:về|của)(?!\w)|;", re.I)
_MAX_DATE_GAP = 80
_BODY_START = re.compile(r"(?<!\w)của" + _SPACE, re.I)
_BODY_END = re.compile(
    r"[,;:.(]|\s(?:về|" + "|".join(re.escape(word) for word in SUMMARY_STARTS) + r")(?!\w)",
)
_LEAD = re.compile(r"^\s*(?:" + "|".join(re.escape(word) for word in LEAD_WORDS) + r")(?!\w)\s*", re.I)


@dataclass(frozen=True)
class Reference:
    """What a citation sentence says about the document it cites; None where it says nothing.

    Attributes:
        text: the sentence as the clerk wrote it.
        loai: the document type ("Nghị quyết"), from its name or its symbol's abbreviation.
        so_ky_hieu: number and symbol as written ("28/NQ-CP").
        ngay: the issue date, when the sentence gives a real one.
        date_text: the date as written ("03/3/2021"), even when it is not a real date.
        co_quan: the issuing body, after "của" ("Chính phủ").
        trich_yeu: the rest: what the document is about, as written, without a leading "về".

    """

    text: str
    loai: str | None = None
    so_ky_hieu: str | None = None
    ngay: dt.date | None = None
    date_text: str | None = None
    co_quan: str | None = None
    trich_yeu: str | None = None

    @property
    def recognised(self) -> bool:
        """Whether anything of a cited document was found (type, number or date)."""
        return bool(self.loai or self.so_ky_hieu or self.date_text)


def recognise(text: str) -> Reference:
    """Read the type, number and symbol, date, issuing body and summary from a citation sentence."""
    rest = _LEAD.sub("", text, count=1)
    number = _NUMBER.search(rest)
    # The type is named first ("Nghị quyết số ...", "Luật Bình đẳng giới ..."), or not at all.
    type_match = _TYPE.match(rest, 0, number.start() if number else len(rest))
    so_ky_hieu = number.group(1) if number else None
    loai = type_match.group(1) if type_match else _type_from_symbol(so_ky_hieu)
    after_number = number.end() if number else (type_match.end() if type_match else 0)
    date, date_text, after_date = _find_date(rest, after_number)
    body_from = max(after_number, after_date)
    co_quan, after_body = _find_body(rest, body_from)
    summary = _summary(rest[max(body_from, after_body) :]) if loai or so_ky_hieu else None
    return Reference(text, loai, so_ky_hieu, date, date_text, co_quan, summary)


def cited(item: str | CanCu) -> Reference:
    """What a `can_cu` item cites: recognised from its text, or read from its fields."""
    if isinstance(item, str):
        return recognise(item)
    date_text = item.ngay.isoformat() if item.ngay else None
    return Reference("", item.loai, item.so_ky_hieu, item.ngay, date_text, item.co_quan, item.trich_yeu)


def _type_from_symbol(symbol: str | None) -> str | None:
    """The type named by a symbol's abbreviation: "28/NQ-CP" -> "Nghị quyết", "11-NQ/TW" too."""
    if not symbol:
        return None
    for part in re.split(r"[/\-]", symbol)[1:]:
        if part in TYPE_ABBREVIATIONS:
            return TYPE_ABBREVIATIONS[part]
    return None


def _find_date(text: str, start: int) -> tuple[dt.date | None, str | None, int]:
    """The first date at or after `start`: the date (None if impossible), as written, and its end."""
    found = [m for m in (_SHORT_DATE.search(text, start), _LONG_DATE.search(text, start)) if m]
    if not found:
        return None, None, start
    match = min(found, key=lambda m: m.start())
    gap = text[start : match.start()]
    # The issue date follows the number (or the name) closely; a date further on, in the summary
    # ("về ... từ ngày 15/11/2025"), is not the document's.
    if len(gap) > _MAX_DATE_GAP or _GAP_STOP.search(gap):
        return None, None, start
    day, month, year = (int(group) for group in match.groups())
    try:
        date: dt.date | None = dt.date(year, month, day)
    except ValueError:
        date = None
    written = match.group(0)
    if written.casefold().startswith("ngày"):
        written = written[4:].strip()
    return date, written, match.end()


def _find_body(text: str, start: int) -> tuple[str | None, int]:
    """The issuing body after "của", up to "về", a word that starts the summary, or punctuation."""
    match = _BODY_START.search(text, start)
    # "của" belongs to the citation only when it follows the number or date closely.
    if not match or text[start : match.start()].strip(" ,"):
        return None, start
    end = _BODY_END.search(text, match.end())
    stop = end.start() if end else len(text)
    body = text[match.end() : stop].strip()
    return (body or None), stop


def _summary(text: str) -> str | None:
    """The summary as written, without the leading "về" and the closing punctuation."""
    text = text.strip().lstrip(",").strip()
    if text.casefold().startswith("về "):
        text = text[3:].strip()
    text = text.rstrip(" ;,.:")
    return text or None


__all__ = ["TYPE_ABBREVIATIONS", "TYPE_NAMES", "Reference", "cited", "recognise"]
