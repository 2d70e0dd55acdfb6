"""Rule family "header": the header, the opening and the signature (Decree 30, Phụ lục III).

The ký hiệu and its family abbreviation, the issue date's year, the dates of the căn cứ, the
signer blocks and the fields each kind of plan prints. Part of pipeline stage 3 (validate): each
rule takes the typed plan and yields `Finding`s; `bdg_plan.rules.validate` places them in the
file. When the plan's shape is wrong, `header_rules` still checks the header fields that are
right, from the raw data, so every mistake is reported in one run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Annotated, Any, cast

from pydantic import TypeAdapter, ValidationError

from bdg_plan import messages as msg
from bdg_plan.errors import Severity
from bdg_plan.facts import nd30
from bdg_plan.facts.vietnamese import format_short_date
from bdg_plan.plan.model import NgayBanHanh, NguoiKy, Plan
from bdg_plan.rules.citations import cited
from bdg_plan.rules.finding import Finding

#: Every code this family yields, and what it flags.
CODES = {
    "ky-hieu-format": "a ký hiệu not of the form KH-UBND, or not starting with its type's abbreviation",
    "ky-hieu-family": "a ký hiệu starting with another plan type's abbreviation (CTr for a Kế hoạch)",
    "ky-hieu-joint": "a joint plan whose ký hiệu names only one body",
    "year-mismatch": "an issue date in another year than the plan's `nam`",
    "can-cu-not-recognised": "a căn cứ sentence in which no document type, number or date is found",
    "invalid-date": "a căn cứ sentence whose date is not a real date (31/02/2024)",
    "can-cu-after-plan": "a căn cứ issued after the plan itself",
    "signer-inconsistent": "a signer block missing what its authority (TM., KT., TL., TUQ.) needs",
    "joint-incomplete": "a joint plan with a second body but no second signer, or the reverse",
    "action-month-incomplete": "an action-month plan without its dates or its theme",
    "not-printed": "a field the chosen kind of plan never prints (chu_de in an annual plan)",
}

_KY_HIEU = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ][A-Za-zĐđ0-9]*)+$")

#: The header fields that `header_rules` validates on their own.
_HEADER_NAMES = ("nam", "ky_hieu", "ngay", "ten_loai")


def check(plan: Plan) -> Iterator[Finding]:
    """Every rule of this family, on a typed plan."""
    yield from header_findings(plan.nam, plan.ky_hieu, plan.ngay, plan.ten_loai)
    yield from citation_rules(plan)
    yield from signer_rules(plan)
    yield from kind_rules(plan)


def header_findings(
    nam: int | None, ky_hieu: str | None, ngay: NgayBanHanh | None, ten_loai: str | None = None
) -> Iterator[Finding]:
    """Ký hiệu and year rules; a field given as None was not valid and is not checked."""
    if ky_hieu is not None:
        if not _KY_HIEU.match(ky_hieu):
            yield Finding(
                ("ky_hieu",), "ky-hieu-format", msg.KY_HIEU_FORMAT.format(value=ky_hieu), Severity.ERROR
            )
        elif ten_loai is not None:
            yield from family_findings(ky_hieu, ten_loai)
    if nam is not None and ngay is not None and ngay.nam != nam:
        message = msg.YEAR_MISMATCH.format(date_year=ngay.nam, plan_year=nam)
        yield Finding(("ngay",), "year-mismatch", message, Severity.ERROR)


@functools.cache
def _header_fields() -> dict[str, TypeAdapter[Any]]:
    """Validators for the header fields alone, built from the `Plan` fields (one source of truth).

    Built on first use: only a plan whose shape is wrong needs them, so a clean start skips
    their schema generation.
    """
    return {
        name: TypeAdapter(cast(Any, Annotated[Plan.model_fields[name].annotation, Plan.model_fields[name]]))
        for name in _HEADER_NAMES
    }


def header_rules(data: dict[str, Any]) -> Iterator[Finding]:
    """Run the ký hiệu and year rules on raw data whose other parts do not fit the model.

    Each of `nam`, `ky_hieu` and `ngay` is validated on its own; a rule runs only when the
    fields it needs are present and valid (their own errors are reported by the shape pass).
    """
    valid: dict[str, Any] = {}
    for name, adapter in _header_fields().items():
        if name in data:
            try:
                valid[name] = adapter.validate_python(data[name])
            except ValidationError:
                continue
    ten_loai = valid.get("ten_loai", "Kế hoạch") if "ten_loai" in valid or "ten_loai" not in data else None
    yield from header_findings(valid.get("nam"), valid.get("ky_hieu"), valid.get("ngay"), ten_loai)


def family_findings(ky_hieu: str, ten_loai: str) -> Iterator[Finding]:
    """The ký hiệu starts with the abbreviation of the title's type (Phụ lục III): KH, CTr, PA."""
    abbreviation = nd30.PLAN_FAMILIES[ten_loai]
    first = ky_hieu.split("-", 1)[0]
    if first.casefold() == abbreviation.casefold():
        return
    other = next(
        (name for name, abbr in nd30.PLAN_FAMILIES.items() if abbr.casefold() == first.casefold()), None
    )
    if other is not None:
        message = msg.KY_HIEU_OTHER_FAMILY.format(
            value=ky_hieu,
            other=other.lower(),
            other_abbreviation=nd30.PLAN_FAMILIES[other],
            name=ten_loai,
            abbreviation=abbreviation,
        )
        yield Finding(("ky_hieu",), "ky-hieu-family", message, Severity.ERROR)
    else:
        message = msg.KY_HIEU_NOT_KH.format(
            family=ten_loai.lower(), abbreviation=abbreviation, name=ten_loai, value=ky_hieu
        )
        yield Finding(("ky_hieu",), "ky-hieu-format", message, Severity.WARNING)


