"""A commune's references to itself, rewritten for another commune (bdg_plan.commands.self_reference)."""

from __future__ import annotations

import itertools

import pytest

from bdg_plan.commands.self_reference import Unit, apply, self_references, unit_dependent_words

GIA_CAT = Unit("xã", "Gia Cát")
KY_LUA = Unit("phường", "Kỳ Lừa")
DONG_DANG = Unit("xã", "Đồng Đăng")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ủy ban nhân dân xã Gia Cát ban hành", "Ủy ban nhân dân phường Kỳ Lừa ban hành"),
        ("ỦY BAN NHÂN DÂN XÃ GIA CÁT", "ỦY BAN NHÂN DÂN PHƯỜNG KỲ LỪA"),
        ("UBND xã chỉ đạo", "UBND phường chỉ đạo"),
        ("trên địa bàn xã năm 2024", "trên địa bàn phường năm 2024"),
        ("của xã./.", "của phường./."),
        ("toàn xã", "toàn phường"),
        ("Xã Gia Cát có 12 thôn", "Phường Kỳ Lừa có 12 thôn"),
        # Not the commune itself: the level, other communes, lists of kinds, other words.
        ("cán bộ cấp xã", "cán bộ cấp xã"),
        ("UBND các xã, phường, thị trấn", "UBND các xã, phường, thị trấn"),
        ("mỗi xã một mô hình", "mỗi xã một mô hình"),
        ("03 xã vùng sâu", "03 xã vùng sâu"),
        ("các phường, xã", "các phường, xã"),
        ("tổ chức chính trị - xã hội", "tổ chức chính trị - xã hội"),
        ("Lao động - Thương binh và Xã hội", "Lao động - Thương binh và Xã hội"),
        ("phối hợp với xã Hồng Phong", "phối hợp với xã Hồng Phong"),
        ("chợ Gia Cát", "chợ Gia Cát"),  # a market keeps its name: batch reports it as a leftover
    ],
)
def test_xa_to_phuong(text: str, expected: str) -> None:
    assert apply(text, self_references(text, GIA_CAT, KY_LUA)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ủy ban nhân dân phường Kỳ Lừa ban hành", "Ủy ban nhân dân xã Đồng Đăng ban hành"),
        ("UBND phường; trên địa bàn phường.", "UBND xã; trên địa bàn xã."),
        ("các phường, xã", "các phường, xã"),
        ("Phường Kỳ Lừa", "Xã Đồng Đăng"),
    ],
)
def test_phuong_to_xa(text: str, expected: str) -> None:
    assert apply(text, self_references(text, KY_LUA, DONG_DANG)) == expected


def test_same_kind_changes_only_the_name() -> None:
    text = "UBND xã Gia Cát và các thôn trên địa bàn xã"
    rewrites = self_references(text, GIA_CAT, DONG_DANG)
    assert [(r.old, r.new) for r in rewrites] == [("xã Gia Cát", "xã Đồng Đăng")]


def test_rewrites_are_ordered_and_do_not_overlap() -> None:
    text = "UBND xã Gia Cát; của xã; xã Gia Cát; UBND xã"
    rewrites = self_references(text, GIA_CAT, KY_LUA)
    spans = [(r.start, r.end) for r in rewrites]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert len(rewrites) == 4


def test_unit_dependent_words_are_counted_not_rewritten() -> None:
    text = "các thôn, bản và tổ dân phố; Thôn Nà Lầy"
    assert [w.lower() for w in unit_dependent_words(text)] == ["thôn", "bản", "tổ dân phố", "thôn"]
    assert apply(text, self_references(text, GIA_CAT, KY_LUA)) == text
