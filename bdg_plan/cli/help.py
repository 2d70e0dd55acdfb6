"""Vietnamese help screens and usage errors for the command line (typer and click print English).

`VietnameseGroup` is the CLI's group class. It gives every command a context whose help formatter
translates the fixed words click writes ("Usage:", "Options", "Show this message and exit.",
"[required]", "<path>") before the text is wrapped, and it turns click's usage errors ("Missing
argument", "No such option") into Vietnamese ones with the same exit code (2). The commands
themselves are untouched: a command added later is translated too. Only the CLI imports this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from bdg_plan import messages as msg

try:  # recent typer carries its own copy of click
    from typer._click import exceptions as click_errors
    from typer._click.formatting import HelpFormatter
except ImportError:  # pragma: no cover - older typer runs on click itself
    from click import exceptions as click_errors  # type: ignore[no-redef, import-not-found, unused-ignore]
    from click.formatting import (  # type: ignore[no-redef, import-not-found, assignment, unused-ignore]
        HelpFormatter,
    )

if TYPE_CHECKING:
    from typer._click.core import Command, Context

#: Usage errors that are not errors: "show the help" when a command is run without arguments.
_PASS_THROUGH: tuple[type[BaseException], ...] = tuple(
    kind for kind in (getattr(click_errors, "NoArgsIsHelpError", None),) if kind is not None
)

#: The exceptions click and typer use for control flow (exit, abort, usage errors): the CLI's error
#: boundary lets them through untouched.
CONTROL_FLOW: tuple[type[BaseException], ...] = (
    typer.Exit,
    typer.Abort,
    click_errors.ClickException,
    # click's own Exit and Abort, when typer runs on click itself
    *(kind for kind in (getattr(click_errors, "Exit", None), getattr(click_errors, "Abort", None)) if kind),
)

_FIXED_HELP = {"Show this message and exit.": msg.CLI_HELP_OPTION}
_USAGE_WORDS = {"[OPTIONS]": msg.CLI_OPTIONS_METAVAR, "COMMAND [ARGS]...": msg.CLI_SUBCOMMAND_METAVAR}
# The "[default: x; required]" typer appends to a help text. Both patterns are compiled (and
# then kept by `re`) when a help screen is drawn, not on every start.
_EXTRAS = r"(?:^|  )\[([^\[\]]*)\]$"
# "<path>" (recent typer) or "PATH" (click) after an option or argument name.
_KIND = r"<(?:list\[)?([A-Za-z]+)(?: range)?\]?>|\b(PATH|FILE|DIRECTORY|INTEGER|FLOAT|TEXT|BOOLEAN)\b"


# --- Help screens -----------------------------------------------------------------------------
def translate_usage(args: str) -> str:
    """Translate the placeholders of a usage line: "[OPTIONS]" -> "[TÙY CHỌN]"."""
    for english, vietnamese in _USAGE_WORDS.items():
        args = args.replace(english, vietnamese)
    # typer 0.28 wraps required arguments in braces ("{TỆP}"); a clerk reads plain "TỆP".
    return re.sub(r"\{([^{}\s]+)\}", r"\1", args)


def translate_term(term: str) -> str:
    """Translate the value kind shown after a name: "-o, --output <path>" -> "<đường dẫn>"."""

    def kind(match: re.Match[str]) -> str:
        word = (match.group(1) or match.group(2)).lower()
        label = msg.CLI_TYPE_LABELS.get(word)
        if label is None:
            return match.group(0)
        many = "..." if match.group(0).startswith("<list[") else ""
        return f"<{label}>{many}" if match.group(1) else label.upper().replace(" ", "_")

    return re.sub(_KIND, kind, term)


def translate_help(text: str) -> str:
    """Translate click's own help texts and the "[default: x; required]" typer appends."""
    text = _FIXED_HELP.get(text, text)
    match = re.search(_EXTRAS, text)
    if match is None:
        return text
    parts = [_translate_extra(part) for part in match.group(1).split("; ")]
    return text[: match.start(1)] + "; ".join(parts) + text[match.end(1) :]


