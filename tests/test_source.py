"""Source stage: reading files and decoding bytes to NFC text, or one clear problem."""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from bdg_plan import messages as msg
from bdg_plan.errors import InputFileError, Problem
from bdg_plan.plan.source import MAX_FILE_BYTES, SourceText, decode_source, read_source

TEXT = "nam: 2023\nco_quan:\n  ten: Ủy ban nhân dân xã Hồng Phong\n  dia_danh: Hồng Phong\n"


def to_cp1258(text: str) -> bytes:
    """Encode like a legacy Windows-1258 editor: base letter with vowel mark, tone mark apart."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        # Circumflex, breve and horn stay on the letter (â, ă, ơ exist in cp1258); the tone
        # follows as a separate combining byte.
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(letter + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16"),  # Python writes the platform BOM
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-native"],
)
def test_unicode_encodings_decode_to_the_same_text(data: bytes) -> None:
    source = decode_source(data, "plan.yaml")

    assert source == SourceText("plan.yaml", TEXT)


def test_nfd_text_becomes_nfc() -> None:
    source = decode_source(unicodedata.normalize("NFD", TEXT).encode("utf-8"), "plan.yaml")

    assert isinstance(source, SourceText)
    assert source.text == TEXT
    assert unicodedata.is_normalized("NFC", source.text)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_one_file_level_problem(form: str, codec: str, example_text: str) -> None:
    data = unicodedata.normalize(form, example_text).encode(codec)

    problem = decode_source(data, "plan.yaml")

    assert problem == Problem("plan.yaml", 0, 0, "encoding", msg.ENCODING_UTF16_NO_BOM)


def test_cp1258_bytes_are_an_encoding_problem_at_the_first_bad_byte() -> None:
    data = to_cp1258(TEXT)
    assert data.decode("cp1258") != TEXT  # really legacy bytes, not UTF-8

    problem = decode_source(data, "plan.yaml")

    assert isinstance(problem, Problem)
    # "  ten: U" then the hook-above byte of "Ủ"
    assert (problem.line, problem.column, problem.code) == (3, 9, "encoding")
    assert problem.message == msg.ENCODING_NOT_UTF8


def test_whole_legacy_example_is_an_encoding_problem(example_text: str) -> None:
    problem = decode_source(to_cp1258(example_text), "plan.yaml")

    assert isinstance(problem, Problem)
    assert problem.code == "encoding"
    assert "UTF-8" in problem.message


def test_nul_byte_is_an_encoding_problem() -> None:
    problem = decode_source(b"nam: 2023\nco_quan: \x00\n", "plan.yaml")

    assert isinstance(problem, Problem)
    assert (problem.line, problem.code) == (2, "encoding")


def test_oversized_bytes_are_refused_without_decoding() -> None:
    problem = decode_source(b"#" * (MAX_FILE_BYTES + 1), "plan.yaml")

    assert isinstance(problem, Problem)
    assert (problem.line, problem.column, problem.code) == (0, 0, "too-large")


def test_read_source_reads_a_vietnamese_path_with_spaces(write_plan: Callable[..., Path]) -> None:
    path = write_plan(TEXT, "Kế hoạch 2023/bản nháp số 1.yaml")

    assert read_source(path) == TEXT.encode("utf-8")


def test_read_source_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        read_source(tmp_path / "không có.yaml", "không có.yaml")

    assert info.value.message == msg.INPUT_MISSING.format(file="không có.yaml")
    assert info.value.exit_code == 1


def test_read_source_folder(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        read_source(tmp_path)

    assert "thư mục" in info.value.message
    assert str(tmp_path) in info.value.message


def test_read_source_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 2 MB written

    with pytest.raises(InputFileError) as info:
        read_source(path)

    assert "quá lớn" in info.value.message


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_a_byte_order_mark_is_read(codec: str) -> None:
    """A UTF-32 file (some editors offer it) is text, not a binary file full of NUL bytes."""
    import codecs as codec_marks

    text = "nam: 2023\ntrich_yeu: Bình đẳng giới\n"
    data = text.encode(codec)
    if codec != "utf-32":
        data = (codec_marks.BOM_UTF32_LE if codec.endswith("le") else codec_marks.BOM_UTF32_BE) + data
    source = decode_source(data, "plan.yaml")
    assert not isinstance(source, Problem)
    assert source.text == text
