"""The Jinja sandbox that runs plan templates: refused attributes, bounded values, error places.

Templates are input: a province may hand its communes a template folder. This module holds
everything that keeps a template from reading what it should not or building what it cannot
afford, and that turns its failures into messages naming the template's file and line. The
compose stage decides what a template is given and what its output means.

Every value a template prints with `{{ }}` is user data: `_finalize` swaps it for a placeholder
(`OPEN` digits `CLOSE`) and records it, so the compose stage can parse the template's Markdown
and put the values back untouched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from bdg_plan import messages as msg
from bdg_plan.blocks import TableBlock
from bdg_plan.errors import TemplateError
from bdg_plan.vietnamese import letter, roman, upper, with_end_mark

#: The characters that mark a printed value in a template's output: OPEN index CLOSE.
OPEN, CLOSE = "\ufff9", "\ufffa"
PLACEHOLDER = re.compile(f"{OPEN}(\\d+){CLOSE}")

#: The largest string or list a template may build with `*` or a string method such as `center`;
#: bigger ones are refused before Python allocates them (`'x' * 10**10` would exhaust memory).
MAX_TEMPLATE_VALUE = 1_000_000


def builtin_template_dir() -> Path:
    """The built-in templates: inside the wheel, or the top-level folder of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_templates"
    return packaged if packaged.is_dir() else here.parent / "templates"


#: A value a template printed: text, or a table composed in Python (a paragraph of its own).
PrintedValue = str | TableBlock

_registry: ContextVar[list[PrintedValue]] = ContextVar("bdg_plan_placeholders")


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
    values.append(value if isinstance(value, TableBlock) else str(value))
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


def _bounded_filter(function: Callable[..., Any], *, check_value: bool) -> Callable[..., Any]:
    """Wrap a filter so that its options (widths, counts) cannot ask for huge values.

    The filtered value itself is checked only when it is a format string (`format`):
    `{{ plan.so | string }}` is fine whatever the number; `{{ "x" | center(10**9) }}` is not.
    """
    # Filters marked with pass_context/pass_environment get that argument before the value.
    first = (2 if getattr(function, "jinja_pass_arg", None) is not None else 1) - int(check_value)

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_template_arguments(*args[first:], *kwargs.values())
        return function(*args, **kwargs)

    return bounded


class PlanSandbox(SandboxedEnvironment):
    """Jinja's sandbox, tightened for plan templates.

    - Plan objects show their data only: a model's fields and the properties bdg-plan defines.
      pydantic's own methods are refused (`parse_file` reads any file, `model_rebuild` changes
      the class for every later render).
    - `*`, `**`, `%`, the padding methods of strings and the filters' options cannot build
      values past `MAX_TEMPLATE_VALUE`.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

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
                    _check_template_size(len(sequence) * times)
        if operator == "%" and isinstance(left, str):
            _check_template_arguments(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Refuse string methods asked for a huge width ("x".center(10**9), "{:>9999999}".format)."""
        # The sandbox wraps str.format in a function that keeps the bound method as __wrapped__.
        method = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            _check_template_arguments(owner, *args, *kwargs.values())
        return super().call(__context, __obj, *args, **kwargs)


@lru_cache(maxsize=8)
def template_environment(user_dir: str | None = None) -> PlanSandbox:
    """The sandboxed Jinja environment, searching `user_dir` first, then the built-in templates.

    Built once per search path (and so once per batch worker). FileSystemLoader refuses template
    names that leave its roots ("../x", absolute paths).
    """
    roots = [builtin_template_dir()]
    if user_dir is not None:
        roots.insert(0, Path(user_dir))
    env = PlanSandbox(
        loader=jinja2.FileSystemLoader([str(r) for r in roots], encoding="utf-8"),
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
        name: _bounded_filter(function, check_value=name == "format")
        for name, function in env.filters.items()
    }
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
        text = env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(msg.TEMPLATE_MISSING.format(name=exc.name)) from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name
        raise TemplateError(_template_failure(name, where, exc.lineno, exc.message)) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            _template_failure(name, *_template_position(exc), msg.TEMPLATE_BLOCKED.format(reason=exc))
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            _template_failure(
                name, *_template_position(exc), msg.TEMPLATE_UNDEFINED.format(reason=exc.message)
            )
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
        raise TemplateError(_template_failure(name, *_template_position(exc), str(exc))) from None
    finally:
        _registry.reset(token)
    return text, values


def _template_failure(default: str, name: str | None, line: int | None, reason: str | None) -> str:
    return msg.TEMPLATE_FAILED.format(name=name or default, line=line or "?", reason=reason or "")


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
