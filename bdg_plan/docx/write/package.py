"""The .docx container: the base package read once per process, and zips written byte for byte.

A .docx is a zip of XML parts. Every plan is written on the shipped base document (`base.docx`,
built by `python -m bdg_plan.docx.write.base_document`): it is opened and its parts compressed once per
process (`base_package`), and a render replaces only word/document.xml and docProps/core.xml.
The zip is assembled here, as Python's zipfile writes it (deflated, version 2.0) but with a fixed
entry time and "made by" system, so the same plan gives the same bytes on every machine.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.document import CT_Document
from docx.oxml.ns import qn

#: The styled, empty base document every plan is written on, built from `docx_writer`'s specs by
#: `python -m bdg_plan.docx.write.base_document` (run it after changing them; a test says when it is due).
BASE_DOCX = Path(__file__).with_name("base.docx")

#: Zip entry time of every part: a fixed value so the same plan gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@lru_cache(maxsize=1)
def _built_base() -> tuple[DocxDocument, bytes]:
    """The shipped base document, opened, and its bytes; read once per process."""
    data = BASE_DOCX.read_bytes()
    return Document(io.BytesIO(data)), data


@dataclass(frozen=True)
class Member:
    """One zip entry, compressed: its name, deflated bytes, CRC-32 and uncompressed size."""

    name: str
    deflated: bytes
    crc: int
    size: int


@dataclass(frozen=True)
class BasePackage:
    """The base document opened once: what every render copies, reads or stores unchanged."""

    document: DocxDocument
    core_element: Any
    document_name: str
    core_name: str
    members: tuple[Member, ...]


@lru_cache(maxsize=1)
def base_package() -> BasePackage:
    """The base document, opened and its parts compressed once per process.

    Its styles and sections are the built document's; the two parts each render replaces are
    read back from the saved bytes, so they are exactly what python-docx would open.
    """
    built, data = _built_base()
    document_name = built.part.partname.membername
    core_name = built.part.package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES).partname.membername
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        element = cast(CT_Document, parse_xml(archive.read(document_name)))
        core_element = parse_xml(archive.read(core_name))
    # A new python-docx document may hold an empty paragraph before sectPr; start clean.
    for child in list(element.body):
        if child.tag == qn("w:p"):
            element.body.remove(child)
    return BasePackage(
        document=DocxDocument(element, built.part),
        core_element=core_element,
        document_name=document_name,
        core_name=core_name,
        members=_members(data),
    )


def _members(data: bytes) -> tuple[Member, ...]:
    """The entries of a zip, compressed, in order.

    python-docx deflates them as `_deflate` does, so their compressed bytes are taken as they
    are rather than inflated and deflated again.
    """
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_DEFLATED:
                members.append(deflate(info.filename, archive.read(info)))
                continue
            name_size, extra_size = struct.unpack(
                "<HH", data[info.header_offset + 26 : info.header_offset + 30]
            )
            start = info.header_offset + _LOCAL_HEADER.size + name_size + extra_size
            members.append(
                Member(info.filename, data[start : start + info.compress_size], info.CRC, info.file_size)
            )
    return tuple(members)


# Entries are written as Python's zipfile writes them (deflated, version 2.0, Unix, mode 600), but
# with a fixed time and a fixed "made by" system, so the bytes do not depend on the machine.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_ZIP_VERSION = 20
_ZIP_DEFLATED = 8
_ZIP_UNIX = 3
_ZIP_MODE = 0o600 << 16
_ZIP_DOS_DATE = (_ZIP_TIME[0] - 1980) << 9 | _ZIP_TIME[1] << 5 | _ZIP_TIME[2]
_ZIP_DOS_TIME = _ZIP_TIME[3] << 11 | _ZIP_TIME[4] << 5 | _ZIP_TIME[5] // 2


def deflate(name: str, data: bytes) -> Member:
    """One zip entry, compressed as zipfile compresses it (raw deflate, default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Member(name, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """A zip of `parts` (name -> bytes) in their order, deflated, with fixed entry times."""
    return zip_members(tuple(deflate(name, data) for name, data in parts.items()))


def zip_members(members: tuple[Member, ...]) -> bytes:
    """Assemble a zip archive from compressed entries, in order."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for member in members:
        try:
            name, flags = member.name.encode("ascii"), 0
        except UnicodeEncodeError:
            name, flags = member.name.encode("utf-8"), 0x800
        sizes = (member.crc, len(member.deflated), member.size, len(name))
        header = _LOCAL_HEADER.pack(
            b"PK\x03\x04", _ZIP_VERSION, 0, flags, _ZIP_DEFLATED, _ZIP_DOS_TIME, _ZIP_DOS_DATE, *sizes, 0
        )
        chunks += (header, name, member.deflated)
        directory += (
            _CENTRAL_HEADER.pack(
                b"PK\x01\x02",
                _ZIP_VERSION,
                _ZIP_UNIX,
                _ZIP_VERSION,
                0,
                flags,
                _ZIP_DEFLATED,
                _ZIP_DOS_TIME,
                _ZIP_DOS_DATE,
                *sizes,
                0,
                0,
                0,
                0,
                _ZIP_MODE,
                offset,
            ),
            name,
        )
        offset += len(header) + len(name) + len(member.deflated)
    central = b"".join(directory)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(central), offset, 0)
    return b"".join(chunks) + central + end


__all__ = ["BASE_DOCX", "BasePackage", "Member", "base_package", "deflate", "zip_members", "zip_parts"]
