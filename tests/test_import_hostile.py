"""Hostile .docx files for import and check: each refused with a clear message, in bounded work."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from bdg_plan import messages as msg
from bdg_plan.docx.read import body as docx_read
from bdg_plan.docx.read import package
from bdg_plan.docx.read.body import read_docx
from bdg_plan.errors import DocxReadError
from bdg_plan.word.check import check_bytes
from bdg_plan.word.importer import import_bytes
from tests.clerk_docs import Layout, build


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_DOCUMENT = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p></w:body></w:document>"
).encode()
_BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)

HOSTILE = {
    "tep-van-ban": (b"Day khong phai tep Word\n", msg.DOCX_NOT_ZIP),
    "anh-png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, msg.DOCX_NOT_ZIP),
    "tep-trong": (b"", msg.DOCX_NOT_ZIP),
    "ole-mat-khau": (package.OLE_SIGNATURE + b"\x00" * 512, msg.DOCX_OLE),
    "zip-cat-cut": (build(Layout())[:3000], msg.DOCX_CORRUPT),
    "zip-khong-phai-word": (_zip({"a.txt": b"x"}), msg.DOCX_NOT_WORD),
    "xml-hong": (_zip({"word/document.xml": b"<w:document"}), msg.DOCX_CORRUPT),
    "bom-zip": (_zip({"word/document.xml": _DOCUMENT + b" " * 3_000_000}), msg.DOCX_BOMB),
    "goi-ma-hoa": (_zip({"EncryptedPackage": b"x", "word/document.xml": _DOCUMENT}), msg.DOCX_OLE),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_gets_its_message(name: str) -> None:
    data, message = HOSTILE[name]
    for action in (read_docx, check_bytes, lambda d: import_bytes(d, "x.docx", "x.yaml")):
        with pytest.raises(DocxReadError) as caught:
            action(data)
        assert caught.value.message == message


def test_entities_are_never_expanded() -> None:
    data = _zip({"word/document.xml": _BILLION_LAUGHS})
    try:
        document = read_docx(data)
    except DocxReadError as exc:
        assert exc.message == msg.DOCX_CORRUPT
    else:
        assert sum(len(p.text) for p in document.paragraphs) < 1000


def test_a_part_larger_than_it_declares_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = build(Layout())
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("word/document.xml")
    real = archive.read(info)
    monkeypatch.setattr(info, "file_size", len(real) // 2)
    monkeypatch.setattr(zipfile.ZipFile, "getinfo", lambda self, name: info)
    with pytest.raises(DocxReadError) as caught:
        package.read_part(archive, "word/document.xml")
    assert caught.value.message in (msg.DOCX_BOMB, msg.DOCX_CORRUPT)


def test_reading_stops_at_the_paragraph_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_read, "MAX_PARAGRAPHS", 20)
    with pytest.raises(DocxReadError) as caught:
        read_docx(build(Layout()))
    assert caught.value.message == msg.DOCX_TOO_MANY_PARAGRAPHS.format(limit=20)


def _long_plan(paragraphs: int) -> bytes:
    document = Document(io.BytesIO(build(Layout())))
    body = next(p for p in document.paragraphs if p.text.startswith("Tổ chức tuyên truyền"))
    for index in range(paragraphs):
        body.insert_paragraph_before(
            f"- Hoạt động tuyên truyền thứ {index + 1} tại các thôn trên địa bàn xã."
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_long_plan_is_read_whole() -> None:
    result = import_bytes(_long_plan(300), "x.docx", "x.yaml")
    assert result.text.count("Hoạt động tuyên truyền thứ") == 300


@pytest.mark.slow
def test_a_300_page_plan_is_imported_and_checked() -> None:
    data = _long_plan(6000)  # about 20 bullets a page
    result = import_bytes(data, "x.docx", "x.yaml")
    assert result.text.count("Hoạt động tuyên truyền thứ") == 6000
    assert [d.code for d in check_bytes(data) if d.code == "ND30-SO-TRANG"] == ["ND30-SO-TRANG"]
