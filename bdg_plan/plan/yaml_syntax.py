"""A YAML syntax error explained in Vietnamese, at the line the clerk must change (stage 2).

PyYAML stops where its parser gave up, in English. The loader (`plan.loader`) hands the error here,
which finds the place to change and says what to write: a block's first line indented unlike the
lines after it, an unclosed bracket or quote where it opened, a tab used for indentation.
"""

from __future__ import annotations

import yaml

from bdg_plan import messages as msg


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int] | None:
    """Find the opening quote to blame for a syntax error, as a 1-based (line, column).

    An unclosed quote swallows the following lines up to the next quote character (often one
    in a comment), and PyYAML only fails there. When a quoted value spanning several lines
    ends on the line of the error, the quote that opened it is where the clerk must look.
    """
    problem = exc.problem_mark
    if problem is None:
        return None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark, token.end_mark
            if start.line > problem.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and start.line < end.line
                and end.line == problem.line
            ):
                return start.line + 1, start.column + 1
    except yaml.YAMLError:
        pass
    return None


def syntax_problem(original: str, text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """A syntax error as (line, column, message): at the line the clerk must change, in Vietnamese.

    In order: a quote left open (blamed where it opened), a bracket left open (likewise), a line
    indented unlike the lines of its block (`_misindented`), else where the parser gave up.
    """
    quote = _unclosed_quote(original, exc)
    if quote is not None:
        return (*quote, f"{msg.UNCLOSED_QUOTE}.")
    bracket = _open_bracket(original, exc)
    if bracket is not None:
        (line, column), opener = bracket
        closer = "]" if opener == "[" else "}"
        message = msg.BRACKET_NOT_CLOSED.format(opener=opener, closer=closer) + _stopped_at(exc, line)
        return line, column, message
    misplaced = _misindented(text, exc)
    if misplaced is not None:
        return misplaced
    line, column = _syntax_position(exc)
    return line, column, _syntax_message(exc, _tab_message(text, exc))


def _open_bracket(text: str, exc: yaml.MarkedYAMLError) -> tuple[tuple[int, int], str] | None:
    """The "[" or "{" still open where a flow collection's error was found: its (line, column), itself.

    A value cut short ("don_vi: [Hội LHPN, Đoàn TN" and the next line) fails a line or more
    below, or at the file's end, where there is nothing to change; the bracket that was never
    closed is where the value starts.
    """
    problem, context, mark = exc.problem or "", exc.context or "", exc.problem_mark
    ended = "end of stream" in problem or "<stream end>" in problem
    if mark is None or not (ended or context.startswith("while parsing a flow")):
        return None
    opened: list[tuple[yaml.Mark, str]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.FlowMappingStartToken):
                opened.append((token.start_mark, "{"))
            elif isinstance(token, yaml.FlowSequenceStartToken):
                opened.append((token.start_mark, "["))
            elif isinstance(token, yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken) and opened:
                opened.pop()
    except yaml.YAMLError:
        pass
    if not opened:
        return None
    start, opener = opened[-1]
    return (start.line + 1, start.column + 1), opener


def _stopped_at(exc: yaml.MarkedYAMLError, line: int) -> str:
    """Where the parser gave up, in words, when that is another line than `line`."""
    mark = exc.problem_mark
    if mark is None or mark.line + 1 == line:
        return "."
    return msg.YAML_STOPPED_AT.format(line=mark.line + 1, column=mark.column + 1) + "."


#: PyYAML's words for a line that belongs to no block: indented deeper than one, shallower than another.
_INDENT_PROBLEMS = (
    "expected <block end>",
    "did not find expected key",
    "did not find expected '-'",
    "expected '<document start>'",  # the file's first key indented, the next ones not
)


def _content_lines(text: str) -> list[tuple[int, int, bool]]:
    """Each line holding data (not a blank, not a comment): its 0-based number, indent, is it a '-' item."""
    found: list[tuple[int, int, bool]] = []
    for number, line in enumerate(text.split("\n")):
        body = line.lstrip(" ")
        if body.strip() and not body.startswith("#"):
            found.append((number, len(line) - len(body), body == "-" or body.startswith("- ")))
    return found


def _misindented(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """The line to re-indent when a block's lines do not line up, as (line, column, message); else None.

    PyYAML fails on the line after a block opened at an odd indentation ("ten:" at 3 spaces then
    "dia_danh:" at 2): the first line of a block sets its indentation, so the next, correct line
    is where it gives up. Of the two lines, the odd one is the one unlike its neighbours: the
    line after them decides (it lines up with one of the two), else the usual step of 2 or 4
    spaces under the parent line does.
    """
    mark = exc.problem_mark
    if mark is None or not (exc.problem or "").startswith(_INDENT_PROBLEMS):
        return None
    lines = [(-1, -1, False), *_content_lines(text)]  # the file itself, parent of its first line
    at = next((k for k, (number, _, _) in enumerate(lines) if number == mark.line), None)
    if at is None or at < 2:
        return None
    (_, parent, _), (above, first, first_dash), (_, stray, stray_dash) = lines[at - 2 : at + 1]
    # What the stray line lines up with in the line above: its '-', or the key after its '- '.
    level = first if stray_dash or not first_dash else first + 2
    if not parent < first or not parent < stray < level:
        return _no_level(lines[1:at], stray, mark.line)
    following = _next_at(lines[at + 1 :], stray, level)
    usual = (parent + 2, parent + 4) if parent >= 0 else (0,)
    first_is_odd = following == stray or (following != level and first not in usual)
    if first_is_odd:
        fix = _indent_fix(stray - (level - first))
        return above + 1, first + 1, msg.INDENT_ODD_LINE.format(spaces=first, other=mark.line + 1, fix=fix)
    message = msg.INDENT_STRAY_LINE.format(spaces=stray, other=above + 1, fix=_indent_fix(level))
    return mark.line + 1, stray + 1, message


def _no_level(above: list[tuple[int, int, bool]], stray: int, number: int) -> tuple[int, int, str] | None:
    """A line whose indentation matches no line above it still open: the levels it could take."""
    levels: list[int] = []
    for _, indent, _ in reversed(above):
        if not levels or indent < levels[-1]:
            levels.append(indent)
    if stray in levels or not levels:
        return None
    shown = msg.INDENT_OR.join(str(level) for level in sorted(levels))
    return number + 1, stray + 1, msg.INDENT_NO_LEVEL.format(spaces=stray, levels=shown)


def _next_at(lines: list[tuple[int, int, bool]], stray: int, level: int) -> int | None:
    """The indentation of the next line in line with one of the two (or shallower), skipping children."""
    for _, indent, _ in lines:
        if indent == level or indent <= stray:
            return indent
    return None


def _indent_fix(spaces: int) -> str:
    return msg.INDENT_FIX_SPACES.format(spaces=spaces) if spaces else msg.INDENT_FIX_MARGIN


def _syntax_position(exc: yaml.MarkedYAMLError) -> tuple[int, int]:
    """Return where to point for a syntax error, as a 1-based (line, column).

    PyYAML marks where it gave up (the problem mark) and, for many errors, where the construct
    it was reading opened (the context mark). An unclosed bracket or quote is fixed where it
    opened, so that is where to point; for a block (indentation) error the context is the
    start of the whole block, often far above, so the place the parser gave up is shown. The
    message names the other place (`_syntax_message`).
    """
    mark = exc.context_mark if _opened_here(exc) else exc.problem_mark or exc.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _opened_here(exc: yaml.MarkedYAMLError) -> bool:
    """True when the error is best shown where its construct opened (a flow collection or a quote)."""
    if exc.context_mark is None:
        return False
    problem = exc.problem or ""
    context = exc.context or ""
    at_end = "end of stream" in problem or "<stream end>" in problem
    return at_end or context.startswith(("while parsing a flow", "while scanning a quoted"))


def _other_place(exc: yaml.MarkedYAMLError) -> str:
    """The second place of a syntax error, in words: where it opened, or where reading stopped."""
    opened, stopped = exc.context_mark, exc.problem_mark
    if opened is None or stopped is None or (opened.line, opened.column) == (stopped.line, stopped.column):
        return ""
    if _opened_here(exc):
        return msg.YAML_STOPPED_AT.format(line=stopped.line + 1, column=stopped.column + 1)
    return msg.YAML_OPENED_AT.format(line=opened.line + 1, column=opened.column + 1)


def _tab_message(text: str, exc: yaml.MarkedYAMLError) -> str | None:
    """Tell a tab inside a value or after ':'/'-' from a tab used for indentation."""
    mark = exc.problem_mark
    if mark is None or "'\\t'" not in (exc.problem or ""):
        return None
    line = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
    before = line[: mark.column].rstrip(" \t")
    if not before:
        return None  # indentation: the standard hint says so
    if before.endswith(":") or before.lstrip() in ("-", "?"):
        return msg.TAB_AFTER_MARK
    return msg.TAB_IN_VALUE


def _syntax_message(exc: yaml.MarkedYAMLError, hint: str | None = None) -> str:
    """Explain a YAML syntax error in Vietnamese, naming both of its places, PyYAML's words after."""
    problem = (exc.problem or "").strip()
    hint = hint or msg.YAML_HINTS.get(problem)
    if hint is None:
        for english, vietnamese in msg.YAML_HINTS.items():
            if problem.startswith(english):
                hint = vietnamese
                break
    if hint is None:
        # No Vietnamese words for it: PyYAML's own, with both of its places.
        base = msg.YAML_SYNTAX_GENERIC + _other_place(exc)
        return f"{base} ({problem})" if problem else base
    # A block's start (often far above) is no help; where a quote or bracket stopped is.
    return hint + (_other_place(exc) if _opened_here(exc) else "") + "."
