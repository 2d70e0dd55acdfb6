"""The template contract: the one reader of what a template writes (`compose.template_output`)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bdg_plan import api
from bdg_plan.compose import document as compose
from bdg_plan.compose.blocks import Block, Run, TableBlock, TableCell
from bdg_plan.compose.template_output import Paragraph, TemplateOutputError, read_output
from bdg_plan.compose.templating import CLOSE, OPEN, PrintedValue
from bdg_plan.errors import TemplateError
from bdg_plan.facts.vietnamese import with_end_mark
from tests.conftest import EXAMPLE_PLAN, ROOT
from tests.docx_xml import Docx

#: A clerk's body template written for the Markdown templates could write before the contract
#: was pinned down: headings, bold and italic (both spellings), "-"/"+" items, a numbered list,
#: a lazy line, a table with a centred column and an escaped bar, breaks, escapes, a code span.
MARKDOWN_TEMPLATES = ROOT / "tests" / "fixtures" / "templates" / "markdown"


def _cell(text: str, head: bool = False) -> TableCell:
    runs = (Run(text, bold=head),) if text else ()
    return TableCell((Block("bang", runs),), centred=head)


def test_a_user_template_in_markdown_gives_the_blocks_it_always_gave() -> None:
    # The blocks markdown-it's CommonMark reading gave this template's output, written out.
    plan = api.validate(EXAMPLE_PLAN).plan
    assert plan is not None and plan.so is None  # so `*{{ plan.so }}*` prints "**", literally
    markdown, values = compose.render_markdown(plan, MARKDOWN_TEMPLATES)

    blocks = compose.parse_blocks(markdown, values)

    assert blocks == [
        Block("muc", (Run("I. MỤC ĐÍCH, YÊU CẦU"),)),
        Block(
            "noi_dung",
            (
                Run("Kế hoạch của "),
                Run(plan.co_quan.ten, bold=True),
                Run(" về "),
                Run(plan.trich_yeu, italic=True),
                Run("."),
            ),
        ),
        Block(
            "y",
            (Run("Ý thứ nhất có "), Run("chữ đậm", bold=True), Run(" và "), Run("đậm gạch", bold=True)),
            "- ",
        ),
        Block(
            "y_nho",
            (Run("ý nhỏ "), Run("nghiêng", italic=True), Run(" và "), Run("nghiêng gạch", italic=True)),
            "+ ",
        ),
        Block("y", (Run("Ý thứ hai,"), Run(" "), Run("tiếp dòng lười")), "- "),
        Block("noi_dung", (Run("Bước một"),), "1. "),
        Block("noi_dung", (Run("Bước hai"), Run(" "), Run("tiếp dòng")), "2. "),
        Block("noi_dung", (Run("Đậm nghiêng", bold=True, italic=True),), "3. "),
        Block("khoan", (Run("1. Bảng phân công"),)),
        TableBlock(
            (
                (_cell("STT", True), _cell("Nội dung", True), _cell("Ghi chú", True)),
                (_cell("1"), TableCell((Block("bang", (Run("KH-UBND", bold=True),)),)), _cell("**")),
                (_cell("2"), _cell("Có | gạch đứng"), _cell("")),
            ),
            header_rows=1,
        ),
        Block(
            "noi_dung",
            (
                Run("Dòng có ngắt"),
                Run("\n"),
                Run("dòng cứng và *sao* thoát, 2 * 3 * 4, "),
                Run("mã *x*"),
                Run(", & và a_b_c."),
            ),
        ),
        Block("noi_dung", (Run(with_end_mark(plan.ket_thuc or "")),)),
    ]


def test_that_template_prints_its_text_in_the_document() -> None:
    plan = api.validate(EXAMPLE_PLAN).plan
    assert plan is not None
    doc = Docx(api.render_plan(plan, MARKDOWN_TEMPLATES))
    text = doc.all_text()
    for line in (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Ý thứ hai, tiếp dòng lười",
        "+ ý nhỏ nghiêng và nghiêng gạch",
        "2. Bước hai tiếp dòng",
        "Có | gạch đứng",
        "dòng cứng và *sao* thoát, 2 * 3 * 4, mã *x*, & và a_b_c.",
    ):
        assert line in text
    assert len(doc.tables()) == 3  # the header table, the template's table, the closing table


#: Constructs CommonMark reads but bdg-plan would drop or change: refused, at their line, each
#: saying what to write instead.
REFUSED = [
    ("Xem [trang](https://x.vn) này\n", 1, "\\["),
    ("Đoạn\n![ảnh](a.png)\n", 2, "\\["),
    ("Đoạn một\n\nxem <https://x.vn>\n", 3, "\\<"),
    ("[mốc]: https://x.vn\n", 1, "\\["),
    ("```\nmã\n```\n", 1, "đoạn văn thường"),
    ("Đoạn\n\n    thụt vào\n", 3, "bỏ bớt"),
    ("> trích\n", 1, "\\>"),
    ("Đoạn\n\n---\n", 3, "'# '"),
    ("Tiêu đề\n===\n", 2, "'# '"),
    ("Tiêu đề\n-\n", 2, "'# '"),
    ("- một\n-\n", 2, "xóa dòng"),
    ("- # tiêu đề\n", 1, "dòng riêng"),
    ("| A | B |\n|---|---|\n| 1 | 2 |\nchữ\n", 4, "dòng trống"),
    ("| A | B |\n|---|\n", 1, "cùng số cột"),
    ("| A |\n|---|\n| 1 | 2 |\n", 3, "thêm cột"),
]


@pytest.mark.parametrize(("markdown", "line", "instead"), REFUSED, ids=[m for m, _, _ in REFUSED])
def test_a_construct_outside_the_contract_is_refused_at_its_line(
    markdown: str, line: int, instead: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        compose.parse_blocks(markdown, [], "mau-rieng.md.j2")
    message = str(caught.value)
    assert f"Mẫu văn bản 'mau-rieng.md.j2', dòng {line} của văn bản mẫu tạo ra" in message
    assert markdown.split("\n")[line - 1] in message  # the line itself is shown
    assert instead in message


def test_render_with_a_template_writing_a_link_fails_clearly(tmp_path: Path) -> None:
    templates = tmp_path / "mẫu"
    templates.mkdir()
    (templates / "ke-hoach.md.j2").write_text(
        "# {{ plan.ten_loai }}\n\nXem [cổng thông tin](https://x.vn).\n", encoding="utf-8"
    )
    options = ["-o", str(tmp_path / "a.docx"), "--templates", str(templates)]
    result = subprocess.run(
        [sys.executable, "-m", "bdg_plan", "render", str(EXAMPLE_PLAN), *options],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={key: value for key, value in os.environ.items() if key != "COVERAGE_PROCESS_START"},
    )
    assert result.returncode == 1
    printed = result.stdout + result.stderr
    assert "ke-hoach.md.j2', dòng 3 của văn bản mẫu tạo ra" in printed
    assert "Traceback" not in printed
    assert not (tmp_path / "a.docx").exists()


def test_values_are_data_in_every_place_a_template_prints_them() -> None:
    tricky = "**đậm?** # 1. | {{ x }} `a` &amp; [l](u) <https://x.vn> \\*"
    markdown = (
        f"# {OPEN}0{CLOSE}\n\n**{OPEN}1{CLOSE}** *{OPEN}2{CLOSE}*\n\n- {OPEN}3{CLOSE}\n  + {OPEN}4{CLOSE}\n\n"
        f"1. {OPEN}5{CLOSE}\n\n| A |\n|---|\n| {OPEN}6{CLOSE} |\n"
    )
    blocks = compose.parse_blocks(markdown, [tricky] * 7)
    assert blocks[0] == Block("phan", (Run(tricky),))
    assert blocks[1] == Block("noi_dung", (Run(tricky, bold=True), Run(" "), Run(tricky, italic=True)))
    assert blocks[2:5] == [
        Block("y", (Run(tricky),), "- "),
        Block("y_nho", (Run(tricky),), "+ "),
        Block("noi_dung", (Run(tricky),), "1. "),
    ]
    table = blocks[5]
    assert isinstance(table, TableBlock) and table.rows[1][0].text == tricky


# --- The built-in templates' shapes ------------------------------------------------------------------
#: The blocks the built-in templates write, each with the (kind, prefix, words) it reads as.
SHAPES: dict[str, list[tuple[str, str, int]]] = {
    "# X": [("phan", "", 1)],
    "## X X": [("muc", "", 2)],
    "###### X": [("phan_ten", "", 1)],
    "X": [("noi_dung", "", 1)],
    "X X": [("noi_dung", "", 2)],
    "- X": [("y", "- ", 1)],
    "- X\n  + X\n  + X X\n- X X": [("y", "- ", 1), ("y_nho", "+ ", 1), ("y_nho", "+ ", 2), ("y", "- ", 2)],
}

TABLE = TableBlock(((TableCell((Block("bang", (Run("ô"),)),)),),), 0)


def _markdown(text: str) -> tuple[str, list[PrintedValue]]:
    """Each X a new placeholder: value 0 a table, value 1 empty, the others "giá trị N"."""
    values: list[PrintedValue] = []
    pieces = []
    for piece in text.split("X"):
        pieces.append(piece)
        values.append(TABLE if not values else "" if len(values) == 1 else f"giá trị {len(values)}")
    values.pop()
    return "".join(f"{piece}{OPEN}{index}{CLOSE}" for index, piece in enumerate(pieces[:-1])) + pieces[
        -1
    ], values


@pytest.mark.parametrize("length", [1, 2, 3])
def test_every_sequence_of_the_builtin_shapes_reads_as_its_blocks(length: int) -> None:
    for sequence in itertools.product(SHAPES, repeat=length):
        markdown, values = _markdown("\n\n".join(sequence) + "\n")
        blocks = compose.parse_blocks(markdown, values)
        expected = [shape for block in sequence for shape in SHAPES[block]]
        assert len(blocks) == len(expected), sequence
        words = iter(values)
        for block, (kind, prefix, count) in zip(blocks, expected, strict=True):
            printed = [next(words) for _ in range(count)]
            if printed == [TABLE]:
                assert block == TABLE  # a paragraph that is only a printed table is that table
                continue
            text = " ".join(str(value) for value in printed)
            assert isinstance(block, Block) and (block.kind, block.prefix) == (kind, prefix), sequence
            assert "".join(run.text for run in block.runs) == text, sequence


def test_a_render_needs_no_markdown_library(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['markdown_it'] = None; from pathlib import Path; from bdg_plan import api; "
        f"api.render(Path({str(EXAMPLE_PLAN)!r}), Path({str(tmp_path / 'a.docx')!r})); "
        f"plan = api.validate(Path({str(EXAMPLE_PLAN)!r})).plan; "
        f"print(len(api.render_plan(plan, Path({str(MARKDOWN_TEMPLATES)!r}))) > 5000)"
    )
    env = {key: value for key, value in os.environ.items() if key != "COVERAGE_PROCESS_START"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path, env=env
    )
    assert result.stdout.strip() == "True"
    assert (tmp_path / "a.docx").stat().st_size > 5_000


# --- Properties of the reader ----------------------------------------------------------------------
#: Markdown's marks, spaces and line ends, and a few letters: what a template's output is made of.
_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "ơ",
        " ",
        "  ",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "#",
        "# ",
        "- ",
        "+ ",
        "1. ",
        "2) ",
        "|",
        "|---|",
        "`",
        "\\",
        ">",
        "[",
        "]",
        "(",
        ")",
        "<",
        ":",
        "!",
        "=",
        "-",
        "\t",
        f"{OPEN}0{CLOSE}",
    ]
)


def _letters(text: str) -> list[str]:
    return sorted(char for char in text if char.isalpha())


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_no_letter_is_lost_or_the_line_is_refused(markdown: str) -> None:
    try:
        blocks = compose.parse_blocks(markdown, ["ư"])
    except TemplateError as error:
        assert "dòng " in str(error)
        return
    printed = []
    for block in blocks:
        cells = [cell for row in block.rows for cell in row] if isinstance(block, TableBlock) else []
        printed.append(block.text if isinstance(block, Block) else "".join(cell.text for cell in cells))
    assert _letters("".join(printed)) == _letters(markdown.replace(f"{OPEN}0{CLOSE}", "ư"))


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_reader_gives_blocks_or_a_line_of_the_output(markdown: str) -> None:
    try:
        blocks = read_output(markdown)
    except TemplateOutputError as error:
        assert 1 <= error.line <= markdown.count("\n") + 1 and error.reason
        return
    assert all(block is not None for block in blocks)


# --- Work is counted: hostile lines -------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "a" + "_a*" * 20_000,  # runs of two characters interleaved, none closing
        "*x " * 20_000 + "x* " * 20_000,  # every closer finds its opener on top
        "***a" + "**a*" * 10_000,  # runs that can both open and close (the rule of three)
    ],
)
def test_emphasis_looks_at_each_run_a_bounded_number_of_times(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bdg_plan.compose import template_output

    looks = 0
    odd_pair = template_output._odd_pair

    def counted(opener: object, closer: object) -> bool:
        nonlocal looks
        looks += 1
        return odd_pair(opener, closer)  # type: ignore[arg-type]

    monkeypatch.setattr(template_output, "_odd_pair", counted)
    segments = template_output.inline_segments(text)
    runs = text.count("*") + text.count("_")  # at least one character per run
    assert looks <= runs
    assert "".join(segment.text for segment in segments).replace("*", "").replace("_", "") == (
        text.replace("*", "").replace("_", "")
    )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("[" * 50_000, "[" * 50_000),  # link openers that never close
        ("a _ " * 100_000, "a _ a"),  # literal runs, one piece of text
        ("".join("`" * n + "a" for n in range(1, 300)), "`a``a"),  # backtick runs of every length
        ("<a" * 50_000, "<a<a"),
    ],
)
def test_long_hostile_lines_read_as_their_text(text: str, first: str) -> None:
    blocks = read_output(text + "\n")
    assert len(blocks) == 1
    paragraph = blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.segments[0].text.startswith(first)
    assert sum(len(piece.text) for piece in paragraph.segments) == len(text.strip())


def test_a_long_heading_with_spaces_reads_as_its_text() -> None:
    text = "a" + " \t" * 50_000 + "b #" + " #" * 50_000
    blocks = read_output(f"# {text}\n")
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    assert blocks[0].kind == "phan"
    assert blocks[0].content == text.removesuffix(" #")  # only the closing run of "#" is dropped


#: Lines whose reading CommonMark pins down and a template might write, with the (kind, text)
#: of each block they give (prefix included), as markdown-it read them.
COMMONMARK_CASES = [
    ("1. a\n1. b\n\n3) c\n", [("noi_dung", "1. a"), ("noi_dung", "2. b"), ("noi_dung", "3. c")]),
    ("a\n2. b\n", [("noi_dung", "a 2. b")]),  # only "1." starts a list inside a paragraph
    ("a\n1. b\n", [("noi_dung", "a"), ("noi_dung", "1. b")]),
    ("- a\n\n  b\n- c\n", [("y", "- a"), ("y", "b"), ("y", "- c")]),  # a second paragraph of an item
    ("- a\n+ b\n* c\n", [("y", "- a"), ("y_nho", "+ b"), ("y", "- c")]),
    ("- a\n  1) b\n  2) c\n- d\n", [("y", "- a"), ("noi_dung", "1. b"), ("noi_dung", "2. c"), ("y", "- d")]),
    ("|\n|---|\n", [("noi_dung", "| |---|")]),  # a head with no cell: no table
    ("a | b\n- | -\n", [("noi_dung", "a | b"), ("y", "- | -")]),  # "- " starts an item, not a rule
    ("# a #\n## b ##\n#c\n", [("phan", "a"), ("muc", "b"), ("noi_dung", "#c")]),
    ("x  \ny\\\nz\\\n", [("noi_dung", "x\ny\nz\\")]),  # breaks; a last backslash is printed
]


@pytest.mark.parametrize(("markdown", "expected"), COMMONMARK_CASES, ids=[m for m, _ in COMMONMARK_CASES])
def test_lines_read_as_commonmark_reads_them(markdown: str, expected: list[tuple[str, str]]) -> None:
    blocks = compose.parse_blocks(markdown, [])
    assert [(block.kind, block.text) for block in blocks if isinstance(block, Block)] == expected
