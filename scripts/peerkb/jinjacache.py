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

import hashlib
from typing import Any

import jinja2
from jinja2 import nodes

# Environment settings that change the code a template compiles to.
_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
    "newstyle_gettext",
)


def _name(value: Any) -> str:
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    return f"{module}.{qualname}" if qualname else repr(value)


def fingerprint(env: jinja2.Environment, *extra: str) -> str:
    """A short digest of what, besides a template's text, decides its compiled code: Jinja's version, the
    environment's settings and extensions, and `extra` (for example the versions of the theme)."""
    parts = [jinja2.__version__, *(repr(getattr(env, name, None)) for name in _SETTINGS), *sorted(env.extensions),
             _name(env.undefined), _name(env.finalize), _name(env.autoescape), *extra]
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
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(env: jinja2.Environment, *extra: str) -> jinja2.BytecodeCache | None:
    """Jinja's file-system bytecode cache, its files named after the environment's fingerprint; None (compile
    every time) where the system has no temporary folder Jinja considers safe."""
    try:
        return _FileCache(pattern=f"__jinja2_peerkb_{fingerprint(env, *extra)}_%s.cache")
    except (OSError, RuntimeError):
        return None


class PageTemplates:
    """Pages as Jinja templates: parsed once a build, compiled once per change of their text.

    The check reads every page as a template to find unknown names (`parse`). The macros plugin then makes a
    template of each page with `from_string`, which parses the text again and compiles it. `install` lets the
    plugin's environment take the compiled code of the page being rendered from the bytecode cache (one file
    per page, replaced when its text changes), or else compile the tree the check parsed. Anything else it
    makes from a string is made as usual. Tests check that pages compile to the same code either way."""

    def __init__(self, plugin_config: dict[str, Any]) -> None:
        # The plugin passes its `j2_*` settings (here, the comment markers) to Jinja; parse as it will.
        settings = {key[3:]: value for key, value in plugin_config.items() if key.startswith("j2_") and value}
        self._parser = jinja2.Environment(**settings)
        self._trees: dict[str, nodes.Template] = {}
        self._page: tuple[str, str] | None = None  # (path, text) of the page about to be rendered
        self._installed: jinja2.Environment | None = None

    def parse(self, source: str) -> nodes.Template:
        """The page's text as a template tree, kept for compiling it later."""
        tree = self._parser.parse(source)
        self._trees[source] = tree
        return tree

    def rendering(self, path: str, source: str) -> None:
        """The plugin is about to render the page at `path`, whose text is `source`."""
        self._page = (path, source)

    def install(self, jinja: jinja2.Environment) -> None:
        """Make the plugin's environment compile pages through this object (once per environment)."""
        if self._installed is jinja:
            return
        self._installed = jinja
        cache = bytecode_cache(jinja)
        make = jinja.from_string

        def from_string(source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:  # noqa: A002 - Jinja's name
            if self._page is None or source != self._page[1]:
                return make(source, globals, template_class)
            code = self._compiled(jinja, cache, *self._page)
            return (template_class or jinja.template_class).from_code(jinja, code, jinja.make_globals(globals), None)

        jinja.from_string = from_string  # type: ignore[method-assign]

    def _compiled(self, jinja: jinja2.Environment, cache: jinja2.BytecodeCache | None, path: str, source: str) -> Any:
        bucket = cache.get_bucket(jinja, f"page:{path}", None, source) if cache else None
        tree = self._trees.pop(source, None)
        if bucket is not None and bucket.code is not None:
            return bucket.code
        if tree is not None:
            tree.set_environment(jinja)
        code = jinja.compile(tree if tree is not None else source)
        if cache and bucket is not None:
            bucket.code = code
            cache.set_bucket(bucket)
        return code

