"""Import (last step): write plan-file data as YAML in the project's own style.

The schema line for the editor, a short Vietnamese comment above each top-level key, block
style throughout, plain scalars where YAML reads them back as the same text, single quotes
otherwise, `|-` for text with line breaks, and the lines that found no place written as
comments under a "# KHÔNG XẾP ĐƯỢC" marker beside the key nearest to them. Every scalar is
checked by reading it back with PyYAML's safe loader, so the file means exactly the data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from bdg_plan import messages as msg

#: The editor reads the schema beside the plan (`bdg-plan schema -o bdg-plan.schema.json`).
SCHEMA_LINE = "# yaml-language-server: $schema=bdg-plan.schema.json"

#: The order a clerk reads a plan in (the model's field order).
KEY_ORDER = (
    "nam",
    "loai_ke_hoach",
    "co_quan",
    "co_quan_lien_tich",
    "so",
    "ky_hieu",
    "ngay",
    "ten_loai",
    "trich_yeu",
    "cach_dan",
    "can_cu",
    "de_nghi",
    "loi_dan",
    "mo_dau",
    "than_van_ban",
    "muc_dich",
    "yeu_cau",
    "noi_dung",
    "kinh_phi",
    "to_chuc_thuc_hien",
    "muc_them",
    "ket_thuc",
    "thang_hanh_dong",
    "chu_de",
    "thong_diep",
    "nguoi_ky",
    "nguoi_ky_lien_tich",
    "noi_nhan",
    "luu",
    "phu_luc",
)
_INDENT = "  "
#: libyaml's loader when PyYAML has it (ten times faster), the pure-Python one otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Text that is a plain scalar for sure: starts with a letter, none of YAML's indicators inside.
_SAFE_PLAIN = re.compile(r"^[^\W\d_][^:#'\"{}\[\],&*!|>%@`\n\t]*$")
_YAML_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def _read_back(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def scalar(value: Any) -> str:
    """One scalar as YAML: plain when it reads back the same, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _SAFE_PLAIN.match(text) and text == text.rstrip() and text.lower() not in _YAML_WORDS:
        return text
    if text and text == text.strip() and "\n" not in text and not text.startswith(("'", '"')):
        try:
            if _read_back(text) == text and " #" not in text and ": " not in text:
                return text
        except yaml.YAMLError:
            pass
    if "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    return yaml.safe_dump(text, allow_unicode=True, width=10**9, default_style='"').strip()


def _literal(text: str, indent: str) -> str | None:
    """Text with line breaks as a `|-` block, when the block reads back exactly."""
    lines = text.split("\n")
    if any(line != line.strip() or not line for line in lines):
        return None
    block = "|-\n" + "\n".join(f"{indent}{line}" for line in lines)
    return block


def _value_lines(value: Any, indent: str) -> list[str]:
    """The lines of a mapping's or list's content at `indent`."""
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines += _entry(f"{indent}{key}:", item, indent)
    else:
        for item in value:
            if isinstance(item, dict) and item:
                inner = _value_lines(item, indent + _INDENT)
                first = inner[0][len(indent) + len(_INDENT) :]
                lines.append(f"{indent}- {first}")
                lines += inner[1:]
            else:
                lines += _entry(f"{indent}-", item, indent)
    return lines


def _entry(head: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, dict | list) and value:
        return [head, *_value_lines(value, indent + _INDENT)]
    if isinstance(value, dict | list):
        return [f"{head} {'{}' if isinstance(value, dict) else '[]'}"]
    if isinstance(value, str) and "\n" in value:
        block = _literal(value, indent + _INDENT)
        if block is not None:
            return [f"{head} {block}"]
    return [f"{head} {scalar(value)}"]


def emit_plan(
    data: dict[str, Any],
    *,
    head_comment: str,
    unplaced: dict[str, list[str]] | None = None,
    headed: dict[str, dict[str, list[str]]] | None = None,
) -> str:
    """The plan file's text for `data`, comments included.

    Args:
        data: plan-file data (keys of the model, values of plain types).
        head_comment: lines written as comments under the schema line.
        unplaced: text that found no place, by the key it is written after; a key that is no
            key of the plan and starts with "(" is a heading, its block written at the end.
        headed: more blocks beside a key, each under its heading ("(nhận xét)"), by key.

    """
    unplaced = unplaced or {}
    out = [SCHEMA_LINE]
    out += [f"# {line}".rstrip() for line in head_comment.splitlines()]
    keys = [k for k in KEY_ORDER if k in data] + [k for k in data if k not in KEY_ORDER]
    for key in keys:
        out.append("")
        comment = msg.IMPORT_KEY_COMMENTS.get(key)
        if comment:
            out.append(f"# {comment}")
        out += _entry(f"{key}:", data[key], "")
        out += _unplaced_lines(unplaced.get(key, []))
        for heading, lines in (headed or {}).get(key, {}).items():
            out += _unplaced_lines(lines, heading)
    for key, lines in unplaced.items():
        if key not in data:
            out.append("")
            out += _unplaced_lines(lines, key if key.startswith("(") else "")
    text = "\n".join(out) + "\n"
    _check_round_trip(text, data)
    return text


def _unplaced_lines(lines: list[str], heading: str = "") -> list[str]:
    """A "# KHÔNG XẾP ĐƯỢC" block; `heading` ("(chú thích cuối trang)") says what it holds."""
    if not lines:
        return []
    out = [f"# {msg.IMPORT_UNPLACED_MARKER} {heading}:" if heading else f"# {msg.IMPORT_UNPLACED_MARKER}:"]
    for line in lines:
        for part in line.splitlines() or [""]:
            out.append(f"#   {part}".rstrip())
    return out


def _check_round_trip(text: str, data: dict[str, Any]) -> None:
    """The file must read back as the data (a bug here would silently change a clerk's words)."""
    loaded = _read_back(text)
    if loaded != _plain(data):
        raise AssertionError("imported YAML does not read back as its data")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
