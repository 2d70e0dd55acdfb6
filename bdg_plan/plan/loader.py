"""Pipeline stage 2: parse YAML text into plain data, keeping the position of every key and value.

Only PyYAML's safe composer runs on the text; the node tree is then turned into dicts, lists and
scalars here, so that every problem (duplicate key, unknown tag, bad date, control character)
is collected with its line instead of the first one stopping the load. Aliases are followed with
a budget, so an "alias bomb" is refused instead of filling memory.

Over 400 lines on purpose: the safe builder, its budgets (nodes, characters, depth) and the
character checks work in one pass over the same node tree; apart, they would walk it twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bdg_plan import messages as msg
from bdg_plan.errors import Problem, Severity
from bdg_plan.plan.source import MAX_FILE_BYTES, SourceText, legacy_encoded_word
from bdg_plan.plan.yaml_syntax import syntax_problem

#: libyaml's loader (PyYAML built with it), or None: then the pure-Python composer does all.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
#: Characters libyaml reads otherwise than PyYAML's own composer (see `_compose`).
_FAST_LOADER_DIFFERS = re.compile("[\t\ufeff\x85\u2028\u2029]|[|>][-+0-9]*#")

#: The path of a value inside the document: mapping keys and list indexes, as pydantic's `loc`.
DataPath = tuple[str | int, ...]


def texts_with_paths(value: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every text value of loaded data with its path, in document order (new-year and its review)."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from texts_with_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from texts_with_paths(child, (*path, index))
    elif isinstance(value, str):
        yield path, value


#: The most nodes a document may expand to once aliases are followed. The seed plan has about
#: 300; a plan with big annexes a few thousand. Past this the file is refused (alias bombs).
MAX_NODES = 100_000

#: The most characters of text (keys and values) a document may expand to once aliases are
#: followed: no more than the largest file may hold (`source.MAX_FILE_BYTES`). One long text
#: aliased thousands of times is refused here, before any later stage spends time on it.
MAX_EXPANDED_CHARS = MAX_FILE_BYTES

#: The longest single text value, in characters. A long activity is about 1,500 characters;
#: a page holds about 3,000.
MAX_TEXT_CHARS = 20_000

#: Characters the compose stage uses as placeholders for user text; never allowed in input.
RESERVED_CHARS = "\ufff9\ufffa\ufffb"

_TAG = "tag:yaml.org,2002:"
# A clerk's number is decimal: "05" is 5 and "010" is 10 (not YAML 1.1 octal). Other YAML 1.1
# integer and float spellings (0x1F, 0b101, sexagesimal 1:30) are read as the text typed, so
# "so: 1:30" is an error and "thoi_gian: 7:30" stays "7:30" instead of silently becoming 450.
_DECIMAL = re.compile(r"^[-+]?[0-9][0-9_]*$")
# Zero-width and bidirectional controls: invisible, they break search and spell-check in Word,
# and bidi controls can make a line show in an order other than the one the parser reads.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Characters PyYAML reads as line breaks that editors do not show as one (NEL, U+2028, U+2029):
#: "# comment<U+2028>so: 666" would hide a key inside a comment line.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
#: Icelandic eth, the look-alike of the Vietnamese "Đ"/"đ" (Windows-1258 text read as Latin-1).
_ETH = {"\u00d0": "\u0110", "\u00f0": "\u0111"}
_ETH_CHARS = re.compile("[\u00d0\u00f0]")
_RESERVED = re.compile(f"[{RESERVED_CHARS}]")


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass
class LoadedDocument:
    """The loader's result: plain data plus where each part of it came from.

    `values` maps a path to the start of its value; `keys` maps a mapping entry's path to the
    start of its key. `data` is None when the text is not valid YAML at all.
    """

    name: str
    data: Any
    values: dict[DataPath, Mark] = field(default_factory=dict)
    keys: dict[DataPath, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: The decoded source text (empty when the document was not read from text).
    text: str = ""

    def locate(self, path: DataPath, *, prefer_key: bool = False) -> Mark:
        """Return the best known position for `path`: the value (or key), else its nearest parent."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            if prefer_key and end == len(path) and sub in self.keys:
                return self.keys[sub]
            if sub in self.values:
                return self.values[sub]
        return Mark(1, 1)

    def resolve(self, loc: tuple[Any, ...]) -> DataPath:
        """Map a pydantic error `loc` onto a data path, skipping steps the data does not have.

        pydantic adds steps that are not in the file: shorthand expansions (a string accepted
        for a list), union member names, validator tags. A step is kept only when the data
        really has it, so the position lands on the closest real node.
        """
        path: DataPath = ()
        for step in loc:
            candidate = (*path, step)
            if candidate in self.values or candidate in self.keys:
                path = candidate
        return path


