"""Import's word ledger: every word of the Word file is in the plan file, or re-printed by render.

Word files are built here with python-docx and lxml: a clerk's plan (tests/clerk_docs.py) with a
footnote, a comment, a text box, tracked changes and header text added, and generated outlines.
Each test recounts the ledger itself from the written file, read again with the project's loader.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bdg_plan import messages as msg
from bdg_plan.pipeline import load_bytes
from bdg_plan.word.importer import ImportedPlan, import_bytes, ledger_lines
from bdg_plan.word.ledger import account, comment_blocks, document_words, tokens
from tests import clerk_docs
from tests.clerk_docs import Layout, build

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
V_NS = 'xmlns:v="urn:schemas-microsoft-com:vml"'
FOOTNOTE = (
    "Theo số liệu của Hội Liên hiệp Phụ nữ xã, năm 2023 có 312 hộ gia đình tham gia sinh hoạt chuyên đề"
)
COMMENT = "Chị Lan xem lại số liệu này trước khi trình ký"
TEXT_BOX = "DỰ THẢO lần 2"
INSERTED = "trọng tâm"
DELETED = "chiếu lệ qua loa"
HEADER = "Bản lưu hành nội bộ"


def _run(xml: str) -> Any:
    return parse_xml(f"<w:r {W_NS} {V_NS}>{xml}</w:r>")


def _footnotes(*texts: str, first: int = 7) -> bytes:
    notes = "".join(
        f'<w:footnote w:id="{first + index}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for index, text in enumerate(texts)
    )
    separator = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    return f"<w:footnotes {W_NS}>{separator}{notes}</w:footnotes>".encode()


def _comments(*texts: str, first: int = 3) -> bytes:
    comments = "".join(
        f'<w:comment w:id="{first + index}" w:author="A"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>'
        for index, text in enumerate(texts)
    )
    return f"<w:comments {W_NS}>{comments}</w:comments>".encode()


def _with_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The .docx `data` with `parts` added (or replaced)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item.filename))
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def _paragraph(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if text in p.text)


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _imported(data: bytes) -> ImportedPlan:
    return import_bytes(data, "cu.docx", "cu.yaml")


def _recount(data: bytes, result: ImportedPlan) -> Any:
    """The ledger recomputed from the written file's bytes, read again as `validate` reads them."""
    loaded = load_bytes(result.text.encode("utf-8"), "cu.yaml")
    assert not loaded.problems
    return account(document_words(result.document), loaded.data, result.text)


def _block(text: str, heading: str) -> list[str]:
    return [line for found, line in comment_blocks(text) if found == heading]


def test_a_clerks_plan_loses_no_word_and_its_summary_counts_them() -> None:
    result = _imported(build(Layout(annex=True, body_table=True)))
    ledger = _recount(b"", result)
    assert ledger.rescued == [] and result.ledger.rescued == []
    assert ledger.lost == 0 and ledger.total == result.ledger.total > 400
    assert ledger.placed + ledger.noted + sum(ledger.reprinted.values()) == ledger.total
    assert ledger.reprinted["label"] > 0 and ledger.reprinted["fixed"] > 0
    first = ledger_lines(result.ledger)[0]
    assert first == msg.IMPORT_LEDGER.format(
        total=f"{ledger.total:,}".replace(",", "."),
        placed=f"{ledger.placed:,}".replace(",", "."),
        noted=ledger.noted,
        lost=0,
    )


def test_thousands_are_written_with_dots() -> None:
    result = _imported(build())
    result.ledger.total, result.ledger.placed = 1204, 1180
    result.ledger.reprinted.clear()
    result.ledger.noted = 24
    assert ledger_lines(result.ledger)[0] == (
        "1.204 chữ trong tệp Word: 1.180 đã xếp vào mục, 24 ghi thành ghi chú, 0 bị mất"
    )


