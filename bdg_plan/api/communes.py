"""Library API, the 2025 map's part: a province's communes as the table `batch` reads.

Re-exported by `bdg_plan.api`, which is the public surface; the CLI never imports this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from bdg_plan import messages as msg
from bdg_plan.errors import OutputError, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

# --- The 2025 map: a province's communes as a batch table -------------------------------------
#: The columns `communes` writes, as batch reads them (see bdg_plan.commands.batch.entries.HEADER_ALIASES).
COMMUNE_COLUMNS = ("Tên xã", "Tỉnh", "Địa danh", "Tên gọi tắt", "Người ký")


def communes_table(tinh: str, *, xa: Sequence[str] = (), signer: str = "") -> str:
    """A province's communes since 01/7/2025 as CSV text in the columns batch reads.

    `xa` keeps only the communes of those names (unit word optional: "Đồng Đăng" or "xã Đồng Đăng").
    `signer` fills the "Người ký" column (empty: for the clerk to fill in Excel).

    Raises:
        UsageError: no province of that name, or a name in `xa` that the province has not (the
            message suggests one).

    """
    import csv
    import io

    from bdg_plan.facts.admin_map import load, name_key, unit_name
    from bdg_plan.facts.place_names import place_name

    admin = load()
    province = admin.province(tinh)
    if province is None:
        text = msg.MAP_PROVINCE_UNKNOWN.format(value=tinh)
        old = admin.old_province(tinh)
        suggestions = [old[1].name] if old else admin.province_suggestions(tinh)
        if suggestions:
            text += msg.DID_YOU_MEAN.format(suggestion=suggestions[0])
        raise UsageError(text)
    communes = list(province.communes)
    if xa:
        wanted: list[Any] = []
        for name in xa:
            unit = unit_name(name)
            found = [
                commune
                for commune in admin.communes_named(province, unit.name if unit else name)
                if unit is None or name_key(commune.kind) == name_key(unit.kind)
            ]
            if not found:
                text = msg.MAP_BATCH_COMMUNE_UNKNOWN.format(xa=name, tinh=province.full)
                close = admin.commune_suggestions(province, unit.name if unit else name)
                if close:
                    text += msg.DID_YOU_MEAN.format(suggestion=close[0].full)
                raise UsageError(text)
            wanted.extend(commune for commune in found if commune not in wanted)
        communes = wanted
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COMMUNE_COLUMNS)
    for commune in communes:
        writer.writerow(
            [
                f"Ủy ban nhân dân {commune.full}",
                province.name,
                place_name(commune.kind, commune.name),
                f"UBND {commune.kind}",
                signer,
            ]
        )
    return out.getvalue()


def write_communes(path: Path, tinh: str, *, force: bool = False) -> int:
    """Save a province's communes table (UTF-8 with BOM, for Excel) atomically; return the row count.

    Raises:
        UsageError: unknown province.
        OutputError: `path` is a folder, exists (without `force`) or cannot be written.

    """
    from bdg_plan.output import atomic_write

    table = communes_table(tinh)
    if path.is_dir():
        raise OutputError(msg.TARGET_IS_DIR.format(file=path))
    atomic_write(path, ("\ufeff" + table).encode("utf-8"), force=force)
    return table.count("\r\n") - 1