def _translate_extra(part: str) -> str:
    if part == "required":
        return msg.CLI_REQUIRED
    for prefix, template in (("default: ", msg.CLI_DEFAULT), ("env var: ", msg.CLI_ENV_VAR)):
        if part.startswith(prefix):
            return template.format(value=part[len(prefix) :])
    return part


class VietnameseHelpFormatter(HelpFormatter):
    """click's help formatter, writing Vietnamese headings, usage prefix and option notes."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """Write the usage line as "Cách dùng: bdg-plan render [TÙY CHỌN] ..."."""
        super().write_usage(prog, translate_usage(args), msg.CLI_USAGE if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """Write a section heading ("Tùy chọn", "Tham số", "Các lệnh")."""
        super().write_heading(msg.CLI_HEADINGS.get(heading, heading))

    def write_dl(
        self,
        rows: Sequence[tuple[str, str]],
        col_max: int = 30,
        col_spacing: int = 2,
    ) -> None:
        """Write the option and command lists, translated before they are wrapped."""
        translated = [(translate_term(term), translate_help(text)) for term, text in rows]
        super().write_dl(translated, col_max, col_spacing)


class VietnameseContext(typer.Context):
    """A command context whose help comes out in Vietnamese."""

    formatter_class = VietnameseHelpFormatter

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Some parser errors ("-o" given without a value) carry no context; they belong to the
        # command whose context was made last.
        _latest_context.set(self)


_latest_context: ContextVar[VietnameseContext | None] = ContextVar("bdg_plan_cli_context", default=None)


# --- Usage errors -----------------------------------------------------------------------------
def _missing(match: re.Match[str]) -> str:
    kind = msg.CLI_KINDS.get(match.group(1), match.group(1))
    text = msg.CLI_MISSING.format(kind=kind, name=(match.group(2) or "").strip()).replace(" .", ".")
    if match.group(3):
        choices = ", ".join(choice.strip() for choice in match.group(3).split(","))
        text += " " + msg.CLI_CHOOSE_FROM.format(choices=choices)
    return text


def _no_such_option(match: re.Match[str]) -> str:
    text = msg.CLI_NO_SUCH_OPTION.format(name=match.group(1))
    options = match.group(2) or match.group(3)
    return text + msg.CLI_POSSIBLE_OPTIONS.format(options=options) if options else text


def _no_such_command(match: re.Match[str]) -> str:
    text = msg.CLI_NO_SUCH_COMMAND.format(name=match.group(1))
    return text + msg.CLI_DID_YOU_MEAN.format(suggestions=match.group(2)) if match.group(2) else text


def _bad_value(match: re.Match[str]) -> str:
    # click names every spelling of the option ("'--nam' / '--year'"); the first is the one we teach.
    name = match.group(1).split(" / ")[0]
    return msg.CLI_BAD_VALUE.format(name=name, reason=translate_reason(match.group(2)))


#: A regular expression's text and flags, compiled (and then kept by `re`) only when click's
#: message is translated: a run without a usage error compiles none of them.
_Pattern = tuple[str, int]

_ERRORS: list[tuple[_Pattern, Callable[[re.Match[str]], str]]] = [
    (
        (r"^Missing (argument|option|parameter)( .+?)?\.(?:\s+Choose from:\s*(.*))?$", re.S),
        _missing,
    ),
    (
        (r"^No such option: (\S+)(?: \(Possible options: (.+)\)| Did you mean (.+)\?)?$", 0),
        _no_such_option,
    ),
    ((r"^No such command '(.+?)'\.(?: Did you mean (.+)\?)?$", 0), _no_such_command),
    ((r"^Missing command\.$", 0), lambda _: msg.CLI_MISSING_COMMAND),
    (
        (r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", re.S),
        lambda m: msg.CLI_EXTRA_ARGUMENTS.format(args=m.group(1)),
    ),
    (
        (r"^Option '(.+)' requires (?:an argument|\d+ arguments)\.$", 0),
        lambda m: msg.CLI_OPTION_NEEDS_VALUE.format(name=m.group(1)),
    ),
    (
        (r"^Option '(.+)' does not take a value\.$", 0),
        lambda m: msg.CLI_OPTION_NO_VALUE.format(name=m.group(1)),
    ),
    ((r"^Invalid value for (.+?): (.*)$", re.S), _bad_value),
    (
        (r"^Invalid value: (.*)$", re.S),
        lambda m: msg.CLI_BAD_VALUE_NO_NAME.format(reason=translate_reason(m.group(1))),
    ),
]


def _out_of_range(match: re.Match[str]) -> str:
    value, low, high = (int(group) for group in match.groups())
    return msg.NUMBER_TOO_SMALL.format(limit=low) if value < low else msg.NUMBER_TOO_LARGE.format(limit=high)


def _first_group(match: re.Match[str]) -> str:
    """The first group of `match` that took part in it."""
    return next(group for group in match.groups() if group is not None)


_REASONS: list[tuple[_Pattern, Callable[[re.Match[str]], str]]] = [
    # click's IntRange: "1800 is not in the range 1900<=x<=2200."
    ((r"^(-?\d+) is not in the range (-?\d+)<=x<=(-?\d+)", 0), _out_of_range),
    (
        (r"^(?:Value error, )?'(.*)' is not one of (.*?)\.?$", re.S),
        lambda m: msg.CLI_NOT_ONE_OF.format(value=m.group(1), choices=m.group(2).replace(" or ", ", ")),
    ),
    ((r"valid integer|is not a valid int", re.I), lambda _: msg.CLI_NOT_INTEGER),
    # A one-sided IntRange (`min=1` alone): "0 is not in the range x>=1."
    (
        (r"greater than or equal to (-?\d+)|^(-?\d+)<=x|x>=(-?\d+)", re.I),
        lambda m: msg.NUMBER_TOO_SMALL.format(limit=_first_group(m)),
    ),
    (
        (r"less than or equal to (-?\d+)|x<=(-?\d+)\.?$", re.I),
        lambda m: msg.NUMBER_TOO_LARGE.format(limit=_first_group(m)),
    ),
]


def translate_reason(reason: str) -> str:
    """Translate why a value was refused, when click or typer wrote it; else keep it."""
    for (pattern, flags), build in _REASONS:
        match = re.search(pattern, reason, flags)
        if match:
            return build(match)
    return reason


def translate_usage_error(message: str) -> str:
    """Translate one of click's usage error messages ("Missing argument 'TỆP'.")."""
    for (pattern, flags), build in _ERRORS:
        match = re.match(pattern, message, flags)
        if match:
            return build(match)
    return message


