"""The program builds only the command it runs (cli.app_for), and answers exactly as the whole app."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from bdg_plan.cli.app import app, app_for

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
NAMES = sorted(info.name or "" for info in app.registered_commands)


@pytest.mark.parametrize("tail", [["--help"], ["--khong-co-tuy-chon-nay"]], ids=["help", "usage-error"])
@pytest.mark.parametrize("name", NAMES)
def test_one_command_answers_as_the_whole_app(name: str, tail: list[str]) -> None:
    args = [name, *tail]
    single = app_for(args)
    assert single is not app
    assert list(getattr(typer.main.get_command(single), "commands", {})) == [name]
    whole = CliRunner().invoke(app, args, env=ENV, prog_name="bdg-plan")
    alone = CliRunner().invoke(single, args, env=ENV, prog_name="bdg-plan")
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert whole.exit_code in (0, 2)


@pytest.mark.parametrize(
    "args", [[], ["-h"], ["--help"], ["rendr", "x.yaml"], ["--format", "plain", "validate"], [""]]
)
def test_any_other_line_gets_the_whole_app(args: list[str]) -> None:
    assert app_for(args) is app


def test_every_command_is_reachable_alone() -> None:
    assert {"render", "validate", "batch", "init", "schema"} <= set(NAMES)
