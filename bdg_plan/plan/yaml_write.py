"""Plan files as YAML text in the project's own style: import writes through here, and init too.

One emitter decides how every string is written, keys included (`scalar`, `key`): plain when
YAML reads it back as the same text, single quotes when it holds no character that needs an
escape, double quotes with escapes otherwise; `|-` for text with line breaks. Every comment
text from outside (a file name, a value quoted in a review note, a line that found no place)
goes through `comment`, which keeps it on its own line.

Why a hand-written emitter and not a PyYAML Dumper subclass: the file is read by clerks, so it
has a Vietnamese comment above each top-level key, lines that found no place written as comments
beside the key nearest to them, and the starter's fixed layout; PyYAML's emitter writes no
comments, and bending its scalar analysis to this style would hide the one decision that matters
here (plain or quoted) inside its internals. The double-quoted form, where escapes are needed,
is PyYAML's own. Every text that is not plain for sure is checked by reading it back, and the
whole file once more at the end, so the file means exactly the data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from bdg_plan import messages as msg
from bdg_plan.plan.model import Plan

#: The editor reads the schema beside the plan (`bdg-plan schema -o bdg-plan.schema.json`).
SCHEMA_LINE = "# yaml-language-server: $schema=bdg-plan.schema.json"

#: The order a clerk reads a plan in: the model's field order.
KEY_ORDER: tuple[str, ...] = tuple(Plan.model_fields)
_INDENT = "  "
#: libyaml's loader when PyYAML has it (ten times faster), the pure-Python one otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Text that is a plain scalar for sure: starts with a letter, none of YAML's indicators inside.
_SAFE_PLAIN = re.compile(r"^[^\W\d_][^:#'\"{}\[\],&*!|>%@`\n\t]*$")
_YAML_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})
#: Characters written only as escapes, inside double quotes: everything YAML may not hold raw
#: (controls, surrogates, U+FFFE/U+FFFF), the tab, the byte-order mark, and the characters
#: YAML reads as line breaks that editors do not show as one (NEL, U+2028, U+2029).
_NEEDS_ESCAPE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
#: A simple key may be at most 1024 characters long; past that a key is written `? key`.
_MAX_SIMPLE_KEY = 1000
#: What a comment may not hold raw: line breaks of any kind (a break would end the comment and
#: start live YAML), other controls, characters YAML refuses, and the invisible and bidirectional
#: controls the loader warns about (a bidi control can show a line in another order). A lone
#: surrogate (a file name that is not UTF-8) is left as it is: the file cannot be written with it,
#: and the command says so in one sentence naming the file (`errors.name_failure_message`).
_COMMENT_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]"
)


def _read_back(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def comment(text: str) -> str:
    r"""`text` made safe inside one comment line.

    Every character that could end the comment early, that YAML refuses, or that hides or
    reorders text is written as an escape: a line break as the six characters "\u000a".
    """
    return _COMMENT_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_ESCAPE = re.compile(r"\\u([0-9a-f]{4})")


def uncomment(text: str) -> str:
    """`comment` undone: each escape it writes back to its character (other text unchanged)."""

    def character(match: re.Match[str]) -> str:
        found = chr(int(match.group(1), 16))
        return found if _COMMENT_UNSAFE.match(found) else match.group()

    return _ESCAPE.sub(character, text)


def comment_line(text: str, indent: str = "") -> str:
    """One comment line holding `text` (made safe by `comment`), without trailing spaces."""
    return f"{indent}# {comment(text)}".rstrip()


def scalar(value: Any) -> str:
    """One value as YAML on one line: plain when it reads back the same, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain_value(text):
        return text
    return _quoted(text)