def test_a_footnote_is_kept_word_for_word_under_its_heading() -> None:
    document = Document(io.BytesIO(build()))
    _paragraph(document, clerk_docs.ITEM1_TEXT)._p.append(_run('<w:footnoteReference w:id="7"/>'))
    data = _with_parts(_saved(document), {"word/footnotes.xml": _footnotes(FOOTNOTE)})
    result = _imported(data)
    lines = _block(result.text, msg.IMPORT_EXTRA_HEADINGS["footnote"])
    assert lines == [FOOTNOTE]
    assert f"#   (đoạn {result.document.extras[0].paragraph}) {FOOTNOTE}" in result.text
    # At its place: beside the key its paragraph went to (noi_dung), not at the end of the file.
    block = result.text.index(f"# {msg.IMPORT_UNPLACED_MARKER} {msg.IMPORT_EXTRA_HEADINGS['footnote']}:")
    assert result.text.index("noi_dung:") < block < result.text.index("kinh_phi:")
    ledger = _recount(data, result)
    assert ledger.lost == 0 and ledger.rescued == []
    assert ledger.blocks[msg.IMPORT_EXTRA_HEADINGS["footnote"]] == len(tokens(FOOTNOTE)) == 23


def test_a_comment_is_kept_under_its_heading() -> None:
    document = Document(io.BytesIO(build()))
    _paragraph(document, clerk_docs.FUNDING)._p.append(_run('<w:commentReference w:id="3"/>'))
    data = _with_parts(_saved(document), {"word/comments.xml": _comments(COMMENT)})
    result = _imported(data)
    lines = _block(result.text, msg.IMPORT_EXTRA_HEADINGS["comment"])
    assert lines == [COMMENT]
    assert _recount(data, result).rescued == []


_VML_BOX = (
    "<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>"
    f"{TEXT_BOX}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
)
#: As Word saves a text box: the DrawingML shape, and the same box in VML for older readers.
_ALTERNATE_BOX = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/'
    'word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>'
    f"{TEXT_BOX}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
    f"<mc:Fallback>{_VML_BOX}</mc:Fallback></mc:AlternateContent>"
)


@pytest.mark.parametrize("box", [_VML_BOX, _ALTERNATE_BOX], ids=["vml", "alternate"])
def test_a_text_box_is_kept_under_its_heading_once(box: str) -> None:
    document = Document(io.BytesIO(build()))
    _paragraph(document, clerk_docs.ITEM1_TEXT)._p.append(_run(box))
    result = _imported(_saved(document))
    lines = _block(result.text, msg.IMPORT_EXTRA_HEADINGS["textbox"])
    assert lines == [TEXT_BOX]
    assert result.text.count(TEXT_BOX) == 1  # never a value, and the fallback copy is not a second
    assert _recount(b"", result).rescued == []


def test_tracked_changes_are_accepted_and_listed_with_the_deleted_words() -> None:
    document = Document(io.BytesIO(build()))
    paragraph = _paragraph(document, clerk_docs.ITEM1_TEXT)._p
    ins = (
        f'<w:ins {W_NS} w:id="1" w:author="A"><w:r><w:t xml:space="preserve"> {INSERTED}</w:t></w:r></w:ins>'
    )
    dele = f'<w:del {W_NS} w:id="2" w:author="A"><w:r><w:delText> {DELETED}</w:delText></w:r></w:del>'
    paragraph.append(parse_xml(ins))
    paragraph.append(parse_xml(dele))
    result = _imported(_saved(document))
    values = "\n".join(line for line in result.text.splitlines() if not line.startswith("#"))
    assert f"{clerk_docs.ITEM1_TEXT} {INSERTED}" in values  # the insertion is kept in its place
    assert DELETED not in values  # the deletion is not
    lines = _block(result.text, msg.IMPORT_EXTRA_HEADINGS["tracked"])
    assert lines == [INSERTED, DELETED]  # the tag "(đoạn N, phần xóa, ...)" is import's, not counted
    assert (
        msg.IMPORT_CHANGE_LINES["deleted"].format(number=result.changes[1].paragraph, text=DELETED)
        in result.text
    )
    assert [c.kind for c in result.changes] == ["inserted", "deleted"]
    block = result.text.index(f"# {msg.IMPORT_UNPLACED_MARKER} {msg.IMPORT_EXTRA_HEADINGS['tracked']}:")
    assert result.text.index("noi_dung:") < block < result.text.index("kinh_phi:")
    ledger = _recount(b"", result)
    assert ledger.rescued == [] and ledger.lost == 0
    assert ledger.total == result.ledger.total  # the deleted words are counted


