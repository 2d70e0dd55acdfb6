"""Classes of hostile text, each tried in many variations (issue: hardening).

A variation the corpus in tests/hostile/ does not hold must fail the same safe way: hidden line
breaks and invisible characters anywhere in the file, invisible-only values, syntax errors whose
construct opened lines above, tabs in values, broken UTF-16, and aliases that repeat long text.
"""

from __future__ import annotations

import codecs
import itertools
from pathlib import Path

import pytest

from bdg_plan.api import validate_bytes
from bdg_plan.errors import Severity
from bdg_plan.plan import loader
from bdg_plan.plan.loader import MAX_EXPANDED_CHARS

HOSTILE = Path(__file__).resolve().parent / "hostile"
VALID = (HOSTILE / "kế hoạch có dấu cách.yaml").read_text(encoding="utf-8")
NAME_LINE = "  ho_ten: Hoàng Văn Mẫn"  # line 16 of the valid plan
SIGNER_LINE = 16


def problems(text: str) -> list[tuple[int, str, Severity]]:
    result = validate_bytes(text.encode("utf-8"), "plan.yaml")
    return [(p.line, p.code, p.severity) for p in result.problems]


def codes_at(text: str, line: int) -> set[str]:
    return {code for at, code, _ in problems(text) if at == line}


def edit(old: str, new: str) -> str:
    assert VALID.count(old) == 1
    return VALID.replace(old, new)


HIDDEN_BREAKS = ["\x85", "\u2028", "\u2029"]
INVISIBLE = [chr(c) for c in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A))]

