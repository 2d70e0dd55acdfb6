"""Field types shared by the plan model's modules: text, paragraphs and bullets, with their shorthands.

Part of the model stage (`bdg_plan.model` and `bdg_plan.outline_model` build on these): a single
string where a list of paragraphs is expected, a plain string where a bullet is.
"""

from __future__ import annotations

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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _bullet_shorthand(value: Any) -> Any:
    """Accept a plain string for a bullet without sub-bullets."""
    if isinstance(value, list):
        # "- - text" in YAML is a list inside the list: the clerk typed the dash themselves.
        raise plan_error("typed-mark", msg.BULLET_IS_LIST)
    return {"y": value} if isinstance(value, str) else value


class YGachDauDong(_Model):
    """One dash bullet ("- ...") with optional "+" sub-bullets."""

    y: Text = Field(description="Nội dung một ý gạch đầu dòng. Không gõ dấu '-' ở đầu: bdg-plan tự thêm.")
    cac_y: list[Text] = Field(default_factory=list, description="Các ý nhỏ của ý này, in với dấu '+'.")


Bullet = Annotated[
    YGachDauDong, BeforeValidator(_bullet_shorthand, json_schema_input_type=str | YGachDauDong)
]
