"""Hostile .docx files for import and check: each refused with a clear message, in bounded work."""

from __future__ import annotations

import collections
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from lxml import etree
from typer.testing import CliRunner

from bdg_plan import api
from bdg_plan import messages as msg
from bdg_plan.cli.app import app
from bdg_plan.docx.read import body as docx_read
from bdg_plan.docx.read import numbering as docx_numbering
from bdg_plan.docx.read import package, props, values
from bdg_plan.docx.read.body import read_docx
from bdg_plan.docx.read.numbering import Numbering
from bdg_plan.docx.read.props import Styles, numbering_ref, paragraph_format, run_format
from bdg_plan.errors import DocxReadError, InputFileError
from bdg_plan.plan.loader import MAX_NODES, MAX_TEXT_CHARS
from bdg_plan.plan.source import MAX_FILE_BYTES
from bdg_plan.word import importer
from bdg_plan.word.check import check_bytes, check_document
from bdg_plan.word.find_parts import find_parts
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


# --- Bounded work on hostile parts (each bound checked by counting, never by the clock) ---------
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = f'xmlns:w="{_W}" xmlns:r="{_R}"'


def _document(body: str) -> bytes:
    return f"<w:document {_NS}><w:body>{body}</w:body></w:document>".encode()


def _para_xml(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _rezip(data: bytes, changes: dict[str, bytes]) -> bytes:
    """A copy of the .docx `data` with some parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    entries = {name: source.read(name) for name in source.namelist()}
    entries.update(changes)
    return _zip(entries)


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    real = package.read_part

    def counted(archive: zipfile.ZipFile, name: str, *budget: Any) -> object:
        counts[name] += 1
        return real(archive, name, *budget)

    monkeypatch.setattr(package, "read_part", counted)
    return counts


def test_a_header_named_by_every_section_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = "".join(
        f'<w:headerReference w:type="{kind}" r:id="rId1"/>' for kind in ("default", "first", "even")
    )
    section = f"<w:pPr><w:sectPr>{refs}</w:sectPr></w:pPr>"
    sections = "".join(_para_xml(f"Đoạn {n}", section) for n in range(500))
    header = f'<w:hdr {_NS}><w:p><w:fldSimple w:instr=" PAGE "/></w:p></w:hdr>'.encode()
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="header" Target="header1.xml"/></Relationships>'
    )
    data = _zip(
        {
            "word/document.xml": _document(sections),
            "word/header1.xml": header,
            "word/_rels/document.xml.rels": rels,
        }
    )
    counts = _counting_reads(monkeypatch)
    document = read_docx(data)
    assert len(document.sections) == 500
    assert all(s.default_header_page and s.first_header_page for s in document.sections)
    assert counts["word/header1.xml"] == 1
    assert max(counts.values()) == 1  # no part parsed twice
    counts.clear()
    check_bytes(data)
    assert counts["word/header1.xml"] == 1


def _numbering(levels: str, overrides: str = "") -> Numbering:
    xml = (
        f"<w:numbering {_NS}><w:abstractNum w:abstractNumId='1'>{levels}</w:abstractNum>"
        f"<w:num w:numId='7'><w:abstractNumId w:val='1'/>{overrides}</w:num></w:numbering>"
    )
    return Numbering(etree.fromstring(xml.encode()))


def _lvl(ilvl: str, fmt: str, text: str, start: str = "1") -> str:
    return (
        f"<w:lvl w:ilvl='{ilvl}'><w:start w:val='{start}'/><w:numFmt w:val='{fmt}'/>"
        f"<w:lvlText w:val='{text}'/></w:lvl>"
    )


def test_a_label_that_repeats_its_number_is_dropped() -> None:
    numbering = _numbering(_lvl("0", "lowerLetter", "%1" * 32, start="1000000000"))
    labels = [numbering.label("7", 0) for _ in range(1000)]
    assert labels == [("", "")] * 1000  # 32 labels of up to 65 letters each: no label at all


def test_a_long_pattern_and_a_huge_start_are_bounded() -> None:
    numbering = _numbering(
        _lvl("0", "upperRoman", "%1" * 1000, start="99999999999999999999")
        + _lvl("1", "lowerLetter", "%2)", start="1000")
        + _lvl("2", "decimal", "%3.", start="-5")
    )
    assert numbering.label("7", 0) == ("", "upperRoman")  # the pattern is over MAX_LABEL_CHARS
    assert numbering.label("7", 1) == ("l" * 39 + ")", "lowerLetter")  # the 1000th letter label
    assert numbering.label("7", 2) == ("1.", "decimal")  # a negative start counts from the first


def test_word_counts_from_a_clamped_start() -> None:
    numbering = _numbering(_lvl("0", "decimal", "%1.", start="40000"))
    assert numbering.label("7", 0) == (f"{docx_numbering.MAX_START}.", "decimal")
    assert numbering.label("7", 0) == (f"{docx_numbering.MAX_START + 1}.", "decimal")


def test_a_level_not_in_ascii_digits_is_ignored() -> None:
    numbering = _numbering(
        _lvl("²", "decimal", "%1.") + _lvl("0", "upperRoman", "%1.", start="4"),
        "<w:lvlOverride w:ilvl='²'><w:startOverride w:val='9'/></w:lvlOverride>"
        "<w:lvlOverride w:ilvl='١'><w:startOverride w:val='9'/></w:lvlOverride>",
    )
    assert numbering.label("7", 0) == ("IV.", "upperRoman")
    num_pr = etree.fromstring(f"<w:numPr {_NS}><w:ilvl w:val='²'/><w:numId w:val='7'/></w:numPr>".encode())
    assert numbering_ref(num_pr) == ("7", 0)


def test_a_document_of_numbered_paragraphs_has_short_labels() -> None:
    numbering = (
        f"<w:numbering {_NS}><w:abstractNum w:abstractNumId='1'>"
        + _lvl("0", "lowerLetter", "%1" * 20, start="32767")
        + "</w:abstractNum><w:num w:numId='7'><w:abstractNumId w:val='1'/></w:num></w:numbering>"
    )
    num_pr = "<w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='7'/></w:numPr></w:pPr>"
    body = "".join(_para_xml("x", num_pr) for _ in range(2000))
    parts = {"word/document.xml": _document(body), "word/numbering.xml": numbering.encode()}
    document = read_docx(_zip(parts))
    assert len(document.paragraphs) == 2000
    assert sum(len(p.label) for p in document.paragraphs) == 0


def _styles(count: int, *, cycle: bool = False) -> Styles:
    """`count` paragraph styles, each based on the one before (the first on the last: a cycle)."""
    styles = [
        f"<w:style w:type='paragraph' w:styleId='S{n}'>"
        + (f"<w:basedOn w:val='S{n - 1 if n else count - 1}'/>" if n or cycle else "")
        + ("<w:rPr><w:b/></w:rPr><w:pPr><w:jc w:val='center'/></w:pPr>" if n == 0 else "")
        + "</w:style>"
        for n in range(count)
    ]
    return Styles.from_root(etree.fromstring(f"<w:styles {_NS}>{''.join(styles)}</w:styles>".encode()))


_RUN = etree.fromstring(f"<w:r {_NS}><w:t>x</w:t></w:r>".encode())


def test_a_deep_style_chain_is_cut_and_its_memo_bounded() -> None:
    styles = _styles(6000)
    for n in range(6000):
        run_format(styles, f"S{n}", _RUN)
        paragraph_format(styles, f"S{n}", None)
    memos = (styles.layered, styles.chains, styles.run_cache, styles.run_formats, styles.paragraph_cache)
    assert max(len(memo) for memo in memos) <= props.MAX_STYLE_MEMO
    assert max(len(key) for key in styles.layered) == 3
    assert max(len(chain) for chain in styles.chains.values()) == props.MAX_STYLE_DEPTH
    # A short chain still inherits from its base.
    assert run_format(styles, "S3", _RUN).bold
    assert paragraph_format(styles, "S3", None).align == "center"
    assert not run_format(styles, "S5000", _RUN).bold  # its base is past the depth read


def test_a_circular_style_chain_stops() -> None:
    styles = _styles(3, cycle=True)
    assert [s.get(f"{{{_W}}}styleId") for s in styles.chain("S2")] == ["S0", "S1", "S2"]
    assert run_format(styles, "S2", _RUN).bold


class _CountingList(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked whole."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).walks += 1
        return super().__iter__()


def test_unplaced_items_are_never_searched_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    organ = "".join(_para_xml("ỦY BAN NHÂN DÂN XÃ") for _ in range(1500))
    image = "<w:r><w:drawing/></w:r>"
    marks = "".join(
        f"<w:p><w:commentRangeStart w:id='{n}'/>{image}<w:r><w:t>Đoạn {n}</w:t></w:r></w:p>"
        for n in range(1500)
    )
    data = _zip({"word/document.xml": _document(organ + _para_xml("KẾ HOẠCH") + marks)})
    _CountingList.walks = 0
    real = docx_read.ReadDocument
    monkeypatch.setattr(docx_read, "ReadDocument", lambda: real(unplaced=_CountingList()))
    document = read_docx(data)
    assert len(document.unplaced) == 3000  # a comment and an image in each paragraph
    assert _CountingList.walks == 0  # reading never searches what it has noted
    check_document(document, find_parts(document))
    assert _CountingList.walks == 1  # the check indexes the images once


def _with_values(**attributes: str) -> bytes:
    """The example plan with hostile numbers in its page size, margins, indents and tables."""
    document = Document(io.BytesIO(build(Layout(body_table=True))))
    body = document.element.body
    for tag, attrs in (
        ("pgSz", ("w", "h")),
        ("pgMar", ("top", "left")),
        ("ind", ("left", "firstLine")),
        ("tcW", ("w",)),
        ("gridCol", ("w",)),
        ("spacing", ("before", "line")),
        ("ilvl", ("val",)),
        ("sz", ("val",)),
    ):
        for element in body.iter(f"{{{_W}}}{tag}"):
            for attr in attrs:
                element.set(f"{{{_W}}}{attr}", attributes.get(tag, attributes["all"]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "9" * 5000, "²", "١٢٠٠", "0x10", " 12"])
def test_a_number_out_of_range_is_ignored(value: str) -> None:
    data = _with_values(all=value)
    document = read_docx(data)
    assert document.sections[0].width_mm == 0.0  # ignored, not a crash nor a huge page
    assert all(abs(p.fmt.left_mm) < 1000 and abs(p.fmt.first_line_mm) < 1000 for p in document.paragraphs)
    assert all(0 <= width < 1000 for width in document.cell_widths.values())
    assert [d.code for d in check_bytes(data) if d.code == "ND30-KHO-GIAY"] == ["ND30-KHO-GIAY"]
    assert "\nnam: 2024\n" in import_bytes(data, "x.docx", "x.yaml").text


def test_too_many_zip_entries_have_their_own_message() -> None:
    entries = {f"word/media/{n}.txt": b"" for n in range(package.MAX_ENTRIES)}
    entries["word/document.xml"] = _DOCUMENT
    with pytest.raises(DocxReadError) as caught:
        read_docx(_zip(entries))
    assert caught.value.message == msg.DOCX_TOO_MANY_ENTRIES.format(limit=package.MAX_ENTRIES)
    assert "giải nén" not in caught.value.message
    del entries["word/media/0.txt"]  # exactly at the limit: read
    assert read_docx(_zip(entries)).paragraphs[0].text == "KẾ HOẠCH"


def _plan_with(edit: Callable[[Any], None]) -> bytes:
    """The example plan with one body paragraph changed by `edit`."""
    document = Document(io.BytesIO(build(Layout())))
    edit(next(p for p in document.paragraphs if p.text.startswith("Tổ chức tuyên truyền")))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _hidden_run(paragraph: Any) -> None:
    paragraph.add_run(" CHỮ ẨN BÍ MẬT").font.hidden = True


def _hidden_style(paragraph: Any) -> None:
    style = paragraph.part.document.styles.add_style("An", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    paragraph.add_run(" CHỮ ẨN BÍ MẬT", style="An")


@pytest.mark.parametrize("edit", [_hidden_run, _hidden_style], ids=["run", "style"])
def test_hidden_text_is_a_comment_never_a_value(edit: Callable[[Any], None]) -> None:
    result = import_bytes(_plan_with(edit), "x.docx", "x.yaml")
    lines = [line for line in result.text.splitlines() if "CHỮ ẨN BÍ MẬT" in line]
    assert len(lines) == 1 and lines[0].startswith("#   (chữ ẩn, đoạn ")
    values = [line for line in result.text.splitlines() if not line.lstrip().startswith("#")]
    assert "CHỮ ẨN BÍ MẬT" not in "\n".join(values)
    assert "Tổ chức tuyên truyền trên hệ thống loa" in "\n".join(values)  # the visible text stays
    hidden = [u for u in result.unplaced if u.kind == "hidden"]
    assert [u.words for u in hidden] == ["CHỮ ẨN BÍ MẬT"]
    assert "chữ ẩn" in msg.DOCX_UNPLACED_KINDS["hidden"]


def _inline(xml: str) -> Callable[[Any], None]:
    def edit(paragraph: Any) -> None:
        for element in list(parse_xml(f"<w:wrap {_NS}>{xml}</w:wrap>")):
            paragraph._p.append(element)

    return edit


_RTL = "<w:dir w:val='rtl'><w:r><w:t> TRONG DIR</w:t></w:r></w:dir>"
_BDO = "<w:bdo w:val='ltr'><w:r><w:t> TRONG BDO</w:t></w:r></w:bdo>"
_RUBY = (
    "<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>CHÚ ÂM</w:t></w:r></w:rt>"
    "<w:rubyBase><w:r><w:t> CHỮ GỐC</w:t></w:r></w:rubyBase></w:ruby></w:r>"
)


def test_text_inside_dir_bdo_and_ruby_is_read() -> None:
    data = _plan_with(_inline(_RTL + _BDO + _RUBY))
    paragraph = next(p for p in read_docx(data).paragraphs if p.text.startswith("Tổ chức tuyên truyền"))
    assert paragraph.text.endswith("họp thôn. TRONG DIR TRONG BDO CHỮ GỐC")
    assert "CHÚ ÂM" not in paragraph.text
    assert "TRONG DIR TRONG BDO CHỮ GỐC" in import_bytes(data, "x.docx", "x.yaml").text


def test_an_alt_chunk_and_a_sub_document_are_listed() -> None:
    def edit(paragraph: Any) -> None:
        paragraph._p.append(parse_xml(f"<w:subDoc {_NS} r:id='rId90'/>"))
        paragraph._p.addnext(parse_xml(f"<w:altChunk {_NS} r:id='rId91'/>"))

    data = _plan_with(edit)
    document = read_docx(data)
    number = next(p.number for p in document.paragraphs if p.text.startswith("Tổ chức tuyên truyền"))
    kinds = {(u.kind, u.paragraph) for u in document.unplaced}
    assert {("subdoc", number), ("altchunk", number)} <= kinds
    result = import_bytes(data, "x.docx", "x.yaml")
    assert {"subdoc", "altchunk"} <= {u.kind for u in result.unplaced}
    assert "altChunk" in msg.DOCX_UNPLACED_KINDS["altchunk"]


# --- Import never writes a plan file that validate would refuse -----------------------------------
def test_a_paragraph_longer_than_a_value_is_refused_by_import_not_by_check() -> None:
    data = _plan_with(lambda p: p.add_run(" dài" * (MAX_TEXT_CHARS // 4)))
    with pytest.raises(DocxReadError) as caught:
        import_bytes(data, "x.docx", "x.yaml")
    assert "20.000 ký tự" in caught.value.message and "Tổ chức tuyên truyền" in caught.value.message
    assert check_bytes(data)  # check still reads it


def test_a_paragraph_exactly_as_long_as_a_value_is_imported() -> None:
    start = "Tổ chức tuyên truyền trên hệ thống loa truyền thanh xã và tại các buổi họp thôn."
    data = _plan_with(lambda p: p.add_run("x" * (MAX_TEXT_CHARS - len(start))))
    result = import_bytes(data, "x.docx", "x.yaml")
    assert all(p.code != "too-long" for p in result.problems)
    assert "x" * 1000 in result.text


def test_import_stops_reading_past_what_a_plan_file_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 5_000)
    read: list[int] = []
    real = docx_read._Reader.count_text

    def counted(self: Any, length: int) -> None:
        read.append(length)
        real(self, length)

    monkeypatch.setattr(docx_read._Reader, "count_text", counted)
    data = _long_plan(300)  # about 25,000 characters of text
    with pytest.raises(DocxReadError) as caught:
        import_bytes(data, "x.docx", "x.yaml")
    assert caught.value.message == msg.IMPORT_TOO_MUCH_TEXT.format(limit="5.000", mb=0)
    assert 5_000 < sum(read) <= 5_000 + max(read)  # stopped at the first run past the limit
    assert len(read_docx(data).paragraphs) > 300  # check and a plain read are not bound by it


def test_plan_data_past_the_limits_is_refused_before_writing() -> None:
    importer.check_plan_limits({"mo_dau": ["x" * MAX_TEXT_CHARS], "nam": 2024})
    with pytest.raises(DocxReadError) as caught:
        importer.check_plan_limits({"mo_dau": ["ok", "x" * (MAX_TEXT_CHARS + 1)]})
    assert caught.value.message == msg.IMPORT_VALUE_TOO_LONG.format(
        key="mo_dau[1]", length="20.001", limit="20.000"
    )
    with pytest.raises(DocxReadError) as caught:
        importer.check_plan_limits({"bang": [{"a": "1"} for _ in range(MAX_NODES)]})
    assert caught.value.message == msg.IMPORT_TOO_MANY_VALUES.format(limit="100.000")
    shared = "x" * MAX_TEXT_CHARS  # one text used in many places counts each time, as validate counts it
    importer.check_plan_limits({"mo_dau": [shared] * (MAX_FILE_BYTES // MAX_TEXT_CHARS - 1)})
    with pytest.raises(DocxReadError) as caught:
        importer.check_plan_limits({"mo_dau": [shared] * (MAX_FILE_BYTES // MAX_TEXT_CHARS)})
    assert caught.value.message == msg.IMPORT_TOO_MUCH_TEXT.format(limit="2.000.000", mb=2)


def test_a_plan_file_over_two_megabytes_is_refused_before_writing() -> None:
    importer.check_plan_size("x" * MAX_FILE_BYTES)
    with pytest.raises(DocxReadError) as caught:
        importer.check_plan_size("ư" * (MAX_FILE_BYTES // 2) + "x")  # two bytes each in UTF-8
    assert caught.value.message == msg.IMPORT_PLAN_TOO_LARGE.format(size="2.000.001", limit="2.000.000", mb=2)


# --- What import and check print, and which files they open ---------------------------------------
_runner = CliRunner()


def _cli(*args: str) -> tuple[int, str]:
    result = _runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _long_recipient(length: int) -> bytes:
    document = Document(io.BytesIO(build(Layout())))
    cells = (cell for table in document.tables for row in table.rows for cell in row.cells)
    paragraph = next(p for cell in cells for p in cell.paragraphs if p.text.startswith("- CT, PCT"))
    paragraph.runs[0].text = "- " + "nơi nhận rất dài " * (length // 17)  # no ";": a deviation
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("length", [19_000, 400_000])
def test_text_from_the_file_is_printed_capped(tmp_path: Path, length: int) -> None:
    word = tmp_path / "ke-hoach.docx"
    word.write_bytes(_long_recipient(length))
    code, out = _cli("check", str(word), "--format", "plain")
    assert code == 1 and "ND30-NOI-NHAN-DONG" in out
    assert len(out) < 4_000  # every quoted text cut at 80 characters
    assert max(len(d.found) for d in check_bytes(word.read_bytes())) <= 80
    code, out = _cli("import", str(word))
    assert len(out) < 8_000
    if length > MAX_TEXT_CHARS:
        assert code == 1 and "20.000 ký tự" in out and not (tmp_path / "ke-hoach.yaml").exists()
    else:
        assert code == 0 and (tmp_path / "ke-hoach.yaml").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_refused_without_opening_it(tmp_path: Path) -> None:
    pipe = tmp_path / "ke-hoach.docx"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer for ever
    wanted = msg.DOCX_NOT_REGULAR.format(file=pipe)
    for action in (api.check_word_file, api.import_word_file):
        with pytest.raises(InputFileError) as caught:
            action(pipe)
        assert caught.value.message == wanted
    assert not (tmp_path / "ke-hoach.yaml").exists()


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="a device file")
def test_a_device_is_not_a_regular_file() -> None:
    for action in (api.check_word_file, api.import_word_file):
        with pytest.raises(InputFileError) as caught:
            action(Path("/dev/null"))
        assert caught.value.message == msg.DOCX_NOT_REGULAR.format(file="/dev/null")
        assert "không tìm thấy" not in caught.value.message.lower()


def test_a_missing_file_is_still_missing(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as caught:
        api.check_word_file(tmp_path / "khong-co.docx")
    assert caught.value.message == msg.INPUT_MISSING.format(file=tmp_path / "khong-co.docx")


def test_import_into_an_existing_folder_writes_inside_it(tmp_path: Path) -> None:
    word = tmp_path / "Kế hoạch 2024.docx"
    word.write_bytes(build(Layout()))
    folder = tmp_path / "ra"
    folder.mkdir()
    result = api.import_word_file(word, folder)
    assert result.output == folder / "Kế hoạch 2024.yaml"
    assert result.output.read_text(encoding="utf-8").startswith("# yaml-language-server")
    code, out = _cli("import", str(word), "-o", str(folder), "--force")
    assert code == 0 and ".docx" not in out.split("Đã ghi tệp kế hoạch:")[1].split("\n")[0]


def test_the_limits_page_names_every_word_file_bound() -> None:
    text = (Path(__file__).parent.parent / "docs" / "gioi-han.md").read_text(encoding="utf-8")
    bounds = {
        "MAX_ENTRIES": package.MAX_ENTRIES,
        "MAX_XML_TAGS": package.MAX_XML_TAGS,
        "MAX_READ_CHARS": docx_read.MAX_READ_CHARS,
        "MAX_LABEL_CHARS": docx_numbering.MAX_LABEL_CHARS,
        "MAX_START": docx_numbering.MAX_START,
        "MAX_STYLE_DEPTH": props.MAX_STYLE_DEPTH,
        "MAX_STYLE_MEMO": props.MAX_STYLE_MEMO,
        "MAX_STYLES": props.MAX_STYLES,
        "MAX_LISTS": docx_numbering.MAX_LISTS,
        "MAX_TWIPS": props.MAX_TWIPS,
        "MAX_QUOTED_CHARS": values.MAX_QUOTED_CHARS,
    }
    for name, value in bounds.items():
        assert name in text
        assert f"{value:,}".replace(",", ".") in text


def test_the_tags_of_a_package_are_counted_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document(_para_xml("KẾ HOẠCH") * 300)
    styles = f"<w:styles {_NS}></w:styles>".encode()
    data = _zip({"word/document.xml": document, "word/styles.xml": styles})
    tags = document.count(b"<") + styles.count(b"<")
    parsed: list[bytes] = []
    real = package.etree.fromstring

    def parse(text: bytes, parser: Any) -> Any:
        parsed.append(text)
        return real(text, parser)

    monkeypatch.setattr(package.etree, "fromstring", parse)
    monkeypatch.setattr(package, "MAX_XML_TAGS", tags)
    assert len(read_docx(data).paragraphs) == 300  # exactly at the budget: read
    monkeypatch.setattr(package, "MAX_XML_TAGS", tags - 1)
    parsed.clear()
    with pytest.raises(DocxReadError) as caught:
        read_docx(data)
    assert caught.value.message == msg.DOCX_TOO_MANY_TAGS.format(limit=f"{tags - 1:,}".replace(",", "."))
    assert parsed == [document]  # the styles part, past the budget, was never parsed


def test_reading_stops_at_the_first_run_past_the_text_limit() -> None:
    data = _zip({"word/document.xml": _document(_para_xml("x" * 60) * 10)})
    assert len(read_docx(data, max_text=600).paragraphs) == 10  # exactly at the limit
    with pytest.raises(DocxReadError) as caught:
        read_docx(data, max_text=599)
    assert caught.value.message == msg.DOCX_TOO_MUCH_TEXT.format(limit="599")


def test_list_and_style_definitions_are_read_up_to_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_numbering, "MAX_LISTS", 3)
    monkeypatch.setattr(props, "MAX_STYLES", 3)
    levels = _lvl("0", "decimal", "%1.")
    nums = "".join(f"<w:num w:numId='{n}'><w:abstractNumId w:val='1'/></w:num>" for n in range(1, 6))
    root = (
        f"<w:numbering {_NS}><w:abstractNum w:abstractNumId='1'>{levels}</w:abstractNum>{nums}</w:numbering>"
    )
    numbering = Numbering(etree.fromstring(root.encode()))
    assert [numbering.label(str(n), 0)[0] for n in range(1, 6)] == ["1.", "1.", "1.", "", ""]
    assert sorted(_styles(5).by_id) == ["S0", "S1", "S2"]
