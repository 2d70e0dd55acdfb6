"""Every example renders to the same bytes as before the code was re-housed by stage.

The digests were taken from the renders of the code before the move into rooms (`bdg-plan render
examples/X.yaml`, output deterministic by design). Moving code between modules must not change a
byte of any document. A change of output made on purpose updates the digest in the same commit and
says why in its message.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bdg_plan import pipeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

DIGESTS = {
    "chuong-trinh-phoi-hop-2025.yaml": "8766bfe1fb205e1aa7dfba91ecb0698b34920b83126d5fba0552694ffb72b603",
    "ke-hoach-phan.yaml": "3ce356b284e6bff72eb5b9bfe9f6462a64cfd11fc493ccf9a8e1dc27b564dda2",
    "plan2023.yaml": "1e19b6dbfdd7722dfeb9fd762cf96d999b2454c87c36c600f5bdab8344adbe56",
    "thang-hanh-dong-2025.yaml": "2b0d58419e3c74789a47fa35391458255b27f2d655ce31046b744ef78b5e9900",
}


def test_every_plan_example_is_covered() -> None:
    plans = {path.name for path in EXAMPLES.glob("*.yaml")} - {"communes.yaml"}
    assert plans == set(DIGESTS)


@pytest.mark.parametrize("name", sorted(DIGESTS))
def test_example_renders_to_the_same_bytes(name: str) -> None:
    path = EXAMPLES / name
    result = pipeline.validate_bytes(path.read_bytes(), name, path.parent)
    assert result.plan is not None
    assert hashlib.sha256(pipeline.render_plan(result.plan)).hexdigest() == DIGESTS[name]
