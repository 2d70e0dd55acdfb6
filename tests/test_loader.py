"""Loader stage: YAML text -> plain data with the position of every key and value."""

from __future__ import annotations

import codecs
import os
import subprocess
import unicodedata
from typing import Any

import pytest
from yaml.nodes import Node

from bdg_plan.api import load_text
from bdg_plan.plan import loader
from bdg_plan.plan.loader import MAX_NODES, MAX_TEXT_CHARS, LoadedDocument, Mark, load_yaml
from bdg_plan.plan.source import SourceText


def load(text: str) -> LoadedDocument:
    return load_yaml(SourceText("plan.yaml", text))


def codes(doc: LoadedDocument) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in doc.problems]


# --- encodings and Unicode forms -------------------------------------------------------------
@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_byte_order_marks_give_the_same_data(encode: Any, example_text: str) -> None:
    plain = load_text(example_text.encode("utf-8"), "plan.yaml")

    doc = load_text(encode(example_text), "plan.yaml")

    assert doc.problems == []
    assert doc.data == plain.data
    assert doc.values == plain.values  # no BOM shifts the first line's columns


@pytest.mark.parametrize(
    "data",
    [
        "nam: 2023\nco_quan: {ten: Hồng Phong}\n".encode("utf-16-le"),
        "nam: 2023\nco_quan: {ten: Hồng Phong}\n".encode("utf-16-be"),
        b"nam: 2023\nco_quan: {ten: H\xf4\xccng Phong}\n",  # cp1258: "ô" + combining grave
        b"nam: 2023\nco_quan: {ten: H\xd5ng Phong}\n",  # TCVN3 (ABC) "ồ"
    ],
    ids=["utf-16-le-no-bom", "utf-16-be-no-bom", "cp1258", "tcvn3"],
)
def test_undecodable_bytes_are_one_encoding_problem(data: bytes) -> None:
    doc = load_text(data, "plan.yaml")

    assert doc.data is None
    assert [p.code for p in doc.problems] == ["encoding"]
    assert doc.problems[0].file == "plan.yaml"


def test_notepad_file_with_bom_and_crlf_gives_the_same_data(example_text: str) -> None:
    unix = load_text(example_text.encode("utf-8"), "plan.yaml")

    windows = load_text(codecs.BOM_UTF8 + example_text.replace("\n", "\r\n").encode(), "plan.yaml")

    assert windows.problems == []
    assert windows.data == unix.data
    assert windows.values == unix.values
    assert "\r" not in windows.data["trich_yeu"]


def test_nfd_input_gives_nfc_values(example_text: str) -> None:
    nfc = load_text(example_text.encode("utf-8"), "plan.yaml")

    nfd = load_text(unicodedata.normalize("NFD", example_text).encode("utf-8"), "plan.yaml")

    assert nfd.problems == []
    assert nfd.data == nfc.data
    assert nfd.data["co_quan"]["dia_danh"] == "Hồng Phong"
    assert unicodedata.is_normalized("NFC", nfd.data["co_quan"]["dia_danh"])


def test_loader_normalizes_keys_and_values_itself() -> None:
    # Called without the source stage (as new-year or a library user may), NFD still becomes NFC.
    text = unicodedata.normalize("NFD", "tên: Hồng Phong\ndanh_sách: [Lạng Sơn]\n")
    assert not unicodedata.is_normalized("NFC", text)

    doc = load(text)

    assert doc.data == {"tên": "Hồng Phong", "danh_sách": ["Lạng Sơn"]}
    assert all(unicodedata.is_normalized("NFC", key) for key in doc.data)
    assert ("tên",) in doc.keys


def test_keys_equal_after_normalization_are_duplicates() -> None:
    text = "tên: một\n" + unicodedata.normalize("NFD", "tên: hai\n")

    doc = load(text)

    assert doc.data == {"tên": "một"}
    assert codes(doc) == [(2, 1, "duplicate-key")]


