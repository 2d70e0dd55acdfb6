"""Field types shared by the plan model's modules: text, paragraphs and bullets, with their shorthands.

Part of the model stage (`bdg_plan.plan.model` and `bdg_plan.plan.outline_model` build on these): a single
string where a list of paragraphs is expected, a plain string where a bullet is.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from bdg_plan import messages as msg

#: Problem codes the model's own checks raise (through `plan_error`); validate reports them as they
#: are, and never works a code out from a message's text.
PLAN_ERROR_CODES = frozenset({"empty-text", "invalid-date", "typed-mark"})


def plan_error(code: str, message: str) -> PydanticCustomError:
    """A validation error carrying its problem code (one of `PLAN_ERROR_CODES`) and its message."""
    assert code in PLAN_ERROR_CODES, code
    return PydanticCustomError(code, "{message}", {"message": message})


def _reject_bool(value: Any) -> Any:
    """Refuse true/false where a number is expected (pydantic would read `true` as 1)."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


#: A whole number; `true`/`false` are refused instead of becoming 1 and 0.
WholeNumber = Annotated[int, BeforeValidator(_reject_bool)]


def _strip_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise plan_error("empty-text", msg.EMPTY_TEXT)
    return value


#: A non-empty line of text, trimmed.
Text = Annotated[str, AfterValidator(_strip_text)]


def _as_list(value: Any) -> Any:
    """Accept one string where a list of strings is expected."""
    return [value] if isinstance(value, str) else value


#: One or more paragraphs: a string, or a list of strings.
Paragraphs = Annotated[
    list[Text],
    BeforeValidator(_as_list, json_schema_input_type=str | list[str]),
]


# Where a field's title ends in its description: a sentence end (not "..." or "1."), a colon, a
# bracket, an example or a semicolon.
_TITLE_END = re.compile(r"(?<!\.)\.(?=\s|$)|: |; | \(|, ví dụ")


def title_from_description(description: str) -> str:
    """A field's short Vietnamese title: the first clause of its description.

    "Số văn bản (ô số 3): để trống ..." -> "Số văn bản". Every description is written to start
    with its title, so the title an editor shows and the text it explains never disagree.
    """
    match = _TITLE_END.search(description)
    return (description[: match.start()] if match else description).strip()


def _field_title(name: str, info: Any) -> str:
    """The JSON Schema title of a field: its description's first clause, else its key."""
    description = getattr(info, "description", None)
    return title_from_description(description) if description else name


class _Model(BaseModel):
    # defer_build: no validator is built when a class is defined; `bdg_plan.startup.model_cache` installs
    # the ones the program validates with, from a cache when it can.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        str_strip_whitespace=False,
        field_title_generator=_field_title,
    )


def block_texts(title: str, description: str) -> ConfigDict:
    """A block's Vietnamese title and description for editors, as its model config (JSON Schema).

    A subclass's config is merged into `_Model`'s, so only these two are given.
    """
    return ConfigDict(title=title, json_schema_extra={"description": description})


def _bullet_shorthand(value: Any) -> Any:
    """Accept a plain string for a bullet without sub-bullets."""
    if isinstance(value, list):
        # "- - text" in YAML is a list inside the list: the clerk typed the dash themselves.
        raise plan_error("typed-mark", msg.BULLET_IS_LIST)
    return {"y": value} if isinstance(value, str) else value


class YGachDauDong(_Model):
    """One dash bullet ("- ...") with optional "+" sub-bullets."""

    model_config = block_texts("Ý gạch đầu dòng", "Một ý gạch đầu dòng '-' và các ý nhỏ '+' của nó.")

    y: Text = Field(description="Nội dung một ý gạch đầu dòng. Không gõ dấu '-' ở đầu: bdg-plan tự thêm.")
    cac_y: list[Text] = Field(default_factory=list, description="Các ý nhỏ của ý này, in với dấu '+'.")


Bullet = Annotated[
    YGachDauDong, BeforeValidator(_bullet_shorthand, json_schema_input_type=str | YGachDauDong)
]
