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

from . import render
from .check import ProjectCheck, check_project
from .pages import PageSandbox
from .problems import format_problems
from .siteindex import page_url
from .sitemacros import REGISTRY, MacroError, RenderContext, page_end


def link_from(current_url: str) -> render.Href:
    """A function making links from the page at `current_url` to pages given by their path under docs/."""

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        url = page_url(path)
        fragment = f"#{anchor}" if anchor else ""
        if url == current_url and fragment:
            return fragment
        return get_relative_url(url, current_url) + fragment

    return href


class PageRenderer:
    """Renders one page after another: the sandbox holds every registered macro, bound to the page being built."""

    def __init__(self, result: ProjectCheck, site_url: str, language: str = "en") -> None:
        self.meta = {page.path: page.meta.model_dump(exclude_none=True) for page in result.pages if page.meta}
        self.context = RenderContext(
            result.kb,
            result.index,
            render.citation_labels(result.kb.references.values()),
            site_url=site_url,
            help_page=result.help_page,
            language=language,
        )
        self.sandbox = PageSandbox({name: partial(self._call, name) for name in REGISTRY})

    def _call(self, name: str, *args: Any, **kwargs: Any) -> str:
        return REGISTRY[name](self.context, *args, **kwargs)

    def render(self, page: Any, markdown: str) -> str:
        """The page's Markdown with its macros rendered and its end added; its front matter replaced by the check's."""
        src = page.file.src_uri
        self.context.page = src
        self.context.href = link_from(page.url)
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


def define_env(env: Any) -> None:
    """Check the whole project and load its data once, then make the renderer every page goes through."""
    result = check_project(Path(env.project_dir), building=True)
    if result.problems:
        raise PluginError("The knowledge base has problems:\n" + format_problems(result.problems))
    env.variables["kb"] = result.kb  # read by the build's HTML policy (hooks.py): the helplines' numbers
    env.variables["kb_index"] = result.index  # read by hooks.py: the data files each page shows, for its edit links
    # The search dialog's own wording, in the site's language (data/search.yml), for the theme's templates.
    language = str(env.conf["theme"]["language"] or "en")
    words = result.kb.search.get(language)
    env.conf["extra"]["search_close"] = words.close if words else "Close"
    # The site's language: data is shown in it where data/translations/ has it (i18n), in English where not.
    env.variables["_kb_renderer"] = PageRenderer(result, str(env.conf.get("site_url") or "/"), language)


def on_pre_page_macros(env: Any) -> None:
    """Before the plugin's turn on a page (it renders nothing itself): render the page in the sandbox."""
    renderer: PageRenderer = env.variables["_kb_renderer"]
    env.markdown = renderer.render(env.page, env.markdown)
