"""Pipeline stage 4: turn a typed plan into a composed document (header values and body blocks).

The body comes from a Jinja template rendered in the sandbox of `bdg_plan.compose.templating`. The template
writes restricted Markdown (headings, paragraphs, "-"/"+" bullets, bold, italic, tables); every
value it prints with `{{ }}` is user data, so it is swapped for a placeholder before Markdown is
parsed and put back, untouched, into the parsed blocks. User text is therefore never read as
Markdown or as a template: "{{ x }}", "**", "#", "<", "&" or a leading "1." come out literally.

Over 400 lines on purpose: the header's lines (ô 1-5, 7, 9b), the opening and the body's
Markdown are composed here side by side, each a short function the writer maps one to one;
the outline, the tables and the sandbox already have rooms of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bdg_plan import messages as msg
from bdg_plan.compose.action_month import with_action_month_times
from bdg_plan.compose.blocks import Block, BodyItem, BodyKind, ComposedAnnex, Run, TableBlock, TableCell
from bdg_plan.compose.outline import annex_tree, body_tree, sections
from bdg_plan.compose.template_output import HEADING_KINDS, plain_lines
from bdg_plan.compose.templating import PLACEHOLDER, PrintedValue, render_template
from bdg_plan.facts import nd30
from bdg_plan.facts.vietnamese import (
    capitalize_first,
    format_long_date,
    format_short_date,
    organ_lines,
    upper,
    with_end_mark,
)
from bdg_plan.plan.model import CanCu, NguoiKy, Plan
from bdg_plan.plan.outline_model import annex_label

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: The template that writes the body of a KẾ HOẠCH.
BODY_TEMPLATE = "ke-hoach.md.j2"
#: The template that writes the content of an annex.
ANNEX_TEMPLATE = "phu-luc.md.j2"


# --- Composed document values -----------------------------------------------------------------
@dataclass(frozen=True)
class ComposedDocument:
    """Everything the writer needs, as text: no formatting decisions left but the layout."""

    superior: str | None
    organ_lines: tuple[str, ...]
    so_line: str
    date_line: str
    title: str
    trich_yeu_lines: tuple[str, ...]
    body: tuple[BodyItem, ...]
    recipients: tuple[str, ...]
    signer_lines: tuple[str, ...]
    signer_name: str
    core_title: str
    core_author: str
    year: int
    month: int
    day: int = 1
    # A joint plan's second body (ô 2, under the first) and its signer (ô 7, the left block).
    joint_superior: str | None = None
    joint_organ_lines: tuple[str, ...] = ()
    joint_signer_lines: tuple[str, ...] = ()
    joint_signer_name: str | None = None
    annexes: tuple[ComposedAnnex, ...] = ()


# --- Header values ----------------------------------------------------------------------------
def so_line(plan: Plan) -> str:
    """Ô 3: "Số: 05/KH-UBND"; a blank số keeps its blank space (Mẫu 1.4)."""
    if plan.so_can_dien:
        return f"Số: {msg.IMPORT_FILL}/{plan.ky_hieu}"
    number = f"{plan.so:02d}" if plan.so is not None else nd30.BLANK_SO
    return f"Số: {number}/{plan.ky_hieu}" if plan.so is not None else f"Số:{number}/{plan.ky_hieu}"


def _long_date(plan: Plan) -> str:
    """The long date ("ngày 06 tháng 3 năm 2023"); the import's marker printed as it is ("ngày CẦN ĐIỀN")."""
    date = plan.ngay
    if date.can_dien:
        return f"ngày {msg.IMPORT_FILL}"
    return format_long_date(date.nam, date.thang, date.ngay, nd30.BLANK_DAY)


def date_line(plan: Plan) -> str:
    """Ô 4: "Hồng Phong, ngày 06 tháng 3 năm 2023"."""
    return f"{plan.co_quan.dia_danh}, {_long_date(plan)}"


def signer_lines(plan: Plan) -> tuple[str, ...]:
    """Ô 7a of the (lead) signer: authority and title lines in capitals ("KT. CHỦ TỊCH", ...)."""
    return signer_block_lines(plan.nguoi_ky)