def key(text: str) -> str:
    """A mapping key as YAML: plain when it reads back as the same key, else quoted."""
    if _NEEDS_ESCAPE.search(text):
        return _quoted(text)
    if _SAFE_PLAIN.match(text) and text == text.rstrip() and text.lower() not in _YAML_WORDS:
        return text
    # "a:" would be written "a::", which YAML readers split differently.
    if _plain_candidate(text) and not text.endswith(":"):
        try:
            if _read_back(f"{text}: 0") == {text: 0}:
                return text
        except yaml.YAMLError:
            pass
    return _quoted(text)


def _plain_candidate(text: str) -> bool:
    """Text that may be plain: one line, no outer spaces or quotes, nothing that needs an escape."""
    return bool(
        text
        and text == text.strip()
        and "\n" not in text
        and not text.startswith(("'", '"'))
        and " #" not in text
        and ": " not in text
        and not _NEEDS_ESCAPE.search(text)
    )


def _plain_value(text: str) -> bool:
    if _SAFE_PLAIN.match(text) and text == text.rstrip() and text.lower() not in _YAML_WORDS:
        return not _NEEDS_ESCAPE.search(text)
    if _plain_candidate(text):
        try:
            return bool(_read_back(text) == text)
        except yaml.YAMLError:
            return False
    return False


def _quoted(text: str) -> str:
    """Single quotes when no character needs an escape, else double quotes with escapes."""
    if "\n" not in text and not _NEEDS_ESCAPE.search(text):
        return "'" + text.replace("'", "''") + "'"
    return yaml.safe_dump(text, allow_unicode=True, width=10**9, default_style='"').strip()


def _literal(text: str, indent: str) -> str | None:
    """Text with line breaks as a `|-` block, when the block reads back exactly."""
    lines = text.split("\n")
    if any(line != line.strip() or not line or _NEEDS_ESCAPE.search(line) for line in lines):
        return None
    block = "|-\n" + "\n".join(f"{indent}{line}" for line in lines)
    return block


def _value_lines(value: Any, indent: str) -> list[str]:
    """The lines of a mapping's or list's content at `indent`."""
    lines: list[str] = []
    if isinstance(value, dict):
        for name, item in value.items():
            written = key(str(name))
            if len(written.encode("utf-8")) > _MAX_SIMPLE_KEY:
                lines.append(f"{indent}? {written}")
                lines += _entry(f"{indent}:", item, indent)
            else:
                lines += _entry(f"{indent}{written}:", item, indent)
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
    out += [comment_line(line) for line in head_comment.removesuffix("\n").split("\n")]
    keys = [k for k in KEY_ORDER if k in data] + [k for k in data if k not in KEY_ORDER]
    for name in keys:
        out.append("")
        note = msg.IMPORT_KEY_COMMENTS.get(name)
        if note:
            out.append(comment_line(note))
        out += _value_lines({name: data[name]}, "")
        out += _unplaced_lines(unplaced.get(name, []))
        for heading, lines in (headed or {}).get(name, {}).items():
            out += _unplaced_lines(lines, heading)
    for name, lines in unplaced.items():
        if name not in data:
            out.append("")
            out += _unplaced_lines(lines, name if name.startswith("(") else "")
    text = "\n".join(out) + "\n"
    _check_round_trip(text, data)
    return text


def _unplaced_lines(lines: list[str], heading: str = "") -> list[str]:
    """A "# KHÔNG XẾP ĐƯỢC" block; `heading` ("(chú thích cuối trang)") says what it holds."""
    if not lines:
        return []
    out = [f"# {msg.IMPORT_UNPLACED_MARKER} {heading}:" if heading else f"# {msg.IMPORT_UNPLACED_MARKER}:"]
    for line in lines:
        for part in line.split("\n"):
            out.append(f"#   {comment(part)}".rstrip())
    return out


def _check_round_trip(text: str, data: Any) -> None:
    """The file must read back as the data (a bug here would silently change a clerk's words)."""
    try:
        loaded = _read_back(text)
    except yaml.YAMLError as exc:
        raise AssertionError("the YAML written does not read back") from exc
    if loaded != _plain(data):
        raise AssertionError("the YAML written does not read back as its data")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