def test_header_text_is_kept_and_the_page_number_is_not() -> None:
    document = Document(io.BytesIO(build()))
    header = document.sections[0].header.paragraphs[0]
    header.text = HEADER
    header._p.append(_run('<w:fldChar w:fldCharType="begin"/>'))
    header._p.append(_run('<w:instrText xml:space="preserve"> PAGE </w:instrText>'))
    header._p.append(_run('<w:fldChar w:fldCharType="separate"/>'))
    header._p.append(_run("<w:t>17</w:t>"))
    header._p.append(_run('<w:fldChar w:fldCharType="end"/>'))
    result = _imported(_saved(document))
    lines = _block(result.text, msg.IMPORT_EXTRA_HEADINGS["header"])
    assert lines == [HEADER]
    assert result.text.rstrip().endswith(f"#   {HEADER}")  # no place in the body: at the end
    assert "17" not in result.text.split("# KHÔNG XẾP ĐƯỢC (đầu trang")[1]  # the page number is not kept
    assert result.ledger.reprinted["page"] == 1  # but it is accounted: render numbers the pages
    assert _recount(b"", result).lost == 0
    assert _recount(b"", result).rescued == []


def test_a_word_no_stage_placed_is_rescued_into_the_last_block() -> None:
    result = _imported(build())
    words = document_words(result.document)
    text = result.text.replace("Nguyễn Thị Hoa", "Nguyễn Thị")  # as if a stage dropped a word
    loaded = load_bytes(text.encode("utf-8"), "cu.yaml").data
    ledger = account(words, loaded, text)
    assert [word for _, word in ledger.rescued] == ["Hoa"]
    assert ledger.lost == 1


def test_reprinted_words_are_listed_by_class_not_as_lost() -> None:
    result = _imported(build(Layout(header="tabs", closing="tabs")))
    ledger = _recount(b"", result)
    assert ledger.rescued == []
    assert set(ledger.reprinted) <= set(msg.IMPORT_LEDGER_CLASSES)
    assert ledger.reprinted["fixed"] >= len(
        tokens("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc")
    )


# --- generated documents ------------------------------------------------------------------------
_WORDS = tokens(
    "tuyên truyền vận động hội viên phụ nữ thôn xã huyện kiểm tra giám sát đôn đốc báo cáo kết quả "
    "thực hiện nhiệm vụ giải pháp nâng cao chất lượng hiệu quả phối hợp đoàn thể cơ sở nhân dân"
)
_sentence = st.lists(st.sampled_from(_WORDS), min_size=2, max_size=9).map(
    lambda w: " ".join(w).capitalize() + "."
)
_KINDS = ("paragraph", "khoan", "diem", "bullet", "table", "footnote", "comment", "textbox", "ins", "del")
_items = st.lists(st.tuples(st.sampled_from(_KINDS), _sentence), min_size=1, max_size=8)


def _generated(sections: list[list[tuple[str, str]]], header: str) -> bytes:
    document = Document(io.BytesIO(build(Layout(numbering="typed"))))
    anchor = _paragraph(document, clerk_docs.FUNDING)
    notes: dict[str, list[str]] = {"footnote": [], "comment": []}
    romans = ["V", "VI", "VII"]
    for index, items in enumerate(sections):
        anchor.insert_paragraph_before(f"{romans[index]}. NHIỆM VỤ {index + 1}").runs[0].bold = True
        for number, (kind, text) in enumerate(items, start=1):
            _generated_item(document, anchor, kind, text, number, notes)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    parts = {}
    if notes["footnote"]:
        parts["word/footnotes.xml"] = _footnotes(*notes["footnote"])
    if notes["comment"]:
        parts["word/comments.xml"] = _comments(*notes["comment"])
    return _with_parts(_saved(document), parts)


