"""new-year's report on the new plan: what a human must check, each item with its class's reason.

`roll_forward` (commands.new_year) decides what moves; this module lists what stays for a reason
the clerk must act on (a past fact, a document this year's replaces, a district body after the
reform, an ended period, a year no class explains) and writes each item into the new file as a
`# CẦN XEM LẠI: ...` comment that ends with the digest of its value (rules.review_marks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from yaml.nodes import Node

from bdg_plan import messages as msg
from bdg_plan.commands import reform
from bdg_plan.commands.splice import Change, format_path, scalars, short_excerpt
from bdg_plan.commands.year_mentions import CITED, FIXED, HISTORY, PERIOD, SUPERSEDABLE, SUPERSEDED, classify
from bdg_plan.errors import Severity
from bdg_plan.facts.admin_map import DISTRICT_PATTERN, REFORM_DATE
from bdg_plan.plan.loader import DataPath, LoadedDocument, texts_with_paths
from bdg_plan.plan.model import Plan
from bdg_plan.plan.yaml_write import comment
from bdg_plan.rules.dates import old_annual_plans
from bdg_plan.rules.registry import domain_rules
from bdg_plan.rules.review_marks import value_at_line, value_digest, write_marks

#: Validation codes of the new plan that need a human after a roll-forward (errors always do).
REVIEW_CODES = frozenset({"old-annual-plan", "district-after-reform", "district-reference"})

STR_TAG = "tag:yaml.org,2002:str"

#: A title of last year's results ("KẾT QUẢ THỰC HIỆN NĂM 2023", "Đánh giá kết quả ...").
_HISTORY_TITLE = re.compile(r"(?<!\w)(?:kết quả|đánh giá)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class ReviewItem:
    """Something in the new plan a human must check: YAML key path, line of the new file, reason."""

    path: str
    line: int
    reason: str


def is_own_text(path: DataPath) -> bool:
    """A text of the plan itself: anything but a căn cứ's fields (a whole căn cứ sentence counts).

    A căn cứ written as one sentence may introduce the plan after citing ("..., UBND xã xây dựng
    Kế hoạch ... năm 2024"): its own years move, the cited document's stay.
    """
    return path[:1] != ("can_cu",) or len(path) == 2


def history_parts(root: Node) -> list[DataPath]:
    """The parts and sections of last year's results: a title that says "kết quả" or "đánh giá"."""
    found: list[DataPath] = []
    for path, node in scalars(root, (), set()):
        if path[-1:] in (("ten",), ("tieu_de",)) and _HISTORY_TITLE.search(str(node.value)):
            found.append(path[:-1])
    return found


def under(path: DataPath, parents: list[DataPath]) -> bool:
    """Whether `path` lies under one of `parents`."""
    return any(path[: len(parent)] == parent for parent in parents)


def is_dated(path: DataPath) -> bool:
    """The values new-year rewrites by their key: the year, the number, the dates."""
    return path in (("nam",), ("so",), ("ngay",)) or (len(path) == 2 and path[0] == "thang_hanh_dong")


def class_flags(root: Node, text: str, plan: Plan, new_year: int) -> list[tuple[DataPath, str]]:
    """The review items of the dates and years that stay for a reason a clerk must act on.

    Once per text and class: a past fact ("so với năm 2023") needs this year's figures; a cited
    document of the plan year or the year before is replaced by this year's one. A căn cứ that is
    an earlier year's annual plan is flagged by validate's own rule (`old-annual-plan`).
    """
    flags: list[tuple[DataPath, str]] = []
    history = history_parts(root)
    annual = {path for path, *_ in old_annual_plans(plan.model_copy(update={"nam": new_year}))}
    for path, node in scalars(root, (), set()):
        if node.tag != STR_TAG or is_dated(path) or not is_own_text(path):
            continue
        span = text[node.start_mark.index : node.end_mark.index]
        mentions = classify(span, plan.nam, new_year, history_part=under(path, history))
        past = next((m for m in mentions if m.kind == HISTORY), None)
        if past is not None:
            excerpt = short_excerpt(span, past.start, past.end)
            flags.append((path, msg.NEW_YEAR_HISTORY.format(excerpt=excerpt)))
        old = next((m for m in mentions if m.kind == SUPERSEDED), None)
        if old is not None and path not in annual:
            excerpt = short_excerpt(span, old.start, old.end)
            reason = msg.NEW_YEAR_SUPERSEDED.format(loai=old.citation, year=old.year, excerpt=excerpt)
            flags.append((path, reason))
    flags += [(path, reason) for path, reason in _superseded_fields(plan) if path not in annual]
    return flags


def _superseded_fields(plan: Plan) -> list[tuple[DataPath, str]]:
    """A căn cứ written as fields, of a type issued every year, dated the plan year or the year before."""
    flags: list[tuple[DataPath, str]] = []
    for index, item in enumerate(plan.can_cu):
        if isinstance(item, str) or item.ngay is None or item.loai is None:
            continue
        if item.loai in SUPERSEDABLE and item.ngay.year in (plan.nam, plan.nam - 1):
            excerpt = " ".join(filter(None, (item.loai, item.so_ky_hieu, item.ngay.strftime("%d/%m/%Y"))))
            reason = msg.NEW_YEAR_SUPERSEDED.format(loai=item.loai, year=item.ngay.year, excerpt=excerpt)
            flags.append((("can_cu", index), reason))
    return flags


def new_plan_reviews(
    doc: LoadedDocument, plan: Plan, old_plan: Plan, flags: list[tuple[DataPath, str]]
) -> list[ReviewItem]:
    """Everything in the new plan a human must check, at its line in the new file."""
    items: list[ReviewItem] = []

    def add(path: DataPath, reason: str) -> None:
        place = doc.resolve(path)
        items.append(ReviewItem(format_path(place), doc.locate(place).line, reason))

    for path, reason in flags:
        add(path, reason)
    flagged = {path for path, _reason in flags}

    covered: list[DataPath] = []
    for path, code, message, severity in domain_rules(plan):
        if code in REVIEW_CODES or severity is Severity.ERROR:
            add(path, message)
            covered.append(doc.resolve(path))
    after_reform = plan.ngay.earliest >= REFORM_DATE
    if after_reform and old_plan.ngay.earliest < REFORM_DATE:
        add(("co_quan", "ten"), msg.NEW_YEAR_CHECK_COMMUNE.format(value=plan.co_quan.ten))
    for path, value in texts_with_paths(doc.data):
        cited = path[:1] == ("can_cu",)
        ended: dict[tuple[int, int], str] = {}  # one item per period, however it is spelt
        for period in PERIOD.finditer(value):
            first, last = int(period.group(1)), int(period.group(2))
            if first < last < plan.nam:
                ended.setdefault((first, last), period.group())
        for written in ended.values():
            add(path, msg.NEW_YEAR_PERIOD_ENDED.format(period=written, year=plan.nam))
        district = DISTRICT_PATTERN.search(value)
        if after_reform and district and not cited and not under(path, covered):
            excerpt = short_excerpt(value, district.start(), district.end())
            add(path, msg.NEW_YEAR_DISTRICT_TEXT.format(excerpt=excerpt))
        kept = _old_year_left(value, old_plan.nam, plan.nam) if plan.nam != old_plan.nam else None
        if kept is not None and not cited and path not in flagged:
            excerpt = short_excerpt(value, kept, kept + 4)
            add(
                path,
                msg.NEW_YEAR_OLD_YEAR_KEPT.format(old_year=old_plan.nam, new_year=plan.nam, excerpt=excerpt),
            )
    return sorted(set(items), key=lambda item: (item.line, item.path, item.reason))


def _old_year_left(text: str, year: int, new_year: int) -> int | None:
    """Where the old year is still written with no class that explains it (a bare "2023"), or None.

    A cited document's year, a period, a past fact (flagged with its own reason) stay on purpose.
    """
    explained = {
        m.start for m in classify(text, year, new_year) if m.kind in (CITED, FIXED, HISTORY, SUPERSEDED)
    }
    for match in re.finditer(rf"(?<!\d){year}(?!\d)", text):
        if match.start() not in explained:
            return match.start()
    return None


def with_reform(general: list[ReviewItem], notes: list[reform.Note]) -> list[ReviewItem]:
    """The general review items plus the reform's; the reform's say more where both speak."""
    own = [
        ReviewItem(reform.COMMENT_PATH if n.path is None else format_path(n.path), n.line, n.reason)
        for n in notes
    ]
    replaced = {item.path for item in own} & reform.SUPERSEDED
    kept = [item for item in general if item.path not in replaced]
    return sorted(set(kept + own), key=lambda item: (item.line, item.path, item.reason))


def write_reviews(
    doc: LoadedDocument, changes: list[Change], reviews: list[ReviewItem]
) -> tuple[str, list[Change], list[ReviewItem]]:
    """Write each review item as a `# CẦN XEM LẠI: ...` comment above its line; renumber the report.

    Each comment ends with the digest of the value on its line, so changing the value settles it.
    """
    items = []
    for item in reviews:
        known, value = value_at_line(doc, item.line)
        # A reason may quote the clerk's text (a value with a line break): kept on its comment line.
        items.append((item.line, comment(item.reason), value_digest(value) if known else None))
    new_text, moved = write_marks(doc.text, items)
    changes = [replace(c, line=moved.get(c.line, c.line)) for c in changes]
    reviews = [replace(r, line=moved.get(r.line, r.line)) for r in reviews]
    return new_text, changes, reviews
