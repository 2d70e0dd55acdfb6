"""Domain rules of the header, the opening and the signature: ký hiệu family, căn cứ dates, signers.

Part of pipeline stage 3 (validate): each rule takes the typed plan (or header values) and yields
findings as (model path, code, message, severity); `bdg_plan.rules.validate` places them in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from bdg_plan import messages as msg
from bdg_plan.errors import Severity
from bdg_plan.facts import nd30
from bdg_plan.facts.vietnamese import format_short_date
from bdg_plan.plan.loader import DataPath
from bdg_plan.plan.model import NguoiKy, Plan
from bdg_plan.rules.citations import cited

#: A rule's finding: the model path it is about, its code, its message and how bad it is.
#: `bdg_plan.rules.validate` turns each into a `Problem` at the path's place in the file.
Finding = tuple[DataPath, str, str, Severity]


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
        yield ("ky_hieu",), "ky-hieu-family", message, Severity.ERROR
    else:
        message = msg.KY_HIEU_NOT_KH.format(
            family=ten_loai.lower(), abbreviation=abbreviation, name=ten_loai, value=ky_hieu
        )
        yield ("ky_hieu",), "ky-hieu-format", message, Severity.WARNING


def citation_rules(plan: Plan) -> Iterator[Finding]:
    """Dates of the căn cứ: given by fields, or recognised in the clerk's own sentence."""
    for index, item in enumerate(plan.can_cu):
        reference = cited(item)
        written = isinstance(item, str)
        if written and not reference.recognised:
            yield ("can_cu", index), "can-cu-not-recognised", msg.CAN_CU_NOT_RECOGNISED, Severity.WARNING
        if written and reference.date_text and reference.ngay is None:
            message = msg.CAN_CU_DATE_IMPOSSIBLE.format(value=reference.date_text)
            yield ("can_cu", index), "invalid-date", message, Severity.WARNING
        if reference.ngay and reference.ngay > plan.ngay.latest:
            yield (
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
            yield ("nguoi_ky_lien_tich",), "joint-incomplete", msg.JOINT_SIGNER_WITHOUT_BODY, Severity.ERROR
    elif plan.co_quan_lien_tich is not None:
        yield ("co_quan_lien_tich",), "joint-incomplete", msg.JOINT_BODY_WITHOUT_SIGNER, Severity.ERROR
    if plan.co_quan_lien_tich is not None and plan.ky_hieu.count("-") < 2:
        abbreviation = plan.ky_hieu.split("-", 1)[0]
        message = msg.KY_HIEU_JOINT.format(example=f"{abbreviation}-UBND-HLHPN", value=plan.ky_hieu)
        yield ("ky_hieu",), "ky-hieu-joint", message, Severity.WARNING


def _signer_block(signer: NguoiKy, key: str) -> Iterator[Finding]:
    """Ô 7a: an authority needs the head's title, a deputy needs a position, TM. needs a body."""
    if signer.tham_quyen and not signer.thu_truong:
        yield (
            (key,),
            "signer-inconsistent",
            msg.SIGNER_KT_NEEDS.format(prefix=signer.tham_quyen),
            Severity.ERROR,
        )
    needs_title = signer.tham_quyen in ("KT.", "TL.", "TUQ.") or (
        signer.tham_quyen is None and signer.thu_truong is None
    )
    if needs_title and not signer.chuc_vu:
        yield (key,), "signer-inconsistent", msg.SIGNER_NEEDS_TITLE, Severity.ERROR
    if signer.thay_mat is None and signer.tham_quyen is None and signer.thu_truong is not None:
        yield (key, "thu_truong"), "signer-inconsistent", msg.SIGNER_TM_NEEDS, Severity.ERROR


def kind_rules(plan: Plan) -> Iterator[Finding]:
    """The action-month plan has its dates and theme; an annual plan has no field it never prints."""
    if plan.loai_ke_hoach == "thang_hanh_dong":
        if plan.thang_hanh_dong is None:
            message = msg.ACTION_MONTH_NEEDS_DATES.format(year=plan.nam)
            yield ("loai_ke_hoach",), "action-month-incomplete", message, Severity.ERROR
        if plan.chu_de is None:
            yield (
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
                    yield (key,), "not-printed", message, Severity.WARNING
        return
    for key in ("chu_de", "thong_diep"):
        if getattr(plan, key):
            yield (key,), "not-printed", msg.PRINTS_ONLY_IN_ACTION_MONTH.format(key=key), Severity.WARNING
