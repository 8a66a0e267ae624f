"""What each page cites and which page shows what, worked out before any page is rendered.

Macros render one page at a time, but some need to know about the whole site: the bibliography
links every reference back to the pages citing it, the organisation directory links to event pages,
and the check "every reference is cited somewhere" needs every page's citations. All of that comes
from one place: the macro calls found in the pages' source (`pages.macro_calls`) and the sources each
data macro shows (`sources_shown`), which the macros themselves also use when they list a page's sources.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field

from .pages import Page, macro_calls
from .validate import KnowledgeBase


def sources_shown(macro: str, args: list[object], kb: KnowledgeBase) -> list[str]:
    """Reference keys a macro call shows on its page, in the order it shows them.

    One function for both uses: the macro registers these for the page's source list, and the site
    index counts them as citations.
    """
    keys: list[str] = []
    if macro == "cite":
        keys = [a for a in args if isinstance(a, str)]
    elif macro == "helplines":
        keys = [h.source for h in kb.helplines.values() if h.country == (args[0] if args else None)]
    elif macro == "definitions_table":
        keys = [d.source for d in kb.definitions.values()]
    elif macro == "country_table":
        keys = [k for c in kb.countries.values() if c.profile for k in c.profile.sources]
    elif macro == "country_facts":
        country = kb.countries.get(args[0]) if args and isinstance(args[0], str) else None
        keys = list(country.profile.sources) if country and country.profile else []
    elif macro == "event":
        event = kb.events.get(args[0]) if args and isinstance(args[0], str) else None
        keys = list(event.sources) if event else []
    elif macro == "glossary":
        keys = [k for t in kb.glossary.values() for k in t.sources]
    elif macro == "recommendations":
        keys = [k for r in kb.recommendations.values() for k in r.evidence]
    elif macro == "recommendations_for":
        keys = [k for r in recommendations_for(kb, args[0] if args else None) for k in r.evidence]
    # recommendation_list() shows no evidence (its links lead to the full text, which does).
    return list(dict.fromkeys(keys))


def recommendations_for(kb: KnowledgeBase, audience: object) -> list:
    """Current recommendations for one audience, in id order."""
    return sorted((r for r in kb.recommendations.values() if r.status == "current" and audience in r.audiences), key=lambda r: r.id)


def page_url(src: str) -> str:
    """The URL of a page (with directory URLs) from its path under docs/: 'a/b.md' → 'a/b/', 'a/index.md' → 'a/'."""
    path, _, anchor = src.partition("#")
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        url = stem[: -len("index")]
    else:
        url = stem + "/"
    return url + (f"#{anchor}" if anchor else "")


@dataclass
class SiteIndex:
    """Citations per page and the pages that show the site-wide lists."""

    titles: dict[str, str] = field(default_factory=dict)  # docs-relative path → page title
    cited: dict[str, list[str]] = field(default_factory=dict)  # docs-relative path → reference keys
    shown_by: dict[str, list[str]] = field(default_factory=dict)  # macro name → pages calling it

    def citing(self, key: str) -> list[str]:
        """Pages that cite a reference, in site order."""
        return [page for page, keys in self.cited.items() if key in keys]

    def page_for(self, macro: str) -> str | None:
        """The page that shows a site-wide list (the first page calling `macro`), if any."""
        pages = self.shown_by.get(macro, [])
        return pages[0] if pages else None

    def uncited(self, keys: Iterable[str]) -> list[str]:
        cited = {k for keys_ in self.cited.values() for k in keys_}
        return [k for k in keys if k not in cited]


def build_index(pages: list[Page], kb: KnowledgeBase, docs_dir: str = "docs") -> SiteIndex:
    """The site index from every page's macro calls. Arguments that are not plain strings are skipped."""
    index = SiteIndex()
    prefix = docs_dir.rstrip("/") + "/"
    for page in pages:
        src = page.path[len(prefix):] if page.path.startswith(prefix) else page.path
        index.titles[src] = page.meta.title if page.meta else src
        keys: list[str] = []
        for name, args, _keywords, _line in macro_calls(page):
            values = [a.value if isinstance(a, ast.Constant) else None for a in args]
            keys += sources_shown(name, values, kb)
            index.shown_by.setdefault(name, []).append(src)
        # A bibliography lists every source; that is not citing them.
        index.cited[src] = list(dict.fromkeys(keys))
    return index
