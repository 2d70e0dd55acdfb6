"""The built-in templates compiled once, not on every start: Jinja's bytecode cache, kept safe.

Part of the compose stage. Compiling the built-in templates (Jinja's lexer, parser and code
generator, with the sandbox's own changes to the tree) is most of a render's first-time cost.
Jinja can keep the compiled code (`jinja2.BytecodeCache`); this one keeps it where
`bdg_plan.startup.cache_files` says, one file per template.

An entry is used only when it was made from the same template text (Jinja's checksum of the
source), by the same Jinja and Python (Jinja's magic header, and the file name's interpreter tag),
for the same sandbox: each file starts with a stamp, a hash of `sandbox.py`'s own source (which
decides how a template compiles) and Jinja's version. Anything else, or a damaged file, and the
template is compiled again and its one file rewritten (no stale files pile up). Only the
built-in templates are cached: a folder given with `--templates` is compiled on each run.
"""

from __future__ import annotations

import hashlib
import sys

import jinja2
from jinja2.bccache import Bucket

from bdg_plan.startup import cache_files


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in bdg-plan's start cache, one file per template, stamped with the sandbox."""

    def __init__(self, sandbox_source: bytes) -> None:
        self._stamp = hashlib.sha256(sandbox_source + jinja2.__version__.encode()).hexdigest().encode()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The key of a template: its name and file (the stamp inside the file says the rest)."""
        return hashlib.sha256(f"{name}|{filename}".encode()).hexdigest()[:32]

    def file_name(self, bucket: Bucket) -> str:
        """The cache file of a bucket, per interpreter (marshal's format follows Python's)."""
        return f"template-{bucket.key}.{sys.implementation.cache_tag}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from its file if that is whole and current; leave it empty otherwise."""
        size = len(self._stamp)
        for data in cache_files.read(self.file_name(bucket)):
            if data[:size] != self._stamp:  # made by another sandbox or Jinja: compile again
                continue
            try:
                bucket.bytecode_from_string(data[size:])
            except Exception:  # a damaged file (pickle or marshal refused it): compile again
                bucket.reset()
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write the freshly compiled template's code after the stamp, replacing an older entry."""
        cache_files.write(self.file_name(bucket), self._stamp + bucket.bytecode_to_string())
