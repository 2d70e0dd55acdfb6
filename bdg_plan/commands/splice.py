"""Edits spliced into a clerk's own YAML text, and the change table they make.

new-year never re-writes a plan file: it composes the text with PyYAML's safe loader (every node
keeps its start and end offsets), makes each edit inside one scalar's span or one comment line,
and splices the edits into the text. Lines without an edit are copied from the original decoded
text, so a file typed in decomposed Unicode (NFD) keeps them as they were. This module holds that
mechanism: the node walkers, the splice, the excerpts of the change table and the line keeping.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bdg_plan.plan.loader import DataPath

#: Characters of context shown around a change or a mention in the report.
CONTEXT = 30


@dataclass(frozen=True)
class Change:
    """One edit in the new file: where (YAML key path, line of the new file), old and new text.

    `old` is empty for an added line (a review comment).
    """

    path: str
    line: int
    old: str
    new: str


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `new`; start == end at a line start inserts whole lines."""

    start: int
    end: int
    new: str
    path: DataPath
    scope: tuple[int, int]  # the scalar's span: the report's context never shows text outside it


def format_path(path: DataPath) -> str:
    """Write a data path as a clerk reads it in the file: noi_dung[3].cac_y[0]."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else step
    return text


def scalars(node: Node, path: DataPath, seen: set[int]) -> Iterator[tuple[DataPath, ScalarNode]]:
    """Every scalar value node with its data path; a node shared through an alias comes once."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield from scalars(value, (*path, str(key.value)), seen)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from scalars(item, (*path, index), seen)
    elif isinstance(node, ScalarNode):
        yield path, node


def child(node: Node, key: str) -> Node | None:
    """The value node of `key` in a mapping node, or None."""
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return cast(Node, value)
    return None


def skip_indent(text: str, start: int) -> int:
    """The first position at or after `start` that is not a space or a tab."""
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Change]]:
    """Splice the edits into the text; report each value once, at its line in the new text.

    The edits of one value make one row of the change table, showing the value's final text (a
    title with two years moved shows both). Linear in the text: lines are counted once.
    """
    pieces: list[str] = []
    changes: list[Change] = []
    cursor = counted = added_lines = 0
    line = 1
    for group in _groups(edits):
        first = group[0]
        line += text.count("\n", counted, first.start)
        counted = first.start
        if first.start == first.end:
            changes.append(Change(format_path(first.path), line + added_lines, "", first.new.strip()))
            added_lines += first.new.count("\n")
        else:
            old, new = _excerpts(text, group)
            changes.append(Change(format_path(first.path), line + added_lines, old, new))
        for edit in group:
            pieces += [text[cursor : edit.start], edit.new]
            cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), changes


def _groups(edits: list[Edit]) -> list[list[Edit]]:
    """The edits in text order, without overlaps, grouped by the value they change."""
    groups: list[list[Edit]] = []
    cursor = 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end)):
        if edit.start < cursor:  # overlapping edits cannot come from distinct nodes; keep the first
            continue
        cursor = edit.end
        last = groups[-1][-1] if groups else None
        inserts = edit.start == edit.end
        if last is not None and not inserts and last.start != last.end and last.scope == edit.scope:
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return groups


def _excerpts(text: str, group: list[Edit]) -> tuple[str, str]:
    """The edited part of a value with some context around it, before and after its edits."""
    start, end, scope = group[0].start, group[-1].end, group[0].scope
    line_start = max(text.rfind("\n", 0, start) + 1, scope[0])
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, scope[1])
    head, tail = _context(text[line_start:line_end].rstrip("\r"), start - line_start, end - line_start)
    new, at = [], start
    for edit in group:
        new += [text[at : edit.start], edit.new]
        at = edit.end
    return _shortened(head + text[start:end] + tail), _shortened(head + "".join(new) + tail)


def _shortened(excerpt: str, limit: int = 160) -> str:
    """An excerpt on one line, its middle cut when it is long ("… đầu … cuối …")."""
    excerpt = " ".join(excerpt.split())
    if len(excerpt) <= limit:
        return excerpt
    return excerpt[: limit // 2].rstrip() + " … " + excerpt[-limit // 2 :].lstrip()


def short_excerpt(text: str, start: int, end: int) -> str:
    """A short piece of one value around text[start:end], on one line."""
    head, tail = _context(text, start, end)
    return " ".join((head + text[start:end] + tail).split())


def _context(line: str, start: int, end: int) -> tuple[str, str]:
    """About `CONTEXT` characters of `line` before `start` and a third of that after `end`.

    Cut at spaces, so no word is shown in half; "…" marks a cut.
    """
    left = max(0, start - CONTEXT)
    if left:
        space = line.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(line), end + CONTEXT // 3)
    if right < len(line):
        space = line.rfind(" ", end, right)
        right = space if space >= 0 else right
    head = ("…" if left else "") + line[left:start].lstrip()
    tail = line[end:right] + ("…" if right < len(line) else "")
    return head, tail


def keep_untouched_lines(original: str, normalized: str, edited: str) -> str:
    """Put the original characters back on every line the edits did not touch.

    The edits were made on the NFC text. NFC never joins characters across a line break, so a
    line of the original and the same line of the NFC text match one to one; an unedited line
    equal to its NFC form is copied from the original (which may be decomposed, NFD).
    """
    if original == normalized:
        return edited
    original_lines = original.splitlines(keepends=True)
    normalized_lines = normalized.splitlines(keepends=True)
    edited_lines = edited.splitlines(keepends=True)
    if len(original_lines) != len(normalized_lines):  # pragma: no cover - see the docstring
        return edited
    matcher = difflib.SequenceMatcher(None, normalized_lines, edited_lines, autojunk=False)
    result: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        result += original_lines[i1:i2] if tag == "equal" else edited_lines[j1:j2]
    return "".join(result)
