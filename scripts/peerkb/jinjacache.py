"""Compiled Jinja templates kept between builds, with Jinja's own bytecode cache, keyed safely.

MkDocs starts every build, and every preview reload, with fresh Jinja environments, so each build compiles
Material's templates, this package's templates and every page again. Jinja can keep compiled templates in
a bytecode cache: an entry is found by the template's name and used only if a checksum of the template's
text still matches, so an edited template is compiled afresh. What the checksum cannot see is a change of
the environment's settings (markers, whitespace handling, extensions) or of the versions of Jinja and
Python; the cache files are therefore named after a fingerprint of those, and any change starts a new set.
The files live in the system's temporary folder (Jinja's default, private to the user).
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

import jinja2

# Environment settings that change the code a template compiles to.
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "newstyle_gettext",
)


def _name(value: Any) -> str:
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    return f"{module}.{qualname}" if qualname else repr(value)


def fingerprint(env: jinja2.Environment, *extra: str) -> str:
    """A short digest of what, besides a template's text, decides its compiled code: Jinja's version, the
    environment's settings and extensions, and `extra` (for example the versions of the theme)."""
    parts = [
        jinja2.__version__,
        *(repr(getattr(env, name, None)) for name in _SETTINGS),
        *sorted(env.extensions),
        _name(env.undefined),
        _name(env.finalize),
        _name(env.autoescape),
        *extra,
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class _FileCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache, except that a file it cannot read or write costs a compile, never
    a build (the temporary folder may be cleared while the preview runs)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(env: jinja2.Environment, *extra: str) -> jinja2.BytecodeCache | None:
    """Jinja's file-system bytecode cache, its files named after the environment's fingerprint; None (compile
    every time) where the system has no temporary folder Jinja considers safe."""
    try:
        return _FileCache(pattern=f"__jinja2_peerkb_{fingerprint(env, *extra)}_%s.cache")
    except (OSError, RuntimeError):
        return None