def _generated_item(
    document: Any, anchor: Any, kind: str, text: str, number: int, notes: dict[str, list[str]]
) -> None:
    if kind in ("paragraph", "khoan", "diem", "bullet"):
        prefix = {
            "paragraph": "",
            "khoan": f"{number}. ",
            "diem": f"{'abcdefgh'[number - 1]}) ",
            "bullet": "- ",
        }
        anchor.insert_paragraph_before(prefix[kind] + text)
    elif kind == "table":
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "TT", "Nội dung"
        table.cell(1, 0).text, table.cell(1, 1).text = "1", text
        anchor._p.addprevious(table._tbl)
    else:
        holder = anchor.insert_paragraph_before(
            _WORDS[number].capitalize() + " " + _WORDS[number + 1] + "."
        )._p
        if kind in ("footnote", "comment"):
            notes[kind].append(text)
            tag, first = ("footnoteReference", 7) if kind == "footnote" else ("commentReference", 3)
            holder.append(_run(f'<w:{tag} w:id="{first + len(notes[kind]) - 1}"/>'))
        elif kind == "textbox":
            box = f"<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            holder.append(_run(box + "</w:txbxContent></v:textbox></v:shape></w:pict>"))
        elif kind in ("ins", "del"):
            inner = f"<w:t>{text}</w:t>" if kind == "ins" else f"<w:delText>{text}</w:delText>"
            holder.append(
                parse_xml(f'<w:{kind} {W_NS} w:id="{number}" w:author="A"><w:r>{inner}</w:r></w:{kind}>')
            )


def _check_generated(sections: list[list[tuple[str, str]]], header: str) -> None:
    data = _generated(sections, header)
    result = _imported(data)
    ledger = _recount(data, result)
    assert ledger.lost == 0, ledger.rescued
    assert ledger.rescued == [] and result.ledger.rescued == []
    source = Counter(word.casefold() for word, _, reprint in document_words(result.document) if not reprint)
    for kind, text in (item for items in sections for item in items):
        if kind in ("footnote", "comment", "textbox", "del"):
            assert all(source[word.casefold()] > 0 for word in tokens(text))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_items, min_size=1, max_size=2), st.sampled_from(["", HEADER]))
def test_generated_documents_lose_no_word(sections: list[list[tuple[str, str]]], header: str) -> None:
    _check_generated(sections, header)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_items, min_size=1, max_size=3), st.sampled_from(["", HEADER]))
def test_generated_documents_lose_no_word_many(sections: list[list[tuple[str, str]]], header: str) -> None:
    _check_generated(sections, header)


# --- the examples, and the summary as the clerk sees it ------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["plan2023.yaml", "ke-hoach-phan.yaml", "thang-hanh-dong-2025.yaml", "chuong-trinh-phoi-hop-2025.yaml"],
)
def test_every_example_rendered_and_imported_loses_no_word(name: str) -> None:
    from bdg_plan.api import render_plan, validate_bytes
    from tests.conftest import EXAMPLES

    path = EXAMPLES / name
    data = render_plan(validate_bytes(path.read_bytes(), str(path)).plan)
    result = _imported(data)
    ledger = _recount(data, result)
    assert result.ledger.rescued == [] and ledger.rescued == [] and ledger.lost == 0
    assert ledger.placed > ledger.total * 0.85  # nearly every word goes into a value
    assert msg.IMPORT_EXTRA_HEADINGS["rescued"] not in result.text


