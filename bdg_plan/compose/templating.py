"""The Jinja sandbox that runs plan templates: refused attributes, bounded values, error places.

Templates are input: a province may hand its communes a template folder. This module holds
everything that keeps a template from reading what it should not or building what it cannot
afford, and that turns its failures into messages naming the template's file and line. The
compose stage decides what a template is given and what its output means.

Every value a template prints with `{{ }}` is user data: `_finalize` swaps it for a placeholder
(`OPEN` digits `CLOSE`) and records it, so the compose stage can parse the template's Markdown
and put the values back untouched.

Longer than 400 lines on purpose: every rule that makes a template safe to run (what it may
read, call, build, print, and how long it may run) is here, so one reading shows the whole
boundary.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, markup_join
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from bdg_plan import messages as msg
from bdg_plan.compose.blocks import TableBlock
from bdg_plan.errors import TemplateError
from bdg_plan.facts.vietnamese import letter, roman, upper, with_end_mark

#: The characters that mark a printed value in a template's output: OPEN index CLOSE.
OPEN, CLOSE = "\ufff9", "\ufffa"
PLACEHOLDER = re.compile(f"{OPEN}(\\d+){CLOSE}")

#: The largest string or list a template may build with `*` or a string method such as `center`;
#: bigger ones are refused before Python allocates them (`'x' * 10**10` would exhaust memory).
MAX_TEMPLATE_VALUE = 1_000_000

#: The most characters one template run may produce, its text and the values it prints together
#: (a plan's body is about 30,000; the largest plan file 2,000,000).
MAX_TEMPLATE_OUTPUT = 4_000_000

#: The most steps one template run may take: loop iterations, calls and filters. The built-in
#: template takes about a thousand for the seed plan; past this a template is stopped (nested
#: loops, a macro calling itself twice).
MAX_TEMPLATE_STEPS = 200_000

#: The largest template file read, in bytes.
MAX_TEMPLATE_BYTES = 1_000_000

#: Characters a template's own text may not hold: controls Word and XML cannot (tab and line
#: ends excepted), and the placeholder characters the compose stage reserves (U+FFF9-U+FFFB).
_FORBIDDEN_IN_TEMPLATE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufff9-\ufffb\ufffe\uffff]")


def builtin_template_dir() -> Path:
    """The built-in templates: inside the wheel, or the top-level folder of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


#: A value a template printed: text, or a table composed in Python (a paragraph of its own).
PrintedValue = str | TableBlock

_registry: ContextVar[list[PrintedValue]] = ContextVar("bdg_plan_placeholders")


@dataclass
class _Budget:
    """What one template run may still spend: characters produced and template lines run."""

    output: int = MAX_TEMPLATE_OUTPUT
    steps: int = MAX_TEMPLATE_STEPS
    growth: int = MAX_TEMPLATE_VALUE

    def spend_output(self, chars: int) -> None:
        self.output -= chars
        if self.output < 0:
            raise jinja2.exceptions.SecurityError(
                msg.TEMPLATE_OUTPUT_TOO_BIG.format(limit=MAX_TEMPLATE_OUTPUT)
            )


_budget: ContextVar[_Budget | None] = ContextVar("bdg_plan_template_budget", default=None)


def _step() -> None:
    """Count one step of a template run (a loop iteration, a call); stop the run past the budget."""
    budget = _budget.get(None)
    if budget is not None:
        budget.steps -= 1
        if budget.steps < 0:
            raise jinja2.exceptions.SecurityError(msg.TEMPLATE_TOO_LONG.format(limit=MAX_TEMPLATE_STEPS))


def _counted(iterable: Any) -> Iterator[Any]:
    """The iterable of a `{% for %}` loop, one step per item (nested loops multiply steps)."""
    for item in iterable:
        _step()
        yield item


#: The filter every `{% for %}` loop's iterable is passed through (see `PlanSandbox._parse`).
_COUNTED = "bdg_plan_counted"


