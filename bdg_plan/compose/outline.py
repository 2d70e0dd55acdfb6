"""Pipeline stage 4a: expand a plan's body and annexes into the numbered outline tree the templates walk.

The body is either the short form (`muc_dich`, `yeu_cau`, `noi_dung`, `kinh_phi`,
`to_chuc_thuc_hien`, `muc_them`) or the free outline `than_van_ban`; both become the same tree of
`Node`s. Numbers are computed here, restarting under each parent: Roman numerals restart in each
part, khoản numbers in each mục, letters (Vietnamese order) in each khoản.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from bdg_plan.compose.action_month import theme_section, with_action_month_times
from bdg_plan.compose.blocks import TableBlock
from bdg_plan.compose.tables import activity_table, table_block
from bdg_plan.facts.vietnamese import letter, roman
from bdg_plan.facts.wording import (
    ACTIVITY_DETAILS,
    TITLE_KINH_PHI,
    TITLE_MUC_DICH,
    TITLE_MUC_DICH_YEU_CAU,
    TITLE_NOI_DUNG,
    TITLE_TO_CHUC,
    TITLE_YEU_CAU,
)
from bdg_plan.plan.field_types import YGachDauDong
from bdg_plan.plan.model import Diem, Khoan, Muc, NoiDung, Plan
from bdg_plan.plan.outline_model import (
    BangNut,
    DanhSachHoatDong,
    DiemNut,
    DoanNut,
    HoatDong,
    HoatDongNut,
    KhoanNut,
    MucNut,
    OutlineItem,
    PhanNut,
    TieuKhoanNut,
    YNut,
)


@dataclass(frozen=True)
class Node:
    """One entry of the outline tree, as the templates see it.

    `kind` is "phan", "muc", "khoan", "tieu_khoan", "diem" (numbered levels), "doan" (a
    paragraph), "cac_y" (a run of bullets, each a "y" node whose children are "y_nho" nodes) or
    "bang" (a table). `number` is computed ("I.", "1.", "1.1.", "a)"); `show_number` is false
    where the short form has never printed one (an item with neither title nor paragraph).
    """

    kind: str
    heading: str | None = None
    title: str | None = None
    text: str = ""
    children: tuple[Node, ...] = ()
    table: TableBlock | None = None
    number: str = ""
    show_number: bool = True

    @property
    def lead(self) -> Node | None:
        """The paragraph that carries the number of a node without heading, if there is one."""
        if self.heading is None and self.children and self.children[0].kind == "doan":
            return self.children[0]
        return None

    @property
    def rest(self) -> tuple[Node, ...]:
        """The children printed after the heading (or after the numbered first paragraph)."""
        return self.children[1:] if self.lead is not None and self.show_number else self.children


_LEVELS = ("muc", "khoan", "tieu_khoan", "diem")


# --- Numbering --------------------------------------------------------------------------------
def numbered(nodes: Sequence[Node], parent_number: str = "") -> tuple[Node, ...]:
    """Number a list of siblings and, recursively, their children; counts restart per parent."""
    counts: dict[str, int] = {}
    result = []
    for node in nodes:
        number = ""
        if node.kind in _LEVELS:
            counts[node.kind] = counts.get(node.kind, 0) + 1
            number = _number(node.kind, counts[node.kind], parent_number)
        children = numbered(node.children, number or parent_number) if node.kind != "cac_y" else node.children
        result.append(replace(node, number=number, children=children))
    return tuple(result)


def _number(kind: str, count: int, parent_number: str) -> str:
    if kind == "muc":
        return f"{roman(count)}."
    if kind == "khoan":
        return f"{count}."
    if kind == "diem":
        return f"{letter(count)})"
    # A sub-item takes its item's number: 1.1., 1.2.; under a sub-item 1.1.1.
    digits = parent_number.rstrip(".")
    return f"{digits}.{count}." if digits.replace(".", "").isdigit() else f"{count}."


# --- Building blocks --------------------------------------------------------------------------
def paragraphs(texts: Iterable[str]) -> list[Node]:
    """Paragraph nodes."""
    return [Node("doan", text=text) for text in texts]


def bullets(items: Sequence[YGachDauDong]) -> list[Node]:
    """One "cac_y" node for a run of bullets (none for an empty run)."""
    if not items:
        return []
    runs = tuple(
        Node("y", text=item.y, children=tuple(Node("y_nho", text=sub) for sub in item.cac_y))
        for item in items
    )
    return [Node("cac_y", children=runs)]


# --- The short form ---------------------------------------------------------------------------
def short_form(plan: Plan) -> list[Node]:
    """The tree of a plan written with the seed's named keys, extra sections placed by `vi_tri`."""
    return [_section(muc) for muc in sections(plan)]