#: Where a character can hide: (name, function putting `char` on the signer's line).
PLACES = {
    "comment": lambda char: edit(NAME_LINE, f"{NAME_LINE}  # ghi chú{char} so: 666"),
    "key": lambda char: edit(NAME_LINE, f"  ho{char}_ten: Hoàng Văn Mẫn"),
    "plain-value": lambda char: edit(NAME_LINE, f"  ho_ten: Hoàng{char}Văn Mẫn"),
    "quoted-value": lambda char: edit(NAME_LINE, f'  ho_ten: "Hoàng{char}Văn Mẫn"'),
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("char", HIDDEN_BREAKS, ids=lambda c: f"U+{ord(c):04X}")
def test_hidden_line_breaks_are_errors_at_the_editors_line(char: str, place: str) -> None:
    # A problem further down must keep the editor's line number too.
    text = PLACES[place](char) + "sai_khoa: x\n"
    found = problems(text)

    assert (SIGNER_LINE, "hidden-line-break", Severity.ERROR) in found
    assert (19, "unknown-key", Severity.ERROR) in found
    assert "666" not in str(validate_bytes(text.encode(), "p").plan)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_reported_at_their_line(char: str, place: str) -> None:
    found = codes_at(PLACES[place](char), SIGNER_LINE)

    assert "invisible-char" in found
    if place == "key":
        assert "unknown-key" in found


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_a_key_with_an_invisible_character_is_shown_escaped(char: str) -> None:
    result = validate_bytes(PLACES["key"](char).encode("utf-8"), "plan.yaml")
    message = next(p.message for p in result.problems if p.code == "unknown-key")

    assert char not in message
    assert f"ho\\u{ord(char):04x}_ten" in message


INVISIBLE_ONLY = [
    *INVISIBLE,
    "\u2060",
    "\ufeff",
    "\u200b\u200b\u200b",
    " \u200b ",
    "\u200d\u2060\u200c",
    "\u202e\u202c",
]


# A plain YAML value loses its outer spaces anyway, so values with them are only tried quoted.
INVISIBLE_ONLY_CASES = [
    (value, style)
    for value in INVISIBLE_ONLY
    for style in ("plain", "double-quoted-escape", "double-quoted-raw")
    if style != "plain" or value == value.strip()
]


@pytest.mark.parametrize(
    ("value", "style"),
    INVISIBLE_ONLY_CASES,
    ids=["+".join(f"{ord(c):04X}" for c in value) + f"-{style}" for value, style in INVISIBLE_ONLY_CASES],
)
def test_invisible_only_text_is_empty_text(value: str, style: str) -> None:
    if style == "plain":
        written = value
    elif style == "double-quoted-escape":
        written = '"' + "".join(f"\\u{ord(c):04x}" for c in value) + '"'
    else:
        written = f'"{value}"'
    text = edit(NAME_LINE, f"  ho_ten: {written}")

    found = problems(text)

    assert (SIGNER_LINE, "empty-text", Severity.ERROR) in found


OPENERS = [
    ("[", "noi_nhan: [UBND huyện Cao Lộc,"),
    ("{", "co_quan_2: {ten: Ủy ban,"),
    ("nested", "noi_nhan: [[UBND huyện Cao Lộc,"),
]


@pytest.mark.parametrize("gap", [0, 1, 3, 10])
@pytest.mark.parametrize(("kind", "opener"), OPENERS, ids=[k for k, _ in OPENERS])
def test_unclosed_bracket_is_shown_where_it_opened_and_where_reading_stopped(
    kind: str, opener: str, gap: int
) -> None:
    filler = "".join(f"  Đảng ủy xã {n}\n" for n in range(gap))
    text = "nam: 2024\n" + opener + "\n" + filler + "ngay: 2024-03\ntrich_yeu: x\n"

    result = validate_bytes(text.encode("utf-8"), "plan.yaml")
    [problem] = [p for p in result.problems if p.code == "yaml-syntax"]

    assert problem.line == 2
    # Opened on line 2; PyYAML reads on to a key below the list (`ngay` or `trich_yeu`).
    assert f"dòng {3 + gap}," in problem.message or f"dòng {4 + gap}," in problem.message


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("  ho_ten: Hoàng\tVăn Mẫn", "TAB_IN_VALUE"),
        ("  ho_ten: Hoàng Văn\tMẫn", "TAB_IN_VALUE"),
        ("  ho_ten: Hoàng Văn Mẫn\t# ghi chú", "TAB_IN_VALUE"),
        ("  ho_ten:\tHoàng Văn Mẫn", "TAB_AFTER_MARK"),
        ("\tho_ten: Hoàng Văn Mẫn", "indentation"),
        (" \tho_ten: Hoàng Văn Mẫn", "indentation"),
    ],
)
def test_a_tab_is_named_for_where_it_is(line: str, kind: str) -> None:
    from bdg_plan import messages as msg

    result = validate_bytes(edit(NAME_LINE, line).encode("utf-8"), "plan.yaml")
    [problem] = [p for p in result.problems if p.code == "yaml-syntax"]

    assert problem.line == SIGNER_LINE
    if kind == "indentation":
        assert "thụt lề" in problem.message and "giữa giá trị" not in problem.message
    else:
        assert problem.message.startswith(getattr(msg, kind))


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE], ids=["le", "be"])
@pytest.mark.parametrize("surrogate", [0xD800, 0xDBFF, 0xDC00, 0xDFFF], ids=hex)
@pytest.mark.parametrize("prefix", ["", "Hoàng ", "Hoàng Văn Mẫn 😀 "])
def test_utf16_lone_surrogate_column_is_in_characters(bom: bytes, surrogate: int, prefix: str) -> None:
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    order = "little" if codec == "utf-16-le" else "big"
    head = ("nam: 2024\nho_ten: " + prefix).encode(codec)
    data = bom + head + surrogate.to_bytes(2, order) + "x\n".encode(codec)

    result = validate_bytes(data, "plan.yaml")
    [problem] = result.problems

    assert (problem.line, problem.code) == (2, "encoding")
    # The character column an editor shows: "ho_ten: " is 8 characters, the emoji is one.
    assert problem.column == len("ho_ten: " + prefix) + 1


@pytest.mark.parametrize("length", [1_000, 20_000])
@pytest.mark.parametrize("fits", [True, False])
def test_aliases_are_bounded_in_expanded_characters(length: int, fits: bool) -> None:
    text = "x" * length
    times = MAX_EXPANDED_CHARS // length - 2 if fits else MAX_EXPANDED_CHARS // length + 1
    plan = f"a: &t {text}\nb: [{', '.join(['*t'] * times)}]\n"

    doc = loader.load_yaml(loader.SourceText("plan.yaml", plan))

    limit_codes = [p.code for p in doc.problems if p.code in ("alias-limit", "too-large")]
    assert limit_codes == ([] if fits else ["alias-limit"])


def test_character_budget_counts_keys_too() -> None:
    key = "k" * 1_000  # a plain key is at most 1,024 characters in YAML
    plan = f"a: &m {{{key}: 1}}\nb: [{', '.join(['*m'] * (MAX_EXPANDED_CHARS // 1_001 + 1))}]\n"

    doc = loader.load_yaml(loader.SourceText("plan.yaml", plan))

    assert [p.code for p in doc.problems] == ["alias-limit"]


def test_all_variation_lists_are_non_trivial() -> None:
    assert len(INVISIBLE) == 5 + 5 + 4
    assert len(list(itertools.product(HIDDEN_BREAKS, PLACES))) == 12
