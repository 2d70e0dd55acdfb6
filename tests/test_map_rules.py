"""The 2025 map rules of validate (bdg_plan.rules.admin_map), table-driven on copies of the example.

Each case dates the example plan after 1/7/2025, names a province and a commune, and lists the
map problems expected: (code, severity, words the message must contain).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bdg_plan.api import validate_bytes
from bdg_plan.errors import Severity
from bdg_plan.facts.admin_map import load, name_key, unit_name
from bdg_plan.facts.place_names import keeps_unit_word, place_name
from tests.conftest import replace_lines

E, W = Severity.ERROR, Severity.WARNING

#: The example plan moved to August 2025 (after the reform); the year's other dates follow.
AFTER = (
    ("nam: 2023", "nam: 2025"),
    ("ngay: 2023-03", "ngay: 2025-08"),
    ("  tu: 2023-11-15", "  tu: 2025-11-15"),
    ("  den: 2023-12-15", "  den: 2025-12-15"),
)
#: A căn cứ issued by the province, not the old district (no district to map through).
NO_DISTRICT = (("    co_quan: UBND huyện Cao Lộc", "    co_quan: UBND tỉnh Lạng Sơn"),)


@dataclass(frozen=True)
class Case:
    id: str
    ten: str | None = "Ủy ban nhân dân xã Đồng Đăng"
    tinh: str | None = "Lạng Sơn"
    dia_danh: str = "Đồng Đăng"
    expected: list[tuple[str, Severity, tuple[str, ...]]] = field(default_factory=list)
    edits: tuple[tuple[str, str], ...] = ()
    dated: tuple[tuple[str, str], ...] = AFTER


def plan_text(example_text: str, case: Case) -> str:
    co_quan = [f"  ten: {case.ten}", f"  dia_danh: {case.dia_danh}"]
    if case.tinh is not None:
        co_quan.insert(1, f"  tinh: {case.tinh}")
    edits = (
        *case.dated,
        *case.edits,
        ("  ten: Ủy ban nhân dân xã Hồng Phong", "\n".join(co_quan[:-1])),
        ("  dia_danh: Hồng Phong", co_quan[-1]),
    )
    return replace_lines(example_text, *edits)


CASES = [
    # --- a current name -----------------------------------------------------------------------
    Case("current-name"),
    Case("current-name-person-place", "Ủy ban nhân dân xã Hoàng Văn Thụ", dia_danh="Xã Hoàng Văn Thụ"),
    Case("current-phuong", "Ủy ban nhân dân phường Tam Thanh", dia_danh="Tam Thanh"),
    Case("province-with-unit-word", tinh="tỉnh Lạng Sơn"),
    Case("old-tone-placement", "Ủy ban nhân dân xã Thanh Thuỷ", tinh="Phú Thọ", dia_danh="Thanh Thủy"),
    # --- an old name --------------------------------------------------------------------------
    Case(
        "vanished-through-district",
        "Ủy ban nhân dân xã Gia Cát",
        dia_danh="Gia Cát",
        expected=[("map-commune-merged", E, ("xã Gia Cát", "huyện Cao Lộc", "phường Kỳ Lừa", "01/7/2025"))],
    ),
    Case(
        "vanished-without-district",
        "Ủy ban nhân dân xã Gia Cát",
        dia_danh="Gia Cát",
        edits=NO_DISTRICT,
        expected=[("map-commune-merged", E, ("phường Kỳ Lừa", "Có phải ý bạn là"))],
    ),
    Case(
        "namesake-of-old-district",
        "Ủy ban nhân dân xã Hồng Phong",
        dia_danh="Hồng Phong",
        expected=[("map-commune-old-district", W, ("huyện Cao Lộc", "xã Đồng Đăng", "huyện Bình Gia"))],
    ),
    Case("namesake-kept-its-name", "Ủy ban nhân dân xã Hồng Phong", dia_danh="Hồng Phong", edits=NO_DISTRICT),
    # --- a wrong unit word ------------------------------------------------------------------
    Case(
        "xa-is-a-phuong",
        "Ủy ban nhân dân xã Tam Thanh",
        dia_danh="Tam Thanh",
        expected=[("map-unit-word", E, ("Tam Thanh", "là phường", "phường Tam Thanh"))],
    ),
    Case(
        "thi-tran-is-gone",
        "Ủy ban nhân dân thị trấn Đồng Đăng",
        expected=[("map-unit-word", E, ("là xã", "xã Đồng Đăng"))],
    ),
    # --- a split commune --------------------------------------------------------------------
    Case(
        "split-commune",
        "Ủy ban nhân dân xã Bính Xá",
        dia_danh="Bính Xá",
        edits=NO_DISTRICT,
        expected=[("map-commune-merged", E, ("đã chia vào", "xã Đình Lập", "xã Kiên Mộc"))],
    ),
    # --- a typo -------------------------------------------------------------------------------
    Case(
        "typo-in-commune",
        "Ủy ban nhân dân xã Đồng Đăg",
        dia_danh="Đồng Đăg",
        expected=[("map-commune-unknown", E, ("Không có 'xã Đồng Đăg'", "Có phải ý bạn là 'xã Đồng Đăng'"))],
    ),
    Case(
        "typo-in-province",
        tinh="Lang Son",
        expected=[("map-province-unknown", E, ("'Lang Son'", "Có phải ý bạn là 'Lạng Sơn'"))],
    ),
    # --- the province -------------------------------------------------------------------------
    Case("province-missing", tinh=None, expected=[("map-province-missing", E, ("co_quan.tinh",))]),
    Case(
        "old-province",
        tinh="Bắc Giang",
        expected=[("map-province-merged", E, ("Tỉnh Bắc Giang", "tỉnh Bắc Ninh", "tinh: Bắc Ninh"))],
    ),
    Case(
        "commune-of-another-province",
        tinh="Cao Bằng",
        expected=[("map-commune-unknown", E, ("tỉnh Cao Bằng",))],
    ),
    # --- the date line's place name -----------------------------------------------------------
    Case(
        "place-is-another-commune",
        dia_danh="Hồng Phong",
        expected=[("map-place-mismatch", E, ("'Hồng Phong'", "xã Đồng Đăng"))],
    ),
    Case(
        "place-has-wrong-unit-word",
        dia_danh="Phường Đồng Đăng",
        expected=[("map-place-mismatch", E, ("'phường'", "xã Đồng Đăng"))],
    ),
    Case(
        "place-of-a-unit-named-after-a-person-needs-its-unit-word",
        "Ủy ban nhân dân phường Lương Văn Tri",
        dia_danh="Lương Văn Tri",
        expected=[("map-place-unit-word", W, ("'Phường Lương Văn Tri, ngày", "Phụ lục I, Mục II.4"))],
    ),
    # --- before the reform nothing is checked against the map ---------------------------------
    Case(
        "before-reform-old-name",
        "Ủy ban nhân dân xã Gia Cát",
        tinh=None,
        dia_danh="Gia Cát",
        dated=(),
    ),
    Case("before-reform-unknown-province", tinh="Bắc Giang", dated=()),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_map_rule(case: Case, example_text: str) -> None:
    result = validate_bytes(plan_text(example_text, case).encode("utf-8"), "plan.yaml")
    found = [p for p in result.problems if p.code.startswith("map-")]

    assert [(p.code, p.severity) for p in found] == [(code, sev) for code, sev, _words in case.expected]
    for problem, (_code, _severity, words) in zip(found, case.expected, strict=True):
        for word in words:
            assert word in problem.message, (word, problem.message)
    # A missing province is reported where co_quan's entries start (the body's name).
    line_of = {"map-province-unknown": "  tinh:"}
    line_of |= {"map-province-merged": "  tinh:", "map-place-mismatch": "  dia_danh:"}
    line_of |= {"map-place-unit-word": "  dia_danh:"}
    lines = plan_text(example_text, case).split("\n")
    for problem in found:
        start = line_of.get(problem.code, "  ten:")
        assert lines[problem.line - 1].startswith(start), problem


def test_every_commune_of_a_province_is_valid_under_its_own_name(example_text: str) -> None:
    """Each of Lạng Sơn's communes, named as the map names it, raises no map problem."""
    province = load().province("Lạng Sơn")
    assert province is not None and len(province.communes) == 65
    for commune in province.communes[:: len(province.communes) // 8]:
        case = Case(
            str(commune.code),
            f"Ủy ban nhân dân {commune.full}",
            dia_danh=place_name(commune.kind, commune.name),
            edits=NO_DISTRICT,
        )
        result = validate_bytes(plan_text(example_text, case).encode("utf-8"), "plan.yaml")
        assert [p for p in result.problems if p.code.startswith("map-")] == [], commune


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("Thanh Thuỷ", "Thanh Thủy", True),
        ("Hoà An", "hòa an", True),
        ("Cư M’gar", "Cư M'gar", True),
        ("Chân Mây – Lăng Cô", "Chân Mây - Lăng Cô", True),
        ("Bắc  Đông Quan", "Bắc Đông Quan", True),
        ("Hòa", "Hóa", False),
        ("Quý", "Qúy", False),
    ],
)
def test_name_key(left: str, right: str, same: bool) -> None:
    assert (name_key(left) == name_key(right)) is same


