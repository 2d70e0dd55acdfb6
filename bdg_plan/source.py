"""Pipeline stage 1: read a plan file's bytes and decode them to NFC text.

Clerks save files from Notepad or Word (UTF-8 with a BOM, sometimes UTF-16) and type with Unikey
(NFC or NFD). Anything that is not Unicode text gets a clear message naming the file, never a
traceback.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.errors import InputFileError, Problem

#: The largest plan file read, in bytes. A year's plan is about 20 KB; 2 MB leaves room for
#: annexes and stops a mistaken multi-megabyte file before it costs time and memory.
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: its display name and its NFC text."""

    name: str
    text: str


def read_source(path: Path, display_name: str | None = None) -> bytes:
    """Read a file's bytes, turning OS errors into a Vietnamese `InputFileError`."""
    name = display_name or str(path)
    if path.is_dir():
        raise InputFileError(msg.INPUT_IS_DIR.format(file=name))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1000
            raise InputFileError(msg.INPUT_TOO_LARGE.format(file=name, limit=limit))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(msg.INPUT_MISSING.format(file=name)) from None
    except PermissionError:
        raise InputFileError(msg.INPUT_UNREADABLE.format(file=name)) from None
    except OSError as exc:
        raise InputFileError(msg.INPUT_OS_ERROR.format(file=name, reason=exc.strerror or exc)) from None


def decode_source(data: bytes, name: str) -> SourceText | Problem:
    """Decode bytes to NFC text, or return one file-level problem saying why not.

    Accepted: UTF-8 with or without BOM, UTF-16 with BOM. UTF-16 without a BOM and legacy
    8-bit encodings (TCVN3, VNI, cp1258) are refused with advice on how to re-save the file.
    """
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1000
        return Problem(name, 0, 0, "too-large", msg.INPUT_TOO_LARGE_P.format(limit=limit))
    if data.startswith(codecs.BOM_UTF8):
        raw = data[len(codecs.BOM_UTF8) :]
        encoding = "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raw = data
        encoding = "utf-16"
    else:
        raw = data
        encoding = "utf-8"
        if _looks_like_utf16_without_bom(data):
            return Problem(name, 0, 0, "encoding", msg.ENCODING_UTF16_NO_BOM)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(name, line, column, "encoding", msg.ENCODING_NOT_UTF8)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return Problem(name, line, 1, "encoding", msg.ENCODING_NUL)
    return SourceText(name, unicodedata.normalize("NFC", text))


def _looks_like_utf16_without_bom(data: bytes) -> bool:
    """Guess UTF-16 text without BOM: many NUL bytes, nearly all at even or all at odd offsets.

    Not "all": Unikey's decomposed (NFD) text has the combining grave accent U+0300, whose
    UTF-16 form has a NUL on the other side, so a strict test misses those files.
    """
    sample = data[:4000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    return min(even, odd) * 8 <= max(even, odd)
