"""Pipeline stage 4: turn a typed plan into a composed document (header values and body blocks).

The body comes from a Jinja template rendered in the sandbox of `bdg_plan.compose.templating`. The template
writes the restricted Markdown of the template contract (headings, paragraphs, "-"/"+" and
numbered items, bold, italic, tables), read by `bdg_plan.compose.template_output`; every value it
prints with `{{ }}` is user data, so it is swapped for a placeholder before the output is read
and put back, untouched, into the blocks. User text is therefore never read as Markdown or as a
template: "{{ x }}", "**", "#", "<", "&" or a leading "1." come out literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bdg_plan import messages as msg
from bdg_plan.compose.action_month import with_action_month_times
from bdg_plan.compose.blocks import Block, BodyItem, ComposedAnnex, Run, TableBlock, TableCell
from bdg_plan.compose.outline import annex_tree, body_tree, sections
from bdg_plan.compose.template_output import Segment, Table, TemplateOutputError, read_output
from bdg_plan.compose.templating import PLACEHOLDER, PrintedValue, render_template
from bdg_plan.errors import TemplateError
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
    number = f"{plan.so:02d}" if plan.so is not None else nd30.BLANK_SO
    return f"Số: {number}/{plan.ky_hieu}" if plan.so is not None else f"Số:{number}/{plan.ky_hieu}"


def date_line(plan: Plan) -> str:
    """Ô 4: "Hồng Phong, ngày 06 tháng 3 năm 2023"."""
    date = plan.ngay
    return f"{plan.co_quan.dia_danh}, {format_long_date(date.nam, date.thang, date.ngay, nd30.BLANK_DAY)}"


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
                body=tuple(parse_blocks(markdown, values, ANNEX_TEMPLATE)),
            )
        )
    return tuple(composed)


def kem_theo_line(plan: Plan) -> str:
    """The italic line under an annex title, from the plan's own header (Phụ lục I, Mục III.1).

    "(Kèm theo Kế hoạch số 05/KH-UBND ngày 06 tháng 3 năm 2023 của Ủy ban nhân dân xã Hồng Phong)";
    a blank số or day keeps its blank space.
    """
    number = f"{plan.so:02d}" if plan.so is not None else nd30.BLANK_SO
    date = plan.ngay
    when = format_long_date(date.nam, date.thang, date.ngay, nd30.BLANK_DAY)
    kind = plan.ten_loai
    return f"(Kèm theo {kind} số {number}/{plan.ky_hieu} {when} của {plan.co_quan.ten})"


# --- Template output -> blocks ------------------------------------------------------------------
def parse_blocks(
    markdown: str, values: Sequence[PrintedValue], template: str = BODY_TEMPLATE
) -> list[BodyItem]:
    """Read the template's output into body blocks (`template_output`), putting user values back in.

    A paragraph that is nothing but a printed table becomes that table.

    Raises:
        TemplateError: the output holds a construct the template contract does not read.

    """
    try:
        read = read_output(markdown)
    except TemplateOutputError as exc:
        lines = markdown.split("\n")
        text = _restore(lines[exc.line - 1], values) if 0 < exc.line <= len(lines) else ""
        shown = text if len(text) <= 80 else text[:79] + "…"
        raise TemplateError(
            msg.TEMPLATE_OUTPUT_FAILED.format(name=template, line=exc.line, text=shown, reason=exc.reason)
        ) from None
    blocks: list[BodyItem] = []
    for item in read:
        if isinstance(item, Table):
            blocks.append(_table(item, values))
            continue
        table = _printed_table(item.content, values)
        if table is not None:
            blocks.append(table)
        else:
            blocks.append(Block(item.kind, _runs(item.segments, values), item.prefix))
    return blocks


def _restore(text: str, values: Sequence[PrintedValue]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[int(m.group(1))]), text)


def _runs(segments: Sequence[Segment], values: Sequence[PrintedValue], bold: bool = False) -> tuple[Run, ...]:
    """The runs of a paragraph's pieces, values put back; a piece whose values are empty has no run."""
    runs = []
    for segment in segments:
        text = segment.text if segment.is_break else _restore(segment.text, values)
        if text:
            runs.append(Run(text, segment.bold or bold, segment.italic))
    return tuple(runs)


def _printed_table(content: str, values: Sequence[PrintedValue]) -> TableBlock | None:
    match = PLACEHOLDER.fullmatch(content.strip())
    value = values[int(match.group(1))] if match else None
    return value if isinstance(value, TableBlock) else None


def _table(table: Table, values: Sequence[PrintedValue]) -> TableBlock:
    """A Markdown table a template wrote: its head rows bold and centred, repeated on each page."""
    rows = tuple(
        tuple(TableCell((Block("bang", _runs(cell, values, head)),), centred=head) for cell in row)
        for head, row in ((index < table.header_rows, row) for index, row in enumerate(table.rows))
    )
    return TableBlock(rows, table.header_rows)


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