def _compose(text: str) -> Node | None:
    """Compose the node tree: with libyaml when PyYAML has it, else with the pure-Python composer.

    libyaml composes the same tree with the same positions an order of magnitude faster (figures
    in docs/performance.md). Whatever it refuses is composed again by the pure-Python composer, which
    then raises the error the messages are worded from, so every problem comes from one path.
    Where libyaml and PyYAML differ, the text takes that path too: a tab (libyaml accepts one
    inside a plain value, PyYAML refuses it), a byte-order mark or an odd line break inside the
    text, a block scalar's `|` or `>` followed by `#` with no space (libyaml accepts it), and a
    value left empty (each places it at another column).
    """
    if _FAST_LOADER is not None and not _FAST_LOADER_DIFFERS.search(text):
        try:
            root = yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:  # worded below, by the composer that gives the messages
            pass
        else:
            if not _has_empty_value(root):
                return root
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _has_empty_value(root: Node | None) -> bool:
    """True when a value is left empty (`so:`): libyaml places it elsewhere than PyYAML does."""
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if not node.value and not node.style:
                return True
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return False


def load_yaml(source: SourceText) -> LoadedDocument:
    """Parse `source` into plain data with positions; problems are collected, never raised."""
    doc = LoadedDocument(source.name, None, text=source.text)
    text, flagged_lines = _report_hidden_characters(source, doc.problems)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        line, column, message = syntax_problem(source.text, text, exc)
        doc.problems.append(Problem(source.name, line, column, "yaml-syntax", message))
        return doc
    except yaml.reader.ReaderError as exc:
        line, column = _offset_to_mark(source.text, exc.position)
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else str(exc.character)
        message = msg.CONTROL_CHAR_IN_FILE.format(code=code)
        doc.problems.append(Problem(source.name, line, column, "control-char", message))
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        doc.problems.append(Problem(source.name, 1, 1, "yaml-syntax", str(exc)))
        return doc
    except RecursionError:
        doc.problems.append(Problem(source.name, 1, 1, "too-deep", msg.TOO_DEEP))
        return doc
    # "---" alone or a bare "null"/"~" is a document holding nothing, as empty as no text at all.
    if root is None or (isinstance(root, ScalarNode) and root.tag == _TAG + "null"):
        doc.problems.append(Problem(source.name, 1, 1, "empty-file", msg.EMPTY_FILE))
        return doc
    builder = _Builder(doc, flagged_lines)
    try:
        doc.data = builder.build(root, ())
    except _BudgetExceeded as exc:
        doc.data = None
        if exc.args == ("chars",):
            code = "alias-limit" if builder.aliased else "too-large"
            message = msg.ALIAS_CHARS_LIMIT.format(limit=f"{MAX_EXPANDED_CHARS:,}".replace(",", "."))
            doc.problems.append(Problem(source.name, 1, 1, code, message))
        elif builder.aliased:
            message = msg.ALIAS_LIMIT.format(limit=MAX_NODES)
            doc.problems.append(Problem(source.name, 1, 1, "alias-limit", message))
        else:
            message = msg.TOO_MANY_NODES.format(limit=MAX_NODES)
            doc.problems.append(Problem(source.name, 1, 1, "too-large", message))
    except RecursionError:
        doc.data = None
        doc.problems.append(Problem(source.name, 1, 1, "too-deep", msg.TOO_DEEP))
    return doc


class _BudgetExceeded(Exception):
    """Raised inside the builder past `MAX_NODES` nodes, or `MAX_EXPANDED_CHARS` ("chars")."""


