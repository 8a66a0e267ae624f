"""MkDocs hooks of this site (mkdocs.yml → `hooks:`): build speed only, nothing that changes a page.

MkDocs makes a new Jinja environment for the theme on every build, and every preview reload, so Jinja
compiles Material's templates again each time: about sixty files, a noticeable share of a build. Jinja's
bytecode cache keeps them compiled between builds; see peerkb/jinjacache.py for how it stays correct.
"""

from __future__ import annotations

from typing import Any

import mkdocs
from jinja2 import Environment

from peerkb.jinjacache import bytecode_cache


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """Load the theme's compiled templates from the cache instead of compiling them on every build."""
    env.bytecode_cache = bytecode_cache(env, f"mkdocs {mkdocs.__version__}")
    return env
