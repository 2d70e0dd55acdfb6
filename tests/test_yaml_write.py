"""The one YAML writer (`bdg_plan.plan.yaml_write`): whatever the text, the file means the data.

Keys and values go through one emitter, read back by the project's own loader; comment text
from outside stays inside its comment line; the key order is the model's.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bdg_plan.errors import Severity
from bdg_plan.plan import yaml_write
from bdg_plan.plan.loader import LoadedDocument, load_yaml
from bdg_plan.plan.model import Plan
from bdg_plan.plan.source import SourceText
from bdg_plan.plan.yaml_write import KEY_ORDER, comment, emit_plan, key, scalar

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: What the loader refuses in a text value: C0 controls but tab and newline, DEL and C1,
#: surrogates, U+2028/U+2029, U+FFFE/U+FFFF and the compose placeholders U+FFF9-U+FFFB.
REFUSED = (
    "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n")
    + "".join(chr(code) for code in range(0x7F, 0xA0))
    + "\u2028\u2029\ufff9\ufffa\ufffb\ufffe\uffff"
)
#: Invisible characters: a text of nothing else loads as "" (a missing value, on purpose).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Words and shapes YAML reads as something other than the text.
YAML_LOOKING = [
    *("yes", "No", "NO", "off", "On", "null", "Null", "~", "true", "False", "y", "n"),
    *("2024", "05", "010", "0x1F", "0o17", "1_000", "1e3", ".5", ".inf", "-.Inf", ".nan", "1:30"),
    *("2024-01-01", "2024-01-01 10:00:00", "2024-1-1"),
    *("<<", "=", "- a", "-", "? b", "?", ":", "a: b", "a:", "#c", "a #c", "&x", "*y", "!z", "!!str"),
    *("%d", "@e", "`f", "{g}", "{", "[h]", "]", "'i'", "'", '"j"', '"', "---", "...", "|", ">", "|-"),
    *("> k", " l ", "m\n n", "\n", "\t", "a\tb", "\\", "\\n", "a,b", "a]", "''", '""'),
]
TEXTS = st.one_of(
    st.sampled_from(YAML_LOOKING),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters=REFUSED)),
    st.builds(
        lambda word, tail: word + tail,
        st.sampled_from(YAML_LOOKING),
        st.text(st.characters(exclude_categories=("Cs",), exclude_characters=REFUSED), max_size=8),
    ),
).map(lambda text: unicodedata.normalize("NFC", text))
#: Comment text from outside: anything but lone surrogates (a file name that is not UTF-8 is
#: refused where the file is written, by one sentence naming it).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)))


def _load(text: str) -> LoadedDocument:
    return load_yaml(SourceText("t.yaml", text))


def _errors(doc: LoadedDocument) -> list[str]:
    return [p.code for p in doc.problems if p.severity is Severity.ERROR]


@SETTINGS
@given(text=TEXTS)
def test_any_text_survives_as_a_value_and_as_a_key(text: str) -> None:
    assume(not (INVISIBLE.search(text) and not INVISIBLE.sub("", text).strip()))
    data: dict[str, Any] = {
        "trich_yeu": text,
        "muc_dich": [text, {text: text}],
        "phu_luc": [{"bang": {"cot": [text], "dong": [{text: [text], "_": {text: text}}]}}],
    }

    doc = _load(emit_plan(data, head_comment="t"))

    assert doc.data == data
    assert _errors(doc) == []


@SETTINGS
@given(note=ANY_TEXT)
def test_any_comment_text_stays_in_its_comment(note: str) -> None:
    emitted = emit_plan({"nam": 2026}, head_comment=note, unplaced={"nam": [note], "so": [note]})

    doc = _load(emitted)

    assert doc.data == {"nam": 2026}
    assert doc.problems == []  # no hidden break, control or invisible character either
    assert all(line.startswith("#") for line in emitted.splitlines() if line and line != "nam: 2026")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Hồng Phong", "Hồng Phong"),
        ("<<ĐIỀN VÀO ĐÂY - tên xã>>", "<<ĐIỀN VÀO ĐÂY - tên xã>>"),
        ("O'Brien", "O'Brien"),
        ("Ghi chú: thêm", "'Ghi chú: thêm'"),
        ("2024", "'2024'"),
        ("No", "'No'"),
        ("~", "'~'"),
        ("'a'", "'''a'''"),
        (" cách ", "' cách '"),
        ("", "''"),
        ("a\tb", '"a\\tb"'),
        ("a\nb", '"a\\nb"'),
        ("a\u2028b", '"a\\Lb"'),
        ("a\x1bb", '"a\\eb"'),
    ],
)
def test_one_decision_for_values_and_keys(text: str, written: str) -> None:
    assert scalar(text) == written
    assert key(text) == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a:b", "a:b"),  # a plain value; as a key it could be read "a" and "b" by another reader
        ("a:", "'a:'"),
        ("<<", "'<<'"),  # a merge key as a plain key
    ],
)
def test_a_key_is_checked_as_a_key(text: str, written: str) -> None:
    assert key(text) == written
    assert _load(f"k:\n  {key(text)}: v\n").data == {"k": {text: "v"}}


def test_a_key_too_long_for_a_simple_key_is_written_as_an_explicit_key() -> None:
    long = "Nội dung " * 200  # 1,800 characters: YAML's simple keys stop at 1,024
    data = {"phu_luc": [{long.strip(): "v", "ngắn": {long: [long]}}]}

    emitted = emit_plan(data, head_comment="t")

    assert "? " in emitted
    assert _load(emitted).data == data


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("tệp.yaml", "tệp.yaml"),
        ("a\nso: 666", "a\\u000aso: 666"),
        ("a\r\nb", "a\\u000d\\u000ab"),
        ("a\u2028b\u2029c\x85d", "a\\u2028b\\u2029c\\u0085d"),
        ("a\x1b[2Jb\x00", "a\\u001b[2Jb\\u0000"),
        ("\u202eabc", "\\u202eabc"),
    ],
)
def test_comment_text_is_escaped_onto_one_line(text: str, written: str) -> None:
    assert comment(text) == written


def test_the_key_order_is_the_models_field_order() -> None:
    assert list(KEY_ORDER) == list(Plan.model_fields)
    data = {name: None for name in reversed(Plan.model_fields)}
    emitted = emit_plan(data, head_comment="t")
    order = [line.split(":")[0] for line in emitted.splitlines() if line and not line.startswith("#")]
    assert order == list(Plan.model_fields)


def test_multi_line_text_is_a_block_when_it_reads_back_so() -> None:
    emitted = emit_plan({"trich_yeu": "Dòng một\nDòng hai", "kinh_phi": "Dòng\n\tthụt"}, head_comment="t")

    assert "trich_yeu: |-\n  Dòng một\n  Dòng hai\n" in emitted
    assert 'kinh_phi: "Dòng\\n\\tthụt"\n' in emitted
    assert _load(emitted).data == {"trich_yeu": "Dòng một\nDòng hai", "kinh_phi": "Dòng\n\tthụt"}


def test_a_file_that_would_not_read_back_is_never_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_write, "_quoted", lambda text: text)
    with pytest.raises(AssertionError):
        emit_plan({"trich_yeu": "a: b"}, head_comment="t")


def test_a_line_that_found_no_place_keeps_its_lines_and_escapes_the_rest() -> None:
    lines = ["Dòng một\nDòng hai", "có\rCR", "có\u2028LS", "có\x1b[2J", "so: 666"]

    emitted = emit_plan({"nam": 2026}, head_comment="t", unplaced={"nam": lines})

    tail = emitted.split("nam: 2026\n")[1].splitlines()
    assert tail == [
        "# KHÔNG XẾP ĐƯỢC:",
        "#   Dòng một",
        "#   Dòng hai",
        "#   có\\u000dCR",
        "#   có\\u2028LS",
        "#   có\\u001b[2J",
        "#   so: 666",
    ]
    assert _load(emitted).problems == []


@pytest.mark.parametrize("odd", ["\n", "\t"], ids=["newline", "tab"])
def test_new_years_review_comment_quoting_a_value_stays_one_comment_line(odd: str) -> None:
    from bdg_plan.commands.new_year import roll_forward
    from bdg_plan.rules.review_marks import find_marks

    plan = Path(__file__).parent / "fixtures" / "new_year" / "plan2024-huyen.yaml"
    superior = f"UBND huyện{odd}Cao Lộc"
    written = superior.encode("unicode_escape").decode()
    text = plan.read_text("utf-8").replace("cap_tren: UBND huyện Cao Lộc", f'cap_tren: "{written}"')
    assert written in text

    result = roll_forward(text.encode("utf-8"), "cu.yaml", 2026)

    new_text = result.data.decode("utf-8")
    (line,) = [row for row in new_text.splitlines() if "Cơ quan chủ quản" in row]
    assert f"'UBND huyện\\u{ord(odd):04x}Cao Lộc'" in line
    # Every review is written (a comment broken in two used to make the file keep none).
    assert len(find_marks(new_text)) == len({(r.line, r.reason) for r in result.reviews})
    assert _load(new_text).data["co_quan"]["cap_tren"] == superior


def test_a_key_of_exactly_the_limit_is_simple_and_one_byte_more_is_explicit() -> None:
    at_limit = "k" * yaml_write._MAX_SIMPLE_KEY
    past = at_limit + "k"

    emitted = emit_plan({"phu_luc": [{at_limit: 1, past: 2}]}, head_comment="t")

    assert f"\n  - {at_limit}: 1\n" in emitted
    assert f"\n    ? {past}\n    : 2\n" in emitted
    assert _load(emitted).data == {"phu_luc": [{at_limit: 1, past: 2}]}


def test_new_year_writes_the_new_file_name_into_comments_as_a_comment_holds_it() -> None:
    import datetime as dt

    from bdg_plan.commands.new_year import roll_forward
    from bdg_plan.commands.starter import build_starter

    old = "cũ\n2026.yaml"
    text = build_starter(2026, "Đồng Đăng", "Hoàng Văn Nam", file_name=old, today=dt.date(2026, 3, 5))
    assert "bdg-plan validate cũ\\u000a2026.yaml" in text

    result = roll_forward(text.encode("utf-8"), old, 2027, lambda _old, _new: "mới\nso: 1.yaml")

    new_text = result.data.decode("utf-8")
    assert "bdg-plan validate mới\\u000aso: 1.yaml" in new_text
    assert "cũ" not in new_text
    doc = _load(new_text)
    assert doc.data["so"] is None and doc.data["nam"] == 2027
    assert [p.code for p in doc.problems if p.severity is Severity.ERROR] == []
