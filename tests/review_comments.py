"""A check shared by the new-year tests: every review item is written into the new plan file."""

from __future__ import annotations

import re

from bdg_plan.commands.new_year import NewYearResult
from bdg_plan.rules.review_marks import MARKER

#: The digest a review comment ends with: the value it was written for (" [#1a2b3c]").
DIGEST = r" \[#[0-9a-f]{6}\]"


def without_digest(comment: str) -> str:
    """A review comment as it reads without the digest of its value."""
    return re.sub(DIGEST + "$", "", comment)


def assert_every_review_written(result: NewYearResult) -> None:
    """Each review item is a `# CẦN XEM LẠI:` comment in the comment block right above its line."""
    lines = result.data.decode("utf-8").splitlines()
    for item in result.reviews:
        above = []
        for line in reversed(lines[: item.line - 1]):
            if not line.strip().startswith("#"):
                break
            above.append(line.strip())
        assert f"{MARKER} {item.reason}" in [without_digest(line) for line in above], item
