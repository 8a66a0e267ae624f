"""The MkDocs side of the package: checks the project, registers the macros, and renders pages with them.

mkdocs-macros calls `define_env` once per build (and again on each preview reload), which is
where the whole project is checked and the data loaded, once. A problem in any data file or page
stops the build with the full list. The macros below are thin wrappers over `render`, which tests
call directly.

Pages come from pull requests, so they are rendered here, in `pages.PageSandbox` with the site's
macros and nothing else, before the plugin would render them (mkdocs.yml sets `render_by_default:
false`, which `siteconfig` enforces). Each page's front matter as the check validated it replaces
MkDocs' own reading of it, so the theme shows only values that passed the check.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import render, siteindex
from .check import check_project
from .content import avoid_phrases
from .pages import MACRO_KEYS, SITE_MACROS, PageSandbox, key_problem
from .problems import format_problems
from .siteindex import page_url, sources_shown

log = logging.getLogger("mkdocs.plugins.peerkb")


class MacroError(Exception):
    """A macro was called wrongly on a page; the message names the page and the key."""


class _PageState:
    """Sources cited on each page, in order of first citation, to list at the page's end."""

    def __init__(self, abbreviations: str = "") -> None:
        self.cited: dict[str, list[str]] = {}
        self.bibliography_pages: set[str] = set()  # they list every source already
        self.abbreviations = abbreviations  # the glossary's abbreviation lines, the same on every page

    def cite(self, page: str, keys: list[str]) -> None:
        seen = self.cited.setdefault(page, [])
        seen.extend(k for k in keys if k not in seen)


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


def define_env(env: Any) -> None:
    """Load and validate all data once, then register the site's variables and macros."""
    root = Path(env.project_dir)
    result = check_project(root, building=True)
    if result.problems:
        raise PluginError("The knowledge base has problems:\n" + format_problems(result.problems))
    kb = result.kb
    index = result.index
    labels = render.citation_labels(kb.references.values())
    state = _PageState(render.abbreviation_lines(kb.glossary.values()))
    env.variables["kb"] = kb
    env.variables["_kb_state"] = state
    env.variables["_kb_meta"] = {page.path: page.meta.model_dump(exclude_none=True) for page in result.pages if page.meta}

    def page_path() -> str:
        return f"docs/{env.page.file.src_uri}"

    def href(target: str) -> str:
        return link_from(env.page.url)(target)

    def shows(macro: str, *args: Any) -> None:
        """Check the call's key and list the sources the macro shows on this page."""
        if macro in MACRO_KEYS:
            problem = key_problem(macro, args[0] if args else None, kb)
            if problem:
                raise MacroError(f"{page_path()}: {problem[0]} ({problem[1]})")
        state.cite(page_path(), sources_shown(macro, list(args), kb))

    @env.macro
    def cite(*keys: str) -> str:
        """In-text citation of one or more references: {{ cite("mead-2001", "repper-2013") }}."""
        if not keys:
            raise MacroError(f"{page_path()}: cite(): give at least one reference key")
        for key in keys:
            shows("cite", key)
        return render.render_citation([kb.references[k] for k in keys], labels)

    @env.macro
    def helplines(country: str) -> str:
        """Urgent-help numbers for one country or region: {{ helplines("lt") }}."""
        shows("helplines", country)
        lines = [h for h in kb.helplines.values() if h.country == country]
        return render.render_helplines(lines, kb.organisations, labels, kb.references)

    @env.macro
    def definitions_table() -> str:
        """All published definitions of peer support, side by side."""
        shows("definitions_table")
        return render.render_definitions(kb.definitions.values(), labels)

    @env.macro
    def term(key: str, text: str | None = None) -> str:
        """A glossary term with its definition as a tooltip: {{ term("lived-experience") }}, or with other
        words shown, e.g. in the middle of a sentence: {{ term("rct", "randomised controlled trials") }}."""
        shows("term", key)
        glossary_page = index.page_for("glossary")
        return render.render_term(kb.glossary[key], href(glossary_page) if glossary_page else None, text)

    @env.macro
    def avoid(phrase: str) -> str:
        """A phrase to avoid, quoted on purpose, with the alternative: {{ avoid("suffers from") }}."""
        shows("avoid", phrase)
        return render.render_avoid(phrase, avoid_phrases(kb.wording.values())[phrase.lower()])

    @env.macro
    def wording_table() -> str:
        """Every wording rule in data/wording.yml: the phrases to avoid, what to write instead, and why."""
        shows("wording_table")
        return render.render_wording_table(kb.wording.values())

    @env.macro
    def country_table() -> str:
        """The international comparison table of every country with a profile."""
        shows("country_table")
        return render.render_country_table(kb.countries.values(), kb.organisations, labels, href, index.page_for("organisations_directory"))

    @env.macro
    def country_facts(country: str) -> str:
        """The facts box of one country profile: {{ country_facts("no") }}."""
        shows("country_facts", country)
        return render.render_country_facts(
            kb.countries[country], kb.organisations, labels, href, index.page_for("organisations_directory"), index.page_for("country_table")
        )

    @env.macro
    def event(key: str) -> str:
        """The facts box of one project, visit, session or webinar: {{ event("vilnius-study-visit-2024") }}."""
        shows("event", key)
        return render.render_event(
            kb.events[key], kb.events, kb.organisations, kb.countries, labels, href, index.page_for("organisations_directory"), kb.references
        )

    @env.macro
    def events(project: str) -> str:
        """The events that were part of a project, linked to their pages: {{ events("project-id") }}."""
        shows("events", project)
        return render.render_events([e for e in kb.events.values() if e.part_of == project], href)

    @env.macro
    def organisations_directory() -> str:
        """Every organisation named on the site, by country, with the events it took part in."""
        shows("organisations_directory")
        return render.render_organisations(kb.organisations.values(), kb.countries, kb.events.values(), href)

    @env.macro
    def bibliography() -> str:
        """Every reference, with links back to the pages that cite it."""
        shows("bibliography")
        state.bibliography_pages.add(page_path())
        citing = {key: [(page, index.titles[page]) for page in index.citing(key)] for key in kb.references}
        return render.render_bibliography(kb.references.values(), citing, href)

    @env.macro
    def glossary() -> str:
        """Every glossary term, with its sources and related terms."""
        shows("glossary")
        return render.render_glossary(kb.glossary.values(), labels)


    def address(path: str) -> str:
        """The full published address of a page, for links readers copy into documents."""
        return str(env.conf.get("site_url") or "/").rstrip("/") + "/" + page_url(path)

    @env.macro
    def recommendations() -> str:
        """Every recommendation, grouped by theme, each under a heading whose anchor is its id."""
        shows("recommendations")
        return render.render_recommendations(
            kb.recommendations.values(), labels, href, index.titles, kb.events, address(env.page.file.src_uri),
            kb.organisations, kb.references,
        )

    @env.macro
    def recommendations_for(audience: str, level: int = 2) -> str:
        """The current recommendations for one audience: {{ recommendations_for("national-policymakers") }}.
        level is the heading level of each recommendation: 3 under a section of its own."""
        shows("recommendations_for", audience)
        if level not in (2, 3):
            raise MacroError(f"{page_path()}: recommendations_for(): level must be 2 or 3, not {level!r}")
        return render.render_recommendation_summaries(
            siteindex.recommendations_for(kb, audience), labels, index.page_for("recommendations"), href, level
        )

    @env.macro
    def recommendation_list(*ids: str) -> str:
        """Chosen recommendations in short (id, title, statement, link to the full text), for a brief:
        {{ recommendation_list("R01", "R04") }}."""
        if not ids:
            raise MacroError(f"{page_path()}: recommendation_list(): give at least one recommendation id")
        for key in ids:
            shows("recommendation_list", key)
        return render.render_recommendation_list([kb.recommendations[k] for k in ids], index.page_for("recommendations"), href)

    def based_on(src: str) -> str:
        """'Recommendations based on this page', linking back from a page to the recommendations citing it."""
        full_page = index.page_for("recommendations")
        recs = [r for r in kb.recommendations.values() if r.status == "current" and any(p.partition("#")[0] == src for p in r.related_pages)]
        if not recs or not full_page or full_page == src:
            return ""
        target = posixpath.relpath(full_page, posixpath.dirname(src) or ".")
        items = "\n".join(f"- [{r.id}: {render.markdown_escape(r.title)}]({target}#{r.id})" for r in recs)
        return "## Recommendations based on this page {#recommendations}\n\n" + items

    env.variables["_kb_based_on"] = based_on
    env.variables["_kb_sandbox"] = PageSandbox({name: env.macros[name] for name in SITE_MACROS})


