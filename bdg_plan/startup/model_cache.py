"""The plan model's validators from a cached core schema, instead of building them on every start.

Part of the model stage. pydantic builds a model's validator in two steps: it generates a *core
schema* from the classes' annotations in Python (slow: most of the plan model's start-up cost),
then pydantic-core compiles that schema in Rust (about a millisecond). The model classes are
declared with `defer_build=True`, and `install` gives the classes that are validated directly
(`Plan`, and the few built by the compose stage) their validator and serializer from the core
schemas cached by an earlier start. Classes reached only through them need nothing.

The cache file is one header line, then a pickle. The header carries the key (a hash of the model
modules' source and the versions of Python, pydantic, pydantic-core and bdg-plan) and the
pickle's SHA-256, and is checked before the pickle is read: a stale or damaged file is never
unpickled. The key is computed from public source, so it says "current", not "ours": what keeps a
planted file out is where the cache lives (`bdg_plan.startup.cache_files`: only beside the
package's byte code). The pickle is read by an unpickler that can name only the model's own
classes and functions and a few of pydantic's (`_SchemaUnpickler`). A missing, stale, damaged or
refused cache is never used: the models are built the ordinary way and the cache is rewritten.

The cache reads pydantic's private internals (a model's `__pydantic_core_schema__`, and
`pydantic._internal._config.ConfigWrapper` for its core config), which is why pyproject.toml
bounds pydantic below its next minor version, and why `tests/contracts/test_model_cache.py`
fails when a warm start builds any schema (the cache silently no longer used).
"""

from __future__ import annotations

import hashlib
import importlib
import io
import pickle
import sys
import types
from collections.abc import Sequence
from typing import Any, TypeGuard

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic_core import SchemaError, SchemaSerializer, SchemaValidator

import bdg_plan
from bdg_plan.startup import cache_files

#: The modules whose source defines the plan model's classes (a test checks this against what
#: `import bdg_plan.plan.model` loads). An edit to any of them makes a new key.
MODEL_MODULES = (
    "bdg_plan.facts",
    "bdg_plan.facts.admin_map",
    "bdg_plan.facts.limits",
    "bdg_plan.facts.nd30",
    "bdg_plan.facts.vietnamese",
    "bdg_plan.plan",
    "bdg_plan.plan.dates",
    "bdg_plan.plan.field_types",
    "bdg_plan.plan.model",
    "bdg_plan.plan.outline_model",
    "bdg_plan.plan.signer_model",
    "bdg_plan.startup",
    "bdg_plan.startup.cache_files",
    "bdg_plan.startup.model_cache",
)

#: The cache file's name, per interpreter (two Pythons may share one package folder).
CACHE_NAME = f"plan-model.{sys.implementation.cache_tag}.pickle"

#: What one cached model holds: its core schema and the core config its validator is built with.
Entry = tuple[Any, Any]

#: The first word of a cache file's header line.
_MAGIC = "bdg-plan-plan-model-v2"

#: The modules whose own classes and functions a cached schema may name.
_SCHEMA_MODULES = frozenset(
    {name for name in MODEL_MODULES if name.startswith("bdg_plan.plan.")} | {"pydantic._internal._validators"}
)

#: The other names a cached schema may use.
_OUTSIDE_NAMES = frozenset(
    {("builtins", "list"), ("functools", "partial"), ("pydantic.json_schema", "WithJsonSchema")}
)


