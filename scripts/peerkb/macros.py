"""The MkDocs side of the package: registers variables and macros, nothing else.

mkdocs-macros calls `define_env` once per build (and again on each preview reload), which is
where the data is loaded and validated, once. A problem in any data file or page stops the
build with the full list. The macros below are thin wrappers over `render`, which tests call
directly.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import render
from .check import check_project
from .pages import PLUGIN_NAMES, SITE_MACROS
from .problems import format_problems

log = logging.getLogger("mkdocs.plugins.peerkb")

GLOSSARY_PAGE = "glossary/"


class MacroError(Exception):
    """A macro was called wrongly on a page; the message names the page and the key."""


class _PageState:
    """Sources cited on each page, in order of first citation, to list at the page's end."""

    def __init__(self) -> None:
        self.cited: dict[str, list[str]] = {}

    def cite(self, page: str, keys: list[str]) -> None:
        seen = self.cited.setdefault(page, [])
        seen.extend(k for k in keys if k not in seen)


def define_env(env: Any) -> None:
    """Load and validate all data once, then register the site's variables and macros."""
    root = Path(env.project_dir)
    known = SITE_MACROS | PLUGIN_NAMES | frozenset(env.variables) | frozenset(env.macros) | frozenset(env.filters)
    result = check_project(root, known_names=known)
    if result.problems:
        raise PluginError("The knowledge base has problems:\n" + format_problems(result.problems))
    kb = result.kb
    labels = render.citation_labels(kb.references.values())
    state = _PageState()
    env.variables["kb"] = kb
    env.variables["_kb_state"] = state

    def page_path() -> str:
        return f"docs/{env.page.file.src_uri}"

    def lookup(macro: str, table: dict[str, Any], key: Any, data_file: str) -> Any:
        if not isinstance(key, str) or key not in table:
            raise MacroError(f"{page_path()}: {macro}(): unknown key {key!r} (the known keys are listed in data/{data_file}.yml)")
        return table[key]

    @env.macro
    def cite(*keys: str) -> str:
        """In-text citation of one or more references: {{ cite("mead-2001", "repper-2013") }}."""
        if not keys:
            raise MacroError(f"{page_path()}: cite(): give at least one reference key")
        refs = [lookup("cite", kb.references, key, "references") for key in keys]
        state.cite(page_path(), list(keys))
        return render.render_citation(refs, labels)

    @env.macro
    def helplines(country: str) -> str:
        """Urgent-help numbers for one country or region: {{ helplines("lt") }}."""
        lookup("helplines", kb.countries, country, "countries")
        lines = [h for h in kb.helplines.values() if h.country == country]
        state.cite(page_path(), [h.source for h in lines])
        return render.render_helplines(lines, kb.organisations, labels)

    @env.macro
    def definitions_table() -> str:
        """All published definitions of peer support, side by side."""
        defs = list(kb.definitions.values())
        state.cite(page_path(), [d.source for d in defs])
        return render.render_definitions(defs, labels)

    @env.macro
    def term(key: str) -> str:
        """A glossary term with its definition as a tooltip: {{ term("lived-experience") }}."""
        entry = lookup("term", kb.glossary, key, "glossary")
        href = None
        if (root / "docs" / GLOSSARY_PAGE.rstrip("/")).with_suffix(".md").is_file():
            href = get_relative_url(GLOSSARY_PAGE, env.page.url)
        return render.render_term(entry, href)


def on_post_page_macros(env: Any) -> None:
    """After macros run on a page: append its sources, and tooltips for glossary abbreviations."""
    state: _PageState = env.variables["_kb_state"]
    kb = env.variables["kb"]
    keys = state.cited.get(f"docs/{env.page.file.src_uri}", [])
    extra = []
    if keys:
        extra.append("## Sources {#sources}\n\n" + render.render_sources(kb.references[k] for k in keys))
    abbreviations = render.abbreviation_lines(kb.glossary.values())
    if abbreviations:
        extra.append(abbreviations)
    if extra:
        env.markdown = env.markdown.rstrip() + "\n\n" + "\n\n".join(extra) + "\n"