def sections(plan: Plan) -> list[Muc]:
    """The Roman-numbered sections of the short form in order, extra sections placed by `vi_tri`."""
    extra: dict[str, list[Muc]] = {}
    for muc in plan.muc_them:
        extra.setdefault(muc.vi_tri, []).append(muc)
    ordered: list[Muc] = list(extra.get("dau", []))
    purpose = _purpose_section(plan)
    if purpose:
        ordered.append(purpose)
    theme = theme_section(plan)  # the action-month kind's "Chủ đề, thông điệp và thời gian"
    if theme:
        ordered.append(theme)
    ordered += extra.get("sau_muc_dich_yeu_cau", [])
    if plan.noi_dung:
        ordered.append(Muc(ten=TITLE_NOI_DUNG, cac_khoan=list(plan.noi_dung)))
    ordered += extra.get("sau_noi_dung", [])
    if plan.kinh_phi:
        ordered.append(_block_section(TITLE_KINH_PHI, plan.kinh_phi))
    ordered += extra.get("sau_kinh_phi", [])
    if plan.to_chuc_thuc_hien:
        ordered.append(Muc(ten=TITLE_TO_CHUC, cac_khoan=list(plan.to_chuc_thuc_hien)))
    ordered += extra.get("cuoi", [])
    return ordered


def _purpose_section(plan: Plan) -> Muc | None:
    parts = [(TITLE_MUC_DICH, plan.muc_dich), (TITLE_YEU_CAU, plan.yeu_cau)]
    present = [(title, block) for title, block in parts if block is not None]
    if not present:
        return None
    title = TITLE_MUC_DICH_YEU_CAU if len(present) == 2 else present[0][0]
    khoan = [Khoan(ten=t, mo_ta=b.mo_ta, cac_y=b.cac_y, sau=b.sau) for t, b in present]
    return Muc(ten=title, cac_khoan=khoan)


def _block_section(title: str, block: NoiDung) -> Muc:
    return Muc(ten=title, mo_ta=block.mo_ta, cac_y=block.cac_y, cac_khoan=[])


def _section(muc: Muc) -> Node:
    children = [*paragraphs(muc.mo_ta), *bullets(muc.cac_y), *(_item(k) for k in muc.cac_khoan)]
    return Node("muc", heading=muc.ten, children=tuple(children))


def _item(khoan: Khoan) -> Node:
    details = [
        YGachDauDong(y=f"{label}: {value}")
        for label, value in (
            ("Đơn vị chủ trì", khoan.chu_tri),
            ("Đơn vị phối hợp", khoan.phoi_hop),
            ("Thời gian thực hiện", khoan.thoi_gian),
        )
        if value
    ]
    children = [
        *paragraphs(khoan.mo_ta),
        *bullets(khoan.cac_y),
        *(_point(d) for d in khoan.cac_diem),
        *paragraphs(khoan.sau),
        *bullets(details),
    ]
    return Node(
        "khoan", heading=khoan.ten, children=tuple(children), show_number=_shows(khoan.ten, khoan.mo_ta)
    )