def _finalize(value: Any) -> Any:
    """Replace every printed value with a placeholder, recording the value as literal text.

    Macro output is `Markup` (autoescape is on for that reason alone): it is template text, so
    it passes through; everything else printed is data.
    """
    if isinstance(value, markupsafe.Markup):
        return value
    if value is None:
        return ""
    values = _registry.get()
    if isinstance(value, TableBlock):  # composed in Python from the plan's checked data
        values.append(value)
        return f"{OPEN}{len(values) - 1}{CLOSE}"
    _check_template_size(_size(value))
    text = str(value)
    budget = _budget.get()
    if budget is not None:
        budget.spend_output(len(text))
    values.append(text)
    return f"{OPEN}{len(values) - 1}{CLOSE}"


#: A width or precision of seven digits or more in a format string ("%9999999s", "{:>9999999}").
_HUGE_FORMAT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(?:\d{7,}|\d*\.\d{7,})|\{[^{}]*:[^{}]*\d{7,}")


def _check_template_size(size: int) -> None:
    if size > MAX_TEMPLATE_VALUE:
        raise jinja2.exceptions.SecurityError(msg.TEMPLATE_TOO_BIG.format(limit=MAX_TEMPLATE_VALUE))


def _check_template_arguments(*values: Any) -> None:
    """Refuse huge numbers and format strings with huge widths among a call's arguments."""
    for value in values:
        if isinstance(value, int):
            _check_template_size(abs(value))
        elif isinstance(value, str) and _HUGE_FORMAT_WIDTH.search(value):
            _check_template_size(MAX_TEMPLATE_VALUE + 1)
        elif isinstance(value, tuple | list):
            _check_template_arguments(*value[:100])


def _size(value: Any, limit: int = MAX_TEMPLATE_VALUE) -> int:
    """Characters and items of a value, nested lists and dicts included, as text would show it.

    The walk stops as soon as the total passes `limit`, so it costs at most `limit` steps
    whatever the value (a list holding one long string a million times).
    """
    total = 0
    pending = [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, dict):
            total += len(item)
            pending.extend(list(item.items())[: limit - total + 1])
        elif isinstance(item, list | tuple):
            total += len(item)
            pending.extend(item[: limit - total + 1])
        else:
            total += 1
    return total


#: The methods that grow a list, dict or set in place (`a.extend(a)` doubles `a`): each call is
#: checked before it runs (`_check_growth`).
_GROWING_METHODS = frozenset({"append", "extend", "insert", "update", "setdefault", "add"})


def _check_growth(held: int, added: int) -> None:
    """Refuse a call that would grow a list, dict or set in place past the limit, before it runs.

    The container may hold at most `MAX_TEMPLATE_VALUE` items after the call, and all the growing
    calls of one run may add at most as many items in all (nested ones counted), so copies
    appended one by one (`a.append(b[:])`) cannot pile up either. Only the added values are
    walked, never the container: appending in a loop costs one item a call.
    """
    _check_template_size(held + added)
    budget = _budget.get(None)
    if budget is not None:
        budget.growth -= added
        _check_template_size(MAX_TEMPLATE_VALUE - budget.growth)


def _growth_arguments(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """A growing call's arguments, one-pass iterables (a `map` filter's result) read into lists.

    Reading stops one item past `MAX_TEMPLATE_VALUE`, so a huge iterable costs no more than the
    limit before the call is refused; the call then gets the list, not the spent iterable.
    """
    return tuple(
        argument
        if isinstance(argument, str | bytes | list | tuple | dict | set | frozenset)
        or not hasattr(argument, "__iter__")
        else list(itertools.islice(argument, MAX_TEMPLATE_VALUE + 1))
        for argument in args
    )


def _predicted_size(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper bound on the size of a filter's or string method's result, before it is built.

    The functions here multiply their input; the others give a result no bigger than their
    input plus their arguments, which are already bounded.
    """
    options = [*args, *kwargs.values()]
    texts = [option for option in options if isinstance(option, str)]
    numbers = [option for option in options if isinstance(option, int) and not isinstance(option, bool)]
    length = _size(value)
    if name == "replace" and isinstance(value, str) and len(texts) >= 2:
        old, new = texts[0], texts[1]
        count = value.count(old) if old else len(value) + 1
        return length + count * max(len(new) - len(old), 0)
    if name == "join":
        separator = value if isinstance(value, str) and args else (texts[0] if texts else "")
        items = args[0] if isinstance(value, str) and args else value
        return _size(items) + _size(items) * len(separator)
    if name == "sum" and isinstance(value, list | tuple):
        return sum(_size(item) for item in value[:MAX_TEMPLATE_VALUE])
    if name in ("wordwrap", "indent", "expandtabs", "translate", "urlize"):
        # Each line (at most one per character) may gain the longest string or widest number.
        longest = max([len(t) for t in texts] + [abs(n) for n in numbers if name != "wordwrap"] + [1])
        if name == "translate" and args and isinstance(args[0], dict):
            longest = max([_size(v) for v in args[0].values()] + [1])
        return length + (length + 1) * longest
    return 0


def _check_result_size(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _check_template_size(_predicted_size(name, value, args, kwargs))


def _bounded_filter(function: Callable[..., Any], *, name: str, check_value: bool) -> Callable[..., Any]:
    """Wrap a filter so that neither its options nor its result can be huge.

    Options (widths, counts) are checked before the call; so is the result of the filters that
    multiply their input (`replace`, `join`, `wordwrap`, `indent`...); every result is checked
    after the call. The filtered value itself is checked only when it is a format string
    (`format`): `{{ plan.so | string }}` is fine whatever the number; `{{ "x" | center(10**9) }}`
    is not.
    """
    # Filters marked with pass_context/pass_environment get that argument before the value.
    first = (2 if getattr(function, "jinja_pass_arg", None) is not None else 1) - int(check_value)
    value_at = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _step()
        _check_template_arguments(*args[first:], *kwargs.values())
        _check_template_size(_size([*args[value_at:], *kwargs.values()]))
        if len(args) > value_at:
            _check_result_size(name, args[value_at], args[value_at + 1 :], kwargs)
        result = function(*args, **kwargs)
        _check_template_size(_size(result))
        return result

    return bounded


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` to the environment's bounded `concat` instead of an unchecked join."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class PlanSandbox(SandboxedEnvironment):
    """Jinja's sandbox, tightened for plan templates.

    - Plan objects show their data only: a model's fields and the properties bdg-plan defines.
      pydantic's own methods are refused (`parse_file` reads any file, `model_rebuild` changes
      the class for every later render).
    - `*`, `**`, `%`, the padding methods of strings and the filters' options cannot build
      values past `MAX_TEMPLATE_VALUE`.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCodeGenerator

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Allow a model's fields and bdg-plan's own properties; defer to the sandbox otherwise."""
        if isinstance(obj, BaseModel):
            cls = type(obj)
            if attr in cls.model_fields:
                return True
            owner = next((klass for klass in cls.__mro__ if attr in vars(klass)), None)
            return (
                owner is not None
                and owner.__module__.startswith("bdg_plan.")
                and isinstance(vars(owner)[attr], property)
            )
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse `*`, `**` and `%` whose result would be huge."""
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            _check_template_size(abs(left).bit_length() * max(right, 0) // 4)
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                    _check_template_size(_size(sequence) * times)
        if operator == "+" and not (isinstance(left, int | float) and isinstance(right, int | float)):
            _check_template_size(_size([left, right]))
        if operator == "%" and isinstance(left, str):
            _check_template_arguments(left, right)
        return super().call_binop(context, operator, left, right)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then pass every loop's iterable through the step counter."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _COUNTED, [], [], None, None, lineno=loop.lineno)
        return tree

    def bounded_concat(self, parts: tuple[Any, ...]) -> Any:
        """`~` of the template language, refused past `MAX_TEMPLATE_VALUE` before it is built."""
        _check_template_size(_size(list(parts)))
        return markup_join(parts)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Refuse string methods asked for a huge width ("x".center(10**9)) and list growth past the limit."""
        # The sandbox wraps str.format in a function that keeps the bound method as __wrapped__.
        method = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            _check_template_arguments(owner, *args, *kwargs.values())
            _check_template_size(_size([owner, *args, *kwargs.values()]))
            _check_result_size(getattr(method, "__name__", ""), owner, args, kwargs)
        elif isinstance(owner, list | dict | set) and getattr(method, "__name__", "") in _GROWING_METHODS:
            args = _growth_arguments(args)
            _check_growth(len(owner), _size([*args, *kwargs.values()]))
        _step()
        result = super().call(__context, __obj, *args, **kwargs)
        _check_template_size(_size(result))
        return result


class _RootedLoader(jinja2.FileSystemLoader):
    """FileSystemLoader that reads only regular files really inside its roots, bounded in size.

    A template is resolved to its real path (symlinks followed): one that lands outside the
    folder it was found in (`link.j2 -> /etc/passwd`) is refused, and so is anything that is
    not a regular file. Its text may not hold control or placeholder characters.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for root in self.searchpath:
            candidate = os.path.join(root, *pieces)
            if os.path.lexists(candidate):
                return _read_template(template, root, candidate), candidate, lambda: True
        raise jinja2.TemplateNotFound(template)


def _read_template(name: str, root: str, path: str) -> str:
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    try:
        inside = os.path.commonpath([real_root, real]) == real_root
    except ValueError:  # another drive (Windows): certainly not inside
        inside = False
    if not inside:
        raise jinja2.exceptions.SecurityError(msg.TEMPLATE_OUTSIDE.format(name=name))
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            raise jinja2.TemplateNotFound(name)
        with open(real, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise jinja2.TemplateNotFound(name)
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except OSError:
        raise jinja2.TemplateNotFound(name) from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise jinja2.exceptions.SecurityError(msg.TEMPLATE_FILE_TOO_BIG.format(limit=MAX_TEMPLATE_BYTES))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise jinja2.TemplateSyntaxError(msg.TEMPLATE_NOT_UTF8, line, name, name) from None
    bad = _FORBIDDEN_IN_TEMPLATE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        code = f"U+{ord(bad.group()):04X}"
        raise jinja2.TemplateSyntaxError(msg.TEMPLATE_BAD_CHAR.format(code=code), line, name, name)
    return text


def _builtin_cache() -> jinja2.BytecodeCache | None:
    """The compiled built-in templates' cache (`template_cache`), keyed by this module's source."""
    from bdg_plan.startup.template_cache import TemplateCache

    try:
        return TemplateCache(Path(__file__).read_bytes())
    except OSError:  # no source to key on (a frozen program): compile each time
        return None


@lru_cache(maxsize=8)
def template_environment(user_dir: str | None = None) -> PlanSandbox:
    """The sandboxed Jinja environment, searching `user_dir` first, then the built-in templates.

    Built once per search path (and so once per batch worker). FileSystemLoader refuses template
    names that leave its roots ("../x", absolute paths). The built-in templates alone are
    compiled once and cached (`template_cache`); a template folder is compiled on each run.
    """
    roots = [builtin_template_dir()]
    if user_dir is not None:
        roots.insert(0, Path(user_dir))
    env = PlanSandbox(
        loader=_RootedLoader([str(r) for r in roots]),
        bytecode_cache=_builtin_cache() if user_dir is None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        auto_reload=False,
    )
    env.filters["roman"] = roman
    env.filters["letter"] = letter
    env.filters["upper"] = upper
    env.filters["end_mark"] = with_end_mark
    # Lorem ipsum has no place in a plan, and lipsum(n=10**6) runs for minutes.
    del env.globals["lipsum"]
    env.filters = {
        name: _bounded_filter(function, name=name, check_value=name == "format")
        for name, function in env.filters.items()
    }
    env.filters[_COUNTED] = _counted
    return env


def render_template(name: str, template_dir: Path | None, **context: Any) -> tuple[str, list[PrintedValue]]:
    """Render template `name` in the sandbox: its text with placeholders, and the values they stand for.

    Raises:
        TemplateError: the template is missing, unsafe or fails, with its name and line.

    """
    env = template_environment(str(template_dir) if template_dir is not None else None)
    values: list[PrintedValue] = []
    token = _registry.set(values)
    try:
        template = env.get_template(name)
        text = _run(template, context)
        _check_output(text, values)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(msg.TEMPLATE_MISSING.format(name=exc.name), path=exc.name) from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name
        raise _template_error(name, where, exc.lineno, exc.message) from None
    except jinja2.exceptions.SecurityError as exc:
        raise _template_error(
            name, *_template_position(exc), msg.TEMPLATE_BLOCKED.format(reason=exc)
        ) from None
    except jinja2.UndefinedError as exc:
        raise _template_error(
            name, *_template_position(exc), msg.TEMPLATE_UNDEFINED.format(reason=exc.message)
        ) from None
    except (
        TypeError,
        ValueError,
        AttributeError,
        LookupError,
        ArithmeticError,
        RecursionError,
        MemoryError,
    ) as exc:
        raise _template_error(name, *_template_position(exc), _reason(exc)) from None
    finally:
        _registry.reset(token)
    return text, values


def _run(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render within the budget: output characters counted as they are produced, steps counted."""
    budget = _Budget()
    budget_token = _budget.set(budget)
    try:
        chunks: list[str] = []
        for chunk in template.generate(**context):
            budget.spend_output(len(chunk))
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _budget.reset(budget_token)


def _check_output(text: str, values: list[PrintedValue]) -> None:
    """Refuse output the compose stage cannot trust: forged placeholders, unprintable characters.

    A template can build any character (an escape in a string, `|safe`): every placeholder must be
    one `_finalize` made, each once, and no value or text may hold a control character.
    """
    seen: set[int] = set()
    for match in PLACEHOLDER.finditer(text):
        index = int(match.group(1))
        if index >= len(values) or index in seen:
            raise jinja2.exceptions.SecurityError(msg.TEMPLATE_BAD_OUTPUT.format(code="U+FFF9"))
        seen.add(index)
    for piece in (PLACEHOLDER.sub("", text), *(v for v in values if isinstance(v, str))):
        bad = _FORBIDDEN_IN_TEMPLATE.search(piece)
        if bad:
            raise jinja2.exceptions.SecurityError(
                msg.TEMPLATE_BAD_OUTPUT.format(code=f"U+{ord(bad.group()):04X}")
            )


def _reason(exc: BaseException) -> str:
    """What went wrong, for the clerk: never empty (a MemoryError has no text of its own)."""
    if isinstance(exc, MemoryError):
        return msg.TEMPLATE_OUT_OF_MEMORY
    return str(exc) or type(exc).__name__


def _template_failure(default: str, name: str | None, line: int | None, reason: str | None) -> str:
    return msg.TEMPLATE_FAILED.format(name=name or default, line=line or "?", reason=reason or "")


def _template_error(default: str, name: str | None, line: int | None, reason: str | None) -> TemplateError:
    """A template's failure: the sentence, and the template and line as the error's attributes."""
    message = _template_failure(default, name, line, reason)
    return TemplateError(message, path=name or default, line=line)


def _template_position(exc: BaseException) -> tuple[str | None, int | None]:
    """Find the template file and line where an exception was raised, from its traceback.

    Jinja rewrites the traceback of a failed render so that its frames carry the template's
    file name and line; the innermost such frame is where the template failed.
    """
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "<template>" in filename:
            found = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return found