class _Builder:
    """Turns a composed node tree into plain Python values, recording positions and problems."""

    def __init__(self, doc: LoadedDocument, flagged_lines: frozenset[int] = frozenset()) -> None:
        self.doc = doc
        #: Lines already reported for an invisible character by the whole-text scan.
        self.flagged_lines = flagged_lines
        self.count = 0
        self.chars = 0
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] = set()
        #: True once an alias ("*name") was followed, to tell an alias bomb from a huge file.
        self.aliased = False

    def problem(self, node: Node, code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        mark = node.start_mark
        self.doc.problems.append(
            Problem(self.doc.name, mark.line + 1, mark.column + 1, code, message, severity)
        )

    def build(self, node: Node, path: DataPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _BudgetExceeded
        if isinstance(node, ScalarNode):
            self.spend(len(node.value))
        if id(node) in self.seen:
            self.aliased = True
        self.seen.add(id(node))
        self.doc.values.setdefault(path, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self.problem(node, "unsafe-tag", msg.UNSAFE_TAG.format(tag=_show_tag(node.tag)))
                return None
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.build_scalar(node)

    def spend(self, chars: int) -> None:
        """Count characters of text built; refuse the document past `MAX_EXPANDED_CHARS`."""
        self.chars += chars
        if self.chars > MAX_EXPANDED_CHARS:
            raise _BudgetExceeded("chars")

    def build_mapping(self, node: MappingNode, path: DataPath) -> dict[str, Any] | None:
        if node.tag != _TAG + "map":
            self.problem(node, "unsafe-tag", msg.UNSAFE_TAG.format(tag=_show_tag(node.tag)))
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.problem(key_node, "merge-key", msg.MERGE_KEY)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "wrong-key", msg.KEY_NOT_TEXT)
                continue
            self.spend(len(str(key_node.value)))
            key = unicodedata.normalize("NFC", str(key_node.value))
            for char in _bad_controls(key):
                # Escaped in a quoted key ("\e[2J"): it would reach messages and terminals.
                self.problem(key_node, "control-char", msg.CONTROL_CHAR.format(code=f"U+{ord(char):04X}"))
                break
            child = (*path, key)
            if key in result:
                self.problem(key_node, "duplicate-key", msg.DUPLICATE_KEY.format(key=visible(key)))
                continue
            key_mark = key_node.start_mark
            self.doc.keys[child] = Mark(key_mark.line + 1, key_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def build_scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        text: str = node.value
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            # Dates stay text here; the model parses them, so "2023-02-30" gets one clear message.
            return self.check_text(node, text)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            # YAML 1.1 reads yes/no/on/off as booleans; a clerk means the words.
            return text.lower() == "true" if text.lower() in ("true", "false") else text
        if tag == _TAG + "int":
            # A leading zero means a decimal number to a clerk ("so: 05"), not octal.
            if _DECIMAL.match(text):
                try:
                    return int(text.replace("_", ""), 10)
                except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
                    return self.check_text(node, text)
            return self.check_text(node, text)
        if tag == _TAG + "float":
            return self.check_text(node, text) if ":" in text else self.construct(node)
        self.problem(node, "unsafe-tag", msg.UNSAFE_TAG.format(tag=_show_tag(tag)))
        return None

    def construct(self, node: ScalarNode) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return node.value

    def check_text(self, node: ScalarNode, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        if len(text) > MAX_TEXT_CHARS:
            message = msg.TEXT_TOO_LONG.format(length=len(text), limit=MAX_TEXT_CHARS)
            self.problem(node, "too-long", message)
            return text[:MAX_TEXT_CHARS]
        for char in _bad_controls(text):
            self.problem(node, "control-char", msg.CONTROL_CHAR.format(code=f"U+{ord(char):04X}"))
            break
        if _RESERVED.search(text):
            self.problem(node, "control-char", msg.RESERVED_CHAR)
        invisible = _INVISIBLE.search(text)
        if invisible and not self._flagged(node):
            self.problem(
                node,
                "invisible-char",
                msg.INVISIBLE_CHAR.format(code=f"U+{ord(invisible.group()):04X}"),
                Severity.WARNING,
            )
        legacy = legacy_encoded_word(text)
        if legacy:
            word, guess, encoding = legacy
            message = msg.LEGACY_ENCODING.format(word=word, guess=guess, encoding=encoding)
            self.problem(node, "legacy-encoding", message, Severity.WARNING)
        eth_found = _ETH_CHARS.search(text)
        eth = eth_found.group() if eth_found else None
        if eth:
            message = msg.LOOK_ALIKE_ETH.format(char=eth, code=f"U+{ord(eth):04X}", letter=_ETH[eth])
            self.problem(node, "look-alike-char", message, Severity.WARNING)
        if invisible and not _INVISIBLE.sub("", text).strip():
            return ""  # invisible-only text is empty text: "ho_ten: \u200b" is a missing name
        return text

    def _flagged(self, node: Node) -> bool:
        first, last = node.start_mark.line + 1, node.end_mark.line + 1
        return any(line in self.flagged_lines for line in range(first, last + 1))


#: What `_bad_controls` reports, as one class: a regular expression scans a value in C, where a
#: loop over its characters cost a tenth of a `--watch` round.
_BAD_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")


def _bad_controls(text: str) -> Iterator[str]:
    """Characters Word and XML 1.0 cannot hold, and the line and paragraph separators.

    C0/C1 controls except tab and newline; U+2028 and U+2029 reach a value only as escapes in a
    quoted string (raw ones are reported for the whole text).
    """
    for match in _BAD_CONTROLS.finditer(text):
        yield match.group()


def needs_no_remark(file_text: str, values_text: str) -> bool:
    """True when loading a file would say nothing about its characters.

    `file_text` is the whole file, `values_text` its text values joined by newlines. No control,
    reserved, invisible or look-alike character, no hidden line break, no word in a legacy
    encoding, and NFC throughout: what `load_yaml` and `_Builder.check_text` would report.
    """
    # The values as well as the file: a quoted value can hold an escaped character ("\x85").
    # One scan per text for every character class at once (each scan walks the whole text).
    return not (
        _REMARKED.search(file_text)
        or _REMARKED.search(values_text)
        or not unicodedata.is_normalized("NFC", file_text)
        or not unicodedata.is_normalized("NFC", values_text)
        or legacy_encoded_word(values_text)
    )


def _one_class(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One character class holding the characters of several single-class patterns."""
    return re.compile("[" + "".join(p.pattern[1:-1] for p in patterns) + "]")


#: Every character `load_yaml` or `_Builder.check_text` remarks on, for `needs_no_remark`.
_REMARKED = _one_class(_BAD_CONTROLS, _RESERVED, _INVISIBLE, _HIDDEN_BREAKS, _ETH_CHARS)


def visible(text: str) -> str:
    """`text` with invisible, bidirectional and control characters written as escapes.

    For messages that quote a key or a value: a zero-width space shows as the six characters
    backslash, "u200b".
    """
    pattern = _INVISIBLE.pattern[:-1] + "\x00-\x1f\x7f-\x9f\u2028\u2029]"
    return re.sub(pattern, lambda match: f"\\u{ord(match.group()):04x}", text)


def _report_hidden_characters(source: SourceText, problems: list[Problem]) -> tuple[str, frozenset[int]]:
    """Report hidden line breaks and invisible characters anywhere in the text, at the editor's line.

    Keys and comments are covered as well as values. Lines are counted as an editor counts them
    (only a newline ends a line). The text returned for parsing has each hidden line break replaced by
    a space, so every later line number agrees with the editor; the file is refused anyway.
    Returns that text and the lines reported for an invisible character.
    """
    text = source.text
    if not _HIDDEN_BREAKS.search(text) and not _INVISIBLE.search(text):
        return text, frozenset()
    flagged: set[int] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        hidden = _HIDDEN_BREAKS.search(line)
        if hidden:
            code = f"U+{ord(hidden.group()):04X}"
            message = msg.HIDDEN_LINE_BREAK.format(code=code)
            problems.append(Problem(source.name, number, hidden.start() + 1, "hidden-line-break", message))
        invisible = _INVISIBLE.search(line)
        if invisible:
            flagged.add(number)
            message = msg.INVISIBLE_CHAR_IN_LINE.format(code=f"U+{ord(invisible.group()):04X}")
            column = invisible.start() + 1
            problems.append(Problem(source.name, number, column, "invisible-char", message, Severity.WARNING))
    return _HIDDEN_BREAKS.sub(" ", text), frozenset(flagged)


def _offset_to_mark(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _show_tag(tag: str) -> str:
    """Show a tag the way it is typed in the file ("!!python/object:os.system")."""
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