# --- unsafe input ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "position", "shown"),
    [
        (
            "nam: 2023\nco_quan: !!python/object:os.system {ten: x}\n",
            (2, 10),
            "!!python/object:os.system",
        ),
        (
            "nam: 2023\nky_hieu: !!python/object/apply:os.system ['echo hacked']\n",
            (2, 10),
            "!!python/object/apply:os.system",
        ),
        ("nam: 2023\n\nluu:\n  - !!python/name:os.system ''\n", (4, 5), "!!python/name:os.system"),
        (
            "nam: !!python/object/new:subprocess.Popen [['echo', 'hacked']]\n",
            (1, 6),
            "!!python/object/new:subprocess.Popen",
        ),
        ("nam: !!binary aGVsbG8=\n", (1, 6), "!!binary"),
        ("nam: !custom 5\n", (1, 6), "!custom"),
    ],
    ids=["object", "object-apply", "name", "object-new", "binary", "local-tag"],
)
def test_unsafe_tags_are_refused_and_never_run(
    text: str, position: tuple[int, int], shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    monkeypatch.setattr(subprocess, "Popen", lambda *args, **kwargs: calls.append(args))

    doc = load(text)

    assert codes(doc) == [(*position, "unsafe-tag")]
    assert calls == []
    assert f"'{shown}'" in doc.problems[0].message  # the tag as the clerk typed it
    # The refused value is replaced by None, the rest of the file is still read.
    assert doc.data is not None
    assert None in (
        doc.data.get("co_quan"),
        doc.data.get("ky_hieu"),
        doc.data.get("nam"),
        *doc.data.get("luu", []),
    )


def test_alias_bomb_is_stopped_within_the_node_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    bomb = "\n".join(lines) + "\n"

    visited = 0
    real_build = loader._Builder.build

    def counting_build(self: loader._Builder, node: Node, path: loader.DataPath) -> object:
        nonlocal visited
        visited += 1
        return real_build(self, node, path)

    monkeypatch.setattr(loader._Builder, "build", counting_build)
    doc = load(bomb)

    assert codes(doc) == [(1, 1, "alias-limit")]
    assert str(MAX_NODES) in doc.problems[0].message
    assert doc.data is None
    # The work is bounded, not the time: 9**9 values were asked for, MAX_NODES + 1 were built.
    assert visited == MAX_NODES + 1


def test_small_aliases_are_followed() -> None:
    doc = load("a: &x [1, 2]\nb: *x\n")

    assert doc.problems == []
    assert doc.data == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_refused() -> None:
    doc = load("a: &a [*a]\n")

    assert [p.code for p in doc.problems] == ["too-deep"]
    assert doc.data is None


def test_merge_key_is_refused() -> None:
    doc = load("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")

    assert codes(doc) == [(3, 3, "merge-key")]
    assert doc.data["other"] == {"y": 2}


def test_non_text_key_is_refused() -> None:
    doc = load("? [a, b]\n: 1\nnam: 2023\n")

    assert codes(doc) == [(1, 3, "wrong-key")]
    assert doc.data == {"nam": 2023}


# --- scalars ---------------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "On"])
def test_yes_no_on_off_stay_words(word: str) -> None:
    assert load(f"dia_danh: {word}\n").data == {"dia_danh": word}


@pytest.mark.parametrize(("typed", "value"), [("true", True), ("False", False)])
def test_true_false_are_booleans(typed: str, value: bool) -> None:
    assert load(f"x: {typed}\n").data == {"x": value}


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("05", 5),
        ("010", 10),  # decimal, not YAML 1.1 octal 8
        ("0", 0),
        ("-3", -3),
        ("1_000", 1000),
        ("08", "08"),  # not a YAML 1.1 number at all: the model reads the text
        ("0x10", "0x10"),  # hexadecimal is not a clerk's number: kept as typed
        ("1:30", "1:30"),  # YAML 1.1 sexagesimal (90) is not a clerk's number either
        ("7:30", "7:30"),
        ("1.5", 1.5),
        ("1:30.5", "1:30.5"),
    ],
)
def test_numbers_are_read_as_a_clerk_means_them(typed: str, value: object) -> None:
    data = load(f"so: {typed}\n").data

    assert data == {"so": value}
    assert type(data["so"]) is type(value)


def test_dates_stay_text_for_the_model() -> None:
    data = load("ngay: 2023-03-06\nthang: 2023-03\nsai: 2023-02-30\n").data

    assert data == {"ngay": "2023-03-06", "thang": "2023-03", "sai": "2023-02-30"}


def test_null_spellings() -> None:
    assert load("a: null\nb: ~\nc:\nd: Null\n").data == dict.fromkeys("abcd")


def test_escaped_control_character_is_reported_at_its_value() -> None:
    doc = load('nam: 2023\nten: "Hồng\\x01Phong"\n')

    assert codes(doc) == [(2, 6, "control-char")]
    assert "U+0001" in doc.problems[0].message


def test_raw_control_character_is_reported_where_it_is() -> None:
    doc = load("nam: 2023\nten: Hồng\x07Phong\n")

    assert codes(doc) == [(2, 10, "control-char")]
    assert "U+0007" in doc.problems[0].message
    assert doc.data is None


def test_invisible_character_is_a_warning() -> None:
    doc = load("ten: Hồng\u200bPhong\n")

    assert codes(doc) == [(1, 10, "invisible-char")]  # at the character itself
    assert not doc.problems[0].is_error
    assert doc.data == {"ten": "Hồng\u200bPhong"}


def test_overlong_text_is_refused_and_cut() -> None:
    doc = load("ten: " + "a" * (MAX_TEXT_CHARS + 1) + "\n")

    assert codes(doc) == [(1, 6, "too-long")]
    assert len(doc.data["ten"]) == MAX_TEXT_CHARS


