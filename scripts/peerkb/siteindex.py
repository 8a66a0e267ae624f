"""What each page cites and which page shows what, worked out before any page is rendered.

Macros render one page at a time, but some need to know about the whole site: the bibliography
links every reference back to the pages citing it, the organisation directory links to event pages,
and the check "every reference is cited somewhere" needs every page's citations. All of that comes
from one place: the macro calls found in the pages' source (`pages.macro_calls`) and the sources each
macro shows, declared with it in `sitemacros.REGISTRY`. The end of every page lists its sources from here,
and the theme links a page built from data to the data files it shows, where a reader can correct a fact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .editions import ROOT, of_path
from .pages import Page, macro_calls
from .sitemacros import data_files_shown, sources_shown
from .validate import KnowledgeBase


def page_url(src: str) -> str:
    """The URL of a page (with directory URLs) from its path under docs/: 'a/b.md' → 'a/b/', 'a/index.md' → 'a/'."""
    path, _, anchor = src.partition("#")
    stem = path[: -len(".md")]
    url = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    return url + (f"#{anchor}" if anchor else "")


@dataclass
class SiteIndex:
    """Citations per page and the pages that show the site-wide lists."""

    titles: dict[str, str] = field(default_factory=dict)  # docs-relative path → page title
    cited: dict[str, list[str]] = field(default_factory=dict)  # docs-relative path → reference keys
    shown_by: dict[str, list[str]] = field(default_factory=dict)  # macro name → pages calling it
    data: dict[str, list[str]] = field(default_factory=dict)  # docs-relative path → data files whose entries it shows

    def citing(self, key: str) -> list[str]:
        """English pages that cite a reference, in site order (translations cite what their English page cites)."""
        return [page for page, keys in self.cited.items() if key in keys and of_path(page).code == ROOT]

    def page_for(self, macro: str) -> str | None:
        """The English page that shows a site-wide list (the first calling `macro`), if any; a translated page links
        to its own edition's through RenderContext.localize."""
        pages = [page for page in self.shown_by.get(macro, []) if of_path(page).code == ROOT] or self.shown_by.get(macro, [])
        return pages[0] if pages else None

    def uncited(self, keys: Iterable[str]) -> list[str]:
        cited = {k for keys_ in self.cited.values() for k in keys_}
        return [k for k in keys if k not in cited]


def build_index(pages: list[Page], kb: KnowledgeBase, docs_dir: str = "docs") -> SiteIndex:
    """The site index from every page's macro calls."""
    index = SiteIndex()
    prefix = docs_dir.rstrip("/") + "/"
    for page in pages:
        src = page.path[len(prefix) :] if page.path.startswith(prefix) else page.path
        index.titles[src] = page.meta.title if page.meta else src
        keys: list[str] = []
        files: list[str] = []
        for call in macro_calls(page):
            args = [*call.args, *call.kwargs.values()]
            keys += sources_shown(call.name, args, kb)
            files += data_files_shown(call.name, args, kb)
            index.shown_by.setdefault(call.name, []).append(src)
        # A bibliography lists every source; that is not citing them.
        index.cited[src] = list(dict.fromkeys(keys))
        if files:
            index.data[src] = list(dict.fromkeys(files))
    return index
