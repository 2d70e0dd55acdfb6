"""The patterns that read a clerk's text never backtrack over it more than once.

A căn cứ "Căn cứ Kế hoạch số " followed by 19,900 digits once took seconds to validate: in
`\\d+[\\w.\\-]*/` both repeats take digits, so before failing the engine tried every way to split
the run between them, a number of steps quadratic in its length. The rule held here instead:
a repeat without upper bound is never followed by something that can start with a character
the repeat also takes. Then, when what follows fails, giving characters back cannot help and
each one is given back once. The rule is read from each compiled pattern's parse tree, not its
text, and it is checked on the faulty forms too, so it can fail.

Python 3.10 has neither possessive quantifiers nor atomic groups, so the patterns say the same
thing without them; what they match is compared with the former forms on generated text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bdg_plan import pipeline
from bdg_plan.commands import new_year, new_year_review, reform, self_reference, year_mentions
from bdg_plan.rules import admin_map, body, citations, dates, header, outline, review_marks, validate
from bdg_plan.rules.citations import recognise
from tests.conftest import ROOT

try:  # Python 3.11 and later
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile
    import sre_constants
    import sre_parse

#: Every module whose patterns read text a clerk wrote.
MODULES: tuple[ModuleType, ...] = (
    admin_map,
    body,
    citations,
    dates,
    header,
    outline,
    review_marks,
    validate,
    new_year,
    new_year_review,
    reform,
    self_reference,
    year_mentions,
)

#: The characters tried against each part of a pattern: ASCII, blanks, Vietnamese letters, dashes.
PROBE = frozenset(
    string.printable
    + "\u00a0\u2003\u3000\u200b"
    + "Đđăâêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ"
    + "ÀÁẠẢÃẦẤẬẨẪẰẮẶẲẴÈÉẸẺẼỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕỒỐỘỔỖỜỚỢỞỠÙÚỤỦŨỪỨỰỬỮỲÝỴỶỸ"
    + "–—•&٣"
)

_ONE_CHARACTER = {
    sre_constants.LITERAL,
    sre_constants.NOT_LITERAL,
    sre_constants.IN,
    sre_constants.ANY,
    sre_constants.CATEGORY,
}
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}


class _Overlaps:
    """Find every unbounded repeat of a pattern followed by what can start like it."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.tree = sre_parse.parse(pattern.pattern, pattern.flags)
        self.flags = pattern.flags
        self.found: list[str] = []

    def run(self) -> list[str]:
        self._check(list(self.tree), frozenset())
        return self.found

    def _chars(self, item: Any) -> frozenset[str]:
        matcher = sre_compile.compile(sre_parse.SubPattern(self.tree.state, [item]), self.flags)
        return frozenset(c for c in PROBE if matcher.fullmatch(c))

    def _first(self, items: Iterable[Any]) -> tuple[frozenset[str], bool]:
        """The characters a sequence can start with, and whether it can match nothing."""
        chars: frozenset[str] = frozenset()
        for item in items:
            start, empty = self._first_of(item)
            chars |= start
            if not empty:
                return chars, False
        return chars, True

    def _first_of(self, item: Any) -> tuple[frozenset[str], bool]:
        op, av = item
        if op in _ONE_CHARACTER:
            return self._chars(item), False
        if op in _ZERO_WIDTH:
            return frozenset(), True
        if op is sre_constants.SUBPATTERN:
            return self._first(av[3])
        if op is sre_constants.BRANCH:
            firsts = [self._first(branch) for branch in av[1]]
            return frozenset().union(*(f for f, _ in firsts)), any(e for _, e in firsts)
        if op in _REPEATS:
            start, empty = self._first(av[2])
            return start, empty or av[0] == 0
        return PROBE, True  # a back reference: anything

    def _check(self, items: list[Any], follow: frozenset[str]) -> None:
        """`follow`: what may come after `items` (their continuation in the pattern)."""
        for index, (op, av) in enumerate(items):
            rest, rest_empty = self._first(items[index + 1 :])
            after = rest | follow if rest_empty else rest
            if op in _REPEATS:
                start, _ = self._first(av[2])
                if av[1] == sre_constants.MAXREPEAT and start & after:
                    shared = "".join(sorted(start & after))[:12]
                    self.found.append(f"repeat at item {index} shares {shared!r} with what follows")
                self._check(list(av[2]), start | after)
            elif op is sre_constants.SUBPATTERN:
                self._check(list(av[3]), after)
            elif op is sre_constants.BRANCH:
                for branch in av[1]:
                    self._check(list(branch), after)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                self._check(list(av[1]), frozenset())


def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        f"{module.__name__}.{name}": value
        for module in MODULES
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    }


def test_the_patterns_of_clerk_text_are_all_found() -> None:
    names = set(_patterns())
    assert {
        "bdg_plan.rules.citations._NUMBER",
        "bdg_plan.rules.citations._SHORT_DATE",
        "bdg_plan.rules.dates._PLAN_YEAR",
        "bdg_plan.rules.body.UNFILLED_MARKER",
        "bdg_plan.commands.year_mentions._IDENTITY",
        "bdg_plan.commands.year_mentions._WORD_YEAR",
        "bdg_plan.commands.reform._LABOUR_ANY",
    } <= names
    assert len(names) >= 40


