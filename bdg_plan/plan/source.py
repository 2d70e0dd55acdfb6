"""Pipeline stage 1: read a plan file's bytes and decode them to NFC text.

Clerks save files from Notepad or Word (UTF-8 with a BOM, sometimes UTF-16) and type with Unikey
(NFC or NFD). Anything that is not Unicode text gets a clear message naming the file, never a
traceback.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bdg_plan import messages as msg
from bdg_plan.errors import InputFileError, Problem, os_error_message

#: The largest plan file read, in bytes. A year's plan is about 20 KB; 2 MB leaves room for
#: annexes and stops a mistaken multi-megabyte file before it costs time and memory.
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: its display name and its NFC text."""

    name: str
    text: str


def read_source(path: Path, display_name: str | None = None) -> bytes:
    """Read a file's bytes, at most `MAX_FILE_BYTES`, turning OS errors into an `InputFileError`.

    Whatever the file is, no more than `MAX_FILE_BYTES` + 1 bytes are read: its size as the file
    system reports it is not trusted (/dev/zero, /proc files and pipes report 0). A regular file
    or a pipe (`<(command)`, a named pipe) is read; anything else (a device, a socket) is
    refused before it is opened. A named pipe is opened without waiting for a writer: with none,
    it reads as an empty file instead of blocking forever.
    """
    name = display_name or str(path)
    try:
        if path.is_dir():
            raise InputFileError(msg.INPUT_IS_DIR.format(file=name), path=name)
        _check_kind(os.stat(path).st_mode, name)
        handle = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY | _O_NOCTTY)
        try:
            _check_kind(os.fstat(handle).st_mode, name)  # the file opened is the file checked
            if _O_NONBLOCK:
                os.set_blocking(handle, True)
            data = read_at_most(handle, MAX_FILE_BYTES + 1)
        finally:
            os.close(handle)
    except OSError as exc:
        raise InputFileError(os_error_message(exc, name, writing=False), path=name) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputFileError(msg.INPUT_TOO_LARGE.format(file=name, limit=MAX_FILE_BYTES // 1000), path=name)
    return data


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)


def _check_kind(mode: int, name: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputFileError(msg.INPUT_IS_DIR.format(file=name), path=name)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise InputFileError(msg.INPUT_NOT_REGULAR.format(file=name), path=name)


def read_at_most(handle: int, limit: int) -> bytes:
    """Read until end of file or `limit` bytes, whichever comes first."""
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(handle, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


#: The byte-order marks bdg-plan reads, with the codec of the bytes after them; no mark means UTF-8.
#: UTF-32's marks come first: UTF-32-LE's starts with UTF-16-LE's.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def byte_order_mark(data: bytes) -> tuple[bytes, str]:
    """The byte-order mark a file starts with (b"" for none) and the codec of the rest."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return mark, encoding
    return b"", "utf-8"


def decode_source(data: bytes, name: str) -> SourceText | Problem:
    """Decode bytes to NFC text, or return one file-level problem saying why not.

    Accepted: UTF-8 with or without BOM, UTF-16 and UTF-32 with BOM. UTF-16 without a BOM and legacy
    8-bit encodings (TCVN3, VNI, cp1258) are refused with advice on how to re-save the file.
    """
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1000
        return Problem(name, 0, 0, "too-large", msg.INPUT_TOO_LARGE_P.format(limit=limit))
    mark, encoding = byte_order_mark(data)
    raw = data[len(mark) :]
    if not mark and _looks_like_utf16_without_bom(data):
        return Problem(name, 0, 0, "encoding", msg.ENCODING_UTF16_NO_BOM)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        # Line and column in characters, as an editor shows them (not bytes: UTF-16 has two or
        # four per character, UTF-8 up to four for a Vietnamese letter).
        before = raw[: exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = msg.ENCODING_BAD_UTF16 if encoding == "utf-16" else msg.ENCODING_NOT_UTF8
        return Problem(name, line, column, "encoding", message)
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


# --- Text that went through a legacy encoding once ---------------------------------------------
# A file typed with a TCVN3 (ABC) or VNI font, or saved as Windows-1258, and then opened as
# Windows-1252 and saved as UTF-8, decodes without error but reads "KÕ ho¹ch" or "Keá hoaïch"
# ("Kế hoạch"). A word is blamed only when it is not a Vietnamese syllable as written but becomes
# one when its Latin-1 characters are read back through one of those encodings; real Vietnamese
# words are syllables already, so normal text is never blamed.

#: TCVN3 (ABC, lower-case font) byte -> the letter it stands for; a byte shows as chr(byte).
_TCVN3_TABLE = (
    "a1Ă a2Â a3Ê a4Ô a5Ơ a6Ư a7Đ a8ă a9â aaê abô acơ adư aeđ b5à b6ả b7ã b8á b9ạ bbằ bcẳ bdẵ beắ "
    "c6ặ c7ầ c8ẩ c9ẫ caấ cbậ ccè ceẻ cfẽ d0é d1ẹ d2ề d3ể d4ễ d5ế d6ệ d7ì d8ỉ dcĩ ddí deị dfò "
    "e1ỏ e2õ e3ó e4ọ e5ồ e6ổ e7ỗ e8ố e9ộ eaờ ebở ecỡ edớ eeợ efù f1ủ f2ũ f3ú f4ụ f5ừ f6ử f7ữ "
    "f8ứ f9ự faỳ fbỷ fcỹ fdý feỵ"
)
_TCVN3 = {chr(int(item[:2], 16)): item[2:] for item in _TCVN3_TABLE.split()}

# VNI Windows: a letter followed by a mark byte ("a" + "ù" is "á", "e" + "á" is "ế").
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {
    "ù": _ACUTE,
    "ø": _GRAVE,
    "û": _HOOK,
    "õ": _TILDE,
    "ï": _DOT,
    "â": _CIRCUMFLEX,
    "ê": _BREVE,
    "á": _CIRCUMFLEX + _ACUTE,
    "à": _CIRCUMFLEX + _GRAVE,
    "å": _CIRCUMFLEX + _HOOK,
    "ã": _CIRCUMFLEX + _TILDE,
    "ä": _CIRCUMFLEX + _DOT,
    "é": _BREVE + _ACUTE,
    "è": _BREVE + _GRAVE,
    "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_TONES = frozenset((_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT))

_NUCLEI = (
    "uyê uya uyu iêu yêu oai oay oeo uây uôi ươi ươu oao ai ao au ay âu ây eo êu ia iê iu oa oă oe "
    "oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê a ă â e ê i o ô ơ u ư y"
)
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    f"(?:{'|'.join(_NUCLEI.split())})"
    r"(?:ng|nh|ch|[cmnpt])?"
)
#: A word: letters, and the Latin-1 signs TCVN3 uses for letters ("¹", "©", "®", "µ", "×"...).
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7])+")
_LATIN1 = re.compile("[\u00a1-\u00ff]")
_ASCII_LETTER = re.compile("[A-Za-z]")
#: A piece between spaces holding a Latin-1 letter or sign. It can start only where a piece
#: starts and stops at the next space, so the scan stays linear in the text's length.
_LATIN1_PIECE = re.compile("(?<!\\S)\\S*?[\u00a1-\u00ff]\\S*")


@functools.lru_cache(maxsize=8192)
def is_vietnamese_syllable(word: str) -> bool:
    """True when `word` is spelled like one Vietnamese syllable (any case, at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(char in _TONES for char in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(char for char in decomposed if char not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


def _from_tcvn3(word: str) -> str:
    return "".join(_TCVN3.get(char, char) for char in word)


def _from_vni(word: str) -> str:
    out: list[str] = []
    for char in word:
        mark = _VNI_MARKS.get(char.lower())
        # The vowel a mark byte goes on, whatever marks it already has ("ô" + "ø" is "ờ").
        previous = unicodedata.normalize("NFD", out[-1])[0].lower() if out else ""
        if mark is not None and previous and previous in "aeiouy":
            out[-1] = unicodedata.normalize("NFC", out[-1] + mark)
        else:
            letter = _VNI_LETTERS.get(char.lower())
            out.append(char if letter is None else letter.upper() if char.isupper() else letter)
    return "".join(out)


def _from_cp1258(word: str) -> str:
    try:
        return unicodedata.normalize("NFC", word.encode("cp1252").decode("cp1258"))
    except UnicodeError:
        return word


_LEGACY_DECODERS = (("TCVN3 (ABC)", _from_tcvn3), ("VNI", _from_vni), ("Windows-1258", _from_cp1258))


def _legacy_guesses(word: str) -> list[tuple[str, str]]:
    """The encodings that turn `word` into a Vietnamese syllable, with the syllable."""
    # A lone sign ("©", "½", "×") is not a word; a mangled word keeps some plain letters.
    if not _LATIN1.search(word) or not _ASCII_LETTER.search(word) or is_vietnamese_syllable(word):
        return []
    found = []
    for encoding, decode in _LEGACY_DECODERS:
        guess = decode(word)
        if guess != word and is_vietnamese_syllable(guess):
            found.append((encoding, guess))
    return found


def legacy_encoded_word(text: str) -> tuple[str, str, str] | None:
    """Find a word that looks like Vietnamese typed in a legacy encoding and read back wrongly.

    Returns:
        (word as written, the word it most likely was, encoding name), or None. The encoding is
        the one that turns the most words of `text` into Vietnamese syllables.

    """
    if not _LATIN1.search(text):
        return None
    found: dict[str, list[tuple[str, str]]] = {}
    # A text repeats its syllables many times: each distinct word among the pieces holding a
    # Latin-1 letter is judged once, in the order of its first appearance, and counts as often
    # as it appears (two passes of the regular-expression engine over the text, no loop per word).
    pieces = " ".join(_LATIN1_PIECE.findall(text))
    for word, count in Counter(_WORD.findall(pieces)).items():
        for encoding, guess in _legacy_guesses(word):
            found.setdefault(encoding, []).extend([(word, guess)] * count)
    if not found:
        return None
    encoding, words = max(found.items(), key=lambda item: len(item[1]))
    return words[0][0], words[0][1], encoding
