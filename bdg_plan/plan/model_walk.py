"""Walking the plan model's type annotations, written once for its two readers.

`validate.allowed_keys` walks a pydantic error's path down the model to suggest a key; the schema
module walks every field to list the file's keys. Both look through `Annotated`, `Optional`,
unions and lists to the model a field holds.
"""

from __future__ import annotations

import sys
import types
import typing
from typing import Any

from pydantic import BaseModel, Tag


def field_annotation(model: type[BaseModel], name: str) -> Any:
    """The type of a model's field, its forward references resolved.

    The outline's containers name `OutlineItem` before it is defined; pydantic resolves that only
    when it builds a validator, which a model from the cache (`bdg_plan.startup.model_cache`) never does.
    """
    annotation = model.model_fields[name].annotation
    if isinstance(annotation, typing.ForwardRef):
        namespace = vars(sys.modules[model.__module__])
        annotation = eval(annotation.__forward_arg__, namespace)  # the model's own source
    return annotation


def is_model(annotation: Any) -> bool:
    """True when the annotation (through `Annotated`) is a pydantic model."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def tagged_member(annotation: Any, tag: str) -> Any | None:
    """The member of a tagged union whose `Tag` is `tag`, or None when there is no such member.

    pydantic names the member it tried in an error's `loc` ("than_van_ban", 0, "Muc", ...).
    """
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    for member in typing.get_args(annotation):
        if typing.get_origin(member) is typing.Annotated:
            inner, *metadata = typing.get_args(member)
            if any(isinstance(item, Tag) and item.tag == tag for item in metadata):
                return inner
    return None


def unwrap(annotation: Any, *, want_list: bool) -> Any:
    """Strip Annotated and Optional; pick the model (or list) member of a union."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            wanted = [m for m in members if (typing.get_origin(m) is list) == want_list]
            # A model member first: its keys are the ones worth suggesting (can_cu's text-or-model).
            wanted.sort(key=lambda member: not is_model(member))
            annotation = (wanted or members)[0]
        else:
            return annotation


def models_inside(annotation: Any) -> list[type[BaseModel]]:
    """The models a field holds, through lists, unions and Annotated; empty for plain values."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) is dict:
        return []  # a table row: column names chosen by the clerk
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += [model for model in models_inside(arg) if model not in found]
    return found


def holds_list(annotation: Any) -> bool:
    """True when the field is a list (through Annotated and Optional, or one member of a union)."""
    origin = typing.get_origin(annotation)
    if origin is list:
        return True
    if origin is typing.Annotated:
        return holds_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(holds_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))
    return False
