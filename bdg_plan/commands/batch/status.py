"""Batch: each commune's status in words a province officer can act on, and the report file.

"đạt" means ready to sign: no error, no unfilled marker, and no leftover mention of the base
commune's name. Anything else says what is missing, first problem first:

- "lỗi: ..."            the plan has an error (or could not be written);
- "chưa đủ: ..."        a marker is still unfilled (`<<ĐIỀN VÀO ĐÂY - họ tên người ký>>`, `CẦN ĐIỀN`);
- "cần xem lại: ..."    the base commune's name is still written ("còn nhắc 'Kỳ Lừa' 3 lần").

Warnings do not block "đạt" but are listed, each with its line, in the report `ket-qua.csv`
(UTF-8 with a byte order mark, so Excel opens it with its Vietnamese letters).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.errors import Problem

#: The report's file name, in the output folder.
REPORT_NAME = "ket-qua.csv"

OK = "đạt"
MISSING = "chưa đủ"
REVIEW = "cần xem lại"
FAILED = "lỗi"

#: Codes of the problems that say a marker is still to be filled.
UNFILLED_CODES = frozenset({"unfilled"})
_MARKER_HINT = re.compile(r"<<[^<>]*?-\s*([^<>]+?)\s*>>")


@dataclass(frozen=True)
class LeftoverMention:
    """The base commune's name still written in a commune's plan: how often, and on which lines."""

    name: str
    count: int
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Status:
    """A commune's status: its kind (one of OK, MISSING, REVIEW, FAILED) and what it says."""

    kind: str
    reason: str
    details: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """Ready to sign."""
        return self.kind == OK

    @property
    def text(self) -> str:
        """The status as the table shows it: "đạt", or "chưa đủ: họ tên người ký"."""
        return self.kind if not self.reason else f"{self.kind}: {self.reason}"


def commune_status(
    problems: Sequence[Problem], error: str | None, leftover: LeftoverMention | None
) -> Status:
    """The status of one commune from its problems, its failure and the base name left in it."""
    details = tuple(_detail(p) for p in problems)
    if error is not None:
        return Status(FAILED, error, (*details, error))
    errors = [p for p in problems if p.is_error]
    if errors:
        return Status(FAILED, _detail(errors[0]), details)
    unfilled = [p for p in problems if p.code in UNFILLED_CODES]
    if unfilled:
        return Status(MISSING, ", ".join(dict.fromkeys(_what(p) for p in unfilled)), details)
    if leftover is not None:
        lines = ", ".join(str(n) for n in leftover.lines[:8]) + (", ..." if len(leftover.lines) > 8 else "")
        reason = msg.BATCH_LEFTOVER.format(name=leftover.name, count=leftover.count, lines=lines)
        return Status(REVIEW, reason, (*details, reason))
    return Status(OK, "", details)


def _what(problem: Problem) -> str:
    """What an unfilled marker asks for: its hint ("họ tên người ký"), else the place."""
    hint = _MARKER_HINT.search(problem.message)
    return hint.group(1) if hint else msg.BATCH_UNFILLED_AT.format(line=problem.line)


def _detail(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}:{problem.column}: {problem.message}"


@dataclass(frozen=True)
class ReportRow:
    """One commune in the report: its number, name, file, status and every problem."""

    number: int
    name: str
    file: str
    status: Status


def report_bytes(rows: Iterable[ReportRow]) -> bytes:
    """The report as CSV bytes: UTF-8 with a BOM, one row per commune, problems one per line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(msg.BATCH_REPORT_HEADER)
    for row in rows:
        details = "\n".join(row.status.details)
        writer.writerow([row.number, *(_cell(v) for v in (row.name, row.file, row.status.text, details))])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(text: str) -> str:
    """A cell Excel shows as text: one that starts like a formula gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_path(outdir: Path) -> Path:
    """Where the report goes."""
    return outdir / REPORT_NAME