def on_pre_page_macros(env: Any) -> None:
    """Before the plugin's turn on a page: put the validated front matter in place of MkDocs' reading of it,
    then render the page's macros in the sandbox."""
    page = f"docs/{env.page.file.src_uri}"
    meta = env.variables["_kb_meta"].get(page)
    if meta is not None:
        # In place: the plugin holds a copy of the page object that shares this dictionary.
        env.page.meta.clear()
        env.page.meta.update(meta)
    sandbox: PageSandbox = env.variables["_kb_sandbox"]
    try:
        env.markdown = sandbox.from_string(env.markdown).render()
    except MacroError as error:
        raise PluginError(str(error)) from error
    except jinja2.TemplateError as error:
        raise PluginError(f"{page}: {error} (pages may only call the site's macros with plain values)") from error


def on_post_page_macros(env: Any) -> None:
    """After macros run on a page: append its sources, and tooltips for glossary abbreviations."""
    state: _PageState = env.variables["_kb_state"]
    kb = env.variables["kb"]
    page = f"docs/{env.page.file.src_uri}"
    keys = state.cited.get(page, [])
    extra = []
    backlinks = env.variables["_kb_based_on"](env.page.file.src_uri)
    if backlinks:
        extra.append(backlinks)
    if keys and page not in state.bibliography_pages:
        extra.append("## Sources {#sources}\n\n" + render.render_sources(kb.references[k] for k in keys))
    if state.abbreviations:
        extra.append(state.abbreviations)
    if extra:
        env.markdown = env.markdown.rstrip() + "\n\n" + "\n\n".join(extra) + "\n"