def citation_rules(plan: Plan) -> Iterator[Finding]:
    """Dates of the căn cứ: given by fields, or recognised in the clerk's own sentence."""
    for index, item in enumerate(plan.can_cu):
        reference = cited(item)
        written = isinstance(item, str)
        if written and not reference.recognised:
            yield Finding(
                ("can_cu", index), "can-cu-not-recognised", msg.CAN_CU_NOT_RECOGNISED, Severity.WARNING
            )
        if written and reference.date_text and reference.ngay is None:
            message = msg.CAN_CU_DATE_IMPOSSIBLE.format(value=reference.date_text)
            yield Finding(("can_cu", index), "invalid-date", message, Severity.WARNING)
        if reference.ngay and reference.ngay > plan.ngay.latest:
            yield Finding(
                ("can_cu", index) if written else ("can_cu", index, "ngay"),
                "can-cu-after-plan",
                msg.CAN_CU_AFTER_PLAN.format(
                    cited=reference.date_text if written else format_short_date(reference.ngay),
                    plan=format_short_date(plan.ngay.latest),
                ),
                Severity.ERROR,
            )


def signer_rules(plan: Plan) -> Iterator[Finding]:
    """Each signer block is complete, and a joint plan has both its second body and second signer."""
    yield from _signer_block(plan.nguoi_ky, "nguoi_ky")
    if plan.nguoi_ky_lien_tich is not None:
        yield from _signer_block(plan.nguoi_ky_lien_tich, "nguoi_ky_lien_tich")
        if plan.co_quan_lien_tich is None:
            yield Finding(
                ("nguoi_ky_lien_tich",), "joint-incomplete", msg.JOINT_SIGNER_WITHOUT_BODY, Severity.ERROR
            )
    elif plan.co_quan_lien_tich is not None:
        yield Finding(
            ("co_quan_lien_tich",), "joint-incomplete", msg.JOINT_BODY_WITHOUT_SIGNER, Severity.ERROR
        )
    if plan.co_quan_lien_tich is not None and plan.ky_hieu.count("-") < 2:
        abbreviation = plan.ky_hieu.split("-", 1)[0]
        message = msg.KY_HIEU_JOINT.format(example=f"{abbreviation}-UBND-HLHPN", value=plan.ky_hieu)
        yield Finding(("ky_hieu",), "ky-hieu-joint", message, Severity.WARNING)


def _signer_block(signer: NguoiKy, key: str) -> Iterator[Finding]:
    """Ô 7a: an authority needs the head's title, a deputy needs a position, TM. needs a body."""
    if signer.tham_quyen and not signer.thu_truong:
        yield Finding(
            (key,),
            "signer-inconsistent",
            msg.SIGNER_KT_NEEDS.format(prefix=signer.tham_quyen),
            Severity.ERROR,
        )
    needs_title = signer.tham_quyen in ("KT.", "TL.", "TUQ.") or (
        signer.tham_quyen is None and signer.thu_truong is None
    )
    if needs_title and not signer.chuc_vu:
        yield Finding((key,), "signer-inconsistent", msg.SIGNER_NEEDS_TITLE, Severity.ERROR)
    if signer.thay_mat is None and signer.tham_quyen is None and signer.thu_truong is not None:
        yield Finding((key, "thu_truong"), "signer-inconsistent", msg.SIGNER_TM_NEEDS, Severity.ERROR)


def kind_rules(plan: Plan) -> Iterator[Finding]:
    """The action-month plan has its dates and theme; an annual plan has no field it never prints."""
    if plan.loai_ke_hoach == "thang_hanh_dong":
        if plan.thang_hanh_dong is None:
            message = msg.ACTION_MONTH_NEEDS_DATES.format(year=plan.nam)
            yield Finding(("loai_ke_hoach",), "action-month-incomplete", message, Severity.ERROR)
        if plan.chu_de is None:
            yield Finding(
                ("loai_ke_hoach",),
                "action-month-incomplete",
                msg.ACTION_MONTH_NEEDS_THEME,
                Severity.WARNING,
            )
        if plan.than_van_ban:
            # The theme section is built for the short form only; a free outline writes its own.
            for key in ("chu_de", "thong_diep"):
                if getattr(plan, key):
                    message = msg.PRINTS_ONLY_IN_SHORT_FORM.format(key=key)
                    yield Finding((key,), "not-printed", message, Severity.WARNING)
        return
    for key in ("chu_de", "thong_diep"):
        if getattr(plan, key):
            message = msg.PRINTS_ONLY_IN_ACTION_MONTH.format(key=key)
            yield Finding((key,), "not-printed", message, Severity.WARNING)