@pytest.mark.parametrize("text", ["", "# chỉ có ghi chú\n", "---\n", "~\n", "null\n"])
def test_empty_document(text: str) -> None:
    doc = load(text)

    assert codes(doc) == [(1, 1, "empty-file")]
    assert doc.data is None


def test_syntax_error_keeps_no_data() -> None:
    doc = load("nam: 2023\nco_quan:\n  ten: a\n dia_danh: b\n")

    assert [p.code for p in doc.problems] == ["yaml-syntax"]
    assert doc.problems[0].line == 4
    assert doc.data is None


def test_duplicate_key_keeps_the_first_value() -> None:
    doc = load("nam: 2023\nnam: 2024\n")

    assert doc.data == {"nam": 2023}
    assert codes(doc) == [(2, 1, "duplicate-key")]


# --- positions -------------------------------------------------------------------------------
@pytest.fixture
def example_doc(example_text: str) -> LoadedDocument:
    doc = load(example_text)
    assert doc.problems == []
    return doc


def test_positions_of_nested_keys_and_values(example_doc: LoadedDocument) -> None:
    # examples/plan2023.yaml line 23: "  dia_danh: Hồng Phong"
    assert example_doc.keys[("co_quan", "dia_danh")] == Mark(23, 3)
    assert example_doc.values[("co_quan", "dia_danh")] == Mark(23, 13)
    # line 45: "    ngay: 2023-03-06" inside the first căn cứ
    assert example_doc.keys[("can_cu", 0, "ngay")] == Mark(45, 5)
    assert example_doc.values[("can_cu", 0, "ngay")] == Mark(45, 11)
    # line 124: "  tham_quyen: KT."
    assert example_doc.values[("nguoi_ky", "tham_quyen")] == Mark(124, 15)


def test_positions_of_list_items(example_doc: LoadedDocument) -> None:
    # line 134: "  - TT ĐU, HĐND xã" (second recipient)
    assert example_doc.values[("noi_nhan", 1)] == Mark(134, 5)
    # line 66: the second bullet of the first activity
    assert example_doc.values[("noi_dung", 0, "cac_y", 1)] == Mark(66, 9)
    # line 139: "luu: [VT]", a flow list
    assert example_doc.values[("luu", 0)] == Mark(139, 7)
    assert ("noi_nhan", 1) not in example_doc.keys


def test_positions_of_block_scalar_and_mapping(example_doc: LoadedDocument) -> None:
    assert example_doc.keys[("trich_yeu",)] == Mark(35, 1)
    assert example_doc.values[("trich_yeu",)] == Mark(35, 12)  # the "|-" indicator
    assert example_doc.keys[("nguoi_ky",)] == Mark(123, 1)
    assert example_doc.values[("nguoi_ky",)] == Mark(124, 3)  # the mapping starts at its first key


def test_locate_falls_back_to_the_nearest_parent(example_doc: LoadedDocument) -> None:
    assert example_doc.locate(("co_quan", "cap_tren")) == Mark(19, 3)
    assert example_doc.locate(("co_quan", "cap_tren"), prefer_key=True) == Mark(19, 3)
    assert example_doc.locate(("co_quan",), prefer_key=True) == Mark(17, 1)
    assert example_doc.locate(("khong_co", 3)) == example_doc.values[()]


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        # muc_dich is a plain list in the file; the model reads it as {"cac_y": [...]}.
        (("muc_dich", "cac_y", 2), ("muc_dich", 2)),
        # a bullet written as a string is {"y": ...} in the model
        (("noi_dung", 0, "cac_y", 1, "y"), ("noi_dung", 0, "cac_y", 1)),
        # yeu_cau is one string; the model makes it {"mo_ta": [string]}
        (("yeu_cau", "mo_ta", 0), ("yeu_cau",)),
        # a recipient written as a string is {"ten": ...}
        (("noi_nhan", 2, "ten"), ("noi_nhan", 2)),
        # validator tags pydantic puts into loc are not data
        (("noi_dung", "function-after[_strip_text(), str]", 0), ("noi_dung", 0)),
        (("co_quan", "dia_danh"), ("co_quan", "dia_danh")),
        (("cap_tren",), ()),
    ],
)
def test_resolve_skips_steps_not_in_the_data(
    loc: tuple[object, ...], path: tuple[object, ...], example_doc: LoadedDocument
) -> None:
    assert example_doc.resolve(loc) == path


def test_resolve_keeps_keys_whose_value_was_dropped() -> None:
    # A value refused by the loader still has its key recorded, so problems land on that key.
    doc = load("nam: 2023\nco_quan: !!python/object:x {}\n")

    assert doc.resolve(("co_quan", "ten")) == ("co_quan",)
    assert doc.keys[("co_quan",)] == Mark(2, 1)