@pytest.mark.parametrize("name", sorted(_patterns()))
def test_no_repeat_is_followed_by_what_can_start_like_it(name: str) -> None:
    assert _Overlaps(_patterns()[name]).run() == []


#: The former forms, each of which backtracked quadratically on a long run.
FORMER_NUMBER = re.compile(
    r"(?<!\w)số\s*:?[ \t\u00a0]+(\d+[\w.\-]*/[\w&.\-/]*[\w&]|\d+-[\w&\-/]*[\w&])", re.I
)
FORMER_LABOUR = re.compile(
    r"(?:Lao\s+động\s*[-–]\s*Thương\s+binh\s+và\s+Xã\s+hội|LĐ\s*[-–]?\s*TB\s*(?:&|và|,)?\s*XH|LĐTBXH|LĐTB)",
    re.I,
)


FORMER_IDENTITY = re.compile(
    r"\s*(?:số\s*:?\s*\d|\d{1,6}[\w.\-]*/|ngày\s+\d{1,2}\s*(?:[/.\-]|tháng))", re.IGNORECASE
)


@pytest.mark.parametrize(
    ("former", "overlaps"),
    [(FORMER_NUMBER, 4), (FORMER_LABOUR, 2), (FORMER_IDENTITY, 1)],
    ids=["number", "labour", "identity"],
)
def test_the_rule_catches_the_former_forms(former: re.Pattern[str], overlaps: int) -> None:
    assert len(_Overlaps(former).run()) == overlaps


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | Any, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


_NUMBER_PIECES = ["số", "Số", "số:", " ", "  ", "\t", "\n", "\u00a0", "\u2003", ":", "1", "28", "0"]
_NUMBER_PIECES += ["/", "-", ".", "&", "NQ", "CP", "đ", "Đ", ";", "x", "_", "(", "số 1/", "số 11-"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=24).map("".join))
def test_the_number_matches_what_the_former_form_matched(text: str) -> None:
    assert _matches(citations._NUMBER, text) == _matches(FORMER_NUMBER, text)


_LABOUR_PIECES = ["LĐ", "lđ", "TB", "tb", "XH", " ", "\n", "-", "–", "&", "và", ",", "x", "Lao", "động"]
_LABOUR_PIECES += ["Thương", "binh", "Xã", "hội", "LĐTB", "Sở ", "Bộ ", "Phòng "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LABOUR_PIECES), max_size=20).map("".join))
def test_the_labour_name_matches_what_the_former_form_matched(text: str) -> None:
    for now, former_text in ((reform._LABOUR_ANY, FORMER_LABOUR.pattern),):
        assert _matches(now, text) == _matches(re.compile(former_text, re.I), text)
    former_office = re.compile(rf"(?<!\w)(?:Phòng|P\.?)\s+{FORMER_LABOUR.pattern}", re.I)
    assert _matches(reform._LABOUR_OFFICE, text) == _matches(former_office, text)


_IDENTITY_PIECES = ["số", "Số", " ", "\n", ":", "1", "12", "/", "ngày", "tháng", "-", "x", "KH"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_IDENTITY_PIECES), max_size=16).map("".join))
def test_a_citations_identity_matches_what_the_former_form_matched(text: str) -> None:
    for position in range(len(text) + 1):
        now, former = year_mentions._IDENTITY.match(text, position), FORMER_IDENTITY.match(text, position)
        assert (now and now.span()) == (former and former.span())


def test_new_year_reads_a_citation_with_twenty_thousand_blanks_after_so() -> None:
    text = "Thực hiện Kế hoạch số" + " " * 19_900 + "108/KH-UBND năm 2024; tổ chức năm 2024"
    mentions = year_mentions.classify(text, 2024, 2025)
    assert [(m.kind, m.new) for m in mentions] == [(year_mentions.CITED, None), (year_mentions.PLAN, "2025")]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Căn cứ Kế hoạch số 108/KH-UBND ngày 06/3/2023 của UBND huyện", "108/KH-UBND"),
        ("Căn cứ Nghị quyết số: 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị", "11-NQ/TW"),
        ("Căn cứ Công văn số\u00a0739/BNV-CTTN&BĐG.", "739/BNV-CTTN&BĐG"),
        ("Căn cứ Kế hoạch số 12/KH-UBND//; của", "12/KH-UBND"),
        ("Căn cứ Kế hoạch số\n12/KH-UBND", None),
        ("Căn cứ Kế hoạch số:12/KH-UBND", None),
    ],
)
def test_numbers_read_as_before(sentence: str, number: str | None) -> None:
    assert recognise(sentence).so_ky_hieu == number


def test_a_number_of_twenty_thousand_characters_is_read_whole() -> None:
    digits = "1" * 19_900
    assert recognise(f"Căn cứ Kế hoạch số {digits}/KH-UBND").so_ky_hieu == f"{digits}/KH-UBND"
    assert recognise(f"Căn cứ Kế hoạch số {digits}").so_ky_hieu is None


def test_a_plan_of_ten_twenty_thousand_character_citations_validates() -> None:
    path = ROOT / "tests" / "hostile" / "long-citation-numbers.yaml"
    data = path.read_bytes()
    assert len(data) > 200_000
    result = pipeline.validate_bytes(data, path.name, path.parent)
    assert result.plan is not None
    assert len(result.plan.can_cu) == 10
    assert [p.code for p in result.problems] == []
