"""The rule families the validate stage runs, in order: one module per family.

Each family module (`header`, `body`, `dates`, `outline`, `admin_map`) documents itself in its
docstring, declares `CODES` (every code it may yield, with a line on what it flags) and offers
`check(plan)`, which yields its `Finding`s on a typed plan. A new rule goes into the family it
belongs to, its code into that family's `CODES`; a new family is added to `FAMILIES` below.
`tests/test_rules_registry.py` holds every family to this: each code a rule yields is declared,
and no code is declared by two families.

The stage's own codes (a missing key, a value of the wrong type, a `# CẦN XEM LẠI` comment) are
not rules of the plan's content: `bdg_plan.rules.validate` makes them from pydantic's errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from bdg_plan.plan.model import Plan
from bdg_plan.rules import admin_map, body, dates, header, outline
from bdg_plan.rules.finding import Finding


class Family(Protocol):
    """What a rule family module offers (a module satisfies this protocol)."""

    CODES: dict[str, str]

    def check(self, plan: Plan) -> Iterator[Finding]:
        """Every finding of the family's rules on a typed plan."""
        ...


#: The families validate runs on a typed plan, in this order.
FAMILIES: tuple[Family, ...] = (header, body, dates, outline, admin_map)


def domain_rules(plan: Plan) -> Iterator[Finding]:
    """Every family's findings on a typed plan: the rules of Decree 30 and the 2025 reform."""
    for family in FAMILIES:
        yield from family.check(plan)


def header_rules(data: dict[str, Any]) -> Iterator[Finding]:
    """The findings that can be had from raw data whose shape is wrong: the header's."""
    return header.header_rules(data)


def declared_codes() -> dict[str, str]:
    """Every code any family declares, with what it flags."""
    return {code: text for family in FAMILIES for code, text in family.CODES.items()}