def cache_key(models: Sequence[type[BaseModel]]) -> str:
    """The hash the cache must carry: the model modules' source, the versions, the classes cached."""
    digest = hashlib.sha256()
    versions = (sys.version, pydantic.VERSION, pydantic_core.__version__, bdg_plan.__version__)
    digest.update(repr((versions, [model.__qualname__ for model in models])).encode())
    for name in MODEL_MODULES:
        digest.update(name.encode())
        with open(sys.modules[name].__file__ or "", "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()


def install(models: Sequence[type[BaseModel]]) -> bool:
    """Give `models` their validators: from the cache when it is current, else built and cached.

    Returns True when the cache was used. Never raises for a missing, stale, damaged or refused
    cache: the models are built and the cache rewritten.
    """
    try:
        key = cache_key(models)
    except OSError:  # the source is not readable as files (a zip, a frozen program): no cache
        _build(models)
        return False
    data = cache_files.read(CACHE_NAME)
    entries = None if data is None else _entries_for(data, key)
    if entries is not None and _attach(models, entries):
        return True
    _build(models)
    _write(key, models)
    return False


def _header(key: str, body: bytes) -> bytes:
    """The cache file's first line: what it is, the key it was made for, and its body's digest."""
    return f"{_MAGIC} {key} {hashlib.sha256(body).hexdigest()}\n".encode()


def _entries_for(data: bytes, key: str) -> dict[str, Entry] | None:
    """The cached entries if the file was made for `key` and is whole; else None.

    The header is checked before a byte of the pickle is read: a stale or damaged file is never
    unpickled. A current one is unpickled by `_SchemaUnpickler`, which names only the model's own
    classes and functions and a few of pydantic's.
    """
    header, _, body = data.partition(b"\n")
    if header + b"\n" != _header(key, body):
        return None
    try:
        entries = _SchemaUnpickler(io.BytesIO(body)).load()
    except pickle.UnpicklingError:  # a name outside the allowed ones
        return None
    return entries if _well_formed(entries) else None


def _well_formed(entries: object) -> TypeGuard[dict[str, Entry]]:
    """Whether unpickled `entries` have the cache's shape: a class name to a (schema, config) pair."""
    return isinstance(entries, dict) and all(
        isinstance(name, str)
        and isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], dict)
        and isinstance(entry[1], (dict, type(None)))
        for name, entry in entries.items()
    )


class _SchemaUnpickler(pickle.Unpickler):
    """An unpickler that names only what a cached core schema needs, nothing that runs commands.

    Allowed: a class or function *defined* in one of the plan model's modules or in pydantic's
    validators module (not one they imported), `list`, `functools.partial`, pydantic's
    `WithJsonSchema`, and `getattr` restricted to the names core schemas look up. Anything else is
    refused (`pickle.UnpicklingError`) and the models are built instead.
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("builtins", "getattr"):
            return _schema_getattr
        if (module, name) in _OUTSIDE_NAMES:
            return super().find_class(module, name)
        if module in _SCHEMA_MODULES and name.isidentifier():
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type | types.FunctionType) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name}")


def _schema_getattr(owner: object, name: str) -> Any:
    """`getattr` for the names a core schema looks up: no double-underscore name but pydantic's hook."""
    if not isinstance(name, str) or (name.startswith("__") and name != "__get_pydantic_json_schema__"):
        raise pickle.UnpicklingError(repr(name))
    return getattr(owner, name)


def _attach(models: Sequence[type[BaseModel]], entries: dict[str, Entry]) -> bool:
    """Install each model's validator and serializer compiled from its cached core schema."""
    built: list[tuple[type[BaseModel], Any, SchemaValidator, SchemaSerializer]] = []
    try:
        for model in models:
            schema, config = entries[model.__qualname__]
            built.append((model, schema, SchemaValidator(schema, config), SchemaSerializer(schema, config)))
    except (KeyError, SchemaError, TypeError):  # a class missing, a schema or config pydantic-core refuses
        return False
    for model, schema, validator, serializer in built:
        model.__pydantic_core_schema__ = schema
        model.__pydantic_validator__ = validator
        model.__pydantic_serializer__ = serializer
        model.__pydantic_complete__ = True
    return True


def _build(models: Sequence[type[BaseModel]]) -> None:
    """Build the models the ordinary way (pydantic's schema generation)."""
    for model in models:
        model.model_rebuild(raise_errors=True)


def _entries(models: Sequence[type[BaseModel]]) -> dict[str, Entry]:
    """Each built model's core schema and core config, as pydantic compiled them."""
    from pydantic._internal._config import ConfigWrapper

    return {
        model.__qualname__: (
            model.__pydantic_core_schema__,
            ConfigWrapper(model.model_config, check=False).core_config(title=model.__name__),
        )
        for model in models
    }


def _write(key: str, models: Sequence[type[BaseModel]]) -> None:
    """Write the cache for the built models: a header line, then the pickle; nothing if it cannot be."""
    try:
        body = pickle.dumps(_entries(models), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, ImportError):  # internals moved
        return
    cache_files.write(CACHE_NAME, _header(key, body) + body)