def test_the_command_prints_the_ledger_and_each_change(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from bdg_plan.cli.app import app

    document = Document(io.BytesIO(build()))
    paragraph = _paragraph(document, clerk_docs.ITEM1_TEXT)._p
    paragraph.append(
        parse_xml(f'<w:del {W_NS} w:id="2" w:author="A"><w:r><w:delText>{DELETED}</w:delText></w:r></w:del>')
    )
    word = tmp_path / "cu.docx"
    word.write_bytes(_saved(document))
    result = CliRunner().invoke(
        app, ["import", str(word), "--format", "plain"], env={"NO_COLOR": "1", "COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    ledger = next(line for line in lines if "chữ trong tệp Word:" in line)
    assert ledger.endswith(", 0 bị mất")
    assert any(line.endswith(DELETED) and "phần xóa" in line for line in lines)
    written = (tmp_path / "cu.yaml").read_text(encoding="utf-8")
    assert "#   (đoạn " in written and DELETED in written


def test_thousands_of_comments_cost_a_bounded_number_of_searches(monkeypatch: pytest.MonkeyPatch) -> None:
    from bdg_plan.word import importer

    made: list[Any] = []

    class Recorded(importer._Places):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(importer, "_Places", Recorded)
    document = Document(io.BytesIO(build()))
    count = 1000
    for index in range(count):
        holder = document.add_paragraph(f"Đoạn {index}")._p
        holder.append(_run(f'<w:commentReference w:id="{index}"/>'))
    texts = [f"nhận xét số {index}" for index in range(count)]
    data = _with_parts(_saved(document), {"word/comments.xml": _comments(*texts, first=0)})
    result = _imported(data)
    assert made[0].probes <= importer._Places.MAX_PROBES < count
    assert len(_block(result.text, msg.IMPORT_EXTRA_HEADINGS["comment"])) == count  # every one kept
    assert _recount(data, result).lost == 0


def test_a_moved_text_stands_at_its_destination_and_its_origin_is_listed() -> None:
    document = Document(io.BytesIO(build()))
    moved = "ngay trong quý một"
    origin = _paragraph(document, clerk_docs.FUNDING)._p
    origin.append(
        parse_xml(f'<w:moveFrom {W_NS} w:id="5" w:author="A"><w:r><w:t>{moved}</w:t></w:r></w:moveFrom>')
    )
    target = _paragraph(document, clerk_docs.ITEM1_TEXT)._p
    move_to = f'<w:moveTo {W_NS} w:id="6" w:author="A"><w:r><w:t xml:space="preserve"> {moved}</w:t></w:r>'
    target.append(parse_xml(move_to + "</w:moveTo>"))
    result = _imported(_saved(document))
    values = "\n".join(line for line in result.text.splitlines() if not line.startswith("#"))
    assert f"{clerk_docs.ITEM1_TEXT} {moved}" in values and f"{clerk_docs.FUNDING}{moved}" not in values
    assert [c.kind for c in result.changes] == ["moved_to", "moved"]
    lines = _block(result.text, msg.IMPORT_EXTRA_HEADINGS["tracked"])
    assert lines.count(moved) == 2  # the destination, and the origin's words, listed once each
    assert _recount(b"", result).rescued == []


def test_a_note_with_characters_a_comment_escapes_is_counted_as_kept() -> None:
    document = Document(io.BytesIO(build()))
    _paragraph(document, clerk_docs.ITEM1_TEXT)._p.append(_run('<w:footnoteReference w:id="7"/>'))
    note = "Số\u200bliệu của\u202e thôn"  # a zero-width space and a bidi override, written as escapes
    data = _with_parts(_saved(document), {"word/footnotes.xml": _footnotes(note)})
    result = _imported(data)
    assert "\\u200b" in result.text and "\u200b" not in result.text
    ledger = _recount(data, result)
    assert ledger.rescued == [] and ledger.lost == 0
    assert ledger.blocks[msg.IMPORT_EXTRA_HEADINGS["footnote"]] == 3
