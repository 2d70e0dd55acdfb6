"""The built-in templates compiled once, not on every start: Jinja's bytecode cache, kept safe.

Part of the compose stage. Compiling the built-in templates (Jinja's lexer, parser and code
generator, with the sandbox's own changes to the tree) is most of a render's first-time cost.
Jinja can keep the compiled code (`jinja2.BytecodeCache`); this one keeps it where
`bdg_plan.startup.cache_files` says, one file per template, in a format of its own.

A file is one header line, then the template's code as `marshal` writes it. The header holds a
stamp (a hash of `sandbox.py`'s own source, which decides how a template compiles, Jinja's
version and the interpreter's byte-code magic number), the template text's checksum (Jinja's)
and the SHA-256 of the code that follows. The code is read only when all three match; anything
else, or a damaged file, and the template is compiled again and its one file rewritten (no stale
files pile up). Jinja's own file format is not used: it unpickles its checksum before checking
it. Only the built-in templates are cached: a folder given with `--templates` is compiled on each
run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import sys
import types

import jinja2
from jinja2.bccache import Bucket

from bdg_plan.startup import cache_files


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in bdg-plan's start cache, one file per template, stamped with the sandbox."""

    def __init__(self, sandbox_source: bytes) -> None:
        versions = jinja2.__version__.encode() + importlib.util.MAGIC_NUMBER
        self._stamp = hashlib.sha256(sandbox_source + versions).hexdigest()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The key of a template: its name and file (the header inside the file says the rest)."""
        return hashlib.sha256(f"{name}|{filename}".encode()).hexdigest()[:32]

    def file_name(self, bucket: Bucket) -> str:
        """The cache file of a bucket, per interpreter (marshal's format follows Python's)."""
        return f"template-{bucket.key}.{sys.implementation.cache_tag}.jinja"

    def _header(self, bucket: Bucket, code: bytes) -> bytes:
        """The first line of a bucket's file: the stamp, the template's checksum, the code's digest."""
        return f"{self._stamp} {bucket.checksum} {hashlib.sha256(code).hexdigest()}\n".encode()

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from its file if that is whole and current; leave it empty otherwise."""
        data = cache_files.read(self.file_name(bucket))
        if data is None:
            return
        header, _, code = data.partition(b"\n")
        if header + b"\n" != self._header(bucket, code):  # stale, damaged, or not ours
            return
        try:
            loaded = marshal.loads(code)
        except (EOFError, ValueError, TypeError):  # what marshal raises for data it cannot read
            return
        if isinstance(loaded, types.CodeType):
            bucket.code = loaded

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write the freshly compiled template's code after its header, replacing an older entry."""
        code = marshal.dumps(bucket.code)
        cache_files.write(self.file_name(bucket), self._header(bucket, code) + code)