def signer_block_lines(signer: NguoiKy) -> tuple[str, ...]:
    """Ô 7a: authority and title lines in capitals, e.g. ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    lines = []
    if signer.thay_mat:
        lines.append(f"TM. {signer.thay_mat}")
    if signer.tham_quyen and signer.thu_truong:
        lines.append(f"{signer.tham_quyen} {signer.thu_truong}")
    elif signer.thu_truong and not signer.tham_quyen:
        lines.append(signer.thu_truong)
    if signer.chuc_vu:
        lines.append(signer.chuc_vu)
    return tuple(upper(line) for line in lines)


def recipient_lines(plan: Plan) -> tuple[str, ...]:
    """Ô 9b: "- Name;" lines and the closing "- Lưu: VT." line."""
    lines = []
    for recipient in plan.noi_nhan:
        text = recipient.ten.rstrip(" ;")
        if recipient.ghi_chu:
            text += f" ({recipient.ghi_chu.strip('()')})"
        lines.append(f"- {text};")
    lines.append(f"- Lưu: {', '.join(plan.luu)}.")
    return tuple(lines)


def citation(can_cu: CanCu) -> str:
    """A cited document: "Kế hoạch số 108/KH-UBND, ngày 06/3/2023 của UBND huyện Cao Lộc về ..."."""
    text = can_cu.loai
    if can_cu.ten:
        text += f" {can_cu.ten}"
    if can_cu.so_ky_hieu:
        text += f" số {can_cu.so_ky_hieu}"
    if can_cu.ngay:
        text += f"{can_cu.dau_sau_so if can_cu.so_ky_hieu else ''} ngày {format_short_date(can_cu.ngay)}"
    if can_cu.co_quan:
        text += f" của {can_cu.co_quan}"
    if can_cu.trich_yeu:
        joining = can_cu.tu_noi.strip()
        text += f" {joining} {can_cu.trich_yeu}" if joining else f" {can_cu.trich_yeu}"
    return text


def preamble(plan: Plan) -> list[str]:
    """The opening paragraphs, in order: the căn cứ, "Theo đề nghị của ...", the lead-in sentence.

    The clerk's own `mo_dau` replaces them all. A căn cứ written as a string is its own paragraph,
    printed as written. Cited documents given by fields are built with `cach_dan`; under
    "Thực hiện", when every căn cứ is given by fields and there is no `de_nghi`, they and the
    lead-in make one sentence, as plans written before strings were allowed expect.
    """
    if plan.mo_dau:
        return list(plan.mo_dau)
    if (
        plan.cach_dan == "Thực hiện"
        and plan.can_cu
        and plan.de_nghi is None
        and all(isinstance(item, CanCu) for item in plan.can_cu)
    ):
        sentence = f"{plan.cach_dan} {'; '.join(citation(c) for c in plan.can_cu if isinstance(c, CanCu))}"
        return [f"{sentence}, {plan.loi_dan}" if plan.loi_dan else f"{sentence}."]
    paragraphs = [
        item if isinstance(item, str) else f"{plan.cach_dan} {citation(item)};" for item in plan.can_cu
    ]
    if plan.de_nghi:
        paragraphs.append(plan.de_nghi)
    if plan.loi_dan:
        paragraphs.append(capitalize_first(plan.loi_dan))
    elif paragraphs and not plan.de_nghi and isinstance(plan.can_cu[-1], CanCu):
        # The last built citation closes the opening when nothing follows it.
        paragraphs[-1] = paragraphs[-1][:-1] + "."
    return paragraphs


# --- Templates --------------------------------------------------------------------------------
def render_markdown(plan: Plan, template_dir: Path | None = None) -> tuple[str, list[PrintedValue]]:
    """Render the body template: Markdown with placeholders, and the values they stand for.

    Raises:
        TemplateError: the template is missing, unsafe or fails, with its name and line.

    """
    return render_template(
        BODY_TEMPLATE,
        template_dir,
        plan=plan,
        mo_dau=preamble(plan),
        than=body_tree(plan),
        cac_muc=sections(plan),
        ket_thuc=with_end_mark(plan.ket_thuc) if plan.ket_thuc else None,
    )


def annexes(plan: Plan, template_dir: Path | None = None) -> tuple[ComposedAnnex, ...]:
    """The annexes: "Phụ lục" (with a Roman numeral when there are several), title, Kèm theo line, body.

    Raises:
        TemplateError: the annex template is missing or fails.

    """
    composed = []
    for index, annex in enumerate(plan.phu_luc, start=1):
        markdown, values = render_template(
            ANNEX_TEMPLATE,
            template_dir,
            plan=plan,
            phu_luc=annex,
            than=annex_tree(with_action_month_times(plan, annex.noi_dung)),
        )
        composed.append(
            ComposedAnnex(
                label=annex_label(index, len(plan.phu_luc)),
                title=upper(annex.ten),
                kem_theo=kem_theo_line(plan),
                landscape=annex.ngang,
                body=tuple(parse_blocks(markdown, values)),
            )
        )
    return tuple(composed)


def kem_theo_line(plan: Plan) -> str:
    """The italic line under an annex title, from the plan's own header (Phụ lục I, Mục III.1).

    "(Kèm theo Kế hoạch số 05/KH-UBND ngày 06 tháng 3 năm 2023 của Ủy ban nhân dân xã Hồng Phong)";
    a blank số or day keeps its blank space.
    """
    number = f"{plan.so:02d}" if plan.so is not None else nd30.BLANK_SO
    number = msg.IMPORT_FILL if plan.so_can_dien else number
    when = _long_date(plan)
    kind = plan.ten_loai
    return f"(Kèm theo {kind} số {number}/{plan.ky_hieu} {when} của {plan.co_quan.ten})"


# --- Markdown -> blocks -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Imported here: the built-in templates' plain output never needs it (`plain_markdown`).
    from markdown_it import MarkdownIt

    # CommonMark without raw HTML, plus tables; no typographer, no linkify.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


@lru_cache(maxsize=16)
def _parse_markdown(markdown: str) -> tuple[Token, ...]:
    """Markdown-it's tokens, cached and read-only.

    User values are placeholders in the template's output, so plans that differ only in their
    values (the communes of a batch) share one parse.
    """
    return tuple(_markdown().parse(markdown))


_BULLET_KINDS: dict[str, BodyKind] = {"-": "y", "*": "y", "+": "y_nho"}


def parse_blocks(markdown: str, values: Sequence[PrintedValue]) -> list[BodyItem]:
    """Parse the template's Markdown into body blocks, putting user values back in.

    A paragraph that is nothing but a printed table becomes that table. The plain output of the
    built-in templates is read line by line (`plain_markdown`); anything else by markdown-it.
    """
    plain = plain_lines(markdown)
    if plain is None:
        return markdown_it_blocks(markdown, values)
    blocks: list[BodyItem] = []
    for kind, prefix, content in plain:
        table = _printed_table(content, values)
        if table is not None:
            blocks.append(table)
            continue
        text = _restore(content, values)
        blocks.append(Block(kind, (Run(text),) if text else (), prefix))
    return blocks


def _restore(text: str, values: Sequence[PrintedValue]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[int(m.group(1))]), text)


def markdown_it_blocks(markdown: str, values: Sequence[PrintedValue]) -> list[BodyItem]:
    """`parse_blocks` through markdown-it's CommonMark tokens: any Markdown a template writes."""

    def restore(text: str) -> str:
        return _restore(text, values)

    tokens = _parse_markdown(markdown)
    blocks: list[BodyItem] = []
    lists: list[tuple[str, int]] = []  # (marker, next ordinal)
    heading_level = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            marker = token.markup if kind == "bullet_list_open" else "."
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 1
            lists.append((marker, start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "table_open":
            table, index = _parse_table(tokens, index, restore)
            blocks.append(table)
            continue
        elif kind == "inline" and _printed_table(token.content, values) is not None:
            blocks.append(cast(TableBlock, _printed_table(token.content, values)))
        elif kind == "inline":
            runs = tuple(_inline_runs(token, restore))
            if heading_level:
                blocks.append(Block(HEADING_KINDS[heading_level], runs))
            elif lists:
                marker, ordinal = lists[-1]
                first_in_item = (
                    tokens[index - 1].type == "paragraph_open" and tokens[index - 2].type == "list_item_open"
                )
                if marker == ".":
                    prefix = f"{ordinal}. " if first_in_item else ""
                    if first_in_item:
                        lists[-1] = (marker, ordinal + 1)
                    blocks.append(Block("noi_dung", runs, prefix))
                else:
                    prefix = f"{marker if marker != '*' else '-'} " if first_in_item else ""
                    blocks.append(Block(_BULLET_KINDS.get(marker, "y"), runs, prefix))
            else:
                blocks.append(Block("noi_dung", runs))
        elif kind in ("code_block", "fence"):
            blocks.append(Block("noi_dung", (Run(restore(token.content.rstrip("\n"))),)))
        index += 1
    return blocks


def _printed_table(content: str, values: Sequence[PrintedValue]) -> TableBlock | None:
    match = PLACEHOLDER.fullmatch(content.strip())
    value = values[int(match.group(1))] if match else None
    return value if isinstance(value, TableBlock) else None


def _inline_runs(token: Token, restore: Callable[[str], str]) -> Iterator[Run]:
    bold = italic = False
    for child in token.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline", "html_inline"):
            text = restore(child.content)
            if text:
                yield Run(text, bold, italic)
        elif child.type in ("softbreak", "hardbreak"):
            yield Run("\n" if child.type == "hardbreak" else " ", bold, italic)


def _parse_table(
    tokens: Sequence[Token], index: int, restore: Callable[[str], str]
) -> tuple[TableBlock, int]:
    """A Markdown table a template wrote: its head rows bold and centred, repeated on each page."""
    rows: list[tuple[TableCell, ...]] = []
    row: list[TableCell] = []
    header_rows = 0
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(tuple(row))
            header_rows += in_head
        elif token.type == "inline":
            runs = tuple(Run(r.text, r.bold or in_head, r.italic) for r in _inline_runs(token, restore))
            row.append(TableCell((Block("bang", runs),), centred=in_head))
        index += 1
    return TableBlock(tuple(rows), header_rows), index + 1


# --- The stage --------------------------------------------------------------------------------
def compose(plan: Plan, template_dir: Path | None = None) -> ComposedDocument:
    """Compose a plan into header values and body blocks.

    Raises:
        TemplateError: the body template is missing or fails.

    """
    markdown, values = render_markdown(plan, template_dir)
    body = parse_blocks(markdown, values)
    date = plan.ngay
    return ComposedDocument(
        superior=upper(plan.co_quan.cap_tren) if plan.co_quan.cap_tren else None,
        organ_lines=organ_lines(plan.co_quan.ten),
        so_line=so_line(plan),
        date_line=date_line(plan),
        title=upper(plan.ten_loai),
        trich_yeu_lines=tuple(line.strip() for line in plan.trich_yeu.splitlines() if line.strip()),
        body=tuple(body),
        annexes=annexes(plan, template_dir),
        recipients=recipient_lines(plan),
        signer_lines=signer_lines(plan),
        signer_name=plan.nguoi_ky.ho_ten,
        core_title=f"{plan.ten_loai} {' '.join(plan.trich_yeu.split())}",
        core_author=plan.co_quan.ten,
        year=date.nam,
        month=date.thang,
        day=date.ngay or 1,
        **_joint_values(plan),
    )


def _joint_values(plan: Plan) -> dict[str, Any]:
    """The second body and signer of a joint plan; nothing for a plan with one issuing body."""
    body, signer = plan.co_quan_lien_tich, plan.nguoi_ky_lien_tich
    if body is None or signer is None:
        return {}
    return {
        "joint_superior": upper(body.cap_tren) if body.cap_tren else None,
        "joint_organ_lines": organ_lines(body.ten),
        "joint_signer_lines": signer_block_lines(signer),
        "joint_signer_name": signer.ho_ten,
    }
