"""A template cannot grow a list or dict in place past the sandbox's value limit.

Counted in items, not timed: each template gets a list (or dict) of its own through the context
and the test reads how many items it holds once the template has been stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bdg_plan import messages as msg
from bdg_plan.compose.templating import MAX_TEMPLATE_STEPS, MAX_TEMPLATE_VALUE, render_template
from bdg_plan.errors import TemplateError

TOO_BIG = msg.TEMPLATE_TOO_BIG.format(limit=MAX_TEMPLATE_VALUE)

GROWTH = [
    # Doubling: 2**40 items if nothing stops it (about 8 TB of pointers).
    "{% for i in range(40) %}{{ items.extend(items) }}{% endfor %}",
    # Doubling through a one-pass iterable the size of the list itself.
    "{% for i in range(40) %}{{ items.extend(items|map('string')) }}{% endfor %}",
    # Appending the list's copies: a million-item walk at most, then refused.
    "{% for i in range(40) %}{{ items.append(items[:]) }}{% endfor %}",
    # One item at a time: the step budget ends it.
    "{% for i in range(100000) %}{% for j in range(12) %}{{ items.append(j) }}{% endfor %}{% endfor %}",
    "{% for i in range(40) %}{{ items.extend(range(100000)) }}{% endfor %}",
]


def _render(tmp_path: Path, template: str, **context: Any) -> str:
    (tmp_path / "ke-hoach.md.j2").write_text(template, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_template("ke-hoach.md.j2", tmp_path, **context)
    return str(caught.value)


@pytest.mark.parametrize("template", GROWTH)
def test_a_list_grown_in_place_stops_at_the_limit(template: str, tmp_path: Path) -> None:
    items: list[Any] = [1]
    message = _render(tmp_path, template, items=items)
    assert TOO_BIG in message or msg.TEMPLATE_TOO_LONG.format(limit=MAX_TEMPLATE_STEPS) in message
    assert "dòng 1" in message
    assert len(items) <= MAX_TEMPLATE_VALUE


def test_a_doubling_list_is_refused_before_it_passes_the_limit(tmp_path: Path) -> None:
    items: list[Any] = [1]
    message = _render(tmp_path, "{% for i in range(40) %}{{ items.extend(items) }}{% endfor %}", items=items)
    assert TOO_BIG in message
    # Stopped among the last doublings under 1,000,000 items (values added are counted too).
    assert len(items) in (2**18, 2**19)


@pytest.mark.parametrize("template", ["{{ table.update(big) }}", "{{ table.update(big.items()) }}"])
def test_a_dict_is_not_grown_past_the_limit(template: str, tmp_path: Path) -> None:
    table: dict[Any, Any] = {}
    big = {number: str(number) for number in range(400_000)}  # 400,000 pairs of 2 values each
    message = _render(tmp_path, template, table=table, big=big)
    assert TOO_BIG in message
    assert table == {}  # refused before the update ran


def test_copies_appended_one_by_one_stop_at_the_limit(tmp_path: Path) -> None:
    items: list[Any] = []
    message = _render(
        tmp_path,
        "{% for i in range(1000) %}{{ items.append(big[:]) }}{% endfor %}",
        items=items,
        big=[0] * 300_000,
    )
    assert TOO_BIG in message
    # A copy counts its 300,000 items and their 300,000 values: a second one passes 1,000,000.
    assert len(items) == 1


def test_growing_a_little_is_still_allowed(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.md.j2").write_text(
        "{% set seen = [] %}{% for i in range(1000) %}{{ seen.append(i) }}{% endfor %}"
        "{% set more = {} %}{{ more.update({'a': 1}) }}{{ seen|length }} {{ more|length }}\n",
        encoding="utf-8",
    )
    _, values = render_template("ke-hoach.md.j2", tmp_path)
    assert "1000" in values and "1" in values


def test_a_template_out_of_memory_gives_a_reason(tmp_path: Path) -> None:
    class Exhausting:
        def __str__(self) -> str:
            raise MemoryError

    message = _render(tmp_path, "{{ value|string }}", value=Exhausting())
    assert message.endswith(msg.TEMPLATE_OUT_OF_MEMORY)
