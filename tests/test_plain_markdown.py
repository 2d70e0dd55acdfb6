"""The built-in templates' plain Markdown, read without markdown-it, gives markdown-it's blocks."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bdg_plan import api
from bdg_plan.compose import document as compose
from bdg_plan.compose.blocks import Block, Run, TableBlock, TableCell
from bdg_plan.compose.template_output import plain_lines
from bdg_plan.compose.templating import CLOSE, OPEN, PrintedValue
from tests.conftest import EXAMPLE_PLAN, EXAMPLES, ROOT

#: Every line shape the plain reader accepts, and the empty line between blocks.
SHAPES = ("", "# X", "## X X", "###### X", "X", "X X", "- X", "  + X", "- X X")

TABLE = TableBlock(((TableCell((Block("bang", (Run("ô"),)),)),),), 0)


def _markdown(shapes: tuple[str, ...]) -> tuple[str, list[PrintedValue]]:
    """The shapes as template output: each X a new placeholder; value 0 a table, value 1 empty."""
    values: list[PrintedValue] = []
    lines = []
    for shape in shapes:
        words = []
        for word in shape.split(" "):
            if word == "X":
                words.append(f"{OPEN}{len(values)}{CLOSE}")
                values.append(TABLE if not values else "" if len(values) == 1 else f"giá trị {len(values)}")
            else:
                words.append(word)
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n", values


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_every_sequence_of_plain_shapes_reads_as_markdown_it_reads_it(length: int) -> None:
    read_plain = 0
    for shapes in itertools.product(SHAPES, repeat=length):
        markdown, values = _markdown(shapes)
        read_plain += plain_lines(markdown) is not None
        assert compose.parse_blocks(markdown, values) == compose.markdown_it_blocks(markdown, values), shapes
    assert read_plain > len(SHAPES) // 2  # the plain path is taken, and checked against markdown-it


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_every_sequence_of_plain_blocks_is_read_plain_as_markdown_it_reads_it(length: int) -> None:
    blocks = ("# X", "## X X", "###### X", "X", "X X", "- X", "- X\n  + X\n  + X X\n- X X")
    for sequence in itertools.product(blocks, repeat=length):
        markdown, values = _markdown(tuple("\n\n".join(sequence).split("\n")))
        assert plain_lines(markdown) is not None, sequence
        assert compose.parse_blocks(markdown, values) == compose.markdown_it_blocks(markdown, values), (
            sequence
        )


@pytest.mark.parametrize(
    "markdown",
    [
        "**X**\n",  # emphasis
        " X\n",  # indented text
        "    X\n",  # code block
        "X  X\n",  # two spaces
        "  + X\n",  # a plus item with no dash item before it
        "X\n- X\n",  # a list interrupting a paragraph
        "- X\nX\n",  # a paragraph continuing a list item
        "# X\nX\n",  # a heading and a paragraph with no empty line between
        "| a |\n|---|\n| X |\n",  # a table
        "1. X\n",  # an ordered list
        "####### X\n",  # seven hashes: a paragraph in CommonMark
        "X\r\nX\n",
        "   \n",  # a line of spaces
    ],
)
def test_other_markdown_is_left_to_markdown_it(markdown: str) -> None:
    assert plain_lines(markdown.replace("X", f"{OPEN}0{CLOSE}")) is None


def test_every_plan_composes_the_same_without_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    files = [path for path in sorted(EXAMPLES.glob("*.yaml")) if not path.name.startswith("communes")]
    plans = [
        api.validate(path).plan for path in files + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    ]
    valid = [plan for plan in plans if plan is not None]
    assert len(valid) >= len(files)  # every example, and the fixtures that are valid plans
    plain = [compose.compose(plan) for plan in valid]
    assert all(plain_lines(compose.render_markdown(plan)[0]) is not None for plan in valid)

    monkeypatch.setattr(compose, "plain_lines", lambda _: None)
    assert [compose.compose(plan) for plan in valid] == plain


def test_a_render_of_the_example_does_not_import_markdown_it(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from bdg_plan import api; "
        f"api.render(Path({str(EXAMPLE_PLAN)!r}), Path({str(tmp_path / 'a.docx')!r})); "
        "print(sorted(name for name in sys.modules if name.startswith('markdown_it')))"
    )
    env = {key: value for key, value in os.environ.items() if key != "COVERAGE_PROCESS_START"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path, env=env
    )
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "a.docx").stat().st_size > 5_000


def test_a_template_writing_real_markdown_is_read_by_markdown_it(tmp_path: Path) -> None:
    markdown = "Đoạn có **chữ đậm** và *nghiêng*.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    assert plain_lines(markdown) is None
    blocks = compose.parse_blocks(markdown, [])
    assert blocks[0] == Block(
        "noi_dung",
        (Run("Đoạn có "), Run("chữ đậm", bold=True), Run(" và "), Run("nghiêng", italic=True), Run(".")),
    )
    assert isinstance(blocks[1], TableBlock) and blocks[1].header_rows == 1