def _point(diem: Diem) -> Node:
    children = [*paragraphs(diem.mo_ta), *bullets(diem.cac_y)]
    return Node("diem", heading=diem.ten, children=tuple(children), show_number=_shows(diem.ten, diem.mo_ta))


def _shows(title: str | None, lead: Sequence[str]) -> bool:
    # The short form prints an untitled item's number before its first paragraph, or not at all.
    return title is not None or bool(lead)


# --- The free outline -------------------------------------------------------------------------
def free_outline(items: Sequence[OutlineItem], *, in_annex: bool = False) -> list[Node]:
    """The tree of a `than_van_ban` (or an annex's `noi_dung`) list."""
    nodes: list[Node] = []
    pending: list[YGachDauDong] = []
    for item in items:
        if isinstance(item, YNut):
            pending.append(YGachDauDong(y=item.y, cac_y=item.cac_y))
            continue
        nodes += bullets(pending)
        pending = []
        nodes += _outline_node(item, in_annex=in_annex)
    return nodes + bullets(pending)


def _outline_node(item: OutlineItem, *, in_annex: bool) -> Iterator[Node]:
    if isinstance(item, str):
        yield Node("doan", text=item)
    elif isinstance(item, DoanNut):
        yield from paragraphs(item.doan)
    elif isinstance(item, BangNut):
        yield Node("bang", table=table_block(item.bang))
    elif isinstance(item, HoatDongNut):
        yield from activities(item.cac_hoat_dong, in_annex=in_annex)
    elif isinstance(item, YNut):  # collected into runs by `free_outline`; kept for completeness
        yield from bullets([YGachDauDong(y=item.y, cac_y=item.cac_y)])
    elif isinstance(item, PhanNut):
        children = tuple(free_outline(item.noi_dung, in_annex=in_annex))
        yield Node("phan", heading=item.phan, title=item.ten, children=children)
    else:
        kind, heading = _level(item)
        children = tuple(free_outline(item.noi_dung, in_annex=in_annex))
        yield Node(kind, heading=heading, children=children)


def _level(item: MucNut | KhoanNut | TieuKhoanNut | DiemNut) -> tuple[str, str | None]:
    if isinstance(item, MucNut):
        return "muc", item.muc
    if isinstance(item, KhoanNut):
        return "khoan", item.khoan
    if isinstance(item, TieuKhoanNut):
        return "tieu_khoan", item.tieu_khoan
    return "diem", item.diem


# --- Activities -------------------------------------------------------------------------------
def activities(listing: DanhSachHoatDong, *, in_annex: bool) -> list[Node]:
    """Activities as a table (the default in an annex) or as numbered items (in the body)."""
    layout = listing.trinh_bay or ("bang" if in_annex else "khoan")
    if layout == "bang":
        return [Node("bang", table=activity_table(listing))]
    nodes = [_activity(a, "khoan") for a in listing.hoat_dong]
    for group in listing.nhom:
        points = tuple(_activity(a, "diem") for a in group.hoat_dong)
        nodes.append(Node("khoan", heading=group.ten, children=points))
    return nodes


def _activity(activity: HoatDong, kind: str) -> Node:
    details = [
        YGachDauDong(y=f"{label}: {getattr(activity, key)}")
        for key, label in ACTIVITY_DETAILS
        if getattr(activity, key)
    ]
    return Node(kind, children=(Node("doan", text=activity.noi_dung), *bullets(details)))


# --- The stage --------------------------------------------------------------------------------
def body_tree(plan: Plan) -> tuple[Node, ...]:
    """The numbered tree of the plan's body, from whichever form it is written in."""
    body = with_action_month_times(plan, plan.than_van_ban)
    nodes = free_outline(body) if body else short_form(plan)
    return numbered(nodes)


def annex_tree(items: Sequence[OutlineItem]) -> tuple[Node, ...]:
    """The numbered tree of one annex's content."""
    return numbered(free_outline(items, in_annex=True))
