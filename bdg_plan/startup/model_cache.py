"""The plan model's validators from a cached core schema, instead of building them on every start.

Part of the model stage. pydantic builds a model's validator in two steps: it generates a *core
schema* from the classes' annotations in Python (slow: most of the plan model's start-up cost),
then pydantic-core compiles that schema in Rust (about a millisecond). The model classes are
declared with `defer_build=True`, and `install` gives the classes that are validated directly
(`Plan`, and the few built by the compose stage) their validator and serializer from the core
schemas cached by an earlier start. Classes reached only through them need nothing.

The cache is a pickle, keyed by a hash of the model modules' source and the versions of Python,
pydantic, pydantic-core and bdg-plan. A missing, stale or unreadable cache is never used: the
models are built the ordinary way and the cache is rewritten. Where it lives, and why there:
`bdg_plan.startup.cache_files`.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Sequence
from typing import Any

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic_core import SchemaSerializer, SchemaValidator

import bdg_plan
from bdg_plan.startup import cache_files

#: The modules whose source defines the plan model's classes (a test checks this against what
#: `import bdg_plan.plan.model` loads). An edit to any of them makes a new key.
MODEL_MODULES = (
    "bdg_plan.facts",
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

    Returns True when the cache was used. Never raises for a bad cache: it is rebuilt.
    """
    try:
        key = cache_key(models)
    except OSError:  # the source is not readable as files (a zip, a frozen program): no cache
        _build(models)
        return False
    for data in cache_files.read(CACHE_NAME):
        entries = _entries_for(data, key)
        if entries is not None and _attach(models, entries):
            return True
    _build(models)
    _write(key, models)
    return False


def _entries_for(data: bytes, key: str) -> dict[str, Entry] | None:
    """The cached entries in a cache file's bytes if they are whole and made for `key`; else None."""
    try:
        found_key, entries = pickle.loads(data)  # our own file, beside our .pyc
    except Exception:  # any damage (truncated, foreign, stale classes) means rebuild
        return None
    if found_key != key or not isinstance(entries, dict):
        return None
    return entries


def _attach(models: Sequence[type[BaseModel]], entries: dict[str, Entry]) -> bool:
    """Install each model's validator and serializer compiled from its cached core schema."""
    built: list[tuple[type[BaseModel], Any, SchemaValidator, SchemaSerializer]] = []
    try:
        for model in models:
            schema, config = entries[model.__qualname__]
            built.append((model, schema, SchemaValidator(schema, config), SchemaSerializer(schema, config)))
    except Exception:  # a schema pydantic-core refuses: rebuild
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
    """Write the cache for the built models; nothing when they do not pickle."""
    try:
        data = pickle.dumps((key, _entries(models)), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a schema that does not pickle, pydantic internals moved: no cache
        return
    cache_files.write(CACHE_NAME, data)
