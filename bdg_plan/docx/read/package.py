"""Reading a .docx (import, check): a Word file opened and its XML parts parsed, safely.

The zip is checked before anything is inflated: its entry count, each part's declared size and
compression ratio (a zip bomb declares a small file that inflates to gigabytes), and every read
is capped again at the declared size. XML is parsed without entities or network. An OLE
compound file (a password-protected .docx, or a Word 97-2003 .doc renamed) is recognised by its
signature and refused with its own message.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any

from lxml import etree

from bdg_plan import messages as msg
from bdg_plan.errors import DocxReadError

#: Largest .docx file read, and largest total of its parts once inflated.
MAX_DOCX_BYTES = 50_000_000
MAX_INFLATED_BYTES = 200_000_000
#: A part may inflate at most this many times its compressed size (Word's XML: 5-20 times).
MAX_RATIO = 200
MAX_ENTRIES = 2_000
#: The most XML tags ("<") the parts read from one package may hold together, counted before
#: they are parsed: it bounds the parser's memory (each element costs about a hundred bytes once
#: parsed). 100,000 paragraphs of 20 elements each come to 4,000,000; a 300-page plan to 200,000.
MAX_XML_TAGS = 4_000_000

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_package(data: bytes) -> zipfile.ZipFile:
    """Open the .docx zip after the checks that make reading it bounded.

    Raises:
        DocxReadError: not a .docx, damaged, protected, or inflating past the limits.

    """
    if data.startswith(OLE_SIGNATURE):
        raise DocxReadError(msg.DOCX_OLE)
    if len(data) > MAX_DOCX_BYTES:
        raise DocxReadError(msg.DOCX_TOO_LARGE.format(limit=MAX_DOCX_BYTES // 1_000_000))
    if not data.startswith(b"PK"):
        raise DocxReadError(msg.DOCX_NOT_ZIP)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocxReadError(msg.DOCX_CORRUPT) from None
    if len(infos) > MAX_ENTRIES:
        raise DocxReadError(msg.DOCX_TOO_MANY_ENTRIES.format(limit=MAX_ENTRIES))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_INFLATED_BYTES or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
            raise DocxReadError(msg.DOCX_BOMB)
    if "word/document.xml" not in archive.namelist():
        raise DocxReadError(msg.DOCX_NOT_WORD)
    return archive


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
)


class TagBudget:
    """The XML tags left to parse in one package (`MAX_XML_TAGS`)."""

    def __init__(self) -> None:
        self.left = MAX_XML_TAGS

    def spend(self, data: bytes) -> None:
        """Count a part's tags before it is parsed; refuse the package past the budget."""
        self.left -= data.count(b"<")
        if self.left < 0:
            raise DocxReadError(msg.DOCX_TOO_MANY_TAGS.format(limit=f"{MAX_XML_TAGS:,}".replace(",", ".")))


def read_part(archive: zipfile.ZipFile, name: str, budget: TagBudget | None = None) -> Any | None:
    """Parse one XML part, read no further than its declared size; None when absent.

    With a `budget`, the part's tags are counted against it before parsing.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
        if len(data) > info.file_size:
            raise DocxReadError(msg.DOCX_BOMB)
        if budget is not None:
            budget.spend(data)
        return etree.fromstring(data, _PARSER)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise DocxReadError(msg.DOCX_CORRUPT) from None
    except etree.XMLSyntaxError:
        raise DocxReadError(msg.DOCX_CORRUPT) from None


class Parts:
    """The parsed XML parts of one open package, each parsed at most once.

    A section may name its header part once per page type, and a document may repeat the same
    reference in thousands of sections: the part is parsed the first time and reused after.
    """

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self._parsed: dict[str, Any | None] = {}
        self.budget = TagBudget()

    def get(self, name: str) -> Any | None:
        """The parsed part `name` ("word/header1.xml", "word/../word/header1.xml"), or None."""
        key = posixpath.normpath(name).lstrip("/")
        if key not in self._parsed:
            self._parsed[key] = read_part(self.archive, key, self.budget)
        return self._parsed[key]


def relationships(parts: Parts) -> dict[str, str]:
    """The main document's relationships: id -> target part (headers, images, notes)."""
    root = parts.get("word/_rels/document.xml.rels")
    if root is None:
        return {}
    return {r.get("Id", ""): r.get("Target", "") for r in root}