class VietnameseUsageError(click_errors.UsageError):
    """A usage error already in Vietnamese, shown with the usage line and where to get help."""

    def show(self, file: IO[Any] | None = None) -> None:
        """Print "Cách dùng: ...", "Xem hướng dẫn: ..." and "Lỗi: ..." to standard error."""
        lines: list[str] = []
        if self.ctx is not None:
            lines.append(self.ctx.get_usage())
            if self.ctx.command.get_help_option(self.ctx) is not None:
                option = self.ctx.help_option_names[0]
                lines.append(msg.CLI_TRY_HELP.format(command=self.ctx.command_path, option=option))
            lines.append("")
        lines.append(msg.CLI_ERROR.format(message=self.format_message()))
        typer.echo("\n".join(lines), file=file, err=file is None)


@contextmanager
def vietnamese_usage_errors() -> Iterator[None]:
    """Re-raise click's usage errors as Vietnamese ones (the help-on-no-arguments one excepted)."""
    try:
        yield
    except click_errors.UsageError as error:
        if isinstance(error, (VietnameseUsageError, *_PASS_THROUGH)):
            raise
        context = error.ctx or _latest_context.get()
        raise VietnameseUsageError(translate_usage_error(error.format_message()), context) from None


class VietnameseGroup(TyperGroup):
    """The `bdg-plan` command group: Vietnamese help for itself and for every subcommand."""

    context_class = VietnameseContext

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        """Find a subcommand and give it the Vietnamese context (typer builds subcommands itself)."""
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = VietnameseContext
        return command

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Parse the group's own options, with Vietnamese usage errors."""
        with vietnamese_usage_errors():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        """Run the subcommand; its usage errors (missing file, unknown option) come out in Vietnamese."""
        with vietnamese_usage_errors():
            return super().invoke(ctx)
