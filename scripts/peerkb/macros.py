"""The MkDocs side of the package: checks the project once per build and renders each page with the site's macros.

mkdocs-macros calls `define_env` once per build (and again on each preview reload): the whole project is
checked there and the data loaded, once; a problem anywhere stops the build with the full list. The
macros themselves are plain functions in `sitemacros`, declared once in its registry.

Pages come from pull requests, so they are rendered here, in `pages.PageSandbox` with the site's macros
and nothing else, before the plugin would render them (mkdocs.yml sets `render_by_default: false`, which
`siteconfig` enforces). Each page's front matter as the check validated it replaces MkDocs' own reading of
it, so the theme shows only values that passed the check; and each page ends with what `sitemacros.page_end`
adds from the site index (recommendations based on it, its sources, the abbreviations).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import editions, render
from .check import ProjectCheck, check_project
from .interface import strings_for
from .pages import PageSandbox
from .problems import format_problems
from .siteindex import page_url
from .sitemacros import REGISTRY, MacroError, RenderContext, page_end


def link_from(current_url: str, edition: editions.Edition | None = None, pages: frozenset[str] = frozenset()) -> render.Href:
    """A function making links from the page at `current_url` (its address from the site's root, 'lt/recovery/' on a
    Lithuanian page) to pages given by their path under docs/. On a page of another edition than English, a link to
    an English page leads to its translation in that edition when there is one (`pages`: every page's path)."""

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        if edition is not None and edition.code != editions.ROOT and editions.of_path(path).code == editions.ROOT and edition.prefix + path in pages:
            path = edition.prefix + path
        url = page_url(path)
        fragment = f"#{anchor}" if anchor else ""
        if url == current_url and fragment:
            return fragment
        return get_relative_url(url, current_url) + fragment

    return href


class PageRenderer:
    """Renders one page after another: the sandbox holds every registered macro, bound to the page being built."""

    def __init__(self, result: ProjectCheck, site_url: str, language: str = editions.ROOT) -> None:
        self.meta = {page.path: page.meta.model_dump(exclude_none=True) for page in result.pages if page.meta}
        self.edition = editions.of_language(language)
        self.pages = frozenset(page.path.removeprefix("docs/") for page in result.pages)
        ui = strings_for(result.interface, language)
        self.context = RenderContext(
            result.kb,
            result.index,
            render.citation_labels(result.kb.references.values(), ui),
            site_url=site_url,
            help_page=result.help_page,
            edition=self.edition,
            pages=self.pages,
            translations=result.translations,
            language=language,
            ui=ui,
        )
        self.sandbox = PageSandbox({name: partial(self._call, name) for name in REGISTRY})

    def _call(self, name: str, *args: Any, **kwargs: Any) -> str:
        return REGISTRY[name](self.context, *args, **kwargs)

    def render(self, page: Any, markdown: str) -> str:
        """The page's Markdown with its macros rendered and its end added; its front matter replaced by the check's."""
        src = self.edition.prefix + page.file.src_uri
        self.context.page = src
        self.context.href = link_from(self.edition.prefix + page.url, self.edition, self.pages)
        self.context.citations = {}
        meta = self.meta.get(f"docs/{src}")
        if meta is not None:
            # In place: the plugin holds a copy of the page object that shares this dictionary.
            page.meta.clear()
            page.meta.update(meta)
        try:
            body = self.sandbox.from_string(markdown).render()
        except MacroError as error:
            raise PluginError(str(error)) from error
        except jinja2.TemplateError as error:
            raise PluginError(f"docs/{src}: {error} (pages may only call the site's macros with plain values)") from error
        end = page_end(self.context)
        return body.rstrip() + "\n\n" + end + "\n" if end else body


def _root_url(site_url: str, language: str) -> str:
    """The site's root address, from an edition's own (which ends with its folder, 'lt/')."""
    prefix = editions.of_language(language).prefix
    return site_url[: -len(prefix)] if prefix and site_url.endswith(prefix) else site_url


# The check of the English build, which the other editions' builds, run right after it in the same process
# (hooks.py), use instead of checking the same files again.
_checked: dict[Path, ProjectCheck] = {}


def define_env(env: Any) -> None:
    """Check the whole project and load its data once, then make the renderer every page goes through."""
    project = Path(env.project_dir).resolve()
    language = str(env.conf["theme"]["language"] or editions.ROOT)
    result = _checked.get(project) if language != editions.ROOT else None
    if result is None:
        result = check_project(project, building=True)
    _checked[project] = result
    if result.problems:
        raise PluginError("The knowledge base has problems:\n" + format_problems(result.problems))
    env.variables["kb"] = result.kb  # read by the build's HTML policy (hooks.py): the helplines' numbers
    env.variables["kb_index"] = result.index  # read by hooks.py: the data files each page shows, for its edit links
    language = str(env.conf["theme"]["language"] or "en")
    # The search dialog's own wording, in the site's language (data/search.yml), for the theme's templates.
    words = result.kb.search.get(language)
    env.conf["extra"]["search_close"] = words.close if words else "Close"
    # The site's own words in its language (data/interface.yml), which the theme's templates read as config.extra.ui.ID.
    # Templates escape them (| e); `ui_date` writes a date as readers see it in that language (22 November 2026).
    # Data is shown in the language where data/translations/ has it (i18n), in English where not.
    env.conf["extra"]["ui"] = strings_for(result.interface, language)
    env.conf["extra"]["ui_date"] = partial(render.long_date, language=language)
    env.variables["_kb_renderer"] = PageRenderer(result, _root_url(str(env.conf.get("site_url") or "/"), language), language)


def on_pre_page_macros(env: Any) -> None:
    """Before the plugin's turn on a page (it renders nothing itself): render the page in the sandbox."""
    renderer: PageRenderer = env.variables["_kb_renderer"]
    env.markdown = renderer.render(env.page, env.markdown)
