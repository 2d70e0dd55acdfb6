"""The example plan reproduces the seed plan word for word (tests/fixtures/seed is ../shared/seed)."""

from __future__ import annotations

import re

import pytest

from bdg_plan import api
from tests.conftest import EXAMPLE_PLAN, ROOT, SEED
from tests.docx_xml import Docx


def words(text: str) -> list[str]:
    """Words of a text, Markdown marks removed, with the seed's two typing accidents mended.

    The seed is the Markdown text of a .docx: "**", "#", "***" are its formatting, and one line
    is broken after "KH-" by the conversion ("210/KH-" / "UBND"). A space typed before ";" in two
    recipients ("huyện ;") is not a word of its own.
    """
    text = re.sub(r"[*#]+", " ", text)
    text = re.sub(r"KH-\s+UBND", "KH-UBND", text)
    text = re.sub(r"\s+([;,.:])", r"\1", text)
    return text.split()


def rendered_words() -> list[str]:
    result = api.validate(EXAMPLE_PLAN)
    assert result.plan is not None
    return words(Docx(api.render_plan(result.plan)).all_text())


def test_fixture_is_the_shared_seed() -> None:
    shared = ROOT.parent / "shared" / "seed" / SEED.name
    if not shared.exists():
        pytest.skip("no ../shared/seed beside this checkout (CI and developers have it)")
    assert shared.read_bytes() == SEED.read_bytes()


def test_every_seed_word_in_order() -> None:
    seed = words(SEED.read_text(encoding="utf-8"))
    rendered = rendered_words()
    position = 0
    for index, word in enumerate(seed):
        try:
            position = rendered.index(word, position) + 1
        except ValueError:
            context = " ".join(seed[max(0, index - 8) : index + 3])
            raise AssertionError(
                f"seed word {index} {word!r} missing or out of order near: {context}"
            ) from None


def test_body_is_exactly_the_seed_body() -> None:
    """Between "KẾ HOẠCH" and "Nơi nhận:" nothing is added, dropped or reordered."""
    seed = words(SEED.read_text(encoding="utf-8"))
    rendered = rendered_words()

    def segment(items: list[str]) -> list[str]:
        start = items.index("KẾ")
        end = items.index("Nơi")
        return items[start:end]

    assert segment(rendered) == segment(seed)


def test_header_and_closing_words() -> None:
    rendered = rendered_words()
    text = " ".join(rendered)
    assert text.startswith("ỦY BAN NHÂN DÂN XÃ HỒNG PHONG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "Số: /KH-UBND Hồng Phong, ngày tháng 3 năm 2023 KẾ HOẠCH" in text
    assert text.endswith("- Lưu: VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Văn Mẫn")