def test_unit_name_reads_the_body() -> None:
    found = unit_name("Ủy ban nhân dân phường Văn Miếu - Quốc Tử Giám")
    assert found is not None and (found.kind, found.name) == ("phường", "Văn Miếu - Quốc Tử Giám")
    assert unit_name("Hội Liên hiệp Phụ nữ") is None


def test_table_counts_match_the_reform() -> None:
    """34 provinces and 3,321 communes since 1/7/2025; every old commune maps somewhere."""
    admin = load()
    provinces = [admin.province(name) for name in admin.province_names]
    assert len(provinces) == 34
    assert sum(len(p.communes) for p in provinces if p) == 3321
    assert {"vietnam-provinces", "vietnamadminunits"} <= set(admin.source)


@pytest.mark.parametrize(
    ("kind", "name", "place"),
    [
        ("xã", "Đồng Đăng", "Đồng Đăng"),
        ("phường", "Lương Văn Tri", "Phường Lương Văn Tri"),
        ("phường", "Điện Biên Phủ", "Phường Điện Biên Phủ"),
        ("phường", "Hà Giang 1", "Phường Hà Giang 1"),
        ("phường", "12", "Phường 12"),
        ("xã", "Hà Nam", "Hà Nam"),  # a place, though Hà is a surname
        ("đặc khu", "Phú Quốc", "Phú Quốc"),
    ],
)
def test_place_name(kind: str, name: str, place: str) -> None:
    assert place_name(kind, name) == place


def test_every_listed_person_or_event_is_a_unit_of_the_map() -> None:
    """The list of names after a person or an event holds only names the 2025 map has."""
    from bdg_plan.facts.place_names import NAMED_AFTER_PERSON_OR_EVENT

    admin = load()
    names = {name_key(c.name) for p in admin.province_names for c in admin.province(p).communes}  # type: ignore[union-attr]
    assert [n for n in NAMED_AFTER_PERSON_OR_EVENT if name_key(n) not in names] == []
    assert keeps_unit_word("Lương Văn Tri") and not keeps_unit_word("Kỳ Lừa")
